//! Repair of mojibake: UTF-8 text that was once decoded as Windows-1252 or Latin-1.
//!
//! "â€¢" (or "â\u{80}¢") is what "•" looks like after that mistake, "Ã©" is "é". A sequence is
//! repaired only when its characters map back to bytes that form one valid multi-byte UTF-8
//! character, so ordinary accented text is left alone.

use std::borrow::Cow;

/// Repairs mojibake sequences in `text`; returns it unchanged (borrowed) when there are none.
pub fn repair(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| lead_len(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if let Some(n) = lead_len(chars[i]) {
            if let Some(decoded) = decode_sequence(&chars[i..], n) {
                out.push(decoded);
                changed = true;
                i += n + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Number of continuation bytes a lead character (as a byte) announces.
fn lead_len(c: char) -> Option<usize> {
    match to_byte(c)? {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

fn decode_sequence(chars: &[char], continuation: usize) -> Option<char> {
    if chars.len() <= continuation {
        return None;
    }
    let mut bytes = [0u8; 4];
    for (k, &c) in chars[..=continuation].iter().enumerate() {
        let b = to_byte(c)?;
        if k > 0 && !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes[k] = b;
    }
    let s = std::str::from_utf8(&bytes[..=continuation]).ok()?;
    s.chars().next()
}

/// The byte a character stands for in Windows-1252, falling back to Latin-1 for the C1 range.
fn to_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if code < 0x80 {
        return None;
    }
    if code <= 0xFF {
        return Some(code as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn repairs_common_sequences() {
        assert_eq!(repair("Skills â€¢ Go"), "Skills • Go");
        assert_eq!(repair("Skills â\u{80}¢ Go"), "Skills • Go");
        assert_eq!(repair("CafÃ© and naÃ¯ve"), "Café and naïve");
        assert_eq!(repair("donâ€™t"), "don’t");
    }

    #[test]
    fn leaves_real_text_alone() {
        for s in ["Café", "São Paulo", "Ångström", "naïve — ok", "Â"] {
            assert_eq!(repair(s), s);
        }
    }
}
