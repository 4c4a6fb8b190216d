//! The one error type of the crate.
//!
//! Every failure is a client error (the server answers 400). The `Display` text is the
//! reference converter's own message, because bots match on those words; `kind()` lets the
//! server tell a size-limit breach (which it may log or count differently) from a plain
//! validation failure without parsing the text.

use std::fmt;

/// Which pod limit a message broke (Symphony's public MessageML limits, plus sympod's own
/// hard cap on raw input size, which bounds the work done on hostile input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// More than [`crate::limits::MAX_ENTITIES`] entities.
    Entities,
    /// More than [`crate::limits::MAX_TOKENS`] unique tokens in the markdown form.
    Tokens,
    /// More than [`crate::limits::MAX_CHARS`] characters in the markdown form.
    Characters,
    /// The raw message, its data or the expanded template is larger than sympod accepts.
    InputSize,
}

/// What went wrong, coarsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The message (or its EntityJSON, or its template) is not valid MessageML.
    Invalid,
    /// The message is valid but too large for the pod.
    Limit(Limit),
}

/// A rejected message: the reference's error text and its kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct MessageMlError {
    kind: ErrorKind,
    message: String,
}

impl fmt::Display for MessageMlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl MessageMlError {
    /// A validation failure with the given reference message.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Invalid, message: message.into() }
    }

    /// A limit breach with the given message.
    pub(crate) fn limit(limit: Limit, message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Limit(limit), message: message.into() }
    }

    /// What went wrong, coarsely.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// True when the message broke one of the pod's size limits.
    pub fn is_limit(&self) -> bool {
        matches!(self.kind, ErrorKind::Limit(_))
    }

    /// The reference error text (same as `Display`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, MessageMlError>;

/// `Attribute "a" is not allowed in "tag"`.
pub(crate) fn attr_not_allowed(attr: &str, tag: &str) -> MessageMlError {
    MessageMlError::invalid(format!("Attribute \"{attr}\" is not allowed in \"{tag}\""))
}

/// `Element "child" is not allowed in "parent"`.
pub(crate) fn child_not_allowed(child: &str, parent: &str) -> MessageMlError {
    MessageMlError::invalid(format!("Element \"{child}\" is not allowed in \"{parent}\""))
}

/// `The attribute "a" is required`.
pub(crate) fn attr_required(attr: &str) -> MessageMlError {
    MessageMlError::invalid(format!("The attribute \"{attr}\" is required"))
}

/// `Attribute "a" of element "tag" can only be one of the following values: [v1, v2].`
pub(crate) fn attr_one_of(attr: &str, tag: &str, values: &[&str]) -> MessageMlError {
    MessageMlError::invalid(format!(
        "Attribute \"{attr}\" of element \"{tag}\" can only be one of the following values: [{}].",
        values.join(", ")
    ))
}

/// `Element "tag" can only be a child of the following elements: [classes]`.
pub(crate) fn only_child_of(tag: &str, classes: &str) -> MessageMlError {
    MessageMlError::invalid(format!(
        "Element \"{tag}\" can only be a child of the following elements: [{classes}]"
    ))
}

/// `The "tag" element must have at least one child that is any of the following elements: [classes].`
pub(crate) fn needs_child(tag: &str, classes: &str) -> MessageMlError {
    MessageMlError::invalid(format!(
        "The \"{tag}\" element must have at least one child that is any of the following elements: [{classes}]."
    ))
}

/// `The attribute "a" length is bigger than maximum allowed [n]`.
pub(crate) fn too_long(attr: &str, max: usize) -> MessageMlError {
    MessageMlError::invalid(format!("The attribute \"{attr}\" length is bigger than maximum allowed [{max}]"))
}
