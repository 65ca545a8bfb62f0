//! Rendering: findings and summaries as text for people. Each format is its own module;
//! none of them decides the exit code.

pub mod human;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::corpus::read_article;
use crate::finding::{EvidenceRef, Finding};

/// At most this many articles are shown for one thing said (one label, such as
/// "says 2021")...
pub const ARTICLES_PER_LABEL: usize = 5;
/// ...and at most this many for one finding. The others are counted, not shown: a
/// finding about a story an archive repeats can cite a hundred thousand articles, and
/// showing them all would bury the report (and read every one of them again).
pub const ARTICLES_PER_FINDING: usize = 20;

/// The evidence of one article, in order.
pub type ArticleEvidence<'a> = Vec<EvidenceRef<'a>>;

/// The articles of a finding that the human report shows, in article order, and how
/// many it leaves out.
///
/// Each article is filed under what its first piece of evidence says (the label without
/// a closing remark in parentheses, so "says 2021 (relative to publication on …)" is
/// "says 2021"). Labels take turns, the most frequent first, each giving one article per
/// turn in article order, until every label has shown [`ARTICLES_PER_LABEL`] articles
/// (or all it has) or [`ARTICLES_PER_FINDING`] are shown. So every side of a
/// disagreement with few enough labels appears, however lopsided it is.
pub fn shown_articles(finding: &Finding) -> (Vec<ArticleEvidence<'_>>, usize) {
    // Articles as ranges of the evidence, which is sorted by article, with the label of
    // their first piece.
    let mut articles: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut last_path = None;
    for (i, e) in finding.evidence.iter().enumerate() {
        match articles.last_mut() {
            Some((range, _)) if last_path == Some(e.claim.path_id()) => range.end = i + 1,
            _ => articles.push((i..i + 1, e.label)),
        }
        last_path = Some(e.claim.path_id());
    }
    let mut labels: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut label_index: std::collections::HashMap<&str, usize> = Default::default();
    for (article, (_, label)) in articles.iter().enumerate() {
        let label = label.split(" (").next().unwrap_or(label);
        let slot = *label_index.entry(label).or_insert_with(|| {
            labels.push((label, Vec::new()));
            labels.len() - 1
        });
        labels[slot].1.push(article);
    }
    // The most frequent first; a stable sort keeps ties in article order.
    labels.sort_by_key(|(_, articles)| std::cmp::Reverse(articles.len()));
    let mut shown: Vec<usize> = Vec::new();
    'turns: for turn in 0..ARTICLES_PER_LABEL {
        for (_, of_label) in &labels {
            if shown.len() == ARTICLES_PER_FINDING {
                break 'turns;
            }
            if let Some(&article) = of_label.get(turn) {
                shown.push(article);
            }
        }
    }
    shown.sort_unstable();
    let hidden = articles.len() - shown.len();
    let groups = shown
        .into_iter()
        .map(|article| {
            articles[article]
                .0
                .clone()
                .filter_map(|i| finding.evidence.get(i))
                .collect()
        })
        .collect();
    (groups, hidden)
}

/// The text of the articles that findings cite, read again at render time so that the
/// engine need not keep every article in memory.
#[derive(Debug, Default)]
pub struct Sources {
    texts: BTreeMap<String, Arc<str>>,
}

impl Sources {
    /// Reads every article the human report shows for `findings` (see
    /// [`shown_articles`]). An article that can no longer be read is left out; its
    /// evidence is then shown without a snippet.
    pub fn load(findings: &[Finding]) -> Sources {
        let mut texts = BTreeMap::new();
        for finding in findings {
            for article in shown_articles(finding).0 {
                let Some(first) = article.first() else {
                    continue;
                };
                let path = first.claim.path();
                if texts.contains_key(path) {
                    continue;
                }
                if let Ok(article) = read_article(Path::new(path), path) {
                    texts.insert(path.to_string(), Arc::from(article.text));
                }
            }
        }
        Sources { texts }
    }

    /// A source built from texts already in memory (for drafts and tests).
    pub fn from_texts(texts: impl IntoIterator<Item = (String, String)>) -> Sources {
        Sources {
            texts: texts.into_iter().map(|(p, t)| (p, Arc::from(t))).collect(),
        }
    }

    pub fn get(&self, path: &str) -> Option<Arc<str>> {
        self.texts.get(path).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Claim, Value};
    use crate::finding::{Evidence, Severity};
    use crate::text::stance::Stance;

    /// A finding with `counts[i]` articles saying label `i`, articles named in order.
    fn finding(counts: &[usize]) -> Finding {
        let mut evidence = Vec::new();
        let mut n = 0;
        for (i, &count) in counts.iter().enumerate() {
            for _ in 0..count {
                evidence.push(Evidence {
                    claim: Claim {
                        topic: "t".to_string(),
                        value: Value::Category {
                            id: i.to_string(),
                            label: i.to_string(),
                        },
                        stance: Stance::Asserted,
                        path: format!("{n:06}.txt"),
                        span: 0..1,
                        line: 1,
                        column: 1,
                        text: "x".to_string(),
                        sentence: 0..1,
                    },
                    label: format!(
                        "says {i} (relative to publication on 2022-0{}-01)",
                        1 + n % 9
                    ),
                });
                n += 1;
            }
        }
        Finding {
            code: "c".to_string(),
            severity: Severity::Error,
            topic: "t".to_string(),
            message: String::new(),
            help: String::new(),
            evidence: evidence.into(),
        }
    }

    fn labels_shown(finding: &Finding) -> Vec<String> {
        shown_articles(finding)
            .0
            .iter()
            .map(|article| {
                article[0]
                    .label
                    .split(" (")
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn small_findings_are_shown_whole() {
        let small = finding(&[3, 1, 1]);
        let (shown, hidden) = shown_articles(&small);
        assert_eq!(shown.len(), 5);
        assert_eq!(hidden, 0);
    }

    #[test]
    fn each_label_shows_at_most_five_articles_and_the_rest_are_counted() {
        let big = finding(&[9_876, 1]);
        let (shown, hidden) = shown_articles(&big);
        assert_eq!(shown.len(), 6);
        assert_eq!(hidden, 9_871);
        let labels = labels_shown(&big);
        assert_eq!(labels.iter().filter(|l| *l == "says 0").count(), 5);
        assert_eq!(
            labels.iter().filter(|l| *l == "says 1").count(),
            1,
            "the lone dissent is shown"
        );
        let paths: Vec<&str> = shown.iter().map(|a| a[0].claim.path()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "shown in article order");
    }

    #[test]
    fn a_finding_shows_at_most_twenty_articles_taking_labels_in_turn() {
        let many = finding(&[50, 40, 30, 20, 10, 3, 2, 1]);
        let (shown, hidden) = shown_articles(&many);
        assert_eq!(shown.len(), ARTICLES_PER_FINDING);
        assert_eq!(hidden, 156 - ARTICLES_PER_FINDING);
        let labels = labels_shown(&many);
        for label in 0..8 {
            assert!(
                labels.contains(&format!("says {label}")),
                "label {label} is shown"
            );
        }
    }
}
