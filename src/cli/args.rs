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
    Scan(Box<ScanArgs>),
    /// List, check or dump skill dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Print the JSON Schema of the report.
    Schema,
    /// Serve the screening page and the HTTP API on this machine (default
    /// http://127.0.0.1:8080/): drop resumes and a job posting in the browser, or call /v1.
    #[cfg(feature = "serve")]
    Serve(Box<ServeArgs>),
    /// Worker mode for isolated extraction (started by `scan`; not for direct use).
    #[command(name = "__worker", hide = true)]
    Worker {
        /// Address-space limit of this process, in bytes (0 = none).
        #[arg(long, default_value_t = 0)]
        memory_limit: u64,
        /// CPU seconds per document (0 = none).
        #[arg(long, default_value_t = 0)]
        cpu_limit_secs: u64,
    },
    /// Print the skills a job posting asks for, as derived from it: required and optional, why,
    /// and where the posting says so.
    Job(JobArgs),
    /// Print the text read from a document, after normalization, with line numbers as the
    /// report's evidence uses them, and each line's section.
    Text {
        /// The document.
        #[arg(value_name = "FILE")]
        file: PathBuf,

        /// For a PDF, read it with this engine only (`pdf_oxide`, `lopdf` or `pdf-extract`),
        /// in this process, instead of the engines in turn behind the quality gate: to see what
        /// one engine makes of a file.
        #[arg(long, value_name = "ENGINE", value_parser = ["pdf_oxide", "lopdf", "pdf-extract"])]
        engine: Option<String>,

        #[command(flatten)]
        extraction: ExtractionArgs,
    },
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to analyse; directories are searched recursively for .pdf, .docx,
    /// .odt, .txt and .md files. `-` reads one document from standard input.
    #[arg(value_name = "PATH", help_heading = "Input")]
    pub paths: Vec<PathBuf>,

    /// `files` (default): PATH arguments are documents. `ndjson`: read one JSON object per line
    /// from standard input — {"id","text"}, {"id","path"} or {"id","content_base64","filename"} —
    /// and write one result per input line, in input order, with the id echoed.
    #[arg(long, value_enum, default_value_t = InputMode::Files, help_heading = "Input")]
    pub input: InputMode,

    /// Keep only the inputs in shard K of N (0 <= K < N), by a stable hash of each path or id, so
    /// N independent workers split one folder or listing without coordination.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, help_heading = "Input")]
    pub shard: Option<(u64, u64)>,

    /// Read more paths, one per line, from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE", help_heading = "Input")]
    pub files_from: Option<PathBuf>,

    /// Follow symbolic links while walking directories (they are reported as `skipped`
    /// otherwise). Links named on the command line are always followed.
    #[arg(long, short = 'L', help_heading = "Input")]
    pub follow: bool,

    /// In directories, analyse only files matching this glob (repeatable), e.g. '*.pdf'.
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub include: Vec<String>,

    /// In directories, skip files matching this glob (repeatable), e.g. 'drafts/**'.
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub exclude: Vec<String>,

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

    /// Do not infer implied skills (Django → Python, Spring Boot → Spring → Java): no `implied`
    /// list, scores count found skills only, and a job's skill is met only by itself or a
    /// related skill.
    #[arg(long, help_heading = "Scoring")]
    pub no_implied: bool,

    /// Exit with code 1 when any analysed document scores below this (0–100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score, help_heading = "Scoring")]
    pub fail_under: Option<f64>,

    /// Match every document against this job posting (.txt, .md, .pdf, .docx): required skills
    /// come from headings such as "Requirements", optional ones from "Nice to have".
    #[arg(long, value_name = "POSTING", help_heading = "Job matching")]
    pub job: Option<PathBuf>,

    #[command(flatten)]
    pub stated: StatedSkills,

    /// Order of the documents: as given (default), best score first, or best job match first
    /// (must-haves met, then unknown, then not met; then by match rate). The table is ranked by
    /// match when there is a job, by score otherwise, unless this is given.
    #[arg(long, value_enum, value_name = "ORDER", help_heading = "Output")]
    pub sort: Option<Sort>,

    /// Report format.
    #[arg(long, short, value_enum, default_value_t = Format::Json, help_heading = "Output")]
    pub format: Format,

    /// Write the report to this file (atomically: a temporary file renamed into place) instead of
    /// stdout.
    #[arg(long, short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Keep only the first N documents after sorting (the summary still counts all).
    #[arg(long, value_name = "N", help_heading = "Output")]
    pub top: Option<usize>,

    /// With --format ndjson: write documents in input order instead of as they finish.
    #[arg(long, help_heading = "Output")]
    pub sorted: bool,

    /// Add each document's wall-clock time (`elapsed_ms`) and the slowest files to the report.
    /// Off by default so that the same inputs always give the same bytes.
    #[arg(long, help_heading = "Output")]
    pub timings: bool,

    /// Mask e-mail addresses, phone numbers and personal links in snippets, paths and messages.
    #[arg(long, help_heading = "Output")]
    pub redact: bool,

    /// Blind screening: on top of --redact, mask the candidate's name, date of birth and age,
    /// gender and marital status, nationality, address, photo captions and graduation years,
    /// and name each file `candidate-0001`, … in input order.
    #[arg(long, help_heading = "Output")]
    pub blind: bool,

    /// With --blind: write which file each pseudonym stands for to FILE (CSV, readable by you
    /// only). Without it, the map is not kept anywhere.
    #[arg(long, value_name = "FILE", requires = "blind", help_heading = "Output")]
    pub blind_map: Option<std::path::PathBuf>,

    /// Print no progress bar and no diagnostics on stderr.
    #[arg(long, short, help_heading = "Output")]
    pub quiet: bool,

    /// Worker threads (0 = one per core; at most 256). Each thread holds one document at a time.
    #[arg(
        long,
        short,
        value_name = "N",
        default_value_t = 0,
        value_parser = parse_jobs,
        help_heading = "Performance"
    )]
    pub jobs: usize,

    #[command(flatten)]
    pub extraction: ExtractionArgs,

    /// Read scanned PDFs (no text layer) with OCR: needs the `tesseract` and `pdftoppm` programs
    /// (Debian/Ubuntu: apt-get install tesseract-ocr poppler-utils). Seconds per page; at most
    /// 10 pages per document.
    #[arg(long, help_heading = "Scanned PDFs")]
    pub ocr: bool,

    /// Language(s) tesseract reads, as its `-l` option takes them (e.g. eng, deu, eng+fra).
    #[arg(
        long,
        value_name = "LANG",
        default_value = "eng",
        help_heading = "Scanned PDFs"
    )]
    pub ocr_language: String,

    /// Give up OCR on a document after this many seconds; it stays `empty`, with a warning.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 120,
        value_parser = clap::value_parser!(u64).range(1..=86400),
        help_heading = "Scanned PDFs"
    )]
    pub ocr_timeout_secs: u64,
}

/// Where and under which limits third-party document parsers run (scan, job, text).
#[derive(Debug, Clone, Args)]
pub struct ExtractionArgs {
    /// Where PDFs, Word and HTML files are parsed: `process` runs the parsers in worker processes
    /// that are killed and replaced when they crash, hang or run out of memory; `thread` parses
    /// in-process, where a parser crash can end the whole run.
    #[arg(long, value_enum, default_value_t = Isolation::Process, help_heading = "Robustness")]
    pub isolation: Isolation,

    /// Give up on a document whose extraction uses more than this many seconds of CPU time
    /// (process isolation only; a wall-clock backstop of several times this also applies).
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=3600),
        help_heading = "Robustness"
    )]
    pub timeout_secs: u64,

    /// Address-space limit of each extraction worker process, in bytes (at least 256 MiB: a
    /// parser needs a 128 MiB stack and room for the document).
    #[arg(long, value_name = "BYTES", default_value_t = resumescan::extract::worker::DEFAULT_MEMORY_LIMIT, value_parser = parse_memory_limit, help_heading = "Robustness")]
    pub memory_limit: u64,
}

/// Smallest `--memory-limit` a worker can work in.
const MIN_MEMORY_LIMIT: u64 = 256 * 1024 * 1024;

fn parse_memory_limit(s: &str) -> Result<u64, String> {
    let n: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of bytes"))?;
    if n < MIN_MEMORY_LIMIT {
        return Err(format!(
            "{n} bytes is too little: a worker needs at least {MIN_MEMORY_LIMIT} (256 MiB) for a \
             parser's 128 MiB stack and the document"
        ));
    }
    Ok(n)
}

/// Most worker threads: more only multiplies memory and contention on any machine we know.
pub const MAX_JOBS: usize = 256;

fn parse_jobs(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if n > MAX_JOBS {
        return Err(format!("{n} is more than {MAX_JOBS} threads"));
    }
    Ok(n)
}

fn parse_score(s: &str) -> Result<f64, String> {
    let x: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if !(0.0..=100.0).contains(&x) {
        return Err(format!("`{s}`: a score is between 0 and 100"));
    }
    Ok(x)
}

/// Where third-party document parsers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Isolation {
    /// In worker processes, killed and replaced when they crash, hang or run out of memory.
    Process,
    /// In threads of this process, with a panic guard only.
    Thread,
}

/// Skills of a job stated on the command line.
#[derive(Debug, Args)]
pub struct StatedSkills {
    /// Required skills (ids, names or aliases, comma-separated; repeatable). Rules: `java|kotlin`
    /// (either one), `go:5` (at least 5 years of Go), `experience:7` (at least 7 years of
    /// professional work). With --job, they override what the posting says about these skills.
    #[arg(
        long,
        value_name = "SKILLS",
        value_delimiter = ',',
        help_heading = "Job matching"
    )]
    pub require: Vec<String>,

    /// Optional skills (nice-to-haves), like --require.
    #[arg(
        long,
        value_name = "SKILLS",
        value_delimiter = ',',
        help_heading = "Job matching"
    )]
    pub prefer: Vec<String>,
}

impl StatedSkills {
    pub fn is_empty(&self) -> bool {
        self.require
            .iter()
            .chain(&self.prefer)
            .all(|s| s.trim().is_empty())
    }
}

#[derive(Debug, Args)]
pub struct JobArgs {
    /// The job posting (.txt, .md, .pdf, .docx).
    #[arg(value_name = "POSTING")]
    pub posting: PathBuf,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = JobFormat::Table)]
    pub format: JobFormat,

    #[command(flatten)]
    pub stated: StatedSkills,

    /// Do not list the skills the posting's skills imply (Django → Python).
    #[arg(long)]
    pub no_implied: bool,

    #[command(flatten)]
    pub dicts: DictArgs,

    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Anything but a loopback address needs --token.
    #[arg(
        long,
        value_name = "ADDR",
        default_value = "127.0.0.1:8080",
        help_heading = "Server"
    )]
    pub listen: std::net::SocketAddr,

    /// Open the page in the browser once the server listens.
    #[arg(long, help_heading = "Server")]
    pub open: bool,

    /// Every API call must send `Authorization: Bearer TOKEN` (also read from
    /// RESUMESCAN_TOKEN). Required to listen beyond loopback.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "RESUMESCAN_TOKEN",
        hide_env_values = true,
        help_heading = "Server"
    )]
    pub token: Option<String>,

    /// Minutes a finished screening stays in memory before it is deleted (0: until the next
    /// check, about a second).
    #[arg(
        long,
        value_name = "MINUTES",
        default_value_t = 60,
        help_heading = "Server"
    )]
    pub keep_minutes: u64,

    /// Largest request body, in bytes (uploads of a folder or a zip included).
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024, help_heading = "Limits")]
    pub max_body: u64,

    /// Most documents in one request.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 2000,
        help_heading = "Limits"
    )]
    pub max_files: usize,

    /// Most documents `POST /v1/scan` answers synchronously; more go through /v1/batches.
    #[arg(long, value_name = "N", default_value_t = 50, help_heading = "Limits")]
    pub max_scan_files: usize,

    /// Screenings that may run at once; more are refused with 429 and Retry-After.
    #[arg(long, value_name = "N", default_value_t = 4, help_heading = "Limits")]
    pub max_batches: usize,

    /// Documents that may wait or run across all screenings; more are refused with 429.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 20_000,
        help_heading = "Limits"
    )]
    pub max_queued: usize,

    /// Screenings kept in memory at once (running or finished); more are refused with 429.
    #[arg(long, value_name = "N", default_value_t = 64, help_heading = "Limits")]
    pub max_kept: usize,

    /// Largest document, in bytes; a larger one is reported as `too_large`.
    #[arg(long, value_name = "BYTES", default_value_t = resumescan::extract::DEFAULT_MAX_FILE_SIZE, help_heading = "Limits")]
    pub max_file_size: u64,

    #[command(flatten)]
    pub dicts: DictArgs,

    /// The profile screenings use unless they pick one: a built-in id or a profile TOML file.
    #[arg(
        long,
        value_name = "ID|FILE",
        default_value = "backend",
        help_heading = "Scoring"
    )]
    pub profile: String,

    /// Do not infer implied skills (as for `scan`).
    #[arg(long, help_heading = "Scoring")]
    pub no_implied: bool,

    /// Mask contact details in every result (as for `scan`).
    #[arg(long, help_heading = "Privacy")]
    pub redact: bool,

    /// Blind screening in every result (as for `scan`; no pseudonym map is kept).
    #[arg(long, help_heading = "Privacy")]
    pub blind: bool,

    /// Read scanned PDFs with tesseract (as for `scan`).
    #[arg(long, help_heading = "OCR")]
    pub ocr: bool,

    /// Tesseract language(s) for --ocr.
    #[arg(long, value_name = "LANG", default_value = "eng", help_heading = "OCR")]
    pub ocr_language: String,

    /// Seconds OCR may take per document.
    #[arg(long, value_name = "SECS", default_value_t = 120, help_heading = "OCR")]
    pub ocr_timeout_secs: u64,

    /// Worker threads per screening (0 = one per core).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        help_heading = "Robustness"
    )]
    pub jobs: usize,

    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

#[derive(Debug, Clone, Args)]
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
    /// List every skill: id, category, name, ESCO concept and aliases (or the profiles, or the
    /// stacks).
    List {
        #[command(flatten)]
        dicts: DictArgs,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// List the built-in role profiles (for --profile) instead: id, name, and the categories
        /// with their weights.
        #[arg(long, conflicts_with = "stacks")]
        profiles: bool,
        /// List the stacks (ecosystems) instead: id, name, core and other skills.
        #[arg(long)]
        stacks: bool,
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
    /// One JSON object per line per document, written as each finishes, and a final summary line.
    Ndjson,
    /// One row per document, for spreadsheets.
    Csv,
    /// A ranked, human-readable table.
    Table,
    /// One self-contained HTML page (charts, sortable table, evidence); use with --output.
    Html,
}

/// Where documents come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputMode {
    /// Files and directories named on the command line.
    Files,
    /// JSON records on standard input, one per line.
    Ndjson,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| format!("`{s}`: expected K/N, e.g. 0/4"))?;
    let k: u64 = k
        .trim()
        .parse()
        .map_err(|_| format!("`{s}`: K is not a number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{s}`: N is not a number"))?;
    if n == 0 || k >= n {
        return Err(format!("`{s}`: need 0 <= K < N"));
    }
    Ok((k, n))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JobFormat {
    /// The derived profile as JSON.
    Json,
    /// A table for people.
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// As given.
    Input,
    /// Best score first.
    Score,
    /// Must-haves met first, then unknown, then not met; each by best job match rate (needs
    /// --job, --require or --prefer).
    Match,
}

impl From<Sort> for resumescan::report::SortKey {
    fn from(sort: Sort) -> Self {
        match sort {
            Sort::Input => resumescan::report::SortKey::Input,
            Sort::Score => resumescan::report::SortKey::Score,
            Sort::Match => resumescan::report::SortKey::Match,
        }
    }
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
