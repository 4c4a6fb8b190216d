//! A small, bounded interpreter for the FreeMarker subset Symphony bots use in MessageML
//! templates: `${…}` / `#{…}` interpolation with nested paths, `<#if>`/`<#elseif>`/`<#else>`,
//! `<#list … as …>` (with `<#sep>` and an `<#else>` for empty lists), `<#assign>`,
//! `<#-- comments -->`, `??`, `!default`, and the common built-ins.
//!
//! Deliberate difference from the reference: interpolated data is XML-escaped (unless it went
//! through `?html`/`?xml`/`?no_esc`, which yield markup), so data can never inject elements.
//! Work is bounded: template nesting, expression depth, loop iterations and output size are
//! all capped.

mod budget;
mod builtins;
mod eval;
mod expr;
mod lexer;
mod parser;
mod tokens;
mod value;

use serde_json::Value;

use crate::error::{MessageMlError, Result};

/// Deepest directive / expression nesting accepted.
pub(crate) const MAX_NESTING: usize = 64;
/// Most loop-body executions in one expansion.
pub(crate) const MAX_ITERATIONS: usize = 100_000;

/// True when the reference would run FreeMarker on this message.
pub(crate) fn is_template(message: &str) -> bool {
    message.contains("<#") || message.contains("<@") || message.contains("${") || message.contains("#{")
}

/// Expands `template` with `data` bound to both `data` and `entity`.
pub(crate) fn expand(template: &str, data: &Value) -> Result<String> {
    let nodes = parser::parse(template).map_err(|e| {
        let (line, col) = line_col(template, e.pos);
        MessageMlError::invalid(format!(
            "Error parsing EntityJSON: Syntax error in template \"messageML\" in line {line}, column {col}:\n{}",
            e.message
        ))
    })?;
    eval::render(&nodes, data).map_err(|e| match e {
        eval::Failure::Runtime(pos) => {
            let (line, col) = line_col(template, pos);
            MessageMlError::invalid(format!(
                "Error parsing Freemarker template: invalid input at line {line}, column {col}"
            ))
        }
        eval::Failure::Limit(err) => err,
    })
}

/// 1-based line and column (in characters) of byte offset `pos`.
fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A template syntax error at byte offset `pos`.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub pos: usize,
    pub message: String,
}

impl SyntaxError {
    pub fn new(pos: usize, message: impl Into<String>) -> Self {
        Self { pos, message: message.into() }
    }
}
