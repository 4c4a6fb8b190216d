//! User administration (`/pod/v2/admin/user/*`, `/pod/v1/admin/user/*`) and user lookups
//! (`/pod/v3/users`, `/pod/v2/user`, `/pod/v1/user/search`).

mod lookup;

use sympod_model::catalogue::{self, INDIVIDUAL};
use sympod_model::rules::admin::{can_administer_user, can_grant_role, can_manage_users};
use sympod_model::user::{
    AccountType, KeyRequest, Suspension, User, UserDraft, UserKeys, UserStatus, validate_draft,
};
use sympod_model::{RuleError, UserId};
use sympod_store::{Mutation, StoreError, UserFilter};

pub use lookup::{Lookup, LookupResult, SearchFilter};

use crate::keys::check_public_key;
use crate::{Caller, Core, CoreError, CoreResult};

/// A request to create a user (`V2UserCreate`).
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub draft: UserDraft,
    pub current_key: Option<KeyRequest>,
}

/// A request to change a user (`V2UserAttributes` on update). Absent attributes stay as they are.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub draft: UserDraft,
    pub current_key: Option<KeyRequest>,
    pub previous_key: Option<KeyRequest>,
}

fn checked_key(req: Option<KeyRequest>, field: &str) -> CoreResult<Option<KeyRequest>> {
    let Some(mut req) = req else { return Ok(None) };
    if let Some(pem) = &req.key {
        req.key = Some(check_public_key(pem, field)?);
    }
    Ok(Some(req))
}

impl Core {
    /// Creates a user on behalf of an administrator.
    pub async fn create_user(&self, caller: &Caller, new: NewUser) -> CoreResult<User> {
        can_manage_users(&caller.user)?;
        for role in &new.draft.roles {
            can_grant_role(&caller.user, role)?;
        }
        self.provision_user(new, Some(caller.user.id)).await
    }

    /// Creates a user with no caller to check: bootstrap and quick start.
    pub(crate) async fn provision_user(&self, new: NewUser, created_by: Option<UserId>) -> CoreResult<User> {
        validate_draft(&new.draft, true)?;
        let key = checked_key(new.current_key, "userAttributes.currentKey.key")?;
        let draft = new.draft;
        let pod = match draft.company.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(company) if !company.eq_ignore_ascii_case(&self.home.company) => {
                self.store.ensure_pod(company, self.config.pod_id).await?
            }
            _ => self.home.clone(),
        };
        let now = self.now();
        let display_name = draft.display_name.clone().unwrap_or_else(|| {
            let first = draft.profile.first_name.as_deref().unwrap_or_default();
            let last = draft.profile.last_name.as_deref().unwrap_or_default();
            format!("{first} {last}").trim().to_owned()
        });
        let mut keys = UserKeys::default();
        if let Some(req) = &key {
            keys.apply_current(req, now)?;
        }
        let mut roles: std::collections::BTreeSet<String> = draft.roles.iter().cloned().collect();
        roles.insert(INDIVIDUAL.to_owned());
        let user = User {
            id: self.store.allocate_user_id(pod.id).await?,
            pod: pod.id,
            company: pod.company,
            username: draft.username.clone().unwrap_or_default(),
            email: draft.email.clone(),
            display_name,
            account_type: draft.account_type.unwrap_or(AccountType::Normal),
            status: UserStatus::Enabled,
            suspension: Suspension::default(),
            profile: draft.profile,
            roles,
            features: User::default_features(),
            keys,
            created_at: now,
            created_by,
            updated_at: now,
            last_login_at: None,
            deactivated_at: None,
            session_epoch: 0,
            version: 1,
        };
        self.store.insert_user(&user).await?;
        tracing::info!(user.id = user.id.0, user.username = %user.username, "user created");
        Ok(user)
    }

    /// Changes a user's attributes and keys.
    pub async fn update_user(&self, caller: &Caller, id: UserId, change: UserChange) -> CoreResult<User> {
        can_manage_users(&caller.user)?;
        validate_draft(&change.draft, false)?;
        if !change.draft.roles.is_empty() {
            return Err(CoreError::invalid(
                "Roles are changed through the roles/add and roles/remove endpoints",
            ));
        }
        let current = checked_key(change.current_key, "currentKey.key")?;
        let previous = checked_key(change.previous_key, "previousKey.key")?;
        let now = self.now();
        let draft = change.draft;
        let me = &caller.user;
        let mut apply = |user: &mut User| -> Result<(), RuleError> {
            can_administer_user(me, user)?;
            if draft.account_type.is_some_and(|t| t != user.account_type) {
                return Err(RuleError::invalid("accountType cannot be changed"));
            }
            if draft.company.as_deref().is_some_and(|c| !c.eq_ignore_ascii_case(&user.company)) {
                return Err(RuleError::invalid("companyName cannot be changed"));
            }
            if let Some(username) = &draft.username {
                user.username.clone_from(username);
            }
            if let Some(email) = &draft.email {
                user.email = Some(email.clone());
            }
            if let Some(name) = &draft.display_name {
                user.display_name.clone_from(name);
            }
            user.profile.merge(draft.profile.clone());
            if let Some(req) = &current {
                user.keys.apply_current(req, now)?;
            }
            if let Some(req) = &previous {
                user.keys.apply_previous(req, now)?;
            }
            user.updated_at = now;
            Ok(())
        };
        self.change_user(id, &mut apply).await
    }

    pub async fn admin_user(&self, caller: &Caller, id: UserId) -> CoreResult<User> {
        can_manage_users(&caller.user)?;
        self.store.user(id).await?.ok_or_else(|| CoreError::not_found(format!("User {id} not found")))
    }

    pub async fn admin_list_users(
        &self,
        caller: &Caller,
        filter: &UserFilter,
        skip: i64,
        limit: i64,
    ) -> CoreResult<Vec<User>> {
        can_manage_users(&caller.user)?;
        if let Some(role) = filter.role.as_deref().filter(|r| catalogue::find_role(r).is_none()) {
            return Err(CoreError::invalid(format!("Unknown role: {role}")));
        }
        if let Some(feature) = filter.feature.as_deref().filter(|f| !catalogue::is_feature(f)) {
            return Err(CoreError::invalid(format!("Unknown feature: {feature}")));
        }
        Ok(self.store.find_users(filter, skip, limit).await?)
    }

    /// Grants (`add`) or removes a role.
    pub async fn set_role(&self, caller: &Caller, id: UserId, role: &str, add: bool) -> CoreResult<User> {
        can_grant_role(&caller.user, role)?;
        if catalogue::find_role(role).is_none() {
            return Err(CoreError::invalid(format!("Unknown role: {role}")));
        }
        let now = self.now();
        let me = &caller.user;
        let mut apply = |user: &mut User| -> Result<(), RuleError> {
            can_administer_user(me, user)?;
            if add {
                sympod_model::user::check_role_assignable(role, user.account_type)?;
                user.roles.insert(role.to_owned());
            } else {
                user.roles.remove(role);
            }
            user.updated_at = now;
            Ok(())
        };
        self.change_user(id, &mut apply).await
    }

    /// Sets entitlements. Every name must be in the catalogue; unnamed ones keep their value.
    pub async fn update_features(
        &self,
        caller: &Caller,
        id: UserId,
        features: &[(String, bool)],
    ) -> CoreResult<User> {
        can_manage_users(&caller.user)?;
        if let Some((unknown, _)) = features.iter().find(|(name, _)| !catalogue::is_feature(name)) {
            return Err(CoreError::invalid(format!("Unknown feature entitlement: {unknown}")));
        }
        let now = self.now();
        let me = &caller.user;
        let mut apply = |user: &mut User| -> Result<(), RuleError> {
            can_administer_user(me, user)?;
            for (name, on) in features {
                user.features.insert(name.clone(), *on);
            }
            user.updated_at = now;
            Ok(())
        };
        self.change_user(id, &mut apply).await
    }

    /// Enables or disables (and suspends) a user; `None` keeps the status as it is. Disabling or
    /// suspending voids every session the user holds.
    pub async fn update_status(
        &self,
        caller: &Caller,
        id: UserId,
        status: Option<UserStatus>,
        suspension: Option<Suspension>,
    ) -> CoreResult<User> {
        can_manage_users(&caller.user)?;
        let now = self.now();
        let me = &caller.user;
        let mut apply = |user: &mut User| -> Result<(), RuleError> {
            can_administer_user(me, user)?;
            let status = status.unwrap_or(user.status);
            if status == UserStatus::Disabled && user.status == UserStatus::Enabled {
                user.deactivated_at = Some(now);
                user.session_epoch += 1;
            }
            user.status = status;
            if let Some(s) = &suspension {
                if s.suspended && !user.suspension.in_force(now) {
                    user.session_epoch += 1;
                }
                user.suspension = s.clone();
            }
            user.updated_at = now;
            Ok(())
        };
        self.change_user(id, &mut apply).await
    }
}

impl Core {
    /// Applies `change` to a user atomically; a missing user is a "User not found".
    async fn change_user(&self, id: UserId, change: Mutation<'_, User>) -> CoreResult<User> {
        self.store.modify_user(id, change).await.map_err(|err| match err {
            StoreError::NotFound => CoreError::not_found(format!("User {id} not found")),
            other => other.into(),
        })
    }
}
