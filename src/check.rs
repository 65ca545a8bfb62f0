//! The engine: read every article, find its claims, and reconcile them into findings.
//! Articles are read and checked in parallel; the result does not depend on the order
//! in which they finish.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::claim::Claim;
use crate::corpus::{self, Article, Published, Skipped};
use crate::document::Document;
use crate::finding::Finding;
use crate::kinds::quote;
use crate::kinds::quote::findings::QuoteSite;
use crate::reconcile::{reconcile, sort_findings};
use crate::rules::{RuleSet, Topic};

/// What one article contributed.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleInfo {
    pub path: String,
    pub published: Option<Published>,
    pub claims: usize,
}

/// Everything a check found.
#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub articles: Vec<ArticleInfo>,
    /// Files that were found but could not be checked.
    pub skipped: Vec<Skipped>,
    /// Paths given on the command line that do not exist.
    pub missing: Vec<Skipped>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
}

/// Checks the articles at `paths` (files or folders) against `rules`.
pub fn check(paths: &[PathBuf], rules: &RuleSet) -> Outcome {
    let walk = corpus::walk(paths);
    let results: Vec<Result<Checked, Skipped>> = walk
        .files
        .par_iter()
        .map(|(path, display)| {
            let article = corpus::read_article(path, display)?;
            Ok(check_article(&article, rules))
        })
        .collect();
    let mut outcome = Outcome {
        skipped: walk.skipped,
        missing: walk.missing,
        ..Outcome::default()
    };
    let mut quotes = Vec::new();
    for result in results {
        match result {
            Ok(mut checked) => {
                outcome.articles.push(checked.info);
                outcome.claims.append(&mut checked.claims);
                quotes.append(&mut checked.quotes);
                outcome.findings.extend(checked.unbalanced);
            }
            Err(skipped) => outcome.skipped.push(skipped),
        }
    }
    outcome.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    outcome.findings.extend(reconcile(rules, &outcome.claims));
    outcome
        .findings
        .extend(quote::findings::findings(&quotes, &rules.quotes));
    sort_findings(&mut outcome.findings);
    outcome
}

/// What one article yields: its claims, its quotations, and a finding for its unpaired
/// quotation marks. The article's text is not kept.
pub struct Checked {
    pub info: ArticleInfo,
    pub claims: Vec<Claim>,
    pub quotes: Vec<QuoteSite>,
    pub unbalanced: Option<Finding>,
}

/// Checks one article against the rules.
pub fn check_article(article: &Article, rules: &RuleSet) -> Checked {
    let doc = Document::new(article);
    let claims = claims_in(&doc, rules);
    let (quotes, unbalanced) = quote::findings::sites(&doc, &rules.quotes);
    let info = ArticleInfo {
        path: article.path.clone(),
        published: article.published.clone(),
        claims: claims.len(),
    };
    Checked {
        info,
        claims,
        quotes,
        unbalanced,
    }
}

/// The claims of one article, in the order of the rules, then of position.
pub fn article_claims(article: &Article, rules: &RuleSet) -> Vec<Claim> {
    claims_in(&Document::new(article), rules)
}

/// The claims of a prepared document, topic by topic.
pub fn claims_in(doc: &Document, rules: &RuleSet) -> Vec<Claim> {
    rules
        .topics
        .iter()
        .filter(|topic| topic.in_scope(doc.text))
        .flat_map(|topic| topic_claims(doc, topic))
        .collect()
}

/// The claims one topic finds in a document, whatever its scope, by position.
pub fn topic_claims(doc: &Document, topic: &Topic) -> Vec<Claim> {
    let mut claims = Vec::new();
    for index in 0..doc.sentences.len() {
        for found in topic.spec.extract(doc, index, &topic.anchor, topic.context) {
            let Some(sentence_index) = doc.sentence_at(found.span.start) else {
                continue;
            };
            let sentence = doc.sentences[sentence_index].span.clone();
            let relative = found.span.start - sentence.start
                ..found.span.end.min(sentence.end) - sentence.start;
            let stance = topic.cues.stance(&doc.text[sentence.clone()], relative);
            let (line, column) = doc.line_column(found.span.start);
            claims.push(Claim {
                topic: topic.id.clone(),
                value: found.value,
                stance,
                path: doc.path.to_string(),
                text: doc.span_text(&found.span).to_string(),
                span: found.span,
                line,
                column,
                sentence,
            });
        }
    }
    // A date borrowed from a neighbouring sentence can be found from two anchors.
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    let mut seen = std::collections::HashSet::new();
    claims.retain(|c| seen.insert((c.span.clone(), c.value.display())));
    claims
}
