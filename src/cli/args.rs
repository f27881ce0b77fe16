//! Command-line arguments (clap derive). Parsing only; `run.rs` resolves them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit codes:
  0  every input was analysed (an empty document counts as analysed)
  1  --fail-under was given and at least one analysed document scored below it
  2  usage error, bad dictionary or profile, or at least one input could not be analysed
     (the report is still complete: every input appears in it with its status)

The report goes to stdout (or --output); progress and diagnostics go to stderr.";

/// Scores resumes (PDF, text, Markdown) against the skills of a back-end engineering role.
#[derive(Debug, Parser)]
#[command(name = "resumescan", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse resumes and print a scored report.
    #[command(after_help = AFTER_HELP)]
    Scan(ScanArgs),
    /// List, check or dump skill dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Print the JSON Schema of the report.
    Schema,
    /// Print the text read from a document, after normalization, with line numbers as the
    /// report's evidence uses them, and each line's section.
    Text {
        /// The document.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to analyse; directories are searched recursively for .pdf, .txt and
    /// .md files. `-` reads one document from standard input.
    #[arg(required = true, value_name = "PATH", help_heading = "Input")]
    pub paths: Vec<PathBuf>,

    /// Refuse files larger than this many bytes without reading them.
    #[arg(long, value_name = "BYTES", default_value_t = resumescan::extract::DEFAULT_MAX_FILE_SIZE, help_heading = "Input")]
    pub max_file_size: u64,

    #[command(flatten)]
    pub dicts: DictArgs,

    /// Role profile to score against: a built-in id (`backend`) or a profile TOML file.
    #[arg(
        long,
        value_name = "ID|FILE",
        default_value = "backend",
        help_heading = "Scoring"
    )]
    pub profile: String,

    /// Exit with code 1 when any analysed document scores below this (0–100).
    #[arg(long, value_name = "SCORE", help_heading = "Scoring")]
    pub fail_under: Option<f64>,

    /// Report format.
    #[arg(long, short, value_enum, default_value_t = Format::Json, help_heading = "Output")]
    pub format: Format,

    /// Write the report to this file (atomically: a temporary file renamed into place) instead of
    /// stdout.
    #[arg(long, short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Print no diagnostics on stderr.
    #[arg(long, short, help_heading = "Output")]
    pub quiet: bool,

    /// Worker threads (0 = one per core). Each thread holds one document at a time.
    #[arg(
        long,
        short,
        value_name = "N",
        default_value_t = 0,
        help_heading = "Performance"
    )]
    pub jobs: usize,
}

#[derive(Debug, Args)]
pub struct DictArgs {
    /// Add a dictionary file on top of the built-in ones (repeatable; later files win for the
    /// same skill id).
    #[arg(long = "dict", value_name = "FILE", help_heading = "Dictionaries")]
    pub dict: Vec<PathBuf>,

    /// Do not load the built-in dictionaries (use only --dict files).
    #[arg(long, help_heading = "Dictionaries")]
    pub no_default_dict: bool,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// List every skill: id, category, name and aliases.
    List {
        #[command(flatten)]
        dicts: DictArgs,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate dictionary files; problems are printed as FILE:LINE: message.
    Check {
        /// Dictionary files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check the files alone, not merged on top of the built-in dictionaries.
        #[arg(long)]
        no_default_dict: bool,
    },
    /// Print the merged, effective dictionary as JSON.
    Dump {
        #[command(flatten)]
        dicts: DictArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON report.
    Json,
    /// One JSON object per document and a final summary line.
    Ndjson,
    /// A ranked, human-readable table.
    Table,
    /// One self-contained HTML page (charts, sortable table, evidence); use with --output.
    Html,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
