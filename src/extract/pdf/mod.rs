//! PDF text extraction: several engines, tried in turn behind a quality gate.
//!
//! No PDF engine reads every file well. Each engine's text goes through [`assess`]; a result that
//! fails it (too few words for the pages, words split into fragments, unreadable characters,
//! `(cid:NN)` codes, one letter per line) sends the file to the next engine of [`engine_order`].
//! When every engine fails the gate the best result is kept and the caller warns about it. The
//! order comes from measurements on real CVs, recorded in the README's "PDF extraction" section.

mod engines;
mod quality;
mod repair;

pub use quality::{assess, Problem, Quality, MIN_WORDS_PER_PAGE};

use super::guard;
use crate::error::Error;
use engines::{Failure, Raw};
use std::path::Path;

/// A PDF text engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// The `pdf_oxide` crate.
    PdfOxide,
    /// The `lopdf` crate's own text extraction.
    Lopdf,
    /// The `pdf-extract` crate.
    PdfExtract,
}

/// The engines in the order they are tried: pdf_oxide reads the most fonts correctly and repairs
/// broken files; lopdf is the fastest; pdf-extract mends some text the other two split apart.
pub const ENGINE_ORDER: &[Engine] = &[Engine::PdfOxide, Engine::Lopdf, Engine::PdfExtract];

/// The order for PDFs written by wkhtmltopdf (Qt): pdf_oxide splits words inside their glyph runs
/// ("roboti cs"), which the gate cannot see, while lopdf reads them as pdftotext does.
const WKHTMLTOPDF_ORDER: &[Engine] = &[Engine::Lopdf, Engine::PdfOxide, Engine::PdfExtract];

/// The engines to try on this PDF, in order: [`ENGINE_ORDER`], except for PDFs whose metadata
/// says wkhtmltopdf made them (a byte search for the name in ASCII or UTF-16; compressed or
/// encrypted metadata is missed, and those files get the default order).
pub fn engine_order(bytes: &[u8]) -> &'static [Engine] {
    const ASCII: &[u8] = b"wkhtmltopdf";
    const UTF16: &[u8] = b"w\0k\0h\0t\0m\0l\0t\0o\0p\0d\0f";
    let has = |mark: &[u8]| bytes.windows(mark.len()).any(|w| w == mark);
    if has(ASCII) || has(UTF16) {
        WKHTMLTOPDF_ORDER
    } else {
        ENGINE_ORDER
    }
}

impl Engine {
    /// Every engine, in [`ENGINE_ORDER`].
    pub fn all() -> &'static [Engine] {
        ENGINE_ORDER
    }

    /// The name used in reports (`extractor`).
    pub fn name(self) -> &'static str {
        match self {
            Engine::PdfOxide => "pdf_oxide",
            Engine::Lopdf => "lopdf",
            Engine::PdfExtract => "pdf-extract",
        }
    }

    /// The engine called `name` (as [`Self::name`] spells it).
    pub fn from_name(name: &str) -> Option<Engine> {
        ENGINE_ORDER.iter().copied().find(|e| e.name() == name)
    }

    /// Whether the engine is worth trying after the engines before it found no text or failed.
    /// pdf-extract is tried only to mend text the others did read badly (split words): across
    /// the torture corpus it never read a file that pdf_oxide and lopdf both found empty or
    /// unreadable, and on such hostile files it is the engine that aborts (a self-drawing form)
    /// or takes 17 s and 2 GB (a Flate bomb).
    fn reads_what_others_cannot(self) -> bool {
        !matches!(self, Engine::PdfExtract)
    }

    fn run(self, bytes: &[u8]) -> Result<Raw, Failure> {
        match self {
            Engine::PdfOxide => engines::pdf_oxide(bytes),
            Engine::Lopdf => engines::lopdf(bytes),
            Engine::PdfExtract => engines::pdf_extract(bytes),
        }
    }
}

/// The text one engine got out of a PDF, with the gate's verdict on it.
#[derive(Debug, Clone)]
pub struct PdfText {
    /// The engine that produced the text.
    pub engine: Engine,
    /// The raw text, page after page, before normalization.
    pub text: String,
    /// What the quality gate measured; `quality.passed()` says whether the text can be trusted.
    pub quality: Quality,
}

/// Extracts text with one engine only, guarded: a panic becomes [`Error::Panic`].
///
/// # Errors
/// [`Error::Encrypted`] for a document that needs a password, [`Error::Parse`] when the engine
/// cannot read it, [`Error::Panic`] when the engine panicked.
pub fn extract_with(engine: Engine, path: &Path, bytes: &[u8]) -> Result<PdfText, Error> {
    guard::on_big_stack(path, "pdf", || attempt(engine, path, bytes))
}

/// Extracts text with the engines of [`engine_order`], stopping at the first result that passes
/// the quality gate. When none passes, the result with the most usable text is returned (its
/// `quality` says what is wrong with it). pdf-extract, which mends split words but never read a
/// file the others could not, is skipped once the engines before it found no text.
///
/// # Errors
/// [`Error::Encrypted`] as soon as an engine finds a password is needed (before any engine read
/// text). When no engine produced
/// a single word and some engine failed (a damaged file rather than a scan): [`Error::Panic`]
/// if every failing engine panicked, else [`Error::Parse`], with every failing engine's
/// message.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<PdfText, Error> {
    extract_in_order(engine_order(bytes), path, bytes)
}

/// As [`extract`], with the engines tried in the order given.
///
/// # Errors
/// As [`extract`]; an empty `engines` gives [`Error::Parse`].
pub fn extract_in_order(engines: &[Engine], path: &Path, bytes: &[u8]) -> Result<PdfText, Error> {
    guard::on_big_stack(path, "pdf", || {
        let mut best: Option<PdfText> = None;
        let mut errors: Vec<(Engine, Error)> = Vec::new();
        for (i, &engine) in engines.iter().enumerate() {
            let found_text = best
                .as_ref()
                .is_some_and(|b| b.quality.problem != Some(Problem::NearlyEmpty));
            if i > 0 && !found_text && !engine.reads_what_others_cannot() {
                continue;
            }
            match attempt(engine, path, bytes) {
                Ok(text) if text.quality.passed() => return Ok(text),
                Ok(text) => {
                    if best
                        .as_ref()
                        .is_none_or(|b| text.quality.usable() > b.quality.usable())
                    {
                        best = Some(text);
                    }
                }
                // A password stops the search, unless an engine already read text: then this
                // engine is wrong about the file, not the others.
                Err(e @ Error::Encrypted { .. }) if !found_text => return Err(e),
                Err(e) => errors.push((engine, e)),
            }
        }
        match best {
            // No text at all from a file that is cut short or that an engine could not read: a
            // damaged file (a truncated download, say) is an error, not a scan.
            Some(b) if b.quality.words == 0 && (truncated(bytes) || !errors.is_empty()) => {
                if truncated(bytes) {
                    errors.insert(
                        0,
                        (
                            b.engine,
                            Error::Parse {
                                path: path.to_path_buf(),
                                format: "pdf",
                                message: "the file is cut short (no %%EOF at its end)".into(),
                            },
                        ),
                    );
                }
                Err(combine(path, errors))
            }
            Some(b) => Ok(b),
            None => Err(combine(path, errors)),
        }
    })
}

/// A PDF ends with `%%EOF` (possibly followed by a little junk); one without it was cut short.
fn truncated(bytes: &[u8]) -> bool {
    const EOF: &[u8] = b"%%EOF";
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    !tail.windows(EOF.len()).any(|w| w == EOF)
}

/// Runs one engine, catching its panic; call it on a big stack.
fn attempt(engine: Engine, path: &Path, bytes: &[u8]) -> Result<PdfText, Error> {
    let failure = |message: String| Error::Parse {
        path: path.to_path_buf(),
        format: "pdf",
        message: format!("{}: {message}", engine.name()),
    };
    match guard::catching(|| engine.run(bytes)) {
        Ok(Ok(raw)) => {
            let text = repair::repair(&raw.text);
            Ok(PdfText {
                engine,
                quality: assess(&text, raw.pages),
                text,
            })
        }
        Ok(Err(Failure::Encrypted)) => Err(Error::Encrypted {
            path: path.to_path_buf(),
        }),
        Ok(Err(Failure::Failed(message))) => Err(failure(message)),
        Err(panic) => Err(Error::Panic {
            path: path.to_path_buf(),
            format: "pdf",
            message: format!("{}: {panic}", engine.name()),
        }),
    }
}

/// One error for a file no engine could read, naming what each engine said.
fn combine(path: &Path, errors: Vec<(Engine, Error)>) -> Error {
    let all_panicked =
        !errors.is_empty() && errors.iter().all(|(_, e)| matches!(e, Error::Panic { .. }));
    let message = errors
        .into_iter()
        .map(|(engine, e)| match e {
            Error::Parse { message, .. } => message,
            Error::Panic { message, .. } if all_panicked => message,
            Error::Panic { message, .. } => format!("{message} (panic)"),
            other => format!("{}: {other}", engine.name()),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let message = if message.is_empty() {
        "no engine was tried".to_string()
    } else {
        message
    };
    if all_panicked {
        Error::Panic {
            path: path.to_path_buf(),
            format: "pdf",
            message,
        }
    } else {
        Error::Parse {
            path: path.to_path_buf(),
            format: "pdf",
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wkhtmltopdf_files_start_with_lopdf() {
        let utf16 = b"/Creator (\xFE\xFF\0w\0k\0h\0t\0m\0l\0t\0o\0p\0d\0f)";
        assert_eq!(engine_order(utf16)[0], Engine::Lopdf);
        assert_eq!(
            engine_order(b"/Creator (wkhtmltopdf 0.12.4)")[0],
            Engine::Lopdf
        );
        assert_eq!(engine_order(b"/Producer (Skia/PDF m120)"), ENGINE_ORDER);
    }

    const SAMPLE: &[u8] = include_bytes!("../../../samples/resumes/pdf/go-backend.pdf");

    #[test]
    fn a_good_pdf_is_read_by_the_first_engine() {
        let text = extract(Path::new("go-backend.pdf"), SAMPLE).unwrap();
        assert_eq!(text.engine, ENGINE_ORDER[0]);
        assert!(text.quality.passed(), "{:?}", text.quality);
        assert!(text.text.contains("Kubernetes"));
    }

    #[test]
    fn a_cut_short_pdf_without_text_is_an_error_not_a_scan() {
        assert!(!truncated(SAMPLE));
        let half = &SAMPLE[..SAMPLE.len() / 2];
        assert!(truncated(half));
        match extract(Path::new("half.pdf"), half) {
            Err(Error::Parse { message, .. }) => assert!(message.contains("%%EOF"), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn engine_names_round_trip() {
        for &engine in Engine::all() {
            assert_eq!(Engine::from_name(engine.name()), Some(engine));
        }
        assert_eq!(Engine::from_name("pdfium"), None);
    }

    #[test]
    fn garbage_is_a_parse_error_naming_the_engines_tried() {
        let path = Path::new("bad.pdf");
        let garbage = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog";
        match extract(path, garbage) {
            Err(Error::Parse { message, .. }) => {
                assert!(message.contains("pdf_oxide: "), "{message}");
                assert!(message.contains("lopdf: "), "{message}");
                // Once the others found nothing, pdf-extract is not tried.
                assert!(!message.contains("pdf-extract"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        match extract_with(Engine::PdfExtract, path, garbage) {
            Err(Error::Parse { message, .. }) => assert!(message.starts_with("pdf-extract: ")),
            other => panic!("{other:?}"),
        }
    }
}
