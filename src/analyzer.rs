//! The analyzer: dictionaries + profile, compiled once, applied to any number of documents.

use crate::dictionary::{Dictionary, Profile, SectionKind};
use crate::error::Error;
use crate::extract::{self, Extracted, DEFAULT_MAX_FILE_SIZE};
use crate::kinds::{StatusReason, Warning, WarningKind};
use crate::matcher::{Hit, Matcher};
use crate::report::{
    DocumentReport, Evidence, Header, ImpliedSkill, Name, PrimaryStack, ProfileInfo, Report,
    SkillReport, Status, Summary, TextStats, ToolInfo, SCHEMA_VERSION,
};
use crate::score::{score, ScoredSkill};
use crate::sections::SectionDetector;
use std::collections::HashSet;
use std::path::Path;

pub(crate) mod evidence;

/// Most text analysed per document, in bytes (about a thousand pages). Analysis needs a few dozen
/// times the text's size in memory at its peak, so this bounds one document to well under 100 MB.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// `text` cut to at most `max` bytes, at the last line break before the limit when there is one
/// (else at a character boundary), and whether it was cut.
fn cap_text(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = memchr::memrchr(b'\n', &text.as_bytes()[..end]).map_or(end, |i| i + 1);
    (&text[..end], true)
}
/// Most mentions of one skill that add to its stack's strength.
const STACK_MENTION_CAP: usize = 5;
/// Least strength that makes a stack the primary one (see [`PrimaryStack`]).
pub const MIN_STACK_STRENGTH: f64 = 6.0;

/// Analyzes resumes against a profile. Build it once; it is `Send + Sync` and can be shared by
/// reference across threads.
///
/// ```
/// let analyzer = resumescan::Analyzer::new()?;
/// let doc = analyzer.analyze_text("Skills: Golang, PostgreSQL, Kafka, Docker, Kubernetes");
/// let ids: Vec<&str> = doc.skills.iter().map(|s| s.id.as_str()).collect();
/// assert!(ids.contains(&"go") && ids.contains(&"postgresql"));
/// assert!(doc.score > 0.0);
/// # Ok::<(), resumescan::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    dict: Dictionary,
    profile: Profile,
    matcher: Matcher,
    sections: SectionDetector,
    alias_words: HashSet<String>,
    max_file_size: u64,
    today: (i32, u32),
    /// Skill index → the skills it implies (index, credit of the best chain); empty when
    /// implication is off.
    implications: Vec<Vec<(usize, f64)>>,
    /// Skill id → the stacks it belongs to (index, whether it is one of the stack's core
    /// skills), so that a document's skills are sorted into stacks with a look-up each.
    stacks_of: rustc_hash::FxHashMap<String, Vec<(usize, bool)>>,
    /// Skill index → the place of its id among all the skills' ids in sorted order: the report
    /// orders skills by id last, and comparing these is comparing the ids.
    id_rank: Vec<u32>,
    /// Skill index → its id, name, category and ESCO URI as the reports give them: each
    /// report shares these instead of copying them.
    names: Vec<SkillNames>,
}

/// A skill's names as the reports give them (see [`Analyzer::names`]).
#[derive(Debug, Clone)]
struct SkillNames {
    id: Name,
    name: Name,
    category: Name,
    esco: Option<Name>,
}

/// Configures an [`Analyzer`].
#[derive(Debug, Clone, Default)]
pub struct AnalyzerBuilder {
    extra: Vec<Dictionary>,
    no_builtin: bool,
    profile: Option<Profile>,
    max_file_size: Option<u64>,
    today: Option<(i32, u32)>,
    no_implied: bool,
}

impl AnalyzerBuilder {
    /// Adds a dictionary on top of the built-in ones (or of the previous ones). A skill with an id
    /// already present replaces it.
    pub fn dictionary(mut self, dict: Dictionary) -> Self {
        self.extra.push(dict);
        self
    }

    /// Leaves out the built-in dictionaries; only those added with [`Self::dictionary`] are used.
    pub fn no_builtin_dictionaries(mut self, yes: bool) -> Self {
        self.no_builtin = yes;
        self
    }

    /// The profile to score against (default: the built-in `backend`).
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = Some(profile);
        self
    }

    /// Files larger than this many bytes are refused without being read (default 20 MB).
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = Some(bytes);
        self
    }

    /// The month "Present" in a date range stands for, as (year, month 1–12). Default: the
    /// current month by the system clock. Set it for reproducible `years` figures.
    pub fn today(mut self, year: i32, month: u32) -> Self {
        self.today = Some((year, month.clamp(1, 12)));
        self
    }

    /// Whether found skills imply others (Django → Python; default `true`). Off, documents list
    /// no `implied` skills, scores count found skills only, and a job's skill is met only by
    /// itself or a related skill (an implication then acts as a one-step relation).
    pub fn implied(mut self, yes: bool) -> Self {
        self.no_implied = !yes;
        self
    }

    /// Merges the dictionaries, checks the profile against them and compiles the matcher.
    ///
    /// # Errors
    /// [`Error::Dictionary`] when the merged dictionaries or the profile are inconsistent.
    pub fn build(self) -> Result<Analyzer, Error> {
        let mut dict = if self.no_builtin {
            Dictionary::default()
        } else {
            Dictionary::builtin()?
        };
        for extra in self.extra {
            dict.merge(extra)?;
        }
        let profile = match self.profile {
            Some(p) => p,
            None => Profile::builtin("backend")?,
        };
        profile.validate_against(&dict)?;
        let matcher = Matcher::new(&dict)?;
        let sections = SectionDetector::new(&dict);
        let alias_words = dict
            .skills
            .iter()
            .flat_map(|s| s.aliases.iter())
            .filter(|a| a.text.chars().all(char::is_alphanumeric))
            .map(|a| a.text.to_lowercase())
            .collect();
        let mut implications = vec![Vec::new(); dict.skills.len()];
        if !self.no_implied {
            let index = |id: &str| dict.skills.iter().position(|s| s.id == id);
            for (from, implied) in dict.implications() {
                if let Some(i) = index(&from) {
                    implications[i] = implied
                        .iter()
                        .filter_map(|(to, credit)| Some((index(to)?, *credit)))
                        .collect();
                }
            }
        }
        let mut stacks_of: rustc_hash::FxHashMap<String, Vec<(usize, bool)>> = Default::default();
        for (i, stack) in dict.stacks.iter().enumerate() {
            for member in stack.members() {
                let core = stack.core.iter().any(|c| c == member);
                let list = stacks_of.entry(member.to_string()).or_default();
                if let Some(entry) = list.iter_mut().find(|(s, _)| *s == i) {
                    entry.1 |= core;
                } else {
                    list.push((i, core));
                }
            }
        }
        let mut by_id: Vec<usize> = (0..dict.skills.len()).collect();
        by_id.sort_unstable_by(|&a, &b| dict.skills[a].id.cmp(&dict.skills[b].id));
        let mut id_rank = vec![0u32; dict.skills.len()];
        for (rank, &i) in by_id.iter().enumerate() {
            id_rank[i] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        let names = dict
            .skills
            .iter()
            .map(|s| SkillNames {
                id: Name::from(&s.id),
                name: Name::from(&s.name),
                category: Name::from(&s.category),
                esco: s.esco.as_ref().map(Name::from),
            })
            .collect();
        Ok(Analyzer {
            implications,
            id_rank,
            names,
            stacks_of,
            dict,
            profile,
            matcher,
            sections,
            alias_words,
            max_file_size: self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            today: self.today.unwrap_or_else(current_month),
        })
    }
}

impl Analyzer {
    /// The built-in dictionaries and the `backend` profile.
    ///
    /// # Errors
    /// Only if the built-in data is invalid, which the test suite rules out.
    pub fn new() -> Result<Analyzer, Error> {
        AnalyzerBuilder::default().build()
    }

    /// Starts configuring an analyzer.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// The merged dictionary in use.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// The profile in use.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Whether found skills imply others (see [`AnalyzerBuilder::implied`]).
    pub fn implies(&self) -> bool {
        self.implications.iter().any(|i| !i.is_empty())
    }

    /// The skills `id` implies, directly or along a chain, with the credit of the best chain
    /// (empty when implication is off or `id` implies nothing).
    pub fn implied_by(&self, id: &str) -> Vec<(&str, f64)> {
        self.dict
            .skills
            .iter()
            .position(|s| s.id == id)
            .map(|i| {
                self.implications[i]
                    .iter()
                    .map(|&(to, credit)| (self.dict.skills[to].id.as_str(), credit))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The compiled matcher (job postings are read with the same one as resumes).
    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The largest file [`Self::analyze_path`] reads.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
    }

    /// The normalized text the matcher sees, and the section of each of its lines.
    pub fn normalized_with_sections(&self, text: &str) -> (String, Vec<SectionKind>) {
        let normalized = self.normalize(text);
        let sections = self.sections.classify(&normalized);
        (normalized, sections)
    }

    /// The text after normalization, as the matcher sees it.
    pub(crate) fn normalize(&self, text: &str) -> String {
        crate::normalize::normalize_with(text, |left, right| {
            let left = left.to_lowercase();
            self.alias_words.contains(&left)
                && !self
                    .alias_words
                    .contains(&format!("{left}{}", right.to_lowercase()))
        })
    }

    /// Analyzes text. Never fails: text with no words gives `status: "empty"`. The report's `path`
    /// is empty; set it if you need one. Only the first 2 MiB are read, with a
    /// `text_truncated` warning, which bounds the memory one document can take.
    pub fn analyze_text(&self, text: &str) -> DocumentReport {
        self.analyze(text, true)
    }

    /// The skills alone: what [`Self::analyze_text`] reports less the candidate facts
    /// (experience, seniority, education, and what blind screening and possible duplicates
    /// read). Benchmarks time it to compare the skills' path with versions that had no such
    /// facts; `analyze_text` is the one to use.
    #[doc(hidden)]
    pub fn analyze_skills(&self, text: &str) -> DocumentReport {
        self.analyze(text, false)
    }

    /// [`Self::analyze_text`], with the candidate facts if `facts`.
    fn analyze(&self, text: &str, facts: bool) -> DocumentReport {
        let (text, cut) = cap_text(text, MAX_TEXT_BYTES);
        let mut doc = self.read(text, facts);
        if cut {
            doc.warnings.push(Warning {
                kind: WarningKind::TextTruncated,
                message: format!(
                    "only the first {} MiB of text were read; a resume is far shorter",
                    MAX_TEXT_BYTES >> 20
                ),
            });
        }
        doc
    }

    /// The report of `text` (at most [`MAX_TEXT_BYTES`]), with the candidate facts if `facts`.
    fn read(&self, text: &str, facts: bool) -> DocumentReport {
        let normalized = self.normalize(text);
        let line_sections = self.sections.classify(&normalized);
        let line_starts = crate::normalize::lines::line_starts(&normalized);
        let matched = self.matcher.read(&normalized, &line_starts, &line_sections);
        let now = crate::years::present_month(self.today);
        // Years of use, experience and education read the same dated lines: each once.
        let ranges = crate::years::LineRanges::new(&normalized, &line_starts, now);
        let mut doc = self.build_report(
            &normalized,
            &line_starts,
            &line_sections,
            &matched.hits,
            &ranges,
        );
        if facts {
            let text = normalized.as_str();
            let experience =
                crate::experience::experience(text, &line_starts, &line_sections, &ranges);
            let education =
                crate::education::education(text, &line_starts, &line_sections, &ranges);
            doc.seniority = Some(crate::seniority::seniority(&experience, &education));
            doc.experience = Some(experience);
            doc.education = Some(education);
            doc.personal = Some(Box::new(crate::blind::find(
                text,
                &line_starts,
                &line_sections,
            )))
            .filter(|p| !p.is_empty());
            doc.fingerprint = (doc.status == Status::Ok).then(|| {
                crate::duplicates::Fingerprint::of_scanned(text, &matched.words, &matched.blanked)
            });
        }
        doc
    }

    /// Reads a file (PDF, Word, OpenDocument, HTML, text, Markdown) and analyzes it; the report's
    /// `path` is `path` as given.
    ///
    /// Panics inside the document parsers are caught and returned as [`Error::Panic`]; note that the
    /// process's panic hook still runs, so install a quiet one if stderr matters to you.
    ///
    /// # Errors
    /// Any [`Error`] of reading or extraction; see [`DocumentReport::failed`] to turn it into a
    /// report entry.
    pub fn analyze_path(&self, path: &Path) -> Result<DocumentReport, Error> {
        let extracted = extract::extract_path(path, self.max_file_size)?;
        Ok(self.analyze_extracted(&crate::report::display_path(path), extracted))
    }

    /// Analyzes a document given as bytes; `name` is reported as its path and used as a format
    /// hint.
    ///
    /// # Errors
    /// As [`Self::analyze_path`].
    pub fn analyze_bytes(&self, name: &str, bytes: &[u8]) -> Result<DocumentReport, Error> {
        if bytes.len() as u64 > self.max_file_size {
            return Err(Error::TooLarge {
                path: name.into(),
                size: bytes.len() as u64,
                limit: self.max_file_size,
            });
        }
        let extracted = extract::extract_bytes(Path::new(name), bytes)?;
        Ok(self.analyze_extracted(name, extracted))
    }

    /// Analyzes text that was already extracted.
    #[doc(hidden)] // the command line reads postings and `text` this way
    pub fn analyze_extracted(&self, path: &str, extracted: Extracted) -> DocumentReport {
        let mut doc = self.analyze_text(&extracted.text);
        doc.path = path.to_string();
        doc.format = Some(extracted.format.name().to_string());
        doc.extractor = extracted.extractor.map(str::to_string);
        doc.warnings.extend(extracted.warnings);
        if doc.status == Status::Empty && extracted.format == extract::Format::Pdf {
            doc.reason = Some(StatusReason::NoTextLayer);
        }
        doc
    }

    /// Wraps document reports into a full report with header and summary.
    pub fn report(&self, documents: Vec<DocumentReport>) -> Report {
        let summary = Summary::of(&documents);
        Report::assemble(self.header(), documents, summary)
    }

    /// What a report says before its documents: format version, tool, profile and dictionaries.
    pub fn header(&self) -> Header {
        let mut dictionaries = self.dict.sources.clone();
        dictionaries.push(self.profile.info.clone());
        Header {
            schema_version: SCHEMA_VERSION,
            tool: ToolInfo {
                name: "resumescan".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            profile: ProfileInfo {
                id: self.profile.id.clone(),
                name: self.profile.name.clone(),
                version: self.profile.info.version.clone(),
                fingerprint: self.profile.info.fingerprint.clone(),
            },
            dictionaries,
            job: None,
        }
    }

    /// The report of the skills found (`hits`), less the candidate facts.
    fn build_report(
        &self,
        text: &str,
        line_starts: &[usize],
        line_sections: &[SectionKind],
        hits: &[Hit],
        ranges: &crate::years::LineRanges,
    ) -> DocumentReport {
        let years = crate::years::skill_years(text, line_starts, line_sections, hits, ranges);
        let words = count_words(text);
        let stats = TextStats {
            chars: text.chars().count(),
            words,
            lines: if text.is_empty() {
                0
            } else {
                line_starts.len()
            },
        };

        // Group hits by skill, in dictionary order for determinism, each skill's in text order
        // (hits that tie on all three are the same).
        let by_skill = by_skill(hits);
        let factors = &self.profile.factors;
        let section_of = |h: &Hit| {
            line_sections
                .get(h.line)
                .copied()
                .unwrap_or(SectionKind::Other)
        };
        // What scoring and the report's order need of each found skill, in dictionary order;
        // the report's entries are made afterwards, in the report's order, so that they are
        // moved into place once.
        let mut found_skills: Vec<FoundSkill<'_, '_>> = by_skill
            .chunk_by(|a, b| a.skill == b.skill)
            .map(|skill_hits| {
                let skill = skill_hits[0].skill;
                let mut sections: Vec<SectionKind> =
                    skill_hits.iter().map(|h| section_of(h)).collect();
                sections.sort();
                sections.dedup();
                let (factor, evidenced) = crate::score::section_factor(factors, &sections);
                FoundSkill {
                    skill,
                    hits: skill_hits,
                    sections,
                    factor,
                    evidenced,
                    points: crate::score::skill_points(self.dict.skills[skill].weight, factor),
                }
            })
            .collect();
        let implied = self.implied_skills(&found_skills);
        let scored: Vec<ScoredSkill<'_>> = found_skills
            .iter()
            .map(|f| ScoredSkill {
                id: &self.names[f.skill].id,
                category: &self.names[f.skill].category,
                points: f.points,
                implied: false,
            })
            .chain(implied.iter().map(|s| ScoredSkill {
                id: &s.id,
                category: &s.category,
                points: s.points,
                implied: true,
            }))
            .collect();
        let score = score(&self.profile, &self.dict, &scored);
        // The report's order (`score::skill_order`), with each id stood for by its rank among
        // the dictionary's ids, so that sorting compares integers: ids are unique, so the order
        // is total and needs no stable sort.
        let mut order: Vec<_> = found_skills
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let rank = self.id_rank.get(f.skill).copied().unwrap_or(u32::MAX);
                (std::cmp::Reverse((f.evidenced, f.hits.len())), rank, i)
            })
            .collect();
        order.sort_unstable();
        let mut skills: Vec<SkillReport> = Vec::with_capacity(order.len());
        for &(_, _, i) in &order {
            let Some(f) = found_skills.get_mut(i) else {
                continue;
            };
            skills.push({
                // Evidence from experience and projects first, then the rest.
                let evidence = evidence::pick(
                    f.hits,
                    |h| h,
                    |h| {
                        matches!(
                            section_of(h),
                            SectionKind::Experience | SectionKind::Projects
                        )
                    },
                )
                .map(|h| Evidence {
                    line: h.line + 1,
                    section: section_of(h),
                    snippet: evidence::snippet(text, line_starts, h),
                })
                .collect();
                let names = &self.names[f.skill];
                let years = years.get(&f.skill);
                SkillReport {
                    id: names.id.clone(),
                    name: names.name.clone(),
                    category: names.category.clone(),
                    mentions: f.hits.len(),
                    sections: std::mem::take(&mut f.sections),
                    evidenced: f.evidenced,
                    years: years.and_then(|y| y.years),
                    last_used: years.and_then(|y| y.last_used),
                    points: f.points,
                    evidence,
                    esco: names.esco.clone(),
                }
            });
        }
        let primary_stack = self.primary_stack(&skills, &implied);
        let status = if words == 0 {
            Status::Empty
        } else {
            Status::Ok
        };
        let mut warnings = Vec::new();
        let evidenced = skills.iter().filter(|s| s.evidenced).count();
        if crate::score::is_stuffed(&self.profile.stuffing, skills.len(), evidenced) {
            warnings.push(Warning {
                kind: WarningKind::KeywordStuffing,
                message: format!(
                    "{} skills named but only {evidenced} shown in work experience or projects",
                    skills.len()
                ),
            });
        }
        DocumentReport {
            id: None,
            path: String::new(),
            status,
            error: None,
            reason: (status == Status::Empty).then_some(StatusReason::NoText),
            format: None,
            extractor: None,
            text: stats,
            score: crate::report::round1(score.overall * 100.0),
            categories: score.categories.into_iter().map(Into::into).collect(),
            skills,
            implied,
            primary_stack,
            seniority: None,
            experience: None,
            education: None,
            warnings,
            elapsed_ms: None,
            duplicate_of: None,
            possible_duplicate_of: None,
            job_match: None,
            personal: None,
            blinded_from: None,
            fingerprint: None,
        }
    }
}

impl Analyzer {
    /// The stack the found skills show most, by the rule of [`PrimaryStack`].
    fn primary_stack(
        &self,
        skills: &[SkillReport],
        implied: &[ImpliedSkill],
    ) -> Option<PrimaryStack> {
        let strength = |s: &SkillReport| s.points * s.mentions.min(STACK_MENTION_CAP) as f64;
        // Each stack's found skills, in the order given, and whether a core one is found or
        // implied.
        let mut members: Vec<Vec<&SkillReport>> = vec![Vec::new(); self.dict.stacks.len()];
        let mut has_core = vec![false; self.dict.stacks.len()];
        for s in skills {
            for &(i, core) in self
                .stacks_of
                .get(s.id.as_str())
                .map_or(&[][..], Vec::as_slice)
            {
                members[i].push(s);
                has_core[i] |= core;
            }
        }
        for s in implied {
            for &(i, core) in self
                .stacks_of
                .get(s.id.as_str())
                .map_or(&[][..], Vec::as_slice)
            {
                has_core[i] |= core;
            }
        }
        // (stack index, strength, its found skills strongest first)
        let mut ranked: Vec<(usize, f64, Vec<&SkillReport>)> = Vec::new();
        for (i, mut members) in members.into_iter().enumerate() {
            if !has_core[i] {
                continue;
            }
            members.sort_by(|a, b| {
                strength(b)
                    .total_cmp(&strength(a))
                    .then(b.mentions.cmp(&a.mentions))
                    .then(a.id.cmp(&b.id))
            });
            let total = crate::report::round1(members.iter().map(|s| strength(s)).sum());
            ranked.push((i, total, members));
        }
        // Stable: ties keep the stacks' file order.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (index, total, members) = ranked.first()?;
        if *total < MIN_STACK_STRENGTH {
            return None;
        }
        let stack = &self.dict.stacks[*index];
        // The reason leads with the stack's language or runtime when the document names one.
        let lead = members
            .iter()
            .find(|s| stack.core.iter().any(|c| s.id == *c))
            .or(members.first())?;
        let shown = if lead.evidenced {
            "evidenced in work experience or projects"
        } else {
            "listed"
        };
        let mut reason = format!("{} {shown} ({} mentions)", lead.name, lead.mentions);
        let others: Vec<String> = members
            .iter()
            .filter(|s| s.id != lead.id)
            .take(4)
            .map(|s| format!("{} ({})", s.name, s.mentions))
            .collect();
        if !others.is_empty() {
            reason.push_str(&format!(", with {}", others.join(", ")));
        }
        match ranked.get(1) {
            Some((next, strength, _)) if *strength > 0.0 => reason.push_str(&format!(
                "; strength {total:.1}, next {} ({strength:.1})",
                self.dict.stacks[*next].name
            )),
            _ => reason.push_str(&format!("; strength {total:.1}")),
        }
        Some(PrimaryStack {
            id: Name::from(&stack.id),
            name: Name::from(&stack.name),
            strength: *total,
            skills: members.iter().map(|s| s.id.clone()).collect(),
            reason,
        })
    }

    /// The skills `found` imply and do not include, most points first. Each is worth its
    /// weight × the chain's credit × the implying skill's section factor, the best over the
    /// skills that imply it.
    fn implied_skills(&self, found: &[FoundSkill<'_, '_>]) -> Vec<ImpliedSkill> {
        let is_found = |i: usize| found.iter().any(|f| f.skill == i);
        // implied index → (best credit, best points, [(credit, implying id)])
        type Found<'a> = (f64, f64, Vec<(f64, &'a Name)>);
        let mut acc: std::collections::BTreeMap<usize, Found<'_>> = Default::default();
        for f in found {
            let (from, factor) = (f.skill, f.factor);
            for &(to, credit) in &self.implications[from] {
                if is_found(to) {
                    continue;
                }
                let points = self.dict.skills[to].weight * credit * factor;
                let entry = acc.entry(to).or_insert((0.0, 0.0, Vec::new()));
                entry.0 = entry.0.max(credit);
                entry.1 = entry.1.max(points);
                entry.2.push((credit, &self.names[from].id));
            }
        }
        let mut out: Vec<ImpliedSkill> = acc
            .into_iter()
            .map(|(to, (credit, points, mut by))| {
                by.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
                let names = &self.names[to];
                ImpliedSkill {
                    id: names.id.clone(),
                    name: names.name.clone(),
                    category: names.category.clone(),
                    implied_by: by.into_iter().map(|(_, id)| id.clone()).collect(),
                    credit,
                    points: crate::report::round1(points * 100.0) / 100.0,
                    esco: names.esco.clone(),
                }
            })
            .collect();
        out.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.id.cmp(&b.id)));
        out
    }
}

/// A skill found in a document, as scoring and the report's order need it.
struct FoundSkill<'h, 'a> {
    /// Its index in the dictionary.
    skill: usize,
    /// Its hits, in text order.
    hits: &'h [&'a Hit],
    /// The sections they are in, sorted, without repeats.
    sections: Vec<SectionKind>,
    /// The best section factor of those (see `score::section_factor`).
    factor: f64,
    /// Whether a hit is in work experience or projects.
    evidenced: bool,
    /// Its points: weight × factor.
    points: f64,
}

/// `hits` ordered by (skill, start, end). The matcher gives them in text order, so a counting
/// sort by skill (stable, linear) gives that order without comparing; other input is sorted.
fn by_skill(hits: &[Hit]) -> Vec<&Hit> {
    if hits.is_sorted_by_key(|h| (h.start, h.end)) {
        return crate::matcher::stable_by_index(hits, |h| h.skill);
    }
    let mut sorted: Vec<&Hit> = hits.iter().collect();
    sorted.sort_unstable_by_key(|h| (h.skill, h.start, h.end));
    sorted
}

/// `text.split_whitespace().count()`, without decoding characters that cannot be white space.
///
/// Besides ASCII, white space starts with one of four bytes (U+0085 and U+00A0 with 0xC2,
/// U+1680 with 0xE1, U+2000–U+205F with 0xE2, U+3000 with 0xE3); only those are decoded. Any other
/// byte, continuation bytes included, belongs to a word.
fn count_words(text: &str) -> usize {
    /// 0: part of a word; 1: ASCII white space; 2: may start a white-space character.
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0x09;
        while b <= 0x0D {
            class[b] = 1;
            b += 1;
        }
        class[0x20] = 1;
        class[0xC2] = 2;
        class[0xE1] = 2;
        class[0xE2] = 2;
        class[0xE3] = 2;
        class
    };
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let (mut words, mut in_word) = (0, false);
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at a time, most of a text: each byte's white space as its top bit,
        // and a word starts at each byte that is not white space after one that is.
        if let Some(eight) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            if w & HIGH == 0 {
                // With every byte below 0x80, adding to one never carries into the next.
                let not_space = ((w ^ (ONES * 0x20)) + ONES * 0x7F) & HIGH;
                let from_tab = (w + ONES * (0x80 - 0x09)) & HIGH;
                let past_cr = (w + ONES * (0x80 - 0x0E)) & HIGH;
                let space = (!not_space | (from_tab & !past_cr)) & HIGH;
                let before = (space << 8) | if in_word { 0 } else { 0x80 };
                words += (!space & before & HIGH).count_ones() as usize;
                in_word = space >> 63 == 0;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let class = CLASS[usize::from(b)];
        let (space, len) = if class == 2 {
            // `i` is at a character boundary: the rest of a decoded character is skipped.
            match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        } else {
            (class == 1, 1)
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

/// The current (year, month) by the system clock, in UTC.
fn current_month() -> (i32, u32) {
    let (year, month, _) = crate::date::civil_date(crate::date::now_unix());
    (year, month)
}

#[cfg(test)]
mod tests {
    /// The counting sort gives the order of a sort by (skill, start, end), for the matcher's
    /// hits on the samples (several skills at one place included) and for hits out of order.
    #[test]
    fn hits_by_skill_as_sorted() {
        let analyzer = super::Analyzer::new().unwrap();
        let mut checked = 0;
        for text in crate::test_texts::samples() {
            let text = crate::normalize::normalize(&text);
            let mut hits = analyzer.matcher.find(&text, &[]);
            for round in 0..2 {
                let mut sorted: Vec<&crate::matcher::Hit> = hits.iter().collect();
                sorted.sort_by_key(|h| (h.skill, h.start, h.end));
                assert_eq!(super::by_skill(&hits), sorted);
                checked += hits.len();
                if round == 0 {
                    hits.reverse();
                }
            }
        }
        assert!(checked > 500, "{checked} hits checked");
    }

    /// The fingerprint made from the words the matcher's scan read is the one read from the text
    /// itself: on the samples, the passages, and texts that split words differently for the two
    /// readers (letters and symbols beyond ASCII inside and between words, camel case, links,
    /// addresses, "www." tokens).
    #[test]
    fn the_scans_words_give_the_texts_fingerprint() {
        use crate::duplicates::Fingerprint;
        let analyzer = super::Analyzer::new().unwrap();
        let odd = [
            "Développeur Go à Zürich — straße, naïve façade; Ελληνικά και 日本語のテキスト",
            "•Built APIs▪in Go; ●PostgreSQL➤Kafka — CI/CD ✓ done; “quoted” ‘words’ ½ ² Ⅻ ﬁle",
            "PythonDjango GoLang JavaScript8 iOSDev XMLHttpRequest java8 C++ C# .NET Node.js",
            "jane.roe@mail.test https://github.com/jane-roe/x www.example.com/a WWW.Example.org",
            "see github.com/x/y and mailto:a@b.co, (https://x.io/a?b=c) and www.a.b www.",
            "ÀÉÎ ÕÜ İstanbul ǅemal ﬀ ﬃ Σίσυφος ΣΊΣΥΦΟΣ 123-456 ٣٤٥ x²",
        ];
        let mut texts = crate::test_texts::samples();
        // Every sample and every long odd text is long enough to compare.
        let long = texts.len() + odd.len();
        texts.extend(crate::test_texts::passages());
        for (i, line) in odd.iter().enumerate() {
            // Long enough to have a signature, the odd words among plain ones.
            texts
                .push(format!("{line}\n").repeat(3) + &"plain words here and there ".repeat(8 + i));
            texts.push(line.to_string());
        }
        let mut compared = 0;
        for text in &texts {
            let text = analyzer.normalize(text);
            let starts = crate::normalize::lines::line_starts(&text);
            let sections = analyzer.sections.classify(&text);
            let matched = analyzer.matcher.read(&text, &starts, &sections);
            let read = Fingerprint::of(&text);
            let scanned = Fingerprint::of_scanned(&text, &matched.words, &matched.blanked);
            assert_eq!(scanned, read, "{text}");
            compared += usize::from(read.similarity(&read).is_some());
        }
        assert_eq!(compared, long, "texts long enough to compare");
    }

    /// The skills alone are `analyze_text`'s report less the candidate facts, to the byte: the
    /// benchmark that times them times the same skills' work.
    #[test]
    fn the_skills_alone_are_the_reports_skills() {
        let analyzer = super::Analyzer::new().unwrap();
        let mut compared = 0;
        for text in crate::test_texts::samples() {
            let full = analyzer.analyze_text(&text);
            let skills = analyzer.analyze_skills(&text);
            assert!(full.experience.is_some() && full.fingerprint.is_some());
            assert!(skills.experience.is_none() && skills.education.is_none());
            assert!(skills.personal.is_none() && skills.fingerprint.is_none());
            let serde_json::Value::Object(mut full) = serde_json::to_value(&full).unwrap() else {
                panic!("a report is an object");
            };
            for fact in ["experience", "seniority", "education"] {
                assert!(full.remove(fact).is_some(), "{fact}");
            }
            assert_eq!(
                serde_json::to_value(&skills).unwrap(),
                serde_json::Value::Object(full)
            );
            compared += skills.skills.len();
        }
        assert!(compared > 100, "{compared} skills compared");
    }

    #[test]
    fn long_texts_are_cut_with_a_warning() {
        let analyzer = super::Analyzer::new().unwrap();
        let line = "Skills: Go, PostgreSQL, Kafka\n";
        let text = line.repeat(super::MAX_TEXT_BYTES / line.len() + 100);
        let doc = analyzer.analyze_text(&text);
        assert!(doc.warnings.iter().any(|w| w.kind == "text_truncated"));
        assert!(doc.skills.iter().any(|s| s.id == "go"));
        assert!(doc.text.chars <= super::MAX_TEXT_BYTES);
        let short = analyzer.analyze_text(line);
        assert!(short.warnings.is_empty());
        let (cut, was_cut) = super::cap_text("ab\ncdé", 6);
        assert_eq!((cut, was_cut), ("ab\n", true));
        assert_eq!(super::cap_text("abcdé", 5), ("abcd", true));
    }

    /// Eight bytes at a time as one at a time: every ASCII byte, and a run of every pair of
    /// them, at every offset from a multi-byte character (so that each lands in every place of
    /// an eight-byte block), and the samples.
    #[test]
    fn counts_words_in_blocks_as_split_whitespace_does() {
        let mut texts: Vec<String> = Vec::new();
        let pairs: String = (0..128u8)
            .flat_map(|a| (0..128u8).flat_map(move |b| [a, b]))
            .map(char::from)
            .collect();
        for lead in 0..8 {
            let mut text = "é".repeat(lead);
            text.push_str(&pairs);
            texts.push(text);
        }
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
        for entry in std::fs::read_dir(samples).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
        }
        for text in &texts {
            assert_eq!(super::count_words(text), text.split_whitespace().count());
        }
        assert!(
            texts
                .iter()
                .map(|t| t.split_whitespace().count())
                .sum::<usize>()
                > 5000
        );
    }

    /// Every white-space character of Unicode starts with a byte `count_words` decodes.
    #[test]
    fn counts_words_around_every_white_space_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                super::count_words(&text),
                text.split_whitespace().count(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn counts_words_as_split_whitespace_does() {
        for text in [
            "",
            " a  b\tc\n",
            "x\u{00A0}y\u{2003} z",
            "•  Go,\u{0B}Rust ",
            "é\u{85}ü\u{1C}",
            "a\u{1680}b\u{2000}c\u{200A}d\u{2028}e\u{2029}f\u{202F}g\u{205F}h\u{3000}i",
            "\u{00C2}\u{1E00}\u{2010}\u{3001}\u{2022} x\u{00A0}",
            "eight by  eight\tat\x0b\x0c\r\na time, é and\u{2003}then\x1fsome\x7f more\x08 text ",
        ] {
            assert_eq!(
                super::count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
}
