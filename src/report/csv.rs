//! CSV: one row per document, for spreadsheets. RFC 4180 quoting via the `csv` crate.

use super::render::ReportSink;
use super::{DocumentReport, Header, Status, Summary};
use std::io::{self, Write};

/// Between the items of a list in one cell (top skills, missing key skills, ESCO URIs, implied
/// skills): the separator the README documents.
const LIST_SEPARATOR: &str = "; ";

/// Top skills listed per row.
const TOP_SKILLS: usize = 8;

/// Writes a header row, then one row per document as it comes.
///
/// Columns: `id` (only for `--input ndjson`, the record's id), `path`, `status`, `score`, with a job the match columns (`match_rate`,
/// `required_matched`, `required_missing`, `optional_matched`, `optional_missing`, `extra`,
/// `requirements` — `met`, `unknown` or `not_met` for the must-haves — `rules_not_met` and
/// `rules_unknown`), one
/// column per profile category (its coverage, 0–100),
/// `skills` (how many), `top_skills`, `missing_key_skills`, `duplicate_of`, `error_kind`,
/// `error_message`, `top_skills_esco` (the ESCO URI of each of `top_skills`, in the same order,
/// empty for a skill without one), `implied_skills` (ids), `primary_stack` (its id),
/// `experience_years` (total years of professional experience, empty when no dated job),
/// `seniority` (its band), `highest_degree` (`none`, `associate`, `bachelor`, `master` or
/// `doctorate`), `possible_duplicate_of` (the path of an earlier document that may be the same
/// candidate) and `possible_duplicate_reason` (`near_identical_text`, `shared_email` or
/// `shared_phone`). Lists
/// inside a cell are separated by `; `. Text cells that a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-` or `@`) get a leading `'`.
pub struct CsvSink<'a> {
    out: csv::Writer<&'a mut dyn Write>,
    categories: Vec<String>,
    /// Whether the run has a job, and so the job-match columns.
    job: bool,
    /// Whether rows start with the document's `id` column.
    id: bool,
}

impl<'a> CsvSink<'a> {
    /// A sink writing to `out`, with one score column per category id in `categories`.
    pub fn new(out: &'a mut dyn Write, categories: Vec<String>) -> Self {
        CsvSink {
            out: csv::Writer::from_writer(out),
            categories,
            job: false,
            id: false,
        }
    }

    /// Starts every row with an `id` column: the ids of `--input ndjson` records.
    pub fn with_id_column(mut self) -> Self {
        self.id = true;
        self
    }
}

impl ReportSink for CsvSink<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.job = header.job.is_some();
        let mut row: Vec<String> = vec!["path".into(), "status".into(), "score".into()];
        if self.id {
            row.insert(0, "id".into());
        }
        if self.job {
            row.extend(crate::job::JobMatch::CSV_COLUMNS.map(String::from));
        }
        row.extend(self.categories.iter().cloned());
        row.extend(
            [
                "skills",
                "top_skills",
                "missing_key_skills",
                "duplicate_of",
                "error_kind",
                "error_message",
                "top_skills_esco",
                "implied_skills",
                "primary_stack",
                "experience_years",
                "seniority",
                "highest_degree",
                "possible_duplicate_of",
                "possible_duplicate_reason",
            ]
            .map(String::from),
        );
        self.out.write_record(&row).map_err(io::Error::other)
    }

    fn document(&mut self, doc: &DocumentReport) -> io::Result<()> {
        let ok = doc.status == Status::Ok;
        let status = serde_json::to_value(doc.status)?
            .as_str()
            .unwrap_or_default()
            .to_string();
        let mut row: Vec<String> = vec![
            cell(&doc.path),
            status,
            if ok {
                format!("{:.1}", doc.score)
            } else {
                String::new()
            },
        ];
        if self.id {
            let id = match &doc.id {
                Some(serde_json::Value::String(s)) => cell(s),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            row.insert(0, id);
        }
        if self.job {
            match &doc.job_match {
                Some(m) => row.extend(m.csv_fields()),
                None => row.extend(std::iter::repeat_n(
                    String::new(),
                    crate::job::JobMatch::CSV_COLUMNS.len(),
                )),
            }
        }
        for id in &self.categories {
            row.push(
                doc.categories
                    .iter()
                    .find(|c| &c.id == id)
                    .filter(|_| ok)
                    .map(|c| format!("{:.1}", c.score))
                    .unwrap_or_default(),
            );
        }
        row.push(if ok {
            doc.skills.len().to_string()
        } else {
            String::new()
        });
        let top: Vec<&str> = doc
            .skills
            .iter()
            .take(TOP_SKILLS)
            .map(|s| s.name.as_str())
            .collect();
        row.push(cell(&top.join(LIST_SEPARATOR)));
        let missing: Vec<&str> = doc
            .categories
            .iter()
            .flat_map(|c| c.missing.iter().map(super::Name::as_str))
            .collect();
        row.push(missing.join(LIST_SEPARATOR));
        row.push(cell(doc.duplicate_of.as_deref().unwrap_or("")));
        row.push(
            doc.error
                .as_ref()
                .map(|e| e.kind.as_str().to_string())
                .unwrap_or_default(),
        );
        row.push(cell(doc.error.as_ref().map_or("", |e| e.message.as_str())));
        // In step with `top_skills`: one entry per skill, empty for a skill without a concept.
        let esco: Vec<&str> = doc
            .skills
            .iter()
            .take(TOP_SKILLS)
            .map(|s| s.esco.as_deref().unwrap_or(""))
            .collect();
        row.push(if esco.iter().any(|e| !e.is_empty()) {
            esco.join(LIST_SEPARATOR)
        } else {
            String::new()
        });
        let implied: Vec<&str> = doc.implied.iter().map(|s| s.id.as_str()).collect();
        row.push(implied.join(LIST_SEPARATOR));
        row.push(
            doc.primary_stack
                .as_ref()
                .map(|p| p.id.to_string())
                .unwrap_or_default(),
        );
        row.push(
            doc.experience
                .as_ref()
                .and_then(|e| e.total_years)
                .map(|y| format!("{y:.1}"))
                .unwrap_or_default(),
        );
        row.push(
            doc.seniority
                .as_ref()
                .map(|s| s.band.as_str().to_string())
                .unwrap_or_default(),
        );
        row.push(
            doc.education
                .as_ref()
                .map(|e| e.highest_degree.as_str().to_string())
                .unwrap_or_default(),
        );
        let possible = doc.possible_duplicate_of.as_ref();
        row.push(cell(possible.map_or("", |p| p.path.as_str())));
        row.push(possible.map_or("", |p| p.reason.as_str()).to_string());
        self.out.write_record(&row).map_err(io::Error::other)?;
        self.out.flush()
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// Keeps a spreadsheet from reading text as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_quote_and_defuse() {
        let analyzer = crate::Analyzer::new().unwrap();
        let mut doc = analyzer.analyze_text("Skills: Go, PostgreSQL, Kafka");
        doc.path = "=cmd|\"a, b\".txt".into();
        let report = analyzer.report(vec![doc]);
        let ids: Vec<String> = analyzer
            .profile()
            .categories
            .iter()
            .map(|c| c.id.clone())
            .collect();
        let mut out = Vec::new();
        crate::report::render::write_report(&report, &mut CsvSink::new(&mut out, ids.clone()))
            .unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.len(), 3 + ids.len() + 14);
        assert_eq!(&headers[headers.len() - 1], "possible_duplicate_reason");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][0], "'=cmd|\"a, b\".txt");
        assert_eq!(&rows[0][1], "ok");
        assert!(rows[0][3 + ids.len() + 1].contains("Go"));
    }
}
