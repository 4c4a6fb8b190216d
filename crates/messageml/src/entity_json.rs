//! The caller's EntityJSON (`data`): parsing it, and Jackson-style lookups inside it.
//!
//! The reference accepts a JSON object, or a JSON *string* whose content is an object, and
//! finds `data-entity-id` targets with Jackson's `findPath`, which searches nested values
//! depth-first (each entry's key first, then inside its value) rather than only the top level.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::{MessageMlError, Result};

/// Parses the optional `data` payload into a JSON object (empty when absent or blank).
pub(crate) fn parse_data(data: Option<&str>) -> Result<Map<String, Value>> {
    let Some(raw) = data.filter(|d| !d.trim().is_empty()) else {
        return Ok(Map::new());
    };
    let value: Value = serde_json::from_str(raw).map_err(jackson_error)?;
    match value {
        Value::Object(map) => Ok(map),
        Value::String(inner) => match serde_json::from_str::<Value>(&inner).map_err(jackson_error)? {
            Value::Object(map) => Ok(map),
            _ => Err(not_an_object()),
        },
        _ => Err(not_an_object()),
    }
}

fn not_an_object() -> MessageMlError {
    MessageMlError::invalid("Error parsing EntityJSON: provided content is not a JSON object")
}

fn jackson_error(e: serde_json::Error) -> MessageMlError {
    MessageMlError::invalid(format!("Error parsing EntityJSON: {e}"))
}

/// Jackson `findValue`: the first value under `key`, searching depth-first. [`KeyIndex`]
/// answers the same in the conversion; this plain walk is what the tests compare it with.
#[cfg(test)]
pub(crate) fn find_path<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    for (k, v) in map {
        if k == key {
            return Some(v);
        }
        if let Some(found) = find_in_value(v, key) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
fn find_in_value<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => find_path(map, key),
        Value::Array(items) => items.iter().find_map(|v| find_in_value(v, key)),
        _ => None,
    }
}

/// Mutable twin of [`find_path`], used to insert generated entities into an enclosing
/// entity object. The match is located read-only first, with the path held as borrowed keys,
/// then reached by that path: one walk that allocates only the path, where copying every
/// visited key made each lookup in large data slow.
pub(crate) fn find_path_mut<'v>(map: &'v mut Map<String, Value>, key: &str) -> Option<&'v mut Value> {
    let path: Vec<Step> = {
        let mut path = Vec::new();
        if !path_in_map(map, key, &mut path) {
            return None;
        }
        path.into_iter().map(Step::into_owned).collect()
    };
    let (first, rest) = path.split_first()?;
    let Step::Key(k) = first else { return None };
    let mut at = map.get_mut(k.as_str())?;
    for step in rest {
        at = match (step, at) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k.as_str())?,
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

/// One step from a container to a value inside it.
enum Step<K = String> {
    Key(K),
    Index(usize),
}

impl Step<&str> {
    fn into_owned(self) -> Step {
        match self {
            Step::Key(k) => Step::Key(k.to_owned()),
            Step::Index(i) => Step::Index(i),
        }
    }
}

/// Pushes onto `path` the steps to [`find_path`]'s match; false (path unchanged) if none.
fn path_in_map<'v>(map: &'v Map<String, Value>, key: &str, path: &mut Vec<Step<&'v str>>) -> bool {
    for (k, v) in map {
        path.push(Step::Key(k.as_str()));
        if k == key || path_in_value(v, key, path) {
            return true;
        }
        path.pop();
    }
    false
}

fn path_in_value<'v>(value: &'v Value, key: &str, path: &mut Vec<Step<&'v str>>) -> bool {
    match value {
        Value::Object(map) => path_in_map(map, key, path),
        Value::Array(items) => items.iter().enumerate().any(|(i, v)| {
            path.push(Step::Index(i));
            let found = path_in_value(v, key, path);
            if !found {
                path.pop();
            }
            found
        }),
        _ => false,
    }
}

/// Every key in `data`, with the value [`find_path`] finds for it and how often the key
/// occurs. Built in one walk, so checking every `data-entity-id` of a message does not
/// rescan the data once per reference.
#[derive(Debug, Default)]
pub(crate) struct KeyIndex<'v> {
    keys: HashMap<&'v str, (&'v Value, usize)>,
}

impl<'v> KeyIndex<'v> {
    /// Indexes `data` (pre-order: a key before what its value holds, as `findPath` looks).
    pub fn build(data: &'v Map<String, Value>) -> Self {
        let mut index = KeyIndex::default();
        index.add_map(data);
        index
    }

    fn add_map(&mut self, map: &'v Map<String, Value>) {
        for (k, v) in map {
            self.keys.entry(k.as_str()).and_modify(|e| e.1 += 1).or_insert((v, 1));
            self.add_value(v);
        }
    }

    fn add_value(&mut self, value: &'v Value) {
        match value {
            Value::Object(map) => self.add_map(map),
            Value::Array(items) => items.iter().for_each(|v| self.add_value(v)),
            _ => {}
        }
    }

    /// What [`find_path`] finds under `key`.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        self.keys.get(key).map(|e| e.0)
    }

    /// How many times `key` occurs anywhere in the data.
    pub fn count(&self, key: &str) -> usize {
        self.keys.get(key).map_or(0, |e| e.1)
    }
}

/// Step 6 of the reference pipeline: every `data-entity-id` must name an object in `data`.
/// Returns the key index the conversion uses too; it is only built when the message has a
/// `data-entity-id` at all.
pub(crate) fn check_entity_refs<'v>(
    root: &crate::xml::Element,
    data: &'v Map<String, Value>,
) -> Result<KeyIndex<'v>> {
    let mut index = None;
    check_refs_in(root, data, &mut index)?;
    Ok(index.unwrap_or_default())
}

fn check_refs_in<'v>(
    root: &crate::xml::Element,
    data: &'v Map<String, Value>,
    index: &mut Option<KeyIndex<'v>>,
) -> Result<()> {
    if let Some(id) = root.attr("data-entity-id") {
        match index.get_or_insert_with(|| KeyIndex::build(data)).get(id) {
            None => {
                return Err(MessageMlError::invalid(format!(
                    "Error processing EntityJSON: no entity data provided for \"data-entity-id\"=\"{id}\""
                )));
            }
            Some(Value::Object(_)) => {}
            Some(_) => {
                return Err(MessageMlError::invalid(format!(
                    "Error processing EntityJSON: the node \"{id}\" has to be an object"
                )));
            }
        }
    }
    for child in root.children.iter() {
        if let crate::xml::Node::Element(el) = child {
            check_refs_in(el, data, index)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_string_holding_an_object_is_accepted() {
        let map = parse_data(Some(r#""{\"a\":{\"b\":1}}""#)).unwrap();
        assert!(map.contains_key("a"));
    }

    #[test]
    fn a_json_array_is_not_an_object() {
        let err = parse_data(Some("[1]")).unwrap_err();
        assert_eq!(err.to_string(), "Error parsing EntityJSON: provided content is not a JSON object");
    }

    #[test]
    fn broken_json_reports_the_parser_cause() {
        let err = parse_data(Some("{")).unwrap_err();
        assert!(err.to_string().starts_with("Error parsing EntityJSON: "));
    }

    #[test]
    fn find_path_searches_nested_objects() {
        let map = parse_data(Some(r#"{"x":{"y":{"z":{}}}}"#)).unwrap();
        assert!(find_path(&map, "z").is_some());
        assert!(find_path_mut(&mut map.clone(), "z").is_some());
    }

    #[test]
    fn the_index_and_the_mutable_lookup_agree_with_find_path() {
        let map =
            parse_data(Some(r#"{"a":{"k":{"n":1}},"k":{"n":2},"b":[{"k":{"n":3}}],"c":{"k":[]}}"#)).unwrap();
        let index = KeyIndex::build(&map);
        assert_eq!(index.get("k"), find_path(&map, "k"));
        assert_eq!(index.count("k"), 4);
        assert_eq!(index.get("n"), find_path(&map, "n"));
        let mut copy = map.clone();
        assert_eq!(find_path_mut(&mut copy, "k").cloned().as_ref(), find_path(&map, "k"));
        assert!(find_path_mut(&mut copy, "zz").is_none());
    }
}
