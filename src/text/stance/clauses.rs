//! Where a sentence's clauses end, for the reach of stance cues: punctuation, sentence
//! ends, separating words and dashes, and the comma closing a "though" or "while" clause,
//! found in one pass; the patterns read the sentences that pass cannot vouch for.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::sentences::sentence_marks;
use crate::text::words::{Words, folds_to_ascii_letter, word_len};

/// Clause boundaries spelled as words or short sequences; single characters are found by
/// [`punctuation_boundaries`].
static WORD_BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:but|however|although|though|whereas|yet)(?-u:\b)|,\s*(?:and|while)(?-u:\b)|\s[–-]\s|--",
    )
    .unwrap_or_else(|error| panic!("the clause boundary pattern is valid: {error}"))
});

/// A subordinate clause up to its closing comma (a stronger boundary ends it first).
static SUBORDINATE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:though|although|while|whereas)(?-u:\b)[^,;:\n—]*,")
        .unwrap_or_else(|error| panic!("the subordinate clause pattern is valid: {error}"))
});

/// The words [`WORD_BOUNDARY`] takes for clause boundaries on their own, lowercase.
const BOUNDARY_WORDS: &[&[u8]] = &[
    b"but",
    b"however",
    b"although",
    b"though",
    b"whereas",
    b"yet",
];

/// The words after a comma [`WORD_BOUNDARY`] takes for clause boundaries, lowercase.
const AFTER_COMMA: &[&[u8]] = &[b"and", b"while"];

/// The words [`SUBORDINATE_CLAUSE`] opens a clause with, lowercase.
const SUBORDINATING: &[&[u8]] = &[b"though", b"although", b"while", b"whereas"];

/// A sentence's clause boundaries (byte ranges), and the commas that close its
/// subordinate clauses (those opened by "though", "although", "while" or "whereas").
pub(super) fn clauses(sentence: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    match one_pass(sentence) {
        Some(Found {
            punctuation,
            words,
            subordinate,
        }) => {
            let mut boundaries = punctuation;
            boundaries.extend(sentence_marks(sentence));
            boundaries.extend(words);
            (boundaries, subordinate)
        }
        None => (
            clause_boundaries_by_regex(sentence),
            subordinate_clause_ends_by_regex(sentence),
        ),
    }
}

/// Byte ranges of every clause boundary in `sentence`, found with [`WORD_BOUNDARY`].
fn clause_boundaries_by_regex(sentence: &str) -> Vec<Range<usize>> {
    let mut boundaries = punctuation_boundaries(sentence);
    boundaries.extend(sentence_marks(sentence));
    boundaries.extend(WORD_BOUNDARY.find_iter(sentence).map(|found| found.range()));
    boundaries
}

/// The comma that closes each clause opened by "though", "although", "while" or
/// "whereas", found with [`SUBORDINATE_CLAUSE`].
fn subordinate_clause_ends_by_regex(sentence: &str) -> Vec<Range<usize>> {
    // The comma ends every match, so the match's last byte is the comma: no capture
    // groups, which cost a slower engine, need be resolved.
    SUBORDINATE_CLAUSE
        .find_iter(sentence)
        .map(|found| found.end() - 1..found.end())
        .collect()
}

/// `;`, line breaks, em dashes, and `:` unless it sits inside a time or a URL.
fn punctuation_boundaries(sentence: &str) -> Vec<Range<usize>> {
    let mut boundaries = Vec::new();
    let mut chars = sentence.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let is_boundary = match c {
            ';' | '\n' | '—' => true,
            ':' => !chars
                .peek()
                .is_some_and(|&(_, next)| next.is_alphanumeric() || next == '/'),
            _ => false,
        };
        if is_boundary {
            boundaries.push(index..index + c.len_utf8());
        }
    }
    boundaries
}

/// What [`one_pass`] does with a byte.
const OTHER: u8 = 0;
/// An ASCII letter, digit or `_`.
const WORD: u8 = 1;
/// `;` or `:`.
const PUNCTUATION: u8 = 2;
const COMMA: u8 = 3;
const HYPHEN: u8 = 4;
/// ASCII whitespace, or the first byte of other whitespace, of an en or em dash, or of a
/// character that folds to an ASCII letter.
const SPACE_OR_LEAD: u8 = 5;

static BYTES: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'_' {
            WORD
        } else if byte == b';' || byte == b':' {
            PUNCTUATION
        } else if byte == b',' {
            COMMA
        } else if byte == b'-' {
            HYPHEN
        } else if byte.is_ascii_whitespace() || byte == 0x0B {
            SPACE_OR_LEAD
        } else {
            OTHER
        };
        b += 1;
    }
    // U+0085 and U+00A0 (C2), LONG S (C5), U+1680 (E1), U+2000..U+205F, the dashes and
    // KELVIN SIGN (E2), U+3000 (E3).
    table[0xC2] = SPACE_OR_LEAD;
    table[0xC5] = SPACE_OR_LEAD;
    table[0xE1] = SPACE_OR_LEAD;
    table[0xE2] = SPACE_OR_LEAD;
    table[0xE3] = SPACE_OR_LEAD;
    table
};

/// Whether `word` is one of `words` (lowercase), ignoring ASCII case.
fn is_one_of(word: &[u8], words: &[&[u8]]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// For each pair of first and last letters (by their low five bits, the same for both
/// cases), bit `n` set when one of the clause words of `n` bytes that count on their own
/// has them: rules out most words of a sentence in one step. The words after a comma
/// ("and") are read from the comma.
static CLAUSE_WORDS: [[u16; 32]; 32] = {
    let mut table = [[0u16; 32]; 32];
    let lists = [BOUNDARY_WORDS, SUBORDINATING];
    let mut l = 0;
    while l < lists.len() {
        let mut w = 0;
        while w < lists[l].len() {
            let word = lists[l][w];
            table[(word[0] & 31) as usize][(word[word.len() - 1] & 31) as usize] |= 1 << word.len();
            w += 1;
        }
        l += 1;
    }
    table
};

/// Whether `word` may be one of the clause words.
fn may_be_clause_word(word: &[u8]) -> bool {
    let (first, last) = (word[0] & 31, word[word.len() - 1] & 31);
    word.len() < 16 && CLAUSE_WORDS[usize::from(first)][usize::from(last)] & (1 << word.len()) != 0
}

/// What [`one_pass`] finds: [`punctuation_boundaries`], the matches of [`WORD_BOUNDARY`],
/// and the commas the matches of [`SUBORDINATE_CLAUSE`] end with, each in order.
#[derive(Debug, Default)]
struct Found {
    punctuation: Vec<Range<usize>>,
    words: Vec<Range<usize>>,
    subordinate: Vec<Range<usize>>,
}

/// [`Found`] in one pass over `sentence`; `None` when it holds a character that folds to
/// an ASCII letter.
///
/// Each alternative of [`WORD_BOUNDARY`] starts with a different kind of character (a
/// word, a comma, whitespace, `-`) and matches at most one way from there, so its
/// leftmost-first search is: at each character, the alternative that starts with it,
/// and after a match, on from its end. A match of [`SUBORDINATE_CLAUSE`] starts at one
/// of its words and ends at the first comma after it, unless `;`, `:`, a line break or
/// an em dash comes first; its next search starts after the comma.
///
/// Words are found from masks of the sentence's bytes ([`Words`]); the bytes between two
/// words are read one by one, unless they are a single space, which starts nothing.
fn one_pass(sentence: &str) -> Option<Found> {
    let bytes = sentence.as_bytes();
    let mut pass = Pass::default();
    let mut read_to = 0;
    for run in Words::new(bytes) {
        if pass.folds {
            break;
        }
        if !(run.start == read_to + 1 && bytes[read_to] == b' ') {
            pass.between_words(sentence, read_to..run.start);
        }
        pass.word(bytes, run.clone());
        read_to = run.end;
    }
    pass.between_words(sentence, read_to..bytes.len());
    (!pass.folds).then_some(pass.found)
}

/// What [`one_pass`] has found so far, and where each pattern's next search starts.
#[derive(Default)]
struct Pass {
    found: Found,
    /// After the last match of [`WORD_BOUNDARY`]...
    words_from: usize,
    /// ...and of [`SUBORDINATE_CLAUSE`].
    subordinate_from: usize,
    /// Whether a character that folds to an ASCII letter was met.
    folds: bool,
}

impl Pass {
    /// Reads the word `run` of `bytes`.
    #[inline(always)]
    fn word(&mut self, bytes: &[u8], run: Range<usize>) {
        if may_be_clause_word(&bytes[run.clone()]) {
            self.clause_word(bytes, run);
        }
    }

    /// Reads the word `run` of `bytes`, which may be a clause word. Kept out of the loop
    /// over words, which it would otherwise slow down for the many words it never sees.
    #[inline(never)]
    fn clause_word(&mut self, bytes: &[u8], run: Range<usize>) {
        let word = &bytes[run.clone()];
        if run.start >= self.words_from
            && (3..=8).contains(&word.len())
            && is_one_of(word, BOUNDARY_WORDS)
        {
            self.found.words.push(run.clone());
            self.words_from = run.end;
        }
        if run.start >= self.subordinate_from
            && (5..=8).contains(&word.len())
            && is_one_of(word, SUBORDINATING)
            && let Some(comma) = clause_comma(bytes, run.end)
        {
            self.found.subordinate.push(comma..comma + 1);
            self.subordinate_from = comma + 1;
        }
    }

    /// Reads the bytes `between` two words (or a word and an end of the sentence) one
    /// by one.
    #[inline(never)]
    fn between_words(&mut self, sentence: &str, between: Range<usize>) {
        let bytes = sentence.as_bytes();
        let found = &mut self.found;
        for i in between {
            let b = bytes[i];
            match BYTES[usize::from(b)] {
                PUNCTUATION => {
                    let in_time_or_address = b == b':'
                        && sentence[i + 1..]
                            .chars()
                            .next()
                            .is_some_and(|next| next.is_alphanumeric() || next == '/');
                    if !in_time_or_address {
                        found.punctuation.push(i..i + 1);
                    }
                }
                COMMA if i >= self.words_from => {
                    let rest = &sentence[i + 1..];
                    let word = i + 1 + rest.len() - rest.trim_start().len();
                    let end = word + word_len(bytes, word);
                    if is_one_of(&bytes[word..end], AFTER_COMMA) {
                        found.words.push(i..end);
                        self.words_from = end;
                    }
                }
                HYPHEN if i >= self.words_from && bytes.get(i + 1) == Some(&b'-') => {
                    found.words.push(i..i + 2);
                    self.words_from = i + 2;
                }
                SPACE_OR_LEAD => {
                    if b >= 0x80 && folds_to_ascii_letter(bytes, i) {
                        self.folds = true;
                        return;
                    }
                    if b == b'\n' {
                        found.punctuation.push(i..i + 1);
                    } else if b == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x94]) {
                        found.punctuation.push(i..i + 3);
                    }
                    // Whitespace before a dash: `i` starts a character (an ASCII byte or
                    // a lead byte), and the dash is `-` or starts with 0xE2 (`–`).
                    let next = i + match b {
                        0..0x80 => 1,
                        0xC0..0xE0 => 2,
                        _ => 3,
                    };
                    if i >= self.words_from
                        && matches!(bytes.get(next), Some(b'-' | 0xE2))
                        && let Some(end) = dash_between_spaces(sentence, i)
                    {
                        found.words.push(i..end);
                        self.words_from = end;
                    }
                }
                _ => {}
            }
        }
    }
}

/// The end of whitespace, a hyphen or en dash, and whitespace starting at `at`, if they do.
fn dash_between_spaces(sentence: &str, at: usize) -> Option<usize> {
    let mut chars = sentence[at..].char_indices();
    if !chars.next()?.1.is_whitespace() || !matches!(chars.next()?.1, '-' | '–') {
        return None;
    }
    let (last, after) = chars.next()?;
    after.is_whitespace().then(|| at + last + after.len_utf8())
}

/// The first comma from `from` on, unless `;`, `:`, a line break or an em dash comes first.
fn clause_comma(bytes: &[u8], from: usize) -> Option<usize> {
    for (at, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b',' => return Some(at),
            b';' | b':' | b'\n' => return None,
            0xE2 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x94]) => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause words in several cases, the words around them, commas, dashes, every
    /// whitespace the patterns know, and characters that fold to ASCII letters.
    const PIECES: &[&str] = &[
        "but",
        "But",
        "BUT",
        "however",
        "although",
        "Although",
        "though",
        "THOUGH",
        "whereas",
        "yet",
        "and",
        "And",
        "while",
        "While",
        "butter",
        "yeti",
        "thoughts",
        "x",
        "_",
        "2:00",
        "money",
        "Legend",
        ",",
        ", ",
        ",  ",
        ";",
        ":",
        "\n",
        "—",
        "–",
        "-",
        "--",
        "---",
        " - ",
        " – ",
        "\u{a0}",
        "\u{2003}",
        "\t",
        " ",
        "é",
        "東京",
        "ſ",
        "\u{212A}",
        "whereaſ",
        "https://x",
        "’",
        "\"",
    ];

    const SEPARATORS: &[&str] = &[" ", "", ", ", "-", " - ", "\u{a0}", ";"];

    fn sentences() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            (
                proptest::sample::select(PIECES),
                proptest::sample::select(SEPARATORS),
            ),
            0..30,
        )
        .prop_map(|pieces| pieces.into_iter().flat_map(|(p, s)| [p, s]).collect())
    }

    fn by_regex(regex: &Regex, sentence: &str) -> Vec<Range<usize>> {
        regex
            .find_iter(sentence)
            .map(|found| found.range())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        #[test]
        fn one_pass_finds_the_clauses_the_patterns_find(sentence in sentences()) {
            let folds = sentence.contains(['ſ', '\u{212A}']);
            match one_pass(&sentence) {
                Some(found) => {
                    proptest::prop_assert_eq!(found.punctuation, punctuation_boundaries(&sentence));
                    proptest::prop_assert_eq!(found.words, by_regex(&WORD_BOUNDARY, &sentence));
                    proptest::prop_assert_eq!(
                        found.subordinate,
                        subordinate_clause_ends_by_regex(&sentence)
                    );
                }
                None => proptest::prop_assert!(folds),
            }
            proptest::prop_assert_eq!(
                clauses(&sentence),
                (
                    clause_boundaries_by_regex(&sentence),
                    subordinate_clause_ends_by_regex(&sentence)
                )
            );
        }
    }

    #[test]
    fn clause_words_dashes_and_subordinate_commas_are_found() {
        let sentence =
            "Though fans said so, it was false - but, and yet -- whereas: x, y; while a,\nb — c";
        let found = one_pass(sentence).expect("no folding characters");
        let words: Vec<&str> = found.words.into_iter().map(|at| &sentence[at]).collect();
        assert_eq!(
            words,
            ["Though", " - ", "but", ", and", "yet", "--", "whereas"]
        );
        let (first, last) = (
            sentence.find(',').unwrap_or(0),
            sentence.rfind(',').unwrap_or(0),
        );
        assert_eq!(found.subordinate, [first..first + 1, last..last + 1]);
        let punctuation: Vec<&str> = found
            .punctuation
            .into_iter()
            .map(|at| &sentence[at])
            .collect();
        assert_eq!(punctuation, [":", ";", "\n", "—"]);
        assert!(one_pass("it was whereaſ so").is_none());
        assert!(one_pass("whereaſ so, yes").is_none());
        assert_eq!(
            clauses("whereaſ so, yes").1,
            subordinate_clause_ends_by_regex("whereaſ so, yes")
        );
    }

    #[test]
    fn a_colon_inside_a_time_or_address_is_no_boundary() {
        let sentence = "At 2:00 see https://x; then: go—now";
        let found: Vec<&str> = punctuation_boundaries(sentence)
            .into_iter()
            .map(|found| &sentence[found])
            .collect();
        assert_eq!(found, [";", ":", "—"]);
    }
}
