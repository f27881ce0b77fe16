//! Finding skills in normalized text: one Aho-Corasick pass, then boundary, case and context checks.
//!
//! The automaton holds every alias of every skill, matched ASCII-case-insensitively with overlapping
//! search. Each candidate is then checked:
//!
//! * **word boundaries** on both sides, written for names with punctuation (`C++`, `C#`, `.NET`,
//!   `Node.js`, `CI/CD`): the character before must not be a letter or digit, nor a `.` glued to a
//!   word (`turn.js`); the character after must not be a letter, digit, `+`, `#`, nor a `.` glued to a
//!   word. Two aliases glued in camel case ("PythonDjango") count when both are aliases. A run of
//!   digits glued to an alias of two or more letters ("Java8", "PHP7") reads as a version.
//! * **case** for `exact` and `ambiguous` aliases: as written, or in capitals; in lower case only
//!   as an item of a list in a Skills section, or (ambiguous aliases) near one of the skill's own
//!   context words and another skill or a technical word;
//! * **reject patterns** of the skill, run on the text around the hit;
//! * **overlaps**: of overlapping candidates not rejected the longest wins, so "Spring Boot" beats
//!   "Spring", "JavaScript" beats "Java" and "MySQL" leaves no "SQL"; but an umbrella practice
//!   (a skill weighing less than 1) named by a plain alias at the end of a longer name still
//!   counts: "unit and integration tests" is also integration testing, "GitLab CI/CD" also CI/CD;
//! * **technical context** for `ambiguous` aliases: a Skills section, a version number after it,
//!   another skill or a technical word within the dictionary's window, or a list of other skills
//!   on the same line.
//!
//! No regex runs on the text as a whole; reject patterns run only on small windows around hits,
//! and only where one of the literals every match of theirs needs occurs (see [`crate::reject`]).
//! Aliases, those literals and the context words are all found in one pass ([`crate::scanner`]).

use crate::dictionary::{AliasKind, Dictionary, SectionKind};
use crate::error::Error;
use crate::kept::{self, bytes_of};
use crate::normalize::lines::line_of_from;
#[cfg(test)]
use crate::normalize::lines::line_starts;
use crate::reject::Reject;
use crate::scanner::{glued_on_left, leftmost_longest, Found, Role, Scanner, WordRead};
use std::cell::RefCell;

/// One accepted occurrence of a skill in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the skill in [`Dictionary::skills`].
    pub skill: usize,
    /// Byte offset of the first byte, in the normalized text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 0-based line index in the normalized text.
    pub line: usize,
}

/// What [`Matcher::read`] gives: the hits, and the words its scan read, which the duplicate
/// fingerprint reads too.
#[derive(Debug)]
pub(crate) struct Matched {
    /// The accepted hits, in text order.
    pub hits: Vec<Hit>,
    /// The text's runs of word bytes, as the scan read them (see [`Found::words`]).
    pub words: Vec<WordRead>,
    /// The ranges the scan saw as spaces (links and addresses), in order, apart.
    pub blanked: Vec<(usize, usize)>,
}

impl Drop for Matched {
    /// The words' vector goes back to the thread's [`Scratch`], for the next document.
    fn drop(&mut self) {
        let words = std::mem::take(&mut self.words);
        let mut scratch = kept::take(&SCRATCH);
        if scratch.found.words.capacity() == 0 {
            scratch.found.words = words;
        }
        scratch.put_back();
    }
}

/// The buffers one read of a document fills and the next can reuse (see [`crate::kept`]): the
/// text as the scan sees it and what the scan found.
#[derive(Default)]
struct Scratch {
    view: Vec<u8>,
    found: Found,
}

thread_local! {
    /// This thread's [`Scratch`], when no read is using it.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    /// Keeps this scratch for the thread's next read, unless a read of a far longer text made
    /// it large.
    fn put_back(self) {
        let Scratch { view, found } = &self;
        let bytes = bytes_of(view)
            + bytes_of(&found.aliases)
            + bytes_of(&found.context_words)
            + bytes_of(&found.tech_words)
            + bytes_of(&found.words);
        kept::keep(&SCRATCH, self, bytes);
    }
}

/// A compiled matcher for one dictionary. Build once; share across threads.
#[derive(Debug, Clone)]
pub struct Matcher {
    scanner: Scanner,
    patterns: Vec<PatternInfo>,
    /// Each skill's reject patterns as one alternation, compiled on first use: compiling all of
    /// them up front would cost most of the start-up time, and most skills never need theirs.
    /// Boxed: each candidate asks whether its skill has a rule, and a list of pointers stays in
    /// the processor's caches where one of the rules themselves (hundreds of bytes each) does not.
    rejects: Vec<Option<Box<Reject>>>,
    /// Whether each skill has context words of its own.
    has_context_words: Vec<bool>,
    /// For each skill, the skills its hits also count as (indices; see `Skill::counts_as`).
    counts_as: Vec<Vec<usize>>,
    /// Whether each skill is an umbrella practice (a weight below 1): named in words at the end
    /// of a longer name of another skill, it still counts ("unit and integration tests", "GitLab
    /// CI/CD"); see [`select_longest`].
    umbrella: Vec<bool>,
    window: usize,
}

#[derive(Debug, Clone)]
struct PatternInfo {
    skill: usize,
    kind: AliasKind,
    text: String,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: usize,
    start: usize,
    end: usize,
    /// Boundary on the left is a camel-case join that needs an adjacent alias.
    camel_left: bool,
    camel_right: bool,
    /// An ambiguous alias found in another case than written ("java" for "Java").
    loose_case: bool,
}

/// The per-line section of a document, as the matcher needs it.
pub type LineSections<'a> = &'a [SectionKind];

impl Matcher {
    /// Compiles the matcher for `dict`.
    ///
    /// # Errors
    /// [`Error::Dictionary`] when a reject regex does not compile or the automaton cannot be built.
    pub fn new(dict: &Dictionary) -> Result<Matcher, Error> {
        let mut patterns = Vec::new();
        for (skill_index, skill) in dict.skills.iter().enumerate() {
            for alias in &skill.aliases {
                patterns.push(PatternInfo {
                    skill: skill_index,
                    kind: alias.kind,
                    text: alias.text.clone(),
                });
            }
        }
        let build_error = |message: String| Error::Dictionary {
            source_name: "dictionary".into(),
            problems: vec![crate::error::DictionaryProblem {
                line: None,
                message,
            }],
        };
        let mut rejects = Vec::with_capacity(dict.skills.len());
        for skill in &dict.skills {
            let aliases: Vec<&str> = skill.aliases.iter().map(|a| a.text.as_str()).collect();
            // Checked now so that a bad pattern is an error here, not a silently ignored rule.
            let rule = Reject::new(&skill.reject, &aliases)
                .map_err(|e| build_error(format!("skill `{}`: bad reject regex: {e}", skill.id)))?;
            rejects.push(rule.map(Box::new));
        }
        let aliases: Vec<&[u8]> = patterns.iter().map(|p| p.text.as_bytes()).collect();
        let tech_words = dict
            .tech_words
            .iter()
            .map(|w| (w.as_bytes(), Role::TechWord));
        let context_words = dict.skills.iter().enumerate().flat_map(|(skill, s)| {
            s.context_words
                .iter()
                .map(move |w| (w.as_bytes(), Role::ContextWord(skill)))
        });
        let scanner =
            Scanner::new(&aliases, tech_words.chain(context_words)).map_err(build_error)?;
        Ok(Matcher {
            scanner,
            patterns,
            rejects,
            has_context_words: dict
                .skills
                .iter()
                .map(|s| !s.context_words.is_empty())
                .collect(),
            counts_as: dict
                .skills
                .iter()
                .map(|s| {
                    s.counts_as
                        .iter()
                        .filter_map(|id| dict.skills.iter().position(|t| t.id == *id))
                        .collect()
                })
                .collect(),
            umbrella: dict.skills.iter().map(|s| s.weight < 1.0).collect(),
            window: if dict.context_window == 0 {
                80
            } else {
                dict.context_window
            },
        })
    }

    /// Finds all accepted skill hits in `text` (already normalized), in text order.
    ///
    /// `sections[i]` is the section of line `i`; lines past its end count as [`SectionKind::Other`].
    #[cfg(test)]
    pub fn find(&self, text: &str, sections: LineSections<'_>) -> Vec<Hit> {
        self.find_in_lines(text, &line_starts(text), sections)
    }

    /// Finds all accepted skill hits in `text` (already normalized) with the text's
    /// line starts already known, in text order.
    pub(crate) fn find_in_lines(
        &self,
        text: &str,
        line_starts: &[usize],
        sections: LineSections<'_>,
    ) -> Vec<Hit> {
        std::mem::take(&mut self.read(text, line_starts, sections).hits)
    }

    /// [`Self::find_in_lines`], with the words the scan read on the way.
    pub(crate) fn read(
        &self,
        text: &str,
        line_starts: &[usize],
        sections: LineSections<'_>,
    ) -> Matched {
        let mut scratch = kept::take(&SCRATCH);
        let blanked = match_view_into(text, &mut scratch.view);
        let (view, found) = (&scratch.view[..], &mut scratch.found);
        self.scanner.scan_into(view, found);
        let found = &*found;
        let candidates = self.candidates(view, found);
        let anchors = self.anchor_occurrences(view, &candidates);
        // Reject patterns go first, so that a rejected hit never lends context to another, and
        // before the longest candidate is chosen, so that a rejected long alias does not hide a
        // shorter one inside it ("Standard ML models": not the language, still machine learning).
        let mut nested = Vec::new();
        let selected: Vec<Candidate> = select_longest(
            candidates,
            |c| !self.rejected(self.patterns[c.pattern].skill, view, c, &anchors),
            |inner, outer| {
                let (inner, outer) = (&self.patterns[inner.pattern], &self.patterns[outer.pattern]);
                inner.kind == AliasKind::Plain
                    && self.umbrella[inner.skill]
                    && inner.skill != outer.skill
                    && !self.counts_as[outer.skill].contains(&inner.skill)
            },
            &mut nested,
        );

        // Positions of unambiguous hits (context for ambiguous ones) and of technical words.
        let mut anchors: Vec<(usize, usize)> = Vec::with_capacity(selected.len());
        anchors.extend(
            selected
                .iter()
                .filter(|c| self.patterns[c.pattern].kind != AliasKind::Ambiguous && !c.loose_case)
                .map(|c| (c.start, c.end)),
        );
        let tech_positions = word_positions(&found.tech_words, view);

        // Positions of each skill's own context words, found once per document when needed.
        let mut context_cache: std::collections::HashMap<usize, Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        // Another skill or a technical word near the candidate; the skill's own context words
        // near it.
        let near_other = |cand: &Candidate| {
            near(&anchors, cand, self.window, Some(cand.start))
                || near(&tech_positions, cand, self.window, None)
        };
        let mut near_own = |skill: usize, cand: &Candidate| {
            self.has_context_words[skill] && {
                let positions = context_cache.entry(skill).or_insert_with(|| {
                    word_positions(&self.scanner.context_words_of(found, skill), view)
                });
                near(positions, cand, self.window, None)
            }
        };
        let mut hits = Vec::with_capacity(selected.len());
        let mut line = 0;
        for (i, cand) in selected.iter().enumerate() {
            let info = &self.patterns[cand.pattern];
            line = line_of_from(line_starts, line, cand.start);
            if cand.loose_case {
                // "java" in lower case: only as an item of a list in a Skills section, or, for an
                // ambiguous name, near one of the skill's own context words and near another
                // skill or a technical word ("networking (Cisco, Juniper), server management"):
                // either alone is not enough ("chef ... recipes", "bi-weekly reports").
                let in_skills = sections.get(line) == Some(&SectionKind::Skills);
                let own_context = info.kind == AliasKind::Ambiguous
                    && near_other(cand)
                    && near_own(info.skill, cand);
                if !(own_context
                    || in_skills && in_skill_list(view, line_starts, line, &selected, i, 1))
                {
                    continue;
                }
            } else if info.kind == AliasKind::Ambiguous {
                let section = sections.get(line).copied().unwrap_or(SectionKind::Other);
                let in_context = section == SectionKind::Skills
                    || version_follows(view, cand.end)
                    || near_other(cand)
                    || near_own(info.skill, cand)
                    || in_skill_list(view, line_starts, line, &selected, i, 2);
                if !in_context {
                    continue;
                }
            }
            self.push_hits(&mut hits, info.skill, cand, line);
        }
        if !nested.is_empty() {
            // Umbrella practices named at the end of another skill's name: in text order with the
            // rest (a stable sort keeps each hit's `counts_as` ones after it).
            let mut line = 0;
            for cand in &nested {
                line = line_of_from(line_starts, line, cand.start);
                self.push_hits(&mut hits, self.patterns[cand.pattern].skill, cand, line);
            }
            hits.sort_by_key(|h| h.start);
        }
        let words = std::mem::take(&mut scratch.found.words);
        scratch.put_back();
        Matched {
            hits,
            words,
            blanked,
        }
    }

    /// A hit of `skill` at `cand`, then one of each skill it counts as.
    fn push_hits(&self, hits: &mut Vec<Hit>, skill: usize, cand: &Candidate, line: usize) {
        for skill in std::iter::once(skill).chain(self.counts_as[skill].iter().copied()) {
            hits.push(Hit {
                skill,
                start: cand.start,
                end: cand.end,
                line,
            });
        }
    }

    fn candidates(&self, view: &[u8], found: &Found) -> Vec<Candidate> {
        let mut raw = Vec::with_capacity(found.aliases.len());
        for &(pattern, start, end) in &found.aliases {
            let info = &self.patterns[pattern];
            let mut end = end;
            let loose_case = matches!(info.kind, AliasKind::Exact | AliasKind::Ambiguous)
                && !case_matches(&view[start..end], info.text.as_bytes());
            if loose_case && info.kind == AliasKind::Exact {
                continue;
            }
            // "Java8", "PHP7": a version glued to an alias of two or more letters.
            let alias_bytes = info.text.as_bytes();
            if alias_bytes.len() >= 2 && alias_bytes.last().is_some_and(u8::is_ascii_alphabetic) {
                let digits = view[end..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if digits > 0 && digits <= 2 {
                    end += digits;
                }
            }
            let Some(camel_left) = left_boundary(view, start) else {
                continue;
            };
            let Some(camel_right) = right_boundary(view, end) else {
                continue;
            };
            raw.push(Candidate {
                pattern,
                start,
                end,
                camel_left,
                camel_right,
                loose_case,
            });
        }
        // A camel-case join counts only when an alias stands on the other side of it.
        if !raw.iter().any(|c| c.camel_left || c.camel_right) {
            return raw;
        }
        let sorted = |key: fn(&Candidate) -> Option<usize>| {
            let mut v: Vec<usize> = Vec::with_capacity(raw.len());
            v.extend(raw.iter().filter_map(key));
            v.sort_unstable();
            v
        };
        let ends = sorted(|o| (!o.camel_left).then_some(o.end));
        let starts = sorted(|o| (!o.camel_right).then_some(o.start));
        raw.retain(|c| {
            (!c.camel_left || ends.binary_search(&c.start).is_ok())
                && (!c.camel_right || starts.binary_search(&c.end).is_ok())
        });
        raw
    }

    /// (skill, start, end) of every anchor of a skill's reject rule found around the skill's
    /// candidates (in each one's [`Reject::anchor_window`]), sorted by skill, then by end. Each
    /// skill's windows are merged first, so that text is searched once for a skill however many
    /// of its names stand close together.
    fn anchor_occurrences(
        &self,
        view: &[u8],
        candidates: &[Candidate],
    ) -> Vec<(usize, usize, usize)> {
        // Sized for all, so that it is allocated once rather than grown as it fills.
        let mut windows: Vec<(usize, usize, usize)> = Vec::with_capacity(candidates.len());
        windows.extend(candidates.iter().filter_map(|c| {
            let skill = self.patterns[c.pattern].skill;
            let rule = self.rejects[skill].as_ref()?;
            rule.anchors()?;
            let (lo, hi) = rule.anchor_window(view, c.start, c.end);
            Some((skill, lo, hi))
        }));
        // Grouped by skill, each skill's by start. Candidates come in text order, and a rule's
        // window starts move with the candidate's start, so a stable grouping by skill gives
        // that order without comparing; the order within one start does not change the merge.
        let windows: Vec<&(usize, usize, usize)> = if candidates.is_sorted_by_key(|c| c.start) {
            stable_by_index(&windows, |&(skill, _, _)| skill)
        } else {
            let mut sorted: Vec<&(usize, usize, usize)> = windows.iter().collect();
            sorted.sort_unstable();
            sorted
        };
        let mut out = Vec::with_capacity(windows.len());
        let mut i = 0;
        while i < windows.len() {
            let (skill, lo, mut hi) = *windows[i];
            i += 1;
            while i < windows.len() && windows[i].0 == skill && windows[i].1 <= hi {
                hi = hi.max(windows[i].2);
                i += 1;
            }
            if let Some(rule) = &self.rejects[skill] {
                rule.find_anchors(view, lo, hi, |start, end| out.push((skill, start, end)));
            }
        }
        out
    }

    /// True when one of the skill's reject patterns matches text overlapping the candidate.
    fn rejected(
        &self,
        skill: usize,
        view: &[u8],
        cand: &Candidate,
        anchors: &[(usize, usize, usize)],
    ) -> bool {
        let Some(rule) = &self.rejects[skill] else {
            return false;
        };
        if rule.anchors().is_some() {
            let (lo, hi) = rule.anchor_window(view, cand.start, cand.end);
            if !anchor_within(anchors, skill, lo, hi) {
                return false;
            }
        }
        let (lo, hi) = rule.window(view, cand.start, cand.end);
        rule.overlaps(view, lo..hi, cand.start, cand.end)
    }
}

/// The view [`match_view_into`] gives.
#[cfg(test)]
fn match_view(text: &str) -> Vec<u8> {
    match_view_blanked(text).0
}

/// [`match_view_into`] a new vector.
#[cfg(test)]
fn match_view_blanked(text: &str) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut view = Vec::new();
    let blanked = match_view_into(text, &mut view);
    (view, blanked)
}

/// The text the scan runs over, into `view` (emptied first): same bytes and offsets as the
/// normalized text, with line breaks turned into spaces (so multi-word names match across them)
/// and links and e-mail addresses blanked (so "github.com/…" is no Git claim and "https://" no
/// TLS claim). Gives the ranges blanked (whole tokens, each between line breaks or spaces), in
/// order, none overlapping another.
fn match_view_into(text: &str, view: &mut Vec<u8>) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // One pass that copies and replaces at once (a compare and a blend per block of bytes), not
    // a search for each of the hundreds of line breaks.
    view.clear();
    view.extend(bytes.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
    // Blank every whitespace-delimited token that looks like a link or an address. Only tokens
    // holding '/', '@' or ':', or starting with "www.", can: those are the only ones looked at.
    let is_gap = |b: u8| b == b' ' || b == b'\n';
    let token_at = |at: usize| {
        let start = bytes[..at]
            .iter()
            .rposition(|&b| is_gap(b))
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| is_gap(b))
            .map_or(bytes.len(), |i| at + i);
        (start, end)
    };
    let mut blanked = Vec::new();
    let mut done = 0;
    for at in memchr::memchr3_iter(b'/', b'@', b':', bytes) {
        if at < done {
            continue;
        }
        let (start, end) = token_at(at);
        if looks_like_link(&bytes[start..end]) {
            view[start..end].fill(b' ');
            blanked.push((start, end));
        }
        done = end;
    }
    for at in memchr::memchr2_iter(b'w', b'W', bytes) {
        let starts_token = at == 0 || is_gap(bytes[at - 1]);
        if starts_token
            && bytes[at..]
                .get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
        {
            let (start, end) = token_at(at);
            view[start..end].fill(b' ');
            blanked.push((start, end));
        }
    }
    // A "www." token with a link's punctuation was blanked twice.
    blanked.sort_unstable();
    blanked.dedup_by(|next, kept| {
        let overlaps = next.0 < kept.1;
        if overlaps {
            kept.1 = kept.1.max(next.1);
        }
        overlaps
    });
    blanked
}

fn looks_like_link(token: &[u8]) -> bool {
    // Most tokens are plain words: only those with a link's punctuation are looked at closely.
    if !token.iter().any(|b| matches!(b, b'/' | b'@' | b':' | b'.')) {
        return false;
    }
    let has = |needle: &[u8]| {
        token
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    let www = token
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"www."));
    if has(b"://") || www || has(b"mailto:") {
        return true;
    }
    // name@domain.tld
    if let Some(at) = token.iter().position(|&b| b == b'@') {
        if at > 0 && token[at + 1..].contains(&b'.') {
            return true;
        }
    }
    // host.tld/path: github.com/x, linkedin.com/in/x, gitlab.com/x
    if let Some(slash) = token.iter().position(|&b| b == b'/') {
        let host = &token[..slash];
        let tlds: [&[u8]; 8] = [
            b".com", b".io", b".org", b".net", b".dev", b".me", b".co", b".in",
        ];
        let ends_with = |t: &[u8]| {
            host.len() >= t.len() && host[host.len() - t.len()..].eq_ignore_ascii_case(t)
        };
        if tlds.iter().any(|t| ends_with(t)) {
            return true;
        }
    }
    false
}

fn case_matches(found: &[u8], alias: &[u8]) -> bool {
    found == alias
        || found
            .iter()
            .zip(alias)
            .all(|(f, a)| *f == a.to_ascii_uppercase())
}

fn is_word_byte(view: &[u8], at: usize) -> bool {
    crate::scanner::is_word_byte(view[at])
}

/// `None`: no boundary. `Some(true)`: a camel-case join (lower-case then upper-case).
fn left_boundary(view: &[u8], start: usize) -> Option<bool> {
    if start == 0 {
        return Some(false);
    }
    let prev = view[start - 1];
    if is_word_byte(view, start - 1) {
        // The scanner has dropped the others (see `glued_on_left`).
        return (!glued_on_left(view, start)).then_some(true);
    }
    if matches!(prev, b'.' | b'_' | b'@' | b'$' | b'\\')
        && start >= 2
        && is_word_byte(view, start - 2)
    {
        return None;
    }
    if matches!(prev, b'_' | b'@' | b'$' | b'\\') {
        return None;
    }
    Some(false)
}

fn right_boundary(view: &[u8], end: usize) -> Option<bool> {
    if end >= view.len() {
        return Some(false);
    }
    let next = view[end];
    if is_word_byte(view, end) {
        if view[end - 1].is_ascii_lowercase() && next.is_ascii_uppercase() {
            return Some(true);
        }
        return None;
    }
    if matches!(next, b'+' | b'#' | b'_' | b'@') {
        return None;
    }
    // "Node.jsx", "Go.mod": a dot glued to more word characters continues the name.
    if next == b'.' && end + 1 < view.len() && view[end + 1].is_ascii_alphanumeric() {
        return None;
    }
    Some(false)
}

/// `items` ordered by `key`, a small index (a skill's), keeping their order within a key: a
/// counting sort, linear, for lists already in text order that are wanted grouped by skill.
pub(crate) fn stable_by_index<T>(items: &[T], key: impl Fn(&T) -> usize) -> Vec<&T> {
    let Some(first) = items.first() else {
        return Vec::new();
    };
    let keys = items.iter().map(&key).max().unwrap_or(0) + 1;
    // Where the next item of each key goes.
    let mut next = vec![0usize; keys + 1];
    for item in items {
        next[key(item) + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut out = vec![first; items.len()];
    for item in items {
        let k = key(item);
        out[next[k]] = item;
        next[k] += 1;
    }
    out
}

/// Leftmost-longest selection among the candidates `keep` accepts. The same as filtering with
/// `keep` first, but `keep` is asked only about candidates that would be chosen if accepted: few,
/// where rejection patterns are costly and most candidates overlap a longer one.
///
/// A candidate that ends where a chosen one ends, inside it, goes to `nested` when `nests(it, the
/// chosen one)` and `keep` accept it: a practice named in words at the end of a longer name
/// ("integration tests" in "unit and integration tests"). It stays out of the selection, which
/// never overlaps itself.
fn select_longest(
    mut candidates: Vec<Candidate>,
    mut keep: impl FnMut(&Candidate) -> bool,
    nests: impl Fn(&Candidate, &Candidate) -> bool,
    nested: &mut Vec<Candidate>,
) -> Vec<Candidate> {
    // By start, then longest first; a stable sort keeps equal ones in pattern order. The
    // scanner gives them by start already, so only each start's few need sorting.
    let by_end = |a: &Candidate, b: &Candidate| b.end.cmp(&a.end);
    if candidates.is_sorted_by_key(|c| c.start) {
        for same_start in candidates.chunk_by_mut(|a, b| a.start == b.start) {
            same_start.sort_by(by_end);
        }
    } else {
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(by_end(a, b)));
    }
    // In place: each candidate is checked against the last one kept.
    let mut last: Option<Candidate> = None;
    candidates.retain(|c| {
        if let Some(outer) = last.filter(|l| c.start < l.end) {
            if c.end == outer.end && c.start > outer.start && nests(c, &outer) && keep(c) {
                nested.push(*c);
            }
            return false;
        }
        if !keep(c) {
            return false;
        }
        last = Some(*c);
        true
    });
    candidates
}

fn version_follows(view: &[u8], end: usize) -> bool {
    let mut i = end;
    // A version glued to the alias ("Java8") was folded into the hit: look just before `end`.
    if i > 0 && view[i - 1].is_ascii_digit() {
        return true;
    }
    if i < view.len() && view[i] == b' ' {
        i += 1;
    }
    if i < view.len() && (view[i] == b'v' || view[i] == b'V') {
        i += 1;
    }
    let start = i;
    while i < view.len() && (view[i].is_ascii_digit() || view[i] == b'.') {
        i += 1;
    }
    let token = &view[start..i];
    if token.is_empty() || !token[0].is_ascii_digit() {
        return false;
    }
    if i < view.len() && view[i].is_ascii_alphabetic() && !matches!(view[i], b'x' | b'c' | b'g') {
        // "Go 2nd", "Spring 3rd": not a version ("Oracle 12c", "11g" are).
        return false;
    }
    // A year is a date, not a version: "Spring 2021".
    let is_year = token.len() == 4
        && std::str::from_utf8(token)
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
            .is_some_and(|y| (1950..=2039).contains(&y));
    !is_year
}

fn near(
    positions: &[(usize, usize)],
    cand: &Candidate,
    window: usize,
    skip: Option<usize>,
) -> bool {
    let lo = cand.start.saturating_sub(window);
    let hi = cand.end + window;
    let first = positions.partition_point(|&(_, e)| e < lo);
    positions[first..]
        .iter()
        .take_while(|&&(s, _)| s <= hi)
        .any(|&(s, _)| Some(s) != skip)
}

/// True when the hit's line reads as a list of technologies: a separator next to the hit and at
/// least `min_others` other candidate skills on the same line.
fn in_skill_list(
    view: &[u8],
    line_starts: &[usize],
    line: usize,
    selected: &[Candidate],
    me: usize,
    min_others: usize,
) -> bool {
    let line_start = line_starts[line];
    let line_end = line_starts.get(line + 1).copied().unwrap_or(view.len());
    let cand = &selected[me];
    let is_sep = |b: u8| matches!(b, b',' | b';' | b'|' | b'/' | b'(' | b')' | b':');
    let before = view[line_start..cand.start]
        .iter()
        .rev()
        .find(|b| **b != b' ')
        .copied();
    let after = view[cand.end..line_end]
        .iter()
        .find(|b| **b != b' ')
        .copied();
    let bullet = |b: Option<u8>| b == Some(0xE2) || b == Some(0xA2); // part of '•'
    let separated = before.is_none_or(|b| is_sep(b) || bullet(Some(b)))
        || after.is_none_or(|b| is_sep(b) || bullet(Some(b)));
    if !separated {
        return false;
    }
    // `selected` does not overlap and is sorted by start, so by end too: the candidates within
    // the line are one run of it, and `me` is among them.
    let first = selected.partition_point(|c| c.start < line_start);
    let past = selected.partition_point(|c| c.end <= line_end);
    let within = past.saturating_sub(first);
    let me_within = cand.start >= line_start && cand.end <= line_end;
    within - usize::from(me_within) >= min_others
}

/// True when an anchor of `skill` lies within `lo..hi`; `anchors` is sorted by skill, then end.
fn anchor_within(anchors: &[(usize, usize, usize)], skill: usize, lo: usize, hi: usize) -> bool {
    let first = anchors.partition_point(|&(s, _, end)| (s, end) < (skill, lo));
    anchors[first..]
        .iter()
        .take_while(|&&(s, _, end)| s == skill && end <= hi)
        .any(|&(_, start, _)| start >= lo)
}

/// Whole-word matches of a word list, from all its occurrences (sorted): the matches a
/// leftmost-longest search reports, kept when they stand on word boundaries.
fn word_positions(occurrences: &[(usize, usize)], view: &[u8]) -> Vec<(usize, usize)> {
    leftmost_longest(occurrences)
        .into_iter()
        .filter(|&(start, end)| {
            (start == 0 || !is_word_byte(view, start - 1))
                && (end >= view.len() || !is_word_byte(view, end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Every token looked at one by one, as [`super::match_view`] would without its shortcuts.
    fn match_view_token_by_token(text: &str) -> Vec<u8> {
        let mut view: Vec<u8> = text
            .bytes()
            .map(|b| if b == b'\n' { b' ' } else { b })
            .collect();
        let mut i = 0;
        while i < view.len() {
            if view[i] == b' ' {
                i += 1;
                continue;
            }
            let start = i;
            while i < view.len() && view[i] != b' ' {
                i += 1;
            }
            if super::looks_like_link(&text.as_bytes()[start..i]) {
                view[start..i].fill(b' ');
            }
        }
        view
    }

    #[test]
    fn match_view_blanks_links_and_addresses_only() {
        let text = "Go: github.com/me\nWWW.Example.org Java x@y.io @handle mailto:a http://b c/d.e\n\
                    www. a.com/x/y e.g. Node.js:\nTOOLS: Git/GitLab, CI/CD :// ww.w https://x.y/\nw";
        let view = super::match_view(text);
        assert_eq!(view, match_view_token_by_token(text));
        let view = String::from_utf8(view).unwrap();
        for kept in [
            "Go:",
            "Java",
            "@handle",
            "c/d.e",
            "e.g.",
            "Node.js:",
            "Git/GitLab",
            "ww.w",
        ] {
            assert!(view.contains(kept), "{kept} blanked in {view:?}");
        }
        for blanked in [
            "github.com",
            "Example.org",
            "x@y.io",
            "mailto",
            "http",
            "a.com",
            "https",
        ] {
            assert!(!view.contains(blanked), "{blanked} kept in {view:?}");
        }
    }

    /// A read on a thread that has read other documents, whose buffers it reuses, gives what a
    /// read on a new thread gives: each sample read after every sample (longer and shorter ones),
    /// and while an earlier read's words are still held, against the same sample read alone.
    #[test]
    fn reads_do_not_depend_on_earlier_reads() {
        let matcher = super::Matcher::new(&crate::Dictionary::builtin().unwrap()).unwrap();
        let texts: Vec<String> = crate::test_texts::samples()
            .iter()
            .map(|t| crate::normalize::normalize(t))
            .collect();
        type Read = (Vec<super::Hit>, Vec<super::WordRead>, Vec<(usize, usize)>);
        fn read_with(matcher: &super::Matcher, text: &str) -> Read {
            let starts = super::line_starts(text);
            let m = matcher.read(text, &starts, &[]);
            (m.hits.clone(), m.words.clone(), m.blanked.clone())
        }
        let read = |text: &str| read_with(&matcher, text);
        let alone: Vec<Read> = texts
            .iter()
            .map(|t| {
                let (t, matcher) = (t.clone(), matcher.clone());
                std::thread::spawn(move || read_with(&matcher, &t))
                    .join()
                    .unwrap()
            })
            .collect();
        assert!(alone
            .iter()
            .all(|(hits, words, _)| !hits.is_empty() && !words.is_empty()));
        for (text, expected) in texts.iter().zip(&alone) {
            for other in &texts {
                read(other);
                assert_eq!(&read(text), expected);
            }
            let held = {
                let starts = super::line_starts(&texts[0]);
                matcher.read(&texts[0], &starts, &[])
            };
            assert_eq!(&read(text), expected);
            drop(held);
        }
    }

    /// Anchors found over windows grouped with the counting sort are those found over windows
    /// sorted in full, on the passages and the samples (each text also with its candidates out
    /// of order, which takes the sorting path).
    #[test]
    fn anchor_windows_grouped_as_sorted() {
        let mut texts = crate::test_texts::passages();
        texts.extend(crate::test_texts::samples());
        let matcher = super::Matcher::new(&crate::Dictionary::builtin().unwrap()).unwrap();
        let mut found = 0;
        for text in &texts {
            let text = crate::normalize::normalize(text);
            let view = super::match_view(&text);
            let candidates = matcher.candidates(&view, &matcher.scanner.scan(&view));
            let mut reference = Vec::new();
            let mut windows: Vec<(usize, usize, usize)> = candidates
                .iter()
                .filter_map(|c| {
                    let skill = matcher.patterns[c.pattern].skill;
                    let rule = matcher.rejects[skill].as_ref()?;
                    rule.anchors()?;
                    let (lo, hi) = rule.anchor_window(&view, c.start, c.end);
                    Some((skill, lo, hi))
                })
                .collect();
            windows.sort_unstable();
            let mut i = 0;
            while i < windows.len() {
                let (skill, lo, mut hi) = windows[i];
                i += 1;
                while i < windows.len() && windows[i].0 == skill && windows[i].1 <= hi {
                    hi = hi.max(windows[i].2);
                    i += 1;
                }
                let rule = matcher.rejects[skill].as_ref().unwrap();
                rule.find_anchors(&view, lo, hi, |start, end| {
                    reference.push((skill, start, end))
                });
            }
            let grouped = matcher.anchor_occurrences(&view, &candidates);
            assert_eq!(grouped, reference, "{text}");
            let mut reversed = candidates.clone();
            reversed.reverse();
            assert_eq!(matcher.anchor_occurrences(&view, &reversed), grouped);
            found += grouped.len();
        }
        assert!(found > 100, "{found} anchors found");
    }
}
