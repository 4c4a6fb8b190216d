//! How users and apps are laid out in a backend's rows, shared by every backend.
//!
//! A user row has columns for what queries look up or constrain (id, pod, username, email, display
//! name, account type, status, version) and one JSON document for the rest. Keeping the document
//! format here means both backends read and write the very same shape.

mod dlp;
mod messages;
mod streams;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sympod_model::app::{App, AppProfile};
use sympod_model::user::{AccountType, Suspension, User, UserKeys, UserProfile, UserStatus};
use sympod_model::{Millis, PodId, UserId};

pub use dlp::{dlp_dictionary_from, dlp_document, dlp_policy_from, dlp_violation_from, missing_dictionary};
pub use messages::MessageRow;
pub use streams::{EventRow, MemberRow, StreamRow};

/// The JSON document of a user row.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserDocument {
    pub suspension: Suspension,
    pub profile: UserProfile,
    pub roles: BTreeSet<String>,
    pub features: BTreeMap<String, bool>,
    pub keys: UserKeys,
    pub created_at: Millis,
    pub created_by: Option<UserId>,
    pub updated_at: Millis,
    pub last_login_at: Option<Millis>,
    pub deactivated_at: Option<Millis>,
    pub session_epoch: i64,
}

/// The columns of a user row, as a backend reads them.
#[derive(Debug)]
pub struct UserRow {
    pub id: i64,
    pub pod_id: i64,
    pub company: String,
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    pub account_type: String,
    pub status: String,
    pub document: String,
    pub version: i64,
}

/// The lower-case key under which a username or email is unique.
pub fn unique_key(text: &str) -> String {
    text.to_lowercase()
}

pub fn account_type_str(t: AccountType) -> &'static str {
    t.as_str()
}

pub fn status_str(s: UserStatus) -> &'static str {
    match s {
        UserStatus::Enabled => "ENABLED",
        UserStatus::Disabled => "DISABLED",
    }
}

pub fn document_of(user: &User) -> String {
    let doc = UserDocument {
        suspension: user.suspension.clone(),
        profile: user.profile.clone(),
        roles: user.roles.clone(),
        features: user.features.clone(),
        keys: user.keys.clone(),
        created_at: user.created_at,
        created_by: user.created_by,
        updated_at: user.updated_at,
        last_login_at: user.last_login_at,
        deactivated_at: user.deactivated_at,
        session_epoch: user.session_epoch,
    };
    serde_json::to_string(&doc).expect("a user document always serialises")
}

impl UserRow {
    pub fn into_user(self) -> anyhow::Result<User> {
        let doc: UserDocument = serde_json::from_str(&self.document)?;
        let account_type = match self.account_type.as_str() {
            "SYSTEM" => AccountType::System,
            "SDL" => AccountType::Sdl,
            _ => AccountType::Normal,
        };
        let status = if self.status == "DISABLED" { UserStatus::Disabled } else { UserStatus::Enabled };
        Ok(User {
            id: UserId(self.id),
            pod: PodId(self.pod_id),
            company: self.company,
            username: self.username,
            email: self.email,
            display_name: self.display_name,
            account_type,
            status,
            suspension: doc.suspension,
            profile: doc.profile,
            roles: doc.roles,
            features: doc.features,
            keys: doc.keys,
            created_at: doc.created_at,
            created_by: doc.created_by,
            updated_at: doc.updated_at,
            last_login_at: doc.last_login_at,
            deactivated_at: doc.deactivated_at,
            session_epoch: doc.session_epoch,
            version: self.version,
        })
    }
}

/// The JSON document of an app row (everything but its id).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppDocument {
    pub profile: AppProfile,
    pub permissions: Vec<String>,
    pub keys: UserKeys,
    #[serde(default)]
    pub session_epoch: i64,
}

pub fn app_document_of(app: &App) -> String {
    let doc = AppDocument {
        profile: app.profile.clone(),
        permissions: app.permissions.clone(),
        keys: app.keys.clone(),
        session_epoch: app.session_epoch,
    };
    serde_json::to_string(&doc).expect("an app document always serialises")
}

pub fn app_from_row(app_id: String, document: &str) -> anyhow::Result<App> {
    let doc: AppDocument = serde_json::from_str(document)?;
    Ok(App {
        app_id,
        profile: doc.profile,
        permissions: doc.permissions,
        keys: doc.keys,
        session_epoch: doc.session_epoch,
    })
}
