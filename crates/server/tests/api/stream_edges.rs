//! Edges of the stream rules: limits, the order of checks, deactivation, legacy updates, admin lists.

use serde_json::json;

use crate::support::{TestApp, person, standard_base64};

#[tokio::test]
async fn an_im_with_too_many_members_is_a_400_never_a_500() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let many: Vec<i64> = (1..=40_000).collect();
    assert!(app.post("/pod/v1/im/create", &alice, json!(many)).await.error(400).contains("at most 100"));
    assert!(
        app.post("/pod/v1/admin/im/create", &app.admin, json!(many)).await.error(400).contains("at most 100")
    );
}

#[tokio::test]
async fn a_pin_from_someone_who_may_not_update_is_a_403_whatever_the_id() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let room = app.room(&owner, "Hidden", json!({ "discoverable": false })).await;
    let mid = app.send(&owner, &room, "<messageML>x</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    for pin in [mid.as_str(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
        app.post(&format!("/pod/v3/room/{room}/update"), &outsider, json!({ "pinnedMessageId": pin }))
            .await
            .error(403);
    }
}

#[tokio::test]
async fn a_new_pin_replaces_the_old_and_standard_base64_ids_work_everywhere() {
    let app = TestApp::spawn().await;
    let (bob, _) = app.bot("bob", 2, &[]).await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    let encoded = standard_base64(&room).replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let a = app.send(&owner, &encoded, "<messageML>a</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = app.send(&owner, &room, "<messageML>b</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/pod/v3/room/{encoded}/update");
    app.post(&path, &owner, json!({ "pinnedMessageId": standard_base64(&a) })).await.ok();
    let replaced = app.post(&path, &owner, json!({ "pinnedMessageId": b })).await;
    assert_eq!(replaced.ok()["roomAttributes"]["pinnedMessageId"], json!(b));
    app.post(&format!("/pod/v1/room/{encoded}/membership/add"), &owner, json!({ "id": bob })).await.ok();
    app.get(&format!("/pod/v2/streams/{encoded}/info"), &owner).await.ok();
}

#[tokio::test]
async fn a_deactivated_room_refuses_promotions_and_a_reactivated_one_takes_messages_again() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, _) = app.bot("member", 2, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &owner, json!({ "id": member_id })).await.ok();
    app.post(&format!("/pod/v1/room/{room}/setActive?active=false"), &owner, json!(null)).await.ok();
    for action in ["promoteOwner", "demoteOwner"] {
        app.post(&format!("/pod/v1/room/{room}/membership/{action}"), &owner, json!({ "id": member_id }))
            .await
            .error(400);
    }
    app.post(&format!("/pod/v1/room/{room}/setActive?active=true"), &owner, json!(null)).await.ok();
    app.send(&owner, &room, "<messageML>back</messageML>").await.ok();
}

#[tokio::test]
async fn the_legacy_updates_let_an_entitled_member_toggle_view_history_and_refuse_the_fixed_attributes() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &owner, json!({ "id": member_id })).await.ok();
    for path in [format!("/pod/v1/room/{room}/update"), format!("/pod/v2/room/{room}/update")] {
        assert!(
            app.post(&path, &member, json!({ "viewHistory": true })).await.error(403).contains("viewHistory")
        );
        for (attribute, value) in [("public", true), ("readOnly", true), ("multiLateralRoom", true)] {
            assert!(
                app.post(&path, &owner, json!({ attribute: value })).await.error(400).contains("read-only"),
                "{path} {attribute}"
            );
        }
    }
    let on = json!([{ "entitlment": "canUpdateRoomHistoryProperty", "enabled": true }]);
    app.post(&format!("/pod/v1/admin/user/{member_id}/features/update"), &app.admin, on).await.ok();
    app.post(&format!("/pod/v2/room/{room}/update"), &member, json!({ "viewHistory": true })).await.ok();
    let info = app.get(&format!("/pod/v3/room/{room}/info"), &owner).await;
    assert_eq!(info.ok()["roomAttributes"]["viewHistory"], true);
    app.post(&format!("/pod/v1/room/{room}/update"), &owner, json!({ "viewHistory": false })).await.ok();
}

#[tokio::test]
async fn the_admin_lists_agree_on_origin_take_no_filter_and_check_the_user() {
    let app = TestApp::spawn().await;
    let bob = app.create_user(person("bob")).await;
    let carol = app.create_user(person("carol")).await;
    let im = app.post("/pod/v1/admin/im/create", &app.admin, json!([bob, carol])).await.ok()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let internal = app.post("/pod/v2/admin/streams/list", &app.admin, json!({ "origin": "INTERNAL" })).await;
    assert_eq!(internal.ok()["streams"][0]["id"], json!(im));
    assert_eq!(internal.body["streams"][0]["origin"], "INTERNAL");
    let external = app.post("/pod/v2/admin/streams/list", &app.admin, json!({ "origin": "EXTERNAL" })).await;
    assert_eq!(external.ok()["count"], 0);
    let res = app.call(reqwest::Method::POST, "/pod/v2/admin/streams/list", Some(&app.admin), None).await;
    assert_eq!(res.ok()["count"], 1, "the filter is optional");
    app.post("/pod/v1/admin/user/424242/streams/list", &app.admin, json!({})).await.error(400);
}
