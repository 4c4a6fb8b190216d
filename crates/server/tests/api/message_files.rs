//! Files: stored once, shared by the copies of a blast, streamed back, and swept when their
//! message was never posted.

use base64::Engine as _;
use serde_json::json;
use sympod_core::messages::ORPHAN_FILE_AGE_MS;

use crate::support::TestApp;

/// Downloads a file; answers the status and, on 200, the decoded bytes.
async fn download(app: &TestApp, token: &str, room: &str, mid: &str, file: &str) -> (u16, Vec<u8>) {
    let url = format!("{}/agent/v1/stream/{room}/attachment?fileId={file}&messageId={mid}", app.base);
    let res = app.client.get(url).header("sessionToken", token).send().await.unwrap();
    let status = res.status().as_u16();
    let length = res.content_length();
    let body = res.text().await.unwrap();
    if status != 200 {
        return (status, vec![]);
    }
    assert_eq!(length, Some(body.len() as u64), "Content-Length is the encoded size");
    (status, base64::engine::general_purpose::STANDARD.decode(body).unwrap())
}

#[tokio::test]
async fn a_blast_stores_its_file_once_and_each_copy_serves_it_until_suppressed() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, officer) = app.bot("officer", 2, &["CONTENT_MANAGEMENT"]).await;
    let (a, b) = (app.room(&alice, "A", json!({})).await, app.room(&alice, "B", json!({})).await);
    let bytes: Vec<u8> = (0..700_000u32).map(|i| (i % 241) as u8).collect();
    let sids = format!("{a},{b}");
    let parts = [("sids", sids.as_str()), ("message", "<messageML>figures</messageML>")];
    let res = app.multipart("/agent/v4/message/blast", &alice, &parts, Some(("f.bin", bytes.clone()))).await;
    let messages = res.ok()["messages"].as_array().unwrap().clone();
    let file = messages[0]["attachments"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(messages[1]["attachments"][0]["id"], file.as_str(), "one stored file, named by both");
    let mids: Vec<String> = messages.iter().map(|m| m["messageId"].as_str().unwrap().to_owned()).collect();
    assert_eq!(download(&app, &alice, &a, &mids[0], &file).await, (200, bytes.clone()));
    assert_eq!(download(&app, &alice, &b, &mids[1], &file).await, (200, bytes.clone()));
    app.post(&format!("/pod/v1/admin/messagesuppression/{}/suppress", mids[0]), &officer, json!(null))
        .await
        .ok();
    assert_eq!(download(&app, &alice, &a, &mids[0], &file).await.0, 400, "suppressed here");
    assert_eq!(download(&app, &alice, &b, &mids[1], &file).await, (200, bytes), "kept there");
}

#[tokio::test]
async fn an_empty_file_is_stored_and_served_empty() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "A", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let res =
        app.multipart(&path, &alice, &[("message", "<messageML>x</messageML>")], Some(("e", vec![]))).await;
    let m = res.ok();
    assert_eq!(m["attachments"][0]["size"], 0);
    let (mid, file) = (m["messageId"].as_str().unwrap(), m["attachments"][0]["id"].as_str().unwrap());
    assert_eq!(download(&app, &alice, &room, mid, file).await, (200, vec![]));
}

#[tokio::test]
async fn the_files_of_a_message_never_posted_are_swept_after_an_hour() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, other) = app.bot("other", 2, &[]).await;
    let mine = app.room(&alice, "Mine", json!({})).await;
    let foreign = app.room(&other, "Theirs", json!({})).await;
    // Every stream of this blast refuses, after its file was stored.
    let parts = [("sids", foreign.as_str()), ("message", "<messageML>x</messageML>")];
    let res = app.multipart("/agent/v4/message/blast", &alice, &parts, Some(("f", b"abc".to_vec()))).await;
    assert_eq!(res.ok()["errors"][&foreign]["code"], 403);
    let path = format!("/agent/v4/stream/{mine}/message/create");
    let kept =
        app.multipart(&path, &alice, &[("message", "<messageML>y</messageML>")], Some(("g", b"d".to_vec())));
    let kept = kept.await.ok().clone();
    assert_eq!(app.core.sweep_orphan_files().await.unwrap(), 0, "not an hour old yet");
    app.clock.advance(ORPHAN_FILE_AGE_MS + 1);
    assert_eq!(app.core.sweep_orphan_files().await.unwrap(), 1, "the blast's file");
    let (mid, file) = (kept["messageId"].as_str().unwrap(), kept["attachments"][0]["id"].as_str().unwrap());
    assert_eq!(download(&app, &alice, &mine, mid, file).await, (200, b"d".to_vec()), "a posted file stays");
}
