//! Attributing a quotation to its speaker from the words around it: "X said", "said X",
//! "according to X", a paragraph ending in "X said:", and the quotation that continues
//! the previous one's sentence. Only text outside every quotation is read.

use std::ops::Range;

use super::find::Found;

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
}

impl Tok<'_> {
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    fn is(&self, list: &[&str]) -> bool {
        self.word && list.contains(&self.lower().as_str())
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
        self.capitalised() && !CAPITALISED_STOPS.contains(&self.text)
    }

    fn possessive(&self) -> bool {
        self.capitalised() && (self.text.ends_with("'s") || self.text.ends_with("’s"))
    }
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
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
            out.push(Tok {
                text: &s[start..end],
                span: start..end,
                word: true,
            });
            i = j;
        } else {
            if !c.is_whitespace() {
                let end = start + c.len_utf8();
                out.push(Tok {
                    text: &s[start..end],
                    span: start..end,
                    word: false,
                });
            }
            i += 1;
        }
    }
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
    if first.is(PRONOUNS) {
        return Some((Attribution::Pronoun, i + 1));
    }
    if first.is(DETERMINERS) {
        if !descriptions {
            return None;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j - i <= 4
            && toks[j].word
            && !toks[j].is(SPEECH_VERBS)
            && !toks[j].is(ADVERBS)
            && !toks[j].is(PHRASE_BREAKERS)
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
            && !toks[k].is(SPEECH_VERBS)
            && !toks[k].is(ADVERBS)
            && !toks[k].is(PHRASE_BREAKERS)
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
    if last.is(PRONOUNS) {
        return Some(Attribution::Pronoun);
    }
    let embedded = |k: usize| k > 0 && toks[k - 1].is(EMBEDDERS);
    if last.plain() {
        if last.is(SPEECH_VERBS) || last.is(ADVERBS) || last.is(PHRASE_BREAKERS) {
            return None;
        }
        let mut k = j;
        while k > 0 && j - k < 4 {
            k -= 1;
            let t = &toks[k];
            if !t.word || t.is(PHRASE_BREAKERS) || t.is(SPEECH_VERBS) {
                return None;
            }
            if t.is(DETERMINERS) {
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
            || CAPITALISED_STOPS.contains(&first.text)
            || first.text.chars().next().is_some_and(char::is_numeric)
        {
            continue;
        }
        if first.is(PRONOUNS) {
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
fn after_quotation(s: &str) -> Attribution {
    let toks = tokens(s);
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
    if first.is(SPEECH_VERBS) && first.plain() {
        return subject_forward(s, &toks, i + 1, true).map_or(Attribution::Unknown, |(a, _)| a);
    }
    if first.lower() == "according" && toks.get(i + 1).is_some_and(|t| t.lower() == "to") {
        return subject_forward(s, &toks, i + 2, true).map_or(Attribution::Unknown, |(a, _)| a);
    }
    let Some((attribution, mut k)) = subject_forward(s, &toks, i, true) else {
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
    while toks.get(k).is_some_and(|t| t.is(ADVERBS)) {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.is(SPEECH_VERBS)) {
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
fn before_quotation(s: &str) -> Attribution {
    let toks = tokens(s);
    let mut end = toks.len();
    while end > 0
        && [':', ',', '—', '–', '-', '(']
            .iter()
            .any(|&c| toks[end - 1].punct(c))
    {
        end -= 1;
    }
    let lower: Vec<String> = toks[..end].iter().map(Tok::lower).collect();
    for filler in [
        &["the", "following"][..],
        &["as", "follows"],
        &["that"],
        &["this"],
        &["in", "part"],
    ] {
        if lower.ends_with(&filler.iter().map(|w| w.to_string()).collect::<Vec<_>>()) {
            end -= filler.len();
            break;
        }
    }
    if end == 0 {
        return Attribution::Unknown;
    }
    if lower.first().is_some_and(|w| w == "according") && lower.get(1).is_some_and(|w| w == "to") {
        return match subject_forward(s, &toks, 2, true) {
            Some((a, k)) if k == end => a,
            _ => Attribution::Unknown,
        };
    }
    let last = &toks[end - 1];
    if last.is(PARTICIPLES) {
        let introduced =
            end >= 2 && (toks[end - 2].punct(',') || toks[end - 2].is(&["and", "before", "while"]));
        return if introduced {
            sentence_subject(s, &toks[..end - 1])
        } else {
            Attribution::Unknown
        };
    }
    let verb = (end.saturating_sub(7)..end).rev().find(|&v| {
        toks[v].is(SPEECH_VERBS)
            && toks[v].plain()
            && toks[v + 1..end].iter().all(|t| {
                t.capitalised()
                    || t.is(OBJECT_WORDS)
                    || t.punct('.')
                    || t.text.chars().all(char::is_numeric)
            })
    });
    let Some(verb) = verb else {
        return Attribution::Unknown;
    };
    let mut j = verb;
    while j > 0 && toks[j - 1].is(ADVERBS) {
        j -= 1;
    }
    let Some(j) = j.checked_sub(1) else {
        return Attribution::Unknown;
    };
    if toks[j].is(&["and"]) {
        return sentence_subject(s, &toks[..j]);
    }
    if toks[j].punct(',') {
        // An apposition: "Legend, 43, said:".
        let open = toks[..j].iter().rev().take(8).position(|t| t.punct(','));
        return match open.and_then(|p| (j - 1 - p).checked_sub(1)) {
            Some(k) => subject_backward(s, &toks, k).unwrap_or(Attribution::Unknown),
            None => Attribution::Unknown,
        };
    }
    subject_backward(s, &toks, j).unwrap_or(Attribution::Unknown)
}

/// Byte offsets just after each sentence end in `s`: a full stop, question mark,
/// exclamation mark or ellipsis (with any closing marks after it), followed by a space
/// and a capital, a digit or a quotation mark. Abbreviations and initials do not end.
fn sentence_ends(s: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut ends = Vec::new();
    for (i, &(pos, c)) in chars.iter().enumerate() {
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
        if next.is_none_or(|n| n.is_uppercase() || n.is_numeric() || is_quote_mark(n) || n == '(') {
            ends.push(end);
        }
        let _ = pos;
    }
    ends
}

/// Whether the words after a closing mark can belong to the quotation's sentence. A
/// quotation that ends its own sentence ("…friendship.”) followed by a capital starts a
/// new sentence, which may be about something else.
fn after_belongs(content: &str, after: &str) -> bool {
    let content = content
        .trim_end_matches(|c: char| is_quote_mark(c) || c == ')' || c == ']' || c.is_whitespace());
    if !content.ends_with(['.', '!', '?', '…']) {
        return true;
    }
    let after = after.trim_start();
    after.starts_with([',', '—', '–']) || after.chars().next().is_some_and(char::is_lowercase)
}

/// The line breaks of a text, found once so that every quotation can look up its line
/// without rescanning it.
struct Lines {
    /// Byte span of each line-break character, in order.
    breaks: Vec<Range<usize>>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Self {
        let breaks = text
            .char_indices()
            .filter(|&(_, c)| is_line_break(c))
            .map(|(p, c)| p..p + c.len_utf8())
            .collect();
        Lines {
            breaks,
            len: text.len(),
        }
    }

    /// Where the line holding byte `at` starts.
    fn start(&self, at: usize) -> usize {
        let before = self.breaks.partition_point(|b| b.end <= at);
        before.checked_sub(1).map_or(0, |k| self.breaks[k].end)
    }

    /// Where the line holding byte `at` ends (its line break, or the end of the text).
    fn end(&self, at: usize) -> usize {
        let next = self.breaks.partition_point(|b| b.start < at);
        self.breaks.get(next).map_or(self.len, |b| b.start)
    }
}

/// The last sentence of the non-blank line before `start`, when that line ends with a
/// colon ("Legend said:"), cut after `floor` (the previous quotation's closing mark).
fn introducing_line<'t>(
    text: &'t str,
    lines: &Lines,
    start: usize,
    floor: usize,
) -> Option<&'t str> {
    let before = text[..start].trim_end();
    if !before.ends_with(':') {
        return None;
    }
    let from = lines.start(before.len()).max(floor);
    let line = text.get(from..before.len())?;
    let cut = sentence_ends(line).last().copied().unwrap_or(0);
    Some(&line[cut..])
}

/// The speaker of each quotation in `found` (sorted by opening mark), where the text
/// says it. Quotations inside other quotations get none.
///
/// A wrong speaker is worse than none: pronouns, long capitalised runs and names inside a
/// longer noun phrase ("the New Yorker") give no speaker.
pub(crate) fn attribute(text: &str, found: &[Found]) -> Vec<Option<String>> {
    let mut speakers = vec![None; found.len()];
    let lines = Lines::new(text);
    let top: Vec<usize> = (0..found.len()).filter(|&i| found[i].depth == 0).collect();
    // Where the previous quotation's attributing sentence ended, and what it said.
    let mut carried: Option<(usize, Attribution)> = None;
    for (t, &fi) in top.iter().enumerate() {
        let q = &found[fi];
        let prev_close = t.checked_sub(1).map_or(0, |p| found[top[p]].close.end);
        let next_open = top.get(t + 1).map_or(text.len(), |&n| found[n].open.start);
        let after_end = next_open.min(lines.end(q.close.end)).max(q.close.end);
        let after = &text[q.close.end..after_end];
        let first_end = sentence_ends(after).first().copied();
        let after_sentence = &after[..first_end.unwrap_or(after.len())];
        let content = &text[q.content.clone()];

        let mut attribution = Attribution::Unknown;
        let mut from_after = false;
        if after_belongs(content, after_sentence) {
            attribution = after_quotation(after_sentence);
            from_after = attribution != Attribution::Unknown;
        }
        let starts = lines.start(q.open.start);
        let before = &text[prev_close.max(starts).min(q.open.start)..q.open.start];
        if attribution == Attribution::Unknown {
            let cut = sentence_ends(before).last().copied().unwrap_or(0);
            attribution = before_quotation(&before[cut..]);
        }
        if attribution == Attribution::Unknown
            && starts >= prev_close
            && text[starts..q.open.start].trim().is_empty()
            && let Some(line) = introducing_line(text, &lines, starts, prev_close)
        {
            attribution = before_quotation(line);
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
        let ends = sentence_ends(s);
        assert_eq!(ends.len(), 2, "{ends:?}");
        assert_eq!(&s[..ends[0]], "He met Mr. Smith and J. Cole on Sept. 4.");
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
