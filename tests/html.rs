//! The HTML report (`--format html`): hostile text is escaped, the page asks nothing of the
//! network, a batch of 2,000 stays small, and a real browser renders the samples' report.

#![allow(clippy::print_stdout)] // the figures and the skip notice are part of the test output

mod support;

use rayon::prelude::*;
use regex::Regex;
use resumescan::report::render;
use resumescan::{Analyzer, DocumentReport, Report};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::cli::{bin, samples};

fn html_of(report: &Report) -> String {
    let mut out = Vec::new();
    render::html(report, &Default::default(), &mut out, "2026-01-31").unwrap();
    String::from_utf8(out).unwrap()
}

/// Runs `resumescan scan --format html` and returns the page it wrote.
fn scan_to_html(args: &[&str], inputs: &[&Path], out: &Path) -> String {
    let result = bin()
        .args(["scan", "--quiet", "--format", "html", "--output"])
        .arg(out)
        .args(args)
        .args(inputs)
        .output()
        .unwrap();
    assert!(
        result.status.code() == Some(0) || result.status.code() == Some(2),
        "exit {:?}: {}",
        result.status.code(),
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(
        result.stdout.is_empty(),
        "with --output, stdout stays empty"
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn html_goes_to_stdout_without_output_and_dates_follow_source_date_epoch() {
    for (epoch, date) in [("1767225599", "2025-12-31"), ("951782400", "2000-02-29")] {
        let out = bin()
            .args(["scan", "--quiet", "--format", "html"])
            .arg(samples().join("resumes/go-backend.txt"))
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let page = String::from_utf8(out.stdout).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("go-backend.txt"));
        assert!(page.contains(&format!("generated {date}")), "{date}");
        assert!(page.trim_end().ends_with("</html>"));
    }
}

const HOSTILE_SCRIPT: &str = "<script>alert(1)</script>";
const HOSTILE_IMG: &str = "\"><img src=x onerror=alert(1)>";

#[test]
fn text_from_resumes_file_names_dictionaries_and_profiles_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // File names may hold `<`, `&` and quotes on Linux.
    let name = "o'brien <admin> & \"co\".txt";
    let resume = dir.path().join(name);
    std::fs::write(
        &resume,
        format!(
            "{HOSTILE_SCRIPT}\nEXPERIENCE\nBackend engineer, 2019 - 2024\n\
             • Built payment APIs in Go and PostgreSQL {HOSTILE_SCRIPT}\n\
             • Streamed events through Kafka {HOSTILE_IMG}\n\
             • Ran zorblang services {HOSTILE_IMG}\n\
             SKILLS\nPython, Docker, {HOSTILE_SCRIPT}\n"
        ),
    )
    .unwrap();
    // A user dictionary and a profile are text from outside too.
    let dict = dir.path().join("evil.toml");
    std::fs::write(
        &dict,
        r#"[dictionary]
name = "evil <i>dict</i>"
version = "1 & <2>"

[[skill]]
id = "zorblang"
name = "Zorb<svg onload=alert(1)>"
category = "languages"
aliases = ["zorblang"]
"#,
    )
    .unwrap();
    let backend = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/profiles/backend.toml"),
    )
    .unwrap()
    .replace(
        "name = \"Back-end engineer\"",
        "name = \"Back-end <b onmouseover=alert(1)>engineer</b>\"",
    );
    assert!(backend.contains("<b onmouseover"), "profile name replaced");
    let profile = dir.path().join("evil-profile.toml");
    std::fs::write(&profile, backend).unwrap();

    let out = dir.path().join("report.html");
    let page = scan_to_html(
        &[
            "--dict",
            dict.to_str().unwrap(),
            "--profile",
            profile.to_str().unwrap(),
        ],
        &[&resume],
        &out,
    );

    // The hostile text reached the page (the test is not vacuous)…
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
        "o'brien &lt;admin&gt; &amp; &quot;co&quot;.txt",
        "Zorb&lt;svg onload=alert(1)&gt;",
        "evil &lt;i&gt;dict&lt;/i&gt;",
        "Back-end &lt;b onmouseover=alert(1)&gt;engineer&lt;/b&gt;",
    ] {
        assert!(page.contains(escaped), "expected escaped text: {escaped}");
    }
    // …and none of it is markup.
    for raw in [
        HOSTILE_SCRIPT,
        "<img",
        "\"><img",
        "<admin>",
        "& \"co\"",
        "<svg onload",
        "<i>dict",
        "<b onmouseover",
    ] {
        assert!(!page.contains(raw), "unescaped in the page: {raw}");
    }
    // Exactly one script element: the page's own.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains("<script>(function(){"));
}

#[test]
fn the_page_requests_nothing_from_the_network() {
    let analyzer = Analyzer::new().unwrap();
    let mut docs: Vec<DocumentReport> = sample_files()
        .iter()
        .map(|p| analyzer.analyze_path(p).unwrap())
        .collect();
    // A resume full of links: they stay text.
    let mut linked = analyzer.analyze_text(
        "EXPERIENCE\nEngineer, 2020 - 2024\n• Go services, see https://github.com/someone and \
         http://example.com/<img src=http://example.com/x.png>\n",
    );
    linked.path = "links.txt".into();
    docs.push(linked);
    let page = html_of(&analyzer.report(docs));

    assert!(
        page.contains("https://github.com/someone"),
        "link text kept"
    );
    // Text is escaped, so every `<` opens a real tag: look for URL attributes inside tags only.
    let tag = Regex::new(r"<[a-zA-Z][^>]*>").unwrap();
    let attr = Regex::new(
        r#"(?i)\s(src|href|srcset|action|formaction|poster|data|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#,
    )
    .unwrap();
    let mut hrefs = 0;
    for c in tag
        .find_iter(&page)
        .flat_map(|t| attr.captures_iter(t.as_str()))
    {
        let (name, value) = (&c[1], c[2].trim_matches(['"', '\'']));
        assert_eq!(
            name.to_ascii_lowercase(),
            "href",
            "no {name}= attribute: {value}"
        );
        assert!(
            value.starts_with('#'),
            "links stay inside the page: {value}"
        );
        hrefs += 1;
    }
    assert!(hrefs > 10, "file names link to their detail blocks");
    for banned in [
        "<link", "<iframe", "<img", "<object", "<embed", "@import", "url(",
    ] {
        assert!(!page.contains(banned), "page contains {banned}");
    }
    assert!(
        page.contains("Content-Security-Policy")
            && page.contains("default-src 'none'")
            && !page.contains("'unsafe-eval'"),
        "a CSP forbids every request"
    );
}

#[test]
fn a_batch_of_2000_candidates_stays_under_5_mb() {
    let analyzer = Analyzer::new().unwrap();
    let texts: Vec<String> = sample_files()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(texts.len() >= 8);
    // Vary the samples: each candidate keeps a different ~70 % of one sample's lines.
    let docs: Vec<DocumentReport> = (0..2000usize)
        .into_par_iter()
        .map(|i| {
            let text: String = texts[i % texts.len()]
                .lines()
                .enumerate()
                .filter(|(n, _)| mix(i, *n) % 10 >= 3)
                .map(|(_, l)| format!("{l}\n"))
                .collect();
            let mut doc = analyzer.analyze_text(&text);
            doc.path = format!("batch/candidate-{i:04}.txt");
            doc
        })
        .collect();
    let skills: usize = docs.iter().map(|d| d.skills.len()).sum();
    let report = analyzer.report(docs);
    let page = html_of(&report);
    let mb = page.len() as f64 / 1e6;
    println!(
        "2000 candidates ({:.1} skills each on average): {mb:.2} MB of HTML",
        skills as f64 / 2000.0
    );
    assert!(
        skills / 2000 >= 15,
        "the generated candidates are realistic, not empty"
    );
    assert_eq!(page.matches("<details").count(), report.summary.ok);
    assert_eq!(ranked_rows(&page), 2000);
    // In a batch this big, only the best-ranked candidates carry their evidence lines.
    let with_evidence = page.matches("<table class=\"skills\"").count();
    assert!(
        with_evidence > 0 && with_evidence < report.summary.ok / 10,
        "{with_evidence} candidates with evidence"
    );
    assert!(page.len() < 5_000_000, "{mb:.2} MB");
}

/// A cheap deterministic hash, to vary the generated candidates.
fn mix(a: usize, b: usize) -> usize {
    let mut x = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(b as u64);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    x as usize
}

/// Every sample resume, sorted.
fn sample_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&samples().join("resumes"), &mut out);
    out.sort();
    out
}

/// Rows in the body of the ranked table.
fn ranked_rows(page: &str) -> usize {
    let start = page
        .find("id=\"ranked\"")
        .expect("the page has the ranked table");
    let table = &page[start..];
    let table = &table[..table.find("</table>").expect("the table is closed")];
    let body = &table[table.find("<tbody").expect("the table has a body")..];
    body.matches("<tr").count()
}

/// The installed Chromium, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Runs headless Chromium with `args` and returns its stdout; fails after two minutes.
fn run_chromium(chromium: &Path, profile: &Path, args: &[String]) -> Vec<u8> {
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read stdout on a thread so a large DOM cannot fill the pipe while we wait.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).unwrap();
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buf).unwrap();
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("chromium did not finish within 2 minutes: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let out = reader.join().unwrap();
    let err = err_reader.join().unwrap();
    assert!(
        status.success(),
        "chromium {args:?} failed: {status}\n{}",
        String::from_utf8_lossy(&err)
    );
    out
}

/// Distinct colours of a PNG and the share of pixels that differ from the most common one.
fn colour_stats(png_path: &Path) -> (usize, usize, usize, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(
        info.bit_depth == png::BitDepth::Eight,
        "8-bit screenshot expected"
    );
    let mut counts = std::collections::HashMap::new();
    for px in buf[..info.buffer_size()].chunks_exact(channels) {
        *counts
            .entry(px[..3.min(channels)].to_vec())
            .or_insert(0usize) += 1;
    }
    let total = (info.width * info.height) as usize;
    let background = counts.values().copied().max().unwrap_or(0);
    (
        info.width as usize,
        info.height as usize,
        counts.len(),
        1.0 - background as f64 / total as f64,
    )
}

/// A page that is not blank: many colours (text, charts) and a good share of drawn pixels.
fn looks_drawn(distinct: usize, drawn: f64) -> bool {
    distinct >= 64 && drawn >= 0.05
}

#[test]
fn chromium_renders_the_samples_report() {
    let Some(chromium) = chromium() else {
        support::skip::skip(
            "chromium_renders_the_samples_report: chromium is not installed (apt-get install chromium)",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    scan_to_html(&[], &[&samples().join("resumes")], &report);
    let url = format!("file://{}", report.display());
    let profile = dir.path().join("profile");

    // The screenshot exists, has the window's size and is not blank.
    let shot = dir.path().join("report.png");
    run_chromium(
        &chromium,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1366,900".into(),
            url.clone(),
        ],
    );
    let (w, h, distinct, drawn) = colour_stats(&shot);
    println!(
        "screenshot {w}x{h}: {distinct} colours, {:.1} % drawn",
        drawn * 100.0
    );
    assert_eq!((w, h), (1366, 900));
    assert!(looks_drawn(distinct, drawn), "the screenshot looks blank");

    // The same check calls a blank page blank.
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>blank</title>").unwrap();
    let blank_shot = dir.path().join("blank.png");
    run_chromium(
        &chromium,
        &profile,
        &[
            format!("--screenshot={}", blank_shot.display()),
            "--window-size=1366,900".into(),
            format!("file://{}", blank.display()),
        ],
    );
    let (_, _, distinct, drawn) = colour_stats(&blank_shot);
    assert!(
        !looks_drawn(distinct, drawn),
        "a blank page passed the check"
    );

    // The DOM after scripts ran: one ranked row per sample, and the script ran (the CSP hash
    // matches it).
    let dom = run_chromium(&chromium, &profile, &["--dump-dom".into(), url]);
    let dom = String::from_utf8(dom).unwrap();
    assert_eq!(
        ranked_rows(&dom),
        sample_files().len(),
        "one row per sample"
    );
    assert!(
        Regex::new(r#"<html[^>]*class="js""#)
            .unwrap()
            .is_match(&dom),
        "the page's script ran"
    );
}

#[test]
fn with_a_job_the_table_ranks_by_match_and_shows_missing_must_haves() {
    let tmp = tempfile::tempdir().unwrap();
    let posting = samples().join("jobs/java-payments-backend.md");
    let page = scan_to_html(
        &["--job", posting.to_str().unwrap()],
        &[&samples().join("resumes")],
        &tmp.path().join("job.html"),
    );
    assert!(page.contains(">Match<") && page.contains(">Must-haves<"));
    // Each candidate's must-haves: a status, and the rules behind it in the candidate's block.
    assert!(page.contains(">not met<"), "a status tag");
    assert!(page.contains("Against the job") && page.contains("<code>java:5</code>"));
    assert!(page.contains("Experience and education"));
    assert!(page.contains("Matched against"));
    assert_eq!(ranked_rows(&page), 14);
    let table = &page[page.find("id=\"ranked\"").unwrap()..];
    let first_row = &table[table.find("<tbody").unwrap()..];
    let first_row = &first_row[..first_row.find("</tr>").unwrap()];
    assert!(
        first_row.contains("java-spring"),
        "best match first: {first_row}"
    );
}

#[test]
fn missing_key_skills_are_shown_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let page = scan_to_html(
        &[],
        &[&samples().join("resumes")],
        &tmp.path().join("missing.html"),
    );
    // The marketing manager lacks every key skill: the page names them as people do.
    for name in ["Distributed Systems", "PostgreSQL", "Unit Testing", "CI/CD"] {
        assert!(page.contains(name), "{name} missing from the page");
    }
    for id in [
        ">distributed-systems<",
        "distributed-systems,",
        ">unit-testing<",
        "unit-testing,",
    ] {
        assert!(!page.contains(id), "the page shows the id {id}");
    }
}
