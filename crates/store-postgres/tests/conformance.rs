//! The store conformance suite against PostgreSQL, each test in a scratch schema of its own, dropped
//! when the test ends. Skipped (each test passes at once, saying so) unless
//! `SYMPOD_TEST_POSTGRES_URL` names a server.

use sympod_store_postgres::scratch::{Scratch, TEST_URL_VAR, test_server};

async fn scratch_store() -> Option<(sympod_store_postgres::PgStore, Scratch)> {
    let Some(server) = test_server() else {
        eprintln!("skipped: {TEST_URL_VAR} is not set");
        return None;
    };
    let scratch = Scratch::create(&server).await.unwrap();
    let store = sympod_store_postgres::open(scratch.url()).await.unwrap();
    Some((store, scratch))
}

sympod_store::store_conformance!(guarded scratch_store());
