//! The deprecated v1 and v2 room endpoints, answering in their own shapes, with the rules of
//! `update-room-legacy.md`.

use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn the_v1_endpoints_speak_room_create_and_room_detail() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let body = json!({
        "roomAttributes": { "name": "Old", "description": "v1", "membersCanInvite": false, "discoverable": true },
        "immutableRoomAttributes": { "public": false, "readOnly": true, "copyProtected": true },
    });
    let created = app.post("/pod/v1/room/create", &owner, body).await;
    let detail = created.ok().clone();
    assert_eq!(
        detail["roomAttributes"],
        json!({ "name": "Old", "description": "v1", "membersCanInvite": false, "discoverable": true })
    );
    assert_eq!(
        detail["immutableRoomAttributes"],
        json!({ "public": false, "readOnly": true, "copyProtected": true })
    );
    let id = detail["roomSystemInfo"]["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/pod/v1/room/{id}/info"), &owner).await.ok(), &detail);
    let updated = app.post(&format!("/pod/v1/room/{id}/update"), &owner, json!({ "name": "Older" })).await;
    assert_eq!(updated.ok()["roomAttributes"]["name"], "Older");
    assert!(updated.body.get("immutableRoomAttributes").is_some());
}

#[tokio::test]
async fn the_v2_endpoints_speak_v2_room_attributes() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let body = json!({ "name": "Two", "keywords": [{ "key": "a", "value": "b" }], "description": "v2", "readOnly": false });
    let created = app.post("/pod/v2/room/create", &owner, body).await;
    let detail = created.ok().clone();
    assert_eq!(
        detail["roomAttributes"],
        json!({ "name": "Two", "keywords": [{ "key": "a", "value": "b" }], "description": "v2", "membersCanInvite": true,
                "discoverable": true, "public": false, "readOnly": false, "copyProtected": false })
    );
    let id = detail["roomSystemInfo"]["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/pod/v2/room/{id}/info"), &owner).await.ok(), &detail);
    let updated =
        app.post(&format!("/pod/v2/room/{id}/update"), &owner, json!({ "description": "changed" })).await;
    assert_eq!(updated.ok()["roomAttributes"]["description"], "changed");
}

#[tokio::test]
async fn the_legacy_update_refuses_public_read_only_and_cross_pod_changes() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/pod/v2/room/{id}/update");
    for (attribute, value) in [("public", true), ("readOnly", true), ("crossPod", true)] {
        let message = app.post(&path, &owner, json!({ attribute: value })).await.error(400);
        assert_eq!(message, format!("Attribute \"{attribute}\" is read-only and cannot be changed"));
    }
    app.post(&format!("/pod/v3/room/{id}/update"), &owner, json!({ "readOnly": true })).await.ok();
}

#[tokio::test]
async fn the_legacy_update_keeps_copy_protection_once_set() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Desk", json!({})).await;
    let path = format!("/pod/v2/room/{id}/update");
    app.post(&path, &owner, json!({ "copyProtected": true })).await.ok();
    assert_eq!(
        app.post(&path, &owner, json!({ "copyProtected": false })).await.error(400),
        "Attribute \"copyProtected\" cannot be set to false once it is true"
    );
}

#[tokio::test]
async fn the_legacy_update_never_changes_a_public_rooms_invitations_or_discoverability() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let id = app.room(&owner, "Lobby", json!({ "public": true })).await;
    for path in [format!("/pod/v1/room/{id}/update"), format!("/pod/v2/room/{id}/update")] {
        assert_eq!(
            app.post(&path, &owner, json!({ "membersCanInvite": false })).await.error(400),
            "Attribute \"membersCanInvite\" cannot be changed for a public room"
        );
        assert_eq!(
            app.post(&path, &owner, json!({ "discoverable": false })).await.error(400),
            "Attribute \"discoverable\" cannot be changed for a public room"
        );
    }
}

#[tokio::test]
async fn the_legacy_update_keeps_a_cross_pod_room_undiscoverable_and_is_for_owners_only() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let id = app.room(&owner, "Ext", json!({ "crossPod": true })).await;
    let path = format!("/pod/v1/room/{id}/update");
    assert_eq!(
        app.post(&path, &owner, json!({ "discoverable": true })).await.error(400),
        "Attribute \"discoverable\" cannot be true for a cross-pod room"
    );
    app.post(&format!("/pod/v1/room/{id}/membership/add"), &owner, json!({ "id": member_id })).await.ok();
    app.post(&path, &member, json!({ "name": "mine" })).await.error(403);
    assert!(app.post(&path, &owner, json!({})).await.error(400).contains("does not change"));
}
