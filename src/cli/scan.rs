//! `resumescan scan`: settings into a [`Batch`], inputs into the batch, entries into a report.
//!
//! The library's batch engine analyses the documents; this module writes its entries as they
//! come: as they finish (NDJSON), in input order (JSON, CSV, NDJSON with `--sorted`), or all at
//! the end when they must be ranked (table, HTML, `--sort score`, `--top`). Only aggregates are
//! kept for the summary, so memory stays flat.

use super::args::{Format, InputMode, ScanArgs, Sort};
use super::inputs::{self, Filters, Input};
use super::ocr::Ocr;
use super::output::{is_broken_pipe, Sink};
use super::stream;
use super::{EXIT_BELOW_THRESHOLD, EXIT_ERROR};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resumescan::batch::{self, Batch, CancelHandle, Progress};
use resumescan::report::render::{CsvSink, HtmlSink, JsonSink, NdjsonSink, ReportSink, TableSink};
use resumescan::report::SummaryBuilder;
use resumescan::{Analyzer, DocumentReport, Status};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Runs `resumescan scan`: resolve the settings, list the inputs, run the batch, write the report.
pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let analyzer = super::build_analyzer(
        &args.dicts,
        &args.profile,
        args.max_file_size,
        !args.no_implied,
    )?;
    let ocr = match args.ocr {
        true => Some(
            Ocr::find(
                &args.ocr_language,
                std::time::Duration::from_secs(args.ocr_timeout_secs.max(1)),
            )
            .map_err(anyhow::Error::msg)?,
        ),
        false => None,
    };
    let mut batch = batch_for(&args, &analyzer, ocr.as_ref())?;
    let job = super::job_profile(&analyzer, args.job.as_deref(), &args.stated, &batch)?;
    if args.sort == Some(Sort::Match) && job.is_none() {
        anyhow::bail!("--sort match needs a job: give --job, --require or --prefer");
    }
    batch.set_job(job);
    let inputs = batch_inputs(&args)?;
    let mut sink = Sink::open(args.output.as_deref()).map_err(|e| {
        anyhow::Error::from(e).context(format!(
            "cannot write {}",
            args.output.as_deref().unwrap_or("-".as_ref()).display()
        ))
    })?;
    let mut tally = Tally::new(&args);
    let written = write_report(&args, &analyzer, &batch, inputs, sink.writer(), &mut tally);
    drop(batch);
    match written.and_then(|()| sink.finish().map_err(anyhow::Error::from)) {
        Ok(()) => {}
        Err(err) if is_broken_pipe(&err) => return Ok(ExitCode::SUCCESS),
        Err(err) => return Err(err),
    }
    Ok(if tally.failed {
        ExitCode::from(EXIT_ERROR)
    } else if tally.below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

/// The batch engine set up as the options say (the job is set later, once it is read).
fn batch_for<'a>(
    args: &ScanArgs,
    analyzer: &'a Analyzer,
    ocr: Option<&'a Ocr>,
) -> anyhow::Result<Batch<'a>> {
    let stream = args.input == InputMode::Ndjson;
    let mut builder = super::batch_builder(analyzer, &args.extraction)?
        .jobs(args.jobs)
        // Streamed records are not compared byte for byte: the stream is never held whole. Near
        // duplicates need only a small fingerprint of each earlier record, so streams get them.
        .duplicates(!stream)
        .possible_duplicates(true)
        .timings(args.timings)
        .redact(args.redact)
        .blind(args.blind)
        .order(match Order::of(args) {
            Order::AsFinished => batch::Order::AsFinished,
            Order::Input | Order::Ranked => batch::Order::Input,
        });
    if let Some(ocr) = ocr {
        builder = builder.ocr(ocr);
    }
    if let Some((k, n)) = args.shard {
        builder = builder.shard(k, n);
    }
    Ok(builder.build()?)
}

/// The documents to analyse: the records of standard input, or the files the paths name.
fn batch_inputs(args: &ScanArgs) -> anyhow::Result<Box<dyn Iterator<Item = batch::Input> + Send>> {
    let stream = args.input == InputMode::Ndjson;
    let filters = Filters::new(&args.include, &args.exclude)?;
    if stream && (!args.paths.is_empty() || args.files_from.is_some()) {
        anyhow::bail!(
            "--input ndjson reads documents from standard input; give no PATH or --files-from"
        );
    }
    if stream {
        let limit = stream::max_record_len(args.max_file_size);
        let records = stream::Records::new(std::io::BufReader::new(std::io::stdin()), limit);
        return Ok(Box::new(records.map(stream::Line::into_input)));
    }
    if args.paths.is_empty() && args.files_from.is_none() {
        anyhow::bail!("nothing to analyse: give PATH..., --files-from FILE or --input ndjson");
    }
    let inputs = inputs::collect(
        &args.paths,
        args.files_from.as_deref(),
        &filters,
        args.follow,
    )?;
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
    let inputs: Vec<batch::Input> = inputs.into_iter().map(Input::into_batch).collect();
    Ok(Box::new(inputs.into_iter()))
}

/// Runs the batch into the chosen report format.
fn write_report(
    args: &ScanArgs,
    analyzer: &Analyzer,
    batch: &Batch,
    inputs: Box<dyn Iterator<Item = batch::Input> + Send>,
    writer: &mut dyn Write,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let stream = args.input == InputMode::Ndjson;
    let categories = analyzer.profile().categories.iter().map(|c| c.id.clone());
    let color = args.output.is_none() && std::io::stdout().is_terminal();
    let names = || {
        let skills = analyzer.dictionary().skills().iter();
        skills.map(|s| (s.id.clone(), s.name.clone()))
    };
    let mut out: Box<dyn ReportSink + '_> = match args.format {
        Format::Json => Box::new(JsonSink::new(writer)),
        Format::Ndjson if stream => Box::new(NdjsonSink::new(writer).without_summary()),
        Format::Ndjson => Box::new(NdjsonSink::new(writer)),
        Format::Csv if stream => {
            Box::new(CsvSink::new(writer, categories.collect()).with_id_column())
        }
        Format::Csv => Box::new(CsvSink::new(writer, categories.collect())),
        Format::Html => Box::new(
            HtmlSink::new(writer, &today()).with_skill_names(
                analyzer
                    .dictionary()
                    .skills()
                    .iter()
                    .map(|s| (s.id.clone(), s.name.clone())),
            ),
        ),
        Format::Table => Box::new(
            TableSink::new(writer, color, args.sort.map(Into::into)).with_skill_names(names()),
        ),
    };
    out.begin(&batch.header())?;
    let ranked = Order::of(args) == Order::Ranked;
    let mut kept: Vec<DocumentReport> = Vec::new();
    let mut bar = Bar::new(args.quiet);
    // Pseudonym → file, kept only when the user asked for the map.
    let mut map: Vec<(String, String)> = Vec::new();
    batch.run(inputs, &mut bar, &CancelHandle::default(), |_, doc| {
        tally.add(&doc);
        if let (Some(from), Some(_)) = (doc.blinded_from(), &args.blind_map) {
            map.push((doc.path.clone(), from.to_string()));
        }
        if ranked {
            kept.push(slim(doc));
            Ok(())
        } else {
            out.document(&doc)
        }
    })?;
    if ranked {
        if let Some(sort) = args.sort {
            resumescan::report::sort_documents(&mut kept, sort.into());
        }
        for doc in kept.iter().take(args.top.unwrap_or(usize::MAX)) {
            out.document(doc)?;
        }
    }
    out.end(&std::mem::take(&mut tally.summary).finish())?;
    if let Some(path) = &args.blind_map {
        write_blind_map(path, &map).map_err(|e| {
            anyhow::Error::from(e).context(format!("cannot write {}", path.display()))
        })?;
    }
    Ok(())
}

/// Writes the pseudonym map as CSV (`pseudonym,path`), readable and writable by the user only:
/// it undoes the blinding.
fn write_blind_map(path: &std::path::Path, map: &[(String, String)]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    let mut csv = csv::Writer::from_writer(std::io::BufWriter::new(file));
    csv.write_record(["pseudonym", "path"])?;
    for (pseudonym, original) in map {
        csv.write_record([pseudonym, original])?;
    }
    csv.flush()
}

/// What the exit code and the summary need to know of the documents.
struct Tally {
    summary: SummaryBuilder,
    fail_under: Option<f64>,
    failed: bool,
    below: bool,
}

impl Tally {
    fn new(args: &ScanArgs) -> Tally {
        Tally {
            summary: SummaryBuilder::default(),
            fail_under: args.fail_under,
            failed: false,
            below: false,
        }
    }

    fn add(&mut self, doc: &DocumentReport) {
        self.failed |= doc.error.is_some();
        if let Some(threshold) = self.fail_under {
            self.below |= doc.status == Status::Ok && doc.score < threshold;
        }
        self.summary.add(doc);
    }
}

/// The progress bar on a terminal's stderr, and each document error printed above it.
struct Bar {
    bar: ProgressBar,
    quiet: bool,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} files  {rate}  ETA {eta}  {wide_msg}",
                )
                .map(|style| style.with_key("rate", format_rate))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        };
        Bar { bar, quiet }
    }
}

impl Progress for Bar {
    fn started(&mut self, total: Option<usize>) {
        self.bar.set_length(total.unwrap_or(0) as u64);
    }

    fn finished(&mut self, doc: &DocumentReport) {
        self.bar.inc(1);
        if let (Some(err), false) = (&doc.error, self.quiet) {
            self.bar.suspend(|| {
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

    fn done(&mut self) {
        self.bar.finish_and_clear();
    }
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

/// Today's date (UTC) as YYYY-MM-DD for the HTML report's header, from [`super::clock`].
fn today() -> String {
    let (year, month, day) = resumescan::date::civil_date(super::clock());
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
