//! The binary on PostgreSQL: two `sympod serve` processes started at once on one empty database
//! migrate it, make one home pod and one admin between them, and serve as one pod. Skipped unless
//! `SYMPOD_TEST_POSTGRES_URL` names a server.

use sympod_store_postgres::scratch::{Scratch, TEST_URL_VAR, test_server};

use crate::server::Server;

#[tokio::test]
async fn two_servers_started_at_once_on_one_postgres_database_serve_as_one_pod() {
    let Some(postgres) = test_server() else {
        eprintln!("skipped: {TEST_URL_VAR} is not set");
        return;
    };
    let scratch = Scratch::create(&postgres).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("ops.pem"), &public).unwrap();
    let args = [
        "--listen",
        "127.0.0.1:0",
        "--database",
        scratch.url(),
        "--admin-username",
        "ops",
        "--admin-public-key",
        "ops.pem",
    ];
    let (a, b) = tokio::join!(Server::start(dir.path(), &args, &[]), Server::start(dir.path(), &args, &[]));
    let on_a = a.login("ops", &private).await;
    let (status, info) = b.get("/pod/v2/sessioninfo", &on_a).await;
    assert_eq!(status, 200, "a session from one server works on the other: {info}");
    let (_, again) = a.get("/pod/v2/sessioninfo", &b.login("ops", &private).await).await;
    assert_eq!(again["id"], info["id"], "one admin between them");
    drop((a, b));
}
