//! Conformance of datafeeds and the event log they read: feeds kept per owner, the log numbered in
//! order, each user's view of it, and ids, timestamps and sequence numbers under concurrent writers.

use std::collections::HashSet;

use sympod_model::event::{EventKind, NewEvent};
use sympod_model::feed::{Feed, Pending};
use sympod_model::stream::{Member, RoomAttributes, Stream, StreamState, StreamType};
use sympod_model::{PodId, RuleError, StreamId, UserId};

use super::S;
use crate::StoreError;

fn feed(id: &str, owner: i64, created_at: i64) -> Feed {
    Feed {
        id: id.into(),
        owner: UserId(owner),
        tag: Some(format!("tag-{id}")),
        include_invisible: false,
        hose: false,
        created_at,
        last_read_at: created_at,
        acked_seq: 0,
        pending: None,
    }
}

/// A room with `members`, created with an event that reaches them all.
async fn room(store: &S, id: u8, members: &[i64]) -> StreamState {
    let state = StreamState {
        stream: Stream {
            id: StreamId::from_bytes(&[id; 25]),
            kind: StreamType::Room,
            created_at: 1,
            created_by: UserId(members[0]),
            active: true,
            room: Some(RoomAttributes { name: format!("room {id}"), ..Default::default() }),
            pinned_message: None,
            last_message_at: None,
            conversation_key: None,
        },
        members: members
            .iter()
            .map(|&u| Member { user: UserId(u), pod: PodId(1), owner: false, joined_at: 1, left_at: None })
            .collect(),
    };
    store.create_stream(&state, &event(&state, &[], members)).await.unwrap();
    state
}

/// An event of `state` reaching `audience` (a room's creation when `joined` is empty, else a join).
fn event(state: &StreamState, joined: &[i64], audience: &[i64]) -> NewEvent {
    let kind = match joined.first() {
        Some(&u) => EventKind::UserJoinedRoom { affected: UserId(u) },
        None => EventKind::RoomCreated { room: state.stream.room.clone().unwrap() },
    };
    NewEvent {
        at: 2,
        initiator: state.stream.created_by,
        stream: state.stream.id.clone(),
        stream_type: StreamType::Room,
        kind,
        audience: audience.iter().map(|&u| UserId(u)).collect(),
    }
}

pub async fn feeds_are_kept_per_owner_oldest_first_changed_and_deleted(store: S) {
    // Created in the same millisecond: creation order still holds, whatever the ids.
    let (b, a, other) = (feed("b_f", 10, 5), feed("a_f", 10, 5), feed("c_f", 11, 1));
    for f in [&b, &a, &other] {
        store.create_feed(f).await.unwrap();
    }
    assert_eq!(store.feed("b_f").await.unwrap(), Some(b.clone()));
    assert_eq!(store.feed("missing_f").await.unwrap(), None);
    let ids = |v: Vec<Feed>| v.into_iter().map(|f| f.id).collect::<Vec<_>>();
    assert_eq!(ids(store.feeds_of(UserId(10)).await.unwrap()), ["b_f", "a_f"]);
    assert_eq!(ids(store.feeds_of(UserId(12)).await.unwrap()), Vec::<String>::new());
    let pending = Pending { ack_id: "ack".into(), up_to: 9 };
    let changed = store
        .modify_feed("b_f", &mut |f: &mut Feed| {
            f.acked_seq = 4;
            f.last_read_at = 50;
            f.pending = Some(pending.clone());
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!((changed.acked_seq, changed.last_read_at, changed.pending.clone()), (4, 50, Some(pending)));
    assert_eq!(store.feed("b_f").await.unwrap(), Some(changed.clone()));
    let refused = store
        .modify_feed("b_f", &mut |f: &mut Feed| {
            f.acked_seq = 99;
            Err(RuleError::invalid("no"))
        })
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
    assert_eq!(store.feed("b_f").await.unwrap(), Some(changed), "a rejected change writes nothing");
    let missing = store.modify_feed("missing_f", &mut |_: &mut Feed| Ok(())).await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
    store.delete_feed("b_f").await.unwrap();
    assert_eq!(store.feed("b_f").await.unwrap(), None);
    assert!(matches!(store.delete_feed("b_f").await, Err(StoreError::NotFound)));
    assert_eq!(ids(store.feeds_of(UserId(10)).await.unwrap()), ["a_f"]);
}

pub async fn the_event_log_is_numbered_in_order_and_each_user_sees_their_audience(store: S) {
    assert_eq!(store.last_event_seq().await.unwrap(), 0);
    assert!(store.events_after(0, 10).await.unwrap().is_empty());
    let r = room(&store, 50, &[10, 11]).await;
    // Several events of one change are appended in their order, each reaching its own audience.
    store
        .modify_stream(&r.stream.id, &mut |s: &mut StreamState| {
            Ok(vec![event(s, &[12], &[10, 12]), event(s, &[13], &[11, 13]), event(s, &[14], &[10, 11])])
        })
        .await
        .unwrap();
    let all = store.events_after(0, 100).await.unwrap();
    assert_eq!(all.len(), 4);
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq), "in order: {all:?}");
    assert_eq!(store.last_event_seq().await.unwrap(), all[3].seq);
    let affected = |e: &sympod_model::event::Event| match &e.event.kind {
        EventKind::UserJoinedRoom { affected } => affected.0,
        _ => 0,
    };
    assert_eq!(all.iter().map(affected).collect::<Vec<_>>(), [0, 12, 13, 14]);
    let seqs = |v: Vec<sympod_model::event::Event>| v.into_iter().map(|e| e.seq).collect::<Vec<_>>();
    let of = |i: usize| all[i].seq;
    assert_eq!(seqs(store.events_for(UserId(10), 0, 100).await.unwrap()), [of(0), of(1), of(3)]);
    assert_eq!(seqs(store.events_for(UserId(13), 0, 100).await.unwrap()), [of(2)]);
    assert_eq!(seqs(store.events_for(UserId(11), 0, 2).await.unwrap()), [of(0), of(2)], "at most the limit");
    assert_eq!(seqs(store.events_for(UserId(11), of(0), 100).await.unwrap()), [of(2), of(3)], "after seq");
    assert!(store.events_for(UserId(99), 0, 100).await.unwrap().is_empty());
    let for_12 = store.events_for(UserId(12), 0, 100).await.unwrap();
    assert_eq!(for_12[0].event, all[1].event, "the whole event, audience included");
    assert_eq!(seqs(store.events_after(of(1), 1).await.unwrap()), [of(2)]);
    assert_eq!(seqs(store.events_after(of(3), 10).await.unwrap()), Vec::<i64>::new());
}

pub async fn concurrent_writers_never_share_an_id_a_timestamp_or_a_sequence_number(store: S) {
    let r = room(&store, 51, &[10]).await;
    let pod = store.ensure_pod("Acme", PodId(7)).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..16u8 {
        let store = store.clone();
        let r = r.clone();
        tasks.push(tokio::spawn(async move {
            let id = store.allocate_user_id(pod.id).await.unwrap();
            let joined = store
                .modify_stream(&r.stream.id, &mut |s: &mut StreamState| {
                    Ok(vec![event(s, &[100 + i64::from(i)], &[10])])
                })
                .await
                .unwrap();
            assert!(joined.stream.id == r.stream.id);
            let message = super::messages::message(&r, 100 + i, 100, "concurrent");
            let posted = store.post_message(&message, &mut |_, _, _| Ok(vec![])).await.unwrap();
            (id, posted.created_at)
        }));
    }
    let mut ids = HashSet::new();
    let mut times = HashSet::new();
    for t in tasks {
        let (id, at) = t.await.unwrap();
        assert!(ids.insert(id), "user id {id:?} handed out twice");
        assert!(times.insert(at), "timestamp {at} given twice in one stream");
    }
    let seqs: Vec<i64> = store.events_after(0, 100).await.unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs.len(), 17);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
}

pub async fn pruning_deletes_only_old_events_that_no_live_feed_can_still_deliver(store: S) {
    assert_eq!(store.prune_events(0, i64::MAX, 10).await.unwrap(), 0, "an empty log");
    let r = room(&store, 52, &[10]).await;
    for at in 100..105 {
        store
            .modify_stream(&r.stream.id, &mut |s: &mut StreamState| {
                Ok(vec![NewEvent { at, ..event(s, &[20 + at], &[10]) }])
            })
            .await
            .unwrap();
    }
    let seqs = |v: Vec<sympod_model::event::Event>| v.into_iter().map(|e| e.seq).collect::<Vec<_>>();
    let s = seqs(store.events_after(0, 100).await.unwrap());
    assert_eq!(s.len(), 6, "the room's creation at 2, then events at 100 to 104");
    // A live feed has acknowledged up to s[3]; an expired one (not read since 10) only s[0].
    let live = Feed { acked_seq: s[3], last_read_at: 1_000, ..feed("live_f", 10, 1_000) };
    let expired = Feed { acked_seq: s[0], last_read_at: 10, ..feed("old_f", 10, 10) };
    store.create_feed(&live).await.unwrap();
    store.create_feed(&expired).await.unwrap();
    assert_eq!(store.prune_events(500, 101, 10).await.unwrap(), 2, "appended before 101: s0 and s1");
    assert_eq!(store.prune_events(500, 1_000, 1).await.unwrap(), 1, "at most the limit: s2");
    assert_eq!(store.prune_events(500, 1_000, 10).await.unwrap(), 1, "up to the live cursor: s3");
    assert_eq!(seqs(store.events_after(0, 100).await.unwrap()), &s[4..]);
    assert_eq!(seqs(store.events_for(UserId(10), s[3], 100).await.unwrap()), &s[4..], "the feed reads on");
    store.delete_feed("live_f").await.unwrap();
    assert_eq!(store.prune_events(500, 1_000, 10).await.unwrap(), 1, "no live feed: all but the newest");
    assert_eq!(seqs(store.events_after(0, 100).await.unwrap()), [s[5]]);
    assert_eq!(store.last_event_seq().await.unwrap(), s[5], "new feeds start after it");
    assert_eq!(store.prune_events(500, 1_000, 10).await.unwrap(), 0);
}
