//! Finding quotations: pairing double quotation marks (straight, curly, low and other
//! look-alikes) within paragraphs, following the news convention for a quotation that
//! runs on across paragraphs, and recording the marks that cannot be paired.

use std::ops::Range;

use super::normalise::is_invisible;

/// A paired quotation, before its speaker is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The opening mark.
    pub open: Range<usize>,
    /// The closing mark.
    pub close: Range<usize>,
    /// The quoted words, without the marks or the spaces just inside them.
    pub content: Range<usize>,
    /// How many quotations enclose this one; 0 at the top level.
    pub depth: usize,
}

/// Every quotation found, in order of position, and the marks left unpaired.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    pub found: Vec<Found>,
    pub unbalanced: Vec<Range<usize>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Opening,
    Closing,
    Either,
}

fn shape(c: char) -> Option<Shape> {
    match c {
        '“' | '„' | '‟' | '〝' => Some(Shape::Opening),
        '”' | '〞' | '〟' => Some(Shape::Closing),
        '"' | '＂' => Some(Shape::Either),
        _ => None,
    }
}

/// Deeper nesting than this is noise, not quotation; extra openings are reported.
const MAX_DEPTH: usize = 16;

struct Open {
    mark: Range<usize>,
    /// Opened with „, which German closes with “.
    low: bool,
    content_start: usize,
    /// End of the last mark that belongs to this opening (itself, a doubled mark, or a
    /// paragraph's continuation mark), to recognise doubled marks.
    marks_end: usize,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}')
}

/// Characters after which a mark reads as an opening one.
fn opens_after(c: char) -> bool {
    is_space(c) || matches!(c, '(' | '[' | '{' | '—' | '–' | '/')
}

struct Scanner<'t> {
    text: &'t str,
    stack: Vec<Open>,
    scan: Scan,
}

/// Positions are byte offsets of characters in the text.
impl Scanner<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        // An ASCII byte is a whole character; others are decoded.
        match self.text.as_bytes().get(i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.text.get(i..).and_then(|rest| rest.chars().next()),
        }
    }

    fn char_before(&self, i: usize) -> Option<char> {
        match i
            .checked_sub(1)
            .and_then(|last| self.text.as_bytes().get(last))
        {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self
                .text
                .get(..i)
                .and_then(|before| before.chars().next_back()),
        }
    }

    /// Where the character at `i` ends.
    fn end_of(&self, i: usize) -> usize {
        self.char_at(i)
            .map_or(self.text.len(), |c| i + c.len_utf8())
    }

    fn mark(&self, i: usize) -> Range<usize> {
        i..self.end_of(i)
    }

    /// The mark at `i` sits where an opening mark goes: after a space (or the start) and
    /// before a non-space.
    fn open_context(&self, i: usize) -> bool {
        let prev = self.char_before(i);
        prev.is_none_or(opens_after) && self.char_at(self.end_of(i)).is_some_and(|n| !is_space(n))
    }

    /// The mark at `i` sits where a closing mark goes: after a non-space and before a
    /// space, punctuation or the end.
    fn close_context(&self, i: usize) -> bool {
        let prev = self.char_before(i);
        prev.is_some_and(|p| !opens_after(p))
            && self
                .char_at(self.end_of(i))
                .is_none_or(|n| !n.is_alphanumeric())
    }

    fn report(&mut self, mark: Range<usize>) {
        self.scan.unbalanced.push(mark);
    }

    fn push(&mut self, i: usize) {
        let mark = self.mark(i);
        if self.stack.len() >= MAX_DEPTH {
            self.report(mark);
            return;
        }
        self.stack.push(Open {
            low: self.char_at(i) == Some('„'),
            content_start: mark.end,
            marks_end: mark.end,
            mark,
        });
    }

    fn close(&mut self, i: usize) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let close = self.mark(i);
        let content = trim(self.text, open.content_start..close.start);
        if !content.is_empty() {
            self.scan.found.push(Found {
                open: open.mark,
                close,
                content,
                depth: 0,
            });
        }
    }

    fn on_mark(&mut self, i: usize, c: char, shape: Shape) {
        let pos = i;
        // The characters either side of the mark decide how it reads: each is read once
        // (see `open_context` and `close_context`).
        let mark = i..i + c.len_utf8();
        let prev = self.char_before(i);
        let next = self.char_at(mark.end);
        let open_ctx = prev.is_none_or(opens_after) && next.is_some_and(|n| !is_space(n));
        let close_ctx =
            prev.is_some_and(|p| !opens_after(p)) && next.is_none_or(|n| !n.is_alphanumeric());
        let Some(top) = self.stack.last_mut() else {
            let stray = match shape {
                Shape::Opening => close_ctx,
                Shape::Closing => !open_ctx,
                Shape::Either => {
                    if close_ctx && prev.is_some_and(|p| p.is_ascii_digit()) {
                        // An inch mark (6'2"), not a quotation mark.
                        return;
                    }
                    close_ctx
                        || (prev.is_some_and(char::is_alphanumeric)
                            && next.is_some_and(char::is_alphanumeric))
                }
            };
            if stray {
                self.report(mark);
            } else {
                self.push(i);
            }
            return;
        };
        if top.marks_end == pos && !close_ctx && shape != Shape::Closing {
            // A doubled opening mark (““): the quotation starts after both.
            top.content_start = mark.end;
            top.marks_end = mark.end;
            self.report(mark);
            return;
        }
        let closes = match shape {
            Shape::Closing => true,
            Shape::Opening => (top.low && c == '“') || close_ctx,
            Shape::Either => !open_ctx,
        };
        if closes {
            self.close(i);
        } else {
            self.push(i);
        }
    }

    /// Handles the line break at `i` while a quotation is open; returns where to go on.
    fn on_line_break(&mut self, i: usize) -> usize {
        let mut k = i;
        let mut breaks = 0;
        while let Some(c) = self.char_at(k) {
            if !is_space(c) {
                break;
            }
            if is_line_break(c) || (c == '\r' && self.char_at(k + 1) != Some('\n')) {
                breaks += 1;
            }
            k += c.len_utf8();
        }
        let next_shape = self.char_at(k).and_then(shape);
        let last_before = self.text[..i].chars().rev().find(|&c| !is_space(c));
        let mid_sentence = last_before
            .is_some_and(|p| p.is_alphanumeric() || matches!(p, ',' | ';' | '-' | '–' | '—'));
        if breaks < 2 && next_shape.is_none() && mid_sentence {
            // A hard-wrapped line inside one paragraph.
            return self.end_of(i);
        }
        let continues = next_shape.is_some_and(|s| {
            (s != Shape::Closing || self.open_context(k)) && !self.close_context(k)
        });
        if continues {
            // News convention: the quotation goes on in the next paragraph, which opens
            // with a mark and no closing mark ended the previous one.
            let inner: Vec<Open> = self.stack.drain(1..).collect();
            for open in inner {
                self.report(open.mark);
            }
            let end = self.end_of(k);
            if let Some(bottom) = self.stack.first_mut() {
                bottom.marks_end = end;
            }
            return end;
        }
        let unclosed: Vec<Open> = self.stack.drain(..).collect();
        for open in unclosed {
            self.report(open.mark);
        }
        k
    }
}

/// Shrinks `range` to leave out the spaces at its ends.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start_matches(is_space).len());
    let end = range.start + slice.trim_end_matches(is_space).len();
    start..end.max(start)
}

/// Counts, for each quotation, the quotations around it. An opening mark that was never
/// closed encloses nothing, so depth is measured on the pairs that were made. `found`
/// is sorted by opening mark and properly nested.
fn set_depths(found: &mut [Found]) {
    let mut enclosing: Vec<usize> = Vec::new();
    for f in found.iter_mut() {
        while enclosing.last().is_some_and(|&end| end <= f.open.start) {
            enclosing.pop();
        }
        f.depth = enclosing.len();
        enclosing.push(f.close.end);
    }
}

/// Pairs the double quotation marks of `text`. Linear in the length of the text.
///
/// Single quote marks never pair: inside a double quotation they are part of it, at the
/// top level they mark titles, and most of them are apostrophes anyway.
pub(crate) fn scan(text: &str) -> Scan {
    // News articles quote something every few hundred bytes.
    let mut scanner = Scanner {
        text,
        stack: Vec::with_capacity(4),
        scan: Scan {
            found: Vec::with_capacity((text.len() / 256 + 4).min(1024)),
            unbalanced: Vec::new(),
        },
    };
    // Only quotation marks and line breaks matter, and line breaks only while a quotation
    // is open: every other character is skipped. They are found by their last byte, which
    // apostrophes and dashes do not share: " and 9C-9F (“ ” „ ‟ after E2 80, 〝 〞 〟 after
    // E3 80) and 82 (＂ after EF BC) for the marks; \n, \r, 85 (U+0085 after C2), A8 and
    // A9 (U+2028 and U+2029 after E2 80) for the breaks. A byte found may end some other
    // character, which is passed over.
    let bytes = text.as_bytes();
    let mut marks = NextByte::new(bytes, [[b'"', 0x9C, 0x9D], [0x9E, 0x9F, 0x82]]);
    let mut breaks = NextByte::new(bytes, [[b'\n', b'\r', 0x85], [0xA8, 0xA9, 0xA9]]);
    let mut i = 0;
    loop {
        let mark = marks.next(i);
        let next = if scanner.stack.is_empty() {
            mark
        } else {
            match (mark, breaks.next(i)) {
                (Some(m), Some(b)) => Some(m.min(b)),
                (m, b) => m.or(b),
            }
        };
        let Some(last) = next else {
            break;
        };
        // The character the byte found ends, or is inside of.
        let mut at = last;
        while at > i && bytes[at] & 0xC0 == 0x80 {
            at -= 1;
        }
        i = at;
        let Some(c) = scanner.char_at(i) else {
            break;
        };
        let lone_return = c == '\r' && scanner.char_at(i + 1) != Some('\n');
        if (is_line_break(c) || lone_return) && !scanner.stack.is_empty() {
            i = scanner.on_line_break(i);
            continue;
        }
        if let Some(s) = shape(c) {
            scanner.on_mark(i, c, s);
        }
        i += c.len_utf8();
    }
    let unclosed: Vec<Open> = scanner.stack.drain(..).collect();
    for open in unclosed {
        scanner.report(open.mark);
    }
    let mut scan = scanner.scan;
    scan.found.sort_by_key(|f| f.open.start);
    set_depths(&mut scan.found);
    scan.unbalanced.sort_by_key(|r| r.start);
    scan.unbalanced.dedup();
    scan
}

/// Finds, from a position on, the next byte of a text that is one of a few bytes.
/// memchr searches each group of up to three bytes, and what a group's search found is
/// kept until it is passed: a rare byte costs one search, not one at every step.
pub(crate) struct NextByte<'t, const G: usize> {
    haystack: &'t [u8],
    groups: [[u8; 3]; G],
    /// For each group, where its last search started and what it found
    /// (`haystack.len()` for nothing): no byte of the group lies between the two.
    found: [(usize, usize); G],
}

impl<'t, const G: usize> NextByte<'t, G> {
    pub(crate) fn new(haystack: &'t [u8], groups: [[u8; 3]; G]) -> Self {
        NextByte {
            haystack,
            groups,
            found: [(usize::MAX, 0); G],
        }
    }

    /// The first position at or after `from` that holds one of the bytes.
    pub(crate) fn next(&mut self, from: usize) -> Option<usize> {
        let len = self.haystack.len();
        let mut first = len;
        for (&[a, b, c], found) in self.groups.iter().zip(&mut self.found) {
            let (searched_from, at) = *found;
            if from < searched_from || from > at {
                let at = self
                    .haystack
                    .get(from..)
                    .and_then(|rest| memchr::memchr3(a, b, c, rest))
                    .map_or(len, |p| from + p);
                *found = (from, at);
            }
            first = first.min(found.1);
        }
        (first < len).then_some(first)
    }
}

/// The scanner as first written, over a table of every character.
#[cfg(test)]
#[path = "find_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of mark, the characters around marks that decide how they read, line
    /// breaks of each kind, and spaces that are or are not visible.
    const ALPHABET: &[char] = &[
        '"', '"', '“', '”', '„', '‟', '〝', '〞', '〟', '＂', 'a', 'B', '7', ' ', ' ', '\n', '\n',
        '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{200b}', '\u{a0}', ',', ';', '-', '—', '(', '/',
        '.', 'é', '中', '’', 'Ü', 'Å', '〜', '€', '😀', '\u{301f}',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        #[test]
        fn the_byte_scanner_pairs_exactly_the_marks_of_the_character_table_scanner(
            chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40)
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(scan(&text), super::reference::scan(&text));
        }
    }

    /// Every position at or after `from` holding one of `bytes`, found one by one.
    fn naive_next(haystack: &[u8], bytes: &[u8], from: usize) -> Option<usize> {
        (from..haystack.len()).find(|&i| bytes.contains(&haystack[i]))
    }

    proptest::proptest! {
        #[test]
        fn next_byte_finds_the_first_of_its_bytes_from_any_position_on(
            haystack in proptest::collection::vec(0u8..8, 0..200),
            steps in proptest::collection::vec(0usize..40, 0..40),
        ) {
            let mut next = NextByte::new(&haystack, [[1, 2, 2], [5, 6, 7], [3; 3]]);
            let mut from = 0;
            for step in steps {
                proptest::prop_assert_eq!(
                    next.next(from),
                    naive_next(&haystack, &[1, 2, 3, 5, 6, 7], from)
                );
                // Searches go on from a found byte, from just after it, or further, and
                // now and then from further back.
                from = match step.checked_sub(30) {
                    Some(back) => from.saturating_sub(back * 3),
                    None => next.next(from).map_or(from, |at| at + step % 3) + step / 3,
                };
            }
        }
    }

    fn quoted(text: &str) -> Vec<&str> {
        scan(text)
            .found
            .iter()
            .map(|f| &text[f.content.clone()])
            .collect()
    }

    fn unbalanced(text: &str) -> Vec<&str> {
        scan(text)
            .unbalanced
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn straight_marks_pair_in_order() {
        let text = r#"He said "yes" and then "no, never" again."#;
        assert_eq!(quoted(text), ["yes", "no, never"]);
        assert!(unbalanced(text).is_empty());
    }

    #[test]
    fn curly_marks_pair() {
        let text = "“That was kind of the Rupert Murdoch version,” he said.";
        assert_eq!(
            quoted(text),
            ["That was kind of the Rupert Murdoch version,"]
        );
    }

    #[test]
    fn a_straight_opening_pairs_with_a_curly_closing() {
        let text = "claiming that \"what he said was taken out of context,” the singer explained.";
        assert_eq!(quoted(text), ["what he said was taken out of context,"]);
        assert!(unbalanced(text).is_empty());
    }

    #[test]
    fn low_and_full_width_marks_are_double_marks() {
        assert_eq!(quoted("Er sagte „Hallo Welt“ und ging."), ["Hallo Welt"]);
        assert_eq!(
            quoted("She said ＂enough already＂ twice."),
            ["enough already"]
        );
        assert_eq!(quoted("He wrote 〝never again〞 there."), ["never again"]);
        assert_eq!(quoted("He wrote ‟never again” there."), ["never again"]);
    }

    #[test]
    fn single_quotes_inside_a_double_quotation_are_part_of_it() {
        let text = "“He told me ‘reconsider it’ and I didn’t,” she said.";
        assert_eq!(quoted(text), ["He told me ‘reconsider it’ and I didn’t,"]);
    }

    #[test]
    fn single_quoted_titles_and_apostrophes_are_not_quotations() {
        let text = "Kanye’s album ‘DONDA 2’ and the ’90s don't count, nor 'this' one.";
        assert!(quoted(text).is_empty());
        assert!(unbalanced(text).is_empty());
    }

    #[test]
    fn a_quotation_may_span_sentences() {
        let text = "\"I don't know. Maybe. It's up to him.\" he said.";
        assert_eq!(quoted(text), ["I don't know. Maybe. It's up to him."]);
    }

    #[test]
    fn a_quotation_runs_on_into_a_paragraph_that_opens_with_a_mark() {
        let text =
            "He said: “The first part goes here.\n\n“And the second part ends it.”\n\nAfter.";
        let scan = scan(text);
        assert_eq!(scan.found.len(), 1);
        let content = &text[scan.found[0].content.clone()];
        assert!(content.starts_with("The first part"));
        assert!(content.ends_with("ends it."));
        assert!(scan.unbalanced.is_empty());
    }

    #[test]
    fn an_unclosed_mark_before_a_plain_paragraph_is_unbalanced_and_scanning_goes_on() {
        let text = "He said “this never closes.\n\nNext paragraph has “a real one” here.";
        assert_eq!(quoted(text), ["a real one"]);
        assert_eq!(scan(text).unbalanced, vec![8..11]);
    }

    #[test]
    fn a_doubled_opening_mark_is_reported_once_and_the_quotation_kept() {
        let text = "stating, ““I know this man.” Then more.";
        assert_eq!(quoted(text), ["I know this man."]);
        assert_eq!(unbalanced(text), ["“"]);
    }

    #[test]
    fn a_closing_mark_never_opened_is_reported_once() {
        let text = "He was upset” and left. Later “fine” he said.";
        assert_eq!(quoted(text), ["fine"]);
        assert_eq!(unbalanced(text), ["”"]);
    }

    #[test]
    fn a_missing_closing_mark_before_a_new_quotation_keeps_the_new_one() {
        let text = r#""First part, he said. "Second part." Done."#;
        assert_eq!(quoted(text), ["Second part."]);
        assert_eq!(scan(text).unbalanced, vec![0..1]);
    }

    #[test]
    fn a_missing_space_after_a_closing_mark_still_closes() {
        assert_eq!(quoted(r#""Hello,"he said. "Bye.""#), ["Hello,", "Bye."]);
    }

    #[test]
    fn a_straight_quotation_inside_another_is_nested() {
        let text = r#""I love the "Drink Champs" show," he said."#;
        let scan = scan(text);
        let found: Vec<(&str, usize)> = scan
            .found
            .iter()
            .map(|f| (&text[f.content.clone()], f.depth))
            .collect();
        assert_eq!(
            found,
            [
                ("I love the \"Drink Champs\" show,", 0),
                ("Drink Champs", 1)
            ]
        );
    }

    #[test]
    fn a_hard_wrapped_line_does_not_end_a_quotation() {
        let text = "He said \"this is a long\nquotation that wraps\" and left.";
        assert_eq!(quoted(text), ["this is a long\nquotation that wraps"]);
    }

    #[test]
    fn inch_marks_are_not_quotation_marks() {
        let text = "He is 6'2\" tall and said \"hello there\" to us.";
        assert_eq!(quoted(text), ["hello there"]);
        assert!(unbalanced(text).is_empty());
    }

    #[test]
    fn thousands_of_marks_stay_linear_and_bounded() {
        let text = "“ a ".repeat(20_000) + &"““".repeat(20_000) + &"\"".repeat(20_001);
        let scan = scan(&text);
        assert!(scan.found.len() <= 40_000);
        let mut seen = scan.unbalanced.clone();
        seen.dedup();
        assert_eq!(seen.len(), scan.unbalanced.len());
    }

    #[test]
    fn empty_and_mark_only_texts_do_not_panic() {
        for text in [
            "",
            "\"",
            "“",
            "”",
            "\"\"",
            "“”",
            "\n\n“\n\n“",
            "„“”\"＂〝〞‟",
        ] {
            let scan = scan(text);
            for r in scan
                .unbalanced
                .iter()
                .chain(scan.found.iter().map(|f| &f.content))
            {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }
}
