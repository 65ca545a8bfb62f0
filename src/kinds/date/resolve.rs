//! Second step of date normalisation: turning an underspecified expression into an
//! interval of days, using the publication date for everything the text leaves open.

use chrono::{Datelike, Days, NaiveDate};

use super::{DateInterval, Granularity, Occurrence, Underspecified};

/// A date without its year normally means its latest occurrence on or before
/// publication. News also announces what is coming, so when that occurrence lies more
/// than about ten months back and the next one is at most about two months ahead,
/// the next one is the nearer reading and wins ("in November", written in September).
const STALE_AFTER_DAYS: i64 = 300;
const UPCOMING_WITHIN_DAYS: i64 = 62;

/// How many years to search for a day without its year; February 29 needs up to eight.
const LEAP_SEARCH_YEARS: i32 = 8;

/// Resolves an expression against the article's publication date. `None` when the
/// expression is relative (or lacks its year) and there is no publication date, and
/// when the date does not exist or lies outside the supported calendar.
///
/// Relative units are whole calendar units: "last year" is all of the previous year,
/// "two years ago" the calendar year two before, "last month" the previous calendar
/// month, "last week" the Monday-to-Sunday week before publication's week. A bare
/// weekday is the latest one on or before publication, "last Thursday" the latest one
/// strictly before. A day or month without its year is its latest occurrence on or
/// before publication, unless that is over 300 days back and the next one starts
/// within 62 days: then the upcoming one is meant.
pub fn resolve(expr: &Underspecified, published: Option<NaiveDate>) -> Option<DateInterval> {
    match *expr {
        Underspecified::Year(year) => DateInterval::year(year),
        Underspecified::Month { year, month } => DateInterval::month(year, month),
        Underspecified::Day { year, month, day } => {
            NaiveDate::from_ymd_opt(year, month, day).map(DateInterval::day)
        }
        Underspecified::Range {
            start,
            end,
            granularity,
        } => (start <= end).then_some(DateInterval {
            start,
            end,
            granularity,
        }),
        ref relative => resolve_relative(relative, published?),
    }
}

fn resolve_relative(expr: &Underspecified, published: NaiveDate) -> Option<DateInterval> {
    match *expr {
        Underspecified::RelativeYear(offset) => {
            DateInterval::year(published.year().checked_add(offset)?)
        }
        Underspecified::RelativeMonth(offset) => {
            let (year, month) = shift_month(published.year(), published.month(), offset)?;
            DateInterval::month(year, month)
        }
        Underspecified::RelativeWeek(offset) => week(published, offset),
        Underspecified::RelativeDay(offset) => {
            add_days(published, i64::from(offset)).map(DateInterval::day)
        }
        Underspecified::MonthInRelativeYear { month, years } => {
            DateInterval::month(published.year().checked_add(years)?, month)
        }
        Underspecified::NamedMonth { month, which } => named_month(month, which, published),
        Underspecified::MonthWithoutYear { month } => month_without_year(month, published),
        Underspecified::DayWithoutYear { month, day } => {
            day_without_year(month, day, published).map(DateInterval::day)
        }
        Underspecified::Weekday { weekday, which } => {
            weekday_date(weekday, which, published).map(DateInterval::day)
        }
        Underspecified::Year(_)
        | Underspecified::Month { .. }
        | Underspecified::Day { .. }
        | Underspecified::Range { .. } => resolve(expr, None),
    }
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The (year, month) `offset` months after the given one.
fn shift_month(year: i32, month: u32, offset: i32) -> Option<(i32, u32)> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(offset);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    Some((year, month))
}

/// The Monday-to-Sunday week `offset` weeks after the one holding `published`. A week
/// has no granularity of its own, so it is seven days at day granularity.
fn week(published: NaiveDate, offset: i32) -> Option<DateInterval> {
    let monday = add_days(
        published,
        -i64::from(published.weekday().num_days_from_monday()),
    )?;
    let start = add_days(monday, i64::from(offset) * 7)?;
    Some(DateInterval {
        start,
        end: add_days(start, 6)?,
        granularity: Granularity::Day,
    })
}

fn named_month(month: u32, which: Occurrence, published: NaiveDate) -> Option<DateInterval> {
    let this_year = published.year();
    let year = match which {
        Occurrence::MostRecent if month <= published.month() => this_year,
        Occurrence::Previous if month < published.month() => this_year,
        Occurrence::MostRecent | Occurrence::Previous => this_year.checked_sub(1)?,
        Occurrence::Next if month > published.month() => this_year,
        Occurrence::Next => this_year.checked_add(1)?,
        Occurrence::Current => this_year,
    };
    DateInterval::month(year, month)
}

fn month_without_year(month: u32, published: NaiveDate) -> Option<DateInterval> {
    let recent = named_month(month, Occurrence::MostRecent, published);
    let next = named_month(month, Occurrence::Next, published);
    let start = |interval: Option<DateInterval>| interval.map(|i| i.start);
    if prefer_next(published, start(recent), start(next)) {
        next
    } else {
        recent
    }
}

fn day_without_year(month: u32, day: u32, published: NaiveDate) -> Option<NaiveDate> {
    let this_year = published.year();
    let on = |offset: i32| {
        this_year
            .checked_add(offset)
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
    };
    let recent = (0..=LEAP_SEARCH_YEARS)
        .filter_map(|back| on(-back))
        .find(|date| *date <= published);
    let next = (0..=LEAP_SEARCH_YEARS)
        .filter_map(on)
        .find(|date| *date > published);
    if prefer_next(published, recent, next) {
        next
    } else {
        recent
    }
}

/// Whether the upcoming occurrence is the better reading than the latest past one.
fn prefer_next(published: NaiveDate, recent: Option<NaiveDate>, next: Option<NaiveDate>) -> bool {
    let Some(next) = next else {
        return false;
    };
    let upcoming = (next - published).num_days() <= UPCOMING_WITHIN_DAYS;
    match recent {
        Some(recent) => upcoming && (published - recent).num_days() > STALE_AFTER_DAYS,
        None => upcoming,
    }
}

fn weekday_date(
    weekday: chrono::Weekday,
    which: Occurrence,
    published: NaiveDate,
) -> Option<NaiveDate> {
    let today = published.weekday();
    let back = i64::from((7 + today.num_days_from_monday() - weekday.num_days_from_monday()) % 7);
    match which {
        Occurrence::MostRecent => add_days(published, -back),
        Occurrence::Previous => add_days(published, if back == 0 { -7 } else { -back }),
        Occurrence::Next => {
            let ahead = (7 - back) % 7;
            add_days(published, if ahead == 0 { 7 } else { ahead })
        }
        Occurrence::Current => {
            let monday = add_days(published, -i64::from(today.num_days_from_monday()))?;
            add_days(monday, i64::from(weekday.num_days_from_monday()))
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
    }

    fn resolved(expr: Underspecified, published: NaiveDate) -> String {
        match resolve(&expr, Some(published)) {
            Some(interval) => interval.to_string(),
            None => "none".to_owned(),
        }
    }

    #[test]
    fn relative_expressions_resolve_against_the_publication_date() {
        let published = date(2022, 9, 8);
        let cases = [
            (Underspecified::RelativeYear(-1), "2021"),
            (Underspecified::RelativeYear(0), "2022"),
            (Underspecified::RelativeYear(1), "2023"),
            (Underspecified::RelativeYear(-2), "2020"),
            (Underspecified::RelativeMonth(-1), "2022-08"),
            (Underspecified::RelativeMonth(0), "2022-09"),
            (Underspecified::RelativeMonth(-9), "2021-12"),
            (Underspecified::RelativeMonth(4), "2023-01"),
            (Underspecified::RelativeMonth(-21), "2020-12"),
            (Underspecified::RelativeDay(-1), "2022-09-07"),
            (Underspecified::RelativeDay(0), "2022-09-08"),
            (Underspecified::RelativeDay(-8), "2022-08-31"),
            (
                Underspecified::MonthInRelativeYear {
                    month: 11,
                    years: -1,
                },
                "2021-11",
            ),
        ];
        for (expr, expected) in cases {
            assert_eq!(resolved(expr.clone(), published), expected, "{expr:?}");
        }
    }

    #[test]
    fn in_november_last_year_resolves_to_the_previous_november() {
        let expr = Underspecified::MonthInRelativeYear {
            month: 11,
            years: -1,
        };
        assert_eq!(resolved(expr, date(2022, 8, 6)), "2021-11");
    }

    #[test]
    fn last_week_is_the_monday_to_sunday_before_the_publication_week() {
        // 2022-09-08 is a Thursday.
        assert_eq!(
            resolved(Underspecified::RelativeWeek(-1), date(2022, 9, 8)),
            "2022-08-29..2022-09-04"
        );
        assert_eq!(
            resolved(Underspecified::RelativeWeek(0), date(2022, 9, 8)),
            "2022-09-05..2022-09-11"
        );
        // Published on a Monday: last week still ends the day before.
        assert_eq!(
            resolved(Underspecified::RelativeWeek(-1), date(2022, 9, 5)),
            "2022-08-29..2022-09-04"
        );
    }

    #[test]
    fn a_bare_weekday_is_the_latest_one_on_or_before_publication() {
        let thursday = |which| Underspecified::Weekday {
            weekday: Weekday::Thu,
            which,
        };
        // 2022-09-08 is a Thursday, 2022-09-10 a Saturday.
        let cases = [
            (Occurrence::MostRecent, date(2022, 9, 8), "2022-09-08"),
            (Occurrence::MostRecent, date(2022, 9, 10), "2022-09-08"),
            (Occurrence::MostRecent, date(2022, 9, 7), "2022-09-01"),
            (Occurrence::Previous, date(2022, 9, 8), "2022-09-01"),
            (Occurrence::Previous, date(2022, 9, 10), "2022-09-08"),
            (Occurrence::Next, date(2022, 9, 8), "2022-09-15"),
            (Occurrence::Next, date(2022, 9, 7), "2022-09-08"),
            (Occurrence::Current, date(2022, 9, 5), "2022-09-08"),
            (Occurrence::Current, date(2022, 9, 11), "2022-09-08"),
        ];
        for (which, published, expected) in cases {
            assert_eq!(
                resolved(thursday(which), published),
                expected,
                "{which:?} from {published}"
            );
        }
    }

    #[test]
    fn a_day_without_year_is_the_latest_one_on_or_before_publication() {
        let sept_4 = Underspecified::DayWithoutYear { month: 9, day: 4 };
        assert_eq!(resolved(sept_4.clone(), date(2022, 9, 5)), "2022-09-04");
        assert_eq!(resolved(sept_4.clone(), date(2022, 9, 4)), "2022-09-04");
        assert_eq!(resolved(sept_4.clone(), date(2022, 9, 7)), "2022-09-04");
        assert_eq!(resolved(sept_4.clone(), date(2023, 3, 1)), "2022-09-04");
        assert_eq!(resolved(sept_4, date(2023, 6, 30)), "2022-09-04");
    }

    #[test]
    fn a_day_without_year_just_ahead_of_publication_is_the_upcoming_one() {
        let sept_4 = Underspecified::DayWithoutYear { month: 9, day: 4 };
        // Last year's is 362 days back, this year's three days ahead.
        assert_eq!(resolved(sept_4.clone(), date(2022, 9, 1)), "2022-09-04");
        // Two months and more ahead: still last year's.
        assert_eq!(resolved(sept_4, date(2022, 7, 1)), "2021-09-04");
    }

    #[test]
    fn february_29_without_year_is_the_latest_leap_day() {
        let leap = Underspecified::DayWithoutYear { month: 2, day: 29 };
        assert_eq!(resolved(leap.clone(), date(2022, 9, 8)), "2020-02-29");
        assert_eq!(resolved(leap, date(2024, 3, 1)), "2024-02-29");
    }

    #[test]
    fn a_month_without_year_is_the_latest_one_begun_by_publication() {
        let month = |m| Underspecified::MonthWithoutYear { month: m };
        assert_eq!(resolved(month(9), date(2022, 9, 8)), "2022-09");
        assert_eq!(resolved(month(3), date(2022, 9, 8)), "2022-03");
        assert_eq!(resolved(month(12), date(2022, 9, 8)), "2021-12");
        assert_eq!(resolved(month(1), date(2022, 1, 31)), "2022-01");
    }

    #[test]
    fn a_month_without_year_just_ahead_of_publication_is_the_upcoming_one() {
        let november = Underspecified::MonthWithoutYear { month: 11 };
        assert_eq!(resolved(november.clone(), date(2022, 9, 8)), "2022-11");
        assert_eq!(resolved(november, date(2022, 8, 6)), "2021-11");
        let october = Underspecified::MonthWithoutYear { month: 10 };
        assert_eq!(resolved(october, date(2022, 9, 8)), "2022-10");
    }

    #[test]
    fn named_months_count_from_the_publication_month() {
        let named = |month, which| Underspecified::NamedMonth { month, which };
        let published = date(2022, 9, 8);
        let cases = [
            (11, Occurrence::Previous, "2021-11"),
            (8, Occurrence::Previous, "2022-08"),
            (9, Occurrence::Previous, "2021-09"),
            (11, Occurrence::Next, "2022-11"),
            (9, Occurrence::Next, "2023-09"),
            (3, Occurrence::Next, "2023-03"),
            (11, Occurrence::Current, "2022-11"),
            (9, Occurrence::MostRecent, "2022-09"),
        ];
        for (month, which, expected) in cases {
            assert_eq!(
                resolved(named(month, which), published),
                expected,
                "{month} {which:?}"
            );
        }
    }

    #[test]
    fn absolute_expressions_need_no_publication_date() {
        assert_eq!(
            resolve(&Underspecified::Year(2020), None).map(|i| i.to_string()),
            Some("2020".to_owned())
        );
        let sep_7 = Underspecified::Day {
            year: 2022,
            month: 9,
            day: 7,
        };
        assert_eq!(
            resolve(&sep_7, None).map(|i| i.to_string()),
            Some("2022-09-07".to_owned())
        );
    }

    #[test]
    fn relative_expressions_without_publication_date_are_unanchored() {
        let relative = [
            Underspecified::RelativeYear(-1),
            Underspecified::RelativeMonth(-1),
            Underspecified::RelativeWeek(-1),
            Underspecified::RelativeDay(-1),
            Underspecified::DayWithoutYear { month: 9, day: 4 },
            Underspecified::MonthWithoutYear { month: 11 },
            Underspecified::MonthInRelativeYear {
                month: 11,
                years: -1,
            },
            Underspecified::NamedMonth {
                month: 11,
                which: Occurrence::Previous,
            },
            Underspecified::Weekday {
                weekday: Weekday::Thu,
                which: Occurrence::MostRecent,
            },
        ];
        for expr in relative {
            assert_eq!(resolve(&expr, None), None, "{expr:?}");
        }
    }

    #[test]
    fn impossible_or_out_of_range_dates_do_not_resolve() {
        let published = Some(date(2022, 9, 8));
        let impossible = [
            Underspecified::Day {
                year: 2022,
                month: 2,
                day: 30,
            },
            Underspecified::Day {
                year: 2022,
                month: 9,
                day: 31,
            },
            Underspecified::Month {
                year: 2022,
                month: 13,
            },
            Underspecified::Year(99_999_999),
            Underspecified::RelativeYear(i32::MAX),
            Underspecified::RelativeYear(i32::MIN),
            Underspecified::RelativeMonth(i32::MAX),
            Underspecified::RelativeWeek(i32::MIN),
            Underspecified::RelativeDay(i32::MAX),
            Underspecified::MonthInRelativeYear {
                month: 11,
                years: i32::MAX,
            },
            Underspecified::DayWithoutYear { month: 2, day: 30 },
            Underspecified::MonthWithoutYear { month: 0 },
            Underspecified::Range {
                start: date(2022, 9, 8),
                end: date(2022, 9, 1),
                granularity: Granularity::Day,
            },
        ];
        for expr in impossible {
            assert_eq!(resolve(&expr, published), None, "{expr:?}");
        }
    }

    #[test]
    fn resolution_at_the_edges_of_the_calendar_does_not_panic() {
        for published in [NaiveDate::MIN, NaiveDate::MAX] {
            for offset in [-1, 0, 1] {
                let _ = resolve(&Underspecified::RelativeDay(offset), Some(published));
                let _ = resolve(&Underspecified::RelativeWeek(offset), Some(published));
                let _ = resolve(&Underspecified::RelativeMonth(offset), Some(published));
                let _ = resolve(&Underspecified::RelativeYear(offset), Some(published));
            }
            for which in [
                Occurrence::MostRecent,
                Occurrence::Previous,
                Occurrence::Next,
                Occurrence::Current,
            ] {
                let _ = resolve(
                    &Underspecified::Weekday {
                        weekday: Weekday::Sun,
                        which,
                    },
                    Some(published),
                );
                let _ = resolve(
                    &Underspecified::NamedMonth { month: 12, which },
                    Some(published),
                );
            }
            let _ = resolve(
                &Underspecified::DayWithoutYear { month: 2, day: 29 },
                Some(published),
            );
            let _ = resolve(
                &Underspecified::MonthWithoutYear { month: 1 },
                Some(published),
            );
        }
    }
}
