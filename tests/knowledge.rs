//! What the dictionaries know beyond single skills: implied skills, stacks and the stack
//! profiles, checked on the bundled data and samples.

#![allow(clippy::print_stdout)] // the ESCO count is part of the test output

mod support;

use resumescan::dictionary::RelationKind;
use resumescan::{Analyzer, Dictionary, JobProfile, Profile};
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    support::cli::samples().join("resumes")
}

/// Every sample resume, text, PDF and HTML.
fn sample_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["", "pdf", "html"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(samples().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        out.extend(entries);
    }
    out
}

#[test]
fn every_implication_names_known_skills_and_none_forms_a_cycle() {
    let dict = Dictionary::builtin().unwrap();
    let implies: Vec<_> = dict
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::Implies)
        .collect();
    assert!(implies.len() >= 40, "{} implications", implies.len());
    for r in &implies {
        assert!(dict.skill(&r.from).is_some(), "unknown skill {}", r.from);
        assert!(dict.skill(&r.to).is_some(), "unknown skill {}", r.to);
        assert!(r.credit > 0.0 && r.credit <= 1.0);
    }
    // No skill reaches itself: the closure never lists a skill as implied by itself.
    for (from, implied) in dict.implications() {
        assert!(
            implied.iter().all(|(to, _)| *to != from),
            "{from} implies itself"
        );
    }
    // The loader rejects a cycle, naming it.
    let cyclic = r#"[dictionary]
name = "c"
version = "1"

[[relation]]
from = "java"
to = "spring"
kind = "implies"
"#;
    let mut with_cycle = Dictionary::builtin().unwrap();
    let err = with_cycle
        .merge(Dictionary::from_toml_str("c.toml", cyclic).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("cycle"), "{err}");
    assert!(
        err.contains("java -> spring -> java") || err.contains("spring -> java -> spring"),
        "{err}"
    );
}

#[test]
fn implications_chain_and_a_chain_is_worth_its_weakest_link() {
    let dict = Dictionary::builtin().unwrap();
    let closure = dict.implications();
    let boot = &closure["spring-boot"];
    let credit = |id: &str| boot.iter().find(|(to, _)| to == id).map(|(_, c)| *c);
    assert_eq!(credit("spring"), Some(0.8));
    assert_eq!(credit("java"), Some(0.5), "0.8 then 0.5: the weaker link");
    let bad = "[dictionary]\nname = \"k\"\nversion = \"1\"\n\n[[relation]]\nfrom = \"a\"\nto = \"b\"\nkind = \"entails\"\n";
    let problems = resumescan::dictionary::check_dictionary_text("k.toml", bad, None);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("unknown relation kind `entails`")),
        "{problems:?}"
    );
}

#[test]
fn implied_skills_are_listed_apart_and_add_to_the_score_only() {
    let on = Analyzer::new().unwrap();
    let off = Analyzer::builder().implied(false).build().unwrap();
    let text =
        "EXPERIENCE\n• Built payment services with Spring Boot 3 and Hibernate on PostgreSQL.";
    let doc = on.analyze_text(text);
    let plain = off.analyze_text(text);
    let ids =
        |d: &resumescan::DocumentReport| d.skills.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&doc),
        ids(&plain),
        "implication never changes what is found"
    );
    assert!(!ids(&doc).iter().any(|s| s == "java"));
    let java = doc
        .implied
        .iter()
        .find(|s| s.id == "java")
        .expect("java is implied");
    assert_eq!(java.credit, 0.5);
    assert_eq!(
        java.implied_by[0], "hibernate",
        "hibernate implies java directly at 0.5, as does spring-boot through spring; ties go by id"
    );
    assert!(java.implied_by.iter().any(|s| s == "spring-boot"));
    assert_eq!(java.points, 0.5, "weight 1 × credit 0.5 × evidenced 1.0");
    let sql = doc.implied.iter().find(|s| s.id == "sql").unwrap();
    assert_eq!(sql.implied_by, ["postgresql"]);
    assert!(doc.score > plain.score, "{} vs {}", doc.score, plain.score);
    assert!(plain.implied.is_empty());
    let languages = doc.categories.iter().find(|c| c.id == "languages").unwrap();
    assert!(languages.implied.iter().any(|s| s == "java"));
    assert!(!languages.matched.iter().any(|s| s == "java"));
    assert!(
        !languages.missing.iter().any(|s| s == "java"),
        "an implied key skill is not missing"
    );
}

#[test]
fn a_job_skill_is_met_through_a_skill_that_implies_it() {
    let on = Analyzer::new().unwrap();
    let off = Analyzer::builder().implied(false).build().unwrap();
    let text = "EXPERIENCE\n• Built payment services with Spring Boot 3 on MariaDB.";
    let job = JobProfile::from_lists(on.dictionary(), &["java", "sql"], &["spring"]).unwrap();
    let m = job.match_document(on.dictionary(), &on.analyze_text(text));
    let java = m
        .required
        .matched
        .iter()
        .find(|s| s.id == "java")
        .expect("java met");
    assert_eq!(java.credit, 0.5);
    assert_eq!(java.note.as_deref(), Some("java via spring-boot (0.5)"));
    assert!(
        !java.evidence.is_empty(),
        "the evidence is the implying skill's"
    );
    let spring = &m.optional.matched[0];
    assert_eq!(spring.note.as_deref(), Some("spring via spring-boot (0.8)"));
    // Without implication, Java is missing and a one-step implication acts as a relation.
    let m = job.match_document(off.dictionary(), &off.analyze_text(text));
    assert_eq!(m.required.missing, ["java"]);
    assert_eq!(m.optional.matched[0].credit, 0.8);
    // The job lists what its skills imply, without weighing it.
    let mut job = JobProfile::from_lists(on.dictionary(), &["django"], &["kafka"]).unwrap();
    job.imply(&on);
    let implied: Vec<&str> = job.implied.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(implied, ["python", "message-queues"]);
}

/// The primary stack of every sample, as a careful reader would name it: the security engineer
/// only scripts in Python, and the front-end developer's Node.js is "back end (light)".
const PRIMARY: &[(&str, Option<&str>)] = &[
    ("dotnet-api.txt", Some("dotnet")),
    ("frontend-developer.txt", None),
    ("go-backend.txt", Some("go")),
    ("java-spring.txt", Some("java")),
    ("marketing-manager.txt", None),
    ("node-backend.txt", Some("node")),
    ("php-laravel.txt", Some("php")),
    ("python-django.txt", Some("python")),
    ("ruby-rails.txt", Some("ruby")),
    ("security-engineer.txt", None),
    ("go-backend.pdf", Some("go")),
    ("java-spring.pdf", Some("java")),
    ("security-engineer.pdf", None),
    ("ruby-rails.html", Some("ruby")),
];

#[test]
fn primary_stack_is_right_on_every_sample() {
    let analyzer = Analyzer::new().unwrap();
    let files = sample_files();
    assert_eq!(
        files.len(),
        PRIMARY.len(),
        "every sample has an expected stack"
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let want = PRIMARY.iter().find(|(n, _)| *n == name).unwrap().1;
        let doc = analyzer.analyze_path(&path).unwrap();
        let got = doc.primary_stack.as_ref().map(|p| p.id.as_str());
        assert_eq!(got, want, "{name}: {:?}", doc.primary_stack);
        if let Some(p) = &doc.primary_stack {
            assert!(p.strength >= resumescan::MIN_STACK_STRENGTH);
            assert!(!p.reason.is_empty() && !p.skills.is_empty());
        }
    }
}

#[test]
fn each_stack_profile_ranks_a_resume_of_its_stack_first() {
    let stacks = [
        ("backend-java", "java-spring"),
        ("backend-go", "go-backend"),
        ("backend-python", "python-django"),
        ("backend-php", "php-laravel"),
        ("backend-ruby", "ruby-rails"),
        ("backend-dotnet", "dotnet-api"),
        ("backend-node", "node-backend"),
    ];
    let files = sample_files();
    for (profile, stem) in stacks {
        let analyzer = Analyzer::builder()
            .profile(Profile::builtin(profile).unwrap())
            .build()
            .unwrap();
        let mut scored: Vec<(f64, String)> = files
            .iter()
            .map(|p| {
                (
                    analyzer.analyze_path(p).unwrap().score,
                    p.file_stem().unwrap().to_string_lossy().into_owned(),
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        assert_eq!(scored[0].1, stem, "{profile}: {scored:?}");
        // Every resume of another stack scores strictly lower.
        let other = scored.iter().find(|(_, s)| s != stem).unwrap();
        assert!(scored[0].0 > other.0, "{profile}: {scored:?}");
    }
}

/// `dictionaries/esco.tsv`: skill id, URI, ESCO preferred label, note.
fn esco_table() -> Vec<[String; 4]> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/esco.tsv"),
    )
    .unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("# skill\turi\tesco_preferred_label\tnote"));
    lines
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "four tab-separated columns: {l:?}");
            [0, 1, 2, 3].map(|i| cols[i].to_string())
        })
        .collect()
}

#[test]
fn every_esco_uri_is_in_the_table_well_formed_and_labelled_like_its_skill() {
    let dict = Dictionary::builtin().unwrap();
    let table = esco_table();
    let with_uri: Vec<_> = dict.skills().iter().filter(|s| s.esco.is_some()).collect();
    println!("{} skills carry an ESCO URI", with_uri.len());
    assert!(
        with_uri.len() >= 120,
        "at least 120 skills carry an ESCO URI, {} do",
        with_uri.len()
    );
    assert_eq!(
        with_uri.len(),
        table.len(),
        "the table lists exactly the URIs in use"
    );
    let mut seen = std::collections::HashSet::new();
    for [id, uri, label, note] in &table {
        assert!(seen.insert(uri.clone()), "{uri} is used twice");
        assert!(resumescan::dictionary::is_esco_skill_uri(uri), "{uri}");
        let skill = dict
            .skill(id)
            .unwrap_or_else(|| panic!("unknown skill {id}"));
        assert_eq!(skill.esco.as_deref(), Some(uri.as_str()), "{id}");
        assert!(!label.trim().is_empty());
        // The label names the skill (its name or an alias, as a whole word), or a reviewed note
        // says why it does not: a sanity check against a URI copied onto the wrong skill.
        let lower = label.to_lowercase();
        let names = std::iter::once(skill.name.to_lowercase())
            .chain(skill.aliases.iter().map(|a| a.text.to_lowercase()));
        let named = names.into_iter().any(|n| {
            lower.match_indices(&n).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let after = lower[at + n.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        });
        assert!(
            named || note.starts_with("reviewed: "),
            "{id}: ESCO label {label:?} does not name the skill and has no reviewed note"
        );
    }
    // Malformed URIs are rejected by the loader.
    let bad = "[dictionary]\nname = \"e\"\nversion = \"1\"\n\n[esco]\ngo = \"http://data.europa.eu/esco/skill/not-a-uuid\"\n";
    let problems = resumescan::dictionary::check_dictionary_text("e.toml", bad, None);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("not an ESCO skill URI")),
        "{problems:?}"
    );
}

#[test]
fn esco_uris_reach_the_report_and_user_skills_can_carry_one() {
    let analyzer = Analyzer::new().unwrap();
    let doc = analyzer.analyze_text("EXPERIENCE\n• Python services on PostgreSQL; Django admin.");
    let python = doc.skills.iter().find(|s| s.id == "python").unwrap();
    assert_eq!(
        python.esco.as_deref(),
        Some("http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d")
    );
    let json = serde_json::to_value(&doc).unwrap();
    assert!(json["skills"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["esco"].is_string()));
    let user = r#"[dictionary]
name = "mine"
version = "1"

[[skill]]
id = "zig"
name = "Zig"
category = "languages"
aliases = ["ziglang"]
esco = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000000"
"#;
    let analyzer = Analyzer::builder()
        .dictionary(Dictionary::from_toml_str("mine.toml", user).unwrap())
        .build()
        .unwrap();
    let doc = analyzer.analyze_text("Skills: ziglang");
    assert!(doc.skills[0]
        .esco
        .as_deref()
        .unwrap()
        .ends_with("000000000000"));
}

#[test]
fn the_command_line_turns_implication_off_and_lists_profiles_and_stacks() {
    let bin = || assert_cmd::Command::cargo_bin("resumescan").unwrap();
    let go = samples().join("go-backend.txt");
    let report = |extra: &[&str]| -> serde_json::Value {
        let out = bin()
            .args(["scan", "--quiet"])
            .args(extra)
            .arg(&go)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let on = report(&[]);
    let off = report(&["--no-implied"]);
    let doc_on = &on["documents"][0];
    let doc_off = &off["documents"][0];
    assert!(doc_on["implied"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(doc_off.get("implied").is_none());
    assert_eq!(
        doc_on["skills"], doc_off["skills"],
        "found skills do not depend on implication"
    );
    assert_eq!(doc_on["primary_stack"]["id"], "go");

    let out = bin().args(["dict", "list", "--profiles"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for id in resumescan::dictionary::builtin_profile_names() {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing:\n{text}"
        );
    }
    assert_eq!(resumescan::dictionary::builtin_profile_names().len(), 8);
    let out = bin().args(["dict", "list", "--stacks"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("dotnet") && text.contains("Node.js"),
        "{text}"
    );
}

/// An umbrella practice (weight below 1) named by a plain alias at the very end of another
/// skill's longer name counts as well, with the skills it counts as; a full-weight skill or an
/// exact-case name at the end of a longer name does not.
#[test]
fn an_umbrella_practice_at_the_end_of_a_longer_name_counts_too() {
    let user = r#"
[dictionary]
name = "nested"
version = "1"

[[skill]]
id = "zorb"
name = "Zorb"
category = "frameworks"
aliases = ["Zorb Flux Kit", "Zorb Plinth", "Zorb QRX"]

[[skill]]
id = "flux-kit"
name = "Flux kit"
category = "architecture"
weight = 0.5
aliases = ["flux kit"]
counts_as = ["quux"]

[[skill]]
id = "quux"
name = "Quux"
category = "architecture"
weight = 0.5
aliases = ["quux practice"]

[[skill]]
id = "plinth"
name = "Plinth"
category = "frameworks"
aliases = ["plinth"]

[[skill]]
id = "qrx"
name = "QRX"
category = "architecture"
weight = 0.5
exact = ["QRX"]
"#;
    let analyzer = Analyzer::builder()
        .dictionary(Dictionary::from_toml_str("nested.toml", user).unwrap())
        .build()
        .unwrap();
    let ids = |text: &str| -> Vec<String> {
        let mut ids: Vec<String> = analyzer
            .analyze_text(text)
            .skills
            .into_iter()
            .map(|s| s.id.to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids("Experience\nBuilt the importer on Zorb Flux Kit.\n"),
        ["flux-kit", "quux", "zorb"]
    );
    assert_eq!(
        ids("Experience\nBuilt the importer on Zorb Plinth and Zorb QRX.\n"),
        ["zorb"]
    );
    assert_eq!(
        ids("Experience\nUsed plinth and QRX daily.\n"),
        ["plinth", "qrx"]
    );
}
