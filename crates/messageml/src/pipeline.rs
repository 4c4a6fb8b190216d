//! The reference's pipeline, step by step, first failure wins (see the crate README).

use serde_json::Value;

use crate::api::{Input, Options, Output};
use crate::convert::{self, Converter, IdGen, Mode, State};
use crate::error::{MessageMlError, Result};
use crate::{ORIGINAL_FORMAT, entity_json, limits, render, template, xml};

/// Converts a message with default options (random generated ids).
pub fn convert(input: &Input<'_>, users: &dyn crate::UserResolver) -> Result<Output> {
    convert_with(input, users, &Options::default())
}

/// Converts a message.
pub fn convert_with(input: &Input<'_>, users: &dyn crate::UserResolver, options: &Options) -> Result<Output> {
    if input.message.trim().is_empty() {
        return Err(MessageMlError::invalid("Error parsing message: the message cannot be null or empty"));
    }
    limits::check_input_size("message", input.message.len())?;
    limits::check_input_size("data", input.data.map_or(0, str::len))?;
    let mut data = entity_json::parse_data(input.data)?;
    let expanded;
    let message = if template::is_template(input.message) {
        let root = Value::Object(std::mem::take(&mut data));
        let result = template::expand(input.message, &root);
        if let Value::Object(map) = root {
            data = map;
        }
        expanded = result?;
        limits::check_input_size("expanded template", expanded.len())?;
        expanded.as_str()
    } else {
        input.message
    };
    if message.chars().any(|c| c < ' ' && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(MessageMlError::invalid("Invalid control characters in message"));
    }
    let root = xml::parse(message)?;
    let keys = entity_json::check_entity_refs(&root, &data)?;
    let cv = Converter {
        mode: Mode::MessageMl,
        users,
        keys: &keys,
        state: State::default(),
        ids: options.id_seed.map_or_else(IdGen::random, IdGen::seeded),
    };
    let mut converted = convert::run(cv, &root, input.version)?;
    let entity_json = converted.state.entity_json(data);
    let markdown = render::markdown(&converted.children, message.len());
    limits::check(&markdown)?;
    let state = converted.state;
    Ok(Output {
        presentation_ml: render::presentation_ml(&converted.version, &converted.children, message.len()),
        entity_json,
        text: render::text(&converted.children),
        markdown,
        mentions: state.mentions,
        hashtags: state.hashtags,
        cashtags: state.cashtags,
        original_format: ORIGINAL_FORMAT,
        forms: state.forms,
    })
}
