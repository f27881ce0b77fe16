//! The ranked table for people reading a terminal.

use super::render::ReportSink;
use super::{DocumentReport, Header, Status, Summary};
use std::io::{self, Write};

/// Buffers the documents, then prints them best score first, with the batch summary.
pub struct TableSink<'a> {
    out: &'a mut dyn Write,
    color: bool,
    header: Option<Header>,
    docs: Vec<DocumentReport>,
}

impl<'a> TableSink<'a> {
    /// A sink writing to `out`; `color` adds ANSI colours (for a terminal).
    pub fn new(out: &'a mut dyn Write, color: bool) -> Self {
        TableSink {
            out,
            color,
            header: None,
            docs: Vec::new(),
        }
    }
}

impl ReportSink for TableSink<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.header = Some(header.clone());
        Ok(())
    }

    fn document(&mut self, doc: &DocumentReport) -> io::Result<()> {
        // Only what the table shows is kept.
        let mut slim = doc.clone();
        for s in &mut slim.skills {
            s.evidence.clear();
        }
        self.docs.push(slim);
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        let docs = std::mem::take(&mut self.docs);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by(|&a, &b| {
            let (da, db) = (&docs[a], &docs[b]);
            (db.status == Status::Ok)
                .cmp(&(da.status == Status::Ok))
                .then(db.score.total_cmp(&da.score))
                .then(a.cmp(&b))
        });
        let (bold, dim, red, reset) = if self.color {
            ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let out = &mut *self.out;
        writeln!(
            out,
            "{bold}{:>4}  {:>5}  {:<40}  {:<46}  MISSING KEY SKILLS{reset}",
            "RANK", "SCORE", "FILE", "TOP SKILLS"
        )?;
        for (rank, &i) in order.iter().enumerate() {
            let d = &docs[i];
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
                    let score_color = if !self.color {
                        ""
                    } else if d.score >= 70.0 {
                        "\x1b[32m"
                    } else if d.score >= 40.0 {
                        "\x1b[33m"
                    } else {
                        "\x1b[31m"
                    };
                    writeln!(
                        out,
                        "{:>4}  {score_color}{:>5.1}{reset}  {:<40}  {:<46}  {dim}{}{reset}",
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
                Status::Duplicate => writeln!(
                    out,
                    "{:>4}  {:>5}  {:<40}  {dim}duplicate of {}{reset}",
                    "-",
                    "-",
                    file,
                    d.duplicate_of.as_deref().unwrap_or("?")
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
        let s = summary;
        let profile = self.header.as_ref().map_or("", |h| h.profile.name.as_str());
        writeln!(
            out,
            "\n{} documents: {} ok, {} empty, {} error, {} duplicate; mean score {}  (profile: {profile})",
            s.documents,
            s.ok,
            s.empty,
            s.error,
            s.duplicate,
            s.mean_score.map_or("-".to_string(), |m| format!("{m:.1}")),
        )?;
        if let Some([min, q1, med, q3, max]) = s.score_quartiles {
            writeln!(
                out,
                "scores: min {min:.1}, quartiles {q1:.1} / {med:.1} / {q3:.1}, max {max:.1}"
            )?;
        }
        if !s.top_skills.is_empty() {
            let top: Vec<String> = s
                .top_skills
                .iter()
                .take(10)
                .map(|k| format!("{} ({})", k.name, k.documents))
                .collect();
            writeln!(out, "most common skills: {}", top.join(", "))?;
        }
        if !s.slowest.is_empty() {
            let slow: Vec<String> = s
                .slowest
                .iter()
                .map(|t| format!("{} ({:.0} ms)", shorten(&t.path, 40), t.ms))
                .collect();
            writeln!(out, "slowest: {}", slow.join(", "))?;
        }
        out.flush()
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
