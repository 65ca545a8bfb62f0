//! A claim is one thing an article says about one topic: the value it states, how
//! firmly it states it, and where in the article it says it.

use std::ops::Range;

use serde::Serialize;

use crate::kinds::date::DateInterval;
use crate::kinds::number::Quantity;
use crate::text::stance::Stance;

/// The normalised value of a claim, by claim kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Value {
    /// One of a topic's exclusive values, such as a cause.
    Category { id: String, label: String },
    /// A date expression; `resolved` is `None` when the expression is relative and the
    /// article has no publication date (the claim is unanchored).
    Date {
        expression: String,
        resolved: Option<DateInterval>,
        /// The publication date a relative expression was resolved against.
        relative_to: Option<chrono::NaiveDate>,
    },
    /// A quantity, as an interval.
    Number { quantity: Quantity },
    /// A quotation, with its speaker where the text says it.
    Quote { speaker: Option<String> },
}

impl Value {
    /// The value in a few words, for reports.
    pub fn display(&self) -> String {
        match self {
            Value::Category { id, .. } => id.clone(),
            Value::Date {
                expression,
                resolved: Some(interval),
                ..
            } => {
                let _ = expression;
                interval.to_string()
            }
            Value::Date {
                expression,
                resolved: None,
                ..
            } => format!("unanchored ({expression})"),
            Value::Number { quantity } => quantity.to_string(),
            Value::Quote {
                speaker: Some(speaker),
            } => format!("quotation of {speaker}"),
            Value::Quote { speaker: None } => "quotation".to_string(),
        }
    }
}

/// One claim found in one article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The id of the rule (topic) that found it.
    pub topic: String,
    pub value: Value,
    pub stance: Stance,
    /// The article's path, as it was found on the command line or by the walker.
    pub path: String,
    /// Byte span of the matched text in the article.
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of the span's start.
    pub line: usize,
    pub column: usize,
    /// The matched text, as written.
    pub text: String,
    /// Byte span of the sentence that holds the claim.
    pub sentence: Range<usize>,
}
