//! `span` / `div` with `class="entity"`: references into EntityJSON.
//!
//! Known entity types are re-rendered from the data, so the visible text always matches the
//! entity (a mention shows the user's current name, a hashtag `#value`, a cashtag
//! `$value`); any other type keeps its children. Generated entities inside are filed under
//! this entity's object.

use serde_json::Value;

use super::basic::copy_attrs;
use super::{Attrs, Converter, Ctx, Kind, Spec, outs};
use crate::error::{MessageMlError, Result};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const SPECS: &[Spec] = &[Spec::same("class"), Spec::same("data-entity-id"), Spec::same("style")];

/// Builds an entity element. As in the reference, the entity is looked up when the element is
/// created, before its attributes are read: a missing or duplicated entity, and a tag that
/// cannot be an entity, are reported first.
pub(crate) fn entity(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let id = el.attr("data-entity-id").unwrap_or("");
    match cv.keys.count(id) {
        0 => return Err(MessageMlError::invalid("The attribute \"data-entity-id\" is required")),
        1 => {}
        _ => {
            return Err(MessageMlError::invalid(format!(
                "Duplicate \"data-entity-id\"=\"{id}\" in entityJSON"
            )));
        }
    }
    let tag = entity_tag(&el.name)?;
    let attrs = Attrs::read(el, cv.mode, SPECS)?;
    cv.state.entity_scope.push(id.to_owned());
    let children = cv.build_children(el, ctx.child(Kind::Entity, &el.name));
    cv.state.entity_scope.pop();
    let children = children?;
    let replacement = match cv.keys.get(id) {
        Some(entity) => resolve(cv, entity)?,
        None => None,
    };
    let mut out = OutEl::new(tag, Md::Plain);
    copy_attrs(&mut out, &attrs);
    cv.state.count_entity()?;
    let children = match replacement {
        Some(text) => vec![Out::Text(text)],
        None => outs(children),
    };
    Ok(out.with_children(children).into_out())
}

/// Only `span` and `div` can be entities (the dispatcher sends no other tag here).
fn entity_tag(name: &str) -> Result<&'static str> {
    match name {
        "span" => Ok("span"),
        "div" => Ok("div"),
        other => Err(MessageMlError::invalid(format!("The element \"{other}\" cannot be an entity"))),
    }
}

/// The text a known entity type renders as, or `None` to keep the element's children.
fn resolve(cv: &mut Converter<'_>, entity: &Value) -> Result<Option<String>> {
    let kind = entity.get("type").and_then(Value::as_str).unwrap_or("");
    let ids = entity.get("id").and_then(Value::as_array);
    let first = ids.and_then(|ids| ids.first());
    let first_value = first.and_then(|i| scalar_text(i.get("value")?));
    match kind {
        "com.symphony.user.mention" => {
            let Some(raw) = first_value else {
                return Ok(None);
            };
            let Ok(uid) = raw.trim().parse::<i64>() else {
                return Ok(None);
            };
            // An unknown uid keeps the children: a non-strict mention of an unknown user
            // rendered the uid itself, and must convert again.
            let Some(user) = cv.users.by_uid(uid) else {
                cv.state.mention(uid);
                return Ok(None);
            };
            cv.state.mention(user.id);
            Ok(Some(format!("@{}", user.display_name)))
        }
        "org.symphonyoss.taxonomy" => Ok(first_value.map(|v| {
            cv.state.hashtag(&v);
            format!("#{v}")
        })),
        "org.symphonyoss.fin.security" => {
            let ticker = ids
                .and_then(|ids| {
                    ids.iter().find(|i| {
                        i.get("type").and_then(Value::as_str)
                            == Some("org.symphonyoss.fin.security.id.ticker")
                    })
                })
                .and_then(|i| scalar_text(i.get("value")?))
                .or(first_value);
            Ok(ticker.map(|v| {
                cv.state.cashtag(&v);
                format!("${v}")
            }))
        }
        _ => Ok(None),
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::entity_tag;

    #[test]
    fn only_spans_and_divs_can_be_entities() {
        assert_eq!(entity_tag("span").unwrap(), "span");
        assert_eq!(entity_tag("div").unwrap(), "div");
        for tag in ["p", "b", "a", "time", "input"] {
            assert_eq!(
                entity_tag(tag).unwrap_err().to_string(),
                format!("The element \"{tag}\" cannot be an entity")
            );
        }
    }
}
