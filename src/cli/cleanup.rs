//! Temporary files and folders removed when the run is interrupted.
//!
//! `--output` writes a temporary file beside the target and `--ocr` renders pages into a private
//! folder. Both are removed on every normal path (also after errors, by their `Drop`); this module
//! covers the rest: SIGINT, SIGTERM and SIGHUP are caught by a thread that removes what is
//! registered here and then ends the process as the signal would have. SIGXFSZ (a file-size limit)
//! is ignored, so the write that crosses the limit fails with an error and the normal path cleans
//! up.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Starts the signal thread; call once, before any temporary file exists.
pub fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // SAFETY: setting a signal's disposition to "ignore" has no preconditions.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_all();
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
    }
}

/// Removes `path` (a file, or a folder and its contents) if the run is interrupted.
pub fn register(path: &Path) {
    if let Ok(mut paths) = REGISTERED.lock() {
        paths.push(path.to_path_buf());
    }
}

/// Forgets `path`: it was removed or renamed into place.
pub fn unregister(path: &Path) {
    if let Ok(mut paths) = REGISTERED.lock() {
        paths.retain(|p| p != path);
    }
}

fn remove_all() {
    if let Ok(paths) = REGISTERED.lock() {
        for path in paths.iter() {
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(path);
            } else {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}
