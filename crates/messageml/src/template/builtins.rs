//! The built-ins (`x?name(args)`) the interpreter knows.
//!
//! `?new`, `?api`, `?eval` and `?interpret` parse but always fail at run time, as the
//! reference's `ALLOWS_NOTHING_RESOLVER` makes `?new` fail; unknown names are syntax errors,
//! as in FreeMarker.

use serde_json::Value;

use super::value::{Val, c_number};
use crate::escape::escaped;

/// Loop state for `x?index`, `x?has_next`, ….
#[derive(Debug, Clone, Copy)]
pub(crate) struct LoopInfo {
    pub index: usize,
    pub len: usize,
}

const LOOP: &[&str] =
    &["index", "counter", "has_next", "is_first", "is_last", "item_parity", "is_odd_item", "is_even_item"];
const BLOCKED: &[&str] = &["new", "api", "eval", "interpret", "eval_json"];
const KNOWN: &[&str] = &[
    "has_content",
    "upper_case",
    "lower_case",
    "cap_first",
    "uncap_first",
    "capitalize",
    "trim",
    "length",
    "html",
    "xml",
    "xhtml",
    "no_esc",
    "size",
    "first",
    "last",
    "reverse",
    "join",
    "seq_contains",
    "keys",
    "values",
    "sort",
    "c",
    "string",
    "then",
    "number",
    "boolean",
    "contains",
    "starts_with",
    "ends_with",
    "replace",
    "index_of",
    "split",
    "round",
    "floor",
    "ceiling",
    "abs",
    "int",
    "is_string",
    "is_number",
    "is_boolean",
    "is_sequence",
    "is_hash",
    "is_hash_ex",
    "url",
    "default",
    "exists",
    "if_exists",
];

/// Accepts known and blocked names; anything else is a syntax error.
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    if LOOP.contains(&name) || BLOCKED.contains(&name) || KNOWN.contains(&name) {
        Ok(())
    } else {
        Err(format!("Unknown built-in: \"{name}\". "))
    }
}

/// True for built-ins answered from loop state.
pub(crate) fn is_loop_builtin(name: &str) -> bool {
    LOOP.contains(&name)
}

/// Loop-variable built-ins.
pub(crate) fn loop_builtin(name: &str, info: LoopInfo) -> Val<'static> {
    let counter = info.index + 1;
    match name {
        "index" => Val::owned(Value::from(info.index)),
        "counter" => Val::owned(Value::from(counter)),
        "has_next" => Val::owned(Value::Bool(counter < info.len)),
        "is_first" => Val::owned(Value::Bool(info.index == 0)),
        "is_last" => Val::owned(Value::Bool(counter == info.len)),
        "is_odd_item" => Val::owned(Value::Bool(counter % 2 == 1)),
        "is_even_item" => Val::owned(Value::Bool(counter.is_multiple_of(2))),
        _ => Val::str(if counter % 2 == 1 { "odd" } else { "even" }),
    }
}

/// What applying built-in `name` to `target` costs before its result is counted: reading a
/// string is its length, and a sequence or hash built-in that copies or scans its target
/// costs the target's size (sorting a factor of log n more). Answers from the length alone
/// (`size`, `first`, `is_*`, …) cost one step.
pub(crate) fn cost(name: &str, target: Option<&Val<'_>>) -> usize {
    use super::budget::STEP;
    let Some(target) = target else { return STEP };
    let (len, nodes) = match target {
        Val::Markup(s) => return STEP + s.len(),
        Val::Json(j) => match j.as_ref() {
            Value::String(s) => return STEP + s.len(),
            Value::Array(a) => (a.len(), a.iter().map(shallow).sum::<usize>()),
            Value::Object(m) => (m.len(), m.iter().map(|(k, v)| k.len() + shallow(v)).sum::<usize>()),
            _ => return STEP,
        },
    };
    match name {
        "sort" => nodes.saturating_mul(1 + len.max(1).ilog2() as usize),
        "reverse" | "join" | "seq_contains" | "keys" | "values" => nodes,
        _ => STEP,
    }
}

/// The cost of touching one element: a step plus its string bytes (nested containers are
/// charged by `Budget` when they are copied).
fn shallow(v: &Value) -> usize {
    super::budget::STEP + v.as_str().map_or(0, str::len)
}

/// Applies a built-in; `None` target means missing. `Err(())` is a runtime error.
pub(crate) fn apply<'a>(
    name: &str,
    target: Option<Val<'a>>,
    args: &[Val<'a>],
) -> Result<Option<Val<'a>>, ()> {
    let missing_ok = matches!(name, "has_content" | "exists" | "if_exists" | "default");
    let Some(target) = target else {
        return match name {
            "has_content" | "exists" => Ok(Some(Val::owned(Value::Bool(false)))),
            "if_exists" => Ok(Some(Val::str(""))),
            "default" => Ok(args.first().cloned()),
            _ => Err(()),
        };
    };
    if missing_ok {
        return Ok(Some(match name {
            "has_content" => Val::owned(Value::Bool(has_content(&target))),
            "exists" => Val::owned(Value::Bool(true)),
            _ => target,
        }));
    }
    if let Val::Markup(m) = &target
        && let Some(v) = markup_builtin(name, m, args)?
    {
        return Ok(Some(v));
    }
    if let Some(s) = target.as_str()
        && let Some(v) = string_builtin(name, s, args)?
    {
        return Ok(Some(v));
    }
    let json = target.json();
    let v = match (name, json.as_ref()) {
        ("is_string", v) => Value::Bool(v.is_string()),
        ("is_number", v) => Value::Bool(v.is_number()),
        ("is_boolean", v) => Value::Bool(v.is_boolean()),
        ("is_sequence", v) => Value::Bool(v.is_array()),
        ("is_hash" | "is_hash_ex", v) => Value::Bool(v.is_object()),
        ("c" | "string", Value::Number(_)) if args.is_empty() => {
            Value::String(c_number(json.as_f64().ok_or(())?))
        }
        ("c", Value::Bool(b)) => Value::String(b.to_string()),
        ("string", Value::Bool(b)) => match args {
            [t, f] => return Ok(Some(if *b { t.clone() } else { f.clone() })),
            [] => Value::String(b.to_string()),
            _ => return Err(()),
        },
        ("then", Value::Bool(b)) => match args {
            [t, f] => return Ok(Some(if *b { t.clone() } else { f.clone() })),
            _ => return Err(()),
        },
        (_, Value::Number(_)) => number_builtin(name, json.as_f64().ok_or(())?)?,
        (_, Value::Array(items)) => return seq_builtin(name, items, args),
        ("size", Value::Object(m)) => Value::from(m.len()),
        ("keys", Value::Object(m)) => Value::Array(m.keys().map(|k| Value::String(k.clone())).collect()),
        ("values", Value::Object(m)) => Value::Array(m.values().cloned().collect()),
        _ => return Err(()),
    };
    Ok(Some(Val::owned(v)))
}

fn has_content(v: &Val<'_>) -> bool {
    match v.json().as_ref() {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
        _ => true,
    }
}

fn arg_str<'v>(args: &'v [Val<'_>], i: usize) -> Result<&'v str, ()> {
    args.get(i).and_then(Val::as_str).ok_or(())
}

fn string_builtin<'a>(name: &str, s: &str, args: &[Val<'a>]) -> Result<Option<Val<'a>>, ()> {
    let v = match name {
        "upper_case" => Val::str(s.to_uppercase()),
        "lower_case" => Val::str(s.to_lowercase()),
        "cap_first" => Val::str(map_first(s, |c| c.to_uppercase().collect())),
        "uncap_first" => Val::str(map_first(s, |c| c.to_lowercase().collect())),
        "capitalize" => Val::str(
            s.split(' ')
                .map(|w| map_first(&w.to_lowercase(), |c| c.to_uppercase().collect()))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        "trim" => Val::str(s.trim()),
        "length" => Val::owned(Value::from(s.chars().count())),
        "html" | "xml" | "xhtml" => Val::Markup(to_markup(s)),
        "no_esc" | "string" | "c" => Val::str(s),
        "contains" => Val::owned(Value::Bool(s.contains(arg_str(args, 0)?))),
        "starts_with" => Val::owned(Value::Bool(s.starts_with(arg_str(args, 0)?))),
        "ends_with" => Val::owned(Value::Bool(s.ends_with(arg_str(args, 0)?))),
        "index_of" => {
            Val::owned(Value::from(s.find(arg_str(args, 0)?).map_or(-1, |i| s[..i].chars().count() as i64)))
        }
        "replace" => {
            let from = arg_str(args, 0)?;
            if from.is_empty() {
                return Err(());
            }
            let to = arg_str(args, 1)?;
            let grows = s.matches(from).count().saturating_mul(to.len());
            if s.len().saturating_add(grows) > crate::limits::MAX_INPUT_BYTES {
                return Err(());
            }
            Val::str(s.replace(from, to))
        }
        "split" => {
            let sep = arg_str(args, 0)?;
            if sep.is_empty() {
                return Err(());
            }
            Val::owned(Value::Array(s.split(sep).map(|p| Value::String(p.to_owned())).collect()))
        }
        "number" => Val::owned(
            s.trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or(())?,
        ),
        "boolean" => match s {
            "true" => Val::owned(Value::Bool(true)),
            "false" => Val::owned(Value::Bool(false)),
            _ => return Err(()),
        },
        "url" => Val::str(url_encode(s)),
        "size" | "first" | "last" | "join" | "keys" | "values" => return Err(()),
        _ => return Ok(None),
    };
    Ok(Some(v))
}

/// Text as `?html` writes it: XML-escaped, `'` included.
pub(crate) fn to_markup(s: &str) -> String {
    escaped(s).replace('\'', "&#39;")
}

/// The text behind markup this module wrote (the inverse of [`to_markup`]).
fn from_markup(m: &str) -> String {
    m.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#123;", "{")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

/// Built-ins that keep an escaped value (`?html`'s) escaped: the case and whitespace
/// built-ins work on the text and escape the result once, and `?string`, `?c` and `?no_esc`
/// leave it as it is. So `${x?html?upper_case}` shows `<I>` for `<i>`, not `&lt;i&gt;` (and
/// not FreeMarker's `&LT;I&GT;`, which is not even XML). Other built-ins read the escaped text.
fn markup_builtin<'a>(name: &str, m: &str, args: &[Val<'a>]) -> Result<Option<Val<'a>>, ()> {
    match name {
        "string" | "c" | "no_esc" => Ok(Some(Val::Markup(m.to_owned()))),
        "trim" | "upper_case" | "lower_case" | "cap_first" | "uncap_first" | "capitalize" => {
            let text = from_markup(m);
            match string_builtin(name, &text, args)? {
                Some(v) => Ok(Some(Val::Markup(to_markup(v.as_str().ok_or(())?)))),
                None => Err(()),
            }
        }
        _ => Ok(None),
    }
}

fn map_first(s: &str, f: impl Fn(char) -> String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => f(c) + chars.as_str(),
        None => String::new(),
    }
}

fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn number_builtin(name: &str, n: f64) -> Result<Value, ()> {
    let v = match name {
        "round" => n.round(),
        "floor" => n.floor(),
        "ceiling" => n.ceil(),
        "abs" => n.abs(),
        "int" => n.trunc(),
        _ => return Err(()),
    };
    serde_json::Number::from_f64(v).map(Value::Number).ok_or(())
}

fn seq_builtin<'a>(name: &str, items: &[Value], args: &[Val<'a>]) -> Result<Option<Val<'a>>, ()> {
    let v = match name {
        "size" => Value::from(items.len()),
        "first" => {
            return Ok(items.first().filter(|v| !v.is_null()).cloned().map(Val::owned));
        }
        "last" => {
            return Ok(items.last().filter(|v| !v.is_null()).cloned().map(Val::owned));
        }
        "reverse" => Value::Array(items.iter().rev().cloned().collect()),
        "seq_contains" => {
            let needle = args.first().ok_or(())?.json().into_owned();
            Value::Bool(items.contains(&needle))
        }
        "sort" => {
            let mut sorted = items.to_vec();
            if sorted.iter().all(Value::is_string) {
                sorted.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            } else if sorted.iter().all(Value::is_number) {
                sorted
                    .sort_by(|a, b| a.as_f64().partial_cmp(&b.as_f64()).unwrap_or(std::cmp::Ordering::Equal));
            } else {
                return Err(());
            }
            Value::Array(sorted)
        }
        "join" => {
            let sep = arg_str(args, 0)?;
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                parts.push(match item {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => super::value::human_number(n.as_f64().ok_or(())?),
                    Value::Null => continue,
                    _ => return Err(()),
                });
            }
            let total = parts
                .iter()
                .map(String::len)
                .sum::<usize>()
                .saturating_add(sep.len().saturating_mul(parts.len()));
            if total > crate::limits::MAX_INPUT_BYTES {
                return Err(());
            }
            if parts.is_empty() && args.len() > 1 {
                return Ok(Some(args[1].clone()));
            }
            Value::String(parts.join(sep))
        }
        _ => return Err(()),
    };
    Ok(Some(Val::owned(v)))
}
