//! The highest degree a resume shows completed, with its field, year and the line that says so.
//!
//! Degree words are read in the languages of the section headings ("B.Sc.", "Bachelor of
//! Engineering", "MSc", "Licenciatura", "Diplom-Informatiker", "Master 2", "Doutorado"). In the
//! education section every form counts; elsewhere (a summary, a header the heading detector
//! missed) only the unmistakable ones ("master's degree", "Bachelor of", "MSc", "Ph.D."), so that a
//! "Scrum Master" is no degree. Experience, skills, projects and certifications are not read.
//!
//! A degree is completed unless the resume says otherwise: dates that end after today ("2023 –
//! 2027", "2020 – present") on its line or the nearest dated line of the two after it, or words
//! such as "expected", "in progress", "pursuing", "incomplete", "did not complete" on its line or
//! the next. One still in progress is listed, not counted.

use crate::dictionary::SectionKind;
use crate::normalize::lines::line_span;
use crate::years::LineRanges;
use regex::Regex;
use regex_automata::meta::Regex as DegreeRegex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A degree level, lowest first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    /// No completed degree found.
    #[default]
    None,
    /// Associate degree, college diploma, HND.
    Associate,
    /// Bachelor's degree, licence, licenciatura, laurea triennale.
    Bachelor,
    /// Master's degree, MBA, Diplom, specialist degree.
    Master,
    /// Doctorate.
    Doctorate,
}

impl DegreeLevel {
    /// The level as the report writes it: `none`, `associate`, `bachelor`, `master`, `doctorate`.
    pub fn as_str(self) -> &'static str {
        match self {
            DegreeLevel::None => "none",
            DegreeLevel::Associate => "associate",
            DegreeLevel::Bachelor => "bachelor",
            DegreeLevel::Master => "master",
            DegreeLevel::Doctorate => "doctorate",
        }
    }
}

/// What a resume says of its holder's education.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Education {
    /// The highest degree completed; `none` when no completed degree is found.
    pub highest_degree: DegreeLevel,
    /// The field of that degree, when the line names one ("Computer Science").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The year that degree was completed, when the resume gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Every degree found, completed or not, in the order of the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub degrees: Vec<Degree>,
}

/// One degree a resume names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Degree {
    /// Its level.
    pub level: DegreeLevel,
    /// False while in progress or when the resume says it was not completed.
    pub completed: bool,
    /// Its field, when the line names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Its (last) year, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// 1-based line in the normalized text.
    pub line: usize,
    /// The line, as evidence.
    pub evidence: String,
}

/// Degree forms by level, highest first; `strong` ones also count outside the education section.
struct Forms {
    level: DegreeLevel,
    strong: DegreeRegex,
    any: DegreeRegex,
}

/// Degree forms by level, highest first: (level, strong forms, other forms), as regex
/// alternations.
const FORM_PATTERNS: [(DegreeLevel, &str, &str); 4] = [
    (
        DegreeLevel::Doctorate,
        r"ph\.?\s?d\b\.?|doctorate\b|doctoral degree|doctor of (?:philosophy|science|engineering)\b|d\.\s?phil\b",
        r"dr\.\s?(?:rer|phil|ing)\b|doctorat\b|doctorado\b|doutorado\b|dottorato\b|promotion\b",
    ),
    (
        DegreeLevel::Master,
        r"master'?s degree|masters degree|master of\b|m\.?\s?sc\b\.?|m\.\s?s\.\s?(?:in|of)\b|m\.?\s?eng\b\.?|m\.?\s?tech\b|mba\b|m\.b\.a\b|diplom-\w+|dipl\.-?\s?(?:ing|inf|kfm)\b",
        r"master'?s?\b|m\.?s\s+(?:in|of)\b|m\.\s?f\.\s?a\b\.?|mfa\b|m\.a\.\s|mca\b|m\.c\.a\b|specialist degree|dual degree|mestrado\b|m[aá]ster\b|laurea magistrale|master 2\b|diplom\b",
    ),
    (
        DegreeLevel::Bachelor,
        r"bachelor'?s degree|bachelors degree|bachelor of\b|b\.?\s?sc\b\.?|b\.?\s?eng\b\.?|b\.?\s?tech\b|b\.\s?s\.\s?(?:in|of)\b",
        r"bachelor'?s?\b|b\.\s?s\b\.?|b\.\s?f\.\s?a\b\.?|bfa\b|b\.\s?b\.\s?a\b\.?|bba\b|bs\s+(?:in|of)\b|b\.a\.\s|ba\s+(?:in|of)\b|b\.e\.\s|bca\b|b\.c\.a\b|b\.\s?com\b|licence\b|licenciatura\b|grado en\b|laurea\b|bacharelado\b|undergraduate degree|bakalář\w*",
    ),
    (
        DegreeLevel::Associate,
        r"associate'?s degree|associate degree|associate of (?:arts|science|applied science)\b",
        r"a\.a\.s\b\.?|a\.a\.\s|a\.s\.\s|diploma in\b|higher national diploma|hnd\b|\bdut\b",
    ),
];

/// Compiles a degree regex. ASCII word boundaries: the forms are ASCII but for "máster", and
/// Unicode ones would make the regex engine give up its fast path on the first accented letter of
/// a line. No prefilter: the lines searched are short, and working one out from these
/// alternations cost more than the rest of their compilation, paid by every run of the program.
fn degree_regex(alternation: &str) -> DegreeRegex {
    let pattern = format!(r"(?i)\b(?:{alternation})").replace(r"\b", r"(?-u:\b)");
    DegreeRegex::builder()
        .configure(DegreeRegex::config().auto_prefilter(false))
        .build(&pattern)
        .expect("valid degree regex")
}

static FORMS: LazyLock<Vec<Forms>> = LazyLock::new(|| {
    FORM_PATTERNS
        .iter()
        .map(|&(level, strong, weak)| Forms {
            level,
            strong: degree_regex(strong),
            any: degree_regex(&format!("{strong}|{weak}")),
        })
        .collect()
});

/// Every strong form, and every form, of every level in one regex each: most lines hold none, and
/// one search tells so where one per level would take four.
static ANY_FORM: LazyLock<(DegreeRegex, DegreeRegex)> = LazyLock::new(|| {
    let strong: Vec<&str> = FORM_PATTERNS.iter().map(|f| f.1).collect();
    let all: Vec<String> = FORM_PATTERNS
        .iter()
        .map(|f| format!("{}|{}", f.1, f.2))
        .collect();
    (
        degree_regex(&strong.join("|")),
        degree_regex(&all.join("|")),
    )
});

/// Words that say a degree was not (yet) completed, lower case.
const NOT_COMPLETED: [&str; 19] = [
    "expected",
    "in progress",
    "ongoing",
    "pursuing",
    "incomplete",
    "did not",
    "didn't",
    "didn’t",
    "not completed",
    "unfinished",
    "dropped out",
    "currently",
    "candidate",
    "previsão",
    "voraussichtlich",
    "prévu",
    "final year",
    "3rd year",
    "never",
];

/// What would end a field's name after the degree words.
const FIELD_ENDS: [char; 8] = [',', '|', '(', '—', '–', '•', ';', ':'];

/// Reads the education of a normalized text whose lines are in `sections`; `ranges` reads its
/// lines' date ranges (and knows the month "present" stands for).
pub(crate) fn education(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    ranges: &LineRanges<'_>,
) -> Education {
    let now = ranges.now();
    let line_at = |j: usize| &text[line_span(text, line_starts, j)];
    let mut degrees = Vec::new();
    for (i, &section) in sections.iter().enumerate() {
        let strong_only = match section {
            SectionKind::Education => false,
            SectionKind::Header | SectionKind::Summary | SectionKind::Other => true,
            _ => continue,
        };
        // "KrakowskaMaster of Science": a layout glued the school to the degree.
        let line = split_camel_case(line_at(i));
        let line = line.as_ref();
        let any_form = if strong_only {
            &ANY_FORM.0
        } else {
            &ANY_FORM.1
        };
        if !any_form.is_match(line) {
            continue;
        }
        let Some((level, end)) = FORMS.iter().find_map(|f| {
            let form = if strong_only { &f.strong } else { &f.any };
            form.find(line)
                .filter(|m| !is_not_a_degree(line, m.start()))
                .map(|m| (f.level, m.end()))
        }) else {
            continue;
        };
        // The degree's own line and the two after it (where the school and dates often stand).
        let around: Vec<(usize, &str)> = (i..(i + 3).min(line_starts.len()))
            .filter(|&j| j == i || sections.get(j) == Some(&section))
            .map(|j| (j, line_at(j)))
            .collect();
        // Said of this degree: on its line or the next ("(Incomplete)").
        let said_not_done = around.iter().take(2).any(|(_, l)| {
            let lower = l.to_lowercase();
            NOT_COMPLETED.iter().any(|w| lower.contains(w))
        });
        // The dates on the degree's own line, else on the nearest line after it that has some:
        // the last year given, and whether the range runs to the present.
        let dated = around.iter().find_map(|&(j, l)| match ranges.of_line(j) {
            Some(r) => Some((r.to.div_euclid(12), r.open || r.to > now)),
            // A year too far ahead for a range ("2024 – 2028") is a graduation to come.
            None => last_year(l).map(|y| (y, y > now.div_euclid(12))),
        });
        let in_future = dated.is_some_and(|(_, future)| future);
        let year = dated.filter(|&(_, future)| !future).map(|(y, _)| y);
        degrees.push(Degree {
            level,
            completed: !said_not_done && !in_future,
            field: field_after(&line[end..]),
            year,
            line: i + 1,
            evidence: crate::normalize::first_chars(line_at(i).trim(), 200).to_string(),
        });
    }
    let best = degrees
        .iter()
        .filter(|d| d.completed)
        .max_by_key(|d| (d.level, std::cmp::Reverse(d.line)));
    Education {
        highest_degree: best.map_or(DegreeLevel::None, |d| d.level),
        field: best.and_then(|d| d.field.clone()),
        year: best.and_then(|d| d.year),
        degrees,
    }
}

/// Words around a degree-like form that make it something else: a driving licence, a Scrum
/// Master, master data, a "Bachelor" course not yet begun is still a degree.
fn is_not_a_degree(line: &str, at: usize) -> bool {
    let before = line[..at].to_lowercase();
    let after = line[at..].to_lowercase();
    before.ends_with("driving ")
        || before.ends_with("driver's ")
        || before.ends_with("scrum ")
        || before.ends_with("nano")
        || after.starts_with("master data")
        || after.starts_with("mastercard")
        || after.starts_with("master class")
        || after.starts_with("masterclass")
}

/// The field named after a degree's words: "in Computer Science, 2019" gives "Computer Science".
fn field_after(rest: &str) -> Option<String> {
    let mut rest = rest.trim_start_matches(['.', '\'', 's', ' ', '-', '—', '–', ':', ',']);
    for lead in [
        "degree",
        "of science",
        "of arts",
        "of engineering",
        "of applied science",
        "of technology",
        "in",
        "of",
        "en",
        "em",
        "de",
        "in",
        "im",
    ] {
        let lower = rest.to_lowercase();
        if lower.starts_with(lead) && lower[lead.len()..].starts_with([' ', ',']) {
            rest = rest[lead.len()..].trim_start_matches([' ', ',']);
        }
    }
    let end = rest
        .find(|c: char| FIELD_ENDS.contains(&c) || c.is_ascii_digit())
        .unwrap_or(rest.len());
    let field = rest[..end]
        .split(" GPA")
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches([' ', '-', '.']);
    (field.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .then(|| crate::normalize::first_chars(field, 80).to_string())
}

/// The last four-digit year of a line ("2014 – 2019" gives 2019).
fn last_year(line: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("valid year regex"));
    YEAR.find_iter(line)
        .filter_map(|m| m.as_str().parse().ok())
        .last()
}

/// `line` with a space between a lower-case letter and the capital that follows it.
fn split_camel_case(line: &str) -> std::borrow::Cow<'_, str> {
    // Most lines have no such pair, and are given back as they are; a line with letters beyond
    // ASCII ("Zürich", a bullet) is looked at character by character.
    let joined = if line.is_ascii() {
        line.as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
    } else {
        let mut chars = line.chars();
        let mut prev_lower = false;
        chars.any(|c| {
            let join = prev_lower && c.is_uppercase();
            prev_lower = c.is_lowercase();
            join
        })
    };
    if !joined {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 4);
    let mut prev_lower = false;
    for c in line.chars() {
        if prev_lower && c.is_uppercase() {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: crate::years::Month = 2026 * 12 + 10;

    /// A line is split where a lower-case letter meets a capital, ASCII or not, and otherwise
    /// given back as it is (borrowed).
    #[test]
    fn camel_case_splits_only_where_letters_meet() {
        let cases = [
            ("KrakowskaMaster of Science", "Krakowska Master of Science"),
            ("Universität ZürichBachelor", "Universität Zürich Bachelor"),
            ("ŁódźMagister", "Łódź Magister"),
            ("éÉ aB", "é É a B"),
            (
                "• BSc Computer Science, 2015",
                "• BSc Computer Science, 2015",
            ),
            ("Zürich — M.Sc.", "Zürich — M.Sc."),
            ("plain ASCII line", "plain ASCII line"),
        ];
        for (line, split) in cases {
            let got = split_camel_case(line);
            assert_eq!(got, split, "{line}");
            let borrowed = matches!(got, std::borrow::Cow::Borrowed(_));
            assert_eq!(borrowed, line == split, "{line}");
        }
    }

    fn read(text: &str) -> Education {
        let starts = crate::normalize::lines::line_starts(text);
        let mut sections = vec![SectionKind::Education; starts.len()];
        sections[0] = SectionKind::Header;
        education(
            text,
            &starts,
            &sections,
            &crate::years::LineRanges::new(text, &starts, NOW),
        )
    }

    #[test]
    fn the_highest_completed_degree_counts() {
        let e =
            read("Jane Doe\nB.Sc. Computer Science, 2012 – 2016\nM.Sc. in Data Science, 2017\n");
        assert_eq!(e.highest_degree, DegreeLevel::Master);
        assert_eq!(e.field.as_deref(), Some("Data Science"));
        assert_eq!(e.year, Some(2017));
        assert_eq!(e.degrees.len(), 2);
    }

    #[test]
    fn a_degree_in_progress_is_listed_not_counted() {
        let e =
            read("Jane Doe\nBachelor of Engineering (2023 – 2027)\nDiploma in Electronics, 2021\n");
        assert_eq!(e.highest_degree, DegreeLevel::Associate);
        assert!(!e.degrees[0].completed);
        let e = read("Jane Doe\nMaster of Science in Physics — expected 2027\n");
        assert_eq!(e.highest_degree, DegreeLevel::None);
        let e = read("Jane Doe\nBSc in Computer Engineering (Incomplete)\n");
        assert_eq!(e.highest_degree, DegreeLevel::None);
    }

    #[test]
    fn degrees_in_other_languages() {
        for (line, level) in [
            ("Diplom-Informatiker, TU München, 2010", DegreeLevel::Master),
            ("Licenciatura en Informática, 2015", DegreeLevel::Bachelor),
            (
                "Master 2 Informatique, Université de Lyon, 2018",
                DegreeLevel::Master,
            ),
            (
                "Doutorado em Ciência da Computação, 2020",
                DegreeLevel::Doctorate,
            ),
            (
                "Laurea triennale in Ingegneria, 2014",
                DegreeLevel::Bachelor,
            ),
        ] {
            assert_eq!(
                read(&format!("Jane Doe\n{line}\n")).highest_degree,
                level,
                "{line}"
            );
        }
    }

    #[test]
    fn a_scrum_master_is_no_degree() {
        let starts =
            crate::normalize::lines::line_starts("Jane Doe\nCertified Scrum Master and MBA\n");
        let sections = [SectionKind::Header, SectionKind::Summary];
        let text = "Jane Doe\nCertified Scrum Master and MBA\n";
        let e = education(
            text,
            &starts,
            &sections,
            &crate::years::LineRanges::new(text, &starts, NOW),
        );
        assert_eq!(e.highest_degree, DegreeLevel::Master);
        assert_eq!(e.degrees.len(), 1);
        let e = read("Jane Doe\nScrum Master certification\nDriving licence\n");
        assert_eq!(e.highest_degree, DegreeLevel::None);
    }
}
