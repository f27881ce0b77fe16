//! Hygiene of the built-in skills dictionary (`dictionaries/skills.toml`), read as the file is
//! written: skills grouped by category in the categories' order, ids unique and well formed, no
//! written form claimed twice, no empty form, every reject regex compiles, `counts_as` names a
//! skill that exists.

use std::collections::{HashMap, HashSet};
use toml::Value;

fn skills_file() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries/skills.toml");
    std::fs::read_to_string(path)
        .unwrap()
        .parse::<toml::Table>()
        .map(Value::Table)
        .unwrap()
}

fn strings<'a>(skill: &'a Value, key: &str) -> Vec<&'a str> {
    skill
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| v.as_str().expect("a string")).collect())
        .unwrap_or_default()
}

fn skills(file: &Value) -> &Vec<Value> {
    file["skill"].as_array().unwrap()
}

fn id(skill: &Value) -> &str {
    skill["id"].as_str().unwrap()
}

#[test]
fn at_least_400_skills_in_known_categories() {
    let file = skills_file();
    let categories: Vec<&str> = file["category"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(skills(&file).len() >= 400, "{} skills", skills(&file).len());
    for skill in skills(&file) {
        let category = skill["category"].as_str().unwrap();
        assert!(
            categories.contains(&category),
            "skill `{}` names unknown category `{category}`",
            id(skill)
        );
    }
}

/// "Sorted" here: the skills of a category form one block, and the blocks come in the order the
/// categories are declared (the order of the report).
#[test]
fn skills_are_grouped_by_category_in_category_order() {
    let file = skills_file();
    let order: HashMap<&str, usize> = file["category"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, c)| (c["id"].as_str().unwrap(), i))
        .collect();
    let mut last = 0;
    for skill in skills(&file) {
        let at = order[skill["category"].as_str().unwrap()];
        assert!(
            at >= last,
            "skill `{}` ({}) is out of its category's section",
            id(skill),
            skill["category"]
        );
        last = at;
    }
}

#[test]
fn ids_are_unique_and_well_formed() {
    let file = skills_file();
    let mut seen = HashSet::new();
    for skill in skills(&file) {
        let id = id(skill);
        assert!(seen.insert(id), "skill id `{id}` is listed twice");
        let well_formed = !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && !id.contains("--")
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        assert!(
            well_formed,
            "skill id `{id}`: lower-case letters, digits and single '-'"
        );
        assert!(
            !skill["name"].as_str().unwrap().trim().is_empty(),
            "skill `{id}` has no name"
        );
    }
}

#[test]
fn every_form_is_non_empty_and_claimed_once() {
    let file = skills_file();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for skill in skills(&file) {
        let forms: Vec<&str> = ["aliases", "exact", "ambiguous"]
            .iter()
            .flat_map(|k| strings(skill, k))
            .collect();
        assert!(!forms.is_empty(), "skill `{}` can never match", id(skill));
        for form in forms {
            assert!(
                !form.trim().is_empty() && form.trim() == form,
                "skill `{}`: empty or padded form {form:?}",
                id(skill)
            );
            if let Some(first) = owner.insert(form.to_lowercase(), id(skill)) {
                panic!(
                    "form {form:?} is claimed by `{first}` and by `{}`",
                    id(skill)
                );
            }
        }
        for word in strings(skill, "context_words") {
            assert!(
                !word.is_empty() && word == word.to_lowercase(),
                "skill `{}`: context word {word:?} must be lower-case",
                id(skill)
            );
        }
    }
}

#[test]
fn every_reject_regex_compiles() {
    let file = skills_file();
    for skill in skills(&file) {
        for pattern in strings(skill, "reject") {
            if let Err(e) = regex::Regex::new(pattern) {
                panic!("skill `{}`: reject {pattern:?}: {e}", id(skill));
            }
        }
    }
}

/// A named service counts for its provider: the provider exists, is another skill and does not
/// itself count for a third (one level, no cycles).
#[test]
fn counts_as_names_existing_skills_one_level_deep() {
    let file = skills_file();
    let all: HashMap<&str, &Value> = skills(&file).iter().map(|s| (id(s), s)).collect();
    for skill in skills(&file) {
        for target in strings(skill, "counts_as") {
            assert_ne!(target, id(skill), "skill `{target}` counts as itself");
            let Some(provider) = all.get(target) else {
                panic!("skill `{}`: counts_as names unknown `{target}`", id(skill));
            };
            assert!(
                strings(provider, "counts_as").is_empty(),
                "skill `{}` counts as `{target}`, which counts as another skill",
                id(skill)
            );
        }
    }
    // The cloud services the labelling guide names count for their provider.
    for (service, provider) in [
        ("ec2", "aws"),
        ("s3", "aws"),
        ("lambda", "aws"),
        ("eks", "aws"),
        ("kinesis", "aws"),
        ("bigquery", "gcp"),
        ("pub-sub", "gcp"),
        ("aks", "azure"),
        ("azure-devops", "azure"),
    ] {
        assert!(
            strings(all[service], "counts_as").contains(&provider),
            "`{service}` counts as `{provider}`"
        );
    }
}
