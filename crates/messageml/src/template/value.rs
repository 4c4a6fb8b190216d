//! Template values: borrowed or computed JSON, or markup that must not be escaped again.

use std::borrow::Cow;

use serde_json::Value;

/// A value during evaluation.
#[derive(Debug, Clone)]
pub(crate) enum Val<'a> {
    Json(Cow<'a, Value>),
    /// Already-escaped output of `?html` / `?xml` / `?no_esc`.
    Markup(String),
}

impl<'a> Val<'a> {
    pub fn owned(v: Value) -> Self {
        Val::Json(Cow::Owned(v))
    }

    pub fn str(s: impl Into<String>) -> Self {
        Val::owned(Value::String(s.into()))
    }

    pub fn json(&self) -> Cow<'_, Value> {
        match self {
            Val::Json(v) => Cow::Borrowed(v.as_ref()),
            Val::Markup(s) => Cow::Owned(Value::String(s.clone())),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Json(v) => v.as_str(),
            Val::Markup(s) => Some(s),
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Val::Json(v) => v.as_f64(),
            Val::Markup(_) => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Json(v) => v.as_bool(),
            Val::Markup(_) => None,
        }
    }
}

/// A number as FreeMarker's computer format (`?c`) writes it.
pub(crate) fn c_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A number as the default (en_US) number format writes it: grouping, at most 3 decimals.
pub(crate) fn human_number(n: f64) -> String {
    let mut out = String::new();
    push_human_number(&mut out, n);
    out
}

/// Appends [`human_number`]`(n)` to `out`. Interpolating numbers is the template hot path, so
/// the integer part is written without intermediate strings.
pub(crate) fn push_human_number(out: &mut String, n: f64) {
    let rounded = (n * 1000.0).round() / 1000.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc();
    if negative {
        out.push('-');
    }
    if int < 1e15 {
        // What `c_number` gives for a whole number below 1e15: its decimal digits.
        push_grouped(out, int as u64);
    } else {
        let mut digits = c_number(int);
        let mut grouped = String::new();
        while digits.len() > 3 {
            let tail = digits.split_off(digits.len() - 3);
            grouped = format!(",{tail}{grouped}");
        }
        out.push_str(&digits);
        out.push_str(&grouped);
    }
    let frac = abs - int;
    if frac > 0.0 {
        push_fraction(out, frac);
    }
}

/// Appends `format!("{frac:.3}")` without its leading and trailing zeros, for `0 < frac < 1`.
/// `frac` is nearly always within float error of a multiple of 0.001 (the number was rounded
/// to 3 decimals), far from a rounding tie, so the digits are those of `frac * 1000`
/// rounded; anything else takes the formatting path.
fn push_fraction(out: &mut String, frac: f64) {
    let scaled = frac * 1000.0;
    let k = scaled.round();
    if (scaled - k).abs() >= 0.25 || !(0.0..=1000.0).contains(&k) {
        let f = format!("{frac:.3}");
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
        return;
    }
    let k = k as u32;
    if k == 1000 {
        out.push_str("1.");
        return;
    }
    out.push('.');
    let digits = [k / 100, k / 10 % 10, k % 10].map(|d| char::from(b'0' + d as u8));
    let mut len = 3;
    while len > 0 && digits[len - 1] == '0' {
        len -= 1;
    }
    digits[..len].iter().for_each(|&c| out.push(c));
}

/// `n` in decimal with a comma every three digits from the right.
fn push_grouped(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits[i]));
        if i > 0 && i % 3 == 0 {
            out.push(',');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_like_freemarker_defaults() {
        assert_eq!(human_number(1234567.0), "1,234,567");
        assert_eq!(human_number(-1234.5), "-1,234.5");
        assert_eq!(human_number(0.12345), "0.123");
        assert_eq!(c_number(1234.5), "1234.5");
        assert_eq!(c_number(42.0), "42");
    }

    #[test]
    fn the_fast_number_path_matches_the_original() {
        let fixed = [0.0, -0.0, 7.0, 999.0, 1000.0, 12345.678, -0.0004, 999_999.999_9, 1e15, 1e20, -2.5e16];
        let specials = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let random = (0..20_000).map(|i| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mantissa = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let sign = if seed & 1 == 0 { 1.0 } else { -1.0 };
            sign * mantissa * 10f64.powi(i % 19 - 3)
        });
        for n in fixed.into_iter().chain(specials).chain(random) {
            assert_eq!(human_number(n), slow_human_number(n), "{n}");
        }
    }

    /// The original implementation, kept as the reference for the fast path.
    fn slow_human_number(n: f64) -> String {
        let rounded = (n * 1000.0).round() / 1000.0;
        let negative = rounded < 0.0;
        let abs = rounded.abs();
        let int = abs.trunc();
        let mut digits = c_number(int);
        let mut grouped = String::new();
        while digits.len() > 3 {
            let tail = digits.split_off(digits.len() - 3);
            grouped = format!(",{tail}{grouped}");
        }
        let mut out = format!("{}{digits}{grouped}", if negative { "-" } else { "" });
        let frac = abs - int;
        if frac > 0.0 {
            let f = format!("{frac:.3}");
            out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
        }
        out
    }
}
