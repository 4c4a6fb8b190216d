//! Checks on the user attributes an administrator sends when creating or updating a user.

use super::{AccountType, UserProfile};
use crate::{RuleError, catalogue};

/// The identity-bearing attributes of a create or update request, parsed but not yet checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserDraft {
    pub username: Option<String>,
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub company: Option<String>,
    pub account_type: Option<AccountType>,
    pub profile: UserProfile,
    pub roles: Vec<String>,
}

/// Checks a draft. On create, what a new account of its type needs must be there; on update, only
/// what is present is checked.
pub fn validate_draft(draft: &UserDraft, creating: bool) -> Result<(), RuleError> {
    let account_type = draft.account_type.unwrap_or(AccountType::Normal);
    if creating {
        if account_type == AccountType::Sdl {
            return Err(RuleError::invalid(
                "Distribution lists (accountType SDL) cannot be created as users",
            ));
        }
        if draft.username.is_none() {
            return Err(RuleError::invalid("userAttributes.userName is required"));
        }
        if account_type == AccountType::Normal {
            require(&draft.email, "emailAddress")?;
            require(&draft.profile.first_name, "firstName")?;
            require(&draft.profile.last_name, "lastName")?;
        } else {
            require(&draft.display_name, "displayName")?;
        }
    }
    if let Some(username) = &draft.username
        && (username.trim().is_empty() || username.chars().any(char::is_whitespace) || username.len() > 256)
    {
        return Err(RuleError::invalid("userAttributes.userName must be 1 to 256 characters without spaces"));
    }
    if let Some(email) = &draft.email
        && !is_plausible_email(email)
    {
        return Err(RuleError::invalid(format!(
            "userAttributes.emailAddress is not a valid email address: {email}"
        )));
    }
    for role in &draft.roles {
        check_role_assignable(role, account_type)?;
    }
    Ok(())
}

/// Whether an account of `account_type` may hold `role`.
pub fn check_role_assignable(role: &str, account_type: AccountType) -> Result<(), RuleError> {
    let Some(info) = catalogue::find_role(role) else {
        return Err(RuleError::invalid(format!("Unknown role: {role}")));
    };
    if !info.user_types.contains(&account_type) {
        return Err(RuleError::invalid(format!(
            "The role {role} cannot be granted to an account of type {}",
            account_type.as_str()
        )));
    }
    Ok(())
}

fn require(value: &Option<String>, field: &str) -> Result<(), RuleError> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(()),
        _ => Err(RuleError::invalid(format!("userAttributes.{field} is required"))),
    }
}

fn is_plausible_email(email: &str) -> bool {
    let mut parts = email.splitn(2, '@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    !local.is_empty() && !domain.is_empty() && !email.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> UserDraft {
        UserDraft {
            username: Some("jane".into()),
            email: Some("jane@example.com".into()),
            profile: UserProfile {
                first_name: Some("Jane".into()),
                last_name: Some("Doe".into()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_person_needs_an_email_and_a_full_name() {
        assert!(validate_draft(&person(), true).is_ok());
        let mut no_email = person();
        no_email.email = None;
        assert_eq!(
            validate_draft(&no_email, true),
            Err(RuleError::invalid("userAttributes.emailAddress is required"))
        );
        let mut no_last = person();
        no_last.profile.last_name = None;
        assert!(validate_draft(&no_last, true).is_err());
    }

    #[test]
    fn a_service_account_needs_a_display_name_but_no_email() {
        let bot = UserDraft {
            username: Some("bot".into()),
            display_name: Some("Bot".into()),
            account_type: Some(AccountType::System),
            ..Default::default()
        };
        assert!(validate_draft(&bot, true).is_ok());
        assert!(validate_draft(&UserDraft { display_name: None, ..bot }, true).is_err());
    }

    #[test]
    fn user_provisioning_cannot_be_granted_to_a_person() {
        let draft = UserDraft { roles: vec!["USER_PROVISIONING".into()], ..person() };
        assert!(matches!(validate_draft(&draft, true), Err(RuleError::Invalid(_))));
    }

    #[test]
    fn unknown_roles_and_bad_usernames_are_refused() {
        assert!(validate_draft(&UserDraft { roles: vec!["KING".into()], ..person() }, true).is_err());
        assert!(validate_draft(&UserDraft { username: Some("a b".into()), ..person() }, true).is_err());
        assert!(validate_draft(&UserDraft { email: Some("nope".into()), ..person() }, true).is_err());
    }

    #[test]
    fn an_update_checks_only_what_it_carries() {
        assert!(validate_draft(&UserDraft::default(), false).is_ok());
        assert!(validate_draft(&UserDraft { email: Some("x".into()), ..Default::default() }, false).is_err());
    }
}
