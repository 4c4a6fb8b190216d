//! App rows.

use sqlx::PgPool;
use sympod_model::app::App;
use sympod_store::record::{app_document_of, app_from_row};
use sympod_store::{Mutation, StoreError, StoreResult};

use crate::{classify, corrupt};

pub async fn insert(pool: &PgPool, app: &App) -> StoreResult<()> {
    sqlx::query("INSERT INTO apps (app_id, document) VALUES ($1, $2)")
        .bind(&app.app_id)
        .bind(app_document_of(app))
        .execute(pool)
        .await
        .map_err(classify)?;
    Ok(())
}

pub async fn modify(pool: &PgPool, app_id: &str, change: Mutation<'_, App>) -> StoreResult<App> {
    let mut tx = pool.begin().await.map_err(classify)?;
    let doc: String = sqlx::query_scalar("SELECT document FROM apps WHERE app_id = $1 FOR UPDATE")
        .bind(app_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    let mut app = app_from_row(app_id.to_owned(), &doc).map_err(corrupt)?;
    change(&mut app)?;
    sqlx::query("UPDATE apps SET document = $2 WHERE app_id = $1")
        .bind(app_id)
        .bind(app_document_of(&app))
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(app)
}

pub async fn delete(pool: &PgPool, app_id: &str) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM apps WHERE app_id = $1")
        .bind(app_id)
        .execute(pool)
        .await
        .map_err(classify)?;
    if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

pub async fn one(pool: &PgPool, app_id: &str) -> StoreResult<Option<App>> {
    let doc: Option<String> = sqlx::query_scalar("SELECT document FROM apps WHERE app_id = $1")
        .bind(app_id)
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    doc.map(|d| app_from_row(app_id.to_owned(), &d).map_err(corrupt)).transpose()
}
