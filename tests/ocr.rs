//! `--ocr`: scanned PDFs read with tesseract, and a clear message when it is not installed.
//!
//! The scan is made here: a sample resume PDF rendered to grey images by `pdftoppm` and wrapped
//! in a PDF with no text layer. The OCR test skips, saying why, when `tesseract` or `pdftoppm` is
//! not installed (`.ci/run` installs both).

#![allow(clippy::print_stdout)] // skip notices and figures are part of the test output

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use support::cli::bin;
use support::pdfgen::{images_to_pdf, GreyImage};

fn installed(program: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("-v")
        .output()
        .is_ok();
    if !found {
        support::skip::skip(&format!(
            "`{program}` is not installed (tesseract-ocr, poppler-utils)"
        ));
    }
    found
}

/// Parses a binary PGM (P5, 8-bit) as pdftoppm writes it.
fn parse_pgm(bytes: &[u8]) -> GreyImage {
    let mut fields = Vec::new();
    let mut at = 0;
    // Magic, width, height, maxval: white-space separated, then one white-space byte.
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    assert_eq!(fields[3], "255");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    GreyImage {
        width,
        height,
        pixels,
    }
}

/// A sample resume as a scan: its pages rendered at 150 dpi, in a PDF without text.
fn scanned(sample: &str, dir: &Path) -> Vec<u8> {
    let pdf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("samples/resumes/pdf/{sample}.pdf"));
    let status = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "150"])
        .arg(&pdf)
        .arg(dir.join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    let images: Vec<GreyImage> = pages
        .iter()
        .map(|p| parse_pgm(&std::fs::read(p).unwrap()))
        .collect();
    images_to_pdf(&images)
}

fn expected(sample: &str) -> BTreeSet<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("samples/expected/{sample}.skills"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn scan(args: &[&str], file: &Path) -> Value {
    let out = bin()
        .args(["scan", "--quiet", "--format", "ndjson", "--sorted"])
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    let first = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(first.lines().next().unwrap()).unwrap()
}

#[test]
fn ocr_without_its_programs_says_what_to_install() {
    let empty = tempfile::tempdir().unwrap();
    let out = bin()
        .env("PATH", empty.path())
        .args(["scan", "--ocr", "samples/resumes"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no report without the programs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`tesseract` and `pdftoppm`")
            && stderr.contains("tesseract-ocr poppler-utils"),
        "{stderr}"
    );
}

#[test]
fn a_scan_is_empty_without_ocr_and_read_with_it() {
    if !installed("pdftoppm") || !installed("tesseract") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sample = "go-backend";
    let file = dir.path().join("scan.pdf");
    std::fs::write(&file, scanned(sample, dir.path())).unwrap();

    let plain = scan(&[], &file);
    assert_eq!(plain["status"], "empty");
    assert_eq!(plain["reason"], "no_text_layer");

    let read = scan(&["--ocr"], &file);
    assert_eq!(read["status"], "ok", "{read}");
    assert_eq!(read["extractor"], "tesseract");
    assert!(read["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["kind"] == "ocr"));
    let got: BTreeSet<String> = read["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let want = expected(sample);
    let hits = got.intersection(&want).count();
    let (precision, recall) = (
        hits as f64 / got.len().max(1) as f64,
        hits as f64 / want.len() as f64,
    );
    println!("OCR of a scanned sample: precision {precision:.3}, recall {recall:.3}");
    // OCR misreads a little; the skills must still come through nearly whole.
    assert!(
        precision >= 0.95 && recall >= 0.9,
        "got {got:?}, want {want:?}"
    );
}
