//! Running third-party parsers so that their panics become errors.
//!
//! Every PDF engine panics on some malformed file (pdf-extract on purpose, see its issue #47), and
//! deeply nested documents (PDF or HTML) recurse deeply, so parsers run on a thread with a large
//! stack and each call is wrapped in `catch_unwind`. A stack overflow still aborts the process;
//! only a separate process contains that.

// A build without the PDF and HTML readers (cargo features) runs no third-party parser.
#![cfg_attr(not(any(feature = "pdf", feature = "html")), allow(dead_code))]

use crate::error::Error;
use std::any::Any;
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Name of the threads parsers run on, as panic messages show it. A program that installs its own
/// panic hook can stay quiet for panics on these threads: they are caught and reported as
/// [`Error::Panic`].
pub const THREAD_NAME: &str = "resumescan-extract";

/// Stack for the extraction thread: deeply nested documents recurse deeply. pdf_oxide needs about
/// 700 bytes per level of nested arrays in a content stream, so 100 000 levels overflow 64 MiB
/// and fit in 80 MiB. The stack is only reserved address space until it is touched.
pub(crate) const STACK_SIZE: usize = 128 * 1024 * 1024;

thread_local! {
    /// Set on the thread [`with_big_stack`] starts: parsers called there run in place.
    static ON_BIG_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Runs `job` on one thread with the large stack parsers need, on which every extraction `job`
/// calls runs in place instead of on a thread of its own, and waits for it. For a program that
/// extracts document after document in a loop: a fresh thread for each would map a new stack and
/// fault its pages in every time, a good part of a small PDF's cost. The worker processes and a
/// batch's threads run this way already.
///
/// # Errors
/// When the thread cannot be started; a panic of `job` itself is passed on.
pub fn with_big_stack<T: Send>(job: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let worker = parser_thread().spawn_scoped(scope, move || {
            mark_big_stack();
            job()
        })?;
        Ok(worker
            .join()
            .unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
    })
}

/// Marks the calling thread, started with a stack of [`STACK_SIZE`], as one parsers may run on
/// in place (see [`with_big_stack`]).
pub(crate) fn mark_big_stack() {
    ON_BIG_STACK.set(true);
}

/// Runs `job` on a thread with a large stack (a fresh one, unless this is already one, see
/// [`with_big_stack`]) and waits for it; a panic becomes [`Error::Panic`] for `format`.
pub(crate) fn on_big_stack<T: Send>(
    path: &Path,
    format: &'static str,
    job: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    let panicked = |payload: Box<dyn Any + Send>| Error::Panic {
        path: path.to_path_buf(),
        format,
        message: panic_message(payload.as_ref()),
    };
    if ON_BIG_STACK.get() {
        return catch_unwind(AssertUnwindSafe(job))
            .unwrap_or_else(|payload| Err(panicked(payload)));
    }
    std::thread::scope(|scope| {
        let worker = parser_thread()
            .spawn_scoped(scope, move || catch_unwind(AssertUnwindSafe(job)))
            .map_err(|e| Error::Io {
                path: path.to_path_buf(),
                source: e,
            })?;
        match worker.join() {
            Ok(Ok(result)) => result,
            Ok(Err(payload)) | Err(payload) => Err(panicked(payload)),
        }
    })
}

/// A thread as parsers need it: named for panic hooks, with the large stack.
fn parser_thread() -> std::thread::Builder {
    std::thread::Builder::new()
        .name(THREAD_NAME.into())
        .stack_size(STACK_SIZE)
}

/// Calls `job`, turning a panic into `Err` with the panic's first line.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn catching<T>(job: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(job)).map_err(|payload| panic_message(payload.as_ref()))
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    message.lines().next().unwrap_or("").to_string()
}
