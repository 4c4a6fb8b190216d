//! Symphony Elements forms and their controls.
mod common;
use common::*;

/// Wraps controls in a form with one action button.
fn in_form(controls: &str) -> String {
    pml(&format!(r#"<form id="f">{controls}<button name="go">Go</button></form>"#))
}

/// The PresentationML of the controls alone.
fn controls(controls: &str) -> String {
    let full = in_form(controls);
    full.strip_prefix(r#"<form id="f">"#)
        .and_then(|s| s.strip_suffix(r#"<button type="action" name="go">Go</button></form>"#))
        .unwrap_or(&full)
        .to_owned()
}

fn form_err(controls: &str) -> String {
    err(&format!(r#"<form id="f">{controls}<button name="go">Go</button></form>"#))
}

/// Replaces the generated ShortID after `prefix` with `SID`.
fn normalise_ids(s: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(prefix) {
        out.push_str(&rest[..i + prefix.len()]);
        rest = &rest[i + prefix.len()..];
        if !rest.starts_with("group\"") {
            rest = &rest[10..];
            out.push_str("SID");
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn a_form_with_an_action_button_is_accepted() {
    let out = run(r#"<messageML><form id="f" multi-submit="reset"><button name="send" class="primary">Send</button></form></messageML>"#, None).unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<form id="f" data-multi-submit="reset"><button type="action" class="primary" name="send">Send</button></form>"#
    );
    assert_eq!(out.forms.len(), 1);
    assert_eq!(out.forms[0].id, "f");
    assert_eq!(out.forms[0].action_buttons, vec!["send"]);
    assert_eq!(out.markdown, "(Button:Send)\n");
}

#[test]
fn a_form_without_an_action_button_is_rejected() {
    assert_eq!(
        err(r#"<form id="f"><button type="reset">R</button></form>"#),
        "The form with id 'f' should have at least one action button"
    );
}

#[test]
fn a_form_without_id_is_rejected() {
    assert_eq!(err(r#"<form><button name="a">A</button></form>"#), r#"The attribute "id" is required"#);
}

#[test]
fn a_nested_form_is_rejected() {
    assert_eq!(
        err(
            r#"<form id="a"><form id="b"><button name="x">X</button></form><button name="y">Y</button></form>"#
        ),
        r#"Element "form" cannot be an inner child of the following elements: [form]"#
    );
}

#[test]
fn form_ids_must_be_unique() {
    assert_eq!(
        err(
            r#"<form id="a"><button name="x">X</button></form><form id="a"><button name="y">Y</button></form>"#
        ),
        "Elements must have unique ids. The following value is not unique: [a]."
    );
}

/// The reference validates an element after its children, so an error inside the second
/// form wins over its duplicate id.
#[test]
fn a_duplicate_form_id_is_checked_after_the_forms_children() {
    assert_eq!(
        err(r#"<form id="a"><button name="x">X</button></form><form id="a"><bad/></form>"#),
        r#"Invalid MessageML content at element "bad""#
    );
    assert_eq!(
        err(r#"<dialog id="d"><title>t</title><body>b</body></dialog><dialog id="d"><bad/></dialog>"#),
        r#"Invalid MessageML content at element "bad""#
    );
}

#[test]
fn a_form_with_more_than_fifty_checkboxes_is_rejected() {
    let boxes = r#"<checkbox name="c"/>"#.repeat(51);
    assert_eq!(
        form_err(&boxes),
        r#"Element "form" cannot have more than 50 children of the following elements: [checkbox, radio]."#
    );
}

#[test]
fn a_button_outside_a_form_is_rejected() {
    assert_eq!(
        err(r#"<button name="x">X</button>"#),
        r#"Element "button" can only be a inner child of the following elements: [form, uiaction]"#
    );
}

#[test]
fn an_action_button_needs_a_name_and_a_reset_button_must_not_have_one() {
    assert_eq!(form_err("<button>X</button>"), r#"Attribute "name" is required for action buttons"#);
    assert_eq!(
        form_err(r#"<button type="reset" name="r">R</button>"#),
        r#"Attribute "name" is allowed for action buttons only"#
    );
}

#[test]
fn a_button_class_outside_the_list_is_rejected() {
    assert_eq!(
        form_err(r#"<button name="a" class="huge">A</button>"#),
        r#"Attribute "class" of element "button" can only be one of the following values: [primary, secondary, tertiary, destructive, primary-link, destructive-link]."#
    );
}

#[test]
fn a_button_keeps_icon_and_title_as_data_attributes() {
    assert_eq!(
        controls(r#"<button name="a" type="cancel" icon="x" title="t">A</button>"#),
        r#"<button type="cancel" name="a" data-icon="x" data-title="t">A</button>"#
    );
}

#[test]
fn a_button_accepts_only_text() {
    assert_eq!(
        form_err(r#"<button name="a"><b>A</b></button>"#),
        r#"Element "b" is not allowed in "button""#
    );
}

#[test]
fn a_text_field_becomes_a_text_input_with_its_initial_value() {
    assert_eq!(
        controls(
            r#"<text-field name="t" placeholder="p" required="true" masked="true" maxlength="10">init</text-field>"#
        ),
        r#"<input type="text" name="t" placeholder="p" required="true" data-masked="true" maxlength="10" value="init"/>"#
    );
}

#[test]
fn a_text_field_with_a_label_and_title_is_wrapped_in_a_group() {
    let out = normalise_ids(&controls(r#"<text-field name="t" label="L" title="T"/>"#), "textfield-");
    assert_eq!(
        out,
        r#"<div class="textfield-group" data-generated="true"><label for="textfield-SID">L</label><span class="info-hint" data-target-id="textfield-SID" data-title="T"></span><input type="text" name="t" id="textfield-SID"/></div>"#
    );
}

#[test]
fn a_text_field_outside_a_form_is_rejected() {
    assert_eq!(
        err(r#"<text-field name="t"/>"#),
        r#"Element "text-field" can only be a inner child of the following elements: [form]"#
    );
}

#[test]
fn a_text_field_without_a_name_is_rejected() {
    assert_eq!(form_err("<text-field/>"), r#"The attribute "name" is required"#);
}

#[test]
fn a_text_field_rejects_an_id() {
    assert_eq!(
        form_err(r#"<text-field name="t" id="x"/>"#),
        r#"Attribute "id" is not allowed in "text-field""#
    );
}

#[test]
fn a_text_field_boolean_must_be_true_or_false() {
    assert_eq!(
        form_err(r#"<text-field name="t" required="yes"/>"#),
        r#"Attribute "required" of element "text-field" can only be one of the following values: [true, false]."#
    );
}

#[test]
fn a_text_field_initial_value_longer_than_maxlength_is_rejected() {
    assert_eq!(
        form_err(r#"<text-field name="t" maxlength="3">toolong</text-field>"#),
        "The length of this text-field's initial value must be between 1 and 3"
    );
}

#[test]
fn a_pattern_needs_an_error_message() {
    assert_eq!(
        form_err(r#"<text-field name="t" pattern="^a+$"/>"#),
        r#"The attribute "pattern-error-message" is mandatory when attribute "pattern" is defined"#
    );
    assert_eq!(
        form_err(r#"<text-field name="t" pattern="(a" pattern-error-message="m"/>"#),
        r#"The regex "(a" is not valid"#
    );
}

#[test]
fn a_label_longer_than_256_characters_is_rejected() {
    let label = "x".repeat(257);
    assert_eq!(
        form_err(&format!(r#"<text-field name="t" label="{label}"/>"#)),
        "The attribute label value is too long. Max length is: 256"
    );
}

#[test]
fn a_textarea_keeps_newlines_in_its_initial_value() {
    assert_eq!(
        controls("<textarea name=\"a\" rows=\"3\">l1\nl2</textarea>"),
        "<textarea name=\"a\" rows=\"3\">l1\nl2</textarea>"
    );
}

#[test]
fn a_richtextarea_is_a_textarea_marked_rich() {
    assert_eq!(
        controls(r#"<richtextarea name="a"/>"#),
        r#"<textarea name="a" data-richtext="true"></textarea>"#
    );
}

#[test]
fn a_select_holds_options() {
    assert_eq!(
        controls(
            r#"<select name="s" data-placeholder="pick"><option value="a" selected="true">A</option><option value="b">B</option></select>"#
        ),
        r#"<select name="s" data-placeholder="pick"><option value="a" selected="true">A</option><option value="b">B</option></select>"#
    );
}

#[test]
fn a_select_without_options_is_rejected() {
    assert_eq!(
        form_err(r#"<select name="s"></select>"#),
        r#"The "select" element must have at least one child that is any of the following elements: [option]."#
    );
}

#[test]
fn two_selected_options_need_multiple() {
    let two = r#"<option value="a" selected="true">A</option><option value="b" selected="true">B</option>"#;
    assert_eq!(
        form_err(&format!(r#"<select name="s">{two}</select>"#)),
        r#"Element "select" can only have one selected "option""#
    );
    assert!(
        in_form(&format!(r#"<select name="s" multiple="true" min="1" max="2">{two}</select>"#))
            .contains(r#"multiple="true" data-min="1" data-max="2""#)
    );
}

#[test]
fn an_option_outside_a_select_is_rejected() {
    assert_eq!(
        form_err(r#"<option value="a">A</option>"#),
        r#"Element "option" can only be a child of the following elements: [select]"#
    );
}

#[test]
fn a_checkbox_without_text_is_a_bare_input() {
    assert_eq!(
        controls(r#"<checkbox name="c" checked="true"/>"#),
        r#"<input type="checkbox" name="c" checked="true" value="on"/>"#
    );
}

#[test]
fn a_checkbox_with_text_becomes_a_checkbox_group_with_a_label() {
    let out = normalise_ids(
        &controls(r#"<checkbox name="c" value="v">Yes <i>please</i></checkbox>"#),
        "checkbox-group-",
    );
    assert_eq!(
        out,
        r#"<div class="checkbox-group"><input type="checkbox" name="c" value="v" id="checkbox-group-SID"/><label for="checkbox-group-SID">Yes <i>please</i></label></div>"#
    );
}

#[test]
fn a_radio_with_text_becomes_a_radio_group() {
    assert!(
        controls(r#"<radio name="r">One</radio>"#).starts_with(
            r#"<div class="radio-group"><input type="radio" name="r" value="on" id="radio-group-"#
        )
    );
}

#[test]
fn a_checkbox_label_accepts_only_text_bold_and_italic() {
    assert_eq!(
        form_err(r#"<checkbox name="c"><p>x</p></checkbox>"#),
        r#"Element "p" is not allowed in "checkbox""#
    );
}

#[test]
fn a_person_selector_is_an_empty_div() {
    assert_eq!(
        controls(r#"<person-selector name="p" placeholder="who" required="true" value="[1,2]"/>"#),
        r#"<div class="person-selector" data-name="p" data-placeholder="who" data-required="true" data-value="[1,2]"></div>"#
    );
}

#[test]
fn a_room_selector_is_an_empty_div() {
    assert_eq!(
        controls(r#"<room-selector name="r"/>"#),
        r#"<div class="room-selector" data-name="r"></div>"#
    );
}

#[test]
fn a_date_picker_types_its_intervals_and_quotes_them_with_apostrophes() {
    assert_eq!(
        controls(
            r#"<date-picker name="d" value="2024-05-01" disabled-date='[{"day":"2024-05-02"},{"daysOfWeek":[0,6]}]' format="dd/MM/yyyy"/>"#
        ),
        r#"<input type="date" name="d" value="2024-05-01" data-disabled-date='[{"type":"date","day":"2024-05-02"},{"type":"weekdays","daysOfWeek":[0,6]}]' data-format="dd/MM/yyyy"></input>"#
    );
}

#[test]
fn a_date_picker_with_a_bad_date_is_rejected() {
    assert_eq!(
        form_err(r#"<date-picker name="d" min="2024-02-30"/>"#),
        r#"Attribute "min" has invalid date format"#
    );
}

#[test]
fn a_time_picker_step_must_be_within_range() {
    assert_eq!(
        controls(
            r#"<time-picker name="t" value="10:00:00" step="900" disabled-time='[{"time":"12:00:00"}]'/>"#
        ),
        r#"<input type="time" name="t" value="10:00:00" step="900" data-disabled-time='[{"type":"time","time":"12:00:00"}]'/>"#
    );
    assert_eq!(
        form_err(r#"<time-picker name="t" step="10"/>"#),
        r#"Attribute "step" must be less than "43200" and more than "600"."#
    );
}

#[test]
fn a_timezone_picker_checks_its_zone() {
    assert_eq!(
        controls(r#"<timezone-picker name="z" value="Europe/Paris" disabled-timezone='["UTC"]'/>"#),
        r#"<div class="timezone-picker" data-name="z" data-value="Europe/Paris" data-disabled-timezone='["UTC"]'></div>"#
    );
    assert_eq!(
        form_err(r#"<timezone-picker name="z" value="Mars"/>"#),
        r#"Attribute "value" contains an invalid timezone: Mars"#
    );
}

#[test]
fn form_info_lists_the_field_names() {
    let out = run(
        r#"<messageML><form id="f"><text-field name="a"/><select name="b"><option value="1">1</option></select><button name="go">Go</button></form></messageML>"#,
        None,
    )
    .unwrap();
    assert_eq!(out.forms[0].fields, vec!["a", "b"]);
}
