//! The EntityJSON of a converted message: the caller's `data` plus the entities the shorthand
//! tags generated.
//!
//! Generated entities are kept in a compact form and written as JSON directly, instead of as a
//! tree of `serde_json` maps: an entity-dense message has dozens of them, and two maps and about
//! ten strings per entity, built here and freed by the caller, were a third of a conversion's
//! cost. The text written is byte for byte what `serde_json` writes for the same tree
//! ([`EntityJson::to_value`]); a test compares the two.

use std::fmt::{self, Write};

use serde_json::{Map, Value};

/// A generated entity (see the spec's §4), in the shape its JSON is written from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entity {
    /// `{"type":KIND,"version":"1.0","id":[{"type":ID_TYPE,"value":VALUE}]}`: mentions,
    /// hashtags, cashtags and financial tags.
    Id { kind: &'static str, id_type: &'static str, value: String },
    /// `{"type":"com.symphony.emoji","version":"1.0","data":{…}}`.
    Emoji { code: String, size: String, unicode: Option<&'static str>, family: Option<String> },
    /// `{"type":"org.symphonyoss","version":"1.0","data":{"value":…,"type":…,"format":…}}`.
    DateTime { value: String, format: Option<String> },
}

impl Entity {
    /// Writes the entity as compact JSON.
    pub(crate) fn write_json<W: Write>(&self, w: &mut W) -> fmt::Result {
        match self {
            Entity::Id { kind, id_type, value } => {
                w.write_str("{\"type\":")?;
                write_str(w, kind)?;
                w.write_str(",\"version\":\"1.0\",\"id\":[{\"type\":")?;
                write_str(w, id_type)?;
                w.write_str(",\"value\":")?;
                write_str(w, value)?;
                w.write_str("}]}")
            }
            Entity::Emoji { code, size, unicode, family } => {
                w.write_str("{\"type\":\"com.symphony.emoji\",\"version\":\"1.0\",\"data\":{\"shortcode\":")?;
                write_str(w, code)?;
                w.write_str(",\"annotation\":")?;
                write_str(w, code)?;
                w.write_str(",\"size\":")?;
                write_str(w, size)?;
                if let Some(u) = unicode {
                    w.write_str(",\"unicode\":")?;
                    write_str(w, u)?;
                }
                if let Some(f) = family {
                    w.write_str(",\"family\":")?;
                    write_str(w, f)?;
                }
                w.write_str("}}")
            }
            Entity::DateTime { value, format } => {
                w.write_str("{\"type\":\"org.symphonyoss\",\"version\":\"1.0\",\"data\":{\"value\":")?;
                write_str(w, value)?;
                w.write_str(",\"type\":\"org.symphonyoss.datetime\",\"format\":")?;
                match format {
                    Some(f) => write_str(w, f)?,
                    None => w.write_str("null")?,
                }
                w.write_str("}}")
            }
        }
    }

    /// The entity as a JSON tree.
    pub(crate) fn to_value(&self) -> Value {
        let mut s = String::with_capacity(160);
        // Writing to a String cannot fail, and the text is valid JSON by construction.
        let _ = self.write_json(&mut s);
        serde_json::from_str(&s).unwrap_or(Value::Null)
    }
}

/// Writes `s` as a JSON string, escaped as `serde_json` does: `"` and `\`, and control
/// characters as `\b \t \n \f \r` or `\u00xx`; everything else raw.
fn write_str<W: Write>(w: &mut W, s: &str) -> fmt::Result {
    w.write_char('"')?;
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        w.write_str(&s[last..i])?;
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            w.write_str("\\u00")?;
            w.write_char(char::from(HEX[usize::from(b >> 4)]))?;
            w.write_char(char::from(HEX[usize::from(b & 0xf)]))?;
        } else {
            w.write_str(esc)?;
        }
        last = i + 1;
    }
    w.write_str(&s[last..])?;
    w.write_char('"')
}

/// The EntityJSON to serve with a message: the caller's `data` (where generated entities inside
/// an entity element have been filed), then the other generated entities whose keys the caller
/// did not use, in document order.
///
/// `to_string()` (its `Display`) writes the compact JSON directly; [`EntityJson::to_value`]
/// builds the `serde_json` tree for callers that want to look inside.
#[derive(Debug, Clone, Default)]
pub struct EntityJson {
    data: Map<String, Value>,
    generated: Vec<(String, Entity)>,
}

impl EntityJson {
    /// Merges generated entities into the caller's data, as the reference does (its step 10):
    /// an entity generated inside a `class="entity"` element goes into that element's object,
    /// any other at the top level, and a key the caller already used keeps the caller's value.
    pub(crate) fn merge(
        mut data: Map<String, Value>,
        generated: Vec<(Option<String>, String, Entity)>,
    ) -> Self {
        let mut top = Vec::with_capacity(generated.len());
        for (scope, key, entity) in generated {
            match scope {
                // The scope key is in the caller's data (step 6 checked it), so it is found there
                // before any top-level entry appended after the caller's: leaving those for
                // serialisation changes no lookup.
                Some(scope) => {
                    if let Some(Value::Object(obj)) = crate::entity_json::find_path_mut(&mut data, &scope) {
                        obj.entry(key).or_insert_with(|| entity.to_value());
                    }
                }
                None if data.contains_key(&key) => {}
                None => top.push((key, entity)),
            }
        }
        Self { data, generated: top }
    }

    /// The EntityJSON as a `serde_json` tree.
    pub fn to_value(&self) -> Value {
        Value::Object(self.to_map())
    }

    fn to_map(&self) -> Map<String, Value> {
        let mut map = self.data.clone();
        for (key, entity) in &self.generated {
            map.insert(key.clone(), entity.to_value());
        }
        map
    }

    /// True when there is no entity at all (`{}`).
    pub fn is_empty(&self) -> bool {
        self.data.is_empty() && self.generated.is_empty()
    }
}

impl fmt::Display for EntityJson {
    /// The compact JSON text, the same as `serde_json` writes for [`EntityJson::to_value`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('{')?;
        let mut first = true;
        for (key, value) in &self.data {
            if !std::mem::take(&mut first) {
                f.write_char(',')?;
            }
            write_str(f, key)?;
            write!(f, ":{value}")?;
        }
        for (key, entity) in &self.generated {
            if !std::mem::take(&mut first) {
                f.write_char(',')?;
            }
            write_str(f, key)?;
            f.write_char(':')?;
            entity.write_json(f)?;
        }
        f.write_char('}')
    }
}

impl PartialEq for EntityJson {
    fn eq(&self, other: &Self) -> bool {
        self.to_value() == other.to_value()
    }
}

impl PartialEq<Value> for EntityJson {
    fn eq(&self, other: &Value) -> bool {
        other.as_object().is_some_and(|o| *o == self.to_map())
    }
}

impl From<EntityJson> for Value {
    fn from(e: EntityJson) -> Value {
        if e.generated.is_empty() { Value::Object(e.data) } else { e.to_value() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_kinds() -> Vec<Entity> {
        vec![
            Entity::Id {
                kind: "k\"1",
                id_type: "t\\2",
                value: "v\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}é😃/".into(),
            },
            Entity::Emoji { code: "smiley".into(), size: "big".into(), unicode: Some("😃"), family: None },
            Entity::Emoji {
                code: "x".into(),
                size: "normal".into(),
                unicode: None,
                family: Some("f".into()),
            },
            Entity::DateTime { value: "2024-12-31T09:29:47Z".into(), format: None },
            Entity::DateTime { value: "v".into(), format: Some("date".into()) },
        ]
    }

    #[test]
    fn entities_are_written_as_serde_json_writes_their_tree() {
        for entity in all_kinds() {
            let mut direct = String::new();
            entity.write_json(&mut direct).unwrap();
            assert_eq!(direct, entity.to_value().to_string());
            assert!(entity.to_value().is_object());
        }
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_json_escapes_it() {
        let s: String = (0u8..0x80).map(char::from).collect();
        let mut direct = String::new();
        write_str(&mut direct, &s).unwrap();
        assert_eq!(direct, Value::from(s).to_string());
    }

    #[test]
    fn the_merged_text_matches_the_merged_tree() {
        let data: Map<String, Value> =
            serde_json::from_str(r#"{"z":{"n":[1,"a\"b"]},"keyword2":{"mine":true},"obj":{"q":1}}"#).unwrap();
        let generated = all_kinds()
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let scope = (i == 3).then(|| "obj".to_owned());
                (scope, format!("keyword{}", i + 1), e)
            })
            .collect();
        let merged = EntityJson::merge(data, generated);
        let text = merged.to_string();
        assert_eq!(text, merged.to_value().to_string());
        assert_eq!(merged, merged.to_value());
        assert_eq!(merged.to_value()["keyword2"], serde_json::json!({"mine": true}));
        assert_eq!(merged.to_value()["obj"]["keyword4"]["data"]["format"], Value::Null);
        assert!(merged.to_value().get("keyword4").is_none());
        assert_eq!(Value::from(merged.clone()), merged.to_value());
        assert!(!merged.is_empty() && EntityJson::default().is_empty());
    }
}
