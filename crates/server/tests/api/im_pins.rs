//! Pinning in IMs (seed `update-im.md`): a message of the IM is pinned, replaced, unpinned.

use serde_json::json;

use crate::support::{TestApp, person, standard_base64};

#[tokio::test]
async fn a_message_of_the_im_is_pinned_replaced_and_unpinned() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.bot("alice", 1, &[]).await;
    let bob = app.create_user(person("bob")).await;
    let im =
        app.post("/pod/v1/im/create", &alice, json!([bob])).await.ok()["id"].as_str().unwrap().to_owned();
    let first = app.send(&alice, &im, "<messageML>one</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = app.send(&alice, &im, "<messageML>two</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/pod/v1/im/{im}/update");
    let pinned = app.post(&path, &alice, json!({ "pinnedMessageId": standard_base64(&first) })).await;
    assert_eq!(
        pinned.ok()["V1IMAttributes"]["pinnedMessageId"],
        json!(first),
        "standard base64 is accepted, URL-safe is answered"
    );
    let replaced = app.post(&path, &alice, json!({ "pinnedMessageId": second })).await;
    assert_eq!(
        replaced.ok()["V1IMAttributes"]["pinnedMessageId"],
        json!(second),
        "a new pin replaces the old one"
    );
    assert!(
        app.post(&path, &alice, json!({ "pinnedMessageId": second }))
            .await
            .error(400)
            .contains("does not change")
    );
    let info = app.get(&format!("/pod/v1/im/{im}/info"), &alice).await;
    assert_eq!(info.ok()["V1IMAttributes"]["pinnedMessageId"], json!(second));
    let unpinned = app.post(&path, &alice, json!({ "pinnedMessageId": "" })).await;
    assert_eq!(unpinned.ok()["V1IMAttributes"], json!({}));
    let room = app.room(&alice, "Desk", json!({})).await;
    let elsewhere = app.send(&alice, &room, "<messageML>x</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        app.post(&path, &alice, json!({ "pinnedMessageId": elsewhere }))
            .await
            .error(400)
            .contains("is not a message of")
    );
}

#[tokio::test]
async fn only_owners_pin_in_a_room() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.bot("owner", 1, &[]).await;
    let (member_id, member) = app.bot("member", 2, &[]).await;
    let room = app.room(&owner, "Desk", json!({})).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &owner, json!({ "id": member_id })).await.ok();
    let mid = app.send(&member, &room, "<messageML>pin me</messageML>").await.ok()["messageId"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(&format!("/pod/v3/room/{room}/update"), &member, json!({ "pinnedMessageId": mid }))
        .await
        .error(403);
    app.post(&format!("/pod/v3/room/{room}/update"), &owner, json!({ "pinnedMessageId": mid })).await.ok();
}
