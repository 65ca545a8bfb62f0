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
use crate::claim::Claim;
use crate::corpus::read_article_limited;
use crate::finding::{Finding, Severity};

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
        Format::Human => human::report(report, &Sources::load(&report.outcome.findings), style),
        Format::Short => short::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, &Sources::load(&report.outcome.findings)),
        Format::Github => github::render(report),
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
    match claim.text.rfind('\n') {
        None => (claim.line, claim.column + claim.text.chars().count()),
        Some(i) => (
            claim.line + claim.text.matches('\n').count(),
            claim.text[i + 1..].chars().count() + 1,
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
    /// Reads every article cited by `findings`. An article that can no longer be read
    /// is left out; its evidence is then shown without a snippet. No size limit applies:
    /// the check that made the findings already accepted these files.
    pub fn load(findings: &[Finding]) -> Sources {
        let mut texts = BTreeMap::new();
        for evidence in findings.iter().flat_map(|f| &f.evidence) {
            let path = &evidence.claim.path;
            if texts.contains_key(path) {
                continue;
            }
            if let Ok(article) = read_article_limited(Path::new(path), path, u64::MAX) {
                texts.insert(path.clone(), Arc::from(article.text));
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
    use crate::claim::Value;
    use crate::text::stance::Stance;

    pub(crate) fn claim_with_text(text: &str, line: usize, column: usize) -> Claim {
        Claim {
            topic: "t".to_string(),
            value: Value::Category {
                id: "v".to_string(),
                label: "v".to_string(),
            },
            stance: Stance::Asserted,
            path: "a.txt".to_string(),
            span: 0..text.len(),
            line,
            column,
            text: text.to_string(),
            sentence: 0..text.len(),
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
