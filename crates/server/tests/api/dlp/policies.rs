//! `/agent/v1/dlp/policies` and `/agent/v3/dlp/policies`: shapes, life cycle, versions, errors.

use reqwest::Method;
use serde_json::{Value, json};

use super::{dictionary, manager};
use crate::support::TestApp;

#[tokio::test]
async fn a_v1_policy_is_created_disabled_then_enabled_updated_disabled_and_deleted() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let dict = dictionary(&app, &dlp, "Secrets", "Word", "bomb\n").await;
    let body = json!({ "name": " No bombs ", "type": "Block", "scopes": ["Internal", "External"], "dictionaryIds": [dict] });
    let created = app.post("/agent/v1/dlp/policies", &dlp, body).await;
    let p = created.ok()["data"].clone();
    assert_eq!(
        (&p["name"], &p["type"], &p["active"], &p["version"], &p["contentTypes"]),
        (&json!("No bombs"), &json!("Block"), &json!(false), &json!("1.0"), &json!(["Messages"]))
    );
    assert_eq!(p["scopes"], json!(["Internal", "External"]));
    assert_eq!(p["dictionaryRefs"], json!([{ "dictId": dict, "name": "Secrets", "version": "1.1" }]));
    let id = p["policyId"].as_str().unwrap().to_owned();
    let path = format!("/agent/v1/dlp/policies/{id}");

    let enabled = app.post(&format!("{path}/enable"), &dlp, json!({})).await;
    assert_eq!(
        (&enabled.ok()["data"]["active"], &enabled.body["data"]["version"]),
        (&json!(true), &json!("1.1"))
    );
    let again = app.post(&format!("{path}/enable"), &dlp, json!({})).await;
    assert_eq!(again.ok()["data"]["version"], "1.1", "the state it has changes nothing");
    let refused = app.call(Method::DELETE, &path, Some(&dlp), None).await;
    assert!(refused.error(400).contains("disabled"));

    let update = json!({ "name": "Renamed", "type": "Warn", "contentTypes": ["RoomMeta", "Messages"], "scopes": ["External"], "dictionaryIds": [dict] });
    let updated = app.call(Method::PUT, &path, Some(&dlp), Some(update)).await;
    let u = updated.ok()["data"].clone();
    assert_eq!((&u["name"], &u["type"], &u["version"]), (&json!("Renamed"), &json!("Warn"), &json!("1.2")));
    assert_eq!((&u["contentTypes"], &u["scopes"]), (&json!(["RoomMeta", "Messages"]), &json!(["External"])));

    app.clock.advance(5_000);
    let disabled = app.post(&format!("{path}/disable"), &dlp, json!({})).await;
    assert_eq!(disabled.ok()["data"]["active"], false);
    assert_eq!(disabled.body["data"]["lastDisabledDate"], json!(crate::support::START + 5_000));
    let listed = app.get("/agent/v1/dlp/policies", &dlp).await;
    assert_eq!(listed.ok()["policies"][0]["policyId"], id.as_str());
    assert_eq!(listed.body["pageCount"], 1);
    let deleted = app.call(Method::DELETE, &path, Some(&dlp), None).await;
    assert_eq!(deleted.ok()["data"]["name"], "Renamed");
    assert!(app.get(&path, &dlp).await.error(400).contains("not found"));
}

fn v3_body(name: &str, dict: &str) -> Value {
    json!({
        "name": name,
        "scopes": ["Internal"],
        "appliesTo": [
            { "dataType": "Messages", "action": "Block", "rules": [
                { "type": "TEXT_MATCH", "name": "words", "textMatchConfig": {
                    "dictionaries": [{ "dictId": dict, "name": "ignored", "version": "9.9" }],
                    "countUniqueOccurrences": 2, "applicableFileTypes": [] } }
            ] },
            { "dataType": "FileMeta", "action": "Warn", "rules": [
                { "type": "FILE_SIZE", "name": "size", "fileSizeConfig": { "sizeLimit": 1000 } }
            ] }
        ]
    })
}

#[tokio::test]
async fn a_v3_policy_keeps_its_applies_to_and_shows_in_both_shapes() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let dict = dictionary(&app, &dlp, "Secrets", "Word", "bomb\nrocket\n").await;
    let created = app.post("/agent/v3/dlp/policies", &dlp, v3_body("Two terms", &dict)).await;
    let p = created.ok()["data"].clone();
    assert_eq!((&p["version"], &p["active"], &p["deleted"]), (&json!("3.0"), &json!(false), &json!(false)));
    let text = &p["appliesTo"][0]["rules"][0];
    assert_eq!(text["textMatchConfig"]["countUniqueOccurrences"], 2);
    assert_eq!(
        text["textMatchConfig"]["dictionaries"],
        json!([{ "dictId": dict, "name": "Secrets", "version": "1.1" }])
    );
    assert_eq!(p["appliesTo"][1]["rules"][0]["fileSizeConfig"], json!({ "sizeLimit": 1000 }));
    let id = p["id"].as_str().unwrap().to_owned();
    assert_eq!(p["policyId"], id.as_str());

    let path = format!("/agent/v3/dlp/policies/{id}");
    assert_eq!(app.get(&path, &dlp).await.ok()["data"], p);
    let v1 = app.get(&format!("/agent/v1/dlp/policies/{id}"), &dlp).await;
    assert_eq!(
        (&v1.ok()["data"]["type"], &v1.body["data"]["contentTypes"]),
        (&json!("Block"), &json!(["Messages", "FileMeta"]))
    );

    app.post(&format!("{path}/enable"), &dlp, json!({})).await.ok();
    let mut body = v3_body("Renamed", &dict);
    body["appliesTo"][0]["action"] = json!("LogOnly");
    let updated = app.post(&format!("{path}/update"), &dlp, body).await;
    assert_eq!(
        (&updated.ok()["data"]["name"], &updated.body["data"]["version"]),
        (&json!("Renamed"), &json!("3.2"))
    );
    assert_eq!(updated.body["data"]["appliesTo"][0]["action"], "LogOnly");
    // What v1 cannot say: its view shows the nearest (Warn), and a v1 update, which would replace
    // the whole policy with the v1 shape, is refused rather than losing the rest.
    let v1_path = format!("/agent/v1/dlp/policies/{id}");
    assert_eq!(app.get(&v1_path, &dlp).await.ok()["data"]["type"], "Warn");
    let v1_update = json!({ "name": "Flat", "type": "Block", "contentTypes": ["Messages"],
        "scopes": ["Internal"], "dictionaryIds": [dict] });
    let refused = app.call(reqwest::Method::PUT, &v1_path, Some(&dlp), Some(v1_update)).await;
    assert!(refused.error(400).contains("/v3/dlp/policies"));
    assert_eq!(app.get(&path, &dlp).await.ok()["data"]["name"], "Renamed", "unchanged");
    let list = app.get("/agent/v3/dlp/policies?limit=10", &dlp).await;
    assert_eq!((&list.ok()["size"], &list.body["page"]), (&json!(10), &json!(0)));
    assert_eq!(list.body["policies"][0]["active"], true);
    assert!(app.post(&format!("{path}/delete"), &dlp, json!({})).await.error(400).contains("disabled"));
    app.post(&format!("{path}/disable"), &dlp, json!({})).await.ok();
    let deleted = app.post(&format!("{path}/delete"), &dlp, json!({})).await;
    assert_eq!(deleted.ok()["data"]["deleted"], true);
    assert_eq!(app.get("/agent/v3/dlp/policies", &dlp).await.ok()["policies"], json!([]));
}

#[tokio::test]
async fn updating_a_policy_with_no_dictionary_disables_it_and_it_cannot_be_enabled_so() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let dict = dictionary(&app, &dlp, "Secrets", "Word", "bomb\n").await;
    let body = json!({ "name": "P", "type": "Block", "scopes": ["Internal"], "dictionaryIds": [dict] });
    let id = super::v1_policy(&app, &dlp, body).await;
    let path = format!("/agent/v1/dlp/policies/{id}");
    let empty = json!({ "name": "P", "type": "Block", "scopes": ["Internal"], "dictionaryIds": [] });
    let updated = app.call(Method::PUT, &path, Some(&dlp), Some(empty)).await;
    assert_eq!(
        (&updated.ok()["data"]["active"], &updated.body["data"]["dictionaryRefs"]),
        (&json!(false), &json!([]))
    );
    assert!(app.post(&format!("{path}/enable"), &dlp, json!({})).await.error(400).contains("no dictionary"));
}

#[tokio::test]
async fn policy_requests_with_bad_input_are_400s_that_say_why_and_store_nothing() {
    let app = TestApp::spawn().await;
    let dlp = manager(&app).await;
    let dict = dictionary(&app, &dlp, "Secrets", "Word", "bomb\n").await;
    let v1 = |patch: Value| {
        let mut body =
            json!({ "name": "P", "type": "Block", "scopes": ["Internal"], "dictionaryIds": [dict] });
        body.as_object_mut().unwrap().extend(patch.as_object().unwrap().clone());
        app.post("/agent/v1/dlp/policies", &dlp, body)
    };
    for (patch, says) in [
        (json!({ "type": "LogOnly" }), "Block or Warn"),
        (json!({ "scopes": [] }), "scopes"),
        (json!({ "scopes": ["Public"] }), "Internal or External"),
        (json!({ "contentTypes": ["FileContent"] }), "Messages, RoomMeta or SignalMeta"),
        (json!({ "contentTypes": [] }), "contentTypes"),
        (json!({ "dictionaryIds": ["ghost"] }), "ghost"),
        (json!({ "name": "x".repeat(31) }), "30 characters"),
        (json!({ "scopes": "Internal" }), "scopes"),
    ] {
        let message = v1(patch.clone()).await.error(400);
        assert!(message.contains(says), "{patch}: {message}");
    }
    let v3 = |entry: Value| {
        app.post(
            "/agent/v3/dlp/policies",
            &dlp,
            json!({ "name": "Q", "scopes": ["Internal"], "appliesTo": [entry] }),
        )
    };
    let text = json!({ "type": "TEXT_MATCH", "name": "t", "textMatchConfig": { "dictionaries": [{ "dictId": dict }], "applicableFileTypes": ["PDF"] } });
    for (entry, says) in [
        (json!({ "dataType": "Emails", "action": "Block", "rules": [] }), "dataType"),
        (json!({ "dataType": "Messages", "action": "Deny", "rules": [] }), "Block, Warn or LogOnly"),
        (
            json!({ "dataType": "Messages", "action": "Block", "rules": [{ "type": "MAGIC", "name": "m" }] }),
            "rule type",
        ),
        (json!({ "dataType": "Messages", "action": "Block", "rules": [text] }), "applicableFileTypes"),
        (
            json!({ "dataType": "Messages", "action": "Block", "rules": [{ "type": "TEXT_MATCH", "name": "t" }] }),
            "textMatchConfig",
        ),
    ] {
        let message = v3(entry.clone()).await.error(400);
        assert!(message.contains(says), "{entry}: {message}");
    }
    assert_eq!(app.get("/agent/v1/dlp/policies", &dlp).await.ok()["policies"], json!([]));
    let id = v1(json!({})).await.ok()["data"]["policyId"].as_str().unwrap().to_owned();
    assert!(v1(json!({ "name": "p" })).await.error(400).contains("already exists"));
    let older = format!("/agent/v1/dlp/policies/{id}?policyVersion=0.9");
    assert!(app.get(&older, &dlp).await.error(400).contains("only the current version"));
    assert!(app.get("/agent/v3/dlp/policies/ghost", &dlp).await.error(400).contains("not found"));
    assert!(
        app.post("/agent/v3/dlp/policies/ghost/enable", &dlp, json!({}))
            .await
            .error(400)
            .contains("not found")
    );
}
