//! The HTML report: one self-contained page a recruiter opens in a browser or receives by e-mail.
//!
//! Everything is inline — CSS, SVG charts and a few lines of script that sort the table — and a
//! Content-Security-Policy forbids the page any network request, so it looks the same offline,
//! from a mail attachment or from a file share.
//!
//! Every piece of text that comes from a resume, a file name or a profile goes through maud's
//! escaping; the only unescaped strings are the constant style sheet and script below.
//!
//! The page must stay usable for a batch of thousands of files: detail blocks are collapsed
//! (`<details>`), and in a batch of more than `FULL_DETAIL_BATCH` candidates evidence lines are
//! written out only for the best-ranked `EVIDENCE_RANKS`; the JSON report has them for everyone.

use super::{CategoryReport, DocumentReport, Evidence, Report, SkillReport, Status, StatusReason};
use crate::dictionary::SectionKind;
use crate::job::{JobMatch, RuleStatus};
use maud::{html as markup, Markup, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Batches of up to this many scored candidates get every candidate's full detail block: a
/// category chart and every skill with its evidence lines (about 15 kB for a strong resume).
const FULL_DETAIL_BATCH: usize = 150;
/// In larger batches, candidates ranked up to here get the full block; below, it lists skills and
/// missing key skills only (under 1 kB), which keeps a page of 2,000 candidates near 4 MB.
const EVIDENCE_RANKS: usize = 50;

/// Skills shown in the ranked table's "Top skills" column.
const TOP_SKILLS: usize = 6;
/// Missing key skills shown in the ranked table before "+N more".
const TOP_MISSING: usize = 6;
/// Rows of the batch panel's skill charts.
const BATCH_ROWS: usize = 10;

/// Writes the HTML report. `generated` is shown as the report's date; it is a parameter so that
/// the same report always renders to the same bytes.
///
/// # Errors
/// Any error of the writer.
pub fn html(
    report: &Report,
    names: &SkillNames,
    out: &mut dyn Write,
    generated: &str,
) -> io::Result<()> {
    let page = Page::new(report, names);
    out.write_all(page.render(generated).into_string().as_bytes())?;
    out.flush()
}

/// Skill display names by id, for the skills a page names by id only (missing key skills).
pub type SkillNames = BTreeMap<String, String>;

/// The report, with what several parts of the page share worked out once.
struct Page<'a> {
    report: &'a Report,
    /// Display names by skill id; an id without one is shown as it is.
    names: &'a SkillNames,
    /// Indices into `report.documents`: scored documents best first, then the others.
    order: Vec<usize>,
    /// Rank (1-based) of each document by index; `None` for documents that were not scored.
    rank: Vec<Option<usize>>,
    /// Category names in profile order, for chart legends.
    categories: Vec<String>,
}

impl<'a> Page<'a> {
    /// The ranked table's columns: with a match rate when the report has a job.
    fn columns(&self) -> &'static [Column] {
        if self.report.job.is_some() {
            JOB_COLUMNS
        } else {
            COLUMNS
        }
    }

    fn new(report: &'a Report, names: &'a SkillNames) -> Page<'a> {
        let order = super::render::ranked(&report.documents, report.job.is_some());
        let mut rank = vec![None; report.documents.len()];
        let mut next = 1;
        for &i in &order {
            if report.documents[i].status == Status::Ok {
                rank[i] = Some(next);
                next += 1;
            }
        }
        let categories = report
            .documents
            .iter()
            .find(|d| d.status == Status::Ok)
            .map(|d| d.categories.iter().map(|c| c.name.to_string()).collect())
            .unwrap_or_default();
        Page {
            report,
            names,
            order,
            rank,
            categories,
        }
    }

    /// A skill's display name.
    fn name(&self, id: &'a str) -> &'a str {
        name_of(self.names, id)
    }

    fn scored(&self) -> impl Iterator<Item = &'a DocumentReport> {
        self.report
            .documents
            .iter()
            .filter(|d| d.status == Status::Ok)
    }

    fn render(&self, generated: &str) -> Markup {
        let r = self.report;
        let title = format!("Resume scan — {} — {generated}", r.profile.name);
        markup! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(csp());
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="generator" content=(format!("{} {}", r.tool.name, r.tool.version));
                    title { (title) }
                    style { (PreEscaped(CSS)) }
                }
                body {
                    (self.header(generated))
                    main {
                        (self.batch_panel())
                        (self.problems())
                        (self.ranked_table())
                        (self.details())
                    }
                    (self.footer())
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }

    fn header(&self, generated: &str) -> Markup {
        let r = self.report;
        let s = &r.summary;
        let mean = s.mean_score.map_or("–".to_string(), dec1);
        markup! {
            header.top {
                div.title {
                    h1 { "Resume scan" }
                    p.sub {
                        "Profile " b { (r.profile.name) }
                        span.muted { " (" (r.profile.id) ", version " (r.profile.version) ")" }
                        " · generated " (generated)
                    }
                    @if let Some(job) = &r.job {
                        p.sub {
                            "Matched against " b { (job.title.as_deref().or(job.source.as_deref()).unwrap_or("stated skills")) }
                            span.muted { " · " (job.required.len()) " required, " (job.optional.len()) " optional skills" }
                        }
                    }
                }
                dl.stats {
                    div { dt { "Files" } dd { (s.documents) } }
                    div { dt { "Scored" } dd { (s.ok) } }
                    div.warn[s.empty > 0] { dt { "Empty" } dd { (s.empty) } }
                    div.bad[s.error > 0] { dt { "Failed" } dd { (s.error) } }
                    @if s.possible_duplicates > 0 {
                        div.warn title="Documents that may be the same candidate as an earlier one" {
                            dt { "Possible duplicates" } dd { (s.possible_duplicates) }
                        }
                    }
                    div { dt { "Mean score" } dd { (mean) } }
                }
            }
        }
    }

    /// Score distribution and the most common and most often missing skills of the batch.
    fn batch_panel(&self) -> Markup {
        let scored: Vec<&DocumentReport> = self.scored().collect();
        let n = scored.len();
        let mut have: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &scored {
            for s in &d.skills {
                have.entry(s.id.as_str()).or_insert((0, s.name.as_str())).0 += 1;
            }
            for id in d.categories.iter().flat_map(|c| &c.missing) {
                *missing.entry(id.as_str()).or_default() += 1;
            }
        }
        let have = top_counts(have.into_values().map(|(count, name)| (name, count)));
        let missing = top_counts(missing.into_iter().map(|(id, n)| (self.name(id), n)));
        markup! {
            section.panel aria-label="Batch overview" {
                div.card {
                    h2 { "Score distribution" }
                    @if n == 0 { p.muted { "No document could be scored." } }
                    @else { (histogram(&scored, self.report.summary.mean_score)) }
                }
                div.card {
                    h2 title="Candidates who have the skill, and their share of the scored candidates" { "Most common skills" }
                    @if have.is_empty() { p.muted { "No skills found." } }
                    @else { (bar_list(&have, n, "have")) }
                }
                div.card {
                    h2 title="Candidates who lack the profile's key skill" { "Most often missing key skills" }
                    @if missing.is_empty() { p.muted { "No key skill is missing." } }
                    @else { (bar_list(&missing, n, "lack")) }
                }
            }
        }
    }

    /// Files that could not be scored, with the reason: listed, never hidden.
    fn problems(&self) -> Markup {
        let failed: Vec<&DocumentReport> = self
            .report
            .documents
            .iter()
            .filter(|d| d.status != Status::Ok)
            .collect();
        if failed.is_empty() {
            return markup! {};
        }
        markup! {
            section #problems.problems {
                h2 { "Files not scored (" (failed.len()) ")" }
                table.plain {
                    thead { tr { th { "File" } th { "Status" } th { "Reason" } } }
                    tbody {
                        @for d in &failed {
                            tr {
                                td.file { (file_name(&d.path)) }
                                td { span.tag.(status_class(d.status)) { (status_word(d.status)) } }
                                td { (not_scored_reason(d)) }
                            }
                        }
                    }
                }
            }
        }
    }

    fn ranked_table(&self) -> Markup {
        let legend = if self.categories.is_empty() {
            String::new()
        } else {
            format!(
                "Coverage per category, left to right: {}",
                self.categories.join(", ")
            )
        };
        markup! {
            section.ranking {
                div.section-head {
                    h2 { "Ranked candidates" }
                    p.muted.legend {
                        "Click a column to sort. Score 0–100: the profile's categories, weighted. "
                        b.chip { "solid" } " skill used in experience or projects, "
                        i.chip { "outlined" } " only listed."
                    }
                }
                table #ranked.ranked {
                    thead {
                        tr {
                            @for col in self.columns() {
                                th.(col.class())
                                    data-sort=[col.sort()]
                                    title=[(*col == Column::Categories && !legend.is_empty()).then_some(legend.as_str())]
                                    { (col.label()) }
                            }
                        }
                    }
                    tbody {
                        @for (pos, &i) in self.order.iter().enumerate() {
                            @let row = Row { doc: &self.report.documents[i], names: self.names, id: i, rank: self.rank[i] };
                            tr class=[row.rank.is_none().then_some("unscored")] data-i=(pos) {
                                @for col in self.columns() {
                                    @let (value, content) = row.cell(*col);
                                    td class=[col.cell_class()] data-v=[value] { (content) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn details(&self) -> Markup {
        let scored = self.report.summary.ok;
        if scored == 0 {
            return markup! {};
        }
        let evidence_ranks = if scored <= FULL_DETAIL_BATCH {
            scored
        } else {
            EVIDENCE_RANKS
        };
        markup! {
            section.candidates {
                div.section-head {
                    h2 { "Candidates" }
                    p.muted.legend {
                        "Open a candidate for the evidence behind each skill; open candidates are included when printing."
                        @if evidence_ranks < scored {
                            " Evidence lines are shown for the top " (EVIDENCE_RANKS)
                            "; below, skills in bold are used in experience or projects, and the JSON report (--format json) has the evidence."
                        }
                    }
                }
                @for &i in &self.order {
                    @if let Some(rank) = self.rank[i] {
                        (detail(&self.report.documents[i], self.names, i, rank, rank <= evidence_ranks, scored == 1))
                    }
                }
            }
        }
    }

    fn footer(&self) -> Markup {
        let r = self.report;
        markup! {
            footer {
                p {
                    (r.tool.name) " " (r.tool.version) " · data: "
                    @for (n, d) in r.dictionaries.iter().enumerate() {
                        @if n > 0 { ", " }
                        (d.name) " " (d.version) span.muted { " (" (d.fingerprint) ")" }
                    }
                }
            }
        }
    }
}

/// The ranked table's columns, in order. A column is a label, a sort kind and a cell
/// ([`Row::cell`]); a new column is one variant here, one entry in [`COLUMNS`] and one arm there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Rank,
    File,
    Match,
    Score,
    Stack,
    Categories,
    TopSkills,
    Missing,
    /// With a job: whether the must-haves are met, and which are not.
    MustHaves,
}

const COLUMNS: &[Column] = &[
    Column::Rank,
    Column::File,
    Column::Score,
    Column::Stack,
    Column::Categories,
    Column::TopSkills,
    Column::Missing,
];

/// The columns with a job: the match rate first, and missing must-haves instead of key skills.
const JOB_COLUMNS: &[Column] = &[
    Column::Rank,
    Column::File,
    Column::Match,
    Column::Score,
    Column::Stack,
    Column::Categories,
    Column::TopSkills,
    Column::MustHaves,
];

impl Column {
    fn label(self) -> &'static str {
        match self {
            Column::Rank => "#",
            Column::File => "File",
            Column::Match => "Match",
            Column::Score => "Score",
            Column::Stack => "Stack",
            Column::Categories => "Categories",
            Column::TopSkills => "Top skills",
            Column::Missing => "Missing key skills",
            Column::MustHaves => "Must-haves",
        }
    }

    /// How the script sorts the column: `num-asc` / `num-desc` (numbers, the direction of the
    /// first click) or `text`; a cell's `data-v`, when present, is its sort value.
    fn sort(self) -> Option<&'static str> {
        match self {
            Column::Rank => Some("num-asc"),
            Column::Score | Column::Match => Some("num-desc"),
            Column::File | Column::Stack => Some("text"),
            Column::Categories | Column::TopSkills | Column::Missing | Column::MustHaves => None,
        }
    }

    /// Class of the header cell, for the column's width.
    fn class(self) -> &'static str {
        match self {
            Column::Rank => "c-rank",
            Column::File => "c-file",
            Column::Score | Column::Match => "c-score",
            Column::Stack => "c-stack",
            Column::Categories => "c-cats",
            Column::TopSkills => "c-top",
            Column::Missing | Column::MustHaves => "c-miss",
        }
    }

    /// Class of the body cells, only where their content needs one (rows add up in big batches).
    fn cell_class(self) -> Option<&'static str> {
        match self {
            Column::Missing => Some("miss"),
            _ => None,
        }
    }
}

/// One row of the ranked table.
struct Row<'a> {
    doc: &'a DocumentReport,
    names: &'a SkillNames,
    /// Index in the report, used for the anchor of the detail block.
    id: usize,
    rank: Option<usize>,
}

impl Row<'_> {
    /// The cell of `col`: its sort value (`data-v`, when the text is not the value) and content.
    fn cell(&self, col: Column) -> (Option<String>, Markup) {
        let d = self.doc;
        match (col, self.rank) {
            // Unscored rows sort after every rank and score.
            (Column::Rank, None) => (Some("999999".into()), markup! { "–" }),
            (Column::Rank, Some(rank)) => (None, markup! { (rank) }),
            (Column::File, _) => {
                let href = match self.rank {
                    Some(_) => format!("#c{}", self.id),
                    None => "#problems".to_string(),
                };
                (
                    None,
                    markup! { a href=(href) { (file_name(&d.path)) } (possible_duplicate(d)) },
                )
            }
            (Column::Match, None) => (Some("-1".into()), markup! { "–" }),
            (Column::Match, Some(_)) => match &d.job_match {
                Some(m) => (
                    None,
                    markup! { span.score.(band(m.match_rate)) { (dec1(m.match_rate)) } (score_bar(m.match_rate)) },
                ),
                None => (Some("-1".into()), markup! { "–" }),
            },
            (Column::Score, None) => (Some("-1".into()), markup! { "–" }),
            (Column::Score, Some(_)) => (
                None,
                markup! { span.score.(band(d.score)) { (dec1(d.score)) } (score_bar(d.score)) },
            ),
            (Column::Categories, None)
            | (Column::Missing, None)
            | (Column::MustHaves, None)
            | (Column::Stack, None) => (None, markup! {}),
            (Column::MustHaves, Some(_)) => match &d.job_match {
                Some(m) => (None, must_haves(m)),
                None => (None, markup! {}),
            },
            (Column::Stack, Some(_)) => (None, stack(d, false)),
            (Column::Categories, Some(_)) => (None, mini_bars(&d.categories)),
            (Column::TopSkills, None) => (
                None,
                markup! { span.tag.(status_class(d.status)) { (status_word(d.status)) } " " (not_scored_reason(d)) },
            ),
            (Column::TopSkills, Some(_)) => (
                None,
                markup! { @for s in d.skills.iter().take(TOP_SKILLS) { (chip(s)) " " } },
            ),
            (Column::Missing, Some(_)) => {
                // With a job, what matters is the posting's must-haves.
                let missing: Vec<&str> = match &d.job_match {
                    Some(m) => m.required.missing.iter().map(String::as_str).collect(),
                    None => missing_ids(&d.categories).collect(),
                };
                let missing: Vec<&str> = missing
                    .into_iter()
                    .map(|id| name_of(self.names, id))
                    .collect();
                let shown = missing
                    .iter()
                    .take(TOP_MISSING)
                    .copied()
                    .collect::<Vec<_>>();
                (
                    None,
                    markup! {
                        (shown.join(", "))
                        @if missing.len() > TOP_MISSING {
                            span.muted { " +" (missing.len() - TOP_MISSING) " more" }
                        }
                    },
                )
            }
        }
    }
}

/// A scored candidate's collapsible block.
fn detail(
    d: &DocumentReport,
    names: &SkillNames,
    id: usize,
    rank: usize,
    full: bool,
    open: bool,
) -> Markup {
    let missing: Vec<&str> = missing_ids(&d.categories)
        .map(|id| name_of(names, id))
        .collect();
    markup! {
        details #(format!("c{id}")) open[open] {
            summary {
                span.rank { "#" (rank) }
                span.file { (file_name(&d.path)) }
                span.score.(band(d.score)) { (dec1(d.score)) }
                (stack(d, full))
                span.muted { (d.skills.len()) " skills · " (candidate_line(d)) }
            }
            div.body {
                (possible_duplicate(d))
                @if full {
                    div.cols {
                        div { h3 { "Coverage by category" } (category_chart(&d.categories)) }
                        div {
                            h3 { "Missing key skills" }
                            (missing_list(&missing))
                            (primary_stack(d))
                            (candidate_facts(d))
                            (warnings(d))
                        }
                    }
                    (job_rules(d))
                    @if !d.skills.is_empty() {
                        h3 { "Skills and evidence" }
                        table.skills {
                            thead { tr { th { "Skill" } th { "Category" } th { "Years (last used)" } th { "Evidence (line · section)" } } }
                            tbody {
                                @for s in &d.skills {
                                    tr {
                                        td { (chip(s)) (esco_link(s.esco.as_deref(), &s.name)) }
                                        td.muted { (category_name(&d.categories, &s.category)) }
                                        td.num { (years(s)) }
                                        td { @for e in &s.evidence { (evidence(e, &s.name)) } }
                                    }
                                }
                            }
                        }
                    }
                    (implied(d))
                } @else {
                    h3 { "Skills" }
                    p.skill-list {
                        @for (k, s) in d.skills.iter().enumerate() {
                            @if k > 0 { ", " }
                            @if s.evidenced { b { (s.name) } } @else { (s.name) }
                            @if let Some(y) = s.years { " " (fmt_years(y)) }
                        }
                    }
                    h3 { "Missing key skills" }
                    (missing_list(&missing))
                    (job_rules(d))
                    (warnings(d))
                }
            }
        }
    }
}

/// The must-haves' status as a tag, then the rules not met and those the resume leaves unknown.
fn must_haves(m: &JobMatch) -> Markup {
    let required =
        |status| -> Vec<&str> { m.required_with(status).map(|r| r.rule.as_str()).collect() };
    let not_met = required(RuleStatus::NotMet);
    let unknown = required(RuleStatus::Unknown);
    markup! {
        span.tag.(rule_class(m.status)) { (rule_word(m.status)) }
        @if !not_met.is_empty() { " " (not_met.join(", ")) }
        @if !unknown.is_empty() { span.muted { " unknown: " (unknown.join(", ")) } }
    }
}

/// Each requirement of the job with its status and why, for a candidate's block.
fn job_rules(d: &DocumentReport) -> Markup {
    markup! {
        @if let Some(m) = &d.job_match {
            h3 { "Against the job" }
            table.plain.rules {
                thead { tr { th { "Requirement" } th { "Importance" } th { "Status" } th { "Why" } } }
                tbody {
                    @for r in &m.rules {
                        tr {
                            td { code { (r.rule) } }
                            td.muted { (r.importance.as_str()) }
                            td { span.tag.(rule_class(r.status)) { (rule_word(r.status)) } }
                            td { (r.detail) }
                        }
                    }
                }
            }
        }
    }
}

/// The note of a document that may be the same candidate as an earlier one.
fn possible_duplicate(d: &DocumentReport) -> Markup {
    markup! {
        @if let Some(p) = &d.possible_duplicate_of {
            p.dup { "possible duplicate of " b { (p.path) } " (" (p.describe()) ")" }
        }
    }
}

fn rule_class(s: RuleStatus) -> &'static str {
    match s {
        RuleStatus::Met => "ok",
        RuleStatus::Unknown => "warn",
        RuleStatus::NotMet => "bad",
    }
}

fn rule_word(s: RuleStatus) -> &'static str {
    match s {
        RuleStatus::Met => "met",
        RuleStatus::Unknown => "unknown",
        RuleStatus::NotMet => "not met",
    }
}

/// Years of experience, seniority and highest degree, each with where it comes from.
fn candidate_facts(d: &DocumentReport) -> Markup {
    let years = d.experience.as_ref().and_then(|e| {
        let total = e.total_years?;
        Some(format!(
            "{}, {} – {}",
            fmt_years(total),
            e.first_start.as_deref().unwrap_or("?"),
            e.last_end.as_deref().unwrap_or("?")
        ))
    });
    markup! {
        h3 { "Experience and education" }
        ul.facts {
            li {
                "Experience: "
                @match &years { Some(y) => b { (y) }, None => span.muted { "no dated job" } }
                @if let Some(e) = &d.experience {
                    @if !e.excluded.is_empty() {
                        span.muted { " (" (e.excluded.len()) " internship or student job not counted)" }
                    }
                }
            }
            @if let Some(s) = &d.seniority {
                li { "Seniority: " b { (s.band.as_str()) } span.muted { " — " (s.reason) } }
            }
            @if let Some(e) = &d.education {
                li {
                    "Highest degree: " b { (e.highest_degree.as_str()) }
                    @if let Some(f) = &e.field { ", " (f) }
                    @if let Some(y) = e.year { " (" (y) ")" }
                }
            }
        }
    }
}

/// Years, seniority and degree in a few words, for a candidate's summary line.
fn candidate_line(d: &DocumentReport) -> String {
    let years = d
        .experience
        .as_ref()
        .and_then(|e| e.total_years)
        .map_or_else(|| "no dated job".to_string(), fmt_years);
    let band = d.seniority.as_ref().map_or("unknown", |s| s.band.as_str());
    let degree = d
        .education
        .as_ref()
        .map_or("none", |e| e.highest_degree.as_str());
    format!("{years} · {band} · {degree}")
}

fn missing_list(missing: &[&str]) -> Markup {
    markup! {
        @if missing.is_empty() { p.muted { "None: every category's key skills are covered." } }
        @else { p.miss { (missing.join(", ")) } }
    }
}

fn warnings(d: &DocumentReport) -> Markup {
    markup! {
        @if !d.warnings.is_empty() {
            h3 { "Warnings" }
            ul.warnings { @for w in &d.warnings { li { (w.message) } } }
        }
    }
}

/// The primary stack's name ("–" when there is none), with the reason as its tooltip when
/// `with_reason`: the table rows and the compact blocks of big batches leave it to the full block,
/// which keeps 2,000 candidates under 5 MB.
fn stack(d: &DocumentReport, with_reason: bool) -> Markup {
    markup! {
        @match &d.primary_stack {
            Some(p) if with_reason => span.stack title=(p.reason) { (p.name) },
            Some(p) => span.stack { (p.name) },
            None => "–",
        }
    }
}

/// The primary stack and why, for a candidate's block.
fn primary_stack(d: &DocumentReport) -> Markup {
    markup! {
        h3 { "Primary stack" }
        @match &d.primary_stack {
            Some(p) => p { b { (p.name) } ": " (p.reason) },
            None => p.muted { "None: no stack is shown enough to call one primary." },
        }
    }
}

/// The implied skills, each with the found skills that imply it.
fn implied(d: &DocumentReport) -> Markup {
    markup! {
        @if !d.implied.is_empty() {
            h3 title="Skills the resume does not name but its skills imply; they count at a partial credit" { "Implied skills" }
            p.skill-list {
                @for (k, s) in d.implied.iter().enumerate() {
                    @if k > 0 { ", " }
                    (s.name) (esco_link(s.esco.as_deref(), &s.name))
                    " " span.muted { " (by " (s.implied_by.join(", ")) ")" }
                }
            }
        }
    }
}

/// The skill's ESCO concept URI, when it has one, as text: the page links only inside itself.
fn esco_link(uri: Option<&str>, name: &str) -> Markup {
    markup! {
        @if let Some(uri) = uri {
            " " span.esco title=(format!("{name} in ESCO, the European skills classification")) { (uri) }
        }
    }
}

/// A skill as a chip: solid (`b`) when used in experience or projects, outlined (`i`) when only
/// listed. The element says which, not a class: the shortest markup for a few chips in each of
/// up to 2,000 rows.
fn chip(s: &SkillReport) -> Markup {
    if s.evidenced {
        markup! { b.chip { (s.name) } }
    } else {
        markup! { i.chip { (s.name) } }
    }
}

fn years(s: &SkillReport) -> Markup {
    markup! {
        @if let Some(y) = s.years { (fmt_years(y)) }
        @if let Some(last) = s.last_used { span.muted { " (" (last) ")" } }
    }
}

fn fmt_years(y: f64) -> String {
    if (y - y.round()).abs() < 0.05 {
        format!("{y:.0} yrs")
    } else {
        format!("{y:.1} yrs")
    }
}

/// One evidence line, with the skill's name highlighted where it appears verbatim.
fn evidence(e: &Evidence, name: &str) -> Markup {
    let (before, hit, after) = split_mention(&e.snippet, name);
    markup! {
        div.ev {
            span.where { "L" (e.line) " · " (section_label(e.section)) }
            " " (before) @if !hit.is_empty() { mark { (hit) } } (after)
        }
    }
}

/// Splits `snippet` around the first whole-word, case-insensitive occurrence of `name`.
fn split_mention<'s>(snippet: &'s str, name: &str) -> (&'s str, &'s str, &'s str) {
    let hay = snippet.to_ascii_lowercase();
    let needle = name.to_ascii_lowercase();
    if needle.is_empty() {
        return (snippet, "", "");
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(&needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before_ok = !hay[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after_ok = !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
        // ASCII lower-casing keeps byte offsets, so they are valid in `snippet` too.
        if before_ok && after_ok {
            return (&snippet[..start], &snippet[start..end], &snippet[end..]);
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    (snippet, "", "")
}

fn section_label(s: SectionKind) -> &'static str {
    match s {
        SectionKind::Header => "header",
        SectionKind::Summary => "summary",
        SectionKind::Skills => "skills list",
        SectionKind::Experience => "experience",
        SectionKind::Projects => "projects",
        SectionKind::Education => "education",
        SectionKind::Certifications => "certifications",
        SectionKind::Other => "other",
    }
}

fn category_name<'a>(categories: &'a [CategoryReport], id: &'a str) -> &'a str {
    categories
        .iter()
        .find(|c| c.id == id)
        .map_or(id, |c| c.name.as_str())
}

/// A skill's display name, or its id when `names` has none.
fn name_of<'a>(names: &'a SkillNames, id: &'a str) -> &'a str {
    names.get(id).map_or(id, String::as_str)
}

fn missing_ids(categories: &[CategoryReport]) -> impl Iterator<Item = &str> {
    categories
        .iter()
        .flat_map(|c| c.missing.iter().map(super::Name::as_str))
}

/// A path as its file name, then its directory dimmed, so the name stands out.
fn file_name(path: &str) -> Markup {
    let cut = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let (dir, name) = path.split_at(cut);
    markup! { b { (name) } @if !dir.is_empty() { " " span.dir { (dir) } } }
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Ok => "scored",
        Status::Empty => "empty",
        Status::Error => "failed",
        Status::Duplicate => "duplicate",
        Status::Skipped => "skipped",
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Empty => "warn",
        Status::Error => "bad",
        Status::Duplicate => "warn",
        Status::Skipped => "warn",
    }
}

fn not_scored_reason(d: &DocumentReport) -> String {
    match (&d.error, d.reason.map(StatusReason::as_str)) {
        (Some(e), _) => format!("{} ({})", e.message, e.kind),
        (None, Some("no_text_layer")) => {
            "no text layer: a scanned PDF needs OCR before it can be read".to_string()
        }
        (None, Some("no_text")) => "the file contains no text".to_string(),
        (None, Some("symlink")) => {
            "a symbolic link, not followed while walking a folder (use --follow)".to_string()
        }
        (None, Some("not_a_file")) => "not a regular file (a FIFO, socket or device)".to_string(),
        (None, _) if d.duplicate_of.is_some() => format!(
            "same content as {}",
            d.duplicate_of.as_deref().unwrap_or_default()
        ),
        (None, Some(other)) => other.to_string(),
        (None, None) => "no text".to_string(),
    }
}

/// One decimal, as scores are reported; never "-0.0".
fn dec1(x: f64) -> String {
    let x = if x.abs() < 0.05 { 0.0 } else { x };
    format!("{x:.1}")
}

/// A percentage without decimals; never "-0%".
fn pct(x: f64) -> String {
    format!("{:.0}%", x.clamp(0.0, 100.0) + 0.0)
}

/// Score band used for colours: the same thresholds everywhere on the page.
fn band(score: f64) -> &'static str {
    if score >= 75.0 {
        "hi"
    } else if score >= 50.0 {
        "mid"
    } else {
        "lo"
    }
}

/// Formats a chart coordinate compactly (one decimal, no trailing `.0`).
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn score_bar(score: f64) -> Markup {
    // Two boxes, the track and the bar, sized by the style (the page allows inline style, not
    // requests): half the markup of an SVG in each of 2,000 rows.
    markup! {
        b.sbar.(band(score)) aria-hidden="true" {
            b style=(format!("width:{}px", n(score.clamp(0.0, 100.0) * 0.6))) {}
        }
    }
}

/// One tiny bar per category: a single stroked path, over tracks drawn by the SVG's CSS
/// background, to keep 2,000 rows small.
fn mini_bars(categories: &[CategoryReport]) -> Markup {
    const STEP: f64 = 7.0; // 5 px bar, 2 px gap; the CSS background uses the same numbers
    const H: f64 = 18.0;
    let width = categories.len() as f64 * STEP - 2.0;
    let mut path = String::new();
    let mut tip = Vec::with_capacity(categories.len());
    let mut last = 0.0;
    for (i, c) in categories.iter().enumerate() {
        let h = (c.score.clamp(0.0, 100.0) / 100.0 * H).max(1.0);
        if i == 0 {
            path.push_str(&format!("M2.5 {H}v-{}", n(h)));
        } else {
            // From the top of the previous bar to the foot of this one, then up.
            path.push_str(&format!("m{STEP} {}v-{}", n(last), n(h)));
        }
        last = h;
        tip.push(format!("{} {}", c.name, pct(c.score)));
    }
    markup! {
        svg.mini width=(n(width)) height=(H) role="img" {
            // Commas: two bytes where " · " takes four, in each of up to 2,000 rows.
            title { (tip.join(", ")) }
            path d=(path) {}
        }
    }
}

/// Horizontal bars with labels: each category's coverage, 0–100 %.
fn category_chart(categories: &[CategoryReport]) -> Markup {
    const ROW: f64 = 20.0;
    const LABEL: f64 = 120.0;
    const BAR: f64 = 200.0;
    let height = categories.len() as f64 * ROW + 4.0;
    let width = LABEL + BAR + 50.0;
    // All tracks in one path: this chart is drawn for up to FULL_DETAIL_BATCH candidates.
    let tracks: String = (0..categories.len())
        .map(|i| format!("M{LABEL} {}h{BAR}v11h-{BAR}z", n(i as f64 * ROW + 6.0)))
        .collect();
    markup! {
        svg.chart width=(n(width)) height=(n(height))
            viewBox=(format!("0 0 {} {}", n(width), n(height))) role="img"
            aria-label="Coverage by category" {
            path.track d=(tracks) {}
            @for (i, c) in categories.iter().enumerate() {
                @let y = i as f64 * ROW + 4.0;
                g {
                    title { (c.name) ": " (pct(c.score)) " covered, "
                        (dec1(c.points)) " of " (dec1(c.weight * 100.0)) " points" }
                    text.label x=(n(LABEL - 8.0)) y=(n(y + 11.0)) { (c.name) }
                    rect.(band(c.score)) x=(n(LABEL)) y=(n(y + 2.0))
                        width=(n(c.score.clamp(0.0, 100.0) / 100.0 * BAR)) height="11" {}
                    text.value x=(n(LABEL + BAR + 6.0)) y=(n(y + 11.0)) { (pct(c.score)) }
                }
            }
        }
    }
}

/// Histogram of scores in ten bins (the last one includes 100), with the mean marked.
fn histogram(scored: &[&DocumentReport], mean: Option<f64>) -> Markup {
    const W: f64 = 340.0;
    const H: f64 = 150.0;
    const LEFT: f64 = 14.0;
    const TOP: f64 = 30.0;
    const BOTTOM: f64 = 20.0;
    let mut bins = [0usize; 10];
    for d in scored {
        let b = ((d.score / 10.0).floor().max(0.0) as usize).min(9);
        bins[b] += 1;
    }
    let max = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot_h = H - TOP - BOTTOM;
    let slot = (W - 2.0 * LEFT) / 10.0;
    let x_of = |score: f64| LEFT + score / 10.0 * slot;
    markup! {
        svg.chart.hist width=(W) height=(H) viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-label="Score distribution" {
            line.axis x1=(n(LEFT)) x2=(n(W - LEFT)) y1=(n(H - BOTTOM)) y2=(n(H - BOTTOM)) {}
            @for (i, &count) in bins.iter().enumerate() {
                @let h = count as f64 / max * plot_h;
                @let x = LEFT + i as f64 * slot;
                g {
                    title { (i * 10) "–" (if i == 9 { 100 } else { i * 10 + 9 }) ": " (count) " candidate" (if count == 1 { "" } else { "s" }) }
                    @if count > 0 {
                        rect.have x=(n(x + 2.0)) y=(n(H - BOTTOM - h)) width=(n(slot - 4.0)) height=(n(h)) rx="2" {}
                        text.count x=(n(x + slot / 2.0)) y=(n(H - BOTTOM - h - 4.0)) text-anchor="middle" { (count) }
                    }
                }
            }
            @for tick in (0..=100).step_by(20) {
                text.tick x=(n(x_of(tick as f64))) y=(n(H - 5.0)) text-anchor="middle" { (tick) }
            }
            @if let Some(m) = mean {
                line.mean x1=(n(x_of(m))) x2=(n(x_of(m))) y1="14" y2=(n(H - BOTTOM)) {}
                text.meanlabel x=(n((x_of(m) + 4.0).min(W - 60.0))) y="11" { "mean " (dec1(m)) }
            }
        }
    }
}

/// The `BATCH_ROWS` largest counts, largest first (then by name).
fn top_counts<'a>(counts: impl Iterator<Item = (&'a str, usize)>) -> Vec<(&'a str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(BATCH_ROWS);
    v
}

/// Keeps the start of a label, for charts with a fixed label width.
fn cut_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max - 1).collect();
    format!("{head}…")
}

/// Labelled horizontal bars of `count / total`.
fn bar_list(items: &[(&str, usize)], total: usize, class: &str) -> Markup {
    const ROW: f64 = 17.0;
    const LABEL: f64 = 136.0;
    const BAR: f64 = 140.0;
    // Room for "1500 · 75%".
    let width = LABEL + BAR + 84.0;
    let height = items.len() as f64 * ROW + 2.0;
    let denominator = total.max(1) as f64;
    markup! {
        svg.chart width=(n(width)) height=(n(height)) viewBox=(format!("0 0 {} {}", n(width), n(height))) role="img" {
            @for (i, (name, count)) in items.iter().enumerate() {
                @let y = i as f64 * ROW + 2.0;
                @let share = *count as f64 / denominator;
                g {
                    title { (name) ": " (count) " of " (total) }
                    text.label x=(n(LABEL - 8.0)) y=(n(y + 11.0)) { (cut_end(name, 18)) }
                    rect.track x=(n(LABEL)) y=(n(y + 3.0)) width=(n(BAR)) height="9" rx="2" {}
                    rect.(class) x=(n(LABEL)) y=(n(y + 3.0)) width=(n(share * BAR)) height="9" rx="2" {}
                    text.value x=(n(LABEL + BAR + 6.0)) y=(n(y + 11.0)) { (count) " · " (pct(share * 100.0)) }
                }
            }
        }
    }
}

/// The page may load nothing: no images, fonts, frames or connections; its own inline style and
/// its one script (pinned by hash) are all it runs.
fn csp() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; \
         base-uri 'none'; form-action 'none'"
    )
}

/// SHA-256 of [`SCRIPT`], base64, as the Content-Security-Policy names it; a unit test keeps it
/// in step with the script.
const SCRIPT_HASH: &str = "sha256-i5/u8f4YpwqkXYzMlkVC1qN+WNvCVXHuPnDSTLuwEnY=";

/// Sorts the ranked table by a clicked column header and opens a candidate's block when its
/// link is followed.
const SCRIPT: &str = r#"(function(){var d=document;d.documentElement.classList.add("js");
function key(r,i,num){var c=r.cells[i],v=c.getAttribute("data-v");if(v===null)v=c.textContent;return num?parseFloat(v):v.toLowerCase();}
d.querySelectorAll("th[data-sort]").forEach(function(th){th.tabIndex=0;function sort(){var t=th.closest("table"),b=t.tBodies[0],i=th.cellIndex,kind=th.getAttribute("data-sort"),num=kind!=="text",cur=th.getAttribute("aria-sort"),dir=cur?(cur==="ascending"?-1:1):(kind==="num-desc"?-1:1);
t.querySelectorAll("th[aria-sort]").forEach(function(h){h.removeAttribute("aria-sort");});th.setAttribute("aria-sort",dir>0?"ascending":"descending");
Array.prototype.slice.call(b.rows).sort(function(x,y){var p=key(x,i,num),q=key(y,i,num);return (p<q?-1:p>q?1:0)*dir||x.getAttribute("data-i")-y.getAttribute("data-i");}).forEach(function(r){b.appendChild(r);});}
th.addEventListener("click",sort);th.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();sort();}});});
function reveal(){var e=location.hash&&d.getElementById(location.hash.slice(1));if(e&&e.tagName==="DETAILS")e.open=true;}
addEventListener("hashchange",reveal);reveal();})();"#;

const CSS: &str = r#"
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--accent:#2563eb;
--hi:#15803d;--mid:#c2780a;--lo:#b91c1c;--hi-bg:#dcfce7;--mid-bg:#fef3c7;--lo-bg:#fee2e2;--track:#e9edf2}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main,header.top,footer{max-width:1320px;margin:0 auto;padding:0 24px}
h1{font-size:22px;margin:0}
h2{font-size:15px;margin:0 0 10px}
h3{font-size:13px;margin:14px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.muted{color:var(--muted);font-weight:normal}
header.top{display:flex;justify-content:space-between;align-items:center;gap:24px;padding-top:18px;padding-bottom:14px;flex-wrap:wrap}
.sub{margin:4px 0 0;color:var(--ink)}
dl.stats{display:flex;gap:8px;margin:0}
dl.stats div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:6px 14px;min-width:84px;text-align:center}
dl.stats dt{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
dl.stats dd{margin:0;font-size:20px;font-weight:600}
dl.stats .warn dd{color:var(--mid)}dl.stats .bad dd{color:var(--lo)}
.panel{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:14px;margin-bottom:16px}
.card,.problems,.ranking,.candidates{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.problems,.ranking,.candidates{margin-bottom:16px}
.problems{border-color:#f5c2c2}
svg.chart{display:block;max-width:100%;height:auto}
svg text{font-family:inherit;font-size:11.5px;fill:var(--ink)}
svg .tick,svg .value,svg .count{fill:var(--muted)}
svg .label{text-anchor:end}
svg .axis{stroke:#c9d1da}
svg .mean{stroke:var(--ink);stroke-dasharray:3 3}
svg .meanlabel{font-size:11px}
svg .track{fill:var(--track)}
svg .hi{fill:var(--hi)}svg .mid{fill:var(--mid)}svg .lo{fill:var(--lo)}
svg .have{fill:var(--accent)}svg .lack{fill:#94a3b8}
svg.mini{display:block;background:repeating-linear-gradient(90deg,var(--track) 0 5px,transparent 5px 7px)}
svg.mini path{fill:none;stroke:var(--accent);stroke-width:5}
b.sbar{display:inline-block;width:60px;height:6px;vertical-align:middle;background:var(--track);border-radius:3px;overflow:hidden}
b.sbar b{display:block;height:6px;border-radius:3px}
b.sbar.hi b{background:var(--hi)}b.sbar.mid b{background:var(--mid)}b.sbar.lo b{background:var(--lo)}
.section-head{display:flex;justify-content:space-between;align-items:baseline;gap:16px;flex-wrap:wrap}
.legend{margin:0 0 8px;font-size:12.5px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap;background:var(--card)}
.ranked thead th{position:sticky;top:0;z-index:1}
.js th[data-sort]{cursor:pointer;user-select:none}
.js th[data-sort]:hover{color:var(--ink)}
.js th[data-sort]::after{content:" ↕";color:#b6c0cb}
th[aria-sort=ascending]::after{content:" ▲"!important;color:var(--ink)!important}
th[aria-sort=descending]::after{content:" ▼"!important;color:var(--ink)!important}
.ranked tbody tr:hover{background:#f8fafc}
.ranked td{vertical-align:middle}
th.c-rank{width:36px}.ranked td:first-child{color:var(--muted)}
.ranked td,td.file{overflow-wrap:anywhere}
.problems td.file{width:28%}
th.c-file{min-width:200px}th.c-score{min-width:130px}th.c-stack{min-width:70px}
.stack{font-weight:600;margin-right:6px;white-space:nowrap}
.esco{display:block;font-size:10.5px;color:var(--muted);white-space:nowrap}
.ranked a .dir,td.file .dir{display:block;font-size:11.5px}
.ranked a{color:inherit;text-decoration:none}.ranked a:hover b{text-decoration:underline;color:var(--accent)}
.dir{color:var(--muted);font-size:12px}
.score{display:inline-block;min-width:44px;text-align:center;font-weight:600;border-radius:6px;padding:1px 6px;margin-right:6px}
.score.hi{background:var(--hi-bg);color:var(--hi)}.score.mid{background:var(--mid-bg);color:#92400e}.score.lo{background:var(--lo-bg);color:var(--lo)}
.chip{display:inline-block;border:1px solid #bfd0f5;color:#1e40af;border-radius:10px;padding:0 7px;font-size:12px;margin:1px 0;white-space:nowrap;font-weight:normal;font-style:normal}
b.chip{background:#dbe7ff;border-color:#dbe7ff}
.miss{color:var(--lo);font-size:12.5px}
.tag{display:inline-block;border-radius:4px;padding:0 6px;font-size:11.5px;font-weight:600;text-transform:uppercase}
.tag.bad{background:var(--lo-bg);color:var(--lo)}.tag.warn{background:var(--mid-bg);color:#92400e}
.tag.ok{background:var(--hi-bg);color:var(--hi)}
ul.facts{margin:0;padding-left:18px;font-size:13px}
table.rules td{padding:3px 8px;font-size:13px}
tr.unscored td{color:var(--muted)}
details{border-top:1px solid var(--line)}
details:first-of-type{border-top:0}
summary{cursor:pointer;padding:8px 2px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
summary .rank{color:var(--muted);min-width:40px}
details[open] summary{border-bottom:1px dashed var(--line)}
details .body{padding:4px 8px 16px 52px}
.cols{display:grid;grid-template-columns:auto 1fr;gap:32px}
table.skills td{padding:4px 8px;font-size:13px}
table.skills td:first-child{white-space:nowrap}
td.num{white-space:nowrap}
.ev{margin:1px 0}
.ev .where{color:var(--muted);font-size:11.5px;white-space:nowrap}
mark{background:#fff1a8;color:inherit;padding:0 1px;border-radius:2px}
ul.warnings{margin:0;padding-left:18px;color:#92400e}
p.dup{margin:2px 0 0;font-size:12px;color:#92400e}
footer{color:var(--muted);font-size:12px;padding-bottom:24px}
@media (max-width:1000px){.panel{grid-template-columns:1fr}.cols{grid-template-columns:1fr}details .body{padding-left:8px}}
@media print{
body{background:#fff;font-size:10.5pt}
main,header.top,footer{max-width:none;padding:0}
.card,.problems,.ranking,.candidates{border:0;padding:0;border-radius:0}
.panel{grid-template-columns:repeat(3,1fr);break-inside:avoid}
.ranked thead th{position:static}
th[data-sort]::after{content:""!important}
tr,.ev,svg{break-inside:avoid}
details:not([open]),.candidates:not(:has(details[open])){display:none}
details{break-inside:avoid-page}
summary{list-style:none}
.legend{display:none}
@page{margin:12mm}
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_mention_finds_whole_words_only() {
        assert_eq!(
            split_mention("Built APIs in Go 1.22", "Go"),
            ("Built APIs in ", "Go", " 1.22")
        );
        assert_eq!(
            split_mention("Google, then go-kit", "Go"),
            ("Google, then ", "go", "-kit")
        );
        assert_eq!(split_mention("Golang", "Go"), ("Golang", "", ""));
        assert_eq!(split_mention("Ünïcode Go", "go"), ("Ünïcode ", "Go", ""));
    }

    #[test]
    fn script_hash_matches_the_script() {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
        let expected = format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        assert_eq!(
            SCRIPT_HASH, expected,
            "update SCRIPT_HASH after editing SCRIPT, or browsers will not run it"
        );
    }

    #[test]
    fn numbers_in_charts_are_compact() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.34), "12.3");
        assert_eq!(fmt_years(6.0), "6 yrs");
        assert_eq!(fmt_years(4.5), "4.5 yrs");
        assert_eq!(pct(-0.0), "0%");
        assert_eq!(dec1(-0.0), "0.0");
        assert_eq!(dec1(-0.01), "0.0");
        assert_eq!(dec1(96.46), "96.5");
        assert_eq!(pct(72.4), "72%");
    }

    #[test]
    fn bands_share_thresholds() {
        assert_eq!(band(75.0), "hi");
        assert_eq!(band(74.9), "mid");
        assert_eq!(band(50.0), "mid");
        assert_eq!(band(10.0), "lo");
    }
}
