//! Bad input gets a clear error in Symphony's shape, never a 500.

use reqwest::Method;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn an_unknown_path_is_a_404_in_symphonys_shape() {
    let app = TestApp::spawn().await;
    let res = app.get("/pod/v9/nothing", &app.admin).await;
    res.error(404);
    assert_eq!(res.content_type.as_deref(), Some("application/json"));
    app.call(Method::GET, "/", None, None).await.error(404);
}

#[tokio::test]
async fn a_wrong_method_is_a_405_in_symphonys_shape() {
    let app = TestApp::spawn().await;
    app.call(Method::DELETE, "/pod/v2/sessioninfo", Some(&app.admin), None).await.error(405);
    app.call(Method::GET, "/login/pubkey/authenticate", None, None).await.error(405);
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let app = TestApp::spawn().await;
    let message = app
        .raw(Method::POST, "/pod/v2/admin/user/create", Some(&app.admin), "{\"userAttributes\": ")
        .await
        .error(400);
    assert!(message.starts_with("Invalid JSON body"), "{message}");
    app.raw(Method::POST, "/pod/v2/admin/user/create", Some(&app.admin), "").await.error(400);
    app.raw(Method::POST, "/login/pubkey/authenticate", None, "[1,2").await.error(400);
}

#[tokio::test]
async fn a_wrong_field_type_is_a_400_naming_the_field() {
    let app = TestApp::spawn().await;
    let body = json!({ "userAttributes": { "userName": 42 } });
    let message = app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400);
    assert!(message.contains("userAttributes"), "{message}");
    let body = json!({ "userAttributes": { "userName": "x", "accountType": "ROBOT" } });
    let message = app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400);
    assert!(message.contains("ROBOT"), "{message}");
    let message = app
        .post(
            "/pod/v1/admin/user/1/features/update",
            &app.admin,
            json!([{ "entitlment": "x", "enabled": "yes" }]),
        )
        .await
        .error(400);
    assert!(message.contains("[0].enabled"), "{message}");
}

#[tokio::test]
async fn a_missing_required_field_is_a_400_naming_it() {
    let app = TestApp::spawn().await;
    let message = app.post("/pod/v2/admin/user/create", &app.admin, json!({})).await.error(400);
    assert_eq!(message, "userAttributes is required");
    let body = json!({ "userAttributes": { "userName": "jo", "accountType": "NORMAL", "firstName": "J", "lastName": "O" } });
    assert_eq!(
        app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400),
        "userAttributes.emailAddress is required"
    );
    let message = app.post("/pod/v1/admin/user/1/roles/add", &app.admin, json!({})).await.error(400);
    assert!(message.contains("id"), "{message}");
}

#[tokio::test]
async fn malformed_path_and_query_parameters_are_400s() {
    let app = TestApp::spawn().await;
    app.get("/pod/v2/admin/user/abc", &app.admin).await.error(400);
    app.get("/pod/v2/admin/user/list?limit=many", &app.admin).await.error(400);
    app.get("/pod/v2/admin/user/list?skip=-1", &app.admin).await.error(400);
    app.get("/pod/v3/users?uid=1&local=maybe", &app.admin).await.error(400);
}

#[tokio::test]
async fn a_wrong_type_in_a_profile_field_names_that_field_on_create_and_update() {
    let app = TestApp::spawn().await;
    let mut body = crate::support::person("jane");
    body["userAttributes"]["firstName"] = json!(5);
    let message = app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400);
    assert!(message.starts_with("Invalid JSON body at userAttributes.firstName:"), "{message}");
    let mut body = crate::support::person("jane");
    body["userAttributes"]["assetClasses"] = json!("Equities");
    let message = app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400);
    assert!(message.starts_with("Invalid JSON body at userAttributes.assetClasses:"), "{message}");
    let id = app.create_user(crate::support::person("joe")).await;
    let message = app
        .post(&format!("/pod/v2/admin/user/{id}/update"), &app.admin, json!({ "title": 7 }))
        .await
        .error(400);
    assert!(message.starts_with("Invalid JSON body at title:"), "{message}");
    let message =
        app.post("/pod/v2/admin/user/create", &app.admin, json!({ "userAttributes": 5 })).await.error(400);
    assert!(message.starts_with("Invalid JSON body at userAttributes:"), "{message}");
}

#[tokio::test]
async fn user_metadata_values_must_be_objects() {
    let app = TestApp::spawn().await;
    let mut body = crate::support::person("jane");
    body["userAttributes"]["userMetadata"] = json!({ "k": "b" });
    let message = app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400);
    assert!(message.starts_with("Invalid JSON body at userAttributes.userMetadata.k:"), "{message}");
    let mut body = crate::support::person("jane");
    body["userAttributes"]["userMetadata"] = json!({ "k": { "v": [1, 2] } });
    let created = app.post("/pod/v2/admin/user/create", &app.admin, body).await;
    assert_eq!(created.ok()["userAttributes"]["userMetadata"], json!({ "k": { "v": [1, 2] } }));
}
