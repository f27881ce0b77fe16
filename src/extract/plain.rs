//! Plain-text decoding: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 fallback.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes text bytes; `None` when the bytes are binary data rather than text.
pub(super) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return looks_like_text(&text).then(|| text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return looks_like_text(text).then(|| text.to_string());
    }
    // Not UTF-8: legacy single-byte text is far more common in resumes than anything else.
    if bytes.contains(&0) {
        return None;
    }
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    let _ = UTF_8;
    looks_like_text(&text).then(|| text.into_owned())
}

/// Text has (almost) no control characters besides white space.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}')) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    control == 0 || control * 100 < total
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_boms_and_legacy_text() {
        assert_eq!(decode(b"\xEF\xBB\xBFGo").as_deref(), Some("Go"));
        assert_eq!(decode(b"\xFF\xFEG\0o\0").as_deref(), Some("Go"));
        assert_eq!(decode(b"\xFE\xFF\0G\0o").as_deref(), Some("Go"));
        assert_eq!(decode(b"caf\xE9 \x95 Go").as_deref(), Some("café • Go"));
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(decode(b"\x00\x01\x02\x03binary\x00\x00"), None);
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 256) as u8).collect();
        assert_eq!(decode(&noise), None);
    }
}
