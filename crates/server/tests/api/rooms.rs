//! Rooms through v3: create, info, and update with every rule of `update-room-v3.md`.

use serde_json::{Value, json};

use crate::support::TestApp;

fn attrs(detail: &Value) -> &Value {
    &detail["roomAttributes"]
}

#[tokio::test]
async fn a_room_is_created_owned_by_its_creator_with_the_v3_detail() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let body = json!({ "name": "FX Desk", "description": "spot", "keywords": [{ "key": "region", "value": "EMEA" }], "readOnly": true, "viewHistory": true });
    let res = app.post("/pod/v3/room/create", &alice_s, body).await;
    let detail = res.ok();
    assert_eq!(
        attrs(detail),
        &json!({
            "name": "FX Desk", "keywords": [{ "key": "region", "value": "EMEA" }], "description": "spot",
            "membersCanInvite": true, "discoverable": true, "public": false, "readOnly": true, "copyProtected": false,
            "crossPod": false, "viewHistory": true, "multiLateralRoom": false, "scheduledMeeting": false, "groupChat": false,
        })
    );
    let info = &detail["roomSystemInfo"];
    assert_eq!((info["createdByUserId"].as_i64(), info["active"].as_bool()), (Some(alice), Some(true)));
    assert!(detail.get("groups").is_none(), "groups appear only once groups were added");
    let id = info["id"].as_str().unwrap();
    let members = app.get(&format!("/pod/v2/room/{id}/membership/list"), &alice_s).await;
    assert_eq!(members.ok()[0]["id"], json!(alice));
    assert_eq!(members.body[0]["owner"], true);
    let event = app.last_event().await;
    assert_eq!(
        (event.kind.type_name(), event.audience.clone()),
        ("ROOMCREATED", vec![sympod_model::UserId(alice)])
    );
}

#[tokio::test]
async fn a_public_room_needs_the_entitlement_and_is_discoverable_with_invitations_open() {
    let app = TestApp::spawn().await;
    let (alice, alice_s) = app.bot("alice", 1, &[]).await;
    let public = app.post("/pod/v3/room/create", &alice_s, json!({ "name": "Lobby", "public": true })).await;
    assert_eq!(
        (attrs(public.ok())["discoverable"].as_bool(), attrs(&public.body)["membersCanInvite"].as_bool()),
        (Some(true), Some(true))
    );
    let message = app
        .post("/pod/v3/room/create", &alice_s, json!({ "name": "L2", "public": true, "discoverable": false }))
        .await
        .error(400);
    assert_eq!(message, "Attribute \"discoverable\" cannot be false for a public room");
    let message = app
        .post(
            "/pod/v3/room/create",
            &alice_s,
            json!({ "name": "L3", "public": true, "membersCanInvite": false }),
        )
        .await
        .error(400);
    assert_eq!(message, "Attribute \"membersCanInvite\" cannot be false for a public room");
    let off = json!([{ "entitlment": "canCreatePublicRoom", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{alice}/features/update"), &app.admin, off).await.ok();
    assert!(
        app.post("/pod/v3/room/create", &alice_s, json!({ "name": "L4", "public": true }))
            .await
            .error(403)
            .contains("canCreatePublicRoom")
    );
    app.post("/pod/v3/room/create", &alice_s, json!({ "name": "Private" })).await.ok();
}

#[tokio::test]
async fn a_cross_pod_room_is_created_undiscoverable() {
    let app = TestApp::spawn().await;
    let (_, alice_s) = app.bot("alice", 1, &[]).await;
    let res = app.post("/pod/v3/room/create", &alice_s, json!({ "name": "Ext", "crossPod": true })).await;
    assert_eq!(
        (attrs(res.ok())["crossPod"].as_bool(), attrs(&res.body)["discoverable"].as_bool()),
        (Some(true), Some(false))
    );
    let message = app
        .post(
            "/pod/v3/room/create",
            &alice_s,
            json!({ "name": "Ext2", "crossPod": true, "discoverable": true }),
        )
        .await
        .error(400);
    assert_eq!(message, "Attribute \"discoverable\" cannot be true for a cross-pod room");
    app.post("/pod/v3/room/create", &alice_s, json!({ "description": "no name" })).await.error(400);
}

#[tokio::test]
async fn only_owners_update_a_room() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let (_, outsider) = app.bot("outsider", 3, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{id}/membership/add"), &owner, json!({ "id": member_id })).await.ok();
    let path = format!("/pod/v3/room/{id}/update");
    let rename = json!({ "name": "Desk 2" });
    assert_eq!(
        app.post(&path, &member, rename.clone()).await.error(403),
        "Only owners of the room can update it"
    );
    app.post(&path, &outsider, rename.clone()).await.error(403);
    let updated = app.post(&path, &owner, rename).await;
    assert_eq!(attrs(updated.ok())["name"], "Desk 2");
    let event = app.last_event().await;
    assert_eq!(event.kind.type_name(), "ROOMUPDATED");
    assert_eq!(event.audience.len(), 2);
}

#[tokio::test]
async fn view_history_is_changed_by_an_owner_or_a_member_entitled_to_toggle_it() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let (entitled_id, entitled) = app.bot("entitled", 3, &[]).await;
    let (_, outsider) = app.bot("outsider", 4, &[]).await;
    let on = json!([{ "entitlment": "canUpdateRoomHistoryProperty", "enabled": true }]);
    for id in [entitled_id] {
        app.post(&format!("/pod/v1/admin/user/{id}/features/update"), &app.admin, on.clone()).await.ok();
    }
    let outsider_id = app.get("/pod/v2/sessioninfo", &outsider).await.body["id"].as_i64().unwrap();
    app.post(&format!("/pod/v1/admin/user/{outsider_id}/features/update"), &app.admin, on).await.ok();
    let id = app.room(&owner, "Desk", json!({})).await;
    for user in [member_id, entitled_id] {
        app.post(&format!("/pod/v1/room/{id}/membership/add"), &owner, json!({ "id": user })).await.ok();
    }
    let path = format!("/pod/v3/room/{id}/update");
    assert!(
        app.post(&path, &member, json!({ "viewHistory": true })).await.error(403).contains("viewHistory")
    );
    app.post(&path, &outsider, json!({ "viewHistory": true })).await.error(403);
    let toggled = app.post(&path, &entitled, json!({ "viewHistory": true })).await;
    assert_eq!(attrs(toggled.ok())["viewHistory"], true);
    app.post(&path, &entitled, json!({ "viewHistory": false, "name": "mine" })).await.error(403);
    let back = app.post(&path, &owner, json!({ "viewHistory": false })).await;
    assert_eq!(attrs(back.ok())["viewHistory"], false);
}

#[tokio::test]
async fn the_room_type_attributes_are_read_only() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/pod/v3/room/{id}/update");
    for (attribute, value) in [("public", true), ("crossPod", true), ("multiLateralRoom", true)] {
        let message = app.post(&path, &owner, json!({ attribute: value })).await.error(400);
        assert_eq!(message, format!("Attribute \"{attribute}\" is read-only and cannot be changed"));
    }
    // The same value is no change at all.
    assert!(app.post(&path, &owner, json!({ "public": false })).await.error(400).contains("does not change"));
}

#[tokio::test]
async fn copy_protection_once_set_is_never_removed() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/pod/v3/room/{id}/update");
    assert_eq!(
        attrs(app.post(&path, &owner, json!({ "copyProtected": true })).await.ok())["copyProtected"],
        true
    );
    let message = app.post(&path, &owner, json!({ "copyProtected": false })).await.error(400);
    assert_eq!(message, "Attribute \"copyProtected\" cannot be set to false once it is true");
    let created_protected = app.room(&owner, "Vault", json!({ "copyProtected": true })).await;
    app.post(&format!("/pod/v3/room/{created_protected}/update"), &owner, json!({ "copyProtected": false }))
        .await
        .error(400);
}

#[tokio::test]
async fn a_public_room_cannot_become_undiscoverable_nor_closed_to_invitations() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Lobby", json!({ "public": true })).await;
    let path = format!("/pod/v3/room/{id}/update");
    assert_eq!(
        app.post(&path, &owner, json!({ "discoverable": false })).await.error(400),
        "Attribute \"discoverable\" cannot be false for a public room"
    );
    assert_eq!(
        app.post(&path, &owner, json!({ "membersCanInvite": false })).await.error(400),
        "Attribute \"membersCanInvite\" cannot be false for a public room"
    );
    app.post(&path, &owner, json!({ "description": "welcome", "discoverable": true })).await.ok();
}

#[tokio::test]
async fn a_cross_pod_room_cannot_become_discoverable() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Ext", json!({ "crossPod": true })).await;
    let message = app
        .post(&format!("/pod/v3/room/{id}/update"), &owner, json!({ "discoverable": true }))
        .await
        .error(400);
    assert_eq!(message, "Attribute \"discoverable\" cannot be true for a cross-pod room");
}

#[tokio::test]
async fn sub_type_is_deprecated_and_cannot_be_changed() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({ "subType": "EMAIL" })).await;
    let info = app.get(&format!("/pod/v3/room/{id}/info"), &owner).await;
    assert!(attrs(info.ok()).get("subType").is_none(), "subType is ignored at creation");
    let message = app
        .post(&format!("/pod/v3/room/{id}/update"), &owner, json!({ "subType": "EMAIL" }))
        .await
        .error(400);
    assert_eq!(message, "Attribute \"subType\" is deprecated and cannot be changed");
}

#[tokio::test]
async fn an_update_that_changes_nothing_is_a_400() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/pod/v3/room/{id}/update");
    assert_eq!(
        app.post(&path, &owner, json!({})).await.error(400),
        "The update request does not change any attribute of the room"
    );
    app.post(&path, &owner, json!({ "name": "Desk", "membersCanInvite": true })).await.error(400);
    assert_eq!(app.event_types().await, ["ROOMCREATED"], "refused updates log nothing");
}

#[tokio::test]
async fn owners_change_the_editable_attributes() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let body = json!({
        "name": "Desk B", "description": "new", "keywords": [{ "key": "k", "value": "v" }], "membersCanInvite": false,
        "discoverable": false, "readOnly": true, "copyProtected": true, "viewHistory": true, "scheduledMeeting": true, "groupChat": true,
    });
    let res = app.post(&format!("/pod/v3/room/{id}/update"), &owner, body.clone()).await;
    for (key, value) in body.as_object().unwrap() {
        assert_eq!(&attrs(res.ok())[key], value, "{key}");
    }
    assert_eq!(app.get(&format!("/pod/v3/room/{id}/info"), &owner).await.ok(), res.ok());
    app.post(&format!("/pod/v3/room/{id}/update"), &owner, json!({ "name": "  " })).await.error(400);
}

#[tokio::test]
async fn pinning_needs_a_message_of_the_room() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/pod/v3/room/{id}/update");
    let message = app
        .post(&path, &owner, json!({ "pinnedMessageId": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }))
        .await
        .error(400);
    assert!(message.contains("is not a message of"), "{message}");
    assert!(
        app.post(&path, &owner, json!({ "pinnedMessageId": "" }))
            .await
            .error(400)
            .contains("does not change")
    );
}

#[tokio::test]
async fn a_room_is_read_by_members_by_anyone_while_discoverable_and_by_compliance() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (_, outsider) = app.bot("outsider", 2, &[]).await;
    let (_, officer) = app.bot("officer", 3, &["COMPLIANCE_OFFICER"]).await;
    let hidden = app.room(&owner, "Hidden", json!({ "discoverable": false })).await;
    let open = app.room(&owner, "Open", json!({})).await;
    app.get(&format!("/pod/v3/room/{hidden}/info"), &outsider).await.error(403);
    app.get(&format!("/pod/v3/room/{hidden}/info"), &officer).await.ok();
    app.get(&format!("/pod/v3/room/{open}/info"), &outsider).await.ok();
    app.get("/pod/v3/room/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/info", &owner).await.error(400);
}
