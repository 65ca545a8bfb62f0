//! The engine: read every article, find its claims, and reconcile them into findings.
//! Articles are read and checked in parallel, a batch at a time; the result does not
//! depend on the order in which they finish.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::claim::{Claim, ClaimStore};
use crate::corpus::{self, Article, Published, Skipped};
use crate::document::Document;
use crate::finding::Finding;
use crate::kinds::Found;
use crate::kinds::quote;
use crate::kinds::quote::findings::{ArticleQuotes, QuoteSites};
use crate::reconcile::{reconcile, sort_findings};
use crate::rules::{RuleSet, Topic};
use crate::scan::Scanner;
use crate::text::stance::Stance;

/// What one article contributed.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleInfo {
    /// One string shared with the claim store and the quotations.
    pub path: Arc<str>,
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
    /// Every claim, in article order; the findings' evidence cites them.
    pub claims: Arc<ClaimStore>,
    pub findings: Vec<Finding>,
    /// How long each stage took: not part of any report.
    #[serde(skip)]
    pub timings: Timings,
}

/// The wall time of each stage of a check, for `--timings` and the benchmark: the stages
/// after the last article is read must grow with the corpus, not faster.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Compiling the scanner, walking the folders, reading and checking every article.
    pub checking: std::time::Duration,
    /// Matching quotations across articles and drafting their findings.
    pub quotations: std::time::Duration,
    /// Reconciling each topic's claims, and sorting the findings.
    pub reconciling: std::time::Duration,
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

/// How far a check has got, for a progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Articles read and checked so far.
    pub done: usize,
    /// Articles to check in all.
    pub total: usize,
}

/// How many articles are checked in parallel before their claims are stored compactly:
/// it bounds how many claims are held in full at once.
const BATCH: usize = 256;

/// Checks the articles at `paths` (files or folders) against `rules`.
pub fn check(paths: &[PathBuf], rules: &RuleSet) -> Outcome {
    check_with(paths, rules, &CheckOptions::default())
}

/// [`check`] with options. Each article is read, checked and dropped before the
/// next is read on the same thread, so memory follows the largest article, not the corpus.
pub fn check_with(paths: &[PathBuf], rules: &RuleSet, options: &CheckOptions) -> Outcome {
    check_with_progress(paths, rules, options, |_| {})
}

/// [`check_with`], telling `progress` how far it has got after every batch of articles.
pub fn check_with_progress(
    paths: &[PathBuf],
    rules: &RuleSet,
    options: &CheckOptions,
    progress: impl Fn(Progress),
) -> Outcome {
    let started = std::time::Instant::now();
    // Compiled first, so that what compiling leaves behind is reused by the walk.
    let scanner = Scanner::new(rules);
    let walk = corpus::walk(paths);
    let mut outcome = Outcome {
        skipped: walk.skipped,
        missing: walk.missing,
        ..Outcome::default()
    };
    let mut store = ClaimStore::default();
    let mut quotes = QuoteSites::default();
    let mut drafts = quote::findings::Drafts::default();
    let total = walk.files.len();
    outcome.articles.reserve_exact(total);
    progress(Progress { done: 0, total });
    let mut done = 0;
    // Each batch's file names are freed once it is merged.
    let mut files = walk.files.into_iter();
    type Batch = Vec<(PathBuf, String)>;
    type Results = Vec<Result<Checked, Skipped>>;
    let check_batch = |batch: &[(PathBuf, String)]| -> Results {
        batch
            .par_iter()
            .map(|(path, display)| {
                let article = corpus::read_article_limited(path, display, options.max_file_size)?;
                Ok(check_article(&article, rules, &scanner))
            })
            .collect()
    };
    // Merging is serial and in article order; it runs while the next batch is checked, so
    // at most two batches' results are held at once.
    let mut merge = |batch: Batch, results: Results| {
        for ((path, _), result) in batch.iter().zip(results) {
            match result {
                Ok(checked) => {
                    if !checked.claims.is_empty() {
                        store.share_path(&checked.info.path);
                    }
                    outcome.articles.push(checked.info);
                    for claim in checked.claims {
                        store.push(claim);
                    }
                    quotes.add(Some(path), checked.quotes, checked.length_as_is);
                    if let Some(unbalanced) = checked.unbalanced {
                        drafts.unbalanced(unbalanced);
                    }
                }
                Err(skipped) => outcome.skipped.push(skipped),
            }
        }
    };
    let mut pending: Option<(Batch, Results)> = None;
    loop {
        let batch: Batch = files.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            if let Some((previous, results)) = pending.take() {
                merge(previous, results);
            }
            break;
        }
        let results = match pending.take() {
            Some((previous, checked)) => {
                rayon::join(|| merge(previous, checked), || check_batch(&batch)).1
            }
            None => check_batch(&batch),
        };
        done += batch.len();
        progress(Progress { done, total });
        pending = Some((batch, results));
    }
    drop(files);
    // The automaton's states are many megabytes; reconciling needs the memory more.
    drop(scanner);
    outcome.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    store.shrink_to_fit();
    let store = Arc::new(store);
    let checked = std::time::Instant::now();
    // Quotation findings first: theirs is the stage that needs the most memory, and the
    // disagreements' evidence (millions of citations in an archive) need not be held
    // through it. The disagreements still come first before sorting, as ties keep order.
    let quoted = quote::findings::findings_with(&quotes, &rules.quotes, drafts);
    drop(quotes);
    let quotations = std::time::Instant::now();
    outcome.findings.extend(reconcile(rules, &store));
    outcome.claims = store;
    outcome.findings.extend(quoted);
    sort_findings(&mut outcome.findings);
    outcome.timings = Timings {
        checking: checked - started,
        quotations: quotations - checked,
        reconciling: quotations.elapsed(),
    };
    outcome
}

/// What one article yields: its claims, its quotations, and its unpaired quotation
/// marks. The article's text is not kept.
pub struct Checked {
    pub info: ArticleInfo,
    pub claims: Vec<Claim>,
    pub quotes: ArticleQuotes,
    pub unbalanced: Option<quote::findings::Unbalanced>,
    /// The article's length in bytes when its text was decoded from UTF-8, so that it
    /// may be its file's bytes as they are.
    pub length_as_is: Option<u64>,
}

/// Checks one article against the rules.
pub fn check_article(article: &Article, rules: &RuleSet, scanner: &Scanner) -> Checked {
    let doc = Document::new(article);
    let claims = document_claims(&doc, rules, scanner);
    let (quotes, unbalanced) = quote::findings::sites(&doc, &rules.quotes);
    let info = ArticleInfo {
        path: quotes.path().clone(),
        published: article.published.clone(),
        claims: claims.len(),
    };
    Checked {
        info,
        claims,
        quotes,
        unbalanced,
        length_as_is: article
            .encoding
            .is_none()
            .then_some(article.text.len() as u64),
    }
}

/// The claims of one article as [`article_claims`] finds them, with the patterns of all
/// topics in scope searched in one pass over the body.
pub fn scanned_claims(article: &Article, rules: &RuleSet, scanner: &Scanner) -> Vec<Claim> {
    document_claims(&Document::new(article), rules, scanner)
}

/// [`scanned_claims`] of a document already prepared.
pub fn document_claims(doc: &Document, rules: &RuleSet, scanner: &Scanner) -> Vec<Claim> {
    wanted_claims(
        doc,
        rules,
        scanner,
        &topics_in_scope(rules, doc.searchable_text()),
    )
}

/// For each topic, whether its scope takes in an article of this text, as
/// [`Topic::in_scope`] says.
fn topics_in_scope(rules: &RuleSet, text: &str) -> Vec<bool> {
    // Topics about the same people share scope patterns: each is searched once.
    let mut searched: Vec<(&str, bool)> = Vec::new();
    rules
        .topics
        .iter()
        .map(|topic| {
            topic.scope.iter().all(|pattern| {
                let source = pattern.as_str();
                match searched.iter().find(|(known, _)| *known == source) {
                    Some(&(_, found)) => found,
                    None => {
                        let found = pattern.is_match(text);
                        searched.push((source, found));
                        found
                    }
                }
            })
        })
        .collect()
}

/// [`document_claims`] of the topics marked in `wanted`.
fn wanted_claims(
    doc: &Document,
    rules: &RuleSet,
    scanner: &Scanner,
    wanted: &[bool],
) -> Vec<Claim> {
    if !wanted.contains(&true) {
        return Vec::new();
    }
    let hits = scanner.scan(doc, rules, wanted);
    rules
        .topics
        .iter()
        .enumerate()
        .filter(|(index, _)| wanted[*index])
        .flat_map(|(index, topic)| {
            let found = topic.spec.extract_hits(
                doc,
                &topic.anchor,
                topic.context,
                hits.topic(index),
                hits.windows(index),
                hits.exact(index),
            );
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
        .filter(|topic| topic.in_scope(doc.searchable_text()))
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
    let mut claims = Vec::with_capacity(found.len());
    // A sentence's cues are read once, however many claims it holds.
    let mut read: crate::claim::FastMap<usize, crate::text::stance::SentenceCues> =
        crate::claim::FastMap::default();
    for found in found {
        let Some(sentence_index) = doc.sentence_at(found.span.start) else {
            continue;
        };
        let text = doc.searchable_sentence(sentence_index);
        let claim = doc.searchable_range(sentence_index, found.span.clone());
        let stance = if claim.start <= STANCE_REACH
            && claim.end.saturating_add(STANCE_REACH) >= text.len()
        {
            // The reach takes in the whole sentence, whose cues are then read once for
            // all the claims in it (and, for the shipped cues, for all topics).
            match doc.builtin_cues(sentence_index) {
                Some(shared) if topic.cues.is_builtin() => shared.stance(claim),
                _ => read
                    .entry(sentence_index)
                    .or_insert_with(|| topic.cues.read(text))
                    .stance(claim),
            }
        } else {
            stance_of(doc, topic, sentence_index, &found.span)
        };
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
    // A date borrowed from a neighbouring sentence can be found from two anchors.
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    let mut claims = without_repeats(claims);
    let mut line_column = doc.line_column_counter();
    for claim in &mut claims {
        (claim.line, claim.column) = line_column(claim.span.start);
    }
    claims
}

/// `claims` (sorted by span) without those that repeat an earlier one: the same span
/// and the same value as displayed.
fn without_repeats(claims: Vec<Claim>) -> Vec<Claim> {
    // Most topics find each span once.
    if claims.windows(2).all(|pair| pair[0].span != pair[1].span) {
        return claims;
    }
    let mut kept: Vec<Claim> = Vec::with_capacity(claims.len());
    // Equal spans are together; only there can a claim repeat another.
    let mut same_span_from = 0;
    for claim in claims {
        if kept.last().is_some_and(|last| last.span == claim.span) {
            let display = claim.value.display();
            if kept[same_span_from..]
                .iter()
                .any(|other| other.value.display() == display)
            {
                continue;
            }
        } else {
            same_span_from = kept.len();
        }
        kept.push(claim);
    }
    kept
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

    #[test]
    fn repeated_claims_are_dropped_and_claims_with_other_values_kept() {
        let claim = |span: Range<usize>, id: &str| Claim {
            topic: "t".to_string(),
            value: crate::claim::Value::Category {
                id: id.to_string(),
                label: format!("label of {id}"),
            },
            stance: Stance::Asserted,
            path: "a.txt".to_string(),
            text: String::new(),
            span,
            line: 0,
            column: 0,
            sentence: 0..100,
        };
        let claims = vec![
            claim(0..5, "a"),
            claim(0..5, "b"),
            claim(0..5, "a"),
            claim(0..6, "a"),
            claim(3..9, "b"),
            claim(3..9, "b"),
            claim(3..9, "a"),
            claim(3..9, "b"),
            claim(10..12, "a"),
        ];
        let mut seen = std::collections::HashSet::new();
        let mut expected = claims.clone();
        expected.retain(|c| seen.insert((c.span.clone(), c.value.display())));
        let kept = without_repeats(claims);
        assert_eq!(kept, expected);
        assert_eq!(kept.len(), 6);
    }

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
    /// and paragraphs, with curly quotes and accents, and with invisible characters and
    /// odd spaces inside the words patterns look for.
    const TRICKY: &[&str] = &[
        " date 2022-09-08 Legend and West fell out. He didn't support him! His run, in 2020, was a bid for president? Legend refused to back Kanye's 2020 campaign, and the friendship ended.\n",
        "Legend and Kanye West: the rift. “We stopped being friends because he supported Trump,” which was a mischaracterization; their issues were political differences.\n\nIn November last year, Kanye called out Legend.\nWhile speaking on the Drink Champs podcast, he said so. On a 2020 episode of “Drink Champs,” West called Legend a sellout.\n",
        "West received about 60,000 votes out of an estimated total of 160 million in the 2020 election. Legend, 43, said the friendship was over. Ye. West. Legend, forty-three, was upset; the friendship\nended because he did not support him when he ran for president in 2020.\n",
        "Kanye West (45) and Legend — the rift — over West’s support for Donald Trump. Éric said the feud was about politics drove them apart. The real reason: Legend didn't endorse West in his 2020 presidential run.",
        "Legend\u{00A0}didn’t\u{200B} support\u{00A0}him when West ran for\u{00AD} president in 2020.\u{00A0}The friend\u{200D}ship\u{2028}ended over\u{202F}political differences. West\u{2060} received about 60,000\u{00A0}votes.\u{3000}Legend, 43, said so.",
    ];

    #[test]
    fn stances_read_once_per_sentence_are_those_judged_claim_by_claim() {
        // A topic with cues of its own takes the other path from the shipped topics.
        let rules = rules_with(
            r#"
id = "extra/own-cues"
title = "Own cues"
kind = "category"
[[value]]
id = "friend"
label = "friendship"
patterns = ['(?i)\bfriend(ship)?s?\b', '(?i)\bpolitic(s|al)\b']
[[cue]]
phrase = "a mischaracterization"
effect = "deny"
position = "after"
"#,
        );
        let mut texts: Vec<String> = std::fs::read_dir("seeds")
            .expect("the seeds folder")
            .map(|entry| std::fs::read_to_string(entry.expect("a seed").path()).expect("seed text"))
            .collect();
        texts.extend(TRICKY.iter().map(|t| t.to_string()));
        let (mut judged, mut not_asserted) = (0, 0);
        for text in &texts {
            let doc = Document::from_text("a.txt", text, 0, None);
            for topic in &rules.topics {
                for claim in topic_claims(&doc, topic) {
                    let index = doc
                        .sentence_at(claim.span.start)
                        .expect("a claim's sentence");
                    assert_eq!(
                        claim.stance,
                        stance_of(&doc, topic, index, &claim.span),
                        "{} in {:?}",
                        claim.text,
                        doc.sentence_text(index)
                    );
                    judged += 1;
                    not_asserted += usize::from(claim.stance != Stance::Asserted);
                }
            }
        }
        assert!(judged > 50, "the texts make claims ({judged})");
        assert!(
            not_asserted > 3,
            "some claims are denied or hedged ({not_asserted})"
        );
    }

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
    fn scopes_searched_once_each_say_what_each_topic_says() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let texts = [
            "Legend and West met in 2020.",
            "Legend spoke to the New Yorker.",
            "West said nothing about Trump.",
            "Legend, West and Trump in 2020, told the New Yorker.",
            "Nothing here.",
        ];
        let mut differing = std::collections::HashSet::new();
        for text in texts {
            let each: Vec<bool> = rules.topics.iter().map(|t| t.in_scope(text)).collect();
            assert_eq!(topics_in_scope(&rules, text), each, "{text}");
            differing.insert(each);
        }
        assert!(differing.len() >= 4, "the texts take in different topics");
    }

    #[test]
    fn articles_that_no_topic_applies_to_are_not_split_or_scanned() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let unrelated = article("a.txt", "The council voted on the budget. Nothing else.");
        assert!(scanned_claims(&unrelated, &rules, &scanner).is_empty());
    }

    #[test]
    fn an_article_no_topic_applies_to_yields_quotations_only_when_they_are_checked() {
        let mut rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let unrelated = article(
            "a.txt",
            "The mayor said: “We will finish the new bridge before the winter comes.” The council agreed.",
        );
        let checked = check_article(&unrelated, &rules, &scanner);
        assert!(checked.claims.is_empty());
        assert_eq!(checked.quotes.len(), 1);
        rules.quotes.enabled = false;
        let checked = check_article(&unrelated, &rules, &scanner);
        assert!(checked.claims.is_empty());
        assert!(checked.quotes.is_empty());
        assert!(checked.unbalanced.is_none());
        assert_eq!(checked.info.claims, 0);
    }
}
