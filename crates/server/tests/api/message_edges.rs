//! The edges of sending and updating: updates in other formats and with data, updates in rooms that
//! changed since the message was sent, concurrent updates of one version, on-behalf-of updates by a
//! user without the entitlement, and search by mention, stream type and time range.

use reqwest::Method;
use serde_json::{Value, json};
use sympod_core::Clock;
use sympod_model::event::{EventKind, NewEvent};
use sympod_model::message::MessageState;
use sympod_model::stream::{Member, Stream, StreamState, StreamType};
use sympod_model::{MessageId, PodId, StreamId, UserId};

use crate::support::{Response, TestApp, key};

fn id(v: &Value) -> String {
    v["messageId"].as_str().unwrap().to_owned()
}

/// Alice's room with Bob in it, and a message of Alice's.
async fn room_with_bob(app: &TestApp) -> (String, (i64, String), String, String) {
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let bob = app.bot("bob", 2, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &alice, json!({ "id": bob.0 })).await.ok();
    let mid = id(app.send(&alice, &room, "<messageML>v1</messageML>").await.ok());
    (alice, bob, room, mid)
}

async fn update_with(app: &TestApp, token: &str, room: &str, mid: &str, parts: &[(&str, &str)]) -> Response {
    app.multipart(&format!("/agent/v4/stream/{room}/message/{mid}/update"), token, parts, None).await
}

#[tokio::test]
async fn an_update_may_be_presentationml_or_a_template_expanded_with_its_data() {
    let app = TestApp::spawn().await;
    let (alice, _, room, v1) = room_with_bob(&app).await;
    let presentation = r#"<div data-format="PresentationML" data-version="2.0">as <b>PML</b></div>"#;
    let v2 = update_with(&app, &alice, &room, &v1, &[("message", presentation)]).await;
    assert!(v2.ok()["message"].as_str().unwrap().contains("<b>PML</b>"), "{:?}", v2.body);
    let template = "<messageML>Hello ${data.name}</messageML>";
    let data = r#"{"name": "<b>Bob</b>"}"#;
    let v3 = update_with(&app, &alice, &room, &id(v2.ok()), &[("message", template), ("data", data)]).await;
    let text = v3.ok()["message"].as_str().unwrap();
    assert!(text.contains("Hello &lt;b&gt;Bob&lt;/b&gt;"), "data is inserted as text: {text}");
    assert_eq!(v3.ok()["replacing"], json!(id(v2.ok())));
}

#[tokio::test]
async fn an_update_carries_its_own_entity_data_and_generated_entities() {
    let app = TestApp::spawn().await;
    let (alice, _, room, v1) = room_with_bob(&app).await;
    let data = r#"{"deal": {"type": "com.acme.deal", "version": "1.0", "id": 7}}"#;
    let message =
        r#"<messageML><div class="entity" data-entity-id="deal">deal</div> <hash tag="fx"/></messageML>"#;
    let v2 = update_with(&app, &alice, &room, &v1, &[("message", message), ("data", data)]).await;
    let served: Value = serde_json::from_str(v2.ok()["data"].as_str().unwrap()).unwrap();
    assert_eq!(served["deal"]["id"], 7, "the caller's entity");
    assert!(
        served.as_object().unwrap().values().any(|e| e["type"] == "org.symphonyoss.taxonomy"),
        "{served}"
    );
    let read = app.get(&format!("/agent/v1/message/{}", id(v2.ok())), &alice).await;
    assert_eq!(read.ok()["data"], v2.ok()["data"], "stored as served");
}

#[tokio::test]
async fn in_a_room_made_read_only_only_owners_update_their_messages() {
    let app = TestApp::spawn().await;
    let (alice, (bob_id, bob), room, _) = room_with_bob(&app).await;
    let bobs = id(app.send(&bob, &room, "<messageML>bob's</messageML>").await.ok());
    app.post(&format!("/pod/v3/room/{room}/update"), &alice, json!({ "readOnly": true })).await.ok();
    let refused = app.update(&bob, &room, &bobs, "<messageML>edited</messageML>").await.error(403);
    assert!(refused.contains("read-only"), "{refused}");
    app.post(&format!("/pod/v1/room/{room}/membership/promoteOwner"), &alice, json!({ "id": bob_id }))
        .await
        .ok();
    app.update(&bob, &room, &bobs, "<messageML>edited by an owner</messageML>").await.ok();
}

#[tokio::test]
async fn nobody_updates_in_a_deactivated_room_and_a_member_who_left_updates_nothing() {
    let app = TestApp::spawn().await;
    let (alice, (bob_id, bob), room, v1) = room_with_bob(&app).await;
    let bobs = id(app.send(&bob, &room, "<messageML>bob's</messageML>").await.ok());
    app.post(&format!("/pod/v1/room/{room}/membership/remove"), &alice, json!({ "id": bob_id })).await.ok();
    let refused = app.update(&bob, &room, &bobs, "<messageML>after leaving</messageML>").await.error(403);
    assert!(refused.contains("not a member"), "{refused}");
    app.post(&format!("/pod/v1/room/{room}/setActive?active=false"), &alice, json!(null)).await.ok();
    let refused = app.update(&alice, &room, &v1, "<messageML>in the dark</messageML>").await.error(400);
    assert!(refused.to_lowercase().contains("deactivated"), "{refused}");
    let unchanged = app.get(&format!("/agent/v1/message/{v1}"), &alice).await;
    assert!(unchanged.ok().get("replacedBy").is_none(), "{:?}", unchanged.body);
}

#[tokio::test]
async fn of_concurrent_updates_of_one_version_exactly_one_succeeds() {
    let app = TestApp::spawn().await;
    let (alice, _, room, v1) = room_with_bob(&app).await;
    let attempt = |i: u8| {
        app.update(
            &alice,
            &room,
            &v1,
            [
                "<messageML>0</messageML>",
                "<messageML>1</messageML>",
                "<messageML>2</messageML>",
                "<messageML>3</messageML>",
            ][i as usize],
        )
    };
    let (a, b, c, d) = tokio::join!(attempt(0), attempt(1), attempt(2), attempt(3));
    let mut statuses: Vec<u16> = [a, b, c, d].iter().map(|r| r.status.as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 400, 400, 400], "one new version; the others found it replaced");
    let list = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), &alice).await;
    assert_eq!(list.ok().as_array().unwrap().len(), 1, "one chain, one newest version");
}

#[tokio::test]
async fn an_app_cannot_update_for_a_user_who_lacks_the_update_entitlement() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let room = app.room(&alice, "Desk", json!({})).await;
    let v1 = id(app.send(&alice, &room, "<messageML>v1</messageML>").await.ok());
    let body = json!({ "applicationInfo": { "appId": "sender" }, "permissions": ["ACT_AS_USER", "SEND_MESSAGES"], "authenticationKeys": { "current": { "key": key(3).public_pem } } });
    app.post("/pod/v1/admin/app/create", &app.admin, body).await.ok();
    let off = json!([{ "entitlment": "canUpdateMessage", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice_id}/features/update"), &app.admin, off).await.ok();
    let token = json!({ "token": app.jwt("sender", 3, 240) });
    let res = app.call(Method::POST, "/login/pubkey/app/authenticate", None, Some(token)).await;
    let app_token = res.ok()["token"].as_str().unwrap().to_owned();
    let path = "/login/pubkey/app/username/alice/authenticate";
    let obo =
        app.call(Method::POST, path, Some(&app_token), None).await.ok()["token"].as_str().unwrap().to_owned();
    let refused = app.update(&obo, &room, &v1, "<messageML>v2</messageML>").await.error(403);
    assert!(refused.contains("canUpdateMessage"), "{refused}");
    app.send(&obo, &room, "<messageML>sending is still allowed</messageML>").await.ok();
}

#[tokio::test]
async fn search_narrows_by_mention_stream_type_and_time_range() {
    let app = TestApp::spawn().await;
    let (alice, (bob_id, bob), room, _) = room_with_bob(&app).await;
    let im =
        app.post("/pod/v1/im/create", &alice, json!([bob_id])).await.ok()["id"].as_str().unwrap().to_owned();
    app.clock.advance(1000);
    let from = app.clock.now();
    let mention = format!(r#"<messageML>ping <mention uid="{bob_id}"/> about <hash tag="fx"/></messageML>"#);
    app.send(&alice, &room, &mention).await.ok();
    app.send(&alice, &im, "<messageML><hash tag=\"fx\"/> in private</messageML>").await.ok();
    app.clock.advance(1000);
    let until = app.clock.now();
    app.clock.advance(1000);
    app.send(&bob, &room, "<messageML><hash tag=\"fx\"/> later</messageML>").await.ok();
    let search = |query: Value| {
        let (app, alice) = (&app, &alice);
        async move {
            let res = app.post("/agent/v1/message/search", alice, query).await;
            if res.status.as_u16() == 204 {
                return Vec::new();
            }
            res.ok().as_array().unwrap().iter().map(|m| m["message"].as_str().unwrap().to_owned()).collect()
        }
    };
    let mentioned = search(json!({ "mention": bob_id })).await;
    assert!(mentioned.len() == 1 && mentioned[0].contains("ping"), "{mentioned:?}");
    let in_ims = search(json!({ "hashtag": "fx", "streamType": "IM" })).await;
    assert!(in_ims.len() == 1 && in_ims[0].contains("private"), "{in_ims:?}");
    let in_rooms = search(json!({ "hashtag": "fx", "streamType": "ROOM" })).await;
    assert_eq!(in_rooms.len(), 2, "{in_rooms:?}");
    let in_range = search(json!({ "hashtag": "fx", "fromDate": from, "toDate": until })).await;
    assert_eq!(in_range.len(), 2, "the later message is out of range: {in_range:?}");
    let after = search(json!({ "hashtag": "fx", "fromDate": until })).await;
    assert!(after.len() == 1 && after[0].contains("later"), "{after:?}");
}

/// A wall (a stream of type POST) of `owner`'s: the API makes none, so it is stored directly.
async fn wall(app: &TestApp, owner: i64) -> String {
    let id = StreamId::from_bytes(&[7; 24]);
    let now = app.clock.now();
    let state = StreamState {
        stream: Stream {
            id: id.clone(),
            kind: StreamType::Post,
            created_at: now,
            created_by: UserId(owner),
            active: true,
            room: None,
            pinned_message: None,
            last_message_at: None,
            conversation_key: None,
        },
        members: vec![Member {
            user: UserId(owner),
            pod: PodId(190),
            owner: true,
            joined_at: now,
            left_at: None,
        }],
    };
    let members = vec![UserId(owner)];
    let event = NewEvent {
        at: now,
        initiator: UserId(owner),
        stream: id.clone(),
        stream_type: StreamType::Post,
        kind: EventKind::InstantMessageCreated { members: members.clone() },
        audience: members,
    };
    app.core.store().create_stream(&state, &event).await.unwrap();
    id.to_string()
}

#[tokio::test]
async fn a_wall_post_cannot_be_updated() {
    let app = TestApp::spawn().await;
    let (alice_id, alice) = app.bot("alice", 1, &[]).await;
    let wall = wall(&app, alice_id).await;
    let post = id(app.send(&alice, &wall, "<messageML>on my wall</messageML>").await.ok());
    let refused = app.update(&alice, &wall, &post, "<messageML>edited</messageML>").await.error(400);
    assert!(refused.contains("Wall posts cannot be updated"), "{refused}");
}

#[tokio::test]
async fn a_deleted_message_cannot_be_updated() {
    let app = TestApp::spawn().await;
    let (alice, _, room, v1) = room_with_bob(&app).await;
    // The API deletes nothing: the deletion is stored directly, as a client of the pod would make it.
    let mid = MessageId::parse(&v1).unwrap();
    app.core
        .store()
        .modify_chain(&mid, &mut |_, versions| {
            versions.iter_mut().for_each(|m| m.state = MessageState::Deleted);
            Ok(vec![])
        })
        .await
        .unwrap();
    let refused = app.update(&alice, &room, &v1, "<messageML>edited</messageML>").await.error(400);
    assert!(refused.contains("A deleted message cannot be updated"), "{refused}");
}

#[tokio::test]
async fn reading_a_message_that_does_not_exist_answers_204_as_the_spec_declares() {
    let app = TestApp::spawn().await;
    let (alice, _, _, _) = room_with_bob(&app).await;
    let res = app.get("/agent/v1/message/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &alice).await;
    assert_eq!(res.status.as_u16(), 204, "the SDK answers None: {:?}", res.body);
    app.get("/agent/v1/message/not-an-id!", &alice).await.error(400);
}
