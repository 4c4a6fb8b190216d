//! The `sympod` binary.

use clap::Parser;
use sympod::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_env("SYMPOD_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
    match Cli::parse().command {
        Command::Serve(args) => sympod::serve(args.resolve()?).await,
    }
}
