//! What only a shared store must do: several instances opening one database at once, hearing each
//! other's events, recovering from a lost listener, and committing events in sequence order.
//! Skipped unless `SYMPOD_TEST_POSTGRES_URL` names a server.

use std::sync::Arc;
use std::time::Duration;

use sqlx::{Connection, PgConnection};
use sympod_model::event::{EventKind, NewEvent};
use sympod_model::stream::{Member, RoomAttributes, Stream, StreamState, StreamType};
use sympod_model::{PodId, StreamId, UserId};
use sympod_store::record::EventRow;
use sympod_store::{Store, Wake};
use sympod_store_postgres::PgStore;
use sympod_store_postgres::scratch::{Scratch, TEST_URL_VAR, test_server};
use tokio::sync::mpsc;

async fn scratch() -> Option<Scratch> {
    let Some(server) = test_server() else {
        eprintln!("skipped: {TEST_URL_VAR} is not set");
        return None;
    };
    Some(Scratch::create(&server).await.unwrap())
}

/// What a sink heard: the users of a wake, or `None` for everyone.
type Heard = Option<Vec<UserId>>;

fn record(store: &PgStore) -> mpsc::UnboundedReceiver<Heard> {
    let (tx, rx) = mpsc::unbounded_channel();
    store.set_event_sink(Arc::new(move |wake| {
        let _ = tx.send(match wake {
            Wake::Users(users) => Some(users.to_vec()),
            Wake::Everyone => None,
        });
    }));
    rx
}

async fn next(heard: &mut mpsc::UnboundedReceiver<Heard>, within: Duration) -> Option<Heard> {
    tokio::time::timeout(within, heard.recv()).await.ok().flatten()
}

/// A room of `members` and the event of its creation, reaching them.
fn room(id: u8, members: &[i64]) -> (StreamState, NewEvent) {
    let attributes = RoomAttributes { name: format!("room {id}"), ..Default::default() };
    let state = StreamState {
        stream: Stream {
            id: StreamId::from_bytes(&[id; 25]),
            kind: StreamType::Room,
            created_at: 1,
            created_by: UserId(members[0]),
            active: true,
            room: Some(attributes.clone()),
            pinned_message: None,
            last_message_at: None,
            conversation_key: None,
        },
        members: members
            .iter()
            .map(|&u| Member { user: UserId(u), pod: PodId(1), owner: false, joined_at: 1, left_at: None })
            .collect(),
    };
    let event = NewEvent {
        at: 1,
        initiator: UserId(members[0]),
        stream: state.stream.id.clone(),
        stream_type: StreamType::Room,
        kind: EventKind::RoomCreated { room: attributes },
        audience: members.iter().map(|&u| UserId(u)).collect(),
    };
    (state, event)
}

#[tokio::test]
async fn instances_opening_one_empty_database_at_once_all_migrate_it() {
    let Some(scratch) = scratch().await else { return };
    let (a, b, c) = tokio::join!(
        sympod_store_postgres::open(scratch.url()),
        sympod_store_postgres::open(scratch.url()),
        sympod_store_postgres::open(scratch.url())
    );
    let (a, b, _c) = (a.unwrap(), b.unwrap(), c.unwrap());
    assert_ne!(a.instance(), b.instance());
    let (ha, hb) = tokio::join!(a.ensure_pod("Acme", PodId(190)), b.ensure_pod("ACME", PodId(190)));
    assert_eq!(ha.unwrap(), hb.unwrap(), "one home pod, whoever asked first");
}

#[tokio::test]
async fn an_instance_hears_the_events_of_another_but_not_its_own_twice() {
    let Some(scratch) = scratch().await else { return };
    let a = sympod_store_postgres::open(scratch.url()).await.unwrap();
    let b = sympod_store_postgres::open(scratch.url()).await.unwrap();
    let (mut heard_a, mut heard_b) = (record(&a), record(&b));
    let (state, event) = room(1, &[10, 11]);
    b.create_stream(&state, &event).await.unwrap();
    let users = Some(vec![UserId(10), UserId(11)]);
    assert_eq!(next(&mut heard_b, Duration::from_secs(1)).await, Some(users.clone()), "b: its own commit");
    assert_eq!(next(&mut heard_a, Duration::from_secs(2)).await, Some(users), "a: through NOTIFY");
    assert_eq!(next(&mut heard_b, Duration::from_millis(300)).await, None, "b does not hear itself again");
}

#[tokio::test]
async fn a_lost_listener_connection_wakes_everyone_once_listening_again() {
    let Some(scratch) = scratch().await else { return };
    let a = sympod_store_postgres::open(scratch.url()).await.unwrap();
    let mut heard = record(&a);
    let mut admin = PgConnection::connect(&test_server().unwrap()).await.unwrap();
    let ended: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE application_name = $1 AND query ILIKE 'LISTEN%'",
    )
    .bind(scratch.name())
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(ended, [true], "the listener's connection");
    assert_eq!(next(&mut heard, Duration::from_secs(10)).await, Some(None), "everyone is woken");
    // Listening again: another instance's event is heard as before.
    let b = sympod_store_postgres::open(scratch.url()).await.unwrap();
    let (state, event) = room(2, &[12]);
    b.create_stream(&state, &event).await.unwrap();
    assert_eq!(next(&mut heard, Duration::from_secs(2)).await, Some(Some(vec![UserId(12)])));
}

#[tokio::test]
async fn an_event_append_waits_for_the_one_in_flight_so_no_reader_skips_a_smaller_seq() {
    let Some(scratch) = scratch().await else { return };
    let store = sympod_store_postgres::open(scratch.url()).await.unwrap();
    // Another instance's transaction takes seq 1 for an event of user 10, and has not committed.
    let (first, first_event) = room(3, &[10]);
    let row = EventRow::of(&first_event);
    let mut other = PgConnection::connect(scratch.url()).await.unwrap();
    let mut tx = other.begin().await.unwrap();
    let seq: i64 = sqlx::query_scalar("UPDATE event_counter SET last = last + 1 RETURNING last")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(seq)
        .bind(row.at)
        .bind(row.initiator)
        .bind(&row.stream_id)
        .bind(&row.stream_type)
        .bind(&row.kind)
        .bind(&row.audience)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO event_audience VALUES (10, $1)").bind(seq).execute(&mut *tx).await.unwrap();
    // This instance appends an event of user 10 meanwhile: it must not commit first.
    let store = Arc::new(store);
    let (second, second_event) = room(4, &[10]);
    let writer = store.clone();
    let appended = tokio::spawn(async move { writer.create_stream(&second, &second_event).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!appended.is_finished(), "the later append waits for the one in flight");
    assert!(store.events_for(UserId(10), 0, 10).await.unwrap().is_empty());
    tx.commit().await.unwrap();
    appended.await.unwrap().unwrap();
    let seqs: Vec<i64> = store.events_for(UserId(10), 0, 10).await.unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2], "committed in seq order");
    assert_eq!(
        store.events_for(UserId(10), 1, 10).await.unwrap()[0].event.stream,
        StreamId::from_bytes(&[4; 25])
    );
    drop(first);
}
