//! Conversion throughput on realistic messages of about 1 KB each.
//!
//! Run: `cargo bench --bench convert` (criterion prints time per conversion and MB/s).
//!
//! `convert` times one whole conversion (every output plus the limit checks, and dropping the
//! `Output`). `convert_and_store` adds what the server does next: writing the EntityJSON as
//! text (`entity_json.to_string()`), so the cost of the entity JSON shows wherever it is paid.

use std::hint::black_box;

/// The allocator of the `sympod` binary, so that the figures are the server's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sympod_messageml::{Input, Options, ResolvedUser, UserResolver, convert_with};

struct Users;

impl UserResolver for Users {
    fn by_uid(&self, uid: i64) -> Option<ResolvedUser> {
        Some(ResolvedUser { id: uid, display_name: format!("User {uid}"), email: None })
    }
    fn by_email(&self, _email: &str) -> Option<ResolvedUser> {
        None
    }
}

/// (name, message, data)
fn messages() -> Vec<(&'static str, String, Option<String>)> {
    let plain =
        format!("<messageML>{}</messageML>", "The quick brown fox jumps over the lazy dog. ".repeat(22));
    let formatted = format!(
        "<messageML>{}</messageML>",
        r#"<p>Hi <mention uid="1001"/>, the <b>Q3 report</b> for <cash tag="IBM"/> is <i>ready</i>; see <a href="https://example.com/r/q3">the report</a> <hash tag="earnings"/> <emoji shortcode="rocket"/></p>"#
            .repeat(4)
    );
    let rows: String = (0..12)
        .map(|i| {
            format!("<tr><td>Bond {i}</td><td>{}</td><td class=\"num\">{}.25</td></tr>", 1000 + i, 99 - i)
        })
        .collect();
    let table = format!(
        "<messageML><table class=\"pretty\"><thead><tr><th>Name</th><th>Qty</th><th>Price</th></tr></thead><tbody>{rows}</tbody></table></messageML>"
    );
    let form = r#"<messageML><form id="order-form"><h3>New order</h3>
        <text-field name="client" label="Client" placeholder="Client name" required="true"/>
        <text-field name="qty" label="Quantity" pattern="^[0-9]+$" pattern-error-message="digits only"/>
        <select name="side" label="Side"><option value="buy" selected="true">Buy</option><option value="sell">Sell</option></select>
        <textarea name="notes" placeholder="Notes"></textarea>
        <checkbox name="urgent" value="yes">Urgent</checkbox><radio name="venue" value="a">Venue A</radio><radio name="venue" value="b">Venue B</radio>
        <date-picker name="settle" label="Settlement" min="2024-01-01"/><person-selector name="approver" label="Approver"/>
        <button name="submit" class="primary">Submit</button><button type="reset">Reset</button></form></messageML>"#
        .to_owned();
    let template = r#"<messageML><h3>Positions for ${data.desk.name}</h3><ul><#list data.desk.positions as p><li><b>${p.ticker}</b>: ${p.qty} at ${p.price}<#if p.alert??> <i>${p.alert}</i></#if></li></#list></ul><p>Total: ${data.desk.positions?size} positions</p></messageML>"#.to_owned();
    let positions: Vec<String> = (0..10)
        .map(|i| {
            format!(
                r#"{{"ticker":"TCK{i}","qty":{},"price":{}.5{}}}"#,
                100 * i,
                10 + i,
                if i % 3 == 0 { r#","alert":"check""# } else { "" }
            )
        })
        .collect();
    let data = format!(r#"{{"desk":{{"name":"Rates <EU>","positions":[{}]}}}}"#, positions.join(","));
    vec![
        ("plain_text", plain, None),
        ("formatted_with_entities", formatted, None),
        ("table", table, None),
        ("form", form, None),
        ("template_with_list", template, Some(data)),
    ]
}

fn bench(c: &mut Criterion) {
    let options = Options { id_seed: Some(1) };
    let mut group = c.benchmark_group("convert");
    for (name, message, data) in messages() {
        let input = Input { message: &message, data: data.as_deref(), version: None };
        convert_with(&input, &Users, &options).expect(name);
        group.throughput(Throughput::Bytes(message.len() as u64));
        group.bench_function(format!("{name} ({} B)", message.len()), |b| {
            b.iter(|| convert_with(black_box(&input), &Users, &options).unwrap())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("convert_and_store");
    for (name, message, data) in messages() {
        let input = Input { message: &message, data: data.as_deref(), version: None };
        group.throughput(Throughput::Bytes(message.len() as u64));
        group.bench_function(format!("{name} ({} B)", message.len()), |b| {
            b.iter(|| {
                let out = convert_with(black_box(&input), &Users, &options).unwrap();
                (out.entity_json.to_string(), out.presentation_ml)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
