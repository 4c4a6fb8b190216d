//! Users: their record, their keys, and the rules for creating and changing them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{Millis, PodId, RuleError, UserId, catalogue};

mod keys;
mod validate;

pub use keys::{KeyAction, KeyRequest, ROTATED_KEY_LIFETIME_MS, RotatedKey, UserKeys};
pub use validate::{UserDraft, check_role_assignable, validate_draft};

/// Symphony's account types: people (`NORMAL`), service accounts and bots (`SYSTEM`), distribution
/// lists (`SDL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AccountType {
    Normal,
    System,
    Sdl,
}

impl AccountType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "NORMAL",
            Self::System => "SYSTEM",
            Self::Sdl => "SDL",
        }
    }
}

/// Whether a user may log in at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum UserStatus {
    Enabled,
    Disabled,
}

/// A temporary suspension, as the status API sets it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suspension {
    pub suspended: bool,
    /// Unix time in seconds (the spec's unit for this field) until which the suspension holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Suspension {
    /// Whether the suspension is in force at `now`.
    pub fn in_force(&self, now: Millis) -> bool {
        self.suspended && self.until.is_none_or(|until| until.saturating_mul(1000) > now)
    }
}

/// The descriptive attributes of a user: everything of `V2UserAttributes` that no rule looks at.
/// Stored and served as they were given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProfile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile_phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub two_factor_auth_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommended_language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_classes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industries: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market_coverage: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Each value is an object: the spec's `additionalProperties: object`, which the SDK enforces.
    pub user_metadata: Option<BTreeMap<String, serde_json::Map<String, serde_json::Value>>>,
}

impl UserProfile {
    /// Overwrites every attribute that `update` carries, keeping the others.
    pub fn merge(&mut self, update: UserProfile) {
        macro_rules! take {
            ($($field:ident),*) => { $( if update.$field.is_some() { self.$field = update.$field; } )* };
        }
        take!(
            first_name,
            last_name,
            department,
            division,
            title,
            work_phone_number,
            mobile_phone_number,
            two_factor_auth_phone,
            sms_number,
            location,
            recommended_language,
            job_function,
            asset_classes,
            industries,
            market_coverage,
            responsibility,
            function,
            instrument,
            user_metadata
        );
    }
}

/// A user of the pod (or of an external pod that sympod also hosts).
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: UserId,
    pub pod: PodId,
    /// The company (pod) name the user belongs to.
    pub company: String,
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    pub account_type: AccountType,
    pub status: UserStatus,
    pub suspension: Suspension,
    pub profile: UserProfile,
    pub roles: BTreeSet<String>,
    /// Every entitlement of the catalogue, with its value for this user.
    pub features: BTreeMap<String, bool>,
    pub keys: UserKeys,
    pub created_at: Millis,
    pub created_by: Option<UserId>,
    pub updated_at: Millis,
    pub last_login_at: Option<Millis>,
    pub deactivated_at: Option<Millis>,
    /// The generation of the user's sessions. Every session token carries the epoch it was issued
    /// in; disabling or suspending the user moves it on, voiding every session at once. A counter
    /// rather than a timestamp, so that no token issued in the same millisecond slips through.
    pub session_epoch: i64,
    /// Bumped by the store on every write, so that concurrent read-modify-write cycles cannot
    /// silently overwrite each other.
    pub version: i64,
}

impl User {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.contains(role)
    }

    pub fn has_any_role(&self, roles: &[&str]) -> bool {
        roles.iter().any(|r| self.has_role(r))
    }

    /// Whether the entitlement is on. Unknown names are off.
    pub fn entitled(&self, feature: &str) -> bool {
        self.features.get(feature).copied().unwrap_or(false)
    }

    /// Whether the user may log in and use sessions at `now`.
    pub fn can_authenticate(&self, now: Millis) -> Result<(), RuleError> {
        if self.status == UserStatus::Disabled {
            return Err(RuleError::forbidden("User is disabled"));
        }
        if self.suspension.in_force(now) {
            return Err(RuleError::forbidden("User is suspended"));
        }
        Ok(())
    }

    /// The entitlements a new user starts with.
    pub fn default_features() -> BTreeMap<String, bool> {
        catalogue::FEATURES.iter().map(|(name, on)| ((*name).to_owned(), *on)).collect()
    }
}
