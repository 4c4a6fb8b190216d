//! DLP on room create and update, v3 and legacy: name, description and keywords (`RoomMeta`).

use serde_json::{Value, json};

use super::{external, keyword_policy, manager, violations};
use crate::support::TestApp;

async fn owner(app: &TestApp) -> String {
    app.bot("owner", 2, &["INDIVIDUAL"]).await.1
}

fn room_ids(found: &[Value]) -> Vec<String> {
    found.iter().map(|v| v["violation"]["entityID"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_room_whose_name_matches_a_blocking_policy_is_refused_with_451_and_not_created() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let (policy, _) =
        keyword_policy(&app, &dlp, "Rooms", "Block", "project x\n", &["RoomMeta"], &["Internal"]).await;
    let me = owner(&app).await;
    let events = app.event_types().await;
    let refused = app.post("/pod/v3/room/create", &me, json!({ "name": "Project X desk" })).await;
    assert_eq!(refused.status.as_u16(), 451);
    assert_eq!(refused.body, json!({ "code": 451, "message": "Compliance issues found in room creation" }));
    assert_eq!(app.event_types().await, events, "no event for a refused room");
    let mine = app.post("/pod/v1/streams/list", &me, json!({})).await;
    assert_eq!(mine.status.as_u16(), 204, "no room was created: {}", mine.body);

    let found = violations(&app, &dlp, 1, "stream").await;
    assert_eq!(found.len(), 1);
    let v = &found[0]["violation"];
    assert_eq!((&v["action"], &v["outcome"]["type"]), (&json!("BLOCK"), &json!("BLOCKED")));
    assert_eq!(
        (&v["contentType"]["type"], &v["matchedPolicies"][0]["id"]),
        (&json!("RoomMeta"), &json!(policy))
    );
    assert_eq!(found[0]["stream"]["name"], "Project X desk");
    assert_eq!(found[0]["stream"]["type"], "ROOM");
    let v3 = violations(&app, &dlp, 3, "stream").await;
    assert_eq!(v3[0]["violation"]["details"][0]["matches"][0]["term"], "project x");
    assert!(violations(&app, &dlp, 1, "message").await.is_empty());
}

#[tokio::test]
async fn descriptions_and_keywords_are_checked_on_every_create_version() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "Rooms", "Block", "secret\n", &["RoomMeta"], &["Internal"]).await;
    let me = owner(&app).await;
    let attempts = [
        ("/pod/v3/room/create", json!({ "name": "Desk", "description": "a secret desk" })),
        (
            "/pod/v3/room/create",
            json!({ "name": "Desk", "keywords": [{ "key": "topic", "value": "Secret" }] }),
        ),
        ("/pod/v2/room/create", json!({ "name": "Desk", "description": "top SECRET" })),
        ("/pod/v1/room/create", json!({ "roomAttributes": { "name": "secret desk", "description": "d" } })),
    ];
    for (path, body) in attempts {
        let res = app.post(path, &me, body.clone()).await;
        assert_eq!(res.error(451), "Compliance issues found in room creation", "{path} {body}");
    }
    assert_eq!(violations(&app, &dlp, 1, "stream").await.len(), 4);
    app.post("/pod/v3/room/create", &me, json!({ "name": "Desk", "description": "secrets" })).await.ok();
}

#[tokio::test]
async fn a_room_update_matching_a_blocking_policy_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let me = owner(&app).await;
    let room = app.room(&me, "Desk", json!({})).await;
    keyword_policy(&app, &dlp, "Rooms", "Block", "secret\n", &["RoomMeta"], &["Internal"]).await;
    let events = app.event_types().await;
    for (path, body) in [
        (format!("/pod/v3/room/{room}/update"), json!({ "name": "Secret desk" })),
        (format!("/pod/v3/room/{room}/update"), json!({ "keywords": [{ "key": "secret", "value": "v" }] })),
        (format!("/pod/v2/room/{room}/update"), json!({ "description": "a secret" })),
        (format!("/pod/v1/room/{room}/update"), json!({ "name": "secret" })),
    ] {
        let res = app.post(&path, &me, body).await;
        assert_eq!(res.error(451), "Compliance issues found in room update", "{path}");
    }
    assert_eq!(app.event_types().await, events);
    let info = app.get(&format!("/pod/v3/room/{room}/info"), &me).await;
    assert_eq!(
        (&info.ok()["roomAttributes"]["name"], &info.body["roomAttributes"]["description"]),
        (&json!("Desk"), &json!("Desk room"))
    );
    assert_eq!(room_ids(&violations(&app, &dlp, 1, "stream").await), vec![room.clone(); 4]);
    // A change that sets no matching text goes through.
    app.post(&format!("/pod/v3/room/{room}/update"), &me, json!({ "description": "calm" })).await.ok();
}

#[tokio::test]
async fn someone_who_may_not_update_the_room_gets_403_and_no_violation() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let me = owner(&app).await;
    let room = app.room(&me, "Desk", json!({})).await;
    keyword_policy(&app, &dlp, "Rooms", "Block", "secret\n", &["RoomMeta"], &["Internal"]).await;
    let (_, stranger) = app.bot("stranger", 3, &["INDIVIDUAL"]).await;
    app.post(&format!("/pod/v3/room/{room}/update"), &stranger, json!({ "name": "secret" })).await.error(403);
    assert!(violations(&app, &dlp, 1, "stream").await.is_empty());
}

#[tokio::test]
async fn room_policies_that_are_disabled_or_scoped_elsewhere_or_for_messages_let_rooms_through() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let (off, _) = keyword_policy(&app, &dlp, "Off", "Block", "alpha\n", &["RoomMeta"], &["Internal"]).await;
    app.post(&format!("/agent/v1/dlp/policies/{off}/disable"), &dlp, json!({})).await.ok();
    keyword_policy(&app, &dlp, "Messages", "Block", "beta\n", &["Messages"], &["Internal"]).await;
    keyword_policy(&app, &dlp, "Outside", "Block", "gamma\n", &["RoomMeta"], &["External"]).await;
    let me = owner(&app).await;
    for name in ["alpha", "beta", "gamma"] {
        app.post("/pod/v3/room/create", &me, json!({ "name": name })).await.ok();
    }
    assert!(violations(&app, &dlp, 1, "stream").await.is_empty());
    // A room of another company is external.
    let (_, ext) = external(&app, "ext", 3).await;
    app.post("/pod/v3/room/create", &ext, json!({ "name": "gamma" })).await.error(451);
}

#[tokio::test]
async fn a_warning_policy_lets_the_room_through_and_records_it() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "Careful", "Warn", "merger\n", &["RoomMeta"], &["Internal"]).await;
    let me = owner(&app).await;
    let room = app.room(&me, "Merger desk", json!({})).await;
    let found = violations(&app, &dlp, 3, "stream").await;
    assert_eq!(room_ids(&found), vec![room.clone()]);
    let v = &found[0]["violation"];
    assert_eq!((&v["action"], &v["outcome"]["type"]), (&json!("WARN"), &json!("WARNED")));
    assert_eq!(found[0]["stream"]["streamId"], room.as_str());
}

#[tokio::test]
async fn a_room_open_to_other_pods_is_screened_as_external_from_its_creation() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "Outside", "Block", "project x\n", &["RoomMeta"], &["External"]).await;
    let me = owner(&app).await;
    app.post("/pod/v3/room/create", &me, json!({ "name": "Project X inside" })).await.ok();
    let refused =
        app.post("/pod/v3/room/create", &me, json!({ "name": "Project X out", "crossPod": true })).await;
    assert_eq!(refused.status.as_u16(), 451, "{}", refused.body);
}
