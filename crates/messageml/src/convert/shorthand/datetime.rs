//! `<dateTime value [format]/>` (MessageML) and `<time …>` (its PresentationML form).
//!
//! MessageML output is `<span><time data-entity-id datetime data-format>V</time></span>`; the
//! `span` is an ordinary span when PresentationML comes back in, so the `time` element alone
//! maps back to the date-time, keeping its entity id.

use crate::convert::{Attrs, Converter, Ctx, Kind, Mode, Spec, no_content, text_only};
use crate::entities::Entity;
use crate::error::{MessageMlError, Result, attr_one_of, attr_required};
use crate::out::{Md, Out, OutEl};
use crate::xml::Element;

const MML: &[Spec] = &[Spec::same("format"), Spec::same("value")];
const PML: &[Spec] = &[
    Spec::same("data-entity-id"),
    Spec::same("datetime"),
    Spec::same("data-format"),
    Spec::same("format"),
    Spec::same("value"),
];
const FORMATS: &[&str] = &["date_time", "date", "time", "time_secs"];

/// Builds a date-time.
pub(crate) fn date_time(cv: &mut Converter<'_>, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let pml_time = el.name == "time";
    let attrs = Attrs::read(el, cv.mode, if cv.mode == Mode::PresentationMl { PML } else { MML })?;
    let existing = attrs.get("data-entity-id");
    let key = match existing {
        Some(k) => k.to_owned(),
        None => cv.state.next_key("datetime"),
    };
    let children = cv.build_children(el, ctx.child(Kind::DateTime, &el.name))?;
    let value = attrs.get("value").or(attrs.get("datetime")).ok_or_else(|| attr_required("value"))?;
    if !is_offset_date_time(value) {
        return Err(MessageMlError::invalid("Attribute \"value\" has invalid date format"));
    }
    let format = attrs.get("format").or(attrs.get("data-format"));
    if format.is_some_and(|f| !FORMATS.contains(&f)) {
        return Err(attr_one_of("format", &el.name, FORMATS));
    }
    if pml_time {
        text_only(&el.name, &children)?
    } else {
        no_content(&el.name, &children)?
    }
    if existing.is_none() {
        let entity = Entity::DateTime { value: value.to_owned(), format: format.map(str::to_owned) };
        cv.state.generate(key.clone(), entity);
    }
    cv.state.count_entity()?;
    let mut time = OutEl::new("time", Md::Plain);
    time.attr("data-entity-id", key);
    time.attr("datetime", value);
    time.attr_opt("data-format", format);
    let time = time.with_children(vec![Out::Text(value.to_owned())]).into_out();
    if pml_time {
        return Ok(time);
    }
    Ok(OutEl::new("span", Md::Plain).with_children(vec![time]).into_out())
}

/// `java.time` ISO_OFFSET_DATE_TIME: `YYYY-MM-DDTHH:MM[:SS[.f{1,9}]](Z|±HH:MM[:SS])`.
pub(crate) fn is_offset_date_time(v: &str) -> bool {
    let Some((date, rest)) = v.split_once('T') else {
        return false;
    };
    if !crate::forms::is_iso_date(date) {
        return false;
    }
    let split = rest.find(['Z', 'z', '+', '-']);
    let Some(split) = split else { return false };
    let (time, offset) = rest.split_at(split);
    is_time(time, true) && is_offset(offset)
}

fn two_digits(s: &str, max: u32) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u32>().is_ok_and(|n| n <= max)
}

/// `HH:MM[:SS[.fraction]]` (`fraction` only when `allow_fraction`).
pub(crate) fn is_time(t: &str, allow_fraction: bool) -> bool {
    let (main, fraction) = match t.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (t, None),
    };
    let parts: Vec<&str> = main.split(':').collect();
    let fields_ok = match parts.as_slice() {
        [h, m] => two_digits(h, 23) && two_digits(m, 59) && fraction.is_none(),
        [h, m, s] => two_digits(h, 23) && two_digits(m, 59) && two_digits(s, 59),
        _ => false,
    };
    let fraction_ok = fraction.is_none_or(|f| {
        allow_fraction && (1..=9).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit())
    });
    fields_ok && fraction_ok
}

fn is_offset(o: &str) -> bool {
    if o == "Z" || o == "z" {
        return o == "Z";
    }
    let Some(rest) = o.strip_prefix('+').or_else(|| o.strip_prefix('-')) else {
        return false;
    };
    let parts: Vec<&str> = rest.split(':').collect();
    match parts.as_slice() {
        [h, m] => two_digits(h, 18) && two_digits(m, 59),
        [h, m, s] => two_digits(h, 18) && two_digits(m, 59) && two_digits(s, 59),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_offset_date_time;

    #[test]
    fn iso_offset_date_times_are_recognised() {
        assert!(is_offset_date_time("2024-12-31T09:29:47Z"));
        assert!(is_offset_date_time("2024-12-31T09:29+01:00"));
        assert!(is_offset_date_time("2024-02-29T09:29:47.123456789-05:30"));
        assert!(!is_offset_date_time("2024-12-31T09:29:47"));
        assert!(!is_offset_date_time("2023-02-29T09:29:47Z"));
        assert!(!is_offset_date_time("2024-12-31 09:29:47Z"));
        assert!(!is_offset_date_time("2024-12-31T25:00Z"));
    }
}
