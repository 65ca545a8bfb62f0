//! Attributing a quotation to its speaker from the words around it: "X said", "said X",
//! "according to X", a paragraph ending in "X said:", and the quotation that continues
//! the previous one's sentence. Only text outside every quotation is read.

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

use super::find::{Found, NextByte};
use super::normalise::is_ascii_word_byte;
use crate::text::word_key::word_key_of;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Attribution {
    /// A name or a description ("the singer"), as written.
    Named(String),
    /// He, she, they…: someone, but the text around does not say who.
    Pronoun,
    Unknown,
}

#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "explained", "explains", "added", "adds", "stated",
    "states", "continued", "continues", "wrote", "writes", "shared", "shares", "noted", "notes",
    "recalled", "recalls", "claimed", "claims", "insisted", "insists", "replied", "replies",
    "responded", "responds", "asked", "asks", "argued", "argues", "declared", "declares",
    "admitted", "admits", "revealed", "reveals", "confirmed", "confirms", "remarked", "remarks",
    "tweeted", "tweets", "posted", "commented", "comments", "joked", "jokes", "quipped",
    "quips", "recounted", "reflected", "concluded", "clarified", "clarifies", "acknowledged",
    "announced", "announces", "elaborated", "emphasized", "emphasised", "stressed", "warned",
    "warns", "observed", "mused", "opined", "boasted", "complained", "conceded", "exclaimed",
    "predicted", "promised", "reiterated", "repeated", "shouted", "texted", "captioned",
];

#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "saying", "stating", "adding", "explaining", "writing", "noting", "continuing", "declaring",
    "insisting", "claiming", "arguing", "replying", "responding", "tweeting", "posting",
    "recalling", "joking", "quipping", "asking", "remarking", "concluding", "captioning",
    "commenting", "revealing", "admitting", "clarifying", "telling",
];

/// Words that may stand between a speaker and the speech verb.
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "also", "further", "later", "then", "once", "previously", "recently", "reportedly",
    "simply", "again", "famously", "bluntly", "flatly", "candidly", "publicly", "frankly",
    "has", "had", "have", "first", "earlier", "just", "even", "already", "initially",
    "ultimately", "finally", "separately", "additionally", "tearfully", "jokingly", "proudly",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "you", "it"];

const DETERMINERS: &[&str] = &["the", "a", "an"];

/// A name or description right after one of these belongs to a longer phrase
/// ("an interview with the New Yorker"), so it is not the speaker.
const EMBEDDERS: &[&str] = &[
    "of", "to", "with", "by", "from", "for", "at", "in", "on", "about", "the", "a", "an", "like",
    "than", "and", "or", "nor", "via", "into", "over",
];

/// Words that end a noun phrase when reading a description.
const PHRASE_BREAKERS: &[&str] = &[
    "and", "or", "but", "that", "who", "whom", "which", "when", "while", "as", "if", "because",
    "so", "then", "with", "to", "was", "is", "were", "are", "be", "been",
];

/// Capitalised words that do not start a name.
#[rustfmt::skip]
const CAPITALISED_STOPS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "During", "While", "When", "After", "Before", "Since",
    "As", "But", "And", "Or", "So", "Yet", "However", "Meanwhile", "Also", "Still", "Then",
    "Later", "Earlier", "Last", "Next", "This", "That", "These", "Those", "There", "Here",
    "Speaking", "According", "Although", "Though", "If", "Because", "Back", "Now", "Today",
    "Yesterday", "Instead", "Recently", "Previously", "Finally", "Indeed", "Of", "For", "With",
    "From", "By", "To", "It", "He", "She", "They", "We", "I", "You", "His", "Her", "Their",
    "Its", "Our", "My", "Your", "What", "Who", "Why", "How", "Where", "Which", "Asked",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Some", "Many", "One", "Both", "All", "Every", "Each", "No",
];

/// Words that may stand between an introducing sentence and its quotation ("Legend
/// stated the following:"), each of which ends with one of [`FILLER_ENDS`].
const FILLERS: [&[&str]; 5] = [
    &["the", "following"],
    &["as", "follows"],
    &["that"],
    &["this"],
    &["in", "part"],
];

const FILLER_ENDS: &[&str] = &["following", "follows", "that", "this", "part"];

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "lt",
    "col", "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vol", "vs", "etc", "inc", "ltd", "co",
    "corp", "dept", "approx", "fig",
];

/// Titles that may carry a full stop inside a name ("Mr. Smith").
const TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Prof", "Jr", "Sr", "St"];

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}')
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '〝' | '〞' | '〟' | '＂' | '\'' | '‘' | '’'
    )
}

/// One token of the text around a quotation.
#[derive(Clone, Debug)]
struct Tok<'t> {
    text: &'t str,
    span: Range<usize>,
    word: bool,
    /// The [`List`]s the word is in, looked up when first asked; [`NOT_LOOKED_UP`] before.
    lists: Cell<u16>,
}

/// Whether `text` in lower case is one of `list` (whose words are all lower case).
fn lower_in(text: &str, list: &[&str]) -> bool {
    if text.is_ascii() {
        // Lower-casing ASCII cannot change its length or leave ASCII, so no string need
        // be built to compare it.
        list.iter().any(|w| text.eq_ignore_ascii_case(w))
    } else {
        list.contains(&text.to_lowercase().as_str())
    }
}

/// The word lists that words are looked up in, whatever their case.
#[derive(Clone, Copy, Debug)]
enum List {
    SpeechVerbs,
    Participles,
    Adverbs,
    Pronouns,
    Determiners,
    Embedders,
    PhraseBreakers,
    ObjectWords,
    Abbreviations,
    /// Looked up in lower case like the others, though its words are capitalised.
    CapitalisedStops,
    FillerEnds,
}

impl List {
    const ALL: [List; 11] = [
        List::SpeechVerbs,
        List::Participles,
        List::Adverbs,
        List::Pronouns,
        List::Determiners,
        List::Embedders,
        List::PhraseBreakers,
        List::ObjectWords,
        List::Abbreviations,
        List::CapitalisedStops,
        List::FillerEnds,
    ];

    fn words(self) -> &'static [&'static str] {
        match self {
            List::SpeechVerbs => SPEECH_VERBS,
            List::Participles => PARTICIPLES,
            List::Adverbs => ADVERBS,
            List::Pronouns => PRONOUNS,
            List::Determiners => DETERMINERS,
            List::Embedders => EMBEDDERS,
            List::PhraseBreakers => PHRASE_BREAKERS,
            List::ObjectWords => OBJECT_WORDS,
            List::Abbreviations => ABBREVIATIONS,
            List::CapitalisedStops => CAPITALISED_STOPS,
            List::FillerEnds => FILLER_ENDS,
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// [`Tok::lists`] of a token not looked up yet: no word is in every list.
const NOT_LOOKED_UP: u16 = u16::MAX;

/// `text` in lower case, packed into a number, when it is ASCII of at most 16 bytes and
/// without NUL (as every listed word is): equal keys are equal words.
fn ascii_key(text: &str) -> Option<u128> {
    let bytes = text.as_bytes();
    if !bytes.is_ascii() || bytes.contains(&0) {
        return None;
    }
    word_key_of(bytes)
}

/// For each word of any [`List`], by its [`ascii_key`], the lists it is in as bits: open
/// addressing over a power of two slots, at most a quarter full, so that a word not
/// listed (most words asked) meets an empty slot at once.
struct Listed {
    /// (key, lists); a key of 0 (no word) marks a free slot.
    slots: Box<[(u128, u16)]>,
    shift: u32,
}

impl Listed {
    fn new() -> Listed {
        let words: Vec<(u128, u16)> = List::ALL
            .iter()
            .flat_map(|&list| {
                list.words()
                    .iter()
                    .filter_map(move |word| ascii_key(word).map(|key| (key, list.bit())))
            })
            .collect();
        let size = (words.len() * 4).next_power_of_two();
        let mut listed = Listed {
            slots: vec![(0, 0); size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
        };
        for (key, bit) in words {
            let at = listed.slot(key);
            listed.slots[at] = (key, listed.slots[at].1 | bit);
        }
        listed
    }

    /// The slot that holds `key`, or the free one where it goes.
    fn slot(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let mask = self.slots.len() - 1;
        let mut at = (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        while self.slots[at].0 != key && self.slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        at
    }

    fn get(&self, key: u128) -> u16 {
        self.slots[self.slot(key)].1
    }
}

static LISTED: LazyLock<Listed> = LazyLock::new(Listed::new);

/// The [`List`]s that `text` in lower case is in, as bits: one look-up for them all.
fn lists_of(text: &str) -> u16 {
    // Lower-casing may turn other letters into ASCII (a Kelvin sign into k).
    let key = match ascii_key(text) {
        None if !text.is_ascii() => ascii_key(&text.to_lowercase()),
        key => key,
    };
    key.map_or(0, |key| LISTED.get(key))
}

impl Tok<'_> {
    /// Whether the token in lower case is `word`.
    fn lower_is(&self, word: &str) -> bool {
        // Equal bytes but for ASCII case, or a text that lower-casing changes beyond
        // ASCII case (a Kelvin sign into k).
        self.text.eq_ignore_ascii_case(word)
            || (!self.text.is_ascii() && lower_in(self.text, &[word]))
    }

    /// Whether the token is a word of `list`, whatever its case.
    fn is(&self, list: List) -> bool {
        if !self.word {
            return false;
        }
        let mut lists = self.lists.get();
        if lists == NOT_LOOKED_UP {
            lists = lists_of(self.text);
            self.lists.set(lists);
        }
        lists & list.bit() != 0
    }

    /// Whether the token is one of `words` (all lower case), whatever its case.
    fn is_one_of(&self, words: &[&str]) -> bool {
        self.word && lower_in(self.text, words)
    }

    fn capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Lower case or a number: a word that can sit inside a description.
    fn plain(&self) -> bool {
        self.word
            && self
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_numeric())
    }

    fn punct(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    fn name_part(&self) -> bool {
        self.capitalised() && !self.capitalised_stop()
    }

    /// Whether the token is one of [`CAPITALISED_STOPS`] as written.
    fn capitalised_stop(&self) -> bool {
        // Every stop is ASCII with only its first letter in upper case, so a token with
        // the letters of one is that stop exactly when it is written so.
        let bytes = self.text.as_bytes();
        self.is(List::CapitalisedStops)
            && bytes.first().is_some_and(u8::is_ascii_uppercase)
            && bytes[1..]
                .iter()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    }

    fn possessive(&self) -> bool {
        self.capitalised() && (self.text.ends_with("'s") || self.text.ends_with("’s"))
    }
}

/// The tokens of `s`, into `out` (emptied first, so that one buffer serves every
/// quotation): words, and every other character but spaces on its own.
fn tokens_into<'t>(s: &'t str, out: &mut Vec<Tok<'t>>) {
    out.clear();
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b == b' ' {
            at += 1;
            continue;
        }
        let start = at;
        let word = if is_ascii_word_byte(b) {
            // Most words are ASCII letters and digits up to a space or punctuation.
            at += 1;
            while bytes.get(at).is_some_and(|&b| is_ascii_word_byte(b)) {
                at += 1;
            }
            if bytes
                .get(at)
                .is_some_and(|&b| !b.is_ascii() || b == b'\'' || b == b'-')
            {
                at = word_end(s, at);
            }
            true
        } else if b.is_ascii() {
            // Other spaces (as `char::is_whitespace` has them) are passed over, and any
            // other ASCII character is a token.
            at += 1;
            if matches!(b, b'\t'..=b'\r') {
                continue;
            }
            false
        } else {
            let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            let word = c.is_alphanumeric();
            if word {
                at = word_end(s, at);
            }
            word
        };
        let Some(text) = s.get(start..at) else {
            break;
        };
        out.push(Tok {
            text,
            span: start..at,
            word,
            lists: Cell::new(NOT_LOOKED_UP),
        });
    }
}

/// Where the word going on at byte `at` of `s` ends: letters and digits, and a joiner
/// (apostrophe or hyphen) with a letter or digit after it.
fn word_end(s: &str, mut at: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        while bytes.get(at).is_some_and(|&b| is_ascii_word_byte(b)) {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else {
            return at;
        };
        if b.is_ascii() && b != b'\'' && b != b'-' {
            return at;
        }
        let Some(ch) = s[at..].chars().next() else {
            return at;
        };
        let after = at + ch.len_utf8();
        if ch.is_alphanumeric() {
            at = after;
            continue;
        }
        // A joiner stays inside the word only with a letter or digit after it.
        match s[after..].chars().next() {
            Some(n) if matches!(ch, '\'' | '’' | '-' | '‐' | '‑') && n.is_alphanumeric() => {
                at = after + n.len_utf8();
            }
            _ => return at,
        }
    }
}

/// The tokens of `s` in a vector of their own.
#[cfg(test)]
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    tokens_into(s, &mut out);
    out
}

/// Reads a name, a description or a pronoun starting at `i`; returns it and the index
/// just after it.
fn subject_forward(
    s: &str,
    toks: &[Tok<'_>],
    i: usize,
    descriptions: bool,
) -> Option<(Attribution, usize)> {
    let first = toks.get(i)?;
    if first.is(List::Pronouns) {
        return Some((Attribution::Pronoun, i + 1));
    }
    if first.is(List::Determiners) {
        if !descriptions {
            return None;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j - i <= 4
            && toks[j].word
            && !toks[j].is(List::SpeechVerbs)
            && !toks[j].is(List::Adverbs)
            && !toks[j].is(List::PhraseBreakers)
        {
            j += 1;
        }
        let head = toks.get(j.checked_sub(1)?).filter(|_| j > i + 1)?;
        if !head.plain() {
            return None;
        }
        return Some((
            Attribution::Named(s[first.span.start..head.span.end].to_string()),
            j,
        ));
    }
    if !first.name_part() {
        return None;
    }
    let mut j = i;
    let mut words = 0;
    while let Some(t) = toks.get(j) {
        if t.name_part() {
            words += 1;
            j += 1;
        } else if t.punct('.')
            && j > i
            && (toks[j - 1].text.chars().count() == 1 || TITLES.contains(&toks[j - 1].text))
        {
            j += 1;
        } else {
            break;
        }
    }
    if words > 3 {
        return None;
    }
    let last = &toks[j - 1];
    let mut end = last.span.end;
    if last.possessive() {
        // "Chrissy Teigen's husband": keep the description as written.
        let mut k = j;
        while k < toks.len()
            && k - j < 2
            && toks[k].plain()
            && !toks[k].is(List::SpeechVerbs)
            && !toks[k].is(List::Adverbs)
            && !toks[k].is(List::PhraseBreakers)
        {
            k += 1;
        }
        if k == j {
            return None;
        }
        end = toks[k - 1].span.end;
        j = k;
    }
    Some((Attribution::Named(s[first.span.start..end].to_string()), j))
}

/// Reads a name, a description or a pronoun that ends at index `j` (inclusive).
fn subject_backward(s: &str, toks: &[Tok<'_>], j: usize) -> Option<Attribution> {
    let last = toks.get(j)?;
    if last.is(List::Pronouns) {
        return Some(Attribution::Pronoun);
    }
    let embedded = |k: usize| k > 0 && toks[k - 1].is(List::Embedders);
    if last.plain() {
        if last.is(List::SpeechVerbs) || last.is(List::Adverbs) || last.is(List::PhraseBreakers) {
            return None;
        }
        let mut k = j;
        while k > 0 && j - k < 4 {
            k -= 1;
            let t = &toks[k];
            if !t.word || t.is(List::PhraseBreakers) || t.is(List::SpeechVerbs) {
                return None;
            }
            if t.is(List::Determiners) {
                return (!embedded(k))
                    .then(|| Attribution::Named(s[t.span.start..last.span.end].to_string()));
            }
            if t.possessive() {
                let mut start = k;
                while start > 0 && k - start < 2 && toks[start - 1].name_part() {
                    start -= 1;
                }
                if !t.name_part() || embedded(start) {
                    return None;
                }
                return Some(Attribution::Named(
                    s[toks[start].span.start..last.span.end].to_string(),
                ));
            }
        }
        return None;
    }
    if !last.name_part() {
        return None;
    }
    let mut k = j;
    let mut words = 1;
    while k > 0 {
        let t = &toks[k - 1];
        let initial = t.punct('.')
            && k >= 2
            && (toks[k - 2].text.chars().count() == 1 || TITLES.contains(&toks[k - 2].text));
        if t.name_part() {
            words += 1;
            k -= 1;
        } else if initial {
            k -= 1;
        } else {
            break;
        }
    }
    if words > 3 || embedded(k) || (k > 0 && toks[k - 1].capitalised()) {
        return None;
    }
    Some(Attribution::Named(
        s[toks[k].span.start..last.span.end].to_string(),
    ))
}

/// The subject of a sentence whose verb introduces a quotation from afar ("West called
/// them sellouts, stating:"): the first clause that does not open with an introductory
/// word must start with a name or a pronoun followed by a verb.
fn sentence_subject(s: &str, toks: &[Tok<'_>]) -> Attribution {
    let clauses = toks.split(|t| {
        !t.word
            && [',', ';', ':', '(', ')', '—', '–']
                .iter()
                .any(|&c| t.punct(c))
    });
    for clause in clauses.filter(|c| !c.is_empty()) {
        let first = &clause[0];
        if !first.word
            || first.capitalised_stop()
            || first.text.chars().next().is_some_and(char::is_numeric)
        {
            continue;
        }
        if first.is(List::Pronouns) {
            return Attribution::Pronoun;
        }
        return match subject_forward(s, clause, 0, false) {
            Some((Attribution::Named(name), k)) if clause.get(k).is_some_and(Tok::plain) => {
                Attribution::Named(name)
            }
            _ => Attribution::Unknown,
        };
    }
    Attribution::Unknown
}

/// Reads the words right after a closing mark: ", the singer explained", ", said X",
/// ", he continued", ", according to X".
fn after_quotation<'t>(s: &'t str, toks: &mut Vec<Tok<'t>>) -> Attribution {
    tokens_into(s, toks);
    let mut i = 0;
    while toks
        .get(i)
        .is_some_and(|t| [',', '—', '–', '-', ':', ')'].iter().any(|&c| t.punct(c)))
    {
        i += 1;
    }
    let Some(first) = toks.get(i) else {
        return Attribution::Unknown;
    };
    if first.is(List::SpeechVerbs) && first.plain() {
        return subject_forward(s, toks, i + 1, true).map_or(Attribution::Unknown, |(a, _)| a);
    }
    if first.lower_is("according") && toks.get(i + 1).is_some_and(|t| t.lower_is("to")) {
        return subject_forward(s, toks, i + 2, true).map_or(Attribution::Unknown, |(a, _)| a);
    }
    let Some((attribution, mut k)) = subject_forward(s, toks, i, true) else {
        return Attribution::Unknown;
    };
    if toks.get(k).is_some_and(|t| t.punct(',')) {
        // An apposition: "Legend, 43, said".
        let close = toks[k + 1..].iter().take(8).position(|t| t.punct(','));
        k = match close {
            Some(p) => k + 1 + p + 1,
            None => return Attribution::Unknown,
        };
    }
    while toks.get(k).is_some_and(|t| t.is(List::Adverbs)) {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.is(List::SpeechVerbs)) {
        attribution
    } else {
        Attribution::Unknown
    }
}

/// Words allowed between a speech verb and the quotation ("told the New Yorker in an
/// interview:").
#[rustfmt::skip]
const OBJECT_WORDS: &[&str] = &[
    "to", "the", "a", "an", "in", "on", "at", "during", "via", "with", "him", "her", "them",
    "me", "us", "reporters", "fans", "interviewer", "statement", "interview", "podcast", "post",
    "tweet", "video", "caption", "message", "letter", "episode", "show", "radio", "recently",
    "later", "earlier", "once", "also", "yesterday", "today", "magazine", "newspaper", "an",
    "his", "her", "their", "its",
];

/// Reads the sentence that leads up to an opening mark: "Legend said:", "the singer
/// added", "Legend stated the following:", "West told the New Yorker:", "…, stating:",
/// "According to X,".
fn before_quotation<'t>(s: &'t str, toks: &mut Vec<Tok<'t>>) -> Attribution {
    tokens_into(s, toks);
    let mut end = toks.len();
    while end > 0
        && [':', ',', '—', '–', '-', '(']
            .iter()
            .any(|&c| toks[end - 1].punct(c))
    {
        end -= 1;
    }
    // The words before any filler are read below, but "according to" is looked for
    // among all of them.
    let words_end = end;
    let fillers = if end > 0 && toks[end - 1].is(List::FillerEnds) {
        &FILLERS[..]
    } else {
        &[]
    };
    for &filler in fillers {
        let ends_with = end >= filler.len()
            && toks[end - filler.len()..end]
                .iter()
                .zip(filler)
                .all(|(t, w)| t.lower_is(w));
        if ends_with {
            end -= filler.len();
            break;
        }
    }
    if end == 0 {
        return Attribution::Unknown;
    }
    if words_end > 1 && toks[0].lower_is("according") && toks[1].lower_is("to") {
        return match subject_forward(s, toks, 2, true) {
            Some((a, k)) if k == end => a,
            _ => Attribution::Unknown,
        };
    }
    let last = &toks[end - 1];
    if last.is(List::Participles) {
        let introduced = end >= 2
            && (toks[end - 2].punct(',') || toks[end - 2].is_one_of(&["and", "before", "while"]));
        return if introduced {
            sentence_subject(s, &toks[..end - 1])
        } else {
            Attribution::Unknown
        };
    }
    let verb = (end.saturating_sub(7)..end).rev().find(|&v| {
        toks[v].is(List::SpeechVerbs)
            && toks[v].plain()
            && toks[v + 1..end].iter().all(|t| {
                t.capitalised()
                    || t.is(List::ObjectWords)
                    || t.punct('.')
                    || t.text.chars().all(char::is_numeric)
            })
    });
    let Some(verb) = verb else {
        return Attribution::Unknown;
    };
    let mut j = verb;
    while j > 0 && toks[j - 1].is(List::Adverbs) {
        j -= 1;
    }
    let Some(j) = j.checked_sub(1) else {
        return Attribution::Unknown;
    };
    if toks[j].is_one_of(&["and"]) {
        return sentence_subject(s, &toks[..j]);
    }
    if toks[j].punct(',') {
        // An apposition: "Legend, 43, said:".
        let open = toks[..j].iter().rev().take(8).position(|t| t.punct(','));
        return match open.and_then(|p| (j - 1 - p).checked_sub(1)) {
            Some(k) => subject_backward(s, toks, k).unwrap_or(Attribution::Unknown),
            None => Attribution::Unknown,
        };
    }
    subject_backward(s, toks, j).unwrap_or(Attribution::Unknown)
}

/// Byte offsets just after each sentence end in `s`: a full stop, question mark,
/// exclamation mark or ellipsis (with any closing marks after it), followed by a space
/// and a capital, a digit or a quotation mark. Abbreviations and initials do not end.
fn sentence_ends(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    // E2 leads an ellipsis, and curly marks and apostrophes too.
    let mut stops = NextByte::new(s.as_bytes(), [[b'.', b'!', b'?'], [0xE2; 3]]);
    std::iter::from_fn(move || {
        while let Some(pos) = next_stop(s.as_bytes(), &mut stops, from) {
            let (end, next) = ends_at(s, pos);
            from = next;
            if end.is_some() {
                return end;
            }
        }
        from = s.len();
        None
    })
}

/// The last of [`sentence_ends`], found from the end of `s`: what precedes a quotation
/// is often a long paragraph whose last sentence alone matters.
fn last_sentence_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    // Stops are looked for in `bytes[..to]`, the last full stop, question or exclamation
    // mark first, then an ellipsis after it.
    let mut to = bytes.len();
    loop {
        let mark = memchr::memrchr3(b'.', b'!', b'?', &bytes[..to]);
        let after_mark = mark.map_or(0, |at| at + 1);
        let stop = last_ellipsis(&bytes[after_mark..to])
            .map(|at| after_mark + at)
            .or(mark)?;
        if let (Some(end), _) = ends_at(s, stop) {
            return Some(end);
        }
        to = stop;
    }
}

/// Where the last whole ellipsis of `bytes` starts.
fn last_ellipsis(bytes: &[u8]) -> Option<usize> {
    let mut to = bytes.len();
    // An ellipsis (E2 80 A6) is found by its last byte: E2 leads curly marks and
    // apostrophes too.
    while let Some(last) = memchr::memrchr(0xA6, &bytes[..to]) {
        if let Some(at) = last.checked_sub(2)
            && bytes[at..].starts_with("…".as_bytes())
        {
            return Some(at);
        }
        to = last;
    }
    None
}

/// Whether a full stop, question mark, exclamation mark or ellipsis starts at byte `i`.
fn is_stop_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'.' | b'!' | b'?' => true,
        // U+2026 HORIZONTAL ELLIPSIS is E2 80 A6; E2 only ever leads a character.
        0xE2 => bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6),
        _ => false,
    }
}

/// The first byte at or after `from` that starts a stop, found among the bytes that
/// `stops` finds (every byte a stop can start with).
fn next_stop(bytes: &[u8], stops: &mut NextByte<'_, 2>, mut from: usize) -> Option<usize> {
    while let Some(at) = stops.next(from) {
        if is_stop_at(bytes, at) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether the stop at byte `pos` ends a sentence, and if so the offset just after it
/// and its closing marks; with the offset just after the stop itself, where the search
/// for the next goes on.
fn ends_at(s: &str, pos: usize) -> (Option<usize>, usize) {
    let bytes = s.as_bytes();
    let c = s[pos..].chars().next().unwrap_or('.');
    let after_stop = pos + c.len_utf8();
    if c == '.' && is_abbreviation_before(s, pos) {
        return (None, after_stop);
    }
    // The closing marks and brackets after the stop, ASCII ones a byte at a time.
    let mut end = after_stop;
    loop {
        match bytes.get(end) {
            Some(b'"' | b'\'' | b')') => end += 1,
            Some(&b) if b >= 0x80 => match s[end..].chars().next() {
                Some(ch) if is_quote_mark(ch) => end += ch.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    let Some(first) = s[end..].chars().next() else {
        return (Some(end), after_stop);
    };
    if !first.is_whitespace() {
        return (None, after_stop);
    }
    let next = s[end..].chars().find(|ch| !ch.is_whitespace());
    let ends =
        next.is_none_or(|n| n.is_uppercase() || n.is_numeric() || is_quote_mark(n) || n == '(');
    (ends.then_some(end), after_stop)
}

/// Whether the letters just before the full stop at byte `pos` are an initial or an
/// abbreviation ("J.", "Mr.", "Sept."), after which the stop ends no sentence.
fn is_abbreviation_before(s: &str, pos: usize) -> bool {
    let bytes = s.as_bytes();
    let mut start = pos;
    while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    if start > 0 && !bytes[start - 1].is_ascii() {
        // Other letters may go on before: read by character.
        start = s[..pos]
            .char_indices()
            .rev()
            .take_while(|&(_, ch)| ch.is_alphabetic())
            .last()
            .map_or(pos, |(p, _)| p);
    }
    let word = &s[start..pos];
    word.chars().count() == 1 || lists_of(word) & List::Abbreviations.bit() != 0
}

/// Whether the words after a closing mark, on its line and in `rest` (the text up to
/// the next quotation), can belong to the quotation's sentence. A quotation that ends its
/// own sentence ("…friendship.”) followed by a capital starts a new sentence, which may
/// be about something else.
fn after_belongs(content: &str, rest: &str) -> bool {
    let content = content
        .trim_end_matches(|c: char| is_quote_mark(c) || c == ')' || c == ']' || c.is_whitespace());
    if !content.ends_with(['.', '!', '?', '…']) {
        return true;
    }
    let after = rest.trim_start();
    if rest[..rest.len() - after.len()].contains(is_line_break) {
        // Nothing follows on the quotation's line.
        return false;
    }
    after.starts_with([',', '—', '–']) || after.chars().next().is_some_and(char::is_lowercase)
}

/// Where the first line break (\n, \r, U+0085, U+2028, U+2029) that starts in
/// `bytes[from..to]` starts. Only the text between two quotations is searched, never the
/// whole article.
fn first_break(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let narrow = bytes.get(from..to).and_then(|hay| {
        // \n and \r, and U+0085 (C2 85): C2 only ever leads a character.
        memchr::memchr3_iter(b'\n', b'\r', 0xC2, hay)
            .find(|&p| hay[p] != 0xC2 || bytes.get(from + p + 1) == Some(&0x85))
            .map(|p| from + p)
    });
    // U+2028 and U+2029 (E2 80 A8, E2 80 A9) by their last byte, E2 leading curly marks
    // and apostrophes too; only before the first of the others.
    let to = narrow.unwrap_or(to);
    let wide = bytes
        .get(from + 2..(to + 2).min(bytes.len()))
        .and_then(|hay| {
            memchr::memchr2_iter(0xA8, 0xA9, hay)
                .map(|p| from + p)
                .find(|&start| bytes[start..].starts_with(&[0xE2, 0x80]))
        });
    wide.or(narrow)
}

/// Where the line holding byte `at` of `bytes` starts (just after a line break, or 0),
/// when that is at or after `floor`.
fn line_start(bytes: &[u8], floor: usize, at: usize) -> Option<usize> {
    // A break that ends at or after `floor` starts at most three bytes before it.
    let from = floor.saturating_sub(3);
    let hay = bytes.get(from..at)?;
    let mut narrow = None;
    let mut to = hay.len();
    while let Some(p) = memchr::memrchr3(b'\n', b'\r', 0xC2, &hay[..to]) {
        if hay[p] != 0xC2 {
            narrow = Some(p + 1);
            break;
        }
        if hay.get(p + 1) == Some(&0x85) {
            narrow = Some(p + 2);
            break;
        }
        to = p;
    }
    // The wide ones only after the last of the others.
    let mut wide = None;
    let base = narrow.unwrap_or(0);
    let hay = &hay[base..];
    let mut to = hay.len();
    while let Some(p) = memchr::memrchr2(0xA8, 0xA9, &hay[..to]) {
        if p >= 2 && hay[p - 2..p] == [0xE2, 0x80] {
            wide = Some(base + p + 1);
            break;
        }
        to = p;
    }
    match narrow.max(wide) {
        Some(end) => (from + end >= floor).then_some(from + end),
        None => (floor == 0).then_some(0),
    }
}

/// The last sentence of the non-blank line before `start`, when that line ends with a
/// colon ("Legend said:"), cut after `floor` (the previous quotation's closing mark).
fn introducing_line(text: &str, start: usize, floor: usize) -> Option<&str> {
    let before = text[..start].trim_end();
    if !before.ends_with(':') {
        return None;
    }
    let from = line_start(text.as_bytes(), floor, before.len()).unwrap_or(floor);
    let line = text.get(from..before.len())?;
    let cut = last_sentence_end(line).unwrap_or(0);
    Some(&line[cut..])
}

/// The speaker of each quotation in `found` (sorted by opening mark), where the text
/// says it. Quotations inside other quotations get none.
///
/// A wrong speaker is worse than none: pronouns, long capitalised runs and names inside a
/// longer noun phrase ("the New Yorker") give no speaker.
pub(crate) fn attribute(text: &str, found: &[Found]) -> Vec<Option<String>> {
    attribute_wanted(text, found, |_| true)
}

/// [`attribute`] for the quotations `wanted` says (by index in `found`); the others get
/// none, and of the text around them only the words after them are read, which may
/// name the speaker of the next.
pub(crate) fn attribute_wanted(
    text: &str,
    found: &[Found],
    wanted: impl Fn(usize) -> bool,
) -> Vec<Option<String>> {
    let mut speakers = vec![None; found.len()];
    let mut top: Vec<usize> = Vec::with_capacity(found.len());
    top.extend((0..found.len()).filter(|&i| found[i].depth == 0));
    if top.is_empty() {
        return speakers;
    }
    let mut toks = Vec::new();
    // Where the previous quotation's attributing sentence ended, and what it said.
    let mut carried: Option<(usize, Attribution)> = None;
    for (t, &fi) in top.iter().enumerate() {
        let q = &found[fi];
        let prev_close = t.checked_sub(1).map_or(0, |p| found[top[p]].close.end);
        let next_open = top.get(t + 1).map_or(text.len(), |&n| found[n].open.start);
        let content = &text[q.content.clone()];
        let rest = &text[q.close.end..next_open.max(q.close.end)];

        let mut attribution = Attribution::Unknown;
        let mut from_after = false;
        // Whether the words after the quotation belong to it depends only on how they
        // start, so it is known before where their line and first sentence end.
        let mut first_end = None;
        if after_belongs(content, rest) {
            let after_end = first_break(text.as_bytes(), q.close.end, next_open)
                .unwrap_or(next_open)
                .max(q.close.end);
            let after = &text[q.close.end..after_end];
            first_end = sentence_ends(after).next();
            let after_sentence = &after[..first_end.unwrap_or(after.len())];
            attribution = after_quotation(after_sentence, &mut toks);
            from_after = attribution != Attribution::Unknown;
        }
        if !wanted(fi) {
            carried = match first_end {
                Some(end) if from_after => Some((q.close.end + end, attribution)),
                _ => None,
            };
            continue;
        }
        if attribution == Attribution::Unknown {
            // The line the quotation opens on, from the previous quotation on.
            let starts = line_start(text.as_bytes(), prev_close, q.open.start);
            let before = &text[starts.unwrap_or(prev_close).min(q.open.start)..q.open.start];
            let cut = last_sentence_end(before).unwrap_or(0);
            attribution = before_quotation(&before[cut..], &mut toks);
            if attribution == Attribution::Unknown
                && let Some(starts) = starts
                && text[starts..q.open.start].trim().is_empty()
                && let Some(line) = introducing_line(text, starts, prev_close)
            {
                attribution = before_quotation(line, &mut toks);
            }
        }
        if attribution == Attribution::Unknown
            && let Some((end, previous)) = &carried
            && text.get(*end..q.open.start).is_some_and(|between| {
                between
                    .chars()
                    .all(|c| c.is_whitespace() && !is_line_break(c))
            })
        {
            // "“A,” Legend said. “B.”": B goes on in Legend's voice.
            attribution = previous.clone();
        }
        carried = match first_end {
            Some(end) if from_after => Some((q.close.end + end, attribution.clone())),
            _ => None,
        };
        if let Attribution::Named(name) = attribution {
            speakers[fi] = Some(name);
        }
    }
    speakers
}

#[cfg(test)]
mod tests {
    use super::super::find::scan;
    use super::*;

    /// Speakers of the top-level quotations of `text`, paired with their first words.
    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        let found = scan(text).found;
        let names = attribute(text, &found);
        found
            .iter()
            .zip(names)
            .map(|(f, n)| {
                let words: Vec<&str> = text[f.content.clone()].split_whitespace().take(2).collect();
                (words.join(" "), n)
            })
            .collect()
    }

    fn speaker_of_first(text: &str) -> Option<String> {
        speakers(text).into_iter().next().and_then(|(_, s)| s)
    }

    #[test]
    fn name_then_said_after_the_quotation() {
        assert_eq!(
            speaker_of_first("“We are fine,” Legend said."),
            Some("Legend".into())
        );
        assert_eq!(
            speaker_of_first("\"We are fine,\" John Legend says."),
            Some("John Legend".into())
        );
        assert_eq!(
            speaker_of_first("“We are fine,” Kanye West told the New Yorker."),
            Some("Kanye West".into())
        );
    }

    #[test]
    fn said_then_name_after_the_quotation() {
        assert_eq!(
            speaker_of_first("“We are fine,” said Legend."),
            Some("Legend".into())
        );
        assert_eq!(
            speaker_of_first("“We are fine,” said the singer."),
            Some("the singer".into())
        );
    }

    #[test]
    fn every_listed_verb_attributes() {
        for verb in [
            "explained",
            "added",
            "stated",
            "continued",
            "wrote",
            "shared",
        ] {
            let text = format!("“We are fine,” Legend {verb}.");
            assert_eq!(speaker_of_first(&text), Some("Legend".into()), "{verb}");
        }
    }

    #[test]
    fn a_description_is_kept_as_written() {
        assert_eq!(
            speaker_of_first("\"What it got described as,” the singer explained."),
            Some("the singer".into())
        );
        assert_eq!(
            speaker_of_first(
                "Noting it, the 43-year-old singer added:\n\n“What it got described as.”"
            ),
            Some("the 43-year-old singer".into())
        );
    }

    #[test]
    fn according_to_names_the_speaker() {
        assert_eq!(
            speaker_of_first("“It is over,” according to Legend."),
            Some("Legend".into())
        );
        assert_eq!(
            speaker_of_first("According to Legend, “it is over.”"),
            Some("Legend".into())
        );
    }

    #[test]
    fn a_name_before_the_quotation_in_the_same_sentence() {
        assert_eq!(
            speaker_of_first(
                "In the interview, Legend stated the following: “What it got described as.”"
            ),
            Some("Legend".into())
        );
        assert_eq!(
            speaker_of_first("Legend shared that \"the most frustrating thing\" was that."),
            Some("Legend".into())
        );
        assert_eq!(
            speaker_of_first("Legend, 43, said: “We are fine.”"),
            Some("Legend".into())
        );
    }

    #[test]
    fn a_paragraph_ending_with_said_colon_introduces_the_next() {
        let text = "In CNN’s podcast, The Axe Files, Legend said:\n\n\"We aren't friends as much as we used to be.\"";
        assert_eq!(speaker_of_first(text), Some("Legend".into()));
    }

    #[test]
    fn a_participle_takes_the_subject_of_its_sentence() {
        let text = "On a 2020 episode of “Drink Champs,” West called both Legend and Big Sean sellouts for not supporting him, stating, ““I know this man mama, bro.”";
        let found = speakers(text);
        assert_eq!(found[1], ("I know".to_string(), Some("West".into())));
        let text = "In a 2020 interview, Legend said that he and West still disagree on the matter, saying:\n\n“But what I’ve always said is, we never talked about politics before.”";
        assert_eq!(speaker_of_first(text), Some("Legend".into()));
    }

    #[test]
    fn a_quotation_after_an_attributed_one_keeps_its_speaker() {
        let text = "\"What it got described as was a mischaracterization,” the singer explained. “That was kind of the Rupert Murdoch version.”";
        let found = speakers(text);
        assert_eq!(found[1].1, Some("the singer".into()));
        let text = "\"What it was,\" Legend explained during an interview with the New Yorker published Sept. 4. \"That was kind of the version.\"";
        assert_eq!(speakers(text)[1].1, Some("Legend".into()));
    }

    #[test]
    fn a_quotation_not_asked_about_still_lends_its_speaker_to_the_next() {
        let text = "“Fine,” Legend said. “We are fine, all of us.”";
        let found = scan(text).found;
        assert_eq!(
            attribute_wanted(text, &found, |i| i == 1),
            [None, Some("Legend".to_string())]
        );
    }

    #[test]
    fn a_pronoun_gives_no_speaker() {
        assert_eq!(speaker_of_first("“It's up to him,” he continued."), None);
        assert_eq!(
            speaker_of_first("He further added:\n\n\"I wasn’t alone in that.\""),
            None
        );
        assert_eq!(
            speaker_of_first(
                "During the podcast, he called out the singer and Big Sean and said:\n\n“Both John Legend and Big Sean got used.”"
            ),
            None
        );
        // The next quotation does not inherit a speaker from a pronoun either.
        assert_eq!(
            speakers("“I don't know,” he continued. “It's up to him.”")[1].1,
            None
        );
    }

    #[test]
    fn a_name_inside_the_quotation_is_never_the_speaker() {
        assert_eq!(
            speaker_of_first("“Kanye West said it first, and Legend said so too.”"),
            None
        );
        assert_eq!(
            speaker_of_first("He wrote: “Legend said: ‘we are done’ and left.”"),
            None
        );
    }

    #[test]
    fn a_new_sentence_after_the_quotation_is_not_its_attribution() {
        assert_eq!(
            speaker_of_first(
                "\"That was the real impetus for the strain.\" Legend said he would talk to West."
            ),
            None
        );
    }

    #[test]
    fn a_name_inside_a_longer_phrase_is_not_the_speaker() {
        assert_eq!(
            speaker_of_first("“It is over,” the New Yorker reported."),
            None
        );
        assert_eq!(
            speaker_of_first("In an interview with Fox News said: “It is over.”"),
            None
        );
        assert_eq!(
            speaker_of_first("Legend and West said: “It is over.”"),
            None
        );
    }

    #[test]
    fn partial_quotations_inside_reported_speech_stay_unknown() {
        let text = "Kanye spoke out, claiming that the singer as well as Big Sean \"got used quick by the Democrats.”";
        assert_eq!(speaker_of_first(text), None);
        assert_eq!(
            speaker_of_first("He also said that they were “never the closest of friends.”"),
            None
        );
    }

    #[test]
    fn sentence_ends_skip_abbreviations_and_initials() {
        let s = "He met Mr. Smith and J. Cole on Sept. 4. Then \"left\". Done";
        let ends: Vec<usize> = sentence_ends(s).collect();
        assert_eq!(ends.len(), 2, "{ends:?}");
        assert_eq!(&s[..ends[0]], "He met Mr. Smith and J. Cole on Sept. 4.");
    }

    /// The tokenizer, sentence ends and line breaks as first written, one character at a
    /// time with owned strings: the faster versions must agree with them exactly.
    mod reference {
        use super::super::*;

        pub fn tokens(s: &str) -> Vec<(Range<usize>, bool)> {
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let (start, c) = chars[i];
                if c.is_alphanumeric() {
                    let mut j = i + 1;
                    while let Some(&(_, ch)) = chars.get(j) {
                        let joins = matches!(ch, '\'' | '’' | '-' | '‐' | '‑')
                            && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                        if ch.is_alphanumeric() || joins {
                            j += if joins { 2 } else { 1 };
                        } else {
                            break;
                        }
                    }
                    let end = chars.get(j).map_or(s.len(), |&(p, _)| p);
                    out.push((start..end, true));
                    i = j;
                } else {
                    if !c.is_whitespace() {
                        out.push((start..start + c.len_utf8(), false));
                    }
                    i += 1;
                }
            }
            out
        }

        pub fn sentence_ends(s: &str) -> Vec<usize> {
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let mut ends = Vec::new();
            for (i, &(_, c)) in chars.iter().enumerate() {
                if !matches!(c, '.' | '!' | '?' | '…') {
                    continue;
                }
                if c == '.' {
                    let word: String = chars[..i]
                        .iter()
                        .rev()
                        .map(|&(_, ch)| ch)
                        .take_while(|ch| ch.is_alphabetic())
                        .collect();
                    let word: String = word.chars().rev().collect();
                    let lower = word.to_lowercase();
                    if word.chars().count() == 1 || ABBREVIATIONS.contains(&lower.as_str()) {
                        continue;
                    }
                }
                let mut j = i + 1;
                while chars
                    .get(j)
                    .is_some_and(|&(_, ch)| is_quote_mark(ch) || ch == ')')
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(s.len(), |&(p, _)| p);
                if end == s.len() {
                    ends.push(end);
                    continue;
                }
                if !chars[j].1.is_whitespace() {
                    continue;
                }
                let next = chars[j..]
                    .iter()
                    .map(|&(_, ch)| ch)
                    .find(|ch| !ch.is_whitespace());
                if next.is_none_or(|n| {
                    n.is_uppercase() || n.is_numeric() || is_quote_mark(n) || n == '('
                }) {
                    ends.push(end);
                }
            }
            ends
        }

        /// The speakers as first found, with every line break of the text found first
        /// and each quotation's first sentence after it found before asking whether it
        /// belongs to the quotation.
        pub fn attribute(text: &str, found: &[Found]) -> Vec<Option<String>> {
            let breaks = line_breaks(text);
            let line_start = |at: usize| {
                let before = breaks.partition_point(|b| b.end <= at);
                before.checked_sub(1).map_or(0, |k| breaks[k].end)
            };
            let line_end = |at: usize| {
                let next = breaks.partition_point(|b| b.start < at);
                breaks.get(next).map_or(text.len(), |b| b.start)
            };
            let mut speakers = vec![None; found.len()];
            let top: Vec<usize> = (0..found.len()).filter(|&i| found[i].depth == 0).collect();
            let mut toks = Vec::new();
            let mut carried: Option<(usize, Attribution)> = None;
            for (t, &fi) in top.iter().enumerate() {
                let q = &found[fi];
                let prev_close = t.checked_sub(1).map_or(0, |p| found[top[p]].close.end);
                let next_open = top.get(t + 1).map_or(text.len(), |&n| found[n].open.start);
                let after_end = next_open.min(line_end(q.close.end)).max(q.close.end);
                let after = &text[q.close.end..after_end];
                let first_end = super::super::sentence_ends(after).next();
                let after_sentence = &after[..first_end.unwrap_or(after.len())];
                let content = &text[q.content.clone()];
                let mut attribution = Attribution::Unknown;
                let mut from_after = false;
                if after_belongs(content, after_sentence) {
                    attribution = after_quotation(after_sentence, &mut toks);
                    from_after = attribution != Attribution::Unknown;
                }
                let starts = line_start(q.open.start);
                let before = &text[prev_close.max(starts).min(q.open.start)..q.open.start];
                if attribution == Attribution::Unknown {
                    let cut = last_sentence_end(before).unwrap_or(0);
                    attribution = before_quotation(&before[cut..], &mut toks);
                }
                if attribution == Attribution::Unknown
                    && starts >= prev_close
                    && text[starts..q.open.start].trim().is_empty()
                {
                    let before = text[..starts].trim_end();
                    let line = before
                        .ends_with(':')
                        .then(|| text.get(line_start(before.len()).max(prev_close)..before.len()))
                        .flatten();
                    if let Some(line) = line {
                        let cut = last_sentence_end(line).unwrap_or(0);
                        attribution = before_quotation(&line[cut..], &mut toks);
                    }
                }
                if attribution == Attribution::Unknown
                    && let Some((end, previous)) = &carried
                    && text.get(*end..q.open.start).is_some_and(|between| {
                        between
                            .chars()
                            .all(|c| c.is_whitespace() && !is_line_break(c))
                    })
                {
                    attribution = previous.clone();
                }
                carried = match first_end {
                    Some(end) if from_after => Some((q.close.end + end, attribution.clone())),
                    _ => None,
                };
                if let Attribution::Named(name) = attribution {
                    speakers[fi] = Some(name);
                }
            }
            speakers
        }

        pub fn line_breaks(text: &str) -> Vec<Range<usize>> {
            text.char_indices()
                .filter(|&(_, c)| is_line_break(c))
                .map(|(p, c)| p..p + c.len_utf8())
                .collect()
        }
    }

    /// Characters that exercise every branch of the tokenizer and of sentence ends:
    /// stops, closing marks, joiners, line breaks, odd spaces, and letters whose lower
    /// case changes length or leaves (or enters) ASCII.
    const ALPHABET: &[char] = &[
        'a', 'b', 'M', 'r', 'S', 't', 'D', 'J', 'n', 'o', '4', '0', '.', '.', '!', '?', '…', ' ',
        ' ', '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{a0}', '\t', '"', '“', '”', '\'',
        '’', '‘', ')', '(', '-', '‐', '‑', ',', ':', 'É', 'é', '\u{212a}', 'İ', 'ß', '٣', '中',
        '\u{301d}', '\u{ff02}', '\u{2e2e}',
    ];

    fn strings() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop::collection::vec(prop::sample::select(ALPHABET), 0..60)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn tokens_are_those_of_the_character_by_character_tokenizer(s in strings()) {
            let found: Vec<(Range<usize>, bool)> = tokens(&s)
                .into_iter()
                .map(|t| {
                    assert_eq!(t.text, &s[t.span.clone()]);
                    (t.span, t.word)
                })
                .collect();
            proptest::prop_assert_eq!(found, reference::tokens(&s));
        }

        #[test]
        fn sentence_ends_are_those_of_the_character_by_character_search(s in strings()) {
            let expected = reference::sentence_ends(&s);
            proptest::prop_assert_eq!(sentence_ends(&s).collect::<Vec<_>>(), expected.clone());
            proptest::prop_assert_eq!(last_sentence_end(&s), expected.last().copied());
        }

        #[test]
        fn lines_are_bounded_where_the_breaks_found_character_by_character_say(
            s in strings(),
            cuts in proptest::collection::vec(0usize..200, 3),
        ) {
            let breaks = reference::line_breaks(&s);
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let mut cuts: Vec<usize> = cuts.iter().map(|&c| bounds[c % bounds.len()]).collect();
            cuts.sort_unstable();
            let (floor, at, ceiling) = (cuts[0], cuts[1], cuts[2]);
            let start = breaks.iter().rev().find(|b| b.end <= at).map_or(0, |b| b.end);
            proptest::prop_assert_eq!(
                line_start(s.as_bytes(), floor, at),
                (start >= floor).then_some(start)
            );
            let first = breaks.iter().find(|b| b.start >= at && b.start < ceiling);
            proptest::prop_assert_eq!(
                first_break(s.as_bytes(), at, ceiling),
                first.map(|b| b.start)
            );
        }

        #[test]
        fn a_word_is_in_a_list_exactly_when_its_lower_case_is(s in strings()) {
            for token in tokens(&s) {
                for list in [SPEECH_VERBS, ABBREVIATIONS, PRONOUNS, OBJECT_WORDS, &["k", "i"]] {
                    proptest::prop_assert_eq!(
                        lower_in(token.text, list),
                        list.contains(&token.text.to_lowercase().as_str())
                    );
                }
                for word in ["according", "to", "k", "following"] {
                    proptest::prop_assert_eq!(
                        token.lower_is(word),
                        token.text.to_lowercase() == word
                    );
                }
                for list in List::ALL {
                    proptest::prop_assert_eq!(
                        token.is(list),
                        token.word && in_lower_case(list, token.text),
                        "{:?} in {:?}", token.text, list
                    );
                }
                proptest::prop_assert_eq!(
                    token.capitalised_stop(),
                    token.word && CAPITALISED_STOPS.contains(&token.text)
                );
            }
        }

        #[test]
        fn a_listed_word_in_any_case_is_in_exactly_its_lists(
            word in proptest::sample::select(
                List::ALL.iter().flat_map(|list| list.words()).copied().collect::<Vec<_>>()
            ),
            upper in proptest::prelude::any::<u32>(),
            kelvin in proptest::prelude::any::<bool>(),
            suffix in proptest::sample::select(&["", "s", "\0", "é", "\u{212a}"][..]),
        ) {
            let mut text: String = word
                .chars()
                .enumerate()
                .map(|(i, c)| match c {
                    'k' if kelvin => '\u{212a}',
                    c if upper >> (i % 32) & 1 == 1 => c.to_ascii_uppercase(),
                    c => c,
                })
                .collect();
            text.push_str(suffix);
            for list in List::ALL {
                proptest::prop_assert_eq!(
                    lists_of(&text) & list.bit() != 0,
                    in_lower_case(list, &text),
                    "{:?} in {:?}", text, list
                );
            }
            for token in tokens(&text) {
                proptest::prop_assert_eq!(
                    token.capitalised_stop(),
                    token.word && CAPITALISED_STOPS.contains(&token.text),
                    "{:?}", token.text
                );
            }
        }
    }

    /// Pieces of articles around quotations: marks, speakers and speech verbs, sentence
    /// stops, colons, and every kind of line break and space.
    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        " ",
        " ",
        " ",
        ", ",
        ". ",
        ": ",
        ":",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{a0}",
        "said",
        "Legend",
        "the singer",
        "he",
        "according to",
        "told",
        "Kanye West",
        "saying",
        "and",
        "the following",
        "We are fine",
        "Mr.",
        "!",
        "…",
        "’s",
        "é",
        "it",
        "added",
        "(",
        ")",
        "West",
        " said",
        "Legend said",
        "Legend, 43,",
        "“Legend",
        "said West",
        ", he said.",
        "stating",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn speakers_are_those_found_with_every_line_break_found_first(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
            wanted in proptest::collection::vec(proptest::prelude::any::<bool>(), 40),
        ) {
            let text: String = pieces.concat();
            let found = scan(&text).found;
            let expected = reference::attribute(&text, &found);
            proptest::prop_assert_eq!(&attribute(&text, &found), &expected);
            // Quotations not asked about get no speaker, and do not change the others'.
            let asked = |i: usize| wanted[i % wanted.len()];
            let expected: Vec<Option<String>> = expected
                .into_iter()
                .enumerate()
                .map(|(i, speaker)| speaker.filter(|_| asked(i)))
                .collect();
            proptest::prop_assert_eq!(attribute_wanted(&text, &found, asked), expected);
        }
    }

    /// Whether `text` and a word of `list` are the same in lower case.
    fn in_lower_case(list: List, text: &str) -> bool {
        let lower = text.to_lowercase();
        list.words().iter().any(|word| word.to_lowercase() == lower)
    }

    #[test]
    fn capitalised_stops_are_ascii_with_only_their_first_letter_in_upper_case() {
        for stop in CAPITALISED_STOPS {
            let bytes = stop.as_bytes();
            assert!(bytes[0].is_ascii_uppercase(), "{stop}");
            assert!(bytes[1..].iter().all(u8::is_ascii_lowercase), "{stop}");
        }
    }

    #[test]
    fn a_capitalised_stop_is_one_only_as_written() {
        let stops =
            |text| -> Vec<bool> { tokens(text).iter().map(Tok::capitalised_stop).collect() };
        assert_eq!(
            stops("The THE the Then Back"),
            [true, false, false, true, true]
        );
        // A Kelvin sign lower-cases to k, but "Bac\u{212a}" is not "Back" as written.
        assert_eq!(stops("Bac\u{212a} \u{212a}"), [false, false]);
    }

    #[test]
    fn every_listed_word_can_be_looked_up() {
        for list in List::ALL {
            for word in list.words() {
                assert!(ascii_key(word).is_some(), "{word}");
                assert_ne!(lists_of(word) & list.bit(), 0, "{word} in {list:?}");
                assert_eq!(lists_of(&word.to_uppercase()), lists_of(word), "{word}");
            }
        }
        assert_eq!(lists_of("said") & List::Pronouns.bit(), 0);
        assert_eq!(lists_of("sai"), 0);
        assert_eq!(lists_of("sa\0id"), 0);
        assert_ne!(lists_of("AS\u{212a}S") & List::SpeechVerbs.bit(), 0);
    }

    #[test]
    fn every_filler_ends_with_a_filler_end() {
        let ends: Vec<&str> = FILLERS.iter().filter_map(|f| f.last().copied()).collect();
        assert_eq!(ends, FILLER_ENDS);
    }

    #[test]
    fn word_lists_compared_in_lower_case_are_lower_case() {
        for list in [
            SPEECH_VERBS,
            PARTICIPLES,
            ADVERBS,
            PRONOUNS,
            DETERMINERS,
            EMBEDDERS,
            PHRASE_BREAKERS,
            ABBREVIATIONS,
            OBJECT_WORDS,
            FILLER_ENDS,
        ] {
            for word in list {
                assert_eq!(*word, word.to_lowercase(), "{word}");
            }
        }
    }

    #[test]
    fn a_kelvin_sign_lower_cases_into_a_listed_word() {
        // U+212A lower-cases to an ASCII k: the comparison must not take it for ASCII.
        assert!(lower_in("\u{212a}", &["k"]));
        assert!(!lower_in("\u{212a}", &["K"]));
        assert!(lower_in("SAID", SPEECH_VERBS));
        assert!(!lower_in("sai", SPEECH_VERBS));
    }

    #[test]
    fn the_last_sentence_end_skips_a_final_abbreviation() {
        let s = "It ended. Then Mr. Smith met Dr.";
        assert_eq!(last_sentence_end(s), Some(9));
        assert_eq!(last_sentence_end("Mr. Smith"), None);
        assert_eq!(
            last_sentence_end("Done!” Then"),
            Some(6 + '”'.len_utf8() - 1)
        );
    }

    #[test]
    fn odd_text_around_quotations_does_not_panic() {
        for text in [
            "said: “”",
            ":\n\n“x”",
            "“a” said",
            "“a,” said",
            "“a,” the",
            ", stating, “a b c d”",
            "According to, “x y”",
            "“x” according to",
            "the the the the said: “x”",
            "Mr. . . said “x”",
        ] {
            let found = scan(text).found;
            let _ = attribute(text, &found);
        }
    }
}
