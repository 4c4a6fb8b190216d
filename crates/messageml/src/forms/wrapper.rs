//! The label / tooltip group around "splittable" controls, both ways.
//!
//! A control with a `label` or `title` is emitted inside
//! `<div class="E-group" data-generated="true">` with a `<label for>` and an `info-hint`
//! span; PresentationML input folds that group back into the control's `label` and `title`
//! and keeps its id, so converting PresentationML again gives the same ids.

use crate::convert::{Attrs, Converter, Ctx, Spec};
use crate::error::{MessageMlError, Result};
use crate::out::{Md, Out, OutEl};
use crate::xml::{Element, Kids, Node};

const GROUP: &[Spec] = &[Spec::pml_only("class"), Spec::pml_only("data-generated")];

/// Gives `inner` its id and wraps it when it has a label or title.
pub(crate) fn finish(
    cv: &mut Converter<'_>,
    group: &'static str,
    attrs: &Attrs<'_>,
    mut inner: OutEl,
) -> Out {
    let (label, title) = (attrs.get("label"), attrs.get("title"));
    if label.is_none() && title.is_none() {
        inner.attr_opt("id", attrs.get("id"));
        return inner.into_out();
    }
    let id = attrs.get("id").map_or_else(|| format!("{group}-{}", cv.ids.short_id()), str::to_owned);
    inner.attr("id", id.clone());
    let mut children = Vec::with_capacity(3);
    if let Some(label) = label {
        let mut l = OutEl::new("label", Md::Hidden);
        l.attr("for", id.clone());
        children.push(l.with_children(vec![Out::Text(label.to_owned())]).into_out());
    }
    if let Some(title) = title {
        let mut hint = OutEl::new("span", Md::Hidden);
        hint.attr_static("class", "info-hint");
        hint.attr("data-target-id", id.clone());
        hint.attr("data-title", title);
        children.push(hint.into_out());
    }
    children.push(inner.into_out());
    let mut div = OutEl::new("div", Md::Plain);
    div.attr("class", format!("{group}-group"));
    div.attr_static("data-generated", "true");
    div.with_children(children).into_out()
}

/// Folds a PresentationML group back into its control and builds that.
pub(crate) fn unwrap(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    Attrs::read(el, cv.mode, GROUP)?;
    let group = el.first_class().unwrap_or("").trim_end_matches("-group").to_owned();
    let malformed = || MessageMlError::invalid(format!("Invalid PresentationML for the \"{group}\" element"));
    let (mut label, mut title, mut inner) = (None, None, None);
    for node in el.children.iter() {
        match node {
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(_) => return Err(malformed()),
            Node::Element(child) if child.name == "label" && label.is_none() => {
                label = Some(child.direct_text())
            }
            Node::Element(child) if child.name == "span" && child.first_class() == Some("info-hint") => {
                title = child.attr("data-title").map(str::to_owned);
            }
            Node::Element(child) if inner.is_none() => inner = Some(child),
            Node::Element(_) => return Err(malformed()),
        }
    }
    let inner = inner.ok_or_else(malformed)?;
    let mut control = Element {
        name: inner.name.clone(),
        attrs: inner.attrs.clone(),
        children: Kids::Borrowed(&inner.children),
    };
    for (name, value) in [("label", label), ("title", title)] {
        if let Some(v) = value
            && control.attr(name).is_none()
        {
            control.attrs.push((name.into(), v.into()));
        }
    }
    control.attrs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(cv.build(&control, ctx)?.out)
}
