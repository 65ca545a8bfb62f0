//! Finding an article's publication date near its top: a `date YYYY-MM-DD` header line,
//! a front matter `date:` field, or a dateline such as "Published Sept. 7, 2022".
//! Relative dates in the article resolve against it, so a wrong one is worse than none.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::{DateSource, Published};

/// Datelines are looked for in the first this many bytes of the body...
const TOP_BYTES: usize = 1500;
/// ...and in at most this many of its first lines.
const TOP_LINES: usize = 12;
/// Front matter longer than this is taken to be no front matter at all (an unclosed
/// `---` must not swallow the article).
const FRONT_MATTER_LINES: usize = 64;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// A full date (day, month and year) written as "Sep 7, 2022", "7 September 2022" or
/// "2022-09-07". The end is checked in code, because an ISO date may run into a time
/// ("2022-09-07T14:00").
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<m1>{MONTH})\b\.?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b,?\s*(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})\b\.?,?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<mo3>\d{{2}})-(?P<d3>\d{{2}}))"
    ))
    .expect("full date pattern is valid")
});

/// `date 2022-09-08 Lead paragraph…` or `Date: 2022-09-08` alone on the first line.
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?i:date)(?:[ \t]+(?P<inline>\d{4}-\d{2}-\d{2})(?:\s|$)|[ \t]*:[ \t]*(?P<own>\d{4}-\d{2}-\d{2})[ \t]*(?:\r?\n|$))",
    )
    .expect("header line pattern is valid")
});

/// A front matter field that holds the publication date, in YAML (`:`) or TOML (`=`).
static FRONT_MATTER_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i)(?P<key>date|published|publish_?date|pub_?date|published_?(?:at|on|date)|date_?published)[ \t]*[:=][ \t]*(?P<value>.*)$",
    )
    .expect("front matter field pattern is valid")
});

/// Words that open a dateline: "Published", "Last updated:", "Posted on".
static DATELINE_KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:first|last|originally)\s+)?(?:published|updated?|posted|modified|dated?|released|issued)\b",
    )
    .expect("dateline keyword pattern is valid")
});

/// A weekday just before the date ("Wednesday, Sep 7, 2022"), which says nothing about
/// whether the line is a dateline.
static WEEKDAY_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?$",
    )
    .expect("weekday pattern is valid")
});

/// The article's publication date, if its top says one.
pub fn publication_date(text: &str) -> Option<Published> {
    header(text).0
}

/// The publication date and the byte offset where the body starts (after a date header
/// line or front matter; 0 when there is neither). Tried in order: header line, front
/// matter, dateline; the first full, valid date wins.
pub fn header(text: &str) -> (Option<Published>, usize) {
    let body_start = match header_line(text).or_else(|| front_matter(text)) {
        Some((Some(published), body_start)) => return (Some(published), body_start),
        // A header whose date is not a real date is still a header, not body text.
        Some((None, body_start)) => body_start,
        None => 0,
    };
    (dateline(text, body_start), body_start)
}

fn header_line(text: &str) -> Option<(Option<Published>, usize)> {
    let date = header_line_date(text)?;
    if date.start >= TOP_BYTES {
        return None;
    }
    let rest = &text[date.end..];
    let body_start = date.end + (rest.len() - rest.trim_start().len());
    let published = iso_date(&text[date.clone()]).map(|d| Published {
        date: d,
        source: DateSource::Header,
        span: date,
    });
    Some((published, body_start))
}

/// The span of the date of the header line [`HEADER_LINE`] finds at the top of `text`.
fn header_line_date(text: &str) -> Option<Range<usize>> {
    match header_line_in_ascii(text) {
        HeaderLine::Date(date) => Some(date),
        HeaderLine::Absent => None,
        HeaderLine::AskThePattern => {
            let caps = HEADER_LINE.captures(text)?;
            caps.name("inline")
                .or_else(|| caps.name("own"))
                .map(|date| date.range())
        }
    }
}

/// What reading a header line byte by byte finds.
enum HeaderLine {
    Date(Range<usize>),
    Absent,
    /// A non-ASCII character stands where the date's digits are: the pattern's `\d`
    /// takes digits of every script, so only the pattern can tell.
    AskThePattern,
}

/// [`header_line_date`] read byte by byte, as every header seen in practice can be.
fn header_line_in_ascii(text: &str) -> HeaderLine {
    let bytes = text.as_bytes();
    let word = text.len() - text.trim_start().len();
    if !bytes
        .get(word..word + 4)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"date"))
    {
        return HeaderLine::Absent;
    }
    let blanks_from = |at: usize| {
        at + bytes[at..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    };
    let after_word = word + 4;
    let after_blanks = blanks_from(after_word);
    let (start, own_line) = if bytes.get(after_blanks) == Some(&b':') {
        (blanks_from(after_blanks + 1), true)
    } else if after_blanks > after_word {
        (after_blanks, false)
    } else {
        return HeaderLine::Absent;
    };
    for (offset, &expected) in b"0000-00-00".iter().enumerate() {
        match bytes.get(start + offset) {
            Some(b'-') if expected == b'-' => {}
            Some(b) if expected == b'0' && b.is_ascii_digit() => {}
            Some(b) if expected == b'0' && !b.is_ascii() => return HeaderLine::AskThePattern,
            _ => return HeaderLine::Absent,
        }
    }
    let end = start + 10;
    let rest = &text[end..];
    let ends_header = if own_line {
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n")
    } else {
        rest.chars().next().is_none_or(char::is_whitespace)
    };
    if ends_header {
        HeaderLine::Date(start..end)
    } else {
        HeaderLine::Absent
    }
}

fn front_matter(text: &str) -> Option<(Option<Published>, usize)> {
    let mut lines = lines(text);
    let (_, first, _) = lines.next()?;
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    // A field named for publication beats a plain `date:` (which some site generators
    // use for the last edit).
    let mut best: Option<(bool, Published)> = None;
    for (start, line, end) in lines.take(FRONT_MATTER_LINES) {
        if line.trim_end() == fence {
            return Some((best.map(|(_, p)| p), end));
        }
        let Some(caps) = FRONT_MATTER_FIELD.captures(line) else {
            continue;
        };
        let plain_date = caps
            .name("key")
            .is_some_and(|k| k.as_str().eq_ignore_ascii_case("date"));
        if best
            .as_ref()
            .is_some_and(|(plain, _)| !*plain || plain_date)
        {
            continue;
        }
        let Some(value) = caps.name("value") else {
            continue;
        };
        let unquoted = value.as_str().trim_start_matches(['"', '\'']);
        let offset = start + value.start() + (value.as_str().len() - unquoted.len());
        let Some((date, span)) = first_full_date(unquoted)
            .filter(|(_, span)| span.start == 0)
            .map(|(date, span)| (date, span.start + offset..span.end + offset))
        else {
            continue;
        };
        best = Some((
            plain_date,
            Published {
                date,
                source: DateSource::FrontMatter,
                span,
            },
        ));
    }
    None
}

fn dateline(text: &str, body_start: usize) -> Option<Published> {
    let body = text.get(body_start..)?;
    let top = &body[..floor_char_boundary(body, TOP_BYTES)];
    for (start, line, _) in lines(top).take(TOP_LINES) {
        for caps in FULL_DATE.captures_iter(line) {
            let Some(whole) = caps.get(0) else { continue };
            if !ends_cleanly(line, whole.end()) || !is_dateline_prefix(&line[..whole.start()]) {
                continue;
            }
            if let Some(date) = date_from(&caps) {
                let offset = body_start + start;
                return Some(Published {
                    date,
                    source: DateSource::Dateline,
                    span: whole.start() + offset..whole.end() + offset,
                });
            }
        }
    }
    None
}

/// Whether the text before a date on its line is what precedes a publication date
/// (nothing, "Published", a byline, a place in capitals, a separator) rather than
/// the start of a sentence ("The show aired on").
fn is_dateline_prefix(prefix: &str) -> bool {
    let mut prefix = prefix.trim();
    if let Some(weekday) = WEEKDAY_AT_END.find(prefix) {
        prefix = prefix[..weekday.start()].trim_end();
    }
    if prefix.is_empty() {
        return true;
    }
    if prefix.split_whitespace().count() > 8 {
        return false;
    }
    if DATELINE_KEYWORD.is_match(prefix) {
        return true;
    }
    if prefix.ends_with(['|', '·', '•', '—', '–', '-', '/']) {
        return true;
    }
    let letters = || prefix.chars().filter(|c| c.is_alphabetic());
    if letters().count() >= 2 && letters().all(char::is_uppercase) {
        return true;
    }
    is_byline(prefix)
}

/// "By Tamantha Gunn", "By Jane Doe and John Roe, CNN": "By" and then names.
fn is_byline(prefix: &str) -> bool {
    let mut words = prefix.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        return false;
    }
    let mut names = 0;
    for word in words {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || matches!(word, "and" | "de" | "da" | "di" | "du" | "van" | "von") {
            continue;
        }
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        names += 1;
    }
    names > 0
}

/// A date must not run on into more digits or letters ("2022-09-071", "May 7, 20221"),
/// except an ISO date followed by a time ("2022-09-07T14:00").
fn ends_cleanly(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        None => true,
        Some('T') => after.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// The first full date in `text` that is a real calendar date, and its byte span.
fn first_full_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    FULL_DATE.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?;
        if !ends_cleanly(text, whole.end()) {
            return None;
        }
        date_from(&caps).map(|date| (date, whole.range()))
    })
}

fn date_from(caps: &Captures<'_>) -> Option<NaiveDate> {
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = if let Some(month) = caps.name("m1") {
        (number("y1")?, month_number(month.as_str())?, number("d1")?)
    } else if let Some(month) = caps.name("m2") {
        (number("y2")?, month_number(month.as_str())?, number("d2")?)
    } else {
        (number("y3")?, number("mo3")?, number("d3")?)
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn iso_date(text: &str) -> Option<NaiveDate> {
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = months.iter().position(|m| *m == prefix)?;
    u32::try_from(index + 1).ok()
}

/// Lines as (start offset, text without its line ending, end offset after the ending).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    text.split_inclusive('\n').scan(0, |offset, raw| {
        let start = *offset;
        *offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        Some((start, line, *offset))
    })
}

fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    (0..=index)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
    }

    /// The date found, how, and the text its span covers.
    fn found(text: &str) -> Option<(NaiveDate, DateSource, &str)> {
        publication_date(text).map(|p| (p.date, p.source, &text[p.span]))
    }

    #[test]
    fn a_leading_date_header_gives_the_date_and_the_body_follows_it() {
        let text = " date 2022-09-08 John Legend and Kanye West have been friends.";
        let (published, body_start) = header(text);
        let published = published.expect("header date");
        assert_eq!(published.date, ymd(2022, 9, 8));
        assert_eq!(published.source, DateSource::Header);
        assert_eq!(&text[published.span], "2022-09-08");
        assert_eq!(
            &text[body_start..],
            "John Legend and Kanye West have been friends."
        );
    }

    #[test]
    fn a_date_colon_header_on_its_own_line_is_accepted() {
        let text = "Date: 2022-09-07\n\nThe body.";
        let (published, body_start) = header(text);
        assert_eq!(published.map(|p| p.date), Some(ymd(2022, 9, 7)));
        assert_eq!(&text[body_start..], "The body.");
    }

    #[test]
    fn a_date_colon_header_followed_by_text_on_the_same_line_is_only_a_dateline() {
        let (published, body_start) = header("Date: 2022-09-07 is when it happened.");
        assert_eq!(published.map(|p| p.source), Some(DateSource::Dateline));
        assert_eq!(body_start, 0, "the line is body text");
    }

    #[test]
    fn the_word_date_inside_the_text_is_not_a_header() {
        assert_eq!(
            found("Their first date 2022-09-07 went well."),
            None,
            "only a header at the very top counts"
        );
    }

    #[test]
    fn an_impossible_header_date_is_no_publication_date_but_still_a_header() {
        let text = "date 2022-02-30 The lead paragraph.";
        let (published, body_start) = header(text);
        assert_eq!(published, None);
        assert_eq!(&text[body_start..], "The lead paragraph.");
    }

    #[test]
    fn a_header_date_running_into_more_digits_is_not_a_header() {
        assert_eq!(header("date 2022-09-081 text"), (None, 0));
    }

    #[test]
    fn front_matter_date_field_gives_the_date_and_the_body_starts_after_it() {
        let text = "---\ntitle: Legend and West\ndate: 2022-09-07\n---\nThe body.\n";
        let (published, body_start) = header(text);
        let published = published.expect("front matter date");
        assert_eq!(published.date, ymd(2022, 9, 7));
        assert_eq!(published.source, DateSource::FrontMatter);
        assert_eq!(&text[published.span], "2022-09-07");
        assert_eq!(&text[body_start..], "The body.\n");
    }

    #[test]
    fn front_matter_dates_may_carry_a_time_or_quotes() {
        for value in [
            "2022-09-07T14:00:00Z",
            "2022-09-07 14:00",
            "\"2022-09-07\"",
            "'2022-09-07T14:00:00+02:00'",
            "Sep 7, 2022",
        ] {
            let text = format!("---\ndate: {value}\n---\nBody");
            assert_eq!(
                publication_date(&text).map(|p| (p.date, p.source)),
                Some((ymd(2022, 9, 7), DateSource::FrontMatter)),
                "{value}"
            );
        }
    }

    #[test]
    fn a_published_field_beats_a_plain_date_field() {
        let text = "---\ndate: 2022-09-10\npublished: 2022-09-07\n---\nBody";
        assert_eq!(
            publication_date(text).map(|p| p.date),
            Some(ymd(2022, 9, 7))
        );
    }

    #[test]
    fn toml_front_matter_is_read_too() {
        let text = "+++\ntitle = \"x\"\ndate = 2022-09-07T10:00:00Z\n+++\nBody";
        let (published, body_start) = header(text);
        assert_eq!(published.map(|p| p.date), Some(ymd(2022, 9, 7)));
        assert_eq!(&text[body_start..], "Body");
    }

    #[test]
    fn crlf_front_matter_is_read_and_the_body_starts_after_the_fence() {
        let text = "---\r\ndate: 2022-09-07\r\n---\r\nBody\r\n";
        let (published, body_start) = header(text);
        assert_eq!(published.map(|p| p.date), Some(ymd(2022, 9, 7)));
        assert_eq!(&text[body_start..], "Body\r\n");
    }

    #[test]
    fn front_matter_without_a_date_still_ends_before_the_body() {
        let text = "---\ntitle: x\n---\nBy Jane Doe\nSeptember 7, 2022\nBody";
        let (published, body_start) = header(text);
        assert_eq!(&text[body_start..], "By Jane Doe\nSeptember 7, 2022\nBody");
        let published = published.expect("dateline in the body");
        assert_eq!(published.source, DateSource::Dateline);
        assert_eq!(&text[published.span], "September 7, 2022");
    }

    #[test]
    fn unclosed_front_matter_is_not_front_matter() {
        let (published, body_start) = header("---\ntitle: 2022-09-07\nno closing fence");
        assert_eq!(published, None);
        assert_eq!(body_start, 0);
        let (published, body_start) = header("---\ndate: 2022-09-07\nno closing fence");
        assert_eq!(published.map(|p| p.source), Some(DateSource::Dateline));
        assert_eq!(body_start, 0);
    }

    #[test]
    fn nested_or_unrelated_front_matter_keys_are_not_the_date() {
        let text = "---\nevent:\n  date: 2022-01-01\nupdated_date: 2022-01-02\n---\nBody";
        assert_eq!(publication_date(text), None);
    }

    #[test]
    fn an_impossible_front_matter_date_is_no_publication_date() {
        let text = "---\ndate: 2022-02-30\n---\nBody";
        let (published, body_start) = header(text);
        assert_eq!(published, None);
        assert_eq!(&text[body_start..], "Body");
    }

    #[test]
    fn a_byline_with_a_date_and_time_is_a_dateline() {
        let text = "Headline\n\nStandfirst.\n\nBy Tamantha Gunn Sep 07, 2022 2:00 PMTags\nWatch: x";
        let (published, body_start) = header(text);
        let published = published.expect("dateline");
        assert_eq!(published.date, ymd(2022, 9, 7));
        assert_eq!(published.source, DateSource::Dateline);
        assert_eq!(&text[published.span.clone()], "Sep 07, 2022");
        assert_eq!(body_start, 0, "a dateline is part of the body");
    }

    #[test]
    fn common_dateline_forms_are_recognised() {
        for (line, date_text) in [
            ("Published September 7, 2022", "September 7, 2022"),
            ("Updated: Sept. 7, 2022 at 2:00 p.m.", "Sept. 7, 2022"),
            ("September 7, 2022", "September 7, 2022"),
            ("7 September 2022", "7 September 2022"),
            ("Sep 7, 2022", "Sep 7, 2022"),
            ("Wednesday, 7th Sept. 2022", "7th Sept. 2022"),
            ("Last updated on Sep. 7 2022", "Sep. 7 2022"),
            (
                "NEW YORK, Sept. 7, 2022 (Reuters) - The company said",
                "Sept. 7, 2022",
            ),
            (
                "Jane Doe | September 7, 2022 | 3 min read",
                "September 7, 2022",
            ),
            ("Posted 2022-09-07T14:00:00Z", "2022-09-07"),
            ("By Jane Doe and John Roe, CNN, Sep 7, 2022", "Sep 7, 2022"),
        ] {
            let text = format!("A headline\n\n{line}\n\nThe body.");
            assert_eq!(
                found(&text),
                Some((ymd(2022, 9, 7), DateSource::Dateline, date_text)),
                "{line}"
            );
        }
    }

    #[test]
    fn a_date_inside_a_sentence_is_not_a_dateline() {
        for line in [
            "The show aired on September 7, 2022, to great acclaim.",
            "In an interview published by the New Yorker on September 4, 2022, he spoke.",
            "By the time it aired on Sep 7, 2022 nobody cared.",
        ] {
            assert_eq!(found(&format!("Headline\n\n{line}")), None, "{line}");
        }
    }

    #[test]
    fn a_partial_date_is_not_a_dateline() {
        for line in [
            "September 2022",
            "September 7",
            "Sept. 7",
            "2022",
            "09/07/2022",
        ] {
            assert_eq!(found(&format!("Headline\n{line}\nBody")), None, "{line}");
        }
    }

    #[test]
    fn an_impossible_dateline_date_is_skipped() {
        assert_eq!(found("Published February 30, 2022\nBody"), None);
        assert_eq!(
            found("Published February 30, 2022\nUpdated March 1, 2022\nBody"),
            Some((ymd(2022, 3, 1), DateSource::Dateline, "March 1, 2022"))
        );
    }

    #[test]
    fn a_dateline_below_the_first_twelve_lines_is_not_used() {
        let near = format!("{}September 7, 2022\n", "line\n".repeat(11));
        assert!(publication_date(&near).is_some());
        let far = format!("{}September 7, 2022\n", "line\n".repeat(12));
        assert_eq!(publication_date(&far), None);
    }

    #[test]
    fn a_dateline_beyond_the_first_1500_bytes_is_not_used() {
        let far = format!("{}\nSeptember 7, 2022\n", "x".repeat(TOP_BYTES));
        assert_eq!(publication_date(&far), None);
    }

    #[test]
    fn a_header_beats_a_dateline_below_it() {
        let text = "date 2022-09-08 Lead.\nPublished September 7, 2022\n";
        assert_eq!(
            publication_date(text).map(|p| (p.date, p.source)),
            Some((ymd(2022, 9, 8), DateSource::Header))
        );
    }

    #[test]
    fn dates_with_unicode_spaces_keep_spans_on_char_boundaries() {
        let text = "Überschrift «x»\nBy Zoë Ångström\u{a0}Sep\u{a0}07,\u{a0}2022 — é\n";
        let published = publication_date(text).expect("dateline");
        assert_eq!(&text[published.span], "Sep\u{a0}07,\u{a0}2022");
    }

    #[test]
    fn arbitrary_text_does_not_panic() {
        let samples = [
            String::new(),
            "date".to_string(),
            "date ".to_string(),
            "---".to_string(),
            "---\n".to_string(),
            "+++\n+++".to_string(),
            "é".repeat(2000),
            format!("{}Sep 7, 2022", "é".repeat(749)),
            "99 September 99999".to_string(),
            "Sep 99, 2022\n0 May 2022\n2022-13-01\n2022-00-10".to_string(),
            "\u{feff}\u{0}\r\r\n\n".to_string(),
        ];
        for text in &samples {
            let (published, body_start) = header(text);
            assert!(text.is_char_boundary(body_start));
            if let Some(p) = published {
                assert!(text.get(p.span).is_some());
            }
        }
    }

    /// A header line's parts, each with what it may be instead: spaces the pattern's
    /// `\s` takes (`\u{a0}`, `\u{2028}`), digits of other scripts (`٢`, `０`), dates
    /// cut short or running on, line endings.
    const BEFORE: &[&str] = &["", " ", "\t\n ", "\u{a0}", "x", "\u{2028}"];
    const WORD: &[&str] = &["date", "DaTe", "DATE", "dat", "datum", "date:"];
    const BETWEEN: &[&str] = &["", " ", "\t", "  ", " : ", ":", " :\t", "\u{a0}", "\n"];
    const DATE: &[&str] = &[
        "2022-09-08",
        "2022-09-0",
        "2022-9-08",
        "٢٠٢٢-09-08",
        "2022-０9-08",
        "20220908",
        "2022-09-081",
        "2022-02-30",
        "é",
    ];
    const AFTER: &[&str] = &[
        "",
        " Body",
        "\n",
        "\r\n",
        " \t\r\nBody",
        "\r",
        "x",
        "T10",
        "\u{2028}",
        "\t",
        "\u{a0}",
    ];

    fn header_lines() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::sample::select;
        use proptest::strategy::Strategy;
        (
            select(BEFORE),
            select(WORD),
            select(BETWEEN),
            select(DATE),
            select(AFTER),
            select(AFTER),
        )
            .prop_map(|(a, b, c, d, e, f)| [a, b, c, d, e, f].concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        #[test]
        fn header_lines_are_read_byte_by_byte_as_the_pattern_reads_them(text in header_lines()) {
            let by_pattern = HEADER_LINE.captures(&text).and_then(|caps| {
                caps.name("inline")
                    .or_else(|| caps.name("own"))
                    .map(|date| date.range())
            });
            proptest::prop_assert_eq!(header_line_date(&text), by_pattern);
        }
    }

    #[test]
    fn a_header_with_digits_of_another_script_is_left_to_the_pattern() {
        let text = "date ٢٠٢٢-09-08 Body.";
        assert!(matches!(
            header_line_in_ascii(text),
            HeaderLine::AskThePattern
        ));
        let (published, body_start) = header(text);
        assert_eq!(published, None, "not a date chrono reads");
        assert_eq!(&text[body_start..], "Body.");
    }

    #[test]
    fn date_sources_display_and_serialize_in_plain_words() {
        assert_eq!(DateSource::Header.to_string(), "date header line");
        assert_eq!(
            DateSource::FrontMatter.to_string(),
            "front matter date: field"
        );
        assert_eq!(DateSource::Dateline.to_string(), "dateline");
        let json = serde_json::to_string(&Published {
            date: ymd(2022, 9, 7),
            source: DateSource::FrontMatter,
            span: 4..14,
        })
        .expect("serializes");
        assert_eq!(
            json,
            r#"{"date":"2022-09-07","source":"front-matter","span":{"start":4,"end":14}}"#
        );
    }
}
