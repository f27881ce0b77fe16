//! Resume sections: which part of the resume each line belongs to.
//!
//! A line is a heading when, without bullets, numbering, a trailing colon and letter-spacing
//! ("S K I L L S"), it is one of the dictionary's section headings, ignoring case; or when it starts
//! with a heading followed by a colon ("Skills: Go, Rust"), in which case the rest of the line is
//! already in the new section. A short line in capitals that starts with a heading
//! ("TECHNICAL SKILLS AND TOOLS") counts as well.

use crate::dictionary::{Dictionary, SectionKind};
use rustc_hash::FxHashMap;

/// Heading lookup built from a dictionary.
#[derive(Clone, Default)]
pub struct SectionDetector {
    headings: Headings<SectionKind>,
    /// The last words of the ASCII headings of two words, each packed in lower case (see
    /// [`packed`]), sorted: the only words a line with a glued heading (see
    /// [`SectionDetector::glued_heading`]) can end with.
    glued_ends: Vec<u128>,
}

impl std::fmt::Debug for SectionDetector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut headings: Vec<_> = self
            .headings
            .by_key
            .iter()
            .map(|(h, kind)| (String::from_utf8_lossy(h), kind))
            .collect();
        headings.sort();
        f.debug_struct("SectionDetector")
            .field("headings", &headings)
            .field("longest_words", &self.headings.longest_words)
            .field("longest_chars", &self.headings.longest_chars)
            .finish()
    }
}

/// A table of headings, as compared (lower case), and what each one marks: the section a resume
/// heading starts, or what a job-posting heading says about the skills under it. Resumes and
/// postings look headings up through it alike.
#[derive(Clone)]
pub(crate) struct Headings<V> {
    /// Keyed by bytes, so that a lower-cased copy of a line kept on the stack can be looked up.
    /// Nearly every short line is looked up, so the hash is a fast one.
    by_key: FxHashMap<Box<[u8]>, V>,
    /// Words in the longest heading.
    longest_words: usize,
    /// Characters in the longest heading.
    longest_chars: usize,
}

impl<V> Default for Headings<V> {
    fn default() -> Self {
        Headings {
            by_key: FxHashMap::default(),
            longest_words: 0,
            longest_chars: 0,
        }
    }
}

impl<V: Copy> Headings<V> {
    /// The table of `headings` (already as compared); a later duplicate wins.
    pub(crate) fn new<'h>(headings: impl IntoIterator<Item = (&'h str, V)>) -> Headings<V> {
        let mut table = Headings::default();
        for (heading, value) in headings {
            table.longest_words = table.longest_words.max(heading.split_whitespace().count());
            table.longest_chars = table.longest_chars.max(heading.chars().count());
            table.by_key.insert(heading.as_bytes().into(), value);
        }
        table
    }

    /// What the heading `key` (as compared) marks, if it is one.
    pub(crate) fn get(&self, key: &[u8]) -> Option<V> {
        self.by_key.get(key).copied()
    }

    /// The longest heading made of the first `n` of `words` (for `n` from `most` down to 1, joined
    /// by single spaces), once `trim` is taken off its end: "TECHNICAL SKILLS AND TOOLS" starts
    /// with "technical skills".
    pub(crate) fn longest_start(&self, words: &[&str], most: usize, trim: &[char]) -> Option<V> {
        let mut prefix = String::new();
        for n in (1..=most.min(words.len())).rev() {
            prefix.clear();
            for (i, word) in words[..n].iter().enumerate() {
                if i > 0 {
                    prefix.push(' ');
                }
                prefix.push_str(word);
            }
            if let Some(value) = self.get(prefix.trim_end_matches(trim).as_bytes()) {
                return Some(value);
            }
        }
        None
    }
}

impl SectionDetector {
    /// Builds the detector from the dictionary's `[[section]]` entries.
    pub fn new(dict: &Dictionary) -> SectionDetector {
        let mut glued_ends: Vec<u128> = dict
            .section_headings
            .iter()
            .filter(|(h, _)| h.is_ascii() && h.len() <= KEY_BUF)
            .filter_map(|(h, _)| h.split_once(' '))
            .filter(|(_, last)| !last.contains(' '))
            .filter_map(|(_, last)| packed(last.as_bytes()))
            .collect();
        glued_ends.sort_unstable();
        glued_ends.dedup();
        SectionDetector {
            headings: Headings::new(
                dict.section_headings
                    .iter()
                    .map(|(h, kind)| (h.as_str(), *kind)),
            ),
            glued_ends,
        }
    }

    /// The section of every line of `text` (normalized), one entry per line.
    ///
    /// A heading with content after its colon ("Tools: Docker, Git") labels only its own line; the
    /// section around it goes on after it. Inside a Skills section such a label stays Skills
    /// ("Languages: Go, Python" is a skills line there, not spoken languages).
    pub fn classify(&self, text: &str) -> Vec<SectionKind> {
        let mut current = SectionKind::Header;
        // One entry per line: sized for a line of about forty bytes, so that it seldom grows.
        let mut sections = Vec::with_capacity(text.len() / 40 + 1);
        // Line ends and the few colons, found in one pass over the text.
        let (mut start, mut has_colon) = (0, false);
        let bytes = text.as_bytes();
        let stops = memchr::memchr2_iter(b'\n', b':', bytes).chain([text.len()]);
        for end in stops {
            if bytes.get(end) == Some(&b':') {
                has_colon = true;
                continue;
            }
            let line = &text[start..end];
            sections.push(match self.heading_in(line, has_colon) {
                Some(kind) if has_inline_content(line) => {
                    if current == SectionKind::Skills {
                        SectionKind::Skills
                    } else {
                        kind
                    }
                }
                Some(kind) => {
                    current = kind;
                    kind
                }
                None => {
                    let here = current;
                    if let Some(kind) = self.glued_heading(line) {
                        current = kind;
                    }
                    here
                }
            });
            (start, has_colon) = (end + 1, false);
        }
        sections
    }

    /// The section a heading glued to the end of `line` starts on the next line: an ASCII
    /// heading of two words, in title case or capitals, right after a lower-case letter
    /// ("… Less than 1 year monthsCompany Details"), as text extraction leaves one whose line
    /// break it lost. The line itself stays in the section it was in.
    pub(crate) fn glued_heading(&self, line: &str) -> Option<SectionKind> {
        let bytes = line.trim_end_matches([' ', ':']).as_bytes();
        // Cheap tests first: most lines do not end in a capitalised word that ends a heading.
        let tail = &bytes[bytes.len().saturating_sub(PACKED + 1)..];
        let space = bytes.len() - tail.len() + memchr::memrchr(b' ', tail)?;
        let last = &bytes[space + 1..];
        if !last.first()?.is_ascii_uppercase() {
            return None;
        }
        self.glued_ends.binary_search(&packed(last)?).ok()?;
        // The word before: the heading's first word starts at its last join.
        let word = bytes[..space]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |i| i + 1);
        let join = (word + 1..space)
            .rev()
            .find(|&at| bytes[at - 1].is_ascii_lowercase() && bytes[at].is_ascii_uppercase())?;
        let heading = &bytes[join..];
        if !heading.is_ascii() {
            return None;
        }
        let mut buf = [0; KEY_BUF];
        self.headings.get(lower_key(heading, &mut buf)?)
    }

    /// The section a line starts, if it is a heading.
    #[cfg(test)]
    pub fn heading(&self, line: &str) -> Option<SectionKind> {
        self.heading_in(line, memchr::memchr(b':', line.as_bytes()).is_some())
    }

    /// The section a line starts, if it is a heading, told whether the line has a colon (which
    /// only a "Heading: ..." line needs).
    fn heading_in(&self, line: &str, has_colon: bool) -> Option<SectionKind> {
        // The markers and white space trimmed off are no colons.
        let trimmed = trim_markers(line);
        let inline_heading = || {
            if has_colon {
                self.inline_heading(trimmed)
            } else {
                None
            }
        };
        if trimmed.is_empty() || trimmed.len() > 60 {
            return inline_heading();
        }
        let bare = trimmed.trim_end_matches([':', ' ', '.', '-', '–', '|']);
        // Lower-casing never makes fewer characters and `despace` removes only white space, so a
        // line with more other characters than the longest heading is no heading by itself, and
        // unless it is in capitals only a "Heading: ..." line is left to check.
        let longest_chars = self.headings.longest_chars;
        let mut buf = [0; KEY_BUF];
        let shape = Shape::of(bare, longest_chars, &mut buf);
        if shape.visible > longest_chars && !shape.shouting {
            return inline_heading();
        }
        let owned;
        let key = if let Some(key) = shape.key {
            key
        } else {
            owned = despace(&bare.to_lowercase());
            owned.as_bytes()
        };
        if shape.visible <= longest_chars {
            if let Some(kind) = self.headings.get(key) {
                return Some(kind);
            }
        }
        if let Some(kind) = inline_heading() {
            return Some(kind);
        }
        // "TECHNICAL SKILLS AND TOOLS", "WORK EXPERIENCE (SELECTED)": capitals, few words.
        if shape.shouting {
            let key = String::from_utf8_lossy(key); // borrowed: the key is text
            let words: Vec<&str> = key.split_whitespace().collect();
            if words.len() <= 6 {
                return self.headings.longest_start(
                    &words,
                    self.headings.longest_words,
                    &[',', '&', ':'],
                );
            }
        }
        None
    }

    fn inline_heading(&self, line: &str) -> Option<SectionKind> {
        let head = &line[..memchr::memchr(b':', line.as_bytes())?];
        // As above: lower-casing never makes fewer characters.
        let trimmed = head.trim();
        let longest_chars = self.headings.longest_chars;
        if trimmed.len() > longest_chars && trimmed.chars().count() > longest_chars {
            return None;
        }
        if head.split_whitespace().count() > self.headings.longest_words.max(1) {
            return None;
        }
        let head = trimmed;
        let mut buf = [0; KEY_BUF];
        if head.is_ascii() {
            if let Some(key) = lower_key(head.as_bytes(), &mut buf) {
                return self.headings.get(key);
            }
        }
        self.headings.get(head.to_lowercase().as_bytes())
    }
}

/// Longest word [`packed`] takes.
const PACKED: usize = 16;

/// A word of at most [`PACKED`] bytes in ASCII lower case, as one number, so that a set of
/// them is searched with integer compares.
fn packed(word: &[u8]) -> Option<u128> {
    if word.len() > PACKED {
        return None;
    }
    let mut bytes = [0; PACKED];
    bytes[..word.len()].copy_from_slice(word);
    bytes.make_ascii_lowercase();
    Some(u128::from_be_bytes(bytes))
}

/// Room for a lower-cased key on the stack: more than a short line (60 bytes).
const KEY_BUF: usize = 64;

/// What `heading` needs to know of a line's characters.
struct Shape<'b> {
    /// Letters, and no lower-case ones.
    shouting: bool,
    /// Characters other than white space; once past the limit given to [`Shape::of`] in a line
    /// with lower-case letters, perhaps fewer than all.
    visible: usize,
    /// `despace(&line.to_lowercase())`, when the line is ASCII, fits the buffer and is not
    /// letter-spaced.
    key: Option<&'b [u8]>,
}

impl<'b> Shape<'b> {
    fn of(line: &str, limit: usize, buf: &'b mut [u8; KEY_BUF]) -> Shape<'b> {
        let bytes = line.as_bytes();
        // ASCII bytes by table; non-ASCII characters, if any, by the Unicode tables (unless the
        // line is known to be long and not in capitals by then).
        let (mut classes, mut visible) = (0, 0);
        for &b in bytes {
            let class = BYTE_CLASS[usize::from(b)];
            classes |= class;
            visible += usize::from(class & VISIBLE);
        }
        let mut alphabetic = classes & LETTER != 0;
        let mut lowercase = classes & LOWER_CASE != 0;
        if classes & NOT_ASCII != 0 && !(lowercase && visible > limit) {
            let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
            for c in line[first..].chars().filter(|c| !c.is_ascii()) {
                alphabetic = alphabetic || c.is_alphabetic();
                lowercase = lowercase || c.is_lowercase();
                visible += usize::from(!c.is_whitespace());
            }
        }
        let key = if classes & NOT_ASCII == 0 && (visible <= limit || !lowercase) {
            plain_key(bytes, buf)
        } else {
            None
        };
        Shape {
            shouting: alphabetic && !lowercase,
            visible,
            key,
        }
    }
}

/// [`BYTE_CLASS`] bits: an ASCII character that is not white space, a lower-case letter, a letter
/// (for ASCII what `char::is_whitespace`, `char::is_lowercase` and `char::is_alphabetic` say), a
/// byte of a non-ASCII character.
const VISIBLE: u8 = 1;
const LOWER_CASE: u8 = 2;
const LETTER: u8 = 4;
const NOT_ASCII: u8 = 8;

/// The classes of each byte value.
const BYTE_CLASS: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b: u8 = 0;
    loop {
        classes[b as usize] = if !b.is_ascii() {
            NOT_ASCII
        } else {
            let visible = if is_ascii_white_space(b) { 0 } else { VISIBLE };
            let lower = if b.is_ascii_lowercase() {
                LOWER_CASE
            } else {
                0
            };
            let letter = if b.is_ascii_alphabetic() { LETTER } else { 0 };
            visible | lower | letter
        };
        if b == u8::MAX {
            break classes;
        }
        b += 1;
    }
};

/// ASCII `bytes` lower-cased in `buf`, as headings are looked up; `None` when they do not fit.
fn lower_key<'b>(bytes: &[u8], buf: &'b mut [u8; KEY_BUF]) -> Option<&'b [u8]> {
    let key = buf.get_mut(..bytes.len())?;
    key.copy_from_slice(bytes);
    key.make_ascii_lowercase();
    Some(key)
}

/// `despace(&line.to_lowercase())` in `buf` for an ASCII `line` that fits and is not
/// letter-spaced; `None` otherwise.
fn plain_key<'b>(line: &[u8], buf: &'b mut [u8; KEY_BUF]) -> Option<&'b [u8]> {
    let key = lower_key(line, buf)?;
    // `despace` changes only keys of four or more space-separated tokens, at least 80% of them
    // one character long.
    let tokens = 1 + line.iter().filter(|&&b| b == b' ').count();
    if tokens >= 4 {
        let singles = line.split(|&b| b == b' ').filter(|t| t.len() == 1).count();
        if singles * 10 >= tokens * 8 {
            return None;
        }
    }
    Some(key)
}

/// Whether `b` is white space to `char::is_whitespace` (which, unlike `u8::is_ascii_whitespace`,
/// counts the vertical tab).
const fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// A line without white space and leading markers: bullets, numbering, '#', '*', dashes, '.',
/// ')', '>'.
fn trim_markers(line: &str) -> &str {
    let marker = |c: char| {
        c == crate::normalize::BULLET
            || c.is_ascii_digit()
            || matches!(c, '#' | '*' | '-' | '–' | '—' | '.' | ')' | '>' | ' ')
    };
    let line = trim_white_space(line);
    // ASCII markers byte by byte; from the first non-ASCII character on, by character.
    let ascii = line
        .bytes()
        .take_while(|&b| b.is_ascii() && marker(char::from(b)))
        .count();
    let rest = &line[ascii..];
    if rest.bytes().next().is_some_and(|b| !b.is_ascii()) {
        trim_white_space(rest.trim_start_matches(marker))
    } else if ascii > 0 {
        trim_white_space(rest)
    } else {
        rest
    }
}

/// `s.trim()`, with ASCII white space taken byte by byte: only a non-ASCII character at either
/// end goes to the Unicode tables.
fn trim_white_space(s: &str) -> &str {
    let bytes = s.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| !is_ascii_white_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_ascii_white_space(b))
        .map_or(start, |e| e + 1);
    let s = &s[start..end];
    let ends_ascii = |b: Option<&u8>| b.is_none_or(u8::is_ascii);
    if ends_ascii(s.as_bytes().first()) && ends_ascii(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// "Skills: Go, Rust" has content after the colon; "Skills:" does not.
fn has_inline_content(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(_, rest)| rest.chars().any(char::is_alphanumeric))
}

/// "s k i l l s" -> "skills"; "w o r k   e x p e r i e n c e" keeps the gap between words.
fn despace(s: &str) -> String {
    let tokens: Vec<&str> = s.split(' ').collect();
    let singles = tokens.iter().filter(|t| t.chars().count() == 1).count();
    if tokens.len() >= 4 && singles * 10 >= tokens.len() * 8 {
        let mut out = String::new();
        for t in tokens {
            if t.is_empty() {
                out.push(' ');
            } else {
                out.push_str(t);
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> SectionDetector {
        let mut dict = Dictionary::default();
        for (h, k) in [
            ("skills", SectionKind::Skills),
            ("technical skills", SectionKind::Skills),
            ("work experience", SectionKind::Experience),
            ("experience", SectionKind::Experience),
            ("education", SectionKind::Education),
        ] {
            dict.section_headings.push((h.to_string(), k));
        }
        SectionDetector::new(&dict)
    }

    #[test]
    fn recognises_heading_styles() {
        let d = detector();
        assert_eq!(d.heading("SKILLS"), Some(SectionKind::Skills));
        assert_eq!(d.heading("Technical Skills:"), Some(SectionKind::Skills));
        assert_eq!(
            d.heading("• Work Experience"),
            Some(SectionKind::Experience)
        );
        assert_eq!(d.heading("S K I L L S"), Some(SectionKind::Skills));
        assert_eq!(d.heading("Skills: Go, Rust"), Some(SectionKind::Skills));
        assert_eq!(
            d.heading("TECHNICAL SKILLS AND TOOLS"),
            Some(SectionKind::Skills)
        );
        assert_eq!(d.heading("I gained experience in many skills"), None);
        assert_eq!(d.heading("Experience with Go: 5 years"), None);
    }

    #[test]
    fn classifies_lines() {
        let d = detector();
        let kinds =
            d.classify("Jane Doe\nSkills\nGo, Rust\nExperience\nACME\nEducation: BSc, 2010\nBSc");
        assert_eq!(
            kinds,
            vec![
                SectionKind::Header,
                SectionKind::Skills,
                SectionKind::Skills,
                SectionKind::Experience,
                SectionKind::Experience,
                SectionKind::Education,
                SectionKind::Experience
            ]
        );
    }

    /// A heading whose line break text extraction lost, glued to the end of the line before it
    /// after a lower-case letter, starts its section on the next line; one word glued so, or a
    /// heading glued after a capital or a space, does not.
    #[test]
    fn a_heading_glued_to_a_lines_end_starts_its_section() {
        let d = SectionDetector::new(&Dictionary::builtin().unwrap());
        let text =
            "Skill Details\nPython- Exprience - 24 months\nSQL- Exprience - Less than 1 year \
                    monthsCompany Details\ncompany - Acme\ndescription - Built Go services\n\
                    Shipped the web shopSkills\nKafka\nRead the NEW Work Experience\nPostgreSQL";
        assert_eq!(
            d.classify(text),
            vec![
                SectionKind::Skills,
                SectionKind::Skills,
                SectionKind::Skills,
                SectionKind::Experience,
                SectionKind::Experience,
                SectionKind::Experience,
                SectionKind::Experience,
                SectionKind::Experience,
                SectionKind::Experience,
            ]
        );
        assert_eq!(
            d.glued_heading("3 yearsEDUCATION DETAILS:"),
            Some(SectionKind::Education)
        );
        assert_eq!(d.glued_heading("Company Details"), None);
    }

    /// Headings that take the unusual paths: non-ASCII, longer than the stack buffer, several
    /// spaces, a colon, letters whose lower case is longer or shorter, or depends on the
    /// neighbours (final sigma).
    fn odd_detector() -> (Dictionary, SectionDetector) {
        let mut dict = Dictionary::default();
        for (h, k) in [
            ("skills", SectionKind::Skills),
            ("über mich", SectionKind::Summary),
            ("études", SectionKind::Education),
            ("straße", SectionKind::Other),
            ("σκιλλς", SectionKind::Skills),
            ("i̇stanbul office", SectionKind::Other),
            ("k", SectionKind::Other),
            ("a  b", SectionKind::Other),
            ("projects: selected", SectionKind::Projects),
            ("experience", SectionKind::Experience),
            ("tools & platforms", SectionKind::Skills),
            ("x", SectionKind::Other),
            (
                "a heading far longer than any line that the stack buffer would hold, really",
                SectionKind::Other,
            ),
        ] {
            dict.section_headings.push((h.to_string(), k));
        }
        let detector = SectionDetector::new(&dict);
        (dict, detector)
    }

    /// Lines from the samples and the labelled passages.
    fn sample_lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines = Vec::new();
        for dir in ["samples/resumes", "samples/jobs"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
                .expect("samples exist")
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
                .collect();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(file).expect("readable sample");
                lines.extend(text.lines().map(str::to_string));
            }
        }
        let passages =
            std::fs::read_to_string(root.join("tests/data/passages.tsv")).expect("passages exist");
        for row in passages.lines().filter(|l| !l.starts_with('#')) {
            let text = row.rsplit('\t').next().unwrap_or("");
            lines.extend(text.split("\\n").map(str::to_string));
        }
        assert!(lines.len() > 500, "{}", lines.len());
        lines
    }

    /// Ways of writing a line that reach the other paths of `heading`.
    fn variants(line: &str) -> Vec<String> {
        let spaced: String = line
            .chars()
            .flat_map(|c| [c, ' '])
            .collect::<String>()
            .trim_end()
            .to_string();
        vec![
            line.to_string(),
            line.to_uppercase(),
            line.to_lowercase(),
            spaced.clone(),
            spaced.to_uppercase(),
            spaced.replace("   ", "  "),
            format!("• {line}:"),
            format!("  3. {}  |", line.to_uppercase()),
            format!("## {line} –"),
            format!("—{line}\u{a0}"),
            format!("{line}: Go, Rust"),
            format!("{} :", line.to_uppercase()),
            line.replace(' ', "\t"),
            line.replace(' ', "\u{3000}"),
            line.replace(' ', "\u{b}"),
            line.replace('e', "é").replace('s', "ſ"),
            line.replace('k', "\u{212a}").to_uppercase(),
            format!("{line}{}", " x".repeat(8)),
        ]
    }

    #[test]
    fn headings_agree_with_the_detector_before_the_fast_paths() {
        let builtin = Dictionary::builtin().expect("built-in dictionaries load");
        let (odd, odd_detector) = odd_detector();
        let detectors = [
            (
                reference::Reference::new(&builtin),
                SectionDetector::new(&builtin),
            ),
            (reference::Reference::new(&odd), odd_detector),
        ];
        let mut lines = sample_lines();
        for (h, _) in builtin.section_headings.iter().chain(&odd.section_headings) {
            lines.push(h.clone());
            lines.push(format!("{} and tools", h.to_uppercase()));
            lines.push(format!("{h}:"));
        }
        let (mut checked, mut found) = (0, 0);
        for line in &lines {
            for variant in variants(line) {
                for (expected, detector) in &detectors {
                    let heading = detector.heading(&variant);
                    assert_eq!(heading, expected.heading(&variant), "{variant:?}");
                    checked += 1;
                    found += usize::from(heading.is_some());
                }
            }
        }
        assert!(found * 20 > checked, "{found} of {checked}");
    }

    #[test]
    fn classify_agrees_with_the_detector_before_the_fast_paths() {
        let builtin = Dictionary::builtin().expect("built-in dictionaries load");
        let (expected, detector) = (
            reference::Reference::new(&builtin),
            SectionDetector::new(&builtin),
        );
        let text = sample_lines().join("\n");
        for text in [text.clone(), text.to_uppercase(), text.replace(':', "")] {
            assert_eq!(detector.classify(&text), expected.classify(&text));
        }
        for text in [
            "",
            "\n",
            ":",
            "Skills:\n:\nGo\n",
            "Skills\r\nGo: Rust\r\n:Education\nBSc:",
            "\n\nSKILLS:\n\nTools: Git\nEducation :\n",
        ] {
            assert_eq!(detector.classify(text), expected.classify(text), "{text:?}");
        }
        // Headings glued to the end of a line, each heading in turn, in the cases it is written.
        let mut glued = String::new();
        for (h, _) in &builtin.section_headings {
            for heading in [h.clone(), h.to_uppercase(), title_case(h)] {
                glued.push_str(&format!(
                    "Go - 24 months{heading}\nKafka\nExperience\nRust\n"
                ));
            }
        }
        let kinds = detector.classify(&glued);
        let reference = expected.classify(&glued);
        let lines: Vec<&str> = glued.split('\n').collect();
        for (i, (got, want)) in kinds.iter().zip(&reference).enumerate() {
            assert_eq!(
                got,
                want,
                "line {i}: {:?} after {:?}",
                lines[i],
                lines[i.saturating_sub(1)]
            );
        }
        let switched = kinds.windows(2).filter(|k| k[0] != k[1]).count();
        assert!(switched > 100, "{switched} section changes");
    }

    /// "Company Details" for "company details".
    fn title_case(heading: &str) -> String {
        heading
            .split(' ')
            .map(|w| {
                let mut chars = w.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn trims_white_space_as_str_trim() {
        for s in [
            "",
            " ",
            "\u{a0}",
            " a ",
            "\t\u{b}x\u{c}\r\n",
            "\u{3000}x\u{2003}",
            "é ",
            " é",
            "x\u{85}",
            "\u{200b}x",
            "\u{1680}a b\u{1680}",
            "a",
            "  a  b  ",
        ] {
            assert_eq!(trim_white_space(s), s.trim(), "{s:?}");
        }
    }

    /// The detector before the fast paths: what they must agree with.
    mod reference {
        use crate::dictionary::{Dictionary, SectionKind};
        // Functions the fast paths left as they were serve the reference too.
        use crate::sections::{despace, has_inline_content};
        use std::collections::HashMap;

        pub(super) struct Reference {
            headings: HashMap<String, SectionKind>,
            longest_words: usize,
            longest_chars: usize,
        }

        impl Reference {
            /// Builds the detector from the dictionary's `[[section]]` entries.
            pub(super) fn new(dict: &Dictionary) -> Reference {
                let headings: HashMap<String, SectionKind> =
                    dict.section_headings.iter().cloned().collect();
                let longest_words = headings
                    .keys()
                    .map(|h| h.split_whitespace().count())
                    .max()
                    .unwrap_or(0);
                let longest_chars = headings
                    .keys()
                    .map(|h| h.chars().count())
                    .max()
                    .unwrap_or(0);
                Reference {
                    headings,
                    longest_words,
                    longest_chars,
                }
            }

            /// The section of every line of `text` (normalized), one entry per line.
            ///
            /// A heading with content after its colon ("Tools: Docker, Git") labels only its own line; the
            /// section around it goes on after it. Inside a Skills section such a label stays Skills
            /// ("Languages: Go, Python" is a skills line there, not spoken languages).
            pub(super) fn classify(&self, text: &str) -> Vec<SectionKind> {
                let mut current = SectionKind::Header;
                text.split('\n')
                    .map(|line| match self.heading(line) {
                        Some(kind) if has_inline_content(line) => {
                            if current == SectionKind::Skills {
                                SectionKind::Skills
                            } else {
                                kind
                            }
                        }
                        Some(kind) => {
                            current = kind;
                            kind
                        }
                        None => {
                            let here = current;
                            if let Some(kind) = self.glued_heading(line) {
                                current = kind;
                            }
                            here
                        }
                    })
                    .collect()
            }

            /// An ASCII heading of two words glued to the line's end after a lower-case letter
            /// (the last such).
            fn glued_heading(&self, line: &str) -> Option<SectionKind> {
                let line = line.trim_end_matches([' ', ':']);
                let chars: Vec<(usize, char)> = line.char_indices().collect();
                chars.windows(2).rev().find_map(|pair| {
                    let [(_, before), (at, first)] = [pair[0], pair[1]];
                    let heading = &line[at..];
                    let joined = before.is_ascii_lowercase() && first.is_ascii_uppercase();
                    let last_word = heading.rsplit(' ').next().unwrap_or_default();
                    (joined
                        && heading.matches(' ').count() == 1
                        && heading.is_ascii()
                        && last_word.len() <= super::super::PACKED)
                        .then(|| self.headings.get(&heading.to_lowercase()).copied())
                        .flatten()
                })
            }

            /// The section a line starts, if it is a heading.
            pub(super) fn heading(&self, line: &str) -> Option<SectionKind> {
                let trimmed = line
                    .trim()
                    .trim_start_matches(|c: char| {
                        c == crate::normalize::BULLET
                            || c.is_ascii_digit()
                            || matches!(c, '#' | '*' | '-' | '–' | '—' | '.' | ')' | '>' | ' ')
                    })
                    .trim();
                if trimmed.is_empty() || trimmed.len() > 60 {
                    return self.inline_heading(trimmed);
                }
                let bare = trimmed.trim_end_matches([':', ' ', '.', '-', '–', '|']);
                let shouting_case =
                    bare.chars().any(char::is_alphabetic) && !bare.chars().any(char::is_lowercase);
                // Lower-casing never makes fewer characters and `despace` removes only white space, so a
                // line with more other characters than the longest heading is no heading by itself, and
                // unless it is in capitals only a "Heading: ..." line is left to check.
                let visible = bare.chars().filter(|c| !c.is_whitespace()).count();
                if visible > self.longest_chars && !shouting_case {
                    return self.inline_heading(trimmed);
                }
                let key = despace(&bare.to_lowercase());
                if let Some(kind) = self.headings.get(&key) {
                    return Some(*kind);
                }
                if let Some(kind) = self.inline_heading(trimmed) {
                    return Some(kind);
                }
                // "TECHNICAL SKILLS AND TOOLS", "WORK EXPERIENCE (SELECTED)": capitals, few words.
                let words: Vec<&str> = key.split_whitespace().collect();
                let shouting = shouting_case && words.len() <= 6;
                if shouting {
                    for n in (1..=self.longest_words.min(words.len())).rev() {
                        let prefix = words[..n].join(" ");
                        let prefix = prefix.trim_end_matches([',', '&', ':']);
                        if let Some(kind) = self.headings.get(prefix) {
                            return Some(*kind);
                        }
                    }
                }
                None
            }

            fn inline_heading(&self, line: &str) -> Option<SectionKind> {
                let (head, _) = line.split_once(':')?;
                if head.split_whitespace().count() > self.longest_words.max(1) {
                    return None;
                }
                self.headings.get(&head.trim().to_lowercase()).copied()
            }
        }
    }
}
