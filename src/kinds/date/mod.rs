//! Date claims: finding date expressions in a sentence, normalising them in two steps
//! (an underspecified value, then resolution against the publication date), and
//! comparing the resulting intervals.

mod find;
mod resolve;

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use find::{find_dates, reader_patterns};
pub use resolve::resolve;

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
    Year,
}

/// A resolved date: every day from `start` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateInterval {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub granularity: Granularity,
}

impl DateInterval {
    /// The whole calendar year, or `None` outside chrono's range.
    pub fn year(year: i32) -> Option<Self> {
        Some(DateInterval {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            granularity: Granularity::Year,
        })
    }

    /// The whole calendar month, or `None` when the month does not exist.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        // Counting down from 31 finds the month's last day without stepping into the
        // next month, which may lie outside chrono's range.
        let end = (28..=31)
            .rev()
            .find_map(|day| NaiveDate::from_ymd_opt(year, month, day))?;
        Some(DateInterval {
            start,
            end,
            granularity: Granularity::Month,
        })
    }

    /// A single day.
    pub fn day(date: NaiveDate) -> Self {
        DateInterval {
            start: date,
            end: date,
            granularity: Granularity::Day,
        }
    }

    /// True when no day belongs to both intervals.
    pub fn disjoint(&self, other: &DateInterval) -> bool {
        self.end < other.start || other.end < self.start
    }

    /// True when every day of `other` is also a day of `self`.
    pub fn contains(&self, other: &DateInterval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the interval is exactly one calendar unit of its granularity, so it
    /// can be written as "2021", "2021-11" or "2022-09-04".
    fn is_whole_unit(&self) -> bool {
        let whole = match self.granularity {
            Granularity::Year => DateInterval::year(self.start.year()),
            Granularity::Month => DateInterval::month(self.start.year(), self.start.month()),
            Granularity::Day => Some(DateInterval::day(self.start)),
        };
        whole.as_ref() == Some(self)
    }
}

impl fmt::Display for DateInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.is_whole_unit() {
            return write!(f, "{}..{}", self.start, self.end);
        }
        match self.granularity {
            Granularity::Year => write!(f, "{:04}", self.start.year()),
            Granularity::Month => write!(f, "{:04}-{:02}", self.start.year(), self.start.month()),
            Granularity::Day => write!(f, "{}", self.start),
        }
    }
}

/// Which occurrence of a repeating date (a weekday, a named month) an expression means,
/// counted from the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Occurrence {
    /// The latest one on or before publication: a bare "Thursday".
    MostRecent,
    /// The latest one strictly before publication's day or month: "last Thursday",
    /// "last November", "this past November".
    Previous,
    /// The first one strictly after publication's day or month: "next Thursday".
    Next,
    /// The one in publication's own week or year: "this Thursday", "this November".
    Current,
}

/// A date expression as written, before it is resolved against a publication date.
///
/// Offsets count calendar units from the unit that holds the publication date:
/// `RelativeYear(-1)` is "last year", `RelativeMonth(-3)` is "three months ago".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Underspecified {
    /// A calendar year: "2018", "in 2018", "mid-2018".
    Year(i32),
    /// A month of a known year: "November 2021", "Nov. 2021".
    Month { year: i32, month: u32 },
    /// A day of a known year: "September 4, 2022", "4 September 2022", "2022-09-04".
    Day { year: i32, month: u32, day: u32 },
    /// An explicit span of days at a granularity; what a resolved week turns back into.
    Range {
        start: NaiveDate,
        end: NaiveDate,
        granularity: Granularity,
    },
    /// A month without its year: "in November".
    MonthWithoutYear { month: u32 },
    /// A day without its year: "Sept. 4", "September 4".
    DayWithoutYear { month: u32, day: u32 },
    /// A named month in a year relative to publication: "November last year" is
    /// `{ month: 11, years: -1 }`.
    MonthInRelativeYear { month: u32, years: i32 },
    /// A named month counted from publication's month: "last November".
    NamedMonth { month: u32, which: Occurrence },
    /// A calendar year relative to publication: "last year", "two years ago".
    RelativeYear(i32),
    /// A calendar month relative to publication: "last month", "three months ago".
    RelativeMonth(i32),
    /// A Monday-to-Sunday week relative to publication's week: "last week".
    RelativeWeek(i32),
    /// A day relative to publication: "yesterday", "today".
    RelativeDay(i32),
    /// A weekday: "Thursday", "last Thursday".
    Weekday {
        weekday: chrono::Weekday,
        which: Occurrence,
    },
}

impl Underspecified {
    /// True when resolving the expression needs the publication date.
    pub fn is_relative(&self) -> bool {
        !matches!(
            self,
            Underspecified::Year(_)
                | Underspecified::Month { .. }
                | Underspecified::Day { .. }
                | Underspecified::Range { .. }
        )
    }
}

/// The absolute expression that names exactly `interval`, so that resolving it gives
/// `interval` back whatever the publication date.
pub fn absolute(interval: &DateInterval) -> Underspecified {
    let start = interval.start;
    if interval.is_whole_unit() {
        match interval.granularity {
            Granularity::Year => return Underspecified::Year(start.year()),
            Granularity::Month => {
                return Underspecified::Month {
                    year: start.year(),
                    month: start.month(),
                };
            }
            Granularity::Day => {
                return Underspecified::Day {
                    year: start.year(),
                    month: start.month(),
                    day: start.day(),
                };
            }
        }
    }
    Underspecified::Range {
        start,
        end: interval.end,
        granularity: interval.granularity,
    }
}

const MONTH_NAMES: [&str; 12] = [
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
];

/// The English name of a month numbered from 1, or "?" for a number that is no month.
fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|index| MONTH_NAMES.get(index as usize))
        .copied()
        .unwrap_or("?")
}

/// "year", "year-1", "year+2": a unit counted from publication's unit.
fn write_offset(f: &mut fmt::Formatter<'_>, unit: &str, offset: i32) -> fmt::Result {
    if offset == 0 {
        write!(f, "{unit}")
    } else {
        write!(f, "{unit}{offset:+}")
    }
}

impl fmt::Display for Underspecified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Underspecified::Year(year) => write!(f, "{year:04}"),
            Underspecified::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Underspecified::Day { year, month, day } => {
                write!(f, "{year:04}-{month:02}-{day:02}")
            }
            Underspecified::Range { start, end, .. } => write!(f, "{start}..{end}"),
            Underspecified::MonthWithoutYear { month } => write!(f, "XXXX-{month:02}"),
            Underspecified::DayWithoutYear { month, day } => {
                write!(f, "XXXX-{month:02}-{day:02}")
            }
            Underspecified::MonthInRelativeYear { month, years } => {
                write!(f, "{} of ", month_name(month))?;
                write_offset(f, "year", years)
            }
            Underspecified::NamedMonth { month, which } => {
                let name = month_name(month);
                match which {
                    Occurrence::MostRecent => write!(f, "latest {name}"),
                    Occurrence::Previous => write!(f, "previous {name}"),
                    Occurrence::Next => write!(f, "next {name}"),
                    Occurrence::Current => write!(f, "{name} of year"),
                }
            }
            Underspecified::RelativeYear(offset) => write_offset(f, "year", offset),
            Underspecified::RelativeMonth(offset) => write_offset(f, "month", offset),
            Underspecified::RelativeWeek(offset) => write_offset(f, "week", offset),
            Underspecified::RelativeDay(offset) => write_offset(f, "day", offset),
            Underspecified::Weekday { weekday, which } => {
                let name = weekday_name(weekday);
                match which {
                    Occurrence::MostRecent => write!(f, "{name}"),
                    Occurrence::Previous => write!(f, "previous {name}"),
                    Occurrence::Next => write!(f, "next {name}"),
                    Occurrence::Current => write!(f, "{name} of week"),
                }
            }
        }
    }
}

fn weekday_name(weekday: chrono::Weekday) -> &'static str {
    match weekday {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

/// A date expression found in a piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte span within the text that was searched.
    pub span: Range<usize>,
    pub expr: Underspecified,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
    }

    fn year(y: i32) -> DateInterval {
        DateInterval::year(y).expect("test years are in range")
    }

    fn month(y: i32, m: u32) -> DateInterval {
        DateInterval::month(y, m).expect("test months are valid")
    }

    /// Every date in `text`, as written and as resolved ("none" when unanchored).
    fn resolved_in(text: &str, published: Option<NaiveDate>) -> Vec<(&str, String)> {
        find_dates(text)
            .into_iter()
            .map(|mention| {
                let resolved = resolve(&mention.expr, published)
                    .map_or_else(|| "none".to_owned(), |interval| interval.to_string());
                (&text[mention.span], resolved)
            })
            .collect()
    }

    #[test]
    fn seed_dates_resolve_against_their_publication_dates() {
        let cases = [
            (
                "Kanye spoke out about his relationship with John last year during his \
                 Drink Champs interview.",
                Some(date(2022, 9, 8)),
                "last year",
                "2021",
            ),
            (
                "In November last year, Kanye called out Legend and Big Sean.",
                Some(date(2022, 8, 6)),
                "November last year",
                "2021-11",
            ),
            (
                "In an interview published by the New Yorker on September 4, the singer said.",
                Some(date(2022, 9, 5)),
                "September 4",
                "2022-09-04",
            ),
            (
                "an interview with the New Yorker published Sept. 4.",
                Some(date(2022, 9, 7)),
                "Sept. 4",
                "2022-09-04",
            ),
            (
                "By Tamantha Gunn Sep 07, 2022 2:00 PMTags",
                None,
                "Sep 07, 2022",
                "2022-09-07",
            ),
            (
                "On a 2020 episode of “Drink Champs,” West called both sellouts.",
                None,
                "2020",
                "2020",
            ),
            (
                "In November 2021, West made an appearance on the Drink Champs podcast.",
                None,
                "November 2021",
                "2021-11",
            ),
        ];
        for (text, published, span, expected) in cases {
            assert_eq!(
                resolved_in(text, published),
                vec![(span, expected.to_owned())],
                "in {text:?}"
            );
        }
    }

    #[test]
    fn relative_dates_without_publication_date_stay_unanchored() {
        let text = "Last year, on September 4 and last Thursday, two years ago, in November.";
        let unanchored: Vec<_> = resolved_in(text, None)
            .into_iter()
            .map(|(_, resolved)| resolved)
            .collect();
        assert_eq!(unanchored, vec!["none"; 5]);
        let anchored = resolved_in(text, Some(date(2022, 9, 8)));
        assert_eq!(
            anchored,
            vec![
                ("Last year", "2021".to_owned()),
                ("September 4", "2022-09-04".to_owned()),
                ("last Thursday", "2022-09-01".to_owned()),
                ("two years ago", "2020".to_owned()),
                ("November", "2022-11".to_owned()),
            ]
        );
    }

    #[test]
    fn resolving_the_absolute_form_of_a_found_date_changes_nothing() {
        let text = "Last year, on September 4, last week, in November last year, Thursday, \
                    2018, Nov. 2021, three months ago, yesterday.";
        let published = date(2022, 9, 8);
        let mentions = find_dates(text);
        assert_eq!(mentions.len(), 9);
        for mention in mentions {
            let interval = resolve(&mention.expr, Some(published))
                .expect("every date in the text resolves against a publication date");
            assert_eq!(resolve(&absolute(&interval), None), Some(interval));
        }
    }

    #[test]
    fn month_interval_runs_from_first_to_last_day() {
        let feb = month(2024, 2);
        assert_eq!(feb.start, date(2024, 2, 1));
        assert_eq!(feb.end, date(2024, 2, 29));
        assert_eq!(month(2023, 2).end, date(2023, 2, 28));
        assert_eq!(month(2021, 11).end, date(2021, 11, 30));
        assert_eq!(month(2021, 12).end, date(2021, 12, 31));
    }

    #[test]
    fn impossible_months_and_years_have_no_interval() {
        assert_eq!(DateInterval::month(2021, 13), None);
        assert_eq!(DateInterval::month(2021, 0), None);
        assert_eq!(DateInterval::year(i32::MAX), None);
        assert_eq!(DateInterval::month(i32::MIN, 1), None);
    }

    #[test]
    fn a_year_contains_its_months_and_days() {
        let y = year(2021);
        assert!(y.contains(&month(2021, 11)));
        assert!(y.contains(&DateInterval::day(date(2021, 12, 31))));
        assert!(y.contains(&y));
        assert!(!month(2021, 11).contains(&y));
        assert!(!y.contains(&month(2022, 1)));
    }

    #[test]
    fn intervals_that_share_no_day_are_disjoint() {
        assert!(year(2020).disjoint(&year(2021)));
        assert!(year(2021).disjoint(&DateInterval::day(date(2022, 9, 4))));
        assert!(!year(2021).disjoint(&month(2021, 11)));
        assert!(!month(2021, 11).disjoint(&year(2021)));
        let last_day = DateInterval::day(date(2021, 12, 31));
        assert!(!year(2021).disjoint(&last_day));
        assert!(year(2022).disjoint(&last_day));
    }

    #[test]
    fn interval_display_uses_the_granularity() {
        assert_eq!(year(2021).to_string(), "2021");
        assert_eq!(month(2021, 11).to_string(), "2021-11");
        assert_eq!(
            DateInterval::day(date(2022, 9, 4)).to_string(),
            "2022-09-04"
        );
    }

    #[test]
    fn interval_display_spells_out_a_span_that_is_not_one_unit() {
        let week = DateInterval {
            start: date(2022, 8, 29),
            end: date(2022, 9, 4),
            granularity: Granularity::Day,
        };
        assert_eq!(week.to_string(), "2022-08-29..2022-09-04");
    }

    #[test]
    fn only_anchored_expressions_are_absolute() {
        assert!(!Underspecified::Year(2018).is_relative());
        assert!(
            !Underspecified::Day {
                year: 2022,
                month: 9,
                day: 4
            }
            .is_relative()
        );
        assert!(Underspecified::RelativeYear(-1).is_relative());
        assert!(Underspecified::DayWithoutYear { month: 9, day: 4 }.is_relative());
        assert!(Underspecified::MonthWithoutYear { month: 11 }.is_relative());
        assert!(
            Underspecified::Weekday {
                weekday: chrono::Weekday::Thu,
                which: Occurrence::MostRecent
            }
            .is_relative()
        );
    }

    #[test]
    fn underspecified_display_is_a_readable_normal_form() {
        let cases = [
            (Underspecified::RelativeYear(-1), "year-1"),
            (Underspecified::RelativeYear(0), "year"),
            (Underspecified::RelativeYear(1), "year+1"),
            (Underspecified::RelativeMonth(-3), "month-3"),
            (Underspecified::RelativeWeek(-1), "week-1"),
            (Underspecified::RelativeDay(-1), "day-1"),
            (
                Underspecified::DayWithoutYear { month: 9, day: 4 },
                "XXXX-09-04",
            ),
            (Underspecified::MonthWithoutYear { month: 11 }, "XXXX-11"),
            (
                Underspecified::Month {
                    year: 2021,
                    month: 11,
                },
                "2021-11",
            ),
            (
                Underspecified::Day {
                    year: 2022,
                    month: 9,
                    day: 4,
                },
                "2022-09-04",
            ),
            (Underspecified::Year(2018), "2018"),
            (
                Underspecified::MonthInRelativeYear {
                    month: 11,
                    years: -1,
                },
                "November of year-1",
            ),
            (
                Underspecified::NamedMonth {
                    month: 11,
                    which: Occurrence::Previous,
                },
                "previous November",
            ),
            (
                Underspecified::Weekday {
                    weekday: chrono::Weekday::Thu,
                    which: Occurrence::MostRecent,
                },
                "Thursday",
            ),
            (
                Underspecified::Weekday {
                    weekday: chrono::Weekday::Thu,
                    which: Occurrence::Previous,
                },
                "previous Thursday",
            ),
        ];
        for (expr, shown) in cases {
            assert_eq!(expr.to_string(), shown, "{expr:?}");
        }
    }

    #[test]
    fn absolute_names_whole_units_by_their_unit() {
        assert_eq!(absolute(&year(2021)), Underspecified::Year(2021));
        assert_eq!(
            absolute(&month(2021, 11)),
            Underspecified::Month {
                year: 2021,
                month: 11
            }
        );
        assert_eq!(
            absolute(&DateInterval::day(date(2022, 9, 4))),
            Underspecified::Day {
                year: 2022,
                month: 9,
                day: 4
            }
        );
    }

    #[test]
    fn absolute_of_a_resolved_interval_resolves_to_the_same_interval() {
        let week = DateInterval {
            start: date(2022, 8, 29),
            end: date(2022, 9, 4),
            granularity: Granularity::Day,
        };
        let intervals = [
            year(2021),
            month(2024, 2),
            DateInterval::day(date(2022, 9, 4)),
            week,
        ];
        for interval in intervals {
            let expr = absolute(&interval);
            assert!(!expr.is_relative(), "{expr:?}");
            assert_eq!(resolve(&expr, None), Some(interval));
            assert_eq!(resolve(&expr, Some(date(1999, 1, 1))), Some(interval));
        }
    }
}
