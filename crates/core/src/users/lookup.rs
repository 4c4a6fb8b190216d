//! Looking users up, as any logged-in user may: by ids, emails or usernames, and by search.

use sympod_model::UserId;
use sympod_model::user::{AccountType, User, UserStatus};

use crate::{Core, CoreError, CoreResult};

/// At most this many values in one lookup list.
pub const MAX_LOOKUP: usize = 100;

/// One lookup list of `/pod/v3/users`: exactly one of `uid`, `email`, `username`.
#[derive(Debug, Clone)]
pub enum Lookup {
    Ids(Vec<String>),
    Emails(Vec<String>),
    Usernames(Vec<String>),
}

/// An entry of `V2UserList.errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupError {
    pub error: &'static str,
    pub email: Option<String>,
    pub id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct LookupResult {
    pub users: Vec<User>,
    pub errors: Vec<LookupError>,
}

/// `UserSearchFilter`: every criterion given must match (text without case).
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub account_types: Vec<AccountType>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub market_coverage: Option<String>,
    pub responsibility: Option<String>,
    pub function: Option<String>,
    pub instrument: Option<String>,
}

impl SearchFilter {
    pub fn matches(&self, user: &User) -> bool {
        let text = |want: &Option<String>, have: Option<&str>| {
            want.as_ref().is_none_or(|w| have.is_some_and(|h| h.to_lowercase().contains(&w.to_lowercase())))
        };
        let list = |want: &Option<String>, have: &Option<Vec<String>>| {
            want.as_ref().is_none_or(|w| have.iter().flatten().any(|h| h.eq_ignore_ascii_case(w)))
        };
        let p = &user.profile;
        (self.account_types.is_empty() || self.account_types.contains(&user.account_type))
            && text(&self.title, p.title.as_deref())
            && text(&self.company, Some(&user.company))
            && text(&self.location, p.location.as_deref())
            && list(&self.market_coverage, &p.market_coverage)
            && list(&self.responsibility, &p.responsibility)
            && list(&self.function, &p.function)
            && list(&self.instrument, &p.instrument)
    }
}

impl Core {
    /// `GET /pod/v3/users`. `local` keeps only users of the home pod; `active` keeps only enabled
    /// (true) or disabled (false) users.
    pub async fn lookup_users(
        &self,
        lookup: Lookup,
        local: bool,
        active: Option<bool>,
    ) -> CoreResult<LookupResult> {
        let values = match &lookup {
            Lookup::Ids(v) | Lookup::Emails(v) | Lookup::Usernames(v) => v,
        };
        if values.len() > MAX_LOOKUP {
            return Err(CoreError::invalid(format!("At most {MAX_LOOKUP} values may be looked up at once")));
        }
        let mut result = LookupResult::default();
        let mut found = Vec::new();
        match lookup {
            Lookup::Ids(ids) => {
                let mut parsed = Vec::new();
                for raw in ids {
                    match UserId::parse(&raw) {
                        Some(id) => parsed.push(id),
                        None => result.errors.push(LookupError {
                            error: "invalid.format",
                            email: None,
                            id: Some(raw),
                        }),
                    }
                }
                found = self.store.users_by_ids(&parsed).await?;
            }
            Lookup::Emails(emails) => {
                for email in emails {
                    if !email.contains('@') {
                        result.errors.push(LookupError {
                            error: "invalid.format",
                            email: Some(email),
                            id: None,
                        });
                    } else if let Some(user) = self.store.user_by_email(&email).await? {
                        found.push(user);
                    }
                }
            }
            Lookup::Usernames(names) => {
                if !local {
                    return Err(CoreError::invalid(
                        "Users can be looked up by username only with local=true",
                    ));
                }
                for name in names {
                    if let Some(user) = self.store.user_by_username(&name).await? {
                        found.push(user);
                    }
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        result.users =
            found.into_iter().filter(|u| seen.insert(u.id) && self.visible(u, local, active)).collect();
        Ok(result)
    }

    /// `GET /pod/v2/user`: one user by id, email or username.
    pub async fn find_user(&self, lookup: Lookup, local: bool) -> CoreResult<Option<User>> {
        Ok(self.lookup_users(lookup, local, None).await?.users.into_iter().next())
    }

    /// `POST /pod/v1/user/search`: enabled users whose names or email contain `query`, filtered.
    /// Answers the total count and the page.
    pub async fn search_users(
        &self,
        query: &str,
        filter: &SearchFilter,
        local: bool,
        skip: usize,
        limit: usize,
    ) -> CoreResult<(usize, Vec<User>)> {
        if query.trim().is_empty() {
            return Err(CoreError::invalid("The search query is required"));
        }
        let all: Vec<User> = self
            .store
            .search_users(query.trim())
            .await?
            .into_iter()
            .filter(|u| self.visible(u, local, Some(true)) && filter.matches(u))
            .collect();
        let count = all.len();
        Ok((count, all.into_iter().skip(skip).take(limit).collect()))
    }

    fn visible(&self, user: &User, local: bool, active: Option<bool>) -> bool {
        (!local || user.pod == self.home.id)
            && active.is_none_or(|a| a == (user.status == UserStatus::Enabled))
    }
}
