//! Turning command-line paths into the list of documents to analyse.

use anyhow::Context;
use globset::{Glob, GlobSet, GlobSetBuilder};
use resumescan::extract::SUPPORTED_EXTENSIONS;
use resumescan::report::display_path;
use resumescan::{ErrorKind, StatusReason};
use std::io::{BufRead, Read};
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
        kind: ErrorKind,
        message: String,
    },
    /// Something found in a folder and deliberately not read (a symbolic link that is not
    /// followed, a FIFO, socket or device); reported as a `skipped` entry with `reason`.
    Skipped { path: String, reason: StatusReason },
}

impl Input {
    /// An error entry for `path`: `kind`, and a message that names the path.
    fn problem(path: &Path, kind: ErrorKind, detail: &str) -> Input {
        let shown = display_path(path);
        Input::Problem {
            message: format!("{shown}: {detail}"),
            path: shown,
            kind,
        }
    }

    /// A `skipped` entry for `path`.
    fn skipped(path: &Path, reason: StatusReason) -> Input {
        Input::Skipped {
            path: display_path(path),
            reason,
        }
    }

    /// The input as the batch engine takes it.
    pub fn into_batch(self) -> resumescan::batch::Input {
        use resumescan::batch::Input as B;
        match self {
            Input::File(path) => B::path(path),
            Input::Stdin => B::reader("-", std::io::stdin()),
            Input::Problem {
                path,
                kind,
                message,
            } => B::failed(path, kind, message),
            Input::Skipped { path, reason } => B::skipped(path, reason),
        }
    }

    pub fn display(&self) -> String {
        match self {
            Input::File(p) => display_path(p),
            Input::Stdin => "-".into(),
            Input::Problem { path, .. } | Input::Skipped { path, .. } => path.clone(),
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

    /// Whether `rel` (a path below a walked folder) matches an `--exclude` glob.
    fn excluded(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        self.exclude
            .as_ref()
            .is_some_and(|set| set.is_match(rel) || set.is_match(name))
    }

    /// Whether a file found under a directory walk is kept; `rel` is its path below the root.
    fn keep(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let matches = |set: &GlobSet| set.is_match(rel) || set.is_match(name);
        self.include.as_ref().is_none_or(matches) && !self.exclude.as_ref().is_some_and(matches)
    }
}

/// Longest line read from `--files-from` (a path longer than this is no path).
const MAX_LIST_LINE: u64 = 64 * 1024;
/// Most paths read from `--files-from`.
const MAX_LIST_ENTRIES: usize = 10_000_000;

/// Expands paths in the order given, then the `--files-from` list. Each directory's entries are
/// sorted by path, so the order never depends on the file system or the thread count. What a
/// walk cannot read (a dangling link, a loop, an unreadable folder) becomes an error entry, and
/// what it does not read (links unless `follow`, FIFOs, sockets, devices) a skipped one.
pub fn collect(
    paths: &[PathBuf],
    files_from: Option<&Path>,
    filters: &Filters,
    follow: bool,
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
        read_list(reader, &mut listed)
            .with_context(|| format!("cannot read the --files-from list {}", list.display()))?;
    }
    let mut out = Vec::new();
    for path in &listed {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => out.push(Input::problem(
                path,
                if e.kind() == std::io::ErrorKind::NotFound {
                    ErrorKind::NotFound
                } else {
                    ErrorKind::Io
                },
                &e.to_string(),
            )),
            Ok(meta) if meta.is_dir() => {
                let found = walk(path, filters, follow);
                if found.is_empty() {
                    out.push(Input::problem(
                        path,
                        ErrorKind::NoSupportedFiles,
                        "directory has no .pdf, .docx, .odt, .html, .txt or .md files",
                    ));
                }
                out.extend(found);
            }
            Ok(_) => out.push(Input::File(path.clone())),
        }
    }
    Ok(out)
}

/// Reads a list of paths, one per line, through bounded reads: a line longer than
/// [`MAX_LIST_LINE`] (`/dev/zero`) or more than [`MAX_LIST_ENTRIES`] lines is an error, not an
/// exhausted memory.
fn read_list(mut reader: impl BufRead, listed: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut line = Vec::new();
    let mut count = 0usize;
    loop {
        line.clear();
        let n = (&mut reader)
            .take(MAX_LIST_LINE + 1)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(());
        }
        if line.last() != Some(&b'\n') && n as u64 > MAX_LIST_LINE {
            anyhow::bail!(
                "a line is longer than {MAX_LIST_LINE} bytes: this is not a list of paths"
            );
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        count += 1;
        if count > MAX_LIST_ENTRIES {
            anyhow::bail!("more than {MAX_LIST_ENTRIES} paths");
        }
        listed.push(path_from_bytes(&line));
    }
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// The entries below `root`, sorted by path: supported files, and the problems and skipped
/// entries found on the way. Hidden files and folders are left out. Symbolic links are followed
/// only when `follow` is set (as `rg -L`), with loop detection; otherwise a link that names a
/// supported file or a folder is reported as skipped, so a link planted in a folder cannot pull
/// in a file from elsewhere (`/etc/shadow`).
fn walk(root: &Path, filters: &Filters, follow: bool) -> Vec<Input> {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(follow)
        .build();
    let mut found: Vec<(PathBuf, Input)> = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => {
                let Some(file_type) = e.file_type() else {
                    continue;
                };
                if file_type.is_dir() {
                    continue;
                }
                let path = e.into_path();
                let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                let wanted = |path: &Path| is_supported(path) && filters.keep(&rel);
                if file_type.is_file() {
                    if wanted(&path) {
                        found.push((path.clone(), Input::File(path)));
                    }
                } else if file_type.is_symlink() {
                    // Not followed: a broken link is an error; of the others, report the ones
                    // that would have been read or walked.
                    let target = std::fs::metadata(&path);
                    if let Err(e) = &target {
                        let (kind, detail) = describe_link_error(e);
                        found.push((path.clone(), Input::problem(&path, kind, &detail)));
                    } else if wanted(&path) || target.is_ok_and(|m| m.is_dir()) {
                        found.push((path.clone(), Input::skipped(&path, StatusReason::Symlink)));
                    }
                } else if wanted(&path) {
                    found.push((path.clone(), Input::skipped(&path, StatusReason::NotAFile)));
                }
            }
            Err(err) => {
                let (path, kind, detail) = describe_walk_error(&err);
                let path = path.unwrap_or_else(|| root.to_path_buf());
                let rel = path.strip_prefix(root).unwrap_or(&path);
                if filters.excluded(rel) {
                    continue;
                }
                found.push((path.clone(), Input::problem(&path, kind, &detail)));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().map(|(_, input)| input).collect()
}

/// The path, error kind and description of a walk error.
fn describe_walk_error(err: &ignore::Error) -> (Option<PathBuf>, ErrorKind, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            // The walker's I/O errors lose the OS error code; asking again gets it back, so
            // that a link loop is told from a missing target.
            if let Err(fresh) = std::fs::metadata(path) {
                let (kind, detail) = describe_link_error(&fresh);
                return (Some(path.clone()), kind, detail);
            }
            let (_, kind, detail) = describe_walk_error(err);
            (Some(path.clone()), kind, detail)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_walk_error(err)
        }
        ignore::Error::Loop { child, ancestor } => (
            Some(child.clone()),
            ErrorKind::SymlinkLoop,
            format!(
                "a symbolic link loop (back to {}); not followed",
                display_path(ancestor)
            ),
        ),
        ignore::Error::Io(e) => {
            let (kind, detail) = describe_link_error(e);
            (None, kind, detail)
        }
        other => (None, ErrorKind::Io, other.to_string()),
    }
}

/// The error kind and description of an I/O error met on a symbolic link (or through one).
fn describe_link_error(e: &std::io::Error) -> (ErrorKind, String) {
    if e.kind() == std::io::ErrorKind::NotFound {
        (
            ErrorKind::NotFound,
            "a symbolic link to nothing (its target does not exist)".to_string(),
        )
    } else if e.raw_os_error() == Some(libc::ELOOP) {
        (ErrorKind::SymlinkLoop, "a symbolic link loop".to_string())
    } else {
        (ErrorKind::Io, e.to_string())
    }
}

fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| e.eq_ignore_ascii_case(s))
    })
}
