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
//! The library never prints and never panics on input; errors are returned as [`Error`].

#![warn(missing_docs)]

mod analyzer;
pub mod batch;
pub mod date;
pub mod dictionary;
mod error;
pub mod extract;
pub mod job;
mod kinds;
mod matcher;
mod mojibake;
mod normalize;
pub mod redact;
mod reject;
pub mod report;
mod scanner;
pub mod score;
mod sections;
mod years;

pub use analyzer::{Analyzer, AnalyzerBuilder, MIN_STACK_STRENGTH};
pub use dictionary::{Dictionary, Profile};
pub use error::{DictionaryProblem, Error, UnknownSkill};
pub use job::{JobMatch, JobProfile};
pub use kinds::{ErrorKind, StatusReason, Warning, WarningKind};
pub use matcher::{Hit, Matcher};
pub use normalize::{normalize, normalize_with};
pub use report::{DocumentReport, Report, Status};
pub use sections::SectionDetector;
