//! Skill dictionaries and role profiles: the data the analyzer runs on.
//!
//! Dictionaries are TOML files (see `dictionaries/README.md`). The built-in ones are compiled into
//! the binary and parsed by the same loader that reads user files, so both get the same checks.

mod builtin;
mod load;
mod profile;

pub use builtin::builtin_profile_names;
#[doc(hidden)]
pub use builtin::BUILTIN_DICTIONARIES;
pub(crate) use load::posting_key;
#[doc(hidden)]
pub use load::{check_dictionary_text, is_esco_skill_uri};
pub use profile::{CategoryTarget, Profile, SectionFactors, StuffingRule};

use crate::error::Error;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How an alias is matched and when a hit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// Case-insensitive; always counts.
    Plain,
    /// Exact case (or all capitals); always counts.
    Exact,
    /// Exact case (or all capitals); counts only in a technical context.
    Ambiguous,
}

/// One written form of a skill.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Alias {
    /// The text as written in the dictionary.
    pub text: String,
    /// How it is matched.
    pub kind: AliasKind,
    /// 1-based line in its dictionary file, for messages.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// A skill: one thing a resume can claim.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Skill {
    /// Stable lowercase id, e.g. `postgresql`.
    pub id: String,
    /// Display name, e.g. `PostgreSQL`.
    pub name: String,
    /// Category id.
    pub category: String,
    /// Relative weight in scoring (1.0 for a concrete technology).
    pub weight: f64,
    /// Every written form that is matched.
    pub aliases: Vec<Alias>,
    /// Regexes: a hit overlapped by a match of one of these is dropped.
    pub reject: Vec<String>,
    /// Extra words that count as technical context for this skill only.
    pub context_words: Vec<String>,
    /// Skills a hit of this one is also a hit of: a cloud provider's named service ("EC2") is a
    /// mention of the provider (AWS).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counts_as: Vec<String>,
    /// The skill's concept URI in ESCO, the European skills classification, when it has an exact
    /// one (`http://data.europa.eu/esco/skill/…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esco: Option<String>,
    /// The dictionary this skill came from.
    pub source: String,
}

/// A skill category (languages, databases, …).
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Category {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Resume section kinds the analyzer tells apart.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Text before any recognised heading (name, contact, opening lines).
    Header,
    /// Summary, profile, objective.
    Summary,
    /// Skills lists.
    Skills,
    /// Work experience.
    Experience,
    /// Projects.
    Projects,
    /// Education, coursework.
    Education,
    /// Certifications, courses, training.
    Certifications,
    /// Anything else (interests, awards, languages spoken, …).
    Other,
}

impl SectionKind {
    /// Parses the id used in dictionary files.
    pub fn from_id(id: &str) -> Option<SectionKind> {
        Some(match id {
            "header" => SectionKind::Header,
            "summary" => SectionKind::Summary,
            "skills" => SectionKind::Skills,
            "experience" => SectionKind::Experience,
            "projects" => SectionKind::Projects,
            "education" => SectionKind::Education,
            "certifications" => SectionKind::Certifications,
            "other" => SectionKind::Other,
            _ => return None,
        })
    }
}

/// Credit of an implication that states none: an implied skill is worth half of what it would be
/// worth if the resume named it (see [`RelationKind::Implies`]).
#[doc(hidden)] // documented in dictionaries/relations.toml
pub const IMPLIED_CREDIT: f64 = 0.5;

/// What a relation between two skills says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// `from` partly stands in for `to` when a job asks for `to` ("MariaDB counts for MySQL",
    /// "GCP for AWS"): one step, job matching only.
    Related,
    /// Nobody can do `from` without `to` (Django is Python, Helm is Kubernetes): a resume with
    /// `from` also has `to`, as an *implied* skill — listed apart from the found ones, scored at
    /// the relation's credit and met at that credit in job matching. Implications chain (Spring
    /// Boot → Spring → Java); a chain is worth its weakest link.
    Implies,
}

impl RelationKind {
    /// Parses the id used in dictionary files.
    pub fn from_id(id: &str) -> Option<RelationKind> {
        match id {
            "related" => Some(RelationKind::Related),
            "implies" => Some(RelationKind::Implies),
            _ => None,
        }
    }
}

/// A relation between two skills: partial credit for a related skill, or an implication.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Relation {
    /// The skill a resume has.
    pub from: String,
    /// The skill it stands in for, or implies.
    pub to: String,
    /// How much of `to` it is worth, in (0, 1].
    pub credit: f64,
    /// Related or implies.
    pub kind: RelationKind,
}

/// An ecosystem recruiters hire for (Java / JVM, Go, Python, …) and the skills that belong to it.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Stack {
    /// Stable id, e.g. `java`.
    pub id: String,
    /// Display name, e.g. `Java / JVM`.
    pub name: String,
    /// Skills that make a document belong to the stack at all: its languages or runtime. One must
    /// be found or implied for the stack to count.
    pub core: Vec<String>,
    /// The rest of its own skills: frameworks, libraries, test and build tools.
    pub skills: Vec<String>,
}

impl Stack {
    /// Every member skill: the core ones, then the others.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.core.iter().chain(&self.skills).map(String::as_str)
    }
}

/// What a heading or a phrase of a job posting says about the skills under it (see
/// `dictionaries/postings.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[doc(hidden)] // the posting reader's data
pub enum PostingMark {
    /// Must-haves ("Requirements", "must have").
    Required,
    /// Nice-to-haves ("Nice to have", "a plus").
    Optional,
    /// The job described ("The role", "Responsibilities").
    Neutral,
    /// Not about the candidate ("Benefits"): skill names here are not asked for.
    Ignore,
}

impl PostingMark {
    /// Parses the id used in dictionary files.
    pub fn from_id(id: &str) -> Option<PostingMark> {
        Some(match id {
            "required" => PostingMark::Required,
            "optional" => PostingMark::Optional,
            "neutral" => PostingMark::Neutral,
            "ignore" => PostingMark::Ignore,
            _ => return None,
        })
    }

    /// The id used in dictionary files.
    pub fn id(self) -> &'static str {
        match self {
            PostingMark::Required => "required",
            PostingMark::Optional => "optional",
            PostingMark::Neutral => "neutral",
            PostingMark::Ignore => "ignore",
        }
    }
}

/// Name, version and content fingerprint of one dictionary file, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct DictionaryInfo {
    /// The dictionary's `name`.
    pub name: String,
    /// The dictionary's `version`.
    pub version: String,
    /// FNV-1a 64-bit hash of the file's bytes, as 16 hex digits: the same data gives the same value.
    pub fingerprint: String,
}

/// The merged set of dictionaries an analyzer uses.
///
/// Built only by the validating loaders ([`Dictionary::builtin`], [`Dictionary::from_toml_str`],
/// [`Dictionary::from_path`]) and [`Dictionary::merge`], so its indexes always agree with its
/// data; read it through its accessors.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dictionary {
    /// The files merged into this dictionary, in load order.
    pub(crate) sources: Vec<DictionaryInfo>,
    /// Categories in display order.
    pub(crate) categories: Vec<Category>,
    /// Skills in load order.
    pub(crate) skills: Vec<Skill>,
    /// Section headings: (lower-case heading, section).
    pub(crate) section_headings: Vec<(String, SectionKind)>,
    /// Words that show a technical context.
    pub(crate) tech_words: Vec<String>,
    /// Characters either side of an ambiguous hit that are searched for context.
    pub(crate) context_window: usize,
    /// Partial-credit relations between skills.
    pub(crate) relations: Vec<Relation>,
    /// Job-posting headings: (heading as compared, what it marks).
    pub(crate) posting_headings: Vec<(String, PostingMark)>,
    /// Job-posting cue phrases: (phrase as compared, `Required` or `Optional`).
    pub(crate) posting_cues: Vec<(String, PostingMark)>,
    /// Ecosystems, in file order (which breaks ties between them).
    pub(crate) stacks: Vec<Stack>,
    /// ESCO URIs given by skill id in `[esco]` tables, applied to the skills when merged.
    #[serde(skip)]
    pub(crate) esco: Vec<(String, String)>,
}

impl Dictionary {
    /// The files merged into this dictionary, in load order.
    pub fn sources(&self) -> &[DictionaryInfo] {
        &self.sources
    }

    /// Categories in display order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Skills in load order.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Partial-credit relations between skills (`implies` and `related`).
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Ecosystems, in file order.
    pub fn stacks(&self) -> &[Stack] {
        &self.stacks
    }

    /// The dictionaries compiled into the library.
    ///
    /// # Errors
    /// Only if the embedded data is invalid, which the test suite rules out.
    pub fn builtin() -> Result<Dictionary, Error> {
        let mut dict = Dictionary::default();
        for (name, text) in BUILTIN_DICTIONARIES {
            dict.merge_unchecked(Dictionary::from_toml_str(&format!("builtin:{name}"), text)?);
        }
        // Checked once, merged: the built-in files are checked together anyway, and checking
        // after each of them was a fifth of the program's start-up.
        dict.validate_merged()?;
        Ok(dict)
    }

    /// Parses one dictionary file's text. `source_name` is used in error messages and reports.
    ///
    /// # Errors
    /// [`Error::Dictionary`] listing every problem with its line number.
    pub fn from_toml_str(source_name: &str, text: &str) -> Result<Dictionary, Error> {
        load::parse(source_name, text)
    }

    /// Reads and parses a dictionary file (at most [`MAX_DATA_FILE_SIZE`] bytes).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Dictionary`] when it is invalid.
    pub fn from_path(path: &std::path::Path) -> Result<Dictionary, Error> {
        let text = read_data_file(path)?;
        Dictionary::from_toml_str(&path.display().to_string(), &text)
    }

    /// Adds `other` on top of `self`. A skill or category with an id already present replaces the
    /// earlier one, and so does a stack; headings, context words, relations and posting headings
    /// and cues are added (a later posting heading or cue replaces an earlier one with the same
    /// text).
    ///
    /// # Errors
    /// [`Error::Dictionary`] when an alias ends up claimed by two different skills (the message
    /// names both sources), or a skill names a category that does not exist.
    pub fn merge(&mut self, other: Dictionary) -> Result<(), Error> {
        self.merge_unchecked(other);
        self.validate_merged()
    }

    /// [`Self::merge`] without the checks of the result.
    fn merge_unchecked(&mut self, other: Dictionary) {
        // Every step is linear: a taxonomy of a hundred thousand skills or tech words loads in
        // well under a second.
        self.sources.extend(other.sources);
        replace_or_push(&mut self.categories, other.categories, |c| c.id.clone());
        replace_or_push(&mut self.skills, other.skills, |s| s.id.clone());
        later_wins(&mut self.section_headings, other.section_headings);
        let mut known: HashSet<String> = self.tech_words.iter().cloned().collect();
        for w in other.tech_words {
            if known.insert(w.clone()) {
                self.tech_words.push(w);
            }
        }
        if other.context_window > 0 {
            self.context_window = other.context_window;
        }
        self.relations.extend(other.relations);
        later_wins(&mut self.posting_headings, other.posting_headings);
        later_wins(&mut self.posting_cues, other.posting_cues);
        // After the skills, so that a file may give URIs for its own skills as well.
        if !other.esco.is_empty() {
            let index: HashMap<&str, usize> = self
                .skills
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect();
            let updates: Vec<(usize, String)> = other
                .esco
                .iter()
                .filter_map(|(id, uri)| index.get(id.as_str()).map(|&i| (i, uri.clone())))
                .collect();
            for (i, uri) in updates {
                self.skills[i].esco = Some(uri);
            }
        }
        self.esco.extend(other.esco);
        replace_or_push(&mut self.stacks, other.stacks, |s| s.id.clone());
    }

    /// Looks a skill up by id.
    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skills.iter().find(|s| s.id == id)
    }

    /// Looks a stack up by id.
    pub fn stack(&self, id: &str) -> Option<&Stack> {
        self.stacks.iter().find(|s| s.id == id)
    }

    /// Looks a category up by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Finds a skill by id, display name or any alias, ignoring case.
    pub fn resolve(&self, name: &str) -> Option<&Skill> {
        let needle = name.trim().to_lowercase();
        self.skills.iter().find(|s| {
            s.id == needle
                || s.name.to_lowercase() == needle
                || s.aliases.iter().any(|a| a.text.to_lowercase() == needle)
        })
    }

    /// The skill ids closest in spelling to `name`, best first (for "did you mean" messages): at
    /// most `max`, each within a few edits of `name` (about one in three characters) or starting
    /// with it ("kube" → `kubernetes`). Empty when nothing is close.
    pub fn suggest(&self, name: &str, max: usize) -> Vec<String> {
        let needle = name.trim().to_lowercase();
        let len = needle.chars().count();
        let limit = (len / 3).max(2);
        let mut scored: Vec<(usize, &str)> = self
            .skills
            .iter()
            .map(|s| {
                let best = std::iter::once(s.id.clone())
                    .chain(std::iter::once(s.name.to_lowercase()))
                    .chain(s.aliases.iter().map(|a| a.text.to_lowercase()))
                    .map(|cand| {
                        if len >= 3 && cand.starts_with(&needle) {
                            1
                        } else {
                            edit_distance(&needle, &cand)
                        }
                    })
                    .min()
                    .unwrap_or(usize::MAX);
                (best, s.id.as_str())
            })
            .filter(|&(d, _)| d <= limit)
            .collect();
        scored.sort();
        let best = scored.first().map_or(0, |&(d, _)| d);
        scored
            .into_iter()
            .take_while(|&(d, _)| d <= best + 1)
            .take(max)
            .map(|(_, id)| id.to_string())
            .collect()
    }

    fn validate_merged(&self) -> Result<(), Error> {
        let mut problems = Vec::new();
        let mut seen: std::collections::HashMap<String, &Skill> = Default::default();
        let categories: HashSet<&str> = self.categories.iter().map(|c| c.id.as_str()).collect();
        for skill in &self.skills {
            if !categories.contains(skill.category.as_str()) {
                problems.push(crate::error::DictionaryProblem {
                    line: None,
                    message: format!(
                        "skill `{}` ({}) names unknown category `{}`",
                        skill.id, skill.source, skill.category
                    ),
                });
            }
            for alias in &skill.aliases {
                let key = alias.text.to_lowercase();
                match seen.get(&key) {
                    Some(other) if other.id != skill.id => {
                        problems.push(crate::error::DictionaryProblem {
                            line: alias.line,
                            message: format!(
                                "alias `{}` is claimed by skill `{}` ({}) and by skill `{}` ({})",
                                alias.text, other.id, other.source, skill.id, skill.source
                            ),
                        })
                    }
                    _ => {
                        seen.insert(key, skill);
                    }
                }
            }
        }
        // A relation or `counts_as` naming a skill that does not exist would silently never apply.
        if !self.skills.is_empty() {
            let by_id: HashMap<&str, &Skill> =
                self.skills.iter().map(|s| (s.id.as_str(), s)).collect();
            for skill in &self.skills {
                for id in &skill.counts_as {
                    let problem = match by_id.get(id.as_str()) {
                        None => Some("names unknown skill"),
                        Some(_) if *id == skill.id => Some("names the skill itself"),
                        Some(target) if !target.counts_as.is_empty() => {
                            Some("names a skill that has a counts_as of its own")
                        }
                        Some(_) => None,
                    };
                    if let Some(problem) = problem {
                        problems.push(crate::error::DictionaryProblem {
                            line: None,
                            message: format!(
                                "skill `{}` ({}): counts_as {problem} `{id}`",
                                skill.id, skill.source
                            ),
                        });
                    }
                }
            }
            for rel in &self.relations {
                for id in [&rel.from, &rel.to] {
                    if !by_id.contains_key(id.as_str()) {
                        problems.push(crate::error::DictionaryProblem {
                            line: None,
                            message: format!(
                                "relation `{}` -> `{}` names unknown skill `{id}`",
                                rel.from, rel.to
                            ),
                        });
                    }
                }
            }
        }
        if !self.skills.is_empty() {
            for (id, _) in &self.esco {
                if self.skill(id).is_none() {
                    problems.push(crate::error::DictionaryProblem {
                        line: None,
                        message: format!("[esco] names unknown skill `{id}`"),
                    });
                }
            }
            for stack in &self.stacks {
                for id in stack.members() {
                    if self.skill(id).is_none() {
                        problems.push(crate::error::DictionaryProblem {
                            line: None,
                            message: format!("stack `{}` names unknown skill `{id}`", stack.id),
                        });
                    }
                }
            }
        }
        if let Some(cycle) = self.implication_cycle() {
            problems.push(crate::error::DictionaryProblem {
                line: None,
                message: format!("implications form a cycle: {}", cycle.join(" -> ")),
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Dictionary {
                source_name: "merged dictionaries".into(),
                problems,
            })
        }
    }

    /// The first cycle among the `implies` relations, as the ids along it (the first id repeated
    /// at the end), or `None`. A cycle would make two different skills imply each other, which
    /// says they are one skill: that is an alias, not an implication.
    fn implication_cycle(&self) -> Option<Vec<String>> {
        fn edges<'a>(relations: &'a [Relation], from: &str) -> Vec<&'a str> {
            relations
                .iter()
                .filter(|r| r.kind == RelationKind::Implies && r.from == from)
                .map(|r| r.to.as_str())
                .collect()
        }
        // Depth-first search with the path on a stack; 0 = unseen, 1 = on the path, 2 = done.
        let mut state: std::collections::HashMap<&str, u8> = Default::default();
        for rel in &self.relations {
            if rel.kind != RelationKind::Implies || state.contains_key(rel.from.as_str()) {
                continue;
            }
            let mut path: Vec<&str> = vec![rel.from.as_str()];
            let mut pending: Vec<Vec<&str>> = vec![edges(&self.relations, &rel.from)];
            state.insert(rel.from.as_str(), 1);
            while let Some(next) = pending.last_mut() {
                match next.pop() {
                    Some(to) => match state.get(to) {
                        Some(1) => {
                            let start = path.iter().position(|p| *p == to).unwrap_or(0);
                            let mut cycle: Vec<String> =
                                path[start..].iter().map(|s| s.to_string()).collect();
                            cycle.push(to.to_string());
                            return Some(cycle);
                        }
                        Some(_) => {}
                        None => {
                            state.insert(to, 1);
                            path.push(to);
                            pending.push(edges(&self.relations, to));
                        }
                    },
                    None => {
                        pending.pop();
                        if let Some(done) = path.pop() {
                            state.insert(done, 2);
                        }
                    }
                }
            }
        }
        None
    }

    /// Every skill each skill implies, directly or along a chain, with the credit of its best
    /// chain (a chain is worth its weakest link): `from` id → [(implied id, credit)], sorted by id.
    pub fn implications(&self) -> std::collections::BTreeMap<String, Vec<(String, f64)>> {
        let mut direct: std::collections::BTreeMap<&str, Vec<(&str, f64)>> = Default::default();
        for rel in &self.relations {
            if rel.kind == RelationKind::Implies {
                direct
                    .entry(rel.from.as_str())
                    .or_default()
                    .push((rel.to.as_str(), rel.credit));
            }
        }
        let mut out = std::collections::BTreeMap::new();
        for &from in direct.keys() {
            // Widest path: keep, for every skill reached, the best weakest-link credit; the graph
            // has no cycles, so relaxing until nothing improves ends.
            let mut best: std::collections::BTreeMap<&str, f64> = Default::default();
            let mut queue: Vec<(&str, f64)> = vec![(from, 1.0)];
            while let Some((at, credit)) = queue.pop() {
                for &(to, link) in direct.get(at).map(Vec::as_slice).unwrap_or(&[]) {
                    let c = credit.min(link);
                    if to != from && best.get(to).is_none_or(|&b| c > b) {
                        best.insert(to, c);
                        queue.push((to, c));
                    }
                }
            }
            out.insert(
                from.to_string(),
                best.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            );
        }
        out
    }
}

/// Puts each of `new` in place of the item of `items` with the same key, or at the end.
fn replace_or_push<T, K: std::hash::Hash + Eq>(
    items: &mut Vec<T>,
    new: Vec<T>,
    key: impl Fn(&T) -> K,
) {
    let mut index: HashMap<K, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    for item in new {
        match index.get(&key(&item)) {
            Some(&i) => items[i] = item,
            None => {
                index.insert(key(&item), items.len());
                items.push(item);
            }
        }
    }
}

/// Appends `new` to `items`, dropping every earlier entry with the same text, so that each text
/// appears once, where it was last given.
fn later_wins<T>(items: &mut Vec<(String, T)>, new: Vec<(String, T)>) {
    let mut last: HashMap<String, usize> = HashMap::new();
    for (i, (text, _)) in new.iter().enumerate() {
        last.insert(text.clone(), i);
    }
    items.retain(|(text, _)| !last.contains_key(text));
    items.extend(
        new.into_iter()
            .enumerate()
            .filter(|(i, (text, _))| last.get(text) == Some(i))
            .map(|(_, item)| item),
    );
}

/// FNV-1a, 64 bit: a content hash that is stable across Rust releases, platforms and runs (used
/// for dictionary fingerprints and for `--shard`).
#[doc(hidden)]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |hash, &b| fnv_step(hash, b))
}

/// FNV-1a's starting value, for hashes computed a byte at a time with [`fnv_step`].
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a.
pub(crate) fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Largest dictionary or profile file read, in bytes (64 MiB: a taxonomy of a million skills).
#[doc(hidden)]
pub const MAX_DATA_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads a dictionary or profile file as UTF-8 text, through a bounded reader: a device or FIFO
/// given as a dictionary (`/dev/zero`) is refused as too large instead of filling memory.
///
/// # Errors
/// [`Error::Io`] (also for text that is not UTF-8), [`Error::TooLarge`].
#[doc(hidden)]
pub fn read_data_file(path: &std::path::Path) -> Result<String, Error> {
    let bytes = crate::extract::read_file(path, MAX_DATA_FILE_SIZE)?;
    String::from_utf8(bytes).map_err(|_| Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn suggestions_are_close_or_nothing() {
        let dict = Dictionary::builtin().unwrap();
        assert_eq!(dict.suggest("kafak", 3), ["kafka"]);
        assert_eq!(dict.suggest("kube", 3)[0], "kubernetes");
        assert_eq!(dict.suggest("postgress", 3)[0], "postgresql");
        assert!(dict.suggest("underwater basket weaving", 3).is_empty());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kafka", "kafka"), 0);
        assert_eq!(edit_distance("kafak", "kafka"), 2);
        assert_eq!(edit_distance("postgre", "postgres"), 1);
    }
}
