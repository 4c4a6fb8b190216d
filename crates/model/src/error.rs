//! The one error a rule returns when it refuses something.

/// Why a rule refused an action. The message is written for the API caller and goes out verbatim in
/// Symphony's error body; the variant decides the status code at the HTTP edge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The request itself is wrong (a 400).
    #[error("{0}")]
    Invalid(String),
    /// The caller may not do this (a 403).
    #[error("{0}")]
    Forbidden(String),
    /// What the request names does not exist (a 404).
    #[error("{0}")]
    NotFound(String),
}

impl RuleError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::NotFound(message.into())
    }
}
