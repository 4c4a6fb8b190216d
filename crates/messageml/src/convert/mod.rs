//! The converter: walks the parsed document and builds the output tree, validating as the
//! reference does (attributes when an element is created, content rules after its children
//! are built, so the innermost failure in document order wins).

mod attrs;
pub(crate) mod basic;
mod card;
mod content;
mod dispatch;
mod entity;
mod ids;
mod inline;
mod kind;
mod links;
mod lists;
mod root;
mod shorthand;
mod state;
mod style;
mod text;

pub(crate) use attrs::{Attrs, Spec};
pub(crate) use content::{needs_child_kind, no_content, only, phrasing, text_only};
pub(crate) use ids::IdGen;
pub(crate) use kind::Kind;
pub(crate) use root::run;
pub(crate) use shorthand::is_time;
pub(crate) use state::{FormAcc, State};
pub(crate) use text::fold_newlines;

use crate::UserResolver;
use crate::error::Result;
use crate::out::Out;
use crate::xml::{Element, Node};

/// Which language the message arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    MessageMl,
    PresentationMl,
}

/// Where an element sits; passed down by value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'p> {
    pub parent: Kind,
    /// Tag of the parent element, for diagnostics.
    #[expect(dead_code, reason = "kept for error messages that name the parent")]
    pub parent_tag: &'p str,
    pub parent_is_root: bool,
    pub in_pre: bool,
    pub keep_direct_newlines: bool,
    pub in_form: bool,
    pub in_dialog: bool,
    pub in_ui_action: bool,
}

impl<'p> Ctx<'p> {
    /// The context of a child of an element of `kind` named `tag`.
    pub fn child(self, kind: Kind, tag: &'p str) -> Ctx<'p> {
        Ctx {
            parent: kind,
            parent_tag: tag,
            parent_is_root: false,
            in_pre: self.in_pre || kind == Kind::Pre,
            keep_direct_newlines: matches!(kind, Kind::Code | Kind::TextArea | Kind::RichTextArea),
            in_form: self.in_form || kind == Kind::Form,
            in_dialog: self.in_dialog || kind == Kind::Dialog,
            in_ui_action: self.in_ui_action || kind == Kind::UiAction,
        }
    }
}

/// One built child: what it was and its output.
#[derive(Debug)]
pub(crate) struct Built {
    pub kind: Kind,
    /// Whitespace-only text, which every content model tolerates.
    pub blank: bool,
    pub out: Out,
}

/// What the content rules look at in a built child.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meta<'d> {
    pub kind: Kind,
    /// The input tag (`text content` for text), for error messages.
    pub tag: &'d str,
    /// Whitespace-only text, which every content model tolerates.
    pub blank: bool,
}

/// The built children of one element: their outputs, ready to become the output element's
/// children without copying, and beside them what the content rules need. Only kind and
/// blankness are stored (inline, up to 32 children); tags are read back from the element.
#[derive(Debug)]
pub(crate) struct Children<'d> {
    el: &'d Element<'d>,
    kinds: inline::InlineList<(Kind, bool), 32>,
    outs: Vec<Out>,
}

impl<'d> Children<'d> {
    /// What each child is, in order.
    pub fn iter(&self) -> impl Iterator<Item = Meta<'d>> + '_ {
        let el: &'d Element<'d> = self.el;
        el.children.iter().zip(self.kinds.as_slice()).map(|(node, &(kind, blank))| Meta {
            kind,
            tag: match node {
                Node::Element(child) => &child.name,
                Node::Text(_) => text::TAG,
            },
            blank,
        })
    }

    /// The outputs, in order.
    pub fn outs(&self) -> &[Out] {
        &self.outs
    }
}

/// The conversion of one message.
pub(crate) struct Converter<'a> {
    pub mode: Mode,
    pub users: &'a dyn UserResolver,
    /// Where each key of `data` is, for entity elements.
    pub keys: &'a crate::entity_json::KeyIndex<'a>,
    pub state: State,
    pub ids: IdGen,
}

impl<'a> Converter<'a> {
    /// Builds every child node of `el` in `ctx` (the context *inside* `el`).
    pub fn build_children<'d>(&mut self, el: &'d Element<'d>, ctx: Ctx<'_>) -> Result<Children<'d>> {
        let n = el.children.len();
        let mut children =
            Children { el, kinds: inline::InlineList::with_capacity(n), outs: Vec::with_capacity(n) };
        for node in el.children.iter() {
            let built = match node {
                Node::Text(t) => text::build(t, ctx),
                Node::Element(child) => self.build(child, ctx)?,
            };
            children.kinds.push((built.kind, built.blank));
            children.outs.push(built.out);
        }
        Ok(children)
    }

    /// Builds one element in `ctx` (the context of its parent).
    pub fn build(&mut self, el: &Element, ctx: Ctx<'_>) -> Result<Built> {
        let kind = dispatch::kind_of(self.mode, el, ctx)?;
        let out = dispatch::build(self, kind, el, ctx)?;
        Ok(Built { kind, blank: false, out })
    }
}

/// The outputs of built children, in order.
pub(crate) fn outs(children: Children<'_>) -> Vec<Out> {
    children.outs
}
