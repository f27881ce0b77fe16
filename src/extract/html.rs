//! HTML resumes: saved web pages and the exports of online CV builders.
//!
//! The page is decoded like plain text (UTF-8, UTF-16 with BOM, else Windows-1252), then parsed
//! by html5ever through the `html2text` crate, which drops scripts, styles and markup and keeps
//! the text in reading order. Tables are read cell by cell (`raw_mode`): CV templates lay out
//! two columns as a table, and a row-wise rendering would glue the columns together.

use super::{guard, plain};
use crate::error::Error;
use std::path::Path;

/// Largest HTML page parsed, in bytes: an HTML resume is tens of kilobytes; the parser and
/// renderer need many times a page's size in memory, so an 18 MB page would not fit a worker.
pub(super) const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// Deepest element nesting parsed: real pages nest a few dozen levels; the renderer's time grows
/// with the square of the depth (100,000 nested `<div>`s take minutes).
pub(super) const MAX_HTML_DEPTH: usize = 512;

/// Line width for the renderer: wide enough that it never wraps a paragraph, so line breaks are
/// the document's own.
const NO_WRAP: usize = 100_000;

/// The visible text of an HTML document.
///
/// # Errors
/// [`Error::Parse`] when the bytes are no text or the page cannot be rendered, [`Error::Panic`]
/// when the parser panics.
pub(super) fn extract(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let parse_error = |message: String| Error::Parse {
        path: path.to_path_buf(),
        format: "html",
        message,
    };
    if bytes.len() > MAX_HTML_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_HTML_BYTES as u64,
        });
    }
    let text =
        plain::decode(bytes).ok_or_else(|| parse_error("binary data in an HTML file".into()))?;
    let depth = nesting_depth(&text);
    if depth > MAX_HTML_DEPTH {
        return Err(parse_error(format!(
            "elements nested more than {MAX_HTML_DEPTH} deep (a generated or hostile page)"
        )));
    }
    guard::on_big_stack(path, "html", || {
        // The trivial decorator adds nothing: no "[link]" brackets, "#" headings or "*" bullets.
        html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
            .raw_mode(true)
            .allow_width_overflow()
            .string_from_read(text.as_bytes(), NO_WRAP)
            .map_err(|e| parse_error(e.to_string()))
    })
}

/// Elements whose end tag may be left out or that have none: they do not nest in practice.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input", "li",
    "link", "meta", "option", "p", "param", "source", "tbody", "td", "tfoot", "th", "thead", "tr",
    "track", "wbr", "!doctype",
];

/// An upper estimate of how deep elements nest, read off the tags without parsing: each start tag
/// of a nesting element opens a level, each end tag closes one, self-closing tags and comments
/// count for nothing. Linear in the page's length.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + found + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            i = match memchr::memmem::find(rest, b"-->") {
                Some(end) => at + end + 3,
                None => return deepest,
            };
            continue;
        }
        let end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e);
        let tag = &rest[..end];
        i = (at + end).min(bytes.len());
        if let Some(name) = tag.strip_prefix(b"/") {
            if !not_nesting(name) {
                depth = depth.saturating_sub(1);
            }
        } else if tag.first().is_some_and(u8::is_ascii_alphabetic)
            && !tag.ends_with(b"/")
            && !not_nesting(tag)
        {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn not_nesting(tag: &[u8]) -> bool {
    let name_len = tag
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'!'))
        .unwrap_or(tag.len());
    let name = tag[..name_len].to_ascii_lowercase();
    NOT_NESTING.iter().any(|n| n.as_bytes() == name.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        extract(Path::new("cv.html"), html.as_bytes()).unwrap()
    }

    #[test]
    fn visible_text_is_kept_and_markup_scripts_and_styles_dropped() {
        let text = text_of(
            "<!DOCTYPE html><html><head><title>CV</title><style>.go{color:red}</style>\
             <script>var java = 1;</script></head><body>\
             <h1>Jane Doe</h1><p>Back-end engineer: <b>Go</b> &amp; <a href=\"https://x\">PostgreSQL</a></p>\
             <ul><li>Kafka</li><li>Kubernetes</li></ul></body></html>",
        );
        for want in ["Jane Doe", "Go & PostgreSQL", "Kafka", "Kubernetes"] {
            assert!(text.contains(want), "{want:?} missing from {text:?}");
        }
        assert!(!text.contains("var java"), "{text:?}");
        assert!(!text.contains("color"), "{text:?}");
        assert!(!text.contains("https://x"), "{text:?}");
    }

    #[test]
    fn table_columns_are_not_glued_together() {
        let text = text_of(
            "<html><body><table><tr><td>Skills<br>Spring Boot</td>\
             <td>Experience<br>Acme Corp</td></tr></table></body></html>",
        );
        assert!(
            !text.contains("Boot Acme") && !text.contains("BootAcme"),
            "{text:?}"
        );
        assert!(text.contains("Spring Boot"), "{text:?}");
    }

    #[test]
    fn windows_1252_pages_are_decoded() {
        let text = text_of_bytes(b"<html><body>Caf\xE9 &#8211; Python</body></html>");
        assert!(text.contains("Café – Python"), "{text:?}");
    }

    #[test]
    fn deep_nesting_and_huge_pages_are_refused_before_parsing() {
        let deep = format!(
            "<html><body>{}Go{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let err = extract(Path::new("deep.html"), deep.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), "parse", "{err}");
        assert!(err.to_string().contains("nested"), "{err}");
        // Lists, paragraphs and table cells that are never closed do not count as nesting.
        let loose = format!(
            "<html><body><ul>{}</ul><table>{}</table></body></html>",
            "<li><p>Go".repeat(2000),
            "<tr><td>x".repeat(2000)
        );
        assert!(nesting_depth(&loose) < 10, "{}", nesting_depth(&loose));
        assert!(extract(Path::new("loose.html"), loose.as_bytes()).is_ok());
        let huge = format!(
            "<html><body>{}</body></html>",
            "<p>Go and Rust</p>".repeat(300_000)
        );
        let err = extract(Path::new("huge.html"), huge.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), "too_large", "{err}");
    }

    fn text_of_bytes(bytes: &[u8]) -> String {
        extract(Path::new("cv.html"), bytes).unwrap()
    }
}
