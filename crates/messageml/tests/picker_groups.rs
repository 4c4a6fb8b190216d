//! The label/tooltip group around pickers and selectors, the date-picker's 64-character caps
//! and its highlighted dates.
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

/// The group the reference writes around `inner` (which names its id `ID`).
fn group(class: &str, label: Option<&str>, title: Option<&str>, inner: &str, out: &str) -> String {
    let start = out.find("for=\"").or_else(|| out.find("data-target-id=\"")).expect("a group");
    let start = start + out[start..].find('"').unwrap() + 1;
    let id = &out[start..start + out[start..].find('"').unwrap()];
    assert!(id.starts_with(&format!("{class}-")) && id.len() == class.len() + 11, "{id}");
    let mut s = format!(r#"<div class="{class}-group" data-generated="true">"#);
    if let Some(l) = label {
        s += &format!(r#"<label for="{id}">{l}</label>"#);
    }
    if let Some(t) = title {
        s += &format!(r#"<span class="info-hint" data-target-id="{id}" data-title="{t}"></span>"#);
    }
    s + &inner.replace("ID", id) + "</div>"
}

#[test]
fn a_date_picker_with_a_label_and_title_is_wrapped_in_a_group() {
    let out = in_form(r#"<date-picker name="d" label="L" title="T"/>"#).unwrap();
    let inner = r#"<input type="date" name="d" id="ID"></input>"#;
    assert_eq!(out, group("date-picker", Some("L"), Some("T"), inner, &out));
}

#[test]
fn a_time_picker_with_a_label_and_title_is_wrapped_in_a_group() {
    let out = in_form(r#"<time-picker name="t" label="L" title="T"/>"#).unwrap();
    let inner = r#"<input type="time" name="t" id="ID"/>"#;
    assert_eq!(out, group("time-picker", Some("L"), Some("T"), inner, &out));
}

#[test]
fn a_timezone_picker_with_a_label_and_title_is_wrapped_in_a_group() {
    let out = in_form(r#"<timezone-picker name="z" value="UTC" label="L" title="T"/>"#).unwrap();
    let inner = r#"<div class="timezone-picker" data-name="z" data-value="UTC" id="ID"></div>"#;
    assert_eq!(out, group("timezone-picker", Some("L"), Some("T"), inner, &out));
}

#[test]
fn a_person_selector_with_a_label_and_title_is_wrapped_in_a_group() {
    let out = in_form(r#"<person-selector name="p" label="L" title="T"/>"#).unwrap();
    let inner = r#"<div class="person-selector" data-name="p" id="ID"></div>"#;
    assert_eq!(out, group("person-selector", Some("L"), Some("T"), inner, &out));
}

#[test]
fn a_room_selector_with_only_a_title_gets_the_hint_without_a_label() {
    let out = in_form(r#"<room-selector name="r" title="T"/>"#).unwrap();
    let inner = r#"<div class="room-selector" data-name="r" id="ID"></div>"#;
    assert_eq!(out, group("room-selector", None, Some("T"), inner, &out));
}

#[test]
fn a_room_selector_with_only_a_label_gets_the_label_without_a_hint() {
    let out = in_form(r#"<room-selector name="r" label="L"/>"#).unwrap();
    let inner = r#"<div class="room-selector" data-name="r" id="ID"></div>"#;
    assert_eq!(out, group("room-selector", Some("L"), None, inner, &out));
}

#[test]
fn a_date_picker_caps_its_label_and_title_at_64_characters() {
    let (ok, long) = ("x".repeat(64), "x".repeat(65));
    assert_eq!(
        in_form(&format!(r#"<date-picker name="d" label="{long}"/>"#)).unwrap_err(),
        "The attribute label value is too long. Max length is: 64"
    );
    assert_eq!(
        in_form(&format!(r#"<date-picker name="d" title="{long}"/>"#)).unwrap_err(),
        "The attribute title value is too long. Max length is: 64"
    );
    assert!(in_form(&format!(r#"<date-picker name="d" label="{ok}" title="{ok}"/>"#)).is_ok());
    // Other pickers keep the 256 limit.
    assert!(in_form(&format!(r#"<time-picker name="t" label="{long}"/>"#)).is_ok());
}

#[test]
fn a_date_picker_highlighted_date_is_written_with_each_interval_typed() {
    assert_eq!(
        in_form(
            r#"<date-picker name="d" highlighted-date='[{"day":"2024-01-02"},{"from":"2024-02-01","to":"2024-02-05"},{"daysOfWeek":[0,6]}]'/>"#
        )
        .unwrap(),
        r#"<input type="date" name="d" data-highlighted-date='[{"type":"date","day":"2024-01-02"},{"type":"range","from":"2024-02-01","to":"2024-02-05"},{"type":"weekdays","daysOfWeek":[0,6]}]'></input>"#
    );
    assert_eq!(
        in_form(r#"<date-picker name="d" highlighted-date='[{"day":"2024-02-30"}]'/>"#).unwrap_err(),
        r#"The attribute "highlighted-date" has an invalid JSON value"#
    );
}
