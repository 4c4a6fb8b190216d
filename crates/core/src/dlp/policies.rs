//! DLP policies, v1 (`/agent/v1/dlp/policies`) and v3 (`/agent/v3/dlp/policies`). Both APIs see
//! every policy; a policy keeps the shape of v3 and remembers which API made it.

use sympod_model::RuleError;
use sympod_model::dlp::{
    DlpAction, DlpAppliesTo, DlpContentType, DlpDictionary, DlpPolicy, DlpRule, DlpVersion, PolicyApi,
    RuleType, can_manage_dlp, dlp_name, v1_action, v1_content_types, validate_applies_to, validate_scopes,
};
use sympod_store::StoreError;

use super::dictionaries::{check_version, paginate};
use crate::{Caller, Core, CoreError, CoreResult, random_id};

/// `V1DLPPolicyRequest`, as sent.
#[derive(Debug, Clone, Default)]
pub struct V1PolicyInput {
    pub name: String,
    /// `type`.
    pub action: String,
    pub content_types: Option<Vec<String>>,
    pub scopes: Vec<String>,
    pub dictionary_ids: Vec<String>,
}

/// `V3DLPPolicyRequest`, as sent.
#[derive(Debug, Clone, Default)]
pub struct V3PolicyInput {
    pub name: String,
    pub scopes: Vec<String>,
    pub applies_to: Vec<AppliesToInput>,
}

/// `V3DLPPolicyAppliesTo`, as sent.
#[derive(Debug, Clone, Default)]
pub struct AppliesToInput {
    pub data_type: String,
    /// `LogOnly` when absent.
    pub action: Option<String>,
    pub rules: Vec<RuleInput>,
}

/// `V3DLPRule`, as sent.
#[derive(Debug, Clone, Default)]
pub struct RuleInput {
    pub id: Option<String>,
    pub kind: String,
    pub name: String,
    /// `textMatchConfig.dictionaries[].dictId`, when the rule has a `textMatchConfig`.
    pub dictionaries: Option<Vec<String>>,
    pub count_unique: Option<i64>,
    pub applicable_file_types: Vec<String>,
    /// The configuration of a rule of another type, under its wire name.
    pub other_config: Option<(String, serde_json::Value)>,
}

/// A policy with the dictionaries it names (as they are now), which its views show.
#[derive(Debug, Clone)]
pub struct PolicyView {
    pub policy: DlpPolicy,
    pub dictionaries: Vec<DlpDictionary>,
}

impl PolicyView {
    /// The dictionary `id` names, if it still exists.
    pub fn dictionary(&self, id: &str) -> Option<&DlpDictionary> {
        self.dictionaries.iter().find(|d| d.id == id)
    }
}

/// A page of policies, and how many pages there are.
#[derive(Debug, Clone)]
pub struct PolicyPage {
    pub policies: Vec<PolicyView>,
    pub page: i64,
    pub page_count: i64,
    pub size: i64,
}

/// The v3 `appliesTo` of a v1 policy: one entry per content type, each with one text rule (named
/// after the policy) holding every dictionary.
fn v1_applies_to(
    name: &str,
    action: DlpAction,
    types: &[DlpContentType],
    dictionaries: &[String],
) -> Vec<DlpAppliesTo> {
    types
        .iter()
        .map(|&content_type| DlpAppliesTo {
            content_type,
            action,
            rules: vec![DlpRule {
                id: random_id(12),
                name: name.to_owned(),
                kind: RuleType::TextMatch,
                dictionaries: dedup(dictionaries),
                count_unique: 1,
                applicable_file_types: Vec::new(),
                other_config: None,
            }],
        })
        .collect()
}

fn dedup(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    out
}

/// A checked v1 request: (name, scopes, appliesTo).
fn v1_parts(
    input: &V1PolicyInput,
) -> CoreResult<(String, Vec<sympod_model::dlp::DlpScope>, Vec<DlpAppliesTo>)> {
    let name = dlp_name(&input.name, "policy")?;
    let action = v1_action(&input.action)?;
    let types = v1_content_types(input.content_types.as_deref())?;
    let scopes = validate_scopes(&input.scopes)?;
    let applies_to = v1_applies_to(&name, action, &types, &input.dictionary_ids);
    Ok((name, scopes, applies_to))
}

/// A checked v3 request: (name, scopes, appliesTo).
fn v3_parts(
    input: &V3PolicyInput,
) -> CoreResult<(String, Vec<sympod_model::dlp::DlpScope>, Vec<DlpAppliesTo>)> {
    let name = dlp_name(&input.name, "policy")?;
    let scopes = validate_scopes(&input.scopes)?;
    let mut applies_to = Vec::new();
    for entry in &input.applies_to {
        let content_type = DlpContentType::parse(&entry.data_type).ok_or_else(|| {
            CoreError::invalid(format!(
                "Invalid dataType {:?}: use Messages, RoomMeta, SignalMeta, FileContent or FileMeta",
                entry.data_type
            ))
        })?;
        let action = match entry.action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            None => DlpAction::LogOnly,
            Some(a) => DlpAction::parse(a).ok_or_else(|| {
                CoreError::invalid(format!("Invalid action {a:?}: use Block, Warn or LogOnly"))
            })?,
        };
        let rules = entry.rules.iter().map(rule).collect::<CoreResult<Vec<_>>>()?;
        applies_to.push(DlpAppliesTo { content_type, action, rules });
    }
    validate_applies_to(&applies_to)?;
    Ok((name, scopes, applies_to))
}

fn rule(input: &RuleInput) -> CoreResult<DlpRule> {
    let kind = RuleType::parse(&input.kind)
        .ok_or_else(|| CoreError::invalid(format!("Invalid rule type {:?}", input.kind)))?;
    if kind == RuleType::TextMatch && input.dictionaries.is_none() {
        return Err(CoreError::invalid(format!("Rule {:?}: TEXT_MATCH needs a textMatchConfig", input.name)));
    }
    let count_unique = u32::try_from(input.count_unique.unwrap_or(1))
        .map_err(|_| CoreError::invalid("countUniqueOccurrences must not be negative"))?;
    Ok(DlpRule {
        id: input.id.clone().filter(|i| !i.trim().is_empty()).unwrap_or_else(|| random_id(12)),
        name: input.name.trim().to_owned(),
        kind,
        dictionaries: dedup(input.dictionaries.as_deref().unwrap_or_default()),
        count_unique,
        applicable_file_types: input.applicable_file_types.clone(),
        other_config: input.other_config.clone(),
    })
}

fn policy_not_found(id: &str) -> CoreError {
    CoreError::not_found(format!("Policy {id} not found"))
}

fn policy_error(id: &str, e: StoreError) -> CoreError {
    match e {
        StoreError::NotFound => policy_not_found(id),
        StoreError::Conflict(_) => CoreError::invalid("A policy with this name already exists"),
        other => other.into(),
    }
}

impl Core {
    /// `POST /agent/v1/dlp/policies`: created disabled, at version 1.0.
    pub async fn create_v1_dlp_policy(
        &self,
        caller: &Caller,
        input: &V1PolicyInput,
    ) -> CoreResult<PolicyView> {
        can_manage_dlp(&caller.user)?;
        let parts = v1_parts(input)?;
        let p = self.insert_policy(caller, PolicyApi::V1, parts).await?;
        self.policy_view(p).await
    }

    /// `POST /agent/v3/dlp/policies`: created disabled, at version 3.0.
    pub async fn create_v3_dlp_policy(
        &self,
        caller: &Caller,
        input: &V3PolicyInput,
    ) -> CoreResult<PolicyView> {
        can_manage_dlp(&caller.user)?;
        let parts = v3_parts(input)?;
        let p = self.insert_policy(caller, PolicyApi::V3, parts).await?;
        self.policy_view(p).await
    }

    async fn insert_policy(
        &self,
        caller: &Caller,
        api: PolicyApi,
        (name, scopes, applies_to): (String, Vec<sympod_model::dlp::DlpScope>, Vec<DlpAppliesTo>),
    ) -> CoreResult<DlpPolicy> {
        let now = self.now();
        let policy = DlpPolicy {
            id: random_id(16),
            name,
            api,
            version: if api == PolicyApi::V1 { DlpVersion::FIRST_V1 } else { DlpVersion::FIRST_V3 },
            creator: caller.user.id,
            created_at: now,
            updated_at: now,
            disabled_at: None,
            enabled: false,
            scopes,
            applies_to,
        };
        self.store.insert_dlp_policy(&policy).await.map_err(|e| policy_error(&policy.id, e))?;
        Ok(policy)
    }

    /// `PUT /agent/v1/dlp/policies/{id}` (v1 request) and `POST /agent/v3/dlp/policies/{id}/update`
    /// (v3 request): replaces what the request sets; with no dictionary left, it is disabled.
    pub async fn update_dlp_policy(
        &self,
        caller: &Caller,
        id: &str,
        input: Result<&V1PolicyInput, &V3PolicyInput>,
    ) -> CoreResult<PolicyView> {
        can_manage_dlp(&caller.user)?;
        let (name, scopes, applies_to) = match input {
            Ok(v1) => v1_parts(v1)?,
            Err(v3) => v3_parts(v3)?,
        };
        let api = if input.is_ok() { PolicyApi::V1 } else { PolicyApi::V3 };
        let now = self.now();
        let mut change = |p: &mut DlpPolicy| {
            if api == PolicyApi::V1 && !p.fits_v1() {
                return Err(RuleError::invalid(format!(
                    "The policy {} uses what v1 cannot express (LogOnly, an action per content type, \
                     file rules or countUniqueOccurrences): update it through /v3/dlp/policies",
                    p.id
                )));
            }
            p.name = name.clone();
            p.scopes = scopes.clone();
            p.applies_to = applies_to.clone();
            p.api = api;
            p.touch(now);
            if p.dictionary_ids().is_empty() && p.enabled {
                p.enabled = false;
                p.disabled_at = Some(now);
            }
            Ok(())
        };
        let p = self.store.modify_dlp_policy(id, &mut change).await.map_err(|e| policy_error(id, e))?;
        self.policy_view(p).await
    }

    /// Enable (`POST .../enable`) or disable (`POST .../disable`) a policy. A policy with no
    /// dictionary cannot be enabled; asking for the state it has changes nothing.
    pub async fn set_dlp_policy_enabled(
        &self,
        caller: &Caller,
        id: &str,
        enabled: bool,
    ) -> CoreResult<PolicyView> {
        can_manage_dlp(&caller.user)?;
        let now = self.now();
        let mut change = |p: &mut DlpPolicy| {
            if p.enabled == enabled {
                return Ok(());
            }
            if enabled && p.dictionary_ids().is_empty() {
                return Err(RuleError::invalid("A policy with no dictionary cannot be enabled"));
            }
            p.enabled = enabled;
            if !enabled {
                p.disabled_at = Some(now);
            }
            p.touch(now);
            Ok(())
        };
        let p = self.store.modify_dlp_policy(id, &mut change).await.map_err(|e| policy_error(id, e))?;
        self.policy_view(p).await
    }

    /// `DELETE /agent/v1/dlp/policies/{id}`, `POST /agent/v3/dlp/policies/{id}/delete`: only a
    /// disabled policy. Answers it as it was.
    pub async fn delete_dlp_policy(&self, caller: &Caller, id: &str) -> CoreResult<PolicyView> {
        can_manage_dlp(&caller.user)?;
        let mut check = |p: &mut DlpPolicy| {
            if p.enabled {
                Err(RuleError::invalid("Only a disabled policy can be deleted: disable it first"))
            } else {
                Ok(())
            }
        };
        let p = self.store.delete_dlp_policy(id, &mut check).await.map_err(|e| policy_error(id, e))?;
        self.policy_view(p).await
    }

    /// `GET /agent/v{1,3}/dlp/policies/{id}`.
    pub async fn dlp_policy(
        &self,
        caller: &Caller,
        id: &str,
        version: Option<&str>,
    ) -> CoreResult<PolicyView> {
        can_manage_dlp(&caller.user)?;
        let p = self.store.dlp_policy(id).await?.ok_or_else(|| policy_not_found(id))?;
        check_version(version, p.version, "policy")?;
        self.policy_view(p).await
    }

    /// `GET /agent/v{1,3}/dlp/policies`: oldest first, in pages.
    pub async fn dlp_policies(
        &self,
        caller: &Caller,
        page: Option<i64>,
        limit: Option<i64>,
    ) -> CoreResult<PolicyPage> {
        can_manage_dlp(&caller.user)?;
        let size = limit.unwrap_or(super::dictionaries::MAX_PAGE_SIZE);
        let (policies, page, page_count) = paginate(self.store.dlp_policies().await?, page, limit)?;
        let dictionaries = self.store.dlp_dictionaries().await?;
        let policies = policies
            .into_iter()
            .map(|policy| {
                let named = policy.dictionary_ids();
                let dictionaries = dictionaries.iter().filter(|d| named.contains(&d.id)).cloned().collect();
                PolicyView { policy, dictionaries }
            })
            .collect();
        Ok(PolicyPage { policies, page, page_count, size })
    }

    async fn policy_view(&self, policy: DlpPolicy) -> CoreResult<PolicyView> {
        let mut dictionaries = Vec::new();
        for id in policy.dictionary_ids() {
            dictionaries.extend(self.store.dlp_dictionary(&id).await?);
        }
        Ok(PolicyView { policy, dictionaries })
    }
}
