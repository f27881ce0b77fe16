//! Scoring: skills found + role profile -> category coverage and an overall score.
//!
//! In words a recruiter can repeat:
//!
//! 1. Each skill found is worth its dictionary weight (1 for a concrete technology such as
//!    PostgreSQL, 0.5 for an umbrella term such as "caching"), times a section factor: full value
//!    when the resume shows it used in work experience or a project, 75 % when it is only listed,
//!    50 % when it appears only under education or certifications (the profile sets these factors).
//! 2. A category's coverage is the sum of its skills' points divided by the points the profile
//!    needs for full coverage (its `saturation`), capped at 100 %. Two languages may be plenty; a
//!    dozen do not make up for no database.
//! 3. The overall score is the weighted mean of the categories' coverage, 0–100, using the
//!    profile's category weights.
//!
//! A skill the resume does not name but a found skill implies (Django → Python) counts too, at
//! the implication's credit (see `dictionaries/relations.toml`); it is listed apart from the found
//! skills and is never `missing`.
//!
//! Adding a skill, or a mention in a better section, never lowers any number here.

use crate::dictionary::{Dictionary, Profile};
use crate::report::{round1, CategoryReport};

/// A skill as scoring needs it.
#[derive(Debug, Clone)]
pub struct ScoredSkill<'a> {
    /// Skill id.
    pub id: &'a str,
    /// Category id.
    pub category: &'a str,
    /// Points (weight × section factor; for an implied skill, × its credit too).
    pub points: f64,
    /// True for a skill the document does not name but a found skill implies.
    pub implied: bool,
}

/// Category reports and the overall score for a set of found skills.
pub fn score(
    profile: &Profile,
    dict: &Dictionary,
    skills: &[ScoredSkill<'_>],
) -> (f64, Vec<CategoryReport>) {
    let total_weight: f64 = profile.categories.iter().map(|c| c.weight).sum();
    let mut categories = Vec::with_capacity(profile.categories.len());
    let mut overall = 0.0;
    for target in &profile.categories {
        // A stack category is made of the stack's skills, whatever their dictionary category.
        let stack = target.stack.as_deref().and_then(|id| dict.stack(id));
        let in_cat: Vec<&ScoredSkill<'_>> = skills
            .iter()
            .filter(|s| match stack {
                Some(stack) => stack.members().any(|m| m == s.id),
                None => s.category == target.id,
            })
            .collect();
        let points: f64 = in_cat.iter().map(|s| s.points).sum();
        let coverage = (points / target.saturation).min(1.0);
        let share = if total_weight > 0.0 {
            target.weight / total_weight
        } else {
            0.0
        };
        overall += coverage * share;
        let ids = |implied: bool| {
            let mut ids: Vec<String> = in_cat
                .iter()
                .filter(|s| s.implied == implied)
                .map(|s| s.id.to_string())
                .collect();
            ids.sort();
            ids
        };
        let (matched, implied) = (ids(false), ids(true));
        // A fully covered category misses nothing: a Python developer is not "missing" Go.
        let missing = if coverage >= 1.0 {
            Vec::new()
        } else {
            target
                .key
                .iter()
                .filter(|k| !in_cat.iter().any(|s| s.id == k.as_str()))
                .cloned()
                .collect()
        };
        categories.push(CategoryReport {
            id: target.id.clone(),
            name: match stack {
                Some(stack) => format!("{} stack", stack.name),
                None => dict
                    .category(&target.id)
                    .map_or_else(|| target.id.clone(), |c| c.name.clone()),
            },
            score: round1(coverage * 100.0),
            weight: (share * 1000.0).round() / 1000.0,
            points: round1(coverage * share * 100.0),
            matched,
            missing,
            implied,
        });
    }
    (round1(overall * 100.0), categories)
}
