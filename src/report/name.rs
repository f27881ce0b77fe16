//! [`Name`]: an id or display name from a dictionary, shared by the reports that give it.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An id or display name from a dictionary (`postgresql`, `PostgreSQL`, `databases`, an ESCO
/// URI), as a report gives it.
///
/// Every report of a batch names the same few hundred skills and categories, so a report shares
/// the analyzer's copy of each name instead of copying it: cloning one is a reference count, not
/// an allocation. It reads as a `str` (it dereferences to one and compares with `str`, `&str` and
/// `String`), is written as a JSON string, and turns into a `String` with `to_string()` or
/// `String::from`.
///
/// ```
/// use resumescan::report::Name;
///
/// let id = Name::from("postgresql");
/// assert_eq!(id, "postgresql");
/// assert!(id.starts_with("postgres"));
/// assert_eq!(serde_json::to_string(&id).unwrap(), "\"postgresql\"");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl Name {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::from("")
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As a string's: `"postgresql"`.
impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::from(s))
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name::from(s.as_str())
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.0.to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        Ok(Name::from(
            Cow::<'de, str>::deserialize(deserializer)?.as_ref(),
        ))
    }
}

/// The schema of a string, as a `String` field has: the report's schema is the same whichever
/// type holds the text.
impl JsonSchema for Name {
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_serializes_as_a_string() {
        let name = Name::from("Spring Boot");
        let copy = name.clone();
        assert!(Arc::ptr_eq(&name.0, &copy.0), "a clone shares the text");
        assert_eq!(name, "Spring Boot");
        assert_eq!("Spring Boot", name);
        assert_eq!(name, String::from("Spring Boot"));
        assert_ne!(name, "Spring");
        assert_eq!(name.len(), 11);
        assert_eq!(
            format!("{name} / {name:?}"),
            "Spring Boot / \"Spring Boot\""
        );
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, "\"Spring Boot\"");
        let back: Name = serde_json::from_str(&json).unwrap();
        assert_eq!(back, name);
        let escaped: Name = serde_json::from_str("\"C\\u002B\\u002B\"").unwrap();
        assert_eq!(escaped, "C++");
        assert_eq!(String::from(name.clone()), "Spring Boot");
        let mut ids = vec![Name::from("java"), Name::from("go")];
        ids.sort();
        assert_eq!(ids, ["go", "java"], "ordered as the text");
    }

    #[test]
    fn its_schema_is_a_strings() {
        let name = schemars::schema_for!(Name);
        let string = schemars::schema_for!(String);
        assert_eq!(
            serde_json::to_value(name).unwrap(),
            serde_json::to_value(string).unwrap()
        );
    }
}
