//! The report: what resumescan says about each document, as serializable types.
//!
//! # Format
//!
//! A report is one JSON object: `schema_version`, `tool`, `profile`, `dictionaries`, `documents`
//! (one per input, in input order) and `summary`. `resumescan schema` prints its JSON Schema.
//!
//! Versioning: adding fields or new values of `status`, `error.kind` or `warnings[].kind` does not
//! change `schema_version`; consumers must ignore fields they do not know. Renaming or removing a
//! field, or changing what one means, increases it.
//!
//! Line numbers in evidence are 1-based and refer to the document's text after normalization
//! (ligatures folded, hyphenated line breaks joined, blank-line runs collapsed).

mod html;
pub mod render;

use crate::dictionary::{DictionaryInfo, SectionKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the report format; see the module docs for when it changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole run's report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Version of this format.
    pub schema_version: u32,
    /// The program that wrote the report.
    pub tool: ToolInfo,
    /// The role profile documents were scored against.
    pub profile: ProfileInfo,
    /// Every dictionary file used, so a score can be traced to its data.
    pub dictionaries: Vec<DictionaryInfo>,
    /// One entry per input, in input order.
    pub documents: Vec<DocumentReport>,
    /// Counts and statistics over `documents`.
    pub summary: Summary,
}

/// Name and version of the program.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ToolInfo {
    /// Always `resumescan`.
    pub name: String,
    /// The program's version.
    pub version: String,
}

/// The role profile a report scores against.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProfileInfo {
    /// Profile id, e.g. `backend`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Version of the profile data.
    pub version: String,
    /// Content hash of the profile data.
    pub fingerprint: String,
}

/// Outcome of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Text was read and analysed.
    Ok,
    /// The document has no readable text (an empty file, a scanned PDF without a text layer).
    Empty,
    /// The document could not be read; see `error`.
    Error,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// Stable machine name: `not_found`, `io`, `too_large`, `unsupported_format`, `parse`,
    /// `encrypted`, `panic`, `crash`, `timeout`, `out_of_memory`.
    pub kind: String,
    /// A one-line description for people.
    pub message: String,
}

/// Size of the text that was analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextStats {
    /// Characters after normalization.
    pub chars: usize,
    /// Words after normalization.
    pub words: usize,
    /// Lines after normalization.
    pub lines: usize,
}

/// One input's analysis.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DocumentReport {
    /// The path as given (relative paths stay relative), or `-` for standard input.
    pub path: String,
    /// `ok`, `empty` or `error`.
    pub status: Status,
    /// Present when `status` is `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// Present when `status` is `empty`: `no_text` (nothing but white space) or `no_text_layer`
    /// (a PDF whose pages carry no text, usually a scan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The format that was read: `pdf`, `text`, `docx`, … (absent when unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The text extraction engine that produced the text, for PDFs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<String>,
    /// Size of the analysed text.
    pub text: TextStats,
    /// Overall score, 0–100, one decimal.
    pub score: f64,
    /// Per-category coverage and contribution to `score`, in profile order.
    pub categories: Vec<CategoryReport>,
    /// Skills found, best evidenced first (then by id).
    pub skills: Vec<SkillReport>,
    /// Things a reader should know about this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A category's coverage in one document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CategoryReport {
    /// Category id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Coverage of the category, 0–100.
    pub score: f64,
    /// The category's share of the overall score, 0–1 (profile weight over the sum of weights).
    pub weight: f64,
    /// Points this category adds to the overall score (`score × weight`).
    pub points: f64,
    /// Ids of skills found in this category.
    pub matched: Vec<String>,
    /// Ids of the profile's key skills in this category that were not found (empty when the
    /// category is fully covered).
    pub missing: Vec<String>,
}

/// One skill found in a document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SkillReport {
    /// Skill id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Category id.
    pub category: String,
    /// Number of accepted mentions.
    pub mentions: usize,
    /// Sections the skill was mentioned in.
    pub sections: Vec<SectionKind>,
    /// True when the skill appears in work experience or projects, not only in a list.
    pub evidenced: bool,
    /// Years of experience with the skill, when the resume states it or its dated entries show it.
    pub years: Option<f64>,
    /// The last year the skill was used, when dated entries show it.
    pub last_used: Option<i32>,
    /// Skill points counted towards its category (dictionary weight × section factor).
    pub points: f64,
    /// A few mentions (not all), with where they are.
    pub evidence: Vec<Evidence>,
}

/// Where a skill was seen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// 1-based line in the normalized text.
    pub line: usize,
    /// The section that line belongs to.
    pub section: SectionKind,
    /// The text around the mention.
    pub snippet: String,
}

/// Something worth a reader's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable machine name, e.g. `keyword_stuffing`, `garbled_text`.
    pub kind: String,
    /// A one-line description for people.
    pub message: String,
}

/// Statistics over all documents of a report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Number of documents.
    pub documents: usize,
    /// Documents with status `ok`.
    pub ok: usize,
    /// Documents with status `empty`.
    pub empty: usize,
    /// Documents with status `error`.
    pub error: usize,
    /// Mean score of the `ok` documents (null when there are none).
    pub mean_score: Option<f64>,
}

impl Summary {
    /// Computes the summary of `documents`.
    pub fn of(documents: &[DocumentReport]) -> Summary {
        let mut s = Summary {
            documents: documents.len(),
            ..Summary::default()
        };
        let mut total = 0.0;
        for d in documents {
            match d.status {
                Status::Ok => {
                    s.ok += 1;
                    total += d.score;
                }
                Status::Empty => s.empty += 1,
                Status::Error => s.error += 1,
            }
        }
        if s.ok > 0 {
            s.mean_score = Some(round1(total / s.ok as f64));
        }
        s
    }
}

impl DocumentReport {
    /// The entry for an input that could not be read.
    pub fn failed(path: &str, error: &crate::Error) -> DocumentReport {
        DocumentReport {
            path: path.to_string(),
            status: Status::Error,
            error: Some(ErrorInfo {
                kind: error.kind().to_string(),
                message: error.to_string(),
            }),
            reason: None,
            format: None,
            extractor: None,
            text: TextStats::default(),
            score: 0.0,
            categories: Vec::new(),
            skills: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// The JSON Schema of [`Report`], as pretty-printed JSON.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Rounds to one decimal, the precision scores are reported with.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
