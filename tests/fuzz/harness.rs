//! What the fuzz targets do with one input, shared by the fuzz crate and by the test that
//! replays every saved input (tests/fuzz_regressions.rs). Any panic here is a bug; the
//! assertions state what must hold for any input.

#![allow(dead_code)]

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use claimcheck::check::{article_claims, check_article as check_one, scanned_claims, topic_claims};
use claimcheck::claim::Claim;
use claimcheck::corpus::{Article, article_from_bytes, header};
use claimcheck::document::Document;
use claimcheck::kinds::date::{absolute, find_dates, resolve};
use claimcheck::kinds::number::{find_quantities, parse_quantity};
use claimcheck::reconcile::reconcile;
use claimcheck::report::{Sources, human};
use claimcheck::rules::examples::run_examples;
use claimcheck::rules::{RuleSet, RuleSource};
use claimcheck::scan::Scanner;
use claimcheck::text::normalise::Normalised;
use claimcheck::text::sentences::split_sentences;
use claimcheck::text::stance::StanceCues;

static SHIPPED: LazyLock<RuleSet> = LazyLock::new(|| match RuleSet::shipped() {
    Ok(rules) => rules,
    Err(errors) => panic!("the shipped rules load ({} errors)", errors.len()),
});

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| Scanner::new(&SHIPPED));

static CUES: LazyLock<StanceCues> = LazyLock::new(StanceCues::builtin);

const STYLE: human::Style = human::Style {
    color: false,
    width: 80,
};

/// Arbitrary bytes as a rule file: compiled alone, its errors rendered, its examples run.
pub fn rule_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let source = RuleSource {
        path: "rules/fuzz.toml".to_string(),
        text: text.as_ref().into(),
    };
    match RuleSet::from_sources(vec![source]) {
        Ok(rules) => {
            for outcome in run_examples(&rules) {
                if let Some(failure) = &outcome.failure {
                    assert_span_in(failure.span(), &text);
                    let _ = human::render(failure, STYLE);
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a failed load says why");
            for error in &errors {
                assert_span_in(error.span(), &text);
                let _ = human::render(error, STYLE);
            }
        }
    }
}

/// Arbitrary bytes as an article file: read as the corpus reads it, every shipped topic
/// applied whatever its scope, findings rendered; then the text through each normaliser.
pub fn article(data: &[u8]) {
    let text = match article_from_bytes("fuzz.txt", data.to_vec()) {
        Ok(article) => {
            check_article(&article);
            article.text
        }
        Err(skipped) => {
            assert!(!skipped.reason.is_empty(), "a skipped file says why");
            String::from_utf8_lossy(data).into_owned()
        }
    };
    normalisers(&text, data);
}

fn check_article(article: &Article) {
    let doc = Document::new(article);
    for (index, sentence) in doc.sentences.iter().enumerate() {
        assert!(article.text.get(sentence.span.clone()).is_some());
        let searchable = doc.searchable_sentence(index);
        let whole = doc.original_span(index, 0..searchable.len());
        assert_eq!(whole, sentence.span, "a whole sentence maps back to itself");
    }
    let claims: Vec<Claim> = SHIPPED
        .topics
        .iter()
        .flat_map(|topic| topic_claims(&doc, topic))
        .collect();
    for claim in &claims {
        assert_eq!(
            article.text.get(claim.span.clone()),
            Some(claim.text.as_str())
        );
        assert!(claim.sentence.start <= claim.span.start && claim.span.end <= claim.sentence.end);
        assert!(claim.line >= 1 && claim.column >= 1);
    }
    // One scan of the searchable body for all topics finds what searching sentence by
    // sentence finds.
    assert_eq!(
        scanned_claims(article, &SHIPPED, &SCANNER),
        article_claims(article, &SHIPPED)
    );
    let _ = check_one(article, &SHIPPED, &SCANNER);
    let findings = reconcile(&SHIPPED, &std::sync::Arc::new(claims.into_iter().collect()));
    let sources = Sources::from_texts([(article.path.clone(), article.text.clone())]);
    for finding in &findings {
        let _ = human::render_finding(finding, &sources, STYLE);
    }
}

fn normalisers(text: &str, data: &[u8]) {
    let _ = header(text);

    let published = [
        None,
        NaiveDate::from_ymd_opt(2022, 9, 8),
        Some(NaiveDate::MIN),
        Some(NaiveDate::MAX),
    ];
    for mention in find_dates(text) {
        assert!(text.get(mention.span.clone()).is_some());
        let _ = mention.expr.to_string();
        for date in published {
            if let Some(interval) = resolve(&mention.expr, date) {
                assert!(interval.start <= interval.end);
                let again = resolve(&absolute(&interval), date);
                assert_eq!(again, Some(interval), "resolving {:?} again", mention.expr);
                let _ = interval.to_string();
            }
        }
    }

    for (span, quantity) in find_quantities(text) {
        assert!(text.get(span).is_some());
        assert!(quantity.low <= quantity.high, "{quantity:?}");
        let _ = quantity.to_string();
    }
    for line in text.lines().take(64) {
        let _ = parse_quantity(line);
    }

    let sentences = split_sentences(text);
    let pick = |i: usize, len: usize| data.get(i).map_or(0, |&b| usize::from(b)) * (len + 1) / 256;
    for sentence in &sentences {
        let piece = &text[sentence.span.clone()];
        let (a, b) = (pick(0, piece.len()), pick(1, piece.len()));
        let _ = CUES.stance(piece, a.min(b)..a.max(b));
    }
    for pair in sentences.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "sentences in order");
    }

    let normalised = Normalised::new(text);
    let searchable = normalised.as_str();
    let (a, b) = (pick(2, searchable.len()), pick(3, searchable.len()));
    let range: Range<usize> = a.min(b)..a.max(b);
    let original = normalised.to_original(range);
    assert!(
        text.get(original.clone()).is_some(),
        "maps onto char boundaries"
    );
    let back = normalised.from_original(original);
    assert!(searchable.get(back).is_some());
}

/// A diagnostic's span lies inside its file, on character boundaries.
fn assert_span_in(span: Option<Range<usize>>, text: &str) {
    if let Some(span) = span {
        assert!(
            text.get(span.clone()).is_some() || span.start == span.end && span.end <= text.len(),
            "span {span:?} of a {} byte file",
            text.len()
        );
    }
}
