//! Where the time of a PDF batch goes, stage by stage: each PDF of a folder read, extracted by the
//! engines in their order behind the quality gate, normalized, analyzed and written as JSON, in
//! this process on one thread, with a clock around each stage. Prints a Markdown table.
//!
//! `pdf_budget DIR` for the budget; `pdf_budget --floor [--threads N] DIR` for the floor: only the
//! first engine of each file's order over the same files, on N threads (default 1), nothing else.
//! `benches/budget.sh` and `benches/compare.sh` run both.
//!
//! The engines run as a batch's workers run them: one after another until one passes the gate
//! (the batch also skips pdf-extract after engines that found no text; on readable resumes that
//! never happens). The extraction clock includes the engine's text repair; the gate's share is
//! measured by assessing the text again.

#![allow(clippy::print_stdout, clippy::print_stderr)] // printing is this tool's job

use resumescan::extract::pdf;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let floor = args.iter().any(|a| a == "--floor");
    let threads = args
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let Some(dir) = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--threads"))
        .map(|(_, a)| a)
        .next_back()
    else {
        eprintln!("usage: pdf_budget [--floor [--threads N]] DIR");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            eprintln!("pdf_budget: {dir}: {e}");
            std::process::exit(2)
        })
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    // Extraction runs in place on threads with the parsers' stack, as in a batch.
    let run = || {
        if floor {
            run_floor(&files, threads);
        } else {
            run_budget(&files);
        }
    };
    resumescan::extract::with_parser_stack(run).expect("a thread starts");
}

/// The first engine of each file's order, alone, on `threads` threads: the floor a batch of
/// these files could reach with that engine.
fn run_floor(files: &[PathBuf], threads: usize) {
    let next = AtomicUsize::new(0);
    let words = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let work = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else {
                    break;
                };
                let Ok(bytes) = std::fs::read(file) else {
                    continue;
                };
                let engine = pdf::engine_order(&bytes)[0];
                if let Ok(text) = pdf::extract_with(engine, file, &bytes) {
                    words.fetch_add(text.quality.words, Ordering::Relaxed);
                }
            };
            scope.spawn(move || resumescan::extract::with_parser_stack(work));
        }
    });
    eprintln!(
        "{} PDFs, first engine only, {threads} thread(s): {:.3} s, {} words",
        files.len(),
        started.elapsed().as_secs_f64(),
        words.load(Ordering::Relaxed)
    );
}

/// Time spent in each stage, summed over the files.
#[derive(Default)]
struct Budget {
    read: Duration,
    /// By engine: (runs, time without the gate).
    engines: BTreeMap<&'static str, (usize, Duration)>,
    gate: Duration,
    normalize: Duration,
    analyze: Duration,
    report: Duration,
    fallbacks: usize,
}

fn run_budget(files: &[PathBuf]) {
    let analyzer = resumescan::Analyzer::new().expect("built-in dictionaries load");
    // Warm-up: the analyzer compiles some patterns on first use.
    analyzer.analyze_text("Go and Java developer, 2019 - present. BSc in Computer Science.");
    let mut budget = Budget::default();
    let started = Instant::now();
    for file in files {
        let clock = Instant::now();
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        budget.read += clock.elapsed();
        let text = extract(file, &bytes, &mut budget);
        let clock = Instant::now();
        let normalized = analyzer.normalized_with_sections(&text);
        let normalizing = clock.elapsed();
        budget.normalize += normalizing;
        std::hint::black_box(normalized);
        let clock = Instant::now();
        let doc = analyzer.analyze_text(&text);
        // Analysis normalizes again: that part is counted once, under normalization.
        budget.analyze += clock.elapsed().saturating_sub(normalizing);
        let clock = Instant::now();
        let json = serde_json::to_vec(&doc).expect("a report serializes");
        budget.report += clock.elapsed();
        std::hint::black_box(json);
    }
    let total = started.elapsed();
    print(&budget, files.len(), total);
}

/// Extracts as a worker does: engines in order until one passes the gate, else the best text.
fn extract(file: &Path, bytes: &[u8], budget: &mut Budget) -> String {
    let mut best: Option<pdf::PdfText> = None;
    for (i, &engine) in pdf::engine_order(bytes).iter().enumerate() {
        let clock = Instant::now();
        let result = pdf::extract_with(engine, file, bytes);
        let took = clock.elapsed();
        let mut gate = Duration::ZERO;
        if let Ok(text) = &result {
            let clock = Instant::now();
            std::hint::black_box(pdf::assess(&text.text, text.quality.pages));
            gate = clock.elapsed();
        }
        budget.gate += gate;
        let entry = budget.engines.entry(engine.name()).or_default();
        entry.0 += 1;
        entry.1 += took.saturating_sub(gate);
        if i > 0 {
            budget.fallbacks += 1;
        }
        match result {
            Ok(text) if text.quality.passed() => return text.text,
            Ok(text) => {
                if best
                    .as_ref()
                    .is_none_or(|b| text.quality.usable() > b.quality.usable())
                {
                    best = Some(text);
                }
            }
            Err(_) => {}
        }
    }
    best.map(|b| b.text).unwrap_or_default()
}

fn print(budget: &Budget, files: usize, total: Duration) {
    let n = files.max(1) as f64;
    let all = total.as_secs_f64();
    let row = |stage: &str, runs: usize, time: Duration| {
        println!(
            "| {stage} | {runs} | {:.3} | {:.2} | {:.1} % |",
            time.as_secs_f64(),
            time.as_secs_f64() * 1000.0 / n,
            time.as_secs_f64() / all * 100.0
        );
    };
    println!("| stage | runs | total s | ms per PDF | share |");
    println!("|---|---|---|---|---|");
    row("read the file", files, budget.read);
    for (engine, (runs, time)) in &budget.engines {
        row(
            &format!("engine: {engine} (with its text repair)"),
            *runs,
            *time,
        );
    }
    row(
        "quality gate",
        budget.engines.values().map(|e| e.0).sum(),
        budget.gate,
    );
    row("normalization and sections", files, budget.normalize);
    row("analysis (skills, facts, score)", files, budget.analyze);
    row("JSON report", files, budget.report);
    let counted = budget.read
        + budget.engines.values().map(|e| e.1).sum::<Duration>()
        + budget.gate
        + budget.normalize
        + budget.analyze
        + budget.report;
    row(
        "rest (the clocks, the loop)",
        files,
        total.saturating_sub(counted),
    );
    println!(
        "\n{files} PDFs in {all:.3} s on one thread ({:.2} ms per PDF); {} engine runs after the \
         first engine's text failed the gate.",
        all * 1000.0 / n,
        budget.fallbacks
    );
}
