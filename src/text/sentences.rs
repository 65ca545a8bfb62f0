//! Sentence splitting for news prose: byte spans of sentences, grouped into paragraphs.
//!
//! A single forward pass with bounded look-behind and look-ahead, so time is linear in the
//! text however long its lines are.

use std::ops::Range;

use super::word_key::{word_key, word_keys};

/// One sentence: its byte span in the text, and the index of its paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub paragraph: usize,
}

/// Splits `text` into sentences.
///
/// - Every line break ends a sentence, because headlines, captions and bylines carry no
///   final period. A blank line (only whitespace) starts a new paragraph; paragraphs are
///   numbered from 0 and several blank lines in a row count as one separator. `\r\n` is a
///   line break like `\n`.
/// - Within a line, a sentence ends at `.`, `!` or `?` (optionally followed by closing
///   quotes or brackets) when whitespace and a plausible sentence start follow: a letter
///   that is not lowercase, a digit, or an opening quote or bracket.
/// - A single `.` does not end a sentence after a title or company abbreviation (`Mr.`,
///   `Dr.`, `vs.`, `Inc.`, ...), after `No.` or a month abbreviation (`Sept.`) followed by a
///   digit, or after a single capital initial (`Donald J. Trump`).
/// - After a dotted acronym (`U.S.`, `D.C.`, `a.m.`) a sentence ends only when the next word
///   is a common sentence opener (`The`, `He`, `In`, `But`, ...): "the U.S. Senate" stays
///   one sentence, "left the U.S. The next year" is two.
/// - An ellipsis (`...` or `…`) ends a sentence only at the end of a quotation (`…”`):
///   elsewhere it usually marks an omission or a trailing-off inside one sentence.
/// - A period not followed by whitespace never ends a sentence, so decimals (`1.5`) and
///   URLs (`t.co/x9ix`) stay whole.
///
/// Spans are trimmed of surrounding whitespace, never empty, in order, and on char
/// boundaries.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    // News sentences run to some 130 bytes and more: the list seldom needs to grow.
    let mut sentences = Vec::with_capacity(text.len() / 128);
    let mut paragraph = 0;
    let mut seen_text = false;
    let mut after_blank = false;
    for (line_start, line) in lines(text) {
        if line.trim().is_empty() {
            after_blank = seen_text;
            continue;
        }
        if after_blank {
            paragraph += 1;
            after_blank = false;
        }
        seen_text = true;
        let mut push = |range: Range<usize>| {
            if let Some(span) = trimmed(line, range) {
                sentences.push(Sentence {
                    span: line_start + span.start..line_start + span.end,
                    paragraph,
                });
            }
        };
        let mut start = 0;
        line_breaks(line, |mark| {
            push(start..mark.end);
            start = mark.end;
        });
        push(start..line.len());
    }
    sentences
}

/// Byte ranges of the marks (terminators and closing quotes) where a sentence ends inside
/// `text` and another begins, as [`split_sentences`] decides it; line breaks are not
/// included. Stance scoping uses these as clause boundaries.
pub(crate) fn sentence_marks(text: &str) -> Vec<Range<usize>> {
    let mut marks = Vec::new();
    for (line_start, line) in lines(text) {
        line_breaks(line, |mark| {
            marks.push(line_start + mark.start..line_start + mark.end);
        });
    }
    marks
}

/// The lines of `text` split at `\n` (as `str::split` would split them, an empty last
/// line included), each with the offset where it starts.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start > text.len() {
            return None;
        }
        let end = breaks.next().unwrap_or(text.len());
        let line = (start, &text[start..end]);
        start = end + 1;
        Some(line)
    })
}

/// The sub-range of `range` without surrounding whitespace, or `None` if nothing is left.
fn trimmed(line: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &line[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.end - (piece.len() - piece.trim_end().len());
    (start < end).then_some(start..end)
}

/// Calls `found` with each sentence-ending mark within one line (no `\n` inside), in
/// order.
///
/// The line is searched for its terminators rather than read a character at a time:
/// `.`, `!` and `?` with one search, and `…` with another, whose result is kept until
/// passed. The ellipsis is found by its last byte (0xA6), rare in prose, where its first
/// byte (0xE2) also starts every curly quotation mark and apostrophe.
fn line_breaks(line: &str, mut found: impl FnMut(Range<usize>)) {
    let bytes = line.as_bytes();
    let mut stop = memchr::memchr3(b'.', b'!', b'?', bytes);
    let mut ellipsis = find_ellipsis(bytes, 0);
    let mut i = 0;
    loop {
        if stop.is_some_and(|at| at < i) {
            stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|at| at + i);
        }
        if ellipsis.is_some_and(|at| at < i) {
            ellipsis = find_ellipsis(bytes, i);
        }
        let run_start = match (stop, ellipsis) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let run_end = run_start + terminators_len(&bytes[run_start..]);
        debug_assert!(
            run_end > run_start,
            "a terminator is found where a run starts"
        );
        let mark_end = run_end + closers_len(&bytes[run_end..]);
        i = mark_end;

        let rest = &line[mark_end..];
        let next = rest.trim_start();
        if next.len() == rest.len() || next.is_empty() {
            // No whitespace after the mark (decimal, URL, "?!x"), or only the end of the line.
            continue;
        }
        let mark = Mark {
            before: &line[..run_start],
            run: &line[run_start..run_end],
            closed: mark_end > run_end,
            next,
        };
        if mark.ends_sentence() {
            found(run_start..mark_end);
        }
    }
}

/// `…` in UTF-8.
const ELLIPSIS: &[u8] = "…".as_bytes();

/// Where the first `…` at or after `from` (a character boundary) starts.
fn find_ellipsis(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = memchr::memchr(ELLIPSIS[2], &bytes[at..]) {
        let last = at + found;
        if last >= from + 2 && bytes[last - 2..last] == ELLIPSIS[..2] {
            return Some(last - 2);
        }
        at = last + 1;
    }
    None
}

/// Bytes of the run of terminators (`.`, `!`, `?`, `…`) that starts `bytes`.
fn terminators_len(bytes: &[u8]) -> usize {
    let mut len = 0;
    loop {
        match bytes.get(len) {
            Some(b'.' | b'!' | b'?') => len += 1,
            Some(_) if bytes[len..].starts_with(ELLIPSIS) => len += ELLIPSIS.len(),
            _ => return len,
        }
    }
}

/// Bytes of the run of closing quotes and brackets (`"`, `”`, `’`, `'`, `)`, `]`, `»`)
/// that starts `bytes`.
fn closers_len(bytes: &[u8]) -> usize {
    let mut len = 0;
    loop {
        let rest = &bytes[len..];
        len += match rest.first() {
            Some(b'"' | b'\'' | b')' | b']') => 1,
            Some(0xE2) if rest.starts_with("”".as_bytes()) || rest.starts_with("’".as_bytes()) => {
                3
            }
            Some(0xC2) if rest.starts_with("»".as_bytes()) => 2,
            _ => return len,
        };
    }
}

/// A run of terminators with what surrounds it.
struct Mark<'a> {
    /// The line up to the terminators.
    before: &'a str,
    /// The terminators themselves, such as `.`, `?!` or `...`.
    run: &'a str,
    /// Whether closing quotes or brackets follow the terminators.
    closed: bool,
    /// The rest of the line from the first non-whitespace character after the mark.
    next: &'a str,
}

impl Mark<'_> {
    fn ends_sentence(&self) -> bool {
        if !self.next.chars().next().is_some_and(starts_sentence) {
            return false;
        }
        if self.run.bytes().any(|b| matches!(b, b'!' | b'?')) {
            return true;
        }
        if self.run == "." {
            return self.closed || !self.follows_abbreviation();
        }
        // An ellipsis: only the end of a quotation ends the sentence.
        self.closed
    }

    /// Whether the single period of this mark belongs to an abbreviation rather than
    /// ending the sentence.
    fn follows_abbreviation(&self) -> bool {
        let Some(word) = word_before(self.before) else {
            return false;
        };
        if let Some(key) = word_key(word) {
            if ALWAYS_ABBREVIATED_KEYS.contains(&key) {
                return true;
            }
            if BEFORE_NUMBER_KEYS.contains(&key) {
                return self.next.starts_with(|c: char| c.is_ascii_digit());
            }
        }
        let mut chars = word.chars();
        if let (Some(only), None) = (chars.next(), chars.next()) {
            return only.is_uppercase();
        }
        if is_dotted_acronym(word) {
            return !next_word(self.next)
                .and_then(word_key)
                .is_some_and(|next| SENTENCE_OPENERS_KEYS.contains(&next));
        }
        false
    }
}

/// Longest word (in bytes) looked at before a period; longer words are not abbreviations,
/// and the limit keeps the scan linear on pathological input such as "a.a.a.a.…".
const MAX_WORD_BYTES: usize = 24;

/// The word (letters, digits and inner dots) that ends right before a period, without
/// that period, or `None` if it is empty or too long to be an abbreviation.
fn word_before(before: &str) -> Option<&str> {
    let bytes = before.as_bytes();
    let mut start = bytes.len();
    // ASCII a byte at a time; a word with another character is read by characters.
    while let Some(&b) = start.checked_sub(1).and_then(|at| bytes.get(at)) {
        if !b.is_ascii() {
            return word_before_by_chars(before);
        }
        if !(b.is_ascii_alphanumeric() || b == b'.') {
            break;
        }
        if bytes.len() - (start - 1) > MAX_WORD_BYTES {
            return None;
        }
        start -= 1;
    }
    let word = &before[start..];
    (!word.is_empty()).then_some(word)
}

/// [`word_before`], a character at a time.
fn word_before_by_chars(before: &str) -> Option<&str> {
    let mut start = before.len();
    for (index, c) in before.char_indices().rev() {
        if !(c.is_alphanumeric() || c == '.') {
            break;
        }
        if before.len() - index > MAX_WORD_BYTES {
            return None;
        }
        start = index;
    }
    let word = &before[start..];
    (!word.is_empty()).then_some(word)
}

/// The first word of `text` after any opening quotes or brackets, letters only.
fn next_word(text: &str) -> Option<&str> {
    let text = text.trim_start_matches(is_opener);
    let end = text
        .char_indices()
        .take_while(|&(index, c)| c.is_alphabetic() && index < MAX_WORD_BYTES)
        .map(|(index, c)| index + c.len_utf8())
        .last()?;
    Some(&text[..end])
}

/// "U.S", "a.m", "Ph.D": groups of one or two letters joined by dots (the final dot is
/// the one being judged).
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|group| {
            let letters = group.chars().count();
            (1..=2).contains(&letters) && group.chars().all(char::is_alphabetic)
        })
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„' | '¿' | '¡'
    )
}

/// Uppercase letters, letters of scripts without case, digits and opening quotes can start
/// a sentence; lowercase letters and other punctuation (such as an ellipsis) cannot.
fn starts_sentence(c: char) -> bool {
    c.is_numeric() || is_opener(c) || (c.is_alphabetic() && !c.is_lowercase())
}

const ALWAYS_ABBREVIATED_KEYS: [u128; ALWAYS_ABBREVIATED.len()] = word_keys(ALWAYS_ABBREVIATED);
const BEFORE_NUMBER_KEYS: [u128; BEFORE_NUMBER.len()] = word_keys(BEFORE_NUMBER);
const SENTENCE_OPENERS_KEYS: [u128; SENTENCE_OPENERS.len()] = word_keys(SENTENCE_OPENERS);

/// Abbreviations that never end a sentence (compared lowercased, without the period).
const ALWAYS_ABBREVIATED: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "inc",
    "co", "corp", "ltd", "gov", "sen", "rep", "gen", "lt", "col", "capt", "sgt", "rev", "hon",
    "mt", "ft",
];

/// Abbreviations that do not end a sentence when a number follows ("Sept. 4", "No. 1").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
];

/// Words that commonly open a sentence; after a dotted acronym only these start a new one.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "when",
    "while",
    "after",
    "before",
    "however",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "if",
    "as",
    "still",
    "also",
    "meanwhile",
    "now",
    "what",
    "why",
    "how",
    "who",
    "for",
    "last",
    "earlier",
    "later",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter as first written, a character at a time: the searches above must
    /// find exactly the marks it finds.
    mod plain {
        use super::super::{
            ALWAYS_ABBREVIATED, BEFORE_NUMBER, MAX_WORD_BYTES, SENTENCE_OPENERS, Sentence,
            is_dotted_acronym, is_opener, starts_sentence,
        };
        use std::ops::Range;

        pub fn split_sentences(text: &str) -> Vec<Sentence> {
            let mut sentences = Vec::new();
            let mut paragraph = 0;
            let mut seen_text = false;
            let mut after_blank = false;
            let mut line_start = 0;
            for line in text.split('\n') {
                if line.trim().is_empty() {
                    after_blank = seen_text;
                } else {
                    if after_blank {
                        paragraph += 1;
                        after_blank = false;
                    }
                    seen_text = true;
                    let mut start = 0;
                    let ends = line_breaks(line).into_iter().map(|mark| mark.end);
                    for end in ends.chain(std::iter::once(line.len())) {
                        let piece = &line[start..end];
                        let from = start + (piece.len() - piece.trim_start().len());
                        let to = end - (piece.len() - piece.trim_end().len());
                        if from < to {
                            sentences.push(Sentence {
                                span: line_start + from..line_start + to,
                                paragraph,
                            });
                        }
                        start = end;
                    }
                }
                line_start += line.len() + 1;
            }
            sentences
        }

        pub fn sentence_marks(text: &str) -> Vec<Range<usize>> {
            let mut marks = Vec::new();
            let mut line_start = 0;
            for line in text.split('\n') {
                marks.extend(
                    line_breaks(line)
                        .into_iter()
                        .map(|mark| line_start + mark.start..line_start + mark.end),
                );
                line_start += line.len() + 1;
            }
            marks
        }

        fn line_breaks(line: &str) -> Vec<Range<usize>> {
            let mut marks = Vec::new();
            let mut i = 0;
            while let Some(skip) = line.as_bytes()[i..]
                .iter()
                .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
            {
                i += skip;
                let Some(c) = line[i..].chars().next() else {
                    break;
                };
                if !is_terminator(c) {
                    i += c.len_utf8();
                    continue;
                }
                let run_start = i;
                let mut run_end = i;
                while let Some(c) = line[run_end..].chars().next().filter(|&c| is_terminator(c)) {
                    run_end += c.len_utf8();
                }
                let mut mark_end = run_end;
                while let Some(c) = line[mark_end..].chars().next().filter(|&c| is_closer(c)) {
                    mark_end += c.len_utf8();
                }
                i = mark_end;
                let rest = &line[mark_end..];
                let next = rest.trim_start();
                if next.len() == rest.len() || next.is_empty() {
                    continue;
                }
                if ends_sentence(
                    &line[..run_start],
                    &line[run_start..run_end],
                    mark_end > run_end,
                    next,
                ) {
                    marks.push(run_start..mark_end);
                }
            }
            marks
        }

        fn ends_sentence(before: &str, run: &str, closed: bool, next: &str) -> bool {
            if !next.chars().next().is_some_and(starts_sentence) {
                return false;
            }
            if run.contains(['!', '?']) {
                return true;
            }
            if run == "." {
                return closed || !follows_abbreviation(before, next);
            }
            closed
        }

        fn follows_abbreviation(before: &str, next: &str) -> bool {
            let Some(word) = word_before(before) else {
                return false;
            };
            let lower = word.to_lowercase();
            if ALWAYS_ABBREVIATED.contains(&lower.as_str()) {
                return true;
            }
            let next_is_digit = next.chars().next().is_some_and(|c| c.is_ascii_digit());
            if BEFORE_NUMBER.contains(&lower.as_str()) {
                return next_is_digit;
            }
            let mut chars = word.chars();
            if let (Some(only), None) = (chars.next(), chars.next()) {
                return only.is_uppercase();
            }
            if is_dotted_acronym(word) {
                return !next_word(next)
                    .is_some_and(|next| SENTENCE_OPENERS.contains(&next.to_lowercase().as_str()));
            }
            false
        }

        fn word_before(before: &str) -> Option<&str> {
            let mut start = before.len();
            for (index, c) in before.char_indices().rev() {
                if !(c.is_alphanumeric() || c == '.') {
                    break;
                }
                if before.len() - index > MAX_WORD_BYTES {
                    return None;
                }
                start = index;
            }
            let word = &before[start..];
            (!word.is_empty()).then_some(word)
        }

        fn next_word(text: &str) -> Option<&str> {
            let text = text.trim_start_matches(is_opener);
            let end = text
                .char_indices()
                .take_while(|&(index, c)| c.is_alphabetic() && index < MAX_WORD_BYTES)
                .map(|(index, c)| index + c.len_utf8())
                .last()?;
            Some(&text[..end])
        }

        fn is_terminator(c: char) -> bool {
            matches!(c, '.' | '!' | '?' | '…')
        }

        fn is_closer(c: char) -> bool {
            matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
        }
    }

    /// Words, marks and spaces that the rules above treat differently, and characters
    /// that share bytes with the marks: `Ω` (E2 84 A6) and `₦` (E2 82 A6) end like `…`
    /// (E2 80 A6), `æ` and `¦` hold its last byte, `“` and `—` its first; `K` is the
    /// Kelvin sign, which lower-cases to an ASCII `k`, and `İ` lower-cases to two
    /// characters.
    const PIECES: &[&str] = &[
        "Mr",
        "mrs",
        "DR",
        "No",
        "Sept",
        "dec",
        "e.g",
        "I.E",
        "U.S",
        "a.m",
        "Ph.D",
        "u.s.a.b",
        "J",
        "j",
        "É",
        "é",
        "The",
        "the",
        "BUT",
        "However",
        "Jones",
        "word",
        "x",
        "1",
        "2020",
        "東京",
        "\u{212A}o",
        "İ",
        "Ω",
        "₦",
        "æ",
        "¦",
        "“",
        "—",
        "abcdefghijklmnopqrstuvw",
        "a.b.c.d.e.f.g.h.i.j.k",
        "abcdefghijklmnopqrstuvwxyz",
        ".",
        ".",
        ".",
        "...",
        "…",
        "?",
        "!",
        "?!",
        "\"",
        "”",
        "’",
        "'",
        ")",
        "]",
        "»",
        "(",
        "«",
        "¿",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\n",
        "\r\n",
        "\n\n",
        " \n",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        #[test]
        fn sentences_are_split_as_a_character_at_a_time(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(split_sentences(&text), plain::split_sentences(&text));
            proptest::prop_assert_eq!(sentence_marks(&text), plain::sentence_marks(&text));
        }
    }

    /// The sentences of `text` as strings.
    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|sentence| &text[sentence.span])
            .collect()
    }

    fn paragraphs(text: &str) -> Vec<usize> {
        split_sentences(text)
            .into_iter()
            .map(|sentence| sentence.paragraph)
            .collect()
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("  \n\r\n \t \n").is_empty());
    }

    #[test]
    fn two_plain_sentences_split_at_the_period() {
        assert_eq!(
            sentences("The band split. Then they reunited."),
            ["The band split.", "Then they reunited."]
        );
    }

    #[test]
    fn question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            sentences("Did they split? Yes! They did."),
            ["Did they split?", "Yes!", "They did."]
        );
    }

    #[test]
    fn a_period_before_a_lowercase_word_does_not_split() {
        assert_eq!(
            sentences("He paid 5 p. c. interest."),
            ["He paid 5 p. c. interest."]
        );
    }

    #[test]
    fn month_abbreviation_before_a_day_does_not_split() {
        assert_eq!(
            sentences("The interview was published Sept. 4 by the New Yorker."),
            ["The interview was published Sept. 4 by the New Yorker."]
        );
        assert_eq!(
            sentences("It ran on Jan. 12. Nobody noticed."),
            ["It ran on Jan. 12.", "Nobody noticed."]
        );
    }

    #[test]
    fn month_abbreviation_before_a_word_splits() {
        // "Dec." followed by a capitalised word is read as the end of a sentence.
        assert_eq!(
            sentences("The show closed in Dec. The cast left."),
            ["The show closed in Dec.", "The cast left."]
        );
    }

    #[test]
    fn titles_and_dotted_acronyms_do_not_split() {
        assert_eq!(
            sentences("Mr. West and Dr. Dre met in the U.S. in 2004. Then they worked together."),
            [
                "Mr. West and Dr. Dre met in the U.S. in 2004.",
                "Then they worked together."
            ]
        );
    }

    #[test]
    fn every_listed_abbreviation_keeps_the_sentence_whole() {
        for abbreviation in [
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Jr.", "Sr.", "vs.", "etc.", "e.g.",
            "i.e.", "Inc.", "Co.", "Corp.", "Ltd.", "Gov.", "Sen.", "Rep.", "Gen.", "Lt.", "Col.",
            "Capt.", "Sgt.",
        ] {
            let text = format!("They met {abbreviation} Jones there.");
            assert_eq!(sentences(&text), [text.as_str()], "{abbreviation}");
        }
    }

    #[test]
    fn number_abbreviations_hold_only_before_a_digit() {
        for abbreviation in [
            "No.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
        ] {
            let text = format!("It was {abbreviation} 3 that year.");
            assert_eq!(sentences(&text), [text.as_str()], "{abbreviation}");
            let text = format!("It was {abbreviation} That year ended.");
            assert_eq!(sentences(&text).len(), 2, "{abbreviation}");
        }
    }

    #[test]
    fn single_capital_initials_do_not_split() {
        assert_eq!(
            sentences("Donald J. Trump met J. Cole. They talked."),
            ["Donald J. Trump met J. Cole.", "They talked."]
        );
    }

    #[test]
    fn dotted_acronym_before_a_sentence_opener_splits() {
        assert_eq!(
            sentences("He moved to the U.S. The next year he left."),
            ["He moved to the U.S.", "The next year he left."]
        );
        assert_eq!(
            sentences("It opened at 9 a.m. But nobody came."),
            ["It opened at 9 a.m.", "But nobody came."]
        );
    }

    #[test]
    fn dotted_acronym_before_a_proper_noun_does_not_split() {
        assert_eq!(
            sentences("The U.S. Senate and the U.K. Parliament met in Washington, D.C. Monday."),
            ["The U.S. Senate and the U.K. Parliament met in Washington, D.C. Monday."]
        );
    }

    #[test]
    fn ellipsis_before_a_lowercase_word_does_not_split() {
        assert_eq!(
            sentences("He waited... and waited… and left."),
            ["He waited... and waited… and left."]
        );
    }

    #[test]
    fn ellipsis_at_the_end_of_a_quotation_splits() {
        assert_eq!(
            sentences("He said “I wonder…” Then he left."),
            ["He said “I wonder…”", "Then he left."]
        );
        // Inside the quotation it marks an omission, not a sentence end.
        assert_eq!(
            sentences("“I know this man mama, bro. … I changed this man’s family.”"),
            ["“I know this man mama, bro. … I changed this man’s family.”"]
        );
    }

    #[test]
    fn decimals_and_urls_never_split() {
        assert_eq!(
            sentences(
                "Turnout rose 1.5 points. See https://t.co/x9ixbjR7Dp and link.chtbl.com/LQb3 now."
            ),
            [
                "Turnout rose 1.5 points.",
                "See https://t.co/x9ixbjR7Dp and link.chtbl.com/LQb3 now."
            ]
        );
    }

    #[test]
    fn a_domain_at_the_end_of_a_sentence_still_splits() {
        assert_eq!(
            sentences("Visit streaming.thesource.com. It has more."),
            ["Visit streaming.thesource.com.", "It has more."]
        );
    }

    #[test]
    fn quotation_with_several_sentences_splits_inside() {
        assert_eq!(
            sentences("He said: \"I left. Then I came back.\" She laughed."),
            ["He said: \"I left.", "Then I came back.\"", "She laughed."]
        );
    }

    #[test]
    fn closing_quote_before_a_lowercase_word_does_not_split() {
        assert_eq!(
            sentences("“Why did he leave?” she asked. “Because.” he said."),
            ["“Why did he leave?” she asked.", "“Because.” he said."]
        );
    }

    #[test]
    fn sentences_in_parentheses_and_curly_quotes_split_after_the_closer() {
        assert_eq!(
            sentences(
                "John Legend and Kanye West. (Image via Getty Images) “We talked.” ‘Fine.’ Done."
            ),
            [
                "John Legend and Kanye West.",
                "(Image via Getty Images) “We talked.”",
                "‘Fine.’",
                "Done."
            ]
        );
    }

    #[test]
    fn headline_without_period_is_its_own_sentence_then_paragraph() {
        let text =
            "John Legend Reveals What Caused a Strain\n\nIn an interview, he spoke. He was calm.";
        assert_eq!(
            sentences(text),
            [
                "John Legend Reveals What Caused a Strain",
                "In an interview, he spoke.",
                "He was calm."
            ]
        );
        assert_eq!(paragraphs(text), [0, 1, 1]);
    }

    #[test]
    fn a_single_newline_ends_a_sentence_without_starting_a_paragraph() {
        let text = "By Tamantha Gunn Sep 07, 2022 2:00 PMTags\nWatch: John Legend Dishes on Kanye\n\nNext.";
        assert_eq!(
            sentences(text),
            [
                "By Tamantha Gunn Sep 07, 2022 2:00 PMTags",
                "Watch: John Legend Dishes on Kanye",
                "Next."
            ]
        );
        assert_eq!(paragraphs(text), [0, 0, 1]);
    }

    #[test]
    fn photo_credit_line_is_its_own_sentence() {
        let text = "They were friends for years,\n\nJohn Legend's Birthday Party in NYC 2015 - Dimitrios Kambouris/Getty Images\n\nIn a recent interview, Legend spoke.";
        assert_eq!(
            sentences(text),
            [
                "They were friends for years,",
                "John Legend's Birthday Party in NYC 2015 - Dimitrios Kambouris/Getty Images",
                "In a recent interview, Legend spoke."
            ]
        );
        assert_eq!(paragraphs(text), [0, 1, 2]);
    }

    #[test]
    fn several_blank_lines_count_as_one_paragraph_break() {
        let text = "\n\n  \nOne.\n\n\n \t\nTwo.\n\n";
        assert_eq!(sentences(text), ["One.", "Two."]);
        assert_eq!(paragraphs(text), [0, 1]);
    }

    #[test]
    fn crlf_line_endings_behave_like_lf() {
        let lf = "Headline\n\nFirst one. Second one.\nCaption\n\nLast.";
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(sentences(&crlf), sentences(lf));
        assert_eq!(paragraphs(&crlf), paragraphs(lf));
        assert!(sentences(&crlf).iter().all(|s| !s.contains('\r')));
    }

    #[test]
    fn spans_are_trimmed_of_unicode_whitespace() {
        let text = "\u{a0} The singer,\u{a0}43, spoke.\u{a0}\u{a0}Then he left.\u{a0}";
        assert_eq!(
            sentences(text),
            ["The singer,\u{a0}43, spoke.", "Then he left."]
        );
    }

    #[test]
    fn sentences_may_start_with_a_digit_or_a_caseless_letter() {
        assert_eq!(
            sentences("It ended. 2020 was hard. 東京 hosted."),
            ["It ended.", "2020 was hard.", "東京 hosted."]
        );
    }

    #[test]
    fn period_after_a_spaced_word_still_splits() {
        assert_eq!(
            sentences("w/a rising @kanyewest . They remained close."),
            ["w/a rising @kanyewest .", "They remained close."]
        );
    }

    #[test]
    fn seed_article_paragraph_splits_as_a_reader_would() {
        let text = "Kanye West has been a vocal supporter of former US president Donald Trump. He recently confirmed that he “still had a red hat on.” West also ran for president in 2020, as a third-party candidate. However, his campaign was run by several Republican operatives who wanted to get Trump re-elected.";
        assert_eq!(
            sentences(text),
            [
                "Kanye West has been a vocal supporter of former US president Donald Trump.",
                "He recently confirmed that he “still had a red hat on.”",
                "West also ran for president in 2020, as a third-party candidate.",
                "However, his campaign was run by several Republican operatives who wanted to get Trump re-elected."
            ]
        );
    }

    #[test]
    fn democrat_vs_republican_stays_one_sentence() {
        let text = "It appeared that they had a traditional Democrat vs. Republican fallout, that was not apparently the case.";
        assert_eq!(sentences(text), [text]);
    }

    #[test]
    fn sentence_marks_report_the_terminator_and_closer() {
        let text = "He said: \"I left. Then I came back.\" She laughed.";
        let marks: Vec<&str> = sentence_marks(text)
            .into_iter()
            .map(|mark| &text[mark])
            .collect();
        assert_eq!(marks, [".", ".\""]);
    }

    /// Checks every invariant of the returned spans.
    fn assert_well_formed(text: &str) {
        let mut previous_end = 0;
        let mut previous_paragraph = 0;
        for sentence in split_sentences(text) {
            let span = sentence.span.clone();
            assert!(span.start < span.end, "empty span {span:?} in {text:?}");
            assert!(span.start >= previous_end, "spans out of order in {text:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let piece = &text[span];
            assert_eq!(piece.trim(), piece, "untrimmed span in {text:?}");
            assert!(sentence.paragraph >= previous_paragraph);
            previous_end = sentence.span.end;
            previous_paragraph = sentence.paragraph;
        }
    }

    #[test]
    fn dotted_acronyms_about_the_longest_word_looked_at_split_as_a_character_at_a_time() {
        for letters in 10..16 {
            let acronym: Vec<String> = (0..letters).map(|_| "u".to_string()).collect();
            for next in ["Jones", "The", "1"] {
                let text = format!("Met in {}. {next} left.", acronym.join("."));
                assert_eq!(
                    split_sentences(&text),
                    plain::split_sentences(&text),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn arbitrary_unicode_and_punctuation_never_panics() {
        let pieces = [
            "", ".", "…", "...", "?!", "”", "’", "\"", "'", ")", " ", "\u{a0}", "\n", "\r\n",
            "\n\n", "A", "a", "é", "É", "1", "U.S.", "Mr.", "No.", "東", "🎉", "\u{301}",
            "\u{2028}", "\t", "“", "(",
        ];
        // Every ordered triple of pieces, which covers marks at the start, middle and end.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    assert_well_formed(&format!("{a}{b}{c}"));
                    assert_well_formed(&format!("{a}x{b}Y{c}"));
                }
            }
        }
    }

    #[test]
    fn megabyte_line_without_a_sentence_end_is_one_sentence() {
        let line = "word ".repeat(200_000) + "end";
        assert_eq!(split_sentences(&line).len(), 1);
    }

    #[test]
    fn megabyte_line_of_pathological_marks_finishes() {
        for unit in ["a.", "A. ", ". ", "…", "U.S. ", ".\"", "Mr. ", "?”"] {
            let line = unit.repeat(1_000_000 / unit.len());
            assert_well_formed(&line);
        }
    }
}
