//! Parsing and validating one dictionary file.

use super::{
    fnv1a, Alias, AliasKind, Category, Dictionary, DictionaryInfo, PostingMark, Relation,
    RelationKind, SectionKind, Skill, Stack, IMPLIED_CREDIT,
};
use crate::error::{DictionaryProblem, Error};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// Checks a dictionary file's text and returns every problem found (empty when it is valid).
///
/// Besides what loading checks (syntax, duplicate ids, aliases claimed twice, empty aliases, bad
/// regexes), the file is merged on top of `base` when given, so that aliases it shares with the
/// built-in skills and unknown categories are reported too.
pub fn check_dictionary_text(
    source_name: &str,
    text: &str,
    base: Option<&Dictionary>,
) -> Vec<DictionaryProblem> {
    let (parsed, mut problems) = parse_collect(source_name, text);
    let Some(mut parsed) = parsed else {
        return problems;
    };
    // Merge without the reject rules so that a bad regex, already reported, is not reported twice.
    for skill in &mut parsed.skills {
        skill
            .reject
            .retain(|r| crate::reject::check_regex(r).is_ok());
    }
    let mut merged = base.cloned().unwrap_or_default();
    match merged.merge(parsed) {
        Ok(()) => {}
        Err(Error::Dictionary { problems: more, .. }) => problems.extend(more),
        Err(other) => problems.push(DictionaryProblem {
            line: None,
            message: other.to_string(),
        }),
    }
    problems.sort_by_key(|p| p.line);
    problems
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    dictionary: Option<RawHeader>,
    context: Option<RawContext>,
    #[serde(default)]
    category: Vec<RawCategory>,
    #[serde(default)]
    skill: Vec<RawSkill>,
    #[serde(default)]
    section: Vec<RawSection>,
    #[serde(default)]
    relation: Vec<RawRelation>,
    #[serde(default)]
    posting_section: Vec<RawPostingSection>,
    #[serde(default)]
    posting_cue: Vec<RawPostingCue>,
    #[serde(default)]
    stack: Vec<RawStack>,
    #[serde(default)]
    esco: std::collections::BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStack {
    id: Spanned<String>,
    name: String,
    core: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    version: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    #[serde(default)]
    tech_words: Vec<String>,
    #[serde(default)]
    window: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: Spanned<String>,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    id: Spanned<String>,
    name: String,
    category: String,
    #[serde(default)]
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    #[serde(default)]
    ambiguous: Vec<Spanned<String>>,
    #[serde(default)]
    reject: Vec<Spanned<String>>,
    #[serde(default)]
    context_words: Vec<String>,
    #[serde(default)]
    counts_as: Vec<String>,
    esco: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    headings: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    from: Spanned<String>,
    to: String,
    #[serde(default)]
    credit: Option<f64>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPostingSection {
    importance: Spanned<String>,
    headings: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPostingCue {
    importance: Spanned<String>,
    phrases: Vec<Spanned<String>>,
}

struct Problems<'a> {
    text: &'a str,
    /// Byte offset of each line start, for offset -> line lookups.
    line_starts: Vec<usize>,
    list: Vec<DictionaryProblem>,
}

impl<'a> Problems<'a> {
    fn new(text: &'a str) -> Problems<'a> {
        Problems {
            text,
            line_starts: crate::normalize::lines::line_starts(text),
            list: Vec::new(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        crate::normalize::lines::line_of(&self.line_starts, offset.min(self.text.len())) + 1
    }

    fn at(&mut self, offset: usize, message: String) {
        let line = self.line_of(offset);
        self.list.push(DictionaryProblem {
            line: Some(line),
            message,
        });
    }
}

pub(super) fn parse(source_name: &str, text: &str) -> Result<Dictionary, Error> {
    let (dict, problems) = parse_collect(source_name, text);
    match dict {
        Some(dict) if problems.is_empty() => Ok(dict),
        _ => Err(Error::Dictionary {
            source_name: source_name.to_string(),
            problems,
        }),
    }
}

/// Parses as much as possible: the dictionary (unless the TOML itself is broken) and every problem.
fn parse_collect(source_name: &str, text: &str) -> (Option<Dictionary>, Vec<DictionaryProblem>) {
    let mut problems = Problems::new(text);
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let message = e.message().to_string();
            match e.span() {
                Some(span) => problems.at(span.start, message),
                None => problems.list.push(DictionaryProblem {
                    line: None,
                    message,
                }),
            }
            return (None, problems.list);
        }
    };

    let header = raw.dictionary.unwrap_or_else(|| {
        problems.list.push(DictionaryProblem {
            line: None,
            message: "missing [dictionary] table with `name` and `version`".into(),
        });
        RawHeader {
            name: String::new(),
            version: String::new(),
            description: None,
        }
    });
    let _ = header.description;

    let mut dict = Dictionary {
        sources: vec![DictionaryInfo {
            name: header.name,
            version: header.version,
            fingerprint: format!("{:016x}", fnv1a(text.as_bytes())),
        }],
        ..Dictionary::default()
    };

    if let Some(ctx) = raw.context {
        dict.tech_words = ctx.tech_words.iter().map(|w| w.to_lowercase()).collect();
        dict.context_window = ctx.window.unwrap_or(0);
    }

    let mut category_ids: HashMap<String, usize> = HashMap::new();
    for cat in raw.category {
        check_id(&mut problems, &cat.id, "category");
        if category_ids.insert(cat.id.get_ref().clone(), 0).is_some() {
            problems.at(
                cat.id.span().start,
                format!("duplicate category id `{}`", cat.id.get_ref()),
            );
        }
        dict.categories.push(Category {
            id: cat.id.into_inner(),
            name: cat.name,
        });
    }

    let mut skill_lines: HashMap<String, usize> = HashMap::new();
    let mut alias_owner: HashMap<String, String> = HashMap::new();
    for raw_skill in raw.skill {
        let id = raw_skill.id.get_ref().clone();
        check_id(&mut problems, &raw_skill.id, "skill");
        if skill_lines
            .insert(id.clone(), raw_skill.id.span().start)
            .is_some()
        {
            problems.at(
                raw_skill.id.span().start,
                format!("duplicate skill id `{id}`"),
            );
        }
        let weight = match raw_skill.weight {
            Some(w) => {
                let value = *w.get_ref();
                if !(value > 0.0 && value <= 10.0) {
                    problems.at(
                        w.span().start,
                        format!("skill `{id}`: weight must be in (0, 10], got {value}"),
                    );
                }
                value
            }
            None => 1.0,
        };
        let mut aliases = Vec::new();
        for (list, kind) in [
            (raw_skill.aliases, AliasKind::Plain),
            (raw_skill.exact, AliasKind::Exact),
            (raw_skill.ambiguous, AliasKind::Ambiguous),
        ] {
            for alias in list {
                let text = alias.get_ref();
                if text.trim().is_empty() {
                    problems.at(alias.span().start, format!("skill `{id}`: empty alias"));
                    continue;
                }
                if text.trim() != text {
                    problems.at(
                        alias.span().start,
                        format!("skill `{id}`: alias `{text}` has leading or trailing spaces"),
                    );
                }
                let key = text.to_lowercase();
                match alias_owner.get(&key) {
                    Some(owner) if *owner == id => problems.at(
                        alias.span().start,
                        format!("skill `{id}`: alias `{text}` is listed twice"),
                    ),
                    Some(owner) => problems.at(
                        alias.span().start,
                        format!("alias `{text}` is claimed by skill `{owner}` and by skill `{id}`"),
                    ),
                    None => {
                        alias_owner.insert(key, id.clone());
                    }
                }
                let line = problems.line_of(alias.span().start);
                aliases.push(Alias {
                    text: alias.into_inner(),
                    kind,
                    line: Some(line),
                });
            }
        }
        if aliases.is_empty() {
            problems.at(
                raw_skill.id.span().start,
                format!("skill `{id}` has no aliases, so it can never match"),
            );
        }
        let mut reject = Vec::new();
        for pattern in raw_skill.reject {
            // Parsing is enough to validate and far cheaper than compiling; the matcher compiles
            // each skill's patterns on first use. The built-in regexes are known to parse.
            if let Err(e) = crate::reject::check_regex(pattern.get_ref()) {
                problems.at(
                    pattern.span().start,
                    format!("skill `{id}`: bad reject regex: {}", first_line(&e)),
                );
            }
            reject.push(pattern.into_inner());
        }
        let esco = raw_skill.esco.map(|uri| {
            check_esco(&mut problems, &uri, &id);
            uri.into_inner()
        });
        dict.skills.push(Skill {
            esco,
            id,
            name: raw_skill.name,
            category: raw_skill.category,
            weight,
            aliases,
            reject,
            context_words: raw_skill
                .context_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            counts_as: raw_skill.counts_as,
            source: source_name.to_string(),
        });
    }

    let mut heading_owner: HashMap<String, String> = HashMap::new();
    for section in raw.section {
        let Some(kind) = SectionKind::from_id(section.id.get_ref()) else {
            problems.at(
                section.id.span().start,
                format!(
                    "unknown section `{}` (expected summary, skills, experience, projects, education, certifications or other)",
                    section.id.get_ref()
                ),
            );
            continue;
        };
        for heading in section.headings {
            let key = heading.get_ref().trim().to_lowercase();
            if key.is_empty() {
                problems.at(heading.span().start, "empty section heading".into());
                continue;
            }
            if let Some(owner) = heading_owner.insert(key.clone(), section.id.get_ref().clone()) {
                problems.at(
                    heading.span().start,
                    format!(
                        "heading `{}` is listed for section `{owner}` and for `{}`",
                        heading.get_ref(),
                        section.id.get_ref()
                    ),
                );
            }
            dict.section_headings.push((key, kind));
        }
    }

    for rel in raw.relation {
        let kind = match &rel.kind {
            None => RelationKind::Related,
            Some(k) => RelationKind::from_id(k.get_ref()).unwrap_or_else(|| {
                problems.at(
                    k.span().start,
                    format!(
                        "unknown relation kind `{}` (expected related or implies)",
                        k.get_ref()
                    ),
                );
                RelationKind::Related
            }),
        };
        let credit = match (rel.credit, kind) {
            (Some(c), _) => c,
            (None, RelationKind::Implies) => IMPLIED_CREDIT,
            (None, RelationKind::Related) => {
                problems.at(
                    rel.from.span().start,
                    "a related-skill relation needs a `credit`".into(),
                );
                1.0
            }
        };
        if !(credit > 0.0 && credit <= 1.0) {
            problems.at(
                rel.from.span().start,
                format!("relation credit must be in (0, 1], got {credit}"),
            );
        }
        if *rel.from.get_ref() == rel.to {
            problems.at(
                rel.from.span().start,
                format!("relation from `{}` to itself", rel.to),
            );
        }
        dict.relations.push(Relation {
            from: rel.from.into_inner(),
            to: rel.to,
            credit,
            kind,
        });
    }

    for (id, uri) in raw.esco {
        check_esco(&mut problems, &uri, &id);
        dict.esco.push((id, uri.into_inner()));
    }

    let mut stack_ids: HashMap<String, usize> = HashMap::new();
    for stack in raw.stack {
        check_id(&mut problems, &stack.id, "stack");
        if stack_ids.insert(stack.id.get_ref().clone(), 0).is_some() {
            problems.at(
                stack.id.span().start,
                format!("duplicate stack id `{}`", stack.id.get_ref()),
            );
        }
        if stack.core.is_empty() {
            problems.at(
                stack.id.span().start,
                format!(
                    "stack `{}` has no core skill, so it can never count",
                    stack.id.get_ref()
                ),
            );
        }
        dict.stacks.push(Stack {
            id: stack.id.into_inner(),
            name: stack.name,
            core: stack.core,
            skills: stack.skills,
        });
    }

    parse_postings(
        &mut problems,
        &mut dict,
        raw.posting_section,
        raw.posting_cue,
    );

    (Some(dict), problems.list)
}

/// The `[[posting_section]]` and `[[posting_cue]]` entries: how job postings are read.
fn parse_postings(
    problems: &mut Problems<'_>,
    dict: &mut Dictionary,
    sections: Vec<RawPostingSection>,
    cues: Vec<RawPostingCue>,
) {
    let mark_of = |problems: &mut Problems<'_>, id: &Spanned<String>, allow_all: bool| {
        let mark = PostingMark::from_id(id.get_ref());
        match mark {
            Some(PostingMark::Neutral | PostingMark::Ignore) if !allow_all => {
                problems.at(
                    id.span().start,
                    format!(
                        "posting cue importance must be `required` or `optional`, got `{}`",
                        id.get_ref()
                    ),
                );
                None
            }
            Some(mark) => Some(mark),
            None => {
                problems.at(
                    id.span().start,
                    format!(
                        "unknown posting importance `{}` (expected required, optional, neutral or ignore)",
                        id.get_ref()
                    ),
                );
                None
            }
        }
    };
    let mut heading_owner: HashMap<String, PostingMark> = HashMap::new();
    for section in sections {
        let Some(mark) = mark_of(problems, &section.importance, true) else {
            continue;
        };
        for heading in section.headings {
            let key = posting_key(heading.get_ref());
            if key.is_empty() {
                problems.at(heading.span().start, "empty posting heading".into());
                continue;
            }
            if let Some(owner) = heading_owner.insert(key.clone(), mark) {
                problems.at(
                    heading.span().start,
                    format!(
                        "posting heading `{}` is listed as `{}` and as `{}`",
                        heading.get_ref(),
                        owner.id(),
                        mark.id()
                    ),
                );
                continue;
            }
            dict.posting_headings.push((key, mark));
        }
    }
    let mut cue_owner: HashMap<String, PostingMark> = HashMap::new();
    for cue in cues {
        let Some(mark) = mark_of(problems, &cue.importance, false) else {
            continue;
        };
        for phrase in cue.phrases {
            let key = posting_key(phrase.get_ref());
            if key.is_empty() {
                problems.at(phrase.span().start, "empty posting cue".into());
                continue;
            }
            if let Some(owner) = cue_owner.insert(key.clone(), mark) {
                problems.at(
                    phrase.span().start,
                    format!(
                        "posting cue `{}` is listed as `{}` and as `{}`",
                        phrase.get_ref(),
                        owner.id(),
                        mark.id()
                    ),
                );
                continue;
            }
            dict.posting_cues.push((key, mark));
        }
    }
}

/// How posting headings and cues are compared: lower case, curly apostrophes straightened, white
/// space collapsed.
pub(crate) fn posting_key(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_id(problems: &mut Problems<'_>, id: &Spanned<String>, what: &str) {
    let text = id.get_ref();
    let ok = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-');
    if !ok {
        problems.at(
            id.span().start,
            format!("{what} id `{text}` must be lower-case letters, digits and '-'"),
        );
    }
}

/// Whether `uri` has the form of an ESCO skill concept: `http://data.europa.eu/esco/skill/` and a
/// UUID in lower-case hex (8-4-4-4-12).
pub fn is_esco_skill_uri(uri: &str) -> bool {
    let Some(uuid) = uri.strip_prefix("http://data.europa.eu/esco/skill/") else {
        return false;
    };
    let groups: Vec<&str> = uuid.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, len)| {
            g.len() == len
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

fn check_esco(problems: &mut Problems<'_>, uri: &Spanned<String>, id: &str) {
    if !is_esco_skill_uri(uri.get_ref()) {
        problems.at(
            uri.span().start,
            format!(
                "skill `{id}`: `{}` is not an ESCO skill URI (http://data.europa.eu/esco/skill/ and a UUID)",
                uri.get_ref()
            ),
        );
    }
}

fn first_line(s: &str) -> &str {
    s.lines().last().unwrap_or(s).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[dictionary]
name = "t"
version = "1"

[[category]]
id = "languages"
name = "Languages"

[[skill]]
id = "go"
name = "Go"
category = "languages"
aliases = ["golang"]
ambiguous = ["Go"]
reject = ['(?i)go[- ]to[- ]market']
"#;

    #[test]
    fn parses_a_valid_file() {
        let d = parse("t.toml", GOOD).unwrap();
        assert_eq!(d.skills.len(), 1);
        assert_eq!(d.skills[0].aliases.len(), 2);
        assert_eq!(d.skills[0].aliases[1].kind, AliasKind::Ambiguous);
        assert_eq!(d.sources[0].fingerprint.len(), 16);
    }

    #[test]
    fn reports_problems_with_lines() {
        let bad = r#"[dictionary]
name = "t"
version = "1"

[[category]]
id = "languages"
name = "Languages"

[[skill]]
id = "go"
name = "Go"
category = "languages"
aliases = ["golang", ""]
reject = ['(unclosed']

[[skill]]
id = "go"
name = "Go again"
category = "languages"
aliases = ["GoLang"]
"#;
        let problems = check_dictionary_text("t.toml", bad, None);
        let text: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message))
            .collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("13: ") && t.contains("empty alias")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("14: ") && t.contains("bad reject regex")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("17: ") && t.contains("duplicate skill id")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("20: ") && t.contains("`GoLang`")),
            "{text:?}"
        );
    }

    #[test]
    fn posting_headings_and_cues_are_checked() {
        let text = r#"[dictionary]
name = "p"
version = "1"

[[posting_section]]
importance = "required"
headings = ["Must Have", "what you’ll need"]

[[posting_section]]
importance = "optional"
headings = ["must have"]

[[posting_section]]
importance = "sometimes"
headings = ["maybe"]

[[posting_cue]]
importance = "neutral"
phrases = ["we use"]

[[posting_cue]]
importance = "optional"
phrases = ["is a plus"]
"#;
        let (dict, problems) = parse_collect("p.toml", text);
        let dict = dict.unwrap();
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line.unwrap_or(0), p.message.as_str()))
            .collect();
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 11 && m.contains("listed as `required` and as `optional`")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 14 && m.contains("unknown posting importance `sometimes`")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 18 && m.contains("must be `required` or `optional`")),
            "{lines:?}"
        );
        assert_eq!(lines.len(), 3, "{lines:?}");
        // Compared in lower case, with curly apostrophes straightened.
        assert_eq!(
            dict.posting_headings,
            [
                ("must have".to_string(), PostingMark::Required),
                ("what you'll need".to_string(), PostingMark::Required)
            ]
        );
        assert_eq!(
            dict.posting_cues,
            [("is a plus".to_string(), PostingMark::Optional)]
        );
    }

    #[test]
    fn relations_must_name_known_skills() {
        let base = Dictionary::builtin().unwrap();
        let text = "[dictionary]\nname = \"r\"\nversion = \"1\"\n\n[[relation]]\nfrom = \"mariadb\"\nto = \"mysqll\"\ncredit = 0.8\n";
        let problems = check_dictionary_text("r.toml", text, Some(&base));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("names unknown skill `mysqll`"),
            "{problems:?}"
        );
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let problems = check_dictionary_text("t.toml", "[dictionary]\nname = \n", None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
    }
}
