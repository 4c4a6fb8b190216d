//! App administration (`/pod/v1/admin/app/*`).

use sympod_model::RuleError;
use sympod_model::app::{App, AppProfile, validate_app_id, validate_permission, validate_properties};
use sympod_model::rules::admin::can_manage_apps;
use sympod_model::user::{KeyRequest, UserKeys};

use crate::keys::check_public_key;
use crate::{Caller, Core, CoreError, CoreResult};

/// An `ApplicationDetail` as a create or update request carries it.
#[derive(Debug, Clone, Default)]
pub struct AppInput {
    pub app_id: Option<String>,
    pub profile: AppProfile,
    pub permissions: Option<Vec<String>>,
    pub current_key: Option<KeyRequest>,
    pub previous_key: Option<KeyRequest>,
}

fn check(input: &mut AppInput) -> CoreResult<()> {
    if let Some(properties) = &input.profile.properties {
        validate_properties(properties)?;
    }
    for p in input.permissions.iter().flatten() {
        validate_permission(p)?;
    }
    for (req, field) in [
        (&mut input.current_key, "authenticationKeys.current.key"),
        (&mut input.previous_key, "authenticationKeys.previous.key"),
    ] {
        if let Some(pem) = req.as_ref().and_then(|r| r.key.as_ref()) {
            let checked = check_public_key(pem, field)?;
            req.as_mut().expect("checked above").key = Some(checked);
        }
    }
    Ok(())
}

impl Core {
    pub async fn create_app(&self, caller: &Caller, mut input: AppInput) -> CoreResult<App> {
        can_manage_apps(&caller.user)?;
        let app_id =
            input.app_id.clone().ok_or_else(|| CoreError::invalid("applicationInfo.appId is required"))?;
        validate_app_id(&app_id)?;
        check(&mut input)?;
        let mut keys = UserKeys::default();
        if let Some(req) = &input.current_key {
            keys.apply_current(req, self.now())?;
        }
        let app = App {
            app_id,
            profile: input.profile,
            permissions: input.permissions.unwrap_or_default(),
            keys,
            // Random, so that a deleted and recreated app does not revive the old one's tokens.
            session_epoch: crate::random_i64(),
        };
        self.store.insert_app(&app).await?;
        Ok(app)
    }

    pub async fn update_app(&self, caller: &Caller, app_id: &str, mut input: AppInput) -> CoreResult<App> {
        can_manage_apps(&caller.user)?;
        if input.app_id.as_deref().is_some_and(|id| id != app_id) {
            return Err(CoreError::invalid("applicationInfo.appId cannot be changed"));
        }
        check(&mut input)?;
        let now = self.now();
        let mut apply = |app: &mut App| -> Result<(), RuleError> {
            merge_profile(&mut app.profile, input.profile.clone());
            if let Some(p) = &input.permissions {
                app.permissions.clone_from(p);
            }
            if let Some(req) = &input.current_key {
                app.keys.apply_current(req, now)?;
            }
            if let Some(req) = &input.previous_key {
                app.keys.apply_previous(req, now)?;
            }
            if input.permissions.is_some() || input.current_key.is_some() || input.previous_key.is_some() {
                app.session_epoch = app.session_epoch.wrapping_add(1);
            }
            Ok(())
        };
        self.store.modify_app(app_id, &mut apply).await.map_err(|e| match e {
            sympod_store::StoreError::NotFound => CoreError::not_found(format!("App {app_id} not found")),
            other => other.into(),
        })
    }

    pub async fn delete_app(&self, caller: &Caller, app_id: &str) -> CoreResult<()> {
        can_manage_apps(&caller.user)?;
        self.store.delete_app(app_id).await.map_err(|e| match e {
            sympod_store::StoreError::NotFound => CoreError::not_found(format!("App {app_id} not found")),
            other => other.into(),
        })
    }

    pub async fn app(&self, caller: &Caller, app_id: &str) -> CoreResult<App> {
        can_manage_apps(&caller.user)?;
        self.store.app(app_id).await?.ok_or_else(|| CoreError::not_found(format!("App {app_id} not found")))
    }
}

fn merge_profile(into: &mut AppProfile, update: AppProfile) {
    macro_rules! take {
        ($($f:ident),*) => { $( if update.$f.is_some() { into.$f = update.$f; } )* };
    }
    take!(
        name,
        app_url,
        domain,
        publisher,
        icon_url,
        description,
        allow_origins,
        cert,
        notification,
        properties
    );
}
