//! What the benchmarks share: logging a bot in as the SDK does, and posting JSON.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

/// Logs `user` in with an RS512 JWT signed by `private_pem`; answers the session token.
pub async fn login(client: &reqwest::Client, base: &str, user: &str, private_pem: &str) -> String {
    let exp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 240;
    let key = EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap();
    let jwt = jsonwebtoken::encode(&Header::new(Algorithm::RS512), &json!({ "sub": user, "exp": exp }), &key)
        .unwrap();
    let res: Value = client
        .post(format!("{base}/login/pubkey/authenticate"))
        .json(&json!({ "token": jwt }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["token"].as_str().expect("login").to_owned()
}

/// POSTs `body` as `token`'s user and answers the JSON reply.
pub async fn post(client: &reqwest::Client, url: String, token: &str, body: Value) -> Value {
    client.post(url).header("sessionToken", token).json(&body).send().await.unwrap().json().await.unwrap()
}
