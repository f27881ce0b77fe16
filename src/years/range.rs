//! Date ranges as resumes write them: "Jan 2019 – Present", "2016-2018", "03/2020 - 07/2022",
//! "2012/05 – 2014/08", "May 2013 to May 2017".

use super::Month;
use std::sync::LazyLock;

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
    /// Where the point ends in its line.
    end: usize,
}

impl Point<'_> {
    /// The month index (0–11) the point names, if it names a valid one. A number before the
    /// year wins over one after it, even when only the one after is a month.
    fn month(&self) -> Option<i32> {
        if let Some(name) = self.name {
            return Some(month_index(name));
        }
        self.number
            .or(self.trailing)
            .and_then(|n| n.parse::<i32>().ok())
            .filter(|n| (1..=12).contains(n))
            .map(|n| n - 1)
    }
}

/// The (start, end) months of the first date range in `line`; `None` when there is none, or
/// when the first one runs backwards, ends more than a year from `now` or has a year that is
/// not in ASCII digits.
///
/// A date range is "Point Separator Point" or "Point Separator Present" (see [`date_range`]).
pub(super) fn range_months(line: &str, now: Month) -> Option<(Month, Month)> {
    let (start, end) = date_range(line)?;
    let from = start.year.parse::<i32>().ok()? * 12 + start.month().unwrap_or(0);
    let to = match end {
        Some(end) => end.year.parse::<i32>().ok()? * 12 + end.month().unwrap_or(11),
        None => now,
    };
    (from <= to && to <= now + 12).then_some((from, to))
}

/// The first date range in `line`: its start, and its end (`None` for "Present" and the like).
///
/// The grammar, in regex terms (case-insensitive, Unicode classes; `\d` is any decimal digit):
///
/// ```text
/// range = \b point \s* (- | – | — | ~ | \bto\b | \buntil\b | \btill\b) \s* (point | present\b)
/// point = (month \.? ,? \s* | \d{1,2} \s* [/.] \s*)? (19|20)\d\d (\s* [/.-] \s* \d{1,2}\b)?
/// ```
///
/// where `month` is a month's name or abbreviation ("sep" and "sept") and `present` one of
/// present, current, now, today, date and ongoing. Where the grammar allows more than one
/// reading, the one a backtracking regex takes is the one given: the leftmost start, then, at
/// each optional part, taking it before leaving it out (see [`points`]). The text is expected to
/// be normalized: NFKC has removed the only letters that fold to ASCII ones (ſ, K).
fn date_range(line: &str) -> Option<(Point<'_>, Option<Point<'_>>)> {
    let mut at = 0;
    while let Some(c) = line[at..].chars().next() {
        if !is_word_character(c) {
            at += c.len_utf8();
            continue;
        }
        // A range starts at a word boundary, so only where a word starts.
        if let Some(range) = range_at(line, at) {
            return Some(range);
        }
        at += line[at..]
            .chars()
            .take_while(|&c| is_word_character(c))
            .map(char::len_utf8)
            .sum::<usize>();
    }
    None
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
        let word = ascii_letters(line, at);
        if ["present", "current", "now", "today", "date", "ongoing"]
            .iter()
            .any(|w| line[at..word].eq_ignore_ascii_case(w))
            && !starts_word(line, word)
        {
            return Some((start, None));
        }
    }
    None
}

/// The ways a point can be read at `at`, in the order a backtracking regex tries them: with the
/// month or number before the year, then without; for each, with the month number after the
/// year, then without. Each part has at most one reading of its own (a month name is a whole run
/// of letters, a number a whole run of one or two digits), so these four are all there are.
fn points(line: &str, at: usize) -> [Option<Point<'_>>; 4] {
    let mut out = [None; 4];
    let prefix = month_or_number(line, at);
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
            end: year_end,
        };
        out[2 * i] = trailing_month(line, year_end).map(|(trailing, end)| Point {
            trailing: Some(trailing),
            end,
            ..point
        });
        out[2 * i + 1] = Some(point);
    }
    out
}

/// What a point can have before its year: `month \.? ,? \s*` or `\d{1,2} \s* [/.] \s*`, as (month
/// name, number, where the year must start).
fn month_or_number(line: &str, at: usize) -> Option<(Option<&str>, Option<&str>, usize)> {
    let word = ascii_letters(line, at);
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
        let name = &line[at..word];
        if !MONTHS.iter().any(|m| name.eq_ignore_ascii_case(m)) {
            return None;
        }
        let mut end = word;
        for mark in [b'.', b','] {
            if line.as_bytes().get(end) == Some(&mark) {
                end += 1;
            }
        }
        return Some((Some(name), None, skip_white_space(line, end)));
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

/// A month number after the year, `\s* [/.-] \s* \d{1,2}\b` at `at`: the number and where it ends.
fn trailing_month(line: &str, at: usize) -> Option<(&str, usize)> {
    let mark = skip_white_space(line, at);
    if !matches!(line.as_bytes().get(mark), Some(b'/' | b'.' | b'-')) {
        return None;
    }
    let start = skip_white_space(line, mark + 1);
    let end = digits_end(line, start, 3);
    ((1..=2).contains(&count_chars(&line[start..end])) && !starts_word(line, end))
        .then(|| (&line[start..end], end))
}

/// The end of the range dash or word at `at` ("-", "–", "—", "~", or a whole word "to", "until",
/// "till"), if there is one.
fn separator_end(line: &str, at: usize) -> Option<usize> {
    let rest = &line[at..];
    if let Some(dash) = ["-", "–", "—", "~"].iter().find(|d| rest.starts_with(*d)) {
        return Some(at + dash.len());
    }
    let word = ascii_letters(line, at);
    let is_word = ["to", "until", "till"]
        .iter()
        .any(|w| rest[..word - at].eq_ignore_ascii_case(w));
    let after_word = line[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_character(c));
    (is_word && after_word && !starts_word(line, word)).then_some(word)
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

/// The end of the run of ASCII letters at `at`.
fn ascii_letters(line: &str, at: usize) -> usize {
    at + line.as_bytes()[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
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

/// The index (0–11) of the month a name starts with; 0 if it names none.
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
pub(super) mod tests {
    use super::*;
    use regex::Regex;

    const NOW: Month = 2026 * 12 + 10;

    /// The rule as a regex: what the recogniser must agree with.
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
        let point = format!(
            r"(?:(?P<{{p}}m>{MONTH})\.?,?\s*|(?P<{{p}}n>\d{{1,2}})\s*[/.]\s*)?(?P<{{p}}y>(?:19|20)\d{{2}})(?:\s*[/.-]\s*(?P<{{p}}t>\d{{1,2}})\b)?"
        );
        let (start, end) = (point.replace("{p}", "s"), point.replace("{p}", "e"));
        Regex::new(&format!(
            r"(?i)\b{start}\s*(?:-|–|—|~|\bto\b|\buntil\b|\btill\b)\s*(?:{end}|(?P<now>present|current|now|today|date|ongoing)\b)"
        ))
        .expect("valid regex")
    });

    /// [`range_months`] by the reference regex.
    pub(in crate::years) fn reference_months(line: &str, now: Month) -> Option<(Month, Month)> {
        let caps = REFERENCE.captures(line)?;
        let group = |name: &str| caps.name(name).map(|m| m.as_str());
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
        let from = group("sy")?.parse::<i32>().ok()? * 12 + month_of("sm", "sn", "st").unwrap_or(0);
        let to = if group("now").is_some() {
            now
        } else {
            group("ey")?.parse::<i32>().ok()? * 12 + month_of("em", "en", "et").unwrap_or(11)
        };
        (from <= to && to <= now + 12).then_some((from, to))
    }

    fn range(s: &str) -> Option<(i32, i32, i32, i32)> {
        range_months(s, NOW).map(|(a, b)| (a / 12, a % 12 + 1, b / 12, b % 12 + 1))
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
            "_",
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
            "١٢/2019",
            "2019/٠٥",
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
            "Presenté",
        ];
        let suffixes = ["", ")", " · Berlin", "5", "x", " – 2025", "/09", "é"];
        let mut found = 0;
        for p in prefixes {
            for s in starts {
                for sep in separators {
                    for e in ends {
                        for x in suffixes {
                            let line = format!("{p}{s}{sep}{e}{x}");
                            let expected = reference_months(&line, NOW);
                            assert_eq!(range_months(&line, NOW), expected, "{line:?}");
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
            "nowadays", "date", "x", "é", "_", "(", ")", "•", "ſ", "\u{a0}", "\u{2003}",
        ];
        // Half the lines are pieces in the shape of a range, the other half any pieces.
        let heads = [
            "", "Jan", "sept.", "May,", "03/", "3 .", "12", "١٢/", "Janu", "x",
        ];
        let years = ["2019", "1999", "2021", "20١٩", "201", "20190", "2030"];
        let tails = ["", "/05", "-5", " . 12", "-123", "/٠٥", "-05x"];
        let separators = ["-", " – ", "—", "~", " to ", "to", "until", " till ", " / "];
        let ends = ["Present", "now", "nowadays", "Date", "ongoingé"];
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
                found += usize::from(expected.is_some());
            }
        }
        assert!(found > 3_000, "{found}");
    }
}
