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
use crate::kinds::Found;
use crate::kinds::quote;
use crate::kinds::quote::findings::{ArticleQuotes, QuoteSites};
use crate::reconcile::{reconcile, sort_findings};
use crate::rules::{RuleSet, Topic};
use crate::scan::Scanner;

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

/// Articles checked in parallel before what they yield is gathered.
const BATCH: usize = 512;

/// Checks the articles at `paths` (files or folders) against `rules`.
pub fn check(paths: &[PathBuf], rules: &RuleSet) -> Outcome {
    let walk = corpus::walk(paths);
    let scanner = Scanner::new(rules);
    let mut outcome = Outcome {
        skipped: walk.skipped,
        missing: walk.missing,
        ..Outcome::default()
    };
    let mut quotes = QuoteSites::default();
    // Articles are checked in parallel a batch at a time and gathered in order, so that
    // what each yields is reduced as it comes rather than held for the whole corpus.
    for batch in walk.files.chunks(BATCH) {
        let results: Vec<Result<Checked, Skipped>> = batch
            .par_iter()
            .map(|(path, display)| {
                let article = corpus::read_article(path, display)?;
                Ok(check_article(&article, rules, &scanner))
            })
            .collect();
        for ((path, _), result) in batch.iter().zip(results) {
            match result {
                Ok(mut checked) => {
                    outcome.articles.push(checked.info);
                    outcome.claims.append(&mut checked.claims);
                    quotes.add(Some(path), checked.quotes);
                    outcome.findings.extend(checked.unbalanced);
                }
                Err(skipped) => outcome.skipped.push(skipped),
            }
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
    pub quotes: ArticleQuotes,
    pub unbalanced: Option<Finding>,
}

/// Checks one article against the rules.
pub fn check_article(article: &Article, rules: &RuleSet, scanner: &Scanner) -> Checked {
    let doc = Document::new(article);
    let claims = document_claims(&doc, rules, scanner);
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

/// The claims of one article as [`article_claims`] finds them, with the patterns of all
/// topics in scope searched in one pass over the body.
pub fn scanned_claims(article: &Article, rules: &RuleSet, scanner: &Scanner) -> Vec<Claim> {
    document_claims(&Document::new(article), rules, scanner)
}

/// [`scanned_claims`] of a document already prepared.
pub fn document_claims(doc: &Document, rules: &RuleSet, scanner: &Scanner) -> Vec<Claim> {
    let wanted: Vec<bool> = rules
        .topics
        .iter()
        .map(|topic| topic.in_scope(doc.text))
        .collect();
    if !wanted.contains(&true) {
        return Vec::new();
    }
    let hits = scanner.scan(doc, rules, &wanted);
    rules
        .topics
        .iter()
        .enumerate()
        .filter(|(index, _)| wanted[*index])
        .flat_map(|(index, topic)| {
            let found =
                topic
                    .spec
                    .extract_hits(doc, &topic.anchor, topic.context, hits.topic(index));
            claims_from(doc, topic, found)
        })
        .collect()
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
    let found = topic
        .spec
        .extract_document(doc, &topic.anchor, topic.context);
    claims_from(doc, topic, found)
}

/// Claims from what a topic's kind found: stance, position and text added.
fn claims_from(doc: &Document, topic: &Topic, found: Vec<Found>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for found in found {
        let Some(sentence_index) = doc.sentence_at(found.span.start) else {
            continue;
        };
        let sentence = doc.sentences[sentence_index].span.clone();
        let relative =
            found.span.start - sentence.start..found.span.end.min(sentence.end) - sentence.start;
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
    // A date borrowed from a neighbouring sentence can be found from two anchors.
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    let mut seen = std::collections::HashSet::new();
    claims.retain(|c| seen.insert((c.span.clone(), c.value.display())));
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn article(path: &str, text: &str) -> Article {
        let (published, body_start) = corpus::header(text);
        Article {
            path: path.to_string(),
            text: text.to_string(),
            published,
            body_start,
            encoding: None,
        }
    }

    fn rules_with(extra: &str) -> RuleSet {
        let mut sources: Vec<RuleSource> = crate::rules::RuleSet::shipped()
            .expect("the shipped rules compile")
            .files;
        sources.push(RuleSource {
            path: "rules/extra.toml".to_string(),
            text: extra.into(),
        });
        RuleSet::from_sources(sources).expect("the extra rule compiles")
    }

    /// Texts where matches of the shipped patterns run across sentence ends, line breaks
    /// and paragraphs, with curly quotes and accents.
    const TRICKY: &[&str] = &[
        " date 2022-09-08 Legend and West fell out. He didn't support him! His run, in 2020, was a bid for president? Legend refused to back Kanye's 2020 campaign, and the friendship ended.\n",
        "Legend and Kanye West: the rift. “We stopped being friends because he supported Trump,” which was a mischaracterization; their issues were political differences.\n\nIn November last year, Kanye called out Legend.\nWhile speaking on the Drink Champs podcast, he said so. On a 2020 episode of “Drink Champs,” West called Legend a sellout.\n",
        "West received about 60,000 votes out of an estimated total of 160 million in the 2020 election. Legend, 43, said the friendship was over. Ye. West. Legend, forty-three, was upset; the friendship\nended because he did not support him when he ran for president in 2020.\n",
        "Kanye West (45) and Legend — the rift — over West’s support for Donald Trump. Éric said the feud was about politics drove them apart. The real reason: Legend didn't endorse West in his 2020 presidential run.",
    ];

    #[test]
    fn one_pass_finds_exactly_the_claims_of_sentence_by_sentence_search() {
        // A pattern anchored to the sentence start, one with Unicode boundaries and one
        // that reaches across sentences take the slower paths; the answer is the same.
        let rules = rules_with(
            r#"
id = "extra/odd-patterns"
title = "Odd patterns"
kind = "category"
anchor = ['^(Legend|Kanye|West)', '\bÉric\b', '(?s)friend.{0,30}over']
[[value]]
id = "start"
label = "starts a sentence"
patterns = ['^In \d{4}', '(?m)^While', 'president\.?$']
[[value]]
id = "across"
label = "across sentences"
patterns = ['[^;]{0,60}?\bfriendship\b', '(?i)\bwest\b\W+\w+']
"#,
        );
        let scanner = Scanner::new(&rules);
        let mut seeds: Vec<Article> = std::fs::read_dir("seeds")
            .expect("the seeds folder")
            .map(|entry| {
                let path = entry.expect("a seed").path();
                let text = std::fs::read_to_string(&path).expect("seed text");
                article(&path.to_string_lossy(), &text)
            })
            .collect();
        seeds.extend(
            TRICKY
                .iter()
                .enumerate()
                .map(|(i, text)| article(&format!("tricky-{i}.txt"), text)),
        );
        let mut total = 0;
        for article in &seeds {
            let expected = article_claims(article, &rules);
            total += expected.len();
            assert_eq!(
                scanned_claims(article, &rules, &scanner),
                expected,
                "{}",
                article.path
            );
        }
        assert!(total > 40, "the texts make claims ({total})");
    }

    #[test]
    fn articles_that_no_topic_applies_to_are_not_split_or_scanned() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let unrelated = article("a.txt", "The council voted on the budget. Nothing else.");
        assert!(scanned_claims(&unrelated, &rules, &scanner).is_empty());
    }
}
