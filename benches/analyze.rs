//! Criterion benchmarks of each stage, with throughput counters. Each set-up asserts the number
//! of skills found, so a benchmark can never time a broken matcher.
//!
//! `cargo bench --bench analyze` (add `-- <filter>` for one group).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rayon::prelude::*;
use resumescan::{Analyzer, DocumentReport};
use std::hint::black_box;
use std::path::Path;

fn sample(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples/resumes")
            .join(name),
    )
    .unwrap()
}

/// A resume text of about `bytes` bytes, made of the sample resumes in turn.
fn text_of_size(bytes: usize) -> String {
    let parts = [
        "go-backend.txt",
        "java-spring.txt",
        "python-django.txt",
        "php-laravel.txt",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&sample(parts[i % parts.len()]));
        text.push('\n');
        i += 1;
    }
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

fn startup(c: &mut Criterion) {
    let skills = Analyzer::new().unwrap().dictionary().skills().len();
    assert!(skills >= 100, "built-in dictionary has {skills} skills");
    c.bench_function("startup/dictionaries+automaton", |b| {
        b.iter(|| black_box(Analyzer::new().unwrap()))
    });
}

/// A user taxonomy of `n` skills (one alias each) and `2n` tech words, as TOML.
fn taxonomy(n: usize) -> String {
    let words: Vec<String> = (0..2 * n).map(|i| format!("\"techword{i}\"")).collect();
    let mut toml = format!(
        "[dictionary]\nname = \"taxonomy\"\nversion = \"1\"\n\n[context]\ntech_words = [{}]\n",
        words.join(", ")
    );
    for i in 0..n {
        toml.push_str(&format!(
            "\n[[skill]]\nid = \"tax-{i}\"\nname = \"Skill {i}\"\ncategory = \"frameworks\"\naliases = [\"taxskill{i}\"]\n"
        ));
    }
    toml
}

/// Loading a large user taxonomy on top of the built-in dictionaries: linear, not quadratic.
fn dictionary_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("dictionary_load");
    group.sample_size(10);
    for n in [10_000, 40_000] {
        let toml = taxonomy(n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let extra = resumescan::Dictionary::from_toml_str("taxonomy", &toml).unwrap();
                black_box(Analyzer::builder().dictionary(extra).build().unwrap())
            })
        });
    }
    group.finish();
}

fn analyze_text(c: &mut Criterion) {
    text_path(c, "analyze_text", Analyzer::analyze_text);
}

/// `analyze_text` less the candidate facts (experience, seniority, education, blind-screening
/// and duplicate facts): the skills' path alone, to compare with versions that had no such facts.
fn analyze_skills(c: &mut Criterion) {
    text_path(c, "analyze_skills", Analyzer::analyze_skills);
}

/// A group timing `analyze` on texts of 2, 10 and 100 KB.
fn text_path(c: &mut Criterion, name: &str, analyze: fn(&Analyzer, &str) -> DocumentReport) {
    let analyzer = Analyzer::new().unwrap();
    let mut group = c.benchmark_group(name);
    for (label, size) in [("2KB", 2_000), ("10KB", 10_000), ("100KB", 100_000)] {
        let text = text_of_size(size);
        let found = analyze(&analyzer, &text).skills.len();
        assert!(found >= 15, "{label}: only {found} skills found");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, t| {
            b.iter(|| black_box(analyze(&analyzer, t)))
        });
    }
    group.finish();
}

/// The part of `analyze_text` that possible duplicates cost: contacts and the MinHash signature.
fn fingerprint(c: &mut Criterion) {
    let mut group = c.benchmark_group("duplicates/fingerprint");
    for (label, size) in [("2KB", 2_000), ("10KB", 10_000)] {
        let text = text_of_size(size);
        let a = resumescan::duplicates::Fingerprint::of(&text);
        assert_eq!(a.similarity(&a), Some(1.0), "{label}: the text is compared");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, t| {
            b.iter(|| black_box(resumescan::duplicates::Fingerprint::of(t)))
        });
    }
    group.finish();
}

fn normalize(c: &mut Criterion) {
    let ascii = text_of_size(10_000);
    let unicode = ascii.replace("fi", "\u{FB01}").replace("• ", "\u{25AA} ");
    assert_eq!(
        resumescan::normalize(&unicode).matches("fi").count(),
        resumescan::normalize(&ascii).matches("fi").count()
    );
    let mut group = c.benchmark_group("normalize");
    for (label, text) in [("ascii-10KB", &ascii), ("ligatures-10KB", &unicode)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), text, |b, t| {
            b.iter(|| black_box(resumescan::normalize(t)))
        });
    }
    group.finish();
}

fn pdf_extraction(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes/pdf/go-backend.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let text = resumescan::extract::extract_bytes(&path, &bytes)
        .unwrap()
        .text;
    assert!(text.contains("Golang"));
    let pages = 2; // 89 lines at 60 lines a page
    let mut group = c.benchmark_group("pdf_extraction");
    group.throughput(Throughput::Elements(pages));
    group.bench_function("per-page/go-backend.pdf", |b| {
        b.iter(|| black_box(resumescan::extract::extract_bytes(&path, &bytes).unwrap()))
    });
    group.finish();
}

fn scoring(c: &mut Criterion) {
    let analyzer = Analyzer::new().unwrap();
    let doc = analyzer.analyze_text(&sample("go-backend.txt"));
    // As many skills as a careful reader credits the resume with (samples/expected).
    let expected = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/expected/go-backend.skills"),
    )
    .unwrap()
    .lines()
    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    .count();
    assert_eq!(doc.skills.len(), expected);
    let skills: Vec<resumescan::score::ScoredSkill<'_>> = doc
        .skills
        .iter()
        .map(|s| resumescan::score::ScoredSkill {
            id: &s.id,
            category: &s.category,
            points: s.points,
            implied: false,
        })
        .collect();
    c.bench_function("scoring/go-backend", |b| {
        b.iter(|| {
            black_box(resumescan::score::score(
                analyzer.profile(),
                analyzer.dictionary(),
                &skills,
            ))
        })
    });
}

fn batch(c: &mut Criterion) {
    let analyzer = Analyzer::new().unwrap();
    let texts: Vec<String> = (0..200)
        .map(|i| text_of_size(3_000 + (i % 7) * 1_000))
        .collect();
    let total: usize = texts.iter().map(String::len).sum();
    let found: usize = texts
        .iter()
        .map(|t| analyzer.analyze_text(t).skills.len())
        .sum();
    assert!(found >= 200 * 15);
    let mut group = c.benchmark_group("batch-200-texts");
    group.throughput(Throughput::Bytes(total as u64));
    for jobs in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .unwrap();
        group.bench_function(format!("jobs-{jobs}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    texts
                        .par_iter()
                        .map(|t| analyzer.analyze_text(t).score)
                        .sum::<f64>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    startup,
    dictionary_load,
    analyze_text,
    analyze_skills,
    fingerprint,
    normalize,
    pdf_extraction,
    scoring,
    batch
);
criterion_main!(benches);
