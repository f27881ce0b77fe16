//! Runs `analyze_text` over the sample resumes many times: a target for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile_text`).

#[allow(clippy::print_stderr)] // a command-line tool for profiling: its output is the point
fn main() {
    let started = std::time::Instant::now();
    let analyzer = resumescan::Analyzer::new().expect("built-in dictionaries load");
    let built = started.elapsed();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("samples exist").flatten() {
        if let Ok(t) = std::fs::read_to_string(entry.path()) {
            texts.push(t);
        }
    }
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let started = std::time::Instant::now();
    let (mut bytes, mut skills) = (0usize, 0usize);
    for _ in 0..rounds {
        for t in &texts {
            bytes += t.len();
            skills += analyzer.analyze_text(t).skills.len();
        }
    }
    let took = started.elapsed();
    eprintln!(
        "start-up {built:?}; {bytes} bytes in {took:?} = {:.1} MB/s; {skills} skills",
        bytes as f64 / took.as_secs_f64() / 1e6
    );
}
