//! Lists and tables: strict parent/child structure, no stray text.

use super::basic::{CLASS_STYLE, copy_attrs, open};
use super::{Converter, Ctx, Kind, Spec, only, outs};
use crate::error::{Result, needs_child, only_child_of};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const CELL: &[Spec] =
    &[Spec::same("class"), Spec::same("colspan"), Spec::same("rowspan"), Spec::same("style")];

/// ul, ol and li.
pub(crate) fn list(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, kind, el, ctx, CLASS_STYLE)?;
    let (tag, md) = match kind {
        Kind::Ul => ("ul", Md::BulletList),
        Kind::Ol => ("ol", Md::OrderedList),
        _ => ("li", Md::ListItem),
    };
    if kind == Kind::Li {
        if !matches!(ctx.parent, Kind::Ul | Kind::Ol) {
            return Err(only_child_of("li", "orderedlist, bulletlist"));
        }
    } else {
        only(&el.name, &children, &[Kind::Li], false)?;
        if !children.iter().any(|c| c.kind == Kind::Li) {
            return Err(needs_child(&el.name, "listitem"));
        }
    }
    let mut out = OutEl::new(tag, md);
    copy_attrs(&mut out, &attrs);
    Ok(out.with_children(outs(children)).into_out())
}

/// table, thead, tbody, tfoot, tr, td and th.
pub(crate) fn table(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    // Only `td` spans: the reference's `th` takes class and style alone.
    let specs = if kind == Kind::Td { CELL } else { CLASS_STYLE };
    let attrs = super::Attrs::read(el, cv.mode, specs)?;
    attrs.int64("colspan")?;
    attrs.int64("rowspan")?;
    let children = cv.build_children(el, ctx.child(kind, &el.name))?;
    let tag: &'static str = match &*el.name {
        "table" => "table",
        "thead" => "thead",
        "tbody" => "tbody",
        "tfoot" => "tfoot",
        "tr" => "tr",
        "td" => "td",
        _ => "th",
    };
    match kind {
        Kind::Table => only(&el.name, &children, &[Kind::TableSection, Kind::Tr], false)?,
        Kind::TableSection => only(&el.name, &children, &[Kind::Tr], false)?,
        Kind::Tr => only(&el.name, &children, &[Kind::Td, Kind::Th], false)?,
        _ => {}
    }
    let md = if matches!(kind, Kind::Tr) { Md::Block } else { Md::Plain };
    let mut out = OutEl::new(tag, md);
    copy_attrs(&mut out, &attrs);
    Ok(out.with_children(outs(children)).into_out())
}
