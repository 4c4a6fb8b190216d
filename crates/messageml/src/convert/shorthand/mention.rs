//! `<mention uid|email [strict]/>`, resolved through the server's [`crate::UserResolver`].

use super::{entity_span, id_entity, sigiled};
use crate::convert::{Attrs, Converter, Ctx, Kind, Spec};
use crate::error::{MessageMlError, Result};
use crate::out::Out;
use crate::xml::Element;

const SPECS: &[Spec] = &[Spec::same("email"), Spec::same("strict"), Spec::same("uid")];

/// Builds a mention.
pub(crate) fn mention(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = Attrs::read(el, cv.mode, SPECS)?;
    let uid = attrs.int64("uid")?;
    let key = cv.state.next_key("mention");
    // Children are built for their validation only: a mention renders from the user.
    cv.build_children(el, ctx.child(Kind::Mention, &el.name))?;
    let strict = attrs.boolean("strict", "mention")? != Some("false");
    let email = attrs.get("email");
    let user = match (uid, email) {
        (Some(uid), _) => cv.users.by_uid(uid),
        (None, Some(email)) => cv.users.by_email(email),
        (None, None) => {
            return Err(MessageMlError::invalid("Either the attribute \"uid\" or \"email\" are required"));
        }
    };
    if let Some(user) = user {
        cv.state.mention(user.id);
        cv.state.count_entity()?;
        cv.state.generate(key.clone(), mention_entity(user.id));
        return Ok(entity_span(key, sigiled('@', &user.display_name)));
    }
    let lookup_key = uid.map(|u| u.to_string()).or(email.map(str::to_owned)).unwrap_or_default();
    if strict {
        return Err(MessageMlError::invalid(format!("Failed to lookup user \"{lookup_key}\"")));
    }
    match uid {
        Some(uid) => {
            cv.state.mention(uid);
            cv.state.count_entity()?;
            cv.state.generate(key.clone(), mention_entity(uid));
            Ok(entity_span(key, uid.to_string()))
        }
        // The reference makes a `mailto:` link, which the pod's http/https allow-list
        // rejects when the output is converted again: the email is printed as text instead.
        None => Ok(Out::Text(email.unwrap_or_default().to_owned())),
    }
}

/// The EntityJSON of a user mention (the uid is written as a string).
pub(crate) fn mention_entity(uid: i64) -> crate::entities::Entity {
    id_entity("com.symphony.user.mention", "com.symphony.user.userId", uid.to_string())
}
