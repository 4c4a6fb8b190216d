//! Datafeed v2: `/agent/v5/datafeeds`.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::CoreError;
use sympod_core::datafeed::{Batch, HoseFilter};
use sympod_model::RuleError;
use sympod_model::feed::Feed;

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Json, Path, Query, Session};
use crate::views::events::v4_event;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v5/datafeeds", get(list).post(create))
        .route("/agent/v5/datafeeds/{id}", delete(remove))
        .route("/agent/v5/datafeeds/{id}/read", post(read))
        .route("/agent/v5/events/read", post(read_hose))
        .route("/agent/v4/datafeed/create", post(create_v1))
        .route("/agent/v4/datafeed/{id}/read", get(read_v1))
}

/// `V5Datafeed`.
fn feed_view(f: &Feed) -> Value {
    json!({ "id": f.id, "createdAt": f.created_at, "type": "fanout" })
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CreateBody {
    tag: Option<String>,
    include_invisible: Option<bool>,
}

/// `POST /agent/v5/datafeeds`: **201** with the feed (the SDK ignores any other success status); the
/// caller's feed of the same `tag` if it has one. At most 20 feeds per user.
async fn create(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<Option<CreateBody>>,
) -> ApiResult<(StatusCode, JsonOut<Value>)> {
    let body = body.unwrap_or_default();
    let feed = state.core.create_feed(&caller, body.tag, body.include_invisible.unwrap_or(false)).await?;
    Ok((StatusCode::CREATED, JsonOut(feed_view(&feed))))
}

#[derive(Deserialize)]
struct ListQuery {
    tag: Option<String>,
}

/// `GET /agent/v5/datafeeds?tag=`: the caller's live feeds.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(q): Query<ListQuery>,
) -> ApiResult<JsonOut<Value>> {
    let feeds = state.core.list_feeds(&caller, q.tag.as_deref()).await?;
    Ok(JsonOut(json!(feeds.iter().map(feed_view).collect::<Vec<_>>())))
}

/// `DELETE /agent/v5/datafeeds/{id}`: answers **200** `{}` (the SDK cannot read the declared 204),
/// also when the feed was already gone: the SDK deletes an expired feed before recreating it.
async fn remove(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    state.core.delete_feed(&caller, &id).await?;
    Ok(JsonOut(json!({})))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AckBody {
    ack_id: Option<String>,
    #[expect(dead_code, reason = "sympod keeps no presence; accepted as the SDK sends it")]
    update_presence: Option<bool>,
}

/// `POST /agent/v5/datafeeds/{id}/read`: `{ackId, updatePresence}` in; 200 `{events, ackId}` out, as
/// soon as there are events or after the configured wait with none (never 204). Events delivered
/// and not acknowledged come again. An unknown or expired feed is a 400 (the SDK recreates it).
async fn read(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<Option<AckBody>>,
) -> ApiResult<JsonOut<Value>> {
    let body = body.unwrap_or_default();
    let wait = Duration::from_millis(state.core.config().datafeed_wait_ms);
    let batch = state.core.read_feed(&caller, &id, body.ack_id.as_deref(), wait).await?;
    Ok(JsonOut(event_list(&batch)))
}

/// `V5EventList`.
fn event_list(batch: &Batch) -> Value {
    json!({ "events": batch.events.iter().map(v4_event).collect::<Vec<_>>(), "ackId": batch.ack_id() })
}

/// `POST /agent/v4/datafeed/create` (datafeed v1, deprecated): `{"id"}` with 200. Past 20 feeds,
/// a 400: the deprecated spec declares no 403 here.
async fn create_v1(State(state): State<AppState>, Session(caller): Session) -> ApiResult<JsonOut<Value>> {
    let feed = state.core.create_feed(&caller, None, false).await.map_err(|e| match e {
        CoreError::Rule(RuleError::Forbidden(m)) => CoreError::invalid(m),
        other => other,
    })?;
    Ok(JsonOut(json!({ "id": feed.id })))
}

#[derive(Deserialize)]
struct ReadV1Query {
    limit: Option<i64>,
}

/// `GET /agent/v4/datafeed/{id}/read?limit=` (datafeed v1, deprecated): the events since the
/// previous read (at most `limit`), as a bare array, or 204 when none came within the wait.
async fn read_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(q): Query<ReadV1Query>,
) -> ApiResult<Response> {
    let wait = Duration::from_millis(state.core.config().datafeed_wait_ms);
    let events = state.core.read_feed_v1(&caller, &id, q.limit, wait).await?;
    if events.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(JsonOut(json!(events.iter().map(v4_event).collect::<Vec<_>>())).into_response())
}

/// `V5EventsReadBody`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HoseBody {
    #[serde(rename = "type")]
    kind: Option<String>,
    tag: Option<String>,
    event_types: Option<Vec<String>>,
    scopes: Option<Vec<String>>,
    ack_id: Option<String>,
}

/// `POST /agent/v5/events/read` (datahose): `{type: "datahose", tag, eventTypes, scopes, ackId}`;
/// every event of the pod of those types and scopes, with the same acknowledgement as a datafeed.
/// Readers giving the same tag and filters share one feed. Needs `canUseFirehose`.
async fn read_hose(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<HoseBody>,
) -> ApiResult<JsonOut<Value>> {
    if body.kind.as_deref() != Some("datahose") {
        return Err(crate::error::ApiError::bad_request("type must be \"datahose\""));
    }
    let tag = body.tag.unwrap_or_default();
    let filter = HoseFilter::parse(&body.event_types.unwrap_or_default(), &body.scopes.unwrap_or_default())?;
    let wait = Duration::from_millis(state.core.config().datafeed_wait_ms);
    let batch = state.core.read_hose(&caller, &tag, &filter, body.ack_id.as_deref(), wait).await?;
    Ok(JsonOut(event_list(&batch)))
}
