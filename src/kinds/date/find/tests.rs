//! Tests for finding date expressions: each supported form with its span and value,
//! the negative rules, and inputs that must not break the finder.

use super::*;

/// Each mention as (the text it covers, its normalised form).
fn found(text: &str) -> Vec<(&str, String)> {
    find_dates(text)
        .into_iter()
        .map(|mention| (&text[mention.span], mention.expr.to_string()))
        .collect()
}

/// Asserts that `text` holds exactly one date expression, covering `span` and
/// normalised as `value`.
fn assert_one(text: &str, span: &str, value: &str) {
    assert_eq!(found(text), vec![(span, value.to_owned())], "in {text:?}");
}

fn assert_none(text: &str) {
    assert_eq!(found(text), vec![], "in {text:?}");
}

#[test]
fn absolute_dates_are_found_with_their_span_and_value() {
    let cases = [
        ("2018", "2018", "2018"),
        ("In 2018, Ye posted screenshots.", "2018", "2018"),
        ("On a 2020 episode of the podcast.", "2020", "2020"),
        ("He ran in the 2020 presidential election.", "2020", "2020"),
        ("out of 160 million in the 2020.", "2020", "2020"),
        (
            "In November 2021, West appeared.",
            "November 2021",
            "2021-11",
        ),
        ("It aired in Nov. 2021 on radio.", "Nov. 2021", "2021-11"),
        ("It aired in November, 2021.", "November, 2021", "2021-11"),
        ("It aired in May of 2018.", "May of 2018", "2018-05"),
        (
            "It aired on September 4, 2022, online.",
            "September 4, 2022",
            "2022-09-04",
        ),
        (
            "By Tamantha Gunn Sep 07, 2022 2:00 PMTags",
            "Sep 07, 2022",
            "2022-09-07",
        ),
        ("the New Yorker published Sept. 4.", "Sept. 4", "XXXX-09-04"),
        (
            "published by the New Yorker on September 4, the singer",
            "September 4",
            "XXXX-09-04",
        ),
        ("It aired on September 4th.", "September 4th", "XXXX-09-04"),
        (
            "It aired on 4 September 2022.",
            "4 September 2022",
            "2022-09-04",
        ),
        ("It aired on 4 Sept. 2022.", "4 Sept. 2022", "2022-09-04"),
        ("It aired on 4 September.", "4 September", "XXXX-09-04"),
        ("Fireworks on the 4th of July.", "4th of July", "XXXX-07-04"),
        (
            "It aired on 2022-09-04 at noon.",
            "2022-09-04",
            "2022-09-04",
        ),
        (
            "It aired on Jan. 5 and was repeated.",
            "Jan. 5",
            "XXXX-01-05",
        ),
        ("It should ship by mid-2018.", "mid-2018", "2018"),
        ("It should ship in late 2018.", "late 2018", "2018"),
        (
            "It ended in mid-November 2021.",
            "mid-November 2021",
            "2021-11",
        ),
        (
            "It aired in November, and again later.",
            "November",
            "XXXX-11",
        ),
        (
            "In November, West made an appearance.",
            "November",
            "XXXX-11",
        ),
        ("It aired on February 29.", "February 29", "XXXX-02-29"),
        (
            "It aired on February 29, 2020.",
            "February 29, 2020",
            "2020-02-29",
        ),
        (
            "It aired on September 4,2022.",
            "September 4,2022",
            "2022-09-04",
        ),
    ];
    for (text, span, value) in cases {
        assert_one(text, span, value);
    }
}

#[test]
fn every_month_abbreviation_is_read_before_a_day() {
    let cases = [
        ("Jan", 1),
        ("Feb", 2),
        ("Mar", 3),
        ("Apr", 4),
        ("Jun", 6),
        ("Jul", 7),
        ("Aug", 8),
        ("Sep", 9),
        ("Sept", 9),
        ("Oct", 10),
        ("Nov", 11),
        ("Dec", 12),
    ];
    for (abbreviation, month) in cases {
        for dot in ["", "."] {
            let text = format!("It aired on {abbreviation}{dot} 3 and again later.");
            let span = format!("{abbreviation}{dot} 3");
            assert_one(&text, &span, &format!("XXXX-{month:02}-03"));
        }
    }
}

#[test]
fn every_full_month_name_is_read_before_a_year() {
    for (index, name) in MONTH_NAMES.iter().enumerate() {
        let text = format!("It aired in {name} 2019.");
        assert_one(
            &text,
            &format!("{name} 2019"),
            &format!("2019-{:02}", index + 1),
        );
    }
}

#[test]
fn may_is_a_month_only_with_a_day_a_year_or_a_cue_word() {
    assert_one("It aired May 5, 2020.", "May 5, 2020", "2020-05-05");
    assert_one("It aired on May 5.", "May 5", "XXXX-05-05");
    assert_one("It aired in May 2019.", "May 2019", "2019-05");
    assert_one("It aired in May.", "May", "XXXX-05");
    assert_one("It aired last May.", "last May", "previous May");
    assert_one("It airs this May.", "this May", "May of year");
    assert_one("It airs next May.", "next May", "next May");
    assert_none("May I ask a question?");
    assert_none("Theresa May said nothing.");
    assert_none("It was criticised by May and her cabinet.");
    assert_none("It was a setback in May's government.");
    assert_none("They may come back.");
}

#[test]
fn a_month_name_before_a_capitalised_word_is_a_person() {
    assert_none("April Ryan asked the question.");
    assert_none("The song was covered by June Carter.");
    assert_one("In June Carter recorded it.", "June", "XXXX-06");
}

#[test]
fn a_month_name_after_a_capitalised_word_is_part_of_a_name() {
    assert_none("She joined the Women's March on Washington.");
    assert_one("She joined the march in March.", "March", "XXXX-03");
    assert_one("Until November the plan held.", "November", "XXXX-11");
}

#[test]
fn abbreviations_alone_need_in_before_them() {
    assert_one("It aired in Nov.", "Nov", "XXXX-11");
    assert_none("Jan said nothing.");
    assert_none("Ask Dec about it.");
}

#[test]
fn relative_dates_are_found_with_their_span_and_value() {
    let cases = [
        (
            "He spoke with John last year during an interview.",
            "last year",
            "year-1",
        ),
        ("Last year was hard.", "Last year", "year-1"),
        ("It happened this year.", "this year", "year"),
        ("It happens next year.", "next year", "year+1"),
        (
            "It happened earlier this year.",
            "earlier this year",
            "year",
        ),
        ("It happened late last year.", "late last year", "year-1"),
        (
            "It happened the previous year.",
            "the previous year",
            "year-1",
        ),
        ("It happened two years ago.", "two years ago", "year-2"),
        ("It happened 2 years ago.", "2 years ago", "year-2"),
        ("It happened a year ago.", "a year ago", "year-1"),
        (
            "It happened nearly twenty years ago.",
            "twenty years ago",
            "year-20",
        ),
        ("It happened last month.", "last month", "month-1"),
        ("It happened this month.", "this month", "month"),
        (
            "It happened three months ago.",
            "three months ago",
            "month-3",
        ),
        ("It happened five days ago.", "five days ago", "day-5"),
        ("It happened two weeks ago.", "two weeks ago", "week-2"),
        (
            "In November last year, Kanye called out Legend.",
            "November last year",
            "November of year-1",
        ),
        (
            "It aired in November of last year.",
            "November of last year",
            "November of year-1",
        ),
        (
            "It aired Nov. last year.",
            "Nov. last year",
            "November of year-1",
        ),
        (
            "It aired in November the previous year.",
            "November the previous year",
            "November of year-1",
        ),
        (
            "It airs in March next year.",
            "March next year",
            "March of year+1",
        ),
        (
            "It aired last November.",
            "last November",
            "previous November",
        ),
        (
            "It aired this past November.",
            "this past November",
            "previous November",
        ),
        ("It aired yesterday.", "yesterday", "day-1"),
        ("Yesterday, it aired.", "Yesterday", "day-1"),
        ("It airs today.", "today", "day"),
        ("It airs tomorrow.", "tomorrow", "day+1"),
        ("It aired last night.", "last night", "day-1"),
        ("It aired last week.", "last week", "week-1"),
        ("It aired earlier this week.", "earlier this week", "week"),
        ("It aired Thursday.", "Thursday", "Thursday"),
        ("It aired on Thursday.", "Thursday", "Thursday"),
        (
            "It aired last Thursday.",
            "last Thursday",
            "previous Thursday",
        ),
        (
            "It aired this past Thursday.",
            "this past Thursday",
            "previous Thursday",
        ),
        ("It airs next Thursday.", "next Thursday", "next Thursday"),
        (
            "It airs this Thursday.",
            "this Thursday",
            "Thursday of week",
        ),
    ];
    for (text, span, value) in cases {
        assert_one(text, span, value);
    }
}

#[test]
fn vague_time_phrases_are_not_dates() {
    let vague = [
        "There was a shift in recent years.",
        "They have been friends for nearly 20 years.",
        "They have not been friends for years.",
        "It has changed over the last year.",
        "It will change in the next year.",
        "It happened a few years ago.",
        "It happened years ago.",
        "I don't know what will happen in the future.",
        "the 43-year-old singer",
        "It happened in the 1990s.",
        "It happened in the 2020s.",
    ];
    for text in vague {
        assert_none(text);
    }
}

#[test]
fn numbers_that_are_not_years_are_not_dates() {
    let not_years = [
        "It cost 2,018 dollars.",
        "The code was 12018.",
        "The ratio was 2018.5 then.",
        "There were 2000 soldiers.",
        "He got 2018 votes.",
        "About 1500 people came.",
        "About 1500 People came.",
        "Turnout rose 2018%.",
        "Turnout rose 2018 %.",
        "It cost $2018.",
        "Tag #2018 trended.",
        "He lives at No. 2018.",
        "Take Flight 1549 home.",
        "He lives at 1600 Pennsylvania Avenue.",
        "The dose was 2000 mg a day.",
        "It cost USD 2000 in fees.",
        "The fire covered 2000 square miles.",
        "Numbers like 0999 and 3000 are not years.",
        "In a 202 interview, he spoke.",
        "It starts at 2:00 PM.",
        "It starts at 12:30.",
        "Call 555-1234 now.",
        "The 2018-19 season.",
        "the year 99999",
        "It happened 1,000 years ago.",
        "It happened twenty-five years ago.",
    ];
    for text in not_years {
        assert_none(text);
    }
    // The same numbers, used as years, are still found.
    assert_one("He moved to Pennsylvania Avenue in 2000.", "2000", "2000");
    assert_one("The 2000 election was close.", "2000", "2000");
    assert_one("A 2018 Toyota was stolen.", "2018", "2018");
}

#[test]
fn impossible_days_are_not_dates_and_hide_their_month() {
    assert_none("It aired on February 30.");
    assert_none("It aired on September 31.");
    assert_none("It aired on February 30, 2022.");
    assert_none("It aired on February 29, 2021.");
    assert_none("It aired on 2022-02-30.");
    assert_none("It aired on 2022-13-01.");
    assert_none("It aired on September 45.");
}

#[test]
fn named_days_are_not_weekdays() {
    assert_none("Shops opened on Black Friday.");
    assert_none("It was Good Friday.");
    assert_none("Voting began on Super Tuesday.");
    assert_none("Thursdays are quiet.");
}

#[test]
fn titles_that_contain_day_words_are_not_dates() {
    assert_none("She told USA Today the story.");
    assert_none("He appeared on The Tonight Show.");
    assert_one("Today, he spoke.", "Today", "day");
    assert_one("“Today is the day,” he said.", "Today", "day");
}

#[test]
fn the_longest_expression_wins_and_mentions_come_in_order() {
    assert_eq!(
        found("Between 2018 and November 2021, and again last year on Thursday."),
        vec![
            ("2018", "2018".to_owned()),
            ("November 2021", "2021-11".to_owned()),
            ("last year", "year-1".to_owned()),
            ("Thursday", "Thursday".to_owned()),
        ]
    );
    // Both readings are thirteen bytes long; the absolute one is kept.
    assert_eq!(
        found("It aired last November 2021."),
        vec![("November 2021", "2021-11".to_owned())]
    );
}

#[test]
fn seed_sentences_yield_their_dates() {
    assert_eq!(
        found(
            "However, there seemed to be a shift in the Grammy Award winning friends' \
             relationship in recent years, more noticeably after Kanye endorsed Donald \
             Trump for President in 2020."
        ),
        vec![("2020", "2020".to_owned())]
    );
    assert_eq!(
        found("John Legend's Birthday Party in NYC 2015 - Dimitrios Kambouris/Getty Images"),
        vec![("2015", "2015".to_owned())]
    );
    assert_none("West received about 60,000 votes out of an estimated total of 160 million.");
    assert_none("#AxeFiles link.chtbl.com/LQb3lrYi https://t.co/vr0PFZ53HV");
}

#[test]
fn odd_input_yields_no_dates_and_does_not_panic() {
    let huge = "7".repeat(5_000);
    let odd = [
        String::new(),
        " ".to_owned(),
        huge.clone(),
        format!("in {huge} years ago"),
        "🎉🎉 party 🎉".to_owned(),
        "٢٠١٨".to_owned(),
        "२०१८".to_owned(),
        "\u{0}\u{1}\u{7f}".to_owned(),
        "May".to_owned(),
        "in".to_owned(),
        "last".to_owned(),
    ];
    for text in &odd {
        assert_none(text);
    }
    // The digits are no day; the month and the year around them still are dates.
    let text = format!("September {huge}, 2022");
    assert_eq!(
        found(&text),
        vec![
            ("September", "XXXX-09".to_owned()),
            ("2022", "2022".to_owned())
        ]
    );
}

#[test]
fn spans_land_on_char_boundaries_and_never_overlap() {
    let texts = [
        "Né en 2018 — «November 2021», last year…",
        "🎉2018🎉 September 4, 2022🎉 last Thursday🎉",
        "Ünïcödé Sept. 4 ünd März 2020, in Nov. 2021",
        "2018 2019 2020 2021 2022-09-04 two years ago yesterday today",
    ];
    for text in texts {
        let mentions = find_dates(text);
        assert!(!mentions.is_empty(), "in {text:?}");
        for pair in mentions.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "in {text:?}");
        }
        for mention in &mentions {
            assert!(text.is_char_boundary(mention.span.start));
            assert!(text.is_char_boundary(mention.span.end));
        }
        // Every cut of the text must be searchable too.
        for (cut, _) in text.char_indices() {
            let _ = find_dates(&text[cut..]);
            let _ = find_dates(&text[..cut]);
        }
    }
}

/// Words and numbers of every form the readers accept, in several cases, and the words,
/// numbers and characters around them that make them something else.
const DATE_PIECES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "Sept.",
    "Nov.",
    "november",
    "MAY",
    "Mays",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "friday",
    "Black",
    "4",
    "04",
    "4th",
    "31st",
    "22nd",
    "3rd",
    "30",
    "2018",
    "2020",
    "0999",
    "20180",
    "2,018",
    "12:30",
    "$2018",
    "#",
    "No.",
    "2018-09-08",
    "2022-02-30",
    "2018-19",
    "2018.5",
    "1600",
    "Pennsylvania Avenue",
    "%",
    "soldiers",
    "last",
    "LAST",
    "Last",
    "this",
    "This",
    "next",
    "past",
    "the",
    "The",
    "previous",
    "Prior",
    "preceding",
    "year",
    "Year",
    "YEAR",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "ago",
    "Ago",
    "yesterday",
    "Yesterday",
    "today",
    "Today",
    "tomorrow",
    "tonight",
    "TONIGHT",
    "night",
    "earlier",
    "later",
    "early",
    "mid",
    "mid-",
    "late",
    "Early",
    "two",
    "a",
    "an",
    "twenty",
    "twenty-five",
    "in",
    "In",
    "on",
    "of",
    "during",
    "Women's",
    "Theresa",
    "April Ryan",
    "ſ",
    "\u{212A}",
    "laſt",
    "wee\u{212A}",
    "é",
    "東京",
    "🎉",
    "_",
    "x",
    "said",
    "YESTERDAY",
    "PRECEDING",
    "SEPTEMBER",
    "Septembe",
    "Wednesdays",
    // Whole expressions, so that the words of longer ones meet.
    "the prior year",
    "The Preceding month",
    "the previous WEEK",
    "November of the preceding year",
    "May the prior year",
    "Jan. last year",
    "mid-November this year",
    "this past May",
    "past Sunday",
    "next Monday",
    "on Friday",
    "last night",
    "Last Night",
    "two weeks ago",
    "3 days ago",
    "A Year Ago",
    "earlier this month",
    "later next week",
    "late last year",
    "Sep 07, 2022",
    "Sept. 4",
    "4th of July",
    "4 September, 2022",
    "May of 2018",
    "early 2019",
    "mid-2018",
    "in early May",
    "during Dec",
    "MID-",
    "Late\u{a0}",
    "early  ",
    "yearly",
    "amid-",
    "mid -",
    "late-",
    "early\t",
    "x2018",
    "2018x",
    "2018_",
    "Early 2019",
    "Jan.",
    "of",
    "OCT",
    "November,2021",
    "May  of   2018",
    "Octo",
    "McMay",
    "during",
    "Sept. 4th",
    "12th of of May",
    "123",
    "4TH",
    "1st2",
    "Mar.,1999",
    ",2022",
];

const DATE_SEPARATORS: &[&str] = &[
    " ", " ", "", ", ", ",", "-", "–", "\n", "\u{a0}", ". ", "’s ", "'s ", "  ", "/", "_",
];

fn date_sentences() -> impl proptest::strategy::Strategy<Value = String> {
    sentences_of(0..10)
}

/// Sentences of `pieces` pieces from [`DATE_PIECES`], with separators.
fn sentences_of(pieces: Range<usize>) -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(
        (
            proptest::sample::select(DATE_PIECES),
            proptest::sample::select(DATE_SEPARATORS),
        ),
        pieces,
    )
    .prop_map(|pieces| pieces.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

use proptest::strategy::Strategy;

/// Each mention's span and expression, as tests compare them.
fn spans_and_exprs(mentions: Vec<DateMention>) -> Vec<(Range<usize>, String)> {
    mentions
        .into_iter()
        .map(|m| (m.span, m.expr.to_string()))
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn readers_chosen_by_words_include_every_reader_whose_pattern_matches(
        text in date_sentences()
    ) {
        let matching = readers_matching(&text);
        proptest::prop_assert_eq!(matching & !readers_for(&text), 0, "{}", text);
        let all = spans_and_exprs(find_with(Sentence::plain(&text), matching));
        proptest::prop_assert_eq!(spans_and_exprs(find_dates(&text)), all);
    }

    #[test]
    fn long_sentences_are_read_as_their_words_are_read_one_reader_at_a_time(
        text in sentences_of(10..60)
    ) {
        let all = spans_and_exprs(find_with(Sentence::plain(&text), readers_matching(&text)));
        proptest::prop_assert_eq!(spans_and_exprs(find_dates(&text)), all);
    }
}

/// The readers that may have something to read in `text`, as [`find_dates`] chooses them.
fn readers_for(text: &str) -> u16 {
    match features(text, &mut Spots::default()) {
        Some(found) => readers_with(found),
        None => readers_matching(text),
    }
}

/// What `read` gives for `text` read plainly, once checked to give the same with the
/// month names and years the pass over its words lists.
fn read_both_ways<T: PartialEq + std::fmt::Debug>(
    text: &str,
    read: impl Fn(Sentence<'_>) -> T,
) -> T {
    let plainly = read(Sentence::plain(text));
    let mut spots = Spots::default();
    if features(text, &mut spots).is_some() {
        let listed = read(Sentence {
            text,
            spots: Some(&spots),
        });
        assert_eq!(listed, plainly, "{text:?}");
    }
    plainly
}

#[test]
fn more_month_names_and_years_than_are_listed_are_all_read() {
    let text = "In May 2001, June 2002, July 2003, Aug 2004, Sept. 2005, Oct 2006, \
        Nov 2007, December 2008, January 2009 and Feb 2010, 2011 and 2012.";
    let mut spots = Spots::default();
    assert!(features(text, &mut spots).is_some());
    assert_eq!((spots.months(), spots.years()), (None, None));
    assert_eq!(found(text).len(), 12);
    let read = read_both_ways(text, |sentence| month_year_matches(sentence).count());
    assert_eq!(read, 10);
}

#[test]
fn every_reader_is_chosen_for_a_sentence_it_reads() {
    let examples = [
        "on 2022-09-08",
        "on September 4, 2022",
        "on 4 September 2022",
        "in November 2021",
        "in November last year",
        "last November",
        "in November",
        "last Thursday",
        "earlier this year",
        "the previous year",
        "yesterday",
        "two years ago",
        "in 2018",
    ];
    assert_eq!(examples.len(), READERS.len());
    for (index, text) in examples.iter().enumerate() {
        let bit = 1 << index;
        assert_ne!(readers_matching(text) & bit, 0, "{text:?}");
        assert_ne!(readers_for(text) & bit, 0, "{text:?}");
    }
    assert_eq!(readers_for("The council voted on the budget."), 0);
    assert_eq!(
        readers_for("It was laſt year"),
        readers_matching("It was laſt year")
    );
}

/// [`bare_years`] as the pattern [`BARE_YEAR`] reads it, match by match.
fn bare_years_by_pattern(text: &str) -> Vec<(Range<usize>, Option<String>)> {
    BARE_YEAR
        .captures_iter(text)
        .filter_map(|caps| {
            let year = year_at(text, caps.name("year")?.range())?;
            Some((whole(&caps), Some(Underspecified::Year(year).to_string())))
        })
        .collect()
}

fn candidates(reader: Reader, text: &str) -> Vec<(Range<usize>, Option<String>)> {
    read_both_ways(text, |sentence| {
        let mut out = Vec::new();
        reader(sentence, &mut out);
        out.into_iter()
            .map(|c| (c.span, c.expr.map(|e| e.to_string())))
            .collect()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn years_are_read_as_their_pattern_matches_them(text in date_sentences()) {
        proptest::prop_assert_eq!(candidates(bare_years, &text), bare_years_by_pattern(&text));
    }
}

#[test]
fn years_with_early_late_or_mid_before_them_are_read_as_their_pattern_matches_them() {
    let texts = [
        "in early 2018, mid-2019 and late  2020; amid-2021, yearly 2022, mid -2023",
        "Early\u{a0}2018-2019 MID-2020, late-2021x 2022_ 2023",
        "2018 early early 2019 late\n\t2020",
    ];
    for text in texts {
        let read = candidates(bare_years, text);
        assert_eq!(read, bare_years_by_pattern(text), "{text:?}");
        assert!(read.len() >= 2, "{text:?}: {read:?}");
    }
}

#[test]
fn counts_labels_and_streets_are_recognised_in_any_case_and_script() {
    for text in [
        "they ran 2018 KM in all",
        "they ran 2018 \u{212A}m in all",
        "see NO. 2018 here",
        "at 1600 Pennsylvania Avenue",
        "2018 Soldiers",
    ] {
        assert_none(text);
    }
    assert_one("in 2018 Pennsylvania voted", "2018", "2018");
    assert_one("in 2018 kmh", "2018", "2018");
}

fn month_year_by_pattern(text: &str) -> Vec<MonthYearMatch> {
    MONTH_YEAR
        .captures_iter(text)
        .filter_map(|caps| {
            Some(MonthYearMatch {
                whole: whole(&caps),
                month: month_of(&caps)?,
                dot: caps.name("dot").is_some(),
                year: caps.name("year")?.range(),
            })
        })
        .collect()
}

fn bare_months_by_pattern(text: &str) -> Vec<BareMonthMatch> {
    BARE_MONTH
        .captures_iter(text)
        .filter_map(|caps| {
            Some(BareMonthMatch {
                name: caps.name("month")?.range(),
                month: month_of(&caps)?,
                part: caps.name("part").map(|part| part.start()),
                prep: caps.name("prep").is_some(),
            })
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn month_names_are_matched_as_their_patterns_match_them(text in date_sentences()) {
        proptest::prop_assert_eq!(
            read_both_ways(&text, |s| month_year_matches(s).collect::<Vec<_>>()),
            month_year_by_pattern(&text)
        );
        proptest::prop_assert_eq!(
            read_both_ways(&text, |s| bare_month_matches(s).collect::<Vec<_>>()),
            bare_months_by_pattern(&text)
        );
    }
}

#[test]
fn months_with_years_and_words_before_them_are_matched_as_their_patterns_match_them() {
    let texts = [
        "in early May, during mid-June of 2019, November,2021 and Nov.  2021; Sept. 4",
        "May of  2018 in  in December OCT 2020 Octo 2021 Jan.2022 late-March 2023 x2024",
        "McDonald in May2020 during\u{a0}early\u{a0}April of\tof 2021, Dec 20210",
    ];
    for text in texts {
        let years = read_both_ways(text, |s| month_year_matches(s).collect::<Vec<_>>());
        assert_eq!(years, month_year_by_pattern(text), "{text:?}");
        let months = read_both_ways(text, |s| bare_month_matches(s).collect::<Vec<_>>());
        assert_eq!(months, bare_months_by_pattern(text), "{text:?}");
        assert!(months.len() >= 2, "{text:?}");
    }
    assert_eq!(month_year_matches(Sentence::plain(texts[0])).count(), 3);
}

fn day_matches_by_pattern(pattern: &Regex, text: &str) -> Vec<DayMatch> {
    pattern
        .captures_iter(text)
        .filter_map(|caps| {
            Some(DayMatch {
                start: whole(&caps).start,
                month: month_of(&caps)?,
                name: caps.name("month")?.range(),
                dot: caps.name("dot").is_some(),
                dayword: caps.name("dayword")?.range(),
                day: caps.name("day")?.range(),
                year: caps.name("year").map(|year| year.range()),
            })
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn days_of_months_are_matched_as_their_patterns_match_them(text in date_sentences()) {
        proptest::prop_assert_eq!(
            read_both_ways(&text, |s| month_day_matches(s).collect::<Vec<_>>()),
            day_matches_by_pattern(&MONTH_DAY, &text)
        );
        proptest::prop_assert_eq!(
            read_both_ways(&text, |s| day_month_matches(s).collect::<Vec<_>>()),
            day_matches_by_pattern(&DAY_MONTH, &text)
        );
    }
}

#[test]
fn days_before_and_after_months_are_matched_as_their_patterns_match_them() {
    let texts = [
        "on September 4, 2022 and Sep 07,2022, Sept. 4th then 4 September 2022 or 4th of July",
        "Jan. 5 2021, 12th of of May, 31st  Dec.  2020, 123 May, May 123, 4TH May, 4 4 June",
        "on July\u{a0}4\u{2003}1776; 1 of Mar.,1999; Aug 1st2 Nov 22nd, 20221 of May",
    ];
    let mut found = 0;
    for text in texts {
        let after = read_both_ways(text, |s| month_day_matches(s).collect::<Vec<_>>());
        assert_eq!(after, day_matches_by_pattern(&MONTH_DAY, text), "{text:?}");
        let before = read_both_ways(text, |s| day_month_matches(s).collect::<Vec<_>>());
        assert_eq!(before, day_matches_by_pattern(&DAY_MONTH, text), "{text:?}");
        found += after.len() + before.len();
    }
    assert!(found >= 10, "{found}");
}

/// The matches of [`RELATIVE_UNIT`] in `text` read from its words, once checked to be the
/// same whether its "last", "this" and "next" are listed or looked for.
fn relative_units_read(text: &str) -> Vec<RelativeUnitMatch> {
    let mut spots = Spots::default();
    assert!(features(text, &mut spots).is_some(), "{text:?}");
    let listed = relative_unit_matches(Sentence {
        text,
        spots: Some(&spots),
    })
    .collect::<Vec<_>>();
    // More words than are listed: they are looked for.
    let crowded = format!("{text}{}", " this".repeat(9));
    let mut crowded_spots = Spots::default();
    assert!(features(&crowded, &mut crowded_spots).is_some());
    assert_eq!(crowded_spots.relative(), None);
    let looked_for = relative_unit_matches(Sentence {
        text: &crowded,
        spots: Some(&crowded_spots),
    })
    .collect::<Vec<_>>();
    assert_eq!(looked_for, listed, "{text:?}");
    listed
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn relative_units_are_matched_as_their_pattern_matches_them(text in sentences_of(0..20)) {
        // Read from the words only where no character folds to an ASCII letter.
        proptest::prop_assume!(features(&text, &mut Spots::default()).is_some());
        proptest::prop_assert_eq!(
            relative_units_read(&text),
            relative_unit_matches_by_pattern(&text).collect::<Vec<_>>()
        );
    }
}

#[test]
fn relative_units_with_and_without_modifiers_are_matched_as_their_pattern_matches_them() {
    let texts = [
        "late last year, earlier this month and later next week; LAST  WEEK and Early\u{a0}this year",
        "the last year, last this year, earlier last next year, xlast year, last years, last year_ or LATER  this week",
        "late\nlast\tyear early-last month earlier, last week lately next month",
    ];
    for text in texts {
        let read = relative_units_read(text);
        assert_eq!(
            read,
            relative_unit_matches_by_pattern(text).collect::<Vec<_>>(),
            "{text:?}"
        );
        assert!(read.len() >= 3, "{text:?}: {read:?}");
        assert!(read.iter().any(|found| found.modifier), "{text:?}");
    }
}

/// Whether `word` lowercased is one of `words`, plainly.
fn listed_plainly(word: &str, words: &[&str]) -> bool {
    words.contains(&word.to_lowercase().as_str())
}

/// [`counts_something`] plainly: the word of letters after any whitespace.
fn counts_something_plainly(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start();
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    listed_plainly(&word, COUNT_NOUNS)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn counts_and_labels_are_looked_up_as_their_lists_say(
        pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(COUNT_NOUNS),
                proptest::sample::select(LABELS),
                proptest::sample::select(&[
                    "KM", "\u{212A}m", "Km", "peoplé", "é", "Ж", "x", "s", "no.", " ", "\u{a0}",
                    "\t", ",", "2018", "participantsx", "abcdefghijklmnopq", "\u{17F}",
                ][..]),
            ],
            0..4,
        ),
        upper in proptest::bool::ANY,
    ) {
        let text: String = pieces.concat();
        let text = if upper { text.to_uppercase() } else { text };
        for word in [text.as_str(), text.trim()] {
            proptest::prop_assert_eq!(
                lowercase_in(word, &COUNT_NOUNS_SORTED),
                listed_plainly(word, COUNT_NOUNS)
            );
            proptest::prop_assert_eq!(lowercase_in(word, &LABELS_SORTED), listed_plainly(word, LABELS));
        }
        let text = format!("2018{text}");
        proptest::prop_assert_eq!(counts_something(&text, 4), counts_something_plainly(&text, 4));
    }
}

/// [`settled`] plainly: each candidate compared with every one taken before it.
fn settled_plainly(mut candidates: Vec<Candidate>) -> Vec<(Range<usize>, String)> {
    candidates.sort_by_key(|candidate| {
        (
            Reverse(candidate.span.len()),
            candidate.expr.as_ref().is_some_and(|e| e.is_relative()),
            candidate.span.start,
        )
    });
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut mentions = Vec::new();
    for Candidate { span, expr } in candidates {
        let overlaps = taken
            .iter()
            .any(|other| other.start < span.end && span.start < other.end);
        if span.is_empty() || overlaps {
            continue;
        }
        taken.push(span.clone());
        if let Some(expr) = expr {
            mentions.push((span, expr.to_string()));
        }
    }
    mentions.sort_by_key(|(span, _)| span.start);
    mentions
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    #[test]
    fn candidates_are_settled_as_when_each_is_compared_with_every_one_taken(
        len in 0usize..1500,
        spans in proptest::collection::vec((0usize..1500, 0usize..40, 0u8..3), 0..40),
    ) {
        let candidates = || {
            spans
                .iter()
                .filter(|(start, _, _)| *start < len)
                .map(|&(start, width, kind)| Candidate {
                    span: start..(start + width).min(len),
                    expr: match kind {
                        0 => None,
                        1 => Some(Underspecified::Year(2018)),
                        _ => Some(Underspecified::RelativeYear(-1)),
                    },
                })
                .collect::<Vec<_>>()
        };
        proptest::prop_assert_eq!(
            spans_and_exprs(settled(candidates(), len)),
            settled_plainly(candidates())
        );
    }
}
