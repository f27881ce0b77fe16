//! Reading a job posting: its headings, its cue phrases, and the importance of each skill it names.
//!
//! The text is normalized and matched like a resume. Lines under must-have and nice-to-have
//! headings are given to the matcher as a Skills section (they are lists of technologies, so a
//! bare "Go" there is the language); everything else as running text, where short ambiguous names
//! need technical context as usual.

use super::phrases::{self, YearsPhrase};
use super::{sort_skills, ExperienceRule, Importance, JobEvidence, JobProfile, JobSkill, Reason};
use crate::analyzer::evidence;
use crate::dictionary::{Dictionary, PostingMark, SectionKind};
use crate::error::Error;
use crate::matcher::Hit;
use crate::normalize::lines::{line_starts, line_text};
use crate::sections::Headings;
use crate::Analyzer;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A first line with more words than this is a sentence, not a title.
const TITLE_WORDS: usize = 12;
/// A line with more words than this is never a heading.
const HEADING_WORDS: usize = 8;

/// Derives a job profile from a posting's text; see the module docs of [`super`].
pub(super) fn derive(analyzer: &Analyzer, text: &str) -> Result<JobProfile, Error> {
    let dict = analyzer.dictionary();
    let reader = Reader::new(dict)?;
    let normalized = analyzer.normalize(text);
    let line_starts = line_starts(&normalized);
    let lines: Vec<&str> = (0..line_starts.len())
        .map(|i| line_text(&normalized, &line_starts, i))
        .collect();
    let layout = reader.layout(&lines);
    let sections: Vec<SectionKind> = layout
        .iter()
        .map(|l| match l.role {
            Role::Title => SectionKind::Skills,
            _ if matches!(l.mark, PostingMark::Required | PostingMark::Optional) => {
                SectionKind::Skills
            }
            _ => SectionKind::Summary,
        })
        .collect();
    let hits = analyzer
        .matcher()
        .find_in_lines(&normalized, &line_starts, &sections);
    let sentences = reader.sentence_cues(&normalized, &lines, &line_starts, &layout);

    // Every counted mention, grouped by skill.
    let mut by_skill: BTreeMap<usize, Vec<Mention<'_>>> = BTreeMap::new();
    let counted: Vec<&Hit> = hits
        .iter()
        .filter(|h| {
            layout
                .get(h.line)
                .is_some_and(|l| l.mark != PostingMark::Ignore)
        })
        .collect();
    let rules = Rules::read(dict, &normalized, &line_starts, &layout, &counted);
    for hit in &hits {
        let Some(info) = layout.get(hit.line) else {
            continue;
        };
        if info.mark == PostingMark::Ignore {
            continue;
        }
        let cue = sentences.cue_at(hit.start);
        // A cue that only repeats what the heading says is not the reason; one that differs is.
        let (class, because) = match (info.role, cue) {
            (Role::Title, _) => (Class::Title, None),
            // A nice-to-have phrase softens a must-have list ("Kafka is a plus"); a must-have
            // phrase marks neutral text, but not an item of a nice-to-have list ("2+ years of
            // Kotlin" under "Nice to have" is still a plus).
            (_, Some((mark, phrase)))
                if mark != info.mark && info.mark != PostingMark::Optional =>
            {
                (Class::cue(mark), Some(phrase.to_string()))
            }
            _ => (Class::heading(info.mark), info.heading.clone()),
        };
        by_skill.entry(hit.skill).or_default().push(Mention {
            hit,
            class,
            because,
            heading: info.heading.as_deref(),
        });
    }
    if by_skill.is_empty() {
        return Err(Error::NoJobSkills {
            words: normalized.split_whitespace().count(),
        });
    }
    // "Marks its must-haves": some skill is required by a heading or a phrase, not only by the
    // title.
    let marked = by_skill
        .values()
        .flatten()
        .any(|m| matches!(m.class, Class::RequiredHeading | Class::RequiredCue));

    let mut profile = JobProfile {
        source: None,
        title: layout
            .iter()
            .position(|l| l.role == Role::Title)
            .map(|i| strip_marks(lines[i]).to_string()),
        required: Vec::new(),
        optional: Vec::new(),
        implied: Vec::new(),
        min_experience: None,
    };
    // The best class of each skill's mentions outside any group of alternatives: a skill also
    // asked for on its own, as strongly, is not only an alternative.
    let mut alone: HashMap<usize, (Class, Option<String>)> = HashMap::new();
    // The best class of the mentions in each group.
    let mut group_class: Vec<Option<Class>> = vec![None; rules.groups.len()];
    // In text order, so that skills tied on mentions and first line keep the posting's order.
    let mut by_skill: Vec<(usize, Vec<Mention<'_>>)> = by_skill.into_iter().collect();
    by_skill.sort_by_key(|(_, mentions)| mentions.iter().map(|m| m.hit.start).min());
    for (skill_index, mentions) in by_skill {
        let Some(skill) = dict.skills.get(skill_index) else {
            continue;
        };
        let Some(best) = mentions.iter().min_by_key(|m| m.class) else {
            continue;
        };
        for m in &mentions {
            match rules.group_of.get(&m.hit.start) {
                Some(&g) => {
                    let c = &mut group_class[g];
                    *c = Some(c.map_or(m.class, |c| c.min(m.class)));
                }
                None => {
                    let c = alone
                        .entry(skill_index)
                        .or_insert((m.class, m.because.clone()));
                    if m.class < c.0 {
                        *c = (m.class, m.because.clone());
                    }
                }
            }
        }
        let (importance, reason) = class_importance(best.class, marked);
        let skill_report = JobSkill {
            id: skill.id.clone(),
            name: skill.name.clone(),
            category: skill.category.clone(),
            importance,
            weight: importance.weight(),
            reason,
            because: best.because.clone(),
            mentions: {
                let mut lines: Vec<usize> = mentions.iter().map(|m| m.hit.line).collect();
                lines.dedup();
                lines.len()
            },
            first_line: mentions.iter().map(|m| m.hit.line + 1).min(),
            evidence: evidence(&mentions, best.class, &normalized, &line_starts),
            any_of: Vec::new(),
            min_years: None,
        };
        profile.list_mut(importance).push(skill_report);
    }
    rules.apply(dict, &mut profile, &alone, &group_class, marked);
    if let Some(phrase) = rules.experience.first() {
        let info = &layout[phrase.line];
        profile.min_experience = Some(ExperienceRule {
            years: phrase.years,
            importance: phrase.importance,
            evidence: Some(JobEvidence {
                line: phrase.line + 1,
                heading: info.heading.clone(),
                snippet: strip_marks(lines[phrase.line]).to_string(),
            }),
        });
    }
    sort_skills(&mut profile.required);
    sort_skills(&mut profile.optional);
    Ok(profile)
}

/// What the posting's phrases make of its skills: groups of alternatives and years.
struct Rules {
    /// Each group's skills (dictionary indices, text order, no repeats).
    groups: Vec<Vec<usize>>,
    /// The group of a hit, by the hit's start.
    group_of: HashMap<usize, usize>,
    /// The 1-based lines of each group's mentions.
    group_lines: Vec<Vec<usize>>,
    /// Minimum years per group, the first phrase that names one of its mentions.
    group_years: HashMap<usize, f64>,
    /// Minimum years per skill (dictionary index) named outside any group, the first phrase.
    years: HashMap<usize, (f64, usize)>,
    /// Phrases asking for total experience, in text order.
    experience: Vec<ExperiencePhrase>,
}

/// "7+ years of experience", where it is and how strongly it is asked.
struct ExperiencePhrase {
    years: f64,
    line: usize,
    importance: Importance,
}

impl Rules {
    fn read(
        dict: &Dictionary,
        text: &str,
        line_starts: &[usize],
        layout: &[LineInfo],
        hits: &[&Hit],
    ) -> Rules {
        let mut rules = Rules {
            groups: Vec::new(),
            group_of: HashMap::new(),
            group_lines: Vec::new(),
            group_years: HashMap::new(),
            years: HashMap::new(),
            experience: Vec::new(),
        };
        let category = |h: &Hit| {
            dict.skills.get(h.skill).map_or(usize::MAX, |s| {
                crate::dictionary::fnv1a(s.category.as_bytes()) as usize
            })
        };
        // Postings that mark nothing ask for everything they name.
        let marks_nothing = layout
            .iter()
            .all(|l| !matches!(l.mark, PostingMark::Required | PostingMark::Optional));
        for line_hits in hits.chunk_by(|a, b| a.line == b.line) {
            for group in phrases::alternatives(text, line_hits, category) {
                let mut skills: Vec<usize> = Vec::new();
                for &i in &group {
                    if !skills.contains(&line_hits[i].skill) {
                        skills.push(line_hits[i].skill);
                    }
                }
                if skills.len() < 2 {
                    continue;
                }
                let g = rules.groups.len();
                for &i in &group {
                    rules.group_of.insert(line_hits[i].start, g);
                }
                rules.groups.push(skills);
                rules.group_lines.push(vec![line_hits[0].line + 1]);
            }
        }
        for (line, info) in layout.iter().enumerate() {
            let importance = match info.mark {
                PostingMark::Required => Importance::Required,
                PostingMark::Optional => Importance::Optional,
                // Outside must-have and nice-to-have lists, years are the company's ("20 years
                // of experience in payments"), unless the posting marks nothing at all.
                PostingMark::Neutral if marks_nothing && info.role == Role::Body => {
                    Importance::Required
                }
                _ => continue,
            };
            let start = line_starts[line];
            let end = line_starts.get(line + 1).map_or(text.len(), |&e| e - 1);
            let from = hits.partition_point(|h| h.line < line);
            let to = hits.partition_point(|h| h.line <= line);
            let line_hits = &hits[from..to];
            for YearsPhrase {
                years, hits: named, ..
            } in phrases::years(text, start, end, line_hits)
            {
                if named.is_empty() {
                    rules.experience.push(ExperiencePhrase {
                        years,
                        line,
                        importance,
                    });
                }
                for i in named {
                    let hit = line_hits[i];
                    match rules.group_of.get(&hit.start) {
                        Some(&g) => {
                            rules.group_years.entry(g).or_insert(years);
                        }
                        None => {
                            rules.years.entry(hit.skill).or_insert((years, line + 1));
                        }
                    }
                }
            }
        }
        // A required minimum first.
        rules.experience.sort_by_key(|p| p.importance);
        rules
    }

    /// Folds the alternatives of each group into one requirement and sets the years.
    fn apply(
        &self,
        dict: &Dictionary,
        profile: &mut JobProfile,
        alone: &HashMap<usize, (Class, Option<String>)>,
        group_class: &[Option<Class>],
        marked: bool,
    ) {
        let mut used: HashSet<usize> = HashSet::new();
        for (g, skills) in self.groups.iter().enumerate() {
            let Some(class) = group_class[g] else {
                continue;
            };
            // Members also asked for on their own at least as strongly stay on their own.
            let members: Vec<usize> = skills
                .iter()
                .copied()
                .filter(|s| !used.contains(s) && alone.get(s).is_none_or(|c| c.0 > class))
                .collect();
            if members.len() < 2 {
                continue;
            }
            let taken: Vec<JobSkill> = members
                .iter()
                .filter_map(|&s| dict.skills.get(s))
                .filter_map(|s| profile.take(&s.id))
                .collect();
            let Some(first) = taken.first() else {
                continue;
            };
            if taken.len() < 2 {
                for t in taken {
                    let importance = t.importance;
                    profile.list_mut(importance).push(t);
                }
                continue;
            }
            used.extend(members.iter().copied());
            let importance = class_importance(class, marked).0;
            let strongest = taken
                .iter()
                .min_by_key(|t| (t.importance, t.first_line))
                .unwrap_or(first);
            let mut evidence: Vec<JobEvidence> = Vec::new();
            for t in &taken {
                for e in &t.evidence {
                    if !evidence.iter().any(|x| x.line == e.line) {
                        evidence.push(e.clone());
                    }
                }
            }
            evidence.sort_by_key(|e| e.line);
            let years = self.group_years.get(&g).copied();
            let group = JobSkill {
                id: first.id.clone(),
                name: taken
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
                category: first.category.clone(),
                importance,
                weight: importance.weight(),
                reason: strongest.reason,
                because: strongest.because.clone(),
                mentions: taken.iter().map(|t| t.mentions).max().unwrap_or(0),
                first_line: taken.iter().filter_map(|t| t.first_line).min(),
                evidence,
                any_of: taken[1..].iter().map(|t| t.id.clone()).collect(),
                min_years: years,
            };
            profile.list_mut(importance).push(group);
            // "Java or Kotlin" required and "2+ years of Kotlin" a plus: Kotlin's own rule stays.
            for (t, s) in taken.iter().zip(&members) {
                let (Some(&(years, _)), Some((class, because))) = (self.years.get(s), alone.get(s))
                else {
                    continue;
                };
                let (importance, reason) = class_importance(*class, marked);
                let mut own = t.clone();
                own.importance = importance;
                own.weight = importance.weight();
                own.reason = reason;
                own.because = because.clone();
                own.min_years = Some(years);
                own.evidence
                    .retain(|e| !self.group_lines[g].contains(&e.line));
                profile.list_mut(importance).push(own);
            }
        }
        for (skill, &(years, line)) in &self.years {
            if used.contains(skill) {
                continue;
            }
            let Some(id) = dict.skills.get(*skill).map(|s| s.id.as_str()) else {
                continue;
            };
            for list in [&mut profile.required, &mut profile.optional] {
                if let Some(s) = list.iter_mut().find(|s| s.id == id) {
                    s.min_years.get_or_insert(years);
                    // The line that asks for the years is the evidence to show first.
                    if let Some(at) = s.evidence.iter().position(|e| e.line == line) {
                        let e = s.evidence.remove(at);
                        s.evidence.insert(0, e);
                    }
                }
            }
        }
    }
}

/// The importance a mention's class gives, and why.
fn class_importance(class: Class, marked: bool) -> (Importance, Reason) {
    match class {
        Class::RequiredHeading => (Importance::Required, Reason::Heading),
        Class::RequiredCue => (Importance::Required, Reason::Cue),
        Class::Title => (Importance::Required, Reason::Title),
        Class::OptionalHeading => (Importance::Optional, Reason::Heading),
        Class::OptionalCue => (Importance::Optional, Reason::Cue),
        Class::Neutral if marked => (Importance::Optional, Reason::Mentioned),
        Class::Neutral => (Importance::Required, Reason::Mentioned),
    }
}

/// The kind of a line of the posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The first line, when short: the job's title.
    Title,
    /// A heading (known or not).
    Heading,
    /// Anything else.
    Body,
}

/// What the reader knows about one line.
#[derive(Debug, Clone)]
struct LineInfo {
    role: Role,
    /// The mark in force on this line (its section's, or its own inline heading's).
    mark: PostingMark,
    /// The heading in force, as written.
    heading: Option<String>,
    /// True when the line starts a new list item or paragraph (sentences do not run across).
    starts_item: bool,
}

/// How strongly one mention asks for a skill; smaller is stronger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    RequiredHeading,
    RequiredCue,
    Title,
    OptionalHeading,
    OptionalCue,
    Neutral,
}

impl Class {
    fn cue(mark: PostingMark) -> Class {
        match mark {
            PostingMark::Required => Class::RequiredCue,
            _ => Class::OptionalCue,
        }
    }

    fn heading(mark: PostingMark) -> Class {
        match mark {
            PostingMark::Required => Class::RequiredHeading,
            PostingMark::Optional => Class::OptionalHeading,
            _ => Class::Neutral,
        }
    }
}

struct Mention<'a> {
    hit: &'a Hit,
    class: Class,
    because: Option<String>,
    heading: Option<&'a str>,
}

/// Headings and cue phrases of the dictionaries, ready to use.
struct Reader {
    /// Posting headings, in the table resume headings use too.
    headings: Headings<PostingMark>,
    cues: Option<AhoCorasick>,
    cue_marks: Vec<(String, PostingMark)>,
}

/// A cue phrase found in a sentence, and what it marks.
type Cue = (PostingMark, String);

/// Byte ranges of sentences in the normalized text, each with its cue (if any).
struct Sentences {
    /// (start, end, cue) in text order.
    spans: Vec<(usize, usize, Option<Cue>)>,
}

impl Sentences {
    fn cue_at(&self, offset: usize) -> Option<(PostingMark, &str)> {
        let i = self.spans.partition_point(|&(_, end, _)| end <= offset);
        self.spans
            .get(i)
            .filter(|(start, _, _)| *start <= offset)
            .and_then(|(_, _, cue)| cue.as_ref())
            .map(|(mark, phrase)| (*mark, phrase.as_str()))
    }
}

impl Reader {
    fn new(dict: &Dictionary) -> Result<Reader, Error> {
        let cue_marks: Vec<(String, PostingMark)> = dict.posting_cues.clone();
        let cues = if cue_marks.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(cue_marks.iter().map(|(c, _)| c.as_bytes()))
                    .map_err(|e| Error::Dictionary {
                        source_name: "posting cues".into(),
                        problems: vec![crate::error::DictionaryProblem {
                            line: None,
                            message: e.to_string(),
                        }],
                    })?,
            )
        };
        Ok(Reader {
            headings: Headings::new(
                dict.posting_headings
                    .iter()
                    .map(|(h, mark)| (h.as_str(), *mark)),
            ),
            cues,
            cue_marks,
        })
    }

    /// Title, headings and the mark in force on every line.
    fn layout(&self, lines: &[&str]) -> Vec<LineInfo> {
        let mut out = Vec::with_capacity(lines.len());
        let mut mark = PostingMark::Neutral;
        let mut heading: Option<String> = None;
        let mut seen_text = false;
        let mut previous_blank = true;
        for line in lines {
            let trimmed = line.trim();
            let blank = trimmed.is_empty();
            let starts_item = previous_blank || starts_with_bullet(trimmed);
            previous_blank = blank;
            if blank {
                out.push(LineInfo {
                    role: Role::Body,
                    mark,
                    heading: heading.clone(),
                    starts_item: true,
                });
                continue;
            }
            let found = self.heading(trimmed);
            if !seen_text {
                seen_text = true;
                let words = strip_marks(trimmed).split_whitespace().count();
                if !found.as_ref().is_some_and(|h| h.known) && words <= TITLE_WORDS {
                    out.push(LineInfo {
                        role: Role::Title,
                        mark: PostingMark::Neutral,
                        heading: None,
                        starts_item: true,
                    });
                    continue;
                }
            }
            match found {
                Some(Heading {
                    mark: m,
                    text,
                    inline: false,
                    ..
                }) => {
                    mark = m;
                    heading = Some(text);
                    out.push(LineInfo {
                        role: Role::Heading,
                        mark,
                        heading: heading.clone(),
                        starts_item: true,
                    });
                }
                Some(Heading {
                    mark: m,
                    text,
                    inline: true,
                    ..
                }) => out.push(LineInfo {
                    role: Role::Body,
                    mark: m,
                    heading: Some(text),
                    starts_item: true,
                }),
                None => out.push(LineInfo {
                    role: Role::Body,
                    mark,
                    heading: heading.clone(),
                    starts_item,
                }),
            }
        }
        out
    }

    /// The heading a line is, if any.
    ///
    /// Known headings (from the dictionaries) match the whole line, or its start before a colon
    /// ("Must have: Go, Kafka", inline), or the start of a line that looks like a heading
    /// ("Nice to have (any of):"). A line that looks like a heading — Markdown `#`, a line in bold,
    /// a short line in capitals — but is not a known one is an unknown heading: it ends the
    /// section before it and starts neutral text.
    fn heading(&self, line: &str) -> Option<Heading> {
        let bare = strip_marks(line).trim_end_matches([':', '.', ' ', '*', '_', '|', '-']);
        if bare.is_empty() || starts_with_bullet(line) {
            return None;
        }
        let key = crate::dictionary::posting_key(bare);
        let words = key.split_whitespace().count();
        if let Some(mark) = self.headings.get(key.as_bytes()) {
            return Some(Heading {
                mark,
                text: bare.to_string(),
                inline: false,
                known: true,
            });
        }
        if let Some((head, rest)) = strip_marks(line).split_once(':') {
            let head = head.trim_end_matches(['*', '_', ' ']);
            if rest.chars().any(char::is_alphanumeric) {
                let head_key = crate::dictionary::posting_key(head);
                if let Some(mark) = self.headings.get(head_key.as_bytes()) {
                    return Some(Heading {
                        mark,
                        text: head.to_string(),
                        inline: true,
                        known: true,
                    });
                }
                return None;
            }
        }
        if words > HEADING_WORDS {
            return None;
        }
        let markdown = line.starts_with('#');
        let bold = (line.starts_with("**") && line.ends_with("**") && line.len() > 4)
            || (line.starts_with("__") && line.ends_with("__") && line.len() > 4);
        let shouting = bare.chars().any(char::is_alphabetic)
            && !bare.chars().any(char::is_lowercase)
            && words <= 6;
        let colon = line.trim_end_matches(['*', '_', ' ']).ends_with(':');
        if !(markdown || bold || shouting || colon) {
            return None;
        }
        // "Nice to have (any of these):", "Requirements — all levels": the longest known start.
        let tokens: Vec<&str> = key.split_whitespace().collect();
        let start =
            self.headings
                .longest_start(&tokens, tokens.len().saturating_sub(1), &[',', '&', '-']);
        if let Some(mark) = start {
            return Some(Heading {
                mark,
                text: bare.to_string(),
                inline: false,
                known: true,
            });
        }
        // An unknown heading ends the section before it, unless it is only a sentence ending in
        // a colon ("You have worked with:"), which belongs to the section it is in.
        (markdown || bold || shouting).then(|| Heading {
            mark: PostingMark::Neutral,
            text: bare.to_string(),
            inline: false,
            known: false,
        })
    }

    /// Splits body text into sentences (a list item or paragraph may run over several lines; a
    /// sentence ends at `. `, `; `, `! ` or `? `) and finds each sentence's cue.
    fn sentence_cues(
        &self,
        text: &str,
        lines: &[&str],
        line_starts: &[usize],
        layout: &[LineInfo],
    ) -> Sentences {
        let mut spans = Vec::new();
        let mut start: Option<usize> = None;
        for (i, info) in layout.iter().enumerate() {
            let line_start = line_starts[i];
            let body = info.role == Role::Body && !lines[i].trim().is_empty();
            if info.starts_item || !body {
                if let Some(s) = start.take() {
                    self.push_sentences(text, s, line_starts[i].saturating_sub(1), &mut spans);
                }
            }
            if body && start.is_none() {
                start = Some(line_start);
            }
        }
        if let Some(s) = start {
            self.push_sentences(text, s, text.len(), &mut spans);
        }
        Sentences { spans }
    }

    fn push_sentences(
        &self,
        text: &str,
        from: usize,
        to: usize,
        spans: &mut Vec<(usize, usize, Option<Cue>)>,
    ) {
        let to = to.max(from).min(text.len());
        let Some(item) = text.get(from..to) else {
            return;
        };
        let bytes = item.as_bytes();
        let mut start = 0;
        for i in 0..bytes.len() {
            let ends = matches!(bytes[i], b'.' | b';' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\n');
            if ends {
                spans.push((from + start, from + i + 1, self.cue(&item[start..=i])));
                start = i + 1;
            }
        }
        if start < bytes.len() {
            spans.push((from + start, to, self.cue(&item[start..])));
        }
    }

    /// The cue of one sentence: a nice-to-have phrase wins over a must-have one.
    fn cue(&self, sentence: &str) -> Option<Cue> {
        let ac = self.cues.as_ref()?;
        let folded = crate::dictionary::posting_key(sentence);
        let view = folded.as_bytes();
        let mut best: Option<(PostingMark, &str)> = None;
        for m in ac.find_overlapping_iter(view) {
            let before_ok = m.start() == 0 || !view[m.start() - 1].is_ascii_alphanumeric();
            let after_ok = m.end() >= view.len() || !view[m.end()].is_ascii_alphanumeric();
            if !(before_ok && after_ok) {
                continue;
            }
            let (phrase, mark) = &self.cue_marks[m.pattern().as_usize()];
            match best {
                Some((PostingMark::Optional, _)) => {}
                Some(_) if *mark != PostingMark::Optional => {}
                _ => best = Some((*mark, phrase.as_str())),
            }
        }
        best.map(|(mark, phrase)| (mark, phrase.to_string()))
    }
}

struct Heading {
    mark: PostingMark,
    text: String,
    inline: bool,
    /// False for a line that only looks like a heading.
    known: bool,
}

/// A line without Markdown and list marks around it: `## Requirements` → `Requirements`.
fn strip_marks(line: &str) -> &str {
    line.trim()
        .trim_start_matches(|c: char| "#*_>•".contains(c) || c.is_whitespace())
        .trim_end_matches(|c: char| "#*_".contains(c) || c.is_whitespace())
}

/// `- item`, `• item`, `* item`, `1. item`, `2) item`.
fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•' | '–') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// The evidence of one skill: mentions of the deciding kind first (see [`evidence::pick`]).
fn evidence(
    mentions: &[Mention<'_>],
    best: Class,
    text: &str,
    line_starts: &[usize],
) -> Vec<JobEvidence> {
    evidence::pick(mentions, |m| m.hit, |m| m.class == best)
        .map(|m| JobEvidence {
            line: m.hit.line + 1,
            heading: m.heading.map(str::to_string),
            snippet: evidence::snippet(text, line_starts, m.hit),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derive_text(text: &str) -> JobProfile {
        let analyzer = Analyzer::new().unwrap();
        match derive(&analyzer, text) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        }
    }

    fn rules_of(p: &JobProfile) -> Vec<String> {
        let mut rules: Vec<String> = p.skills().map(JobSkill::rule).collect();
        rules.extend(p.min_experience.iter().map(ExperienceRule::rule));
        rules
    }

    #[test]
    fn alternatives_and_years_become_rules() {
        let p = derive_text(
            "Backend Engineer\n\n## About us\nWe have 20 years of experience in freight.\n\n\
             ## Requirements\n- At least five years of professional experience\n\
             - Java (or Kotlin)\n- Python, Ruby or Elixir for tooling\n\
             - 3+ years with PostgreSQL and Redis\n- Terraform (4+ years)\n\
             - Docker and Kubernetes\n- Kafka or similar\n",
        );
        assert_eq!(
            rules_of(&p),
            [
                "java|kotlin",
                "python|ruby|elixir",
                "postgresql:3",
                "redis:3",
                "terraform:4",
                "docker",
                "kubernetes",
                "kafka",
                "experience:5"
            ]
        );
        let e = p.min_experience.as_ref().unwrap();
        assert_eq!(e.importance, Importance::Required);
        assert_eq!(
            e.evidence.as_ref().map(|e| e.line),
            Some(7),
            "not the company's 20 years"
        );
        assert_eq!(p.required[0].name, "Java or Kotlin");
    }

    #[test]
    fn rules_in_the_languages_of_the_headings() {
        let de = derive_text(
            "Backend-Entwickler (m/w/d)\n\nIhr Profil:\n- Mindestens 5 Jahre Erfahrung mit Java\n\
             - PostgreSQL oder MySQL\n- 6 Jahre Berufserfahrung\n",
        );
        assert_eq!(
            rules_of(&de),
            ["java:5", "postgresql|mysql", "experience:6"]
        );
        let fr = derive_text(
            "Développeur back-end\n\nProfil recherché :\n- 3 ans d'expérience en Python\n- Django ou Flask\n",
        );
        assert_eq!(rules_of(&fr), ["python:3", "django|flask"]);
    }

    #[test]
    fn a_skill_asked_alone_as_strongly_leaves_its_group() {
        let p = derive_text(
            "Platform Engineer\n\nRequirements:\n- 5+ years of Go\n- Python, Ruby or Go scripting\n\n\
             Nice to have:\n- 2+ years of Ruby\n",
        );
        assert_eq!(rules_of(&p), ["go:5", "python|ruby", "ruby:2"]);
        assert_eq!(p.optional_ids(), ["ruby"]);
    }

    #[test]
    fn headings_mark_required_and_optional() {
        let p = derive_text(
            "## Requirements\n- Strong Go and PostgreSQL\n- Running Kubernetes\n\n## Nice to have\n- Some Rust\n\n## Benefits\n- Free Kafka stickers",
        );
        assert_eq!(p.required_ids(), ["go", "postgresql", "kubernetes"]);
        assert_eq!(p.optional_ids(), ["rust"]);
        assert_eq!(p.required[0].reason, Reason::Heading);
        assert_eq!(p.required[0].because.as_deref(), Some("Requirements"));
        assert!(
            p.skills().all(|s| s.id != "kafka"),
            "a Benefits mention asks nothing"
        );
    }

    #[test]
    fn a_cue_in_the_sentence_beats_the_heading() {
        let p = derive_text(
            "Requirements:\n- Python and Django\n- Kafka experience is a plus, as we are\n  moving to events\n- Docker. Terraform would be nice",
        );
        assert_eq!(p.required_ids(), ["python", "django", "docker"]);
        assert_eq!(p.optional_ids(), ["kafka", "terraform"]);
        let kafka = &p.optional[0];
        assert_eq!(kafka.reason, Reason::Cue);
        assert_eq!(kafka.because.as_deref(), Some("is a plus"));
    }

    #[test]
    fn cues_work_without_headings_and_plain_mentions_fill_in() {
        let p = derive_text(
            "We build logistics software in Java and Kafka. You must have 3+ years of Java. \
             Experience with Spring Boot is required; Kubernetes is a plus.",
        );
        assert_eq!(p.required_ids(), ["java", "spring-boot"]);
        // Kafka is only mentioned while must-haves are marked elsewhere: optional.
        assert_eq!(p.optional_ids(), ["kafka", "kubernetes"]);
        let kafka = &p.optional[0];
        assert_eq!(kafka.reason, Reason::Mentioned);
    }

    #[test]
    fn an_unmarked_posting_requires_what_it_names() {
        let p = derive_text(
            "We are a small team that runs everything on Go services, PostgreSQL and Redis, \
             deployed with Docker.",
        );
        assert_eq!(p.required_ids(), ["go", "postgresql", "redis", "docker"]);
        assert!(p.optional.is_empty());
        assert!(p.title.is_none(), "a long first line is no title");
    }

    #[test]
    fn the_title_requires_its_skills() {
        let p = derive_text(
            "# Senior Engineer (Go)\n\n## About the role\nYou will use Kafka.\n\n## Requirements\n- PostgreSQL",
        );
        assert_eq!(p.title.as_deref(), Some("Senior Engineer (Go)"));
        assert_eq!(p.required_ids(), ["go", "postgresql"]);
        assert_eq!(p.required[0].reason, Reason::Title);
        assert_eq!(p.optional_ids(), ["kafka"]);
    }

    #[test]
    fn inline_and_unknown_headings() {
        let p = derive_text(
            "Platform role\n\nMust have: Go, Kafka\nOur stack (for context):\nRust services\n\n**Compensation**\nPython bonus",
        );
        // "Must have:" marks its own line only; "Our stack (…):" starts neutral text.
        assert_eq!(p.required_ids(), ["go", "kafka"]);
        assert_eq!(p.optional_ids(), ["rust"]);
        // "**Compensation**" is a known heading to ignore.
        assert!(p.skills().all(|s| s.id != "python"));
    }

    #[test]
    fn an_empty_or_non_technical_posting_is_an_error() {
        let analyzer = Analyzer::new().unwrap();
        for text in [
            "",
            "   \n\n",
            "Marketing Manager\n\nRequirements:\n- 5+ years in brand marketing\n- Excellent writing",
        ] {
            match derive(&analyzer, text) {
                Err(Error::NoJobSkills { .. }) => {}
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn bullets_and_marks() {
        assert!(starts_with_bullet("- Go"));
        assert!(starts_with_bullet("12. Go"));
        assert!(!starts_with_bullet("-Go"));
        assert!(!starts_with_bullet("2024 was"));
        assert_eq!(strip_marks("## **Nice to have**"), "Nice to have");
    }
}
