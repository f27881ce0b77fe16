//! What a batch analyses: one [`Input`] per report entry.

use crate::kinds::{ErrorKind, StatusReason};
use crate::report::display_path;
use std::io::Read;
use std::path::PathBuf;

/// One document for a [`Batch`](super::Batch): where its bytes come from, the name it is
/// reported under, and optionally the caller's id.
///
/// ```
/// use resumescan::batch::Input;
///
/// let from_disk = Input::path("samples/resumes/go-backend.txt");
/// let uploaded = Input::bytes("cv.pdf", vec![]).with_id(42);
/// let pasted = Input::text("pasted", "Go, Kafka and PostgreSQL").with_id("row-7");
/// assert_eq!(from_disk.name(), "samples/resumes/go-backend.txt");
/// assert_eq!(uploaded.name(), "cv.pdf");
/// # let _ = pasted;
/// ```
pub struct Input {
    pub(super) name: String,
    pub(super) id: Option<serde_json::Value>,
    pub(super) shard_key: Option<String>,
    pub(super) source: Source,
}

/// Where an input's content comes from.
pub(super) enum Source {
    /// A file, read when its turn comes (at most the analyzer's size limit).
    Path(PathBuf),
    /// Bytes already in memory, in any supported format.
    Bytes(Vec<u8>),
    /// A stream (standard input), read when its turn comes.
    Reader(Box<dyn Read + Send>),
    /// Text: no format detection, no extraction.
    Text(String),
    /// An input that yields no document, reported as an error entry.
    Failed { kind: ErrorKind, message: String },
    /// An input deliberately not read, reported as a `skipped` entry.
    Skipped { reason: StatusReason },
    /// The same bytes as the earlier input named here (set by duplicate detection).
    Duplicate { original: String },
}

impl Input {
    /// A file; it is reported under its path as given (non-UTF-8 bytes as `\xHH`).
    pub fn path(path: impl Into<PathBuf>) -> Input {
        let path = path.into();
        Input::new(display_path(&path), Source::Path(path))
    }

    /// A document's bytes (PDF, DOCX, ODT, HTML, text…); `name` is reported as its path and, by
    /// its extension, helps tell the format.
    pub fn bytes(name: impl Into<String>, bytes: Vec<u8>) -> Input {
        Input::new(name.into(), Source::Bytes(bytes))
    }

    /// A document read from a stream when its turn comes (for example standard input, as `-`).
    pub fn reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Input {
        Input::new(name.into(), Source::Reader(Box::new(reader)))
    }

    /// Text that needs no extraction.
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input::new(name.into(), Source::Text(text.into()))
    }

    /// An input that yields no document: it is reported as `status: "error"` with this error
    /// `kind` and `message` (a path that does not exist, a record that cannot be parsed).
    pub fn failed(name: impl Into<String>, kind: ErrorKind, message: impl Into<String>) -> Input {
        Input::new(
            name.into(),
            Source::Failed {
                kind,
                message: message.into(),
            },
        )
    }

    /// An input deliberately not read: it is reported as `status: "skipped"` with `reason`
    /// (`symlink`, `not_a_file`).
    pub fn skipped(name: impl Into<String>, reason: StatusReason) -> Input {
        Input::new(name.into(), Source::Skipped { reason })
    }

    /// The caller's id, echoed in the entry's `id` (a string or a number).
    pub fn with_id(mut self, id: impl Into<serde_json::Value>) -> Input {
        let id = id.into();
        self.id = (!id.is_null()).then_some(id);
        self
    }

    /// What `shard` hashes for this input; by default the id (when there is one), else the name.
    pub fn with_shard_key(mut self, key: impl Into<String>) -> Input {
        self.shard_key = Some(key.into());
        self
    }

    /// The name the input is reported under.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn new(name: String, source: Source) -> Input {
        Input {
            name,
            id: None,
            shard_key: None,
            source,
        }
    }

    /// The key `shard` hashes.
    pub(super) fn shard_key(&self) -> String {
        if let Some(key) = &self.shard_key {
            return key.clone();
        }
        match &self.id {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => self.name.clone(),
        }
    }
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = match &self.source {
            Source::Path(p) => format!("path {}", p.display()),
            Source::Bytes(b) => format!("{} bytes", b.len()),
            Source::Reader(_) => "a stream".into(),
            Source::Text(t) => format!("{} bytes of text", t.len()),
            Source::Failed { kind, .. } => format!("failed ({kind})"),
            Source::Skipped { reason } => format!("skipped ({reason})"),
            Source::Duplicate { original } => format!("duplicate of {original}"),
        };
        f.debug_struct("Input")
            .field("name", &self.name)
            .field("id", &self.id)
            .field("source", &source)
            .finish()
    }
}
