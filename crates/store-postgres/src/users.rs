//! User and pod rows.

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};
use sympod_model::user::User;
use sympod_model::{PodId, UserId};
use sympod_store::record::{UserRow, account_type_str, document_of, status_str, unique_key};
use sympod_store::{Mutation, Pod, StoreError, StoreResult, UserFilter};

use crate::{classify, corrupt, page_limit};

const SELECT: &str = "SELECT u.id, u.pod_id, p.company, u.username, u.email, u.display_name, \
     u.account_type, u.status, u.document, u.version FROM users u JOIN pods p ON p.id = u.pod_id";

/// Marks a statement assembled here as safe: every dynamic statement in this file is built from
/// constant fragments and `$n` placeholders only; values are always bound, never spliced in.
fn built(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}

fn decode(row: &PgRow) -> StoreResult<User> {
    let raw = UserRow {
        id: row.get(0),
        pod_id: row.get(1),
        company: row.get(2),
        username: row.get(3),
        email: row.get(4),
        display_name: row.get(5),
        account_type: row.get(6),
        status: row.get(7),
        document: row.get(8),
        version: row.get(9),
    };
    raw.into_user().map_err(corrupt)
}

async fn pod_by_key(pool: impl sqlx::PgExecutor<'_>, key: &str) -> StoreResult<Option<Pod>> {
    let found: Option<(i64, String, bool)> =
        sqlx::query_as("SELECT id, company, home FROM pods WHERE company_key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await
            .map_err(classify)?;
    Ok(found.map(|(id, company, home)| Pod { id: PodId(id), company, home }))
}

pub async fn ensure_pod(pool: &PgPool, company: &str, home_id: PodId) -> StoreResult<Pod> {
    let key = unique_key(company);
    if let Some(pod) = pod_by_key(pool, &key).await? {
        return Ok(pod);
    }
    // Instances starting at once all find no home pod: the table lock makes them take turns, so
    // only the first creates it and the others find it.
    let mut tx = pool.begin().await.map_err(classify)?;
    sqlx::query("LOCK TABLE pods IN SHARE ROW EXCLUSIVE MODE").execute(&mut *tx).await.map_err(classify)?;
    if let Some(pod) = pod_by_key(&mut *tx, &key).await? {
        return Ok(pod);
    }
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM pods").fetch_one(&mut *tx).await.map_err(classify)?;
    let (id, home) = match max {
        None => (home_id.0, true),
        Some(max) => (max + 1, false),
    };
    sqlx::query("INSERT INTO pods (id, company, company_key, home) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(company)
        .bind(&key)
        .bind(home)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(Pod { id: PodId(id), company: company.to_owned(), home })
}

pub async fn insert(pool: &PgPool, user: &User) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO users (id, pod_id, username, username_key, email, email_key, display_name, \
         account_type, status, document, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)",
    )
    .bind(user.id.0)
    .bind(user.pod.0)
    .bind(&user.username)
    .bind(unique_key(&user.username))
    .bind(&user.email)
    .bind(user.email.as_deref().map(unique_key))
    .bind(&user.display_name)
    .bind(account_type_str(user.account_type))
    .bind(status_str(user.status))
    .bind(document_of(user))
    .execute(pool)
    .await
    .map_err(classify)?;
    Ok(())
}

pub async fn modify(pool: &PgPool, id: UserId, change: Mutation<'_, User>) -> StoreResult<User> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let row = sqlx::query(built(format!("{SELECT} WHERE u.id = $1 FOR UPDATE OF u")))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    let mut user = decode(&row)?;
    change(&mut user)?;
    user.version += 1;
    sqlx::query(
        "UPDATE users SET username = $2, username_key = $3, email = $4, email_key = $5, display_name = $6, \
         account_type = $7, status = $8, document = $9, version = $10 WHERE id = $1",
    )
    .bind(id.0)
    .bind(&user.username)
    .bind(unique_key(&user.username))
    .bind(&user.email)
    .bind(user.email.as_deref().map(unique_key))
    .bind(&user.display_name)
    .bind(account_type_str(user.account_type))
    .bind(status_str(user.status))
    .bind(document_of(&user))
    .bind(user.version)
    .execute(&mut *tx)
    .await
    .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(user)
}

pub async fn one<T>(pool: &PgPool, condition: &'static str, value: T) -> StoreResult<Option<User>>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send,
{
    let row = sqlx::query(built(format!("{SELECT} WHERE {condition}")))
        .bind(value)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    row.as_ref().map(decode).transpose()
}

pub async fn by_ids(pool: &PgPool, ids: &[UserId]) -> StoreResult<Vec<User>> {
    let ids: Vec<i64> = ids.iter().map(|u| u.0).collect();
    sqlx::query(built(format!("{SELECT} WHERE u.id = ANY($1) ORDER BY u.id")))
        .bind(ids)
        .fetch_all(pool)
        .await
        .map_err(classify)?
        .iter()
        .map(decode)
        .collect()
}

pub async fn find(pool: &PgPool, filter: &UserFilter, skip: i64, limit: i64) -> StoreResult<Vec<User>> {
    let sql = format!(
        "{SELECT} WHERE ($1::text IS NULL OR (u.document::jsonb -> 'roles') @> jsonb_build_array($1::text)) \
         AND ($2::text IS NULL OR (u.document::jsonb -> 'features' -> $2::text) = 'true'::jsonb) \
         AND ($3::text IS NULL OR u.status = $3::text) ORDER BY u.id LIMIT $4 OFFSET $5"
    );
    sqlx::query(built(sql))
        .bind(filter.role.as_deref())
        .bind(filter.feature.as_deref())
        .bind(filter.status.map(status_str))
        .bind(page_limit(limit))
        .bind(skip.max(0))
        .fetch_all(pool)
        .await
        .map_err(classify)?
        .iter()
        .map(decode)
        .collect()
}

pub async fn search(pool: &PgPool, text: &str) -> StoreResult<Vec<User>> {
    let pattern = format!("%{}%", crate::like_escape(&text.to_lowercase()));
    let sql = format!(
        "{SELECT} WHERE u.username_key LIKE $1 ESCAPE '\\' OR coalesce(u.email_key, '') LIKE $1 ESCAPE '\\' \
         OR lower(u.display_name) LIKE $1 ESCAPE '\\' \
         OR lower(coalesce(u.document::jsonb #>> '{{profile,firstName}}', '')) LIKE $1 ESCAPE '\\' \
         OR lower(coalesce(u.document::jsonb #>> '{{profile,lastName}}', '')) LIKE $1 ESCAPE '\\' \
         ORDER BY u.id"
    );
    sqlx::query(built(sql))
        .bind(pattern)
        .fetch_all(pool)
        .await
        .map_err(classify)?
        .iter()
        .map(decode)
        .collect()
}
