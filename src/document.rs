//! An article prepared for extraction: its sentences, paragraphs and line starts, and the
//! searchable form rules match against, computed once and shared by every topic.

use std::ops::Range;
use std::sync::OnceLock;

use crate::corpus::Article;
use crate::kinds::date::{DateMention, find_dates};
use crate::rules::Pattern;
use crate::text::normalise::Normalised;
use crate::text::sentences::{Sentence, split_sentences};
use crate::text::stance::{SentenceCues, StanceCues};

/// An article's text with its sentences.
///
/// Rules search the *searchable* text ([`Document::searchable_sentence`]), in which
/// invisible characters are removed and odd spaces are plain spaces (see
/// [`crate::text::normalise`]); everything a claim reports (spans, sentences, lines)
/// points into the original `text`. Map a match back with [`Document::original_span`].
pub struct Document<'a> {
    pub path: &'a str,
    /// The article's text, as written.
    pub text: &'a str,
    pub published: Option<chrono::NaiveDate>,
    /// The body's sentences, with spans in `text`.
    pub sentences: Vec<Sentence>,
    /// Where each line starts, found when a position is first asked for.
    line_starts: OnceLock<Vec<usize>>,
    searchable: Normalised<'a>,
    /// Where the body (what sentences are split from) starts in the searchable text.
    searchable_body_start: usize,
    /// Each sentence's span in the searchable text.
    searchable_spans: Vec<Range<usize>>,
    /// The date expressions of each sentence, found when a topic first asks.
    dates: Vec<OnceLock<Vec<DateMention>>>,
    /// Each sentence read with the shipped stance cues, when a topic first asks.
    cues: Vec<OnceLock<SentenceCues>>,
}

impl<'a> Document<'a> {
    pub fn new(article: &'a Article) -> Document<'a> {
        Document::from_text(
            &article.path,
            &article.text,
            article.body_start,
            article.published.as_ref().map(|p| p.date),
        )
    }

    /// A document over `text`, whose body (what claims are read from) starts at `body_start`.
    pub fn from_text(
        path: &'a str,
        text: &'a str,
        body_start: usize,
        published: Option<chrono::NaiveDate>,
    ) -> Document<'a> {
        let body_start = if text.is_char_boundary(body_start) {
            body_start
        } else {
            0
        };
        let searchable = Normalised::new(text);
        let searchable_body_start = searchable.from_original(body_start..body_start).start;
        // Split in the searchable text, then moved in place to the original; a text that
        // needed no change is its own searchable text, and sentences end on characters'
        // edges, so there their spans are the same.
        let mut sentences = split_sentences(&searchable.as_str()[searchable_body_start..]);
        let unchanged = searchable.is_unchanged();
        let mut searchable_spans = Vec::with_capacity(sentences.len());
        for sentence in &mut sentences {
            let span = sentence.span.start + searchable_body_start
                ..sentence.span.end + searchable_body_start;
            sentence.span = if unchanged {
                span.clone()
            } else {
                searchable.to_original(span.clone())
            };
            searchable_spans.push(span);
        }
        let sentences_len = sentences.len();
        Document {
            path,
            text,
            published,
            sentences,
            line_starts: OnceLock::new(),
            searchable,
            searchable_body_start,
            searchable_spans,
            dates: (0..sentences_len).map(|_| OnceLock::new()).collect(),
            cues: (0..sentences_len).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Sentence `index` as written.
    pub fn sentence_text(&self, index: usize) -> &'a str {
        &self.text[self.sentences[index].span.clone()]
    }

    /// The whole text as rules search it.
    pub fn searchable_text(&self) -> &str {
        self.searchable.as_str()
    }

    /// Sentence `index` as rules search it. Offsets into it are not offsets into the
    /// article: map them with [`Document::original_span`].
    pub fn searchable_sentence(&self, index: usize) -> &str {
        &self.searchable.as_str()[self.searchable_spans[index].clone()]
    }

    /// The span in the article of `range`, a range of [`Document::searchable_sentence`]
    /// `index`.
    pub fn original_span(&self, index: usize, range: Range<usize>) -> Range<usize> {
        let base = self.searchable_spans[index].start;
        self.searchable
            .to_original(base + range.start..base + range.end)
    }

    /// The range of [`Document::searchable_sentence`] `index` that holds `span` (a span in
    /// the article), clamped to the sentence.
    pub fn searchable_range(&self, index: usize, span: Range<usize>) -> Range<usize> {
        let sentence = self.searchable_spans[index].clone();
        let found = self.searchable.from_original(span);
        let start = found.start.clamp(sentence.start, sentence.end);
        let end = found.end.clamp(start, sentence.end);
        start - sentence.start..end - sentence.start
    }

    /// The indices of the sentences within `context` of `index`, in the same paragraph,
    /// nearest first (the sentence itself, then before, then after).
    pub fn neighbours(
        &self,
        index: usize,
        context: usize,
    ) -> impl Iterator<Item = usize> + use<'_, 'a> {
        let paragraph = self.sentences[index].paragraph;
        // Farther than the document is long, no sentence is left on either side.
        let context = context.min(self.sentences.len());
        let in_paragraph = move |i: &usize| {
            self.sentences
                .get(*i)
                .is_some_and(|s| s.paragraph == paragraph)
        };
        std::iter::once(index).chain((1..=context).flat_map(move |distance| {
            let before = index.checked_sub(distance).filter(in_paragraph);
            let after = index.checked_add(distance).filter(in_paragraph);
            before.into_iter().chain(after)
        }))
    }

    /// Whether one of `anchor` matches sentence `index` or one within `context` of it.
    /// No anchor patterns: every sentence is anchored.
    pub fn anchored(&self, index: usize, anchor: &[Pattern], context: usize) -> bool {
        anchor.is_empty()
            || self.neighbours(index, context).into_iter().any(|i| {
                anchor
                    .iter()
                    .any(|re| re.is_match(self.searchable_sentence(i)))
            })
    }

    /// The date expressions in sentence `index`, found once however many topics ask.
    /// Spans are relative to [`Document::searchable_sentence`] `index`: map them with
    /// [`Document::original_span`].
    pub fn dates(&self, index: usize) -> &[DateMention] {
        self.dates.get(index).map_or(&[], |dates| {
            dates.get_or_init(|| find_dates(self.searchable_sentence(index)))
        })
    }

    /// Sentence `index` as rules search it, read with the shipped stance cues, once
    /// however many topics ask; `None` for an index out of range.
    pub fn builtin_cues(&self, index: usize) -> Option<&SentenceCues> {
        let cell = self.cues.get(index)?;
        Some(cell.get_or_init(|| StanceCues::shipped().read(self.searchable_sentence(index))))
    }

    /// The body (the text sentences are split from) as rules search it, and where it
    /// starts in [`Document::searchable_text`].
    pub fn searchable_body(&self) -> (usize, &str) {
        let start = self.searchable_body_start;
        (start, &self.searchable.as_str()[start..])
    }

    /// Each sentence's span in [`Document::searchable_text`], in order.
    pub fn searchable_spans(&self) -> &[Range<usize>] {
        &self.searchable_spans
    }

    /// The indices of the sentences in which `pattern` matches (as rules search them,
    /// see [`Document::searchable_sentence`]), in order.
    ///
    /// One search of the whole searchable body finds them: a match within one sentence
    /// is a match of that sentence, and the sentences a longer match spans are checked
    /// one by one. Every sentence the pattern matches is found that way, because a
    /// sentence's match is also a match in the body, so the body's leftmost-first search
    /// stops in or before it. Patterns for which that does not hold are tried on every
    /// sentence.
    pub fn sentences_matching(&self, pattern: &Pattern) -> Vec<usize> {
        if !pattern.searches_across_body() {
            return (0..self.sentences.len())
                .filter(|&i| pattern.is_match(self.searchable_sentence(i)))
                .collect();
        }
        let (body_start, body) = self.searchable_body();
        let spans = &self.searchable_spans;
        let mut out: Vec<usize> = Vec::new();
        for found in pattern.find_iter(body) {
            let start = found.start() + body_start;
            let end = found.end() + body_start;
            let first = spans.partition_point(|s| s.end <= start);
            let last = spans.partition_point(|s| s.start < end);
            let within_one = last == first + 1 && {
                let span = &spans[first];
                span.start <= start && end <= span.end
            };
            for index in first..last {
                if out.last().is_some_and(|&l| l >= index) {
                    continue;
                }
                if within_one || pattern.is_match(self.searchable_sentence(index)) {
                    out.push(index);
                }
            }
        }
        out
    }

    /// 1-based line of a byte offset, as [`Document::line_column`] has it.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&start| start <= offset)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.line_starts()[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// [`Document::line_column`] of each offset it is given in turn, counting on from the
    /// previous one when they come in order, so that many claims on one long line cost
    /// one pass.
    pub(crate) fn line_column_counter(&self) -> impl FnMut(usize) -> (usize, usize) + '_ {
        // (offset, line, column) of the previous position, to count on from.
        let mut previous: Option<(usize, usize, usize)> = None;
        move |offset| {
            let counted_on = previous.and_then(|(at, line, column)| {
                let same_line = self
                    .line_starts()
                    .get(line)
                    .is_none_or(|&next| offset < next);
                let between = self.text.get(at..offset).filter(|_| same_line)?;
                Some((line, column + between.chars().count()))
            });
            let (line, column) = counted_on.unwrap_or_else(|| self.line_column(offset));
            previous = Some((offset, line, column));
            (line, column)
        }
    }

    /// The byte offset where each line of the text starts, in order.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|at| at + 1))
                .collect()
        })
    }

    /// The index of the sentence that holds byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    pub fn span_text(&self, span: &Range<usize>) -> &'a str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_search_a_sentence_without_invisible_characters_and_spans_map_back() {
        let text = "Intro.\nHe said I didn’t\u{200B} support\u{00A0}him running.";
        let doc = Document::from_text("a.txt", text, 0, None);
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(
            doc.sentence_text(1),
            "He said I didn’t\u{200B} support\u{00A0}him running."
        );
        let searchable = doc.searchable_sentence(1);
        assert_eq!(searchable, "He said I didn’t support him running.");
        let at = searchable.find("didn’t support him").expect("found");
        let span = doc.original_span(1, at..at + "didn’t support him".len());
        assert_eq!(&text[span.clone()], "didn’t\u{200B} support\u{00A0}him");
        assert_eq!(
            doc.searchable_range(1, span),
            at..at + "didn’t support him".len()
        );
    }

    #[test]
    fn a_non_breaking_space_after_a_full_stop_still_ends_the_sentence() {
        let text = "West spoke.\u{00A0}Legend\u{200B} answered.";
        let doc = Document::from_text("a.txt", text, 0, None);
        let sentences: Vec<&str> = (0..doc.sentences.len())
            .map(|i| doc.sentence_text(i))
            .collect();
        assert_eq!(sentences, vec!["West spoke.", "Legend\u{200B} answered."]);
    }

    #[test]
    fn the_body_starts_after_the_header_in_both_forms_of_the_text() {
        let text = "date 2022-09-08\u{00A0}Body\u{200B} text.";
        let doc = Document::from_text("a.txt", text, 15, None);
        assert_eq!(doc.sentences.len(), 1);
        assert_eq!(doc.sentence_text(0), "Body\u{200B} text.");
        assert_eq!(doc.searchable_sentence(0), "Body text.");
    }

    #[test]
    fn sentence_spans_of_an_unchanged_text_are_those_mapped_back() {
        let text = "date 2022-09-08 Body “text”… é.\nMr. Smith left. Then 東京 hosted.";
        let doc = Document::from_text("a.txt", text, 16, None);
        assert!(doc.searchable.is_unchanged());
        assert_eq!(doc.sentences.len(), 3);
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let searchable = doc.searchable_spans[index].clone();
            assert_eq!(sentence.span, doc.searchable.to_original(searchable));
        }
    }

    #[test]
    fn line_columns_count_on_along_a_line_and_agree_with_line_column() {
        let text = "first line\r\nsecond “line” é here\nthird";
        let doc = Document::from_text("a.txt", text, 0, None);
        let offsets: Vec<usize> = vec![0, 3, 12, 20, 31, 34, text.len() - 1, 2];
        let expected: Vec<(usize, usize)> = offsets.iter().map(|&o| doc.line_column(o)).collect();
        let mut line_column = doc.line_column_counter();
        let counted: Vec<(usize, usize)> = offsets.iter().map(|&o| line_column(o)).collect();
        assert_eq!(counted, expected);
        assert_eq!(doc.line_column(12), (2, 1));
        assert_eq!(doc.line_column(text.len() - 1), (3, 5));
    }
}
