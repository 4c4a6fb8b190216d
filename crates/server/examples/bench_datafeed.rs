//! Datafeed delivery latency, and what idle long polls cost.
//!
//! Starts the `sympod` binary (durable file store), gives K bots a datafeed each in one room, and has
//! one sender post N messages one after another; each bot's reader records when each message reaches
//! it. Reports delivery latency p50/p99 (from the send request's start to the read's return). Then it
//! opens 1,000 long polls that will find nothing and reads the server's CPU time (`/proc/<pid>/stat`)
//! over 10 seconds of waiting, and what 200 messages nobody of them waits for cost the server with
//! and without those polls waiting.
//!
//! ```sh
//! cargo build --release -p sympod && \
//!   cargo run --release -p sympod --example bench_datafeed -- --bots 20 --messages 200
//! ```

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

#[path = "common/mod.rs"]
mod common;
use common::{login, post};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The text of a one-paragraph PresentationML message: `m12` of `<div ...>m12</div>`.
fn body_text(pml: &str) -> &str {
    pml.trim_end_matches("</div>").rsplit('>').next().unwrap_or_default()
}

/// Sends `text` to `room` as the SDK does (multipart), and waits for the answer.
async fn send(c: &reqwest::Client, base: &str, token: &str, room: &str, text: &str) -> Value {
    let form = reqwest::multipart::Form::new().text("message", format!("<messageML>{text}</messageML>"));
    let res = c
        .post(format!("{base}/agent/v4/stream/{room}/message/create"))
        .header("sessionToken", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    res.json().await.unwrap()
}

/// User and system CPU time of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    fields.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let (bots, messages) = (arg("--bots", 20), arg("--messages", 200));
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = sympod::keygen::generate().unwrap();
    std::fs::write(dir.path().join("admin.pem"), &public).unwrap();
    let db = format!("sqlite://{}/bench.db", dir.path().display());
    let mut child = tokio::process::Command::new("target/release/sympod")
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            &db,
            "--admin-username",
            "admin",
            "--datafeed-wait-ms",
            "30000",
        ])
        .args(["--admin-public-key", dir.path().join("admin.pem").to_str().unwrap()])
        .env("SYMPOD_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("build the release binary first");
    let pid = child.id().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next_line().await.unwrap().expect("sympod started");
        if let Some(url) = line.split("listening on ").nth(1) {
            break url.trim().to_owned();
        }
    };
    let c = reqwest::Client::builder().pool_max_idle_per_host(2_000).build().unwrap();
    let admin = login(&c, &base, "admin", &private).await;
    let create = |name: String| {
        let (c, base, admin, public) = (c.clone(), base.clone(), admin.clone(), public.clone());
        async move {
            let body = json!({ "userAttributes": { "userName": name, "displayName": name, "accountType": "SYSTEM", "currentKey": { "key": public } } });
            post(&c, format!("{base}/pod/v2/admin/user/create"), &admin, body).await["userSystemInfo"]["id"]
                .as_i64()
                .unwrap()
        }
    };
    let sender_id = create("sender".into()).await;
    let sender = login(&c, &base, "sender", &private).await;
    let room = post(&c, format!("{base}/pod/v3/room/create"), &sender, json!({ "name": "bench" })).await;
    let room = room["roomSystemInfo"]["id"].as_str().unwrap().to_owned();
    let _ = sender_id;
    let sent_at: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let mut readers = Vec::new();
    for i in 0..bots {
        let id = create(format!("bot{i}")).await;
        post(&c, format!("{base}/pod/v1/room/{room}/membership/add"), &sender, json!({ "id": id })).await;
        let token = login(&c, &base, &format!("bot{i}"), &private).await;
        let feed = post(&c, format!("{base}/agent/v5/datafeeds"), &token, json!({})).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (c, base, sent_at, latencies) = (c.clone(), base.clone(), sent_at.clone(), latencies.clone());
        readers.push(tokio::spawn(async move {
            let (mut ack, mut received) = (String::new(), 0);
            while received < messages {
                let batch = post(
                    &c,
                    format!("{base}/agent/v5/datafeeds/{feed}/read"),
                    &token,
                    json!({ "ackId": ack }),
                )
                .await;
                let now = Instant::now();
                for e in
                    batch["events"].as_array().into_iter().flatten().filter(|e| e["type"] == "MESSAGESENT")
                {
                    let text = e["payload"]["messageSent"]["message"]["message"].as_str().unwrap_or_default();
                    if let Some(t) = sent_at.lock().unwrap().get(body_text(text)) {
                        latencies.lock().unwrap().push(now.duration_since(*t));
                        received += 1;
                    }
                }
                ack = batch["ackId"].as_str().unwrap_or_default().to_owned();
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    for i in 0..messages {
        // Recorded before the request: a reader may see the message before the sender's answer.
        sent_at.lock().unwrap().insert(format!("m{i}"), Instant::now());
        send(&c, &base, &sender, &room, &format!("m{i}")).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for r in readers {
        tokio::time::timeout(Duration::from_secs(60), r).await.expect("readers finish").unwrap();
    }
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort_unstable();
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)].as_secs_f64() * 1000.0;
    println!(
        "delivery to {bots} bots of {messages} messages ({} deliveries): p50 {:.2} ms, p99 {:.2} ms",
        lat.len(),
        pct(0.5),
        pct(0.99)
    );

    // What 200 messages cost the server when nobody waits for them: the baseline for below.
    create("other".into()).await;
    let other = login(&c, &base, "other", &private).await;
    let elsewhere =
        post(&c, format!("{base}/pod/v3/room/create"), &other, json!({ "name": "elsewhere" })).await;
    let elsewhere = elsewhere["roomSystemInfo"]["id"].as_str().unwrap().to_owned();
    let unrelated = |label: &'static str| {
        let (c, base, other, elsewhere) = (c.clone(), base.clone(), other.clone(), elsewhere.clone());
        async move {
            let before = cpu_ticks(pid);
            for i in 0..200 {
                send(&c, &base, &other, &elsewhere, &format!("{label}{i}")).await;
            }
            (cpu_ticks(pid) - before) as f64 * 10.0 // ticks of 10 ms (USER_HZ = 100)
        }
    };
    let alone_ms = unrelated("alone").await;

    // 1,000 idle long polls: 50 users with 20 feeds each.
    let mut idle = Vec::new();
    for u in 0..50 {
        create(format!("idle{u}")).await;
        let token = login(&c, &base, &format!("idle{u}"), &private).await;
        for _ in 0..20 {
            let feed = post(&c, format!("{base}/agent/v5/datafeeds"), &token, json!({})).await["id"]
                .as_str()
                .unwrap()
                .to_owned();
            let (c, base, token) = (c.clone(), base.clone(), token.clone());
            idle.push(tokio::spawn(async move {
                post(&c, format!("{base}/agent/v5/datafeeds/{feed}/read"), &token, json!({ "ackId": "" }))
                    .await
            }));
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (before, t0) = (cpu_ticks(pid), Instant::now());
    tokio::time::sleep(Duration::from_secs(10)).await;
    let (after, elapsed) = (cpu_ticks(pid), t0.elapsed());
    let ticks_per_sec = 100.0; // USER_HZ on Linux
    let cpu_ms = (after - before) as f64 / ticks_per_sec * 1000.0;
    println!(
        "1000 idle long polls for {:.1} s: server CPU {cpu_ms:.0} ms ({:.2} % of one core)",
        elapsed.as_secs_f64(),
        cpu_ms / elapsed.as_secs_f64() / 10.0
    );
    let busy_ms = unrelated("busy").await;
    println!(
        "200 messages in a room of none of them: server CPU {alone_ms:.0} ms alone, {busy_ms:.0} ms with the \
         1000 polls waiting (only the audience of an event is woken)"
    );
    for t in idle {
        t.abort();
    }
    child.kill().await.ok();
}
