//! IMs and MIMs: `/pod/v1/im/*` and `/pod/v1/admin/im/create`.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::stream_id;
use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Json, Path, Session};
use crate::views::streams::{im_detail, pinned_in};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v1/im/create", post(create))
        .route("/pod/v1/admin/im/create", post(admin_create))
        .route("/pod/v1/im/{id}/info", get(info))
        .route("/pod/v1/im/{id}/update", post(update))
}

/// `POST /pod/v1/im/create`: body `[uid, ...]`; the caller is added. One other user makes an IM,
/// several a MIM; the same set of members again answers the existing stream. `{"id"}`.
async fn create(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(ids): Json<Vec<i64>>,
) -> ApiResult<JsonOut<Value>> {
    let stream = state.core.create_im(&caller, &ids).await?;
    Ok(JsonOut(json!({ "id": stream.stream.id.as_str() })))
}

/// `POST /pod/v1/admin/im/create`: an IM or MIM of at least two users, without the caller.
async fn admin_create(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(ids): Json<Vec<i64>>,
) -> ApiResult<JsonOut<Value>> {
    let stream = state.core.admin_create_im(&caller, &ids).await?;
    Ok(JsonOut(json!({ "id": stream.stream.id.as_str() })))
}

/// `GET /pod/v1/im/{id}/info`: `V1IMDetail`, for members, compliance officers, and provisioning
/// service accounts.
async fn info(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let stream = state.core.im_info(&caller, &stream_id(&id)?).await?;
    Ok(JsonOut(im_detail(&stream)))
}

/// `V1IMAttributes`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImAttributesIn {
    pinned_message_id: Option<String>,
}

/// `POST /pod/v1/im/{id}/update`: pins a message of the IM (`""` unpins). Members only; a request
/// that changes nothing is a 400.
async fn update(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<ImAttributesIn>,
) -> ApiResult<JsonOut<Value>> {
    let pinned = pinned_in(body.pinned_message_id)?;
    let stream = state.core.update_im(&caller, &stream_id(&id)?, pinned).await?;
    Ok(JsonOut(im_detail(&stream)))
}
