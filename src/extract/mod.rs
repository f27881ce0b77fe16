//! Getting text out of documents: format detection, PDF, Word/OpenDocument, plain text.
//!
//! The format is detected from the content (`%PDF-` magic bytes, a ZIP header); the file extension
//! is only a hint. Everything here runs in-process: a panic inside the PDF parser is caught and
//! turned into [`Error::Panic`], but a stack overflow abort, an endless loop or a memory explosion
//! inside the parser can only be contained by running extraction in a separate process.

pub(crate) mod guard;

pub use guard::with_big_stack as with_parser_stack;
pub use guard::THREAD_NAME as PARSER_THREAD_NAME;
#[cfg(feature = "html")]
mod html;
#[cfg(feature = "office")]
mod office;
#[cfg(feature = "pdf")]
#[doc(hidden)] // the engines one by one, for `resumescan text --engine` and the PDF studies
pub mod pdf;
mod plain;
mod sniff;
#[doc(hidden)] // driven through `batch::Isolation::Process`; `serve` is the worker's side
pub mod worker;

use sniff::{sniff, Sniffed};

use crate::error::Error;
use crate::kinds::Warning;
use std::path::Path;

/// Default largest file read, in bytes (20 MB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

/// A document format resumescan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PDF.
    Pdf,
    /// Plain text or Markdown, in any common encoding.
    Text,
    /// Word 2007+ (.docx).
    Docx,
    /// OpenDocument text (.odt).
    Odt,
    /// An HTML page (.html, .htm).
    Html,
}

impl Format {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
        }
    }
}

/// Text taken out of a document.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The raw text, before normalization.
    pub text: String,
    /// The format that was read.
    pub format: Format,
    /// The engine that produced the text (for PDFs).
    pub extractor: Option<&'static str>,
    /// What a reader of the report should know about the extraction, such as `garbled_text` when
    /// no PDF engine produced text that passed the quality gate.
    pub warnings: Vec<Warning>,
}

/// Extensions walked in directories (lower-case, without the dot).
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "pdf", "docx", "odt", "html", "htm", "txt", "md", "markdown", "text",
];

/// Reads a file and extracts its text, refusing files over `max_file_size` bytes up front.
///
/// # Errors
/// [`Error::Io`], [`Error::TooLarge`], and whatever [`extract_bytes`] returns.
pub fn extract_path(path: &Path, max_file_size: u64) -> Result<Extracted, Error> {
    let bytes = read_file(path, max_file_size)?;
    extract_bytes(path, &bytes)
}

/// Reads a whole file, refusing directories and files over `max_file_size` bytes.
///
/// The file is read through a reader that stops one byte past the limit, so a device, a FIFO or a
/// file that grows while it is read (`/dev/zero`, a symlink to one) is refused as too large
/// instead of filling memory; a regular file's size is checked before reading.
///
/// # Errors
/// [`Error::Io`], [`Error::TooLarge`], [`Error::UnsupportedFormat`] for a directory.
pub fn read_file(path: &Path, max_file_size: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(Error::UnsupportedFormat {
            path: path.to_path_buf(),
            detail: "is a directory".into(),
        });
    }
    let too_large = |size| Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: max_file_size,
    };
    if meta.is_file() && meta.len() > max_file_size {
        return Err(too_large(meta.len()));
    }
    let capacity = if meta.is_file() {
        meta.len()
    } else {
        64 * 1024
    };
    let mut bytes = Vec::with_capacity(capacity.min(max_file_size) as usize);
    file.take(max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_file_size {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Extracts text from a document's bytes. `path` is used for format hints and error messages.
///
/// # Errors
/// [`Error::UnsupportedFormat`] for binary data that is no document we read, [`Error::Parse`],
/// [`Error::Encrypted`] and [`Error::Panic`] for PDFs that cannot be read.
pub fn extract_bytes(path: &Path, bytes: &[u8]) -> Result<Extracted, Error> {
    match sniff(bytes) {
        Sniffed::Pdf => read_pdf(path, bytes),
        Sniffed::Zip => read_office(path, bytes),
        Sniffed::Html => read_html(path, bytes),
        Sniffed::Other => {
            // A 0-byte file is empty whatever its name, as for every other extension.
            if has_extension(path, "pdf") && !bytes.is_empty() {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    format: "pdf",
                    message: "no PDF header (%PDF-) in the file".into(),
                });
            }
            let text = plain::decode(bytes).ok_or_else(|| Error::UnsupportedFormat {
                path: path.to_path_buf(),
                detail: "binary data, not text".into(),
            })?;
            Ok(Extracted {
                text,
                format: Format::Text,
                extractor: None,
                warnings: Vec::new(),
            })
        }
    }
}

#[cfg(feature = "pdf")]
fn read_pdf(path: &Path, bytes: &[u8]) -> Result<Extracted, Error> {
    Ok(from_pdf(pdf::extract(path, bytes)?))
}

#[cfg(feature = "office")]
fn read_office(path: &Path, bytes: &[u8]) -> Result<Extracted, Error> {
    match office::extract(path, bytes)? {
        Some((kind, text)) => Ok(Extracted {
            text,
            format: match kind {
                office::OfficeKind::Docx => Format::Docx,
                office::OfficeKind::Odt => Format::Odt,
            },
            extractor: None,
            warnings: Vec::new(),
        }),
        None => Err(Error::UnsupportedFormat {
            path: path.to_path_buf(),
            detail: "a ZIP archive that is not a Word (.docx) or OpenDocument (.odt) file".into(),
        }),
    }
}

#[cfg(feature = "html")]
fn read_html(path: &Path, bytes: &[u8]) -> Result<Extracted, Error> {
    Ok(Extracted {
        text: html::extract(path, bytes)?,
        format: Format::Html,
        extractor: None,
        warnings: Vec::new(),
    })
}

/// The error for a format whose reader this build leaves out (a cargo feature that is off).
#[cfg(not(all(feature = "pdf", feature = "office", feature = "html")))]
fn not_built(path: &Path, format: &str, feature: &str) -> Error {
    Error::UnsupportedFormat {
        path: path.to_path_buf(),
        detail: format!("{format}, which this build does not read (cargo feature `{feature}`)"),
    }
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(path: &Path, _bytes: &[u8]) -> Result<Extracted, Error> {
    Err(not_built(path, "a PDF", "pdf"))
}

#[cfg(not(feature = "office"))]
fn read_office(path: &Path, _bytes: &[u8]) -> Result<Extracted, Error> {
    Err(not_built(
        path,
        "a ZIP archive (Word, OpenDocument)",
        "office",
    ))
}

#[cfg(not(feature = "html"))]
fn read_html(path: &Path, _bytes: &[u8]) -> Result<Extracted, Error> {
    Err(not_built(path, "an HTML page", "html"))
}

/// True for content that goes through a third-party parser (PDF, ZIP-based office files, HTML) and so is
/// worth isolating in a worker process; plain text is decoded by our own code.
pub fn needs_isolation(bytes: &[u8]) -> bool {
    !matches!(sniff(bytes), Sniffed::Other)
}

#[cfg(feature = "pdf")]
/// Turns the PDF engines' best text into an [`Extracted`]: text that fails the quality gate for
/// want of words is dropped (the document has no text layer), other failures become a warning.
fn from_pdf(pdf: pdf::PdfText) -> Extracted {
    let mut extracted = Extracted {
        text: pdf.text,
        format: Format::Pdf,
        extractor: Some(pdf.engine.name()),
        warnings: Vec::new(),
    };
    match pdf.quality.problem {
        None => {}
        // A few stray words on a scanned page (a header, a page number) are no resume.
        Some(pdf::Problem::NearlyEmpty) => extracted.text.clear(),
        Some(problem) => extracted.warnings.push(Warning {
            kind: crate::kinds::WarningKind::GarbledText,
            message: format!(
                "no PDF engine read this file cleanly ({}); keywords may be missed",
                problem.describe()
            ),
        }),
    }
    extracted
}

/// The static name of a known extraction engine.
pub(crate) fn engine_name(name: &str) -> Option<&'static str> {
    #[cfg(feature = "pdf")]
    return pdf::Engine::from_name(name).map(pdf::Engine::name);
    #[cfg(not(feature = "pdf"))]
    {
        let _ = name;
        None
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
