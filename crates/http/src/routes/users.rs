//! User lookups for any logged-in user: `/pod/v3/users`, `/pod/v2/user`, `/pod/v1/user/search`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use serde::Deserialize;
use serde_json::json;
use sympod_core::users::{Lookup, SearchFilter};
use sympod_model::user::AccountType;

use super::Paging;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query, Session};
use crate::views::users::UserV2;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v3/users", get(lookup))
        .route("/pod/v2/user", get(one))
        .route("/pod/v1/user/search", post(search))
}

#[derive(Deserialize)]
struct LookupQuery {
    uid: Option<String>,
    email: Option<String>,
    username: Option<String>,
    local: Option<bool>,
    active: Option<bool>,
}

impl LookupQuery {
    /// Exactly one of the three lists, split on commas.
    fn lookup(&self) -> ApiResult<Lookup> {
        let split = |name: &str, s: &str| -> ApiResult<Vec<String>> {
            let values: Vec<String> =
                s.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect();
            if values.is_empty() {
                return Err(ApiError::bad_request(format!("{name} must list at least one value")));
            }
            Ok(values)
        };
        match (&self.uid, &self.email, &self.username) {
            (Some(v), None, None) => Ok(Lookup::Ids(split("uid", v)?)),
            (None, Some(v), None) => Ok(Lookup::Emails(split("email", v)?)),
            (None, None, Some(v)) => Ok(Lookup::Usernames(split("username", v)?)),
            _ => Err(ApiError::bad_request("Exactly one of uid, email or username must be given")),
        }
    }
}

/// `GET /pod/v3/users`: users by comma-separated `uid`, `email` or `username` (up to 100; usernames
/// need `local=true`). `local` keeps home-pod users; `active` filters on status. Answers
/// `V2UserList`, or 204 when nothing matched and nothing was malformed.
async fn lookup(
    State(state): State<AppState>,
    Session(_): Session,
    Query(q): Query<LookupQuery>,
) -> ApiResult<Response> {
    let result = state.core.lookup_users(q.lookup()?, q.local.unwrap_or(false), q.active).await?;
    if result.users.is_empty() && result.errors.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let errors: Vec<_> = result
        .errors
        .iter()
        .map(|e| {
            let mut v = json!({ "error": e.error });
            if let Some(email) = &e.email {
                v["email"] = json!(email);
            }
            if let Some(id) = &e.id {
                v["id"] = json!(id);
            }
            v
        })
        .collect();
    let users: Vec<_> = result.users.iter().map(UserV2::public).collect();
    Ok(JsonOut(json!({ "users": users, "errors": errors })).into_response())
}

/// `GET /pod/v2/user`: one user by `uid`, `email` or `username`; 204 if none.
async fn one(
    State(state): State<AppState>,
    Session(_): Session,
    Query(q): Query<LookupQuery>,
) -> ApiResult<Response> {
    if let Some(uid) = &q.uid
        && uid.trim().parse::<i64>().is_err()
    {
        return Err(ApiError::bad_request(format!("Invalid query parameter uid: {uid} is not an int64")));
    }
    let local = q.local.unwrap_or(q.username.is_some());
    match state.core.find_user(q.lookup()?, local).await? {
        Some(user) => Ok(JsonOut(json!(UserV2::public(&user))).into_response()),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}

#[derive(Deserialize)]
struct SearchQueryParams {
    skip: Option<i64>,
    limit: Option<i64>,
    local: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SearchFilterIn {
    account_types: Option<Vec<AccountType>>,
    title: Option<String>,
    company: Option<String>,
    location: Option<String>,
    market_coverage: Option<String>,
    responsibility: Option<String>,
    function: Option<String>,
    instrument: Option<String>,
}

#[derive(Deserialize)]
struct UserSearchQuery {
    query: Option<String>,
    filters: Option<SearchFilterIn>,
}

/// `POST /pod/v1/user/search`: enabled users whose names or email contain `query`, narrowed by
/// `filters`; `UserSearchResults` with the total `count`, or 204 when none matched.
async fn search(
    State(state): State<AppState>,
    Session(_): Session,
    Query(params): Query<SearchQueryParams>,
    Json(body): Json<UserSearchQuery>,
) -> ApiResult<Response> {
    let (skip, limit) = Paging { skip: params.skip, limit: params.limit }.resolve(50, 1000)?;
    let f = body.filters.unwrap_or_default();
    let filter = SearchFilter {
        account_types: f.account_types.clone().unwrap_or_default(),
        title: f.title.clone(),
        company: f.company.clone(),
        location: f.location.clone(),
        market_coverage: f.market_coverage.clone(),
        responsibility: f.responsibility.clone(),
        function: f.function.clone(),
        instrument: f.instrument.clone(),
    };
    let query = body.query.unwrap_or_default();
    let (count, users) = state
        .core
        .search_users(&query, &filter, params.local.unwrap_or(false), skip as usize, limit as usize)
        .await?;
    if count == 0 {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let users: Vec<_> = users.iter().map(UserV2::public).collect();
    Ok(JsonOut(json!({
        "count": count,
        "skip": skip,
        "limit": limit,
        "searchQuery": { "query": query },
        "users": users,
    }))
    .into_response())
}
