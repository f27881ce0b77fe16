//! `--ocr`: reading scanned PDFs with the `tesseract` program.
//!
//! A PDF without a text layer is rendered to grey-scale images by poppler's `pdftoppm` and each
//! page is read by `tesseract`. Both are separate programs (Debian packages `tesseract-ocr` and
//! `poppler-utils`) run as child processes, so a crash in either costs only that document. OCR is
//! slow (seconds per page), which is why it runs only on documents that came out `empty` with
//! `reason: no_text_layer`, and never on more than [`MAX_PAGES`] pages.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Pages read at most per document: a resume is a few pages, a 300-page scan is not one.
pub const MAX_PAGES: u32 = 10;

/// Rendering resolution: 300 dpi is what tesseract is trained for.
const DPI: &str = "300";

/// What to install when a program is missing, for the error message.
const INSTALL_HINT: &str =
    "on Debian/Ubuntu `apt-get install tesseract-ocr poppler-utils` installs both; or drop --ocr";

/// The OCR programs, found on PATH, and how long a document may take.
#[derive(Debug)]
pub struct Ocr {
    tesseract: PathBuf,
    pdftoppm: PathBuf,
    language: String,
    timeout: Duration,
}

impl resumescan::batch::Ocr for Ocr {
    /// The text of a scanned PDF, page by page (pages separated by a form feed).
    fn read_pdf(&self, bytes: &[u8]) -> Result<String, String> {
        let started = Instant::now();
        // A folder only we can read (0700), removed when done and on SIGINT/SIGTERM/SIGHUP: it
        // holds a copy of a resume.
        let mut builder = tempfile::Builder::new();
        builder.prefix("resumescan-ocr-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        let dir = builder
            .tempdir()
            .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
        super::cleanup::register(dir.path());
        let result = self.read_pdf_in(dir.path(), bytes, started);
        super::cleanup::unregister(dir.path());
        result
    }
}

impl Ocr {
    /// Finds `tesseract` and `pdftoppm` on PATH; the error says which one is missing and how to
    /// install it.
    pub fn find(language: &str, timeout: Duration) -> Result<Ocr, String> {
        let tesseract = on_path("tesseract");
        let pdftoppm = on_path("pdftoppm");
        match (tesseract, pdftoppm) {
            (Some(tesseract), Some(pdftoppm)) => Ok(Ocr {
                tesseract,
                pdftoppm,
                language: language.to_string(),
                timeout,
            }),
            (t, p) => {
                let missing: Vec<&str> = [(t.is_none(), "tesseract"), (p.is_none(), "pdftoppm")]
                    .into_iter()
                    .filter_map(|(gone, name)| gone.then_some(name))
                    .collect();
                Err(format!(
                    "--ocr needs the `{}` program{} on PATH: {INSTALL_HINT}",
                    missing.join("` and `"),
                    if missing.len() > 1 { "s" } else { "" }
                ))
            }
        }
    }

    fn read_pdf_in(&self, dir: &Path, bytes: &[u8], started: Instant) -> Result<String, String> {
        let pdf = dir.join("in.pdf");
        write_private(&pdf, bytes).map_err(|e| format!("cannot write {}: {e}", pdf.display()))?;
        let mut render = Command::new(&self.pdftoppm);
        render
            .args([
                "-q",
                "-gray",
                "-png",
                "-r",
                DPI,
                "-l",
                &MAX_PAGES.to_string(),
            ])
            .arg(&pdf)
            .arg(dir.join("page"));
        run(render, self.remaining(started)?, "pdftoppm")?;
        let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot list the rendered pages: {e}"))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        // pdftoppm pads page numbers to the same width, so names sort in page order.
        pages.sort();
        let mut text = String::new();
        for page in &pages {
            let mut read = Command::new(&self.tesseract);
            read.arg(page)
                .arg("stdout")
                .args(["-l", &self.language, "--psm", "3"]);
            let page_text = run(read, self.remaining(started)?, "tesseract")?;
            if !text.is_empty() {
                text.push('\u{c}');
            }
            text.push_str(&page_text);
        }
        Ok(text)
    }

    fn remaining(&self, started: Instant) -> Result<Duration, String> {
        self.timeout
            .checked_sub(started.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| format!("OCR took longer than {} s", self.timeout.as_secs()))
    }
}

/// Runs a command to completion within `timeout`, returning its standard output.
fn run(mut command: Command, timeout: Duration, name: &str) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    // Read both pipes on threads so that a chatty child never blocks on a full pipe while we wait.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(mut pipe) = pipe {
                // A read error leaves what was read so far; the exit status tells the rest.
                let _ = pipe.read_to_end(&mut out);
            }
            out
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                // Killing an exited child fails harmlessly; the wait reaps it either way.
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{name} took longer than the OCR time limit ({} s)",
                    timeout.as_secs()
                ));
            }
            Err(e) => return Err(format!("cannot wait for {name}: {e}")),
        }
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if status.success() {
        Ok(String::from_utf8_lossy(&out).into_owned())
    } else {
        let err = String::from_utf8_lossy(&err);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        Err(format!("{name} failed ({status}): {}", last.trim()))
    }
}

/// The first executable called `name` in the PATH folders.
fn on_path(name: &str) -> Option<PathBuf> {
    find_in(&std::env::var_os("PATH")?, name)
}

/// The first executable called `name` in the folders of a PATH-style list.
fn find_in(path: &std::ffi::OsStr, name: &str) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Writes a file that only its owner can read.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_are_found_only_in_the_path_folders() {
        let dir = tempfile::tempdir().unwrap();
        // Only `pdftoppm` exists in this PATH.
        let fake = dir.path().join("pdftoppm");
        std::fs::write(&fake, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let path = dir.path().as_os_str();
        assert_eq!(find_in(path, "pdftoppm").as_deref(), Some(fake.as_path()));
        assert_eq!(find_in(path, "tesseract"), None);
    }

    #[test]
    fn a_command_past_its_time_limit_is_stopped() {
        let mut sleep = Command::new("sleep");
        sleep.arg("5");
        let started = Instant::now();
        let err = run(sleep, Duration::from_millis(200), "sleep").unwrap_err();
        assert!(err.contains("time limit"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn a_failing_command_reports_its_last_error_line() {
        let mut fail = Command::new("sh");
        fail.args(["-c", "echo first >&2; echo 'bad page' >&2; exit 3"]);
        let err = run(fail, Duration::from_secs(5), "tesseract").unwrap_err();
        assert!(err.contains("bad page"), "{err}");
    }
}
