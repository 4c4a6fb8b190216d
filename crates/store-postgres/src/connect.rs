//! Opening a database: a `postgres://` or `postgresql://` URL, migrated at start.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{Notice, PgStore, Shared, listen};

/// Connections per instance. Two cores run a handful of queries at once usefully; the rest are
/// waits on row locks or on the WAL flush, and a few more connections cover those. Several
/// instances share the server's `max_connections` (100 by default): 8 each leaves room for ten.
const POOL_SIZE: u32 = 8;

/// Bounds on every session, so that an instance that stops mid-transaction (cut off, frozen)
/// cannot hold the locks every other instance waits for (the event counter among them) for long.
const SESSION_LIMITS: [(&str, &str); 2] =
    [("idle_in_transaction_session_timeout", "60s"), ("lock_timeout", "60s")];

/// Connects to the database at `url`, brings its schema up to date and starts listening to the
/// other instances. Instances that start at once migrate one after the other: sqlx holds an
/// advisory lock while it migrates.
pub async fn open(url: &str) -> anyhow::Result<PgStore> {
    let shown = redacted(url);
    let options = PgConnectOptions::from_str(url)
        .with_context(|| format!("invalid PostgreSQL URL {shown}"))?
        .options(SESSION_LIMITS);
    let pool = PgPoolOptions::new()
        .max_connections(POOL_SIZE)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options.clone())
        .await
        .with_context(|| format!("cannot connect to {shown}"))?;
    // During a rolling upgrade an instance of the previous version may start on a database that a
    // newer one has migrated: migrations only add, so it runs, not knowing the newest ones.
    let mut migrator = sqlx::migrate!("./migrations");
    migrator.set_ignore_missing(true);
    migrator.run(&pool).await.context("cannot migrate the database")?;
    let schema: Option<String> =
        sqlx::query_scalar("SELECT current_schema()").fetch_one(&pool).await.context("no current schema")?;
    let notice = Notice {
        channel: listen::channel_of(schema.as_deref().unwrap_or("public")),
        instance: instance_id()?,
    };
    let sink = crate::Sink::default();
    let listener = listen::subscribe(&options, &notice.channel)
        .await
        .with_context(|| format!("cannot listen on {shown}"))?;
    let task = tokio::spawn(listen::run(listener, options, notice.clone(), sink.clone()));
    tracing::info!(instance = %notice.instance, channel = %notice.channel, "PostgreSQL store open");
    Ok(PgStore { pool, shared: Arc::new(Shared { sink, notice, listener: task }) })
}

/// A random id for this instance's notifications.
fn instance_id() -> anyhow::Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for the instance id: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `url` without its password, for messages.
pub(crate) fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            let hidden = if user_info.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(redacted("postgres://me:s3cret@db:5432/sympod"), "postgres://me:***@db:5432/sympod");
        assert_eq!(redacted("postgres://me@db/sympod?x=1"), "postgres://me@db/sympod?x=1");
        assert_eq!(redacted("postgres://db/sympod"), "postgres://db/sympod");
    }
}
