//! Years of experience per skill.
//!
//! Two sources, the first winning when both exist:
//!
//! 1. **Stated**: "6+ years of Go", "3 years experience with Kafka", "Python (4 yrs)",
//!    "Kafka - 5 years". The number is tied to the skill mentioned right after (or right before,
//!    for the bracketed form).
//! 2. **Dated entries**: in experience and project sections, a line with a date range ("Jan 2019 –
//!    Present", "2016-2018", "03/2020 - 07/2022", "2012/05 – 2014/08") starts an entry that runs to
//!    the next dated line. A skill mentioned in an entry was used for that period. Periods are
//!    merged before they are added up, so overlapping jobs are not counted twice. `last_used` is the
//!    latest year of those periods.

use crate::dictionary::SectionKind;
use crate::matcher::Hit;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A month count: year × 12 + month index (0-based).
type Month = i32;

/// Years and last year of use for one skill.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SkillYears {
    /// Years of experience, one decimal.
    pub years: Option<f64>,
    /// Last year the skill was used, from dated entries.
    pub last_used: Option<i32>,
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static DATE_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&date_range_pattern()).expect("date range regex is valid"));

/// [`DATE_RANGE`] with ASCII-only classes. On a line whose non-ASCII characters are neither word
/// characters nor white space it finds the same matches, and unlike the Unicode version its
/// word boundaries do not make the fast engine give up at the first "–".
static DATE_RANGE_ASCII: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::RegexBuilder::new(&date_range_pattern())
        .unicode(false)
        .build()
        .expect("date range regex is valid")
});

fn date_range_pattern() -> String {
    let point = format!(
        r"(?:(?P<{{p}}m>{MONTH})\.?,?\s*|(?P<{{p}}n>\d{{1,2}})\s*[/.]\s*)?(?P<{{p}}y>(?:19|20)\d{{2}})(?:\s*[/.-]\s*(?P<{{p}}t>\d{{1,2}})\b)?"
    );
    let start = point.replace("{p}", "s");
    let end = point.replace("{p}", "e");
    format!(
        r"(?i)\b{start}\s*(?:-|–|—|~|\bto\b|\buntil\b|\btill\b)\s*(?:{end}|(?P<now>present|current|now|today|date|ongoing)\b)"
    )
}

static STATED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<n>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\.?(?:\s+of)?(?:\s+(?:professional|hands-on|commercial|industry|production|solid|strong))?(?:\s+(?:experience|exp\.?))?(?:\s+(?:in|with|using|of|on|building|writing|developing|programming))?(?:\s+(?:the|a))?\s*[:(]?\s*$",
    )
    .expect("stated-years regex is valid")
});

static STATED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\(\s*|[-–:,]\s*)(?P<n>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\b")
        .expect("stated-years regex is valid")
});

/// Works out years of experience for each skill with hits.
///
/// `today` is the month that "Present" stands for.
pub fn skill_years(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    hits: &[Hit],
    today: (i32, u32),
) -> BTreeMap<usize, SkillYears> {
    let now: Month = today.0 * 12 + today.1.saturating_sub(1) as i32;
    let mut out: BTreeMap<usize, SkillYears> = BTreeMap::new();

    // 1. Stated years, looked for only on lines that talk about years.
    let mut talks_about_years: Option<(usize, bool)> = None; // (line, answer) of the last hit
    for hit in hits {
        let line_start = line_starts.get(hit.line).copied().unwrap_or(0);
        let line_end = line_starts
            .get(hit.line + 1)
            .map_or(text.len(), |e| e.saturating_sub(1));
        let line = &text[line_start..line_end.max(line_start)];
        let mentions_years = match talks_about_years {
            Some((l, answer)) if l == hit.line => answer,
            _ => {
                let answer = contains_ignore_ascii_case(line.as_bytes(), b"year")
                    || contains_ignore_ascii_case(line.as_bytes(), b"yr");
                talks_about_years = Some((hit.line, answer));
                answer
            }
        };
        if !mentions_years {
            continue;
        }
        let before = &text[line_start..hit.start];
        let after = &text[hit.end..line_end.max(hit.end)];
        let stated = STATED_BEFORE
            .captures(before)
            .or_else(|| STATED_AFTER.captures(after))
            .and_then(|c| c["n"].parse::<f64>().ok());
        if let Some(n) = stated.filter(|n| *n > 0.0 && *n <= 50.0) {
            let entry = out.entry(hit.skill).or_default();
            entry.years = Some(entry.years.map_or(n, |y: f64| y.max(n)));
        }
    }

    // 2. Dated entries in experience and projects (or anywhere but education when the resume has
    //    no recognisable experience section).
    let has_experience = sections.contains(&SectionKind::Experience);
    let dated_section = |s: SectionKind| {
        if has_experience {
            matches!(s, SectionKind::Experience | SectionKind::Projects)
        } else {
            !matches!(
                s,
                SectionKind::Education | SectionKind::Certifications | SectionKind::Skills
            )
        }
    };
    let mut entries: Vec<(usize, Month, Month)> = Vec::new(); // (first line, start, end)
    for (i, &start) in line_starts.iter().enumerate() {
        if !sections.get(i).copied().is_some_and(dated_section) {
            continue;
        }
        let end = line_starts.get(i + 1).map_or(text.len(), |e| e - 1);
        let line = &text[start..end.max(start)];
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some((from, to)) = parse_range(line, now) {
            entries.push((i, from, to));
        }
    }
    let mut periods: BTreeMap<usize, Vec<(Month, Month)>> = BTreeMap::new();
    for (k, &(first_line, from, to)) in entries.iter().enumerate() {
        let next_line = entries.get(k + 1).map_or(usize::MAX, |e| e.0);
        let section = sections.get(first_line).copied();
        for hit in hits {
            let in_entry = hit.line >= first_line && hit.line < next_line;
            if in_entry && (first_line..=hit.line).all(|l| sections.get(l).copied() == section) {
                periods.entry(hit.skill).or_default().push((from, to));
            }
        }
    }
    for (skill, mut spans) in periods {
        spans.sort();
        let mut months = 0;
        let mut last: Option<(Month, Month)> = None;
        for (s, e) in spans {
            match &mut last {
                Some((_, le)) if s <= *le + 1 => *le = (*le).max(e),
                _ => {
                    if let Some((ls, le)) = last {
                        months += le - ls + 1;
                    }
                    last = Some((s, e));
                }
            }
        }
        let mut latest = None;
        if let Some((ls, le)) = last {
            months += le - ls + 1;
            latest = Some(le.div_euclid(12));
        }
        let entry = out.entry(skill).or_default();
        if entry.years.is_none() && months > 0 {
            entry.years = Some((f64::from(months) / 12.0 * 10.0).round() / 10.0);
        }
        entry.last_used = latest;
    }
    out
}

/// The first date range in a line, as (start, end) months; `None` when there is none or it runs
/// backwards.
fn parse_range(line: &str, now: Month) -> Option<(Month, Month)> {
    if ascii_classes_suffice(line) {
        let caps = DATE_RANGE_ASCII.captures(line.as_bytes())?;
        range_of(
            |name| {
                caps.name(name)
                    .and_then(|m| std::str::from_utf8(m.as_bytes()).ok())
            },
            now,
        )
    } else {
        let caps = DATE_RANGE.captures(line)?;
        range_of(|name| caps.name(name).map(|m| m.as_str()), now)
    }
}

/// The (start, end) months of a date range match, read through `group` (capture group by name).
fn range_of<'a>(group: impl Fn(&str) -> Option<&'a str>, now: Month) -> Option<(Month, Month)> {
    let month_of = |name: &str, num: &str, trailing: &str| {
        if let Some(m) = group(name) {
            return Some(month_index(m));
        }
        group(num)
            .or_else(|| group(trailing))
            .and_then(|n| n.parse::<i32>().ok())
            .filter(|n| (1..=12).contains(n))
            .map(|n| n - 1)
    };
    let sy: i32 = group("sy")?.parse().ok()?;
    let sm = month_of("sm", "sn", "st").unwrap_or(0);
    let from = sy * 12 + sm;
    let to = if group("now").is_some() {
        now
    } else {
        let ey: i32 = group("ey")?.parse().ok()?;
        let em = month_of("em", "en", "et").unwrap_or(11);
        ey * 12 + em
    };
    (from <= to && to <= now + 12).then_some((from, to))
}

/// True when ASCII-only `\b`, `\s`, `\d` and case folding read `line` as the Unicode ones do:
/// when none of its non-ASCII characters is a word character or white space.
fn ascii_classes_suffice(line: &str) -> bool {
    line.is_ascii()
        || line
            .chars()
            .filter(|c| !c.is_ascii())
            .all(|c| !c.is_whitespace() && regex_syntax::try_is_word_character(c).is_ok_and(|w| !w))
}

/// Whether `haystack` contains `needle` (non-empty, lower-case ASCII), ignoring ASCII case.
fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    haystack.iter().enumerate().any(|(i, &b)| {
        b.to_ascii_lowercase() == first
            && haystack
                .get(i + 1..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(rest))
    })
}

fn month_index(name: &str) -> i32 {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| lower.starts_with(n))
        .map_or(0, |i| i as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Month = 2026 * 12 + 10;

    fn range(s: &str) -> Option<(i32, i32, i32, i32)> {
        parse_range(s, NOW).map(|(a, b)| (a / 12, a % 12 + 1, b / 12, b % 12 + 1))
    }

    #[test]
    fn parses_many_date_formats() {
        assert_eq!(range("Jan 2019 – Present"), Some((2019, 1, 2026, 11)));
        assert_eq!(range("2016-2018"), Some((2016, 1, 2018, 12)));
        assert_eq!(range("03/2020 - 07/2022"), Some((2020, 3, 2022, 7)));
        assert_eq!(range("March 2017 to June 2019"), Some((2017, 3, 2019, 6)));
        assert_eq!(range("2014 – 2016"), Some((2014, 1, 2016, 12)));
        assert_eq!(range("Sep. 2021 - Current"), Some((2021, 9, 2026, 11)));
        assert_eq!(range("2012/05 – 2014/08"), Some((2012, 5, 2014, 8)));
        assert_eq!(
            range("Engineer, ACME (Feb 2015 — Dec 2017)"),
            Some((2015, 2, 2017, 12))
        );
        assert_eq!(range("May 2013 to May 2017"), Some((2013, 5, 2017, 5)));
        assert_eq!(range("2019 - now"), Some((2019, 1, 2026, 11)));
    }

    #[test]
    fn ascii_twin_finds_what_the_unicode_regex_finds() {
        for line in [
            "Engineer • ACME — Jan 2019 – Present",
            "2012/05 – 2014/08 · Berlin",
            "Sep. 2021 ‑ Current",
            "x2019 – 2020",
            "May 2013 to May 2017 ▪ remote",
        ] {
            assert!(ascii_classes_suffice(line), "{line}");
            let unicode = DATE_RANGE
                .captures(line)
                .map(|c| c.get(0).map(|m| m.range()));
            let ascii = DATE_RANGE_ASCII
                .captures(line.as_bytes())
                .map(|c| c.get(0).map(|m| m.range()));
            assert_eq!(unicode, ascii, "{line}");
        }
        // A letter glued to the year is no word boundary for the Unicode regex.
        assert!(!ascii_classes_suffice("é2019 – 2020"));
        assert_eq!(range("é2019 – 2020"), None);
        assert_eq!(range("São Paulo, 2019 – 2020"), Some((2019, 1, 2020, 12)));
    }

    #[test]
    fn ignores_non_ranges() {
        assert_eq!(range("Call +1 555 014 2290"), None);
        assert_eq!(range("2018"), None);
        assert_eq!(range("2020 - 2016"), None);
        assert_eq!(range("Go 1.22 - 1.23"), None);
    }
}
