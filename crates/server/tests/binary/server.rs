//! A running `sympod serve` binary, and the calls the tests make to it.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A running `sympod serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub output: Vec<String>,
}

impl Server {
    pub async fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sympod"));
        cmd.arg("serve")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("sympod starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut output = Vec::new();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                output.push(line.clone());
                if let Some(url) = line.split("listening on ").nth(1) {
                    return url.trim().to_owned();
                }
            }
            panic!("sympod exited before listening: {output:?}");
        })
        .await
        .expect("sympod listens within a minute");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self { child, base, output }
    }

    pub async fn login(&self, username: &str, private_pem: &str) -> String {
        let exp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 240;
        let key = EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap();
        let jwt = jsonwebtoken::encode(
            &Header::new(Algorithm::RS512),
            &json!({ "sub": username, "exp": exp }),
            &key,
        )
        .unwrap();
        let res: Value = reqwest::Client::new()
            .post(format!("{}/login/pubkey/authenticate", self.base))
            .json(&json!({ "token": jwt }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        res["token"].as_str().unwrap_or_else(|| panic!("login failed: {res}")).to_owned()
    }

    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        let res = reqwest::Client::new()
            .get(format!("{}{path}", self.base))
            .header("sessionToken", token)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        let res = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .header("sessionToken", token)
            .json(&body)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
    }
}
