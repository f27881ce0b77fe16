//! A batch of 2,000 generated resumes — text and PDF, some broken, some duplicated: every file
//! appears exactly once in every format, and the output does not depend on the thread count.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const FILES: usize = 2_000;

const SKILLS: &[&str] = &[
    "Go",
    "Java 17",
    "Python",
    "PHP",
    "Ruby on Rails",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Kafka",
    "RabbitMQ",
    "Docker",
    "Kubernetes",
    "AWS",
    "Terraform",
    "gRPC",
    "REST APIs",
    "GraphQL",
    "Spring Boot",
    "Django",
    "Laravel",
    "JUnit",
    "pytest",
    "OAuth2",
    "CI/CD",
    "Linux",
    "Git",
];

/// Writes the batch and returns every file name, sorted.
fn build_batch(dir: &Path) -> Vec<String> {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut names = Vec::with_capacity(FILES);
    for i in 0..FILES {
        let sub = dir.join(format!("team-{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let n_skills = (next() % 12) as usize;
        let skills: Vec<&str> = (0..n_skills)
            .map(|_| SKILLS[(next() % SKILLS.len() as u64) as usize])
            .collect();
        let text = format!(
            "Candidate {i}\nSKILLS\n{}\nEXPERIENCE\nEngineer, Company {i}, 2018 - 2023\n• Built services with {}\n",
            skills.join(", "),
            skills.first().copied().unwrap_or("spreadsheets")
        );
        let (name, bytes): (String, Vec<u8>) = match i % 50 {
            // Broken files: a PDF cut short, garbage with a PDF header, binary data as text.
            // (Each carries its number, so no two broken files are duplicates of each other.)
            7 => (format!("r{i:04}.pdf"), {
                let pdf = support::pdfgen::text_to_pdf(&text);
                let mut cut = pdf[..pdf.len() / 3].to_vec();
                cut.extend(format!("%{i}").bytes());
                cut
            }),
            17 => (
                format!("r{i:04}.pdf"),
                format!("%PDF-1.7\n\x00\x01garbage {i}").into_bytes(),
            ),
            27 => (format!("r{i:04}.txt"), {
                let mut noise: Vec<u8> = (0..512u32).map(|k| (k * 37 % 251) as u8).collect();
                noise.extend(format!("{i}").bytes());
                noise
            }),
            // Duplicates of the previous file's content under another name.
            37 => (
                format!("r{i:04}.txt"),
                format!("Candidate {}\n", i - 1).into_bytes(),
            ),
            _ if i % 3 == 0 => (format!("r{i:04}.pdf"), support::pdfgen::text_to_pdf(&text)),
            _ => (format!("r{i:04}.txt"), text.into_bytes()),
        };
        let name = if i % 50 == 36 {
            // The original of the next file's duplicate.
            let name = format!("r{i:04}.txt");
            std::fs::write(sub.join(&name), format!("Candidate {i}\n")).unwrap();
            name
        } else {
            std::fs::write(sub.join(&name), bytes).unwrap();
            name
        };
        names.push(format!("team-{}/{name}", i % 7));
    }
    names.sort();
    names
}

fn scan(dir: &Path, jobs: &str, format: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("resumescan")
        .unwrap()
        .current_dir(dir)
        .args(["scan", "--quiet", "--jobs", jobs])
        .args(format)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "broken files make the exit code 2"
    );
    assert!(out.stderr.is_empty(), "--quiet keeps stderr empty");
    out.stdout
}

fn rel(path: &str) -> String {
    path.trim_start_matches("./").to_string()
}

#[test]
fn every_file_once_in_every_format_and_independent_of_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmp.path().to_path_buf();
    let names = build_batch(&dir);
    let expected: BTreeSet<String> = names.iter().cloned().collect();

    // JSON
    let json1 = scan(&dir, "1", &["--format", "json"]);
    let json2 = scan(&dir, "2", &["--format", "json"]);
    assert!(
        json1 == json2,
        "json output differs between --jobs 1 and --jobs 2"
    );
    let report: Value = serde_json::from_slice(&json1).unwrap();
    let docs = report["documents"].as_array().unwrap();
    let paths: Vec<String> = docs
        .iter()
        .map(|d| rel(d["path"].as_str().unwrap()))
        .collect();
    assert_eq!(paths.len(), FILES);
    assert_eq!(paths.iter().cloned().collect::<BTreeSet<_>>(), expected);
    let count = |status: &str| docs.iter().filter(|d| d["status"] == status).count();
    assert_eq!(count("duplicate"), FILES / 50);
    assert_eq!(count("error"), 3 * FILES / 50);
    for d in docs.iter().filter(|d| d["status"] == "duplicate") {
        let original = rel(d["duplicate_of"].as_str().unwrap());
        assert!(expected.contains(&original));
        assert!(
            original < rel(d["path"].as_str().unwrap()),
            "first in input order wins"
        );
    }
    assert_eq!(report["summary"]["documents"], FILES);
    assert_eq!(report["summary"]["duplicate"], FILES / 50);
    assert!(report["summary"]["score_quartiles"]
        .as_array()
        .is_some_and(|q| q.len() == 5));
    assert!(!report["summary"]["top_skills"]
        .as_array()
        .unwrap()
        .is_empty());

    // NDJSON, in input order with --sorted
    let nd1 = scan(&dir, "1", &["--format", "ndjson", "--sorted"]);
    let nd2 = scan(&dir, "2", &["--format", "ndjson", "--sorted"]);
    assert!(
        nd1 == nd2,
        "ndjson --sorted output differs between --jobs 1 and --jobs 2"
    );
    let lines: Vec<Value> = std::str::from_utf8(&nd1)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), FILES + 1);
    let nd_paths: Vec<String> = lines[..FILES]
        .iter()
        .map(|l| rel(l["path"].as_str().unwrap()))
        .collect();
    assert_eq!(nd_paths, paths, "same order as the json report");
    assert_eq!(lines[FILES]["type"], "summary");
    // Unsorted NDJSON has the same lines, in any order.
    let nd_any = scan(&dir, "2", &["--format", "ndjson"]);
    let mut a: Vec<&str> = std::str::from_utf8(&nd_any).unwrap().lines().collect();
    let mut b: Vec<&str> = std::str::from_utf8(&nd1).unwrap().lines().collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);

    // CSV, read back with a standard CSV reader
    let csv1 = scan(&dir, "1", &["--format", "csv"]);
    let csv2 = scan(&dir, "2", &["--format", "csv"]);
    assert!(
        csv1 == csv2,
        "csv output differs between --jobs 1 and --jobs 2"
    );
    let mut reader = csv::Reader::from_reader(csv1.as_slice());
    let width = reader.headers().unwrap().len();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), FILES, "one row per file");
    assert!(rows.iter().all(|r| r.len() == width));
    let csv_paths: BTreeSet<String> = rows.iter().map(|r| rel(&r[0])).collect();
    assert_eq!(csv_paths, expected);
}

#[test]
fn sort_top_include_exclude_and_files_from() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "SKILLS\nGo, PostgreSQL, Kafka, Docker, Kubernetes, AWS",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "SKILLS\nExcel").unwrap();
    std::fs::write(dir.join("c.md"), "SKILLS\nJava, Spring Boot").unwrap();
    std::fs::write(dir.join("drafts/d.txt"), "SKILLS\nRust").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "SKILLS\nRust").unwrap();
    let run = |args: &[&str]| -> Vec<String> {
        let out = Command::cargo_bin("resumescan")
            .unwrap()
            .current_dir(dir)
            .arg("scan")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| rel(d["path"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(
        run(&["."]),
        ["a.txt", "b.txt", "c.md", "drafts/d.txt"],
        "hidden files skipped"
    );
    assert_eq!(
        run(&["--sort", "score", "--top", "2", "."]),
        ["a.txt", "c.md"]
    );
    assert_eq!(
        run(&["--include", "*.txt", "--exclude", "drafts/**", "."]),
        ["a.txt", "b.txt"]
    );
    std::fs::write(dir.join("list"), "c.md\n\nb.txt\r\n").unwrap();
    assert_eq!(run(&["--files-from", "list"]), ["c.md", "b.txt"]);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // Far more output than a pipe buffer holds, so the writer really meets a closed pipe.
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            tmp.path().join(format!("r{i:03}.txt")),
            format!("Candidate {i}\nSKILLS\nGo, Kafka, PostgreSQL, Docker, AWS, Terraform, gRPC"),
        )
        .unwrap();
    }
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' scan --format ndjson --sorted '{}' | head -n 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_resumescan"),
            tmp.path().display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0",
        "exit code 0 on a closed pipe"
    );
}
