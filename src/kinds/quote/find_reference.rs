//! The quotation-mark scanner as first written, over a table of every character, kept
//! for the tests: the scanner that reads byte offsets must pair exactly the same marks.

use std::ops::Range;

use super::super::normalise::is_invisible;
use super::{Found, MAX_DEPTH, Scan, set_depths, trim};

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
    chars: Vec<(usize, char)>,
    stack: Vec<Open>,
    scan: Scan,
}

impl Scanner<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn end_of(&self, i: usize) -> usize {
        self.chars.get(i + 1).map_or(self.text.len(), |&(p, _)| p)
    }

    fn mark(&self, i: usize) -> Range<usize> {
        self.chars[i].0..self.end_of(i)
    }

    /// The mark at `i` sits where an opening mark goes: after a space (or the start) and
    /// before a non-space.
    fn open_context(&self, i: usize) -> bool {
        let prev = i.checked_sub(1).and_then(|p| self.char_at(p));
        prev.is_none_or(opens_after) && self.char_at(i + 1).is_some_and(|n| !is_space(n))
    }

    /// The mark at `i` sits where a closing mark goes: after a non-space and before a
    /// space, punctuation or the end.
    fn close_context(&self, i: usize) -> bool {
        let prev = i.checked_sub(1).and_then(|p| self.char_at(p));
        prev.is_some_and(|p| !opens_after(p))
            && self.char_at(i + 1).is_none_or(|n| !n.is_alphanumeric())
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
            low: self.chars[i].1 == '„',
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

    fn on_mark(&mut self, i: usize, shape: Shape) {
        let (pos, c) = self.chars[i];
        let open_ctx = self.open_context(i);
        let close_ctx = self.close_context(i);
        let mark = self.mark(i);
        let Some(top) = self.stack.last_mut() else {
            let stray = match shape {
                Shape::Opening => close_ctx,
                Shape::Closing => !open_ctx,
                Shape::Either => {
                    let prev = i.checked_sub(1).and_then(|p| self.char_at(p));
                    if close_ctx && prev.is_some_and(|p| p.is_ascii_digit()) {
                        // An inch mark (6'2"), not a quotation mark.
                        return;
                    }
                    close_ctx
                        || (prev.is_some_and(char::is_alphanumeric)
                            && self.char_at(i + 1).is_some_and(char::is_alphanumeric))
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
            k += 1;
        }
        let next_shape = self.char_at(k).and_then(shape);
        let last_before = self.chars[..i]
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .find(|&c| !is_space(c));
        let mid_sentence = last_before
            .is_some_and(|p| p.is_alphanumeric() || matches!(p, ',' | ';' | '-' | '–' | '—'));
        if breaks < 2 && next_shape.is_none() && mid_sentence {
            // A hard-wrapped line inside one paragraph.
            return i + 1;
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
            return k + 1;
        }
        let unclosed: Vec<Open> = self.stack.drain(..).collect();
        for open in unclosed {
            self.report(open.mark);
        }
        k
    }
}

/// Pairs the double quotation marks of `text`. Linear in the length of the text.
///
/// Single quote marks never pair: inside a double quotation they are part of it, at the
/// top level they mark titles, and most of them are apostrophes anyway.
pub(crate) fn scan(text: &str) -> Scan {
    let mut scanner = Scanner {
        text,
        chars: text.char_indices().collect(),
        stack: Vec::new(),
        scan: Scan::default(),
    };
    let mut i = 0;
    while i < scanner.chars.len() {
        let c = scanner.chars[i].1;
        let lone_return = c == '\r' && scanner.char_at(i + 1) != Some('\n');
        if (is_line_break(c) || lone_return) && !scanner.stack.is_empty() {
            i = scanner.on_line_break(i);
            continue;
        }
        if let Some(s) = shape(c) {
            scanner.on_mark(i, s);
        }
        i += 1;
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
