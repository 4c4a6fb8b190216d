//! Session tokens: checked on every request, expiring, revoked by a disable, never forgeable.

use reqwest::Method;
use serde_json::json;
use sympod_core::CoreConfig;

use crate::support::{TestApp, service_account};

/// Every route that needs a session, with plausible ids.
const AUTHENTICATED: &[(&str, &str)] = &[
    ("GET", "/pod/v2/sessioninfo"),
    ("GET", "/pod/v3/users?uid=1"),
    ("GET", "/pod/v2/user?uid=1"),
    ("POST", "/pod/v1/user/search"),
    ("POST", "/pod/v2/admin/user/create"),
    ("GET", "/pod/v2/admin/user/1"),
    ("POST", "/pod/v2/admin/user/1/update"),
    ("GET", "/pod/v2/admin/user/list"),
    ("POST", "/pod/v1/admin/user/find"),
    ("POST", "/pod/v1/admin/user/1/roles/add"),
    ("POST", "/pod/v1/admin/user/1/roles/remove"),
    ("GET", "/pod/v1/admin/user/1/features"),
    ("POST", "/pod/v1/admin/user/1/features/update"),
    ("GET", "/pod/v1/admin/user/1/status"),
    ("POST", "/pod/v1/admin/user/1/status/update"),
    ("GET", "/pod/v1/admin/system/roles/list"),
    ("GET", "/pod/v1/admin/system/features/list"),
    ("POST", "/pod/v1/admin/app/create"),
    ("POST", "/pod/v1/admin/app/a/update"),
    ("POST", "/pod/v1/admin/app/a/delete"),
    ("GET", "/pod/v1/admin/app/a/get"),
    ("POST", "/pod/v1/im/create"),
    ("POST", "/pod/v1/admin/im/create"),
    ("GET", "/pod/v1/im/AAAA/info"),
    ("POST", "/pod/v1/im/AAAA/update"),
    ("POST", "/pod/v3/room/create"),
    ("GET", "/pod/v3/room/AAAA/info"),
    ("POST", "/pod/v3/room/AAAA/update"),
    ("POST", "/pod/v3/room/search"),
    ("POST", "/pod/v2/room/create"),
    ("GET", "/pod/v2/room/AAAA/info"),
    ("POST", "/pod/v2/room/AAAA/update"),
    ("POST", "/pod/v1/room/create"),
    ("GET", "/pod/v1/room/AAAA/info"),
    ("POST", "/pod/v1/room/AAAA/update"),
    ("POST", "/pod/v1/room/AAAA/setActive?active=true"),
    ("POST", "/pod/v1/admin/room/AAAA/setActive?active=true"),
    ("POST", "/pod/v1/room/AAAA/membership/add"),
    ("POST", "/pod/v1/room/AAAA/membership/remove"),
    ("POST", "/pod/v1/room/AAAA/membership/promoteOwner"),
    ("POST", "/pod/v1/room/AAAA/membership/demoteOwner"),
    ("GET", "/pod/v2/room/AAAA/membership/list"),
    ("GET", "/pod/v1/room/AAAA/membership/list"),
    ("POST", "/pod/v1/admin/room/AAAA/membership/add"),
    ("POST", "/pod/v1/admin/room/AAAA/membership/remove"),
    ("GET", "/pod/v1/admin/room/AAAA/membership/list"),
    ("GET", "/pod/v1/admin/stream/AAAA/membership/list"),
    ("POST", "/pod/v1/streams/list"),
    ("GET", "/pod/v2/streams/AAAA/info"),
    ("POST", "/pod/v2/admin/streams/list"),
    ("POST", "/pod/v1/admin/user/1/streams/list"),
];

#[tokio::test]
async fn every_authenticated_route_refuses_a_missing_empty_forged_or_expired_session() {
    let app = TestApp::spawn_with(CoreConfig { session_lifetime_ms: 60_000, ..CoreConfig::default() }).await;
    let (_, valid) = app.bot("bot", 1, &[]).await;
    let mut forged: Vec<String> = valid.split('.').map(str::to_owned).collect();
    forged[2] = "AAAA".into();
    let forged = forged.join(".");
    app.clock.advance(60_000);
    for (method, path) in AUTHENTICATED {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        for token in [None, Some(""), Some(forged.as_str()), Some(valid.as_str())] {
            let res = app.call(method.clone(), path, token, Some(json!({}))).await;
            assert_eq!(res.error(401), "Invalid session", "{method} {path} with {token:?}");
        }
    }
}

#[tokio::test]
async fn every_endpoint_but_login_info_and_health_needs_a_session() {
    let app = TestApp::spawn().await;
    for path in [
        "/pod/v2/sessioninfo",
        "/pod/v3/users?uid=1",
        "/pod/v2/admin/user/list",
        "/pod/v1/admin/system/roles/list",
    ] {
        app.call(Method::GET, path, None, None).await.error(401);
        app.get(path, "").await.error(401);
        app.get(path, "not-a-token").await.error(401);
    }
    for path in ["/agent/v1/info", "/agent/v3/health", "/agent/v3/health/extended"] {
        app.call(Method::GET, path, None, None).await.ok();
    }
}

#[tokio::test]
async fn an_expired_session_is_refused_and_logging_in_again_works() {
    let app = TestApp::spawn_with(CoreConfig { session_lifetime_ms: 60_000, ..CoreConfig::default() }).await;
    let (_, session) = app.bot("bot", 1, &[]).await;
    app.clock.advance(59_000);
    app.get("/pod/v2/sessioninfo", &session).await.ok();
    app.clock.advance(1_000);
    assert_eq!(app.get("/pod/v2/sessioninfo", &session).await.error(401), "Invalid session");
    let fresh = app.login("bot", 1).await;
    app.get("/pod/v2/sessioninfo", &fresh).await.ok();
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_at_once() {
    let app = TestApp::spawn().await;
    let (id, session) = app.bot("bot", 1, &[]).await;
    let status = format!("/pod/v1/admin/user/{id}/status/update");
    app.post(&status, &app.admin, json!({ "status": "DISABLED" })).await.ok();
    app.get("/pod/v2/sessioninfo", &session).await.error(401);
    app.post(&status, &app.admin, json!({ "status": "ENABLED" })).await.ok();
    // The old session stays void; a new login works.
    app.get("/pod/v2/sessioninfo", &session).await.error(401);
    let fresh = app.login("bot", 1).await;
    app.get("/pod/v2/sessioninfo", &fresh).await.ok();
}

#[tokio::test]
async fn a_suspended_user_is_locked_out_until_the_suspension_ends() {
    let app = TestApp::spawn().await;
    let (id, session) = app.bot("bot", 1, &[]).await;
    let until = app.clock_secs() + 3600;
    let body = json!({ "status": "ENABLED", "suspended": true, "suspendedUntil": until, "suspensionReason": "leave" });
    app.post(&format!("/pod/v1/admin/user/{id}/status/update"), &app.admin, body).await.ok();
    let status = app.get(&format!("/pod/v1/admin/user/{id}/status"), &app.admin).await;
    assert_eq!(
        status.ok(),
        &json!({ "status": "ENABLED", "suspended": true, "suspendedUntil": until, "suspensionReason": "leave" })
    );
    app.get("/pod/v2/sessioninfo", &session).await.error(401);
    let jwt = app.jwt("bot", 1, 240);
    app.call(Method::POST, "/login/pubkey/authenticate", None, Some(json!({ "token": jwt })))
        .await
        .error(401);
    app.clock.advance(3600 * 1000);
    app.login("bot", 1).await;
}

#[tokio::test]
async fn a_tampered_session_token_is_refused() {
    let app = TestApp::spawn().await;
    let (_, session) = app.bot("bot", 1, &[]).await;
    let mut parts: Vec<String> = session.split('.').map(str::to_owned).collect();
    let admin_claims = app.admin.split('.').nth(1).unwrap().to_owned();
    parts[1] = admin_claims;
    app.get("/pod/v2/sessioninfo", &parts.join(".")).await.error(401);
}

#[tokio::test]
async fn a_key_manager_token_is_not_a_session_token() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let res = app
        .call(
            Method::POST,
            "/relay/pubkey/authenticate",
            None,
            Some(json!({ "token": app.jwt("bot", 1, 240) })),
        )
        .await;
    let km = res.ok()["token"].as_str().unwrap().to_owned();
    app.get("/pod/v2/sessioninfo", &km).await.error(401);
}

#[tokio::test]
async fn session_info_describes_the_caller_with_roles() {
    let app = TestApp::spawn().await;
    let (id, session) = app.bot("bot", 1, &["CONTENT_MANAGEMENT"]).await;
    let info = app.get("/pod/v2/sessioninfo", &session).await;
    let body = info.ok();
    assert_eq!(body["id"], json!(id));
    assert!(body["id"].is_i64());
    assert_eq!(body["username"], "bot");
    assert_eq!(body["displayName"], "bot bot");
    assert_eq!(body["accountType"], "SYSTEM");
    assert_eq!(body["company"], "sympod");
    assert_eq!(body["roles"], json!(["CONTENT_MANAGEMENT", "INDIVIDUAL"]));
}

#[tokio::test]
async fn agent_info_reports_a_version_the_sdk_can_parse() {
    let app = TestApp::spawn().await;
    let info = app.call(Method::GET, "/agent/v1/info", None, None).await;
    let version = info.ok()["version"].as_str().unwrap().to_owned();
    let rest = version.strip_prefix("Agent-").unwrap();
    let mut parts = rest.split('.');
    let (major, minor): (u32, u32) =
        (parts.next().unwrap().parse().unwrap(), parts.next().unwrap().parse().unwrap());
    assert!((major, minor) >= (25, 8), "{version}");
    let health = app.call(Method::GET, "/agent/v3/health/extended", None, None).await;
    assert_eq!(health.ok()["status"], "UP");
    assert_eq!(health.body["services"]["pod"]["status"], "UP");
}

#[tokio::test]
async fn a_session_lives_its_whole_lifetime_whatever_the_millisecond_it_began() {
    let app = TestApp::spawn_with(CoreConfig { session_lifetime_ms: 2_000, ..CoreConfig::default() }).await;
    app.clock.advance(999);
    let (_, token) = app.bot("bot", 1, &[]).await;
    app.clock.advance(1_999);
    app.get("/pod/v2/sessioninfo", &token).await.ok();
    app.clock.advance(1_001);
    app.get("/pod/v2/sessioninfo", &token).await.error(401);
}
