//! The ranked table for people reading a terminal, and the job profile table.

use super::render::ReportSink;
use super::{DocumentReport, Header, Report, SortKey, Status, Summary};
use crate::job::{JobMatch, JobProfile, JobSkill, Reason, RuleStatus};
use std::io::{self, Write};

/// Buffers the documents, then prints them ranked, with the batch summary: best job match first
/// when there is a job, best score first otherwise, unless an order is given.
pub struct TableSink<'a> {
    out: &'a mut dyn Write,
    names: super::html::SkillNames,
    color: bool,
    order: Option<SortKey>,
    header: Option<Header>,
    docs: Vec<DocumentReport>,
}

impl<'a> TableSink<'a> {
    /// A sink writing to `out`; `color` adds ANSI colours (for a terminal); `order` overrides the
    /// ranking.
    pub fn new(out: &'a mut dyn Write, color: bool, order: Option<SortKey>) -> Self {
        TableSink {
            out,
            names: Default::default(),
            color,
            order,
            header: None,
            docs: Vec::new(),
        }
    }
}

impl TableSink<'_> {
    /// Shows skills the report names by id only (missing key skills) by these display names.
    pub fn with_skill_names(mut self, names: impl IntoIterator<Item = (String, String)>) -> Self {
        self.names = names.into_iter().collect();
        self
    }
}

impl ReportSink for TableSink<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.header = Some(header.clone());
        Ok(())
    }

    fn document(&mut self, doc: &DocumentReport) -> io::Result<()> {
        // Only what the table shows is kept.
        let mut slim = doc.clone();
        for s in &mut slim.skills {
            s.evidence.clear();
        }
        self.docs.push(slim);
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        let Some(header) = self.header.take() else {
            return Ok(());
        };
        let report = Report::assemble(header, std::mem::take(&mut self.docs), summary.clone());
        let key = self.order.unwrap_or(if report.job.is_some() {
            SortKey::Match
        } else {
            SortKey::Score
        });
        table_by(&report, &self.names, self.out, self.color, key)?;
        self.out.flush()
    }
}

/// The summary lines under the table.
fn summary_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(
        out,
        "\n{} documents: {} ok, {} empty, {} error, {} duplicate{}{}; mean score {}  (profile: {})",
        s.documents,
        s.ok,
        s.empty,
        s.error,
        s.duplicate,
        if s.skipped > 0 {
            format!(", {} skipped", s.skipped)
        } else {
            String::new()
        },
        match s.possible_duplicates {
            0 => String::new(),
            1 => ", 1 possible duplicate".to_string(),
            n => format!(", {n} possible duplicates"),
        },
        s.mean_score.map_or("-".to_string(), |m| format!("{m:.1}")),
        report.profile.name
    )?;
    if let Some([min, q1, med, q3, max]) = s.score_quartiles {
        writeln!(
            out,
            "scores: min {min:.1}, quartiles {q1:.1} / {med:.1} / {q3:.1}, max {max:.1}"
        )?;
    }
    if !s.top_skills.is_empty() {
        let top: Vec<String> = s
            .top_skills
            .iter()
            .take(10)
            .map(|k| format!("{} ({})", k.name, k.documents))
            .collect();
        writeln!(out, "most common skills: {}", top.join(", "))?;
    }
    if !s.slowest.is_empty() {
        let slow: Vec<String> = s
            .slowest
            .iter()
            .map(|t| format!("{} ({:.0} ms)", shorten(&t.path, 40), t.ms))
            .collect();
        writeln!(out, "slowest: {}", slow.join(", "))?;
    }
    Ok(())
}

/// A ranked table for people, then the summary, ranked by `key` (`SortKey::Input` keeps the
/// report's order).
///
/// # Errors
/// Any error of the writer.
pub fn table_by(
    report: &Report,
    names: &super::html::SkillNames,
    out: &mut dyn Write,
    color: bool,
    key: SortKey,
) -> io::Result<()> {
    let mut order: Vec<usize> = (0..report.documents.len()).collect();
    order.sort_by(|&a, &b| super::compare(key, &report.documents[a], &report.documents[b]));
    let (bold, dim, red, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let job = report.job.as_ref();
    // Skills the report names by id only, by their display names: the job's own, else `names`.
    let name = |id: &str| -> String {
        job.and_then(|j| j.skills().find(|s| s.id == id))
            .map(|s| s.name.clone())
            .or_else(|| names.get(id).cloned())
            .unwrap_or_else(|| id.to_string())
    };
    let named = |ids: &[String]| ids.iter().map(|id| name(id)).collect::<Vec<_>>().join(", ");
    if let Some(job) = job {
        let all = |skills: &[crate::job::JobSkill]| {
            skills
                .iter()
                .map(JobSkill::label)
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(out, "{bold}Job: {}{reset}", job_name(job))?;
        writeln!(out, "  required: {}", all(&job.required))?;
        writeln!(out, "  optional: {}", all(&job.optional))?;
        if let Some(e) = &job.min_experience {
            writeln!(
                out,
                "  experience: {}+ years ({})",
                crate::job::rules::years_text(e.years),
                e.importance.as_str()
            )?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{bold}{:>4}  {:>5}  {:>5}  {:<6}  {:<22}  {:<40}  {:<46}  MISSING OPTIONAL{reset}",
            "RANK", "MATCH", "SCORE", "STACK", "EXPERIENCE", "FILE", "MUST-HAVES"
        )?;
    } else {
        writeln!(
            out,
            "{bold}{:>4}  {:>5}  {:<6}  {:<22}  {:<40}  {:<46}  MISSING KEY SKILLS{reset}",
            "RANK", "SCORE", "STACK", "EXPERIENCE", "FILE", "TOP SKILLS"
        )?;
    }
    // Blank columns of a row that has no score, so that the file name stays in its column.
    let skipped = if job.is_some() {
        format!("{:>5}  {:>5}  {:<6}  {:<22}", "-", "-", "", "")
    } else {
        format!("{:>5}  {:<6}  {:<22}", "-", "", "")
    };
    // Where the FILE column starts, for the notes under a row.
    let indent = if job.is_some() { 28 } else { 21 };
    for (rank, &i) in order.iter().enumerate() {
        let d = &report.documents[i];
        let file = shorten(&d.path, 40);
        let stack = d.primary_stack.as_ref().map_or("-", |p| p.id.as_str());
        let profile = cut_end(&candidate_profile(d), 22);
        match (d.status, &d.job_match) {
            (Status::Ok, Some(m)) if job.is_some() => {
                let (must, colour) = must_haves(m, job);
                let colour = match colour {
                    RuleStatus::Met => "",
                    _ => red,
                };
                let reset_if = if colour.is_empty() { "" } else { reset };
                writeln!(
                    out,
                    "{:>4}  {:>5.1}  {:>5.1}  {:<6}  {:<22}  {:<40}  {colour}{:<46}{reset_if}  {dim}{}{reset}",
                    rank + 1,
                    m.match_rate,
                    d.score,
                    stack,
                    profile,
                    file,
                    cut_end(&must, 46),
                    named(&m.optional.missing)
                )?
            }
            (Status::Ok, _) => {
                let top: Vec<&str> = d.skills.iter().take(6).map(|s| s.name.as_str()).collect();
                let missing: Vec<String> = d
                    .categories
                    .iter()
                    .flat_map(|c| c.missing.iter())
                    .take(6)
                    .map(|id| name(id))
                    .collect();
                writeln!(
                    out,
                    "{:>4}  {:>5.1}  {:<6}  {:<22}  {:<40}  {:<46}  {dim}{}{reset}",
                    rank + 1,
                    d.score,
                    stack,
                    profile,
                    file,
                    cut_end(&top.join(", "), 46),
                    missing.join(", ")
                )?;
            }
            (Status::Empty, _) => writeln!(
                out,
                "{:>4}  {}  {:<40}  {dim}empty ({}){reset}",
                "-",
                skipped,
                file,
                super::for_terminal(
                    d.reason
                        .map_or("no text", crate::kinds::StatusReason::as_str)
                )
            )?,
            (Status::Duplicate, _) => writeln!(
                out,
                "{:>4}  {}  {:<40}  {dim}duplicate of {}{reset}",
                "-",
                skipped,
                file,
                super::for_terminal(d.duplicate_of.as_deref().unwrap_or("?"))
            )?,
            (Status::Skipped, _) => writeln!(
                out,
                "{:>4}  {}  {:<40}  {dim}skipped ({}){reset}",
                "-",
                skipped,
                file,
                super::for_terminal(d.reason.map_or("?", crate::kinds::StatusReason::as_str))
            )?,
            (Status::Error, _) => writeln!(
                out,
                "{:>4}  {}  {:<40}  {red}error: {}{reset}",
                "-",
                skipped,
                file,
                super::for_terminal(d.error.as_ref().map_or("", |e| e.kind.as_str()))
            )?,
        }
        if let Some(p) = &d.possible_duplicate_of {
            writeln!(
                out,
                "{:indent$}{dim}↳ possible duplicate of {} ({}){reset}",
                "",
                super::for_terminal(&p.path),
                p.describe()
            )?;
        }
    }
    summary_lines(report, out)?;
    if job.is_some() {
        writeln!(
            out,
            "MATCH: share of the job's points the resume earns; required skills weigh {}, optional {}.",
            crate::job::REQUIRED_WEIGHT,
            crate::job::OPTIONAL_WEIGHT
        )?;
        writeln!(
            out,
            "MUST-HAVES: met, unknown (the resume does not date the years asked) or not met, with the rules behind it."
        )?;
    }
    writeln!(
        out,
        "EXPERIENCE: years of dated professional work, seniority, highest degree completed."
    )?;
    Ok(())
}

/// The must-haves' status and the rules behind it: "met", "not met: go:5, kafka; unknown:
/// experience:7".
fn must_haves(m: &JobMatch, job: Option<&JobProfile>) -> (String, RuleStatus) {
    // Named as people do: "Go (5+ years)", "Java or Kotlin", "7+ years of experience".
    let label = |rule: &str| -> String {
        let skill = job.and_then(|j| j.skills().find(|s| s.rule() == rule));
        let experience = job
            .and_then(|j| j.min_experience.as_ref())
            .filter(|e| e.rule() == rule);
        match (skill, experience) {
            (Some(s), _) => s.label(),
            (None, Some(e)) => format!(
                "{}+ years of experience",
                crate::job::rules::years_text(e.years)
            ),
            (None, None) => rule.to_string(),
        }
    };
    let required =
        |status| -> Vec<String> { m.required_with(status).map(|r| label(&r.rule)).collect() };
    let not_met = required(RuleStatus::NotMet);
    let unknown = required(RuleStatus::Unknown);
    let mut text = match m.status {
        RuleStatus::Met => "met".to_string(),
        RuleStatus::NotMet => format!("not met: {}", not_met.join(", ")),
        RuleStatus::Unknown => format!("unknown: {}", unknown.join(", ")),
    };
    if m.status == RuleStatus::NotMet && !unknown.is_empty() {
        text.push_str(&format!("; unknown: {}", unknown.join(", ")));
    }
    (text, m.status)
}

/// Years, seniority and degree in a few characters: "9.5y senior master", "- junior -".
fn candidate_profile(d: &DocumentReport) -> String {
    if d.status != Status::Ok {
        return String::new();
    }
    let years = d
        .experience
        .as_ref()
        .and_then(|e| e.total_years)
        .map_or_else(|| "-".to_string(), |y| format!("{y:.1}y"));
    let band = d.seniority.as_ref().map_or("-", |s| s.band.as_str());
    let degree = d
        .education
        .as_ref()
        .map_or("-", |e| e.highest_degree.as_str());
    let degree = if degree == "none" { "-" } else { degree };
    format!("{years} {band} {degree}")
}

/// A job profile for people: each skill with its importance, why, and where the posting says so.
///
/// # Errors
/// Any error of the writer.
pub fn job_table(job: &JobProfile, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Job: {}\n", job_name(job))?;
    writeln!(
        out,
        "{:<10}  {:<24}  {:<34}  {:>8}  EVIDENCE",
        "IMPORTANCE", "RULE", "WHY", "MENTIONS"
    )?;
    for skill in job.skills() {
        let because = skill.because.as_deref().unwrap_or("");
        let why = match skill.reason {
            Reason::Heading => format!("under \"{because}\""),
            Reason::Cue => format!("says \"{because}\""),
            Reason::Title => "in the title".to_string(),
            Reason::Mentioned if because.is_empty() => "only mentioned".to_string(),
            Reason::Mentioned => format!("only mentioned, under \"{because}\""),
            Reason::Stated => "stated".to_string(),
        };
        let evidence = skill
            .evidence
            .first()
            .map(|e| format!("{}: {}", e.line, e.snippet))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<10}  {:<24}  {:<34}  {:>8}  {}",
            skill.importance.as_str(),
            cut_end(&skill.rule(), 24),
            cut_end(&why, 34),
            skill.mentions,
            cut_end(&evidence, 70)
        )?;
    }
    if let Some(rule) = &job.min_experience {
        let (why, evidence) = match &rule.evidence {
            Some(e) => (
                e.heading
                    .as_deref()
                    .map_or_else(|| "says so".to_string(), |h| format!("under \"{h}\"")),
                format!("{}: {}", e.line, e.snippet),
            ),
            None => ("stated".to_string(), String::new()),
        };
        writeln!(
            out,
            "{:<10}  {:<24}  {:<34}  {:>8}  {}",
            rule.importance.as_str(),
            rule.rule(),
            cut_end(&why, 34),
            usize::from(rule.evidence.is_some()),
            cut_end(&evidence, 70)
        )?;
    }
    writeln!(
        out,
        "\nRULE: a skill id; a|b: either meets it; skill:N: at least N years with it; experience:N: at least N years of professional work."
    )?;
    writeln!(
        out,
        "{} required (weigh {} each), {} optional (weigh {} each)",
        job.required.len(),
        crate::job::REQUIRED_WEIGHT,
        job.optional.len(),
        crate::job::OPTIONAL_WEIGHT
    )?;
    if !job.implied.is_empty() {
        let implied: Vec<String> = job
            .implied
            .iter()
            .map(|i| format!("{} (by {})", i.id, i.implied_by.join(", ")))
            .collect();
        writeln!(
            out,
            "implied, not weighed (a resume with the skill has them): {}",
            implied.join(", ")
        )?;
    }
    Ok(())
}

/// The job's title and where it came from, as far as known; control characters are escaped.
fn job_name(job: &JobProfile) -> String {
    let name = match (&job.title, &job.source) {
        (Some(t), Some(s)) => format!("{t}  ({s})"),
        (Some(t), None) => t.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => "stated skills".to_string(),
    };
    super::for_terminal(&name).into_owned()
}

/// Keeps the start of `s`, for lists ranked best first; control characters are escaped.
fn cut_end(s: &str, max: usize) -> String {
    let s = &*super::for_terminal(s);
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max - 1).collect();
    format!("{head}…")
}

/// Keeps the end of `s`, for paths whose file name matters most; control characters are escaped.
fn shorten(s: &str, max: usize) -> String {
    let s = &*super::for_terminal(s);
    let count = s.chars().count();
    if count <= max {
        return s.to_string();
    }
    let tail: String = s.chars().skip(count - (max - 1)).collect();
    format!("…{tail}")
}
