//! person-selector, room-selector, the legacy date-selector, and timezone-picker: all
//! rendered as empty `<div class="…" data-…>` placeholders the client fills in.

use super::json_attrs::{id_array, invalid_timezone, is_zone_id, string_array, zone_array};
use super::{booleans, label_title, require_form, wrapper};
use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, Kind, Spec, no_content};
use crate::error::{Result, attr_required};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const SELECTOR: &[Spec] = &[
    Spec::renamed("name", "data-name"),
    Spec::renamed("placeholder", "data-placeholder"),
    Spec::renamed("required", "data-required"),
    Spec::renamed("value", "data-value"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("class"),
    Spec::pml_only("id"),
];

const DATE_SELECTOR: &[Spec] = &[
    Spec::renamed("name", "data-name"),
    Spec::renamed("placeholder", "data-placeholder"),
    Spec::renamed("required", "data-required"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("class"),
];

const TIMEZONE: &[Spec] = &[
    Spec::renamed("name", "data-name"),
    Spec::renamed("value", "data-value"),
    Spec::renamed("placeholder", "data-placeholder"),
    Spec::renamed("required", "data-required"),
    Spec::renamed("disabled-timezone", "data-disabled-timezone"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("class"),
    Spec::pml_only("id"),
];

/// Builds a person, room or date selector.
pub(crate) fn selector(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (class, group, specs) = match kind {
        Kind::PersonSelector => ("person-selector", "person-selector", SELECTOR),
        Kind::RoomSelector => ("room-selector", "room-selector", SELECTOR),
        _ => ("date-selector", "", DATE_SELECTOR),
    };
    let (attrs, children) = open(cv, kind, el, ctx, specs)?;
    no_content(&el.name, &children)?;
    require_form(&el.name, ctx)?;
    let name = attrs.get("name").ok_or_else(|| attr_required("name"))?;
    booleans(&attrs, class, &["required", "formnovalidate"])?;
    let value = match (kind, attrs.get("value")) {
        (Kind::PersonSelector, Some(v)) => Some(id_array("value", v, usize::MAX)?),
        (Kind::RoomSelector, Some(v)) => Some(string_array("value", v)?),
        _ => None,
    };
    label_title(&attrs, 256)?;
    cv.state.field(name);
    let mut out = OutEl::new("div", Md::Field(format!("{class}:{name}")));
    out.attr("class", class);
    out.attr("data-name", name);
    out.attr_opt("data-placeholder", attrs.get("placeholder"));
    out.attr_opt("data-required", attrs.get("required"));
    out.attr_opt("data-value", value.as_deref());
    out.attr_opt("data-formnovalidate", attrs.get("formnovalidate"));
    if group.is_empty() {
        return Ok(out.into_out());
    }
    Ok(wrapper::finish(cv, group, &attrs, out))
}

/// Builds a timezone-picker.
pub(crate) fn timezone(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::TimezonePicker, el, ctx, TIMEZONE)?;
    no_content(&el.name, &children)?;
    require_form(&el.name, ctx)?;
    let name = attrs.get("name").ok_or_else(|| attr_required("name"))?;
    booleans(&attrs, "timezone-picker", &["required", "formnovalidate"])?;
    // An empty value is allowed (the reference skips it); anything else must be a zone id.
    if let Some(tz) = attrs.get("value").filter(|tz| !tz.is_empty() && !is_zone_id(tz)) {
        return Err(invalid_timezone("value", tz));
    }
    let disabled = attrs.get("disabled-timezone").map(|v| zone_array("disabled-timezone", v)).transpose()?;
    label_title(&attrs, 256)?;
    cv.state.field(name);
    let mut out = OutEl::new("div", Md::Field(format!("Timezone Picker:{name}")));
    out.attr_static("class", "timezone-picker");
    out.attr("data-name", name);
    out.attr_opt("data-value", attrs.get("value"));
    out.attr_opt("data-placeholder", attrs.get("placeholder"));
    if let Some(json) = disabled {
        out.json_attr("data-disabled-timezone", json);
    }
    out.attr_opt("data-required", attrs.get("required"));
    out.attr_opt("data-formnovalidate", attrs.get("formnovalidate"));
    Ok(wrapper::finish(cv, "timezone-picker", &attrs, out))
}
