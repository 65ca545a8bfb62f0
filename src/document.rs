//! An article prepared for extraction: its sentences, paragraphs and line starts,
//! computed once and shared by every topic.

use std::ops::Range;

use regex::Regex;

use crate::corpus::Article;
use crate::text::sentences::{Sentence, split_sentences};

/// An article's text with its sentences.
pub struct Document<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub published: Option<chrono::NaiveDate>,
    pub sentences: Vec<Sentence>,
    line_starts: Vec<usize>,
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
        let sentences = split_sentences(&text[body_start..])
            .into_iter()
            .map(|s| Sentence {
                span: s.span.start + body_start..s.span.end + body_start,
                paragraph: s.paragraph,
            })
            .collect();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Document {
            path,
            text,
            published,
            sentences,
            line_starts,
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
    pub fn anchored(&self, index: usize, anchor: &[Regex], context: usize) -> bool {
        anchor.is_empty()
            || self
                .neighbours(index, context)
                .into_iter()
                .any(|i| anchor.iter().any(|re| re.is_match(self.sentence_text(i))))
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
