//! The runs of ASCII word characters (letters, digits, `_`) in a text, which the stance
//! cues, the clauses around them and the date readers are read in: found from a mask of
//! which of the text's bytes are word characters, sixteen bytes compared at once.

use std::ops::Range;

use crate::text::eight_bytes::{HIGH, at_least, each, eight_at};

/// Whether `b` is an ASCII word character: a letter, a digit or `_`.
#[inline(always)]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a character that case-insensitive matching takes for an ASCII letter starts
/// at `at`: KELVIN SIGN (`k`) or LATIN SMALL LETTER LONG S (`s`). Words are read here as
/// runs of ASCII bytes, so a text with one is left to the regexes.
pub(crate) fn folds_to_ascii_letter(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(0xC5) => bytes.get(at + 1) == Some(&0xBF),
        Some(0xE2) => bytes.get(at + 1..at + 3) == Some(&[0x84, 0xAA]),
        _ => false,
    }
}

/// The ASCII word characters among the eight bytes of `chunk`: the high bit of each byte
/// of the result is set where that byte is one. Each byte is masked to seven bits first,
/// so that no sum below carries into the next byte.
#[inline]
fn word_bytes(chunk: u64) -> u64 {
    let low = chunk & !HIGH;
    let lower = low | each(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let underscore = !((low ^ each(b'_')) + each(0x7F));
    (letter | digit | underscore) & !chunk & HIGH
}

/// The length of the run of ASCII word characters that starts at `start`, read eight
/// bytes at a time: for one word, where [`Words`] reads a whole text.
#[inline(always)]
pub(crate) fn word_len(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while let Some(chunk) = eight_at(bytes, end) {
        let run = (!word_bytes(chunk) & HIGH).trailing_zeros() as usize / 8;
        end += run;
        if run < 8 {
            return end - start;
        }
    }
    while end < bytes.len() && is_word_byte(bytes[end]) {
        end += 1;
    }
    end - start
}

/// Bit `k` set where byte `k` of `sixteen` is an ASCII word character, sixteen bytes
/// compared at once with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn word_bits(sixteen: [u8; 16]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    /// The bytes of `v` from `from` to `to`, as signed bytes: those of 0x80 and up are
    /// negative, and so in no range of ASCII bytes.
    #[inline(always)]
    fn between(v: __m128i, from: u8, to: u8) -> __m128i {
        // SAFETY: SSE2 is part of x86-64.
        unsafe {
            _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8((from - 1) as i8)),
                _mm_cmpgt_epi8(_mm_set1_epi8((to + 1) as i8), v),
            )
        }
    }
    // SAFETY: SSE2 is part of x86-64, and the load reads the sixteen bytes of `sixteen`,
    // with no alignment required.
    unsafe {
        let v = _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>());
        // With the lowercase bit set, the letters are exactly the bytes from `a` to `z`.
        let letters = between(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        let digits = between(v, b'0', b'9');
        let underscores = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let words = _mm_or_si128(_mm_or_si128(letters, digits), underscores);
        u64::from(_mm_movemask_epi8(words) as u16)
    }
}

/// [`word_bits`] where SSE2 is not at hand.
#[cfg(not(target_arch = "x86_64"))]
fn word_bits(sixteen: [u8; 16]) -> u64 {
    word_bits_by_eights(sixteen)
}

/// [`word_bits`] eight bytes at a time, in a `u64`, without SSE2.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn word_bits_by_eights(sixteen: [u8; 16]) -> u64 {
    sixteen
        .chunks_exact(8)
        .enumerate()
        .map(|(k, eight)| {
            let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            // Byte `j`'s high bit, moved to bit 0 and multiplied, lands on bit `56 + j`
            // and nowhere else that the shift keeps.
            let byte = (word_bytes(eight) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
            byte << (8 * k)
        })
        .fold(0, |mask, byte| mask | byte)
}

/// Bit `k` set where byte `k` of `block` (at most 64 bytes) is an ASCII word character.
#[inline]
fn word_mask(block: &[u8]) -> u64 {
    let mut mask = 0;
    let mut sixteens = block.chunks_exact(16);
    let mut shift = 0;
    for sixteen in sixteens.by_ref() {
        mask |= word_bits(sixteen.try_into().unwrap_or_default()) << shift;
        shift += 16;
    }
    let rest = sixteens.remainder();
    if !rest.is_empty() {
        let mut padded = [0u8; 16];
        padded[..rest.len()].copy_from_slice(rest);
        mask |= word_bits(padded) << shift;
    }
    mask
}

/// The runs of ASCII word characters in a text, in order: a block of 64 bytes at a time,
/// its runs read off its mask of word characters.
pub(crate) struct Words<'t> {
    bytes: &'t [u8],
    /// Where the block the mask is of starts, and where the next one does.
    base: usize,
    next: usize,
    /// The block's word characters not yet given, a bit each.
    mask: u64,
    /// Where the run that reached the end of the block before starts.
    open: Option<usize>,
}

impl Words<'_> {
    pub(crate) fn new(bytes: &[u8]) -> Words<'_> {
        Words {
            bytes,
            base: 0,
            next: 0,
            mask: 0,
            open: None,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    #[inline]
    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            if self.mask != 0 {
                let start = self.mask.trailing_zeros();
                let len = (self.mask >> start).trailing_ones();
                if start + len < 64 {
                    // Adding the lowest set bit carries through the lowest run, clearing it.
                    self.mask &= self.mask.wrapping_add(self.mask & self.mask.wrapping_neg());
                    let start = self.base + start as usize;
                    return Some(start..start + len as usize);
                }
                self.open = Some(self.base + start as usize);
            }
            let Some(rest) = self.bytes.get(self.next..).filter(|rest| !rest.is_empty()) else {
                self.mask = 0;
                return self.open.take().map(|start| start..self.bytes.len());
            };
            let block = &rest[..rest.len().min(64)];
            self.base = self.next;
            self.next += block.len();
            self.mask = word_mask(block);
            if let Some(start) = self.open {
                // The run the block before ended in goes on into this one.
                let end = self.mask.trailing_ones();
                if end == 64 {
                    self.mask = 0;
                    continue;
                }
                self.open = None;
                // The run's bits, all below `end`, are cleared.
                self.mask &= u64::MAX << end;
                return Some(start..self.base + end as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of word characters, a byte at a time.
    fn runs_plainly(bytes: &[u8]) -> Vec<Range<usize>> {
        let mut runs: Vec<Range<usize>> = Vec::new();
        for (at, &b) in bytes.iter().enumerate() {
            if !is_word_byte(b) {
                continue;
            }
            match runs.last_mut() {
                Some(run) if run.end == at => run.end = at + 1,
                _ => runs.push(at..at + 1),
            }
        }
        runs
    }

    /// Bytes on both sides of every edge the masks test, and bytes that mask to them
    /// without their high bit.
    const EDGE_BYTES: &[u8] = &[
        b'0', b'9', b'/', b':', b'a', b'z', b'A', b'Z', b'@', b'[', b'`', b'{', b'_', b'^', 0x7F,
        0x00, b' ', b'\n', 0x80, 0xB0, 0xC1, 0xDA, 0xDF, 0xE1, 0xFA, 0xFF, 0xC5, 0xE2,
    ];

    #[test]
    fn only_kelvin_and_long_s_match_ascii_word_characters_ignoring_case() {
        let ascii_word = regex::Regex::new("(?i)^[a-z0-9_]$").expect("a valid regex");
        let folding: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| ascii_word.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
        for c in folding {
            let text = format!("a{c}");
            assert!(folds_to_ascii_letter(text.as_bytes(), 1), "{c:?}");
        }
        assert!(!folds_to_ascii_letter("é’".as_bytes(), 0));
        assert!(!folds_to_ascii_letter("é’".as_bytes(), 2));
        // Cut short at the end of the text, or past it.
        assert!(!folds_to_ascii_letter(&[b'a', 0xC5], 1));
        assert!(!folds_to_ascii_letter(&[0xE2, 0x84], 0));
        assert!(!folds_to_ascii_letter(b"a", 1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn words_read_from_masks_are_those_read_byte_by_byte(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(EDGE_BYTES),
                    proptest::prelude::any::<u8>(),
                ],
                0..300,
            )
        ) {
            let runs: Vec<_> = Words::new(&bytes).collect();
            for run in &runs {
                proptest::prop_assert_eq!(word_len(&bytes, run.start), run.len());
            }
            proptest::prop_assert_eq!(runs, runs_plainly(&bytes));
        }
    }

    #[test]
    fn every_byte_value_is_a_word_character_exactly_when_it_is_one() {
        let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        assert_eq!(Words::new(&all).collect::<Vec<_>>(), runs_plainly(&all));
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut sixteen = [b' '; 16];
                sixteen[at] = b;
                let expected = u64::from(is_word_byte(b)) << at;
                assert_eq!(word_bits(sixteen), expected, "byte {b:#x} at {at}");
                assert_eq!(
                    word_bits_by_eights(sixteen),
                    expected,
                    "byte {b:#x} at {at}, eight at a time"
                );
                let mut eight = [b' '; 8];
                eight[at % 8] = b;
                assert_eq!(
                    word_bytes(u64::from_le_bytes(eight)),
                    u64::from(is_word_byte(b)) << (8 * (at % 8) + 7),
                    "byte {b:#x} at {} of eight",
                    at % 8
                );
            }
        }
    }

    #[test]
    fn runs_that_meet_the_edge_of_a_block_are_read_whole() {
        // A run across many blocks, and one ending on a block's last byte.
        let long = [b"x".repeat(200), b" ".repeat(56), b"y".repeat(8)].concat();
        assert_eq!(Words::new(&long).collect::<Vec<_>>(), [0..200, 256..264]);
        for len in [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 200] {
            for at in [0, 1, 15, 16, 60, 63, 64, 65, 120, 127, 128] {
                let mut bytes = vec![b'x'; len];
                if let Some(space) = bytes.get_mut(at) {
                    *space = b' ';
                }
                let runs: Vec<_> = Words::new(&bytes).collect();
                assert_eq!(runs, runs_plainly(&bytes), "{len} bytes, space at {at}");
            }
        }
    }
}
