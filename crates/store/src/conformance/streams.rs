//! Conformance of streams, memberships and the event log.

use sympod_model::event::{EventKind, NewEvent};
use sympod_model::stream::{
    Keyword, Member, RoomAttributes, Stream, StreamState, StreamType, conversation_key,
};
use sympod_model::{PodId, RuleError, StreamId, UserId};

use super::S;
use crate::StoreError;

fn room_state(id: u8, name: &str, members: &[i64]) -> StreamState {
    let room =
        RoomAttributes { name: name.into(), description: format!("about {name}"), ..Default::default() };
    StreamState {
        stream: Stream {
            id: StreamId::from_bytes(&[id; 25]),
            kind: StreamType::Room,
            created_at: i64::from(id),
            created_by: UserId(members[0]),
            active: true,
            room: Some(room),
            pinned_message: None,
            last_message_at: None,
            conversation_key: None,
        },
        members: members
            .iter()
            .enumerate()
            .map(|(i, &u)| Member {
                user: UserId(u),
                pod: PodId(1),
                owner: i == 0,
                joined_at: 1,
                left_at: None,
            })
            .collect(),
    }
}

fn created(state: &StreamState) -> NewEvent {
    NewEvent {
        at: 1,
        initiator: state.stream.created_by,
        stream: state.stream.id.clone(),
        stream_type: state.stream.kind,
        kind: EventKind::RoomCreated { room: state.stream.room.clone().unwrap() },
        audience: state.current_ids(),
    }
}

pub async fn a_stream_is_stored_with_its_members_and_its_event(store: S) {
    let state = room_state(1, "Desk", &[10, 11]);
    store.create_stream(&state, &created(&state)).await.unwrap();
    assert_eq!(store.stream(&state.stream.id).await.unwrap(), Some(state.clone()));
    let events = store.events_after(0, 10).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, created(&state));
    assert_eq!(store.stream(&StreamId::from_bytes(&[9; 25])).await.unwrap(), None);
}

pub async fn a_conversation_is_unique_by_its_members(store: S) {
    let mut im = room_state(2, "-", &[10, 11]);
    im.stream.kind = StreamType::Im;
    im.stream.room = None;
    im.stream.conversation_key = Some(conversation_key(&[UserId(11), UserId(10)]));
    let event = NewEvent {
        kind: EventKind::InstantMessageCreated { members: vec![UserId(10), UserId(11)] },
        ..created(&room_state(2, "-", &[10, 11]))
    };
    store.create_stream(&im, &event).await.unwrap();
    let mut again = im.clone();
    again.stream.id = StreamId::from_bytes(&[3; 25]);
    assert!(
        matches!(store.create_stream(&again, &event).await, Err(StoreError::Conflict(w)) if w == "conversation")
    );
    assert_eq!(store.conversation("10,11").await.unwrap().map(|s| s.stream.id), Some(im.stream.id));
    assert_eq!(store.events_after(0, 10).await.unwrap().len(), 1, "the refused create appended nothing");
}

pub async fn a_stream_mutation_changes_members_and_appends_its_events_atomically(store: S) {
    let state = room_state(4, "Desk", &[10]);
    store.create_stream(&state, &created(&state)).await.unwrap();
    let joined = |s: &StreamState| NewEvent {
        kind: EventKind::UserJoinedRoom { affected: UserId(12) },
        audience: s.current_ids(),
        ..created(s)
    };
    let after = store
        .modify_stream(&state.stream.id, &mut |s: &mut StreamState| {
            s.members.push(Member {
                user: UserId(12),
                pod: PodId(2),
                owner: false,
                joined_at: 5,
                left_at: None,
            });
            s.members[0].owner = true;
            Ok(vec![joined(s)])
        })
        .await
        .unwrap();
    assert_eq!(store.stream(&state.stream.id).await.unwrap(), Some(after.clone()));
    assert!(after.is_member(UserId(12)));
    let left = store
        .modify_stream(&state.stream.id, &mut |s: &mut StreamState| {
            s.members.iter_mut().find(|m| m.user == UserId(12)).unwrap().left_at = Some(9);
            Ok(vec![])
        })
        .await
        .unwrap();
    assert!(!left.is_member(UserId(12)));
    assert_eq!(left.members.len(), 2, "a past member is kept");
    let events = store.events_after(0, 10).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.event.kind.type_name()).collect::<Vec<_>>(),
        ["ROOMCREATED", "USERJOINEDROOM"]
    );
    assert!(events[0].seq < events[1].seq);
    assert_eq!(store.events_after(events[0].seq, 10).await.unwrap().len(), 1);
}

pub async fn a_rejected_stream_mutation_writes_nothing(store: S) {
    let state = room_state(5, "Desk", &[10]);
    store.create_stream(&state, &created(&state)).await.unwrap();
    let refused = store
        .modify_stream(&state.stream.id, &mut |s: &mut StreamState| {
            s.stream.active = false;
            Err(RuleError::forbidden("no"))
        })
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(RuleError::Forbidden(_)))));
    assert_eq!(store.stream(&state.stream.id).await.unwrap(), Some(state));
    assert_eq!(store.events_after(0, 10).await.unwrap().len(), 1);
    let missing =
        store.modify_stream(&StreamId::from_bytes(&[8; 25]), &mut |_: &mut StreamState| Ok(vec![])).await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

pub async fn streams_of_a_user_are_their_current_memberships(store: S) {
    // Created in the same millisecond: creation order still holds, whatever the ids.
    let mut a = room_state(200, "A", &[10, 11]);
    let mut b = room_state(7, "B", &[11]);
    a.stream.created_at = 5;
    b.stream.created_at = 5;
    for s in [&a, &b] {
        store.create_stream(s, &created(s)).await.unwrap();
    }
    store
        .modify_stream(&a.stream.id, &mut |s: &mut StreamState| {
            s.members[1].left_at = Some(3);
            Ok(vec![])
        })
        .await
        .unwrap();
    let ids = |v: Vec<StreamState>| v.into_iter().map(|s| s.stream.id).collect::<Vec<_>>();
    assert_eq!(ids(store.streams_of(UserId(11)).await.unwrap()), std::slice::from_ref(&b.stream.id));
    assert_eq!(ids(store.streams_of(UserId(10)).await.unwrap()), std::slice::from_ref(&a.stream.id));
    assert_eq!(ids(store.all_streams().await.unwrap()), [a.stream.id, b.stream.id]);
}

pub async fn rooms_are_searched_by_name_description_and_keyword_values(store: S) {
    let mut fx = room_state(8, "FX Desk", &[10]);
    fx.stream.room.as_mut().unwrap().keywords =
        vec![Keyword { key: "region".into(), value: "EMEA_100%".into() }];
    let rates = room_state(9, "Rates", &[10]);
    for s in [&fx, &rates] {
        store.create_stream(s, &created(s)).await.unwrap();
    }
    let names = |v: Vec<StreamState>| v.into_iter().map(|s| s.stream.room.unwrap().name).collect::<Vec<_>>();
    assert_eq!(names(store.search_rooms("fx").await.unwrap()), ["FX Desk"]);
    assert_eq!(names(store.search_rooms("ABOUT RATES").await.unwrap()), ["Rates"]);
    assert_eq!(names(store.search_rooms("emea_100%").await.unwrap()), ["FX Desk"]);
    assert_eq!(names(store.search_rooms("_").await.unwrap()), ["FX Desk"], "wildcards are text");
    assert_eq!(store.search_rooms("").await.unwrap().len(), 2);
}
