//! text-field and textarea details: length bounds, rows and cols, the label/tooltip group and
//! the title limit.
mod common;
use common::*;

fn in_form(control: &str) -> Result<String, String> {
    run(&format!(r#"<messageML><form id="f">{control}<button name="b">B</button></form></messageML>"#), None)
        .map(|o| {
            let body = strip_root(&o.presentation_ml);
            body.strip_prefix(r#"<form id="f">"#)
                .and_then(|s| s.strip_suffix(r#"<button type="action" name="b">B</button></form>"#))
                .unwrap_or(&body)
                .to_owned()
        })
        .map_err(|e| e.to_string())
}

/// The generated id a label group's `<label for>` names.
fn group_id(out: &str) -> &str {
    let start = out.find("for=\"").expect("a label") + 5;
    &out[start..start + out[start..].find('"').unwrap()]
}

fn refused(control: &str) -> String {
    in_form(control).expect_err(control)
}

#[test]
fn a_text_field_minlength_must_be_between_1_and_128() {
    for v in ["0", "129", "-1"] {
        assert_eq!(
            refused(&format!(r#"<text-field name="t" minlength="{v}"/>"#)),
            r#"The attribute "minlength" must be between 1 and 128"#
        );
    }
    assert_eq!(
        in_form(r#"<text-field name="t" minlength="1" maxlength="128"/>"#).unwrap(),
        r#"<input type="text" name="t" minlength="1" maxlength="128"/>"#
    );
}

#[test]
fn a_text_field_minlength_may_not_exceed_its_maxlength() {
    assert_eq!(
        refused(r#"<text-field name="t" minlength="5" maxlength="3"/>"#),
        r#"The attribute "minlength" must be lower than the "maxlength" attribute"#
    );
    assert!(in_form(r#"<text-field name="t" minlength="3" maxlength="3"/>"#).is_ok());
}

#[test]
fn a_text_field_initial_value_shorter_than_minlength_is_refused() {
    assert_eq!(
        refused(r#"<text-field name="t" minlength="3">ab</text-field>"#),
        "The length of this text-field's initial value must be between 3 and 128"
    );
    assert_eq!(
        refused(r#"<text-field name="t" minlength="2" maxlength="4">abcde</text-field>"#),
        "The length of this text-field's initial value must be between 2 and 4"
    );
    assert_eq!(
        in_form(r#"<text-field name="t" minlength="2" maxlength="4">abc</text-field>"#).unwrap(),
        r#"<input type="text" name="t" minlength="2" maxlength="4" value="abc"/>"#
    );
}

#[test]
fn a_textarea_minlength_must_be_between_0_and_10000() {
    for v in ["-1", "10001"] {
        assert_eq!(
            refused(&format!(r#"<textarea name="t" minlength="{v}"/>"#)),
            r#"The attribute "minlength" must be between 0 and 10000"#
        );
    }
    assert_eq!(
        refused(r#"<textarea name="t" minlength="9" maxlength="8"/>"#),
        r#"The attribute "minlength" must be lower than the "maxlength" attribute"#
    );
    assert_eq!(
        refused(r#"<textarea name="t" minlength="3">ab</textarea>"#),
        "The length of this textarea's initial value must be between 3 and 10000"
    );
    assert_eq!(
        in_form(r#"<textarea name="t" minlength="0" maxlength="10000">ab</textarea>"#).unwrap(),
        r#"<textarea name="t" minlength="0" maxlength="10000">ab</textarea>"#
    );
}

#[test]
fn textarea_rows_and_cols_are_integers_of_at_least_zero() {
    assert_eq!(
        in_form(r#"<textarea name="t" rows="0" cols="80"/>"#).unwrap(),
        r#"<textarea name="t" rows="0" cols="80"></textarea>"#
    );
    assert_eq!(refused(r#"<textarea name="t" cols="-1"/>"#), r#"The attribute "cols" must be at least 0"#);
    assert_eq!(refused(r#"<textarea name="t" rows="-3"/>"#), r#"The attribute "rows" must be at least 0"#);
    assert_eq!(
        refused(r#"<textarea name="t" rows="x"/>"#),
        r#"Invalid input: rows must be a int64 value not "x""#
    );
}

#[test]
fn a_textarea_with_a_label_and_title_is_wrapped_in_a_group() {
    let out = in_form(r#"<textarea name="t" label="L" title="T">x</textarea>"#).unwrap();
    let id = group_id(&out);
    assert!(id.starts_with("textarea-") && id.len() == 19, "{id}");
    assert_eq!(
        out,
        format!(
            r#"<div class="textarea-group" data-generated="true"><label for="{id}">L</label><span class="info-hint" data-target-id="{id}" data-title="T"></span><textarea name="t" id="{id}">x</textarea></div>"#
        )
    );
}

#[test]
fn a_title_over_256_characters_is_refused() {
    let long = "é".repeat(257);
    assert_eq!(
        refused(&format!(r#"<text-field name="t" title="{long}"/>"#)),
        "The attribute title value is too long. Max length is: 256"
    );
    assert_eq!(
        refused(&format!(r#"<textarea name="t" label="{long}"/>"#)),
        "The attribute label value is too long. Max length is: 256"
    );
    assert!(in_form(&format!(r#"<text-field name="t" title="{}"/>"#, "é".repeat(256))).is_ok());
}
