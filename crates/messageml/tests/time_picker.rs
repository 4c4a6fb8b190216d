//! `<time-picker>`: values, formats, steps and disabled times, with the reference's words and
//! order of checks.
mod common;
use common::*;

/// The PresentationML of one time-picker inside a form, without the form and its button.
fn picker(attrs: &str) -> String {
    let full = pml(&format!(r#"<form id="f"><time-picker {attrs}/><button name="go">Go</button></form>"#));
    full.strip_prefix(r#"<form id="f">"#)
        .and_then(|s| s.strip_suffix(r#"<button type="action" name="go">Go</button></form>"#))
        .unwrap_or(&full)
        .to_owned()
}

fn picker_err(attrs: &str) -> String {
    err(&format!(r#"<form id="f"><time-picker {attrs}/><button name="go">Go</button></form>"#))
}

#[test]
fn a_time_picker_writes_its_attributes_in_the_reference_order() {
    assert_eq!(
        picker(
            r#"name="t" value="10:30:00" placeholder="When" min="08:00:00" max="18:00:00" step="900" format="hh:mm a" strict="true" required="true" disabled="false" readonly="false""#
        ),
        r#"<input type="time" name="t" value="10:30:00" placeholder="When" min="08:00:00" max="18:00:00" step="900" data-format="hh:mm a" data-strict="true" required="true" disabled="false" readonly="false"/>"#
    );
}

#[test]
fn time_formats_of_the_allowed_letters_are_accepted() {
    for format in ["HH:mm:ss", "hh:mm a", "H:m", "hh mm ss a", "a hh"] {
        assert!(
            picker(&format!(r#"name="t" format="{format}""#)).contains(&format!(r#"data-format="{format}""#))
        );
    }
}

#[test]
fn a_time_format_with_other_letters_is_rejected() {
    for format in ["HH:mm:ss.SSS", "hh-mm", "", "yyyy"] {
        assert_eq!(
            picker_err(&format!(r#"name="t" format="{format}""#)),
            "Attribute \"format\" contains an unsupported time format, only 'h', 'm' 's' and 'a' are supported with ':' or space as separator",
            "{format}"
        );
    }
}

#[test]
fn a_time_format_java_cannot_compile_is_rejected() {
    assert_eq!(
        picker_err(r#"name="t" format="hhh:mm""#),
        r#"Attribute "format" contains an invalid time format"#
    );
}

#[test]
fn a_time_format_longer_than_64_characters_is_rejected() {
    let format = "h:".repeat(33);
    assert_eq!(
        picker_err(&format!(r#"name="t" format="{format}""#)),
        r#"The attribute "format" length is bigger than maximum allowed [64]"#
    );
}

#[test]
fn values_must_be_hours_minutes_and_seconds() {
    for (attr, value) in [("value", "10:30"), ("min", "8:00:00"), ("max", "18:00:60"), ("value", "noon")] {
        assert_eq!(
            picker_err(&format!(r#"name="t" {attr}="{value}""#)),
            format!(r#"Attribute "{attr}" has invalid time format, only HH:mm:ss format is allowed"#),
            "{attr}={value}"
        );
    }
}

#[test]
fn min_is_checked_before_max_and_max_before_value() {
    assert_eq!(
        picker_err(r#"name="t" value="x" max="y" min="z""#),
        r#"Attribute "min" has invalid time format, only HH:mm:ss format is allowed"#
    );
    assert_eq!(
        picker_err(r#"name="t" value="x" max="y""#),
        r#"Attribute "max" has invalid time format, only HH:mm:ss format is allowed"#
    );
}

#[test]
fn a_step_must_be_a_number_between_600_and_43200() {
    assert!(picker(r#"name="t" step="600""#).contains(r#"step="600""#));
    assert!(picker(r#"name="t" step="43200""#).contains(r#"step="43200""#));
    for step in ["599", "43201", "-1"] {
        assert_eq!(
            picker_err(&format!(r#"name="t" step="{step}""#)),
            r#"Attribute "step" must be less than "43200" and more than "600"."#,
            "{step}"
        );
    }
    assert_eq!(picker_err(r#"name="t" step="ten""#), r#"Attribute "step" should be a number."#);
}

#[test]
fn the_step_is_checked_before_the_format_and_the_times() {
    assert_eq!(
        picker_err(r#"name="t" step="1" format="x" value="y""#),
        r#"Attribute "step" must be less than "43200" and more than "600"."#
    );
    assert_eq!(
        picker_err(r#"name="t" format="x" value="y""#),
        "Attribute \"format\" contains an unsupported time format, only 'h', 'm' 's' and 'a' are supported with ':' or space as separator"
    );
}

#[test]
fn disabled_times_become_typed_json_in_apostrophes() {
    assert_eq!(
        picker(r#"name="t" disabled-time='[{"time":"12:00:00"},{"from":"13:00:00","to":"14:00:00"}]'"#),
        r#"<input type="time" name="t" data-disabled-time='[{"type":"time","time":"12:00:00"},{"type":"range","from":"13:00:00","to":"14:00:00"}]'/>"#
    );
}

#[test]
fn a_disabled_time_that_is_neither_a_time_nor_a_range_is_rejected() {
    assert_eq!(
        picker_err(r#"name="t" disabled-time='[{"from":"13:00:00"}]'"#),
        "Time interval 'type' is unknown or null"
    );
    assert_eq!(
        picker_err(r#"name="t" disabled-time='[{"time":"25:00:00"}]'"#),
        r#""25:00:00" is not a valid time, only HH:mm:ss format is allowed"#
    );
    assert!(
        picker_err(r#"name="t" disabled-time='{"time":"12:00:00"}'"#)
            .starts_with(r#"Error parsing json in attribute "disabled-time": "#)
    );
}

#[test]
fn a_disabled_time_longer_than_1024_characters_is_rejected() {
    let items = vec![r#"{"time":"12:00:00"}"#; 55].join(",");
    assert_eq!(
        picker_err(&format!(r#"name="t" disabled-time='[{items}]'"#)),
        r#"Attribute "disabled-time" exceed maximum allowed length (1024)"#
    );
}

#[test]
fn name_and_placeholder_are_at_most_64_characters() {
    let long = "n".repeat(65);
    assert_eq!(
        picker_err(&format!(r#"name="{long}""#)),
        r#"The attribute "name" length is bigger than maximum allowed [64]"#
    );
    assert_eq!(
        picker_err(&format!(r#"name="t" placeholder="{long}""#)),
        r#"The attribute "placeholder" length is bigger than maximum allowed [64]"#
    );
}

#[test]
fn booleans_are_checked_last() {
    assert_eq!(
        picker_err(r#"name="t" strict="yes" value="x""#),
        r#"Attribute "value" has invalid time format, only HH:mm:ss format is allowed"#
    );
    assert_eq!(
        picker_err(r#"name="t" strict="yes""#),
        r#"Attribute "strict" of element "time-picker" can only be one of the following values: [true, false]."#
    );
}

#[test]
fn a_time_picker_converts_again_unchanged() {
    let message = r#"<messageML><form id="f"><time-picker name="t" label="When" format="HH:mm" disabled-time='[{"time":"12:00:00"}]'/><button name="go">Go</button></form></messageML>"#;
    let first = run(message, None).unwrap();
    let again = run(&first.presentation_ml, None).unwrap();
    assert_eq!(again.presentation_ml, first.presentation_ml);
}
