//! Datafeeds, as bots read them: feeds, long-polling reads, acknowledgement, expiry, visibility,
//! event payloads, the datahose and datafeed v1.

mod acks;
mod elements;
mod feeds;
mod hose;
mod payloads;

use serde_json::{Value, json};
use sympod_core::CoreConfig;

use crate::support::TestApp;

pub const WAIT_MS: u64 = 400;

pub async fn app() -> TestApp {
    TestApp::spawn_with(CoreConfig { datafeed_wait_ms: WAIT_MS, ..CoreConfig::default() }).await
}

pub async fn feed(app: &TestApp, token: &str) -> String {
    let res = app.post("/agent/v5/datafeeds", token, json!({})).await;
    assert_eq!(res.status.as_u16(), 201, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

pub async fn read(app: &TestApp, token: &str, feed: &str, ack: &str) -> Value {
    app.post(
        &format!("/agent/v5/datafeeds/{feed}/read"),
        token,
        json!({ "ackId": ack, "updatePresence": true }),
    )
    .await
    .ok()
    .clone()
}

pub fn types(batch: &Value) -> Vec<String> {
    batch["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect()
}

/// The ack id of a batch.
pub fn ack(batch: &Value) -> String {
    batch["ackId"].as_str().unwrap().to_owned()
}
