//! Hearing the other instances: every transaction that appends events issues a `NOTIFY` on the
//! store's channel, delivered at its commit, naming the instance and the events' audience. A task per
//! store `LISTEN`s on its own connection and passes the other instances' notifications to the sink.
//!
//! The log is the source of truth, so a notification lost (the connection dropped, the listener
//! lagged) delays a datafeed read until the end of its wait, and no longer: the read queries the
//! log again then. A reconnect shortens even that: once listening again, the task wakes everyone,
//! since anything may have been missed in between.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sympod_model::UserId;
use sympod_store::Wake;

use crate::{Notice, Sink, tell};

/// PostgreSQL refuses payloads of 8000 bytes or more; past this, a notification wakes everyone.
const MAX_PAYLOAD: usize = 7900;

/// What a payload says instead of user ids when they do not fit.
const EVERYONE: &str = "*";

/// The channel of a store whose tables are in `schema`: two deployments sharing a database in
/// different schemas do not hear each other. At most 63 bytes, PostgreSQL's longest identifier.
pub(crate) fn channel_of(schema: &str) -> String {
    let mut channel = format!("sympod_{schema}");
    while channel.len() > 63 {
        channel.pop();
    }
    channel
}

/// The payload telling that `instance` appended events reaching `users`: `instance:1,2,3`, or
/// `instance:*` when the ids do not fit.
pub(crate) fn payload(instance: &str, users: &[UserId]) -> String {
    let ids: Vec<String> = users.iter().map(|u| u.0.to_string()).collect();
    let listed = format!("{instance}:{}", ids.join(","));
    if listed.len() <= MAX_PAYLOAD { listed } else { format!("{instance}:{EVERYONE}") }
}

/// Reads a payload: the instance that sent it, and whom it wakes (`None`: everyone). A payload that
/// does not parse wakes everyone too: waking too many costs a query, missing one costs a wait.
pub(crate) fn parse(payload: &str) -> (&str, Option<Vec<UserId>>) {
    let Some((instance, list)) = payload.split_once(':') else { return ("", None) };
    if list == EVERYONE {
        return (instance, None);
    }
    let ids: Result<Vec<UserId>, _> =
        list.split(',').filter(|s| !s.is_empty()).map(|s| s.parse::<i64>().map(UserId)).collect();
    (instance, ids.ok())
}

/// A listener on its own connection (not one of the pool's, which it would hold forever).
pub(crate) async fn subscribe(options: &PgConnectOptions, channel: &str) -> sqlx::Result<PgListener> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options.clone())
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(channel).await?;
    Ok(listener)
}

/// Passes the other instances' notifications to the sink until the store is dropped (which aborts
/// this task). Reconnects when the connection is lost, then wakes everyone.
pub(crate) async fn run(mut listener: PgListener, options: PgConnectOptions, notice: Notice, sink: Sink) {
    let mut backoff = Duration::from_millis(100);
    loop {
        match listener.try_recv().await {
            Ok(Some(note)) => match parse(note.payload()) {
                (from, _) if from == notice.instance => {}
                (_, Some(users)) => tell(&sink, Wake::Users(&users)),
                (_, None) => tell(&sink, Wake::Everyone),
            },
            // The connection dropped and the listener is listening again on a new one.
            Ok(None) => {
                tracing::warn!(channel = %notice.channel, "listener reconnected; waking every datafeed read");
                tell(&sink, Wake::Everyone);
            }
            Err(e) => {
                tracing::warn!(error = %e, channel = %notice.channel, "listener lost; reconnecting");
                listener = loop {
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                    match subscribe(&options, &notice.channel).await {
                        Ok(listener) => break listener,
                        Err(e) => tracing::warn!(error = %e, "cannot listen again yet"),
                    }
                };
                backoff = Duration::from_millis(100);
                tell(&sink, Wake::Everyone);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_names_its_instance_and_audience() {
        let p = payload("ab12", &[UserId(1), UserId(12_345_678_901)]);
        assert_eq!(p, "ab12:1,12345678901");
        assert_eq!(parse(&p), ("ab12", Some(vec![UserId(1), UserId(12_345_678_901)])));
        assert_eq!(parse(&payload("ab12", &[])), ("ab12", Some(vec![])));
    }

    #[test]
    fn an_audience_too_large_for_a_payload_becomes_everyone() {
        let many: Vec<UserId> = (0..1000).map(|i| UserId(1_000_000_000_000 + i)).collect();
        let p = payload("ab12", &many);
        assert!(p.len() < 8000);
        assert_eq!(parse(&p), ("ab12", None));
    }

    #[test]
    fn a_payload_that_does_not_parse_wakes_everyone() {
        assert_eq!(parse("garbage"), ("", None));
        assert_eq!(parse("ab12:1,x"), ("ab12", None));
    }

    #[test]
    fn channels_are_per_schema_and_fit_an_identifier() {
        assert_eq!(channel_of("public"), "sympod_public");
        assert_eq!(channel_of(&"s".repeat(100)).len(), 63);
    }
}
