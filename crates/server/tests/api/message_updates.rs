//! Updating messages: the edit chain and every rule of `update-message.md`; pins that follow it.

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{TestApp, key};

async fn setup(app: &TestApp) -> (i64, String, String, String) {
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice_s, "Desk", json!({})).await;
    let mid = app.send(&alice_s, &room, "<messageML>v1</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    (alice, alice_s, room, mid)
}

fn id(v: &Value) -> String {
    v["messageId"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_update_is_a_new_version_that_replaces_the_old_one() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let first = app.get(&format!("/agent/v1/message/{v1}"), &alice).await.ok().clone();
    app.clock.advance(5);
    let v2 = app.update(&alice, &room, &v1, "<messageML>v2</messageML>").await.ok().clone();
    assert_ne!(id(&v2), v1, "a new id");
    assert_eq!(v2["replacing"], json!(v1));
    assert_eq!(v2["initialMessageId"], json!(v1));
    assert_eq!(v2["initialTimestamp"], first["timestamp"]);
    assert!(v2["timestamp"].as_i64() > first["timestamp"].as_i64());
    assert_eq!(v2["silent"], true);
    assert!(v2["message"].as_str().unwrap().contains("v2"));
    let old = app.get(&format!("/agent/v1/message/{v1}"), &alice).await;
    assert_eq!(old.ok()["replacedBy"], json!(id(&v2)), "the replaced version points to its replacement");
    let event = app.last_event().await;
    assert_eq!(
        event.kind,
        sympod_model::event::EventKind::MessageSent {
            message: sympod_model::MessageId::parse(&id(&v2)).unwrap()
        }
    );
    let list = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &alice).await;
    assert_eq!(
        list.ok().as_array().unwrap().iter().map(id).collect::<Vec<_>>(),
        [id(&v2)],
        "only the newest version is listed"
    );
}

#[tokio::test]
async fn there_is_no_limit_to_the_number_of_updates_and_the_chain_keeps_its_start() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let mut current = v1.clone();
    for i in 2..=12 {
        let next =
            app.update(&alice, &room, &current, &format!("<messageML>v{i}</messageML>")).await.ok().clone();
        assert_eq!(next["initialMessageId"], json!(v1));
        assert_eq!(next["replacing"], json!(current));
        current = id(&next);
    }
}

#[tokio::test]
async fn only_the_newest_version_can_be_updated() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    app.update(&alice, &room, &v1, "<messageML>v2</messageML>").await.ok();
    let message = app.update(&alice, &room, &v1, "<messageML>v3</messageML>").await.error(400);
    assert!(message.contains("newest version"), "{message}");
}

#[tokio::test]
async fn the_update_message_entitlement_is_required() {
    let app = TestApp::spawn().await;
    let (alice_id, alice, room, v1) = setup(&app).await;
    let off = json!([{ "entitlment": "canUpdateMessage", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice_id}/features/update"), &app.admin, off).await.ok();
    assert!(
        app.update(&alice, &room, &v1, "<messageML>v2</messageML>")
            .await
            .error(403)
            .contains("canUpdateMessage")
    );
}

#[tokio::test]
async fn messages_of_other_users_cannot_be_updated() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let (bob_id, bob) = app.bot("bob", 2, &[]).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &alice, json!({ "id": bob_id })).await.ok();
    let message = app.update(&bob, &room, &v1, "<messageML>mine now</messageML>").await.error(403);
    assert!(message.contains("other users"), "{message}");
}

#[tokio::test]
async fn a_message_of_another_stream_is_not_found() {
    let app = TestApp::spawn().await;
    let (_, alice, _, v1) = setup(&app).await;
    let other = app.room(&alice, "Other", json!({})).await;
    app.update(&alice, &other, &v1, "<messageML>v2</messageML>").await.error(404);
    app.update(&alice, &other, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "<messageML>v2</messageML>")
        .await
        .error(404);
}

#[tokio::test]
async fn an_update_with_invalid_messageml_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    app.update(&alice, &room, &v1, "<messageML><bad/></messageML>").await.error(400);
    assert!(app.get(&format!("/agent/v1/message/{v1}"), &alice).await.ok().get("replacedBy").is_none());
}

#[tokio::test]
async fn silent_false_is_kept_as_the_sdk_spells_it() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let path = format!("/agent/v4/stream/{room}/message/{v1}/update");
    let res = app
        .multipart(&path, &alice, &[("message", "<messageML>loud</messageML>"), ("silent", "False")], None)
        .await;
    assert_eq!(res.ok()["silent"], false);
    let bad = app
        .multipart(&path, &alice, &[("message", "<messageML>x</messageML>"), ("silent", "maybe")], None)
        .await;
    bad.error(400);
}

#[tokio::test]
async fn an_app_updates_its_users_message_on_their_behalf_only_with_send_messages() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    for (app_id, key_index, permissions) in
        [("sender", 3, json!(["ACT_AS_USER", "SEND_MESSAGES"])), ("reader", 4, json!(["ACT_AS_USER"]))]
    {
        let body = json!({ "applicationInfo": { "appId": app_id }, "permissions": permissions, "authenticationKeys": { "current": { "key": key(key_index).public_pem } } });
        app.post("/pod/v1/admin/app/create", &app.admin, body).await.ok();
    }
    let obo = |app_id: &'static str, key_index: usize| {
        let app = &app;
        async move {
            let res = app
                .call(
                    Method::POST,
                    "/login/pubkey/app/authenticate",
                    None,
                    Some(json!({ "token": app.jwt(app_id, key_index, 240) })),
                )
                .await;
            let app_token = res.ok()["token"].as_str().unwrap().to_owned();
            let res = app
                .call(Method::POST, "/login/pubkey/app/username/alice/authenticate", Some(&app_token), None)
                .await;
            res.ok()["token"].as_str().unwrap().to_owned()
        }
    };
    let reader = obo("reader", 4).await;
    assert!(
        app.update(&reader, &room, &v1, "<messageML>v2</messageML>")
            .await
            .error(403)
            .contains("SEND_MESSAGES")
    );
    let sender = obo("sender", 3).await;
    let v2 = app.update(&sender, &room, &v1, "<messageML>v2</messageML>").await;
    assert_eq!(v2.ok()["replacing"], json!(v1));
    let _ = alice;
}

#[tokio::test]
async fn a_pinned_message_stays_pinned_when_it_is_updated() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let pinned =
        app.post(&format!("/pod/v3/room/{room}/update"), &alice, json!({ "pinnedMessageId": v1 })).await;
    assert_eq!(pinned.ok()["roomAttributes"]["pinnedMessageId"], json!(v1));
    let v2 = id(app.update(&alice, &room, &v1, "<messageML>v2</messageML>").await.ok());
    let info = app.get(&format!("/pod/v3/room/{room}/info"), &alice).await;
    assert_eq!(info.ok()["roomAttributes"]["pinnedMessageId"], json!(v2), "the pin follows the chain");
    let unpinned =
        app.post(&format!("/pod/v3/room/{room}/update"), &alice, json!({ "pinnedMessageId": "" })).await;
    assert!(unpinned.ok()["roomAttributes"].get("pinnedMessageId").is_none());
}

#[tokio::test]
async fn an_outsider_learns_nothing_from_updating_and_an_app_without_send_messages_sends_nothing() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let real = app.update(&outsider, &room, &v1, "<messageML>x</messageML>").await.error(403);
    let made_up = app
        .update(&outsider, &room, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "<messageML>x</messageML>")
        .await
        .error(403);
    assert_eq!(real, made_up, "the same answer whether or not the message exists");
    let body = json!({ "applicationInfo": { "appId": "reader" }, "permissions": ["ACT_AS_USER"], "authenticationKeys": { "current": { "key": key(4).public_pem } } });
    app.post("/pod/v1/admin/app/create", &app.admin, body).await.ok();
    let res = app
        .call(
            Method::POST,
            "/login/pubkey/app/authenticate",
            None,
            Some(json!({ "token": app.jwt("reader", 4, 240) })),
        )
        .await;
    let app_token = res.ok()["token"].as_str().unwrap().to_owned();
    let res =
        app.call(Method::POST, "/login/pubkey/app/username/alice/authenticate", Some(&app_token), None).await;
    let obo = res.ok()["token"].as_str().unwrap().to_owned();
    assert!(
        app.send(&obo, &room, "<messageML>on behalf</messageML>").await.error(403).contains("SEND_MESSAGES")
    );
    let _ = alice;
}

#[tokio::test]
async fn pinning_an_old_version_pins_the_newest_and_later_updates_carry_it() {
    let app = TestApp::spawn().await;
    let (_, alice, room, v1) = setup(&app).await;
    let v2 = id(app.update(&alice, &room, &v1, "<messageML>v2</messageML>").await.ok());
    let pinned =
        app.post(&format!("/pod/v3/room/{room}/update"), &alice, json!({ "pinnedMessageId": v1 })).await;
    assert_eq!(
        pinned.ok()["roomAttributes"]["pinnedMessageId"],
        json!(v2),
        "a replaced version stands for the newest"
    );
    let v3 = id(app.update(&alice, &room, &v2, "<messageML>v3</messageML>").await.ok());
    let info = app.get(&format!("/pod/v3/room/{room}/info"), &alice).await;
    assert_eq!(info.ok()["roomAttributes"]["pinnedMessageId"], json!(v3));
}
