//! Matching the renderings of one utterance across articles, and classifying how each
//! differs from a reference rendering: cut short, abridged (ellipsis, brackets),
//! misquoted (words changed, added or left out) or altered (negation, number).

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::Quotation;
use super::align::{self, Op, Tag};
use super::normalise::{self, Word};
use crate::claim::{FastMap, FastSet};

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
/// Every word seen, by id, with the spelling pattern of its first occurrence (in square
/// brackets for an editor's word), which is what censored matching compares.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    patterns: String,
    ends: Vec<usize>,
}

impl Lexicon {
    /// An empty lexicon with room for `words` patterns of `bytes` bytes in all.
    pub(crate) fn with_capacity(words: usize, bytes: usize) -> Lexicon {
        Lexicon {
            patterns: String::with_capacity(bytes),
            ends: Vec::with_capacity(words),
        }
    }

    /// Adds a word's pattern and returns its id.
    pub(crate) fn push(&mut self, pattern: &str) -> u32 {
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.patterns.push_str(pattern);
        self.ends.push(self.patterns.len());
        id
    }

    pub(crate) fn key(&self, id: u32) -> &str {
        let id = id as usize;
        let Some(&end) = self.ends.get(id) else {
            return "";
        };
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        self.patterns.get(start..end).unwrap_or("")
    }
}

/// The distinct wordings of a set of quotations, kept once each however many quotations
/// share them: word ids, ellipsis positions and the number of words said.
#[derive(Debug, Default)]
pub(crate) struct Wordings {
    ids: Vec<u32>,
    ellipsis: Vec<u32>,
    records: Vec<WordingRecord>,
    by_fingerprint: HashKeyed<u32>,
    /// Wordings whose fingerprint an earlier, different wording already had.
    collided: Vec<u32>,
}

#[derive(Clone, Copy, Debug)]
struct WordingRecord {
    ids_end: usize,
    ellipsis_end: usize,
    said: u32,
}

impl Wordings {
    /// The index of the wording with these words and ellipses, added if new.
    /// `fingerprint` must be a function of `ids` and `ellipsis` alone.
    pub(crate) fn intern(
        &mut self,
        fingerprint: u64,
        ids: &[u32],
        ellipsis: &[u32],
        said: u32,
    ) -> u32 {
        let same = |w: &Wordings, index: u32| w.ids(index) == ids && w.ellipsis(index) == ellipsis;
        if let Some(&found) = self.by_fingerprint.get(&fingerprint) {
            if same(self, found) {
                return found;
            }
            if let Some(&found) = self.collided.iter().find(|&&c| same(self, c)) {
                return found;
            }
            let index = self.push(ids, ellipsis, said);
            self.collided.push(index);
            return index;
        }
        let index = self.push(ids, ellipsis, said);
        self.by_fingerprint.insert(fingerprint, index);
        index
    }

    fn push(&mut self, ids: &[u32], ellipsis: &[u32], said: u32) -> u32 {
        let index = u32::try_from(self.records.len())
            .expect("fewer than 2^32 distinct wordings fit in memory");
        self.ids.extend_from_slice(ids);
        self.ellipsis.extend_from_slice(ellipsis);
        self.records.push(WordingRecord {
            ids_end: self.ids.len(),
            ellipsis_end: self.ellipsis.len(),
            said,
        });
        index
    }

    /// How many distinct wordings there are.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    /// How many word ids are stored, over all distinct wordings.
    pub(crate) fn stored_words(&self) -> usize {
        self.ids.len()
    }

    pub(crate) fn ids(&self, index: u32) -> &[u32] {
        let i = index as usize;
        let start = if i == 0 {
            0
        } else {
            self.records[i - 1].ids_end
        };
        &self.ids[start..self.records[i].ids_end]
    }

    pub(crate) fn ellipsis(&self, index: u32) -> &[u32] {
        let i = index as usize;
        let start = if i == 0 {
            0
        } else {
            self.records[i - 1].ellipsis_end
        };
        &self.ellipsis[start..self.records[i].ellipsis_end]
    }

    fn said(&self, index: u32) -> usize {
        self.records[index as usize].said as usize
    }
}

/// One quotation's words reduced to what matching compares: a hash of each word's
/// comparison key (square brackets included), the positions of its ellipses, and the
/// number of words outside square brackets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reduced {
    pub hashes: Vec<u64>,
    /// Word indices with an ellipsis before them; the word count for one after the end.
    pub ellipsis: Vec<u32>,
    pub said: u32,
}

impl Reduced {
    pub(crate) fn new(tokens: &normalise::Words) -> Reduced {
        let mut ellipsis = Vec::new();
        for (i, word) in tokens.words.iter().enumerate() {
            if word.ellipsis_before {
                ellipsis.push(index_u32(i));
            }
        }
        if tokens.ellipsis_after {
            ellipsis.push(index_u32(tokens.words.len()));
        }
        Reduced {
            hashes: tokens.words.iter().map(word_hash).collect(),
            ellipsis,
            said: index_u32(tokens.words.iter().filter(|w| !w.bracketed).count()),
        }
    }

    /// A hash of the whole wording: equal wordings have equal fingerprints.
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut h = Fnv::default();
        h.u64(self.hashes.len() as u64);
        for &w in &self.hashes {
            h.u64(w);
        }
        for &e in &self.ellipsis {
            h.u64(u64::from(e));
        }
        h.0
    }
}

pub(crate) fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// FNV-1a: deterministic across runs and platforms, unlike the standard hasher's seeds.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
}

/// The hash under which a word is compared: its comparison key and whether it is an
/// editor's word in square brackets.
pub(crate) fn word_hash(word: &Word) -> u64 {
    key_hash(&word.text, word.bracketed)
}

/// [`word_hash`] of a word's normalised text: the text without apostrophes (its
/// comparison key), then whether it is bracketed.
pub(crate) fn key_hash(text: &str, bracketed: bool) -> u64 {
    let mut h = Fnv::default();
    for &b in text.as_bytes() {
        if b != b'\'' {
            h.bytes(&[b]);
        }
    }
    // 0xff never occurs in UTF-8, so the key cannot run into the flag.
    h.bytes(&[0xff, u8::from(bracketed)]);
    h.0
}

/// A hasher for keys that are hashes already: it only spreads their bits.
#[derive(Clone, Copy, Default)]
pub(crate) struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by hashes.
pub(crate) type HashKeyed<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Prehashed>>;

/// The pattern kept for a word: censored matching compares these.
pub(crate) fn word_pattern(word: &Word) -> String {
    let mut out = String::new();
    push_pattern(&mut out, &word.pattern, word.bracketed);
    out
}

/// Appends [`word_pattern`] of a word's pattern to `out`.
pub(crate) fn push_pattern(out: &mut String, pattern: &str, bracketed: bool) {
    if bracketed {
        out.push('[');
        out.push_str(pattern);
        out.push(']');
    } else {
        out.push_str(pattern);
    }
}

/// The quotations given to the matcher: each one's wording, article and byte offset.
pub(crate) trait Places: Sync {
    fn count(&self) -> usize;
    /// The quotation's wording in the [`Wordings`]; `None` for one not to be matched.
    fn wording(&self, quotation: usize) -> Option<u32>;
    fn article(&self, quotation: usize) -> usize;
    fn start(&self, quotation: usize) -> usize;
}

/// One distinct wording, as the matcher sees it.
struct Variant<'a> {
    ids: &'a [u32],
    /// Word indices with an ellipsis before them; `ids.len()` for one after the end.
    ellipsis: &'a [u32],
    /// Indices of the input quotations worded this way.
    members: &'a [u32],
    /// Words outside square brackets: the speaker's words, as this wording gives them.
    said: usize,
}

impl Variant<'_> {
    fn ellipsis_within(&self, from: usize, to: usize) -> bool {
        let first = self.ellipsis.partition_point(|&e| (e as usize) < from);
        self.ellipsis.get(first).is_some_and(|&e| e as usize <= to)
    }
}

fn bracketed(interner: &Lexicon, id: u32) -> bool {
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
    let mut lexicon = Lexicon::default();
    let mut word_ids: HashKeyed<u32> = HashKeyed::default();
    let mut wordings = Wordings::default();
    let mut wording_of: Vec<Option<u32>> = Vec::with_capacity(quotes.len());
    let mut ids = Vec::new();
    for quote in quotes {
        let tokens = normalise::tokenize(&quote.quotation.text);
        if tokens.words.len() < super::UTTERANCE_MIN_WORDS {
            wording_of.push(None);
            continue;
        }
        let reduced = Reduced::new(&tokens);
        ids.clear();
        for (word, &hash) in tokens.words.iter().zip(&reduced.hashes) {
            let id = *word_ids
                .entry(hash)
                .or_insert_with(|| lexicon.push(&word_pattern(word)));
            ids.push(id);
        }
        wording_of.push(Some(wordings.intern(
            reduced.fingerprint(),
            &ids,
            &reduced.ellipsis,
            reduced.said,
        )));
    }
    struct Refs<'q, 'a>(&'q [QuoteRef<'a>], Vec<Option<u32>>);
    impl Places for Refs<'_, '_> {
        fn count(&self) -> usize {
            self.0.len()
        }
        fn wording(&self, q: usize) -> Option<u32> {
            self.1[q]
        }
        fn article(&self, q: usize) -> usize {
            self.0[q].article
        }
        fn start(&self, q: usize) -> usize {
            self.0[q].quotation.span.start
        }
    }
    plan_utterances(
        &lexicon,
        &wordings,
        &Refs(quotes, wording_of),
        Class::Faithful,
    )
    .iter()
    .filter_map(|plan| {
        finish_utterance(
            plan,
            &lexicon,
            &wordings,
            |q| Some(quotes[q].quotation.text.as_str()),
            None,
        )
    })
    .collect()
}

/// Groups quotations into utterances and classifies their renderings, without their
/// text. Plans are sorted as [`match_utterances`] sorts utterances.
pub(crate) fn plan_utterances(
    lexicon: &Lexicon,
    wordings: &Wordings,
    places: &impl Places,
    least: Class,
) -> Vec<Plan> {
    // The quotations of each wording, in order: counts, then offsets, then a fill.
    let wording_of = |q: usize| places.wording(q).filter(|&w| (w as usize) < wordings.len());
    let mut offsets = vec![0usize; wordings.len() + 1];
    for w in (0..places.count()).filter_map(wording_of) {
        offsets[w as usize + 1] += 1;
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    let mut members = vec![0u32; offsets[wordings.len()]];
    let mut next = offsets.clone();
    for q in 0..places.count() {
        if let Some(w) = wording_of(q) {
            members[next[w as usize]] = index_u32(q);
            next[w as usize] += 1;
        }
    }
    drop(next);
    let variants: Vec<Variant<'_>> = (0..wordings.len())
        .map(|v| {
            let index = index_u32(v);
            Variant {
                ids: wordings.ids(index),
                ellipsis: wordings.ellipsis(index),
                members: &members[offsets[v]..offsets[v + 1]],
                said: wordings.said(index),
            }
        })
        .collect();
    let groups: Vec<Vec<usize>> = candidate_groups(&variants)
        .into_iter()
        .flat_map(|component| split_by_reference(&variants, component))
        // A group of one wording renders it faithfully wherever it is quoted: when only
        // plans above faithful are wanted, its quotations need not be looked at.
        .filter(|group| group.len() > 1 || least == Class::Faithful)
        .collect();
    // Each group is planned on its own, in parallel: an archive's largest hold hundreds
    // of thousands of quotations.
    let mut plans: Vec<Plan> = groups
        .par_iter()
        .filter_map(|group| {
            // Plans below `least` are dropped at once: at an archive's scale, the
            // faithful ones together would hold every quotation.
            plan_utterance(places, lexicon, &variants, group).filter(|plan| plan.class >= least)
        })
        .collect();
    plans.sort_by_key(|p| {
        let first = &p.members[0];
        (first.article, first.start, first.quotation)
    });
    plans
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
    let mut postings: HashKeyed<Vec<usize>> = HashKeyed::default();
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
    let mut failed: FastSet<usize> = FastSet::default();
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
    let mut groups: FastMap<usize, Vec<usize>> = FastMap::default();
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
    let mut blocks = align::matching_blocks(a.ids, b.ids);
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

fn plain_key(interner: &Lexicon, id: u32) -> String {
    interner
        .key(id)
        .trim_matches(|c| c == '[' || c == ']')
        .chars()
        .filter(|&c| c != '\'' && c != '-')
        .collect()
}

fn negations(interner: &Lexicon, ids: &[u32]) -> usize {
    ids.iter()
        .filter(|&&id| NEGATIONS.contains(&plain_key(interner, id).as_str()))
        .count()
}

fn numbers(interner: &Lexicon, ids: &[u32]) -> Vec<String> {
    let mut found: Vec<String> = ids
        .iter()
        .map(|&id| plain_key(interner, id))
        .filter(|k| k.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&k.as_str()))
        .collect();
    found.sort();
    found
}

fn censored(interner: &Lexicon, a: u32, b: u32) -> bool {
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
    let blocks = align::matching_blocks(reference.ids, rendering.ids);
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
    interner: &Lexicon,
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
fn written(text: &str, words: &[Place], from: usize, to: usize) -> (String, Range<usize>) {
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
fn summarised(text: &str, words: &[Place], from: usize, to: usize) -> String {
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

struct Shown {
    text: String,
    words: Vec<Place>,
}

/// Where a word of a quotation is written, which is all that showing its words needs:
/// a finding's renderings are read again by the hundred thousand, and their words'
/// normalised strings are already known by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub span: Range<usize>,
    pub bracketed: bool,
}

/// The places of the words of `text`, as [`normalise::tokenize`] finds its words.
fn places(text: &str) -> Vec<Place> {
    let mut places = Vec::new();
    normalise::scan_words(text, |word| {
        places.push(Place {
            span: word.span,
            bracketed: word.bracketed,
        });
    });
    places
}

fn build_summary(
    interner: &Lexicon,
    wordings: &Wordings,
    order: &[usize],
    reference: usize,
    shown: &FastMap<usize, Shown>,
    steps_of: &FastMap<usize, Vec<(Op, bool)>>,
    changes_of: &FastMap<usize, Vec<Change>>,
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
    let reference_len = wordings.ids(index_u32(reference)).len();
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
            let key: Vec<String> = wordings.ids(index_u32(v))[from..to]
                .iter()
                .map(|&id| plain_key(interner, id))
                .collect();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            texts.push(format!(
                "\"{}\"",
                summarised(&shown.text, &shown.words, from, to)
            ));
        }
        if texts.len() > 1 {
            places.push(texts.join(" / "));
        }
    }
    places.join("; ")
}

/// One rendering of a planned utterance. Numbers are kept in 32 bits: an archive's
/// utterance can have hundreds of thousands of renderings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Member {
    article: u32,
    /// The quotation's first byte in its article.
    start: u32,
    quotation: u32,
    variant: u32,
}

impl Member {
    fn article(&self) -> usize {
        self.article as usize
    }

    fn quotation(&self) -> usize {
        self.quotation as usize
    }

    fn variant(&self) -> usize {
        self.variant as usize
    }
}

/// An utterance grouped and classified, before its renderings are put into words.
pub(crate) struct Plan {
    /// One rendering per article and wording, by article then position.
    members: Vec<Member>,
    reference: usize,
    reference_index: usize,
    /// Variants in order of first rendering, and each one's number in that order.
    order: Vec<usize>,
    numbering: FastMap<usize, usize>,
    steps_of: FastMap<usize, Vec<(Op, bool)>>,
    changes_of: FastMap<usize, Vec<Change>>,
    class: Class,
}

impl Plan {
    /// The worst class among the renderings.
    pub(crate) fn class(&self) -> Class {
        self.class
    }

    /// The quotations rendering the utterance, one per article and wording, in order.
    pub(crate) fn quotations(&self) -> impl Iterator<Item = usize> + '_ {
        self.members.iter().map(Member::quotation)
    }

    /// The quotations rendering the utterance, with each one's class, in order.
    pub(crate) fn renderings(&self) -> impl Iterator<Item = (usize, Class)> + '_ {
        self.members
            .iter()
            .map(|m| (m.quotation(), self.variant_class(m.variant())))
    }

    fn variant_class(&self, v: usize) -> Class {
        self.changes_of
            .get(&v)
            .and_then(|changes| changes.iter().map(|c| c.kind.class()).max())
            .unwrap_or(Class::Faithful)
    }

    /// For each rendering, whether a finding shows its words: the reference, the first
    /// rendering of each wording (the summary quotes it), and every rendering misquoted.
    pub(crate) fn shown(&self) -> Vec<bool> {
        let mut seen = FastSet::default();
        self.members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                seen.insert(m.variant)
                    || i == self.reference_index
                    || self.variant_class(m.variant()) >= Class::Misquote
            })
            .collect()
    }

    /// The quotation the differences are relative to.
    pub(crate) fn reference_quotation(&self) -> usize {
        self.members[self.reference_index].quotation()
    }

    /// How many distinct articles render the utterance.
    pub(crate) fn articles(&self) -> usize {
        let mut articles: Vec<u32> = self.members.iter().map(|m| m.article).collect();
        articles.dedup();
        articles.len()
    }

    /// How many renderings the plan has; [`UtteranceWriter::rendering`] takes their
    /// indices.
    pub(crate) fn len(&self) -> usize {
        self.members.len()
    }

    /// The quotation of rendering `i`.
    pub(crate) fn quotation(&self, i: usize) -> usize {
        self.members[i].quotation()
    }

    /// The wording of rendering `i`, as the plan numbers its wordings.
    pub(crate) fn variant(&self, i: usize) -> u32 {
        self.members[i].variant
    }
}

fn plan_utterance(
    places: &impl Places,
    interner: &Lexicon,
    variants: &[Variant<'_>],
    group: &[usize],
) -> Option<Plan> {
    // The group's quotations in the order they were stored, so that their places are
    // read in one pass forward through the store: wording by wording, each read would be
    // a jump of its own in an archive's millions of quotations.
    let mut quotations: Vec<(u32, u32)> = group
        .iter()
        .flat_map(|&v| variants[v].members.iter().map(move |&q| (q, index_u32(v))))
        .collect();
    quotations.sort_unstable();
    // One rendering per article and wording: the first by position.
    let mut members: Vec<Member> = quotations
        .into_iter()
        .map(|(q, variant)| {
            let at = q as usize;
            Member {
                article: index_u32(places.article(at)),
                start: u32::try_from(places.start(at)).unwrap_or(u32::MAX),
                quotation: q,
                variant,
            }
        })
        .collect();
    members.sort_unstable();
    let mut seen: FastSet<(u32, u32)> =
        FastSet::with_capacity_and_hasher(members.len(), Default::default());
    members.retain(|m| seen.insert((m.article, m.variant)));
    drop(seen);
    let mut articles: Vec<u32> = members.iter().map(|m| m.article).collect();
    articles.dedup();
    if articles.len() < 2 {
        return None;
    }
    let present: Vec<usize> = {
        let mut p: Vec<usize> = members.iter().map(Member::variant).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let reference = reference_of(variants, group);
    let mut order: Vec<usize> = Vec::new();
    let mut numbering: FastMap<usize, usize> = FastMap::default();
    for m in &members {
        numbering.entry(m.variant()).or_insert_with(|| {
            order.push(m.variant());
            order.len() - 1
        });
    }
    let mut steps_of: FastMap<usize, Vec<(Op, bool)>> = FastMap::default();
    let mut changes_of: FastMap<usize, Vec<Change>> = FastMap::default();
    for &v in &present {
        let steps = steps(&variants[reference], &variants[v]);
        changes_of.insert(
            v,
            classify(interner, &variants[reference], &variants[v], &steps),
        );
        steps_of.insert(v, steps);
    }
    let reference_index = members
        .iter()
        .position(|m| m.variant() == reference)
        .unwrap_or(0);
    let class = changes_of
        .values()
        .flatten()
        .map(|c| c.kind.class())
        .max()
        .unwrap_or(Class::Faithful);
    Some(Plan {
        members,
        reference,
        reference_index,
        order,
        numbering,
        steps_of,
        changes_of,
        class,
    })
}

/// Puts a planned utterance into words, given the text of each of its quotations;
/// `None` when a text is missing or no longer has the wording it was grouped by. With
/// `only`, the renderings not marked there (see [`Plan::shown`]) are left out.
pub(crate) fn finish_utterance<'t>(
    plan: &Plan,
    interner: &Lexicon,
    wordings: &Wordings,
    text_of: impl Fn(usize) -> Option<&'t str>,
    only: Option<&[bool]>,
) -> Option<Utterance> {
    let mut writer = UtteranceWriter::new(plan, wordings, text_of(plan.reference_quotation())?);
    let mut renderings = Vec::with_capacity(plan.members.len());
    let mut reference = 0;
    for i in 0..plan.members.len() {
        if only.is_some_and(|only| !only.get(i).copied().unwrap_or(false)) {
            continue;
        }
        if i == plan.reference_index {
            reference = renderings.len();
        }
        renderings.push(writer.rendering(i, text_of(plan.quotation(i))?)?);
    }
    let summary = writer.summary(interner);
    let class = renderings
        .iter()
        .map(|r| r.class)
        .max()
        .unwrap_or(Class::Faithful);
    let variant_texts = plan
        .order
        .iter()
        .map(|v| {
            writer
                .shown
                .get(v)
                .map_or(String::new(), |s| s.text.clone())
        })
        .collect();
    Some(Utterance {
        renderings,
        class,
        reference,
        variants: variant_texts,
        summary,
    })
}

/// A planned utterance put into words one rendering at a time, so that the texts of
/// its renderings need not all be held at once: an archive's utterance may have
/// hundreds of thousands.
pub(crate) struct UtteranceWriter<'p> {
    plan: &'p Plan,
    wordings: &'p Wordings,
    reference_text: String,
    reference_words: Vec<Place>,
    /// The first rendering given of each wording, which the summary quotes.
    shown: FastMap<usize, Shown>,
}

impl<'p> UtteranceWriter<'p> {
    /// A writer comparing renderings with `reference_text`, the text of the plan's
    /// reference quotation.
    pub(crate) fn new(
        plan: &'p Plan,
        wordings: &'p Wordings,
        reference_text: &str,
    ) -> UtteranceWriter<'p> {
        UtteranceWriter {
            plan,
            wordings,
            reference_text: reference_text.to_string(),
            reference_words: places(reference_text),
            shown: FastMap::default(),
        }
    }

    /// Rendering `i` of the plan, whose quotation reads `text`; `None` when the text no
    /// longer has the wording it was grouped by. Renderings are given in order.
    pub(crate) fn rendering(&mut self, i: usize, text: &str) -> Option<Rendering> {
        let words = places(text);
        let rendering = self.compare(i, text, &words)?;
        if self.wants(i) {
            self.keep(i, text.to_string(), words);
        }
        Some(rendering)
    }

    /// Rendering `i` of the plan, whose quotation reads `text` with its words at
    /// `words` (as [`normalise::scan_words`] finds them), without keeping it for the
    /// summary: renderings may be compared in any order, on any thread.
    pub(crate) fn compare(&self, i: usize, text: &str, words: &[Place]) -> Option<Rendering> {
        let member = *self.plan.members.get(i)?;
        let v = member.variant();
        if words.len() != self.wordings.ids(member.variant).len() {
            return None;
        }
        let differences: Vec<Difference> = self
            .plan
            .changes_of
            .get(&v)
            .map(|changes| {
                changes
                    .iter()
                    .map(|c| {
                        let (reference, reference_span) =
                            written(&self.reference_text, &self.reference_words, c.a.0, c.a.1);
                        let (rendering, span) = written(text, words, c.b.0, c.b.1);
                        Difference {
                            kind: c.kind,
                            reference,
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
        Some(Rendering {
            article: member.article(),
            quotation: member.quotation(),
            variant: self.plan.numbering.get(&v).copied().unwrap_or(0),
            class,
            differences,
        })
    }

    /// The plan the writer puts into words.
    pub(crate) fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Whether the summary still needs rendering `i`'s text: it quotes the first
    /// rendering of each wording.
    pub(crate) fn wants(&self, i: usize) -> bool {
        self.plan
            .members
            .get(i)
            .is_some_and(|m| !self.shown.contains_key(&m.variant()))
    }

    /// Keeps rendering `i`'s text for the summary, when it is the first of its wording
    /// given; renderings compared are kept in order.
    pub(crate) fn keep(&mut self, i: usize, text: String, words: Vec<Place>) {
        if let Some(member) = self.plan.members.get(i) {
            self.shown
                .entry(member.variant())
                .or_insert(Shown { text, words });
        }
    }

    /// The differing words side by side across the wordings given so far, reference
    /// first (see [`Utterance::summary`]).
    pub(crate) fn summary(&self, interner: &Lexicon) -> String {
        let plan = self.plan;
        let mut order = vec![plan.reference];
        order.extend(plan.order.iter().copied().filter(|&v| v != plan.reference));
        build_summary(
            interner,
            self.wordings,
            &order,
            plan.reference,
            &self.shown,
            &plan.steps_of,
            &plan.changes_of,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn places_are_where_the_tokenized_words_are_written(
            text in "[a-zA-Z' \\-\\[\\]\\.…,é中]{0,60}"
        ) {
            let expected: Vec<Place> = normalise::tokenize(&text)
                .words
                .into_iter()
                .map(|w| Place { span: w.span, bracketed: w.bracketed })
                .collect();
            proptest::prop_assert_eq!(places(&text), expected);
        }
    }

    #[test]
    fn a_bracketed_insertion_is_written_with_its_brackets() {
        let text = "he said [the singer] was wrong";
        let words = places(text);
        assert_eq!(words.len(), 6);
        assert!(words[2].bracketed && words[3].bracketed && !words[4].bracketed);
        assert_eq!(written(text, &words, 2, 4).0, "[the singer]");
        assert_eq!(written(text, &words, 4, 6).0, "was wrong");
    }
}
