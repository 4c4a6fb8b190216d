//! DLP on message create, update and blast: allowed, blocked (451, nothing stored, no event, a
//! violation recorded), disabled policy, policy scoped elsewhere, warnings.

use serde_json::json;

use super::{dictionary, external, keyword_policy, manager, v1_policy, violations};
use crate::support::TestApp;

/// A session of a bot that may send, and a room it owns.
async fn sender(app: &TestApp) -> (String, String) {
    let (_, bot) = app.bot("sender", 2, &["INDIVIDUAL"]).await;
    let room = app.room(&bot, "Desk", json!({})).await;
    (bot, room)
}

fn ml(text: &str) -> String {
    format!("<messageML>{text}</messageML>")
}

async fn message_count(app: &TestApp, token: &str, room: &str) -> usize {
    let res = app.get(&format!("/agent/v4/stream/{room}/message?since=0"), token).await;
    if res.status.as_u16() == 204 { 0 } else { res.ok().as_array().unwrap().len() }
}

#[tokio::test]
async fn a_message_matching_a_blocking_keyword_is_refused_with_451_and_not_stored() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let (policy, dict) =
        keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    let events = app.event_types().await;

    let refused = app.send(&bot, &room, &ml("There is a BOMB here")).await;
    assert_eq!(refused.status.as_u16(), 451);
    assert_eq!(refused.body, json!({ "code": 451, "message": "Compliance issues found in message" }));
    assert_eq!(app.event_types().await, events, "no event for a refused message");
    assert_eq!(message_count(&app, &bot, &room).await, 0);

    let found = violations(&app, &dlp, 1, "message").await;
    assert_eq!(found.len(), 1);
    let v = &found[0]["violation"];
    assert_eq!((&v["action"], &v["outcome"]["type"]), (&json!("BLOCK"), &json!("BLOCKED")));
    assert_eq!(v["contentType"]["type"], "Messages");
    assert_eq!(v["matchedPolicies"][0]["id"], policy.as_str());
    assert_eq!(v["matchedPolicies"][0]["terms"], "bomb");
    assert!(found[0]["message"]["message"].as_str().unwrap().contains("BOMB"));
    assert_eq!(found[0]["message"]["stream"]["streamId"], room.as_str());
    let v3 = violations(&app, &dlp, 3, "message").await;
    assert_eq!(v3[0]["violation"]["details"][0]["matches"][0]["dictionaryId"], dict.as_str());
    assert_eq!(v3[0]["violation"]["details"][0]["matches"][0]["term"], "bomb");
}

#[tokio::test]
async fn words_that_only_contain_a_keyword_pass_and_record_nothing() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\nnew york\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    for text in ["bombastic", "a bombs list", "new-york", "abomb"] {
        app.send(&bot, &room, &ml(text)).await.ok();
    }
    assert_eq!(message_count(&app, &bot, &room).await, 4);
    assert!(violations(&app, &dlp, 1, "message").await.is_empty());
    app.send(&bot, &room, &ml("meet in New\n  York")).await.error(451);
}

#[tokio::test]
async fn templates_are_expanded_and_attachment_names_checked_before_matching() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let dict = dictionary(&app, &dlp, "Cards", "Regex", "\\b4[0-9]{3}-[0-9]{4}\\b\n").await;
    let body = json!({ "name": "Cards", "type": "Block", "scopes": ["Internal"], "dictionaryIds": [dict] });
    v1_policy(&app, &dlp, body).await;
    let (bot, room) = sender(&app).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let templated = [("message", "<messageML>card ${data.n}</messageML>"), ("data", r#"{"n":"4111-2222"}"#)];
    app.multipart(&path, &bot, &templated, None).await.error(451);
    let named = app
        .multipart(
            &path,
            &bot,
            &[("message", "<messageML>see file</messageML>")],
            Some(("4111-2222.txt", b"x".to_vec())),
        )
        .await;
    named.error(451);
    let fine = app
        .multipart(
            &path,
            &bot,
            &[("message", "<messageML>see file</messageML>")],
            Some(("notes.txt", b"x".to_vec())),
        )
        .await;
    fine.ok();
    let found = violations(&app, &dlp, 1, "message").await;
    assert_eq!(found.len(), 2);
    assert_eq!(found[1]["message"]["attachments"][0]["name"], "4111-2222.txt");
}

#[tokio::test]
async fn a_disabled_policy_or_one_for_other_content_or_scope_lets_the_message_through() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let (disabled, _) =
        keyword_policy(&app, &dlp, "Off", "Block", "alpha\n", &["Messages"], &["Internal"]).await;
    app.post(&format!("/agent/v1/dlp/policies/{disabled}/disable"), &dlp, json!({})).await.ok();
    keyword_policy(&app, &dlp, "Rooms only", "Block", "beta\n", &["RoomMeta"], &["Internal"]).await;
    keyword_policy(&app, &dlp, "External only", "Block", "gamma\n", &["Messages"], &["External"]).await;
    let (bot, room) = sender(&app).await;
    for word in ["alpha", "beta", "gamma"] {
        app.send(&bot, &room, &ml(word)).await.ok();
    }
    assert!(violations(&app, &dlp, 1, "message").await.is_empty());

    // Another company's room is external: there the external policy applies.
    let (_, ext) = external(&app, "ext", 3).await;
    let theirs = app.room(&ext, "Their desk", json!({})).await;
    app.send(&ext, &theirs, &ml("gamma")).await.error(451);
    app.send(&ext, &theirs, &ml("alpha beta")).await.ok();

    // Enabling the disabled policy takes effect on the next message.
    app.post(&format!("/agent/v1/dlp/policies/{disabled}/enable"), &dlp, json!({})).await.ok();
    app.send(&bot, &room, &ml("alpha")).await.error(451);
}

#[tokio::test]
async fn a_warning_policy_lets_the_message_through_and_records_it() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "Careful", "Warn", "merger\n", &["Messages"], &["Internal", "External"]).await;
    let (bot, room) = sender(&app).await;
    let sent = app.send(&bot, &room, &ml("the merger is on")).await;
    let mid = sent.ok()["messageId"].as_str().unwrap().to_owned();
    let found = violations(&app, &dlp, 1, "message").await;
    assert_eq!(found.len(), 1);
    let v = &found[0]["violation"];
    assert_eq!(
        (&v["entityID"], &v["action"], &v["outcome"]["type"]),
        (&json!(mid), &json!("WARN"), &json!("WARNED"))
    );
    assert_eq!(found[0]["message"]["messageId"], mid.as_str());
}

#[tokio::test]
async fn an_update_matching_a_blocking_policy_is_refused_and_the_message_stays_as_it_was() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    let sent = app.send(&bot, &room, &ml("all calm")).await;
    let mid = sent.ok()["messageId"].as_str().unwrap().to_owned();
    let events = app.event_types().await;
    app.update(&bot, &room, &mid, &ml("a bomb after all")).await.error(451);
    assert_eq!(app.event_types().await, events);
    let current = app.get(&format!("/agent/v1/message/{mid}"), &bot).await;
    assert!(current.ok()["message"].as_str().unwrap().contains("all calm"));
    assert!(current.body.get("replacedBy").is_none());
    let found = violations(&app, &dlp, 1, "message").await;
    assert_eq!(found[0]["message"]["replacing"], mid.as_str());
    app.update(&bot, &room, &mid, &ml("still calm")).await.ok();
}

#[tokio::test]
async fn a_blast_matching_a_blocking_policy_is_refused_for_every_stream() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    let other = app.room(&bot, "Other desk", json!({})).await;
    let sids = format!("{room},{other}");
    let (app, bot, sids) = (&app, &bot, &sids);
    let blast = |text: String| async move {
        app.multipart("/agent/v4/message/blast", bot, &[("message", &text), ("sids", sids)], None).await
    };
    let events = app.event_types().await;
    let refused = blast(ml("bomb")).await;
    assert_eq!(refused.error(451), "Compliance issues found in message");
    assert_eq!(app.event_types().await, events);
    assert_eq!(message_count(app, bot, &room).await + message_count(app, bot, &other).await, 0);
    assert_eq!(violations(app, &dlp, 1, "message").await.len(), 2, "one per blocked stream");
    let sent = blast(ml("calm")).await;
    assert_eq!(sent.ok()["messages"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn words_split_by_markup_or_invisible_characters_are_still_found() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    for text in ["x<br/>bomb", "<p>a</p><p>bomb</p>", "<b>bo</b><i>mb</i>", "bo&#x200B;mb", "b&#xAD;omb"] {
        app.send(&bot, &room, &ml(text)).await.error(451);
    }
    app.send(&bot, &room, &ml("bo<br/>mb")).await.ok();
    assert_eq!(message_count(&app, &bot, &room).await, 1);
}

#[tokio::test]
async fn a_shared_article_matching_a_blocking_policy_is_refused_and_a_warned_one_recorded() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    keyword_policy(&app, &dlp, "Careful", "Warn", "merger\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    let article = |title: &str| {
        json!({ "type": "com.symphony.sharing.article", "content": {
            "articleId": "a1", "title": title, "publisher": "Wire", "author": "Jo", "appId": "news" } })
    };
    let events = app.event_types().await;
    let refused = app.post(&format!("/agent/v3/stream/{room}/share"), &bot, article("Bomb scare")).await;
    assert_eq!(refused.status.as_u16(), 451, "{}", refused.body);
    assert_eq!(app.event_types().await, events, "no SHAREDPOST");
    assert_eq!(message_count(&app, &bot, &room).await, 0);
    app.post(&format!("/agent/v3/stream/{room}/share"), &bot, article("Merger news")).await.ok();
    let found = violations(&app, &dlp, 1, "message").await;
    let outcomes: Vec<&str> =
        found.iter().map(|v| v["violation"]["outcome"]["type"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["BLOCKED", "WARNED"]);
}

#[tokio::test]
async fn new_dictionary_content_is_enforced_from_the_next_message_on() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let (_, dict) =
        keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    keyword_policy(&app, &dlp, "Other", "Block", "grenade\n", &["Messages"], &["Internal"]).await;
    let (bot, room) = sender(&app).await;
    app.send(&bot, &room, &ml("a bomb")).await.error(451);
    app.send(&bot, &room, &ml("a rocket")).await.ok();
    let path = format!("/agent/v1/dlp/dictionaries/{dict}/data/upload");
    app.upload(&path, &dlp, "data", "words.txt", b"rocket\n".to_vec()).await.ok();
    app.send(&bot, &room, &ml("a bomb")).await.ok();
    app.send(&bot, &room, &ml("a rocket")).await.error(451);
    app.send(&bot, &room, &ml("a grenade")).await.error(451);
}
