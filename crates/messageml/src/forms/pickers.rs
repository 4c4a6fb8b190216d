//! date-picker (`<input type="date">`).

use super::json_attrs::{date_intervals, is_iso_date};
use super::{booleans, label_title, require_form, wrapper};
use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, Kind, Spec, no_content};
use crate::error::{MessageMlError, Result, attr_required};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const DATE: &[Spec] = &[
    Spec::same("name"),
    Spec::same("value"),
    Spec::same("min"),
    Spec::same("max"),
    Spec::same("placeholder"),
    Spec::same("required"),
    Spec::renamed("disabled-date", "data-disabled-date"),
    Spec::renamed("highlighted-date", "data-highlighted-date"),
    Spec::renamed("format", "data-format"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::same("disabled"),
    Spec::same("readonly"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("type"),
    Spec::pml_only("id"),
];

fn bad_value(attr: &str, what: &str) -> MessageMlError {
    MessageMlError::invalid(format!("Attribute \"{attr}\" has invalid {what} format"))
}

/// Builds a date-picker.
pub(crate) fn date_picker(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::DatePicker, el, ctx, DATE)?;
    no_content(&el.name, &children)?;
    require_form(&el.name, ctx)?;
    let name = attrs.get("name").ok_or_else(|| attr_required("name"))?;
    attrs.max_len("name", 64)?;
    booleans(&attrs, "date-picker", &["required", "disabled", "readonly", "formnovalidate"])?;
    for attr in ["value", "min", "max"] {
        if attrs.get(attr).is_some_and(|d| !is_iso_date(d)) {
            return Err(bad_value(attr, "date"));
        }
    }
    let disabled = attrs.get("disabled-date").map(|v| date_intervals("disabled-date", v)).transpose()?;
    let highlighted =
        attrs.get("highlighted-date").map(|v| date_intervals("highlighted-date", v)).transpose()?;
    if let Some(f) = attrs.get("format") {
        attrs.max_len("format", 64)?;
        if f.is_empty() || !f.chars().all(|c| matches!(c, 'M' | 'd' | 'y' | ' '..=':')) {
            return Err(bad_value("format", "date"));
        }
    }
    label_title(&attrs, 64)?;
    cv.state.field(name);
    let mut out = OutEl::new("input", Md::Field(format!("Date Picker:{name}")));
    out.attr_static("type", "date");
    out.attr("name", name);
    for attr in ["value", "placeholder", "min", "max", "required"] {
        out.attr_opt(attr, attrs.get(attr));
    }
    if let Some(json) = disabled {
        out.json_attr("data-disabled-date", json);
    }
    if let Some(json) = highlighted {
        out.json_attr("data-highlighted-date", json);
    }
    out.attr_opt("data-format", attrs.get("format"));
    out.attr_opt("disabled", attrs.get("disabled"));
    out.attr_opt("readonly", attrs.get("readonly"));
    out.attr_opt("data-formnovalidate", attrs.get("formnovalidate"));
    Ok(wrapper::finish(cv, "date-picker", &attrs, out))
}
