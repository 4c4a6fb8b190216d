//! Renderers over the converted tree: PresentationML, plain text and legacy markdown.

mod markdown;
mod pml;
mod text;

pub(crate) use markdown::markdown;
pub(crate) use pml::presentation_ml;
pub(crate) use text::text;
