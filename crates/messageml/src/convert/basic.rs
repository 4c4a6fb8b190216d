//! Text formatting and generic containers: b, i, sub, sup, p, h1–h6, pre, span, div, br,
//! hr, code. These keep their tag and their (whitelisted) attributes.

use super::{Attrs, Children, Converter, Ctx, Kind, Spec, no_content, only, outs, phrasing};
use crate::error::{MessageMlError, Result};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

pub(crate) const CLASS_STYLE: &[Spec] = &[Spec::same("class"), Spec::same("style")];

const SPAN: &[Spec] = &[
    Spec::same("class"),
    Spec::same("style"),
    Spec::same("data-entity-id"),
    Spec::same("data-title"),
    Spec::same("data-target-id"),
];

const DIV: &[Spec] = &[
    Spec::same("class"),
    Spec::same("style"),
    Spec::same("data-entity-id"),
    Spec::same("data-icon-src"),
    Spec::same("data-accent-color"),
    Spec::same("data-state"),
    Spec::same("data-variant"),
];

const CODE: &[Spec] =
    &[Spec::same("class"), Spec::same("style"), Spec::same("language"), Spec::same("data-language")];

const LANGUAGES: &[&str] = &[
    "plaintext",
    "c",
    "cpp",
    "csharp",
    "css",
    "html",
    "java",
    "js",
    "jsx",
    "php",
    "python",
    "r",
    "typescript",
    "tsx",
    "markdown",
    "json",
    "scala",
    "shell",
    "yaml",
];

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Copies the accepted attributes of a generic element to its output, in input order.
pub(crate) fn copy_attrs(out: &mut OutEl, attrs: &Attrs<'_>) {
    for (name, value) in attrs.iter() {
        out.attr(name, value);
    }
}

/// Reads attributes, builds children and returns both (the common first half of a builder).
pub(crate) fn open<'d>(
    cv: &mut Converter<'_>,
    kind: Kind,
    el: &'d Element,
    ctx: Ctx<'_>,
    specs: &'static [Spec],
) -> Result<(Attrs<'d>, Children<'d>)> {
    let attrs = Attrs::read(el, cv.mode, specs)?;
    let children = cv.build_children(el, ctx.child(kind, &el.name))?;
    Ok((attrs, children))
}

/// b, i, sub, sup, p, h1–h6 and pre.
pub(crate) fn formatting(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, kind, el, ctx, CLASS_STYLE)?;
    let (tag, md) = match kind {
        Kind::B => ("b", Md::Bold),
        Kind::I => ("i", Md::Italic),
        Kind::Sub => ("sub", Md::Sub),
        Kind::Sup => ("sup", Md::Sup),
        Kind::P => ("p", Md::Block),
        Kind::Heading(n) => (HEADINGS[usize::from(n.clamp(1, 6)) - 1], Md::Heading(n)),
        _ => ("pre", Md::Pre),
    };
    if matches!(kind, Kind::B | Kind::I | Kind::Heading(_) | Kind::Pre) {
        phrasing(&el.name, &children)?;
    }
    let mut out = OutEl::new(tag, md);
    copy_attrs(&mut out, &attrs);
    Ok(out.with_children(outs(children)).into_out())
}

/// A plain span (entity spans are in `entity.rs`).
pub(crate) fn span(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::Span, el, ctx, SPAN)?;
    if attrs.get("data-entity-id").is_some() {
        return Err(only_if_class("data-entity-id", "entity"));
    }
    let md = if el.first_class() == Some("info-hint") { Md::Hidden } else { Md::Plain };
    let mut out = OutEl::new("span", md);
    copy_attrs(&mut out, &attrs);
    Ok(out.with_children(outs(children)).into_out())
}

/// A generic div. Card attributes are only allowed with the matching class.
pub(crate) fn div(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::Div, el, ctx, DIV)?;
    let class = el.first_class().unwrap_or("");
    let rules = [
        ("data-entity-id", "entity"),
        ("data-icon-src", "card"),
        ("data-accent-color", "card"),
        ("data-state", "expandable-card"),
        ("data-variant", "expandableCardBody"),
    ];
    for (attr, needed) in rules {
        if attrs.get(attr).is_some() && class != needed {
            return Err(only_if_class(attr, needed));
        }
    }
    let mut out = OutEl::new("div", Md::Block);
    // A div whose class makes it a card in PresentationML is written in the card's fixed
    // order, so converting the output again (where it is read as a card) gives the same text.
    for name in DIV_ORDER {
        out.attr_opt(name, attrs.get(name));
    }
    Ok(out.with_children(outs(children)).into_out())
}

/// The output order of a div's attributes: the order of card and expandable-card.
const DIV_ORDER: [&str; 7] =
    ["class", "style", "data-icon-src", "data-accent-color", "data-state", "data-variant", "data-entity-id"];

/// `The attribute "a" is only allowed if the element class is "c".`
pub(crate) fn only_if_class(attr: &str, class: &str) -> MessageMlError {
    MessageMlError::invalid(format!(
        "The attribute \"{attr}\" is only allowed if the element class is \"{class}\"."
    ))
}

/// br and hr: no attributes, no content.
pub(crate) fn rule(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (_, children) = open(cv, kind, el, ctx, &[])?;
    no_content(&el.name, &children)?;
    let (tag, md) = if kind == Kind::Br { ("br", Md::Br) } else { ("hr", Md::Hr) };
    Ok(OutEl::new(tag, md).empty().into_out())
}

/// code: phrasing plus pre; `language` becomes `data-language`; class and style are dropped.
pub(crate) fn code(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::Code, el, ctx, CODE)?;
    let mut language = None;
    for name in ["data-language", "language"] {
        if let Some(v) = attrs.get(name) {
            let lower = v.to_ascii_lowercase();
            if !LANGUAGES.contains(&lower.as_str()) {
                return Err(crate::error::attr_one_of(name, "code", LANGUAGES));
            }
            language = Some(lower);
        }
    }
    only(&el.name, &children, &PHRASING_AND_PRE, true)?;
    let mut out = OutEl::new("code", Md::Code);
    if let Some(lang) = language {
        out.attr("data-language", lang);
    }
    Ok(out.with_children(outs(children)).into_out())
}

const PHRASING_AND_PRE: [Kind; 16] = [
    Kind::A,
    Kind::B,
    Kind::I,
    Kind::Img,
    Kind::Br,
    Kind::Span,
    Kind::Entity,
    Kind::Emoji,
    Kind::Hash,
    Kind::Cash,
    Kind::Mention,
    Kind::Sub,
    Kind::Sup,
    Kind::Chime,
    Kind::Pre,
    Kind::Text,
];
