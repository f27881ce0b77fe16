//! Tests of the years of experience; those of date ranges are in `range.rs`.

use super::*;

#[test]
fn group_index_names_the_number() {
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
    let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) = hir.kind()
    else {
        panic!("a Unicode class: {hir:?}");
    };
    assert!(
        class.ranges().iter().all(|r| r.end().is_ascii()),
        "{class:?}"
    );
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
    let mut texts = crate::test_texts::samples();
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
            let line_starts = crate::normalize::lines::line_starts(&normalized);
            for _ in 0..2 {
                let expected =
                    reference::skill_years(&normalized, &line_starts, &sections, &hits, today);
                let ranges = LineRanges::new(&normalized, &line_starts, present_month(today));
                let found = skill_years(&normalized, &line_starts, &sections, &hits, &ranges);
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
    use super::super::range::tests::reference_months;
    use super::super::{merged_months, Month, SkillYears, STATED_AFTER, STATED_BEFORE};
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
        let dated_section = crate::years::dated_sections(sections);
        let mut entries: Vec<(usize, Month, Month)> = Vec::new(); // (first line, start, end)
        for (i, &start) in line_starts.iter().enumerate() {
            if !sections.get(i).copied().is_some_and(&dated_section) {
                continue;
            }
            let end = line_starts.get(i + 1).map_or(text.len(), |e| e - 1);
            let line = &text[start..end.max(start)];
            if !line.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            if let Some((from, to)) = reference_months(line, now) {
                entries.push((i, from, to));
            }
        }
        let mut periods: BTreeMap<usize, Vec<(Month, Month)>> = BTreeMap::new();
        for (k, &(first_line, from, to)) in entries.iter().enumerate() {
            let next_line = entries.get(k + 1).map_or(usize::MAX, |e| e.0);
            let section = sections.get(first_line).copied();
            for hit in hits {
                let in_entry = hit.line >= first_line && hit.line < next_line;
                if in_entry && (first_line..=hit.line).all(|l| sections.get(l).copied() == section)
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
}
