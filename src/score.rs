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

use crate::dictionary::{Dictionary, Profile, SectionFactors, SectionKind, StuffingRule};
use crate::report::{round1, Name};
use std::cmp::Ordering;

/// A skill as scoring needs it.
#[derive(Debug, Clone)]
pub struct ScoredSkill<'a> {
    /// Skill id.
    pub id: &'a Name,
    /// Category id.
    pub category: &'a str,
    /// Points (weight × section factor; for an implied skill, × its credit too).
    pub points: f64,
    /// True for a skill the document does not name but a found skill implies.
    pub implied: bool,
}

/// What scoring says of a document: the overall score and each category's part, unrounded.
/// `report` rounds it into the wire types.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Weighted mean coverage of the categories, 0–1.
    pub overall: f64,
    /// One per profile category, in profile order.
    pub categories: Vec<CategoryScore>,
}

/// One category's coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore {
    /// Category id.
    pub id: Name,
    /// Display name (a stack category is "NAME stack").
    pub name: Name,
    /// Points over the saturation, capped at 1.
    pub coverage: f64,
    /// The category's weight over the sum of weights, 0–1.
    pub share: f64,
    /// Ids of the found skills counted, sorted.
    pub matched: Vec<Name>,
    /// Ids of the key skills neither found nor implied (none when the category is covered).
    pub missing: Vec<Name>,
    /// Ids of the implied skills counted, sorted.
    pub implied: Vec<Name>,
}

/// The section factor of a skill mentioned in `sections`, and whether that shows it used (in work
/// experience or projects).
pub fn section_factor(factors: &SectionFactors, sections: &[SectionKind]) -> (f64, bool) {
    let evidenced = sections
        .iter()
        .any(|s| matches!(s, SectionKind::Experience | SectionKind::Projects));
    let only_education = sections
        .iter()
        .all(|s| matches!(s, SectionKind::Education | SectionKind::Certifications));
    let factor = if evidenced {
        factors.evidenced
    } else if only_education {
        factors.education
    } else {
        factors.listed
    };
    (factor, evidenced)
}

/// A skill's points: dictionary weight × factor, to two decimals.
pub fn skill_points(weight: f64, factor: f64) -> f64 {
    round1(weight * factor * 100.0) / 100.0
}

/// The order skills are reported in: evidenced first, then most mentioned, then by id.
pub fn skill_order(a: (bool, usize, &str), b: (bool, usize, &str)) -> Ordering {
    b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2))
}

/// Whether `skills` named, of which `evidenced` shown in use, looks like keyword stuffing.
pub fn is_stuffed(rule: &StuffingRule, skills: usize, evidenced: usize) -> bool {
    skills >= rule.min_skills && (evidenced as f64) <= rule.max_evidenced_share * skills as f64
}

/// Category coverage and the overall score for a set of found and implied skills.
pub fn score(profile: &Profile, dict: &Dictionary, skills: &[ScoredSkill<'_>]) -> Score {
    let total_weight: f64 = profile.categories.iter().map(|c| c.weight).sum();
    let mut categories = Vec::with_capacity(profile.categories.len());
    let mut overall = 0.0;
    // Each skill's profile category by its dictionary category, looked up once (a profile lists
    // a category once) rather than compared with every category's id.
    let by_id: rustc_hash::FxHashMap<&str, usize> = profile
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    // Each skill with its profile category (one past the last for a skill in none), grouped by
    // it with the matcher's stable counting sort: each category's skills in the order given,
    // rather than every skill looked at for every category.
    let outside = profile.categories.len();
    let keyed: Vec<(&ScoredSkill<'_>, usize)> = skills
        .iter()
        .map(|s| (s, by_id.get(s.category).copied().unwrap_or(outside)))
        .collect();
    let grouped = crate::matcher::stable_by_index(&keyed, |&(_, category)| category);
    for (index, target) in profile.categories.iter().enumerate() {
        // A stack category is made of the stack's skills, whatever their dictionary category.
        let stack = target.stack.as_deref().and_then(|id| dict.stack(id));
        let stack_members: Vec<&(&ScoredSkill<'_>, usize)>;
        let members: &[&(&ScoredSkill<'_>, usize)] = match stack {
            Some(stack) => {
                stack_members = keyed
                    .iter()
                    .filter(|(s, _)| stack.members().any(|m| m == s.id.as_str()))
                    .collect();
                &stack_members
            }
            None => {
                let from = grouped.partition_point(|&&(_, category)| category < index);
                let to = grouped.partition_point(|&&(_, category)| category <= index);
                &grouped[from..to]
            }
        };
        let in_cat = || members.iter().map(|&&(s, _)| s);
        let points: f64 = in_cat().map(|s| s.points).sum();
        let coverage = (points / target.saturation).min(1.0);
        let share = if total_weight > 0.0 {
            target.weight / total_weight
        } else {
            0.0
        };
        overall += coverage * share;
        let ids = |implied: bool| {
            // Sized for all the category's skills: allocated once rather than grown.
            let mut ids: Vec<Name> = Vec::with_capacity(members.len());
            ids.extend(
                in_cat()
                    .filter(|s| s.implied == implied)
                    .map(|s| s.id.clone()),
            );
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
                .filter(|k| !in_cat().any(|s| *s.id == **k))
                .map(Name::from)
                .collect()
        };
        categories.push(CategoryScore {
            id: Name::from(&target.id),
            name: match stack {
                Some(stack) => Name::from(format!("{} stack", stack.name)),
                None => Name::from(dict.category(&target.id).map_or(&target.id, |c| &c.name)),
            },
            coverage,
            share,
            matched,
            missing,
            implied,
        });
    }
    Score {
        overall,
        categories,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Profile, Dictionary) {
        (
            Profile::builtin("backend").unwrap(),
            Dictionary::builtin().unwrap(),
        )
    }

    fn skill<'a>(dict: &'a Dictionary, id: &'a Name, factor: f64) -> ScoredSkill<'a> {
        let s = dict.skill(id).unwrap();
        ScoredSkill {
            id,
            category: &s.category,
            points: skill_points(s.weight, factor),
            implied: false,
        }
    }

    #[test]
    fn no_skill_scores_zero_and_misses_every_key_skill() {
        let (profile, dict) = setup();
        let score = score(&profile, &dict, &[]);
        assert_eq!(score.overall, 0.0);
        assert!(score.categories.iter().all(|c| c.coverage == 0.0));
        let keys: usize = profile.categories.iter().map(|c| c.key.len()).sum();
        let missing: usize = score.categories.iter().map(|c| c.missing.len()).sum();
        assert_eq!(missing, keys);
    }

    #[test]
    fn adding_a_skill_or_a_better_section_never_lowers_a_score() {
        let (profile, dict) = setup();
        let ids = [
            "go",
            "python",
            "postgresql",
            "kafka",
            "docker",
            "kubernetes",
            "rest",
            "grpc",
            "aws",
            "redis",
            "git",
            "unit-testing",
            "oauth",
            "microservices",
            "graphql",
        ]
        .map(Name::from);
        let mut skills = Vec::new();
        let mut last = score(&profile, &dict, &skills);
        for (i, id) in ids.iter().enumerate() {
            let factor = [1.0, 0.75, 0.5][i % 3];
            skills.push(skill(&dict, id, factor));
            let now = score(&profile, &dict, &skills);
            assert!(now.overall >= last.overall, "adding {id} lowered the score");
            for (a, b) in now.categories.iter().zip(&last.categories) {
                assert!(a.coverage >= b.coverage, "adding {id} lowered {}", a.id);
            }
            // The same skill seen in work experience instead is worth at least as much.
            let mut better = skills.clone();
            *better.last_mut().unwrap() = skill(&dict, id, 1.0);
            assert!(score(&profile, &dict, &better).overall >= now.overall);
            last = now;
        }
        assert!(last.overall > 0.5, "{}", last.overall);
    }

    #[test]
    fn a_category_saturates_and_then_misses_nothing() {
        let (profile, dict) = setup();
        let languages = [
            "go", "python", "java", "ruby", "php", "sql", "rust", "kotlin",
        ]
        .map(Name::from);
        let skills: Vec<ScoredSkill<'_>> =
            languages.iter().map(|id| skill(&dict, id, 1.0)).collect();
        let score = score(&profile, &dict, &skills);
        let cat = score
            .categories
            .iter()
            .find(|c| c.id == "languages")
            .unwrap();
        assert_eq!(cat.coverage, 1.0, "capped at full coverage");
        assert!(cat.missing.is_empty());
        // Full coverage of one category is its share of the score, no more.
        assert!((score.overall - cat.share).abs() < 1e-9);
    }

    #[test]
    fn section_factors_and_stuffing() {
        let f = SectionFactors::default();
        assert_eq!(
            section_factor(&f, &[SectionKind::Skills, SectionKind::Experience]),
            (f.evidenced, true)
        );
        assert_eq!(
            section_factor(&f, &[SectionKind::Skills]),
            (f.listed, false)
        );
        assert_eq!(
            section_factor(&f, &[SectionKind::Education]),
            (f.education, false)
        );
        let rule = StuffingRule::default();
        assert!(is_stuffed(&rule, 30, 2));
        assert!(!is_stuffed(&rule, 30, 20));
        assert!(!is_stuffed(&rule, 5, 0), "few skills are never stuffing");
    }
}
