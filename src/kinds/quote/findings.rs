//! Quotations in the engine: where each quotation of an article stands (kept small so
//! that articles need not stay in memory), and the findings for utterances rendered
//! differently in different articles.

use std::ops::Range;

use serde::Deserialize;

use super::{Class, Quotation, QuoteRef, find_quotations, match_utterances, tokenize};
use crate::claim::{Claim, Value};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::reconcile::finding_for;
use crate::text::stance::Stance;

/// The topic id under which quotation findings are reported.
pub const TOPIC: &str = "quotes";

/// How quotations are checked; `rules/quotes.toml` may set any of these.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuoteSettings {
    /// Check quotations at all.
    pub enabled: bool,
    /// Quotations with fewer words are titles or scare quotes, not utterances.
    pub min_words: usize,
    /// Severity of substituted, inserted or omitted words.
    pub misquote: Severity,
    /// Severity of a changed negation or number.
    pub altered: Severity,
    /// Report quotation marks that have no partner (as info).
    pub unbalanced: bool,
}

impl Default for QuoteSettings {
    fn default() -> QuoteSettings {
        QuoteSettings {
            enabled: true,
            min_words: super::UTTERANCE_MIN_WORDS,
            misquote: Severity::Warning,
            altered: Severity::Error,
            unbalanced: true,
        }
    }
}

/// A quotation and where it stands in its article.
#[derive(Clone, Debug)]
pub struct QuoteSite {
    pub path: String,
    pub quotation: Quotation,
    /// 1-based line and column of the quotation's first byte.
    pub line: usize,
    pub column: usize,
}

impl QuoteSite {
    /// 1-based line and column of a byte offset inside the quotation's text.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = self.quotation.text.get(..offset).unwrap_or("");
        match before.rfind('\n') {
            None => (self.line, self.column + before.chars().count()),
            Some(i) => (
                self.line + before.matches('\n').count(),
                before[i + 1..].chars().count() + 1,
            ),
        }
    }

    /// A claim standing for the part `range` (relative to the quotation) of this quotation.
    fn claim(&self, range: Range<usize>) -> Claim {
        let start = self.quotation.span.start;
        let (line, column) = self.position(range.start);
        Claim {
            topic: TOPIC.to_string(),
            value: Value::Quote {
                speaker: self.quotation.speaker.clone(),
            },
            stance: Stance::Asserted,
            path: self.path.clone(),
            text: self
                .quotation
                .text
                .get(range.clone())
                .unwrap_or("")
                .to_string(),
            span: start + range.start..start + range.end,
            line,
            column,
            sentence: self.quotation.span.clone(),
        }
    }
}

/// The utterances of a document (quotations long enough to compare), and a finding for
/// its unbalanced quotation marks, if any.
pub fn sites(doc: &Document, settings: &QuoteSettings) -> (Vec<QuoteSite>, Option<Finding>) {
    if !settings.enabled {
        return (Vec::new(), None);
    }
    let body_start = doc
        .sentences
        .first()
        .map_or(doc.text.len(), |s| s.span.start);
    let scan = find_quotations(&doc.text[body_start..]);
    let sites = scan
        .quotations
        .into_iter()
        .filter(|q| tokenize(&q.text).words.len() >= settings.min_words.max(1))
        .map(|mut quotation| {
            quotation.span = quotation.span.start + body_start..quotation.span.end + body_start;
            let (line, column) = doc.line_column(quotation.span.start);
            QuoteSite {
                path: doc.path.to_string(),
                quotation,
                line,
                column,
            }
        })
        .collect();
    let unbalanced = (settings.unbalanced && !scan.unbalanced.is_empty()).then(|| {
        let evidence = scan
            .unbalanced
            .iter()
            .map(|mark| {
                let span = mark.start + body_start..mark.end + body_start;
                let (line, column) = doc.line_column(span.start);
                let claim = Claim {
                    topic: TOPIC.to_string(),
                    value: Value::Quote { speaker: None },
                    stance: Stance::Asserted,
                    path: doc.path.to_string(),
                    text: doc.span_text(&span).to_string(),
                    sentence: doc.sentence_at(span.start).map_or(span.clone(), |i| doc.sentences[i].span.clone()),
                    span,
                    line,
                    column,
                };
                (claim, "this quotation mark has no partner".to_string())
            })
            .collect();
        finding_for(
            TOPIC,
            Severity::Info,
            "claimcheck::quote::unbalanced",
            format!("{} quotation mark(s) cannot be paired", scan.unbalanced.len()),
            "a quotation may run on without its closing mark, or a mark may be doubled; quotations near it may be cut wrongly".to_string(),
            evidence,
        )
    });
    (sites, unbalanced)
}

/// One finding for each utterance rendered differently by different articles: each
/// rendering's differing words are labelled in its article, and the help line sets the
/// wordings side by side. Renderings that are faithful (case, apostrophes, dashes,
/// spacing) or only abridged (truncated, an ellipsis, words in square brackets) make
/// no finding.
pub fn findings(sites: &[QuoteSite], settings: &QuoteSettings) -> Vec<Finding> {
    let mut articles: Vec<&str> = sites.iter().map(|s| s.path.as_str()).collect();
    articles.dedup();
    let article_index = |path: &str| articles.binary_search(&path).unwrap_or(0);
    let refs: Vec<QuoteRef<'_>> = sites
        .iter()
        .map(|s| QuoteRef {
            article: article_index(&s.path),
            quotation: &s.quotation,
        })
        .collect();
    let mut out = Vec::new();
    for utterance in match_utterances(&refs) {
        let severity = match utterance.class {
            Class::Faithful | Class::Abridged => continue,
            Class::Misquote => settings.misquote,
            Class::Altered => settings.altered,
        };
        let code = match utterance.class {
            Class::Altered => "claimcheck::quote::altered",
            _ => "claimcheck::quote::misquote",
        };
        let reference = &utterance.renderings[utterance.reference()];
        let reference_site = &sites[reference.quotation];
        let mut evidence = Vec::new();
        let mut reference_spans: Vec<Range<usize>> = Vec::new();
        for rendering in &utterance.renderings {
            let site = &sites[rendering.quotation];
            for difference in rendering
                .differences
                .iter()
                .filter(|d| d.kind.class() >= Class::Misquote)
            {
                let label = match (
                    difference.rendering.is_empty(),
                    difference.reference.is_empty(),
                ) {
                    (true, _) => format!("leaves out “{}”", difference.reference),
                    (_, true) => format!("adds “{}”", difference.rendering),
                    _ => format!(
                        "“{}” where {} has “{}”",
                        difference.rendering,
                        file_name(&reference_site.path),
                        difference.reference
                    ),
                };
                evidence.push((site.claim(difference.span.clone()), label));
                if !reference_spans.contains(&difference.reference_span) {
                    reference_spans.push(difference.reference_span.clone());
                }
            }
        }
        for span in reference_spans {
            let claim = reference_site.claim(span);
            let label = if claim.text.is_empty() {
                "reference wording".to_string()
            } else {
                format!("reference wording: “{}”", claim.text)
            };
            evidence.push((claim, label));
        }
        // A name ("Legend") says more than a description ("the singer").
        let speakers: Vec<&String> = utterance
            .renderings
            .iter()
            .filter_map(|r| sites[r.quotation].quotation.speaker.as_ref())
            .collect();
        let speaker = speakers
            .iter()
            .find(|s| s.starts_with(char::is_uppercase))
            .or(speakers.first())
            .map(|s| s.to_string());
        let who = speaker.map_or("A quotation".to_string(), |s| format!("A quotation of {s}"));
        let message = format!(
            "{who} is worded differently in {} articles",
            utterance.articles()
        );
        let help = format!("the wordings differ: {}", utterance.summary());
        out.push(finding_for(TOPIC, severity, code, message, help, evidence));
    }
    out
}

fn file_name(path: &str) -> &str {
    crate::reconcile::file_name(path)
}
