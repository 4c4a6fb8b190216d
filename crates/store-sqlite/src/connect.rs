//! Opening a database: `sqlite://PATH` (created if missing) or `sqlite::memory:`.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::SqliteStore;

/// Readers that may run at once. Two cores serve at most a handful of concurrent queries usefully.
const READERS: u32 = 4;

/// Opens (creating if needed) the database at `url` and brings its schema up to date.
pub async fn open(url: &str) -> anyhow::Result<SqliteStore> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("invalid SQLite URL {url}"))?
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let options = if memory {
        options
    } else {
        // WAL lets readers run beside the writer; FULL fsyncs every commit, so an answered write
        // survives `kill -9` and power loss alike.
        options.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full)
    };
    if let Some(path) = options.get_filename().parent().filter(|p| !memory && !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    // A memory database exists only inside its connection: keep exactly one, forever.
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options.clone())
        .await
        .with_context(|| format!("cannot open {url}"))?;
    sqlx::migrate!("./migrations").run(&writer).await.context("cannot migrate the database")?;
    if !memory {
        owner_only(options.get_filename())?;
    }
    let reader = if memory {
        writer.clone()
    } else {
        SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(options.read_only(true))
            .await
            .with_context(|| format!("cannot open {url} for reading"))?
    };
    Ok(SqliteStore { writer, reader, sink: Default::default() })
}

/// The database holds the secret that signs session tokens: only its owner may read it, nor its
/// `-wal` and `-shm` files (which WAL mode has created by now).
fn owner_only(path: &std::path::Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm"] {
        use std::os::unix::fs::PermissionsExt;
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let file = std::path::PathBuf::from(file);
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot restrict {}", file.display()))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
