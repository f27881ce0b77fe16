//! Matching resumes against a job: the skills a posting asks for ([`JobProfile`]) and how well one
//! resume meets them ([`JobMatch`]).
//!
//! # Which skills a posting requires
//!
//! A posting is read with the same dictionaries and matcher as a resume. Every skill found gets an
//! importance, decided by the strongest of its mentions:
//!
//! 1. **Required** when it is named under a must-have heading ("Requirements", "Must have", "What
//!    you bring", …), in a sentence with a must-have phrase ("must have", "required", "3+ years
//!    of", …), or in the posting's title ("Senior Platform Engineer (Go)").
//! 2. **Optional** when it is named under a nice-to-have heading ("Nice to have", "Bonus points",
//!    "Preferred", …) or in a sentence with a nice-to-have phrase ("is a plus", "ideally", …). In a
//!    sentence with phrases of both kinds, the nice-to-have one wins ("not required" is a
//!    nice-to-have phrase).
//! 3. A skill named only in the description of the job or the company ("The role", "About us") is
//!    optional when the posting marks must-haves anywhere, and required when it marks nothing at
//!    all (then every skill it names is all we know it wants).
//!
//! Mentions under headings such as "Benefits" or "What we offer" do not count. The headings and
//! phrases are data, in `dictionaries/postings.toml`. Within each list, skills named on more lines
//! come first, then those named earlier.
//!
//! # The match rate
//!
//! In words a recruiter can repeat: **each required skill is worth 2 points, each optional skill
//! 1 point; a resume earns the points of the skills it has, and the match rate is the share of
//! points earned, 0–100.** A related skill earns its relation's share instead of the full points —
//! MariaDB earns 0.8 of MySQL, so a resume with MariaDB but no MySQL gets 1.6 of MySQL's 2 points
//! when MySQL is required — and the report says which skill stood in ("mysql via mariadb (0.8)").
//! A skill the resume does not name but a found skill implies (the job asks for Java; the resume
//! shows Spring Boot) is met at the implication's credit, through the skill that implies it
//! ("java via spring-boot (0.5)"). Relations and implications are data, in
//! `dictionaries/relations.toml`.

mod phrases;
mod posting;
pub mod rules;

use crate::dictionary::Dictionary;
use crate::error::{Error, UnknownSkill};
use crate::report::{round1, DocumentReport, Evidence, ImpliedSkill, SkillReport, Status};
use crate::Analyzer;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

pub use rules::{ExperienceRule, RuleCheck, RuleStatus};

/// Points a required skill is worth in the match rate.
#[doc(hidden)] // documented on `JobMatch::match_rate`
pub const REQUIRED_WEIGHT: f64 = 2.0;
/// Points an optional skill is worth in the match rate.
#[doc(hidden)]
pub const OPTIONAL_WEIGHT: f64 = 1.0;

/// How many spelling suggestions an unknown skill name gets.
const SUGGESTIONS: usize = 3;

/// Whether a job asks for a skill as a must-have or as a nice-to-have.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// A must-have.
    Required,
    /// A nice-to-have.
    Optional,
}

impl Importance {
    /// Points the skill is worth in the match rate.
    pub fn weight(self) -> f64 {
        match self {
            Importance::Required => REQUIRED_WEIGHT,
            Importance::Optional => OPTIONAL_WEIGHT,
        }
    }

    /// `required` or `optional`.
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::Required => "required",
            Importance::Optional => "optional",
        }
    }
}

/// Why a skill got its importance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Named under a must-have or nice-to-have heading (`because` holds the heading).
    Heading,
    /// A phrase in the same sentence said so (`because` holds the phrase).
    Cue,
    /// Named in the posting's title.
    Title,
    /// Only mentioned in the description of the job or company (`because` holds the heading, if
    /// any).
    Mentioned,
    /// Stated directly (`--require`, `--prefer`, [`JobProfile::from_lists`]).
    Stated,
}

/// The skills a job asks for: derived from a posting, stated directly, or both.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct JobProfile {
    /// Where the posting came from (a path), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The posting's title: its first line, when that is short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Must-haves, most often mentioned first, then earliest.
    pub required: Vec<JobSkill>,
    /// Nice-to-haves, in the same order.
    pub optional: Vec<JobSkill>,
    /// Skills the asked-for ones imply but the job does not name (a Django job implies Python),
    /// for the reader: they add nothing to the match rate, since a resume with the asked-for
    /// skill has them implied anyway. Absent when there are none or implication is off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implied: Vec<JobImplied>,
    /// A minimum of total professional experience ("7+ years of experience", `experience:7`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_experience: Option<ExperienceRule>,
}

/// A skill a job implies without naming it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct JobImplied {
    /// Skill id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The job's skills that imply it, required ones first.
    pub implied_by: Vec<String>,
}

/// One skill a job asks for, or a group of alternatives ("Java or Kotlin"), possibly with a
/// minimum of years ("5+ years of Go").
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct JobSkill {
    /// Skill id (of the first alternative, for a group).
    pub id: String,
    /// Display name ("Java or Kotlin" for a group).
    pub name: String,
    /// Category id.
    pub category: String,
    /// `required` or `optional`.
    pub importance: Importance,
    /// Points in the match rate: 2 when required, 1 when optional.
    pub weight: f64,
    /// Why it got its importance.
    pub reason: Reason,
    /// The heading or phrase behind `reason`, as written in the posting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
    /// Lines of the posting that name it ("AWS (EKS, RDS, S3)" is one), 0 when only stated.
    pub mentions: usize,
    /// 1-based line of the first mention, in the posting's normalized text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_line: Option<usize>,
    /// A few mentions, with the heading each was under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<JobEvidence>,
    /// The other skills that meet this requirement as well as `id` does ("Java or Kotlin":
    /// `["kotlin"]`); empty for a single skill.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    /// Years of work with the skill the job asks for ("5+ years of Go" is 5), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years: Option<f64>,
}

impl JobSkill {
    /// The requirement as it would be stated with `--require`: `go`, `java|kotlin`, `go:5`.
    pub fn rule(&self) -> String {
        let mut rule = self.alternatives().collect::<Vec<_>>().join("|");
        if let Some(years) = self.min_years {
            rule.push(':');
            rule.push_str(&rules::years_text(years));
        }
        rule
    }

    /// For people: "Java or Kotlin", "Go (5+ years)".
    pub fn label(&self) -> String {
        match self.min_years {
            Some(years) => format!("{} ({}+ years)", self.name, rules::years_text(years)),
            None => self.name.clone(),
        }
    }

    /// The ids that meet the requirement: `id`, then `any_of`.
    pub fn alternatives(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.any_of.iter().map(String::as_str))
    }
}

/// Where a posting mentions a skill.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct JobEvidence {
    /// 1-based line in the posting's normalized text (`resumescan text POSTING` shows it).
    pub line: usize,
    /// The heading the line is under, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The text around the mention.
    pub snippet: String,
}

/// How well one resume meets a [`JobProfile`].
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct JobMatch {
    /// Share of the job's points the resume earns, 0–100, one decimal: required skills are worth
    /// 2 points, optional ones 1, a related skill its relation's credit of them.
    pub match_rate: f64,
    /// The must-haves: which the resume has (fully or through a related skill) and which it lacks.
    pub required: MatchGroup,
    /// The nice-to-haves, likewise.
    pub optional: MatchGroup,
    /// Ids of skills the resume has that the job did not ask for, in the categories the job asks
    /// about (best evidenced first).
    pub extra: Vec<String>,
    /// Whether the resume meets every must-have: `not_met` when one is not met, else `unknown`
    /// when the resume does not say for one (years it does not date), else `met`.
    pub status: RuleStatus,
    /// Every requirement with its status: must-haves first, then nice-to-haves, each list in the
    /// job's order, the total experience last.
    pub rules: Vec<RuleCheck>,
}

/// Matched and missing skills of one importance.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct MatchGroup {
    /// Skills the resume has, or stands in for with a related skill.
    pub matched: Vec<MatchedSkill>,
    /// Ids of the skills the resume has nothing for.
    pub missing: Vec<String>,
}

/// A job skill the resume meets, and the evidence for it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MatchedSkill {
    /// The job's skill id.
    pub id: String,
    /// Share of the skill's points earned: 1 when the resume has it, the relation's credit when a
    /// related skill stands in.
    pub credit: f64,
    /// The resume's skill that met it, when it is not the skill itself: an alternative of the
    /// requirement ("Java or Kotlin" met by `kotlin`) or a related skill that stood in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// For people, when another skill met it: "mysql via mariadb (0.8)", "java|kotlin: kotlin".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True when the resume shows the skill used in work experience or projects.
    pub evidenced: bool,
    /// Where the resume shows it (of the standing-in skill, when there is one).
    pub evidence: Vec<Evidence>,
}

impl JobProfile {
    /// Derives the profile from a posting's text, read with `analyzer`'s dictionaries and matcher.
    /// See the module docs for the importance rule.
    ///
    /// ```
    /// let analyzer = resumescan::Analyzer::new()?;
    /// let job = resumescan::JobProfile::from_text(
    ///     &analyzer,
    ///     "Backend Engineer\n\nRequirements:\n- Go and PostgreSQL\n\nNice to have:\n- Kafka",
    /// )?;
    /// assert_eq!(job.required_ids(), ["go", "postgresql"]);
    /// assert_eq!(job.optional_ids(), ["kafka"]);
    /// # Ok::<(), resumescan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NoJobSkills`] when the posting names no known skill (it is empty or not a
    /// technical posting): matching against nothing would give everyone the same rate.
    pub fn from_text(analyzer: &Analyzer, text: &str) -> Result<JobProfile, Error> {
        posting::derive(analyzer, text)
    }

    /// A profile stated directly: skill ids, display names or aliases (any case), each with
    /// its rules: `java|kotlin` (either meets it), `go:5` (at least 5 years of Go), and
    /// `experience:7` (at least 7 years of professional experience).
    ///
    /// A name given in both lists is required. Names that resolve to the same skill count once.
    ///
    /// ```
    /// let analyzer = resumescan::Analyzer::new()?;
    /// let job = resumescan::JobProfile::from_lists(
    ///     analyzer.dictionary(),
    ///     &["java|kotlin", "go:5", "experience:7"],
    ///     &["kafka"],
    /// )?;
    /// let rules: Vec<String> = job.skills().map(|s| s.rule()).collect();
    /// assert_eq!(rules, ["java|kotlin", "go:5", "kafka"]);
    /// assert_eq!(job.min_experience.map(|e| e.years), Some(7.0));
    /// # Ok::<(), resumescan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownSkills`] listing every name no dictionary knows, each with the closest known
    /// skills; [`Error::Config`] when both lists are empty or a rule is malformed (`go:many`).
    pub fn from_lists<S: AsRef<str>>(
        dict: &Dictionary,
        require: &[S],
        prefer: &[S],
    ) -> Result<JobProfile, Error> {
        let mut profile = JobProfile::default();
        let mut unknown = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (names, importance) in [
            (require, Importance::Required),
            (prefer, Importance::Optional),
        ] {
            for text in names {
                let text = text.as_ref().trim();
                if text.is_empty() {
                    continue;
                }
                let (names, min_years) = match rules::parse_stated(text).map_err(Error::Config)? {
                    rules::Stated::Experience(years) => {
                        if profile.min_experience.is_none() {
                            profile.min_experience = Some(ExperienceRule {
                                years,
                                importance,
                                evidence: None,
                            });
                        }
                        continue;
                    }
                    rules::Stated::Skills { names, min_years } => (names, min_years),
                };
                let mut ids: Vec<&crate::dictionary::Skill> = Vec::new();
                for name in names {
                    match dict.resolve(name) {
                        Some(skill) if !ids.iter().any(|s| s.id == skill.id) => ids.push(skill),
                        Some(_) => {}
                        None => unknown.push(UnknownSkill {
                            name: name.to_string(),
                            importance: importance.as_str(),
                            suggestions: dict.suggest(name, SUGGESTIONS),
                        }),
                    }
                }
                let Some((first, others)) = ids.split_first() else {
                    continue;
                };
                let key: Vec<&str> = ids.iter().map(|s| s.id.as_str()).collect();
                if !seen.insert(key.join("|")) {
                    continue;
                }
                let name = ids
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ");
                profile.list_mut(importance).push(JobSkill {
                    id: first.id.clone(),
                    name,
                    category: first.category.clone(),
                    importance,
                    weight: importance.weight(),
                    reason: Reason::Stated,
                    because: None,
                    mentions: 0,
                    first_line: None,
                    evidence: Vec::new(),
                    any_of: others.iter().map(|s| s.id.clone()).collect(),
                    min_years,
                });
            }
        }
        if !unknown.is_empty() {
            return Err(Error::UnknownSkills(unknown));
        }
        if profile.is_empty() {
            return Err(Error::Config("no skills were stated for the job".into()));
        }
        Ok(profile)
    }

    /// Puts a stated profile on top of this one: each stated skill takes its stated importance
    /// (a posting's evidence for it is kept), and stated skills the posting did not name are
    /// added after the posting's.
    pub fn merge(&mut self, stated: JobProfile) {
        for skill in stated.required.into_iter().chain(stated.optional) {
            let derived = self.take(&skill.id);
            let mut merged = match derived {
                Some(mut d) => {
                    d.importance = skill.importance;
                    d.weight = skill.weight;
                    d.name = skill.name.clone();
                    d.any_of = skill.any_of.clone();
                    d.min_years = skill.min_years;
                    d
                }
                None => skill.clone(),
            };
            merged.reason = Reason::Stated;
            merged.because = None;
            self.list_mut(skill.importance).push(merged);
        }
        sort_skills(&mut self.required);
        sort_skills(&mut self.optional);
        if self.source.is_none() {
            self.source = stated.source;
        }
        if stated.min_experience.is_some() {
            self.min_experience = stated.min_experience;
        }
    }

    /// The job to match against: a posting's profile with the stated one on top
    /// ([`Self::merge`]), or whichever of the two there is, with what its skills imply
    /// ([`Self::imply`]); `None` when there is neither.
    pub fn combined(
        analyzer: &Analyzer,
        derived: Option<JobProfile>,
        stated: Option<JobProfile>,
    ) -> Option<JobProfile> {
        let mut profile = match (derived, stated) {
            (Some(mut d), Some(s)) => {
                d.merge(s);
                Some(d)
            }
            (d, s) => d.or(s),
        };
        if let Some(p) = &mut profile {
            p.imply(analyzer);
        }
        profile
    }

    /// Fills [`Self::implied`]: the skills the asked-for ones imply, per `analyzer`'s relations
    /// (nothing when its implication is off), that the job does not name.
    pub fn imply(&mut self, analyzer: &Analyzer) {
        let asked: HashSet<String> = self.skills().map(|s| s.id.clone()).collect();
        let mut implied: Vec<JobImplied> = Vec::new();
        for skill in self.required.iter().chain(&self.optional) {
            for (to, _) in analyzer.implied_by(&skill.id) {
                if asked.contains(to) {
                    continue;
                }
                match implied.iter_mut().find(|i| i.id == to) {
                    Some(i) => i.implied_by.push(skill.id.clone()),
                    None => implied.push(JobImplied {
                        id: to.to_string(),
                        name: analyzer
                            .dictionary()
                            .skill(to)
                            .map_or_else(|| to.to_string(), |s| s.name.clone()),
                        implied_by: vec![skill.id.clone()],
                    }),
                }
            }
        }
        self.implied = implied;
    }

    /// True when the profile asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.optional.is_empty() && self.min_experience.is_none()
    }

    /// Ids of the required skills, in order.
    pub fn required_ids(&self) -> Vec<&str> {
        self.required.iter().map(|s| s.id.as_str()).collect()
    }

    /// Ids of the optional skills, in order.
    pub fn optional_ids(&self) -> Vec<&str> {
        self.optional.iter().map(|s| s.id.as_str()).collect()
    }

    /// Every skill the job asks for: required ones first.
    pub fn skills(&self) -> impl Iterator<Item = &JobSkill> {
        self.required.iter().chain(&self.optional)
    }

    /// Matches one analysed document against the profile. `dict` supplies the relations between
    /// skills (use the analyzer's dictionary). A document that could not be read matches nothing.
    pub fn match_document(&self, dict: &Dictionary, doc: &DocumentReport) -> JobMatch {
        let have: HashMap<&str, &SkillReport> = if doc.status == Status::Ok {
            doc.skills.iter().map(|s| (s.id.as_str(), s)).collect()
        } else {
            HashMap::new()
        };
        let implied: HashMap<&str, &ImpliedSkill> = if doc.status == Status::Ok {
            doc.implied.iter().map(|s| (s.id.as_str(), s)).collect()
        } else {
            HashMap::new()
        };
        let mut stood_in: HashSet<&str> = HashSet::new();
        let mut earned = 0.0;
        let mut possible = 0.0;
        let mut groups = [MatchGroup::default(), MatchGroup::default()];
        let mut checks = Vec::new();
        let total_years = if doc.status == Status::Ok {
            doc.experience.as_ref().and_then(|e| e.total_years)
        } else {
            None
        };
        for (list, group) in [&self.required, &self.optional]
            .into_iter()
            .zip(&mut groups)
        {
            for skill in list {
                possible += skill.weight;
                let found = skill
                    .alternatives()
                    .filter_map(|want| best_match(dict, &have, &implied, want))
                    .fold(
                        None,
                        |best: Option<(&SkillReport, f64)>, (s, c)| match best {
                            Some((_, b)) if b >= c => best,
                            _ => Some((s, c)),
                        },
                    );
                checks.push(rules::check_skill(skill, found, total_years));
                match found {
                    Some((found, credit)) => {
                        earned += skill.weight * credit;
                        let via = (found.id != skill.id).then(|| found.id.to_string());
                        let alternative = skill.any_of.iter().any(|a| found.id == *a);
                        if via.is_some() && !alternative {
                            stood_in.insert(found.id.as_str());
                        }
                        group.matched.push(MatchedSkill {
                            id: skill.id.clone(),
                            credit,
                            note: via.as_ref().map(|v| match alternative {
                                true => format!("{}: {v}", skill.rule()),
                                false => format!("{} via {v} ({credit})", skill.id),
                            }),
                            via,
                            evidenced: found.evidenced,
                            evidence: found.evidence.clone(),
                        });
                    }
                    None => group.missing.push(skill.id.clone()),
                }
            }
        }
        if let Some(rule) = &self.min_experience {
            let check = rules::check_experience(rule, doc);
            let at = checks
                .iter()
                .position(|c| c.importance > rule.importance)
                .unwrap_or(checks.len());
            checks.insert(at, check);
        }
        let asked: HashSet<&str> = self.skills().flat_map(JobSkill::alternatives).collect();
        let categories: HashSet<&str> = self.skills().map(|s| s.category.as_str()).collect();
        let extra = if doc.status == Status::Ok {
            doc.skills
                .iter()
                .filter(|s| {
                    !asked.contains(s.id.as_str())
                        && !stood_in.contains(s.id.as_str())
                        && categories.contains(s.category.as_str())
                })
                .map(|s| s.id.to_string())
                .collect()
        } else {
            Vec::new()
        };
        let [required, optional] = groups;
        JobMatch {
            match_rate: if possible > 0.0 {
                round1(100.0 * earned / possible)
            } else {
                0.0
            },
            required,
            optional,
            extra,
            status: RuleStatus::all(
                checks
                    .iter()
                    .filter(|c| c.importance == Importance::Required)
                    .map(|c| c.status),
            ),
            rules: checks,
        }
    }

    fn list_mut(&mut self, importance: Importance) -> &mut Vec<JobSkill> {
        match importance {
            Importance::Required => &mut self.required,
            Importance::Optional => &mut self.optional,
        }
    }

    fn take(&mut self, id: &str) -> Option<JobSkill> {
        for list in [&mut self.required, &mut self.optional] {
            if let Some(i) = list.iter().position(|s| s.id == id) {
                return Some(list.remove(i));
            }
        }
        None
    }
}

impl JobMatch {
    /// Column names of [`Self::csv_fields`], for a CSV header.
    pub const CSV_COLUMNS: [&'static str; 9] = [
        "match_rate",
        "required_matched",
        "required_missing",
        "optional_matched",
        "optional_missing",
        "extra",
        "requirements",
        "rules_not_met",
        "rules_unknown",
    ];

    /// The match as flat CSV cells, in the order of [`Self::CSV_COLUMNS`]: lists are skill ids
    /// joined with `;`, and a skill met through a related one reads `mysql~mariadb`;
    /// `requirements` is the status of the must-haves, and the rule lists name requirements as
    /// stated (`go:5`, `java|kotlin`, `experience:7`).
    pub fn csv_fields(&self) -> [String; 9] {
        let matched = |g: &MatchGroup| {
            g.matched
                .iter()
                .map(|m| match &m.via {
                    Some(via) => format!("{}~{via}", m.id),
                    None => m.id.clone(),
                })
                .collect::<Vec<_>>()
                .join(";")
        };
        [
            format!("{:.1}", self.match_rate),
            matched(&self.required),
            self.required.missing.join(";"),
            matched(&self.optional),
            self.optional.missing.join(";"),
            self.extra.join(";"),
            self.status.as_str().to_string(),
            self.rules_with(RuleStatus::NotMet).join(";"),
            self.rules_with(RuleStatus::Unknown).join(";"),
        ]
    }

    /// The must-haves with `status`, in the job's order.
    pub fn required_with(&self, status: RuleStatus) -> impl Iterator<Item = &RuleCheck> {
        self.rules
            .iter()
            .filter(move |r| r.importance == Importance::Required && r.status == status)
    }

    /// The requirements (as stated: `go:5`) with `status`, must-haves first.
    pub fn rules_with(&self, status: RuleStatus) -> Vec<&str> {
        self.rules
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.rule.as_str())
            .collect()
    }
}

/// The resume's skill that best meets `want`: itself (credit 1), or the found skill that relates
/// to it in one step or implies it along a chain, with the highest credit.
fn best_match<'a>(
    dict: &Dictionary,
    have: &HashMap<&str, &'a SkillReport>,
    implied: &HashMap<&str, &ImpliedSkill>,
    want: &str,
) -> Option<(&'a SkillReport, f64)> {
    if let Some(found) = have.get(want) {
        return Some((found, 1.0));
    }
    let mut best: Option<(&SkillReport, f64)> = None;
    for rel in dict.relations.iter().filter(|r| r.to == want) {
        if let Some(found) = have.get(rel.from.as_str()) {
            if best.is_none_or(|(_, c)| rel.credit > c) {
                best = Some((found, rel.credit));
            }
        }
    }
    if let Some(imp) = implied.get(want) {
        let by = imp.implied_by.first().and_then(|id| have.get(id.as_str()));
        if let Some(found) = by {
            if best.is_none_or(|(_, c)| imp.credit > c) {
                best = Some((found, imp.credit));
            }
        }
    }
    best
}

/// Most mentioned first, then earliest; stated-only skills keep their given order after those.
fn sort_skills(list: &mut [JobSkill]) {
    list.sort_by_key(|s| {
        (
            s.first_line.is_none(),
            std::cmp::Reverse(s.mentions),
            s.first_line,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::new().unwrap()
    }

    fn doc_with(analyzer: &Analyzer, text: &str) -> DocumentReport {
        analyzer.analyze_text(text)
    }

    #[test]
    fn stated_lists_resolve_aliases_and_report_unknown_names_with_suggestions() {
        let a = analyzer();
        let job = JobProfile::from_lists(
            a.dictionary(),
            &["golang", "Postgres", "kafka"],
            &["k8s", "gRPC"],
        );
        let job = match job {
            Ok(job) => job,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(job.required_ids(), ["go", "postgresql", "kafka"]);
        assert_eq!(job.optional_ids(), ["kubernetes", "grpc"]);
        assert!(job.skills().all(|s| s.reason == Reason::Stated));

        let err =
            JobProfile::from_lists(a.dictionary(), &["kafak", "go"], &["postgress"]).unwrap_err();
        let Error::UnknownSkills(unknown) = &err else {
            panic!("unexpected error {err}");
        };
        assert_eq!(unknown.len(), 2, "{err}");
        assert_eq!(unknown[0].name, "kafak");
        assert_eq!(unknown[0].suggestions[0], "kafka");
        assert_eq!(unknown[1].importance, "optional");
        assert_eq!(unknown[1].suggestions[0], "postgresql");
        let message = err.to_string();
        assert!(
            message.contains("unknown required skill `kafak`"),
            "{message}"
        );
        assert!(message.contains("closest known skills: kafka"), "{message}");
    }

    #[test]
    fn a_name_in_both_lists_is_required_once() {
        let a = analyzer();
        let job = JobProfile::from_lists(a.dictionary(), &["go"], &["Golang", "rust"]).unwrap();
        assert_eq!(job.required_ids(), ["go"]);
        assert_eq!(job.optional_ids(), ["rust"]);
        let empty: [&str; 0] = [];
        assert!(JobProfile::from_lists(a.dictionary(), &empty, &[" "]).is_err());
    }

    #[test]
    fn match_rate_weighs_required_twice_and_related_skills_partly() {
        let a = analyzer();
        let job =
            JobProfile::from_lists(a.dictionary(), &["go", "mysql"], &["kafka", "rust"]).unwrap();
        let doc = doc_with(
            &a,
            "EXPERIENCE\n• Built billing services in Go 1.22 on MariaDB, publishing to Kafka.",
        );
        let m = job.match_document(a.dictionary(), &doc);
        // go 2 × 1 + mysql 2 × 0.8 (via mariadb) + kafka 1 × 1 + rust 0, out of 2 + 2 + 1 + 1.
        assert_eq!(m.match_rate, round1(100.0 * (2.0 + 1.6 + 1.0) / 6.0));
        assert_eq!(m.required.missing, Vec::<String>::new());
        let mysql = &m.required.matched[1];
        assert_eq!(mysql.id, "mysql");
        assert_eq!(mysql.via.as_deref(), Some("mariadb"));
        assert_eq!(mysql.note.as_deref(), Some("mysql via mariadb (0.8)"));
        assert!(mysql.evidenced && !mysql.evidence.is_empty());
        assert_eq!(m.optional.missing, ["rust"]);
        assert!(
            !m.extra.contains(&"mariadb".to_string()),
            "a stand-in is no extra"
        );
        let csv = m.csv_fields();
        assert_eq!(csv[1], "go;mysql~mariadb");
        assert_eq!(csv[4], "rust");
    }

    #[test]
    fn extra_lists_unasked_skills_in_the_asked_categories() {
        let a = analyzer();
        let job = JobProfile::from_lists(a.dictionary(), &["python"], &["postgresql"]).unwrap();
        let doc = doc_with(
            &a,
            "EXPERIENCE\n• Wrote Python and Rust services on PostgreSQL and MongoDB; deployed with Docker.",
        );
        let m = job.match_document(a.dictionary(), &doc);
        assert_eq!(m.match_rate, 100.0);
        assert!(m.extra.contains(&"rust".to_string()), "{:?}", m.extra);
        assert!(m.extra.contains(&"mongodb".to_string()), "{:?}", m.extra);
        assert!(
            !m.extra.contains(&"docker".to_string()),
            "docker is in a category the job does not ask about: {:?}",
            m.extra
        );
    }

    #[test]
    fn an_unreadable_document_matches_nothing() {
        let a = analyzer();
        let job = JobProfile::from_lists(a.dictionary(), &["go"], &["rust"]).unwrap();
        let failed = DocumentReport::failed("x.pdf", &Error::Config("broken".into()));
        let m = job.match_document(a.dictionary(), &failed);
        assert_eq!(m.match_rate, 0.0);
        assert_eq!(m.required.missing, ["go"]);
        assert_eq!(m.optional.missing, ["rust"]);
    }

    #[test]
    fn stated_skills_override_the_posting() {
        let a = analyzer();
        let mut job = JobProfile::from_text(
            &a,
            "Backend Engineer\n\nRequirements:\n- Go, Kafka and PostgreSQL\n\nNice to have:\n- Rust",
        )
        .unwrap();
        let stated =
            JobProfile::from_lists(a.dictionary(), &["rust"], &["kafka", "redis"]).unwrap();
        job.merge(stated);
        assert_eq!(job.required_ids(), ["go", "postgresql", "rust"]);
        assert_eq!(job.optional_ids(), ["kafka", "redis"]);
        let rust = &job.required[2];
        assert_eq!(rust.reason, Reason::Stated);
        assert_eq!(rust.weight, REQUIRED_WEIGHT);
        assert!(!rust.evidence.is_empty(), "the posting's evidence is kept");
    }
}
