//! The stable codes of warnings (`W001` …): what tools and the summary match
//! on, and what `README.md` documents. The names and summaries shown come
//! from `data/warnings.yaml`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

const WARNINGS_YAML: &str = include_str!("../../data/warnings.yaml");

/// A kind of warning. A code never changes meaning once published; a new
/// kind gets the next number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A name several entities bear, found in an article and not linked.
    AmbiguousMention,
    /// A name or alias two registry entities share.
    SharedName,
    /// An article without a date.
    Undated,
    /// An ingested input that was not UTF-8.
    NotUtf8,
    /// An ingested input that is already in the site.
    Duplicate,
    /// An ingested input that is the same story as an article of the site.
    SameStory,
    /// An ingested input in which no date was found.
    NoDateFound,
}

impl Code {
    pub const ALL: [Code; 7] = [
        Code::AmbiguousMention,
        Code::SharedName,
        Code::Undated,
        Code::NotUtf8,
        Code::Duplicate,
        Code::SameStory,
        Code::NoDateFound,
    ];

    /// "W001".
    pub fn as_str(self) -> &'static str {
        match self {
            Code::AmbiguousMention => "W001",
            Code::SharedName => "W002",
            Code::Undated => "W003",
            Code::NotUtf8 => "W004",
            Code::Duplicate => "W005",
            Code::SameStory => "W006",
            Code::NoDateFound => "W007",
        }
    }

    /// "ambiguous-mention".
    pub fn kind(self) -> &'static str {
        &texts()[self.as_str()].kind
    }

    /// "ambiguous names not linked": what the summary counts.
    pub fn summary(self) -> &'static str {
        &texts()[self.as_str()].summary
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    kind: String,
    summary: String,
}

fn texts() -> &'static BTreeMap<String, Texts> {
    static ALL: OnceLock<BTreeMap<String, Texts>> = OnceLock::new();
    ALL.get_or_init(|| serde_yaml::from_str(WARNINGS_YAML).expect("data/warnings.yaml is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_texts_and_no_text_lacks_a_code() {
        for code in Code::ALL {
            assert!(
                texts().contains_key(code.as_str()),
                "{code} in data/warnings.yaml"
            );
            assert!(!code.kind().is_empty() && !code.summary().is_empty());
        }
        assert_eq!(texts().len(), Code::ALL.len());
    }

    #[test]
    fn codes_and_kinds_are_unique() {
        let codes: std::collections::HashSet<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let kinds: std::collections::HashSet<_> = Code::ALL.iter().map(|c| c.kind()).collect();
        assert_eq!(codes.len(), Code::ALL.len());
        assert_eq!(kinds.len(), Code::ALL.len());
    }

    #[test]
    fn codes_follow_their_order() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(code.as_str(), format!("W{:03}", i + 1));
        }
    }
}
