//! `<text-field>`, `<textarea>` and `<richtextarea>`.

use super::{booleans, int_in_range, label_title, pattern, require_form, wrapper};
use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, Kind, Mode, Spec, text_only};
use crate::error::{MessageMlError, Result, attr_required};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const TEXT_FIELD: &[Spec] = &[
    Spec::same("name"),
    Spec::same("placeholder"),
    Spec::same("required"),
    Spec::renamed("masked", "data-masked"),
    Spec::same("minlength"),
    Spec::same("maxlength"),
    Spec::same("pattern"),
    Spec::renamed("pattern-error-message", "data-pattern-error-message"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::same("disabled"),
    Spec::same("readonly"),
    Spec::renamed("auto-submit", "data-auto-submit"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("type"),
    Spec::pml_only("id"),
    Spec::pml_only("value"),
];

const TEXTAREA: &[Spec] = &[
    Spec::same("name"),
    Spec::same("placeholder"),
    Spec::same("required"),
    Spec::same("minlength"),
    Spec::same("maxlength"),
    Spec::same("rows"),
    Spec::same("cols"),
    Spec::same("pattern"),
    Spec::renamed("pattern-error-message", "data-pattern-error-message"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::same("disabled"),
    Spec::same("readonly"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("data-richtext"),
    Spec::pml_only("id"),
];

/// Checks min/max lengths and the initial value's length against them.
fn lengths(
    attrs: &crate::convert::Attrs<'_>,
    floor: i64,
    ceiling: i64,
    what: &str,
    initial: &str,
) -> Result<()> {
    let min = int_in_range(attrs, "minlength", floor, ceiling)?;
    let max = int_in_range(attrs, "maxlength", floor, ceiling)?;
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        return Err(MessageMlError::invalid(
            "The attribute \"minlength\" must be lower than the \"maxlength\" attribute",
        ));
    }
    let len = initial.chars().count() as i64;
    let (lo, hi) = (min.unwrap_or(floor), max.unwrap_or(ceiling));
    if !initial.is_empty() && (len < lo || len > hi) {
        return Err(MessageMlError::invalid(format!(
            "The length of this {what}'s initial value must be between {lo} and {hi}"
        )));
    }
    Ok(())
}

/// Builds a text-field (`<input type="text">`).
pub(crate) fn text_field(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::TextField, el, ctx, TEXT_FIELD)?;
    text_only(&el.name, &children)?;
    require_form(&el.name, ctx)?;
    let name = attrs.get("name").ok_or_else(|| attr_required("name"))?;
    booleans(
        &attrs,
        "text-field",
        &["required", "masked", "disabled", "readonly", "auto-submit", "formnovalidate"],
    )?;
    let initial = if cv.mode == Mode::PresentationMl && el.name == "input" {
        attrs.get("value").unwrap_or("").to_owned()
    } else {
        crate::convert::fold_newlines(&el.direct_text())
    };
    lengths(&attrs, 1, 128, "text-field", &initial)?;
    pattern(&attrs)?;
    label_title(&attrs, 256)?;
    cv.state.field(name);
    let mut out =
        OutEl::new("input", Md::Field(format!("Text Field:{}", attrs.get("placeholder").unwrap_or(""))))
            .empty();
    out.attr_static("type", "text");
    out.attr("name", name);
    for (attr, output) in [
        ("placeholder", "placeholder"),
        ("required", "required"),
        ("masked", "data-masked"),
        ("minlength", "minlength"),
        ("maxlength", "maxlength"),
        ("disabled", "disabled"),
        ("readonly", "readonly"),
        ("auto-submit", "data-auto-submit"),
        ("formnovalidate", "data-formnovalidate"),
    ] {
        out.attr_opt(output, attrs.get(attr));
    }
    if !initial.is_empty() {
        out.attr("value", initial);
    }
    out.attr_opt("pattern", attrs.get("pattern"));
    out.attr_opt("data-pattern-error-message", attrs.get("pattern-error-message"));
    Ok(wrapper::finish(cv, "textfield", &attrs, out))
}

/// Builds a textarea or richtextarea.
pub(crate) fn textarea(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, kind, el, ctx, TEXTAREA)?;
    text_only(&el.name, &children)?;
    require_form(&el.name, ctx)?;
    let name = attrs.get("name").ok_or_else(|| attr_required("name"))?;
    booleans(&attrs, &el.name, &["required", "disabled", "readonly", "formnovalidate"])?;
    let initial: String = children
        .outs()
        .iter()
        .filter_map(|c| match c {
            Out::Text(t) => Some(t.as_str()),
            Out::El(_) | Out::Entity { .. } => None,
        })
        .collect();
    lengths(&attrs, 0, 10_000, "textarea", &initial)?;
    int_in_range(&attrs, "rows", 0, i64::MAX)?;
    int_in_range(&attrs, "cols", 0, i64::MAX)?;
    pattern(&attrs)?;
    label_title(&attrs, 256)?;
    cv.state.field(name);
    let rich = kind == Kind::RichTextArea;
    let mut out =
        OutEl::new("textarea", Md::Field(format!("Text Area:{}", attrs.get("placeholder").unwrap_or(""))));
    out.attr("name", name);
    if rich {
        out.attr_static("data-richtext", "true");
    }
    for (attr, output) in [
        ("placeholder", "placeholder"),
        ("required", "required"),
        ("minlength", "minlength"),
        ("maxlength", "maxlength"),
        ("rows", "rows"),
        ("cols", "cols"),
        ("disabled", "disabled"),
        ("readonly", "readonly"),
        ("formnovalidate", "data-formnovalidate"),
        ("pattern", "pattern"),
        ("pattern-error-message", "data-pattern-error-message"),
    ] {
        out.attr_opt(output, attrs.get(attr));
    }
    let out = out.with_children(vec![Out::Text(initial)]);
    Ok(wrapper::finish(cv, if rich { "richtextarea" } else { "textarea" }, &attrs, out))
}
