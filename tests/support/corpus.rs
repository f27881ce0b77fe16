//! The shared corpus beside the project (`../shared/corpus`) and its labelled resumes. A fresh
//! clone has none: the tests that need it skip (and fail under `RESUMESCAN_REQUIRE_ALL=1`).

use std::path::{Path, PathBuf};

/// The corpus folder, when it holds `labels`; otherwise the caller skips.
pub fn dir(labels: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join(labels).is_file() {
        Some(dir)
    } else {
        super::skip::skip("../shared/corpus is not present (it is not part of a fresh clone)");
        None
    }
}

/// The rows of the label file `labels` (tab-separated columns) whose resume has a text layer
/// (`kind` is not `image-only`) and is in `resumes/` as PDF or DOCX, with that file, in file
/// order. Comment and header lines have no such file and are left out.
pub fn labelled(dir: &Path, labels: &str) -> Vec<(Vec<String>, PathBuf)> {
    let text = std::fs::read_to_string(dir.join(labels)).expect("the label file reads");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
            if cols.get(2).is_some_and(|kind| kind == "image-only") {
                return None;
            }
            let path = ["pdf", "docx"]
                .iter()
                .map(|ext| dir.join("resumes").join(format!("{}.{ext}", cols[0])))
                .find(|p| p.is_file())?;
            Some((cols, path))
        })
        .collect()
}
