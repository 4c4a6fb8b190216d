//! The `sympod` binary itself, as a newcomer and a CI script run it: the quick start, the bootstrap
//! admin from flags, environment and config file, and durability across `kill -9`.

mod memory;
mod postgres;
mod server;

use serde_json::{Value, json};

use crate::server::Server;

#[tokio::test]
async fn the_quick_start_gives_a_newcomer_a_bot_that_logs_in() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--listen", "127.0.0.1:0"], &[]).await;
    let printed = server.output.join("\n");
    assert!(printed.contains("demo-bot-config.yaml"), "{printed}");
    let quick = dir.path().join("sympod-data/quickstart");
    let config = std::fs::read_to_string(quick.join("demo-bot-config.yaml")).unwrap();
    let port = server.base.rsplit(':').next().unwrap();
    assert!(config.contains(&format!("port: {port}")), "{config}");
    assert!(config.contains("username: demo-bot"), "{config}");
    let bot = server
        .login("demo-bot", &std::fs::read_to_string(quick.join("demo-bot-privatekey.pem")).unwrap())
        .await;
    let (status, info) = server.get("/pod/v2/sessioninfo", &bot).await;
    assert_eq!((status, info["username"].as_str()), (200, Some("demo-bot")));
    let admin = server
        .login("sympod-admin", &std::fs::read_to_string(quick.join("admin-privatekey.pem")).unwrap())
        .await;
    assert_eq!(server.get("/pod/v2/admin/user/list", &admin).await.0, 200);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(quick.join("demo-bot-privatekey.pem")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "private keys are readable by their owner only");
    }
}

#[tokio::test]
async fn a_second_start_keeps_the_quick_start_keys_and_finishes_a_half_done_one() {
    let dir = tempfile::tempdir().unwrap();
    let quick = dir.path().join("sympod-data/quickstart");
    let first = Server::start(dir.path(), &["--listen", "127.0.0.1:0"], &[]).await;
    let key = std::fs::read_to_string(quick.join("demo-bot-privatekey.pem")).unwrap();
    drop(first);
    // A crash between writing the keys and making the accounts leaves keys and no users.
    std::fs::remove_file(dir.path().join("sympod-data/sympod.db")).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("sympod-data/sympod.db{suffix}")));
    }
    let second = Server::start(dir.path(), &["--listen", "127.0.0.1:0"], &[]).await;
    assert_eq!(
        std::fs::read_to_string(quick.join("demo-bot-privatekey.pem")).unwrap(),
        key,
        "the keys are kept"
    );
    let port = second.base.rsplit(':').next().unwrap();
    assert!(
        std::fs::read_to_string(quick.join("demo-bot-config.yaml"))
            .unwrap()
            .contains(&format!("port: {port}"))
    );
    let bot = second.login("demo-bot", &key).await;
    assert_eq!(second.get("/pod/v2/sessioninfo", &bot).await.0, 200);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("sympod-data/sympod.db")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the database holds the token secret: owner only");
    }
}

#[tokio::test]
async fn the_bootstrap_admin_comes_from_flags_or_environment_and_skips_the_quick_start() {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("ops.pem"), &public).unwrap();
    let db = format!("sqlite://{}/db/sympod.db", dir.path().display());
    let env = [
        ("SYMPOD_ADMIN_USERNAME", "ops"),
        ("SYMPOD_ADMIN_PUBLIC_KEY", "ops.pem"),
        ("SYMPOD_DATABASE", db.as_str()),
    ];
    let server = Server::start(dir.path(), &["--listen", "127.0.0.1:0"], &env).await;
    assert!(!dir.path().join("sympod-data/quickstart").exists(), "no quick start when an admin is given");
    let admin = server.login("ops", &private).await;
    let (_, info) = server.get("/pod/v2/sessioninfo", &admin).await;
    assert_eq!(
        info["roles"],
        json!(["ADMINISTRATOR", "INDIVIDUAL", "SUPER_ADMINISTRATOR", "USER_PROVISIONING"])
    );
    assert_eq!(info["accountType"], "SYSTEM");
}

#[tokio::test]
async fn settings_come_from_a_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("ops.pem"), &public).unwrap();
    let toml = "listen = \"127.0.0.1:0\"\ndatabase = \"sqlite::memory:\"\nadmin-username = \"ops\"\nadmin-public-key = \"ops.pem\"\ncompany = \"Acme Bank\"\n";
    std::fs::write(dir.path().join("sympod.toml"), toml).unwrap();
    let server = Server::start(dir.path(), &["--config", "sympod.toml"], &[]).await;
    let admin = server.login("ops", &private).await;
    assert_eq!(server.get("/pod/v2/sessioninfo", &admin).await.1["company"], "Acme Bank");
}

#[tokio::test]
async fn an_answered_write_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("ops.pem"), &public).unwrap();
    let args = ["--listen", "127.0.0.1:0", "--admin-username", "ops", "--admin-public-key", "ops.pem"];
    let mut server = Server::start(dir.path(), &args, &[]).await;
    let admin = server.login("ops", &private).await;
    let body = json!({ "userAttributes": { "userName": "durable", "displayName": "Durable", "accountType": "SYSTEM" } });
    let (status, created) = server.post("/pod/v2/admin/user/create", &admin, body).await;
    assert_eq!(status, 200, "{created}");
    let id = created["userSystemInfo"]["id"].as_i64().unwrap();
    server.child.start_kill().unwrap(); // SIGKILL: no shutdown, no checkpoint.
    server.child.wait().await.unwrap();
    let restarted = Server::start(dir.path(), &args, &[]).await;
    let admin = restarted.login("ops", &private).await;
    let (status, user) = restarted.get(&format!("/pod/v2/admin/user/{id}"), &admin).await;
    assert_eq!((status, user["userAttributes"]["userName"].as_str()), (200, Some("durable")));
}

#[tokio::test]
async fn a_bot_keeps_its_unacknowledged_events_across_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("ops.pem"), &public).unwrap();
    let args = [
        "--listen",
        "127.0.0.1:0",
        "--admin-username",
        "ops",
        "--admin-public-key",
        "ops.pem",
        "--datafeed-wait-ms",
        "300",
    ];
    let mut server = Server::start(dir.path(), &args, &[]).await;
    let admin = server.login("ops", &private).await;
    let (_, feed) = server.post("/agent/v5/datafeeds", &admin, json!({})).await;
    let feed = feed["id"].as_str().unwrap().to_owned();
    let (_, room) = server.post("/pod/v3/room/create", &admin, json!({ "name": "Desk" })).await;
    let room = room["roomSystemInfo"]["id"].as_str().unwrap().to_owned();
    let read = |server: &Server, ack: String| {
        let path = format!("/agent/v5/datafeeds/{feed}/read");
        let admin = admin.clone();
        let base = server.base.clone();
        async move {
            let res = reqwest::Client::new()
                .post(format!("{base}{path}"))
                .header("sessionToken", admin)
                .json(&json!({ "ackId": ack }))
                .send()
                .await
                .unwrap();
            res.json::<Value>().await.unwrap()
        }
    };
    let first = read(&server, String::new()).await;
    assert_eq!(first["events"][0]["type"], "ROOMCREATED");
    let acked = first["ackId"].as_str().unwrap().to_owned();
    let second = read(&server, acked).await; // acknowledges ROOMCREATED; nothing new yet
    let ack = second["ackId"].as_str().unwrap().to_owned();
    let (status, _) = server
        .post(&format!("/pod/v3/room/{room}/update"), &admin, json!({ "description": "changed" }))
        .await;
    assert_eq!(status, 200);
    server.child.start_kill().unwrap();
    server.child.wait().await.unwrap();
    let mut restarted = Server::start(dir.path(), &args, &[]).await;
    let admin = restarted.login("ops", &private).await;
    let path = format!("/agent/v5/datafeeds/{feed}/read");
    let (_, after) = restarted.post(&path, &admin, json!({ "ackId": ack })).await;
    let types: Vec<&str> =
        after["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["ROOMUPDATED"], "what was acknowledged is not delivered again, what was not is");
    // The bot handles the batch and acknowledges it; killed again, the server delivers it no more.
    let handled = after["ackId"].as_str().unwrap().to_owned();
    let (status, empty) = restarted.post(&path, &admin, json!({ "ackId": handled })).await;
    assert_eq!((status, &empty["events"]), (200, &json!([])));
    restarted.child.start_kill().unwrap();
    restarted.child.wait().await.unwrap();
    let again = Server::start(dir.path(), &args, &[]).await;
    let admin = again.login("ops", &private).await;
    let (_, after_kill) = again.post(&path, &admin, json!({ "ackId": handled })).await;
    assert_eq!(after_kill["events"], json!([]), "nothing acknowledged comes twice");
}
