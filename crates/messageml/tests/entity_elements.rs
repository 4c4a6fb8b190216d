//! Which elements may be entities: only `span` and `div` with the `entity` class. Any other
//! tag fails the way the reference fails it: by its own attribute check on `data-entity-id`.
mod common;
use common::*;

const DATA: &str = r#"{"e":{"type":"com.acme.widget","version":"1.0"}}"#;

fn in_pml(body: &str) -> Result<String, String> {
    run(&format!("{ROOT}{body}</div>"), Some(DATA))
        .map(|o| strip_root(&o.presentation_ml))
        .map_err(|e| e.to_string())
}

fn in_mml(body: &str) -> Result<String, String> {
    run(&format!("<messageML>{body}</messageML>"), Some(DATA))
        .map(|o| strip_root(&o.presentation_ml))
        .map_err(|e| e.to_string())
}

#[test]
fn a_span_and_a_div_with_the_entity_class_are_entities_in_both_languages() {
    for convert in [in_pml, in_mml] {
        assert_eq!(
            convert(r#"<span class="entity" data-entity-id="e">a</span><div class="entity" data-entity-id="e">b</div>"#)
                .unwrap(),
            r#"<span class="entity" data-entity-id="e">a</span><div class="entity" data-entity-id="e">b</div>"#
        );
    }
}

#[test]
fn other_elements_cannot_carry_an_entity_id() {
    for (tag, extra) in
        [("b", ""), ("i", ""), ("p", ""), ("h1", ""), ("a", r#" href="https://x.org""#), ("code", "")]
    {
        for convert in [in_pml, in_mml] {
            assert_eq!(
                convert(&format!(r#"<{tag} class="entity" data-entity-id="e"{extra}>x</{tag}>"#))
                    .unwrap_err(),
                format!(r#"Attribute "data-entity-id" is not allowed in "{tag}""#),
                "{tag}"
            );
        }
    }
}

#[test]
fn a_table_cell_cannot_carry_an_entity_id() {
    assert_eq!(
        in_pml(r#"<table><tr><td class="entity" data-entity-id="e">x</td></tr></table>"#).unwrap_err(),
        r#"Attribute "data-entity-id" is not allowed in "td""#
    );
}

#[test]
fn the_entity_class_on_another_element_is_a_plain_class() {
    assert_eq!(in_pml(r#"<b class="entity">x</b>"#).unwrap(), r#"<b class="entity">x</b>"#);
    assert_eq!(
        run(&format!(r#"{ROOT}<p class="entity">x</p></div>"#), None).unwrap().entity_json.to_string(),
        "{}"
    );
}

#[test]
fn a_span_with_an_entity_id_needs_the_entity_class() {
    assert_eq!(
        in_pml(r#"<span data-entity-id="e">x</span>"#).unwrap_err(),
        r#"The attribute "data-entity-id" is only allowed if the element class is "entity"."#
    );
}

#[test]
fn an_entity_is_looked_up_before_its_attributes_are_checked() {
    assert_eq!(
        in_pml(r#"<span class="entity" title="t">x</span>"#).unwrap_err(),
        r#"The attribute "data-entity-id" is required"#
    );
    let twice = r#"{"e":{"type":"t","inner":{"e":{}}}}"#;
    let e = run(
        &format!(r#"{ROOT}<span class="entity" data-entity-id="e" title="t">x</span></div>"#),
        Some(twice),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), r#"Duplicate "data-entity-id"="e" in entityJSON"#);
    assert_eq!(
        in_pml(r#"<span class="entity" data-entity-id="e" title="t">x</span>"#).unwrap_err(),
        r#"Attribute "title" is not allowed in "span""#
    );
}

#[test]
fn an_entity_element_is_checked_before_its_children() {
    assert_eq!(
        in_pml(r#"<div class="entity"><bogus/></div>"#).unwrap_err(),
        r#"The attribute "data-entity-id" is required"#
    );
    assert_eq!(
        in_pml(r#"<div class="entity" data-entity-id="e"><bogus/></div>"#).unwrap_err(),
        r#"Invalid MessageML content at element "bogus""#
    );
}
