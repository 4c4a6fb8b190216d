//! The order of checks and the errors of the parsing stages.
mod common;
use common::*;

#[test]
fn a_blank_message_is_rejected() {
    assert_eq!(err_raw("  \n", None), "Error parsing message: the message cannot be null or empty");
}

#[test]
fn data_that_is_not_json_is_rejected_before_the_message_is_parsed() {
    assert!(
        err_raw("<messageML><bogus/></messageML>", Some("{nope")).starts_with("Error parsing EntityJSON: ")
    );
}

#[test]
fn data_that_is_a_json_array_is_rejected() {
    assert_eq!(
        err_raw("<messageML>x</messageML>", Some("[]")),
        "Error parsing EntityJSON: provided content is not a JSON object"
    );
}

#[test]
fn data_given_as_a_json_string_holding_an_object_is_accepted() {
    let out = run("<messageML>x</messageML>", Some(r#""{\"a\":{\"b\":1}}""#)).unwrap();
    assert_eq!(out.entity_json, serde_json::json!({"a": {"b": 1}}));
}

#[test]
fn control_characters_are_rejected() {
    assert_eq!(err_raw("<messageML>a\u{1}b</messageML>", None), "Invalid control characters in message");
}

#[test]
fn malformed_xml_is_reported_with_the_parser_cause() {
    let e = err_raw("<messageML><b>x</messageML>", None);
    assert!(e.starts_with("Invalid messageML: "), "{e}");
    let e = err_raw("<messageML>x", None);
    assert!(e.starts_with("Invalid messageML: "), "{e}");
}

#[test]
fn an_undeclared_entity_reference_is_rejected() {
    assert_eq!(
        err_raw("<messageML>&nbsp;</messageML>", None),
        r#"Invalid messageML: The entity "nbsp" was referenced, but not declared."#
    );
}

#[test]
fn a_doctype_is_rejected() {
    let e = err_raw("<!DOCTYPE x [<!ENTITY a \"b\">]><messageML>&a;</messageML>", None);
    assert!(e.starts_with("Invalid messageML: DOCTYPE is disallowed"), "{e}");
}

#[test]
fn a_comment_inside_the_message_is_rejected() {
    assert_eq!(err_raw("<messageML>a<!-- c --></messageML>", None), r##"Invalid element "#comment""##);
}

#[test]
fn a_processing_instruction_inside_the_message_is_rejected() {
    assert_eq!(err_raw("<messageML><?php x ?></messageML>", None), r#"Invalid element "php""#);
}

#[test]
fn an_xml_declaration_is_accepted() {
    assert!(run(r#"<?xml version="1.0" encoding="UTF-8"?><messageML>x</messageML>"#, None).is_ok());
}

#[test]
fn a_duplicate_attribute_is_rejected() {
    let e = err_raw(r#"<messageML><p class="a" class="b">x</p></messageML>"#, None);
    assert!(e.starts_with("Invalid messageML: "), "{e}");
}

#[test]
fn an_entity_id_missing_from_data_is_rejected_before_elements_are_checked() {
    assert_eq!(
        err_raw(r#"<messageML><bogus/><span class="entity" data-entity-id="e1">x</span></messageML>"#, None),
        r#"Error processing EntityJSON: no entity data provided for "data-entity-id"="e1""#
    );
}

#[test]
fn an_entity_id_naming_a_non_object_is_rejected() {
    assert_eq!(
        err_raw(
            r#"<messageML><span class="entity" data-entity-id="e1">x</span></messageML>"#,
            Some(r#"{"e1":3}"#)
        ),
        r#"Error processing EntityJSON: the node "e1" has to be an object"#
    );
}

#[test]
fn an_entity_id_is_found_in_nested_data() {
    let data = r#"{"outer":{"e1":{"type":"x"}}}"#;
    assert!(
        run(r#"<messageML><span class="entity" data-entity-id="e1">x</span></messageML>"#, Some(data))
            .is_ok()
    );
}

#[test]
fn an_unknown_root_is_rejected() {
    assert_eq!(err_raw("<p>x</p>", None), "Root tag must be <messageML> or <div>");
}

#[test]
fn a_messageml_root_with_attributes_is_rejected_after_its_content() {
    assert_eq!(
        err_raw(r#"<messageML class="x">y</messageML>"#, None),
        r#"Element "messageML" may not have attributes"#
    );
    assert_eq!(
        err_raw(r#"<messageML class="x"><bogus/></messageML>"#, None),
        r#"Invalid MessageML content at element "bogus""#
    );
    assert!(run(r#"<messageML xmlns="http://x">y</messageML>"#, None).is_ok());
}

#[test]
fn the_innermost_failure_wins() {
    assert_eq!(
        err("<ul><li><b><bogus/></b></li></ul><hr>x</hr>"),
        r#"Invalid MessageML content at element "bogus""#
    );
}

#[test]
fn content_errors_surface_after_the_children_are_built() {
    // The list item is valid, the paragraph inside the heading fails, before the later br.
    assert_eq!(err("<h1><p>x</p></h1><br>y</br>"), r#"Element "p" is not allowed in "h1""#);
}

#[test]
fn a_deeply_nested_message_is_rejected_without_overflowing() {
    let body = "<b>".repeat(5000) + &"</b>".repeat(5000);
    assert!(err(&body).starts_with("Invalid messageML: "));
}

#[test]
fn a_huge_message_is_a_limit_error() {
    let big = format!("<messageML>{}</messageML>", "a".repeat(sympod_messageml::MAX_INPUT_BYTES));
    let e = run(&big, None).unwrap_err();
    assert!(e.is_limit());
    assert_eq!(e.kind(), sympod_messageml::ErrorKind::Limit(sympod_messageml::Limit::InputSize));
}

/// Jackson keeps the caller's key order; so does the EntityJSON returned.
#[test]
fn the_entity_json_keeps_the_callers_key_order() {
    let out = run("<messageML>hi</messageML>", Some(r#"{"b":1,"a":2}"#)).unwrap();
    assert_eq!(out.entity_json.to_string(), r#"{"b":1,"a":2}"#);
}
