//! Tests of the quotation kind as a whole: the seed articles, and grouping and
//! classifying renderings of one utterance across articles.

use std::time::Instant;

use super::*;

const SEEDS: [&str; 5] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_dd6adfaaf19a2042.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/001_04e5fe294509efdc.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/002_ce14d45c7b2ec0ff.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/003_d672985098f4a494.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/004_45dbaf94ffcd026d.txt"
    )),
];

fn quotation(text: &str) -> Quotation {
    Quotation {
        span: 0..text.len(),
        text: text.to_string(),
        speaker: None,
    }
}

/// Matches quotations given as (article, text).
fn matched(input: &[(usize, &str)]) -> (Vec<Quotation>, Vec<Utterance>) {
    let quotations: Vec<Quotation> = input.iter().map(|(_, t)| quotation(t)).collect();
    let refs: Vec<QuoteRef<'_>> = input
        .iter()
        .zip(&quotations)
        .map(|(&(article, _), q)| QuoteRef {
            article,
            quotation: q,
        })
        .collect();
    let utterances = match_utterances(&refs);
    (quotations, utterances)
}

fn kinds(rendering: &Rendering) -> Vec<DifferenceKind> {
    rendering.differences.iter().map(|d| d.kind).collect()
}

fn find<'s>(scan: &'s QuoteScan, start: &str) -> &'s Quotation {
    scan.quotations
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starting {start:?}"))
}

#[test]
fn every_seed_scans_without_panicking_and_spans_hold_the_text() {
    for seed in SEEDS {
        let scan = find_quotations(seed);
        assert!(!scan.quotations.is_empty());
        for q in &scan.quotations {
            assert_eq!(seed.get(q.span.clone()), Some(q.text.as_str()));
        }
        for mark in &scan.unbalanced {
            assert!(seed.get(mark.clone()).is_some());
        }
    }
}

#[test]
fn seed_quotations_and_speakers_are_found() {
    let scans: Vec<QuoteScan> = SEEDS.iter().map(|s| find_quotations(s)).collect();

    let q = find(&scans[0], "What it got described as was");
    assert!(q.text.ends_with("of what I said,"));
    assert_eq!(q.speaker.as_deref(), Some("the singer"));
    assert_eq!(
        find(&scans[0], "That was kind of the Rupert")
            .speaker
            .as_deref(),
        Some("the singer")
    );
    assert_eq!(
        find(&scans[0], "What I was saying").speaker.as_deref(),
        Some("John")
    );
    assert!(!find(&scans[0], "All Of Me").is_utterance());
    assert!(
        find(&scans[0], "got used quick")
            .text
            .ends_with("neither of them.")
    );
    assert!(scans[0].unbalanced.is_empty());

    assert_eq!(
        find(&scans[1], "What it got described as was")
            .speaker
            .as_deref(),
        Some("the 43-year-old singer")
    );
    assert_eq!(find(&scans[1], "Both John Legend").speaker, None);
    assert_eq!(find(&scans[1], "I saw their work").speaker, None);

    let q = find(&scans[2], "I know this man mama");
    assert_eq!(q.speaker.as_deref(), Some("West"));
    assert!(q.text.ends_with("n-ggas is scared."));
    assert_eq!(
        scans[2].unbalanced.len(),
        1,
        "the doubled ““ is reported once"
    );
    assert_eq!(
        find(&scans[2], "What it got described").speaker.as_deref(),
        Some("Legend")
    );
    assert!(find(&scans[2], "reconsider aligning [himself]").is_utterance());

    assert_eq!(
        find(&scans[3], "We aren't friends").speaker.as_deref(),
        Some("Legend")
    );
    assert_eq!(
        find(&scans[3], "Both John Legend").speaker.as_deref(),
        Some("the artist")
    );
    assert_eq!(find(&scans[3], "I wasn’t alone").speaker, None);
    assert!(!scans[3].quotations.iter().any(|q| q.text.contains("DONDA")));
    assert_eq!(
        find(&scans[3], "because he's friends").text,
        "because he's friends with you know who"
    );

    assert_eq!(
        find(&scans[4], "What it got described").speaker.as_deref(),
        Some("Legend")
    );
    assert_eq!(
        find(&scans[4], "That was kind of the").speaker.as_deref(),
        Some("Legend")
    );
    assert_eq!(
        find(&scans[4], "Everyone saw how").speaker.as_deref(),
        Some("the singer")
    );
    assert_eq!(find(&scans[4], "It's up to him").speaker, None);
}

#[test]
fn a_run_on_quotation_is_one_quotation_spanning_both_paragraphs() {
    let text = "West said:\n\n“I ran for office and they turned on me.\n\n“Both of them did, and I need my apologies.”\n\nHe left.";
    let scan = find_quotations(text);
    assert_eq!(scan.quotations.len(), 1);
    let q = &scan.quotations[0];
    assert_eq!(&text[q.span.clone()], q.text);
    assert!(q.text.starts_with("I ran for office") && q.text.ends_with("my apologies."));
    assert_eq!(q.speaker.as_deref(), Some("West"));
    assert!(scan.unbalanced.is_empty());
    assert_eq!(
        words(&q.text).len(),
        18,
        "the continuation mark is not a word"
    );
}

#[test]
fn unusual_line_separators_do_not_break_speakers() {
    let text = "Legend said:\u{2028}“We are not friends any more.”\u{2029}“Fine,” West said.";
    let scan = find_quotations(text);
    let speakers: Vec<Option<&str>> = scan
        .quotations
        .iter()
        .map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(speakers, [Some("Legend"), Some("West")]);
}

#[test]
fn many_quotations_on_one_line_stay_fast() {
    let text = "“We are fine with this,” Legend said. ".repeat(30_000);
    let started = Instant::now();
    let scan = find_quotations(&text);
    assert_eq!(scan.quotations.len(), 30_000);
    assert!(
        scan.quotations
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Legend"))
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "scanning must stay linear"
    );
}

const DRINK_CHAMPS: [&str; 4] = [
    "got used quick by the Democrats to come at they boy that actually changed their life. And that’s some sell-out shit. And I don’t rock with neither of them.",
    "Both John Legend and Big Sean, when I ran for office, got used quick by the Democrats to come at their boy who actually changed their life, and that’s some sellout shit. And I don’t rock with neither of them. And I need my apologies.",
    "I know this man mama, bro. … I changed this man’s family. Both John Legend and Big Sean, when I ran for office, got used quick by the Democrats to come at they boy that actually changed they life. And that’s some sellout sh-t. And I don’t rock with neither of them and I need my apologies. I ain’t saying they gon’ change, but n-ggas is scared.",
    "Both John Legend and Big Sean, when I ran for office, got used quick by the Democrats to come at the boy that actually changed they life. And that's some sellout sh*t. And I don't rock with neither of them and I need my apologies.",
];

#[test]
fn the_four_drink_champs_renderings_are_one_misquoted_utterance() {
    let input: Vec<(usize, &str)> = DRINK_CHAMPS.iter().copied().enumerate().collect();
    let (_, utterances) = matched(&input);
    assert_eq!(utterances.len(), 1);
    let u = &utterances[0];
    assert_eq!(u.renderings.len(), 4);
    assert_eq!(u.class, Class::Misquote);
    assert_eq!(
        u.renderings[u.reference()].article,
        2,
        "the longest rendering"
    );
    assert!(
        u.summary()
            .contains(r#""they boy" / "their boy" / "the boy""#),
        "{}",
        u.summary()
    );
    assert!(
        u.summary().contains(r#""they life" / "their life""#),
        "{}",
        u.summary()
    );
    let censored: Vec<&Difference> = u
        .renderings
        .iter()
        .flat_map(|r| &r.differences)
        .filter(|d| d.kind == DifferenceKind::Censored)
        .collect();
    assert_eq!(censored.len(), 3, "shit, shit and sh*t against sh-t");
    let seed_000 = &u.renderings[0];
    assert_eq!(
        kinds(seed_000),
        [
            DifferenceKind::Truncation,
            DifferenceKind::Substitution,
            DifferenceKind::Censored,
            DifferenceKind::Truncation
        ]
    );
    let substitution = &seed_000.differences[1];
    assert_eq!(
        (
            substitution.reference.as_str(),
            substitution.rendering.as_str()
        ),
        ("they", "their")
    );
    assert_eq!(&DRINK_CHAMPS[0][substitution.span.clone()], "their");
}

#[test]
fn the_drink_champs_line_is_grouped_across_the_seed_articles() {
    let scans: Vec<QuoteScan> = SEEDS.iter().map(|s| find_quotations(s)).collect();
    let refs: Vec<QuoteRef<'_>> = scans
        .iter()
        .enumerate()
        .flat_map(|(article, scan)| {
            scan.quotations
                .iter()
                .map(move |quotation| QuoteRef { article, quotation })
        })
        .collect();
    let utterances = match_utterances(&refs);
    let drink_champs: Vec<&Utterance> = utterances
        .iter()
        .filter(|u| {
            u.renderings
                .iter()
                .any(|r| refs[r.quotation].quotation.text.contains("come at"))
        })
        .collect();
    assert_eq!(drink_champs.len(), 1);
    let u = drink_champs[0];
    let articles: Vec<usize> = u.renderings.iter().map(|r| r.article).collect();
    assert_eq!(articles, [0, 1, 2, 3]);
    assert_eq!(u.class, Class::Misquote);
    assert!(
        u.summary()
            .contains(r#""they boy" / "their boy" / "the boy""#),
        "{}",
        u.summary()
    );
    // Article 3 shows the same tweet twice: one rendering, and alone it makes no group.
    assert!(!utterances.iter().any(|u| u.articles() < 2));
}

#[test]
fn legend_quote_differing_in_apostrophes_dashes_and_brackets_is_not_a_misquote() {
    let input = [
        (
            0,
            "What it got described as was, we stopped being friends because he supported Trump, which was a mischaracterization of what I said. That was kind of the Rupert Murdoch version of the story — it was all over the New York Post and Fox News. What I was saying was that he was very upset with me that I didn’t support him running for President.",
        ),
        (
            1,
            "What it got described as was, we stopped being friends because he supported [Donald] Trump, which was a mischaracterization of what I said. That was kind of the Rupert Murdoch version of the story—it was all over the New York Post and Fox News. What I was saying was that he was very upset with me that I didn't support him running for President.",
        ),
        (
            2,
            "That was kind of the Rupert\u{a0}Murdoch version of the story -- it was all over the New York Post and Fox News.",
        ),
        (
            3,
            "what it got described as was, we stopped being friends because he supported Trump, which was a mischaracterization of what I said.",
        ),
    ];
    let (_, utterances) = matched(&input);
    assert_eq!(utterances.len(), 1);
    let u = &utterances[0];
    assert_eq!(u.renderings.len(), 4);
    assert_eq!(u.class, Class::Abridged);
    for r in &u.renderings {
        assert!(r.class <= Class::Abridged, "{r:?}");
    }
    let bracket: Vec<&Difference> = u
        .renderings
        .iter()
        .flat_map(|r| &r.differences)
        .filter(|d| d.kind == DifferenceKind::Bracket)
        .collect();
    assert_eq!(bracket.len(), 1);
    assert_eq!(bracket[0].rendering, "[Donald]");
    assert!(
        u.summary().contains(r#""Trump" / "[Donald] Trump""#),
        "{}",
        u.summary()
    );
}

const SAID: &str = "I saw their work on his behalf as a clear scam and an operation to try to siphon votes away from Biden, so there was no way I was going to support it.";

fn single_pair(reference: &str, rendering: &str) -> Utterance {
    let (_, mut utterances) = matched(&[(0, reference), (1, rendering)]);
    assert_eq!(
        utterances.len(),
        1,
        "{reference:?} and {rendering:?} should be one utterance"
    );
    utterances.remove(0)
}

#[test]
fn identical_renderings_are_faithful_and_still_returned() {
    let u = single_pair(SAID, &SAID.to_uppercase().replace(',', ""));
    assert_eq!(u.class, Class::Faithful);
    assert!(u.renderings.iter().all(|r| r.differences.is_empty()));
    assert_eq!(u.summary(), "");
    assert_eq!(u.variants.len(), 1);
}

#[test]
fn a_rendering_cut_at_either_end_is_abridged() {
    let u = single_pair(
        SAID,
        "a clear scam and an operation to try to siphon votes away from Biden",
    );
    assert_eq!(u.class, Class::Abridged);
    assert_eq!(
        kinds(&u.renderings[1]),
        [DifferenceKind::Truncation, DifferenceKind::Truncation]
    );
    assert_eq!(
        u.renderings[1].differences[0].reference,
        "I saw their work on his behalf as"
    );
}

#[test]
fn words_left_out_at_an_ellipsis_are_abridged() {
    for rendering in [
        "I saw their work on his behalf as a clear scam … so there was no way I was going to support it.",
        "I saw their work on his behalf as a clear scam... so there was no way I was going to support it.",
        "I saw their work on his behalf as a clear scam [. . .] so there was no way I was going to support it.",
    ] {
        let u = single_pair(SAID, rendering);
        assert_eq!(u.class, Class::Abridged, "{rendering}");
        assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Ellipsis]);
    }
}

#[test]
fn bracketed_words_are_abridged() {
    let u = single_pair(
        SAID,
        "I saw their work on [Kanye's] behalf as a clear scam and an operation to try to siphon votes away from [Joe] Biden, so there was no way I was going to support it.",
    );
    assert_eq!(u.class, Class::Abridged);
    assert_eq!(
        kinds(&u.renderings[1]),
        [DifferenceKind::Bracket, DifferenceKind::Bracket]
    );
}

#[test]
fn a_substituted_word_is_a_misquote() {
    let u = single_pair(SAID, &SAID.replace("clear scam", "clear fraud"));
    assert_eq!(u.class, Class::Misquote);
    let d = &u.renderings[1].differences;
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].kind, d[0].reference.as_str(), d[0].rendering.as_str()),
        (DifferenceKind::Substitution, "scam", "fraud")
    );
    assert_eq!(u.summary(), r#""scam and" / "fraud and""#);
}

#[test]
fn an_inserted_word_is_a_misquote() {
    // Cut short, so that the plain rendering is the longer one and the reference.
    let inserted = "I saw their work on his behalf as a clear and obvious scam and an operation to try to siphon votes away";
    let u = single_pair(SAID, inserted);
    assert_eq!(u.class, Class::Misquote);
    assert_eq!(
        kinds(&u.renderings[1]),
        [DifferenceKind::Insertion, DifferenceKind::Truncation]
    );
    assert_eq!(u.renderings[1].differences[0].rendering, "and obvious");
    assert_eq!(u.renderings[1].differences[0].reference, "");
    // The other way round, the same words are missing from the shorter rendering.
    let u = single_pair(&SAID.replace("clear scam", "clear and obvious scam"), SAID);
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Omission]);
}

#[test]
fn words_left_out_without_an_ellipsis_are_a_misquote() {
    let u = single_pair(SAID, &SAID.replace(" on his behalf", ""));
    assert_eq!(u.class, Class::Misquote);
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Omission]);
    assert_eq!(u.renderings[1].differences[0].reference, "on his behalf");
}

#[test]
fn a_changed_negation_is_altered() {
    let reference = "What I was saying was that he was very upset with me that I didn’t support him running for President.";
    let u = single_pair(reference, &reference.replace("didn’t", "did"));
    assert_eq!(u.class, Class::Altered);
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Negation]);
    let u = single_pair(SAID, &SAID.replace("there was no way", "there was a way"));
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Negation]);
    let u = single_pair(SAID, &SAID.replace("so there", "so there never"));
    assert_eq!(u.class, Class::Altered);
}

#[test]
fn a_changed_number_is_altered() {
    let reference =
        "We got about 60,000 votes out of an estimated total of 160 million in the end.";
    let u = single_pair(reference, &reference.replace("60,000", "6,000"));
    assert_eq!(u.class, Class::Altered);
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Number]);
    let u = single_pair(
        reference,
        &reference.replace("160 million", "sixty million"),
    );
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Number]);
}

#[test]
fn a_censored_word_alone_is_faithful() {
    let reference = "And that’s some sellout shit. And I don’t rock with neither of them.";
    let u = single_pair(reference, &reference.replace("shit", "s**t"));
    assert_eq!(u.class, Class::Faithful);
    assert_eq!(kinds(&u.renderings[1]), [DifferenceKind::Censored]);
    assert_eq!(u.summary(), "");
}

#[test]
fn a_quotation_repeated_inside_one_article_is_one_rendering() {
    let (_, utterances) = matched(&[(0, SAID), (0, SAID), (1, SAID)]);
    assert_eq!(utterances.len(), 1);
    let articles: Vec<usize> = utterances[0].renderings.iter().map(|r| r.article).collect();
    assert_eq!(articles, [0, 1]);
    assert_eq!(utterances[0].renderings[0].quotation, 0);
}

#[test]
fn renderings_from_one_article_only_make_no_group() {
    let (_, utterances) = matched(&[(0, SAID), (0, &SAID.replace("scam", "fraud"))]);
    assert!(utterances.is_empty());
}

#[test]
fn short_quotations_are_never_matched() {
    let (quotations, utterances) = matched(&[
        (0, "reconsider"),
        (1, "reconsider"),
        (0, "All Of Me"),
        (1, "All of Me"),
    ]);
    assert!(quotations.iter().all(|q| !q.is_utterance()));
    assert!(utterances.is_empty());
}

#[test]
fn different_utterances_sharing_a_phrase_stay_apart() {
    let (_, utterances) = matched(&[
        (
            0,
            "I don't know what will happen in the future, but he was very upset with me.",
        ),
        (
            1,
            "I don't know what will happen in the future, and the album comes out next week anyway.",
        ),
        (
            2,
            "Honestly, I don't know what will happen in the future with any of it at all.",
        ),
    ]);
    assert!(utterances.is_empty(), "{utterances:?}");
}

#[test]
fn output_does_not_depend_on_input_order() {
    let input: Vec<(usize, &str)> = DRINK_CHAMPS
        .iter()
        .copied()
        .enumerate()
        .chain([(4, SAID), (2, SAID)])
        .collect();
    let mut reversed = input.clone();
    reversed.reverse();
    type Described = Vec<(Class, String, Vec<(usize, String)>)>;
    let describe = |input: &[(usize, &str)]| -> Described {
        let (quotations, utterances) = matched(input);
        utterances
            .iter()
            .map(|u| {
                let renderings = u
                    .renderings
                    .iter()
                    .map(|r| (r.article, quotations[r.quotation].text.clone()))
                    .collect();
                (u.class, u.summary(), renderings)
            })
            .collect()
    };
    let forward = describe(&input);
    assert_eq!(forward.len(), 2);
    assert_eq!(forward, describe(&reversed));
}

/// A fixed-seed xorshift generator, so the synthetic corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `utterances` utterances of 16–28 words, each rendered by `renderings` articles with up
/// to two substituted words and sometimes two words cut from one end. One utterance in
/// five opens with the same common phrase. Returns the quotations, their articles and
/// their utterance.
fn synthetic(utterances: usize, renderings: usize) -> Vec<(usize, usize, Quotation)> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocabulary = 20_000;
    let common = ["i", "don't", "know", "what"];
    let mut out = Vec::with_capacity(utterances * renderings);
    for u in 0..utterances {
        let len = 16 + rng.below(13);
        let mut base: Vec<String> = (0..len)
            .map(|_| format!("w{}", rng.below(vocabulary)))
            .collect();
        if u % 5 == 0 {
            for (slot, word) in base.iter_mut().zip(common) {
                *slot = word.to_string();
            }
        }
        for article in 0..renderings {
            let mut words = base.clone();
            if rng.below(10) >= 3 {
                for _ in 0..1 + rng.below(2) {
                    let at = rng.below(words.len());
                    words[at] = format!("w{}", rng.below(vocabulary));
                }
            }
            if rng.below(5) == 0 {
                if rng.below(2) == 0 {
                    words.drain(..2);
                } else {
                    words.truncate(words.len() - 2);
                }
            }
            out.push((article, u, quotation(&words.join(" "))));
        }
    }
    out
}

fn assert_synthetic_grouping(utterances: usize, renderings: usize) -> std::time::Duration {
    let corpus = synthetic(utterances, renderings);
    let refs: Vec<QuoteRef<'_>> = corpus
        .iter()
        .map(|(article, _, quotation)| QuoteRef {
            article: *article,
            quotation,
        })
        .collect();
    let started = Instant::now();
    let found = match_utterances(&refs);
    let elapsed = started.elapsed();
    assert_eq!(found.len(), utterances);
    let mut seen = vec![false; utterances];
    for u in &found {
        let origin = corpus[u.renderings[0].quotation].1;
        assert!(u.renderings.iter().all(|r| corpus[r.quotation].1 == origin));
        assert_eq!(u.renderings.len(), renderings);
        assert!(!seen[origin], "utterance {origin} split into two groups");
        seen[origin] = true;
    }
    elapsed
}

#[test]
fn thousands_of_synthetic_renderings_group_by_utterance() {
    assert_synthetic_grouping(200, 20);
}

#[test]
#[ignore = "100,000 quotations: run in release with --ignored"]
fn a_hundred_thousand_synthetic_renderings_group_by_utterance() {
    let elapsed = assert_synthetic_grouping(2_000, 50);
    eprintln!("matched 100,000 quotations in {elapsed:?}");
}

#[test]
fn random_text_full_of_marks_never_panics() {
    let alphabet: Vec<char> = "aA zZ éß1 0.,:;!?…-–—*[]()'’‘`\"“”„‟〝〞＂\n\n\r\u{2028}\u{2029}\u{200B}\u{00A0}\u{0301}👍said Legend the he according to"
        .chars()
        .collect();
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let mut texts = Vec::new();
    for _ in 0..1_500 {
        let len = rng.below(300);
        let mut text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        if rng.below(3) == 0 {
            text.push_str(
                " “I don’t rock with neither of them and I need my apologies,” West said.",
            );
        }
        texts.push(text);
    }
    let scans: Vec<QuoteScan> = texts.iter().map(|t| find_quotations(t)).collect();
    for (text, scan) in texts.iter().zip(&scans) {
        for q in &scan.quotations {
            assert_eq!(text.get(q.span.clone()), Some(q.text.as_str()));
        }
        for mark in &scan.unbalanced {
            assert!(text.get(mark.clone()).is_some_and(|m| !m.is_empty()));
        }
    }
    let refs: Vec<QuoteRef<'_>> = scans
        .iter()
        .enumerate()
        .flat_map(|(article, scan)| {
            scan.quotations
                .iter()
                .map(move |quotation| QuoteRef { article, quotation })
        })
        .collect();
    for u in match_utterances(&refs) {
        let _ = u.summary();
        for r in &u.renderings {
            let text = &refs[r.quotation].quotation.text;
            for d in &r.differences {
                assert_eq!(text.get(d.span.clone()), Some(d.rendering.as_str()));
            }
        }
    }
}

#[test]
fn a_few_shared_words_at_the_edge_do_not_make_one_utterance() {
    let a = "Everyone saw how I talked to him about it";
    let b = "I talked to him with love and with empathy and tried to help him see another way of looking at things.";
    let qa = Quotation {
        span: 0..a.len(),
        text: a.to_string(),
        speaker: None,
    };
    let qb = Quotation {
        span: 0..b.len(),
        text: b.to_string(),
        speaker: None,
    };
    let groups = match_utterances(&[
        QuoteRef {
            article: 0,
            quotation: &qa,
        },
        QuoteRef {
            article: 1,
            quotation: &qb,
        },
    ]);
    assert!(groups.iter().all(|u| u.renderings.len() < 2), "{groups:?}");
}

/// The compact sites of articles given as (path, text), none of them on disk unless
/// `folder` is given, in which case each is written there first.
pub(super) fn compact_sites(
    articles: &[(&str, &str)],
    folder: Option<&std::path::Path>,
) -> findings::QuoteSites {
    compact_sites_read(articles, folder, true)
}

/// [`compact_sites`], the articles written to `folder` read again in place (only their
/// quotations and lines) when `in_place` holds, else whole.
pub(super) fn compact_sites_read(
    articles: &[(&str, &str)],
    folder: Option<&std::path::Path>,
    in_place: bool,
) -> findings::QuoteSites {
    let settings = findings::QuoteSettings::default();
    let mut sites = findings::QuoteSites::default();
    for (name, text) in articles {
        let path = match folder {
            Some(folder) => {
                let path = folder.join(name);
                std::fs::write(&path, text).expect("the temporary folder is writable");
                path.to_string_lossy().into_owned()
            }
            None => name.to_string(),
        };
        let doc = crate::document::Document::from_text(&path, text, 0, None);
        let (quotes, _) = findings::sites(&doc, &settings);
        let as_is = (folder.is_some() && in_place).then_some(text.len() as u64);
        sites.add(None, quotes, as_is);
    }
    sites
}

const PLEDGE: &str = "“We will not raise taxes on working families this year,” the mayor said.";
const MISQUOTED: &str = "“We will raise taxes on working families this year,” the mayor said.";

#[test]
fn sites_keep_identical_wordings_once_and_no_quotation_text() {
    // The same utterance in 40 articles, with curly or straight marks and other case:
    // one wording; the misquote is a second one.
    let mut texts: Vec<(String, String)> = (0..40)
        .map(|i| {
            let text = if i % 2 == 0 {
                PLEDGE.to_string()
            } else {
                PLEDGE
                    .replace(['“', '”'], "\"")
                    .replace("We will", "WE WILL")
            };
            (format!("{i:02}.txt"), text)
        })
        .collect();
    texts.push(("99.txt".to_string(), MISQUOTED.to_string()));
    let articles: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let sites = compact_sites(&articles, None);
    assert_eq!(sites.len(), 41);
    assert_eq!(sites.wordings(), 2);
    // Words are kept once per distinct wording, not once per quotation.
    assert_eq!(sites.stored_words(), 10 + 9);
    // A fixed record per quotation: no room for a String, let alone the text.
    const { assert!(findings::QuoteSites::SITE_BYTES <= 16) };
}

#[test]
fn short_quotations_are_not_kept_at_all() {
    let sites = compact_sites(&[("a.txt", "He called it “a sellout move” twice.")], None);
    assert!(sites.is_empty());
    assert_eq!(sites.wordings(), 0);
}

#[test]
fn a_misquote_is_shown_from_the_articles_read_again() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let sites = compact_sites(
        &[("a.txt", PLEDGE), ("b.txt", MISQUOTED)],
        Some(folder.path()),
    );
    let found = findings::findings(&sites, &findings::QuoteSettings::default());
    assert_eq!(found.len(), 1, "{found:?}");
    let shown = format!("{found:?}");
    assert!(shown.contains("leaves out “not”"), "{shown}");
    assert!(
        shown.contains("\\\"not raise\\\" / \\\"raise\\\""),
        "{shown}"
    );
}

#[test]
fn a_misquote_whose_articles_are_gone_is_still_reported() {
    // The paths do not exist: the finding is made from what matching kept.
    let sites = compact_sites(&[("gone/a.txt", PLEDGE), ("gone/b.txt", MISQUOTED)], None);
    let found = findings::findings(&sites, &findings::QuoteSettings::default());
    assert_eq!(found.len(), 1, "{found:?}");
    let shown = format!("{found:?}");
    assert!(shown.contains("claimcheck::quote::altered"), "{shown}");
    assert!(shown.contains("could not be read again"), "{shown}");
    assert!(shown.contains("worded differently from a.txt"), "{shown}");
    assert!(!shown.contains("leaves out"), "{shown}");
}

#[test]
fn an_article_changed_since_the_check_is_not_shown_with_its_new_words() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let sites = compact_sites(
        &[("a.txt", PLEDGE), ("b.txt", MISQUOTED)],
        Some(folder.path()),
    );
    std::fs::write(
        folder.path().join("b.txt"),
        PLEDGE.replace("taxes", "fares"),
    )
    .expect("the temporary folder is writable");
    let found = findings::findings(&sites, &findings::QuoteSettings::default());
    assert_eq!(found.len(), 1, "{found:?}");
    let shown = format!("{found:?}");
    assert!(shown.contains("could not be read again"), "{shown}");
    assert!(!shown.contains("fares"), "{shown}");
}

#[test]
fn a_finding_read_again_a_quotation_at_a_time_is_the_one_read_all_at_once() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let sites = compact_sites(
        &[
            ("a.txt", PLEDGE),
            ("b.txt", MISQUOTED),
            ("c.txt", PLEDGE),
            ("d.txt", MISQUOTED),
        ],
        Some(folder.path()),
    );
    let settings = findings::QuoteSettings::default();
    let all = findings::findings(&sites, &settings);
    let one_by_one = findings::findings_loading(&sites, &settings, Default::default(), 1);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(format!("{all:?}"), format!("{one_by_one:?}"));
    assert!(format!("{one_by_one:?}").contains("leaves out “not”"));
}

#[test]
fn findings_whose_articles_are_read_again_together_are_those_drafted_one_at_a_time() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let said = format!("“{SAID}” the senator said.");
    let missaid = said.replace("clear scam", "clear fraud");
    let texts: Vec<(&str, String)> = vec![
        ("a.txt", format!("{PLEDGE}\n\n{said}")),
        ("b.txt", format!("{MISQUOTED}\n\n{said}")),
        ("c.txt", format!("{said}\n\n{PLEDGE}")),
        ("d.txt", format!("{PLEDGE}\n\n{missaid}")),
        ("e.txt", format!("{missaid}\n\n{MISQUOTED}")),
    ];
    let articles: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let sites = compact_sites(&articles, Some(folder.path()));
    let settings = findings::QuoteSettings::default();
    let alone = findings::findings_each_alone(&sites, &settings);
    assert_eq!(alone.len(), 2, "{alone:?}");
    for at_once in [1, 2, 3, 4096] {
        let together = findings::findings_loading(&sites, &settings, Default::default(), at_once);
        assert_eq!(together, alone, "{at_once} at once");
    }
}

#[test]
fn a_finding_that_cannot_be_shown_leaves_no_evidence_half_drafted() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let sites = compact_sites(
        &[
            ("a.txt", PLEDGE),
            ("b.txt", MISQUOTED),
            ("c.txt", MISQUOTED),
        ],
        Some(folder.path()),
    );
    // The last rendering no longer reads as it did: the first one's evidence is
    // drafted by the time that is found out.
    std::fs::write(folder.path().join("c.txt"), "Nothing quoted here any more.")
        .expect("the temporary folder is writable");
    let found = findings::findings_loading(
        &sites,
        &findings::QuoteSettings::default(),
        Default::default(),
        1,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let shown = format!("{found:?}");
    assert!(shown.contains("could not be read again"), "{shown}");
    // Two renderings pointed at as a whole and the reference: nothing else is stored.
    assert_eq!(found[0].evidence.len(), 3, "{shown}");
    assert_eq!(found[0].evidence.stored(), 3, "{shown}");
}

#[test]
fn word_hashes_ignore_apostrophes_but_not_brackets() {
    let hash = |text: &str| {
        let words = tokenize(text).words;
        words.iter().map(matching::word_hash).collect::<Vec<u64>>()
    };
    assert_eq!(hash("don’t stop"), hash("dont stop"));
    assert_eq!(hash("Sell-out"), hash("sellout"));
    assert_ne!(hash("[Smith] said"), hash("Smith said"));
    assert_ne!(hash("did stop"), hash("didn't stop"));
}
