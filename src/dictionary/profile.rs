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
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
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
