//! Scratch schemas, for tests and benchmarks: a fresh, empty schema on a PostgreSQL server for one
//! test, dropped with its guard.
//!
//! A schema, not a database: `DROP DATABASE` forces a checkpoint (over a second here), while a
//! schema is created and dropped in milliseconds, and its store migrates into it like into a new
//! database (the URL sets `search_path`). The URL also sets `application_name` to the schema's
//! name, so the guard can end every connection the test left open before it drops the schema, and
//! `synchronous_commit = off`: a test needs no durability, and a commit then skips the WAL flush
//! (visibility and locking are unchanged). Schemas that a killed test run left behind are swept by
//! the next run.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use anyhow::Context;
use sqlx::{Connection, PgConnection};

/// The variable that names the server PostgreSQL tests run against. Unset: they are skipped.
pub const TEST_URL_VAR: &str = "SYMPOD_TEST_POSTGRES_URL";

/// Every scratch schema's name starts so, then a tag of the machine, the process id and a counter.
const PREFIX: &str = "sympod_t_";

/// A short tag of this machine (a hash of its host name), so that a sweep drops only the schemas of
/// this machine's dead processes, never those of another machine sharing the server.
fn host_tag() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let hash = name
        .trim()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:08x}", hash as u32)
}

/// The server PostgreSQL tests should run against, if any (`SYMPOD_TEST_POSTGRES_URL`).
pub fn test_server() -> Option<String> {
    std::env::var(TEST_URL_VAR).ok().filter(|url| !url.is_empty())
}

/// A schema of its own on a server; dropped, with everything in it, when this guard is.
#[derive(Debug)]
pub struct Scratch {
    server: String,
    name: String,
    url: String,
}

impl Scratch {
    /// Creates an empty schema on the server at `server` (a `postgres://` URL).
    pub async fn create(server: &str) -> anyhow::Result<Self> {
        static SWEPT: AtomicBool = AtomicBool::new(false);
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let mut conn = PgConnection::connect(server).await.context("cannot reach the test server")?;
        if !SWEPT.swap(true, Ordering::SeqCst) {
            sweep_abandoned(&mut conn).await?;
        }
        let name =
            format!("{PREFIX}{}_{}_{}", host_tag(), std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{name}\"")))
            .execute(&mut conn)
            .await
            .with_context(|| format!("cannot create schema {name}"))?;
        conn.close().await.ok();
        let separator = if server.contains('?') { '&' } else { '?' };
        let url = format!(
            "{server}{separator}options[search_path]={name}&options[synchronous_commit]=off&application_name={name}"
        );
        Ok(Self { server: server.to_owned(), name, url })
    }

    /// The URL of the schema: open a store on it.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema's name, which is also the `application_name` of connections opened with
    /// [`Scratch::url`].
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Scratch {
    /// Drops the schema from a thread of its own (a drop cannot await, and the test's runtime may be
    /// the one that drives the connections being ended), and waits for it.
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                let mut conn = PgConnection::connect(&server).await?;
                drop_schema(&mut conn, &name).await
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("warning: cannot drop the scratch schema {}: {e:#}", self.name),
            Err(_) => eprintln!("warning: dropping the scratch schema {} panicked", self.name),
        }
    }
}

/// Ends the connections of `name` (they hold no locks once ended) and drops the schema.
async fn drop_schema(conn: &mut PgConnection, name: &str) -> anyhow::Result<()> {
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE application_name = $1 AND pid <> pg_backend_pid()",
    )
    .bind(name)
    .execute(&mut *conn)
    .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE")))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Drops the scratch schemas of this machine's test processes that no longer run (killed before
/// their guards could drop them). Only where `/proc` tells which processes run.
async fn sweep_abandoned(conn: &mut PgConnection) -> anyhow::Result<()> {
    if !std::path::Path::new("/proc/self").exists() {
        return Ok(());
    }
    let mine = format!("{PREFIX}{}_", host_tag());
    let names: Vec<String> =
        sqlx::query_scalar("SELECT nspname::text FROM pg_namespace WHERE starts_with(nspname, $1)")
            .bind(&mine)
            .fetch_all(&mut *conn)
            .await?;
    for name in names {
        let pid = name[mine.len()..].split('_').next().and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            drop_schema(conn, &name).await?;
        }
    }
    Ok(())
}
