//! Listing streams: the caller's, one stream's attributes, and the administrators' lists.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, person};

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_user_lists_the_streams_they_belong_to_by_type_and_activity() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let none = app.post("/pod/v1/streams/list", &alice, json!({})).await;
    assert_eq!(none.status, StatusCode::NO_CONTENT);
    let im =
        app.post("/pod/v1/im/create", &alice, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let room = app.room(&alice, "Desk", json!({})).await;
    let old = app.room(&alice, "Old", json!({})).await;
    app.post(&format!("/pod/v1/room/{old}/setActive?active=false"), &alice, json!(null)).await.ok();
    let all = app.post("/pod/v1/streams/list", &alice, json!({})).await;
    assert_eq!(ids(all.ok()), [im.clone(), room.clone()]);
    let entry = &all.body[1];
    assert_eq!(entry["streamType"], json!({ "type": "ROOM" }));
    assert_eq!(entry["roomAttributes"], json!({ "name": "Desk" }));
    assert_eq!(all.body[0]["streamAttributes"]["members"].as_array().unwrap().len(), 2);
    let rooms = app
        .post(
            "/pod/v1/streams/list",
            &alice,
            json!({ "streamTypes": [{ "type": "ROOM" }], "includeInactiveStreams": true }),
        )
        .await;
    assert_eq!(ids(rooms.ok()), [room.clone(), old]);
    let paged = app.post("/pod/v1/streams/list?skip=1&limit=1", &alice, json!({})).await;
    assert_eq!(ids(paged.ok()), [room]);
    app.post("/pod/v1/streams/list", &alice, json!({ "streamTypes": [{ "type": "CHAT" }] })).await.error(400);
}

#[tokio::test]
async fn stream_info_describes_type_origin_and_members() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let im =
        app.post("/pod/v1/im/create", &alice, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let info = app.get(&format!("/pod/v2/streams/{im}/info"), &alice).await;
    assert_eq!(info.ok()["origin"], "INTERNAL");
    assert_eq!((info.body["crossPod"].as_bool(), info.body["active"].as_bool()), (Some(false), Some(true)));
    app.get(&format!("/pod/v2/streams/{im}/info"), &outsider).await.error(403);
}

#[tokio::test]
async fn administrators_list_every_stream_by_filter() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let im =
        app.post("/pod/v1/im/create", &alice, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let public = app.room(&alice, "Lobby", json!({ "public": true })).await;
    let private = app.room(&alice, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{private}/setActive?active=false"), &alice, json!(null)).await.ok();
    let list = |filter: Value| app.post("/pod/v2/admin/streams/list", &app.admin, filter);
    let all = list(json!({})).await;
    assert_eq!(all.ok()["count"], 3);
    assert_eq!(ids(&all.body["streams"]), [im.clone(), public.clone(), private.clone()]);
    let lobby = &all.body["streams"][1];
    assert_eq!(
        (lobby["type"].as_str(), lobby["isPublic"].as_bool(), lobby["origin"].as_str()),
        (Some("ROOM"), Some(true), Some("INTERNAL"))
    );
    assert_eq!(lobby["attributes"]["roomName"], "Lobby");
    assert_eq!(lobby["attributes"]["createdByUserId"], json!(alice_id));
    assert_eq!(
        ids(&list(json!({ "streamTypes": [{ "type": "IM" }] })).await.ok()["streams"]),
        std::slice::from_ref(&im)
    );
    assert_eq!(
        ids(&list(json!({ "status": "INACTIVE" })).await.ok()["streams"]),
        std::slice::from_ref(&private)
    );
    assert_eq!(ids(&list(json!({ "privacy": "PUBLIC" })).await.ok()["streams"]), [public]);
    list(json!({ "status": "SLEEPING" })).await.error(400);
    let (_, plain) = app.bot("plain", 2, &[]).await;
    app.post("/pod/v2/admin/streams/list", &plain, json!({})).await.error(403);
    let of_bob = app.post(&format!("/pod/v1/admin/user/{bob}/streams/list"), &app.admin, json!({})).await;
    assert_eq!(ids(of_bob.ok()), [im]);
    app.post(&format!("/pod/v1/admin/user/{bob}/streams/list"), &plain, json!({})).await.error(403);
}
