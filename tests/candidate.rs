//! What a recruiter screens on besides skills, against a careful reader: total years of
//! experience on resumes written for the test (`tests/data/experience.tsv`: overlapping jobs,
//! internships, "present", dates in seven languages) and on the real resumes of `../shared/corpus`,
//! whose dated positions and highest degree are in `labels-public-v2.tsv` (skipped when that
//! folder is absent). The shares are printed and held to floors.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use resumescan::{Analyzer, DegreeLevel, DocumentReport};
use std::sync::OnceLock;

/// The month "present" stands for in both counts.
const TODAY: (i32, u32) = (2026, 11);

fn analyzer() -> Analyzer {
    Analyzer::builder()
        .today(TODAY.0, TODAY.1)
        .build()
        .expect("built-in dictionaries load")
}

/// A careful reader's total from labelled periods (`2019-03..present;2017..2018:intern`): jobs
/// only, overlapping periods merged, a year alone standing for January as a start and December
/// as an end, as the recogniser reads it.
fn reader_total(periods: &str) -> Option<f64> {
    let now = TODAY.0 * 12 + TODAY.1 as i32 - 1;
    let month = |s: &str, end: bool| -> Option<i32> {
        if s == "present" {
            return Some(now);
        }
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: i32 = match parts.next() {
            Some(m) => m.parse::<i32>().ok()? - 1,
            None if end => 11,
            None => 0,
        };
        Some(year * 12 + month)
    };
    let mut spans: Vec<(i32, i32)> = periods
        .split(';')
        .filter(|p| !p.is_empty() && !p.contains(':'))
        .filter_map(|p| {
            let (from, to) = p.split_once("..")?;
            Some((month(from, false)?, month(to, true)?))
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    spans.sort();
    let mut months = 0;
    let mut last: Option<(i32, i32)> = None;
    for (s, e) in spans {
        match &mut last {
            Some((_, le)) if s <= *le + 1 => *le = (*le).max(e),
            _ => {
                if let Some((ls, le)) = last {
                    months += le - ls + 1;
                }
                last = Some((s, e));
            }
        }
    }
    if let Some((ls, le)) = last {
        months += le - ls + 1;
    }
    Some(f64::from(months) / 12.0)
}

/// Whether two totals agree within half a year (both absent agrees too).
fn agrees(ours: Option<f64>, reader: Option<f64>) -> bool {
    match (ours, reader) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.5,
        (None, None) => true,
        // A resume with no dated job reads as zero years to a reader.
        (Some(a), None) | (None, Some(a)) => a.abs() <= 0.5,
    }
}

#[test]
fn total_years_on_resumes_written_for_the_test() {
    let analyzer = analyzer();
    let data = include_str!("data/experience.tsv");
    let (mut documents, mut within) = (0, 0);
    let mut wrong = Vec::new();
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (expected, text) = line.split_once('\t').expect("two columns");
        let expected: Option<f64> = (expected != "none").then(|| expected.parse().unwrap());
        let text = text.replace("\\n", "\n");
        let doc = analyzer.analyze_text(&text);
        let ours = doc.experience.as_ref().and_then(|e| e.total_years);
        documents += 1;
        if agrees(ours, expected) {
            within += 1;
        } else {
            wrong.push(format!("{expected:?} expected, {ours:?} read: {text:?}"));
        }
    }
    let share = within as f64 / documents as f64;
    println!("experience: {within} of {documents} written resumes within half a year ({share:.3})");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(documents >= 25, "at least 25 labelled documents");
    assert!(share >= 0.9, "{share:.3} within half a year: {wrong:#?}");
}

/// The shared real resumes labelled in `labels-public-v2.tsv`, with their label columns, each
/// analysed once for all the tests here; `None` (a skip) when the corpus is absent.
fn real_resumes() -> Option<&'static [(Vec<String>, DocumentReport)]> {
    static RESUMES: OnceLock<Vec<(Vec<String>, DocumentReport)>> = OnceLock::new();
    let dir = support::corpus::dir(LABELS)?;
    Some(RESUMES.get_or_init(|| {
        let analyzer = analyzer();
        support::corpus::labelled(&dir, LABELS)
            .into_iter()
            .map(|(cols, path)| {
                let doc = analyzer
                    .analyze_path(&path)
                    .expect("the corpus resumes read");
                (cols, doc)
            })
            .collect()
    }))
}

/// The labels of the real resumes: dated positions, seniority and degree among them.
const LABELS: &str = "labels-public-v2.tsv";

#[test]
fn total_years_on_real_resumes() {
    let Some(resumes) = real_resumes() else {
        return;
    };
    let (mut documents, mut within) = (0, 0);
    for (cols, doc) in resumes {
        let (doc_id, periods) = (&cols[0], &cols[5]);
        let ours = doc.experience.as_ref().and_then(|e| e.total_years);
        let reader = reader_total(periods);
        documents += 1;
        let ok = agrees(ours, reader);
        within += usize::from(ok);
        println!(
            "  {doc_id}: reader {} ours {}{}",
            reader.map_or("none".into(), |y| format!("{y:.1}")),
            ours.map_or("none".into(), |y| format!("{y:.1}")),
            if ok { "" } else { "  <- off" }
        );
    }
    let share = within as f64 / documents.max(1) as f64;
    println!("experience: {within} of {documents} real resumes within half a year ({share:.3})");
    assert!(documents >= 20, "only {documents} labelled resumes found");
    assert!(
        share >= 0.8,
        "{share:.3} of real resumes within half a year"
    );
}

#[test]
fn highest_degree_on_real_resumes() {
    let Some(resumes) = real_resumes() else {
        return;
    };
    let (mut documents, mut right) = (0, 0);
    for (cols, doc) in resumes {
        let (doc_id, degree) = (&cols[0], &cols[7]);
        let ours = doc
            .education
            .as_ref()
            .map_or(DegreeLevel::None, |e| e.highest_degree);
        let ours = ours.as_str();
        // "master:computer science": the level before the colon.
        let reader = degree.split(':').next().unwrap_or_default();
        documents += 1;
        let ok = ours == reader;
        right += usize::from(ok);
        println!(
            "  {doc_id}: reader {reader} ours {ours}{}",
            if ok { "" } else { "  <- off" }
        );
    }
    let share = right as f64 / documents.max(1) as f64;
    println!("education: degree level right on {right} of {documents} real resumes ({share:.3})");
    assert!(documents >= 20, "only {documents} labelled resumes found");
    assert!(share >= 0.85, "{share:.3} of degree levels right");
}

#[test]
fn seniority_on_real_resumes() {
    let Some(resumes) = real_resumes() else {
        return;
    };
    let (mut documents, mut right) = (0, 0);
    for (cols, doc) in resumes {
        let (doc_id, reader) = (&cols[0], cols[6].as_str());
        let seniority = doc
            .seniority
            .as_ref()
            .expect("an analysed document has a seniority");
        let ours = seniority.band.as_str();
        documents += 1;
        let ok = ours == reader;
        right += usize::from(ok);
        println!(
            "  {doc_id}: reader {reader} ours {ours} ({}){}",
            seniority.reason,
            if ok { "" } else { "  <- off" }
        );
    }
    let share = right as f64 / documents.max(1) as f64;
    println!("seniority: band right on {right} of {documents} real resumes ({share:.3})");
    assert!(documents >= 20, "only {documents} labelled resumes found");
    // A floor against regressions, not a target: readers put several resumes of eight years
    // and more at junior or mid, which no rule on titles and years can see.
    assert!(share >= 0.4, "{share:.3} of seniority bands right");
}
