//! The text as rules search it: invisible characters (zero-width spaces and joiners, soft
//! hyphens, direction marks) removed and unusual spaces made plain, so that a pattern
//! written with a space matches "didn’t\u{A0}support"; with a map back to the original bytes.

use std::borrow::Cow;
use std::ops::Range;

/// What searching does with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    Keep,
    Replace(char),
    Drop,
}

/// Invisible characters are dropped; the spaces of other widths and the non-breaking
/// ones become a plain space; the Unicode line and paragraph separators become a line
/// break. Quotation marks and apostrophes are left alone: patterns match them with `.`,
/// and quotations are compared as written.
fn fold(c: char) -> Fold {
    match c {
        '\u{00AD}' // soft hyphen
        | '\u{180E}' // Mongolian vowel separator, once a space, now invisible
        | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; direction marks
        | '\u{202A}'..='\u{202E}' // direction embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
        | '\u{2066}'..='\u{2069}' // direction isolates
        | '\u{FEFF}' => Fold::Drop, // zero-width no-break space (a byte order mark inside text)
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
        | '\u{3000}' => Fold::Replace(' '),
        '\u{0085}' | '\u{2028}' | '\u{2029}' => Fold::Replace('\n'),
        _ => Fold::Keep,
    }
}

/// Whether any character of `text` is dropped or replaced. Every such character starts
/// with one of a few lead bytes (C2, E1, E2, E3, EF), which never occur inside another
/// character, so only the characters starting with them are decoded. They are searched
/// in two groups, the common ones (C2, E2, EF) and the rare (E1, E3), and a group's find
/// is kept until passed, so that a text without the rare ones is searched for them once.
fn needs_folding(text: &str) -> bool {
    let bytes = text.as_bytes();
    let common =
        |from: usize| memchr::memchr3(0xC2, 0xE2, 0xEF, &bytes[from..]).map(|at| at + from);
    let rare = |from: usize| memchr::memchr2(0xE1, 0xE3, &bytes[from..]).map(|at| at + from);
    let mut next_common = common(0);
    let mut next_rare = rare(0);
    loop {
        let at = match (next_common, next_rare) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => return false,
        };
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if fold(c) != Fold::Keep {
            return true;
        }
        let after = at + c.len_utf8();
        if next_common == Some(at) {
            next_common = common(after);
        } else {
            next_rare = rare(after);
        }
    }
}

/// Bytes `c` takes in the searchable text.
fn folded_len(c: char) -> usize {
    match fold(c) {
        Fold::Keep => c.len_utf8(),
        Fold::Replace(r) => r.len_utf8(),
        Fold::Drop => 0,
    }
}

/// How far apart checkpoints are, in searchable bytes (and at most four times that in
/// original bytes): mapping an offset walks at most this far from the nearest one.
const CHECKPOINT_EVERY: usize = 64;

/// A text prepared for searching, and the way back to the original.
///
/// Offsets into [`Normalised::as_str`] map to byte offsets in the original text with
/// [`Normalised::to_original`]; the results always lie on character boundaries of the
/// original. Memory beyond the searchable copy is one pair of offsets per
/// [`CHECKPOINT_EVERY`] bytes, and nothing at all when the text needed no change.
#[derive(Clone, Debug)]
pub struct Normalised<'a> {
    original: &'a str,
    text: Cow<'a, str>,
    /// (searchable offset, original offset) at matching character boundaries, in order,
    /// starting with (0, 0); empty when the text is unchanged.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> Normalised<'a> {
    /// Prepares `original` for searching; borrows it when nothing needs to change.
    pub fn new(original: &'a str) -> Normalised<'a> {
        if !needs_folding(original) {
            return Normalised {
                original,
                text: Cow::Borrowed(original),
                checkpoints: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut checkpoints = vec![(0, 0)];
        let mut last = (0, 0);
        for (at, c) in original.char_indices() {
            if text.len() - last.0 >= CHECKPOINT_EVERY || at - last.1 >= 4 * CHECKPOINT_EVERY {
                last = (text.len(), at);
                checkpoints.push(last);
            }
            // No ASCII character is folded.
            let folded = if c.is_ascii() { Fold::Keep } else { fold(c) };
            match folded {
                Fold::Keep => text.push(c),
                Fold::Replace(r) => text.push(r),
                Fold::Drop => {}
            }
        }
        Normalised {
            original,
            text: Cow::Owned(text),
            checkpoints,
        }
    }

    /// The searchable text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the searchable text is the original itself.
    pub fn is_unchanged(&self) -> bool {
        self.checkpoints.is_empty()
    }

    /// The original bytes a range of the searchable text was made from. Invisible
    /// characters at either edge are left out; inside, they are part of the range.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.is_unchanged() {
            return on_char_boundaries(self.original, range);
        }
        let start = self.start_in_original(range.start);
        if range.end <= range.start {
            return start..start;
        }
        start..self.end_in_original(range.end).max(start)
    }

    /// The range of the searchable text made from the original bytes `range`.
    pub fn from_original(&self, range: Range<usize>) -> Range<usize> {
        if self.is_unchanged() {
            return on_char_boundaries(self.original, range);
        }
        let start = self.searchable_offset(range.start);
        start..self.searchable_offset(range.end).max(start)
    }

    /// Where the character at searchable offset `n` starts in the original, past any
    /// invisible characters before it.
    fn start_in_original(&self, n: usize) -> usize {
        let at = self.checkpoints.partition_point(|&(norm, _)| norm <= n);
        let (mut norm, mut orig) = self.checkpoints[at.saturating_sub(1)];
        for c in self.original[orig..].chars() {
            let step = folded_len(c);
            if norm + step > n || (norm == n && step > 0) {
                break;
            }
            norm += step;
            orig += c.len_utf8();
        }
        orig
    }

    /// Where the character just before searchable offset `n` ends in the original,
    /// before any invisible characters after it.
    fn end_in_original(&self, n: usize) -> usize {
        let at = self.checkpoints.partition_point(|&(norm, _)| norm < n);
        let (mut norm, mut orig) = self.checkpoints[at.saturating_sub(1)];
        for c in self.original[orig..].chars() {
            if norm >= n {
                break;
            }
            norm += folded_len(c);
            orig += c.len_utf8();
        }
        orig
    }

    /// The searchable offset of original offset `o` (rounded up to a character boundary).
    fn searchable_offset(&self, o: usize) -> usize {
        let at = self.checkpoints.partition_point(|&(_, orig)| orig <= o);
        let (mut norm, mut orig) = self.checkpoints[at.saturating_sub(1)];
        for c in self.original[orig..].chars() {
            if orig >= o {
                break;
            }
            norm += folded_len(c);
            orig += c.len_utf8();
        }
        norm
    }
}

/// `range` within `text`, widened to whole characters, as the walk of a changed text
/// would give it.
fn on_char_boundaries(text: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut start = range.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters folded, and others that share their first bytes or not.
    const ALPHABET: &[char] = &[
        'a',
        ' ',
        '\n',
        '\u{ad}',
        '\u{a0}',
        '\u{85}',
        '\u{b0}',
        'é',
        '\u{180e}',
        '\u{1680}',
        '\u{1e00}',
        '\u{2000}',
        '\u{200b}',
        '\u{200f}',
        '\u{2010}',
        '“',
        '…',
        '\u{2028}',
        '\u{202a}',
        '\u{202f}',
        '\u{205f}',
        '\u{2064}',
        '\u{2065}',
        '\u{2066}',
        '\u{3000}',
        '\u{3001}',
        '\u{feff}',
        '\u{ff02}',
        '中',
        '\u{1f600}',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn a_text_needs_folding_exactly_when_one_of_its_characters_does(
            chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(
                needs_folding(&text),
                !text.chars().all(|c| fold(c) == Fold::Keep)
            );
        }
    }

    #[test]
    fn no_ascii_character_is_folded() {
        for c in (0u8..=0x7F).map(char::from) {
            assert_eq!(fold(c), Fold::Keep, "{c:?}");
        }
    }

    /// The original text of the searchable range where `needle` is found.
    fn original_of<'a>(normalised: &Normalised<'a>, original: &'a str, needle: &str) -> &'a str {
        let at = normalised
            .as_str()
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in {:?}", normalised.as_str()));
        &original[normalised.to_original(at..at + needle.len())]
    }

    #[test]
    fn plain_text_is_borrowed_and_maps_to_itself() {
        let text = "Legend didn’t support him running.";
        let normalised = Normalised::new(text);
        assert!(normalised.is_unchanged());
        assert_eq!(normalised.as_str(), text);
        assert_eq!(normalised.to_original(3..9), 3..9);
        assert_eq!(normalised.from_original(3..9), 3..9);
    }

    #[test]
    fn zero_width_characters_are_removed_and_spans_keep_them_inside() {
        let text = "I didn’t\u{200B} support him\u{2060} running";
        let normalised = Normalised::new(text);
        assert_eq!(normalised.as_str(), "I didn’t support him running");
        assert_eq!(
            original_of(&normalised, text, "didn’t support him running"),
            "didn’t\u{200B} support him\u{2060} running"
        );
    }

    #[test]
    fn invisible_characters_at_the_edges_are_left_out_of_a_span() {
        let text = "\u{FEFF}\u{200D}West\u{200B}\u{200C}, Legend";
        let normalised = Normalised::new(text);
        assert_eq!(normalised.as_str(), "West, Legend");
        assert_eq!(original_of(&normalised, text, "West"), "West");
        assert_eq!(original_of(&normalised, text, ", Legend"), ", Legend");
    }

    #[test]
    fn non_breaking_and_narrow_spaces_become_plain_spaces() {
        let text = "didn’t\u{00A0}support\u{202F}him";
        let normalised = Normalised::new(text);
        assert_eq!(normalised.as_str(), "didn’t support him");
        assert_eq!(
            original_of(&normalised, text, "t support h"),
            "t\u{00A0}support\u{202F}h"
        );
        assert_eq!(original_of(&normalised, text, " "), "\u{00A0}");
    }

    #[test]
    fn line_and_paragraph_separators_become_line_breaks() {
        let normalised = Normalised::new("one\u{2028}two\u{2029}three");
        assert_eq!(normalised.as_str(), "one\ntwo\nthree");
    }

    #[test]
    fn apostrophes_and_quotation_marks_are_kept_as_written() {
        let text = "“didnʼt” ‘x’ «y» ＂z＂";
        assert!(Normalised::new(text).is_unchanged());
    }

    #[test]
    fn mapping_back_and_forth_agrees_over_long_texts_with_many_edits() {
        let unit = "ab\u{200B}c\u{00A0}d\u{FEFF}\u{FEFF}é ";
        let text = unit.repeat(500);
        let normalised = Normalised::new(&text);
        let searchable = normalised.as_str();
        assert_eq!(searchable, "abc dé ".repeat(500));
        for (at, c) in searchable.char_indices() {
            let original = normalised.to_original(at..at + c.len_utf8());
            let expected = match c {
                ' ' if text[original.clone()].starts_with('\u{00A0}') => "\u{00A0}",
                _ => &searchable[at..at + c.len_utf8()],
            };
            assert_eq!(&text[original.clone()], expected, "at {at}");
            assert_eq!(normalised.from_original(original), at..at + c.len_utf8());
        }
    }

    #[test]
    fn a_long_run_of_invisible_characters_maps_without_losing_the_way() {
        let text = format!("a{}b", "\u{200B}".repeat(10_000));
        let normalised = Normalised::new(&text);
        assert_eq!(normalised.as_str(), "ab");
        assert_eq!(&text[normalised.to_original(1..2)], "b");
        assert_eq!(&text[normalised.to_original(0..1)], "a");
        assert_eq!(normalised.to_original(0..2), 0..text.len());
        assert!(
            normalised.checkpoints.len() > 10,
            "checkpoints inside the run"
        );
    }

    #[test]
    fn empty_and_out_of_range_offsets_do_not_panic() {
        let text = "\u{200B}";
        let normalised = Normalised::new(text);
        assert_eq!(normalised.as_str(), "");
        assert_eq!(normalised.to_original(0..0), 3..3);
        assert_eq!(normalised.to_original(5..9), 3..3);
        assert_eq!(normalised.from_original(0..99), 0..0);
        let plain = Normalised::new("abc");
        assert_eq!(plain.to_original(2..99), 2..3);
        assert_eq!(plain.to_original(7..9), 3..3);
        let accented = Normalised::new("é and “x”");
        assert_eq!(
            accented.to_original(1..9),
            0..10,
            "widened to whole characters"
        );
        assert_eq!(accented.from_original(1..1), 0..2);
    }
}
