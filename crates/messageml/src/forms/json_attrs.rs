//! Values inside picker and selector attributes: ISO dates and times, the JSON interval
//! lists of date- and time-pickers, id arrays, and time-zone ids.
//!
//! Interval lists are re-serialised compactly with a `"type"` member first (`date`, `range`,
//! `weekdays`, `time`), as the reference writes them, so clients never see the raw input.

use serde_json::Value;

use crate::error::{MessageMlError, Result, too_long};

/// Longest JSON attribute accepted.
const MAX_JSON: usize = 1024;

/// `YYYY-MM-DD`, a real calendar date.
pub(crate) fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let (Ok(y), Ok(m), Ok(day)) = (d[0..4].parse::<u32>(), d[5..7].parse::<u32>(), d[8..10].parse::<u32>())
    else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `HH:mm:ss`.
pub(crate) fn is_hms(t: &str) -> bool {
    t.len() == 8 && crate::convert::is_time(t, false)
}

fn invalid(name: &str) -> MessageMlError {
    MessageMlError::invalid(format!("The attribute \"{name}\" has an invalid JSON value"))
}

fn parse_array(name: &str, value: &str) -> Result<Vec<Value>> {
    if value.chars().count() > MAX_JSON {
        return Err(too_long(name, MAX_JSON));
    }
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Array(items)) => Ok(items),
        _ => Err(invalid(name)),
    }
}

fn str_field<'v>(obj: &'v serde_json::Map<String, Value>, key: &str) -> Option<&'v str> {
    obj.get(key).and_then(Value::as_str)
}

/// Writes `{"type":TYPE,k1:v1,…}` compactly.
fn typed(ty: &str, fields: &[(&str, Value)]) -> String {
    let mut s = format!("{{\"type\":{}", Value::from(ty));
    for (k, v) in fields {
        s.push_str(&format!(",{}:{}", Value::from(*k), v));
    }
    s.push('}');
    s
}

/// date-picker `disabled-date` / `highlighted-date`.
pub(crate) fn date_intervals(name: &str, value: &str) -> Result<String> {
    let mut parts = Vec::new();
    for item in parse_array(name, value)? {
        let Value::Object(obj) = item else {
            return Err(invalid(name));
        };
        let part = if let Some(day) = str_field(&obj, "day") {
            is_iso_date(day).then(|| typed("date", &[("day", day.into())]))
        } else if let (Some(from), Some(to)) = (str_field(&obj, "from"), str_field(&obj, "to")) {
            (is_iso_date(from) && is_iso_date(to))
                .then(|| typed("range", &[("from", from.into()), ("to", to.into())]))
        } else if let Some(Value::Array(days)) = obj.get("daysOfWeek") {
            let ok = days.iter().all(|d| d.as_u64().is_some_and(|n| n <= 6));
            ok.then(|| typed("weekdays", &[("daysOfWeek", Value::Array(days.clone()))]))
        } else {
            None
        };
        parts.push(part.ok_or_else(|| invalid(name))?);
    }
    Ok(format!("[{}]", parts.join(",")))
}

/// A JSON array of strings (time-zone ids for `disabled-timezone`), re-serialised.
pub(crate) fn string_array(name: &str, value: &str) -> Result<String> {
    let items = parse_array(name, value)?;
    if !items.iter().all(Value::is_string) {
        return Err(invalid(name));
    }
    Ok(Value::Array(items).to_string())
}

/// A JSON array of user ids (numbers, or strings of digits), at most `max` long.
pub(crate) fn id_array(name: &str, value: &str, max: usize) -> Result<String> {
    let items = parse_array(name, value)?;
    let ok = items.iter().all(|v| v.is_i64() || v.as_str().is_some_and(|s| s.parse::<i64>().is_ok()));
    if !ok {
        return Err(invalid(name));
    }
    if items.len() > max {
        return Err(MessageMlError::invalid(format!(
            "The attribute \"{name}\" cannot contain more than {max} values"
        )));
    }
    Ok(Value::Array(items).to_string())
}

/// A Java `ZoneId`, syntactically: `Z`, `UTC`/`GMT`/`UT` with an optional offset, an offset,
/// or a region id such as `Europe/Paris` (not checked against the tz database).
pub(crate) fn is_zone_id(z: &str) -> bool {
    let offset = |o: &str| {
        let Some(rest) = o.strip_prefix('+').or_else(|| o.strip_prefix('-')) else {
            return false;
        };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        matches!(digits.len(), 1 | 2 | 4 | 6) && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if z == "Z" || offset(z) {
        return true;
    }
    for prefix in ["UTC", "GMT", "UT"] {
        if let Some(rest) = z.strip_prefix(prefix) {
            return rest.is_empty() || offset(rest);
        }
    }
    let segment = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '~' | '.'))
    };
    z.contains('/') && z.split('/').all(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_are_checked() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("24-01-01"));
    }

    #[test]
    fn date_intervals_get_their_type() {
        let out = date_intervals(
            "disabled-date",
            r#"[{"day":"2024-01-02"},{"from":"2024-01-03","to":"2024-01-05"},{"daysOfWeek":[0,6]}]"#,
        )
        .unwrap();
        assert_eq!(
            out,
            r#"[{"type":"date","day":"2024-01-02"},{"type":"range","from":"2024-01-03","to":"2024-01-05"},{"type":"weekdays","daysOfWeek":[0,6]}]"#
        );
        assert!(date_intervals("disabled-date", r#"[{"day":"nope"}]"#).is_err());
    }

    #[test]
    fn zone_ids_are_checked_for_shape() {
        assert!(is_zone_id("Europe/Paris"));
        assert!(is_zone_id("UTC"));
        assert!(is_zone_id("+01:00"));
        assert!(!is_zone_id("Paris"));
        assert!(!is_zone_id("Europe/"));
    }
}
