//! JSON documents for machines: the check report, the claims listing and the rule test
//! results. Each is versioned and documented field by field in `src/report/JSON.md`;
//! the shapes here are written out rather than derived from the engine's types, so that
//! the engine can change without changing the format.

use std::io::Write;
use std::ops::Range;

use serde::Serialize;

use super::{Report, TOOL_NAME, TOOL_VERSION, end_of, end_position};
use crate::baseline::{Entry, fingerprint};
use crate::check::{ArticleInfo, Outcome};
use crate::claim::{Claim, ClaimRef, Value};
use crate::corpus::DateSource;
use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;
use crate::rules::examples::{ExampleOutcome, Uncovered};
use crate::text::stance::Stance;

/// The version of every JSON document this build writes.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

const TOOL: Tool = Tool {
    name: TOOL_NAME,
    version: TOOL_VERSION,
};

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

impl From<&Range<usize>> for Span {
    fn from(range: &Range<usize>) -> Span {
        Span {
            start: range.start,
            end: range.end,
        }
    }
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    path: &'a str,
    published: Option<chrono::NaiveDate>,
    published_from: Option<DateSource>,
    claims: usize,
}

impl<'a> From<&'a ArticleInfo> for ArticleJson<'a> {
    fn from(info: &'a ArticleInfo) -> ArticleJson<'a> {
        ArticleJson {
            path: &info.path,
            published: info.published.as_ref().map(|p| p.date),
            published_from: info.published.as_ref().map(|p| p.source),
            claims: info.claims,
        }
    }
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    path: &'a str,
    reason: &'a str,
    missing: bool,
}

fn skipped(outcome: &Outcome) -> Vec<SkippedJson<'_>> {
    outcome
        .missing
        .iter()
        .map(|s| SkippedJson {
            path: &s.path,
            reason: &s.reason,
            missing: true,
        })
        .chain(outcome.skipped.iter().map(|s| SkippedJson {
            path: &s.path,
            reason: &s.reason,
            missing: false,
        }))
        .collect()
}

#[derive(Serialize)]
struct Position<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: Span,
    text: &'a str,
    value: &'a Value,
    display: String,
    stance: Stance,
}

impl<'a> From<ClaimRef<'a>> for Position<'a> {
    fn from(claim: ClaimRef<'a>) -> Position<'a> {
        let span = claim.span();
        let (end_line, end_column) = end_of(claim.line(), claim.column(), claim.text());
        Position {
            path: claim.path(),
            line: claim.line(),
            column: claim.column(),
            end_line,
            end_column,
            span: Span::from(&span),
            text: claim.text(),
            value: claim.value(),
            display: claim.value().display(),
            stance: claim.stance(),
        }
    }
}

impl<'a> From<&'a Claim> for Position<'a> {
    fn from(claim: &'a Claim) -> Position<'a> {
        let (end_line, end_column) = end_position(claim);
        Position {
            path: &claim.path,
            line: claim.line,
            column: claim.column,
            end_line,
            end_column,
            span: Span::from(&claim.span),
            text: &claim.text,
            value: &claim.value,
            display: claim.value.display(),
            stance: claim.stance,
        }
    }
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    #[serde(flatten)]
    position: Position<'a>,
    label: &'a str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    code: &'a str,
    severity: Severity,
    topic: &'a str,
    message: &'a str,
    help: &'a str,
    fingerprint: String,
    evidence: Vec<EvidenceJson<'a>>,
}

impl<'a> From<&'a Finding> for FindingJson<'a> {
    fn from(finding: &'a Finding) -> FindingJson<'a> {
        FindingJson {
            code: &finding.code,
            severity: finding.severity,
            topic: &finding.topic,
            message: &finding.message,
            help: &finding.help,
            fingerprint: fingerprint(finding),
            evidence: finding
                .evidence
                .iter()
                .map(|e| EvidenceJson {
                    position: Position::from(e.claim),
                    label: e.label,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct BaselineJson<'a> {
    path: &'a str,
    suppressed: Vec<FindingJson<'a>>,
    stale: &'a [Entry],
}

#[derive(Serialize)]
struct Summary {
    articles: usize,
    claims: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    info: usize,
    skipped: usize,
    missing: usize,
    baselined: usize,
    stale: usize,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    version: u32,
    tool: Tool,
    articles: Each<'a, ArticleInfo>,
    skipped: Vec<SkippedJson<'a>>,
    findings: Each<'a, Finding>,
    baseline: Option<BaselineJson<'a>>,
    summary: Summary,
}

/// A list written item by item as it is serialized: an archive's report is never
/// held whole in memory.
struct Each<'a, T>(&'a [T]);

impl Serialize for Each<'_, ArticleInfo> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(ArticleJson::from))
    }
}

impl Serialize for Each<'_, Finding> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(FindingJson::from))
    }
}

/// The check report as a JSON document (version [`VERSION`]), pretty-printed.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`render`], written to `out` as it is made.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let outcome = report.outcome;
    let count = |s: Severity| outcome.findings.iter().filter(|f| f.severity == s).count();
    let document = CheckJson {
        version: VERSION,
        tool: TOOL,
        articles: Each(&outcome.articles),
        skipped: skipped(outcome),
        findings: Each(&outcome.findings),
        baseline: report.baseline.map(|applied| BaselineJson {
            path: &applied.path,
            suppressed: applied.suppressed.iter().map(FindingJson::from).collect(),
            stale: &applied.stale,
        }),
        summary: Summary {
            articles: outcome.articles.len(),
            claims: outcome.claims.len(),
            findings: outcome.findings.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            info: count(Severity::Info),
            skipped: outcome.skipped.len(),
            missing: outcome.missing.len(),
            baselined: report.baseline.map_or(0, |a| a.suppressed.len()),
            stale: report.baseline.map_or(0, |a| a.stale.len()),
        },
    };
    // The document is written in millions of pieces of a few bytes: they are gathered
    // here, where writing one is a copy, not a call through `out`.
    let mut gathered = std::io::BufWriter::with_capacity(GATHERED, out);
    serde_json::to_writer_pretty(&mut gathered, &document).map_err(std::io::Error::from)?;
    gathered.write_all(b"\n")?;
    gathered.flush()
}

/// How many bytes of a JSON document are gathered before they are written.
const GATHERED: usize = 1 << 16;

#[derive(Serialize)]
struct ClaimJson<'a> {
    topic: &'a str,
    #[serde(flatten)]
    position: Position<'a>,
    sentence: Span,
}

#[derive(Serialize)]
struct ClaimsSummary {
    articles: usize,
    claims: usize,
    skipped: usize,
    missing: usize,
}

#[derive(Serialize)]
struct ClaimsJson<'a> {
    version: u32,
    tool: Tool,
    articles: Vec<ArticleJson<'a>>,
    skipped: Vec<SkippedJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
    summary: ClaimsSummary,
}

/// The claims listing as a JSON document: `claims` in the order given.
pub fn claims(outcome: &Outcome, claims: &[&Claim]) -> String {
    let document = ClaimsJson {
        version: VERSION,
        tool: TOOL,
        articles: outcome.articles.iter().map(ArticleJson::from).collect(),
        skipped: skipped(outcome),
        claims: claims
            .iter()
            .map(|claim| ClaimJson {
                topic: &claim.topic,
                position: Position::from(*claim),
                sentence: Span::from(&claim.sentence),
            })
            .collect(),
        summary: ClaimsSummary {
            articles: outcome.articles.len(),
            claims: claims.len(),
            skipped: outcome.skipped.len(),
            missing: outcome.missing.len(),
        },
    };
    to_text(&document)
}

#[derive(Serialize)]
struct RuleLocation<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    span: Span,
}

impl<'a> RuleLocation<'a> {
    fn new(rules: &'a RuleSet, file: usize, span: &Range<usize>) -> RuleLocation<'a> {
        let source = &rules.files[file];
        let (line, column) = line_column(&source.text, span.start);
        RuleLocation {
            path: &source.path,
            line,
            column,
            span: Span::from(span),
        }
    }
}

#[derive(Serialize)]
struct ExampleJson<'a> {
    topic: &'a str,
    /// 0-based index among the topic's `[[test]]` tables.
    index: usize,
    #[serde(flatten)]
    location: RuleLocation<'a>,
    passed: bool,
    message: Option<&'a str>,
}

#[derive(Serialize)]
struct UncoveredJson<'a> {
    topic: &'a str,
    #[serde(flatten)]
    location: RuleLocation<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct TestSummary {
    rules: usize,
    examples: usize,
    passed: usize,
    failed: usize,
    uncovered: usize,
}

#[derive(Serialize)]
struct TestJson<'a> {
    version: u32,
    tool: Tool,
    examples: Vec<ExampleJson<'a>>,
    /// `None` when coverage was not asked for.
    uncovered: Option<Vec<UncoveredJson<'a>>>,
    summary: TestSummary,
}

/// The results of `claimcheck test` as a JSON document. `uncovered` is `None` when
/// coverage was not checked.
pub fn test_results(
    rules: &RuleSet,
    outcomes: &[ExampleOutcome],
    uncovered: Option<&[Uncovered]>,
) -> String {
    let failed = outcomes.iter().filter(|o| o.failure.is_some()).count();
    let document = TestJson {
        version: VERSION,
        tool: TOOL,
        examples: outcomes
            .iter()
            .map(|o| ExampleJson {
                topic: &o.topic.id,
                index: o.index,
                location: RuleLocation::new(rules, o.topic.file, &o.topic.examples[o.index].span),
                passed: o.failure.is_none(),
                message: o.failure.as_ref().map(|f| f.message.as_str()),
            })
            .collect(),
        uncovered: uncovered.map(|list| {
            list.iter()
                .map(|u| UncoveredJson {
                    topic: &u.topic.id,
                    location: RuleLocation::new(rules, u.topic.file, &u.id_span),
                    message: &u.error.message,
                })
                .collect()
        }),
        summary: TestSummary {
            rules: rules.topics.len(),
            examples: outcomes.len(),
            passed: outcomes.len() - failed,
            failed,
            uncovered: uncovered.map_or(0, <[Uncovered]>::len),
        },
    };
    to_text(&document)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn to_text(document: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(document)
        .expect("report documents hold only strings, numbers and maps with string keys");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Skipped;

    #[test]
    fn an_empty_outcome_is_a_complete_document() {
        let outcome = Outcome::default();
        let text = render(&Report::new(&outcome, None));
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["version"], 1);
        assert_eq!(value["tool"]["name"], "claimcheck");
        assert_eq!(value["findings"], serde_json::json!([]));
        assert_eq!(value["baseline"], serde_json::Value::Null);
        assert_eq!(value["summary"]["findings"], 0);
    }

    #[test]
    fn missing_and_skipped_paths_are_listed_apart() {
        let outcome = Outcome {
            missing: vec![Skipped {
                path: "gone".to_string(),
                reason: "no such file or directory".to_string(),
            }],
            skipped: vec![Skipped {
                path: "b.bin".to_string(),
                reason: "binary file".to_string(),
            }],
            ..Outcome::default()
        };
        let value: serde_json::Value =
            serde_json::from_str(&render(&Report::new(&outcome, None))).expect("valid JSON");
        assert_eq!(value["skipped"][0]["path"], "gone");
        assert_eq!(value["skipped"][0]["missing"], true);
        assert_eq!(value["skipped"][1]["missing"], false);
        assert_eq!(value["summary"]["missing"], 1);
    }

    #[test]
    fn line_and_column_of_an_offset_count_characters() {
        assert_eq!(line_column("ab\nçd", 5), (2, 2));
        assert_eq!(line_column("ab", 99), (1, 3));
        assert_eq!(line_column("é", 1), (1, 1));
    }
}
