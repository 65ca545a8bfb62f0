//! A finding is one disagreement the reconciler found: what disagrees, how serious it is,
//! and the claims that are its evidence. Plain data: the report layer renders it.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, ClaimRef, ClaimStore, Strings};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One claim cited by a finding, with what the report should say at its span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub claim: Claim,
    pub label: String,
}

/// One piece of evidence read in place: the claim in its store and the label.
#[derive(Clone, Copy, Debug)]
pub struct EvidenceRef<'a> {
    pub claim: ClaimRef<'a>,
    pub label: &'a str,
}

impl EvidenceRef<'_> {
    /// The evidence copied out.
    pub fn to_evidence(&self) -> Evidence {
        Evidence {
            claim: self.claim.to_claim(),
            label: self.label.to_string(),
        }
    }
}

/// The evidence of a finding: claims of a shared [`ClaimStore`], each with its label.
/// A finding that cites a million claims costs a few bytes per claim, not a copy of
/// each. It serialises as a list of [`Evidence`].
#[derive(Clone, Default)]
pub struct Evidences {
    store: Arc<ClaimStore>,
    /// Claim and label index, in report order.
    items: Vec<(crate::claim::ClaimId, u32)>,
    labels: Strings,
}

impl Evidences {
    /// No evidence yet, citing claims of `store`.
    pub fn new(store: Arc<ClaimStore>) -> Evidences {
        Evidences {
            store,
            ..Evidences::default()
        }
    }

    /// No evidence yet, with room for `capacity` pieces.
    pub fn with_capacity(store: Arc<ClaimStore>, capacity: usize) -> Evidences {
        Evidences {
            store,
            items: Vec::with_capacity(capacity),
            ..Evidences::default()
        }
    }

    /// Cites `claim`, which must belong to this evidence's store.
    pub fn add(&mut self, claim: ClaimRef<'_>, label: &str) {
        let label = self.label_number(label);
        self.add_labelled(claim, label);
    }

    /// The number of `label`, stored if it is new, for [`Evidences::add_labelled`]: a
    /// kind that words many labels itself need not keep them as well.
    pub fn label_number(&mut self, label: &str) -> u32 {
        self.labels.intern(label)
    }

    /// Cites `claim` with the label numbered `label` by [`Evidences::label_number`].
    pub fn add_labelled(&mut self, claim: ClaimRef<'_>, label: u32) {
        debug_assert!(
            claim.id().index() < self.store.len() && (label as usize) < self.labels.len(),
            "evidence cites claims of its own store, with labels it holds"
        );
        self.items.push((claim.id(), label));
    }

    /// Adds a claim given by value (it is copied into the evidence's own store).
    pub fn push(&mut self, evidence: Evidence) {
        let id = Arc::make_mut(&mut self.store).push(evidence.claim);
        let label = self.labels.intern(&evidence.label);
        self.items.push((id, label));
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// How many claims the store this evidence cites holds; several findings may share
    /// one store.
    #[cfg(test)]
    pub(crate) fn stored(&self) -> usize {
        self.store.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every piece of evidence, in report order.
    pub fn iter(&self) -> impl Iterator<Item = EvidenceRef<'_>> {
        self.items.iter().map(|&(id, label)| EvidenceRef {
            claim: self.store.get(id),
            label: self.labels.get(label),
        })
    }

    /// Each piece's label as a number, in order: pieces with the same label have the
    /// same number, below [`Evidences::label_count`].
    pub fn label_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.items.iter().map(|&(_, label)| label)
    }

    /// How many distinct labels are stored: every piece's label number is below it.
    pub fn label_count(&self) -> usize {
        self.labels.len()
    }

    /// The label numbered `id` by [`Evidences::label_ids`].
    pub fn label(&self, id: u32) -> &str {
        self.labels.get(id)
    }

    pub fn first(&self) -> Option<EvidenceRef<'_>> {
        self.get(0)
    }

    /// The piece of evidence at `index` in report order.
    pub fn get(&self, index: usize) -> Option<EvidenceRef<'_>> {
        let &(id, label) = self.items.get(index)?;
        Some(EvidenceRef {
            claim: self.store.get(id),
            label: self.labels.get(label),
        })
    }

    /// Every piece of evidence copied out.
    pub fn to_vec(&self) -> Vec<Evidence> {
        self.iter().map(|e| e.to_evidence()).collect()
    }

    /// Sorts by article, position and label, and drops repeats of the same claim span
    /// with the same label.
    pub fn sort_and_dedup(&mut self) {
        let store = &self.store;
        let labels = &self.labels;
        let key = |&(id, _): &(crate::claim::ClaimId, u32)| {
            let claim = store.get(id);
            (claim.path_rank(), claim.span().start)
        };
        // Stable, so claims that tie keep the order the kind gave them.
        self.items.sort_by(|a, b| {
            key(a)
                .cmp(&key(b))
                .then_with(|| labels.get(a.1).cmp(labels.get(b.1)))
        });
        self.items.dedup_by(|a, b| {
            let (ca, cb) = (store.get(a.0), store.get(b.0));
            a.1 == b.1 && ca.path_id() == cb.path_id() && ca.span() == cb.span()
        });
        // The evidence is complete: a date topic's labels can be as many as its claims,
        // and a finding is kept until the report is written.
        self.labels.forget_index();
    }
}

impl<'a> IntoIterator for &'a Evidences {
    type Item = EvidenceRef<'a>;
    type IntoIter = Box<dyn Iterator<Item = EvidenceRef<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl From<Vec<Evidence>> for Evidences {
    fn from(evidence: Vec<Evidence>) -> Evidences {
        evidence.into_iter().collect()
    }
}

impl FromIterator<Evidence> for Evidences {
    fn from_iter<I: IntoIterator<Item = Evidence>>(evidence: I) -> Evidences {
        let mut out = Evidences::default();
        for e in evidence {
            out.push(e);
        }
        out
    }
}

impl std::fmt::Debug for Evidences {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Evidences {
    fn eq(&self, other: &Evidences) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| a.label == b.label && a.claim.to_claim() == b.claim.to_claim())
    }
}

impl Serialize for Evidences {
    /// As a list of evidence, the same as a `Vec<Evidence>`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|e| e.to_evidence()))
    }
}

/// One disagreement between articles, or within one. A check may make tens of thousands
/// of findings, so the fixed strings (code, a constant topic or help) are borrowed, not
/// copied into each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable diagnostic code, such as `claimcheck::contradiction::category`.
    pub code: Cow<'static, str>,
    pub severity: Severity,
    /// The topic (rule id) the finding is about.
    pub topic: Cow<'static, str>,
    /// One line saying what disagrees.
    pub message: String,
    /// One sentence saying who says what.
    pub help: Cow<'static, str>,
    /// The claims involved, sorted by article path and position.
    pub evidence: Evidences,
}

impl Finding {
    /// The number of distinct articles among the evidence.
    pub fn article_count(&self) -> usize {
        let mut count = 0;
        let mut last = None;
        for e in self.evidence.iter() {
            let path = e.claim.path_id();
            if last != Some(path) {
                count += 1;
                last = Some(path);
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(path: &str, start: usize, label: &str) -> Evidence {
        Evidence {
            claim: Claim {
                sentence: 0..50,
                ..crate::testing::category_claim(path, "x", start, "abc")
            },
            label: label.to_string(),
        }
    }

    #[test]
    fn evidence_is_sorted_by_article_position_and_label_without_repeats() {
        let mut list: Evidences = vec![
            evidence("b.txt", 5, "says: x"),
            evidence("a.txt", 9, "says: y"),
            evidence("a.txt", 9, "denies: y"),
            evidence("b.txt", 5, "says: x"),
            evidence("a.txt", 2, "says: x"),
        ]
        .into();
        list.sort_and_dedup();
        let order: Vec<(String, usize, String)> = list
            .iter()
            .map(|e| {
                (
                    e.claim.path().to_string(),
                    e.claim.span().start,
                    e.label.to_string(),
                )
            })
            .collect();
        assert_eq!(
            order,
            vec![
                ("a.txt".to_string(), 2, "says: x".to_string()),
                ("a.txt".to_string(), 9, "denies: y".to_string()),
                ("a.txt".to_string(), 9, "says: y".to_string()),
                ("b.txt".to_string(), 5, "says: x".to_string()),
            ]
        );
    }

    #[test]
    fn labels_given_by_number_read_as_labels_given_as_text_also_after_sorting() {
        let mut store = ClaimStore::default();
        let ids: Vec<_> = [("b.txt", 5), ("a.txt", 9), ("a.txt", 2)]
            .iter()
            .map(|&(path, start)| store.push(evidence(path, start, "").claim))
            .collect();
        let store = Arc::new(store);
        let (mut by_text, mut by_number) =
            (Evidences::new(store.clone()), Evidences::new(store.clone()));
        for (&id, label) in ids.iter().zip(["says: x", "says: y", "says: x"]) {
            by_text.add(store.get(id), label);
            let number = by_number.label_number(label);
            by_number.add_labelled(store.get(id), number);
        }
        by_text.sort_and_dedup();
        by_number.sort_and_dedup();
        // Labels are still found by their text once the evidence is sorted.
        let again = by_number.label_number("says: y");
        by_number.add_labelled(store.get(ids[0]), again);
        by_text.add(store.get(ids[0]), "says: y");
        let read = |list: &Evidences| {
            list.iter()
                .map(|e| (e.claim.path().to_string(), e.label.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(read(&by_number), read(&by_text));
        assert_eq!(by_number.label_count(), 2, "each label is stored once");
    }

    #[test]
    fn evidence_serialises_as_a_list_and_counts_its_articles() {
        let items = vec![
            evidence("a.txt", 1, "says: x"),
            evidence("a.txt", 7, "says: x"),
            evidence("b.txt", 1, "says: y"),
        ];
        let list: Evidences = items.clone().into();
        assert_eq!(
            serde_json::to_string(&list).expect("serialises"),
            serde_json::to_string(&items).expect("serialises")
        );
        assert_eq!(list.to_vec(), items);
        let finding = Finding {
            code: "c".into(),
            severity: Severity::Error,
            topic: "t".into(),
            message: String::new(),
            help: "".into(),
            evidence: list,
        };
        assert_eq!(finding.article_count(), 2);
    }

    #[test]
    fn evidence_cites_claims_of_a_shared_store_without_copying_them() {
        let store: Arc<ClaimStore> = Arc::new(
            (0..3)
                .map(|i| evidence(&format!("{i}.txt"), i, "").claim)
                .collect(),
        );
        let mut list = Evidences::new(store.clone());
        for claim in store.iter() {
            list.add(claim, "says: x");
        }
        assert_eq!(Arc::strong_count(&store), 2);
        assert_eq!(list.len(), 3);
        assert_eq!(list.labels.len(), 1, "one label stored once");
        assert_eq!(list.get(2).map(|e| e.claim.path()), Some("2.txt"));
    }
}
