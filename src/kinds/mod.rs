//! Claim kinds. Each kind owns its extraction, normalisation and comparison; the engine
//! and the reconciler ask the kind, and know nothing of dates or numbers themselves.

pub mod category;
pub mod date;
pub mod date_rule;
pub mod number;
pub mod number_rule;

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

/// Spans already claimed in one sentence, to keep later matches from overlapping them.
/// A lookup costs a logarithm, so a sentence with thousands of matches stays fast.
#[derive(Debug, Default)]
pub(crate) struct Taken {
    /// start → end of each taken span; taken spans never overlap.
    spans: std::collections::BTreeMap<usize, usize>,
}

impl Taken {
    /// Takes `span` unless it is empty (an empty match is no claim) or overlaps one
    /// already taken; says whether it was taken.
    pub(crate) fn take(&mut self, span: &Range<usize>) -> bool {
        if span.is_empty() {
            return false;
        }
        // Taken spans do not overlap, so the one starting last before `span` ends is the
        // only one that can reach into it.
        let overlaps = self
            .spans
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        if overlaps {
            return false;
        }
        self.spans.insert(span.start, span.end);
        true
    }
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

#[cfg(test)]
mod tests {
    use super::Taken;

    #[test]
    fn taken_spans_refuse_overlaps_and_empty_spans_but_allow_neighbours() {
        let mut taken = Taken::default();
        assert!(taken.take(&(10..20)));
        assert!(!taken.take(&(15..25)), "overlaps the end");
        assert!(!taken.take(&(5..11)), "overlaps the start");
        assert!(!taken.take(&(12..14)), "inside");
        assert!(!taken.take(&(0..30)), "around");
        assert!(taken.take(&(20..25)), "touching is not overlapping");
        assert!(taken.take(&(0..10)));
        assert!(!taken.take(&(30..30)), "empty");
    }
}
