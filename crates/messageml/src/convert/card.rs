//! Cards and expandable cards, with their header and body parts.
//!
//! MessageML `<card>` becomes `<div class="card …">`; PresentationML comes back through the
//! same builder, recognised by its first class, so the extra classes are kept either way.

use super::{Attrs, Converter, Ctx, Kind, Mode, Spec, outs};
use crate::error::{Result, attr_one_of, attr_required, only_child_of};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const CARD: &[Spec] = &[
    Spec::same("class"),
    Spec::same("style"),
    Spec::renamed("iconSrc", "data-icon-src"),
    Spec::renamed("accent", "data-accent-color"),
];
const EXPANDABLE: &[Spec] = &[Spec::same("class"), Spec::same("style"), Spec::renamed("state", "data-state")];
const PART: &[Spec] = &[Spec::pml_only("class")];
const BODY: &[Spec] = &[Spec::pml_only("class"), Spec::renamed("variant", "data-variant")];
const STATES: &[&str] = &["collapsed", "cropped", "expanded"];
const VARIANTS: &[&str] = &["default", "error"];

/// The output class: `base` plus the user's extra classes (in PresentationML, the classes
/// after the first).
fn class_with(base: &str, mode: Mode, class: Option<&str>) -> String {
    let extra = match (mode, class) {
        (Mode::PresentationMl, Some(c)) => c.split_whitespace().skip(1).collect::<Vec<_>>().join(" "),
        (_, Some(c)) => c.trim().to_owned(),
        (_, None) => String::new(),
    };
    if extra.is_empty() { base.to_owned() } else { format!("{base} {extra}") }
}

/// card, and the card's header and body.
pub(crate) fn card(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let specs = if kind == Kind::Card { CARD } else { PART };
    let attrs = Attrs::read(el, cv.mode, specs)?;
    let children = cv.build_children(el, ctx.child(kind, &el.name))?;
    let mut out = OutEl::new("div", Md::Block);
    match kind {
        Kind::Card => {
            out.attr("class", class_with("card", cv.mode, attrs.get("class")));
            out.attr_opt("style", attrs.get("style"));
            out.attr_opt("data-icon-src", attrs.get("iconSrc"));
            out.attr_opt("data-accent-color", attrs.get("accent"));
        }
        Kind::CardHeader | Kind::CardBody => {
            if ctx.parent != Kind::Card {
                return Err(only_child_of(if kind == Kind::CardHeader { "header" } else { "body" }, "card"));
            }
            out.attr("class", if kind == Kind::CardHeader { "cardHeader" } else { "cardBody" });
        }
        _ => {}
    }
    Ok(out.with_children(outs(children)).into_out())
}

/// expandable-card and its header and body.
pub(crate) fn expandable(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let specs = match kind {
        Kind::ExpandableCard => EXPANDABLE,
        Kind::ExpandableCardBody => BODY,
        _ => PART,
    };
    let attrs = Attrs::read(el, cv.mode, specs)?;
    let children = cv.build_children(el, ctx.child(kind, &el.name))?;
    let mut out = OutEl::new("div", Md::Block);
    match kind {
        Kind::ExpandableCard => {
            let state = attrs.get("state").ok_or_else(|| attr_required("state"))?;
            attrs.one_of("state", "expandable-card", STATES)?;
            out.attr("class", class_with("expandable-card", cv.mode, attrs.get("class")));
            out.attr_opt("style", attrs.get("style"));
            out.attr("data-state", state);
        }
        _ => {
            if ctx.parent != Kind::ExpandableCard {
                let name = if kind == Kind::ExpandableCardHeader { "header" } else { "body" };
                return Err(only_child_of(name, "card"));
            }
            if kind == Kind::ExpandableCardHeader {
                out.attr_static("class", "expandableCardHeader");
            } else {
                if attrs.get("variant").is_some() && !VARIANTS.contains(&attrs.get("variant").unwrap_or("")) {
                    return Err(attr_one_of("variant", "body", VARIANTS));
                }
                out.attr_static("class", "expandableCardBody");
                out.attr_opt("data-variant", attrs.get("variant"));
            }
        }
    }
    Ok(out.with_children(outs(children)).into_out())
}
