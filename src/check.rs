//! The engine: read every article, find its claims, and reconcile them into findings.
//! Articles are read and checked in parallel; the result does not depend on the order
//! in which they finish.

use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::claim::Claim;
use crate::corpus::{self, Article, Published, Skipped};
use crate::document::Document;
use crate::finding::Finding;
use crate::reconcile::reconcile;
use crate::rules::{RuleSet, Topic};
use crate::text::stance::Stance;

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

/// How a check reads the corpus.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Files with more bytes than this are skipped, with a reason.
    pub max_file_size: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            max_file_size: corpus::DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Checks the articles at `paths` (files or folders) against `rules`.
pub fn check(paths: &[PathBuf], rules: &RuleSet) -> Outcome {
    check_with(paths, rules, &CheckOptions::default())
}

/// [`check`] with options. Each article is read, checked and dropped before the
/// next is read on the same thread, so memory follows the largest article, not the corpus.
pub fn check_with(paths: &[PathBuf], rules: &RuleSet, options: &CheckOptions) -> Outcome {
    let walk = corpus::walk(paths);
    let results: Vec<Result<(ArticleInfo, Vec<Claim>), Skipped>> = walk
        .files
        .par_iter()
        .map(|(path, display)| {
            let article = corpus::read_article_limited(path, display, options.max_file_size)?;
            let claims = article_claims(&article, rules);
            let info = ArticleInfo {
                path: article.path.clone(),
                published: article.published.clone(),
                claims: claims.len(),
            };
            Ok((info, claims))
        })
        .collect();
    let mut outcome = Outcome {
        skipped: walk.skipped,
        missing: walk.missing,
        ..Outcome::default()
    };
    for result in results {
        match result {
            Ok((info, mut claims)) => {
                outcome.articles.push(info);
                outcome.claims.append(&mut claims);
            }
            Err(skipped) => outcome.skipped.push(skipped),
        }
    }
    outcome.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    outcome.findings = reconcile(rules, &outcome.claims);
    outcome
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
        .filter(|topic| topic.in_scope(doc.searchable_text()))
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
            let stance = stance_of(doc, topic, sentence_index, &found.span);
            claims.push(Claim {
                topic: topic.id.clone(),
                value: found.value,
                stance,
                path: doc.path.to_string(),
                text: doc.span_text(&found.span).to_string(),
                span: found.span,
                line: 0,
                column: 0,
                sentence: doc.sentences[sentence_index].span.clone(),
            });
        }
    }
    // A date borrowed from a neighbouring sentence can be found from two anchors.
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    let mut seen = std::collections::HashSet::new();
    claims.retain(|c| seen.insert((c.span.clone(), c.value.display())));
    let starts: Vec<usize> = claims.iter().map(|c| c.span.start).collect();
    for (claim, (line, column)) in claims.iter_mut().zip(doc.line_columns(&starts)) {
        claim.line = line;
        claim.column = column;
    }
    claims
}

/// How far from a claim, in bytes of its sentence, stance cues are looked for. A clause
/// boundary almost always ends a cue's reach long before this; the bound keeps a sentence
/// with thousands of claims (a page without full stops) from costing its length per claim.
const STANCE_REACH: usize = 2048;

/// The stance of the claim at `span` (in the article), judged in its searchable sentence.
fn stance_of(doc: &Document, topic: &Topic, sentence: usize, span: &Range<usize>) -> Stance {
    let text = doc.searchable_sentence(sentence);
    let claim = doc.searchable_range(sentence, span.clone());
    let mut from = claim.start.saturating_sub(STANCE_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = claim.end.saturating_add(STANCE_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    topic
        .cues
        .stance(&text[from..to], claim.start - from..claim.end - from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules() -> RuleSet {
        let source = RuleSource {
            path: "rules/t.toml".to_string(),
            text: "id = \"t/cause\"\ntitle = \"t\"\nkind = \"category\"\n[[value]]\nid = \"money\"\nlabel = \"money\"\npatterns = ['(?i)\\bover money\\b']\n".into(),
        };
        match RuleSet::from_sources(vec![source]) {
            Ok(rules) => rules,
            Err(errors) => panic!("the test rule loads: {}", errors[0].message),
        }
    }

    fn stances(text: &str) -> Vec<(Stance, usize, usize)> {
        let rules = rules();
        let doc = Document::from_text("a.txt", text, 0, None);
        claims_in(&doc, &rules)
            .iter()
            .map(|c| (c.stance, c.line, c.column))
            .collect()
    }

    #[test]
    fn a_cue_reaches_a_claim_within_the_stance_reach_but_not_beyond() {
        let near = format!(
            "They split over money{}, which is false.",
            " and".repeat(100)
        );
        assert_eq!(stances(&near), vec![(Stance::Denied, 1, 12)]);
        let far = format!(
            "They split over money{}, which is false.",
            " and".repeat(STANCE_REACH / 4 + 1)
        );
        assert_eq!(stances(&far), vec![(Stance::Asserted, 1, 12)]);
    }

    #[test]
    fn many_claims_in_one_long_sentence_each_get_their_position() {
        let text = "over money, ".repeat(5_000);
        let found = stances(&text);
        assert_eq!(found.len(), 5_000);
        assert_eq!(found[0], (Stance::Asserted, 1, 1));
        assert_eq!(found[4_999], (Stance::Asserted, 1, 1 + 12 * 4_999));
    }
}
