//! `<select>` (a dropdown) and its `<option>`s.

use super::{booleans, label_title, require_form, wrapper};
use crate::convert::basic::open;
use crate::convert::{Attrs, Converter, Ctx, Kind, Spec, needs_child_kind, only, outs, text_only};
use crate::error::{MessageMlError, Result, attr_one_of, attr_required, only_child_of};
use crate::out::{AttrValue, Md, Out, OutEl};
use crate::xml::Element;

const SELECT: &[Spec] = &[
    Spec::same("name"),
    Spec::same("required"),
    Spec::same("data-placeholder"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::same("multiple"),
    Spec::renamed("min", "data-min"),
    Spec::renamed("max", "data-max"),
    Spec::same("disabled"),
    Spec::same("readonly"),
    Spec::renamed("auto-submit", "data-auto-submit"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("id"),
];
const OPTION: &[Spec] = &[Spec::same("value"), Spec::same("selected")];

/// Builds a select. The checks run in the reference's order: label and title, the enclosing
/// form, the name, the options, the booleans, then `min`/`max`, then the selected options.
pub(crate) fn select(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::Select, el, ctx, SELECT)?;
    label_title(&attrs, 256)?;
    booleans(&attrs, "select", &["formnovalidate"])?;
    require_form(&el.name, ctx)?;
    let name = attrs.required_non_blank("name")?;
    only(&el.name, &children, &[Kind::Option], false)?;
    needs_child_kind(&el.name, &children, Kind::Option, "option")?;
    booleans(&attrs, "select", &["required", "multiple", "disabled", "readonly"])?;
    // The reference keeps `auto-submit` under its PresentationML name and checks it there.
    if attrs.get("auto-submit").is_some_and(|v| v != "true" && v != "false") {
        return Err(attr_one_of("data-auto-submit", "select", &["true", "false"]));
    }
    let multiple = attrs.is_true("multiple");
    for attr in ["min", "max"] {
        if attrs.get(attr).is_some() && !multiple {
            return Err(MessageMlError::invalid(format!(
                "Attribute \"{attr}\" is not allowed. Attribute \"multiple\" missing"
            )));
        }
    }
    let min = count_attr(&attrs, "min", 0)?;
    let max = count_attr(&attrs, "max", 1)?;
    if max > 0 && min > max {
        return Err(MessageMlError::invalid("Attribute \"min\" is greater than attribute \"max\""));
    }
    if multiple && attrs.is_true("required") && attrs.get("min").is_some() && min == 0 {
        return Err(MessageMlError::invalid("Attribute \"min\" cannot be 0 if \"required\" is true"));
    }
    let selected = children.outs().iter().filter(|c| is_selected(c)).count();
    if selected > 1 && !multiple {
        return Err(MessageMlError::invalid("Element \"select\" can only have one selected \"option\""));
    }
    cv.state.field(name);
    let mut out = OutEl::new("select", Md::Field(format!("Dropdown:{name}")));
    out.attr("name", name);
    for (attr, output) in [
        ("required", "required"),
        ("data-placeholder", "data-placeholder"),
        ("multiple", "multiple"),
        ("min", "data-min"),
        ("max", "data-max"),
        ("disabled", "disabled"),
        ("readonly", "readonly"),
        ("auto-submit", "data-auto-submit"),
        ("formnovalidate", "data-formnovalidate"),
    ] {
        out.attr_opt(output, attrs.get(attr));
    }
    let out = out.with_children(outs(children));
    Ok(wrapper::finish(cv, "dropdown", &attrs, out))
}

/// `min` or `max`: absent is 0; otherwise a 32-bit integer of at least `least`.
fn count_attr(attrs: &Attrs<'_>, name: &str, least: i32) -> Result<i32> {
    let Some(v) = attrs.get(name) else {
        return Ok(0);
    };
    match v.parse::<i32>() {
        Ok(n) if n >= least => Ok(n),
        _ => {
            Err(MessageMlError::invalid(format!("Attribute \"{name}\" is not valid, it must be >= {least}")))
        }
    }
}

fn is_selected(out: &Out) -> bool {
    matches!(out, Out::El(el) if el.attrs.iter().any(|(k, v)| *k == "selected" && *v == AttrValue::Text("true".into())))
}

/// Builds an option.
pub(crate) fn option(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::Option, el, ctx, OPTION)?;
    if ctx.parent != Kind::Select {
        return Err(only_child_of("option", "select"));
    }
    text_only(&el.name, &children)?;
    let value = attrs.get("value").ok_or_else(|| attr_required("value"))?;
    attrs.boolean("selected", "option")?;
    let mut out = OutEl::new("option", Md::Hidden);
    out.attr("value", value);
    out.attr_opt("selected", attrs.get("selected"));
    Ok(out.with_children(outs(children)).into_out())
}
