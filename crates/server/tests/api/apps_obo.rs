//! Apps and on-behalf-of sessions.

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{TestApp, key};

fn app_body(app_id: &str, key_index: usize) -> Value {
    json!({
        "applicationInfo": { "appId": app_id, "name": "My App", "appUrl": "https://app.example.com", "domain": "example.com", "publisher": "Me" },
        "description": "an app",
        "permissions": ["ACT_AS_USER", "SEND_MESSAGES"],
        "authenticationKeys": { "current": { "key": key(key_index).public_pem } },
    })
}

async fn app_session(app: &TestApp, app_id: &str, key_index: usize) -> crate::support::Response {
    let jwt = app.jwt(app_id, key_index, 240);
    app.call(Method::POST, "/login/pubkey/app/authenticate", None, Some(json!({ "token": jwt }))).await
}

async fn obo(app: &TestApp, path: &str, app_token: &str) -> crate::support::Response {
    app.call(Method::POST, path, Some(app_token), None).await
}

#[tokio::test]
async fn an_administrator_registers_reads_updates_and_deletes_an_app() {
    let app = TestApp::spawn().await;
    let created = app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await;
    let detail = created.ok().clone();
    assert_eq!(detail["applicationInfo"]["appId"], "my-app");
    assert_eq!(detail["permissions"], json!(["ACT_AS_USER", "SEND_MESSAGES"]));
    assert_eq!(detail["authenticationKeys"]["current"]["key"], key(3).public_pem.trim());
    assert_eq!(app.get("/pod/v1/admin/app/my-app/get", &app.admin).await.ok(), &detail);
    assert!(
        app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3))
            .await
            .error(400)
            .contains("appId")
    );
    let updated = app
        .post(
            "/pod/v1/admin/app/my-app/update",
            &app.admin,
            json!({ "description": "changed", "permissions": ["ACT_AS_USER"] }),
        )
        .await;
    assert_eq!(
        (updated.ok()["description"].as_str(), updated.body["applicationInfo"]["name"].as_str()),
        (Some("changed"), Some("My App"))
    );
    assert_eq!(updated.body["permissions"], json!(["ACT_AS_USER"]));
    app.post("/pod/v1/admin/app/my-app/update", &app.admin, json!({ "permissions": ["lower case"] }))
        .await
        .error(400);
    app.post("/pod/v1/admin/app/my-app/delete", &app.admin, json!({})).await.ok();
    assert_eq!(app.get("/pod/v1/admin/app/my-app/get", &app.admin).await.error(400), "App my-app not found");
    app.post("/pod/v1/admin/app/my-app/delete", &app.admin, json!({})).await.error(400);
}

#[tokio::test]
async fn an_app_acts_for_a_user_by_id_and_by_username() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    let (uid, _) = app.bot("alice", 1, &[]).await;
    let app_token = app_session(&app, "my-app", 3).await.ok()["token"].as_str().unwrap().to_owned();
    for path in [
        format!("/login/pubkey/app/user/{uid}/authenticate"),
        "/login/pubkey/app/username/alice/authenticate".into(),
    ] {
        let res = obo(&app, &path, &app_token).await;
        let session = res.ok()["token"].as_str().unwrap().to_owned();
        let info = app.get("/pod/v2/sessioninfo", &session).await;
        assert_eq!(info.ok()["id"], json!(uid), "{path}");
    }
}

#[tokio::test]
async fn an_app_session_is_good_only_for_on_behalf_of_logins() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    let app_token = app_session(&app, "my-app", 3).await.ok()["token"].as_str().unwrap().to_owned();
    app.get("/pod/v2/sessioninfo", &app_token).await.error(401);
    let (uid, user_session) = app.bot("alice", 1, &[]).await;
    let path = format!("/login/pubkey/app/user/{uid}/authenticate");
    obo(&app, &path, &user_session).await.error(401);
    obo(&app, &path, "garbage").await.error(401);
    app.call(Method::POST, &path, None, None).await.error(401);
}

#[tokio::test]
async fn an_app_logs_in_only_with_its_own_key() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    app_session(&app, "my-app", 1).await.error(401);
    app_session(&app, "other-app", 3).await.error(401);
}

#[tokio::test]
async fn deleting_an_app_ends_its_on_behalf_of_sessions() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    let (uid, _) = app.bot("alice", 1, &[]).await;
    let app_token = app_session(&app, "my-app", 3).await.ok()["token"].as_str().unwrap().to_owned();
    let res = obo(&app, &format!("/login/pubkey/app/user/{uid}/authenticate"), &app_token).await;
    let session = res.ok()["token"].as_str().unwrap().to_owned();
    app.post("/pod/v1/admin/app/my-app/delete", &app.admin, json!({})).await.ok();
    app.get("/pod/v2/sessioninfo", &session).await.error(401);
}

#[tokio::test]
async fn an_app_cannot_act_for_a_disabled_or_unknown_user() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    let (uid, _) = app.bot("alice", 1, &[]).await;
    app.post(&format!("/pod/v1/admin/user/{uid}/status/update"), &app.admin, json!({ "status": "DISABLED" }))
        .await
        .ok();
    let app_token = app_session(&app, "my-app", 3).await.ok()["token"].as_str().unwrap().to_owned();
    obo(&app, &format!("/login/pubkey/app/user/{uid}/authenticate"), &app_token).await.error(401);
    obo(&app, "/login/pubkey/app/username/nobody/authenticate", &app_token).await.error(401);
}

#[tokio::test]
async fn an_app_without_act_as_user_cannot_act_for_anyone() {
    let app = TestApp::spawn().await;
    let mut body = app_body("my-app", 3);
    body["permissions"] = json!(["SEND_MESSAGES"]);
    app.post("/pod/v1/admin/app/create", &app.admin, body).await.ok();
    let (uid, _) = app.bot("alice", 1, &[]).await;
    let app_token = app_session(&app, "my-app", 3).await.ok()["token"].as_str().unwrap().to_owned();
    let message =
        obo(&app, &format!("/login/pubkey/app/user/{uid}/authenticate"), &app_token).await.error(403);
    assert!(message.contains("ACT_AS_USER"), "{message}");
}

async fn obo_session(app: &TestApp, app_id: &str, key_index: usize, username: &str) -> String {
    let app_token = app_session(app, app_id, key_index).await.ok()["token"].as_str().unwrap().to_owned();
    let res = obo(app, &format!("/login/pubkey/app/username/{username}/authenticate"), &app_token).await;
    res.ok()["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_on_behalf_of_session_has_no_administrative_power() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    let session = obo_session(&app, "my-app", 3, "admin").await;
    let info = app.get("/pod/v2/sessioninfo", &session).await;
    assert_eq!(info.ok()["roles"], json!(["INDIVIDUAL"]), "through an app, the admin is an end user");
    app.get("/pod/v2/admin/user/list", &session).await.error(403);
    app.get("/pod/v1/admin/app/my-app/get", &session).await.error(403);
}

#[tokio::test]
async fn changing_an_apps_permissions_or_keys_ends_its_on_behalf_of_sessions() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    app.bot("alice", 1, &[]).await;
    let session = obo_session(&app, "my-app", 3, "alice").await;
    app.get("/pod/v2/sessioninfo", &session).await.ok();
    app.post("/pod/v1/admin/app/my-app/update", &app.admin, json!({ "permissions": ["SEND_MESSAGES"] }))
        .await
        .ok();
    app.get("/pod/v2/sessioninfo", &session).await.error(401);
    app.post("/pod/v1/admin/app/my-app/update", &app.admin, json!({ "permissions": ["ACT_AS_USER"] }))
        .await
        .ok();
    let again = obo_session(&app, "my-app", 3, "alice").await;
    let revoke = json!({ "authenticationKeys": { "current": { "key": key(4).public_pem } } });
    app.post("/pod/v1/admin/app/my-app/update", &app.admin, revoke).await.ok();
    app.get("/pod/v2/sessioninfo", &again).await.error(401);
}

#[tokio::test]
async fn a_recreated_app_does_not_revive_the_old_apps_tokens() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    app.bot("alice", 1, &[]).await;
    let app_token = app_session(&app, "my-app", 3).await.ok()["token"].as_str().unwrap().to_owned();
    let session = obo_session(&app, "my-app", 3, "alice").await;
    app.post("/pod/v1/admin/app/my-app/delete", &app.admin, json!({})).await.ok();
    app.post("/pod/v1/admin/app/create", &app.admin, app_body("my-app", 3)).await.ok();
    app.get("/pod/v2/sessioninfo", &session).await.error(401);
    obo(&app, "/login/pubkey/app/username/alice/authenticate", &app_token).await.error(401);
}

#[tokio::test]
async fn app_properties_and_notification_are_typed_and_checked() {
    let app = TestApp::spawn().await;
    for (field, value) in [
        ("properties", json!(5)),
        ("notification", json!("x")),
        ("properties", json!([{ "key": "k", "value": 4 }])),
    ] {
        let mut body = app_body("my-app", 3);
        body[field] = value;
        let message = app.post("/pod/v1/admin/app/create", &app.admin, body).await.error(400);
        assert!(message.contains(field), "{message}");
    }
    let mut deep = json!("x");
    for _ in 0..126 {
        deep = json!([deep]);
    }
    let mut body = app_body("my-app", 3);
    body["properties"] = deep;
    app.post("/pod/v1/admin/app/create", &app.admin, body).await.error(400);
    let mut body = app_body("my-app", 3);
    body["properties"] = json!([{ "key": "k", "value": "1" }, { "key": "k", "value": "2" }]);
    assert!(app.post("/pod/v1/admin/app/create", &app.admin, body).await.error(400).contains("twice"));
    let mut body = app_body("my-app", 3);
    body["properties"] = json!([{ "key": "port", "value": "4000" }]);
    body["notification"] = json!({ "url": "https://cb.example.com", "apiKey": "k1" });
    let created = app.post("/pod/v1/admin/app/create", &app.admin, body).await;
    assert_eq!(created.ok()["properties"], json!([{ "key": "port", "value": "4000" }]));
    assert_eq!(created.body["notification"], json!({ "url": "https://cb.example.com", "apiKey": "k1" }));
    app.get("/pod/v1/admin/app/my-app/get", &app.admin).await.ok();
}
