//! Session info, agent info and health, and the pod's catalogues of roles and entitlements.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use sympod_model::catalogue::{FEATURES, ROLES};
use sympod_model::rules::admin::can_manage_users;

use crate::error::ApiResult;
use crate::extract::Session;
use crate::views::users::{RoleDetail, UserV2};
use crate::{AGENT_VERSION, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v2/sessioninfo", get(session_info))
        .route("/agent/v1/info", get(agent_info))
        .route("/agent/v3/health", get(health))
        .route("/agent/v3/health/extended", get(health_extended))
        .route("/pod/v1/admin/system/roles/list", get(roles))
        .route("/pod/v1/admin/system/features/list", get(features))
}

/// `GET /pod/v2/sessioninfo`: the calling user, with their roles.
async fn session_info(Session(caller): Session) -> Json<Value> {
    Json(json!(UserV2::own(&caller.user)))
}

/// `GET /agent/v1/info`: the agent's description. Unauthenticated: the SDK calls it without tokens
/// to decide whether simplified key delivery applies.
async fn agent_info(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "ipAddress": "127.0.0.1",
        "hostname": "sympod",
        "serverFqdn": &*state.public_url,
        "version": AGENT_VERSION,
        "url": &*state.public_url,
        "onPrem": true,
        "mt": false,
        "commitId": env!("CARGO_PKG_VERSION"),
    }))
}

fn agent_semver() -> &'static str {
    AGENT_VERSION.trim_start_matches("Agent-").split('-').next().unwrap_or_default()
}

/// `GET /agent/v3/health`: the agent is up.
async fn health() -> Json<Value> {
    Json(json!({ "status": "UP", "version": agent_semver() }))
}

/// `GET /agent/v3/health/extended`: the agent and the services behind it. The store is checked for
/// real; a store that does not answer makes the whole answer DOWN with a 503.
async fn health_extended(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let store_up = state.core.store().count_users().await.is_ok();
    let status = if store_up { "UP" } else { "DOWN" };
    let component = |name: &str| {
        let mut c = json!({ "status": status });
        if !store_up {
            c["message"] = json!(format!("{name} is unavailable: the store does not answer"));
        }
        c
    };
    let body = json!({
        "status": status,
        "version": agent_semver(),
        "services": {
            "pod": component("pod"),
            "key_manager": component("key_manager"),
            "datafeed": component("datafeed"),
            "datahose": component("datahose"),
        },
        "users": {
            "agentservice": { "status": status, "authType": "RSA" },
            "ceservice": { "status": status, "authType": "RSA" },
        },
    });
    (if store_up { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, Json(body))
}

/// `GET /pod/v1/admin/system/roles/list`: every role of the pod. Administrators only.
async fn roles(Session(caller): Session) -> ApiResult<Json<Vec<RoleDetail>>> {
    can_manage_users(&caller.user)?;
    Ok(Json(
        ROLES
            .iter()
            .map(|r| RoleDetail {
                id: r.id,
                name: r.name,
                user_types: r.user_types.iter().map(|t| t.as_str()).collect(),
            })
            .collect(),
    ))
}

/// `GET /pod/v1/admin/system/features/list`: every entitlement name. Administrators only.
async fn features(Session(caller): Session) -> ApiResult<Json<Vec<&'static str>>> {
    can_manage_users(&caller.user)?;
    Ok(Json(FEATURES.iter().map(|(name, _)| *name).collect()))
}
