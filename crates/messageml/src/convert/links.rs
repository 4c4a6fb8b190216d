//! Links and images.
//!
//! A link's `href` must parse as a URI, be non-empty, absolute, and use a scheme the pod
//! allows (http and https). This is the main script-injection guard: `javascript:` and
//! `data:` links never reach the output. An image's `src` gets the same checks, with the same
//! words (the reference accepts any `src`; sympod does not let `javascript:` or `data:` URLs
//! through there either).

use super::basic::copy_attrs;
use super::{Converter, Ctx, Kind, Spec, no_content, outs};
use crate::error::{MessageMlError, Result, attr_required};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const LINK: &[Spec] = &[Spec::same("class"), Spec::same("href"), Spec::same("style")];
const IMG: &[Spec] = &[Spec::same("class"), Spec::same("src"), Spec::same("style")];

/// Schemes the pod accepts in links and image sources.
const SCHEMES: &[&str] = &["http", "https"];

/// `<a href>`; an empty link shows its href.
pub(crate) fn link(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = super::Attrs::read(el, cv.mode, LINK)?;
    if let Some(href) = attrs.get("href") {
        check_uri_syntax(href)?;
    }
    let children = cv.build_children(el, ctx.child(Kind::A, &el.name))?;
    let href = attrs.get("href").ok_or_else(|| attr_required("href"))?;
    check_scheme("href", href)?;
    let mut out = OutEl::new("a", Md::Link(href.to_owned()));
    copy_attrs(&mut out, &attrs);
    let children =
        if children.iter().all(|c| c.blank) { vec![Out::Text(href.to_owned())] } else { outs(children) };
    Ok(out.with_children(children).into_out())
}

/// `<img src/>`: no content, and an absolute http or https `src`, or an inline image (a `data:image/`
/// URI, which bots use to send small pictures in the message itself). No other scheme: a
/// `javascript:` or `data:text/html` source has no place in a message.
pub(crate) fn image(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = super::Attrs::read(el, cv.mode, IMG)?;
    if let Some(src) = attrs.get("src") {
        check_uri_syntax(src)?;
    }
    let children = cv.build_children(el, ctx.child(Kind::Img, &el.name))?;
    no_content(&el.name, &children)?;
    let src = attrs.get("src").ok_or_else(|| attr_required("src"))?;
    if !is_inline_image(src) {
        check_scheme("src", src)?;
    }
    let mut out = OutEl::new("img", Md::Image(src.to_owned())).empty();
    copy_attrs(&mut out, &attrs);
    Ok(out.into_out())
}

/// Whether `src` is a `data:` URI of an image type.
fn is_inline_image(src: &str) -> bool {
    src.get(..11).is_some_and(|head| head.eq_ignore_ascii_case("data:image/"))
}

/// A URL attribute: not empty, absolute, with a scheme the pod allows.
fn check_scheme(attr: &str, url: &str) -> Result<()> {
    if url.is_empty() {
        return Err(MessageMlError::invalid(format!("The attribute \"{attr}\" cannot be empty")));
    }
    let Some(scheme) = scheme_of(url) else {
        return Err(MessageMlError::invalid(format!(
            "The attribute \"{attr}\" must contain an absolute URI"
        )));
    };
    if !SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return Err(MessageMlError::invalid(format!("URI scheme \"{scheme}\" is not supported by the pod.")));
    }
    Ok(())
}

/// The scheme of an absolute URI (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
pub(crate) fn scheme_of(uri: &str) -> Option<&str> {
    let (scheme, _) = uri.split_once(':')?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))).then_some(scheme)
}

/// Roughly what `java.net.URI` rejects: spaces, controls, `"<>\^`{|}`, bad `%` escapes and a
/// second `#`.
fn check_uri_syntax(v: &str) -> Result<()> {
    let bytes = v.as_bytes();
    let mut hashes = 0;
    let mut i = 0;
    let mut ok = true;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
                ok &= hex(i + 1) && hex(i + 2);
            }
            b'#' => hashes += 1,
            b' ' | b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' => ok = false,
            b if b < 0x20 || b == 0x7f => ok = false,
            _ => {}
        }
        i += 1;
    }
    if ok && hashes <= 1 {
        Ok(())
    } else {
        Err(MessageMlError::invalid(format!("Invalid input: null must be a URI value not \"{v}\"")))
    }
}
