//! How a case-management system embeds the rules: an HTTP service (axum +
//! tokio) exposing every rule of the registry, with a partnership and a
//! calendar loaded from files at start.
//!
//! ```text
//! cargo run --example service -- [--partnership FILE] [--calendar FILE] [--addr 127.0.0.1:8080]
//!
//! GET  /rules                    every rule with its input keys
//! POST /rules/{id}               the decision, or 422 {code, field, message, public_message, details}
//! POST /rules/{id}/validate      every input error at once: {"valid": bool, "errors": [...]}
//! POST /rules/{id}/receipt       the decision as a receipt to store
//! POST /receipts/verify          whether a stored receipt still holds
//! ```
//!
//! `--partnership` takes a partnership definition (tests/vectors/FORMAT.md)
//! or a whole context (the shape of kcsp-core/data/kent.json); `--calendar`
//! takes GOV.UK's bank-holidays.json or a changes object. Without them the
//! service decides for Kent on the computed England and Wales calendar.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kcsp_core::{json, receipt, registry, Calendar, Context, Error, Partnership};
use serde_json::{json as j, Value};
use std::sync::Arc;

/// A coded error as the service answers it: 422 for an input the rule
/// refuses, 404 for a rule that does not exist.
fn refused(e: &Error) -> Response {
    let status = if e.field() == "rule" {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, Json(error_json(e))).into_response()
}

fn error_json(e: &Error) -> Value {
    j!({
        "code": e.code(),
        "field": e.field(),
        "message": e.message(),
        "public_message": e.public_message(),
        "details": e.details(),
    })
}

async fn list() -> Json<Value> {
    let rules: Vec<Value> = registry::RULES
        .iter()
        .map(|r| j!({"id": r.id, "keys": r.keys()}))
        .collect();
    Json(j!({ "rules": rules }))
}

async fn decide(State(ctx): State<Arc<Context>>, Path(id): Path<String>, Json(input): Json<Value>) -> Response {
    match json::evaluate_in(&ctx, &id, &input) {
        Ok(result) => Json(result).into_response(),
        Err(e) => refused(&e),
    }
}

async fn validate(State(ctx): State<Arc<Context>>, Path(id): Path<String>, Json(input): Json<Value>) -> Response {
    match registry::validate(&ctx, &id, &input) {
        Ok(errors) => {
            let list: Vec<Value> = errors.iter().map(error_json).collect();
            Json(j!({"valid": list.is_empty(), "errors": list})).into_response()
        }
        Err(e) => refused(&e),
    }
}

async fn issue(State(ctx): State<Arc<Context>>, Path(id): Path<String>, Json(input): Json<Value>) -> Response {
    match receipt::issue(&ctx, &id, &input) {
        Ok(r) => Json(r).into_response(),
        Err(e) => refused(&e),
    }
}

async fn verify(State(ctx): State<Arc<Context>>, Json(r): Json<receipt::Receipt>) -> Response {
    match receipt::verify(&ctx, &r) {
        Ok(v) => Json(v).into_response(),
        Err(e) => refused(&e),
    }
}

/// The service's routes over a context.
pub fn app(ctx: Context) -> Router {
    Router::new()
        .route("/rules", get(list))
        .route("/rules/{id}", post(decide))
        .route("/rules/{id}/validate", post(validate))
        .route("/rules/{id}/receipt", post(issue))
        .route("/receipts/verify", post(verify))
        .with_state(Arc::new(ctx))
}

/// The context from the files named on the command line.
pub fn context(partnership: Option<&str>, calendar: Option<&str>) -> Result<Context, String> {
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"));
    let mut ctx = Context::kent().clone();
    if let Some(path) = partnership {
        let text = read(path)?;
        let whole = serde_json::from_str::<Value>(&text).is_ok_and(|v| v.get("partnership").is_some());
        ctx = if whole {
            Context::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        } else {
            ctx.with_partnership(Partnership::from_json(&text).map_err(|e| format!("{path}: {e}"))?)
        };
    }
    if let Some(path) = calendar {
        ctx = ctx.with_calendar(Calendar::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?);
    }
    Ok(ctx)
}

#[allow(dead_code)]
#[tokio::main]
async fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut partnership, mut calendar, mut addr) = (None, None, "127.0.0.1:8080".to_string());
    while let Some(a) = args.next() {
        match a.as_str() {
            "--partnership" => partnership = args.next(),
            "--calendar" => calendar = args.next(),
            "--addr" => addr = args.next().ok_or("--addr needs host:port")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let ctx = context(partnership.as_deref(), calendar.as_deref())?;
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!("kcsp service for the {} on http://{addr}", ctx.partnership().name());
    axum::serve(listener, app(ctx)).await.map_err(|e| e.to_string())
}
