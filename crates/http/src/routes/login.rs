//! The Login API, served under `/login` (pod) and `/relay` (key manager).

use axum::routing::post;
use axum::{Json as JsonOut, Router};
use serde::{Deserialize, Serialize};
use sympod_core::tokens::TokenKind;
use sympod_core::{IssuedToken, OboTarget};
use sympod_model::UserId;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use axum::extract::State;
use axum::http::HeaderMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login/pubkey/authenticate", post(login))
        .route("/relay/pubkey/authenticate", post(relay))
        .route("/login/pubkey/app/authenticate", post(app_login))
        .route("/login/pubkey/app/user/{user_id}/authenticate", post(obo_by_id))
        .route("/login/pubkey/app/username/{username}/authenticate", post(obo_by_username))
}

/// `AuthenticateRequest`.
#[derive(Deserialize)]
struct AuthenticateRequest {
    token: Option<String>,
}

impl AuthenticateRequest {
    fn jwt(&self) -> ApiResult<&str> {
        self.token
            .as_deref()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::unauthorized("Malformed authentication token"))
    }
}

/// `Token`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenView {
    name: &'static str,
    token: String,
    authorization_token: String,
}

impl From<IssuedToken> for TokenView {
    fn from(t: IssuedToken) -> Self {
        Self { name: t.name, token: t.token, authorization_token: t.authorization_token }
    }
}

/// `POST /login/pubkey/authenticate`: a user signs a JWT (RS512, `sub` = username, `exp` at most five
/// minutes ahead) with their RSA key and gets a session token. Any failure is a 401.
async fn login(
    State(state): State<AppState>,
    Json(req): Json<AuthenticateRequest>,
) -> ApiResult<JsonOut<TokenView>> {
    Ok(JsonOut(state.core.authenticate_user(req.jwt()?, TokenKind::Session).await?.into()))
}

/// `POST /relay/pubkey/authenticate`: the same login, answered with a key manager token.
async fn relay(
    State(state): State<AppState>,
    Json(req): Json<AuthenticateRequest>,
) -> ApiResult<JsonOut<TokenView>> {
    Ok(JsonOut(state.core.authenticate_user(req.jwt()?, TokenKind::KeyManager).await?.into()))
}

/// `POST /login/pubkey/app/authenticate`: an app (`sub` = appId) logs in with its own key.
async fn app_login(
    State(state): State<AppState>,
    Json(req): Json<AuthenticateRequest>,
) -> ApiResult<JsonOut<TokenView>> {
    Ok(JsonOut(state.core.authenticate_app(req.jwt()?).await?.into()))
}

fn app_token(headers: &HeaderMap) -> ApiResult<&str> {
    headers
        .get("sessionToken")
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("Invalid app session"))
}

/// `POST /login/pubkey/app/user/{userId}/authenticate`: with the app's session in the `sessionToken`
/// header, a session of that user acting through the app (on behalf of).
async fn obo_by_id(
    State(state): State<AppState>,
    Path(user_id): Path<i64>,
    headers: HeaderMap,
) -> ApiResult<JsonOut<TokenView>> {
    let token = app_token(&headers)?;
    Ok(JsonOut(state.core.authenticate_obo(token, OboTarget::Id(UserId(user_id))).await?.into()))
}

/// `POST /login/pubkey/app/username/{username}/authenticate`: the same, naming the user by username.
async fn obo_by_username(
    State(state): State<AppState>,
    Path(username): Path<String>,
    headers: HeaderMap,
) -> ApiResult<JsonOut<TokenView>> {
    let token = app_token(&headers)?;
    Ok(JsonOut(state.core.authenticate_obo(token, OboTarget::Username(username)).await?.into()))
}
