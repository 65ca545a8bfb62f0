//! An article prepared for extraction: its sentences, paragraphs and line starts,
//! computed once and shared by every topic.

use std::ops::Range;
use std::sync::OnceLock;

use crate::corpus::Article;
use crate::kinds::date::{DateMention, find_dates};
use crate::rules::Pattern;
use crate::text::sentences::{Sentence, split_sentences};

/// An article's text with its sentences.
pub struct Document<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub published: Option<chrono::NaiveDate>,
    pub sentences: Vec<Sentence>,
    /// Where the body (what sentences are split from) starts in `text`.
    body_start: usize,
    line_starts: Vec<usize>,
    /// The date expressions of each sentence, found when a topic first asks.
    dates: Vec<OnceLock<Vec<DateMention>>>,
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
        let sentences: Vec<Sentence> = split_sentences(&text[body_start..])
            .into_iter()
            .map(|s| Sentence {
                span: s.span.start + body_start..s.span.end + body_start,
                paragraph: s.paragraph,
            })
            .collect();
        let sentences_len = sentences.len();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Document {
            path,
            text,
            published,
            sentences,
            body_start,
            line_starts,
            dates: (0..sentences_len).map(|_| OnceLock::new()).collect(),
        }
    }

    pub fn sentence_text(&self, index: usize) -> &'a str {
        &self.text[self.sentences[index].span.clone()]
    }

    /// The indices of the sentences within `context` of `index`, in the same paragraph,
    /// nearest first (the sentence itself, then before, then after).
    pub fn neighbours(&self, index: usize, context: usize) -> Vec<usize> {
        let paragraph = self.sentences[index].paragraph;
        let mut out = vec![index];
        for distance in 1..=context {
            if let Some(before) = index.checked_sub(distance)
                && self.sentences[before].paragraph == paragraph
            {
                out.push(before);
            }
            let after = index + distance;
            if after < self.sentences.len() && self.sentences[after].paragraph == paragraph {
                out.push(after);
            }
        }
        out
    }

    /// Whether one of `anchor` matches sentence `index` or one within `context` of it.
    /// No anchor patterns: every sentence is anchored.
    pub fn anchored(&self, index: usize, anchor: &[Pattern], context: usize) -> bool {
        anchor.is_empty()
            || self
                .neighbours(index, context)
                .into_iter()
                .any(|i| anchor.iter().any(|re| re.is_match(self.sentence_text(i))))
    }

    /// The date expressions in sentence `index` (spans relative to the sentence), found
    /// once however many topics ask.
    pub fn dates(&self, index: usize) -> &[DateMention] {
        self.dates.get(index).map_or(&[], |dates| {
            dates.get_or_init(|| find_dates(self.sentence_text(index)))
        })
    }

    /// The body (the text sentences are split from) and where it starts in `text`.
    pub fn body(&self) -> (usize, &'a str) {
        (self.body_start, &self.text[self.body_start..])
    }

    /// The indices of the sentences in which `pattern` matches, in order.
    ///
    /// One search of the whole body finds them: a match within one sentence is a match
    /// of that sentence, and the sentences a longer match spans are checked one by one.
    /// Every sentence the pattern matches is found that way, because a sentence's match
    /// is also a match in the body, so the body's leftmost-first search stops in or
    /// before it. Patterns for which that does not hold are tried on every sentence.
    pub fn sentences_matching(&self, pattern: &Pattern) -> Vec<usize> {
        if !pattern.searches_across_body() {
            return (0..self.sentences.len())
                .filter(|&i| pattern.is_match(self.sentence_text(i)))
                .collect();
        }
        let body = &self.text[self.body_start..];
        let mut out: Vec<usize> = Vec::new();
        for found in pattern.find_iter(body) {
            let start = found.start() + self.body_start;
            let end = found.end() + self.body_start;
            let first = self.sentences.partition_point(|s| s.span.end <= start);
            let last = self.sentences.partition_point(|s| s.span.start < end);
            let within_one = last == first + 1 && {
                let span = &self.sentences[first].span;
                span.start <= start && end <= span.end
            };
            for index in first..last {
                if out.last().is_some_and(|&l| l >= index) {
                    continue;
                }
                if within_one || pattern.is_match(self.sentence_text(index)) {
                    out.push(index);
                }
            }
        }
        out
    }

    /// Whether each sentence is anchored: one of `anchor` matches it or a sentence
    /// within `context` of it in the same paragraph, as [`Document::anchored`] says for
    /// one sentence. No anchor patterns: every sentence is anchored.
    pub fn anchored_sentences(&self, anchor: &[Pattern], context: usize) -> Vec<bool> {
        if anchor.is_empty() {
            return vec![true; self.sentences.len()];
        }
        let mut anchored = vec![false; self.sentences.len()];
        for index in self.sentences_matching_any(anchor) {
            for neighbour in self.neighbours(index, context) {
                anchored[neighbour] = true;
            }
        }
        anchored
    }

    /// The indices of the sentences in which one of `patterns` matches, in order.
    pub fn sentences_matching_any(&self, patterns: &[Pattern]) -> Vec<usize> {
        let mut out: Vec<usize> = patterns
            .iter()
            .flat_map(|p| self.sentences_matching(p))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
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
