//! Matching the renderings of one utterance across articles, and classifying how each
//! differs from a reference rendering: cut short, abridged (ellipsis, brackets),
//! misquoted (words changed, added or left out) or altered (negation, number).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use super::Quotation;
use super::align::{self, Op, Tag};
use super::normalise::{self, Word};

/// One quotation of one article, as input to [`match_utterances`].
#[derive(Clone, Copy, Debug)]
pub struct QuoteRef<'a> {
    /// The article's index, as the caller numbers articles (sorted by path, say).
    pub article: usize,
    pub quotation: &'a Quotation,
}

/// How far the renderings of an utterance stray from the words said, worst last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// The same words (case, punctuation, apostrophes, dashes and censoring aside).
    Faithful,
    /// Shortened or edited the accepted way: cut at either end, words left out at an
    /// ellipsis, editorial words in square brackets. Information.
    Abridged,
    /// Words substituted, inserted, or left out without an ellipsis. A warning.
    Misquote,
    /// A negation or a number changed: the meaning is no longer what was said. An error.
    Altered,
}

/// What one difference between a rendering and the reference is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DifferenceKind {
    /// Words present in only one of the two, at the start or the end.
    Truncation,
    /// Words left out where the other rendering shows an ellipsis.
    Ellipsis,
    /// Words in square brackets on one side: an editor's words.
    Bracket,
    /// The same word, censored on one side ("sh-t" for "shit"). Faithful.
    Censored,
    /// Words replaced by other words.
    Substitution,
    /// Words the reference does not have.
    Insertion,
    /// Reference words left out, with no ellipsis.
    Omission,
    /// A negation added or removed ("did" for "didn't").
    Negation,
    /// A number changed.
    Number,
}

impl DifferenceKind {
    /// The class a rendering has at least when it shows this difference.
    pub fn class(self) -> Class {
        match self {
            Self::Censored => Class::Faithful,
            Self::Truncation | Self::Ellipsis | Self::Bracket => Class::Abridged,
            Self::Substitution | Self::Insertion | Self::Omission => Class::Misquote,
            Self::Negation | Self::Number => Class::Altered,
        }
    }
}

/// One place where a rendering differs from the reference rendering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub kind: DifferenceKind,
    /// The reference's words here, as written ("" for an insertion).
    pub reference: String,
    /// This rendering's words here, as written ("" for an omission).
    pub rendering: String,
    /// Byte span of `rendering` in this rendering's quotation text (empty at the place
    /// of an omission).
    pub span: Range<usize>,
    /// Byte span of `reference` in the reference rendering's quotation text.
    pub reference_span: Range<usize>,
}

/// One article's rendering of an utterance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rendering {
    pub article: usize,
    /// Index of the quotation in the slice given to [`match_utterances`].
    pub quotation: usize,
    /// Which distinct wording this is: an index into [`Utterance::variants`]. Renderings
    /// with the same normalised words (and editorial marks) share a variant.
    pub variant: usize,
    /// The worst of this rendering's differences; `Faithful` when there are none.
    pub class: Class,
    /// How this rendering differs from the reference, in order of position. Empty for
    /// the reference and for renderings worded like it.
    pub differences: Vec<Difference>,
}

/// The renderings of one utterance across articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Utterance {
    /// Sorted by article, then by position in the article. An article that repeats a
    /// quotation word for word (an embedded post shown twice) gives one rendering.
    pub renderings: Vec<Rendering>,
    /// The worst class among the renderings.
    pub class: Class,
    /// Index in `renderings` of the reference: the first rendering of the longest
    /// wording (most words outside square brackets, so that it covers every truncated
    /// rendering), ties going to the wording most quotations share, then to the one
    /// seen first. Every difference is relative to it.
    pub reference: usize,
    /// The text of each distinct wording, as its first rendering writes it, in order of
    /// first appearance.
    pub variants: Vec<String>,
    summary: String,
}

impl Utterance {
    /// Index in `renderings` of the rendering the differences are relative to.
    pub fn reference(&self) -> usize {
        self.reference
    }

    /// The differing words side by side across the distinct wordings, with one word of
    /// context, reference first: `"they boy" / "their boy" / "the boy"`. Places are
    /// joined with "; ". Truncations and censoring are left out; empty when nothing else
    /// differs.
    pub fn summary(&self) -> String {
        self.summary.clone()
    }

    /// How many distinct articles render the utterance.
    pub fn articles(&self) -> usize {
        let mut articles: Vec<usize> = self.renderings.iter().map(|r| r.article).collect();
        articles.sort_unstable();
        articles.dedup();
        articles.len()
    }
}

/// Shingle length, in words, for finding candidate pairs.
const SHINGLE: usize = 4;
/// A shingle shared by more distinct wordings than this is too common to pair them all
/// ("I don't know what"); each wording is then paired only with the first few.
const SHINGLE_CAP: usize = 64;
const HUBS: usize = 8;
/// Renderings may start or end this many words apart and still "touch" the same end.
const EDGE_SLACK: usize = 2;
/// Marks an ellipsis in a wording's key.
const ELLIPSIS: u32 = u32::MAX;

/// Word ids, with the original spelling pattern kept for censored matching.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    patterns: Vec<String>,
}

impl Interner {
    fn id(&mut self, word: &Word) -> u32 {
        let key = normalise::comparison_key(word);
        let key = if word.bracketed {
            format!("[{key}]")
        } else {
            key
        };
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = u32::try_from(self.patterns.len()).unwrap_or(ELLIPSIS - 1);
        let pattern = if word.bracketed {
            format!("[{}]", word.pattern)
        } else {
            word.pattern.clone()
        };
        self.patterns.push(pattern);
        self.ids.insert(key, id);
        id
    }

    fn key(&self, id: u32) -> &str {
        self.patterns.get(id as usize).map_or("", String::as_str)
    }
}

/// One distinct wording.
struct Variant {
    ids: Vec<u32>,
    /// `ellipsis[i]`: an ellipsis stands before word `i`; the last entry, after the end.
    ellipsis: Vec<bool>,
    /// Indices of the input quotations worded this way.
    members: Vec<usize>,
    /// Words outside square brackets: the speaker's words, as this wording gives them.
    said: usize,
}

impl Variant {
    fn ellipsis_within(&self, from: usize, to: usize) -> bool {
        (from..=to).any(|i| self.ellipsis.get(i).copied().unwrap_or(false))
    }
}

fn bracketed(interner: &Interner, id: u32) -> bool {
    interner.key(id).starts_with('[')
}

/// Groups `quotes` into utterances and classifies their renderings.
///
/// Only utterances ([`Quotation::is_utterance`]) are considered. Two quotations render
/// the same utterance when, after normalisation, their aligned words reach from the
/// start of one of them to the end of one of them (either may be cut short), and at
/// least 60% of the words in that overlap agree, words left out at an ellipsis aside.
///
/// To scale to large archives, identical wordings collapse into one variant first;
/// candidate pairs come only from shared 4-word shingles (a shingle shared by very many
/// wordings pairs each with a few hubs only); verified pairs are joined with union-find;
/// every group is then rebuilt around its reference so that a short quotation cannot
/// bridge two different utterances.
///
/// Every group rendered by at least two articles is returned, Faithful ones included,
/// so the caller chooses what to report (usually everything but `Faithful`). Output is
/// deterministic for a given input: groups are sorted by their first rendering's
/// article, then its position.
pub fn match_utterances(quotes: &[QuoteRef<'_>]) -> Vec<Utterance> {
    let mut interner = Interner::default();
    let mut variants: Vec<Variant> = Vec::new();
    let mut by_key: HashMap<Vec<u32>, usize> = HashMap::new();
    for (index, quote) in quotes.iter().enumerate() {
        let tokens = normalise::tokenize(&quote.quotation.text);
        if tokens.words.len() < super::UTTERANCE_MIN_WORDS {
            continue;
        }
        let ids: Vec<u32> = tokens.words.iter().map(|w| interner.id(w)).collect();
        let mut ellipsis: Vec<bool> = tokens.words.iter().map(|w| w.ellipsis_before).collect();
        ellipsis.push(tokens.ellipsis_after);
        let mut key = Vec::with_capacity(ids.len() * 2 + 1);
        for (id, &mark) in ids.iter().zip(&ellipsis) {
            if mark {
                key.push(ELLIPSIS);
            }
            key.push(*id);
        }
        if tokens.ellipsis_after {
            key.push(ELLIPSIS);
        }
        let said = tokens.words.iter().filter(|w| !w.bracketed).count();
        let v = *by_key.entry(key).or_insert_with(|| {
            variants.push(Variant {
                ids,
                ellipsis,
                members: Vec::new(),
                said,
            });
            variants.len() - 1
        });
        variants[v].members.push(index);
    }
    let components = candidate_groups(&variants);
    let mut utterances = Vec::new();
    for component in components {
        for group in split_by_reference(&variants, component) {
            if let Some(u) = build_utterance(quotes, &interner, &variants, &group) {
                utterances.push(u);
            }
        }
    }
    utterances.sort_by_key(|u| {
        let first = &u.renderings[0];
        (
            first.article,
            quotes[first.quotation].quotation.span.start,
            first.quotation,
        )
    });
    utterances
}

fn shingle_hash(words: &[u32]) -> u64 {
    // FNV-1a over the ids: cheap, and a collision only costs one extra verification.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &w in words {
        for b in w.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller root wins: a group's root is its first variant.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// Groups of variants joined by verified candidate pairs, each sorted, in order of
/// their first variant.
fn candidate_groups(variants: &[Variant]) -> Vec<Vec<usize>> {
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut shingles: Vec<Vec<u64>> = Vec::with_capacity(variants.len());
    for (v, variant) in variants.iter().enumerate() {
        let mut own: Vec<u64> = variant.ids.windows(SHINGLE).map(shingle_hash).collect();
        own.sort_unstable();
        own.dedup();
        for &h in &own {
            postings.entry(h).or_default().push(v);
        }
        shingles.push(own);
    }
    let mut uf = UnionFind {
        parent: (0..variants.len()).collect(),
    };
    let mut failed: HashSet<usize> = HashSet::new();
    for (v, own) in shingles.iter().enumerate() {
        failed.clear();
        for h in own {
            let Some(list) = postings.get(h) else {
                continue;
            };
            let partners = if list.len() > SHINGLE_CAP {
                &list[..HUBS]
            } else {
                &list[..]
            };
            for &w in partners {
                if w >= v {
                    break;
                }
                if uf.find(v) == uf.find(w) || failed.contains(&w) {
                    continue;
                }
                if same_utterance(&variants[v], &variants[w]) {
                    uf.union(v, w);
                } else {
                    failed.insert(w);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for v in 0..variants.len() {
        let root = uf.find(v);
        groups.entry(root).or_default().push(v);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|g| g[0]);
    groups
}

/// Whether two wordings render the same utterance (see [`match_utterances`]).
fn same_utterance(a: &Variant, b: &Variant) -> bool {
    let mut blocks = align::matching_blocks(&a.ids, &b.ids);
    // A lone word agreeing far beyond the rest of the overlap is chance, not overlap.
    let far_apart = |before: &align::Block, after: &align::Block| {
        after.a - (before.a + before.len) > EDGE_SLACK
            || after.b - (before.b + before.len) > EDGE_SLACK
    };
    while blocks.len() > 1
        && blocks[blocks.len() - 1].len == 1
        && far_apart(&blocks[blocks.len() - 2], &blocks[blocks.len() - 1])
    {
        blocks.pop();
    }
    while blocks.len() > 1 && blocks[0].len == 1 && far_apart(&blocks[0], &blocks[1]) {
        blocks.remove(0);
    }
    let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
        return false;
    };
    let (a_lo, a_hi) = (first.a, last.a + last.len);
    let (b_lo, b_hi) = (first.b, last.b + last.len);
    let touches_start = a_lo <= EDGE_SLACK || b_lo <= EDGE_SLACK;
    let touches_end = a.ids.len() - a_hi <= EDGE_SLACK || b.ids.len() - b_hi <= EDGE_SLACK;
    if !(touches_start && touches_end) {
        return false;
    }
    let matched: usize = blocks.iter().map(|m| m.len).sum();
    let (mut region_a, mut region_b) = (a_hi - a_lo, b_hi - b_lo);
    for pair in blocks.windows(2) {
        let (gap_a, gap_b) = (pair[0].a + pair[0].len, pair[0].b + pair[0].len);
        if b.ellipsis_within(gap_b, pair[1].b) {
            region_a -= pair[1].a - gap_a;
        }
        if a.ellipsis_within(gap_a, pair[1].a) {
            region_b -= pair[1].b - gap_b;
        }
    }
    // The overlap must also be most of the shorter wording: "Everyone saw how I talked to
    // him about it" shares four words with "I talked to him with love ..." at its end, but
    // is not a truncation of it.
    let shorter = a.ids.len().min(b.ids.len());
    matched * 5 >= region_a.max(region_b) * 3 && matched * 5 >= shorter * 3
}

/// The reference of a set of variants: most words outside brackets, then most
/// renderings, then first.
fn reference_of(variants: &[Variant], group: &[usize]) -> usize {
    let mut best = group[0];
    for &v in group {
        let score = |x: usize| (variants[x].said, variants[x].members.len());
        if score(v) > score(best) {
            best = v;
        }
    }
    best
}

/// Members of a group that a candidate may be checked against, besides the reference.
const ANCHORS: usize = 16;

/// Splits a candidate group into groups built around a reference: a wording joins when
/// it matches the reference, or a member at least half as long as the reference. A short
/// quotation shared by two utterances thus cannot bridge them, while renderings that
/// differ from the reference at both ends still join through a closer sibling.
fn split_by_reference(variants: &[Variant], mut remaining: Vec<usize>) -> Vec<Vec<usize>> {
    let mut groups = Vec::new();
    while !remaining.is_empty() {
        let reference = reference_of(variants, &remaining);
        let mut group = vec![reference];
        let mut anchors = vec![reference];
        let mut pending: Vec<usize> = remaining.into_iter().filter(|&v| v != reference).collect();
        loop {
            let before = pending.len();
            let mut rest = Vec::with_capacity(pending.len());
            for v in pending {
                if anchors
                    .iter()
                    .any(|&a| same_utterance(&variants[a], &variants[v]))
                {
                    group.push(v);
                    if anchors.len() <= ANCHORS && variants[v].said * 2 >= variants[reference].said
                    {
                        anchors.push(v);
                    }
                } else {
                    rest.push(v);
                }
            }
            pending = rest;
            if pending.len() == before || pending.is_empty() {
                break;
            }
        }
        group.sort_unstable();
        groups.push(group);
        remaining = pending;
    }
    groups
}

/// A difference in word positions, before it is put into words.
#[derive(Clone, Copy, Debug)]
struct Change {
    kind: DifferenceKind,
    /// Words of the reference.
    a: (usize, usize),
    /// Words of the rendering.
    b: (usize, usize),
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "none", "nothing", "nobody", "nowhere", "neither", "cannot",
    "dont", "didnt", "doesnt", "isnt", "arent", "wasnt", "werent", "wont", "cant", "couldnt",
    "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint", "mustnt", "neednt", "mightnt",
];

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "trillion", "dozen", "half", "twice", "first", "second",
    "third", "once",
];

fn plain_key(interner: &Interner, id: u32) -> String {
    interner
        .key(id)
        .trim_matches(|c| c == '[' || c == ']')
        .chars()
        .filter(|&c| c != '\'' && c != '-')
        .collect()
}

fn negations(interner: &Interner, ids: &[u32]) -> usize {
    ids.iter()
        .filter(|&&id| NEGATIONS.contains(&plain_key(interner, id).as_str()))
        .count()
}

fn numbers(interner: &Interner, ids: &[u32]) -> Vec<String> {
    let mut found: Vec<String> = ids
        .iter()
        .map(|&id| plain_key(interner, id))
        .filter(|k| k.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&k.as_str()))
        .collect();
    found.sort();
    found
}

fn censored(interner: &Interner, a: u32, b: u32) -> bool {
    let word = |id: u32| Word {
        text: interner.key(id).replace('-', ""),
        pattern: interner.key(id).to_string(),
        span: 0..0,
        bracketed: false,
        ellipsis_before: false,
    };
    normalise::censored_match(&word(a), &word(b))
}

/// The alignment steps of `rendering` against `reference`, each marked as lying at the
/// ends (a truncation) or inside the overlap.
fn steps(reference: &Variant, rendering: &Variant) -> Vec<(Op, bool)> {
    let blocks = align::matching_blocks(&reference.ids, &rendering.ids);
    let ops = align::opcodes(&blocks, reference.ids.len(), rendering.ids.len());
    let first = ops.iter().position(|o| o.tag == Tag::Equal);
    let last = ops.iter().rposition(|o| o.tag == Tag::Equal);
    ops.iter()
        .enumerate()
        .map(|(k, op)| {
            let outside = match (first, last) {
                (Some(f), Some(l)) => k < f || k > l,
                _ => true,
            };
            // A changed first or last word is a substitution, not a different cut.
            let edge_word = op.tag == Tag::Replace
                && op.a2 - op.a1 == op.b2 - op.b1
                && op.a2 - op.a1 <= 2
                && first.is_some();
            (*op, outside && !edge_word)
        })
        .collect()
}

fn classify(
    interner: &Interner,
    reference: &Variant,
    rendering: &Variant,
    steps: &[(Op, bool)],
) -> Vec<Change> {
    let mut changes = Vec::new();
    for &(op, truncation) in steps {
        if op.tag == Tag::Equal {
            continue;
        }
        let ra = &reference.ids[op.a1..op.a2];
        let rb = &rendering.ids[op.b1..op.b2];
        let kind = if truncation {
            DifferenceKind::Truncation
        } else {
            let all_bracketed =
                |ids: &[u32]| !ids.is_empty() && ids.iter().all(|&id| bracketed(interner, id));
            let unbracketed = |ids: &[u32]| -> Vec<String> {
                ids.iter()
                    .filter(|&&id| !bracketed(interner, id))
                    .map(|&id| plain_key(interner, id))
                    .collect()
            };
            let with_brackets = ra.iter().chain(rb).any(|&id| bracketed(interner, id));
            if all_bracketed(ra)
                || all_bracketed(rb)
                || (with_brackets && unbracketed(ra) == unbracketed(rb))
            {
                DifferenceKind::Bracket
            } else if ra.len() == rb.len()
                && ra.iter().zip(rb).all(|(&x, &y)| censored(interner, x, y))
            {
                DifferenceKind::Censored
            } else if negations(interner, ra) != negations(interner, rb) {
                DifferenceKind::Negation
            } else if numbers(interner, ra) != numbers(interner, rb) {
                DifferenceKind::Number
            } else {
                match op.tag {
                    Tag::Delete if rendering.ellipsis_within(op.b1, op.b2) => {
                        DifferenceKind::Ellipsis
                    }
                    Tag::Delete => DifferenceKind::Omission,
                    Tag::Insert if reference.ellipsis_within(op.a1, op.a2) => {
                        DifferenceKind::Ellipsis
                    }
                    Tag::Insert => DifferenceKind::Insertion,
                    _ => DifferenceKind::Substitution,
                }
            }
        };
        changes.push(Change {
            kind,
            a: (op.a1, op.a2),
            b: (op.b1, op.b2),
        });
    }
    changes
}

/// The text of words `from..to` of a tokenized quotation, as written, and its span.
fn written(text: &str, words: &[Word], from: usize, to: usize) -> (String, Range<usize>) {
    if from >= to || to > words.len() {
        let at = words
            .get(from)
            .map(|w| w.span.start)
            .or_else(|| words.last().map(|w| w.span.end))
            .unwrap_or(0);
        return (String::new(), at..at);
    }
    let mut span = words[from].span.start..words[to - 1].span.end;
    // Show an editor's brackets with the words they hold.
    if words[from].bracketed && text.get(..span.start).is_some_and(|t| t.ends_with('[')) {
        span.start -= 1;
    }
    if words[to - 1].bracketed && text.get(span.end..).is_some_and(|t| t.starts_with(']')) {
        span.end += 1;
    }
    (text.get(span.clone()).unwrap_or("").to_string(), span)
}

/// Words shown per side of a long passage in a summary.
const SUMMARY_EDGE_WORDS: usize = 4;

/// `words[from..to]` as written, long passages shortened to their first and last words
/// with the number of words left out between them.
fn summarised(text: &str, words: &[Word], from: usize, to: usize) -> String {
    if to.saturating_sub(from) <= SUMMARY_EDGE_WORDS * 3 {
        return written(text, words, from, to).0;
    }
    let head = written(text, words, from, from + SUMMARY_EDGE_WORDS).0;
    let tail = written(text, words, to - SUMMARY_EDGE_WORDS, to).0;
    let skipped = to - from - 2 * SUMMARY_EDGE_WORDS;
    format!("{head} <{skipped} more words> {tail}")
}

/// Where reference position `p` falls in a rendering, reading from the left (`start`)
/// or the right; `None` inside a truncated end.
fn map_position(steps: &[(Op, bool)], p: usize, start: bool) -> Option<usize> {
    for &(op, truncation) in steps {
        if op.tag == Tag::Equal {
            let inside = if start {
                op.a1 <= p && p < op.a2
            } else {
                op.a1 < p && p <= op.a2
            };
            if inside {
                return Some(op.b1 + p - op.a1);
            }
        } else if !truncation {
            if start && op.a1 == p {
                return Some(op.b1);
            }
            if !start && op.a2 == p {
                return Some(op.b2);
            }
        }
    }
    None
}

struct Shown<'q> {
    text: &'q str,
    words: Vec<Word>,
}

fn build_summary(
    interner: &Interner,
    variants: &[Variant],
    order: &[usize],
    reference: usize,
    shown: &HashMap<usize, Shown<'_>>,
    steps_of: &HashMap<usize, Vec<(Op, bool)>>,
    changes_of: &HashMap<usize, Vec<Change>>,
) -> String {
    let mut ranges: Vec<(usize, usize)> = changes_of
        .values()
        .flatten()
        .filter(|c| {
            !matches!(
                c.kind,
                DifferenceKind::Truncation | DifferenceKind::Censored
            )
        })
        .map(|c| c.a)
        .collect();
    ranges.sort_unstable();
    let mut clusters: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match clusters.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => clusters.push((s, e)),
        }
    }
    let reference_len = variants[reference].ids.len();
    let mut places = Vec::new();
    for (s, e) in clusters {
        let (s, e) = if e < reference_len {
            (s, e + 1)
        } else {
            (s.saturating_sub(1), e)
        };
        let mut seen: Vec<Vec<String>> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        for &v in order {
            let (Some(steps), Some(shown)) = (steps_of.get(&v), shown.get(&v)) else {
                continue;
            };
            let (Some(from), Some(to)) =
                (map_position(steps, s, true), map_position(steps, e, false))
            else {
                continue;
            };
            if from > to {
                continue;
            }
            let key: Vec<String> = variants[v].ids[from..to]
                .iter()
                .map(|&id| plain_key(interner, id))
                .collect();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            texts.push(format!(
                "\"{}\"",
                summarised(shown.text, &shown.words, from, to)
            ));
        }
        if texts.len() > 1 {
            places.push(texts.join(" / "));
        }
    }
    places.join("; ")
}

fn build_utterance(
    quotes: &[QuoteRef<'_>],
    interner: &Interner,
    variants: &[Variant],
    group: &[usize],
) -> Option<Utterance> {
    // One rendering per article and wording: the first by position.
    let mut members: Vec<(usize, usize, usize, usize)> = Vec::new();
    for &v in group {
        for &q in &variants[v].members {
            members.push((quotes[q].article, quotes[q].quotation.span.start, q, v));
        }
    }
    members.sort_unstable();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    members.retain(|&(article, _, _, v)| seen.insert((article, v)));
    let mut articles: Vec<usize> = members.iter().map(|m| m.0).collect();
    articles.dedup();
    if articles.len() < 2 {
        return None;
    }
    let present: Vec<usize> = {
        let mut p: Vec<usize> = members.iter().map(|m| m.3).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let reference = reference_of(variants, group);
    let mut order: Vec<usize> = Vec::new();
    let mut numbering: HashMap<usize, usize> = HashMap::new();
    for m in &members {
        numbering.entry(m.3).or_insert_with(|| {
            order.push(m.3);
            order.len() - 1
        });
    }
    let mut steps_of: HashMap<usize, Vec<(Op, bool)>> = HashMap::new();
    let mut changes_of: HashMap<usize, Vec<Change>> = HashMap::new();
    for &v in &present {
        let steps = steps(&variants[reference], &variants[v]);
        changes_of.insert(
            v,
            classify(interner, &variants[reference], &variants[v], &steps),
        );
        steps_of.insert(v, steps);
    }
    let reference_index = members.iter().position(|m| m.3 == reference).unwrap_or(0);
    let reference_quote = quotes[members[reference_index].2].quotation;
    let reference_words = normalise::tokenize(&reference_quote.text).words;

    let mut shown: HashMap<usize, Shown<'_>> = HashMap::new();
    let mut renderings = Vec::with_capacity(members.len());
    for &(article, _, q, v) in &members {
        let text = quotes[q].quotation.text.as_str();
        let words = normalise::tokenize(text).words;
        let differences: Vec<Difference> = changes_of
            .get(&v)
            .map(|changes| {
                changes
                    .iter()
                    .map(|c| {
                        let (reference_text, reference_span) =
                            written(&reference_quote.text, &reference_words, c.a.0, c.a.1);
                        let (rendering, span) = written(text, &words, c.b.0, c.b.1);
                        Difference {
                            kind: c.kind,
                            reference: reference_text,
                            rendering,
                            span,
                            reference_span,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let class = differences
            .iter()
            .map(|d| d.kind.class())
            .max()
            .unwrap_or(Class::Faithful);
        shown.entry(v).or_insert(Shown { text, words });
        renderings.push(Rendering {
            article,
            quotation: q,
            variant: numbering.get(&v).copied().unwrap_or(0),
            class,
            differences,
        });
    }
    let mut summary_order = vec![reference];
    summary_order.extend(order.iter().copied().filter(|&v| v != reference));
    let summary = build_summary(
        interner,
        variants,
        &summary_order,
        reference,
        &shown,
        &steps_of,
        &changes_of,
    );
    let class = renderings
        .iter()
        .map(|r| r.class)
        .max()
        .unwrap_or(Class::Faithful);
    let variant_texts = order
        .iter()
        .map(|v| shown.get(v).map_or(String::new(), |s| s.text.to_string()))
        .collect();
    Some(Utterance {
        renderings,
        class,
        reference: reference_index,
        variants: variant_texts,
        summary,
    })
}
