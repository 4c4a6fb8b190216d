//! sympod's MessageML v2 / PresentationML engine.
//!
//! A message arrives as MessageML (`<messageML>` root) or PresentationML (`<div
//! data-format="PresentationML">` root), with optional EntityJSON `data`. [`convert`] expands
//! FreeMarker-style templates, validates every element the way Symphony's reference
//! converter (finos/messageml-utils) does, resolves mentions through the server's
//! [`UserResolver`], and returns the PresentationML to store, the EntityJSON to serve, and
//! plain-text and markdown renderings.
//!
//! Pure and bounded: no I/O, no globals, no unsafe; input size, nesting depth, template
//! output and template iterations are all capped, so hostile input costs little.

mod api;
mod convert;
mod entities;
mod entity_json;
mod error;
mod escape;
mod forms;
mod limits;
mod out;
mod pipeline;
mod render;
mod template;
mod xml;

pub use api::{FormInfo, Input, Options, Output, ResolvedUser, UserResolver};
pub use entities::EntityJson;
pub use error::{ErrorKind, Limit, MessageMlError};
pub use limits::{MAX_CHARS, MAX_ENTITIES, MAX_INPUT_BYTES, MAX_TOKENS};
pub use pipeline::{convert, convert_with};

/// The `originalFormat` of messages converted by this crate.
pub const ORIGINAL_FORMAT: &str = "com.symphony.messageml.v2";
