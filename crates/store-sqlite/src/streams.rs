//! Stream, membership and event rows.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use sympod_model::event::{Event, NewEvent};
use sympod_model::stream::{Member, StreamState};
use sympod_model::{MessageId, StreamId, UserId};
use sympod_store::record::{EventRow, MemberRow, StreamRow};
use sympod_store::{StoreError, StoreResult, StreamMutation};

use crate::{classify, corrupt};

const COLUMNS: &str = "s.id, s.kind, s.created_at, s.created_by, s.active, s.conversation_key, s.pinned_message, \
     s.last_message_at, s.room, s.search_text";

fn decode_stream(row: &SqliteRow) -> StreamRow {
    StreamRow {
        id: row.get(0),
        kind: row.get(1),
        created_at: row.get(2),
        created_by: row.get(3),
        active: row.get(4),
        conversation_key: row.get(5),
        pinned_message: row.get(6),
        last_message_at: row.get(7),
        room: row.get(8),
        search_text: row.get(9),
    }
}

/// Loads the members of each stream row and assembles the states, in the rows' order.
async fn assemble<'e, E>(executor: E, rows: Vec<SqliteRow>) -> StoreResult<Vec<StreamState>>
where
    E: sqlx::Executor<'e, Database = Sqlite> + Copy,
{
    let mut states = Vec::with_capacity(rows.len());
    for row in rows {
        let stream = decode_stream(&row).into_stream().map_err(corrupt)?;
        let members = members_of(executor, &stream.id).await?;
        states.push(StreamState { stream, members });
    }
    Ok(states)
}

async fn members_of<'e, E>(executor: E, id: &StreamId) -> StoreResult<Vec<Member>>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let rows = sqlx::query(
        "SELECT user_id, pod_id, owner, joined_at, left_at FROM members WHERE stream_id = ?1 ORDER BY joined_at, user_id",
    )
    .bind(id.as_str())
    .fetch_all(executor)
    .await
    .map_err(classify)?;
    Ok(rows
        .iter()
        .map(|r| {
            MemberRow {
                user_id: r.get(0),
                pod_id: r.get(1),
                owner: r.get(2),
                joined_at: r.get(3),
                left_at: r.get(4),
            }
            .into_member()
        })
        .collect())
}

pub async fn write_stream(
    tx: &mut Transaction<'_, Sqlite>,
    state: &StreamState,
    insert: bool,
) -> StoreResult<()> {
    let row = StreamRow::of(&state.stream);
    let sql = if insert {
        "INSERT INTO streams (id, kind, created_at, created_by, active, conversation_key, pinned_message, \
         last_message_at, room, search_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    } else {
        "UPDATE streams SET kind = ?2, created_at = ?3, created_by = ?4, active = ?5, conversation_key = ?6, \
         pinned_message = ?7, last_message_at = ?8, room = ?9, search_text = ?10 WHERE id = ?1"
    };
    sqlx::query(sql)
        .bind(&row.id)
        .bind(&row.kind)
        .bind(row.created_at)
        .bind(row.created_by)
        .bind(row.active)
        .bind(&row.conversation_key)
        .bind(&row.pinned_message)
        .bind(row.last_message_at)
        .bind(&row.room)
        .bind(&row.search_text)
        .execute(&mut **tx)
        .await
        .map_err(|e| match classify(e) {
            StoreError::Conflict(_) => StoreError::Conflict("conversation".into()),
            other => other,
        })?;
    for m in &state.members {
        sqlx::query(
            "INSERT INTO members (stream_id, user_id, pod_id, owner, joined_at, left_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (stream_id, user_id) DO UPDATE SET pod_id = ?3, owner = ?4, joined_at = ?5, left_at = ?6",
        )
        .bind(&row.id)
        .bind(m.user.0)
        .bind(m.pod.0)
        .bind(m.owner)
        .bind(m.joined_at)
        .bind(m.left_at)
        .execute(&mut **tx)
        .await
        .map_err(classify)?;
    }
    Ok(())
}

/// Appends an event and its audience.
pub async fn append_event(tx: &mut Transaction<'_, Sqlite>, event: &NewEvent) -> StoreResult<i64> {
    let row = EventRow::of(event);
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO events (at, initiator, stream_id, stream_type, kind, audience) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING seq",
    )
    .bind(row.at)
    .bind(row.initiator)
    .bind(&row.stream_id)
    .bind(&row.stream_type)
    .bind(&row.kind)
    .bind(&row.audience)
    .fetch_one(&mut **tx)
    .await
    .map_err(classify)?;
    for user in &event.audience {
        sqlx::query("INSERT OR IGNORE INTO event_audience (user_id, seq) VALUES (?1, ?2)")
            .bind(user.0)
            .bind(seq)
            .execute(&mut **tx)
            .await
            .map_err(classify)?;
    }
    Ok(seq)
}

pub async fn create(pool: &SqlitePool, state: &StreamState, event: &NewEvent) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(classify)?;
    write_stream(&mut tx, state, true).await?;
    append_event(&mut tx, event).await?;
    tx.commit().await.map_err(classify)
}

pub async fn one(
    pool: &SqlitePool,
    condition: &'static str,
    value: &str,
) -> StoreResult<Option<StreamState>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM streams s WHERE {condition}")))
        .bind(value)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    Ok(assemble(pool, row.into_iter().collect()).await?.pop())
}

/// Reads a stream and its members inside a transaction.
pub async fn load(tx: &mut Transaction<'_, Sqlite>, id: &StreamId) -> StoreResult<StreamState> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM streams s WHERE s.id = ?1")))
        .bind(id.as_str())
        .fetch_optional(&mut **tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    let stream = decode_stream(&row).into_stream().map_err(corrupt)?;
    let members = members_of(&mut **tx, id).await?;
    Ok(StreamState { stream, members })
}

pub async fn modify(
    pool: &SqlitePool,
    id: &StreamId,
    change: StreamMutation<'_>,
) -> StoreResult<StreamState> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let mut state = load(&mut tx, id).await?;
    let events = change(&mut state)?;
    write_stream(&mut tx, &state, false).await?;
    for event in &events {
        append_event(&mut tx, event).await?;
    }
    tx.commit().await.map_err(classify)?;
    Ok(state)
}

/// Streams chosen by `condition` (bound to `value` when given), oldest first.
pub async fn many(
    pool: &SqlitePool,
    condition: &'static str,
    value: Option<String>,
) -> StoreResult<Vec<StreamState>> {
    let sql = format!("SELECT {COLUMNS} FROM streams s WHERE {condition} ORDER BY s.created_at, s.rowid");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(value).fetch_all(pool).await.map_err(classify)?;
    assemble(pool, rows).await
}

pub async fn streams_of(pool: &SqlitePool, user: UserId) -> StoreResult<Vec<StreamState>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM streams s JOIN members m ON m.stream_id = s.id \
         WHERE m.user_id = ?1 AND m.left_at IS NULL ORDER BY s.created_at, s.rowid"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(user.0).fetch_all(pool).await.map_err(classify)?;
    assemble(pool, rows).await
}

pub async fn message_stream(pool: &SqlitePool, id: &MessageId) -> StoreResult<Option<StreamId>> {
    let stream: Option<String> = sqlx::query_scalar("SELECT stream_id FROM messages WHERE id = ?1")
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    stream.map(|s| StreamId::parse(&s).map_err(|e| corrupt(e.into()))).transpose()
}

pub async fn events_after(pool: &SqlitePool, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT seq, at, initiator, stream_id, stream_type, kind, audience FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )
    .bind(seq)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    rows.iter().map(decode_event).collect()
}

/// An event from a row of `seq, at, initiator, stream_id, stream_type, kind, audience`.
pub fn decode_event(r: &SqliteRow) -> StoreResult<Event> {
    EventRow {
        seq: r.get(0),
        at: r.get(1),
        initiator: r.get(2),
        stream_id: r.get(3),
        stream_type: r.get(4),
        kind: r.get(5),
        audience: r.get(6),
    }
    .into_event()
    .map_err(corrupt)
}
