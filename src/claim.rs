//! A claim is one thing an article says about one topic: the value it states, how
//! firmly it states it, and where in the article it says it.

use std::ops::Range;

use serde::Serialize;

use crate::chunked::Chunked;
use crate::kinds::date::DateInterval;
use crate::kinds::number::Quantity;
use crate::text::stance::Stance;

/// The normalised value of a claim, by claim kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Value {
    /// One of a topic's exclusive values, such as a cause.
    Category { id: String, label: String },
    /// A date expression; `resolved` is `None` when the expression is relative and the
    /// article has no publication date (the claim is unanchored).
    Date {
        expression: String,
        resolved: Option<DateInterval>,
        /// The publication date a relative expression was resolved against.
        relative_to: Option<chrono::NaiveDate>,
    },
    /// A quantity, as an interval.
    Number { quantity: Quantity },
    /// A quotation, with its speaker where the text says it.
    Quote { speaker: Option<String> },
}

impl Value {
    /// The value in a few words, for reports.
    pub fn display(&self) -> String {
        match self {
            Value::Category { id, .. } => id.clone(),
            Value::Date {
                expression,
                resolved: Some(interval),
                ..
            } => {
                let _ = expression;
                interval.to_string()
            }
            Value::Date {
                expression,
                resolved: None,
                ..
            } => format!("unanchored ({expression})"),
            Value::Number { quantity } => quantity.to_string(),
            Value::Quote {
                speaker: Some(speaker),
            } => format!("quotation of {speaker}"),
            Value::Quote { speaker: None } => "quotation".to_string(),
        }
    }
}

/// One claim found in one article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The id of the rule (topic) that found it.
    pub topic: String,
    pub value: Value,
    pub stance: Stance,
    /// The article's path, as it was found on the command line or by the walker.
    pub path: String,
    /// Byte span of the matched text in the article.
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of the span's start.
    pub line: usize,
    pub column: usize,
    /// The matched text, as written.
    pub text: String,
    /// Byte span of the sentence that holds the claim.
    pub sentence: Range<usize>,
}

/// Identifies a claim in a [`ClaimStore`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimId(u32);

impl ClaimId {
    /// The claim's position in its store, in the order claims were added.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Every claim of a check, kept compactly so that a corpus with millions of claims fits in
/// memory: the strings that repeat (topics, paths, the matched words, values) are stored
/// once, an article's path once for all its claims, and each claim in 24 bytes. Read
/// claims through [`ClaimRef`], or copy one out as a [`Claim`]: either gives back exactly
/// what was added.
#[derive(Clone, Debug, Default)]
pub struct ClaimStore {
    /// In chunks: the store grows without copying millions of records.
    records: Chunked<Record>,
    /// Claims whose numbers do not fit a [`Record`], whole, by claim index in increasing
    /// order (claims are only ever added at the end).
    wide: Vec<(u32, Wide)>,
    /// The path of each run of consecutive claims with the same path: an article's
    /// claims are added together, so there are about as many runs as articles.
    run_paths: Vec<u32>,
    /// Which claims start a run, by block of [`BLOCK`] claims.
    run_starts: Vec<RunBlock>,
    topics: Strings,
    paths: Strings,
    texts: Strings,
    values: Values,
    /// For each path, its rank in sorted order; computed when first needed.
    path_ranks: std::sync::OnceLock<Vec<u32>>,
}

/// Claims per [`RunBlock`]: one bit each.
const BLOCK: usize = 64;

/// Where runs start among [`BLOCK`] consecutive claims, so that a claim's run is found by
/// counting bits rather than by searching.
#[derive(Clone, Copy, Debug)]
struct RunBlock {
    /// The run of the block's first claim.
    first_run: u32,
    /// Bit `k` is set when the block's claim `k` (not the first) starts a new run.
    starts: u64,
}

impl RunBlock {
    /// The run of the block's claim `k`.
    fn run(&self, k: usize) -> usize {
        let upto = u64::MAX >> (BLOCK - 1 - k);
        self.first_run as usize + (self.starts & upto).count_ones() as usize
    }
}

/// One stored claim: indices into the store's tables, the span's start, and the rest as
/// small numbers (lengths, distances from the span, line and column) that fit in two
/// bytes in all but very unusual articles. A claim where one of them does not fit is marked
/// [`WIDE`] and kept whole in the store's side list instead.
#[derive(Clone, Copy, Debug)]
struct Record {
    value: u32,
    text: u32,
    span_start: u32,
    /// The topic's index in the low 14 bits, the stance in the top two; [`WIDE`] for a
    /// claim kept in the side list.
    topic_stance: u16,
    /// `span.end - span.start`.
    span_len: u16,
    /// How far before the span its sentence starts...
    sentence_before: u16,
    /// ...and how far after the span it ends.
    sentence_after: u16,
    line: u16,
    column: u16,
}

const _: () = assert!(std::mem::size_of::<Record>() <= 24);

/// Where [`Record::topic_stance`] keeps the stance.
const STANCE_SHIFT: u32 = 14;
const TOPIC_MASK: u16 = (1 << STANCE_SHIFT) - 1;
/// Marks a record kept in the side list: its stance bits would be 3, which is no stance.
const WIDE: u16 = u16::MAX;

/// The record of a claim kept in the side list, but for its value and text.
const WIDE_RECORD: Record = Record {
    value: 0,
    text: 0,
    span_start: 0,
    topic_stance: WIDE,
    span_len: 0,
    sentence_before: 0,
    sentence_after: 0,
    line: 0,
    column: 0,
};

/// A claim whose numbers do not fit a [`Record`]: everything but its value and text.
#[derive(Clone, Debug)]
struct Wide {
    topic: u32,
    stance: Stance,
    span: Range<usize>,
    sentence: Range<usize>,
    line: usize,
    column: usize,
}

fn stance_bits(stance: Stance) -> u16 {
    match stance {
        Stance::Asserted => 0,
        Stance::Denied => 1,
        Stance::Hedged => 2,
    }
}

fn stance_from_bits(bits: u16) -> Stance {
    match bits {
        1 => Stance::Denied,
        2 => Stance::Hedged,
        _ => Stance::Asserted,
    }
}

/// The record of a claim of topic `topic`, if all its numbers fit in one; its value and
/// text are for the caller to fill in.
fn narrow(topic: u32, claim: &Claim) -> Option<Record> {
    let topic = u16::try_from(topic).ok().filter(|&t| t <= TOPIC_MASK)?;
    let span = &claim.span;
    let sentence = &claim.sentence;
    let small = |n: Option<usize>| n.and_then(|n| u16::try_from(n).ok());
    Some(Record {
        value: 0,
        text: 0,
        span_start: u32::try_from(span.start).ok()?,
        topic_stance: topic | (stance_bits(claim.stance) << STANCE_SHIFT),
        span_len: small(span.end.checked_sub(span.start))?,
        sentence_before: small(span.start.checked_sub(sentence.start))?,
        sentence_after: small(sentence.end.checked_sub(span.end))?,
        line: small(Some(claim.line))?,
        column: small(Some(claim.column))?,
    })
}

/// A hash map for look-ups: foldhash, seeded at random per process, hashes short keys
/// several times faster than the standard library's SipHash. What is taken out of one in
/// its own order is sorted before use, so that order never reaches the output.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set for membership, hashed as [`FastMap`] is.
pub(crate) type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// Distinct strings, each stored once and numbered in order of first appearance.
#[derive(Clone, Debug, Default)]
pub(crate) struct Strings {
    list: Vec<std::sync::Arc<str>>,
    index: FastMap<std::sync::Arc<str>, u32>,
}

impl Strings {
    /// The number of `s`, stored if it is new.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        self.intern_with(s, || s.into())
    }

    /// [`Strings::intern`], keeping `s` itself (not a copy) if it is new: a string that
    /// other tables hold too is then in memory once.
    pub(crate) fn intern_shared(&mut self, s: &std::sync::Arc<str>) -> u32 {
        self.intern_with(s, || s.clone())
    }

    fn intern_with(&mut self, s: &str, shared: impl FnOnce() -> std::sync::Arc<str>) -> u32 {
        if self.index.len() < self.list.len() {
            self.index = (0..).zip(&self.list).map(|(i, s)| (s.clone(), i)).collect();
        }
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = to_u32(self.list.len());
        let shared = shared();
        self.list.push(shared.clone());
        self.index.insert(shared, i);
        i
    }

    pub(crate) fn get(&self, i: u32) -> &str {
        &self.list[i as usize]
    }

    /// Lets go of the table that finds a string's number, once no more are expected
    /// (it is made again if one is): the strings themselves are kept.
    pub(crate) fn forget_index(&mut self) {
        self.index = FastMap::default();
    }

    /// How many distinct strings are stored.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }
}

/// Distinct values, each stored once; found again by a hash of their contents.
#[derive(Clone, Debug, Default)]
struct Values {
    list: Vec<Value>,
    /// The first value with each hash...
    by_hash: FastMap<u64, u32>,
    /// ...and for each value, the next one with the same hash (`u32::MAX`: none).
    next_same_hash: Vec<u32>,
    /// How values are hashed.
    hashing: foldhash::fast::RandomState,
}

impl Values {
    fn intern(&mut self, value: Value) -> u32 {
        if self.next_same_hash.len() < self.list.len() {
            let list = std::mem::take(&mut self.list);
            for value in list {
                self.intern(value);
            }
        }
        let hash = value_hash(&self.hashing, &value);
        let new = to_u32(self.list.len());
        let mut at = *self.by_hash.entry(hash).or_insert(new);
        while at != new {
            if self.list[at as usize] == value {
                return at;
            }
            let next = self.next_same_hash[at as usize];
            if next == u32::MAX {
                self.next_same_hash[at as usize] = new;
                break;
            }
            at = next;
        }
        self.list.push(value);
        self.next_same_hash.push(u32::MAX);
        new
    }
}

impl Values {
    /// Whether value `at` is `value` as [`Values::intern`] tells values apart: equal, and
    /// numbers with the same bits (so `0.0` and `-0.0` stay two values).
    fn holds(&self, at: u32, value: &Value) -> bool {
        let held = &self.list[at as usize];
        held == value
            && match (held, value) {
                (Value::Number { quantity: a }, Value::Number { quantity: b }) => {
                    let bits =
                        |q: &Quantity| (q.value.to_bits(), q.low.to_bits(), q.high.to_bits());
                    bits(a) == bits(b)
                }
                _ => true,
            }
    }
}

fn value_hash(hashing: &foldhash::fast::RandomState, value: &Value) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut hasher = hashing.build_hasher();
    match value {
        Value::Category { id, label } => (0u8, id, label).hash(&mut hasher),
        Value::Date {
            expression,
            resolved,
            relative_to,
        } => {
            let resolved = resolved.map(|r| (r.start, r.end, r.granularity));
            (1u8, expression, resolved, relative_to).hash(&mut hasher);
        }
        Value::Number { quantity } => {
            let q = quantity;
            let bits = (q.value.to_bits(), q.low.to_bits(), q.high.to_bits());
            (2u8, bits, q.qualifier).hash(&mut hasher);
        }
        Value::Quote { speaker } => (3u8, speaker).hash(&mut hasher),
    }
    hasher.finish()
}

/// Counts (of claims, and of distinct strings and values) are stored in four bytes: a
/// check of more than four billion claims would not fit in memory anyway.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ClaimStore {
    /// Offers the store the path claims are about to be added with, as a string shared
    /// with the rest of the check: if the store has no such path yet, it keeps this one
    /// rather than a copy. An archive has hundreds of thousands of paths.
    pub fn share_path(&mut self, path: &std::sync::Arc<str>) {
        self.paths.intern_shared(path);
    }

    /// Adds a claim; its id is the number of claims added before it.
    pub fn push(&mut self, claim: Claim) -> ClaimId {
        let len = self.records.len();
        let id = ClaimId(to_u32(len));
        // Most claims have the path of the claim before them: no need to hash it.
        let path = match self.run_paths.last() {
            Some(&last) if self.paths.get(last) == claim.path => last,
            _ => self.paths.intern(&claim.path),
        };
        let new_run = self.run_paths.last() != Some(&path);
        if new_run {
            self.run_paths.push(path);
        }
        if len.is_multiple_of(BLOCK) {
            self.run_starts.push(RunBlock {
                // Not empty: the claim's run was just added if there was none.
                first_run: to_u32(self.run_paths.len() - 1),
                starts: 0,
            });
        } else if new_run && let Some(block) = self.run_starts.last_mut() {
            block.starts |= 1 << (len % BLOCK);
        }
        // Claims come topic by topic, and a topic's values repeat: most claims have the
        // topic of the claim before them, and many its value too, found without hashing.
        let previous = len.checked_sub(1).map(|i| {
            let previous = ClaimRef {
                store: self,
                id: ClaimId(to_u32(i)),
            };
            (previous.topic_id(), previous.record().value)
        });
        let topic = match previous {
            Some((last, _)) if self.topics.get(last) == claim.topic => last,
            _ => self.topics.intern(&claim.topic),
        };
        let narrow = narrow(topic, &claim);
        if narrow.is_none() {
            self.wide.push((
                id.0,
                Wide {
                    topic,
                    stance: claim.stance,
                    span: claim.span.clone(),
                    sentence: claim.sentence.clone(),
                    line: claim.line,
                    column: claim.column,
                },
            ));
        }
        let value = match previous {
            Some((_, last)) if self.values.holds(last, &claim.value) => last,
            _ => self.values.intern(claim.value),
        };
        let record = Record {
            text: self.texts.intern(&claim.text),
            value,
            ..narrow.unwrap_or(WIDE_RECORD)
        };
        self.records.push(record);
        self.path_ranks = std::sync::OnceLock::new();
        id
    }

    /// The whole fields of the claim at `index`, which is marked [`WIDE`].
    #[cold]
    fn wide(&self, index: usize) -> &Wide {
        let at = self
            .wide
            .binary_search_by_key(&index, |&(i, _)| i as usize)
            .expect("every record marked wide has its fields in the side list");
        &self.wide[at].1
    }

    /// The path id of the claim at `index`.
    #[inline]
    fn path_of(&self, index: usize) -> u32 {
        self.run_paths[self.run_starts[index / BLOCK].run(index % BLOCK)]
    }

    fn path_ranks(&self) -> &[u32] {
        self.path_ranks.get_or_init(|| {
            let mut order: Vec<u32> = (0..to_u32(self.paths.list.len())).collect();
            order.sort_by(|&a, &b| self.paths.get(a).cmp(self.paths.get(b)));
            let mut ranks = vec![0; order.len()];
            for (rank, path) in order.into_iter().enumerate() {
                ranks[path as usize] = to_u32(rank);
            }
            ranks
        })
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Every claim, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = ClaimRef<'_>> {
        (0..self.records.len()).map(|i| ClaimRef {
            store: self,
            id: ClaimId(i as u32),
        })
    }

    /// The claim with this id. Panics on an id from another store that is out of range.
    pub fn get(&self, id: ClaimId) -> ClaimRef<'_> {
        assert!(
            id.index() < self.records.len(),
            "a claim id belongs to its store"
        );
        ClaimRef { store: self, id }
    }

    /// Forgets the claims added after the first `len`: a draft that turns out not to be
    /// needed takes its evidence back. The strings they brought stay in the tables.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.records.len() {
            return;
        }
        self.records.truncate(len);
        let wide = self.wide.partition_point(|&(i, _)| (i as usize) < len);
        self.wide.truncate(wide);
        self.run_starts.truncate(len.div_ceil(BLOCK));
        let Some(last) = len.checked_sub(1) else {
            self.run_paths.clear();
            return;
        };
        let block = &mut self.run_starts[last / BLOCK];
        // The claims after `last` start no runs any more.
        block.starts &= u64::MAX >> (BLOCK - 1 - last % BLOCK);
        let runs = block.run(last % BLOCK) + 1;
        self.run_paths.truncate(runs);
    }

    /// Frees the lookup tables that adding claims uses (adding more builds them again),
    /// and any room reserved for more claims.
    pub fn shrink_to_fit(&mut self) {
        for strings in [&mut self.topics, &mut self.paths, &mut self.texts] {
            strings.index = FastMap::default();
            strings.list.shrink_to_fit();
        }
        self.values.by_hash = FastMap::default();
        self.values.next_same_hash = Vec::new();
        self.values.list.shrink_to_fit();
        self.records.shrink_to_fit();
        self.wide.shrink_to_fit();
        self.run_paths.shrink_to_fit();
        self.run_starts.shrink_to_fit();
    }

    /// The number [`ClaimRef::topic_id`] gives the claims of topic `topic`, if any.
    pub fn topic_id(&self, topic: &str) -> Option<u32> {
        (0..)
            .zip(&self.topics.list)
            .find(|(_, t)| ***t == *topic)
            .map(|(i, _)| i)
    }

    /// Every claim copied out, in order.
    pub fn to_claims(&self) -> Vec<Claim> {
        self.iter().map(|c| c.to_claim()).collect()
    }
}

impl FromIterator<Claim> for ClaimStore {
    fn from_iter<I: IntoIterator<Item = Claim>>(claims: I) -> ClaimStore {
        let mut store = ClaimStore::default();
        for claim in claims {
            store.push(claim);
        }
        store
    }
}

impl Serialize for ClaimStore {
    /// As a list of claims, the same as a `Vec<Claim>`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|c| c.to_claim()))
    }
}

impl PartialEq for ClaimStore {
    fn eq(&self, other: &ClaimStore) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| a.to_claim() == b.to_claim())
    }
}

/// Some claims of one store in a chosen order, such as one topic's claims sorted by
/// article: four bytes a claim, however many there are.
#[derive(Clone, Debug)]
pub struct Claims<'a> {
    store: &'a ClaimStore,
    ids: Vec<ClaimId>,
}

impl<'a> Claims<'a> {
    pub fn new(store: &'a ClaimStore, ids: Vec<ClaimId>) -> Claims<'a> {
        Claims { store, ids }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The claim at `index` in this list (not the store's id). Panics out of range, like
    /// indexing a slice.
    pub fn get(&self, index: usize) -> ClaimRef<'a> {
        self.store.get(self.ids[index])
    }

    pub fn iter(&self) -> impl Iterator<Item = ClaimRef<'a>> + '_ {
        self.ids.iter().map(|&id| self.store.get(id))
    }
}

/// One claim of a [`ClaimStore`], read in place.
#[derive(Clone, Copy)]
pub struct ClaimRef<'a> {
    store: &'a ClaimStore,
    id: ClaimId,
}

impl<'a> ClaimRef<'a> {
    #[inline]
    fn record(&self) -> &'a Record {
        &self.store.records[self.id.index()]
    }

    /// The claim's whole fields, for a record marked [`WIDE`].
    fn wide(&self) -> &'a Wide {
        self.store.wide(self.id.index())
    }

    pub fn id(&self) -> ClaimId {
        self.id
    }

    /// The same number for claims of the same topic (see [`ClaimStore::topic_id`]).
    #[inline]
    pub fn topic_id(&self) -> u32 {
        match self.record().topic_stance {
            WIDE => self.wide().topic,
            bits => u32::from(bits & TOPIC_MASK),
        }
    }

    pub fn topic(&self) -> &'a str {
        self.store.topics.get(self.topic_id())
    }

    pub fn value(&self) -> &'a Value {
        &self.store.values.list[self.record().value as usize]
    }

    #[inline]
    pub fn stance(&self) -> Stance {
        match self.record().topic_stance {
            WIDE => self.wide().stance,
            bits => stance_from_bits(bits >> STANCE_SHIFT),
        }
    }

    pub fn path(&self) -> &'a str {
        self.store.paths.get(self.path_id())
    }

    /// The same number for claims of the same article path, for grouping claims by
    /// article without comparing strings.
    #[inline]
    pub fn path_id(&self) -> u32 {
        self.store.path_of(self.id.index())
    }

    /// The rank of the claim's path among all the store's paths in sorted order, for
    /// ordering claims by path without comparing strings.
    pub fn path_rank(&self) -> u32 {
        self.store.path_ranks()[self.path_id() as usize]
    }

    #[inline]
    pub fn span(&self) -> Range<usize> {
        let r = self.record();
        if r.topic_stance == WIDE {
            return self.wide().span.clone();
        }
        let start = r.span_start as usize;
        start..start + usize::from(r.span_len)
    }

    pub fn line(&self) -> usize {
        let r = self.record();
        if r.topic_stance == WIDE {
            return self.wide().line;
        }
        usize::from(r.line)
    }

    pub fn column(&self) -> usize {
        let r = self.record();
        if r.topic_stance == WIDE {
            return self.wide().column;
        }
        usize::from(r.column)
    }

    pub fn text(&self) -> &'a str {
        self.store.texts.get(self.record().text)
    }

    pub fn sentence(&self) -> Range<usize> {
        let r = self.record();
        if r.topic_stance == WIDE {
            return self.wide().sentence.clone();
        }
        // Cannot overflow: these are the sums and differences the claim was added with.
        let start = r.span_start as usize;
        let end = start + usize::from(r.span_len);
        start - usize::from(r.sentence_before)..end + usize::from(r.sentence_after)
    }

    /// The claim copied out.
    pub fn to_claim(&self) -> Claim {
        Claim {
            topic: self.topic().to_string(),
            value: self.value().clone(),
            stance: self.stance(),
            path: self.path().to_string(),
            span: self.span(),
            line: self.line(),
            column: self.column(),
            text: self.text().to_string(),
            sentence: self.sentence(),
        }
    }
}

impl std::fmt::Debug for ClaimRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_claim(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(path: &str, start: usize, id: &str) -> Claim {
        Claim {
            topic: "story/cause".to_string(),
            value: Value::Category {
                id: id.to_string(),
                label: format!("label of {id}"),
            },
            line: 3,
            sentence: 0..start + 20,
            ..crate::testing::category_claim(path, id, start, "political")
        }
    }

    #[test]
    fn a_store_gives_back_every_claim_as_it_was_added() {
        let claims = vec![
            claim("b.txt", 4, "politics"),
            claim("a.txt", 10, "politics"),
            claim("b.txt", 40, "trump"),
        ];
        let store: ClaimStore = claims.iter().cloned().collect();
        assert_eq!(store.len(), 3);
        assert_eq!(store.to_claims(), claims);
        let ids: Vec<usize> = store.iter().map(|c| c.id().index()).collect();
        assert_eq!(ids, vec![0, 1, 2]);
        let second = store.get(ClaimId(1));
        assert_eq!(second.path(), "a.txt");
        assert_eq!(second.span(), 10..19);
        assert_eq!(second.text(), "political");
    }

    #[test]
    fn repeated_strings_and_values_are_stored_once() {
        let store: ClaimStore = (0..100).map(|i| claim("a.txt", i, "politics")).collect();
        assert_eq!(store.texts.list.len(), 1);
        assert_eq!(store.paths.list.len(), 1);
        assert_eq!(store.values.list.len(), 1);
        assert_eq!(store.topics.list.len(), 1);
    }

    #[test]
    fn a_store_shrunk_to_fit_still_shares_what_is_added_next() {
        let mut store: ClaimStore = (0..5).map(|i| claim("a.txt", i, "politics")).collect();
        store.shrink_to_fit();
        assert_eq!(store.topic_id("story/cause"), Some(0));
        let id = store.push(claim("a.txt", 7, "politics"));
        store.push(claim("b.txt", 1, "trump"));
        assert_eq!(store.values.list.len(), 2);
        assert_eq!(store.paths.list.len(), 2);
        assert_eq!(store.get(id).to_claim(), claim("a.txt", 7, "politics"));
        assert_eq!(store.len(), 7);
    }

    #[test]
    fn every_stance_is_kept() {
        let mut claims = vec![claim("a.txt", 0, "x"); 3];
        claims[1].stance = Stance::Denied;
        claims[2].stance = Stance::Hedged;
        let store: ClaimStore = claims.iter().cloned().collect();
        let stances: Vec<Stance> = store.iter().map(|c| c.stance()).collect();
        assert_eq!(
            stances,
            vec![Stance::Asserted, Stance::Denied, Stance::Hedged]
        );
        assert_eq!(store.to_claims(), claims);
    }

    #[test]
    fn path_ranks_follow_the_sorted_order_of_paths() {
        let store: ClaimStore = ["c.txt", "a.txt", "b.txt", "a.txt"]
            .iter()
            .map(|p| claim(p, 0, "x"))
            .collect();
        let ranks: Vec<u32> = store.iter().map(|c| c.path_rank()).collect();
        assert_eq!(ranks, vec![2, 0, 1, 0]);
        let mut more = store.clone();
        more.push(claim("0.txt", 0, "x"));
        assert_eq!(more.get(ClaimId(4)).path_rank(), 0);
        assert_eq!(more.get(ClaimId(0)).path_rank(), 3);
    }

    #[test]
    fn a_path_offered_before_its_claims_is_kept_itself_not_copied() {
        let shared: std::sync::Arc<str> = "d/a.txt".into();
        let mut store = ClaimStore::default();
        store.push(claim("b.txt", 0, "x"));
        store.share_path(&shared);
        let a = store.push(claim("d/a.txt", 3, "y"));
        let b = store.push(claim("b.txt", 6, "z"));
        assert!(std::ptr::eq(store.get(a).path().as_ptr(), shared.as_ptr()));
        assert!(!std::ptr::eq(store.get(b).path().as_ptr(), shared.as_ptr()));
        // A path the store has already is not replaced, and its claims keep their path.
        let other: std::sync::Arc<str> = "b.txt".into();
        store.share_path(&other);
        let c = store.push(claim("b.txt", 9, "w"));
        assert_eq!(std::sync::Arc::strong_count(&other), 1);
        assert_eq!(store.get(c).path_id(), store.get(b).path_id());
        assert_eq!(store.get(c).path(), "b.txt");
    }

    #[test]
    fn a_store_serialises_as_the_list_of_its_claims() {
        let claims = vec![claim("a.txt", 0, "x"), claim("b.txt", 5, "y")];
        let store: ClaimStore = claims.iter().cloned().collect();
        assert_eq!(
            serde_json::to_string(&store).expect("serialises"),
            serde_json::to_string(&claims).expect("serialises")
        );
    }

    /// A claim of the number `written`.
    fn number_claim(written: &str) -> Claim {
        let quantity = crate::kinds::number::parse_quantity(written).expect("a quantity");
        Claim {
            value: Value::Number { quantity },
            ..claim("a.txt", 0, "x")
        }
    }

    #[test]
    fn a_number_equal_to_the_one_before_but_for_its_sign_of_zero_stays_its_own_value() {
        let zero = number_claim("0");
        let mut negative = zero.clone();
        if let Value::Number { quantity } = &mut negative.value {
            quantity.value = -0.0;
        }
        let store: ClaimStore = vec![zero.clone(), negative.clone(), zero.clone(), zero]
            .into_iter()
            .collect();
        assert_eq!(store.values.list.len(), 2);
        let signs: Vec<bool> = store
            .iter()
            .map(|c| match c.value() {
                Value::Number { quantity } => quantity.value.is_sign_negative(),
                _ => unreachable!("every claim here is a number"),
            })
            .collect();
        assert_eq!(signs, [false, true, false, false]);
    }

    #[test]
    fn numbers_and_dates_that_differ_only_slightly_stay_distinct_values() {
        let a = number_claim("60,000");
        let b = number_claim("about 60,000");
        let store: ClaimStore = vec![a.clone(), b.clone(), a.clone()].into_iter().collect();
        assert_eq!(store.values.list.len(), 2);
        assert_eq!(store.to_claims(), vec![a.clone(), b, a]);
    }

    /// Positions around the edges of what a record holds in two and four bytes, and
    /// beyond.
    fn position() -> impl proptest::strategy::Strategy<Value = usize> {
        use proptest::prelude::*;
        let edges = [u16::MAX as usize, u32::MAX as usize, usize::MAX];
        prop_oneof![
            4 => 0..200usize,
            1 => prop::sample::select(edges.to_vec()),
            1 => (prop::sample::select(edges.to_vec()), 0..3usize)
                .prop_map(|(edge, d)| edge - d),
            1 => (0..3usize).prop_map(|d| u16::MAX as usize + d),
            1 => any::<usize>(),
        ]
    }

    /// A distance from the span: zero, small, or too far for two bytes.
    fn distance() -> impl proptest::strategy::Strategy<Value = usize> {
        use proptest::prelude::*;
        prop_oneof![
            3 => 0..50usize,
            1 => (u16::MAX as usize - 1)..(u16::MAX as usize + 3),
            1 => Just(10_000_000usize),
        ]
    }

    fn any_claim() -> impl proptest::strategy::Strategy<Value = Claim> {
        use proptest::prelude::*;
        let stance = prop::sample::select(vec![Stance::Asserted, Stance::Denied, Stance::Hedged]);
        let value = prop_oneof![
            (0..3u8).prop_map(|i| Value::Category {
                id: format!("c{i}"),
                label: format!("label {i}"),
            }),
            prop::option::of("[a-z]{0,4}").prop_map(|speaker| Value::Quote { speaker }),
        ];
        // The sentence around the span in most claims, anywhere in some: a sentence that
        // does not hold its span, or ends before it starts, is kept as it came too.
        let shape = prop_oneof![
            3 => (position(), 0..40usize, distance(), distance()).prop_map(
                |(start, len, before, after)| {
                    let end = start.saturating_add(len);
                    (
                        start..end,
                        start.saturating_sub(before)..end.saturating_add(after),
                    )
                }
            ),
            1 => (position(), position(), position(), position())
                .prop_map(|(a, b, c, d)| (a..b, c..d)),
        ];
        (
            prop::sample::select(vec!["t/a", "t/b", "t/c"]),
            value,
            stance,
            prop::sample::select(vec!["a.txt", "b.txt", "dir/c.txt"]),
            shape,
            position(),
            position(),
            "[a-z ]{0,6}",
        )
            .prop_map(
                |(topic, value, stance, path, (span, sentence), line, column, text)| Claim {
                    topic: topic.to_string(),
                    value,
                    stance,
                    path: path.to_string(),
                    span,
                    line,
                    column,
                    text,
                    sentence,
                },
            )
    }

    #[derive(Clone, Debug)]
    enum Step {
        Push(Claim),
        /// Keeps this share (in 1/256) of the claims.
        Truncate(u8),
        Shrink,
    }

    fn steps() -> impl proptest::strategy::Strategy<Value = Vec<Step>> {
        use proptest::prelude::*;
        let step = prop_oneof![
            40 => any_claim().prop_map(Step::Push),
            1 => any::<u8>().prop_map(Step::Truncate),
            1 => Just(Step::Shrink),
        ];
        prop::collection::vec(step, 0..400)
    }

    /// Checks every accessor of every claim of `store` against `expected`, and that the
    /// topic and path numbers group and order claims as their strings do.
    fn assert_holds(store: &ClaimStore, expected: &[Claim]) {
        assert_eq!(store.len(), expected.len());
        assert_eq!(store.is_empty(), expected.is_empty());
        assert_eq!(store.to_claims(), expected);
        for (i, (c, want)) in store.iter().zip(expected).enumerate() {
            assert_eq!(c.id().index(), i);
            let got = store.get(c.id());
            assert_eq!(got.topic(), want.topic);
            assert_eq!(got.value(), &want.value);
            assert_eq!(got.stance(), want.stance);
            assert_eq!(got.path(), want.path);
            assert_eq!(got.span(), want.span);
            assert_eq!(got.line(), want.line);
            assert_eq!(got.column(), want.column);
            assert_eq!(got.text(), want.text);
            assert_eq!(got.sentence(), want.sentence);
            assert_eq!(store.topics.get(got.topic_id()), want.topic);
            // The lookup by name reads every topic: a sample is enough.
            if i % 64 == 0 {
                assert_eq!(store.topic_id(&want.topic), Some(got.topic_id()));
            }
            assert_eq!(store.paths.get(got.path_id()), want.path);
        }
        // Ranks order paths as their strings do (among every path ever added, so they
        // need not be consecutive).
        let mut ranks: Vec<(&str, u32, u32)> = store
            .iter()
            .map(|c| (c.path(), c.path_rank(), c.path_id()))
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        for pair in ranks.windows(2) {
            let ((a, rank_a, id_a), (b, rank_b, id_b)) = (pair[0], pair[1]);
            assert!(a < b && rank_a < rank_b && id_a != id_b, "{pair:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        #[test]
        fn every_claim_comes_back_as_it_was_added_through_truncation_and_more_pushes(
            steps in steps()
        ) {
            let mut store = ClaimStore::default();
            let mut expected: Vec<Claim> = Vec::new();
            for step in steps {
                match step {
                    Step::Push(claim) => {
                        let id = store.push(claim.clone());
                        proptest::prop_assert_eq!(id.index(), expected.len());
                        expected.push(claim);
                    }
                    Step::Truncate(share) => {
                        let len = expected.len() * usize::from(share) / 256;
                        store.truncate(len);
                        expected.truncate(len);
                        assert_holds(&store, &expected);
                    }
                    Step::Shrink => store.shrink_to_fit(),
                }
            }
            assert_holds(&store, &expected);
            store.truncate(expected.len() + 5);
            assert_holds(&store, &expected);
        }
    }

    #[test]
    fn numbers_too_large_for_a_record_come_back_exactly() {
        let base = claim("a.txt", 4, "x");
        let mut claims = vec![base.clone()];
        let mut wide = |change: &dyn Fn(&mut Claim)| {
            let mut c = base.clone();
            change(&mut c);
            claims.push(c);
        };
        wide(&|c| c.span = usize::MAX - 1..usize::MAX);
        wide(&|c| c.span = u32::MAX as usize + 1..u32::MAX as usize + 9);
        wide(&|c| c.span = 5..5 + u16::MAX as usize + 1);
        // A span that ends before it starts.
        wide(&|c| c.span = Range { start: 9, end: 4 });
        wide(&|c| c.sentence = 0..3_000_000);
        wide(&|c| c.sentence = 6..100);
        wide(&|c| c.sentence = 0..2);
        wide(&|c| c.line = u16::MAX as usize + 1);
        wide(&|c| c.column = usize::MAX);
        wide(&|c| c.stance = Stance::Hedged);
        let store: ClaimStore = claims.iter().cloned().collect();
        assert_eq!(store.wide.len(), claims.len() - 2);
        assert_holds(&store, &claims);
    }

    #[test]
    fn a_claim_added_in_place_of_a_truncated_one_comes_back_as_added() {
        let mut huge = claim("a.txt", 0, "x");
        huge.line = usize::MAX;
        let mut store: ClaimStore = [claim("a.txt", 0, "x"), huge.clone(), huge.clone()]
            .into_iter()
            .collect();
        store.truncate(1);
        let mut other = claim("b.txt", 3, "y");
        other.column = usize::MAX - 7;
        let mut expected = vec![claim("a.txt", 0, "x")];
        for c in [other, claim("b.txt", 9, "y"), huge] {
            store.push(c.clone());
            expected.push(c);
            assert_holds(&store, &expected);
        }
    }

    #[test]
    fn numbers_that_just_fit_a_record_stay_out_of_the_side_list() {
        let max = u16::MAX as usize;
        let start = u32::MAX as usize - max;
        let c = Claim {
            span: start..start + max,
            sentence: start - max..start + 2 * max,
            line: max,
            column: max,
            stance: Stance::Denied,
            ..claim("a.txt", 0, "x")
        };
        let store: ClaimStore = [c.clone()].into_iter().collect();
        assert!(store.wide.is_empty());
        assert_holds(&store, &[c]);
    }

    #[test]
    fn tens_of_thousands_of_topics_and_paths_come_back_exactly() {
        let claims: Vec<Claim> = (0..40_000usize)
            .map(|i| Claim {
                topic: format!("topic {}", i / 2),
                // Runs of one, two and three claims, and paths seen before coming back.
                path: format!("{}.txt", (i / (1 + i % 3)) % 7_000),
                stance: [Stance::Asserted, Stance::Denied, Stance::Hedged][i % 3],
                ..claim("a.txt", i * 10, "x")
            })
            .collect();
        let mut store: ClaimStore = claims.iter().cloned().collect();
        assert!(store.topics.len() > usize::from(TOPIC_MASK) + 1);
        assert!(!store.wide.is_empty());
        assert_holds(&store, &claims);
        store.truncate(30_001);
        store.shrink_to_fit();
        for c in &claims[30_001..] {
            store.push(c.clone());
        }
        assert_holds(&store, &claims);
    }

    #[test]
    fn an_article_seen_again_later_starts_a_new_run_of_its_path() {
        let claims = vec![
            claim("a.txt", 0, "x"),
            claim("b.txt", 0, "x"),
            claim("a.txt", 5, "x"),
            claim("a.txt", 9, "x"),
        ];
        let store: ClaimStore = claims.iter().cloned().collect();
        assert_eq!(store.run_paths, vec![0, 1, 0]);
        let ids: Vec<u32> = store.iter().map(|c| c.path_id()).collect();
        assert_eq!(ids, vec![0, 1, 0, 0]);
        assert_holds(&store, &claims);
    }
}
