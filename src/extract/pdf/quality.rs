//! The quality gate: does an engine's text look like what a reader sees on the page?
//!
//! PDF engines fail quietly more often than loudly. pdf-extract splits words inside kerned runs
//! ("Exa mp le do cumen t", "A WS"); fonts without a Unicode map come out as `(cid:12)` codes,
//! U+FFFD or control characters; some layouts come out one letter per line; scans come out empty.
//! Each of these is cheap to see in the text itself, so every engine's result passes through
//! [`assess`] and a failing one sends the file to the next engine.

/// Fewer words per page than this and the page has no real text layer (a scan, or text drawn as
/// outlines). A sparse real CV page still carries a name, a heading and a few lines.
pub const MIN_WORDS_PER_PAGE: usize = 5;

/// Share of "split" tokens (short letter fragments that are no word) above which the text is
/// taken as split apart. Ordinary CV text stays well below it: see the figures in `README.md`.
const MAX_SPLIT_SHARE: f64 = 0.08;
/// Share of unreadable characters (U+FFFD, control and private-use characters) among the
/// non-space characters above which the text is taken as garbled.
const MAX_JUNK_SHARE: f64 = 0.02;
/// Share of `(cid:NN)` codes among the words above which the text is taken as garbled.
const MAX_CID_SHARE: f64 = 0.02;
/// Share of one-character lines above which the text is taken as laid out one letter per line.
const MAX_ONE_CHAR_LINE_SHARE: f64 = 0.4;
/// Below this many lines, one-character lines say nothing.
const MIN_LINES_FOR_LINE_CHECK: usize = 10;
/// Below this many letter tokens the split-word share is noise.
const MIN_TOKENS_FOR_SPLIT_CHECK: usize = 20;

/// One- and two-letter tokens that are ordinary words (or the usual single-letter ones), so they
/// are no sign of a word split apart. Compared lower-cased.
const SHORT_WORDS: &[&str] = &[
    // English.
    "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me",
    "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we", "vs",
    // Particles of names and common non-English words ("de Souza", "da Silva", "et al").
    "al", "da", "de", "di", "du", "el", "en", "et", "la", "le", "un", "y",
    // Technical names written in lower case.
    "c", "r", "x", "ai", "ci", "cd", "db", "io", "js", "ml", "os", "qa", "ts", "ui", "ux",
];

/// Why a text failed the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Fewer than [`MIN_WORDS_PER_PAGE`] words per page: no usable text layer.
    NearlyEmpty,
    /// Many short letter fragments: words split apart inside kerned runs.
    SplitWords,
    /// Many U+FFFD, control or private-use characters: glyphs without a Unicode mapping.
    UnreadableCharacters,
    /// Many `(cid:NN)` codes: a CID font without a Unicode map.
    CidCodes,
    /// Most lines hold a single character.
    OneLetterPerLine,
}

impl Problem {
    /// A one-line description for people.
    pub fn describe(self) -> &'static str {
        match self {
            Problem::NearlyEmpty => "the PDF has (almost) no text layer",
            Problem::SplitWords => "words are split into fragments",
            Problem::UnreadableCharacters => "many characters have no readable form",
            Problem::CidCodes => "many characters came out as (cid:NN) codes",
            Problem::OneLetterPerLine => "the text comes out one letter per line",
        }
    }
}

/// What the gate measured on one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    /// Whitespace-separated tokens that hold a letter or digit.
    pub words: usize,
    /// Letters and digits.
    pub alphanumerics: usize,
    /// Pages the engine saw (at least 1).
    pub pages: usize,
    /// Share of letter tokens that look like fragments of split words.
    pub split_share: f64,
    /// Share of non-space characters that are U+FFFD, control or private-use characters.
    pub junk_share: f64,
    /// `(cid:NN)` codes per word.
    pub cid_share: f64,
    /// Share of non-empty lines that hold a single character.
    pub one_char_line_share: f64,
    /// The first problem found, or `None` when the text passes.
    pub problem: Option<Problem>,
}

impl Quality {
    /// True when the text passed the gate.
    pub fn passed(&self) -> bool {
        self.problem.is_none()
    }

    /// How much usable text there is, to pick the best of several failing results: letters and
    /// digits (which splitting words does not inflate), scaled down by each sign of damage. A
    /// nearly empty text always ranks below any other.
    pub fn usable(&self) -> (bool, f64) {
        let noise = self.split_share + self.cid_share + self.junk_share + self.one_char_line_share;
        (
            self.problem != Some(Problem::NearlyEmpty),
            self.alphanumerics as f64 * (1.0 - noise.min(1.0)),
        )
    }
}

/// Measures `text`, extracted from a document of `pages` pages.
pub fn assess(text: &str, pages: usize) -> Quality {
    let pages = pages.max(1);
    let mut words = 0usize;
    let mut letter_tokens = 0usize;
    let mut split = 0usize;
    let mut cids = 0usize;
    for token in text.split_whitespace() {
        cids += token.matches("(cid:").count();
        if !token.chars().any(char::is_alphanumeric) {
            continue;
        }
        words += 1;
        // Fragments are judged on pure letter tokens, with wrapping punctuation removed; a token
        // with an inner dot or digit ("e.g.", "3D", "F.") is an abbreviation, not a fragment.
        let core = token.trim_matches(|c: char| ",;:()[]{}\"'“”‘’!?•·|/".contains(c));
        // Only ASCII letters: a lone non-ASCII letter is more often mojibake ("Â" for a
        // non-breaking space) or a symbol than a fragment.
        if core.is_empty() || !core.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        letter_tokens += 1;
        if core.chars().count() <= 2 && !is_short_word(core) {
            split += 1;
        }
    }

    let (mut visible, mut junk, mut alphanumerics) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        alphanumerics += usize::from(c.is_alphanumeric());
        if c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            junk += 1;
        }
    }

    let (mut lines, mut one_char_lines) = (0usize, 0usize);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        if line.chars().count() == 1 {
            one_char_lines += 1;
        }
    }

    let share = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    };
    let split_share = share(split, letter_tokens);
    let junk_share = share(junk, visible);
    let cid_share = share(cids, words.max(cids));
    let one_char_line_share = share(one_char_lines, lines);

    let problem = if words < MIN_WORDS_PER_PAGE * pages {
        Some(Problem::NearlyEmpty)
    } else if cid_share > MAX_CID_SHARE {
        Some(Problem::CidCodes)
    } else if junk_share > MAX_JUNK_SHARE {
        Some(Problem::UnreadableCharacters)
    } else if lines >= MIN_LINES_FOR_LINE_CHECK && one_char_line_share > MAX_ONE_CHAR_LINE_SHARE {
        Some(Problem::OneLetterPerLine)
    } else if letter_tokens >= MIN_TOKENS_FOR_SPLIT_CHECK && split_share > MAX_SPLIT_SHARE {
        Some(Problem::SplitWords)
    } else {
        None
    };
    Quality {
        words,
        alphanumerics,
        pages,
        split_share,
        junk_share,
        cid_share,
        one_char_line_share,
        problem,
    }
}

fn is_short_word(token: &str) -> bool {
    let lower = token.to_lowercase();
    // Two capitals are an acronym or a state code far more often than a fragment ("AI", "NY").
    let acronym = token.chars().count() == 2 && token.chars().all(char::is_uppercase);
    acronym || SHORT_WORDS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "EXPERIENCE\n\
        Senior Backend Engineer, Acme Corp (2019 - 2024)\n\
        • Built the payment APIs in Go and Python on PostgreSQL, with Kafka for events.\n\
        • Led a team of 5 engineers; moved the services to Kubernetes on AWS.\n\
        • Cut p99 latency by 40% with Redis caching and better SQL indexes.\n\
        SKILLS\n\
        Go, Python, Java, SQL, Docker, Kubernetes, Terraform, CI/CD, REST, gRPC, AI/ML, UI/UX\n";

    #[test]
    fn good_text_passes() {
        let q = assess(GOOD, 1);
        assert_eq!(q.problem, None, "{q:?}");
        assert!(q.words > 50);
        assert!(q.split_share < 0.03, "{q:?}");
    }

    #[test]
    fn split_words_fail() {
        // What pdf-extract makes of a Google Docs page.
        let text = "Exa mp le do cumen t\nThi s is a n exa mp le of a Goo gle Do cs docu ment \
            wit h ker ned tex t. A WS, EXPERIENC E, W eb3 an d Kube rnete s we re use d da ily \
            fo r th e pay ment pla tfo rm.";
        let q = assess(text, 1);
        assert_eq!(q.problem, Some(Problem::SplitWords), "{q:?}");
    }

    #[test]
    fn cid_codes_fail() {
        let mut text = String::from("John Smith\nSoftware Engineer\n");
        for i in 0..40 {
            text.push_str(&format!("(cid:{}) ", 30 + i % 20));
        }
        text.push_str("\nPython Go Kubernetes");
        let q = assess(&text, 1);
        assert_eq!(q.problem, Some(Problem::CidCodes), "{q:?}");
    }

    #[test]
    fn replacement_characters_fail() {
        let text = GOOD.replace(['a', 'e'], "\u{FFFD}");
        let q = assess(&text, 1);
        assert_eq!(q.problem, Some(Problem::UnreadableCharacters), "{q:?}");
        // A stray one in a long text is no reason to distrust it.
        let text = format!("{GOOD}\u{FFFD}");
        assert_eq!(assess(&text, 1).problem, None);
    }

    #[test]
    fn one_letter_per_line_fails() {
        let text: String =
            GOOD.chars()
                .filter(|c| !c.is_whitespace())
                .fold(String::new(), |mut s, c| {
                    s.push(c);
                    s.push('\n');
                    s
                });
        // Every single-letter token is also a split fragment; the line layout is named first.
        let q = assess(&text, 1);
        assert!(q.words > 0);
        assert_eq!(q.problem, Some(Problem::OneLetterPerLine), "{q:?}");
    }

    #[test]
    fn too_few_words_for_the_pages_is_nearly_empty() {
        assert_eq!(assess("", 1).problem, Some(Problem::NearlyEmpty));
        assert_eq!(
            assess("Curriculum Vitae\nJane Doe\n", 3).problem,
            Some(Problem::NearlyEmpty)
        );
        // The same words on one page are a short, real text.
        assert_eq!(assess("Jane Doe, Go and Python developer", 1).problem, None);
        // An engine that saw no pages still counts as one page.
        assert_eq!(assess("  \n ", 0).pages, 1);
    }

    #[test]
    fn ranking_prefers_usable_text() {
        let good = assess(GOOD, 1);
        let split = assess(&GOOD.replace("in", "i n").replace("er", "e r"), 1);
        let empty = assess("", 1);
        assert!(good.usable() > split.usable());
        assert!(split.usable() > empty.usable());
    }
}
