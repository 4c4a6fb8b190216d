//! Migrations keep what earlier versions stored.

use std::path::Path;

use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sympod_store::{BLOB_CHUNK, Store};

/// A file database brought up to migration `upto` (its number) only, with its pool and URL.
async fn migrated_to(upto: u32, dir: &Path) -> (sqlx::SqlitePool, String) {
    let scripts = dir.join("migrations");
    std::fs::create_dir(&scripts).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name[..4].parse::<u32>().unwrap() <= upto {
            std::fs::copy(&path, scripts.join(name)).unwrap();
        }
    }
    let file = dir.join("old.db");
    let options = SqliteConnectOptions::new().filename(&file).create_if_missing(true).foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    Migrator::new(scripts.as_path()).await.unwrap().run(&pool).await.unwrap();
    (pool, format!("sqlite://{}", file.display()))
}

/// A database brought up to migration `upto` (6 at most: it stores files the way 0006 did).
async fn database_at(upto: u32, dir: &Path) -> String {
    let (pool, url) = migrated_to(upto, dir).await;
    let big: Vec<u8> = (0..BLOB_CHUNK * 2 + 5).map(|i| (i % 253) as u8).collect();
    sqlx::raw_sql(
        "INSERT INTO streams (id, kind, created_at, created_by, active, search_text) \
         VALUES ('s', 'ROOM', 1, 1, 1, '');
         INSERT INTO messages (id, stream_id, author_id, created_at, initial_id, initial_at, state, document) \
         VALUES ('m1', 's', 1, 1, 'm1', 1, 'ACTIVE', '{}'), ('m2', 's', 1, 2, 'm2', 2, 'ACTIVE', '{}'), \
         ('m3', 's', 1, 3, 'm3', 3, 'ACTIVE', '{}');",
    )
    .execute(&pool)
    .await
    .unwrap();
    // A blast stored one copy of its file per message, under one id.
    for (message, file, data) in [("m1", "f1", &big[..]), ("m2", "f1", &big[..]), ("m3", "f2", &[][..])] {
        sqlx::query("INSERT INTO attachments (message_id, id, data) VALUES (?1, ?2, ?3)")
            .bind(message)
            .bind(file)
            .bind(data)
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
    url
}

#[tokio::test]
async fn files_stored_before_blobs_are_kept_whole_in_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_at(6, dir.path()).await;
    let store = sympod_store_sqlite::open(&url).await.unwrap();
    let mut read = Vec::new();
    let mut seq = 0;
    while let Some(chunk) = store.blob_chunk("f1", seq).await.unwrap() {
        assert!(chunk.len() == BLOB_CHUNK || store.blob_chunk("f1", seq + 1).await.unwrap().is_none());
        read.extend_from_slice(&chunk);
        seq += 1;
    }
    let big: Vec<u8> = (0..BLOB_CHUNK * 2 + 5).map(|i| (i % 253) as u8).collect();
    assert_eq!(seq, 3);
    assert!(read == big, "the file reads back as it was stored");
    assert_eq!(store.blob_chunk("f2", 0).await.unwrap(), None, "an empty file has no chunk");
    assert_eq!(store.sweep_blobs(i64::MAX).await.unwrap(), 0, "every migrated blob is still named");
}

#[tokio::test]
async fn a_database_from_before_dlp_gains_an_empty_dlp_store_and_keeps_its_messages() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, url) = migrated_to(7, dir.path()).await;
    sqlx::raw_sql(
        "INSERT INTO streams (id, kind, created_at, created_by, active, search_text) VALUES ('c3Q', 'ROOM', 1, 1, 1, '');
         INSERT INTO messages (id, stream_id, author_id, created_at, initial_id, initial_at, state, document) \
         VALUES ('bTE', 'c3Q', 1, 1, 'bTE', 1, 'ACTIVE', '{}');",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let store = sympod_store_sqlite::open(&url).await.unwrap();
    assert_eq!(store.dlp_generation().await.unwrap(), 0);
    assert!(store.dlp_policies().await.unwrap().is_empty());
    assert!(store.dlp_dictionaries().await.unwrap().is_empty());
    let kept = sympod_model::MessageId::parse("bTE").unwrap();
    assert_eq!(store.message_stream(&kept).await.unwrap().map(|s| s.to_string()), Some("c3Q".to_owned()));
}
