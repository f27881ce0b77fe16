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
    use super::redact;

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
