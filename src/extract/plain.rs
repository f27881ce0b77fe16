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
///
/// Read byte by byte: a control character (U+0000–U+001F, U+007F–U+009F) is one ASCII byte, or
/// 0xC2 then 0x80–0x9F, and U+FFFD is 0xEF 0xBF 0xBD; no other byte sequence is either.
fn looks_like_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let total = text.chars().count();
    let mut control = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        control += usize::from(match b {
            b'\n' | b'\r' | b'\t' | 0x0C => false,
            0x00..=0x1F | 0x7F => true,
            0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
            0xEF => bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]),
            _ => false,
        });
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

    /// The byte-level count agrees with counting characters.
    #[test]
    fn counts_control_characters_as_characters() {
        let by_chars = |text: &str| {
            let control = text
                .chars()
                .filter(|&c| {
                    (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
                        || c == '\u{FFFD}'
                })
                .count();
            control == 0 || control * 100 < text.chars().count()
        };
        let mut texts: Vec<String> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| {
                c.is_control()
                    || (!c.is_ascii() && c.len_utf8() <= 3 && (*c as u32).is_multiple_of(97))
            })
            .map(|c| format!("{c}"))
            .collect();
        texts.push("\u{FFFD}".into());
        texts.push("é€\u{FFFC}\u{FFFE}\u{9F}\u{A0}".into());
        texts.push(format!("{}\u{85}", "x".repeat(150)));
        texts.push(format!("{}\u{85}", "x".repeat(50)));
        for text in &texts {
            assert_eq!(super::looks_like_text(text), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(decode(b"\x00\x01\x02\x03binary\x00\x00"), None);
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 256) as u8).collect();
        assert_eq!(decode(&noise), None);
    }
}
