//! `resumescan._native`: the library's analyzer and batch engine for Python.
//!
//! The Python package (`resumescan/__init__.py`) wraps this module: it turns arguments into the
//! plain values taken here, JSON strings into dictionaries, and [`NativeError`] into its exception
//! classes. Every report entry leaves here as the JSON the command line writes for it, so a
//! dictionary from Python has the same keys and values as a document of `resumescan scan`.
//!
//! Rust work runs with the interpreter released (`Python::detach`). A scan runs its batch on a
//! thread of its own that feeds a bounded channel, so however many files there are, only a few
//! entries wait between the batch and the Python iterator.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use resumescan::batch::{Batch, CancelHandle, Input, Isolation, Progress, WorkerCommand};
use resumescan::{DocumentReport, ErrorKind, JobProfile, Status, StatusReason};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

create_exception!(
    _native,
    NativeError,
    PyException,
    "An error of the library: `args` is `(kind, message)`."
);

/// Entries that may wait between the batch and the Python iterator.
const CHANNEL_BOUND: usize = 32;

/// How often a waiting iterator checks for signals (Ctrl-C) and reports progress.
const POLL: Duration = Duration::from_millis(50);

/// The machine name of an error kind (`parse`, `unknown_skill`, …).
fn kind_name(kind: ErrorKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "internal".to_string(),
    }
}

fn error(e: resumescan::Error) -> PyErr {
    NativeError::new_err((kind_name(e.kind()), e.to_string()))
}

fn config_error(message: impl Into<String>) -> PyErr {
    NativeError::new_err(("config".to_string(), message.into()))
}

fn json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| config_error(format!("cannot write JSON: {e}")))
}

/// Where document parsers run, and the limits of worker processes.
#[derive(Clone)]
struct Extraction {
    isolation: Isolation,
    timeout: Duration,
    memory_limit: u64,
}

impl Extraction {
    fn new(worker: Option<Vec<OsString>>, timeout: f64, memory_limit: u64) -> PyResult<Self> {
        let isolation = match worker {
            None => Isolation::Thread,
            Some(argv) => {
                let mut argv = argv.into_iter();
                let program = argv
                    .next()
                    .ok_or_else(|| config_error("the worker command is empty"))?;
                Isolation::Process(WorkerCommand {
                    program: program.into(),
                    args: argv.collect(),
                })
            }
        };
        if !timeout.is_finite() || timeout <= 0.0 {
            return Err(config_error(format!(
                "timeout must be a positive number of seconds, not {timeout}"
            )));
        }
        Ok(Extraction {
            isolation,
            timeout: Duration::from_secs_f64(timeout.min(1e9)),
            memory_limit,
        })
    }

    fn builder<'a>(
        &self,
        analyzer: &'a resumescan::Analyzer,
    ) -> resumescan::batch::BatchBuilder<'a> {
        Batch::builder(analyzer)
            .isolation(self.isolation.clone())
            .timeout(self.timeout)
            .memory_limit(self.memory_limit)
    }
}

/// A job to match documents against.
#[pyclass(frozen, module = "resumescan._native")]
struct Job {
    profile: JobProfile,
}

#[pymethods]
impl Job {
    /// The job profile as JSON (what `resumescan job` writes).
    fn json(&self) -> PyResult<String> {
        json(&self.profile)
    }
}

/// The analyzer: dictionaries, profile and matcher, built once and shared by every call.
#[pyclass(frozen, module = "resumescan._native")]
struct Analyzer {
    inner: Arc<resumescan::Analyzer>,
}

#[pymethods]
impl Analyzer {
    #[new]
    #[pyo3(signature = (profile, dictionaries, no_default_dictionaries, today, implied, max_file_size))]
    fn new(
        py: Python<'_>,
        profile: PathBuf,
        dictionaries: Vec<PathBuf>,
        no_default_dictionaries: bool,
        today: Option<(i32, u32)>,
        implied: bool,
        max_file_size: u64,
    ) -> PyResult<Self> {
        let analyzer = py.detach(|| -> Result<_, resumescan::Error> {
            let (year, month) = today.unwrap_or_else(this_month);
            let mut builder = resumescan::Analyzer::builder()
                .no_builtin_dictionaries(no_default_dictionaries)
                .max_file_size(max_file_size)
                .implied(implied)
                .today(year, month);
            for path in &dictionaries {
                builder = builder.dictionary(resumescan::Dictionary::from_path(path)?);
            }
            let name = profile.to_string_lossy();
            let profile = if name.ends_with(".toml") || profile.is_file() {
                resumescan::Profile::from_path(&profile)?
            } else {
                resumescan::Profile::builtin(&name)?
            };
            builder.profile(profile).build()
        });
        Ok(Analyzer {
            inner: Arc::new(analyzer.map_err(error)?),
        })
    }

    /// What a report says before its documents (tool, profile, dictionaries), as JSON.
    fn header(&self) -> PyResult<String> {
        json(&self.inner.header())
    }

    /// The job a posting and stated rules describe, or `None` when there is neither. The posting
    /// is text, a file (read as the documents are), or a profile as JSON (from `Job.json`).
    #[pyo3(signature = (text, path, profile_json, require, prefer))]
    fn job(
        &self,
        py: Python<'_>,
        text: Option<String>,
        path: Option<PathBuf>,
        profile_json: Option<String>,
        require: Vec<String>,
        prefer: Vec<String>,
    ) -> PyResult<Option<Job>> {
        let analyzer = &*self.inner;
        let profile =
            py.detach(|| build_job(analyzer, text, path, profile_json, require, prefer))?;
        Ok(profile.map(|profile| Job { profile }))
    }

    /// One document's entry as JSON. Exactly one of `text`, `data` and `path` is given; `name` is
    /// the name the entry is reported under (and, for `data`, the format hint).
    #[pyo3(signature = (name, text, data, path, job, worker, timeout, memory_limit))]
    #[allow(clippy::too_many_arguments)]
    fn analyze(
        &self,
        py: Python<'_>,
        name: String,
        text: Option<String>,
        data: Option<Vec<u8>>,
        path: Option<PathBuf>,
        job: Option<&Job>,
        worker: Option<Vec<OsString>>,
        timeout: f64,
        memory_limit: u64,
    ) -> PyResult<String> {
        let input = match (text, data, path) {
            // Text needs no extraction: analysed here, as the batch would, without its threads.
            (Some(text), None, None) => {
                let analyzer = &*self.inner;
                let job = job.map(|j| &j.profile);
                return py.detach(|| {
                    let doc = std::panic::catch_unwind(|| {
                        let mut doc = analyzer.analyze_text(&text);
                        doc.path = name.clone();
                        if let Some(job) = job {
                            if matches!(doc.status, Status::Ok | Status::Empty) {
                                doc.job_match =
                                    Some(job.match_document(analyzer.dictionary(), &doc));
                            }
                        }
                        doc
                    })
                    .unwrap_or_else(|_| {
                        DocumentReport::with_error(
                            &name,
                            ErrorKind::Panic,
                            &format!("{name}: internal error while analysing this text"),
                        )
                    });
                    json(&doc)
                });
            }
            (None, Some(data), None) => Input::bytes(name, data),
            (None, None, Some(path)) => Input::path(path),
            _ => return Err(config_error("give exactly one of text, data and path")),
        };
        let extraction = Extraction::new(worker, timeout, memory_limit)?;
        let analyzer = &*self.inner;
        let job = job.map(|j| j.profile.clone());
        py.detach(|| {
            let mut builder = extraction.builder(analyzer).jobs(1);
            if let Some(job) = job {
                builder = builder.job(job);
            }
            let batch = builder.build().map_err(error)?;
            let doc = batch.collect([input], &mut ()).pop();
            let doc = doc.ok_or_else(|| config_error("the document gave no entry"))?;
            json(&doc)
        })
    }

    /// Starts a scan of `paths` (files, and folders walked for supported files).
    #[pyo3(signature = (paths, jobs, job, worker, timeout, memory_limit, duplicates, possible_duplicates, redact, blind, timings))]
    #[allow(clippy::too_many_arguments)]
    fn scan(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        jobs: usize,
        job: Option<&Job>,
        worker: Option<Vec<OsString>>,
        timeout: f64,
        memory_limit: u64,
        duplicates: bool,
        possible_duplicates: bool,
        redact: bool,
        blind: bool,
        timings: bool,
    ) -> PyResult<Scan> {
        let extraction = Extraction::new(worker, timeout, memory_limit)?;
        let inputs = py.detach(|| collect_inputs(&paths));
        let total = inputs.len();
        let analyzer = Arc::clone(&self.inner);
        let job = job.map(|j| j.profile.clone());
        let cancel = CancelHandle::default();
        let done = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::sync_channel::<Result<String, PyErrArgs>>(CHANNEL_BOUND);
        let thread = {
            let cancel = cancel.clone();
            let done = Arc::clone(&done);
            std::thread::Builder::new()
                .name("resumescan-scan".into())
                .spawn(move || {
                    let mut builder = extraction
                        .builder(&analyzer)
                        .jobs(jobs)
                        .duplicates(duplicates)
                        .possible_duplicates(possible_duplicates)
                        .redact(redact)
                        .blind(blind)
                        .timings(timings);
                    if let Some(job) = job {
                        builder = builder.job(job);
                    }
                    let batch = match builder.build() {
                        Ok(batch) => batch,
                        Err(e) => {
                            let _ = tx.send(Err((kind_name(e.kind()), e.to_string())));
                            return;
                        }
                    };
                    let mut counter = Counter(done);
                    // An error from `send` means the iterator is gone: the run stops.
                    let _ = batch.run(inputs, &mut counter, &cancel, |_, doc| {
                        let entry = serde_json::to_string(&doc)
                            .map_err(|e| ("internal".to_string(), e.to_string()));
                        tx.send(entry).map_err(|_| ())
                    });
                })
                .map_err(|e| config_error(format!("cannot start the scan thread: {e}")))?
        };
        Ok(Scan {
            state: Mutex::new(Some(Running { rx, thread, cancel })),
            closed: AtomicBool::new(false),
            done,
            total,
        })
    }
}

type PyErrArgs = (String, String);

/// Counts documents as they finish, for the progress callback.
struct Counter(Arc<AtomicUsize>);

impl Progress for Counter {
    fn finished(&mut self, _doc: &DocumentReport) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

struct Running {
    rx: Receiver<Result<String, PyErrArgs>>,
    thread: JoinHandle<()>,
    cancel: CancelHandle,
}

impl Running {
    /// Cancels the run and waits for it: documents in progress finish (worker processes within
    /// their limits), then the batch's threads and worker processes are gone.
    fn stop(self) {
        self.cancel.cancel();
        drop(self.rx);
        let _ = self.thread.join();
    }
}

/// A running scan: its entries, as JSON, in input order.
#[pyclass(module = "resumescan._native")]
struct Scan {
    state: Mutex<Option<Running>>,
    closed: AtomicBool,
    done: Arc<AtomicUsize>,
    total: usize,
}

#[pymethods]
impl Scan {
    /// The number of inputs.
    #[getter]
    fn total(&self) -> usize {
        self.total
    }

    /// Documents finished so far (some may not be delivered yet).
    #[getter]
    fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// The next entry as JSON, or `None` at the end. Waits at most `wait` seconds; `TimeoutError`
    /// then (so that the caller can report progress). A pending signal (Ctrl-C) stops the scan
    /// and raises `KeyboardInterrupt`.
    fn next(&self, py: Python<'_>, wait: f64) -> PyResult<Option<String>> {
        let deadline = Instant::now() + Duration::from_secs_f64(wait.clamp(0.0, 1e6));
        loop {
            // The receiver is taken out while it waits, with the interpreter released (a receiver
            // cannot be shared between threads), and put back after.
            let running = self
                .state
                .lock()
                .map_err(|_| config_error("the scan's state is poisoned"))?
                .take();
            let Some(running) = running else {
                if self.closed.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                return Err(pyo3::exceptions::PyRuntimeError::new_err(
                    "the scan is being read by another thread",
                ));
            };
            let left = deadline.saturating_duration_since(Instant::now());
            let (running, received) = py.detach(move || {
                let received = running.rx.recv_timeout(left.min(POLL));
                (running, received)
            });
            match received {
                Ok(Ok(entry)) => {
                    self.put_back(running);
                    return Ok(Some(entry));
                }
                Ok(Err((kind, message))) => {
                    self.finish(py, running);
                    return Err(NativeError::new_err((kind, message)));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.finish(py, running);
                    return Ok(None);
                }
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        self.finish(py, running);
                        return Err(e);
                    }
                    self.put_back(running);
                    if Instant::now() >= deadline {
                        return Err(pyo3::exceptions::PyTimeoutError::new_err("no entry yet"));
                    }
                }
            }
        }
    }

    /// Stops the scan (when it still runs) and waits until its threads and worker processes are
    /// gone.
    fn close(&self, py: Python<'_>) {
        self.closed.store(true, Ordering::Relaxed);
        let running = self.state.lock().ok().and_then(|mut s| s.take());
        if let Some(running) = running {
            py.detach(|| running.stop());
        }
    }
}

impl Scan {
    fn put_back(&self, running: Running) {
        if let Ok(mut state) = self.state.lock() {
            *state = Some(running);
        }
    }

    fn finish(&self, py: Python<'_>, running: Running) {
        self.closed.store(true, Ordering::Relaxed);
        py.detach(|| running.stop());
    }
}

impl Drop for Scan {
    fn drop(&mut self) {
        if let Some(running) = self.state.get_mut().ok().and_then(Option::take) {
            running.stop();
        }
    }
}

/// The job from a posting (text, file or JSON profile) and stated rules, implied skills added.
fn build_job(
    analyzer: &resumescan::Analyzer,
    text: Option<String>,
    path: Option<PathBuf>,
    profile_json: Option<String>,
    require: Vec<String>,
    prefer: Vec<String>,
) -> PyResult<Option<JobProfile>> {
    for name in require.iter().chain(&prefer) {
        if name.trim().is_empty() {
            return Err(config_error(
                "an empty skill name in require or prefer: name a skill, or leave it out",
            ));
        }
    }
    let profile = match (text, path, profile_json) {
        (Some(text), _, _) => Some(JobProfile::from_text(analyzer, &text).map_err(error)?),
        (None, Some(path), _) => {
            let extracted = resumescan::extract::extract_path(&path, analyzer.max_file_size())
                .map_err(error)?;
            let mut profile = JobProfile::from_text(analyzer, &extracted.text).map_err(error)?;
            profile.source = Some(path.display().to_string());
            Some(profile)
        }
        (None, None, Some(json)) => {
            Some(serde_json::from_str::<JobProfile>(&json).map_err(|e| {
                config_error(format!("not a job profile (as `job_profile` returns): {e}"))
            })?)
        }
        (None, None, None) => None,
    };
    let listed = if !require.is_empty() || !prefer.is_empty() {
        Some(JobProfile::from_lists(analyzer.dictionary(), &require, &prefer).map_err(error)?)
    } else {
        None
    };
    Ok(JobProfile::combined(analyzer, profile, listed))
}

/// This month by the clock, or by `SOURCE_DATE_EPOCH` when it is set (as for the command line):
/// the month "Present" stands for in dated entries.
fn this_month() -> (i32, u32) {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(resumescan::date::now_unix);
    let (year, month, _) = resumescan::date::civil_date(now);
    (year, month)
}

/// The inputs `paths` name, in order: a file as given; a folder's supported files (by
/// extension), walked recursively and sorted by path, hidden entries left out. As for the
/// command line, symbolic links in a folder are not followed (a `skipped` entry), nor are FIFOs,
/// sockets or devices; what cannot be read is an error entry.
fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push(problem(path, io_kind(&e), &e.to_string())),
            Ok(meta) if meta.is_dir() => {
                let before = out.len();
                walk(path, &mut out);
                if out.len() == before {
                    out.push(problem(
                        path,
                        ErrorKind::NoSupportedFiles,
                        "directory has no .pdf, .docx, .odt, .html, .txt or .md files",
                    ));
                }
            }
            Ok(_) => out.push(Input::path(path)),
        }
    }
    out
}

/// Depth first, each folder's entries sorted by name: the order of a sort by path.
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(problem(dir, io_kind(&e), &e.to_string()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, out);
        } else if file_type.is_file() {
            if is_supported(&path) {
                out.push(Input::path(path));
            }
        } else if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Err(e) => out.push(problem(
                    &path,
                    io_kind(&e),
                    "a symbolic link that cannot be followed",
                )),
                Ok(target) if target.is_dir() || is_supported(&path) => {
                    out.push(Input::skipped(display(&path), StatusReason::Symlink));
                }
                Ok(_) => {}
            }
        } else if is_supported(&path) {
            out.push(Input::skipped(display(&path), StatusReason::NotAFile));
        }
    }
}

fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        resumescan::SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| e.eq_ignore_ascii_case(s))
    })
}

fn display(path: &Path) -> String {
    resumescan::report::display_path(path)
}

fn io_kind(e: &std::io::Error) -> ErrorKind {
    if e.kind() == std::io::ErrorKind::NotFound {
        ErrorKind::NotFound
    } else {
        ErrorKind::Io
    }
}

fn problem(path: &Path, kind: ErrorKind, detail: &str) -> Input {
    let shown = display(path);
    let message = format!("{shown}: {detail}");
    Input::failed(shown, kind, message)
}

/// Runs a worker process's loop (the parsers of PDF and office files under
/// `isolation="process"`) on standard input and output until its input closes. `args` are the
/// options the batch gives a worker: `--memory-limit BYTES --cpu-limit-secs SECONDS`.
#[pyfunction]
fn serve_worker(py: Python<'_>, args: Vec<String>) -> PyResult<()> {
    let mut limits = resumescan::extract::worker::Limits::default();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| config_error(format!("{flag} needs a number")))?;
        match flag.as_str() {
            "--memory-limit" => limits.memory = (value > 0).then_some(value),
            "--cpu-limit-secs" => limits.cpu_secs = (value > 0).then_some(value),
            other => return Err(config_error(format!("unknown worker option {other}"))),
        }
    }
    py.detach(|| resumescan::extract::worker::serve(std::io::stdin(), std::io::stdout(), limits))
        .map_err(|e| config_error(format!("worker: {e}")))
}

/// The extensions of the files a folder is walked for (lower case, without the dot).
#[pyfunction]
fn supported_extensions() -> Vec<&'static str> {
    resumescan::SUPPORTED_EXTENSIONS.to_vec()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Analyzer>()?;
    m.add_class::<Job>()?;
    m.add_class::<Scan>()?;
    m.add_function(wrap_pyfunction!(serve_worker, m)?)?;
    m.add_function(wrap_pyfunction!(supported_extensions, m)?)?;
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add("DEFAULT_MAX_FILE_SIZE", resumescan::DEFAULT_MAX_FILE_SIZE)?;
    m.add(
        "DEFAULT_MEMORY_LIMIT",
        resumescan::extract::worker::DEFAULT_MEMORY_LIMIT,
    )?;
    Ok(())
}
