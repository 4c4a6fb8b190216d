//! The event log: appending in sequence order, and the reads datafeeds make.
//!
//! A `BIGSERIAL` would number events in the order transactions *start* appending, but they may
//! commit in another order: a reader could see seq 11 committed while seq 10 is still in flight,
//! move its cursor past 10, and never see it. So sequence numbers come from one counter row,
//! `event_counter`, which the appending transaction updates and thereby locks until it commits or
//! rolls back. The next appender waits on that lock, and PostgreSQL releases it only once the
//! holder's commit is visible to everyone; so appenders commit one after the other, in seq order,
//! and any snapshot that sees seq n sees every seq below it. A rollback undoes its increment: no
//! gaps either.
//!
//! The lock is held from the counter update to the commit, so transactions take it as their last
//! step (after their own row locks: the order is always rows, then counter). The cost is that event
//! appends commit one at a time across all instances, which SQLite's single writer does as well.

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, Row, Transaction};
use sympod_model::event::{Event, NewEvent};
use sympod_model::{Millis, UserId};
use sympod_store::StoreResult;
use sympod_store::record::EventRow;

use crate::{Notice, classify, corrupt, listen, page_limit};

/// Appends `events`, in order, with their audience, and notifies the other instances (PostgreSQL
/// delivers the notification when, and only if, `tx` commits).
pub async fn append(
    tx: &mut Transaction<'_, Postgres>,
    notice: &Notice,
    events: &[NewEvent],
) -> StoreResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let payload = listen::payload(&notice.instance, &sympod_store::audience(events));
    let count = i64::try_from(events.len()).unwrap_or(i64::MAX);
    let last: i64 = sqlx::query_scalar(
        "WITH c AS (UPDATE event_counter SET last = last + $1 RETURNING last) \
         SELECT c.last FROM c, pg_notify($2, $3)",
    )
    .bind(count)
    .bind(&notice.channel)
    .bind(payload)
    .fetch_one(&mut **tx)
    .await
    .map_err(classify)?;
    let rows: Vec<EventRow> = events.iter().map(EventRow::of).collect();
    let seqs: Vec<i64> = (last - count + 1..=last).collect();
    sqlx::query(
        "INSERT INTO events (seq, at, initiator, stream_id, stream_type, kind, audience) \
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])",
    )
    .bind(&seqs)
    .bind(rows.iter().map(|r| r.at).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.initiator).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.stream_id.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.stream_type.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.kind.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.audience.clone()).collect::<Vec<_>>())
    .execute(&mut **tx)
    .await
    .map_err(classify)?;
    let (users, user_seqs): (Vec<i64>, Vec<i64>) =
        events.iter().zip(&seqs).flat_map(|(e, &seq)| e.audience.iter().map(move |u| (u.0, seq))).unzip();
    sqlx::query(
        "INSERT INTO event_audience (user_id, seq) SELECT * FROM UNNEST($1::bigint[], $2::bigint[]) \
         ON CONFLICT DO NOTHING",
    )
    .bind(users)
    .bind(user_seqs)
    .execute(&mut **tx)
    .await
    .map_err(classify)?;
    Ok(())
}

/// See [`sympod_store::Store::prune_events`]. A feed made meanwhile starts after the newest event,
/// appended after `before`, so it never needs what this deletes.
pub async fn prune(pool: &PgPool, live_since: Millis, before: Millis, limit: i64) -> StoreResult<u64> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let upto: Option<i64> = sqlx::query_scalar(
        "WITH bound AS (            SELECT LEAST(              (SELECT MIN(acked_seq) FROM feeds WHERE last_read_at >= $1),              (SELECT MAX(seq) - 1 FROM events)) AS seq)          SELECT MAX(seq) FROM (SELECT e.seq FROM events e, bound b            WHERE e.seq <= b.seq AND e.at < $2 ORDER BY e.seq LIMIT $3) oldest",
    )
    .bind(live_since)
    .bind(before)
    .bind(limit)
    .fetch_one(&mut *tx)
    .await
    .map_err(classify)?;
    let Some(upto) = upto else { return Ok(0) };
    sqlx::query(
        "DELETE FROM event_audience WHERE seq IN (SELECT seq FROM events WHERE seq <= $1 AND at < $2)",
    )
    .bind(upto)
    .bind(before)
    .execute(&mut *tx)
    .await
    .map_err(classify)?;
    let done = sqlx::query("DELETE FROM events WHERE seq <= $1 AND at < $2")
        .bind(upto)
        .bind(before)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(done.rows_affected())
}

pub async fn last_seq(pool: &PgPool) -> StoreResult<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0)::bigint FROM events")
        .fetch_one(pool)
        .await
        .map_err(classify)
}

pub async fn events_for(pool: &PgPool, user: UserId, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT e.seq, e.at, e.initiator, e.stream_id, e.stream_type, e.kind, e.audience FROM event_audience a \
         JOIN events e ON e.seq = a.seq WHERE a.user_id = $1 AND a.seq > $2 ORDER BY a.seq LIMIT $3",
    )
    .bind(user.0)
    .bind(seq)
    .bind(page_limit(limit))
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    rows.iter().map(decode).collect()
}

pub async fn events_after(pool: &PgPool, seq: i64, limit: i64) -> StoreResult<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT seq, at, initiator, stream_id, stream_type, kind, audience FROM events WHERE seq > $1 \
         ORDER BY seq LIMIT $2",
    )
    .bind(seq)
    .bind(page_limit(limit))
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    rows.iter().map(decode).collect()
}

/// An event from a row of `seq, at, initiator, stream_id, stream_type, kind, audience`.
fn decode(r: &PgRow) -> StoreResult<Event> {
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
