//! Pod limits on a message (Symphony's public MessageML v2 documentation), plus sympod's own
//! cap on raw input, checked before any parsing so hostile input costs little.

use std::collections::HashSet;

use crate::error::{Limit, MessageMlError, Result};

/// Most entities (mentions, hashtags, cashtags, emoji, dates, …) in one message.
pub const MAX_ENTITIES: usize = 40;
/// Most unique whitespace-separated tokens in the markdown form.
pub const MAX_TOKENS: usize = 2_500;
/// Most characters in the markdown form.
pub const MAX_CHARS: usize = 81_130;
/// Largest raw message, EntityJSON or expanded template, in bytes (sympod's own bound; ten
/// times what a message within the character limit can plausibly need).
pub const MAX_INPUT_BYTES: usize = 1_048_576;

/// Fails when `len` bytes of `what` exceed [`MAX_INPUT_BYTES`].
pub(crate) fn check_input_size(what: &str, len: usize) -> Result<()> {
    if len > MAX_INPUT_BYTES {
        return Err(MessageMlError::limit(
            Limit::InputSize,
            format!("The {what} is too large: {len} bytes, the maximum is {MAX_INPUT_BYTES}"),
        ));
    }
    Ok(())
}

/// Fails once `entity_count` entities exceed [`MAX_ENTITIES`].
pub(crate) fn check_entities(entity_count: usize) -> Result<()> {
    if entity_count > MAX_ENTITIES {
        return Err(MessageMlError::limit(
            Limit::Entities,
            format!("Message has {entity_count} entities, the maximum is {MAX_ENTITIES}"),
        ));
    }
    Ok(())
}

/// Checks the converted message's markdown against the pod limits (the entity count is
/// checked as entities are counted).
pub(crate) fn check(markdown: &str) -> Result<()> {
    let chars = markdown.chars().count();
    if chars > MAX_CHARS {
        return Err(MessageMlError::limit(
            Limit::Characters,
            format!("Message has {chars} characters, the maximum is {MAX_CHARS}"),
        ));
    }
    // Fewer tokens than the limit cannot hold more unique ones: skip the set.
    if markdown.split_whitespace().nth(MAX_TOKENS).is_none() {
        return Ok(());
    }
    let mut tokens: HashSet<&str> = HashSet::new();
    for token in markdown.split_whitespace() {
        tokens.insert(token);
        if tokens.len() > MAX_TOKENS {
            return Err(MessageMlError::limit(
                Limit::Tokens,
                format!("Message has more than {MAX_TOKENS} unique tokens, the maximum is {MAX_TOKENS}"),
            ));
        }
    }
    Ok(())
}
