//! The dictionary and profile loaders on arbitrary TOML: errors are fine, panics are not. A
//! dictionary that loads is also built into an analyzer and run on a short text, so that what the
//! loader accepts (aliases, reject patterns, context words) cannot break the matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resumescan::{Analyzer, Dictionary, Profile};

const TEXT: &str = "Skills\nGo, Python, PostgreSQL, Kafka\nExperience\n2019 - 2023 Backend engineer (Go)";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = resumescan::dictionary::check_dictionary_text("fuzz.toml", text, None);
    let _ = Profile::from_toml_str("fuzz.toml", text);
    if let Ok(dictionary) = Dictionary::from_toml_str("fuzz.toml", text) {
        let built = Analyzer::builder()
            .no_builtin_dictionaries(true)
            .dictionary(dictionary)
            .build();
        if let Ok(analyzer) = built {
            let _ = analyzer.analyze_text(TEXT);
        }
    }
});
