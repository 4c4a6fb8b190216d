//! PresentationML input: accepted, canonicalised, and stable when converted again.
mod common;
use common::*;

fn pml_in(body: &str, data: Option<&str>) -> Result<String, String> {
    run(&format!("{ROOT}{body}</div>"), data)
        .map(|o| strip_root(&o.presentation_ml))
        .map_err(|e| e.to_string())
}

#[test]
fn plain_presentationml_is_accepted_as_is() {
    assert_eq!(pml_in("<p>Hi <b>there</b></p>", None).unwrap(), "<p>Hi <b>there</b></p>");
}

#[test]
fn the_input_data_version_is_kept() {
    let out = run(r#"<div data-format="presentationml" data-version="2.1">x</div>"#, None).unwrap();
    assert_eq!(out.presentation_ml, r#"<div data-format="PresentationML" data-version="2.1">x</div>"#);
}

#[test]
fn a_presentationml_root_without_version_is_rejected() {
    assert_eq!(
        err_raw(r#"<div data-format="PresentationML">x</div>"#, None),
        r#"Malformed PresentationML. The attributes "data-format" and "data-version" are required."#
    );
}

#[test]
fn shorthand_tags_are_rejected_in_presentationml() {
    assert_eq!(
        pml_in(r#"<mention uid="123"/>"#, None).unwrap_err(),
        r#"Shorthand tag "mention" is not allowed in PresentationML"#
    );
    assert_eq!(
        pml_in("<card/>", None).unwrap_err(),
        r#"Shorthand tag "card" is not allowed in PresentationML"#
    );
}

#[test]
fn a_mention_entity_is_rendered_again_with_the_current_name() {
    let data = r#"{"m1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":123}]}}"#;
    let out =
        run(&format!(r#"{ROOT}<span class="entity" data-entity-id="m1">@Old Name</span></div>"#), Some(data))
            .unwrap();
    assert_eq!(
        strip_root(&out.presentation_ml),
        r#"<span class="entity" data-entity-id="m1">@Jane Doe</span>"#
    );
    assert_eq!(out.mentions, vec![123]);
}

#[test]
fn a_hashtag_entity_div_shows_its_tag() {
    let data = r#"{"k":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"world"}]}}"#;
    assert_eq!(
        pml_in(r#"<div class="entity" data-entity-id="k">world</div>"#, Some(data)).unwrap(),
        r#"<div class="entity" data-entity-id="k">#world</div>"#
    );
}

#[test]
fn an_entity_of_another_type_keeps_its_content() {
    let data = r#"{"x":{"type":"com.acme.widget","version":"1.0"}}"#;
    assert_eq!(
        pml_in(r#"<span class="entity" data-entity-id="x"><b>w</b></span>"#, Some(data)).unwrap(),
        r#"<span class="entity" data-entity-id="x"><b>w</b></span>"#
    );
}

#[test]
fn an_entity_element_without_an_id_is_rejected() {
    assert_eq!(
        pml_in(r#"<span class="entity">x</span>"#, None).unwrap_err(),
        r#"The attribute "data-entity-id" is required"#
    );
}

#[test]
fn an_element_is_an_entity_when_entity_is_any_of_its_classes() {
    let data = r#"{"k":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"world"}]}}"#;
    assert_eq!(
        pml_in(r#"<span class="x entity" data-entity-id="k">w</span>"#, Some(data)).unwrap(),
        r#"<span class="x entity" data-entity-id="k">#world</span>"#
    );
}

/// The reference's duplicate check is on the EntityJSON: the key found more than once.
#[test]
fn an_entity_id_whose_key_occurs_twice_in_the_data_is_rejected() {
    let data = r#"{"x":{"type":"t","inner":{"x":{}}}}"#;
    assert_eq!(
        pml_in(r#"<span class="entity" data-entity-id="x">a</span>"#, Some(data)).unwrap_err(),
        r#"Duplicate "data-entity-id"="x" in entityJSON"#
    );
}

/// Two elements may refer to one entity: that is not a duplicate key in the data.
#[test]
fn an_entity_id_used_by_two_elements_is_accepted() {
    let data = r#"{"x":{"type":"t"}}"#;
    assert_eq!(
        pml_in(r#"<span class="entity" data-entity-id="x">a</span><span class="entity" data-entity-id="x">b</span>"#, Some(data)).unwrap(),
        r#"<span class="entity" data-entity-id="x">a</span><span class="entity" data-entity-id="x">b</span>"#
    );
}

#[test]
fn an_unsupported_input_type_is_rejected() {
    assert_eq!(
        pml_in(r#"<form id="f"><input type="file" name="x"/></form>"#, None).unwrap_err(),
        r#"The input type "file" is not allowed on PresentationML"#
    );
}

#[test]
fn a_malformed_checkbox_group_is_rejected() {
    assert_eq!(
        pml_in(r#"<form id="f"><div class="checkbox-group"><label>x</label></div><button type="action" name="a">A</button></form>"#, None).unwrap_err(),
        r#"Invalid PresentationML for the "checkbox" element"#
    );
}

#[test]
fn presentationml_cards_and_forms_map_back_to_their_elements() {
    let body = r#"<div class="card" data-accent-color="tempo-bg-color--red"><div class="cardHeader">h</div><div class="cardBody"><form id="f"><input type="text" name="t" value="v"/><button type="action" name="go">Go</button></form></div></div>"#;
    assert_eq!(pml_in(body, None).unwrap(), body);
}

fn assert_stable(message: &str, data: Option<&str>) {
    let first = run(message, data).unwrap_or_else(|e| panic!("{message}: {e}"));
    let again = run(&first.presentation_ml, Some(&first.entity_json.to_string()))
        .unwrap_or_else(|e| panic!("{}: {e}", first.presentation_ml));
    assert_eq!(again.presentation_ml, first.presentation_ml);
    assert_eq!(again.entity_json, first.entity_json);
}

#[test]
fn converting_the_output_of_a_rich_message_again_changes_nothing() {
    assert_stable(
        r#"<messageML><h2>Report</h2><p>Hi <mention uid="123"/>, see <hash tag="q3"/> and <cash tag="IBM"/> <emoji shortcode="rocket"/></p>
        <table><tr><th>a</th></tr><tr><td colspan="2">1 &amp; 2</td></tr></table><ul><li><a href="https://x.org">x</a></li></ul>
        <code language="json">{"a": 1}</code><dateTime value="2024-12-31T09:29:47Z" format="date_time"/>
        <card accent="tempo-bg-color--blue"><header>H</header><body>B</body></card>
        <expandable-card state="expanded"><header>h</header><body variant="default">b</body></expandable-card></messageML>"#,
        None,
    );
}

/// A plain div with card attributes is read back as a card: both must write one order.
#[test]
fn a_div_with_card_attributes_converts_again_in_the_same_attribute_order() {
    assert_stable(
        r#"<messageML><div class="card" data-icon-src="x" data-accent-color="red">a</div></messageML>"#,
        None,
    );
    assert_stable(
        r#"<messageML><div class="card extra" style="color:red" data-accent-color="red" data-icon-src="https://x.org/i.png"><p>b</p></div><div class="expandable-card" data-state="collapsed" style="color:blue">c</div></messageML>"#,
        None,
    );
    assert_eq!(
        strip_root(
            &run(r#"<messageML><div class="card" data-icon-src="x" data-accent-color="red">a</div></messageML>"#, None)
                .unwrap()
                .presentation_ml
        ),
        r#"<div class="card" data-icon-src="x" data-accent-color="red">a</div>"#
    );
}

#[test]
fn converting_the_output_of_a_form_again_changes_nothing() {
    assert_stable(
        r#"<messageML><form id="f"><text-field name="t" label="L" title="T" pattern="^a" pattern-error-message="no">a</text-field>
        <textarea name="ta" placeholder="p">x
y</textarea><richtextarea name="r"/><select name="s" label="S"><option value="1">One</option></select>
        <checkbox name="c" value="1">One</checkbox><radio name="r1" checked="true">R</radio><radio name="r2"/>
        <person-selector name="p" title="who"/><room-selector name="rs"/><date-selector name="ds"/>
        <date-picker name="d" label="D" highlighted-date='[{"from":"2024-01-01","to":"2024-01-31"}]'/>
        <time-picker name="tp" disabled-time='[{"from":"12:00:00","to":"13:00:00"}]' strict="true"/>
        <timezone-picker name="z" value="UTC" label="Z"/>
        <button name="go" class="primary">Go</button><button type="reset">Reset</button></form></messageML>"#,
        None,
    );
}

#[test]
fn converting_the_output_of_a_dialog_again_changes_nothing() {
    assert_stable(
        r#"<messageML><ui-action action="open-dialog" target-id="d"><button>Open</button></ui-action>
        <dialog id="d" state="open"><form id="df"><title>T</title><body><text-field name="t"/></body><footer><button name="ok">OK</button></footer></form></dialog></messageML>"#,
        None,
    );
}

#[test]
fn converting_a_chime_again_changes_nothing() {
    assert_stable("<messageML><chime/></messageML>", None);
}

#[test]
fn literal_template_syntax_in_text_does_not_become_a_template_when_converted_again() {
    let out = run("<messageML>cost &#36;{x} and &#35;{y}</messageML>", None).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), "cost $&#123;x} and #&#123;y}");
    assert_eq!(out.text, "cost ${x} and #{y}");
    assert_stable("<messageML>cost &#36;{x} and &#35;{y}</messageML>", None);
}

/// Two text runs can meet in the output (here a non-strict email mention printed as text, then
/// the text after it): a `$` ending one and a `{` starting the next must not form `${`.
#[test]
fn template_syntax_formed_across_adjacent_text_runs_is_broken_up() {
    let message = r#"<messageML><mention email="a$" strict="false"/>{x} <mention email="b#" strict="false"/>{y}</messageML>"#;
    let out = run(message, None).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), "a$&#123;x} b#&#123;y}");
    assert_eq!(out.text, "a${x} b#{y}");
    assert_stable(message, None);
}
