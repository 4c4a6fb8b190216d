//! DLP (Expression Filter): dictionaries, policies and violations through the agent API, and their
//! enforcement on messages and rooms.

mod dictionaries;
mod enforcement_messages;
mod enforcement_rooms;
mod policies;
mod violations;

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{TestApp, key, person};

/// A service account holding `EF_POLICY_MANAGEMENT` (key 1), logged in.
pub async fn manager(app: &TestApp) -> String {
    app.bot("dlpadmin", 1, &["EF_POLICY_MANAGEMENT"]).await.1
}

/// Creates a dictionary of `kind` named `name` holding `content`; returns its id.
pub async fn dictionary(app: &TestApp, token: &str, name: &str, kind: &str, content: &str) -> String {
    let res = app.post("/agent/v1/dlp/dictionaries", token, json!({ "name": name, "type": kind })).await;
    let id = res.ok()["data"]["dictRef"]["dictId"].as_str().unwrap().to_owned();
    let path = format!("/agent/v1/dlp/dictionaries/{id}/data/upload");
    app.upload(&path, token, "data", "words.txt", content.as_bytes().to_vec()).await.ok();
    id
}

/// Creates a v1 policy and enables it; returns its id.
pub async fn v1_policy(app: &TestApp, token: &str, body: Value) -> String {
    let res = app.post("/agent/v1/dlp/policies", token, body).await;
    let id = res.ok()["data"]["policyId"].as_str().unwrap().to_owned();
    app.post(&format!("/agent/v1/dlp/policies/{id}/enable"), token, json!({})).await.ok();
    id
}

/// An enabled v1 policy of `action` over one keyword dictionary of `words`, for `content_types`
/// in `scopes`; returns (policy id, dictionary id).
pub async fn keyword_policy(
    app: &TestApp,
    token: &str,
    name: &str,
    action: &str,
    words: &str,
    content_types: &[&str],
    scopes: &[&str],
) -> (String, String) {
    let dict = dictionary(app, token, &format!("{name} words"), "Word", words).await;
    let body = json!({
        "name": name, "type": action, "contentTypes": content_types, "scopes": scopes, "dictionaryIds": [dict],
    });
    (v1_policy(app, token, body).await, dict)
}

/// The violations of `kind` (`message`, `stream`) from the start, v1 or v3 shape.
pub async fn violations(app: &TestApp, token: &str, version: u8, kind: &str) -> Vec<Value> {
    let path = format!("/agent/v{version}/dlp/violations/{kind}?startTime=0");
    let res = app.call(Method::GET, &path, Some(token), None).await;
    if res.status.as_u16() == 204 {
        return Vec::new();
    }
    res.ok()["violations"].as_array().unwrap().clone()
}

/// A user of another company (key `key_index`), logged in.
pub async fn external(app: &TestApp, username: &str, key_index: usize) -> (i64, String) {
    let mut body = person(username);
    body["userAttributes"]["companyName"] = json!("Other Bank");
    body["userAttributes"]["currentKey"] = json!({ "key": key(key_index).public_pem });
    let id = app.create_user(body).await;
    (id, app.login(username, key_index).await)
}
