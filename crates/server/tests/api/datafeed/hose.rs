//! The datahose and datafeed v1.

use serde_json::json;

use super::{app, types};

#[tokio::test]
async fn the_v1_datafeed_delivers_each_event_once_as_a_bare_array_and_204_when_idle() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let created = app.post("/agent/v4/datafeed/create", &bot, json!(null)).await;
    let id = created.ok()["id"].as_str().unwrap().to_owned();
    let idle = app.get(&format!("/agent/v4/datafeed/{id}/read"), &bot).await;
    assert_eq!(idle.status.as_u16(), 204);
    app.room(&bot, "Desk", json!({})).await;
    let batch = app.get(&format!("/agent/v4/datafeed/{id}/read"), &bot).await;
    assert_eq!(batch.ok().as_array().unwrap()[0]["type"], "ROOMCREATED");
    assert_eq!(
        app.get(&format!("/agent/v4/datafeed/{id}/read"), &bot).await.status.as_u16(),
        204,
        "delivered once"
    );
}

#[tokio::test]
async fn the_datahose_reads_every_event_of_the_pod_by_type_for_the_entitled() {
    let app = app().await;
    let (hose_id, hose) = app.bot("hose", 1, &[]).await;
    let (_, alice) = app.bot("alice", 2, &[]).await;
    let body = |ack: &str| json!({ "type": "datahose", "tag": "audit", "eventTypes": ["MESSAGESENT"], "ackId": ack });
    assert!(app.post("/agent/v5/events/read", &hose, body("")).await.error(403).contains("canUseFirehose"));
    let on = json!([{ "entitlment": "canUseFirehose", "enabled": true }]);
    app.post(&format!("/pod/v1/admin/user/{hose_id}/features/update"), &app.admin, on).await.ok();
    let first = app.post("/agent/v5/events/read", &hose, body("")).await;
    assert_eq!(first.ok()["events"], json!([]), "a new datahose starts now");
    let room = app.room(&alice, "Private desk", json!({ "discoverable": false })).await;
    app.send(&alice, &room, "<messageML>between us</messageML>").await.ok();
    let batch = app.post("/agent/v5/events/read", &hose, body(first.body["ackId"].as_str().unwrap())).await;
    assert_eq!(
        types(batch.ok()),
        ["MESSAGESENT"],
        "ROOMCREATED is of another type; alice's room is not the hose's"
    );
    let ack = batch.body["ackId"].as_str().unwrap().to_owned();
    assert_eq!(app.post("/agent/v5/events/read", &hose, body(&ack)).await.ok()["events"], json!([]));
    app.post("/agent/v5/events/read", &hose, json!({ "type": "datahose", "tag": "audit", "eventTypes": [] }))
        .await
        .error(400);
    app.post(
        "/agent/v5/events/read",
        &hose,
        json!({ "type": "fanout", "tag": "audit", "eventTypes": ["MESSAGESENT"] }),
    )
    .await
    .error(400);
    assert_eq!(app.get("/agent/v5/datafeeds", &hose).await.ok(), &json!([]), "a datahose is not a datafeed");
}

/// A datahose reader: a service account with `canUseFirehose`.
async fn hose_reader(app: &crate::support::TestApp) -> String {
    let (id, token) = app.bot("hose", 1, &[]).await;
    let on = json!([{ "entitlment": "canUseFirehose", "enabled": true }]);
    app.post(&format!("/pod/v1/admin/user/{id}/features/update"), &app.admin, on).await.ok();
    token
}

fn hose_body(tag: &str, types: &[&str], scopes: &[&str], ack: &str) -> serde_json::Value {
    json!({ "type": "datahose", "tag": tag, "eventTypes": types, "scopes": scopes, "ackId": ack })
}

#[tokio::test]
async fn datahose_readers_share_a_feed_by_tag_and_filters_and_get_unacknowledged_events_again() {
    let app = app().await;
    let hose = hose_reader(&app).await;
    let (_, alice) = app.bot("alice", 2, &[]).await;
    let read = |tag: &'static str, types: &'static [&'static str], ack: String| {
        let (app, hose) = (&app, hose.clone());
        async move {
            app.post("/agent/v5/events/read", &hose, hose_body(tag, types, &[], &ack)).await.ok().clone()
        }
    };
    let audit = read("audit", &["MESSAGESENT"], String::new()).await;
    let rooms = read("audit", &["ROOMCREATED"], String::new()).await;
    let other = read("other", &["MESSAGESENT"], String::new()).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    app.send(&alice, &room, "<messageML>one</messageML>").await.ok();
    let first = read("audit", &["MESSAGESENT"], audit["ackId"].as_str().unwrap().into()).await;
    assert_eq!(types(&first), ["MESSAGESENT"]);
    let again = read("audit", &["MESSAGESENT"], audit["ackId"].as_str().unwrap().into()).await;
    assert_eq!(types(&again), ["MESSAGESENT"], "not acknowledged: delivered again");
    let done = read("audit", &["MESSAGESENT"], again["ackId"].as_str().unwrap().into()).await;
    assert_eq!(done["events"], json!([]));
    let by_type = read("audit", &["ROOMCREATED"], rooms["ackId"].as_str().unwrap().into()).await;
    assert_eq!(types(&by_type), ["ROOMCREATED"], "other filters, another feed with its own cursor");
    let by_tag = read("other", &["MESSAGESENT"], other["ackId"].as_str().unwrap().into()).await;
    assert_eq!(types(&by_tag), ["MESSAGESENT"], "another tag, another feed");
}

#[tokio::test]
async fn a_datahose_refuses_unknown_types_and_scopes_and_filters_by_scope() {
    let app = app().await;
    let hose = hose_reader(&app).await;
    let (_, alice) = app.bot("alice", 2, &[]).await;
    let path = "/agent/v5/events/read";
    let typo = app.post(path, &hose, hose_body("t", &["MESSAGE_SENT"], &[], "")).await.error(400);
    assert!(typo.contains("MESSAGE_SENT"), "{typo}");
    app.post(path, &hose, hose_body("t", &["MESSAGESENT"], &["WORLD"], "")).await.error(400);
    let long = "x".repeat(81);
    app.post(path, &hose, hose_body(&long, &["MESSAGESENT"], &[], "")).await.error(400);
    let internal = app.post(path, &hose, hose_body("i", &["ROOMCREATED"], &["INTERNAL"], "")).await;
    let external = app.post(path, &hose, hose_body("e", &["ROOMCREATED"], &["EXTERNAL"], "")).await;
    app.room(&alice, "Inside", json!({})).await;
    let ack = |r: &crate::support::Response| r.body["ackId"].as_str().unwrap().to_owned();
    let inside =
        app.post(path, &hose, hose_body("i", &["ROOMCREATED"], &["INTERNAL"], &ack(&internal))).await;
    assert_eq!(types(inside.ok()), ["ROOMCREATED"]);
    let outside =
        app.post(path, &hose, hose_body("e", &["ROOMCREATED"], &["EXTERNAL"], &ack(&external))).await;
    assert_eq!(outside.ok()["events"], json!([]), "an internal room is not external");
}
