//! The root element: `<messageML>` or the PresentationML `<div>`, and the checks the
//! reference runs on the whole tree once it is built (root attributes, chime exclusivity,
//! ui-action targets).

use super::{Attrs, Children, Converter, Ctx, Kind, Mode, Spec, State, outs};
use crate::error::{MessageMlError, Result};
use crate::out::Out;
use crate::xml::Element;

/// A converted message before rendering.
pub(crate) struct Converted {
    pub version: String,
    pub children: Vec<Out>,
    pub state: State,
}

const PML_ROOT: &[Spec] =
    &[Spec::same("class"), Spec::same("data-format"), Spec::same("data-version"), Spec::same("style")];

/// Recognises the root and converts the whole message.
pub(crate) fn run(mut cv: Converter<'_>, root: &Element, version: Option<&str>) -> Result<Converted> {
    let mode = match &*root.name {
        "messageML" => Mode::MessageMl,
        "div" => Mode::PresentationMl,
        _ => {
            return Err(MessageMlError::invalid("Root tag must be <messageML> or <div>"));
        }
    };
    cv.mode = mode;
    if mode == Mode::PresentationMl {
        Attrs::read(root, mode, PML_ROOT)?;
    }
    let ctx = Ctx {
        parent: Kind::Div,
        parent_tag: &root.name,
        parent_is_root: true,
        in_pre: false,
        keep_direct_newlines: false,
        in_form: false,
        in_dialog: false,
        in_ui_action: false,
    };
    let children = cv.build_children(root, ctx)?;
    let version = match mode {
        Mode::MessageMl => {
            if root.attrs.iter().any(|(k, _)| k != "xmlns") {
                return Err(MessageMlError::invalid("Element \"messageML\" may not have attributes"));
            }
            version.filter(|v| !v.trim().is_empty()).unwrap_or("2.0").to_owned()
        }
        Mode::PresentationMl => {
            let format_ok =
                root.attr("data-format").is_some_and(|f| f.eq_ignore_ascii_case("PresentationML"));
            match root.attr("data-version") {
                Some(v) if format_ok => v.to_owned(),
                _ => {
                    return Err(MessageMlError::invalid(
                        "Malformed PresentationML. The attributes \"data-format\" and \"data-version\" are required.",
                    ));
                }
            }
        }
    };
    check_chime(&children)?;
    let mut children = outs(children);
    crate::forms::resolve_targets(&mut children, &cv.state)?;
    Ok(Converted { version, children, state: cv.state })
}

fn check_chime(children: &Children<'_>) -> Result<()> {
    let has_chime = children.iter().any(|c| c.kind == Kind::Chime);
    if has_chime && children.iter().any(|c| !c.blank && c.kind != Kind::Chime) {
        return Err(MessageMlError::invalid("Chime messages may not have any other content"));
    }
    Ok(())
}
