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

/// Capture groups of [`DATE_RANGE`] and [`DATE_RANGE_ASCII`] by index: start month name, number,
/// year and trailing month number, the same for the end, and "Present".
const SM: usize = 1;
const SN: usize = 2;
const SY: usize = 3;
const ST: usize = 4;
const EM: usize = 5;
const EN: usize = 6;
const EY: usize = 7;
const ET: usize = 8;
const PRESENT: usize = 9;

/// Capture group of the number in [`STATED_BEFORE`] and [`STATED_AFTER`].
const STATED_N: usize = 1;

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
    let stated = stated_years(text, line_starts, hits);
    let dated = dated_years(text, line_starts, sections, hits, now);
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
        let line_start = line_starts.get(hit.line).copied().unwrap_or(0);
        let line_end = line_starts
            .get(hit.line + 1)
            .map_or(text.len(), |e| e.saturating_sub(1));
        let years_word_end = match last_line {
            Some((line, end)) if line == hit.line => end,
            _ => {
                let end = years_words
                    .first_within(line_start, line_end.max(line_start))
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

/// Years from dated entries in experience and projects (or anywhere but education when the resume
/// has no recognisable experience section), by skill in order.
fn dated_years(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    hits: &[Hit],
    now: Month,
) -> Vec<(usize, SkillYears)> {
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
    let mut year_numbers = year_numbers(text.as_bytes());
    let mut ranges = DateRanges::default();
    let mut entries: Vec<Entry> = Vec::new();
    let mut run_end = 0; // where the section of the last entry's first line changes
    for (i, &start) in line_starts.iter().enumerate() {
        let Some(section) = sections.get(i).copied().filter(|&s| dated_section(s)) else {
            continue;
        };
        let end = line_starts.get(i + 1).map_or(text.len(), |e| e - 1);
        let Some((year, _)) = year_numbers.first_within(start, end.max(start)) else {
            continue;
        };
        let line = &text[start..end.max(start)];
        if let Some((from, to)) = ranges.first(line, year - start, now) {
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
fn merged_months(spans: impl IntoIterator<Item = (Month, Month)>) -> (i32, Option<Month>) {
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

/// The date-range regexes, with capture slots kept from line to line.
#[derive(Default)]
struct DateRanges {
    ascii: Option<regex::bytes::CaptureLocations>,
    unicode: Option<regex::CaptureLocations>,
}

impl DateRanges {
    /// The first date range in a line, as (start, end) months; `None` when there is none or it
    /// runs backwards. `year` is where the first of the line's [`year_numbers`] starts.
    fn first(&mut self, line: &str, year: usize, now: Month) -> Option<(Month, Month)> {
        if ascii_classes_suffice(line) {
            let re = &*DATE_RANGE_ASCII;
            let from = match_start_bound(line.as_bytes(), year);
            let m = re.find_at(line.as_bytes(), from)?;
            if let Some(groups) = plain_range_groups(m.as_bytes()) {
                let at = m.start();
                return range_of(
                    |group| groups[group].map(|(s, e)| &line[at + s..at + e]),
                    now,
                );
            }
            let slots = self.ascii.get_or_insert_with(|| re.capture_locations());
            re.captures_read(slots, line.as_bytes())?;
            // Groups are runs of ASCII letters and digits, so on character boundaries.
            range_of(
                |group| slots.get(group).and_then(|(s, e)| line.get(s..e)),
                now,
            )
        } else {
            let re = &*DATE_RANGE;
            let slots = self.unicode.get_or_insert_with(|| re.capture_locations());
            re.captures_read(slots, line)?;
            range_of(|group| slots.get(group).map(|(s, e)| &line[s..e]), now)
        }
    }
}

/// Capture groups by index, as offsets.
type Groups = [Option<(usize, usize)>; 10];

/// The capture groups of `m`, a whole match of [`DATE_RANGE_ASCII`], read without the capture
/// engine (offsets into `m`), when `m` is made of ASCII letters, digits, spaces, tabs, dashes and
/// ".,/~" in the shape of the regex; `None` for anything else.
///
/// Every way the regex can match such an `m` gives the same groups, so they are the ones the
/// capture engine would give; at each choice the next characters leave one way open:
/// * a month name is a whole run of letters (what follows it is never a letter), and "Present"
///   and the like are never month names;
/// * a year is a run of exactly four digits and a day or month number (`\d{1,2}`) one of one or
///   two, since neither is ever followed by a digit;
/// * a start year followed by '/' or '.' has a trailing month ("2012/05"); followed by '-', it has
///   one only if a range dash or word comes after the number, since the end's leading number
///   ("2019-05/2020") is followed by '/' or '.';
/// * after the end year, anything left can only be its trailing month.
fn plain_range_groups(m: &[u8]) -> Option<Groups> {
    let mut groups = [None; 10];
    let mut at = plain_point(m, 0, [SM, SN, SY], &mut groups)?;
    if let Some((delimiter, month)) = trailing_month(m, at) {
        if delimiter != b'-' || separator_end(m, skip_blanks(m, month.1)).is_some() {
            groups[ST] = Some(month);
            at = month.1;
        }
    }
    at = separator_end(m, skip_blanks(m, at))?;
    at = skip_blanks(m, at);
    let word = letters(m, at);
    if ["present", "current", "now", "today", "date", "ongoing"]
        .iter()
        .any(|w| m[at..word].eq_ignore_ascii_case(w.as_bytes()))
    {
        groups[PRESENT] = Some((at, word));
        at = word;
    } else {
        at = plain_point(m, at, [EM, EN, EY], &mut groups)?;
        if at < m.len() {
            let (_, month) = trailing_month(m, at)?;
            groups[ET] = Some(month);
            at = month.1;
        }
    }
    (at == m.len()).then_some(groups)
}

/// "[Month[.][,] ]Year" or "Number / Year" at `at` in `m`, recorded in the groups `month`,
/// `number` and `year`; the offset after it.
fn plain_point(
    m: &[u8],
    mut at: usize,
    [month, number, year]: [usize; 3],
    groups: &mut Groups,
) -> Option<usize> {
    let word = letters(m, at);
    if word > at {
        const MONTHS: [&str; 24] = [
            "jan",
            "january",
            "feb",
            "february",
            "mar",
            "march",
            "apr",
            "april",
            "may",
            "jun",
            "june",
            "jul",
            "july",
            "aug",
            "august",
            "sep",
            "sept",
            "september",
            "oct",
            "october",
            "nov",
            "november",
            "dec",
            "december",
        ];
        if !MONTHS
            .iter()
            .any(|n| m[at..word].eq_ignore_ascii_case(n.as_bytes()))
        {
            return None;
        }
        groups[month] = Some((at, word));
        at = word;
        if m.get(at) == Some(&b'.') {
            at += 1;
        }
        if m.get(at) == Some(&b',') {
            at += 1;
        }
        at = skip_blanks(m, at);
    } else {
        let run = digits(m, at);
        if (1..=2).contains(&(run - at)) {
            groups[number] = Some((at, run));
            at = skip_blanks(m, run);
            if !matches!(m.get(at), Some(b'/' | b'.')) {
                return None;
            }
            at = skip_blanks(m, at + 1);
        }
    }
    let run = digits(m, at);
    let century = m.get(at..at + 2);
    if run - at == 4 && matches!(century, Some(b"19" | b"20")) {
        groups[year] = Some((at, run));
        Some(run)
    } else {
        None
    }
}

/// A trailing month number at `at` in `m`: "[blanks] / [blanks] 05" (or with '.' or '-'); its
/// delimiter and the offsets of the number.
fn trailing_month(m: &[u8], at: usize) -> Option<(u8, (usize, usize))> {
    let at = skip_blanks(m, at);
    let delimiter = *m.get(at).filter(|b| matches!(b, b'/' | b'.' | b'-'))?;
    let start = skip_blanks(m, at + 1);
    let end = digits(m, start);
    (1..=2)
        .contains(&(end - start))
        .then_some((delimiter, (start, end)))
}

/// The offset after the range dash or word ("to", "until", "till") at `at` in `m`, if there is
/// one.
fn separator_end(m: &[u8], at: usize) -> Option<usize> {
    let rest = &m[at..];
    if rest.starts_with(b"-") || rest.starts_with(b"~") {
        return Some(at + 1);
    }
    if rest.starts_with("–".as_bytes()) || rest.starts_with("—".as_bytes()) {
        return Some(at + 3);
    }
    let word = letters(m, at);
    ["to", "until", "till"]
        .iter()
        .any(|w| m[at..word].eq_ignore_ascii_case(w.as_bytes()))
        .then_some(word)
}

/// The end of the run of ASCII letters at `at` in `m`.
fn letters(m: &[u8], at: usize) -> usize {
    at + m[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

/// The end of the run of ASCII digits at `at` in `m`.
fn digits(m: &[u8], at: usize) -> usize {
    at + m[at..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The offset after the spaces and tabs at `at` in `m`.
fn skip_blanks(m: &[u8], at: usize) -> usize {
    at + m[at..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

/// The (start, end) months of a date range match, read through `group` (capture group by index).
fn range_of<'a>(group: impl Fn(usize) -> Option<&'a str>, now: Month) -> Option<(Month, Month)> {
    let month_of = |name: usize, num: usize, trailing: usize| {
        if let Some(m) = group(name) {
            return Some(month_index(m));
        }
        group(num)
            .or_else(|| group(trailing))
            .and_then(|n| n.parse::<i32>().ok())
            .filter(|n| (1..=12).contains(n))
            .map(|n| n - 1)
    };
    let sy: i32 = group(SY)?.parse().ok()?;
    let sm = month_of(SM, SN, ST).unwrap_or(0);
    let from = sy * 12 + sm;
    let to = if group(PRESENT).is_some() {
        now
    } else {
        let ey: i32 = group(EY)?.parse().ok()?;
        let em = month_of(EM, EN, ET).unwrap_or(11);
        ey * 12 + em
    };
    (from <= to && to <= now + 12).then_some((from, to))
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

/// Where `text` may have the year of a date range: every match of the date-range regexes has one,
/// "19" or "20" and two digits (a non-ASCII byte passes for a digit, as `\d` also matches other
/// scripts' digits).
fn year_numbers(text: &[u8]) -> Occurrences {
    let digit = |b: u8| b.is_ascii_digit() || !b.is_ascii();
    let found = memchr::memchr2_iter(b'1', b'2', text).filter(|&i| match text.get(i..i + 4) {
        Some(&[a, b, c, d]) => {
            matches!((a, b), (b'1', b'9') | (b'2', b'0')) && digit(c) && digit(d)
        }
        _ => false,
    });
    Occurrences::new(found.map(|i| (i, i + 4)).collect())
}

/// Whether [`STATED_AFTER`] may match `after`: whether it starts, after white space, with one of
/// the characters its match goes on with.
fn may_start_stated_after(after: &str) -> bool {
    after.trim_start().starts_with(['(', '-', '–', ':', ','])
}

/// Where in `line` a match of [`DATE_RANGE_ASCII`] can start at the earliest, given `year`, the
/// first place where its year can start (see [`year_numbers`]).
///
/// A match starts at a word boundary, with its first year or with a month name or day number that
/// is followed by white space and '.', ',' or '/' up to that year; and its year is at `year` or
/// later. If it starts before `year`, then either `year` is the year and the match starts where
/// the run of letters or digits before the white space and punctuation before `year` starts, or
/// `year` is inside its first word (digits are neither white space nor punctuation), whose start
/// is the start of the run of letters and digits that holds `year`.
fn match_start_bound(line: &[u8], year: usize) -> usize {
    let gap = |b: &u8| {
        matches!(
            b,
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'.' | b',' | b'/'
        )
    };
    let back = |at: usize, class: &dyn Fn(&u8) -> bool| {
        at - line[..at].iter().rev().take_while(|b| class(b)).count()
    };
    let word_start = back(year, &u8::is_ascii_alphanumeric);
    back(back(word_start, &gap), &u8::is_ascii_alphanumeric)
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

fn month_index(name: &str) -> i32 {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // Whether `name` starts with the month's three letters, in any ASCII case.
    let head = name.as_bytes().get(..3);
    NAMES
        .iter()
        .position(|n| head.is_some_and(|h| h.eq_ignore_ascii_case(n.as_bytes())))
        .map_or(0, |i| i as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Month = 2026 * 12 + 10;

    fn range(s: &str) -> Option<(i32, i32, i32, i32)> {
        let (year, _) = year_numbers(s.as_bytes()).first_within(0, s.len())?;
        DateRanges::default()
            .first(s, year, NOW)
            .map(|(a, b)| (a / 12, a % 12 + 1, b / 12, b % 12 + 1))
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

    #[test]
    fn group_indices_name_the_groups() {
        let names = ["sm", "sn", "sy", "st", "em", "en", "ey", "et", "now"];
        let indices = [SM, SN, SY, ST, EM, EN, EY, ET, PRESENT];
        for re in [
            DATE_RANGE_ASCII.capture_names().collect::<Vec<_>>(),
            DATE_RANGE.capture_names().collect(),
        ] {
            assert_eq!(re.len(), 10);
            for (name, i) in names.iter().zip(indices) {
                assert_eq!(re[i], Some(*name));
            }
        }
        for re in [&*STATED_BEFORE, &*STATED_AFTER] {
            assert_eq!(re.capture_names().nth(STATED_N), Some(Some("n")));
            assert_eq!(re.captures_len(), 2);
        }
    }

    #[test]
    fn years_words_cannot_be_spelled_with_other_letters() {
        // The stated-years regexes are case-insensitive with Unicode folding, but no character
        // besides the ASCII ones folds to the letters of "year" and "yr", so a match always has
        // one of the byte strings `years_words` looks for.
        let hir = regex_syntax::parse("(?i)[year]").expect("valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("a Unicode class: {hir:?}");
        };
        assert!(
            class.ranges().iter().all(|r| r.end().is_ascii()),
            "{class:?}"
        );
    }

    #[test]
    fn fast_date_ranges_agree_with_the_capture_engine() {
        let prefixes = [
            "",
            "Engineer, ACME ",
            "x",
            "(",
            "é ",
            "• ",
            "12 ",
            "Jan ",
            "2018 ",
        ];
        let starts = [
            "Jan 2019",
            "jan. 2019",
            "SEPT 2016",
            "Sep.,2021",
            "Mar, 1999",
            "May2013",
            "03/2020",
            "3 / 2020",
            "12.2019",
            "2012/05",
            "2012-05",
            "2012 . 5",
            "2019-123",
            "2019",
            "Janu 2019",
            "2019\t",
        ];
        let separators = [
            "-", " - ", "–", " — ", "~", " to ", " until ", " till ", " TO ", "to", " -- ", " / ",
        ];
        let ends = [
            "2020",
            "Present",
            "now",
            "CURRENT",
            "Date",
            "Jul 2022",
            "07/2022",
            "2022/08",
            "2022-08",
            "2022-8",
            "1/2023",
            "Nov. 2021",
            "nowadays",
            "2020s",
            "2022 -",
            "December 2022",
        ];
        let suffixes = ["", ")", " · Berlin", "5", "x", " – 2025", "/09"];
        let (mut lines, mut fast) = (0, 0);
        for p in prefixes {
            for s in starts {
                for sep in separators {
                    for e in ends {
                        for x in suffixes {
                            let line = format!("{p}{s}{sep}{e}{x}");
                            lines += 1;
                            fast += usize::from(agrees_with_capture_engine(&line));
                        }
                    }
                }
            }
        }
        // Most lines go the fast way; the test is meaningless otherwise.
        assert!(fast * 2 > lines, "{fast} of {lines}");
    }

    /// Checks one line: the date range found, and the groups read without the capture engine;
    /// whether they were read that way.
    fn agrees_with_capture_engine(line: &str) -> bool {
        let expected = reference::parse_range(line, NOW);
        let year = year_numbers(line.as_bytes()).first_within(0, line.len());
        let found = year.and_then(|(year, _)| DateRanges::default().first(line, year, NOW));
        assert_eq!(found, expected, "{line:?}");
        let Some(caps) = DATE_RANGE_ASCII.captures(line.as_bytes()) else {
            return false;
        };
        let m = caps.get(0).expect("group 0");
        let (year, _) = year.expect("a match has a year");
        assert!(
            match_start_bound(line.as_bytes(), year) <= m.start(),
            "{line:?}"
        );
        if !ascii_classes_suffice(line) {
            return false;
        }
        let Some(groups) = plain_range_groups(m.as_bytes()) else {
            return false;
        };
        for (i, group) in groups.iter().enumerate().skip(1) {
            let at = group.map(|(s, e)| (s + m.start(), e + m.start()));
            let expected = caps.get(i).map(|g| (g.start(), g.end()));
            assert_eq!(at, expected, "group {i} of {line:?}");
        }
        true
    }

    #[test]
    fn fast_stated_years_agree_with_the_capture_engine() {
        let numbers = ["5", "12", "3.5", "1.", "123", "٥", "05", "0.5"];
        let pluses = ["", "+", " +", "+ "];
        let units = [
            " years", "yrs", " Years", " yr.", "YEARS", " year", " yeaRs",
        ];
        let befores = ["", "with ", "I have ", "x", "é ", "(", "over "];
        let tails = [
            "",
            " of",
            " of experience with",
            " of professional experience in the",
            " experience:",
            " (",
            " of Go and",
            ", ",
            " ",
        ];
        let leads = [" (", "(", " - ", ":", ", ", "–", " x ", "  (", "(\t"];
        let ends = ["", ")", "+", "s", " experience", "ago"];
        let mut matched = 0;
        for n in numbers {
            for plus in pluses {
                for unit in units {
                    for b in befores {
                        for t in tails {
                            let before = format!("{b}{n}{plus}{unit}{t}");
                            matched += usize::from(stated_agrees(&STATED_BEFORE, &before));
                        }
                    }
                    for lead in leads {
                        for e in ends {
                            let after = format!("{lead}{n}{plus}{unit}{e}");
                            matched += usize::from(stated_agrees(&STATED_AFTER, &after));
                        }
                    }
                }
            }
        }
        assert!(matched > 1000, "{matched}");
    }

    /// Checks the number read from `hay` and the cheap tests that skip the regexes; whether the
    /// regex matched.
    fn stated_agrees(re: &Regex, hay: &str) -> bool {
        let expected = re.captures(hay).map(|c| c["n"].to_string());
        let found = stated_number(re, &mut None, hay).map(str::to_string);
        assert_eq!(found, expected, "{hay:?}");
        if expected.is_some() {
            if std::ptr::eq(re, &*STATED_BEFORE) {
                let mut words = years_words(hay.as_bytes());
                assert!(words.first_within(0, hay.len()).is_some(), "{hay:?}");
            } else {
                assert!(may_start_stated_after(hay), "{hay:?}");
            }
        }
        expected.is_some()
    }

    #[test]
    fn occurrences_answer_in_any_order() {
        let mut o = years_words(b"Year one, 5 yrs, the YEAR; yr");
        assert_eq!(o.first_within(0, 30), Some((0, 4)));
        assert_eq!(o.first_within(12, 30), Some((12, 14)));
        assert_eq!(o.first_within(12, 13), None);
        assert_eq!(o.first_within(1, 30), Some((12, 14)));
        assert_eq!(o.first_within(0, 3), None);
        assert_eq!(o.first_within(27, 29), Some((27, 29)));
        assert_eq!(o.first_within(28, 29), None);
        assert_eq!(o.first_within(5, 20), Some((12, 14)));
    }

    #[test]
    fn skill_years_agree_with_the_implementation_before_the_fast_paths() {
        let analyzer = crate::Analyzer::new().expect("built-in dictionaries load");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .expect("samples exist")
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| std::fs::read_to_string(e.path()).expect("readable sample"))
            .collect();
        texts.sort();
        assert!(texts.len() >= 5);
        let variants: [fn(&str) -> String; 9] = [
            str::to_string,
            str::to_uppercase,
            str::to_lowercase,
            |t| t.replace(" – ", " to ").replace("Present", "now"),
            |t| {
                t.replace("Jan ", "01/")
                    .replace("Sep. ", "9 / ")
                    .replace(" - ", "-")
            },
            |t| {
                t.replace("EXPERIENCE", "XPERIENCE")
                    .replace("Experience", "Xperience")
            },
            |t| t.replace(" 20", " é20").replace("•", "é"),
            |t| {
                t.replace("Go ", "Go (4 years) ")
                    .replace("Python", "3.5 yrs of Python")
                    .replace("Kafka", "Kafka - 2 years")
            },
            |t| t.replace('\n', "\n\n").replace("20", "19"),
        ];
        let today = (2026, 11);
        let mut compared = 0;
        for text in &texts {
            for variant in variants {
                let text = variant(text);
                let (normalized, sections) = analyzer.normalized_with_sections(&text);
                let mut hits = analyzer.matcher().find(&normalized, &sections);
                let line_starts = crate::matcher::line_starts(&normalized);
                for _ in 0..2 {
                    let expected =
                        reference::skill_years(&normalized, &line_starts, &sections, &hits, today);
                    let found = skill_years(&normalized, &line_starts, &sections, &hits, today);
                    assert_eq!(found, expected, "{text}");
                    compared += expected.values().filter(|y| y.years.is_some()).count();
                    hits.reverse();
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }

    /// The implementation before the fast paths: what they must agree with.
    mod reference {
        use super::super::{
            ascii_classes_suffice, merged_months, Month, SkillYears, DATE_RANGE, DATE_RANGE_ASCII,
            STATED_AFTER, STATED_BEFORE,
        };
        use crate::dictionary::SectionKind;
        use crate::matcher::Hit;
        use std::collections::BTreeMap;

        pub(super) fn skill_years(
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
                    if in_entry
                        && (first_line..=hit.line).all(|l| sections.get(l).copied() == section)
                    {
                        periods.entry(hit.skill).or_default().push((from, to));
                    }
                }
            }
            for (skill, mut spans) in periods {
                spans.sort();
                let (months, last_end) = merged_months(spans);
                let latest = last_end.map(|end| end.div_euclid(12));
                let entry = out.entry(skill).or_default();
                if entry.years.is_none() && months > 0 {
                    entry.years = Some((f64::from(months) / 12.0 * 10.0).round() / 10.0);
                }
                entry.last_used = latest;
            }
            out
        }

        pub(super) fn parse_range(line: &str, now: Month) -> Option<(Month, Month)> {
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

        fn range_of<'a>(
            group: impl Fn(&str) -> Option<&'a str>,
            now: Month,
        ) -> Option<(Month, Month)> {
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
    }
}
