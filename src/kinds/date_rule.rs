//! Date topics: an event found by its anchor patterns, and the date expression nearest to
//! it, resolved against the article's publication date. Disjoint dates contradict.

use std::ops::Range;
use std::sync::Arc;

use crate::claim::{ClaimId, ClaimStore, Claims, Value};
use crate::document::Document;
use crate::finding::{Evidences, Finding, Severity};
use crate::kinds::Found;
use crate::kinds::date::{DateInterval, DateMention, resolve};
use crate::reconcile::{Side, finding_of, one_of, overlapping_groups, who_says};
use crate::rules::{Pattern, Topic};
use crate::text::stance::Stance;

/// The kind-specific part of a date topic.
#[derive(Debug)]
pub struct DateSpec {
    /// Date expressions overlapping a match of these are not the event's date
    /// ("his 2020 presidential run").
    pub exclude: Vec<Pattern>,
    /// In the anchor's own sentence, a date further than this many characters from the
    /// anchor belongs to something else.
    pub within: usize,
}

impl DateSpec {
    /// The default of `within`.
    pub const WITHIN: usize = 80;
}

impl DateSpec {
    /// A sentence that names the event yields the date nearest to the event: in the same
    /// sentence, or else in the nearest sentence within `context` in the same paragraph
    /// ("In November last year, ... . While speaking on the podcast, ...").
    pub fn extract(
        &self,
        doc: &Document,
        index: usize,
        anchor: &[Pattern],
        context: usize,
    ) -> Vec<Found> {
        let sentence = doc.sentence_text(index);
        let anchors: Vec<Range<usize>> = anchor
            .iter()
            .flat_map(|re| re.find_iter(sentence).map(|m| m.range()))
            .collect();
        if anchors.is_empty() {
            return Vec::new();
        }
        for neighbour in doc.neighbours(index, context) {
            let mentions = self.mentions(doc, neighbour);
            let chosen = if neighbour == index {
                mentions
                    .into_iter()
                    .map(|m| (distance(sentence, &m.span, &anchors), m))
                    .filter(|(d, _)| *d <= self.within)
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, m)| m)
            } else if neighbour < index {
                mentions.into_iter().last()
            } else {
                mentions.into_iter().next()
            };
            if let Some(mention) = chosen {
                let offset = doc.sentences[neighbour].span.start;
                let resolved = resolve(&mention.expr, doc.published);
                let relative_to = if mention.expr.is_relative() {
                    doc.published
                } else {
                    None
                };
                return vec![Found {
                    span: offset + mention.span.start..offset + mention.span.end,
                    value: Value::Date {
                        expression: mention.expr.to_string(),
                        resolved,
                        relative_to,
                    },
                }];
            }
        }
        Vec::new()
    }

    fn mentions(&self, doc: &Document, index: usize) -> Vec<DateMention> {
        let dates = doc.dates(index);
        if dates.is_empty() {
            return Vec::new();
        }
        let sentence = doc.sentence_text(index);
        let excluded: Vec<Range<usize>> = self
            .exclude
            .iter()
            .flat_map(|re| re.find_iter(sentence).map(|m| m.range()))
            .collect();
        dates
            .iter()
            .filter(|m| {
                !excluded
                    .iter()
                    .any(|x| x.start < m.span.end && m.span.start < x.end)
            })
            .cloned()
            .collect()
    }
}

/// Characters between a span of `text` and the nearest anchor match.
fn distance(text: &str, span: &Range<usize>, anchors: &[Range<usize>]) -> usize {
    let chars = |r: Range<usize>| text.get(r).map_or(usize::MAX, |s| s.chars().count());
    anchors
        .iter()
        .map(|a| {
            if span.end <= a.start {
                chars(span.end..a.start)
            } else if a.end <= span.start {
                chars(a.end..span.start)
            } else {
                0
            }
        })
        .min()
        .unwrap_or(usize::MAX)
}

pub fn check_expected(expected: &str) -> Result<(), String> {
    let valid = expected == "unanchored"
        || chrono::NaiveDate::parse_from_str(expected, "%Y-%m-%d").is_ok()
        || chrono::NaiveDate::parse_from_str(&format!("{expected}-01"), "%Y-%m-%d").is_ok()
        || (expected.len() == 4 && expected.parse::<u16>().is_ok());
    if valid {
        Ok(())
    } else {
        Err("expect a date written YYYY, YYYY-MM or YYYY-MM-DD, \"unanchored\" for a relative date without publication date, or \"none\"".to_string())
    }
}

pub fn matches_expected(value: &Value, expected: &str) -> bool {
    match value {
        Value::Date {
            resolved: Some(interval),
            ..
        } => interval.to_string() == expected,
        Value::Date { resolved: None, .. } => expected == "unanchored",
        _ => false,
    }
}

/// Asserted dates that cannot both be true (disjoint intervals) contradict; relative
/// dates without a publication date are reported as unanchored, never guessed.
pub fn reconcile(topic: &Topic, store: &Arc<ClaimStore>, claims: &Claims<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Claim ids rather than references: a topic can have a million dated claims.
    let mut dated: Vec<(ClaimId, DateInterval)> = Vec::new();
    for claim in claims.iter().filter(|c| c.stance() == Stance::Asserted) {
        match claim.value() {
            Value::Date {
                resolved: Some(interval),
                ..
            } => dated.push((claim.id(), *interval)),
            Value::Date {
                resolved: None,
                expression,
                ..
            } => {
                let mut evidence = Evidences::new(store.clone());
                evidence.add(claim, &format!("relative: {expression}"));
                let mut f = finding_of(
                    topic,
                    "claimcheck::unanchored-date",
                    format!(
                        "{}: “{}” cannot be placed in time",
                        topic.title,
                        claim.text()
                    ),
                    format!(
                        "the article has no publication date, so the relative date `{expression}` is left unresolved; add a ` date YYYY-MM-DD` first line, a front-matter `date:` or a dateline"
                    ),
                    evidence,
                );
                f.severity = Severity::Info;
                f.message = format!(
                    "{}: “{}” cannot be placed in time",
                    topic.title,
                    claim.text()
                );
                findings.push(f);
            }
            _ => {}
        }
    }
    let bounds: Vec<(f64, f64)> = dated
        .iter()
        .map(|(_, d)| {
            (
                f64::from(chrono::Datelike::num_days_from_ce(&d.start)),
                f64::from(chrono::Datelike::num_days_from_ce(&d.end)),
            )
        })
        .collect();
    let groups = overlapping_groups(&bounds, |a, b| dated[a].1.disjoint(&dated[b].1));
    if groups.len() < 2 {
        return findings;
    }
    let mut sides: Vec<Side> = groups
        .iter()
        .map(|group| {
            // Each distinct interval is written once, however many claims give it.
            let key = |d: &DateInterval| (d.start, d.end, d.granularity);
            let mut intervals: Vec<DateInterval> = group.iter().map(|&i| dated[i].1).collect();
            intervals.sort_unstable_by_key(key);
            intervals.dedup_by_key(|d| key(d));
            let mut shown: Vec<String> = intervals.iter().map(DateInterval::to_string).collect();
            shown.sort();
            shown.dedup();
            Side::new(one_of(&shown), group.iter().map(|&i| store.get(dated[i].0)))
        })
        .collect();
    sides.sort_by(Side::by_support);
    let mut evidence = Evidences::with_capacity(store.clone(), dated.len());
    for &(id, interval) in &dated {
        let claim = store.get(id);
        let label = match claim.value() {
            Value::Date {
                relative_to: Some(published),
                ..
            } => {
                format!("says {interval} (relative to publication on {published})")
            }
            _ => format!("says {interval}"),
        };
        evidence.add(claim, &label);
    }
    findings.push(finding_of(
        topic,
        "claimcheck::contradiction::date",
        format!("{}: the dates do not agree", topic.title),
        who_says(&sides),
        evidence,
    ));
    findings
}
