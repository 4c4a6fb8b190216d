//! Every event type sympod's actions cause, on the wire, with the payload the spec defines: field
//! names and JSON types of `V4Event`, `V4Stream`, `V4User`, `V4Message`, `V4RoomProperties`.

use serde_json::{Value, json};

use super::{ack, app, feed, read, types};
use crate::support::TestApp;

#[track_caller]
fn user(v: &Value, id: i64) {
    assert_eq!(v["userId"], json!(id), "{v}");
    assert!(v["displayName"].is_string() && v["username"].is_string(), "V4User: {v}");
}

#[track_caller]
fn stream(v: &Value, id: &str, kind: &str) {
    assert_eq!((v["streamId"].as_str(), v["streamType"].as_str()), (Some(id), Some(kind)), "{v}");
    assert!(v["external"].is_boolean() && v["crossPod"].is_boolean(), "V4Stream: {v}");
    assert_eq!(v["roomName"].is_string(), kind == "ROOM", "roomName for rooms only: {v}");
}

#[track_caller]
fn room_properties(v: &Value, creator: i64) {
    for key in ["name", "description"] {
        assert!(v[key].is_string(), "{key}: {v}");
    }
    for key in [
        "external",
        "crossPod",
        "public",
        "copyProtected",
        "readOnly",
        "discoverable",
        "membersCanInvite",
        "canViewHistory",
    ] {
        assert!(v[key].is_boolean(), "{key}: {v}");
    }
    assert!(v["createdDate"].is_i64() && v["keywords"].is_array(), "{v}");
    user(&v["creatorUser"], creator);
}

#[track_caller]
fn message(v: &Value, sid: &str) {
    assert!(v["messageId"].is_string() && v["timestamp"].is_i64(), "V4Message: {v}");
    assert!(v["message"].as_str().unwrap().starts_with("<div data-format=\"PresentationML\""), "{v}");
    assert!(v["data"].is_string() && v["attachments"].is_array() && v["originalFormat"].is_string(), "{v}");
    stream(&v["stream"], sid, "ROOM");
}

/// Reads everything `token`'s feed holds, acknowledging as it goes.
async fn drain(app: &TestApp, token: &str, f: &str) -> Vec<Value> {
    let (mut events, mut ack_id) = (Vec::new(), String::new());
    loop {
        let batch = read(app, token, f, &ack_id).await;
        ack_id = ack(&batch);
        if batch["events"].as_array().unwrap().is_empty() {
            return events;
        }
        events.extend(batch["events"].as_array().unwrap().iter().cloned());
    }
}

#[tokio::test]
async fn every_event_type_has_its_payload_on_the_wire() {
    let app = app().await;
    let (a, a_s) = app.bot("creator", 1, &[]).await;
    let (b, b_s) = app.bot("member", 2, &[]).await;
    let (c, _) = app.bot("third", 3, &[]).await;
    let (_, officer) = app.bot("officer", 4, &["CONTENT_MANAGEMENT"]).await;
    let f = feed(&app, &a_s).await;
    let r = app.room(&a_s, "Desk", json!({})).await;
    let room = |path: &str| format!("/pod/v1/room/{r}/{path}");
    app.post(&room("membership/add"), &a_s, json!({ "id": b })).await.ok();
    app.post(&room("membership/promoteOwner"), &a_s, json!({ "id": b })).await.ok();
    app.post(&format!("/pod/v3/room/{r}/update"), &b_s, json!({ "description": "by b" })).await.ok();
    app.post(&room("membership/demoteOwner"), &a_s, json!({ "id": b })).await.ok();
    let path = format!("/agent/v4/stream/{r}/message/create");
    let parts = [("message", "<messageML>v1</messageML>")];
    let v1 = app.multipart(&path, &a_s, &parts, Some(("f.txt", b"abc".to_vec()))).await.ok().clone();
    let v1_id = v1["messageId"].as_str().unwrap().to_owned();
    let v2 = app.update(&a_s, &r, &v1_id, "<messageML>v2</messageML>").await.ok().clone();
    let article = json!({ "type": "com.symphony.sharing.article", "content": {
        "articleId": "a1", "title": "T", "publisher": "P", "author": "J", "appId": "news", "articleUrl": "https://x.example/a" } });
    app.post(&format!("/agent/v3/stream/{r}/share"), &a_s, article).await.ok();
    let v2_id = v2["messageId"].as_str().unwrap().to_owned();
    let leak = app.send(&a_s, &r, "<messageML>oops</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(&format!("/pod/v1/admin/messagesuppression/{leak}/suppress"), &officer, json!(null)).await.ok();
    let form = "<messageML><form id=\"f1\"><button name=\"go\">Go</button></form></messageML>";
    let form_id = app.send(&a_s, &r, form).await.ok()["messageId"].as_str().unwrap().to_owned();
    let submit = format!("/agent/v1/stream/{r}/message/{form_id}/form/f1/submit");
    app.post(&submit, &b_s, json!({ "action": "go" })).await.ok();
    app.post(&room("membership/remove"), &a_s, json!({ "id": b })).await.ok();
    app.post(&format!("{}?active=false", room("setActive")), &a_s, json!(null)).await.ok();
    app.post(&format!("{}?active=true", room("setActive")), &a_s, json!(null)).await.ok();
    let mim =
        app.post("/pod/v1/im/create", &a_s, json!([b, c])).await.ok()["id"].as_str().unwrap().to_owned();

    let events = drain(&app, &a_s, &f).await;
    let batch = json!({ "events": events });
    assert_eq!(
        types(&batch),
        [
            "ROOMCREATED",
            "USERJOINEDROOM",
            "ROOMMEMBERPROMOTEDTOOWNER",
            "ROOMUPDATED",
            "ROOMMEMBERDEMOTEDFROMOWNER",
            "MESSAGESENT",
            "MESSAGESENT",
            "SHAREDPOST",
            "MESSAGESENT",
            "MESSAGESUPPRESSED",
            "MESSAGESENT",
            "SYMPHONYELEMENTSACTION",
            "USERLEFTROOM",
            "ROOMDEACTIVATED",
            "ROOMREACTIVATED",
            "INSTANTMESSAGECREATED",
        ]
    );
    for e in &events {
        assert!(e["id"].is_string() && e["timestamp"].is_i64(), "V4Event: {e}");
    }
    let p = |i: usize, key: &str| events[i]["payload"][key].clone();
    stream(&p(0, "roomCreated")["stream"], &r, "ROOM");
    room_properties(&p(0, "roomCreated")["roomProperties"], a);
    for (i, key) in [
        (1, "userJoinedRoom"),
        (2, "roomMemberPromotedToOwner"),
        (4, "roomMemberDemotedFromOwner"),
        (12, "userLeftRoom"),
    ] {
        stream(&p(i, key)["stream"], &r, "ROOM");
        user(&p(i, key)["affectedUser"], b);
    }
    let updated = p(3, "roomUpdated");
    room_properties(&updated["newRoomProperties"], a);
    assert_eq!(updated["newRoomProperties"]["description"], "by b");
    user(&events[3]["initiator"]["user"], b);
    let first = p(5, "messageSent")["message"].clone();
    message(&first, &r);
    assert_eq!(events[5]["messageId"], first["messageId"]);
    assert_eq!(first["attachments"][0]["name"], "f.txt");
    user(&first["user"], a);
    let edit = p(6, "messageSent")["message"].clone();
    message(&edit, &r);
    assert_eq!(
        (edit["replacing"].as_str(), edit["initialMessageId"].as_str(), edit["initialTimestamp"].as_i64()),
        (Some(v1_id.as_str()), Some(v1_id.as_str()), first["timestamp"].as_i64())
    );
    assert_eq!(edit["messageId"], json!(v2_id));
    message(&p(7, "sharedPost")["message"], &r);
    assert_eq!(p(9, "messageSuppressed")["messageId"], json!(leak));
    stream(&p(9, "messageSuppressed")["stream"], &r, "ROOM");
    let suppressed = p(8, "messageSent")["message"].clone();
    assert!(!suppressed["message"].as_str().unwrap().contains("oops"), "delivered as it is now: suppressed");
    let action = p(11, "symphonyElementsAction");
    stream(&action["stream"], &r, "ROOM");
    assert_eq!(action["formMessageId"], json!(form_id));
    user(&events[11]["initiator"]["user"], b);
    for (i, key) in [(13, "roomDeactivated"), (14, "roomReactivated")] {
        stream(&p(i, key)["stream"], &r, "ROOM");
    }
    let created = p(15, "instantMessageCreated")["stream"].clone();
    assert_eq!(
        (created["streamId"].as_str(), created["streamType"].as_str()),
        (Some(mim.as_str()), Some("MIM"))
    );
    let mut members: Vec<i64> =
        created["members"].as_array().unwrap().iter().map(|m| m["userId"].as_i64().unwrap()).collect();
    members.sort();
    assert_eq!(members, {
        let mut all = vec![a, b, c];
        all.sort();
        all
    });
}
