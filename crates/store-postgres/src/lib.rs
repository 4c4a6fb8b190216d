//! sympod's shared store: PostgreSQL, through sqlx, for several sympod instances on one database.
//!
//! Every method is one transaction at PostgreSQL's default isolation, READ COMMITTED. A
//! read-modify-write reads its row with `SELECT ... FOR UPDATE` first, so concurrent writers on any
//! instance take turns on that row and each sees the last committed version: nothing retries. Rows
//! are always locked in the same order (the user, app or feed alone; a stream, then its messages,
//! then the event counter), so these waits cannot deadlock.
//!
//! Events are numbered by one counter row that the appending transaction holds until it commits
//! ([`events`]): appenders commit in sequence order, so no reader ever skips an event. Each such
//! transaction also issues a `NOTIFY` naming its audience, which the other instances hear through a
//! `LISTEN`ing connection ([`listen`]) and pass to their datafeed reads; the log stays the source
//! of truth, and a lost notification only delays a read until the end of its wait.
//!
//! Durability: PostgreSQL's default `synchronous_commit = on`, so a commit is flushed to the WAL
//! before the request that made it is answered.

mod apps;
mod blobs;
mod connect;
mod dlp;
mod events;
mod feeds;
mod listen;
mod messages;
pub mod scratch;
mod store;
mod streams;
mod users;

use std::sync::{Arc, RwLock};

use sqlx::PgPool;
use sympod_model::UserId;
use sympod_store::{EventSink, StoreError, Wake};

pub use connect::open;

/// The PostgreSQL implementation of [`sympod_store::Store`].
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    shared: Arc<Shared>,
}

/// What the clones of one store share.
struct Shared {
    /// Told of the events each commit appended, this instance's and (by the listener) the others'.
    sink: Sink,
    notice: Notice,
    /// The task that listens to the other instances; it ends with the store.
    listener: tokio::task::JoinHandle<()>,
}

impl Drop for Shared {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

/// The sink the application registered, if any.
pub(crate) type Sink = Arc<RwLock<Option<EventSink>>>;

/// How this instance tells the others of its commits: the channel they all listen on, and the id
/// by which it recognises its own notifications.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    pub channel: String,
    pub instance: String,
}

impl PgStore {
    /// The id this instance signs its notifications with (random, one per opened store).
    pub fn instance(&self) -> &str {
        &self.shared.notice.instance
    }

    /// Tells the sink who may have new events, once their transaction has committed.
    fn wake(&self, users: &[UserId]) {
        if !users.is_empty() {
            tell(&self.shared.sink, Wake::Users(users));
        }
    }
}

/// Calls the sink, if one is registered.
pub(crate) fn tell(sink: &Sink, wake: Wake<'_>) {
    let sink = sink.read().unwrap_or_else(|e| e.into_inner()).clone();
    if let Some(sink) = sink {
        sink(wake);
    }
}

/// Classifies an sqlx error: unique violations name what they hit (in the words of the SQLite
/// backend), the rest is unavailability.
pub(crate) fn classify(err: sqlx::Error) -> StoreError {
    if let Some(db) = err.as_database_error()
        && db.is_unique_violation()
    {
        let what = match db.constraint() {
            Some("users_username_unique") => "username",
            Some("users_email_unique") => "email",
            Some("apps_app_id_unique") => "appId",
            Some("pods_company_unique") => "company",
            Some("messages_one_successor") => "successor",
            Some("streams_conversation_unique") => "conversation",
            Some("dlp_dictionaries_name_unique" | "dlp_policies_name_unique") => "name",
            _ => "record",
        };
        return StoreError::Conflict(what.to_owned());
    }
    StoreError::Unavailable(err.into())
}

pub(crate) fn corrupt(err: anyhow::Error) -> StoreError {
    StoreError::Unavailable(err.context("a stored record could not be decoded"))
}

/// Escapes `%`, `_` and the escape character itself for a `LIKE ... ESCAPE '\'` pattern.
pub(crate) fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A page size as PostgreSQL takes it: a negative limit means none (as in SQLite).
pub(crate) fn page_limit(limit: i64) -> Option<i64> {
    (limit >= 0).then_some(limit)
}
