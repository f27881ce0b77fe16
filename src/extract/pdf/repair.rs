//! Repairs to engine output that are safe whatever the engine.
//!
//! A PDF holds only glyphs that are drawn, so a soft hyphen (U+00AD) in its text is a hyphen the
//! reader sees: TeX fonts map their hyphen glyph to it ("cloud\u{AD}native" in Awesome-CV). Left
//! as it is, text normalization would delete it and glue "cloudnative"; it becomes '-'.
//!
//! Letter-spaced headings ("S K I L L S", Word's expanded character spacing) come out of every
//! engine one letter per token. Engines that keep the wider gap between words ("E x p e r t   i n")
//! let us join the letters back; a run whose letters cannot form one word ("L u i z F i l h o",
//! where the word gap was lost) is left alone for the quality gate to see.

/// Applies every repair.
pub(super) fn repair(text: &str) -> String {
    let text = join_letter_spacing(text);
    if text.contains('\u{AD}') {
        text.replace('\u{AD}', "-")
    } else {
        text
    }
}

/// Joins letter-spaced words back together, line by line.
fn join_letter_spacing(text: &str) -> String {
    if !text.contains(" ") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&join_line(line));
    }
    out
}

fn join_line(line: &str) -> String {
    // Chunks are separated by two or more spaces; a letter-spaced word is a chunk of single
    // characters separated by single spaces.
    let chunks = split_keeping_gaps(line);
    let spaced = |chunk: &str| {
        let letters: Vec<&str> = chunk.split(' ').collect();
        letters.len() >= 2
            && letters
                .iter()
                .all(|l| l.chars().count() == 1 && l.chars().all(char::is_alphanumeric))
    };
    let long_run = chunks
        .iter()
        .any(|c| spaced(c) && c.split(' ').count() >= 3);
    if !long_run {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    for chunk in chunks {
        let joined: String = chunk.split(' ').collect();
        if spaced(chunk) && looks_like_one_word(&joined) {
            out.push_str(&joined);
        } else {
            out.push_str(chunk);
        }
    }
    out
}

/// Splits a line into chunks and the runs of two or more spaces between them, keeping both.
fn split_keeping_gaps(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
            let gap_start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            if gap_start > start {
                parts.push(&line[start..gap_start]);
            }
            parts.push(&line[gap_start..i]);
            start = i;
        } else {
            i += 1;
        }
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

/// One word in capitals ("SKILLS"), lower case, or capitalised ("Skills"); a capital after a
/// lower-case letter means two words whose gap was lost ("LuizFilho").
fn looks_like_one_word(word: &str) -> bool {
    let mut seen_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && seen_lower {
            return false;
        }
        seen_lower |= c.is_lowercase();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::join_letter_spacing as join;

    #[test]
    fn soft_hyphens_drawn_on_the_page_are_hyphens() {
        assert_eq!(
            super::repair("cloud\u{AD}native, multi\u{AD}\naccount"),
            "cloud-native, multi-\naccount"
        );
    }

    #[test]
    fn joins_letter_spaced_words_with_wide_gaps() {
        assert_eq!(join("S K I L L S"), "SKILLS");
        assert_eq!(
            join("E s t u d a n t e   d e   C i ê n c i a"),
            "Estudante   de   Ciência"
        );
        assert_eq!(join("  L u i z   F i l h o  "), "  Luiz   Filho  ");
        assert_eq!(join("2 0 1 9   -   2 0 2 4"), "2019   -   2024");
    }

    #[test]
    fn leaves_ordinary_text_and_lost_gaps_alone() {
        for line in [
            "Go, Python and C",
            "A B testing and R",
            "Languages:  C  R  Go",
            "L u i z F i l h o",
            "a b",
            "",
        ] {
            assert_eq!(join(line), line);
        }
        assert_eq!(join("x\nS K I L L S\ny"), "x\nSKILLS\ny");
    }
}
