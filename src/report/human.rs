//! The human report: one miette diagnostic per finding, the first article as its source
//! and every other article as a related diagnostic with its own labelled spans.

use std::fmt;
use std::sync::{Arc, Mutex};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use rayon::prelude::*;

use super::{ArticleEvidence, Report, Sources, shown_articles, shown_places};
use crate::check::Outcome;
use crate::claim::FastMap;
use crate::finding::{EvidenceRef, Finding, Severity};
use crate::reconcile::thousands;

/// How the human report looks.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Renders one finding as a diagnostic.
pub fn render_finding(finding: &Finding, sources: &Sources, style: Style) -> String {
    let diagnostic = FindingDiagnostic::new(finding, sources);
    render(&diagnostic, style)
}

/// The report for standard output: every finding, then the summary line. Each finding's
/// articles are read just before it is rendered, so only a few findings' are held at a time.
pub fn report(report: &Report, style: Style) -> String {
    let mut out = Vec::new();
    write(report, style, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the report is UTF-8")
}

/// [`report`], written to `out` a few findings at a time: an archive's report is never
/// held whole in memory. The findings of a batch are read and rendered in parallel and
/// written in order.
pub fn write(report: &Report, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let footers = Footers::new(style);
    for batch in report.outcome.findings.chunks(RENDERED_AT_ONCE) {
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|finding| {
                let shown = shown_articles(finding);
                let mut sources = Sources::default();
                sources.read(&shown.0);
                footers.render_finding(finding, shown, &sources)
            })
            .collect();
        for finding in rendered {
            out.write_all(finding.as_bytes())?;
        }
    }
    writeln!(out, "{}", super::summary(report))
}

/// How many findings are rendered before they are written: enough to keep every core
/// busy, few enough that their articles and renderings take little memory.
const RENDERED_AT_ONCE: usize = 64;

/// The lines for standard error: paths that do not exist, files that were skipped, and
/// baseline entries that no longer match anything.
pub fn warnings(report: &Report) -> String {
    let mut out = String::new();
    for missing in &report.outcome.missing {
        out.push_str(&format!("error: {}: {}\n", missing.path, missing.reason));
    }
    let level = report.skipped_severity().as_str();
    for skipped in &report.outcome.skipped {
        out.push_str(&format!(
            "{level}: skipped {}: {}\n",
            skipped.path, skipped.reason
        ));
    }
    if let Some(applied) = report.baseline {
        for entry in &applied.stale {
            out.push_str(&format!(
                "warning: stale baseline entry in {}: {} no longer matches any finding\n",
                applied.path,
                entry.describe()
            ));
        }
    }
    out
}

/// Renders any diagnostic (findings, rule errors) in the report's style.
pub fn render(diagnostic: &dyn Diagnostic, style: Style) -> String {
    try_render(diagnostic, style).unwrap_or_else(|_| format!("{diagnostic}\n"))
}

fn try_render(diagnostic: &dyn Diagnostic, style: Style) -> Result<String, fmt::Error> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    handler.render_report(&mut out, diagnostic)?;
    Ok(out)
}

/// The help lines of findings as a diagnostic ends with them, each drawn once: wrapping
/// the help to the width is much of the cost of drawing a small finding, and an
/// archive's many thousands of findings for unpaired quotation marks share one help.
struct Footers {
    style: Style,
    /// By help; `None` when a help's lines cannot be told apart.
    drawn: Mutex<FastMap<String, Option<Arc<str>>>>,
}

impl Footers {
    fn new(style: Style) -> Footers {
        Footers {
            style,
            drawn: Mutex::default(),
        }
    }

    /// [`render_finding`], the help's lines drawn once for every finding that has them.
    fn render_finding<'a>(
        &self,
        finding: &'a Finding,
        shown: (Vec<ArticleEvidence<'a>>, usize),
        sources: &Sources,
    ) -> String {
        let style = self.style;
        let mut diagnostic = FindingDiagnostic::shown(finding, shown, sources);
        // The help comes after the snippets and before the other articles: it ends the
        // diagnostic only when there are none.
        if diagnostic.related.is_empty()
            && let Some(footer) = self.footer(&diagnostic.help)
        {
            diagnostic.without_help = true;
            if let Ok(mut out) = try_render(&diagnostic, style) {
                out.push_str(&footer);
                return out;
            }
            diagnostic.without_help = false;
        }
        render(&diagnostic, style)
    }

    /// What `help` adds at the end of a diagnostic: the difference between one that has
    /// only it and one that has nothing.
    fn footer(&self, help: &str) -> Option<Arc<str>> {
        if let Some(drawn) = self.lock().get(help) {
            return drawn.clone();
        }
        let style = self.style;
        let drawn = match (
            try_render(&HelpAlone(Some(help)), style),
            try_render(&HelpAlone(None), style),
        ) {
            (Ok(with), Ok(without)) => with.strip_prefix(&without).map(Arc::from),
            _ => None,
        };
        self.lock().insert(help.to_string(), drawn.clone());
        drawn
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FastMap<String, Option<Arc<str>>>> {
        // A panic while drawing leaves the map as it was: whole entries or none.
        self.drawn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A diagnostic with no message, code or source, and at most a help.
#[derive(Debug)]
struct HelpAlone<'a>(Option<&'a str>);

impl fmt::Display for HelpAlone<'_> {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl std::error::Error for HelpAlone<'_> {}

impl Diagnostic for HelpAlone<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'b>)
    }
}

/// The closing line: what was read and what was found.
pub fn summary(outcome: &Outcome) -> String {
    let count = |s: Severity| outcome.findings.iter().filter(|f| f.severity == s).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{} checked, {}, {}",
        plural(outcome.articles.len(), "article", "articles"),
        plural(outcome.claims.len(), "claim", "claims"),
        plural(outcome.findings.len(), "finding", "findings"),
    );
    if !outcome.findings.is_empty() {
        line.push_str(&format!(
            " ({}, {}, {})",
            plural(count(Severity::Error), "error", "errors"),
            plural(count(Severity::Warning), "warning", "warnings"),
            count(Severity::Info).to_string() + " info"
        ));
    }
    let skipped = outcome.skipped.len() + outcome.missing.len();
    if skipped > 0 {
        line.push_str(&format!(", {} skipped", plural(skipped, "file", "files")));
    }
    line
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// How much of a long sentence is shown on each side of a label.
const SNIPPET_REACH: usize = 120;

/// The most bytes of an article one snippet spans from its first label to its last;
/// labels further apart are shown in snippets of their own, even on one line (a page
/// without line breaks), so that no snippet is a whole page.
const SNIPPET_STRETCH: usize = 1000;

/// An article as miette sees it: a label's context is the sentence that holds it (cut
/// around the label when the sentence is long), not whole lines, because a news
/// paragraph is often one very long line.
struct SentenceSource {
    name: String,
    text: Arc<str>,
    sentences: Vec<std::ops::Range<usize>>,
    /// (start, 0-based line, 0-based column) of each claim shown, sorted: a snippet's
    /// position is counted from the claim it shows, not from the top of a long article.
    positions: Vec<(usize, usize, usize)>,
    /// The spans of the labels shown.
    labels: Vec<std::ops::Range<usize>>,
}

impl SentenceSource {
    /// The part of the article shown around `start..end`.
    fn window(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        // Labels in different sentences of one line are shown together: from the start
        // of the first one's sentence to the end of the last one's.
        let holding = |offset: usize| {
            self.sentences
                .iter()
                .find(|s| s.start <= offset && offset <= s.end)
        };
        let sentence = match (holding(start), holding(end)) {
            (Some(first), Some(last)) => first.start.min(last.start)..first.end.max(last.end),
            _ => {
                let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = self.text[end..]
                    .find('\n')
                    .map_or(self.text.len(), |i| end + i);
                line_start..line_end
            }
        };
        let mut from = sentence.start.max(start.saturating_sub(SNIPPET_REACH));
        let mut to = sentence.end.min(end.saturating_add(SNIPPET_REACH));
        if from > sentence.start {
            // Start at a word.
            while !self.text.is_char_boundary(from) {
                from += 1;
            }
            from = self.text[from..start]
                .find(' ')
                .map_or(from, |i| from + i + 1);
        }
        if to < sentence.end {
            while !self.text.is_char_boundary(to) {
                to -= 1;
            }
            to = self.text[end..to].rfind(' ').map_or(to, |i| end + i);
        }
        from..to
    }

    /// 0-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        // Snippets start on the line of the claim that follows them.
        let next = self
            .positions
            .partition_point(|&(start, _, _)| start < offset);
        if let Some(&(start, line, column)) = self.positions.get(next)
            && let Some(between) = self.text.get(offset..start)
            && !between.contains('\n')
            && let Some(column) = column.checked_sub(between.chars().count())
        {
            return (line, column);
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count())
    }
}

impl SourceCode for SentenceSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len()
            || !self.text.is_char_boundary(start)
            || !self.text.is_char_boundary(end)
        {
            return Err(MietteError::OutOfBounds);
        }
        let range = if context_lines_before == 0 && context_lines_after == 0 {
            start..end
        } else {
            // miette asks for the span of two labels to show them in one snippet; refusing
            // keeps far-apart labels in snippets of their own.
            let one_label = self.labels.iter().any(|l| l.start == start && l.end == end);
            if end - start > SNIPPET_STRETCH && !one_label {
                return Err(MietteError::OutOfBounds);
            }
            self.window(start, end)
        };
        let (line, column) = self.position(range.start);
        let data = &self.text[range.clone()];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            SourceSpan::from(range),
            line,
            column,
            data.matches('\n').count() + 1,
        )))
    }
}

impl fmt::Debug for SentenceSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// The evidence of one article: its source and labels.
struct ArticlePart {
    message: String,
    severity: Severity,
    source: Option<SentenceSource>,
    labels: Vec<LabeledSpan>,
}

impl ArticlePart {
    fn new(
        path: &str,
        evidence: &[EvidenceRef<'_>],
        sources: &Sources,
        severity: Severity,
        message: String,
    ) -> ArticlePart {
        let source = sources.get(path).map(|text| {
            let mut positions: Vec<(usize, usize, usize)> = evidence
                .iter()
                .map(|e| {
                    let claim = e.claim;
                    (
                        claim.span().start,
                        claim.line().saturating_sub(1),
                        claim.column().saturating_sub(1),
                    )
                })
                .collect();
            positions.sort_unstable();
            SentenceSource {
                name: path.to_string(),
                text,
                sentences: evidence.iter().map(|e| e.claim.sentence()).collect(),
                positions,
                labels: evidence.iter().map(|e| e.claim.span()).collect(),
            }
        });
        let labels = evidence
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let span = e.claim.span();
                if i == 0 {
                    LabeledSpan::new_primary_with_span(Some(e.label.to_string()), span)
                } else {
                    LabeledSpan::new_with_span(Some(e.label.to_string()), span)
                }
            })
            .collect();
        ArticlePart {
            message,
            severity,
            source,
            labels,
        }
    }

    /// Without the article's text, say where the evidence is in words.
    fn fallback(&self, evidence: &[EvidenceRef<'_>]) -> String {
        evidence
            .iter()
            .map(|e| {
                format!(
                    "{}:{}:{}: {} “{}”",
                    e.claim.path(),
                    e.claim.line(),
                    e.claim.column(),
                    e.label,
                    e.claim.text()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    primary: ArticlePart,
    related: Vec<ArticlePart>,
    /// The help, with a note of the articles not shown.
    help: String,
    /// Drawn without the help, which the caller adds.
    without_help: bool,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(finding: &'a Finding, sources: &Sources) -> FindingDiagnostic<'a> {
        FindingDiagnostic::shown(finding, shown_articles(finding), sources)
    }

    /// [`FindingDiagnostic::new`], given the articles [`shown_articles`] shows and how
    /// many it leaves out.
    fn shown(
        finding: &'a Finding,
        (groups, hidden): (Vec<ArticleEvidence<'a>>, usize),
        sources: &Sources,
    ) -> FindingDiagnostic<'a> {
        let mut hidden_places = 0;
        let groups: Vec<Vec<EvidenceRef<'_>>> = groups
            .iter()
            .map(|evidence| {
                let (shown, hidden) = shown_places(evidence);
                hidden_places += hidden;
                shown
            })
            .collect();
        let mut help = finding.help.to_string();
        if hidden > 0 {
            let all = groups.len() + hidden;
            help.push_str(&format!(
                "\n{} of {} articles are shown here",
                groups.len(),
                thousands(all)
            ));
        }
        if hidden_places > 0 {
            help.push_str(&format!(
                "\n{} more places in the articles shown are not labelled here",
                thousands(hidden_places)
            ));
        }
        let mut parts = groups.iter().filter_map(|evidence| {
            let path = evidence.first()?.claim.path();
            let mut part = ArticlePart::new(
                path,
                evidence,
                sources,
                finding.severity,
                format!("in {path}"),
            );
            if part.source.is_none() {
                part.message = part.fallback(evidence);
            }
            Some(part)
        });
        let mut primary = parts.next().unwrap_or(ArticlePart {
            message: String::new(),
            severity: finding.severity,
            source: None,
            labels: Vec::new(),
        });
        primary.message = finding.message.clone();
        FindingDiagnostic {
            finding,
            primary,
            related: parts.collect(),
            help,
            without_help: false,
        }
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.finding.severity))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.without_help {
            return None;
        }
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.primary.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.primary.source.as_ref()?;
        Some(Box::new(self.primary.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

impl fmt::Debug for ArticlePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for ArticlePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArticlePart {}

impl Diagnostic for ArticlePart {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Claim;
    use crate::finding::Evidence;

    fn finding(articles: usize) -> Finding {
        let evidence: Vec<Evidence> = (0..articles)
            .map(|n| Evidence {
                claim: Claim {
                    sentence: 0..20,
                    ..crate::testing::category_claim(&format!("{n:03}.txt"), "x", 0, "Trump")
                },
                label: if n == 7 { "says: y" } else { "says: x" }.to_string(),
            })
            .collect();
        Finding {
            code: "claimcheck::contradiction::category".into(),
            severity: Severity::Error,
            topic: "t".into(),
            message: "the articles give different answers".to_string(),
            help: "29 articles say x; 1 article says y".into(),
            evidence: evidence.into(),
        }
    }

    fn render_plain(finding: &Finding) -> String {
        let sources = Sources::from_texts((0..30).map(|n| {
            (
                format!("{n:03}.txt"),
                "Trump was here, said one.".to_string(),
            )
        }));
        render_finding(
            finding,
            &sources,
            Style {
                color: false,
                width: 200,
            },
        )
    }

    #[test]
    fn a_finding_with_many_articles_shows_a_few_and_says_how_many_it_left_out() {
        let text = render_plain(&finding(30));
        assert!(text.contains("6 of 30 articles are shown here"), "{text}");
        assert!(
            text.contains("007.txt"),
            "the one dissenting article is shown: {text}"
        );
        assert!(!text.contains("029.txt"), "{text}");
    }

    #[test]
    fn a_small_finding_is_shown_whole_without_a_note() {
        let text = render_plain(&finding(5));
        assert!(!text.contains("are shown here"), "{text}");
        assert!(text.contains("004.txt"), "{text}");
    }

    #[test]
    fn a_finding_drawn_with_its_help_drawn_once_is_drawn_as_it_is_whole() {
        let sources = Sources::from_texts((0..30).map(|n| {
            (
                format!("{n:03}.txt"),
                "Trump was here, said one.\nAnd on a second line.".to_string(),
            )
        }));
        let long_help = "a quotation may run on without its closing mark, or a mark may be doubled; quotations near it may be cut wrongly — see “the guide”\n\nand   a    spaced line  ";
        for (color, width) in [(false, 200), (true, 100), (false, 30), (true, 12)] {
            let style = Style { color, width };
            let footers = Footers::new(style);
            for articles in [1, 2, 30] {
                for help in ["short", long_help, "", "\n", "trailing space "] {
                    let finding = Finding {
                        help: help.into(),
                        ..finding(articles)
                    };
                    // Twice: the help drawn, then reused.
                    for _ in 0..2 {
                        assert_eq!(
                            footers.render_finding(&finding, shown_articles(&finding), &sources),
                            render_finding(&finding, &sources, style),
                            "{articles} articles, help {help:?}, {style:?}"
                        );
                    }
                }
            }
            assert!(footers.lock().values().all(Option::is_some));
        }
    }

    #[test]
    fn findings_rendered_in_parallel_are_written_in_their_order() {
        let findings: Vec<Finding> = (0..RENDERED_AT_ONCE * 2 + 5)
            .map(|n| Finding {
                message: format!("finding number {n:04}"),
                ..finding(1 + n % 3)
            })
            .collect();
        let style = Style {
            color: false,
            width: 200,
        };
        // The articles do not exist: each finding is shown without its snippets.
        let expected: String = findings
            .iter()
            .map(|f| render_finding(f, &Sources::from_texts([]), style))
            .collect();
        let outcome = Outcome {
            findings,
            ..Outcome::default()
        };
        let written = report(&Report::new(&outcome, None), style);
        assert!(written.starts_with(&expected), "{written}");
        let order: Vec<usize> = written
            .match_indices("finding number ")
            .map(|(at, _)| written[at + 15..at + 19].parse().expect("four digits"))
            .collect();
        assert_eq!(order, (0..RENDERED_AT_ONCE * 2 + 5).collect::<Vec<_>>());
    }
}
