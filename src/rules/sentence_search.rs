//! Searching one sentence with a rule pattern. The regex crate looks for a pattern's
//! literal words with a vectorised prefilter before it runs its automaton; over text as
//! short as a sentence that prefilter costs more than the walk it saves, so sentences are
//! searched with the lazy DFA alone.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;
use regex_automata::Input;
use regex_automata::hybrid::regex::{Cache, Regex as Dfa};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::{Pool, PoolGuard};

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// The DFA, and a cache for it on each thread that searches.
struct Built {
    dfa: Arc<Dfa>,
    caches: CachePool,
}

/// A pattern's lazy DFA for sentences, built on its first sentence search: most patterns
/// (scopes, quantities) are only ever searched whole by the regex crate.
#[derive(Clone, Default)]
pub(crate) struct SentenceSearch {
    /// `None` inside when the DFA cannot be built (a Unicode word boundary): then the
    /// regex crate searches alone.
    built: Arc<OnceLock<Option<Built>>>,
}

impl SentenceSearch {
    fn dfa(&self, source: &str) -> Option<&Built> {
        self.built
            .get_or_init(|| {
                // The same syntax as the regex crate's defaults, so the same matches.
                let dfa = Arc::new(Dfa::new(source).ok()?);
                let for_caches = Arc::clone(&dfa);
                let caches: CachePool = Pool::new(Box::new(move || for_caches.create_cache()));
                Some(Built { dfa, caches })
            })
            .as_ref()
    }

    /// Whether `regex` (whose source this searches) matches `sentence`, as
    /// [`Regex::is_match`] says, when every match it could have lies in `window`.
    pub(crate) fn is_match(&self, regex: &Regex, sentence: &str, window: Range<usize>) -> bool {
        let Some(Built { dfa, caches }) = self.dfa(regex.as_str()) else {
            return regex.is_match(sentence);
        };
        let mut cache = caches.get();
        // Whether it matches is known at the first match's end: no search back for its
        // start.
        let input = Input::new(sentence)
            .range(within(sentence, window))
            .earliest(true);
        match dfa.forward().try_search_fwd(cache.as_parts_mut().0, &input) {
            Ok(found) => found.is_some(),
            Err(_) => regex.is_match(sentence),
        }
    }

    /// The spans of [`Regex::find_iter`] of `regex` (whose source this searches) in
    /// `sentence`, when every match it could have lies in `window`: only the window is
    /// searched, the text around it still deciding what its edges' word boundaries are.
    pub(crate) fn find_iter<'p, 'h>(
        &'p self,
        regex: &'p Regex,
        sentence: &'h str,
        window: Range<usize>,
    ) -> SentenceMatches<'p, 'h> {
        let state = match self.dfa(regex.as_str()) {
            Some(Built { dfa, caches }) => State::Dfa {
                dfa,
                cache: caches.get(),
                searcher: Searcher::new(Input::new(sentence).range(within(sentence, window))),
            },
            None => State::Regex(regex.find_iter(sentence)),
        };
        SentenceMatches {
            regex,
            sentence,
            found: 0,
            state,
        }
    }
}

/// `window` when it is a range of `sentence` (it may be empty); the whole sentence when
/// it is not.
fn within(sentence: &str, window: Range<usize>) -> Range<usize> {
    if window.start <= window.end && window.end <= sentence.len() {
        window
    } else {
        0..sentence.len()
    }
}

impl std::fmt::Debug for SentenceSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceSearch")
            .field("built", &self.built.get().map(Option::is_some))
            .finish()
    }
}

/// The matches of a pattern in one sentence, as spans of the sentence.
pub struct SentenceMatches<'p, 'h> {
    regex: &'p Regex,
    sentence: &'h str,
    /// How many matches were given so far.
    found: usize,
    state: State<'p, 'h>,
}

enum State<'p, 'h> {
    Dfa {
        dfa: &'p Dfa,
        cache: PoolGuard<'p, Cache, Box<dyn Fn() -> Cache + Send + Sync>>,
        searcher: Searcher<'h>,
    },
    Regex(regex::Matches<'p, 'h>),
}

impl Iterator for SentenceMatches<'_, '_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if let State::Dfa {
            dfa,
            cache,
            searcher,
        } = &mut self.state
        {
            match searcher.try_advance(|input| dfa.try_search(cache, input)) {
                Ok(found) => {
                    self.found += found.is_some() as usize;
                    return found.map(|m| m.range());
                }
                // A DFA without quit bytes never fails, but if it did, the regex crate
                // would give the same matches up to here: it carries on after them.
                Err(_) => {
                    let mut matches = self.regex.find_iter(self.sentence);
                    matches.by_ref().take(self.found).for_each(drop);
                    self.state = State::Regex(matches);
                }
            }
        }
        match &mut self.state {
            State::Regex(matches) => matches.next().map(|m| m.range()),
            State::Dfa { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use crate::rules::{Pattern, RuleSet};

    static RULES: LazyLock<RuleSet> =
        LazyLock::new(|| RuleSet::shipped().expect("the shipped rules compile"));

    /// Every pattern of the shipped rules that sentences are searched with, and two whose
    /// Unicode word boundaries keep the DFA from being built.
    static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
        let rules = &*RULES;
        let mut patterns: Vec<Pattern> = rules
            .topics
            .iter()
            .flat_map(|topic| crate::scan::slots(topic).into_iter().chain(&topic.scope))
            .cloned()
            .collect();
        for unicode in [r"(?i)\bJosé\b", r"\b\w+ votes\b"] {
            patterns.push(Pattern::new(regex::Regex::new(unicode).expect("valid")));
        }
        patterns
    });

    /// Words of the shipped patterns, and what sits next to them in news prose: numbers,
    /// punctuation that ends clauses, curly quotes, accents; one piece between each `|`.
    const PIECES: &str = "West|Kanye's|Ye|Legend|legend|John|never|didn't|did not|backed|\
        support|supported|supporting|his|him|run|campaign|presidential|2020|1925|43|60,000|\
        forty-three|friends|friendship|fell out|rift|political|differences|disagreed|\
        publicly|Trump|Donald|Biden|instead of|votes|received|interview|New Yorker|Drink|\
        Champs|posted|screenshots|texts|MAGA|hat|because|over|.|;|,|’|“|”|é|José|—|\n|K|ſ|(|)";

    /// The pieces in order, each after a space or not, with the rules' example sentences
    /// (which hold matches of the patterns) among them.
    fn text_of(pieces: &[(usize, bool)]) -> String {
        let examples: Vec<&str> = RULES
            .topics
            .iter()
            .flat_map(|topic| &topic.examples)
            .map(|example| example.text.as_str())
            .collect();
        let words: Vec<&str> = PIECES.split('|').collect();
        let mut text = String::new();
        for &(piece, spaced) in pieces {
            if spaced {
                text.push(' ');
            }
            text.push_str(match piece.checked_sub(words.len()) {
                Some(example) => examples[example % examples.len()],
                None => words[piece],
            });
        }
        text
    }

    #[test]
    fn the_dfa_is_built_for_ascii_boundaries_and_not_for_unicode_ones() {
        let built = |pattern: &Pattern| {
            pattern.is_match_in_sentence("");
            format!("{:?}", pattern.in_sentence)
        };
        let unicode = &PATTERNS[PATTERNS.len() - 1];
        assert!(built(unicode).contains("Some(false)"), "{unicode:?}");
        assert!(
            built(&PATTERNS[0]).contains("Some(true)"),
            "{:?}",
            PATTERNS[0]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_sentence_search_finds_what_the_regex_finds(
            pieces in proptest::collection::vec((0..120usize, any::<bool>()), 0..40)
        ) {
            let text = text_of(&pieces);
            for pattern in PATTERNS.iter() {
                let expected: Vec<_> = pattern.find_iter(&text).map(|m| m.range()).collect();
                let found: Vec<_> = pattern.find_in_sentence(&text).collect();
                prop_assert_eq!(found, expected, "{:?} in {:?}", pattern, text);
                prop_assert_eq!(
                    pattern.is_match_in_sentence(&text),
                    pattern.is_match(&text),
                    "{:?} in {:?}", pattern, text
                );
            }
        }
    }
}
