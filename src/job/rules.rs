//! Job rules beyond "has the skill": either/or groups ("Java or Kotlin"), minimum years with a
//! skill ("5+ years of Go") and minimum total experience ("7+ years of experience"), the way
//! they are stated (`java|kotlin`, `go:5`, `experience:7`) and how a resume is checked against
//! each.

use super::{Importance, JobEvidence, JobSkill};
use crate::report::{round1, DocumentReport, SkillReport, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The word that states a minimum of total experience in a list of stated skills
/// (`experience:7`).
pub const EXPERIENCE_RULE: &str = "experience";

/// Whether a resume meets one requirement.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    /// The resume shows it.
    Met,
    /// The resume does not say: the skill is there but no dated work shows how long, or no job
    /// is dated.
    Unknown,
    /// The resume lacks the skill, or shows fewer years than asked.
    NotMet,
}

impl RuleStatus {
    /// `met`, `unknown` or `not_met`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Met => "met",
            RuleStatus::Unknown => "unknown",
            RuleStatus::NotMet => "not_met",
        }
    }

    /// The status of a set of requirements: not met when any is not met, else unknown when any
    /// is unknown, else met.
    pub fn all(statuses: impl IntoIterator<Item = RuleStatus>) -> RuleStatus {
        statuses.into_iter().max().unwrap_or(RuleStatus::Met)
    }
}

/// A minimum of total professional experience a job asks for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ExperienceRule {
    /// Years asked for ("7+ years" is 7).
    pub years: f64,
    /// `required` or `optional`.
    pub importance: Importance,
    /// Where the posting asks for it; absent when stated (`experience:7`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<JobEvidence>,
}

impl ExperienceRule {
    /// The rule as stated on the command line: `experience:7`.
    pub fn rule(&self) -> String {
        format!("{EXPERIENCE_RULE}:{}", years_text(self.years))
    }
}

/// One requirement checked against one resume.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RuleCheck {
    /// The requirement as it would be stated: `go`, `java|kotlin`, `go:5`, `experience:7`.
    pub rule: String,
    /// `required` or `optional`.
    pub importance: Importance,
    /// `met`, `unknown` or `not_met`.
    pub status: RuleStatus,
    /// Why, for people: "kotlin", "6.5 years of go", "2.0 years of go, 5 asked", "go found, but
    /// no dated work shows for how long", "not found".
    pub detail: String,
}

/// A stated requirement, parsed: skills (one, or alternatives) with an optional minimum of
/// years, or a minimum of total experience.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Stated<'a> {
    /// `go`, `java|kotlin`, `go:5`, `java|kotlin:3`.
    Skills {
        names: Vec<&'a str>,
        min_years: Option<f64>,
    },
    /// `experience:7`.
    Experience(f64),
}

/// Parses one stated requirement. A `:` followed by a number ("5", "5+", "5.5") sets the
/// minimum years; `|` separates alternatives.
///
/// # Errors
/// A message when the years are not a number from 0 to 60, a name is empty, or `experience`
/// has no years.
pub(super) fn parse_stated(text: &str) -> Result<Stated<'_>, String> {
    let text = text.trim();
    let (names, years) = match text.rsplit_once(':') {
        Some((names, years)) => (names.trim(), Some(parse_years(years.trim(), text)?)),
        None => (text, None),
    };
    if names.eq_ignore_ascii_case(EXPERIENCE_RULE) {
        return years.map(Stated::Experience).ok_or_else(|| {
            format!("`{text}`: say how many years of experience, as in `experience:7`")
        });
    }
    let names: Vec<&str> = names.split('|').map(str::trim).collect();
    if names.iter().any(|n| n.is_empty()) {
        return Err(format!(
            "`{text}`: an empty skill name (write alternatives as `java|kotlin`)"
        ));
    }
    Ok(Stated::Skills {
        names,
        min_years: years,
    })
}

/// Checks one skill requirement against a document's skills: the best of its alternatives, and
/// the years when the requirement asks for some.
///
/// A skill the resume names without dated work is `unknown`, unless its whole dated experience
/// is shorter than the years asked: no one has five years of Go in two years of work.
pub(super) fn check_skill(
    skill: &JobSkill,
    found: Option<(&SkillReport, f64)>,
    total_years: Option<f64>,
) -> RuleCheck {
    let (status, detail) = match (found, skill.min_years) {
        (None, _) => (RuleStatus::NotMet, "not found".to_string()),
        (Some((found, credit)), None) => (RuleStatus::Met, met_detail(skill, found, credit)),
        (Some((found, _)), Some(min)) => match found.years {
            Some(years) if years + YEARS_SLACK >= min => (
                RuleStatus::Met,
                format!("{} years of {}", years_text(years), found.id),
            ),
            Some(years) => (
                RuleStatus::NotMet,
                format!(
                    "{} years of {}, {} asked",
                    years_text(years),
                    found.id,
                    years_text(min)
                ),
            ),
            None => match total_years {
                Some(total) if total + YEARS_SLACK < min => (
                    RuleStatus::NotMet,
                    format!(
                        "{} found, in {} years of experience in all, {} asked",
                        found.id,
                        years_text(total),
                        years_text(min)
                    ),
                ),
                _ => (
                    RuleStatus::Unknown,
                    format!("{} found, but no dated work shows for how long", found.id),
                ),
            },
        },
    };
    RuleCheck {
        rule: skill.rule(),
        importance: skill.importance,
        status,
        detail,
    }
}

/// Checks a minimum of total experience against a document's dated work.
pub(super) fn check_experience(rule: &ExperienceRule, doc: &DocumentReport) -> RuleCheck {
    let total = if doc.status == Status::Ok {
        doc.experience.as_ref().and_then(|e| e.total_years)
    } else {
        None
    };
    let (status, detail) = match total {
        Some(years) if years + YEARS_SLACK >= rule.years => (
            RuleStatus::Met,
            format!("{} years of experience", years_text(years)),
        ),
        Some(years) => (
            RuleStatus::NotMet,
            format!(
                "{} years of experience, {} asked",
                years_text(years),
                years_text(rule.years)
            ),
        ),
        None => (RuleStatus::Unknown, "no dated work experience".to_string()),
    };
    RuleCheck {
        rule: rule.rule(),
        importance: rule.importance,
        status,
        detail,
    }
}

/// Years short of a minimum that still meet it: dates given as years only ("2019 – 2024") are
/// counted from January, so a stated five years can come out a few months short.
const YEARS_SLACK: f64 = 0.25;

/// "5", "5.5".
pub(crate) fn years_text(years: f64) -> String {
    let years = round1(years);
    if years.fract() == 0.0 {
        format!("{years:.0}")
    } else {
        format!("{years:.1}")
    }
}

fn parse_years(years: &str, whole: &str) -> Result<f64, String> {
    years
        .trim_end_matches('+')
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|y| (0.0..=60.0).contains(y))
        .ok_or_else(|| {
            format!("`{whole}`: the years after `:` must be a number from 0 to 60, as in `go:5`")
        })
}

/// "found" for the skill itself, the alternative's id for an alternative, "via mariadb (0.8)"
/// for a related or implying skill that stood in.
fn met_detail(skill: &JobSkill, found: &SkillReport, credit: f64) -> String {
    if credit < 1.0 {
        format!("via {} ({credit})", found.id)
    } else if found.id == skill.id && skill.any_of.is_empty() {
        "found".to_string()
    } else {
        found.id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_rules_parse() {
        assert_eq!(
            parse_stated("java|kotlin"),
            Ok(Stated::Skills {
                names: vec!["java", "kotlin"],
                min_years: None
            })
        );
        assert_eq!(
            parse_stated(" go:5+ "),
            Ok(Stated::Skills {
                names: vec!["go"],
                min_years: Some(5.0)
            })
        );
        assert_eq!(parse_stated("Experience:7"), Ok(Stated::Experience(7.0)));
        assert!(parse_stated("experience").is_err());
        assert!(parse_stated("go:five").is_err());
        assert!(parse_stated("go:99").is_err());
        assert!(parse_stated("java||kotlin").is_err());
    }

    #[test]
    fn the_status_of_many_is_the_worst() {
        use RuleStatus::*;
        assert_eq!(RuleStatus::all([Met, Met]), Met);
        assert_eq!(RuleStatus::all([Met, Unknown]), Unknown);
        assert_eq!(RuleStatus::all([Unknown, NotMet, Met]), NotMet);
        assert_eq!(RuleStatus::all([]), Met);
    }

    #[test]
    fn years_read_as_people_write_them() {
        assert_eq!(years_text(5.0), "5");
        assert_eq!(years_text(6.46), "6.5");
    }
}
