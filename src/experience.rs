//! Work experience read off a resume's dated entries: how many years in all, from when to when,
//! and the entries that say so.
//!
//! A dated entry is a line with a date range the recogniser in `years/range.rs` reads ("Jan 2019 –
//! Present", "März 2020 – heute", "depuis 2019"), or a range split over short lines by a table
//! layout. In the experience section every such line is an entry; in other sections (but
//! education, certifications, skills and projects, never read) only a short line beside a job
//! title, since headings are sometimes missed and hobbies are dated too. Internships and student
//! jobs (a word on the entry's line or the nearest title line before or after it: "intern",
//! "Praktikum", "stagiaire", "becario", "Werkstudent", "Teaching Assistant") are listed apart and
//! not counted; a course of study listed among the jobs is no entry. The periods counted are
//! merged before they are added up, so two jobs at once count once, and a gap counts as nothing.

use crate::dictionary::SectionKind;
use crate::normalize::lines::line_span;
use crate::years::{dated_range, may_hold_a_date, DatedRange, LineRanges, Month};
use aho_corasick::{AhoCorasick, MatchKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Work experience from a resume's dated entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Experience {
    /// Years of professional experience, one decimal: the months of the counted entries, with
    /// overlapping periods merged, over 12. Absent when the resume has no dated job.
    pub total_years: Option<f64>,
    /// When the first counted entry started, `YYYY-MM` (January when only the year is given).
    pub first_start: Option<String>,
    /// When the last counted entry ended, `YYYY-MM`, or `present`.
    pub last_end: Option<String>,
    /// The entries counted, in the order of the text.
    pub entries: Vec<DatedEntry>,
    /// Internships and student jobs: dated, listed, not counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<DatedEntry>,
}

/// One dated entry of a resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct DatedEntry {
    /// 1-based line in the normalized text.
    pub line: usize,
    /// `YYYY-MM`.
    pub start: String,
    /// `YYYY-MM`, or `present`.
    pub end: String,
    /// What kind of position it is.
    pub kind: EntryKind,
    /// The position's title: of the line's text before its dates and the short lines just before
    /// and after it, the first that names a job ("Senior Engineer, ACME"), else the first with
    /// text (often the employer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// What kind of position a dated entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A job: counted.
    Job,
    /// An internship, apprenticeship or traineeship: not counted.
    Internship,
    /// A job held while studying (student assistant, working student): not counted.
    Student,
}

/// Words that make an entry an internship, lower case, matched as whole words.
const INTERNSHIP_WORDS: [&str; 22] = [
    "intern",
    "interns",
    "internship",
    "internships",
    "trainee",
    "traineeship",
    "apprentice",
    "apprenticeship",
    "praktikant",
    "praktikantin",
    "praktikum",
    "stagiaire",
    "stage",
    "becario",
    "becaria",
    "prácticas",
    "practicas",
    "estagiário",
    "estagiária",
    "estágio",
    "tirocinio",
    "stagista",
];

/// Words that make an entry a student job, lower case, matched as whole words: "Student Web
/// Developer", "Werkstudent", "working student", "Teaching Assistant".
const STUDENT_WORDS: [&str; 7] = [
    "student",
    "werkstudent",
    "werkstudentin",
    "étudiant",
    "teaching assistant",
    "research assistant",
    "tutor",
];

/// Words of job titles, lower case, matched as whole words (German compounds by their end:
/// "Softwareentwickler"). Outside an experience section a dated line counts only beside one: a
/// résumé with no experience heading also dates its hobbies ("Karate, 2015 – present").
const JOB_WORDS: [&str; 62] = [
    "engineer",
    "developer",
    "programmer",
    "architect",
    "analyst",
    "consultant",
    "manager",
    "lead",
    "director",
    "administrator",
    "scientist",
    "designer",
    "specialist",
    "technician",
    "officer",
    "teacher",
    "lecturer",
    "researcher",
    "assistant",
    "coordinator",
    "founder",
    "co-founder",
    "cto",
    "ceo",
    "owner",
    "freelancer",
    "freelance",
    "contractor",
    "sre",
    "head",
    "president",
    "tester",
    "support",
    "operator",
    "associate",
    "partner",
    "instructor",
    "welder",
    // German, French, Spanish, Portuguese, Italian, Dutch
    "entwickler",
    "entwicklerin",
    "ingenieur",
    "ingenieurin",
    "berater",
    "beraterin",
    "développeur",
    "développeuse",
    "ingénieur",
    "ingénieure",
    "desarrollador",
    "desarrolladora",
    "ingeniero",
    "ingeniera",
    "desenvolvedor",
    "desenvolvedora",
    "engenheiro",
    "sviluppatore",
    "ingegnere",
    "ontwikkelaar",
    "programmatore",
    "programador",
    "programadora",
    "programmeur",
];

/// Words of schools and degrees, lower case, matched as whole words: a dated line beside one and
/// no job word is a course of study.
const SCHOOL_WORDS: [&str; 27] = [
    "studied",
    "studies",
    "studying",
    "study",
    "course",
    "university",
    "college",
    "school",
    "institute",
    "academy",
    "education",
    "bachelor",
    "master",
    "b.sc",
    "m.sc",
    "bsc",
    "msc",
    "phd",
    "degree",
    "universidad",
    "universität",
    "hochschule",
    "université",
    "universidade",
    "università",
    "universiteit",
    "lycée",
];

/// The longest neighbouring line read for the entry's kind: a title or a company line, not a
/// paragraph ("mentored two interns" in a description says nothing of the entry).
const NEIGHBOUR_MAX_CHARS: usize = 80;

/// Reads the experience of a normalized text whose lines are in `sections`; `ranges` reads its
/// lines' date ranges (and knows the month "present" stands for).
pub(crate) fn experience(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    ranges: &LineRanges<'_>,
) -> Experience {
    let now = ranges.now();
    let counts = |s: SectionKind| {
        !matches!(
            s,
            SectionKind::Education
                | SectionKind::Certifications
                | SectionKind::Skills
                | SectionKind::Projects
        )
    };
    let mut entries: Vec<(DatedRange, DatedEntry)> = Vec::new();
    let mut taken = 0; // lines before this one were read as part of a split range
    for (i, &section) in sections.iter().enumerate() {
        if i < taken || !counts(section) {
            continue;
        }
        let line = &text[line_span(text, line_starts, i)];
        // Most lines hold nothing a date range could be read from.
        if !may_hold_a_date(line) {
            continue;
        }
        let range = match ranges.of_line(i) {
            Some(range) => range,
            None => match split_range(text, line_starts, sections, i, now) {
                Some((range, next)) => {
                    taken = next;
                    range
                }
                None => continue,
            },
        };
        // The nearest line with text on each side (a blank line may part a title from its dates).
        let neighbour = |lines: &mut dyn Iterator<Item = usize>| {
            let j = lines
                .take(3)
                .find(|&j| !text[line_span(text, line_starts, j)].trim().is_empty())?;
            let l = &text[line_span(text, line_starts, j)];
            // A bullet starts a description ("• taught students ..."), not a title.
            let bullet = l
                .trim_start()
                .starts_with(['•', '-', '*', '▪', '‣', '◦', '–', '·']);
            (sections.get(j) == Some(&section)
                && !bullet
                && l.chars().count() <= NEIGHBOUR_MAX_CHARS
                && ranges.of_line(j).is_none())
            .then_some(l)
        };
        let end = taken.max(i + 1);
        let around = [
            neighbour(&mut (0..i).rev()),
            Some(line),
            neighbour(&mut (end..line_starts.len())),
        ];
        // Outside an experience section, a dated sentence is no entry ("Karate for six years,
        // since 2015 ...").
        if section != SectionKind::Experience && line.chars().count() > OUTSIDE_LINE_MAX_CHARS {
            continue;
        }
        let Some(kind) = entry_kind(around.iter().flatten().copied(), section) else {
            continue;
        };
        // Of the text before the dates and the lines around them, the first that names a job
        // ("Senior Engineer"), else the first with any text (often the employer).
        let candidates = [
            title_of(&line[..range.starts_at]),
            around[0].and_then(title_of),
            around[2].and_then(title_of),
        ];
        let title = candidates
            .iter()
            .flatten()
            .find(|t| names_a_job(t))
            .or_else(|| candidates.iter().flatten().next())
            .cloned();
        entries.push((
            range,
            DatedEntry {
                line: i + 1,
                start: month_text(range.from),
                end: if range.open {
                    "present".to_string()
                } else {
                    month_text(range.to)
                },
                kind,
                title,
            },
        ));
    }
    let mut jobs: Vec<&(DatedRange, DatedEntry)> = entries
        .iter()
        .filter(|(_, e)| e.kind == EntryKind::Job)
        .collect();
    jobs.sort_by_key(|(r, _)| (r.from, r.to));
    let (months, _) = crate::years::merged_months(jobs.iter().map(|(r, _)| (r.from, r.to)));
    let first = jobs.first().map(|(r, _)| r.from);
    let last = jobs.iter().map(|(r, _)| (r.to, r.open)).max();
    let (counted, excluded): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .map(|(_, e)| e)
        .partition(|e| e.kind == EntryKind::Job);
    Experience {
        total_years: (!counted.is_empty())
            .then(|| (f64::from(months) / 12.0 * 10.0).round() / 10.0),
        first_start: first.map(month_text),
        last_end: last.map(|(to, open)| {
            if open {
                "present".to_string()
            } else {
                month_text(to)
            }
        }),
        entries: counted,
        excluded,
    }
}

/// The longest dated line read as an entry outside an experience section: a title with its dates,
/// not a sentence.
const OUTSIDE_LINE_MAX_CHARS: usize = 120;

/// The longest line that may hold one part of a range split over lines.
const SPLIT_PART_MAX_CHARS: usize = 24;

/// A date range whose parts stand on lines of their own, as table layouts leave them ("Aug
/// 2007", "to", "Jun 2015", blank lines between), starting at line `i`: the range, and the line
/// after its last part. Only short lines of the same section are joined, and the range must
/// start at the first of them.
fn split_range(
    text: &str,
    line_starts: &[usize],
    sections: &[SectionKind],
    i: usize,
    now: Month,
) -> Option<(DatedRange, usize)> {
    let part = |j: usize| {
        let l = text[line_span(text, line_starts, j)].trim();
        (sections.get(j) == sections.get(i) && l.chars().count() <= SPLIT_PART_MAX_CHARS)
            .then_some(l)
    };
    let first = part(i).filter(|l| l.chars().any(|c| c.is_ascii_digit()))?;
    let mut joined = first.to_string();
    let mut parts = 1;
    let mut j = i + 1;
    while parts < 3 && j < line_starts.len() {
        let l = part(j)?;
        j += 1;
        if l.is_empty() {
            continue;
        }
        joined.push(' ');
        joined.push_str(l);
        parts += 1;
        if let Some(range) = dated_range(&joined, now).filter(|r| r.starts_at == 0) {
            return Some((range, j));
        }
    }
    None
}

/// The word lists an entry's kind is read from, as one automaton: each match's list by its index.
static KIND_WORDS: LazyLock<(AhoCorasick, Vec<WordList>)> = LazyLock::new(|| {
    let lists = [
        (WordList::Job, &JOB_WORDS[..]),
        (WordList::Internship, &INTERNSHIP_WORDS[..]),
        (WordList::School, &SCHOOL_WORDS[..]),
        (WordList::Student, &STUDENT_WORDS[..]),
    ];
    let (words, kinds): (Vec<&str>, Vec<WordList>) = lists
        .iter()
        .flat_map(|&(kind, words)| words.iter().map(move |&w| (w, kind)))
        .unzip();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(words)
        .expect("the kind word lists build");
    (automaton, kinds)
});

/// Which list of [`KIND_WORDS`] a word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordList {
    Job,
    Internship,
    School,
    Student,
}

/// The lists with a whole-word match in `lower` (lower case), as bits in the order of
/// [`WordList`].
fn lists_in(lower: &str) -> [bool; 4] {
    let (automaton, kinds) = &*KIND_WORDS;
    let mut found = [false; 4];
    for m in automaton.find_overlapping_iter(lower) {
        let before = lower[..m.start()].chars().next_back();
        let after = lower[m.end()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            found[kinds[m.pattern().as_usize()] as usize] = true;
        }
    }
    found
}

/// The kind of an entry from its line and the short lines around it, in `section`; `None` when
/// it is no position: a course of study, or, outside an experience section, a dated line with no
/// job title beside it.
fn entry_kind<'a>(lines: impl Iterator<Item = &'a str>, section: SectionKind) -> Option<EntryKind> {
    let mut found = [false; 4];
    let mut german_job = false;
    for line in lines {
        let lower = line.to_lowercase();
        german_job |= lower.contains("entwickler");
        for (f, l) in found.iter_mut().zip(lists_in(&lower)) {
            *f |= l;
        }
    }
    let has = |list: WordList| found[list as usize];
    let job = has(WordList::Job) || german_job;
    let internship = has(WordList::Internship);
    if !job && !internship && (has(WordList::School) || section != SectionKind::Experience) {
        return None;
    }
    Some(if has(WordList::Student) {
        EntryKind::Student
    } else if internship {
        EntryKind::Internship
    } else {
        EntryKind::Job
    })
}

/// Whether a line names a job ("Senior Software Engineer", "Softwareentwickler").
fn names_a_job(line: &str) -> bool {
    let lower = line.to_lowercase();
    lists_in(&lower)[WordList::Job as usize] || lower.contains("entwickler")
}

/// Whether `phrase` occurs in `text` as whole words.
pub(crate) fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The title part of an entry's line: the text before its dates, without the separators that
/// lead to them, when it holds a letter.
fn title_of(before_dates: &str) -> Option<String> {
    let title = before_dates
        .trim_end_matches(|c: char| c.is_whitespace() || "|•·,;:–—-(/".contains(c))
        .trim();
    title
        .chars()
        .any(char::is_alphabetic)
        .then(|| crate::normalize::first_chars(title, 120).to_string())
}

/// `YYYY-MM` for a month count.
fn month_text(month: Month) -> String {
    format!(
        "{:04}-{:02}",
        month.div_euclid(12),
        month.rem_euclid(12) + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Month = 2026 * 12 + 11;

    fn read(text: &str) -> Experience {
        let starts = crate::normalize::lines::line_starts(text);
        let mut sections = vec![SectionKind::Experience; starts.len()];
        sections[0] = SectionKind::Header;
        experience(
            text,
            &starts,
            &sections,
            &crate::years::LineRanges::new(text, &starts, NOW),
        )
    }

    #[test]
    fn overlapping_jobs_count_once_and_internships_apart() {
        let e = read(
            "Jane Doe\n\
             Senior Engineer, ACME | Jan 2020 – Present\n\
             Consultant, Self-employed | 2021 - 2022\n\
             Engineer, Initech | Mar 2016 - Dec 2019\n\
             Software Engineering Intern, Globex | Jun 2015 – Aug 2015\n",
        );
        // 2016-03..2019-12 (46 months) + 2020-01..2026-12 (84): 130 months.
        assert_eq!(e.total_years, Some(10.8));
        assert_eq!(e.first_start.as_deref(), Some("2016-03"));
        assert_eq!(e.last_end.as_deref(), Some("present"));
        assert_eq!(e.entries.len(), 3);
        assert_eq!(e.excluded.len(), 1);
        assert_eq!(e.excluded[0].kind, EntryKind::Internship);
        assert_eq!(e.entries[0].title.as_deref(), Some("Senior Engineer, ACME"));
    }

    /// Every form of range the recogniser reads dates an entry: those with a two-digit year after
    /// a month's name and a worded "until", or glued to the month, among them.
    #[test]
    fn every_form_of_range_dates_an_entry() {
        for (dates, start) in [
            ("Sept 17 until Present", "2017-09"),
            ("since MAY19", "2019-05"),
            ("sept. 17 à aujourd'hui", "2017-09"),
            ("Mar '19 – Jun '21", "2019-03"),
            ("10/21 - 11/22", "2021-10"),
            ("Jan 2020 – Present", "2020-01"),
        ] {
            let e = read(&format!("Jane Doe\nSoftware Engineer, ACME | {dates}\n"));
            assert_eq!(e.entries.len(), 1, "{dates}");
            assert_eq!(e.entries[0].start, start, "{dates}");
        }
    }

    #[test]
    fn no_dated_job_means_no_total() {
        let e = read("Jane Doe\nBuilt APIs in Go.\n");
        assert_eq!(e.total_years, None);
        assert!(e.entries.is_empty());
        let e = read("Jane Doe\nWerkstudent, SAP | Okt. 2019 – März 2021\n");
        assert_eq!(e.total_years, None);
        assert_eq!(e.excluded[0].kind, EntryKind::Student);
    }

    #[test]
    fn a_range_split_over_lines_is_read() {
        let e = read(
            "Jane Doe\n\
             Teacher\n\nAug 2007\n\nto\nJun 2015\n\nCompany Name\n\
             Welder\n05/2015\n\nto\nCurrent\n",
        );
        assert_eq!(e.entries.len(), 2);
        assert_eq!(e.entries[0].start, "2007-08");
        assert_eq!(e.entries[0].end, "2015-06");
        assert_eq!(e.entries[1].end, "present");
    }

    #[test]
    fn a_bullet_after_the_dates_says_nothing_of_the_kind() {
        let e = read(
            "Jane Doe\n\
             Product Manager, Ledgerly\n2015 – 2019\n\
             • Built a budgeting app for students.\n",
        );
        assert_eq!(e.entries.len(), 1);
        assert!(e.excluded.is_empty());
    }

    #[test]
    fn a_description_that_mentions_interns_is_not_an_internship() {
        let e = read(
            "Jane Doe\n\
             Lead Engineer | 2019 – 2021\n\
             • Hired and mentored four interns while we rebuilt the billing platform from scratch in Go.\n",
        );
        assert_eq!(e.entries.len(), 1);
        assert_eq!(e.total_years, Some(3.0));
    }
}
