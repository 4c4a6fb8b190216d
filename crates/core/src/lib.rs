//! sympod's use cases.
//!
//! [`Core`] holds the store, the clock and the token service, applies the model's rules and answers in
//! domain types; the HTTP crate only translates. Each module adds one family of use cases to `Core`.

pub mod apps;
pub mod auth;
pub mod bootstrap;
pub mod clock;
pub mod datafeed;
pub mod dlp;
pub mod error;
pub mod keys;
pub mod login;
pub mod messages;
pub mod streams;
pub mod tokens;
pub mod users;
mod wakeups;

use std::sync::Arc;

use anyhow::Context;
use sympod_model::{Millis, PodId};
use sympod_store::{Pod, Store};

pub use auth::{Caller, IssuedToken, OboTarget};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{CoreError, CoreResult};
use tokens::TokenService;

/// Settings of the use cases, decided by the server's configuration.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// The home pod's company name.
    pub company: String,
    /// The home pod's id: the high bits of every local user id.
    pub pod_id: PodId,
    /// How long a session token lives.
    pub session_lifetime_ms: Millis,
    /// The `canUseSimplifiedKeyDelivery` claim of session tokens. When true the SDK skips `/relay`.
    pub simplified_key_delivery: bool,
    /// The largest attachment accepted, in bytes.
    pub max_attachment_bytes: usize,
    /// How long a datafeed read waits for events before answering none.
    pub datafeed_wait_ms: u64,
    /// How long a datafeed lives unread before it expires (give or take a thirtieth).
    pub datafeed_expiry_ms: Millis,
}

impl Default for CoreConfig {
    fn default() -> Self {
        Self {
            company: "sympod".into(),
            pod_id: PodId(190),
            session_lifetime_ms: 24 * 3600 * 1000,
            simplified_key_delivery: false,
            max_attachment_bytes: 25 * 1024 * 1024,
            datafeed_wait_ms: 30_000,
            datafeed_expiry_ms: sympod_model::feed::FEED_TTL_MS,
        }
    }
}

/// The application: every use case is a method.
pub struct Core {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    tokens: TokenService,
    config: CoreConfig,
    home: Pod,
    /// Long-polling datafeed reads wait here; the store wakes them after appending events.
    wakeups: Arc<wakeups::Wakeups>,
    /// The DLP matcher of the current policies, rebuilt when they change.
    dlp: dlp::MatcherCache,
}

/// The store secret from which session tokens are signed.
const TOKEN_SECRET: &str = "session-token-hs256";

impl Core {
    /// Prepares the use cases on `store`: makes sure the home pod exists and loads the token secret
    /// (creating it on a fresh store; every instance on one database shares it).
    pub async fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        config: CoreConfig,
    ) -> anyhow::Result<Self> {
        let mut candidate = [0u8; 32];
        getrandom::fill(&mut candidate)
            .map_err(|e| anyhow::anyhow!("no randomness for the token secret: {e}"))?;
        let secret = store.secret(TOKEN_SECRET, &candidate).await.context("cannot read the token secret")?;
        let home = match store.home_pod().await.context("cannot read the home pod")? {
            Some(pod) => pod,
            None => store
                .ensure_pod(&config.company, config.pod_id)
                .await
                .context("cannot create the home pod")?,
        };
        let wakeups = Arc::new(wakeups::Wakeups::default());
        let sink = wakeups.clone();
        store.set_event_sink(Arc::new(move |wake| sink.wake(wake)));
        Ok(Self {
            store,
            clock,
            tokens: TokenService::new(&secret),
            config,
            home,
            wakeups,
            dlp: dlp::MatcherCache::default(),
        })
    }

    pub fn now(&self) -> Millis {
        self.clock.now()
    }

    pub fn home_pod(&self) -> &Pod {
        &self.home
    }

    pub fn config(&self) -> &CoreConfig {
        &self.config
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}

/// A random URL-safe identifier of `bytes` random bytes.
pub(crate) fn random_id(bytes: usize) -> String {
    use base64::Engine as _;
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the OS has no randomness");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A random integer, for epochs that must not repeat across deletions.
pub(crate) fn random_i64() -> i64 {
    let mut buf = [0u8; 8];
    getrandom::fill(&mut buf).expect("the OS has no randomness");
    i64::from_le_bytes(buf)
}
