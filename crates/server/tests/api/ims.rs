//! IMs and MIMs: create, info (with the seed's permission matrix) and update (seeds `im-info.md`,
//! `update-im.md`).

use serde_json::json;

use crate::support::{TestApp, person, standard_base64};

#[tokio::test]
async fn an_im_with_one_user_adds_the_caller_and_answers_the_stream_id() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let res = app.post("/pod/v1/im/create", &alice_s, json!([bob])).await;
    let id = res.ok()["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 34, "25 random bytes, URL-safe base64 without padding");
    assert!(!id.contains(['+', '/', '=']));
    let info = app.get(&format!("/pod/v2/streams/{id}/info"), &alice_s).await;
    assert_eq!(info.ok()["streamType"]["type"], "IM");
    assert_eq!(info.body["streamAttributes"]["members"], json!([alice, bob]));
    let event = app.last_event().await;
    assert_eq!(event.kind.type_name(), "INSTANTMESSAGECREATED");
    assert_eq!(event.audience.len(), 2);
}

#[tokio::test]
async fn the_same_members_get_the_same_im_back() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let (bob, bob_s) = app.bot("bob", 2, &[]).await;
    let first = app.post("/pod/v1/im/create", &alice_s, json!([bob])).await.ok()["id"].clone();
    let again = app.post("/pod/v1/im/create", &alice_s, json!([bob, bob, alice])).await.ok()["id"].clone();
    let other_side = app.post("/pod/v1/im/create", &bob_s, json!([alice])).await.ok()["id"].clone();
    assert_eq!((&first, &first), (&again, &other_side));
    assert_eq!(app.event_types().await, ["INSTANTMESSAGECREATED"], "one stream, one event");
}

#[tokio::test]
async fn several_users_make_a_mim() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let carol = app.create_user(person("carol")).await;
    let id = app.post("/pod/v1/im/create", &alice_s, json!([bob, carol])).await.ok()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let info = app.get(&format!("/pod/v2/streams/{id}/info"), &alice_s).await;
    assert_eq!(info.ok()["streamType"]["type"], "MIM");
    assert_eq!(info.body["streamAttributes"]["members"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn an_im_needs_another_existing_enabled_user() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    app.post("/pod/v1/im/create", &alice_s, json!([])).await.error(400);
    app.post("/pod/v1/im/create", &alice_s, json!([alice])).await.error(400);
    assert!(app.post("/pod/v1/im/create", &alice_s, json!([424242])).await.error(400).contains("424242"));
    let off = app.create_user(person("off")).await;
    app.post(&format!("/pod/v1/admin/user/{off}/status/update"), &app.admin, json!({ "status": "DISABLED" }))
        .await
        .ok();
    assert!(app.post("/pod/v1/im/create", &alice_s, json!([off])).await.error(400).contains("disabled"));
    app.post("/pod/v1/im/create", &alice_s, json!({ "id": 1 })).await.error(400);
}

#[tokio::test]
async fn an_admin_im_joins_at_least_two_users_without_the_caller() {
    let app = TestApp::spawn().await;
    let bob = app.create_user(person("bob")).await;
    let carol = app.create_user(person("carol")).await;
    app.post("/pod/v1/admin/im/create", &app.admin, json!([bob])).await.error(400);
    let id = app.post("/pod/v1/admin/im/create", &app.admin, json!([bob, carol])).await.ok()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let members = app.get(&format!("/pod/v1/admin/stream/{id}/membership/list"), &app.admin).await;
    let ids: Vec<i64> = members.ok()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user"]["userId"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [bob, carol]);
    let (_, plain) = app.bot("plain", 1, &[]).await;
    app.post("/pod/v1/admin/im/create", &plain, json!([bob, carol])).await.error(403);
}

#[tokio::test]
async fn im_info_is_for_members_compliance_officers_and_provisioning_service_accounts_only() {
    let app = TestApp::spawn().await;
    let (_, member) = app.bot("member", 1, &[]).await;
    let other = app.create_user(person("other")).await;
    let id =
        app.post("/pod/v1/im/create", &member, json!([other])).await.ok()["id"].as_str().unwrap().to_owned();
    let path = format!("/pod/v1/im/{id}/info");
    let info = app.get(&path, &member).await;
    assert_eq!(info.ok()["IMSystemInfo"]["id"], json!(id));
    assert_eq!(info.body["IMSystemInfo"]["active"], true);
    assert!(info.body["IMSystemInfo"]["creationDate"].is_i64());
    assert_eq!(info.body["V1IMAttributes"], json!({}));
    let cases: [(&str, &[&str], u16); 5] = [
        ("plain", &[], 403),
        ("co", &["COMPLIANCE_OFFICER"], 200),
        ("sco", &["SUPER_COMPLIANCE_OFFICER"], 200),
        ("provisioner", &["USER_PROVISIONING"], 200),
        ("administrator", &["ADMINISTRATOR"], 403),
    ];
    for (i, (name, roles, status)) in cases.into_iter().enumerate() {
        let (_, session) = app.bot(name, 2 + i % 4, roles).await;
        assert_eq!(app.get(&path, &session).await.status.as_u16(), status, "{name}");
    }
    // A person cannot hold USER_PROVISIONING; a compliance officer who is a person may read.
    let mut co_person = person("co.person");
    co_person["roles"] = json!(["COMPLIANCE_OFFICER"]);
    co_person["userAttributes"]["currentKey"] = json!({ "key": crate::support::key(6).public_pem });
    app.create_user(co_person).await;
    app.get(&path, &app.login("co.person", 6).await).await.ok();
}

#[tokio::test]
async fn stream_ids_are_accepted_in_standard_and_url_safe_base64() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let id =
        app.post("/pod/v1/im/create", &alice_s, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let standard = standard_base64(&id);
    let encoded = standard.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let info = app.get(&format!("/pod/v1/im/{encoded}/info"), &alice_s).await;
    assert_eq!(info.ok()["IMSystemInfo"]["id"], json!(id), "answers carry the URL-safe form");
    app.get("/pod/v1/im/not*base64/info", &alice_s).await.error(400);
    let missing = app.get("/pod/v1/im/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/info", &alice_s).await.error(400);
    assert!(missing.ends_with("not found"), "the spec declares no 404 for stream endpoints");
}

#[tokio::test]
async fn an_im_update_must_change_an_editable_attribute() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let id =
        app.post("/pod/v1/im/create", &alice_s, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let path = format!("/pod/v1/im/{id}/update");
    assert!(app.post(&path, &alice_s, json!({})).await.error(400).contains("does not change"));
    assert!(
        app.post(&path, &alice_s, json!({ "pinnedMessageId": "" }))
            .await
            .error(400)
            .contains("does not change"),
        "nothing is pinned yet"
    );
    let message = app
        .post(&path, &alice_s, json!({ "pinnedMessageId": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }))
        .await
        .error(400);
    assert!(message.contains("is not a message of"), "{message}");
    app.post(&path, &alice_s, json!({ "pinnedMessageId": "!!" })).await.error(400);
}

#[tokio::test]
async fn only_members_update_an_im_and_rooms_are_not_ims() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &["COMPLIANCE_OFFICER"]).await;
    let bob = app.create_user(person("bob")).await;
    let id =
        app.post("/pod/v1/im/create", &alice_s, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    app.post(&format!("/pod/v1/im/{id}/update"), &outsider, json!({ "pinnedMessageId": "" }))
        .await
        .error(403);
    let room = app.room(&alice_s, "Desk", json!({})).await;
    assert!(app.get(&format!("/pod/v1/im/{room}/info"), &alice_s).await.error(400).contains("not an IM"));
    assert!(app.get(&format!("/pod/v3/room/{id}/info"), &alice_s).await.error(400).contains("not a room"));
}
