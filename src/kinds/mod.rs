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
use crate::scan::window_at;

/// A claim's value and span as a kind finds it; the engine adds stance and position.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte span in the article.
    pub span: Range<usize>,
    pub value: Value,
}

/// The sentences each of a kind's own patterns may match, and where in them.
#[derive(Clone, Copy, Debug)]
pub struct Candidates<'h> {
    /// For each pattern: the sentences it may match, sorted.
    pub sentences: &'h [Vec<usize>],
    /// In the shape of `sentences`: where in each sentence the pattern may match (see
    /// [`crate::scan::Hits::windows`]); a pattern without them may match anywhere.
    pub windows: &'h [Vec<Range<u32>>],
}

impl Candidates<'_> {
    /// Where in sentence `index` (of `len` bytes) pattern `pattern` may match, if it may
    /// match that sentence at all.
    pub fn window(&self, pattern: usize, index: usize, len: usize) -> Option<Range<usize>> {
        let at = self.sentences.get(pattern)?.binary_search(&index).ok()?;
        Some(window_at(self.windows, pattern, at, len))
    }
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

/// The sentences that name a topic's subject (one of its anchors matches them), among
/// those the scanner says an anchor may match. Each candidate is checked only when the
/// answer matters, and once.
struct Named<'d, 'a> {
    doc: &'d Document<'a>,
    anchor: &'d [Pattern],
    /// (sentence, anchor index) for each sentence an anchor may match, sorted.
    hits: Vec<(usize, usize)>,
    /// For each of `hits`, the part of its sentence that holds the anchor's matches.
    windows: Vec<Range<usize>>,
    /// The sentences of `hits`, sorted, once each.
    sentences: Vec<usize>,
    /// For each of `sentences`, whether an anchor matches it, once known.
    known: Vec<Option<bool>>,
}

impl<'d, 'a> Named<'d, 'a> {
    /// `anchor_hits` holds, for each of `anchor` in order, the sentences it may match,
    /// and `windows` where in them (see [`crate::scan::Hits::windows`]); those of an
    /// anchor marked in `exact` it is known to match.
    fn new(
        doc: &'d Document<'a>,
        anchor: &'d [Pattern],
        anchor_hits: &[Vec<usize>],
        windows: &[Vec<Range<u32>>],
        exact: &[bool],
    ) -> Self {
        let mut found: Vec<((usize, usize), Range<usize>)> = anchor_hits
            .iter()
            .take(anchor.len())
            .enumerate()
            .flat_map(|(pattern, sentences)| {
                sentences.iter().enumerate().map(move |(at, &s)| {
                    let len = doc.searchable_spans().get(s).map_or(0, Range::len);
                    ((s, pattern), window_at(windows, pattern, at, len))
                })
            })
            .collect();
        found.sort_unstable_by_key(|(hit, _)| *hit);
        found.dedup_by_key(|(hit, _)| *hit);
        let (hits, windows): (Vec<(usize, usize)>, Vec<Range<usize>>) = found.into_iter().unzip();
        let mut sentences: Vec<usize> = hits.iter().map(|&(sentence, _)| sentence).collect();
        sentences.dedup();
        let mut known = vec![None; sentences.len()];
        for &(sentence, pattern) in &hits {
            if exact.get(pattern).copied().unwrap_or(false)
                && let Ok(at) = sentences.binary_search(&sentence)
            {
                known[at] = Some(true);
            }
        }
        Named {
            doc,
            anchor,
            hits,
            windows,
            sentences,
            known,
        }
    }

    /// Whether one of the anchors matches sentence `index`.
    fn is_named(&mut self, index: usize) -> bool {
        let Ok(at) = self.sentences.binary_search(&index) else {
            return false;
        };
        if let Some(known) = self.known[at] {
            return known;
        }
        let sentence = self.doc.searchable_sentence(index);
        let from = self.hits.partition_point(|&(s, _)| s < index);
        let named = self.hits[from..]
            .iter()
            .zip(&self.windows[from..])
            .take_while(|&(&(s, _), _)| s == index)
            .any(|(&(_, pattern), window)| {
                self.anchor[pattern].is_match_in_window(sentence, window.clone())
            });
        self.known[at] = Some(named);
        named
    }

    /// Where in sentence `index` anchor `pattern` may match, if the scanner named it
    /// there.
    fn may_match(&self, index: usize, pattern: usize) -> Option<Range<usize>> {
        let at = self.hits.binary_search(&(index, pattern)).ok()?;
        Some(self.windows[at].clone())
    }

    /// For each sentence of the document, whether it is within `context` of one that
    /// names the subject, as far as the sentences of `own_hits` go (the others are
    /// false). With no anchors, every sentence is anchored.
    fn anchored(&mut self, context: usize, own_hits: &[Vec<usize>]) -> Vec<bool> {
        let count = self.doc.sentences.len();
        if self.anchor.is_empty() {
            return vec![true; count];
        }
        let mut anchored = vec![false; count];
        for &index in own_hits.iter().flatten() {
            if index >= count || anchored[index] {
                continue;
            }
            anchored[index] = self
                .doc
                .neighbours(index, context)
                .into_iter()
                .any(|near| self.is_named(near));
        }
        anchored
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
        // Each pattern's own search names exactly the sentences it matches.
        let exact = vec![true; hits.len()];
        self.extract_hits(doc, anchor, context, &hits, &[], &exact)
    }

    /// As [`KindSpec::extract_document`], with the sentences each pattern may match
    /// already known: `hits` holds, for each anchor and then each of the kind's patterns
    /// (category values' patterns, number patterns, a date's `exclude` patterns), the
    /// sentences to try. They may include sentences the pattern does not match; every
    /// candidate is checked, except those of a slot marked in `exact` (one flag per slot;
    /// missing flags are false), whose sentences are known to be matched. `windows`, in
    /// the shape of `hits`, says where in each sentence the slot's pattern may match
    /// (see [`crate::scan::Hits::windows`]); a slot without them is searched whole.
    pub fn extract_hits(
        &self,
        doc: &Document,
        anchor: &[Pattern],
        context: usize,
        hits: &[Vec<usize>],
        windows: &[Vec<Range<u32>>],
        exact: &[bool],
    ) -> Vec<Found> {
        let (anchor_hits, own_hits) = hits.split_at(anchor.len().min(hits.len()));
        let (anchor_windows, own_windows) = windows.split_at(anchor.len().min(windows.len()));
        let own = Candidates {
            sentences: own_hits,
            windows: own_windows,
        };
        let mut named = Named::new(doc, anchor, anchor_hits, anchor_windows, exact);
        match self {
            KindSpec::Category(spec) => {
                let anchored = named.anchored(context, own_hits);
                spec.extract_anchored(doc, &anchored, own)
            }
            KindSpec::Number(spec) => {
                let anchored = named.anchored(context, own_hits);
                spec.extract_anchored(doc, &anchored, own_hits)
            }
            // Only a sentence that names the event yields a date, and only when it or a
            // sentence within context holds one. Whether one does is asked first when
            // naming the event needs a search; a sentence known to name it reads the
            // dates of its neighbours only as far as it needs to.
            KindSpec::Date(spec) => {
                let mut found = Vec::new();
                for at in 0..named.sentences.len() {
                    let index = named.sentences[at];
                    let known = named.known[at] == Some(true);
                    if !known
                        && !doc
                            .neighbours(index, context)
                            .into_iter()
                            .any(|near| !doc.dates(near).is_empty())
                    {
                        continue;
                    }
                    if !named.is_named(index) {
                        continue;
                    }
                    let may_match = |pattern: usize| named.may_match(index, pattern);
                    found.extend(spec.extract_named(
                        doc,
                        index,
                        anchor,
                        &may_match,
                        context,
                        Some(own),
                    ));
                }
                found
            }
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
    use crate::document::Document;
    use crate::rules::RuleSet;

    /// The shipped rules' texts and some that put anchors, values and dates in the
    /// sentences next to each other, or make a pattern match across two sentences.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = std::fs::read_dir("seeds")
            .expect("the seeds folder")
            .map(|entry| std::fs::read_to_string(entry.expect("a seed").path()).expect("seed text"))
            .collect();
        texts.extend(
            [
                "In November last year, Kanye called out Legend. While speaking on the Drink Champs podcast, he said so.\n\nThe friendship ended. They split over political differences. Nothing else.",
                "West supported Trump! In 2018 he wore a MAGA hat. The feud was about politics; their rift was political differences.",
                "Legend, 43, said the friendship was over. West received about 60,000 votes. The estimated total of 160 million votes was cast in 2020.",
                "He posted screenshots. Of text messages? In 2018, yes. Drink\nChamps aired in 2021.",
            ]
            .map(str::to_string),
        );
        texts
    }

    #[test]
    fn claims_found_from_hits_are_those_found_sentence_by_sentence() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let mut total = 0;
        for text in texts() {
            let doc = Document::from_text(
                "a.txt",
                &text,
                0,
                chrono::NaiveDate::from_ymd_opt(2022, 9, 8),
            );
            for topic in &rules.topics {
                let (spec, anchor, context) = (&topic.spec, &topic.anchor[..], topic.context);
                let expected: Vec<_> = (0..doc.sentences.len())
                    .flat_map(|index| spec.extract(&doc, index, anchor, context))
                    .collect();
                total += expected.len();
                assert_eq!(
                    spec.extract_document(&doc, anchor, context),
                    expected,
                    "{}",
                    topic.id
                );
                // Candidates a pattern does not match change nothing.
                let everywhere: Vec<Vec<usize>> = crate::scan::slots(topic)
                    .iter()
                    .map(|_| (0..doc.sentences.len()).collect())
                    .collect();
                assert_eq!(
                    spec.extract_hits(&doc, anchor, context, &everywhere, &[], &[]),
                    expected,
                    "{}",
                    topic.id
                );
            }
        }
        assert!(total > 30, "the texts make claims ({total})");
    }

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
