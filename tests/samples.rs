//! The bundled samples: precision and recall against their expected-skills files, and the score
//! properties the README promises.

#![allow(clippy::print_stdout)] // the figures are part of the test output

use resumescan::{Analyzer, DocumentReport, Status};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn expected(stem: &str) -> BTreeSet<String> {
    let path = root().join("expected").join(format!("{stem}.skills"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn found(doc: &DocumentReport) -> BTreeSet<String> {
    doc.skills.iter().map(|s| s.id.to_string()).collect()
}

/// Every sample resume (text, PDF and HTML) with its stem.
fn sample_files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in [
        root().join("resumes"),
        root().join("resumes/pdf"),
        root().join("resumes/html"),
    ] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for p in entries {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((stem, p));
        }
    }
    out
}

#[test]
fn samples_precision_and_recall() {
    let analyzer = Analyzer::new().unwrap();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    for (stem, path) in sample_files() {
        let doc = analyzer.analyze_path(&path).unwrap();
        assert_eq!(doc.status, Status::Ok, "{}", path.display());
        let want = expected(&stem);
        let got = found(&doc);
        let extra: Vec<_> = got.difference(&want).cloned().collect();
        let missed: Vec<_> = want.difference(&got).cloned().collect();
        tp += got.intersection(&want).count();
        fp += extra.len();
        fn_ += missed.len();
        if !extra.is_empty() || !missed.is_empty() {
            problems.push(format!(
                "{}: false positives {extra:?}, misses {missed:?}",
                path.display()
            ));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("samples: {tp} true positives, {fp} false positives, {fn_} misses");
    println!("samples: precision {precision:.3}, recall {recall:.3}");
    for p in &problems {
        println!("  {p}");
    }
    assert!(
        precision >= 0.95,
        "precision {precision:.3} < 0.95\n{}",
        problems.join("\n")
    );
    assert!(
        recall >= 0.95,
        "recall {recall:.3} < 0.95\n{}",
        problems.join("\n")
    );
}

#[test]
fn strong_backend_resumes_score_above_70_and_non_tech_below_15() {
    let analyzer = Analyzer::new().unwrap();
    let score = |name: &str| {
        analyzer
            .analyze_path(&root().join("resumes").join(name))
            .unwrap()
            .score
    };
    for strong in ["go-backend.txt", "java-spring.txt", "python-django.txt"] {
        let s = score(strong);
        println!("{strong}: {s}");
        assert!(s > 70.0, "{strong} scored {s}");
    }
    let s = score("marketing-manager.txt");
    println!("marketing-manager.txt: {s}");
    assert!(s < 15.0, "marketing-manager scored {s}");
    assert!(score("frontend-developer.txt") < score("php-laravel.txt"));
}

#[test]
fn adding_a_relevant_skill_never_lowers_the_score() {
    let analyzer = Analyzer::new().unwrap();
    let additions = [
        "\nSKILLS\nKafka",
        "\nEXPERIENCE\nBuilt services in Go 1.22 with PostgreSQL",
        "\nAlso: Redis, gRPC, Terraform",
        "\nPROJECTS\n• A Rust CLI tested with unit tests",
    ];
    for (_, path) in sample_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if text.is_empty() {
            continue; // PDFs
        }
        let base = analyzer.analyze_text(&text);
        for add in additions {
            let more = analyzer.analyze_text(&format!("{text}{add}"));
            assert!(
                more.score >= base.score,
                "{}: adding {add:?} lowered {} -> {}",
                path.display(),
                base.score,
                more.score
            );
        }
    }
}

#[test]
fn pdf_and_html_samples_match_their_text_versions() {
    let analyzer = Analyzer::new().unwrap();
    let mut compared = 0;
    for (stem, path) in sample_files() {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if ext == "pdf" || ext == "html" {
            let doc = analyzer.analyze_path(&path).unwrap();
            let txt = analyzer
                .analyze_path(&root().join("resumes").join(format!("{stem}.txt")))
                .unwrap();
            assert_eq!(doc.format.as_deref(), Some(ext));
            assert_eq!(found(&doc), found(&txt), "{stem}.{ext}");
            compared += 1;
        }
    }
    assert_eq!(compared, 4, "three PDF samples and one HTML sample");
}

#[test]
fn every_reported_skill_has_evidence_with_line_and_snippet() {
    let analyzer = Analyzer::new().unwrap();
    for (_, path) in sample_files() {
        let doc = analyzer.analyze_path(&path).unwrap();
        for skill in &doc.skills {
            assert!(
                !skill.evidence.is_empty(),
                "{}: {}",
                path.display(),
                skill.id
            );
            for e in &skill.evidence {
                assert!(e.line >= 1 && e.line <= doc.text.lines);
                assert!(!e.snippet.is_empty());
            }
        }
    }
}

#[test]
fn keyword_stuffing_is_flagged_only_for_bare_lists() {
    let analyzer = Analyzer::new().unwrap();
    let list = "Go, Java, Python, PHP, Ruby, Rust, Kotlin, Scala, Elixir, Erlang, PostgreSQL, \
                MySQL, Redis, MongoDB, Cassandra, Kafka, RabbitMQ, Docker, Kubernetes, Terraform, \
                Ansible, Jenkins, AWS, GCP, Azure, gRPC, GraphQL, Django, Flask, Laravel";
    let stuffed =
        analyzer.analyze_text(&format!("SKILLS\n{list}\nEXPERIENCE\nCashier, 2019 - 2023"));
    assert!(stuffed.skills.len() >= 25);
    assert!(stuffed
        .warnings
        .iter()
        .any(|w| w.kind == "keyword_stuffing"));
    for (_, path) in sample_files() {
        let doc = analyzer.analyze_path(&path).unwrap();
        assert!(
            doc.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            doc.warnings
        );
    }
}

#[test]
fn redaction_masks_contact_details_in_snippets() {
    let analyzer = Analyzer::new().unwrap();
    let mut doc = analyzer.analyze_text(
        "EXPERIENCE\nGo developer, reach me at jane@example.com or +1 555 014 2290, github.com/jane",
    );
    doc.path = "jane@example.com.txt".into();
    doc.redact();
    let json = serde_json::to_string(&doc).unwrap();
    assert!(
        !json.contains("jane@example.com") && !json.contains("555 014"),
        "{json}"
    );
    assert!(json.contains("[email]") && json.contains("[phone]"));
}

#[test]
fn years_of_experience_from_dates_and_statements() {
    let analyzer = Analyzer::builder().today(2026, 11).build().unwrap();
    let text = "EXPERIENCE\n\
        Backend Engineer, Acme    Jan 2019 – Present\n\
        • Go services on PostgreSQL\n\
        Part-time instructor    Sep 2021 - Current\n\
        • Teaching Go to beginners\n\
        Engineer, Beta    2016-2018\n\
        • Go and Python tooling\n\
        Intern, Gamma    03/2014 - 08/2014\n\
        • Kafka consumers\n\
        SKILLS\n\
        Rust (4 yrs), 3 years experience with Terraform";
    let doc = analyzer.analyze_text(text);
    let skill = |id: &str| doc.skills.iter().find(|s| s.id == id).unwrap();
    // 2016-01..2018-12 and 2019-01..2026-11, the overlapping part-time job not counted twice.
    assert_eq!(skill("go").years, Some(10.9));
    assert_eq!(skill("go").last_used, Some(2026));
    assert_eq!(skill("python").years, Some(3.0));
    assert_eq!(skill("python").last_used, Some(2018));
    assert_eq!(skill("kafka").years, Some(0.5));
    assert_eq!(skill("kafka").last_used, Some(2014));
    assert_eq!(skill("rust").years, Some(4.0));
    assert_eq!(skill("terraform").years, Some(3.0));
    assert_eq!(skill("rust").last_used, None);
    let stated = analyzer.analyze_text(
        "SUMMARY\n6+ years of Go and Kubernetes.\nEXPERIENCE\nDev, 2010 - 2024\n• Go microservices",
    );
    assert_eq!(
        stated.skills.iter().find(|s| s.id == "go").unwrap().years,
        Some(6.0)
    );
}
