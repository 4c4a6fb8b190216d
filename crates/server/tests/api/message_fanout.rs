//! Blast, share, search, paging, and the edges of a message request.

use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn a_blast_sends_to_each_stream_it_may_and_reports_the_others() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let (_, other) = app.bot("other", 2, &[]).await;
    let a = app.room(&alice, "A", json!({})).await;
    let b = app.room(&alice, "B", json!({})).await;
    let foreign = app.room(&other, "C", json!({})).await;
    let sids = format!("{a},{b},{foreign}");
    let res = app
        .multipart(
            "/agent/v4/message/blast",
            &alice,
            &[("sids", &sids), ("message", "<messageML>to all</messageML>")],
            None,
        )
        .await;
    let sent: Vec<&str> = res.ok()["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["stream"]["streamId"].as_str().unwrap())
        .collect();
    assert_eq!(sent, [a.as_str(), b.as_str()]);
    assert_eq!(res.body["errors"][&foreign]["code"], 403);
    let ids: std::collections::HashSet<&str> =
        res.body["messages"].as_array().unwrap().iter().map(|m| m["messageId"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "each stream gets its own message");
    let many: Vec<String> =
        (0..101u8).map(|i| sympod_model::StreamId::from_bytes(&[i; 25]).to_string()).collect();
    let too_many = app
        .multipart(
            "/agent/v4/message/blast",
            &alice,
            &[("sids", &many.join(",")), ("message", "<messageML>x</messageML>")],
            None,
        )
        .await;
    too_many.error(400);
    app.multipart("/agent/v4/message/blast", &alice, &[("message", "<messageML>x</messageML>")], None)
        .await
        .error(400);
}

#[tokio::test]
async fn search_finds_messages_of_readable_streams_only() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let (_, bob) = app.bot("bob", 2, &[]).await;
    let mine = app.room(&alice, "Mine", json!({})).await;
    let theirs = app.room(&bob, "Theirs", json!({})).await;
    app.send(&alice, &mine, "<messageML>spot fx <hash tag=\"fx\"/></messageML>").await.ok();
    app.send(&alice, &mine, "<messageML>rates <cash tag=\"AAPL\"/></messageML>").await.ok();
    app.send(&bob, &theirs, "<messageML>secret fx <hash tag=\"fx\"/></messageML>").await.ok();
    let by_tag = app.post("/agent/v1/message/search", &alice, json!({ "hashtag": "fx" })).await;
    assert_eq!(by_tag.ok().as_array().unwrap().len(), 1, "bob's room is not readable by alice");
    let get = app.get("/agent/v1/message/search?query=cashtag:AAPL", &alice).await;
    assert!(get.ok()[0]["message"].as_str().unwrap().contains("rates"));
    let text =
        app.post("/agent/v1/message/search", &alice, json!({ "text": "SPOT", "streamId": mine })).await;
    assert_eq!(text.ok().as_array().unwrap().len(), 1);
    app.post("/agent/v1/message/search", &alice, json!({ "text": "spot" })).await.error(400);
    let by_author =
        app.post("/agent/v1/message/search?sortDir=ASC", &alice, json!({ "author": alice_id })).await;
    let texts: Vec<&str> =
        by_author.ok().as_array().unwrap().iter().map(|m| m["message"].as_str().unwrap()).collect();
    assert!(texts[0].contains("spot") && texts[1].contains("rates"), "ascending order");
    let none = app.post("/agent/v1/message/search", &alice, json!({ "hashtag": "nothing" })).await;
    assert_eq!(none.status.as_u16(), 204);
    app.post("/agent/v1/message/search", &alice, json!({ "text": "x", "streamId": theirs })).await.error(403);
    app.get("/agent/v1/message/search?query=color:red", &alice).await.error(400);
}

#[tokio::test]
async fn an_article_is_shared_as_a_message_with_a_shared_post_event() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let room = app.room(&alice, "News", json!({})).await;
    let article = json!({ "type": "com.symphony.sharing.article", "content": {
        "articleId": "a1", "title": "Rates <up>", "publisher": "Wire", "author": "Jo", "appId": "news",
        "articleUrl": "https://news.example.com/a1", "message": "read this" } });
    let res = app.post(&format!("/agent/v3/stream/{room}/share"), &alice, article.clone()).await;
    let shared = res.ok().clone();
    assert_eq!(
        (shared["v2messageType"].as_str(), shared["fromUserId"].as_i64()),
        (Some("V2Message"), Some(alice_id))
    );
    assert!(shared["timestamp"].is_string(), "V2BaseMessage types timestamp as a string");
    let text = shared["message"].as_str().unwrap();
    assert!(text.contains("https://news.example.com/a1") && text.contains("Rates &lt;up&gt;"), "{text}");
    assert_eq!(app.last_event().await.kind.type_name(), "SHAREDPOST");
    let read = app.get(&format!("/agent/v1/message/{}", shared["id"].as_str().unwrap()), &alice).await;
    assert!(read.ok()["data"].as_str().unwrap().contains("com.symphony.sharing.article"));
    app.post(&format!("/agent/v3/stream/{room}/share"), &outsider, article.clone()).await.error(403);
    let mut no_title = article.clone();
    no_title["content"]["title"] = json!("");
    assert!(
        app.post(&format!("/agent/v3/stream/{room}/share"), &alice, no_title)
            .await
            .error(400)
            .contains("title")
    );
    let mut other = article;
    other["type"] = json!("com.example.video");
    app.post(&format!("/agent/v3/stream/{room}/share"), &alice, other).await.error(400);
}

#[tokio::test]
async fn paging_with_since_and_skip_sees_every_message_once_even_after_edits() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let a = app.send(&alice, &room, "<messageML>A</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    app.send(&alice, &room, "<messageML>B</messageML>").await.ok();
    app.update(&alice, &room, &a, "<messageML>A edited</messageML>").await.ok();
    let mut seen = Vec::new();
    let (mut since, mut skip) = (0_i64, 0_usize);
    for _ in 0..5 {
        let page = app
            .get(&format!("/agent/v4/stream/{room}/message?since={since}&skip={skip}&limit=1"), &alice)
            .await;
        let Some(m) = page.ok().as_array().unwrap().first().cloned() else { break };
        let ts = m["timestamp"].as_i64().unwrap();
        skip = if ts == since { skip + 1 } else { 1 };
        since = ts;
        seen.push(m["message"].as_str().unwrap().to_owned());
    }
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[0].contains(">B<") && seen[1].contains("A edited"), "timestamp order: {seen:?}");
}

#[tokio::test]
async fn a_body_that_is_not_multipart_is_a_json_400() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let res = app
        .post(&format!("/agent/v4/stream/{room}/message/create"), &alice, json!({ "message": "hi" }))
        .await;
    assert!(res.error(400).starts_with("Invalid multipart body"));
    assert_eq!(res.content_type.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn a_blast_reports_malformed_stream_ids_and_sends_once_per_stream() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "A", json!({})).await;
    let sids = format!("{room},{room},not*valid");
    let res = app
        .multipart(
            "/agent/v4/message/blast",
            &alice,
            &[("sids", &sids), ("message", "<messageML>x</messageML>")],
            None,
        )
        .await;
    assert_eq!(res.ok()["messages"].as_array().unwrap().len(), 1, "a stream named twice gets one message");
    assert_eq!(res.body["errors"]["not*valid"]["code"], 400);
}

#[tokio::test]
async fn an_update_carries_only_its_own_files() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let v1 = app
        .multipart(
            &path,
            &alice,
            &[("message", "<messageML>with file</messageML>")],
            Some(("x.txt", b"x".to_vec())),
        )
        .await;
    let mid = v1.ok()["messageId"].as_str().unwrap().to_owned();
    let v2 = app.update(&alice, &room, &mid, "<messageML>no file</messageML>").await;
    assert_eq!(
        v2.ok()["attachments"],
        json!([]),
        "the new version replaces the message whole, files included"
    );
    let update = format!("/agent/v4/stream/{room}/message/{}/update", v2.body["messageId"].as_str().unwrap());
    let v3 = app
        .multipart(
            &update,
            &alice,
            &[("message", "<messageML>new file</messageML>")],
            Some(("y.txt", b"y".to_vec())),
        )
        .await;
    assert_eq!(v3.ok()["attachments"][0]["name"], "y.txt");
}

#[tokio::test]
async fn a_version_must_be_major_dot_minor_and_signal_search_is_refused() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    for bad in ["banana", "2", "2.", ".0"] {
        app.multipart(&path, &alice, &[("message", "<messageML>x</messageML>"), ("version", bad)], None)
            .await
            .error(400);
    }
    app.multipart(&path, &alice, &[("message", "<messageML>x</messageML>"), ("version", "2.0")], None)
        .await
        .ok();
    app.post("/agent/v1/message/search", &alice, json!({ "signal": "abc" })).await.error(400);
}

#[tokio::test]
async fn an_outsider_is_refused_before_their_upload_is_read() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let res = app
        .multipart(
            &path,
            &outsider,
            &[("message", "<messageML>x</messageML>")],
            Some(("big.bin", vec![0; 5_000_000])),
        )
        .await;
    res.error(403);
}

/// Posts a multipart body of `size` bytes to `path` the way aiohttp (the SDK's client) does: the
/// whole body is written before the answer is read. Answers the status line, or the error that
/// ended the exchange.
async fn post_then_read(base: &str, path: &str, token: &str, size: usize) -> Result<String, std::io::Error> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let boundary = "sympodboundary";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n<messageML>x</messageML>\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"big.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let length = head.len() + size + tail.len();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nsessionToken: {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n{head}"
    );
    stream.write_all(request.as_bytes()).await?;
    let chunk = vec![0u8; 64 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        stream.write_all(&chunk[..n]).await?;
        left -= n;
    }
    stream.write_all(tail.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    Ok(String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_refusal_before_the_upload_is_read_still_reaches_a_client_that_writes_it_all_first() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    // An expired session is refused before a byte of the body is read. The SDK logs in again on the
    // 401, so it must read the 401, not a connection reset while it still writes 20 MB.
    let answer = post_then_read(&app.base, &path, "expired-token", 20_000_000).await;
    assert_eq!(answer.unwrap(), "HTTP/1.1 401 Unauthorized");
}
