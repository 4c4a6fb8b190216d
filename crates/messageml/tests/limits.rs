//! Pod limits: entities, unique tokens and characters.
mod common;
use common::*;
use sympod_messageml::{ErrorKind, Limit};

#[test]
fn forty_entities_are_accepted() {
    let body = r#"<hash tag="a"/>"#.repeat(40);
    assert!(run(&format!("<messageML>{body}</messageML>"), None).is_ok());
}

#[test]
fn forty_one_entities_are_a_limit_error() {
    let body = r#"<hash tag="a"/>"#.repeat(41);
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Entities));
    assert_eq!(e.to_string(), "Message has 41 entities, the maximum is 40");
}

#[test]
fn more_than_2500_unique_tokens_are_a_limit_error() {
    let body: String = (0..2501).map(|i| format!("w{i} ")).collect();
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Tokens));
}

#[test]
fn repeated_tokens_count_once() {
    let body = "same ".repeat(10_000);
    assert!(run(&format!("<messageML>{body}</messageML>"), None).is_ok());
}

#[test]
fn more_than_81130_characters_are_a_limit_error() {
    let body = "ab ".repeat(27_100);
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Characters));
    assert_eq!(e.to_string(), "Message has 81300 characters, the maximum is 81130");
}

#[test]
fn a_validation_error_is_not_a_limit_error() {
    let e = run("<messageML><bogus/></messageML>", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(!e.is_limit());
}

/// Counts lookups, to show the conversion stops at the 41st entity.
struct CountingUsers(std::cell::Cell<usize>);

impl sympod_messageml::UserResolver for CountingUsers {
    fn by_uid(&self, uid: i64) -> Option<sympod_messageml::ResolvedUser> {
        self.0.set(self.0.get() + 1);
        Some(sympod_messageml::ResolvedUser { id: uid, display_name: format!("U{uid}"), email: None })
    }
    fn by_email(&self, _: &str) -> Option<sympod_messageml::ResolvedUser> {
        None
    }
}

#[test]
fn the_entity_limit_stops_the_conversion_before_more_user_lookups() {
    let body: String = (0..1000).map(|i| format!(r#"<mention uid="{i}"/>"#)).collect();
    let users = CountingUsers(std::cell::Cell::new(0));
    let message = format!("<messageML>{body}</messageML>");
    let input = sympod_messageml::Input { message: &message, data: None, version: None };
    let e = sympod_messageml::convert(&input, &users).unwrap_err();
    assert_eq!(e.to_string(), "Message has 41 entities, the maximum is 40");
    assert_eq!(users.0.get(), 41);
}

#[test]
fn many_distinct_hashtags_are_stopped_at_the_entity_limit_quickly() {
    let body: String = (0..20_000).map(|i| format!(r#"<hash tag="t{i}"/>"#)).collect();
    let start = std::time::Instant::now();
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Entities));
    assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
}

#[test]
fn exactly_2500_unique_tokens_are_accepted() {
    let body: String = (0..2500).map(|i| format!("w{i} ")).collect();
    let out = run(&format!("<messageML>{body}</messageML>"), None).unwrap();
    assert_eq!(out.markdown.split_whitespace().count(), 2500);
}

#[test]
fn the_2501st_unique_token_is_a_tokens_limit_error_naming_the_limit() {
    let body: String = (0..2500).map(|i| format!("w{i} ")).collect();
    let e = run(&format!("<messageML>{body}<b>one-more</b></messageML>"), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Tokens));
    assert_eq!(e.to_string(), "Message has more than 2500 unique tokens, the maximum is 2500");
}

#[test]
fn exactly_81130_characters_are_accepted() {
    let body = "é".repeat(81_130);
    let out = run(&format!("<messageML>{body}</messageML>"), None).unwrap();
    assert_eq!(out.markdown.chars().count(), 81_130);
}

#[test]
fn the_81131st_character_is_a_characters_limit_error_naming_the_limit() {
    let body = "é".repeat(81_131);
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Characters));
    assert_eq!(e.to_string(), "Message has 81131 characters, the maximum is 81130");
}

#[test]
fn characters_are_counted_on_the_markdown_form() {
    // 81,120 characters of text plus `**` and `**` around a bold word: 81,128 in markdown.
    let body = format!("{}<b>word</b>", "a".repeat(81_120));
    assert!(run(&format!("<messageML>{body}</messageML>"), None).is_ok());
    let body = format!("{}<b>word</b>", "a".repeat(81_123));
    assert_eq!(
        run(&format!("<messageML>{body}</messageML>"), None).unwrap_err().to_string(),
        "Message has 81131 characters, the maximum is 81130"
    );
}

#[test]
fn forty_entities_of_every_kind_are_accepted_with_their_entity_json() {
    let one = r#"<mention uid="123"/><hash tag="h"/><cash tag="C"/><emoji shortcode="smile"/><dateTime value="2024-12-31T09:29:47Z"/>"#;
    let out = run(&format!("<messageML>{}</messageML>", one.repeat(8)), None).unwrap();
    let json = out.entity_json.to_value();
    assert_eq!(json.as_object().unwrap().len(), 40);
    assert_eq!(
        json["mention36"],
        serde_json::json!({"type": "com.symphony.user.mention", "version": "1.0",
            "id": [{"type": "com.symphony.user.userId", "value": "123"}]})
    );
    assert_eq!(
        json["datetime40"],
        serde_json::json!({"type": "org.symphonyoss", "version": "1.0",
            "data": {"value": "2024-12-31T09:29:47Z", "type": "org.symphonyoss.datetime", "format": null}})
    );
    assert_eq!(out.mentions, vec![123]);
    assert_eq!(out.hashtags, vec!["h"]);
    assert_eq!(out.cashtags, vec!["C"]);
}

#[test]
fn a_forty_first_entity_of_any_kind_is_an_entities_limit_error() {
    let forty = r#"<hash tag="a"/>"#.repeat(40);
    for extra in [
        r#"<mention uid="123"/>"#,
        r#"<cash tag="X"/>"#,
        r#"<emoji shortcode="smile"/>"#,
        r#"<dateTime value="2024-12-31T09:29:47Z"/>"#,
        r#"<tag fallback-ticker="AAPL"/>"#,
    ] {
        let e = run(&format!("<messageML>{forty}{extra}</messageML>"), None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit(Limit::Entities), "{extra}");
        assert_eq!(e.to_string(), "Message has 41 entities, the maximum is 40", "{extra}");
    }
}

#[test]
fn presentationml_entity_elements_count_toward_the_entity_limit() {
    let data = r#"{"e":{"type":"com.example","id":[{"value":"x"}]}}"#;
    let span = r#"<span class="entity" data-entity-id="e">x</span>"#;
    let message = |n: usize| format!(r#"{ROOT}{}</div>"#, span.repeat(n));
    assert!(run(&message(40), Some(data)).is_ok());
    let e = run(&message(41), Some(data)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(Limit::Entities));
}
