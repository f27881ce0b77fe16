//! The PDF text engines, each behind the same small signature.
//!
//! An engine returns the text of every page it could read and the number of pages. It does not
//! guard itself: the caller runs it on a large stack inside `catch_unwind` (see `guard.rs`).

/// What an engine produced.
#[derive(Debug, Clone)]
pub(super) struct Raw {
    /// The pages' text, one page after the other.
    pub text: String,
    /// Pages in the document, as the engine counted them.
    pub pages: usize,
}

/// Why an engine produced nothing.
#[derive(Debug)]
pub(super) enum Failure {
    /// The document needs a password that is not the empty one.
    Encrypted,
    /// Anything else; the engine's own message.
    Failed(String),
}

/// pdf_oxide: the most tolerant parser (it rebuilds broken cross-reference tables) and the best
/// word boundaries of the pure-Rust engines.
pub(super) fn pdf_oxide(bytes: &[u8]) -> Result<Raw, Failure> {
    use pdf_oxide::error::Error as OxideError;
    let oxide = |e: OxideError| match e {
        OxideError::EncryptedPdf => Failure::Encrypted,
        other => Failure::Failed(other.to_string()),
    };
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(oxide)?;
    // Opening tries the empty user password by itself; a document that still refuses it needs a
    // real one.
    if doc.is_encrypted() && !doc.authenticate(b"").map_err(oxide)? {
        return Err(Failure::Encrypted);
    }
    let pages = doc.page_count().map_err(oxide)?;
    pages_to_raw(
        pages,
        (0..pages).map(|i| doc.extract_text(i).map_err(oxide)),
    )
}

/// lopdf 0.47: the fastest, and it never panicked in our measurements, but its word spacing is
/// basic and it drops text on some fonts.
pub(super) fn lopdf(bytes: &[u8]) -> Result<Raw, Failure> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => Failure::Encrypted,
        other => Failure::Failed(other.to_string()),
    })?;
    // lopdf decrypts with the empty password while loading; when that fails it keeps the
    // `/Encrypt` entry and returns every page as empty text, so ask explicitly.
    if doc.trailer.has(b"Encrypt") && !doc.was_encrypted() {
        return Err(Failure::Encrypted);
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages_to_raw(
        numbers.len(),
        numbers.iter().map(|&n| {
            doc.extract_text(&[n])
                .map_err(|e| Failure::Failed(e.to_string()))
        }),
    )
}

/// pdf-extract: the original engine. It splits words inside kerned runs (Google Docs, Chrome) and
/// panics on some fonts, but reads some documents the others do not.
pub(super) fn pdf_extract(bytes: &[u8]) -> Result<Raw, Failure> {
    use pdf_extract::{Error as LopdfError, OutputError};
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes).map_err(|e| match e {
        OutputError::PdfError(LopdfError::Decryption(_) | LopdfError::InvalidPassword) => {
            Failure::Encrypted
        }
        other => Failure::Failed(other.to_string()),
    })?;
    Ok(Raw {
        pages: pages.len(),
        text: pages.join("\n"),
    })
}

/// Joins per-page results: a page that fails is skipped, unless every page fails.
fn pages_to_raw(
    pages: usize,
    results: impl Iterator<Item = Result<String, Failure>>,
) -> Result<Raw, Failure> {
    let mut text = String::new();
    let mut first_error = None;
    let mut read = 0usize;
    for result in results {
        match result {
            Ok(page) => {
                if read > 0 {
                    text.push('\n');
                }
                text.push_str(&page);
                read += 1;
            }
            Err(Failure::Encrypted) => return Err(Failure::Encrypted),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) if read == 0 => Err(e),
        _ => Ok(Raw { text, pages }),
    }
}
