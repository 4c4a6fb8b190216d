//! quick-xml event stream to [`Element`] tree, with Xerces-like well-formedness errors.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::dom::{Element, Kids, Node};
use crate::error::{MessageMlError, Result};

/// Deepest element nesting accepted. Later passes recurse over the tree, so this bounds their
/// stack use; real messages nest a dozen levels at most.
pub const MAX_DEPTH: usize = 128;

fn invalid(msg: impl std::fmt::Display) -> MessageMlError {
    MessageMlError::invalid(format!("Invalid messageML: {msg}"))
}

/// Parses `text` into its root element.
pub(crate) fn parse(text: &str) -> Result<Element<'_>> {
    let mut reader = Reader::from_str(text);
    let mut tree = Tree { open: Vec::with_capacity(8), nodes: Vec::with_capacity(14), root: None };
    let mut first = true;
    loop {
        let event = reader.read_event().map_err(|e| invalid(xml_error_text(&e)))?;
        // An XML declaration is only one when it opens the document (after a byte-order mark,
        // which the reader drops); anywhere else it is a processing instruction with the
        // reserved target `xml`.
        let at_start = std::mem::replace(&mut first, false);
        match event {
            Event::Start(start) => {
                check_depth(tree.open.len(), tree.root.is_some())?;
                let raw = raw_tag(text, reader.buffer_position(), 1, &start);
                let el = open(&start, raw)?;
                tree.open.push((el, tree.nodes.len()));
            }
            Event::Empty(start) => {
                check_depth(tree.open.len(), tree.root.is_some())?;
                let raw = raw_tag(text, reader.buffer_position(), 2, &start);
                let el = open(&start, raw)?;
                tree.close(el);
            }
            Event::End(_) => {
                let (mut el, first) = tree.open.pop().ok_or_else(|| invalid("unexpected end tag"))?;
                el.children = Kids::Owned(tree.nodes.drain(first..).collect());
                tree.close(el);
            }
            Event::Text(t) => tree.push_text(t.xml_content(XmlVersion::Implicit1_0))?,
            Event::GeneralRef(r) => {
                let resolved = resolve_ref(&r)?;
                tree.push_text(Cow::Owned(resolved))?;
            }
            Event::CData(_) if tree.open.is_empty() => return Err(invalid(misplaced_markup(&tree))),
            Event::CData(_) => inside_only(&tree.open, "#cdata-section")?,
            Event::Comment(_) => inside_only(&tree.open, "#comment")?,
            Event::PI(pi) if pi.target().eq_ignore_ascii_case("xml") => return Err(reserved_pi()),
            Event::PI(pi) => inside_only(&tree.open, pi.target())?,
            Event::Decl(_) if at_start => {}
            Event::Decl(_) => return Err(reserved_pi()),
            Event::DocType(_) => {
                return Err(invalid(
                    "DOCTYPE is disallowed when the feature \"http://apache.org/xml/features/disallow-doctype-decl\" set to true.",
                ));
            }
            Event::Eof => break,
        }
    }
    if !tree.open.is_empty() {
        return Err(invalid("XML document structures must start and end within the same entity."));
    }
    tree.root.ok_or_else(|| invalid("Premature end of file."))
}

/// The tree under construction. The children of every open element sit at the end of one
/// shared `nodes` list (from the index stored with the element) and move into an exactly
/// sized `Vec` when the element closes, so no child list grows by reallocation.
struct Tree<'a> {
    /// Open elements, outermost first, each with the index of its first child in `nodes`.
    open: Vec<(Element<'a>, usize)>,
    nodes: Vec<Node<'a>>,
    root: Option<Element<'a>>,
}

impl<'a> Tree<'a> {
    fn close(&mut self, el: Element<'a>) {
        if self.open.is_empty() {
            self.root = Some(el);
        } else {
            self.nodes.push(Node::Element(el));
        }
    }

    /// Appends text to the open element. A run split by entity references is joined into one
    /// owned node, as a DOM would have it; an unbroken run stays borrowed.
    fn push_text(&mut self, text: Cow<'a, str>) -> Result<()> {
        let Some((_, first)) = self.open.last() else {
            if text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n')) {
                return Ok(());
            }
            return Err(invalid(if self.root.is_some() {
                "Content is not allowed in trailing section."
            } else {
                "Content is not allowed in prolog."
            }));
        };
        let own_children = self.nodes.len() > *first;
        match self.nodes.last_mut() {
            Some(Node::Text(prev)) if own_children => prev.to_mut().push_str(&text),
            _ => self.nodes.push(Node::Text(text)),
        }
        Ok(())
    }
}

/// Xerces' words for markup it does not accept around the root (here: CDATA).
fn misplaced_markup(tree: &Tree<'_>) -> &'static str {
    if tree.root.is_some() {
        "The markup in the document following the root element must be well-formed."
    } else {
        "The markup in the document preceding the root element must be well-formed."
    }
}

fn reserved_pi() -> MessageMlError {
    invalid("The processing instruction target matching \"[xX][mM][lL]\" is not allowed.")
}

fn check_depth(depth: usize, has_root: bool) -> Result<()> {
    if has_root && depth == 0 {
        return Err(invalid("The markup in the document following the root element must be well-formed."));
    }
    if depth >= MAX_DEPTH {
        return Err(invalid(format!("elements are nested deeper than {MAX_DEPTH} levels.")));
    }
    Ok(())
}

/// Comments, CDATA and processing instructions are tolerated around the root only.
fn inside_only(stack: &[(Element<'_>, usize)], name: &str) -> Result<()> {
    if stack.is_empty() {
        Ok(())
    } else {
        Err(MessageMlError::invalid(format!("Invalid element \"{name}\"")))
    }
}

fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Result<String> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(c.to_string()),
            _ => Err(invalid(format!("Character reference \"&{};\" is an invalid XML character.", &**r))),
        };
    }
    resolve_predefined_entity(r)
        .map(str::to_owned)
        .ok_or_else(|| invalid(format!("The entity \"{}\" was referenced, but not declared.", &**r)))
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// The start tag's content (`name attrs…`, without `<`, `/` and `>`) as a slice of the
/// input, so names and plain attribute values can borrow from it. `end` is the reader's
/// position after the tag and `tail` the length of `>` or `/>`. `None` (never expected) makes
/// [`open`] copy instead.
fn raw_tag<'a>(text: &'a str, end: u64, tail: usize, start: &BytesStart<'_>) -> Option<&'a str> {
    let end = usize::try_from(end).ok()?.checked_sub(tail)?;
    let begin = end.checked_sub(start.len())?;
    text.get(begin..end).filter(|raw| *raw == &**start)
}

fn open<'a>(start: &BytesStart<'_>, raw: Option<&'a str>) -> Result<Element<'a>> {
    match raw {
        Some(raw) => read_tag(raw, start.name().as_ref().len()),
        None => read_tag(start, start.name().as_ref().len()).map(into_owned),
    }
}

fn into_owned(el: Element<'_>) -> Element<'static> {
    let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
    Element {
        name: own(el.name),
        attrs: el.attrs.into_iter().map(|(k, v)| (own(k), own(v))).collect(),
        children: Kids::default(),
    }
}

/// Reads the name and attributes of a start tag whose content is `raw`.
fn read_tag(raw: &str, name_len: usize) -> Result<Element<'_>> {
    let name = &raw[..name_len];
    check_name(name)?;
    let mut attrs: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    // quick-xml's own duplicate check allocates a key list per element; this check does the
    // same with quick-xml's words (positions are offsets in `raw`). quick-xml checks a key
    // before reading its value, so on a syntax error the attributes are read again with its
    // check on, which reports what it always reported.
    let mut iter = Attributes::new(raw, name_len);
    iter.with_checks(false);
    let offset = |s: &str| s.as_ptr() as usize - raw.as_ptr() as usize;
    // Past a few attributes, a scan per attribute is quadratic (100,000 attributes took
    // seconds): keys go into a set instead.
    let mut seen: Option<HashMap<&str, &str>> = None;
    for attr in iter {
        let attr = match attr {
            Ok(attr) => attr,
            Err(_) => return Err(checked_attr_error(raw, name_len, name)),
        };
        let key = attr.key.into_inner();
        let prev = match &mut seen {
            Some(seen) => seen.insert(key, key),
            None => attrs.iter().find(|(k, _)| *k == key).map(|(k, _)| match k {
                Cow::Borrowed(k) => *k,
                Cow::Owned(_) => key,
            }),
        };
        if let Some(prev) = prev {
            return Err(invalid(format!(
                "position {}: duplicated attribute, previous declaration at position {} in element \"{name}\"",
                offset(key),
                offset(prev)
            )));
        }
        if seen.is_none() && attrs.len() >= 16 {
            let mut map: HashMap<&str, &str> = HashMap::with_capacity(64);
            for (k, _) in &attrs {
                if let Cow::Borrowed(k) = k {
                    map.insert(k, k);
                }
            }
            map.insert(key, key);
            seen = Some(map);
        }
        check_name(key)?;
        if attr.value.contains('<') {
            return Err(invalid(format!(
                "The value of attribute \"{key}\" associated with an element type \"{name}\" must not contain the '<' character."
            )));
        }
        let value = attr.normalized_value(XmlVersion::Implicit1_0).map_err(|e| {
            invalid(format!("{} in attribute \"{key}\" of element \"{name}\"", xml_error_text(&e)))
        })?;
        attrs.push((Cow::Borrowed(key), value));
    }
    attrs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Element { name: Cow::Borrowed(name), attrs, children: Kids::default() })
}

/// The first error quick-xml reports for the attributes of `raw` with its duplicate check on.
#[cold]
fn checked_attr_error(raw: &str, name_len: usize, name: &str) -> MessageMlError {
    match Attributes::new(raw, name_len).find_map(|attr| attr.err()) {
        Some(e) => invalid(format!("{e} in element \"{name}\"")),
        None => invalid(format!("malformed attributes in element \"{name}\"")),
    }
}

/// XML names: a letter, `_` or `:` (or any non-ASCII char) first, then also digits, `-`, `.`.
fn check_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let ok_first = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':');
    let ok_rest = chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.' | '\u{b7}'));
    if ok_first && ok_rest {
        Ok(())
    } else {
        Err(invalid(format!("The name \"{name}\" is not a valid XML name.")))
    }
}

fn xml_error_text(e: &quick_xml::Error) -> String {
    use quick_xml::Error as E;
    use quick_xml::errors::IllFormedError as I;
    match e {
        E::IllFormed(I::MismatchedEndTag { expected, found }) => format!(
            "The element type \"{expected}\" must be terminated by the matching end-tag \"</{found}>\"."
        ),
        E::IllFormed(I::UnmatchedEndTag(found)) => {
            format!("The end-tag \"</{found}>\" has no matching start-tag.")
        }
        other => other.to_string(),
    }
}
