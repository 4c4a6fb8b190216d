//! Message and attachment rows.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use sympod_model::message::Message;
use sympod_model::{MessageId, StreamId};
use sympod_store::record::MessageRow;
use sympod_store::{ChainMutation, MessageCheck, MessagePage, StoreError, StoreResult};

use crate::streams::{append_event, load, write_stream};
use crate::{classify, corrupt};

const COLUMNS: &str =
    "id, stream_id, author_id, created_at, initial_id, initial_at, replaces, replaced_by, state, document";

fn decode(row: &SqliteRow) -> StoreResult<Message> {
    MessageRow {
        id: row.get(0),
        stream_id: row.get(1),
        author_id: row.get(2),
        created_at: row.get(3),
        initial_id: row.get(4),
        initial_at: row.get(5),
        replaces: row.get(6),
        replaced_by: row.get(7),
        state: row.get(8),
        document: row.get(9),
    }
    .into_message()
    .map_err(corrupt)
}

async fn one_in(tx: &mut Transaction<'_, Sqlite>, id: &MessageId) -> StoreResult<Option<Message>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM messages WHERE id = ?1")))
        .bind(id.as_str())
        .fetch_optional(&mut **tx)
        .await
        .map_err(classify)?;
    row.as_ref().map(decode).transpose()
}

async fn write(tx: &mut Transaction<'_, Sqlite>, m: &Message, insert: bool) -> StoreResult<()> {
    let r = MessageRow::of(m);
    let sql = if insert {
        "INSERT INTO messages (id, stream_id, author_id, created_at, initial_id, initial_at, replaces, replaced_by, \
         state, document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    } else {
        "UPDATE messages SET stream_id = ?2, author_id = ?3, created_at = ?4, initial_id = ?5, initial_at = ?6, \
         replaces = ?7, replaced_by = ?8, state = ?9, document = ?10 WHERE id = ?1"
    };
    sqlx::query(sql)
        .bind(&r.id)
        .bind(&r.stream_id)
        .bind(r.author_id)
        .bind(r.created_at)
        .bind(&r.initial_id)
        .bind(r.initial_at)
        .bind(&r.replaces)
        .bind(&r.replaced_by)
        .bind(&r.state)
        .bind(&r.document)
        .execute(&mut **tx)
        .await
        .map_err(classify)?;
    Ok(())
}

pub async fn post(pool: &SqlitePool, message: &Message, check: MessageCheck<'_>) -> StoreResult<Message> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let mut state = load(&mut tx, &message.stream).await?;
    let old = match &message.replaces {
        Some(old_id) => {
            let old = one_in(&mut tx, old_id).await?.filter(|m| m.stream == message.stream);
            Some(old.ok_or(StoreError::NotFound)?)
        }
        None => None,
    };
    let mut new = message.clone();
    new.created_at = new.created_at.max(state.stream.last_message_at.map_or(i64::MIN, |t| t + 1));
    match &old {
        Some(old) => {
            new.initial_id = old.initial_id.clone();
            new.initial_at = old.initial_at;
        }
        None => {
            new.initial_id = new.id.clone();
            new.initial_at = new.created_at;
        }
    }
    let events = check(&state, old.as_ref(), &new)?;
    write(&mut tx, &new, true).await?;
    crate::blobs::attach(&mut tx, &new).await?;
    if let Some(mut old) = old {
        old.replaced_by = Some(new.id.clone());
        write(&mut tx, &old, false).await?;
        // The pin follows the chain: a pin of any version of it moves to the new one.
        if let Some(pinned) = state.stream.pinned_message.clone() {
            let pinned_chain: Option<String> =
                sqlx::query_scalar("SELECT initial_id FROM messages WHERE id = ?1")
                    .bind(pinned.as_str())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(classify)?;
            if pinned_chain.as_deref() == Some(new.initial_id.as_str()) {
                state.stream.pinned_message = Some(new.id.clone());
            }
        }
    }
    state.stream.last_message_at = Some(new.created_at);
    write_stream(&mut tx, &state, false).await?;
    for event in &events {
        append_event(&mut tx, event).await?;
    }
    tx.commit().await.map_err(classify)?;
    Ok(new)
}

pub async fn modify_chain(
    pool: &SqlitePool,
    id: &MessageId,
    change: ChainMutation<'_>,
) -> StoreResult<Vec<Message>> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let message = one_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages WHERE stream_id = ?1 AND initial_id = ?2 ORDER BY created_at, rowid"
    )))
    .bind(message.stream.as_str())
    .bind(message.initial_id.as_str())
    .fetch_all(&mut *tx)
    .await
    .map_err(classify)?;
    let mut chain = rows.iter().map(decode).collect::<StoreResult<Vec<_>>>()?;
    let state = load(&mut tx, &message.stream).await?;
    let events = change(&state, &mut chain)?;
    for m in &chain {
        write(&mut tx, m, false).await?;
        crate::blobs::release_unlisted(&mut tx, m).await?;
    }
    for event in &events {
        append_event(&mut tx, event).await?;
    }
    tx.commit().await.map_err(classify)?;
    Ok(chain)
}

pub async fn one(pool: &SqlitePool, id: &MessageId) -> StoreResult<Option<Message>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM messages WHERE id = ?1")))
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    row.as_ref().map(decode).transpose()
}

pub async fn newest(pool: &SqlitePool, stream: &StreamId, page: MessagePage) -> StoreResult<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages WHERE stream_id = ?1 AND replaced_by IS NULL AND created_at >= ?2 \
         AND (?5 IS NULL OR created_at <= ?5) AND initial_at >= ?6 ORDER BY created_at, rowid LIMIT ?3 OFFSET ?4"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(stream.as_str())
        .bind(page.since)
        .bind(page.limit)
        .bind(page.skip)
        .bind(page.until)
        .bind(page.visible_from)
        .fetch_all(pool)
        .await
        .map_err(classify)?
        .iter()
        .map(decode)
        .collect()
}
