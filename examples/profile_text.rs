//! Runs `analyze_text` over texts many times: a target for profilers.
//!
//! `profile_text [--skills] [ROUNDS] [FILE...]` (default: 50 rounds over the sample resumes;
//! `--skills`: `analyze_skills`, the call less the candidate facts). Warm-up rounds
//! run first, so that work done once (reject patterns and their anchors' automata, compiled on
//! first use) is not counted; to profile the steady state alone:
//! `valgrind --tool=callgrind --toggle-collect='*profile_text::rounds*' target/release/examples/profile_text 20`.

#[allow(clippy::print_stderr)] // a command-line tool for profiling: its output is the point
fn main() {
    let started = std::time::Instant::now();
    let analyzer = resumescan::Analyzer::new().expect("built-in dictionaries load");
    let built = started.elapsed();
    let mut args = std::env::args().skip(1).peekable();
    let analyze = if args.next_if(|a| a == "--skills").is_some() {
        resumescan::Analyzer::analyze_skills
    } else {
        resumescan::Analyzer::analyze_text
    };
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let mut files: Vec<std::path::PathBuf> = args.map(Into::into).collect();
    if files.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
        files = std::fs::read_dir(dir)
            .expect("samples exist")
            .flatten()
            .map(|e| e.path())
            .collect();
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    // Warm-up: reject patterns and their anchors' automata compile on first use.
    let per_round: usize = texts.iter().map(String::len).sum::<usize>().max(1);
    for _ in 0..=300_000 / per_round {
        for t in &texts {
            analyze(&analyzer, t);
        }
    }
    let started = std::time::Instant::now();
    let (bytes, skills) = rounds_of(&analyzer, analyze, &texts, rounds);
    let took = started.elapsed();
    eprintln!(
        "start-up {built:?}; {bytes} bytes in {took:?} = {:.1} MB/s; {skills} skills",
        bytes as f64 / took.as_secs_f64() / 1e6
    );
}

/// `rounds` passes over `texts`: (bytes read, skills found).
#[inline(never)]
fn rounds_of(
    analyzer: &resumescan::Analyzer,
    analyze: fn(&resumescan::Analyzer, &str) -> resumescan::DocumentReport,
    texts: &[String],
    rounds: usize,
) -> (usize, usize) {
    let (mut bytes, mut skills) = (0usize, 0usize);
    for _ in 0..rounds {
        for t in texts {
            bytes += t.len();
            skills += analyze(analyzer, t).skills.len();
        }
    }
    (bytes, skills)
}
