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
    ("stacks", include_str!("../../dictionaries/stacks.toml")),
    ("esco", include_str!("../../dictionaries/esco.toml")),
];

/// Built-in role profiles: (id, TOML text).
pub(crate) const BUILTIN_PROFILES: &[(&str, &str)] = &[
    (
        "backend",
        include_str!("../../dictionaries/profiles/backend.toml"),
    ),
    (
        "backend-java",
        include_str!("../../dictionaries/profiles/backend-java.toml"),
    ),
    (
        "backend-go",
        include_str!("../../dictionaries/profiles/backend-go.toml"),
    ),
    (
        "backend-python",
        include_str!("../../dictionaries/profiles/backend-python.toml"),
    ),
    (
        "backend-php",
        include_str!("../../dictionaries/profiles/backend-php.toml"),
    ),
    (
        "backend-ruby",
        include_str!("../../dictionaries/profiles/backend-ruby.toml"),
    ),
    (
        "backend-dotnet",
        include_str!("../../dictionaries/profiles/backend-dotnet.toml"),
    ),
    (
        "backend-node",
        include_str!("../../dictionaries/profiles/backend-node.toml"),
    ),
];

/// The ids of the built-in profiles.
pub fn builtin_profile_names() -> Vec<&'static str> {
    BUILTIN_PROFILES.iter().map(|(name, _)| *name).collect()
}
