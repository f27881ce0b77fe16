//! `resumescan scan`: analyse inputs in parallel and write the report.

use super::args::{Format, ScanArgs, Sort};
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
    let job = super::job_profile(&analyzer, args.job.as_deref(), &args.stated)?;
    if args.sort == Some(Sort::Match) && job.is_none() {
        anyhow::bail!("--sort match needs a job: give --job, --require or --prefer");
    }
    let inputs = inputs::collect(&args.paths);
    if inputs.iter().filter(|i| matches!(i, Input::Stdin)).count() > 1 {
        anyhow::bail!("`-` (standard input) can be given only once");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .context("cannot start worker threads")?;
    let mut documents: Vec<DocumentReport> = pool.install(|| {
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
    if let Some(job) = &job {
        for doc in documents.iter_mut().filter(|d| d.status != Status::Error) {
            doc.job_match = Some(job.match_document(analyzer.dictionary(), doc));
        }
    }
    let mut report = analyzer.report(documents);
    report.job = job;
    if let Some(sort) = args.sort {
        resumescan::report::sort_documents(&mut report.documents, sort.into());
    }

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
            Format::Table => match args.sort {
                Some(sort) => render::table_by(&report, sink.writer(), false, sort.into())?,
                None => render::table(&report, sink.writer(), false)?,
            },
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

fn problem(path: &str, kind: &str, message: &str) -> DocumentReport {
    let mut doc = DocumentReport::failed(path, &resumescan::Error::Config(String::new()));
    doc.error = Some(ErrorInfo {
        kind: kind.to_string(),
        message: message.to_string(),
    });
    doc
}
