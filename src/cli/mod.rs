//! The command-line front end: argument parsing, input collection, output.

mod args;
mod cleanup;
mod inputs;
mod ocr;
mod output;
mod scan;
#[cfg(feature = "serve")]
mod serve;
mod stream;

pub use output::is_broken_pipe;

use anyhow::Context;
use args::{
    Cli, Command, DictArgs, DictCommand, ExtractionArgs, Isolation, JobArgs, JobFormat,
    StatedSkills,
};
use clap::Parser;
use resumescan::batch::Batch;
use resumescan::{Analyzer, Dictionary, JobProfile};
use std::io::Write;
use std::process::ExitCode;

/// Exit code: a `--fail-under` threshold was not met.
pub const EXIT_BELOW_THRESHOLD: u8 = 1;
/// Exit code: usage error, bad configuration, or an input could not be analysed.
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    // The server stops gracefully on its own signals (and its screenings' temporary folders go
    // with them); every other command removes its temporary files on a signal.
    #[cfg(feature = "serve")]
    let own_signals = matches!(cli.command, Command::Worker { .. } | Command::Serve(_));
    #[cfg(not(feature = "serve"))]
    let own_signals = matches!(cli.command, Command::Worker { .. });
    if !own_signals {
        cleanup::install();
    }
    match cli.command {
        Command::Scan(args) => scan::run(*args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(*args),
        Command::Schema => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", resumescan::report::json_schema())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Dict(cmd) => dict(cmd),
        Command::Worker {
            memory_limit,
            cpu_limit_secs,
        } => {
            let limits = resumescan::extract::worker::Limits {
                memory: (memory_limit > 0).then_some(memory_limit),
                cpu_secs: (cpu_limit_secs > 0).then_some(cpu_limit_secs),
            };
            resumescan::extract::worker::serve(std::io::stdin(), std::io::stdout(), limits)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Job(args) => job(args),
        Command::Text {
            file,
            engine,
            extraction,
        } => {
            let analyzer = Analyzer::new()?;
            let extracted = match engine
                .as_deref()
                .and_then(resumescan::extract::pdf::Engine::from_name)
            {
                Some(engine) => {
                    let bytes = resumescan::extract::read_file(&file, analyzer.max_file_size())?;
                    let pdf = resumescan::extract::pdf::extract_with(engine, &file, &bytes)?;
                    pdf.text
                }
                None => {
                    let batch = batch_builder(&analyzer, &extraction)?.jobs(1).build()?;
                    batch.extract_path(&file)?.text
                }
            };
            let (text, sections) = analyzer.normalized_with_sections(&extracted);
            let mut out = std::io::stdout().lock();
            for (i, (line, section)) in text.split('\n').zip(sections).enumerate() {
                writeln!(
                    out,
                    "{:>4} {:<14} {line}",
                    i + 1,
                    format!("{section:?}").to_lowercase()
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints an error and its causes on stderr.
pub fn print_error(err: &anyhow::Error) {
    #[allow(clippy::print_stderr)]
    {
        // Line by line: a message may span lines on purpose, but no line may carry escapes.
        let safe = |text: String| {
            text.split('\n')
                .map(|line| resumescan::report::for_terminal(line).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        };
        eprintln!("resumescan: {}", safe(err.to_string()));
        for cause in err.chain().skip(1) {
            eprintln!("  caused by: {}", safe(cause.to_string()));
        }
    }
}

/// Keeps panics caught inside PDF parsing quiet (they are reported as document errors), while
/// any other panic is still printed.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(resumescan::extract::PARSER_THREAD_NAME) {
            default(info);
        }
    }));
}

/// Loads the built-in dictionaries (unless disabled) and the `--dict` files.
pub(crate) fn load_dictionaries(args: &DictArgs) -> anyhow::Result<Vec<Dictionary>> {
    args.dict
        .iter()
        .map(|p| Dictionary::from_path(p).map_err(anyhow::Error::from))
        .collect()
}

pub(crate) fn merged_dictionary(args: &DictArgs) -> anyhow::Result<Dictionary> {
    let mut dict = if args.no_default_dict {
        Dictionary::default()
    } else {
        Dictionary::builtin()?
    };
    for extra in load_dictionaries(args)? {
        dict.merge(extra)?;
    }
    Ok(dict)
}

fn dict(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cmd {
        DictCommand::List {
            dicts,
            json,
            profiles,
            stacks,
        } => {
            let dict = merged_dictionary(&dicts)?;
            if profiles {
                list_profiles(&dict, json, &mut out)?;
            } else if stacks {
                if json {
                    serde_json::to_writer_pretty(&mut out, dict.stacks())?;
                    writeln!(out)?;
                } else {
                    writeln!(out, "{:<8} {:<12} {:<28} SKILLS", "ID", "NAME", "CORE")?;
                    for s in dict.stacks() {
                        writeln!(
                            out,
                            "{:<8} {:<12} {:<28} {}",
                            s.id,
                            s.name,
                            s.core.join(", "),
                            s.skills.join(", ")
                        )?;
                    }
                }
            } else if json {
                serde_json::to_writer_pretty(&mut out, dict.skills())?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{:<24} {:<14} {:<26} {:<8} ALIASES",
                    "ID", "CATEGORY", "NAME", "ESCO"
                )?;
                for s in dict.skills() {
                    let aliases: Vec<&str> = s.aliases.iter().map(|a| a.text.as_str()).collect();
                    writeln!(
                        out,
                        "{:<24} {:<14} {:<26} {:<8} {}",
                        s.id,
                        s.category,
                        s.name,
                        s.esco.as_ref().map_or("", |_| "esco"),
                        aliases.join(", ")
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Dump { dicts } => {
            let dict = merged_dictionary(&dicts)?;
            serde_json::to_writer_pretty(&mut out, &dict)?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Check {
            files,
            no_default_dict,
        } => {
            let base = if no_default_dict {
                None
            } else {
                Some(Dictionary::builtin()?)
            };
            let mut bad = 0;
            for file in &files {
                let name = file.display().to_string();
                let text = match resumescan::dictionary::read_data_file(file) {
                    Ok(t) => t,
                    Err(e) => {
                        bad += 1;
                        writeln!(out, "{name}: cannot read: {e}")?;
                        continue;
                    }
                };
                let problems =
                    resumescan::dictionary::check_dictionary_text(&name, &text, base.as_ref());
                if problems.is_empty() {
                    writeln!(out, "{name}: ok")?;
                }
                for p in &problems {
                    bad += 1;
                    match p.line {
                        Some(line) => writeln!(out, "{name}:{line}: {}", p.message)?,
                        None => writeln!(out, "{name}: {}", p.message)?,
                    }
                }
            }
            Ok(if bad == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_ERROR)
            })
        }
    }
}

/// `dict list --profiles`: every built-in profile, checked against `dict`, with its categories.
fn list_profiles(dict: &Dictionary, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut profiles = Vec::new();
    for id in resumescan::dictionary::builtin_profile_names() {
        let profile = resumescan::Profile::builtin(id)?;
        profile.validate_against(dict)?;
        profiles.push(profile);
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &profiles)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{:<16} {:<34} CATEGORIES (weight)", "ID", "NAME")?;
    for p in &profiles {
        let cats: Vec<String> = p
            .categories
            .iter()
            .map(|c| match &c.stack {
                Some(stack) => format!("stack:{stack} ({})", c.weight),
                None => format!("{} ({})", c.id, c.weight),
            })
            .collect();
        writeln!(out, "{:<16} {:<34} {}", p.id, p.name, cats.join(", "))?;
    }
    Ok(())
}

/// `resumescan job`: the profile derived from a posting (and stated skills on top).
fn job(args: JobArgs) -> anyhow::Result<ExitCode> {
    let analyzer = build_analyzer(
        &args.dicts,
        "backend",
        resumescan::extract::DEFAULT_MAX_FILE_SIZE,
        !args.no_implied,
    )?;
    let batch = batch_builder(&analyzer, &args.extraction)?
        .jobs(1)
        .build()?;
    let profile = job_profile(&analyzer, Some(&args.posting), &args.stated, &batch)?
        .ok_or_else(|| anyhow::anyhow!("no job profile"))?;
    let mut out = std::io::stdout().lock();
    match args.format {
        JobFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &profile)?;
            writeln!(out)?;
        }
        JobFormat::Table => resumescan::report::render::job_table(&profile, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The job to match against: derived from the posting, with the stated skills on top; `None`
/// when neither is given.
pub(crate) fn job_profile(
    analyzer: &Analyzer,
    posting: Option<&std::path::Path>,
    stated: &StatedSkills,
    batch: &Batch,
) -> anyhow::Result<Option<JobProfile>> {
    for name in stated.require.iter().chain(&stated.prefer) {
        if name.trim().is_empty() {
            anyhow::bail!(
                "an empty skill name in --require or --prefer (two commas in a row, or ''): \
                 name a skill, or leave the option out"
            );
        }
    }
    let profile = match posting {
        Some(path) => {
            let extracted = batch.extract_path(path)?;
            let mut derived = JobProfile::from_text(analyzer, &extracted.text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}\n  (state the skills with --require and --prefer instead)",
                    path.display()
                )
            })?;
            derived.source = Some(path.display().to_string());
            Some(derived)
        }
        None => None,
    };
    let listed = if stated.is_empty() {
        None
    } else {
        Some(
            JobProfile::from_lists(analyzer.dictionary(), &stated.require, &stated.prefer)
                .map_err(|e| match e {
                    resumescan::Error::UnknownSkills(_) => {
                        anyhow::anyhow!("{e}\n  (`resumescan dict list` shows every known skill)")
                    }
                    other => other.into(),
                })?,
        )
    };
    Ok(JobProfile::combined(analyzer, profile, listed))
}

/// The worker processes that parse documents under `--isolation process`, sized for `jobs`
/// concurrent documents (0 = one per core); `None` under `--isolation thread`.
pub(crate) fn batch_builder<'a>(
    analyzer: &'a Analyzer,
    extraction: &ExtractionArgs,
) -> anyhow::Result<resumescan::batch::BatchBuilder<'a>> {
    let isolation = match extraction.isolation {
        Isolation::Thread => resumescan::batch::Isolation::Thread,
        Isolation::Process => {
            resumescan::batch::Isolation::Process(resumescan::batch::WorkerCommand::resumescan(
                std::env::current_exe().context("cannot find this program to start workers")?,
            ))
        }
    };
    Ok(Batch::builder(analyzer)
        .isolation(isolation)
        .timeout(std::time::Duration::from_secs(extraction.timeout_secs))
        .memory_limit(extraction.memory_limit))
}

/// Now, in Unix seconds; `SOURCE_DATE_EPOCH` overrides the clock, so that a report (the HTML
/// page's date, the years "Present" gives) can be reproduced byte for byte.
pub(crate) fn clock() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(resumescan::date::now_unix)
}

/// Builds the analyzer from scan options.
pub(crate) fn build_analyzer(
    dicts: &DictArgs,
    profile: &str,
    max_file_size: u64,
    implied: bool,
) -> anyhow::Result<Analyzer> {
    let (year, month, _) = resumescan::date::civil_date(clock());
    let mut builder = Analyzer::builder()
        .no_builtin_dictionaries(dicts.no_default_dict)
        .max_file_size(max_file_size)
        .implied(implied)
        // The month "Present" stands for in dated entries.
        .today(year, month);
    for d in load_dictionaries(dicts)? {
        builder = builder.dictionary(d);
    }
    let path = std::path::Path::new(profile);
    let profile = if profile.ends_with(".toml") || path.is_file() {
        resumescan::Profile::from_path(path)?
    } else {
        resumescan::Profile::builtin(profile)?
    };
    Ok(builder.profile(profile).build()?)
}
