//! The error every use case returns.

use sympod_model::RuleError;
use sympod_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A rule refused the request: invalid (400), forbidden (403) or not found (404).
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// Authentication failed (401). The message says why, for the bot developer.
    #[error("{0}")]
    Unauthorized(String),
    /// The request carries more than a limit allows (413).
    #[error("{0}")]
    TooLarge(String),
    /// Something the request creates already exists (409, or 400 where Symphony says so).
    #[error("{0}")]
    Conflict(String),
    /// A Data Loss Prevention policy blocks the content (451). The message names no policy and no
    /// term: only the administrator sees those, in the recorded violation.
    #[error("{0}")]
    Compliance(String),
    /// Sympod could not do its job. Logged; the caller sees only a 500.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

pub type CoreResult<T> = Result<T, CoreError>;

impl CoreError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Rule(RuleError::invalid(message))
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::Rule(RuleError::not_found(message))
    }
}

impl From<StoreError> for CoreError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::not_found("Not found"),
            StoreError::Conflict(what) => Self::Conflict(format!("A record with this {what} already exists")),
            StoreError::Rejected(rule) => Self::Rule(rule),
            StoreError::Unavailable(cause) => Self::Internal(cause),
        }
    }
}
