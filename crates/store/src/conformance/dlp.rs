//! Conformance of DLP records: dictionaries with their content, policies and the dictionaries they
//! name, the generation every change bumps, and violations listed by kind and time.

use sympod_model::dlp::{
    DictionaryType, DlpAction, DlpAppliesTo, DlpContentType, DlpDictionary, DlpOutcome, DlpPolicy, DlpRule,
    DlpScope, DlpVersion, DlpViolation, PolicyApi, RuleType, ViolationKind, ViolationSubject,
};
use sympod_model::stream::{Stream, StreamType};
use sympod_model::{RuleError, StreamId, UserId};

use super::S;
use crate::{StoreError, ViolationPage};

fn dictionary(id: &str, name: &str) -> DlpDictionary {
    DlpDictionary {
        id: id.into(),
        name: name.into(),
        kind: DictionaryType::Word,
        version: DlpVersion::FIRST_V1,
        creator: UserId(7),
        created_at: 10,
        updated_at: 10,
        entries: 2,
    }
}

fn policy(id: &str, name: &str, dictionaries: &[&str]) -> DlpPolicy {
    DlpPolicy {
        id: id.into(),
        name: name.into(),
        api: PolicyApi::V3,
        version: DlpVersion::FIRST_V3,
        creator: UserId(7),
        created_at: 20,
        updated_at: 20,
        disabled_at: None,
        enabled: true,
        scopes: vec![DlpScope::Internal, DlpScope::External],
        applies_to: vec![DlpAppliesTo {
            content_type: DlpContentType::Messages,
            action: DlpAction::Block,
            rules: vec![DlpRule {
                id: format!("{id}-rule"),
                name: "words".into(),
                kind: RuleType::TextMatch,
                dictionaries: dictionaries.iter().map(|d| (*d).to_owned()).collect(),
                count_unique: 1,
                applicable_file_types: Vec::new(),
                other_config: None,
            }],
        }],
    }
}

fn violation(id: &str, kind: ViolationKind, at: i64) -> DlpViolation {
    DlpViolation {
        id: id.into(),
        kind,
        entity_id: format!("entity-{id}"),
        created_at: at,
        requester: UserId(9),
        content_type: DlpContentType::RoomMeta,
        scope: DlpScope::Internal,
        action: DlpAction::Warn,
        outcome: DlpOutcome::Warned,
        policies: Vec::new(),
        subject: ViolationSubject::Stream(Box::new(Stream {
            id: StreamId::from_bytes(&[3; 25]),
            kind: StreamType::Room,
            created_at: at,
            created_by: UserId(9),
            active: true,
            room: None,
            pinned_message: None,
            last_message_at: None,
            conversation_key: None,
        })),
    }
}

fn no_touch(_: &mut DlpPolicy) -> Result<(), RuleError> {
    Ok(())
}

pub async fn dlp_dictionaries_and_policies_round_trip_and_each_change_bumps_the_generation(store: S) {
    let g0 = store.dlp_generation().await.unwrap();
    store.insert_dlp_dictionary(&dictionary("d1", "Secrets"), "bomb\nnew york\n").await.unwrap();
    store.insert_dlp_dictionary(&dictionary("d2", "Codes"), "").await.unwrap();
    let g1 = store.dlp_generation().await.unwrap();
    assert!(g1 > g0);
    assert_eq!(store.dlp_dictionary("d1").await.unwrap(), Some(dictionary("d1", "Secrets")));
    assert_eq!(store.dlp_dictionary_content("d1").await.unwrap().as_deref(), Some("bomb\nnew york\n"));
    assert_eq!(store.dlp_dictionary("nope").await.unwrap(), None);
    let listed: Vec<String> = store.dlp_dictionaries().await.unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(listed, ["d1", "d2"]);

    let p = policy("p1", "No secrets", &["d1", "d2"]);
    store.insert_dlp_policy(&p).await.unwrap();
    store.insert_dlp_policy(&policy("p2", "Other", &[])).await.unwrap();
    assert_eq!(store.dlp_policy("p1").await.unwrap(), Some(p));
    let g2 = store.dlp_generation().await.unwrap();
    assert!(g2 > g1);

    let changed = store
        .modify_dlp_policy("p1", &mut |p| {
            p.enabled = false;
            p.version = p.version.next();
            Ok(())
        })
        .await
        .unwrap();
    assert!(!changed.enabled);
    assert_eq!(store.dlp_policy("p1").await.unwrap(), Some(changed));
    let g3 = store.dlp_generation().await.unwrap();
    assert!(g3 > g2);
    let listed: Vec<String> = store.dlp_policies().await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(listed, ["p1", "p2"]);

    let deleted = store.delete_dlp_policy("p2", &mut no_touch).await.unwrap();
    assert_eq!(deleted.id, "p2");
    assert_eq!(store.dlp_policy("p2").await.unwrap(), None);
    assert!(store.dlp_generation().await.unwrap() > g3);
    assert!(matches!(store.delete_dlp_policy("p2", &mut no_touch).await, Err(StoreError::NotFound)));
    assert!(matches!(store.modify_dlp_policy("p2", &mut no_touch).await, Err(StoreError::NotFound)));
}

pub async fn dlp_names_are_unique_without_case(store: S) {
    store.insert_dlp_dictionary(&dictionary("d1", "Secrets"), "").await.unwrap();
    store.insert_dlp_dictionary(&dictionary("d2", "Other"), "").await.unwrap();
    let taken = store.insert_dlp_dictionary(&dictionary("d3", "SECRETS"), "").await;
    assert!(matches!(taken, Err(StoreError::Conflict(ref what)) if what == "name"), "{taken:?}");
    let renamed = store
        .modify_dlp_dictionary(
            "d2",
            None,
            &mut |d| {
                d.name = "secrets".into();
                Ok(())
            },
            &mut no_touch,
        )
        .await;
    assert!(matches!(renamed, Err(StoreError::Conflict(ref what)) if what == "name"), "{renamed:?}");
    assert_eq!(store.dlp_dictionary("d2").await.unwrap().unwrap().name, "Other");

    store.insert_dlp_policy(&policy("p1", "Policy", &[])).await.unwrap();
    let taken = store.insert_dlp_policy(&policy("p2", "POLICY", &[])).await;
    assert!(matches!(taken, Err(StoreError::Conflict(ref what)) if what == "name"), "{taken:?}");
    assert_eq!(store.dlp_policy("p2").await.unwrap(), None);
}

pub async fn a_policy_naming_a_missing_dictionary_is_rejected_and_writes_nothing(store: S) {
    store.insert_dlp_dictionary(&dictionary("d1", "Secrets"), "").await.unwrap();
    let g = store.dlp_generation().await.unwrap();
    let refused = store.insert_dlp_policy(&policy("p1", "P", &["d1", "ghost"])).await;
    assert!(matches!(refused, Err(StoreError::Rejected(RuleError::Invalid(_)))), "{refused:?}");
    assert_eq!(store.dlp_policy("p1").await.unwrap(), None);
    assert_eq!(store.dlp_generation().await.unwrap(), g);

    store.insert_dlp_policy(&policy("p1", "P", &["d1"])).await.unwrap();
    let refused = store
        .modify_dlp_policy("p1", &mut |p| {
            p.applies_to[0].rules[0].dictionaries.push("ghost".into());
            Ok(())
        })
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))), "{refused:?}");
    assert_eq!(store.dlp_policy("p1").await.unwrap().unwrap().dictionary_ids(), ["d1"]);
    let refused = store.modify_dlp_policy("p1", &mut |_| Err(RuleError::invalid("no"))).await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
    let refused = store.delete_dlp_policy("p1", &mut |_| Err(RuleError::invalid("enabled"))).await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
    assert!(store.dlp_policy("p1").await.unwrap().is_some());
}

pub async fn changing_or_deleting_a_dictionary_touches_the_policies_that_name_it(store: S) {
    store.insert_dlp_dictionary(&dictionary("d1", "Secrets"), "bomb\n").await.unwrap();
    store.insert_dlp_dictionary(&dictionary("d2", "Codes"), "x\n").await.unwrap();
    store.insert_dlp_policy(&policy("p1", "Uses d1", &["d1"])).await.unwrap();
    store.insert_dlp_policy(&policy("p2", "Uses d2", &["d2"])).await.unwrap();
    let g = store.dlp_generation().await.unwrap();

    let mut touched = Vec::new();
    let changed = store
        .modify_dlp_dictionary(
            "d1",
            Some("bomb\nrocket\n"),
            &mut |d| {
                d.version = d.version.next();
                d.entries = 2;
                Ok(())
            },
            &mut |p| {
                touched.push(p.id.clone());
                p.version = p.version.next();
                Ok(())
            },
        )
        .await
        .unwrap();
    assert_eq!(touched, ["p1"]);
    assert_eq!(changed.version.to_string(), "1.1");
    assert_eq!(store.dlp_dictionary_content("d1").await.unwrap().as_deref(), Some("bomb\nrocket\n"));
    assert_eq!(store.dlp_policy("p1").await.unwrap().unwrap().version.to_string(), "3.1");
    assert_eq!(store.dlp_policy("p2").await.unwrap().unwrap().version.to_string(), "3.0");
    assert!(store.dlp_generation().await.unwrap() > g);

    // A refused touch leaves everything as it was, content included.
    let refused = store
        .modify_dlp_dictionary("d1", Some("other\n"), &mut |_| Ok(()), &mut |_| Err(RuleError::invalid("no")))
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
    assert_eq!(store.dlp_dictionary_content("d1").await.unwrap().as_deref(), Some("bomb\nrocket\n"));

    let mut forget = |p: &mut DlpPolicy| {
        p.forget_dictionary("d1", 99);
        Ok(())
    };
    let deleted = store.delete_dlp_dictionary("d1", &mut forget).await.unwrap();
    assert_eq!(deleted.id, "d1");
    assert_eq!(store.dlp_dictionary("d1").await.unwrap(), None);
    let p1 = store.dlp_policy("p1").await.unwrap().unwrap();
    assert!(p1.dictionary_ids().is_empty());
    assert!(!p1.enabled);
    assert!(matches!(store.delete_dlp_dictionary("d1", &mut no_touch).await, Err(StoreError::NotFound)));
    // A policy may name the deleted dictionary's id again only once it exists again.
    let refused = store
        .modify_dlp_policy("p1", &mut |p| {
            p.applies_to[0].rules[0].dictionaries = vec!["d1".into()];
            Ok(())
        })
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(_))));
}

pub async fn violations_are_listed_by_kind_and_time_range_in_pages(store: S) {
    for (id, kind, at) in [
        ("v1", ViolationKind::Message, 100),
        ("v2", ViolationKind::Stream, 150),
        ("v3", ViolationKind::Message, 200),
        ("v4", ViolationKind::Message, 200),
        ("v5", ViolationKind::Message, 300),
    ] {
        store.insert_dlp_violation(&violation(id, kind, at)).await.unwrap();
    }
    let taken = store.insert_dlp_violation(&violation("v1", ViolationKind::Message, 5)).await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let page = |from, to, skip, limit| ViolationPage { kind: ViolationKind::Message, from, to, skip, limit };
    let ids = |v: Vec<DlpViolation>| v.into_iter().map(|v| v.id).collect::<Vec<_>>();
    assert_eq!(ids(store.dlp_violations(page(0, 1000, 0, 10)).await.unwrap()), ["v1", "v3", "v4", "v5"]);
    assert_eq!(ids(store.dlp_violations(page(100, 200, 0, 10)).await.unwrap()), ["v1", "v3", "v4"]);
    assert_eq!(ids(store.dlp_violations(page(0, 1000, 1, 2)).await.unwrap()), ["v3", "v4"]);
    assert_eq!(ids(store.dlp_violations(page(301, 1000, 0, 10)).await.unwrap()), Vec::<String>::new());
    let streams = ViolationPage { kind: ViolationKind::Stream, from: 0, to: 1000, skip: 0, limit: 10 };
    let found = store.dlp_violations(streams).await.unwrap();
    assert_eq!(found, [violation("v2", ViolationKind::Stream, 150)]);
}
