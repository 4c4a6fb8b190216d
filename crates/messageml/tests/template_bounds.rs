//! Templates cannot crash, stall or break out of their text: expression depth, total work,
//! escaping of data in single-quoted attributes and numeric edge cases.
mod common;
use common::*;
use std::time::{Duration, Instant};

/// Runs `f` on a thread with the 2 MiB stack of a tokio worker, where a stack overflow aborts
/// the whole process.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 * 1024 * 1024).spawn(f).unwrap().join().unwrap()
}

/// Converts `<messageML>BODY</messageML>` on a small stack; the error text, or the output.
fn convert_small(body: String, data: Option<&'static str>) -> Result<String, String> {
    on_small_stack(move || {
        run(&format!("<messageML>{body}</messageML>"), data)
            .map(|o| strip_root(&o.presentation_ml))
            .map_err(|e| e.to_string())
    })
}

const SYNTAX: &str = "Error parsing EntityJSON: Syntax error in template";

#[test]
fn thousands_of_chained_operators_give_a_syntax_error_not_a_stack_overflow() {
    let chains = [
        format!("${{data{}}}", ".x".repeat(5000)),
        format!("${{a{}}}", "!a".repeat(3000)),
        format!("${{1{}}}", "+1".repeat(3000)),
        format!("${{'a'{}}}", "?trim".repeat(3000)),
        format!("${{data{}}}", "['x']".repeat(3000)),
        format!("${{true{}}}", "&&true".repeat(3000)),
        format!("${{1{}}}", "*1".repeat(3000)),
        format!("${{data{}}}", "??".repeat(3000)),
    ];
    for chain in chains {
        let head = chain[..12].to_owned();
        let e = convert_small(chain, Some(r#"{"x":{}}"#)).unwrap_err();
        assert!(e.starts_with(SYNTAX), "{head}: {e}");
    }
}

#[test]
fn a_chain_of_a_hundred_operators_still_evaluates() {
    assert_eq!(convert_small(format!("${{1{}}}", "+1".repeat(100)), None).unwrap(), "101");
    let trims = format!("${{' a '{}}}", "?trim".repeat(100));
    assert_eq!(convert_small(trims, None).unwrap(), "a");
}

/// Every case repeats a built-in costing about a megabyte or 100,000 elements inside a long
/// loop: each must stop with a template limit error, quickly.
#[test]
fn costly_builtins_repeated_in_a_loop_exhaust_the_work_budget_quickly() {
    let big = "<#assign s = 'x'><#list 1..19 as i><#assign s = s + s></#list>";
    let cases = [
        "<#list 1..100000 as i>${(1..100000)?size}</#list>".to_owned(),
        "<#list 1..100000 as i>${(1..100000)?reverse?size}</#list>".to_owned(),
        "<#list 1..100000 as i>${(1..100000)?sort?size}</#list>".to_owned(),
        "<#list 1..100000 as i>${(1..100000)?join(',')?length}</#list>".to_owned(),
        format!("{big}<#list 1..100000 as i>${{s?replace('x','y')?length}}</#list>"),
        format!("{big}<#list 1..100000 as i>${{s?upper_case?length}}</#list>"),
        format!("{big}<#list 1..100000 as i><#if s == s>x</#if></#list>"),
        "<#assign r = 1..100000><#list 1..100000 as i>${r?size}</#list>".to_owned(),
    ];
    for case in cases {
        let start = Instant::now();
        let e = run(&format!("<messageML>{case}</messageML>"), None).unwrap_err();
        let took = start.elapsed();
        assert!(e.is_limit(), "{case}: {e}");
        assert!(e.to_string().contains("too much work"), "{case}: {e}");
        // Debug builds are 10-30 times slower than the ~100 ms release bound.
        assert!(took < Duration::from_secs(5), "{case}: {took:?}");
    }
}

#[test]
fn a_hundred_thousand_cheap_iterations_stay_within_the_work_budget() {
    let body = "<#list 1..100000 as i><#if i == 100000>${i?c}</#if></#list>";
    assert_eq!(convert_small(body.to_owned(), None).unwrap(), "100000");
}

#[test]
fn data_in_a_single_quoted_attribute_cannot_add_attributes() {
    let data = Some(r#"{"c":"a' style='color:red"}"#);
    let out = convert_small("<span class='${data.c}'>x</span>".to_owned(), data).unwrap();
    assert_eq!(out, r#"<span class="a' style='color:red">x</span>"#);
}

#[test]
fn an_apostrophe_in_data_is_still_plain_text() {
    let out = convert_small("<p>${data.c}</p>".to_owned(), Some(r#"{"c":"it's"}"#)).unwrap();
    assert_eq!(out, "<p>it's</p>");
}

#[test]
fn a_range_to_a_huge_negative_bound_is_empty_not_a_panic() {
    let body = "<#list (-5)..<-100000000000000000000 as i>${i}</#list>done".to_owned();
    assert_eq!(convert_small(body, None).unwrap(), "done");
    let e = convert_small("${(-5)..<-100000000000000000000}".to_owned(), None).unwrap_err();
    assert!(e.starts_with("Error parsing Freemarker template"), "{e}");
    // From about -1e30 up to 5: longer than any loop may run.
    let e = convert_small("${(0-10000000000*10000000000*10000000000)..<5}".to_owned(), None).unwrap_err();
    assert_eq!(e, "The template runs more than 100000 loop iterations");
}

#[test]
fn an_assign_with_a_long_run_of_whitespace_parses_in_linear_time() {
    let body = format!("<#assign a = 1{}+ 1 b = 2>${{a}}${{b}}", " ".repeat(900_000));
    let start = Instant::now();
    assert_eq!(convert_small(body, None).unwrap(), "22");
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}

#[test]
fn a_range_longer_than_the_iteration_limit_is_the_iteration_limit_error() {
    for body in ["<#list 1..1000000 as i>x</#list>", "${(0..<100001)?size}"] {
        let e = run(&format!("<messageML>{body}</messageML>"), None).unwrap_err();
        assert_eq!(e.to_string(), "The template runs more than 100000 loop iterations", "{body}");
        assert!(e.is_limit());
    }
    assert_eq!(
        convert_small("<#list 1..100000 as i></#list>x".to_owned(), None).unwrap(),
        "x",
        "a range of exactly the limit is allowed"
    );
}
