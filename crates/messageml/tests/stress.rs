//! The worst inputs found by review, each on a 2 MiB stack (a tokio worker's) and within a
//! generous time bound: they must fail or succeed quickly, never crash or stall.
mod common;
use common::*;
use std::time::{Duration, Instant};

/// Generous for a debug build on a loaded machine; release builds take milliseconds.
const BOUND: Duration = Duration::from_secs(10);

/// Converts `message` on a 2 MiB-stack thread; Ok(PresentationML) or Err(error text), and
/// fails the test if it took longer than [`BOUND`].
fn timed(message: String, data: Option<String>) -> Result<String, String> {
    let head: String = message.chars().take(80).collect();
    let (result, took) = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let start = Instant::now();
            let r = run(&message, data.as_deref()).map(|o| o.presentation_ml).map_err(|e| e.to_string());
            (r, start.elapsed())
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(took < BOUND, "{head}: took {took:?}");
    result
}

fn ml(body: &str) -> String {
    format!("<messageML>{body}</messageML>")
}

#[test]
fn deep_template_expressions_fail_quickly() {
    for body in [
        format!("${{data{}}}", ".x".repeat(100_000)),
        format!("${{a{}}}", "!a".repeat(100_000)),
        format!("${{1{}}}", "+1".repeat(100_000)),
        format!("${{'a'{}}}", "?trim".repeat(100_000)),
        format!("${{{}1{}}}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("${{{}1}}", "-".repeat(100_000)),
        format!("${{{}1{}}}", "[".repeat(100_000), "]".repeat(100_000)),
    ] {
        assert!(timed(ml(&body), None).is_err());
    }
}

#[test]
fn costly_template_loops_fail_quickly() {
    for body in [
        "<#list 1..100000 as i>${(1..100000)?size}</#list>",
        "<#list 1..100000 as i><#list 1..100000 as j></#list></#list>",
        "<#list 1..100000 as i>${(1..100000)?join(',')?length}</#list>",
        "<#assign s = 'x'><#list 1..19 as i><#assign s = s + s></#list><#list 1..100000 as i>${s?replace('x','yy')?length}</#list>",
    ] {
        assert!(timed(ml(body), None).is_err());
    }
}

#[test]
fn many_entity_references_into_large_data_are_checked_quickly() {
    let entries: Vec<String> = (0..20_000).map(|i| format!(r#""e{i}":{{"type":"t","v":[{i}]}}"#)).collect();
    let data = format!("{{{}}}", entries.join(","));
    let spans: String = (0..20_000).map(|i| format!(r#"<span data-entity-id="e{i}"/>"#)).collect();
    let e = timed(ml(&spans), Some(data)).unwrap_err();
    assert!(e.contains("is only allowed if the element class is"), "{e}");
}

#[test]
fn ninety_thousand_attributes_are_checked_quickly() {
    let attrs: String = (0..90_000).map(|i| format!(r#" a{i}="""#)).collect();
    let e = timed(format!("<messageML><p{attrs}>x</p></messageML>"), None).unwrap_err();
    assert!(e.starts_with("Attribute \"a0\" is not allowed in \"p\""), "{e}");
    let e = timed(format!("<messageML><p{attrs} a89999=\"\">x</p></messageML>"), None).unwrap_err();
    assert!(e.contains("duplicated attribute"), "{e}");
}

#[test]
fn nested_generated_groups_do_not_copy_their_subtrees() {
    let open = r#"<div class="a-group" data-generated="true">"#.repeat(120);
    let close = "</div>".repeat(120);
    let filler = "<b/>".repeat(200_000);
    let message = format!(r#"{ROOT}{open}<p>{filler}</p>{close}</div>"#);
    assert!(timed(message, None).is_err());
}

#[test]
fn nested_checkbox_groups_do_not_copy_their_labels() {
    let open = r#"<form id="f"><div class="checkbox-group"><input type="checkbox" name="c"/><label>"#;
    let inner = r#"<b><span><div class="checkbox-group"><input type="checkbox" name="c"/><label>"#.repeat(30);
    let close = "</label></div></span></b>".repeat(30);
    let filler = "<i/>".repeat(200_000);
    let message = format!(
        r#"{ROOT}{open}{inner}{filler}{close}</label></div><button name="b">B</button></form></div>"#
    );
    assert!(timed(message, None).is_err());
}

#[test]
fn an_assign_with_a_megabyte_of_whitespace_parses_quickly() {
    let body = format!("<#assign a = 1{}+ 1>${{a}}", " ".repeat(1_000_000));
    assert!(timed(ml(&body), None).unwrap().contains('2'));
}

#[test]
fn thousands_of_mentions_stop_at_the_entity_limit() {
    let body: String = (0..30_000).map(|_| r#"<mention uid="123"/>"#).collect();
    assert!(timed(ml(&body), None).unwrap_err().starts_with("Message has 41 entities"));
}

#[test]
fn thousands_of_dialogs_and_their_ui_actions_are_matched_quickly() {
    let n = 5_000;
    let dialogs: String =
        (0..n).map(|i| format!(r#"<dialog id="d{i}"><title>t</title><body>b</body></dialog>"#)).collect();
    let actions: String = (0..n)
        .map(|i| {
            format!(r#"<ui-action action="open-dialog" target-id="d{i}"><button>x</button></ui-action>"#)
        })
        .collect();
    let pml = timed(ml(&format!("{dialogs}{actions}")), None).unwrap();
    assert_eq!(pml.matches("data-target-id=").count(), n);
}

#[test]
fn entities_filed_under_an_entity_deep_in_large_data_are_merged_quickly() {
    let filler: String = (0..45_000).map(|i| format!(r#""k{i}":{{"v":{i}}},"#)).collect();
    let data = format!(r#"{{{filler}"target":{{"type":"com.acme.box"}}}}"#);
    assert!(data.len() < 1_048_576);
    let body = format!(
        r#"{ROOT}<div class="entity" data-entity-id="target">{}</div></div>"#,
        r#"<emoji shortcode="smile"/>"#.repeat(39)
    );
    let out = timed(body, Some(data)).unwrap();
    assert_eq!(out.matches("data-entity-id=\"emoji").count(), 39);
}
