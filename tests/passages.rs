//! The labelled passage set (`tests/data/passages.tsv`): false friends must not be reported, true
//! uses must be, and the precision and recall over the whole set are printed.

#![allow(clippy::print_stdout)] // the figures are part of the test output

use resumescan::Analyzer;
use std::collections::BTreeSet;

struct Passage {
    kind: String,
    expected: BTreeSet<String>,
    text: String,
}

fn passages() -> Vec<Passage> {
    let data = include_str!("data/passages.tsv");
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.splitn(3, '\t');
            let kind = cols.next().unwrap().to_string();
            let expected = cols
                .next()
                .unwrap()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let text = cols.next().expect("three columns").replace("\\n", "\n");
            Passage {
                kind,
                expected,
                text,
            }
        })
        .collect()
}

#[test]
fn passages_precision_and_recall() {
    let analyzer = Analyzer::new().unwrap();
    let all = passages();
    let traps = all.iter().filter(|p| p.kind == "trap").count();
    assert!(
        all.len() >= 60 && traps * 2 >= all.len() - 2,
        "at least 60 passages, about half traps"
    );
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for p in &all {
        let doc = analyzer.analyze_text(&p.text);
        let got: BTreeSet<String> = doc.skills.iter().map(|s| s.id.to_string()).collect();
        let extra: Vec<_> = got.difference(&p.expected).collect();
        let missed: Vec<_> = p.expected.difference(&got).collect();
        tp += got.intersection(&p.expected).count();
        fp += extra.len();
        fn_ += missed.len();
        if !extra.is_empty() || !missed.is_empty() {
            failures.push(format!(
                "{:?}: false positives {extra:?}, misses {missed:?}",
                p.text
            ));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "passages: {} ({traps} traps): precision {precision:.3}, recall {recall:.3}",
        all.len()
    );
    for f in &failures {
        println!("  {f}");
    }
    assert!(
        failures.is_empty(),
        "{} passages wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
