//! Rules of the Messages issue that apply on every write path: several attachments in one message,
//! the file entitlement and size limit on updates and blasts as on sends, compliance officers who
//! read and suppress outside their streams, and pins of IMs that follow the edit chain.

use base64::Engine as _;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sympod_core::CoreConfig;

use crate::support::{Response, TestApp, person};

fn id(v: &Value) -> String {
    v["messageId"].as_str().unwrap().to_owned()
}

/// A multipart write as the SDK builds it, with every file of `files` as an `attachment` part.
async fn with_files(
    app: &TestApp,
    path: &str,
    token: &str,
    extra: &[(&str, &str)],
    files: &[(&str, usize)],
) -> Response {
    let mut form = Form::new();
    for (name, size) in files {
        let bytes: Vec<u8> = (0..*size).map(|i| (i % 251) as u8).collect();
        form = form.part("attachment", Part::bytes(bytes).file_name((*name).to_owned()));
    }
    form = form.text("message", "<messageML>files</messageML>");
    for (name, value) in extra {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    let res = app.client.post(format!("{}{path}", app.base)).header("sessionToken", token).multipart(form);
    let res = res.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    Response { status, body: serde_json::from_str(&text).unwrap_or(Value::String(text)), content_type: None }
}

#[tokio::test]
async fn a_message_carries_several_attachments_each_downloadable() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Files", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let sent = with_files(&app, &path, &alice, &[], &[("a.txt", 3), ("b.bin", 300_000)]).await;
    let files = sent.ok()["attachments"].as_array().unwrap().clone();
    let shape: Vec<(&str, i64)> =
        files.iter().map(|f| (f["name"].as_str().unwrap(), f["size"].as_i64().unwrap())).collect();
    assert_eq!(shape, [("a.txt", 3), ("b.bin", 300_000)]);
    let mid = id(sent.ok());
    for (file, size) in files.iter().zip([3usize, 300_000]) {
        let fid = file["id"].as_str().unwrap();
        let url = format!("{}/agent/v1/stream/{room}/attachment?fileId={fid}&messageId={mid}", app.base);
        let body =
            app.client.get(url).header("sessionToken", &alice).send().await.unwrap().text().await.unwrap();
        let bytes = base64::engine::general_purpose::STANDARD.decode(body).unwrap();
        assert_eq!(bytes, (0..size).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
    }
}

#[tokio::test]
async fn updates_and_blasts_need_the_file_entitlement_and_respect_the_size_limit() {
    let app = TestApp::spawn_with(CoreConfig { max_attachment_bytes: 1_000, ..CoreConfig::default() }).await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Files", json!({})).await;
    let mid = id(app.send(&alice, &room, "<messageML>v1</messageML>").await.ok());
    let update = format!("/agent/v4/stream/{room}/message/{mid}/update");
    let blast = "/agent/v4/message/blast";
    let sids = [("sids", room.as_str())];
    with_files(&app, &update, &alice, &[], &[("big.bin", 1_001)]).await.error(413);
    with_files(&app, blast, &alice, &sids, &[("big.bin", 1_001)]).await.error(413);
    let v2 = with_files(&app, &update, &alice, &[], &[("fits.bin", 1_000)]).await;
    assert_eq!(v2.ok()["attachments"][0]["size"], 1_000);
    let off = json!([{ "entitlment": "sendFilesEnabled", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice_id}/features/update"), &app.admin, off).await.ok();
    let v2 = id(v2.ok());
    let update = format!("/agent/v4/stream/{room}/message/{v2}/update");
    assert!(
        with_files(&app, &update, &alice, &[], &[("a.txt", 3)]).await.error(403).contains("sendFilesEnabled")
    );
    assert!(
        with_files(&app, blast, &alice, &sids, &[("a.txt", 3)]).await.error(403).contains("sendFilesEnabled")
    );
    app.update(&alice, &room, &v2, "<messageML>text alone is fine</messageML>").await.ok();
}

#[tokio::test]
async fn compliance_officers_read_any_version_and_super_compliance_officers_suppress_outside_their_streams() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, officer) = app.bot("officer", 2, &["COMPLIANCE_OFFICER"]).await;
    let (_, chief) = app.bot("chief", 3, &["SUPER_COMPLIANCE_OFFICER"]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let v1 = id(app.send(&alice, &room, "<messageML>v1</messageML>").await.ok());
    app.update(&alice, &room, &v1, "<messageML>v2</messageML>").await.ok();
    let read = app.get(&format!("/agent/v1/message/{v1}"), &officer).await;
    assert!(read.ok()["message"].as_str().unwrap().contains("v1"), "an old version, not being a member");
    let path = format!("/pod/v1/admin/messagesuppression/{v1}/suppress");
    assert_eq!(app.post(&path, &chief, json!(null)).await.ok()["suppressed"], true);
}

#[tokio::test]
async fn a_pinned_im_message_stays_pinned_through_its_updates() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let im =
        app.post("/pod/v1/im/create", &alice, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let v1 = id(app.send(&alice, &im, "<messageML>pin me</messageML>").await.ok());
    app.post(&format!("/pod/v1/im/{im}/update"), &alice, json!({ "pinnedMessageId": v1 })).await.ok();
    let v2 = id(app.update(&alice, &im, &v1, "<messageML>pinned, edited</messageML>").await.ok());
    let info = app.get(&format!("/pod/v1/im/{im}/info"), &alice).await;
    assert_eq!(info.ok()["V1IMAttributes"]["pinnedMessageId"], json!(v2), "{}", info.body);
}
