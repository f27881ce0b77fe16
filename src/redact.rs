//! Masking personal data: e-mail addresses, phone numbers and personal links.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// What replaces a masked e-mail address.
pub const EMAIL_MASK: &str = "[email]";
/// What replaces a masked phone number.
pub const PHONE_MASK: &str = "[phone]";
/// What replaces a masked link.
pub const URL_MASK: &str = "[url]";

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").expect("valid regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:https?://|www\.)[^\s,;<>()]+|\b(?:[a-z0-9-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|github\.io|twitter\.com|x\.com|facebook\.com|instagram\.com|medium\.com|stackoverflow\.com)(?:/[^\s,;<>()]*)?",
    )
    .expect("valid regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d ().-]{6,}\d").expect("valid regex"));

/// Masks e-mail addresses, links and phone numbers in `text`.
///
/// A phone number is a run of digits, spaces, dots, dashes and brackets holding at least nine
/// digits, so dates and date ranges ("2016-2018", "03/2020 - 07/2022") are left alone.
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
        if m.bytes().filter(u8::is_ascii_digit).count() >= 9 {
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
        for keep in [
            "Jan 2019 – Present",
            "2016-2018",
            "03/2020 - 07/2022",
            "Go 1.22",
            "2012/05 – 2014/08",
        ] {
            assert_eq!(redact(keep), keep);
        }
    }
}
