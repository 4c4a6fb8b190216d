//! Buttons: form buttons, ui-action buttons (by their direct parent), names, types, classes
//! and content.
mod common;
use common::*;

#[test]
fn a_button_directly_in_a_ui_action_inside_a_form_is_a_ui_action_button() {
    let out = run(
        r#"<messageML><form id="f"><ui-action action="open-im" user-ids="[1]"><button>Chat</button></ui-action><button name="b">x</button></form></messageML>"#,
        None,
    )
    .unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<form id="f"><div class="ui-action" data-action="open-im" data-trigger="click" data-user-ids="[1]"><button>Chat</button></div><button type="action" name="b">x</button></form>"#
    );
    assert_eq!(out.forms[0].action_buttons, vec!["b"]);
}

#[test]
fn a_button_with_a_type_or_name_directly_in_a_ui_action_inside_a_form_is_refused() {
    let refused = r#"Attributes "type" and "name" are not allowed on a button inside a UIAction."#;
    assert_eq!(
        err(
            r#"<form id="f"><ui-action action="open-im" user-ids="[1]"><button type="action" name="z">x</button></ui-action></form>"#
        ),
        refused
    );
    assert_eq!(
        err(
            r#"<form id="f"><ui-action action="open-im" user-ids="[1]"><button name="z">x</button></ui-action><button name="b">B</button></form>"#
        ),
        refused
    );
    assert_eq!(
        err(r#"<ui-action action="open-im" user-ids="[1]"><button type="cancel">x</button></ui-action>"#),
        refused
    );
}

/// `z` is a ui-action button, so it does not give the form its action button.
#[test]
fn a_ui_action_button_does_not_count_as_the_forms_action_button() {
    assert_eq!(
        err(
            r#"<form id="f"><ui-action action="open-im" user-ids="[1]"><button>Chat</button></ui-action></form>"#
        ),
        "The form with id 'f' should have at least one action button"
    );
}

#[test]
fn action_and_cancel_buttons_need_a_non_blank_name() {
    let form = |b: &str| err(&format!(r#"<form id="f">{b}<button name="go">Go</button></form>"#));
    assert_eq!(form("<button>X</button>"), r#"Attribute "name" is required for action buttons"#);
    assert_eq!(form(r#"<button name=" ">X</button>"#), r#"Attribute "name" is required for action buttons"#);
    assert_eq!(
        form(r#"<button type="cancel">X</button>"#),
        r#"Attribute "name" is required for cancel buttons"#
    );
}

#[test]
fn a_reset_button_may_not_have_a_name_even_an_empty_one() {
    assert_eq!(
        err(r#"<form id="f"><button type="reset" name="">R</button><button name="go">Go</button></form>"#),
        r#"Attribute "name" is allowed for action buttons only"#
    );
}

#[test]
fn an_empty_form_button_is_refused() {
    let missing = r#"The "button" element must have at least one child that is any of the following elements: [text content]."#;
    assert_eq!(err(r#"<form id="f"><button name="b"/></form>"#), missing);
    assert_eq!(err(r#"<form id="f"><button name="b"></button></form>"#), missing);
}

#[test]
fn an_empty_ui_action_button_is_refused_too() {
    assert_eq!(
        err(r#"<ui-action action="open-im" user-ids="[1]"><button/></ui-action>"#),
        r#"The "button" element must have at least one child that is any of the following elements: [text content]."#
    );
}

#[test]
fn a_destructive_class_suffix_is_stripped() {
    assert_eq!(
        pml(
            r#"<form id="f"><button name="a" class="primary-destructive">A</button><button name="b" class="secondary-destructive">B</button></form>"#
        ),
        r#"<form id="f"><button type="action" class="primary" name="a">A</button><button type="action" class="secondary" name="b">B</button></form>"#
    );
    assert_eq!(
        pml(r#"<form id="f"><button name="a" class="destructive-link">A</button></form>"#),
        r#"<form id="f"><button type="action" class="destructive-link" name="a">A</button></form>"#
    );
}

#[test]
fn formnovalidate_becomes_data_formnovalidate() {
    assert_eq!(
        pml(r#"<form id="f"><button name="a" formnovalidate="true">A</button></form>"#),
        r#"<form id="f"><button type="action" name="a" data-formnovalidate="true">A</button></form>"#
    );
    assert_eq!(
        err(r#"<form id="f"><button name="a" formnovalidate="yes">A</button></form>"#),
        r#"Attribute "formnovalidate" of element "button" can only be one of the following values: [true, false]."#
    );
}

#[test]
fn a_button_with_data_formnovalidate_converts_again_unchanged() {
    let first = run(
        r#"<messageML><form id="f"><button name="a" formnovalidate="true" class="tertiary">A</button></form></messageML>"#,
        None,
    )
    .unwrap();
    let again = run(&first.presentation_ml, None).unwrap();
    assert_eq!(again.presentation_ml, first.presentation_ml);
}
