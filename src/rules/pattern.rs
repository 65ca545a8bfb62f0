//! A compiled rule pattern: the regex, with `\b` made an ASCII word boundary, and what the
//! engine needs to know to search a whole article body with it at once.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, Range};

use regex::Regex;
use regex_syntax::ast::{self, AssertionKind, Ast, GroupKind};
use regex_syntax::hir::Look;

use super::sentence_search::SentenceSearch;

/// A rule pattern, compiled once. It dereferences to its [`Regex`].
#[derive(Clone)]
pub struct Pattern {
    regex: Regex,
    across_body: bool,
    pub(super) in_sentence: SentenceSearch,
}

impl Pattern {
    /// Wraps a compiled regex. `across_body` says whether one search of a whole article
    /// body finds every sentence the pattern matches (see [`Pattern::searches_across_body`]).
    pub fn new(regex: Regex) -> Pattern {
        let across_body = searchable_across_sentences(regex.as_str());
        Pattern {
            regex,
            across_body,
            in_sentence: SentenceSearch::default(),
        }
    }

    /// The compiled regex.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// True when one search of a whole article body finds every sentence the pattern
    /// matches, because a match within one sentence is a match of the same text in the
    /// body. That holds unless the pattern uses `^`, `$`, `\A` or `\z` (which mean the
    /// start and end of the sentence) or can match the empty string somewhere. Word
    /// boundaries are no obstacle: sentences are trimmed, so the character just outside
    /// one is whitespace, which is not a word character, just like the edge of the text.
    /// Patterns with Unicode word boundaries are searched sentence by sentence too: the
    /// fast automaton cannot search them across text with non-ASCII characters.
    pub fn searches_across_body(&self) -> bool {
        self.across_body
    }

    /// Whether the pattern matches `sentence`, as [`Regex::is_match`] says, searched the
    /// way short text is searched fastest.
    pub fn is_match_in_sentence(&self, sentence: &str) -> bool {
        self.is_match_in_window(sentence, 0..sentence.len())
    }

    /// [`Pattern::is_match_in_sentence`] for a sentence whose matches, if it has any, all
    /// lie in `window` (as the scanner says, see [`crate::scan::Hits::windows`]): only
    /// the window is searched.
    pub fn is_match_in_window(&self, sentence: &str, window: Range<usize>) -> bool {
        self.in_sentence.is_match(&self.regex, sentence, window)
    }

    /// The spans of the pattern's matches in `sentence`, those of [`Regex::find_iter`],
    /// searched the way short text is searched fastest.
    pub fn find_in_sentence<'p, 'h>(
        &'p self,
        sentence: &'h str,
    ) -> impl Iterator<Item = Range<usize>> + use<'p, 'h> {
        self.find_in_window(sentence, 0..sentence.len())
    }

    /// [`Pattern::find_in_sentence`] for a sentence whose matches all lie in `window`:
    /// only the window is searched.
    pub fn find_in_window<'p, 'h>(
        &'p self,
        sentence: &'h str,
        window: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + use<'p, 'h> {
        self.in_sentence.find_iter(&self.regex, sentence, window)
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.regex, f)
    }
}

impl From<Regex> for Pattern {
    fn from(regex: Regex) -> Pattern {
        Pattern::new(regex)
    }
}

/// Whether `source` has no sentence anchors or Unicode word boundaries and cannot match
/// the empty string.
fn searchable_across_sentences(source: &str) -> bool {
    let Ok(hir) = regex_syntax::Parser::new().parse(source) else {
        return false;
    };
    let properties = hir.properties();
    let looks = properties.look_set();
    let sentence_bound = [
        Look::Start,
        Look::End,
        Look::StartLF,
        Look::EndLF,
        Look::StartCRLF,
        Look::EndCRLF,
        Look::WordUnicode,
        Look::WordUnicodeNegate,
        Look::WordStartUnicode,
        Look::WordEndUnicode,
        Look::WordStartHalfUnicode,
        Look::WordEndHalfUnicode,
    ]
    .into_iter()
    .any(|look| looks.contains(look));
    !sentence_bound && properties.minimum_len().is_some_and(|len| len > 0)
}

/// `source` with every word-boundary assertion (`\b`, `\B`, `\b{start}`, `\<`, ...) made
/// ASCII: `(?-u:\b)`. Unicode word boundaries make the regex engine's fast automaton give up
/// on any non-ASCII text (curly quotes, accents), which makes searches ten times slower;
/// the ASCII form matches the same text except next to a non-ASCII letter or digit.
///
/// `written` is the pattern as the rule author wrote it: when it holds a non-ASCII
/// character, the author is matching non-ASCII words, so its boundaries stay Unicode.
/// A pattern that does not parse is returned unchanged, so that compiling it reports the
/// author's own mistake.
pub fn ascii_word_boundaries<'a>(written: &str, source: &'a str) -> Cow<'a, str> {
    if !written.is_ascii() {
        return Cow::Borrowed(source);
    }
    let Ok(parsed) = ast::parse::Parser::new().parse(source) else {
        return Cow::Borrowed(source);
    };
    let Ok(mut spans) = ast::visit(&parsed, WordBoundaries::default());
    // A boundary that is already ASCII, such as those of the `{number}` grammar, stays.
    spans.retain(|&(start, end)| {
        !(source[..start].ends_with("(?-u:") && source[end..].starts_with(')'))
    });
    if spans.is_empty() {
        return Cow::Borrowed(source);
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(source.len() + spans.len() * 6);
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&source[at..start]);
        out.push_str("(?-u:");
        out.push_str(&source[start..end]);
        out.push(')');
        at = end;
    }
    out.push_str(&source[at..]);
    Cow::Owned(out)
}

/// `source` with every named group made a plain group, so that patterns that name the
/// same group can be joined into one alternation (as `rg -f` does).
pub fn without_group_names(source: &str) -> Cow<'_, str> {
    let Ok(parsed) = ast::parse::Parser::new().parse(source) else {
        return Cow::Borrowed(source);
    };
    let Ok(mut names) = ast::visit(&parsed, GroupNames::default());
    if names.is_empty() {
        return Cow::Borrowed(source);
    }
    names.sort_unstable();
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (start, end) in names {
        out.push_str(&source[at..start]);
        out.push('(');
        at = end;
    }
    out.push_str(&source[at..]);
    Cow::Owned(out)
}

/// Collects the spans from `(` to `>` of named groups.
#[derive(Default)]
struct GroupNames(Vec<(usize, usize)>);

impl ast::Visitor for GroupNames {
    type Output = Vec<(usize, usize)>;
    type Err = std::convert::Infallible;

    fn finish(self) -> Result<Self::Output, Self::Err> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), Self::Err> {
        if let Ast::Group(group) = ast
            && let GroupKind::CaptureName { name, .. } = &group.kind
        {
            // The name is followed by `>`.
            self.0
                .push((group.span.start.offset, name.span.end.offset + 1));
        }
        Ok(())
    }
}

/// Collects the byte spans of word-boundary assertions.
#[derive(Default)]
struct WordBoundaries(Vec<(usize, usize)>);

impl ast::Visitor for WordBoundaries {
    type Output = Vec<(usize, usize)>;
    type Err = std::convert::Infallible;

    fn finish(self) -> Result<Self::Output, Self::Err> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), Self::Err> {
        if let Ast::Assertion(assertion) = ast
            && !matches!(
                assertion.kind,
                AssertionKind::StartLine
                    | AssertionKind::EndLine
                    | AssertionKind::StartText
                    | AssertionKind::EndText
            )
        {
            self.0
                .push((assertion.span.start.offset, assertion.span.end.offset));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(pattern: &str) -> String {
        ascii_word_boundaries(pattern, pattern).into_owned()
    }

    #[test]
    fn every_word_boundary_becomes_ascii() {
        assert_eq!(rewritten(r"(?i)\bLegend\b"), r"(?i)(?-u:\b)Legend(?-u:\b)");
        assert_eq!(rewritten(r"\Bx\<y\>"), r"(?-u:\B)x(?-u:\<)y(?-u:\>)");
        for pattern in [r"\Bx\<y\>", r"\b{start}w\b{end}\b{start-half}v\b{end-half}"] {
            assert!(Regex::new(&rewritten(pattern)).is_ok(), "{pattern}");
        }
        assert_eq!(
            rewritten(r"\b{start}word\b{end}"),
            r"(?-u:\b{start})word(?-u:\b{end})"
        );
    }

    #[test]
    fn escaped_backslashes_classes_and_anchors_are_left_alone() {
        assert_eq!(rewritten(r"a\\b"), r"a\\b");
        assert_eq!(rewritten(r"^[^.;b]{0,40}$"), r"^[^.;b]{0,40}$");
        assert_eq!(rewritten(r"(?-u:\b)x"), r"(?-u:\b)x");
    }

    #[test]
    fn patterns_written_with_non_ascii_characters_keep_unicode_boundaries() {
        assert_eq!(ascii_word_boundaries(r"\bJosé\b", r"\bJosé\b"), r"\bJosé\b");
        // Only what the author wrote counts, not what a placeholder expanded to.
        assert_eq!(ascii_word_boundaries(r"\bx", r"\bx[£]"), r"(?-u:\b)x[£]");
    }

    #[test]
    fn named_groups_become_plain_groups() {
        assert_eq!(
            without_group_names(r"a (?P<number>\d+) (?<x>y)\(?P<z>"),
            r"a (\d+) (y)\(?P<z>"
        );
        let joined = format!(
            "{}|{}",
            without_group_names(r"(?P<number>\d+) votes"),
            without_group_names(r"age (?P<number>\d+)")
        );
        assert!(Regex::new(&joined).is_ok());
    }

    #[test]
    fn a_pattern_that_does_not_parse_is_returned_unchanged() {
        assert_eq!(rewritten(r"\b(unclosed"), r"\b(unclosed");
    }

    #[test]
    fn ascii_boundaries_match_next_to_curly_quotes_and_accents() {
        let re = Regex::new(&rewritten(r"\bLegend\b")).expect("valid");
        assert!(re.is_match("“Legend’s”"));
        assert!(re.is_match("the Legend"));
        assert!(!re.is_match("Legendary"));
        // The one difference: next to a non-ASCII letter there is now a boundary.
        assert!(re.is_match("Legendé"));
        assert!(
            !Regex::new(r"\bLegend\b")
                .expect("valid")
                .is_match("Legendé")
        );
    }

    #[test]
    fn sentence_anchors_and_empty_matches_need_sentence_by_sentence_search() {
        let across = |p: &str| {
            Pattern::new(Regex::new(&rewritten(p)).expect("valid")).searches_across_body()
        };
        assert!(across(r"(?i)\bpolitical (differences|views)\b"));
        assert!(across(r"[^.;]{0,40}?\brun\b"));
        assert!(!across(r"^In \d{4}"));
        assert!(!across(r"done$"));
        assert!(!across(r"(?m)^x"));
        assert!(!across(r"\bx?"));
        // Written with a non-ASCII letter, the boundaries stay Unicode.
        assert!(!across(r"\bJosé\b"));
        assert!(!Pattern::new(Regex::new(r"\bx\b").expect("valid")).searches_across_body());
    }
}
