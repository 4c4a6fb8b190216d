//! Stream and membership rows.

use std::collections::HashMap;

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, Row, Transaction};
use sympod_model::event::NewEvent;
use sympod_model::stream::{Member, StreamState};
use sympod_model::{MessageId, StreamId, UserId};
use sympod_store::record::{MemberRow, StreamRow};
use sympod_store::{StoreError, StoreResult, StreamMutation};

use crate::{Notice, classify, corrupt, events};

const COLUMNS: &str = "s.id, s.kind, s.created_at, s.created_by, s.active, s.conversation_key, s.pinned_message, \
     s.last_message_at, s.room, s.search_text";

fn decode_stream(row: &PgRow) -> StreamRow {
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

/// The members of each of `ids`, in one query, each stream's in the order they joined.
async fn members_of<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    ids: Vec<String>,
) -> StoreResult<HashMap<String, Vec<Member>>> {
    let rows = sqlx::query(
        "SELECT stream_id, user_id, pod_id, owner, joined_at, left_at FROM members WHERE stream_id = ANY($1) \
         ORDER BY stream_id, joined_at, user_id",
    )
    .bind(ids)
    .fetch_all(executor)
    .await
    .map_err(classify)?;
    let mut members: HashMap<String, Vec<Member>> = HashMap::new();
    for r in &rows {
        let member = MemberRow {
            user_id: r.get(1),
            pod_id: r.get(2),
            owner: r.get(3),
            joined_at: r.get(4),
            left_at: r.get(5),
        }
        .into_member();
        members.entry(r.get::<String, _>(0)).or_default().push(member);
    }
    Ok(members)
}

/// Loads the members of each stream row and assembles the states, in the rows' order.
async fn assemble<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    rows: Vec<PgRow>,
) -> StoreResult<Vec<StreamState>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let streams = rows
        .iter()
        .map(|r| decode_stream(r).into_stream().map_err(corrupt))
        .collect::<StoreResult<Vec<_>>>()?;
    let mut members = members_of(executor, streams.iter().map(|s| s.id.to_string()).collect()).await?;
    Ok(streams
        .into_iter()
        .map(|stream| {
            let members = members.remove(stream.id.as_str()).unwrap_or_default();
            StreamState { stream, members }
        })
        .collect())
}

/// Writes the stream row, and the memberships that differ from `before` (all of them for a new
/// stream).
pub async fn write_stream(
    tx: &mut Transaction<'_, Postgres>,
    state: &StreamState,
    before: Option<&[Member]>,
) -> StoreResult<()> {
    let row = StreamRow::of(&state.stream);
    let sql = if before.is_none() {
        "INSERT INTO streams (id, kind, created_at, created_by, active, conversation_key, pinned_message, \
         last_message_at, room, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    } else {
        "UPDATE streams SET kind = $2, created_at = $3, created_by = $4, active = $5, conversation_key = $6, \
         pinned_message = $7, last_message_at = $8, room = $9, search_text = $10 WHERE id = $1"
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
    let changed: Vec<&Member> =
        state.members.iter().filter(|m| !before.is_some_and(|b| b.contains(m))).collect();
    if changed.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO members (stream_id, user_id, pod_id, owner, joined_at, left_at) \
         SELECT $1, * FROM UNNEST($2::bigint[], $3::bigint[], $4::boolean[], $5::bigint[], $6::bigint[]) \
         ON CONFLICT (stream_id, user_id) DO UPDATE SET pod_id = EXCLUDED.pod_id, owner = EXCLUDED.owner, \
         joined_at = EXCLUDED.joined_at, left_at = EXCLUDED.left_at",
    )
    .bind(&row.id)
    .bind(changed.iter().map(|m| m.user.0).collect::<Vec<_>>())
    .bind(changed.iter().map(|m| m.pod.0).collect::<Vec<_>>())
    .bind(changed.iter().map(|m| m.owner).collect::<Vec<_>>())
    .bind(changed.iter().map(|m| m.joined_at).collect::<Vec<_>>())
    .bind(changed.iter().map(|m| m.left_at).collect::<Vec<_>>())
    .execute(&mut **tx)
    .await
    .map_err(classify)?;
    Ok(())
}

pub async fn create(
    pool: &PgPool,
    notice: &Notice,
    state: &StreamState,
    event: &NewEvent,
) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(classify)?;
    write_stream(&mut tx, state, None).await?;
    events::append(&mut tx, notice, std::slice::from_ref(event)).await?;
    tx.commit().await.map_err(classify)
}

pub async fn one(pool: &PgPool, condition: &'static str, value: &str) -> StoreResult<Option<StreamState>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM streams s WHERE {condition}")))
        .bind(value)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    Ok(assemble(pool, row.into_iter().collect()).await?.pop())
}

/// Reads a stream and its members inside a transaction, locking the stream's row until it ends:
/// every change to a stream, its members or its messages takes this lock first, so they take turns
/// across instances and each sees the last committed state.
pub async fn lock(tx: &mut Transaction<'_, Postgres>, id: &StreamId) -> StoreResult<StreamState> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM streams s WHERE s.id = $1 FOR UPDATE"
    )))
    .bind(id.as_str())
    .fetch_optional(&mut **tx)
    .await
    .map_err(classify)?
    .ok_or(StoreError::NotFound)?;
    assemble(&mut **tx, vec![row]).await?.pop().ok_or(StoreError::NotFound)
}

pub async fn modify(
    pool: &PgPool,
    notice: &Notice,
    id: &StreamId,
    change: StreamMutation<'_>,
) -> StoreResult<StreamState> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let mut state = lock(&mut tx, id).await?;
    let before = state.members.clone();
    let events = change(&mut state)?;
    write_stream(&mut tx, &state, Some(&before)).await?;
    events::append(&mut tx, notice, &events).await?;
    tx.commit().await.map_err(classify)?;
    Ok(state)
}

/// Streams chosen by `condition` (bound to `value` when given), oldest first.
pub async fn many(
    pool: &PgPool,
    condition: &'static str,
    value: Option<String>,
) -> StoreResult<Vec<StreamState>> {
    let sql = format!("SELECT {COLUMNS} FROM streams s WHERE {condition} ORDER BY s.created_at, s.ord");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(value).fetch_all(pool).await.map_err(classify)?;
    assemble(pool, rows).await
}

pub async fn streams_of(pool: &PgPool, user: UserId) -> StoreResult<Vec<StreamState>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM streams s JOIN members m ON m.stream_id = s.id \
         WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY s.created_at, s.ord"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(user.0).fetch_all(pool).await.map_err(classify)?;
    assemble(pool, rows).await
}

pub async fn message_stream(pool: &PgPool, id: &MessageId) -> StoreResult<Option<StreamId>> {
    let stream: Option<String> = sqlx::query_scalar("SELECT stream_id FROM messages WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    stream.map(|s| StreamId::parse(&s).map_err(|e| corrupt(e.into()))).transpose()
}
