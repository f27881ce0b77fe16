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
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Name of the threads parsers run on, as panic messages show it. A program that installs its own
/// panic hook can stay quiet for panics on these threads: they are caught and reported as
/// [`Error::Panic`].
pub const THREAD_NAME: &str = "resumescan-extract";

/// Stack for the extraction thread: deeply nested documents recurse deeply. pdf_oxide needs about
/// 700 bytes per level of nested arrays in a content stream, so 100 000 levels overflow 64 MiB
/// and fit in 80 MiB. The stack is only reserved address space until it is touched.
const STACK_SIZE: usize = 128 * 1024 * 1024;

/// Runs `job` on a fresh thread with a large stack and waits for it; a panic becomes
/// [`Error::Panic`] for `format`.
pub(crate) fn on_big_stack<T: Send>(
    path: &Path,
    format: &'static str,
    job: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || catch_unwind(AssertUnwindSafe(job)))
            .map_err(|e| Error::Io {
                path: path.to_path_buf(),
                source: e,
            })?;
        match worker.join() {
            Ok(Ok(result)) => result,
            Ok(Err(payload)) | Err(payload) => Err(Error::Panic {
                path: path.to_path_buf(),
                format,
                message: panic_message(payload.as_ref()),
            }),
        }
    })
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
