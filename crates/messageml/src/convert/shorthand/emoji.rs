//! `<emoji shortcode [family] [size]>`: an `emojiN` entity showing the glyph.

use super::emoji_table::unicode_of;
use crate::convert::{Attrs, Converter, Ctx, Kind, Spec, outs, phrasing};
use crate::entities::Entity;
use crate::error::{MessageMlError, Result};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const SPECS: &[Spec] =
    &[Spec::same("annotation"), Spec::same("family"), Spec::same("shortcode"), Spec::same("size")];

/// Builds an emoji.
pub(crate) fn emoji(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = Attrs::read(el, cv.mode, SPECS)?;
    let key = cv.state.next_key("emoji");
    let children = cv.build_children(el, ctx.child(Kind::Emoji, &el.name))?;
    let code = attrs.get("shortcode").or(attrs.get("annotation")).ok_or_else(|| {
        MessageMlError::invalid("Either the attribute \"shortcode\" or \"annotation\" are required")
    })?;
    if !code.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '+' | '-')) {
        return Err(MessageMlError::invalid(
            "Shortcode or Annotation parameter may only contain alphanumeric characters, underscore, plus sign and dash",
        ));
    }
    phrasing(&el.name, &children)?;
    let unicode = unicode_of(code);
    let entity = Entity::Emoji {
        code: code.to_owned(),
        size: attrs.get("size").unwrap_or("normal").to_owned(),
        unicode,
        family: attrs.get("family").map(str::to_owned),
    };
    cv.state.generate(key.clone(), entity);
    cv.state.count_entity()?;
    let mut out = OutEl::new("span", Md::Emoji(code.to_owned()));
    out.attr_static("class", "entity");
    out.attr("data-entity-id", key);
    let content = if children.iter().all(|c| c.blank) {
        vec![Out::Text(unicode.map_or_else(|| format!(":{code}:"), str::to_owned))]
    } else {
        outs(children)
    };
    Ok(out.with_children(content).into_out())
}
