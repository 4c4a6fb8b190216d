//! `/agent/v1/dlp/dictionaries`: metadata, content upload and download, versions, errors.

use base64::Engine as _;
use reqwest::Method;
use serde_json::json;

use super::{dictionary, manager, v1_policy};
use crate::support::TestApp;

#[tokio::test]
async fn a_dictionary_is_created_listed_read_renamed_and_deleted() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let created = app.post("/agent/v1/dlp/dictionaries", &dlp, json!({ "name": "  Secrets " })).await;
    let meta = created.ok()["data"].clone();
    assert_eq!(meta["type"], "Word");
    assert_eq!(meta["dictRef"]["name"], "Secrets");
    assert_eq!(meta["dictRef"]["version"], "1.0");
    assert!(meta["creatorId"].as_str().unwrap().parse::<i64>().is_ok());
    let id = meta["dictRef"]["dictId"].as_str().unwrap().to_owned();
    app.post("/agent/v1/dlp/dictionaries", &dlp, json!({ "name": "Codes", "type": "Regex" })).await.ok();

    let list = app.get("/agent/v1/dlp/dictionaries?limit=1", &dlp).await;
    assert_eq!(list.ok()["pageCount"], 2);
    assert_eq!(list.body["items"][0]["dictRef"]["dictId"], id.as_str());
    let second = app.get("/agent/v1/dlp/dictionaries?page=1&limit=1", &dlp).await;
    assert_eq!(second.ok()["items"][0]["type"], "Regex");

    let path = format!("/agent/v1/dlp/dictionaries/{id}");
    assert_eq!(app.get(&path, &dlp).await.ok()["data"], meta);
    let renamed = app.call(Method::PUT, &path, Some(&dlp), Some(json!({ "name": "Top secrets" }))).await;
    assert_eq!(renamed.ok()["data"]["dictRef"]["name"], "Top secrets");
    assert_eq!(renamed.body["data"]["dictRef"]["version"], "1.1");
    let deleted = app.call(Method::DELETE, &path, Some(&dlp), None).await;
    assert_eq!(deleted.ok()["data"]["dictRef"]["name"], "Top secrets");
    assert!(app.get(&path, &dlp).await.error(400).contains("not found"));
}

#[tokio::test]
async fn uploaded_content_is_kept_in_canonical_form_and_downloaded_in_base64() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let id = dictionary(&app, &dlp, "Secrets", "Word", "\u{feff}  bomb \r\nBOMB\n\nnew york\n").await;
    let meta = app.get(&format!("/agent/v1/dlp/dictionaries/{id}"), &dlp).await;
    assert_eq!(meta.ok()["data"]["dictRef"]["version"], "1.1");
    let download = app.get(&format!("/agent/v1/dlp/dictionaries/{id}/data/download"), &dlp).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.content_type.as_deref(), Some("application/octet-stream"));
    let text = base64::engine::general_purpose::STANDARD.decode(download.body.as_str().unwrap()).unwrap();
    assert_eq!(String::from_utf8(text).unwrap(), "bomb\nnew york\n");
    let current = format!("/agent/v1/dlp/dictionaries/{id}?dictVersion=1.1");
    assert_eq!(app.get(&current, &dlp).await.ok()["data"]["dictRef"]["version"], "1.1");
    let older = format!("/agent/v1/dlp/dictionaries/{id}/data/download?dictVersion=1.0");
    assert!(app.get(&older, &dlp).await.error(400).contains("only the current version"));
}

#[tokio::test]
async fn a_bad_line_is_refused_with_its_number_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let id = dictionary(&app, &dlp, "Patterns", "Regex", "\\b4[0-9]{3}\\b\n").await;
    let path = format!("/agent/v1/dlp/dictionaries/{id}/data/upload");
    for (content, says) in
        [("ok\n(?=ahead)\n", "line 2"), ("a*\n", "empty text"), ("x\n[unclosed\n", "line 2")]
    {
        let res = app.upload(&path, &dlp, "data", "p.txt", content.as_bytes().to_vec()).await;
        let message = res.error(400);
        assert!(message.contains(says), "{message}");
    }
    let words = dictionary(&app, &dlp, "Words", "Word", "").await;
    let res = app
        .upload(
            &format!("/agent/v1/dlp/dictionaries/{words}/data/upload"),
            &dlp,
            "data",
            "w",
            vec![b'a', 0xff],
        )
        .await;
    assert!(res.error(400).contains("UTF-8"));
    let missing = app.upload(&path, &dlp, "file", "p.txt", b"x".to_vec()).await;
    assert!(missing.error(400).contains("data"));

    let meta = app.get(&format!("/agent/v1/dlp/dictionaries/{id}"), &dlp).await;
    assert_eq!(meta.ok()["data"]["dictRef"]["version"], "1.1");
    let download = app.get(&format!("/agent/v1/dlp/dictionaries/{id}/data/download"), &dlp).await;
    let text = base64::engine::general_purpose::STANDARD.decode(download.body.as_str().unwrap()).unwrap();
    assert_eq!(text, b"\\b4[0-9]{3}\\b\n");
}

#[tokio::test]
async fn dictionary_requests_with_bad_input_are_400s_that_say_why() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let create = |body| app.post("/agent/v1/dlp/dictionaries", &dlp, body);
    assert!(create(json!({ "name": "  " })).await.error(400).contains("cannot be empty"));
    assert!(create(json!({ "name": "x".repeat(31) })).await.error(400).contains("30 characters"));
    assert!(create(json!({ "name": "Emoji", "type": "Emoji" })).await.error(400).contains("Word or Regex"));
    assert!(create(json!({ "type": "Word" })).await.error(400).contains("name"));
    create(json!({ "name": "Secrets" })).await.ok();
    assert!(create(json!({ "name": "SECRETS" })).await.error(400).contains("already exists"));
    assert!(app.get("/agent/v1/dlp/dictionaries?limit=51", &dlp).await.error(400).contains("limit"));
    assert!(app.get("/agent/v1/dlp/dictionaries/nope", &dlp).await.error(400).contains("not found"));
    let list = app.get("/agent/v1/dlp/dictionaries", &dlp).await;
    assert_eq!(list.ok()["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn only_policy_managers_reach_the_dlp_api() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let id = dictionary(&app, &dlp, "Secrets", "Word", "bomb\n").await;
    let (_, plain) = app.bot("plain", 2, &["INDIVIDUAL"]).await;
    for path in [
        "/agent/v1/dlp/dictionaries".to_owned(),
        format!("/agent/v1/dlp/dictionaries/{id}/data/download"),
        "/agent/v1/dlp/policies".to_owned(),
        "/agent/v3/dlp/policies".to_owned(),
        "/agent/v1/dlp/violations/message?startTime=0".to_owned(),
        "/agent/v3/dlp/violations/stream?startTime=0".to_owned(),
    ] {
        let res = app.get(&path, &plain).await;
        assert!(res.error(403).contains("entitlement"), "{path}");
        assert!(app.get(&path, &app.admin).await.status == 403, "{path}: the super administrator too");
    }
    app.post("/agent/v1/dlp/dictionaries", &plain, json!({ "name": "Mine" })).await.error(403);
    let upload = format!("/agent/v1/dlp/dictionaries/{id}/data/upload");
    app.upload(&upload, &plain, "data", "w", b"other\n".to_vec()).await.error(403);
    app.get("/agent/v1/dlp/dictionaries", "not-a-session").await.error(401);
}

#[tokio::test]
async fn renaming_or_deleting_a_dictionary_changes_the_policies_naming_it() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let kept = dictionary(&app, &dlp, "Kept", "Word", "alpha\n").await;
    let gone = dictionary(&app, &dlp, "Gone", "Word", "beta\n").await;
    let both = v1_policy(
        &app,
        &dlp,
        json!({ "name": "Both", "type": "Block", "scopes": ["Internal"], "dictionaryIds": [kept, gone] }),
    )
    .await;
    let only = v1_policy(
        &app,
        &dlp,
        json!({ "name": "Only", "type": "Warn", "scopes": ["Internal"], "dictionaryIds": [gone] }),
    )
    .await;
    let (app, dlp) = (&app, &dlp);
    let policy = |id: &str| {
        let path = format!("/agent/v1/dlp/policies/{id}");
        async move { app.get(&path, dlp).await }
    };
    let before = policy(&both).await.ok()["data"]["version"].clone();
    assert_eq!(before, "1.1", "enabling made a new version");
    let path = format!("/agent/v1/dlp/dictionaries/{gone}");
    app.call(Method::PUT, &path, Some(dlp), Some(json!({ "name": "Renamed" }))).await.ok();
    let after = policy(&both).await;
    assert_eq!(after.ok()["data"]["version"], "1.2");
    assert_eq!(after.body["data"]["dictionaryRefs"][1]["name"], "Renamed");

    app.call(Method::DELETE, &path, Some(dlp), None).await.ok();
    let both = policy(&both).await;
    assert_eq!(both.ok()["data"]["dictionaryRefs"].as_array().unwrap().len(), 1);
    assert_eq!(both.body["data"]["active"], true);
    let only = policy(&only).await;
    assert_eq!(only.ok()["data"]["dictionaryRefs"], json!([]));
    assert_eq!(only.body["data"]["active"], false, "a policy left with no dictionary is disabled");
}
