//! The command line as a user and a pipeline see it: exit codes, stdout/stderr, error entries.

mod support;

use serde_json::Value;
use std::path::Path;
use support::cli::{bin, json_of, samples};

#[test]
fn scan_samples_reports_every_file_and_validates_against_the_schema() {
    let out = bin()
        .args(["scan", "--quiet"])
        .arg(samples().join("resumes"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json_of(&out.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 14, "10 text, 3 PDF and 1 HTML samples");
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "documents come in sorted path order");
    for d in docs {
        assert_eq!(d["status"], "ok");
        for field in ["score", "categories", "skills", "text"] {
            assert!(d.get(field).is_some(), "document lacks {field}");
        }
    }
    for field in [
        "schema_version",
        "tool",
        "profile",
        "dictionaries",
        "summary",
    ] {
        assert!(report.get(field).is_some(), "report lacks {field}");
    }
    assert!(report["dictionaries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| { d["fingerprint"].as_str().is_some_and(|f| f.len() == 16) }));

    let schema_out = bin().arg("schema").output().unwrap();
    assert!(schema_out.status.success());
    let schema = json_of(&schema_out.stdout);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:?}");
    // The schema is strict enough to notice a broken report.
    let mut broken = report.clone();
    broken["documents"][0]["status"] = Value::from("maybe");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn bad_inputs_are_reported_and_do_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("random.bin");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&binary, noise).unwrap();
    let truncated = dir.path().join("truncated.pdf");
    let pdf = std::fs::read(samples().join("resumes/pdf/go-backend.pdf")).unwrap();
    std::fs::write(&truncated, &pdf[..pdf.len() / 2]).unwrap();
    let missing = dir.path().join("missing.pdf");
    let good = samples().join("resumes/go-backend.txt");

    let out = bin()
        .arg("scan")
        .args([&missing, &empty, &binary, &truncated, &good])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = json_of(&out.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let by_name = |name: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} not in report"))
    };
    assert_eq!(by_name("missing.pdf")["error"]["kind"], "not_found");
    assert_eq!(by_name("empty.txt")["status"], "empty");
    assert_eq!(by_name("random.bin")["error"]["kind"], "unsupported_format");
    assert_eq!(by_name("truncated.pdf")["status"], "error");
    assert_eq!(by_name("go-backend.txt")["status"], "ok");

    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in ["missing.pdf", "random.bin", "truncated.pdf"] {
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "one stderr line for {name}:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn directory_without_supported_files_is_an_error_entry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.jpg"), b"\xFF\xD8\xFF").unwrap();
    let out = bin().arg("scan").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = json_of(&out.stdout);
    assert_eq!(
        report["documents"][0]["error"]["kind"],
        "no_supported_files"
    );
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("no .pdf, .docx, .odt, .html, .txt or .md files"));
}

#[test]
fn stdin_is_one_document() {
    let out = bin()
        .args(["scan", "-"])
        .write_stdin("EXPERIENCE\nBuilt APIs in Golang on PostgreSQL.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = json_of(&out.stdout);
    assert_eq!(report["documents"][0]["path"], "-");
    let ids: Vec<&str> = report["documents"][0]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["go", "postgresql"]);
}

#[test]
fn fail_under_exits_1_only_below_the_threshold() {
    let marketing = samples().join("resumes/marketing-manager.txt");
    let go = samples().join("resumes/go-backend.txt");
    let code = |args: &[&Path]| {
        bin()
            .args(["scan", "--fail-under", "50"])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[&go]), Some(0));
    assert_eq!(code(&[&go, &marketing]), Some(1));
}

#[test]
fn table_and_ndjson_formats() {
    let out = bin()
        .args(["scan", "--format", "table"])
        .arg(samples().join("resumes"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| !l.contains("documents:"))
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|t| t.parse::<usize>().is_ok())
        })
        .collect();
    assert_eq!(rows.len(), 14, "{table}");
    assert!(
        rows[rows.len() - 1].contains("marketing-manager"),
        "non-tech ranks last:\n{table}"
    );

    let out = bin()
        .args(["scan", "--format", "ndjson"])
        .arg(samples().join("resumes"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 15);
    assert!(lines[..14].iter().all(|l| l["type"] == "document"));
    assert_eq!(lines[14]["type"], "summary");
    assert_eq!(lines[14]["summary"]["documents"], 14);
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    let out = bin()
        .args(["scan", "--output"])
        .arg(&target)
        .arg(samples().join("resumes/go-backend.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout when --output is given"
    );
    let report = json_of(&std::fs::read(&target).unwrap());
    assert_eq!(report["summary"]["documents"], 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn dict_check_reports_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[dictionary]\nname = \"mine\"\nversion = \"1\"\n\n[[skill]]\nid = \"kafka2\"\nname = \"Kafka again\"\ncategory = \"messaging\"\naliases = [\"Kafka\"]\nreject = ['(oops']\n",
    )
    .unwrap();
    let out = bin().args(["dict", "check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "{}:10: skill `kafka2`: bad reject regex",
            bad.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("alias `Kafka` is claimed by skill `kafka`"),
        "{text}"
    );

    let good = dir.path().join("good.toml");
    std::fs::write(
        &good,
        "[dictionary]\nname = \"mine\"\nversion = \"1\"\n\n[[skill]]\nid = \"zig\"\nname = \"Zig\"\ncategory = \"languages\"\naliases = [\"ziglang\"]\nambiguous = [\"Zig\"]\n",
    )
    .unwrap();
    let out = bin().args(["dict", "check"]).arg(&good).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A user dictionary is used by scan.
    let out = bin()
        .args(["scan", "--dict"])
        .arg(&good)
        .arg("-")
        .write_stdin("SKILLS\nZig, Rust")
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    let ids: Vec<&str> = report["documents"][0]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"zig") && ids.contains(&"rust"), "{ids:?}");
    assert!(report["dictionaries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"] == "mine"));
}

#[test]
fn dict_list_shows_every_skill() {
    let out = bin().args(["dict", "list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let skills = json_of(&out.stdout);
    let ids: Vec<&str> = skills
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for id in [
        "go",
        "postgresql",
        "kafka",
        "ci-cd",
        "csharp",
        "cpp",
        "dotnet",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }
}

#[test]
fn help_documents_exit_codes() {
    let out = bin().args(["scan", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Exit codes:") && text.contains("--fail-under"),
        "{text}"
    );
}

#[test]
fn unknown_profile_is_a_usage_error() {
    let out = bin()
        .args(["scan", "--profile", "astronaut", "-"])
        .write_stdin("Go")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown profile `astronaut`"));
}
