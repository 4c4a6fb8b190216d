//! Values Java checks with its own libraries: `pattern` (a `java.util.regex.Pattern`) and the
//! timezone-picker's zones (a `java.time.ZoneId`).
mod common;
use common::*;

fn field_with_pattern(p: &str) -> Result<String, String> {
    let escaped = p.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    run(
        &format!(
            r#"<messageML><form id="f"><text-field name="t" pattern="{escaped}" pattern-error-message="m"/><button name="b">B</button></form></messageML>"#
        ),
        None,
    )
    .map(|o| o.presentation_ml)
    .map_err(|e| e.to_string())
}

#[test]
fn patterns_java_refuses_are_not_valid() {
    for p in [
        "a**",
        "a+*",
        "a?*",
        "a*?*",
        "a{2}*",
        "*a",
        "a|*",
        "a{2,1}",
        "a{x}",
        "a{,3}",
        r"\p{Foo}",
        r"\p{Latin}",
        r"\p{IsFoo}",
        "(a",
        "a)",
        "[a-z",
        "[]",
        "[z-a]",
        r"[a-\d]",
        r"\y",
        r"\k<m>",
        "(?q)",
        "(?<a>x)(?<a>y)",
        r"\x{110000}",
        "a\\",
    ] {
        assert_eq!(field_with_pattern(p), Err(format!(r#"The regex "{p}" is not valid"#)), "{p}");
    }
}

#[test]
fn patterns_java_accepts_are_kept() {
    for p in [
        "a*+",
        "a*?",
        "a++",
        "a{2}?",
        "a{2,}",
        "a{2}{3}",
        "^*",
        "[]a]",
        "[a-[bc]]",
        r"\p{IsLatin}",
        r"\p{InGreek}",
        r"\p{sc=Latn}",
        r"\p{javaLowerCase}",
        r"(?<n>a)\k<n>",
        r"\Qa**\E",
        "(?i:ab)+",
        r"^[\w.+-]+@[\w-]+\.[a-z]{2,}$",
    ] {
        assert!(field_with_pattern(p).is_ok(), "{p}: {:?}", field_with_pattern(p));
    }
}

#[test]
fn a_textarea_pattern_is_checked_the_same_way() {
    assert_eq!(
        err(
            r#"<form id="f"><textarea name="t" pattern="a**" pattern-error-message="m"/><button name="b">B</button></form>"#
        ),
        r#"The regex "a**" is not valid"#
    );
}

fn picker(attrs: &str) -> Result<String, String> {
    run(
        &format!(
            r#"<messageML><form id="f"><timezone-picker name="z" {attrs}/><button name="b">B</button></form></messageML>"#
        ),
        None,
    )
    .map(|o| strip_root(&o.presentation_ml))
    .map_err(|e| e.to_string())
}

#[test]
fn a_timezone_picker_value_must_be_a_zone_of_the_tz_database() {
    for tz in ["Mars/Olympus", "Foo/Bar", "europe/paris", "EST", "Europe/"] {
        assert_eq!(
            picker(&format!(r#"value="{tz}""#)),
            Err(format!(r#"Attribute "value" contains an invalid timezone: {tz}"#))
        );
    }
    for tz in ["Europe/Paris", "America/Argentina/Buenos_Aires", "US/Eastern", "Etc/GMT+5", "UTC", "GMT0"] {
        assert!(picker(&format!(r#"value="{tz}""#)).is_ok(), "{tz}");
    }
}

#[test]
fn a_timezone_picker_value_may_be_an_offset_of_at_most_eighteen_hours() {
    for tz in ["Z", "+05:00", "-0530", "+5", "UTC+01:00", "GMT-3", "UT+18", "+18:00:00"] {
        assert!(picker(&format!(r#"value="{tz}""#)).is_ok(), "{tz}");
    }
    for tz in ["GMT+25", "+19", "+18:00:01", "+05:60", "UTC+", "+1:00", "UTC0"] {
        assert_eq!(
            picker(&format!(r#"value="{tz}""#)),
            Err(format!(r#"Attribute "value" contains an invalid timezone: {tz}"#))
        );
    }
}

#[test]
fn an_empty_timezone_picker_value_is_allowed() {
    assert_eq!(
        picker(r#"value="""#).unwrap(),
        r#"<form id="f"><div class="timezone-picker" data-name="z" data-value=""></div><button type="action" name="b">B</button></form>"#
    );
}

#[test]
fn every_disabled_timezone_must_be_a_zone() {
    assert_eq!(
        picker(r#"disabled-timezone='["Europe/Paris","Mars/Olympus"]'"#),
        Err(r#"Attribute "disabled-timezone" contains an invalid timezone: Mars/Olympus"#.to_owned())
    );
    assert!(picker(r#"disabled-timezone='["Europe/Paris","+02:00"]'"#).is_ok());
}
