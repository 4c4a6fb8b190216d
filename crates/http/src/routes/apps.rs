//! App administration: `/pod/v1/admin/app/*`.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Json, Path, Session};
use crate::views::SuccessResponse;
use crate::views::apps::ApplicationDetail;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pod/v1/admin/app/create", post(create))
        .route("/pod/v1/admin/app/{id}/update", post(update))
        .route("/pod/v1/admin/app/{id}/delete", post(delete))
        .route("/pod/v1/admin/app/{id}/get", get(detail))
}

/// `POST /pod/v1/admin/app/create`: registers an app with its RSA key
/// (`authenticationKeys.current.key`) and permissions. Administrators only.
async fn create(
    State(state): State<AppState>,
    Session(caller): Session,
    Json(body): Json<ApplicationDetail>,
) -> ApiResult<JsonOut<ApplicationDetail>> {
    let app = state.core.create_app(&caller, body.into_input()?).await?;
    Ok(JsonOut(ApplicationDetail::of(&app)))
}

/// `POST /pod/v1/admin/app/{id}/update`: changes what the body carries; keys rotate as users' do.
async fn update(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
    Json(body): Json<ApplicationDetail>,
) -> ApiResult<JsonOut<ApplicationDetail>> {
    let app = state.core.update_app(&caller, &id, body.into_input()?).await?;
    Ok(JsonOut(ApplicationDetail::of(&app)))
}

/// `POST /pod/v1/admin/app/{id}/delete`: the app and every session through it stop working.
async fn delete(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<SuccessResponse>> {
    state.core.delete_app(&caller, &id).await?;
    Ok(JsonOut(SuccessResponse::text("OK")))
}

/// `GET /pod/v1/admin/app/{id}/get`.
async fn detail(
    State(state): State<AppState>,
    Session(caller): Session,
    Path(id): Path<String>,
) -> ApiResult<JsonOut<ApplicationDetail>> {
    Ok(JsonOut(ApplicationDetail::of(&state.core.app(&caller, &id).await?)))
}
