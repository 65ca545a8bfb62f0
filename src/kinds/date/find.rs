//! First step of date normalisation: finding date expressions in prose and reading what
//! each says, before anything is resolved. Declarative patterns propose candidates,
//! negative rules drop numbers that are not years, and the longest candidate wins.

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex, RegexSet};

use super::{DateMention, MONTH_NAMES, Occurrence, Underspecified};
use crate::rules::ascii_word_boundaries;
use crate::text::word_key::word_key;
use crate::text::words::is_word_byte;
use features::{
    AGO_WORD, DAY_NUMBER, DAY_WORD, Features, ISO_START, MONTH_NAME, PAST_WORD, PREVIOUS_WORD,
    RELATIVE_WORD, Spots, UNIT_WORD, WEEKDAY_NAME, YEAR_NUMBER, YEAR_WORD, features,
};
use words::{COUNT_NOUNS, LABELS, WEEKDAY_NAMES};

mod features;
mod words;

/// A month name as prose writes it: capitalised, full or abbreviated. Longer names come
/// first so that "September" is not read as "Sep".
const MONTH: &str = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b(?P<dot>\.)?";

/// "early", "mid-", "late" before a month or year: part of the expression, same value.
const PART: &str = r"(?:\b(?P<part>(?i:early|late|mid)(?:-|\s+)))?";

/// A day of the month, with an optional ordinal suffix.
const DAY: &str = r"(?P<dayword>(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?)\b";

/// An optional year after a day: "September 4, 2022", "4 September 2022".
const YEAR_AFTER_DAY: &str = r"(?:(?:,\s*|\s+)(?P<year>[0-9]{4})\b)?";

const WEEKDAY: &str = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b";

/// Turns a pattern's matches in a sentence into candidates.
type Reader = fn(Sentence<'_>, &mut Vec<Candidate>);

/// A sentence as the readers read it: its text, and where its month names and four-digit
/// numbers are when the pass over its words listed them all.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    text: &'a str,
    spots: Option<&'a Spots>,
}

impl<'a> Sentence<'a> {
    /// `text`, whose words the readers look for themselves.
    fn plain(text: &'a str) -> Sentence<'a> {
        Sentence { text, spots: None }
    }

    /// The words of exactly four ASCII digits, in order: as listed, or else looked for.
    fn years(self) -> impl Iterator<Item = Range<usize>> + 'a {
        let text = self.text;
        listed_or(self.spots.and_then(Spots::years), || four_digit_words(text))
    }

    /// The words "last", "this" and "next" in any case, in order: as listed, or else looked
    /// for among the ASCII words (so only for a sentence with no character that case folds
    /// to an ASCII letter).
    fn relative_words(self) -> impl Iterator<Item = Range<usize>> + 'a {
        let text = self.text;
        listed_or(self.spots.and_then(Spots::relative), move || {
            ascii_words(text).filter(move |word| is_one_of(&text[word.clone()], RELATIVE_WORDS))
        })
    }

    /// The month names [`MONTH`] matches, in order: as listed, or else looked for.
    fn month_names(self) -> impl Iterator<Item = (Range<usize>, MonthName)> + 'a {
        let text = self.text;
        listed_or(self.spots.and_then(Spots::months), || {
            month_names(text).map(|(name, _)| name)
        })
        .filter_map(move |name| Some((name.clone(), month_named(&text[name])?)))
    }
}

/// The words `listed` when the pass over the sentence's words listed them all, or else
/// those `find` looks for.
fn listed_or<'a, F: Iterator<Item = Range<usize>> + 'a>(
    listed: Option<&'a [Range<usize>]>,
    find: impl FnOnce() -> F,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let found = listed.is_none().then(find);
    listed
        .into_iter()
        .flatten()
        .cloned()
        .chain(found.into_iter().flatten())
}

/// Each reader with the pattern it reads the matches of, and the words that pattern
/// needs: it can match only where all the features of one of the alternatives are there.
/// At most sixteen, as [`readers_for`] gives them as bits.
const READERS: &[(Reader, &LazyLock<Regex>, &[Features])] = &[
    (iso_dates, &ISO, &[ISO_START]),
    (month_day, &MONTH_DAY, &[MONTH_NAME | DAY_NUMBER]),
    (day_month, &DAY_MONTH, &[MONTH_NAME | DAY_NUMBER]),
    (month_year, &MONTH_YEAR, &[MONTH_NAME | YEAR_NUMBER]),
    (
        month_in_relative_year,
        &MONTH_IN_RELATIVE_YEAR,
        &[
            MONTH_NAME | RELATIVE_WORD | YEAR_WORD,
            MONTH_NAME | PREVIOUS_WORD | YEAR_WORD,
        ],
    ),
    (
        named_months,
        &NAMED_MONTH,
        &[MONTH_NAME | RELATIVE_WORD, MONTH_NAME | PAST_WORD],
    ),
    (bare_months, &BARE_MONTH, &[MONTH_NAME]),
    (weekdays, &WEEKDAY_PHRASE, &[WEEKDAY_NAME]),
    (relative_units, &RELATIVE_UNIT, &[RELATIVE_WORD | UNIT_WORD]),
    (previous_units, &PREVIOUS_UNIT, &[PREVIOUS_WORD | UNIT_WORD]),
    (day_words, &DAY_WORD_PHRASE, &[DAY_WORD]),
    (units_ago, &UNITS_AGO, &[AGO_WORD]),
    (bare_years, &BARE_YEAR, &[YEAR_NUMBER]),
];

/// The date readers' patterns, as compiled, in the order they are tried.
pub fn reader_patterns() -> impl Iterator<Item = &'static str> {
    READERS.iter().map(|(_, pattern, _)| pattern.as_str())
}

/// All the readers' patterns at once, for sentences whose words cannot be told apart
/// without them (see [`features`]): one pass says which readers have anything to read.
static ANY_READER: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(READERS.iter().map(|(_, pattern, _)| pattern.as_str()))
        .expect("date patterns are valid regexes")
});

/// Whether the reader with `needs` can match a sentence with `features`.
fn may_read(needs: &[Features], features: Features) -> bool {
    needs.iter().any(|&need| need & !features == 0)
}

/// The readers that may have something to read in a sentence with `found`, as bits by
/// index in [`READERS`].
fn readers_with(found: Features) -> u16 {
    READERS
        .iter()
        .enumerate()
        .filter(|(_, (_, _, needs))| may_read(needs, found))
        .fold(0, |readers, (index, _)| readers | 1 << index)
}

/// The readers whose patterns match `text`, as bits by index in [`READERS`].
fn readers_matching(text: &str) -> u16 {
    ANY_READER
        .matches(text)
        .iter()
        .fold(0, |readers, index| readers | 1 << index)
}

/// A possible date expression. `expr` is `None` for text that looks like a date but is
/// not one ("February 30"): it still claims its span, so that "February" alone is not
/// read out of it.
struct Candidate {
    span: Range<usize>,
    expr: Option<Underspecified>,
}

/// Finds every date expression in `text`, in order of position. Overlapping candidates
/// are settled by length (longest wins; on a tie, absolute beats relative), so
/// "November last year" is one expression, not "November" and "last year".
///
/// Spans leave out a leading "in" or "on" but keep words that change the value
/// ("last", "this past", "earlier", "mid-"). What is deliberately not a date:
/// - a bare number outside 1000..=2999, or joined to other digits ("2,018", "2018.5",
///   "12:30", "555-1234", and so also ranges such as "2018-19"), after "$", "#", "No.",
///   or before "%" or a count noun ("2000 soldiers");
/// - an impossible day ("February 30", "September 31"): nothing is found there, not even
///   the month;
/// - vague phrases ("in recent years", "a few years ago", "the last year");
/// - "May" and abbreviated months standing alone without "in", and a month or weekday
///   inside a name ("Theresa May", "April Ryan", "Women's March", "Black Friday").
pub fn find_dates(text: &str) -> Vec<DateMention> {
    // The readers that may have something to read, from the sentence's words when they
    // tell, or else from all the patterns at once.
    let mut spots = Spots::default();
    match features(text, &mut spots) {
        Some(found) => find_with(
            Sentence {
                text,
                spots: Some(&spots),
            },
            readers_with(found),
        ),
        None => find_with(Sentence::plain(text), readers_matching(text)),
    }
}

/// [`find_dates`] with the readers marked in `readers` (bits by index in [`READERS`]);
/// those that have nothing to read add nothing.
fn find_with(sentence: Sentence<'_>, readers: u16) -> Vec<DateMention> {
    let mut candidates = Vec::new();
    for (index, (reader, _, _)) in READERS.iter().enumerate() {
        if readers & 1 << index != 0 {
            reader(sentence, &mut candidates);
        }
    }
    settled(candidates, sentence.text.len())
}

/// The mentions among `candidates` (in a text of `len` bytes), by position: each in turn,
/// by length (longest first; on a tie, absolute before relative, then by position), is
/// taken unless it overlaps one taken before.
fn settled(mut candidates: Vec<Candidate>, len: usize) -> Vec<DateMention> {
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort_by_key(|candidate| {
        (
            Reverse(candidate.span.len()),
            candidate.expr.as_ref().is_some_and(|e| e.is_relative()),
            candidate.span.start,
        )
    });
    // The bytes taken, a bit each: on the stack for a sentence of up to 512 bytes.
    let words = len.div_ceil(64);
    let mut few = [0u64; 8];
    let mut many = Vec::new();
    let taken: &mut [u64] = match few.get_mut(..words) {
        Some(few) => few,
        None => {
            many.resize(words, 0);
            &mut many
        }
    };
    let mut mentions = Vec::new();
    for Candidate { span, expr } in candidates {
        let overlaps = span.clone().any(|at| taken[at / 64] >> (at % 64) & 1 != 0);
        if span.is_empty() || overlaps {
            continue;
        }
        for at in span.clone() {
            taken[at / 64] |= 1 << (at % 64);
        }
        if let Some(expr) = expr {
            mentions.push(DateMention { span, expr });
        }
    }
    mentions.sort_by_key(|mention| mention.span.start);
    mentions
}

/// Compiles a date pattern with ASCII word boundaries, as rule patterns are compiled:
/// Unicode ones would send every search of a sentence with a curly quote down the slow
/// path, and date words are ASCII.
fn regex(pattern: &str) -> Regex {
    Regex::new(&ascii_word_boundaries(pattern, pattern)).expect("date patterns are valid regexes")
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})\b"));

fn iso_dates(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in ISO.captures_iter(text) {
        let number = |name| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(year), Some(month), Some(day)) = (number("year"), number("month"), number("day"))
        else {
            continue;
        };
        let expr = i32::try_from(year)
            .ok()
            .filter(|year| is_year(*year))
            .filter(|year| NaiveDate::from_ymd_opt(*year, month, day).is_some())
            .map(|year| Underspecified::Day { year, month, day });
        out.push(Candidate {
            span: whole(&caps),
            expr,
        });
    }
}

static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"\b{MONTH}\s+{DAY}{YEAR_AFTER_DAY}")));

/// What a match of [`MONTH_DAY`] or [`DAY_MONTH`] says: where it starts, the month, its
/// name and whether a dot follows it, the day as written and its digits, and the year.
#[derive(Clone, Debug, PartialEq)]
struct DayMatch {
    start: usize,
    month: MonthName,
    name: Range<usize>,
    dot: bool,
    dayword: Range<usize>,
    day: Range<usize>,
    year: Option<Range<usize>>,
}

/// "September 4, 2022", "Sep 07, 2022", "Sept. 4", "Jan. 5".
fn month_day(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for found in month_day_matches(sentence) {
        if let Some(candidate) = day_candidate(text, &found, true) {
            out.push(candidate);
        }
    }
}

static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"\b{DAY}\s+(?:of\s+)?{MONTH}{YEAR_AFTER_DAY}")));

/// "4 September 2022", "4th of July".
fn day_month(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for found in day_month_matches(sentence) {
        if let Some(candidate) = day_candidate(text, &found, false) {
            out.push(candidate);
        }
    }
}

/// The matches of [`MONTH_DAY`], in order, read from the month names without running it:
/// from a name, the dot if there is one, whitespace, a day (a whole word: one or two
/// digits and perhaps "st", "nd", "rd" or "th") and perhaps a year. Each match holds one
/// name and no other, so they come in the order of the names and never overlap.
fn month_day_matches(sentence: Sentence<'_>) -> impl Iterator<Item = DayMatch> + '_ {
    let text = sentence.text;
    sentence.month_names().filter_map(move |(name, month)| {
        let dot = text.as_bytes().get(name.end) == Some(&b'.');
        let rest = &text[name.end + usize::from(dot)..];
        let spaced = rest.trim_start();
        if spaced.len() == rest.len() {
            return None;
        }
        let (dayword, day) = day_at(text, text.len() - spaced.len())?;
        Some(DayMatch {
            start: name.start,
            year: year_after_day_at(text, dayword.end),
            month,
            name,
            dot,
            dayword,
            day,
        })
    })
}

/// The matches of [`DAY_MONTH`], in order, read from the month names without running it:
/// before a name, whitespace, perhaps "of" and whitespace, and a day (as in
/// [`month_day_matches`]); after it, the dot if there is one and perhaps a year. A year
/// is no day, so no match reaches into the next.
fn day_month_matches(sentence: Sentence<'_>) -> impl Iterator<Item = DayMatch> + '_ {
    let text = sentence.text;
    sentence.month_names().filter_map(move |(name, month)| {
        let before_name = word_before_space(text, name.start)?;
        let day_word = if &text[before_name.clone()] == "of" {
            word_before_space(text, before_name.start)?
        } else {
            before_name
        };
        let (dayword, day) = day_at(text, day_word.start)?;
        if dayword != day_word {
            return None;
        }
        let dot = text.as_bytes().get(name.end) == Some(&b'.');
        Some(DayMatch {
            start: dayword.start,
            year: year_after_day_at(text, name.end + usize::from(dot)),
            month,
            name,
            dot,
            dayword,
            day,
        })
    })
}

/// The word (a run of ASCII letters, digits and `_`) that ends where the whitespace
/// ending at `at` starts, if whitespace ends there.
fn word_before_space(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text.get(..at)?;
    let end = before.trim_end().len();
    if end == before.len() {
        return None;
    }
    let start = text.as_bytes()[..end]
        .iter()
        .rposition(|&b| !is_word_byte(b))
        .map_or(0, |last| last + 1);
    Some(start..end)
}

/// The day [`DAY`] matches at `at` (the start of a word): the whole word, and its digits.
fn day_at(text: &str, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    let bytes = text.as_bytes();
    let end = ascii_word_end(text, at);
    let digits = bytes[at..end]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let suffix = &bytes[at + digits..end];
    let is_day = (1..=2).contains(&digits) && matches!(suffix, b"" | b"st" | b"nd" | b"rd" | b"th");
    is_day.then_some((at..end, at..at + digits))
}

/// The year [`YEAR_AFTER_DAY`] matches at `at`: `,` and any whitespace, or whitespace,
/// then a word of four digits.
fn year_after_day_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = text.get(at..)?;
    let after_separator = match rest.strip_prefix(',') {
        Some(after_comma) => after_comma.trim_start(),
        None => {
            let spaced = rest.trim_start();
            if spaced.len() == rest.len() {
                return None;
            }
            spaced
        }
    };
    four_digits_at(text, text.len() - after_separator.len())
}

/// Reads a day of a month, with its year when one follows. An impossible day is a
/// candidate without a value, so that it hides the month name inside it.
fn day_candidate(text: &str, found: &DayMatch, month_first: bool) -> Option<Candidate> {
    let DayMatch {
        start,
        month,
        ref name,
        dot,
        ref dayword,
        ref day,
        ref year,
    } = *found;
    let day: u32 = text.get(day.clone())?.parse().ok()?;
    // After a full month name a dot ends the sentence; it cannot join day and year.
    let dot_ends_sentence = month.full && dot;
    if month_first && dot_ends_sentence {
        return None;
    }
    let year = year
        .clone()
        .filter(|_| !dot_ends_sentence)
        .and_then(|m| year_after_day(text, m.clone()).map(|year| (year, m.end)));
    if let Some((year, end)) = year {
        let expr = NaiveDate::from_ymd_opt(year, month.number, day).map(|_| Underspecified::Day {
            year,
            month: month.number,
            day,
        });
        return Some(Candidate {
            span: start..end,
            expr,
        });
    }
    // Before a month name the next word is the month (or "of"), never a count.
    let counted = month_first && counts_something(text, dayword.end);
    if !number_stands_alone(text, dayword.clone()) || counted {
        return None;
    }
    let end = if month_first { dayword.end } else { name.end };
    // A year that leaves every month-day possible: February 29 stays a date.
    let exists = NaiveDate::from_ymd_opt(2000, month.number, day).is_some();
    Some(Candidate {
        span: start..end,
        expr: exists.then_some(Underspecified::DayWithoutYear {
            month: month.number,
            day,
        }),
    })
}

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"{PART}\b{MONTH}(?:,\s*|\s+of\s+|\s+)(?P<year>[0-9]{{4}})\b"
    ))
});

/// What a match of [`MONTH_YEAR`] says: where it is, its month (and whether a dot follows
/// the name) and where its year is.
#[derive(Clone, Debug, PartialEq)]
struct MonthYearMatch {
    whole: Range<usize>,
    month: MonthName,
    dot: bool,
    year: Range<usize>,
}

/// "November 2021", "Nov. 2021", "May of 2018", "mid-November 2021".
fn month_year(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for found in month_year_matches(sentence) {
        if found.month.full && found.dot {
            continue;
        }
        let Some(year) = year_at(text, found.year) else {
            continue;
        };
        out.push(Candidate {
            span: found.whole,
            expr: Some(Underspecified::Month {
                year,
                month: found.month.number,
            }),
        });
    }
}

/// The matches of [`MONTH_YEAR`], in order, read from the month names without running it.
///
/// Each match holds one month name, and only a separator and a year follow it, so
/// they come in the order of the names and never overlap. From a name, the pattern
/// matches at most one way: the dot if there is one, then `,` and any whitespace, or
/// whitespace, "of" and whitespace, or else whitespace alone, and a word of four digits.
fn month_year_matches(sentence: Sentence<'_>) -> impl Iterator<Item = MonthYearMatch> + '_ {
    let text = sentence.text;
    sentence.month_names().filter_map(move |(name, month)| {
        let dot = text.as_bytes().get(name.end) == Some(&b'.');
        let year = year_after_separator(text, name.end + usize::from(dot))?;
        Some(MonthYearMatch {
            whole: part_before(text, name.start).unwrap_or(name.start)..year.end,
            month,
            dot,
            year,
        })
    })
}

/// The word of exactly four digits that `(?:,\s*|\s+of\s+|\s+)` leads to from `at`.
fn year_after_separator(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = text.get(at..)?;
    if let Some(after_comma) = rest.strip_prefix(',') {
        return four_digits_at(text, text.len() - after_comma.trim_start().len());
    }
    let spaced = rest.trim_start();
    if spaced.len() == rest.len() {
        return None;
    }
    let after_space = text.len() - spaced.len();
    let after_of = spaced.strip_prefix("of").and_then(|after| {
        let trimmed = after.trim_start();
        (trimmed.len() < after.len()).then(|| text.len() - trimmed.len())
    });
    after_of
        .and_then(|at| four_digits_at(text, at))
        .or_else(|| four_digits_at(text, after_space))
}

/// The four digits at `at`, when a word character neither precedes nor follows them
/// there (the callers know the byte before is none).
fn four_digits_at(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let digits = bytes.get(at..at + 4)?;
    let alone = digits.iter().all(u8::is_ascii_digit)
        && !bytes.get(at + 4).is_some_and(|&b| is_word_byte(b));
    alone.then_some(at..at + 4)
}

static MONTH_IN_RELATIVE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"{PART}\b{MONTH}\s+(?:(?i:of)\s+)?(?P<rel>(?i:last|this|next|the\s+previous|the\s+prior|the\s+preceding))\s+(?i:year)\b"
    ))
});

/// "November last year", "November of last year", "November the previous year".
fn month_in_relative_year(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in MONTH_IN_RELATIVE_YEAR.captures_iter(text) {
        let (Some(month), Some(rel)) = (month_of(&caps), caps.name("rel")) else {
            continue;
        };
        if month.full && caps.name("dot").is_some() {
            continue;
        }
        let years = match first_word(rel.as_str()).as_str() {
            "this" => 0,
            "next" => 1,
            _ => -1,
        };
        out.push(Candidate {
            span: whole(&caps),
            expr: Some(Underspecified::MonthInRelativeYear {
                month: month.number,
                years,
            }),
        });
    }
}

static NAMED_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?P<rel>(?i:last|this\s+past|past|this|next))\s+{MONTH}"
    ))
});

/// "last November", "this past November", "this November", "next May".
fn named_months(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in NAMED_MONTH.captures_iter(text) {
        let (Some(month), Some(rel), Some(name)) =
            (month_of(&caps), caps.name("rel"), caps.name("month"))
        else {
            continue;
        };
        let rel = rel.as_str().to_lowercase();
        let expr = match rel.as_str() {
            "this" => Underspecified::MonthInRelativeYear {
                month: month.number,
                years: 0,
            },
            "next" => Underspecified::NamedMonth {
                month: month.number,
                which: Occurrence::Next,
            },
            _ => Underspecified::NamedMonth {
                month: month.number,
                which: Occurrence::Previous,
            },
        };
        out.push(Candidate {
            span: whole(&caps).start..name.end(),
            expr: Some(expr),
        });
    }
}

static BARE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:\b(?P<prep>(?i:in|during))\s+)?{PART}\b{MONTH}"
    ))
});

/// What a match of [`BARE_MONTH`] says: where the month name is, which month, and the
/// start of "early", "late" or "mid" before it, and whether "in" or "during" leads.
#[derive(Clone, Debug, PartialEq)]
struct BareMonthMatch {
    name: Range<usize>,
    month: MonthName,
    part: Option<usize>,
    prep: bool,
}

/// A month alone: "in November", "November", "mid-May". "May" and abbreviations are
/// also verbs and names, so alone they need "in", "during" or "early/mid/late"; a full
/// name followed by a capitalised word is a person ("April Ryan") unless "in" precedes.
fn bare_months(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for BareMonthMatch {
        name,
        month,
        part,
        prep,
    } in bare_month_matches(sentence)
    {
        let introduced = prep || part.is_some();
        let after = &text[name.end..];
        let ambiguous = !month.full || &text[name.clone()] == "May";
        if ambiguous && (!introduced || after.starts_with("'s") || after.starts_with("’s")) {
            continue;
        }
        if !introduced && (next_word_is_capitalised(after) || in_a_name(text, name.start)) {
            continue;
        }
        let start = part.unwrap_or(name.start);
        out.push(Candidate {
            span: start..name.end,
            expr: Some(Underspecified::MonthWithoutYear {
                month: month.number,
            }),
        });
    }
}

/// The matches of [`BARE_MONTH`], in order, read from the month names without running
/// it: every month name is one, with what stands just before it. A match ends at its
/// name (or the dot after it) and the next one's "in" or "early" comes after that, so
/// they never overlap.
fn bare_month_matches(sentence: Sentence<'_>) -> impl Iterator<Item = BareMonthMatch> + '_ {
    let text = sentence.text;
    sentence.month_names().map(move |(name, month)| {
        let part = part_before(text, name.start);
        BareMonthMatch {
            prep: in_or_during_before(text, part.unwrap_or(name.start)),
            name,
            month,
            part,
        }
    })
}

/// Whether "in" or "during" (in any case, a whole word) and whitespace end at `at`.
fn in_or_during_before(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let word_end = before.trim_end().len();
    if word_end == before.len() {
        return false;
    }
    let bytes = text.as_bytes();
    let word_start = bytes[..word_end]
        .iter()
        .rposition(|&b| !is_word_byte(b))
        .map_or(0, |last| last + 1);
    let word = &bytes[word_start..word_end];
    word.eq_ignore_ascii_case(b"in") || word.eq_ignore_ascii_case(b"during")
}

/// The month names [`MONTH`] accepts, as written: full names first, as in the pattern.
const MONTH_WORDS: [&str; 24] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
];

/// The month names in `text` that [`MONTH`] matches, in order: whole words (runs of
/// ASCII letters, digits and `_`, which its word boundaries delimit) written exactly as
/// one of [`MONTH_WORDS`].
fn month_names(text: &str) -> impl Iterator<Item = (Range<usize>, MonthName)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            if !bytes[at].is_ascii_uppercase() || (at > 0 && is_word_byte(bytes[at - 1])) {
                at += 1;
                continue;
            }
            let start = at;
            at = ascii_word_end(text, start);
            if let Some(month) = month_named(&text[start..at]) {
                return Some((start..at, month));
            }
        }
        None
    })
}

/// The month `name` is, when it is one of [`MONTH_WORDS`].
fn month_named(name: &str) -> Option<MonthName> {
    if !MONTH_WORDS.contains(&name) {
        return None;
    }
    month_by_prefix(name)
}

/// The month whose full name begins like `name`; whether `name` is that full name.
fn month_by_prefix(name: &str) -> Option<MonthName> {
    let prefix = name.get(..3)?;
    let index = MONTH_NAMES
        .iter()
        .position(|full| full.starts_with(prefix))?;
    Some(MonthName {
        number: u32::try_from(index).ok()? + 1,
        full: MONTH_NAMES.contains(&name),
    })
}

static WEEKDAY_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:\b(?P<rel>(?i:last|this\s+past|past|next|this))\s+|\b(?i:on)\s+)?\b{WEEKDAY}"
    ))
});

/// "Thursday", "on Thursday", "last Thursday", "next Thursday".
fn weekdays(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in WEEKDAY_PHRASE.captures_iter(text) {
        let Some(name) = caps.name("weekday") else {
            continue;
        };
        let Ok(weekday) = name.as_str().parse::<chrono::Weekday>() else {
            continue;
        };
        let rel = caps.name("rel");
        if rel.is_none() && WEEKDAY_NAMES.contains(&prev_word(text, name.start()).as_str()) {
            continue;
        }
        let which = match rel.map(|r| r.as_str().to_lowercase()).as_deref() {
            None => Occurrence::MostRecent,
            Some("next") => Occurrence::Next,
            Some("this") => Occurrence::Current,
            Some(_) => Occurrence::Previous,
        };
        let start = rel.map_or(name.start(), |r| r.start());
        out.push(Candidate {
            span: start..name.end(),
            expr: Some(Underspecified::Weekday { weekday, which }),
        });
    }
}

static RELATIVE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?:(?P<modifier>(?i:earlier|later|early|late))\s+)?(?P<rel>(?i:last|this|next))\s+(?P<unit>(?i:year|month|week))\b",
    )
});

/// What a match of [`RELATIVE_UNIT`] says: where it is, whether "earlier", "later",
/// "early" or "late" starts it, and where its "last", "this" or "next" and its unit are.
#[derive(Clone, Debug, PartialEq)]
struct RelativeUnitMatch {
    whole: Range<usize>,
    modifier: bool,
    rel: Range<usize>,
    unit: Range<usize>,
}

/// "last year", "earlier this year", "next month", "last week". "The last year" and
/// "the next year" are the twelve months around publication, too vague to be a date.
fn relative_units(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    let mut read = |found: RelativeUnitMatch| {
        if !found.modifier && prev_word(text, found.rel.start) == "the" {
            return;
        }
        let offset = match text[found.rel].to_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        if let Some(expr) = relative(&text[found.unit], offset) {
            out.push(Candidate {
                span: found.whole,
                expr: Some(expr),
            });
        }
    };
    // Read from the words where they are all ASCII words; where a character that case
    // folds to an ASCII letter may stand in one, by the pattern.
    if sentence.spots.is_some() {
        relative_unit_matches(sentence).for_each(&mut read);
    } else {
        relative_unit_matches_by_pattern(text).for_each(&mut read);
    }
}

/// The matches of [`RELATIVE_UNIT`], by the pattern.
fn relative_unit_matches_by_pattern(text: &str) -> impl Iterator<Item = RelativeUnitMatch> + '_ {
    RELATIVE_UNIT.captures_iter(text).filter_map(|caps| {
        Some(RelativeUnitMatch {
            whole: whole(&caps),
            modifier: caps.name("modifier").is_some(),
            rel: caps.name("rel")?.range(),
            unit: caps.name("unit")?.range(),
        })
    })
}

/// The matches of [`RELATIVE_UNIT`] in a sentence with no character that case folds to
/// an ASCII letter, in order, read from its words without running it: a whole word
/// "last", "this" or "next" in any case, whitespace, and a whole word "year", "month" or
/// "week", with the whole word "earlier", "later", "early" or "late" and whitespace just
/// before it when they are there. A match ends with its unit, which starts none, so
/// matches never overlap and come in the order of their "last", "this" or "next".
fn relative_unit_matches(sentence: Sentence<'_>) -> impl Iterator<Item = RelativeUnitMatch> + '_ {
    let text = sentence.text;
    sentence.relative_words().filter_map(move |rel| {
        let rest = &text[rel.end..];
        let spaced = rest.trim_start();
        if spaced.len() == rest.len() {
            return None;
        }
        let unit_start = text.len() - spaced.len();
        let unit = unit_start..ascii_word_end(text, unit_start);
        if !is_one_of(&text[unit.clone()], &["year", "month", "week"]) {
            return None;
        }
        let modifier = word_before_space(text, rel.start)
            .filter(|word| is_one_of(&text[word.clone()], &["earlier", "later", "early", "late"]));
        Some(RelativeUnitMatch {
            whole: modifier.as_ref().map_or(rel.start, |word| word.start)..unit.end,
            modifier: modifier.is_some(),
            rel,
            unit,
        })
    })
}

/// "last", "this" and "next", which [`RELATIVE_UNIT`] matches in any case.
const RELATIVE_WORDS: &[&str] = &["last", "this", "next"];

/// Whether `word` is one of `words` (lowercase ASCII) in any case.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The runs of ASCII letters, digits and `_` in `text`, in order: the words that ASCII
/// word boundaries delimit.
fn ascii_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes.get(at..)?.iter().position(|&b| is_word_byte(b))?;
        at = ascii_word_end(text, start);
        Some(start..at)
    })
}

/// Where the run of ASCII word characters from `start` ends.
fn ascii_word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() && is_word_byte(bytes[end]) {
        end += 1;
    }
    end
}

static PREVIOUS_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(?i:the\s+(?:previous|prior|preceding)\s+(?P<unit>year|month|week))\b")
});

/// "the previous year": read as "last year", the publication being the reference.
fn previous_units(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in PREVIOUS_UNIT.captures_iter(text) {
        let Some(unit) = caps.name("unit") else {
            continue;
        };
        if let Some(expr) = relative(unit.as_str(), -1) {
            out.push(Candidate {
                span: whole(&caps),
                expr: Some(expr),
            });
        }
    }
}

static DAY_WORD_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight|last\s+night))\b"));

/// "yesterday", "today", "tomorrow", "tonight", "last night". Capitalised in the
/// middle of a sentence they are titles ("USA Today", "The Tonight Show").
fn day_words(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in DAY_WORD_PHRASE.captures_iter(text) {
        let Some(word) = caps.name("word") else {
            continue;
        };
        let capitalised = word.as_str().starts_with(|c: char| c.is_uppercase());
        if capitalised && !at_clause_start(text, word.start()) {
            continue;
        }
        let lower = word.as_str().to_lowercase();
        let offset = match lower.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            "today" | "tonight" => 0,
            _ => -1,
        };
        out.push(Candidate {
            span: word.range(),
            expr: Some(Underspecified::RelativeDay(offset)),
        });
    }
}

static UNITS_AGO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?P<count>[0-9]{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b",
    )
});

/// "two years ago", "2 years ago", "a year ago", "three months ago".
fn units_ago(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for caps in UNITS_AGO.captures_iter(text) {
        let (Some(count), Some(unit)) = (caps.name("count"), caps.name("unit")) else {
            continue;
        };
        // "twenty-five years ago" and "1,000 years ago" are not five or zero years.
        let before = &text[..count.start()];
        if before.ends_with(['-', '–']) || !number_stands_alone(text, count.range()) {
            continue;
        }
        let Some(n) = count_value(count.as_str()) else {
            continue;
        };
        if let Some(expr) = relative(unit.as_str(), -n) {
            out.push(Candidate {
                span: whole(&caps),
                expr: Some(expr),
            });
        }
    }
}

static BARE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"{PART}\b(?P<year>[0-9]{{4}})\b")));

/// "2018", "in 2018", "a 2020 episode", "mid-2018".
///
/// Reads what [`BARE_YEAR`] matches without running it: its matches are the words of
/// exactly four ASCII digits, each with the "early", "late" or "mid" (and `-` or
/// whitespace) just before it when there is one, and they come in the order of the
/// numbers.
fn bare_years(sentence: Sentence<'_>, out: &mut Vec<Candidate>) {
    let text = sentence.text;
    for number in sentence.years() {
        let Some(year) = year_at(text, number.clone()) else {
            continue;
        };
        out.push(Candidate {
            span: part_before(text, number.start).unwrap_or(number.start)..number.end,
            expr: Some(Underspecified::Year(year)),
        });
    }
}

/// The words of exactly four ASCII digits in `text`, in order.
fn four_digit_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = bytes[from..].iter().position(u8::is_ascii_digit) {
            let digit = from + offset;
            let end = ascii_word_end(text, digit);
            from = end;
            // A digit inside a word that started before it is no number of its own.
            let starts_word = digit == 0 || !is_word_byte(bytes[digit - 1]);
            if starts_word && end - digit == 4 && bytes[digit..end].iter().all(u8::is_ascii_digit) {
                return Some(digit..end);
            }
        }
        None
    })
}

/// Where the "early", "late" or "mid" that [`PART`] matches just before `at` starts, if
/// there is one: the whole word, then `-` or all the whitespace up to `at`.
fn part_before(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?;
    // Without `-` or whitespace the word would end at `at`, after a character that is no
    // word character: an empty word.
    let word_end = match before.strip_suffix('-') {
        Some(rest) => rest.len(),
        None => before.trim_end().len(),
    };
    let bytes = text.as_bytes();
    let word_start = bytes[..word_end]
        .iter()
        .rposition(|&b| !is_word_byte(b))
        .map_or(0, |last| last + 1);
    let word = &bytes[word_start..word_end];
    [&b"early"[..], b"late", b"mid"]
        .iter()
        .any(|part| word.eq_ignore_ascii_case(part))
        .then_some(word_start)
}

/// A month as matched: its number and whether it was written in full.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MonthName {
    number: u32,
    full: bool,
}

fn month_of(caps: &Captures<'_>) -> Option<MonthName> {
    month_by_prefix(caps.name("month")?.as_str())
}

fn whole(caps: &Captures<'_>) -> Range<usize> {
    caps.get(0).map_or(0..0, |m| m.range())
}

/// The years prose writes as a bare number.
fn is_year(year: i32) -> bool {
    (1000..=2999).contains(&year)
}

/// The year a four-digit number stands for, unless the negative rules say the number
/// is something else: part of a larger number, money, a percentage, a count, a label.
fn year_at(text: &str, number: Range<usize>) -> Option<i32> {
    let start = number.start;
    year_after_day(text, number).filter(|_| free_before(text, start))
}

/// A year that follows a day ("September 4, 2022"): the regex put only a separator
/// before it, so only what comes after can make it something else.
fn year_after_day(text: &str, number: Range<usize>) -> Option<i32> {
    let year: i32 = text.get(number.clone())?.parse().ok()?;
    let stands_for_year = is_year(year)
        && free_after(text, number.end)
        && !counts_something(text, number.end)
        && !text.get(number.end..).is_some_and(names_a_street)
        && !word_before(text, number.start)
            .is_some_and(|(_, word)| lowercase_in(word, &LABELS_SORTED));
    stands_for_year.then_some(year)
}

/// Whether `after` (what follows a number) names a street: [`STREET_NUMBER`], which needs
/// spaces or tabs and then an uppercase letter, tried only where they are.
fn names_a_street(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\t']);
    rest.len() < after.len()
        && rest.starts_with(char::is_uppercase)
        && STREET_NUMBER.is_match(after)
}

/// What follows a house number: "1600 Pennsylvania Avenue".
static STREET_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[ \t]+\p{Lu}\p{L}*[ \t]+(?i:avenue|ave|street|st|road|rd|boulevard|blvd|lane|drive|place|parkway)\b",
    )
});

/// False when the digits at `span` belong to a larger number ("2,018", "2018.5",
/// "555-1234", "2018-19"), a time ("12:30"), money ("$2018") or a percentage.
fn number_stands_alone(text: &str, span: Range<usize>) -> bool {
    free_before(text, span.start) && free_after(text, span.end)
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// Characters that join digits into one number, date range or time.
fn is_joiner(c: Option<char>) -> bool {
    matches!(c, Some('.' | ',' | ':' | '/' | '-' | '–'))
}

/// True when nothing before `start` makes the number there part of something else.
fn free_before(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let mut back = before.chars().rev();
    let (b1, b2) = (back.next(), back.next());
    let money_or_label = matches!(b1, Some('$' | '£' | '€' | '¥' | '#'));
    !(is_digit(b1) || (is_joiner(b1) && is_digit(b2)) || money_or_label)
}

/// True when nothing after `end` makes the number before it part of something else.
fn free_after(text: &str, end: usize) -> bool {
    let Some(after) = text.get(end..) else {
        return false;
    };
    let mut ahead = after.chars();
    let (a1, a2) = (ahead.next(), ahead.next());
    !(is_digit(a1) || (is_joiner(a1) && is_digit(a2)) || after.trim_start().starts_with('%'))
}

/// True when the word after `end` says what a number counts: "2000 soldiers".
fn counts_something(text: &str, end: usize) -> bool {
    let Some(after) = text.get(end..) else {
        return false;
    };
    let after = after.trim_start();
    // Most words are ASCII letters up to an ASCII character that is no letter.
    let letters = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = if after.as_bytes().get(letters).is_none_or(u8::is_ascii) {
        &after[..letters]
    } else {
        after
            .find(|c: char| !c.is_alphabetic())
            .map_or(after, |end| &after[..end])
    };
    lowercase_in(word, &COUNT_NOUNS_SORTED)
}

/// [`COUNT_NOUNS`] sorted, to look words up by halves.
static COUNT_NOUNS_SORTED: LazyLock<Vec<u128>> = LazyLock::new(|| sorted(COUNT_NOUNS));

/// [`LABELS`] sorted, to look words up by halves.
static LABELS_SORTED: LazyLock<Vec<u128>> = LazyLock::new(|| sorted(LABELS));

/// The [`word_key`]s of `words`, sorted.
fn sorted(words: &[&'static str]) -> Vec<u128> {
    let mut keys: Vec<u128> = words
        .iter()
        .map(|word| word_key(word).expect("listed words are short"))
        .collect();
    keys.sort_unstable();
    keys
}

/// Whether `word` lowercased is one of the words whose keys are `sorted`.
fn lowercase_in(word: &str, sorted: &[u128]) -> bool {
    word_key(word).is_some_and(|key| sorted.binary_search(&key).is_ok())
}

/// The word before `start`, lowercased, without a trailing dot: "No." gives "no".
fn prev_word(text: &str, start: usize) -> String {
    word_before(text, start).map_or_else(String::new, |(_, word)| word.to_lowercase())
}

/// The word that ends just before `start` (spaces and a dot apart), as written, with
/// its byte offset. Apostrophes stay inside it: "Women's".
fn word_before(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = text.get(..start)?.trim_end().trim_end_matches('.');
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’'))
        .last()?
        .0;
    Some((word_start, &before[word_start..]))
}

fn first_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase()
}

/// True when a capitalised word that does not start a clause comes just before
/// `start`: the month is part of a name ("the Women's March").
fn in_a_name(text: &str, start: usize) -> bool {
    word_before(text, start).is_some_and(|(word_start, word)| {
        word.starts_with(char::is_uppercase) && !at_clause_start(text, word_start)
    })
}

fn next_word_is_capitalised(after: &str) -> bool {
    let mut chars = after.chars();
    chars.next().is_some_and(char::is_whitespace)
        && chars.as_str().trim_start().starts_with(char::is_uppercase)
}

/// True when `start` begins the text, a sentence, a quotation or a clause.
fn at_clause_start(text: &str, start: usize) -> bool {
    text.get(..start)
        .and_then(|before| before.trim_end().chars().last())
        .is_none_or(|c| ".!?:;\"“”'‘’(—–-".contains(c))
}

fn count_value(count: &str) -> Option<i32> {
    let value = match count.to_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        digits => return digits.parse().ok(),
    };
    Some(value)
}

/// The expression `offset` units ("year", "Month", …) from publication's unit.
fn relative(unit: &str, offset: i32) -> Option<Underspecified> {
    match unit.to_lowercase().as_str() {
        "year" => Some(Underspecified::RelativeYear(offset)),
        "month" => Some(Underspecified::RelativeMonth(offset)),
        "week" => Some(Underspecified::RelativeWeek(offset)),
        "day" => Some(Underspecified::RelativeDay(offset)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
