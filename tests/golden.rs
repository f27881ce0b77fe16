//! Golden files: the report on `samples/` in every output format, and the report's JSON Schema,
//! byte for byte. A change to any output shows up here as a diff to review.
//!
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the files in `tests/golden/` and
//! `report.schema.json` from the current program; commit them with the change that explains them.

mod support;

use std::path::{Path, PathBuf};
use support::cli::bin;

/// A fixed clock (2026-12-04) for the HTML report's date and the month "Present" stands for, so
/// the reports are the same on every run, whatever the date.
const SOURCE_DATE_EPOCH: &str = "1796342400";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `actual` with the golden file `path`, or rewrites it under `UPDATE_GOLDEN=1`.
fn check(path: PathBuf, actual: &[u8]) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; `UPDATE_GOLDEN=1 cargo test --test golden` writes it",
            path.display()
        )
    });
    if expected != actual {
        let (expected, actual) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the program's output, first at line {}:\n  expected: {}\n  actual:   {}\n\
             If the change is intended, `UPDATE_GOLDEN=1 cargo test --test golden` rewrites it.",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("(end of file)"),
            actual.lines().nth(first).unwrap_or("(end of file)"),
        );
    }
}

/// `resumescan scan ARGS` run from the project folder, its standard output.
fn scan(args: &[&str]) -> Vec<u8> {
    let out = bin()
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .arg("scan")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "scan {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn every_format_on_the_samples() {
    for (format, file) in [
        ("json", "samples.json"),
        ("ndjson", "samples.ndjson"),
        ("csv", "samples.csv"),
        ("table", "samples.table"),
        ("html", "samples.html"),
    ] {
        let out = scan(&["--sorted", "--format", format, "samples/resumes"]);
        check(root().join("tests/golden").join(file), &out);
    }
}

#[test]
fn a_job_match_on_the_samples() {
    let job = "samples/jobs/go-platform-engineer.md";
    let json = scan(&["--format", "json", "--job", job, "samples/resumes"]);
    check(root().join("tests/golden/samples-job.json"), &json);
    let table = scan(&[
        "--format",
        "table",
        "--job",
        job,
        "--sort",
        "match",
        "samples/resumes",
    ]);
    check(root().join("tests/golden/samples-job.table"), &table);
}

#[test]
fn the_report_schema_is_current() {
    let schema = format!("{}\n", resumescan::report::json_schema());
    check(root().join("report.schema.json"), schema.as_bytes());
    // And the schema still accepts what the program writes.
    let report: serde_json::Value =
        serde_json::from_slice(&scan(&["--format", "json", "samples/resumes"])).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
