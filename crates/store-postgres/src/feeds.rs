//! Feed rows.

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};
use sympod_model::UserId;
use sympod_model::feed::{Feed, Pending};
use sympod_store::{Mutation, StoreError, StoreResult};

use crate::classify;

const COLUMNS: &str = "id, owner, tag, include_invisible, created_at, last_read_at, acked_seq, pending_ack_id, pending_up_to, hose";

fn decode(row: &PgRow) -> Feed {
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

pub async fn create(pool: &PgPool, f: &Feed) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO feeds (id, owner, tag, include_invisible, created_at, last_read_at, acked_seq, pending_ack_id, \
         pending_up_to, hose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
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

pub async fn one(pool: &PgPool, id: &str) -> StoreResult<Option<Feed>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM feeds WHERE id = $1")))
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    Ok(row.as_ref().map(decode))
}

pub async fn of(pool: &PgPool, owner: UserId) -> StoreResult<Vec<Feed>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM feeds WHERE owner = $1 ORDER BY created_at, ord"
    )))
    .bind(owner.0)
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    Ok(rows.iter().map(decode).collect())
}

/// Applies `change` under the feed's row lock: two reads of one feed (on any instances) take turns.
pub async fn modify(pool: &PgPool, id: &str, change: Mutation<'_, Feed>) -> StoreResult<Feed> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let row =
        sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM feeds WHERE id = $1 FOR UPDATE")))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(classify)?
            .ok_or(StoreError::NotFound)?;
    let mut f = decode(&row);
    change(&mut f)?;
    sqlx::query(
        "UPDATE feeds SET last_read_at = $2, acked_seq = $3, pending_ack_id = $4, pending_up_to = $5 WHERE id = $1",
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

pub async fn delete(pool: &PgPool, id: &str) -> StoreResult<()> {
    let done =
        sqlx::query("DELETE FROM feeds WHERE id = $1").bind(id).execute(pool).await.map_err(classify)?;
    if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
