//! Rooms and companies: a room belongs to its creator's company; only a cross-pod room takes users
//! of other companies, and discoverability stays within the company.

use serde_json::{Value, json};

use crate::support::{TestApp, key, person};

/// A user of `company` holding key `key_index`, logged in.
async fn external(app: &TestApp, username: &str, company: &str, key_index: usize) -> (i64, String) {
    let mut body = person(username);
    body["userAttributes"]["companyName"] = json!(company);
    body["userAttributes"]["currentKey"] = json!({ "key": key(key_index).public_pem });
    let id = app.create_user(body).await;
    (id, app.login(username, key_index).await)
}

fn names(v: &Value) -> Vec<String> {
    v["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["roomAttributes"]["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_room_created_by_another_company_takes_home_users_only_if_cross_pod() {
    let app = TestApp::spawn().await;
    let (_, ext) = external(&app, "ext", "Other Bank", 1).await;
    let home = app.create_user(person("home")).await;
    let theirs = app.room(&ext, "Their desk", json!({})).await;
    let refused =
        app.post(&format!("/pod/v1/room/{theirs}/membership/add"), &ext, json!({ "id": home })).await;
    assert!(refused.error(403).contains("cross-pod"));
    let shared = app.room(&ext, "Shared", json!({ "crossPod": true })).await;
    app.post(&format!("/pod/v1/room/{shared}/membership/add"), &ext, json!({ "id": home })).await.ok();
    let info = app.get(&format!("/pod/v2/streams/{shared}/info"), &ext).await;
    assert_eq!(
        (info.ok()["crossPod"].as_bool(), info.body["origin"].as_str()),
        (Some(true), Some("EXTERNAL"))
    );
}

#[tokio::test]
async fn another_company_neither_finds_nor_reads_an_internal_discoverable_room() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 2, &[]).await;
    let (_, ext) = external(&app, "ext", "Other Bank", 1).await;
    let room = app.room(&alice, "Internal desk", json!({ "discoverable": true })).await;
    app.get(&format!("/pod/v3/room/{room}/info"), &ext).await.error(403);
    app.get(&format!("/pod/v2/room/{room}/membership/list"), &ext).await.error(403);
    let found = app.post("/pod/v3/room/search", &ext, json!({ "query": "desk" })).await;
    assert_eq!(names(found.ok()), Vec::<String>::new());
    let (_, colleague) = app.bot("colleague", 3, &[]).await;
    assert_eq!(
        names(app.post("/pod/v3/room/search", &colleague, json!({ "query": "desk" })).await.ok()),
        ["Internal desk"]
    );
}

#[tokio::test]
async fn talking_to_another_company_needs_the_entitlement_and_is_cross_pod() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 2, &[]).await;
    let (ext_id, _) = external(&app, "ext", "Other Bank", 1).await;
    let im =
        app.post("/pod/v1/im/create", &alice, json!([ext_id])).await.ok()["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/pod/v2/streams/{im}/info"), &alice).await.ok()["crossPod"], true);
    let off = json!([{ "entitlment": "isExternalIMEnabled", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice_id}/features/update"), &app.admin, off).await.ok();
    let carol = {
        let mut body = person("carol");
        body["userAttributes"]["companyName"] = json!("Other Bank");
        app.create_user(body).await
    };
    assert!(
        app.post("/pod/v1/im/create", &alice, json!([carol]))
            .await
            .error(403)
            .contains("isExternalIMEnabled")
    );
}

#[tokio::test]
async fn cross_pod_and_multi_lateral_rooms_need_their_entitlements() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let off = json!([{ "entitlment": "isExternalRoomEnabled", "enabled": false }, { "entitlment": "canCreateMultiLateralRoom", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice_id}/features/update"), &app.admin, off).await.ok();
    let cross = app.post("/pod/v3/room/create", &alice, json!({ "name": "X", "crossPod": true })).await;
    assert!(cross.error(403).contains("isExternalRoomEnabled"));
    app.post("/pod/v3/room/create", &alice, json!({ "name": "M", "multiLateralRoom": true }))
        .await
        .error(403);
    let both = app
        .post("/pod/v3/room/create", &app.admin, json!({ "name": "P", "public": true, "crossPod": true }))
        .await;
    assert_eq!(both.error(400), "Attribute \"public\" cannot be true for a cross-pod room");
}
