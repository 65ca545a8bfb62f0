//! Properties of the normalisers that must hold for any input: no panic on arbitrary
//! text, offsets on character boundaries, resolving a date is idempotent, a number
//! reads the same however it is written (digits, separators, words, scale words), and one
//! scan of an article for all rules finds what searching sentence by sentence finds.

use std::sync::LazyLock;

use chrono::{NaiveDate, Weekday};
use proptest::prelude::*;

use claimcheck::check::{article_claims, scanned_claims};
use claimcheck::corpus::{Article, header};
use claimcheck::kinds::date::{
    Granularity, Occurrence, Underspecified, absolute, find_dates, resolve,
};
use claimcheck::kinds::number::{Quantity, find_quantities, parse_quantity};
use claimcheck::rules::RuleSet;
use claimcheck::scan::Scanner;
use claimcheck::text::normalise::Normalised;
use claimcheck::text::sentences::split_sentences;
use claimcheck::text::stance::{Cue, CueEffect, CuePosition, StanceCues};

/// Words and marks the normalisers react to, so that random text often looks like news.
const PIECES: &[&str] = &[
    "November",
    "Sept.",
    "May",
    "last",
    "this past",
    "next",
    "year",
    "month",
    "week",
    "ago",
    "two",
    "2021",
    "2018",
    "31",
    "4th",
    "of",
    "in",
    "mid-",
    "early",
    "Thursday",
    "yesterday",
    "60,000",
    "1.5",
    "million",
    "about",
    "more than",
    "sixty",
    "forty-three",
    "hundred",
    "and",
    "a",
    "dozen",
    "$",
    "%",
    "-",
    "–",
    "—",
    ",",
    ".",
    "...",
    "…",
    "!",
    "?",
    ";",
    ":",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "\"",
    "(",
    ")",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "\u{00A0}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{2028}",
    "é",
    "😀",
    "U.S.",
    "Mr.",
    "Dr.",
    "J.",
    "denied",
    "not because",
    "which was a mischaracterization",
    "reportedly",
    "but",
    "though",
    "speculated that",
    "West",
    "Legend",
    "0",
    "9999",
    "99999",
];

/// Words the shipped rules look for, to mix into news-like text.
const CLAIM_PIECES: &[&str] = &[
    "Legend",
    "Kanye West",
    "John Legend",
    "didn’t support him",
    "didn\u{00A0}t support\u{00A0}him",
    "didn’t\u{200B} support him running",
    "support him when he ran for president",
    "political differences",
    "political\u{00A0}differences",
    "supported Trump",
    "Drink Champs",
    "Drink\u{200D} Champs",
    "in November last year",
    "2020",
    "60,000 votes",
    "about 60,000\u{00A0}votes",
    "160 million",
    "Legend, 43,",
    "friendship",
    "which was a mischaracterization",
];

fn claimish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(PIECES),
            prop::sample::select(CLAIM_PIECES)
        ],
        0..60,
    )
    .prop_map(|pieces| format!("date 2022-09-08\n{}", pieces.join(" ")))
}

static SHIPPED: LazyLock<RuleSet> = LazyLock::new(|| match RuleSet::shipped() {
    Ok(rules) => rules,
    Err(errors) => panic!("the shipped rules load ({} errors)", errors.len()),
});

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| Scanner::new(&SHIPPED));

fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.join(" "))
}

/// Arbitrary Unicode, or news-like text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), newsish(), "\\PC{0,200}"]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")),
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("in range")),
    ]
}

use chrono::Datelike;

fn occurrence() -> impl Strategy<Value = Occurrence> {
    prop_oneof![
        Just(Occurrence::MostRecent),
        Just(Occurrence::Previous),
        Just(Occurrence::Next),
        Just(Occurrence::Current),
    ]
}

fn granularity() -> impl Strategy<Value = Granularity> {
    prop_oneof![
        Just(Granularity::Day),
        Just(Granularity::Month),
        Just(Granularity::Year)
    ]
}

/// Any expression, including months and days that do not exist and huge offsets.
fn expression() -> impl Strategy<Value = Underspecified> {
    let month = prop_oneof![1u32..=12, any::<u32>()];
    let day = prop_oneof![1u32..=31, any::<u32>()];
    let offset = prop_oneof![-30i32..30, any::<i32>()];
    let year = prop_oneof![1000i32..3000, any::<i32>()];
    prop_oneof![
        year.clone().prop_map(Underspecified::Year),
        (year.clone(), month.clone())
            .prop_map(|(year, month)| Underspecified::Month { year, month }),
        (year, month.clone(), day.clone()).prop_map(|(year, month, day)| Underspecified::Day {
            year,
            month,
            day
        }),
        (date(), date(), granularity()).prop_map(|(start, end, granularity)| {
            Underspecified::Range {
                start,
                end,
                granularity,
            }
        }),
        month
            .clone()
            .prop_map(|month| Underspecified::MonthWithoutYear { month }),
        (month.clone(), day).prop_map(|(month, day)| Underspecified::DayWithoutYear { month, day }),
        (month.clone(), offset.clone())
            .prop_map(|(month, years)| Underspecified::MonthInRelativeYear { month, years }),
        (month, occurrence())
            .prop_map(|(month, which)| Underspecified::NamedMonth { month, which }),
        offset.clone().prop_map(Underspecified::RelativeYear),
        offset.clone().prop_map(Underspecified::RelativeMonth),
        offset.clone().prop_map(Underspecified::RelativeWeek),
        offset.prop_map(Underspecified::RelativeDay),
        (0u8..7, occurrence()).prop_map(|(day, which)| Underspecified::Weekday {
            weekday: Weekday::try_from(day).expect("0..7 is a weekday"),
            which
        }),
    ]
}

/// `n` in words, the way prose writes it: "one million two hundred thousand and five".
fn in_words(n: u64) -> String {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_thousand(n: u64) -> String {
        let (hundreds, rest) = (n / 100, n % 100);
        let rest_words = match rest {
            0 => String::new(),
            1..=19 => UNITS[rest as usize].to_string(),
            _ if rest % 10 == 0 => TENS[(rest / 10) as usize].to_string(),
            _ => format!(
                "{}-{}",
                TENS[(rest / 10) as usize],
                UNITS[(rest % 10) as usize]
            ),
        };
        match (hundreds, rest) {
            (0, _) => rest_words,
            (h, 0) => format!("{} hundred", UNITS[h as usize]),
            (h, _) => format!("{} hundred and {rest_words}", UNITS[h as usize]),
        }
    }
    if n == 0 {
        return "zero".to_string();
    }
    let mut parts = Vec::new();
    for (scale, word) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        if !(n / scale).is_multiple_of(1000) {
            parts.push(format!("{} {word}", below_thousand(n / scale % 1000)));
        }
    }
    if !n.is_multiple_of(1000) {
        parts.push(below_thousand(n % 1000));
    }
    parts.join(" ")
}

fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn interval(q: Option<Quantity>) -> Option<(f64, f64, f64)> {
    q.map(|q| (q.value, q.low, q.high))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn finding_dates_never_panics_and_spans_are_whole_characters(text in text()) {
        let mentions = find_dates(&text);
        for pair in mentions.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "in order, not overlapping");
        }
        for mention in &mentions {
            prop_assert!(text.get(mention.span.clone()).is_some());
            prop_assert!(!mention.span.is_empty());
        }
    }

    #[test]
    fn resolving_never_panics_and_gives_ordered_intervals(
        expr in expression(),
        published in prop::option::of(date()),
    ) {
        if let Some(interval) = resolve(&expr, published) {
            prop_assert!(interval.start <= interval.end);
            let _ = interval.to_string();
        }
        let _ = expr.to_string();
    }

    #[test]
    fn resolving_a_resolved_date_again_changes_nothing(
        expr in expression(),
        published in prop::option::of(date()),
        other in prop::option::of(date()),
    ) {
        if let Some(interval) = resolve(&expr, published) {
            let again = absolute(&interval);
            prop_assert!(!again.is_relative());
            prop_assert_eq!(resolve(&again, published), Some(interval));
            // An absolute date needs no publication date, and ignores another one.
            prop_assert_eq!(resolve(&again, other), Some(interval));
        }
    }

    #[test]
    fn dates_found_in_text_resolve_idempotently(text in newsish(), published in date()) {
        for mention in find_dates(&text) {
            if let Some(interval) = resolve(&mention.expr, Some(published)) {
                prop_assert_eq!(resolve(&absolute(&interval), Some(published)), Some(interval));
            }
        }
    }

    #[test]
    fn quantity_parsing_never_panics_and_intervals_hold_their_value(text in text()) {
        for candidate in [Some(text.as_str()), text.lines().next()].into_iter().flatten() {
            if let Some(q) = parse_quantity(candidate) {
                prop_assert!(q.value.is_finite() && q.low.is_finite());
                prop_assert!(q.low <= q.value && q.value <= q.high, "{:?}", q);
            }
        }
        for (span, q) in find_quantities(&text) {
            prop_assert!(text.get(span).is_some());
            prop_assert!(q.low <= q.high, "{:?}", q);
        }
    }

    #[test]
    fn a_number_reads_the_same_with_and_without_separators(n in 0u64..1_000_000_000_000) {
        let plain = n.to_string();
        let separated = with_separators(n);
        prop_assert!(parse_quantity(&plain).is_some());
        prop_assert_eq!(interval(parse_quantity(&plain)), interval(parse_quantity(&separated)));
        prop_assert_eq!(
            interval(parse_quantity(&format!("about {plain}"))),
            interval(parse_quantity(&format!("about {separated}")))
        );
    }

    #[test]
    fn a_number_reads_the_same_in_words_and_in_digits(n in prop_oneof![0u64..1000, 0u64..1_000_000_000_000]) {
        let words = in_words(n);
        prop_assert_eq!(
            interval(parse_quantity(&words)),
            interval(parse_quantity(&n.to_string())),
            "{} as {:?}", n, words
        );
        prop_assert_eq!(
            interval(parse_quantity(&format!("more than {words}"))),
            interval(parse_quantity(&format!("more than {}", with_separators(n))))
        );
    }

    #[test]
    fn scale_words_read_the_same_as_the_digits_they_stand_for(n in 1u64..1_000_000) {
        prop_assert_eq!(
            interval(parse_quantity(&format!("{n} million"))),
            interval(parse_quantity(&with_separators(n * 1_000_000)))
        );
        prop_assert_eq!(
            interval(parse_quantity(&format!("{} thousand", with_separators(n)))),
            interval(parse_quantity(&(n * 1_000).to_string()))
        );
    }

    #[test]
    fn sentences_are_trimmed_ordered_and_whole_characters(text in text()) {
        let sentences = split_sentences(&text);
        for pair in sentences.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
            prop_assert!(pair[0].paragraph <= pair[1].paragraph);
        }
        for sentence in &sentences {
            let piece = text.get(sentence.span.clone());
            prop_assert!(piece.is_some(), "on char boundaries");
            let piece = piece.unwrap_or_default();
            prop_assert!(!piece.is_empty());
            prop_assert_eq!(piece, piece.trim());
        }
    }

    #[test]
    fn stance_never_panics_whatever_the_claim_range(
        sentence in text(),
        start in 0usize..400,
        len in 0usize..400,
        phrase in "\\PC{0,20}",
    ) {
        let _ = StanceCues::builtin().stance(&sentence, start..start + len);
        let _ = StanceCues::builtin().stance(&sentence, start + len..start);
        // Compiling a whole cue list per case is slow; checking the one cue is what varies.
        let cue = Cue { phrase, effect: CueEffect::Deny, position: CuePosition::After };
        let _ = StanceCues::check_cue(&cue);
    }

    #[test]
    fn one_scan_finds_the_claims_that_sentence_by_sentence_search_finds(text in claimish()) {
        let (published, body_start) = header(&text);
        let article = Article {
            path: "a.txt".to_string(),
            text: text.clone(),
            published,
            body_start,
            encoding: None,
        };
        prop_assert_eq!(
            scanned_claims(&article, &SHIPPED, &SCANNER),
            article_claims(&article, &SHIPPED)
        );
    }

    #[test]
    fn searchable_text_maps_back_character_by_character(text in text()) {
        let normalised = Normalised::new(&text);
        let searchable = normalised.as_str();
        for (at, c) in searchable.char_indices() {
            let range = at..at + c.len_utf8();
            let original = normalised.to_original(range.clone());
            prop_assert!(text.get(original.clone()).is_some());
            prop_assert!(!original.is_empty());
            prop_assert_eq!(normalised.from_original(original), range);
        }
        let whole = normalised.to_original(0..searchable.len());
        prop_assert!(text.get(whole).is_some());
    }
}
