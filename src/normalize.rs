//! Text normalization that keyword matching depends on.
//!
//! Extracted text arrives with ligatures (`ﬁ`), full-width letters, soft hyphens, zero-width and
//! non-breaking spaces, a zoo of bullet characters, and words hyphenated across line breaks. All of
//! that is folded here so the matcher sees plain words. Line structure is kept (one output line per
//! visible line, except that a word hyphenated across a break is joined onto the first line), and
//! report line numbers refer to this normalized text.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

pub(crate) mod lines;

/// The bullet every list marker is folded to.
pub const BULLET: char = '•';

/// Normalizes extracted text for matching. See the module docs for what is folded.
///
/// ```
/// let text = "Kuber-\nnetes and e\u{FB03}cient  \u{00A0}Go\u{00AD}lang\r\n\u{25AA} Postgres";
/// assert_eq!(resumescan::normalize(text), "Kubernetes and efficient Golang\n• Postgres");
/// ```
pub fn normalize(text: &str) -> String {
    normalize_with(text, |_, _| false)
}

/// Like [`normalize`], but asks `keep_hyphen(left, right)` about each word hyphenated across a line
/// break: `true` keeps the hyphen ("bash-" + "scripting" stays "bash-scripting" when `bash` is a
/// skill and `bashscripting` is not a word we know), `false` joins the halves ("Kuber-" + "netes").
pub fn normalize_with(text: &str, keep_hyphen: impl Fn(&str, &str) -> bool) -> String {
    if text.is_ascii() {
        return layout_lines(text, &keep_hyphen);
    }
    // The folded text is only a step: its buffer is kept for the thread's next document.
    let mut folded = crate::kept::take(&FOLDED);
    fold_unicode_into(text, &mut folded);
    let out = layout_lines(&folded, &keep_hyphen);
    let bytes = folded.capacity();
    crate::kept::keep(&FOLDED, folded, bytes);
    out
}

thread_local! {
    /// The buffer [`normalize_with`] folds into, between documents (see [`crate::kept`]).
    static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The first `n` characters of `s` (all of it when shorter), as a slice: a caller that keeps
/// them makes one allocation of the right size, where collecting characters grows a string
/// step by step.
pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// [`fold_unicode_into`] a new string.
#[cfg(test)]
fn fold_unicode(text: &str) -> String {
    let mut out = String::new();
    fold_unicode_into(text, &mut out);
    out
}

/// NFKC plus the character-level folds NFKC does not do, into `out` (emptied first).
///
/// Only the non-ASCII runs go through mojibake repair and NFKC: ASCII is already NFKC, and a cut
/// just before an ASCII character never changes the result of either (no composition ends in an
/// ASCII character, and mojibake sequences are all non-ASCII). The ASCII character just before a
/// run goes with it, because a combining mark in the run may compose with it ("e" + U+0301); a
/// control character there is folded on its own, which gives the same (nothing composes with one).
fn fold_unicode_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    out.clear();
    out.reserve(text.len() + text.len() / 16);
    // `bytes[copied..at]` is plain ASCII not yet copied.
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        at += next_special(&bytes[at..]);
        let Some(&b) = bytes.get(at) else {
            break;
        };
        if b.is_ascii() {
            // A control character: folded where it stands.
            out.push_str(&text[copied..at]);
            push_folded(out, char::from(b));
            at += 1;
            copied = at;
            continue;
        }
        let run_end = at + bytes[at..].iter().take_while(|b| !b.is_ascii()).count();
        let mut run = text[at..run_end].chars();
        if let (Some(c), None) = (run.next(), run.next()) {
            // One character alone (a bullet, a dash, an accented letter): no mojibake sequence
            // is that short, and one NFKC leaves as it is cannot compose with what comes before.
            if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
                out.push_str(&text[copied..at]);
                push_folded(out, c);
                at = run_end;
                copied = run_end;
                continue;
            }
        }
        let run_start = if at > copied { at - 1 } else { at };
        out.push_str(&text[copied..run_start]);
        let repaired = crate::mojibake::repair(&text[run_start..run_end]);
        for c in repaired.nfkc() {
            push_folded(out, c);
        }
        at = run_end;
        copied = run_end;
    }
    out.push_str(&text[copied..]);
}

/// The bytes [`fold_unicode_into`] does not copy as they are: non-ASCII bytes, and the control
/// characters [`push_folded`] changes (all but line ends).
fn is_special(b: u8) -> bool {
    b >= 0x7F || (b < 0x20 && b != b'\n' && b != b'\r')
}

/// The index of the first [`is_special`] byte, or `bytes.len()`. Eight bytes at a time, because
/// most text has none: a word with no byte below 0x20 or from 0x7F up is skipped whole.
fn next_special(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Some byte below 0x20 (line ends included), from 0x80 up, or equal to 0x7F.
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let del = w ^ (ONES * 0x7F);
        let is_del = del.wrapping_sub(ONES) & !del & HIGH;
        if (w & HIGH) | below_space | is_del != 0 {
            if let Some(k) = chunk.iter().position(|&b| is_special(b)) {
                return at + k;
            }
        }
        at += 8;
    }
    let rest = chunks.remainder();
    at + rest
        .iter()
        .position(|&b| is_special(b))
        .unwrap_or(rest.len())
}

/// Appends one character of NFKC output with the folds NFKC does not do.
fn push_folded(out: &mut String, c: char) {
    match c {
        // Soft hyphen, zero-width characters and byte-order marks vanish.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        // Line and paragraph separators, form feeds and vertical tabs end a line.
        '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' | '\u{0085}' => out.push('\n'),
        // Hyphen look-alikes become '-' so "micro‐services" matches.
        '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
        c if is_bullet(c) => {
            out.push(BULLET);
            out.push(' ');
        }
        c if c != '\n' && c != '\r' && c.is_whitespace() => out.push(' '),
        c if c.is_control() && c != '\n' && c != '\r' && c != '\t' => out.push(' '),
        c => out.push(c),
    }
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '●'
            | '○'
            | '◦'
            | '▪'
            | '▫'
            | '■'
            | '□'
            | '‣'
            | '∙'
            | '⁃'
            | '►'
            | '▶'
            | '➢'
            | '➤'
            | '✓'
            | '✔'
            | '❖'
            | '♦'
            | '◆'
            | '⦁'
            | '·'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F0D8}'
            | '\u{F076}'
    )
}

/// Splits into lines, collapses white space, and joins words hyphenated across a line break.
fn layout_lines(text: &str, keep_hyphen: &dyn Fn(&str, &str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    let mut rest = Some(text);
    while let Some(remaining) = rest {
        let (raw_line, after) = match memchr::memchr(b'\n', remaining.as_bytes()) {
            Some(at) => (&remaining[..at], Some(&remaining[at + 1..])),
            None => (remaining, None),
        };
        rest = after;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let start_len = out.len();
        // Join "Kuber-" + "netes": the previous line ended in letter + '-', this one starts
        // lower-case. A suspended hyphen ("unit-" + "and integration tests") is no split word.
        let suspended = || {
            let next_word = line.trim_start().split([' ', ',']).next().unwrap_or("");
            matches!(
                next_word,
                "and" | "or" | "und" | "oder" | "et" | "ou" | "y" | "to"
            )
        };
        let joined = out.ends_with('-')
            && !suspended()
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && line
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        if joined {
            let body = &out[..out.len() - 1];
            let left_start = body
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map_or(body.len(), |(i, _)| i);
            let next = line.trim_start();
            let right_end = next
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(next.len(), |(i, _)| i);
            if !keep_hyphen(&body[left_start..], &next[..right_end]) {
                out.pop();
            }
        } else if !out.is_empty() {
            out.push('\n');
        }
        let before_words = out.len();
        push_collapsed(&mut out, line);
        if out.len() == before_words {
            blank_run += 1;
            if blank_run > 1 {
                // Keep at most one blank line in a row.
                out.truncate(start_len);
            }
        } else {
            blank_run = 0;
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Appends the words of `line` (split at spaces, tabs and carriage returns) with one space between.
fn push_collapsed(out: &mut String, line: &str) {
    /// Built once: building a searcher costs more than running it over a line.
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    if memchr::memchr2(b'\t', b'\r', line.as_bytes()).is_none() {
        // Most lines: only spaces, so runs of them are found and the text between copied whole.
        let mut rest = line.trim_matches(' ');
        while let Some(at) = DOUBLE_SPACE.find(rest.as_bytes()) {
            out.push_str(&rest[..=at]);
            rest = rest[at..].trim_start_matches(' ');
        }
        out.push_str(rest);
        return;
    }
    let mut pending_space = false;
    let mut rest = line;
    while !rest.is_empty() {
        let word_start = rest.bytes().position(|b| !is_gap(b)).unwrap_or(rest.len());
        rest = &rest[word_start..];
        if rest.is_empty() {
            break;
        }
        let word_end = rest.bytes().position(is_gap).unwrap_or(rest.len());
        if pending_space {
            out.push(' ');
        }
        out.push_str(&rest[..word_end]);
        pending_space = true;
        rest = &rest[word_end..];
    }
}

fn is_gap(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn first_chars_as_taking_characters() {
        for s in ["", "abc", "Zürich — Köln", "日本語のテキスト", "a\u{301}bc"] {
            for n in 0..20 {
                let taken: String = s.chars().take(n).collect();
                assert_eq!(super::first_chars(s, n), taken, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn folds_ligatures_and_fullwidth() {
        assert_eq!(normalize("e\u{FB03}cient \u{FB02}ask"), "efficient flask");
        assert_eq!(normalize("ＰｙｔｈｏｎＤｊａｎｇｏ"), "PythonDjango");
    }

    #[test]
    fn removes_invisible_characters() {
        assert_eq!(normalize("micro\u{00AD}services"), "microservices");
        assert_eq!(normalize("Ku\u{200B}ber\u{200D}netes"), "Kubernetes");
        assert_eq!(normalize("Go\u{00A0}1.22"), "Go 1.22");
    }

    #[test]
    fn joins_hyphenated_line_breaks_only_before_lower_case() {
        assert_eq!(normalize("au-\nthentication"), "authentication");
        assert_eq!(normalize("bash-\n  scripting"), "bashscripting");
        let keep = |l: &str, r: &str| l == "bash" && r == "scripting";
        assert_eq!(
            super::normalize_with("bash-\n  scripting", keep),
            "bash-scripting"
        );
        assert_eq!(normalize("Java-\nSpring"), "Java-\nSpring");
        assert_eq!(normalize("2019 -\nnow"), "2019 -\nnow");
        assert_eq!(
            normalize("unit-\nand integration tests"),
            "unit-\nand integration tests"
        );
    }

    #[test]
    fn collapses_space_and_blank_lines() {
        assert_eq!(normalize("a \t b\r\n\r\n\r\n\r\nc  "), "a b\n\nc");
        assert_eq!(normalize("\n\nx\n\n"), "x");
    }

    #[test]
    fn composes_marks_with_the_ascii_letter_before_them() {
        assert_eq!(normalize("Cafe\u{301} au lait"), "Café au lait");
        assert_eq!(normalize("nai\u{308}ve\tx\u{0C}y"), "naïve x\ny");
    }

    /// Folding run by run gives what folding the whole text at once gives.
    #[test]
    fn run_by_run_folding_matches_whole_text_folding() {
        use unicode_normalization::UnicodeNormalization;
        let whole = |text: &str| {
            let mut out = String::new();
            for c in crate::mojibake::repair(text).nfkc() {
                super::push_folded(&mut out, c);
            }
            out
        };
        for text in [
            "e\u{301}\u{327}x",
            "\u{301}start",
            "a\u{308}\u{FB01}\u{FF21}\u{1100}\u{1161}\u{11A8}b",
            "CafÃ© â€¢ Go\u{2028}Rust\u{00A0}\tC\u{7F}",
            "x\u{0345}\u{0301}y\u{3099}\u{304B}\u{3099}",
            "\u{212B}ngstr\u{F6}m \u{2460} \u{00BD} \u{3000}end\u{0301}",
            "a\u{2022}b e\u{308} x\u{301}y 1\u{BD} \u{FB01}x K\u{212A} \u{C3}\u{A9} \u{2013}-\u{2019}",
            "\u{1100}\u{1161} n\u{303}\n\u{0B47}\u{0B3E} \u{3099} a\u{0345} \u{00A0}\u{00AD}\u{F0B7}",
        ] {
            assert_eq!(super::fold_unicode(text), whole(text), "{text:?}");
        }
    }

    /// The word-at-a-time search finds what a byte-by-byte one finds, wherever the byte is.
    #[test]
    fn next_special_finds_the_first_special_byte() {
        let plain = b"Go, Rust and SQL on Linux; 10+ years.\n\r";
        for special in [0x00u8, 0x09, 0x0B, 0x1F, 0x7F, 0x80, 0xC3, 0xFF] {
            for len in 0..plain.len() {
                for at in 0..=len {
                    let mut bytes = plain[..len].to_vec();
                    bytes.insert(at, special);
                    let expected = bytes.iter().position(|&b| super::is_special(b));
                    assert_eq!(super::next_special(&bytes), expected.unwrap_or(bytes.len()));
                    assert_eq!(expected, Some(at), "{special:#x} at {at}");
                }
            }
        }
        assert_eq!(super::next_special(plain), plain.len());
    }

    /// Lines of spaces only take a shortcut: it collapses what the word-by-word path collapses.
    #[test]
    fn collapses_runs_of_spaces_as_word_by_word() {
        for line in [
            "Go and Rust",
            " Go  and   Rust ",
            "   ",
            "",
            "a  b c   d    e",
            "  lead",
            "trail   ",
            "x\ty  z",
            "x\r y",
        ] {
            let mut fast = String::new();
            super::push_collapsed(&mut fast, line);
            let words: Vec<&str> = line
                .split([' ', '\t', '\r'])
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(fast, words.join(" "), "{line:?}");
        }
    }

    #[test]
    fn folds_bullets() {
        assert_eq!(normalize("▪ Go\n➢ Rust\n\u{F0B7} C"), "• Go\n• Rust\n• C");
    }
}
