//! Cue phrases matched word by word over a sentence, without a regex: each phrase gets
//! exactly the matches its own regex finds with `find_iter`. Phrases and sentences the
//! word-by-word reading cannot vouch for are left to the regexes.

use std::ops::Range;

use super::is_apostrophe;
use crate::text::eight_bytes::{each, eight_at};
use crate::text::words::{Words, folds_to_ascii_letter, is_word_byte, word_len};

/// One step of a cue phrase, as [`super::phrase_pattern`] compiles it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// ASCII word characters (letters, digits, `_`), lowercase; matched ignoring case.
    Word(Box<[u8]>),
    /// A run of whitespace (`\s+`).
    Space,
    /// One of the characters that stand for an apostrophe.
    Apostrophe,
    /// An ASCII character that is neither a word character nor whitespace, as written.
    Byte(u8),
}

#[derive(Clone, Debug)]
struct Phrase {
    tokens: Vec<Token>,
    /// The phrase ends with a word character, so a word boundary must follow it.
    bounded_end: bool,
    /// For a phrase that goes on from its first word (or ASCII character) through
    /// whitespace to a second word: that word's [`WordKey`]. The word after whitespace in
    /// the text, computed once, rules out most of the phrases that start alike.
    second: Option<WordKey>,
}

/// A word (ASCII word characters only) by its length and first eight bytes, letters
/// lowercase, packed: equal for words equal ignoring case, and for no others up to eight
/// bytes.
type WordKey = (usize, u64);

fn word_key(word: &[u8]) -> WordKey {
    let mut packed = [0u8; 8];
    for (to, from) in packed.iter_mut().zip(word) {
        // Sets the lowercase bit: letters become lowercase and digits stay; `_` becomes
        // 0x7F, which is no word character, so no two words share a key.
        *to = from | 0x20;
    }
    (word.len(), u64::from_le_bytes(packed))
}

/// The slot of a table of `slots` (a power of two) a key is looked for from.
fn slot((len, first): WordKey, slots: usize) -> usize {
    let mixed = (first ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize & (slots - 1)
}

/// What [`PhraseMatcher::find_all`] needs to know about a byte of the text.
const WORD: u8 = 1;
/// The byte may start one of [`PhraseMatcher::others`].
const OTHER_START: u8 = 2;
/// The byte may start a character that case-folds to an ASCII letter.
const FOLD_START: u8 = 4;

/// A first word of phrases: its key, the word itself, and the phrases that start with it.
#[derive(Clone, Debug)]
struct FirstWord {
    key: WordKey,
    word: Box<[u8]>,
    /// The phrases without a [`Phrase::second`] word, by index.
    alone: Vec<usize>,
    /// The others by their second word, sorted by its key: the word after whitespace in
    /// the text, read once, finds the few worth trying among the dozens that may start
    /// with a common word.
    by_second: Vec<(WordKey, Vec<usize>)>,
}

/// A list of cue phrases compiled for [`PhraseMatcher::find_all`].
#[derive(Clone, Debug)]
pub(super) struct PhraseMatcher {
    phrases: Vec<Phrase>,
    /// Phrases that start with a word, by that word (its key, then itself), in an
    /// open-addressed table of a power of two slots, at least twice as many as words.
    by_first_word: Vec<Option<FirstWord>>,
    /// For each pair of first and last bytes of a word (by their low five bits, the same
    /// for both cases of a letter), bit `n` is set when some first word of `n` bytes has
    /// them: most words of a sentence are ruled out with one lookup.
    first_word_lengths: [[u64; 32]; 32],
    /// Phrases tried at every character that can start them.
    others: Vec<usize>,
    /// [`WORD`], [`OTHER_START`] and [`FOLD_START`] of each byte.
    bytes: [u8; 256],
    /// The bytes other than word characters that are [`OTHER_START`] or [`FOLD_START`],
    /// when there are no more than three of them (repeated to make three): they are then
    /// found with `memchr3`, which passes over the bytes between them many at a time.
    rare: Option<[u8; 3]>,
}

/// The tokens of `phrase`, or `None` when it holds a character the word-by-word pass
/// does not match as the regex does: a non-ASCII one other than whitespace and
/// apostrophes (it may have case variants, or need Unicode word boundaries).
fn tokens(phrase: &str) -> Option<Phrase> {
    let trimmed = phrase.trim();
    let mut tokens: Vec<Token> = Vec::new();
    let mut word: Vec<u8> = Vec::new();
    for c in trimmed.chars() {
        if c.is_ascii() && is_word_byte(c as u8) {
            word.push((c as u8).to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            tokens.push(Token::Word(std::mem::take(&mut word).into_boxed_slice()));
        }
        if c.is_whitespace() {
            if tokens.last() != Some(&Token::Space) {
                tokens.push(Token::Space);
            }
        } else if is_apostrophe(c) {
            tokens.push(Token::Apostrophe);
        } else if c.is_ascii() {
            tokens.push(Token::Byte(c as u8));
        } else {
            return None;
        }
    }
    if !word.is_empty() {
        tokens.push(Token::Word(word.into_boxed_slice()));
    }
    let bounded_end = matches!(tokens.last(), Some(Token::Word(_)));
    let second = match tokens.get(..3) {
        Some(
            [
                Token::Word(_) | Token::Byte(_),
                Token::Space,
                Token::Word(second),
            ],
        ) => Some(word_key(second)),
        _ => None,
    };
    (!tokens.is_empty()).then_some(Phrase {
        tokens,
        bounded_end,
        second,
    })
}

impl PhraseMatcher {
    /// A matcher for `phrases` (in order), or `None` when one of them is beyond it.
    pub(super) fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Option<PhraseMatcher> {
        let phrases: Vec<Phrase> = phrases.into_iter().map(tokens).collect::<Option<_>>()?;
        let mut first_words: Vec<FirstWord> = Vec::new();
        let mut first_word_lengths = [[0u64; 32]; 32];
        let mut others = Vec::new();
        let mut bytes = [0u8; 256];
        for b in 0..=255u8 {
            if is_word_byte(b) {
                bytes[usize::from(b)] |= WORD;
            }
        }
        bytes[0xC5] |= FOLD_START;
        bytes[0xE2] |= FOLD_START;
        for (index, phrase) in phrases.iter().enumerate() {
            match &phrase.tokens[0] {
                Token::Word(word) if word.len() < 64 => {
                    let (first, last) = (word[0] & 31, word[word.len() - 1] & 31);
                    first_word_lengths[usize::from(first)][usize::from(last)] |= 1 << word.len();
                    let at = match first_words.iter().position(|w| w.word == *word) {
                        Some(at) => at,
                        None => {
                            first_words.push(FirstWord {
                                key: word_key(word),
                                word: word.clone(),
                                alone: Vec::new(),
                                by_second: Vec::new(),
                            });
                            first_words.len() - 1
                        }
                    };
                    let first = &mut first_words[at];
                    match phrase.second {
                        None => first.alone.push(index),
                        Some(second) => {
                            match first.by_second.binary_search_by_key(&second, |(k, _)| *k) {
                                Ok(at) => first.by_second[at].1.push(index),
                                Err(at) => first.by_second.insert(at, (second, vec![index])),
                            }
                        }
                    }
                }
                first => {
                    others.push(index);
                    let starts: Vec<u8> = match first {
                        Token::Word(word) => {
                            vec![word[0], word[0].to_ascii_uppercase()]
                        }
                        Token::Byte(b) => vec![*b],
                        Token::Apostrophe => APOSTROPHE_STARTS.to_vec(),
                        Token::Space => Vec::new(),
                    };
                    for b in starts {
                        bytes[usize::from(b)] |= OTHER_START;
                    }
                }
            }
        }
        let rare: Vec<u8> = (0..=255u8)
            .filter(|&b| {
                let kind = bytes[usize::from(b)];
                kind & WORD == 0 && kind & (OTHER_START | FOLD_START) != 0
            })
            .collect();
        let rare = match rare[..] {
            [a] => Some([a; 3]),
            [a, b] => Some([a, b, b]),
            [a, b, c] => Some([a, b, c]),
            _ => None,
        };
        let slots = (first_words.len() * 2).next_power_of_two().max(1);
        let mut by_first_word: Vec<Option<FirstWord>> = (0..slots).map(|_| None).collect();
        for entry in first_words {
            let mut at = slot(entry.key, slots);
            while by_first_word[at].is_some() {
                at = (at + 1) % slots;
            }
            by_first_word[at] = Some(entry);
        }
        Some(PhraseMatcher {
            phrases,
            by_first_word,
            first_word_lengths,
            others,
            bytes,
            rare,
        })
    }

    /// Appends to `out` every match in `text` of every phrase, as (phrase index, range):
    /// for each phrase, the matches its regex's `find_iter` gives, in order of position.
    /// False (with `out` in any state) when `text` holds a character that case-folds to an
    /// ASCII letter, which only the regexes match as written.
    ///
    /// Two passes: one over the bytes that may start a phrase not looked up by its first
    /// word, or a character that folds, and one over the words. A phrase is tried in one
    /// of them only, from left to right, so each phrase's matches come in order.
    pub(super) fn find_all(&self, text: &str, out: &mut Vec<(usize, Range<usize>)>) -> bool {
        let bytes = text.as_bytes();
        match self.rare {
            Some([a, b, c]) => {
                for at in memchr::memchr3_iter(a, b, c, bytes) {
                    if !self.other_at(text, at, out) {
                        return false;
                    }
                }
            }
            None => {
                for (at, &b) in bytes.iter().enumerate() {
                    let kind = self.bytes[usize::from(b)];
                    if kind & WORD == 0
                        && kind & (OTHER_START | FOLD_START) != 0
                        && !self.other_at(text, at, out)
                    {
                        return false;
                    }
                }
            }
        }
        for run in Words::new(bytes) {
            self.word_at(text, run, out);
        }
        true
    }

    /// Tries the phrases that start with the word `run` of `text`.
    #[inline(always)]
    fn word_at(&self, text: &str, run: Range<usize>, out: &mut Vec<(usize, Range<usize>)>) {
        let bytes = text.as_bytes();
        let (first, last) = (bytes[run.start], bytes[run.end - 1]);
        let len = run.len();
        if len < 64
            && self.first_word_lengths[usize::from(first & 31)][usize::from(last & 31)] & (1 << len)
                != 0
        {
            self.words_at(text, run.clone(), out);
        }
        if self.bytes[usize::from(first)] & OTHER_START != 0 {
            self.others_at(text, run.start, out);
        }
    }

    /// Tries the phrases not looked up by their first word at `at`, a byte other than a
    /// word character; false when a character that folds to an ASCII letter starts there.
    fn other_at(&self, text: &str, at: usize, out: &mut Vec<(usize, Range<usize>)>) -> bool {
        let bytes = text.as_bytes();
        let kind = self.bytes[usize::from(bytes[at])];
        if kind & FOLD_START != 0 && folds_to_ascii_letter(bytes, at) {
            return false;
        }
        // A continuation byte never starts a phrase or a folding character, so `at` is
        // a character start here.
        if kind & OTHER_START != 0 {
            self.others_at(text, at, out);
        }
        true
    }

    /// Tries the phrases that start with the word `run` of `text`, which
    /// [`PhraseMatcher::first_word_lengths`] has not ruled out. Kept out of the loop over
    /// words, which it would otherwise slow down for the many words it never sees.
    #[inline(never)]
    fn words_at(&self, text: &str, run: Range<usize>, out: &mut Vec<(usize, Range<usize>)>) {
        let bytes = text.as_bytes();
        let len = run.len();
        let word = &bytes[run.clone()];
        let key = key_at(bytes, run.start, len);
        let slots = self.by_first_word.len();
        let mut at = slot(key, slots);
        let first = loop {
            let Some(first) = &self.by_first_word[at] else {
                return;
            };
            // Words of more than eight bytes may share a key.
            if first.key == key && (len <= 8 || word.eq_ignore_ascii_case(&first.word)) {
                break first;
            }
            at = (at + 1) % slots;
        };
        let paired = match first.by_second.as_slice() {
            [] => None,
            by_second => word_after_space(text, run.end).and_then(|next| {
                by_second
                    .binary_search_by_key(&next, |(k, _)| *k)
                    .ok()
                    .map(|at| &by_second[at].1)
            }),
        };
        for &index in first.alone.iter().chain(paired.into_iter().flatten()) {
            let phrase = &self.phrases[index];
            if let Some(end) = rest_matches(phrase, &phrase.tokens[1..], text, run.end) {
                push(out, index, run.start..end);
            }
        }
    }

    /// Tries the phrases that are not looked up by their first word at `start`.
    fn others_at(&self, text: &str, start: usize, out: &mut Vec<(usize, Range<usize>)>) {
        let bytes = text.as_bytes();
        // The word after whitespace after the first token, by where it is looked for.
        let mut next_word: Option<(usize, Option<WordKey>)> = None;
        for &index in &self.others {
            let phrase = &self.phrases[index];
            let first_len = match &phrase.tokens[0] {
                Token::Word(word) => {
                    if start > 0 && is_word_byte(bytes[start - 1]) {
                        continue;
                    }
                    word.len()
                }
                Token::Byte(b) => {
                    if bytes[start] != *b {
                        continue;
                    }
                    1
                }
                Token::Space | Token::Apostrophe => 0,
            };
            if let Some(second) = phrase.second {
                let at = start + first_len;
                let next = match next_word {
                    Some((from, key)) if from == at => key,
                    _ => {
                        let key = word_after_space(text, at);
                        next_word = Some((at, key));
                        key
                    }
                };
                if next != Some(second) {
                    continue;
                }
            }
            if let Some(end) = rest_matches(phrase, &phrase.tokens, text, start) {
                push(out, index, start..end);
            }
        }
    }
}

/// The key of the word that follows whitespace at `at`, if whitespace and a word follow.
#[inline(always)]
fn word_after_space(text: &str, at: usize) -> Option<WordKey> {
    let start = after_space(text, at)?;
    let bytes = text.as_bytes();
    let len = word_len(bytes, start);
    (len > 0).then(|| key_at(bytes, start, len))
}

/// [`word_key`] of the word of `len` bytes at `start`, read eight bytes at once where
/// the text goes on that far.
#[inline(always)]
fn key_at(bytes: &[u8], start: usize, len: usize) -> WordKey {
    match eight_at(bytes, start) {
        Some(chunk) => {
            let kept = if len >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * len)) - 1
            };
            (len, (chunk | each(0x20)) & kept)
        }
        None => word_key(&bytes[start..start + len]),
    }
}

/// Where the whitespace that starts at `at` ends, if any starts there.
#[inline(always)]
fn after_space(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most whitespace is one ASCII space before a word.
    if bytes.get(at) == Some(&b' ') && bytes.get(at + 1).is_some_and(|&b| is_word_byte(b)) {
        return Some(at + 1);
    }
    let rest = text.get(at..)?;
    let taken = rest.len() - rest.trim_start().len();
    (taken > 0).then_some(at + taken)
}

/// The first bytes of the characters [`is_apostrophe`] accepts.
const APOSTROPHE_STARTS: [u8; 6] = [b'\'', b'`', 0xE2, 0xCA, 0xC2, 0xEF];

/// Records a match of phrase `index` unless it overlaps that phrase's previous match:
/// `find_iter` resumes after a match, and from each start a phrase has one match at most.
fn push(out: &mut Vec<(usize, Range<usize>)>, index: usize, at: Range<usize>) {
    let clear = out
        .iter()
        .rev()
        .find(|(other, _)| *other == index)
        .is_none_or(|(_, previous)| previous.end <= at.start);
    if clear {
        out.push((index, at));
    }
}

/// Where `tokens` (the rest of `phrase`) end when they match `text` from `at`. Every token
/// matches at most one way: a whitespace run is always followed by something else, so
/// it takes all the whitespace there is.
fn rest_matches(phrase: &Phrase, tokens: &[Token], text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    for token in tokens {
        match token {
            Token::Word(word) => {
                let end = at + word.len();
                if !bytes.get(at..end)?.eq_ignore_ascii_case(word) {
                    return None;
                }
                at = end;
            }
            Token::Byte(b) => {
                if bytes.get(at) != Some(b) {
                    return None;
                }
                at += 1;
            }
            Token::Space => at = after_space(text, at)?,
            Token::Apostrophe => {
                let c = text.get(at..)?.chars().next()?;
                if !is_apostrophe(c) {
                    return None;
                }
                at += c.len_utf8();
            }
        }
    }
    if phrase.bounded_end && bytes.get(at).is_some_and(|&b| is_word_byte(b)) {
        return None;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophe_starts_are_the_first_bytes_of_every_apostrophe() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_apostrophe(c))
        {
            let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(APOSTROPHE_STARTS.contains(&first), "{c:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn words_read_eight_bytes_at_a_time_are_those_read_byte_by_byte(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"09/:azAZ@[`{_^ \n\x7f\x80\xc5\xe2".as_slice()),
                    proptest::prelude::any::<u8>(),
                ],
                0..300,
            )
        ) {
            for run in Words::new(&bytes) {
                let word = &bytes[run.clone()];
                proptest::prop_assert_eq!(key_at(&bytes, run.start, word.len()), word_key(word));
            }
        }
    }

    #[test]
    fn the_shipped_cues_find_their_rare_bytes_with_memchr_and_longer_lists_byte_by_byte() {
        let shipped: Vec<String> = super::super::StanceCues::builtin_cues()
            .into_iter()
            .map(|cue| cue.phrase)
            .collect();
        let matcher = PhraseMatcher::new(shipped.iter().map(String::as_str))
            .expect("the shipped cues are ASCII");
        assert!(matcher.rare.is_some());
        let more =
            PhraseMatcher::new(["is false", "(unverified)", "'tis said"]).expect("ASCII phrases");
        assert!(more.rare.is_none());
    }

    #[test]
    fn phrases_with_other_non_ascii_characters_are_left_to_the_regexes() {
        assert!(PhraseMatcher::new(["is false", "wasn’t about", ", reportedly"]).is_some());
        assert!(PhraseMatcher::new(["is false", "réfuté"]).is_none());
        assert!(PhraseMatcher::new(["\u{212A}nown"]).is_none());
    }

    #[test]
    fn a_sentence_with_a_letter_that_folds_to_ascii_is_left_to_the_regexes() {
        let matcher = PhraseMatcher::new(["is false"]).expect("an ASCII phrase");
        let mut out = Vec::new();
        assert!(matcher.find_all("it is false", &mut out));
        assert_eq!(out, vec![(0, 3..11)]);
        assert!(!matcher.find_all("it iſ false", &mut Vec::new()));
        assert!(!matcher.find_all("a \u{212A} is false", &mut Vec::new()));
    }
}
