//! Accuracy on real public resumes in `../shared/corpus` (skipped when that folder is absent).
//!
//! Skill ids are mapped to the labels' canonical names through `vocabulary.tsv` (and, for the
//! second labelling, `vocabulary-v2.tsv`); micro precision, recall and F1 over the labelled
//! documents are printed with the worst false positives and misses. Run with `cargo test --test corpus -- --nocapture` to see the figures.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use resumescan::{Analyzer, Status};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    support::corpus::dir("labels-public.tsv")
}

/// Our skill id -> the vocabulary's canonical name, matched on id, name or any alias.
fn id_to_canonical(analyzer: &Analyzer, vocabulary: &str) -> HashMap<String, String> {
    let mut by_form: HashMap<String, String> = HashMap::new();
    let mut canonical_names: HashMap<String, String> = HashMap::new();
    for line in vocabulary
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let canonical = cols[0].trim().to_string();
        canonical_names.insert(canonical.to_lowercase(), canonical.clone());
        for alias in cols
            .get(2)
            .unwrap_or(&"")
            .split('|')
            .filter(|a| !a.is_empty())
        {
            by_form
                .entry(alias.trim().to_lowercase())
                .or_insert(canonical.clone());
        }
    }
    let mut out = HashMap::new();
    for skill in analyzer.dictionary().skills() {
        let forms: Vec<String> = std::iter::once(skill.id.clone())
            .chain(std::iter::once(skill.name.to_lowercase()))
            .chain(skill.name.split('/').map(|n| n.trim().to_lowercase()))
            .chain(skill.aliases.iter().map(|a| a.text.to_lowercase()))
            .collect();
        let hit = forms
            .iter()
            .find_map(|f| canonical_names.get(f))
            .or_else(|| forms.iter().find_map(|f| by_form.get(f)));
        if let Some(c) = hit {
            out.insert(skill.id.clone(), c.clone());
        }
    }
    out
}

/// Micro precision and recall of the built-in dictionary against one labelling of the corpus
/// (`vocabulary`, `labels` are file names in it), checked against the floors, overall and per
/// format.
fn measure(dir: &Path, vocabulary: &str, labels: &str, precision_floor: f64, recall_floor: f64) {
    let analyzer = Analyzer::new().unwrap();
    let vocabulary = std::fs::read_to_string(dir.join(vocabulary)).unwrap();
    let mapping = id_to_canonical(&analyzer, &vocabulary);
    let name = labels;

    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut false_positives: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut documents = 0;
    // Tallies per format, so DOCX accuracy can be set beside PDF accuracy.
    let mut by_format: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for (cols, path) in support::corpus::labelled(dir, labels) {
        let (doc_id, skills) = (cols[0].as_str(), cols[3].as_str());
        documents += 1;
        let want: BTreeSet<String> = skills
            .split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let got: BTreeSet<String> = match analyzer.analyze_path(&path) {
            Ok(doc) if doc.status == Status::Ok => doc
                .skills
                .iter()
                .filter_map(|s| mapping.get(s.id.as_str()).cloned())
                .collect(),
            Ok(_) => BTreeSet::new(),
            Err(e) => {
                println!("  {doc_id}: not analysed: {e}");
                BTreeSet::new()
            }
        };
        let hits = got.intersection(&want).count();
        tp += hits;
        let ext = if path.extension().is_some_and(|e| e == "docx") {
            "docx"
        } else {
            "pdf"
        };
        let tally = by_format.entry(ext).or_default();
        tally[0] += hits;
        tally[1] += got.difference(&want).count();
        tally[2] += want.difference(&got).count();
        for extra in got.difference(&want) {
            fp += 1;
            false_positives
                .entry(extra.clone())
                .or_default()
                .push(doc_id.to_string());
        }
        for missed in want.difference(&got) {
            fn_ += 1;
            misses
                .entry(missed.clone())
                .or_default()
                .push(doc_id.to_string());
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    println!(
        "{name}: {documents} documents, {tp} true positives, {fp} false positives, {fn_} misses"
    );
    println!("{name}: precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}");
    for (format, [tp, fp, fn_]) in &by_format {
        let precision = *tp as f64 / (tp + fp).max(1) as f64;
        let recall = *tp as f64 / (tp + fn_).max(1) as f64;
        println!("  {format}: precision {precision:.3}, recall {recall:.3} ({tp} true positives, {fp} false positives, {fn_} misses)");
        // Each format on its own meets the targets: DOCX reading is as good as PDF reading.
        assert!(
            precision >= precision_floor && recall >= recall_floor,
            "{format}: precision {precision:.3}, recall {recall:.3}"
        );
    }
    assert!(
        by_format.contains_key("docx"),
        "the corpus has DOCX resumes"
    );
    let worst = |m: &BTreeMap<String, Vec<String>>| {
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by_key(|(_, docs)| std::cmp::Reverse(docs.len()));
        v.into_iter()
            .take(15)
            .map(|(k, docs)| format!("{k} ({})", docs.join(" ")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("  false positives: {}", worst(&false_positives));
    println!("  misses: {}", worst(&misses));
    assert!(documents >= 20, "labelled documents found: {documents}");
    assert!(
        precision >= precision_floor,
        "precision {precision:.3} < {precision_floor}"
    );
    assert!(
        recall >= recall_floor,
        "recall {recall:.3} < {recall_floor}"
    );
}

/// The first vocabulary (`vocabulary.tsv`, 115 skills).
#[test]
fn real_resumes_precision_and_recall() {
    let Some(dir) = corpus() else { return };
    measure(&dir, "vocabulary.tsv", "labels-public.tsv", 0.99, 0.98);
}

/// The broader second vocabulary (`vocabulary-v2.tsv`, 395 skills), labelled on the same resumes.
#[test]
fn real_resumes_precision_and_recall_v2() {
    let Some(dir) = corpus() else { return };
    measure(
        &dir,
        "vocabulary-v2.tsv",
        "labels-public-v2.tsv",
        0.97,
        0.96,
    );
}

#[test]
fn scanned_resumes_are_empty_with_no_text_layer() {
    let Some(dir) = corpus() else { return };
    let manifest = std::fs::read_to_string(dir.join("resumes/MANIFEST.tsv")).unwrap();
    let analyzer = Analyzer::new().unwrap();
    let mut checked = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.last() == Some(&"image-only") {
            let doc = analyzer
                .analyze_path(&dir.join("resumes").join(cols[0]))
                .unwrap();
            assert_eq!(doc.status, Status::Empty, "{}", cols[0]);
            assert_eq!(
                doc.reason,
                Some(resumescan::StatusReason::NoTextLayer),
                "{}",
                cols[0]
            );
            assert!(doc.skills.is_empty(), "{}", cols[0]);
            checked += 1;
        }
    }
    assert!(checked >= 1, "the manifest lists image-only resumes");
}
