//! sympod's pure domain model.
//!
//! Everything here is plain data and pure functions: ids, users, roles, entitlements, apps, and the
//! rules that decide who may do what. No async runtime, no HTTP, no SQL: the rules are unit-tested in
//! place and every other crate builds on them.

pub mod app;
pub mod catalogue;
pub mod dlp;
pub mod error;
pub mod event;
pub mod feed;
pub mod ids;
pub mod message;
pub mod rules;
pub mod stream;
pub mod user;

pub use error::RuleError;
pub use ids::{MessageId, PodId, StreamId, UserId};

/// Milliseconds since the Unix epoch: the unit of every timestamp Symphony serves.
pub type Millis = i64;

/// Builders for unit tests of the rules.
#[cfg(test)]
pub(crate) mod testing {
    use crate::user::{AccountType, Suspension, User, UserKeys, UserProfile, UserStatus};
    use crate::{PodId, UserId};

    pub fn user_with_roles(roles: &[&str]) -> User {
        User {
            id: UserId(1),
            pod: PodId(1),
            company: "pod".into(),
            username: "u".into(),
            email: None,
            display_name: "U".into(),
            account_type: AccountType::Normal,
            status: UserStatus::Enabled,
            suspension: Suspension::default(),
            profile: UserProfile::default(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            features: User::default_features(),
            keys: UserKeys::default(),
            created_at: 0,
            created_by: None,
            updated_at: 0,
            last_login_at: None,
            deactivated_at: None,
            session_epoch: 0,
            version: 0,
        }
    }
}
