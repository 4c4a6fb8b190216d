//! Symphony Elements: forms and their controls, dialogs and ui-actions.
//!
//! Every control shares the same outline: read attributes, build children, check the
//! attribute values and the content, require an enclosing `form`, then emit the fixed-order
//! PresentationML, wrapped in a label/tooltip group when it has a `label` or `title`.

mod choice;
mod dialog;
mod form;
mod java_regex;
mod json_attrs;
mod pickers;
mod select;
mod selectors;
mod text;
mod time_picker;
mod wrapper;
mod zone_names;

pub(crate) use dialog::resolve_targets;
pub(crate) use json_attrs::is_iso_date;

use crate::convert::{Converter, Ctx, Kind};
use crate::error::{MessageMlError, Result};
use crate::out::Out;
use crate::xml::Element;

/// Builds an Elements element recognised as `kind`.
pub(crate) fn build(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    match kind {
        Kind::Form => form::form(cv, el, ctx),
        Kind::Button => form::button(cv, el, ctx),
        Kind::TextField => text::text_field(cv, el, ctx),
        Kind::TextArea | Kind::RichTextArea => text::textarea(cv, kind, el, ctx),
        Kind::Select => select::select(cv, el, ctx),
        Kind::Option => select::option(cv, el, ctx),
        Kind::Checkbox | Kind::Radio => choice::choice(cv, kind, el, ctx),
        Kind::PersonSelector | Kind::RoomSelector | Kind::DateSelector => {
            selectors::selector(cv, kind, el, ctx)
        }
        Kind::TimezonePicker => selectors::timezone(cv, el, ctx),
        Kind::DatePicker => pickers::date_picker(cv, el, ctx),
        Kind::TimePicker => time_picker::time_picker(cv, el, ctx),
        Kind::Dialog => dialog::dialog(cv, el, ctx),
        Kind::DialogTitle | Kind::DialogBody | Kind::DialogFooter => dialog::part(cv, kind, el, ctx),
        Kind::UiAction => dialog::ui_action(cv, el, ctx),
        Kind::LabelWrapper => wrapper::unwrap(cv, el, ctx),
        _ => Err(MessageMlError::invalid(format!("Invalid MessageML content at element \"{}\"", el.name))),
    }
}

/// `Element "tag" can only be a inner child of the following elements: [form]`.
pub(crate) fn require_form(tag: &str, ctx: Ctx<'_>) -> Result<()> {
    if ctx.in_form {
        Ok(())
    } else {
        Err(MessageMlError::invalid(format!(
            "Element \"{tag}\" can only be a inner child of the following elements: [form]"
        )))
    }
}

/// Checks every listed boolean attribute.
pub(crate) fn booleans(attrs: &crate::convert::Attrs<'_>, tag: &str, names: &[&str]) -> Result<()> {
    for name in names {
        attrs.boolean(name, tag)?;
    }
    Ok(())
}

/// An integer attribute within `min..=max` (`max` of `i64::MAX`: no upper bound).
pub(crate) fn int_in_range(
    attrs: &crate::convert::Attrs<'_>,
    name: &str,
    min: i64,
    max: i64,
) -> Result<Option<i64>> {
    match attrs.int64(name)? {
        Some(v) if v < min && max == i64::MAX => {
            Err(MessageMlError::invalid(format!("The attribute \"{name}\" must be at least {min}")))
        }
        Some(v) if v < min || v > max => {
            Err(MessageMlError::invalid(format!("The attribute \"{name}\" must be between {min} and {max}")))
        }
        other => Ok(other),
    }
}

/// label and title length limits (256, or 64 for date-picker).
pub(crate) fn label_title(attrs: &crate::convert::Attrs<'_>, max: usize) -> Result<()> {
    for name in ["label", "title"] {
        if attrs.get(name).is_some_and(|v| v.chars().count() > max) {
            return Err(MessageMlError::invalid(format!(
                "The attribute {name} value is too long. Max length is: {max}"
            )));
        }
    }
    Ok(())
}

/// pattern / pattern-error-message rules shared by text-field and textarea.
pub(crate) fn pattern(attrs: &crate::convert::Attrs<'_>) -> Result<()> {
    let Some(p) = attrs.get("pattern") else {
        return Ok(());
    };
    attrs.max_len("pattern", 256)?;
    if !java_regex::compiles(p) {
        return Err(MessageMlError::invalid(format!("The regex \"{p}\" is not valid")));
    }
    match attrs.get("pattern-error-message") {
        None => Err(MessageMlError::invalid(
            "The attribute \"pattern-error-message\" is mandatory when attribute \"pattern\" is defined",
        )),
        Some(_) => attrs.max_len("pattern-error-message", 256),
    }
}
