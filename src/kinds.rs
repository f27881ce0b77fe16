//! The machine names a report gives outcomes: error kinds, warning kinds and the reasons of
//! `empty` and `skipped` entries. Each is an enum, so every name the program writes is one the
//! compiler knows; in JSON they are the snake_case strings of the report format.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An enum of report names, with its string form, `Display`, and comparison with `&str`.
macro_rules! names {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            JsonSchema,
        )]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// The name as the report writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

names! {
    /// Why a document (or a setting) could not be used: `error.kind` in a report.
    ErrorKind {
        /// The file does not exist (or a link points nowhere).
        NotFound = "not_found",
        /// The file could not be read.
        Io = "io",
        /// Over the size limit.
        TooLarge = "too_large",
        /// Not a format resumescan reads.
        UnsupportedFormat = "unsupported_format",
        /// A damaged document.
        Parse = "parse",
        /// Encrypted with a password.
        Encrypted = "encrypted",
        /// A parser panicked (caught).
        Panic = "panic",
        /// The worker process crashed.
        Crash = "crash",
        /// Extraction ran out of time.
        Timeout = "timeout",
        /// Extraction ran out of memory.
        OutOfMemory = "out_of_memory",
        /// Symbolic links that lead back to themselves.
        SymlinkLoop = "symlink_loop",
        /// A record of a stream that is not a valid record.
        BadInput = "bad_input",
        /// A folder with no file of a supported format.
        NoSupportedFiles = "no_supported_files",
        /// An invalid dictionary or profile.
        Dictionary = "dictionary",
        /// An unknown profile or a setting that cannot be used.
        Config = "config",
        /// A skill name no dictionary knows.
        UnknownSkill = "unknown_skill",
        /// A job posting that names no known skill.
        NoJobSkills = "no_job_skills",
    }
}

names! {
    /// Something a reader of one document's entry should know: `warnings[].kind`.
    WarningKind {
        /// Skills listed far more often than the text around them supports.
        KeywordStuffing = "keyword_stuffing",
        /// The extracted text looks garbled (a broken font encoding).
        GarbledText = "garbled_text",
        /// Only the first part of a very long text was read.
        TextTruncated = "text_truncated",
        /// The text was read by OCR.
        Ocr = "ocr",
        /// OCR was asked for but gave no text.
        OcrFailed = "ocr_failed",
    }
}

names! {
    /// Why an entry is `empty` or `skipped`: its `reason`.
    StatusReason {
        /// Nothing but white space.
        NoText = "no_text",
        /// A PDF whose pages carry no text, usually a scan.
        NoTextLayer = "no_text_layer",
        /// A symbolic link met while walking a folder (not followed).
        Symlink = "symlink",
        /// A FIFO, socket or device met while walking a folder.
        NotAFile = "not_a_file",
    }
}

names! {
    /// Why a document may duplicate an earlier one: `possible_duplicate_of.reason`.
    DuplicateReason {
        /// Their texts are near-identical: at least 80 % of their three-word phrases are the
        /// same.
        NearIdenticalText = "near_identical_text",
        /// They give the same e-mail address.
        SharedEmail = "shared_email",
        /// They give the same phone number.
        SharedPhone = "shared_phone",
    }
}

/// Something worth a reader's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable machine name, e.g. `keyword_stuffing`, `garbled_text`.
    pub kind: WarningKind,
    /// A one-line description for people.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_serialize_as_the_report_writes_them() {
        assert_eq!(
            serde_json::to_string(&ErrorKind::OutOfMemory).unwrap(),
            "\"out_of_memory\""
        );
        assert_eq!(
            serde_json::from_str::<StatusReason>("\"no_text_layer\"").unwrap(),
            StatusReason::NoTextLayer
        );
        assert_eq!(WarningKind::OcrFailed.to_string(), "ocr_failed");
        assert!(ErrorKind::NotFound == "not_found");
    }
}
