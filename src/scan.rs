//! One pass over an article for all the rules: every sentence-level pattern of every topic
//! is compiled into one lazy DFA that reports, in a single scan of the body, where each
//! pattern's matches end. Only the sentences it names are searched again, pattern by pattern.

use regex_automata::hybrid::dfa::{Cache, DFA, OverlappingState};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};

use crate::document::Document;
use crate::kinds::KindSpec;
use crate::rules::{Pattern, RuleSet, Topic};

/// How much memory one thread's DFA may use for its states. A lazy DFA that runs out
/// clears its states and builds them again, which for many patterns at once can make it
/// slower than searching them one by one; ripgrep allows far more for the same reason.
const DFA_CACHE_BYTES: usize = 32 * 1024 * 1024;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// All the topics' sentence-level patterns, ready to scan articles.
pub struct Scanner {
    /// `None` when no pattern can be searched across a body (or the DFA cannot be built).
    dfa: Option<(DFA, CachePool)>,
    /// For each pattern of the DFA: the topic and its slot (see [`slots`]).
    owners: Vec<(usize, usize)>,
    /// For each topic and slot: whether the DFA searches it.
    in_dfa: Vec<Vec<bool>>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("patterns", &self.owners.len())
            .finish()
    }
}

/// The patterns of a topic that are searched sentence by sentence, in a fixed order:
/// its anchors, then the kind's own patterns when they are matched in a sentence
/// (category values, number patterns). A date topic's `exclude` patterns are only tried
/// near an event, so they are left to the kind.
pub fn slots(topic: &Topic) -> Vec<&Pattern> {
    let mut slots: Vec<&Pattern> = topic.anchor.iter().collect();
    match &topic.spec {
        KindSpec::Category(_) | KindSpec::Number(_) => slots.extend(topic.spec.patterns()),
        KindSpec::Date(_) => {}
    }
    slots
}

impl Scanner {
    /// Compiles the sentence-level patterns of every topic of `rules`.
    pub fn new(rules: &RuleSet) -> Scanner {
        let mut owners = Vec::new();
        let mut sources = Vec::new();
        let mut in_dfa = Vec::new();
        for (topic_index, topic) in rules.topics.iter().enumerate() {
            let mut flags = Vec::new();
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let searchable = pattern.searches_across_body();
                if searchable {
                    owners.push((topic_index, slot));
                    sources.push(pattern.as_str());
                }
                flags.push(searchable);
            }
            in_dfa.push(flags);
        }
        let dfa = if sources.is_empty() {
            None
        } else {
            build_dfa(&sources)
        };
        if dfa.is_none() {
            // Without a DFA every pattern is searched sentence by sentence.
            for flags in &mut in_dfa {
                flags.iter_mut().for_each(|f| *f = false);
            }
        }
        Scanner {
            dfa,
            owners,
            in_dfa,
        }
    }

    /// For every topic marked in `wanted` (by index in the rule set), the sentences each
    /// of its slots may match: every sentence the pattern matches, and perhaps a few it
    /// does not (where a match of the whole body ends in a sentence but starts before
    /// it), so callers confirm with the pattern itself. Topics not wanted get no slots.
    pub fn scan(&self, doc: &Document, rules: &RuleSet, wanted: &[bool]) -> Hits {
        let mut hits: Vec<Vec<Vec<usize>>> = rules
            .topics
            .iter()
            .zip(wanted)
            .map(|(topic, &wanted)| {
                if wanted {
                    vec![Vec::new(); slots(topic).len()]
                } else {
                    Vec::new()
                }
            })
            .collect();
        let scanned = match &self.dfa {
            Some((dfa, caches)) if wanted.contains(&true) => {
                self.scan_body(dfa, caches, doc, wanted, &mut hits)
            }
            _ => false,
        };
        for (topic_index, topic) in rules.topics.iter().enumerate() {
            if !wanted.get(topic_index).copied().unwrap_or(false) {
                continue;
            }
            for (slot, pattern) in slots(topic).into_iter().enumerate() {
                let in_dfa = self.in_dfa[topic_index][slot];
                if !(scanned && in_dfa) {
                    hits[topic_index][slot] = doc.sentences_matching(pattern);
                }
            }
        }
        Hits { topics: hits }
    }

    /// Fills `hits` from one overlapping scan of the body; false when the DFA could not
    /// finish (then the caller searches sentence by sentence).
    fn scan_body(
        &self,
        dfa: &DFA,
        caches: &CachePool,
        doc: &Document,
        wanted: &[bool],
        hits: &mut [Vec<Vec<usize>>],
    ) -> bool {
        // The searchable body (invisible characters dropped, odd spaces made plain) is
        // what patterns are matched against everywhere else, so it is what is scanned.
        let (body_start, body) = doc.searchable_body();
        let spans = doc.searchable_spans();
        let mut cache = caches.get();
        let input = Input::new(body);
        let mut state = OverlappingState::start();
        let mut sentence = 0;
        loop {
            if dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .is_err()
            {
                for (topic_hits, &wanted) in hits.iter_mut().zip(wanted) {
                    if wanted {
                        topic_hits.iter_mut().for_each(Vec::clear);
                    }
                }
                return false;
            }
            let Some(found) = state.get_match() else {
                return true;
            };
            // Matches are reported in order of their end, so the sentence only moves on.
            let last_byte = body_start + found.offset() - 1;
            while sentence < spans.len() && spans[sentence].end <= last_byte {
                sentence += 1;
            }
            if sentence == spans.len() {
                return true;
            }
            if spans[sentence].start > last_byte {
                continue;
            }
            let (topic, slot) = self.owners[found.pattern().as_usize()];
            if !wanted[topic] {
                continue;
            }
            let list = &mut hits[topic][slot];
            if list.last() != Some(&sentence) {
                list.push(sentence);
            }
        }
    }
}

fn build_dfa(sources: &[&str]) -> Option<(DFA, CachePool)> {
    let config = DFA::config()
        .match_kind(MatchKind::All)
        .cache_capacity(DFA_CACHE_BYTES);
    let dfa = DFA::builder()
        .configure(config)
        .thompson(regex_automata::nfa::thompson::Config::new().nfa_size_limit(None))
        .build_many(sources)
        .ok()?;
    let for_pool = dfa.clone();
    let create: Box<dyn Fn() -> Cache + Send + Sync> = Box::new(move || for_pool.create_cache());
    Some((dfa, Pool::new(create)))
}

/// Where each topic's sentence-level patterns may match in one document.
#[derive(Debug)]
pub struct Hits {
    /// Topic, then slot: sorted sentence indices.
    topics: Vec<Vec<Vec<usize>>>,
}

impl Hits {
    /// The slots of topic `index` (empty for a topic that was not scanned).
    pub fn topic(&self, index: usize) -> &[Vec<usize>] {
        self.topics.get(index).map_or(&[], Vec::as_slice)
    }
}
