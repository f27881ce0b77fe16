//! The routes: the page, `/v1` (documented in `openapi.json`), and the health checks.

use super::problem::Problem;
use super::request::{self, Posting, Submission};
use super::runs::{self, Format};
use super::State;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State as Shared};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use resumescan::{Analyzer, JobProfile};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The OpenAPI document of `/v1`, checked in beside this file.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every route of the server.
pub fn router(state: Arc<State>) -> Router {
    let v1 = Router::new()
        .route("/v1/scan", axum::routing::post(scan))
        .route("/v1/batches", get(list_batches).post(create_batch))
        .route("/v1/batches/{id}", get(batch_status).delete(delete_batch))
        .route("/v1/batches/{id}/results", get(batch_results))
        .route("/v1/batches/{id}/report", get(batch_report))
        .route("/v1/job", axum::routing::post(job))
        .route("/v1/profiles", get(profiles))
        .route("/v1/skills", get(skills))
        .route_layer(middleware::from_fn_with_state(state.clone(), authorize));
    let limit = state.limits.max_body;
    Router::new()
        .route("/", get(super::page::index))
        .route("/app.js", get(super::page::script))
        .route("/app.css", get(super::page::style))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/v1/openapi.json", get(openapi))
        .merge(v1)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// With a token, every `/v1` call but the OpenAPI document needs it.
async fn authorize(Shared(state): Shared<Arc<State>>, req: Request, next: Next) -> Response {
    if let Some(token) = &state.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
            return Problem::unauthorized().into_response();
        }
    }
    next.run(req).await
}

/// Nothing is cached, nothing is framed, and types are as sent.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(Shared(state): Shared<Arc<State>>) -> Response {
    if state.stopping.load(std::sync::atomic::Ordering::Acquire) {
        return Problem::unavailable("the server is shutting down").into_response();
    }
    "ready\n".into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn not_found() -> Problem {
    Problem::not_found("no such path; see /v1/openapi.json")
}

async fn method_not_allowed() -> Problem {
    Problem::method_not_allowed()
}

#[derive(Deserialize)]
struct FormatQuery {
    #[serde(default)]
    format: Option<String>,
}

impl FormatQuery {
    fn format(&self) -> Result<Format, Problem> {
        match self.format.as_deref() {
            None => Ok(Format::Json),
            Some(f) => Format::parse(f).ok_or_else(|| {
                Problem::bad_request(format!("unknown format `{f}`: json, ndjson, csv or html"))
            }),
        }
    }
}

/// `POST /v1/scan`: a few documents, answered with the whole report.
async fn scan(
    Shared(state): Shared<Arc<State>>,
    Query(query): Query<FormatQuery>,
    req: Request,
) -> Result<Response, Problem> {
    let format = query.format()?;
    let submission = request::read(req, state.request_limits()).await?;
    if submission.documents.is_empty() {
        return Err(Problem::bad_request(
            "no documents: send `file` parts or a JSON `documents` list",
        ));
    }
    if submission.documents.len() > state.limits.max_scan_files {
        return Err(Problem::too_large(format!(
            "{} documents; /v1/scan answers at most {} at once (serve --max-scan-files): use /v1/batches",
            submission.documents.len(),
            state.limits.max_scan_files
        )));
    }
    let count = submission.documents.len();
    let _in_flight = state.admit_scan(count)?;
    let (analyzer, job, inputs) = prepare(&state, submission).await?;
    // Wait for a turn: requests queue here (within --max-queued) instead of being refused.
    let _turn = state
        .scan_turns
        .acquire()
        .await
        .map_err(|_| Problem::unavailable("the server is shutting down"))?;
    let settings = state.settings.clone();
    let generated = today();
    let body = tokio::task::spawn_blocking(move || {
        let (header, docs) = runs::run_now(&settings, &analyzer, job, inputs)?;
        runs::render(format, &header, docs.iter(), &analyzer, &generated)
            .map_err(anyhow::Error::from)
    })
    .await
    .map_err(|e| Problem::internal(e.to_string()))?
    .map_err(|e| Problem::internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, format.content_type())], body).into_response())
}

#[derive(Serialize)]
struct Created {
    id: String,
    status: String,
    results: String,
    report: String,
}

/// `POST /v1/batches`: starts a screening, answers `202` with where to follow it.
async fn create_batch(
    Shared(state): Shared<Arc<State>>,
    req: Request,
) -> Result<Response, Problem> {
    let submission = request::read(req, state.request_limits()).await?;
    if submission.documents.is_empty() {
        return Err(Problem::bad_request(
            "no documents: send `file` parts (files, a folder's files or a zip) or a JSON `documents` list",
        ));
    }
    state.admit(submission.documents.len())?;
    let (analyzer, job, inputs) = prepare(&state, submission).await?;
    let run = runs::start(&state.settings, analyzer, job, inputs, state.new_id());
    state.insert(run.clone());
    let base = format!("/v1/batches/{}", run.id);
    let created = Created {
        id: run.id.clone(),
        status: base.clone(),
        results: format!("{base}/results"),
        report: format!("{base}/report"),
    };
    let mut response = (StatusCode::ACCEPTED, Json(created)).into_response();
    if let Ok(v) = HeaderValue::from_str(&base) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// `GET /v1/batches`: every screening kept, newest first.
async fn list_batches(Shared(state): Shared<Arc<State>>) -> Response {
    let mut all: Vec<runs::RunStatus> = state
        .runs
        .lock()
        .map(|r| r.values().map(|r| r.status(state.keep)).collect())
        .unwrap_or_default();
    all.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    Json(all).into_response()
}

/// `GET /v1/batches/{id}`.
async fn batch_status(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let run = state.run(&id).ok_or_else(|| unknown_batch(&id))?;
    Ok(Json(run.status(state.keep)).into_response())
}

/// `DELETE /v1/batches/{id}`: cancels it if it runs, and forgets it.
async fn delete_batch(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let run = state.remove(&id).ok_or_else(|| unknown_batch(&id))?;
    drop(run);
    super::give_back_memory();
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /v1/batches/{id}/report?format=`: the whole report of a finished screening.
async fn batch_report(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
    Query(query): Query<FormatQuery>,
) -> Result<Response, Problem> {
    let format = query.format()?;
    let run = state.run(&id).ok_or_else(|| unknown_batch(&id))?;
    if !run.is_done() {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "still_running",
            "the screening is still running; follow /results, or ask again when it is finished",
        ));
    }
    let generated = today();
    let body = tokio::task::spawn_blocking(move || run.render(format, &generated))
        .await
        .map_err(|e| Problem::internal(e.to_string()))?
        .map_err(|e| Problem::internal(e.to_string()))?;
    let disposition = format!(
        "attachment; filename=\"resumescan-{id}.{}\"",
        format.extension()
    );
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok((headers, body).into_response())
}

/// `GET /v1/batches/{id}/results`: NDJSON, one line per document as it finishes, then a summary
/// line — what `scan --format ndjson` writes.
async fn batch_results(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let run = state.run(&id).ok_or_else(|| unknown_batch(&id))?;
    let stream = futures_util::stream::unfold(
        (run.clone(), run.subscribe(), 0usize, false),
        |(run, mut rx, sent, over)| async move {
            if over {
                return None;
            }
            loop {
                let fresh = run.entries_from(sent);
                if !fresh.is_empty() {
                    let mut chunk = Vec::new();
                    for doc in &fresh {
                        if resumescan::report::render::ndjson_document(doc, &mut chunk).is_err() {
                            return None;
                        }
                    }
                    let sent = sent + fresh.len();
                    return Some((Ok::<_, std::io::Error>(chunk), (run, rx, sent, false)));
                }
                if run.is_done() {
                    return Some((run.summary_line(), (run.clone(), rx, sent, true)));
                }
                if rx.changed().await.is_err() && !run.is_done() {
                    return None;
                }
            }
        },
    );
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// `POST /v1/job`: the skills and rules a posting asks for.
async fn job(Shared(state): Shared<Arc<State>>, req: Request) -> Result<Response, Problem> {
    let submission = request::read(req, state.request_limits()).await?;
    let analyzer = state.analyzer(submission.profile.as_deref())?;
    let job = job_of(
        &state,
        &analyzer,
        submission.posting,
        &submission.require,
        &submission.prefer,
    )
    .await?
    .ok_or_else(|| {
        Problem::bad_request("no job: send `job` (text), `job_file`, `require` or `prefer`")
    })?;
    Ok(Json(job).into_response())
}

#[derive(Serialize)]
struct ProfileEntry {
    id: String,
    name: String,
    version: String,
    categories: Vec<CategoryEntry>,
    default: bool,
}

#[derive(Serialize)]
struct CategoryEntry {
    id: String,
    name: String,
}

/// `GET /v1/profiles`: the built-in profiles a screening can pick.
async fn profiles(Shared(state): Shared<Arc<State>>) -> Result<Response, Problem> {
    let analyzer = state.analyzer(None)?;
    let default_id = analyzer.profile().id.clone();
    let category_name = |id: &str| {
        analyzer
            .dictionary()
            .category(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let mut out = Vec::new();
    for id in resumescan::dictionary::builtin_profile_names() {
        let p = resumescan::Profile::builtin(id).map_err(|e| Problem::internal(e.to_string()))?;
        out.push(ProfileEntry {
            default: p.id == default_id,
            id: p.id.clone(),
            name: p.name.clone(),
            version: p.info.version.clone(),
            categories: p
                .categories
                .iter()
                .map(|c| CategoryEntry {
                    id: c.id.clone(),
                    name: category_name(&c.id),
                })
                .collect(),
        });
    }
    Ok(Json(out).into_response())
}

#[derive(Serialize)]
struct SkillEntry<'a> {
    id: &'a str,
    name: &'a str,
    category: &'a str,
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    esco: Option<&'a str>,
}

/// `GET /v1/skills`: every skill the server knows.
async fn skills(Shared(state): Shared<Arc<State>>) -> Result<Response, Problem> {
    let analyzer = state.analyzer(None)?;
    let list: Vec<SkillEntry<'_>> = analyzer
        .dictionary()
        .skills()
        .iter()
        .map(|s| SkillEntry {
            id: &s.id,
            name: &s.name,
            category: &s.category,
            aliases: s.aliases.iter().map(|a| a.text.as_str()).collect(),
            esco: s.esco.as_deref(),
        })
        .collect();
    Ok(Json(list).into_response())
}

/// The analyzer, the job and the inputs of a submission.
async fn prepare(
    state: &Arc<State>,
    submission: Submission,
) -> Result<
    (
        Arc<Analyzer>,
        Option<JobProfile>,
        Vec<resumescan::batch::Input>,
    ),
    Problem,
> {
    let analyzer = state.analyzer(submission.profile.as_deref())?;
    let job = job_of(
        state,
        &analyzer,
        submission.posting,
        &submission.require,
        &submission.prefer,
    )
    .await?;
    Ok((analyzer, job, submission.documents))
}

/// The job of a request: a posting (text or a file, read as `scan --job` reads one) with the
/// stated skills on top; `None` when it names none.
async fn job_of(
    state: &Arc<State>,
    analyzer: &Arc<Analyzer>,
    posting: Option<Posting>,
    require: &[String],
    prefer: &[String],
) -> Result<Option<JobProfile>, Problem> {
    let mut source = None;
    let text = match posting {
        None => None,
        Some(Posting::Text(text)) => Some(text),
        Some(Posting::File { name, bytes }) => {
            source = Some(name.clone());
            let state = state.clone();
            let analyzer = analyzer.clone();
            let extracted = tokio::task::spawn_blocking(move || {
                let batch = state
                    .settings
                    .batch(&analyzer)
                    .and_then(|b| b.jobs(1).build().map_err(anyhow::Error::from))
                    .map_err(|e| e.to_string())?;
                batch
                    .extract_bytes(&name, &bytes)
                    .map_err(|e| format!("the posting {name}: {e}"))
            })
            .await
            .map_err(|e| Problem::internal(e.to_string()))?
            .map_err(Problem::unprocessable)?;
            Some(extracted.text)
        }
    };
    let profile = match text {
        Some(text) => {
            let mut derived = JobProfile::from_text(analyzer, &text)
                .map_err(|e| Problem::unprocessable(format!("the posting: {e}")))?;
            // As `scan --job FILE` names it.
            derived.source = source;
            Some(derived)
        }
        None => None,
    };
    let stated = if require.iter().chain(prefer).any(|s| !s.trim().is_empty()) {
        Some(
            JobProfile::from_lists(analyzer.dictionary(), require, prefer)
                .map_err(|e| Problem::unprocessable(e.to_string()))?,
        )
    } else {
        None
    };
    Ok(JobProfile::combined(analyzer, profile, stated))
}

fn unknown_batch(id: &str) -> Problem {
    Problem::not_found(format!(
        "no screening `{id}`: it never existed, was deleted, or expired (serve --keep-minutes)"
    ))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The date the HTML report carries, as `scan` writes it.
fn today() -> String {
    let (year, month, day) = resumescan::date::civil_date(super::super::clock());
    format!("{year:04}-{month:02}-{day:02}")
}

impl State {
    fn request_limits(&self) -> request::Limits {
        request::Limits {
            max_files: self.limits.max_files,
            max_file_size: self.limits.max_file_size,
        }
    }
}
