//! `resumescan scan`: analyse inputs in parallel and write the report.

use super::args::{Format, ScanArgs};
use super::inputs::{self, Input};
use super::output::{is_broken_pipe, Sink};
use super::{EXIT_BELOW_THRESHOLD, EXIT_ERROR};
use anyhow::Context;
use rayon::prelude::*;
use resumescan::report::{render, ErrorInfo};
use resumescan::{Analyzer, DocumentReport, Status};
use std::io::Read;
use std::process::ExitCode;

pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let analyzer = super::build_analyzer(&args.dicts, &args.profile, args.max_file_size)?;
    let inputs = inputs::collect(&args.paths);
    if inputs.iter().filter(|i| matches!(i, Input::Stdin)).count() > 1 {
        anyhow::bail!("`-` (standard input) can be given only once");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .context("cannot start worker threads")?;
    let documents: Vec<DocumentReport> = pool.install(|| {
        inputs
            .par_iter()
            .map(|i| analyze_one(&analyzer, i))
            .collect()
    });

    if !args.quiet {
        for doc in &documents {
            if let Some(err) = &doc.error {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("resumescan: {}", err.message);
                }
            }
        }
    }
    let failed = documents.iter().any(|d| d.status == Status::Error);
    let below = args.fail_under.is_some_and(|threshold| {
        documents
            .iter()
            .any(|d| d.status == Status::Ok && d.score < threshold)
    });
    let report = analyzer.report(documents);

    let written = (|| -> anyhow::Result<()> {
        let mut sink = Sink::open(args.output.as_deref()).with_context(|| {
            format!(
                "cannot write {}",
                args.output.as_deref().unwrap_or("-".as_ref()).display()
            )
        })?;
        match args.format {
            Format::Json => render::json(&report, sink.writer())?,
            Format::Ndjson => render::ndjson(&report, sink.writer())?,
            Format::Table => render::table(&report, sink.writer(), false)?,
            Format::Html => render::html(&report, sink.writer(), &today())?,
        }
        sink.finish()?;
        Ok(())
    })();
    if let Err(err) = written {
        if is_broken_pipe(&err) {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(err);
    }
    Ok(if failed {
        ExitCode::from(EXIT_ERROR)
    } else if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

/// Analyses one input; whatever happens, the result is a report entry.
fn analyze_one(analyzer: &Analyzer, input: &Input) -> DocumentReport {
    let name = input.display();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match input {
        Input::File(path) => analyzer.analyze_path(path),
        Input::Stdin => {
            let mut bytes = Vec::new();
            let limit = analyzer.max_file_size();
            match std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => analyzer.analyze_bytes("-", &bytes),
                Err(source) => Err(resumescan::Error::Io {
                    path: "-".into(),
                    source,
                }),
            }
        }
        Input::Problem { kind, message, .. } => Ok(problem(&name, kind, message)),
    }));
    match outcome {
        Ok(Ok(doc)) => doc,
        Ok(Err(err)) => DocumentReport::failed(&name, &err),
        Err(_) => problem(
            &name,
            "panic",
            &format!("{name}: internal error while analysing this file"),
        ),
    }
}

/// Today's date (UTC) as YYYY-MM-DD for the HTML report's header; `SOURCE_DATE_EPOCH` (seconds)
/// overrides the clock so that a build can reproduce a report byte for byte.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    // Civil-from-days (H. Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn problem(path: &str, kind: &str, message: &str) -> DocumentReport {
    let mut doc = DocumentReport::failed(path, &resumescan::Error::Config(String::new()));
    doc.error = Some(ErrorInfo {
        kind: kind.to_string(),
        message: message.to_string(),
    });
    doc
}
