//! The report: what resumescan says about each document, as serializable types.
//!
//! # Format
//!
//! A report is one JSON object: `schema_version`, `tool`, `profile`, `dictionaries`, `documents`
//! (one per input, in input order) and `summary`. `resumescan schema` prints its JSON Schema.
//! When documents are matched against a job, the report also has `job` (the skills the job asks
//! for) and each document `job_match` (see [`crate::job`]).
//!
//! Versioning: adding fields or new values of `status`, `error.kind` or `warnings[].kind` does not
//! change `schema_version`; consumers must ignore fields they do not know. Renaming or removing a
//! field, or changing what one means, increases it.
//!
//! Line numbers in evidence are 1-based and refer to the document's text after normalization
//! (ligatures folded, hyphenated line breaks joined, blank-line runs collapsed).

mod csv;
mod html;
mod name;
pub mod render;
mod table;

pub use name::Name;

use crate::dictionary::{DictionaryInfo, SectionKind};
use crate::job::{JobMatch, JobProfile};
use crate::kinds::{ErrorKind, StatusReason, Warning};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the report format; see the module docs for when it changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole run's report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Report {
    /// Version of this format.
    pub schema_version: u32,
    /// The program that wrote the report.
    pub tool: ToolInfo,
    /// The role profile documents were scored against.
    pub profile: ProfileInfo,
    /// Every dictionary file used, so a score can be traced to its data.
    pub dictionaries: Vec<DictionaryInfo>,
    /// The job documents were matched against (`--job`, `--require`, `--prefer`), when there was
    /// one: the skills it asks for and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<JobProfile>,
    /// One entry per input, in input order (unless the run asked for another order).
    pub documents: Vec<DocumentReport>,
    /// Counts and statistics over `documents`.
    pub summary: Summary,
}

/// Name and version of the program.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ToolInfo {
    /// Always `resumescan`.
    pub name: String,
    /// The program's version.
    pub version: String,
}

/// The role profile a report scores against.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Status {
    /// Text was read and analysed.
    Ok,
    /// The document has no readable text (an empty file, a scanned PDF without a text layer).
    Empty,
    /// The document could not be read; see `error`.
    Error,
    /// The same bytes as an earlier input, named in `duplicate_of`; analysed once, there.
    Duplicate,
    /// Found in a folder but deliberately not read, with `reason`: `symlink` (symbolic links are
    /// not followed while walking a folder unless `--follow` is given) or `not_a_file` (a FIFO,
    /// socket or device).
    Skipped,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// Stable machine name: `not_found`, `io`, `too_large`, `unsupported_format`, `parse`,
    /// `encrypted`, `panic`, `crash`, `timeout`, `out_of_memory`, ….
    pub kind: ErrorKind,
    /// A one-line description for people.
    pub message: String,
}

/// Size of the text that was analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct DocumentReport {
    /// The caller's id for this document, echoed from `--input ndjson` records as given: a
    /// string or a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// The path as given (relative paths stay relative), or `-` for standard input.
    pub path: String,
    /// `ok`, `empty` or `error`.
    pub status: Status,
    /// Present when `status` is `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// Present when `status` is `duplicate`: the path of the first input with the same content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Present when the document may be the same candidate as an earlier input with other bytes:
    /// that input, and why (near-identical text, the same e-mail address or phone number). The
    /// document is still analysed and scored as usual: reported, never merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible_duplicate_of: Option<crate::duplicates::PossibleDuplicate>,
    /// Present when `status` is `empty`: `no_text` (nothing but white space) or `no_text_layer`
    /// (a PDF whose pages carry no text, usually a scan); when it is `skipped`: `symlink` or
    /// `not_a_file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<StatusReason>,
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
    /// Skills the found ones imply but the document does not name (Django implies Python), most
    /// points first (then by id). They carry no evidence of their own and count at a partial
    /// credit; see `dictionaries/relations.toml`. Absent when nothing is implied or implication
    /// is off (`--no-implied`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implied: Vec<ImpliedSkill>,
    /// The ecosystem (`dictionaries/stacks.toml`) the document shows most, and why; absent when
    /// none is shown enough (see `PrimaryStack`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_stack: Option<PrimaryStack>,
    /// Work experience from the dated entries (absent for a document that was not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<crate::Experience>,
    /// How senior the resume reads, and why (absent for a document that was not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<crate::Seniority>,
    /// The highest degree completed and every degree named (absent for a document that was not
    /// read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<crate::Education>,
    /// Things a reader should know about this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// Wall-clock milliseconds spent on this document (only with `--timings`, as timings make
    /// output differ from run to run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<f64>,
    /// How well the document meets the report's `job`, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_match: Option<JobMatch>,
    /// The personal facts found in the text, for [`Self::blind`]; never serialized.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) personal: Option<Box<crate::blind::Personal>>,
    /// The path before [`Self::blind`] replaced it with a pseudonym; never serialized.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) blinded_from: Option<String>,
    /// What possible duplicates are found by; never written (it holds hashes of contacts).
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) fingerprint: Option<crate::duplicates::Fingerprint>,
}

/// A category's coverage in one document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CategoryReport {
    /// Category id.
    pub id: Name,
    /// Display name.
    pub name: Name,
    /// Coverage of the category, 0–100.
    pub score: f64,
    /// The category's share of the overall score, 0–1 (profile weight over the sum of weights).
    pub weight: f64,
    /// Points this category adds to the overall score (`score × weight`).
    pub points: f64,
    /// Ids of skills found in this category.
    pub matched: Vec<Name>,
    /// Ids of the profile's key skills in this category that were neither found nor implied
    /// (empty when the category is fully covered).
    pub missing: Vec<Name>,
    /// Ids of implied skills counted in this category (absent when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implied: Vec<Name>,
}

/// One skill found in a document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SkillReport {
    /// Skill id.
    pub id: Name,
    /// Display name.
    pub name: Name,
    /// Category id.
    pub category: Name,
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
    /// The skill's concept in ESCO, the European skills classification
    /// (`http://data.europa.eu/esco/skill/…`), when it has an exact one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esco: Option<Name>,
}

/// A skill a document does not name but that a found skill implies (Spring Boot → Spring → Java).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ImpliedSkill {
    /// Skill id.
    pub id: Name,
    /// Display name.
    pub name: Name,
    /// Category id.
    pub category: Name,
    /// The found skills that imply it, directly or along a chain: the one with the best credit
    /// first (then by id). Their entries in `skills` hold the evidence.
    pub implied_by: Vec<Name>,
    /// Share of the skill's worth the implication gives, 0–1 (a chain is worth its weakest
    /// link); it is also the credit the skill earns when a job asks for it.
    pub credit: f64,
    /// Skill points counted towards its category: dictionary weight × `credit` × the section
    /// factor of the implying skill.
    pub points: f64,
    /// The skill's concept in ESCO, when it has an exact one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esco: Option<Name>,
}

/// The ecosystem a document shows most.
///
/// Each stack's *strength* is the sum, over its skills the document names, of the skill's points
/// times its mentions (at most 5 mentions count): a language used throughout work experience
/// weighs more than one listed once. A stack counts only when one of its core skills (its
/// language or runtime) is found or implied. The primary stack is the strongest, when its
/// strength is at least 6 (about two skills used in work experience, each mentioned three times);
/// ties go to the stack listed first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PrimaryStack {
    /// Stack id, e.g. `go`.
    pub id: Name,
    /// Display name, e.g. `Go`.
    pub name: Name,
    /// The stack's strength (see above), one decimal.
    pub strength: f64,
    /// Ids of the stack's skills the document names, strongest first.
    pub skills: Vec<Name>,
    /// For people: "Go evidenced in work experience (14 mentions), with Gin (3); next: Python (2.3)".
    pub reason: String,
}

/// Where a skill was seen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Evidence {
    /// 1-based line in the normalized text.
    pub line: usize,
    /// The section that line belongs to.
    pub section: SectionKind,
    /// The text around the mention.
    pub snippet: String,
}

/// Statistics over all documents of a report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Summary {
    /// Number of documents.
    pub documents: usize,
    /// Documents with status `ok`.
    pub ok: usize,
    /// Documents with status `empty`.
    pub empty: usize,
    /// Documents with status `error`.
    pub error: usize,
    /// Documents with status `duplicate`.
    #[serde(default)]
    pub duplicate: usize,
    /// Inputs with status `skipped` (absent when there are none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skipped: usize,
    /// Documents with a `possible_duplicate_of` (absent when there are none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub possible_duplicates: usize,
    /// Mean score of the `ok` documents (null when there are none).
    pub mean_score: Option<f64>,
    /// Score distribution of the `ok` documents: minimum, first quartile, median, third
    /// quartile, maximum (null when there are none).
    #[serde(default)]
    pub score_quartiles: Option<[f64; 5]>,
    /// The skills found in the most documents, most common first (at most 15).
    #[serde(default)]
    pub top_skills: Vec<SkillCount>,
    /// The slowest documents, slowest first (only with `--timings`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slowest: Vec<Timing>,
}

/// How many documents mention a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SkillCount {
    /// Skill id.
    pub id: Name,
    /// Display name.
    pub name: Name,
    /// Number of `ok` documents with the skill.
    pub documents: usize,
}

/// Time spent on one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Timing {
    /// The document's path.
    pub path: String,
    /// Wall-clock milliseconds.
    pub ms: f64,
}

/// Builds a [`Summary`] one document at a time, keeping only aggregates (a score per document and
/// a count per skill), so memory stays flat however many documents stream through.
#[derive(Debug, Clone, Default)]
pub struct SummaryBuilder {
    summary: Summary,
    scores: Vec<f64>,
    skills: std::collections::BTreeMap<Name, (Name, usize)>,
    timings: Vec<Timing>,
}

impl SummaryBuilder {
    /// Counts one document.
    pub fn add(&mut self, doc: &DocumentReport) {
        let s = &mut self.summary;
        s.documents += 1;
        match doc.status {
            Status::Ok => {
                s.ok += 1;
                self.scores.push(doc.score);
                for skill in &doc.skills {
                    self.skills
                        .entry(skill.id.clone())
                        .or_insert_with(|| (skill.name.clone(), 0))
                        .1 += 1;
                }
            }
            Status::Empty => s.empty += 1,
            Status::Error => s.error += 1,
            Status::Duplicate => s.duplicate += 1,
            Status::Skipped => s.skipped += 1,
        }
        if doc.possible_duplicate_of.is_some() {
            s.possible_duplicates += 1;
        }
        if let Some(ms) = doc.elapsed_ms {
            self.timings.push(Timing {
                path: doc.path.clone(),
                ms,
            });
            self.timings
                .sort_by(|a, b| b.ms.total_cmp(&a.ms).then(a.path.cmp(&b.path)));
            self.timings.truncate(5);
        }
    }

    /// The summary of every document added.
    pub fn finish(mut self) -> Summary {
        let mut s = self.summary;
        if !self.scores.is_empty() {
            let n = self.scores.len();
            s.mean_score = Some(round1(self.scores.iter().sum::<f64>() / n as f64));
            self.scores.sort_by(f64::total_cmp);
            let q = |p: f64| {
                // Linear interpolation between closest ranks.
                let pos = p * (n - 1) as f64;
                let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
                round1(self.scores[lo] + (self.scores[hi] - self.scores[lo]) * (pos - lo as f64))
            };
            s.score_quartiles = Some([q(0.0), q(0.25), q(0.5), q(0.75), q(1.0)]);
        }
        let mut top: Vec<SkillCount> = self
            .skills
            .into_iter()
            .map(|(id, (name, documents))| SkillCount {
                id,
                name,
                documents,
            })
            .collect();
        top.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.id.cmp(&b.id)));
        top.truncate(15);
        s.top_skills = top;
        s.slowest = self.timings;
        s
    }
}

impl Summary {
    /// Computes the summary of `documents`.
    pub fn of(documents: &[DocumentReport]) -> Summary {
        let mut b = SummaryBuilder::default();
        for d in documents {
            b.add(d);
        }
        b.finish()
    }
}

impl From<crate::score::CategoryScore> for CategoryReport {
    /// The category as the report shows it: coverage and points as percentages with one
    /// decimal, the share to three.
    fn from(c: crate::score::CategoryScore) -> CategoryReport {
        CategoryReport {
            score: round1(c.coverage * 100.0),
            weight: (c.share * 1000.0).round() / 1000.0,
            points: round1(c.coverage * c.share * 100.0),
            id: c.id,
            name: c.name,
            matched: c.matched,
            missing: c.missing,
            implied: c.implied,
        }
    }
}

/// Longest error message in a report, in characters.
#[doc(hidden)]
pub const MAX_ERROR_MESSAGE: usize = 300;

/// `text` on one line (control characters as spaces), cut at `max` characters with "…".
fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

impl DocumentReport {
    /// The entry for an input that could not be read.
    pub fn failed(path: &str, error: &crate::Error) -> DocumentReport {
        DocumentReport::with_error(path, error.kind(), &error.to_string())
    }

    /// The entry for an input that yields no document, with an error `kind` and `message` of the
    /// caller's (e.g. `no_supported_files`, `bad_input`).
    ///
    /// The message is kept to one readable line: control characters become spaces and it is cut
    /// at [`MAX_ERROR_MESSAGE`] characters, so a parser that quotes the bytes it choked on cannot
    /// copy a document into the report.
    pub fn with_error(path: &str, kind: ErrorKind, message: &str) -> DocumentReport {
        DocumentReport {
            id: None,
            path: path.to_string(),
            status: Status::Error,
            error: Some(ErrorInfo {
                kind,
                message: one_line(message, MAX_ERROR_MESSAGE),
            }),
            duplicate_of: None,
            possible_duplicate_of: None,
            reason: None,
            format: None,
            extractor: None,
            text: TextStats::default(),
            score: 0.0,
            categories: Vec::new(),
            skills: Vec::new(),
            implied: Vec::new(),
            primary_stack: None,
            experience: None,
            seniority: None,
            education: None,
            warnings: Vec::new(),
            elapsed_ms: None,
            job_match: None,
            personal: None,
            blinded_from: None,
            fingerprint: None,
        }
    }

    /// Blind screening: on top of [`Self::redact`], masks in everything this entry reports from
    /// the document the candidate's name (each part, wherever it is used), date of birth and
    /// age, gender and marital words, nationality, street address and the location of the
    /// contact line, photo captions, and the years on education lines (graduation years; the
    /// education's `year` is dropped); and replaces the path with `pseudonym`. The entry forgets
    /// the personal facts it held; [`Self::blinded_from`] keeps the old path for a pseudonym
    /// map the caller may write. A `duplicate_of` path is the caller's to replace.
    pub fn blind(&mut self, pseudonym: &str) {
        let personal = self.personal.take();
        let masker = crate::blind::Masker::new(personal.as_deref());
        let original = std::mem::replace(&mut self.path, pseudonym.to_string());
        let mask = |s: &mut String, education: bool| {
            if !original.is_empty() && s.contains(original.as_str()) {
                *s = s.replace(original.as_str(), pseudonym);
            }
            *s = masker.mask(s, education);
        };
        if let Some(e) = &mut self.error {
            mask(&mut e.message, false);
        }
        for w in &mut self.warnings {
            mask(&mut w.message, false);
        }
        let evidence = |list: &mut Vec<Evidence>| {
            for e in list {
                mask(&mut e.snippet, e.section == SectionKind::Education);
            }
        };
        for skill in &mut self.skills {
            evidence(&mut skill.evidence);
        }
        if let Some(m) = &mut self.job_match {
            for skill in m.required.matched.iter_mut().chain(&mut m.optional.matched) {
                evidence(&mut skill.evidence);
            }
        }
        if let Some(x) = &mut self.experience {
            for entry in x.entries.iter_mut().chain(&mut x.excluded) {
                if let Some(t) = &mut entry.title {
                    mask(t, false);
                }
            }
        }
        if let Some(s) = &mut self.seniority {
            mask(&mut s.reason, false);
        }
        if let Some(e) = &mut self.education {
            e.year = None;
            if let Some(f) = &mut e.field {
                mask(f, true);
            }
            for d in &mut e.degrees {
                d.year = None;
                if let Some(f) = &mut d.field {
                    mask(f, true);
                }
                mask(&mut d.evidence, true);
            }
        }
        self.blinded_from = Some(original);
    }

    /// The path this entry had before [`Self::blind`] gave it a pseudonym.
    pub fn blinded_from(&self) -> Option<&str> {
        self.blinded_from.as_deref()
    }

    /// Masks e-mail addresses, phone numbers and personal links in everything this entry reports
    /// from the document or its name: path, duplicate paths, error message and evidence snippets.
    pub fn redact(&mut self) {
        let mask = |s: &mut String| {
            if let std::borrow::Cow::Owned(m) = crate::redact::redact(s) {
                *s = m;
            }
        };
        mask(&mut self.path);
        if let Some(d) = &mut self.duplicate_of {
            mask(d);
        }
        if let Some(p) = &mut self.possible_duplicate_of {
            mask(&mut p.path);
        }
        if let Some(e) = &mut self.error {
            mask(&mut e.message);
        }
        for skill in &mut self.skills {
            for e in &mut skill.evidence {
                mask(&mut e.snippet);
            }
        }
        for w in &mut self.warnings {
            mask(&mut w.message);
        }
    }

    /// The entry for an input found in a folder and deliberately not read; `reason` says why
    /// (`symlink`, `not_a_file`).
    pub fn skipped(path: &str, reason: StatusReason) -> DocumentReport {
        let mut doc = DocumentReport::with_error(path, ErrorKind::Io, "");
        doc.status = Status::Skipped;
        doc.error = None;
        doc.reason = Some(reason);
        doc
    }

    /// The entry for an input whose bytes equal those of an earlier input, `original`.
    pub fn duplicate(path: &str, original: &str) -> DocumentReport {
        let mut doc = DocumentReport::with_error(path, ErrorKind::Io, "");
        doc.status = Status::Duplicate;
        doc.error = None;
        doc.duplicate_of = Some(original.to_string());
        doc
    }
}

impl Report {
    /// A report from its parts (what a buffering writer has at the end).
    pub fn assemble(header: Header, documents: Vec<DocumentReport>, summary: Summary) -> Report {
        Report {
            schema_version: header.schema_version,
            tool: header.tool,
            profile: header.profile,
            dictionaries: header.dictionaries,
            job: header.job,
            documents,
            summary,
        }
    }

    /// The report without its documents and summary: what a streaming writer emits first.
    pub fn header(&self) -> Header {
        Header {
            schema_version: self.schema_version,
            tool: self.tool.clone(),
            profile: self.profile.clone(),
            dictionaries: self.dictionaries.clone(),
            job: self.job.clone(),
        }
    }
}

/// The part of a report that is known before any document is analysed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Header {
    /// Version of this format.
    pub schema_version: u32,
    /// The program that wrote the report.
    pub tool: ToolInfo,
    /// The role profile documents are scored against.
    pub profile: ProfileInfo,
    /// Every dictionary file used.
    pub dictionaries: Vec<DictionaryInfo>,
    /// The job posting or stated skills documents are matched against, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<crate::job::JobProfile>,
}

/// An order for a report's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// As given (the default).
    Input,
    /// Best score first; documents that could not be analysed last.
    Score,
    /// Documents that meet every must-have first, then those the resume leaves unknown (years
    /// it does not date), then those that miss one; within each, best job match rate first
    /// (then best score); documents without a match last.
    Match,
}

/// Sorts documents by `key`. The sort is stable: ties keep input order.
pub fn sort_documents(documents: &mut [DocumentReport], key: SortKey) {
    documents.sort_by(|a, b| compare(key, a, b));
}

/// The order of [`sort_documents`].
pub(crate) fn compare(key: SortKey, a: &DocumentReport, b: &DocumentReport) -> std::cmp::Ordering {
    let ok = |d: &DocumentReport| d.status == Status::Ok;
    let rate = |d: &DocumentReport| d.job_match.as_ref().map(|m| m.match_rate);
    let by_score = || ok(b).cmp(&ok(a)).then(b.score.total_cmp(&a.score));
    match key {
        SortKey::Input => std::cmp::Ordering::Equal,
        SortKey::Score => by_score(),
        SortKey::Match => {
            let (ra, rb) = (rate(a), rate(b));
            let status = |d: &DocumentReport| d.job_match.as_ref().map(|m| m.status);
            rb.is_some()
                .cmp(&ra.is_some())
                .then(status(a).cmp(&status(b)))
                .then(rb.unwrap_or(0.0).total_cmp(&ra.unwrap_or(0.0)))
                .then_with(by_score)
        }
    }
}

/// The JSON Schema of [`Report`], as pretty-printed JSON.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Rounds to one decimal, the precision scores are reported with.
#[doc(hidden)] // shared rounding of the report's figures
pub fn round1(x: f64) -> f64 {
    // `+ 0.0` turns -0.0 (what summing an empty list gives) into 0.0.
    (x * 10.0).round() / 10.0 + 0.0
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `text` safe to print on a terminal: control characters (escape sequences that could retitle
/// the window or clear the screen, line breaks inside a file name) are written as escapes such as
/// `\u{1b}`.
#[doc(hidden)] // the command line's
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A path as reports show it: as it is when it is valid UTF-8; otherwise each byte that is not
/// UTF-8 is written `\xHH` and each backslash `\\`, so that two different file names never show
/// the same (`cv\xff.txt`, `cv\xfe.txt` and `cv�.txt` stay three names).
#[doc(hidden)] // the command line's
pub fn display_path(path: &std::path::Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

#[cfg(test)]
mod path_tests {
    use super::display_path;
    use std::path::Path;

    #[test]
    fn terminal_text_has_no_control_characters() {
        let shown = super::for_terminal("cv\u{1b}]0;owned\u{7}\u{1b}[2J\n\u{9b}.txt");
        assert!(!shown.chars().any(char::is_control), "{shown}");
        assert_eq!(shown, "cv\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\n\\u{9b}.txt");
        assert!(matches!(
            super::for_terminal("plain é"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn paths_stay_distinguishable() {
        assert_eq!(display_path(Path::new("dir/cv é.txt")), "dir/cv é.txt");
        #[cfg(unix)]
        {
            use std::ffi::OsStr;
            use std::os::unix::ffi::OsStrExt;
            let shown: Vec<String> = [&b"cv\xff.txt"[..], b"cv\xfe.txt", b"cv\xef\xbf\xbd.txt"]
                .iter()
                .map(|b| display_path(Path::new(OsStr::from_bytes(b))))
                .collect();
            assert_eq!(shown, ["cv\\xff.txt", "cv\\xfe.txt", "cv\u{fffd}.txt"]);
            assert_eq!(
                display_path(Path::new(OsStr::from_bytes(b"a\\b\xff"))),
                "a\\\\b\\xff"
            );
        }
    }
}
