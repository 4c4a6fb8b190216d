//! `<time-picker>` (`<input type="time">`), checked in the reference's order with its words.

use serde_json::Value;

use super::json_attrs::is_hms;
use super::{booleans, label_title, require_form, wrapper};
use crate::convert::basic::open;
use crate::convert::{Converter, Ctx, Kind, Spec, no_content};
use crate::error::{MessageMlError, Result, too_long};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const TIME: &[Spec] = &[
    Spec::same("name"),
    Spec::same("value"),
    Spec::same("min"),
    Spec::same("max"),
    Spec::same("placeholder"),
    Spec::same("step"),
    Spec::renamed("format", "data-format"),
    Spec::renamed("strict", "data-strict"),
    Spec::renamed("disabled-time", "data-disabled-time"),
    Spec::same("required"),
    Spec::same("disabled"),
    Spec::same("readonly"),
    Spec::same("label"),
    Spec::same("title"),
    Spec::renamed("formnovalidate", "data-formnovalidate"),
    Spec::pml_only("type"),
    Spec::pml_only("id"),
];

/// Longest `disabled-time`, and longest name, placeholder and format.
const MAX_JSON: usize = 1024;
const MAX_LEN: usize = 64;

fn invalid(msg: impl Into<String>) -> MessageMlError {
    MessageMlError::invalid(msg)
}

/// Builds a time-picker.
pub(crate) fn time_picker(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let (attrs, children) = open(cv, Kind::TimePicker, el, ctx, TIME)?;
    no_content(&el.name, &children)?;
    label_title(&attrs, 256)?;
    booleans(&attrs, "time-picker", &["formnovalidate"])?;
    require_form(&el.name, ctx)?;
    let name = attrs.required_non_blank("name")?;
    attrs.max_len("name", MAX_LEN)?;
    attrs.max_len("placeholder", MAX_LEN)?;
    let disabled = attrs.get("disabled-time").map(disabled_time).transpose()?;
    if let Some(step) = attrs.get("step") {
        let step: i32 = step.parse().map_err(|_| invalid("Attribute \"step\" should be a number."))?;
        if !(600..=43_200).contains(&step) {
            return Err(invalid("Attribute \"step\" must be less than \"43200\" and more than \"600\"."));
        }
    }
    if let Some(format) = attrs.get("format") {
        check_format(format)?;
    }
    for attr in ["min", "max", "value"] {
        if attrs.get(attr).is_some_and(|t| !is_hms(t)) {
            return Err(invalid(format!(
                "Attribute \"{attr}\" has invalid time format, only HH:mm:ss format is allowed"
            )));
        }
    }
    booleans(&attrs, "time-picker", &["required", "strict", "disabled", "readonly"])?;
    cv.state.field(name);
    let mut out = OutEl::new("input", Md::Field(format!("Time Picker:{name}"))).empty();
    out.attr_static("type", "time");
    out.attr("name", name);
    for attr in ["value", "placeholder", "min", "max", "step"] {
        out.attr_opt(attr, attrs.get(attr));
    }
    out.attr_opt("data-format", attrs.get("format"));
    out.attr_opt("data-strict", attrs.get("strict"));
    if let Some(json) = disabled {
        out.json_attr("data-disabled-time", json);
    }
    for attr in ["required", "disabled", "readonly"] {
        out.attr_opt(attr, attrs.get(attr));
    }
    out.attr_opt("data-formnovalidate", attrs.get("formnovalidate"));
    Ok(wrapper::finish(cv, "time-picker", &attrs, out))
}

/// `format`: at most 64 characters of `h H m s a`, `:` and space, each letter repeated no more
/// than a Java time pattern allows (two, or one for `a`).
fn check_format(format: &str) -> Result<()> {
    if format.encode_utf16().count() > MAX_LEN {
        return Err(too_long("format", MAX_LEN));
    }
    if format.is_empty() || !format.chars().all(|c| matches!(c, 'h' | 'H' | 'm' | 's' | 'a' | ':' | ' ')) {
        return Err(invalid(
            "Attribute \"format\" contains an unsupported time format, only 'h', 'm' 's' and 'a' are supported with ':' or space as separator",
        ));
    }
    let bytes = format.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        run = if i > 0 && bytes[i - 1] == b { run + 1 } else { 1 };
        let most = match b {
            b'a' => 1,
            b':' | b' ' => usize::MAX,
            _ => 2,
        };
        if run > most {
            return Err(invalid("Attribute \"format\" contains an invalid time format"));
        }
    }
    Ok(())
}

/// `disabled-time`: a JSON array of `{"time"}` or `{"from","to"}` objects, written back with
/// a `"type"` member first.
fn disabled_time(value: &str) -> Result<String> {
    if value.encode_utf16().count() > MAX_JSON {
        return Err(invalid(format!(
            "Attribute \"disabled-time\" exceed maximum allowed length ({MAX_JSON})"
        )));
    }
    let parse_error = |cause: &dyn std::fmt::Display| {
        invalid(format!("Error parsing json in attribute \"disabled-time\": {cause}"))
    };
    let items = match serde_json::from_str::<Value>(value) {
        Ok(Value::Array(items)) => items,
        Ok(_) => return Err(parse_error(&"expected an array of time intervals")),
        Err(e) => return Err(parse_error(&e)),
    };
    let mut out = String::from("[");
    for item in &items {
        let Value::Object(obj) = item else {
            return Err(parse_error(&"expected a time interval object"));
        };
        let field = |key: &str| -> Result<Option<&str>> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(parse_error(&format!("\"{key}\" must be a string"))),
            }
        };
        let (time, from, to) = (field("time")?, field("from")?, field("to")?);
        // `type` is what this function writes: PresentationML input carries it, and it is
        // worked out again from the other fields.
        if let Some(unknown) = obj.keys().find(|k| !matches!(k.as_str(), "time" | "from" | "to" | "type")) {
            return Err(parse_error(&format!("unrecognized field \"{unknown}\"")));
        }
        if out.len() > 1 {
            out.push(',');
        }
        match (time, from, to) {
            (Some(time), None, None) => {
                check_time(time)?;
                out.push_str(&format!("{{\"type\":\"time\",\"time\":{}}}", Value::from(time)));
            }
            (None, Some(from), Some(to)) => {
                check_time(from)?;
                check_time(to)?;
                out.push_str(&format!(
                    "{{\"type\":\"range\",\"from\":{},\"to\":{}}}",
                    Value::from(from),
                    Value::from(to)
                ));
            }
            _ => return Err(invalid("Time interval 'type' is unknown or null")),
        }
    }
    out.push(']');
    Ok(out)
}

fn check_time(t: &str) -> Result<()> {
    if is_hms(t) {
        Ok(())
    } else {
        Err(invalid(format!("\"{t}\" is not a valid time, only HH:mm:ss format is allowed")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_letters_repeat_at_most_as_java_patterns_allow() {
        for ok in ["HH:mm:ss", "hh:mm a", "H:m:s", "h a", "hh mm ss a", "hh:hh"] {
            assert!(check_format(ok).is_ok(), "{ok}");
        }
        for bad in ["HHH:mm", "hh:mmm", "sss", "hh aa"] {
            assert_eq!(
                check_format(bad).unwrap_err().to_string(),
                "Attribute \"format\" contains an invalid time format",
                "{bad}"
            );
        }
    }

    #[test]
    fn disabled_times_are_typed_and_checked() {
        assert_eq!(
            disabled_time(r#"[{"time":"10:00:00"},{"from":"12:00:00","to":"13:30:00"}]"#).unwrap(),
            r#"[{"type":"time","time":"10:00:00"},{"type":"range","from":"12:00:00","to":"13:30:00"}]"#
        );
        let err = |v: &str| disabled_time(v).unwrap_err().to_string();
        assert_eq!(err(r#"[{"from":"12:00:00"}]"#), "Time interval 'type' is unknown or null");
        assert_eq!(
            err(r#"[{"time":"1:00"}]"#),
            r#""1:00" is not a valid time, only HH:mm:ss format is allowed"#
        );
        assert!(err("[").starts_with("Error parsing json in attribute \"disabled-time\": "));
        assert!(err(r#"[{"day":"x"}]"#).starts_with("Error parsing json in attribute \"disabled-time\": "));
    }
}
