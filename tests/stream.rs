//! `--input ndjson` and `--shard`: the contract for running inside another engine.

mod support;

use base64::Engine;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use support::cli::bin;

fn lines(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_result_per_input_line_in_order_with_ids() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
    let pdf = std::fs::read(root.join("pdf/go-backend.pdf")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(pdf);
    let mut input = String::new();
    for i in 0..600 {
        let record = match i % 6 {
            0 => {
                serde_json::json!({"id": format!("t{i}"), "text": "SKILLS\nGo, Kafka, PostgreSQL"})
            }
            1 => serde_json::json!({"id": i, "path": root.join("java-spring.txt")}),
            2 => {
                serde_json::json!({"id": format!("b{i}"), "content_base64": b64, "filename": "cv.pdf"})
            }
            3 => serde_json::json!({"id": format!("m{i}")}),
            4 => {
                serde_json::json!({"id": format!("x{i}"), "content_base64": "%%%", "filename": "x.pdf"})
            }
            _ => Value::String(String::new()),
        };
        if i % 6 == 5 {
            input.push_str("{not json\n");
        } else {
            input.push_str(&record.to_string());
            input.push('\n');
        }
    }
    let out = bin()
        .args(["scan", "--input", "ndjson", "--format", "ndjson", "--quiet"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "bad records make the exit code 2"
    );
    let results = lines(&out.stdout);
    assert_eq!(
        results.len(),
        600,
        "one line out per line in, no summary line"
    );
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["type"], "document");
        match i % 6 {
            0 => {
                assert_eq!(r["id"], format!("t{i}"));
                assert_eq!(r["status"], "ok");
            }
            // A numeric id comes back as the same number.
            1 => assert_eq!(r["id"], i),
            2 => {
                assert_eq!(r["id"], format!("b{i}"));
                assert_eq!(r["format"], "pdf");
                assert!(r["skills"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s["id"] == "go"));
            }
            3 | 4 => {
                assert_eq!(r["error"]["kind"], "bad_input");
                assert!(r["id"].is_string());
            }
            _ => {
                assert_eq!(r["error"]["kind"], "bad_input");
                assert_eq!(r["path"], format!("line {}", i + 1));
            }
        }
    }
}

#[test]
fn stream_results_equal_direct_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
    let path = root.join("python-django.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let direct = bin().arg("scan").arg(&path).output().unwrap();
    let direct: Value = serde_json::from_slice(&direct.stdout).unwrap();
    let streamed = bin()
        .args(["scan", "--input", "ndjson", "--format", "ndjson"])
        .write_stdin(format!(
            "{}\n",
            serde_json::json!({"id": "p", "text": text})
        ))
        .output()
        .unwrap();
    let streamed = &lines(&streamed.stdout)[0];
    assert_eq!(streamed["score"], direct["documents"][0]["score"]);
    assert_eq!(streamed["skills"], direct["documents"][0]["skills"]);
}

#[test]
fn shards_partition_a_folder_and_a_stream() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
    let n = 4;
    let mut all: Vec<String> = Vec::new();
    for k in 0..n {
        let out = bin()
            .args([
                "scan",
                "--quiet",
                "--format",
                "csv",
                "--shard",
                &format!("{k}/{n}"),
            ])
            .arg(&root)
            .output()
            .unwrap();
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        all.extend(reader.records().map(|r| r.unwrap()[0].to_string()));
    }
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "shards are pairwise disjoint");
    assert_eq!(all.len(), 14, "the union is every file");

    let input: String = (0..200)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": format!("id-{i}"), "text": "Go"})
            )
        })
        .collect();
    let mut ids: Vec<String> = Vec::new();
    for k in 0..n {
        let out = bin()
            .args([
                "scan",
                "--input",
                "ndjson",
                "--format",
                "ndjson",
                "--shard",
                &format!("{k}/{n}"),
            ])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        let got = lines(&out.stdout);
        assert!(
            !got.is_empty() && got.len() < 200,
            "shard {k} holds a part: {}",
            got.len()
        );
        ids.extend(got.iter().map(|l| l["id"].as_str().unwrap().to_string()));
    }
    ids.sort();
    let mut want: Vec<String> = (0..200).map(|i| format!("id-{i}")).collect();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn bad_shard_is_a_usage_error() {
    let out = bin()
        .args(["scan", "--shard", "4/4", "samples"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 <= K < N"));
}
