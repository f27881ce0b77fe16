//! Renderers: one function per output format, each taking the same [`Report`].

use super::{Report, SortKey, Status};
use crate::job::{JobProfile, Reason};
use std::io::{self, Write};

/// The whole report as one pretty-printed JSON document.
///
/// # Errors
/// Any error of the writer.
pub fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// One line per document (`{"type":"document", …}`) and a final `{"type":"summary", …}` line that
/// also carries the run's header (tool, profile, dictionaries, and the job when there is one).
///
/// # Errors
/// Any error of the writer.
pub fn ndjson(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for doc in &report.documents {
        ndjson_document(doc, out)?;
    }
    let mut summary = serde_json::json!({
        "type": "summary",
        "schema_version": report.schema_version,
        "tool": report.tool,
        "profile": report.profile,
        "dictionaries": report.dictionaries,
        "summary": report.summary,
    });
    if let (Some(job), serde_json::Value::Object(map)) = (&report.job, &mut summary) {
        map.insert("job".into(), serde_json::to_value(job)?);
    }
    serde_json::to_writer(&mut *out, &summary)?;
    writeln!(out)
}

/// One document as an NDJSON line.
///
/// # Errors
/// Any error of the writer.
pub fn ndjson_document(doc: &super::DocumentReport, out: &mut dyn Write) -> io::Result<()> {
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

/// A ranked table for people, then the summary: best job match first when the report has a job
/// (with MATCH and missing-skill columns), best score first otherwise.
///
/// # Errors
/// Any error of the writer.
pub fn table(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let key = if report.job.is_some() {
        SortKey::Match
    } else {
        SortKey::Score
    };
    table_by(report, out, color, key)
}

/// Like [`table`], ranked by `key` (`SortKey::Input` keeps the report's order).
///
/// # Errors
/// Any error of the writer.
pub fn table_by(report: &Report, out: &mut dyn Write, color: bool, key: SortKey) -> io::Result<()> {
    let mut order: Vec<usize> = (0..report.documents.len()).collect();
    order.sort_by(|&a, &b| super::compare(key, &report.documents[a], &report.documents[b]));
    let (bold, dim, red, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let job = report.job.as_ref();
    if let Some(job) = job {
        writeln!(out, "{bold}Job: {}{reset}", job_name(job))?;
        writeln!(out, "  required: {}", job.required_ids().join(", "))?;
        writeln!(out, "  optional: {}\n", job.optional_ids().join(", "))?;
        writeln!(
            out,
            "{bold}{:>4}  {:>5}  {:>5}  {:<40}  {:<46}  MISSING OPTIONAL{reset}",
            "RANK", "MATCH", "SCORE", "FILE", "MISSING REQUIRED"
        )?;
    } else {
        writeln!(
            out,
            "{bold}{:>4}  {:>5}  {:<40}  {:<46}  MISSING KEY SKILLS{reset}",
            "RANK", "SCORE", "FILE", "TOP SKILLS"
        )?;
    }
    // Blank columns of a row that has no score, so that the file name stays in its column.
    let skipped = if job.is_some() {
        format!("{:>5}  {:>5}", "-", "-")
    } else {
        format!("{:>5}", "-")
    };
    for (rank, &i) in order.iter().enumerate() {
        let d = &report.documents[i];
        let file = shorten(&d.path, 40);
        match (d.status, &d.job_match) {
            (Status::Ok, Some(m)) if job.is_some() => writeln!(
                out,
                "{:>4}  {:>5.1}  {:>5.1}  {:<40}  {red}{:<46}{reset}  {dim}{}{reset}",
                rank + 1,
                m.match_rate,
                d.score,
                file,
                cut_end(&m.required.missing.join(", "), 46),
                m.optional.missing.join(", ")
            )?,
            (Status::Ok, _) => {
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
            (Status::Empty, _) => writeln!(
                out,
                "{:>4}  {}  {:<40}  {dim}empty ({}){reset}",
                "-",
                skipped,
                file,
                d.reason.as_deref().unwrap_or("no text")
            )?,
            (Status::Error, _) => writeln!(
                out,
                "{:>4}  {}  {:<40}  {red}error: {}{reset}",
                "-",
                skipped,
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
    )?;
    if job.is_some() {
        writeln!(
            out,
            "MATCH: share of the job's points the resume earns; required skills weigh {}, optional {}.",
            crate::job::REQUIRED_WEIGHT,
            crate::job::OPTIONAL_WEIGHT
        )?;
    }
    Ok(())
}

/// A job profile for people: each skill with its importance, why, and where the posting says so.
///
/// # Errors
/// Any error of the writer.
pub fn job_table(job: &JobProfile, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Job: {}\n", job_name(job))?;
    writeln!(
        out,
        "{:<10}  {:<20}  {:<34}  {:>8}  EVIDENCE",
        "IMPORTANCE", "SKILL", "WHY", "MENTIONS"
    )?;
    for skill in job.skills() {
        let because = skill.because.as_deref().unwrap_or("");
        let why = match skill.reason {
            Reason::Heading => format!("under \"{because}\""),
            Reason::Cue => format!("says \"{because}\""),
            Reason::Title => "in the title".to_string(),
            Reason::Mentioned if because.is_empty() => "only mentioned".to_string(),
            Reason::Mentioned => format!("only mentioned, under \"{because}\""),
            Reason::Stated => "stated".to_string(),
        };
        let evidence = skill
            .evidence
            .first()
            .map(|e| format!("{}: {}", e.line, e.snippet))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<10}  {:<20}  {:<34}  {:>8}  {}",
            skill.importance.as_str(),
            cut_end(&skill.id, 20),
            cut_end(&why, 34),
            skill.mentions,
            cut_end(&evidence, 70)
        )?;
    }
    writeln!(
        out,
        "\n{} required (weigh {} each), {} optional (weigh {} each)",
        job.required.len(),
        crate::job::REQUIRED_WEIGHT,
        job.optional.len(),
        crate::job::OPTIONAL_WEIGHT
    )
}

/// The job's title and where it came from, as far as known.
fn job_name(job: &JobProfile) -> String {
    match (&job.title, &job.source) {
        (Some(t), Some(s)) => format!("{t}  ({s})"),
        (Some(t), None) => t.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => "stated skills".to_string(),
    }
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
