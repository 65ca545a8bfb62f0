//! Which date readers can have anything to read in a sentence, said from its words in
//! one pass: every reader's pattern needs certain whole words (a month name, "ago", a
//! number of four digits), and most sentences have none of them.

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::words::{Words, folds_to_ascii_letter};

/// Words and numbers the readers' patterns need, as bits.
pub(super) type Features = u16;

/// A number of exactly four digits: "2018".
pub(super) const YEAR_NUMBER: Features = 1;
/// A four-digit number followed by `-`: the start of "2022-09-08".
pub(super) const ISO_START: Features = 1 << 1;
/// One or two digits, perhaps with an ordinal suffix: "4", "04", "4th".
pub(super) const DAY_NUMBER: Features = 1 << 2;
/// A month name as prose writes it, full or abbreviated: "November", "Nov", "Sept".
pub(super) const MONTH_NAME: Features = 1 << 3;
/// "Monday" ... "Sunday".
pub(super) const WEEKDAY_NAME: Features = 1 << 4;
/// "year", in any case.
pub(super) const YEAR_WORD: Features = 1 << 5;
/// "year", "month" or "week", in any case.
pub(super) const UNIT_WORD: Features = 1 << 6;
/// "last", "this" or "next", in any case.
pub(super) const RELATIVE_WORD: Features = 1 << 7;
/// "past", in any case.
pub(super) const PAST_WORD: Features = 1 << 8;
/// "previous", "prior" or "preceding", in any case.
pub(super) const PREVIOUS_WORD: Features = 1 << 9;
/// "yesterday", "today", "tomorrow", "tonight" or "night", in any case.
pub(super) const DAY_WORD: Features = 1 << 10;
/// "ago", in any case.
pub(super) const AGO_WORD: Features = 1 << 11;

/// The month names the readers' month pattern accepts, as written (case matters).
const MONTHS: [&[u8]; 24] = [
    b"January",
    b"February",
    b"March",
    b"April",
    b"May",
    b"June",
    b"July",
    b"August",
    b"September",
    b"October",
    b"November",
    b"December",
    b"Jan",
    b"Feb",
    b"Mar",
    b"Apr",
    b"Jun",
    b"Jul",
    b"Aug",
    b"Sept",
    b"Sep",
    b"Oct",
    b"Nov",
    b"Dec",
];

const WEEKDAYS: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];

/// Words matched in any case, lowercase, with what each gives.
const ANY_CASE: [(&[u8], Features); 16] = [
    (b"year", YEAR_WORD | UNIT_WORD),
    (b"month", UNIT_WORD),
    (b"week", UNIT_WORD),
    (b"last", RELATIVE_WORD),
    (b"this", RELATIVE_WORD),
    (b"next", RELATIVE_WORD),
    (b"past", PAST_WORD),
    (b"previous", PREVIOUS_WORD),
    (b"prior", PREVIOUS_WORD),
    (b"preceding", PREVIOUS_WORD),
    (b"yesterday", DAY_WORD),
    (b"today", DAY_WORD),
    (b"tomorrow", DAY_WORD),
    (b"tonight", DAY_WORD),
    (b"night", DAY_WORD),
    (b"ago", AGO_WORD),
];

/// Longest word [`features`] looks up: "September", "yesterday", "preceding".
const LONGEST: usize = 9;

/// A word of up to [`LONGEST`] bytes as numbers, to compare in a step or two: its
/// length, its first eight bytes and its ninth.
type Key = (usize, u64, u8);

/// The key of `word` as written.
fn written(word: &[u8]) -> Key {
    let mut first = [0u8; 8];
    let head = word.len().min(8);
    first[..head].copy_from_slice(&word[..head]);
    (
        word.len(),
        u64::from_le_bytes(first),
        word.get(8).copied().unwrap_or(0),
    )
}

/// The key of `word` (ASCII word characters) with its letters lowercase. It sets the
/// lowercase bit of every byte: digits stay, `_` becomes 0x7F, so a word that differs
/// other than in the case of letters still differs.
fn lowercase((len, first, ninth): Key) -> Key {
    let bits = 0x2020_2020_2020_2020u64 & (u64::MAX >> (8 * (8 - len.min(8))));
    let ninth = if len > 8 { ninth | 0x20 } else { 0 };
    (len, first | bits, ninth)
}

/// A word [`features`] looks up, by its lowercase key: the features it gives in any case,
/// and those it gives only written as `as_written` (month and weekday names).
struct Entry {
    any_case: Features,
    as_written: Option<(Key, Features)>,
}

/// Slots of [`WORDS`]: a power of two, several times the number of words, so that a
/// word is found (or found missing) at its first slot or the next.
const SLOTS: usize = 256;

/// The slot a key is looked for from.
fn slot((len, first, ninth): Key) -> usize {
    let mixed = (first ^ (u64::from(ninth) << 8) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 56) as usize % SLOTS
}

/// Every word looked up, by lowercase key, in an open-addressed table.
static WORDS: LazyLock<Vec<Option<(Key, Entry)>>> = LazyLock::new(|| {
    let mut words: Vec<(Key, Entry)> = Vec::new();
    let named = MONTHS
        .iter()
        .map(|name| (*name, MONTH_NAME))
        .chain(WEEKDAYS.iter().map(|name| (*name, WEEKDAY_NAME)));
    for (name, given) in named {
        let key = written(name);
        words.push((
            lowercase(key),
            Entry {
                any_case: 0,
                as_written: Some((key, given)),
            },
        ));
    }
    for (word, given) in ANY_CASE {
        let key = lowercase(written(word));
        // No month or weekday name is also a word matched in any case.
        assert!(
            words.iter().all(|(k, _)| *k != key),
            "date words are listed once"
        );
        words.push((
            key,
            Entry {
                any_case: given,
                as_written: None,
            },
        ));
    }
    let mut table: Vec<Option<(Key, Entry)>> = (0..SLOTS).map(|_| None).collect();
    for (key, entry) in words {
        let mut at = slot(key);
        while table[at].is_some() {
            at = (at + 1) % SLOTS;
        }
        table[at] = Some((key, entry));
    }
    table
});

/// For each pair of first and last letters (lowercase, by their low five bits), bit `n`
/// set when a word of `n` bytes starting and ending with them is looked up: rules out
/// most words of a sentence in one step.
static LOOKED_UP: LazyLock<[[u16; 32]; 32]> = LazyLock::new(|| {
    let mut table = [[0u16; 32]; 32];
    let names = MONTHS.iter().chain(&WEEKDAYS).copied();
    for word in names.chain(ANY_CASE.iter().map(|(word, _)| *word)) {
        let (first, last) = (word[0], word[word.len() - 1]);
        table[usize::from(first & 31)][usize::from(last & 31)] |= 1 << word.len();
    }
    table
});

/// How many words of each kind [`Spots`] lists: more than most sentences hold.
const SPOTS: usize = 8;

/// Where a sentence's month names, four-digit numbers and "last", "this" and "next" are,
/// found by [`features`] on its pass over the words, so that the readers that start from
/// them need not look again.
#[derive(Clone, Debug, Default)]
pub(super) struct Spots {
    months: Listed,
    years: Listed,
    relative: Listed,
}

impl Spots {
    /// The words written exactly as a month name, in order; `None` when there were more
    /// than [`SPOTS`].
    pub(super) fn months(&self) -> Option<&[Range<usize>]> {
        self.months.all()
    }

    /// The words of exactly four ASCII digits, in order; `None` when there were more than
    /// [`SPOTS`].
    pub(super) fn years(&self) -> Option<&[Range<usize>]> {
        self.years.all()
    }

    /// The words "last", "this" and "next" in any case, in order; `None` when there were
    /// more than [`SPOTS`].
    pub(super) fn relative(&self) -> Option<&[Range<usize>]> {
        self.relative.all()
    }
}

/// Up to [`SPOTS`] words, and how many there were in all.
#[derive(Clone, Debug, Default)]
struct Listed {
    words: [Range<usize>; SPOTS],
    count: usize,
}

impl Listed {
    fn push(&mut self, word: Range<usize>) {
        if let Some(slot) = self.words.get_mut(self.count) {
            *slot = word;
        }
        self.count = self.count.saturating_add(1);
    }

    fn all(&self) -> Option<&[Range<usize>]> {
        self.words.get(..self.count)
    }
}

/// The features of `text`'s words, or `None` when `text` holds a character that
/// case-insensitive matching takes for an ASCII letter (KELVIN SIGN, LATIN SMALL LETTER
/// LONG S), which only the patterns themselves read as written.
///
/// A word here is a run of ASCII letters, digits and `_`, which is what the patterns'
/// ASCII word boundaries delimit: every word a pattern needs stands between boundaries
/// or whitespace in it, so it is a whole run. The month names and four-digit numbers
/// among them are listed in `spots` on the way.
pub(super) fn features(text: &str, spots: &mut Spots) -> Option<Features> {
    let bytes = text.as_bytes();
    // The characters that may fold are looked for first, so that the words need not ask.
    if memchr::memchr2_iter(0xC5, 0xE2, bytes).any(|at| folds_to_ascii_letter(bytes, at)) {
        return None;
    }
    let looked_up = &*LOOKED_UP;
    let mut found: Features = 0;
    for Range { start, end } in Words::new(bytes) {
        let word = &bytes[start..end];
        let first = word[0];
        if first.is_ascii_digit() {
            let number = number_features(word, bytes.get(end).copied());
            if number & YEAR_NUMBER != 0 {
                spots.years.push(start..end);
            }
            found |= number;
        } else if word.len() <= LONGEST
            && looked_up[usize::from(first & 31)][usize::from(word[word.len() - 1] & 31)]
                & (1 << word.len())
                != 0
        {
            let given = word_features(word);
            if given & MONTH_NAME != 0 {
                spots.months.push(start..end);
            }
            if given & RELATIVE_WORD != 0 {
                spots.relative.push(start..end);
            }
            found |= given;
        }
    }
    Some(found)
}

/// The features of a word that starts with a letter or `_`.
fn word_features(word: &[u8]) -> Features {
    let key = written(word);
    let lower = lowercase(key);
    let words = &*WORDS;
    let mut at = slot(lower);
    while let Some((found, entry)) = &words[at] {
        if *found == lower {
            let named = entry
                .as_written
                .filter(|(as_written, _)| *as_written == key)
                .map_or(0, |(_, given)| given);
            return entry.any_case | named;
        }
        at = (at + 1) % SLOTS;
    }
    0
}

/// The features of a word that starts with a digit, `next` being the byte after it.
fn number_features(word: &[u8], next: Option<u8>) -> Features {
    let digits = word.iter().take_while(|b| b.is_ascii_digit()).count();
    let suffix = &word[digits..];
    let mut features = 0;
    if digits == 4 && suffix.is_empty() {
        features |= YEAR_NUMBER;
        if next == Some(b'-') {
            features |= ISO_START;
        }
    }
    if digits <= 2 && matches!(suffix, b"" | b"st" | b"nd" | b"rd" | b"th") {
        features |= DAY_NUMBER;
    }
    features
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_give_their_features_whole_and_as_written() {
        let cases: &[(&str, Features)] = &[
            ("2018", YEAR_NUMBER),
            ("2018-09-08", YEAR_NUMBER | ISO_START | DAY_NUMBER),
            ("4th of July", DAY_NUMBER | MONTH_NAME),
            ("04 Sept", DAY_NUMBER | MONTH_NAME),
            ("20180 123 4x 1st2", 0),
            ("Wednesday yesterday", WEEKDAY_NAME | DAY_WORD),
            ("LAST Year", RELATIVE_WORD | YEAR_WORD | UNIT_WORD),
            ("the Previous WEEK", PREVIOUS_WORD | UNIT_WORD),
            ("this past month", RELATIVE_WORD | PAST_WORD | UNIT_WORD),
            ("two days ago", AGO_WORD),
            ("Tonight, last night", DAY_WORD | RELATIVE_WORD),
            ("november monday years weeks nights Mayday Junes", 0),
            ("Mays_ _year year_ yearly", 0),
            ("é2018 東京November", YEAR_NUMBER | MONTH_NAME),
        ];
        for &(text, expected) in cases {
            assert_eq!(
                features(text, &mut Spots::default()),
                Some(expected),
                "{text:?}"
            );
        }
    }

    #[test]
    fn characters_that_fold_to_ascii_letters_leave_the_sentence_to_the_patterns() {
        assert_eq!(features("laſt year", &mut Spots::default()), None);
        assert_eq!(features("last wee\u{212A}", &mut Spots::default()), None);
        assert_eq!(features("é’—", &mut Spots::default()), Some(0));
    }
}
