//! Property tests: random element trees convert, re-convert to the same PresentationML,
//! never panic, and never let user text become markup.
mod common;
use common::*;
use proptest::prelude::*;
use quick_xml::events::Event;

/// Text with markup characters, entities-to-be, newlines and carriage returns.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z <>&\"'\n\t\r#$@é😀]{0,12}").unwrap()
}

/// Escapes text for the message; a carriage return as a reference, or the parser would
/// normalise it to a newline before the converter sees it.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\r', "&#13;")
}

/// Phrasing content: text and inline elements.
fn phrasing() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        text().prop_map(|t| escape(&t)),
        Just(r#"<mention uid="123"/>"#.to_owned()),
        Just(r#"<mention uid="456"/>"#.to_owned()),
        Just(r#"<mention uid="999" strict="false"/>"#.to_owned()),
        Just(r#"<mention email="nobody@x.org" strict="false"/>"#.to_owned()),
        "[a-z][a-z0-9_]{0,6}".prop_map(|t| format!(r#"<hash tag="{t}"/>"#)),
        text().prop_map(|t| format!(r#"<cash tag="{}"/>"#, escape(&t))),
        prop_oneof![Just("smile"), Just("rocket"), Just("unknown_code")]
            .prop_map(|c| format!(r#"<emoji shortcode="{c}"/>"#)),
        Just("<br/>".to_owned()),
        text().prop_map(|t| format!(
            r#"<a href="https://x.org/?q={}">{}</a>"#,
            escape(&t.replace(['\n', '\t', '\r', ' ', '"', '<', '>', '#'], "")),
            escape(&t)
        )),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        (
            prop_oneof![Just("b"), Just("i"), Just("span"), Just("sub"), Just("sup")],
            proptest::collection::vec(inner, 0..4),
        )
            .prop_map(|(tag, kids)| format!("<{tag}>{}</{tag}>", kids.concat()))
    })
    .boxed()
}

/// Block content: paragraphs, headings, lists, tables, code.
fn block() -> impl Strategy<Value = String> {
    let p = proptest::collection::vec(phrasing(), 0..4).boxed();
    prop_oneof![
        p.clone().prop_map(|k| format!("<p>{}</p>", k.concat())),
        p.clone().prop_map(|k| format!(r#"<h3 class="c">{}</h3>"#, k.concat())),
        proptest::collection::vec(p.clone(), 1..3).prop_map(|items| format!(
            "<ul>{}</ul>",
            items.iter().map(|i| format!("<li>{}</li>", i.concat())).collect::<String>()
        )),
        proptest::collection::vec(p.clone(), 1..3).prop_map(|cells| format!(
            "<table><tr>{}</tr></table>",
            cells.iter().map(|c| format!("<td>{}</td>", c.concat())).collect::<String>()
        )),
        text().prop_map(|t| format!("<pre>{}</pre>", escape(&t))),
        text().prop_map(|t| format!(r#"<code language="js">{}</code>"#, escape(&t))),
        p.clone().prop_map(|k| format!(r#"<div style="color:red">{}</div>"#, k.concat())),
        // Read back as a card, so its attribute order must match the card's.
        p.clone().prop_map(|k| format!(
            r#"<div style="color:red" data-icon-src="https://x.org/i.png" class="card c2" data-accent-color="red">{}</div>"#,
            k.concat()
        )),
        p.prop_map(|k| format!(r#"<div data-state="cropped" class="expandable-card" style="color:red">{}</div>"#, k.concat())),
    ]
}

fn message() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![block(), phrasing()], 0..6)
        .prop_map(|parts| format!("<messageML>{}</messageML>", parts.concat()))
}

const ALLOWED_TAGS: &[&str] = &[
    "div", "p", "b", "i", "sub", "sup", "span", "h3", "br", "ul", "li", "table", "tr", "td", "pre", "code",
    "a",
];

/// Parses `pml` as XML and returns its element names and its text content.
fn inspect(pml: &str) -> (Vec<String>, String) {
    let mut reader = quick_xml::Reader::from_str(pml);
    let (mut names, mut text) = (Vec::new(), String::new());
    loop {
        match reader.read_event().expect("output must be well-formed XML") {
            Event::Start(e) | Event::Empty(e) => names.push(e.name().as_ref().to_owned()),
            Event::Text(t) => text.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) => text.push_str(match &*r {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                "apos" => "'",
                "#13" => "\r",
                other => panic!("unexpected reference {other}"),
            }),
            Event::Eof => break,
            _ => {}
        }
    }
    (names, text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn converting_produced_presentationml_again_yields_the_same_presentationml(msg in message()) {
        let first = run(&msg, None).map_err(|e| TestCaseError::fail(format!("{msg}: {e}")))?;
        let again = run(&first.presentation_ml, Some(&first.entity_json.to_string()))
            .map_err(|e| TestCaseError::fail(format!("{}: {e}", first.presentation_ml)))?;
        prop_assert_eq!(&again.presentation_ml, &first.presentation_ml);
        prop_assert_eq!(&again.text, &first.text);
    }

    #[test]
    fn output_is_well_formed_and_uses_only_whitelisted_tags(msg in message()) {
        let out = run(&msg, None).map_err(|e| TestCaseError::fail(format!("{msg}: {e}")))?;
        let (names, text) = inspect(&out.presentation_ml);
        for name in names {
            prop_assert!(ALLOWED_TAGS.contains(&name.as_str()), "unexpected tag {} in {}", name, out.presentation_ml);
        }
        // The text rendering is the text content with line breaks between blocks.
        prop_assert_eq!(text.replace('\n', ""), out.text.replace('\n', ""));
    }

    #[test]
    fn user_text_never_becomes_markup(t in "[<>&\"'a-z /=]{0,40}") {
        let msg = format!("<messageML><p>{}</p></messageML>", escape(&t));
        let out = run(&msg, None).unwrap();
        let (names, text) = inspect(&out.presentation_ml);
        prop_assert_eq!(names, vec!["div".to_owned(), "p".to_owned()]);
        prop_assert_eq!(text, t);
    }

    #[test]
    fn template_data_never_becomes_markup(v in "[<>&\"'a-z /=\\n]{0,40}") {
        let data = serde_json::json!({"v": v}).to_string();
        let out = run("<messageML><p>${data.v}</p></messageML>", Some(&data)).unwrap();
        let (names, text) = inspect(&out.presentation_ml);
        prop_assert_eq!(names, vec!["div".to_owned(), "p".to_owned()]);
        let mut folded = String::new();
        for c in v.chars() {
            if c != '\n' {
                folded.push(c);
            } else if !folded.ends_with('\u{0}') {
                folded.push('\u{0}');
            }
        }
        prop_assert_eq!(text, folded.replace('\u{0}', " "));
    }

    #[test]
    fn arbitrary_input_never_panics(s in "(<[a-zA-Z#/@?!-]{0,8}|[^<]{0,8}|\\$\\{[a-z.!?']{0,6}\\}?|<#[a-z]{0,5} ?[a-z.]{0,5}>?|&[a-z#0-9]{0,4};?|\"|=| ){0,40}") {
        let _ = run(&s, None);
        let _ = run(&format!("<messageML>{s}</messageML>"), Some(r#"{"a":{"b":[1,2]}}"#));
        let _ = run(&format!("{ROOT}{s}</div>"), None);
    }
}
