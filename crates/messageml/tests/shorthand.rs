//! mention, hash, cash, emoji, dateTime, financial tag and chime.
mod common;
use common::*;
use serde_json::json;

#[test]
fn a_mention_by_uid_becomes_an_entity_span_with_the_display_name() {
    let out = run(r#"<messageML>Hi <mention uid="123"/></messageML>"#, None).unwrap();
    assert_eq!(
        out.presentation_ml,
        format!(r#"{ROOT}Hi <span class="entity" data-entity-id="mention1">@Jane Doe</span></div>"#)
    );
    assert_eq!(
        out.entity_json,
        json!({"mention1": {"type": "com.symphony.user.mention", "version": "1.0",
            "id": [{"type": "com.symphony.user.userId", "value": "123"}]}})
    );
    assert_eq!(out.mentions, vec![123]);
    assert_eq!(out.text, "Hi @Jane Doe");
}

#[test]
fn a_mention_by_email_resolves_to_the_user() {
    let out = run(r#"<messageML><mention email="jane@example.com"/></messageML>"#, None).unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span class="entity" data-entity-id="mention1">@Jane Doe</span>"#
    );
    assert_eq!(out.mentions, vec![123]);
}

#[test]
fn a_display_name_with_markup_characters_is_escaped() {
    assert_eq!(
        pml(r#"<mention uid="456"/>"#),
        r#"<span class="entity" data-entity-id="mention1">@Bob &lt;Admin&gt;</span>"#
    );
}

#[test]
fn a_mention_of_an_unknown_user_is_rejected() {
    assert_eq!(err(r#"<mention uid="999"/>"#), r#"Failed to lookup user "999""#);
    assert_eq!(
        err(r#"<mention email="nobody@example.com"/>"#),
        r#"Failed to lookup user "nobody@example.com""#
    );
}

#[test]
fn a_non_strict_mention_of_an_unknown_uid_keeps_the_uid_and_the_entity() {
    let out = run(r#"<messageML><mention uid="999" strict="false"/></messageML>"#, None).unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span class="entity" data-entity-id="mention1">999</span>"#
    );
    assert!(out.entity_json.to_value().get("mention1").is_some());
}

/// The reference would make a `mailto:` link, which the pod's http/https allow-list rejects
/// on the next conversion; the email is printed as plain text instead.
#[test]
fn a_non_strict_mention_of_an_unknown_email_becomes_plain_text() {
    let out = run(r#"<messageML><mention email="x@y.z" strict="false"/></messageML>"#, None).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), "x@y.z");
    assert_eq!(out.entity_json, json!({}));
}

/// Converts `message`, then its PresentationML with its EntityJSON, and checks both agree.
fn assert_round_trip(message: &str) {
    let first = run(message, None).unwrap();
    let data = first.entity_json.to_string();
    let second = run(&first.presentation_ml, Some(&data)).unwrap_or_else(|e| panic!("{message}: {e}"));
    assert_eq!(second.presentation_ml, first.presentation_ml);
}

#[test]
fn non_strict_mentions_of_unknown_users_convert_again_unchanged() {
    assert_round_trip(r#"<messageML><mention uid="999" strict="false"/></messageML>"#);
    assert_round_trip(r#"<messageML><mention email="nobody@x.com" strict="false"/></messageML>"#);
    assert_round_trip(r#"<messageML><mention email="a@b.c" strict="false">Al</mention> hi</messageML>"#);
}

#[test]
fn a_mention_uid_must_be_a_number() {
    assert_eq!(err(r#"<mention uid="abc"/>"#), r#"Invalid input: uid must be a int64 value not "abc""#);
}

#[test]
fn a_mention_accepts_no_class() {
    assert_eq!(err(r#"<mention uid="123" class="x"/>"#), r#"Attribute "class" is not allowed in "mention""#);
}

#[test]
fn a_hashtag_becomes_a_keyword_entity() {
    let out = run(r#"<messageML><hash tag="symphony"/></messageML>"#, None).unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span class="entity" data-entity-id="keyword1">#symphony</span>"#
    );
    assert_eq!(
        out.entity_json,
        json!({"keyword1": {"type": "org.symphonyoss.taxonomy", "version": "1.0",
            "id": [{"type": "org.symphonyoss.taxonomy.hashtag", "value": "symphony"}]}})
    );
    assert_eq!(out.hashtags, vec!["symphony"]);
}

#[test]
fn a_hashtag_of_punctuation_only_is_rejected() {
    assert_eq!(
        err(r#"<hash tag="--"/>"#),
        r#"Values of the attribute 'tag' for the element 'hash' must match the pattern [\S]*[^\s!@#$%^&*()+=<>,./?`~:;'"\\|-]+[\S]*$"#
    );
}

#[test]
fn a_hashtag_with_a_space_is_rejected() {
    assert!(err(r#"<hash tag="a b"/>"#).starts_with("Values of the attribute 'tag' for the element 'hash'"));
}

#[test]
fn a_hashtag_without_tag_is_rejected() {
    assert_eq!(err("<hash/>"), r#"The attribute "tag" is required"#);
}

#[test]
fn a_cashtag_becomes_a_ticker_entity_and_may_contain_spaces() {
    let out = run(r#"<messageML><cash tag="IBM US"/></messageML>"#, None).unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span class="entity" data-entity-id="keyword1">$IBM US</span>"#
    );
    assert_eq!(
        out.entity_json.to_value()["keyword1"],
        json!({"type": "org.symphonyoss.fin.security", "version": "1.0",
            "id": [{"type": "org.symphonyoss.fin.security.id.ticker", "value": "IBM US"}]})
    );
    assert_eq!(out.cashtags, vec!["IBM US"]);
}

#[test]
fn one_counter_numbers_all_entities_in_document_order() {
    let out = run(r#"<messageML><mention uid="123"/> <hash tag="a"/> <cash tag="B"/> <emoji shortcode="smile"/></messageML>"#, None).unwrap();
    let json = out.entity_json.to_value();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["mention1", "keyword2", "keyword3", "emoji4"]);
}

#[test]
fn an_emoji_shows_its_glyph_and_generates_an_emoji_entity() {
    let out = run(r#"<messageML><emoji shortcode="smiley"/></messageML>"#, None).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), r#"<span class="entity" data-entity-id="emoji1">😃</span>"#);
    assert_eq!(
        out.entity_json.to_value()["emoji1"],
        json!({"type": "com.symphony.emoji", "version": "1.0",
            "data": {"shortcode": "smiley", "annotation": "smiley", "size": "normal", "unicode": "😃"}})
    );
    assert_eq!(out.markdown, ":smiley:");
}

#[test]
fn an_unknown_emoji_shows_its_shortcode() {
    assert_eq!(
        pml(r#"<emoji shortcode="party_parrot"/>"#),
        r#"<span class="entity" data-entity-id="emoji1">:party_parrot:</span>"#
    );
}

#[test]
fn an_emoji_with_content_shows_the_content() {
    assert_eq!(
        pml(r#"<emoji shortcode="x"><b>y</b></emoji>"#),
        r#"<span class="entity" data-entity-id="emoji1"><b>y</b></span>"#
    );
}

#[test]
fn an_emoji_needs_a_shortcode() {
    assert_eq!(err("<emoji/>"), r#"Either the attribute "shortcode" or "annotation" are required"#);
}

#[test]
fn an_emoji_shortcode_with_punctuation_is_rejected() {
    assert_eq!(
        err(r#"<emoji shortcode="a:b"/>"#),
        "Shortcode or Annotation parameter may only contain alphanumeric characters, underscore, plus sign and dash"
    );
}

#[test]
fn a_date_time_becomes_a_time_element_and_a_datetime_entity() {
    let out = run(r#"<messageML><dateTime value="2024-12-31T09:29:47Z" format="date"/></messageML>"#, None)
        .unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span><time data-entity-id="datetime1" datetime="2024-12-31T09:29:47Z" data-format="date">2024-12-31T09:29:47Z</time></span>"#
    );
    assert_eq!(
        out.entity_json.to_value()["datetime1"],
        json!({"type": "org.symphonyoss", "version": "1.0",
            "data": {"value": "2024-12-31T09:29:47Z", "type": "org.symphonyoss.datetime", "format": "date"}})
    );
}

#[test]
fn a_date_time_without_format_has_a_null_format() {
    let out = run(r#"<messageML><dateTime value="2024-12-31T09:29:47+01:00"/></messageML>"#, None).unwrap();
    assert_eq!(out.entity_json.to_value()["datetime1"]["data"]["format"], json!(null));
}

#[test]
fn a_date_time_with_a_bad_value_is_rejected() {
    assert_eq!(err(r#"<dateTime value="yesterday"/>"#), r#"Attribute "value" has invalid date format"#);
    assert_eq!(err("<dateTime/>"), r#"The attribute "value" is required"#);
}

#[test]
fn a_date_time_with_an_unknown_format_is_rejected() {
    assert_eq!(
        err(r#"<dateTime value="2024-12-31T09:29:47Z" format="long"/>"#),
        r#"Attribute "format" of element "dateTime" can only be one of the following values: [date_time, date, time, time_secs]."#
    );
}

#[test]
fn a_financial_tag_without_an_instrument_uses_its_fallback_ticker() {
    let out =
        run(r#"<messageML><tag fallback-ticker="AAPL" isin="US0378331005"/></messageML>"#, None).unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span class="entity" data-entity-id="tag1">$AAPL</span>"#
    );
    assert_eq!(out.entity_json.to_value()["tag1"]["id"][0]["value"], json!("AAPL"));
}

#[test]
fn a_financial_tag_without_fallback_ticker_is_rejected() {
    assert_eq!(
        err(r#"<tag isin="US0378331005"/>"#),
        r#"No instrument found , "fallback-ticker" attribute is required"#
    );
}

#[test]
fn a_chime_becomes_the_chime_audio() {
    assert_eq!(
        pml("<chime/>"),
        r#"<audio src="https://asset.symphony.com/symphony/audio/chime.mp3" autoplay="true"/>"#
    );
}

#[test]
fn a_chime_accepts_only_the_asset_source_and_always_autoplays() {
    let audio = r#"<audio src="https://asset.symphony.com/symphony/audio/chime.mp3" autoplay="true"/>"#;
    assert_eq!(
        pml(r#"<chime src="https://asset.symphony.com/symphony/audio/chime.mp3" autoplay="true"/>"#),
        audio
    );
    assert_eq!(pml(r#"<chime src="HTTPS://ASSET.SYMPHONY.COM/symphony/audio/chime.mp3"/>"#), audio);
    assert_eq!(pml(r#"<chime autoplay="false"/>"#), audio);
    assert_eq!(
        err(r#"<chime src="https://x.org/a.mp3"/>"#),
        r#"Attribute "src" value needs to be "https://asset.symphony.com/symphony/audio/chime.mp3""#
    );
    assert_eq!(
        err(r#"<chime autoplay="yes"/>"#),
        r#"Attribute "autoplay" of element "chime" can only be one of the following values: [true, false]."#
    );
}

#[test]
fn an_emoji_size_and_family_go_into_its_entity_not_its_presentationml() {
    let out =
        run(r#"<messageML><emoji shortcode="smiley" size="big" family="Noto"/></messageML>"#, None).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), r#"<span class="entity" data-entity-id="emoji1">😃</span>"#);
    assert_eq!(
        out.entity_json.to_string(),
        r#"{"emoji1":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"smiley","annotation":"smiley","size":"big","unicode":"😃","family":"Noto"}}}"#
    );
    let again = run(&out.presentation_ml, Some(&out.entity_json.to_string())).unwrap();
    assert_eq!(again.presentation_ml, out.presentation_ml);
    assert_eq!(again.entity_json, out.entity_json);
}

#[test]
fn an_emoji_without_size_is_normal_and_has_no_family() {
    let out = run(r#"<messageML><emoji shortcode="smiley"/></messageML>"#, None).unwrap();
    assert_eq!(
        out.entity_json.to_string(),
        r#"{"emoji1":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"smiley","annotation":"smiley","size":"normal","unicode":"😃"}}}"#
    );
}

#[test]
fn a_chime_with_other_content_is_rejected() {
    assert_eq!(err("<chime/>hello"), "Chime messages may not have any other content");
}

#[test]
fn a_nested_chime_is_rejected() {
    assert_eq!(err("<p><chime/></p>"), r#"Element "chime" has to be the only element in the message."#);
}

#[test]
fn the_callers_entity_wins_over_a_generated_one_with_the_same_key() {
    let out =
        run(r#"<messageML><hash tag="a"/></messageML>"#, Some(r#"{"keyword1":{"mine":true}}"#)).unwrap();
    assert_eq!(out.entity_json, json!({"keyword1": {"mine": true}}));
}

#[test]
fn entities_inside_an_entity_element_are_filed_under_it() {
    let data = r#"{"obj":{"type":"com.acme.thing","version":"1.0"}}"#;
    let out = run(
        r#"<messageML><div class="entity" data-entity-id="obj"><hash tag="x"/></div></messageML>"#,
        Some(data),
    )
    .unwrap();
    assert_eq!(out.entity_json.to_value()["obj"]["keyword1"]["id"][0]["value"], json!("x"));
    assert!(out.entity_json.to_value().get("keyword1").is_none());
}
