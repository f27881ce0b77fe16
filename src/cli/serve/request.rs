//! Reading a screening request: documents (files, a folder's files, zips, or JSON with base64
//! content or text), the job (a posting's text or file, stated skills) and the profile.

use super::problem::Problem;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use base64::Engine as _;
use resumescan::batch::Input;
use resumescan::ErrorKind;
use serde::Deserialize;
use std::io::Read;

/// What a request asks for.
#[derive(Default)]
pub struct Submission {
    /// The documents, in the order given (a zip's files in archive order).
    pub documents: Vec<Input>,
    /// A posting: its text, or a file to read.
    pub posting: Option<Posting>,
    /// Stated requirements (`go:5`, `java|kotlin`, `experience:7`).
    pub require: Vec<String>,
    /// Stated nice-to-haves.
    pub prefer: Vec<String>,
    /// A built-in profile id.
    pub profile: Option<String>,
}

/// A job posting as sent.
pub enum Posting {
    Text(String),
    File { name: String, bytes: Vec<u8> },
}

/// Limits a request is read within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most documents.
    pub max_files: usize,
    /// Largest document; a larger one becomes an entry with `too_large`.
    pub max_file_size: u64,
}

/// The extensions read inside a zip; anything else in it is left out.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "docx", "odt", "txt", "md", "markdown", "html", "htm", "text",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonSubmission {
    #[serde(default)]
    documents: Vec<JsonDocument>,
    #[serde(default)]
    job: Option<String>,
    #[serde(default)]
    require: Vec<String>,
    #[serde(default)]
    prefer: Vec<String>,
    #[serde(default)]
    profile: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDocument {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    content_base64: Option<String>,
}

/// Reads a request's body as `multipart/form-data` or `application/json`.
pub async fn read(req: Request, limits: Limits) -> Result<Submission, Problem> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let submission = if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(req, &())
            .await
            .map_err(|e| Problem::bad_request(format!("not a multipart body: {e}")))?;
        read_multipart(multipart, limits).await?
    } else if content_type.starts_with("application/json") {
        let body = Bytes::from_request(req, &()).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Problem::too_large(format!("the request body is too large: {e}"))
            } else {
                Problem::bad_request(format!("cannot read the body: {e}"))
            }
        })?;
        read_json(&body, limits)?
    } else {
        return Err(Problem::unsupported_media_type(format!(
            "send multipart/form-data (files) or application/json, not `{content_type}`"
        )));
    };
    if submission.documents.len() > limits.max_files {
        return Err(Problem::too_large(format!(
            "{} documents in one request; at most {} (serve --max-files)",
            submission.documents.len(),
            limits.max_files
        )));
    }
    Ok(submission)
}

async fn read_multipart(mut multipart: Multipart, limits: Limits) -> Result<Submission, Problem> {
    let mut s = Submission::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(multipart_problem(&e)),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| multipart_problem(&e))?;
        match (name.as_str(), file_name) {
            ("file" | "files" | "file[]" | "files[]" | "zip", Some(file_name)) => {
                add_file(&mut s.documents, file_name, bytes.to_vec(), limits)?;
            }
            ("job_file", Some(file_name)) => {
                s.posting = Some(Posting::File {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
            ("job", _) => {
                let text = text_of(&name, &bytes)?;
                if !text.trim().is_empty() {
                    s.posting = Some(Posting::Text(text));
                }
            }
            ("require", _) => s.require.extend(list(&text_of(&name, &bytes)?)),
            ("prefer", _) => s.prefer.extend(list(&text_of(&name, &bytes)?)),
            ("profile", _) => {
                let p = text_of(&name, &bytes)?.trim().to_string();
                if !p.is_empty() {
                    s.profile = Some(p);
                }
            }
            (other, None) if matches!(other, "file" | "files" | "zip") => {
                return Err(Problem::bad_request(format!(
                    "the `{other}` part has no file name"
                )));
            }
            (other, _) => {
                return Err(Problem::bad_request(format!(
                    "unknown form field `{other}`: send file, job, job_file, require, prefer or profile"
                )));
            }
        }
        if s.documents.len() > limits.max_files {
            return Err(Problem::too_large(format!(
                "more than {} documents in one request (serve --max-files)",
                limits.max_files
            )));
        }
    }
    Ok(s)
}

fn read_json(body: &[u8], limits: Limits) -> Result<Submission, Problem> {
    let parsed: JsonSubmission = serde_json::from_slice(body)
        .map_err(|e| Problem::bad_request(format!("not the expected JSON: {e}")))?;
    if parsed.documents.len() > limits.max_files {
        return Err(Problem::too_large(format!(
            "{} documents in one request; at most {} (serve --max-files)",
            parsed.documents.len(),
            limits.max_files
        )));
    }
    let mut s = Submission {
        documents: Vec::with_capacity(parsed.documents.len()),
        posting: parsed
            .job
            .filter(|j| !j.trim().is_empty())
            .map(Posting::Text),
        require: parsed.require,
        prefer: parsed.prefer,
        profile: parsed.profile,
    };
    for (n, doc) in parsed.documents.into_iter().enumerate() {
        let name = doc
            .name
            .clone()
            .or_else(|| doc.id.as_ref().map(id_text))
            .unwrap_or_else(|| format!("document-{}", n + 1));
        let input = match (doc.text, doc.content_base64) {
            (Some(text), None) => Input::text(name, text),
            (None, Some(b64)) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map_err(|e| {
                        Problem::bad_request(format!("documents[{n}].content_base64: {e}"))
                    })?;
                if is_zip(&name) {
                    add_file(&mut s.documents, name, bytes, limits)?;
                    continue;
                }
                sized(name, bytes, limits)
            }
            _ => {
                return Err(Problem::bad_request(format!(
                    "documents[{n}] needs exactly one of `text` and `content_base64`"
                )))
            }
        };
        s.documents.push(match doc.id {
            Some(id) => input.with_id(id),
            None => input,
        });
    }
    Ok(s)
}

/// A file part: a document, or a zip whose documents are added in archive order.
fn add_file(
    out: &mut Vec<Input>,
    name: String,
    bytes: Vec<u8>,
    limits: Limits,
) -> Result<(), Problem> {
    if !is_zip(&name) {
        out.push(sized(name, bytes, limits));
        return Ok(());
    }
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            out.push(Input::failed(
                name.clone(),
                ErrorKind::Parse,
                format!("{name}: not a readable zip archive: {e}"),
            ));
            return Ok(());
        }
    };
    for i in 0..archive.len() {
        if out.len() > limits.max_files {
            return Err(Problem::too_large(format!(
                "{name} holds more than {} documents (serve --max-files)",
                limits.max_files
            )));
        }
        let Ok(mut entry) = archive.by_index(i) else {
            continue;
        };
        let inner = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let base = inner.rsplit('/').next().unwrap_or("");
        if entry.is_dir()
            || base.starts_with('.')
            || inner.starts_with("__MACOSX/")
            || !has_document_extension(base)
        {
            continue;
        }
        let entry_name = format!("{name}/{inner}");
        // Read at most one byte past the limit: a zip bomb stops there.
        let mut bytes = Vec::new();
        let read = (&mut entry)
            .take(limits.max_file_size + 1)
            .read_to_end(&mut bytes);
        match read {
            Ok(_) => out.push(sized(entry_name, bytes, limits)),
            Err(e) => out.push(Input::failed(
                entry_name.clone(),
                ErrorKind::Parse,
                format!("{entry_name}: cannot be unpacked: {e}"),
            )),
        }
    }
    Ok(())
}

/// A document's input, or its `too_large` entry.
fn sized(name: String, bytes: Vec<u8>, limits: Limits) -> Input {
    if bytes.len() as u64 > limits.max_file_size {
        let message = format!(
            "{name}: larger than {} bytes (serve --max-file-size)",
            limits.max_file_size
        );
        return Input::failed(name, ErrorKind::TooLarge, message);
    }
    Input::bytes(name, bytes)
}

fn is_zip(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

fn has_document_extension(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| DOCUMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

fn text_of(field: &str, bytes: &[u8]) -> Result<String, Problem> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| Problem::bad_request(format!("the `{field}` field is not UTF-8 text")))
}

/// "go:5, java|kotlin" → ["go:5", "java|kotlin"].
fn list(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn id_text(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn multipart_problem(e: &axum::extract::multipart::MultipartError) -> Problem {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Problem::too_large(format!("the request body is too large: {e}"))
    } else {
        Problem::bad_request(format!("cannot read the multipart body: {e}"))
    }
}
