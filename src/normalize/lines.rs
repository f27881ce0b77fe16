//! The lines of a normalized text, by byte offset. Report line numbers refer to them, so every
//! stage that works line by line (sections, matching, years, evidence, postings) finds them here,
//! once per text.

use std::ops::Range;

/// Byte offsets at which each line starts.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 40 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// The line (0-based) that holds byte `offset`.
pub(crate) fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts
        .partition_point(|&s| s <= offset)
        .saturating_sub(1)
}

/// The bytes of line `line` without its line break; an empty range at the end of the text past
/// the last line.
pub(crate) fn line_span(text: &str, line_starts: &[usize], line: usize) -> Range<usize> {
    let Some(&start) = line_starts.get(line) else {
        return text.len()..text.len();
    };
    let end = line_starts
        .get(line + 1)
        .map_or(text.len(), |next| next - 1);
    start..end
}

/// Line `line` of `text` without its line break, or `""` past the end.
pub(crate) fn line_text<'t>(text: &'t str, line_starts: &[usize], line: usize) -> &'t str {
    text.get(line_span(text, line_starts, line)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_by_offset_and_number() {
        let text = "ab\n\ncd\n";
        let starts = line_starts(text);
        assert_eq!(starts, [0, 3, 4, 7]);
        let lines: Vec<&str> = (0..starts.len())
            .map(|i| line_text(text, &starts, i))
            .collect();
        assert_eq!(lines, text.split('\n').collect::<Vec<_>>());
        assert_eq!(line_text(text, &starts, 4), "");
        assert_eq!(line_span(text, &starts, 9), 7..7);
        let of: Vec<usize> = (0..=text.len()).map(|o| line_of(&starts, o)).collect();
        assert_eq!(of, [0, 0, 0, 1, 2, 2, 2, 3]);
    }
}
