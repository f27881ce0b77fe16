//! Matching resumes against job postings: the derived profiles of the sample postings against a
//! recruiter's reading of them, the ranking of the sample resumes, one hand-checked pair, and the
//! command line (`scan --job/--require/--prefer/--sort`, `job`).

#![allow(clippy::print_stdout)] // the precision figures are part of the test output

mod support;

use resumescan::job::{Importance, Reason};
use resumescan::{Analyzer, JobProfile};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::cli::{bin, json_of, samples};

/// Each sample posting and the sample resume written for it.
const POSTINGS: [(&str, &str); 3] = [
    ("go-platform-engineer", "go-backend.txt"),
    ("java-payments-backend", "java-spring.txt"),
    ("python-django-api", "python-django.txt"),
];

/// Every sample posting with an expected reading, including those written for their rules.
const ALL_POSTINGS: [&str; 4] = [
    "go-platform-engineer",
    "java-payments-backend",
    "python-django-api",
    "jvm-go-services",
];

fn posting(stem: &str) -> PathBuf {
    samples().join("jobs").join(format!("{stem}.md"))
}

/// A recruiter's reading of a posting: `samples/expected/<posting>.job.toml`.
#[derive(Deserialize)]
struct Expected {
    required: BTreeSet<String>,
    optional: BTreeSet<String>,
    /// The rules beyond "has the skill" (`java|kotlin`, `go:5`, `experience:7`).
    #[serde(default)]
    rules: BTreeSet<String>,
    /// Sample resume → rule → `met`, `unknown` or `not_met`.
    #[serde(default)]
    status: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

fn expected(stem: &str) -> Expected {
    let path = samples().join("expected").join(format!("{stem}.job.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn derive(analyzer: &Analyzer, stem: &str) -> JobProfile {
    let text = std::fs::read_to_string(posting(stem)).unwrap();
    JobProfile::from_text(analyzer, &text).unwrap_or_else(|e| panic!("{stem}: {e}"))
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[test]
fn derived_profiles_put_every_must_have_as_required() {
    let analyzer = Analyzer::new().unwrap();
    let (mut req_tp, mut req_got, mut req_want) = (0, 0, 0);
    let (mut opt_tp, mut opt_got, mut opt_want) = (0, 0, 0);
    let mut problems = Vec::new();
    for stem in ALL_POSTINGS {
        let profile = derive(&analyzer, stem);
        let want = expected(stem);
        // Each alternative of a group counts among its importance's skills.
        let ids = |list: &[resumescan::job::JobSkill]| -> BTreeSet<String> {
            list.iter()
                .flat_map(|s| s.alternatives().map(str::to_string))
                .collect()
        };
        let required = ids(&profile.required);
        let optional = ids(&profile.optional);
        let req_hits = required.intersection(&want.required).count();
        let opt_hits = optional.intersection(&want.optional).count();
        println!(
            "{stem}: required precision {:.2} recall {:.2} ({req_hits}/{} derived, {} expected); \
             optional precision {:.2} recall {:.2} ({opt_hits}/{} derived, {} expected)",
            ratio(req_hits, required.len()),
            ratio(req_hits, want.required.len()),
            required.len(),
            want.required.len(),
            ratio(opt_hits, optional.len()),
            ratio(opt_hits, want.optional.len()),
            optional.len(),
            want.optional.len(),
        );
        for id in want.required.difference(&required) {
            problems.push(format!(
                "{stem}: must-have `{id}` is not derived as required"
            ));
        }
        for id in required.difference(&want.required) {
            problems.push(format!("{stem}: `{id}` derived as required, not expected"));
        }
        for id in optional.symmetric_difference(&want.optional) {
            problems.push(format!("{stem}: optional lists differ on `{id}`"));
        }
        req_tp += req_hits;
        req_got += required.len();
        req_want += want.required.len();
        opt_tp += opt_hits;
        opt_got += optional.len();
        opt_want += want.optional.len();
    }
    println!(
        "all postings: required precision {:.2} recall {:.2}; optional precision {:.2} recall {:.2}",
        ratio(req_tp, req_got),
        ratio(req_tp, req_want),
        ratio(opt_tp, opt_got),
        ratio(opt_tp, opt_want),
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn posting_rules_are_derived_and_each_sample_gets_a_careful_readers_status() {
    let analyzer = Analyzer::new().unwrap();
    let mut checked = 0;
    for stem in ALL_POSTINGS {
        let profile = derive(&analyzer, stem);
        let want = expected(stem);
        let mut rules: BTreeSet<String> = profile
            .skills()
            .map(|s| s.rule())
            .filter(|r| r.contains([':', '|']))
            .collect();
        rules.extend(profile.min_experience.iter().map(|e| e.rule()));
        if !want.rules.is_empty() {
            assert_eq!(rules, want.rules, "{stem}: rules");
        }
        if want.status.is_empty() {
            continue;
        }
        let report = scan_job(stem, &[]);
        for (file, statuses) in &want.status {
            let doc = report["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| {
                    d["path"]
                        .as_str()
                        .unwrap()
                        .ends_with(&format!("resumes/{file}"))
                })
                .unwrap_or_else(|| panic!("{file} not in the report"));
            let got: std::collections::BTreeMap<String, String> = doc["job_match"]["rules"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| statuses.contains_key(r["rule"].as_str().unwrap()))
                .map(|r| {
                    (
                        r["rule"].as_str().unwrap().to_string(),
                        r["status"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(
                &got, statuses,
                "{stem} × {file}: {:#}",
                doc["job_match"]["rules"]
            );
            checked += statuses.len();
        }
    }
    println!("posting rules: {checked} statuses of sample resumes agree with a careful reading");
    assert!(checked >= 30, "{checked}");
    // The rules the posting states, with their evidence lines, in `resumescan job`.
    let out = bin()
        .args(["job", "--format", "table"])
        .arg(posting("jvm-go-services"))
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    for (rule, evidence) in [
        ("java|kotlin", "Java or Kotlin: you will maintain"),
        ("go:5", "Go"),
        ("experience:7", "7+ years of professional experience"),
    ] {
        let row = table
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(rule))
            .unwrap_or_else(|| panic!("no `{rule}` row:\n{table}"));
        assert!(row.contains(evidence), "{row}");
    }
}

#[test]
fn stated_rules_rank_met_above_unknown_above_not_met() {
    // Kotlin is named in java-spring.txt with no dated work: unknown; go-backend.txt has no
    // Kotlin: not met; a resume that dates two years of Kotlin: met.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kotlin-dated.txt"),
        "Jane Roe\n\nEXPERIENCE\nBackend Engineer, Acme    Jan 2020 – Dec 2023\n\
         • Built payment services in Kotlin and Java on PostgreSQL.\n",
    )
    .unwrap();
    let out = bin()
        .args([
            "scan",
            "--quiet",
            "--sort",
            "match",
            "--require",
            "kotlin:2,java|kotlin",
        ])
        .arg(samples().join("resumes/go-backend.txt"))
        .arg(samples().join("resumes/java-spring.txt"))
        .arg(dir.path().join("kotlin-dated.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = json_of(&out.stdout);
    let order: Vec<(String, String)> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                file_name(d),
                d["job_match"]["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("kotlin-dated.txt".to_string(), "met".to_string()),
            ("java-spring.txt".to_string(), "unknown".to_string()),
            ("go-backend.txt".to_string(), "not_met".to_string()),
        ],
        "{report:#}"
    );
    let csv = bin()
        .args([
            "scan",
            "--quiet",
            "--format",
            "csv",
            "--require",
            "kotlin:2,java|kotlin",
        ])
        .arg(samples().join("resumes/java-spring.txt"))
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&csv.stdout);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("requirements"), "unknown");
    assert_eq!(col("rules_unknown"), "kotlin:2");
    assert_eq!(col("rules_not_met"), "");
}

#[test]
fn derived_skills_say_why_and_where() {
    let analyzer = Analyzer::new().unwrap();
    let profile = derive(&analyzer, "java-payments-backend");
    assert_eq!(
        profile.title.as_deref(),
        Some("Back-End Engineer, Payments (Java / Spring Boot)")
    );
    let kafka = profile.required.iter().find(|s| s.id == "kafka").unwrap();
    assert_eq!(kafka.reason, Reason::Heading);
    assert_eq!(kafka.because.as_deref(), Some("Must have"));
    assert_eq!(kafka.importance, Importance::Required);
    assert_eq!(kafka.weight, 2.0);
    let first = &kafka.evidence[0];
    assert!(first.snippet.contains("Kafka"), "{}", first.snippet);
    assert_eq!(first.heading.as_deref(), Some("Must have"));
    let oracle = profile.optional.iter().find(|s| s.id == "oracle").unwrap();
    assert_eq!(oracle.because.as_deref(), Some("Bonus points"));
    // Java is in the title and under "Must have": the heading is the stronger reason.
    let java = profile.required.iter().find(|s| s.id == "java").unwrap();
    assert_eq!(java.reason, Reason::Heading);
    assert!(java.mentions >= 2);
}

/// Runs `scan --job POSTING samples/resumes --sort match` and returns the report.
fn scan_job(stem: &str, extra: &[&str]) -> Value {
    let out = bin()
        .args(["scan", "--quiet", "--sort", "match", "--job"])
        .arg(posting(stem))
        .args(extra)
        .arg(samples().join("resumes"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out.stdout)
}

fn file_name(doc: &Value) -> String {
    Path::new(doc["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn each_posting_ranks_its_resume_first() {
    for (stem, resume) in POSTINGS {
        let report = scan_job(stem, &[]);
        let docs = report["documents"].as_array().unwrap();
        assert_eq!(docs.len(), 14);
        let rates: Vec<(String, f64)> = docs
            .iter()
            .map(|d| (file_name(d), d["job_match"]["match_rate"].as_f64().unwrap()))
            .collect();
        println!("{stem}: {rates:?}");
        assert_eq!(rates[0].0, resume, "{stem}: {rates:?}");
        // The PDF twin of the same resume may tie; every other resume must rank strictly lower.
        let twin = resume.replace(".txt", ".pdf");
        let runner_up = rates
            .iter()
            .find(|(name, _)| *name != resume && *name != twin)
            .unwrap();
        assert!(
            rates[0].1 > runner_up.1,
            "{stem}: {resume} does not beat {runner_up:?}"
        );
        let sorted = rates.windows(2).all(|w| w[0].1 >= w[1].1);
        assert!(sorted, "{stem}: not sorted by match rate: {rates:?}");
    }
}

/// go-platform-engineer.md against java-spring.txt, checked by hand from the two texts.
///
/// Must-haves of the posting ("Requirements"): Go, PostgreSQL, Kafka, Kubernetes, Docker, gRPC and
/// Protocol Buffers, Terraform, AWS (EKS, RDS, S3), Prometheus. Nice-to-haves ("Nice to have"): Redis, GitHub Actions, Rust.
#[test]
fn hand_checked_missing_lists() {
    let report = scan_job("go-platform-engineer", &[]);
    let doc = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("resumes/java-spring.txt")
        })
        .unwrap();
    let m = &doc["job_match"];
    let ids = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    let expected_required_missing: BTreeSet<String> = [
        // The resume's only "Go" is "Provided Go-live support", a project phrase, not the language.
        "go",
        // No gRPC anywhere: its APIs are REST, SOAP and OpenAPI.
        "grpc",
        // Nor Protocol Buffers.
        "protocol-buffers",
        // Its AWS is ECS, S3 and RDS: no EKS (its Kubernetes is OpenShift).
        "eks",
        // No Prometheus: it mentions a "production dashboard" but names no monitoring tool.
        "prometheus",
        // No Terraform or any infrastructure-as-code tool (no related skill stands in).
        "terraform",
    ]
    .map(String::from)
    .into();
    // Met: AWS, RDS and S3 ("AWS (ECS, S3, RDS)"), Docker, Kafka, Kubernetes ("Kubernetes
    // (OpenShift)") and PostgreSQL, all named outright.
    let expected_optional_missing: BTreeSet<String> = [
        // Its pipelines are Jenkins, and the relations give Jenkins no credit for GitHub Actions.
        "github-actions",
        // No Rust at all.
        "rust",
    ]
    .map(String::from)
    .into();
    // Met: Redis ("Redis read-through caching").
    assert_eq!(ids(&m["required"]["missing"]), expected_required_missing);
    assert_eq!(ids(&m["optional"]["missing"]), expected_optional_missing);
    let matched: BTreeSet<String> = m["required"]["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        matched,
        [
            "aws",
            "docker",
            "kafka",
            "kubernetes",
            "postgresql",
            "rds",
            "s3"
        ]
        .map(String::from)
        .into()
    );
    // 7 of 13 required (2 points each) and 1 of 3 optional (1 point each): 15 of 29 points.
    assert_eq!(
        m["match_rate"].as_f64().unwrap(),
        (1000.0_f64 * 15.0 / 29.0).round() / 10.0
    );
    // Each matched skill carries the resume's evidence.
    for skill in m["required"]["matched"].as_array().unwrap() {
        assert!(!skill["evidence"].as_array().unwrap().is_empty(), "{skill}");
    }
}

#[test]
fn job_reports_validate_against_the_schema_and_plain_reports_are_unchanged() {
    let report = scan_job("python-django-api", &["--require", "kubernetes"]);
    assert!(report["job"]["required"].as_array().unwrap().len() >= 8);
    let k8s = report["job"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "kubernetes")
        .unwrap();
    assert_eq!(k8s["reason"], "stated");
    let schema_out = bin().arg("schema").output().unwrap();
    let schema = json_of(&schema_out.stdout);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:?}");
    let mut broken = report.clone();
    broken["documents"][0]["job_match"]["match_rate"] = Value::from("high");
    assert!(!validator.is_valid(&broken));

    let out = bin()
        .args(["scan", "--quiet"])
        .arg(samples().join("resumes/go-backend.txt"))
        .output()
        .unwrap();
    let plain = json_of(&out.stdout);
    assert!(plain.get("job").is_none());
    assert!(plain["documents"][0].get("job_match").is_none());
}

#[test]
fn stated_skills_alone_match_and_relations_say_which_skill_stood_in() {
    let out = bin()
        .args([
            "scan",
            "--quiet",
            "--require",
            "golang,SQL",
            "--prefer",
            "ci-cd",
        ])
        .arg(samples().join("resumes/java-spring.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = json_of(&out.stdout);
    assert_eq!(report["job"]["required"][0]["id"], "go");
    let m = &report["documents"][0]["job_match"];
    assert_eq!(m["required"]["missing"], serde_json::json!(["go"]));
    assert_eq!(m["required"]["matched"][0]["id"], "sql");
    let ci = &m["optional"]["matched"][0];
    // The resume names CI/CD itself ("Build & CI/CD"), so nothing needs to stand in.
    assert_eq!(ci["id"], "ci-cd");
    assert!(ci.get("via").is_none());

    // A resume with MariaDB, PostgreSQL and Spring Boot, asked for MySQL, Spring and SQL: each is
    // met through a related skill, and the report says which.
    let dir = tempfile::tempdir().unwrap();
    let resume = dir.path().join("related.txt");
    std::fs::write(
        &resume,
        "EXPERIENCE\n• Ran MariaDB and PostgreSQL clusters and Spring Boot services in production.\n",
    )
    .unwrap();
    let out = bin()
        .args(["scan", "--quiet", "--require", "mysql,spring,sql"])
        .arg(&resume)
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    let m = &report["documents"][0]["job_match"];
    let notes: Vec<&str> = m["required"]["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["note"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "mysql via mariadb (0.8)",
            "spring via spring-boot (0.8)",
            "sql via postgresql (0.6)"
        ]
    );
    // (0.8 + 0.8 + 0.6) of 3 required skills.
    assert_eq!(m["match_rate"], 73.3);
    // A skill that stood in is not listed again as an extra.
    assert!(!m["extra"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "mariadb"));
}

#[test]
fn unknown_stated_skills_are_a_clear_error() {
    let out = bin()
        .args(["scan", "--require", "go,kafak", "--prefer", "kubernets"])
        .arg(samples().join("resumes/go-backend.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no report on a usage error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown required skill `kafak`; closest known skills: kafka"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown optional skill `kubernets`; closest known skills: kubernetes"),
        "{stderr}"
    );
}

#[test]
fn empty_and_non_technical_postings_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "\n\n").unwrap();
    let marketing = dir.path().join("marketing.md");
    std::fs::write(
        &marketing,
        "# Marketing Manager\n\n## About the role\nOwn our brand and campaigns across channels.\n\n\
         ## Requirements\n- 5+ years of B2B marketing experience\n- Excellent writing and \
         storytelling\n- Experience with HubSpot and Google Analytics\n\n## Nice to have\n- An \
         eye for design\n",
    )
    .unwrap();
    for posting in [&empty, &marketing] {
        for args in [
            vec!["scan".to_string(), "--job".to_string()],
            vec!["job".to_string()],
        ] {
            let mut cmd = bin();
            cmd.args(&args).arg(posting);
            if args[0] == "scan" {
                cmd.arg(samples().join("resumes/go-backend.txt"));
            }
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?} {}", posting.display());
            assert!(out.stdout.is_empty());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.contains("names no skill resumescan knows"),
                "{stderr}"
            );
        }
    }
}

#[test]
fn job_command_prints_the_derived_profile() {
    let out = bin()
        .args(["job", "--format", "json"])
        .arg(posting("go-platform-engineer"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let profile: JobProfile = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(profile.required[0].id, "go", "most mentioned first");
    let want = expected("go-platform-engineer");
    let required: BTreeSet<String> = profile.required.iter().map(|s| s.id.clone()).collect();
    assert_eq!(required, want.required);

    let out = bin()
        .arg("job")
        .arg(posting("go-platform-engineer"))
        .args(["--prefer", "go"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.starts_with("Job: Senior Platform Engineer (Go)"),
        "{table}"
    );
    let row = |id: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(id))
            .unwrap_or_else(|| panic!("no row for {id}:\n{table}"))
            .to_string()
    };
    assert!(row("kafka").starts_with("required"), "{table}");
    assert!(row("kafka").contains("under \"Requirements\""), "{table}");
    assert!(row("redis").starts_with("optional"), "{table}");
    assert!(
        row("go").starts_with("optional") && row("go").contains("stated"),
        "--prefer overrides the posting:\n{table}"
    );
}

#[test]
fn table_and_ndjson_carry_the_match() {
    let out = bin()
        .args(["scan", "--quiet", "--format", "table", "--job"])
        .arg(posting("java-payments-backend"))
        .arg(samples().join("resumes"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    let header = table.lines().find(|l| l.contains("RANK")).unwrap();
    assert!(
        header.contains("MATCH") && header.contains("MUST-HAVES"),
        "{table}"
    );
    let first = table
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap();
    assert!(first.contains("java-spring.txt"), "{table}");
    let go_row = table
        .lines()
        .find(|l| l.contains("go-backend.txt"))
        .unwrap();
    // The Go resume has no Java, Spring Boot or Hibernate: named as people do, with the years
    // the posting asks (the column is cut at 46 characters).
    assert!(go_row.contains("not met: "), "{go_row}");
    for name in ["Java (5+ years)", "Spring Boot", "Hibern"] {
        assert!(go_row.contains(name), "{name} not shown missing: {go_row}");
    }

    let out = bin()
        .args(["scan", "--quiet", "--format", "ndjson", "--sorted", "--job"])
        .arg(posting("java-payments-backend"))
        .arg(samples().join("resumes/go-backend.txt"))
        .arg(samples().join("resumes/java-spring.txt"))
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["job_match"]["match_rate"].as_f64().unwrap() < 60.0);
    // It publishes ledger events to Kafka but never says "event-driven", which the posting asks for.
    assert_eq!(
        lines[1]["job_match"]["required"]["missing"],
        serde_json::json!(["event-driven-architecture"])
    );
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(
        lines[2]["job"]["title"],
        "Back-End Engineer, Payments (Java / Spring Boot)"
    );
}

#[test]
fn sort_orders_the_documents() {
    let run = |args: &[&str]| -> Vec<String> {
        let out = bin()
            .args(["scan", "--quiet"])
            .args(args)
            .arg(samples().join("resumes/python-django.txt"))
            .arg(samples().join("resumes/go-backend.txt"))
            .arg(samples().join("resumes/marketing-manager.txt"))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        json_of(&out.stdout)["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(file_name)
            .collect()
    };
    let job = posting("go-platform-engineer");
    let job = job.to_str().unwrap();
    assert_eq!(
        run(&["--job", job]),
        [
            "python-django.txt",
            "go-backend.txt",
            "marketing-manager.txt"
        ],
        "input order by default"
    );
    assert_eq!(
        run(&["--job", job, "--sort", "match"]),
        [
            "go-backend.txt",
            "python-django.txt",
            "marketing-manager.txt"
        ]
    );
    assert_eq!(
        run(&["--sort", "score"]),
        [
            "python-django.txt",
            "go-backend.txt",
            "marketing-manager.txt"
        ]
    );
    let out = bin()
        .args(["scan", "--sort", "match"])
        .arg(samples().join("resumes/go-backend.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--sort match needs a job");
}

#[test]
fn csv_carries_the_match_columns() {
    let out = bin()
        .args([
            "scan", "--quiet", "--format", "csv", "--sort", "match", "--job",
        ])
        .arg(posting("go-platform-engineer"))
        .arg(samples().join("resumes"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let rate = headers.iter().position(|h| h == "match_rate").unwrap();
    let missing = headers
        .iter()
        .position(|h| h == "required_missing")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 14);
    assert!(rows[0][0].ends_with("go-backend.txt") || rows[0][0].ends_with("go-backend.pdf"));
    assert_eq!(&rows[0][rate], "100.0");
    assert_eq!(&rows[0][missing], "");
    let java = rows
        .iter()
        .find(|r| r[0].ends_with("java-spring.txt"))
        .unwrap();
    assert!(java[missing].split(';').any(|id| id == "go"), "{:?}", java);
}
