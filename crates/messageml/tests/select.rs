//! `<select>` and its min/max rules, with the reference's words and order of checks.
mod common;
use common::*;

const OPTIONS: &str =
    r#"<option value="a">A</option><option value="b">B</option><option value="c">C</option>"#;

/// The PresentationML of one select inside a form, without the form and its button.
fn select(attrs: &str, options: &str) -> String {
    let full = pml(&format!(
        r#"<form id="f"><select {attrs}>{options}</select><button name="go">Go</button></form>"#
    ));
    full.strip_prefix(r#"<form id="f">"#)
        .and_then(|s| s.strip_suffix(r#"<button type="action" name="go">Go</button></form>"#))
        .unwrap_or(&full)
        .to_owned()
}

fn select_err(attrs: &str, options: &str) -> String {
    err(&format!(r#"<form id="f"><select {attrs}>{options}</select><button name="go">Go</button></form>"#))
}

#[test]
fn a_select_keeps_its_placeholder_and_required_flag() {
    assert_eq!(
        select(r#"name="s" data-placeholder="Pick one" required="true""#, OPTIONS),
        r#"<select name="s" required="true" data-placeholder="Pick one"><option value="a">A</option><option value="b">B</option><option value="c">C</option></select>"#
    );
}

#[test]
fn a_select_with_a_label_is_wrapped_in_a_dropdown_group() {
    let out = run(
        &format!(
            r#"<messageML><form id="f"><select name="s" label="Side" title="Buy or sell">{OPTIONS}</select><button name="go">Go</button></form></messageML>"#
        ),
        None,
    )
    .unwrap();
    let body = strip_root(&out.presentation_ml);
    let id_at = body.find(r#"for="dropdown-"#).unwrap() + 5;
    let id = &body[id_at..id_at + 19];
    assert_eq!(
        body,
        format!(
            r#"<form id="f"><div class="dropdown-group" data-generated="true"><label for="{id}">Side</label><span class="info-hint" data-target-id="{id}" data-title="Buy or sell"></span><select name="s" id="{id}"><option value="a">A</option><option value="b">B</option><option value="c">C</option></select></div><button type="action" name="go">Go</button></form>"#
        )
    );
}

#[test]
fn a_multiple_select_takes_min_and_max_selections() {
    let options =
        r#"<option value="a" selected="true">A</option><option value="b" selected="true">B</option>"#;
    assert_eq!(
        select(r#"name="s" multiple="true" min="1" max="2" required="true""#, options),
        r#"<select name="s" required="true" multiple="true" data-min="1" data-max="2"><option value="a" selected="true">A</option><option value="b" selected="true">B</option></select>"#
    );
}

#[test]
fn min_may_equal_max_and_either_may_stand_alone() {
    for attrs in [r#"min="2" max="2""#, r#"min="3""#, r#"max="1""#, r#"min="0""#] {
        let out = select(&format!(r#"name="s" multiple="true" {attrs}"#), OPTIONS);
        assert!(out.starts_with(r#"<select name="s" multiple="true" data-m"#), "{attrs}: {out}");
    }
}

#[test]
fn min_or_max_without_multiple_is_rejected() {
    for (attrs, attr) in [
        (r#"min="1""#, "min"),
        (r#"max="2""#, "max"),
        (r#"multiple="false" min="1""#, "min"),
        (r#"max="2" min="1""#, "min"),
    ] {
        assert_eq!(
            select_err(&format!(r#"name="s" {attrs}"#), OPTIONS),
            format!(r#"Attribute "{attr}" is not allowed. Attribute "multiple" missing"#),
            "{attrs}"
        );
    }
}

#[test]
fn a_negative_or_non_numeric_min_is_rejected() {
    for min in ["-1", "one", "", "1.5", "99999999999"] {
        assert_eq!(
            select_err(&format!(r#"name="s" multiple="true" min="{min}""#), OPTIONS),
            r#"Attribute "min" is not valid, it must be >= 0"#,
            "{min}"
        );
    }
}

#[test]
fn a_max_below_one_is_rejected() {
    for max in ["0", "-3", "x"] {
        assert_eq!(
            select_err(&format!(r#"name="s" multiple="true" max="{max}""#), OPTIONS),
            r#"Attribute "max" is not valid, it must be >= 1"#,
            "{max}"
        );
    }
}

#[test]
fn a_min_greater_than_max_is_rejected() {
    assert_eq!(
        select_err(r#"name="s" multiple="true" min="3" max="2""#, OPTIONS),
        r#"Attribute "min" is greater than attribute "max""#
    );
}

#[test]
fn a_required_multiple_select_cannot_have_a_min_of_zero() {
    assert_eq!(
        select_err(r#"name="s" multiple="true" required="true" min="0""#, OPTIONS),
        r#"Attribute "min" cannot be 0 if "required" is true"#
    );
}

#[test]
fn a_bad_auto_submit_is_reported_under_its_presentationml_name() {
    assert_eq!(
        select_err(r#"name="s" auto-submit="yes""#, OPTIONS),
        r#"Attribute "data-auto-submit" of element "select" can only be one of the following values: [true, false]."#
    );
}

#[test]
fn a_select_reports_its_name_before_its_content_and_its_booleans_before_min_and_max() {
    assert_eq!(select_err("", "<b>x</b>"), r#"The attribute "name" is required"#);
    assert_eq!(select_err(r#"name=" ""#, OPTIONS), r#"The attribute "name" is required"#);
    assert_eq!(select_err(r#"name="s" min="1""#, "<b>x</b>"), r#"Element "b" is not allowed in "select""#);
    assert_eq!(
        select_err(r#"name="s" disabled="no" min="x""#, OPTIONS),
        r#"Attribute "disabled" of element "select" can only be one of the following values: [true, false]."#
    );
    let two = r#"<option value="a" selected="true">A</option><option value="b" selected="true">B</option>"#;
    assert_eq!(
        select_err(r#"name="s" max="1""#, two),
        r#"Attribute "max" is not allowed. Attribute "multiple" missing"#
    );
}

#[test]
fn a_select_outside_a_form_is_rejected() {
    assert_eq!(
        err(&format!(r#"<select name="s">{OPTIONS}</select>"#)),
        r#"Element "select" can only be a inner child of the following elements: [form]"#
    );
}
