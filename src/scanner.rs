//! One pass over a document for every literal the matcher looks for.
//!
//! Skill aliases, technical words and skills' own context words are all looked for at once,
//! ignoring ASCII case. Every one of them is a name or a word, so only an occurrence that starts
//! a word counts (see [`glued_on_left`]: "C" in "Music" can never be a skill, "Django" in
//! "PythonDjango" can), and only one that ends a word, or ends at a camel-case join or before a
//! version number ("Java8"), can be used. The literals that start with a letter or digit (nearly
//! all) are found by their first word ([`words::Words`]): each word of the text is hashed once
//! and looked up. The few that start with another character (".NET") are in a small trie
//! ([`trie::Trie`]) walked from the word starts that begin with one.

mod trie;
mod words;

use std::sync::Arc;
use trie::Trie;
pub(crate) use words::is_word_byte;
pub(crate) use words::WordRead;
use words::Words;

/// Literals with their numbers.
type Numbered<'a> = Vec<(u32, &'a [u8])>;

/// What finding a literal other than an alias means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// One of the dictionary's technical words.
    TechWord,
    /// One of this skill's own context words.
    ContextWord(usize),
}

/// The compiled scanner.
#[derive(Debug, Clone)]
pub(crate) struct Scanner {
    /// The literals that start with a letter or digit.
    words: Arc<Words>,
    /// The others, and for each of them its number.
    trie: Arc<Trie>,
    trie_literals: Vec<u32>,
    /// Patterns `0..aliases` are the aliases, in the order given.
    aliases: usize,
    /// For each pattern, its range in `role_list`.
    roles: Vec<(u32, u32)>,
    role_list: Vec<Role>,
    /// For each pattern, whether it is a technical word and whether it is a context word of
    /// any skill ([`TECH_WORD`], [`CONTEXT_WORD`]).
    kinds: Vec<u8>,
}

/// A [`Scanner::kinds`] bit.
const TECH_WORD: u8 = 1;
/// A [`Scanner::kinds`] bit.
const CONTEXT_WORD: u8 = 2;

/// Everything one scan found. Offsets are byte offsets into the scanned text.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// (alias index, start, end) of the occurrences not [`glued_on_left`] and not ending inside the
    /// word they start, other than at a join (camel case, or a letter before a digit), by start;
    /// those with the same start in order of their ends, then in pattern order.
    pub aliases: Vec<(usize, usize, usize)>,
    /// (start, end) of every occurrence of a technical word that is not glued on its left and
    /// does not end inside the word it starts (as for aliases), overlapping ones included,
    /// sorted.
    pub tech_words: Vec<(usize, usize)>,
    /// (pattern, start, end) of every occurrence of a literal that is some skill's context word,
    /// not glued on its left and not ending inside the word it starts, in the order found (by
    /// start): once, however many skills it is a context word of. Most documents ask for few
    /// skills' context words, if any; [`Scanner::context_words_of`] gives one skill's.
    pub context_words: Vec<(usize, usize, usize)>,
    /// Every word of the text (a run of word bytes, see [`is_word_byte`]) as it was read, in
    /// order.
    pub words: Vec<WordRead>,
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
        if u32::try_from(patterns.len()).is_err() {
            return Err(format!("{} literals: too many to look for", patterns.len()));
        }
        let (first_words, others): (Numbered<'_>, Numbered<'_>) = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (i as u32, *p))
            .partition(|(_, p)| p.first().copied().is_some_and(is_word_byte));
        let words = Words::new(&first_words)?;
        let trie = Trie::new(&others.iter().map(|&(_, p)| p).collect::<Vec<_>>());
        let trie_literals = others.iter().map(|&(i, _)| i).collect();
        let mut roles = Vec::with_capacity(roles_of.len());
        let mut role_list = Vec::new();
        let kinds = roles_of
            .iter()
            .map(|list| {
                list.iter().fold(0, |kinds, role| {
                    kinds
                        | match role {
                            Role::TechWord => TECH_WORD,
                            Role::ContextWord(_) => CONTEXT_WORD,
                        }
                })
            })
            .collect();
        for list in roles_of {
            let from = role_list.len() as u32;
            role_list.extend(list);
            roles.push((from, role_list.len() as u32));
        }
        Ok(Scanner {
            words: Arc::new(words),
            trie: Arc::new(trie),
            trie_literals,
            aliases: aliases.len(),
            roles,
            role_list,
            kinds,
        })
    }

    /// [`Self::scan_into`] a new [`Found`].
    #[cfg(test)]
    pub(crate) fn scan(&self, text: &[u8]) -> Found {
        let mut found = Found::default();
        self.scan_into(text, &mut found);
        found
    }

    /// Finds every occurrence of every literal in `text` that starts a word and ends one (or
    /// ends at a join inside one); see [`Found`]. Into `found`, whose vectors are emptied first:
    /// the matcher hands the same ones to each document a thread reads, so that they are not
    /// allocated again each time.
    pub(crate) fn scan_into(&self, text: &[u8], found: &mut Found) {
        found.aliases.clear();
        found.tech_words.clear();
        found.context_words.clear();
        found.words.clear();
        // About what a resume holds per byte, so that the vectors seldom grow.
        found.aliases.reserve(text.len() / 24);
        found.tech_words.reserve(text.len() / 96);
        found.context_words.reserve(text.len() / 24);
        found.words.reserve(text.len() / 6);
        // Only word starts are looked at. `scan_word` reads a word and gives back where the next
        // may start (a camel-case join, or the word's end); any other byte starts a word when
        // the byte before it is no word byte, and starts a name only if the trie has one (".NET").
        let mut at = 0;
        // The end of the last word read: a word read again from a camel-case join inside it
        // starts before.
        let mut word_end = 0;
        while let Some(&first) = text.get(at) {
            if is_word_byte(first) {
                let from = at;
                let read;
                (at, read) = self.words.scan_word(text, from, |pattern, end| {
                    self.record(pattern, from, end, found);
                });
                if from >= word_end {
                    word_end = read.end;
                    found.words.push(read);
                }
                continue;
            }
            let glued = at.checked_sub(1).is_some_and(|i| is_word_byte(text[i]));
            if !glued && self.trie.starts_with(first) {
                self.trie.walk(text, at, |literal, end| {
                    let pattern = self.trie_literals[literal] as usize;
                    self.record(pattern, at, end, found);
                });
            }
            at += 1;
        }
        found.tech_words.sort_unstable();
    }

    fn record(&self, pattern: usize, start: usize, end: usize, found: &mut Found) {
        if pattern < self.aliases {
            found.aliases.push((pattern, start, end));
        }
        let kinds = self.kinds[pattern];
        if kinds & TECH_WORD != 0 {
            found.tech_words.push((start, end));
        }
        if kinds & CONTEXT_WORD != 0 {
            found.context_words.push((pattern, start, end));
        }
    }

    /// (start, end) of the occurrences of `skill`'s context words in what [`Self::scan_into`]
    /// found, sorted.
    pub(crate) fn context_words_of(&self, found: &Found, skill: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = found
            .context_words
            .iter()
            .filter(|&&(pattern, _, _)| {
                let (from, to) = self.roles[pattern];
                self.role_list[from as usize..to as usize].contains(&Role::ContextWord(skill))
            })
            .map(|&(_, start, end)| (start, end))
            .collect();
        out.sort_unstable();
        out
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
    // Past the end, nothing joins: a space stands for it.
    let byte = text.get(start).copied().unwrap_or(b' ');
    is_word_byte(prev) && !(prev.is_ascii_lowercase() && byte.is_ascii_uppercase())
}

/// The matches a leftmost-longest, non-overlapping search would report, from all occurrences
/// sorted by start: at each point, the longest of those starting leftmost, then on from its end.
pub(crate) fn leftmost_longest(sorted: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sorted.len());
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
    use aho_corasick::{AhoCorasick, MatchKind};

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

    /// (pattern, start, end) of what an overlapping search with `reference` finds in `text`, less
    /// the matches glued on their left or ending inside the word they start (other than at a
    /// join), in order of start, then end: what the scan reports of the same literals.
    fn reported_by(reference: &AhoCorasick, text: &str) -> Vec<(usize, usize, usize)> {
        let mut expected: Vec<(usize, usize, usize)> = reference
            .find_overlapping_iter(text)
            .filter(|m| !glued_on_left(text.as_bytes(), m.start()))
            .filter(|m| words::is_reported(text.as_bytes(), m.start(), m.end()))
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        expected.sort_by_key(|&(_, start, end)| (start, end));
        expected
    }

    /// The aliases an overlapping search finds, less those glued on their left or ending inside
    /// the word they start (other than at a join), in order of start, then end.
    #[test]
    fn reports_aliases_as_the_overlapping_iterator_does_by_start() {
        let aliases: Vec<&[u8]> = ALIASES.iter().map(|a| a.as_bytes()).collect();
        let extras = [
            (&b"java"[..], Role::TechWord),
            (&b"boot"[..], Role::ContextWord(3)),
        ];
        let scanner = Scanner::new(&aliases, extras).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(ALIASES)
            .unwrap();
        for text in TEXTS {
            let expected = reported_by(&reference, text);
            let found = scanner.scan(text.as_bytes());
            assert_eq!(found.aliases, expected, "{text}");
        }
    }

    /// Technical and context words are found as an overlapping search finds them, less those
    /// glued on their left or ending inside a word, and a literal that is also an alias is found in both roles.
    #[test]
    fn finds_other_literals_where_they_start_a_word() {
        let aliases: Vec<&[u8]> = ALIASES.iter().map(|a| a.as_bytes()).collect();
        let words = ["java", "script", "lang", "boot", "boots", "go"];
        let extras = words.iter().enumerate().map(|(i, w)| {
            (
                w.as_bytes(),
                if i % 2 == 0 {
                    Role::TechWord
                } else {
                    Role::ContextWord(i)
                },
            )
        });
        let scanner = Scanner::new(&aliases, extras).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .unwrap();
        let mut checked = 0;
        for text in TEXTS {
            let bytes = text.as_bytes();
            let mut tech = Vec::new();
            let mut context = Vec::new();
            for m in reference.find_overlapping_iter(text) {
                if glued_on_left(bytes, m.start()) || !words::is_reported(bytes, m.start(), m.end())
                {
                    continue;
                }
                let i = m.pattern().as_usize();
                if i % 2 == 0 {
                    tech.push((m.start(), m.end()));
                } else {
                    context.push((i, m.start(), m.end()));
                }
            }
            tech.sort_unstable();
            context.sort_unstable();
            let found = scanner.scan(bytes);
            assert_eq!(found.tech_words, tech, "{text}");
            let mut found_context: Vec<(usize, usize, usize)> = (0..words.len())
                .flat_map(|i| {
                    scanner
                        .context_words_of(&found, i)
                        .into_iter()
                        .map(move |(start, end)| (i, start, end))
                })
                .collect();
            found_context.sort_unstable();
            assert_eq!(found_context, context, "{text}");
            checked += tech.len() + context.len();
        }
        assert!(checked >= 10, "{checked}");
    }

    /// Names that run past their first word, some by more than the eight bytes compared at
    /// once, in any case and cut anywhere by the text's end: found where an overlapping search
    /// finds them.
    #[test]
    fn finds_names_of_several_words_up_to_the_texts_end() {
        let names = [
            "Google",
            "Google Cloud",
            "Google Cloud Platform",
            "Google Cloud Storage",
            "Amazon Web Services",
            "Amazon",
            "Spring",
            "Spring Boot",
            "Spring Cloud Data Flow",
            "ASP.NET Core",
            "Data",
            "Data Warehouse",
        ];
        let aliases: Vec<&[u8]> = names.iter().map(|a| a.as_bytes()).collect();
        let scanner = Scanner::new(&aliases, []).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(names)
            .unwrap();
        let text = "GOOGLE CLOUD PLATFORM and google cloud platforms; Google Cloud Storagé, \
                    google cloud-platform, Amazon Web Services (AWS) and amazon web serviceS, \
                    Spring Cloud Data Flows, spring boot, ASP.NET core, Data warehouse; \
                    Google Cloud Platform";
        let mut checked = 0;
        for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let text = &text[..cut];
            let expected = reported_by(&reference, text);
            assert_eq!(scanner.scan(text.as_bytes()).aliases, expected, "{text}");
            checked += expected.len();
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn leftmost_longest_agrees_with_the_automaton() {
        let words = ["java", "javascript", "script", "go", "golang", "lang", "ng"];
        let overlapping = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .unwrap();
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
            let mut all: Vec<(usize, usize)> = overlapping
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            all.sort_unstable();
            assert_eq!(leftmost_longest(&all), expected, "{text}");
        }
    }
}
