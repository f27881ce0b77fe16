//! Evidence: the lines shown for a skill, for resumes and job postings alike.

use crate::matcher::Hit;
use crate::normalize::lines::line_text;

/// Most evidence lines kept per skill.
const MAX_EVIDENCE: usize = 3;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 120;

/// The mentions of one skill to show as its evidence: up to [`MAX_EVIDENCE`], one per line, the
/// `preferred` ones first and then the earliest, given back in line order. `hit` gives each
/// mention's hit.
///
/// Resumes prefer mentions in work experience and projects; postings, those of the kind that
/// decided the skill's importance.
pub(crate) fn pick<'a, M>(
    mentions: &'a [M],
    hit: impl Fn(&M) -> &Hit,
    preferred: impl Fn(&M) -> bool,
) -> impl Iterator<Item = &'a M> {
    let mut picked: [Option<&M>; MAX_EVIDENCE] = [None; MAX_EVIDENCE];
    let mut n = 0;
    let mut offer = |m: &'a M| {
        if n < MAX_EVIDENCE
            && !picked[..n]
                .iter()
                .flatten()
                .any(|p| hit(p).line == hit(m).line)
        {
            picked[n] = Some(m);
            n += 1;
        }
    };
    if mentions.is_sorted_by_key(|m| hit(m).start) {
        // The order of a stable sort by (not preferred, start), without sorting: the preferred
        // ones in the order given, then the others.
        for pass in [true, false] {
            for m in mentions.iter().filter(|m| preferred(m) == pass) {
                offer(m);
            }
        }
    } else {
        let mut ordered: Vec<&M> = mentions.iter().collect();
        ordered.sort_by_key(|m| (!preferred(m), hit(m).start));
        for m in ordered {
            offer(m);
        }
    }
    picked[..n].sort_by_key(|m| m.map(|m| hit(m).line));
    picked.into_iter().flatten()
}

/// The line of `hit` in `text` (normalized, with its [`line_starts`](crate::normalize::lines)),
/// cut to about [`SNIPPET_CHARS`] characters centred on the hit.
pub(crate) fn snippet(text: &str, line_starts: &[usize], hit: &Hit) -> String {
    let line = line_text(text, line_starts, hit.line);
    let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
    let (s, e) = (
        hit.start.saturating_sub(line_start),
        hit.end.saturating_sub(line_start),
    );
    let e = e.min(line.len());
    // A line has no more characters than bytes: most are short enough without counting.
    if line.len() <= SNIPPET_CHARS || line.chars().count() <= SNIPPET_CHARS {
        return line.trim().to_string();
    }
    let half = (SNIPPET_CHARS.saturating_sub(e - s.min(e))) / 2;
    let mut lo = s.saturating_sub(half);
    while lo > 0 && !line.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (e + half).min(line.len());
    while hi < line.len() && !line.is_char_boundary(hi) {
        hi += 1;
    }
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    out.push_str(line[lo..hi].trim());
    if hi < line.len() {
        out.push('…');
    }
    out
}
