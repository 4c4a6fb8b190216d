//! Identifiers.
//!
//! A Symphony user id is a positive int64 whose high bits name the user's pod (tenant) and whose low
//! 27 bits count users within it, so an id tells which company a user belongs to. sympod keeps that
//! layout: ids look and sort like a real pod's, and users of external pods get ids of their own pod.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};

/// Bits of a user id that count users within one pod.
pub const LOCAL_ID_BITS: u32 = 27;

/// A pod (tenant, company) id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PodId(pub i64);

/// A user id: positive, serialised as a JSON number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl UserId {
    /// Builds the id of the `local`-th user of `pod` (`local` starts at 1).
    pub fn compose(pod: PodId, local: i64) -> Self {
        Self((pod.0 << LOCAL_ID_BITS) | (local & ((1 << LOCAL_ID_BITS) - 1)))
    }

    /// The pod whose user this id names.
    pub fn pod(self) -> PodId {
        PodId(self.0 >> LOCAL_ID_BITS)
    }

    /// Parses a user id from text as a caller sends it: a positive decimal int64.
    pub fn parse(text: &str) -> Option<Self> {
        text.trim().parse::<i64>().ok().filter(|v| *v > 0).map(Self)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Bytes in a stream or message id: Symphony's ids are 25 bytes (34 URL-safe base64 characters).
pub const OPAQUE_ID_BYTES: usize = 25;

macro_rules! opaque_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// An id from raw bytes (fresh ones come from the OS's randomness).
            pub fn from_bytes(bytes: &[u8]) -> Self {
                Self(URL_SAFE_NO_PAD.encode(bytes))
            }

            /// Parses an id as callers send it: URL-safe base64 (`-`, `_`) or standard base64
            /// (`+`, `/`), with or without `=` padding. The canonical form is URL-safe, unpadded.
            pub fn parse(text: &str) -> Result<Self, crate::RuleError> {
                let trimmed = text.trim().trim_end_matches('=');
                let bytes = URL_SAFE_NO_PAD
                    .decode(trimmed)
                    .or_else(|_| STANDARD_NO_PAD.decode(trimmed))
                    .ok()
                    .filter(|b| !b.is_empty() && b.len() <= 64)
                    .ok_or_else(|| crate::RuleError::invalid(format!(concat!("Invalid ", $what, " id: {}"), text)))?;
                Ok(Self::from_bytes(&bytes))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = crate::RuleError;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

opaque_id!(
    /// A stream (IM, MIM, room, wall) id.
    StreamId, "stream"
);
opaque_id!(
    /// A message id.
    MessageId, "message"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_ids_accept_standard_and_url_safe_base64_and_render_url_safe() {
        let bytes = [0xfb_u8, 0xff, 0xbf, 1, 2, 3];
        let id = StreamId::from_bytes(&bytes);
        assert_eq!(id.as_str(), "-_-_AQID");
        assert_eq!(StreamId::parse("+/+/AQID").unwrap(), id);
        assert_eq!(StreamId::parse("-_-_AQID").unwrap(), id);
        assert_eq!(StreamId::parse("+/+/AQID==").unwrap(), id);
    }

    #[test]
    fn malformed_stream_ids_are_refused() {
        assert!(StreamId::parse("").is_err());
        assert!(StreamId::parse("not base64!").is_err());
        assert!(MessageId::parse("a").is_err());
    }

    #[test]
    fn a_user_id_carries_its_pod() {
        let id = UserId::compose(PodId(190), 7);
        assert_eq!(id.pod(), PodId(190));
        assert_eq!(id.0 & ((1 << LOCAL_ID_BITS) - 1), 7);
    }

    #[test]
    fn only_positive_decimal_ids_parse() {
        assert_eq!(UserId::parse("12"), Some(UserId(12)));
        assert_eq!(UserId::parse("0"), None);
        assert_eq!(UserId::parse("-3"), None);
        assert_eq!(UserId::parse("abc"), None);
        assert_eq!(UserId::parse("99999999999999999999"), None);
    }
}
