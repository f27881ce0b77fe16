//! `--input ndjson`: documents as JSON records on standard input, one per line.
//!
//! A record is `{"id": …, "text": "…"}`, `{"id": …, "path": "…"}` or
//! `{"id": …, "content_base64": "…", "filename": "x.pdf"}`; `id` may be a string or a number and
//! is echoed in the result. A line that is not such a record gives an error result
//! (`error.kind = "bad_input"`) carrying its id when one can be read, else its line number —
//! never a stop.

use super::scan::{analyze_bytes_isolated, Readers};
use base64::Engine;
use resumescan::{Analyzer, DocumentReport};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    content_base64: Option<String>,
    #[serde(default)]
    filename: Option<String>,
}

/// A line read from the stream, parsed as far as it goes.
pub struct Line {
    /// 1-based line number.
    pub number: usize,
    record: Result<Record, String>,
}

impl Line {
    pub fn parse(number: usize, text: &str) -> Line {
        Line {
            number,
            record: serde_json::from_str(text).map_err(|e| e.to_string()),
        }
    }

    /// The id as echoed: the record's id as a string, if it has one.
    pub fn id(&self) -> Option<String> {
        let id = self.record.as_ref().ok()?.id.as_ref()?;
        Some(match id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    /// What `--shard` hashes: the id, else the path, else the line number.
    pub fn shard_key(&self) -> String {
        self.id()
            .or_else(|| self.record.as_ref().ok().and_then(|r| r.path.clone()))
            .unwrap_or_else(|| format!("line {}", self.number))
    }

    /// Analyses the record; whatever is wrong with it, the result is a report entry.
    pub fn analyze(self, analyzer: &Analyzer, readers: &Readers) -> DocumentReport {
        let id = self.id();
        let fallback_name = format!("line {}", self.number);
        let mut doc = match self.record {
            Err(e) => DocumentReport::with_error(
                &fallback_name,
                "bad_input",
                &format!("line {}: not a JSON record: {e}", self.number),
            ),
            Ok(r) => {
                let name = r
                    .filename
                    .clone()
                    .or(r.path.clone())
                    .unwrap_or(fallback_name);
                match (r.text, r.path, r.content_base64) {
                    (Some(text), None, None) => {
                        let mut doc = analyzer.analyze_text(&text);
                        doc.path = r.filename.unwrap_or_else(|| "-".into());
                        doc
                    }
                    (None, Some(path), None) => {
                        match resumescan::extract::read_file(
                            path.as_ref(),
                            analyzer.max_file_size(),
                        ) {
                            Ok(bytes) => analyze_bytes_isolated(analyzer, readers, &path, &bytes),
                            Err(e) => DocumentReport::failed(&path, &e),
                        }
                    }
                    (None, None, Some(b64)) => {
                        match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
                            Ok(bytes) if bytes.len() as u64 > analyzer.max_file_size() => {
                                DocumentReport::failed(
                                    &name,
                                    &resumescan::Error::TooLarge {
                                        path: name.clone().into(),
                                        size: bytes.len() as u64,
                                        limit: analyzer.max_file_size(),
                                    },
                                )
                            }
                            Ok(bytes) => analyze_bytes_isolated(analyzer, readers, &name, &bytes),
                            Err(e) => DocumentReport::with_error(
                                &name,
                                "bad_input",
                                &format!("line {}: content_base64 is not base64: {e}", self.number),
                            ),
                        }
                    }
                    _ => DocumentReport::with_error(
                        &name,
                        "bad_input",
                        &format!(
                            "line {}: a record needs exactly one of text, path or content_base64",
                            self.number
                        ),
                    ),
                }
            }
        };
        doc.id = id;
        doc
    }
}
