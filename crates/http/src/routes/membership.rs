//! Room membership: `/pod/v1/room/{id}/membership/*`, member lists, and the admin variants.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::streams::Outcome;
use sympod_model::UserId;
use sympod_model::user::User;

use super::{Paging, stream_id};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query, Session};
use crate::views::SuccessResponse;
use crate::views::streams::member_info;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v1/room/{id}/membership/add", post(add))
        .route("/pod/v1/room/{id}/membership/remove", post(remove))
        .route("/pod/v1/room/{id}/membership/promoteOwner", post(promote))
        .route("/pod/v1/room/{id}/membership/demoteOwner", post(demote))
        .route("/pod/v2/room/{id}/membership/list", get(list))
        .route("/pod/v1/room/{id}/membership/list", get(list))
        .route("/pod/v1/admin/room/{id}/membership/add", post(admin_add))
        .route("/pod/v1/admin/room/{id}/membership/remove", post(admin_remove))
        .route("/pod/v1/admin/room/{id}/membership/list", get(admin_list))
        .route("/pod/v1/admin/stream/{id}/membership/list", get(admin_stream_list))
}

/// `UserId`.
#[derive(Deserialize)]
struct UserIdIn {
    id: Option<i64>,
}

impl UserIdIn {
    fn user(&self) -> ApiResult<UserId> {
        self.id.map(UserId).ok_or_else(|| ApiError::bad_request("id (the user id) is required"))
    }
}

fn answer(outcome: Outcome, done: &str, already: &str) -> JsonOut<SuccessResponse> {
    JsonOut(SuccessResponse::text(if outcome == Outcome::Done { done } else { already }))
}

/// `POST /pod/v1/room/{id}/membership/add`: owners, or any member while `membersCanInvite`. Adding a
/// member again changes nothing. External users join only cross-pod rooms.
async fn add(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UserIdIn>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let outcome = state.core.add_member(&caller, &stream_id(&id)?, body.user()?, false).await?;
    Ok(answer(outcome, "Member added", "Member already in the room"))
}

/// `POST /pod/v1/room/{id}/membership/remove`: owners remove anyone; a member may leave.
async fn remove(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UserIdIn>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let outcome = state.core.remove_member(&caller, &stream_id(&id)?, body.user()?, false).await?;
    Ok(answer(outcome, "Member removed", "User is not a member of the room"))
}

/// `POST /pod/v1/room/{id}/membership/promoteOwner`: owners only; the user must be a member.
async fn promote(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UserIdIn>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let outcome = state.core.set_owner(&caller, &stream_id(&id)?, body.user()?, true).await?;
    Ok(answer(outcome, "Member promoted to owner", "Member is already an owner"))
}

/// `POST /pod/v1/room/{id}/membership/demoteOwner`: owners only; a room keeps one owner.
async fn demote(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UserIdIn>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let outcome = state.core.set_owner(&caller, &stream_id(&id)?, body.user()?, false).await?;
    Ok(answer(outcome, "Owner demoted to participant", "Member is not an owner"))
}

/// `POST /pod/v1/admin/room/{id}/membership/add`: administrators, whatever the room's invitation rule.
async fn admin_add(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UserIdIn>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let outcome = state.core.add_member(&caller, &stream_id(&id)?, body.user()?, true).await?;
    Ok(answer(outcome, "Member added", "Member already in the room"))
}

/// `POST /pod/v1/admin/room/{id}/membership/remove`: administrators.
async fn admin_remove(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<UserIdIn>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    let outcome = state.core.remove_member(&caller, &stream_id(&id)?, body.user()?, true).await?;
    Ok(answer(outcome, "Member removed", "User is not a member of the room"))
}

/// `GET /pod/v2/room/{id}/membership/list` (and the deprecated v1): `[MemberInfo]` of the current
/// members, for whoever may read the room.
async fn list(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<Value>> {
    let members = state.core.room_members(&caller, &stream_id(&id)?).await?;
    Ok(JsonOut(json!(members.iter().map(member_info).collect::<Vec<_>>())))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PastQuery {
    include_past_members: Option<bool>,
}

/// `GET /pod/v1/admin/room/{id}/membership/list?includePastMembers=`: administrators.
async fn admin_list(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(q): Query<PastQuery>,
) -> ApiResult<JsonOut<Value>> {
    let members = state
        .core
        .admin_room_members(&caller, &stream_id(&id)?, q.include_past_members.unwrap_or(false))
        .await?;
    Ok(JsonOut(json!(members.iter().map(member_info).collect::<Vec<_>>())))
}

/// `GET /pod/v1/admin/stream/{id}/membership/list?skip=&limit=`: `V2MembershipList` of any stream,
/// with each member's details.
async fn admin_stream_list(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Query(paging): Query<Paging>,
) -> ApiResult<JsonOut<Value>> {
    let (skip, limit) = paging.resolve(100, 1000)?;
    let stream = state.core.admin_stream_members(&caller, &stream_id(&id)?).await?;
    let current: Vec<_> = stream.current_members().cloned().collect();
    let page: Vec<_> = current.iter().skip(skip as usize).take(limit as usize).collect();
    let ids: Vec<UserId> = page.iter().map(|m| m.user).collect();
    let users = state.core.store().users_by_ids(&ids).await.map_err(sympod_core::CoreError::from)?;
    let home = state.core.home_pod().id;
    let members: Vec<Value> = page
        .iter()
        .map(|m| {
            let user = users.iter().find(|u| u.id == m.user);
            json!({
                "user": user.map(|u| member_user(u, home)).unwrap_or_else(|| json!({ "userId": m.user.0 })),
                "isOwner": m.owner,
                "isCreator": m.user == stream.stream.created_by,
                "joinDate": m.joined_at,
            })
        })
        .collect();
    Ok(JsonOut(json!({ "count": current.len(), "skip": skip, "limit": limit, "members": members })))
}

/// `V2MemberUserDetail`.
fn member_user(u: &User, home: sympod_model::PodId) -> Value {
    let mut v = json!({
        "userId": u.id.0, "displayName": u.display_name, "company": u.company, "companyId": u.pod.0, "isExternal": u.pod != home,
    });
    for (key, value) in
        [("email", &u.email), ("firstName", &u.profile.first_name), ("lastName", &u.profile.last_name)]
    {
        if let Some(value) = value {
            v[key] = json!(value);
        }
    }
    v
}
