//! Messages on the agent: create, update, read, list, attachments.

use axum::body::Body;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use base64::Engine as _;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::CoreError;
use sympod_core::messages::{FileReader, MessageInput, Upload};
use sympod_model::{MessageId, RuleError};
use sympod_store::FileBody;

use super::stream_id;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Form, Path, Query, Session};
use crate::views::messages::v4_message;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v4/stream/{sid}/message/create", post(create))
        .route("/agent/v4/stream/{sid}/message/{mid}/update", post(update))
        .route("/agent/v1/message/{id}", get(one))
        .route("/agent/v4/stream/{sid}/message", get(list))
        .route("/agent/v1/stream/{sid}/attachment", get(attachment))
        .route("/agent/v4/message/blast", post(blast))
        .route("/agent/v1/stream/{sid}/message/{mid}/form/{form_id}/submit", post(submit_form))
}

fn message_id(raw: &str) -> ApiResult<MessageId> {
    Ok(MessageId::parse(raw)?)
}

/// Reads the multipart body the SDK builds: text parts `message`, `data`, `version`, `silent`, and
/// file parts `attachment` (and `preview`, accepted and not kept). Parts come in any order. A file
/// past `max` bytes is refused as it arrives, before it is all read.
async fn read_input(form: Multipart, max: usize) -> ApiResult<MessageInput> {
    Ok(read_form(form, max).await?.0)
}

/// Reads a message's multipart body, and the `sids` of a blast (comma-separated, in one part or
/// several).
async fn read_form(mut form: Multipart, max: usize) -> ApiResult<(MessageInput, Vec<String>)> {
    let mut input = MessageInput::default();
    let mut sids = Vec::new();
    let mut message = None;
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::new(e.status(), format!("Invalid multipart body: {}", e.body_text()))
    };
    while let Some(mut field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "attachment" | "preview" => {
                let file_name = field.file_name().unwrap_or("attachment").to_owned();
                let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
                let mut body = FileBody::default();
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    if body.len() + chunk.len() > max {
                        return Err(ApiError::new(
                            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                            format!("The attachment {file_name} is larger than the limit of {max} bytes"),
                        ));
                    }
                    // The body's own buffer, kept as it came: the file is in memory once.
                    body.push(chunk);
                }
                if name == "attachment" {
                    input.attachments.push(Upload { name: file_name, content_type, body });
                }
            }
            _ => {
                let text = field.text().await.map_err(bad)?;
                match name.as_str() {
                    "message" => message = Some(text),
                    "data" => input.data = Some(text),
                    "version" => input.version = Some(text),
                    "silent" => input.silent = Some(parse_bool(&text)?),
                    "sids" => sids
                        .extend(text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)),
                    _ => {}
                }
            }
        }
    }
    input.message = message.ok_or_else(|| ApiError::bad_request("The multipart part message is required"))?;
    Ok((input, sids))
}

/// `true`/`false` in any case: the SDK sends Python's `True`/`False`.
fn parse_bool(text: &str) -> ApiResult<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(ApiError::bad_request(format!("silent must be true or false, not {other}"))),
    }
}

/// `POST /agent/v4/stream/{sid}/message/create` (multipart): MessageML or PresentationML with
/// optional `data`, `version` and attachments (`sendFilesEnabled`; larger than the limit: 413).
/// Members of an active stream; owners only in a read-only room. Answers `V4Message`.
async fn create(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(sid): Path<String>,
    Form(form): Form,
) -> ApiResult<JsonOut<Value>> {
    let sid = stream_id(&sid)?;
    state.core.may_post(&caller, &sid).await?;
    let input = read_input(form, state.core.config().max_attachment_bytes).await?;
    let view = state.core.send_message(&caller, &sid, input).await?;
    Ok(JsonOut(v4_message(&view)))
}

/// `POST /agent/v4/stream/{sid}/message/{mid}/update` (multipart, plus `silent`, true by default):
/// a new version replacing `mid`, which must be the newest version of a message of `sid` sent by the
/// caller, who holds `canUpdateMessage`. A message not of the stream is a 404.
async fn update(
    State(state): State<AppState>,
    Session(caller): Session,
    Path((sid, mid)): Path<(String, String)>,
    Form(form): Form,
) -> ApiResult<JsonOut<Value>> {
    let (sid, mid) = (stream_id(&sid)?, message_id(&mid)?);
    state.core.may_update(&caller, &sid, &mid).await.map_err(ApiError::declaring_404)?;
    let input = read_input(form, state.core.config().max_attachment_bytes).await?;
    let view =
        state.core.update_message(&caller, &sid, &mid, input).await.map_err(ApiError::declaring_404)?;
    Ok(JsonOut(v4_message(&view)))
}

/// `GET /agent/v1/message/{id}`: any version of a message; 204 ("No Messages", as the spec
/// declares, which the SDK answers as `None`) when there is no message of that id.
async fn one(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    match state.core.get_message(&caller, &message_id(&id)?).await {
        Ok(view) => Ok(JsonOut(v4_message(&view)).into_response()),
        Err(CoreError::Rule(RuleError::NotFound(_))) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ListQuery {
    since: Option<i64>,
    until: Option<i64>,
    skip: Option<i64>,
    limit: Option<i64>,
}

/// `GET /agent/v4/stream/{sid}/message?since=&until=&skip=&limit=`: the newest versions of the
/// stream's messages, in conversation order; `limit` 50 by default, at most 500. A member of a room
/// without `viewHistory` sees only what was sent after they joined.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(sid): Path<String>,
    Query(q): Query<ListQuery>,
) -> ApiResult<JsonOut<Value>> {
    let since = q.since.ok_or_else(|| ApiError::bad_request("The query parameter since is required"))?;
    let views = state
        .core
        .list_messages(&caller, &stream_id(&sid)?, since, q.until, q.skip.unwrap_or(0), q.limit.unwrap_or(50))
        .await?;
    Ok(JsonOut(json!(views.iter().map(v4_message).collect::<Vec<_>>())))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AttachmentQuery {
    file_id: Option<String>,
    message_id: Option<String>,
}

/// `GET /agent/v1/stream/{sid}/attachment?fileId=&messageId=`: the file, base64-encoded, streamed a
/// stored chunk at a time (chunks are a multiple of 3 bytes, so their encodings concatenate).
async fn attachment(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(sid): Path<String>,
    Query(q): Query<AttachmentQuery>,
) -> ApiResult<Response> {
    let file = q.file_id.ok_or_else(|| ApiError::bad_request("The query parameter fileId is required"))?;
    let mid = message_id(
        &q.message_id.ok_or_else(|| ApiError::bad_request("The query parameter messageId is required"))?,
    )?;
    let file = state.core.attachment(&caller, &stream_id(&sid)?, &mid, &file).await?;
    Ok(base64_file(file))
}

/// A stored file as its base64 text, streamed one chunk at a time (a chunk is a multiple of 3
/// bytes, so the encoded chunks concatenate), with its exact length.
pub(crate) fn base64_file(file: FileReader) -> Response {
    let encoded_len = (file.size.max(0) as u64).div_ceil(3) * 4;
    let chunks = futures_util::stream::try_unfold((file, 0), |(file, seq)| async move {
        if seq >= file.chunks() {
            return Ok(None);
        }
        let chunk = file.chunk(seq).await?;
        let text = base64::engine::general_purpose::STANDARD.encode(chunk);
        Ok::<_, sympod_core::CoreError>(Some((Bytes::from(text), (file, seq + 1))))
    });
    let headers = [
        (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
        (header::CONTENT_LENGTH, encoded_len.to_string()),
    ];
    (headers, Body::from_stream(chunks)).into_response()
}

/// `POST /agent/v4/message/blast` (multipart, plus `sids`): the message to each of at most 100
/// streams, each checked as a send. `V4MessageBlastResponse`: the messages sent, and an `Error` per
/// stream that refused.
async fn blast(
    State(state): State<AppState>,
    Session(caller): Session,
    Form(form): Form,
) -> ApiResult<JsonOut<Value>> {
    let (input, raw) = read_form(form, state.core.config().max_attachment_bytes).await?;
    let mut errors = serde_json::Map::new();
    let mut sids = Vec::new();
    for text in raw {
        match stream_id(&text) {
            Ok(sid) if !sids.contains(&sid) => sids.push(sid),
            Ok(_) => {}
            Err(e) => {
                errors.insert(text, json!({ "code": e.status.as_u16(), "message": e.message }));
            }
        }
    }
    if sids.is_empty() && errors.is_empty() {
        return Err(ApiError::bad_request("sids must name at least one stream"));
    }
    let blast = state.core.blast_message(&caller, &sids, input).await?;
    for (sid, err) in blast.failed {
        let err = ApiError::from(err);
        errors.insert(sid.to_string(), json!({ "code": err.status.as_u16(), "message": err.message }));
    }
    Ok(JsonOut(
        json!({ "messages": blast.sent.iter().map(v4_message).collect::<Vec<_>>(), "errors": errors }),
    ))
}

/// `POST /agent/v1/stream/{sid}/message/{mid}/form/{formId}/submit` (sympod's own: the public API has
/// no endpoint for what a client does when a user submits a form). Body: the form's values, with the
/// clicked button's name under `action`. The form's author receives `SYMPHONYELEMENTSACTION`.
async fn submit_form(
    State(state): State<AppState>,
    Session(caller): Session,
    Path((sid, mid, form_id)): Path<(String, String, String)>,
    crate::extract::Json(values): crate::extract::Json<serde_json::Map<String, Value>>,
) -> ApiResult<JsonOut<Value>> {
    let (sid, mid) = (stream_id(&sid)?, message_id(&mid)?);
    state.core.submit_form(&caller, &sid, &mid, &form_id, values).await?;
    Ok(JsonOut(json!({ "format": "TEXT", "message": "Form submitted" })))
}
