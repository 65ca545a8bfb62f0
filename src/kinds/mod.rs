//! Claim kinds. Each kind owns its extraction, normalisation and comparison; the engine
//! and the reconciler ask the kind, and know nothing of dates or numbers themselves.

pub mod category;
pub mod date;
pub mod date_rule;
pub mod number;
pub mod number_rule;
pub mod quote;

use std::ops::Range;

use regex::Regex;

use crate::claim::{Claim, Value};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Topic;

/// A claim's value and span as a kind finds it; the engine adds stance and position.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte span in the article.
    pub span: Range<usize>,
    pub value: Value,
}

/// The compiled, kind-specific part of a topic.
#[derive(Debug)]
pub enum KindSpec {
    Category(category::CategorySpec),
    Date(date_rule::DateSpec),
    Number(number_rule::NumberSpec),
}

impl KindSpec {
    pub fn name(&self) -> &'static str {
        match self {
            KindSpec::Category(_) => "category",
            KindSpec::Date(_) => "date",
            KindSpec::Number(_) => "number",
        }
    }

    /// The claims of sentence `index` of `doc`. `anchor` and `context` are the topic's.
    pub fn extract(
        &self,
        doc: &Document,
        index: usize,
        anchor: &[Regex],
        context: usize,
    ) -> Vec<Found> {
        match self {
            KindSpec::Category(spec) => {
                if doc.anchored(index, anchor, context) {
                    spec.extract(doc, index)
                } else {
                    Vec::new()
                }
            }
            KindSpec::Number(spec) => {
                if doc.anchored(index, anchor, context) {
                    spec.extract(doc, index)
                } else {
                    Vec::new()
                }
            }
            KindSpec::Date(spec) => spec.extract(doc, index, anchor, context),
        }
    }

    /// Whether a claim's value is what an example expects (written as in `expect`).
    pub fn matches_expected(&self, value: &Value, expected: &str) -> bool {
        match self {
            KindSpec::Category(_) => category::matches_expected(value, expected),
            KindSpec::Date(_) => date_rule::matches_expected(value, expected),
            KindSpec::Number(_) => number_rule::matches_expected(value, expected),
        }
    }

    /// Checks that an example's `expect` is something this topic could produce; the error
    /// is a sentence of help for the rule author.
    pub fn check_expected(&self, expected: &str) -> Result<(), String> {
        match self {
            KindSpec::Category(spec) => spec.check_expected(expected),
            KindSpec::Date(_) => date_rule::check_expected(expected),
            KindSpec::Number(_) => number_rule::check_expected(expected),
        }
    }

    /// The findings among one topic's claims (sorted by path and position).
    pub fn reconcile(&self, topic: &Topic, claims: &[&Claim]) -> Vec<Finding> {
        match self {
            KindSpec::Category(spec) => spec.reconcile(topic, claims),
            KindSpec::Date(_) => date_rule::reconcile(topic, claims),
            KindSpec::Number(_) => number_rule::reconcile(topic, claims),
        }
    }
}
