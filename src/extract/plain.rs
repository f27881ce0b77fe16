//! Plain-text decoding: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 fallback.

use encoding_rs::{Encoding, WINDOWS_1252};

/// Decodes text bytes; `None` when the bytes are binary data rather than text.
///
/// Bytes that decode as UTF-8 (or UTF-16 with a BOM) are text whatever control characters they
/// carry: C1 controls are what double-encoded bullets and quotes look like ("â\u{80}¢"), and the
/// mojibake repair and normalization deal with them. Such text is binary only when it is full of
/// NUL bytes. Every byte decodes as Windows-1252, so there the content decides: a NUL byte, or
/// more than one control character in a hundred, is binary data.
pub(super) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (!nul_heavy(text.as_bytes())).then(|| text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (!nul_heavy(bytes)).then(|| text.to_string());
    }
    // Not UTF-8: legacy single-byte text is far more common in resumes than anything else.
    if bytes.contains(&0) {
        return None;
    }
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    looks_like_text(&text).then(|| text.into_owned())
}

/// More than one byte in a hundred is NUL: no text file looks like that.
fn nul_heavy(bytes: &[u8]) -> bool {
    let nul = memchr::memchr_iter(0, bytes).count();
    nul > 0 && nul * 100 >= bytes.len()
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

    /// Double-encoded bullets and quotes carry C1 controls (U+0080–U+009F): still text.
    #[test]
    fn c1_controls_are_text() {
        let every_c1: String = (0x80u32..=0x9F).filter_map(char::from_u32).collect();
        let text = format!(
            "\u{e2}\u{80}\u{a2} Matric\n{every_c1}\nSkills: Python, SQL \u{e2}\u{80}\u{94} Django\n"
        );
        assert_eq!(decode(text.as_bytes()).as_deref(), Some(text.as_str()));
        let only_c1 = every_c1.repeat(10);
        assert_eq!(
            decode(only_c1.as_bytes()).as_deref(),
            Some(only_c1.as_str())
        );
        // UTF-16 with a BOM, likewise.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).as_deref(), Some(text.as_str()));
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(decode(b"\x00\x01\x02\x03binary\x00\x00"), None);
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 256) as u8).collect();
        assert_eq!(decode(&noise), None);
    }
}
