//! `POST /agent/v3/stream/{sid}/share`.

use axum::extract::State;
use axum::routing::post;
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::messages::SharedArticle;

use super::stream_id;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Session};

pub fn routes() -> Router<AppState> {
    Router::new().route("/agent/v3/stream/{sid}/share", post(share))
}

/// `ShareArticle`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArticleIn {
    article_id: Option<String>,
    title: Option<String>,
    sub_title: Option<String>,
    message: Option<String>,
    publisher: Option<String>,
    publish_date: Option<i64>,
    thumbnail_url: Option<String>,
    author: Option<String>,
    article_url: Option<String>,
    summary: Option<String>,
    app_id: Option<String>,
    app_name: Option<String>,
    app_icon_url: Option<String>,
}

/// `ShareContent`.
#[derive(Deserialize)]
struct ShareContent {
    #[serde(rename = "type")]
    kind: Option<String>,
    content: Option<ArticleIn>,
}

/// `POST /agent/v3/stream/{sid}/share`: shares an article (`com.symphony.sharing.article`) into the
/// stream as a message, emitting `SHAREDPOST`. Answers `V2Message` (its `timestamp` a string, as the
/// spec types it).
async fn share(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(sid): Path<String>,
    Json(body): Json<ShareContent>,
) -> ApiResult<JsonOut<Value>> {
    let sid = stream_id(&sid)?;
    let a = body.content.ok_or_else(|| ApiError::bad_request("content is required"))?;
    let article = SharedArticle {
        article_id: a.article_id,
        title: a.title.unwrap_or_default(),
        sub_title: a.sub_title,
        message: a.message,
        publisher: a.publisher.unwrap_or_default(),
        publish_date: a.publish_date,
        thumbnail_url: a.thumbnail_url,
        author: a.author.unwrap_or_default(),
        article_url: a.article_url,
        summary: a.summary,
        app_id: a.app_id.unwrap_or_default(),
        app_name: a.app_name,
        app_icon_url: a.app_icon_url,
    };
    let view =
        state.core.share_article(&caller, &sid, body.kind.as_deref().unwrap_or_default(), &article).await?;
    let m = &view.message;
    Ok(JsonOut(json!({
        "id": m.id.as_str(),
        "timestamp": m.created_at.to_string(),
        "v2messageType": "V2Message",
        "streamId": m.stream.as_str(),
        "message": m.content.presentation_ml,
        "fromUserId": m.author.0,
        "attachments": [],
    })))
}
