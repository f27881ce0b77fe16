//! The library's error type.

use crate::kinds::ErrorKind;
use std::path::PathBuf;

/// Everything that can go wrong in the library.
///
/// Errors about one document (a missing file, a broken PDF) are meant to be turned into a document
/// entry with `status: "error"` by batch callers; see [`crate::DocumentReport::failed`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is larger than the configured limit.
    #[error("{}", too_large(.path, *.size, *.limit))]
    TooLarge {
        /// The file concerned.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The content is not a format we read (binary data, an image, an archive we do not know).
    #[error("{path}: unsupported format ({detail})")]
    UnsupportedFormat {
        /// The file concerned.
        path: PathBuf,
        /// What was seen.
        detail: String,
    },
    /// The document could not be parsed (damaged PDF, corrupt DOCX, …).
    #[error("{path}: cannot read {format}: {message}")]
    Parse {
        /// The file concerned.
        path: PathBuf,
        /// The format that was being read ("pdf", "docx", …).
        format: &'static str,
        /// What the parser said.
        message: String,
    },
    /// The document is encrypted with a password we do not have.
    #[error("{path}: the document is encrypted with a password")]
    Encrypted {
        /// The file concerned.
        path: PathBuf,
    },
    /// The parser panicked; the panic was caught and the document skipped.
    #[error("{path}: the {format} parser crashed on this file (caught panic: {message})")]
    Panic {
        /// The file concerned.
        path: PathBuf,
        /// The parser that panicked.
        format: &'static str,
        /// The panic message.
        message: String,
    },
    /// Extraction in an isolated worker process failed: the worker crashed, ran out of time or
    /// memory, or reported an error of its own. The message names the file.
    #[error("{message}")]
    Worker {
        /// The file concerned.
        path: PathBuf,
        /// `crash`, `timeout`, `out_of_memory`, or the kind of error the worker reported.
        kind: ErrorKind,
        /// A description for people.
        message: String,
    },
    /// A dictionary or profile file is invalid.
    #[error("{}", format_dictionary_errors(.source_name, .problems))]
    Dictionary {
        /// Where the dictionary came from (a path, or `builtin:NAME`).
        source_name: String,
        /// Each problem found, with its line number when known.
        problems: Vec<DictionaryProblem>,
    },
    /// An unknown profile or skill name was asked for.
    #[error("{0}")]
    Config(String),
    /// Skill names stated for a job profile that no dictionary knows; each comes with the closest
    /// known skills.
    #[error("{}", format_unknown_skills(.0))]
    UnknownSkills(Vec<UnknownSkill>),
    /// A job posting names no skill the dictionaries know (it is empty, or not a technical
    /// posting), so there is nothing to match resumes against.
    #[error("the job posting names no skill resumescan knows ({words} words read), so there is nothing to match resumes against")]
    NoJobSkills {
        /// Words in the posting's text.
        words: usize,
    },
}

/// The message of [`Error::TooLarge`]: a stream (a device, a FIFO) is read one byte past the
/// limit and then stopped, so its size is not known.
fn too_large(path: &std::path::Path, size: u64, limit: u64) -> String {
    if size == limit.saturating_add(1) {
        format!(
            "{}: more than {limit} bytes, over the {limit}-byte limit",
            path.display()
        )
    } else {
        format!(
            "{}: file is {size} bytes, over the {limit}-byte limit",
            path.display()
        )
    }
}

/// A skill name that no dictionary knows, with the closest known skill ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSkill {
    /// The name as given.
    pub name: String,
    /// `required` or `optional`: the list it was given in.
    pub importance: &'static str,
    /// Ids of the known skills closest in spelling, best first.
    pub suggestions: Vec<String>,
}

/// One problem in a dictionary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryProblem {
    /// 1-based line number in the file, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// A short stable machine name for the error, used as `error.kind` in reports.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                ErrorKind::NotFound
            }
            Error::Io { .. } => ErrorKind::Io,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::UnsupportedFormat { .. } => ErrorKind::UnsupportedFormat,
            Error::Parse { .. } => ErrorKind::Parse,
            Error::Encrypted { .. } => ErrorKind::Encrypted,
            Error::Panic { .. } => ErrorKind::Panic,
            Error::Worker { kind, .. } => *kind,
            Error::Dictionary { .. } => ErrorKind::Dictionary,
            Error::Config(_) => ErrorKind::Config,
            Error::UnknownSkills(_) => ErrorKind::UnknownSkill,
            Error::NoJobSkills { .. } => ErrorKind::NoJobSkills,
        }
    }
}

fn format_dictionary_errors(source: &str, problems: &[DictionaryProblem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match p.line {
            Some(line) => out.push_str(&format!("{source}:{line}: {}", p.message)),
            None => out.push_str(&format!("{source}: {}", p.message)),
        }
    }
    out
}

fn format_unknown_skills(unknown: &[UnknownSkill]) -> String {
    let mut out = String::new();
    for (i, u) in unknown.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("unknown {} skill `{}`", u.importance, u.name));
        if !u.suggestions.is_empty() {
            out.push_str(&format!(
                "; closest known skills: {}",
                u.suggestions.join(", ")
            ));
        }
    }
    out
}
