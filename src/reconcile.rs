//! Reconciling: grouping claims by topic and asking each topic's kind which of them
//! disagree. Also the pieces every kind uses to word a finding.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use crate::claim::{ClaimId, ClaimRef, ClaimStore, Claims};
use crate::finding::{Evidences, Finding, Severity};
use crate::rules::{RuleSet, Topic};

/// Every finding among the claims of `store`, sorted by topic, first article and position.
pub fn reconcile(rules: &RuleSet, store: &Arc<ClaimStore>) -> Vec<Finding> {
    // Each topic's claims in a list of exactly their size (a store can hold millions of
    // claims), made in one pass over the store; the topics are then reconciled in
    // parallel, and their findings kept in the order of the rules.
    let mut by_topic: Vec<Vec<ClaimId>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for claim in store.iter() {
        let topic = claim.topic_id() as usize;
        if topic >= counts.len() {
            counts.resize(topic + 1, 0);
        }
        counts[topic] += 1;
    }
    by_topic.extend(counts.iter().map(|&n| Vec::with_capacity(n)));
    for claim in store.iter() {
        by_topic[claim.topic_id() as usize].push(claim.id());
    }
    let topics: Vec<(&Topic, Vec<ClaimId>)> = rules
        .topics
        .iter()
        .filter_map(|topic| {
            let id = store.topic_id(&topic.id)? as usize;
            Some((topic, std::mem::take(by_topic.get_mut(id)?)))
        })
        .collect();
    drop(by_topic);
    let mut findings: Vec<Finding> = topics
        .into_par_iter()
        .map(|(topic, mut ids)| {
            // Stable: claims at the same place keep the order they were found in.
            ids.sort_by_key(|&i| {
                let c = store.get(i);
                (c.path_rank(), c.span().start)
            });
            topic.spec.reconcile(topic, store, &Claims::new(store, ids))
        })
        .flatten_iter()
        .collect();
    sort_findings(&mut findings);
    findings
}

/// The report order: topic, then the first article, then the position in it.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        fn first(f: &Finding) -> Option<(&str, usize)> {
            f.evidence
                .first()
                .map(|e| (e.claim.path(), e.claim.span().start))
        }
        (&a.topic, first(a), &a.code).cmp(&(&b.topic, first(b), &b.code))
    });
}

/// How many article names the help line gives for one side before it only counts.
pub const NAMES_PER_SIDE: usize = 5;

/// One position in a disagreement: what is said, and which articles say it.
pub struct Side<'a> {
    pub what: String,
    /// The articles' file names, borrowed from the claim store: a side of a corpus can
    /// be hundreds of thousands of articles.
    pub articles: Vec<&'a str>,
}

impl<'a> Side<'a> {
    /// The side of the articles that make `claims`.
    pub fn new(what: String, claims: impl IntoIterator<Item = ClaimRef<'a>>) -> Side<'a> {
        // Claims come grouped by article, so most repeats are dropped as they come; a
        // store keeps each path once, so equal paths are the same string in memory.
        let mut paths: Vec<&'a str> = Vec::new();
        let mut last = None;
        for claim in claims {
            if last != Some(claim.path_id()) {
                paths.push(claim.path());
                last = Some(claim.path_id());
            }
        }
        paths.sort_unstable_by_key(|p| p.as_ptr());
        paths.dedup_by_key(|p| p.as_ptr());
        let mut articles: Vec<&'a str> = paths.into_iter().map(file_name).collect();
        articles.sort_unstable();
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

/// "3 articles say X (a, b, c); 1 says Y (d)". Each side names at most
/// [`NAMES_PER_SIDE`] articles and counts the rest ("a, b, c, d, e and 9,876 more").
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
            let mut names = side.articles[..n.min(NAMES_PER_SIDE)].join(", ");
            if n > NAMES_PER_SIDE {
                names.push_str(&format!(" and {} more", thousands(n - NAMES_PER_SIDE)));
            }
            format!("{} {noun} {verb} {} ({names})", thousands(n), side.what)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How many values one side of the help line spells out.
pub const VALUES_PER_SIDE: usize = 5;

/// "2021 or 2021-11": the distinct values one side gives, at most [`VALUES_PER_SIDE`]
/// of them and then a count ("… or 2021-03 or 57 other values").
pub fn one_of(values: &[String]) -> String {
    let mut out = values[..values.len().min(VALUES_PER_SIDE)].join(" or ");
    if values.len() > VALUES_PER_SIDE {
        out.push_str(&format!(
            " or {} other {}",
            thousands(values.len() - VALUES_PER_SIDE),
            if values.len() - VALUES_PER_SIDE == 1 {
                "value"
            } else {
                "values"
            }
        ));
    }
    out
}

/// A count with thousands separators: 9876 is "9,876".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A finding of `topic` whose evidence cites claims of a store; see [`finding_with`].
pub fn finding_of(
    topic: &Topic,
    code: &'static str,
    message: String,
    help: impl Into<Cow<'static, str>>,
    evidence: Evidences,
) -> Finding {
    finding_with(
        topic.id.clone(),
        topic.severity,
        code,
        message,
        help,
        evidence,
    )
}

/// A finding whose evidence is sorted by article and position. When all the evidence of
/// a disagreement is in one article, the message says so.
pub fn finding_with(
    topic: impl Into<Cow<'static, str>>,
    severity: Severity,
    code: &'static str,
    message: String,
    help: impl Into<Cow<'static, str>>,
    mut evidence: Evidences,
) -> Finding {
    evidence.sort_and_dedup();
    let mut finding = Finding {
        code: Cow::Borrowed(code),
        severity,
        topic: topic.into(),
        message,
        help: help.into(),
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
                articles: vec!["a.txt", "b.txt"],
            },
            Side {
                what: "Y".into(),
                articles: vec!["c.txt"],
            },
        ];
        assert_eq!(
            who_says(&sides),
            "2 articles say X (a.txt, b.txt); 1 article says Y (c.txt)"
        );
    }

    #[test]
    fn who_says_names_five_articles_per_side_and_counts_the_rest() {
        let names: Vec<String> = (0..9881).map(|i| format!("{i:05}.txt")).collect();
        let sides = [
            Side {
                what: "X".into(),
                articles: names.iter().map(String::as_str).collect(),
            },
            Side {
                what: "Y".into(),
                articles: vec!["y.txt"],
            },
        ];
        assert_eq!(
            who_says(&sides),
            "9,881 articles say X (00000.txt, 00001.txt, 00002.txt, 00003.txt, 00004.txt and 9,876 more); 1 article says Y (y.txt)"
        );
    }

    #[test]
    fn one_of_spells_out_five_values_and_counts_the_rest() {
        let values = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(one_of(&values(1)), "0");
        assert_eq!(one_of(&values(5)), "0 or 1 or 2 or 3 or 4");
        assert_eq!(one_of(&values(6)), "0 or 1 or 2 or 3 or 4 or 1 other value");
        assert_eq!(
            one_of(&values(1062)),
            "0 or 1 or 2 or 3 or 4 or 1,057 other values"
        );
    }

    #[test]
    fn thousands_separates_groups_of_three_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(9876), "9,876");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn fixed_strings_of_a_finding_are_borrowed_and_made_ones_kept() {
        let evidence: Evidences = vec![crate::finding::Evidence {
            claim: crate::testing::category_claim("a.txt", "x", 0, "abc"),
            label: "says: x".to_string(),
        }]
        .into();
        let fixed = finding_with(
            "quotes",
            Severity::Info,
            "claimcheck::quote::unbalanced",
            "1 quotation mark(s) cannot be paired".to_string(),
            "a fixed help line",
            evidence.clone(),
        );
        assert!(matches!(fixed.code, Cow::Borrowed(_)));
        assert!(matches!(fixed.topic, Cow::Borrowed("quotes")));
        assert!(matches!(fixed.help, Cow::Borrowed("a fixed help line")));

        let made = finding_with(
            String::from("story/cause"),
            Severity::Error,
            "claimcheck::contradiction::category",
            "the causes do not agree".to_string(),
            format!("{} says x", "a.txt"),
            evidence,
        );
        assert!(matches!(made.topic, Cow::Owned(ref t) if t == "story/cause"));
        assert!(matches!(made.help, Cow::Owned(ref h) if h == "a.txt says x"));
        assert_eq!(made.message, "the causes do not agree (within one article)");
    }
}
