//! `<ui-action>`: open-im and open-dialog, with the reference's words and order of checks.
mod common;
use common::*;

fn action(attrs: &str) -> String {
    format!(r#"<ui-action {attrs}><button>Chat</button></ui-action>"#)
}

#[test]
fn an_open_im_ui_action_takes_a_stream_id() {
    assert_eq!(
        pml(&action(r#"action="open-im" stream-id="abc==""#)),
        r#"<div class="ui-action" data-action="open-im" data-trigger="click" data-stream-id="abc=="><button>Chat</button></div>"#
    );
}

#[test]
fn an_open_im_ui_action_keeps_an_explicit_trigger_and_side_by_side() {
    assert_eq!(
        pml(&action(
            r#"action="open-im" side-by-side="false" trigger="click" user-ids="[1, &quot;2&quot;]""#
        )),
        r#"<div class="ui-action" data-action="open-im" data-trigger="click" data-user-ids="[1,&quot;2&quot;]" data-side-by-side="false"><button>Chat</button></div>"#
    );
}

#[test]
fn fifteen_user_ids_are_accepted() {
    let ids: Vec<String> = (1..=15).map(|i| i.to_string()).collect();
    let out = pml(&action(&format!(r#"action="open-im" user-ids="[{}]""#, ids.join(","))));
    assert!(out.contains(&format!(r#"data-user-ids="[{}]""#, ids.join(","))), "{out}");
}

#[test]
fn an_open_im_ui_action_with_both_user_ids_and_stream_id_is_rejected() {
    assert_eq!(
        err(&action(r#"action="open-im" stream-id="s" user-ids="[1]""#)),
        r#"Only one between "stream-id" and "user-ids" is allowed"#
    );
}

#[test]
fn an_open_im_ui_action_without_user_ids_or_stream_id_is_rejected() {
    assert_eq!(
        err(&action(r#"action="open-im""#)),
        r#"At least one between "stream-id" and "user-ids" should be present"#
    );
}

#[test]
fn user_ids_that_are_not_an_array_of_ids_are_rejected() {
    for ids in ["1", "[\"x\"]", "[1.5]", "{}", "[", "[null]"] {
        let ids = ids.replace('"', "&quot;");
        assert_eq!(
            err(&action(&format!(r#"action="open-im" user-ids="{ids}""#))),
            r#"Attribute "user-ids" contains an unsupported format, should be an array of user ids"#,
            "{ids}"
        );
    }
}

#[test]
fn side_by_side_must_be_a_boolean_for_open_im() {
    assert_eq!(
        err(&action(r#"action="open-im" side-by-side="yes" stream-id="s""#)),
        r#"Attribute "side-by-side" of element "ui-action" can only be one of the following values: [true, false]."#
    );
}

#[test]
fn a_ui_action_needs_an_action() {
    assert_eq!(err(&action(r#"stream-id="s""#)), r#"The attribute "action" is required"#);
    assert_eq!(err(&action(r#"action=" ""#)), r#"The attribute "action" is required"#);
}

#[test]
fn an_unknown_action_is_rejected() {
    assert_eq!(
        err(&action(r#"action="open-room" stream-id="s""#)),
        r#"Attribute "action" of element "ui-action" can only be one of the following values: [open-im, open-dialog]."#
    );
}

#[test]
fn an_unknown_trigger_is_rejected_after_the_action_attributes() {
    assert_eq!(
        err(&action(r#"action="open-im" stream-id="s" trigger="hover""#)),
        r#"Attribute "trigger" of element "ui-action" can only be one of the following values: [click]."#
    );
    assert_eq!(
        err(&action(r#"action="open-im" trigger="hover""#)),
        r#"At least one between "stream-id" and "user-ids" should be present"#
    );
}

#[test]
fn an_open_dialog_ui_action_needs_a_target_id_without_whitespace() {
    for attrs in [r#"action="open-dialog""#, r#"action="open-dialog" target-id="a b""#] {
        assert_eq!(
            err(&action(attrs)),
            r#"The attribute "target-id" is required and must not contain any whitespace"#,
            "{attrs}"
        );
    }
}

#[test]
fn a_target_id_longer_than_64_characters_is_rejected() {
    let id = "d".repeat(65);
    assert_eq!(
        err(&action(&format!(r#"action="open-dialog" target-id="{id}""#))),
        r#"The attribute "target-id" length is bigger than maximum allowed [64]"#
    );
}

#[test]
fn a_ui_action_holds_only_buttons_and_ui_actions() {
    assert_eq!(
        err(r#"<ui-action action="open-im" stream-id="s"><b>x</b></ui-action>"#),
        r#"Element "b" is not allowed in "ui-action""#
    );
    assert_eq!(
        err(r#"<ui-action action="open-im" stream-id="s"> </ui-action>"#),
        r#"The "ui-action" element must have at least one child that is any of the following elements: [button, uiaction]."#
    );
}

#[test]
fn a_ui_action_attribute_outside_the_list_is_rejected() {
    assert_eq!(
        err(&action(r#"action="open-im" stream-id="s" class="x""#)),
        r#"Attribute "class" is not allowed in "ui-action""#
    );
}

#[test]
fn a_ui_action_converts_again_unchanged() {
    let first =
        run(&format!("<messageML>{}</messageML>", action(r#"action="open-im" user-ids="[7]""#)), None)
            .unwrap();
    let again = run(&first.presentation_ml, None).unwrap();
    assert_eq!(again.presentation_ml, first.presentation_ml);
}
