//! `<dialog>` (title, body, footer), `<ui-action>` and the matching of a ui-action's
//! `target-id` to its sibling dialog, done once the whole tree is built because the dialog
//! may come after the action.

use std::collections::HashMap;

use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, Kind, Mode, Spec, State, needs_child_kind, only, outs};
use crate::error::{MessageMlError, Result, only_child_of, too_long};
use crate::out::{AttrValue, Md, Out, OutEl};
use crate::xml::Element;

const DIALOG: &[Spec] = &[
    Spec::same("id"),
    Spec::renamed("width", "data-width"),
    Spec::renamed("state", "data-state"),
    Spec::pml_only("open"),
];
const PART: &[Spec] = &[Spec::pml_only("class")];
const UI_ACTION: &[Spec] = &[
    Spec::renamed("action", "data-action"),
    Spec::renamed("trigger", "data-trigger"),
    Spec::renamed("user-ids", "data-user-ids"),
    Spec::renamed("stream-id", "data-stream-id"),
    Spec::renamed("side-by-side", "data-side-by-side"),
    Spec::renamed("target-id", "data-target-id"),
    Spec::pml_only("class"),
];
const WIDTHS: &[&str] = &["small", "medium", "large", "full-width"];
const MAX_USER_IDS: usize = 15;

/// Builds a dialog. Its checks run after its children are built, in the reference's order:
/// the id, width and state, the children, and last the id's uniqueness.
pub(crate) fn dialog(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = crate::convert::Attrs::read(el, cv.mode, DIALOG)?;
    let children = cv.build_children(el, ctx.child(Kind::Dialog, &el.name))?;
    let id = attrs.get("id").filter(|id| !id.is_empty() && !id.chars().any(char::is_whitespace)).ok_or_else(
        || MessageMlError::invalid("The attribute \"id\" is required and must not contain any whitespace"),
    )?;
    if id.chars().count() > 64 {
        return Err(too_long("id", 64));
    }
    let width = attrs.one_of("width", "dialog", WIDTHS)?.unwrap_or("medium");
    let state = attrs.one_of("state", "dialog", &["open", "close"])?.unwrap_or("close");
    match children.iter().filter(|c| c.kind == Kind::Form).count() {
        0 => {
            needs_child_kind(&el.name, &children, Kind::DialogTitle, "title")?;
            needs_child_kind(&el.name, &children, Kind::DialogBody, "body")?;
            only(&el.name, &children, &[Kind::DialogTitle, Kind::DialogBody, Kind::DialogFooter], false)?;
        }
        1 if children.iter().any(|c| !c.blank && c.kind != Kind::Form) => {
            return Err(MessageMlError::invalid(
                "A \"dialog\" element can't contain a \"form\" element and any other element.",
            ));
        }
        1 => {}
        _ => {
            return Err(MessageMlError::invalid(
                "A \"dialog\" element can contain only one \"form\" element",
            ));
        }
    }
    cv.state.unique_id(id)?;
    let out_id =
        if cv.mode == Mode::PresentationMl { id.to_owned() } else { format!("{}-{id}", cv.ids.short_id()) };
    cv.state.dialogs.push((id.to_owned(), out_id.clone()));
    let mut out = OutEl::new("dialog", Md::Block);
    out.attr("data-width", width);
    out.attr("data-state", state);
    out.attr("id", out_id);
    out.attr_static("open", "");
    Ok(out.with_children(outs(children)).into_out())
}

/// Builds a dialog's title, body or footer.
pub(crate) fn part(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (_, children) = open(cv, kind, el, ctx, PART)?;
    let (class, name) = match kind {
        Kind::DialogTitle => ("dialog-title", "title"),
        Kind::DialogBody => ("dialog-body", "body"),
        _ => ("dialog-footer", "footer"),
    };
    if !(ctx.parent == Kind::Dialog || (ctx.parent == Kind::Form && ctx.in_dialog)) {
        return Err(only_child_of(name, "dialog"));
    }
    let mut out = OutEl::new("div", Md::Block);
    out.attr("class", class);
    Ok(out.with_children(outs(children)).into_out())
}

/// Builds a ui-action. The checks run in the reference's order: children, `action`, the
/// attributes of that action, then `trigger`.
pub(crate) fn ui_action(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::UiAction, el, ctx, UI_ACTION)?;
    only(&el.name, &children, &[Kind::Button, Kind::UiAction], false)?;
    needs_child_any(&children)?;
    let action = attrs.required_non_blank("action")?;
    attrs.one_of("action", "ui-action", &["open-im", "open-dialog"])?;
    let mut user_ids = None;
    if action == "open-im" {
        attrs.boolean("side-by-side", "ui-action")?;
        match (attrs.get("user-ids"), attrs.get("stream-id")) {
            (Some(_), Some(_)) => {
                return Err(MessageMlError::invalid(
                    "Only one between \"stream-id\" and \"user-ids\" is allowed",
                ));
            }
            (None, None) => {
                return Err(MessageMlError::invalid(
                    "At least one between \"stream-id\" and \"user-ids\" should be present",
                ));
            }
            (Some(ids), None) => user_ids = Some(user_id_list(ids)?),
            (None, Some(_)) => {}
        }
    } else {
        let target = attrs.get("target-id").unwrap_or("");
        if target.is_empty() || target.chars().any(char::is_whitespace) {
            return Err(MessageMlError::invalid(
                "The attribute \"target-id\" is required and must not contain any whitespace",
            ));
        }
        attrs.max_len("target-id", 64)?;
    }
    let trigger = attrs.one_of("trigger", "ui-action", &["click"])?.unwrap_or("click");
    if attrs.get("target-id").is_some() {
        cv.state.targeted_actions += 1;
    }
    let mut out = OutEl::new("div", Md::Plain);
    out.attr_static("class", "ui-action");
    out.attr("data-action", action);
    out.attr("data-trigger", trigger);
    out.attr_opt("data-user-ids", user_ids.as_deref());
    out.attr_opt("data-stream-id", attrs.get("stream-id"));
    out.attr_opt("data-side-by-side", attrs.get("side-by-side"));
    out.attr_opt("data-target-id", attrs.get("target-id"));
    Ok(out.with_children(outs(children)).into_out())
}

/// `user-ids`: a JSON array of at most 15 user ids, written back compactly.
fn user_id_list(value: &str) -> Result<String> {
    let ids = match serde_json::from_str::<serde_json::Value>(value) {
        Ok(serde_json::Value::Array(items)) if items.iter().all(is_user_id) => items,
        _ => {
            return Err(MessageMlError::invalid(
                "Attribute \"user-ids\" contains an unsupported format, should be an array of user ids",
            ));
        }
    };
    if ids.len() > MAX_USER_IDS {
        return Err(MessageMlError::invalid(format!(
            "Attribute \"user-ids\" contains more values than allowed. Max value is {MAX_USER_IDS}"
        )));
    }
    Ok(serde_json::Value::Array(ids).to_string())
}

/// A user id: a 64-bit integer, or a string holding one.
fn is_user_id(v: &serde_json::Value) -> bool {
    v.is_i64() || v.as_str().is_some_and(|s| s.parse::<i64>().is_ok())
}

fn needs_child_any(children: &crate::convert::Children<'_>) -> Result<()> {
    if children.iter().any(|c| matches!(c.kind, Kind::Button | Kind::UiAction)) {
        Ok(())
    } else {
        Err(crate::error::needs_child("ui-action", "button, uiaction"))
    }
}

/// Points every `open-dialog` ui-action at its sibling dialog's output id.
///
/// Dialog ids are unique (they share the form ids' check), so one map from a dialog's id in the
/// message to its output id serves the whole tree, and each level sorts its dialogs once: a
/// message of thousands of dialogs and actions stays linear-logarithmic.
pub(crate) fn resolve_targets(children: &mut [Out], state: &State) -> Result<()> {
    if state.targeted_actions == 0 {
        return Ok(());
    }
    let dialogs: HashMap<&str, &str> =
        state.dialogs.iter().map(|(orig, out)| (orig.as_str(), out.as_str())).collect();
    resolve_in(children, &dialogs)
}

fn resolve_in(children: &mut [Out], dialogs: &HashMap<&str, &str>) -> Result<()> {
    let mut siblings: Vec<String> = children
        .iter()
        .filter_map(|c| match c {
            Out::El(el) if el.tag == "dialog" => text_attr(el, "id").map(str::to_owned),
            _ => None,
        })
        .collect();
    siblings.sort_unstable();
    for child in children.iter_mut() {
        let Out::El(el) = child else { continue };
        if el.tag == "div" && text_attr(el, "class") == Some("ui-action") {
            retarget(el, dialogs, &siblings)?;
        }
        resolve_in(&mut el.children, dialogs)?;
    }
    Ok(())
}

/// Replaces a ui-action's `data-target-id` with its sibling dialog's output id.
fn retarget(el: &mut OutEl, dialogs: &HashMap<&str, &str>, sorted_siblings: &[String]) -> Result<()> {
    let Some(target) = text_attr(el, "data-target-id") else {
        return Ok(());
    };
    let out_id = dialogs
        .get(target)
        .filter(|out| sorted_siblings.binary_search_by(|s| s.as_str().cmp(out)).is_ok())
        .map(|out| (*out).to_owned())
        .ok_or_else(|| {
            MessageMlError::invalid(
                "ui-action with a target-id must have only one dialog sibling with a matching id",
            )
        })?;
    for (name, value) in &mut el.attrs {
        if *name == "data-target-id" {
            *value = AttrValue::Text(out_id.clone().into());
        }
    }
    Ok(())
}

fn text_attr<'e>(el: &'e OutEl, name: &str) -> Option<&'e str> {
    el.attrs.iter().find_map(|(k, v)| match v {
        AttrValue::Text(t) if *k == name => Some(&**t),
        _ => None,
    })
}
