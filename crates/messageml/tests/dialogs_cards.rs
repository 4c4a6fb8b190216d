//! Cards, expandable cards, dialogs and ui-actions.
mod common;
use common::*;

#[test]
fn a_card_becomes_a_div_with_header_and_body() {
    assert_eq!(
        pml(
            r#"<card iconSrc="https://x.org/i.png" accent="tempo-bg-color--blue" class="mine"><header>H</header><body>B</body></card>"#
        ),
        r#"<div class="card mine" data-icon-src="https://x.org/i.png" data-accent-color="tempo-bg-color--blue"><div class="cardHeader">H</div><div class="cardBody">B</div></div>"#
    );
}

#[test]
fn a_card_body_outside_a_card_is_rejected() {
    assert_eq!(
        err("<body>x</body>"),
        r#"Element "body" can only be a child of the following elements: [card]"#
    );
}

#[test]
fn an_expandable_card_needs_a_state() {
    assert_eq!(
        pml(
            r#"<expandable-card state="cropped"><header>h</header><body variant="error">b</body></expandable-card>"#
        ),
        r#"<div class="expandable-card" data-state="cropped"><div class="expandableCardHeader">h</div><div class="expandableCardBody" data-variant="error">b</div></div>"#
    );
    assert_eq!(
        err("<expandable-card><body>b</body></expandable-card>"),
        r#"The attribute "state" is required"#
    );
    assert_eq!(
        err(r#"<expandable-card state="open"><body>b</body></expandable-card>"#),
        r#"Attribute "state" of element "expandable-card" can only be one of the following values: [collapsed, cropped, expanded]."#
    );
}

#[test]
fn a_dialog_and_its_ui_action_share_the_generated_id() {
    let out = pml(
        r#"<ui-action action="open-dialog" target-id="d1"><button>Open</button></ui-action><dialog id="d1" width="large"><title>T</title><body>B</body><footer>F</footer></dialog>"#,
    );
    let id_start = out.find("id=\"").unwrap() + 4;
    let generated = &out[id_start..id_start + 13];
    assert!(generated.ends_with("-d1"), "{out}");
    assert_eq!(
        out,
        format!(
            r#"<div class="ui-action" data-action="open-dialog" data-trigger="click" data-target-id="{generated}"><button>Open</button></div><dialog data-width="large" data-state="close" id="{generated}" open=""><div class="dialog-title">T</div><div class="dialog-body">B</div><div class="dialog-footer">F</div></dialog>"#
        )
    );
}

#[test]
fn a_ui_action_targeting_no_sibling_dialog_is_rejected() {
    assert_eq!(
        err(r#"<ui-action action="open-dialog" target-id="x"><button>Open</button></ui-action>"#),
        "ui-action with a target-id must have only one dialog sibling with a matching id"
    );
}

#[test]
fn a_dialog_needs_a_title_and_a_body() {
    assert!(
        err(r#"<dialog id="d"><body>B</body></dialog>"#)
            .starts_with(r#"The "dialog" element must have at least one child"#)
    );
}

#[test]
fn a_dialog_with_a_form_and_other_content_is_rejected() {
    assert_eq!(
        err(r#"<dialog id="d"><title>T</title><form id="f"><body>b</body></form></dialog>"#),
        r#"A "dialog" element can't contain a "form" element and any other element."#
    );
}

#[test]
fn a_form_inside_a_dialog_needs_no_action_button() {
    let out = run(r#"<messageML><dialog id="d"><form id="f"><title>T</title><body><text-field name="t"/></body></form></dialog></messageML>"#, None).unwrap();
    assert!(out.forms[0].in_dialog);
}

#[test]
fn a_dialog_id_with_whitespace_is_rejected() {
    assert_eq!(
        err(r#"<dialog id="a b"><title>T</title><body>B</body></dialog>"#),
        r#"The attribute "id" is required and must not contain any whitespace"#
    );
}

#[test]
fn an_open_im_ui_action_takes_user_ids() {
    assert_eq!(
        pml(
            r#"<ui-action action="open-im" user-ids="[123,456]" side-by-side="true"><button>Chat</button></ui-action>"#
        ),
        r#"<div class="ui-action" data-action="open-im" data-trigger="click" data-user-ids="[123,456]" data-side-by-side="true"><button>Chat</button></div>"#
    );
}

#[test]
fn a_ui_action_button_may_not_have_a_type() {
    assert_eq!(
        err(r#"<ui-action action="open-im" stream-id="s"><button type="action">x</button></ui-action>"#),
        r#"Attributes "type" and "name" are not allowed on a button inside a UIAction."#
    );
}

#[test]
fn a_ui_action_with_too_many_user_ids_is_rejected() {
    let ids: Vec<String> = (1..=16).map(|i| i.to_string()).collect();
    assert_eq!(
        err(&format!(
            r#"<ui-action action="open-im" user-ids="[{}]"><button>x</button></ui-action>"#,
            ids.join(",")
        )),
        r#"Attribute "user-ids" contains more values than allowed. Max value is 15"#
    );
}

#[test]
fn a_form_directly_in_a_dialog_holds_only_title_body_and_footer() {
    assert_eq!(
        err(r#"<dialog id="d"><form id="f"><text-field name="a"/></form></dialog>"#),
        r#"Element "text-field" is not allowed in "form""#
    );
}

/// The exemption from the action button is for the form that is the dialog's own child.
#[test]
fn a_form_deeper_inside_a_dialog_still_needs_an_action_button() {
    assert_eq!(
        err(
            r#"<dialog id="d"><title>t</title><body><form id="f"><text-field name="a"/></form></body></dialog>"#
        ),
        "The form with id 'f' should have at least one action button"
    );
}

#[test]
fn a_dialog_checks_its_children_before_its_id() {
    assert_eq!(
        err(r#"<dialog><title>T</title><body><bogus/></body></dialog>"#),
        r#"Invalid MessageML content at element "bogus""#
    );
    assert_eq!(
        err(r#"<dialog><title>T</title><body>B</body></dialog>"#),
        r#"The attribute "id" is required and must not contain any whitespace"#
    );
}

#[test]
fn a_dialog_without_a_title_or_body_names_the_missing_part() {
    assert_eq!(
        err(r#"<dialog id="d"><body>B</body></dialog>"#),
        r#"The "dialog" element must have at least one child that is any of the following elements: [title]."#
    );
    assert_eq!(
        err(r#"<dialog id="d"><title>T</title></dialog>"#),
        r#"The "dialog" element must have at least one child that is any of the following elements: [body]."#
    );
}

#[test]
fn a_dialog_with_two_forms_is_rejected() {
    let form = |id: &str| format!(r#"<form id="{id}"><title>T</title><body>B</body></form>"#);
    assert_eq!(
        err(&format!(r#"<dialog id="d">{}{}</dialog>"#, form("a"), form("b"))),
        r#"A "dialog" element can contain only one "form" element"#
    );
}

#[test]
fn a_duplicate_dialog_id_is_reported_after_the_dialogs_own_checks() {
    let dialog = r#"<dialog id="d"><title>T</title><body>B</body></dialog>"#;
    assert_eq!(
        err(&format!(r#"{dialog}<dialog id="d" width="huge"><title>T</title><body>B</body></dialog>"#)),
        r#"Attribute "width" of element "dialog" can only be one of the following values: [small, medium, large, full-width]."#
    );
    assert_eq!(
        err(&format!("{dialog}{dialog}")),
        "Elements must have unique ids. The following value is not unique: [d]."
    );
}

#[test]
fn a_dialog_state_is_open_or_close_and_defaults_to_close() {
    let dialog = |attrs: &str| {
        run(
            &format!(
                r#"<messageML><dialog id="d"{attrs}><title>t</title><body>b</body></dialog></messageML>"#
            ),
            None,
        )
        .map(|o| strip_root(&o.presentation_ml))
        .map_err(|e| e.to_string())
    };
    let open = dialog(r#" state="open""#).unwrap();
    assert!(open.starts_with(r#"<dialog data-width="medium" data-state="open" id=""#), "{open}");
    let closed = dialog("").unwrap();
    assert!(closed.starts_with(r#"<dialog data-width="medium" data-state="close" id=""#), "{closed}");
    assert_eq!(
        dialog(r#" state="half""#).unwrap_err(),
        r#"Attribute "state" of element "dialog" can only be one of the following values: [open, close]."#
    );
}
