//! Scan cost with a policy of 10,000 keywords and 100 realistic patterns, and build cost.
//!
//! Run: `cargo bench -p sympod-dlp --bench scan`. The budget is 100 µs to scan a 4 KB message.
//! Inputs are generated deterministically: keywords are made-up words (with multi-word phrases
//! and punctuation edges) and fragments of the message's own words, so the keyword automaton
//! sees many candidates that the word-boundary check must reject; patterns are card numbers,
//! IBANs, email domains, secrets and code names with variants. The "unicode" message holds
//! accented words, which is what pushes word-boundary patterns off the regex crate's fast path.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sympod_dlp::{
    Action, ContentType, Dictionary, DictionaryContent, DictionaryKind, Matcher, Policy, Scope, V1Policy,
};

const VOCABULARY: &str = "the a of to and in for on with as by at from this that we our your their \
    report quarter revenue growth client meeting schedule review team project update budget forecast \
    market trade desk settlement position risk limit approval compliance manager analyst portfolio \
    interest rate bond equity credit spread yield curve hedge fund order execution price volume \
    tomorrow morning afternoon call follow please confirm thanks regards attached document draft \
    final version numbers figures table chart summary details question answer issue resolved pending \
    expected delayed increase decrease stable strong weak higher lower than before after during \
    week month year today office remote travel london new york singapore hong kong paris desk";

const ACCENTED: &[&str] = &["café", "résumé", "naïve", "déjà", "Zürich", "São", "€", "Ångström", "façade"];

/// A deterministic pseudo-random sequence (xorshift).
struct Random(u64);

impl Random {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

fn vocabulary() -> Vec<&'static str> {
    VOCABULARY.split_whitespace().collect()
}

/// About 4 KB of business chat; with `accents`, a few non-ASCII words too.
fn message(seed: u64, bytes: usize, accents: bool) -> String {
    let words = vocabulary();
    let mut random = Random(seed);
    let mut text = String::new();
    let mut sentence = 0;
    while text.len() < bytes {
        let word = if accents && random.next().is_multiple_of(40) {
            random.pick(ACCENTED)
        } else {
            random.pick(&words)
        };
        text.push_str(word);
        sentence += 1;
        let punctuation = match random.next() % 60 {
            0 => format!(" {}.{:02}", random.next() % 1000, random.next() % 100),
            _ if sentence > 12 => {
                sentence = 0;
                ". ".to_owned()
            }
            1 => ", ".to_owned(),
            2 => "\n".to_owned(),
            _ => " ".to_owned(),
        };
        text.push_str(&punctuation);
    }
    text
}

/// 10,000 keywords none of which is a word of the messages.
fn keywords() -> Vec<String> {
    let words = vocabulary();
    let syllables =
        ["ka", "lo", "mer", "ti", "sa", "vu", "ron", "de", "pi", "zel", "qua", "bri", "nox", "te"];
    let mut random = Random(7);
    let mut out = std::collections::BTreeSet::new();
    // Fragments of real words (`repo`, `ence`): candidates the boundary check rejects.
    for word in &words {
        for len in 3..word.len() {
            out.insert(word[..len].to_owned());
            out.insert(word[word.len() - len..].to_owned());
        }
    }
    out.retain(|k| !words.contains(&k.as_str()));
    while out.len() < 10_000 {
        let made: String = (0..2 + random.next() % 3).map(|_| random.pick(&syllables)).collect();
        let keyword = match random.next() % 10 {
            0 => format!("project {made}"),
            1 => format!("{} {made}", random.pick(&words)),
            2 => format!("#{made}"),
            3 => format!("{made}-{}", random.next() % 100),
            _ => made,
        };
        if !words.contains(&keyword.as_str()) {
            out.insert(keyword);
        }
    }
    out.into_iter().collect()
}

/// 100 patterns of the kinds a compliance team writes.
fn patterns() -> Vec<String> {
    let mut out: Vec<String> = [
        r"\b4\d{3}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b",
        r"\b5[1-5]\d{2}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b",
        r"\b3[47]\d{2}[ -]?\d{6}[ -]?\d{5}\b",
        r"\b6(?:011|5\d{2})[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b",
        r"\b35(?:2[89]|[3-8]\d)[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b",
        r"\b3(?:0[0-5]|[68]\d)\d[ -]?\d{6}[ -]?\d{4}\b",
        r"\b62\d{14,17}\b",
        r"\b\d{3}-\d{2}-\d{4}\b",
        r"(?-i)\b[A-Z]{2}[A-Z0-9]{9}\d\b",
        r"(?-i)\b[A-Z]{6}[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{3})?\b",
        r"(?-i)\b[A-CEGHJ-PR-TW-Z]{2}\d{6}[A-D]\b",
        r"(?-i)\bAKIA[0-9A-Z]{16}\b",
        r"\bghp_[A-Za-z0-9]{36}\b",
        r"\bxox[baprs]-[A-Za-z0-9-]{10,48}",
        r"-----BEGIN (?:RSA |EC )?PRIVATE KEY-----",
        r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}",
        r"\+\d{1,3}[ .-]?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}\b",
        r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
        r"\bdob:?\s*\d{2}[/.-]\d{2}[/.-]\d{4}\b",
        r"\bpassword\s*[:=]\s*\S+",
    ]
    .iter()
    .map(|p| (*p).to_owned())
    .collect();
    let ibans = [
        ("DE", 18),
        ("FR", 23),
        ("GB", 18),
        ("ES", 20),
        ("IT", 23),
        ("NL", 14),
        ("BE", 12),
        ("CH", 17),
        ("AT", 16),
        ("LU", 16),
        ("IE", 18),
        ("PT", 21),
        ("PL", 24),
        ("SE", 20),
        ("DK", 14),
        ("NO", 11),
        ("FI", 14),
        ("CZ", 20),
        ("HU", 24),
        ("GR", 23),
        ("RO", 20),
        ("BG", 18),
        ("HR", 17),
        ("SI", 15),
        ("SK", 20),
        ("LT", 16),
        ("LV", 17),
        ("EE", 16),
        ("MT", 27),
        ("CY", 24),
    ];
    for (country, rest) in ibans {
        out.push(format!(
            r"(?-i)\b{country}\d{{2}}(?:[ ]?[A-Z0-9]{{4}}){{{}}}(?:[ ]?[A-Z0-9]{{1,4}})?\b",
            rest / 4
        ));
    }
    for domain in [
        "acme",
        "globex",
        "initech",
        "umbrella",
        "hooli",
        "stark",
        "wayne",
        "tyrell",
        "cyberdyne",
        "soylent",
        "wonka",
        "gringotts",
        "oscorp",
        "vandelay",
        "massive",
    ] {
        out.push(format!(r"\b[a-z0-9._%+-]+@{domain}\.(?:com|net|org|co\.uk)\b"));
    }
    for word in [
        "confidential(?:ly|ity)?",
        "s[e3]cr[e3]t(?:s|ly)?",
        "classified",
        "internal[ _-]only",
        "do[ _-]not[ _-]share",
        "insider(?:s)?",
        "non[ -]?public",
        "embargo(?:ed)?",
        "restricted",
        "proprietary",
        "leak(?:ed|s)?",
        "front[ -]?run(?:ning)?",
        "guarantee(?:d)? returns?",
        "off[ -]the[ -]record",
        "whatsapp(?:ed)?",
        "pump(?:ing)? and dump",
        "wash[ -]trad(?:e|es|ing)",
    ] {
        out.push(format!(r"\b{word}\b"));
    }
    for name in [
        "falcon",
        "eagle",
        "osprey",
        "kestrel",
        "condor",
        "harrier",
        "merlin",
        "peregrine",
        "raven",
        "heron",
        "ibis",
        "puffin",
        "albatross",
        "cormorant",
        "pelican",
        "gannet",
        "skua",
        "tern",
    ] {
        out.push(format!(r"\bproject[\s_-]+{name}\b"));
    }
    out.truncate(100);
    assert_eq!(out.len(), 100);
    out
}

fn dictionary(id: &str, kind: DictionaryKind, entries: &[String]) -> Arc<Dictionary> {
    let content = DictionaryContent::parse(kind, entries.join("\n").as_bytes()).unwrap();
    Arc::new(Dictionary { id: id.into(), name: id.into(), version: "1.0".into(), content })
}

/// One blocking policy on messages and rooms with the 10,000 keywords and the 100 patterns.
fn policies() -> Vec<Policy> {
    policy(vec![
        dictionary("keywords", DictionaryKind::Word, &keywords()),
        dictionary("patterns", DictionaryKind::Regex, &patterns()),
    ])
}

fn policy(dictionaries: Vec<Arc<Dictionary>>) -> Vec<Policy> {
    vec![Policy::from(V1Policy {
        id: "p".into(),
        version: "1.0".into(),
        name: "benchmark".into(),
        enabled: true,
        action: Action::Block,
        content_types: vec![ContentType::Messages, ContentType::RoomMeta],
        scopes: vec![Scope::Internal, Scope::External],
        dictionaries,
    })]
}

/// `text` with one keyword, a card number, an email address and a secret inserted between words.
fn with_matches(mut text: String) -> String {
    let keywords = keywords();
    let keyword = keywords.iter().find(|k| k.starts_with('#') && !keywords.contains(&k[1..].to_owned()));
    for (at, insert) in [
        (500, format!("{} ", keyword.unwrap())),
        (1500, "card 4111 1111 1111 1111 ".to_owned()),
        (2500, "mail jane.doe@acme.org now ".to_owned()),
        (3500, "strictly CONFIDENTIAL. ".to_owned()),
    ] {
        let at = at + text[at..].find(' ').unwrap() + 1;
        text.insert_str(at, &insert);
    }
    text
}

fn scan(c: &mut Criterion) {
    let matcher = Matcher::build(&policies());
    assert_eq!((matcher.keyword_count(), matcher.pattern_count()), (10_000, 100));
    let inputs = [
        ("clean_ascii_4k", message(1, 4096, false)),
        ("clean_unicode_4k", message(2, 4096, true)),
        ("four_matches_4k", with_matches(message(3, 4000, true))),
        ("clean_unicode_80k", message(4, 80 * 1024, true)),
    ];
    let mut group = c.benchmark_group("scan");
    for (name, text) in &inputs {
        let verdict = matcher.scan(ContentType::Messages, Scope::Internal, &[text]);
        let expected = if name.starts_with("four") { 4 } else { 0 };
        let found: Vec<&str> =
            verdict.policies.iter().flat_map(|p| &p.terms).map(|t| t.term.as_str()).collect();
        assert_eq!(found.len(), expected, "{name}: {found:?}");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| matcher.scan(ContentType::Messages, Scope::Internal, black_box(&[text.as_str()])))
        });
    }
    // 512 different 4 KB messages in turn, as a server sees them: no text is scanned twice in a
    // row, so the lazy DFAs meet new text each time.
    let rotation: Vec<String> = (0..512).map(|i| message(100 + i, 4096, i % 2 == 0)).collect();
    let mut next = 0;
    group.throughput(Throughput::Bytes(4096));
    group.bench_function("rotating_512_messages_4k", |b| {
        b.iter(|| {
            next = (next + 1) % rotation.len();
            matcher.scan(ContentType::Messages, Scope::Internal, black_box(&[rotation[next].as_str()]))
        })
    });
    group.finish();
    // Hostile input: patterns whose DFA would have exponentially many states, on 80 KB of text
    // made to visit them. The lazy DFA cache fills, and the regex crate falls back to its
    // slower engines, which are still linear in the text length.
    let mut hostile_patterns = patterns();
    hostile_patterns.truncate(97);
    hostile_patterns
        .extend([r"x[a-z]{30}q", r"[a-z]{0,20}y[a-z]{20}z\b", r"(?:a|b)*a(?:a|b){12}c"].map(String::from));
    let hostile = Matcher::build(&policy(vec![
        dictionary("k", DictionaryKind::Word, &keywords()),
        dictionary("p", DictionaryKind::Regex, &hostile_patterns),
    ]));
    let mut random = Random(11);
    let text: String =
        (0..80 * 1024).map(|_| ['a', 'b', 'x', 'y', 'z', 'é', ' '][random.next() % 7]).collect();
    let mut group = c.benchmark_group("scan_hostile");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("dfa_busting_patterns_80k", |b| {
        b.iter(|| hostile.scan(ContentType::Messages, Scope::Internal, black_box(&[text.as_str()])))
    });
    group.finish();
    // The two halves of the 4 KB scans, to see where the time goes.
    let halves = [
        ("keywords_only", policy(vec![dictionary("k", DictionaryKind::Word, &keywords())])),
        ("patterns_only", policy(vec![dictionary("p", DictionaryKind::Regex, &patterns())])),
    ];
    for (half, policies) in halves {
        let matcher = Matcher::build(&policies);
        let mut group = c.benchmark_group(format!("scan_{half}"));
        for (name, text) in inputs.iter().filter(|(name, _)| name.ends_with("4k")) {
            group.bench_function(*name, |b| {
                b.iter(|| matcher.scan(ContentType::Messages, Scope::Internal, black_box(&[text.as_str()])))
            });
        }
        group.finish();
    }
}

fn build(c: &mut Criterion) {
    let policies = policies();
    let keywords = keywords().join("\n");
    let patterns = patterns().join("\n");
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("parse_10000_keywords", |b| {
        b.iter(|| DictionaryContent::parse(DictionaryKind::Word, black_box(keywords.as_bytes())).unwrap())
    });
    group.bench_function("parse_100_patterns", |b| {
        b.iter(|| DictionaryContent::parse(DictionaryKind::Regex, black_box(patterns.as_bytes())).unwrap())
    });
    group.bench_function("matcher_10000_keywords_100_patterns", |b| {
        b.iter(|| Matcher::build(black_box(&policies)))
    });
    group.finish();
}

criterion_group!(benches, scan, build);
criterion_main!(benches);
