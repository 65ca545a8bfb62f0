//! One pass over an article for all the rules: every sentence-level pattern of every topic
//! is compiled into one lazy DFA that says, in a single walk of each sentence's bytes,
//! which patterns match in it. Only the sentences it names are searched again, pattern by
//! pattern, where the match itself is needed.
//!
//! The DFA searches for each pattern's *factors* rather than the pattern itself: the pieces
//! between its gaps (`[^.;]{0,40}?`) and bulky parts (the `{number}` grammar). A sentence
//! the pattern matches holds every factor, so the sentences holding all of them are the
//! candidates. Gaps multiply a DFA's states, since every position in the gap is a state of
//! its own for each other pattern's progress; without them the automaton stays small and
//! fast.

use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

use std::ops::Range;

use crate::document::Document;
use crate::rules::{Pattern, RuleSet, Topic};

/// How much memory one thread's DFA may use for its states. A lazy DFA that runs out
/// clears its states and builds them again, which for many patterns at once can make it
/// slower than searching them one by one; ripgrep allows far more for the same reason.
const DFA_CACHE_BYTES: usize = 32 * 1024 * 1024;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// A repetition that may match more than this many times more than its least is a gap,
/// when what it repeats matches many characters.
const GAP_SPREAD: u32 = 3;

/// A class of at least this many characters (or bytes) is broad: a gap of it spans words.
const BROAD_CLASS: u32 = 64;

/// A piece of a pattern with more nodes than this is bulky, like the `{number}` grammar.
const BULKY_NODES: usize = 400;

/// A factor must match at least this many bytes; shorter ones would name most sentences.
const FACTOR_MIN_LEN: usize = 2;

/// All the topics' sentence-level patterns, ready to scan articles.
pub struct Scanner {
    /// `None` when no pattern can be searched across a body (or the DFA cannot be built).
    dfa: Option<(DFA, CachePool)>,
    /// For each topic and slot: the patterns of the DFA (distinct factors) that a sentence
    /// must match to be a candidate; empty when the DFA does not search the slot.
    required: Vec<Vec<Vec<usize>>>,
    /// For each pattern of the DFA: the topics and slots that require it.
    required_by: Vec<Vec<(usize, usize)>>,
    /// For each topic and slot: whether its one factor is the whole pattern, so that the
    /// sentences the DFA names for it are exactly those the pattern matches.
    whole: Vec<Vec<bool>>,
    /// For each topic and slot: where its factors stand in the pattern, to say where in a
    /// sentence the pattern can match from where the factors do.
    reach: Vec<Vec<Vec<Reach>>>,
}

/// Where a factor stands in its pattern: how many bytes a match of the pattern can hold
/// up to the factor's end, and after it (`None`: any number). A match of the pattern
/// holds a match of the factor, so it starts at most `before` bytes before the factor's
/// first match in a sentence ends, and ends at most `after` bytes after its last.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Reach {
    /// The factor, as a pattern of the DFA.
    factor: usize,
    before: Option<usize>,
    after: Option<usize>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("patterns", &self.required_by.len())
            .finish()
    }
}

/// The patterns of a topic that are searched sentence by sentence, in a fixed order:
/// its anchors, then the kind's own patterns (category values, number patterns, a date's
/// `exclude` patterns).
pub fn slots(topic: &Topic) -> Vec<&Pattern> {
    let mut slots: Vec<&Pattern> = topic.anchor.iter().collect();
    slots.extend(topic.spec.patterns());
    slots
}

impl Scanner {
    /// Compiles the sentence-level patterns of every topic of `rules`.
    pub fn new(rules: &RuleSet) -> Scanner {
        // Distinct factors, each searched once however many slots share it.
        let mut distinct: Vec<Hir> = Vec::new();
        let mut required_by: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut required = Vec::new();
        let mut whole = Vec::new();
        let mut reach = Vec::new();
        for (topic_index, topic) in rules.topics.iter().enumerate() {
            let mut topic_required = Vec::new();
            let mut wholes = Vec::new();
            let mut topic_reach = Vec::new();
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let parsed = pattern
                    .searches_across_body()
                    .then(|| regex_syntax::Parser::new().parse(pattern.as_str()).ok())
                    .flatten();
                let slot_factors = parsed
                    .map(|parsed| {
                        let slot_factors = factors_in_place(parsed.clone());
                        wholes
                            .push(matches!(&slot_factors[..], [(factor, ..)] if *factor == parsed));
                        slot_factors
                    })
                    .unwrap_or_else(|| {
                        wholes.push(false);
                        Vec::new()
                    });
                let mut needs = Vec::new();
                let mut slot_reach = Vec::new();
                for (factor, before, after) in slot_factors {
                    let at = match distinct.iter().position(|known| *known == factor) {
                        Some(at) => at,
                        None => {
                            distinct.push(factor);
                            required_by.push(Vec::new());
                            distinct.len() - 1
                        }
                    };
                    if !needs.contains(&at) {
                        needs.push(at);
                        required_by[at].push((topic_index, slot));
                    }
                    slot_reach.push(Reach {
                        factor: at,
                        before,
                        after,
                    });
                }
                topic_required.push(needs);
                topic_reach.push(slot_reach);
            }
            required.push(topic_required);
            whole.push(wholes);
            reach.push(topic_reach);
        }
        let dfa = if distinct.is_empty() {
            None
        } else {
            build_dfa(&distinct)
        };
        if dfa.is_none() {
            // Without a DFA every pattern is searched sentence by sentence.
            for topic in &mut required {
                topic.iter_mut().for_each(Vec::clear);
            }
        }
        Scanner {
            dfa,
            required,
            required_by,
            whole,
            reach,
        }
    }

    /// For every topic marked in `wanted` (by index in the rule set), the sentences each
    /// of its slots may match: every sentence the pattern matches, and for a pattern
    /// searched by its factors perhaps a few it does not (those that hold every factor
    /// but not the pattern), so callers confirm with the pattern itself unless the slot
    /// is exact (see [`Hits::exact`]). Topics not wanted get no slots.
    pub fn scan(&self, doc: &Document, rules: &RuleSet, wanted: &[bool]) -> Hits {
        // The scanner knows how many slots each topic has: one list of factors each.
        let slot_count = |index: usize, topic: &Topic| {
            self.required
                .get(index)
                .map_or_else(|| slots(topic).len(), Vec::len)
        };
        let mut exact: Vec<Vec<bool>> = vec![Vec::new(); rules.topics.len()];
        let mut hits: Vec<Vec<Vec<usize>>> = rules
            .topics
            .iter()
            .zip(wanted)
            .enumerate()
            .map(|(index, (topic, &wanted))| {
                if wanted {
                    vec![Vec::new(); slot_count(index, topic)]
                } else {
                    Vec::new()
                }
            })
            .collect();
        // In the shape of `hits`: a window for each sentence of a slot the DFA searches.
        let mut windows: Vec<Vec<Vec<Range<u32>>>> = hits
            .iter()
            .map(|slots| vec![Vec::new(); slots.len()])
            .collect();
        let scanned = match &self.dfa {
            Some((dfa, caches)) if wanted.contains(&true) => {
                self.scan_body(dfa, caches, doc, wanted, &mut hits, &mut windows)
            }
            _ => false,
        };
        for (topic_index, topic) in rules.topics.iter().enumerate() {
            if !wanted.get(topic_index).copied().unwrap_or(false) {
                continue;
            }
            // The patterns are listed only for a slot the DFA did not search.
            let mut patterns = None;
            for slot in 0..hits[topic_index].len() {
                let searched = scanned
                    && self
                        .required
                        .get(topic_index)
                        .and_then(|required| required.get(slot))
                        .is_some_and(|factors| !factors.is_empty());
                let is_exact = if searched {
                    self.whole[topic_index][slot]
                } else {
                    let patterns = patterns.get_or_insert_with(|| slots(topic));
                    hits[topic_index][slot] = doc.sentences_matching(patterns[slot]);
                    // Nothing narrows where in its sentences the pattern matches.
                    windows[topic_index][slot].clear();
                    true
                };
                exact[topic_index].push(is_exact);
            }
        }
        Hits {
            topics: hits,
            exact,
            windows,
        }
    }

    /// Adds to `hits`, for every slot of a wanted topic that the DFA searches, the
    /// sentences that match all the factors the slot requires, from one walk of each
    /// sentence, and to `windows` where in each of them the slot's pattern can match;
    /// false when the DFA could not finish (then the caller searches sentence by
    /// sentence).
    fn scan_body(
        &self,
        dfa: &DFA,
        caches: &CachePool,
        doc: &Document,
        wanted: &[bool],
        hits: &mut [Vec<Vec<usize>>],
        windows: &mut [Vec<Vec<Range<u32>>>],
    ) -> bool {
        // Each sentence is scanned as the rules' patterns see it (searchable: invisible
        // characters dropped, odd spaces made plain), on its own, so that a match is
        // always one of that sentence.
        let text = doc.searchable_text();
        let spans = doc.searchable_spans();
        let mut cache = caches.get();
        let mut matched = PatternSet::new(self.required_by.len());
        for (sentence, span) in spans.iter().enumerate() {
            matched.clear();
            let walked = patterns_in(
                dfa,
                &mut cache,
                &text.as_bytes()[span.clone()],
                &mut matched,
            );
            if walked.is_none() {
                return false;
            }
            for &pattern in matched.patterns() {
                for &(topic, slot) in &self.required_by[pattern] {
                    if !wanted[topic] {
                        continue;
                    }
                    // A slot that requires several factors is reached from each of them.
                    let list = &mut hits[topic][slot];
                    if list.last() != Some(&sentence)
                        && self.required[topic][slot]
                            .iter()
                            .all(|&needed| matched.contains(needed))
                    {
                        let windows = &mut windows[topic][slot];
                        // A slot's lists are given room for the sentences left (as many
                        // as a news article has) when the first is added, rather than
                        // grown again and again.
                        if list.is_empty() {
                            let room = (spans.len() - sentence).min(FIRST_ROOM);
                            list.reserve_exact(room);
                            windows.reserve_exact(room);
                        }
                        list.push(sentence);
                        windows.push(window(&self.reach[topic][slot], &matched, span.len()));
                    }
                }
            }
        }
        true
    }
}

/// How many sentences a slot's lists are first given room for: more than most news
/// articles have, and few enough that a long article's slots ask little room at once.
const FIRST_ROOM: usize = 64;

/// Where in a sentence of `len` bytes a pattern can match, from where its factors
/// (`reach`, all of them in `matched`) first and last end: after a match of every factor
/// has ended, as far as `before` allows, and before the last has ended, with `after` to
/// spare. Empty when no match fits.
fn window(reach: &[Reach], matched: &PatternSet, len: usize) -> Range<u32> {
    let (mut from, mut to) = (0, len);
    for &Reach {
        factor,
        before,
        after,
    } in reach
    {
        let Some(ends) = matched.ends(factor) else {
            continue;
        };
        if let Some(before) = before {
            from = from.max(ends.start.saturating_sub(before));
        }
        if let Some(after) = after {
            to = to.min(ends.end.saturating_add(after));
        }
    }
    // A sentence is far shorter than 4 GB; one that is not is searched whole (see
    // [`window_at`]), whatever its window says.
    let short = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
    short(from.min(to))..short(to)
}

/// The part of a sentence of `len` bytes to search for the pattern of `slot`, the
/// sentence being the `at`-th of the slot's candidates, given `windows` (see
/// [`Hits::windows`]): its window, or the whole sentence when it has none.
pub fn window_at(windows: &[Vec<Range<u32>>], slot: usize, at: usize, len: usize) -> Range<usize> {
    // Windows are kept in 32 bits: a sentence longer than that is searched whole.
    let fits = u32::try_from(len).is_ok();
    match windows.get(slot).and_then(|slot| slot.get(at)) {
        Some(window) if fits && window.end as usize <= len => {
            window.start as usize..window.end as usize
        }
        _ => 0..len,
    }
}

/// The patterns of a DFA that match somewhere, each once, in the order first found, and
/// where their matches first and last end.
struct PatternSet {
    seen: Vec<bool>,
    patterns: Vec<usize>,
    /// For each pattern seen: where its first match found ends, and its last.
    ends: Vec<Range<usize>>,
}

impl PatternSet {
    fn new(len: usize) -> PatternSet {
        PatternSet {
            seen: vec![false; len],
            patterns: Vec::new(),
            ends: vec![0..0; len],
        }
    }

    fn clear(&mut self) {
        for &pattern in &self.patterns {
            self.seen[pattern] = false;
        }
        self.patterns.clear();
    }

    fn contains(&self, pattern: usize) -> bool {
        self.seen.get(pattern).copied().unwrap_or(false)
    }

    /// Records a match of `pattern` ending at `end`; matches are recorded in the order
    /// of their ends.
    fn insert(&mut self, pattern: usize, end: usize) {
        let Some(seen) = self.seen.get_mut(pattern) else {
            return;
        };
        if *seen {
            self.ends[pattern].end = end;
        } else {
            *seen = true;
            self.patterns.push(pattern);
            self.ends[pattern] = end..end;
        }
    }

    /// Where the first and the last match of `pattern` end, if it matched.
    fn ends(&self, pattern: usize) -> Option<Range<usize>> {
        self.contains(pattern).then(|| self.ends[pattern].clone())
    }

    fn patterns(&self) -> &[usize] {
        &self.patterns
    }
}

/// Marks in `matched` every pattern of `dfa` (built to report all matches) with a match
/// in `haystack`, in one walk of its bytes: only which patterns match is wanted, not where,
/// so the walk never stops at a match to report it. `None` when the DFA gives up.
fn patterns_in(
    dfa: &DFA,
    cache: &mut Cache,
    haystack: &[u8],
    matched: &mut PatternSet,
) -> Option<()> {
    let mut sid = dfa.start_state_forward(cache, &Input::new(haystack)).ok()?;
    // A match state's patterns are those of every match ending where it is entered: as
    // the DFA's matches are delayed by one byte, at the byte that enters it.
    let record = |sid: LazyStateID, end: usize, cache: &mut Cache, matched: &mut PatternSet| {
        for index in 0..dfa.match_len(cache, sid) {
            matched.insert(dfa.match_pattern(cache, sid, index).as_usize(), end);
        }
    };
    let mut bytes = haystack.iter();
    loop {
        // Most steps go from an untagged state (no match, not dead, already built) to
        // another; only the others need the full transition. Those steps only read the
        // automaton, so they are walked in a loop of their own, which keeps its table at
        // hand rather than reading where it is again at every byte.
        let mut tagged_next = None;
        if sid.is_tagged() {
            tagged_next = bytes.next().copied();
        } else {
            for &byte in bytes.by_ref() {
                let next = dfa.next_state_untagged(cache, sid, byte);
                if next.is_tagged() {
                    tagged_next = Some(byte);
                    break;
                }
                sid = next;
            }
        }
        let Some(byte) = tagged_next else {
            break;
        };
        sid = dfa.next_state(cache, sid, byte).ok()?;
        if sid.is_tagged() {
            if sid.is_match() {
                // Where the byte just read is: the walk counts no positions of its own.
                let at = haystack.len() - bytes.as_slice().len() - 1;
                record(sid, at, cache, matched);
            } else if sid.is_dead() {
                return Some(());
            } else if sid.is_quit() {
                return None;
            }
        }
    }
    sid = dfa.next_eoi_state(cache, sid).ok()?;
    if sid.is_match() {
        record(sid, haystack.len(), cache, matched);
    }
    Some(())
}

/// The factors the scan searches for in place of a pattern: the runs of its top-level
/// sequence between gaps (see [`is_gap`]) and bulky pieces (see [`is_bulky`]) that match at
/// least [`FACTOR_MIN_LEN`] bytes. Every sentence the pattern matches holds a match of each.
/// A pattern that is not a sequence, has no gap or bulky piece, or would leave no factor
/// long enough stands for itself.
pub fn scan_factors(pattern: Hir) -> Vec<Hir> {
    factors_in_place(pattern)
        .into_iter()
        .map(|(factor, ..)| factor)
        .collect()
}

/// [`scan_factors`], each with the most bytes a match of the pattern can hold up to the
/// factor's end and after it (`None`: no limit).
fn factors_in_place(pattern: Hir) -> Vec<(Hir, Option<usize>, Option<usize>)> {
    let stands_alone = |pattern: Hir| {
        let longest = pattern.properties().maximum_len();
        vec![(pattern, longest, Some(0))]
    };
    let HirKind::Concat(items) = pattern.kind() else {
        return stands_alone(pattern);
    };
    // The most bytes a run of items can match; `None` when one has no limit.
    let longest = |run: &[Hir]| {
        run.iter().try_fold(0usize, |sum, item| {
            Some(sum.saturating_add(item.properties().maximum_len()?))
        })
    };
    let mut factors = Vec::new();
    let mut broken = false;
    let mut start = 0;
    for run in items.split(|item| is_gap(item) || is_bulky(item)) {
        broken |= run.len() < items.len();
        let end = start + run.len();
        let factor = Hir::concat(run.to_vec());
        if factor
            .properties()
            .minimum_len()
            .is_some_and(|len| len >= FACTOR_MIN_LEN)
        {
            factors.push((factor, longest(&items[..end]), longest(&items[end..])));
        }
        // Past the run and the gap or bulky piece that ends it.
        start = end + 1;
    }
    if !broken || factors.is_empty() {
        return stands_alone(pattern);
    }
    factors
}

/// Whether `item` repeats something that matches many characters an open or widely
/// varying number of times, like `[^.;]{0,40}?` or `.*`.
fn is_gap(item: &Hir) -> bool {
    let HirKind::Repetition(repetition) = item.kind() else {
        return false;
    };
    let spread = repetition
        .max
        .is_none_or(|max| max.saturating_sub(repetition.min) > GAP_SPREAD);
    let broad = match repetition.sub.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            class.ranges().iter().map(|r| r.len() as u64).sum::<u64>() >= u64::from(BROAD_CLASS)
        }
        HirKind::Class(Class::Bytes(class)) => {
            class.ranges().iter().map(|r| r.len() as u64).sum::<u64>() >= u64::from(BROAD_CLASS)
        }
        _ => false,
    };
    spread && broad
}

/// Whether `item` has more than [`BULKY_NODES`] nodes.
fn is_bulky(item: &Hir) -> bool {
    fn nodes(hir: &Hir, budget: &mut usize) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        match hir.kind() {
            HirKind::Repetition(repetition) => nodes(&repetition.sub, budget),
            HirKind::Capture(capture) => nodes(&capture.sub, budget),
            HirKind::Concat(items) | HirKind::Alternation(items) => {
                items.iter().for_each(|item| nodes(item, budget));
            }
            _ => {}
        }
    }
    let mut budget = BULKY_NODES + 1;
    nodes(item, &mut budget);
    budget == 0
}

fn build_dfa(factors: &[Hir]) -> Option<(DFA, CachePool)> {
    build_dfa_with(factors, DFA::config().cache_capacity(DFA_CACHE_BYTES))
}

/// [`build_dfa`] with `config` (how much memory the states may take, for one).
fn build_dfa_with(
    factors: &[Hir],
    config: regex_automata::hybrid::dfa::Config,
) -> Option<(DFA, CachePool)> {
    let config = config.match_kind(MatchKind::All);
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .nfa_size_limit(None)
                .which_captures(WhichCaptures::None),
        )
        .build_many_from_hir(factors)
        .ok()?;
    let dfa = DFA::builder().configure(config).build_from_nfa(nfa).ok()?;
    let for_pool = dfa.clone();
    let create: Box<dyn Fn() -> Cache + Send + Sync> = Box::new(move || for_pool.create_cache());
    Some((dfa, Pool::new(create)))
}

/// Where each topic's sentence-level patterns may match in one document.
#[derive(Debug)]
pub struct Hits {
    /// Topic, then slot: sorted sentence indices.
    topics: Vec<Vec<Vec<usize>>>,
    /// Topic, then slot: whether the slot's sentences are exactly those its pattern
    /// matches (no confirming needed to know that it matches them).
    exact: Vec<Vec<bool>>,
    /// Topic, then slot: for each of the slot's sentences in order, the part of it
    /// (searchable, see [`Document::searchable_sentence`]) that holds every match of the
    /// slot's pattern; none for a slot whose sentences are searched whole.
    windows: Vec<Vec<Vec<Range<u32>>>>,
}

impl Hits {
    /// For each slot of topic `index`, the windows of its sentences (see
    /// [`window_at`]).
    pub fn windows(&self, index: usize) -> &[Vec<Range<u32>>] {
        self.windows.get(index).map_or(&[], Vec::as_slice)
    }

    /// The slots of topic `index` (empty for a topic that was not scanned).
    pub fn topic(&self, index: usize) -> &[Vec<usize>] {
        self.topics.get(index).map_or(&[], Vec::as_slice)
    }

    /// For each slot of topic `index`, whether its sentences are exact.
    pub fn exact(&self, index: usize) -> &[bool] {
        self.exact.get(index).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Article};
    use crate::kinds::number::NUMBER_PATTERN;
    use proptest::prelude::*;
    use regex::Regex;

    fn factors_of(source: &str) -> Vec<Regex> {
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .expect("a valid pattern");
        scan_factors(hir)
            .iter()
            .map(|factor| Regex::new(&factor.to_string()).expect("a factor prints as a regex"))
            .collect()
    }

    fn article(text: &str) -> Article {
        let (published, body_start) = corpus::header(text);
        Article {
            path: "a.txt".to_string(),
            text: text.to_string(),
            published,
            body_start,
            encoding: None,
        }
    }

    #[test]
    fn a_gap_splits_a_pattern_into_the_pieces_around_it() {
        let factors = factors_of(
            r"(?i)(?-u:\b)(never|didn.t) (back|support) (him|West)(?-u:\b)[^.;]{0,40}?(?-u:\b)(run|campaign)(?-u:\b)",
        );
        assert_eq!(factors.len(), 2);
        assert!(factors[0].is_match("They NEVER back West at all"));
        assert!(!factors[0].is_match("his run"));
        assert!(factors[1].is_match("his campaign"));
        assert!(!factors[1].is_match("never back West"));
        // An open repetition of a broad class is a gap too.
        assert_eq!(factors_of(r"friends.*over politics").len(), 2);
        assert_eq!(factors_of(r"launch\w*\s+in\s+\d{4}").len(), 2);
    }

    #[test]
    fn the_number_grammar_is_left_to_the_sentence_search() {
        let after = format!(r"(?i)(?-u:\b)turnout of {NUMBER_PATTERN}");
        let factors = factors_of(&after);
        assert_eq!(factors.len(), 1);
        assert!(factors[0].is_match("a turnout of 5"));
        let before = format!(r"(?i)(?-u:\b){NUMBER_PATTERN} (votes|ballots) (were )?cast(?-u:\b)");
        let factors = factors_of(&before);
        assert_eq!(factors.len(), 1);
        assert!(factors[0].is_match(" ballots were cast"));
        assert!(!factors[0].is_match("ballots"));
    }

    #[test]
    fn narrow_or_short_repetitions_and_patterns_without_long_factors_stay_whole() {
        for source in [
            r"(?i)(?-u:\b)\d{4}\s+(presidential|election|run)(?-u:\b)",
            r"(?i)(?-u:\b)Drink\s+Champs(?-u:\b)",
            r"(?-u:\b)(Kanye|Ye|West)(?-u:\b)",
            r"x[^.]{0,40}y",
            r"(?i)(friends?|feud)",
        ] {
            let hir = regex_syntax::Parser::new().parse(source).expect("valid");
            assert_eq!(scan_factors(hir.clone()), vec![hir], "{source}");
        }
    }

    #[test]
    fn only_patterns_searched_whole_are_exact() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let article = article("Legend would not back West in his run. West got 60,000 votes.");
        let doc = Document::new(&article);
        let hits = scanner.scan(&doc, &rules, &vec![true; rules.topics.len()]);
        let (mut exact, mut inexact) = (0, 0);
        for (index, topic) in rules.topics.iter().enumerate() {
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let gapped = pattern.as_str().contains("[^.;]{0,40}?");
                if gapped {
                    assert!(!hits.exact(index)[slot], "{pattern:?}");
                    inexact += 1;
                } else if pattern.as_str().contains(r"Drink\s+Champs") {
                    assert!(hits.exact(index)[slot], "{pattern:?}");
                    exact += 1;
                }
            }
        }
        assert!(exact > 0 && inexact > 0, "{exact} exact, {inexact} inexact");
    }

    #[test]
    fn patterns_shared_by_topics_are_searched_once() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        // Topics share factors: the pieces after the `{number}` grammar, for one.
        let distinct = scanner.required_by.len();
        let factors: usize = scanner.required.iter().flatten().map(Vec::len).sum();
        assert!(distinct > 10);
        assert!(
            distinct < factors,
            "{distinct} distinct of {factors} factors"
        );
    }

    /// Every sentence a slot's pattern matches is among the slot's candidates, and a slot
    /// said to be exact has no other candidate.
    fn assert_candidates_cover_matches(rules: &RuleSet, scanner: &Scanner, text: &str) {
        let article = article(text);
        let doc = Document::new(&article);
        let wanted = vec![true; rules.topics.len()];
        let hits = scanner.scan(&doc, rules, &wanted);
        for (index, topic) in rules.topics.iter().enumerate() {
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let candidates = &hits.topic(index)[slot];
                if hits.exact(index)[slot] {
                    assert_eq!(
                        candidates,
                        &doc.sentences_matching(pattern),
                        "{}: {pattern:?} is exact in {text:?}",
                        topic.id
                    );
                }
                for sentence in doc.sentences_matching(pattern) {
                    assert!(
                        candidates.contains(&sentence),
                        "{}: {pattern:?} matches sentence {sentence} of {text:?}",
                        topic.id
                    );
                }
            }
        }
    }

    /// The window of every candidate sentence holds every match of the slot's pattern
    /// there, and searching the window alone finds them all; returns how many bytes the
    /// windows left out.
    fn assert_windows_hold_every_match(rules: &RuleSet, scanner: &Scanner, text: &str) -> usize {
        let article = article(text);
        let doc = Document::new(&article);
        let hits = scanner.scan(&doc, rules, &vec![true; rules.topics.len()]);
        let mut left_out = 0;
        for (index, topic) in rules.topics.iter().enumerate() {
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                for (at, &sentence) in hits.topic(index)[slot].iter().enumerate() {
                    let searchable = doc.searchable_sentence(sentence);
                    let window = window_at(hits.windows(index), slot, at, searchable.len());
                    left_out += searchable.len() - window.len();
                    let matches: Vec<_> =
                        pattern.find_iter(searchable).map(|m| m.range()).collect();
                    for found in &matches {
                        assert!(
                            window.start <= found.start && found.end <= window.end,
                            "{}: {pattern:?} matches {found:?}, outside {window:?} of {searchable:?}",
                            topic.id
                        );
                    }
                    let in_window: Vec<_> =
                        pattern.find_in_window(searchable, window.clone()).collect();
                    assert_eq!(
                        in_window, matches,
                        "{}: {pattern:?} in {searchable:?}",
                        topic.id
                    );
                    assert_eq!(
                        pattern.is_match_in_window(searchable, window),
                        !matches.is_empty(),
                        "{}: {pattern:?} in {searchable:?}",
                        topic.id
                    );
                }
            }
        }
        left_out
    }

    #[test]
    fn candidates_cover_every_sentence_a_pattern_matches_in_the_seeds() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let mut left_out = 0;
        for entry in std::fs::read_dir("seeds").expect("the seeds folder") {
            let text = std::fs::read_to_string(entry.expect("a seed").path()).expect("text");
            assert_candidates_cover_matches(&rules, &scanner, &text);
            left_out += assert_windows_hold_every_match(&rules, &scanner, &text);
        }
        // The windows spare the searches much of their sentences.
        assert!(left_out > 10_000, "{left_out} bytes left out");
    }

    #[test]
    fn a_window_leaves_out_the_words_no_match_can_reach() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let opening = "Long before the album came out and the tour began, ";
        let closing = ", and the record label said nothing more about it that week";
        let text = format!("{opening}Legend said that he would not back West in his run{closing}.");
        let article = article(&text);
        let doc = Document::new(&article);
        let hits = scanner.scan(&doc, &rules, &vec![true; rules.topics.len()]);
        let sentence = doc.searchable_sentence(0);
        let mut narrowed = 0;
        for (index, topic) in rules.topics.iter().enumerate() {
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let gapped = pattern.as_str().contains("[^.;]{0,40}?");
                if !gapped || !pattern.is_match(sentence) {
                    continue;
                }
                let window = window_at(hits.windows(index), slot, 0, sentence.len());
                let found = pattern.find(sentence).expect("it matches").range();
                assert!(window.start <= found.start && found.end <= window.end);
                // Neither the words before the match nor those after are searched.
                assert!(
                    window.start > 0 && window.end < sentence.len(),
                    "{pattern:?}: {window:?}"
                );
                narrowed += 1;
            }
        }
        assert!(narrowed > 0, "a shipped pattern with a gap matches");
    }

    #[test]
    fn a_sentence_without_a_window_or_too_long_for_one_is_searched_whole() {
        let windows = vec![vec![3..9, 0..u32::MAX], Vec::new()];
        assert_eq!(window_at(&windows, 0, 0, 20), 3..9);
        assert_eq!(
            window_at(&windows, 1, 0, 20),
            0..20,
            "no windows for the slot"
        );
        assert_eq!(
            window_at(&windows, 0, 5, 20),
            0..20,
            "no window for the sentence"
        );
        assert_eq!(
            window_at(&windows, 0, 0, 5),
            0..5,
            "a window past the sentence"
        );
        if let Ok(long) = usize::try_from(u64::from(u32::MAX) + 10) {
            assert_eq!(window_at(&windows, 0, 1, long), 0..long);
        }
    }

    #[test]
    fn a_factor_knows_how_far_its_pattern_reaches_on_either_side() {
        let hir = regex_syntax::Parser::new()
            .parse(r"(?i)(?-u:\b)(never|didn.t) back(?-u:\b)[^.;]{0,40}?(?-u:\b)(run|campaign)(?-u:\b)")
            .expect("valid");
        let factors = factors_in_place(hir);
        // "didn't back" is the longest start: 7 letters, a character of up to 4 bytes,
        // a space and "back"; the gap is up to 40 characters of up to 4 bytes each.
        let gap = 40 * 4;
        let longest_start = 7 + 4 + 1 + 4;
        assert_eq!(factors.len(), 2);
        assert_eq!(
            (factors[0].1, factors[0].2),
            (Some(longest_start), Some(gap + 8))
        );
        assert_eq!(
            (factors[1].1, factors[1].2),
            (Some(longest_start + gap + 8), Some(0))
        );
        // An open gap leaves the reach across it unknown.
        let open = regex_syntax::Parser::new()
            .parse("friends.*over politics")
            .expect("valid");
        let factors = factors_in_place(open);
        assert_eq!(factors.len(), 2);
        assert_eq!((factors[0].1, factors[0].2), (Some(7), None));
        assert_eq!((factors[1].1, factors[1].2), (None, Some(0)));
        // A pattern that stands for itself reaches its own length back, and no further.
        let alone = regex_syntax::Parser::new()
            .parse(r"Drink\s+Champs")
            .expect("valid");
        assert_eq!(factors_in_place(alone)[0].1, None);
        let alone = regex_syntax::Parser::new()
            .parse(r"Drink Champs")
            .expect("valid");
        assert_eq!(
            (
                factors_in_place(alone.clone())[0].1,
                factors_in_place(alone)[0].2
            ),
            (Some(12), Some(0))
        );
    }

    #[test]
    fn pieces_of_a_pattern_in_different_sentences_make_no_candidate() {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        let text = "Legend said he would not back West. His campaign ended in 2020.\n\nLegend would not back West in his run.";
        let article = article(text);
        let doc = Document::new(&article);
        let wanted = vec![true; rules.topics.len()];
        let hits = scanner.scan(&doc, &rules, &wanted);
        let mut checked = 0;
        for (index, topic) in rules.topics.iter().enumerate() {
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let gapped = pattern.as_str().contains("[^.;]{0,40}?");
                if gapped && doc.sentences_matching(pattern) == [2] {
                    // The first sentence holds the piece before the gap, the second the
                    // piece after it; only the third holds both.
                    assert_eq!(hits.topic(index)[slot], vec![2], "{pattern:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 0, "a shipped pattern with a gap matches");
    }

    static SHIPPED: std::sync::LazyLock<(RuleSet, Scanner)> = std::sync::LazyLock::new(|| {
        let rules = RuleSet::shipped().expect("the shipped rules compile");
        let scanner = Scanner::new(&rules);
        (rules, scanner)
    });

    const WORDS: &[&str] = &[
        "West",
        "Kanye",
        "Ye",
        "Legend",
        "John",
        "never",
        "didn't",
        "backed",
        "support",
        "supported",
        "his",
        "him",
        "run",
        "campaign",
        "presidential",
        "2020",
        "friends",
        "fell",
        "out",
        "political",
        "disagreement",
        "Trump",
        "Biden",
        "instead",
        "of",
        "votes",
        "ballots",
        "were",
        "cast",
        "about",
        "60,000",
        "1.2",
        "million",
        "forty-two",
        "-year-old",
        "singer",
        "rapper",
        "total",
        "turnout",
        "interview",
        "New",
        "Yorker",
        "Drink",
        "Champs",
        "in",
        "2022",
        "launched",
        ",",
        ".",
        ";",
        "(",
        ")",
        "\n\n",
        "“",
        "”",
        "é",
    ];

    /// The distinct factors of the shipped rules' patterns, as the scanner searches them.
    fn shipped_factors() -> Vec<Hir> {
        let (rules, _) = &*SHIPPED;
        let mut factors: Vec<Hir> = Vec::new();
        for topic in &rules.topics {
            for pattern in slots(topic) {
                if !pattern.searches_across_body() {
                    continue;
                }
                let hir = regex_syntax::Parser::new()
                    .parse(pattern.as_str())
                    .expect("a shipped pattern parses");
                for factor in scan_factors(hir) {
                    if !factors.contains(&factor) {
                        factors.push(factor);
                    }
                }
            }
        }
        factors
    }

    /// A DFA over the shipped factors with as little memory for its states as it can
    /// search with, so that a walk of one sentence clears them again and again, and the
    /// factors as regexes, to say what it must find.
    static CRAMPED: std::sync::LazyLock<(DFA, Vec<Regex>)> = std::sync::LazyLock::new(|| {
        let factors = shipped_factors();
        let config = DFA::config()
            .cache_capacity(0)
            .skip_cache_capacity_check(true);
        let (dfa, _) = build_dfa_with(&factors, config).expect("the DFA builds");
        let regexes = factors
            .iter()
            .map(|factor| Regex::new(&factor.to_string()).expect("a factor prints as a regex"))
            .collect();
        (dfa, regexes)
    });

    /// Each shipped factor in a DFA of its own, to say where its matches end.
    static ALONE: std::sync::LazyLock<Vec<DFA>> = std::sync::LazyLock::new(|| {
        shipped_factors()
            .iter()
            .map(|factor| {
                let nfa = thompson::Compiler::new()
                    .build_from_hir(factor)
                    .expect("a factor compiles");
                DFA::builder()
                    .configure(DFA::config().match_kind(MatchKind::All))
                    .build_from_nfa(nfa)
                    .expect("its DFA builds")
            })
            .collect()
    });

    /// Where the first and the last match of `dfa`'s pattern in `text` end, as the
    /// library's own search for overlapping matches reports them.
    fn ends_alone(dfa: &DFA, text: &str) -> Option<Range<usize>> {
        let mut cache = dfa.create_cache();
        let mut state = regex_automata::hybrid::dfa::OverlappingState::start();
        let input = Input::new(text);
        let mut ends: Option<Range<usize>> = None;
        loop {
            dfa.try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .expect("the search ends");
            let Some(found) = state.get_match() else {
                return ends;
            };
            let start = ends.map_or(found.offset(), |ends| ends.start);
            ends = Some(start..found.offset());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn candidates_cover_every_sentence_a_pattern_matches(
            words in proptest::collection::vec((0..WORDS.len(), any::<bool>()), 1..80)
        ) {
            let mut text = String::new();
            for (word, spaced) in words {
                if spaced {
                    text.push(' ');
                }
                text.push_str(WORDS[word]);
            }
            let (rules, scanner) = &*SHIPPED;
            assert_candidates_cover_matches(rules, scanner, &text);
            assert_windows_hold_every_match(rules, scanner, &text);
        }

        #[test]
        fn a_walk_finds_every_factor_while_the_dfa_clears_its_states(
            words in proptest::collection::vec(0..WORDS.len(), 1..60)
        ) {
            let text = words.iter().map(|&word| WORDS[word]).collect::<Vec<_>>().join(" ");
            let (dfa, regexes) = &*CRAMPED;
            let mut cache = dfa.create_cache();
            let mut matched = PatternSet::new(regexes.len());
            patterns_in(dfa, &mut cache, text.as_bytes(), &mut matched).expect("the walk ends");
            let mut found = matched.patterns().to_vec();
            found.sort_unstable();
            let expected: Vec<usize> = (0..regexes.len())
                .filter(|&factor| regexes[factor].is_match(&text))
                .collect();
            prop_assert_eq!(found, expected, "in {:?}", text);
            for (factor, alone) in ALONE.iter().enumerate() {
                prop_assert_eq!(
                    matched.ends(factor),
                    ends_alone(alone, &text),
                    "{:?} in {:?}", regexes[factor], text
                );
            }
        }
    }
}
