//! The literals that start with a letter or digit, found by their first word.
//!
//! A name found in a text starts a word and, to count, ends one too (or ends where a camel-case
//! join or a version number follows: "PythonDjango", "Java8"). Such a literal's first word (its
//! bytes up to the first byte that is not a letter or digit) is then exactly the text's word
//! where it starts, or a piece of it cut at such a join. So the scan reads each word of the text
//! once, hashing it as it goes, and looks the word and its pieces up in a table keyed by first
//! words: one look-up per word, where walking a trie takes a step per byte through states spread
//! over hundreds of kilobytes. Literals that end inside the word they start ("C" in "Company",
//! "Postgre" in "PostgreSQL") are not reported: nothing downstream could use them. Those that
//! run past it are, wherever they end ("Spring Boot" in "Spring Boots"), as a search of every
//! occurrence would report them: the longest at a point hides the shorter ones there.

use crate::dictionary::{fnv_step, FNV_OFFSET};

/// Where the literals with one first word are.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The hash of the first word; 0 marks an empty slot (see [`hash`]).
    hash: u64,
    /// The first word's length, checked with the hash.
    len: u32,
    /// The literals' range in `Words::group`.
    from: u32,
    to: u32,
}

/// A word as [`Words::scan_word`] read it, to its end: other stages that read the text's words
/// (the duplicate fingerprint) take its hash instead of hashing it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordRead {
    /// Where the word starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The FNV-1a hash of its bytes in ASCII lower case.
    pub hash: u64,
    /// Whether all its bytes are ASCII (letters and digits, then); a word with others is a run of
    /// word bytes that may hold several words, or none, of a reader that knows characters.
    pub ascii: bool,
}

/// The table of literals by first word.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    /// One bit per value of a hash's top bits, set for the first words' hashes: 4 KiB that stay
    /// in the fastest cache and turn away most of a text's words (which start no literal)
    /// without reading the table.
    filter: Vec<u64>,
    /// Open addressing, a power of two long, at most half full.
    slots: Vec<Slot>,
    /// The literals, grouped by first word; in a group, shortest first, then in the order given.
    group: Vec<Entry>,
    /// The literals' bytes in ASCII lower case, in the order of `group`, so that a group's
    /// entries and bytes are each one run of memory.
    bytes: Vec<u8>,
}

/// A letter or digit, or any non-ASCII byte: those belong to letters far more often than not (é,
/// ß, ü), so "Ciência" holds no "CI".
pub(crate) const fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

/// Whether a name may end between `prev` and `byte` inside a word: a camel-case join ("Python|
/// Django") or a letter before a digit ("Java|8", read as a version). The scan reads it from
/// [`CLASS`] and [`JOINS_AFTER`].
#[cfg(test)]
fn is_join(prev: u8, byte: u8) -> bool {
    (prev.is_ascii_lowercase() && byte.is_ascii_uppercase())
        || (prev.is_ascii_alphabetic() && byte.is_ascii_digit())
}

/// Whether an occurrence of a literal at a word start is one the scan reports: it ends the text,
/// or a word, or at a join inside one (see [`is_join`]), or it runs past the word it starts.
#[cfg(test)]
pub(super) fn is_reported(text: &[u8], start: usize, end: usize) -> bool {
    let ends = match (end.checked_sub(1).map(|i| text[i]), text.get(end)) {
        (_, None) => true,
        (Some(prev), Some(&next)) => !is_word_byte(next) || is_join(prev, next),
        (None, Some(_)) => false,
    };
    ends || text[start..end].iter().any(|&b| !is_word_byte(b))
}

/// [`CLASS`] bits: a word byte, an ASCII capital, an ASCII digit, a byte that is not ASCII.
const WORD: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const NOT_ASCII: u8 = 8;

/// Each byte's classes, read once per byte of a word.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if is_word_byte(byte) {
            class[b] |= WORD;
        }
        if byte.is_ascii_uppercase() {
            class[b] |= UPPER;
        }
        if byte.is_ascii_digit() {
            class[b] |= DIGIT;
        }
        if !byte.is_ascii() {
            class[b] |= NOT_ASCII;
        }
        b += 1;
    }
    class
};

/// For each byte, the classes of a next byte that would make a join with it (a camel-case join or
/// a letter before a digit, see [`Words::scan_word`]): a capital after a small letter, a digit
/// after a letter.
static JOINS_AFTER: [u8; 256] = {
    let mut joins = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_lowercase() {
            joins[b] |= UPPER;
        }
        if byte.is_ascii_alphabetic() {
            joins[b] |= DIGIT;
        }
        b += 1;
    }
    joins
};

/// [`CLASS`], [`JOINS_AFTER`] and the byte in ASCII lower case, in the low, middle and high
/// bytes of one entry: the scan reads all three for each byte of a word, with one load.
static BYTE_INFO: [u32; 256] = {
    let mut info = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        info[b] = CLASS[b] as u32
            | (JOINS_AFTER[b] as u32) << 8
            | ((b as u8).to_ascii_lowercase() as u32) << 16;
        b += 1;
    }
    info
};

/// One step of the hash of a word's lower-case bytes (FNV-1a).
fn step(hash: u64, byte: u8) -> u64 {
    fnv_step(hash, byte.to_ascii_lowercase())
}

/// The value stored for a word's running hash: never 0, which marks an empty slot.
fn hash(running: u64) -> u64 {
    running | 1
}

/// A literal in [`Words::group`].
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The literal's number.
    literal: u32,
    /// Its range in [`Words::bytes`].
    lo: u32,
    hi: u32,
    /// What follows its first word ([`Rest`]): most literals of a group differ there, and
    /// most are turned down by its first eight bytes, compared at once.
    rest: Rest,
}

/// Up to eight bytes of a literal after its first word, for a compare of eight text bytes at
/// once, ignoring ASCII case where the literal has a letter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Rest {
    /// The bytes (lower case), little-endian; 0 past the literal's end.
    bytes: u64,
    /// 0x20 at each byte that is a letter: or-ed into the text's byte, it makes a capital the
    /// small letter, and makes no other byte a letter.
    fold: u64,
    /// 0xFF at each byte the literal has.
    mask: u64,
}

impl Rest {
    /// The first eight bytes of `rest` (lower case).
    fn of(rest: &[u8]) -> Rest {
        let mut out = Rest::default();
        for (i, &b) in rest.iter().take(8).enumerate() {
            out.bytes |= u64::from(b) << (8 * i);
            if b.is_ascii_lowercase() {
                out.fold |= 0x20 << (8 * i);
            }
            out.mask |= 0xFF << (8 * i);
        }
        out
    }

    /// Whether eight text bytes (little-endian) start with these, ignoring ASCII case.
    fn starts(self, text: u64) -> bool {
        (text | self.fold) & self.mask == self.bytes
    }
}

/// A literal while the table is built: the hash of its first word, that word in lower case, its
/// length, its number and its bytes.
type Keyed<'a> = (u64, Vec<u8>, usize, u32, &'a [u8]);

impl Words {
    /// The table of `literals` (number `i` is `literals[i].0`); each must start with a word byte.
    pub(crate) fn new(literals: &[(u32, &[u8])]) -> Result<Words, String> {
        // Sorted: a group per first word (two words with one hash get a slot each), shortest
        // first.
        let mut keyed: Vec<Keyed<'_>> = literals
            .iter()
            .filter(|(_, l)| !l.is_empty())
            .map(|&(i, l)| {
                let n = l.iter().take_while(|&&b| is_word_byte(b)).count();
                let word = l[..n].to_ascii_lowercase();
                (
                    hash(word.iter().fold(FNV_OFFSET, |h, &b| step(h, b))),
                    word,
                    l.len(),
                    i,
                    l,
                )
            })
            .collect();
        keyed.sort_unstable();
        let same_word = |a: &Keyed<'_>, b: &Keyed<'_>| (a.0, &a.1) == (b.0, &b.1);
        let keys = keyed.chunk_by(same_word).count();
        let size = (keys * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size];
        let mut group = Vec::with_capacity(keyed.len());
        let mut bytes = Vec::new();
        for chunk in keyed.chunk_by(same_word) {
            let (hash, len) = (chunk[0].0, chunk[0].1.len());
            let from = group.len() as u32;
            for &(_, _, _, i, literal) in chunk {
                let at = bytes.len();
                bytes.extend(literal.iter().map(u8::to_ascii_lowercase));
                let to = u32::try_from(bytes.len()).map_err(|_| "literals too long".to_string())?;
                group.push(Entry {
                    literal: i,
                    lo: at as u32,
                    hi: to,
                    rest: Rest::of(&bytes[at + len..]),
                });
            }
            let mut at = slot_of(hash, size);
            while slots[at].hash != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = Slot {
                hash,
                len: u32::try_from(len).map_err(|_| "a literal of 4 GiB".to_string())?,
                from,
                to: group.len() as u32,
            };
        }
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for slot in slots.iter().filter(|s| s.hash != 0) {
            let bit = filter_bit(slot.hash);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Ok(Words {
            filter,
            slots,
            group,
            bytes,
        })
    }

    /// Reads the word of `text` that starts at `start` (a word start), calling `found(literal,
    /// end)` for each literal found there, shortest first; returns where the next word may start
    /// (its first camel-case join, else its end) and what was read (see [`WordRead`]).
    #[inline]
    pub(crate) fn scan_word(
        &self,
        text: &[u8],
        start: usize,
        mut found: impl FnMut(usize, usize),
    ) -> (usize, WordRead) {
        let mut running = FNV_OFFSET;
        let mut next = None;
        let mut end = start;
        // What a byte after the previous one would make a join (see `is_join`); none before the
        // first.
        let mut joins = 0u8;
        // The classes of the bytes read, or-ed.
        let mut classes = 0u8;
        for &byte in text.get(start..).unwrap_or_default() {
            // The byte's classes, what it makes a join with, and its lower case: one load.
            let info = BYTE_INFO[usize::from(byte)];
            let class = info as u8;
            if class & WORD == 0 {
                break;
            }
            if class & joins != 0 {
                self.look_up(running, end - start, text, start, &mut found);
                if next.is_none() && class & UPPER != 0 {
                    next = Some(end);
                }
            }
            running = fnv_step(running, (info >> 16) as u8);
            joins = (info >> 8) as u8;
            classes |= class;
            end += 1;
        }
        self.look_up(running, end - start, text, start, &mut found);
        let read = WordRead {
            start,
            end,
            hash: running,
            ascii: classes & NOT_ASCII == 0,
        };
        (next.unwrap_or(end), read)
    }

    /// Reports the literals whose first word hashes to `running` and is `len` bytes long and
    /// that `text[start..]` starts with. Inlined up to the filter, which turns away most words:
    /// they then cost no call.
    #[inline(always)]
    fn look_up(
        &self,
        running: u64,
        len: usize,
        text: &[u8],
        start: usize,
        found: &mut impl FnMut(usize, usize),
    ) {
        let hash = hash(running);
        let bit = filter_bit(hash);
        if self.filter[bit / 64] & (1 << (bit % 64)) != 0 {
            self.look_up_slots(hash, len, text, start, found);
        }
    }

    /// [`Self::look_up`] past the filter.
    #[inline(never)]
    fn look_up_slots(
        &self,
        hash: u64,
        len: usize,
        text: &[u8],
        start: usize,
        found: &mut impl FnMut(usize, usize),
    ) {
        let mask = self.slots.len() - 1;
        let mut at = slot_of(hash, self.slots.len());
        loop {
            let slot = self.slots[at];
            if slot.hash == 0 {
                return;
            }
            if slot.hash == hash && slot.len as usize == len {
                let group = &self.group[slot.from as usize..slot.to as usize];
                // The first word is checked once (hashes can collide); then each literal's rest
                // against the text after the word, eight bytes at once (see `Rest`): most
                // literals that go on past the word are turned down by their first byte or two.
                let first = group.first().map_or(0, |e| e.lo as usize);
                let word = &self.bytes[first..first + len];
                if !text
                    .get(start..start + len)
                    .is_some_and(|t| eq_lowered(t, word))
                {
                    // Another word with the same hash: its slot, if any, is further on.
                    at = (at + 1) & mask;
                    continue;
                }
                // The eight bytes after the word, read once for the whole group; near the
                // text's end, each literal's rest is compared a byte at a time.
                let after = start + len;
                let next8 = text
                    .get(after..after + 8)
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .map(u64::from_le_bytes);
                for entry in group {
                    let rest = &self.bytes[entry.lo as usize + len..entry.hi as usize];
                    let end = after + rest.len();
                    let matches = match next8 {
                        Some(next8) => {
                            entry.rest.starts(next8)
                                && (rest.len() <= 8
                                    || text
                                        .get(after + 8..end)
                                        .is_some_and(|t| eq_lowered(t, &rest[8..])))
                        }
                        None => text.get(after..end).is_some_and(|t| eq_lowered(t, rest)),
                    };
                    if matches {
                        found(entry.literal as usize, end);
                    }
                }
                return;
            }
            at = (at + 1) & mask;
        }
    }
}

/// Whether `text` is `lower` (bytes already in ASCII lower case) ignoring ASCII case: only the
/// text's side needs lowering.
fn eq_lowered(text: &[u8], lower: &[u8]) -> bool {
    text.len() == lower.len()
        && text
            .iter()
            .zip(lower)
            .all(|(&t, &l)| t.to_ascii_lowercase() == l)
}

/// Bits in [`Words::filter`].
const FILTER_BITS: usize = 1 << 15;

/// A hash's bit in [`Words::filter`]: other bits of it than pick its slot.
fn filter_bit(hash: u64) -> usize {
    (hash.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

/// The first slot to try for `hash` in a table of `size` slots (a power of two).
fn slot_of(hash: u64, size: usize) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - size.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compare of a text's bytes with a literal's lower-case bytes is `eq_ignore_ascii_case`,
    /// for every pair of bytes and for lengths from 0 to 9 with one byte changed anywhere.
    #[test]
    fn lowered_compare_ignores_ascii_case_only() {
        for t in 0..=255u8 {
            for l in 0..=255u8 {
                let lower = [l.to_ascii_lowercase()];
                assert_eq!(
                    eq_lowered(&[t], &lower),
                    [t].eq_ignore_ascii_case(&lower),
                    "{t} {l}"
                );
            }
        }
        let word = b"PostgreSQL";
        for n in 0..word.len() {
            let lower = word[..n].to_ascii_lowercase();
            assert!(eq_lowered(&word[..n], &lower));
            for at in 0..n {
                let mut other = word[..n].to_vec();
                other[at] ^= 0x01;
                assert_eq!(
                    eq_lowered(&other, &lower),
                    other.eq_ignore_ascii_case(&lower)
                );
            }
            assert!(!eq_lowered(&word[..n], &word[..n + 1].to_ascii_lowercase()));
        }
    }

    /// The tables the scan reads say what `is_word_byte` and `is_join` say, for every byte.
    #[test]
    fn the_tables_agree_with_the_definitions() {
        // Read as the scan reads them, from the packed entries.
        let class = |b: u8| BYTE_INFO[usize::from(b)] as u8;
        let joins_after = |b: u8| (BYTE_INFO[usize::from(b)] >> 8) as u8;
        for prev in 0..=255u8 {
            let class_of_prev = class(prev);
            assert_eq!(class_of_prev & WORD != 0, is_word_byte(prev), "{prev}");
            assert_eq!(
                class_of_prev & UPPER != 0,
                prev.is_ascii_uppercase(),
                "{prev}"
            );
            assert_eq!(class_of_prev & DIGIT != 0, prev.is_ascii_digit(), "{prev}");
            assert_eq!(class_of_prev & NOT_ASCII != 0, !prev.is_ascii(), "{prev}");
            assert_eq!(
                BYTE_INFO[usize::from(prev)] >> 16,
                u32::from(prev.to_ascii_lowercase()),
                "{prev}"
            );
            for byte in 0..=255u8 {
                let join = class(byte) & joins_after(prev) != 0;
                assert_eq!(join, is_join(prev, byte), "{prev} {byte}");
            }
        }
    }
}
