//! Links, images, lists and tables.
mod common;
use common::*;

#[test]
fn a_link_keeps_its_href_and_text() {
    assert_eq!(
        pml(r#"<a href="https://symphony.com">site</a>"#),
        r#"<a href="https://symphony.com">site</a>"#
    );
}

#[test]
fn an_empty_link_shows_its_href() {
    assert_eq!(
        pml(r#"<a href="http://x.org/a?b=1&amp;c=2"/>"#),
        r#"<a href="http://x.org/a?b=1&amp;c=2">http://x.org/a?b=1&amp;c=2</a>"#
    );
}

#[test]
fn a_link_renders_as_markdown_link() {
    let out = run(r#"<messageML><a href="https://x.org">x</a></messageML>"#, None).unwrap();
    assert_eq!(out.markdown, "[x](https://x.org)");
}

#[test]
fn a_link_with_a_javascript_scheme_is_rejected() {
    assert_eq!(
        err(r#"<a href="javascript:alert(1)">x</a>"#),
        r#"URI scheme "javascript" is not supported by the pod."#
    );
}

#[test]
fn a_link_with_a_data_scheme_is_rejected() {
    assert_eq!(
        err(r#"<a href="data:text/html,hi">x</a>"#),
        r#"URI scheme "data" is not supported by the pod."#
    );
}

#[test]
fn a_relative_link_is_rejected() {
    assert_eq!(err(r#"<a href="/path">x</a>"#), r#"The attribute "href" must contain an absolute URI"#);
}

#[test]
fn an_empty_href_is_rejected() {
    assert_eq!(err(r#"<a href="">x</a>"#), r#"The attribute "href" cannot be empty"#);
}

#[test]
fn a_link_without_href_is_rejected() {
    assert_eq!(err("<a>x</a>"), r#"The attribute "href" is required"#);
}

#[test]
fn an_href_that_is_not_a_uri_is_rejected() {
    assert_eq!(
        err(r#"<a href="http://a b">x</a>"#),
        r#"Invalid input: null must be a URI value not "http://a b""#
    );
}

#[test]
fn an_image_is_an_empty_element_with_a_src() {
    assert_eq!(
        pml(r#"<img src="https://x.org/a.png" class="c"/>"#),
        r#"<img class="c" src="https://x.org/a.png"/>"#
    );
}

#[test]
fn an_image_without_src_is_rejected() {
    assert_eq!(err("<img/>"), r#"The attribute "src" is required"#);
}

#[test]
fn an_image_source_must_be_an_http_or_https_url_or_an_inline_image() {
    assert_eq!(
        err(r#"<img src="javascript:alert(1)"/>"#),
        r#"URI scheme "javascript" is not supported by the pod."#
    );
    assert_eq!(
        pml(r#"<img src="data:image/png;base64,iVBORw0KGgo="/>"#),
        r#"<img src="data:image/png;base64,iVBORw0KGgo="/>"#
    );
    assert_eq!(err(r#"<img src="data:text/html,x"/>"#), r#"URI scheme "data" is not supported by the pod."#);
    assert_eq!(
        err(r#"<img src="JavaScript:x"/>"#),
        r#"URI scheme "JavaScript" is not supported by the pod."#
    );
    assert_eq!(err(r#"<img src="a.png"/>"#), r#"The attribute "src" must contain an absolute URI"#);
    assert_eq!(err(r#"<img src=""/>"#), r#"The attribute "src" cannot be empty"#);
    assert_eq!(
        err(r#"<img src="https://x.org/a b.png"/>"#),
        r#"Invalid input: null must be a URI value not "https://x.org/a b.png""#
    );
    assert_eq!(pml(r#"<img src="HTTP://x.org/a.png"/>"#), r#"<img src="HTTP://x.org/a.png"/>"#);
}

#[test]
fn an_image_with_content_is_refused_before_its_source_is_looked_at() {
    assert_eq!(err("<img>x</img>"), r#"Element "img" may not have child elements or text content"#);
}

#[test]
fn lists_hold_list_items() {
    assert_eq!(
        pml("<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>"),
        "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>"
    );
}

#[test]
fn lists_render_as_markdown_bullets_and_numbers() {
    let out = run("<messageML><ul><li>a</li></ul><ol><li>b</li><li>c</li></ol></messageML>", None).unwrap();
    assert_eq!(out.markdown, "- a\n1. b\n2. c\n");
}

#[test]
fn an_empty_list_is_rejected() {
    assert_eq!(
        err("<ul> </ul>"),
        r#"The "ul" element must have at least one child that is any of the following elements: [listitem]."#
    );
}

#[test]
fn text_directly_in_a_list_is_rejected() {
    assert_eq!(err("<ul>x<li>a</li></ul>"), r#"Element "ul" may not have text content"#);
}

#[test]
fn a_list_item_outside_a_list_is_rejected() {
    assert_eq!(
        err("<li>x</li>"),
        r#"Element "li" can only be a child of the following elements: [orderedlist, bulletlist]"#
    );
}

#[test]
fn a_paragraph_directly_in_a_list_is_rejected() {
    assert_eq!(err("<ol><p>x</p></ol>"), r#"Element "p" is not allowed in "ol""#);
}

#[test]
fn tables_keep_their_structure_and_cell_spans() {
    let body = r#"<table class="t"><thead><tr><th>h</th></tr></thead><tbody><tr><td rowspan="2" colspan="1">a</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>"#;
    assert_eq!(
        pml(body),
        r#"<table class="t"><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="1" rowspan="2">a</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>"#
    );
}

#[test]
fn a_non_numeric_colspan_is_rejected() {
    assert_eq!(
        err(r#"<table><tr><td colspan="two">a</td></tr></table>"#),
        r#"Invalid input: colspan must be a int64 value not "two""#
    );
}

#[test]
fn text_directly_in_a_table_row_is_rejected() {
    assert_eq!(err("<table><tr>x</tr></table>"), r#"Element "tr" may not have text content"#);
}

#[test]
fn a_cell_directly_in_a_table_is_rejected() {
    assert_eq!(err("<table><td>x</td></table>"), r#"Element "td" is not allowed in "table""#);
}

#[test]
fn a_header_cell_does_not_take_colspan_or_rowspan() {
    assert_eq!(
        err(r#"<table><tr><th colspan="2">x</th></tr></table>"#),
        r#"Attribute "colspan" is not allowed in "th""#
    );
    assert_eq!(
        err(r#"<table><tr><th rowspan="2">x</th></tr></table>"#),
        r#"Attribute "rowspan" is not allowed in "th""#
    );
    assert_eq!(
        pml(r#"<table><tr><td colspan="2">x</td></tr></table>"#),
        r#"<table><tr><td colspan="2">x</td></tr></table>"#
    );
}
