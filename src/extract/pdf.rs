//! PDF text extraction with pdf-extract, guarded against its panics.

use crate::error::Error;
use std::path::Path;

/// Name of the engine, as reported in `extractor`.
pub(super) const ENGINE: &str = "pdf-extract";

/// Stack for the extraction thread: deeply nested PDFs recurse deeply.
const STACK_SIZE: usize = 64 * 1024 * 1024;

pub(super) fn extract(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let owned = bytes.to_vec();
    let worker = std::thread::Builder::new()
        .name("pdf-extract".into())
        .stack_size(STACK_SIZE)
        .spawn(move || std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&owned)))
        .map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
    let outcome = worker
        .join()
        .map_err(|payload| panic_error(path, &payload))?;
    match outcome {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(classify(path, &e)),
        Err(payload) => Err(panic_error(path, &payload)),
    }
}

fn classify(path: &Path, e: &pdf_extract::OutputError) -> Error {
    let message = e.to_string();
    let lower = message.to_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        Error::Encrypted {
            path: path.to_path_buf(),
        }
    } else {
        Error::Parse {
            path: path.to_path_buf(),
            format: "pdf",
            message,
        }
    }
}

fn panic_error(path: &Path, payload: &Box<dyn std::any::Any + Send>) -> Error {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    Error::Panic {
        path: path.to_path_buf(),
        format: "pdf",
        message: message.lines().next().unwrap_or("").to_string(),
    }
}
