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
//!    latest year of those periods. Date ranges are read by the recogniser in `years/range.rs`.

use crate::dictionary::SectionKind;
use crate::matcher::Hit;
use crate::normalize::lines::line_span;
pub(crate) use range::{dated_range, may_hold_a_date, DatedRange, LineRanges};
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A month count: year × 12 + month index (0-based).
pub(crate) type Month = i32;

/// Years and last year of use for one skill.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SkillYears {
    /// Years of experience, one decimal.
    pub years: Option<f64>,
    /// Last year the skill was used, from dated entries.
    pub last_used: Option<i32>,
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

/// Capture group of the number in [`STATED_BEFORE`] and [`STATED_AFTER`].
const STATED_N: usize = 1;

/// The month "Present" stands for, from a (year, month 1–12) date.
pub(crate) fn present_month(today: (i32, u32)) -> Month {
    today.0 * 12 + today.1.saturating_sub(1) as i32
}

/// Works out years of experience for each skill with hits.
///
/// `ranges` reads the date ranges of `text`'s lines (and knows the month "Present" stands for).
pub(crate) fn skill_years(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    hits: &[Hit],
    ranges: &LineRanges<'_>,
) -> BTreeMap<usize, SkillYears> {
    let stated = stated_years(text, line_starts, hits);
    let dated = dated_years(text, line_starts, sections, hits, ranges);
    // Both by skill: merged in order, the map is built in one go.
    let mut out = Vec::with_capacity(stated.len() + dated.len());
    let mut stated = stated.into_iter().peekable();
    for (skill, from_dates) in dated {
        while let Some(only_stated) = stated.next_if(|(s, _)| *s < skill) {
            out.push(only_stated);
        }
        let mut years = stated
            .next_if(|(s, _)| *s == skill)
            .map_or_else(SkillYears::default, |(_, y)| y);
        if years.years.is_none() {
            years.years = from_dates.years;
        }
        years.last_used = from_dates.last_used;
        out.push((skill, years));
    }
    out.extend(stated);
    out.into_iter().collect()
}

/// Stated years, looked for only on lines that talk about years.
fn stated_years(text: &str, line_starts: &[usize], hits: &[Hit]) -> BTreeMap<usize, SkillYears> {
    let mut out: BTreeMap<usize, SkillYears> = BTreeMap::new();
    if hits.is_empty() {
        return out;
    }
    let mut years_words = years_words(text.as_bytes());
    let (mut before_slots, mut after_slots) = (None, None);
    // The line of the last hit, and where the first "year" or "yr" in it ends.
    let mut last_line: Option<(usize, Option<usize>)> = None;
    for hit in hits {
        let Range {
            start: line_start,
            end: line_end,
        } = line_span(text, line_starts, hit.line);
        let years_word_end = match last_line {
            Some((line, end)) if line == hit.line => end,
            _ => {
                let end = years_words
                    .first_within(line_start, line_end)
                    .map(|(_, e)| e);
                last_line = Some((hit.line, end));
                end
            }
        };
        let Some(years_word_end) = years_word_end else {
            continue;
        };
        let before = &text[line_start..hit.start];
        let after = &text[hit.end..line_end.max(hit.end)];
        // STATED_BEFORE needs "year" or "yr" (letters that no other character folds to) before
        // the skill, STATED_AFTER a bracket, dash, colon or comma after it: without them neither
        // can match. The line's first "year" or "yr" is the one that ends first.
        let number = if years_word_end <= hit.start {
            stated_number(&STATED_BEFORE, &mut before_slots, before)
        } else {
            None
        };
        let number = number.or_else(|| {
            if may_start_stated_after(after) {
                stated_number(&STATED_AFTER, &mut after_slots, after)
            } else {
                None
            }
        });
        let stated = number.and_then(|n| n.parse::<f64>().ok());
        if let Some(n) = stated.filter(|n| *n > 0.0 && *n <= 50.0) {
            let entry = out.entry(hit.skill).or_default();
            entry.years = Some(entry.years.map_or(n, |y: f64| y.max(n)));
        }
    }
    out
}

/// The number of years in the match of a stated-years regex in `hay`, if any.
///
/// The number is read off the match when it is all ASCII (see [`leading_number`]), or else found
/// by the capture engine, with `slots` kept from call to call.
fn stated_number<'h>(
    re: &Regex,
    slots: &mut Option<regex::CaptureLocations>,
    hay: &'h str,
) -> Option<&'h str> {
    let m = re.find(hay)?;
    if m.as_str().is_ascii() {
        let m = m.as_str();
        // STATED_AFTER's match starts with white space and its bracket or punctuation mark.
        let number = m.trim_start_matches(|c: char| {
            matches!(
                c,
                ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r' | '(' | '-' | ':' | ','
            )
        });
        if let Some(n) = leading_number(number) {
            return Some(n);
        }
    }
    let slots = slots.get_or_insert_with(|| re.capture_locations());
    re.captures_read(slots, hay)?;
    slots.get(STATED_N).map(|(s, e)| &hay[s..e])
}

/// The number `\d{1,2}(?:\.\d)?` that starts an ASCII stated-years match, once its leading white
/// space and punctuation are gone. In the rest of the match it is followed by white space, '+' or
/// 'y', so the regex can read it one way only: up to two digits and, if a '.' and a digit come
/// next, those too. `None` if the text does not start that way.
fn leading_number(m: &str) -> Option<&str> {
    let b = m.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    match b.get(digits..digits + 2) {
        Some([b'.', d]) if d.is_ascii_digit() => Some(&m[..digits + 2]),
        _ => Some(&m[..digits]),
    }
}

/// Which sections' dated entries count: experience and projects, or anything but education,
/// certifications and skills when the resume has no recognisable experience section.
fn dated_sections(sections: &[SectionKind]) -> impl Fn(SectionKind) -> bool {
    let has_experience = sections.contains(&SectionKind::Experience);
    move |s| {
        if has_experience {
            matches!(s, SectionKind::Experience | SectionKind::Projects)
        } else {
            !matches!(
                s,
                SectionKind::Education | SectionKind::Certifications | SectionKind::Skills
            )
        }
    }
}

/// Years from dated entries in experience and projects (or anywhere but education when the resume
/// has no recognisable experience section), by skill in order.
fn dated_years(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    hits: &[Hit],
    ranges: &LineRanges<'_>,
) -> Vec<(usize, SkillYears)> {
    let dated_section = dated_sections(sections);
    let mut year_numbers = year_numbers(text.as_bytes());
    let mut entries: Vec<Entry> = Vec::new();
    let mut run_end = 0; // where the section of the last entry's first line changes
    for i in 0..line_starts.len() {
        let Some(section) = sections.get(i).copied().filter(|&s| dated_section(s)) else {
            continue;
        };
        let line = line_span(text, line_starts, i);
        if year_numbers.first_within(line.start, line.end).is_none() {
            continue;
        }
        if let Some((from, to)) = ranges.of_line(i).map(|r| (r.from, r.to)) {
            // The entry runs to the next dated line, and a hit counts only while the section has
            // not changed since the entry's first line.
            if i >= run_end {
                run_end = sections[i + 1..]
                    .iter()
                    .position(|&s| s != section)
                    .map_or(sections.len(), |n| i + 1 + n);
            }
            entries.push(Entry {
                first: i,
                section_end: run_end,
                from,
                to,
            });
        }
    }
    if entries.is_empty() {
        return Vec::new();
    }
    // Each hit's entry, as the rank of the entry's period among all periods, beside the skill:
    // sorted, they give each skill's periods in order, once per entry.
    let mut by_period: Vec<usize> = (0..entries.len()).collect();
    by_period.sort_unstable_by_key(|&k| (entries[k].from, entries[k].to));
    let mut rank = vec![0; entries.len()];
    for (r, &k) in by_period.iter().enumerate() {
        rank[k] = r;
    }
    let mut used: Vec<u128> = Vec::with_capacity(hits.len());
    let mut k = 0; // how many entries start at or before the line of the last hit
    for hit in hits {
        if k > 0 && entries[k - 1].first > hit.line {
            k = entries.partition_point(|e| e.first <= hit.line);
        }
        while entries.get(k).is_some_and(|e| e.first <= hit.line) {
            k += 1;
        }
        // The last entry that starts at or before the hit's line; the next one starts after it.
        if let Some(k) = k
            .checked_sub(1)
            .filter(|&k| hit.line < entries[k].section_end)
        {
            used.push(((hit.skill as u128) << 64) | rank[k] as u128);
        }
    }
    used.sort_unstable();
    used.dedup();
    let mut out = Vec::new();
    for skill_used in used.chunk_by(|a, b| a >> 64 == b >> 64) {
        // An entry's period is counted once however often the skill comes up in it.
        let (months, last_end) = merged_months(skill_used.iter().map(|&u| {
            let entry = &entries[by_period[u as u64 as usize]];
            (entry.from, entry.to)
        }));
        let last_used = last_end.map(|end| end.div_euclid(12));
        let years = (months > 0).then(|| (f64::from(months) / 12.0 * 10.0).round() / 10.0);
        out.push((
            (skill_used[0] >> 64) as usize,
            SkillYears { years, last_used },
        ));
    }
    out
}

/// The months covered by `spans` (sorted by start), overlapping and adjoining ones merged first so
/// that overlapping jobs count once, and the end of the last of them.
pub(crate) fn merged_months(
    spans: impl IntoIterator<Item = (Month, Month)>,
) -> (i32, Option<Month>) {
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
    if let Some((ls, le)) = last {
        months += le - ls + 1;
    }
    (months, last.map(|(_, le)| le))
}

/// A dated entry: its first line, the line where the section of that line ends, and its period.
struct Entry {
    first: usize,
    section_end: usize,
    from: Month,
    to: Month,
}

/// Byte ranges where a short pattern occurs in a text, by start; their ends rise with their
/// starts.
struct Occurrences {
    found: Vec<(usize, usize)>,
    /// How many start before the last `start` asked about.
    before: usize,
}

impl Occurrences {
    fn new(found: Vec<(usize, usize)>) -> Occurrences {
        Occurrences { found, before: 0 }
    }

    /// The first occurrence that lies wholly within `start..end`, if any. Cheapest when asked
    /// about lines in order.
    fn first_within(&mut self, start: usize, end: usize) -> Option<(usize, usize)> {
        let found = &self.found;
        let mut k = self.before;
        if k > 0 && found[k - 1].0 >= start {
            k = found.partition_point(|&(s, _)| s < start);
        }
        while found.get(k).is_some_and(|&(s, _)| s < start) {
            k += 1;
        }
        self.before = k;
        // The first occurrence from `start` on ends first.
        found.get(k).copied().filter(|&(_, e)| e <= end)
    }
}

/// Where `text` says "year" or "yr", ignoring ASCII case. (Two never start at neighbouring bytes,
/// so the ends rise with the starts.)
fn years_words(text: &[u8]) -> Occurrences {
    let found = memchr::memchr2_iter(b'y', b'Y', text).filter_map(|i| match text.get(i + 1) {
        Some(&r) if r | 0x20 == b'r' => Some((i, i + 2)),
        Some(&e) if e | 0x20 == b'e' => text
            .get(i + 2..i + 4)
            .is_some_and(|ar| ar.eq_ignore_ascii_case(b"ar"))
            .then_some((i, i + 4)),
        _ => None,
    });
    Occurrences::new(found.collect())
}

/// Where `text` may have the year of a date range: "19" or "20" and two digits, an apostrophe
/// and two ("Mar '19"), or a slash and two after a digit ("10/21"). (A non-ASCII byte passes for
/// a digit, as other scripts' digits count too, and "’" ends in a non-ASCII byte.) Years per skill
/// read only such lines; "Sept 17" alone dates an entry for the experience, not here.
fn year_numbers(text: &[u8]) -> Occurrences {
    let digit = |b: u8| b.is_ascii_digit() || !b.is_ascii();
    let two_digits_at =
        |i: usize| matches!(text.get(i..i + 2), Some(&[a, b]) if digit(a) && digit(b));
    let full = memchr::memchr2_iter(b'1', b'2', text)
        .filter(|&i| match text.get(i..i + 4) {
            Some(&[a, b, c, d]) => {
                matches!((a, b), (b'1', b'9') | (b'2', b'0')) && digit(c) && digit(d)
            }
            _ => false,
        })
        .map(|i| (i, i + 4));
    let short = memchr::memchr3_iter(b'\'', 0x99, b'/', text)
        .filter(|&i| {
            two_digits_at(i + 1)
                && (text[i] != b'/' || i.checked_sub(1).is_some_and(|p| digit(text[p])))
        })
        .map(|i| (i, i + 3));
    let mut found: Vec<(usize, usize)> = full.chain(short).collect();
    found.sort_unstable();
    Occurrences::new(found)
}

/// Whether [`STATED_AFTER`] may match `after`: whether it starts, after white space, with one of
/// the characters its match goes on with.
fn may_start_stated_after(after: &str) -> bool {
    after.trim_start().starts_with(['(', '-', '–', ':', ','])
}

mod range;
#[cfg(test)]
mod tests;
