//! Date topics: an event found by its anchor patterns, and the date expression nearest to
//! it, resolved against the article's publication date. Disjoint dates contradict.

use std::ops::Range;
use std::sync::Arc;

use crate::claim::{ClaimId, ClaimStore, Claims, FastMap, Value};
use crate::document::Document;
use crate::finding::{Evidences, Finding, Severity};
use crate::kinds::date::{DateInterval, DateMention, resolve};
use crate::kinds::{Candidates, Found};
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
        let sentence = doc.searchable_sentence(index);
        if !anchor.iter().any(|re| re.is_match(sentence)) {
            return Vec::new();
        }
        let whole = |_| Some(0..sentence.len());
        self.extract_named(doc, index, anchor, &whole, context, None)
            .into_iter()
            .collect()
    }

    /// [`DateSpec::extract`] of a sentence already known to name the event (one of
    /// `anchor` matches it): one date at most. Only the anchors for which `may_match`
    /// gives a part of the sentence (by index in `anchor`) can match it, and only there.
    /// `exclude_hits`, when known, holds for each `exclude` pattern the sentences it may
    /// match (every sentence it does match among them), and where; the pattern is only
    /// searched there.
    pub fn extract_named(
        &self,
        doc: &Document,
        index: usize,
        anchor: &[Pattern],
        may_match: &dyn Fn(usize) -> Option<Range<usize>>,
        context: usize,
        exclude_hits: Option<Candidates>,
    ) -> Option<Found> {
        let sentence = doc.searchable_sentence(index);
        for neighbour in doc.neighbours(index, context) {
            let dates = doc.dates(neighbour);
            if dates.is_empty() {
                continue;
            }
            let excluded = self.excluded(doc, neighbour, exclude_hits);
            let mut mentions = dates.iter().filter(|m| !excluded.overlaps(&m.span));
            let chosen = if neighbour == index {
                self.nearest_to_event(sentence, anchor, may_match, mentions)
            } else if neighbour < index {
                mentions.next_back()
            } else {
                mentions.next()
            };
            if let Some(mention) = chosen {
                let resolved = resolve(&mention.expr, doc.published);
                let relative_to = if mention.expr.is_relative() {
                    doc.published
                } else {
                    None
                };
                return Some(Found {
                    span: doc.original_span(neighbour, mention.span.clone()),
                    value: Value::Date {
                        expression: mention.expr.to_string(),
                        resolved,
                        relative_to,
                    },
                });
            }
        }
        None
    }

    /// The one of `mentions` (of the event's own sentence, which one of `anchor` matches)
    /// nearest to the event's name, if one is within [`DateSpec::within`] characters.
    fn nearest_to_event<'m>(
        &self,
        sentence: &str,
        anchor: &[Pattern],
        may_match: &dyn Fn(usize) -> Option<Range<usize>>,
        mentions: impl Iterator<Item = &'m DateMention> + Clone,
    ) -> Option<&'m DateMention> {
        let mut first_two = mentions.clone();
        let only = first_two.next()?;
        // A lone mention with no more than `within` characters on either side is within
        // reach of any match of an anchor, wherever it lies: no need to find them.
        if first_two.next().is_none()
            && sentence
                .get(..only.span.start)
                .is_some_and(|before| at_most_chars(before, self.within))
            && sentence
                .get(only.span.end..)
                .is_some_and(|after| at_most_chars(after, self.within))
        {
            return Some(only);
        }
        self.nearest_to_anchors(sentence, anchor, may_match, mentions)
    }

    /// [`DateSpec::nearest_to_event`], measured from where the anchors match.
    fn nearest_to_anchors<'m>(
        &self,
        sentence: &str,
        anchor: &[Pattern],
        may_match: &dyn Fn(usize) -> Option<Range<usize>>,
        mentions: impl Iterator<Item = &'m DateMention>,
    ) -> Option<&'m DateMention> {
        // Where the anchors lie matters only to pick among the sentence's own dates, and
        // most sentences that name an event hold none.
        let anchors = Spans::of_matches(anchor, sentence, may_match);
        mentions
            .filter_map(|m| Some((anchors.distance(sentence, &m.span, self.within)?, m)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, m)| m)
    }

    /// Where the `exclude` patterns match sentence `index`: a date mention they overlap is
    /// not the event's.
    fn excluded(&self, doc: &Document, index: usize, exclude_hits: Option<Candidates>) -> Spans {
        let sentence = doc.searchable_sentence(index);
        let whole = 0..sentence.len();
        let may_match = |pattern: usize| match exclude_hits {
            Some(hits) if pattern < hits.sentences.len() => {
                hits.window(pattern, index, sentence.len())
            }
            _ => Some(whole.clone()),
        };
        Spans::of_matches(&self.exclude, sentence, &may_match)
    }
}

/// Pattern matches in one sentence, sorted, so that "does a date overlap one" and "how
/// far is the nearest" cost a logarithm however many matches a long sentence holds.
struct Spans {
    /// Sorted by start.
    spans: Vec<Range<usize>>,
    /// `reach[i]`: the furthest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl Spans {
    fn new(spans: impl Iterator<Item = Range<usize>>) -> Spans {
        let mut spans: Vec<Range<usize>> = spans.collect();
        spans.sort_by_key(|s| (s.start, s.end));
        let reach = spans
            .iter()
            .scan(0, |furthest, s| {
                *furthest = s.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Spans { spans, reach }
    }

    /// The matches of `patterns` in `sentence`, each pattern searched only in the part of
    /// it `may_match` gives (by index in `patterns`), and not at all without one.
    fn of_matches(
        patterns: &[Pattern],
        sentence: &str,
        may_match: &dyn Fn(usize) -> Option<Range<usize>>,
    ) -> Spans {
        Spans::new(patterns.iter().enumerate().flat_map(|(pattern, re)| {
            may_match(pattern)
                .into_iter()
                .flat_map(|window| re.find_in_window(sentence, window))
        }))
    }

    /// The furthest end among the spans that start before `end`, if any.
    fn reach_before(&self, end: usize) -> Option<usize> {
        let starting_before = self.spans.partition_point(|s| s.start < end);
        starting_before.checked_sub(1).map(|last| self.reach[last])
    }

    fn overlaps(&self, span: &Range<usize>) -> bool {
        self.reach_before(span.end)
            .is_some_and(|reach| reach > span.start)
    }

    /// Characters of `text` between `span` and the nearest of these spans (0 when they
    /// overlap), or `None` when that is more than `limit`.
    fn distance(&self, text: &str, span: &Range<usize>, limit: usize) -> Option<usize> {
        if self.overlaps(span) {
            return Some(0);
        }
        let before = self
            .reach_before(span.end)
            .map(|reach| reach.min(span.start)..span.start);
        let after = self
            .spans
            .get(self.spans.partition_point(|s| s.start < span.end))
            .map(|next| span.end..next.start);
        // A character is at most four bytes, so a gap of more than 4 × limit bytes is
        // too far without counting it.
        [before, after]
            .into_iter()
            .flatten()
            .filter(|gap| gap.len() <= limit.saturating_mul(4))
            .filter_map(|gap| text.get(gap).map(|s| s.chars().count()))
            .filter(|&chars| chars <= limit)
            .min()
    }
}

/// Whether `text` has at most `limit` characters (a character is at most four bytes).
fn at_most_chars(text: &str, limit: usize) -> bool {
    text.len() <= limit || (text.len() <= limit.saturating_mul(4) && text.chars().count() <= limit)
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
    // Thousands of claims give the same few dates: each label is written once. Dates
    // relative to publication can give almost every claim its own label, so the labels
    // are kept only in the evidence, here known by their numbers.
    let mut labels: FastMap<_, u32> = FastMap::default();
    let mut wording = String::new();
    for &(id, interval) in &dated {
        let claim = store.get(id);
        let published = match claim.value() {
            Value::Date { relative_to, .. } => *relative_to,
            _ => None,
        };
        let key = (
            interval.start,
            interval.end,
            interval.granularity,
            published,
        );
        let label = *labels.entry(key).or_insert_with(|| {
            use std::fmt::Write;
            wording.clear();
            let _ = match published {
                Some(published) => write!(
                    wording,
                    "says {interval} (relative to publication on {published})"
                ),
                None => write!(wording, "says {interval}"),
            };
            evidence.label_number(&wording)
        });
        evidence.add_labelled(claim, label);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::date::find_dates;

    fn pattern(source: &str) -> Pattern {
        Pattern::new(regex::Regex::new(source).expect("a valid test pattern"))
    }

    /// Sentences that name an event ("the interview", "the podcast") with dates before,
    /// after and around it, near and far, in ASCII and not.
    fn sentences() -> impl proptest::strategy::Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "the interview",
            "the podcast",
            "in 2018",
            "last year",
            "November 2021",
            "on Sept. 4",
            "yesterday",
            "he said",
            "a long aside about something else entirely",
            "é東京🎉",
            ",",
            ";",
            "interviewed",
        ];
        let pieces = || proptest::collection::vec(proptest::sample::select(PIECES), 0..10);
        (pieces(), pieces()).prop_map(|(before, after)| {
            format!("{} the podcast {}", before.join(" "), after.join(" "))
        })
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn the_date_nearest_the_event_is_the_one_measured_from_the_anchors(
            sentence in sentences(),
            within in proptest::sample::select(&[0usize, 10, 30, 80, 200][..]),
        ) {
            let anchor = [pattern(r"(?i)\binterview\b"), pattern(r"\bpodcast\b")];
            let spec = DateSpec { exclude: Vec::new(), within };
            let mentions = find_dates(&sentence);
            let nearest = |m: Option<&DateMention>| m.map(|m| m.span.clone());
            proptest::prop_assert_eq!(
                nearest(spec.nearest_to_event(&sentence, &anchor, &|_| Some(0..sentence.len()), mentions.iter())),
                nearest(spec.nearest_to_anchors(&sentence, &anchor, &|_| Some(0..sentence.len()), mentions.iter()))
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn a_lone_date_is_chosen_as_its_distance_to_the_anchor_says(
            lead in 0usize..40,
            gap in 0usize..40,
            tail in 0usize..40,
            filler in proptest::sample::select(&["x", "é", "東"][..]),
            date_first in proptest::bool::ANY,
            within in proptest::sample::select(&[0usize, 5, 20, 30][..]),
        ) {
            let anchor = [pattern(r"\bpodcast\b")];
            let spec = DateSpec { exclude: Vec::new(), within };
            let (first, second) = if date_first { ("2018", "podcast") } else { ("podcast", "2018") };
            let sentence = format!(
                "{} {first} {} {second} {}",
                filler.repeat(lead),
                filler.repeat(gap),
                filler.repeat(tail)
            );
            let mentions = find_dates(&sentence);
            proptest::prop_assert_eq!(mentions.len(), 1);
            let nearest = |m: Option<&DateMention>| m.map(|m| m.span.clone());
            proptest::prop_assert_eq!(
                nearest(spec.nearest_to_event(&sentence, &anchor, &|_| Some(0..sentence.len()), mentions.iter())),
                nearest(spec.nearest_to_anchors(&sentence, &anchor, &|_| Some(0..sentence.len()), mentions.iter()))
            );
        }
    }

    #[test]
    fn a_lone_date_near_both_ends_of_the_sentence_is_the_events() {
        let anchor = [pattern(r"(?i)\binterview\b")];
        let spec = DateSpec {
            exclude: Vec::new(),
            within: 30,
        };
        let sentence = "In the interview, given in 2018, he spoke.";
        let mentions = find_dates(sentence);
        assert_eq!(mentions.len(), 1);
        let chosen = spec.nearest_to_event(
            sentence,
            &anchor,
            &|_| Some(0..sentence.len()),
            mentions.iter(),
        );
        assert_eq!(chosen.map(|m| &sentence[m.span.clone()]), Some("2018"));
        let far = format!(
            "In the interview{} he spoke in 2018.",
            " and so on".repeat(10)
        );
        let mentions = find_dates(&far);
        assert_eq!(mentions.len(), 1);
        assert!(
            spec.nearest_to_event(&far, &anchor, &|_| Some(0..far.len()), mentions.iter())
                .is_none()
        );
    }
}
