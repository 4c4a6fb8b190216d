//! Fuzz target: any bytes, as a message (raw, inside `<messageML>`, and as PresentationML),
//! with and without EntityJSON, must convert or fail cleanly: no panic, hang or blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sympod_messageml::{Input, Options, ResolvedUser, UserResolver, convert_with};

struct Users;

impl UserResolver for Users {
    fn by_uid(&self, uid: i64) -> Option<ResolvedUser> {
        (uid == 123).then(|| ResolvedUser { id: 123, display_name: "Jane <Doe>".into(), email: None })
    }
    fn by_email(&self, email: &str) -> Option<ResolvedUser> {
        email.contains('@').then(|| ResolvedUser {
            id: 7,
            display_name: "E".into(),
            email: Some(email.into()),
        })
    }
}

/// The server converts on tokio workers, whose stacks are 2 MiB: run each input on a thread
/// of that size, so unbounded recursion is caught as the stack overflow it would be there.
const STACK: usize = 2 * 1024 * 1024;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    std::thread::scope(|s| {
        let worker =
            std::thread::Builder::new().stack_size(STACK).spawn_scoped(s, || check(text)).expect("spawn");
        if let Err(panic) = worker.join() {
            std::panic::resume_unwind(panic);
        }
    });
});

fn check(text: &str) {
    // A split point lets one input carry both a message and its data.
    let (message, data) = match text.split_once('\u{1}') {
        Some((m, d)) => (m, Some(d)),
        None => (text, None),
    };
    let options = Options { id_seed: Some(1) };
    let wrapped = format!("<messageML>{message}</messageML>");
    let pml = format!(r#"<div data-format="PresentationML" data-version="2.0">{message}</div>"#);
    for m in [message, wrapped.as_str(), pml.as_str()] {
        if let Ok(out) = convert_with(&Input { message: m, data, version: None }, &Users, &options) {
            // The EntityJSON written directly must be what serde_json writes for its tree.
            let data = out.entity_json.to_string();
            assert_eq!(data, out.entity_json.to_value().to_string());
            // What we produce must be accepted again.
            let again = convert_with(
                &Input { message: &out.presentation_ml, data: Some(&data), version: None },
                &Users,
                &options,
            );
            assert!(again.is_ok(), "{} -> {:?}", out.presentation_ml, again.err());
        }
    }
}
