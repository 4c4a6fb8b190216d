//! The rules of IMs and MIMs: who is in one, who may talk across companies, and what an update does.

use crate::stream::StreamState;
use crate::user::User;
use crate::{MessageId, RuleError, UserId};

/// Most members of one IM or MIM.
pub const MAX_CONVERSATION_MEMBERS: usize = 100;
/// Entitlement needed to talk to users of another company.
pub const IS_EXTERNAL_IM_ENABLED: &str = "isExternalIMEnabled";

fn too_many() -> RuleError {
    RuleError::invalid(format!("An IM or MIM has at most {MAX_CONVERSATION_MEMBERS} members"))
}

fn distinct(ids: &[i64]) -> Vec<UserId> {
    let mut ids: Vec<UserId> = ids.iter().map(|&i| UserId(i)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The other members of the IM a caller opens (`POST /pod/v1/im/create`): distinct, without the
/// caller, at least one; the whole conversation at most 100.
pub fn conversation_others(caller: UserId, requested: &[i64]) -> Result<Vec<UserId>, RuleError> {
    let others: Vec<UserId> = distinct(requested).into_iter().filter(|u| *u != caller).collect();
    if others.is_empty() {
        return Err(RuleError::invalid("An IM needs at least one user other than the caller"));
    }
    if others.len() + 1 > MAX_CONVERSATION_MEMBERS {
        return Err(too_many());
    }
    Ok(others)
}

/// The members of an IM an administrator opens (`POST /pod/v1/admin/im/create`): at least two
/// distinct users, at most 100; the caller is not added.
pub fn admin_conversation_members(requested: &[i64]) -> Result<Vec<UserId>, RuleError> {
    let members = distinct(requested);
    if members.len() < 2 {
        return Err(RuleError::invalid("An IM needs at least two distinct users"));
    }
    if members.len() > MAX_CONVERSATION_MEMBERS {
        return Err(too_many());
    }
    Ok(members)
}

/// Talking to a user of another company needs `isExternalIMEnabled`.
pub fn can_talk_to(caller: &User, others: &[User]) -> Result<(), RuleError> {
    if others.iter().any(|u| u.pod != caller.pod) && !caller.entitled(IS_EXTERNAL_IM_ENABLED) {
        return Err(RuleError::forbidden(
            "The user lacks the isExternalIMEnabled entitlement to talk to another company",
        ));
    }
    Ok(())
}

/// Whether a stream is cross-pod: a room created so, or a conversation across companies.
pub fn is_cross_pod(state: &StreamState) -> bool {
    state.room().map_or_else(|| state.company_count() > 1, |r| r.cross_pod)
}

/// `POST /pod/v1/im/{id}/update` (seed `update-im.md`): members only; `pinned` (`Some(None)` unpins)
/// must change what is pinned. Answers the new pin.
pub fn apply_im_update(
    state: &StreamState,
    caller: UserId,
    pinned: Option<&Option<MessageId>>,
) -> Result<Option<MessageId>, RuleError> {
    if !state.is_member(caller) {
        return Err(RuleError::forbidden("Only members of the IM can update it"));
    }
    match pinned {
        Some(p) if *p != state.stream.pinned_message => Ok(p.clone()),
        _ => Err(RuleError::invalid("The update request does not change any attribute of the IM")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::{Member, Stream, StreamType};
    use crate::testing::user_with_roles;
    use crate::{PodId, StreamId};

    fn im(members: &[i64], pinned: Option<MessageId>) -> StreamState {
        StreamState {
            stream: Stream {
                id: StreamId::from_bytes(&[1]),
                kind: StreamType::Im,
                created_at: 0,
                created_by: UserId(members[0]),
                active: true,
                room: None,
                pinned_message: pinned,
                last_message_at: None,
                conversation_key: None,
            },
            members: members
                .iter()
                .map(|&u| Member {
                    user: UserId(u),
                    pod: PodId(u % 2),
                    owner: false,
                    joined_at: 0,
                    left_at: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_caller_is_not_counted_among_the_others_and_someone_else_is_needed() {
        assert_eq!(conversation_others(UserId(1), &[2, 1, 2]).unwrap(), [UserId(2)]);
        assert!(conversation_others(UserId(1), &[1]).is_err());
        assert!(conversation_others(UserId(1), &[]).is_err());
    }

    #[test]
    fn a_conversation_holds_at_most_100_members() {
        let ninety_nine: Vec<i64> = (2..=100).collect();
        assert_eq!(conversation_others(UserId(1), &ninety_nine).unwrap().len(), 99);
        let hundred: Vec<i64> = (2..=101).collect();
        assert!(conversation_others(UserId(1), &hundred).is_err());
        assert!(admin_conversation_members(&(1..=101).collect::<Vec<_>>()).is_err());
    }

    #[test]
    fn an_admin_conversation_needs_two_distinct_users() {
        assert!(admin_conversation_members(&[5, 5]).is_err());
        assert_eq!(admin_conversation_members(&[6, 5]).unwrap(), [UserId(5), UserId(6)]);
    }

    #[test]
    fn talking_across_companies_needs_the_entitlement() {
        let mut me = user_with_roles(&[]);
        let mut other = user_with_roles(&[]);
        other.pod = PodId(9);
        assert!(can_talk_to(&me, std::slice::from_ref(&other)).is_ok());
        me.features.insert(IS_EXTERNAL_IM_ENABLED.into(), false);
        assert!(can_talk_to(&me, std::slice::from_ref(&other)).is_err());
        assert!(can_talk_to(&me, &[user_with_roles(&[])]).is_ok(), "same company needs nothing");
    }

    #[test]
    fn a_conversation_across_companies_is_cross_pod() {
        assert!(is_cross_pod(&im(&[1, 2], None)));
        assert!(!is_cross_pod(&im(&[2, 4], None)));
    }

    #[test]
    fn only_members_update_an_im_and_only_to_change_the_pin() {
        let mid = MessageId::from_bytes(&[7]);
        let state = im(&[1, 2], None);
        assert_eq!(apply_im_update(&state, UserId(1), Some(&Some(mid.clone()))).unwrap(), Some(mid.clone()));
        assert!(matches!(
            apply_im_update(&state, UserId(3), Some(&Some(mid.clone()))),
            Err(RuleError::Forbidden(_))
        ));
        assert!(apply_im_update(&state, UserId(1), None).is_err(), "an empty request changes nothing");
        assert!(apply_im_update(&state, UserId(1), Some(&None)).is_err(), "nothing is pinned to unpin");
        let pinned = im(&[1, 2], Some(mid.clone()));
        assert!(apply_im_update(&pinned, UserId(1), Some(&Some(mid))).is_err(), "the same pin is no change");
        assert_eq!(apply_im_update(&pinned, UserId(1), Some(&None)).unwrap(), None);
    }
}
