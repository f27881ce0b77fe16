//! Texts the unit tests run over: the project's own sample resumes and labelled passages.

use std::path::Path;

/// The sample resumes written as text (`samples/resumes/*.txt`), in file-name order.
pub(crate) fn samples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("samples exist")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable sample"))
        .collect()
}

/// The texts of the labelled passages (`tests/data/passages.tsv`), their "\n" read as line
/// breaks.
pub(crate) fn passages() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/passages.tsv");
    std::fs::read_to_string(path)
        .expect("passages exist")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.splitn(3, '\t').nth(2))
        .map(|t| t.replace("\\n", "\n"))
        .collect()
}
