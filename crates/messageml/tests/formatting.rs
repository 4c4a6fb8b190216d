//! Text formatting, generic containers, code and escaping.
mod common;
use common::*;

#[test]
fn plain_text_is_wrapped_in_the_presentationml_root() {
    let out = run("<messageML>Hello world</messageML>", None).unwrap();
    assert_eq!(out.presentation_ml, format!("{ROOT}Hello world</div>"));
    assert_eq!(out.text, "Hello world");
    assert_eq!(out.markdown, "Hello world");
    assert_eq!(out.original_format, "com.symphony.messageml.v2");
    assert_eq!(out.entity_json, serde_json::json!({}));
}

#[test]
fn the_version_argument_becomes_the_data_version() {
    let input =
        sympod_messageml::Input { message: "<messageML>x</messageML>", data: None, version: Some("2.3") };
    let out = sympod_messageml::convert(&input, &Users).unwrap();
    assert_eq!(out.presentation_ml, r#"<div data-format="PresentationML" data-version="2.3">x</div>"#);
}

#[test]
fn bold_italic_sub_and_sup_keep_their_tags_and_render_markdown_marks() {
    let out = run("<messageML><b>b</b><i>i</i><sub>s</sub><sup>p</sup></messageML>", None).unwrap();
    assert_eq!(out.presentation_ml, format!("{ROOT}<b>b</b><i>i</i><sub>s</sub><sup>p</sup></div>"));
    assert_eq!(out.markdown, "**b**_i_~s~^p^");
}

#[test]
fn class_and_style_are_kept_on_containers() {
    assert_eq!(
        pml(r#"<p class="tempo-text-color--red" style="color:red">x</p>"#),
        r#"<p class="tempo-text-color--red" style="color:red">x</p>"#
    );
}

#[test]
fn an_unknown_style_property_is_rejected() {
    assert_eq!(
        err(r#"<p style="position:fixed">x</p>"#),
        r#"Invalid property(s): [position] in the "style" attribute"#
    );
}

#[test]
fn an_unknown_attribute_is_rejected() {
    assert_eq!(err(r#"<b onclick="x()">x</b>"#), r#"Attribute "onclick" is not allowed in "b""#);
}

#[test]
fn attributes_are_checked_in_alphabetical_order() {
    assert_eq!(err(r#"<p zeta="1" alpha="2">x</p>"#), r#"Attribute "alpha" is not allowed in "p""#);
}

#[test]
fn bold_accepts_only_phrasing_content() {
    assert_eq!(err("<b><p>x</p></b>"), r#"Element "p" is not allowed in "b""#);
    assert_eq!(err("<b><code>x</code></b>"), r#"Element "code" is not allowed in "b""#);
}

#[test]
fn headings_one_to_six_are_accepted_and_seven_is_unknown() {
    assert_eq!(pml("<h1>a</h1><h6>b</h6>"), "<h1>a</h1><h6>b</h6>");
    assert_eq!(err("<h7>x</h7>"), r#"Invalid MessageML content at element "h7""#);
}

#[test]
fn headings_accept_only_phrasing_content() {
    assert_eq!(err("<h2><ul><li>x</li></ul></h2>"), r#"Element "ul" is not allowed in "h2""#);
}

#[test]
fn an_unknown_element_is_rejected() {
    assert_eq!(err("<u>x</u>"), r#"Invalid MessageML content at element "u""#);
    assert_eq!(err("<strong>x</strong>"), r#"Invalid MessageML content at element "strong""#);
}

#[test]
fn line_breaks_and_rules_are_empty_elements() {
    assert_eq!(pml("a<br/>b<hr/>"), "a<br/>b<hr/>");
}

#[test]
fn a_line_break_with_content_is_rejected() {
    assert_eq!(err("<br>x</br>"), r#"Element "br" may not have child elements or text content"#);
}

#[test]
fn a_line_break_with_attributes_is_rejected() {
    assert_eq!(err(r#"<br class="x"/>"#), r#"Attribute "class" is not allowed in "br""#);
}

#[test]
fn runs_of_newlines_become_one_space_outside_pre() {
    // A raw carriage return is an XML line end, so it folds like a newline.
    assert_eq!(pml("a\n\nb\tc\r"), "a b\tc ");
}

#[test]
fn newlines_are_kept_inside_pre_and_code() {
    assert_eq!(pml("<pre>a\n\nb</pre>"), "<pre>a\n\nb</pre>");
    assert_eq!(pml("<code>a\nb</code>"), "<code>a\nb</code>");
}

#[test]
fn code_takes_a_language_and_drops_class_and_style() {
    assert_eq!(
        pml(r#"<code language="Python" class="x" style="color:red">print(1)</code>"#),
        r#"<code data-language="python">print(1)</code>"#
    );
}

#[test]
fn code_with_an_unknown_language_is_rejected() {
    assert!(err(r#"<code language="cobol">x</code>"#).starts_with(
        r#"Attribute "language" of element "code" can only be one of the following values: [plaintext, c, cpp"#
    ));
}

#[test]
fn code_may_contain_pre_but_not_a_paragraph() {
    assert_eq!(pml("<code><pre>x</pre></code>"), "<code><pre>x</pre></code>");
    assert_eq!(err("<code><p>x</p></code>"), r#"Element "p" is not allowed in "code""#);
}

#[test]
fn markup_characters_in_text_are_escaped_and_apostrophes_are_not() {
    assert_eq!(pml("a &lt;b&gt; &amp; \"q\" 'x'"), "a &lt;b&gt; &amp; &quot;q&quot; 'x'");
}

#[test]
fn non_ascii_text_is_written_raw() {
    assert_eq!(pml("héllo — 日本 &#x1F600;"), "héllo — 日本 😀");
}

#[test]
fn a_span_with_an_entity_id_but_no_entity_class_is_rejected() {
    let out =
        run(r#"<messageML><span data-entity-id="x">a</span></messageML>"#, Some(r#"{"x":{"type":"t"}}"#));
    assert_eq!(
        out.unwrap_err().to_string(),
        r#"The attribute "data-entity-id" is only allowed if the element class is "entity"."#
    );
}

#[test]
fn a_div_with_card_attributes_needs_the_card_class() {
    assert_eq!(
        err(r#"<div data-icon-src="x.png">a</div>"#),
        r#"The attribute "data-icon-src" is only allowed if the element class is "card"."#
    );
    assert_eq!(
        err(r#"<div class="x" data-state="collapsed">a</div>"#),
        r#"The attribute "data-state" is only allowed if the element class is "expandable-card"."#
    );
}

#[test]
fn text_output_keeps_blocks_and_line_breaks_apart_and_inline_markup_together() {
    let out = run("<messageML><p>one</p><p>two<br/>three</p></messageML>", None).unwrap();
    assert_eq!(out.text, "one\ntwo\nthree");
    let out = run("<messageML>x<br/>bomb <b>bo</b><i>mb</i><hr/>end</messageML>", None).unwrap();
    assert_eq!(out.text, "x\nbomb bomb\nend");
    let table =
        "<messageML><ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table></messageML>";
    assert_eq!(run(table, None).unwrap().text, "a\nb\nc\nd");
}

#[test]
fn a_carriage_return_in_text_is_written_as_a_reference_and_survives_reconversion() {
    let out = run("<messageML>a&#13;b\r\nc</messageML>", None).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), "a&#13;b c");
    let again = run(&out.presentation_ml, None).unwrap();
    assert_eq!(again.presentation_ml, out.presentation_ml);
}
