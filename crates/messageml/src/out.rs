//! The converted tree: exactly what will be serialised as PresentationML.
//!
//! Conversion builds this tree once; the PresentationML, plain-text and markdown renderers
//! each walk it. Tags and attribute names are `&'static str` because the output vocabulary is
//! a closed whitelist: nothing the user typed can become a tag or attribute name.

use std::borrow::Cow;

/// One output node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    El(OutEl),
    /// Final text (newline folding already applied), escaped only when written.
    Text(String),
    /// `<span class="entity" data-entity-id="key">text</span>`, the output of every mention,
    /// hashtag and cashtag. Same output as the equivalent [`OutEl`] (markdown: the text), held
    /// without its attribute and child lists: entity-dense messages have dozens.
    Entity {
        key: String,
        text: String,
    },
}

/// An attribute value and how to quote it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AttrValue {
    /// Written as `name="value"` with XML escaping. Fixed values (`class="entity"`, …) are
    /// borrowed, so they cost no allocation.
    Text(Cow<'static, str>),
    /// Written as `name='json'`, the reference's quoting for JSON-valued attributes.
    Json(String),
}

/// How an element is closed in PresentationML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `<tag …>children</tag>`
    Pair,
    /// `<tag …/>`
    Empty,
}

/// What an element means, for the markdown renderer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Md {
    Plain,
    Bold,
    Italic,
    Sub,
    Sup,
    Link(String),
    Heading(u8),
    BulletList,
    OrderedList,
    ListItem,
    Block,
    Pre,
    Code,
    Br,
    Hr,
    Image(String),
    Emoji(String),
    Button,
    /// A form control, rendered `(SUMMARY)`.
    Field(String),
    Hidden,
}

/// An output element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutEl {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, AttrValue)>,
    pub children: Vec<Out>,
    pub shape: Shape,
    pub md: Md,
}

impl OutEl {
    /// A paired element with no attributes yet.
    pub fn new(tag: &'static str, md: Md) -> Self {
        Self { tag, attrs: Vec::new(), children: Vec::new(), shape: Shape::Pair, md }
    }

    /// Builder: an empty (self-closing) element.
    pub fn empty(mut self) -> Self {
        self.shape = Shape::Empty;
        self
    }

    /// Adds a text attribute.
    pub fn attr(&mut self, name: &'static str, value: impl Into<String>) {
        self.attrs.push((name, AttrValue::Text(Cow::Owned(value.into()))));
    }

    /// Adds a text attribute with a fixed value.
    pub fn attr_static(&mut self, name: &'static str, value: &'static str) {
        self.attrs.push((name, AttrValue::Text(Cow::Borrowed(value))));
    }

    /// Adds a text attribute when `value` is present.
    pub fn attr_opt(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.attr(name, v);
        }
    }

    /// Adds a JSON attribute.
    pub fn json_attr(&mut self, name: &'static str, json: String) {
        self.attrs.push((name, AttrValue::Json(json)));
    }

    /// Builder: sets the children.
    pub fn with_children(mut self, children: Vec<Out>) -> Self {
        self.children = children;
        self
    }

    /// Wraps into an [`Out`].
    pub fn into_out(self) -> Out {
        Out::El(self)
    }
}
