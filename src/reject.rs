//! Reject patterns: each skill's regexes, and the literals that show when they cannot match.
//!
//! A skill's reject regexes run on the text around each of its hits. Most windows hold none of
//! the words the regexes look for, so each skill also gets a set of *anchors*: literals such that
//! every match of one of its regexes contains one of them (compared ignoring ASCII case). A window
//! without an anchor needs no regex. The anchors are read off the regexes' syntax trees, so they
//! are exact for any dictionary: where no useful set can be found, the regex simply always runs.
//!
//! Reading them off costs most of the start-up time, so the anchors of the built-in dictionaries'
//! rules are also kept, computed ahead, in a generated table ([`builtin_anchors`]) keyed by the
//! rule's exact inputs. A rule the table does not hold (a user dictionary's, or one changed since
//! the table was generated) is computed as before; a test keeps the table in step with the
//! dictionaries and regenerates it on request.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa::DFA, Anchored, MatchKind, StartKind};
use regex_automata::{meta, util::syntax};
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Look, Repetition};
use std::sync::OnceLock;

mod builtin_anchors;
#[cfg(test)]
mod sourcegen;

/// Most strings a node's literal set may hold before it counts as unknown.
const MAX_SET: usize = 256;
/// Most characters a class may stand for to be spelt out as literals.
const MAX_CLASS: usize = 8;

/// One skill's reject patterns, compiled on first use.
#[derive(Debug, Clone)]
pub(crate) struct Reject {
    pattern: String,
    compiled: OnceLock<Option<meta::Regex>>,
    /// The same patterns with ASCII word boundaries, for windows where they read the same: the
    /// lazy DFA handles them on any text, while Unicode ones make it give up at the first non-ASCII
    /// byte and leave the work to a backtracker many times slower.
    ascii_twin: OnceLock<Option<meta::Regex>>,
    /// See [`Reject::anchors`].
    anchors: Option<Vec<Vec<u8>>>,
    /// The anchors as one automaton, built on first use (see [`Reject::find_anchors`]).
    anchor_finder: OnceLock<Option<(DFA, StateID)>>,
    /// The most bytes a match of the patterns can span, when that is bounded (see
    /// [`Reject::anchor_window`]).
    longest: Option<usize>,
    /// A rule of the built-in dictionaries, whose pattern a test compiles: where its twin serves,
    /// the pattern itself need not be compiled to learn that it compiles.
    builtin: bool,
}

impl Reject {
    /// The skill's reject regexes as one alternation; `aliases` are the skill's own names, which
    /// make poor anchors because every window around a hit contains one.
    ///
    /// # Errors
    /// The parser's message when a regex is invalid.
    pub(crate) fn new(regexes: &[String], aliases: &[&str]) -> Result<Option<Reject>, String> {
        if regexes.is_empty() {
            return Ok(None);
        }
        let pattern = join(regexes);
        let found = precomputed(regexes, aliases);
        #[cfg(test)]
        sourcegen::note_built(regexes, aliases, found.is_some());
        let builtin = found.is_some();
        let (anchors, longest) = match found {
            Some(found) => found,
            // Parsing the pattern here is also what reports a bad one.
            None => {
                let hir = parse(&pattern)?;
                (anchors_of(&hir, &pattern, aliases), longest_match(&hir))
            }
        };
        Ok(Some(Reject {
            pattern,
            compiled: OnceLock::new(),
            ascii_twin: OnceLock::new(),
            anchors,
            anchor_finder: OnceLock::new(),
            longest,
            builtin,
        }))
    }

    /// The window searched around a hit at `start..end`: 80 bytes either side (patterns only
    /// ever need the words around a hit), widened to character boundaries.
    pub(crate) fn window(&self, view: &[u8], start: usize, end: usize) -> (usize, usize) {
        let lo = floor_char_boundary(view, start.saturating_sub(80));
        let hi = ceil_char_boundary(view, (end + 80).min(view.len()));
        (lo, hi)
    }

    /// The part of the [`Self::window`] around a hit at `start..end` that holds every anchor a
    /// match overlapping the hit can contain: a match is at most `longest` bytes long, so it
    /// starts after `start - longest` and ends before `end + longest`, and so does the anchor in
    /// it. Most rules look for a phrase of a few words around a name, so this is a small part of
    /// the window, and the anchors are looked for only there.
    pub(crate) fn anchor_window(&self, view: &[u8], start: usize, end: usize) -> (usize, usize) {
        let (lo, hi) = self.window(view, start, end);
        match self.longest {
            Some(longest) => {
                let reach = longest.max(1) - 1;
                (lo.max(start.saturating_sub(reach)), hi.min(end + reach))
            }
            None => (lo, hi),
        }
    }

    /// Literals such that every match contains one of them, lower-case in ASCII (compare them
    /// ignoring ASCII case); `None` when no useful set was found and the regex has to run on every
    /// window.
    pub(crate) fn anchors(&self) -> Option<&[Vec<u8>]> {
        self.anchors.as_deref()
    }

    /// Calls `found(start, end)` for every occurrence of an anchor in `view[lo..hi]`, in the order
    /// of their ends (offsets into `view`); does nothing when there are no anchors. The matcher
    /// looks for them over the windows of a skill's hits, merged, so that a window with none of
    /// them skips the regexes. Most rules have a few dozen short anchors: their automaton is small
    /// enough to stay in the processor's caches.
    pub(crate) fn find_anchors(
        &self,
        view: &[u8],
        lo: usize,
        hi: usize,
        mut found: impl FnMut(usize, usize),
    ) {
        let Some(anchors) = &self.anchors else {
            return;
        };
        let finder = self.anchor_finder.get_or_init(|| {
            let dfa = DFA::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .prefilter(false)
                .start_kind(StartKind::Unanchored)
                .build(anchors)
                .ok()?;
            let start = dfa.start_state(Anchored::No).ok()?;
            Some((dfa, start))
        });
        let Some((dfa, start)) = finder else {
            // No automaton: count the whole range as one occurrence, so that the regexes run.
            found(lo, hi);
            return;
        };
        let bytes = &view[lo..hi];
        let (mut sid, mut at) = (*start, 0);
        while let Some((end, special)) = run_to_special(dfa, sid, bytes, at) {
            (sid, at) = (special, end);
            if dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    found(
                        lo + end - dfa.pattern_len(dfa.match_pattern(sid, k)),
                        lo + end,
                    );
                }
            }
        }
    }

    /// True when one of the patterns matches text in `window` (of `view`) that overlaps
    /// `start..end`.
    pub(crate) fn overlaps(
        &self,
        view: &[u8],
        window: std::ops::Range<usize>,
        start: usize,
        end: usize,
    ) -> bool {
        let lo = window.start;
        let window = &view[window];
        let twin = if word_boundaries_read_as_ascii(window) {
            self.ascii_twin()
        } else {
            None
        };
        // A pattern that does not compile rejects nothing, whatever its twin would do. A built-in
        // rule's does (see the test `builtin_rules_compile`): a one-off run then compiles only
        // the twin, which is all most windows need.
        let chosen = match (twin, self.builtin) {
            (Some(twin), true) => twin,
            _ => match self.regex() {
                Some(regex) => twin.unwrap_or(regex),
                None => return false,
            },
        };
        chosen
            .find_iter(window)
            .any(|m| lo + m.start() < end && lo + m.end() > start)
    }

    /// The twin with ASCII word boundaries (see the field), compiled on first use. An ASCII
    /// pattern is compiled with ASCII word boundaries already, so it is its own twin.
    fn ascii_twin(&self) -> Option<&meta::Regex> {
        if !unicode_syntax(&self.pattern) {
            return self.regex();
        }
        self.ascii_twin
            .get_or_init(|| {
                let hir = parse(&self.pattern).ok()?;
                compile(&with_ascii_word_boundaries(&hir).to_string(), true)
            })
            .as_ref()
    }

    /// The compiled patterns. ASCII patterns are compiled without Unicode classes (ASCII `\b`
    /// and case folding); the text is NFKC-normalized, so the words they look for are ASCII.
    fn regex(&self) -> Option<&meta::Regex> {
        self.compiled
            .get_or_init(|| compile(&self.pattern, unicode_syntax(&self.pattern)))
            .as_ref()
    }
}

/// Steps `dfa` from `sid` over `bytes[at..]` until it enters a special state (a match, or the
/// dead state), giving the end of the byte that led there and the state; `None` at the end of
/// `bytes`. Its own function, with nothing called in its loop: the automaton's tables are then
/// read from registers, not loaded again after each step as when the loop also reports matches.
#[inline(never)]
fn run_to_special(
    dfa: &DFA,
    mut sid: StateID,
    bytes: &[u8],
    at: usize,
) -> Option<(usize, StateID)> {
    for (i, &byte) in bytes.iter().enumerate().skip(at) {
        sid = dfa.next_state(Anchored::No, sid, byte);
        if dfa.is_special(sid) {
            return Some((i + 1, sid));
        }
    }
    None
}

/// Compiles a pattern as `regex::bytes::Regex` would (same syntax, limits and match semantics),
/// except without prefilters: the windows searched are a few lines long, too short for a
/// prefilter to pay, while working one out from a reject rule's alternation costs several times
/// the rest of its compilation, which a pipeline calling the binary once per upload pays on
/// every call.
fn compile(pattern: &str, unicode: bool) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .utf8_empty(false)
                .nfa_size_limit(Some(10 * (1 << 20)))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .syntax(syntax::Config::new().unicode(unicode).utf8(false))
        .build(pattern)
        .ok()
}

/// Checks one reject regex: the one check that loading a dictionary, `dict check` and the
/// matcher agree on. The regex must parse as the matcher reads it, must not match empty text
/// (an empty match inside a hit would drop every hit), and must compile within the size limit.
/// The built-in dictionaries' regexes are checked by the tests instead.
///
/// # Errors
/// What is wrong, for people.
pub(crate) fn check_regex(regex: &str) -> Result<(), String> {
    if builtin_anchors::REGEXES.binary_search(&regex).is_ok() {
        return Ok(());
    }
    check_fully(regex)
}

/// [`check_regex`] without the shortcut for built-in regexes.
fn check_fully(regex: &str) -> Result<(), String> {
    let hir = parse(regex)?;
    if hir.properties().minimum_len().is_none_or(|n| n == 0) {
        return Err("it matches empty text, so it would drop every hit".into());
    }
    // Compiling costs far more than parsing, so only patterns that may be large are compiled
    // here; the estimate errs on the large side.
    if estimated_states(&hir) > CHEAP_STATES && compile(regex, unicode_syntax(regex)).is_none() {
        return Err(
            "too large: it compiles past the 10 MiB limit (a long repetition or a wide Unicode \
             class)"
                .into(),
        );
    }
    Ok(())
}

/// Estimated states below which a pattern compiles well within the size limit.
const CHEAP_STATES: usize = 20_000;

/// A rough upper bound on the NFA states `hir` compiles to: literals and classes cost by their
/// size (Unicode classes by their ranges, which become UTF-8 sequences), repetitions multiply.
fn estimated_states(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(lit) => lit.0.len(),
        HirKind::Class(Class::Unicode(class)) => class.ranges().len() * 4,
        HirKind::Class(Class::Bytes(class)) => class.ranges().len(),
        HirKind::Repetition(rep) => {
            let times = rep.max.unwrap_or(rep.min).max(1) as usize;
            estimated_states(&rep.sub).saturating_mul(times)
        }
        HirKind::Capture(cap) => estimated_states(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs
            .iter()
            .map(estimated_states)
            .fold(0usize, usize::saturating_add),
    }
}

/// Whether a pattern is read with Unicode classes: when it holds non-ASCII text or names a
/// Unicode property (`\p{L}`). Otherwise `\b`, `\w` and case folding are ASCII's, which is
/// what the NFKC-normalized text needs and much faster.
fn unicode_syntax(pattern: &str) -> bool {
    !pattern.is_ascii() || pattern.contains("\\p") || pattern.contains("\\P")
}

/// A reject rule of the built-in dictionaries with its anchors computed ahead of time: the
/// inputs of [`Reject::new`], and what [`anchors_of`] and [`longest_match`] read off them.
struct Precomputed {
    regexes: &'static [&'static str],
    aliases: &'static [&'static str],
    anchors: Option<&'static [&'static [u8]]>,
    /// What [`longest_match`] returns for them.
    longest: Option<usize>,
}

/// What is read off a rule ahead of matching: its anchors and the longest a match can be.
type ReadOff = (Option<Vec<Vec<u8>>>, Option<usize>);

/// The anchors and longest match of the rule with exactly these inputs, if the generated table
/// holds it.
fn precomputed(regexes: &[String], aliases: &[&str]) -> Option<ReadOff> {
    let table = builtin_anchors::TABLE;
    // The table is sorted by `regexes`.
    let first = table.partition_point(|rule| {
        rule.regexes
            .iter()
            .copied()
            .lt(regexes.iter().map(String::as_str))
    });
    table[first..]
        .iter()
        .take_while(|rule| rule.regexes == regexes)
        .find(|rule| rule.aliases == aliases)
        .map(|rule| {
            let anchors = rule
                .anchors
                .map(|set| set.iter().map(|anchor| anchor.to_vec()).collect());
            (anchors, rule.longest)
        })
}

/// The skill's reject regexes as one alternation.
fn join(regexes: &[impl AsRef<str>]) -> String {
    regexes
        .iter()
        .map(|r| format!("(?:{})", r.as_ref()))
        .collect::<Vec<_>>()
        .join("|")
}

/// True when Unicode and ASCII word boundaries fall in the same places in `window`: when none of
/// its non-ASCII characters is a word character.
fn word_boundaries_read_as_ascii(window: &[u8]) -> bool {
    window.is_ascii()
        || std::str::from_utf8(window).is_ok_and(|text| {
            text.chars()
                .filter(|c| !c.is_ascii())
                .all(|c| regex_syntax::try_is_word_character(c).is_ok_and(|w| !w))
        })
}

/// `hir` with every Unicode word boundary made an ASCII one.
fn with_ascii_word_boundaries(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(with_ascii_word_boundaries(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(with_ascii_word_boundaries(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(with_ascii_word_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(with_ascii_word_boundaries).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// [`anchors_of`] a pattern not yet parsed.
#[cfg(test)]
fn anchors(pattern: &str, aliases: &[&str]) -> Result<Option<Vec<Vec<u8>>>, String> {
    Ok(anchors_of(&parse(pattern)?, pattern, aliases))
}

/// The most bytes a match of `hir` can span, if that is bounded.
fn longest_match(hir: &Hir) -> Option<usize> {
    hir.properties().maximum_len()
}

/// Literals, lower-case in ASCII, such that every match of the pattern `hir` (parsed from
/// `pattern`) contains one of them; `None` when no set that would save work can be found.
fn anchors_of(hir: &Hir, pattern: &str, aliases: &[&str]) -> Option<Vec<Vec<u8>>> {
    let aliases: Vec<Vec<u8>> = aliases.iter().map(|a| lower(a.as_bytes())).collect();
    let mut set = best(&literals(hir, &aliases), &aliases)?;
    if !score(&set, &aliases).0 {
        // Every window around a hit holds one of these: looking for them would save nothing.
        return None;
    }
    if !pattern.is_ascii() {
        // Unicode case folding also matches these for "s" and "k"; the literals leave them out,
        // so a window holding one always runs the regex.
        set.extend(FOLDS_TO_ASCII.iter().map(|c| c.to_string().into_bytes()));
    }
    Some(set)
}

/// Parses `pattern` as the regex crate will, so that what is read off it holds for the regex.
fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(unicode_syntax(pattern))
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

/// The non-ASCII characters that Unicode simple case folding maps to ASCII letters.
const FOLDS_TO_ASCII: [char; 2] = ['\u{017F}', '\u{212A}'];

/// What is known about the strings a syntax node matches.
#[derive(Debug, Clone, Default)]
struct Literals {
    /// Every match is one of these.
    exact: Option<Vec<Vec<u8>>>,
    /// Every match contains one of these.
    inner: Option<Vec<Vec<u8>>>,
}

fn literals(hir: &Hir, aliases: &[Vec<u8>]) -> Literals {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Literals {
            exact: Some(vec![Vec::new()]),
            inner: None,
        },
        HirKind::Literal(lit) => {
            let set = vec![lower(&lit.0)];
            Literals {
                exact: Some(set.clone()),
                inner: Some(set),
            }
        }
        HirKind::Class(class) => {
            let exact = class_literals(class);
            Literals {
                inner: exact.clone(),
                exact,
            }
        }
        HirKind::Repetition(rep) => {
            let sub = literals(&rep.sub, aliases);
            let exact = match (rep.min, rep.max) {
                (1, Some(1)) => sub.exact.clone(),
                (0, Some(1)) => sub.exact.clone().map(|mut set| {
                    set.push(Vec::new());
                    dedup(set)
                }),
                _ => None,
            };
            let inner = if rep.min >= 1 {
                best(&sub, aliases)
            } else {
                None
            };
            Literals { exact, inner }
        }
        HirKind::Capture(cap) => literals(&cap.sub, aliases),
        HirKind::Concat(children) => concat(children, aliases),
        HirKind::Alternation(children) => {
            let parts: Vec<Literals> = children.iter().map(|c| literals(c, aliases)).collect();
            let exact = union(parts.iter().map(|p| p.exact.as_ref()));
            let bests: Vec<Option<Vec<Vec<u8>>>> = parts.iter().map(|p| best(p, aliases)).collect();
            let inner = union(bests.iter().map(Option::as_ref));
            Literals { exact, inner }
        }
    }
}

/// A concatenation: its exact set is the product of its parts'; what every match contains is the
/// best of each part's requirement and of the products of runs of parts with exact sets.
fn concat(children: &[Hir], aliases: &[Vec<u8>]) -> Literals {
    let parts: Vec<Literals> = children.iter().map(|c| literals(c, aliases)).collect();
    let mut candidates: Vec<Vec<Vec<u8>>> = parts.iter().filter_map(|p| best(p, aliases)).collect();
    let mut exact: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
    let mut run: Option<Vec<Vec<u8>>> = None;
    for part in &parts {
        exact = match (exact, &part.exact) {
            (Some(acc), Some(next)) => product(&acc, next),
            _ => None,
        };
        run = match (run, &part.exact) {
            (Some(acc), Some(next)) => match product(&acc, next) {
                Some(longer) => Some(longer),
                None => {
                    // Too many combinations: keep what the run had, start again here.
                    candidates.push(acc);
                    Some(next.clone())
                }
            },
            (Some(acc), None) => {
                candidates.push(acc);
                None
            }
            (None, next) => next.clone(),
        };
    }
    candidates.extend(run);
    if let Some(set) = &exact {
        candidates.push(set.clone());
    }
    let inner = candidates
        .into_iter()
        .filter(|set| usable(set))
        .max_by_key(|set| score(set, aliases));
    Literals { exact, inner }
}

/// The better of a node's exact set and its inner requirement, if either is usable.
fn best(lits: &Literals, aliases: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    [lits.exact.as_ref(), lits.inner.as_ref()]
        .into_iter()
        .flatten()
        .filter(|set| usable(set))
        .max_by_key(|set| score(set, aliases))
        .cloned()
}

/// A set can serve as a requirement when it is not empty and holds no literal so short that text
/// is full of it ("-", ",", "19"): finding those everywhere would cost more than it saves.
fn usable(set: &[Vec<u8>]) -> bool {
    !set.is_empty() && set.iter().all(|s| s.len() >= 3 || !s.is_ascii())
}

/// Higher is better: first, no literal that every hit brings along (part of an alias); then
/// literals with many bytes besides the alias they may contain ("echo " is little more than a hit
/// of "echo"), then few of them.
fn score(set: &[Vec<u8>], aliases: &[Vec<u8>]) -> (bool, usize, std::cmp::Reverse<usize>) {
    let selective = !set
        .iter()
        .any(|lit| aliases.iter().any(|a| contains(a, lit)));
    let novelty = set
        .iter()
        .map(|lit| {
            let alias = aliases
                .iter()
                .filter(|a| contains(lit, a))
                .map(Vec::len)
                .max()
                .unwrap_or(0);
            lit.len() - alias
        })
        .min()
        .unwrap_or(0);
    (selective, novelty, std::cmp::Reverse(set.len()))
}

fn class_literals(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut set = Vec::new();
    match class {
        Class::Unicode(c) => {
            for range in c.iter() {
                for ch in (range.start()..=range.end()).filter(|c| !FOLDS_TO_ASCII.contains(c)) {
                    if set.len() > MAX_CLASS {
                        return None;
                    }
                    let mut buf = [0u8; 4];
                    set.push(lower(ch.encode_utf8(&mut buf).as_bytes()));
                }
            }
        }
        Class::Bytes(c) => {
            for range in c.iter() {
                for b in range.start()..=range.end() {
                    if set.len() > MAX_CLASS {
                        return None;
                    }
                    set.push(vec![b.to_ascii_lowercase()]);
                }
            }
        }
    }
    Some(dedup(set))
}

fn product(left: &[Vec<u8>], right: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if left.len() * right.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            let mut s = l.clone();
            s.extend_from_slice(r);
            out.push(s);
        }
    }
    Some(dedup(out))
}

fn union<'a>(sets: impl Iterator<Item = Option<&'a Vec<Vec<u8>>>>) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for set in sets {
        out.extend(set?.iter().cloned());
        if out.len() > MAX_SET {
            return None;
        }
    }
    Some(dedup(out))
}

fn dedup(mut set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.sort();
    set.dedup();
    set
}

fn lower(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

fn floor_char_boundary(bytes: &[u8], mut i: usize) -> usize {
    while i > 0 && i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// Each skill of `dict` that has reject patterns, with its compiled rule (for the tests, which
/// check every built-in rule).
#[cfg(test)]
fn rules_of(dict: &crate::Dictionary) -> Vec<(&crate::dictionary::Skill, Reject)> {
    dict.skills()
        .iter()
        .filter(|s| !s.reject.is_empty())
        .map(|skill| {
            let aliases: Vec<&str> = skill.aliases.iter().map(|a| a.text.as_str()).collect();
            let rule = Reject::new(&skill.reject, &aliases)
                .unwrap_or_else(|e| panic!("{}: {e}", skill.id))
                .unwrap_or_else(|| panic!("{}: no rule", skill.id));
            (skill, rule)
        })
        .collect()
}

#[cfg(test)]
mod check_tests {
    use super::check_regex;

    #[test]
    fn builtin_rules_compile() {
        // `Reject::overlaps` counts on it (see the field `builtin`).
        let dict = crate::Dictionary::builtin().unwrap();
        let mut rules = 0;
        for (skill, rule) in super::rules_of(&dict) {
            assert!(rule.builtin, "{}: not in the generated table", skill.id);
            assert!(rule.regex().is_some(), "{}: does not compile", skill.id);
            assert!(
                rule.ascii_twin().is_some(),
                "{}: its twin does not compile",
                skill.id
            );
            rules += 1;
        }
        assert!(rules > 100, "{rules} rules");
    }

    /// What `dict check` accepts, loading accepts and the matcher runs: one check.
    #[test]
    fn one_check_for_every_reader() {
        assert_eq!(check_regex(r"(?i)\bgo-to\b"), Ok(()));
        assert_eq!(check_regex(r"\p{L}+ies"), Ok(()));
        assert!(super::Reject::new(&[r"\p{L}+ies".to_string()], &["x"]).is_ok());
        for empty in ["", "(?i)(x)?", "a*", r"\b"] {
            let err = check_regex(empty).unwrap_err();
            assert!(err.contains("empty text"), "{empty}: {err}");
        }
        let err = check_regex(r"\p{L}{2000}").unwrap_err();
        assert!(err.contains("too large"), "{err}");
        assert!(check_regex("(unclosed").is_err());
    }
}

#[cfg(test)]
mod tests {
    fn anchors(regexes: &[&str], aliases: &[&str]) -> Option<Vec<String>> {
        super::anchors(&super::join(regexes), aliases)
            .unwrap()
            .map(|set| {
                set.iter()
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .collect()
            })
    }

    #[test]
    fn anchors_avoid_the_skills_own_names() {
        assert_eq!(
            anchors(&[r"(?i)\b(east|west) java\b"], &["Java"]),
            Some(vec!["east java".into(), "west java".into()])
        );
        assert_eq!(
            anchors(&[r"(?i)\bgo to (market|person)\b"], &["Go"]),
            Some(vec!["go to market".into(), "go to person".into()])
        );
        assert_eq!(
            anchors(&[r"[°º]\s?C\b", r"\bC:\\"], &["C"]),
            Some(vec![
                "c:\\".into(),
                "°".into(),
                "º".into(),
                "\u{017F}".into(),
                "\u{212A}".into()
            ])
        );
    }

    #[test]
    fn ascii_twin_finds_what_the_regex_finds_around_non_word_characters() {
        let regexes = [
            r"(?i)\blet['’]?s go\b".to_string(),
            r"(?i)\bgo (green|global)\b".to_string(),
        ];
        let rule = super::Reject::new(&regexes, &["Go"]).unwrap().unwrap();
        let twin = rule.ascii_twin().unwrap();
        let regex = rule.regex().unwrap();
        for window in [
            "– let’s go •",
            "x let's go",
            "go global—",
            "letʼs go",
            "go greenish",
        ] {
            let bytes = window.as_bytes();
            assert!(super::word_boundaries_read_as_ascii(bytes) || window == "letʼs go");
            let found = |re: &regex_automata::meta::Regex| {
                re.find_iter(bytes).map(|m| m.range()).collect::<Vec<_>>()
            };
            assert_eq!(found(twin), found(regex), "{window}");
        }
        // A letter outside ASCII is a word character to the Unicode regex only.
        assert!(!super::word_boundaries_read_as_ascii(
            "égo green".as_bytes()
        ));
    }

    #[test]
    fn no_anchors_that_text_is_full_of() {
        // "19" and "20" are in every date; "spring" comes with every hit.
        assert_eq!(
            anchors(&[r"(?i)\bspring\s*[-,/(]?\s*(19|20)\d\d\b"], &["Spring"]),
            None
        );
    }

    #[test]
    fn no_anchors_when_a_regex_needs_no_literal() {
        assert_eq!(
            anchors(&[r"(?i)\bmonty python\b", r"\w+"], &["Python"]),
            None
        );
    }

    #[test]
    fn characters_that_fold_to_ascii_are_anchors_of_their_own() {
        // Under Unicode case folding "k" also matches the Kelvin sign, and "s" the long s.
        assert_eq!(
            anchors(&["(?i)kafka’s trial"], &["Kafka"]),
            Some(vec![
                "kafka’s trial".into(),
                "\u{017F}".into(),
                "\u{212A}".into()
            ])
        );
    }
}

#[cfg(test)]
mod window_tests {
    /// Wherever a built-in rule's regex matches text overlapping a name, one of its anchors lies
    /// in the narrower window the anchors are looked for in: on the labelled passages (full of
    /// the phrases the rules are written for) and the samples, around every name of every skill.
    #[test]
    fn anchors_of_every_match_lie_in_the_anchor_window() {
        let mut texts = crate::test_texts::passages();
        texts.extend(crate::test_texts::samples());
        let dict = crate::Dictionary::builtin().unwrap();
        let (mut matched, mut narrowed) = (0, 0);
        for (skill, rule) in super::rules_of(&dict) {
            if rule.anchors().is_none() {
                continue;
            }
            for text in &texts {
                let view = text.to_ascii_lowercase().into_bytes();
                for alias in skill.aliases.iter().map(|a| &a.text) {
                    let needle = alias.to_ascii_lowercase().into_bytes();
                    let mut from = 0;
                    while let Some(at) = find(&view[from..], &needle) {
                        let (start, end) = (from + at, from + at + needle.len());
                        from = start + 1;
                        let (lo, hi) = rule.window(&view, start, end);
                        if !rule.overlaps(&view, lo..hi, start, end) {
                            continue;
                        }
                        matched += 1;
                        let (alo, ahi) = rule.anchor_window(&view, start, end);
                        narrowed += usize::from(ahi - alo < hi - lo);
                        let mut found = false;
                        rule.find_anchors(&view, alo, ahi, |_, _| found = true);
                        assert!(found, "{}: {alias:?} in {text:?}", skill.id);
                    }
                }
            }
        }
        assert!(matched >= 100 && narrowed >= 50, "{matched} {narrowed}");
    }

    /// Every occurrence of every anchor, as an overlapping search ignoring ASCII case finds
    /// them, in any part of a text: for every built-in rule with anchors, over the labelled
    /// passages and the samples, cut at a few points.
    #[test]
    fn finds_every_anchor_an_overlapping_search_finds() {
        let mut texts = crate::test_texts::passages();
        texts.extend(crate::test_texts::samples());
        let dict = crate::Dictionary::builtin().unwrap();
        let mut found = 0;
        for (skill, rule) in super::rules_of(&dict) {
            let Some(anchors) = rule.anchors() else {
                continue;
            };
            let reference = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(anchors)
                .unwrap();
            for text in &texts {
                let view = text.as_bytes();
                for (lo, hi) in [(0, view.len()), (view.len() / 3, view.len() * 2 / 3)] {
                    let mut expected: Vec<(usize, usize)> = reference
                        .find_overlapping_iter(&view[lo..hi])
                        .map(|m| (lo + m.end(), lo + m.start()))
                        .collect();
                    expected.sort_unstable();
                    let mut got = Vec::new();
                    rule.find_anchors(view, lo, hi, |start, end| got.push((end, start)));
                    assert!(got.is_sorted_by_key(|&(end, _)| end), "{}", skill.id);
                    got.sort_unstable();
                    assert_eq!(
                        got,
                        expected,
                        "{}: {:?}",
                        skill.id,
                        String::from_utf8_lossy(&view[lo..hi])
                    );
                    found += got.len();
                }
            }
        }
        assert!(found >= 100, "{found} anchors found");
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }
}
