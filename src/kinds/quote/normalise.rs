//! Normalisation of quoted words for comparison: case, apostrophes, dashes, spacing,
//! censored spellings, and the editorial marks (square brackets, ellipses) that an
//! article may add to a quotation without changing what was said.

use std::ops::Range;

use serde::Serialize;

/// One word of a quotation, normalised for comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    /// Lower case; apostrophes unified to `'`; hyphens inside the word removed
    /// ("sell-out" is "sellout"); masking asterisks kept ("sh*t").
    pub text: String,
    /// Like `text`, but with the word's inner hyphens kept as `-`, so that a hyphen used
    /// to mask a letter ("sh-t") can be told from a joining one.
    pub pattern: String,
    /// Byte span of the word as written in the text that was normalised.
    pub span: Range<usize>,
    /// The word sits inside square brackets: an editor's insertion, not the speaker's.
    pub bracketed: bool,
    /// An ellipsis ("…", "...", ". . .") stands between this word and the one before it
    /// (or, for the first word, before it).
    pub ellipsis_before: bool,
}

impl Word {
    /// True when some letters of the word are masked ("sh*t", "s**t", "sh-t", "n-ggas").
    pub fn is_masked(&self) -> bool {
        self.text.contains('*') || masking_hyphen(&self.pattern)
    }
}

/// A text cut into normalised words, with its editorial marks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Words {
    pub words: Vec<Word>,
    /// An ellipsis follows the last word.
    pub ellipsis_after: bool,
}

/// Normalises `text` into comparable words: lower case, apostrophes unified
/// (’ ‘ ` ´ ʼ ' all become '), quote marks and other punctuation dropped, hyphens inside a
/// word joined ("sell-out" → "sellout"), free-standing dashes (— – -- -) dropped, spacing
/// folded (non-breaking spaces are spaces; zero-width characters and soft hyphens vanish).
pub fn words(text: &str) -> Vec<String> {
    tokenize(text).words.into_iter().map(|w| w.text).collect()
}

/// Like [`words`], keeping each word's span and its editorial marks: words in square
/// brackets are flagged `bracketed`, and ellipses are recorded between words.
pub fn tokenize(text: &str) -> Words {
    let mut words = Vec::new();
    let ellipsis_after = scan_words(text, |word| words.push(word.to_word()));
    Words {
        words,
        ellipsis_after,
    }
}

/// A [`Word`] as [`WordReader`] finds it, its strings borrowed from the text or from
/// buffers that are reused for the next word.
pub(crate) struct WordView<'b> {
    spelling: Spelling<'b>,
    /// The hash the word is compared by (`matching::key_hash` of its text), made as
    /// the word is read.
    pub key: u64,
    pub span: Range<usize>,
    pub bracketed: bool,
    pub ellipsis_before: bool,
}

enum Spelling<'b> {
    /// ASCII letters and digits as written at the word's span of this text, with perhaps
    /// apostrophes (' or ’) between them: in lower case, the apostrophes straight, both
    /// the text and the pattern (see [`ascii_pattern`]). Most words are so, and most of
    /// them are never lower-cased, nor even cut out of the text: a word already known is
    /// compared by its key alone. `as_written` when the word's letters are in lower case
    /// and its apostrophes straight, so that the word as written is its pattern.
    Ascii {
        text: &'b str,
        as_written: bool,
    },
    Built {
        text: &'b str,
        pattern: &'b str,
    },
}

impl WordView<'_> {
    /// The word's pattern when it was built rather than read in place; `None` for a
    /// word of ASCII letters and digits, whose pattern is its span in lower case with
    /// straight apostrophes (see [`ascii_pattern`]).
    pub fn built_pattern(&self) -> Option<&str> {
        match self.spelling {
            Spelling::Ascii { .. } => None,
            Spelling::Built { pattern, .. } => Some(pattern),
        }
    }

    /// Whether the word's pattern is its span as written; false for a word built.
    pub fn pattern_as_written(&self) -> bool {
        matches!(
            self.spelling,
            Spelling::Ascii {
                as_written: true,
                ..
            }
        )
    }

    /// The word's pattern, made in `scratch` when it is neither built nor as written.
    pub fn pattern<'s>(&'s self, scratch: &'s mut String) -> &'s str {
        match self.spelling {
            Spelling::Ascii { text, as_written } => {
                ascii_pattern(text, self.span.clone(), as_written, scratch)
            }
            Spelling::Built { pattern, .. } => pattern,
        }
    }

    pub fn to_word(&self) -> Word {
        let (text, pattern) = match self.spelling {
            Spelling::Ascii { .. } => {
                let mut scratch = String::new();
                let lower = self.pattern(&mut scratch).to_string();
                (lower.clone(), lower)
            }
            Spelling::Built { text, pattern } => (text.to_string(), pattern.to_string()),
        };
        Word {
            text,
            pattern,
            span: self.span.clone(),
            bracketed: self.bracketed,
            ellipsis_before: self.ellipsis_before,
        }
    }
}

/// The pattern of a word of ASCII letters and digits, with perhaps apostrophes between
/// them, written at `span` of `text`: the word as written when `as_written` (it is in
/// lower case with straight apostrophes), else made in `scratch`.
#[inline(always)]
pub(crate) fn ascii_pattern<'s>(
    text: &'s str,
    span: Range<usize>,
    as_written: bool,
    scratch: &'s mut String,
) -> &'s str {
    let written = text.get(span).unwrap_or("");
    if as_written {
        return written;
    }
    lower_ascii_word(written, scratch)
}

/// [`ascii_pattern`] of a word that is not its own pattern, made in `scratch`.
fn lower_ascii_word<'s>(written: &str, scratch: &'s mut String) -> &'s str {
    scratch.clear();
    if written.is_ascii() {
        scratch.push_str(written);
        scratch.make_ascii_lowercase();
        return scratch;
    }
    // The only other character such a word holds is a curly apostrophe.
    for c in written.chars() {
        scratch.push(if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            '\''
        });
    }
    scratch
}

/// The words of [`tokenize`], each handed to `emit` in order without being kept;
/// returns whether an ellipsis follows the last word.
pub(crate) fn scan_words(text: &str, mut emit: impl FnMut(WordView<'_>)) -> bool {
    let mut reader = WordReader::new(text);
    while let Some(word) = reader.next_word() {
        emit(word);
    }
    reader.ellipsis_after()
}

/// The words of [`tokenize`] one after another, each read when asked for.
pub(crate) struct WordReader<'t> {
    text: &'t str,
    at: usize,
    /// The word last read, when it was not read in place.
    word: WordBuffer,
    bracket_depth: usize,
    pending_ellipsis: bool,
}

impl<'t> WordReader<'t> {
    pub(crate) fn new(text: &'t str) -> WordReader<'t> {
        WordReader {
            text,
            at: 0,
            word: WordBuffer::default(),
            bracket_depth: 0,
            pending_ellipsis: false,
        }
    }

    /// The next word, if any.
    #[inline(always)]
    pub(crate) fn next_word(&mut self) -> Option<WordView<'_>> {
        let (span, ascii_key) = self.read_on()?;
        let bracketed = self.bracket_depth > 0;
        let (spelling, key) = match ascii_key {
            Some(InPlace { key, as_written }) => (
                Spelling::Ascii {
                    text: self.text,
                    as_written,
                },
                key,
            ),
            None => (
                Spelling::Built {
                    text: &self.word.text,
                    pattern: self.word.pattern(),
                },
                WordKey::START.text(&self.word.text),
            ),
        };
        Some(WordView {
            spelling,
            key: key.finish(bracketed),
            span,
            bracketed,
            ellipsis_before: std::mem::take(&mut self.pending_ellipsis),
        })
    }

    /// Whether an ellipsis follows the last word, once every word has been read.
    pub(crate) fn ellipsis_after(&self) -> bool {
        self.pending_ellipsis
    }

    /// Reads on to the end of the next word; returns its span, with its key and whether
    /// it is its own pattern when it is ASCII letters and digits read in place, or
    /// without when it was read into `word`.
    #[inline(always)]
    fn read_on(&mut self) -> Option<(Range<usize>, Option<InPlace>)> {
        // Read by byte offsets: ASCII a byte at a time, other characters decoded where met.
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.at;
        while let Some(&b) = bytes.get(i) {
            if b == b' ' {
                // The commonest byte between words, passed over before anything is asked.
                i += 1;
                continue;
            }
            if ASCII_LOWER[usize::from(b)] != 0 {
                // Most words are ASCII letters and digits ended by a space or punctuation:
                // in lower case such a word is its own normalised text and pattern, and
                // its key is hashed as its letters are read.
                let (mut end, mut key, mut recased) = ascii_run(bytes, i, WordKey::START, 0);
                // An apostrophe with a letter or digit after it ("don't", "don’t") joins
                // two runs, and is left out of the key; a curly one is straight in the
                // pattern.
                while let Some(next) = after_apostrophe(bytes, end) {
                    recased |= u8::from(next - end > 1);
                    (end, key, recased) = ascii_run(bytes, next, key, recased);
                }
                if ascii_word_ends(bytes, end) {
                    self.at = end;
                    return Some((
                        i..end,
                        Some(InPlace {
                            key,
                            as_written: recased == 0,
                        }),
                    ));
                }
            }
            let (c, width) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                match text.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if c == '[' {
                self.bracket_depth = self.bracket_depth.saturating_add(1);
                i += width;
            } else if c == ']' {
                self.bracket_depth = self.bracket_depth.saturating_sub(1);
                i += width;
            } else if c == '…' {
                self.pending_ellipsis = true;
                i += width;
            } else if c == '.' {
                let (dots, next) = count_dots(text, i);
                if dots >= 3 {
                    self.pending_ellipsis = true;
                }
                i = next;
            } else if c.is_alphanumeric() && !is_apostrophe(c) {
                let (end, last_end) = read_word(text, i, i + width, &mut self.word);
                self.at = end.max(i + width);
                return Some((i..last_end, None));
            } else {
                i += width;
            }
        }
        self.at = bytes.len();
        None
    }
}

/// A word of ASCII letters and digits read in place: its key, and whether it is its own
/// pattern (see [`ascii_pattern`]).
struct InPlace {
    key: WordKey,
    as_written: bool,
}

/// The hash a word is compared by, fed a byte at a time as the word is read: FNV-1a
/// over its normalised text without apostrophes (its comparison key), then 0xFF (which
/// never occurs in UTF-8) and whether it is bracketed. The same as `matching::key_hash`.
#[derive(Clone, Copy)]
struct WordKey(u64);

impl WordKey {
    const START: WordKey = WordKey(0xcbf2_9ce4_8422_2325);

    fn byte(self, b: u8) -> WordKey {
        WordKey((self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
    }

    /// Fed a normalised text, its apostrophes left out.
    fn text(self, text: &str) -> WordKey {
        text.bytes()
            .filter(|&b| b != b'\'')
            .fold(self, WordKey::byte)
    }

    fn finish(self, bracketed: bool) -> u64 {
        self.byte(0xff).byte(u8::from(bracketed)).0
    }
}

/// For each byte, its lower case when it is an ASCII letter or digit, else 0.
const ASCII_LOWER: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Whether `b` is an ASCII letter or digit, found in one look-up.
#[inline]
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_LOWER[usize::from(b)] != 0
}

/// Where the run of ASCII letters and digits from byte `start` ends, `key` fed the run
/// in lower case, and `recased` with a bit set for each upper-case letter of the run:
/// it stays 0 while the letters read are in lower case, as a word's pattern keeps them.
fn ascii_run(
    bytes: &[u8],
    start: usize,
    mut key: WordKey,
    mut recased: u8,
) -> (usize, WordKey, u8) {
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        let lower = ASCII_LOWER[usize::from(b)];
        if lower == 0 {
            break;
        }
        key = key.byte(lower);
        recased |= lower ^ b;
        end += 1;
    }
    (end, key, recased)
}

/// Where the run of ASCII letters and digits after an apostrophe (' or ’) at byte `at`
/// starts, when there is one.
fn after_apostrophe(bytes: &[u8], at: usize) -> Option<usize> {
    let width = match *bytes.get(at)? {
        b'\'' => 1,
        // ’ is E2 80 99.
        0xE2 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x99]) => 3,
        _ => return None,
    };
    let next = at + width;
    bytes
        .get(next)
        .is_some_and(|&b| is_ascii_word_byte(b))
        .then_some(next)
}

/// Whether a word's run of ASCII letters and digits ends the word when `next` follows
/// it: any ASCII character but an apostrophe, a hyphen, a masking star or a decimal or
/// thousands separator does.
fn ends_ascii_run(next: u8) -> bool {
    next.is_ascii() && !matches!(next, b'\'' | b'`' | b'-' | b'*' | b'.' | b',')
}

/// Whether a word made only of ASCII letters and digits up to byte `end` ends there: at
/// the end of the text, before a character that cannot go on a word, or before a full
/// stop or comma that does not stand between two digits. Other characters are left to
/// [`read_word`].
fn ascii_word_ends(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        None => true,
        Some(b'.' | b',') => {
            let digit_before = end.checked_sub(1).and_then(|last| bytes.get(last));
            !(digit_before.is_some_and(u8::is_ascii_digit)
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit))
        }
        Some(&next) => ends_ascii_run(next),
    }
}

/// A word's normalised text and pattern as they are built. The pattern differs from the
/// text only once a hyphen is kept in it, so until then it is the text itself and is not
/// built twice.
#[derive(Default)]
struct WordBuffer {
    text: String,
    /// Meaningful only when `hyphenated`.
    hyphens: String,
    hyphenated: bool,
}

impl WordBuffer {
    fn clear(&mut self) {
        self.text.clear();
        self.hyphens.clear();
        self.hyphenated = false;
    }

    fn push(&mut self, c: char) {
        self.text.push(c);
        if self.hyphenated {
            self.hyphens.push(c);
        }
    }

    /// Appends ASCII letters and digits in lower case.
    fn push_ascii(&mut self, run: &str) {
        let from = self.text.len();
        self.text.push_str(run);
        if let Some(added) = self.text.get_mut(from..) {
            added.make_ascii_lowercase();
        }
        if self.hyphenated {
            self.hyphens.push_str(&self.text[from..]);
        }
    }

    /// A hyphen kept in the pattern and left out of the text.
    fn push_hyphen(&mut self) {
        if !self.hyphenated {
            self.hyphens.push_str(&self.text);
            self.hyphenated = true;
        }
        self.hyphens.push('-');
    }

    fn pattern(&self) -> &str {
        if self.hyphenated {
            &self.hyphens
        } else {
            &self.text
        }
    }
}

/// Reads into `word` the word that starts at byte `start` (with a letter or digit ending
/// at `first_end`); returns where reading stopped and where the last character kept in
/// the word ends.
fn read_word(text: &str, start: usize, first_end: usize, word: &mut WordBuffer) -> (usize, usize) {
    let bytes = text.as_bytes();
    let at = |p: usize| text.get(p..).and_then(|rest| rest.chars().next());
    word.clear();
    let mut j = start;
    let mut last_end = first_end;
    loop {
        // Most of a word: ASCII letters and digits, whose lower case is one ASCII
        // character and to which none of the cases below applies.
        let (run_end, _, _) = ascii_run(bytes, j, WordKey::START, 0);
        if run_end > j {
            word.push_ascii(&text[j..run_end]);
            j = run_end;
            last_end = j;
        }
        let Some(&b) = bytes.get(j) else {
            break;
        };
        if ends_ascii_run(b) {
            break;
        }
        let Some(ch) = at(j) else {
            break;
        };
        let ch_end = j + ch.len_utf8();
        let prev = text[..j].chars().next_back();
        let next = at(ch_end);
        if is_apostrophe(ch) {
            // ʼ counts as a letter in Unicode; every apostrophe is treated alike.
            if !next.is_some_and(|n| n.is_alphanumeric() && !is_apostrophe(n)) {
                break;
            }
            word.push('\'');
        } else if ch.is_alphanumeric() {
            for lower in ch.to_lowercase() {
                word.push(lower);
            }
            last_end = ch_end;
        } else if is_invisible(ch) {
            // Zero-width characters and soft hyphens join what surrounds them.
        } else if is_combining(ch) {
            word.push(ch);
            last_end = ch_end;
        } else if is_hyphen(ch)
            && next.is_some_and(|n| n.is_alphanumeric() || n == '*')
            && prev.is_some_and(|p| p.is_alphanumeric() || p == '*')
        {
            word.push_hyphen();
        } else if ch == '*' {
            word.push('*');
            last_end = ch_end;
        } else if (ch == '.' || ch == ',')
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            // 2.5 keeps its decimal point; 60,000 loses its thousands separator.
            if ch == '.' {
                word.push('.');
            }
        } else {
            break;
        }
        j = ch_end;
    }
    (j, last_end)
}

/// Counts a run of full stops starting at byte `start`, allowing single spaces between
/// them (". . ."); returns the count and the byte just after the run.
fn count_dots(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut dots = 0;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if b == b'.' {
            dots += 1;
            i += 1;
        } else if b == b' ' && bytes.get(i + 1) == Some(&b'.') {
            i += 1;
        } else {
            break;
        }
    }
    (dots, i)
}

/// Characters that take no room and must not split a word.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Combining diacritics written after a base letter belong to its word.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Every character used for an apostrophe (or a single quote mark) in real articles.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '′' | '‛' | '‚' | '＇'
    )
}

/// Hyphens that join the parts of one word, as opposed to dashes that separate words.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// A hyphen masks a letter when one side of it is a fragment of at most two letters
/// ("sh-t", "n-ggas"); "sell-out" joins two real parts.
fn masking_hyphen(pattern: &str) -> bool {
    let parts: Vec<&str> = pattern.split('-').collect();
    parts.len() > 1
        && parts.windows(2).any(|pair| {
            let short = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count() <= 2;
            short(pair[0]) || short(pair[1])
        })
}

/// True when `a` and `b` are the same word once masking is allowed for: a word with
/// letters masked by `*` or a masking hyphen matches a word of the same length whose
/// letters agree wherever both are visible ("sh-t", "sh*t", "s**t" all match "shit";
/// "n-ggas" matches "niggas"). Identical words are not censored matches.
pub fn censored_match(a: &Word, b: &Word) -> bool {
    if a.text == b.text || !(a.is_masked() || b.is_masked()) {
        return false;
    }
    let letters = |w: &Word| -> Vec<Option<char>> {
        if w.is_masked() {
            w.pattern
                .chars()
                .map(|c| (c != '*' && c != '-').then_some(c))
                .collect()
        } else {
            w.text.chars().map(Some).collect()
        }
    };
    let (la, lb) = (letters(a), letters(b));
    la.len() == lb.len()
        && la.iter().zip(&lb).all(|pair| match pair {
            (Some(x), Some(y)) => x == y,
            _ => true,
        })
}

/// The form used to decide whether two words are the same: `text` without apostrophes,
/// so that "dont" and "don't" agree. Matching hashes this key as it reads the text.
#[cfg(test)]
pub(crate) fn comparison_key(word: &Word) -> String {
    word.text.chars().filter(|&c| c != '\'').collect()
}

#[cfg(test)]
mod tests {
    use super::super::matching::key_hash;
    use super::*;

    /// The word scanner as first written, lower-casing every character through
    /// `to_lowercase`: the faster one must find exactly the same words.
    mod reference {
        use super::super::{Word, is_apostrophe, is_combining, is_hyphen, is_invisible};

        pub fn scan_words(text: &str, mut emit: impl FnMut(Word)) -> bool {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(p, _)| p);
            let at = |i: usize| chars.get(i).map(|&(_, c)| c);
            let mut word = String::new();
            let mut pattern = String::new();
            let mut bracket_depth = 0usize;
            let mut pending_ellipsis = false;
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i].1;
                if c == '[' {
                    bracket_depth = bracket_depth.saturating_add(1);
                    i += 1;
                } else if c == ']' {
                    bracket_depth = bracket_depth.saturating_sub(1);
                    i += 1;
                } else if c == '…' {
                    pending_ellipsis = true;
                    i += 1;
                } else if c == '.' {
                    let (dots, next) = count_dots(&chars, i);
                    if dots >= 3 {
                        pending_ellipsis = true;
                    }
                    i = next;
                } else if c.is_alphanumeric() && !is_apostrophe(c) {
                    word.clear();
                    pattern.clear();
                    let mut j = i;
                    let mut last = i;
                    while let Some(ch) = at(j) {
                        let prev = if j > 0 { at(j - 1) } else { None };
                        let next = at(j + 1);
                        if is_apostrophe(ch) {
                            // ʼ counts as a letter in Unicode; every apostrophe is treated alike.
                            if !next.is_some_and(|n| n.is_alphanumeric() && !is_apostrophe(n)) {
                                break;
                            }
                            word.push('\'');
                            pattern.push('\'');
                        } else if ch.is_alphanumeric() {
                            for lower in ch.to_lowercase() {
                                word.push(lower);
                                pattern.push(lower);
                            }
                            last = j;
                        } else if is_invisible(ch) {
                            // Zero-width characters and soft hyphens join what surrounds them.
                        } else if is_combining(ch) {
                            word.push(ch);
                            pattern.push(ch);
                            last = j;
                        } else if is_hyphen(ch)
                            && next.is_some_and(|n| n.is_alphanumeric() || n == '*')
                            && prev.is_some_and(|p| p.is_alphanumeric() || p == '*')
                        {
                            pattern.push('-');
                        } else if ch == '*' {
                            word.push('*');
                            pattern.push('*');
                            last = j;
                        } else if (ch == '.' || ch == ',')
                            && prev.is_some_and(|p| p.is_ascii_digit())
                            && next.is_some_and(|n| n.is_ascii_digit())
                        {
                            // 2.5 keeps its decimal point; 60,000 loses its thousands separator.
                            if ch == '.' {
                                word.push('.');
                                pattern.push('.');
                            }
                        } else {
                            break;
                        }
                        j += 1;
                    }
                    emit(Word {
                        text: word.clone(),
                        pattern: pattern.clone(),
                        span: chars[i].0..end_of(last + 1),
                        bracketed: bracket_depth > 0,
                        ellipsis_before: std::mem::take(&mut pending_ellipsis),
                    });
                    i = j.max(i + 1);
                } else {
                    i += 1;
                }
            }
            pending_ellipsis
        }

        /// Counts a run of full stops starting at `start`, allowing single spaces between them
        /// (". . ."); returns the count and the index just after the run.
        pub fn count_dots(chars: &[(usize, char)], start: usize) -> (usize, usize) {
            let mut dots = 0;
            let mut i = start;
            while let Some(&(_, c)) = chars.get(i) {
                if c == '.' {
                    dots += 1;
                    i += 1;
                } else if c == ' ' && chars.get(i + 1).is_some_and(|&(_, n)| n == '.') {
                    i += 1;
                } else {
                    break;
                }
            }
            (dots, i)
        }
    }

    /// Every word [`scan_words`] emits, owned, and the trailing ellipsis flag; each word's
    /// key is checked against the hash matching compares words by.
    fn scanned(text: &str) -> (Vec<Word>, bool) {
        let mut words = Vec::new();
        let after = scan_words(text, |word| {
            let owned = word.to_word();
            assert_eq!(
                word.key,
                key_hash(&owned.text, owned.bracketed),
                "{owned:?}"
            );
            words.push(owned);
        });
        (words, after)
    }

    /// Characters that take every branch of the scanner: ASCII and other letters (some
    /// whose lower case is longer or ASCII), digits, apostrophes, hyphens, dots, commas,
    /// brackets, ellipses, stars, invisible and combining characters.
    const ALPHABET: &[char] = &[
        'a', 'Z', 'q', '7', '0', ' ', ' ', '.', ',', '\'', '’', '`', 'ʼ', '-', '\u{2010}', '—',
        '[', ']', '…', '*', '\u{200b}', '\u{ad}', '\u{301}', 'É', 'İ', '\u{212a}', 'ß', 'Σ', '٣',
        '中', '“', '”', '\n',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn scanned_words_are_those_of_the_character_by_character_scanner(
            chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..50)
        ) {
            let text: String = chars.into_iter().collect();
            let mut slow = Vec::new();
            let slow_after = reference::scan_words(&text, |word| slow.push(word));
            proptest::prop_assert_eq!(scanned(&text), (slow, slow_after));
        }
    }

    fn w(text: &str) -> Word {
        let mut all = tokenize(text).words;
        assert_eq!(all.len(), 1, "expected one word in {text:?}");
        all.remove(0)
    }

    #[test]
    fn words_are_lower_case_without_punctuation_or_quote_marks() {
        assert_eq!(
            words("“What it got described as was, we STOPPED being friends.”"),
            [
                "what",
                "it",
                "got",
                "described",
                "as",
                "was",
                "we",
                "stopped",
                "being",
                "friends"
            ]
        );
    }

    #[test]
    fn every_apostrophe_becomes_a_straight_one() {
        assert_eq!(words("didn’t didn't didn`t didn´t didnʼt"), ["didn't"; 5]);
        assert_eq!(words("West’s y‘all"), ["west's", "y'all"]);
    }

    #[test]
    fn apostrophes_at_the_edges_of_words_are_dropped() {
        assert_eq!(
            words("the ’90s, gon’ change, 'quoted'"),
            ["the", "90s", "gon", "change", "quoted"]
        );
    }

    #[test]
    fn hyphens_inside_words_join_and_dashes_between_words_separate() {
        assert_eq!(words("sell-out"), ["sellout"]);
        assert_eq!(words("the story—it was"), ["the", "story", "it", "was"]);
        assert_eq!(
            words("the story — it -- was - over – now"),
            ["the", "story", "it", "was", "over", "now"]
        );
        assert_eq!(words("43‑year‑old"), ["43yearold"]);
    }

    #[test]
    fn spacing_is_folded_and_invisible_characters_vanish() {
        assert_eq!(
            words("  come\u{00A0}at \n\t they\u{200B}boy "),
            ["come", "at", "theyboy"]
        );
        assert_eq!(words("sell\u{00AD}out"), ["sellout"]);
        assert!(words("").is_empty());
        assert!(words(" … — “ ” ").is_empty());
    }

    #[test]
    fn numbers_keep_decimals_and_lose_thousands_separators() {
        assert_eq!(
            words("60,000 votes, 2.5 million."),
            ["60000", "votes", "2.5", "million"]
        );
    }

    #[test]
    fn spans_point_at_the_words_as_written() {
        let text = "“That’s some sell-out shit.”";
        let tokens = tokenize(text);
        let written: Vec<&str> = tokens.words.iter().map(|w| &text[w.span.clone()]).collect();
        assert_eq!(written, ["That’s", "some", "sell-out", "shit"]);
    }

    #[test]
    fn bracketed_words_are_flagged_as_editorial() {
        let tokens = tokenize("he supported [Donald] Trump, aligning [himself] with");
        let flagged: Vec<(&str, bool)> = tokens
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.bracketed))
            .collect();
        assert_eq!(
            flagged,
            [
                ("he", false),
                ("supported", false),
                ("donald", true),
                ("trump", false),
                ("aligning", false),
                ("himself", true),
                ("with", false)
            ]
        );
    }

    #[test]
    fn every_ellipsis_form_is_recorded_between_words() {
        for text in [
            "bro … I changed",
            "bro... I changed",
            "bro. . . I changed",
            "bro [...] I changed",
            "bro…I changed",
        ] {
            let tokens = tokenize(text);
            let marks: Vec<bool> = tokens.words.iter().map(|w| w.ellipsis_before).collect();
            assert_eq!(marks, [false, true, false], "in {text:?}");
        }
        assert!(tokenize("and then…").ellipsis_after);
        assert!(!tokenize("and then.").ellipsis_after);
        assert!(
            !tokenize("Mr. Smith. Ok")
                .words
                .iter()
                .any(|w| w.ellipsis_before)
        );
    }

    #[test]
    fn censored_spellings_match_the_plain_word() {
        assert!(censored_match(&w("sh-t"), &w("shit")));
        assert!(censored_match(&w("sh*t"), &w("shit")));
        assert!(censored_match(&w("s**t"), &w("shit")));
        assert!(censored_match(&w("n-ggas"), &w("niggas")));
        assert!(censored_match(&w("sh*t"), &w("sh-t")));
        assert!(censored_match(&w("f***"), &w("fuck")));
    }

    #[test]
    fn censored_spellings_do_not_match_other_words() {
        assert!(!censored_match(&w("sh*t"), &w("shirt")));
        assert!(!censored_match(&w("sh*t"), &w("spit")));
        assert!(!censored_match(&w("shit"), &w("shot")));
        // A joining hyphen is not a mask.
        assert!(!censored_match(&w("sell-out"), &w("sellsout")));
        // Same words are equal, not censored.
        assert!(!censored_match(&w("sell-out"), &w("sellout")));
    }

    #[test]
    fn comparison_ignores_apostrophes() {
        assert_eq!(comparison_key(&w("don’t")), comparison_key(&w("dont")));
    }

    #[test]
    fn arbitrary_unicode_does_not_panic_and_spans_are_char_boundaries() {
        let text = "é́👍🏽[[]]]…..‑‑‑*** ’’ \u{200B}\u{FEFF}a\u{0301}-*b ١٢٣,٤ 😀'x";
        for word in tokenize(text).words {
            assert!(text.is_char_boundary(word.span.start) && text.is_char_boundary(word.span.end));
        }
    }
}
