//! Reconciling: grouping claims by topic and asking each topic's kind which of them
//! disagree. Also the pieces every kind uses to word a finding.

use std::collections::BTreeMap;

use crate::claim::Claim;
use crate::finding::{Evidence, Finding, Severity};
use crate::rules::{RuleSet, Topic};

/// Every finding among `claims`, sorted by topic, first article and position.
pub fn reconcile(rules: &RuleSet, claims: &[Claim]) -> Vec<Finding> {
    let mut by_topic: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for claim in claims {
        by_topic
            .entry(claim.topic.as_str())
            .or_default()
            .push(claim);
    }
    let mut findings = Vec::new();
    for topic in &rules.topics {
        if let Some(claims) = by_topic.get_mut(topic.id.as_str()) {
            claims.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
            findings.extend(topic.spec.reconcile(topic, claims));
        }
    }
    sort_findings(&mut findings);
    findings
}

/// The report order: topic, then the first article, then the position in it.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            let first = f
                .evidence
                .first()
                .map(|e| (e.claim.path.clone(), e.claim.span.start));
            (f.topic.clone(), first, f.code.clone())
        };
        key(a).cmp(&key(b))
    });
}

/// One position in a disagreement: what is said, and which articles say it.
pub struct Side {
    pub what: String,
    pub articles: Vec<String>,
}

impl Side {
    pub fn new(what: String, claims: &[&Claim]) -> Side {
        let mut articles: Vec<String> = claims
            .iter()
            .map(|c| file_name(&c.path).to_string())
            .collect();
        articles.sort();
        articles.dedup();
        Side { what, articles }
    }

    /// The order sides are told in: most articles first, then by what they say.
    pub fn by_support(a: &Side, b: &Side) -> std::cmp::Ordering {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.what.cmp(&b.what))
    }
}

/// "3 articles say X (a, b, c); 1 says Y (d)".
pub fn who_says(sides: &[Side]) -> String {
    if let Some(first) = sides.first()
        && first.articles.len() == 1
        && sides.iter().all(|s| s.articles == first.articles)
    {
        let what: Vec<&str> = sides.iter().map(|s| s.what.as_str()).collect();
        return format!("{} says {}", first.articles[0], what.join(", and also "));
    }
    sides
        .iter()
        .map(|side| {
            let n = side.articles.len();
            let (noun, verb) = if n == 1 {
                ("article", "says")
            } else {
                ("articles", "say")
            };
            format!(
                "{n} {noun} {verb} {} ({})",
                side.what,
                side.articles.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A finding of `topic` whose evidence is sorted by article and position. When all the
/// evidence is in one article, the message says so.
pub fn finding(
    topic: &Topic,
    code: &str,
    message: String,
    help: String,
    evidence: Vec<(Claim, String)>,
) -> Finding {
    finding_for(&topic.id, topic.severity, code, message, help, evidence)
}

/// [`finding`] for a topic that is not a rule (such as quotations).
pub fn finding_for(
    topic: &str,
    severity: Severity,
    code: &str,
    message: String,
    help: String,
    evidence: Vec<(Claim, String)>,
) -> Finding {
    let mut evidence: Vec<Evidence> = evidence
        .into_iter()
        .map(|(claim, label)| Evidence { claim, label })
        .collect();
    evidence.sort_by(|a, b| {
        (&a.claim.path, a.claim.span.start, &a.label).cmp(&(
            &b.claim.path,
            b.claim.span.start,
            &b.label,
        ))
    });
    evidence.dedup_by(|a, b| {
        a.claim.path == b.claim.path && a.claim.span == b.claim.span && a.label == b.label
    });
    let mut finding = Finding {
        code: code.to_string(),
        severity,
        topic: topic.to_string(),
        message,
        help,
        evidence,
    };
    let disagreement = code.starts_with("claimcheck::contradiction")
        || code.starts_with("claimcheck::quote::") && !code.ends_with("unbalanced");
    if disagreement && finding.article_count() == 1 {
        finding.message = format!("{} (within one article)", finding.message);
    }
    finding
}

/// Groups intervals that overlap, directly or through a chain, in one sweep over them
/// sorted by their low end. `bounds` gives each interval's (low, high); `disjoint` is the
/// kind's own test (closed or half-open). Returns the groups in order of their low ends;
/// items are given by index.
pub fn overlapping_groups(
    bounds: &[(f64, f64)],
    disjoint: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..bounds.len()).collect();
    order.sort_by(|&a, &b| bounds[a].0.total_cmp(&bounds[b].0).then(a.cmp(&b)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // The member of the current group that reaches highest: a later interval (whose low
    // end is no lower) overlaps the group exactly when it overlaps this one.
    let mut reacher = 0;
    for i in order {
        match groups.last_mut() {
            Some(group) if !disjoint(reacher, i) => {
                group.push(i);
                if bounds[i].1 > bounds[reacher].1 {
                    reacher = i;
                }
            }
            _ => {
                groups.push(vec![i]);
                reacher = i;
            }
        }
    }
    for group in &mut groups {
        group.sort_unstable();
    }
    groups
}

/// The last component of a path, for naming articles in help text.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed_disjoint(bounds: &[(f64, f64)], a: usize, b: usize) -> bool {
        bounds[a].1 < bounds[b].0 || bounds[b].1 < bounds[a].0
    }

    #[test]
    fn touching_half_open_intervals_are_separate_groups() {
        let bounds = [(55.0, 65.0), (65.0, 75.0)];
        let groups = overlapping_groups(&bounds, |a, b| {
            bounds[a].1 <= bounds[b].0 || bounds[b].1 <= bounds[a].0
        });
        assert_eq!(groups, vec![vec![0], vec![1]]);
    }

    #[test]
    fn overlapping_intervals_form_one_group_and_disjoint_ones_separate() {
        let bounds = [
            (2021.0, 2021.9),
            (2020.0, 2020.9),
            (2021.8, 2021.85),
            (2021.85, 2022.5),
        ];
        let groups = overlapping_groups(&bounds, |a, b| closed_disjoint(&bounds, a, b));
        assert_eq!(groups, vec![vec![1], vec![0, 2, 3]]);
    }

    #[test]
    fn a_chain_of_overlaps_is_one_group() {
        let bounds = [(0.0, 2.0), (1.5, 4.0), (3.5, 6.0), (7.0, 8.0)];
        let groups = overlapping_groups(&bounds, |a, b| closed_disjoint(&bounds, a, b));
        assert_eq!(groups, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn who_says_counts_articles_and_names_them() {
        let sides = [
            Side {
                what: "X".into(),
                articles: vec!["a.txt".into(), "b.txt".into()],
            },
            Side {
                what: "Y".into(),
                articles: vec!["c.txt".into()],
            },
        ];
        assert_eq!(
            who_says(&sides),
            "2 articles say X (a.txt, b.txt); 1 article says Y (c.txt)"
        );
    }
}
