//! Where the report goes: stdout, or a file written atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A report destination. For a file, bytes go to a temporary file in the same directory that is
/// renamed over the target only on [`Sink::finish`], so a crash never leaves half a report.
pub struct Sink {
    out: Box<dyn Write>,
    /// (temporary file, target) when writing to a file.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Sink {
    pub fn open(output: Option<&Path>) -> io::Result<Sink> {
        match output {
            None => Ok(Sink {
                out: Box::new(io::BufWriter::new(io::stdout())),
                rename: None,
            }),
            Some(target) => {
                let dir = target
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "report".into());
                let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
                let file = std::fs::File::create(&tmp)?;
                Ok(Sink {
                    out: Box::new(io::BufWriter::new(file)),
                    rename: Some((tmp, target.to_path_buf())),
                })
            }
        }
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()?;
        // Close the file before renaming it.
        self.out = Box::new(io::sink());
        if let Some((tmp, target)) = self.rename.take() {
            std::fs::rename(&tmp, &target)?;
        }
        Ok(())
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.rename.take() {
            // Only reached without `finish` (an error): leave no temporary file behind.
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// True when an I/O error means the reader went away (`| head`): we stop quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
