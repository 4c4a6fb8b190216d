//! Message throughput and latency, measured as bots see it.
//!
//! Starts the `sympod` binary (file-backed SQLite, so every write is durable: WAL with
//! `synchronous = FULL`), provisions K bots through the admin API, puts them in one room, and has
//! them send N messages in total, K at a time, over real HTTP with the SDK's multipart shape; then
//! each bot updates every message it sent. Reports messages per second and p50/p99 latency.
//!
//! With `--database postgres://USER@HOST/DB` it runs on PostgreSQL instead (durable too: the
//! server's default `synchronous_commit = on`): the run gets a fresh database `sympod_bench` on that
//! server, dropped at the end.
//!
//! ```sh
//! cargo build --release -p sympod && \
//!   cargo run --release -p sympod --example bench_messages -- --bots 8 --messages 4000
//! ```

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

#[path = "common/mod.rs"]
mod common;
use common::{login, post};

struct Args {
    bots: usize,
    messages: usize,
    binary: String,
    database: Option<String>,
}

fn args() -> Args {
    let mut a = Args { bots: 8, messages: 2000, binary: "target/release/sympod".into(), database: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--bots" => a.bots = value.parse().expect("--bots N"),
            "--messages" => a.messages = value.parse().expect("--messages N"),
            "--binary" => a.binary = value,
            "--database" => a.database = Some(value),
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

fn form(text: &str) -> reqwest::multipart::Form {
    let part =
        |v: &str| reqwest::multipart::Part::text(v.to_owned()).mime_str("text/plain; charset=utf-8").unwrap();
    reqwest::multipart::Form::new()
        .part("message", part(text))
        .part("data", part(""))
        .part("version", part(""))
}

fn report(what: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort_unstable();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{what:8} {:>6} in {:>6.2} s: {:>7.0} msg/s   p50 {:>6.2} ms   p99 {:>6.2} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
    );
}

/// Runs `count` requests per bot, all bots at once; answers the latencies and the wall time.
async fn run<F, Fut>(
    bots: &[(String, Arc<[String]>)],
    per_bot: usize,
    make: F,
) -> (Vec<Duration>, Duration, Vec<Vec<String>>)
where
    F: Fn(usize, usize, String, Arc<[String]>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = String> + Send,
{
    let make = Arc::new(make);
    let started = Instant::now();
    let tasks: Vec<_> = bots
        .iter()
        .enumerate()
        .map(|(b, (token, previous))| {
            let (make, token, previous) = (make.clone(), token.clone(), previous.clone());
            tokio::spawn(async move {
                let mut lat = Vec::with_capacity(per_bot);
                let mut ids = Vec::with_capacity(per_bot);
                for i in 0..per_bot {
                    let t = Instant::now();
                    ids.push(make(b, i, token.clone(), previous.clone()).await);
                    lat.push(t.elapsed());
                }
                (lat, ids)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut ids = Vec::new();
    for t in tasks {
        let (lat, bot_ids) = t.await.unwrap();
        latencies.extend(lat);
        ids.push(bot_ids);
    }
    (latencies, started.elapsed(), ids)
}

#[tokio::main]
async fn main() {
    let a = args();
    let dir = tempfile::tempdir().unwrap();
    let (admin_private, admin_public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("admin.pem"), &admin_public).unwrap();
    let postgres = a.database.as_deref().filter(|d| d.starts_with("postgres")).map(str::to_owned);
    let database = match (&postgres, &a.database) {
        (Some(server), _) => fresh_postgres(server).await,
        (None, Some(database)) => database.clone(),
        (None, None) => format!("sqlite://{}/bench.db", dir.path().display()),
    };
    let mut child = tokio::process::Command::new(&a.binary)
        .args(["serve", "--listen", "127.0.0.1:0", "--database", &database, "--admin-username", "admin"])
        .args(["--admin-public-key", dir.path().join("admin.pem").to_str().unwrap()])
        .env("SYMPOD_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("run the sympod binary (cargo build --release -p sympod first)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next_line().await.unwrap().expect("sympod started");
        if let Some(url) = line.split("listening on ").nth(1) {
            break url.trim().to_owned();
        }
    };
    let client = reqwest::Client::builder().pool_max_idle_per_host(a.bots * 2).build().unwrap();
    let admin = login(&client, &base, "admin", &admin_private).await;
    let (bot_private, bot_public) = sympod::keygen::generate().unwrap();
    let mut bots = Vec::new();
    let mut ids = Vec::new();
    for i in 0..a.bots {
        let body = json!({ "userAttributes": { "userName": format!("bench{i}"), "displayName": format!("Bench {i}"),
            "accountType": "SYSTEM", "currentKey": { "key": bot_public } } });
        let created = post(&client, format!("{base}/pod/v2/admin/user/create"), &admin, body).await;
        ids.push(created["userSystemInfo"]["id"].as_i64().unwrap());
        bots.push((login(&client, &base, &format!("bench{i}"), &bot_private).await, Arc::from([])));
    }
    let room =
        post(&client, format!("{base}/pod/v3/room/create"), &bots[0].0, json!({ "name": "bench" })).await;
    let room = room["roomSystemInfo"]["id"].as_str().unwrap().to_owned();
    for id in &ids[1..] {
        post(&client, format!("{base}/pod/v1/room/{room}/membership/add"), &bots[0].0, json!({ "id": id }))
            .await;
    }
    let per_bot = a.messages / a.bots;
    println!("sympod at {base}, {} bots, {} messages, database {database}", a.bots, per_bot * a.bots);

    let (c, b, r) = (client.clone(), base.clone(), room.clone());
    let (lat, elapsed, sent) = run(&bots, per_bot, move |bot, i, token, _| {
        let (c, b, r) = (c.clone(), b.clone(), r.clone());
        async move {
            let res = c
                .post(format!("{b}/agent/v4/stream/{r}/message/create"))
                .header("sessionToken", token)
                .multipart(form(&format!(
                    "<messageML>message {i} from bot {bot}: <b>hello</b> #bench</messageML>"
                )))
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "send failed: {}", res.status());
            res.json::<Value>().await.unwrap()["messageId"].as_str().unwrap().to_owned()
        }
    })
    .await;
    report("sends", lat, elapsed);

    let bots: Vec<(String, Arc<[String]>)> =
        bots.into_iter().zip(sent).map(|((t, _), s)| (t, Arc::from(s))).collect();
    let (c, b, r) = (client.clone(), base.clone(), room.clone());
    let (lat, elapsed, _) = run(&bots, per_bot, move |_, i, token, previous| {
        let (c, b, r) = (c.clone(), b.clone(), r.clone());
        async move {
            let mid = &previous[i];
            let res = c
                .post(format!("{b}/agent/v4/stream/{r}/message/{mid}/update"))
                .header("sessionToken", token)
                .multipart(form("<messageML>edited</messageML>"))
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "update failed: {}", res.status());
            String::new()
        }
    })
    .await;
    report("updates", lat, elapsed);
    child.kill().await.ok();
    child.wait().await.ok();
    if let Some(server) = postgres {
        drop_postgres(&server).await;
    }
}

/// The database of a PostgreSQL run, on the server `server` names.
const BENCH_DATABASE: &str = "sympod_bench";

/// `server` with its database replaced by `database`.
fn with_database(server: &str, database: &str) -> String {
    let (base, query) = server.split_once('?').map_or((server, None), |(b, q)| (b, Some(q)));
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let host = rest.split('/').next().unwrap_or(rest);
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    format!("{scheme}://{host}/{database}{query}")
}

/// Creates a fresh, empty database for the run (dropping what an interrupted run left) and answers
/// its URL.
async fn fresh_postgres(server: &str) -> String {
    use sqlx::Connection;
    drop_postgres(server).await;
    let mut conn = sqlx::PgConnection::connect(server).await.expect("reach the PostgreSQL server");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {BENCH_DATABASE}")))
        .execute(&mut conn)
        .await
        .expect("create the benchmark database");
    with_database(server, BENCH_DATABASE)
}

async fn drop_postgres(server: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(server).await.expect("reach the PostgreSQL server");
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")))
        .execute(&mut conn)
        .await
        .expect("drop the benchmark database");
}
