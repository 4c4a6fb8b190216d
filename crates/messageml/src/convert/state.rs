//! What the conversion accumulates besides the output tree: generated entities, the shared
//! entity counter, mentions and tags for the server, form and dialog ids.

use std::collections::HashSet;

use crate::FormInfo;
use crate::entities::{Entity, EntityJson};
use crate::error::{MessageMlError, Result};

/// A generated entity: the entity object it belongs in (`None`: the top level), its key, and
/// the entity.
pub(crate) type Generated = (Option<String>, String, Entity);

/// Accumulated conversion state.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The shared counter of mention, hash, cash, emoji, tag and dateTime (starts at 1).
    counter: u32,
    pub generated: Vec<Generated>,
    /// Ids of the enclosing `class="entity"` elements, innermost last.
    pub entity_scope: Vec<String>,
    /// Output elements carrying a `data-entity-id` (for the entity limit).
    entity_count: usize,
    /// The three lists below are de-duplicated by a scan: each holds at most one item per
    /// counted entity, and the entity limit stops the conversion at the 41st.
    pub mentions: Vec<i64>,
    pub hashtags: Vec<String>,
    pub cashtags: Vec<String>,
    pub forms: Vec<FormInfo>,
    /// form and dialog ids seen so far (they must be unique).
    pub element_ids: HashSet<String>,
    /// Forms being built, innermost last.
    pub open_forms: Vec<FormAcc>,
    /// Dialogs: (id in the message, id in the output).
    pub dialogs: Vec<(String, String)>,
    /// ui-actions with a `target-id`, which must be matched to a dialog once the tree is built.
    pub targeted_actions: usize,
}

/// A form under construction.
#[derive(Debug)]
pub(crate) struct FormAcc {
    pub info: FormInfo,
    pub checkboxes: usize,
    pub radios: usize,
}

impl State {
    /// The next entity key with the given prefix (`mention1`, `keyword2`, …).
    pub fn next_key(&mut self, prefix: &str) -> String {
        use std::fmt::Write;
        self.counter += 1;
        let mut key = String::with_capacity(prefix.len() + 4);
        key.push_str(prefix);
        let _ = write!(key, "{}", self.counter);
        key
    }

    /// Records a generated entity, to be merged into EntityJSON at the end.
    pub fn generate(&mut self, key: String, entity: Entity) {
        let scope = self.entity_scope.last().cloned();
        self.generated.push((scope, key, entity));
    }

    /// Records a form or dialog id, failing on a duplicate.
    pub fn unique_id(&mut self, id: &str) -> Result<()> {
        if self.element_ids.insert(id.to_owned()) {
            Ok(())
        } else {
            Err(MessageMlError::invalid(format!(
                "Elements must have unique ids. The following value is not unique: [{id}]."
            )))
        }
    }

    /// Records a named field in the innermost open form.
    pub fn field(&mut self, name: &str) {
        if let Some(form) = self.open_forms.last_mut() {
            form.info.fields.push(name.to_owned());
        }
    }

    /// Counts one output entity. The pod limit is checked here, not only at the end, so a
    /// message full of mentions stops at the 41st instead of looking up every user first.
    pub fn count_entity(&mut self) -> Result<()> {
        self.entity_count += 1;
        crate::limits::check_entities(self.entity_count)
    }

    /// Adds a uid to the mention list once.
    pub fn mention(&mut self, uid: i64) {
        if !self.mentions.contains(&uid) {
            self.mentions.push(uid);
        }
    }

    /// Adds a hashtag once.
    pub fn hashtag(&mut self, tag: &str) {
        if !self.hashtags.iter().any(|t| t == tag) {
            self.hashtags.push(tag.to_owned());
        }
    }

    /// Adds a cashtag once.
    pub fn cashtag(&mut self, tag: &str) {
        if !self.cashtags.iter().any(|t| t == tag) {
            self.cashtags.push(tag.to_owned());
        }
    }

    /// Step 10: merges generated entities into the caller's data; the caller's keys win.
    pub fn entity_json(&mut self, data: serde_json::Map<String, serde_json::Value>) -> EntityJson {
        EntityJson::merge(data, std::mem::take(&mut self.generated))
    }
}
