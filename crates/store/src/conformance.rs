//! Behaviours every [`Store`] backend must show, run by each backend's tests through
//! [`store_conformance!`](crate::store_conformance): `store_conformance!(async { make_store().await })`.

use std::sync::Arc;

use sympod_model::app::{App, AppProfile};
use sympod_model::user::{AccountType, Suspension, User, UserKeys, UserProfile, UserStatus};
use sympod_model::{PodId, RuleError, UserId};

use crate::{Store, StoreError, UserFilter};

mod dlp;
mod feeds;
mod messages;
mod streams;
pub use dlp::*;
pub use feeds::*;
pub use messages::*;
pub use streams::*;

/// Generates one `#[tokio::test]` per conformance check, each on a fresh store from `$make`.
///
/// `store_conformance!(guarded async { ... })` takes a `$make` that answers `Option<(store, guard)>`:
/// `None` skips the test (its backend is not available here), and the guard (a scratch database,
/// say) is dropped once the test is done with the store, whether it passed or not.
#[macro_export]
macro_rules! store_conformance {
    (guarded $make:expr) => {
        $crate::store_conformance!(@list guarded $make);
    };
    (@list $mode:ident $make:expr) => {
        $crate::store_conformance!(@tests $mode $make;
            secrets_are_written_once, the_first_pod_is_home_and_later_pods_are_not,
            user_ids_are_never_handed_out_twice, a_user_round_trips_and_is_found_without_case,
            usernames_and_emails_are_unique_without_case, a_mutation_is_applied_and_bumps_the_version,
            a_rejected_mutation_writes_nothing, finding_users_filters_by_role_feature_and_status,
            searching_users_matches_names_without_case_and_treats_wildcards_as_text,
            apps_are_created_changed_and_deleted, a_stream_is_stored_with_its_members_and_its_event,
            a_conversation_is_unique_by_its_members,
            a_stream_mutation_changes_members_and_appends_its_events_atomically,
            a_rejected_stream_mutation_writes_nothing, streams_of_a_user_are_their_current_memberships,
            rooms_are_searched_by_name_description_and_keyword_values,
            messages_of_a_stream_get_strictly_increasing_timestamps,
            an_update_continues_the_chain_and_moves_the_pin, a_refused_or_misplaced_message_writes_nothing,
            a_version_has_at_most_one_successor,
            stream_messages_are_pages_of_newest_versions_in_chain_order,
            attachments_are_stored_with_their_message,
            a_large_blob_is_stored_in_chunks_and_read_back_whole,
            a_blob_named_by_several_messages_lives_until_the_last_lets_go,
            sweeping_removes_only_old_blobs_no_message_names, a_whole_chain_is_changed_atomically_and_unlisted_files_are_deleted,
            feeds_are_kept_per_owner_oldest_first_changed_and_deleted,
            the_event_log_is_numbered_in_order_and_each_user_sees_their_audience,
            concurrent_writers_never_share_an_id_a_timestamp_or_a_sequence_number,
            pruning_deletes_only_old_events_that_no_live_feed_can_still_deliver,
            dlp_dictionaries_and_policies_round_trip_and_each_change_bumps_the_generation,
            dlp_names_are_unique_without_case,
            a_policy_naming_a_missing_dictionary_is_rejected_and_writes_nothing,
            changing_or_deleting_a_dictionary_touches_the_policies_that_name_it,
            violations_are_listed_by_kind_and_time_range_in_pages);
    };
    (@tests plain $make:expr; $($name:ident),*) => {
        $(
            #[tokio::test]
            async fn $name() {
                let store: std::sync::Arc<dyn $crate::Store> = std::sync::Arc::new($make.await);
                $crate::conformance::$name(store).await;
            }
        )*
    };
    (@tests guarded $make:expr; $($name:ident),*) => {
        $(
            #[tokio::test]
            async fn $name() {
                let Some((store, guard)) = $make.await else { return };
                let store: std::sync::Arc<dyn $crate::Store> = std::sync::Arc::new(store);
                $crate::conformance::$name(store).await;
                drop(guard);
            }
        )*
    };
    ($make:expr) => {
        $crate::store_conformance!(@list plain $make);
    };
}

pub(crate) type S = Arc<dyn Store>;

/// A user ready to insert: an id from the store, the given username, default everything else.
pub async fn new_user(store: &S, username: &str, email: Option<&str>) -> User {
    let pod = store.ensure_pod("Acme", PodId(7)).await.unwrap();
    User {
        id: store.allocate_user_id(pod.id).await.unwrap(),
        pod: pod.id,
        company: pod.company,
        username: username.into(),
        email: email.map(Into::into),
        display_name: format!("{username} display"),
        account_type: AccountType::Normal,
        status: UserStatus::Enabled,
        suspension: Suspension::default(),
        profile: UserProfile { first_name: Some("First".into()), ..Default::default() },
        roles: ["INDIVIDUAL".to_owned()].into(),
        features: User::default_features(),
        keys: UserKeys::default(),
        created_at: 1,
        created_by: None,
        updated_at: 1,
        last_login_at: None,
        deactivated_at: None,
        session_epoch: 0,
        version: 1,
    }
}

pub async fn secrets_are_written_once(store: S) {
    assert_eq!(store.secret("k", b"first").await.unwrap(), b"first");
    assert_eq!(store.secret("k", b"second").await.unwrap(), b"first");
}

pub async fn the_first_pod_is_home_and_later_pods_are_not(store: S) {
    assert_eq!(store.home_pod().await.unwrap(), None);
    let home = store.ensure_pod("Home Co", PodId(190)).await.unwrap();
    assert_eq!((home.id, home.home), (PodId(190), true));
    let again = store.ensure_pod("home co", PodId(1)).await.unwrap();
    assert_eq!(again, home);
    let other = store.ensure_pod("Other", PodId(190)).await.unwrap();
    assert!(!other.home);
    assert_ne!(other.id, home.id);
    assert_eq!(store.home_pod().await.unwrap(), Some(home));
}

pub async fn user_ids_are_never_handed_out_twice(store: S) {
    let pod = store.ensure_pod("Acme", PodId(7)).await.unwrap();
    let a = store.allocate_user_id(pod.id).await.unwrap();
    let b = store.allocate_user_id(pod.id).await.unwrap();
    assert_ne!(a, b);
    assert_eq!((a.pod(), b.pod()), (pod.id, pod.id));
    assert!(matches!(store.allocate_user_id(PodId(999)).await, Err(StoreError::NotFound)));
}

pub async fn a_user_round_trips_and_is_found_without_case(store: S) {
    let user = new_user(&store, "Jane.Doe", Some("Jane@Example.com")).await;
    store.insert_user(&user).await.unwrap();
    assert_eq!(store.user(user.id).await.unwrap().as_ref(), Some(&user));
    assert_eq!(store.user_by_username("jane.doe").await.unwrap().map(|u| u.id), Some(user.id));
    assert_eq!(store.user_by_email("JANE@example.COM").await.unwrap().map(|u| u.id), Some(user.id));
    assert_eq!(store.user(UserId(1)).await.unwrap(), None);
    assert_eq!(store.count_users().await.unwrap(), 1);
}

pub async fn usernames_and_emails_are_unique_without_case(store: S) {
    store.insert_user(&new_user(&store, "a", Some("a@x.com")).await).await.unwrap();
    let same_name = new_user(&store, "A", Some("b@x.com")).await;
    assert!(matches!(store.insert_user(&same_name).await, Err(StoreError::Conflict(w)) if w == "username"));
    let same_mail = new_user(&store, "b", Some("A@X.com")).await;
    assert!(matches!(store.insert_user(&same_mail).await, Err(StoreError::Conflict(w)) if w == "email"));
    // Several users without email are fine.
    store.insert_user(&new_user(&store, "c", None).await).await.unwrap();
    store.insert_user(&new_user(&store, "d", None).await).await.unwrap();
}

pub async fn a_mutation_is_applied_and_bumps_the_version(store: S) {
    let user = new_user(&store, "m", None).await;
    store.insert_user(&user).await.unwrap();
    let changed = store
        .modify_user(user.id, &mut |u: &mut User| {
            u.roles.insert("ADMINISTRATOR".into());
            u.email = Some("m@x.com".into());
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(changed.version, user.version + 1);
    assert_eq!(store.user(user.id).await.unwrap(), Some(changed));
    let missing = store.modify_user(UserId(3), &mut |_: &mut User| Ok(())).await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

pub async fn a_rejected_mutation_writes_nothing(store: S) {
    let user = new_user(&store, "r", None).await;
    store.insert_user(&user).await.unwrap();
    let refused = store
        .modify_user(user.id, &mut |u: &mut User| {
            u.display_name = "changed".into();
            Err(RuleError::invalid("no"))
        })
        .await;
    assert!(matches!(refused, Err(StoreError::Rejected(RuleError::Invalid(_)))));
    assert_eq!(store.user(user.id).await.unwrap(), Some(user.clone()));
    store.insert_user(&new_user(&store, "taken", None).await).await.unwrap();
    let clash = store
        .modify_user(user.id, &mut |u: &mut User| {
            u.username = "TAKEN".into();
            Ok(())
        })
        .await;
    assert!(matches!(clash, Err(StoreError::Conflict(w)) if w == "username"));
    assert_eq!(store.user(user.id).await.unwrap(), Some(user));
}

pub async fn finding_users_filters_by_role_feature_and_status(store: S) {
    let mut admin = new_user(&store, "admin", None).await;
    admin.roles.insert("ADMINISTRATOR".into());
    admin.features.insert("canUseFirehose".into(), true);
    let mut off = new_user(&store, "off", None).await;
    off.status = UserStatus::Disabled;
    for u in [&admin, &off] {
        store.insert_user(u).await.unwrap();
    }
    let ids = |v: Vec<User>| v.into_iter().map(|u| u.username).collect::<Vec<_>>();
    let by_role = UserFilter { role: Some("ADMINISTRATOR".into()), ..Default::default() };
    assert_eq!(ids(store.find_users(&by_role, 0, 10).await.unwrap()), ["admin"]);
    let by_feature = UserFilter { feature: Some("canUseFirehose".into()), ..Default::default() };
    assert_eq!(ids(store.find_users(&by_feature, 0, 10).await.unwrap()), ["admin"]);
    let by_status = UserFilter { status: Some(UserStatus::Disabled), ..Default::default() };
    assert_eq!(ids(store.find_users(&by_status, 0, 10).await.unwrap()), ["off"]);
    assert_eq!(ids(store.list_users(1, 10).await.unwrap()), ["off"]);
    assert_eq!(ids(store.list_users(0, 1).await.unwrap()), ["admin"]);
}

pub async fn searching_users_matches_names_without_case_and_treats_wildcards_as_text(store: S) {
    let mut jane = new_user(&store, "jane", Some("jane@acme.com")).await;
    jane.profile.last_name = Some("Smithers".into());
    store.insert_user(&jane).await.unwrap();
    store.insert_user(&new_user(&store, "bob_1", None).await).await.unwrap();
    let names = |v: Vec<User>| v.into_iter().map(|u| u.username).collect::<Vec<_>>();
    assert_eq!(names(store.search_users("SMITH").await.unwrap()), ["jane"]);
    assert_eq!(names(store.search_users("acme.com").await.unwrap()), ["jane"]);
    assert_eq!(names(store.search_users("b_").await.unwrap()), ["bob_1"]);
    assert_eq!(names(store.search_users("%").await.unwrap()), Vec::<String>::new());
}

pub async fn apps_are_created_changed_and_deleted(store: S) {
    let app = App {
        app_id: "my-app".into(),
        profile: AppProfile { name: Some("My app".into()), ..Default::default() },
        permissions: vec!["ACT_AS_USER".into()],
        keys: UserKeys { current: Some("PEM".into()), previous: None },
        session_epoch: 7,
    };
    store.insert_app(&app).await.unwrap();
    assert!(matches!(store.insert_app(&app).await, Err(StoreError::Conflict(w)) if w == "appId"));
    let changed = store
        .modify_app("my-app", &mut |a: &mut App| {
            a.permissions.push("SEND_MESSAGES".into());
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(store.app("my-app").await.unwrap(), Some(changed));
    store.delete_app("my-app").await.unwrap();
    assert_eq!(store.app("my-app").await.unwrap(), None);
    assert!(matches!(store.delete_app("my-app").await, Err(StoreError::NotFound)));
}
