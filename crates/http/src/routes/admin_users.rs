//! User administration: `/pod/v2/admin/user/*` and `/pod/v1/admin/user/*`.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_model::UserId;
use sympod_model::user::UserStatus;
use sympod_store::UserFilter;

use super::Paging;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query, Session};
use crate::views::SuccessResponse;
use crate::views::users::{FeatureView, UserAttributesIn, UserCreateIn, UserDetail, UserStatusView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v2/admin/user/create", post(create))
        .route("/pod/v2/admin/user/list", get(list))
        .route("/pod/v2/admin/user/{uid}", get(detail))
        .route("/pod/v2/admin/user/{uid}/update", post(update))
        .route("/pod/v1/admin/user/find", post(find))
        .route("/pod/v1/admin/user/{uid}/roles/add", post(add_role))
        .route("/pod/v1/admin/user/{uid}/roles/remove", post(remove_role))
        .route("/pod/v1/admin/user/{uid}/features", get(features))
        .route("/pod/v1/admin/user/{uid}/features/update", post(update_features))
        .route("/pod/v1/admin/user/{uid}/status", get(status))
        .route("/pod/v1/admin/user/{uid}/status/update", post(update_status))
}

/// Default and largest page of the user lists.
const PAGE: (i64, i64) = (100, 1000);

fn detail_json(user: &sympod_model::user::User) -> JsonOut<Value> {
    JsonOut(json!(UserDetail::v2(user)))
}

/// `POST /pod/v2/admin/user/create`: provisions a person (`NORMAL`: email, first and last name) or a
/// service account (`SYSTEM`: display name), with its RSA key in `currentKey` and its roles.
/// Another pod's company name makes an external user. Duplicate usernames or emails: 400.
async fn create(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<UserCreateIn>,
) -> ApiResult<JsonOut<Value>> {
    let user = state.core.create_user(&caller, body.into_new_user()?).await?;
    Ok(detail_json(&user))
}

/// `GET /pod/v2/admin/user/{uid}`.
async fn detail(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
) -> ApiResult<JsonOut<Value>> {
    Ok(detail_json(&state.core.admin_user(&caller, UserId(uid)).await?))
}

/// `POST /pod/v2/admin/user/{uid}/update`: changes the attributes given, rotates or revokes keys
/// (`currentKey`/`previousKey` with `SAVE`, `REVOKE`, `EXTEND`). Account type and company are fixed.
async fn update(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
    Json(body): Json<serde_json::Value>,
) -> ApiResult<JsonOut<Value>> {
    let user = state
        .core
        .update_user(&caller, UserId(uid), UserAttributesIn::parse(body, "")?.into_change()?)
        .await?;
    Ok(detail_json(&user))
}

/// `GET /pod/v2/admin/user/list`: every user, in id order, paged.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(paging): Query<Paging>,
) -> ApiResult<JsonOut<Value>> {
    let (skip, limit) = paging.resolve(PAGE.0, PAGE.1)?;
    let users = state.core.admin_list_users(&caller, &UserFilter::default(), skip, limit).await?;
    Ok(JsonOut(json!(users.iter().map(UserDetail::v2).collect::<Vec<_>>())))
}

/// `UserFilter`.
#[derive(Deserialize)]
struct UserFilterIn {
    role: Option<String>,
    feature: Option<String>,
    status: Option<UserStatus>,
}

/// `POST /pod/v1/admin/user/find`: users holding a role, an entitlement, a status (v1 `UserDetail`).
async fn find(
    State(state): State<AppState>,
    Session(caller): Session,
    Query(paging): Query<Paging>,
    Json(body): Json<UserFilterIn>,
) -> ApiResult<JsonOut<Value>> {
    let (skip, limit) = paging.resolve(PAGE.0, PAGE.1)?;
    let filter = UserFilter { role: body.role, feature: body.feature, status: body.status };
    let users = state.core.admin_list_users(&caller, &filter, skip, limit).await?;
    Ok(JsonOut(json!(users.iter().map(UserDetail::v1).collect::<Vec<_>>())))
}

/// `StringId`.
#[derive(Deserialize)]
struct StringId {
    id: Option<String>,
}

async fn set_role(
    state: AppState,
    caller: Session,
    uid: i64,
    body: StringId,
    add: bool,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let role = body
        .id
        .filter(|r| !r.is_empty())
        .ok_or_else(|| ApiError::bad_request("id (the role) is required"))?;
    let done = state.core.set_role(&caller.0, UserId(uid), &role, add).await;
    // Of the user endpoints, only roles/remove declares a 404.
    done.map_err(if add { ApiError::from } else { ApiError::declaring_404 })?;
    Ok(JsonOut(SuccessResponse::text(if add { "Role added" } else { "Role removed" })))
}

/// `POST /pod/v1/admin/user/{uid}/roles/add`: body `{"id": ROLE}`. Administrator roles need an
/// administrator (super administrator for `SUPER_ADMINISTRATOR`).
async fn add_role(
    State(state): State<AppState>,
    caller: Session,
    Path(uid): Path<i64>,
    Json(body): Json<StringId>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    set_role(state, caller, uid, body, true).await
}

/// `POST /pod/v1/admin/user/{uid}/roles/remove`.
async fn remove_role(
    State(state): State<AppState>,
    caller: Session,
    Path(uid): Path<i64>,
    Json(body): Json<StringId>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    set_role(state, caller, uid, body, false).await
}

/// `GET /pod/v1/admin/user/{uid}/features`: every entitlement with its value for the user.
async fn features(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
) -> ApiResult<JsonOut<Vec<FeatureView>>> {
    let user = state.core.admin_user(&caller, UserId(uid)).await?;
    Ok(JsonOut(
        user.features
            .iter()
            .map(|(name, on)| FeatureView { entitlment: name.clone(), enabled: *on })
            .collect(),
    ))
}

/// `POST /pod/v1/admin/user/{uid}/features/update`: sets the entitlements listed.
async fn update_features(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
    Json(body): Json<Vec<FeatureView>>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let features: Vec<(String, bool)> = body.into_iter().map(|f| (f.entitlment, f.enabled)).collect();
    state.core.update_features(&caller, UserId(uid), &features).await?;
    Ok(JsonOut(SuccessResponse::text("OK")))
}

/// `GET /pod/v1/admin/user/{uid}/status`.
async fn status(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
) -> ApiResult<JsonOut<UserStatusView>> {
    Ok(JsonOut(UserStatusView::of(&state.core.admin_user(&caller, UserId(uid)).await?)))
}

/// `POST /pod/v1/admin/user/{uid}/status/update`: `ENABLED` or `DISABLED`, and optionally a
/// suspension. Disabling (or suspending) ends every session of the user at once.
async fn update_status(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(uid): Path<i64>,
    Json(body): Json<UserStatusView>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    if body.status.is_none() && body.suspended.is_none() {
        return Err(ApiError::bad_request("The request sets neither status nor suspended"));
    }
    state.core.update_status(&caller, UserId(uid), body.status, body.suspension()).await?;
    Ok(JsonOut(SuccessResponse::text("OK")))
}
