//! The per-form limits on checkboxes and radios (50 of each), and the order of a form's checks.
mod common;
use common::*;

const TOO_MANY: &str =
    r#"Element "form" cannot have more than 50 children of the following elements: [checkbox, radio]."#;

fn form(controls: &str) -> String {
    format!(r#"<messageML><form id="f">{controls}<button name="go">Go</button></form></messageML>"#)
}

#[test]
fn fifty_checkboxes_and_fifty_radios_in_one_form_are_accepted() {
    let controls = format!(
        "{}{}",
        r#"<checkbox name="c" value="v">C</checkbox>"#.repeat(50),
        r#"<radio name="r" value="v">R</radio>"#.repeat(50)
    );
    let out = run(&form(&controls), None).unwrap();
    assert_eq!(out.presentation_ml.matches(r#"<div class="checkbox-group">"#).count(), 50);
    assert_eq!(out.presentation_ml.matches(r#"<div class="radio-group">"#).count(), 50);
    assert_eq!(out.forms[0].fields.len(), 100);
}

#[test]
fn a_fifty_first_radio_is_rejected() {
    let radios = r#"<radio name="r" value="v">R</radio>"#.repeat(51);
    assert_eq!(run(&form(&radios), None).unwrap_err().to_string(), TOO_MANY);
}

#[test]
fn a_fifty_first_checkbox_is_rejected_even_when_nested_deeper_in_the_form() {
    let boxes = format!("{}<p><b>x</b><checkbox name=\"c\"/></p>", r#"<checkbox name="c"/>"#.repeat(50));
    assert_eq!(run(&form(&boxes), None).unwrap_err().to_string(), TOO_MANY);
}

#[test]
fn the_limit_is_per_form() {
    let one = |id: &str| {
        format!(
            r#"<form id="{id}">{}<button name="go">Go</button></form>"#,
            r#"<radio name="r"/>"#.repeat(50)
        )
    };
    assert!(run(&format!("<messageML>{}{}</messageML>", one("a"), one("b")), None).is_ok());
}

#[test]
fn the_choice_limit_is_checked_before_the_forms_id_and_action_button() {
    let radios = r#"<radio name="r"/>"#.repeat(51);
    assert_eq!(err(&format!("<form>{radios}</form>")), TOO_MANY);
}

#[test]
fn a_forms_children_are_checked_before_its_id() {
    assert_eq!(err("<form><p><bogus/></p></form>"), r#"Invalid MessageML content at element "bogus""#);
    assert_eq!(err(r#"<form><button name="go">Go</button></form>"#), r#"The attribute "id" is required"#);
    assert_eq!(
        err(r#"<form id=" "><button name="go">Go</button></form>"#),
        r#"The attribute "id" is required"#
    );
}

#[test]
fn a_forms_id_is_checked_before_its_action_button_and_multi_submit() {
    assert_eq!(err(r#"<form multi-submit="x"></form>"#), r#"The attribute "id" is required"#);
    assert_eq!(
        err(r#"<form id="f" multi-submit="x"></form>"#),
        "The form with id 'f' should have at least one action button"
    );
    assert_eq!(
        err(r#"<form id="f" multi-submit="x"><button name="go">Go</button></form>"#),
        r#"Attribute "multi-submit" of element "form" can only be one of the following values: [reset, no-reset]."#
    );
}
