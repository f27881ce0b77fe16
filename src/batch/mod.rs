//! The batch engine: many documents analysed in parallel, one report entry per input, whatever
//! happens to any of them.
//!
//! A [`Batch`] is built once from an [`Analyzer`] and its settings, then [run](Batch::run) on any
//! iterator of [`Input`]s (files, bytes in memory, text, a stream). Documents are analysed on a
//! pool of `jobs` threads; the parsers of PDF and office files can run in worker processes
//! ([`Isolation::Process`]) so that a crash, an endless loop or a decompression bomb costs one
//! entry, not the run. Entries come back on the caller's thread, in input order or as they
//! finish ([`Order`]); progress goes to a [`Progress`] observer, and a [`CancelHandle`] stops the
//! run between documents.
//!
//! ```no_run
//! use resumescan::batch::{Batch, Input, Isolation, Progress, WorkerCommand};
//! use resumescan::{Analyzer, DocumentReport};
//!
//! struct Dots;
//! impl Progress for Dots {
//!     fn finished(&mut self, doc: &DocumentReport) { eprint!("{}", if doc.error.is_some() { "E" } else { "." }) }
//! }
//!
//! let analyzer = Analyzer::new()?;
//! let worker = WorkerCommand::resumescan("/usr/local/bin/resumescan");
//! let batch = Batch::builder(&analyzer).jobs(4).isolation(Isolation::Process(worker)).build()?;
//! let files = std::fs::read_dir("resumes")?.flatten().map(|e| Input::path(e.path()));
//! let report = batch.report(files, &mut Dots);
//! println!("{}", serde_json::to_string_pretty(&report)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod input;

pub use input::Input;

use crate::duplicates::Detector;
use crate::extract::worker::{WorkerConfig, WorkerPool};
use crate::extract::{self, Extracted};
use crate::kinds::{ErrorKind, StatusReason, Warning, WarningKind};
use crate::report::{Header, Report, SummaryBuilder};
use crate::{Analyzer, DocumentReport, Error, JobProfile, Status};
use input::Source;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How far documents may finish ahead of the oldest one not yet delivered: bounds the entries
/// held for in-order delivery when one document is slow.
const WINDOW: usize = 1024;

/// Where document parsers run.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Isolation {
    /// In the batch's threads; a parser panic is caught, but a stack overflow, an endless loop
    /// or a memory bomb in a parser would take the process down.
    #[default]
    Thread,
    /// In worker processes started with this command, each document under a CPU-time and an
    /// address-space limit.
    Process(WorkerCommand),
}

/// How to start a worker process: a program that calls
/// [`crate::extract::worker::serve`] when given `args`. The batch
/// appends `--memory-limit BYTES --cpu-limit-secs SECONDS`.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The program.
    pub program: PathBuf,
    /// Arguments that put it in worker mode.
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// The `resumescan` program at `program`, in its worker mode.
    pub fn resumescan(program: impl Into<PathBuf>) -> WorkerCommand {
        WorkerCommand {
            program: program.into(),
            args: vec!["__worker".into()],
        }
    }
}

/// The order entries are delivered in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// Input order (a small reorder buffer holds documents that finish early).
    #[default]
    Input,
    /// As each document finishes: the first entries come soonest.
    AsFinished,
}

/// Reads scanned PDFs: given the bytes of a PDF without a text layer, its text, or why not.
pub trait Ocr: Sync {
    /// The text of the scanned pages.
    ///
    /// # Errors
    /// A one-line reason for people, reported in an `ocr_failed` warning.
    fn read_pdf(&self, bytes: &[u8]) -> Result<String, String>;
}

/// Hears how a run goes; every method has an empty default. Called on the thread that called
/// [`Batch::run`].
pub trait Progress {
    /// The run starts; `total` is the number of inputs when it is known in advance.
    fn started(&mut self, total: Option<usize>) {
        let _ = total;
    }
    /// One document is done (called as documents finish, before in-order delivery).
    fn finished(&mut self, doc: &DocumentReport) {
        let _ = doc;
    }
    /// The run is over (every input delivered, or the run was cancelled or stopped).
    fn done(&mut self) {}
}

/// A [`Progress`] that ignores everything.
impl Progress for () {}

/// Stops a run between documents: no new document starts, the ones in progress finish (worker
/// processes within their time limit), and [`Batch::run`] returns with `cancelled` set.
/// Cloning gives another handle to the same run.
#[derive(Debug, Clone, Default)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// Asks the run to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finished {
    /// Entries delivered.
    pub documents: usize,
    /// True when the run was cancelled before every input was delivered.
    pub cancelled: bool,
}

/// Settings of a [`Batch`]; see [`Batch::builder`].
#[derive(Debug)]
#[must_use]
pub struct BatchBuilder<'a> {
    analyzer: &'a Analyzer,
    jobs: usize,
    isolation: Isolation,
    timeout: Duration,
    memory_limit: u64,
    ocr: Option<&'a dyn Ocr>,
    shard: Option<(u64, u64)>,
    order: Order,
    duplicates: bool,
    possible_duplicates: bool,
    job: Option<JobProfile>,
    timings: bool,
    redact: bool,
    blind: bool,
}

impl std::fmt::Debug for dyn Ocr + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ocr")
    }
}

impl<'a> BatchBuilder<'a> {
    /// Threads that analyse documents; 0 (the default) means one per core.
    pub fn jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs;
        self
    }

    /// Where parsers run (default: in the batch's threads).
    pub fn isolation(mut self, isolation: Isolation) -> Self {
        self.isolation = isolation;
        self
    }

    /// CPU time one document's extraction may take in a worker process (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Address space of a worker process, in bytes (default 1.5 GiB).
    pub fn memory_limit(mut self, bytes: u64) -> Self {
        self.memory_limit = bytes;
        self
    }

    /// Reads PDFs that come out `empty` for want of a text layer with `ocr`.
    pub fn ocr(mut self, ocr: &'a dyn Ocr) -> Self {
        self.ocr = Some(ocr);
        self
    }

    /// Analyses only the inputs of shard `k` of `n` (0-based): those whose key (the id, else the
    /// name) hashes to `k`, the same on every machine, so `n` runs split a set between them.
    pub fn shard(mut self, k: u64, n: u64) -> Self {
        self.shard = Some((k, n.max(1)));
        self
    }

    /// The order entries are delivered in (default: input order).
    pub fn order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    /// Reports an input whose bytes equal an earlier input's as `duplicate` instead of analysing
    /// it again (files and bytes; default off). The run then reads its inputs in full before the
    /// first document starts.
    pub fn duplicates(mut self, yes: bool) -> Self {
        self.duplicates = yes;
        self
    }

    /// Marks an entry [`possible_duplicate_of`](DocumentReport::possible_duplicate_of) an earlier
    /// one when their texts are near-identical or they share an e-mail address or phone number
    /// (see [`crate::duplicates`]; default off). Entries are compared in the order they are
    /// delivered, so the one named is always delivered first; only a small fingerprint of each
    /// is kept, so streams can be checked too.
    pub fn possible_duplicates(mut self, yes: bool) -> Self {
        self.possible_duplicates = yes;
        self
    }

    /// Matches every document against `job` (see [`JobProfile`]).
    pub fn job(mut self, job: JobProfile) -> Self {
        self.job = Some(job);
        self
    }

    /// Records each document's wall-clock time in `elapsed_ms`.
    pub fn timings(mut self, yes: bool) -> Self {
        self.timings = yes;
        self
    }

    /// Masks contact details in every entry ([`DocumentReport::redact`]).
    pub fn redact(mut self, yes: bool) -> Self {
        self.redact = yes;
        self
    }

    /// Blind screening ([`DocumentReport::blind`]): masks the candidate's name and personal facts
    /// in every entry, and names each input by its position in the run: `candidate-0001`, … (a
    /// `duplicate_of` names the original's pseudonym). [`DocumentReport::blinded_from`] keeps the
    /// real path for a map.
    pub fn blind(mut self, yes: bool) -> Self {
        self.blind = yes;
        self
    }

    /// The batch.
    ///
    /// # Errors
    /// [`Error::Config`] when the threads cannot be started.
    pub fn build(self) -> Result<Batch<'a>, Error> {
        let mut threads = rayon::ThreadPoolBuilder::new().num_threads(self.jobs);
        if matches!(self.isolation, Isolation::Thread) {
            // The parsers run on the batch's own threads, which get the large stack they need,
            // instead of on a new thread per document (see `extract::guard`).
            threads = threads
                .stack_size(crate::extract::guard::STACK_SIZE)
                .start_handler(|_| crate::extract::guard::mark_big_stack());
        }
        let threads = threads
            .build()
            .map_err(|e| Error::Config(format!("cannot start worker threads: {e}")))?;
        let workers = match &self.isolation {
            Isolation::Thread => None,
            Isolation::Process(command) => Some(WorkerPool::new(self.worker_config(command))),
        };
        Ok(Batch {
            analyzer: self.analyzer,
            threads,
            workers,
            ocr: self.ocr,
            shard: self.shard,
            order: self.order,
            duplicates: self.duplicates,
            possible_duplicates: self.possible_duplicates,
            job: self.job,
            timings: self.timings,
            redact: self.redact,
            blind: self.blind,
        })
    }

    fn worker_config(&self, command: &WorkerCommand) -> WorkerConfig {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let jobs = if self.jobs == 0 { cores } else { self.jobs };
        // The CPU-time limit decides; the wall clock only catches a worker that stopped running.
        // A document shares a core with `jobs / cores` others, so the backstop grows with that.
        let sharing = jobs.div_ceil(cores).max(1) as u32;
        let secs = self.timeout.as_secs().max(1);
        let mut args = command.args.clone();
        args.extend([
            "--memory-limit".into(),
            self.memory_limit.to_string().into(),
            "--cpu-limit-secs".into(),
            secs.to_string().into(),
        ]);
        WorkerConfig {
            program: command.program.clone(),
            args,
            timeout: Duration::from_secs(secs),
            wall_timeout: Duration::from_secs(secs) * 3 * sharing + Duration::from_secs(10),
        }
    }
}

/// Analyses many documents; see the [module docs](self).
#[derive(Debug)]
pub struct Batch<'a> {
    analyzer: &'a Analyzer,
    threads: rayon::ThreadPool,
    workers: Option<WorkerPool>,
    ocr: Option<&'a dyn Ocr>,
    shard: Option<(u64, u64)>,
    order: Order,
    duplicates: bool,
    possible_duplicates: bool,
    job: Option<JobProfile>,
    timings: bool,
    redact: bool,
    blind: bool,
}

impl<'a> Batch<'a> {
    /// Settings for a batch that analyses with `analyzer`.
    pub fn builder(analyzer: &'a Analyzer) -> BatchBuilder<'a> {
        BatchBuilder {
            analyzer,
            jobs: 0,
            isolation: Isolation::Thread,
            timeout: extract::worker::DEFAULT_TIMEOUT,
            memory_limit: extract::worker::DEFAULT_MEMORY_LIMIT,
            ocr: None,
            shard: None,
            order: Order::Input,
            duplicates: false,
            possible_duplicates: false,
            job: None,
            timings: false,
            redact: false,
            blind: false,
        }
    }

    /// What the run's report says before its documents, with the batch's job.
    pub fn header(&self) -> Header {
        let mut header = self.analyzer.header();
        header.job = self.job.clone();
        header
    }

    /// Sets the job documents are matched against (for example one read with
    /// [`Self::extract_path`]).
    pub fn set_job(&mut self, job: Option<JobProfile>) {
        self.job = job;
    }

    /// Reads a file's text the way the batch reads documents (in a worker process when the batch
    /// isolates parsers and the content needs one).
    ///
    /// # Errors
    /// Any [`Error`] of reading or extraction.
    #[doc(hidden)] // the command line reads postings and `text` this way
    pub fn extract_path(&self, path: &Path) -> Result<Extracted, Error> {
        let bytes = extract::read_file(path, self.analyzer.max_file_size())?;
        match &self.workers {
            Some(pool) if extract::needs_isolation(&bytes) => {
                pool.extract(&crate::report::display_path(path), &bytes)
            }
            _ => extract::extract_bytes(path, &bytes),
        }
    }

    /// Reads a document's text from its bytes the way the batch reads documents (in a worker
    /// process when the batch isolates parsers and the content needs one); `name` is its format
    /// hint.
    ///
    /// # Errors
    /// Any [`Error`] of extraction, or [`Error::TooLarge`].
    #[doc(hidden)] // the server reads uploaded postings this way
    pub fn extract_bytes(&self, name: &str, bytes: &[u8]) -> Result<Extracted, Error> {
        let limit = self.analyzer.max_file_size();
        if bytes.len() as u64 > limit {
            return Err(Error::TooLarge {
                path: name.into(),
                size: bytes.len() as u64,
                limit,
            });
        }
        match &self.workers {
            Some(pool) if extract::needs_isolation(bytes) => pool.extract(name, bytes),
            _ => extract::extract_bytes(Path::new(name), bytes),
        }
    }

    /// Analyses every input and hands each entry to `deliver` with its position in the run
    /// (inputs outside the shard are not counted). Returning an error from `deliver` stops the
    /// run (as a cancel would) and returns that error.
    ///
    /// # Errors
    /// The first error `deliver` returned.
    pub fn run<I, E>(
        &self,
        inputs: I,
        progress: &mut dyn Progress,
        cancel: &CancelHandle,
        mut deliver: impl FnMut(usize, DocumentReport) -> Result<(), E>,
    ) -> Result<Finished, E>
    where
        I: IntoIterator<Item = Input>,
        I::IntoIter: Send,
    {
        let shard = self.shard;
        let inputs = inputs.into_iter().filter(move |input| {
            shard.is_none_or(|(k, n)| {
                crate::dictionary::fnv1a(input.shard_key().as_bytes()) % n == k
            })
        });
        if self.duplicates {
            let mut all: Vec<Input> = inputs.collect();
            self.threads
                .install(|| mark_duplicates(&mut all, self.analyzer.max_file_size()));
            progress.started(Some(all.len()));
            self.run_started(all.into_iter(), progress, cancel, &mut deliver)
        } else {
            let (low, high) = inputs.size_hint();
            progress.started((Some(low) == high).then_some(low));
            self.run_started(inputs, progress, cancel, &mut deliver)
        }
    }

    /// Analyses every input and returns the entries in input order.
    pub fn collect<I>(&self, inputs: I, progress: &mut dyn Progress) -> Vec<DocumentReport>
    where
        I: IntoIterator<Item = Input>,
        I::IntoIter: Send,
    {
        let mut docs = Vec::new();
        let _ = self.run(inputs, progress, &CancelHandle::default(), |_, doc| {
            docs.push(doc);
            Ok::<(), std::convert::Infallible>(())
        });
        docs
    }

    /// Analyses every input and returns the whole report: header, entries in input order and
    /// summary.
    pub fn report<I>(&self, inputs: I, progress: &mut dyn Progress) -> Report
    where
        I: IntoIterator<Item = Input>,
        I::IntoIter: Send,
    {
        let documents = self.collect(inputs, progress);
        let mut summary = SummaryBuilder::default();
        documents.iter().for_each(|d| summary.add(d));
        Report::assemble(self.header(), documents, summary.finish())
    }

    fn run_started<E>(
        &self,
        inputs: impl Iterator<Item = Input> + Send,
        progress: &mut dyn Progress,
        cancel: &CancelHandle,
        deliver: &mut dyn FnMut(usize, DocumentReport) -> Result<(), E>,
    ) -> Result<Finished, E> {
        let gate = Gate::default();
        // Under blind screening, each input's pseudonym by its name, for the duplicates that
        // name it: an input is pulled (and named here) before any later one.
        let pseudonyms: std::sync::Mutex<HashMap<String, String>> = Default::default();
        let pseudonyms = &pseudonyms;
        let blind = self.blind;
        let result = std::thread::scope(|scope| {
            let (tx, rx) = mpsc::sync_channel::<(usize, DocumentReport)>(64);
            let gate = &gate;
            scope.spawn(move || {
                // par_bridge hands inputs out in order as threads come free, so entries arrive
                // nearly in order and the reorder buffer stays small (an indexed par_iter would
                // split the list in halves and finish the second half first).
                self.threads.install(|| {
                    inputs
                        // Once cancelled, stop taking inputs (a stream may never end).
                        .take_while(|_| !gate.is_stopped(cancel))
                        .enumerate()
                        .inspect(|(i, input)| {
                            if blind {
                                if let Ok(mut names) = pseudonyms.lock() {
                                    names
                                        .entry(input.name.clone())
                                        .or_insert_with(|| crate::blind::pseudonym(*i));
                                }
                            }
                        })
                        .par_bridge()
                        .for_each_with(tx, |tx, (i, input)| {
                            if !gate.wait_turn(i, cancel) {
                                return;
                            }
                            let mut doc = self.analyze(input);
                            if blind {
                                doc.blind(&crate::blind::pseudonym(i));
                                if let Some(original) = doc.duplicate_of.take() {
                                    doc.duplicate_of = Some(
                                        pseudonyms
                                            .lock()
                                            .ok()
                                            .and_then(|names| names.get(&original).cloned())
                                            .unwrap_or_else(|| "[earlier input]".to_string()),
                                    );
                                }
                            }
                            let _ = tx.send((i, doc));
                        });
                });
            });
            let mut pending: BTreeMap<usize, DocumentReport> = BTreeMap::new();
            let mut delivered = 0usize;
            let mut detector = self.possible_duplicates.then(Detector::new);
            // Checked in delivery order, so a possible duplicate names an entry already written.
            let mut check = |mut doc: DocumentReport| {
                if let Some(detector) = &mut detector {
                    detector.check(&mut doc);
                }
                doc
            };
            for (i, doc) in rx.iter() {
                progress.finished(&doc);
                let step = match self.order {
                    Order::AsFinished => deliver(i, check(doc)).map(|()| delivered += 1),
                    Order::Input => {
                        pending.insert(i, doc);
                        let mut step = Ok(());
                        while let Some(doc) = pending.remove(&delivered) {
                            step = deliver(delivered, check(doc));
                            if step.is_err() {
                                break;
                            }
                            delivered += 1;
                        }
                        step
                    }
                };
                gate.advance(delivered);
                if let Err(e) = step {
                    // Nobody wants more: stop handing out documents and let the rest drain.
                    gate.stop_and_drain(&rx);
                    return Err(e);
                }
            }
            Ok(delivered)
        });
        progress.done();
        result.map(|documents| Finished {
            documents,
            cancelled: cancel.is_cancelled(),
        })
    }

    /// One input's entry, whatever happens; job match, timing and redaction applied.
    fn analyze(&self, input: Input) -> DocumentReport {
        let started = Instant::now();
        let Input {
            name, id, source, ..
        } = input;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.analyze_source(&name, source)
        }));
        let mut doc = outcome.unwrap_or_else(|_| {
            DocumentReport::with_error(
                &name,
                ErrorKind::Panic,
                &format!("{name}: internal error while analysing this file"),
            )
        });
        doc.id = id;
        if let Some(job) = &self.job {
            if matches!(doc.status, Status::Ok | Status::Empty) {
                doc.job_match = Some(job.match_document(self.analyzer.dictionary(), &doc));
            }
        }
        if self.timings {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            doc.elapsed_ms = Some((ms * 10.0).round() / 10.0);
        }
        if self.redact || self.blind {
            doc.redact();
        }
        doc
    }

    fn analyze_source(&self, name: &str, source: Source) -> DocumentReport {
        let limit = self.analyzer.max_file_size();
        let bytes = match source {
            Source::Path(path) => extract::read_file(&path, limit),
            Source::Bytes(bytes) if bytes.len() as u64 > limit => Err(Error::TooLarge {
                path: name.into(),
                size: bytes.len() as u64,
                limit,
            }),
            Source::Bytes(bytes) => Ok(bytes),
            Source::Reader(reader) => read_stream(name, reader, limit),
            Source::Text(text) => {
                let mut doc = self.analyzer.analyze_text(&text);
                doc.path = name.to_string();
                return doc;
            }
            Source::Failed { kind, message } => {
                return DocumentReport::with_error(name, kind, &message)
            }
            Source::Skipped { reason } => return DocumentReport::skipped(name, reason),
            Source::Duplicate { original } => return DocumentReport::duplicate(name, &original),
        };
        match bytes {
            Ok(bytes) => self.analyze_bytes(name, &bytes),
            Err(err) => DocumentReport::failed(name, &err),
        }
    }

    /// Extracts (in a worker process when the batch isolates parsers and the content needs one)
    /// and analyses a document's bytes; a scanned PDF is read by OCR when the batch has one.
    fn analyze_bytes(&self, name: &str, bytes: &[u8]) -> DocumentReport {
        let result = match &self.workers {
            Some(pool) if extract::needs_isolation(bytes) => pool
                .extract(name, bytes)
                .map(|extracted| self.analyzer.analyze_extracted(name, extracted)),
            _ => self.analyzer.analyze_bytes(name, bytes),
        };
        let doc = result.unwrap_or_else(|err| DocumentReport::failed(name, &err));
        match self.ocr {
            Some(ocr) if doc.reason == Some(StatusReason::NoTextLayer) => {
                self.read_scan(ocr, name, bytes, doc)
            }
            _ => doc,
        }
    }

    /// The entry of a scanned PDF read by OCR, or the `empty` entry with a warning saying why
    /// OCR did not help.
    fn read_scan(
        &self,
        ocr: &dyn Ocr,
        name: &str,
        bytes: &[u8],
        mut empty: DocumentReport,
    ) -> DocumentReport {
        let failure = match ocr.read_pdf(bytes) {
            Ok(text) if !text.trim().is_empty() => {
                return self.analyzer.analyze_extracted(
                    name,
                    Extracted {
                        text,
                        format: extract::Format::Pdf,
                        extractor: Some("tesseract"),
                        warnings: vec![Warning {
                            kind: WarningKind::Ocr,
                            message: "a scan without a text layer, read by OCR: misread words \
                                      can hide skills"
                                .into(),
                        }],
                    },
                )
            }
            Ok(_) => "OCR found no text on the pages".to_string(),
            Err(message) => message,
        };
        empty.warnings.push(Warning {
            kind: WarningKind::OcrFailed,
            message: failure,
        });
        empty
    }
}

/// Holds a document back until it is within [`WINDOW`] of the oldest undelivered one.
#[derive(Default)]
struct Gate {
    delivered: Mutex<usize>,
    moved: Condvar,
    /// Set when the receiver wants no more.
    stopped: AtomicBool,
}

impl Gate {
    /// Waits until input `i` may start; false when the run is cancelled.
    fn wait_turn(&self, i: usize, cancel: &CancelHandle) -> bool {
        let Ok(mut delivered) = self.delivered.lock() else {
            return false;
        };
        loop {
            if self.is_stopped(cancel) {
                return false;
            }
            if i < delivered.saturating_add(WINDOW) {
                return true;
            }
            // A timeout too, so a cancel from another thread is seen without a notification.
            match self
                .moved
                .wait_timeout(delivered, Duration::from_millis(50))
            {
                Ok((guard, _)) => delivered = guard,
                Err(_) => return false,
            }
        }
    }

    /// Whether the run should start no more documents.
    fn is_stopped(&self, cancel: &CancelHandle) -> bool {
        cancel.is_cancelled() || self.stopped.load(Ordering::Relaxed)
    }

    /// Stops handing out documents and waits for the ones in progress, which are dropped.
    fn stop_and_drain(&self, rx: &mpsc::Receiver<(usize, DocumentReport)>) {
        self.stopped.store(true, Ordering::Relaxed);
        self.moved.notify_all();
        for _ in rx.iter() {}
    }

    fn advance(&self, delivered: usize) {
        if let Ok(mut d) = self.delivered.lock() {
            *d = delivered;
        }
        self.moved.notify_all();
    }
}

/// Reads a stream, at most `limit` bytes.
fn read_stream(name: &str, reader: Box<dyn Read + Send>, limit: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: name.into(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: name.into(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Marks every input whose bytes equal an earlier input's as its duplicate.
fn mark_duplicates(inputs: &mut [Input], max_file_size: u64) {
    // Only files and bytes are compared; a stream is read once, when its turn comes.
    let contents: Vec<Option<Result<&Path, &[u8]>>> = inputs
        .iter()
        .map(|input| match &input.source {
            Source::Path(path) => Some(Ok(path.as_path())),
            Source::Bytes(bytes) => Some(Err(bytes.as_slice())),
            _ => None,
        })
        .collect();
    let keys: Vec<Option<(u64, u64)>> = contents
        .par_iter()
        .map(|content| {
            let hash = |bytes: &[u8]| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut h);
                Some((bytes.len() as u64, h.finish()))
            };
            match (*content)? {
                Ok(path) => {
                    let len = std::fs::metadata(path).ok()?.len();
                    if len == 0 || len > max_file_size {
                        return None;
                    }
                    hash(&extract::read_file(path, max_file_size).ok()?)
                }
                Err(bytes) if !bytes.is_empty() && bytes.len() as u64 <= max_file_size => {
                    hash(bytes)
                }
                Err(_) => None,
            }
        })
        .collect();
    let mut first: HashMap<(u64, u64), usize> = HashMap::new();
    for (i, key) in keys.into_iter().enumerate() {
        let Some(key) = key else { continue };
        match first.get(&key) {
            Some(&j) => {
                inputs[i].source = Source::Duplicate {
                    original: inputs[j].name.clone(),
                }
            }
            None => {
                first.insert(key, i);
            }
        }
    }
}
