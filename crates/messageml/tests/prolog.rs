//! What may stand before the root element (the prolog) and after it, as Xerces allows it.
mod common;
use common::*;

const BODY: &str = "<messageML>Hi</messageML>";
const OUT: &str = r#"<div data-format="PresentationML" data-version="2.0">Hi</div>"#;

fn accepted(message: &str) -> String {
    run(message, None).unwrap_or_else(|e| panic!("{message:?}: {e}")).presentation_ml
}

#[test]
fn an_xml_declaration_comments_processing_instructions_and_whitespace_may_come_first() {
    for prolog in [
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<?xml version="1.0"?>
<!-- a comment -->
"#,
        "<!-- one --><!-- two -->",
        r#"<?app some data?>"#,
        " \t\r\n ",
        "\u{feff}",
        "\u{feff}<?xml version=\"1.0\"?>",
        "<?xml-stylesheet href=\"s.css\"?>",
    ] {
        assert_eq!(accepted(&format!("{prolog}{BODY}")), OUT, "{prolog:?}");
    }
}

#[test]
fn comments_processing_instructions_and_whitespace_may_follow_the_root() {
    for trailer in ["<!-- after -->", "<?app data?>", " \n\t ", "<!-- a --> <?b c?>\n"] {
        assert_eq!(accepted(&format!("{BODY}{trailer}")), OUT, "{trailer:?}");
    }
}

#[test]
fn text_before_the_root_is_rejected() {
    for prolog in ["hello", "&amp;", "&#65;", "\u{a0}"] {
        assert_eq!(
            err_raw(&format!("{prolog}{BODY}"), None),
            "Invalid messageML: Content is not allowed in prolog.",
            "{prolog:?}"
        );
    }
}

#[test]
fn text_after_the_root_is_rejected() {
    for trailer in ["bye", " x ", "&lt;"] {
        assert_eq!(
            err_raw(&format!("{BODY}{trailer}"), None),
            "Invalid messageML: Content is not allowed in trailing section.",
            "{trailer:?}"
        );
    }
}

#[test]
fn a_second_root_element_is_rejected() {
    for trailer in ["<b>x</b>", "<messageML/>"] {
        assert_eq!(
            err_raw(&format!("{BODY}{trailer}"), None),
            "Invalid messageML: The markup in the document following the root element must be well-formed.",
            "{trailer:?}"
        );
    }
}

#[test]
fn cdata_outside_the_root_is_rejected() {
    assert_eq!(
        err_raw(&format!("<![CDATA[x]]>{BODY}"), None),
        "Invalid messageML: The markup in the document preceding the root element must be well-formed."
    );
    assert_eq!(
        err_raw(&format!("{BODY}<![CDATA[x]]>"), None),
        "Invalid messageML: The markup in the document following the root element must be well-formed."
    );
}

#[test]
fn an_xml_declaration_anywhere_but_the_very_start_is_rejected() {
    let reserved =
        r#"Invalid messageML: The processing instruction target matching "[xX][mM][lL]" is not allowed."#;
    for message in [
        format!(r#" <?xml version="1.0"?>{BODY}"#),
        format!(r#"<!-- c --><?xml version="1.0"?>{BODY}"#),
        format!(r#"<?xml version="1.0"?><?xml version="1.0"?>{BODY}"#),
        format!(r#"{BODY}<?xml version="1.0"?>"#),
        format!(r#"<?XML version="1.0"?>{BODY}"#),
        format!(r#"<?xml version="1.0"?>{BODY}<?Xml x?>"#),
        r#"<messageML>Hi<?xml version="1.0"?></messageML>"#.to_owned(),
    ] {
        assert_eq!(err_raw(&message, None), reserved, "{message}");
    }
}

#[test]
fn a_message_of_only_a_prolog_is_rejected() {
    assert_eq!(err_raw("<!-- nothing -->", None), "Invalid messageML: Premature end of file.");
    assert_eq!(err_raw(r#"<?xml version="1.0"?>"#, None), "Invalid messageML: Premature end of file.");
}

#[test]
fn a_doctype_before_the_root_is_rejected() {
    assert!(
        err_raw(&format!("<!DOCTYPE messageML>{BODY}"), None)
            .starts_with("Invalid messageML: DOCTYPE is disallowed")
    );
}

#[test]
fn a_prolog_is_allowed_before_a_presentationml_root_too() {
    let message = format!(r#"<?xml version="1.0"?><!-- c -->{ROOT}Hi</div><!-- d -->"#);
    assert_eq!(accepted(&message), r#"<div data-format="PresentationML" data-version="2.0">Hi</div>"#);
}
