//! Suppression, message status and a stream's attachments (Pod API).

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_model::MessageId;
use sympod_model::user::User;

use super::stream_id;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query, Session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v1/admin/messagesuppression/{id}/suppress", post(suppress))
        .route("/pod/v1/message/{mid}/status", get(status))
        .route("/pod/v1/streams/{sid}/attachments", get(attachments))
}

/// `POST /pod/v1/admin/messagesuppression/{id}/suppress`: compliance officers and content managers.
/// Answers `MessageSuppressionResponse`.
async fn suppress(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let message = state.core.suppress_message(&caller, &MessageId::parse(&id)?).await?;
    Ok(JsonOut(
        json!({ "messageId": message.id.as_str(), "suppressed": true, "suppressionDate": message.suppressed_at }),
    ))
}

/// `MessageStatusUser`: the spec types `userId` and `timestamp` as strings.
fn status_user(u: &User, at: i64) -> Value {
    let mut v = json!({ "userId": u.id.0.to_string(), "displayName": u.display_name, "userName": u.username, "timestamp": at.to_string() });
    for (key, value) in
        [("firstName", &u.profile.first_name), ("lastName", &u.profile.last_name), ("email", &u.email)]
    {
        if let Some(value) = value {
            v[key] = json!(value);
        }
    }
    v
}

/// `GET /pod/v1/message/{mid}/status`: the author, and the recipients as `sent` (sympod tracks no
/// deliveries or reads). An unknown message is the 404 the spec declares.
async fn status(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(mid): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let status = state
        .core
        .message_status(&caller, &MessageId::parse(&mid)?)
        .await
        .map_err(ApiError::declaring_404)?;
    let at = status.message.created_at;
    Ok(JsonOut(json!({
        "author": status.author.as_ref().map(|u| status_user(u, at)),
        "read": [],
        "delivered": [],
        "sent": status.recipients.iter().map(|u| status_user(u, at)).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AttachmentsQuery {
    since: Option<i64>,
    to: Option<i64>,
    limit: Option<i64>,
    sort_dir: Option<String>,
}

/// `GET /pod/v1/streams/{sid}/attachments?since=&to=&limit=&sortDir=`: `[StreamAttachmentItem]`,
/// `limit` 50 by default, at most 100; `sortDir` `ASC` (default) or `DESC`.
async fn attachments(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(sid): Path<String>,
    Query(q): Query<AttachmentsQuery>,
) -> ApiResult<JsonOut<Value>> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::bad_request("limit must be 1 to 100"));
    }
    let descending = match q.sort_dir.as_deref().map(str::to_ascii_uppercase).as_deref() {
        None | Some("ASC") => false,
        Some("DESC") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!("sortDir must be ASC or DESC, not {other}")));
        }
    };
    let files = state
        .core
        .stream_attachments(&caller, &stream_id(&sid)?, q.since, q.to, limit as usize, descending)
        .await?;
    Ok(JsonOut(json!(files
        .iter()
        .map(|(m, a)| json!({
            "messageId": m.id.as_str(), "ingestionDate": m.created_at, "userId": m.author.0,
            "fileId": a.id, "name": a.name, "size": a.size, "content-type": a.content_type, "previews": [],
        }))
        .collect::<Vec<_>>())))
}
