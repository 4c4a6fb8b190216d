//! `<chime/>` (the `<audio>` chime, alone in its message) and the financial `<tag/>`.
//!
//! sympod has no instrument directory, so a financial tag always takes the reference's
//! "no instrument found" path: `fallback-ticker` is required and becomes a `$TICKER` entity.

use super::{entity_span, id_entity, sigiled};
use crate::convert::{Attrs, Converter, Ctx, Kind, Spec, no_content};
use crate::error::{MessageMlError, Result};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

/// The one chime sound the pod serves.
pub(crate) const CHIME_SRC: &str = "https://asset.symphony.com/symphony/audio/chime.mp3";

const CHIME: &[Spec] = &[Spec::same("autoplay"), Spec::same("src")];

const TAG: &[Spec] = &[
    Spec::same("bbgcompticker"),
    Spec::same("bbgmarket-sector"),
    Spec::same("country-code"),
    Spec::same("fallback-ticker"),
    Spec::same("figi"),
    Spec::same("figi-ticker"),
    Spec::same("fullbbgcompticker"),
    Spec::same("instrument-class"),
    Spec::same("isin"),
    Spec::same("local-code"),
    Spec::same("operational-mic"),
    Spec::same("return-main-listing"),
    Spec::same("unique-id"),
    Spec::same("us-code"),
];

/// Builds a chime.
pub(crate) fn chime(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = Attrs::read(el, cv.mode, CHIME)?;
    let children = cv.build_children(el, ctx.child(Kind::Chime, &el.name))?;
    no_content(&el.name, &children)?;
    // The reference compares the source ignoring case, and always writes its own.
    if attrs.get("src").is_some_and(|s| !s.eq_ignore_ascii_case(CHIME_SRC)) {
        return Err(MessageMlError::invalid(format!("Attribute \"src\" value needs to be \"{CHIME_SRC}\"")));
    }
    attrs.boolean("autoplay", &el.name)?;
    if !ctx.parent_is_root {
        return Err(MessageMlError::invalid("Element \"chime\" has to be the only element in the message."));
    }
    let mut out = OutEl::new("audio", Md::Plain).empty();
    out.attr("src", CHIME_SRC);
    out.attr_static("autoplay", "true");
    Ok(out.into_out())
}

/// Builds a financial tag.
pub(crate) fn fin_tag(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = Attrs::read(el, cv.mode, TAG)?;
    let key = cv.state.next_key("tag");
    let children = cv.build_children(el, ctx.child(Kind::FinTag, &el.name))?;
    no_content(&el.name, &children)?;
    let ticker = attrs.get("fallback-ticker").filter(|t| !t.is_empty()).ok_or_else(|| {
        MessageMlError::invalid("No instrument found , \"fallback-ticker\" attribute is required")
    })?;
    cv.state.cashtag(ticker);
    cv.state.count_entity()?;
    let entity = id_entity("org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", ticker);
    cv.state.generate(key.clone(), entity);
    Ok(entity_span(key, sigiled('$', ticker)))
}
