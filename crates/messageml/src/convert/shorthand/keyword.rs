//! `<hash tag/>` and `<cash tag/>`: hashtags and cashtags (`keywordN` entities).

use super::{entity_span, id_entity, sigiled};
use crate::convert::{Attrs, Converter, Ctx, Kind, Spec, no_content};
use crate::error::{MessageMlError, Result, attr_required};
use crate::out::Out;
use crate::xml::Element;

const SPECS: &[Spec] = &[Spec::same("tag")];

/// The reference's hashtag pattern, quoted in its error message.
const HASH_PATTERN: &str = r#"[\S]*[^\s!@#$%^&*()+=<>,./?`~:;'"\\|-]+[\S]*$"#;

/// Builds a hashtag or cashtag.
pub(crate) fn keyword(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    let attrs = Attrs::read(el, cv.mode, SPECS)?;
    let key = cv.state.next_key("keyword");
    let children = cv.build_children(el, ctx.child(kind, &el.name))?;
    let tag = attrs.get("tag").ok_or_else(|| attr_required("tag"))?;
    no_content(&el.name, &children)?;
    cv.state.count_entity()?;
    if kind == Kind::Hash {
        if !is_valid_hashtag(tag) {
            return Err(MessageMlError::invalid(format!(
                "Values of the attribute 'tag' for the element 'hash' must match the pattern {HASH_PATTERN}"
            )));
        }
        cv.state.hashtag(tag);
        cv.state.generate(key.clone(), hashtag_entity(tag));
        Ok(entity_span(key, sigiled('#', tag)))
    } else {
        cv.state.cashtag(tag);
        cv.state.generate(key.clone(), cashtag_entity(tag));
        Ok(entity_span(key, sigiled('$', tag)))
    }
}

/// No whitespace, and at least one character outside the punctuation set.
fn is_valid_hashtag(tag: &str) -> bool {
    const PUNCT: &str = "!@#$%^&*()+=<>,./?`~:;'\"\\|-";
    !tag.chars().any(char::is_whitespace) && tag.chars().any(|c| !PUNCT.contains(c))
}

/// `{"type":"org.symphonyoss.taxonomy",…hashtag…}`.
pub(crate) fn hashtag_entity(tag: &str) -> crate::entities::Entity {
    id_entity("org.symphonyoss.taxonomy", "org.symphonyoss.taxonomy.hashtag", tag)
}

/// `{"type":"org.symphonyoss.fin.security",…ticker…}`.
pub(crate) fn cashtag_entity(tag: &str) -> crate::entities::Entity {
    id_entity("org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", tag)
}

#[cfg(test)]
mod tests {
    use super::is_valid_hashtag;

    #[test]
    fn hashtags_need_one_word_character_and_no_spaces() {
        assert!(is_valid_hashtag("symphony"));
        assert!(is_valid_hashtag("#a-b"));
        assert!(!is_valid_hashtag("---"));
        assert!(!is_valid_hashtag("two words"));
        assert!(!is_valid_hashtag(""));
    }
}
