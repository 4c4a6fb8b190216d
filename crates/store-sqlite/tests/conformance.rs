//! The store conformance suite against SQLite: in memory, and in a file.

mod memory {
    sympod_store::store_conformance!(async { sympod_store_sqlite::open("sqlite::memory:").await.unwrap() });
}

mod file {
    sympod_store::store_conformance!(async {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = sympod_store_sqlite::open(&url).await.unwrap();
        // The directory must outlive the store; keep it (it is in the temp folder).
        let _ = dir.keep();
        store
    });
}
