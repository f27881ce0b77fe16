//! How senior a resume reads: from the title of its most recent position, else from its total
//! years of experience.
//!
//! The rule, in words a recruiter can repeat: the most recent position (the one that ends last,
//! "present" first) decides when its title says the level: "Intern" → `intern`; "Junior",
//! "Graduate", "Trainee" → `junior`; "Senior" → `senior`; "Lead", "Team Lead", "Tech Lead" →
//! `lead`; "Staff", "Principal", "Distinguished", "Architect" → `principal`; "Manager", "Director",
//! "Head of", "VP", "CTO" → `manager` (the highest word on the title wins). When it does not, the
//! total years decide: under 2 → `junior`, 2 to 8 → `mid`, 8 or more → `senior`; only internships
//! → `intern`. With no dated job, a degree still in progress → `intern`, a degree or student jobs
//! → `junior`, nothing → `unknown`.

use crate::education::Education;
use crate::experience::{contains_words as has_words, EntryKind, Experience};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A seniority band, lowest first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SeniorityBand {
    /// The resume does not say.
    #[default]
    Unknown,
    /// Internships only, or an intern title.
    Intern,
    /// Junior, graduate or trainee title, or under two years.
    Junior,
    /// Two to eight years, no title word.
    Mid,
    /// Senior title, or eight years or more with no title word.
    Senior,
    /// Lead title.
    Lead,
    /// Staff, principal, distinguished or architect title.
    Principal,
    /// Manager, director, head of, VP or CTO title.
    Manager,
}

impl SeniorityBand {
    /// The band as the report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SeniorityBand::Unknown => "unknown",
            SeniorityBand::Intern => "intern",
            SeniorityBand::Junior => "junior",
            SeniorityBand::Mid => "mid",
            SeniorityBand::Senior => "senior",
            SeniorityBand::Lead => "lead",
            SeniorityBand::Principal => "principal",
            SeniorityBand::Manager => "manager",
        }
    }
}

/// How senior a resume reads, and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Seniority {
    /// The band.
    pub band: SeniorityBand,
    /// The 1-based line of the title that decided, when a title did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For people: "title 'Senior Engineer, ACME'" or "6.5 years, no level in the latest title".
    pub reason: String,
}

/// Below this many years, with no level in the title: junior.
const JUNIOR_BELOW_YEARS: f64 = 2.0;
/// From this many years, with no level in the title: senior.
const SENIOR_FROM_YEARS: f64 = 8.0;

/// Title words by band, highest band first, lower case, matched as whole words.
const TITLE_WORDS: [(SeniorityBand, &[&str]); 6] = [
    (
        SeniorityBand::Manager,
        &[
            "manager",
            "director",
            "head of",
            "vp",
            "vice president",
            "cto",
            "ceo",
            "chief",
            "leiter",
            "leiterin",
            "directeur",
            "directrice",
            "gerente",
            "responsable",
        ],
    ),
    (
        SeniorityBand::Principal,
        &[
            "principal",
            "staff",
            "distinguished",
            "fellow",
            "architect",
            "architekt",
            "architecte",
        ],
    ),
    (
        SeniorityBand::Lead,
        &["lead", "team lead", "tech lead", "leader", "lider", "líder"],
    ),
    (
        SeniorityBand::Senior,
        &["senior", "sr", "sr.", "sénior", "expert"],
    ),
    (
        SeniorityBand::Junior,
        &[
            "junior",
            "jr",
            "jr.",
            "graduate",
            "trainee",
            "entry-level",
            "entry level",
            "júnior",
        ],
    ),
    (
        SeniorityBand::Intern,
        &[
            "intern",
            "internship",
            "praktikant",
            "stagiaire",
            "becario",
            "estagiário",
        ],
    ),
];

/// Reads the seniority of a resume from its experience, and its education when it dates no job.
pub(crate) fn seniority(experience: &Experience, education: &Education) -> Seniority {
    let all = experience.entries.iter().chain(&experience.excluded);
    // The most recent position: the latest end ("present" sorts last), then the first written.
    let latest = all.clone().max_by(|a, b| {
        let end = |e: &crate::experience::DatedEntry| (e.end == "present", e.end.clone());
        end(a).cmp(&end(b)).then(b.line.cmp(&a.line))
    });
    if let Some(entry) = latest {
        if let Some(title) = &entry.title {
            let lower = title.to_lowercase();
            if let Some(band) = TITLE_WORDS
                .iter()
                .find(|(_, words)| words.iter().any(|w| has_words(&lower, w)))
                .map(|&(band, _)| band)
            {
                return Seniority {
                    band,
                    line: Some(entry.line),
                    reason: format!("latest title \"{title}\""),
                };
            }
        }
    }
    let (band, reason) = match experience.total_years {
        Some(years) if years < JUNIOR_BELOW_YEARS => {
            (SeniorityBand::Junior, format!("{years:.1} years"))
        }
        Some(years) if years < SENIOR_FROM_YEARS => (
            SeniorityBand::Mid,
            format!("{years:.1} years, no level in the latest title"),
        ),
        Some(years) => (
            SeniorityBand::Senior,
            format!("{years:.1} years, no level in the latest title"),
        ),
        None if all.clone().any(|e| e.kind == EntryKind::Internship) => {
            (SeniorityBand::Intern, "internships only".to_string())
        }
        None if education.degrees.iter().any(|d| !d.completed) => (
            SeniorityBand::Intern,
            "no job yet, a degree in progress".to_string(),
        ),
        None if latest.is_some() || !education.degrees.is_empty() => (
            SeniorityBand::Junior,
            "no job yet, a degree or student jobs".to_string(),
        ),
        None => (SeniorityBand::Unknown, "no dated position".to_string()),
    };
    Seniority {
        band,
        line: None,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::years::Month;

    const NOW: Month = 2026 * 12 + 10;

    fn band(text: &str) -> SeniorityBand {
        let starts = crate::normalize::lines::line_starts(text);
        let mut sections = vec![crate::dictionary::SectionKind::Experience; starts.len()];
        sections[0] = crate::dictionary::SectionKind::Header;
        let ranges = crate::years::LineRanges::new(text, &starts, NOW);
        let experience = crate::experience::experience(text, &starts, &sections, &ranges);
        seniority(&experience, &Education::default()).band
    }

    #[test]
    fn the_latest_title_decides_then_the_years() {
        assert_eq!(
            band("Jo\nSenior Engineer, A | 2021 – Present\nEngineering Manager, B | 2015 – 2020\n"),
            SeniorityBand::Senior
        );
        assert_eq!(
            band("Jo\nEngineering Manager, A | 2021 – Present\nSenior Engineer, B | 2015 – 2020\n"),
            SeniorityBand::Manager
        );
        assert_eq!(
            band("Jo\nStaff Engineer, A | 2020 – Present\n"),
            SeniorityBand::Principal
        );
        assert_eq!(
            band("Jo\nEngineer, A | Mar 2025 – Present\n"),
            SeniorityBand::Junior
        );
        assert_eq!(
            band("Jo\nEngineer, A | 2021 – Present\n"),
            SeniorityBand::Mid
        );
        assert_eq!(
            band("Jo\nEngineer, A | 2012 – Present\n"),
            SeniorityBand::Senior
        );
        assert_eq!(
            band("Jo\nSoftware Intern, A | Jun 2025 – Aug 2025\n"),
            SeniorityBand::Intern
        );
        assert_eq!(band("Jo\nNo dates here.\n"), SeniorityBand::Unknown);
    }
}
