//! Symphony Elements: a submitted form reaches its author as `SYMPHONYELEMENTSACTION`.

use serde_json::json;

use super::{app, feed, read, types};

#[tokio::test]
async fn a_submitted_form_reaches_its_author_as_an_elements_action() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let (user_id, user) = app.bot("user", 2, &[]).await;
    let (_, outsider) = app.bot("outsider", 3, &[]).await;
    let im =
        app.post("/pod/v1/im/create", &bot, json!([user_id])).await.ok()["id"].as_str().unwrap().to_owned();
    let form = "<messageML><form id=\"order\"><text-field name=\"qty\"/><button name=\"buy\">Buy</button></form></messageML>";
    let mid = app.send(&bot, &im, form).await.ok()["messageId"].as_str().unwrap().to_owned();
    let bot_feed = feed(&app, &bot).await;
    let user_feed = feed(&app, &user).await;
    let path = format!("/agent/v1/stream/{im}/message/{mid}/form/order/submit");
    app.post(&path, &user, json!({ "qty": "10", "action": "buy" })).await.ok();
    let batch = read(&app, &bot, &bot_feed, "").await;
    assert_eq!(types(&batch), ["SYMPHONYELEMENTSACTION"]);
    let action = &batch["events"][0]["payload"]["symphonyElementsAction"];
    assert_eq!(
        (action["formMessageId"].as_str(), action["formId"].as_str()),
        (Some(mid.as_str()), Some("order"))
    );
    assert_eq!(action["formValues"], json!({ "qty": "10", "action": "buy" }));
    assert_eq!(action["stream"]["streamId"], json!(im));
    assert_eq!(batch["events"][0]["initiator"]["user"]["userId"], json!(user_id));
    assert_eq!(
        read(&app, &user, &user_feed, "").await["events"],
        json!([]),
        "only the form's author hears of it"
    );
    assert!(app.post(&path, &user, json!({ "action": "sell" })).await.error(400).contains("not a button"));
    app.post(&format!("/agent/v1/stream/{im}/message/{mid}/form/other/submit"), &user, json!({}))
        .await
        .error(400);
    app.post(&path, &outsider, json!({ "action": "buy" })).await.error(403);
}

#[tokio::test]
async fn a_form_is_submitted_by_one_of_its_buttons_in_a_live_readable_message() {
    let app = app().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let (user_id, user) = app.bot("user", 2, &[]).await;
    let (_, officer) = app.bot("officer", 3, &["CONTENT_MANAGEMENT"]).await;
    let (late_id, late) = app.bot("late", 4, &[]).await;
    let room = app.room(&bot, "Orders", json!({ "viewHistory": false })).await;
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &bot, json!({ "id": user_id })).await.ok();
    let form = "<messageML><form id=\"order\"><button name=\"buy\">Buy</button></form></messageML>";
    let mid = app.send(&bot, &room, form).await.ok()["messageId"].as_str().unwrap().to_owned();
    let path = format!("/agent/v1/stream/{room}/message/{mid}/form/order/submit");
    assert!(app.post(&path, &user, json!({})).await.error(400).contains("action is required"));
    app.clock.advance(1000);
    app.post(&format!("/pod/v1/room/{room}/membership/add"), &bot, json!({ "id": late_id })).await.ok();
    app.post(&path, &late, json!({ "action": "buy" })).await.error(400); // joined after it, no history
    app.post(&format!("/pod/v1/room/{room}/setActive?active=false"), &bot, json!(null)).await.ok();
    assert!(app.post(&path, &user, json!({ "action": "buy" })).await.error(400).contains("deactivated"));
    app.post(&format!("/pod/v1/room/{room}/setActive?active=true"), &bot, json!(null)).await.ok();
    app.post(&path, &user, json!({ "action": "buy" })).await.ok();
    app.post(&format!("/pod/v1/admin/messagesuppression/{mid}/suppress"), &officer, json!(null)).await.ok();
    app.post(&path, &user, json!({ "action": "buy" })).await.error(400);
}
