//! `<form>` and `<button>`.

use crate::FormInfo;
use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, FormAcc, Kind, Spec, outs, text_only};
use crate::error::{MessageMlError, Result, attr_one_of, needs_child};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const FORM: &[Spec] = &[Spec::same("id"), Spec::renamed("multi-submit", "data-multi-submit")];
const BUTTON: &[Spec] = &[
    Spec::same("class"),
    Spec::same("name"),
    Spec::same("type"),
    Spec::renamed("icon", "data-icon"),
    Spec::renamed("title", "data-title"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
];
const BUTTON_TYPES: &[&str] = &["action", "reset", "cancel"];
const BUTTON_CLASSES: &[&str] =
    &["primary", "secondary", "tertiary", "destructive", "primary-link", "destructive-link"];
const MAX_CHOICES: usize = 50;

/// Builds a form. Its checks run after its children are built, in the reference's order:
/// nesting, the checkbox and radio counts, the id, the action button (or, directly in a dialog,
/// the dialog parts), `multi-submit`, and last the id's uniqueness.
pub(crate) fn form(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = crate::convert::Attrs::read(el, cv.mode, FORM)?;
    let info = FormInfo {
        id: attrs.get("id").unwrap_or_default().to_owned(),
        action_buttons: Vec::new(),
        fields: Vec::new(),
        in_dialog: ctx.in_dialog,
    };
    cv.state.open_forms.push(FormAcc { info, checkboxes: 0, radios: 0 });
    let children = cv.build_children(el, ctx.child(Kind::Form, &el.name));
    let acc = cv.state.open_forms.pop();
    let children = children?;
    let Some(acc) = acc else {
        return Err(MessageMlError::invalid("unbalanced form"));
    };
    if ctx.in_form {
        return Err(MessageMlError::invalid(
            "Element \"form\" cannot be an inner child of the following elements: [form]",
        ));
    }
    if acc.checkboxes > MAX_CHOICES || acc.radios > MAX_CHOICES {
        return Err(MessageMlError::invalid(format!(
            "Element \"form\" cannot have more than {MAX_CHOICES} children of the following elements: [checkbox, radio]."
        )));
    }
    let id = attrs.required_non_blank("id")?;
    // A dialog's own form holds its title, body and footer, and its buttons may sit in any of
    // them; a form further down in a dialog is an ordinary form.
    let dialog_form = ctx.parent == Kind::Dialog;
    if dialog_form {
        crate::convert::only(
            &el.name,
            &children,
            &[Kind::DialogTitle, Kind::DialogBody, Kind::DialogFooter],
            false,
        )?;
    } else if acc.info.action_buttons.is_empty() {
        return Err(MessageMlError::invalid(format!(
            "The form with id '{id}' should have at least one action button"
        )));
    }
    attrs.max_len("multi-submit", 64)?;
    let multi = attrs.one_of("multi-submit", "form", &["reset", "no-reset"])?;
    cv.state.unique_id(id)?;
    cv.state.forms.push(acc.info);
    let mut out = OutEl::new("form", Md::Block);
    out.attr("id", id);
    out.attr_opt("data-multi-submit", multi);
    Ok(out.with_children(outs(children)).into_out())
}

/// Builds a button. A button whose direct parent is a ui-action is a ui-action button (no
/// `type`, no `name`, no default type); any other button is a form button and must sit inside
/// a form. The checks run in the reference's order: placement, class, then the type and name
/// rules of the button's kind, then (for form buttons) its text content.
pub(crate) fn button(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::Button, el, ctx, BUTTON)?;
    if !ctx.in_form && !ctx.in_ui_action {
        return Err(MessageMlError::invalid(
            "Element \"button\" can only be a inner child of the following elements: [form, uiaction]",
        ));
    }
    let in_action = ctx.parent == Kind::UiAction;
    let class = attrs.get("class").map(|c| c.strip_suffix("-destructive").unwrap_or(c));
    if class.is_some_and(|c| !BUTTON_CLASSES.contains(&c)) {
        return Err(attr_one_of("class", "button", BUTTON_CLASSES));
    }
    crate::forms::booleans(&attrs, "button", &["formnovalidate"])?;
    let ty = if in_action {
        if attrs.get("type").is_some() || attrs.get("name").is_some() {
            return Err(MessageMlError::invalid(
                "Attributes \"type\" and \"name\" are not allowed on a button inside a UIAction.",
            ));
        }
        None
    } else {
        let ty = attrs.one_of("type", "button", BUTTON_TYPES)?.unwrap_or("action");
        let named = attrs.get("name").is_some_and(|n| !n.trim().is_empty());
        match ty {
            "reset" if attrs.get("name").is_some() => {
                return Err(MessageMlError::invalid("Attribute \"name\" is allowed for action buttons only"));
            }
            "action" | "cancel" if !named => {
                return Err(MessageMlError::invalid(format!(
                    "Attribute \"name\" is required for {ty} buttons"
                )));
            }
            _ => {}
        }
        Some(ty)
    };
    text_only(&el.name, &children)?;
    if !children.iter().any(|c| c.kind == Kind::Text) {
        return Err(needs_child(&el.name, "text content"));
    }
    if ty == Some("action")
        && let (Some(form), Some(name)) = (cv.state.open_forms.last_mut(), attrs.get("name"))
    {
        form.info.action_buttons.push(name.to_owned());
    }
    let mut out = OutEl::new("button", Md::Button);
    out.attr_opt("type", ty);
    out.attr_opt("class", class);
    out.attr_opt("name", attrs.get("name"));
    out.attr_opt("data-icon", attrs.get("icon"));
    out.attr_opt("data-title", attrs.get("title"));
    out.attr_opt("data-formnovalidate", attrs.get("formnovalidate"));
    Ok(out.with_children(outs(children)).into_out())
}
