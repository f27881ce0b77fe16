//! The phrases of a posting that make rules of its skills: alternatives ("Java or Kotlin",
//! "Python, Ruby or Go") and years ("5+ years of Go", "at least 3 years writing Go",
//! "7+ years of experience", "mindestens 5 Jahre Erfahrung mit Java").

use crate::matcher::Hit;
use regex::Regex;
use std::sync::LazyLock;

/// Words that join two alternatives, in the languages of the posting headings.
const OR_WORDS: &[&str] = &["or", "oder", "ou", "o", "u", "of", "either"];

/// Words that join the skills of one list: "3+ years with Go and Kafka".
const AND_WORDS: &[&str] = &[
    "and", "or", "&", "/", "und", "oder", "et", "ou", "y", "o", "e", "en", "of",
];

/// Words that may stand between "5+ years" and the skill they are about: prepositions,
/// "experience", and what the work was ("5+ years of professional software development in
/// Java", "3 years writing Go", "5 Jahre Erfahrung mit Java").
const YEARS_FILLERS: &[&str] = &[
    "of",
    "in",
    "with",
    "using",
    "on",
    "the",
    "a",
    "an",
    "as",
    "and",
    "at",
    "least",
    "professional",
    "hands-on",
    "commercial",
    "relevant",
    "practical",
    "production",
    "industry",
    "solid",
    "proven",
    "working",
    "work",
    "real-world",
    "recent",
    "strong",
    "experience",
    "experienced",
    "programming",
    "development",
    "developing",
    "engineering",
    "building",
    "writing",
    "coding",
    "software",
    "backend",
    "back-end",
    "server-side",
    // German, French, Spanish, Portuguese, Italian, Dutch
    "mit",
    "im",
    "erfahrung",
    "berufserfahrung",
    "praktische",
    "fundierte",
    "der",
    "die",
    "de",
    "d'expérience",
    "d’expérience",
    "expérience",
    "en",
    "avec",
    "sur",
    "experiencia",
    "con",
    "experiência",
    "com",
    "em",
    "di",
    "esperienza",
    "ervaring",
    "met",
    "werkervaring",
];

/// Words that make "N years" a length of professional experience when no skill follows.
const EXPERIENCE_WORDS: &[&str] = &[
    "experience",
    "erfahrung",
    "berufserfahrung",
    "d'expérience",
    "d’expérience",
    "expérience",
    "experiencia",
    "experiência",
    "esperienza",
    "ervaring",
    "werkervaring",
];

/// "5+ years", "at least 3 years", "3-5 years", "five years", "5 Jahre", "5 ans", "5 años".
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2}(?:[.,]5)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?\.?|jahren?|ans|años|anos|anni|jaar)\b['’]?",
    )
    .expect("valid regex")
});

/// A length of time a posting asks for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YearsPhrase {
    /// Years asked for (the lower bound of a range).
    pub years: f64,
    /// Indices (into the hits given) of the skills the years are about; empty for total
    /// experience.
    pub hits: Vec<usize>,
    /// Byte range of the phrase in the text.
    pub start: usize,
}

/// Groups of alternatives on one line, as indices into `hits` (which are in text order): hits
/// joined by "or" ("Java or Kotlin", "Java (or Kotlin)"), with the comma-separated hits of the
/// same category just before them ("Python, Ruby or Go").
pub(super) fn alternatives(
    text: &str,
    hits: &[&Hit],
    category: impl Fn(&Hit) -> usize,
) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut i = 0;
    while i + 1 < hits.len() {
        if !joined_by(text, hits[i], hits[i + 1], OR_WORDS) {
            i += 1;
            continue;
        }
        let mut group = vec![i, i + 1];
        // Forward: "Java or Kotlin or Scala", "Java, Kotlin, or Scala".
        let mut last = i + 1;
        while last + 1 < hits.len() && joined_by(text, hits[last], hits[last + 1], OR_WORDS) {
            last += 1;
            group.push(last);
        }
        // Backward: "Python, Ruby or Go", when the listed skills are of the same kind.
        let kind = category(hits[i]);
        let mut first = i;
        while first > 0
            && category(hits[first - 1]) == kind
            && joined_by(text, hits[first - 1], hits[first], &[])
        {
            first -= 1;
            group.insert(0, first);
        }
        groups.push(group);
        i = last + 1;
    }
    groups
}

/// The years phrases of the line `text[line_start..line_end]`; `hits` are the line's hits in
/// text order, with offsets into `text`.
pub(super) fn years(
    text: &str,
    line_start: usize,
    line_end: usize,
    hits: &[&Hit],
) -> Vec<YearsPhrase> {
    let mut out = Vec::new();
    let Some(line) = text.get(line_start..line_end) else {
        return out;
    };
    let offset = line_start;
    for caps in YEARS.captures_iter(line) {
        let (Some(whole), Some(number)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Some(years) = number_value(number.as_str()) else {
            continue;
        };
        if years == 0.0 {
            continue;
        }
        let start = offset + whole.start();
        let end = offset + whole.end();
        let mut experience = false;
        // The first hit after the phrase, reached over filler words only.
        let next = hits.iter().position(|h| h.start >= end);
        let mut found: Vec<usize> = Vec::new();
        if let Some(n) = next {
            let between = text.get(end..hits[n].start).unwrap_or("");
            let (fillers_only, saw_experience) = fillers(between);
            experience |= saw_experience;
            if fillers_only {
                found.push(n);
                // "3+ years with Go and Kafka": the skills listed right after it.
                let mut k = n;
                while k + 1 < hits.len() && joined_by(text, hits[k], hits[k + 1], AND_WORDS) {
                    k += 1;
                    found.push(k);
                }
            }
        } else {
            let (_, saw_experience) = fillers(&line[whole.end()..]);
            experience |= saw_experience;
        }
        if found.is_empty() && !experience {
            // "Go (5+ years)", "Kotlin: 3 years": the skill just before it.
            let before = hits.iter().rposition(|h| h.end <= start);
            if let Some(b) = before {
                let gap = text.get(hits[b].end..start).unwrap_or("x");
                if gap
                    .chars()
                    .all(|c| c.is_whitespace() || "(:-–—*_".contains(c))
                {
                    found.push(b);
                }
            }
        }
        if found.is_empty() && !experience {
            continue;
        }
        out.push(YearsPhrase {
            years,
            hits: found,
            start,
        });
    }
    out
}

/// True when only a comma, brackets and emphasis marks, and at most one of `words`, stand
/// between the two hits: ", ", " or ", ", or ", " (or ", " / ". With no words, only a comma.
fn joined_by(text: &str, a: &Hit, b: &Hit, words: &[&str]) -> bool {
    if a.line != b.line {
        return false;
    }
    let Some(between) = text.get(a.end..b.start) else {
        return false;
    };
    let mut comma = false;
    let mut word: Option<&str> = None;
    for token in between.split(|c: char| c.is_whitespace() || "*_(".contains(c)) {
        if token.is_empty() {
            continue;
        }
        let token = match token.strip_prefix(',') {
            Some(rest) => {
                comma = true;
                rest
            }
            None => token,
        };
        if token.is_empty() {
            continue;
        }
        if token == "," {
            comma = true;
            continue;
        }
        let known = words.iter().any(|w| w.eq_ignore_ascii_case(token));
        if !known || word.is_some() {
            // "either ... or" is one word for this purpose: only one joining word in between.
            return false;
        }
        word = Some(token);
    }
    if words.is_empty() {
        comma
    } else {
        word.is_some()
    }
}

/// Whether `between` holds only filler words, and whether one of them says "experience".
fn fillers(between: &str) -> (bool, bool) {
    let mut experience = false;
    let mut only = true;
    let mut count = 0;
    for token in between.split(|c: char| c.is_whitespace() || "*_()".contains(c)) {
        if token.is_empty() {
            continue;
        }
        // Punctuation ends the phrase: "4+ years of back-end experience, with ..." is about
        // no skill.
        if token.contains([',', '.', ';', ':']) {
            let word = token.trim_end_matches([',', '.', ';', ':']);
            experience |= is_experience(word);
            return (false, experience);
        }
        count += 1;
        experience |= is_experience(token);
        let lower = token.to_lowercase();
        if !YEARS_FILLERS.contains(&lower.as_str()) {
            only = false;
            break;
        }
    }
    (only && count <= 8, experience)
}

fn is_experience(word: &str) -> bool {
    let lower = word.to_lowercase();
    EXPERIENCE_WORDS.contains(&lower.as_str())
}

fn number_value(text: &str) -> Option<f64> {
    const WORDS: [(&str, f64); 12] = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
    ];
    if let Some((_, v)) = WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(text)) {
        return Some(*v);
    }
    text.replace(',', ".").parse().ok()
}
