//! The `style` attribute: only property names on the reference's allow-list (`Styles.java`).
//!
//! Values are not checked (the reference does not either); names are split on `;` except
//! inside `;base64,` data URLs.

use crate::error::{MessageMlError, Result};

/// CSS property names the reference accepts, sorted for binary search.
const ALLOWED: &[&str] = &[
    "align-content",
    "align-items",
    "align-self",
    "background",
    "background-attachment",
    "background-clip",
    "background-color",
    "background-image",
    "background-origin",
    "background-position",
    "background-position-x",
    "background-position-y",
    "background-repeat",
    "background-size",
    "border",
    "border-bottom",
    "border-bottom-color",
    "border-bottom-left-radius",
    "border-bottom-right-radius",
    "border-bottom-style",
    "border-bottom-width",
    "border-collapse",
    "border-color",
    "border-image",
    "border-image-outset",
    "border-image-repeat",
    "border-image-slice",
    "border-image-source",
    "border-image-width",
    "border-left",
    "border-left-color",
    "border-left-style",
    "border-left-width",
    "border-radius",
    "border-right",
    "border-right-color",
    "border-right-style",
    "border-right-width",
    "border-spacing",
    "border-style",
    "border-top",
    "border-top-color",
    "border-top-left-radius",
    "border-top-right-radius",
    "border-top-style",
    "border-top-width",
    "border-width",
    "bottom",
    "box-shadow",
    "box-sizing",
    "caption-side",
    "clear",
    "color",
    "column-count",
    "column-gap",
    "column-rule",
    "column-span",
    "column-width",
    "columns",
    "cursor",
    "direction",
    "display",
    "empty-cells",
    "flex",
    "flex-basis",
    "flex-direction",
    "flex-flow",
    "flex-grow",
    "flex-shrink",
    "flex-wrap",
    "float",
    "font",
    "font-family",
    "font-feature-settings",
    "font-kerning",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-variant-caps",
    "font-weight",
    "gap",
    "grid",
    "grid-area",
    "grid-auto-columns",
    "grid-auto-flow",
    "grid-auto-rows",
    "grid-column",
    "grid-column-end",
    "grid-column-gap",
    "grid-column-start",
    "grid-gap",
    "grid-row",
    "grid-row-end",
    "grid-row-gap",
    "grid-row-start",
    "grid-template",
    "grid-template-areas",
    "grid-template-columns",
    "grid-template-rows",
    "height",
    "justify-content",
    "justify-items",
    "justify-self",
    "left",
    "letter-spacing",
    "line-height",
    "list-style",
    "list-style-image",
    "list-style-position",
    "list-style-type",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "max-height",
    "max-width",
    "min-height",
    "min-width",
    "object-fit",
    "object-position",
    "opacity",
    "order",
    "outline",
    "outline-color",
    "outline-offset",
    "outline-style",
    "outline-width",
    "overflow",
    "overflow-wrap",
    "overflow-x",
    "overflow-y",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "right",
    "row-gap",
    "tab-size",
    "table-layout",
    "text-align",
    "text-align-last",
    "text-decoration",
    "text-decoration-color",
    "text-decoration-line",
    "text-decoration-style",
    "text-indent",
    "text-justify",
    "text-overflow",
    "text-shadow",
    "text-transform",
    "top",
    "vertical-align",
    "visibility",
    "white-space",
    "width",
    "word-break",
    "word-spacing",
    "word-wrap",
];

/// Validates a `style` attribute value.
pub(crate) fn check(value: &str) -> Result<()> {
    let mut invalid: Vec<&str> = Vec::new();
    for chunk in split(value) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let Some((name, _)) = chunk.split_once(':') else {
            return Err(MessageMlError::invalid(format!("Unparseable \"style\" attribute: {value}")));
        };
        let name = name.trim();
        if ALLOWED.binary_search(&name.to_ascii_lowercase().as_str()).is_err() {
            invalid.push(name);
        }
    }
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(MessageMlError::invalid(format!(
            "Invalid property(s): [{}] in the \"style\" attribute",
            invalid.join(", ")
        )))
    }
}

/// Splits on `;` but not on the `;` of `;base64,`.
fn split(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in value.match_indices(';') {
        if value[i..].starts_with(";base64,") {
            continue;
        }
        parts.push(&value[start..i]);
        start = i + 1;
    }
    parts.push(&value[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_is_sorted() {
        assert!(ALLOWED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn known_properties_pass_and_unknown_ones_are_listed() {
        assert!(check("color: red; font-weight:bold;").is_ok());
        let err = check("color:red;position:fixed;z-index:9").unwrap_err();
        assert_eq!(err.to_string(), "Invalid property(s): [position, z-index] in the \"style\" attribute");
    }

    #[test]
    fn a_chunk_without_a_colon_is_unparseable() {
        let err = check("color").unwrap_err();
        assert_eq!(err.to_string(), "Unparseable \"style\" attribute: color");
    }

    #[test]
    fn a_base64_data_url_is_not_split() {
        assert!(check("background-image:url(data:image/png;base64,AAAA)").is_ok());
    }
}
