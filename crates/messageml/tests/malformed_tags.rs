//! Mismatched and stray end tags are errors, never panics.

use sympod_messageml::{Input, ResolvedUser, UserResolver, convert};

struct Nobody;
impl UserResolver for Nobody {
    fn by_uid(&self, _: i64) -> Option<ResolvedUser> {
        None
    }
    fn by_email(&self, _: &str) -> Option<ResolvedUser> {
        None
    }
}

#[test]
fn mismatched_and_stray_end_tags_are_errors_not_panics() {
    for message in [
        "<messageML><b>x</i></messageML>",
        "<messageML><b>x</b></i></messageML>",
        "<messageML></b></messageML>",
        "<messageML><b><i>x</b></i></messageML>",
        "<messageML>x</messageML></messageML>",
        "<div data-format=\"PresentationML\" data-version=\"2.0\"><b>x</i></div>",
    ] {
        let input = Input { message, data: None, version: None };
        let outcome = std::panic::catch_unwind(|| convert(&input, &Nobody));
        let result = outcome.unwrap_or_else(|_| panic!("converting {message} panicked"));
        let err = result.expect_err(message);
        assert!(err.to_string().starts_with("Invalid messageML"), "{message}: {err}");
    }
}
