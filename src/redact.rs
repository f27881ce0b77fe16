//! Masking personal data: e-mail addresses, phone numbers and personal links.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// What replaces a masked e-mail address.
#[doc(hidden)]
pub const EMAIL_MASK: &str = "[email]";
/// What replaces a masked phone number.
#[doc(hidden)]
pub const PHONE_MASK: &str = "[phone]";
/// What replaces a masked link.
#[doc(hidden)]
pub const URL_MASK: &str = "[url]";

/// An address, also with letters beyond ASCII (`jöhn@exämple.de`) and in the spelled-out forms
/// people use against harvesters (`jane [at] example [dot] com`, `jane(at)example.com`).
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\p{L}\p{N}._%+-]+(?:@|\s*[\[({<]\s*at\s*[\])}>]\s*)[\p{L}\p{N}-]+(?:(?:\.|\s*[\[({<]\s*dot\s*[\])}>]\s*)[\p{L}\p{N}-]+)+",
    )
    .expect("valid regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:https?://|www\.)[^\s,;<>()]+|\b(?:[a-z0-9-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|github\.io|twitter\.com|x\.com|facebook\.com|instagram\.com|medium\.com|stackoverflow\.com)(?:/[^\s,;<>()]*)?",
    )
    .expect("valid regex")
});
/// Digits with the separators phone numbers are written with: spaces, dots, brackets, slashes
/// and every kind of dash (`+1–415–555–0199`, `415/555/0199`).
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+?\(?\d[\d ().\-/\u{2010}-\u{2015}\u{2212}]{6,}\d").expect("valid regex")
});

/// Masks e-mail addresses, links and phone numbers in `text`.
///
/// A phone number is a run of digits, spaces, dots, slashes, dashes and brackets holding at least
/// nine digits and not two years, so dates and date ranges ("2016-2018", "03/2020 - 07/2022")
/// are left alone.
///
/// ```
/// use resumescan::redact::redact;
/// assert_eq!(
///     redact("Jane <jane.doe@example.com>, +1 (555) 014-2290, linkedin.com/in/jane, 2016-2018"),
///     "Jane <[email]>, [phone], [url], 2016-2018"
/// );
/// ```
pub fn redact(text: &str) -> Cow<'_, str> {
    let step1 = EMAIL.replace_all(text, EMAIL_MASK);
    let step2 = match URL.replace_all(&step1, URL_MASK) {
        Cow::Borrowed(_) => step1,
        Cow::Owned(s) => Cow::Owned(s),
    };
    let masked = PHONE.replace_all(&step2, |c: &regex::Captures<'_>| {
        let m = &c[0];
        if m.bytes().filter(u8::is_ascii_digit).count() >= 9 && !is_date_range(m) {
            PHONE_MASK.to_string()
        } else {
            m.to_string()
        }
    });
    match masked {
        Cow::Borrowed(_) => step2,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// The e-mail addresses in `text`, each in one canonical form: lower case, with spelled-out
/// separators (`jane [at] example [dot] com`) written `@` and `.`. Template placeholders
/// (`example.com`, `reallygreatsite.com`, …) are left out.
///
/// This runs on every document, so the address pattern is tried only around an `@` or a
/// spelled-out "at" (found with `memchr`), not over the whole text.
pub(crate) fn email_addresses(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let spelled = memchr::memchr3_iter(b'[', b'(', b'{', bytes)
        .chain(memchr::memchr_iter(b'<', bytes))
        .filter(|&i| is_spelled_at(&bytes[i + 1..]));
    let mut anchors: Vec<usize> = memchr::memchr_iter(b'@', bytes).chain(spelled).collect();
    anchors.sort_unstable();
    let mut out = Vec::new();
    let mut done = 0;
    for anchor in anchors {
        if anchor < done {
            continue;
        }
        let lo = char_floor(text, anchor.saturating_sub(ADDRESS_REACH));
        let hi = char_floor(text, (anchor + ADDRESS_REACH).min(text.len()));
        let Some(m) = EMAIL
            .find_iter(&text[lo..hi])
            .find(|m| lo + m.start() <= anchor && anchor < lo + m.end())
        else {
            continue;
        };
        done = lo + m.end();
        let address = SPELLED
            .replace_all(m.as_str(), |c: &regex::Captures<'_>| {
                if c[1].eq_ignore_ascii_case("at") {
                    "@"
                } else {
                    "."
                }
            })
            .to_lowercase();
        let domain = address.rsplit('@').next().unwrap_or_default();
        if !PLACEHOLDER_DOMAINS.contains(&domain) {
            out.push(address);
        }
    }
    out
}

/// Where the first ASCII digit at or after `from` is. Most of a text is letters: it is passed
/// over sixteen bytes at a time, each block tested in a few vector instructions.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(block) = bytes.get(at..at + 16) {
        if block.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            break;
        }
        at += 16;
    }
    bytes
        .get(at..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| at + k)
}

/// The phone numbers in `text` (as [`redact`] finds them), each as its last nine digits, so that
/// a number written with and without its country code (`+1 415 555 0199`, `(415) 555-0199`;
/// `+44 20 7946 0958`, `020 7946 0958`) agrees. Placeholders (`123-456-7890`, `000 000 0000`:
/// nine digits in a row or all the same) are left out.
///
/// This runs on every document, so the phone pattern is tried only on runs of digits and
/// separators that hold nine digits or more, found in one pass over the bytes.
pub(crate) fn phone_numbers(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(digit) = next_digit(bytes, i) {
        i = digit;
        // A run of what the pattern allows (every non-ASCII byte counts: the dashes are), from
        // a digit to the last digit.
        let (start, mut end, mut digits) = (i, i, 0);
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_digit() {
                digits += 1;
                end = i + 1;
            } else if !(matches!(b, b' ' | b'(' | b')' | b'.' | b'-' | b'/') || b >= 0x80) {
                break;
            }
            i += 1;
        }
        if digits < 9 {
            continue;
        }
        // Room for a leading "+(".
        let lo = char_floor(text, start.saturating_sub(2));
        for m in PHONE.find_iter(&text[lo..end]) {
            let m = m.as_str();
            let digits: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
            if digits.len() < 9 || is_date_range(m) {
                continue;
            }
            let last = &digits[digits.len() - 9..];
            let step = |d: i8| {
                last.windows(2)
                    .all(|w| (w[1] as i8 - w[0] as i8).rem_euclid(10) == d.rem_euclid(10))
            };
            if !(step(0) || step(1) || step(-1)) {
                out.push(String::from_utf8_lossy(last).into_owned());
            }
        }
    }
    out
}

/// How far from its `@` an address is looked for, in bytes, each way.
const ADDRESS_REACH: usize = 128;

/// Whether `rest` (what follows a bracket) reads "at" and a closing bracket, spaces allowed.
fn is_spelled_at(rest: &[u8]) -> bool {
    let rest = rest.trim_ascii_start();
    rest.len() >= 3
        && rest[..2].eq_ignore_ascii_case(b"at")
        && rest[2..]
            .trim_ascii_start()
            .first()
            .is_some_and(|b| b"])}>".contains(b))
}

/// The largest char boundary of `text` at or before `i`.
fn char_floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Domains that templates and examples use in place of a real address.
const PLACEHOLDER_DOMAINS: [&str; 7] = [
    "example.com",
    "example.org",
    "example.net",
    "reallygreatsite.com",
    "domain.com",
    "yourdomain.com",
    "email.com",
];

/// The spelled-out separators of an address: `[at]`, `(dot)`, ….
static SPELLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*[\[({<]\s*(at|dot)\s*[\])}>]\s*").expect("valid regex"));

/// Two or more four-digit groups that read as years (1950–2099): "03/2020 – 07/2022",
/// "2012/05 - 2014/08".
fn is_date_range(candidate: &str) -> bool {
    candidate
        .split(|c: char| !c.is_ascii_digit())
        .filter(|group| {
            group.len() == 4
                && group
                    .parse::<u32>()
                    .is_ok_and(|y| (1950..=2099).contains(&y))
        })
        .count()
        >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the contact finders must give: the patterns run over the whole text.
    fn reference(text: &str) -> (Vec<String>, Vec<String>) {
        let emails = EMAIL
            .find_iter(text)
            .map(|m| {
                SPELLED
                    .replace_all(m.as_str(), |c: &regex::Captures<'_>| {
                        if c[1].eq_ignore_ascii_case("at") {
                            "@"
                        } else {
                            "."
                        }
                    })
                    .to_lowercase()
            })
            .filter(|a| !PLACEHOLDER_DOMAINS.contains(&a.rsplit('@').next().unwrap_or_default()))
            .collect();
        let phones = phone_numbers_by_pattern(text);
        (emails, phones)
    }

    fn phone_numbers_by_pattern(text: &str) -> Vec<String> {
        PHONE
            .find_iter(text)
            .map(|m| m.as_str())
            .filter(|m| !is_date_range(m))
            .filter_map(|m| {
                let digits: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
                let last = digits.get(digits.len().checked_sub(9)?..)?;
                let step = |d: i8| {
                    last.windows(2)
                        .all(|w| (w[1] as i8 - w[0] as i8).rem_euclid(10) == d.rem_euclid(10))
                };
                (!(step(0) || step(1) || step(-1))).then(|| String::from_utf8_lossy(last).into())
            })
            .collect()
    }

    #[test]
    fn contacts_are_found_as_the_patterns_find_them() {
        let mut texts: Vec<String> = [
            "Jane <Jane.Doe@Mail.test>, +1 (415) 555-0199, 2016-2018",
            "write to jane [at] mail [dot] test or JANE(AT)MAIL.TEST; (see) [notes] {x} <y>",
            "Tel +1–415–555–0198. Fax 0049 30 1234567 / mobile +49 (0)30 123-456 78",
            "03/2020 – 07/2022, 2012/05 – 2014/08 ☎ 415/555/0197 ✉ é@ü.de @@ a@b",
            "123-456-7890, (000) 000-0000, hello@reallygreatsite.com, a@example.com",
            "ID 12 34 56 78 9é0 1 22 333 4444 55555 and 9876543210 then +(33) 6 12 34 56 78",
        ]
        .map(String::from)
        .to_vec();
        let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/resumes");
        for entry in std::fs::read_dir(samples).unwrap().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
        let mut found = 0;
        for text in &texts {
            let (emails, phones) = reference(text);
            assert_eq!(email_addresses(text), emails, "{text}");
            assert_eq!(phone_numbers(text), phones, "{text}");
            found += emails.len() + phones.len();
        }
        assert!(found >= 20, "{found}");
    }

    #[test]
    fn masks_contact_details_but_not_dates() {
        assert_eq!(
            redact("mail me: a.b+cv@mail.example.org"),
            "mail me: [email]"
        );
        assert_eq!(redact("Tel. 0049 30 1234567"), "Tel. [phone]");
        assert_eq!(
            redact("see https://janedoe.dev/cv and www.jane.io"),
            "see [url] and [url]"
        );
        assert_eq!(redact("github.com/jane/project"), "[url]");
        assert_eq!(redact("jöhn@exämple.de"), "[email]");
        assert_eq!(
            redact("write to jane [at] example [dot] com"),
            "write to [email]"
        );
        assert_eq!(redact("jane(at)example.com"), "[email]");
        assert_eq!(redact("Tel +1–415–555–0199."), "Tel [phone].");
        assert_eq!(redact("415/555/0199"), "[phone]");
        assert_eq!(redact("+49 (0)30 123-456 78"), "[phone]");
        for keep in [
            "Jan 2019 – Present",
            "03/2020 – 07/2022",
            "2012/05 – 2014/08",
            "01.2019 - 12.2021",
            "worked at Example Corp",
            "2016-2018",
            "03/2020 - 07/2022",
            "Go 1.22",
            "2012/05 – 2014/08",
        ] {
            assert_eq!(redact(keep), keep);
        }
    }
}
