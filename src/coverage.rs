//! Coverage, for editors: what each article says on each topic, which articles agree with
//! the majority, and which check-worthy sentences (numbers, dates, quotations, attributions)
//! no rule covers yet. Plain data; the report layer renders it.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;
use serde::Serialize;

use crate::check::claims_in;
use crate::claim::{Claim, ClaimStore, Claims};
use crate::corpus::{self, Article, Published, Skipped};
use crate::document::Document;
use crate::finding::Finding;
use crate::kinds::date::find_dates;
use crate::kinds::number::{Qualifier, Quantity, find_quantities};
use crate::reconcile::reconcile;
use crate::rules::{RuleSet, Topic};
use crate::text::stance::Stance;

/// Articles read from the command-line paths, with what could not be read.
#[derive(Debug, Default)]
pub struct Reading {
    /// Sorted by display path.
    pub articles: Vec<Article>,
    /// Files that were found but could not be read as articles.
    pub skipped: Vec<Skipped>,
    /// Paths that do not exist.
    pub missing: Vec<Skipped>,
}

/// Reads the articles at `paths` (files or folders), leaving out the files in `exclude`
/// (compared as canonical paths, so `drafts/x.txt` and `./drafts/x.txt` are the same file).
pub fn read(paths: &[PathBuf], exclude: &[PathBuf]) -> Reading {
    let walk = corpus::walk(paths);
    let excluded: Vec<PathBuf> = exclude.iter().map(|p| canonical(p)).collect();
    let files: Vec<(PathBuf, String)> = walk
        .files
        .into_iter()
        .filter(|(path, _)| !excluded.contains(&canonical(path)))
        .collect();
    let (articles, mut skipped) = corpus::read_articles(&files);
    skipped.extend(walk.skipped);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Reading {
        articles,
        skipped,
        missing: walk.missing,
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Everything the coverage report says about a set of articles.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// One entry per article, in path order.
    pub articles: Vec<ArticleCoverage>,
    /// One entry per topic, in rule order.
    pub topics: Vec<TopicCoverage>,
    /// Articles in which no rule found a claim.
    pub untouched_articles: Vec<String>,
    /// Topics (rule ids) that found no claim in any article.
    pub unmatched_topics: Vec<String>,
    /// Check-worthy sentences in all articles.
    pub checkworthy: usize,
    /// Those that overlap a claim.
    pub covered: usize,
    /// `covered / checkworthy` in percent, to one decimal; `None` without check-worthy
    /// sentences.
    pub percent: Option<f64>,
    /// Every claim, by article, then topic, then position.
    pub claims: Vec<Claim>,
    /// Every finding, in report order. Topics refer to them by index.
    pub findings: Vec<Finding>,
}

/// What one topic looks like across the articles.
#[derive(Clone, Debug, Serialize)]
pub struct TopicCoverage {
    pub id: String,
    pub title: String,
    pub kind: String,
    /// What each article states on the topic, in the order of [`Coverage::articles`].
    pub cells: Vec<Cell>,
    /// The position stated by the most articles (hedged claims aside), if any.
    pub majority: Option<Majority>,
    /// Articles that state the majority position or one the engine reconciles with it.
    pub agree: Vec<String>,
    /// Articles cited by a contradiction on this topic with a claim that contradicts the
    /// majority position.
    pub disagree: Vec<String>,
    /// Articles that say something on the topic but neither agree nor disagree (hedged or
    /// unanchored claims, or a denial of another value).
    pub neither: Vec<String>,
    /// Articles with no claim on the topic.
    pub silent: Vec<String>,
    /// Indices into [`Coverage::findings`] of the findings on this topic.
    pub findings: Vec<usize>,
}

/// What one article states on one topic: its distinct positions, in order of first
/// appearance. Empty when the article is silent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub path: String,
    pub positions: Vec<Position>,
}

impl Cell {
    /// The positions as one text: "unsupported-run (asserted), trump-support (denied)".
    pub fn display(&self) -> String {
        self.positions
            .iter()
            .map(Position::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A value and how firmly it is stated.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// The value as reports write it ([`crate::claim::Value::display`]).
    pub value: String,
    pub stance: Stance,
}

impl Position {
    /// The position of a claim.
    pub fn of(claim: &Claim) -> Position {
        Position {
            value: claim.value.display(),
            stance: claim.stance,
        }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.value, self.stance.as_str())
    }
}

/// The majority position of a topic and how many articles state it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Majority {
    pub position: Position,
    pub articles: usize,
}

/// One article's check-worthy sentences and how many of them a claim covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleCoverage {
    pub path: String,
    pub published: Option<chrono::NaiveDate>,
    pub claims: usize,
    /// Topics with at least one claim in the article.
    pub topics: usize,
    pub checkworthy: usize,
    pub covered: usize,
    /// `covered / checkworthy` in percent, to one decimal; `None` without check-worthy
    /// sentences.
    pub percent: Option<f64>,
    /// The check-worthy sentences no claim overlaps, in order.
    pub uncovered: Vec<CheckworthySentence>,
}

/// A sentence that carries something a fact-checker would check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckworthySentence {
    /// 1-based line of the sentence's start.
    pub line: usize,
    /// Byte span in the article.
    pub span: Range<usize>,
    pub text: String,
    /// Why it is check-worthy.
    pub signals: Vec<Signal>,
}

/// What makes a sentence check-worthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    /// A quantity other than a bare small number.
    Number,
    /// A date expression other than the article's own publication date.
    Date,
    /// Words between double quotation marks.
    Quotation,
    /// "according to", "said", "told", ...
    Attribution,
}

impl Signal {
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Number => "number",
            Signal::Date => "date",
            Signal::Quotation => "quotation",
            Signal::Attribution => "attribution",
        }
    }
}

/// The coverage of `articles` by `rules`: their claims, the findings among them, the
/// topic × article table, agreement per topic, and the uncovered check-worthy sentences.
pub fn coverage(articles: &[Article], rules: &RuleSet) -> Coverage {
    let per_article: Vec<(Vec<Claim>, ArticleCoverage)> = articles
        .par_iter()
        .map(|article| {
            let doc = Document::new(article);
            let claims = claims_in(&doc, rules);
            let coverage = article_coverage(&doc, article.published.as_ref(), &claims);
            (claims, coverage)
        })
        .collect();
    let mut claims = Vec::new();
    let mut article_rows = Vec::new();
    for (mut article_claims, row) in per_article {
        claims.append(&mut article_claims);
        article_rows.push(row);
    }
    let findings = reconcile(
        rules,
        &std::sync::Arc::new(claims.iter().cloned().collect()),
    );
    let topics: Vec<TopicCoverage> = rules
        .topics
        .iter()
        .map(|topic| topic_coverage(topic, &article_rows, &claims, &findings))
        .collect();
    let untouched_articles = article_rows
        .iter()
        .filter(|a| a.claims == 0)
        .map(|a| a.path.clone())
        .collect();
    let unmatched_topics = topics
        .iter()
        .filter(|t| t.cells.iter().all(|c| c.positions.is_empty()))
        .map(|t| t.id.clone())
        .collect();
    let checkworthy = article_rows.iter().map(|a| a.checkworthy).sum();
    let covered = article_rows.iter().map(|a| a.covered).sum();
    Coverage {
        articles: article_rows,
        topics,
        untouched_articles,
        unmatched_topics,
        checkworthy,
        covered,
        percent: percent(covered, checkworthy),
        claims,
        findings,
    }
}

/// `part / whole` in percent, rounded to one decimal.
pub fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// Whether a finding reports a contradiction (rather than, say, an unanchored date).
pub fn is_contradiction(finding: &Finding) -> bool {
    finding.code.starts_with("claimcheck::contradiction::")
}

/// Whether `finding` cites `claim` as evidence.
pub fn cites(finding: &Finding, claim: &Claim) -> bool {
    finding.evidence.iter().any(|e| {
        e.claim.topic() == claim.topic
            && e.claim.path() == claim.path
            && e.claim.span() == claim.span
    })
}

/// Whether the engine, shown only these two claims of `topic`, reports a contradiction
/// between them. This is the kind's own notion of disagreement (disjoint dates, exclusive
/// categories, a value asserted and denied), asked one pair at a time.
pub fn contradicts(topic: &Topic, a: &Claim, b: &Claim) -> bool {
    let mut pair = [a, b];
    pair.sort_by(|x, y| (&x.path, x.span.start).cmp(&(&y.path, y.span.start)));
    let store: std::sync::Arc<ClaimStore> =
        std::sync::Arc::new(pair.iter().map(|c| (*c).clone()).collect());
    let ids = store.iter().map(|c| c.id()).collect();
    topic
        .spec
        .reconcile(topic, &store, &Claims::new(&store, ids))
        .iter()
        .any(|f| is_contradiction(f) && cites(f, a) && cites(f, b))
}

/// Whether `claim` agrees with `other`: the same position, or both asserted and the engine
/// finds no contradiction between them ("2021" agrees with "November 2021", and a category
/// value with one its rule marks compatible). A denial agrees only with the same denial.
pub fn agrees_with(topic: &Topic, claim: &Claim, other: &Claim) -> bool {
    Position::of(claim) == Position::of(other)
        || (claim.stance == Stance::Asserted
            && other.stance == Stance::Asserted
            && !contradicts(topic, claim, other))
}

fn topic_coverage(
    topic: &Topic,
    articles: &[ArticleCoverage],
    claims: &[Claim],
    findings: &[Finding],
) -> TopicCoverage {
    let on_topic: Vec<&Claim> = claims.iter().filter(|c| c.topic == topic.id).collect();
    let finding_indices: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.topic == topic.id)
        .map(|(i, _)| i)
        .collect();
    let contradictions: Vec<&Finding> = finding_indices
        .iter()
        .map(|&i| &findings[i])
        .filter(|f| is_contradiction(f))
        .collect();

    let by_article: Vec<Vec<&Claim>> = articles
        .iter()
        .map(|a| {
            let mut mine: Vec<&Claim> = on_topic
                .iter()
                .copied()
                .filter(|c| c.path == a.path)
                .collect();
            mine.sort_by_key(|c| (c.span.start, c.span.end));
            mine
        })
        .collect();
    let cells: Vec<Cell> = articles
        .iter()
        .zip(&by_article)
        .map(|(a, mine)| {
            let mut positions: Vec<Position> = Vec::new();
            for claim in mine {
                let position = Position::of(claim);
                if !positions.contains(&position) {
                    positions.push(position);
                }
            }
            Cell {
                path: a.path.clone(),
                positions,
            }
        })
        .collect();

    let majority_claim = majority(topic, &by_article);
    let mut result = TopicCoverage {
        id: topic.id.clone(),
        title: topic.title.clone(),
        kind: topic.kind_name().to_string(),
        cells,
        majority: majority_claim.map(|(claim, n)| Majority {
            position: Position::of(claim),
            articles: n,
        }),
        agree: Vec::new(),
        disagree: Vec::new(),
        neither: Vec::new(),
        silent: Vec::new(),
        findings: finding_indices,
    };
    for (article, mine) in articles.iter().zip(&by_article) {
        let path = article.path.clone();
        if mine.is_empty() {
            result.silent.push(path);
            continue;
        }
        let Some((m, _)) = majority_claim else {
            result.neither.push(path);
            continue;
        };
        let disagrees = mine.iter().any(|c| {
            contradictions.iter().any(|f| cites(f, c))
                && Position::of(c) != Position::of(m)
                && contradicts(topic, c, m)
        });
        if disagrees {
            result.disagree.push(path);
        } else if mine.iter().any(|c| agrees_with(topic, c, m)) {
            result.agree.push(path);
        } else {
            result.neither.push(path);
        }
    }
    result
}

/// The claim at the majority position, with the number of articles that state it.
///
/// The majority position is the one (hedged claims aside) that the most articles agree
/// with: state it, or state something the engine reconciles with it ([`agrees_with`]), so
/// that "2021" and "November 2021" support each other. Ties go to the position stated
/// exactly by more articles, then to asserted before denied, then to the smaller value as
/// written, so the choice does not depend on the order of the articles.
fn majority<'a>(topic: &Topic, by_article: &[Vec<&'a Claim>]) -> Option<(&'a Claim, usize)> {
    let mut stated: Vec<(Position, usize, &Claim)> = Vec::new();
    for mine in by_article {
        let mut seen: Vec<Position> = Vec::new();
        for claim in mine.iter().filter(|c| c.stance != Stance::Hedged) {
            let position = Position::of(claim);
            if seen.contains(&position) {
                continue;
            }
            match stated.iter_mut().find(|(p, _, _)| *p == position) {
                Some(entry) => entry.1 += 1,
                None => stated.push((position.clone(), 1, claim)),
            }
            seen.push(position);
        }
    }
    stated
        .into_iter()
        .map(|(position, n, claim)| {
            let support = by_article
                .iter()
                .filter(|mine| mine.iter().any(|c| agrees_with(topic, c, claim)))
                .count();
            (support, n, position, claim)
        })
        .min_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| a.2.stance.cmp(&b.2.stance))
                .then_with(|| a.2.value.cmp(&b.2.value))
        })
        .map(|(_, n, _, claim)| (claim, n))
}

/// One article's check-worthy sentences, and which of them `claims` (the article's own)
/// cover. A sentence is covered when a claim's span overlaps it.
pub fn article_coverage(
    doc: &Document,
    published: Option<&Published>,
    claims: &[Claim],
) -> ArticleCoverage {
    let sentences = checkworthy_sentences(doc, published);
    let (covered, uncovered): (Vec<_>, Vec<_>) = sentences.into_iter().partition(|s| {
        claims
            .iter()
            .any(|c| c.span.start < s.span.end && s.span.start < c.span.end)
    });
    let mut topics: Vec<&str> = claims.iter().map(|c| c.topic.as_str()).collect();
    topics.sort_unstable();
    topics.dedup();
    let checkworthy = covered.len() + uncovered.len();
    ArticleCoverage {
        path: doc.path.to_string(),
        published: published.map(|p| p.date),
        claims: claims.len(),
        topics: topics.len(),
        checkworthy,
        covered: covered.len(),
        percent: percent(covered.len(), checkworthy),
        uncovered,
    }
}

/// Every sentence of the document's body that carries a number, a date, a quotation or
/// an attribution. The publication date (a dateline) is not a claim, so a number or date
/// inside its span does not count.
pub fn checkworthy_sentences(
    doc: &Document,
    published: Option<&Published>,
) -> Vec<CheckworthySentence> {
    let quoted = quotations(doc.text);
    doc.sentences
        .iter()
        .filter_map(|sentence| {
            let span = sentence.span.clone();
            let text = doc.span_text(&span);
            let mut signals = Vec::new();
            let outside_dateline = |r: &Range<usize>| {
                published.is_none_or(|p| {
                    let (start, end) = (span.start + r.start, span.start + r.end);
                    !(p.span.start < end && start < p.span.end)
                })
            };
            if numbers(text).any(|r| outside_dateline(&r)) {
                signals.push(Signal::Number);
            }
            if find_dates(text).iter().any(|m| outside_dateline(&m.span)) {
                signals.push(Signal::Date);
            }
            if quoted
                .iter()
                .any(|q| q.start < span.end && span.start < q.end)
            {
                signals.push(Signal::Quotation);
            }
            if ATTRIBUTION.is_match(text) {
                signals.push(Signal::Attribution);
            }
            (!signals.is_empty()).then(|| CheckworthySentence {
                line: doc.line_column(span.start).0,
                text: text.to_string(),
                span,
                signals,
            })
        })
        .collect()
}

static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(according to|said|says|told|reported|stated|claimed)\b")
        .expect("the attribution pattern is valid")
});

/// Whether `text` holds a quantity worth checking. Bare small numbers (a whole number
/// under ten, written without qualifier, currency or percent sign: "one of the texts",
/// "DONDA 2") are left out: in news prose they are almost always counting words, not facts.
pub fn has_number(text: &str) -> bool {
    numbers(text).next().is_some()
}

/// The spans of the quantities in `text` worth checking (see [`has_number`]).
fn numbers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    find_quantities(text)
        .into_iter()
        .filter(|(span, quantity)| !is_bare_small(text, span, quantity))
        .map(|(span, _)| span)
}

fn is_bare_small(text: &str, span: &Range<usize>, quantity: &Quantity) -> bool {
    let small = quantity.qualifier == Qualifier::Exact
        && quantity.value.fract() == 0.0
        && quantity.value.abs() < 10.0;
    let currency = |c: char| matches!(c, '$' | '£' | '€' | '¥');
    let before = text.get(..span.start).and_then(|s| s.chars().next_back());
    let first = text.get(span.clone()).and_then(|s| s.chars().next());
    let after = text.get(span.end..).and_then(|s| s.chars().next());
    let marked = before.is_some_and(currency) || first.is_some_and(currency) || after == Some('%');
    small && !marked
}

/// The byte spans of the quoted passages of `text` (without their marks), as the quotation
/// kind finds them: every pair of double marks, mixed straight and curly ones included, and
/// quotations that run on across paragraphs.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    crate::kinds::quote::find_quotations(text)
        .quotations
        .into_iter()
        .map(|q| q.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{CAUSE, OPENED, article, rules};

    const UNUSED: &str = r#"
id = "toll"
title = "The toll"
kind = "number"
patterns = ['toll of {number} dollars']
"#;

    fn seeds_like() -> (Vec<Article>, RuleSet) {
        let articles = vec![
            article(
                "a.txt",
                "The bridge fell because of rust. It opened in 1990.",
            ),
            article(
                "b.txt",
                "Rust brought the bridge down. It opened in June 1990.",
            ),
            article("c.txt", "A flood destroyed the bridge. It opened in 1985."),
            article("d.txt", "Nothing here mentions the matter."),
        ];
        (
            articles,
            rules(&[
                ("cause.toml", CAUSE),
                ("opened.toml", OPENED),
                ("toll.toml", UNUSED),
            ]),
        )
    }

    fn topic<'a>(coverage: &'a Coverage, id: &str) -> &'a TopicCoverage {
        coverage
            .topics
            .iter()
            .find(|t| t.id == id)
            .expect("the topic is in the coverage")
    }

    #[test]
    fn cells_show_each_articles_distinct_positions() {
        let (articles, rules) = seeds_like();
        let coverage = coverage(&articles, &rules);
        let cause = topic(&coverage, "cause");
        let cells: Vec<String> = cause.cells.iter().map(Cell::display).collect();
        assert_eq!(
            cells,
            ["rust (asserted)", "rust (asserted)", "flood (asserted)", ""]
        );
    }

    #[test]
    fn the_majority_agrees_the_minority_disagrees_and_the_rest_is_silent() {
        let (articles, rules) = seeds_like();
        let coverage = coverage(&articles, &rules);
        let cause = topic(&coverage, "cause");
        assert_eq!(
            cause
                .majority
                .as_ref()
                .map(|m| (m.position.to_string(), m.articles)),
            Some(("rust (asserted)".to_string(), 2))
        );
        assert_eq!(cause.agree, ["a.txt", "b.txt"]);
        assert_eq!(cause.disagree, ["c.txt"]);
        assert_eq!(cause.silent, ["d.txt"]);
        assert!(cause.neither.is_empty());
    }

    #[test]
    fn a_compatible_date_agrees_with_a_more_precise_majority() {
        let (articles, rules) = seeds_like();
        let coverage = coverage(&articles, &rules);
        let opened = topic(&coverage, "opened");
        // "1990" and "June 1990" support each other (two articles each); "1985" stands
        // alone and contradicts both.
        assert_eq!(opened.agree, ["a.txt", "b.txt"]);
        assert_eq!(opened.disagree, ["c.txt"]);
    }

    #[test]
    fn untouched_articles_and_unmatched_topics_are_listed() {
        let (articles, rules) = seeds_like();
        let coverage = coverage(&articles, &rules);
        assert_eq!(coverage.untouched_articles, ["d.txt"]);
        assert_eq!(coverage.unmatched_topics, ["toll"]);
    }

    #[test]
    fn a_hedged_claim_neither_agrees_nor_disagrees() {
        let articles = vec![
            article("a.txt", "The bridge fell because of rust."),
            article(
                "b.txt",
                "Some speculated that a flood brought the bridge down.",
            ),
        ];
        let coverage = coverage(&articles, &rules(&[("cause.toml", CAUSE)]));
        let cause = topic(&coverage, "cause");
        assert_eq!(cause.agree, ["a.txt"]);
        assert_eq!(cause.neither, ["b.txt"]);
        assert!(cause.disagree.is_empty());
    }

    #[test]
    fn a_sentence_with_a_claim_is_covered_and_one_without_is_listed() {
        let articles = vec![article(
            "a.txt",
            "The bridge fell because of rust.\nThe mayor said 300 people crossed it daily.\nIt was grey.",
        )];
        let coverage = coverage(&articles, &rules(&[("cause.toml", CAUSE)]));
        let a = &coverage.articles[0];
        // "fell because of rust" has no signal, so only the second line is check-worthy.
        assert_eq!(a.checkworthy, 1);
        assert_eq!(a.covered, 0);
        assert_eq!(a.uncovered.len(), 1);
        assert_eq!(a.uncovered[0].line, 2);
        assert_eq!(
            a.uncovered[0].signals,
            [Signal::Number, Signal::Attribution]
        );
        assert_eq!(a.percent, Some(0.0));
    }

    #[test]
    fn percentages_count_covered_check_worthy_sentences() {
        let articles = vec![
            article(
                "a.txt",
                "Officials said rust felled the bridge.\nThe mayor said 300 people crossed it.\nIt opened in 1990.",
            ),
            article("b.txt", "Nothing checkable here."),
        ];
        let coverage = coverage(&articles, &rules(&[("cause.toml", CAUSE)]));
        let a = &coverage.articles[0];
        assert_eq!((a.checkworthy, a.covered), (3, 1));
        assert_eq!(a.percent, Some(33.3));
        let b = &coverage.articles[1];
        assert_eq!((b.checkworthy, b.percent), (0, None));
        assert_eq!((coverage.checkworthy, coverage.covered), (3, 1));
        assert_eq!(coverage.percent, Some(33.3));
    }

    #[test]
    fn percent_rounds_to_one_decimal_and_is_none_for_nothing() {
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(3, 3), Some(100.0));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn bare_small_numbers_are_not_check_worthy_but_marked_ones_are() {
        assert!(!has_number("One of the texts read:"));
        assert!(!has_number("He will not appear on DONDA 2."));
        assert!(has_number("Turnout fell 5% this year."));
        assert!(has_number("It cost $3 to cross."));
        assert!(has_number("About 60,000 people voted."));
        assert!(has_number("The singer, 43, spoke."));
    }

    #[test]
    fn attributions_are_word_bounded() {
        let doc_text = "Reportedly, he left.\nHe said no.\nAccording to police, it rained.";
        let a = article("a.txt", doc_text);
        let doc = Document::new(&a);
        let found: Vec<usize> = checkworthy_sentences(&doc, None)
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(found, [2, 3]);
    }

    #[test]
    fn empty_quote_marks_are_not_a_quotation() {
        assert!(quotations("He wrote \"\" and left.").is_empty());
        assert!(quotations("").is_empty());
    }

    #[test]
    fn a_dateline_is_not_a_check_worthy_date() {
        let text = "By Jane Doe Sep 07, 2022\nThe bridge opened in 1990.";
        let mut a = article("a.txt", text);
        a.published = crate::corpus::publication_date(text);
        assert!(a.published.is_some(), "the dateline is found");
        let doc = Document::new(&a);
        let lines: Vec<usize> = checkworthy_sentences(&doc, a.published.as_ref())
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(lines, [2]);
    }

    #[test]
    fn any_text_yields_sentences_on_char_boundaries() {
        for text in ["", "\"", "“", "«»\n\n\"", "é\"ü\"\n\n“ß", "💥 said 5%"] {
            let a = article("a.txt", text);
            let doc = Document::new(&a);
            for s in checkworthy_sentences(&doc, None) {
                assert!(text.get(s.span.clone()).is_some());
            }
            for q in quotations(text) {
                assert!(text.get(q).is_some());
            }
        }
    }
}
