//! Suppression, message status, and a stream's attachments.

use sympod_model::catalogue::{COMPLIANCE_OFFICER, CONTENT_MANAGEMENT, SUPER_COMPLIANCE_OFFICER};
use sympod_model::event::{EventKind, NewEvent};
use sympod_model::message::{Attachment, Message, MessageState};
use sympod_model::rules::admin::LACKS_ENTITLEMENT;
use sympod_model::rules::messages::readable_since;
use sympod_model::user::User;
use sympod_model::{MessageId, Millis, RuleError, StreamId};
use sympod_store::{MessagePage, StoreError};

use super::message_not_found;
use crate::{Caller, Core, CoreResult};

/// What a suppressed message says instead of what it said.
pub const SUPPRESSED_PRESENTATION_ML: &str =
    "<div data-format=\"PresentationML\" data-version=\"2.0\">This message was suppressed.</div>";

/// `MessageStatus`: sympod tracks no reads or deliveries, so every recipient is in `sent`.
#[derive(Debug, Clone)]
pub struct MessageStatus {
    pub message: Message,
    pub author: Option<User>,
    pub recipients: Vec<User>,
}

impl Core {
    /// `POST /pod/v1/admin/messagesuppression/{id}/suppress`: compliance officers and content
    /// managers replace a message's content with a suppression marker; `MESSAGESUPPRESSED` goes to
    /// the stream's members. Suppressing it again changes nothing.
    pub async fn suppress_message(&self, caller: &Caller, mid: &MessageId) -> CoreResult<Message> {
        if !caller.user.has_any_role(&[COMPLIANCE_OFFICER, SUPER_COMPLIANCE_OFFICER, CONTENT_MANAGEMENT]) {
            return Err(RuleError::forbidden(LACKS_ENTITLEMENT).into());
        }
        let (now, me) = (self.now(), caller.user.id);
        let mut apply = |s: &sympod_model::stream::StreamState, chain: &mut [Message]| {
            // Every version of the chain: an edit must not keep what its successor suppressed.
            if chain.iter().all(|m| m.state == MessageState::Suppressed) {
                return Ok(Vec::new());
            }
            for m in chain.iter_mut() {
                m.state = MessageState::Suppressed;
                m.suppressed_at = Some(now);
                m.content.presentation_ml = SUPPRESSED_PRESENTATION_ML.to_owned();
                m.content.data = "{}".to_owned();
                m.content.text = String::new();
                m.content.hashtags.clear();
                m.content.cashtags.clear();
                m.content.mentions.clear();
                m.attachments.clear();
            }
            Ok(vec![NewEvent {
                at: now,
                initiator: me,
                stream: s.stream.id.clone(),
                stream_type: s.stream.kind,
                kind: EventKind::MessageSuppressed { message: mid.clone() },
                audience: s.current_ids(),
            }])
        };
        let chain = self.store.modify_chain(mid, &mut apply).await.map_err(|e| match e {
            StoreError::NotFound => message_not_found(mid),
            other => other.into(),
        })?;
        chain.into_iter().find(|m| &m.id == mid).ok_or_else(|| message_not_found(mid))
    }

    /// `GET /pod/v1/message/{mid}/status`: for members of the message's stream.
    pub async fn message_status(&self, caller: &Caller, mid: &MessageId) -> CoreResult<MessageStatus> {
        let (message, state) = self.readable(caller, mid).await?;
        let ids = state.current_ids();
        let users = self.store.users_by_ids(&ids).await?;
        let author = users
            .iter()
            .find(|u| u.id == message.author)
            .cloned()
            .or(self.store.user(message.author).await?);
        let recipients = users.into_iter().filter(|u| u.id != message.author).collect();
        Ok(MessageStatus { message, author, recipients })
    }

    /// `GET /pod/v1/streams/{sid}/attachments`: the files of the stream's messages the caller may
    /// read, oldest first (or newest first with `descending`), between `since` and `to`.
    pub async fn stream_attachments(
        &self,
        caller: &Caller,
        sid: &StreamId,
        since: Option<Millis>,
        to: Option<Millis>,
        limit: usize,
        descending: bool,
    ) -> CoreResult<Vec<(Message, Attachment)>> {
        let state = self.load_stream(sid).await?;
        let visible_from = readable_since(&state, &caller.user)?;
        let page = MessagePage {
            since: since.unwrap_or(Millis::MIN),
            until: to,
            visible_from,
            skip: 0,
            limit: i64::MAX,
        };
        let mut files: Vec<(Message, Attachment)> = self
            .store
            .stream_messages(sid, page)
            .await?
            .into_iter()
            .flat_map(|m| m.attachments.clone().into_iter().map(move |a| (m.clone(), a)))
            .collect();
        if descending {
            files.reverse();
        }
        files.truncate(limit);
        Ok(files)
    }
}
