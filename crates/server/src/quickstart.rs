//! The quick start: on a store with no users and no admin flags, sympod makes an administrator and a
//! demo bot, writes their keys and a configuration file for the official Python SDK, and says how to
//! use them. On later starts it rewrites the SDK configuration (the port may have changed) and prints
//! the same directions.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sympod_core::Core;
use sympod_core::bootstrap::ADMIN_ROLES;

use crate::keygen;

pub const ADMIN_USERNAME: &str = "sympod-admin";
pub const BOT_USERNAME: &str = "demo-bot";

/// Where the quick start's files are.
#[derive(Debug)]
pub struct Files {
    pub dir: PathBuf,
    pub admin_key: PathBuf,
    pub bot_key: PathBuf,
    pub bot_config: PathBuf,
}

impl Files {
    fn new(data_dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir).with_context(|| format!("cannot create {}", data_dir.display()))?;
        let dir = std::fs::canonicalize(data_dir)?.join("quickstart");
        Ok(Self {
            admin_key: dir.join("admin-privatekey.pem"),
            bot_key: dir.join("demo-bot-privatekey.pem"),
            bot_config: dir.join("demo-bot-config.yaml"),
            dir,
        })
    }
}

/// The quick start's accounts: username, display name, key file stem, roles.
const ACCOUNTS: [(&str, &str, &str, &[&str]); 2] = [
    (ADMIN_USERNAME, "sympod administrator", "admin", &ADMIN_ROLES),
    (BOT_USERNAME, "Demo Bot", "demo-bot", &[]),
];

/// Runs the quick start on an empty store, or completes and repeats it on a store it ran on before.
///
/// Crash-safe in any order of events: keys are written (atomically) before the accounts are made,
/// and every start makes the accounts whose keys exist but which the store lacks, so a start that
/// died half-way is finished by the next one.
pub async fn run(core: &Core, data_dir: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let files = Files::new(data_dir)?;
    let users = core.store().count_users().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let have_keys = files.admin_key.exists() && files.bot_key.exists();
    if users == 0 && !have_keys {
        write_keys(&files).await?;
    } else if !have_keys {
        tracing::info!(
            "the store already has users: no quick start (use --admin-username to bootstrap an admin)"
        );
        return Ok(());
    }
    ensure_accounts(core, &files).await?;
    write_sdk_config(&files, addr)?;
    print_directions(&files);
    Ok(())
}

async fn write_keys(files: &Files) -> anyhow::Result<()> {
    std::fs::create_dir_all(&files.dir).with_context(|| format!("cannot create {}", files.dir.display()))?;
    let pairs =
        tokio::task::spawn_blocking(|| anyhow::Ok([keygen::generate()?, keygen::generate()?])).await??;
    for ((_, _, stem, _), (private, public)) in ACCOUNTS.iter().zip(pairs) {
        std::fs::write(files.dir.join(format!("{stem}-publickey.pem")), public)?;
        keygen::write_private(&files.dir.join(format!("{stem}-privatekey.pem")), &private)?;
    }
    Ok(())
}

async fn ensure_accounts(core: &Core, files: &Files) -> anyhow::Result<()> {
    for (username, display, stem, roles) in ACCOUNTS {
        if core.store().user_by_username(username).await.map_err(|e| anyhow::anyhow!("{e}"))?.is_some() {
            continue;
        }
        let public = std::fs::read_to_string(files.dir.join(format!("{stem}-publickey.pem")))
            .with_context(|| format!("the quick start's public key of {username} is missing"))?;
        core.create_service_account(username, display, &public, roles)
            .await
            .map_err(|e| anyhow::anyhow!("quick start: {e}"))?;
        tracing::info!(user.username = username, "quick start account created");
    }
    Ok(())
}

fn write_sdk_config(files: &Files, addr: SocketAddr) -> anyhow::Result<()> {
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_owned() } else { addr.ip().to_string() };
    let yaml = format!(
        "# Written by sympod's quick start: symphony-bdk-python configuration for the demo bot.\n\
         scheme: http\nhost: {host}\nport: {port}\nbot:\n  username: {BOT_USERNAME}\n  privateKey:\n    path: {key}\n",
        port = addr.port(),
        key = files.bot_key.display(),
    );
    std::fs::write(&files.bot_config, yaml)
        .with_context(|| format!("cannot write {}", files.bot_config.display()))
}

fn print_directions(files: &Files) {
    println!(
        "\nsympod quick start\n\
         ------------------\n\
         admin service account : {ADMIN_USERNAME}  (key {admin})\n\
         demo bot              : {BOT_USERNAME}  (key {bot})\n\
         SDK configuration     : {config}\n\n\
         Run a bot with the official Python SDK:\n\
         \x20 python3 -m venv .venv && .venv/bin/pip install symphony-bdk-python==3.0.0\n\
         \x20 .venv/bin/python examples/python-echo-bot/bot.py {config}\n",
        admin = files.admin_key.display(),
        bot = files.bot_key.display(),
        config = files.bot_config.display(),
    );
}
