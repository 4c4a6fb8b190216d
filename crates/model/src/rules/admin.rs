//! Rules of the administration API: who may provision users, grant roles, and manage apps.

use crate::RuleError;
use crate::catalogue::{ADMINISTRATOR, SUPER_ADMINISTRATOR, USER_PROVISIONING};
use crate::user::User;

/// The words Symphony answers a caller who lacks a role with.
pub const LACKS_ENTITLEMENT: &str = "The user lacks the required entitlement to perform this operation";

const USER_MANAGERS: &[&str] = &[USER_PROVISIONING, ADMINISTRATOR, SUPER_ADMINISTRATOR];

/// Creating, reading, listing and updating users: user provisioning and administrators.
pub fn can_manage_users(caller: &User) -> Result<(), RuleError> {
    allow(caller.has_any_role(USER_MANAGERS))
}

/// Granting or removing `role`: administrator roles are granted only by a super administrator
/// (`SUPER_ADMINISTRATOR`) or an administrator (`ADMINISTRATOR`, below super); every other role by
/// any user manager.
pub fn can_grant_role(caller: &User, role: &str) -> Result<(), RuleError> {
    can_manage_users(caller)?;
    match role {
        SUPER_ADMINISTRATOR => allow(caller.has_role(SUPER_ADMINISTRATOR)),
        ADMINISTRATOR => allow(caller.has_any_role(&[ADMINISTRATOR, SUPER_ADMINISTRATOR])),
        _ => Ok(()),
    }
}

/// Acting on `target`'s account (attributes, keys, status, entitlements, roles): a user manager may
/// act only on accounts whose every role they could grant themselves. Otherwise a provisioning
/// account could rotate a super administrator's key and log in as them.
pub fn can_administer_user(caller: &User, target: &User) -> Result<(), RuleError> {
    can_manage_users(caller)?;
    for role in &target.roles {
        can_grant_role(caller, role)?;
    }
    Ok(())
}

/// Registering, changing and deleting apps: administrators.
pub fn can_manage_apps(caller: &User) -> Result<(), RuleError> {
    allow(caller.has_any_role(&[ADMINISTRATOR, SUPER_ADMINISTRATOR]))
}

fn allow(ok: bool) -> Result<(), RuleError> {
    if ok { Ok(()) } else { Err(RuleError::forbidden(LACKS_ENTITLEMENT)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::user_with_roles;

    #[test]
    fn a_plain_user_manages_nothing() {
        let plain = user_with_roles(&["INDIVIDUAL"]);
        assert!(can_manage_users(&plain).is_err());
        assert!(can_manage_apps(&plain).is_err());
        assert!(can_grant_role(&plain, "INDIVIDUAL").is_err());
    }

    #[test]
    fn user_provisioning_manages_users_but_grants_no_admin_role() {
        let provisioner = user_with_roles(&[USER_PROVISIONING]);
        assert!(can_manage_users(&provisioner).is_ok());
        assert!(can_grant_role(&provisioner, "COMPLIANCE_OFFICER").is_ok());
        assert!(can_grant_role(&provisioner, ADMINISTRATOR).is_err());
        assert!(can_grant_role(&provisioner, SUPER_ADMINISTRATOR).is_err());
        assert!(can_manage_apps(&provisioner).is_err());
    }

    #[test]
    fn a_user_manager_cannot_act_on_an_account_more_powerful_than_they_could_make() {
        let provisioner = user_with_roles(&[USER_PROVISIONING]);
        let admin = user_with_roles(&[ADMINISTRATOR]);
        let superadmin = user_with_roles(&[SUPER_ADMINISTRATOR]);
        let plain = user_with_roles(&["INDIVIDUAL", "COMPLIANCE_OFFICER"]);
        assert!(can_administer_user(&provisioner, &plain).is_ok());
        assert!(can_administer_user(&provisioner, &admin).is_err());
        assert!(can_administer_user(&provisioner, &superadmin).is_err());
        assert!(can_administer_user(&admin, &admin).is_ok());
        assert!(can_administer_user(&admin, &superadmin).is_err());
        assert!(can_administer_user(&superadmin, &superadmin).is_ok());
    }

    #[test]
    fn only_a_super_administrator_grants_super_administrator() {
        assert!(can_grant_role(&user_with_roles(&[ADMINISTRATOR]), ADMINISTRATOR).is_ok());
        assert!(can_grant_role(&user_with_roles(&[ADMINISTRATOR]), SUPER_ADMINISTRATOR).is_err());
        assert!(can_grant_role(&user_with_roles(&[SUPER_ADMINISTRATOR]), SUPER_ADMINISTRATOR).is_ok());
    }
}
