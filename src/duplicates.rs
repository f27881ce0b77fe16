//! Possible duplicates: two documents that are probably the same candidate, reported, never
//! merged.
//!
//! Identical files are caught by their bytes (`status: duplicate`). This module catches what
//! bytes miss: a resume exported again (same text, different PDF bytes), saved as Word and as
//! PDF, or sent twice with small edits. A later document is marked
//! [`possible_duplicate_of`](crate::DocumentReport::possible_duplicate_of) an earlier one when
//!
//! * their texts are near-identical (`near_identical_text`): at least 80 % ([`NEAR_IDENTICAL`]) of
//!   their three-word phrases are the same, or
//! * they give the same e-mail address (`shared_email`, compared in lower case), or
//! * they give the same phone number (`shared_phone`, compared on its last nine digits, so
//!   `+1 415 555 0199` and `(415) 555-0199` agree).
//!
//! The later document keeps its status, score and everything else; only the note is added.
//!
//! # How texts are compared
//!
//! Each analysed text gets a [`Fingerprint`]: the lower-cased words are cut into overlapping
//! three-word phrases ("built payment apis", "payment apis in", …) and a MinHash signature of
//! [`SIGNATURE_LEN`] values summarises that set. The share of equal values between two
//! signatures estimates the Jaccard similarity of the two phrase sets (the phrases both have over
//! the phrases either has), within about ±0.03 near the threshold. Texts of fewer than
//! [`MIN_PHRASES`] phrases are not compared this way: a few lines say too little.
//!
//! Contacts are kept only as 64-bit hashes, and the fingerprint is never serialized, so no
//! address, number or hash reaches a report, with or without redaction. Placeholder contacts of
//! templates (`example.com`, `reallygreatsite.com`, `123-456-7890`, `000 000 0000`) are left
//! out, so two people who both kept a template's placeholder are not flagged.
//!
//! # The threshold, measured
//!
//! `cargo test --test duplicates -- --nocapture` prints these figures (the real resumes and the
//! datasets are in `../shared`):
//!
//! * two different people: at most 0.02 among 22 real resumes (231 pairs), 0.19 among 300
//!   LiveCareer resumes built on the same few site templates (44,850 pairs), 0.09 in
//!   UpdatedResumeDataSet (1,378 pairs) and 0.24 among 73 short DataTurks resumes (2,628 pairs);
//! * one person's resume rewritten: 0.36 and 0.40 (not flagged by text); with a few bullets
//!   added or cut: 0.83 (flagged);
//! * copies: at least 0.94 (each real resume's text laid out anew by another PDF writer), 0.98
//!   (a sample as text and as HTML), 1.00 (a PDF saved again with new metadata and file id).
//!
//! [`NEAR_IDENTICAL`] (0.8) sits in the gap, far above what a shared template gives and below
//! the noise of extraction.
//!
//! # Example
//!
//! ```
//! use resumescan::duplicates::{Detector, DuplicateReason};
//!
//! let analyzer = resumescan::Analyzer::new()?;
//! let mut first = analyzer.analyze_text("Jane Roe, jane.roe@mail.test\nSKILLS\nGo, Kafka");
//! first.path = "jane.pdf".into();
//! let mut second = analyzer.analyze_text("J. Roe — JANE.ROE@mail.test\nEXPERIENCE\nPython developer");
//! second.path = "roe-2024.docx".into();
//! let mut detector = Detector::new();
//! detector.check(&mut first);
//! detector.check(&mut second);
//! assert!(first.possible_duplicate_of.is_none());
//! let seen = second.possible_duplicate_of.as_ref().unwrap();
//! assert_eq!((seen.path.as_str(), seen.reason), ("jane.pdf", DuplicateReason::SharedEmail));
//! # Ok::<(), resumescan::Error>(())
//! ```

use crate::dictionary::{fnv_step, FNV_OFFSET};
use crate::report::{DocumentReport, Status};
use crate::scanner::WordRead;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use crate::kinds::DuplicateReason;

/// The similarity from which two texts are near-identical: at least 80 % of their three-word
/// phrases are the same. See the [module docs](self) for the measurements behind it.
pub const NEAR_IDENTICAL: f64 = 0.8;

/// Values in a text's MinHash signature: more values estimate the similarity more closely
/// (the error shrinks with the square root) and cost more memory and comparison time.
pub const SIGNATURE_LEN: usize = 128;

/// Three-word phrases a text needs before it is compared by its text.
pub const MIN_PHRASES: usize = 20;

/// Documents a [`Detector`] remembers; later ones are still checked against them, but not
/// remembered, which bounds the memory of an endless stream (1–2 KB per document).
pub const MAX_REMEMBERED: usize = 200_000;

/// Rows per band of the signature index: two documents are compared when all the values of one
/// band agree. With 16 bands of 8, a pair at the threshold is compared with a chance of 95 %,
/// a pair of copies (0.95) with more than 99.99 %, and unrelated texts (0.3) one time in 1,000.
const BAND_ROWS: usize = 8;

/// The earlier document a document may duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PossibleDuplicate {
    /// The earlier document's path (masked like every path under `--redact`).
    pub path: String,
    /// The earlier document's id, when it has one (`--input ndjson`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// Why: `near_identical_text`, `shared_email` or `shared_phone` (the first that applies, in
    /// that order).
    pub reason: DuplicateReason,
    /// How alike the two texts are, 0–1 with two decimals: the share of three-word phrases they
    /// have in common. Absent when either text is too short to compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
}

impl PossibleDuplicate {
    /// Why, for people: "near-identical text, 97 % alike", "same e-mail address", "same phone
    /// number".
    pub fn describe(&self) -> String {
        match self.reason {
            DuplicateReason::NearIdenticalText => match self.similarity {
                Some(s) => format!("near-identical text, {:.0} % alike", s * 100.0),
                None => "near-identical text".to_string(),
            },
            DuplicateReason::SharedEmail => "same e-mail address".to_string(),
            DuplicateReason::SharedPhone => "same phone number".to_string(),
        }
    }
}

/// What two documents are compared by: hashes of the contacts and a MinHash signature of the
/// text. Computed during analysis; never serialized.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hashes of the e-mail addresses, sorted, without repeats.
    emails: Vec<u64>,
    /// Hashes of the phone numbers' last nine digits, sorted, without repeats.
    phones: Vec<u64>,
    /// The text's signature; `None` when the text has fewer than [`MIN_PHRASES`] phrases.
    signature: Option<Box<[u32; SIGNATURE_LEN]>>,
}

impl Fingerprint {
    /// The fingerprint of a (normalized) text.
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint::with_signature(text, signature(text))
    }

    /// The fingerprint of a normalized text whose words the matcher's scan has read (see
    /// [`signature_of_words`]): the same as [`Self::of`]'s, without hashing each word again.
    pub(crate) fn of_scanned(
        text: &str,
        words: &[WordRead],
        blanked: &[(usize, usize)],
    ) -> Fingerprint {
        Fingerprint::with_signature(text, signature_of_words(text, words, blanked))
    }

    /// The contacts of `text`, as hashes, with its signature.
    fn with_signature(text: &str, signature: Option<Box<[u32; SIGNATURE_LEN]>>) -> Fingerprint {
        Fingerprint {
            emails: contact_hashes(crate::redact::email_addresses(text)),
            phones: contact_hashes(crate::redact::phone_numbers(text)),
            signature,
        }
    }

    /// The estimated share of three-word phrases two texts have in common (Jaccard similarity,
    /// 0–1); `None` when either is too short to compare.
    pub fn similarity(&self, other: &Fingerprint) -> Option<f64> {
        let (a, b) = (self.signature.as_deref()?, other.signature.as_deref()?);
        let same = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
        Some(same as f64 / SIGNATURE_LEN as f64)
    }
}

/// The hashes of contacts, sorted, without repeats.
fn contact_hashes(items: Vec<String>) -> Vec<u64> {
    let mut hashes: Vec<u64> = items
        .iter()
        .map(|s| crate::dictionary::fnv1a(s.as_bytes()))
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// How alike the texts of two analysed documents are (see [`Fingerprint::similarity`]); `None`
/// when either has no fingerprint (not read, too short, or already checked by a [`Detector`],
/// which takes it).
pub fn similarity(a: &DocumentReport, b: &DocumentReport) -> Option<f64> {
    a.fingerprint.as_ref()?.similarity(b.fingerprint.as_ref()?)
}

/// Compares each document with the earlier ones; see the [module docs](self).
///
/// Checking is in the order documents are given, so the earlier one is always the one named.
/// The cost per document is a few hash look-ups plus one comparison per earlier document that
/// shares a band of its signature, so a batch of any size is checked in about linear time.
#[derive(Debug, Default)]
pub struct Detector {
    seen: Vec<Seen>,
    emails: HashMap<u64, usize>,
    phones: HashMap<u64, usize>,
    /// (band, hash of the band's values) → the documents with that band.
    bands: HashMap<(u8, u64), Vec<u32>>,
    /// For each document seen, the number of the last check that compared it: a document that
    /// shares several bands with the one checked is compared once.
    compared_in: Vec<u32>,
    /// The number of the current check.
    checks: u32,
}

#[derive(Debug)]
struct Seen {
    path: String,
    id: Option<serde_json::Value>,
    signature: Option<Box<[u32; SIGNATURE_LEN]>>,
}

impl Detector {
    /// A detector that has seen nothing.
    pub fn new() -> Detector {
        Detector::default()
    }

    /// Sets `doc.possible_duplicate_of` when `doc` may duplicate a document checked before, then
    /// remembers `doc`. Only `ok` documents are compared; the fingerprint is taken from `doc`
    /// (it is kept here, once).
    pub fn check(&mut self, doc: &mut DocumentReport) {
        if doc.status != Status::Ok {
            return;
        }
        let Some(fp) = doc.fingerprint.take() else {
            return;
        };
        let similar = self.most_similar(&fp);
        let by_contact = |map: &HashMap<u64, usize>, hashes: &[u64]| {
            hashes.iter().filter_map(|h| map.get(h).copied()).min()
        };
        let found = match similar {
            Some((i, s)) if s >= NEAR_IDENTICAL => Some((i, DuplicateReason::NearIdenticalText)),
            _ => by_contact(&self.emails, &fp.emails)
                .map(|i| (i, DuplicateReason::SharedEmail))
                .or_else(|| {
                    by_contact(&self.phones, &fp.phones).map(|i| (i, DuplicateReason::SharedPhone))
                }),
        };
        if let Some((i, reason)) = found {
            let earlier = &self.seen[i];
            let similarity = match (&earlier.signature, &fp.signature) {
                (Some(a), Some(b)) => Some(agreement(a, b)),
                _ => None,
            };
            doc.possible_duplicate_of = Some(PossibleDuplicate {
                path: earlier.path.clone(),
                id: earlier.id.clone(),
                reason,
                similarity: similarity.map(|s| (s * 100.0).round() / 100.0),
            });
        }
        self.remember(doc, fp);
    }

    /// The earlier document whose text is most like `fp`'s (the first of equals), with the
    /// similarity; only documents that share a band with it are compared, each once. A folder of
    /// near-copies (a template filled in a thousand times) shares bands with every earlier copy,
    /// so this walks the band lists as they are instead of gathering and sorting them.
    fn most_similar(&mut self, fp: &Fingerprint) -> Option<(usize, f64)> {
        let signature = fp.signature.as_deref()?;
        self.checks = self.checks.wrapping_add(1);
        if self.checks == 0 {
            // Wrapped around: forget the old numbers, so none equals a new one.
            self.compared_in.fill(0);
            self.checks = 1;
        }
        let mut best: Option<(usize, f64)> = None;
        for key in bands(signature) {
            let Some(list) = self.bands.get(&key) else {
                continue;
            };
            for &i in list {
                let i = i as usize;
                let Some(mark) = self.compared_in.get_mut(i) else {
                    continue;
                };
                if *mark == self.checks {
                    continue;
                }
                *mark = self.checks;
                let Some(other) = self.seen.get(i).and_then(|s| s.signature.as_deref()) else {
                    continue;
                };
                let s = agreement(signature, other);
                if best.is_none_or(|(j, b)| s > b || (s == b && i < j)) {
                    best = Some((i, s));
                }
            }
        }
        best
    }

    fn remember(&mut self, doc: &DocumentReport, fp: Fingerprint) {
        if self.seen.len() >= MAX_REMEMBERED {
            return;
        }
        let i = self.seen.len();
        for &h in &fp.emails {
            self.emails.entry(h).or_insert(i);
        }
        for &h in &fp.phones {
            self.phones.entry(h).or_insert(i);
        }
        if let Some(signature) = fp.signature.as_deref() {
            for key in bands(signature) {
                self.bands.entry(key).or_default().push(i as u32);
            }
        }
        self.seen.push(Seen {
            path: doc.path.clone(),
            id: doc.id.clone(),
            signature: fp.signature,
        });
        self.compared_in.push(0);
    }
}

/// The share of equal values of two signatures.
fn agreement(a: &[u32; SIGNATURE_LEN], b: &[u32; SIGNATURE_LEN]) -> f64 {
    let same = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    same as f64 / SIGNATURE_LEN as f64
}

/// The index keys of a signature: each band's number and the hash of its values.
fn bands(signature: &[u32; SIGNATURE_LEN]) -> impl Iterator<Item = (u8, u64)> + '_ {
    signature.chunks(BAND_ROWS).enumerate().map(|(band, rows)| {
        let h = rows
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, &v| mix(h ^ u64::from(v)));
        (band as u8, h)
    })
}

/// The MinHash signature of the text's three-word phrases, or `None` when it has fewer than
/// [`MIN_PHRASES`].
///
/// Each word is hashed once (lower-cased as it is read, with no allocation) and each phrase hash
/// is mixed from its three word hashes. The signature is a one-permutation MinHash: the top bits
/// of a phrase's hash pick one of the [`SIGNATURE_LEN`] bins, and each bin keeps the least of
/// the other bits, so each phrase costs one comparison, not one per value. A bin no phrase fell
/// into takes the value of the first filled bin on its own fixed random sequence ("optimal
/// densification", Shrivastava 2017), the same sequence in every text, which keeps the share of
/// equal values an unbiased estimate of the Jaccard similarity.
fn signature(text: &str) -> Option<Box<[u32; SIGNATURE_LEN]>> {
    let mut shingles = Shingles::new();
    shingles.read(text);
    shingles.finish()
}

/// The signature of a text whose words the scanner has read: `words` are its runs of word bytes
/// with their hashes, in order, and `blanked` the ranges, in order, that the scanner saw as spaces
/// (links and addresses). It is [`signature`]'s: a run of ASCII letters and digits is one word
/// with the scanner's hash (the same FNV-1a of the lower-case bytes); a run with other bytes, and
/// each blanked range, is read as `signature` reads text. Both are bounded by bytes that are no
/// word bytes for either reader, so reading them alone splits words as reading the whole does.
fn signature_of_words(
    text: &str,
    words: &[WordRead],
    blanked: &[(usize, usize)],
) -> Option<Box<[u32; SIGNATURE_LEN]>> {
    let mut shingles = Shingles::new();
    let mut blanked = blanked.iter().peekable();
    for word in words {
        while let Some(&&(from, to)) = blanked.peek() {
            if from > word.start {
                break;
            }
            shingles.read(text.get(from..to).unwrap_or_default());
            blanked.next();
        }
        if word.ascii {
            shingles.add_word(word.hash);
        } else {
            shingles.read(text.get(word.start..word.end).unwrap_or_default());
        }
    }
    for &(from, to) in blanked {
        shingles.read(text.get(from..to).unwrap_or_default());
    }
    shingles.finish()
}

/// A text's three-word phrases as they are read, word by word, into the bins of a signature.
struct Shingles {
    bins: [u32; SIGNATURE_LEN],
    /// The last three words' hashes.
    window: [u64; 3],
    /// Words read.
    words: usize,
}

impl Shingles {
    fn new() -> Shingles {
        Shingles {
            bins: [EMPTY; SIGNATURE_LEN],
            window: [0; 3],
            words: 0,
        }
    }

    /// Adds the word whose hash is `h` and the phrase it ends.
    #[inline]
    fn add_word(&mut self, h: u64) {
        let window = [self.window[1], self.window[2], h];
        self.window = window;
        self.words += 1;
        if self.words >= 3 {
            let h = mix(window[0] ^ window[1].rotate_left(21) ^ window[2].rotate_left(42));
            let bin = (h >> (64 - BIN_BITS)) as usize;
            self.bins[bin] = self.bins[bin].min(h as u32);
        }
    }

    /// Adds the words of `text`, whose ends end words: runs of letters and digits, hashed
    /// (FNV-1a, lower case) as they are read. A tight loop per run of ASCII word bytes, whose
    /// only branch is the loop's own, and the character-by-character path only at a non-ASCII
    /// byte.
    fn read(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let (mut h, mut in_word) = (FNV_OFFSET, false);
        let mut i = 0;
        while i < bytes.len() {
            let run = i;
            while let Some(&b) = bytes.get(i) {
                let lower = BYTE_WORD[usize::from(b)];
                if lower >= NON_ASCII {
                    break;
                }
                h = fnv_step(h, lower);
                i += 1;
            }
            in_word |= i > run;
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b.is_ascii() {
                // Not a word byte: ends the word, if one was being read.
                if in_word {
                    self.add_word(h);
                    (h, in_word) = (FNV_OFFSET, false);
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for lower in c.to_lowercase() {
                    h = lower.encode_utf8(&mut buf).bytes().fold(h, fnv_step);
                }
                in_word = true;
            } else if in_word {
                self.add_word(h);
                (h, in_word) = (FNV_OFFSET, false);
            }
            i += c.len_utf8();
        }
        if in_word {
            self.add_word(h);
        }
    }

    /// The signature, densified; `None` below [`MIN_PHRASES`] phrases.
    fn finish(self) -> Option<Box<[u32; SIGNATURE_LEN]>> {
        if self.words < MIN_PHRASES + 2 {
            return None;
        }
        let bins = self.bins;
        let mut signature = Box::new(bins);
        for (i, slot) in signature.iter_mut().enumerate() {
            if *slot != EMPTY {
                continue;
            }
            // At least one bin is filled; the sequence reaches one within a few steps (half the
            // bins are filled after 90 phrases), and the bound only keeps the loop finite.
            for attempt in 1..=4096u64 {
                let j = (mix(((i as u64) << 32) | attempt) >> (64 - BIN_BITS)) as usize;
                if bins[j] != EMPTY {
                    *slot = bins[j];
                    break;
                }
            }
        }
        Some(signature)
    }
}

/// A bin of the signature no phrase fell into.
const EMPTY: u32 = u32::MAX;

/// Bits of a phrase hash that pick its bin: 2^7 = [`SIGNATURE_LEN`].
const BIN_BITS: u32 = SIGNATURE_LEN.trailing_zeros();

/// Each byte in lower case when it is an ASCII letter or digit; [`NON_ASCII`] for the bytes of
/// other characters, which are read character by character; [`NOT_WORD`] for the rest of ASCII.
const BYTE_WORD: [u8; 256] = {
    let mut table = [NOT_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if !c.is_ascii() {
            table[b] = NON_ASCII;
        }
        b += 1;
    }
    table
};

/// [`BYTE_WORD`] of a non-ASCII byte; every lower-case letter or digit is less.
const NON_ASCII: u8 = 0xFE;
/// [`BYTE_WORD`] of an ASCII byte that is no letter or digit.
const NOT_WORD: u8 = 0xFF;

/// The finalizer of SplitMix64: every input bit moves every output bit.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESUME: &str =
        "Jane Roe\nEXPERIENCE\nBackend engineer at Example Payments, 2019 - 2024\n\
        Built payment APIs in Go on PostgreSQL and Kafka, cut settlement time from two days to \
        four hours. Led a team of five engineers through the move from a monolith to services, \
        with tracing, alerting and a weekly review of incidents.\nEDUCATION\nBSc Computer \
        Science, University of Somewhere, 2015 - 2019";

    fn fp(text: &str) -> Fingerprint {
        Fingerprint::of(text)
    }

    fn doc(analyzer: &crate::Analyzer, path: &str, text: &str) -> DocumentReport {
        let mut d = analyzer.analyze_text(text);
        d.path = path.into();
        d
    }

    #[test]
    fn identical_texts_are_alike_whatever_the_layout_and_case() {
        let relaid = RESUME
            .replace('\n', "  ")
            .replace(", ", " ,\n")
            .to_uppercase();
        assert_eq!(fp(RESUME).similarity(&fp(&relaid)), Some(1.0));
    }

    #[test]
    fn a_small_edit_stays_near_identical_and_other_texts_do_not() {
        let edited = RESUME.replace("five engineers", "six engineers");
        let s = fp(RESUME).similarity(&fp(&edited)).unwrap();
        assert!((NEAR_IDENTICAL..1.0).contains(&s), "{s}");
        let other = "John Doe\nEXPERIENCE\nData analyst at Example Retail, 2016 - 2023\n\
            Wrote the weekly sales reports in SQL and Excel, moved them to dashboards in Tableau \
            and trained the store managers to read them. Forecast demand for the seasonal \
            ranges with Python and scikit-learn.\nEDUCATION\nMSc Statistics, 2014 - 2016";
        let s = fp(RESUME).similarity(&fp(other)).unwrap();
        assert!(s < 0.2, "{s}");
    }

    #[test]
    fn short_texts_are_not_compared_by_text() {
        assert_eq!(
            fp("Skills: Go, Kafka").similarity(&fp("Skills: Go, Kafka")),
            None
        );
    }

    #[test]
    fn phones_agree_on_their_last_nine_digits() {
        let a = fp("call +1 415 555 0199");
        let b = fp("Tel. (415) 555-0199");
        let c = fp("Tel. 415.555.0198");
        assert_eq!(a.phones.len(), 1);
        assert_eq!(a.phones, b.phones);
        assert_ne!(a.phones, c.phones);
        assert_eq!(fp("+44 20 7946 0958").phones, fp("020 7946 0958").phones);
        // Dates and placeholders are no phone numbers.
        assert!(fp("03/2020 - 07/2022, 2016-2018").phones.is_empty());
        assert!(fp("+123-456-7890 or (000) 000-0000").phones.is_empty());
    }

    #[test]
    fn emails_agree_in_any_case_and_spelling() {
        let a = fp("Jane.Roe@Mail.test");
        assert_eq!(a.emails.len(), 1);
        assert_eq!(a.emails, fp("jane.roe [at] mail [dot] test").emails);
        assert!(fp("hello@reallygreatsite.com, jane@example.com")
            .emails
            .is_empty());
    }

    #[test]
    fn a_shared_email_in_different_texts_is_flagged() {
        let analyzer = crate::Analyzer::new().unwrap();
        let mut first = doc(&analyzer, "a.pdf", &format!("{RESUME}\njane.roe@mail.test"));
        let mut other = doc(
            &analyzer,
            "b.pdf",
            "Someone else, s.else@mail.test, +49 30 1234567",
        );
        let mut second = doc(
            &analyzer,
            "c.docx",
            "Jane Roe, Data analyst\nJANE.ROE@MAIL.TEST\nSKILLS\nSQL, Tableau",
        );
        let mut detector = Detector::new();
        for d in [&mut first, &mut other, &mut second] {
            detector.check(d);
        }
        assert_eq!(first.possible_duplicate_of, None);
        assert_eq!(other.possible_duplicate_of, None);
        let p = second.possible_duplicate_of.unwrap();
        assert_eq!(p.path, "a.pdf");
        assert_eq!(p.reason, DuplicateReason::SharedEmail);
        // The second text is too short to compare, so no similarity is claimed.
        assert_eq!(p.similarity, None);
        assert!(second.fingerprint.is_none(), "the detector takes it");
    }

    #[test]
    fn a_shared_phone_is_flagged_and_text_comes_first() {
        let analyzer = crate::Analyzer::new().unwrap();
        let mut a = doc(&analyzer, "a.txt", &format!("{RESUME}\n+1 415 555 0199"));
        let mut b = doc(&analyzer, "b.txt", "J. Roe\nTel. (415) 555-0199\nGo, Kafka");
        let mut c = doc(&analyzer, "c.txt", &format!("{RESUME}\n(415) 555-0199"));
        let mut detector = Detector::new();
        for d in [&mut a, &mut b, &mut c] {
            detector.check(d);
        }
        let b = b.possible_duplicate_of.unwrap();
        assert_eq!(
            (b.path.as_str(), b.reason),
            ("a.txt", DuplicateReason::SharedPhone)
        );
        let c = c.possible_duplicate_of.unwrap();
        assert_eq!(
            (c.path.as_str(), c.reason),
            ("a.txt", DuplicateReason::NearIdenticalText)
        );
        assert!(c.similarity.is_some_and(|s| s >= NEAR_IDENTICAL));
    }

    #[test]
    fn documents_that_were_not_read_are_skipped() {
        let analyzer = crate::Analyzer::new().unwrap();
        let mut detector = Detector::new();
        let mut failed = DocumentReport::with_error("x.pdf", crate::ErrorKind::Parse, "broken");
        detector.check(&mut failed);
        let mut a = doc(&analyzer, "a.txt", RESUME);
        detector.check(&mut a);
        assert_eq!(a.possible_duplicate_of, None);
        let mut empty = doc(&analyzer, "e.txt", "  ");
        detector.check(&mut empty);
        assert_eq!(empty.possible_duplicate_of, None);
    }

    #[test]
    fn the_signature_is_stable() {
        // Signatures must agree between runs and machines: pin a few values.
        let s = signature(RESUME).unwrap();
        assert_eq!(
            s[..3],
            [592_852_607, 3_073_480_393, 3_762_651_176],
            "pinned"
        );
        assert_eq!(fnv_step(FNV_OFFSET, b'a'), 0xaf63_dc4c_8601_ec8c, "FNV-1a");
        // Case and the width of the separators make no difference, also beyond ASCII.
        let upper = signature(&RESUME.to_uppercase().replace(' ', " \u{a0}– ")).unwrap();
        assert_eq!(s, upper);
        let french = "L'ÉCOLE d'été à Zürich: cours, ateliers et projets. ".repeat(5);
        assert_eq!(signature(&french), signature(&french.to_lowercase()));
        assert!(signature(&french).is_some());
        assert_eq!(mix(0), 0);
        assert_eq!(1 << BIN_BITS, SIGNATURE_LEN);
    }

    /// [`signature`]'s bins filled from words split and hashed the plain way.
    fn bins_by_plain_words(text: &str) -> [u32; SIGNATURE_LEN] {
        let hashes: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let lower: String = w.chars().flat_map(char::to_lowercase).collect();
                lower.bytes().fold(FNV_OFFSET, fnv_step)
            })
            .collect();
        let mut bins = [EMPTY; SIGNATURE_LEN];
        for w in hashes.windows(3) {
            let h = mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
            let bin = (h >> (64 - BIN_BITS)) as usize;
            bins[bin] = bins[bin].min(h as u32);
        }
        bins
    }

    #[test]
    fn words_are_hashed_as_a_plain_split_would() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
        let mut texts: Vec<String> = std::fs::read_dir(samples)
            .unwrap()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.push(RESUME.to_uppercase().replace(' ', " \u{a0}– "));
        texts.push(
            "L'ÉCOLE d'été à Zürich: ΣΟΦΙΑΣ σοφίας, İstanbul straße ǅemal 東京 ١٢٣ x².".repeat(9),
        );
        for text in &texts {
            let Some(s) = signature(text) else { continue };
            let plain = bins_by_plain_words(text);
            for (got, want) in s.iter().zip(plain) {
                // Bins no phrase fell into are filled from others in `signature`.
                assert!(
                    want == EMPTY || *got == want,
                    "{}",
                    text.chars().take(40).collect::<String>()
                );
            }
        }
        assert!(texts.len() > 10);
    }
}
