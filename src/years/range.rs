//! Date ranges as resumes write them: "Jan 2019 – Present", "2016-2018", "03/2020 - 07/2022",
//! "2012/05 – 2014/08", "May 2013 to May 2017", "Mar '19 – Jun '21", and in German, French,
//! Spanish, Portuguese, Italian and Dutch as well: "März 2020 – heute", "ene. 2018 - actualidad",
//! "2017 – atual", "da 2016 ad oggi", "depuis 2019", "sinds 2020".

use super::Month;
use std::sync::LazyLock;

/// Month names and abbreviations in the languages the section headings know, lower case, with
/// the month's index (0–11). A name is a whole word; a dot or comma may follow it.
const MONTHS: [(&str, i32); 108] = [
    // English
    ("jan", 0),
    ("january", 0),
    ("feb", 1),
    ("february", 1),
    ("mar", 2),
    ("march", 2),
    ("apr", 3),
    ("april", 3),
    ("may", 4),
    ("jun", 5),
    ("june", 5),
    ("jul", 6),
    ("july", 6),
    ("aug", 7),
    ("august", 7),
    ("sep", 8),
    ("sept", 8),
    ("september", 8),
    ("oct", 9),
    ("october", 9),
    ("nov", 10),
    ("november", 10),
    ("dec", 11),
    ("december", 11),
    // German
    ("januar", 0),
    ("jänner", 0),
    ("februar", 1),
    ("märz", 2),
    ("maerz", 2),
    ("mrz", 2),
    ("mai", 4),
    ("juni", 5),
    ("juli", 6),
    ("okt", 9),
    ("oktober", 9),
    ("dez", 11),
    ("dezember", 11),
    // French
    ("janv", 0),
    ("janvier", 0),
    ("févr", 1),
    ("fevr", 1),
    ("février", 1),
    ("fevrier", 1),
    ("mars", 2),
    ("avr", 3),
    ("avril", 3),
    ("juin", 5),
    ("juil", 6),
    ("juillet", 6),
    ("août", 7),
    ("aout", 7),
    ("septembre", 8),
    ("octobre", 9),
    ("novembre", 10),
    ("déc", 11),
    ("décembre", 11),
    ("decembre", 11),
    // Spanish
    ("ene", 0),
    ("enero", 0),
    ("febrero", 1),
    ("marzo", 2),
    ("abr", 3),
    ("abril", 3),
    ("mayo", 4),
    ("junio", 5),
    ("julio", 6),
    ("ago", 7),
    ("agosto", 7),
    ("septiembre", 8),
    ("setiembre", 8),
    ("octubre", 9),
    ("noviembre", 10),
    ("dic", 11),
    ("diciembre", 11),
    // Portuguese
    ("janeiro", 0),
    ("fev", 1),
    ("fevereiro", 1),
    ("março", 2),
    ("marco", 2),
    ("maio", 4),
    ("junho", 5),
    ("julho", 6),
    ("set", 8),
    ("setembro", 8),
    ("out", 9),
    ("outubro", 9),
    ("novembro", 10),
    ("dezembro", 11),
    // Italian
    ("gen", 0),
    ("gennaio", 0),
    ("febbraio", 1),
    ("aprile", 3),
    ("mag", 4),
    ("maggio", 4),
    ("giu", 5),
    ("giugno", 5),
    ("lug", 6),
    ("luglio", 6),
    ("settembre", 8),
    ("ott", 9),
    ("ottobre", 9),
    ("dicembre", 11),
    // Dutch
    ("januari", 0),
    ("februari", 1),
    ("maart", 2),
    ("mrt", 2),
    ("mei", 4),
    ("augustus", 7),
];

/// Words that end a range at the present, lower case: "Present", "heute", "actualidad", "ad
/// oggi" (after the separator "ad"), "à ce jour".
const PRESENT: [&str; 33] = [
    "present",
    "current",
    "now",
    "today",
    "date",
    "ongoing", // English
    "heute",
    "aktuell",
    "jetzt",
    "dato", // German
    "présent",
    "aujourd'hui",
    "aujourd’hui",
    "ce jour",
    "maintenant",
    "actuel",
    "en cours", // French
    "actualidad",
    "la actualidad",
    "presente",
    "hoy",
    "la fecha",
    "actual", // Spanish
    "atual",
    "atualmente",
    "o momento",
    "hoje", // Portuguese
    "oggi",
    "attuale",
    "in corso", // Italian
    "heden",
    "nu",
    "huidig", // Dutch
];

/// Words between the two ends of a range, besides dashes: "to", "bis", "au", "al", "hasta",
/// "até", "tot", "ad" (Italian "ad oggi").
const RANGE_WORDS: [&str; 14] = [
    "to", "until", "till", "bis", "au", "à", "a", "al", "hasta", "até", "ate", "tot", "ad", "t/m",
];

/// Words before an open range's start: "since 2019", "seit März 2020", "depuis 2019", "desde
/// 2018", "dal 2016", "sinds 2020". Such a range counts only at the start of the line or after a
/// separator ("Engineer | since 2019"): in a sentence "since" dates something else.
const SINCE: [&str; 8] = [
    "since", "seit", "depuis", "desde", "dal", "dall'", "sinds", "vanaf",
];

/// One end of a date range as written: "Jan 2019", "03/2020", "2012/05", "2019". Each field is
/// the text of one part, which may not parse (a digit of another script is still a digit).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point<'l> {
    /// "Jan", "September".
    name: Option<&'l str>,
    /// The "03" of "03/2020".
    number: Option<&'l str>,
    year: &'l str,
    /// The "05" of "2012/05".
    trailing: Option<&'l str>,
    /// The year is written with two digits after an apostrophe ("Mar '19").
    short_year: bool,
    /// Where the point ends in its line.
    end: usize,
}

impl Point<'_> {
    /// The month index (0–11) the point names, if it names a valid one. A number before the
    /// year wins over one after it, even when only the one after is a month.
    fn month(&self) -> Option<i32> {
        if let Some(name) = self.name {
            return month_index(name);
        }
        self.number
            .or(self.trailing)
            .and_then(|n| n.parse::<i32>().ok())
            .filter(|n| (1..=12).contains(n))
            .map(|n| n - 1)
    }
}

/// The (start, end) months of [`dated_range`].
#[cfg(test)]
pub(super) fn range_months(line: &str, now: Month) -> Option<(Month, Month)> {
    dated_range(line, now).map(|r| (r.from, r.to))
}

/// The first date range of a line, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DatedRange {
    /// First month.
    pub from: Month,
    /// Last month (`now` for an open range).
    pub to: Month,
    /// The range runs to the present ("– Present", "since 2019").
    pub open: bool,
    /// Where in the line the range starts (its first date, or its "since" word).
    pub starts_at: usize,
}

/// The first date range of each line of a text, each line read once however many times it is
/// asked about: years of use, experience and education all look at the same dated lines.
#[derive(Debug)]
pub(crate) struct LineRanges<'t> {
    text: &'t str,
    line_starts: &'t [usize],
    now: Month,
    read: Vec<std::cell::OnceCell<Option<DatedRange>>>,
}

impl<'t> LineRanges<'t> {
    /// Nothing read yet of `text`, whose lines start at `line_starts`; `now` is the month
    /// "present" stands for.
    pub(crate) fn new(text: &'t str, line_starts: &'t [usize], now: Month) -> LineRanges<'t> {
        LineRanges {
            text,
            line_starts,
            now,
            read: vec![std::cell::OnceCell::new(); line_starts.len()],
        }
    }

    /// The month "present" stands for.
    pub(crate) fn now(&self) -> Month {
        self.now
    }

    /// [`dated_range`] of line `i`.
    pub(crate) fn of_line(&self, i: usize) -> Option<DatedRange> {
        *self.read.get(i)?.get_or_init(|| {
            let line =
                &self.text[crate::normalize::lines::line_span(self.text, self.line_starts, i)];
            dated_range(line, self.now)
        })
    }
}

/// The first date range in `line`, as months, with where it starts and whether it is open;
/// `None` when there is none, or when the first one runs backwards, ends more than a year from
/// `now` or has a year that is not in ASCII digits.
///
/// A date range is "Point Separator Point" or "Point Separator Present" (see [`date_range`]).
pub(crate) fn dated_range(line: &str, now: Month) -> Option<DatedRange> {
    // A range has a year, read in ASCII digits only (see `year_of`): most lines (titles,
    // employers, sentences) have none and are turned down before any word is read.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (starts_at, start, end) = date_range(line)?;
    let from = year_of(&start, now)? * 12 + start.month().unwrap_or(0);
    let to = match end {
        Some(end) => year_of(&end, now)? * 12 + end.month().unwrap_or(11),
        None => now,
    };
    (from <= to && to <= now + 12).then_some(DatedRange {
        from,
        to,
        open: end.is_none(),
        starts_at,
    })
}

/// Whether `line` has what every date range [`dated_range`] reads has: a year "19dd" or "20dd",
/// two digits after an apostrophe ("'19") or after a digit and a slash ("10/21"), or two digits
/// after a month's name ("Sept 17", "MAY19", "mayo de 17"; see [`after_a_month`]), or after a
/// space and before a dash or "to". Digits of other scripts count. The tests check it on every
/// range they read.
///
/// Each of these has two digits in a row, which most lines lack: only where two stand together
/// is what comes before them looked at.
#[inline]
pub(crate) fn may_hold_a_date(line: &str) -> bool {
    let b = line.as_bytes();
    let digit = |i: usize| {
        b.get(i)
            .is_some_and(|&c| c.is_ascii_digit() || !c.is_ascii())
    };
    let holds = |second: usize| {
        let first = second - 1;
        // A year: "19" or "20" before the two digits.
        let year =
            first >= 2 && matches!((b[first - 2], b[first - 1]), (b'1', b'9') | (b'2', b'0'));
        year || first.checked_sub(1).is_some_and(|i| match b[i] {
            b'\'' | 0x99 => true,
            b'/' => i > 0 && digit(i - 1),
            b' ' => {
                let rest = line.get(i + 3..).unwrap_or("").trim_start();
                rest.starts_with(['-', '–', '—', '~']) || rest.starts_with("to ")
            }
            _ => false,
        }) || (b[first].is_ascii_digit()
            && b[second].is_ascii_digit()
            && after_a_month(line, first))
    };
    let mut at = 0;
    while at < b.len() {
        // Eight bytes without a digit or a non-ASCII byte hold no pair and end none: passed over
        // whole, which is most of a text (tested in a few vector instructions, as
        // `redact::next_digit` tests its blocks).
        if let Some(block) = b.get(at..at + 8) {
            if !block
                .iter()
                .fold(false, |any, c| any | c.is_ascii_digit() | !c.is_ascii())
            {
                at += 8;
                continue;
            }
        }
        let end = (at + 8).min(b.len());
        if (at.max(1)..end).any(|second| digit(second) && digit(second - 1) && holds(second)) {
            return true;
        }
        at = end;
    }
    false
}

/// Whether the two ASCII digits of `line` at byte `at` may be a year after a month's name
/// ("Sept 17", "MAY19", "mayo de 17"): they are two alone, not part of a longer number, and the
/// text before them ends with a month's name and what may stand between it and the year,
/// `month .? ,? \s* ((de|del) \s+)?` as `month_or_number` reads it, read more loosely here (any
/// run of characters that are no letters or digits), which only lets more lines through.
fn after_a_month(line: &str, at: usize) -> bool {
    let b = line.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if at == 0 || digit(at - 1) || digit(at + 2) {
        return false;
    }
    // The run of letters that ends where the characters before `end` that are no letters or
    // digits begin, as a range of `line`.
    let word_before = |end: usize| {
        let head = line.get(..end).unwrap_or_default();
        let letters_end = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let start = line[..letters_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(letters_end, |(i, _)| i);
        start..letters_end
    };
    let name = word_before(at);
    if month_index(&line[name.clone()]).is_some() {
        return true;
    }
    ["de", "del"]
        .iter()
        .any(|w| line[name.clone()].eq_ignore_ascii_case(w))
        && month_index(&line[word_before(name.start)]).is_some()
}

/// The year a point names: four digits as written, or two after an apostrophe read as the most
/// recent such year not more than a year ahead of `now` ("'19" is 2019, "'98" is 1998).
fn year_of(point: &Point<'_>, now: Month) -> Option<i32> {
    let year = point.year.parse::<i32>().ok()?;
    if !point.short_year {
        return Some(year);
    }
    let this = now.div_euclid(12);
    let century = this - this.rem_euclid(100);
    Some(if century + year <= this + 1 {
        century + year
    } else {
        century - 100 + year
    })
}

/// The first date range in `line`: where it starts, its start, and its end (`None` for "Present"
/// and the like); when there is none, the first open range ("since 2019").
///
/// The grammar, in regex terms (case-insensitive, Unicode classes; `\d` is any decimal digit):
///
/// ```text
/// range = \b point \s* (- | – | — | ~ | \b range-word \b) \s* (point | present\b)
/// open  = (^ | [|•,;(:–—-]) \s* \b since \s* \b point
/// point = month \.? ,? \s* ((de|del) \s+)? ['’]? \d\d \b
///       | \d{1,2} / \d\d \b
///       | (month \.? ,? \s* ((de|del) \s+)? | \d{1,2} \s* [/.] \s*)? (19|20)\d\d
///         (\s* [/.-] \s* \d{1,2} (-\d\d)? \b)?
/// ```
///
/// where `month` is one of [`MONTHS`], `present` one of [`PRESENT`], `range-word` one of
/// [`RANGE_WORDS`] and `since` one of [`SINCE`]. Where the grammar allows more than one reading,
/// the one a backtracking regex takes is the one given: the leftmost start, then, at each
/// optional part, taking it before leaving it out (see [`points`]). The text is expected to be
/// normalized: NFKC has removed the only letters that fold to ASCII ones (ſ, K).
fn date_range(line: &str) -> Option<(usize, Point<'_>, Option<Point<'_>>)> {
    word_starts(line)
        .find_map(|at| range_at(line, at).map(|(start, end)| (at, start, end)))
        .or_else(|| {
            word_starts(line).find_map(|at| open_range_at(line, at).map(|start| (at, start, None)))
        })
}

/// Where the words of `line` start (a range starts at a word boundary, so only there).
fn word_starts(line: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous_is_word = false;
    line.char_indices().filter_map(move |(i, c)| {
        let word = is_word_character(c);
        let starts = word && !previous_is_word;
        previous_is_word = word;
        starts.then_some(i)
    })
}

/// The start of the open range ("since 2019") whose word starts at `at`, if one does.
fn open_range_at(line: &str, at: usize) -> Option<Point<'_>> {
    let before = line[..at].trim_end();
    if !(before.is_empty() || before.ends_with(['|', '•', ',', ';', '(', ':', '–', '—', '-']))
    {
        return None;
    }
    let after = SINCE.iter().find_map(|w| phrase_end(line, at, w))?;
    let point_at = skip_white_space(line, after);
    // The point starts at a word boundary: not glued to a word ("since2019").
    if point_at == after
        && line[..after]
            .chars()
            .next_back()
            .is_some_and(is_word_character)
    {
        return None;
    }
    points(line, point_at).into_iter().flatten().next()
}

/// The end of `phrase` (lower case) at `at` in `line`, compared ignoring case, when it ends a
/// word there (or ends in a character that is not a letter, like "dall'").
fn phrase_end(line: &str, at: usize, phrase: &str) -> Option<usize> {
    let mut end = at;
    let mut rest = line[at..].chars();
    for p in phrase.chars() {
        let c = rest.next()?;
        if c != p && !c.to_lowercase().eq(std::iter::once(p)) {
            return None;
        }
        end += c.len_utf8();
    }
    let last_is_word = phrase.chars().next_back().is_some_and(is_word_character);
    (!last_is_word || !starts_word(line, end)).then_some(end)
}

/// The date range that starts at `at` in `line`, if one does.
fn range_at(line: &str, at: usize) -> Option<(Point<'_>, Option<Point<'_>>)> {
    for start in points(line, at).into_iter().flatten() {
        let Some(separator) = separator_end(line, skip_white_space(line, start.end)) else {
            continue;
        };
        let at = skip_white_space(line, separator);
        if let Some(end) = points(line, at).into_iter().flatten().next() {
            return Some((start, Some(end)));
        }
        if starts_word(line, at) && PRESENT.iter().any(|w| phrase_end(line, at, w).is_some()) {
            return Some((start, None));
        }
    }
    None
}

/// The ways a point can be read at `at`, in the order a backtracking regex tries them: a short
/// year alone when there is one; else with the month or number before the year, then without;
/// for each, with the month number and day after the year, with the month number only, then
/// with neither. Each part has at most one reading of its own (a month name is a whole run of
/// letters, a number a whole run of one or two digits), so these six are all there are.
fn points(line: &str, at: usize) -> [Option<Point<'_>>; 6] {
    let mut out = [None; 6];
    let prefix = month_or_number(line, at);
    // A short year is the only reading where there is one: the other forms need four digits.
    let short = match prefix {
        Some((Some(name), None, quote)) => short_year(line, quote, name),
        _ => numeric_short_year(line, at),
    };
    if short.is_some() {
        out[0] = short;
        return out;
    }
    let heads = [prefix, Some((None, None, at))];
    for (i, head) in heads.into_iter().enumerate() {
        let Some((name, number, year_start)) = head else {
            continue;
        };
        let Some(year_end) = year_end(line, year_start) else {
            continue;
        };
        let point = Point {
            name,
            number,
            year: &line[year_start..year_end],
            trailing: None,
            short_year: false,
            end: year_end,
        };
        if let Some((trailing, end, day_end)) = trailing_month(line, year_end) {
            let with = |end| Point {
                trailing: Some(trailing),
                end,
                ..point
            };
            out[3 * i] = day_end.map(with);
            out[3 * i + 1] = end.map(with);
        }
        out[3 * i + 2] = Some(point);
    }
    out
}

/// The point `name ['’]? \d\d \b` whose year starts at `at` ("Mar '19", "Sept 17"), if there is
/// one.
fn short_year<'l>(line: &'l str, at: usize, name: &'l str) -> Option<Point<'l>> {
    let quote = ['\'', '’'].into_iter().find(|q| line[at..].starts_with(*q));
    let start = at + quote.map_or(0, char::len_utf8);
    let end = digits_end(line, start, 3);
    (count_chars(&line[start..end]) == 2 && !starts_word(line, end)).then(|| Point {
        name: Some(name),
        number: None,
        year: &line[start..end],
        trailing: None,
        short_year: true,
        end,
    })
}

/// The point `\d{1,2} / \d\d \b` at `at` ("10/21": October 2021), if there is one.
fn numeric_short_year(line: &str, at: usize) -> Option<Point<'_>> {
    let month_end = digits_end(line, at, 3);
    if !(1..=2).contains(&count_chars(&line[at..month_end])) || !line[month_end..].starts_with('/')
    {
        return None;
    }
    let start = month_end + 1;
    let end = digits_end(line, start, 3);
    (count_chars(&line[start..end]) == 2 && !starts_word(line, end)).then(|| Point {
        name: None,
        number: Some(&line[at..month_end]),
        year: &line[start..end],
        trailing: None,
        short_year: true,
        end,
    })
}

/// What a point can have before its year: `month \.? ,? \s* ((de|del) \s+)?` or
/// `\d{1,2} \s* [/.] \s*`, as (month name, number, where the year must start).
fn month_or_number(line: &str, at: usize) -> Option<(Option<&str>, Option<&str>, usize)> {
    let word = letters_end(line, at);
    if word > at {
        let name = &line[at..word];
        month_index(name)?;
        let mut end = word;
        for mark in [b'.', b','] {
            if line.as_bytes().get(end) == Some(&mark) {
                end += 1;
            }
        }
        let mut at = skip_white_space(line, end);
        // "março de 2015", "marzo del 2016".
        for word in ["de", "del"] {
            if let Some(after) = phrase_end(line, at, word) {
                let year_at = skip_white_space(line, after);
                if year_at > after {
                    at = year_at;
                    break;
                }
            }
        }
        return Some((Some(name), None, at));
    }
    let digits = digits_end(line, at, 3);
    if !(1..=2).contains(&count_chars(&line[at..digits])) {
        return None;
    }
    let mark = skip_white_space(line, digits);
    matches!(line.as_bytes().get(mark), Some(b'/' | b'.')).then(|| {
        (
            None,
            Some(&line[at..digits]),
            skip_white_space(line, mark + 1),
        )
    })
}

/// The end of `(19|20)\d\d` at `at`, if it is there.
fn year_end(line: &str, at: usize) -> Option<usize> {
    let century = line.as_bytes().get(at..at + 2)?;
    if century != b"19" && century != b"20" {
        return None;
    }
    let end = digits_end(line, at + 2, 2);
    (count_chars(&line[at + 2..end]) == 2).then_some(end)
}

/// A month number after the year, and maybe a day after that, `\s* [/.-] \s* \d{1,2} (-\d\d)?
/// \b` at `at` ("2019-04", "2019-04-15"): the month's number, and where the point ends without
/// the day and with it, for each reading there is.
fn trailing_month(line: &str, at: usize) -> Option<(&str, Option<usize>, Option<usize>)> {
    let mark = skip_white_space(line, at);
    if !matches!(line.as_bytes().get(mark), Some(b'/' | b'.' | b'-')) {
        return None;
    }
    let start = skip_white_space(line, mark + 1);
    let end = digits_end(line, start, 3);
    if !(1..=2).contains(&count_chars(&line[start..end])) {
        return None;
    }
    let month = &line[start..end];
    let day_end = line[end..]
        .starts_with('-')
        .then(|| digits_end(line, end + 1, 3));
    let day_end = day_end.filter(|&d| count_chars(&line[end + 1..d]) == 2 && !starts_word(line, d));
    let end = (!starts_word(line, end)).then_some(end);
    (day_end.is_some() || end.is_some()).then_some((month, end, day_end))
}

/// The end of the range dash or word at `at` ("-", "–", "—", "~", or a whole word of
/// [`RANGE_WORDS`]), if there is one.
fn separator_end(line: &str, at: usize) -> Option<usize> {
    let rest = &line[at..];
    if let Some(dash) = ["-", "–", "—", "~"].iter().find(|d| rest.starts_with(*d)) {
        return Some(at + dash.len());
    }
    let after_word = line[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_character(c));
    if !after_word || !starts_word(line, at) {
        return None;
    }
    RANGE_WORDS.iter().find_map(|w| phrase_end(line, at, w))
}

/// Whether a word character (`\w`) starts at `at`: whether a word boundary there would fail
/// after a word character.
fn starts_word(line: &str, at: usize) -> bool {
    line[at..].chars().next().is_some_and(is_word_character)
}

/// Whether `c` is a word character (`\w`: letters, digits, marks, connector punctuation).
fn is_word_character(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::try_is_word_character(c).unwrap_or(false)
    }
}

/// The end of the run of at most `most` decimal digits (`\d`, any script) at `at`.
fn digits_end(line: &str, at: usize, most: usize) -> usize {
    at + line[at..]
        .chars()
        .take(most)
        .take_while(|&c| c.is_ascii_digit() || (!c.is_ascii() && is_decimal_digit(c)))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// Whether `c` is a decimal digit of some script (Unicode's `Nd`, what `\d` matches).
fn is_decimal_digit(c: char) -> bool {
    static DIGITS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::parse(r"\d").map(regex_syntax::hir::Hir::into_kind) {
            Ok(HirKind::Class(Class::Unicode(class))) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            other => unreachable!("\\d is a Unicode class: {other:?}"),
        }
    });
    let i = DIGITS.partition_point(|&(_, end)| end < c);
    DIGITS.get(i).is_some_and(|&(start, _)| start <= c)
}

/// The end of the run of letters at `at`.
fn letters_end(line: &str, at: usize) -> usize {
    at + line[at..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum::<usize>()
}

/// The end of the white space (`\s*`) at `at`.
fn skip_white_space(line: &str, at: usize) -> usize {
    at + line[at..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>()
}

fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The index (0–11) of the month `name` names (one of [`MONTHS`], in any case).
fn month_index(name: &str) -> Option<i32> {
    // Every name in the table has 3 to 12 bytes and starts with one of these letters: most words
    // are turned down before any comparison.
    let first = name.as_bytes().first().map(u8::to_ascii_lowercase);
    if !(3..=12).contains(&name.len())
        || !matches!(
            first,
            Some(b'a' | b'd' | b'e' | b'f' | b'g' | b'j' | b'l' | b'm' | b'n' | b'o' | b's')
        )
    {
        return None;
    }
    let find = |lower: &[u8]| {
        BY_NAME
            .binary_search_by(|(m, _)| m.as_bytes().cmp(lower))
            .ok()
            .map(|k| BY_NAME[k].1)
    };
    if name.is_ascii() {
        let mut buf = [0u8; 12];
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        find(lower)
    } else {
        find(name.to_lowercase().as_bytes())
    }
}

/// [`MONTHS`] sorted by name (all in lower case, each once), for a binary search: a word is
/// looked up for nearly every word of a dated line.
static BY_NAME: std::sync::LazyLock<Vec<(&str, i32)>> = std::sync::LazyLock::new(|| {
    let mut sorted = MONTHS.to_vec();
    sorted.sort_unstable();
    sorted
});

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use regex::Regex;

    const NOW: Month = 2026 * 12 + 10;

    /// [`may_hold_a_date`] looking at every byte, without passing over blocks.
    fn may_hold_a_date_byte_by_byte(line: &str) -> bool {
        let b = line.as_bytes();
        let digit = |i: usize| {
            b.get(i)
                .is_some_and(|&c| c.is_ascii_digit() || !c.is_ascii())
        };
        let ascii_pair = |i: usize| {
            b.get(i..i + 2)
                .is_some_and(|p| p.iter().all(u8::is_ascii_digit))
        };
        (0..b.len()).any(|i| ascii_pair(i) && after_a_month(line, i))
            || (0..b.len()).any(|i| match b[i] {
                b'1' | b'2' => {
                    matches!(b.get(i + 1), Some(b'9' | b'0'))
                        && (b[i] == b'1') == (b[i + 1] == b'9')
                        && digit(i + 2)
                        && digit(i + 3)
                }
                b'\'' | 0x99 => digit(i + 1) && digit(i + 2),
                b'/' => i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2),
                b' ' => {
                    digit(i + 1) && digit(i + 2) && {
                        let rest = line.get(i + 3..).unwrap_or("").trim_start();
                        rest.starts_with(['-', '–', '—', '~']) || rest.starts_with("to ")
                    }
                }
                _ => false,
            })
    }

    #[test]
    fn may_hold_a_date_agrees_with_the_byte_by_byte_check() {
        let pieces = [
            "1", "2", "9", "0", "19", "20", "2019", "1998", "'", "’", "/", " ", "-", "–", "to ",
            "x", "é", "•", "٢", "Sept", "~", "a1", "10", "21", "12", "  ",
        ];
        let mut checked = 0;
        let mut held = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", " - now", "19", "/2", "'9"] {
                        let line = format!("{a}{b}{c}{d}");
                        let expected = may_hold_a_date_byte_by_byte(&line);
                        assert_eq!(may_hold_a_date(&line), expected, "{line:?}");
                        checked += 1;
                        held += usize::from(expected);
                    }
                }
            }
        }
        assert!(
            checked > 80_000 && held > 1_000,
            "{checked} lines, {held} with a date"
        );
    }

    /// A line's range read through [`LineRanges`] is the line's own, however often and in
    /// whatever order lines are asked about; lines past the end have none.
    #[test]
    fn line_ranges_read_each_line_as_it_stands() {
        let mut ranges_found = 0;
        for text in crate::test_texts::samples() {
            let text = crate::normalize::normalize(&text);
            let starts = crate::normalize::lines::line_starts(&text);
            let ranges = LineRanges::new(&text, &starts, NOW);
            for i in (0..starts.len()).rev().chain(0..starts.len()) {
                let line = crate::normalize::lines::line_text(&text, &starts, i);
                assert_eq!(ranges.of_line(i), dated_range(line, NOW), "{line:?}");
                ranges_found += usize::from(ranges.of_line(i).is_some());
            }
            assert_eq!(ranges.of_line(starts.len()), None);
        }
        assert!(ranges_found > 20, "{ranges_found}");
    }

    /// The binary search needs each name once and in lower case; each is found in any case.
    #[test]
    fn month_names_are_found_in_any_case() {
        let mut names: Vec<&str> = MONTHS.iter().map(|(m, _)| *m).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), MONTHS.len(), "a month name is listed twice");
        for &(name, index) in &MONTHS {
            assert_eq!(name, name.to_lowercase(), "{name}");
            assert_eq!(month_index(name), Some(index), "{name}");
            assert_eq!(month_index(&name.to_uppercase()), Some(index), "{name}");
        }
        for word in ["", "ma", "jann", "mayo.", "décembre!", "Junior", "augusta"] {
            assert_eq!(month_index(word), None, "{word}");
        }
    }

    /// The rule as regexes, a closed range and an open one: what the recogniser must agree with.
    static REFERENCE: LazyLock<(Regex, Regex)> = LazyLock::new(|| {
        let alternation = |words: &mut Vec<&str>| {
            // Longest first, so that no word is cut short by a shorter one it starts with.
            words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            words
                .iter()
                .map(|w| regex::escape(w))
                .collect::<Vec<_>>()
                .join("|")
        };
        let month = alternation(&mut MONTHS.iter().map(|(m, _)| *m).collect());
        let present = alternation(&mut PRESENT.to_vec());
        let range_words = alternation(&mut RANGE_WORDS.to_vec());
        let since = alternation(&mut SINCE.to_vec());
        let point = format!(
            r"(?:(?P<{{p}}q>{month})\.?,?\s*(?:(?:de|del)\s+)?['’]?(?P<{{p}}z>\d{{2}})\b|(?P<{{p}}r>\d{{1,2}})/(?P<{{p}}w>\d{{2}})\b|(?:(?P<{{p}}m>{month})\.?,?\s*(?:(?:de|del)\s+)?|(?P<{{p}}n>\d{{1,2}})\s*[/.]\s*)?(?P<{{p}}y>(?:19|20)\d{{2}})(?:\s*[/.-]\s*(?P<{{p}}t>\d{{1,2}})(?:-\d{{2}})?\b)?)"
        );
        let (start, end, open) = (
            point.replace("{p}", "s"),
            point.replace("{p}", "e"),
            point.replace("{p}", "o"),
        );
        let closed = Regex::new(&format!(
            r"(?i)\b{start}\s*(?:-|–|—|~|\b(?:{range_words})\b)\s*(?:{end}|(?P<now>{present})\b)"
        ))
        .expect("valid regex");
        let open = Regex::new(&format!(
            r"(?i)(?:^|[|•,;(:–—-])\s*\b(?:{since})\s*\b{open}"
        ))
        .expect("valid regex");
        (closed, open)
    });

    /// [`range_months`] by the reference regexes.
    pub(in crate::years) fn reference_months(line: &str, now: Month) -> Option<(Month, Month)> {
        let (closed, open) = &*REFERENCE;
        let (caps, p) = match closed.captures(line) {
            Some(caps) => (caps, "s"),
            None => (open.captures(line)?, "o"),
        };
        let group = |name: String| caps.name(&name).map(|m| m.as_str());
        let point = |p: &str| -> Option<(i32, Option<i32>)> {
            let (year, short) = match group(format!("{p}y")) {
                Some(y) => (y, false),
                None => (
                    group(format!("{p}z")).or_else(|| group(format!("{p}w")))?,
                    true,
                ),
            };
            let year = year_of(
                &Point {
                    name: None,
                    number: None,
                    year,
                    trailing: None,
                    short_year: short,
                    end: 0,
                },
                now,
            )?;
            let month = match group(format!("{p}q")).or_else(|| group(format!("{p}m"))) {
                Some(name) => month_index(name),
                None => group(format!("{p}n"))
                    .or_else(|| group(format!("{p}r")))
                    .or_else(|| group(format!("{p}t")))
                    .and_then(|n| n.parse::<i32>().ok())
                    .filter(|n| (1..=12).contains(n))
                    .map(|n| n - 1),
            };
            Some((year, month))
        };
        let (year, month) = point(p)?;
        let from = year * 12 + month.unwrap_or(0);
        let to = if p == "o" || group("now".into()).is_some() {
            now
        } else {
            let (year, month) = point("e")?;
            year * 12 + month.unwrap_or(11)
        };
        (from <= to && to <= now + 12).then_some((from, to))
    }

    fn range(s: &str) -> Option<(i32, i32, i32, i32)> {
        let found = range_months(s, NOW);
        // Experience reads only the lines that may hold a date: every range is on one.
        assert!(found.is_none() || may_hold_a_date(s), "{s:?}");
        found.map(|(a, b)| (a / 12, a % 12 + 1, b / 12, b % 12 + 1))
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
        // The dash after "2019-05" is the month's when a range dash follows, else the range's.
        assert_eq!(range("2019-05 - 2020"), Some((2019, 5, 2020, 12)));
        assert_eq!(range("2019-05/2020"), Some((2019, 1, 2020, 5)));
        assert_eq!(range("03.2019 – 11.2021"), Some((2019, 3, 2021, 11)));
        assert_eq!(range("Mar '19 – Jun '21"), Some((2019, 3, 2021, 6)));
        assert_eq!(range("Sep ’98 - May ’01"), Some((1998, 9, 2001, 5)));
        assert_eq!(range("Jan 2020 until Dec 2021"), Some((2020, 1, 2021, 12)));
        assert_eq!(range("2019-04-15 — Present"), Some((2019, 4, 2026, 11)));
        assert_eq!(range("Sept 17 – present"), Some((2017, 9, 2026, 11)));
        assert_eq!(range("10/21 - 11/22"), Some((2021, 10, 2022, 11)));
        assert_eq!(range("Sept 17, 2019 – present"), Some((2019, 1, 2026, 11)));
    }

    #[test]
    fn reads_dates_in_the_languages_of_the_headings() {
        // German, French, Spanish, Portuguese, Italian, Dutch.
        assert_eq!(range("März 2020 – heute"), Some((2020, 3, 2026, 11)));
        assert_eq!(range("Okt. 2015 bis Dez. 2019"), Some((2015, 10, 2019, 12)));
        assert_eq!(range("seit 2021"), Some((2021, 1, 2026, 11)));
        assert_eq!(range("depuis 2019"), Some((2019, 1, 2026, 11)));
        assert_eq!(
            range("Ingénieur | depuis févr. 2018"),
            Some((2018, 2, 2026, 11))
        );
        assert_eq!(range("janv. 2016 - déc. 2018"), Some((2016, 1, 2018, 12)));
        assert_eq!(range("de 2014 à 2016"), Some((2014, 1, 2016, 12)));
        assert_eq!(range("sept. 2019 – aujourd'hui"), Some((2019, 9, 2026, 11)));
        assert_eq!(range("ene. 2018 - actualidad"), Some((2018, 1, 2026, 11)));
        assert_eq!(range("desde 2018"), Some((2018, 1, 2026, 11)));
        assert_eq!(range("2017 – atual"), Some((2017, 1, 2026, 11)));
        assert_eq!(
            range("março de 2015 a dezembro de 2016"),
            Some((2015, 3, 2016, 12))
        );
        assert_eq!(range("marzo del 2016 - hoy"), Some((2016, 3, 2026, 11)));
        assert_eq!(range("mar 2015 a dez 2016"), Some((2015, 3, 2016, 12)));
        assert_eq!(range("da 2016 ad oggi"), Some((2016, 1, 2026, 11)));
        assert_eq!(range("dal 2016 al 2018"), Some((2016, 1, 2018, 12)));
        assert_eq!(range("dall'ottobre 2019"), Some((2019, 10, 2026, 11)));
        assert_eq!(range("sinds 2020"), Some((2020, 1, 2026, 11)));
        assert_eq!(range("mei 2012 tot heden"), Some((2012, 5, 2026, 11)));
        // "since" inside a sentence dates something else.
        assert_eq!(range("Python user since 2015"), None);
        // A month word must be whole: "Marzipan 2019" names no month.
        assert_eq!(range("Marzipan 2019 – 2020"), Some((2019, 1, 2020, 12)));
    }

    #[test]
    fn word_boundaries_are_unicode_ones() {
        // A letter glued to the year is no word boundary; a bullet or a dash is.
        assert_eq!(range("é2019 – 2020"), None);
        assert_eq!(range("São Paulo, 2019 – 2020"), Some((2019, 1, 2020, 12)));
        assert_eq!(
            range("Engineer • ACME — Jan 2019 – Present"),
            Some((2019, 1, 2026, 11))
        );
        assert_eq!(range("2019 – Presenté"), None);
        // A digit of another script is a digit, but not a number.
        assert_eq!(range("2019/٠٥ - 2020"), Some((2019, 1, 2020, 12)));
        assert_eq!(range("20١٩ - 2020"), None);
    }

    #[test]
    fn ignores_non_ranges() {
        assert_eq!(range("Call +1 555 014 2290"), None);
        assert_eq!(range("2018"), None);
        assert_eq!(range("2020 - 2016"), None);
        assert_eq!(range("Go 1.22 - 1.23"), None);
        assert_eq!(range("2019 - nowadays"), None);
    }

    #[test]
    fn decimal_digits_are_those_of_the_regex() {
        let digit = Regex::new(r"\A\d\z").expect("valid regex");
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii())
        {
            let mut buf = [0; 4];
            assert_eq!(
                is_decimal_digit(c),
                digit.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn normalized_text_has_no_letter_that_folds_to_an_ascii_one() {
        // Case-insensitive matching would take "ſ" for "s" and "K" (Kelvin) for "k"; the
        // recogniser compares ASCII letters only, which is right once NFKC has folded them.
        let hir = regex_syntax::parse("(?i)[a-z]").expect("valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("a Unicode class: {hir:?}");
        };
        let folding: Vec<char> = class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .filter(|c| !c.is_ascii())
            .collect();
        assert_eq!(folding, ['ſ', '\u{212a}']);
        for c in folding {
            assert!(
                crate::normalize::normalize(&c.to_string()).is_ascii(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn agrees_with_the_regex_on_combined_lines() {
        let prefixes = ["", "Engineer, ACME ", "• ", "2018 "];
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
            "١٢/2019",
            "2019/٠٥",
            "März 2020",
            "MÄRZ 2020",
            "févr. 2018",
            "Ene. 2018",
            "Mar '19",
            "sep’98",
            "mei 2012",
            "since 2019",
            "| depuis 2019",
            "dall'ottobre 2019",
            "Dez 2019",
            "março de 2015",
            "mayo del 2016",
            "Sept 17",
            "10/21",
            "2019-04-15",
        ];
        let separators = [
            "-", " - ", "–", " — ", "~", " to ", " until ", " till ", " TO ", "to", " -- ", " / ",
            " bis ", " à ", " a ", " al ", " tot ", " AD ", " t/m ", "a",
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
            "Presenté",
            "heute",
            "aujourd'hui",
            "la actualidad",
            "atual",
            "oggi",
            "heden",
            "ce jour",
            "Jun '21",
            "déc. 2021",
            "11/22",
            "2022-08-31",
        ];
        let suffixes = ["", " · Berlin", "/09"];
        let mut found = 0;
        for p in prefixes {
            for s in starts {
                for sep in separators {
                    for e in ends {
                        for x in suffixes {
                            let line = format!("{p}{s}{sep}{e}{x}");
                            let expected = reference_months(&line, NOW);
                            assert_eq!(range_months(&line, NOW), expected, "{line:?}");
                            assert!(expected.is_none() || may_hold_a_date(&line), "{line:?}");
                            found += usize::from(expected.is_some());
                        }
                    }
                }
            }
        }
        assert!(found > 100_000, "{found}");
    }

    /// Lines made of random pieces of dates and their neighbours, normalized as the recogniser
    /// expects its text.
    #[test]
    fn agrees_with_the_regex_on_random_lines() {
        let pieces = [
            "Jan", "january", "Sept", "sep", "MAY", "june", "dec.", "Jan 2019", "2019", "2019",
            "1999", "2020", "2021", "20", "19", "05", "5", "123", "١", "٢٠", "/", ".", ",", "-",
            " - ", " – ", "—", "~", " ", " ", "\t", " to ", "until", "till", "Present", "now",
            "nowadays", "date", "x", "é", "_", "(", ")", "•", "ſ", "\u{a0}", "\u{2003}", "März",
            "déc.", "'", "’", " since ", "seit", "| ", "heute", " bis ", "a", " al ", "dall'",
        ];
        // Half the lines are pieces in the shape of a range, the other half any pieces.
        let heads = [
            "",
            "Jan",
            "sept.",
            "May,",
            "03/",
            "3 .",
            "12",
            "١٢/",
            "Janu",
            "x",
            "März ",
            "ene.",
            "since ",
            "| depuis ",
        ];
        let years = [
            "2019", "1999", "2021", "20١٩", "201", "20190", "2030", "'19", "’98",
        ];
        let tails = ["", "/05", "-5", " . 12", "-123", "/٠٥", "-05x"];
        let separators = [
            "-", " – ", "—", "~", " to ", "to", "until", " till ", " / ", " bis ", " a ", " al ",
        ];
        let ends = [
            "Present",
            "now",
            "nowadays",
            "Date",
            "ongoingé",
            "heute",
            "oggi",
            "aujourd'hui",
        ];
        let gaps = [" ", ""];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut pick = |options: &[&'static str]| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            options[(state % options.len() as u64) as usize]
        };
        let counts = ["0", "1", "2", "3", "4", "5", "6", "7", "8"];
        let mut found = 0;
        for _ in 0..200_000 {
            let mut line = String::new();
            let shaped = pick(&gaps).is_empty();
            let around = if shaped { &counts[..3] } else { &counts[1..] };
            for _ in 0..pick(around).parse::<usize>().unwrap_or(0) {
                line.push_str(pick(&pieces));
            }
            if shaped {
                for part in [&heads[..], &gaps, &years, &tails, &separators] {
                    line.push_str(pick(part));
                }
                if pick(&counts[..3]) == "0" {
                    line.push_str(pick(&ends));
                } else {
                    for part in [&heads[..], &gaps, &years, &tails] {
                        line.push_str(pick(part));
                    }
                }
                line.push_str(pick(&pieces));
            }
            for line in crate::normalize::normalize(&line).split('\n') {
                let expected = reference_months(line, NOW);
                assert_eq!(range_months(line, NOW), expected, "{line:?}");
                assert!(expected.is_none() || may_hold_a_date(line), "{line:?}");
                found += usize::from(expected.is_some());
            }
        }
        assert!(found > 3_000, "{found}");
    }
}
