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

/// `disabled-timezone`: a JSON array of zone ids, each checked as `value` is, re-serialised.
pub(crate) fn zone_array(name: &str, value: &str) -> Result<String> {
    let items = parse_array(name, value)?;
    if !items.iter().all(Value::is_string) {
        return Err(invalid(name));
    }
    if let Some(tz) = items.iter().filter_map(Value::as_str).find(|tz| !is_zone_id(tz)) {
        return Err(invalid_timezone(name, tz));
    }
    Ok(Value::Array(items).to_string())
}

/// `Attribute "a" contains an invalid timezone: tz`.
pub(crate) fn invalid_timezone(attr: &str, tz: &str) -> MessageMlError {
    MessageMlError::invalid(format!("Attribute \"{attr}\" contains an invalid timezone: {tz}"))
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

/// What Java's `ZoneId.of` accepts: `Z`; an offset (`+h`, `+hh`, `+hh:mm`, `+hhmm`,
/// `+hh:mm:ss`, `+hhmmss`, within ±18:00); `UTC`, `GMT` or `UT`, alone or followed by such an
/// offset; or a region id of the tz database (`Europe/Paris`, `US/Eastern`, `Etc/GMT+5`),
/// case-sensitive, looked up in [`super::zone_names::ZONE_NAMES`].
pub(crate) fn is_zone_id(z: &str) -> bool {
    if z == "Z" || z.starts_with(['+', '-']) {
        return z == "Z" || is_offset(z);
    }
    for prefix in ["UTC", "GMT", "UT"] {
        if let Some(rest) = z.strip_prefix(prefix)
            && (rest.is_empty() || rest.starts_with(['+', '-']))
        {
            return rest.is_empty() || is_offset(rest);
        }
    }
    super::zone_names::ZONE_NAMES.binary_search(&z).is_ok()
}

/// A `ZoneOffset` id: a sign, then hours, minutes and seconds in one of Java's layouts, at most
/// 18 hours in all.
fn is_offset(o: &str) -> bool {
    let b = o.as_bytes();
    if !matches!(b.first(), Some(b'+' | b'-')) {
        return false;
    }
    let num = |i: usize| -> Option<u32> {
        let (h, l) = (*b.get(i)?, *b.get(i + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit()).then(|| u32::from(h - b'0') * 10 + u32::from(l - b'0'))
    };
    let colon = |i: usize| b.get(i) == Some(&b':');
    let parts = match b.len() {
        2 if b[1].is_ascii_digit() => Some((u32::from(b[1] - b'0'), 0, 0)),
        3 => num(1).map(|h| (h, 0, 0)),
        5 => num(1).zip(num(3)).map(|(h, m)| (h, m, 0)),
        6 if colon(3) => num(1).zip(num(4)).map(|(h, m)| (h, m, 0)),
        7 => num(1).zip(num(3)).zip(num(5)).map(|((h, m), s)| (h, m, s)),
        9 if colon(3) && colon(6) => num(1).zip(num(4)).zip(num(7)).map(|((h, m), s)| (h, m, s)),
        _ => None,
    };
    parts.is_some_and(|(h, m, s)| h <= 18 && m <= 59 && s <= 59 && h * 3600 + m * 60 + s <= 18 * 3600)
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
    fn zone_ids_are_region_ids_of_the_tz_database_or_offsets_within_eighteen_hours() {
        for ok in [
            "Europe/Paris",
            "US/Eastern",
            "Etc/GMT+5",
            "UTC",
            "GMT",
            "UT",
            "Z",
            "GMT0",
            "UCT",
            "Zulu",
            "+5",
            "+05",
            "+0500",
            "+05:00",
            "+050000",
            "+05:00:00",
            "-18",
            "+18:00",
            "UTC+01:00",
            "GMT-3",
            "UT+5",
            "GMT+05:30",
            "GMT+0",
        ] {
            assert!(is_zone_id(ok), "{ok}");
        }
        for bad in [
            "Mars/Olympus",
            "Foo/Bar",
            "europe/paris",
            "Paris",
            "Europe/",
            "",
            "z",
            " UTC",
            "UTC ",
            "UTC0",
            "UTC+",
            "GMT+25",
            "+19",
            "+18:00:01",
            "+1:00",
            "+05:60",
            "+05:00:60",
            "+05:3",
            "EST",
            "ROC",
            "Factory",
        ] {
            assert!(!is_zone_id(bad), "{bad}");
        }
    }

    #[test]
    fn the_zone_list_is_sorted_for_binary_search() {
        let names = crate::forms::zone_names::ZONE_NAMES;
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(names.len() > 590);
    }
}
