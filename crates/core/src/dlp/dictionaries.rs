//! DLP dictionaries: `/agent/v1/dlp/dictionaries[/{dictId}[/data/{upload,download}]]`.

use sympod_dlp::DictionaryContent;
use sympod_model::RuleError;
use sympod_model::dlp::{DictionaryType, DlpDictionary, DlpPolicy, DlpVersion, can_manage_dlp, dlp_name};

use super::kind_of;
use crate::{Caller, Core, CoreError, CoreResult, random_id};

/// Most records one page of a DLP listing holds (and its default).
pub const MAX_PAGE_SIZE: i64 = 50;

/// A page of dictionaries, and how many pages there are.
#[derive(Debug, Clone)]
pub struct DictionaryPage {
    pub items: Vec<DlpDictionary>,
    pub page: i64,
    pub page_count: i64,
}

/// Checks `page` (from 0) and `limit` (1 to 50, 50 by default) and cuts `all` into pages.
pub(crate) fn paginate<T>(
    all: Vec<T>,
    page: Option<i64>,
    limit: Option<i64>,
) -> CoreResult<(Vec<T>, i64, i64)> {
    let page = page.unwrap_or(0);
    let limit = limit.unwrap_or(MAX_PAGE_SIZE);
    if page < 0 || !(1..=MAX_PAGE_SIZE).contains(&limit) {
        return Err(CoreError::invalid(format!(
            "page must not be negative and limit must be 1 to {MAX_PAGE_SIZE}"
        )));
    }
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let page_count = (total + limit - 1) / limit;
    let skip = usize::try_from(page.saturating_mul(limit)).unwrap_or(usize::MAX);
    let items = all.into_iter().skip(skip).take(limit as usize).collect();
    Ok((items, page, page_count))
}

fn dictionary_not_found(id: &str) -> CoreError {
    CoreError::not_found(format!("Dictionary {id} not found"))
}

/// A dictionary name that is taken, in words the caller acts on.
fn name_taken(e: CoreError) -> CoreError {
    match e {
        CoreError::Conflict(_) => CoreError::invalid("A dictionary with this name already exists"),
        other => other,
    }
}

/// Checks a requested version against the one kept: sympod keeps only the newest version.
pub(crate) fn check_version(asked: Option<&str>, current: DlpVersion, what: &str) -> CoreResult<()> {
    match asked.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(()),
        Some(text) => match DlpVersion::parse(text) {
            Some(v) if v == current => Ok(()),
            Some(v) => Err(CoreError::invalid(format!(
                "Version {v} of this {what} is not available: only the current version, {current}, is kept"
            ))),
            None => Err(CoreError::invalid(format!("Invalid version {text:?}: use major.minor"))),
        },
    }
}

/// What a change to a dictionary does to the policies naming it: a new version of each.
fn touch_policy(now: i64) -> impl FnMut(&mut DlpPolicy) -> Result<(), RuleError> + Send {
    move |p| {
        p.touch(now);
        Ok(())
    }
}

impl Core {
    /// `POST /agent/v1/dlp/dictionaries`: a dictionary with no content yet.
    pub async fn create_dlp_dictionary(
        &self,
        caller: &Caller,
        name: &str,
        kind: Option<&str>,
    ) -> CoreResult<DlpDictionary> {
        can_manage_dlp(&caller.user)?;
        let name = dlp_name(name, "dictionary")?;
        let kind = match kind.map(str::trim).filter(|k| !k.is_empty()) {
            None => DictionaryType::Word,
            Some(k) => DictionaryType::parse(k).ok_or_else(|| {
                CoreError::invalid(format!("Invalid dictionary type {k:?}: use Word or Regex"))
            })?,
        };
        let now = self.now();
        let dictionary = DlpDictionary {
            id: random_id(16),
            name,
            kind,
            version: DlpVersion::FIRST_V1,
            creator: caller.user.id,
            created_at: now,
            updated_at: now,
            entries: 0,
        };
        self.store.insert_dlp_dictionary(&dictionary, "").await.map_err(|e| name_taken(e.into()))?;
        Ok(dictionary)
    }

    /// `GET /agent/v1/dlp/dictionaries`: oldest first, in pages.
    pub async fn dlp_dictionaries(
        &self,
        caller: &Caller,
        page: Option<i64>,
        limit: Option<i64>,
    ) -> CoreResult<DictionaryPage> {
        can_manage_dlp(&caller.user)?;
        let (items, page, page_count) = paginate(self.store.dlp_dictionaries().await?, page, limit)?;
        Ok(DictionaryPage { items, page, page_count })
    }

    /// `GET /agent/v1/dlp/dictionaries/{dictId}`.
    pub async fn dlp_dictionary(
        &self,
        caller: &Caller,
        id: &str,
        version: Option<&str>,
    ) -> CoreResult<DlpDictionary> {
        can_manage_dlp(&caller.user)?;
        let d = self.store.dlp_dictionary(id).await?.ok_or_else(|| dictionary_not_found(id))?;
        check_version(version, d.version, "dictionary")?;
        Ok(d)
    }

    /// `PUT /agent/v1/dlp/dictionaries/{dictId}`: renames it; it and the policies naming it get a
    /// new version.
    pub async fn rename_dlp_dictionary(
        &self,
        caller: &Caller,
        id: &str,
        name: &str,
    ) -> CoreResult<DlpDictionary> {
        can_manage_dlp(&caller.user)?;
        let name = dlp_name(name, "dictionary")?;
        let now = self.now();
        let mut change = |d: &mut DlpDictionary| {
            d.name = name.clone();
            d.version = d.version.next();
            d.updated_at = now;
            Ok(())
        };
        let mut touch = touch_policy(now);
        self.store.modify_dlp_dictionary(id, None, &mut change, &mut touch).await.map_err(|e| match e {
            sympod_store::StoreError::NotFound => dictionary_not_found(id),
            other => name_taken(other.into()),
        })
    }

    /// `DELETE /agent/v1/dlp/dictionaries/{dictId}`: the policies naming it stop naming it (and
    /// get a new version); one left with no dictionary is disabled.
    pub async fn delete_dlp_dictionary(&self, caller: &Caller, id: &str) -> CoreResult<DlpDictionary> {
        can_manage_dlp(&caller.user)?;
        let now = self.now();
        let mut forget = |p: &mut DlpPolicy| {
            p.forget_dictionary(id, now);
            Ok(())
        };
        self.store.delete_dlp_dictionary(id, &mut forget).await.map_err(|e| match e {
            sympod_store::StoreError::NotFound => dictionary_not_found(id),
            other => other.into(),
        })
    }

    /// `POST /agent/v1/dlp/dictionaries/{dictId}/data/upload`: replaces the content with the file's
    /// entries (format in `docs/API.md`). A file with any bad line changes nothing and answers
    /// which line is wrong and why.
    pub async fn upload_dlp_dictionary(
        &self,
        caller: &Caller,
        id: &str,
        file: Vec<u8>,
    ) -> CoreResult<DlpDictionary> {
        can_manage_dlp(&caller.user)?;
        let current = self.store.dlp_dictionary(id).await?.ok_or_else(|| dictionary_not_found(id))?;
        let kind = current.kind;
        let parsed = tokio::task::spawn_blocking(move || DictionaryContent::parse(kind_of(kind), &file))
            .await
            .map_err(|e| CoreError::Internal(anyhow::anyhow!("dictionary parsing failed: {e}")))?
            .map_err(|e| CoreError::invalid(format!("Invalid dictionary content: {e}")))?;
        let text = parsed.to_text();
        let entries = u32::try_from(parsed.len()).unwrap_or(u32::MAX);
        let now = self.now();
        let mut change = |d: &mut DlpDictionary| {
            if d.kind != kind {
                return Err(RuleError::invalid(
                    "The dictionary changed type during the upload; upload again",
                ));
            }
            d.entries = entries;
            d.version = d.version.next();
            d.updated_at = now;
            Ok(())
        };
        let mut touch = touch_policy(now);
        self.store.modify_dlp_dictionary(id, Some(&text), &mut change, &mut touch).await.map_err(
            |e| match e {
                sympod_store::StoreError::NotFound => dictionary_not_found(id),
                other => other.into(),
            },
        )
    }

    /// `GET /agent/v1/dlp/dictionaries/{dictId}/data/download`: the content in its canonical form
    /// (one entry per line, each followed by a line feed).
    pub async fn download_dlp_dictionary(
        &self,
        caller: &Caller,
        id: &str,
        version: Option<&str>,
    ) -> CoreResult<(DlpDictionary, String)> {
        let d = self.dlp_dictionary(caller, id, version).await?;
        let content = self.store.dlp_dictionary_content(id).await?.ok_or_else(|| dictionary_not_found(id))?;
        Ok((d, content))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_cut_from_the_start_and_counted() {
        let (items, page, count) = paginate((0..7).collect(), Some(1), Some(3)).unwrap();
        assert_eq!((items, page, count), (vec![3, 4, 5], 1, 3));
        let (items, _, count) = paginate(Vec::<i32>::new(), None, None).unwrap();
        assert!(items.is_empty() && count == 0);
        assert!(paginate(vec![1], Some(-1), None).is_err());
        assert!(paginate(vec![1], None, Some(51)).is_err());
        assert!(paginate(vec![1], None, Some(0)).is_err());
    }

    #[test]
    fn only_the_current_version_can_be_asked_for() {
        let v = DlpVersion { major: 1, minor: 2 };
        assert!(check_version(None, v, "policy").is_ok());
        assert!(check_version(Some("1.2"), v, "policy").is_ok());
        assert!(check_version(Some(""), v, "policy").is_ok());
        assert!(check_version(Some("1.1"), v, "policy").unwrap_err().to_string().contains("1.2"));
        assert!(check_version(Some("latest"), v, "policy").is_err());
    }
}
