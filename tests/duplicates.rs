//! Possible duplicates (`possible_duplicate_of`): a copy of a resume with other bytes is flagged,
//! different resumes are not — on the samples, on the real resumes of the shared corpus and on
//! the public datasets (skipped when `../shared` is absent). Prints the measured similarities
//! that the threshold in `src/duplicates.rs` and the README rests on.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use resumescan::duplicates::{self, Detector, NEAR_IDENTICAL};
use resumescan::{Analyzer, DocumentReport, Status};
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::cli::{bin, json_of, samples};

/// The PDF saved again by another program: new metadata and file id, streams compressed anew,
/// objects renumbered; the same pages.
fn resave(bytes: &[u8]) -> Vec<u8> {
    use lopdf::{dictionary, Object};
    let mut doc = lopdf::Document::load_mem(bytes).expect("the PDF loads");
    let info = doc.add_object(dictionary! {
        "Producer" => Object::string_literal("Another PDF writer 2.0"),
        "Title" => Object::string_literal("Resume (exported again)"),
    });
    doc.trailer.set("Info", info);
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::string_literal("0123456789abcdef"),
            Object::string_literal("fedcba9876543210"),
        ]),
    );
    doc.renumber_objects();
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the PDF saves");
    out
}

/// The pairs of different documents of `docs` by similarity, most alike first, and how many
/// pairs were compared.
fn most_alike(docs: &[(String, DocumentReport)]) -> (Vec<(f64, String, String)>, usize) {
    let mut pairs = Vec::new();
    for (i, (a, da)) in docs.iter().enumerate() {
        for (b, db) in &docs[i + 1..] {
            if let Some(s) = duplicates::similarity(da, db) {
                pairs.push((s, a.clone(), b.clone()));
            }
        }
    }
    let n = pairs.len();
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0));
    pairs.truncate(8);
    (pairs, n)
}

/// The documents a [`Detector`] flags, as (document, earlier document, reason).
fn flagged(docs: &[(String, DocumentReport)]) -> Vec<(String, String, String)> {
    let mut detector = Detector::new();
    let mut out = Vec::new();
    for (_, doc) in docs {
        let mut doc = doc.clone();
        detector.check(&mut doc);
        if let Some(p) = doc.possible_duplicate_of {
            out.push((doc.path, p.path, p.reason.to_string()));
        }
    }
    out
}

fn analyze_file(analyzer: &Analyzer, path: &Path) -> Option<DocumentReport> {
    let doc = analyzer.analyze_path(path).ok()?;
    (doc.status == Status::Ok).then_some(doc)
}

fn analyze_pdf_bytes(analyzer: &Analyzer, name: &str, bytes: &[u8]) -> DocumentReport {
    let doc = analyzer.analyze_bytes(name, bytes).expect("the PDF reads");
    assert_eq!(doc.status, Status::Ok, "{name}");
    doc
}

/// `possible_duplicate_of` of each document of a JSON report, by path.
fn possible_duplicates(report: &Value) -> Vec<(String, Value)> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("possible_duplicate_of").is_some())
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["possible_duplicate_of"].clone(),
            )
        })
        .collect()
}

/// A folder with a sample PDF, the same PDF saved again (other bytes) and another sample.
fn copy_folder(original_name: &str) -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read(samples().join("resumes/pdf/go-backend.pdf")).unwrap();
    let copy = resave(&original);
    assert_ne!(original, copy, "the copy must have other bytes");
    let paths = (
        dir.path().join(original_name),
        dir.path().join("b-exported-again.pdf"),
        dir.path().join("c-other.pdf"),
    );
    std::fs::write(&paths.0, &original).unwrap();
    std::fs::write(&paths.1, &copy).unwrap();
    std::fs::copy(samples().join("resumes/pdf/java-spring.pdf"), &paths.2).unwrap();
    (dir, paths.0, paths.1, paths.2)
}

#[test]
fn a_re_exported_copy_is_flagged_and_another_resume_is_not() {
    let (dir, original, copy, other) = copy_folder("a-original.pdf");
    let out = bin().arg("scan").arg(dir.path()).assert().success();
    let report = json_of(&out.get_output().stdout);
    let flagged = possible_duplicates(&report);
    println!("{flagged:?}");
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    let (path, p) = &flagged[0];
    assert_eq!(path, &copy.display().to_string());
    assert_eq!(p["path"], original.display().to_string());
    assert_eq!(p["reason"], "near_identical_text");
    let similarity = p["similarity"].as_f64().unwrap();
    assert!(similarity >= NEAR_IDENTICAL, "{similarity}");
    // Reported, never merged: the copy is analysed and scored like the original.
    let docs = report["documents"].as_array().unwrap();
    let by_path = |p: &Path| {
        docs.iter()
            .find(|d| d["path"] == p.display().to_string())
            .unwrap()
    };
    assert_eq!(by_path(&copy)["status"], "ok");
    assert_eq!(by_path(&copy)["score"], by_path(&original)["score"]);
    assert!(by_path(&other).get("possible_duplicate_of").is_none());
    assert_eq!(report["summary"]["possible_duplicates"], 1);
    assert_eq!(report["summary"]["duplicate"], 0);
}

#[test]
fn every_format_shows_a_possible_duplicate() {
    let (dir, _, _, _) = copy_folder("a-original.pdf");
    let run = |format: &str| {
        let out = bin()
            .args(["scan", "--format", format])
            .arg(dir.path())
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let n = headers.len();
    assert_eq!(&headers[n - 2], "possible_duplicate_of");
    assert_eq!(&headers[n - 1], "possible_duplicate_reason");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let marked: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| !r[n - 2].is_empty())
        .map(|r| (&r[0], &r[n - 2], &r[n - 1]))
        .collect();
    assert_eq!(marked.len(), 1, "{csv}");
    assert!(marked[0].0.ends_with("b-exported-again.pdf"));
    assert!(marked[0].1.ends_with("a-original.pdf"));
    assert_eq!(marked[0].2, "near_identical_text");

    let table = run("table");
    let note = table
        .lines()
        .find(|l| l.contains("possible duplicate of"))
        .unwrap_or_else(|| panic!("no note in:\n{table}"));
    assert!(note.contains("a-original.pdf") && note.contains("near-identical text"));
    assert!(table.contains("1 possible duplicate"), "{table}");

    let html = run("html");
    assert!(
        html.contains("possible duplicate of"),
        "no note in the HTML page"
    );
    assert!(html.contains("a-original.pdf"));

    let ndjson = run("ndjson");
    let lines: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let marked: Vec<&Value> = lines
        .iter()
        .filter(|l| l.get("possible_duplicate_of").is_some())
        .collect();
    assert_eq!(marked.len(), 1);
    // Delivered as they finish: whichever came first is the one the other names.
    let named = marked[0]["possible_duplicate_of"]["path"].as_str().unwrap();
    let (a, b) = (
        named.ends_with("a-original.pdf"),
        named.ends_with("b-exported-again.pdf"),
    );
    assert!(a || b, "{named}");
    let first = lines
        .iter()
        .position(|l| l["path"].as_str() == Some(named))
        .unwrap();
    let later = lines
        .iter()
        .position(|l| l.get("possible_duplicate_of").is_some())
        .unwrap();
    assert!(first < later, "the earlier document is named");
}

#[test]
fn redacted_reports_show_no_contact_and_no_hash() {
    // The original's name holds an address, which the copy's note must not reveal either.
    let (dir, _, _, _) = copy_folder("a-jane.doe@mail.test.pdf");
    // The sample's contacts, and the hash its phone number is compared by.
    let (email, phone) = ("marek.lindqvist@example.com", "+1 555 014 2290");
    let text = std::fs::read_to_string(samples().join("resumes/go-backend.txt")).unwrap();
    assert!(text.contains(email) && text.contains(phone));
    let hash = resumescan::dictionary::fnv1a(b"550142290");
    let hash_forms = [
        hash.to_string(),
        format!("{hash:x}"),
        format!("{hash:016x}"),
    ];
    for format in ["json", "ndjson", "csv", "table", "html"] {
        let out = bin()
            .args(["scan", "--redact", "--format", format])
            .arg(dir.path())
            .assert()
            .success();
        let shown = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            shown.contains("possible duplicate") || shown.contains("possible_duplicate"),
            "{format}"
        );
        for secret in [email, phone, "jane.doe@mail.test", "550142290"]
            .into_iter()
            .chain(hash_forms.iter().map(String::as_str))
        {
            assert!(!shown.contains(secret), "{format} shows {secret}");
        }
        assert!(shown.contains("[email]"), "{format}: the path is masked");
        if format == "json" {
            let report = json_of(shown.as_bytes());
            let flagged = possible_duplicates(&report);
            assert_eq!(flagged.len(), 1);
            assert_eq!(flagged[0].1["reason"], "near_identical_text");
            assert!(flagged[0].1["path"].as_str().unwrap().ends_with("[email]"));
            // The entries carry no fingerprint, and no run of hex digits as long as a 64-bit
            // hash (16 in hex, about 20 in decimal; the longest group of an ESCO id is 12).
            let documents = report["documents"].to_string();
            assert!(!documents.contains("fingerprint"));
            let longest = documents
                .split(|c: char| !c.is_ascii_hexdigit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(longest < 14, "a run of {longest} hex digits");
        }
    }
}

#[test]
fn samples_are_flagged_only_where_they_are_the_same_resume() {
    // samples/resumes/pdf/*.pdf and html/ruby-rails.html are the resumes of the same names in
    // other formats; no other two samples are the same person.
    let out = bin()
        .arg("scan")
        .arg(samples().join("resumes"))
        .current_dir(samples())
        .assert()
        .success();
    let report = json_of(&out.get_output().stdout);
    let mut pairs: Vec<(String, String, String, f64)> = possible_duplicates(&report)
        .into_iter()
        .map(|(path, p)| {
            let name = |s: &str| {
                s.rsplit_once("resumes/")
                    .map_or(s.to_string(), |(_, n)| n.to_string())
            };
            (
                name(&path),
                name(p["path"].as_str().unwrap()),
                p["reason"].as_str().unwrap().to_string(),
                p["similarity"].as_f64().unwrap(),
            )
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    for p in &pairs {
        println!("{} ~ {}: {} {:.2}", p.0, p.1, p.2, p.3);
    }
    let named: Vec<(&str, &str)> = pairs.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
    assert_eq!(
        named,
        [
            ("pdf/go-backend.pdf", "go-backend.txt"),
            ("pdf/java-spring.pdf", "java-spring.txt"),
            ("ruby-rails.txt", "html/ruby-rails.html"),
            ("security-engineer.txt", "pdf/security-engineer.pdf"),
        ]
    );
    assert!(pairs.iter().all(|p| p.2 == "near_identical_text"));

    // The highest similarity between two different samples.
    let analyzer = Analyzer::new().unwrap();
    let docs: Vec<(String, DocumentReport)> = std::fs::read_dir(samples().join("resumes"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| Some((p.display().to_string(), analyze_file(&analyzer, &p)?)))
        .collect();
    let (pairs, n) = most_alike(&docs);
    let (max, a, b) = &pairs[0];
    println!(
        "samples: highest similarity of two different resumes {max:.2} ({a} ~ {b}, {n} pairs)"
    );
    assert!(n >= 45);
    assert!(*max < NEAR_IDENTICAL);
}

#[test]
fn streamed_records_are_checked_too() {
    let text = std::fs::read_to_string(samples().join("resumes/go-backend.txt")).unwrap();
    let other = std::fs::read_to_string(samples().join("resumes/java-spring.txt")).unwrap();
    let edited = text.replace("Go", "Golang");
    let records = [
        serde_json::json!({"id": 1, "text": text}),
        serde_json::json!({"id": "two", "text": other}),
        serde_json::json!({"id": 3, "text": edited}),
    ];
    let stdin: String = records.iter().map(|r| format!("{r}\n")).collect();
    let out = bin()
        .args(["scan", "--input", "ndjson", "--format", "ndjson"])
        .write_stdin(stdin)
        .assert()
        .success();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let third = lines.iter().find(|l| l["id"] == 3).unwrap();
    let p = &third["possible_duplicate_of"];
    println!("{p}");
    assert_eq!(p["id"], 1);
    assert!(p["reason"] == "near_identical_text" || p["reason"] == "shared_email");
    assert!(lines
        .iter()
        .filter(|l| l["id"] != 3)
        .all(|l| l.get("possible_duplicate_of").is_none()));
}

/// The shared corpus folder, or `None` (and a skip notice).
fn corpus() -> Option<PathBuf> {
    support::corpus::dir("labels-public.tsv")
}

#[test]
fn real_resumes_are_not_flagged_and_their_copies_are() {
    let Some(dir) = corpus() else { return };
    let analyzer = Analyzer::new().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("resumes"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
        .collect();
    files.sort();
    let docs: Vec<(String, DocumentReport)> = files
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, analyze_file(&analyzer, p)?))
        })
        .collect();
    let (pairs, n) = most_alike(&docs);
    let (max, a, b) = pairs[0].clone();
    println!(
        "shared corpus: {} real resumes read, highest similarity of two different ones {max:.2} \
         ({a} ~ {b}, {n} pairs)",
        docs.len()
    );
    assert!(docs.len() >= 20);
    assert!(max < NEAR_IDENTICAL, "{a} ~ {b}: {max}");
    // Different people share no address or number either.
    assert_eq!(flagged(&docs), []);

    // Copies: every real PDF saved again (other bytes), and every resume's text laid out anew
    // as a PDF by another writer (other line breaks, fonts and extraction).
    let mut lowest = (1.0f64, String::new());
    for (name, doc) in &docs {
        let path = dir.join("resumes").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let mut copies = Vec::new();
        if name.ends_with(".pdf") {
            copies.push(("saved again", resave(&bytes)));
        }
        let text = resumescan::extract::extract_path(&path, u64::MAX)
            .unwrap()
            .text;
        copies.push(("laid out anew", support::pdfgen::text_to_pdf(&text)));
        for (how, copy) in copies {
            let copy = analyze_pdf_bytes(&analyzer, "copy.pdf", &copy);
            let s = duplicates::similarity(doc, &copy).unwrap();
            if s < lowest.0 {
                lowest = (s, format!("{name} {how}"));
            }
            let pair = [(name.clone(), doc.clone()), ("copy.pdf".into(), copy)];
            assert_eq!(flagged(&pair).len(), 1, "{name} {how}: {s}");
        }
    }
    println!(
        "shared corpus: lowest similarity of a resume and its copy {:.2} ({})",
        lowest.0, lowest.1
    );
    assert!(lowest.0 >= NEAR_IDENTICAL);
}

/// The public datasets folder, or `None` (and a skip notice).
fn datasets() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/datasets");
    if dir.is_dir() {
        Some(dir)
    } else {
        support::skip::skip(
            "../shared/corpus/datasets is not present (it is not part of a fresh clone)",
        );
        None
    }
}

#[test]
fn resumes_of_one_template_are_not_flagged() {
    let Some(dir) = datasets() else { return };
    let analyzer = Analyzer::new().unwrap();
    let mut sets: Vec<(&str, Vec<(String, DocumentReport)>)> = Vec::new();

    // LiveCareer: 300 resumes in the same few site templates.
    let folder = dir.join("livecareer-resume-pdfs/pdf");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    pdfs.sort();
    let livecareer = pdfs
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, analyze_file(&analyzer, p)?))
        })
        .collect();
    sets.push(("LiveCareer", livecareer));

    let mut reader = csv::Reader::from_path(dir.join("updated-resume-dataset/public.csv")).unwrap();
    let updated = reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            (row[0].to_string(), analyzer.analyze_text(&row[2]))
        })
        .collect();
    sets.push(("UpdatedResumeDataSet", updated));

    let jsonl = std::fs::read_to_string(dir.join("dataturks-resume-ner/public.jsonl")).unwrap();
    let dataturks = jsonl
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let record: Value = serde_json::from_str(line).unwrap();
            let text = record["content"].as_str().unwrap_or_default();
            (format!("dataturks-{i}"), analyzer.analyze_text(text))
        })
        .collect();
    sets.push(("DataTurks", dataturks));

    // Two files of the LiveCareer set are one person's resume in two versions (the same
    // summary and jobs, a few bullets added or cut): a possible duplicate rightly flagged. Every
    // other pair is two different people, or (28078163 ~ 28762662 at 0.35, DataTurks 44 ~ 50 at
    // 0.34) one person's resume rewritten, which the text alone does not flag.
    let same_resume = [("16186411.pdf", "26746496.pdf")];
    for (name, docs) in &sets {
        let (pairs, n) = most_alike(docs);
        let flags = flagged(docs);
        println!("{name}: {} resumes, {n} pairs; most alike:", docs.len());
        for (s, a, b) in &pairs {
            println!("  {s:.2} {a} ~ {b}");
        }
        println!("  flagged: {flags:?}");
        assert!(n >= 1_000, "{name}: {n} pairs");
        let above: Vec<(&str, &str)> = pairs
            .iter()
            .filter(|p| p.0 >= NEAR_IDENTICAL)
            .map(|p| (p.1.as_str(), p.2.as_str()))
            .collect();
        let expected: Vec<(&str, &str)> = match *name {
            "LiveCareer" => same_resume.to_vec(),
            _ => Vec::new(),
        };
        assert_eq!(above, expected, "{name}");
        let file = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
        let flags: Vec<(String, String)> = flags
            .iter()
            .map(|(doc, earlier, reason)| {
                assert_eq!(reason, "near_identical_text");
                (file(earlier), file(doc))
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(flags, expected, "{name}");
        let different = pairs.iter().find(|p| p.0 < NEAR_IDENTICAL).unwrap();
        println!(
            "  highest pair not flagged: {:.2} ({} ~ {})",
            different.0, different.1, different.2
        );
        assert!(different.0 < 0.5, "{name}: {different:?}");
    }
}
