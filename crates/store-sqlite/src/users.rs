//! User and pod rows.

use sqlx::{Row, SqlitePool, sqlite::SqliteRow};
use sympod_model::user::User;
use sympod_model::{PodId, UserId};
use sympod_store::record::{UserRow, account_type_str, document_of, status_str, unique_key};
use sympod_store::{Mutation, Pod, StoreError, StoreResult, UserFilter};

use crate::{classify, corrupt};

const SELECT: &str = "SELECT u.id, u.pod_id, p.company, u.username, u.email, u.display_name, \
     u.account_type, u.status, u.document, u.version FROM users u JOIN pods p ON p.id = u.pod_id";

/// Marks a statement assembled here as safe: every dynamic statement in this file is built from
/// constant fragments and `?` placeholders only; values are always bound, never spliced in.
fn built(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}

fn decode(row: &SqliteRow) -> StoreResult<User> {
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

pub async fn ensure_pod(pool: &SqlitePool, company: &str, home_id: PodId) -> StoreResult<Pod> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let key = unique_key(company);
    let found: Option<(i64, String, bool)> =
        sqlx::query_as("SELECT id, company, home FROM pods WHERE company_key = ?1")
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await
            .map_err(classify)?;
    if let Some((id, company, home)) = found {
        return Ok(Pod { id: PodId(id), company, home });
    }
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM pods").fetch_one(&mut *tx).await.map_err(classify)?;
    let (id, home) = match max {
        None => (home_id.0, true),
        Some(max) => (max + 1, false),
    };
    sqlx::query("INSERT INTO pods (id, company, company_key, home) VALUES (?1, ?2, ?3, ?4)")
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

pub async fn insert(pool: &SqlitePool, user: &User) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO users (id, pod_id, username, username_key, email, email_key, display_name, \
         account_type, status, document, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
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

pub async fn modify(pool: &SqlitePool, id: UserId, change: Mutation<'_, User>) -> StoreResult<User> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let row = sqlx::query(built(format!("{SELECT} WHERE u.id = ?1")))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    let mut user = decode(&row)?;
    change(&mut user)?;
    user.version += 1;
    sqlx::query(
        "UPDATE users SET username = ?2, username_key = ?3, email = ?4, email_key = ?5, display_name = ?6, \
         account_type = ?7, status = ?8, document = ?9, version = ?10 WHERE id = ?1",
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

pub async fn one<T>(pool: &SqlitePool, condition: &'static str, value: T) -> StoreResult<Option<User>>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send,
{
    let row = sqlx::query(built(format!("{SELECT} WHERE {condition}")))
        .bind(value)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    row.as_ref().map(decode).transpose()
}

pub async fn by_ids(pool: &SqlitePool, ids: &[UserId]) -> StoreResult<Vec<User>> {
    // One query per chunk keeps the bound parameters far below SQLite's limit.
    let mut users = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!("{SELECT} WHERE u.id IN ({marks})");
        let mut query = sqlx::query(built(sql));
        for id in chunk {
            query = query.bind(id.0);
        }
        for row in query.fetch_all(pool).await.map_err(classify)? {
            users.push(decode(&row)?);
        }
    }
    users.sort_by_key(|u| u.id);
    users.dedup_by_key(|u| u.id);
    Ok(users)
}

pub async fn find(pool: &SqlitePool, filter: &UserFilter, skip: i64, limit: i64) -> StoreResult<Vec<User>> {
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(u.document, '$.roles') WHERE value = ?1)) \
         AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(u.document, '$.features') WHERE key = ?2 AND value = 1)) \
         AND (?3 IS NULL OR u.status = ?3) ORDER BY u.id LIMIT ?4 OFFSET ?5"
    );
    sqlx::query(built(sql))
        .bind(filter.role.as_deref())
        .bind(filter.feature.as_deref())
        .bind(filter.status.map(status_str))
        .bind(limit)
        .bind(skip)
        .fetch_all(pool)
        .await
        .map_err(classify)?
        .iter()
        .map(decode)
        .collect()
}

pub async fn search(pool: &SqlitePool, text: &str) -> StoreResult<Vec<User>> {
    let pattern = format!("%{}%", crate::like_escape(&text.to_lowercase()));
    let sql = format!(
        "{SELECT} WHERE u.username_key LIKE ?1 ESCAPE '\\' OR coalesce(u.email_key, '') LIKE ?1 ESCAPE '\\' \
         OR lower(u.display_name) LIKE ?1 ESCAPE '\\' \
         OR lower(coalesce(json_extract(u.document, '$.profile.firstName'), '')) LIKE ?1 ESCAPE '\\' \
         OR lower(coalesce(json_extract(u.document, '$.profile.lastName'), '')) LIKE ?1 ESCAPE '\\' \
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
