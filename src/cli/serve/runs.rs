//! Screenings: each one a library batch run on its own thread, its entries kept in memory until
//! it expires or is deleted, and rendered on demand in every report format.

use super::Settings;
use resumescan::batch::{self, CancelHandle, Input};
use resumescan::report::render::{CsvSink, HtmlSink, JsonSink, NdjsonSink, ReportSink};
use resumescan::report::{Header, SummaryBuilder};
use resumescan::{Analyzer, DocumentReport, JobProfile, Status};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};
use tokio::sync::watch;

/// A format a finished screening can be downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Ndjson,
    Csv,
    Html,
}

impl Format {
    /// From the `format` query parameter.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "json" => Format::Json,
            "ndjson" => Format::Ndjson,
            "csv" => Format::Csv,
            "html" => Format::Html,
            _ => return None,
        })
    }

    /// Its media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Ndjson => "application/x-ndjson",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
        }
    }

    /// The extension of a downloaded file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// One screening.
pub struct Run {
    /// Its id in the API.
    pub id: String,
    /// Inputs it was given.
    pub total: usize,
    /// The header of its report (profile, dictionaries, job).
    pub header: Header,
    /// The analyzer it runs with (for skill names and the CSV's categories).
    pub analyzer: Arc<Analyzer>,
    /// When it was created.
    pub created: SystemTime,
    /// Entries as they finished, each with its input position.
    entries: Mutex<Vec<(usize, DocumentReport)>>,
    /// When it finished (or was cancelled), for expiry.
    finished_at: Mutex<Option<Instant>>,
    /// Entries delivered so far; a receiver wakes on each.
    delivered: watch::Sender<usize>,
    done: AtomicBool,
    /// Stops the batch between documents.
    pub cancel: CancelHandle,
}

/// What `GET /v1/batches/{id}` answers.
#[derive(Debug, Serialize)]
pub struct RunStatus {
    pub id: String,
    /// `running`, `finished` or `cancelled`.
    pub state: &'static str,
    pub total: usize,
    pub done: usize,
    pub ok: usize,
    pub failed: usize,
    /// The documents that could not be read so far, with why.
    pub errors: Vec<RunError>,
    /// Seconds since the Unix epoch.
    pub created: u64,
    /// Seconds until a finished screening is deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<u64>,
}

#[derive(Debug, Serialize)]
pub struct RunError {
    pub path: String,
    pub kind: String,
    pub message: String,
}

impl Run {
    fn new(id: String, total: usize, header: Header, analyzer: Arc<Analyzer>) -> Run {
        Run {
            id,
            total,
            header,
            analyzer,
            created: SystemTime::now(),
            entries: Mutex::new(Vec::new()),
            finished_at: Mutex::new(None),
            delivered: watch::channel(0).0,
            done: AtomicBool::new(false),
            cancel: CancelHandle::default(),
        }
    }

    /// True once every entry is in (or the run was cancelled).
    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    /// When it finished.
    pub fn finished_at(&self) -> Option<Instant> {
        self.finished_at.lock().ok().and_then(|f| *f)
    }

    /// A receiver that wakes when an entry arrives or the run ends.
    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.delivered.subscribe()
    }

    /// Entries `from..` in the order they finished.
    pub fn entries_from(&self, from: usize) -> Vec<DocumentReport> {
        self.entries
            .lock()
            .map(|e| e.iter().skip(from).map(|(_, d)| d.clone()).collect())
            .unwrap_or_default()
    }

    /// Its state for the API.
    pub fn status(&self, keep: std::time::Duration) -> RunStatus {
        let entries = self.entries.lock();
        let (mut ok, mut failed, mut errors, mut done) = (0, 0, Vec::new(), 0);
        if let Ok(entries) = &entries {
            done = entries.len();
            for (_, d) in entries.iter() {
                match d.status {
                    Status::Ok => ok += 1,
                    Status::Error => {
                        failed += 1;
                        if let Some(e) = &d.error {
                            errors.push(RunError {
                                path: d.path.clone(),
                                kind: e.kind.as_str().to_string(),
                                message: e.message.clone(),
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        let finished = self.finished_at();
        RunStatus {
            id: self.id.clone(),
            state: match (self.is_done(), self.cancel.is_cancelled()) {
                (false, _) => "running",
                (true, false) => "finished",
                (true, true) => "cancelled",
            },
            total: self.total,
            done,
            ok,
            failed,
            errors,
            created: self
                .created
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            expires_in: finished.map(|f| keep.saturating_sub(f.elapsed()).as_secs()),
        }
    }

    /// The whole report in `format`, entries in input order, as `resumescan scan` writes it.
    pub fn render(&self, format: Format, generated: &str) -> std::io::Result<Vec<u8>> {
        let mut docs: Vec<(usize, DocumentReport)> =
            self.entries.lock().map(|e| e.clone()).unwrap_or_default();
        docs.sort_by_key(|(i, _)| *i);
        render(
            format,
            &self.header,
            docs.iter().map(|(_, d)| d),
            &self.analyzer,
            generated,
        )
    }

    /// The last line of a results stream: the header and the summary, as `scan --format
    /// ndjson` ends; the documents themselves were streamed already.
    pub fn summary_line(&self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut summary = SummaryBuilder::default();
        if let Ok(entries) = self.entries.lock() {
            let mut docs: Vec<&(usize, DocumentReport)> = entries.iter().collect();
            docs.sort_by_key(|(i, _)| *i);
            docs.into_iter().for_each(|(_, d)| summary.add(d));
        }
        let mut sink = NdjsonSink::new(&mut out);
        sink.begin(&self.header)?;
        sink.end(&summary.finish())?;
        Ok(out)
    }

    fn push(&self, position: usize, doc: DocumentReport) {
        let count = match self.entries.lock() {
            Ok(mut e) => {
                e.push((position, doc));
                e.len()
            }
            Err(_) => return,
        };
        self.delivered.send_replace(count);
    }

    fn finish(&self) {
        if let Ok(mut f) = self.finished_at.lock() {
            *f = Some(Instant::now());
        }
        self.done.store(true, Ordering::Release);
        // Wake every waiting reader, with the same count.
        let count = *self.delivered.borrow();
        self.delivered.send_replace(count);
    }
}

/// Writes a report of `docs` in `format`, with the sinks `resumescan scan` uses.
pub fn render<'d>(
    format: Format,
    header: &Header,
    docs: impl Iterator<Item = &'d DocumentReport>,
    analyzer: &Analyzer,
    generated: &str,
) -> std::io::Result<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    {
        let categories = analyzer.profile().categories.iter().map(|c| c.id.clone());
        let mut sink: Box<dyn ReportSink + '_> = match format {
            Format::Json => Box::new(JsonSink::new(&mut out)),
            Format::Ndjson => Box::new(NdjsonSink::new(&mut out)),
            Format::Csv => Box::new(CsvSink::new(&mut out, categories.collect())),
            Format::Html => Box::new(
                HtmlSink::new(&mut out, generated).with_skill_names(
                    analyzer
                        .dictionary()
                        .skills()
                        .iter()
                        .map(|s| (s.id.clone(), s.name.clone())),
                ),
            ),
        };
        let mut summary = SummaryBuilder::default();
        sink.begin(header)?;
        for doc in docs {
            summary.add(doc);
            sink.document(doc)?;
        }
        sink.end(&summary.finish())?;
    }
    Ok(out)
}

/// Analyses a few documents on this thread and returns the report's header and entries, in
/// input order (`POST /v1/scan`).
pub fn run_now(
    settings: &Settings,
    analyzer: &Analyzer,
    job: Option<JobProfile>,
    inputs: Vec<Input>,
) -> anyhow::Result<(Header, Vec<DocumentReport>)> {
    // A request of a few documents gets a thread per document, up to the cores: many requests
    // at once share the machine instead of each taking all of it.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = inputs.len().clamp(1, cores);
    let mut builder = settings.batch(analyzer)?.jobs(jobs);
    if let Some(job) = job {
        builder = builder.job(job);
    }
    let batch = builder.build()?;
    let header = batch.header();
    let docs = batch.collect(inputs, &mut ());
    Ok((header, docs))
}

/// Starts a screening on its own thread and returns it at once.
pub fn start(
    settings: &Arc<Settings>,
    analyzer: Arc<Analyzer>,
    job: Option<JobProfile>,
    inputs: Vec<Input>,
    id: String,
) -> Arc<Run> {
    let mut header = analyzer.header();
    header.job = job.clone();
    let run = Arc::new(Run::new(id, inputs.len(), header, analyzer.clone()));
    let settings = settings.clone();
    let worker = run.clone();
    let spawned = std::thread::Builder::new()
        .name("screening".into())
        .spawn(move || execute(&settings, &analyzer, job, inputs, &worker));
    if spawned.is_err() {
        run.finish();
    }
    run
}

/// Runs a screening to the end on this thread.
fn execute(
    settings: &Settings,
    analyzer: &Analyzer,
    job: Option<JobProfile>,
    inputs: Vec<Input>,
    run: &Run,
) {
    let built = settings.batch(analyzer).map(|b| {
        // Input order: entries still stream as they are ready, and duplicates name the same
        // earlier file as `scan` does, so the report is the one `scan` writes.
        let b = b.order(batch::Order::Input);
        match job {
            Some(job) => b.job(job),
            None => b,
        }
    });
    match built.and_then(|b| b.build().map_err(anyhow::Error::from)) {
        Ok(batch) => {
            let _ = batch.run(inputs, &mut (), &run.cancel, |i, doc| {
                run.push(i, doc);
                Ok::<(), std::convert::Infallible>(())
            });
        }
        Err(err) => {
            // Every input still gets its entry: the run could not start.
            for (i, input) in inputs.into_iter().enumerate() {
                run.push(
                    i,
                    DocumentReport::with_error(
                        input.name(),
                        resumescan::ErrorKind::Io,
                        &format!("the screening could not start: {err}"),
                    ),
                );
            }
        }
    }
    run.finish();
}
