//! Blind screening (`--blind`): resumes seeded with a name, birth date, age, gender, marital
//! status, nationality, address, photo caption and graduation years go through every output
//! format, with and without a job, and no seeded value may survive; the samples' names, e-mail
//! addresses, phone numbers and locations neither.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use std::path::{Path, PathBuf};
use support::cli::{bin, json_of, samples};

/// A resume in English with every kind of personal fact, the name reused in the text.
const MARISOL: &str = "\
Marisol Quenby-Ortiz
Senior Backend Engineer
Calle de Alcalá 48, 28014 Madrid | marisol.quenby@example.org | +34 611 222 333
Date of birth: 14.03.1988 | Nationality: Chilean | Gender: female | Go and Kafka talks
Marital status: married, 2 children | Rust meetups
Photo: marisol-quenby.jpg (speaking on Kubernetes)

SUMMARY
Backend engineer; Quenby-Ortiz has led Go and Kafka teams. Marisol's focus: PostgreSQL and Redis.

EXPERIENCE
Senior Backend Engineer, Acme Logistics                 Jan 2019 – Present
• Quenby-Ortiz built the billing services in Go and Kafka on PostgreSQL.
• Ran Docker and Kubernetes on AWS; wrote REST and gRPC APIs.

Backend Engineer, Tramontana Data                       Mar 2013 – Dec 2018
• Marisol Quenby wrote Python and Django services; MySQL tuning.

EDUCATION
M.Sc. Computer Science (distributed systems, Java), Universidad de Chile, 2010 – 2012
B.Sc. Software Engineering (Python, C++), Universidad de Chile, 2006 – 2010
";

/// A German CV: labels in German, a street address, a birth date.
const JONAS: &str = "\
Lebenslauf

Jonas Weißenberger
Hauptstraße 5, 10115 Berlin · jonas.w@example.de · 0151 2345 6789
Geburtsdatum: 02.07.1991 | Staatsangehörigkeit: österreichisch | Familienstand: ledig | Kotlin

Berufserfahrung
Backend-Entwickler, Beispiel GmbH                     03/2016 – heute
• Weißenberger entwickelte Microservices in Java und Kotlin mit Spring Boot und PostgreSQL.

Ausbildung
B.Sc. Informatik (Java, C++), Technische Universität Berlin, 2011 – 2015
";

/// A US resume: a labelled name, a street address, an age, pronouns.
const DARNELL: &str = "\
Name: Darnell Okafor-Whitley
1200 Market Street, Apt 5, San Francisco, CA 94103
Age: 36 · he/him · Citizenship: Nigerian · Rust meetups
darnell.ow@example.com · (415) 555-0148

EXPERIENCE
Staff Engineer, Fogline                                   2015 – 2024
• Okafor-Whitley designed Rust and Go services on PostgreSQL and Kafka.

EDUCATION
B.S. Computer Science (C, Java), Georgia Tech, 2009 – 2013
";

/// Every seeded value, each of which must be gone from every output.
const SEEDED: &[&str] = &[
    "Marisol",
    "Quenby",
    "Ortiz",
    "Alcalá",
    "28014",
    "marisol.quenby",
    "611 222 333",
    "14.03.1988",
    "Chilean",
    "female",
    "married",
    "2 children",
    "marisol-quenby.jpg",
    "2006",
    "2012",
    "Jonas",
    "Weißenberger",
    "Hauptstraße",
    "10115",
    "jonas.w@",
    "2345 6789",
    "02.07.1991",
    "österreichisch",
    "ledig",
    "2011",
    "Darnell",
    "Okafor",
    "Whitley",
    "Market Street",
    "94103",
    "Age: 36",
    "he/him",
    "Nigerian",
    "darnell.ow",
    "555-0148",
    "2009",
];

/// The folder of seeded resumes, named after the people as files often are, with a copy (a
/// duplicate) and a broken PDF whose name is a person's.
fn seeded(dir: &Path) -> Vec<PathBuf> {
    let files = [
        ("marisol-quenby-ortiz-cv.txt", MARISOL.as_bytes()),
        ("Jonas_Weissenberger_Lebenslauf.txt", JONAS.as_bytes()),
        ("darnell-okafor-whitley.md", DARNELL.as_bytes()),
        ("marisol-quenby-ortiz-copy.txt", MARISOL.as_bytes()),
        (
            "darnell-okafor-whitley.pdf",
            b"%PDF-1.7\nnot really a PDF".as_slice(),
        ),
    ];
    files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}

/// Runs `scan --blind` with `extra` and the format, returning stdout.
fn run(format: &str, extra: &[&str], inputs: &[PathBuf]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("report.html");
    let mut cmd = bin();
    cmd.args(["scan", "--quiet", "--blind", "--format", format]);
    cmd.args(extra);
    if format == "html" {
        cmd.arg("--output").arg(&html);
    }
    let out = cmd.args(inputs).output().unwrap();
    let has_broken = inputs
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "pdf"));
    // 2: the broken PDF is reported as an error, as it should be.
    assert_eq!(
        out.status.code(),
        Some(if has_broken { 2 } else { 0 }),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = if format == "html" {
        std::fs::read_to_string(&html).unwrap()
    } else {
        String::from_utf8(out.stdout).unwrap()
    };
    stdout + &stderr
}

fn leaks<'a>(output: &str, values: &[&'a str]) -> Vec<&'a str> {
    let lower = output.to_lowercase();
    values
        .iter()
        .copied()
        .filter(|v| lower.contains(&v.to_lowercase()))
        .collect()
}

#[test]
fn no_seeded_fact_survives_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = seeded(dir.path());
    let job = samples().join("jobs/go-platform-engineer.md");
    let job = job.to_str().unwrap();
    let mut runs = 0;
    for format in ["json", "ndjson", "csv", "table", "html"] {
        for extra in [
            &[][..],
            &["--job", job, "--timings"][..],
            &[
                "--require",
                "go:3,java|kotlin,experience:5",
                "--sort",
                "match",
            ][..],
        ] {
            let output = run(format, extra, &inputs);
            if format == "json" {
                // The facts were there to leak: evidence lines hold them, masked.
                for mask in [
                    "[name]",
                    "[year]",
                    "[birth date]",
                    "[nationality]",
                    "[gender]",
                    "[marital status]",
                    "[photo]",
                    "[age]",
                ] {
                    assert!(output.contains(mask), "no {mask} in {output}");
                }
            }
            let leaked = leaks(&output, SEEDED);
            assert!(
                leaked.is_empty(),
                "{format} {extra:?} leaks {leaked:?}:\n{output}"
            );
            runs += 1;
        }
    }
    println!(
        "blind leak test: {runs} runs over 5 formats, {} seeded values, none survived",
        SEEDED.len()
    );
}

#[test]
fn blind_keeps_the_scores_and_names_files_by_pseudonym() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = seeded(dir.path());
    let plain = bin()
        .args(["scan", "--quiet"])
        .args(&inputs)
        .output()
        .unwrap();
    let map = dir.path().join("map.csv");
    let blind = bin()
        .args(["scan", "--quiet", "--blind", "--blind-map"])
        .arg(&map)
        .args(&inputs)
        .output()
        .unwrap();
    let (plain, blind) = (json_of(&plain.stdout), json_of(&blind.stdout));
    let docs = |r: &serde_json::Value| r["documents"].as_array().unwrap().clone();
    for (i, (p, b)) in docs(&plain).iter().zip(docs(&blind)).enumerate() {
        assert_eq!(b["path"], format!("candidate-{:04}", i + 1));
        assert_eq!(p["score"], b["score"], "{}", p["path"]);
        assert_eq!(p["status"], b["status"]);
        assert_eq!(
            p["skills"].as_array().map(Vec::len),
            b["skills"].as_array().map(Vec::len)
        );
    }
    // The copy names its original by pseudonym; the broken file's error names no one.
    let blind_docs = docs(&blind);
    assert_eq!(blind_docs[3]["status"], "duplicate");
    assert_eq!(blind_docs[3]["duplicate_of"], "candidate-0001");
    assert_eq!(blind_docs[4]["status"], "error");
    // The education's graduation year is dropped; the degree stays.
    assert!(blind_docs[0]["education"]["year"].is_null());
    assert_eq!(blind_docs[0]["education"]["highest_degree"], "master");
    // The map, only where asked, says which file each pseudonym is, and only its owner reads it.
    let text = std::fs::read_to_string(&map).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("pseudonym,path"));
    let first = lines.next().unwrap();
    assert!(
        first.starts_with("candidate-0001,") && first.ends_with("marisol-quenby-ortiz-cv.txt"),
        "{first}"
    );
    assert_eq!(text.lines().count(), inputs.len() + 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&map).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // --blind-map needs --blind.
    let out = bin()
        .args(["scan", "--quiet", "--blind-map"])
        .arg(dir.path().join("other.csv"))
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("other.csv").exists());
}

#[test]
fn the_samples_show_no_name_email_phone_or_location_under_blind() {
    // Read off the samples' first lines by hand.
    const SAMPLE_FACTS: &[&str] = &[
        "Priya",
        "Venkataraman",
        "Jordan",
        "Whitfield",
        "Marek",
        "Lindqvist",
        "Anjali",
        "Deshmukh",
        "Claire",
        "Donnelly",
        "Tomás",
        "Álvarez",
        "Sofia",
        "Marchetti",
        "Leila",
        "Haddad",
        "Owen",
        "Patterson",
        "Rafael",
        "Quintero",
        "@example.com",
        "+44 7700",
        "+1 555",
        "+34 600",
        "Leeds, UK",
        "Minneapolis, MN",
        "Portland, OR",
        "Charlotte, NC",
        "Chicago, IL",
        "Valencia, Spain",
        "Phoenix, AZ",
        "Austin, TX",
        "Columbus, OH",
        "San Diego, CA",
        "linkedin.com/in",
    ];
    let resumes = samples().join("resumes");
    for format in ["json", "csv", "html", "table"] {
        let output = run(format, &[], std::slice::from_ref(&resumes));
        let leaked = leaks(&output, SAMPLE_FACTS);
        assert!(leaked.is_empty(), "{format} leaks {leaked:?}");
    }
}
