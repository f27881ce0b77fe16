//! `resumescan scan`: analyse inputs in parallel and write the report.

use super::args::{Format, Isolation, ScanArgs};
use super::inputs::{self, Input};
use super::output::{is_broken_pipe, Sink};
use super::{EXIT_BELOW_THRESHOLD, EXIT_ERROR};
use anyhow::Context;
use rayon::prelude::*;
use resumescan::extract::worker::{WorkerConfig, WorkerPool};
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
    let workers = match args.isolation {
        Isolation::Process => Some(WorkerPool::new(WorkerConfig {
            program: std::env::current_exe()
                .context("cannot find this program to start workers")?,
            args: vec![
                "__worker".into(),
                "--memory-limit".into(),
                args.memory_limit.to_string().into(),
            ],
            timeout: std::time::Duration::from_secs(args.timeout_secs.max(1)),
        })),
        Isolation::Thread => None,
    };
    let documents: Vec<DocumentReport> = pool.install(|| {
        inputs
            .par_iter()
            .map(|i| analyze_one(&analyzer, workers.as_ref(), i))
            .collect()
    });
    drop(workers);

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
fn analyze_one(analyzer: &Analyzer, workers: Option<&WorkerPool>, input: &Input) -> DocumentReport {
    let name = input.display();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let bytes = match input {
            Input::File(path) => resumescan::extract::read_file(path, analyzer.max_file_size())?,
            Input::Stdin => read_stdin(analyzer.max_file_size())?,
            Input::Problem { kind, message, .. } => return Ok(problem(&name, kind, message)),
        };
        match workers {
            Some(pool) if resumescan::extract::needs_isolation(&bytes) => {
                let extracted = pool.extract(&name, &bytes)?;
                Ok(analyzer.analyze_extracted(&name, extracted))
            }
            _ => analyzer.analyze_bytes(&name, &bytes),
        }
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

fn problem(path: &str, kind: &str, message: &str) -> DocumentReport {
    let mut doc = DocumentReport::failed(path, &resumescan::Error::Config(String::new()));
    doc.error = Some(ErrorInfo {
        kind: kind.to_string(),
        message: message.to_string(),
    });
    doc
}
