//! Conformance of messages: timestamps, edit chains, pins, attachments.

use sympod_model::event::{EventKind, NewEvent};
use sympod_model::message::{Attachment, Content, Message, MessageState};
use sympod_model::stream::{Member, RoomAttributes, Stream, StreamState, StreamType};
use sympod_model::{MessageId, PodId, RuleError, StreamId, UserId};

use super::S;
use crate::{MessagePage, StoreError};

async fn room(store: &S, id: u8) -> StreamState {
    let state = StreamState {
        stream: Stream {
            id: StreamId::from_bytes(&[id; 25]),
            kind: StreamType::Room,
            created_at: 1,
            created_by: UserId(10),
            active: true,
            room: Some(RoomAttributes { name: "r".into(), ..Default::default() }),
            pinned_message: None,
            last_message_at: None,
            conversation_key: None,
        },
        members: vec![Member { user: UserId(10), pod: PodId(1), owner: true, joined_at: 1, left_at: None }],
    };
    let event = NewEvent {
        at: 1,
        initiator: UserId(10),
        stream: state.stream.id.clone(),
        stream_type: StreamType::Room,
        kind: EventKind::RoomCreated { room: state.stream.room.clone().unwrap() },
        audience: vec![UserId(10)],
    };
    store.create_stream(&state, &event).await.unwrap();
    state
}

pub(super) fn message(stream: &StreamState, id: u8, at: i64, text: &str) -> Message {
    let mid = MessageId::from_bytes(&[id; 25]);
    Message {
        id: mid.clone(),
        stream: stream.stream.id.clone(),
        author: UserId(10),
        created_at: at,
        initial_id: mid,
        initial_at: at,
        replaces: None,
        replaced_by: None,
        state: MessageState::Active,
        content: Content {
            presentation_ml: format!("<div>{text}</div>"),
            data: "{}".into(),
            text: text.into(),
            original_format: "com.symphony.messageml.v2".into(),
            hashtags: vec![],
            cashtags: vec![],
            mentions: vec![],
            forms: vec![],
        },
        attachments: vec![],
        via_app: None,
        silent: None,
        suppressed_at: None,
    }
}

fn sent(m: &Message) -> Vec<NewEvent> {
    vec![NewEvent {
        at: m.created_at,
        initiator: m.author,
        stream: m.stream.clone(),
        stream_type: StreamType::Room,
        kind: EventKind::MessageSent { message: m.id.clone() },
        audience: vec![m.author],
    }]
}

const ALL: MessagePage =
    MessagePage { since: i64::MIN, until: None, visible_from: i64::MIN, skip: 0, limit: 100 };

pub async fn messages_of_a_stream_get_strictly_increasing_timestamps(store: S) {
    let r = room(&store, 30).await;
    let a = store.post_message(&message(&r, 1, 100, "a"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let b = store.post_message(&message(&r, 2, 100, "b"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let c = store.post_message(&message(&r, 3, 50, "c"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
    assert!(a.created_at < b.created_at && b.created_at < c.created_at);
    assert_eq!((b.initial_id.clone(), b.initial_at), (b.id.clone(), b.created_at));
    assert_eq!(store.stream(&r.stream.id).await.unwrap().unwrap().stream.last_message_at, Some(c.created_at));
    assert_eq!(store.message(&a.id).await.unwrap(), Some(a));
    let events = store.events_after(0, 10).await.unwrap();
    assert_eq!(events.iter().filter(|e| e.event.kind.type_name() == "MESSAGESENT").count(), 3);
}

pub async fn an_update_continues_the_chain_and_moves_the_pin(store: S) {
    let r = room(&store, 31).await;
    let first = store.post_message(&message(&r, 1, 100, "v1"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
    store
        .modify_stream(&r.stream.id, &mut |s: &mut StreamState| {
            s.stream.pinned_message = Some(first.id.clone());
            Ok(vec![])
        })
        .await
        .unwrap();
    let mut v2 = message(&r, 2, 100, "v2");
    v2.replaces = Some(first.id.clone());
    let mut seen_old = None;
    let second = store
        .post_message(&v2, &mut |_, old, m| {
            seen_old = old.map(|o| o.id.clone());
            Ok(sent(m))
        })
        .await
        .unwrap();
    assert_eq!(seen_old, Some(first.id.clone()));
    assert_eq!((second.initial_id.clone(), second.initial_at), (first.id.clone(), first.created_at));
    assert!(second.created_at > first.created_at);
    let old = store.message(&first.id).await.unwrap().unwrap();
    assert_eq!(old.replaced_by, Some(second.id.clone()));
    let stream = store.stream(&r.stream.id).await.unwrap().unwrap();
    assert_eq!(stream.stream.pinned_message, Some(second.id.clone()), "the pin follows the chain");
    let listed = store.stream_messages(&r.stream.id, ALL).await.unwrap();
    assert_eq!(listed.iter().map(|m| m.id.clone()).collect::<Vec<_>>(), [second.id]);
}

pub async fn a_version_has_at_most_one_successor(store: S) {
    let r = room(&store, 37).await;
    let v1 = store.post_message(&message(&r, 1, 100, "v1"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let mut a = message(&r, 2, 100, "a");
    a.replaces = Some(v1.id.clone());
    store.post_message(&a, &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let mut b = message(&r, 3, 100, "b");
    b.replaces = Some(v1.id.clone());
    // Even a check that approves everything cannot give a version a second successor.
    let second = store.post_message(&b, &mut |_, _, m| Ok(sent(m))).await;
    assert!(matches!(second, Err(StoreError::Conflict(_))), "{second:?}");
    assert_eq!(store.message(&b.id).await.unwrap(), None);
}

pub async fn a_refused_or_misplaced_message_writes_nothing(store: S) {
    let r = room(&store, 32).await;
    let other = room(&store, 33).await;
    let refused =
        store.post_message(&message(&r, 1, 100, "x"), &mut |_, _, _| Err(RuleError::forbidden("no"))).await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
    assert_eq!(store.message(&MessageId::from_bytes(&[1; 25])).await.unwrap(), None);
    let first = store.post_message(&message(&other, 2, 100, "o"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let mut misplaced = message(&r, 3, 100, "v2");
    misplaced.replaces = Some(first.id.clone());
    let res = store.post_message(&misplaced, &mut |_, _, m| Ok(sent(m))).await;
    assert!(matches!(res, Err(StoreError::NotFound)), "the replaced message must be of the same stream");
    let mut lost = message(&r, 4, 100, "x");
    lost.stream = StreamId::from_bytes(&[99; 25]);
    assert!(matches!(store.post_message(&lost, &mut |_, _, m| Ok(sent(m))).await, Err(StoreError::NotFound)));
    assert_eq!(store.stream(&r.stream.id).await.unwrap().unwrap().stream.last_message_at, None);
}

pub async fn stream_messages_are_pages_of_newest_versions_in_chain_order(store: S) {
    let r = room(&store, 34).await;
    let mut ids = Vec::new();
    for i in 0..5u8 {
        let m = store.post_message(&message(&r, 40 + i, 100, "m"), &mut |_, _, m| Ok(sent(m))).await.unwrap();
        ids.push(m);
    }
    let mut edit = message(&r, 60, 100, "edited");
    edit.replaces = Some(ids[1].id.clone());
    let edited = store.post_message(&edit, &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let page = |since, skip, limit| MessagePage { since, until: None, visible_from: i64::MIN, skip, limit };
    let listed = store.stream_messages(&r.stream.id, page(i64::MIN, 0, 100)).await.unwrap();
    let expect: Vec<_> = [&ids[0], &ids[2], &ids[3], &ids[4], &edited].iter().map(|m| m.id.clone()).collect();
    assert_eq!(
        listed.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
        expect,
        "an edit takes its new timestamp's place"
    );
    let paged = store.stream_messages(&r.stream.id, page(i64::MIN, 1, 2)).await.unwrap();
    assert_eq!(paged.iter().map(|m| m.id.clone()).collect::<Vec<_>>(), expect[1..3]);
    let since = store.stream_messages(&r.stream.id, page(ids[3].created_at, 0, 100)).await.unwrap();
    assert_eq!(since.len(), 3, "ids[3], ids[4] and the edit");
    let hidden = MessagePage { visible_from: ids[2].initial_at, ..page(i64::MIN, 0, 100) };
    assert_eq!(
        store.stream_messages(&r.stream.id, hidden).await.unwrap().len(),
        3,
        "the edited chain started before"
    );
    let until = MessagePage { until: Some(ids[2].created_at), ..page(i64::MIN, 0, 100) };
    assert_eq!(store.stream_messages(&r.stream.id, until).await.unwrap().len(), 2, "ids[0] and ids[2]");
}

pub async fn a_whole_chain_is_changed_atomically_and_unlisted_files_are_deleted(store: S) {
    let r = room(&store, 36).await;
    let mut first = message(&r, 1, 100, "secret");
    let file =
        Attachment { id: "f".into(), name: "f.txt".into(), size: 1, content_type: "text/plain".into() };
    first.attachments = vec![file.clone()];
    store.put_blob("f", &b"x".to_vec().into(), 100).await.unwrap();
    let v1 = store.post_message(&first, &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let mut edit = message(&r, 2, 100, "still secret");
    edit.replaces = Some(v1.id.clone());
    let v2 = store.post_message(&edit, &mut |_, _, m| Ok(sent(m))).await.unwrap();
    let refused = store
        .modify_chain(&v2.id, &mut |_, chain| {
            chain[0].state = MessageState::Suppressed;
            Err(RuleError::forbidden("no"))
        })
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
    assert_eq!(store.message(&v1.id).await.unwrap().unwrap().state, MessageState::Active);
    let changed = store
        .modify_chain(&v2.id, &mut |s, chain| {
            assert_eq!(
                chain.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
                [v1.id.clone(), v2.id.clone()]
            );
            for m in chain.iter_mut() {
                m.state = MessageState::Suppressed;
                m.attachments.clear();
            }
            let kind = EventKind::MessageSuppressed { message: chain[1].id.clone() };
            Ok(vec![NewEvent { kind, audience: s.current_ids(), ..sent(&chain[1]).remove(0) }])
        })
        .await
        .unwrap();
    assert_eq!(changed.len(), 2);
    for id in [&v1.id, &v2.id] {
        assert_eq!(store.message(id).await.unwrap().unwrap().state, MessageState::Suppressed);
    }
    assert_eq!(store.blob_chunk("f", 0).await.unwrap(), None, "the file's bytes are gone");
    assert_eq!(
        store.events_after(0, 10).await.unwrap().last().unwrap().event.kind.type_name(),
        "MESSAGESUPPRESSED"
    );
    let missing = store.modify_chain(&MessageId::from_bytes(&[77; 25]), &mut |_, _| Ok(vec![])).await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

pub async fn attachments_are_stored_with_their_message(store: S) {
    let r = room(&store, 35).await;
    let mut m = message(&r, 1, 100, "file");
    let file =
        Attachment { id: "f1".into(), name: "a.txt".into(), size: 3, content_type: "text/plain".into() };
    m.attachments = vec![file.clone()];
    let missing = store.post_message(&m, &mut |_, _, m| Ok(sent(m))).await;
    assert!(matches!(missing, Err(StoreError::Rejected(_))), "no blob f1 yet: {missing:?}");
    assert_eq!(store.message(&m.id).await.unwrap(), None);
    store.put_blob("f1", &b"abc".to_vec().into(), 100).await.unwrap();
    let taken = store.put_blob("f1", &b"xyz".to_vec().into(), 100).await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let stored = store.post_message(&m, &mut |_, _, m| Ok(sent(m))).await.unwrap();
    assert_eq!(store.blob_chunk("f1", 0).await.unwrap(), Some(b"abc".to_vec()));
    assert_eq!(store.blob_chunk("f1", 1).await.unwrap(), None);
    assert_eq!(store.blob_chunk("f2", 0).await.unwrap(), None);
    assert_eq!(store.message(&stored.id).await.unwrap().unwrap().attachments, [file]);
}

pub async fn a_large_blob_is_stored_in_chunks_and_read_back_whole(store: S) {
    let size = crate::BLOB_CHUNK * 2 + 1000;
    let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let mut body = crate::FileBody::default();
    for part in bytes.chunks(70_000) {
        body.push(part.to_vec().into());
    }
    store.put_blob("big", &body, 5).await.unwrap();
    let mut read = Vec::new();
    let mut seq = 0;
    while let Some(chunk) = store.blob_chunk("big", seq).await.unwrap() {
        read.extend_from_slice(&chunk);
        seq += 1;
    }
    assert_eq!(seq, 3);
    assert!(read == bytes, "the chunks rebuild the file");
    store.put_blob("empty", &crate::FileBody::default(), 5).await.unwrap();
    assert_eq!(store.blob_chunk("empty", 0).await.unwrap(), None, "an empty file has no chunk");
}

pub async fn a_blob_named_by_several_messages_lives_until_the_last_lets_go(store: S) {
    let r = room(&store, 37).await;
    let file =
        Attachment { id: "shared".into(), name: "s.txt".into(), size: 2, content_type: "text/plain".into() };
    store.put_blob("shared", &b"hi".to_vec().into(), 100).await.unwrap();
    let mut ids = vec![];
    for n in 1..=2 {
        let mut m = message(&r, n, 100, "blast");
        m.attachments = vec![file.clone()];
        ids.push(store.post_message(&m, &mut |_, _, m| Ok(sent(m))).await.unwrap().id);
    }
    let clear = |chain: &mut [Message]| {
        for m in chain.iter_mut() {
            m.attachments.clear();
        }
        Ok(vec![])
    };
    store.modify_chain(&ids[0], &mut |_, chain| clear(chain)).await.unwrap();
    assert_eq!(store.blob_chunk("shared", 0).await.unwrap(), Some(b"hi".to_vec()), "still named");
    store.modify_chain(&ids[1], &mut |_, chain| clear(chain)).await.unwrap();
    assert_eq!(store.blob_chunk("shared", 0).await.unwrap(), None);
}

pub async fn sweeping_removes_only_old_blobs_no_message_names(store: S) {
    let r = room(&store, 38).await;
    for (id, at) in [("old-orphan", 10), ("new-orphan", 500), ("old-named", 10)] {
        store.put_blob(id, &b"z".to_vec().into(), at).await.unwrap();
    }
    let mut m = message(&r, 1, 100, "named");
    m.attachments =
        vec![Attachment { id: "old-named".into(), name: "n".into(), size: 1, content_type: "x/y".into() }];
    store.post_message(&m, &mut |_, _, m| Ok(sent(m))).await.unwrap();
    assert_eq!(store.sweep_blobs(100).await.unwrap(), 1);
    assert_eq!(store.blob_chunk("old-orphan", 0).await.unwrap(), None);
    assert!(store.blob_chunk("new-orphan", 0).await.unwrap().is_some(), "too young to sweep");
    assert!(store.blob_chunk("old-named", 0).await.unwrap().is_some(), "a message names it");
}
