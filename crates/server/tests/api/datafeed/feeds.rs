//! Feeds: create, list, delete, read, expiry, limits, visibility.

use std::time::{Duration, Instant};

use serde_json::json;
use sympod_core::CoreConfig;

use super::{WAIT_MS, app, feed, read, types};
use crate::support::TestApp;

#[tokio::test]
async fn a_feed_is_created_with_201_found_by_tag_and_deleted_with_200() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let created = app.post("/agent/v5/datafeeds", &bot, json!({ "tag": "main" })).await;
    assert_eq!(created.status.as_u16(), 201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert!(id.ends_with("_f") && !id[..id.len() - 2].contains('_'), "the SDK's pattern: {id}");
    assert_eq!(created.body["type"], "fanout");
    let again = app.post("/agent/v5/datafeeds", &bot, json!({ "tag": "main" })).await;
    assert_eq!(again.body["id"], json!(id), "the same tag answers the same feed");
    let listed = app.get("/agent/v5/datafeeds", &bot).await;
    assert_eq!(listed.ok().as_array().unwrap().len(), 1);
    let deleted =
        app.call(reqwest::Method::DELETE, &format!("/agent/v5/datafeeds/{id}"), Some(&bot), None).await;
    assert_eq!(deleted.status.as_u16(), 200, "the SDK cannot read a 204 here");
    assert_eq!(app.get("/agent/v5/datafeeds", &bot).await.ok(), &json!([]));
    app.post(&format!("/agent/v5/datafeeds/{id}/read"), &bot, json!({ "ackId": "" })).await.error(400);
}

#[tokio::test]
async fn a_bot_reads_the_message_a_user_sends_it() {
    let app = app().await;
    let (bot_id, bot) = app.bot("bot", 1, &[]).await;
    let (user_id, user) = app.bot("user", 2, &[]).await;
    let f = feed(&app, &bot).await;
    let im =
        app.post("/pod/v1/im/create", &user, json!([bot_id])).await.ok()["id"].as_str().unwrap().to_owned();
    let sent = app.send(&user, &im, "<messageML>hello bot</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let batch = read(&app, &bot, &f, "").await;
    assert_eq!(types(&batch), ["INSTANTMESSAGECREATED", "MESSAGESENT"]);
    let created = &batch["events"][0];
    assert_eq!(created["payload"]["instantMessageCreated"]["stream"]["streamId"], json!(im));
    assert_eq!(created["payload"]["instantMessageCreated"]["stream"]["members"].as_array().unwrap().len(), 2);
    let event = &batch["events"][1];
    assert_eq!(event["messageId"], json!(sent));
    assert_eq!(event["initiator"]["user"]["userId"], json!(user_id));
    let message = &event["payload"]["messageSent"]["message"];
    assert_eq!(message["messageId"], json!(sent));
    assert!(message["message"].as_str().unwrap().contains("hello bot"));
    assert_eq!(message["stream"]["streamType"], "IM");
    assert!(batch["ackId"].as_str().is_some_and(|a| !a.is_empty()));
}

#[tokio::test]
async fn unacknowledged_events_come_again_and_acknowledged_ones_never() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(&app, &bot).await;
    let room = app.room(&bot, "Desk", json!({})).await;
    app.send(&bot, &room, "<messageML>one</messageML>").await.ok();
    let first = read(&app, &bot, &f, "").await;
    assert_eq!(types(&first), ["ROOMCREATED", "MESSAGESENT"]);
    let again = read(&app, &bot, &f, "").await;
    assert_eq!(types(&again), ["ROOMCREATED", "MESSAGESENT"], "not acknowledged: delivered again");
    let ack = again["ackId"].as_str().unwrap().to_owned();
    let after = read(&app, &bot, &f, &ack).await;
    assert_eq!(types(&after), Vec::<String>::new(), "acknowledged: never again");
    app.send(&bot, &room, "<messageML>two</messageML>").await.ok();
    let next = read(&app, &bot, &f, after["ackId"].as_str().unwrap()).await;
    assert_eq!(types(&next), ["MESSAGESENT"]);
}

#[tokio::test]
async fn an_empty_read_waits_then_answers_200_with_no_events() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(&app, &bot).await;
    let started = Instant::now();
    let batch = read(&app, &bot, &f, "").await;
    assert!(started.elapsed() >= Duration::from_millis(WAIT_MS - 50), "{:?}", started.elapsed());
    assert_eq!(batch["events"], json!([]));
    assert!(batch["ackId"].is_string());
}

#[tokio::test]
async fn a_waiting_read_wakes_as_soon_as_an_event_happens() {
    let app = std::sync::Arc::new(
        TestApp::spawn_with(CoreConfig { datafeed_wait_ms: 10_000, ..CoreConfig::default() }).await,
    );
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(&app, &bot).await;
    let room = app.room(&bot, "Desk", json!({})).await;
    let first = read(&app, &bot, &f, "").await;
    let ack = first["ackId"].as_str().unwrap().to_owned();
    let reader = {
        let (app, bot, f) = (app.clone(), bot.clone(), f.clone());
        tokio::spawn(async move {
            let batch = read(&app, &bot, &f, &ack).await;
            (Instant::now(), batch)
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent_at = Instant::now();
    app.send(&bot, &room, "<messageML>wake up</messageML>").await.ok();
    let (received_at, batch) = reader.await.unwrap();
    assert_eq!(types(&batch), ["MESSAGESENT"]);
    // Woken by the send, not by the end of its 10 s wait (bench_datafeed measures how fast).
    assert!(
        received_at.duration_since(sent_at) < Duration::from_secs(2),
        "woke after {:?}",
        received_at.duration_since(sent_at)
    );
}

#[tokio::test]
async fn a_feed_not_read_for_30_minutes_expires() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(&app, &bot).await;
    app.clock.advance(29 * 60 * 1000);
    read(&app, &bot, &f, "").await;
    app.clock.advance(30 * 60 * 1000 - 1);
    read(&app, &bot, &f, "").await;
    // A read that moves nothing records itself at most once a minute: expiry comes 30 to 31 minutes
    // after the last read.
    app.clock.advance(31 * 60 * 1000);
    let message =
        app.post(&format!("/agent/v5/datafeeds/{f}/read"), &bot, json!({ "ackId": "" })).await.error(400);
    assert!(message.contains("expired"), "{message}");
    assert_eq!(app.get("/agent/v5/datafeeds", &bot).await.ok(), &json!([]), "an expired feed is not listed");
}

#[tokio::test]
async fn a_server_configured_with_a_shorter_feed_lifetime_expires_feeds_sooner() {
    let config = CoreConfig { datafeed_wait_ms: WAIT_MS, datafeed_expiry_ms: 3_000, ..CoreConfig::default() };
    let app = TestApp::spawn_with(config).await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(&app, &bot).await;
    app.clock.advance(2_900);
    read(&app, &bot, &f, "").await;
    app.clock.advance(2_900);
    read(&app, &bot, &f, "").await;
    app.clock.advance(3_100);
    let message =
        app.post(&format!("/agent/v5/datafeeds/{f}/read"), &bot, json!({ "ackId": "" })).await.error(400);
    assert!(message.contains("expired"), "{message}");
}

#[tokio::test]
async fn a_user_holds_at_most_20_feeds_and_reads_only_their_own() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let (_, other) = app.bot("other", 2, &[]).await;
    let mut ids = Vec::new();
    for _ in 0..20 {
        ids.push(feed(&app, &bot).await);
    }
    let refused = app.post("/agent/v5/datafeeds", &bot, json!({})).await;
    assert!(refused.error(403).contains("Too many feeds"), "the spec's 403");
    app.post(&format!("/agent/v5/datafeeds/{}/read", ids[0]), &other, json!({ "ackId": "" }))
        .await
        .error(400);
    let path = format!("/agent/v5/datafeeds/{}", ids[0]);
    let deleted = app.call(reqwest::Method::DELETE, &path, Some(&other), None).await;
    assert_eq!(deleted.status.as_u16(), 200, "nothing of the caller's to delete");
    assert_eq!(app.get("/agent/v5/datafeeds", &bot).await.ok().as_array().unwrap().len(), 20, "untouched");
    app.clock.advance(32 * 60 * 1000);
    let v1 = app.post("/agent/v4/datafeed/create", &bot, json!(null)).await;
    assert!(v1.ok()["id"].is_string(), "expired feeds make room for new ones");
}

#[tokio::test]
async fn the_v1_create_answers_400_past_20_feeds_as_its_spec_declares() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    for _ in 0..20 {
        feed(&app, &bot).await;
    }
    app.post("/agent/v4/datafeed/create", &bot, json!(null)).await.error(400);
}

#[tokio::test]
async fn an_expired_or_deleted_feed_deletes_again_with_200_and_is_recreated() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(&app, &bot).await;
    app.clock.advance(32 * 60 * 1000);
    app.post(&format!("/agent/v5/datafeeds/{f}/read"), &bot, json!({ "ackId": "" })).await.error(400);
    // The SDK's recovery: delete the feed it was told had expired, then create one.
    for _ in 0..2 {
        let res =
            app.call(reqwest::Method::DELETE, &format!("/agent/v5/datafeeds/{f}"), Some(&bot), None).await;
        assert_eq!((res.status.as_u16(), &res.body), (200, &json!({})));
    }
    let unknown = app.call(reqwest::Method::DELETE, "/agent/v5/datafeeds/nothing_f", Some(&bot), None).await;
    assert_eq!(unknown.status.as_u16(), 200);
    assert_ne!(feed(&app, &bot).await, f);
}

#[tokio::test]
async fn feeds_are_listed_by_tag_and_a_tag_has_at_most_100_characters() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    for tag in ["a", "b"] {
        let res = app.post("/agent/v5/datafeeds", &bot, json!({ "tag": tag })).await;
        assert_eq!(res.status.as_u16(), 201);
    }
    let listed = app.get("/agent/v5/datafeeds?tag=b", &bot).await;
    assert_eq!(listed.ok().as_array().unwrap().len(), 1);
    assert_eq!(app.get("/agent/v5/datafeeds?tag=c", &bot).await.ok(), &json!([]));
    let long = "x".repeat(101);
    app.post("/agent/v5/datafeeds", &bot, json!({ "tag": long })).await.error(400);
    let at_limit = app.post("/agent/v5/datafeeds", &bot, json!({ "tag": "x".repeat(100) })).await;
    assert_eq!(at_limit.status.as_u16(), 201);
}

#[tokio::test]
async fn the_creator_of_an_im_hears_of_it_even_when_not_a_member() {
    let app = app().await;
    let (a, _) = app.bot("a", 1, &[]).await;
    let (b, b_token) = app.bot("b", 2, &[]).await;
    let admin_feed = feed(&app, &app.admin).await;
    let b_feed = feed(&app, &b_token).await;
    app.post("/pod/v1/admin/im/create", &app.admin, json!([a, b])).await.ok();
    assert_eq!(types(&read(&app, &app.admin, &admin_feed, "").await), ["INSTANTMESSAGECREATED"]);
    assert_eq!(types(&read(&app, &b_token, &b_feed, "").await), ["INSTANTMESSAGECREATED"]);
}

#[tokio::test]
async fn a_user_sees_only_what_happens_while_they_may_see_it() {
    let app = app().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (bob_id, bob) = app.bot("bob", 2, &[]).await;
    let f = feed(&app, &bob).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    app.send(&owner, &room, "<messageML>before bob</messageML>").await.ok();
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &owner, json!({ "id": bob_id })).await.ok();
    app.send(&owner, &room, "<messageML>with bob</messageML>").await.ok();
    app.post(&format!("/pod/v1/room/{room}/membership/remove"), &owner, json!({ "id": bob_id })).await.ok();
    app.send(&owner, &room, "<messageML>after bob</messageML>").await.ok();
    let batch = read(&app, &bob, &f, "").await;
    assert_eq!(types(&batch), ["USERJOINEDROOM", "MESSAGESENT", "USERLEFTROOM"]);
    let joined = &batch["events"][0]["payload"]["userJoinedRoom"];
    assert_eq!(joined["affectedUser"]["userId"], json!(bob_id));
    assert_eq!(joined["stream"]["roomName"], "Desk");
    assert!(
        batch["events"][1]["payload"]["messageSent"]["message"]["message"]
            .as_str()
            .unwrap()
            .contains("with bob")
    );
}
