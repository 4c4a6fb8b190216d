//! Data Loss Prevention (Symphony's Expression Filter): the administration API (dictionaries,
//! policies, violations) and enforcement on messages and rooms.
//!
//! Enforcement asks one compiled [`Matcher`] per instance. It is rebuilt only when the store's
//! DLP generation (a counter every dictionary or policy change bumps, on whichever instance) differs
//! from the one it was built for; checking a text costs one primary-key read and a scan. Several
//! requests that find it stale at once wait for one rebuild.
//!
//! Scope: a stream is *External* when one of its current members belongs to a pod other than the
//! home pod, *Internal* otherwise. A room being created has its creator only.

mod dictionaries;
mod policies;
mod violations;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use sympod_dlp::{
    Action, AppliesTo, ContentType, Dictionary, DictionaryContent, DictionaryKind, Matcher, Policy, Scope,
    TextRule, Verdict,
};
use sympod_model::UserId;
use sympod_model::dlp::{
    DictionaryType, DlpAction, DlpContentType, DlpOutcome, DlpPolicy, DlpScope, DlpViolation, MatchedPolicy,
    MatchedTerm, RuleType, ViolationKind, ViolationSubject,
};
use sympod_model::stream::StreamState;

pub use dictionaries::DictionaryPage;
pub use dictionaries::MAX_PAGE_SIZE;
pub use policies::{AppliesToInput, PolicyPage, PolicyView, RuleInput, V1PolicyInput, V3PolicyInput};
pub use sympod_dlp::MAX_CONTENT_BYTES;
pub use violations::{ViolationList, ViolationQuery, ViolationView};

use crate::{Core, CoreError, CoreResult, random_id};

/// The matcher of one DLP generation.
struct Built {
    generation: i64,
    matcher: Arc<Matcher>,
}

/// The instance's matcher, and the lock that lets one request at a time rebuild it. The lock holds
/// the dictionaries the last build parsed, by id: a rebuild parses again only those whose version
/// moved (every change to a dictionary's name or content gives it a new version).
#[derive(Default)]
pub(crate) struct MatcherCache {
    current: RwLock<Option<Arc<Built>>>,
    rebuild: tokio::sync::Mutex<HashMap<String, Arc<Dictionary>>>,
}

impl MatcherCache {
    fn get(&self, generation: i64) -> Option<Arc<Matcher>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current.as_ref().filter(|b| b.generation == generation).map(|b| b.matcher.clone())
    }
}

/// What the policies say about some content in each scope it goes to.
#[derive(Debug, Default)]
pub(crate) struct Screening {
    verdicts: Vec<(DlpScope, Verdict)>,
}

impl Screening {
    /// The verdict for `scope` (empty when that scope was not screened or nothing matched).
    pub(crate) fn verdict(&self, scope: DlpScope) -> Option<&Verdict> {
        self.verdicts.iter().find(|(s, v)| *s == scope && !v.is_clean()).map(|(_, v)| v)
    }
}

fn kind_of(t: DictionaryType) -> DictionaryKind {
    match t {
        DictionaryType::Word => DictionaryKind::Word,
        DictionaryType::Regex => DictionaryKind::Regex,
    }
}

fn scope_of(s: DlpScope) -> Scope {
    match s {
        DlpScope::Internal => Scope::Internal,
        DlpScope::External => Scope::External,
    }
}

fn content_type_of(t: DlpContentType) -> ContentType {
    match t {
        DlpContentType::Messages => ContentType::Messages,
        DlpContentType::RoomMeta => ContentType::RoomMeta,
        DlpContentType::SignalMeta => ContentType::SignalMeta,
        DlpContentType::FileContent => ContentType::FileContent,
        DlpContentType::FileMeta => ContentType::FileMeta,
    }
}

fn action_of(a: DlpAction) -> Action {
    match a {
        DlpAction::LogOnly => Action::LogOnly,
        DlpAction::Warn => Action::Warn,
        DlpAction::Block => Action::Block,
    }
}

fn dlp_action(a: Action) -> DlpAction {
    match a {
        Action::LogOnly => DlpAction::LogOnly,
        Action::Warn => DlpAction::Warn,
        Action::Block => DlpAction::Block,
    }
}

/// A stored policy as the engine takes it: its text rules, with their dictionaries loaded.
fn engine_policy(p: &DlpPolicy, dictionaries: &HashMap<String, Arc<Dictionary>>) -> Policy {
    let applies_to = p
        .applies_to
        .iter()
        .map(|entry| AppliesTo {
            content_type: content_type_of(entry.content_type),
            action: action_of(entry.action),
            rules: entry
                .rules
                .iter()
                .filter(|r| r.kind == RuleType::TextMatch)
                .map(|r| TextRule {
                    name: r.name.clone(),
                    dictionaries: r
                        .dictionaries
                        .iter()
                        .filter_map(|d| dictionaries.get(d).cloned())
                        .collect(),
                    min_unique_terms: r.count_unique,
                })
                .collect(),
        })
        .collect();
    Policy {
        id: p.id.clone(),
        version: p.version.to_string(),
        name: p.name.clone(),
        enabled: p.enabled,
        scopes: p.scopes.iter().copied().map(scope_of).collect(),
        applies_to,
    }
}

impl Core {
    /// The matcher of the current DLP generation, rebuilt first if the policies changed.
    async fn matcher(&self) -> CoreResult<Arc<Matcher>> {
        let generation = self.store.dlp_generation().await?;
        if let Some(m) = self.dlp.get(generation) {
            return Ok(m);
        }
        let mut parsed = self.dlp.rebuild.lock().await;
        // Someone may have rebuilt it while this request waited.
        let generation = self.store.dlp_generation().await?;
        if let Some(m) = self.dlp.get(generation) {
            return Ok(m);
        }
        // Read after the generation: what is read is at least that new, so a later change is seen
        // by the next check as a new generation.
        let stored = self.store.dlp_policies().await?;
        let enabled: Vec<DlpPolicy> = stored.into_iter().filter(|p| p.enabled).collect();
        let mut kept: HashMap<String, Arc<Dictionary>> = HashMap::new();
        let mut dictionaries = HashMap::new();
        for id in enabled.iter().flat_map(DlpPolicy::dictionary_ids) {
            if dictionaries.contains_key(&id) || kept.contains_key(&id) {
                continue;
            }
            let Some(meta) = self.store.dlp_dictionary(&id).await? else { continue };
            if let Some(known) = parsed.get(&id)
                && known.version == meta.version.to_string()
                && known.name == meta.name
            {
                kept.insert(id, known.clone());
                continue;
            }
            let Some(text) = self.store.dlp_dictionary_content(&id).await? else { continue };
            dictionaries.insert(id, (meta, text));
        }
        let (matcher, loaded) = tokio::task::spawn_blocking(move || {
            let mut loaded: HashMap<String, Arc<Dictionary>> = dictionaries
                .into_iter()
                .filter_map(|(id, (meta, text))| {
                    match DictionaryContent::parse(kind_of(meta.kind), text.as_bytes()) {
                        Ok(content) => Some((
                            id,
                            Arc::new(Dictionary {
                                id: meta.id,
                                name: meta.name,
                                version: meta.version.to_string(),
                                content,
                            }),
                        )),
                        Err(e) => {
                            tracing::error!(dictionary = %id, error = %e, "a stored DLP dictionary does not parse");
                            None
                        }
                    }
                })
                .collect();
            loaded.extend(kept);
            let policies: Vec<Policy> = enabled.iter().map(|p| engine_policy(p, &loaded)).collect();
            (Arc::new(Matcher::build(&policies)), loaded)
        })
        .await
        .map_err(|e| CoreError::Internal(anyhow::anyhow!("the DLP matcher build failed: {e}")))?;
        *parsed = loaded;
        let built = Arc::new(Built { generation, matcher: matcher.clone() });
        *self.dlp.current.write().unwrap_or_else(|e| e.into_inner()) = Some(built);
        Ok(matcher)
    }

    /// External when a current member is of another pod, or the room is open to other pods
    /// (`crossPod`); Internal otherwise.
    pub(crate) fn dlp_scope(&self, state: &StreamState) -> DlpScope {
        let cross_pod = state.room().is_some_and(|r| r.cross_pod);
        if cross_pod || state.current_members().any(|m| m.pod != self.home.id) {
            DlpScope::External
        } else {
            DlpScope::Internal
        }
    }

    /// Checks `texts` (each scanned alone) of `content_type` for each of `scopes`.
    pub(crate) async fn screen(
        &self,
        content_type: DlpContentType,
        scopes: &[DlpScope],
        texts: &[&str],
    ) -> CoreResult<Screening> {
        let matcher = self.matcher().await?;
        let mut screening = Screening::default();
        for &scope in scopes {
            if screening.verdicts.iter().any(|(s, _)| *s == scope) {
                continue;
            }
            let verdict = matcher.scan(content_type_of(content_type), scope_of(scope), texts);
            screening.verdicts.push((scope, verdict));
        }
        Ok(screening)
    }

    /// Records what `verdict` found, in a write of its own. A failure is logged, never answered:
    /// refused content is refused whether or not its record is written (a 500 would have the caller
    /// send it again), and accepted content is stored already.
    pub(crate) async fn record_violation(&self, verdict: &Verdict, found: Found, subject: ViolationSubject) {
        let action = verdict.action().map_or(DlpAction::LogOnly, dlp_action);
        let violation = DlpViolation {
            id: random_id(16),
            kind: found.kind,
            entity_id: found.entity_id,
            created_at: self.now(),
            requester: found.requester,
            content_type: found.content_type,
            scope: found.scope,
            action,
            outcome: DlpOutcome::of(action),
            policies: verdict.policies.iter().map(matched_policy).collect(),
            subject,
        };
        if let Err(e) = self.store.insert_dlp_violation(&violation).await {
            tracing::error!(error = %e, violation = %violation.id, "cannot record a DLP violation");
        }
    }
}

/// What a violation is about, besides its subject.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: ViolationKind,
    pub entity_id: String,
    pub requester: UserId,
    pub content_type: DlpContentType,
    pub scope: DlpScope,
}

fn matched_policy(p: &sympod_dlp::PolicyMatch) -> MatchedPolicy {
    MatchedPolicy {
        id: p.policy_id.clone(),
        name: p.policy_name.clone(),
        version: p.policy_version.clone(),
        action: dlp_action(p.action),
        terms: p
            .terms
            .iter()
            .map(|t| MatchedTerm {
                rule: t.rule.clone(),
                dictionary_id: t.dictionary_id.clone(),
                dictionary_name: t.dictionary_name.clone(),
                dictionary_version: t.dictionary_version.clone(),
                term: t.term.clone(),
            })
            .collect(),
    }
}
