//! Process isolation: a parser that crashes, hangs or eats memory costs one document, never the run.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use assert_cmd::Command;
use resumescan::extract::worker::{WorkerConfig, WorkerPool};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

fn shell_pool(script: &str, timeout: Duration) -> WorkerPool {
    WorkerPool::new(WorkerConfig {
        program: "sh".into(),
        args: vec!["-c".into(), script.into()],
        timeout,
        wall_timeout: timeout,
    })
}

#[test]
fn a_hanging_worker_is_stopped_at_the_timeout() {
    let pool = shell_pool("sleep 30", Duration::from_millis(300));
    let err = pool.extract("slow.pdf", b"%PDF-1.4").unwrap_err();
    assert_eq!(err.kind(), "timeout");
    assert!(err.to_string().contains("slow.pdf"), "{err}");
}

#[test]
fn a_crashing_worker_is_reported_as_a_crash() {
    let pool = shell_pool("kill -SEGV $$", Duration::from_secs(5));
    let err = pool.extract("bad.pdf", b"%PDF-1.4").unwrap_err();
    assert_eq!(err.kind(), "crash");
    assert!(err.to_string().contains("segmentation fault"), "{err}");
}

#[test]
fn a_worker_over_its_cpu_time_is_a_timeout() {
    let pool = shell_pool("kill -XCPU $$", Duration::from_secs(5));
    let err = pool.extract("busy.pdf", b"%PDF-1.4").unwrap_err();
    assert_eq!(err.kind(), "timeout");
    assert!(err.to_string().contains("CPU time"), "{err}");
}

/// A CPU-time limit ends a document that spins long before the wall-clock backstop.
#[cfg(target_os = "linux")]
#[test]
fn a_spinning_worker_is_stopped_by_its_cpu_limit() {
    // A worker that spins: the shell sets the soft RLIMIT_CPU the real worker sets per document,
    // then burns CPU until the kernel ends it.
    let pool = WorkerPool::new(WorkerConfig {
        program: "sh".into(),
        args: vec!["-c".into(), "ulimit -S -t 1; while :; do :; done".into()],
        timeout: Duration::from_secs(1),
        wall_timeout: Duration::from_secs(60),
    });
    let started = std::time::Instant::now();
    let err = pool.extract("spin.pdf", b"%PDF-1.4").unwrap_err();
    assert_eq!(err.kind(), "timeout", "{err}");
    assert!(err.to_string().contains("CPU time"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn an_allocation_failure_is_reported_as_out_of_memory() {
    let pool = shell_pool(
        "echo 'memory allocation of 1073741824 bytes failed' >&2; kill -ABRT $$",
        Duration::from_secs(5),
    );
    let err = pool.extract("bomb.pdf", b"%PDF-1.4").unwrap_err();
    assert_eq!(err.kind(), "out_of_memory");
}

#[test]
fn the_real_worker_extracts_and_is_reused() {
    let pool = WorkerPool::new(WorkerConfig {
        program: env!("CARGO_BIN_EXE_resumescan").into(),
        args: vec!["__worker".into()],
        timeout: Duration::from_secs(30),
        wall_timeout: Duration::from_secs(60),
    });
    let pdf = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes/pdf/go-backend.pdf"),
    )
    .unwrap();
    for _ in 0..3 {
        let x = pool.extract("go-backend.pdf", &pdf).unwrap();
        assert!(x.text.contains("Golang"));
    }
    let err = pool
        .extract("broken.pdf", b"%PDF-1.4 nothing else")
        .unwrap_err();
    assert_eq!(err.kind(), "parse", "{err}");
    // The worker survives a document error and keeps serving.
    assert!(pool.extract("go-backend.pdf", &pdf).is_ok());
}

/// The CLI's JSON report of a folder, at two jobs.
fn scan_folder(dir: &Path) -> std::process::Output {
    Command::cargo_bin("resumescan")
        .unwrap()
        .args(["scan", "--quiet", "--jobs", "2", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap()
}

/// The torture corpus through the CLI: every file once, with a status, and the run completes.
#[test]
fn torture_corpus_loses_no_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf-torture");
    if !dir.is_dir() {
        support::skip::skip("../shared/corpus/pdf-torture is not present");
        return;
    }
    let out = scan_folder(&dir);
    assert_eq!(
        out.status.code(),
        Some(2),
        "some torture files are unreadable"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = report["documents"].as_array().unwrap();
    let mut pdfs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    pdfs.sort();
    let mut seen = support::cli::file_names(&report);
    seen.sort();
    assert_eq!(seen, pdfs, "every file exactly once");
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in docs {
        let status = d["status"].as_str().unwrap();
        assert!(matches!(status, "ok" | "empty" | "error"));
        let key = match d["error"]["kind"].as_str() {
            Some(kind) => format!("error/{kind}"),
            None => status.to_string(),
        };
        *kinds.entry(key).or_default() += 1;
    }
    println!("torture corpus: {} files: {kinds:?}", docs.len());
    let kind_of = |name: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .map(|d| d["error"]["kind"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    let status_of = |name: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .map(|d| d["status"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    // A Form XObject that draws itself: pdf-extract overflows its stack on it (an abort that only
    // a worker process contains); the engines tried first see a page without text.
    let recursion = kind_of("syn_xobject_self_recursion.pdf");
    assert!(
        status_of("syn_xobject_self_recursion.pdf") == "empty" || recursion == "crash",
        "self-recursive XObject: {recursion}"
    );
    // 1 MB that inflates to 1 GiB: refused by the engines' decompression limits or stopped by the
    // worker's memory limit, never read to the end.
    let bomb = kind_of("syn_flate_bomb_1GiB.pdf");
    assert!(
        matches!(bomb.as_str(), "parse" | "out_of_memory"),
        "flate bomb: {bomb}"
    );
    assert_eq!(kind_of("syn_enc_aes256_userpw.pdf"), "encrypted");
}

/// The real resumes (PDF and DOCX) through the CLI batch: every file once; scans are `empty` with
/// `no_text_layer`, every other file is read.
#[test]
fn real_resumes_through_the_batch() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/resumes");
    let Ok(manifest) = std::fs::read_to_string(dir.join("MANIFEST.tsv")) else {
        support::skip::skip("../shared/corpus/resumes is not present");
        return;
    };
    let out = scan_folder(&dir);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = report["documents"].as_array().unwrap();
    let mut listed = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, kind) = (cols[0], *cols.last().unwrap());
        listed += 1;
        let entries: Vec<&Value> = docs
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(file))
            .collect();
        assert_eq!(entries.len(), 1, "{file} appears once");
        let (status, reason) = (entries[0]["status"].as_str(), entries[0]["reason"].as_str());
        if kind == "image-only" {
            assert_eq!(
                (status, reason),
                (Some("empty"), Some("no_text_layer")),
                "{file}"
            );
        } else {
            assert_eq!(status, Some("ok"), "{file}: {}", entries[0]);
        }
    }
    assert_eq!(docs.len(), listed, "nothing but the listed files");
    println!("real resumes through the batch: {listed} files, each once");
}
