//! `<checkbox>` and `<radio>`; with a label text they become a `checkbox-group` /
//! `radio-group` div holding the input and its `<label>`.

use super::{booleans, require_form};
use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, Kind, Spec, only, outs};
use crate::error::{MessageMlError, Result, attr_required};
use crate::out::{Md, Out, OutEl};
use crate::xml::{Element, Kids, Node};

const SPECS: &[Spec] = &[
    Spec::same("name"),
    Spec::same("value"),
    Spec::same("checked"),
    Spec::same("disabled"),
    Spec::same("readonly"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("type"),
    Spec::pml_only("id"),
];

/// Builds a checkbox or radio.
pub(crate) fn choice(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (tag, input_type) =
        if kind == Kind::Checkbox { ("checkbox", "checkbox") } else { ("radio", "radio") };
    if el.name == "div" {
        return unfold(cv, kind, tag, el, ctx);
    }
    let (attrs, children) = open(cv, kind, el, ctx, SPECS)?;
    only(&el.name, &children, &[Kind::B, Kind::I], true)?;
    require_form(&el.name, ctx)?;
    let name = attrs.get("name").ok_or_else(|| attr_required("name"))?;
    booleans(&attrs, tag, &["checked", "disabled", "readonly", "formnovalidate"])?;
    if let Some(form) = cv.state.open_forms.last_mut() {
        if kind == Kind::Checkbox { form.checkboxes += 1 } else { form.radios += 1 }
    }
    cv.state.field(name);
    let mut input = OutEl::new("input", Md::Hidden).empty();
    input.attr("type", input_type);
    input.attr("name", name);
    input.attr_opt("checked", attrs.get("checked"));
    input.attr_opt("disabled", attrs.get("disabled"));
    input.attr_opt("readonly", attrs.get("readonly"));
    input.attr("value", attrs.get("value").unwrap_or("on"));
    input.attr_opt("data-formnovalidate", attrs.get("formnovalidate"));
    if children.iter().all(|c| c.blank) {
        input.attr_opt("id", attrs.get("id"));
        return Ok(input.into_out());
    }
    let id = attrs.get("id").map_or_else(|| format!("{tag}-group-{}", cv.ids.short_id()), str::to_owned);
    input.attr("id", id.clone());
    let mut label = OutEl::new("label", Md::Plain);
    label.attr("for", id);
    let label = label.with_children(outs(children)).into_out();
    let mut group = OutEl::new("div", Md::Plain);
    group.attr("class", if kind == Kind::Checkbox { "checkbox-group" } else { "radio-group" });
    Ok(group.with_children(vec![input.into_out(), label]).into_out())
}

/// `<div class="checkbox-group"><input …/><label>TEXT</label></div>` back to one control.
fn unfold(cv: &mut Converter<'_>, kind: Kind, tag: &str, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let malformed = || MessageMlError::invalid(format!("Invalid PresentationML for the \"{tag}\" element"));
    if el.attrs.iter().any(|(k, _)| k != "class") {
        return Err(malformed());
    }
    let elements: Vec<&Element> = el
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some(Ok(e)),
            Node::Text(t) if t.trim().is_empty() => None,
            Node::Text(_) => Some(Err(())),
        })
        .collect::<std::result::Result<_, _>>()
        .map_err(|()| malformed())?;
    let [input, label] = elements.as_slice() else {
        return Err(malformed());
    };
    if input.name != "input" || label.name != "label" || input.attr("type") != Some(tag) {
        return Err(malformed());
    }
    let control = Element {
        name: input.name.clone(),
        attrs: input.attrs.clone(),
        children: Kids::Borrowed(&label.children),
    };
    choice(cv, kind, &control, ctx)
}
