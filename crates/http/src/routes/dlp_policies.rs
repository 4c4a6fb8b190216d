//! DLP policies: `/agent/v1/dlp/policies` and `/agent/v3/dlp/policies`.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::dlp::PolicyView;

use super::dlp_dictionaries::PageQuery;
use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Json, Path, Query, Session};
use crate::views::dlp::{V1PolicyRequest, V3PolicyRequest, v1_policy, v3_policy};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v1/dlp/policies", get(list_v1).post(create_v1))
        .route("/agent/v1/dlp/policies/{id}", get(one_v1).put(update_v1).delete(delete_v1))
        .route("/agent/v1/dlp/policies/{id}/enable", post(enable_v1))
        .route("/agent/v1/dlp/policies/{id}/disable", post(disable_v1))
        .route("/agent/v3/dlp/policies", get(list_v3).post(create_v3))
        .route("/agent/v3/dlp/policies/{id}", get(one_v3))
        .route("/agent/v3/dlp/policies/{id}/update", post(update_v3))
        .route("/agent/v3/dlp/policies/{id}/delete", post(delete_v3))
        .route("/agent/v3/dlp/policies/{id}/enable", post(enable_v3))
        .route("/agent/v3/dlp/policies/{id}/disable", post(disable_v3))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct VersionQuery {
    policy_version: Option<String>,
}

fn v1(view: &PolicyView) -> JsonOut<Value> {
    JsonOut(json!({ "data": v1_policy(view) }))
}

fn v3(view: &PolicyView) -> JsonOut<Value> {
    JsonOut(json!({ "data": v3_policy(view, false) }))
}

/// `GET /agent/v1/dlp/policies`: `V1DLPPoliciesCollectionResponse`, every policy, oldest first.
async fn list_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(q): Query<PageQuery>,
) -> ApiResult<JsonOut<Value>> {
    let page = state.core.dlp_policies(&caller, q.page, q.limit).await?;
    Ok(JsonOut(json!({
        "policies": page.policies.iter().map(v1_policy).collect::<Vec<_>>(),
        "page": page.page,
        "pageCount": page.page_count,
    })))
}

/// `POST /agent/v1/dlp/policies`: created disabled; enable it to enforce it.
async fn create_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<V1PolicyRequest>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v1(&state.core.create_v1_dlp_policy(&caller, &body.into_input()).await?))
}

/// `GET /agent/v1/dlp/policies/{id}?policyVersion=`.
async fn one_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v1(&state.core.dlp_policy(&caller, &id, q.policy_version.as_deref()).await?))
}

/// `PUT /agent/v1/dlp/policies/{id}`: no dictionary left disables the policy.
async fn update_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<V1PolicyRequest>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v1(&state.core.update_dlp_policy(&caller, &id, Ok(&body.into_input())).await?))
}

/// `DELETE /agent/v1/dlp/policies/{id}`: a disabled policy only.
async fn delete_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v1(&state.core.delete_dlp_policy(&caller, &id).await?))
}

/// `POST /agent/v1/dlp/policies/{id}/enable`.
async fn enable_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v1(&state.core.set_dlp_policy_enabled(&caller, &id, true).await?))
}

/// `POST /agent/v1/dlp/policies/{id}/disable`.
async fn disable_v1(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v1(&state.core.set_dlp_policy_enabled(&caller, &id, false).await?))
}

/// `GET /agent/v3/dlp/policies`: `V3DLPPoliciesCollectionResponse`, every policy, oldest first.
async fn list_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(q): Query<PageQuery>,
) -> ApiResult<JsonOut<Value>> {
    let page = state.core.dlp_policies(&caller, q.page, q.limit).await?;
    Ok(JsonOut(json!({
        "policies": page.policies.iter().map(|p| v3_policy(p, false)).collect::<Vec<_>>(),
        "page": page.page,
        "size": page.size,
        "pageCount": page.page_count,
    })))
}

/// `POST /agent/v3/dlp/policies`: created disabled; enable it to enforce it.
async fn create_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<V3PolicyRequest>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v3(&state.core.create_v3_dlp_policy(&caller, &body.into_input()).await?))
}

/// `GET /agent/v3/dlp/policies/{id}?policyVersion=`.
async fn one_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v3(&state.core.dlp_policy(&caller, &id, q.policy_version.as_deref()).await?))
}

/// `POST /agent/v3/dlp/policies/{id}/update`: no dictionary left disables the policy.
async fn update_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<V3PolicyRequest>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v3(&state.core.update_dlp_policy(&caller, &id, Err(&body.into_input())).await?))
}

/// `POST /agent/v3/dlp/policies/{id}/delete`: a disabled policy only; answered with `deleted`.
async fn delete_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let view = state.core.delete_dlp_policy(&caller, &id).await?;
    Ok(JsonOut(json!({ "data": v3_policy(&view, true) })))
}

/// `POST /agent/v3/dlp/policies/{id}/enable`.
async fn enable_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v3(&state.core.set_dlp_policy_enabled(&caller, &id, true).await?))
}

/// `POST /agent/v3/dlp/policies/{id}/disable`.
async fn disable_v3(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    Ok(v3(&state.core.set_dlp_policy_enabled(&caller, &id, false).await?))
}
