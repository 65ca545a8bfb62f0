//! Category claims: a topic whose values exclude each other (the cause of a fallout),
//! unless the rule marks two values compatible.

use std::ops::Range;
use std::sync::Arc;

use crate::claim::{ClaimRef, ClaimStore, Claims, Value};
use crate::document::Document;
use crate::finding::{Evidences, Finding};
use crate::kinds::{Candidates, Found, Taken};
use crate::reconcile::{Side, finding_of, who_says};
use crate::rules::{Pattern, Topic};
use crate::text::stance::Stance;

/// The values of a category topic.
#[derive(Debug)]
pub struct CategorySpec {
    pub values: Vec<CategoryValue>,
}

/// One value and the ways it is said.
#[derive(Debug)]
pub struct CategoryValue {
    pub id: String,
    pub label: String,
    pub patterns: Vec<Pattern>,
    pub compatible: Vec<String>,
}

impl CategorySpec {
    /// The claims of sentence `index`.
    pub fn extract(&self, doc: &Document, index: usize) -> Vec<Found> {
        let mut found = Vec::new();
        let whole = 0..doc.searchable_sentence(index).len();
        self.extract_where(doc, index, |_, _| Some(whole.clone()), &mut found);
        found
    }

    /// The claims of every sentence marked in `anchored`, in order. `hits` gives, for
    /// each pattern of each value in order, the sentences it may match; only those are
    /// searched.
    pub fn extract_anchored(
        &self,
        doc: &Document,
        anchored: &[bool],
        hits: Candidates,
    ) -> Vec<Found> {
        if !anchored.contains(&true) {
            return Vec::new();
        }
        let mut first_slot = Vec::with_capacity(self.values.len());
        let mut slot = 0;
        for value in &self.values {
            first_slot.push(slot);
            slot += value.patterns.len();
        }
        let mut candidates: Vec<usize> = hits
            .sentences
            .iter()
            .flatten()
            .copied()
            .filter(|&i| anchored.get(i).copied().unwrap_or(false))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found = Vec::new();
        for index in candidates {
            let len = doc.searchable_sentence(index).len();
            let may_match =
                |value: usize, pattern: usize| hits.window(first_slot[value] + pattern, index, len);
            self.extract_where(doc, index, may_match, &mut found);
        }
        found
    }

    /// Adds to `found` the claims of sentence `index`, in order, trying only the patterns
    /// (value index, pattern index) for which `may_match` gives a part of the sentence,
    /// and only there.
    fn extract_where(
        &self,
        doc: &Document,
        index: usize,
        may_match: impl Fn(usize, usize) -> Option<Range<usize>>,
        found: &mut Vec<Found>,
    ) {
        let sentence = doc.searchable_sentence(index);
        let first = found.len();
        for (value_index, value) in self.values.iter().enumerate() {
            // Two patterns of one value may match the same words; they are one claim.
            let mut taken = Taken::default();
            for (pattern_index, re) in value.patterns.iter().enumerate() {
                let Some(window) = may_match(value_index, pattern_index) else {
                    continue;
                };
                for span in re.find_in_window(sentence, window) {
                    if taken.take(&span) {
                        found.push(Found {
                            span: doc.original_span(index, span),
                            value: Value::Category {
                                id: value.id.clone(),
                                label: value.label.clone(),
                            },
                        });
                    }
                }
            }
        }
        found[first..].sort_by_key(|f| (f.span.start, f.span.end));
    }

    pub fn check_expected(&self, expected: &str) -> Result<(), String> {
        if self.values.iter().any(|v| v.id == expected) {
            Ok(())
        } else {
            let known = crate::rules::value_list(self.values.iter().map(|v| v.id.as_str()));
            Err(format!(
                "expect one of {known}, or \"none\" when the text makes no claim"
            ))
        }
    }

    fn compatible(&self, a: &str, b: &str) -> bool {
        a == b
            || self.values.iter().any(|v| {
                (v.id == a && v.compatible.iter().any(|c| c == b))
                    || (v.id == b && v.compatible.iter().any(|c| c == a))
            })
    }

    /// Asserted X against denied X, and asserted X against asserted Y when X and Y exclude
    /// each other. Hedged claims never make a finding.
    pub fn reconcile(
        &self,
        topic: &Topic,
        store: &Arc<ClaimStore>,
        claims: &Claims<'_>,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        // Each value's asserted and denied claims, as positions in `claims` (a topic can
        // have millions of claims; four bytes each is what this costs).
        let mut asserted: Vec<Vec<u32>> = vec![Vec::new(); self.values.len()];
        let mut denied: Vec<Vec<u32>> = vec![Vec::new(); self.values.len()];
        for (position, claim) in claims.iter().enumerate() {
            let Value::Category { id, .. } = claim.value() else {
                continue;
            };
            let Some(value) = self.values.iter().position(|v| v.id == *id) else {
                continue;
            };
            let position = u32::try_from(position).unwrap_or(u32::MAX);
            match claim.stance() {
                Stance::Asserted => asserted[value].push(position),
                Stance::Denied => denied[value].push(position),
                Stance::Hedged => {}
            }
        }
        for (index, value) in self.values.iter().enumerate() {
            if asserted[index].is_empty() || denied[index].is_empty() {
                continue;
            }
            let sides = [
                Side::new(value.label.clone(), at(claims, &asserted[index])),
                Side::new(
                    format!("it is untrue that {}", value.label),
                    at(claims, &denied[index]),
                ),
            ];
            let mut evidence = Evidences::with_capacity(
                store.clone(),
                asserted[index].len() + denied[index].len(),
            );
            let says = format!("says: {}", value.label);
            let denies = format!("denies: {}", value.label);
            at(claims, &asserted[index]).for_each(|c| evidence.add(c, &says));
            at(claims, &denied[index]).for_each(|c| evidence.add(c, &denies));
            findings.push(finding_of(
                topic,
                "claimcheck::contradiction::denied",
                format!("{}: “{}” is asserted and denied", topic.title, value.label),
                who_says(&sides),
                evidence,
            ));
        }

        let asserted_values: Vec<usize> = (0..self.values.len())
            .filter(|&i| !asserted[i].is_empty())
            .collect();
        let involved: Vec<usize> = asserted_values
            .iter()
            .copied()
            .filter(|&v| {
                asserted_values
                    .iter()
                    .any(|&w| !self.compatible(&self.values[v].id, &self.values[w].id))
            })
            .collect();
        if !involved.is_empty() {
            let mut sides: Vec<Side> = involved
                .iter()
                .map(|&v| Side::new(self.values[v].label.clone(), at(claims, &asserted[v])))
                .collect();
            sides.sort_by(Side::by_support);
            let total = involved.iter().map(|&v| asserted[v].len()).sum();
            let mut evidence = Evidences::with_capacity(store.clone(), total);
            for &v in &involved {
                let says = format!("says: {}", self.values[v].label);
                at(claims, &asserted[v]).for_each(|c| evidence.add(c, &says));
            }
            findings.push(finding_of(
                topic,
                "claimcheck::contradiction::category",
                format!("{}: the articles give different answers", topic.title),
                who_says(&sides),
                evidence,
            ));
        }
        findings
    }
}

/// The claims at `positions` of `claims`.
fn at<'s, 'a>(
    claims: &'s Claims<'a>,
    positions: &'s [u32],
) -> impl Iterator<Item = ClaimRef<'a>> + 's {
    positions.iter().map(|&i| claims.get(i as usize))
}

pub fn matches_expected(value: &Value, expected: &str) -> bool {
    matches!(value, Value::Category { id, .. } if id == expected)
}
