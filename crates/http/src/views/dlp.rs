//! The agent's DLP wire types: `V1DLPDictionaryMetadata`, `V1DLPPolicy`, `V3DLPPolicy`,
//! `V1DLPViolation*` and `V3DLPViolation*`; and the parsing of the policy requests.

use serde::Deserialize;
use serde_json::{Value, json};
use sympod_core::dlp::{AppliesToInput, PolicyView, RuleInput, V1PolicyInput, V3PolicyInput, ViolationView};
use sympod_model::dlp::{DlpAction, DlpDictionary, DlpPolicy, DlpViolation, RuleType, ViolationSubject};
use sympod_model::stream::Stream;

use crate::views::messages::v4_message;

/// The application version violations report (`version`).
const ENGINE_VERSION: &str = "sympod-dlp-1";

/// `V1DLPDictionaryMetadata`.
pub fn dictionary_meta(d: &DlpDictionary) -> Value {
    json!({
        "creationDate": d.created_at,
        "creatorId": d.creator.0.to_string(),
        "dictRef": { "dictId": d.id, "name": d.name, "version": d.version.to_string() },
        "lastUpdatedDate": d.updated_at,
        "type": d.kind.as_str(),
    })
}

/// `V1DLPPolicy`: a v3 policy shows its strongest action as `type`, every data type as
/// `contentTypes`, and every dictionary its rules name.
pub fn v1_policy(view: &PolicyView) -> Value {
    let p = &view.policy;
    let refs: Vec<Value> = p
        .dictionary_ids()
        .iter()
        .filter_map(|id| view.dictionary(id))
        .map(|d| json!({ "dictId": d.id, "name": d.name, "version": d.version.to_string() }))
        .collect();
    let mut v = json!({
        "active": p.enabled,
        "contentTypes": p.applies_to.iter().map(|a| a.content_type.as_str()).collect::<Vec<_>>(),
        "creationDate": p.created_at,
        "creatorId": p.creator.0.to_string(),
        "dictionaryRefs": refs,
        "lastUpdatedDate": p.updated_at,
        "name": p.name,
        "policyId": p.id,
        "scopes": scopes(p),
        // v1 knows Block and Warn only: a policy that only logs shows as Warn, the nearest that
        // lets content through.
        "type": match p.strongest_action() {
            DlpAction::LogOnly => DlpAction::Warn.as_str(),
            action => action.as_str(),
        },
        "version": p.version.to_string(),
    });
    if let Some(at) = p.disabled_at {
        v["lastDisabledDate"] = json!(at);
    }
    v
}

fn scopes(p: &DlpPolicy) -> Vec<&'static str> {
    p.scopes.iter().map(|s| s.as_str()).collect()
}

/// `V3DLPPolicy`.
pub fn v3_policy(view: &PolicyView, deleted: bool) -> Value {
    let p = &view.policy;
    let applies_to: Vec<Value> = p
        .applies_to
        .iter()
        .map(|a| {
            let rules: Vec<Value> = a
                .rules
                .iter()
                .map(|r| {
                    let mut rule = json!({ "id": r.id, "type": r.kind.as_str(), "name": r.name });
                    if r.kind == RuleType::TextMatch {
                        let dictionaries: Vec<Value> = r
                            .dictionaries
                            .iter()
                            .filter_map(|id| view.dictionary(id))
                            .map(|d| json!({ "dictId": d.id, "version": d.version.to_string(), "name": d.name }))
                            .collect();
                        rule["textMatchConfig"] = json!({
                            "dictionaries": dictionaries,
                            "countUniqueOccurrences": r.count_unique,
                            "applicableFileTypes": r.applicable_file_types,
                        });
                    } else if let Some((key, config)) = &r.other_config {
                        rule[key.as_str()] = config.clone();
                    }
                    rule
                })
                .collect();
            json!({ "dataType": a.content_type.as_str(), "action": a.action.as_str(), "rules": rules })
        })
        .collect();
    let mut v = json!({
        "id": p.id,
        "policyId": p.id,
        "version": p.version.to_string(),
        "name": p.name,
        "creatorId": p.creator.0,
        "scopes": scopes(p),
        "appliesTo": applies_to,
        "active": p.enabled,
        "deleted": deleted,
        "creationDate": p.created_at,
        "lastUpdatedDate": p.updated_at,
        "systemPolicy": false,
    });
    if let Some(at) = p.disabled_at {
        v["lastDisabledDate"] = json!(at);
    }
    v
}

/// `V1DLPPolicyRequest`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1PolicyRequest {
    content_types: Option<Vec<String>>,
    #[serde(default)]
    dictionary_ids: Vec<String>,
    name: String,
    scopes: Vec<String>,
    #[serde(rename = "type")]
    action: String,
}

impl V1PolicyRequest {
    pub fn into_input(self) -> V1PolicyInput {
        V1PolicyInput {
            name: self.name,
            action: self.action,
            content_types: self.content_types,
            scopes: self.scopes,
            dictionary_ids: self.dictionary_ids,
        }
    }
}

/// `V3DLPPolicyRequest`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V3PolicyRequest {
    name: String,
    scopes: Vec<String>,
    applies_to: Vec<V3AppliesTo>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct V3AppliesTo {
    data_type: String,
    action: Option<String>,
    #[serde(default)]
    rules: Vec<V3Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct V3Rule {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    text_match_config: Option<TextMatchConfig>,
    file_size_config: Option<Value>,
    file_extension_config: Option<Value>,
    file_password_config: Option<Value>,
    file_classifier_config: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TextMatchConfig {
    dictionaries: Vec<DictionaryMeta>,
    count_unique_occurrences: Option<i64>,
    #[serde(default)]
    applicable_file_types: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DictionaryMeta {
    dict_id: String,
}

impl V3PolicyRequest {
    pub fn into_input(self) -> V3PolicyInput {
        let applies_to = self
            .applies_to
            .into_iter()
            .map(|a| AppliesToInput {
                data_type: a.data_type,
                action: a.action,
                rules: a.rules.into_iter().map(V3Rule::into_input).collect(),
            })
            .collect();
        V3PolicyInput { name: self.name, scopes: self.scopes, applies_to }
    }
}

impl V3Rule {
    fn into_input(self) -> RuleInput {
        let other_config = [
            ("fileSizeConfig", self.file_size_config),
            ("fileExtensionConfig", self.file_extension_config),
            ("filePasswordConfig", self.file_password_config),
            ("fileClassifierConfig", self.file_classifier_config),
        ]
        .into_iter()
        .find_map(|(key, value)| value.map(|v| (key.to_owned(), v)));
        let (dictionaries, count_unique, applicable_file_types) = match self.text_match_config {
            Some(t) => (
                Some(t.dictionaries.into_iter().map(|d| d.dict_id).collect()),
                t.count_unique_occurrences,
                t.applicable_file_types,
            ),
            None => (None, None, Vec::new()),
        };
        RuleInput {
            id: self.id,
            kind: self.kind,
            name: self.name,
            dictionaries,
            count_unique,
            applicable_file_types,
            other_config,
        }
    }
}

fn action_word(a: DlpAction) -> &'static str {
    match a {
        DlpAction::Block => "BLOCK",
        DlpAction::Warn => "WARN",
        DlpAction::LogOnly => "LOG_ONLY",
    }
}

/// The fields v1 and v3 violations share.
fn violation_common(v: &DlpViolation) -> Value {
    json!({
        "enforcementEventID": v.id,
        "entityID": v.entity_id,
        "createTime": v.created_at,
        "lastModified": v.created_at,
        "requesterId": v.requester.0,
        "action": action_word(v.action),
        "outcome": { "type": v.outcome.as_str() },
        "version": ENGINE_VERSION,
    })
}

/// `V1DLPViolation`: `terms` is the matched terms, comma-separated.
fn v1_violation(v: &DlpViolation) -> Value {
    let mut out = violation_common(v);
    out["matchedPolicies"] = v
        .policies
        .iter()
        .map(|p| {
            let mut terms: Vec<&str> = Vec::new();
            for t in &p.terms {
                if !terms.contains(&t.term.as_str()) {
                    terms.push(&t.term);
                }
            }
            json!({
                "id": p.id, "version": p.version, "policyName": p.name,
                "type": action_word(p.action), "terms": terms.join(", "),
            })
        })
        .collect();
    out["contentType"] = json!({ "type": v.content_type.as_str() });
    out
}

/// `V3DLPViolation`: `details` holds one object per matched policy, with each matched term and the
/// rule and dictionary it came from.
fn v3_violation(v: &DlpViolation) -> Value {
    let mut out = violation_common(v);
    out["details"] = v
        .policies
        .iter()
        .map(|p| {
            json!({
                "policyId": p.id, "policyName": p.name, "policyVersion": p.version,
                "action": p.action.as_str(), "contentType": v.content_type.as_str(), "scope": v.scope.as_str(),
                "matches": p.terms.iter().map(|t| json!({
                    "rule": t.rule, "dictionaryId": t.dictionary_id, "dictionaryName": t.dictionary_name,
                    "dictionaryVersion": t.dictionary_version, "term": t.term,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    out
}

/// `V1DLPStream`: the room as it was (or would have been).
fn dlp_stream(stream: &Stream, creator_name: Option<&str>) -> Value {
    let room = stream.room.clone().unwrap_or_default();
    let mut v = json!({
        "streamId": stream.id.as_str(),
        "name": room.name,
        "roomDescription": room.description,
        "creatorId": stream.created_by.0.to_string(),
        "type": stream.kind.as_str(),
        "state": if stream.active { "CREATED" } else { "DEACTIVATED" },
        "active": stream.active,
        "publicRoom": room.public,
        "crossPod": room.cross_pod,
        "discoverable": room.discoverable,
        "readOnly": room.read_only,
        "copyDisabled": room.copy_protected,
        "memberAddUserEnabled": room.members_can_invite,
        "shareHistoryEnabled": room.view_history,
    });
    if let Some(name) = creator_name {
        v["creatorPrettyName"] = json!(name);
    }
    v
}

/// One entry of a violations listing, in the v1 or v3 shape.
pub fn violation_entry(view: &ViolationView, v3: bool) -> Value {
    let v = &view.violation;
    let mut out = json!({ "violation": if v3 { v3_violation(v) } else { v1_violation(v) } });
    match &v.subject {
        ViolationSubject::Message { .. } => match &view.message {
            Some(message) => out["message"] = v4_message(message),
            None => out["diagnostic"] = json!("The message's stream no longer exists"),
        },
        ViolationSubject::Stream(stream) => {
            let name = view
                .requester
                .as_ref()
                .filter(|u| u.id == stream.created_by)
                .map(|u| u.display_name.as_str());
            out["stream"] = dlp_stream(stream, name);
        }
    }
    out
}
