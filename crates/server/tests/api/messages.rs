//! Sending, reading and listing messages.

use serde_json::json;

use crate::support::{TestApp, person};

async fn room_with(app: &TestApp, owner: &str, members: &[i64], extra: serde_json::Value) -> String {
    let room = app.room(owner, "Desk", extra).await;
    for m in members {
        app.post(&format!("/pod/v1/room/{room}/membership/add"), owner, json!({ "id": m })).await.ok();
    }
    room
}

#[tokio::test]
async fn a_member_sends_messageml_and_gets_a_v4_message() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let room = room_with(&app, &alice_s, &[], json!({})).await;
    let res = app.send(&alice_s, &room, "<messageML>Hello <b>world</b> <hash tag=\"fx\"/></messageML>").await;
    let m = res.ok().clone();
    let mid = m["messageId"].as_str().unwrap().to_owned();
    assert_eq!(mid.len(), 34);
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .starts_with("<div data-format=\"PresentationML\" data-version=\"2.0\">Hello <b>world</b>")
    );
    assert!(
        m["data"].as_str().unwrap().contains("#fx") || m["data"].as_str().unwrap().contains("fx"),
        "{}",
        m["data"]
    );
    assert_eq!(m["user"]["userId"], json!(alice));
    assert_eq!(m["user"]["username"], "alice");
    assert_eq!(m["stream"]["streamId"], json!(room));
    assert_eq!(m["stream"]["streamType"], "ROOM");
    assert_eq!(m["originalFormat"], "com.symphony.messageml.v2");
    assert_eq!(m["attachments"], json!([]));
    assert!(m["timestamp"].is_i64());
    assert!(
        m.get("replacing").is_none() && m.get("initialMessageId").is_none(),
        "only edited messages carry the chain"
    );
    assert_eq!(app.get(&format!("/agent/v1/message/{mid}"), &alice_s).await.ok(), &m);
    let event = app.last_event().await;
    assert_eq!(event.kind.type_name(), "MESSAGESENT");
}

#[tokio::test]
async fn invalid_messageml_is_a_400_with_the_engines_message() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let room = room_with(&app, &alice_s, &[], json!({})).await;
    let message = app.send(&alice_s, &room, "<messageML><foo/></messageML>").await.error(400);
    assert_eq!(message, "Invalid MessageML content at element \"foo\"");
    app.send(&alice_s, &room, "").await.error(400);
    let no_message = app
        .multipart(&format!("/agent/v4/stream/{room}/message/create"), &alice_s, &[("data", "")], None)
        .await;
    assert!(no_message.error(400).contains("message"));
    assert_eq!(app.event_types().await, ["ROOMCREATED"], "nothing is stored for a refused message");
}

#[tokio::test]
async fn mentions_resolve_real_users_and_an_unknown_one_is_an_error() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let room = room_with(&app, &alice_s, &[], json!({})).await;
    let res = app
        .send(
            &alice_s,
            &room,
            &format!(
                "<messageML>hi <mention uid=\"{bob}\"/> and <mention email=\"bob@example.com\"/></messageML>"
            ),
        )
        .await;
    let text = res.ok()["message"].as_str().unwrap().to_owned();
    assert!(text.contains("First bob"), "{text}");
    assert!(res.body["data"].as_str().unwrap().contains(&bob.to_string()));
    app.send(&alice_s, &room, "<messageML><mention uid=\"123456\"/></messageML>").await.error(400);
}

#[tokio::test]
async fn only_members_of_an_active_stream_send_and_only_owners_in_a_read_only_room() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let (_, outsider) = app.bot("outsider", 3, &[]).await;
    let room = room_with(&app, &owner, &[member_id], json!({})).await;
    app.send(&member, &room, "<messageML>hi</messageML>").await.ok();
    app.send(&outsider, &room, "<messageML>hi</messageML>").await.error(403);
    let quiet = room_with(&app, &owner, &[member_id], json!({ "readOnly": true })).await;
    assert!(app.send(&member, &quiet, "<messageML>hi</messageML>").await.error(403).contains("read-only"));
    app.send(&owner, &quiet, "<messageML>news</messageML>").await.ok();
    app.post(&format!("/pod/v1/room/{room}/setActive?active=false"), &owner, json!(null)).await.ok();
    assert!(app.send(&owner, &room, "<messageML>hi</messageML>").await.error(400).contains("deactivated"));
    app.send(&owner, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "<messageML>hi</messageML>").await.error(400);
}

#[tokio::test]
async fn attachments_need_the_entitlement_respect_the_limit_and_come_back_in_base64() {
    let app = TestApp::spawn_with(sympod_core::CoreConfig {
        max_attachment_bytes: 3 * 1024 * 1024,
        ..Default::default()
    })
    .await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let room = room_with(&app, &alice_s, &[], json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let parts = [("message", "<messageML>file</messageML>"), ("data", "")];
    let big = vec![b'x'; 2_500_000];
    let res = app.multipart(&path, &alice_s, &parts, Some(("report.txt", big.clone()))).await;
    let m = res.ok().clone();
    assert_eq!(
        (m["attachments"][0]["name"].as_str(), m["attachments"][0]["size"].as_i64()),
        (Some("report.txt"), Some(2_500_000))
    );
    let (fid, mid) = (m["attachments"][0]["id"].as_str().unwrap(), m["messageId"].as_str().unwrap());
    let url = format!("{}/agent/v1/stream/{room}/attachment?fileId={fid}&messageId={mid}", app.base);
    let body =
        app.client.get(url).header("sessionToken", &alice_s).send().await.unwrap().text().await.unwrap();
    use base64::Engine as _;
    assert_eq!(base64::engine::general_purpose::STANDARD.decode(body).unwrap(), big);
    let too_big =
        app.multipart(&path, &alice_s, &parts, Some(("huge.bin", vec![0; 3 * 1024 * 1024 + 1]))).await;
    too_big.error(413);
    let off = json!([{ "entitlment": "sendFilesEnabled", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice}/features/update"), &app.admin, off).await.ok();
    let refused = app.multipart(&path, &alice_s, &parts, Some(("a.txt", b"abc".to_vec()))).await;
    assert!(refused.error(403).contains("sendFilesEnabled"));
}

#[tokio::test]
async fn a_stream_lists_its_messages_in_order_within_limits() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let room = room_with(&app, &alice_s, &[], json!({})).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let res = app.send(&alice_s, &room, &format!("<messageML>m{i}</messageML>")).await;
        ids.push(res.ok()["messageId"].as_str().unwrap().to_owned());
    }
    let list = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &alice_s).await;
    let got: Vec<&str> =
        list.ok().as_array().unwrap().iter().map(|m| m["messageId"].as_str().unwrap()).collect();
    assert_eq!(got, ids);
    let stamps: Vec<i64> =
        list.body.as_array().unwrap().iter().map(|m| m["timestamp"].as_i64().unwrap()).collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "timestamps strictly increase: {stamps:?}");
    let page = app.get(&format!("/agent/v4/stream/{room}/message?since=0&skip=1&limit=2"), &alice_s).await;
    assert_eq!(page.ok().as_array().unwrap().len(), 2);
    app.get(&format!("/agent/v4/stream/{room}/message?since=0&limit=501"), &alice_s).await.error(400);
    app.get(&format!("/agent/v4/stream/{room}/message"), &alice_s).await.error(400);
    app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &outsider).await.error(403);
}

#[tokio::test]
async fn without_view_history_a_new_member_sees_only_what_follows_their_arrival() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (late_id, late) = app.bot("late", 2, &[]).await;
    let (officer_id, officer) = app.bot("officer", 3, &["COMPLIANCE_OFFICER"]).await;
    let _ = officer_id;
    let room = room_with(&app, &owner, &[], json!({ "viewHistory": false })).await;
    let before = app.send(&owner, &room, "<messageML>before</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    app.clock.advance(10);
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &owner, json!({ "id": late_id })).await.ok();
    app.clock.advance(10);
    app.send(&owner, &room, "<messageML>after</messageML>").await.ok();
    let seen = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &late).await;
    assert_eq!(seen.ok().as_array().unwrap().len(), 1);
    app.get(&format!("/agent/v1/message/{before}"), &late).await.error(403);
    let officer_view = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &officer).await;
    assert_eq!(officer_view.ok().as_array().unwrap().len(), 2, "compliance sees everything");
    let open = room_with(&app, &owner, &[], json!({ "viewHistory": true })).await;
    app.send(&owner, &open, "<messageML>old news</messageML>").await.ok();
    app.clock.advance(10);
    app.post(&format!("/pod/v1/room/{open}/membership/add"), &owner, json!({ "id": late_id })).await.ok();
    assert_eq!(
        app.get(&format!("/agent/v4/stream/{open}/message?since=0"), &late)
            .await
            .ok()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_newcomer_sees_no_earlier_message_even_when_timestamps_run_ahead_of_the_clock() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (late_id, late) = app.bot("late", 2, &[]).await;
    let room = room_with(&app, &owner, &[], json!({ "viewHistory": false })).await;
    // Five messages in one frozen millisecond: the store gives each a later timestamp than the last,
    // so the newest is stamped ahead of the clock when the newcomer joins.
    for i in 0..5 {
        app.send(&owner, &room, &format!("<messageML>before {i}</messageML>")).await.ok();
    }
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &owner, json!({ "id": late_id })).await.ok();
    let seen = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &late).await;
    assert_eq!(seen.ok(), &json!([]), "history stays hidden");
    app.send(&owner, &room, "<messageML>after</messageML>").await.ok();
    let seen = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &late).await;
    assert_eq!(seen.ok().as_array().unwrap().len(), 1, "what follows the arrival is seen");
}
