//! Turning command-line paths into the list of documents to analyse.

use anyhow::Context;
use globset::{Glob, GlobSet, GlobSetBuilder};
use resumescan::extract::SUPPORTED_EXTENSIONS;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One thing to analyse, in report order.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file (given directly, listed, or found in a directory).
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

/// File filters for directory walks.
pub struct Filters {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filters {
    pub fn new(include: &[String], exclude: &[String]) -> anyhow::Result<Filters> {
        let build = |globs: &[String]| -> anyhow::Result<Option<GlobSet>> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).with_context(|| format!("bad glob `{g}`"))?);
            }
            Ok(Some(b.build()?))
        };
        Ok(Filters {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    /// Whether a file found under a directory walk is kept; `rel` is its path below the root.
    fn keep(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let matches = |set: &GlobSet| set.is_match(rel) || set.is_match(name);
        self.include.as_ref().is_none_or(matches) && !self.exclude.as_ref().is_some_and(matches)
    }
}

/// Expands paths in the order given, then the `--files-from` list. Each directory's files are
/// sorted by path, so the order never depends on the file system or the thread count. Walk
/// problems (a symlink loop, an unreadable folder) are reported through `warn`.
pub fn collect(
    paths: &[PathBuf],
    files_from: Option<&Path>,
    filters: &Filters,
    warn: &mut dyn FnMut(String),
) -> anyhow::Result<Vec<Input>> {
    let mut listed: Vec<PathBuf> = paths.to_vec();
    if let Some(list) = files_from {
        let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(list)
                    .with_context(|| format!("cannot read --files-from {}", list.display()))?,
            ))
        };
        for line in reader.lines() {
            let line = line.context("cannot read the --files-from list")?;
            let line = line.trim_end_matches('\r');
            if !line.trim().is_empty() {
                listed.push(PathBuf::from(line));
            }
        }
    }
    let mut out = Vec::new();
    for path in &listed {
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
                let files = walk(path, filters, warn);
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
    Ok(out)
}

/// Supported files below `root`: hidden files and folders skipped, symlinks followed with loop
/// detection, sorted by path.
fn walk(root: &Path, filters: &Filters, warn: &mut dyn FnMut(String)) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .build();
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = e.into_path();
                let rel = path.strip_prefix(root).unwrap_or(&path);
                if is_supported(&path) && filters.keep(rel) {
                    files.push(path);
                }
            }
            Err(err) => warn(format!("skipped while walking {}: {err}", root.display())),
        }
    }
    files.sort();
    files
}

fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| e.eq_ignore_ascii_case(s))
    })
}
