//! Extracts one PDF with one engine (or the whole pipeline) and prints one tab-separated line:
//! `file engine outcome ms pages words problem`, or the text itself with `--text`.
//!
//! It is meant to be run once per file from a shell loop, under `ulimit -v` and `timeout`, so that
//! an engine that aborts or explodes takes down only its own process:
//!
//! ```sh
//! cargo build --release --example extract_one
//! for f in ../shared/corpus/pdf-torture/*.pdf; do
//!   (ulimit -v 2000000; timeout 10 target/release/examples/extract_one pdf-extract "$f") \
//!     || echo -e "$f\tpdf-extract\tkilled($?)"
//! done
//! ```
//!
//! `ENGINE` is `pdf_oxide`, `lopdf`, `pdf-extract` or `auto` (the engines in order, behind the
//! quality gate). `--repeat N` runs the extraction N times and reports the fastest run.

#![allow(clippy::print_stdout, clippy::print_stderr)] // printing is this tool's job

use resumescan::extract::pdf::{self, Engine};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_wanted = args.iter().any(|a| a == "--text");
    let repeat = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--repeat"))
        .map(|(_, a)| a)
        .collect();
    let (Some(engine_name), Some(file)) = (positional.first(), positional.get(1)) else {
        eprintln!("usage: extract_one ENGINE|auto FILE [--text] [--repeat N]");
        std::process::exit(2);
    };
    let engine = match engine_name.as_str() {
        "auto" => None,
        name => match Engine::from_name(name) {
            Some(e) => Some(e),
            None => {
                eprintln!("unknown engine {name}");
                std::process::exit(2);
            }
        },
    };
    // Panics are caught and reported on the output line; keep stderr clean.
    std::panic::set_hook(Box::new(|_| {}));
    let path = Path::new(file.as_str());
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    let mut best_ms = f64::INFINITY;
    let mut outcome = None;
    for _ in 0..repeat {
        let start = Instant::now();
        let result = match engine {
            Some(engine) => pdf::extract_with(engine, path, &bytes),
            None => pdf::extract(path, &bytes),
        };
        best_ms = best_ms.min(start.elapsed().as_secs_f64() * 1000.0);
        outcome = Some(result);
    }
    let Some(outcome) = outcome else { return };
    match outcome {
        Ok(t) if text_wanted => print!("{}", t.text),
        Ok(t) => println!(
            "{file}\t{}\tok\t{best_ms:.2}\t{}\t{}\t{}",
            t.engine.name(),
            t.quality.pages,
            t.quality.words,
            t.quality.problem.map_or("-", |p| p.describe()),
        ),
        Err(e) if text_wanted => {
            eprintln!("{e}");
            std::process::exit(1);
        }
        Err(e) => println!(
            "{file}\t{engine_name}\t{}\t{best_ms:.2}\t0\t0\t{}",
            e.kind(),
            e.to_string().replace(['\t', '\n'], " ")
        ),
    }
}
