//! The sympod server: configuration, the composition root, and `run`.
//!
//! [`build`] is the one place where the store, the clock, the use cases and the router are put
//! together; [`run`] serves a router on a listener until its shutdown future completes. The binary
//! and the tests both go through them, so tests bind port 0 and stop the server on purpose.

pub mod config;
pub mod keygen;
pub mod quickstart;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use sympod_core::{Clock, Core, CoreConfig, SystemClock};
use sympod_http::AppState;
use sympod_store::Store;
use tokio::net::TcpListener;

use crate::config::Settings;

/// Opens the store a database URL names: `sqlite://PATH` or `sqlite::memory:` (embedded, one
/// instance), or `postgres://...` / `postgresql://...` (shared by any number of instances).
pub async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        return Ok(Arc::new(sympod_store_sqlite::open(url).await?));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Arc::new(sympod_store_postgres::open(url).await?));
    }
    // Only the scheme: the rest may hold a password.
    let scheme = url.split(':').next().unwrap_or_default();
    anyhow::bail!(
        "unsupported database URL scheme {scheme:?}: use sqlite://PATH, sqlite::memory: or postgres://USER@HOST/DATABASE"
    )
}

/// Builds the use cases and the router on `store`.
pub async fn build(
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    config: CoreConfig,
    public_url: &str,
) -> anyhow::Result<(Arc<Core>, Router)> {
    let core = Arc::new(Core::new(store, clock, config).await?);
    let router = sympod_http::router(AppState { core: core.clone(), public_url: public_url.into() });
    Ok((core, router))
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn run(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router).with_graceful_shutdown(shutdown).await
}

/// The URL a local client reaches `addr` at (an unspecified address means this machine).
pub fn local_url(addr: SocketAddr) -> String {
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_owned() } else { addr.ip().to_string() };
    format!("http://{host}:{}", addr.port())
}

/// `sympod serve`: binds, opens the store, bootstraps the admin or runs the quick start, and serves
/// until Ctrl-C or SIGTERM.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let listener = TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let addr = listener.local_addr()?;
    let store = open_store(&settings.database).await?;
    let config = CoreConfig {
        company: settings.company.clone(),
        session_lifetime_ms: i64::try_from(settings.session_lifetime_secs)
            .unwrap_or(i64::MAX / 1000)
            .saturating_mul(1000),
        simplified_key_delivery: settings.simplified_key_delivery,
        max_attachment_bytes: settings.max_attachment_bytes,
        datafeed_wait_ms: settings.datafeed_wait_ms,
        datafeed_expiry_ms: i64::try_from(settings.datafeed_expiry_ms).unwrap_or(i64::MAX),
        ..CoreConfig::default()
    };
    let (core, router) = build(store, Arc::new(SystemClock), config, &local_url(addr)).await?;
    match &settings.admin {
        Some((username, key_path)) => {
            let pem = std::fs::read_to_string(key_path)
                .with_context(|| format!("cannot read {}", key_path.display()))?;
            // Instances started at once on one database may both find no admin and create it:
            // the one that loses the race finds it the second time.
            let admin = match core.ensure_admin(username, &pem).await {
                Err(sympod_core::CoreError::Conflict(_)) => core.ensure_admin(username, &pem).await,
                done => done,
            }
            .map_err(|e| anyhow::anyhow!("bootstrap admin: {e}"))?;
            tracing::info!(user.id = admin.id.0, user.username = %admin.username, "bootstrap admin ready");
        }
        None => quickstart::run(&core, &settings.data_dir, addr).await?,
    }
    tokio::spawn(hourly_upkeep(core.clone()));
    tracing::info!(listen = %addr, startup_ms = started.elapsed().as_millis() as u64, "sympod is serving");
    println!("sympod {} listening on {}", env!("CARGO_PKG_VERSION"), local_url(addr));
    run(listener, router, shutdown_signal()).await?;
    tracing::info!("sympod stopped");
    Ok(())
}

/// Every hour, removes the files of messages that were never posted, and the events no datafeed
/// can deliver any more. Several instances may do it at once: each step is its own transaction.
async fn hourly_upkeep(core: Arc<Core>) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        match core.sweep_orphan_files().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(files = n, "removed files of messages never posted"),
            Err(e) => tracing::warn!(error = %e, "cannot sweep files of messages never posted"),
        }
        match core.prune_event_log().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(events = n, "pruned events every datafeed has read"),
            Err(e) => tracing::warn!(error = %e, "cannot prune the event log"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
