//! # resumescan
//!
//! Reads resumes (PDF, Word, OpenDocument, HTML, plain text, Markdown) and reports, as scored JSON,
//! how well each one covers the skills of a back-end engineering role — and why: every skill comes
//! with the lines that show it.
//!
//! The flow is: extract text → normalize → one multi-pattern scan against all dictionaries →
//! disambiguate → score against a role profile → report.
//!
//! * [`Analyzer`] — built once from dictionaries and a profile, then applied to texts or files.
//! * [`Dictionary`] / [`Profile`] — the data: skills with aliases and matching rules, sections,
//!   and what a role asks for. Built-in copies are compiled in; users can add their own.
//! * [`Report`] / [`DocumentReport`] — what comes out, serializable with serde.
//! * [`JobProfile`] / [`JobMatch`] — the skills a job posting asks for, and how well a resume
//!   meets them.
//! * [`duplicates::Detector`] — marks a document that is probably the same candidate as an
//!   earlier one (near-identical text, same e-mail address or phone number); the batch engine
//!   applies it when asked.
//!
//! One text:
//!
//! ```
//! use resumescan::Analyzer;
//!
//! let analyzer = Analyzer::new()?;
//! let doc = analyzer.analyze_text(
//!     "EXPERIENCE\nBackend engineer, 2019 - 2024\n• Built payment APIs in Go 1.22 on PostgreSQL and Kafka\n\
//!      • Led our go-to-market launch",
//! );
//! let ids: Vec<&str> = doc.skills.iter().map(|s| s.id.as_str()).collect();
//! assert_eq!(ids, ["go", "kafka", "postgresql"]);
//! let report = analyzer.report(vec![doc]);
//! let json = serde_json::to_string(&report).unwrap();
//! assert!(json.contains("\"schema_version\":1"));
//! # Ok::<(), resumescan::Error>(())
//! ```
//!
//! One file (PDF, DOCX, ODT, HTML or text; errors are typed, never a panic):
//!
//! ```
//! # let analyzer = resumescan::Analyzer::new()?;
//! let doc = analyzer.analyze_path("samples/resumes/pdf/go-backend.pdf".as_ref())?;
//! assert_eq!(doc.format.as_deref(), Some("pdf"));
//! assert!(doc.skills.iter().any(|s| s.id == "go" && s.evidenced));
//! # Ok::<(), resumescan::Error>(())
//! ```
//!
//! A folder, through the [batch engine](batch) (parallel, every file an entry, in order), with a
//! progress callback:
//!
//! ```
//! use resumescan::batch::{Batch, Input, Progress};
//! use resumescan::{DocumentReport, Status};
//!
//! struct Count(usize);
//! impl Progress for Count {
//!     fn finished(&mut self, _doc: &DocumentReport) { self.0 += 1 }
//! }
//!
//! # let analyzer = resumescan::Analyzer::new()?;
//! let batch = Batch::builder(&analyzer).jobs(2).duplicates(true).build()?;
//! let files: Vec<Input> = std::fs::read_dir("samples/resumes")?.flatten().map(|e| Input::path(e.path())).collect();
//! let mut progress = Count(0);
//! let report = batch.report(files, &mut progress);
//! assert_eq!(progress.0, report.documents.len());
//! assert!(report.documents.iter().filter(|d| d.path.ends_with(".txt")).all(|d| d.status == Status::Ok));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Matching a job posting:
//!
//! ```
//! use resumescan::JobProfile;
//!
//! # let analyzer = resumescan::Analyzer::new()?;
//! let job = JobProfile::from_text(&analyzer, "Senior Go engineer\nMust have: Go, Kafka\nNice to have: gRPC")?;
//! let doc = analyzer.analyze_text("SKILLS\nGo, Kafka, PostgreSQL");
//! let m = job.match_document(analyzer.dictionary(), &doc);
//! assert!(m.match_rate > 50.0);
//! assert!(m.required.missing.is_empty());
//! # Ok::<(), resumescan::Error>(())
//! ```
//!
//! The library never prints and never panics on input; errors are returned as [`Error`].

#![warn(missing_docs)]

mod analyzer;
pub mod batch;
pub mod blind;
#[doc(hidden)] // the command line's clock and calendar
pub mod date;
pub mod dictionary;
pub mod duplicates;
mod education;
mod error;
mod experience;
#[doc(hidden)] // reading one format; `Analyzer` and `batch` read documents
pub mod extract;
pub mod job;
mod kept;
mod kinds;
mod matcher;
mod mojibake;
mod normalize;
pub mod redact;
mod reject;
pub mod report;
mod scanner;
#[doc(hidden)] // a stage of `Analyzer`, public for the benchmarks
pub mod score;
mod sections;
mod seniority;
#[cfg(test)]
mod test_texts;
mod years;

pub use analyzer::{Analyzer, AnalyzerBuilder, MIN_STACK_STRENGTH};
pub use dictionary::{Dictionary, Profile};
pub use education::{Degree, DegreeLevel, Education};
pub use error::{DictionaryProblem, Error, UnknownSkill};
pub use experience::{DatedEntry, EntryKind, Experience};
pub use extract::{DEFAULT_MAX_FILE_SIZE, PARSER_THREAD_NAME, SUPPORTED_EXTENSIONS};
pub use job::{JobMatch, JobProfile};
pub use kinds::{ErrorKind, StatusReason, Warning, WarningKind};
pub use normalize::normalize;
#[doc(hidden)] // the fuzz targets' way in
pub use normalize::normalize_with;
pub use report::{DocumentReport, Report, Status};
pub use seniority::{Seniority, SeniorityBand};
