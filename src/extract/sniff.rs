//! Telling a document's format from its first bytes: the extension is only a hint.

use std::borrow::Cow;

/// What a document's bytes look like.
pub(super) enum Sniffed {
    Pdf,
    Zip,
    Html,
    Other,
}

/// The format `bytes` look like.
pub(super) fn sniff(bytes: &[u8]) -> Sniffed {
    // The PDF header may be preceded by junk; readers accept it within the first 1 KiB.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else if looks_like_html(bytes) {
        Sniffed::Html
    } else {
        Sniffed::Other
    }
}

/// True when the content starts like an HTML document (after a byte-order mark, white space, an
/// XML declaration or comments). The extension is not trusted: `.html` files are often text.
pub(super) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text: Cow<str> = match head {
        [0xFF, 0xFE, rest @ ..] => encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0,
        [0xFE, 0xFF, rest @ ..] => encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0,
        _ => String::from_utf8_lossy(head),
    };
    let start = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    let opens = |tag: &str| start.starts_with(tag);
    opens("<!doctype html")
        || opens("<html")
        || ((opens("<?xml") || opens("<!--")) && start.contains("<html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_text_by_its_start() {
        assert!(looks_like_html(
            b"<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html(b"\xEF\xBB\xBF\n  <html lang=\"en\">"));
        assert!(looks_like_html(b"<!-- saved from url -->\n<html>"));
        assert!(looks_like_html(b"\xFF\xFE<\0h\0t\0m\0l\0>\0"));
        assert!(!looks_like_html(b"Jane Doe\nSkills: <b>Go</b>"));
        assert!(!looks_like_html(b"<note>an XML file</note>"));
    }
}
