//! Number claims: quantities written with digits, separators, scale words and number
//! words, with qualifiers ("about", "more than") that make them intervals.
//!
//! # What is recognised
//!
//! [`NUMBER_PATTERN`] matches one quantity expression, qualifier included:
//!
//! - digits, with commas as thousands separators and a point for decimals: `43`,
//!   `60,000`, `1,234,567`, `2.75` (a space is never a separator: "60 000" is two numbers);
//! - digits followed by scale words or an abbreviation: `160 million`, `1.5 billion`,
//!   `60K`, `1.2M`, `$3bn` (a leading `$`, `£`, `€` or `¥` is allowed and ignored);
//! - number words: `sixty`, `forty-three`, `forty three`, `one hundred and twelve`,
//!   `sixty thousand`, `a million`, `a dozen` ("dozens" is not a number);
//! - an optional qualifier before the number (see [`Qualifier`]).
//!
//! Quantities are never negative: a hyphen before digits is a range or a compound in
//! prose ("COVID-19", "5-10"), so the pattern does not read it as a minus sign. A percent
//! sign is not part of the match either: "50%" is the quantity 50.
//!
//! # What a quantity means
//!
//! A [`Quantity`] is the interval `[low, high)` of values the text allows: `low` is
//! included, `high` is excluded, and `high` is `f64::INFINITY` when the text sets no upper
//! bound. When `low == high` the interval is that single value (only zero is written that
//! way). The interval depends on the qualifier:
//!
//! - no qualifier: the number is taken at its stated precision, the values that round to
//!   it at its last significant digit. In the whole part trailing zeros are not significant,
//!   after a decimal point every written digit is: "60,000" is `[55000, 65000)`, "43" is
//!   `[42.5, 43.5)`, "100" is `[50, 150)`, "1.5 million" is `[1.45M, 1.55M)`, "1.50" is
//!   `[1.495, 1.505)`. Scale words scale the precision too: "160 million" is
//!   `[155M, 165M)`, "a million" is `[0.5M, 1.5M)`, "a dozen" is `[6, 18)`. Zero is `[0, 0]`.
//! - about, around, roughly, approximately, some, (an) estimated, close to: the stated
//!   precision widened to at least ±10% of the value ("about 60,000" is `[54000, 66000)`).
//! - nearly, almost, just under: `[0.9 × value, value)`.
//! - just over: `[value, 1.1 × value)`, the mirror of "just under".
//! - under, fewer than, less than, up to, at most: `[0, value)`.
//! - more than, over, at least: `[value, ∞)`.
//!
//! Treating every interval as half-open keeps neighbouring round numbers apart ("60,000"
//! and "70,000" are disjoint) at the cost of one edge: "at most 60,000" and "at least
//! 60,000" are disjoint although both allow exactly 60,000.
//!
//! Numbers that cannot be represented faithfully are not quantities: more significant
//! digits than fit in 128 bits (39 or more), or a value beyond the range of `f64`, parse
//! to `None` rather than to a saturated value that would make comparisons lie.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Serialize, Serializer};

// The pattern is assembled from these pieces twice: once without capture groups for rule
// authors, once with named groups for the parser, so the two cannot drift apart.
//
// Word boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` makes the regex crate leave its
// fast DFA on any non-ASCII text (curly quotes, dashes), which measured about 150 times
// slower on news prose. The cost: a digit right after a non-ASCII letter ("café9") counts.

macro_rules! qualifier_words {
    () => {
        r"just\s+under|just\s+over|fewer\s+than|less\s+than|more\s+than|at\s+least|at\s+most|up\s+to|an\s+estimated|close\s+to|approximately|roughly|around|about|nearly|almost|estimated|under|over|some"
    };
}

macro_rules! currency {
    () => {
        r"[$£€¥]?"
    };
}

macro_rules! digits {
    () => {
        r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
    };
}

macro_rules! abbreviation {
    () => {
        r"bn|bln|mn|mln|trn|tn|k|m|b"
    };
}

macro_rules! scale_words {
    () => {
        r"hundred|thousand|million|billion|trillion|dozen"
    };
}

/// Number words below one hundred: "seven", "seventeen", "seventy", "seventy-seven".
macro_rules! below_hundred {
    () => {
        concat!(
            r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)",
            r"(?:(?:-|\s+)(?:one|two|three|four|five|six|seven|eight|nine)(?-u:\b))?",
            r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen",
            r"|one|two|three|four|five|six|seven|eight|nine|zero)(?-u:\b)"
        )
    };
}

/// Number words below one thousand: "one hundred and twelve", "a hundred", "sixty".
macro_rules! below_thousand {
    () => {
        concat!(
            r"(?:(?:",
            below_hundred!(),
            r"|a)\s+hundred(?-u:\b)(?:\s+(?:and\s+)?",
            below_hundred!(),
            r")?|",
            below_hundred!(),
            r")"
        )
    };
}

/// One scaled group of number words: "sixty thousand", "a million".
macro_rules! word_group {
    () => {
        concat!(
            r"(?:(?:",
            below_thousand!(),
            r"|a)\s+(?:thousand|million|billion|trillion)(?-u:\b))"
        )
    };
}

macro_rules! number_words {
    () => {
        concat!(
            r"(?:",
            word_group!(),
            r"(?:\s+(?:and\s+)?",
            word_group!(),
            r")*(?:\s+(?:and\s+)?",
            below_thousand!(),
            r")?|(?:",
            below_thousand!(),
            r"|a)\s+dozen(?-u:\b)|",
            below_thousand!(),
            r")"
        )
    };
}

/// The regex source for one quantity expression, qualifier included, for use inside
/// larger patterns (rules write it as `{number}`).
///
/// It has no capture groups, is case-insensitive on its own, and is one group, so it can
/// be substituted anywhere a group can stand.
///
/// ```
/// use claimcheck::kinds::number::NUMBER_PATTERN;
/// let rule = r"(?i)\b(West|Kanye)\b (received|got|won) {number} votes";
/// let re = regex::Regex::new(&rule.replace("{number}", NUMBER_PATTERN)).unwrap();
/// assert!(re.is_match("West received about 60,000 votes"));
///
/// let age = regex::Regex::new(&"{number}-year-old".replace("{number}", NUMBER_PATTERN)).unwrap();
/// assert!(age.is_match("the forty-three-year-old singer"));
/// ```
pub const NUMBER_PATTERN: &str = concat!(
    r"(?i:(?:(?-u:\b)(?:",
    qualifier_words!(),
    r")\s+)?",
    currency!(),
    r"(?-u:\b)(?:",
    digits!(),
    r"(?:",
    abbreviation!(),
    r")?(?-u:\b)(?:\s+(?:",
    scale_words!(),
    r")(?-u:\b))*|",
    number_words!(),
    r"))"
);

/// The same grammar as [`NUMBER_PATTERN`], anchored, with the parts named for parsing.
const PARSE_PATTERN: &str = concat!(
    r"^\s*(?i:(?:(?P<qualifier>",
    qualifier_words!(),
    r")\s+)?",
    currency!(),
    r"(?:(?P<digits>",
    digits!(),
    r")(?P<abbreviation>",
    abbreviation!(),
    r")?(?-u:\b)(?P<scales>(?:\s+(?:",
    scale_words!(),
    r")(?-u:\b))*)|(?P<words>",
    number_words!(),
    r")))\s*$"
);

static NUMBER_REGEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(NUMBER_PATTERN).expect("NUMBER_PATTERN is a valid regex (checked by tests)")
});

static PARSE_REGEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(PARSE_PATTERN).expect("PARSE_PATTERN is a valid regex (checked by tests)")
});

/// The word in front of a number that turns it into a wider or open interval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: the number at its stated precision.
    #[default]
    Exact,
    /// about, around, roughly, approximately, some, (an) estimated, close to.
    About,
    /// nearly, almost, just under.
    Nearly,
    /// just over.
    JustOver,
    /// under, fewer than, less than.
    Under,
    /// up to, at most.
    AtMost,
    /// more than, over.
    Over,
    /// at least.
    AtLeast,
}

impl Qualifier {
    /// Reads a qualifier as written (any case, any spacing).
    fn from_words(words: &str) -> Option<Qualifier> {
        let words = words
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        Some(match words.as_str() {
            "about" | "around" | "roughly" | "approximately" | "some" | "an estimated"
            | "estimated" | "close to" => Qualifier::About,
            "nearly" | "almost" | "just under" => Qualifier::Nearly,
            "just over" => Qualifier::JustOver,
            "under" | "fewer than" | "less than" => Qualifier::Under,
            "up to" | "at most" => Qualifier::AtMost,
            "more than" | "over" => Qualifier::Over,
            "at least" => Qualifier::AtLeast,
            _ => return None,
        })
    }

    /// The normalised word used when displaying a quantity.
    fn word(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::JustOver => "just over",
            Qualifier::Under => "under",
            Qualifier::AtMost => "at most",
            Qualifier::Over => "more than",
            Qualifier::AtLeast => "at least",
        }
    }
}

/// A quantity as the interval of values the text allows.
///
/// The interval is `[low, high)`, or the single value `low` when `low == high`. Parsed
/// quantities always have a finite `value` and `low`; `high` is `f64::INFINITY` when the
/// text sets no upper bound, and non-finite bounds serialise as `null`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// The number as written, scale applied ("160 million" is 160000000).
    pub value: f64,
    /// The smallest value the text allows (included).
    #[serde(serialize_with = "finite_or_null")]
    pub low: f64,
    /// The bound above every value the text allows (excluded), or infinity.
    #[serde(serialize_with = "finite_or_null")]
    pub high: f64,
    /// The qualifier the number was written with.
    pub qualifier: Qualifier,
}

fn finite_or_null<S: Serializer>(bound: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if bound.is_finite() {
        serializer.serialize_some(bound)
    } else {
        serializer.serialize_none()
    }
}

impl Quantity {
    /// Whether the two intervals have no value in common: the texts cannot both be right.
    ///
    /// An interval with an undefined (NaN) bound is never disjoint from anything, since
    /// nothing is known about it.
    pub fn disjoint(&self, other: &Quantity) -> bool {
        let bounds = [self.low, self.high, other.low, other.high];
        if bounds.iter().any(|bound| bound.is_nan()) {
            return false;
        }
        !self.overlaps(other)
    }

    fn overlaps(&self, other: &Quantity) -> bool {
        match (self.is_point(), other.is_point()) {
            (true, true) => self.low == other.low,
            (true, false) => other.contains(self.low),
            (false, true) => self.contains(other.low),
            (false, false) => self.low < other.high && other.low < self.high,
        }
    }

    fn is_point(&self) -> bool {
        self.low == self.high
    }

    fn contains(&self, x: f64) -> bool {
        self.low <= x && x < self.high
    }

    /// How far apart the two stated values are, relative to the larger:
    /// `|a - b| / max(|a|, |b|)`, and 0 when the values are equal (both zero included).
    pub fn relative_difference(&self, other: &Quantity) -> f64 {
        let (a, b) = (self.value, other.value);
        if a == b {
            return 0.0;
        }
        let difference = (a - b).abs() / a.abs().max(b.abs());
        // Only hand-built quantities with infinite or NaN values get here; call them as
        // different as can be rather than return NaN.
        if difference.is_nan() { 1.0 } else { difference }
    }
}

impl fmt::Display for Quantity {
    /// "60000 (55000–65000)" for a number at its stated precision, "0" for zero,
    /// "about 60000" or "more than 160000000" for qualified numbers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = format_number(self.value);
        match self.qualifier {
            Qualifier::Exact if self.is_point() => f.write_str(&value),
            Qualifier::Exact => write!(
                f,
                "{value} ({}–{})",
                format_number(self.low),
                format_number(self.high)
            ),
            qualifier => write!(f, "{} {value}", qualifier.word()),
        }
    }
}

/// Integers without decimals, other numbers with three decimals (three significant
/// digits below one), trailing zeros dropped.
fn format_number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    if x.fract() == 0.0 {
        return if x.abs() < 1e16 {
            format!("{x:.0}")
        } else {
            format!("{x:e}")
        };
    }
    let decimals = if x.abs() >= 1.0 {
        3
    } else {
        // Clamped to 0..=17, so the cast cannot truncate.
        let leading_zeros = (-x.abs().log10()).floor().clamp(0.0, 17.0) as usize;
        leading_zeros + 3
    };
    let text = format!("{x:.decimals$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A number as written: `significand × 10^exponent × multiplier`, where the last digit
/// of the significand is the last significant digit and the multiplier is 12 per "dozen".
#[derive(Clone, Copy, Debug, PartialEq)]
struct Written {
    significand: u128,
    exponent: i32,
    multiplier: f64,
}

impl Written {
    /// A whole number with no decimals: trailing zeros are not significant.
    fn whole(mut n: u128) -> Written {
        let mut exponent = 0;
        while n != 0 && n.is_multiple_of(10) {
            n /= 10;
            exponent += 1;
        }
        Written {
            significand: n,
            exponent,
            multiplier: 1.0,
        }
    }

    /// The value and the stated-precision interval, or `None` when out of `f64` range.
    fn stated(&self) -> Option<(f64, f64, f64)> {
        if self.significand == 0 {
            return Some((0.0, 0.0, 0.0));
        }
        let scaled = |n: u128| scale(n, self.exponent) * self.multiplier;
        let doubled = self.significand.checked_mul(2)?;
        let value = scaled(self.significand);
        // Half a unit of the last significant digit either side, computed from integers
        // so that "60,000" gives exactly 55000 and 65000.
        let low = scaled(doubled - 1) / 2.0;
        let high = scaled(doubled.checked_add(1)?) / 2.0;
        let representable = [value, low, high].iter().all(|x| x.is_finite()) && value > 0.0;
        representable.then_some((value, low, high))
    }
}

/// `n × 10^exponent`, dividing for negative exponents so decimals round once.
fn scale(n: u128, exponent: i32) -> f64 {
    let n = n as f64;
    if exponent >= 0 {
        n * 10f64.powi(exponent)
    } else {
        n / 10f64.powi(exponent.saturating_neg())
    }
}

fn parse_digits(digits: &str) -> Option<Written> {
    let digits = digits.replace(',', "");
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    if fraction.is_empty() {
        let whole = whole.trim_start_matches('0');
        if whole.is_empty() {
            return Some(Written::whole(0));
        }
        let significant = whole.trim_end_matches('0');
        let zeros = i32::try_from(whole.len() - significant.len()).ok()?;
        return Some(Written {
            significand: significant.parse().ok()?,
            exponent: zeros,
            multiplier: 1.0,
        });
    }
    let all = format!("{whole}{fraction}");
    let all = all.trim_start_matches('0');
    Some(Written {
        significand: if all.is_empty() { 0 } else { all.parse().ok()? },
        exponent: i32::try_from(fraction.len()).ok()?.checked_neg()?,
        multiplier: 1.0,
    })
}

fn apply_abbreviation(mut written: Written, abbreviation: &str) -> Option<Written> {
    let exponent = match abbreviation.to_lowercase().as_str() {
        "k" => 3,
        "m" | "mn" | "mln" => 6,
        "b" | "bn" | "bln" => 9,
        "tn" | "trn" => 12,
        _ => return None,
    };
    written.exponent = written.exponent.checked_add(exponent)?;
    Some(written)
}

fn apply_scales(mut written: Written, scales: &str) -> Option<Written> {
    for word in scales.split_whitespace() {
        let exponent = match word.to_lowercase().as_str() {
            "hundred" => 2,
            "thousand" => 3,
            "million" => 6,
            "billion" => 9,
            "trillion" => 12,
            "dozen" => {
                written.multiplier *= 12.0;
                continue;
            }
            _ => return None,
        };
        written.exponent = written.exponent.checked_add(exponent)?;
    }
    Some(written)
}

fn word_value(word: &str) -> Option<u128> {
    let units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let tens = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = units.iter().position(|&unit| unit == word) {
        return u128::try_from(n).ok();
    }
    let n = tens.iter().position(|&ten| ten == word)?;
    u128::try_from(n + 2).ok()?.checked_mul(10)
}

/// Folds number words the usual way: units and tens add up within a group, "hundred"
/// multiplies the group, a scale word closes the group into the total.
fn parse_words(words: &str) -> Option<Written> {
    let mut total: u128 = 0;
    let mut group: u128 = 0;
    let mut multiplier = 1.0;
    let tokens = words
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|token| !token.is_empty());
    for token in tokens {
        let token = token.to_lowercase();
        let scale: u128 = match token.as_str() {
            "and" => continue,
            "a" => {
                group = 1;
                continue;
            }
            "hundred" => {
                group = group.checked_mul(100)?;
                continue;
            }
            "dozen" => {
                multiplier *= 12.0;
                continue;
            }
            "thousand" => 1_000,
            "million" => 1_000_000,
            "billion" => 1_000_000_000,
            "trillion" => 1_000_000_000_000,
            word => {
                group = group.checked_add(word_value(word)?)?;
                continue;
            }
        };
        total = total.checked_add(group.checked_mul(scale)?)?;
        group = 0;
    }
    let mut written = Written::whole(total.checked_add(group)?);
    written.multiplier = multiplier;
    Some(written)
}

/// Parses one quantity expression, as matched by [`NUMBER_PATTERN`] or written bare.
///
/// Returns `None` for text that is not exactly one quantity, and for numbers that cannot
/// be represented faithfully (significant digits beyond 128 bits, or beyond `f64`).
///
/// ```
/// use claimcheck::kinds::number::{parse_quantity, Qualifier};
/// let range = |text: &str| parse_quantity(text).map(|q| (q.value, q.low, q.high));
///
/// // Digits with separators, at their stated precision.
/// assert_eq!(range("60,000"), Some((60_000.0, 55_000.0, 65_000.0)));
/// assert_eq!(range("43"), Some((43.0, 42.5, 43.5)));
/// // Decimals: every digit after the point is significant.
/// assert_eq!(range("2.75"), Some((2.75, 2.745, 2.755)));
/// // Scale words and abbreviations scale the precision too.
/// assert_eq!(range("160 million"), Some((160e6, 155e6, 165e6)));
/// assert_eq!(range("1.5 billion"), Some((1.5e9, 1.45e9, 1.55e9)));
/// assert_eq!(range("60K"), Some((60_000.0, 55_000.0, 65_000.0)));
/// assert_eq!(range("$3bn"), Some((3e9, 2.5e9, 3.5e9)));
/// // Number words.
/// assert_eq!(range("forty-three"), Some((43.0, 42.5, 43.5)));
/// assert_eq!(range("one hundred and twelve"), Some((112.0, 111.5, 112.5)));
/// assert_eq!(range("sixty thousand"), Some((60_000.0, 55_000.0, 65_000.0)));
/// assert_eq!(range("a million"), Some((1e6, 0.5e6, 1.5e6)));
/// assert_eq!(range("a dozen"), Some((12.0, 6.0, 18.0)));
/// // Qualifiers.
/// assert_eq!(range("about 60,000"), Some((60_000.0, 54_000.0, 66_000.0)));
/// assert_eq!(range("nearly 60,000"), Some((60_000.0, 54_000.0, 60_000.0)));
/// assert_eq!(range("fewer than 60,000"), Some((60_000.0, 0.0, 60_000.0)));
/// assert_eq!(range("more than 60,000"), Some((60_000.0, 60_000.0, f64::INFINITY)));
/// assert_eq!(parse_quantity("an estimated 160 million").unwrap().qualifier, Qualifier::About);
/// // Not quantities.
/// assert_eq!(parse_quantity("dozens"), None);
/// assert_eq!(parse_quantity(""), None);
/// ```
pub fn parse_quantity(text: &str) -> Option<Quantity> {
    // Most quantities are digits alone ("43", "60,000"), which the grammar reads as the
    // digits with no qualifier, abbreviation or scale: read so without its regex.
    let (qualifier, written) = if plain_digits(text) {
        (Qualifier::Exact, parse_digits(text)?)
    } else if let Some(read) = read_by_words(text) {
        read
    } else {
        read_by_grammar(text)?
    };
    quantity(qualifier, written)
}

/// The qualifier and number of an ASCII `text` that is plain digits with qualifier words
/// before them, scale words after them, or both ("about 60,000", "160 million"), read
/// word by word as [`read_by_grammar`] reads them; `None` for any other text, which is
/// left to the grammar.
///
/// Such a text has one reading: the qualifier is every word before the digits (the
/// grammar's qualifier words and the digits are all it allows there), the digits are one
/// word, and every word after them is a scale word.
fn read_by_words(text: &str) -> Option<(Qualifier, Written)> {
    if !text.is_ascii() {
        return None;
    }
    let mut words = text.split_whitespace();
    let mut qualifier_end = 0;
    let digits = loop {
        let word = words.next()?;
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            break word;
        }
        qualifier_end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    };
    if !plain_digits(digits) {
        return None;
    }
    let scales = &text[digits.as_ptr() as usize - text.as_ptr() as usize + digits.len()..];
    let is_scale = |word: &str| {
        [
            "hundred", "thousand", "million", "billion", "trillion", "dozen",
        ]
        .iter()
        .any(|scale| word.eq_ignore_ascii_case(scale))
    };
    if !words.all(is_scale) {
        return None;
    }
    let qualifier = match &text[..qualifier_end] {
        "" => Qualifier::Exact,
        words => Qualifier::from_words(words)?,
    };
    Some((qualifier, apply_scales(parse_digits(digits)?, scales)?))
}

/// Whether `text` is all the digits part of the grammar, and nothing else: digits, or
/// groups of three after a first of up to three separated by commas, perhaps with a
/// dot and decimals.
fn plain_digits(text: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let whole_is_digits = match whole.split_once(',') {
        None => digits(whole),
        Some((first, groups)) => {
            first.len() <= 3
                && digits(first)
                && groups.split(',').all(|g| g.len() == 3 && digits(g))
        }
    };
    whole_is_digits && fraction.is_none_or(digits)
}

/// The qualifier and number `text` writes, read with [`PARSE_PATTERN`].
fn read_by_grammar(text: &str) -> Option<(Qualifier, Written)> {
    let captures = PARSE_REGEX.captures(text)?;
    let qualifier = match captures.name("qualifier") {
        Some(words) => Qualifier::from_words(words.as_str())?,
        None => Qualifier::Exact,
    };
    let written = if let Some(digits) = captures.name("digits") {
        let mut written = parse_digits(digits.as_str())?;
        if let Some(abbreviation) = captures.name("abbreviation") {
            written = apply_abbreviation(written, abbreviation.as_str())?;
        }
        match captures.name("scales") {
            Some(scales) => apply_scales(written, scales.as_str())?,
            None => written,
        }
    } else {
        parse_words(captures.name("words")?.as_str())?
    };
    Some((qualifier, written))
}

/// The quantity a number written so stands for, with its qualifier.
fn quantity(qualifier: Qualifier, written: Written) -> Option<Quantity> {
    let (value, stated_low, stated_high) = written.stated()?;
    let (low, high) = match qualifier {
        Qualifier::Exact => (stated_low, stated_high),
        Qualifier::About => (
            stated_low.min(value - value / 10.0),
            stated_high.max(value + value / 10.0),
        ),
        Qualifier::Nearly => (value - value / 10.0, value),
        Qualifier::JustOver => (value, value + value / 10.0),
        Qualifier::Under | Qualifier::AtMost => (0.0, value),
        Qualifier::Over | Qualifier::AtLeast => (value, f64::INFINITY),
    };
    Some(Quantity {
        value,
        low,
        high,
        qualifier,
    })
}

/// Every quantity in `text` that [`NUMBER_PATTERN`] matches and [`parse_quantity`]
/// can represent, with its byte span, in order of position. Years, ages and the like
/// are included: callers decide what is relevant.
pub fn find_quantities(text: &str) -> Vec<(Range<usize>, Quantity)> {
    NUMBER_REGEX
        .find_iter(text)
        .filter_map(|found| Some((found.range(), parse_quantity(found.as_str())?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const INF: f64 = f64::INFINITY;

    fn by_grammar(text: &str) -> Option<Quantity> {
        read_by_grammar(text).and_then(|(qualifier, written)| quantity(qualifier, written))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        #[test]
        fn numbers_in_digits_alone_read_as_the_grammar_reads_them(
            text in "[0-9,.]{1,14}|[0-9]{1,5}(,[0-9]{2,4}){0,3}(\\.[0-9]{0,3})?|[0-9 ,.km]{1,10}"
        ) {
            proptest::prop_assert_eq!(parse_quantity(&text), by_grammar(&text), "{}", text);
        }

        #[test]
        fn qualified_and_scaled_digits_read_word_by_word_as_the_grammar_reads_them(
            words in proptest::collection::vec(proptest::sample::select(&[
                "about", "ABOUT", "just", "under", "over", "at", "least", "an", "estimated",
                "close", "to", "some", "fewer", "than", "nearly", "ſome", "60,000", "160",
                "1,5", "2.5", "007", "1.", "$60", "60K", "million", "Million", "dozen",
                "hundred", "billions", "trillion", "thousand", "and", "votes", "-", "",
            ][..]), 0..6),
            spaces in proptest::collection::vec(proptest::sample::select(&[
                " ", "  ", "\t", "\u{b}", "\n", "\u{a0}",
            ][..]), 6),
        ) {
            let text: String = words
                .iter()
                .zip(&spaces)
                .flat_map(|(word, space)| [*word, *space])
                .collect::<String>()
                .trim_end()
                .to_string();
            if let Some(read) = read_by_words(&text) {
                proptest::prop_assert_eq!(Some(read), read_by_grammar(&text), "{:?}", text);
            }
            proptest::prop_assert_eq!(parse_quantity(&text), by_grammar(&text), "{:?}", text);
        }
    }

    #[test]
    fn common_qualified_and_scaled_numbers_are_read_without_the_grammar() {
        for text in [
            "about 60,000",
            "160 million",
            "nearly 2.5 Billion",
            "just  under 43",
        ] {
            assert!(read_by_words(text).is_some(), "{text}");
            assert_eq!(read_by_words(text), read_by_grammar(text), "{text}");
        }
    }

    #[test]
    fn digits_alone_are_read_without_the_grammar_and_others_with_it() {
        for text in [
            "43",
            "60,000",
            "1,234,567.89",
            "007",
            "0.5",
            "12345678901234567890",
        ] {
            assert!(plain_digits(text), "{text}");
            assert_eq!(parse_quantity(text), by_grammar(text), "{text}");
            assert!(parse_quantity(text).is_some(), "{text}");
        }
        for text in [
            "12,34",
            "1,2345",
            "1234,567",
            ",100",
            "1.",
            ".5",
            "1.2.3",
            " 43",
            "43k",
            "1,000 votes",
            "",
        ] {
            assert!(!plain_digits(text), "{text}");
        }
    }

    fn close(a: f64, b: f64) -> bool {
        a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
    }

    fn assert_parses(text: &str, value: f64, low: f64, high: f64, qualifier: Qualifier) {
        let quantity =
            parse_quantity(text).unwrap_or_else(|| panic!("{text:?} should parse as a quantity"));
        assert!(
            close(quantity.value, value) && close(quantity.low, low) && close(quantity.high, high),
            "{text:?}: got {} [{}, {}), want {value} [{low}, {high})",
            quantity.value,
            quantity.low,
            quantity.high,
        );
        assert_eq!(quantity.qualifier, qualifier, "{text:?}");
    }

    fn embed(rule: &str) -> Regex {
        let source = rule.replace("{number}", &format!("(?P<number>{NUMBER_PATTERN})"));
        Regex::new(&source).unwrap_or_else(|e| panic!("{rule:?} should compile: {e}"))
    }

    fn embedded_number(rule: &str, text: &str) -> Option<String> {
        let captures = embed(rule).captures(text)?;
        Some(captures.name("number")?.as_str().to_string())
    }

    #[test]
    fn number_pattern_and_parse_pattern_compile_and_have_no_capture_groups() {
        let number = Regex::new(NUMBER_PATTERN).expect("NUMBER_PATTERN compiles");
        assert_eq!(
            number.captures_len(),
            1,
            "only the implicit whole-match group"
        );
        Regex::new(PARSE_PATTERN).expect("PARSE_PATTERN compiles");
    }

    #[test]
    fn digits_are_read_at_their_stated_precision() {
        use Qualifier::Exact;
        let cases = [
            ("60,000", 60_000.0, 55_000.0, 65_000.0),
            ("60000", 60_000.0, 55_000.0, 65_000.0),
            ("1,234,567", 1_234_567.0, 1_234_566.5, 1_234_567.5),
            ("43", 43.0, 42.5, 43.5),
            ("100", 100.0, 50.0, 150.0),
            ("1.5", 1.5, 1.45, 1.55),
            ("2.75", 2.75, 2.745, 2.755),
            ("1.50", 1.5, 1.495, 1.505),
            ("100.0", 100.0, 99.95, 100.05),
            ("0.05", 0.05, 0.045, 0.055),
            ("0", 0.0, 0.0, 0.0),
            ("0.0", 0.0, 0.0, 0.0),
            ("007", 7.0, 6.5, 7.5),
        ];
        for (text, value, low, high) in cases {
            assert_parses(text, value, low, high, Exact);
        }
    }

    #[test]
    fn scale_words_and_abbreviations_scale_value_and_precision() {
        use Qualifier::Exact;
        let cases = [
            ("160 million", 160e6, 155e6, 165e6),
            ("1.5 million", 1.5e6, 1.45e6, 1.55e6),
            ("158.4 million", 158.4e6, 158.35e6, 158.45e6),
            ("1.5 billion", 1.5e9, 1.45e9, 1.55e9),
            ("2 million", 2e6, 1.5e6, 2.5e6),
            ("5 hundred thousand", 5e5, 4.5e5, 5.5e5),
            ("2 trillion", 2e12, 1.5e12, 2.5e12),
            ("3 dozen", 36.0, 30.0, 42.0),
            ("160\nmillion", 160e6, 155e6, 165e6),
            ("160 MILLION", 160e6, 155e6, 165e6),
            ("60K", 60_000.0, 55_000.0, 65_000.0),
            ("60k", 60_000.0, 55_000.0, 65_000.0),
            ("1.2M", 1.2e6, 1.15e6, 1.25e6),
            ("$3bn", 3e9, 2.5e9, 3.5e9),
            ("£2.5m", 2.5e6, 2.45e6, 2.55e6),
            ("€4tn", 4e12, 3.5e12, 4.5e12),
            ("$60,000", 60_000.0, 55_000.0, 65_000.0),
        ];
        for (text, value, low, high) in cases {
            assert_parses(text, value, low, high, Exact);
        }
    }

    #[test]
    fn number_words_are_read_like_the_digits_they_stand_for() {
        use Qualifier::Exact;
        let cases = [
            ("forty-three", 43.0, 42.5, 43.5),
            ("forty three", 43.0, 42.5, 43.5),
            ("Forty-Three", 43.0, 42.5, 43.5),
            ("sixty", 60.0, 55.0, 65.0),
            ("seventeen", 17.0, 16.5, 17.5),
            ("seven", 7.0, 6.5, 7.5),
            ("zero", 0.0, 0.0, 0.0),
            ("one hundred and twelve", 112.0, 111.5, 112.5),
            ("a hundred", 100.0, 50.0, 150.0),
            ("sixty thousand", 60_000.0, 55_000.0, 65_000.0),
            ("a million", 1e6, 0.5e6, 1.5e6),
            ("one hundred thousand", 1e5, 0.5e5, 1.5e5),
            ("two thousand and five", 2005.0, 2004.5, 2005.5),
            ("two million three hundred thousand", 2.3e6, 2.25e6, 2.35e6),
            ("a dozen", 12.0, 6.0, 18.0),
            ("two dozen", 24.0, 18.0, 30.0),
        ];
        for (text, value, low, high) in cases {
            assert_parses(text, value, low, high, Exact);
        }
    }

    #[test]
    fn approximate_qualifiers_widen_the_interval_to_at_least_ten_percent() {
        for qualifier in [
            "about",
            "around",
            "roughly",
            "approximately",
            "some",
            "an estimated",
            "estimated",
            "close to",
            "About",
            "close  to",
        ] {
            let text = format!("{qualifier} 60,000");
            assert_parses(&text, 60_000.0, 54_000.0, 66_000.0, Qualifier::About);
        }
        // The stated precision is wider than 10% here, and wins.
        assert_parses("about 100", 100.0, 50.0, 150.0, Qualifier::About);
        assert_parses(
            "an estimated 160 million",
            160e6,
            144e6,
            176e6,
            Qualifier::About,
        );
        assert_parses("about 0", 0.0, 0.0, 0.0, Qualifier::About);
    }

    #[test]
    fn bounding_qualifiers_give_one_sided_intervals() {
        use Qualifier::*;
        let cases = [
            ("nearly 60,000", 60_000.0, 54_000.0, 60_000.0, Nearly),
            ("almost 60,000", 60_000.0, 54_000.0, 60_000.0, Nearly),
            ("just under 60,000", 60_000.0, 54_000.0, 60_000.0, Nearly),
            ("just over 60,000", 60_000.0, 60_000.0, 66_000.0, JustOver),
            ("under 60,000", 60_000.0, 0.0, 60_000.0, Under),
            ("fewer than 60,000", 60_000.0, 0.0, 60_000.0, Under),
            ("less than 60,000", 60_000.0, 0.0, 60_000.0, Under),
            ("up to 60,000", 60_000.0, 0.0, 60_000.0, AtMost),
            ("at most 60,000", 60_000.0, 0.0, 60_000.0, AtMost),
            ("more than 60,000", 60_000.0, 60_000.0, INF, Over),
            ("over 60,000", 60_000.0, 60_000.0, INF, Over),
            ("at least 60,000", 60_000.0, 60_000.0, INF, AtLeast),
            ("more than sixty thousand", 60_000.0, 60_000.0, INF, Over),
            ("over $3bn", 3e9, 3e9, INF, Over),
        ];
        for (text, value, low, high, qualifier) in cases {
            assert_parses(text, value, low, high, qualifier);
        }
    }

    #[test]
    fn a_number_and_its_rendering_with_separators_normalise_alike() {
        assert_eq!(parse_quantity("60000"), parse_quantity("60,000"));
        assert_eq!(parse_quantity("1234567"), parse_quantity("1,234,567"));
        assert_eq!(parse_quantity("60,000"), parse_quantity("sixty thousand"));
        assert_eq!(parse_quantity("60,000"), parse_quantity("60K"));
        assert_eq!(parse_quantity("  43 "), parse_quantity("43"));
    }

    #[test]
    fn text_that_is_not_exactly_one_quantity_does_not_parse() {
        for text in [
            "",
            "   ",
            "dozens",
            "thousands",
            "hundreds of",
            "million",
            "about",
            "about sixty votes",
            "43rd",
            "50%",
            "-5",
            "60 000",
            "a",
            "forty-three-year-old",
            "٤٣",
            "六十",
            "ｆｏｒｔｙ",
            "1,2345",
        ] {
            assert_eq!(parse_quantity(text), None, "{text:?}");
        }
    }

    #[test]
    fn huge_numbers_are_not_quantities_and_do_not_panic() {
        let many_nines = "9".repeat(5000);
        assert_eq!(parse_quantity(&many_nines), None);
        assert_eq!(parse_quantity(&format!("1{}", "0".repeat(400))), None);
        assert_eq!(parse_quantity(&format!("1{}", ",000".repeat(200))), None);
        assert_eq!(parse_quantity(&format!("0.{}1", "0".repeat(400))), None);
        assert_eq!(
            parse_quantity(&format!("9{}", " trillion".repeat(40))),
            None
        );
        assert_eq!(parse_quantity(&format!("9{}", " dozen".repeat(400))), None);
        // 39 nines do not fit in 128 bits; 38 do.
        assert_eq!(parse_quantity(&"9".repeat(39)), None);
        assert!(parse_quantity(&"9".repeat(38)).is_some());
        // Many zeros are fine when the value stays in range.
        assert_parses(
            &format!("1{}", ",000".repeat(100)),
            1e300,
            0.5e300,
            1.5e300,
            Qualifier::Exact,
        );
        let text = format!("votes: {many_nines} and 12");
        let found = find_quantities(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "12");
    }

    #[test]
    fn parsed_bounds_are_never_nan() {
        for text in [
            "0",
            "about 0",
            "nearly 0",
            "more than 0",
            "1e5",
            "1.7976931348623157e308",
        ] {
            if let Some(q) = parse_quantity(text) {
                assert!(
                    !q.value.is_nan() && !q.low.is_nan() && !q.high.is_nan(),
                    "{text:?}"
                );
            }
        }
        let big = format!("{} million", "9".repeat(38));
        if let Some(q) = parse_quantity(&big) {
            assert!(q.value.is_finite() && q.low.is_finite() && q.high.is_finite());
        }
    }

    #[test]
    fn embedded_pattern_matches_the_rule_examples() {
        let cases = [
            (
                r"(?i)\b(West|Kanye)\b (received|got|won) {number} votes",
                "West received about 60,000 votes out of an estimated total",
                "about 60,000",
            ),
            (
                r"(?i)\b(West|Kanye)\b (received|got|won) {number} votes",
                "Kanye got sixty thousand votes",
                "sixty thousand",
            ),
            ("{number}-year-old", "the 43-year-old singer", "43"),
            (
                "{number}-year-old",
                "the forty-three-year-old singer",
                "forty-three",
            ),
            (
                "total of {number}",
                "out of an estimated total of 160 million in the 2020.",
                "160 million",
            ),
            ("{number} votes", "won 1.2M votes", "1.2M"),
            ("raised {number}", "raised $3bn last year", "$3bn"),
            ("{number} people", "a dozen people", "a dozen"),
            ("{number}%", "rose 50% overnight", "50"),
            ("{number} million", "lost 2 million votes", "2"),
        ];
        for (rule, text, number) in cases {
            let matched = embedded_number(rule, text);
            assert_eq!(matched.as_deref(), Some(number), "{rule:?} on {text:?}");
            assert!(parse_quantity(number).is_some(), "{number:?} parses");
        }
    }

    #[test]
    fn embedded_pattern_with_plain_substitution_compiles_and_matches() {
        let rule = "(received|got) {number} votes".replace("{number}", NUMBER_PATTERN);
        let re = Regex::new(&rule).expect("plain substitution compiles");
        assert!(re.is_match("West received about 60,000 votes"));
        // The pattern is case-insensitive on its own; the rest of the rule is not.
        assert!(!re.is_match("West RECEIVED NEARLY 60K votes"));
        assert!(re.is_match("West received NEARLY 60K votes"));
        assert!(!re.is_match("West received dozens of votes"));
        assert!(!re.is_match("West received votes"));
    }

    #[test]
    fn embedded_pattern_rejects_words_that_only_contain_numbers() {
        assert_eq!(embedded_number("{number} votes", "dozens votes"), None);
        assert_eq!(
            embedded_number("{number}-year-old", "the F16-year-old"),
            None
        );
        assert_eq!(embedded_number("{number} votes", "tenant votes"), None);
    }

    #[test]
    fn find_quantities_reports_every_quantity_with_its_span() {
        let text = "West received about 60,000 votes out of an estimated total of 160 \
                    million in the 2020 election; the 43-year-old had dozens of friends.";
        let found: Vec<(&str, f64)> = find_quantities(text)
            .into_iter()
            .map(|(span, q)| (&text[span], q.value))
            .collect();
        assert_eq!(
            found,
            vec![
                ("about 60,000", 60_000.0),
                ("160 million", 160e6),
                ("2020", 2020.0),
                ("43", 43.0),
            ]
        );
    }

    #[test]
    fn find_quantities_ignores_numbers_inside_words() {
        let found = find_quantities("handsome F16 43rd tenant onerous COVID2 cafe9");
        assert!(found.is_empty(), "{found:?}");
        // "some" inside "handsome" is not a qualifier.
        let found = find_quantities("handsome 5 votes");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 9..10);
        assert_eq!(found[0].1.qualifier, Qualifier::Exact);
    }

    #[test]
    fn digits_after_a_non_ascii_letter_still_count_because_boundaries_are_ascii() {
        let found = find_quantities("café9");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 5..6);
    }

    #[test]
    fn find_quantities_spans_land_on_char_boundaries_in_unicode_text() {
        let text = "Über 60 000 €3bn — “forty-three” 日本 ١٢ 12 ½ \u{200b}7\u{feff}";
        let found = find_quantities(text);
        for (span, _) in &found {
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        let matched: Vec<&str> = found.iter().map(|(span, _)| &text[span.clone()]).collect();
        assert_eq!(matched, ["60", "000", "€3bn", "forty-three", "12", "7"]);
        assert!(find_quantities("").is_empty());
    }

    fn q(text: &str) -> Quantity {
        parse_quantity(text).unwrap_or_else(|| panic!("{text:?} should parse"))
    }

    #[test]
    fn disjoint_when_and_only_when_the_intervals_share_no_value() {
        let cases = [
            ("about 60,000", "70,000", false),
            ("60,000", "66,365", true),
            ("about 60,000", "66,365", true),
            ("43", "45", true),
            ("43", "forty-three", false),
            ("160 million", "158.4 million", false),
            ("160 million", "150 million", true),
            ("60,000", "70,000", true),
            ("nearly 60,000", "more than 60,000", true),
            ("nearly 60,000", "60,000", false),
            ("under 60,000", "more than 60,000", true),
            ("more than 60,000", "1.2M", false),
            ("0", "0", false),
            ("0", "zero", false),
            ("0", "under 5", false),
            ("0", "1", true),
            ("0", "more than 5", true),
            ("a dozen", "14", false),
        ];
        for (a, b, disjoint) in cases {
            assert_eq!(q(a).disjoint(&q(b)), disjoint, "{a:?} vs {b:?}");
            assert_eq!(q(b).disjoint(&q(a)), disjoint, "{b:?} vs {a:?}");
        }
    }

    #[test]
    fn nan_bounds_are_never_disjoint() {
        let nan = Quantity {
            value: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
            qualifier: Qualifier::Exact,
        };
        assert!(!nan.disjoint(&q("43")));
        assert!(!q("43").disjoint(&nan));
    }

    #[test]
    fn relative_difference_is_measured_against_the_larger_value() {
        let cases = [
            ("60,000", "66,365", 6365.0 / 66365.0),
            ("66,365", "60,000", 6365.0 / 66365.0),
            ("about 60,000", "60,000", 0.0),
            ("0", "zero", 0.0),
            ("0", "5", 1.0),
            ("160 million", "158.4 million", 1.6 / 160.0),
        ];
        for (a, b, difference) in cases {
            let got = q(a).relative_difference(&q(b));
            assert!(close(got, difference), "{a:?} vs {b:?}: {got}");
        }
        let infinite = Quantity {
            value: f64::INFINITY,
            ..q("5")
        };
        assert_eq!(infinite.relative_difference(&infinite), 0.0);
        assert_eq!(infinite.relative_difference(&q("5")), 1.0);
    }

    #[test]
    fn display_is_short_and_free_of_float_noise() {
        let cases = [
            ("60,000", "60000 (55000–65000)"),
            ("about 60,000", "about 60000"),
            ("more than 160 million", "more than 160000000"),
            ("over 5", "more than 5"),
            ("nearly 43", "nearly 43"),
            ("up to 10", "at most 10"),
            ("2.75", "2.75 (2.745–2.755)"),
            ("1.5 million", "1500000 (1450000–1550000)"),
            ("0.05", "0.05 (0.045–0.055)"),
            ("0", "0"),
            ("forty-three", "43 (42.5–43.5)"),
        ];
        for (text, shown) in cases {
            assert_eq!(q(text).to_string(), shown, "{text:?}");
        }
        assert_eq!(format_number(1e30), "1e30");
        assert_eq!(format_number(2.0 / 3.0), "0.667");
        assert_eq!(format_number(10.0 / 3.0), "3.333");
        assert_eq!(format_number(f64::INFINITY), "inf");
    }

    #[test]
    fn infinite_bounds_serialise_as_null() {
        let json = serde_json::to_value(q("more than 60,000")).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "value": 60000.0,
                "low": 60000.0,
                "high": null,
                "qualifier": "over",
            })
        );
        let json = serde_json::to_value(q("60,000")).expect("serialises");
        assert_eq!(json["high"], serde_json::json!(65000.0));
        assert_eq!(json["qualifier"], serde_json::json!("exact"));
    }
}
