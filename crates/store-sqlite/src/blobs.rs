//! File bytes: blobs in chunks of `BLOB_CHUNK` bytes, written and read one chunk at a time.

use sqlx::{Sqlite, SqlitePool, Transaction};
use sympod_model::message::Message;
use sympod_model::{Millis, RuleError};
use sympod_store::{BLOB_CHUNK, FileBody, StoreResult};

use crate::classify;

pub async fn put(pool: &SqlitePool, id: &str, body: &FileBody, at: Millis) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(classify)?;
    sqlx::query("INSERT INTO blobs (id, size, created_at) VALUES (?1, ?2, ?3)")
        .bind(id)
        .bind(i64::try_from(body.len()).unwrap_or(i64::MAX))
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    for (seq, chunk) in body.chunks().enumerate() {
        debug_assert!(chunk.len() <= BLOB_CHUNK);
        sqlx::query("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?1, ?2, ?3)")
            .bind(id)
            .bind(seq as i64)
            .bind(chunk.as_ref())
            .execute(&mut *tx)
            .await
            .map_err(classify)?;
    }
    tx.commit().await.map_err(classify)
}

pub async fn chunk(pool: &SqlitePool, id: &str, seq: i64) -> StoreResult<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT data FROM blob_chunks WHERE blob_id = ?1 AND seq = ?2")
        .bind(id)
        .bind(seq)
        .fetch_optional(pool)
        .await
        .map_err(classify)
}

pub async fn sweep(pool: &SqlitePool, before: Millis) -> StoreResult<u64> {
    let done = sqlx::query(
        "DELETE FROM blobs WHERE created_at < ?1 AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.id = blobs.id)",
    )
    .bind(before)
    .execute(pool)
    .await
    .map_err(classify)?;
    Ok(done.rows_affected())
}

/// Names the blobs of `message`'s attachments from it; each must have been put.
pub async fn attach(tx: &mut Transaction<'_, Sqlite>, message: &Message) -> StoreResult<()> {
    for file in &message.attachments {
        let stored: Option<i64> = sqlx::query_scalar("SELECT 1 FROM blobs WHERE id = ?1")
            .bind(&file.id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(classify)?;
        if stored.is_none() {
            return Err(RuleError::invalid(format!("The file {} was not uploaded", file.name)).into());
        }
        sqlx::query("INSERT INTO attachments (message_id, id) VALUES (?1, ?2)")
            .bind(message.id.as_str())
            .bind(&file.id)
            .execute(&mut **tx)
            .await
            .map_err(classify)?;
    }
    Ok(())
}

/// Lets go of the files `message` no longer lists; a blob nothing names any more is deleted.
pub async fn release_unlisted(tx: &mut Transaction<'_, Sqlite>, message: &Message) -> StoreResult<()> {
    let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM attachments WHERE message_id = ?1")
        .bind(message.id.as_str())
        .fetch_all(&mut **tx)
        .await
        .map_err(classify)?;
    for file in stored.iter().filter(|f| !message.attachments.iter().any(|a| &a.id == *f)) {
        sqlx::query("DELETE FROM attachments WHERE message_id = ?1 AND id = ?2")
            .bind(message.id.as_str())
            .bind(file)
            .execute(&mut **tx)
            .await
            .map_err(classify)?;
        sqlx::query(
            "DELETE FROM blobs WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM attachments WHERE id = ?1)",
        )
        .bind(file)
        .execute(&mut **tx)
        .await
        .map_err(classify)?;
    }
    Ok(())
}
