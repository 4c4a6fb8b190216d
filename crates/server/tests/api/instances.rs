//! Several sympod instances on one PostgreSQL database behave as one pod: a session from one works
//! on the other, ids never collide, and a message sent through one reaches a datafeed waiting on the
//! other at once (or, if its notification is lost, by the end of the wait). Two servers in this
//! process, each with its own store (its own pool and listener), on a scratch schema of their own.
//! Skipped unless `SYMPOD_TEST_POSTGRES_URL` names a server.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::{Connection, PgConnection};
use sympod_core::CoreConfig;
use sympod_store_postgres::scratch::{Scratch, TEST_URL_VAR, test_server};

use crate::support::{TestApp, person};

/// Two instances on one fresh database, and the guard that drops it (declared first by callers, so
/// dropped last).
async fn two_instances(config: CoreConfig) -> Option<(Scratch, TestApp, TestApp)> {
    let Some(server) = test_server() else {
        eprintln!("skipped: {TEST_URL_VAR} is not set");
        return None;
    };
    let scratch = Scratch::create(&server).await.unwrap();
    let a = TestApp::spawn_on(sympod::open_store(scratch.url()).await.unwrap(), config.clone()).await;
    let b = TestApp::spawn_on(sympod::open_store(scratch.url()).await.unwrap(), config).await;
    Some((scratch, a, b))
}

/// A room made through `a` by `owner`, with `members` added.
async fn room(app: &TestApp, owner: &str, members: &[i64]) -> String {
    let room = app.room(owner, "shared", json!({})).await;
    for id in members {
        app.post(&format!("/pod/v1/room/{room}/membership/add"), owner, json!({ "id": id })).await.ok();
    }
    room
}

#[tokio::test]
async fn a_session_from_one_instance_works_on_the_other() {
    let Some((_scratch, a, b)) = two_instances(CoreConfig::default()).await else { return };
    let (bot_id, token) = a.bot("bot", 1, &[]).await;
    let info = b.get("/pod/v2/sessioninfo", &token).await;
    assert_eq!(info.ok()["id"], json!(bot_id));
    assert_eq!(b.get("/pod/v2/admin/user/list", &a.admin).await.status, 200, "and the admin's too");
    let logged_in_on_b = b.login("bot", 1).await;
    assert_eq!(a.get("/pod/v2/sessioninfo", &logged_in_on_b).await.ok()["id"], json!(bot_id));
}

async fn create_users(through: &TestApp, prefix: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 0..10 {
        ids.push(through.create_user(person(&format!("{prefix}{i}"))).await);
    }
    ids
}

async fn send_many(through: &TestApp, token: &str, sid: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..15 {
        let sent = through.send(token, sid, &format!("<messageML>m{i}</messageML>")).await;
        ids.push(sent.ok()["messageId"].as_str().unwrap().to_owned());
    }
    ids
}

#[tokio::test]
async fn users_and_messages_made_through_both_instances_at_once_never_share_an_id_or_a_timestamp() {
    let Some((_scratch, a, b)) = two_instances(CoreConfig::default()).await else { return };
    let (on_a, on_b) = tokio::join!(create_users(&a, "alpha"), create_users(&b, "beta"));
    let ids: HashSet<i64> = on_a.iter().chain(&on_b).copied().collect();
    assert_eq!(ids.len(), 20, "user ids: {on_a:?} {on_b:?}");

    let (_, one) = a.bot("one", 1, &[]).await;
    let (two_id, two) = b.bot("two", 2, &[]).await;
    let sid = room(&a, &one, &[two_id]).await;
    let (sent_a, sent_b) = tokio::join!(send_many(&a, &one, &sid), send_many(&b, &two, &sid));
    let sent: HashSet<&String> = sent_a.iter().chain(&sent_b).collect();
    assert_eq!(sent.len(), 30, "message ids are distinct");
    let listed = b.get(&format!("/agent/v4/stream/{sid}/message?since=0&limit=100"), &one).await;
    let listed = listed.ok().as_array().unwrap().clone();
    assert_eq!(listed.len(), 30);
    let stamps: Vec<i64> = listed.iter().map(|m| m["timestamp"].as_i64().unwrap()).collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "timestamps strictly increase: {stamps:?}");
}

/// Starts a datafeed read as `token` on `app` and answers its batch and when it arrived.
async fn read(app: &TestApp, token: &str, feed: &str, ack: &str) -> (Value, Instant) {
    let res = app.post(&format!("/agent/v5/datafeeds/{feed}/read"), token, json!({ "ackId": ack })).await;
    (res.ok().clone(), Instant::now())
}

fn types(batch: &Value) -> Vec<&str> {
    batch["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_message_sent_through_one_instance_reaches_a_datafeed_waiting_on_the_other_within_100_ms() {
    let config = CoreConfig { datafeed_wait_ms: 5_000, ..CoreConfig::default() };
    let Some((_scratch, a, b)) = two_instances(config).await else { return };
    let (reader_id, reader) = a.bot("reader", 1, &[]).await;
    let (_, writer) = b.bot("writer", 2, &[]).await;
    let sid = room(&b, &writer, &[reader_id]).await;
    let res = a.post("/agent/v5/datafeeds", &reader, json!({})).await;
    let feed = res.body["id"].as_str().unwrap().to_owned();
    let mut ack = String::new();
    let mut latencies = Vec::new();
    for round in 0..5 {
        let waiting = read(&a, &reader, &feed, &ack);
        let sending = async {
            // Let the read reach its wait, then send through the other instance.
            tokio::time::sleep(Duration::from_millis(200)).await;
            let started = Instant::now();
            b.send(&writer, &sid, &format!("<messageML>ping {round}</messageML>")).await.ok();
            started
        };
        let ((batch, received), sent) = tokio::join!(waiting, sending);
        assert_eq!(types(&batch), ["MESSAGESENT"], "round {round}: {batch}");
        latencies.push(received.saturating_duration_since(sent));
        ack = batch["ackId"].as_str().unwrap().to_owned();
    }
    // From the start of the send (its whole request included) to the read's answer, in a debug
    // build sharing its cores with the rest of the suite: the median, so that one descheduled
    // round does not decide.
    eprintln!("delivered across instances after {latencies:?}");
    latencies.sort_unstable();
    assert!(latencies[2] < Duration::from_millis(100), "median of {latencies:?}");
    assert!(
        latencies[4] < Duration::from_secs(2),
        "every round woke before its 5 s wait ended: {latencies:?}"
    );
}

#[tokio::test]
async fn an_event_whose_notification_is_lost_still_reaches_the_datafeed_by_the_end_of_the_wait() {
    let config = CoreConfig { datafeed_wait_ms: 1_500, ..CoreConfig::default() };
    let Some((scratch, a, b)) = two_instances(config).await else { return };
    let (reader_id, reader) = a.bot("reader", 1, &[]).await;
    let (_, writer) = b.bot("writer", 2, &[]).await;
    let sid = room(&b, &writer, &[reader_id]).await;
    let res = a.post("/agent/v5/datafeeds", &reader, json!({})).await;
    let feed = res.body["id"].as_str().unwrap().to_owned();
    b.send(&writer, &sid, "<messageML>told</messageML>").await.ok();
    let (batch, _) = read(&a, &reader, &feed, "").await;
    assert_eq!(types(&batch), ["MESSAGESENT"]);
    let ack = batch["ackId"].as_str().unwrap().to_owned();
    let started = Instant::now();
    let waiting = read(&a, &reader, &feed, &ack);
    let untold = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        append_without_notifying(scratch.url()).await;
    };
    let ((batch, received), ()) = tokio::join!(waiting, untold);
    assert_eq!(types(&batch), ["MESSAGESENT"], "delivered, not lost: {batch}");
    let waited = received - started;
    assert!(waited >= Duration::from_millis(1_200), "nothing woke the read early: {waited:?}");
}

/// Appends a copy of the newest event to the log the way another instance would, but sends no
/// notification: as if it had been lost.
async fn append_without_notifying(url: &str) {
    let mut conn = PgConnection::connect(url).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let newest: i64 = sqlx::query_scalar("SELECT max(seq) FROM events").fetch_one(&mut *tx).await.unwrap();
    let seq: i64 = sqlx::query_scalar("UPDATE event_counter SET last = last + 1 RETURNING last")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO events SELECT $2, at, initiator, stream_id, stream_type, kind, audience FROM events WHERE seq = $1",
    )
    .bind(newest)
    .bind(seq)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query("INSERT INTO event_audience SELECT user_id, $2 FROM event_audience WHERE seq = $1")
        .bind(newest)
        .bind(seq)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}
