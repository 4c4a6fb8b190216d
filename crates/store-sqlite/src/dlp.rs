//! DLP rows: dictionaries and their content, policies and the dictionaries they name, violations,
//! and the generation counter every dictionary or policy change bumps in its transaction.

use sqlx::{Sqlite, SqlitePool, Transaction};
use sympod_model::dlp::{DlpDictionary, DlpPolicy, DlpViolation};
use sympod_store::record::{
    dlp_dictionary_from, dlp_document, dlp_policy_from, dlp_violation_from, missing_dictionary, unique_key,
};
use sympod_store::{Mutation, StoreError, StoreResult, ViolationPage};

use crate::{classify, corrupt};

type Tx = Transaction<'static, Sqlite>;

pub async fn generation(pool: &SqlitePool) -> StoreResult<i64> {
    sqlx::query_scalar("SELECT generation FROM dlp_state WHERE id = 1")
        .fetch_one(pool)
        .await
        .map_err(classify)
}

async fn bump(tx: &mut Tx) -> StoreResult<()> {
    sqlx::query("UPDATE dlp_state SET generation = generation + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await
        .map_err(classify)?;
    Ok(())
}

pub async fn insert_dictionary(pool: &SqlitePool, d: &DlpDictionary, content: &str) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(classify)?;
    sqlx::query(
        "INSERT INTO dlp_dictionaries (id, name_key, created_at, document, content) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&d.id)
    .bind(unique_key(&d.name))
    .bind(d.created_at)
    .bind(dlp_document(d))
    .bind(content)
    .execute(&mut *tx)
    .await
    .map_err(classify)?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(classify)
}

async fn dictionary_in(tx: &mut Tx, id: &str) -> StoreResult<DlpDictionary> {
    let doc: String = sqlx::query_scalar("SELECT document FROM dlp_dictionaries WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    dlp_dictionary_from(&doc).map_err(corrupt)
}

/// Applies `touch` to every policy that names `dictionary`, and rewrites each.
async fn touch_users_of(tx: &mut Tx, dictionary: &str, touch: Mutation<'_, DlpPolicy>) -> StoreResult<()> {
    let docs: Vec<String> = sqlx::query_scalar(
        "SELECT p.document FROM dlp_policy_dictionaries l JOIN dlp_policies p ON p.id = l.policy_id \
         WHERE l.dictionary_id = ?1 ORDER BY p.rowid",
    )
    .bind(dictionary)
    .fetch_all(&mut **tx)
    .await
    .map_err(classify)?;
    for doc in docs {
        let mut policy = dlp_policy_from(&doc).map_err(corrupt)?;
        touch(&mut policy)?;
        write_policy(tx, &policy).await?;
    }
    Ok(())
}

pub async fn modify_dictionary(
    pool: &SqlitePool,
    id: &str,
    content: Option<&str>,
    change: Mutation<'_, DlpDictionary>,
    touch: Mutation<'_, DlpPolicy>,
) -> StoreResult<DlpDictionary> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let mut d = dictionary_in(&mut tx, id).await?;
    change(&mut d)?;
    sqlx::query(
        "UPDATE dlp_dictionaries SET name_key = ?2, document = ?3, content = COALESCE(?4, content) WHERE id = ?1",
    )
    .bind(id)
    .bind(unique_key(&d.name))
    .bind(dlp_document(&d))
    .bind(content)
    .execute(&mut *tx)
    .await
    .map_err(classify)?;
    touch_users_of(&mut tx, id, touch).await?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(classify)?;
    Ok(d)
}

pub async fn delete_dictionary(
    pool: &SqlitePool,
    id: &str,
    touch: Mutation<'_, DlpPolicy>,
) -> StoreResult<DlpDictionary> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let d = dictionary_in(&mut tx, id).await?;
    touch_users_of(&mut tx, id, touch).await?;
    sqlx::query("DELETE FROM dlp_dictionaries WHERE id = ?1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(classify)?;
    Ok(d)
}

pub async fn dictionary(pool: &SqlitePool, id: &str) -> StoreResult<Option<DlpDictionary>> {
    let doc: Option<String> = sqlx::query_scalar("SELECT document FROM dlp_dictionaries WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    doc.map(|d| dlp_dictionary_from(&d).map_err(corrupt)).transpose()
}

pub async fn content(pool: &SqlitePool, id: &str) -> StoreResult<Option<String>> {
    sqlx::query_scalar("SELECT content FROM dlp_dictionaries WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(classify)
}

pub async fn dictionaries(pool: &SqlitePool) -> StoreResult<Vec<DlpDictionary>> {
    let docs: Vec<String> =
        sqlx::query_scalar("SELECT document FROM dlp_dictionaries ORDER BY created_at, rowid")
            .fetch_all(pool)
            .await
            .map_err(classify)?;
    docs.iter().map(|d| dlp_dictionary_from(d).map_err(corrupt)).collect()
}

/// Writes the policy's row and the list of dictionaries it names, which must all exist.
async fn write_policy(tx: &mut Tx, p: &DlpPolicy) -> StoreResult<()> {
    sqlx::query("UPDATE dlp_policies SET name_key = ?2, document = ?3 WHERE id = ?1")
        .bind(&p.id)
        .bind(unique_key(&p.name))
        .bind(dlp_document(p))
        .execute(&mut **tx)
        .await
        .map_err(classify)?;
    link(tx, p).await
}

async fn link(tx: &mut Tx, p: &DlpPolicy) -> StoreResult<()> {
    sqlx::query("DELETE FROM dlp_policy_dictionaries WHERE policy_id = ?1")
        .bind(&p.id)
        .execute(&mut **tx)
        .await
        .map_err(classify)?;
    for dictionary in p.dictionary_ids() {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM dlp_dictionaries WHERE id = ?1")
            .bind(&dictionary)
            .fetch_optional(&mut **tx)
            .await
            .map_err(classify)?;
        if exists.is_none() {
            return Err(missing_dictionary(&dictionary).into());
        }
        sqlx::query("INSERT INTO dlp_policy_dictionaries (policy_id, dictionary_id) VALUES (?1, ?2)")
            .bind(&p.id)
            .bind(&dictionary)
            .execute(&mut **tx)
            .await
            .map_err(classify)?;
    }
    Ok(())
}

pub async fn insert_policy(pool: &SqlitePool, p: &DlpPolicy) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(classify)?;
    sqlx::query("INSERT INTO dlp_policies (id, name_key, created_at, document) VALUES (?1, ?2, ?3, ?4)")
        .bind(&p.id)
        .bind(unique_key(&p.name))
        .bind(p.created_at)
        .bind(dlp_document(p))
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    link(&mut tx, p).await?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(classify)
}

async fn policy_in(tx: &mut Tx, id: &str) -> StoreResult<DlpPolicy> {
    let doc: String = sqlx::query_scalar("SELECT document FROM dlp_policies WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    dlp_policy_from(&doc).map_err(corrupt)
}

pub async fn modify_policy(
    pool: &SqlitePool,
    id: &str,
    change: Mutation<'_, DlpPolicy>,
) -> StoreResult<DlpPolicy> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let mut p = policy_in(&mut tx, id).await?;
    change(&mut p)?;
    write_policy(&mut tx, &p).await?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(classify)?;
    Ok(p)
}

pub async fn delete_policy(
    pool: &SqlitePool,
    id: &str,
    check: Mutation<'_, DlpPolicy>,
) -> StoreResult<DlpPolicy> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let mut p = policy_in(&mut tx, id).await?;
    check(&mut p)?;
    sqlx::query("DELETE FROM dlp_policies WHERE id = ?1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(classify)?;
    Ok(p)
}

pub async fn policy(pool: &SqlitePool, id: &str) -> StoreResult<Option<DlpPolicy>> {
    let doc: Option<String> = sqlx::query_scalar("SELECT document FROM dlp_policies WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    doc.map(|d| dlp_policy_from(&d).map_err(corrupt)).transpose()
}

pub async fn policies(pool: &SqlitePool) -> StoreResult<Vec<DlpPolicy>> {
    let docs: Vec<String> =
        sqlx::query_scalar("SELECT document FROM dlp_policies ORDER BY created_at, rowid")
            .fetch_all(pool)
            .await
            .map_err(classify)?;
    docs.iter().map(|d| dlp_policy_from(d).map_err(corrupt)).collect()
}

pub async fn insert_violation(pool: &SqlitePool, v: &DlpViolation) -> StoreResult<()> {
    sqlx::query("INSERT INTO dlp_violations (id, kind, created_at, document) VALUES (?1, ?2, ?3, ?4)")
        .bind(&v.id)
        .bind(v.kind.as_str())
        .bind(v.created_at)
        .bind(dlp_document(v))
        .execute(pool)
        .await
        .map_err(classify)?;
    Ok(())
}

pub async fn violations(pool: &SqlitePool, page: ViolationPage) -> StoreResult<Vec<DlpViolation>> {
    let docs: Vec<String> = sqlx::query_scalar(
        "SELECT document FROM dlp_violations WHERE kind = ?1 AND created_at >= ?2 AND created_at <= ?3 \
         ORDER BY created_at, seq LIMIT ?4 OFFSET ?5",
    )
    .bind(page.kind.as_str())
    .bind(page.from)
    .bind(page.to)
    .bind(page.limit)
    .bind(page.skip)
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    docs.iter().map(|d| dlp_violation_from(d).map_err(corrupt)).collect()
}

pub async fn violation(pool: &SqlitePool, id: &str) -> StoreResult<Option<DlpViolation>> {
    let doc: Option<String> = sqlx::query_scalar("SELECT document FROM dlp_violations WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    doc.map(|d| dlp_violation_from(&d).map_err(corrupt)).transpose()
}
