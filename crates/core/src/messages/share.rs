//! `POST /agent/v3/stream/{sid}/share`: sharing an article into a stream.
//!
//! The article becomes a message of the stream, built as MessageML and converted like any other
//! (so its text is escaped and its link checked), with the article itself in its EntityJSON under
//! `article`. It causes a `SHAREDPOST` event rather than `MESSAGESENT`.

use serde::Serialize;
use sympod_model::RuleError;
use sympod_model::event::EventKind;
use sympod_model::rules::messages::can_send;
use sympod_model::{Millis, StreamId};

use super::{MessageView, Prepared};
use crate::{Caller, Core, CoreResult};

/// The one content type the spec supports.
pub const ARTICLE_TYPE: &str = "com.symphony.sharing.article";

/// `ShareArticle`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedArticle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub publisher: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publish_date: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    pub author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub app_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_icon_url: Option<String>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl SharedArticle {
    /// The spec's requirements: `appId`, `author`, `publisher`, `title`, and an `articleId` or an
    /// `articleUrl`.
    fn validate(&self) -> Result<(), RuleError> {
        for (field, value) in [
            ("appId", &self.app_id),
            ("author", &self.author),
            ("publisher", &self.publisher),
            ("title", &self.title),
        ] {
            if value.trim().is_empty() {
                return Err(RuleError::invalid(format!("content.{field} is required")));
            }
        }
        if self.article_id.is_none() && self.article_url.is_none() {
            return Err(RuleError::invalid("content.articleId or content.articleUrl is required"));
        }
        Ok(())
    }

    /// The article as MessageML: its message, then its title (a link when it has a URL) and origin.
    fn message_ml(&self) -> String {
        let title = match &self.article_url {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&self.title)),
            None => format!("<b>{}</b>", escape(&self.title)),
        };
        let lead = self.message.as_deref().map(|m| format!("{}<br/>", escape(m))).unwrap_or_default();
        format!(
            "<messageML>{lead}{title} ({}, {})</messageML>",
            escape(&self.publisher),
            escape(&self.author)
        )
    }
}

impl Core {
    /// Shares `article` into stream `sid`, as a member who may send there.
    pub async fn share_article(
        &self,
        caller: &Caller,
        sid: &StreamId,
        kind: &str,
        article: &SharedArticle,
    ) -> CoreResult<MessageView> {
        if kind != ARTICLE_TYPE {
            return Err(RuleError::invalid(format!("type must be {ARTICLE_TYPE}")).into());
        }
        article.validate()?;
        let data =
            serde_json::json!({ "article": { "type": ARTICLE_TYPE, "version": "1.0", "value": article } });
        let state = self.load_stream(sid).await?;
        can_send(&state, &caller.user, caller.app.as_ref())?;
        let content = self.convert_message(&article.message_ml(), Some(&data.to_string()), None).await?;
        // A share is a message like any other for Data Loss Prevention: its text (the article's
        // message, title, publisher and author) is screened, and a blocking policy refuses it (451).
        let screening = self.screen_message(caller.user.id, &content, &[], &[&state], None).await?;
        let prepared = Prepared { content, files: Vec::new(), screening };
        self.post_as(caller, state, &prepared, |m| EventKind::SharedPost { message: m }).await
    }
}
