//! Normalization and the whole text analysis on arbitrary input: any bytes, read as plain text
//! (so the encoding sniffing and mojibake repair run too), must give a report without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resumescan::Analyzer;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::new().expect("the built-in dictionaries load"))
}

fuzz_target!(|data: &[u8]| {
    let analyzer = analyzer();
    if let Ok(text) = std::str::from_utf8(data) {
        let normalized = resumescan::normalize(text);
        // Normalization is idempotent on what it produces: matching sees stable text.
        let _ = resumescan::normalize(&normalized);
        let _ = analyzer.analyze_text(text);
    }
    // Bytes take the file path: encoding detection, then the same analysis.
    let _ = analyzer.analyze_bytes("fuzz.txt", data);
});
