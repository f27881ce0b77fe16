//! Turning command-line paths into the list of documents to analyse.

use resumescan::extract::SUPPORTED_EXTENSIONS;
use std::path::{Path, PathBuf};

/// One thing to analyse, in report order.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file (given directly, or found in a directory).
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A path that yields no document; reported as an error entry.
    Problem {
        path: String,
        kind: &'static str,
        message: String,
    },
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
            Input::Problem { path, .. } => path.clone(),
        }
    }
}

/// Expands paths in the order given; each directory's files are sorted by path so the order never
/// depends on the file system.
pub fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => out.push(Input::Problem {
                path: path.display().to_string(),
                kind: if e.kind() == std::io::ErrorKind::NotFound {
                    "not_found"
                } else {
                    "io"
                },
                message: format!("{}: {e}", path.display()),
            }),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files);
                files.sort();
                if files.is_empty() {
                    out.push(Input::Problem {
                        path: path.display().to_string(),
                        kind: "no_supported_files",
                        message: format!(
                            "{}: directory has no .pdf, .docx, .odt, .txt or .md files",
                            path.display()
                        ),
                    });
                }
                out.extend(files.into_iter().map(Input::File));
            }
            Ok(_) => out.push(Input::File(path.clone())),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if hidden {
            continue;
        }
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() && is_supported(&path) {
            out.push(path);
        }
    }
}

fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| e.eq_ignore_ascii_case(s))
    })
}
