//! Rooms: v3 create, info, update and search; the legacy v1/v2 create, info and update; setActive.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::streams::RoomSearch;
use sympod_model::UserId;
use sympod_model::rules::rooms::UpdateApi;
use sympod_model::stream::StreamState;

use super::{Paging, stream_id};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query, Session, parse_value};
use crate::views::streams::{RoomAttributesIn, RoomCreateV1, v1_room_detail, v2_room_detail, v3_room_detail};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v3/room/create", post(create_v3))
        .route("/pod/v3/room/{id}/info", get(info_v3))
        .route("/pod/v3/room/{id}/update", post(update_v3))
        .route("/pod/v3/room/search", post(search))
        .route("/pod/v2/room/create", post(create_v2))
        .route("/pod/v2/room/{id}/info", get(info_v2))
        .route("/pod/v2/room/{id}/update", post(update_v2))
        .route("/pod/v1/room/create", post(create_v1))
        .route("/pod/v1/room/{id}/info", get(info_v1))
        .route("/pod/v1/room/{id}/update", post(update_v1))
        .route("/pod/v1/room/{id}/setActive", post(set_active))
        .route("/pod/v1/admin/room/{id}/setActive", post(admin_set_active))
}

type Detail = fn(&StreamState) -> Value;

async fn create_with(
    state: &AppState,
    caller: &Session,
    attrs: RoomAttributesIn,
    detail: Detail,
) -> ApiResult<JsonOut<Value>> {
    let room = state.core.create_room(&caller.0, &attrs.into_patch()?).await?;
    Ok(JsonOut(detail(&room)))
}

async fn info_with(
    state: &AppState,
    caller: &Session,
    id: &str,
    detail: Detail,
) -> ApiResult<JsonOut<Value>> {
    Ok(JsonOut(detail(&state.core.room_info(&caller.0, &stream_id(id)?).await?)))
}

async fn update_with(
    state: &AppState,
    caller: &Session,
    id: &str,
    attrs: RoomAttributesIn,
    api: UpdateApi,
    detail: Detail,
) -> ApiResult<JsonOut<Value>> {
    let room = state.core.update_room(&caller.0, &stream_id(id)?, &attrs.into_patch()?, api).await?;
    Ok(JsonOut(detail(&room)))
}

/// `POST /pod/v3/room/create`: `V3RoomAttributes` in, `V3RoomDetail` out. The caller owns the room.
/// A public room needs `canCreatePublicRoom` and is discoverable with members inviting; a cross-pod
/// room is not discoverable.
async fn create_v3(
    State(state): State<AppState>,
    caller: Session,
    Json(attrs): Json<RoomAttributesIn>,
) -> ApiResult<JsonOut<Value>> {
    create_with(&state, &caller, attrs, v3_room_detail).await
}

/// `GET /pod/v3/room/{id}/info`: for members, anyone while the room is discoverable, compliance.
async fn info_v3(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    info_with(&state, &caller, &id, v3_room_detail).await
}

/// `POST /pod/v3/room/{id}/update`, with every rule of `update-room-v3.md`.
async fn update_v3(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
    Json(attrs): Json<RoomAttributesIn>,
) -> ApiResult<JsonOut<Value>> {
    update_with(&state, &caller, &id, attrs, UpdateApi::V3, v3_room_detail).await
}

/// `POST /pod/v2/room/create` (deprecated): `V2RoomAttributes` in, `V2RoomDetail` out.
async fn create_v2(
    State(state): State<AppState>,
    caller: Session,
    Json(attrs): Json<RoomAttributesIn>,
) -> ApiResult<JsonOut<Value>> {
    create_with(&state, &caller, attrs, v2_room_detail).await
}

/// `GET /pod/v2/room/{id}/info` (deprecated).
async fn info_v2(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    info_with(&state, &caller, &id, v2_room_detail).await
}

/// `POST /pod/v2/room/{id}/update` (deprecated), with the rules of `update-room-legacy.md`.
async fn update_v2(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
    Json(attrs): Json<RoomAttributesIn>,
) -> ApiResult<JsonOut<Value>> {
    update_with(&state, &caller, &id, attrs, UpdateApi::Legacy, v2_room_detail).await
}

/// `POST /pod/v1/room/create` (deprecated): `RoomCreate` in, `RoomDetail` out.
async fn create_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<RoomCreateV1>,
) -> ApiResult<JsonOut<Value>> {
    let room = state.core.create_room(&caller, &body.into_patch()?).await?;
    Ok(JsonOut(v1_room_detail(&room)))
}

/// `GET /pod/v1/room/{id}/info` (deprecated).
async fn info_v1(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    info_with(&state, &caller, &id, v1_room_detail).await
}

/// `POST /pod/v1/room/{id}/update` (deprecated), with the rules of `update-room-legacy.md`.
async fn update_v1(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
    Json(attrs): Json<RoomAttributesIn>,
) -> ApiResult<JsonOut<Value>> {
    update_with(&state, &caller, &id, attrs, UpdateApi::Legacy, v1_room_detail).await
}

#[derive(Deserialize)]
struct ActiveQuery {
    active: Option<bool>,
}

async fn set_active_with(
    state: &AppState,
    caller: &Session,
    id: &str,
    q: ActiveQuery,
    admin: bool,
) -> ApiResult<JsonOut<Value>> {
    let active = q.active.ok_or_else(|| ApiError::bad_request("The query parameter active is required"))?;
    let room = state.core.set_room_active(&caller.0, &stream_id(id)?, active, admin).await?;
    Ok(JsonOut(v1_room_detail(&room)))
}

/// `POST /pod/v1/room/{id}/setActive?active=`: owners deactivate or reactivate a room. A deactivated
/// room accepts no messages and no membership changes. Answers `RoomDetail`.
async fn set_active(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
    Query(q): Query<ActiveQuery>,
) -> ApiResult<JsonOut<Value>> {
    set_active_with(&state, &caller, &id, q, false).await
}

/// `POST /pod/v1/admin/room/{id}/setActive?active=`: the same, for administrators.
async fn admin_set_active(
    State(state): State<AppState>,
    caller: Session,
    Path(id): Path<String>,
    Query(q): Query<ActiveQuery>,
) -> ApiResult<JsonOut<Value>> {
    set_active_with(&state, &caller, &id, q, true).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchParams {
    skip: Option<i64>,
    limit: Option<i64>,
    include_non_discoverable: Option<bool>,
}

/// `UserId` inside the criteria.
#[derive(Deserialize)]
struct UserRef {
    id: Option<i64>,
}

/// `V2RoomSearchCriteria`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchCriteria {
    query: Option<String>,
    labels: Option<Vec<String>>,
    active: Option<bool>,
    private: Option<bool>,
    owner: Option<UserRef>,
    creator: Option<UserRef>,
    member: Option<UserRef>,
    sort_order: Option<String>,
}

fn user_ref(r: Option<UserRef>) -> Option<UserId> {
    r.and_then(|r| r.id).map(UserId)
}

/// `POST /pod/v3/room/search?skip=&limit=&includeNonDiscoverable=`: rooms whose name, description
/// or keyword values contain `query` (or, with `labels`, the values of those keywords), narrowed by
/// the filters; `limit` at most 100. A non-discoverable room is found only by its members, and only
/// with `includeNonDiscoverable`. `V3RoomSearchResults`, echoing the criteria as `query`.
async fn search(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(params): Query<SearchParams>,
    Json(body): Json<Value>,
) -> ApiResult<JsonOut<Value>> {
    let (skip, limit) = Paging { skip: params.skip, limit: params.limit }.resolve(50, i64::MAX)?;
    let criteria: SearchCriteria = parse_value(body.clone())?;
    let query = criteria.query.ok_or_else(|| ApiError::bad_request("query is required"))?;
    let relevance = match criteria.sort_order.as_deref() {
        None | Some("RELEVANCE") => true,
        Some("BASIC") => false,
        Some(other) => {
            return Err(ApiError::bad_request(format!("sortOrder must be BASIC or RELEVANCE, not {other}")));
        }
    };
    let search = RoomSearch {
        query,
        labels: criteria.labels.unwrap_or_default(),
        active: criteria.active,
        private: criteria.private,
        owner: user_ref(criteria.owner),
        creator: user_ref(criteria.creator),
        member: user_ref(criteria.member),
        relevance,
        include_non_discoverable: params.include_non_discoverable.unwrap_or(false),
    };
    let found = state
        .core
        .search_rooms(
            &caller,
            &search,
            usize::try_from(skip).unwrap_or(0),
            usize::try_from(limit).unwrap_or(0),
        )
        .await?;
    Ok(JsonOut(json!({
        "count": found.count,
        "skip": skip,
        "limit": limit,
        "query": body,
        "rooms": found.rooms.iter().map(v3_room_detail).collect::<Vec<_>>(),
        "facetedMatchCount": [],
    })))
}
