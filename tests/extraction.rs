//! PDF extraction measured against poppler's `pdftotext` on the real resumes in `../shared/corpus`.
//!
//! Agreement is the share of pdftotext's words our text also has (a multiset: a word pdftotext
//! saw three times must be there three times), both texts NFKC-normalised, lower-cased and split
//! into `[a-z0-9]+` words. Our side is the extracted text after [`resumescan::normalize`], the
//! text the matcher sees. The tests skip, saying why, when `pdftotext` (Debian `poppler-utils`)
//! or the corpus is absent.
//!
//! `cargo test --release --test extraction -- --ignored --nocapture` prints the comparison of the
//! engines (median time per file, agreement, failures) that chose their order.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use resumescan::extract::pdf::{self, Engine};
use resumescan::{Analyzer, Error, Status};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// The lowest agreement with pdftotext the pipeline must reach on every text-bearing resume.
const AGREEMENT_FLOOR: f64 = 0.97;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("resumes/MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        support::skip::skip("../shared/corpus is not present (it is not part of a fresh clone)");
        None
    }
}

fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        support::skip::skip("pdftotext is not installed (Debian package poppler-utils)");
    }
    ok
}

/// pdftotext's text of `path` (default reading-order mode), or `None` when it cannot read it.
fn pdftotext(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in words_in_order(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Share of the reference's words (multiset) found in `ours`; 1.0 for an empty reference.
fn agreement(reference: &str, ours: &str) -> f64 {
    let (want, got) = (words(reference), words(ours));
    let total: usize = want.values().sum();
    if total == 0 {
        return 1.0;
    }
    let found: usize = want
        .iter()
        .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
        .sum();
    found as f64 / total as f64
}

/// Adjacent word pairs within each line (a multiset), the unit of reading order that matching
/// depends on: multi-word names ("Spring Boot") and the context words next to an alias.
fn line_pairs(text: &str) -> HashMap<(String, String), usize> {
    let mut counts = HashMap::new();
    for line in text.lines() {
        count_pairs(&words_in_order(line), &mut counts);
    }
    counts
}

/// Adjacent word pairs across the whole text, line breaks included.
fn all_pairs(text: &str) -> HashMap<(String, String), usize> {
    let mut counts = HashMap::new();
    count_pairs(&words_in_order(text), &mut counts);
    counts
}

fn count_pairs(words: &[String], counts: &mut HashMap<(String, String), usize>) {
    for pair in words.windows(2) {
        *counts
            .entry((pair[0].clone(), pair[1].clone()))
            .or_insert(0) += 1;
    }
}

fn words_in_order(text: &str) -> Vec<String> {
    let normalized: String = text.nfkc().collect::<String>().to_lowercase();
    normalized
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reading order against the reference, as (kept, invented): the share of the reference's
/// in-line word pairs that ours has next to each other (anywhere), and the share of our in-line
/// pairs that the reference never has next to each other (words glued across columns or
/// out of order).
fn pair_agreement(reference: &str, ours: &str) -> (f64, f64) {
    let share = |want: &HashMap<(String, String), usize>,
                 have: &HashMap<(String, String), usize>| {
        let total: usize = want.values().sum();
        let found: usize = want
            .iter()
            .map(|(p, n)| (*n).min(have.get(p).copied().unwrap_or(0)))
            .sum();
        if total == 0 {
            1.0
        } else {
            found as f64 / total as f64
        }
    };
    let kept = share(&line_pairs(reference), &all_pairs(ours));
    let invented = 1.0 - share(&line_pairs(ours), &all_pairs(reference));
    (kept, invented)
}

/// The real resumes that are PDFs with a text layer, from the corpus manifest.
fn text_bearing_resumes(dir: &Path) -> Vec<PathBuf> {
    let manifest = std::fs::read_to_string(dir.join("resumes/MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let (file, kind) = (cols[0], *cols.last().unwrap());
            (file.ends_with(".pdf") && kind != "image-only").then(|| dir.join("resumes").join(file))
        })
        .collect()
}

#[test]
fn agreement_helper_counts_a_multiset() {
    assert_eq!(agreement("go go python", "Go python"), 2.0 / 3.0);
    assert_eq!(agreement("ﬁrst Kubernetes", "first kubernetes!"), 1.0);
    assert_eq!(agreement("", "anything"), 1.0);
    assert_eq!(agreement("A WS", "AWS"), 0.0);
}

#[test]
fn pair_agreement_sees_columns_glued_together() {
    // Two columns: the reference reads one after the other, a bad reading interleaves them.
    let reference = "spring boot\npostgres admin\nleft one\nright two";
    assert_eq!(pair_agreement(reference, reference), (1.0, 0.0));
    let interleaved = "spring boot right two\npostgres admin left one";
    let (kept, invented) = pair_agreement(reference, interleaved);
    assert_eq!(kept, 1.0);
    // "boot right" is a pair the reference never has ("admin left" it has, across a line break).
    assert!((invented - 1.0 / 6.0).abs() < 1e-9, "{invented}");
    let split = "spring\nboot"; // a break inside a line keeps the pair
    assert_eq!(pair_agreement("spring boot", split).0, 1.0);
}

#[test]
fn pipeline_agrees_with_pdftotext_on_real_resumes() {
    let Some(dir) = corpus() else { return };
    if !have_pdftotext() {
        return;
    }
    let files = text_bearing_resumes(&dir);
    assert!(
        files.len() >= 15,
        "text-bearing resumes found: {}",
        files.len()
    );
    let mut figures = Vec::new();
    let mut pairs = Vec::new();
    for path in &files {
        let reference = pdftotext(path).expect("pdftotext reads every real resume");
        let bytes = std::fs::read(path).unwrap();
        let ours = pdf::extract(path, &bytes).unwrap_or_else(|e| panic!("{e}"));
        // Measured on the text the matcher sees: normalization joins words hyphenated across
        // lines, as pdftotext does.
        let normalized = resumescan::normalize(&ours.text);
        let a = agreement(&reference, &normalized);
        let (kept, invented) = pair_agreement(&reference, &normalized);
        println!(
            "  {}: agreement {a:.3}, word pairs kept {kept:.3}, invented {invented:.3} ({}, {} words{})",
            path.file_name().unwrap().to_string_lossy(),
            ours.engine.name(),
            ours.quality.words,
            ours.quality
                .problem
                .map_or(String::new(), |p| format!(", {}", p.describe()))
        );
        figures.push((path.clone(), a));
        pairs.push((kept, invented));
    }
    let min = figures.iter().map(|f| f.1).fold(f64::INFINITY, f64::min);
    let mean = figures.iter().map(|f| f.1).sum::<f64>() / figures.len() as f64;
    println!(
        "agreement with pdftotext on {} resumes: min {min:.3}, mean {mean:.3}",
        figures.len()
    );
    let kept = pairs.iter().map(|p| p.0).sum::<f64>() / pairs.len() as f64;
    let invented = pairs.iter().map(|p| p.1).sum::<f64>() / pairs.len() as f64;
    println!("reading order: word pairs kept {kept:.3}, invented {invented:.3} (means)");
    // Measured 0.992 and 0.013: columns are read one after the other, not glued line by line.
    assert!(
        kept >= 0.98 && invented <= 0.03,
        "reading order: kept {kept:.3}, invented {invented:.3}"
    );
    for (path, a) in &figures {
        assert!(
            *a >= AGREEMENT_FLOOR,
            "{}: agreement {a:.3} < {AGREEMENT_FLOOR}",
            path.display()
        );
    }
}

#[test]
fn encryption_with_an_empty_user_password_is_read_and_a_real_one_refused() {
    let Some(dir) = corpus() else { return };
    let torture = dir.join("pdf-torture");
    let analyzer = Analyzer::new().unwrap();
    for name in [
        "syn_enc_rc4_40_emptyuser.pdf",
        "syn_enc_rc4_128_emptyuser.pdf",
        "syn_enc_aes128_emptyuser.pdf",
        "syn_enc_aes256_emptyuser.pdf",
    ] {
        let doc = analyzer.analyze_path(&torture.join(name)).unwrap();
        assert_eq!(doc.status, Status::Ok, "{name}");
        assert!(doc.text.words > 300, "{name}: {} words", doc.text.words);
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
    }
    for name in ["syn_enc_aes256_userpw.pdf", "pdfjs__issue3371.pdf"] {
        let path = torture.join(name);
        match analyzer.analyze_path(&path) {
            Err(e @ Error::Encrypted { .. }) => assert_eq!(e.kind(), "encrypted"),
            other => panic!("{name}: {other:?}"),
        }
        // Every engine says so on its own, including lopdf, which hides it (ok, no text).
        let bytes = std::fs::read(&path).unwrap();
        for &engine in Engine::all() {
            match pdf::extract_with(engine, &path, &bytes) {
                Err(Error::Encrypted { .. }) => {}
                other => panic!("{name} with {}: {other:?}", engine.name()),
            }
        }
    }
}

#[test]
fn split_words_of_a_google_docs_resume_are_avoided() {
    // pdf-extract reads r-005 (Google Docs) with words split and glued; the pipeline must not.
    let Some(dir) = corpus() else { return };
    let path = dir.join("resumes/r-005.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let raw = pdf::extract_with(Engine::PdfExtract, &path, &bytes).unwrap();
    let ours = pdf::extract(&path, &bytes).unwrap();
    assert!(ours.quality.passed(), "{:?}", ours.quality);
    let bad = ["express.jsto", "likegitand"];
    let lower = ours.text.to_lowercase();
    for glued in bad {
        assert!(!lower.contains(glued), "pipeline text contains {glued}");
    }
    assert!(
        ours.quality.split_share <= raw.quality.split_share,
        "{:?} vs {:?}",
        ours.quality,
        raw.quality
    );
}

/// One candidate's figures over a set of files.
#[derive(Default)]
struct Row {
    ms: Vec<f64>,
    agreement: Vec<f64>,
    errors: usize,
    panics: usize,
    gate_failures: usize,
    /// Skills found in pdftotext's text, in ours, and in both.
    skills: (usize, usize, usize),
}

impl Row {
    fn line(&self, name: &str) -> String {
        let mut ms = self.ms.clone();
        ms.sort_by(f64::total_cmp);
        let median = ms.get(ms.len() / 2).copied().unwrap_or(f64::NAN);
        let mean = self.agreement.iter().sum::<f64>() / self.agreement.len().max(1) as f64;
        let min = self.agreement.iter().copied().fold(f64::INFINITY, f64::min);
        let below = self
            .agreement
            .iter()
            .filter(|a| **a < AGREEMENT_FLOOR)
            .count();
        let (want, got, both) = self.skills;
        format!(
            "| {name} | {median:.1} | {mean:.3} / {min:.3} | {below} | {:.3} / {:.3} | {} | {} | {} |",
            both as f64 / want.max(1) as f64,
            both as f64 / got.max(1) as f64,
            self.errors,
            self.panics,
            self.gate_failures
        )
    }
}

fn skill_ids(analyzer: &Analyzer, text: &str) -> std::collections::BTreeSet<String> {
    analyzer
        .analyze_text(text)
        .skills
        .into_iter()
        .map(|s| s.id.to_string())
        .collect()
}

#[test]
#[ignore = "a measurement: run with --release -- --ignored --nocapture"]
fn compare_engines() {
    let Some(dir) = corpus() else { return };
    if !have_pdftotext() {
        return;
    }
    let analyzer = Analyzer::new().unwrap();
    let livecareer = dir.join("datasets/livecareer-resume-pdfs/pdf");
    let mut sets: Vec<(&str, Vec<PathBuf>)> = vec![("resumes", text_bearing_resumes(&dir))];
    let mut lc: Vec<PathBuf> = std::fs::read_dir(&livecareer)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    lc.sort();
    sets.push(("livecareer", lc));
    // Each engine alone, then orders of the pipeline (the first is ENGINE_ORDER).
    use Engine::{Lopdf, PdfExtract, PdfOxide};
    // An empty order stands for the shipped pipeline, `pdf::extract`.
    let mut candidates: Vec<(String, Vec<Engine>)> = Engine::all()
        .iter()
        .map(|&e| (e.name().to_string(), vec![e]))
        .collect();
    candidates.push(("pipeline (pdf::extract)".to_string(), Vec::new()));
    for order in [
        vec![PdfOxide, Lopdf, PdfExtract],
        vec![Lopdf, PdfOxide, PdfExtract],
        vec![Lopdf, PdfExtract, PdfOxide],
        vec![PdfExtract, Lopdf, PdfOxide],
    ] {
        let name = order
            .iter()
            .map(|e| e.name())
            .collect::<Vec<_>>()
            .join(" > ");
        if !candidates.iter().any(|(n, _)| *n == name) {
            candidates.push((name, order));
        }
    }
    std::panic::set_hook(Box::new(|_| {})); // panics are counted, not printed
    for (set, files) in sets {
        let mut rows: Vec<Row> = candidates.iter().map(|_| Row::default()).collect();
        for path in &files {
            let Some(reference) = pdftotext(path) else {
                continue;
            };
            let want = skill_ids(&analyzer, &reference);
            let bytes = std::fs::read(path).unwrap();
            for ((_, order), row) in candidates.iter().zip(rows.iter_mut()) {
                let mut best = f64::INFINITY;
                let mut result = None;
                for _ in 0..3 {
                    let start = Instant::now();
                    let r = match order.as_slice() {
                        [] => pdf::extract(path, &bytes),
                        [engine] => pdf::extract_with(*engine, path, &bytes),
                        order => pdf::extract_in_order(order, path, &bytes),
                    };
                    best = best.min(start.elapsed().as_secs_f64() * 1000.0);
                    result = Some(r);
                }
                row.ms.push(best);
                let text = match result {
                    Some(Ok(t)) => {
                        row.gate_failures += usize::from(!t.quality.passed());
                        t.text
                    }
                    Some(Err(Error::Panic { .. })) => {
                        row.panics += 1;
                        String::new()
                    }
                    _ => {
                        row.errors += 1;
                        String::new()
                    }
                };
                row.agreement
                    .push(agreement(&reference, &resumescan::normalize(&text)));
                let got = skill_ids(&analyzer, &text);
                row.skills.0 += want.len();
                row.skills.1 += got.len();
                row.skills.2 += want.intersection(&got).count();
            }
        }
        println!("\n{set}: {} files", files.len());
        println!(
            "| engine | median ms/file | agreement mean / min | files < {AGREEMENT_FLOOR} | \
             skill recall / precision vs pdftotext | errors | panics | gate failures |"
        );
        println!("|---|---|---|---|---|---|---|---|");
        for ((name, _), row) in candidates.iter().zip(&rows) {
            println!("{}", row.line(name));
        }
        // The shipped order must read every real resume without an error.
        let shipped = &rows[Engine::all().len()];
        assert_eq!(shipped.errors + shipped.panics, 0, "{set}");
    }
}

#[test]
fn text_no_engine_reads_cleanly_is_kept_with_a_warning() {
    let Some(dir) = corpus() else { return };
    let analyzer = Analyzer::new().unwrap();
    // Every engine splits this file's words into fragments.
    let doc = analyzer
        .analyze_path(&dir.join("pdf-torture/pdfjs__bug946506.pdf"))
        .unwrap();
    assert_eq!(doc.status, Status::Ok);
    assert!(doc.extractor.is_some());
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert_eq!(doc.warnings[0].kind, "garbled_text");
    assert!(doc.warnings[0].message.contains("split"));
    // A clean file names its engine and has no warning.
    let doc = analyzer
        .analyze_path(&dir.join("resumes/r-005.pdf"))
        .unwrap();
    assert_eq!(doc.extractor.as_deref(), Some(pdf::ENGINE_ORDER[0].name()));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}
