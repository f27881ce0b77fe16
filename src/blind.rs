//! Blind screening: what a resume says about the person rather than the work — name, date of
//! birth and age, gender and marital status, nationality, street address, photo captions and
//! graduation years — found while the text is read, and masked in everything a report shows.
//!
//! Finding happens during analysis (`blind::find`), because only the text knows the name; masking
//! happens on the report entry ([`crate::DocumentReport::blind`]), so the same analysis serves a
//! blind and a plain run. Masks are words in brackets (`[name]`, `[birth date]`, `[year]`), so a
//! reader sees that something was there.

use crate::dictionary::SectionKind;
use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};
use std::borrow::Cow;
use std::sync::LazyLock;

/// What replaces the candidate's name and its parts.
pub const NAME_MASK: &str = "[name]";
/// What replaces a year on an education line.
pub const YEAR_MASK: &str = "[year]";

/// How many lines from the top the name and the contact lines are looked for in.
const HEADER_LINES: usize = 12;

/// The personal facts of one resume, as found in its text: never serialized.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Personal {
    /// The parts of the name ("Marisol", "Quenby-Ortiz"), each masked wherever it appears.
    name_parts: Vec<String>,
    /// Exact values to mask wherever they appear, with their mask: the location of the contact
    /// line, a labelled date of birth, nationality, address.
    values: Vec<(String, &'static str)>,
}

impl Personal {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.name_parts.is_empty() && self.values.is_empty()
    }

    /// The name's parts, as found.
    pub fn name_parts(&self) -> &[String] {
        &self.name_parts
    }
}

/// Finds the personal facts of a normalized text; `line_starts` and `sections` are its lines'
/// offsets and sections.
pub(crate) fn find(text: &str, line_starts: &[usize], sections: &[SectionKind]) -> Personal {
    use crate::normalize::lines::line_text;
    let mut personal = Personal::default();
    personal.labelled_facts(text, line_starts, sections);
    // The header: the name (unless a label gave it) and the contact lines.
    let mut seen = 0;
    for (i, line) in (0..line_starts.len()).map(|i| (i, line_text(text, line_starts, i))) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        seen += 1;
        if seen > HEADER_LINES {
            break;
        }
        // The name is on the first lines, before any section: not a heading, not a degree.
        let in_header = seen <= 3 || sections.get(i) == Some(&SectionKind::Header);
        let heading = sections.get(i) != sections.get(i + 1)
            && sections
                .get(i + 1)
                .is_some_and(|k| *k != SectionKind::Other);
        if personal.name_parts.is_empty() && in_header && !heading {
            if let Some(name) = name_of(trimmed) {
                personal.name_parts = name;
                continue;
            }
        }
        if is_contact_line(trimmed) {
            for segment in trimmed.split(['|', '•', '·', '—', '–', ';']) {
                let segment = segment.trim().trim_matches(',');
                if !segment.is_empty()
                    && segment.chars().count() <= 60
                    && !is_contact_value(segment)
                    && segment.chars().any(char::is_alphabetic)
                    && !segment.contains(':')
                {
                    personal.values.push((segment.to_string(), "[location]"));
                }
            }
        }
    }
    // Longest first, so that "Calle de Alcalá 48, 28014 Madrid" goes before "Madrid".
    personal
        .values
        .sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
    personal.values.dedup();
    personal
}

impl Personal {
    /// The labelled facts ("Name: …", "Date of birth: …") of the header and the sections about
    /// the person ("Personal details" is one of the Other sections): one pass for the label
    /// words over each run of such lines, then the patterns on the lines that hold one. Work,
    /// skills and education are not read for them.
    fn labelled_facts(&mut self, text: &str, line_starts: &[usize], sections: &[SectionKind]) {
        use crate::normalize::lines::{line_of, line_text};
        let Some(words) = LABEL_WORDS.as_ref() else {
            return;
        };
        let about_the_person = |i: usize| {
            matches!(
                sections.get(i),
                Some(SectionKind::Header | SectionKind::Other) | None
            )
        };
        let mut i = 0;
        while i < line_starts.len() {
            if !about_the_person(i) {
                i += 1;
                continue;
            }
            let first = i;
            while i < line_starts.len() && about_the_person(i) {
                i += 1;
            }
            let start = line_starts[first];
            let end = line_starts.get(i).map_or(text.len(), |&e| e);
            let Some(run) = text.get(start..end) else {
                continue;
            };
            let mut last_line = usize::MAX;
            for m in words.find_iter(run) {
                let line = line_of(line_starts, start + m.start());
                if line != last_line {
                    last_line = line;
                    self.labelled(line_text(text, line_starts, line).trim());
                }
            }
        }
    }

    /// Takes the labelled facts of one line: "Name: …", "Date of birth: …", ….
    fn labelled(&mut self, line: &str) {
        if self.name_parts.is_empty() {
            if let Some(c) = NAME_LABEL.captures(line) {
                if let Some(name) = c.get(1).and_then(|m| name_of(m.as_str())) {
                    self.name_parts = name;
                }
            }
        }
        for (label, mask) in LABELS.iter() {
            if let Some(value) = label
                .captures(line)
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
            {
                let value = value.as_str().trim().trim_end_matches(['.', ',']);
                if value.chars().any(char::is_alphanumeric) {
                    self.values.push((value.to_string(), mask));
                }
            }
        }
    }
}

/// Masks `text` for blind screening: contact details (as [`crate::redact::redact`]), the name
/// and every value `personal` holds, and the facts any resume may state (birth dates, ages,
/// gender and marital words, nationality, street addresses, photo captions); on an education
/// line (`education`), every year too. To mask many texts of one document, build a [`Masker`]
/// once.
pub fn mask(text: &str, personal: Option<&Personal>, education: bool) -> String {
    Masker::new(personal).mask(text, education)
}

/// The masks of one document, its patterns compiled once for all its texts.
#[derive(Debug)]
pub struct Masker {
    /// Each value, as a case-insensitive pattern (or the literal, if it cannot be one), with
    /// its mask.
    values: Vec<(Option<Regex>, String, &'static str)>,
    /// Every part of the name.
    names: Option<Regex>,
}

impl Masker {
    /// The masks of a document whose personal facts are `personal`.
    pub fn new(personal: Option<&Personal>) -> Masker {
        let Some(p) = personal else {
            return Masker {
                values: Vec::new(),
                names: None,
            };
        };
        Masker {
            values: p
                .values
                .iter()
                .filter(|(v, _)| !v.is_empty())
                .map(|(v, mask)| {
                    let re = RegexBuilder::new(&regex::escape(v))
                        .case_insensitive(true)
                        .build()
                        .ok();
                    (re, v.clone(), *mask)
                })
                .collect(),
            names: name_pattern(&p.name_parts),
        }
    }

    /// `text` masked; see [`mask`].
    pub fn mask(&self, text: &str, education: bool) -> String {
        let mut out = crate::redact::redact(text).into_owned();
        for (re, value, mask) in &self.values {
            out = match re {
                Some(re) => re.replace_all(&out, *mask).into_owned(),
                None => out.replace(value.as_str(), mask),
            };
        }
        if let Some(names) = &self.names {
            out = names.replace_all(&out, NAME_MASK).into_owned();
        }
        for (pattern, mask) in ANYWHERE.iter() {
            if let Cow::Owned(masked) = pattern.replace_all(&out, *mask) {
                out = masked;
            }
        }
        for (label, mask) in LABELS.iter() {
            // The label stays, its value goes: "Nationality: [nationality]".
            if let Cow::Owned(masked) = label.replace_all(&out, |c: &regex::Captures<'_>| {
                match (c.get(0), c.get(1).or_else(|| c.get(2))) {
                    (Some(whole), Some(value)) => {
                        format!("{}{mask}", &out[whole.start()..value.start()])
                    }
                    _ => c[0].to_string(),
                }
            }) {
                out = masked;
            }
        }
        if education {
            if let Cow::Owned(masked) = YEAR.replace_all(&out, YEAR_MASK) {
                out = masked;
            }
        }
        out
    }
}

/// The pseudonym of the input at `position` (0-based) of a run: `candidate-0001`, ….
pub fn pseudonym(position: usize) -> String {
    format!("candidate-{:04}", position + 1)
}

/// Words that are never part of a name on a resume's first lines.
const NOT_NAME_WORDS: &[&str] = &[
    "resume",
    "résumé",
    "curriculum",
    "vitae",
    "cv",
    "lebenslauf",
    "profile",
    "profil",
    "contact",
    "engineer",
    "developer",
    "programmer",
    "architect",
    "manager",
    "consultant",
    "analyst",
    "designer",
    "administrator",
    "specialist",
    "lead",
    "senior",
    "junior",
    "principal",
    "staff",
    "software",
    "backend",
    "back-end",
    "frontend",
    "front-end",
    "full-stack",
    "fullstack",
    "web",
    "data",
    "cloud",
    "devops",
    "security",
    "platform",
    "systems",
    "system",
    "marketing",
    "product",
    "sales",
    "intern",
    "student",
    "scientist",
    "director",
    "head",
    "team",
    "and",
    "the",
    "of",
    "at",
    "in",
    "for",
    "with",
    "summary",
    "experience",
    "education",
    "skills",
    "ingenieur",
    "entwickler",
    "développeur",
    "ingénieur",
    "desarrollador",
    "ingeniero",
    "desenvolvedor",
    "sviluppatore",
    "ontwikkelaar",
    "university",
    "college",
    "school",
    "about",
    "me",
    "personal",
    "details",
    "information",
    "objective",
    "work",
    "history",
    "projects",
    "certifications",
    "languages",
    "references",
    "interests",
    "hobbies",
    "achievements",
    "publications",
    "employment",
    "professional",
    "career",
    "key",
    "technical",
    "core",
    "competencies",
    "qualifications",
    "overview",
    "highlights",
    "page",
    "phone",
    "email",
    "e-mail",
    "address",
    "mobile",
    "location",
];

/// Particles that belong to a name but are common words alone: kept in the full name, not
/// masked on their own.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le",
    "al", "el", "bin", "ibn", "ter", "ten", "y",
];

/// The parts of a name, when `line` is one: two to five words, each capitalised (or the line
/// in capitals), of letters, hyphens, apostrophes and dots only; a trailing credential after a
/// comma ("Rafael Quintero, OSCP") is dropped.
fn name_of(line: &str) -> Option<Vec<String>> {
    let line = line
        .trim_start_matches(['#', '*', '_', ' '])
        .trim_end_matches(['*', '_', ' ']);
    let head = line
        .split([',', '|', '•', '·', '—', '–', '('])
        .next()?
        .trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return None;
    }
    let mut parts = Vec::new();
    for word in &words {
        let bare = word.trim_end_matches('.');
        // Letters, hyphens and apostrophes; a dot only after an initial ("J."), so "B.S." and
        // "M.Sc." are no names.
        if bare.is_empty()
            || !bare
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        {
            return None;
        }
        let lower = bare.to_lowercase();
        if NOT_NAME_WORDS.contains(&lower.as_str()) {
            return None;
        }
        let first = bare.chars().next()?;
        if PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        if !first.is_uppercase() {
            return None;
        }
        // Initials ("J.") are masked with the name they belong to, not alone.
        if bare.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            parts.push(bare.to_string());
        }
    }
    (!parts.is_empty()).then_some(parts)
}

/// One pattern for every part of the name and their possessives, as whole words, any case.
fn name_pattern(parts: &[String]) -> Option<Regex> {
    if parts.is_empty() {
        return None;
    }
    let mut alternatives: Vec<String> = parts.iter().map(|p| regex::escape(p)).collect();
    // Hyphenated parts also appear split ("Quenby-Ortiz" → "Quenby", "Ortiz").
    for p in parts {
        if p.contains('-') {
            alternatives.extend(
                p.split('-')
                    .filter(|s| s.chars().count() >= 2)
                    .map(regex::escape),
            );
        }
    }
    alternatives.sort_by_key(|a| std::cmp::Reverse(a.len()));
    RegexBuilder::new(&format!(
        r"(?i)\b(?:{})\b(?:['’]s)?",
        alternatives.join("|")
    ))
    .build()
    .ok()
}

fn is_contact_line(line: &str) -> bool {
    line.contains('@') || PHONE_LIKE.is_match(line) || line.contains("linkedin.")
}

fn is_contact_value(segment: &str) -> bool {
    segment.contains('@')
        || segment.contains("://")
        || segment.contains("www.")
        || segment.contains(".com")
        || segment.contains(".io")
        || segment.contains(".dev")
        || PHONE_LIKE.is_match(segment)
}

static PHONE_LIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d ().\-/]{6,}\d").expect("valid regex"));

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid regex"));

static NAME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:full\s+name|name|nombre|nom|vorname\s+und\s+name|naam|nome)\s*:\s*(.+)$")
        .expect("valid regex")
});

/// Words that start a labelled personal fact, as a cheap test of a line before the label
/// patterns run on it (every resume is read for them, blind or not).
static LABEL_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "birth",
            "born",
            "dob",
            "d.o.b",
            "geburt",
            "geboren",
            "naissance",
            "nacimiento",
            "nacid",
            "nascimento",
            "nascita",
            "nato il",
            "nata il",
            "geboorte",
            "age:",
            "age :",
            "alter:",
            "âge",
            "edad",
            "idade",
            "età",
            "leeftijd",
            "gender",
            "sex:",
            "sex :",
            "geschlecht",
            "sexe",
            "sexo",
            "sesso",
            "geslacht",
            "marital",
            "family status",
            "familienstand",
            "civil",
            "burgerlijke",
            "nationalit",
            "citizen",
            "staatsangeh",
            "cittadinanza",
            "nacionalid",
            "nazionalit",
            "address",
            "adresse",
            "anschrift",
            "direcci",
            "endereço",
            "indirizzo",
            "adres",
            "domicil",
            "wohnort",
            "name:",
            "name :",
            "nombre",
            "nom:",
            "nom :",
            "naam",
            "nome:",
            "photo",
            "foto",
            "picture",
            "headshot",
        ])
        .ok()
});

/// A label and its value (group 1), to the end of the line or the next separator.
static LABELS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    let table: [(&str, &'static str); 6] = [
        (
            r"date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on|\s+in)?|d\.?o\.?b\.?|geburtsdatum|geboren(?:\s+am)?|date\s+de\s+naissance|n[ée]e?\s+le|fecha\s+de\s+nacimiento|nacid[oa]\s+el|data\s+de\s+nascimento|data\s+di\s+nascita|nat[oa]\s+il|geboortedatum|geboren\s+op",
            "[birth date]",
        ),
        (r"age|alter|âge|edad|idade|età|leeftijd", "[age]"),
        (
            r"gender|sex|geschlecht|sexe|sexo|sesso|geslacht",
            "[gender]",
        ),
        (
            r"marital\s+status|family\s+status|familienstand|[ée]tat\s+civil|situation\s+familiale|estado\s+civil|stato\s+civile|burgerlijke\s+staat",
            "[marital status]",
        ),
        (
            r"nationality|citizenship|citizen\s+of|staatsangehörigkeit|nationalität|nationalit[ée]|nacionalidad|nacionalidade|nazionalità|cittadinanza|nationaliteit",
            "[nationality]",
        ),
        (
            r"(?:home\s+|postal\s+|street\s+)?address|adresse|anschrift|direcci[óo]n|endereço|indirizzo|adres|domicile|wohnort",
            "[address]",
        ),
    ];
    table
        .iter()
        .map(|(label, mask)| {
            // "Age: 34" but not "Agile", "Stage"; the label ends at a colon or dash, or at
            // white space before a digit ("Born 1988").
            let pattern =
                format!(r"(?i)\b(?:{label})\b(?:\s*[:\-–]\s*([^|•·;\n]+)|\s+(\d[^|•·;\n]*))");
            (Regex::new(&pattern).expect("valid regex"), *mask)
        })
        .collect()
});

/// Facts any resume may state, masked wherever they appear.
static ANYWHERE: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    let table: [(&str, &'static str); 6] = [
        (
            r"(?i)\b\d{2}\s+(?:years\s+old|jahre\s+alt|años\s+de\s+edad|anos\s+de\s+idade|anni\s+di\s+età|jaar\s+oud)\b",
            "[age]",
        ),
        (
            r"(?i)\b(?:female|male|männlich|weiblich|masculin|féminin|masculino|femenino|feminino|maschile|femminile|mannelijk|vrouwelijk)\b",
            "[gender]",
        ),
        (
            r"(?i)\b(?:she/her(?:/hers)?|he/him(?:/his)?|they/them(?:/theirs)?)\b",
            "[gender]",
        ),
        (
            r"(?i)\b(?:married|divorced|widowed|verheiratet|ledig|geschieden|verwitwet|mari[ée]e?|c[ée]libataire|divorc[ée]e?|casad[oa]|solter[oa]|divorciad[oa]|solteir[oa]|sposat[oa]|nubile|celibe|getrouwd|gehuwd|ongehuwd)\b(?:\s*,\s*\d+\s+(?:children|kids|kinder|enfants|hijos|filhos|figli|kinderen))?",
            "[marital status]",
        ),
        (
            // "123 Main Street", "48 Rue de la Paix", "Hauptstraße 5", "Calle de Alcalá 48",
            // "Via Roma 10", "Keizersgracht 12".
            r"(?i)\b\d{1,5}[a-z]?,?\s+(?:[\p{L}'.-]+\s+){0,3}(?:street|st\.|avenue|ave\.|road|rd\.|boulevard|blvd\.?|lane|ln\.|drive|dr\.|court|ct\.|way|place|pl\.|terrace|rue|avenue|chemin|allée)\b[^|•·;\n]*|\b[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|gracht|straat|laan|plein)\s+\d{1,5}[a-z]?\b[^|•·;\n]*|\b(?:calle|avenida|av\.|rua|travessa|via|viale|piazza|corso|rue)\s+(?:[\p{L}'.-]+\s+){1,4}\d{1,5}\b[^|•·;\n]*",
            "[address]",
        ),
        (
            r"(?i)^\s*[\[(]?(?:photo|foto|photograph|picture|bild|headshot|profile\s+picture)\b.*$|\S+\.(?:jpe?g|png|gif|heic|webp)\b",
            "[photo]",
        ),
    ];
    table
        .iter()
        .map(|(p, mask)| (Regex::new(&format!("(?m){p}")).expect("valid regex"), *mask))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn personal_of(text: &str) -> Personal {
        let starts = crate::normalize::lines::line_starts(text);
        let sections = vec![SectionKind::Other; starts.len()];
        find(text, &starts, &sections)
    }

    #[test]
    fn the_name_comes_from_the_first_lines() {
        let p = personal_of("MARISOL QUENBY-ORTIZ\nSenior Backend Engineer\nMadrid | m.q@example.com | +34 600 123 456\n");
        assert_eq!(p.name_parts(), ["MARISOL", "QUENBY-ORTIZ"]);
        let p = personal_of("Rafael Quintero, OSCP\nApplication Security Engineer\n");
        assert_eq!(p.name_parts(), ["Rafael", "Quintero"]);
        let p = personal_of("Curriculum Vitae\nLudwig van Beethoven\n");
        assert_eq!(p.name_parts(), ["Ludwig", "Beethoven"]);
        let p = personal_of("Senior Backend Engineer\nsome text here\n");
        assert!(p.name_parts().is_empty());
    }

    #[test]
    fn masks_the_name_everywhere_and_the_labelled_facts() {
        let text = "Marisol Quenby-Ortiz\nCalle de Alcalá 48, 28014 Madrid | marisol@example.com\n\
                    Date of birth: 14.03.1988 | Nationality: Chilean\nGender: female; Marital status: married\n";
        let p = personal_of(text);
        for (line, must_not) in [
            ("Quenby-Ortiz led the migration to Go.", "Quenby"),
            ("Marisol's team shipped Kafka consumers.", "Marisol"),
            ("ORTIZ, M. — Kafka talk", "ORTIZ"),
            ("Lives at Calle de Alcalá 48, 28014 Madrid", "Alcalá"),
            ("Date of birth: 14.03.1988", "1988"),
            ("Nationality: Chilean", "Chilean"),
            ("Gender: female", "female"),
            ("married, 2 children", "married"),
            ("Photo: marisol.jpg", "jpg"),
            ("Age: 36", "36"),
            ("36 years old", "36"),
            ("1200 Market Street, Suite 5", "Market"),
            ("Hauptstraße 5, 10115 Berlin", "Hauptstraße"),
        ] {
            let masked = mask(line, Some(&p), false);
            assert!(!masked.contains(must_not), "{line} -> {masked}");
        }
        assert_eq!(
            mask("B.Sc. Computer Science, 2006 – 2010", None, true),
            "B.Sc. Computer Science, [year] – [year]"
        );
        // Work is left alone.
        for keep in [
            "Built billing services in Go on PostgreSQL, 2019 – 2023",
            "Stage 2 of the migration; agile teams; single sign-on",
            "Managed the sales pipeline",
        ] {
            assert_eq!(mask(keep, Some(&p), false), keep);
        }
    }

    #[test]
    fn pseudonyms_count_from_one() {
        assert_eq!(pseudonym(6), "candidate-0007");
    }
}
