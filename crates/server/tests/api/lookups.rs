//! User lookups any logged-in user may make: `/pod/v3/users`, `/pod/v2/user`, `/pod/v1/user/search`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, person};

fn ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(|u| u["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn users_are_looked_up_by_ids_emails_and_usernames() {
    let app = TestApp::spawn().await;
    let (_, bot) = app.bot("bot", 1, &[]).await;
    let jane = app.create_user(person("jane")).await;
    let joe = app.create_user(person("joe")).await;
    let by_ids = app.get(&format!("/pod/v3/users?uid={jane},{joe}"), &bot).await;
    assert_eq!(ids(&by_ids.ok()["users"]), [jane, joe]);
    assert_eq!(by_ids.body["errors"], json!([]));
    let user = &by_ids.body["users"][0];
    assert_eq!(user["emailAddress"], "jane@example.com");
    assert_eq!(user["username"], "jane");
    assert_eq!(user["company"], "sympod");
    assert_eq!(user["avatars"][0]["size"], "original");
    assert!(user.get("roles").is_none(), "roles are for session info only");
    let by_email = app.get("/pod/v3/users?email=JOE@example.com,jane@example.com", &bot).await;
    assert_eq!(ids(&by_email.ok()["users"]), [joe, jane]);
    let by_name = app.get("/pod/v3/users?username=joe&local=true", &bot).await;
    assert_eq!(ids(&by_name.ok()["users"]), [joe]);
}

#[tokio::test]
async fn malformed_values_are_reported_as_errors_beside_the_users_found() {
    let app = TestApp::spawn().await;
    let jane = app.create_user(person("jane")).await;
    let res = app.get(&format!("/pod/v3/users?uid={jane},abc"), &app.admin).await;
    assert_eq!(ids(&res.ok()["users"]), [jane]);
    assert_eq!(res.body["errors"], json!([{ "error": "invalid.format", "id": "abc" }]));
    let res = app.get("/pod/v3/users?email=nope", &app.admin).await;
    assert_eq!(res.ok()["errors"], json!([{ "error": "invalid.format", "email": "nope" }]));
}

#[tokio::test]
async fn a_lookup_that_finds_nothing_is_a_204() {
    let app = TestApp::spawn().await;
    let res = app.get("/pod/v3/users?uid=12345", &app.admin).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/pod/v2/user?uid=12345", &app.admin).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_lookup_takes_exactly_one_list_of_at_most_100_values() {
    let app = TestApp::spawn().await;
    let many: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
    assert!(
        app.get(&format!("/pod/v3/users?uid={}", many.join(",")), &app.admin)
            .await
            .error(400)
            .contains("100")
    );
    app.get(&format!("/pod/v3/users?uid={}", many[..100].join(",")), &app.admin).await;
    app.get("/pod/v3/users", &app.admin).await.error(400);
    app.get("/pod/v3/users?uid=1&email=a@b.c", &app.admin).await.error(400);
    app.get("/pod/v3/users?username=admin", &app.admin).await.error(400);
}

#[tokio::test]
async fn active_keeps_enabled_or_disabled_users() {
    let app = TestApp::spawn().await;
    let on = app.create_user(person("on")).await;
    let off = app.create_user(person("off")).await;
    app.post(&format!("/pod/v1/admin/user/{off}/status/update"), &app.admin, json!({ "status": "DISABLED" }))
        .await
        .ok();
    let active = app.get(&format!("/pod/v3/users?uid={on},{off}&active=true"), &app.admin).await;
    assert_eq!(ids(&active.ok()["users"]), [on]);
    let inactive = app.get(&format!("/pod/v3/users?uid={on},{off}&active=false"), &app.admin).await;
    assert_eq!(ids(&inactive.ok()["users"]), [off]);
}

#[tokio::test]
async fn one_user_is_read_by_uid_email_or_username() {
    let app = TestApp::spawn().await;
    let jane = app.create_user(person("jane")).await;
    for query in [format!("uid={jane}"), "email=jane@example.com".into(), "username=jane".into()] {
        let res = app.get(&format!("/pod/v2/user?{query}"), &app.admin).await;
        assert_eq!(res.ok()["id"], json!(jane), "{query}");
    }
}

#[tokio::test]
async fn search_matches_names_and_filters_and_counts_every_match() {
    let app = TestApp::spawn().await;
    let mut trader = person("alice.smith");
    trader["userAttributes"]["title"] = json!("Trader");
    trader["userAttributes"]["location"] = json!("London");
    let alice = app.create_user(trader).await;
    let bob = app.create_user(person("bob.smith")).await;
    let off = app.create_user(person("carl.smith")).await;
    app.post(&format!("/pod/v1/admin/user/{off}/status/update"), &app.admin, json!({ "status": "DISABLED" }))
        .await
        .ok();
    let res = app.post("/pod/v1/user/search", &app.admin, json!({ "query": "SMITH" })).await;
    assert_eq!(res.ok()["count"], json!(2), "disabled users are not found");
    assert_eq!(ids(&res.body["users"]), [alice, bob]);
    assert_eq!(res.body["searchQuery"]["query"], "SMITH");
    let page = app.post("/pod/v1/user/search?skip=1&limit=1", &app.admin, json!({ "query": "smith" })).await;
    assert_eq!((page.ok()["count"].as_i64(), ids(&page.body["users"])), (Some(2), vec![bob]));
    let filtered = app
        .post(
            "/pod/v1/user/search",
            &app.admin,
            json!({ "query": "smith", "filters": { "title": "trader", "location": "london" } }),
        )
        .await;
    assert_eq!(ids(&filtered.ok()["users"]), [alice]);
    let none = app
        .post(
            "/pod/v1/user/search",
            &app.admin,
            json!({ "query": "smith", "filters": { "accountTypes": ["SYSTEM"] } }),
        )
        .await;
    assert_eq!(none.status, StatusCode::NO_CONTENT);
    app.post("/pod/v1/user/search", &app.admin, json!({ "query": " " })).await.error(400);
}

#[tokio::test]
async fn lookup_values_must_be_well_formed_and_are_answered_once() {
    let app = TestApp::spawn().await;
    let jane = app.create_user(person("jane")).await;
    app.get("/pod/v2/user?uid=abc", &app.admin).await.error(400);
    app.get("/pod/v3/users?uid=", &app.admin).await.error(400);
    app.get("/pod/v3/users?email=,", &app.admin).await.error(400);
    let twice = app.get("/pod/v3/users?email=jane@example.com,JANE@example.com", &app.admin).await;
    assert_eq!(ids(&twice.ok()["users"]), [jane]);
}
