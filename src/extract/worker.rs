//! Extraction in separate worker processes, for the failures no thread can contain.
//!
//! `catch_unwind` stops an ordinary panic in a parser, but not a stack-overflow abort, an endless
//! loop (Rust cannot kill a thread) or a decompression bomb that eats all memory. A [`WorkerPool`]
//! runs extraction in long-lived child processes — the program re-executed in a worker mode that
//! calls [`serve`] — one document at a time each, with an address-space limit and a CPU-time
//! limit per document set in the child, and a generous wall-clock backstop enforced by the pool.
//! The time limit is CPU time, not wall-clock time, so that a busy machine (many `--jobs`, other
//! runs) does not turn slow documents into timeouts: the result does not depend on the load. A worker that crashes, hangs or runs out of
//! memory is killed and replaced, and only that document fails, with `error.kind` `crash`,
//! `timeout` or `out_of_memory`.
//!
//! The wire protocol between pool and worker is private to this module: a request is the document
//! name and bytes; a response is the extracted text or an error, as JSON.

use super::{extract_bytes, Extracted, Format};
use crate::error::Error;
use crate::kinds::{ErrorKind, Warning};
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Default per-document CPU-time limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default address-space limit of a worker process (1.5 GiB).
pub const DEFAULT_MEMORY_LIMIT: u64 = 1536 * 1024 * 1024;

/// How to start workers and what they may use.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The program to run; it must call [`serve`] when given `args`.
    pub program: PathBuf,
    /// Arguments that put the program in worker mode; they must pass the CPU-time limit on to
    /// [`serve`] in [`Limits::cpu_secs`].
    pub args: Vec<OsString>,
    /// CPU-time limit per document, as the worker enforces it; used in messages.
    pub timeout: Duration,
    /// Wall-clock backstop per document: a worker stopped by something other than its own work
    /// (a stopped process, a blocked pipe) is killed after this. Make it several times `timeout`,
    /// more when there are more concurrent documents than cores. Enforced on unix, like the
    /// worker's own limits; elsewhere the pool waits for the worker.
    pub wall_timeout: Duration,
}

/// What a worker process may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// Address-space limit in bytes (unix only).
    pub memory: Option<u64>,
    /// CPU seconds per document (unix only); past them the process is ended with `SIGXCPU`,
    /// which the pool reports as `timeout`.
    pub cpu_secs: Option<u64>,
}

/// A pool of worker processes. Any number of threads may call [`WorkerPool::extract`] at once;
/// each call uses one idle worker (starting one if none is idle), so the pool grows to the number
/// of concurrent callers and no further.
#[derive(Debug)]
pub struct WorkerPool {
    config: WorkerConfig,
    idle: Mutex<Vec<Worker>>,
}

#[derive(Debug)]
struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    /// Read on the calling thread itself, not by a reader thread that hands responses over: each
    /// hand-over was one more wake-up per document, and a wake-up can land on a busy core and
    /// wait there for milliseconds while another core idles.
    stdout: BufReader<DeadlineReader>,
    stderr_tail: Arc<Mutex<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
enum Response {
    Ok {
        text: String,
        format: String,
        extractor: Option<String>,
        warnings: Vec<Warning>,
    },
    Err {
        kind: ErrorKind,
        message: String,
    },
}

impl WorkerPool {
    /// A pool that starts workers as `config` says. No process starts until the first call.
    pub fn new(config: WorkerConfig) -> WorkerPool {
        WorkerPool {
            config,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Extracts a document's text in a worker process.
    ///
    /// # Errors
    /// What extraction itself returns, or [`Error::Worker`] when the worker crashed
    /// (`crash`), ran out of memory (`out_of_memory`) or time (`timeout`), or could not be
    /// started (`io`).
    pub fn extract(&self, name: &str, bytes: &[u8]) -> Result<Extracted, Error> {
        let path = PathBuf::from(name);
        let fail = |kind: ErrorKind, message: String| Error::Worker {
            path: path.clone(),
            kind,
            message: format!("{name}: {message}"),
        };
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        let mut worker = match idle {
            Some(w) => w,
            None => Worker::start(&self.config).map_err(|e| {
                fail(
                    ErrorKind::Io,
                    format!("cannot start an extraction worker: {e}"),
                )
            })?,
        };
        if let Err(e) = worker.send(name, bytes) {
            return Err(worker.died(&fail, &e.to_string(), self.config.timeout));
        }
        worker.stdout.get_mut().deadline = Some(Instant::now() + self.config.wall_timeout);
        match read_response(&mut worker.stdout) {
            Ok(response) => {
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(worker);
                }
                response.into_result(&path)
            }
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                worker.kill();
                Err(fail(
                    ErrorKind::Timeout,
                    format!(
                        "extraction took longer than {} s of wall-clock time and was stopped",
                        self.config.wall_timeout.as_secs_f64()
                    ),
                ))
            }
            Err(e) => Err(worker.died(&fail, &e.to_string(), self.config.timeout)),
        }
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        if let Ok(mut idle) = self.idle.lock() {
            for mut w in idle.drain(..) {
                w.kill();
            }
        }
    }
}

impl Worker {
    fn start(config: &WorkerConfig) -> io::Result<Worker> {
        let mut child = Command::new(&config.program)
            .args(&config.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| io::Error::other("no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let stderr = child
            .stderr
            .take()
            .ok_or_else(|| io::Error::other("no stderr"))?;
        let stderr_tail = Arc::new(Mutex::new(String::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::Builder::new()
            .name("worker-stderr".into())
            .spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut buf = [0u8; 4096];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut t) = tail.lock() {
                        t.push_str(&String::from_utf8_lossy(&buf[..n]));
                        if t.len() > 8192 {
                            let cut = t.len() - 4096;
                            let cut = (cut..t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                            t.drain(..cut);
                        }
                    }
                }
            })?;
        Ok(Worker {
            child,
            stdin: BufWriter::new(stdin),
            stdout: BufReader::new(DeadlineReader {
                inner: stdout,
                deadline: None,
            }),
            stderr_tail,
        })
    }

    fn send(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let name = name.as_bytes();
        self.stdin.write_all(&(name.len() as u32).to_le_bytes())?;
        self.stdin.write_all(name)?;
        self.stdin.write_all(&(bytes.len() as u64).to_le_bytes())?;
        self.stdin.write_all(bytes)?;
        self.stdin.flush()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The worker went away mid-document: find out why, and turn it into the document's error.
    fn died(
        mut self,
        fail: &dyn Fn(ErrorKind, String) -> Error,
        detail: &str,
        cpu_limit: Duration,
    ) -> Error {
        let status = self.child.wait().ok();
        if status.is_some_and(ended_by_cpu_limit) {
            return fail(
                ErrorKind::Timeout,
                format!(
                    "extraction used more than {} s of CPU time and was stopped",
                    cpu_limit.as_secs_f64()
                ),
            );
        }
        // Give the stderr reader a moment to collect the last words.
        std::thread::sleep(Duration::from_millis(20));
        let tail = self
            .stderr_tail
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default();
        if tail.contains("memory allocation of") || tail.contains("out of memory") {
            return fail(
                ErrorKind::OutOfMemory,
                "extraction ran out of memory and was stopped".into(),
            );
        }
        let how = match status {
            Some(s) => describe_exit(s),
            None => detail.to_string(),
        };
        let last = tail
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| format!(" ({})", l.trim()))
            .unwrap_or_default();
        fail(
            ErrorKind::Crash,
            format!("the PDF parser crashed on this file: {how}{last}"),
        )
    }
}

impl Response {
    fn into_result(self, path: &Path) -> Result<Extracted, Error> {
        match self {
            Response::Ok {
                text,
                format,
                extractor,
                warnings,
            } => Ok(Extracted {
                text,
                format: match format.as_str() {
                    "pdf" => Format::Pdf,
                    "docx" => Format::Docx,
                    "odt" => Format::Odt,
                    "html" => Format::Html,
                    _ => Format::Text,
                },
                extractor: extractor.and_then(|e| super::engine_name(&e)),
                warnings,
            }),
            Response::Err { kind, message } => Err(Error::Worker {
                path: path.to_path_buf(),
                kind,
                message,
            }),
        }
    }
}

#[cfg(unix)]
fn ended_by_cpu_limit(status: std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(libc::SIGXCPU)
}

#[cfg(not(unix))]
fn ended_by_cpu_limit(_status: std::process::ExitStatus) -> bool {
    false
}

#[cfg(unix)]
fn describe_exit(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(libc::SIGSEGV) => "segmentation fault".into(),
        Some(libc::SIGABRT) => "aborted (stack overflow or failed assertion)".into(),
        Some(libc::SIGKILL) => "killed".into(),
        Some(sig) => format!("killed by signal {sig}"),
        None => format!("exited with {status}"),
    }
}

#[cfg(not(unix))]
fn describe_exit(status: std::process::ExitStatus) -> String {
    format!("exited with {status}")
}

/// A worker's stdout that gives up with [`io::ErrorKind::TimedOut`] once `deadline` has passed
/// without data (unix; elsewhere reads simply block).
#[derive(Debug)]
struct DeadlineReader {
    inner: ChildStdout,
    deadline: Option<Instant>,
}

impl Read for DeadlineReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        if let Some(deadline) = self.deadline {
            wait_readable(&self.inner, deadline)?;
        }
        self.inner.read(buf)
    }
}

/// Waits until `fd` has data (or end of file) to read, or `deadline` passes.
#[cfg(unix)]
fn wait_readable(fd: &impl std::os::fd::AsRawFd, deadline: Instant) -> io::Result<()> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let mut poll = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // Rounded up, so that a wait never ends just before the deadline and spins.
        let ms = i32::try_from(left.as_millis() + 1).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd, for the duration of the call.
        match unsafe { libc::poll(&mut poll, 1, ms) } {
            n if n > 0 => return Ok(()),
            0 => {}
            _ => {
                let e = io::Error::last_os_error();
                if e.kind() != io::ErrorKind::Interrupted {
                    return Err(e);
                }
            }
        }
    }
}

fn read_response(r: &mut impl Read) -> io::Result<Response> {
    let mut len = [0u8; 8];
    r.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    let mut body = Vec::with_capacity(len.min(1 << 26) as usize);
    r.take(len).read_to_end(&mut body)?;
    serde_json::from_slice(&body).map_err(io::Error::other)
}

/// Worker side: answers extraction requests on `input` until it closes.
///
/// Call this from your program's worker mode (the `resumescan` binary does in its hidden
/// `__worker` command). `limits.memory` caps the process's address space (unix only), so a
/// decompression bomb ends this process with an allocation failure instead of exhausting the
/// machine; the pool reports that as `out_of_memory`. `limits.cpu_secs` bounds the CPU time of
/// each document, reported as `timeout`.
///
/// # Errors
/// I/O errors on `input` or `output`; a clean end of `input` returns `Ok`.
pub fn serve(input: impl Read + Send, output: impl Write + Send, limits: Limits) -> io::Result<()> {
    if let Some(limit) = limits.memory {
        set_memory_limit(limit);
    }
    keep_freed_memory();
    super::guard::with_big_stack(move || answer(input, output, limits))?
}

/// Tells the allocator to keep what a document freed for the next one: by default it hands
/// large blocks and the top of each heap back to the system as soon as they are free, and the
/// next document faults the same pages in again, which costs a small PDF as much as parsing it.
/// The memory limit still bounds what a worker holds.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; called before the extraction thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 8 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 32 << 20);
    }
}

/// The request loop of [`serve`], on the extraction thread.
fn answer(input: impl Read, output: impl Write, limits: Limits) -> io::Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    loop {
        let mut len = [0u8; 4];
        match input.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        let mut name = vec![0u8; u32::from_le_bytes(len) as usize];
        input.read_exact(&mut name)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        let mut len = [0u8; 8];
        input.read_exact(&mut len)?;
        let mut bytes = Vec::new();
        (&mut input)
            .take(u64::from_le_bytes(len))
            .read_to_end(&mut bytes)?;
        if let Some(secs) = limits.cpu_secs {
            allow_cpu_seconds(secs);
        }
        let outcome = std::panic::catch_unwind(|| extract_bytes(Path::new(&name), &bytes));
        let response = match outcome {
            Ok(Ok(x)) => Response::Ok {
                text: x.text,
                format: x.format.name().to_string(),
                extractor: x.extractor.map(str::to_string),
                warnings: x.warnings,
            },
            Ok(Err(e)) => Response::Err {
                kind: e.kind(),
                message: e.to_string(),
            },
            Err(_) => Response::Err {
                kind: ErrorKind::Panic,
                message: format!("{name}: the document reader crashed on this file"),
            },
        };
        let body = serde_json::to_vec(&response).map_err(io::Error::other)?;
        output.write_all(&(body.len() as u64).to_le_bytes())?;
        output.write_all(&body)?;
        output.flush()?;
    }
}

#[cfg(unix)]
fn set_memory_limit(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the old limit in place,
    // which is safe (the pool's timeout still applies).
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn set_memory_limit(_bytes: u64) {}

/// Lets this process use `secs` more seconds of CPU time from now: the soft `RLIMIT_CPU` is set
/// to the time used so far plus `secs` (rounded up), so the kernel ends the process with
/// `SIGXCPU` if the next document takes longer. The hard limit is left alone, so the next
/// document can raise the soft one again.
#[cfg(unix)]
fn allow_cpu_seconds(secs: u64) {
    // SAFETY: getrusage and getrlimit/setrlimit only write/read the structs we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = usage.ru_utime.tv_sec as u64
            + usage.ru_stime.tv_sec as u64
            + u64::from(usage.ru_utime.tv_usec > 0 || usage.ru_stime.tv_usec > 0)
            + 1;
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CPU, &mut limit) != 0 {
            return;
        }
        let wanted = used.saturating_add(secs) as libc::rlim_t;
        limit.rlim_cur = if limit.rlim_max == libc::RLIM_INFINITY {
            wanted
        } else {
            wanted.min(limit.rlim_max)
        };
        libc::setrlimit(libc::RLIMIT_CPU, &limit);
    }
}

#[cfg(not(unix))]
fn allow_cpu_seconds(_secs: u64) {}
