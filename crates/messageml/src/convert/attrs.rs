//! Attribute whitelists and typed attribute access.
//!
//! Each element lists the attributes it accepts as [`Spec`]s: the MessageML name and the
//! PresentationML name (they differ for converted elements, e.g. `masked` / `data-masked`).
//! MessageML input may use only the MessageML names; PresentationML input may use either,
//! because the reference accepts MessageML form tags inside PresentationML too.

use std::borrow::Cow;

use super::Mode;
use super::inline::InlineList;
use super::style;
use crate::error::{MessageMlError, Result, attr_not_allowed, attr_one_of, attr_required, too_long};
use crate::xml::Element;

/// One accepted attribute. An empty name means "not accepted in that language".
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub mml: &'static str,
    pub pml: &'static str,
}

impl Spec {
    /// Same name in both languages.
    pub const fn same(name: &'static str) -> Self {
        Self { mml: name, pml: name }
    }

    /// Different names (MessageML, PresentationML).
    pub const fn renamed(mml: &'static str, pml: &'static str) -> Self {
        Self { mml, pml }
    }

    /// Accepted in PresentationML only.
    pub const fn pml_only(pml: &'static str) -> Self {
        Self { mml: "", pml }
    }

    fn canonical(&self) -> &'static str {
        if self.mml.is_empty() { self.pml } else { self.mml }
    }
}

/// The accepted attributes of one element, by canonical (MessageML) name, in input order.
///
/// It borrows the element's attribute list and keeps only which spec each attribute matched
/// (a byte each, inline), so reading an element's attributes neither allocates nor copies
/// much: every element of every message goes through here.
#[derive(Debug, Default)]
pub(crate) struct Attrs<'d> {
    attrs: &'d [(Cow<'d, str>, Cow<'d, str>)],
    specs: &'static [Spec],
    /// For each attribute, the index of its spec in `specs`.
    spec_of: InlineList<u8, 24>,
}

impl<'d> Attrs<'d> {
    /// Checks every attribute of `el` against `specs` (first unknown one fails, in Xerces'
    /// alphabetical order) and validates `style` where present.
    pub fn read(el: &'d Element, mode: Mode, specs: &'static [Spec]) -> Result<Self> {
        let mut spec_of = InlineList::with_capacity(el.attrs.len());
        for (name, value) in &el.attrs {
            let spec = specs.iter().position(|s| {
                (!s.mml.is_empty() && s.mml == name)
                    || (mode == Mode::PresentationMl && !s.pml.is_empty() && s.pml == name)
            });
            let Some(index) = spec else {
                return Err(attr_not_allowed(name, &el.name));
            };
            if specs[index].mml == "style" {
                style::check(value)?;
            }
            // Spec lists are short constant tables; a longer one would be a programming error.
            spec_of.push(u8::try_from(index).expect("attribute spec lists have fewer than 256 entries"));
        }
        Ok(Self { attrs: &el.attrs, specs, spec_of })
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&'d str> {
        self.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// All accepted attributes in input (alphabetical) order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'d str)> + '_ {
        let attrs: &'d [(Cow<'d, str>, Cow<'d, str>)] = self.attrs;
        attrs
            .iter()
            .zip(self.spec_of.as_slice())
            .map(|((_, v), &i)| (self.specs[usize::from(i)].canonical(), &**v))
    }

    /// A required attribute that must not be blank.
    pub fn required_non_blank(&self, name: &str) -> Result<&'d str> {
        self.get(name).filter(|v| !v.trim().is_empty()).ok_or_else(|| attr_required(name))
    }

    /// An attribute restricted to `values`.
    pub fn one_of(&self, name: &str, tag: &str, values: &[&str]) -> Result<Option<&'d str>> {
        match self.get(name) {
            Some(v) if !values.contains(&v) => Err(attr_one_of(name, tag, values)),
            other => Ok(other),
        }
    }

    /// A boolean attribute: only `true` or `false`.
    pub fn boolean(&self, name: &str, tag: &str) -> Result<Option<&'d str>> {
        self.one_of(name, tag, &["true", "false"])
    }

    /// True when a boolean attribute is present and `true`.
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name) == Some("true")
    }

    /// A 64-bit integer attribute.
    pub fn int64(&self, name: &str) -> Result<Option<i64>> {
        self.get(name).map(|v| parse_int64(name, v)).transpose()
    }

    /// Fails when the attribute is longer than `max` characters.
    pub fn max_len(&self, name: &str, max: usize) -> Result<()> {
        match self.get(name) {
            Some(v) if v.chars().count() > max => Err(too_long(name, max)),
            _ => Ok(()),
        }
    }
}

/// Parses an int64 the way the reference reports failures.
pub(crate) fn parse_int64(name: &str, v: &str) -> Result<i64> {
    v.trim().parse::<i64>().map_err(|_| {
        MessageMlError::invalid(format!("Invalid input: {name} must be a int64 value not \"{v}\""))
    })
}
