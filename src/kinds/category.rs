//! Category claims: a topic whose values exclude each other (the cause of a fallout),
//! unless the rule marks two values compatible.

use crate::claim::{Claim, Value};
use crate::document::Document;
use crate::finding::Finding;
use crate::kinds::{Found, Taken};
use crate::reconcile::{Side, finding, who_says};
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
        self.extract_where(doc, index, |_, _| true)
    }

    /// The claims of every sentence marked in `anchored`, in order. `hits` gives, for
    /// each pattern of each value in order, the sentences it may match; only those are
    /// searched.
    pub fn extract_anchored(
        &self,
        doc: &Document,
        anchored: &[bool],
        hits: &[Vec<usize>],
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
            .iter()
            .flatten()
            .copied()
            .filter(|&i| anchored.get(i).copied().unwrap_or(false))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .flat_map(|index| {
                self.extract_where(doc, index, |value, pattern| {
                    hits.get(first_slot[value] + pattern)
                        .is_some_and(|sentences| sentences.binary_search(&index).is_ok())
                })
            })
            .collect()
    }

    /// The claims of sentence `index`, trying only the patterns (value index, pattern
    /// index) for which `may_match` holds.
    fn extract_where(
        &self,
        doc: &Document,
        index: usize,
        may_match: impl Fn(usize, usize) -> bool,
    ) -> Vec<Found> {
        let sentence = doc.searchable_sentence(index);
        let mut found: Vec<Found> = Vec::new();
        for (value_index, value) in self.values.iter().enumerate() {
            // Two patterns of one value may match the same words; they are one claim.
            let mut taken = Taken::default();
            for (pattern_index, re) in value.patterns.iter().enumerate() {
                if !may_match(value_index, pattern_index) {
                    continue;
                }
                for m in re.find_iter(sentence) {
                    if taken.take(&m.range()) {
                        found.push(Found {
                            span: doc.original_span(index, m.range()),
                            value: Value::Category {
                                id: value.id.clone(),
                                label: value.label.clone(),
                            },
                        });
                    }
                }
            }
        }
        found.sort_by_key(|f| (f.span.start, f.span.end));
        found
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
    pub fn reconcile(&self, topic: &Topic, claims: &[&Claim]) -> Vec<Finding> {
        let mut findings = Vec::new();
        let with = |id: &str, stance: Stance| -> Vec<&Claim> {
            claims
                .iter()
                .copied()
                .filter(|c| {
                    c.stance == stance
                        && matches!(&c.value, Value::Category { id: v, .. } if v == id)
                })
                .collect()
        };
        for value in &self.values {
            let asserted = with(&value.id, Stance::Asserted);
            let denied = with(&value.id, Stance::Denied);
            if asserted.is_empty() || denied.is_empty() {
                continue;
            }
            let sides = [
                Side::new(value.label.clone(), &asserted),
                Side::new(format!("it is untrue that {}", value.label), &denied),
            ];
            let mut evidence = Vec::new();
            evidence.extend(
                asserted
                    .iter()
                    .map(|c| ((*c).clone(), format!("says: {}", value.label))),
            );
            evidence.extend(
                denied
                    .iter()
                    .map(|c| ((*c).clone(), format!("denies: {}", value.label))),
            );
            findings.push(finding(
                topic,
                "claimcheck::contradiction::denied",
                format!("{}: “{}” is asserted and denied", topic.title, value.label),
                who_says(&sides),
                evidence,
            ));
        }

        let asserted_values: Vec<&CategoryValue> = self
            .values
            .iter()
            .filter(|v| !with(&v.id, Stance::Asserted).is_empty())
            .collect();
        let involved: Vec<&CategoryValue> = asserted_values
            .iter()
            .copied()
            .filter(|v| {
                asserted_values
                    .iter()
                    .any(|w| !self.compatible(&v.id, &w.id))
            })
            .collect();
        if !involved.is_empty() {
            let per_value: Vec<(&CategoryValue, Vec<&Claim>)> = involved
                .iter()
                .map(|v| (*v, with(&v.id, Stance::Asserted)))
                .collect();
            let mut sides: Vec<Side> = per_value
                .iter()
                .map(|(v, c)| Side::new(v.label.clone(), c))
                .collect();
            sides.sort_by(Side::by_support);
            let evidence = per_value
                .iter()
                .flat_map(|(v, cs)| {
                    cs.iter()
                        .map(|c| ((*c).clone(), format!("says: {}", v.label)))
                })
                .collect();
            findings.push(finding(
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

pub fn matches_expected(value: &Value, expected: &str) -> bool {
    matches!(value, Value::Category { id, .. } if id == expected)
}
