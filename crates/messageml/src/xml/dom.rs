//! The document tree produced by the parser.
//!
//! It borrows from the message text: names, and attribute values and text runs that needed no
//! unescaping or normalisation, are slices of the input. Only values that changed (entity
//! references, line ends) are owned. A 1 KB message has dozens of nodes, and one heap string
//! per name, attribute and text run was a large share of a conversion's cost.

use std::borrow::Cow;

/// One node of the document: an element or a run of (already unescaped) text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Element(Element<'a>),
    Text(Cow<'a, str>),
}

/// An element with its attributes sorted by name and its child nodes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Element<'a> {
    pub name: Cow<'a, str>,
    /// Sorted by name (Xerces order); names are unique.
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Owned as parsed. Borrowed when PresentationML folding builds a control from another
    /// element's children (a label group's inner control, a checkbox group's label): copying
    /// them instead cost a subtree per nesting level.
    pub children: Kids<'a>,
}

/// Child nodes, owned or borrowed. Not a `Cow`: `Cow<'a, [Node<'a>]>` would make `Element`
/// invariant in `'a`, and the converter relies on shortening that lifetime.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kids<'a> {
    Owned(Vec<Node<'a>>),
    Borrowed(&'a [Node<'a>]),
}

impl Default for Kids<'_> {
    fn default() -> Self {
        Kids::Borrowed(&[])
    }
}

impl<'a> std::ops::Deref for Kids<'a> {
    type Target = [Node<'a>];

    fn deref(&self) -> &[Node<'a>] {
        match self {
            Kids::Owned(v) => v,
            Kids::Borrowed(s) => s,
        }
    }
}

impl Element<'_> {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_ref())
    }

    /// The first class of a `class` attribute, if any.
    pub fn first_class(&self) -> Option<&str> {
        self.attr("class").and_then(|c| c.split_whitespace().next())
    }

    /// True when the `class` attribute lists `class` among its classes.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    /// The concatenated text of direct text children.
    pub fn direct_text(&self) -> String {
        let mut s = String::new();
        for n in self.children.iter() {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }
}
