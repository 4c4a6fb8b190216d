//! Escaping for PresentationML output. The only way text reaches the output.
//!
//! The reference escapes `<`, `>`, `&` and `"` in text and normal attributes and leaves `'`
//! raw; JSON attributes are single-quoted, so there `'` is escaped and `"` left raw.

/// Appends `s` escaped for text content. A carriage return is written `&#13;`: raw, the
/// next parse would normalise it away (`\r\n` to `\n`), and re-conversion would change the
/// text. The `${`/`#{` check starts from the last byte already in `buf`, because two text runs
/// can meet in the output (markup never ends in `$` or `#`).
pub(crate) fn push_escaped(buf: &mut String, s: &str) {
    let mut last = 0;
    let mut prev = buf.as_bytes().last().copied().unwrap_or(0);
    for (i, b) in s.bytes().enumerate() {
        let after = std::mem::replace(&mut prev, b);
        let rep = match b {
            b'{' if after == b'$' || after == b'#' => "&#123;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\r' => "&#13;",
            _ => continue,
        };
        buf.push_str(&s[last..i]);
        buf.push_str(rep);
        last = i + 1;
    }
    buf.push_str(&s[last..]);
}

/// Appends template data: as [`push_escaped`], plus `'` as `&#39;`, because the template may
/// put the data inside a single-quoted attribute, where a raw `'` would end the value.
pub(crate) fn push_escaped_data(buf: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b'\'' {
            push_escaped(buf, &s[last..i]);
            buf.push_str("&#39;");
            last = i + 1;
        }
    }
    push_escaped(buf, &s[last..]);
}

/// Appends `s` escaped for a double-quoted attribute: as for text, plus tab, newline and
/// carriage return as character references, so a parser's attribute-value normalisation
/// gives back the same value (this keeps re-conversion stable).
pub(crate) fn push_escaped_attr(buf: &mut String, s: &str) {
    let mut last = 0;
    let mut prev = 0u8;
    for (i, b) in s.bytes().enumerate() {
        let after = std::mem::replace(&mut prev, b);
        let rep = match b {
            b'{' if after == b'$' || after == b'#' => "&#123;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\t' => "&#9;",
            b'\n' => "&#10;",
            b'\r' => "&#13;",
            _ => continue,
        };
        buf.push_str(&s[last..i]);
        buf.push_str(rep);
        last = i + 1;
    }
    buf.push_str(&s[last..]);
}

/// Appends `s` escaped for a single-quoted (JSON) attribute.
pub(crate) fn push_escaped_single(buf: &mut String, s: &str) {
    let mut last = 0;
    let mut prev = 0u8;
    for (i, b) in s.bytes().enumerate() {
        let after = std::mem::replace(&mut prev, b);
        let rep = match b {
            b'{' if after == b'$' || after == b'#' => "&#123;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'\'' => "&apos;",
            _ => continue,
        };
        buf.push_str(&s[last..i]);
        buf.push_str(rep);
        last = i + 1;
    }
    buf.push_str(&s[last..]);
}

/// `s` escaped for text (used by the template engine's `?html` / default escaping).
pub(crate) fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_apostrophes_are_left_raw() {
        assert_eq!(escaped(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;'");
    }

    #[test]
    fn template_openers_are_broken_up() {
        assert_eq!(escaped("${a} #{b} {c}"), "$&#123;a} #&#123;b} {c}");
    }

    #[test]
    fn json_attributes_escape_apostrophes_and_keep_double_quotes() {
        let mut s = String::new();
        push_escaped_single(&mut s, r#"{"a":"it's <b>"}"#);
        assert_eq!(s, r#"{"a":"it&apos;s &lt;b&gt;"}"#);
    }
}
