//! Ranking on public resume datasets in `../shared/corpus/datasets` (skipped when absent): the
//! back-end score must rank back-end resumes above the others. Prints ROC AUC per dataset.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use resumescan::{Analyzer, Status};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn datasets() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/datasets");
    if dir.is_dir() {
        Some(dir)
    } else {
        support::skip::skip(
            "../shared/corpus/datasets is not present (it is not part of a fresh clone)",
        );
        None
    }
}

/// `backend` column of a labels.tsv: id -> true/false, `unsure` left out.
fn labels(path: &Path) -> HashMap<String, bool> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = header.iter().position(|h| *h == "backend").unwrap();
    lines
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            match cols.get(col).copied() {
                Some("1") => Some((cols[0].to_string(), true)),
                Some("0") => Some((cols[0].to_string(), false)),
                _ => None,
            }
        })
        .collect()
}

/// Probability that a random positive scores above a random negative (ties count half).
fn roc_auc(scored: &[(f64, bool)]) -> f64 {
    let pos: Vec<f64> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
    let neg: Vec<f64> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
    let mut wins = 0.0;
    for p in &pos {
        for n in &neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (pos.len() * neg.len()).max(1) as f64
}

#[test]
fn roc_auc_is_computed_correctly() {
    assert_eq!(roc_auc(&[(1.0, true), (0.0, false)]), 1.0);
    assert_eq!(roc_auc(&[(0.0, true), (1.0, false)]), 0.0);
    assert_eq!(roc_auc(&[(1.0, true), (1.0, false)]), 0.5);
}

#[test]
fn livecareer_pdfs_rank_it_above_non_tech() {
    let Some(dir) = datasets() else { return };
    let dir = dir.join("livecareer-resume-pdfs");
    let labels = labels(&dir.join("labels.tsv"));
    let analyzer = Analyzer::new().unwrap();
    let mut scored = Vec::new();
    for (id, backend) in &labels {
        let path = dir.join("pdf").join(format!("{id}.pdf"));
        let score = match analyzer.analyze_path(&path) {
            Ok(doc) if doc.status == Status::Ok => doc.score,
            _ => 0.0,
        };
        scored.push((score, *backend));
    }
    let auc = roc_auc(&scored);
    let positives = scored.iter().filter(|s| s.1).count();
    println!(
        "LiveCareer PDFs: {} labelled ({positives} INFORMATION-TECHNOLOGY), ROC AUC {auc:.3}",
        scored.len()
    );
    assert!(scored.len() >= 250);
    assert!(auc >= 0.85, "ROC AUC {auc:.3} < 0.85");
}

#[test]
fn updated_resume_dataset_ranks_backend_rows_first() {
    let Some(dir) = datasets() else { return };
    let dir = dir.join("updated-resume-dataset");
    let labels = labels(&dir.join("labels.tsv"));
    let analyzer = Analyzer::new().unwrap();
    let mut reader = csv::Reader::from_path(dir.join("public.csv")).unwrap();
    let mut scored = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        if let Some(&backend) = labels.get(&row[0]) {
            scored.push((analyzer.analyze_text(&row[2]).score, backend));
        }
    }
    let auc = roc_auc(&scored);
    let positives = scored.iter().filter(|s| s.1).count();
    println!(
        "UpdatedResumeDataSet: {} labelled rows ({positives} back-end), ROC AUC {auc:.3}",
        scored.len()
    );
    assert!(scored.len() >= 30);
    assert!(auc >= 0.98, "ROC AUC {auc:.3} < 0.98");
}
