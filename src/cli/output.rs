//! Where the report goes: stdout, or a file written atomically.

use super::cleanup;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A report destination.
///
/// For a regular file (new or existing), bytes go to a temporary file created securely
/// (`O_EXCL`, a random name, owner-only until done) in the same folder, which is renamed over
/// the target only on [`Sink::finish`], so a crash never leaves half a report; an existing file
/// keeps its permissions, and a symbolic link to a file stays a link (its target is replaced).
/// A target that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written directly.
pub struct Sink {
    out: Box<dyn Write>,
    /// The temporary file and the path it replaces, when writing to a regular file.
    pending: Option<(io::BufWriter<tempfile::NamedTempFile>, PathBuf)>,
}

impl Sink {
    pub fn open(output: Option<&Path>) -> io::Result<Sink> {
        let Some(target) = output else {
            return Ok(Sink {
                out: Box::new(io::BufWriter::new(io::stdout())),
                pending: None,
            });
        };
        let existing = match std::fs::metadata(target) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if let Some(meta) = &existing {
            if meta.is_dir() {
                return Err(io::Error::other("is a directory"));
            }
            if !meta.is_file() {
                // A device or FIFO: there is nothing to replace atomically.
                let file = std::fs::OpenOptions::new().write(true).open(target)?;
                return Ok(Sink {
                    out: Box::new(io::BufWriter::new(file)),
                    pending: None,
                });
            }
        }
        // Replace what a symbolic link points to, not the link.
        let real = if existing.is_some() {
            std::fs::canonicalize(target)?
        } else {
            target.to_path_buf()
        };
        let dir = real
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".resumescan-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        cleanup::register(tmp.path());
        let sink = Sink {
            out: Box::new(io::sink()),
            pending: Some((io::BufWriter::new(tmp), real)),
        };
        if let (Some((file, _)), Some(permissions)) =
            (&sink.pending, permissions_for(existing.as_ref()))
        {
            file.get_ref().as_file().set_permissions(permissions)?;
        }
        Ok(sink)
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match &mut self.pending {
            Some((file, _)) => file,
            None => &mut self.out,
        }
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()?;
        if let Some((file, target)) = self.pending.take() {
            let tmp = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            let tmp_path = tmp.path().to_path_buf();
            let result = tmp.persist(&target).map_err(|e| e.error);
            cleanup::unregister(&tmp_path);
            result?;
        }
        Ok(())
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        // Only reached without `finish` (an error): the temporary file removes itself.
        if let Some((file, _)) = self.pending.take() {
            cleanup::unregister(file.get_ref().path());
        }
    }
}

/// The permissions of the report file: those of the file it replaces, or the usual ones for a new
/// file (read-write for everyone, less the umask).
#[cfg(unix)]
fn permissions_for(existing: Option<&std::fs::Metadata>) -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(match existing {
        Some(meta) => meta.permissions(),
        None => std::fs::Permissions::from_mode(0o666 & !umask()),
    })
}

#[cfg(not(unix))]
fn permissions_for(existing: Option<&std::fs::Metadata>) -> Option<std::fs::Permissions> {
    existing.map(std::fs::Metadata::permissions)
}

/// The process's umask, read from `/proc` where it can be (reading it by setting it would race
/// with threads creating files).
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// True when an I/O error means the reader went away (`| head`): we stop quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}
