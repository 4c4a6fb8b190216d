//! Room membership: who may add, remove, promote, demote; cross-pod and multi-lateral rooms;
//! deactivated rooms; member lists.

use serde_json::{Value, json};
use sympod_model::UserId;

use crate::support::{TestApp, person};

async fn add(app: &TestApp, token: &str, room: &str, user: i64) -> crate::support::Response {
    app.post(&format!("/pod/v1/room/{room}/membership/add"), token, json!({ "id": user })).await
}

async fn member_ids(app: &TestApp, token: &str, room: &str) -> Vec<i64> {
    let list = app.get(&format!("/pod/v2/room/{room}/membership/list"), token).await;
    list.ok().as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

fn external(username: &str, company: &str) -> Value {
    let mut body = person(username);
    body["userAttributes"]["companyName"] = json!(company);
    body
}

#[tokio::test]
async fn an_owner_adds_a_member_who_then_appears_in_the_list() {
    let app = TestApp::spawn().await;
    let (owner_id, owner) = app.bot("owner", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    assert_eq!(
        add(&app, &owner, &room, bob).await.ok(),
        &json!({ "format": "TEXT", "message": "Member added" })
    );
    assert_eq!(member_ids(&app, &owner, &room).await, [owner_id, bob]);
    let event = app.last_event().await;
    assert_eq!(event.kind.type_name(), "USERJOINEDROOM");
    assert!(event.audience.contains(&UserId(bob)), "the new member sees that they joined");
    assert_eq!(add(&app, &owner, &room, bob).await.ok()["message"], "Member already in the room");
    assert_eq!(app.event_types().await.len(), 2, "adding a member twice logs once");
}

#[tokio::test]
async fn members_invite_only_while_the_room_lets_them() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let (_, outsider) = app.bot("outsider", 3, &[]).await;
    let carol = app.create_user(person("carol")).await;
    let open = app.room(&owner, "Open", json!({ "membersCanInvite": true })).await;
    let closed = app.room(&owner, "Closed", json!({ "membersCanInvite": false })).await;
    for room in [&open, &closed] {
        add(&app, &owner, room, member_id).await.ok();
    }
    add(&app, &member, &open, carol).await.ok();
    assert_eq!(
        add(&app, &member, &closed, carol).await.error(403),
        "Only owners can add members to this room"
    );
    add(&app, &outsider, &open, carol).await.error(403);
    add(&app, &owner, &open, 987654).await.error(400);
}

#[tokio::test]
async fn users_of_another_company_join_only_cross_pod_rooms_and_a_third_only_multi_lateral_ones() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let ext = app.create_user(external("ext", "Other Bank")).await;
    let third = app.create_user(external("third", "Third Bank")).await;
    let internal = app.room(&owner, "Internal", json!({})).await;
    assert!(add(&app, &owner, &internal, ext).await.error(403).contains("cross-pod"));
    let cross = app.room(&owner, "Cross", json!({ "crossPod": true })).await;
    add(&app, &owner, &cross, ext).await.ok();
    assert!(add(&app, &owner, &cross, third).await.error(403).contains("multi-lateral"));
    let multi = app.room(&owner, "Multi", json!({ "multiLateralRoom": true })).await;
    for user in [ext, third] {
        add(&app, &owner, &multi, user).await.ok();
    }
    let info = app.get(&format!("/pod/v2/streams/{cross}/info"), &owner).await;
    assert_eq!(info.ok()["crossPod"], true);
}

#[tokio::test]
async fn owners_promote_and_demote_and_a_room_keeps_an_owner() {
    let app = TestApp::spawn().await;
    let (owner_id, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    add(&app, &owner, &room, member_id).await.ok();
    let promote = format!("/pod/v1/room/{room}/membership/promoteOwner");
    let demote = format!("/pod/v1/room/{room}/membership/demoteOwner");
    app.post(&promote, &member, json!({ "id": member_id })).await.error(403);
    app.post(&promote, &owner, json!({ "id": member_id })).await.ok();
    assert_eq!(app.last_event().await.kind.type_name(), "ROOMMEMBERPROMOTEDTOOWNER");
    app.post(&demote, &member, json!({ "id": owner_id })).await.ok();
    assert_eq!(app.last_event().await.kind.type_name(), "ROOMMEMBERDEMOTEDFROMOWNER");
    assert_eq!(
        app.post(&demote, &member, json!({ "id": member_id })).await.error(400),
        "A room must keep at least one owner"
    );
    let stranger = app.create_user(person("stranger")).await;
    app.post(&promote, &member, json!({ "id": stranger })).await.error(400);
    app.post(&promote, &member, json!({})).await.error(400);
}

#[tokio::test]
async fn owners_remove_members_and_members_may_leave() {
    let app = TestApp::spawn().await;
    let (owner_id, owner) = app.bot("owner", 1, &[]).await;
    let (a, a_s) = app.bot("a", 2, &[]).await;
    let b = app.create_user(person("b")).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    for user in [a, b] {
        add(&app, &owner, &room, user).await.ok();
    }
    let remove = format!("/pod/v1/room/{room}/membership/remove");
    assert_eq!(
        app.post(&remove, &a_s, json!({ "id": b })).await.error(403),
        "Only owners can remove other members from this room"
    );
    app.post(&remove, &owner, json!({ "id": b })).await.ok();
    let event = app.last_event().await;
    assert_eq!(event.kind.type_name(), "USERLEFTROOM");
    assert!(event.audience.contains(&UserId(b)), "the removed user hears of it");
    app.post(&remove, &a_s, json!({ "id": a })).await.ok();
    assert_eq!(member_ids(&app, &owner, &room).await, [owner_id]);
    assert_eq!(
        app.post(&remove, &owner, json!({ "id": owner_id })).await.error(400),
        "A room must keep at least one owner"
    );
    assert_eq!(
        app.post(&remove, &owner, json!({ "id": b })).await.ok()["message"],
        "User is not a member of the room"
    );
    // A past member can be added back.
    add(&app, &owner, &room, b).await.ok();
    assert_eq!(member_ids(&app, &owner, &room).await, [owner_id, b]);
}

#[tokio::test]
async fn a_deactivated_room_locks_its_membership_until_reactivated() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    add(&app, &owner, &room, member_id).await.ok();
    app.post(&format!("/pod/v1/room/{room}/setActive?active=false"), &member, json!(null)).await.error(403);
    let off = app.post(&format!("/pod/v1/room/{room}/setActive?active=false"), &owner, json!(null)).await;
    assert_eq!(off.ok()["roomSystemInfo"]["active"], false);
    assert!(off.body.get("immutableRoomAttributes").is_some(), "setActive answers RoomDetail");
    assert_eq!(app.last_event().await.kind.type_name(), "ROOMDEACTIVATED");
    assert!(add(&app, &owner, &room, bob).await.error(400).contains("deactivated"));
    app.post(&format!("/pod/v1/room/{room}/membership/remove"), &owner, json!({ "id": member_id }))
        .await
        .error(400);
    app.post(&format!("/pod/v1/room/{room}/setActive?active=true"), &owner, json!(null)).await.ok();
    assert_eq!(app.last_event().await.kind.type_name(), "ROOMREACTIVATED");
    add(&app, &owner, &room, bob).await.ok();
    app.post(&format!("/pod/v1/room/{room}/setActive"), &owner, json!(null)).await.error(400);
}

#[tokio::test]
async fn administrators_set_rooms_active_and_manage_members_whatever_the_room_says() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (_, plain) = app.bot("plain", 2, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let room = app.room(&owner, "Closed", json!({ "membersCanInvite": false })).await;
    app.post(&format!("/pod/v1/admin/room/{room}/setActive?active=false"), &plain, json!(null))
        .await
        .error(403);
    app.post(&format!("/pod/v1/admin/room/{room}/setActive?active=false"), &app.admin, json!(null))
        .await
        .ok();
    app.post(&format!("/pod/v1/admin/room/{room}/setActive?active=true"), &app.admin, json!(null)).await.ok();
    app.post(&format!("/pod/v1/admin/room/{room}/membership/add"), &plain, json!({ "id": bob }))
        .await
        .error(403);
    app.post(&format!("/pod/v1/admin/room/{room}/membership/add"), &app.admin, json!({ "id": bob }))
        .await
        .ok();
    app.post(&format!("/pod/v1/admin/room/{room}/membership/remove"), &app.admin, json!({ "id": bob }))
        .await
        .ok();
    let current = app.get(&format!("/pod/v1/admin/room/{room}/membership/list"), &app.admin).await;
    assert_eq!(current.ok().as_array().unwrap().len(), 1);
    let all = app
        .get(&format!("/pod/v1/admin/room/{room}/membership/list?includePastMembers=true"), &app.admin)
        .await;
    assert_eq!(all.ok().as_array().unwrap().len(), 2);
    app.get(&format!("/pod/v1/admin/room/{room}/membership/list"), &plain).await.error(403);
}

#[tokio::test]
async fn the_member_list_is_for_those_who_may_read_the_room() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let hidden = app.room(&owner, "Hidden", json!({ "discoverable": false })).await;
    app.get(&format!("/pod/v2/room/{hidden}/membership/list"), &outsider).await.error(403);
    let list = app.get(&format!("/pod/v2/room/{hidden}/membership/list"), &owner).await;
    assert!(list.ok()[0]["joinDate"].is_i64());
}

#[tokio::test]
async fn the_admin_stream_member_list_details_each_member() {
    let app = TestApp::spawn().await;
    let (owner_id, owner) = app.bot("owner", 1, &[]).await;
    let ext = app.create_user(external("ext", "Other Bank")).await;
    let room = app.room(&owner, "Cross", json!({ "crossPod": true })).await;
    add(&app, &owner, &room, ext).await.ok();
    let list = app.get(&format!("/pod/v1/admin/stream/{room}/membership/list?limit=1"), &app.admin).await;
    assert_eq!((list.ok()["count"].as_i64(), list.body["limit"].as_i64()), (Some(2), Some(1)));
    let first = &list.body["members"][0];
    assert_eq!(first["user"]["userId"], json!(owner_id));
    assert_eq!((first["isOwner"].as_bool(), first["isCreator"].as_bool()), (Some(true), Some(true)));
    assert_eq!(first["user"]["isExternal"], false);
    let second = app.get(&format!("/pod/v1/admin/stream/{room}/membership/list?skip=1"), &app.admin).await;
    assert_eq!(second.ok()["members"][0]["user"]["company"], "Other Bank");
    assert_eq!(second.body["members"][0]["user"]["isExternal"], true);
}
