//! Date claims: finding date expressions in a sentence, normalising them in two steps
//! (an underspecified value, then resolution against the publication date), and
//! comparing the resulting intervals.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
    Year,
}

/// A resolved date: every day from `start` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateInterval {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub granularity: Granularity,
}

/// A date expression as written, before it is resolved against a publication date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Underspecified {
    // Filled in by the implementation.
}

/// A date expression found in a piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte span within the text that was searched.
    pub span: Range<usize>,
    pub expr: Underspecified,
}

/// Finds every date expression in `text`, in order of position.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let _ = text;
    todo!()
}

/// Resolves an expression against the article's publication date. `None` when the
/// expression is relative (or lacks its year) and there is no publication date.
pub fn resolve(expr: &Underspecified, published: Option<NaiveDate>) -> Option<DateInterval> {
    let _ = (expr, published);
    todo!()
}
