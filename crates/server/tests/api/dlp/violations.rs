//! `/agent/v{1,3}/dlp/violations/*`: time range, paging, 204, errors.

use serde_json::json;

use super::{keyword_policy, manager};
use crate::support::{START, TestApp};

#[tokio::test]
async fn violations_are_listed_by_time_range_and_paged_with_next_offsets() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "No bombs", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    let (_, bot) = app.bot("sender", 2, &["INDIVIDUAL"]).await;
    let room = app.room(&bot, "Desk", json!({})).await;
    for i in 0..5 {
        app.clock.advance(1_000);
        app.send(&bot, &room, &format!("<messageML>bomb {i}</messageML>")).await.error(451);
    }
    let (app, dlp) = (&app, &dlp);
    let list = |query: String| {
        let path = format!("/agent/v1/dlp/violations/message?{query}");
        async move { app.get(&path, dlp).await }
    };
    let first = list(format!("startTime={START}&limit=2")).await;
    let times: Vec<i64> = first.ok()["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["violation"]["createTime"].as_i64().unwrap())
        .collect();
    assert_eq!(times, [START + 1_000, START + 2_000]);
    let next = first.body["nextOffset"].as_str().unwrap().to_owned();
    let second = list(format!("startTime={START}&limit=2&next={next}")).await;
    assert_eq!(second.ok()["violations"][0]["violation"]["createTime"], START + 3_000);
    let last =
        list(format!("startTime={START}&limit=2&next={}", second.body["nextOffset"].as_str().unwrap())).await;
    assert_eq!(last.ok()["violations"].as_array().unwrap().len(), 1);
    assert!(last.body.get("nextOffset").is_none());

    let window = list(format!("startTime={}&endTime={}", START + 2_000, START + 3_000)).await;
    assert_eq!(window.ok()["violations"].as_array().unwrap().len(), 2);
    let later = list(format!("startTime={}&endTime={}", START + 10_000, START + 20_000)).await;
    assert_eq!(later.status.as_u16(), 204);
    let v3 = app.get(&format!("/agent/v3/dlp/violations/message?startTime={START}"), dlp).await;
    assert_eq!(v3.ok()["violations"].as_array().unwrap().len(), 5);
    for kind in ["stream", "signal"] {
        for version in [1, 3] {
            let path = format!("/agent/v{version}/dlp/violations/{kind}?startTime=0");
            assert_eq!(app.get(&path, dlp).await.status.as_u16(), 204, "{path}");
        }
    }
}

#[tokio::test]
async fn violation_queries_with_bad_parameters_are_400s_that_say_why() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    for (query, says) in [
        ("", "startTime"),
        ("startTime=abc", "query parameter"),
        ("startTime=10&endTime=5", "after endTime"),
        ("startTime=0&limit=501", "limit"),
        ("startTime=0&limit=0", "limit"),
        ("startTime=0&next=later", "next"),
    ] {
        let res = app.get(&format!("/agent/v3/dlp/violations/message?{query}"), &dlp).await;
        let message = res.error(400);
        assert!(message.contains(says), "{query}: {message}");
    }
}

/// Downloads a violation's file as the policy manager: the status, and on 200 the base64 text.
async fn violation_file(app: &TestApp, token: &str, violation: &str, file: &str) -> (u16, String) {
    let url = format!("{}/agent/v3/dlp/violation/attachment?fileId={file}&violationId={violation}", app.base);
    let res = app.client.get(url).header("sessionToken", token).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn the_file_of_a_message_let_through_is_downloaded_and_a_blocked_ones_is_not_kept() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    keyword_policy(&app, &dlp, "Careful", "Warn", "merger\n", &["Messages"], &["Internal"]).await;
    keyword_policy(&app, &dlp, "Never", "Block", "bomb\n", &["Messages"], &["Internal"]).await;
    let (_, bot) = app.bot("sender", 2, &["INDIVIDUAL"]).await;
    let room = app.room(&bot, "Desk", json!({})).await;
    let path = format!("/agent/v4/stream/{room}/message/create");
    let message = [("message", "<messageML>see attached</messageML>")];
    app.multipart(&path, &bot, &message, Some(("merger plan.txt", b"the plan".to_vec()))).await.ok();
    app.multipart(&path, &bot, &message, Some(("bomb.txt", b"boom".to_vec()))).await.error(451);
    let found = super::violations(&app, &dlp, 3, "message").await;
    let file_of = |i: usize| {
        let v = &found[i];
        let file = v["message"]["attachments"][0]["id"].as_str().unwrap().to_owned();
        (v["violation"]["enforcementEventID"].as_str().unwrap().to_owned(), file)
    };
    let (warned, file) = file_of(0);
    assert_eq!(violation_file(&app, &dlp, &warned, &file).await, (200, "dGhlIHBsYW4=".to_owned()));
    let (blocked, blocked_file) = file_of(1);
    assert_eq!(violation_file(&app, &dlp, &blocked, &blocked_file).await.0, 404, "never stored");
    assert_eq!(violation_file(&app, &dlp, &warned, "nope").await.0, 404);
    assert_eq!(violation_file(&app, &dlp, "nope", &file).await.0, 404);
    assert_eq!(violation_file(&app, &bot, &warned, &file).await.0, 403, "policy managers only");
    let missing = app.get(&format!("/agent/v3/dlp/violation/attachment?violationId={warned}"), &dlp).await;
    assert!(missing.error(400).contains("fileId"));
}
