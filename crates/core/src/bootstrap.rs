//! Accounts made by the server itself, with no administrator to ask: the bootstrap admin given on the
//! command line, and the quick start's accounts.

use sympod_model::RuleError;
use sympod_model::catalogue::{ADMINISTRATOR, SUPER_ADMINISTRATOR, USER_PROVISIONING};
use sympod_model::user::{AccountType, KeyRequest, User, UserDraft, UserStatus};

use crate::keys::check_public_key;
use crate::users::NewUser;
use crate::{Core, CoreResult};

/// The roles of the bootstrap administrator.
pub const ADMIN_ROLES: [&str; 3] = [SUPER_ADMINISTRATOR, ADMINISTRATOR, USER_PROVISIONING];

impl Core {
    /// Makes sure a service account `username` exists, is enabled, holds `public_key_pem` as its
    /// current key and has the administrator roles. Idempotent.
    pub async fn ensure_admin(&self, username: &str, public_key_pem: &str) -> CoreResult<User> {
        let pem = check_public_key(public_key_pem, "the admin public key")?;
        if let Some(existing) = self.store.user_by_username(username).await? {
            let now = self.now();
            let mut apply = |user: &mut User| -> Result<(), RuleError> {
                user.keys.current = Some(pem.clone());
                user.status = UserStatus::Enabled;
                for role in ADMIN_ROLES {
                    sympod_model::user::check_role_assignable(role, user.account_type)?;
                    user.roles.insert(role.to_owned());
                }
                user.updated_at = now;
                Ok(())
            };
            return Ok(self.store.modify_user(existing.id, &mut apply).await?);
        }
        self.create_service_account(username, "sympod administrator", &pem, &ADMIN_ROLES).await
    }

    /// Creates a service account (a bot) with a key and roles, outside any admin session.
    pub async fn create_service_account(
        &self,
        username: &str,
        display_name: &str,
        public_key_pem: &str,
        roles: &[&str],
    ) -> CoreResult<User> {
        let draft = UserDraft {
            username: Some(username.to_owned()),
            display_name: Some(display_name.to_owned()),
            email: Some(format!(
                "{username}@{}.sympod.local",
                self.home.company.to_lowercase().replace(' ', "-")
            )),
            account_type: Some(AccountType::System),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            ..UserDraft::default()
        };
        let key = KeyRequest { key: Some(public_key_pem.to_owned()), ..KeyRequest::default() };
        self.provision_user(NewUser { draft, current_key: Some(key) }, None).await
    }
}
