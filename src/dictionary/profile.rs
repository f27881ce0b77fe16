//! Role profiles: which categories count for a role, and how much.

use super::builtin::BUILTIN_PROFILES;
use super::{fnv1a, Dictionary, DictionaryInfo};
use crate::error::{DictionaryProblem, Error};
use serde::{Deserialize, Serialize};

/// How one category counts towards a role's score.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryTarget {
    /// Category id.
    pub id: String,
    /// Share of the overall score (relative to the other categories' weights).
    pub weight: f64,
    /// Skill points that give full coverage of the category (a concrete skill used in work
    /// experience is worth its dictionary weight, about 1 point).
    pub saturation: f64,
    /// Skills a recruiter expects in this category; those absent are listed as `missing`.
    #[serde(default)]
    pub key: Vec<String>,
    /// A stack id (`dictionaries/stacks.toml`): the category is then made of that stack's skills,
    /// whatever their dictionary category, instead of the dictionary category `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
}

/// How much a skill is worth depending on where the resume shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFactors {
    /// Used in work experience or projects.
    pub evidenced: f64,
    /// Only listed (skills list, summary, header, other sections).
    pub listed: f64,
    /// Only in education or certifications.
    pub education: f64,
}

impl Default for SectionFactors {
    fn default() -> Self {
        SectionFactors {
            evidenced: 1.0,
            listed: 0.75,
            education: 0.5,
        }
    }
}

/// When a resume gets a `keyword_stuffing` warning: it names at least `min_skills` skills and at
/// most `max_evidenced_share` of them appear in work experience or projects.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StuffingRule {
    /// Fewest skills that can be stuffing.
    pub min_skills: usize,
    /// Largest share (0–1) of evidenced skills that still counts as stuffing.
    pub max_evidenced_share: f64,
}

impl Default for StuffingRule {
    fn default() -> Self {
        StuffingRule {
            min_skills: 25,
            max_evidenced_share: 0.2,
        }
    }
}

/// A role profile: what a resume is scored against.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// Stable id, e.g. `backend`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Version and fingerprint of the profile data.
    pub info: DictionaryInfo,
    /// Categories that count, in display order.
    pub categories: Vec<CategoryTarget>,
    /// Section factors.
    pub factors: SectionFactors,
    /// When to warn about keyword stuffing.
    pub stuffing: StuffingRule,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfileFile {
    profile: RawProfileHeader,
    #[serde(default)]
    scoring: Option<SectionFactors>,
    #[serde(default)]
    keyword_stuffing: Option<StuffingRule>,
    category: Vec<CategoryTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfileHeader {
    id: String,
    name: String,
    version: String,
    #[serde(default)]
    description: Option<String>,
}

impl Profile {
    /// A profile compiled into the library, by id (`backend`).
    ///
    /// # Errors
    /// [`Error::Config`] for an unknown id.
    pub fn builtin(id: &str) -> Result<Profile, Error> {
        let (_, text) = BUILTIN_PROFILES
            .iter()
            .find(|(name, _)| *name == id)
            .ok_or_else(|| {
                Error::Config(format!(
                    "unknown profile `{id}` (built-in profiles: {})",
                    super::builtin_profile_names().join(", ")
                ))
            })?;
        Profile::from_toml_str(&format!("builtin:profile/{id}"), text)
    }

    /// Parses a profile file's text.
    ///
    /// # Errors
    /// [`Error::Dictionary`] with the problem and its line.
    pub fn from_toml_str(source_name: &str, text: &str) -> Result<Profile, Error> {
        let raw: RawProfileFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            Error::Dictionary {
                source_name: source_name.to_string(),
                problems: vec![DictionaryProblem {
                    line,
                    message: e.message().to_string(),
                }],
            }
        })?;
        let _ = raw.profile.description;
        let problems = check_numbers(&raw);
        if !problems.is_empty() {
            return Err(Error::Dictionary {
                source_name: source_name.to_string(),
                problems: problems
                    .into_iter()
                    .map(|message| DictionaryProblem {
                        line: None,
                        message,
                    })
                    .collect(),
            });
        }
        Ok(Profile {
            info: DictionaryInfo {
                name: format!("profile:{}", raw.profile.id),
                version: raw.profile.version,
                fingerprint: format!("{:016x}", fnv1a(text.as_bytes())),
            },
            id: raw.profile.id,
            name: raw.profile.name,
            categories: raw.category,
            factors: raw.scoring.unwrap_or_default(),
            stuffing: raw.keyword_stuffing.unwrap_or_default(),
        })
    }

    /// Reads a profile from a file.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Dictionary`].
    pub fn from_path(path: &std::path::Path) -> Result<Profile, Error> {
        let text = super::read_data_file(path)?;
        Profile::from_toml_str(&path.display().to_string(), &text)
    }

    /// Checks that every category and key skill the profile names exists in `dict`.
    ///
    /// # Errors
    /// [`Error::Dictionary`] listing each unknown name.
    pub fn validate_against(&self, dict: &Dictionary) -> Result<(), Error> {
        let mut problems = Vec::new();
        for cat in &self.categories {
            if !(cat.weight >= 0.0 && cat.saturation > 0.0) {
                problems.push(DictionaryProblem {
                    line: None,
                    message: format!(
                        "category `{}`: weight must be >= 0 and saturation > 0",
                        cat.id
                    ),
                });
            }
            if let Some(stack_id) = &cat.stack {
                match dict.stack(stack_id) {
                    None => problems.push(DictionaryProblem {
                        line: None,
                        message: format!("category `{}`: unknown stack `{stack_id}`", cat.id),
                    }),
                    Some(stack) => {
                        for key in &cat.key {
                            if !stack.members().any(|m| m == key) {
                                problems.push(DictionaryProblem {
                                    line: None,
                                    message: format!(
                                        "category `{}`: key skill `{key}` is not in stack `{stack_id}`",
                                        cat.id
                                    ),
                                });
                            }
                        }
                    }
                }
                continue;
            }
            if dict.category(&cat.id).is_none() {
                problems.push(DictionaryProblem {
                    line: None,
                    message: format!("profile names unknown category `{}`", cat.id),
                });
            }
            for key in &cat.key {
                match dict.skill(key) {
                    None => problems.push(DictionaryProblem {
                        line: None,
                        message: format!("category `{}`: unknown key skill `{key}`", cat.id),
                    }),
                    Some(s) if s.category != cat.id => problems.push(DictionaryProblem {
                        line: None,
                        message: format!(
                            "category `{}`: key skill `{key}` belongs to category `{}`",
                            cat.id, s.category
                        ),
                    }),
                    Some(_) => {}
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Dictionary {
                source_name: format!("profile {}", self.id),
                problems,
            })
        }
    }
}

/// What makes a profile's scores meaningless: a weight or factor that is not a finite number in
/// its range (`inf` gives a `null` score, a negative factor a negative one), a category listed
/// twice (counted twice), or no category with any weight (every resume would score 0).
fn check_numbers(raw: &RawProfileFile) -> Vec<String> {
    let mut problems = Vec::new();
    let factors = raw.scoring.clone().unwrap_or_default();
    for (name, value) in [
        ("scoring.evidenced", factors.evidenced),
        ("scoring.listed", factors.listed),
        ("scoring.education", factors.education),
    ] {
        if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
            problems.push(format!(
                "{name} is {value}: a section factor is between 0 and 1"
            ));
        }
    }
    if let Some(rule) = &raw.keyword_stuffing {
        let share = rule.max_evidenced_share;
        if !(share.is_finite() && (0.0..=1.0).contains(&share)) {
            problems.push(format!(
                "keyword_stuffing.max_evidenced_share is {share}: a share is between 0 and 1"
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for c in &raw.category {
        if !seen.insert(c.id.as_str()) {
            problems.push(format!("category `{}` is listed twice", c.id));
        }
        if !(c.weight.is_finite() && c.weight >= 0.0) {
            problems.push(format!(
                "category `{}`: weight is {}: a weight is a finite number, 0 or more",
                c.id, c.weight
            ));
        }
        if !(c.saturation.is_finite() && c.saturation > 0.0) {
            problems.push(format!(
                "category `{}`: saturation is {}: it is a finite number of points above 0",
                c.id, c.saturation
            ));
        }
    }
    if !raw.category.is_empty()
        && problems.is_empty()
        && raw.category.iter().all(|c| c.weight == 0.0)
    {
        problems.push("every category weighs 0: every resume would score 0".to_string());
    }
    if raw.category.is_empty() {
        problems.push("no [[category]]: a profile scores at least one category".to_string());
    }
    problems
}

#[cfg(test)]
mod number_tests {
    use super::Profile;

    fn profile(scoring: &str, categories: &str) -> Result<Profile, crate::Error> {
        Profile::from_toml_str(
            "test",
            &format!(
                "[profile]\nid = \"t\"\nname = \"T\"\nversion = \"1\"\n{scoring}\n{categories}"
            ),
        )
    }

    const ONE: &str = "[[category]]\nid = \"languages\"\nweight = 1\nsaturation = 2\n";

    #[test]
    fn refuses_scores_that_mean_nothing() {
        assert!(profile("", ONE).is_ok());
        for (scoring, categories, problem) in [
            (
                "",
                "[[category]]\nid = \"languages\"\nweight = inf\nsaturation = 2\n",
                "weight is inf",
            ),
            (
                "",
                "[[category]]\nid = \"languages\"\nweight = nan\nsaturation = 2\n",
                "weight is NaN",
            ),
            (
                "",
                "[[category]]\nid = \"languages\"\nweight = -1\nsaturation = 2\n",
                "weight is -1",
            ),
            (
                "",
                "[[category]]\nid = \"languages\"\nweight = 1\nsaturation = 0\n",
                "saturation is 0",
            ),
            (
                "",
                "[[category]]\nid = \"languages\"\nweight = 0\nsaturation = 2\n",
                "every category weighs 0",
            ),
            ("", &format!("{ONE}{ONE}"), "listed twice"),
            (
                "[scoring]\nevidenced = -1\nlisted = 0.75\neducation = 0.5",
                ONE,
                "scoring.evidenced is -1",
            ),
            (
                "[scoring]\nevidenced = nan\nlisted = 0.75\neducation = 0.5",
                ONE,
                "scoring.evidenced is NaN",
            ),
        ] {
            let err = profile(scoring, categories).unwrap_err().to_string();
            assert!(err.contains(problem), "{problem}: {err}");
        }
    }
}
