//! App views: `ApplicationDetail` both ways.

use serde::{Deserialize, Serialize};
use sympod_core::apps::AppInput;
use sympod_model::RuleError;
use sympod_model::app::{App, AppNotification, AppProfile, AppProperty};

use super::users::KeyView;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AuthenticationKeys {
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<KeyView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<KeyView>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationDetail {
    #[serde(default)]
    application_info: ApplicationInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    icon_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_origins: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authentication_keys: Option<AuthenticationKeys>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notification: Option<AppNotification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Vec<AppProperty>>,
}

impl ApplicationDetail {
    pub fn into_input(self) -> Result<AppInput, RuleError> {
        let info = self.application_info;
        let keys = self.authentication_keys.unwrap_or_default();
        Ok(AppInput {
            app_id: info.app_id,
            profile: AppProfile {
                name: info.name,
                app_url: info.app_url,
                domain: info.domain,
                publisher: info.publisher,
                icon_url: self.icon_url,
                description: self.description,
                allow_origins: self.allow_origins,
                cert: self.cert,
                notification: self.notification,
                properties: self.properties,
            },
            permissions: self.permissions,
            current_key: keys.current.map(KeyView::into_request).transpose()?,
            previous_key: keys.previous.map(KeyView::into_request).transpose()?,
        })
    }

    pub fn of(app: &App) -> Self {
        let p = app.profile.clone();
        let key = |pem: &str, exp| KeyView { key: Some(pem.to_owned()), expiration_date: exp, action: None };
        Self {
            application_info: ApplicationInfo {
                app_id: Some(app.app_id.clone()),
                name: p.name,
                app_url: p.app_url,
                domain: p.domain,
                publisher: p.publisher,
            },
            icon_url: p.icon_url,
            description: p.description,
            allow_origins: p.allow_origins,
            permissions: Some(app.permissions.clone()),
            cert: p.cert,
            authentication_keys: Some(AuthenticationKeys {
                current: app.keys.current.as_deref().map(|k| key(k, None)),
                previous: app.keys.previous.as_ref().map(|k| key(&k.pem, Some(k.expires_at))),
            }),
            notification: p.notification,
            properties: p.properties,
        }
    }
}
