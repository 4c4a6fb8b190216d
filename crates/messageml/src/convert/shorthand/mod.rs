//! Shorthand tags that become entities: mention, hash, cash, emoji, dateTime, the financial
//! `tag`, and chime (which generates no entity).
//!
//! All but chime take the next number of the one shared counter, in document pre-order, so
//! keys read `mention1, keyword2, keyword3` as in the reference's fixtures.

mod chime;
mod datetime;
mod emoji;
mod emoji_table;
mod keyword;
mod mention;

pub(crate) use chime::{chime, fin_tag};
pub(crate) use datetime::{date_time, is_time};
pub(crate) use emoji::emoji;
pub(crate) use keyword::keyword;
pub(crate) use mention::mention;

use crate::entities::Entity;
use crate::out::Out;

/// `<span class="entity" data-entity-id="KEY">TEXT</span>`.
pub(crate) fn entity_span(key: String, text: String) -> Out {
    Out::Entity { key, text }
}

/// `sigil` followed by `text` (`@name`, `#tag`, `$TICKER`), allocated once.
pub(crate) fn sigiled(sigil: char, text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 1);
    s.push(sigil);
    s.push_str(text);
    s
}

/// An entity of `kind` identified by one `{type, value}` pair.
pub(crate) fn id_entity(kind: &'static str, id_type: &'static str, value: impl Into<String>) -> Entity {
    Entity::Id { kind, id_type, value: value.into() }
}
