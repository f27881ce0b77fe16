//! The dictionaries and profiles compiled into the binary.

/// Built-in dictionary files, in load order: (name, TOML text).
pub const BUILTIN_DICTIONARIES: &[(&str, &str)] = &[
    ("skills", include_str!("../../dictionaries/skills.toml")),
    ("sections", include_str!("../../dictionaries/sections.toml")),
    (
        "relations",
        include_str!("../../dictionaries/relations.toml"),
    ),
    ("postings", include_str!("../../dictionaries/postings.toml")),
];

/// Built-in role profiles: (id, TOML text).
pub(crate) const BUILTIN_PROFILES: &[(&str, &str)] = &[(
    "backend",
    include_str!("../../dictionaries/profiles/backend.toml"),
)];

/// The ids of the built-in profiles.
pub fn builtin_profile_names() -> Vec<&'static str> {
    BUILTIN_PROFILES.iter().map(|(name, _)| *name).collect()
}
