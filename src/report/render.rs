//! Renderers: one function per output format, each taking the same [`Report`].

use super::{DocumentReport, Report, Status};
use std::io::{self, Write};

pub use super::html::html;

/// The whole report as one pretty-printed JSON document.
///
/// # Errors
/// Any error of the writer.
pub fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// One line per document (`{"type":"document", …}`) and a final `{"type":"summary", …}` line that
/// also carries the run's header (tool, profile, dictionaries).
///
/// # Errors
/// Any error of the writer.
pub fn ndjson(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for doc in &report.documents {
        ndjson_document(doc, out)?;
    }
    let summary = serde_json::json!({
        "type": "summary",
        "schema_version": report.schema_version,
        "tool": report.tool,
        "profile": report.profile,
        "dictionaries": report.dictionaries,
        "summary": report.summary,
    });
    serde_json::to_writer(&mut *out, &summary)?;
    writeln!(out)
}

/// One document as an NDJSON line.
///
/// # Errors
/// Any error of the writer.
pub fn ndjson_document(doc: &DocumentReport, out: &mut dyn Write) -> io::Result<()> {
    let mut value = serde_json::to_value(doc)?;
    if let serde_json::Value::Object(map) = &mut value {
        let mut tagged = serde_json::Map::with_capacity(map.len() + 1);
        tagged.insert("type".into(), "document".into());
        tagged.extend(std::mem::take(map));
        *map = tagged;
    }
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

/// A ranked table for people: best score first, then the summary.
///
/// # Errors
/// Any error of the writer.
pub fn table(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let order = ranked(&report.documents);
    let (bold, dim, red, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    writeln!(
        out,
        "{bold}{:>4}  {:>5}  {:<40}  {:<46}  MISSING KEY SKILLS{reset}",
        "RANK", "SCORE", "FILE", "TOP SKILLS"
    )?;
    for (rank, &i) in order.iter().enumerate() {
        let d = &report.documents[i];
        let file = shorten(&d.path, 40);
        match d.status {
            Status::Ok => {
                let top: Vec<&str> = d.skills.iter().take(6).map(|s| s.name.as_str()).collect();
                let missing: Vec<&str> = d
                    .categories
                    .iter()
                    .flat_map(|c| c.missing.iter().map(String::as_str))
                    .take(6)
                    .collect();
                writeln!(
                    out,
                    "{:>4}  {:>5.1}  {:<40}  {:<46}  {dim}{}{reset}",
                    rank + 1,
                    d.score,
                    file,
                    cut_end(&top.join(", "), 46),
                    missing.join(", ")
                )?;
            }
            Status::Empty => writeln!(
                out,
                "{:>4}  {:>5}  {:<40}  {dim}empty ({}){reset}",
                "-",
                "-",
                file,
                d.reason.as_deref().unwrap_or("no text")
            )?,
            Status::Error => writeln!(
                out,
                "{:>4}  {:>5}  {:<40}  {red}error: {}{reset}",
                "-",
                "-",
                file,
                d.error.as_ref().map_or("", |e| e.kind.as_str())
            )?,
        }
    }
    let s = &report.summary;
    writeln!(
        out,
        "\n{} documents: {} ok, {} empty, {} error; mean score {}  (profile: {})",
        s.documents,
        s.ok,
        s.empty,
        s.error,
        s.mean_score.map_or("-".to_string(), |m| format!("{m:.1}")),
        report.profile.name
    )
}

/// Indices of `documents` in ranking order: analysed documents by score, best first, then the
/// others; ties keep input order.
pub(crate) fn ranked(documents: &[DocumentReport]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&documents[a], &documents[b]);
        (db.status == Status::Ok)
            .cmp(&(da.status == Status::Ok))
            .then(db.score.total_cmp(&da.score))
            .then(a.cmp(&b))
    });
    order
}

/// Keeps the start of `s`, for lists ranked best first.
fn cut_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max - 1).collect();
    format!("{head}…")
}

/// Keeps the end of `s`, for paths whose file name matters most.
fn shorten(s: &str, max: usize) -> String {
    let count = s.chars().count();
    if count <= max {
        return s.to_string();
    }
    let tail: String = s.chars().skip(count - (max - 1)).collect();
    format!("…{tail}")
}
