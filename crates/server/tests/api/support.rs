//! A real sympod on port 0, driven through real HTTP, as a bot would drive it.

use std::sync::{Arc, OnceLock};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use sympod_core::{CoreConfig, ManualClock};
use sympod_store::Store;
use sympod_store_postgres::scratch::{Scratch, test_server};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The instant every test starts at (2026-01-01T00:00:00Z).
pub const START: i64 = 1_767_225_600_000;

/// RSA key pairs, generated once per test binary (keygen is the slow part of these tests).
pub struct KeyPair {
    pub private_pem: String,
    pub public_pem: String,
}

pub fn key(index: usize) -> &'static KeyPair {
    static KEYS: [OnceLock<KeyPair>; 8] = [const { OnceLock::new() }; 8];
    KEYS[index].get_or_init(|| {
        let (private_pem, public_pem) = sympod::keygen::generate().unwrap();
        KeyPair { private_pem, public_pem }
    })
}

pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub clock: ManualClock,
    pub core: Arc<sympod_core::Core>,
    /// A session of the bootstrap administrator (super admin, admin, user provisioning).
    pub admin: String,
    _stop: oneshot::Sender<()>,
    /// The PostgreSQL schema of this test, if it runs on PostgreSQL: dropped last, after the server
    /// was told to stop.
    _scratch: Option<Scratch>,
}

pub struct Response {
    pub status: StatusCode,
    pub body: Value,
    pub content_type: Option<String>,
}

impl Response {
    /// Asserts a Symphony error body with this status, and returns its message.
    #[track_caller]
    pub fn error(&self, status: u16) -> String {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.body);
        assert_eq!(self.body["code"], json!(status), "error body: {}", self.body);
        self.body["message"].as_str().expect("an error message").to_owned()
    }

    #[track_caller]
    pub fn ok(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.body);
        &self.body
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(CoreConfig::default()).await
    }

    /// A server on a fresh store: SQLite in memory, or a scratch schema of its own on PostgreSQL
    /// when `SYMPOD_TEST_API_STORE=postgres` (the server is `SYMPOD_TEST_POSTGRES_URL`).
    pub async fn spawn_with(config: CoreConfig) -> Self {
        let (store, scratch) = match std::env::var("SYMPOD_TEST_API_STORE").as_deref() {
            Ok("postgres") => {
                let server =
                    test_server().expect("SYMPOD_TEST_API_STORE=postgres needs SYMPOD_TEST_POSTGRES_URL");
                let scratch = Scratch::create(&server).await.unwrap();
                (sympod::open_store(scratch.url()).await.unwrap(), Some(scratch))
            }
            Ok("sqlite") | Err(_) => (sympod::open_store("sqlite::memory:").await.unwrap(), None),
            Ok(other) => panic!("SYMPOD_TEST_API_STORE={other}: use sqlite or postgres"),
        };
        let mut app = Self::spawn_on(store, config).await;
        app._scratch = scratch;
        app
    }

    /// A server on `store`, which other servers may share (instances of one pod).
    pub async fn spawn_on(store: Arc<dyn Store>, config: CoreConfig) -> Self {
        let clock = ManualClock::starting_at(START);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = sympod::local_url(listener.local_addr().unwrap());
        let (core, router) = sympod::build(store, Arc::new(clock.clone()), config, &base).await.unwrap();
        core.ensure_admin("admin", &key(0).public_pem).await.unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(sympod::run(listener, router, async move {
            let _ = stopped.await;
        }));
        let client = Client::new();
        let mut app = Self { base, client, clock, core, admin: String::new(), _stop: stop, _scratch: None };
        app.admin = app.login("admin", 0).await;
        app
    }

    /// A login JWT as the SDK signs it: RS512, `sub` and `exp` only.
    pub fn jwt(&self, sub: &str, key_index: usize, exp_in_secs: i64) -> String {
        self.jwt_with(
            Algorithm::RS512,
            &json!({ "sub": sub, "exp": self.clock_secs() + exp_in_secs }),
            key_index,
        )
    }

    pub fn jwt_with(&self, alg: Algorithm, claims: &Value, key_index: usize) -> String {
        let key = EncodingKey::from_rsa_pem(key(key_index).private_pem.as_bytes()).unwrap();
        jsonwebtoken::encode(&Header::new(alg), claims, &key).unwrap()
    }

    pub fn clock_secs(&self) -> i64 {
        use sympod_core::Clock;
        self.clock.now() / 1000
    }

    /// Logs `username` in with key `key_index` and returns the session token.
    pub async fn login(&self, username: &str, key_index: usize) -> String {
        let res = self
            .call(
                Method::POST,
                "/login/pubkey/authenticate",
                None,
                Some(json!({ "token": self.jwt(username, key_index, 240) })),
            )
            .await;
        res.ok()["token"].as_str().unwrap().to_owned()
    }

    /// Creates a user through the admin API and returns its id.
    pub async fn create_user(&self, body: Value) -> i64 {
        let res = self.post("/pod/v2/admin/user/create", &self.admin, body).await;
        res.ok()["userSystemInfo"]["id"].as_i64().unwrap()
    }

    /// Creates a service account holding key `key_index`, logs it in, and returns (id, session).
    pub async fn bot(&self, username: &str, key_index: usize, roles: &[&str]) -> (i64, String) {
        let id = self.create_user(service_account(username, key_index, roles)).await;
        (id, self.login(username, key_index).await)
    }

    /// Creates a room named `name` (plus `extra` attributes) as `token`'s user; returns its id.
    pub async fn room(&self, token: &str, name: &str, extra: Value) -> String {
        let mut body = json!({ "name": name, "description": format!("{name} room") });
        body.as_object_mut().unwrap().extend(extra.as_object().cloned().unwrap_or_default());
        let res = self.post("/pod/v3/room/create", token, body).await;
        res.ok()["roomSystemInfo"]["id"].as_str().unwrap().to_owned()
    }

    /// The types of the events logged so far, in order.
    pub async fn event_types(&self) -> Vec<&'static str> {
        let events = self.core.store().events_after(0, 10_000).await.unwrap();
        events.iter().map(|e| e.event.kind.type_name()).collect()
    }

    /// The last event logged.
    pub async fn last_event(&self) -> sympod_model::event::NewEvent {
        self.core.store().events_after(0, 10_000).await.unwrap().pop().unwrap().event
    }

    /// Sends `message` to stream `sid` as `token`'s user, multipart as the SDK builds it.
    pub async fn send(&self, token: &str, sid: &str, message: &str) -> Response {
        self.multipart(
            &format!("/agent/v4/stream/{sid}/message/create"),
            token,
            &[("message", message), ("data", ""), ("version", "")],
            None,
        )
        .await
    }

    /// Updates message `mid` of `sid`, with the SDK's `silent` spelling.
    pub async fn update(&self, token: &str, sid: &str, mid: &str, message: &str) -> Response {
        let path = format!("/agent/v4/stream/{sid}/message/{mid}/update");
        self.multipart(
            &path,
            token,
            &[("message", message), ("data", ""), ("version", ""), ("silent", "True")],
            None,
        )
        .await
    }

    /// A multipart request: text parts each with its own `text/plain` type, and at most one file
    /// part placed first, as the SDK does.
    pub async fn multipart(
        &self,
        path: &str,
        token: &str,
        parts: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
    ) -> Response {
        let mut form = reqwest::multipart::Form::new();
        if let Some((name, bytes)) = file {
            let part = reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str("text/plain")
                .unwrap();
            form = form.part("attachment", part);
        }
        for (name, value) in parts {
            let part = reqwest::multipart::Part::text((*value).to_owned())
                .mime_str("text/plain; charset=utf-8")
                .unwrap();
            form = form.part((*name).to_owned(), part);
        }
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("sessionToken", token)
            .header("keyManagerToken", "");
        Self::read(req.multipart(form).send().await.unwrap()).await
    }

    /// A multipart request of one file part `part` named `file_name`, as a bot uploads a file.
    pub async fn upload(
        &self,
        path: &str,
        token: &str,
        part: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let file = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new().part(part.to_owned(), file);
        let req = self.client.post(format!("{}{path}", self.base)).header("sessionToken", token);
        Self::read(req.multipart(form).send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Response {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            req = req.header("sessionToken", token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        Self::read(req.send().await.unwrap()).await
    }

    pub async fn raw(&self, method: Method, path: &str, token: Option<&str>, body: &'static str) -> Response {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json");
        if let Some(token) = token {
            req = req.header("sessionToken", token);
        }
        Self::read(req.body(body).send().await.unwrap()).await
    }

    async fn read(res: reqwest::Response) -> Response {
        let status = res.status();
        let content_type = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned());
        let text = res.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Response { status, body, content_type }
    }
}

/// The standard base64 form of a URL-safe id, padded, as Symphony's clients display it.
pub fn standard_base64(id: &str) -> String {
    let mut s = id.replace('-', "+").replace('_', "/");
    while !s.len().is_multiple_of(4) {
        s.push('=');
    }
    s
}

/// A `V2UserCreate` body for a person.
pub fn person(username: &str) -> Value {
    json!({
        "userAttributes": {
            "userName": username,
            "emailAddress": format!("{username}@example.com"),
            "firstName": "First",
            "lastName": username,
            "accountType": "NORMAL",
        },
        "roles": ["INDIVIDUAL"],
    })
}

/// A `V2UserCreate` body for a service account holding key `key_index`.
pub fn service_account(username: &str, key_index: usize, roles: &[&str]) -> Value {
    json!({
        "userAttributes": {
            "userName": username,
            "displayName": format!("{username} bot"),
            "accountType": "SYSTEM",
            "currentKey": { "key": key(key_index).public_pem },
        },
        "roles": roles,
    })
}
