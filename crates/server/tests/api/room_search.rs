//! `POST /pod/v3/room/search`.

use serde_json::{Value, json};

use crate::support::TestApp;

fn names(results: &Value) -> Vec<String> {
    results["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["roomAttributes"]["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn rooms_are_found_by_name_description_and_keywords() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    app.room(&alice, "FX Options", json!({ "description": "vol desk" })).await;
    app.room(&alice, "Rates", json!({ "keywords": [{ "key": "asset", "value": "fx swaps" }] })).await;
    app.room(&alice, "Equities", json!({})).await;
    let found = app.post("/pod/v3/room/search", &alice, json!({ "query": "fx" })).await;
    assert_eq!(found.ok()["count"], 2);
    assert_eq!(names(&found.body), ["FX Options", "Rates"], "name matches rank first");
    assert_eq!(found.body["query"], json!({ "query": "fx" }));
    assert_eq!(found.body["rooms"][0]["roomSystemInfo"]["active"], true);
    assert_eq!(
        names(app.post("/pod/v3/room/search", &alice, json!({ "query": "VOL" })).await.ok()),
        ["FX Options"]
    );
    let by_label =
        app.post("/pod/v3/room/search", &alice, json!({ "query": "fx", "labels": ["asset"] })).await;
    assert_eq!(names(by_label.ok()), ["Rates"]);
    let page = app.post("/pod/v3/room/search?skip=1&limit=1", &alice, json!({ "query": "" })).await;
    assert_eq!((page.ok()["count"].as_i64(), names(&page.body).len()), (Some(3), 1));
}

#[tokio::test]
async fn a_non_discoverable_room_is_found_only_by_its_members_who_ask_for_it() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &["COMPLIANCE_OFFICER"]).await;
    app.room(&alice, "Secret Desk", json!({ "discoverable": false })).await;
    app.room(&alice, "Open Desk", json!({})).await;
    assert_eq!(search_desk(&app, &alice, false).await, ["Open Desk"]);
    assert_eq!(
        search_desk(&app, &alice, true).await,
        ["Secret Desk", "Open Desk"],
        "equal rank: creation order"
    );
    assert_eq!(search_desk(&app, &outsider, true).await, ["Open Desk"]);
    assert_eq!(search_desk(&app, &outsider, false).await, ["Open Desk"]);
}

async fn search_desk(app: &TestApp, token: &str, include: bool) -> Vec<String> {
    let path = format!("/pod/v3/room/search?includeNonDiscoverable={include}");
    names(app.post(&path, token, json!({ "query": "desk" })).await.ok())
}

#[tokio::test]
async fn search_filters_by_activity_privacy_owner_creator_and_member() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let (bob_id, bob) = app.bot("bob", 2, &[]).await;
    app.room(&alice, "A public", json!({ "public": true })).await;
    let inactive = app.room(&alice, "A closed", json!({})).await;
    app.post(&format!("/pod/v1/room/{inactive}/setActive?active=false"), &alice, json!(null)).await.ok();
    let bobs = app.room(&bob, "B room", json!({})).await;
    app.post(&format!("/pod/v1/room/{bobs}/membership/add"), &bob, json!({ "id": alice_id })).await.ok();
    let q = |extra: Value| {
        let mut c = json!({ "query": "", "sortOrder": "BASIC" });
        c.as_object_mut().unwrap().extend(extra.as_object().cloned().unwrap());
        app.post("/pod/v3/room/search?limit=100", &alice, c)
    };
    assert_eq!(names(q(json!({ "active": false })).await.ok()), ["A closed"]);
    assert_eq!(names(q(json!({ "private": false })).await.ok()), ["A public"]);
    assert_eq!(names(q(json!({ "private": true, "active": true })).await.ok()), ["B room"]);
    assert_eq!(names(q(json!({ "creator": { "id": bob_id } })).await.ok()), ["B room"]);
    assert_eq!(names(q(json!({ "owner": { "id": alice_id } })).await.ok()), ["A public", "A closed"]);
    assert_eq!(
        names(q(json!({ "member": { "id": alice_id } })).await.ok()),
        ["A public", "A closed", "B room"]
    );
}

#[tokio::test]
async fn search_needs_a_query_and_pages_of_at_most_100() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    assert_eq!(app.post("/pod/v3/room/search", &alice, json!({})).await.error(400), "query is required");
    assert!(
        app.post("/pod/v3/room/search?limit=101", &alice, json!({ "query": "x" }))
            .await
            .error(400)
            .contains("100")
    );
    app.post("/pod/v3/room/search", &alice, json!({ "query": "x", "sortOrder": "RANDOM" })).await.error(400);
    app.post("/pod/v3/room/search", &alice, json!({ "query": 3 })).await.error(400);
}
