//! Rendering: findings and summaries as text for people and for machines. Each format is
//! its own module with a plain function from data to a `String`; none of them decides the
//! exit code.

pub mod audit;
pub mod columns;
pub mod coverage;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::baseline::Applied;
use crate::check::Outcome;
use crate::claim::{Claim, FastMap};
use crate::corpus::read_article_limited;
use crate::finding::{EvidenceRef, Finding, Severity};

/// At most this many articles are shown for one thing said (one label, such as
/// "says 2021")...
pub const ARTICLES_PER_LABEL: usize = 5;
/// ...and at most this many for one finding. The others are counted, not shown: a
/// finding about a story an archive repeats can cite a hundred thousand articles, and
/// showing them all would bury the report (and read every one of them again).
pub const ARTICLES_PER_FINDING: usize = 20;

/// At most this many places are labelled in one article; the rest are counted. A long
/// article (an archive in one file) can hold thousands of claims of one finding, and
/// labelling them all would make the report unreadable and slow to draw.
pub const LABELS_PER_ARTICLE: usize = 12;

/// The places of one article's evidence that the human report labels (at most
/// [`LABELS_PER_ARTICLE`], in order of position), and how many it leaves out. Distinct
/// labels take turns, in order of first appearance, so each side the article takes is
/// shown.
pub fn shown_places<'a>(evidence: &[EvidenceRef<'a>]) -> (Vec<EvidenceRef<'a>>, usize) {
    if evidence.len() <= LABELS_PER_ARTICLE {
        return (evidence.to_vec(), 0);
    }
    let mut by_label: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        match by_label.iter_mut().find(|(label, _)| *label == e.label) {
            Some((_, places)) => places.push(i),
            None => by_label.push((e.label, vec![i])),
        }
    }
    let mut shown: Vec<usize> = Vec::with_capacity(LABELS_PER_ARTICLE);
    'turns: for turn in 0.. {
        let mut any = false;
        for (_, places) in &by_label {
            if let Some(&i) = places.get(turn) {
                any = true;
                shown.push(i);
                if shown.len() == LABELS_PER_ARTICLE {
                    break 'turns;
                }
            }
        }
        if !any {
            break;
        }
    }
    shown.sort_unstable();
    let hidden = evidence.len() - shown.len();
    (shown.into_iter().map(|i| evidence[i]).collect(), hidden)
}

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
    let mut articles: Vec<(std::ops::Range<usize>, u32)> = Vec::new();
    let mut last_path = None;
    let labelled = finding.evidence.iter().zip(finding.evidence.label_ids());
    for (i, (e, label)) in labelled.enumerate() {
        match articles.last_mut() {
            Some((range, _)) if last_path == Some(e.claim.path_id()) => range.end = i + 1,
            _ => articles.push((i..i + 1, label)),
        }
        last_path = Some(e.claim.path_id());
    }
    // Each distinct label is filed once, however many articles it is the first of.
    let mut slot_of_label: Vec<Option<usize>> = vec![None; finding.evidence.label_count()];
    let mut labels: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut label_index: FastMap<&str, usize> = FastMap::default();
    for (article, &(_, id)) in articles.iter().enumerate() {
        let slot = match slot_of_label[id as usize] {
            Some(slot) => slot,
            None => {
                let label = finding.evidence.label(id);
                let label = label.split(" (").next().unwrap_or(label);
                let slot = *label_index.entry(label).or_insert_with(|| {
                    labels.push((label, Vec::new()));
                    labels.len() - 1
                });
                slot_of_label[id as usize] = Some(slot);
                slot
            }
        };
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

/// The tool's name, as machine formats write it.
pub const TOOL_NAME: &str = "claimcheck";

/// The tool's version, as machine formats write it.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The formats of the check report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// miette diagnostics with snippets of each article.
    Human,
    /// One line per finding: `path:line:col: severity: code: message`.
    Short,
    /// The versioned JSON document described in `src/report/JSON.md`.
    Json,
    /// SARIF 2.1.0, for code scanning services.
    Sarif,
    /// GitHub Actions workflow commands: an annotation at every piece of evidence.
    Github,
}

/// What a check report shows: the outcome, whose findings are those a baseline (if one
/// was given) does not cover, and what the baseline did.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    pub outcome: &'a Outcome,
    pub baseline: Option<&'a Applied>,
    /// Whether a skipped file is an error (`--strict`) rather than a warning.
    pub strict: bool,
}

impl<'a> Report<'a> {
    pub fn new(outcome: &'a Outcome, baseline: Option<&'a Applied>) -> Report<'a> {
        Report {
            outcome,
            baseline,
            strict: false,
        }
    }

    /// The same report, with skipped files reported as errors when `strict` holds.
    pub fn strict(self, strict: bool) -> Report<'a> {
        Report { strict, ..self }
    }

    /// How severe a skipped file is: an error under `--strict`, else a warning.
    pub fn skipped_severity(&self) -> Severity {
        if self.strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// Whether the check could not do its whole job: a path given does not exist, or
    /// (under `--strict`) a file had to be skipped.
    pub fn incomplete(&self) -> bool {
        !self.outcome.missing.is_empty() || (self.strict && !self.outcome.skipped.is_empty())
    }
}

/// Renders the report in `format`. For `Human` this is what goes to standard output;
/// [`human::warnings`] is what goes beside it to standard error. The other formats hold
/// everything, skipped files and stale baseline entries included.
pub fn render(format: Format, report: &Report, style: human::Style) -> String {
    match format {
        Format::Human => human::report(report, style),
        Format::Short => short::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, &Sources::load(&report.outcome.findings)),
        Format::Github => github::render(report),
    }
}

/// [`render`], written to `out`; the human and JSON reports are written as they are
/// made, a finding at a time.
pub fn write(
    format: Format,
    report: &Report,
    style: human::Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::write(report, style, out),
        Format::Json => json::write(report, out),
        _ => out.write_all(render(format, report, style).as_bytes()),
    }
}

/// The closing line: what was read, what was found, and what the baseline accounted for.
pub fn summary(report: &Report) -> String {
    let mut line = human::summary(report.outcome);
    if let Some(applied) = report.baseline {
        line.push_str(&format!(", {} baselined", applied.suppressed.len()));
        if !applied.stale.is_empty() {
            line.push_str(&format!(
                ", {}",
                plural(
                    applied.stale.len(),
                    "stale baseline entry",
                    "stale baseline entries"
                )
            ));
        }
    }
    line
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The 1-based line and column just after a claim's matched text (the column counts
/// characters, and is one past the last character, as SARIF's `endColumn`).
pub fn end_position(claim: &Claim) -> (usize, usize) {
    end_of(claim.line, claim.column, &claim.text)
}

/// [`end_position`] of a match of `text` that starts at `line` and `column`.
pub fn end_of(line: usize, column: usize, text: &str) -> (usize, usize) {
    match text.rfind('\n') {
        None => (line, column + text.chars().count()),
        Some(i) => (
            line + text.matches('\n').count(),
            text[i + 1..].chars().count() + 1,
        ),
    }
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
    /// evidence is then shown without a snippet. No size limit applies: the check that
    /// made the findings already accepted these files.
    pub fn load(findings: &[Finding]) -> Sources {
        let mut sources = Sources::default();
        for finding in findings {
            sources.read(&shown_articles(finding).0);
        }
        sources
    }

    /// Reads the articles of `shown` (as [`shown_articles`] gives them) not read yet.
    pub fn read(&mut self, shown: &[ArticleEvidence<'_>]) {
        for article in shown {
            let Some(first) = article.first() else {
                continue;
            };
            let path = first.claim.path();
            if self.texts.contains_key(path) {
                continue;
            }
            if let Ok(article) = read_article_limited(Path::new(path), path, u64::MAX) {
                self.texts.insert(path.to_string(), Arc::from(article.text));
            }
        }
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
    use crate::finding::{Evidence, Severity};

    /// A finding with `counts[i]` articles saying label `i`, articles named in order.
    fn finding(counts: &[usize]) -> Finding {
        let mut evidence = Vec::new();
        let mut n = 0;
        for (i, &count) in counts.iter().enumerate() {
            for _ in 0..count {
                evidence.push(Evidence {
                    claim: crate::testing::category_claim(
                        &format!("{n:06}.txt"),
                        &i.to_string(),
                        0,
                        "x",
                    ),
                    label: format!(
                        "says {i} (relative to publication on 2022-0{}-01)",
                        1 + n % 9
                    ),
                });
                n += 1;
            }
        }
        Finding {
            code: "c".into(),
            severity: Severity::Error,
            topic: "t".into(),
            message: String::new(),
            help: "".into(),
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
    fn an_article_labels_at_most_twelve_places_with_every_label_among_them() {
        let store: crate::claim::ClaimStore = (0..500)
            .map(|i| crate::claim::Claim {
                sentence: 0..5000,
                ..crate::testing::category_claim("one.txt", "a", i * 10, "abc")
            })
            .collect();
        let labels: Vec<String> = (0..500)
            .map(|i| {
                if i == 499 {
                    "rare".into()
                } else {
                    format!("says {}", i % 2)
                }
            })
            .collect();
        let evidence: Vec<EvidenceRef<'_>> = store
            .iter()
            .zip(&labels)
            .map(|(claim, label)| EvidenceRef { claim, label })
            .collect();
        let (shown, hidden) = shown_places(&evidence);
        assert_eq!(shown.len(), LABELS_PER_ARTICLE);
        assert_eq!(hidden, 500 - LABELS_PER_ARTICLE);
        assert!(
            shown.iter().any(|e| e.label == "rare"),
            "the rare label is shown"
        );
        assert!(shown.iter().any(|e| e.label == "says 0"));
        assert!(shown.iter().any(|e| e.label == "says 1"));
        let starts: Vec<usize> = shown.iter().map(|e| e.claim.span().start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted, "in order of position");
        let few = &evidence[..5];
        assert_eq!(shown_places(few).0.len(), 5);
        assert_eq!(shown_places(few).1, 0);
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

    pub(crate) fn claim_with_text(text: &str, line: usize, column: usize) -> Claim {
        Claim {
            line,
            column,
            ..crate::testing::category_claim("a.txt", "v", 0, text)
        }
    }

    #[test]
    fn the_end_of_a_one_line_match_counts_characters_not_bytes() {
        assert_eq!(end_position(&claim_with_text("née", 3, 5)), (3, 8));
        assert_eq!(end_position(&claim_with_text("", 3, 5)), (3, 5));
    }

    #[test]
    fn the_end_of_a_match_across_lines_is_on_its_last_line() {
        assert_eq!(
            end_position(&claim_with_text("in\nNovember\n2021", 2, 40)),
            (4, 5)
        );
        assert_eq!(end_position(&claim_with_text("in\n", 2, 40)), (3, 1));
    }
}
