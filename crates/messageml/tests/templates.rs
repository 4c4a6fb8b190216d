//! FreeMarker-subset templates expanded with `data` before parsing.
mod common;
use common::*;

const DATA: &str = r#"{"order":{"id":42,"client":"ACME <Corp> & Co","items":[{"name":"Bond","qty":1200},{"name":"Swap","qty":3}],"flag":true,"empty":[]},"entity1":{"type":"x"}}"#;

fn expand(body: &str) -> String {
    let out =
        run(&format!("<messageML>{body}</messageML>"), Some(DATA)).unwrap_or_else(|e| panic!("{body}: {e}"));
    strip_root(&out.presentation_ml)
}

fn template_err(body: &str) -> String {
    err_raw(&format!("<messageML>{body}</messageML>"), Some(DATA))
}

#[test]
fn an_interpolation_reads_a_nested_path() {
    assert_eq!(expand("Order ${data.order.id}"), "Order 42");
    assert_eq!(expand(r#"${data['order']["items"][1].name}"#), "Swap");
    assert_eq!(expand("${entity.order.items[0].name}"), "Bond");
}

#[test]
fn interpolated_data_is_escaped_not_parsed_as_markup() {
    assert_eq!(expand("<b>${data.order.client}</b>"), "<b>ACME &lt;Corp&gt; &amp; Co</b>");
}

#[test]
fn html_builtin_output_is_not_escaped_twice() {
    assert_eq!(expand("${data.order.client?html}"), "ACME &lt;Corp&gt; &amp; Co");
}

#[test]
fn html_output_stays_escaped_once_through_case_and_trim_builtins() {
    assert_eq!(expand("${data.order.client?html?trim}"), "ACME &lt;Corp&gt; &amp; Co");
    assert_eq!(expand("${data.order.client?html?upper_case}"), "ACME &lt;CORP&gt; &amp; CO");
    assert_eq!(expand("${data.order.client?html?lower_case}"), "acme &lt;corp&gt; &amp; co");
    assert_eq!(expand("${' <i>x</i> '?html?trim?cap_first}"), "&lt;i&gt;x&lt;/i&gt;");
    assert_eq!(expand("${'x<y'?xml?capitalize?string}"), "X&lt;y");
}

#[test]
fn html_output_joined_with_plain_text_escapes_the_plain_text_once() {
    assert_eq!(expand("${data.order.client?html + ' <b>'}"), "ACME &lt;Corp&gt; &amp; Co &lt;b&gt;");
    assert_eq!(expand("${'<' + '>'?html}"), "&lt;&gt;");
}

#[test]
fn the_entity_root_reads_bracketed_paths_like_data() {
    assert_eq!(expand(r#"${entity["order"].id}"#), "42");
    assert_eq!(expand(r#"${entity['order']['items'][0]['name']}"#), "Bond");
    assert_eq!(expand(r#"<#list entity["order"].items as it>${it.name};</#list>"#), "Bond;Swap;");
    assert_eq!(expand(r#"${entity["entity1"].type}"#), "x");
}

#[test]
fn numbers_are_formatted_with_grouping_unless_c_is_used() {
    assert_eq!(expand("${data.order.items[0].qty} ${data.order.items[0].qty?c}"), "1,200 1200");
}

#[test]
fn a_list_repeats_its_body_for_each_item() {
    assert_eq!(
        expand("<ul><#list data.order.items as item><li>${item.name}: ${item.qty?c}</li></#list></ul>"),
        "<ul><li>Bond: 1200</li><li>Swap: 3</li></ul>"
    );
}

#[test]
fn a_list_separator_and_loop_variables_work() {
    assert_eq!(
        expand("<#list data.order.items as i>${i?counter}.${i.name}<#sep>, </#list>"),
        "1.Bond, 2.Swap"
    );
}

#[test]
fn an_empty_list_takes_its_else_branch() {
    assert_eq!(expand("<#list data.order.empty as i>${i}<#else>none</#list>"), "none");
}

#[test]
fn if_elseif_and_else_choose_one_branch() {
    let t = "<#if data.order.id gt 100>big<#elseif data.order.id == 42>answer<#else>small</#if>";
    assert_eq!(expand(t), "answer");
    assert_eq!(expand("<#if data.order.flag>yes</#if><#if !data.order.flag>no</#if>"), "yes");
}

#[test]
fn exists_and_default_operators_handle_missing_values() {
    assert_eq!(expand("<#if data.nope??>a<#else>b</#if>"), "b");
    assert_eq!(expand("${data.nope!'fallback'} ${data.order.nope.deeper!'x'}"), "fallback x");
    assert_eq!(expand("[${data.nope!}]"), "[]");
}

#[test]
fn string_builtins_transform_text() {
    assert_eq!(
        expand("${data.order.items[0].name?upper_case} ${'abc'?cap_first} ${'  t '?trim}"),
        "BOND Abc t"
    );
    assert_eq!(expand("${data.order.items?size}"), "2");
    assert_eq!(expand("${data.order.flag?c} ${data.order.flag?string('on','off')}"), "true on");
}

#[test]
fn assign_defines_a_variable() {
    assert_eq!(expand("<#assign total = data.order.id + 8>${total}"), "50");
}

#[test]
fn comments_are_dropped() {
    assert_eq!(expand("a<#-- hidden -->b"), "ab");
}

#[test]
fn a_template_can_produce_shorthand_tags_from_data() {
    let out = run(
        r#"<messageML><#list data.tags as t><hash tag="${t}"/></#list></messageML>"#,
        Some(r#"{"tags":["one","two"]}"#),
    )
    .unwrap();
    assert_eq!(out.hashtags, vec!["one", "two"]);
}

#[test]
fn data_cannot_inject_attributes_through_an_attribute_value() {
    let data = Some(r#"{"q":"\" onclick=\"evil()"}"#);
    let out = run(r#"<messageML><span class="${data.q}">x</span></messageML>"#, data).unwrap();
    assert_eq!(strip_root(&out.presentation_ml), r#"<span class="&quot; onclick=&quot;evil()">x</span>"#);
    let e = run(r#"<messageML><a href="https://x.org/${data.q}">x</a></messageML>"#, data).unwrap_err();
    assert!(e.to_string().starts_with("Invalid input: null must be a URI value"));
}

#[test]
fn a_missing_variable_is_a_runtime_error_with_its_position() {
    assert_eq!(
        template_err("ab\n  ${data.missing}"),
        "Error parsing Freemarker template: invalid input at line 2, column 5"
    );
}

#[test]
fn interpolating_a_boolean_is_a_runtime_error() {
    assert!(
        template_err("${data.order.flag}").starts_with("Error parsing Freemarker template: invalid input")
    );
}

#[test]
fn the_new_builtin_is_blocked() {
    assert!(
        template_err(r#"${"freemarker.template.utility.Execute"?new()}"#)
            .starts_with("Error parsing Freemarker template")
    );
}

#[test]
fn a_syntax_error_is_reported_as_the_reference_does() {
    let e = template_err("<#if data.order.flag>unclosed");
    assert!(
        e.starts_with(
            "Error parsing EntityJSON: Syntax error in template \"messageML\" in line 1, column 12:\n"
        ),
        "{e}"
    );
}

#[test]
fn an_unknown_builtin_is_a_syntax_error() {
    assert!(
        template_err("${'a'?frobnicate}").starts_with("Error parsing EntityJSON: Syntax error in template")
    );
}

#[test]
fn macros_are_not_supported() {
    assert!(template_err("<@greet/>").starts_with("Error parsing EntityJSON: Syntax error in template"));
}

#[test]
fn runaway_loops_hit_the_iteration_cap() {
    let body = "<#list 1..1000 as a><#list 1..1000 as b>x</#list></#list>";
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert!(e.is_limit(), "{e}");
}

#[test]
fn exponential_string_growth_hits_the_output_cap() {
    let body = "<#assign s = 'xxxxxxxxxx'><#list 1..40 as i><#assign s = s + s></#list>${s}";
    let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
    assert!(e.is_limit(), "{e}");
}

#[test]
fn a_message_without_template_syntax_is_not_expanded() {
    assert_eq!(pml("price: $5 #1"), "price: $5 #1");
}

#[test]
fn hash_keys_are_listed_in_document_order() {
    let out =
        run("<messageML><#list data.o?keys as k>${k}</#list></messageML>", Some(r#"{"o":{"b":1,"a":2}}"#));
    assert_eq!(strip_root(&out.unwrap().presentation_ml), "ba");
}
