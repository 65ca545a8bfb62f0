//! Text that tries to confuse: invisible characters and odd spaces inside phrases,
//! look-alike quotation marks, runaway quotation nesting, impossible dates and numbers
//! too long to be numbers. Claims must still be found where the words are there, spans must
//! point at the text as written, and nothing may panic.

use std::sync::LazyLock;

use claimcheck::check::article_claims;
use claimcheck::claim::{Claim, Value};
use claimcheck::corpus::article_from_bytes;
use claimcheck::kinds::date::find_dates;
use claimcheck::kinds::number::{find_quantities, parse_quantity};
use claimcheck::rules::RuleSet;
use claimcheck::text::stance::Stance;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| match RuleSet::shipped() {
    Ok(rules) => rules,
    Err(errors) => panic!("the shipped rules load ({} errors)", errors.len()),
});

fn claims(text: &str) -> Vec<Claim> {
    let article = article_from_bytes("article.txt", text.as_bytes().to_vec())
        .unwrap_or_else(|skipped| panic!("the test article is readable: {}", skipped.reason));
    let claims = article_claims(&article, &RULES);
    for claim in &claims {
        assert_eq!(
            text.get(claim.span.clone()),
            Some(claim.text.as_str()),
            "a claim's span points at its text as written"
        );
        assert!(text.get(claim.sentence.clone()).is_some());
    }
    claims
}

fn on_topic<'a>(claims: &'a [Claim], topic: &str) -> Vec<&'a Claim> {
    claims
        .iter()
        .filter(|c| c.topic == format!("legend-west/{topic}"))
        .collect()
}

fn category(claim: &Claim) -> &str {
    match &claim.value {
        Value::Category { id, .. } => id,
        other => panic!("a category claim, not {other:?}"),
    }
}

const FALLOUT: &str = "date 2022-09-08 Legend talked about West.\n\nHe was very upset with me that I didn’t{} support{}him{}running for President, and that strained our friendship.\n";

fn fallout_with(inside_word: &str, between_words: &str) -> String {
    FALLOUT
        .replacen("{}", inside_word, 1)
        .replacen("{}", between_words, 1)
        .replacen("{}", between_words, 1)
}

#[test]
fn zero_width_characters_inside_a_phrase_do_not_hide_the_claim() {
    for invisible in ['\u{200B}', '\u{200D}', '\u{FEFF}', '\u{2060}', '\u{00AD}'] {
        let space_then_invisible = format!(" {invisible}");
        let text = fallout_with(&invisible.to_string(), &space_then_invisible);
        let found = claims(&text);
        let fallout = on_topic(&found, "fallout-cause");
        assert_eq!(
            fallout.len(),
            1,
            "with U+{:04X}: {found:#?}",
            invisible as u32
        );
        assert_eq!(category(fallout[0]), "unsupported-run");
        assert_eq!(fallout[0].stance, Stance::Asserted);
        assert_eq!(
            fallout[0].text,
            format!("didn’t{invisible} support {invisible}him {invisible}running"),
            "the claim keeps the text as written"
        );
        assert_eq!((fallout[0].line, fallout[0].column), (3, 34));
    }
}

#[test]
fn non_breaking_and_narrow_spaces_between_words_are_spaces() {
    for space in ['\u{00A0}', '\u{202F}', '\u{2009}', '\u{3000}'] {
        let text = fallout_with("", &space.to_string());
        let found = claims(&text);
        let fallout = on_topic(&found, "fallout-cause");
        assert_eq!(fallout.len(), 1, "with U+{:04X}: {found:#?}", space as u32);
        assert_eq!(
            fallout[0].text,
            format!("didn’t support{space}him{space}running")
        );
    }
}

#[test]
fn invisible_characters_inside_names_do_not_take_an_article_out_of_scope() {
    let text = "Le\u{200B}gend said Kanye\u{00A0}West, 45, was upset.";
    let found = claims(text);
    let age = on_topic(&found, "west-age");
    assert_eq!(age.len(), 1, "{found:#?}");
    assert_eq!(age[0].text, "Kanye\u{00A0}West, 45,");
}

#[test]
fn look_alike_apostrophes_match_patterns_and_stance_cues() {
    for apostrophe in ['\'', '’', 'ʼ', '′', '＇', '`'] {
        let text = fallout_with("", " ").replace('’', &apostrophe.to_string());
        let fallout_claims = claims(&text);
        let fallout = on_topic(&fallout_claims, "fallout-cause");
        assert_eq!(fallout.len(), 1, "with {apostrophe}: {fallout_claims:#?}");
        assert_eq!(category(fallout[0]), "unsupported-run");

        let denied = format!(
            "Legend and West fell out because he supported Trump, which isn{apostrophe}t true."
        );
        let found = claims(&denied);
        let fallout = on_topic(&found, "fallout-cause");
        assert_eq!(fallout.len(), 1, "with {apostrophe}: {found:#?}");
        assert_eq!(fallout[0].stance, Stance::Denied, "with {apostrophe}");
    }
}

#[test]
fn foreign_and_look_alike_quotation_marks_do_not_break_sentences_or_claims() {
    let text = "Legend said: «He was upset that I didn’t support him running, and that strained our friendship.» „West, 45, agreed“. ‹West, 45, agreed› 「West, 45」 ＂West, 45, agreed＂";
    let found = claims(text);
    assert_eq!(on_topic(&found, "fallout-cause").len(), 1, "{found:#?}");
    assert_eq!(on_topic(&found, "west-age").len(), 3, "{found:#?}");
}

#[test]
fn deeply_nested_and_unbalanced_quotation_marks_are_harmless() {
    let nested = format!(
        "{}Legend said West, 45, was upset.{} And then “more”” ”” “ ‘ ’’’.",
        "“‘".repeat(20_000),
        "’”".repeat(20_000)
    );
    let found = claims(&nested);
    assert_eq!(on_topic(&found, "west-age").len(), 1, "{found:#?}");

    let unbalanced = format!(
        "Legend said West, 45, was upset. {} West, 45, again.\n{}",
        "“".repeat(50_000),
        "”. ".repeat(20_000)
    );
    let found = claims(&unbalanced);
    assert_eq!(on_topic(&found, "west-age").len(), 2, "{found:#?}");
}

#[test]
fn impossible_dates_are_not_dates() {
    for text in [
        "on February 30",
        "on February 30, 2021",
        "September 31, 2022",
        "30 February 2020",
        "the year 99999",
        "in 99999",
        "2021-02-30",
        "2021-13-01",
        "in the year 0",
    ] {
        assert_eq!(find_dates(text), vec![], "{text}");
    }
    // A date topic finds nothing in them either, while a real date is found.
    let impossible =
        "date 2022-09-08 Legend spoke to West. West appeared on Drink Champs on February 30, 2021.";
    assert!(on_topic(&claims(impossible), "drink-champs-date").is_empty());
    let real = impossible.replace("February 30", "February 3");
    let found = claims(&real);
    let date = on_topic(&found, "drink-champs-date");
    assert_eq!(date.len(), 1, "{found:#?}");
    assert_eq!(date[0].value.display(), "2021-02-03");
}

#[test]
fn numbers_with_thousands_of_digits_are_not_quantities() {
    let long = "9".repeat(5_000);
    let scaled = format!("1{}", "0".repeat(5_000));
    let grouped = format!("1{}", ",000".repeat(2_000));
    let decimal = format!("0.{}1", "0".repeat(5_000));
    for number in [&long, &scaled, &grouped] {
        assert_eq!(parse_quantity(number), None, "{} digits", number.len());
        let text =
            format!("Legend said West, {number}, was upset and West received {number} votes.");
        let found = claims(&text);
        assert!(on_topic(&found, "west-age").is_empty(), "{found:#?}");
        assert!(on_topic(&found, "west-votes").is_empty(), "{found:#?}");
        assert!(
            find_quantities(&text)
                .iter()
                .all(|(_, q)| q.value.is_finite())
        );
    }
    // Tiny numbers are representable as long as their digits fit.
    assert_eq!(parse_quantity(&decimal), None);
    assert!(parse_quantity("0.0001").is_some());
    assert_eq!(parse_quantity(&"nine hundred ".repeat(1_000)), None);
}
