//! User administration through the official admin API, and who may use it.

use serde_json::{Value, json};

use crate::support::{TestApp, key, person, service_account};

fn ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(|u| u["userSystemInfo"]["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn an_administrator_creates_a_person_and_reads_it_back() {
    let app = TestApp::spawn().await;
    let mut body = person("jane");
    body["userAttributes"]["title"] = json!("Trader");
    body["userAttributes"]["assetClasses"] = json!(["Equities"]);
    let created = app.post("/pod/v2/admin/user/create", &app.admin, body).await;
    let detail = created.ok().clone();
    let id = detail["userSystemInfo"]["id"].as_i64().unwrap();
    assert!(id > 0);
    assert_eq!(
        detail["userAttributes"],
        json!({
            "emailAddress": "jane@example.com", "firstName": "First", "lastName": "jane", "title": "Trader",
            "assetClasses": ["Equities"], "userName": "jane", "displayName": "First jane",
            "companyName": "sympod", "accountType": "NORMAL",
        })
    );
    let info = &detail["userSystemInfo"];
    assert_eq!(info["status"], "ENABLED");
    assert_eq!(info["suspended"], false);
    assert!(info["createdDate"].is_i64());
    assert!(info["createdBy"].is_string(), "createdBy is a string in the spec");
    assert_eq!(detail["roles"], json!(["INDIVIDUAL"]));
    let read = app.get(&format!("/pod/v2/admin/user/{id}"), &app.admin).await;
    assert_eq!(read.ok(), &detail);
}

#[tokio::test]
async fn a_service_account_keeps_its_key_in_the_detail() {
    let app = TestApp::spawn().await;
    let id = app.create_user(service_account("bot", 1, &["CONTENT_MANAGEMENT"])).await;
    let detail = app.get(&format!("/pod/v2/admin/user/{id}"), &app.admin).await;
    assert_eq!(detail.ok()["userAttributes"]["currentKey"]["key"], key(1).public_pem.trim());
    assert_eq!(detail.body["roles"], json!(["CONTENT_MANAGEMENT", "INDIVIDUAL"]));
}

#[tokio::test]
async fn a_user_of_another_company_belongs_to_an_external_pod() {
    let app = TestApp::spawn().await;
    let mut body = person("ext");
    body["userAttributes"]["companyName"] = json!("Other Bank");
    let ext = app.create_user(body).await;
    let local = app.create_user(person("loc")).await;
    assert_ne!(ext >> 27, local >> 27, "an external user's id carries its own pod");
    let detail = app.get(&format!("/pod/v2/admin/user/{ext}"), &app.admin).await;
    assert_eq!(detail.ok()["userAttributes"]["companyName"], "Other Bank");
    let all = app.get(&format!("/pod/v3/users?uid={ext},{local}"), &app.admin).await;
    assert_eq!(all.ok()["users"].as_array().unwrap().len(), 2);
    let home = app.get(&format!("/pod/v3/users?uid={ext},{local}&local=true"), &app.admin).await;
    assert_eq!(home.ok()["users"][0]["id"], json!(local));
    assert_eq!(home.body["users"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn duplicate_usernames_and_emails_are_refused() {
    let app = TestApp::spawn().await;
    app.create_user(person("jane")).await;
    let mut same_name = person("JANE");
    same_name["userAttributes"]["emailAddress"] = json!("other@example.com");
    let message = app.post("/pod/v2/admin/user/create", &app.admin, same_name).await.error(400);
    assert!(message.contains("username"), "{message}");
    let mut same_email = person("other");
    same_email["userAttributes"]["emailAddress"] = json!("Jane@Example.com");
    assert!(app.post("/pod/v2/admin/user/create", &app.admin, same_email).await.error(400).contains("email"));
}

#[tokio::test]
async fn weak_or_malformed_keys_are_refused() {
    use rsa::pkcs8::{EncodePublicKey, LineEnding};
    let app = TestApp::spawn().await;
    let weak = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).unwrap();
    let weak_pem = rsa::RsaPublicKey::from(&weak).to_public_key_pem(LineEnding::LF).unwrap();
    for bad in [weak_pem.as_str(), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "hello"] {
        let mut body = service_account("bot", 1, &[]);
        body["userAttributes"]["currentKey"]["key"] = json!(bad);
        let message = app.post("/pod/v2/admin/user/create", &app.admin, body).await.error(400);
        assert!(message.contains("currentKey"), "{message}");
    }
}

#[tokio::test]
async fn an_update_changes_only_what_it_carries_and_never_the_account_type() {
    let app = TestApp::spawn().await;
    let id = app.create_user(person("jane")).await;
    let path = format!("/pod/v2/admin/user/{id}/update");
    let updated =
        app.post(&path, &app.admin, json!({ "title": "Head of Desk", "displayName": "Jane D" })).await;
    let attrs = &updated.ok()["userAttributes"];
    assert_eq!(
        (attrs["title"].as_str(), attrs["displayName"].as_str()),
        (Some("Head of Desk"), Some("Jane D"))
    );
    assert_eq!(attrs["emailAddress"], "jane@example.com");
    assert_eq!(attrs["lastName"], "jane");
    assert_eq!(
        app.post(&path, &app.admin, json!({ "accountType": "SYSTEM" })).await.error(400),
        "accountType cannot be changed"
    );
    let missing =
        app.post("/pod/v2/admin/user/999/update", &app.admin, json!({ "title": "x" })).await.error(400);
    assert_eq!(missing, "User 999 not found", "the spec declares no 404 here");
}

#[tokio::test]
async fn users_are_listed_in_id_order_page_by_page() {
    let app = TestApp::spawn().await;
    let a = app.create_user(person("a")).await;
    let b = app.create_user(person("b")).await;
    let all = app.get("/pod/v2/admin/user/list", &app.admin).await;
    let all_ids = ids(all.ok());
    assert_eq!(all_ids.len(), 3, "the admin and two users");
    assert_eq!(&all_ids[1..], [a, b]);
    let page = app.get("/pod/v2/admin/user/list?skip=1&limit=1", &app.admin).await;
    assert_eq!(ids(page.ok()), [a]);
}

#[tokio::test]
async fn find_filters_by_role_feature_and_status() {
    let app = TestApp::spawn().await;
    let co = app.create_user(person("co")).await;
    app.post(
        &format!("/pod/v1/admin/user/{co}/roles/add"),
        &app.admin,
        json!({ "id": "COMPLIANCE_OFFICER" }),
    )
    .await
    .ok();
    let off = app.create_user(person("off")).await;
    app.post(&format!("/pod/v1/admin/user/{off}/status/update"), &app.admin, json!({ "status": "DISABLED" }))
        .await
        .ok();
    app.post(
        &format!("/pod/v1/admin/user/{off}/features/update"),
        &app.admin,
        json!([{ "entitlment": "canUseFirehose", "enabled": true }]),
    )
    .await
    .ok();
    let find = |filter: Value| app.post("/pod/v1/admin/user/find", &app.admin, filter);
    assert_eq!(ids(find(json!({ "role": "COMPLIANCE_OFFICER" })).await.ok()), [co]);
    assert_eq!(ids(find(json!({ "status": "DISABLED" })).await.ok()), [off]);
    let by_feature = find(json!({ "feature": "canUseFirehose" })).await;
    assert_eq!(ids(by_feature.ok()), [off]);
    assert!(by_feature.body[0]["userAttributes"].get("currentKey").is_none(), "v1 details carry no keys");
    find(json!({ "role": "KING" })).await.error(400);
}

#[tokio::test]
async fn roles_are_granted_and_removed_within_the_granters_powers() {
    let app = TestApp::spawn().await;
    let jane = app.create_user(person("jane")).await;
    let add = format!("/pod/v1/admin/user/{jane}/roles/add");
    let res = app.post(&add, &app.admin, json!({ "id": "COMPLIANCE_OFFICER" })).await;
    assert_eq!(res.ok(), &json!({ "format": "TEXT", "message": "Role added" }));
    let (_, provisioner) = app.bot("provisioner", 1, &["USER_PROVISIONING"]).await;
    let message = app.post(&add, &provisioner, json!({ "id": "SUPER_ADMINISTRATOR" })).await.error(403);
    assert_eq!(message, "The user lacks the required entitlement to perform this operation");
    app.post(&add, &provisioner, json!({ "id": "ADMINISTRATOR" })).await.error(403);
    app.post(&add, &provisioner, json!({ "id": "SUPER_COMPLIANCE_OFFICER" })).await.ok();
    assert!(
        app.post(&add, &app.admin, json!({ "id": "USER_PROVISIONING" })).await.error(400).contains("NORMAL")
    );
    app.post(&add, &app.admin, json!({ "id": "KING" })).await.error(400);
    app.post(
        &format!("/pod/v1/admin/user/{jane}/roles/remove"),
        &app.admin,
        json!({ "id": "COMPLIANCE_OFFICER" }),
    )
    .await
    .ok();
    let detail = app.get(&format!("/pod/v2/admin/user/{jane}"), &app.admin).await;
    assert_eq!(detail.ok()["roles"], json!(["INDIVIDUAL", "SUPER_COMPLIANCE_OFFICER"]));
}

#[tokio::test]
async fn entitlements_are_read_and_updated_by_name() {
    let app = TestApp::spawn().await;
    let jane = app.create_user(person("jane")).await;
    let path = format!("/pod/v1/admin/user/{jane}/features");
    let features = app.get(&path, &app.admin).await;
    let update_message = features
        .ok()
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["entitlment"] == "canUpdateMessage")
        .unwrap()
        .clone();
    assert_eq!(update_message, json!({ "entitlment": "canUpdateMessage", "enabled": true }));
    let off = json!([{ "entitlment": "canUpdateMessage", "enabled": false }]);
    app.post(&format!("{path}/update"), &app.admin, off).await.ok();
    let after = app.get(&path, &app.admin).await;
    assert!(
        after
            .ok()
            .as_array()
            .unwrap()
            .contains(&json!({ "entitlment": "canUpdateMessage", "enabled": false }))
    );
    let unknown = json!([{ "entitlment": "canFly", "enabled": true }]);
    assert!(app.post(&format!("{path}/update"), &app.admin, unknown).await.error(400).contains("canFly"));
    let all = app.get("/pod/v1/admin/system/features/list", &app.admin).await;
    let names = all.ok().as_array().unwrap().clone();
    for name in
        ["canCreatePublicRoom", "canUpdateMessage", "sendFilesEnabled", "canUpdateRoomHistoryProperty"]
    {
        assert!(names.contains(&json!(name)), "{name}");
    }
}

#[tokio::test]
async fn the_roles_list_names_every_role_with_its_account_types() {
    let app = TestApp::spawn().await;
    let roles = app.get("/pod/v1/admin/system/roles/list", &app.admin).await;
    let list = roles.ok().as_array().unwrap();
    let up = list.iter().find(|r| r["id"] == "USER_PROVISIONING").unwrap();
    assert_eq!(
        up,
        &json!({ "id": "USER_PROVISIONING", "name": "User Provisioning", "userTypes": ["SYSTEM"] })
    );
    for id in ["COMPLIANCE_OFFICER", "SUPER_COMPLIANCE_OFFICER", "CONTENT_MANAGEMENT", "SUPER_ADMINISTRATOR"]
    {
        assert!(list.iter().any(|r| r["id"] == id), "{id}");
    }
}

#[tokio::test]
async fn a_plain_user_is_refused_by_every_admin_endpoint() {
    let app = TestApp::spawn().await;
    let (id, plain) = app.bot("plain", 1, &[]).await;
    let gets = [
        "/pod/v2/admin/user/list".to_owned(),
        format!("/pod/v2/admin/user/{id}"),
        format!("/pod/v1/admin/user/{id}/features"),
        format!("/pod/v1/admin/user/{id}/status"),
        "/pod/v1/admin/system/roles/list".into(),
        "/pod/v1/admin/system/features/list".into(),
        "/pod/v1/admin/app/x/get".into(),
    ];
    for path in gets {
        app.get(&path, &plain).await.error(403);
    }
    let posts = [
        ("/pod/v2/admin/user/create".to_owned(), person("x")),
        (format!("/pod/v2/admin/user/{id}/update"), json!({ "title": "x" })),
        ("/pod/v1/admin/user/find".into(), json!({})),
        (format!("/pod/v1/admin/user/{id}/roles/add"), json!({ "id": "INDIVIDUAL" })),
        (format!("/pod/v1/admin/user/{id}/features/update"), json!([])),
        (format!("/pod/v1/admin/user/{id}/status/update"), json!({ "status": "ENABLED" })),
        ("/pod/v1/admin/app/create".into(), json!({ "applicationInfo": { "appId": "a" } })),
    ];
    for (path, body) in posts {
        app.post(&path, &plain, body).await.error(403);
    }
}

#[tokio::test]
async fn a_user_provisioner_cannot_take_over_or_disable_a_super_administrator() {
    let app = TestApp::spawn().await;
    let admin_id = app.get("/pod/v2/sessioninfo", &app.admin).await.body["id"].as_i64().unwrap();
    let (_, provisioner) = app.bot("provisioner", 1, &["USER_PROVISIONING"]).await;
    let steal = json!({ "currentKey": { "key": key(1).public_pem, "action": "SAVE" } });
    app.post(&format!("/pod/v2/admin/user/{admin_id}/update"), &provisioner, steal).await.error(403);
    app.post(
        &format!("/pod/v1/admin/user/{admin_id}/status/update"),
        &provisioner,
        json!({ "status": "DISABLED" }),
    )
    .await
    .error(403);
    let features = json!([{ "entitlment": "canCreatePublicRoom", "enabled": false }]);
    app.post(&format!("/pod/v1/admin/user/{admin_id}/features/update"), &provisioner, features)
        .await
        .error(403);
    app.post(
        &format!("/pod/v1/admin/user/{admin_id}/roles/remove"),
        &provisioner,
        json!({ "id": "INDIVIDUAL" }),
    )
    .await
    .error(403);
    app.get("/pod/v2/sessioninfo", &app.admin).await.ok();
    // The provisioner still manages ordinary users.
    let jane = app.create_user(person("jane")).await;
    app.post(
        &format!("/pod/v1/admin/user/{jane}/status/update"),
        &provisioner,
        json!({ "status": "DISABLED" }),
    )
    .await
    .ok();
}

#[tokio::test]
async fn removing_a_role_of_an_unknown_user_is_the_404_the_spec_declares() {
    let app = TestApp::spawn().await;
    app.post("/pod/v1/admin/user/999/roles/remove", &app.admin, json!({ "id": "INDIVIDUAL" }))
        .await
        .error(404);
    app.post("/pod/v1/admin/user/999/roles/add", &app.admin, json!({ "id": "INDIVIDUAL" })).await.error(400);
}

#[tokio::test]
async fn a_status_update_may_set_only_a_suspension() {
    let app = TestApp::spawn().await;
    let jane = app.create_user(person("jane")).await;
    let path = format!("/pod/v1/admin/user/{jane}/status");
    app.post(
        &format!("{path}/update"),
        &app.admin,
        json!({ "suspended": true, "suspensionReason": "leave" }),
    )
    .await
    .ok();
    assert_eq!(
        app.get(&path, &app.admin).await.ok(),
        &json!({ "status": "ENABLED", "suspended": true, "suspensionReason": "leave" })
    );
    app.post(&format!("{path}/update"), &app.admin, json!({ "suspended": false })).await.ok();
    assert_eq!(app.get(&path, &app.admin).await.ok()["suspended"], false);
    app.post(&format!("{path}/update"), &app.admin, json!({})).await.error(400);
    app.post(&format!("{path}/update"), &app.admin, json!({ "status": "ASLEEP" })).await.error(400);
}
