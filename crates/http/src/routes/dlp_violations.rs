//! DLP violations: `/agent/v{1,3}/dlp/violations/{message,stream,signal}`, and the files of
//! violating messages (`/agent/v3/dlp/violation/attachment`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::json;
use sympod_core::dlp::ViolationQuery;
use sympod_model::dlp::ViolationKind;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Query, Session};
use crate::views::dlp::violation_entry;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v1/dlp/violations/message", get(v1_message))
        .route("/agent/v1/dlp/violations/stream", get(v1_stream))
        .route("/agent/v1/dlp/violations/signal", get(v1_signal))
        .route("/agent/v3/dlp/violations/message", get(v3_message))
        .route("/agent/v3/dlp/violations/stream", get(v3_stream))
        .route("/agent/v3/dlp/violations/signal", get(v3_signal))
        .route("/agent/v3/dlp/violation/attachment", get(attachment))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AttachmentParams {
    file_id: Option<String>,
    violation_id: Option<String>,
}

/// `GET /agent/v3/dlp/violation/attachment?fileId=&violationId=`: the file, base64-encoded; 404
/// (declared by the spec) for an unknown violation or file, or a file that was not kept.
async fn attachment(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(q): Query<AttachmentParams>,
) -> ApiResult<Response> {
    let required = |v: Option<String>, name: &str| {
        v.filter(|v| !v.is_empty())
            .ok_or_else(|| ApiError::bad_request(format!("The query parameter {name} is required")))
    };
    let (file, violation) = (required(q.file_id, "fileId")?, required(q.violation_id, "violationId")?);
    let reader = state
        .core
        .dlp_violation_attachment(&caller, &violation, &file)
        .await
        .map_err(ApiError::declaring_404)?;
    Ok(super::messages::base64_file(reader))
}

macro_rules! listing {
    ($($name:ident => $kind:ident, $v3:literal;)*) => {
        $(
            async fn $name(
                state: State<AppState>,
                session: Session,
                query: Query<ViolationParams>,
            ) -> ApiResult<Response> {
                list(state, session, query, ViolationKind::$kind, $v3).await
            }
        )*
    };
}

listing! {
    v1_message => Message, false;
    v1_stream => Stream, false;
    v1_signal => Signal, false;
    v3_message => Message, true;
    v3_stream => Stream, true;
    v3_signal => Signal, true;
}

/// `startTime` (required), `endTime` (now by default), `next` and `limit` (50, at most 500).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ViolationParams {
    start_time: Option<i64>,
    end_time: Option<i64>,
    next: Option<String>,
    limit: Option<i64>,
}

/// The violations of `kind` in the time range, oldest first; `nextOffset` when there are more.
/// 204 when there are none.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(q): Query<ViolationParams>,
    kind: ViolationKind,
    v3: bool,
) -> ApiResult<Response> {
    let query = ViolationQuery { start: q.start_time, end: q.end_time, next: q.next, limit: q.limit };
    let found = state.core.dlp_violations(&caller, kind, &query).await?;
    if found.violations.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let mut body = json!({
        "violations": found.violations.iter().map(|v| violation_entry(v, v3)).collect::<Vec<_>>(),
    });
    if let Some(next) = found.next_offset {
        body["nextOffset"] = json!(next);
    }
    Ok(JsonOut(body).into_response())
}
