//! Authentication: RSA logins of users and apps, on-behalf-of sessions, and the session check that
//! every other request goes through.

use sympod_model::app::{ACT_AS_USER, App};
use sympod_model::catalogue::INDIVIDUAL;
use sympod_model::user::User;
use sympod_model::{Millis, RuleError, UserId};

use crate::tokens::{ISSUER, TokenClaims, TokenKind};
use crate::{Core, CoreError, CoreResult, login, random_id};

/// Lifetime of the `authorizationToken` a login also returns.
const AUTHORIZATION_TOKEN_LIFETIME_MS: Millis = 5 * 60 * 1000;
/// Lifetime of an app session.
const APP_SESSION_LIFETIME_MS: Millis = 3600 * 1000;
/// One answer for an unknown principal and a bad signature, so that logins do not reveal which
/// usernames exist; the precise reason is logged.
const LOGIN_REFUSED: &str =
    "Authentication failed: unknown account, or a signature that no registered key verifies";

/// The answer of a login: the `Token` schema.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The header the token goes in: `sessionToken` or `keyManagerToken`.
    pub name: &'static str,
    pub token: String,
    pub authorization_token: String,
}

/// Whom an app asks to act for.
#[derive(Debug, Clone)]
pub enum OboTarget {
    Id(UserId),
    Username(String),
}

/// Who is calling: a user, possibly through an app (on-behalf-of).
///
/// An on-behalf-of caller acts as an end user: its `user` carries the `INDIVIDUAL` role only, so no
/// administrative or compliance power passes through an app.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub app: Option<App>,
}

fn unauthorized(message: impl Into<String>) -> CoreError {
    CoreError::Unauthorized(message.into())
}

/// Refuses a login, logging why.
fn refused(reason: &str, subject: &str) -> CoreError {
    tracing::info!(login.subject = subject, reason, "login refused");
    unauthorized(LOGIN_REFUSED)
}

fn act_as_user(app: &App) -> CoreResult<()> {
    if app.has_permission(ACT_AS_USER) {
        Ok(())
    } else {
        Err(RuleError::forbidden(format!("The app {} lacks the ACT_AS_USER permission", app.app_id)).into())
    }
}

impl Core {
    /// `POST /login/pubkey/authenticate` (`kind` = Session) and `/relay/pubkey/authenticate`
    /// (`kind` = KeyManager).
    pub async fn authenticate_user(&self, jwt: &str, kind: TokenKind) -> CoreResult<IssuedToken> {
        let claimed = login::read_unverified(jwt).map_err(unauthorized)?;
        let now = self.now();
        let sub = claimed.subject.as_str();
        let user = self.store.user_by_username(sub).await?.ok_or_else(|| refused("unknown user", sub))?;
        login::verify(jwt, claimed.algorithm, user.keys.usable(now), now).map_err(|reason| match reason {
            login::Refusal::Signature => refused("bad signature", sub),
            login::Refusal::Claims(message) => unauthorized(message),
        })?;
        user.can_authenticate(now).map_err(|e| unauthorized(e.to_string()))?;
        if kind == TokenKind::Session {
            self.store
                .modify_user(user.id, &mut |u: &mut User| {
                    u.last_login_at = Some(now);
                    Ok(())
                })
                .await?;
        }
        let name = if kind == TokenKind::KeyManager { "keyManagerToken" } else { "sessionToken" };
        Ok(self.issue_user_tokens(name, kind, &user, None))
    }

    /// `POST /login/pubkey/app/authenticate`: an app logs in with its own RSA key.
    pub async fn authenticate_app(&self, jwt: &str) -> CoreResult<IssuedToken> {
        let claimed = login::read_unverified(jwt).map_err(unauthorized)?;
        let now = self.now();
        let sub = claimed.subject.as_str();
        let app = self.store.app(sub).await?.ok_or_else(|| refused("unknown app", sub))?;
        login::verify(jwt, claimed.algorithm, app.keys.usable(now), now).map_err(|reason| match reason {
            login::Refusal::Signature => refused("bad signature", sub),
            login::Refusal::Claims(message) => unauthorized(message),
        })?;
        let claims = TokenClaims {
            epoch: app.session_epoch,
            ..self.claims(
                app.app_id.clone(),
                TokenKind::App,
                Some(app.app_id.clone()),
                APP_SESSION_LIFETIME_MS,
            )
        };
        let token = self.tokens.issue(&claims);
        Ok(IssuedToken { name: "sessionToken", authorization_token: token.clone(), token })
    }

    /// The app of an app or on-behalf-of token, still existing, in the same epoch, and allowed to
    /// act as users.
    async fn acting_app(&self, app_id: Option<&str>, epoch: Option<i64>) -> CoreResult<App> {
        let app = self.store.app(app_id.unwrap_or_default()).await?;
        let app = app
            .filter(|a| Some(a.session_epoch) == epoch)
            .ok_or_else(|| unauthorized("Invalid app session"))?;
        act_as_user(&app)?;
        Ok(app)
    }

    /// `POST /login/pubkey/app/{user/{id}|username/{name}}/authenticate`: an app session becomes a
    /// session of `target` acting through the app.
    pub async fn authenticate_obo(&self, app_token: &str, target: OboTarget) -> CoreResult<IssuedToken> {
        let now = self.now();
        let claims = self
            .tokens
            .verify(app_token, now)
            .filter(|c| c.kind == TokenKind::App)
            .ok_or_else(|| unauthorized("Invalid app session"))?;
        let app = self.acting_app(claims.app.as_deref(), Some(claims.epoch)).await?;
        let user = match target {
            OboTarget::Id(id) => self.store.user(id).await?,
            OboTarget::Username(name) => self.store.user_by_username(&name).await?,
        }
        .ok_or_else(|| unauthorized("Unknown user"))?;
        user.can_authenticate(now).map_err(|e| unauthorized(e.to_string()))?;
        Ok(self.issue_user_tokens("sessionToken", TokenKind::Session, &user, Some(&app)))
    }

    /// Checks a `sessionToken` header and answers who is calling. Refused: tokens of a user disabled
    /// or suspended since; app tokens (not sessions); on-behalf-of tokens whose app is gone, changed
    /// its keys or permissions, or may no longer act as users.
    pub async fn session(&self, token: &str) -> CoreResult<Caller> {
        let invalid = || unauthorized("Invalid session");
        let now = self.now();
        let claims =
            self.tokens.verify(token, now).filter(|c| c.kind == TokenKind::Session).ok_or_else(invalid)?;
        let id = claims.user_id.map(UserId).ok_or_else(invalid)?;
        let mut user = self.store.user(id).await?.ok_or_else(invalid)?;
        if user.can_authenticate(now).is_err() || claims.epoch != user.session_epoch {
            return Err(invalid());
        }
        let app = match &claims.app {
            None => None,
            Some(app_id) => {
                let app = self.acting_app(Some(app_id), claims.app_epoch).await.map_err(|_| invalid())?;
                user.roles = [INDIVIDUAL.to_owned()].into();
                Some(app)
            }
        };
        Ok(Caller { user, app })
    }

    fn issue_user_tokens(
        &self,
        name: &'static str,
        kind: TokenKind,
        user: &User,
        app: Option<&App>,
    ) -> IssuedToken {
        let session = self.user_claims(user, kind, app, self.config.session_lifetime_ms);
        let authz = self.user_claims(user, TokenKind::Authorization, app, AUTHORIZATION_TOKEN_LIFETIME_MS);
        IssuedToken {
            name,
            token: self.tokens.issue(&session),
            authorization_token: self.tokens.issue(&authz),
        }
    }

    fn user_claims(&self, user: &User, kind: TokenKind, app: Option<&App>, lifetime: Millis) -> TokenClaims {
        TokenClaims {
            user_id: Some(user.id.0),
            epoch: user.session_epoch,
            app_epoch: app.map(|a| a.session_epoch),
            ..self.claims(user.username.clone(), kind, app.map(|a| a.app_id.clone()), lifetime)
        }
    }

    fn claims(&self, sub: String, kind: TokenKind, app: Option<String>, lifetime: Millis) -> TokenClaims {
        let now = self.now();
        TokenClaims {
            sub,
            user_id: None,
            kind,
            app,
            iss: ISSUER.into(),
            iat: now / 1000,
            epoch: 0,
            app_epoch: None,
            // `exp` is in whole seconds: rounded up, so that a session lives its whole lifetime.
            exp: now.saturating_add(lifetime).saturating_add(999) / 1000,
            simplified_key_delivery: self.config.simplified_key_delivery,
            jti: random_id(12),
        }
    }
}
