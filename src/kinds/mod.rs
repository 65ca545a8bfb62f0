//! Claim kinds. Each kind owns its extraction, normalisation and comparison; the engine
//! and the reconciler ask the kind, and know nothing of dates or numbers themselves.

pub mod category;
pub mod date;
pub mod date_rule;
pub mod number;
pub mod number_rule;
pub mod quote;

use std::ops::Range;

use std::sync::Arc;

use crate::claim::{ClaimStore, Claims, Value};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Pattern, Topic};

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
        anchor: &[Pattern],
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

    /// The claims of every sentence of `doc`, sentence by sentence, each sentence's in
    /// the order [`KindSpec::extract`] gives them. Each pattern searches the whole body
    /// once instead of every sentence.
    pub fn extract_document(
        &self,
        doc: &Document,
        anchor: &[Pattern],
        context: usize,
    ) -> Vec<Found> {
        let mut hits: Vec<Vec<usize>> = anchor.iter().map(|p| doc.sentences_matching(p)).collect();
        match self {
            KindSpec::Category(_) | KindSpec::Number(_) => hits.extend(
                self.patterns()
                    .into_iter()
                    .map(|p| doc.sentences_matching(p)),
            ),
            KindSpec::Date(_) => {}
        }
        self.extract_hits(doc, anchor, context, &hits)
    }

    /// As [`KindSpec::extract_document`], with the sentences each pattern may match
    /// already known: `hits` holds, for each anchor and then each of the kind's sentence
    /// patterns (category values' patterns, number patterns), the sentences to try. They
    /// may include sentences the pattern does not match; every candidate is checked.
    pub fn extract_hits(
        &self,
        doc: &Document,
        anchor: &[Pattern],
        context: usize,
        hits: &[Vec<usize>],
    ) -> Vec<Found> {
        let (anchor_hits, own_hits) = hits.split_at(anchor.len().min(hits.len()));
        let mut named: Vec<usize> = anchor
            .iter()
            .zip(anchor_hits)
            .flat_map(|(pattern, sentences)| {
                sentences
                    .iter()
                    .copied()
                    .filter(|&i| pattern.is_match(doc.searchable_sentence(i)))
            })
            .collect();
        named.sort_unstable();
        named.dedup();
        let anchored = || {
            if anchor.is_empty() {
                return vec![true; doc.sentences.len()];
            }
            let mut anchored = vec![false; doc.sentences.len()];
            for &index in &named {
                for neighbour in doc.neighbours(index, context) {
                    anchored[neighbour] = true;
                }
            }
            anchored
        };
        match self {
            KindSpec::Category(spec) => spec.extract_anchored(doc, &anchored(), own_hits),
            KindSpec::Number(spec) => spec.extract_anchored(doc, &anchored(), own_hits),
            // Only a sentence that names the event yields a date.
            KindSpec::Date(spec) => named
                .into_iter()
                .flat_map(|index| spec.extract_named(doc, index, anchor, context))
                .collect(),
        }
    }

    /// Every pattern of the kind-specific part, in the order of the rule file.
    pub fn patterns(&self) -> Vec<&Pattern> {
        match self {
            KindSpec::Category(spec) => spec.values.iter().flat_map(|v| &v.patterns).collect(),
            KindSpec::Date(spec) => spec.exclude.iter().collect(),
            KindSpec::Number(spec) => spec.patterns.iter().collect(),
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

    /// The findings among one topic's claims (sorted by path and position), which are
    /// claims of `store`.
    pub fn reconcile(
        &self,
        topic: &Topic,
        store: &Arc<ClaimStore>,
        claims: &Claims<'_>,
    ) -> Vec<Finding> {
        match self {
            KindSpec::Category(spec) => spec.reconcile(topic, store, claims),
            KindSpec::Date(_) => date_rule::reconcile(topic, store, claims),
            KindSpec::Number(_) => number_rule::reconcile(topic, store, claims),
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
