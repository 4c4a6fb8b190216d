//! The pod's catalogue of roles and feature entitlements, with Symphony's names.
//!
//! Roles are granted by administrators; entitlements ("features") are per-user switches. Both lists are
//! what `/pod/v1/admin/system/roles/list` and `/pod/v1/admin/system/features/list` serve, and the only
//! names the admin API accepts.

use crate::user::AccountType;

/// A role a user may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleInfo {
    pub id: &'static str,
    pub name: &'static str,
    /// Account types that may hold the role.
    pub user_types: &'static [AccountType],
}

const BOTH: &[AccountType] = &[AccountType::Normal, AccountType::System];
const NORMAL: &[AccountType] = &[AccountType::Normal];
const SYSTEM: &[AccountType] = &[AccountType::System];

pub const INDIVIDUAL: &str = "INDIVIDUAL";
pub const ADMINISTRATOR: &str = "ADMINISTRATOR";
pub const SUPER_ADMINISTRATOR: &str = "SUPER_ADMINISTRATOR";
pub const USER_PROVISIONING: &str = "USER_PROVISIONING";
pub const COMPLIANCE_OFFICER: &str = "COMPLIANCE_OFFICER";
pub const SUPER_COMPLIANCE_OFFICER: &str = "SUPER_COMPLIANCE_OFFICER";
pub const CONTENT_MANAGEMENT: &str = "CONTENT_MANAGEMENT";
pub const EF_POLICY_MANAGEMENT: &str = "EF_POLICY_MANAGEMENT";

/// Every role of the pod, in the order the roles list serves them.
pub const ROLES: &[RoleInfo] = &[
    role(INDIVIDUAL, "Individual", BOTH),
    role(ADMINISTRATOR, "Administrator", BOTH),
    role(SUPER_ADMINISTRATOR, "Super Administrator", BOTH),
    role("L1_SUPPORT", "L1 Support", NORMAL),
    role("L2_SUPPORT", "L2 Support", NORMAL),
    role(COMPLIANCE_OFFICER, "Compliance Officer", BOTH),
    role(SUPER_COMPLIANCE_OFFICER, "Super Compliance Officer", BOTH),
    role(USER_PROVISIONING, "User Provisioning", SYSTEM),
    role(CONTENT_MANAGEMENT, "Content Management", BOTH),
    role("SCOPE_MANAGEMENT", "Scope Management", NORMAL),
    role("AUDIT_TRAIL_MANAGEMENT", "Audit Trail Management", BOTH),
    role(EF_POLICY_MANAGEMENT, "Expression Filter Policy Management", BOTH),
    role("EF_AUDIT_TRAIL_MANAGEMENT", "Expression Filter Audit Trail Management", BOTH),
    role("MALWARE_SCAN_MANAGER", "Malware Scan Manager", BOTH),
    role("MALWARE_SCAN_STATE_USER", "Malware Scan State User", BOTH),
];

const fn role(id: &'static str, name: &'static str, user_types: &'static [AccountType]) -> RoleInfo {
    RoleInfo { id, name, user_types }
}

/// Looks a role up by its id.
pub fn find_role(id: &str) -> Option<&'static RoleInfo> {
    ROLES.iter().find(|r| r.id == id)
}

pub const CAN_CREATE_PUBLIC_ROOM: &str = "canCreatePublicRoom";
pub const CAN_UPDATE_MESSAGE: &str = "canUpdateMessage";
pub const SEND_FILES_ENABLED: &str = "sendFilesEnabled";
/// "Can Toggle Room's Share History Property". Symphony's public spec does not give this
/// entitlement's API name; sympod names it in Symphony's style.
pub const CAN_UPDATE_ROOM_HISTORY_PROPERTY: &str = "canUpdateRoomHistoryProperty";

/// Every feature entitlement with the value a new user starts with. Defaults follow a pod whose
/// users may use everything a bot needs; the switches that grant extra powers start off.
pub const FEATURES: &[(&str, bool)] = &[
    ("postReadEnabled", true),
    ("postWriteEnabled", true),
    ("delegatesEnabled", false),
    ("isExternalIMEnabled", true),
    ("canShareFilesExternally", true),
    (CAN_CREATE_PUBLIC_ROOM, true),
    ("canUpdateAvatar", true),
    ("isExternalRoomEnabled", true),
    ("canCreatePushedSignals", true),
    ("canUseCompactMode", true),
    ("mustBeRecorded", false),
    (SEND_FILES_ENABLED, true),
    ("canUseInternalAudio", true),
    ("canUseInternalVideo", true),
    ("canProjectInternalScreenShare", true),
    ("canViewInternalScreenShare", true),
    ("canCreateMultiLateralRoom", true),
    ("canJoinMultiLateralRoom", true),
    ("canUseFirehose", false),
    ("canUseInternalAudioMobile", true),
    ("canUseInternalVideoMobile", true),
    ("canProjectInternalScreenShareMobile", true),
    ("canViewInternalScreenShareMobile", true),
    ("canManageSignalSubscription", false),
    (CAN_UPDATE_MESSAGE, true),
    (CAN_UPDATE_ROOM_HISTORY_PROPERTY, false),
];

/// Whether `name` is an entitlement of the catalogue.
pub fn is_feature(name: &str) -> bool {
    FEATURES.iter().any(|(f, _)| *f == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_feature_names_are_unique() {
        let mut roles: Vec<_> = ROLES.iter().map(|r| r.id).collect();
        roles.sort_unstable();
        roles.dedup();
        assert_eq!(roles.len(), ROLES.len());
        let mut features: Vec<_> = FEATURES.iter().map(|f| f.0).collect();
        features.sort_unstable();
        features.dedup();
        assert_eq!(features.len(), FEATURES.len());
    }

    #[test]
    fn user_provisioning_is_a_service_account_role() {
        assert_eq!(find_role(USER_PROVISIONING).unwrap().user_types, SYSTEM);
    }
}
