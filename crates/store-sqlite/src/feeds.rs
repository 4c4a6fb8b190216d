//! Feed rows, and the per-user view of the event log.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};
use sympod_model::event::Event;
use sympod_model::feed::{Feed, Pending};
use sympod_model::{Millis, UserId};
use sympod_store::{Mutation, StoreError, StoreResult};

use crate::classify;

const COLUMNS: &str = "id, owner, tag, include_invisible, created_at, last_read_at, acked_seq, pending_ack_id, pending_up_to, hose";

fn decode(row: &SqliteRow) -> Feed {
    let ack: Option<String> = row.get(7);
    let up_to: Option<i64> = row.get(8);
    Feed {
        id: row.get(0),
        owner: UserId(row.get(1)),
        tag: row.get(2),
        include_invisible: row.get(3),
        hose: row.get(9),
        created_at: row.get(4),
        last_read_at: row.get(5),
        acked_seq: row.get(6),
        pending: ack.zip(up_to).map(|(ack_id, up_to)| Pending { ack_id, up_to }),
    }
}

pub async fn create(pool: &SqlitePool, f: &Feed) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO feeds (id, owner, tag, include_invisible, created_at, last_read_at, acked_seq, pending_ack_id, \
         pending_up_to, hose) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .bind(&f.id)
    .bind(f.owner.0)
    .bind(&f.tag)
    .bind(f.include_invisible)
    .bind(f.created_at)
    .bind(f.last_read_at)
    .bind(f.acked_seq)
    .bind(f.pending.as_ref().map(|p| p.ack_id.clone()))
    .bind(f.pending.as_ref().map(|p| p.up_to))
    .bind(f.hose)
    .execute(pool)
    .await
    .map_err(classify)?;
    Ok(())
}

pub async fn one(pool: &SqlitePool, id: &str) -> StoreResult<Option<Feed>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM feeds WHERE id = ?1")))
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    Ok(row.as_ref().map(decode))
}

pub async fn of(pool: &SqlitePool, owner: UserId) -> StoreResult<Vec<Feed>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM feeds WHERE owner = ?1 ORDER BY created_at, rowid"
    )))
    .bind(owner.0)
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    Ok(rows.iter().map(decode).collect())
}

pub async fn modify(pool: &SqlitePool, id: &str, change: Mutation<'_, Feed>) -> StoreResult<Feed> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM feeds WHERE id = ?1")))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    let mut f = decode(&row);
    change(&mut f)?;
    sqlx::query(
        "UPDATE feeds SET last_read_at = ?2, acked_seq = ?3, pending_ack_id = ?4, pending_up_to = ?5 WHERE id = ?1",
    )
    .bind(id)
    .bind(f.last_read_at)
    .bind(f.acked_seq)
    .bind(f.pending.as_ref().map(|p| p.ack_id.clone()))
    .bind(f.pending.as_ref().map(|p| p.up_to))
    .execute(&mut *tx)
    .await
    .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(f)
}

pub async fn delete(pool: &SqlitePool, id: &str) -> StoreResult<()> {
    let done =
        sqlx::query("DELETE FROM feeds WHERE id = ?1").bind(id).execute(pool).await.map_err(classify)?;
    if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// See [`sympod_store::Store::prune_events`]. One write transaction per call, so a large backlog is
/// removed in bounded steps between other writes.
pub async fn prune(pool: &SqlitePool, live_since: Millis, before: Millis, limit: i64) -> StoreResult<u64> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let live: Option<i64> = sqlx::query_scalar("SELECT MIN(acked_seq) FROM feeds WHERE last_read_at >= ?1")
        .bind(live_since)
        .fetch_one(&mut *tx)
        .await
        .map_err(classify)?;
    let newest: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events")
        .fetch_one(&mut *tx)
        .await
        .map_err(classify)?;
    let bound = live.unwrap_or(i64::MAX).min(newest - 1);
    // The last of the `limit` oldest prunable events bounds this step.
    let upto: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(seq) FROM (SELECT seq FROM events WHERE seq <= ?1 AND at < ?2 ORDER BY seq LIMIT ?3)",
    )
    .bind(bound)
    .bind(before)
    .bind(limit)
    .fetch_one(&mut *tx)
    .await
    .map_err(classify)?;
    let Some(upto) = upto else { return Ok(0) };
    sqlx::query(
        "DELETE FROM event_audience WHERE seq IN (SELECT seq FROM events WHERE seq <= ?1 AND at < ?2)",
    )
    .bind(upto)
    .bind(before)
    .execute(&mut *tx)
    .await
    .map_err(classify)?;
    let done = sqlx::query("DELETE FROM events WHERE seq <= ?1 AND at < ?2")
        .bind(upto)
        .bind(before)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(done.rows_affected())
}

pub async fn last_seq(pool: &SqlitePool) -> StoreResult<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events").fetch_one(pool).await.map_err(classify)
}

pub async fn events_for(pool: &SqlitePool, user: UserId, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT e.seq, e.at, e.initiator, e.stream_id, e.stream_type, e.kind, e.audience FROM event_audience a \
         JOIN events e ON e.seq = a.seq WHERE a.user_id = ?1 AND a.seq > ?2 ORDER BY a.seq LIMIT ?3",
    )
    .bind(user.0)
    .bind(seq)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    rows.iter().map(crate::streams::decode_event).collect()
}
