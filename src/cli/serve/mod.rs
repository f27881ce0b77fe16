//! `resumescan serve`: the screening page and the HTTP API, on the library's batch engine.
//!
//! Everything stays in this process's memory: uploads are read into memory, screenings are kept
//! until `--keep-minutes` after they finish (or until deleted), and nothing is written to disk.
//! It listens on loopback unless a token guards it.

mod api;
mod page;
mod problem;
mod request;
mod runs;

use super::args::{DictArgs, ExtractionArgs, ServeArgs};
use super::ocr::Ocr;
use anyhow::Context as _;
use problem::Problem;
use resumescan::batch::BatchBuilder;
use resumescan::Analyzer;
use runs::Run;
use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long shutting down waits for running screenings to stop (their worker processes with
/// them).
const DRAIN: Duration = Duration::from_secs(20);

/// Runs the server until SIGINT or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let token = args.token.clone().filter(|t| !t.trim().is_empty());
    if !args.listen.ip().is_loopback() && token.is_none() {
        anyhow::bail!(
            "refusing to listen on {} without a token: anyone who can reach it could read the \
             resumes sent to it. Give --token (or RESUMESCAN_TOKEN), or listen on 127.0.0.1",
            args.listen
        );
    }
    limit_arenas();
    let state = Arc::new(State::new(&args, token)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("serve")
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(serve(state, args.listen, args.open))?;
    Ok(ExitCode::SUCCESS)
}

async fn serve(state: Arc<State>, listen: std::net::SocketAddr, open: bool) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let local = listener.local_addr()?;
    let url = format!("http://{local}/");
    #[allow(clippy::print_stderr)] // where a person or a test learns the address
    {
        eprintln!("resumescan: serving on {url} (Ctrl-C stops)");
    }
    if open {
        open_browser(&url);
    }
    let reaper = tokio::spawn(reap(state.clone()));
    let app = api::router(state.clone());
    let stopping = state.clone();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            stopping.stop();
        })
        .await
        .context("the server stopped")?;
    reaper.abort();
    // Let cancelled screenings end, so that their worker processes end with them.
    let deadline = std::time::Instant::now() + DRAIN;
    while state.running() > 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    state.clear();
    Ok(())
}

/// What every request shares.
pub struct State {
    settings: Arc<Settings>,
    /// Analyzers by profile id, built on first use.
    analyzers: Mutex<HashMap<String, Arc<Analyzer>>>,
    runs: Mutex<HashMap<String, Arc<Run>>>,
    token: Option<String>,
    keep: Duration,
    limits: Limits,
    stopping: AtomicBool,
    ids: AtomicU64,
    id_salt: u64,
    /// Documents of `POST /v1/scan` requests waiting or running.
    scanning: Arc<AtomicUsize>,
    /// Turns for `POST /v1/scan` requests: a few per core run at once, the rest wait.
    scan_turns: tokio::sync::Semaphore,
}

/// Counts a scan's documents as in flight until dropped.
pub struct InFlight {
    count: usize,
    scanning: Arc<AtomicUsize>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.scanning.fetch_sub(self.count, Ordering::AcqRel);
    }
}

/// The server's limits (see `serve --help`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_body: usize,
    pub max_files: usize,
    pub max_scan_files: usize,
    pub max_batches: usize,
    pub max_queued: usize,
    pub max_kept: usize,
    pub max_file_size: u64,
}

/// How screenings are run: what `scan` takes as options.
pub struct Settings {
    dicts: DictArgs,
    default_profile: String,
    max_file_size: u64,
    implied: bool,
    extraction: ExtractionArgs,
    redact: bool,
    blind: bool,
    jobs: usize,
    ocr: Option<Ocr>,
}

impl Settings {
    /// A batch set up as the options say, as `scan` sets one up.
    pub fn batch<'a>(&'a self, analyzer: &'a Analyzer) -> anyhow::Result<BatchBuilder<'a>> {
        let mut builder = super::batch_builder(analyzer, &self.extraction)?
            .jobs(self.jobs)
            .duplicates(true)
            .possible_duplicates(true)
            .redact(self.redact)
            .blind(self.blind);
        if let Some(ocr) = &self.ocr {
            builder = builder.ocr(ocr);
        }
        Ok(builder)
    }
}

impl State {
    fn new(args: &ServeArgs, token: Option<String>) -> anyhow::Result<State> {
        let ocr = match args.ocr {
            true => Some(
                Ocr::find(
                    &args.ocr_language,
                    Duration::from_secs(args.ocr_timeout_secs.max(1)),
                )
                .map_err(anyhow::Error::msg)?,
            ),
            false => None,
        };
        let settings = Arc::new(Settings {
            dicts: args.dicts.clone(),
            default_profile: args.profile.clone(),
            max_file_size: args.max_file_size,
            implied: !args.no_implied,
            extraction: args.extraction.clone(),
            redact: args.redact,
            blind: args.blind,
            jobs: args.jobs,
            ocr,
        });
        // The default profile is built now: a bad dictionary or profile stops the start.
        let default = Arc::new(super::build_analyzer(
            &settings.dicts,
            &settings.default_profile,
            settings.max_file_size,
            settings.implied,
        )?);
        let mut analyzers = HashMap::new();
        analyzers.insert(default.profile().id.clone(), default.clone());
        analyzers.insert(String::new(), default);
        let salt = {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            h.finish()
        };
        Ok(State {
            settings,
            analyzers: Mutex::new(analyzers),
            runs: Mutex::new(HashMap::new()),
            token,
            keep: Duration::from_secs(args.keep_minutes.saturating_mul(60)),
            limits: Limits {
                max_body: usize::try_from(args.max_body).unwrap_or(usize::MAX),
                max_files: args.max_files.max(1),
                max_scan_files: args.max_scan_files.max(1),
                max_batches: args.max_batches.max(1),
                max_queued: args.max_queued.max(1),
                max_kept: args.max_kept.max(1),
                max_file_size: args.max_file_size,
            },
            stopping: AtomicBool::new(false),
            ids: AtomicU64::new(1),
            id_salt: salt,
            scanning: Arc::new(AtomicUsize::new(0)),
            scan_turns: tokio::sync::Semaphore::new(
                2 * std::thread::available_parallelism().map_or(1, |n| n.get()),
            ),
        })
    }

    /// The analyzer of a built-in profile (`None`: the server's default). Requests may only
    /// name built-in profiles: a path would let a caller read this machine's files.
    fn analyzer(&self, profile: Option<&str>) -> Result<Arc<Analyzer>, Problem> {
        let key = profile.unwrap_or("").trim().to_string();
        if let Some(a) = self
            .analyzers
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return Ok(a);
        }
        if !resumescan::dictionary::builtin_profile_names().contains(&key.as_str()) {
            return Err(Problem::unprocessable(format!(
                "unknown profile `{key}`; GET /v1/profiles lists them"
            )));
        }
        let s = &self.settings;
        let analyzer = super::build_analyzer(&s.dicts, &key, s.max_file_size, s.implied)
            .map(Arc::new)
            .map_err(|e| Problem::internal(format!("cannot load profile `{key}`: {e}")))?;
        if let Ok(mut m) = self.analyzers.lock() {
            m.insert(key, analyzer.clone());
        }
        Ok(analyzer)
    }

    /// A new, unguessable screening id.
    fn new_id(&self) -> String {
        let n = self.ids.fetch_add(1, Ordering::Relaxed);
        let mixed = splitmix(self.id_salt ^ splitmix(n));
        format!("{:016x}{:08x}", mixed, n as u32)
    }

    fn run(&self, id: &str) -> Option<Arc<Run>> {
        self.runs.lock().ok()?.get(id).cloned()
    }

    /// Screenings still running.
    fn running(&self) -> usize {
        self.runs
            .lock()
            .map(|r| r.values().filter(|r| !r.is_done()).count())
            .unwrap_or(0)
    }

    /// Documents of running screenings not yet done.
    fn queued(&self) -> usize {
        self.runs
            .lock()
            .map(|r| {
                r.values()
                    .filter(|r| !r.is_done())
                    .map(|r| r.total.saturating_sub(*r.subscribe().borrow()))
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Admits a `POST /v1/scan` of `documents`, unless stopping or the queue is full; the guard
    /// counts them until the answer is ready.
    fn admit_scan(&self, documents: usize) -> Result<InFlight, Problem> {
        if self.stopping.load(Ordering::Acquire) {
            return Err(Problem::unavailable("the server is shutting down"));
        }
        let before = self.scanning.fetch_add(documents, Ordering::AcqRel);
        let guard = InFlight {
            count: documents,
            scanning: self.scanning.clone(),
        };
        if before + self.queued() + documents > self.limits.max_queued {
            return Err(Problem::busy(
                format!(
                    "too many documents waiting (serve --max-queued {}); try again shortly",
                    self.limits.max_queued
                ),
                2,
            ));
        }
        Ok(guard)
    }

    /// Refuses new work when stopping or full.
    fn admit(&self, documents: usize) -> Result<(), Problem> {
        if self.stopping.load(Ordering::Acquire) {
            return Err(Problem::unavailable("the server is shutting down"));
        }
        if self.running() >= self.limits.max_batches {
            return Err(Problem::busy(
                format!(
                    "{} screenings are running, the most at once (serve --max-batches)",
                    self.limits.max_batches
                ),
                5,
            ));
        }
        let scanning = self.scanning.load(Ordering::Acquire);
        if self.queued() + scanning + documents > self.limits.max_queued {
            return Err(Problem::busy(
                format!(
                    "too many documents waiting (serve --max-queued {}); try again shortly",
                    self.limits.max_queued
                ),
                10,
            ));
        }
        let kept = self.runs.lock().map(|r| r.len()).unwrap_or(0);
        if kept >= self.limits.max_kept {
            return Err(Problem::busy(
                format!(
                    "{kept} screenings are kept (serve --max-kept); delete one or wait for one to expire"
                ),
                30,
            ));
        }
        Ok(())
    }

    fn insert(&self, run: Arc<Run>) {
        if let Ok(mut runs) = self.runs.lock() {
            runs.insert(run.id.clone(), run);
        }
    }

    /// Cancels and forgets a screening.
    fn remove(&self, id: &str) -> Option<Arc<Run>> {
        let run = self.runs.lock().ok()?.remove(id)?;
        run.cancel.cancel();
        Some(run)
    }

    /// Shutting down: refuse new work and cancel what runs.
    fn stop(&self) {
        self.stopping.store(true, Ordering::Release);
        if let Ok(runs) = self.runs.lock() {
            for run in runs.values() {
                run.cancel.cancel();
            }
        }
    }

    fn clear(&self) {
        if let Ok(mut runs) = self.runs.lock() {
            runs.clear();
        }
    }

    /// Deletes the screenings that finished more than `keep` ago.
    fn expire(&self) {
        let removed = match self.runs.lock() {
            Ok(mut runs) => {
                let before = runs.len();
                runs.retain(|_, r| r.finished_at().is_none_or(|f| f.elapsed() < self.keep));
                before - runs.len()
            }
            Err(_) => 0,
        };
        if removed > 0 {
            give_back_memory();
        }
    }
}

/// Caps the allocator's arenas: every screening runs on new threads, and each new thread would
/// otherwise get an arena of its own that keeps its memory after the thread is gone, so a
/// long-running server's memory would grow with the number of screenings it has run.
fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; called before the threads start.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns freed memory to the system: a screening's documents and entries are many small
/// allocations spread over the threads' arenas, which the allocator would otherwise keep.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of the heap and of each arena.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Deletes expired screenings about once a second.
async fn reap(state: Arc<State>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        state.expire();
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Opens `url` in the desktop's browser, if there is one; the address is printed either way.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

const fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
