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

/// [`line_of`] for an offset at or after the start of line `from`: walks on from there, which for
/// offsets visited in order costs a step per line passed instead of a search each.
pub(crate) fn line_of_from(line_starts: &[usize], from: usize, offset: usize) -> usize {
    if line_starts.get(from).is_none_or(|&s| s > offset) {
        return line_of(line_starts, offset);
    }
    let mut line = from;
    while line_starts.get(line + 1).is_some_and(|&s| s <= offset) {
        line += 1;
    }
    line
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

    /// Walking on from any line gives what the search gives, for every offset and every line
    /// to start from (those past the offset fall back to the search).
    #[test]
    fn walking_on_finds_the_line_the_search_finds() {
        for text in ["ab\n\ncd\n", "", "\n\n\n", "one line", "a\nb\nc"] {
            let starts = line_starts(text);
            for offset in 0..=text.len() + 1 {
                for from in 0..=starts.len() + 1 {
                    assert_eq!(
                        line_of_from(&starts, from, offset),
                        line_of(&starts, offset),
                        "{text:?} from {from} at {offset}"
                    );
                }
            }
        }
    }
}
