//! `resumescan scan`: analyse inputs in parallel and stream the report.
//!
//! Documents are analysed on a rayon pool and handed over a bounded channel to this thread,
//! which writes them: as they finish (NDJSON), in input order through a small reorder buffer
//! (JSON, CSV, NDJSON with `--sorted`), or all at the end when they must be ranked (table,
//! `--sort score`, `--top`). Only aggregates are kept for the summary, so memory stays flat.

use super::args::{Format, InputMode, ScanArgs, Sort};
use super::inputs::{self, Filters, Input};
use super::ocr::Ocr;
use super::output::{is_broken_pipe, Sink};
use super::stream;
use super::{EXIT_BELOW_THRESHOLD, EXIT_ERROR};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use resumescan::extract::worker::WorkerPool;
use resumescan::extract::{Extracted, Format as DocFormat};
use resumescan::report::render::{CsvSink, HtmlSink, JsonSink, NdjsonSink, ReportSink, TableSink};
use resumescan::report::{SummaryBuilder, Warning};
use resumescan::{Analyzer, DocumentReport, Status};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let analyzer = super::build_analyzer(
        &args.dicts,
        &args.profile,
        args.max_file_size,
        !args.no_implied,
    )?;
    let pool = super::worker_pool(&args.extraction, 1)?;
    let job = super::job_profile(&analyzer, args.job.as_deref(), &args.stated, pool.as_ref())?;
    drop(pool);
    if args.sort == Some(Sort::Match) && job.is_none() {
        anyhow::bail!("--sort match needs a job: give --job, --require or --prefer");
    }
    let filters = Filters::new(&args.include, &args.exclude)?;
    let quiet = args.quiet;
    let stream = args.input == InputMode::Ndjson;
    if stream && (!args.paths.is_empty() || args.files_from.is_some()) {
        anyhow::bail!(
            "--input ndjson reads documents from standard input; give no PATH or --files-from"
        );
    }
    if !stream && args.paths.is_empty() && args.files_from.is_none() {
        anyhow::bail!("nothing to analyse: give PATH..., --files-from FILE or --input ndjson");
    }
    let mut inputs = inputs::collect(
        &args.paths,
        args.files_from.as_deref(),
        &filters,
        args.follow,
    )?;
    if let Some((k, n)) = args.shard {
        inputs.retain(|i| in_shard(&i.display(), k, n));
    }
    if let Some(output) = &args.output {
        refuse_input_as_output(output, &inputs)?;
    }
    let stdin_uses = inputs.iter().filter(|i| matches!(i, Input::Stdin)).count()
        + usize::from(
            args.files_from
                .as_deref()
                .is_some_and(|p| p.as_os_str() == "-"),
        );
    if stdin_uses > 1 {
        anyhow::bail!("standard input (`-`) can be used only once");
    }
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .context("cannot start worker threads")?;
    let ocr = if args.ocr {
        Some(
            Ocr::find(
                &args.ocr_language,
                std::time::Duration::from_secs(args.ocr_timeout_secs.max(1)),
            )
            .map_err(anyhow::Error::msg)?,
        )
    } else {
        None
    };
    let workers = super::worker_pool(&args.extraction, args.jobs)?;
    let readers = Readers { workers, ocr };
    let duplicates = threads.install(|| find_duplicates(&inputs, analyzer.max_file_size()));

    let mut sink = Sink::open(args.output.as_deref()).with_context(|| {
        format!(
            "cannot write {}",
            args.output.as_deref().unwrap_or("-".as_ref()).display()
        )
    })?;
    let categories: Vec<String> = analyzer
        .profile()
        .categories
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let color = args.output.is_none() && std::io::stdout().is_terminal();
    let order = Order::of(&args);

    let progress = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar =
            ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files  {rate}  ETA {eta}  {wide_msg}",
            )
            .map(|style| style.with_key("rate", format_rate))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    };

    let cancelled = AtomicBool::new(false);
    let mut summary = SummaryBuilder::default();
    let (mut failed, mut below) = (false, false);
    let written: anyhow::Result<()> = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<(usize, DocumentReport)>(64);
        let (analyzer, readers, inputs, duplicates, cancelled) =
            (&analyzer, &readers, &inputs, &duplicates, &cancelled);
        let (timings, redact) = (args.timings, args.redact);
        let shard = args.shard;
        let job = job.as_ref();
        scope.spawn(move || {
            let finish = |doc: DocumentReport, started: Instant| {
                let mut doc = doc;
                if let Some(job) = job {
                    if matches!(doc.status, Status::Ok | Status::Empty) {
                        doc.job_match = Some(job.match_document(analyzer.dictionary(), &doc));
                    }
                }
                if timings {
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    doc.elapsed_ms = Some((ms * 10.0).round() / 10.0);
                }
                if redact {
                    doc.redact();
                }
                doc
            };
            threads.install(|| {
                if stream {
                    // Read a window of lines, analyse it in parallel, repeat: memory stays
                    // bounded however long the stream.
                    let mut records = stream::Records::new(
                        std::io::stdin().lock(),
                        stream::max_record_len(analyzer.max_file_size()),
                    );
                    let mut index = 0usize;
                    loop {
                        let mut window = Vec::with_capacity(STREAM_WINDOW);
                        while window.len() < STREAM_WINDOW {
                            let Some(parsed) = records.next() else { break };
                            if shard.is_some_and(|(k, n)| !in_shard(&parsed.shard_key(), k, n)) {
                                continue;
                            }
                            window.push((index, parsed));
                            index += 1;
                        }
                        if window.is_empty() || cancelled.load(Ordering::Relaxed) {
                            break;
                        }
                        window
                            .into_par_iter()
                            .for_each_with(tx.clone(), |tx, (i, line)| {
                                let started = Instant::now();
                                let _ =
                                    tx.send((i, finish(line.analyze(analyzer, readers), started)));
                            });
                    }
                    return;
                }
                // par_bridge hands inputs out in order as threads come free, so results arrive
                // nearly in order and the writer's reorder buffer stays small (an indexed
                // par_iter would split the list in halves and finish the second half first).
                inputs
                    .iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (i, input)| {
                        if cancelled.load(Ordering::Relaxed) {
                            return;
                        }
                        let started = Instant::now();
                        let doc = match duplicates.get(&i) {
                            Some(&first) => DocumentReport::duplicate(
                                &input.display(),
                                &inputs[first].display(),
                            ),
                            None => analyze_one(analyzer, readers, input),
                        };
                        let _ = tx.send((i, finish(doc, started)));
                    });
            });
        });

        let mut out: Box<dyn ReportSink + '_> = match args.format {
            Format::Json => Box::new(JsonSink::new(sink.writer())),
            Format::Ndjson if stream => Box::new(NdjsonSink::new(sink.writer()).without_summary()),
            Format::Ndjson => Box::new(NdjsonSink::new(sink.writer())),
            Format::Csv if stream => {
                Box::new(CsvSink::new(sink.writer(), categories).with_id_column())
            }
            Format::Csv => Box::new(CsvSink::new(sink.writer(), categories)),
            Format::Html => Box::new(HtmlSink::new(sink.writer(), &today())),
            Format::Table => Box::new(TableSink::new(
                sink.writer(),
                color,
                args.sort.map(Into::into),
            )),
        };
        let result = (|| -> anyhow::Result<()> {
            let mut header = analyzer.header();
            header.job = job.cloned();
            out.begin(&header)?;
            let mut pending: BTreeMap<usize, DocumentReport> = BTreeMap::new();
            let mut all: Vec<(usize, DocumentReport)> = Vec::new();
            let mut next = 0usize;
            for (i, doc) in &rx {
                progress.inc(1);
                if let Some(err) = &doc.error {
                    failed = true;
                    if !quiet {
                        progress.suspend(|| {
                            #[allow(clippy::print_stderr)]
                            {
                                eprintln!(
                                    "resumescan: {}",
                                    resumescan::report::for_terminal(&err.message)
                                );
                            }
                        });
                    }
                }
                if let Some(threshold) = args.fail_under {
                    below |= doc.status == Status::Ok && doc.score < threshold;
                }
                summary.add(&doc);
                match order {
                    Order::AsFinished => out.document(&doc)?,
                    Order::Input => {
                        pending.insert(i, doc);
                        while let Some(doc) = pending.remove(&next) {
                            out.document(&doc)?;
                            next += 1;
                        }
                    }
                    Order::Ranked => all.push((i, slim(doc))),
                }
            }
            if order == Order::Ranked {
                all.sort_by_key(|(i, _)| *i);
                let mut docs: Vec<DocumentReport> = all.into_iter().map(|(_, d)| d).collect();
                if let Some(sort) = args.sort {
                    resumescan::report::sort_documents(&mut docs, sort.into());
                }
                for doc in docs.iter().take(args.top.unwrap_or(usize::MAX)) {
                    out.document(doc)?;
                }
            }
            out.end(&std::mem::take(&mut summary).finish())?;
            Ok(())
        })();
        if result.is_err() {
            // Stop analysing: nobody is reading any more.
            cancelled.store(true, Ordering::Relaxed);
        }
        drop(rx);
        result
    });
    progress.finish_and_clear();
    drop(readers);
    match written.and_then(|()| sink.finish().map_err(anyhow::Error::from)) {
        Ok(()) => {}
        Err(err) if is_broken_pipe(&err) => return Ok(ExitCode::SUCCESS),
        Err(err) => return Err(err),
    }
    Ok(if failed {
        ExitCode::from(EXIT_ERROR)
    } else if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

/// Files per second as people read it: "9,735/s" or "2.5/s", never "9,735.1294/s".
fn format_rate(state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write) {
    let _ = out.write_str(&rate_text(state.per_sec()));
}

fn rate_text(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        return "-/s".to_string();
    }
    if per_sec < 10.0 {
        return format!("{per_sec:.1}/s");
    }
    let whole = per_sec.round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}/s")
}

/// How documents reach the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// As each finishes (NDJSON without `--sorted`).
    AsFinished,
    /// In input order, through a reorder buffer.
    Input,
    /// All at the end, ranked.
    Ranked,
}

impl Order {
    fn of(args: &ScanArgs) -> Order {
        let sorted = args.sort.is_some_and(|s| s != Sort::Input);
        if sorted || args.top.is_some() || matches!(args.format, Format::Table | Format::Html) {
            Order::Ranked
        } else if args.format == Format::Ndjson && !args.sorted && args.input == InputMode::Files {
            Order::AsFinished
        } else {
            Order::Input
        }
    }
}

/// A document kept until the end for ranking: evidence trimmed to the first snippet per skill.
fn slim(mut doc: DocumentReport) -> DocumentReport {
    for s in &mut doc.skills {
        s.evidence.truncate(1);
    }
    doc
}

/// Inputs whose bytes equal an earlier input's: index -> index of the first such input.
fn find_duplicates(inputs: &[Input], max_file_size: u64) -> HashMap<usize, usize> {
    let keys: Vec<Option<(u64, u64)>> = inputs
        .par_iter()
        .map(|input| match input {
            Input::File(path) => {
                let len = std::fs::metadata(path).ok()?.len();
                if len == 0 || len > max_file_size {
                    return None;
                }
                let bytes = resumescan::extract::read_file(path, max_file_size).ok()?;
                let mut h = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut h);
                Some((len, h.finish()))
            }
            _ => None,
        })
        .collect();
    let mut first: HashMap<(u64, u64), usize> = HashMap::new();
    let mut dups = HashMap::new();
    for (i, key) in keys.into_iter().enumerate() {
        if let Some(key) = key {
            match first.get(&key) {
                Some(&j) => {
                    dups.insert(i, j);
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
    dups
}

/// Refuses an `--output` that is one of the inputs: the report would replace a resume.
fn refuse_input_as_output(output: &std::path::Path, inputs: &[Input]) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(out) = std::fs::metadata(output) else {
            return Ok(());
        };
        if !out.is_file() {
            return Ok(());
        }
        for input in inputs {
            if let Input::File(path) = input {
                if std::fs::metadata(path)
                    .is_ok_and(|m| m.dev() == out.dev() && m.ino() == out.ino())
                {
                    anyhow::bail!(
                        "--output {} is one of the inputs ({}): the report would replace it",
                        resumescan::report::display_path(output),
                        input.display()
                    );
                }
            }
        }
    }
    Ok(())
}

/// Lines analysed together in `--input ndjson` mode.
const STREAM_WINDOW: usize = 256;

/// True when `key` falls in shard `k` of `n` (a stable hash, the same on every machine).
fn in_shard(key: &str, k: u64, n: u64) -> bool {
    resumescan::dictionary::fnv1a(key.as_bytes()) % n == k
}

/// Analyses one input; whatever happens, the result is a report entry.
fn analyze_one(analyzer: &Analyzer, readers: &Readers, input: &Input) -> DocumentReport {
    let name = input.display();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let bytes = match input {
            Input::File(path) => resumescan::extract::read_file(path, analyzer.max_file_size())?,
            Input::Stdin => read_stdin(analyzer.max_file_size())?,
            Input::Problem { kind, message, .. } => {
                return Ok(DocumentReport::with_error(&name, kind, message))
            }
            Input::Skipped { reason, .. } => return Ok(DocumentReport::skipped(&name, reason)),
        };
        Ok(analyze_bytes_isolated(analyzer, readers, &name, &bytes))
    }));
    match outcome {
        Ok(Ok(doc)) => doc,
        Ok(Err(err)) => DocumentReport::failed(&name, &err),
        Err(_) => DocumentReport::with_error(
            &name,
            "panic",
            &format!("{name}: internal error while analysing this file"),
        ),
    }
}

/// How documents' bytes become text: the worker pool when parsers are isolated, OCR when asked.
pub(crate) struct Readers {
    pub workers: Option<WorkerPool>,
    pub ocr: Option<Ocr>,
}

/// Extracts (in a worker process when the content needs a third-party parser and a pool is
/// given) and analyses a document's bytes; a scanned PDF is read by OCR when that is on.
pub(crate) fn analyze_bytes_isolated(
    analyzer: &Analyzer,
    readers: &Readers,
    name: &str,
    bytes: &[u8],
) -> DocumentReport {
    let result = match &readers.workers {
        Some(pool) if resumescan::extract::needs_isolation(bytes) => pool
            .extract(name, bytes)
            .map(|extracted| analyzer.analyze_extracted(name, extracted)),
        _ => analyzer.analyze_bytes(name, bytes),
    };
    let doc = result.unwrap_or_else(|err| DocumentReport::failed(name, &err));
    match &readers.ocr {
        Some(ocr) if doc.reason.as_deref() == Some("no_text_layer") => {
            read_scan(analyzer, ocr, name, bytes, doc)
        }
        _ => doc,
    }
}

/// The report of a scanned PDF read by OCR, or the `empty` report with a warning saying why OCR
/// did not help.
fn read_scan(
    analyzer: &Analyzer,
    ocr: &Ocr,
    name: &str,
    bytes: &[u8],
    mut empty: DocumentReport,
) -> DocumentReport {
    let failure = match ocr.read_pdf(bytes) {
        Ok(text) if !text.trim().is_empty() => {
            return analyzer.analyze_extracted(
                name,
                Extracted {
                    text,
                    format: DocFormat::Pdf,
                    extractor: Some("tesseract"),
                    warnings: vec![Warning {
                        kind: "ocr".into(),
                        message: "a scan without a text layer, read by OCR: misread words can \
                                  hide skills"
                            .into(),
                    }],
                },
            )
        }
        Ok(_) => "OCR found no text on the pages".to_string(),
        Err(message) => message,
    };
    empty.warnings.push(Warning {
        kind: "ocr_failed".into(),
        message: failure,
    });
    empty
}

fn read_stdin(limit: u64) -> Result<Vec<u8>, resumescan::Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| resumescan::Error::Io {
            path: "-".into(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(resumescan::Error::TooLarge {
            path: "-".into(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Today's date (UTC) as YYYY-MM-DD for the HTML report's header; `SOURCE_DATE_EPOCH` (seconds)
/// overrides the clock so that a build can reproduce a report byte for byte.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(resumescan::date::now_unix);
    let (year, month, day) = resumescan::date::civil_date(secs);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_are_short() {
        assert_eq!(super::rate_text(9735.1294), "9,735/s");
        assert_eq!(super::rate_text(2.46), "2.5/s");
        assert_eq!(super::rate_text(1234567.8), "1,234,568/s");
        assert_eq!(super::rate_text(f64::NAN), "-/s");
    }
}
