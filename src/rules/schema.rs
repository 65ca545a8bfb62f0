//! The TOML schema of a rule file, exactly as a rule author writes it. Every field keeps
//! its byte span so that a mistake can be pointed at in the file.

use serde::Deserialize;
use toml::Spanned;

use crate::text::stance::Cue;

/// One rule file: one topic.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub kind: Spanned<KindName>,
    #[serde(default)]
    pub severity: Option<Spanned<SeverityName>>,
    #[serde(default)]
    pub description: Option<String>,
    /// Patterns the article must all match somewhere for the topic to apply.
    #[serde(default)]
    pub scope: Vec<Spanned<String>>,
    /// Patterns of which one must match the claim's sentence (or a sentence within
    /// `context` of it, in the same paragraph).
    #[serde(default)]
    pub anchor: Vec<Spanned<String>>,
    #[serde(default)]
    pub context: Option<Spanned<i64>>,
    /// category: the values of the topic.
    #[serde(default)]
    pub value: Vec<ValueDef>,
    /// number: patterns with a `{number}` placeholder.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// date: date expressions overlapping a match of one of these are not the event's date.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// date: how many characters from the anchor a date in the same sentence may be.
    #[serde(default)]
    pub within: Option<Spanned<i64>>,
    /// Extra stance cues for this topic.
    #[serde(default)]
    pub cue: Vec<Spanned<Cue>>,
    #[serde(default)]
    pub test: Vec<Spanned<TestDef>>,
}

/// The kinds of claim a topic can hold.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KindName {
    Category,
    Date,
    Number,
}

/// How serious a contradiction on this topic is.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

/// One value of a category topic.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueDef {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    pub patterns: Vec<Spanned<String>>,
    /// Ids of other values that may be claimed alongside this one without contradiction.
    #[serde(default)]
    pub compatible: Vec<Spanned<String>>,
}

/// An example the rule must get right.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestDef {
    pub text: Spanned<String>,
    /// The expected value (a value id, a date such as "2021-11", a number), or "none"
    /// when the text must yield no claim.
    pub expect: Spanned<String>,
    #[serde(default)]
    pub stance: Option<Spanned<crate::text::stance::Stance>>,
    /// Publication date (YYYY-MM-DD) against which relative dates in `text` resolve.
    #[serde(default)]
    pub published: Option<Spanned<String>>,
}
