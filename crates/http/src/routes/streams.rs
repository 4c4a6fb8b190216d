//! Stream listings: `/pod/v1/streams/list`, `/pod/v2/streams/{sid}/info`, and the admin lists.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::streams::{AdminStreamFilter, StreamFilter};
use sympod_model::UserId;
use sympod_model::stream::{StreamState, StreamType};

use super::{Paging, stream_id};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query, Session};
use crate::views::streams::{cross_pod, stream_attributes};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v1/streams/list", post(list))
        .route("/pod/v2/streams/{sid}/info", get(info))
        .route("/pod/v2/admin/streams/list", post(admin_list))
        .route("/pod/v1/admin/user/{uid}/streams/list", post(admin_user_list))
}

#[derive(Deserialize)]
struct TypeIn {
    #[serde(rename = "type")]
    kind: String,
}

fn types(list: Option<Vec<TypeIn>>) -> ApiResult<Vec<StreamType>> {
    list.unwrap_or_default()
        .into_iter()
        .map(|t| {
            StreamType::parse(&t.kind)
                .ok_or_else(|| ApiError::bad_request(format!("Unknown stream type {}", t.kind)))
        })
        .collect()
}

/// `StreamFilter`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct StreamFilterIn {
    stream_types: Option<Vec<TypeIn>>,
    include_inactive_streams: Option<bool>,
}

impl StreamFilterIn {
    fn filter(self) -> ApiResult<StreamFilter> {
        Ok(StreamFilter {
            types: types(self.stream_types)?,
            include_inactive: self.include_inactive_streams.unwrap_or(false),
        })
    }
}

fn page(streams: &[StreamState], paging: &Paging) -> ApiResult<Response> {
    let (skip, limit) = paging.resolve(50, 1000)?;
    let list: Vec<Value> =
        streams.iter().skip(skip as usize).take(limit as usize).map(|s| stream_attributes(s, None)).collect();
    if list.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(JsonOut(json!(list)).into_response())
}

/// `POST /pod/v1/streams/list?skip=&limit=`: the streams the caller is a member of, filtered by type
/// and (by default) active only; `StreamList`, or 204 when there are none.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(paging): Query<Paging>,
    Json(body): Json<Option<StreamFilterIn>>,
) -> ApiResult<Response> {
    let streams = state.core.list_streams(&caller, &body.unwrap_or_default().filter()?).await?;
    page(&streams, &paging)
}

/// `POST /pod/v1/admin/user/{uid}/streams/list?skip=&limit=`: the same for any user; administrators.
async fn admin_user_list(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
    Query(paging): Query<Paging>,
    Json(body): Json<Option<StreamFilterIn>>,
) -> ApiResult<Response> {
    let streams =
        state.core.admin_user_streams(&caller, UserId(uid), &body.unwrap_or_default().filter()?).await?;
    page(&streams, &paging)
}

/// `GET /pod/v2/streams/{sid}/info`: `V2StreamAttributes`.
async fn info(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(sid): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let stream = state.core.stream_info(&caller, &stream_id(&sid)?).await?;
    Ok(JsonOut(stream_attributes(&stream, Some(state.core.home_pod().id))))
}

/// `V2AdminStreamFilter`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AdminFilterIn {
    stream_types: Option<Vec<TypeIn>>,
    scope: Option<String>,
    origin: Option<String>,
    status: Option<String>,
    privacy: Option<String>,
    start_date: Option<i64>,
    end_date: Option<i64>,
}

fn choice(value: Option<&str>, field: &str, yes: &str, no: &str) -> ApiResult<Option<bool>> {
    match value {
        None => Ok(None),
        Some(v) if v.eq_ignore_ascii_case(yes) => Ok(Some(true)),
        Some(v) if v.eq_ignore_ascii_case(no) => Ok(Some(false)),
        Some(v) => Err(ApiError::bad_request(format!("{field} must be {yes} or {no}, not {v}"))),
    }
}

/// `POST /pod/v2/admin/streams/list?skip=&limit=`: every stream of the pod, filtered by type, scope,
/// origin, status, privacy and creation date; `V2AdminStreamList`.
async fn admin_list(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(paging): Query<Paging>,
    Json(body): Json<Option<Value>>,
) -> ApiResult<JsonOut<Value>> {
    let (skip, limit) = paging.resolve(50, 100)?;
    // The filter is optional: a missing body (or null) lists every stream.
    let body = body.filter(|b| !b.is_null()).unwrap_or_else(|| serde_json::json!({}));
    let f: AdminFilterIn = crate::extract::parse_value(body.clone())?;
    let filter = AdminStreamFilter {
        types: types(f.stream_types)?,
        external: choice(f.scope.as_deref(), "scope", "EXTERNAL", "INTERNAL")?,
        external_origin: choice(f.origin.as_deref(), "origin", "EXTERNAL", "INTERNAL")?,
        active: choice(f.status.as_deref(), "status", "ACTIVE", "INACTIVE")?,
        public: choice(f.privacy.as_deref(), "privacy", "PUBLIC", "PRIVATE")?,
        start: f.start_date,
        end: f.end_date,
    };
    let streams = state.core.admin_list_streams(&caller, &filter).await?;
    let home = state.core.home_pod();
    let infos: Vec<Value> =
        streams.iter().skip(skip as usize).take(limit as usize).map(|s| admin_info(s, home)).collect();
    Ok(JsonOut(
        json!({ "count": streams.len(), "skip": skip, "limit": limit, "filter": body, "streams": infos }),
    ))
}

/// `V2AdminStreamInfo`.
fn admin_info(s: &StreamState, home: &sympod_store::Pod) -> Value {
    let creator_pod = s.stream.created_by.pod();
    let external_origin = creator_pod != home.id;
    let mut attributes = json!({
        "createdByUserId": s.stream.created_by.0,
        "createdDate": s.stream.created_at,
        "lastModifiedDate": s.stream.last_message_at.unwrap_or(s.stream.created_at),
        "originCompanyId": creator_pod.0,
        "membersCount": s.current_members().count(),
    });
    if !external_origin {
        attributes["originCompany"] = json!(home.company);
    }
    if let Some(room) = s.room() {
        attributes["roomName"] = json!(room.name);
        attributes["roomDescription"] = json!(room.description);
    } else {
        attributes["members"] = json!(s.current_ids());
    }
    if let Some(at) = s.stream.last_message_at {
        attributes["lastMessageDate"] = json!(at);
    }
    json!({
        "id": s.stream.id.as_str(),
        "isExternal": s.company_count() > 1,
        "isActive": s.stream.active,
        "isPublic": s.room().is_some_and(|r| r.public),
        "type": s.stream.kind.as_str(),
        "crossPod": cross_pod(s),
        "origin": if external_origin { "EXTERNAL" } else { "INTERNAL" },
        "attributes": attributes,
    })
}
