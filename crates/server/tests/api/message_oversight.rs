//! Suppression, message status, and a stream's attachments.

use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn a_compliance_officer_suppresses_a_message_which_then_cannot_be_updated() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, officer) = app.bot("officer", 2, &["COMPLIANCE_OFFICER"]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let mid = app.send(&alice, &room, "<messageML>leak</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/pod/v1/admin/messagesuppression/{mid}/suppress");
    app.post(&path, &alice, json!(null)).await.error(403);
    let res = app.post(&path, &officer, json!(null)).await;
    assert_eq!(
        (res.ok()["messageId"].as_str(), res.body["suppressed"].as_bool()),
        (Some(mid.as_str()), Some(true))
    );
    assert!(res.body["suppressionDate"].is_i64());
    assert_eq!(app.last_event().await.kind.type_name(), "MESSAGESUPPRESSED");
    let read = app.get(&format!("/agent/v1/message/{mid}"), &alice).await;
    assert!(read.ok()["message"].as_str().unwrap().contains("suppressed"), "{}", read.body);
    assert!(!read.body["message"].as_str().unwrap().contains("leak"));
    assert!(
        app.update(&alice, &room, &mid, "<messageML>again</messageML>")
            .await
            .error(400)
            .contains("suppressed")
    );
    app.post(&path, &officer, json!(null)).await.ok();
    app.post(
        "/pod/v1/admin/messagesuppression/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/suppress",
        &officer,
        json!(null),
    )
    .await
    .error(400);
}

#[tokio::test]
async fn a_message_status_names_its_author_and_recipients() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let (bob, _) = app.bot("bob", 2, &[]).await;
    let (_, outsider) = app.bot("outsider", 3, &[]).await;
    let room = app.room(&alice_s, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &alice_s, json!({ "id": bob })).await.ok();
    let mid = app.send(&alice_s, &room, "<messageML>hi</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let status = app.get(&format!("/pod/v1/message/{mid}/status"), &alice_s).await;
    assert_eq!(
        status.ok()["author"]["userId"],
        json!(alice.to_string()),
        "the spec types userId as a string"
    );
    assert_eq!(status.body["sent"][0]["userId"], json!(bob.to_string()));
    assert_eq!((status.body["read"].clone(), status.body["delivered"].clone()), (json!([]), json!([])));
    app.get(&format!("/pod/v1/message/{mid}/status"), &outsider).await.error(403);
    app.get("/pod/v1/message/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/status", &alice_s).await.error(404);
}

#[tokio::test]
async fn a_stream_lists_the_files_of_its_messages() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    for name in ["a.txt", "b.txt"] {
        app.multipart(
            &path,
            &alice,
            &[("message", "<messageML>file</messageML>")],
            Some((name, b"data".to_vec())),
        )
        .await
        .ok();
    }
    app.send(&alice, &room, "<messageML>no file</messageML>").await.ok();
    let list = app.get(&format!("/pod/v1/streams/{room}/attachments"), &alice).await;
    let names: Vec<&str> =
        list.ok().as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["a.txt", "b.txt"]);
    assert_eq!(list.body[0]["size"], 4);
    assert_eq!(list.body[0]["content-type"], "text/plain");
    let desc = app.get(&format!("/pod/v1/streams/{room}/attachments?sortDir=DESC&limit=1"), &alice).await;
    assert_eq!(desc.ok()[0]["name"], "b.txt");
    app.get(&format!("/pod/v1/streams/{room}/attachments?limit=101"), &alice).await.error(400);
}

#[tokio::test]
async fn suppressing_any_version_hides_every_version_its_files_and_its_tags() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, officer) = app.bot("officer", 2, &["CONTENT_MANAGEMENT"]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let parts = [("message", "<messageML>account 1234 <hash tag=\"leak\"/></messageML>")];
    let v1 = app.multipart(&path, &alice, &parts, Some(("ledger.txt", b"1234".to_vec()))).await.ok().clone();
    let v1_id = v1["messageId"].as_str().unwrap().to_owned();
    let file = v1["attachments"][0]["id"].as_str().unwrap().to_owned();
    let v2 = app.update(&alice, &room, &v1_id, "<messageML>account 1234 again</messageML>").await.ok()["messageId"].as_str().unwrap().to_owned();
    app.post(&format!("/pod/v1/admin/messagesuppression/{v2}/suppress"), &officer, json!(null)).await.ok();
    for id in [&v1_id, &v2] {
        let read = app.get(&format!("/agent/v1/message/{id}"), &alice).await;
        assert!(
            !read.ok()["message"].as_str().unwrap().contains("1234"),
            "version {id} still shows its text"
        );
    }
    let url = format!("{}/agent/v1/stream/{room}/attachment?fileId={file}&messageId={v1_id}", app.base);
    let download = app.client.get(url).header("sessionToken", &alice).send().await.unwrap();
    assert_eq!(download.status().as_u16(), 400, "the file is gone");
    let search = app.post("/agent/v1/message/search", &alice, json!({ "hashtag": "leak" })).await;
    assert_eq!(search.status.as_u16(), 204, "a suppressed message is not found");
}
