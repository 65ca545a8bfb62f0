//! Quotations: [`find_quotations`] finds them in an article with their speakers, and
//! [`match_utterances`] compares the renderings of one utterance across articles word by
//! word, because a changed word changes what a person said. All pure functions over text.

mod align;
mod find;
pub mod findings;
mod matching;
pub mod normalise;
mod speaker;

use std::ops::Range;

use serde::Serialize;

pub use matching::{
    Class, Difference, DifferenceKind, QuoteRef, Rendering, Utterance, match_utterances,
};
pub use normalise::{Word, Words, censored_match, tokenize, words};

/// Quotations shorter than this many words are titles or scare quotes ("reconsider",
/// "All Of Me"), not utterances worth comparing.
pub const UTTERANCE_MIN_WORDS: usize = 4;

/// One quotation in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quotation {
    /// Byte span of the quoted words in the article, without the quotation marks or the
    /// spaces just inside them. A quotation that runs on across paragraphs (an opening
    /// mark left open at a paragraph's end, and the next paragraph opening with a mark)
    /// is one quotation whose span runs from its first word to its last, so it holds the
    /// paragraph break and the continuing paragraph's opening mark.
    pub span: Range<usize>,
    /// The quoted words as written: exactly the article's text at `span`.
    pub text: String,
    /// Who said it, where the text around the quotation says so: a name ("Legend",
    /// "Kanye West") or a description as written ("the singer"). `None` when the text
    /// does not say, when it only gives a pronoun, and for quotations inside quotations.
    pub speaker: Option<String>,
}

impl Quotation {
    /// True for a quotation of at least [`UTTERANCE_MIN_WORDS`] words: something a person
    /// said rather than a title or a scare-quoted word. Only utterances are matched.
    pub fn is_utterance(&self) -> bool {
        tokenize(&self.text).words.len() >= UTTERANCE_MIN_WORDS
    }
}

/// The quotations of one text and the quotation marks that could not be paired.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteScan {
    /// Every quotation in order of position, including short ones (see
    /// [`Quotation::is_utterance`]) and quotations inside quotations, which follow the
    /// quotation that holds them.
    pub quotations: Vec<Quotation>,
    /// Byte spans of marks that could not be paired (an opening mark never closed, a
    /// closing mark never opened, the second mark of a doubled ““), each reported once,
    /// in order of position.
    pub unbalanced: Vec<Range<usize>>,
}

/// Finds the double-quoted passages of `text` and, where the text says it, their speakers.
///
/// Straight, curly, low („) and other look-alike double marks pair with each other,
/// mixed pairs included ("…”). Single marks never delimit a quotation: inside a double
/// quotation they belong to it, at the top level they mark titles (‘DONDA 2’), and
/// apostrophes (don't, West’s, ’90s) are not quote marks at all. Runs in linear time and
/// never panics.
pub fn find_quotations(text: &str) -> QuoteScan {
    let scan = find::scan(text);
    let speakers = speaker::attribute(text, &scan.found);
    let quotations = scan
        .found
        .iter()
        .zip(speakers)
        .map(|(found, speaker)| Quotation {
            span: found.content.clone(),
            text: text[found.content.clone()].to_string(),
            speaker,
        })
        .collect();
    QuoteScan {
        quotations,
        unbalanced: scan.unbalanced,
    }
}

#[cfg(test)]
mod tests;
