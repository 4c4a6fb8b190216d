//! `POST /login/pubkey/authenticate` and `/relay/pubkey/authenticate`: every way in, every way out.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::Algorithm;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{TestApp, key, service_account};

async fn authenticate(app: &TestApp, path: &str, token: &str) -> crate::support::Response {
    app.call(Method::POST, path, None, Some(json!({ "token": token }))).await
}

fn unverified_claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn a_bot_logs_in_with_an_rs512_token_and_gets_a_session_token() {
    let app = TestApp::spawn().await;
    let id = app.create_user(service_account("bot", 1, &[])).await;
    let res = authenticate(&app, "/login/pubkey/authenticate", &app.jwt("bot", 1, 240)).await;
    let body = res.ok();
    assert_eq!(res.content_type.as_deref(), Some("application/json"));
    assert_eq!(body["name"], "sessionToken");
    assert!(body["authorizationToken"].as_str().is_some_and(|t| !t.is_empty()));
    let claims = unverified_claims(body["token"].as_str().unwrap());
    assert_eq!(claims["sub"], "bot");
    assert_eq!(claims["userId"], json!(id));
    assert_eq!(claims["canUseSimplifiedKeyDelivery"], json!(false));
    let info = app.get("/pod/v2/sessioninfo", body["token"].as_str().unwrap()).await;
    assert_eq!(info.ok()["id"], json!(id));
}

#[tokio::test]
async fn the_relay_answers_a_key_manager_token() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let res = authenticate(&app, "/relay/pubkey/authenticate", &app.jwt("bot", 1, 240)).await;
    assert_eq!(res.ok()["name"], "keyManagerToken");
}

#[tokio::test]
async fn rs256_and_rs384_tokens_are_accepted_too() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    for alg in [Algorithm::RS256, Algorithm::RS384] {
        let jwt = app.jwt_with(alg, &json!({ "sub": "bot", "exp": app.clock_secs() + 60 }), 1);
        authenticate(&app, "/login/pubkey/authenticate", &jwt).await.ok();
    }
}

#[tokio::test]
async fn a_token_signed_with_another_key_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let res = authenticate(&app, "/login/pubkey/authenticate", &app.jwt("bot", 2, 240)).await;
    assert!(res.error(401).contains("signature"));
}

#[tokio::test]
async fn an_unknown_user_is_refused_exactly_like_a_bad_signature() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let unknown =
        authenticate(&app, "/login/pubkey/authenticate", &app.jwt("ghost", 1, 240)).await.error(401);
    let forged = authenticate(&app, "/login/pubkey/authenticate", &app.jwt("bot", 2, 240)).await.error(401);
    assert_eq!(unknown, forged, "a login does not reveal which usernames exist");
}

#[tokio::test]
async fn a_correctly_signed_token_with_extra_claims_logs_in() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let now = app.clock_secs();
    let claims = json!({ "sub": "bot", "exp": now + 60, "iat": now, "aud": "pod", "iss": "my-bot" });
    authenticate(&app, "/login/pubkey/authenticate", &app.jwt_with(Algorithm::RS512, &claims, 1)).await.ok();
}

#[tokio::test]
async fn the_relay_and_the_app_login_refuse_what_the_login_refuses() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let now = app.clock_secs();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#);
    let none =
        format!("{header}.{}.", URL_SAFE_NO_PAD.encode(json!({ "sub": "bot", "exp": now + 60 }).to_string()));
    let expired = app.jwt_with(Algorithm::RS512, &json!({ "sub": "bot", "exp": now - 1 }), 1);
    let far = app.jwt_with(Algorithm::RS512, &json!({ "sub": "bot", "exp": now + 3600 }), 1);
    for path in ["/relay/pubkey/authenticate", "/login/pubkey/app/authenticate"] {
        for token in [none.as_str(), expired.as_str(), far.as_str(), "garbage"] {
            authenticate(&app, path, token).await.error(401);
        }
    }
}

#[tokio::test]
async fn a_disabled_user_cannot_log_in() {
    let app = TestApp::spawn().await;
    let id = app.create_user(service_account("bot", 1, &[])).await;
    app.post(&format!("/pod/v1/admin/user/{id}/status/update"), &app.admin, json!({"status": "DISABLED"}))
        .await
        .ok();
    let res = authenticate(&app, "/login/pubkey/authenticate", &app.jwt("bot", 1, 240)).await;
    assert!(res.error(401).contains("disabled"));
}

#[tokio::test]
async fn a_token_without_exp_or_past_exp_or_exp_too_far_ahead_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let now = app.clock_secs();
    let cases = [
        (json!({ "sub": "bot" }), "no expiration"),
        (json!({ "sub": "bot", "exp": now }), "expired"),
        (json!({ "sub": "bot", "exp": now - 10 }), "expired"),
        (json!({ "sub": "bot", "exp": now + 301 }), "more than 5 minutes"),
        (json!({ "sub": "bot", "exp": "soon" }), "no expiration"),
    ];
    for (claims, why) in cases {
        let jwt = app.jwt_with(Algorithm::RS512, &claims, 1);
        let message = authenticate(&app, "/login/pubkey/authenticate", &jwt).await.error(401);
        assert!(message.contains(why), "{claims}: {message}");
    }
    let at_the_limit = app.jwt_with(Algorithm::RS512, &json!({ "sub": "bot", "exp": now + 300 }), 1);
    authenticate(&app, "/login/pubkey/authenticate", &at_the_limit).await.ok();
}

#[tokio::test]
async fn the_none_algorithm_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(json!({ "sub": "bot", "exp": app.clock_secs() + 60 }).to_string());
    let res = authenticate(&app, "/login/pubkey/authenticate", &format!("{header}.{claims}.")).await;
    res.error(401);
}

#[tokio::test]
async fn an_hmac_token_keyed_with_the_public_key_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user(service_account("bot", 1, &[])).await;
    let secret = jsonwebtoken::EncodingKey::from_secret(key(1).public_pem.as_bytes());
    let claims = json!({ "sub": "bot", "exp": app.clock_secs() + 60 });
    let jwt = jsonwebtoken::encode(&jsonwebtoken::Header::new(Algorithm::HS256), &claims, &secret).unwrap();
    assert!(authenticate(&app, "/login/pubkey/authenticate", &jwt).await.error(401).contains("Unsupported"));
}

#[tokio::test]
async fn a_malformed_token_is_refused() {
    let app = TestApp::spawn().await;
    for token in ["", "abc", "a.b.c", "x.y"] {
        authenticate(&app, "/login/pubkey/authenticate", token).await.error(401);
    }
    app.call(Method::POST, "/login/pubkey/authenticate", None, Some(json!({}))).await.error(401);
    let no_sub = app.jwt_with(Algorithm::RS512, &json!({ "exp": app.clock_secs() + 60 }), 1);
    assert!(authenticate(&app, "/login/pubkey/authenticate", &no_sub).await.error(401).contains("subject"));
}

#[tokio::test]
async fn a_rotated_key_works_until_its_rotation_expires() {
    let app = TestApp::spawn().await;
    let id = app.create_user(service_account("bot", 1, &[])).await;
    let rotate = json!({ "currentKey": { "key": key(2).public_pem, "action": "SAVE" } });
    let detail = app.post(&format!("/pod/v2/admin/user/{id}/update"), &app.admin, rotate).await;
    assert!(detail.ok()["userAttributes"]["previousKey"]["expirationDate"].is_i64());
    app.login("bot", 2).await;
    app.login("bot", 1).await;
    app.clock.advance(72 * 3600 * 1000);
    authenticate(&app, "/login/pubkey/authenticate", &app.jwt("bot", 1, 240)).await.error(401);
    app.login("bot", 2).await;
}

#[tokio::test]
async fn a_revoked_previous_key_stops_working_at_once() {
    let app = TestApp::spawn().await;
    let id = app.create_user(service_account("bot", 1, &[])).await;
    let path = format!("/pod/v2/admin/user/{id}/update");
    app.post(&path, &app.admin, json!({ "currentKey": { "key": key(2).public_pem } })).await.ok();
    app.login("bot", 1).await;
    app.post(&path, &app.admin, json!({ "previousKey": { "action": "REVOKE" } })).await.ok();
    authenticate(&app, "/login/pubkey/authenticate", &app.jwt("bot", 1, 240)).await.error(401);
}
