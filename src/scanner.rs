//! One pass over a document for every literal the matcher looks for.
//!
//! Skill aliases, the anchors of reject patterns, technical words and skills' own context words
//! all go into one Aho-Corasick automaton, run once per document with overlapping matches and
//! ignoring ASCII case; one pass replaces one per word list.
//!
//! Two automata find the same matches: the contiguous NFA, built at once, and the DFA, which scans
//! about twice as fast but takes several times longer to build (about 7 ms here, more than the
//! rest of start-up). A pipeline calling the binary once per upload should not pay that, and a
//! batch should not go without it, so the DFA is built only once [`DFA_AFTER_BYTES`] have been
//! scanned, by the thread that crosses the mark; the others go on with the NFA until it is ready.
//!
//! Aliases are reported as `AhoCorasick::find_overlapping_iter` reports them (by end, then longest
//! first), less those glued to a word on their left ("C" in "Music"), which can never be a skill:
//! most occurrences of short aliases are of that kind, and dropping them here spares the matcher
//! hundreds of candidates per document. The other literals are grouped by what finding them means.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa::DFA, nfa::contiguous::NFA, Anchored, MatchKind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Bytes scanned with the NFA before the DFA is built: about 25 resumes.
const DFA_AFTER_BYTES: usize = 256 * 1024;

/// What finding a literal other than an alias means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// An anchor of this skill's reject patterns (see [`crate::reject`]).
    Anchor(usize),
    /// One of the dictionary's technical words.
    TechWord,
    /// One of this skill's own context words.
    ContextWord(usize),
}

/// The compiled scanner.
#[derive(Debug, Clone)]
pub(crate) struct Scanner {
    automaton: Arc<NFA>,
    start: StateID,
    /// The DFA and what building it needs, shared by clones.
    faster: Arc<Faster>,
    /// Patterns `0..aliases` are the aliases, in the order given.
    aliases: usize,
    /// For each pattern, its range in `role_list`.
    roles: Vec<(u32, u32)>,
    role_list: Vec<Role>,
}

/// The DFA, built on demand (see the module docs).
#[derive(Debug)]
struct Faster {
    patterns: Vec<Vec<u8>>,
    /// Bytes scanned so far, and how many to scan before building.
    scanned: AtomicUsize,
    after: usize,
    /// Set by the thread that builds.
    building: AtomicBool,
    /// `None` inside when the build failed: the NFA then does all the work.
    dfa: OnceLock<Option<(DFA, StateID)>>,
}

impl Faster {
    /// Nothing built yet; the DFA is built once `after` bytes have been scanned.
    fn new(patterns: &[&[u8]], after: usize) -> Faster {
        Faster {
            patterns: patterns.iter().map(|p| p.to_vec()).collect(),
            scanned: AtomicUsize::new(0),
            after,
            building: AtomicBool::new(false),
            dfa: OnceLock::new(),
        }
    }

    /// The DFA, once built; builds it now if this scan crosses the mark and no one else is.
    fn dfa(&self, bytes: usize) -> Option<&(DFA, StateID)> {
        if let Some(built) = self.dfa.get() {
            return built.as_ref();
        }
        let scanned = self.scanned.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if scanned < self.after || self.building.swap(true, Ordering::AcqRel) {
            return None;
        }
        let built = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&self.patterns)
            .ok()
            .and_then(|dfa| {
                let start = dfa.start_state(Anchored::No).ok()?;
                Some((dfa, start))
            });
        self.dfa.get_or_init(|| built).as_ref()
    }
}

/// Everything one scan found. Offsets are byte offsets into the scanned text.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// (alias index, start, end) in the order of `AhoCorasick::find_overlapping_iter`, less
    /// those [`glued_on_left`].
    pub aliases: Vec<(usize, usize, usize)>,
    /// (skill, start, end), in the order found: by end. Not sorted by skill: a document has
    /// hundreds, and a skill's are asked for only around its own hits, a few bytes at a time.
    pub anchors: Vec<(usize, usize, usize)>,
    /// (start, end) of every occurrence of a technical word, overlapping ones included, sorted.
    pub tech_words: Vec<(usize, usize)>,
    /// (skill, start, end) of every occurrence of a skill's context word, in the order found
    /// (by end); most documents ask for few skills' context words, if any.
    pub context_words: Vec<(usize, usize, usize)>,
}

impl Scanner {
    /// Compiles the aliases, in order, and the other literals with their roles. A literal equal to
    /// an alias or to another literal (ignoring ASCII case) is looked for once.
    ///
    /// # Errors
    /// The automaton builder's message, e.g. when it runs out of state identifiers.
    pub(crate) fn new<'a>(
        aliases: &[&'a [u8]],
        literals: impl IntoIterator<Item = (&'a [u8], Role)>,
    ) -> Result<Scanner, String> {
        let mut patterns: Vec<&[u8]> = aliases.to_vec();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
        for (i, alias) in aliases.iter().enumerate() {
            index.entry(alias.to_ascii_lowercase()).or_insert(i);
        }
        let mut roles_of: Vec<Vec<Role>> = vec![Vec::new(); aliases.len()];
        for (literal, role) in literals {
            let pattern = *index
                .entry(literal.to_ascii_lowercase())
                .or_insert_with(|| {
                    patterns.push(literal);
                    roles_of.push(Vec::new());
                    patterns.len() - 1
                });
            if !roles_of[pattern].contains(&role) {
                roles_of[pattern].push(role);
            }
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            // A prefilter would only make start states special: most bytes start a candidate.
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        let start = automaton
            .start_state(Anchored::No)
            .map_err(|e| e.to_string())?;
        let mut roles = Vec::with_capacity(roles_of.len());
        let mut role_list = Vec::new();
        for list in roles_of {
            let from = role_list.len() as u32;
            role_list.extend(list);
            roles.push((from, role_list.len() as u32));
        }
        Ok(Scanner {
            automaton: Arc::new(automaton),
            start,
            faster: Arc::new(Faster::new(&patterns, DFA_AFTER_BYTES)),
            aliases: aliases.len(),
            roles,
            role_list,
        })
    }

    /// Finds every occurrence of every literal in `text`.
    pub(crate) fn scan(&self, text: &[u8]) -> Found {
        match self.faster.dfa(text.len()) {
            Some((dfa, start)) => self.scan_with(dfa, *start, text),
            None => self.scan_with(&*self.automaton, self.start, text),
        }
    }

    fn scan_with(&self, aut: &impl Automaton, start: StateID, text: &[u8]) -> Found {
        let mut found = Found {
            // About one alias match every ten bytes in resumes ("C", "R" and "Go" inside words).
            aliases: Vec::with_capacity(text.len() / 8),
            ..Found::default()
        };
        let mut sid = start;
        for (i, &byte) in text.iter().enumerate() {
            sid = aut.next_state(Anchored::No, sid, byte);
            if !aut.is_special(sid) {
                continue;
            }
            if !aut.is_match(sid) {
                // The dead state: unreachable in an unanchored search, but it would end one.
                break;
            }
            let end = i + 1;
            for k in 0..aut.match_len(sid) {
                let pattern = aut.match_pattern(sid, k);
                let start = end - aut.pattern_len(pattern);
                self.record(pattern.as_usize(), start, end, text, &mut found);
            }
        }
        found.tech_words.sort_unstable();
        found
    }

    fn record(&self, pattern: usize, start: usize, end: usize, text: &[u8], found: &mut Found) {
        if pattern < self.aliases && !glued_on_left(text, start) {
            found.aliases.push((pattern, start, end));
        }
        let (from, to) = self.roles[pattern];
        for role in &self.role_list[from as usize..to as usize] {
            match *role {
                Role::Anchor(skill) => found.anchors.push((skill, start, end)),
                Role::TechWord => found.tech_words.push((start, end)),
                Role::ContextWord(skill) => found.context_words.push((skill, start, end)),
            }
        }
    }
}

/// Whether the text at `start` continues a word on its left, so that nothing found there can
/// start a name: the byte before is a letter or digit (any non-ASCII byte counts as a letter:
/// "Ciência" holds no "CI"), and the two do not make a camel-case join (lower case, then upper
/// case: "PythonDjango" holds "Django").
pub(crate) fn glued_on_left(text: &[u8], start: usize) -> bool {
    let Some(&prev) = start.checked_sub(1).and_then(|i| text.get(i)) else {
        return false;
    };
    let word = prev.is_ascii_alphanumeric() || prev >= 0x80;
    word && !(prev.is_ascii_lowercase() && text.get(start).is_some_and(u8::is_ascii_uppercase))
}

/// The matches a leftmost-longest, non-overlapping search would report, from all occurrences
/// sorted by start: at each point, the longest of those starting leftmost, then on from its end.
pub(crate) fn leftmost_longest(sorted: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut at = 0;
    while i < sorted.len() {
        let (start, _) = sorted[i];
        // All occurrences starting at `start`; the longest is the last of them.
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].0 == start {
            j += 1;
        }
        if start >= at {
            out.push(sorted[j]);
            at = sorted[j].1;
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    const TEXTS: [&str; 3] = [
        "Go, golang and Google; JavaScript, Java8 and java; C++ and C#; Spring Boot springs",
        "SKILLS: Node.js, React Native, Kubernetes (K8s), CI/CD, .NET, gRPC-Go",
        "xx javascriptjava spring boots go-lang Go lang GoLang",
    ];
    const ALIASES: [&str; 14] = [
        "Go",
        "golang",
        "go-lang",
        "go lang",
        "Java",
        "JavaScript",
        "Java8",
        "C",
        "C++",
        "C#",
        "Spring",
        "Spring Boot",
        "Node.js",
        "K8s",
    ];

    #[test]
    fn reports_aliases_as_the_overlapping_iterator_does() {
        let aliases: Vec<&[u8]> = ALIASES.iter().map(|a| a.as_bytes()).collect();
        let extras = [
            (&b"java"[..], Role::TechWord),
            (&b"boot"[..], Role::Anchor(3)),
        ];
        let scanner = Scanner::new(&aliases, extras).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(ALIASES)
            .unwrap();
        for text in TEXTS {
            let expected: Vec<(usize, usize, usize)> = reference
                .find_overlapping_iter(text)
                .filter(|m| !glued_on_left(text.as_bytes(), m.start()))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let found = scanner.scan(text.as_bytes());
            assert_eq!(found.aliases, expected, "{text}");
        }
    }

    /// Once the DFA takes over, every scan finds what the NFA found.
    #[test]
    fn the_dfa_finds_what_the_nfa_finds() {
        let aliases: Vec<&[u8]> = ALIASES.iter().map(|a| a.as_bytes()).collect();
        let extras = [
            (&b"java"[..], Role::TechWord),
            (&b"boot"[..], Role::Anchor(3)),
            (&b"lang"[..], Role::ContextWord(1)),
        ];
        let nfa_only = Scanner::new(&aliases, extras).unwrap();
        let mut with_dfa = nfa_only.clone();
        let patterns: Vec<&[u8]> = nfa_only.faster.patterns.iter().map(Vec::as_slice).collect();
        with_dfa.faster = Arc::new(Faster::new(&patterns, 0));
        for text in TEXTS {
            let (a, b) = (
                nfa_only.scan(text.as_bytes()),
                with_dfa.scan(text.as_bytes()),
            );
            assert!(with_dfa.faster.dfa.get().is_some_and(Option::is_some));
            assert!(nfa_only.faster.dfa.get().is_none());
            assert_eq!(a.aliases, b.aliases, "{text}");
            assert_eq!(a.tech_words, b.tech_words, "{text}");
            // The two automata may report the matches that end at one byte in another order.
            let sorted = |mut v: Vec<(usize, usize, usize)>| {
                v.sort_unstable();
                v
            };
            assert_eq!(sorted(a.anchors), sorted(b.anchors), "{text}");
            assert_eq!(sorted(a.context_words), sorted(b.context_words), "{text}");
        }
    }

    #[test]
    fn leftmost_longest_agrees_with_the_automaton() {
        let words = ["java", "javascript", "script", "go", "golang", "lang", "ng"];
        let extras = words.iter().map(|w| (w.as_bytes(), Role::TechWord));
        let scanner = Scanner::new(&[], extras).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap();
        for text in TEXTS {
            let expected: Vec<(usize, usize)> = reference
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let found = scanner.scan(text.as_bytes());
            assert_eq!(leftmost_longest(&found.tech_words), expected, "{text}");
        }
    }
}
