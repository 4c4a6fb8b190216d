//! Acknowledgement: what an ack id acknowledges, whatever a client sends, and with several readers.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use super::{ack, app, feed, read, types};
use crate::support::TestApp;

/// A room with a bot reading it, and `n` messages sent to it.
async fn room_with_messages(app: &TestApp, n: usize) -> (String, String) {
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let f = feed(app, &bot).await;
    let room = app.room(&bot, "Desk", json!({})).await;
    for i in 0..n {
        app.send(&bot, &room, &format!("<messageML>m{i}</messageML>")).await.ok();
    }
    (bot, f)
}

#[tokio::test]
async fn an_ack_id_that_is_not_this_feeds_latest_acknowledges_nothing_and_drops_nothing() {
    let app = app().await;
    let (bot, f) = room_with_messages(&app, 1).await;
    let other = feed(&app, &bot).await;
    let first = read(&app, &bot, &f, "").await;
    assert_eq!(types(&first), ["ROOMCREATED", "MESSAGESENT"]);
    let foreign = ack(&read(&app, &bot, &other, "").await);
    for wrong in ["garbage", "0000000000000000-ff", foreign.as_str()] {
        assert_eq!(types(&read(&app, &bot, &f, wrong).await), ["ROOMCREATED", "MESSAGESENT"], "{wrong}");
    }
    let older = ack(&read(&app, &bot, &f, "").await);
    let newer = read(&app, &bot, &f, &ack(&first)).await;
    assert_eq!(newer["events"], json!([]), "acknowledged");
    assert_eq!(read(&app, &bot, &f, &older).await["events"], json!([]), "an old ack id takes nothing back");
}

#[tokio::test]
async fn a_read_without_a_body_or_with_a_null_ack_id_is_a_first_read() {
    let app = app().await;
    let (bot, f) = room_with_messages(&app, 1).await;
    let path = format!("/agent/v5/datafeeds/{f}/read");
    for body in [None, Some(json!(null)), Some(json!({ "ackId": null })), Some(json!({}))] {
        let res = app.call(reqwest::Method::POST, &path, Some(&bot), body.clone()).await;
        assert_eq!(types(res.ok()), ["ROOMCREATED", "MESSAGESENT"], "{body:?}");
    }
    app.post(&path, &bot, json!({ "ackId": 7 })).await.error(400);
}

#[tokio::test]
async fn an_sdk_that_resends_its_previous_ack_id_after_a_listener_error_gets_the_batch_again() {
    let app = app().await;
    let (bot, f) = room_with_messages(&app, 0).await;
    let first = read(&app, &bot, &f, "").await;
    let room_created = ack(&first);
    let room = app.room(&bot, "Second", json!({})).await;
    app.send(&bot, &room, "<messageML>hard to handle</messageML>").await.ok();
    let batch = read(&app, &bot, &f, &room_created).await;
    assert_eq!(types(&batch), ["ROOMCREATED", "MESSAGESENT"]);
    // A listener raised EventError: the SDK keeps its previous ack id.
    let again = read(&app, &bot, &f, &room_created).await;
    assert_eq!(types(&again), ["ROOMCREATED", "MESSAGESENT"]);
    assert_eq!(read(&app, &bot, &f, &ack(&again)).await["events"], json!([]));
}

#[tokio::test]
async fn two_readers_of_one_feed_get_every_event_at_most_twice_and_reach_the_end() {
    let app = Arc::new(app().await);
    let (bot, f) = room_with_messages(&app, 0).await;
    read(&app, &bot, &f, "").await; // the room's creation, left unacknowledged
    let room = app.room(&bot, "Busy", json!({})).await;
    let sent_all = Arc::new(AtomicBool::new(false));
    let reader = |app: Arc<TestApp>, bot: String, f: String, sent_all: Arc<AtomicBool>| async move {
        let (mut seen, mut ack_id) = (Vec::<String>::new(), String::new());
        loop {
            let done = sent_all.load(Ordering::SeqCst);
            let batch: Value = read(&app, &bot, &f, &ack_id).await;
            ack_id = ack(&batch);
            let events = batch["events"].as_array().unwrap();
            if done && events.is_empty() {
                return seen;
            }
            seen.extend(events.iter().map(|e| e["id"].as_str().unwrap().to_owned()));
        }
    };
    let a = tokio::spawn(reader(app.clone(), bot.clone(), f.clone(), sent_all.clone()));
    let b = tokio::spawn(reader(app.clone(), bot.clone(), f.clone(), sent_all.clone()));
    for i in 0..20 {
        app.send(&bot, &room, &format!("<messageML>m{i}</messageML>")).await.ok();
    }
    sent_all.store(true, Ordering::SeqCst);
    let mut count: HashMap<String, usize> = HashMap::new();
    for id in a.await.unwrap().into_iter().chain(b.await.unwrap()) {
        *count.entry(id).or_default() += 1;
    }
    assert_eq!(count.len(), 22, "both room creations and 20 messages: everything delivered");
    assert!(count.values().all(|n| *n <= 2), "{count:?}");
    assert_eq!(read(&app, &bot, &f, "").await["events"], json!([]), "the cursor reached the end");
}

#[tokio::test]
async fn events_of_a_stream_come_in_the_order_they_happened_under_concurrent_senders() {
    let app = Arc::new(app().await);
    let (bot, f) = room_with_messages(&app, 0).await;
    let room = app.room(&bot, "Race", json!({})).await;
    let mut senders = Vec::new();
    for i in 0..20 {
        let (app, bot, room) = (app.clone(), bot.clone(), room.clone());
        senders.push(tokio::spawn(async move {
            app.send(&bot, &room, &format!("<messageML>m{i}</messageML>")).await.ok().clone()
        }));
    }
    for s in senders {
        s.await.unwrap();
    }
    let mut timestamps = Vec::new();
    let mut ack_id = String::new();
    while timestamps.len() < 20 {
        let batch = read(&app, &bot, &f, &ack_id).await;
        ack_id = ack(&batch);
        for e in batch["events"].as_array().unwrap().iter().filter(|e| e["type"] == "MESSAGESENT") {
            timestamps.push(e["payload"]["messageSent"]["message"]["timestamp"].as_i64().unwrap());
        }
    }
    assert!(timestamps.windows(2).all(|w| w[0] < w[1]), "{timestamps:?}");
}

#[tokio::test]
async fn events_every_live_feed_acknowledged_are_pruned_after_an_hour_and_unread_ones_stay() {
    let app = app().await;
    let (bot, f) = room_with_messages(&app, 3).await;
    let (late_id, late) = app.bot("late", 2, &[]).await;
    let first = read(&app, &bot, &f, "").await;
    assert_eq!(types(&first).len(), 4);
    let mut ack_id = ack(&first);
    // The feed stays alive (read every 20 minutes) for two hours, acknowledging all it got.
    for _ in 0..6 {
        app.clock.advance(20 * 60 * 1000);
        ack_id = ack(&read(&app, &bot, &f, &ack_id).await);
    }
    let logged = app.core.store().events_after(0, 1000).await.unwrap().len();
    assert_eq!(app.core.prune_event_log().await.unwrap() as usize, logged - 1, "all but the newest");
    // A feed made now starts after the newest event, and the old feed reads on.
    let fresh = feed(&app, &late).await;
    let room = app.room(&bot, "Later", json!({})).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &bot, json!({ "id": late_id })).await.ok();
    app.send(&bot, &room, "<messageML>after pruning</messageML>").await.ok();
    assert_eq!(types(&read(&app, &bot, &f, &ack_id).await), ["ROOMCREATED", "USERJOINEDROOM", "MESSAGESENT"]);
    assert_eq!(types(&read(&app, &late, &fresh, "").await), ["USERJOINEDROOM", "MESSAGESENT"]);
    // What the live feed has not acknowledged is kept, however old.
    for _ in 0..5 {
        app.clock.advance(25 * 60 * 1000);
        read(&app, &late, &fresh, "").await;
    }
    app.core.prune_event_log().await.unwrap();
    assert_eq!(types(&read(&app, &late, &fresh, "").await), ["USERJOINEDROOM", "MESSAGESENT"]);
}
