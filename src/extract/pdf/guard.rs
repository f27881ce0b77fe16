//! Running PDF engines so that their panics become errors.
//!
//! Every engine panics on some malformed file (pdf-extract on purpose, see its issue #47), and
//! deeply nested documents recurse deeply, so engines run on a thread with a large stack and each
//! call is wrapped in `catch_unwind`. A stack overflow still aborts the process; only a separate
//! process contains that.

use crate::error::Error;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Name of the threads PDF engines run on. The CLI's panic hook stays quiet for panics on threads
/// of this name, because they are caught and reported as document errors.
pub const THREAD_NAME: &str = "pdf-extract";

/// Stack for the extraction thread: deeply nested PDFs recurse deeply. pdf_oxide needs about
/// 700 bytes per level of nested arrays in a content stream, so 100 000 levels overflow 64 MiB
/// and fit in 80 MiB. The stack is only reserved address space until it is touched.
const STACK_SIZE: usize = 128 * 1024 * 1024;

/// Runs `job` on a fresh thread with a large stack and waits for it.
pub(super) fn on_big_stack<T: Send>(
    path: &Path,
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
                format: "pdf",
                message: panic_message(payload.as_ref()),
            }),
        }
    })
}

/// Calls `job`, turning a panic into `Err` with the panic's first line.
pub(super) fn catching<T>(job: impl FnOnce() -> T) -> Result<T, String> {
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
