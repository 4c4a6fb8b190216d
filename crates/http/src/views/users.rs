//! User views: `V2UserCreate`, `V2UserAttributes`, `V2UserDetail`, `UserDetail`, `UserV2`,
//! `UserStatus`, `Feature`, `RoleDetail`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sympod_core::users::{NewUser, UserChange};
use sympod_model::user::{
    AccountType, KeyAction, KeyRequest, Suspension, User, UserDraft, UserProfile, UserStatus,
};
use sympod_model::{Millis, RuleError};

use crate::error::ApiError;
use crate::extract::parse_value_at;

/// `V2UserKeyRequest`, both ways.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

impl KeyView {
    pub fn into_request(self) -> Result<KeyRequest, RuleError> {
        Ok(KeyRequest {
            key: self.key,
            expiration: self.expiration_date,
            action: self.action.as_deref().map(KeyAction::parse).transpose()?,
        })
    }
}

/// The identity attributes of `V2UserAttributes`; the rest is the [`UserProfile`].
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdentityIn {
    email_address: Option<String>,
    user_name: Option<String>,
    display_name: Option<String>,
    company_name: Option<String>,
    account_type: Option<AccountType>,
    current_key: Option<KeyView>,
    previous_key: Option<KeyView>,
}

/// `V2UserAttributes` as a request carries it. Read in two typed passes over the JSON (identity,
/// then profile) rather than with `serde(flatten)`, which would hide the failing field's name.
#[derive(Debug, Default)]
pub struct UserAttributesIn {
    identity: IdentityIn,
    profile: UserProfile,
}

/// `V2UserCreate`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserCreateIn {
    user_attributes: Option<Value>,
    roles: Option<Vec<String>>,
}

impl UserAttributesIn {
    /// Reads the attributes found at `at` in the request body (`""` for the root).
    pub fn parse(value: Value, at: &str) -> Result<Self, ApiError> {
        Ok(Self { identity: parse_value_at(value.clone(), at)?, profile: parse_value_at(value, at)? })
    }

    fn draft(self, roles: Vec<String>) -> (UserDraft, Option<KeyView>, Option<KeyView>) {
        let id = self.identity;
        let draft = UserDraft {
            username: id.user_name,
            email: id.email_address,
            display_name: id.display_name,
            company: id.company_name,
            account_type: id.account_type,
            profile: self.profile,
            roles,
        };
        (draft, id.current_key, id.previous_key)
    }

    pub fn into_change(self) -> Result<UserChange, RuleError> {
        let (draft, current, previous) = self.draft(Vec::new());
        Ok(UserChange {
            draft,
            current_key: current.map(KeyView::into_request).transpose()?,
            previous_key: previous.map(KeyView::into_request).transpose()?,
        })
    }
}

impl UserCreateIn {
    pub fn into_new_user(self) -> Result<NewUser, ApiError> {
        let value =
            self.user_attributes.ok_or_else(|| ApiError::bad_request("userAttributes is required"))?;
        let attributes = UserAttributesIn::parse(value, "userAttributes")?;
        let (draft, current, _) = attributes.draft(self.roles.unwrap_or_default());
        Ok(NewUser { draft, current_key: current.map(KeyView::into_request).transpose()? })
    }
}

/// `V2UserAttributes` (and, without keys, v1 `UserAttributes`) as a response carries it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAttributesOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email_address: Option<&'a str>,
    #[serde(flatten)]
    profile: &'a UserProfile,
    user_name: &'a str,
    display_name: &'a str,
    company_name: &'a str,
    account_type: AccountType,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_key: Option<KeyView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_key: Option<KeyView>,
}

/// `UserSystemInfo`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSystemInfo {
    id: i64,
    status: UserStatus,
    suspended: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    suspended_until: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suspension_reason: Option<String>,
    created_date: Millis,
    /// A string in the spec, unlike every other id.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<String>,
    last_updated_date: Millis,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_date: Option<Millis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deactivated_date: Option<Millis>,
}

/// `V2UserDetail` and v1 `UserDetail`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserDetail<'a> {
    user_attributes: UserAttributesOut<'a>,
    user_system_info: UserSystemInfo,
    roles: Vec<&'a str>,
}

impl<'a> UserDetail<'a> {
    /// The v2 detail, with the user's keys.
    pub fn v2(user: &'a User) -> Self {
        Self::build(user, true)
    }

    /// The v1 detail, without keys.
    pub fn v1(user: &'a User) -> Self {
        Self::build(user, false)
    }

    fn build(user: &'a User, with_keys: bool) -> Self {
        let key = |pem: &str, exp: Option<Millis>| KeyView {
            key: Some(pem.to_owned()),
            expiration_date: exp,
            action: None,
        };
        let attributes = UserAttributesOut {
            email_address: user.email.as_deref(),
            profile: &user.profile,
            user_name: &user.username,
            display_name: &user.display_name,
            company_name: &user.company,
            account_type: user.account_type,
            current_key: user.keys.current.as_deref().filter(|_| with_keys).map(|k| key(k, None)),
            previous_key: user
                .keys
                .previous
                .as_ref()
                .filter(|_| with_keys)
                .map(|p| key(&p.pem, Some(p.expires_at))),
        };
        let info = UserSystemInfo {
            id: user.id.0,
            status: user.status,
            suspended: user.suspension.suspended,
            suspended_until: user.suspension.until,
            suspension_reason: user.suspension.reason.clone(),
            created_date: user.created_at,
            created_by: user.created_by.map(|id| id.to_string()),
            last_updated_date: user.updated_at,
            last_login_date: user.last_login_at,
            deactivated_date: user.deactivated_at,
        };
        Self {
            user_attributes: attributes,
            user_system_info: info,
            roles: user.roles.iter().map(String::as_str).collect(),
        }
    }
}

/// `Avatar`: sympod serves Symphony's default avatar paths.
#[derive(Debug, Serialize)]
pub struct Avatar {
    size: &'static str,
    url: &'static str,
}

const AVATARS: [Avatar; 2] = [
    Avatar { size: "original", url: "../avatars/static/150/default.png" },
    Avatar { size: "small", url: "../avatars/static/50/default.png" },
];

/// `UserV2`: the public face of a user.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserV2<'a> {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    display_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    company: &'a str,
    username: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    account_type: AccountType,
    avatars: &'static [Avatar],
    #[serde(skip_serializing_if = "Option::is_none")]
    work_phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_function: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    division: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<&'a str>>,
}

impl<'a> UserV2<'a> {
    /// The user as other users see them (no roles).
    pub fn public(user: &'a User) -> Self {
        let p = &user.profile;
        Self {
            id: user.id.0,
            email_address: user.email.as_deref(),
            first_name: p.first_name.as_deref(),
            last_name: p.last_name.as_deref(),
            display_name: &user.display_name,
            title: p.title.as_deref(),
            company: &user.company,
            username: &user.username,
            location: p.location.as_deref(),
            account_type: user.account_type,
            avatars: &AVATARS,
            work_phone_number: p.work_phone_number.as_deref(),
            mobile_phone_number: p.mobile_phone_number.as_deref(),
            job_function: p.job_function.as_deref(),
            department: p.department.as_deref(),
            division: p.division.as_deref(),
            roles: None,
        }
    }

    /// The user as they see themselves (`/pod/v2/sessioninfo`): with roles.
    pub fn own(user: &'a User) -> Self {
        Self { roles: Some(user.roles.iter().map(String::as_str).collect()), ..Self::public(user) }
    }
}

/// `UserStatus`, both ways.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserStatusView {
    pub status: Option<UserStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspended: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspended_until: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspension_reason: Option<String>,
}

impl UserStatusView {
    pub fn of(user: &User) -> Self {
        Self {
            status: Some(user.status),
            suspended: Some(user.suspension.suspended),
            suspended_until: user.suspension.until,
            suspension_reason: user.suspension.reason.clone(),
        }
    }

    /// The suspension this request sets, if it mentions one.
    pub fn suspension(&self) -> Option<Suspension> {
        self.suspended.map(|suspended| Suspension {
            suspended,
            until: self.suspended_until.filter(|_| suspended),
            reason: self.suspension_reason.clone().filter(|_| suspended),
        })
    }
}

/// `Feature`. The spec spells the field `entitlment`.
#[derive(Debug, Serialize, Deserialize)]
pub struct FeatureView {
    pub entitlment: String,
    pub enabled: bool,
}

/// `RoleDetail`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDetail {
    pub id: &'static str,
    pub name: &'static str,
    pub user_types: Vec<&'static str>,
}
