//! `--input ndjson`: documents as JSON records on standard input, one per line.
//!
//! A record is `{"id": …, "text": "…"}`, `{"id": …, "path": "…"}` or
//! `{"id": …, "content_base64": "…", "filename": "x.pdf"}`; `id` may be a string or a number and
//! is echoed in the result. A line that is not such a record gives an error result
//! (`error.kind = "bad_input"`) carrying its id when one can be read, else its line number —
//! never a stop.

use base64::Engine;
use resumescan::batch::Input;
use resumescan::ErrorKind;
use serde::Deserialize;
use std::io::{BufRead, Read};

/// Longest record line read: a base64 document at `--max-file-size` (4/3 of it) and 1 MiB for
/// the rest of the record. Longer lines are reported as `too_large` without being held in memory.
pub fn max_record_len(max_file_size: u64) -> u64 {
    max_file_size.saturating_mul(4) / 3 + 1024 * 1024
}

/// The records of a stream, one per non-blank line, each read through a bounded reader.
pub struct Records<R> {
    reader: R,
    limit: u64,
    number: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R, limit: u64) -> Records<R> {
        Records {
            reader,
            limit,
            number: 0,
            buf: Vec::new(),
        }
    }

    /// Throws away the rest of an over-long line.
    fn skip_line(&mut self) -> std::io::Result<()> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            match memchr::memchr(b'\n', chunk) {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let n = chunk.len();
                    self.reader.consume(n);
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Line;

    /// The next record; `None` at the end of the stream (or when it cannot be read any more).
    fn next(&mut self) -> Option<Line> {
        loop {
            self.buf.clear();
            let n = (&mut self.reader)
                .take(self.limit + 1)
                .read_until(b'\n', &mut self.buf)
                .ok()?;
            if n == 0 {
                return None;
            }
            self.number += 1;
            if self.buf.last() != Some(&b'\n') && n as u64 > self.limit {
                self.skip_line().ok()?;
                return Some(Line::failed(
                    self.number,
                    ErrorKind::TooLarge,
                    format!(
                        "line {}: a record over the {}-byte limit (see --max-file-size)",
                        self.number, self.limit
                    ),
                ));
            }
            let mut line = &self.buf[..];
            if self.number == 1 {
                // A byte-order mark before the first record is an editor's habit, not data.
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match std::str::from_utf8(line) {
                Ok(text) => Line::parse(self.number, text),
                Err(_) => Line::failed(
                    self.number,
                    ErrorKind::BadInput,
                    format!("line {}: not UTF-8 text", self.number),
                ),
            });
        }
    }
}

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
    record: Result<Record, (ErrorKind, String)>,
}

impl Line {
    pub fn parse(number: usize, text: &str) -> Line {
        Line {
            number,
            record: serde_json::from_str(text).map_err(|e| {
                (
                    ErrorKind::BadInput,
                    format!("line {number}: not a JSON record: {e}"),
                )
            }),
        }
    }

    /// A line that is no record, with the error kind and message to report.
    fn failed(number: usize, kind: ErrorKind, message: String) -> Line {
        Line {
            number,
            record: Err((kind, message)),
        }
    }

    /// The id as echoed: a string or number as given; another JSON value as its JSON text.
    pub fn id(&self) -> Option<serde_json::Value> {
        let id = self.record.as_ref().ok()?.id.as_ref()?;
        Some(match id {
            serde_json::Value::String(_) | serde_json::Value::Number(_) => id.clone(),
            serde_json::Value::Null => return None,
            other => serde_json::Value::String(other.to_string()),
        })
    }

    /// What `--shard` hashes: the id, else the path, else the line number.
    pub fn shard_key(&self) -> String {
        self.id()
            .map(|id| match id {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
            .or_else(|| self.record.as_ref().ok().and_then(|r| r.path.clone()))
            .unwrap_or_else(|| format!("line {}", self.number))
    }

    /// The record as a batch input; whatever is wrong with it, it still gives a report entry.
    pub fn into_input(self) -> Input {
        let id = self.id();
        let shard_key = self.shard_key();
        let fallback_name = format!("line {}", self.number);
        let input = match self.record {
            Err((kind, message)) => Input::failed(fallback_name, kind, message),
            Ok(r) => {
                let name = r
                    .filename
                    .clone()
                    .or(r.path.clone())
                    .unwrap_or(fallback_name);
                match (r.text, r.path, r.content_base64) {
                    (Some(text), None, None) => {
                        Input::text(r.filename.unwrap_or_else(|| "-".into()), text)
                    }
                    (None, Some(path), None) => Input::path(path),
                    (None, None, Some(b64)) => {
                        match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
                            Ok(bytes) => Input::bytes(name, bytes),
                            Err(e) => Input::failed(
                                name,
                                ErrorKind::BadInput,
                                format!("line {}: content_base64 is not base64: {e}", self.number),
                            ),
                        }
                    }
                    _ => Input::failed(
                        name,
                        ErrorKind::BadInput,
                        format!(
                            "line {}: a record needs exactly one of text, path or content_base64",
                            self.number
                        ),
                    ),
                }
            }
        };
        let input = input.with_shard_key(shard_key);
        match id {
            Some(id) => input.with_id(id),
            None => input,
        }
    }
}
