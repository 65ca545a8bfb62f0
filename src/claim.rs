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

/// Every claim of a check, kept compactly: the strings that repeat (topics, paths, the
/// matched words, values) are stored once and positions take four bytes, so that a
/// corpus with millions of claims fits in memory. Read claims through [`ClaimRef`], or
/// copy one out as a [`Claim`].
#[derive(Clone, Debug, Default)]
pub struct ClaimStore {
    /// In chunks: the store grows without copying millions of records.
    records: Chunked<Record>,
    topics: Strings,
    paths: Strings,
    texts: Strings,
    values: Values,
    /// For each path, its rank in sorted order; computed when first needed.
    path_ranks: std::sync::OnceLock<Vec<u32>>,
}

/// One stored claim: indices into the store's tables and positions.
#[derive(Clone, Copy, Debug)]
struct Record {
    /// The topic's index in the low 30 bits, the stance in the top two.
    topic_stance: u32,
    path: u32,
    value: u32,
    text: u32,
    span: [u32; 2],
    sentence: [u32; 2],
    line: u32,
    column: u32,
}

/// Where [`Record::topic_stance`] keeps the stance.
const STANCE_SHIFT: u32 = 30;

fn stance_bits(stance: Stance) -> u32 {
    match stance {
        Stance::Asserted => 0,
        Stance::Denied => 1,
        Stance::Hedged => 2,
    }
}

fn stance_from_bits(bits: u32) -> Stance {
    match bits {
        1 => Stance::Denied,
        2 => Stance::Hedged,
        _ => Stance::Asserted,
    }
}

/// Distinct strings, each stored once and numbered in order of first appearance.
#[derive(Clone, Debug, Default)]
pub(crate) struct Strings {
    list: Vec<std::sync::Arc<str>>,
    index: std::collections::HashMap<std::sync::Arc<str>, u32>,
}

impl Strings {
    /// The number of `s`, stored if it is new.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if self.index.len() < self.list.len() {
            self.index = (0..).zip(&self.list).map(|(i, s)| (s.clone(), i)).collect();
        }
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = to_u32(self.list.len());
        let shared: std::sync::Arc<str> = s.into();
        self.list.push(shared.clone());
        self.index.insert(shared, i);
        i
    }

    pub(crate) fn get(&self, i: u32) -> &str {
        &self.list[i as usize]
    }

    /// How many distinct strings are stored.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }
}

/// Distinct values, each stored once; found again by a hash of their contents.
#[derive(Clone, Debug, Default)]
struct Values {
    list: Vec<Value>,
    /// The first value with each hash...
    by_hash: std::collections::HashMap<u64, u32>,
    /// ...and for each value, the next one with the same hash (`u32::MAX`: none).
    next_same_hash: Vec<u32>,
}

impl Values {
    fn intern(&mut self, value: Value) -> u32 {
        if self.next_same_hash.len() < self.list.len() {
            let list = std::mem::take(&mut self.list);
            for value in list {
                self.intern(value);
            }
        }
        let hash = value_hash(&value);
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

fn value_hash(value: &Value) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
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

/// Positions and counts are stored in four bytes: articles are far smaller than 4 GiB
/// (the reader refuses files over 64 MiB), and a check of more than four billion claims
/// would not fit in memory anyway.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ClaimStore {
    /// Adds a claim; its id is the number of claims added before it.
    pub fn push(&mut self, claim: Claim) -> ClaimId {
        let record = Record {
            // A billion topics would not fit in memory; the mask only keeps the stance
            // bits apart.
            topic_stance: (self.topics.intern(&claim.topic) & ((1 << STANCE_SHIFT) - 1))
                | (stance_bits(claim.stance) << STANCE_SHIFT),
            path: self.paths.intern(&claim.path),
            text: self.texts.intern(&claim.text),
            span: [to_u32(claim.span.start), to_u32(claim.span.end)],
            sentence: [to_u32(claim.sentence.start), to_u32(claim.sentence.end)],
            line: to_u32(claim.line),
            column: to_u32(claim.column),
            value: self.values.intern(claim.value),
        };
        let id = ClaimId(to_u32(self.records.len()));
        self.records.push(record);
        self.path_ranks = std::sync::OnceLock::new();
        id
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

    /// Frees the lookup tables that adding claims uses (adding more builds them again),
    /// and any room reserved for more claims.
    /// Forgets the claims added after the first `len`: a draft that turns out not to be
    /// needed takes its evidence back. The strings they brought stay in the tables.
    pub fn truncate(&mut self, len: usize) {
        self.records.truncate(len);
    }

    pub fn shrink_to_fit(&mut self) {
        for strings in [&mut self.topics, &mut self.paths, &mut self.texts] {
            strings.index = std::collections::HashMap::new();
            strings.list.shrink_to_fit();
        }
        self.values.by_hash = std::collections::HashMap::new();
        self.values.next_same_hash = Vec::new();
        self.values.list.shrink_to_fit();
        self.records.shrink_to_fit();
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
    fn record(&self) -> &'a Record {
        &self.store.records[self.id.index()]
    }

    pub fn id(&self) -> ClaimId {
        self.id
    }

    /// The same number for claims of the same topic (see [`ClaimStore::topic_id`]).
    pub fn topic_id(&self) -> u32 {
        self.record().topic_stance & ((1 << STANCE_SHIFT) - 1)
    }

    pub fn topic(&self) -> &'a str {
        self.store.topics.get(self.topic_id())
    }

    pub fn value(&self) -> &'a Value {
        &self.store.values.list[self.record().value as usize]
    }

    pub fn stance(&self) -> Stance {
        stance_from_bits(self.record().topic_stance >> STANCE_SHIFT)
    }

    pub fn path(&self) -> &'a str {
        self.store.paths.get(self.record().path)
    }

    /// The same number for claims of the same article path, for grouping claims by
    /// article without comparing strings.
    pub fn path_id(&self) -> u32 {
        self.record().path
    }

    /// The rank of the claim's path among all the store's paths in sorted order, for
    /// ordering claims by path without comparing strings.
    pub fn path_rank(&self) -> u32 {
        self.store.path_ranks()[self.record().path as usize]
    }

    pub fn span(&self) -> Range<usize> {
        let [start, end] = self.record().span;
        start as usize..end as usize
    }

    pub fn line(&self) -> usize {
        self.record().line as usize
    }

    pub fn column(&self) -> usize {
        self.record().column as usize
    }

    pub fn text(&self) -> &'a str {
        self.store.texts.get(self.record().text)
    }

    pub fn sentence(&self) -> Range<usize> {
        let [start, end] = self.record().sentence;
        start as usize..end as usize
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
    fn a_store_serialises_as_the_list_of_its_claims() {
        let claims = vec![claim("a.txt", 0, "x"), claim("b.txt", 5, "y")];
        let store: ClaimStore = claims.iter().cloned().collect();
        assert_eq!(
            serde_json::to_string(&store).expect("serialises"),
            serde_json::to_string(&claims).expect("serialises")
        );
    }

    #[test]
    fn numbers_and_dates_that_differ_only_slightly_stay_distinct_values() {
        use crate::kinds::number::parse_quantity;
        let mut a = claim("a.txt", 0, "x");
        a.value = Value::Number {
            quantity: parse_quantity("60,000").expect("a quantity"),
        };
        let mut b = a.clone();
        b.value = Value::Number {
            quantity: parse_quantity("about 60,000").expect("a quantity"),
        };
        let store: ClaimStore = vec![a.clone(), b.clone(), a.clone()].into_iter().collect();
        assert_eq!(store.values.list.len(), 2);
        assert_eq!(store.to_claims(), vec![a.clone(), b, a]);
    }
}
