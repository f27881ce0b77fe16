//! Resume sections: which part of the resume each line belongs to.
//!
//! A line is a heading when, without bullets, numbering, a trailing colon and letter-spacing
//! ("S K I L L S"), it is one of the dictionary's section headings, ignoring case; or when it starts
//! with a heading followed by a colon ("Skills: Go, Rust"), in which case the rest of the line is
//! already in the new section. A short line in capitals that starts with a heading
//! ("TECHNICAL SKILLS AND TOOLS") counts as well.

use crate::dictionary::{Dictionary, SectionKind};
use std::collections::HashMap;

/// Heading lookup built from a dictionary.
#[derive(Debug, Clone, Default)]
pub struct SectionDetector {
    headings: HashMap<String, SectionKind>,
    longest_words: usize,
    /// Characters in the longest heading.
    longest_chars: usize,
}

impl SectionDetector {
    /// Builds the detector from the dictionary's `[[section]]` entries.
    pub fn new(dict: &Dictionary) -> SectionDetector {
        let headings: HashMap<String, SectionKind> =
            dict.section_headings.iter().cloned().collect();
        let longest_words = headings
            .keys()
            .map(|h| h.split_whitespace().count())
            .max()
            .unwrap_or(0);
        let longest_chars = headings
            .keys()
            .map(|h| h.chars().count())
            .max()
            .unwrap_or(0);
        SectionDetector {
            headings,
            longest_words,
            longest_chars,
        }
    }

    /// The section of every line of `text` (normalized), one entry per line.
    ///
    /// A heading with content after its colon ("Tools: Docker, Git") labels only its own line; the
    /// section around it goes on after it. Inside a Skills section such a label stays Skills
    /// ("Languages: Go, Python" is a skills line there, not spoken languages).
    pub fn classify(&self, text: &str) -> Vec<SectionKind> {
        let mut current = SectionKind::Header;
        text.split('\n')
            .map(|line| match self.heading(line) {
                Some(kind) if has_inline_content(line) => {
                    if current == SectionKind::Skills {
                        SectionKind::Skills
                    } else {
                        kind
                    }
                }
                Some(kind) => {
                    current = kind;
                    kind
                }
                None => current,
            })
            .collect()
    }

    /// The section a line starts, if it is a heading.
    pub fn heading(&self, line: &str) -> Option<SectionKind> {
        let trimmed = line
            .trim()
            .trim_start_matches(|c: char| {
                c == crate::normalize::BULLET
                    || c.is_ascii_digit()
                    || matches!(c, '#' | '*' | '-' | '–' | '—' | '.' | ')' | '>' | ' ')
            })
            .trim();
        if trimmed.is_empty() || trimmed.len() > 60 {
            return self.inline_heading(trimmed);
        }
        let bare = trimmed.trim_end_matches([':', ' ', '.', '-', '–', '|']);
        let shouting_case =
            bare.chars().any(char::is_alphabetic) && !bare.chars().any(char::is_lowercase);
        // Lower-casing never makes fewer characters and `despace` removes only white space, so a
        // line with more other characters than the longest heading is no heading by itself, and
        // unless it is in capitals only a "Heading: ..." line is left to check.
        let visible = bare.chars().filter(|c| !c.is_whitespace()).count();
        if visible > self.longest_chars && !shouting_case {
            return self.inline_heading(trimmed);
        }
        let key = despace(&bare.to_lowercase());
        if let Some(kind) = self.headings.get(&key) {
            return Some(*kind);
        }
        if let Some(kind) = self.inline_heading(trimmed) {
            return Some(kind);
        }
        // "TECHNICAL SKILLS AND TOOLS", "WORK EXPERIENCE (SELECTED)": capitals, few words.
        let words: Vec<&str> = key.split_whitespace().collect();
        let shouting = shouting_case && words.len() <= 6;
        if shouting {
            for n in (1..=self.longest_words.min(words.len())).rev() {
                let prefix = words[..n].join(" ");
                let prefix = prefix.trim_end_matches([',', '&', ':']);
                if let Some(kind) = self.headings.get(prefix) {
                    return Some(*kind);
                }
            }
        }
        None
    }

    fn inline_heading(&self, line: &str) -> Option<SectionKind> {
        let (head, _) = line.split_once(':')?;
        if head.split_whitespace().count() > self.longest_words.max(1) {
            return None;
        }
        self.headings.get(&head.trim().to_lowercase()).copied()
    }
}

/// "Skills: Go, Rust" has content after the colon; "Skills:" does not.
fn has_inline_content(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(_, rest)| rest.chars().any(char::is_alphanumeric))
}

/// "s k i l l s" -> "skills"; "w o r k   e x p e r i e n c e" keeps the gap between words.
fn despace(s: &str) -> String {
    let tokens: Vec<&str> = s.split(' ').collect();
    let singles = tokens.iter().filter(|t| t.chars().count() == 1).count();
    if tokens.len() >= 4 && singles * 10 >= tokens.len() * 8 {
        let mut out = String::new();
        for t in tokens {
            if t.is_empty() {
                out.push(' ');
            } else {
                out.push_str(t);
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> SectionDetector {
        let mut dict = Dictionary::default();
        for (h, k) in [
            ("skills", SectionKind::Skills),
            ("technical skills", SectionKind::Skills),
            ("work experience", SectionKind::Experience),
            ("experience", SectionKind::Experience),
            ("education", SectionKind::Education),
        ] {
            dict.section_headings.push((h.to_string(), k));
        }
        SectionDetector::new(&dict)
    }

    #[test]
    fn recognises_heading_styles() {
        let d = detector();
        assert_eq!(d.heading("SKILLS"), Some(SectionKind::Skills));
        assert_eq!(d.heading("Technical Skills:"), Some(SectionKind::Skills));
        assert_eq!(
            d.heading("• Work Experience"),
            Some(SectionKind::Experience)
        );
        assert_eq!(d.heading("S K I L L S"), Some(SectionKind::Skills));
        assert_eq!(d.heading("Skills: Go, Rust"), Some(SectionKind::Skills));
        assert_eq!(
            d.heading("TECHNICAL SKILLS AND TOOLS"),
            Some(SectionKind::Skills)
        );
        assert_eq!(d.heading("I gained experience in many skills"), None);
        assert_eq!(d.heading("Experience with Go: 5 years"), None);
    }

    #[test]
    fn classifies_lines() {
        let d = detector();
        let kinds =
            d.classify("Jane Doe\nSkills\nGo, Rust\nExperience\nACME\nEducation: BSc, 2010\nBSc");
        assert_eq!(
            kinds,
            vec![
                SectionKind::Header,
                SectionKind::Skills,
                SectionKind::Skills,
                SectionKind::Experience,
                SectionKind::Experience,
                SectionKind::Education,
                SectionKind::Experience
            ]
        );
    }
}
