//! Renderers: one per output format, each fed the same values.
//!
//! Every format implements [`ReportSink`]: the header first, then each document in the order the
//! caller chooses, then the summary. JSON, NDJSON and CSV write each document as it comes, so a
//! batch of any size streams through in constant memory; the table needs every document to rank
//! them and buffers.

use super::{DocumentReport, Header, Report, Summary};
use std::io::{self, Write};

pub use super::csv::CsvSink;
#[doc(hidden)] // the HTML page's own entry; `HtmlSink` is the way in
pub use super::html::html;
#[doc(hidden)] // `HtmlSink::with_skill_names` takes any (id, name) pairs
pub use super::html::SkillNames;
pub use super::table::TableSink;
#[doc(hidden)] // the command line's tables
pub use super::table::{job_table, table_by};

/// Receives a report piece by piece.
pub trait ReportSink {
    /// Called once, before any document.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn begin(&mut self, header: &Header) -> io::Result<()>;
    /// Called once per document.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn document(&mut self, doc: &DocumentReport) -> io::Result<()>;
    /// Called once, after the last document.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn end(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Feeds a whole report to a sink.
///
/// # Errors
/// Any error of the sink.
pub fn write_report(report: &Report, sink: &mut dyn ReportSink) -> io::Result<()> {
    sink.begin(&report.header())?;
    for doc in &report.documents {
        sink.document(doc)?;
    }
    sink.end(&report.summary)
}

/// The whole report as one pretty-printed JSON document.
///
/// # Errors
/// Any error of the writer.
#[doc(hidden)] // a `write_report` with the matching sink does the same
pub fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_report(report, &mut JsonSink::new(out))
}

/// One line per document and a final summary line; see [`NdjsonSink`].
///
/// # Errors
/// Any error of the writer.
#[doc(hidden)] // a `write_report` with the matching sink does the same
pub fn ndjson(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_report(report, &mut NdjsonSink::new(out))
}

/// A ranked table for people; see [`TableSink`].
///
/// # Errors
/// Any error of the writer.
#[doc(hidden)] // a `write_report` with the matching sink does the same
pub fn table(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    write_report(report, &mut TableSink::new(out, color, None))
}

/// Collects every document, then renders the HTML page with [`html`] at the end (a page ranks
/// its candidates, so it needs them all).
pub struct HtmlSink<'a> {
    out: &'a mut dyn Write,
    names: super::html::SkillNames,
    generated: String,
    header: Option<Header>,
    docs: Vec<DocumentReport>,
}

impl<'a> HtmlSink<'a> {
    /// A sink writing to `out`; `generated` is the date shown in the page's header.
    pub fn new(out: &'a mut dyn Write, generated: &str) -> Self {
        HtmlSink {
            out,
            names: Default::default(),
            generated: generated.to_string(),
            header: None,
            docs: Vec::new(),
        }
    }
}

impl HtmlSink<'_> {
    /// Shows skills the report names by id only (missing key skills) by these display names.
    pub fn with_skill_names(mut self, names: impl IntoIterator<Item = (String, String)>) -> Self {
        self.names = names.into_iter().collect();
        self
    }
}

impl ReportSink for HtmlSink<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.header = Some(header.clone());
        Ok(())
    }

    fn document(&mut self, doc: &DocumentReport) -> io::Result<()> {
        self.docs.push(doc.clone());
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        let Some(header) = self.header.take() else {
            return Ok(());
        };
        let report = Report::assemble(header, std::mem::take(&mut self.docs), summary.clone());
        html(&report, &self.names, self.out, &self.generated)?;
        self.out.flush()
    }
}

/// Document indices, best first — by job match rate when `by_match`, else by score — with the
/// documents that could not be analysed last, in input order.
pub(crate) fn ranked(documents: &[DocumentReport], by_match: bool) -> Vec<usize> {
    let key = if by_match {
        super::SortKey::Match
    } else {
        super::SortKey::Score
    };
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by(|&a, &b| super::compare(key, &documents[a], &documents[b]).then(a.cmp(&b)));
    order
}

/// Writes the JSON report as it goes: the same document [`serde_json::to_writer_pretty`] would
/// give for the whole [`Report`], without holding the documents in memory.
pub struct JsonSink<'a> {
    out: &'a mut dyn Write,
    first: bool,
}

impl<'a> JsonSink<'a> {
    /// A sink writing to `out`.
    pub fn new(out: &'a mut dyn Write) -> Self {
        JsonSink { out, first: true }
    }
}

impl ReportSink for JsonSink<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        let head = serde_json::to_string_pretty(header)?;
        // Reopen the header object to append the documents array to it.
        let head = head.trim_end().trim_end_matches('}').trim_end();
        write!(self.out, "{head},\n  \"documents\": [")
    }

    fn document(&mut self, doc: &DocumentReport) -> io::Result<()> {
        let body = serde_json::to_vec_pretty(doc)?;
        self.out
            .write_all(if self.first { b"\n    " } else { b",\n    " })?;
        self.first = false;
        // Indented four more spaces, line by line: the document sits inside "documents".
        let mut line_start = 0;
        for newline in memchr::memchr_iter(b'\n', &body) {
            self.out.write_all(&body[line_start..=newline])?;
            self.out.write_all(b"    ")?;
            line_start = newline + 1;
        }
        self.out.write_all(&body[line_start..])
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        if self.first {
            self.out.write_all(b"]")?;
        } else {
            self.out.write_all(b"\n  ]")?;
        }
        let body = serde_json::to_string_pretty(summary)?;
        write!(self.out, ",\n  \"summary\": ")?;
        for (i, line) in body.lines().enumerate() {
            if i > 0 {
                write!(self.out, "\n  ")?;
            }
            self.out.write_all(line.as_bytes())?;
        }
        writeln!(self.out, "\n}}")?;
        self.out.flush()
    }
}

/// One JSON object per line: `{"type":"document", …}` for each document, flushed as written, and
/// a final `{"type":"summary", …}` that also carries the header (tool, profile, dictionaries).
pub struct NdjsonSink<'a> {
    out: &'a mut dyn Write,
    header: Option<Header>,
    summary: bool,
}

impl<'a> NdjsonSink<'a> {
    /// A sink writing to `out`.
    pub fn new(out: &'a mut dyn Write) -> Self {
        NdjsonSink {
            out,
            header: None,
            summary: true,
        }
    }

    /// Leaves out the summary line, so there is exactly one output line per document (for
    /// record-by-record pipelines).
    pub fn without_summary(mut self) -> Self {
        self.summary = false;
        self
    }
}

impl ReportSink for NdjsonSink<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.header = Some(header.clone());
        Ok(())
    }

    fn document(&mut self, doc: &DocumentReport) -> io::Result<()> {
        ndjson_document(doc, self.out)?;
        self.out.flush()
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        if !self.summary {
            return self.out.flush();
        }
        #[derive(serde::Serialize)]
        struct SummaryLine<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            #[serde(flatten)]
            header: Option<&'a Header>,
            summary: &'a Summary,
        }
        let line = SummaryLine {
            kind: "summary",
            header: self.header.as_ref(),
            summary,
        };
        serde_json::to_writer(&mut *self.out, &line)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

/// One document as an NDJSON line, tagged `"type":"document"` (the first key).
///
/// # Errors
/// Any error of the writer.
#[doc(hidden)] // a `write_report` with the matching sink does the same
pub fn ndjson_document(doc: &DocumentReport, out: &mut dyn Write) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Tagged<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(flatten)]
        doc: &'a DocumentReport,
    }
    serde_json::to_writer(
        &mut *out,
        &Tagged {
            kind: "document",
            doc,
        },
    )?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_equals_serde_pretty() {
        let analyzer = crate::Analyzer::new().unwrap();
        let docs = vec![
            analyzer.analyze_text("Skills: Go, PostgreSQL"),
            analyzer.analyze_text(""),
        ];
        for docs in [docs.clone(), Vec::new()] {
            let report = analyzer.report(docs);
            let mut streamed = Vec::new();
            json(&report, &mut streamed).unwrap();
            let mut whole = serde_json::to_vec_pretty(&report).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}
