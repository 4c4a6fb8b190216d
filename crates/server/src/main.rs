//! The `sympod` binary.

use clap::Parser;
use sympod::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

/// mimalloc, not the system's malloc: converting a message allocates many small strings, which it
/// serves some 20 % faster (`cargo bench -p sympod-messageml --bench convert` uses it too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_env("SYMPOD_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
    match Cli::parse().command {
        Command::Serve(args) => sympod::serve(args.resolve()?).await,
    }
}
