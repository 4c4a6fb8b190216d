//! Configuration of `sympod serve`: each setting comes from a flag, else a `SYMPOD_*` environment
//! variable, else the TOML file given with `--config`, else its default.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use serde::Deserialize;
use sympod_model::feed::FEED_TTL_MS;

/// The longest datafeed wait: under the SDK's total request timeout of 300 s, so that a read that
/// waits its full time still reaches the client.
const MAX_DATAFEED_WAIT_MS: u64 = 290_000;

/// The shortest datafeed lifetime accepted.
const MIN_DATAFEED_EXPIRY_MS: u64 = 1000;

#[derive(Debug, Parser)]
#[command(name = "sympod", version, about = "A Symphony-compatible pod and agent server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the server.
    Serve(ServeArgs),
}

#[derive(Debug, Default, Args, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServeArgs {
    /// A TOML file with any of these settings (same names, kebab-case).
    #[arg(long, env = "SYMPOD_CONFIG")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "SYMPOD_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// `sqlite://PATH`, `sqlite::memory:`, or `postgres://USER@HOST/DATABASE` to share one PostgreSQL
    /// between several instances [default: sqlite://sympod-data/sympod.db].
    #[arg(long, env = "SYMPOD_DATABASE")]
    pub database: Option<String>,
    /// Folder for the quick start's keys and SDK configuration [default: sympod-data].
    #[arg(long, env = "SYMPOD_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Username of a service account to make sure of at start, with administrator roles.
    #[arg(long, env = "SYMPOD_ADMIN_USERNAME")]
    pub admin_username: Option<String>,
    /// PEM file of that account's RSA public key.
    #[arg(long, env = "SYMPOD_ADMIN_PUBLIC_KEY")]
    pub admin_public_key: Option<PathBuf>,
    /// The home pod's company name [default: sympod].
    #[arg(long, env = "SYMPOD_COMPANY")]
    pub company: Option<String>,
    /// Lifetime of session tokens, in seconds [default: 86400].
    #[arg(long, env = "SYMPOD_SESSION_LIFETIME")]
    pub session_lifetime: Option<u64>,
    /// Set `canUseSimplifiedKeyDelivery` in session tokens, so the SDK skips `/relay` [default: false].
    #[arg(long, env = "SYMPOD_SIMPLIFIED_KEY_DELIVERY")]
    pub simplified_key_delivery: Option<bool>,
    /// The largest attachment accepted, in bytes [default: 26214400 (25 MiB)].
    #[arg(long, env = "SYMPOD_MAX_ATTACHMENT_BYTES")]
    pub max_attachment_bytes: Option<usize>,
    /// How long a datafeed read waits for events before answering none, in ms [default: 30000; at
    /// most 290000, under the SDK's 300 s request timeout].
    #[arg(long, env = "SYMPOD_DATAFEED_WAIT_MS")]
    pub datafeed_wait_ms: Option<u64>,
    /// How long a datafeed lives unread before it expires, in ms [default: 1800000 (30 min), as on
    /// Symphony; at least 1000]. Shorter lifetimes let tests watch a bot recover from an expired feed.
    #[arg(long, env = "SYMPOD_DATAFEED_EXPIRY_MS")]
    pub datafeed_expiry_ms: Option<u64>,
}

/// Every setting, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    pub database: String,
    pub data_dir: PathBuf,
    pub admin: Option<(String, PathBuf)>,
    pub company: String,
    pub session_lifetime_secs: u64,
    pub simplified_key_delivery: bool,
    pub max_attachment_bytes: usize,
    pub datafeed_wait_ms: u64,
    pub datafeed_expiry_ms: u64,
}

/// The longest session lifetime accepted: ten years.
const MAX_SESSION_LIFETIME_SECS: u64 = 10 * 365 * 86_400;

impl ServeArgs {
    /// Reads a TOML file of settings. Relative paths in it are relative to the file's folder.
    fn from_file(path: &std::path::Path) -> anyhow::Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut args: ServeArgs =
            toml::from_str(&text).with_context(|| format!("invalid configuration in {}", path.display()))?;
        let base = path.parent().unwrap_or(std::path::Path::new("."));
        for p in [&mut args.data_dir, &mut args.admin_public_key].into_iter().flatten() {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        if let Some(db) = &args.database
            && let Some(file) = db.strip_prefix("sqlite://").filter(|f| !f.starts_with('/'))
        {
            args.database = Some(format!("sqlite://{}", base.join(file).display()));
        }
        Ok(args)
    }

    /// Fills what flags and environment left unset from the config file, then from defaults.
    pub fn resolve(self) -> anyhow::Result<Settings> {
        let file = match &self.config {
            Some(path) => ServeArgs::from_file(path)?,
            None => ServeArgs::default(),
        };
        let admin_username = self.admin_username.or(file.admin_username);
        let admin_key = self.admin_public_key.or(file.admin_public_key);
        let admin = match (admin_username, admin_key) {
            (Some(name), Some(key)) => Some((name, key)),
            (None, None) => None,
            _ => anyhow::bail!("--admin-username and --admin-public-key go together"),
        };
        let session_lifetime_secs = self.session_lifetime.or(file.session_lifetime).unwrap_or(86_400);
        if !(1..=MAX_SESSION_LIFETIME_SECS).contains(&session_lifetime_secs) {
            anyhow::bail!("session-lifetime must be 1 to {MAX_SESSION_LIFETIME_SECS} seconds (ten years)");
        }
        let datafeed_expiry_ms =
            self.datafeed_expiry_ms.or(file.datafeed_expiry_ms).unwrap_or(FEED_TTL_MS as u64);
        if !(MIN_DATAFEED_EXPIRY_MS..=MAX_SESSION_LIFETIME_SECS * 1000).contains(&datafeed_expiry_ms) {
            anyhow::bail!(
                "datafeed-expiry-ms must be {MIN_DATAFEED_EXPIRY_MS} to {} ms",
                MAX_SESSION_LIFETIME_SECS * 1000
            );
        }
        Ok(Settings {
            listen: self.listen.or(file.listen).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            database: self
                .database
                .or(file.database)
                .unwrap_or_else(|| "sqlite://sympod-data/sympod.db".into()),
            data_dir: self.data_dir.or(file.data_dir).unwrap_or_else(|| PathBuf::from("sympod-data")),
            admin,
            company: self.company.or(file.company).unwrap_or_else(|| "sympod".into()),
            session_lifetime_secs,
            simplified_key_delivery: self
                .simplified_key_delivery
                .or(file.simplified_key_delivery)
                .unwrap_or(false),
            max_attachment_bytes: self
                .max_attachment_bytes
                .or(file.max_attachment_bytes)
                .unwrap_or(25 * 1024 * 1024),
            datafeed_wait_ms: self
                .datafeed_wait_ms
                .or(file.datafeed_wait_ms)
                .unwrap_or(30_000)
                .min(MAX_DATAFEED_WAIT_MS),
            datafeed_expiry_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file_and_the_file_over_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sympod.toml");
        std::fs::write(&path, "listen = \"127.0.0.1:9999\"\ncompany = \"Acme\"\nsession-lifetime = 60\n")
            .unwrap();
        let args = ServeArgs { config: Some(path), company: Some("Flag Co".into()), ..Default::default() };
        let s = args.resolve().unwrap();
        assert_eq!(s.listen.port(), 9999);
        assert_eq!(s.company, "Flag Co");
        assert_eq!(s.session_lifetime_secs, 60);
        assert_eq!(s.database, "sqlite://sympod-data/sympod.db");
    }

    #[test]
    fn the_admin_username_from_a_flag_and_its_key_from_the_file_go_together() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sympod.toml");
        std::fs::write(&path, "admin-public-key = \"keys/ops.pem\"\ndatabase = \"sqlite://db/s.db\"\n")
            .unwrap();
        let args = ServeArgs { config: Some(path), admin_username: Some("ops".into()), ..Default::default() };
        let s = args.resolve().unwrap();
        assert_eq!(
            s.admin,
            Some(("ops".to_owned(), dir.path().join("keys/ops.pem"))),
            "paths are relative to the file"
        );
        assert_eq!(s.database, format!("sqlite://{}", dir.path().join("db/s.db").display()));
        assert!(ServeArgs { admin_username: Some("ops".into()), ..Default::default() }.resolve().is_err());
    }

    #[test]
    fn the_attachment_limit_is_a_setting() {
        assert_eq!(ServeArgs::default().resolve().unwrap().max_attachment_bytes, 25 * 1024 * 1024);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sympod.toml");
        std::fs::write(&path, "max-attachment-bytes = 1024\n").unwrap();
        assert_eq!(
            ServeArgs { config: Some(path), ..Default::default() }.resolve().unwrap().max_attachment_bytes,
            1024
        );
    }

    #[test]
    fn a_session_lifetime_is_bounded() {
        assert!(ServeArgs { session_lifetime: Some(0), ..Default::default() }.resolve().is_err());
        assert!(ServeArgs { session_lifetime: Some(u64::MAX), ..Default::default() }.resolve().is_err());
    }

    #[test]
    fn a_datafeed_lifetime_defaults_to_thirty_minutes_and_is_bounded() {
        assert_eq!(ServeArgs::default().resolve().unwrap().datafeed_expiry_ms, 30 * 60 * 1000);
        let set = |ms| ServeArgs { datafeed_expiry_ms: Some(ms), ..Default::default() }.resolve();
        assert_eq!(set(5000).unwrap().datafeed_expiry_ms, 5000);
        assert!(set(999).is_err());
        assert!(set(u64::MAX).is_err());
    }

    #[test]
    fn an_unknown_setting_in_the_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sympod.toml");
        std::fs::write(&path, "lissen = \"x\"\n").unwrap();
        assert!(ServeArgs { config: Some(path), ..Default::default() }.resolve().is_err());
    }
}
