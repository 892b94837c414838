//! A bar chart of articles over time: [`bins`] counts a list's articles per
//! period, and [`svg`] draws the bars.
//!
//! The period ([`Unit`]) follows the span of the dates: days when it is
//! under three weeks, weeks (from Monday) under three months, months up to
//! ten years, years beyond. A date known less precisely than the unit (a
//! `2025` among months, a `2025-01` among weeks) has no bar to go in: it is
//! left out and counted ([`Bins::left_out`]), as are undated articles, and
//! the unit falls back to months when weeks would leave anything out. The
//! periods between the first and the last are all there, empty ones
//! included, so that the axis is linear in time.

use chrono::{Datelike, NaiveDate};

use super::Svg;
use crate::content::{PartialDate, Precision};

/// Below this many days from the first date to the last, a bar per day.
pub const DAYS_BELOW: i64 = 21;
/// Below this many days (three months), a bar per week.
pub const WEEKS_BELOW: i64 = 91;
/// Up to this many months (ten years), a bar per month; beyond, a bar would
/// be narrower than 6 px on a 720 px chart, so a bar per year.
pub const MONTHS_UP_TO: i64 = 120;

/// The period of one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// One period with the articles dated in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    /// The first day of the period (a Monday for weeks), at the unit's
    /// precision: `2025-01-06`, `2025-01` or `2025`.
    pub start: PartialDate,
    pub count: usize,
    /// The position in the list of the first (newest) article of the
    /// period, if it has any.
    pub newest: Option<usize>,
}

/// Every period from the first date of a list to the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bins {
    pub unit: Unit,
    /// Oldest first.
    pub bins: Vec<Bin>,
    /// Articles in no bar: undated, or dated less precisely than the unit.
    pub left_out: usize,
}

/// The days (counted from the Common Era) a date covers, first and last.
fn days_of(date: &PartialDate) -> Option<(i64, i64)> {
    let day = |m: u8, d: u8| {
        NaiveDate::from_ymd_opt(date.year, m.into(), d.into())
            .map(|n| i64::from(n.num_days_from_ce()))
    };
    let (first, last) = match (date.month, date.day) {
        (Some(m), Some(d)) => (day(m, d)?, day(m, d)?),
        (Some(m), None) => (
            day(m, 1)?,
            day(m, crate::content::date::days_in_month(date.year, m))?,
        ),
        _ => (day(1, 1)?, day(12, 31)?),
    };
    Some((first, last))
}

fn month_key(year: i32, month: u8) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// The bin key of a date for `unit`, if the date is precise enough.
fn key(date: &PartialDate, unit: Unit) -> Option<i64> {
    match unit {
        Unit::Year => Some(i64::from(date.year)),
        Unit::Month => date.month.map(|m| month_key(date.year, m)),
        Unit::Day | Unit::Week => {
            date.day?;
            let (day, _) = days_of(date)?;
            Some(match unit {
                Unit::Week => day - monday_offset(day),
                _ => day,
            })
        }
    }
}

/// Days since the Monday of the week of `day` (counted from the Common Era,
/// where day 1 is Monday, January 1 of year 1).
fn monday_offset(day: i64) -> i64 {
    (day - 1).rem_euclid(7)
}

/// The first day of the bin `key` of `unit`, as a date.
fn start_of(key: i64, unit: Unit) -> PartialDate {
    match unit {
        Unit::Year => PartialDate::year(key as i32),
        Unit::Month => {
            let (year, month) = (key.div_euclid(12) as i32, (key.rem_euclid(12) + 1) as u8);
            PartialDate::new(year, Some(month), None).expect("a month from 1 to 12")
        }
        Unit::Day | Unit::Week => {
            let day = NaiveDate::from_num_days_from_ce_opt(key as i32).expect("a day of a date");
            PartialDate::new(day.year(), Some(day.month() as u8), Some(day.day() as u8))
                .expect("a valid day")
        }
    }
}

/// How far one bin is from the next.
fn step(unit: Unit) -> i64 {
    match unit {
        Unit::Week => 7,
        _ => 1,
    }
}

/// The unit for dates spanning `span` days and `months` calendar months,
/// where `all_days` says whether every date is known to the day.
fn unit_of(span: i64, months: i64, all_days: bool, any_month: bool) -> Unit {
    if all_days && span < DAYS_BELOW {
        Unit::Day
    } else if all_days && span < WEEKS_BELOW {
        Unit::Week
    } else if any_month && months <= MONTHS_UP_TO {
        Unit::Month
    } else {
        Unit::Year
    }
}

/// The articles of a list (their dates, in list order, newest first) per
/// period; `None` when no article has a date.
pub fn bins(dates: &[Option<&PartialDate>]) -> Option<Bins> {
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    let (mut first_month, mut last_month) = (i64::MAX, i64::MIN);
    let mut all_days = true;
    let mut any_month = false;
    for date in dates.iter().flatten() {
        let Some((start, end)) = days_of(date) else {
            continue;
        };
        first = first.min(start);
        last = last.max(end);
        let (start_month, end_month) = match date.month {
            Some(m) => (month_key(date.year, m), month_key(date.year, m)),
            None => (month_key(date.year, 1), month_key(date.year, 12)),
        };
        first_month = first_month.min(start_month);
        last_month = last_month.max(end_month);
        all_days &= date.precision() >= Precision::Day;
        any_month |= date.month.is_some();
    }
    if first > last {
        return None;
    }
    let unit = unit_of(
        last - first + 1,
        last_month - first_month + 1,
        all_days,
        any_month,
    );
    let keys: Vec<Option<i64>> = dates.iter().map(|d| d.and_then(|d| key(d, unit))).collect();
    let (low, high) = keys
        .iter()
        .flatten()
        .fold((i64::MAX, i64::MIN), |(l, h), &k| (l.min(k), h.max(k)));
    let mut bins: Vec<Bin> = (0..=(high - low) / step(unit))
        .map(|i| Bin {
            start: start_of(low + i * step(unit), unit),
            count: 0,
            newest: None,
        })
        .collect();
    let mut left_out = 0;
    for (position, k) in keys.iter().enumerate() {
        match k {
            Some(k) => {
                let bin = &mut bins[((k - low) / step(unit)) as usize];
                bin.count += 1;
                bin.newest.get_or_insert(position);
            }
            None => left_out += 1,
        }
    }
    Some(Bins {
        unit,
        bins,
        left_out,
    })
}

/// One bar to draw; its `<title>` says "{period}: {count_label}"
/// ("January 2025: 3 articles").
#[derive(Debug, Clone)]
pub struct Bar<'a> {
    pub count: usize,
    pub period: &'a str,
    pub count_label: &'a str,
    /// The label under the bar, or empty for none; labels that would
    /// overlap the one before (or the last) are not drawn.
    pub axis: &'a str,
    /// Where the bar links to.
    pub url: Option<&'a str>,
}

/// The texts of a chart.
#[derive(Debug, Clone)]
pub struct Labels {
    /// The chart's `<title>`: "Articles per month".
    pub title: String,
    /// The label of the top of the scale: the largest count.
    pub max: String,
}

/// The drawing's size in user units (CSS pixels at full width).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 150.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = WIDTH - 8.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 122.0;
const AXIS_BASELINE: f64 = 140.0;
/// The widest a bar's slot gets, so that three bars do not fill the chart.
const SLOT_MAX: f64 = 60.0;
/// The average width of a character of an axis label (11 px sans-serif;
/// DejaVu Sans, the widest common default, averages 6.9 px), to keep
/// labels apart and inside the chart without measuring text.
const CHAR_WIDTH: f64 = 7.0;

/// The chart of `bars` (oldest first), every bar a link with a `<title>`.
pub fn svg(bars: &[Bar], labels: &Labels) -> String {
    let mut svg = Svg::with_capacity(400 + bars.len() * 200);
    svg.raw("<svg class=\"chart timeline-chart\" viewBox=\"0 0 ")
        .num(WIDTH)
        .raw(" ")
        .num(HEIGHT)
        .raw("\" width=\"")
        .num(WIDTH)
        .raw("\" height=\"")
        .num(HEIGHT)
        .raw("\"><title>")
        .text(&labels.title)
        .raw("</title>");
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let slot = ((RIGHT - LEFT) / bars.len().max(1) as f64).min(SLOT_MAX);
    // Few bars are centred; many fill the width.
    let start = LEFT + ((RIGHT - LEFT) - slot * bars.len() as f64) / 2.0;
    let bar_width = if slot >= 4.0 { slot * 0.8 } else { slot };
    svg.raw("<line class=\"grid\" x1=\"")
        .num(LEFT)
        .raw("\" y1=\"")
        .num(TOP)
        .raw("\" x2=\"")
        .num(RIGHT)
        .raw("\" y2=\"")
        .num(TOP)
        .raw("\"/><text class=\"chart-label\" x=\"")
        .num(LEFT - 5.0)
        .raw("\" y=\"")
        .num(TOP + 4.0)
        .raw("\" text-anchor=\"end\">")
        .text(&labels.max)
        .raw("</text><line class=\"axis\" x1=\"")
        .num(LEFT)
        .raw("\" y1=\"")
        .num(BOTTOM)
        .raw("\" x2=\"")
        .num(RIGHT)
        .raw("\" y2=\"")
        .num(BOTTOM)
        .raw("\"/>");
    for (i, bar) in bars.iter().enumerate() {
        if bar.count == 0 {
            continue;
        }
        let x = start + slot * i as f64;
        let height = ((bar.count as f64 / max) * (BOTTOM - TOP)).max(1.5);
        match bar.url {
            Some(url) => svg.raw("<a href=\"").text(url).raw("\">"),
            None => svg.raw("<g>"),
        };
        // A transparent rectangle of the slot's full height under the bar,
        // so that a low bar is as easy to point at as a high one. Both are
        // paths: two attributes where a rectangle has five, on a page that
        // may have a hundred bars.
        svg.raw("<title>")
            .text(bar.period)
            .raw(": ")
            .text(bar.count_label)
            .raw("</title>");
        rectangle(&mut svg, x, TOP, slot, BOTTOM - TOP);
        svg.raw(" fill-opacity=\"0\"/>");
        rectangle(
            &mut svg,
            x + (slot - bar_width) / 2.0,
            BOTTOM - height,
            bar_width,
            height,
        );
        svg.raw(" class=\"bar\"/>")
            .raw(if bar.url.is_some() { "</a>" } else { "</g>" });
    }
    axis_labels(&mut svg, bars, start, slot);
    svg.raw("</svg>");
    svg.finish()
}

/// The opening of a path drawing a rectangle: `<path d="M… h… v… h… z"`.
fn rectangle(svg: &mut Svg, x: f64, y: f64, width: f64, height: f64) {
    svg.raw("<path d=\"M")
        .num(x)
        .raw(" ")
        .num(y)
        .raw("h")
        .num(width)
        .raw("v")
        .num(height)
        .raw("h")
        .num(-width)
        .raw("z\"");
}

/// The labels under the bars: the first and the last always, those
/// between where they fit.
fn axis_labels(svg: &mut Svg, bars: &[Bar], start: f64, slot: f64) {
    let width = |text: &str| text.chars().count() as f64 * CHAR_WIDTH;
    // A label starts at its bar, moved left where it would run off the
    // right edge.
    let place = |i: usize| {
        let text = bars[i].axis;
        let x = (start + slot * i as f64).min(WIDTH - 2.0 - width(text));
        (x, x + width(text))
    };
    let labelled: Vec<usize> = (0..bars.len())
        .filter(|&i| !bars[i].axis.is_empty())
        .collect();
    let last = labelled.last().map(|&i| place(i));
    let mut end = f64::MIN;
    for (n, &i) in labelled.iter().enumerate() {
        let (x, to) = place(i);
        let is_last = n + 1 == labelled.len();
        let clashes = x < end + 8.0 || (!is_last && last.is_some_and(|(lx, _)| to + 8.0 > lx));
        if clashes && n > 0 {
            continue;
        }
        svg.raw("<text class=\"chart-label\" x=\"")
            .num(x)
            .raw("\" y=\"")
            .num(AXIS_BASELINE)
            .raw("\">")
            .text(bars[i].axis)
            .raw("</text>");
        end = to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[&str]) -> Vec<PartialDate> {
        list.iter().map(|d| d.parse().unwrap()).collect()
    }

    fn bins_of(list: &[&str]) -> Bins {
        let owned = dates(list);
        let refs: Vec<Option<&PartialDate>> = owned.iter().map(Some).collect();
        bins(&refs).expect("dated articles")
    }

    fn starts(b: &Bins) -> Vec<String> {
        b.bins.iter().map(|b| b.start.to_string()).collect()
    }

    fn counts(b: &Bins) -> Vec<usize> {
        b.bins.iter().map(|b| b.count).collect()
    }

    #[test]
    fn a_timeline_uses_days_within_three_weeks() {
        let b = bins_of(&["2025-01-24", "2025-01-22", "2025-01-22"]);
        assert_eq!(b.unit, Unit::Day);
        assert_eq!(starts(&b), ["2025-01-22", "2025-01-23", "2025-01-24"]);
        assert_eq!(counts(&b), [2, 0, 1]);
    }

    #[test]
    fn a_timeline_uses_weeks_when_the_span_is_short() {
        // Monday 2025-01-06 to Monday 2025-02-17: seven weeks.
        let b = bins_of(&["2025-02-19", "2025-01-31", "2025-01-08"]);
        assert_eq!(b.unit, Unit::Week);
        assert_eq!(b.bins.first().unwrap().start.to_string(), "2025-01-06");
        assert_eq!(b.bins.last().unwrap().start.to_string(), "2025-02-17");
        assert_eq!(counts(&b), [1, 0, 0, 1, 0, 0, 1]);
    }

    #[test]
    fn a_timeline_uses_months_past_three_months() {
        let b = bins_of(&["2025-06-01", "2025-01-24T12:30:00+01:00"]);
        assert_eq!(b.unit, Unit::Month);
        assert_eq!(starts(&b)[0], "2025-01");
        assert_eq!(b.bins.len(), 6);
        assert_eq!(counts(&b), [1, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn a_timeline_falls_back_to_months_when_a_date_has_no_day() {
        let b = bins_of(&["2025-01-24", "2025-01"]);
        assert_eq!(b.unit, Unit::Month);
        assert_eq!(counts(&b), [2]);
        assert_eq!(b.left_out, 0);
    }

    #[test]
    fn a_timeline_leaves_out_dates_less_precise_than_its_unit() {
        let owned = dates(&["2025-03-02", "2025", "2024-12-31"]);
        let refs = vec![Some(&owned[0]), Some(&owned[1]), None, Some(&owned[2])];
        let b = bins(&refs).unwrap();
        assert_eq!(b.unit, Unit::Month);
        assert_eq!(starts(&b), ["2024-12", "2025-01", "2025-02", "2025-03"]);
        assert_eq!(counts(&b), [1, 0, 0, 1]);
        assert_eq!(b.left_out, 2, "the year-only and the undated article");
    }

    #[test]
    fn a_timeline_uses_years_past_ten_years_of_months() {
        let b = bins_of(&["2025-01", "2014-12-01"]);
        assert_eq!(b.unit, Unit::Year);
        assert_eq!(b.bins.len(), 12);
        let b = bins_of(&["2025"]);
        assert_eq!(b.unit, Unit::Year, "only years are known");
        assert_eq!(counts(&b), [1]);
    }

    #[test]
    fn a_bin_points_at_its_newest_article() {
        let b = bins_of(&["2025-05-02", "2025-01-24", "2025-01-02"]);
        assert_eq!(
            b.bins.iter().map(|b| b.newest).collect::<Vec<_>>(),
            [Some(1), None, None, None, Some(0)]
        );
    }

    #[test]
    fn a_timeline_of_undated_articles_is_none() {
        assert_eq!(bins(&[None, None]), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2025-01-06 is a Monday, 2025-01-12 a Sunday.
        let monday = key(&"2025-01-06".parse().unwrap(), Unit::Day).unwrap();
        assert_eq!(monday_offset(monday), 0);
        assert_eq!(monday_offset(monday + 6), 6);
        assert_eq!(
            key(&"2025-01-12".parse().unwrap(), Unit::Week),
            Some(monday)
        );
    }

    fn bar<'a>(count: usize, axis: &'a str, url: Option<&'a str>) -> Bar<'a> {
        Bar {
            count,
            period: axis,
            count_label: "n",
            axis,
            url,
        }
    }

    #[test]
    fn every_bar_with_articles_links_to_its_group_with_a_title() {
        let bars = [
            bar(3, "January 2025", Some("/archive/#d-2025-01")),
            bar(0, "", None),
            bar(1, "", Some("/archive/page/2/#d-2025-03")),
        ];
        let labels = Labels {
            title: "Articles per month".into(),
            max: "3".into(),
        };
        let svg = svg(&bars, &labels);
        assert!(svg.starts_with("<svg class=\"chart timeline-chart\""));
        assert!(svg.contains("<title>Articles per month</title>"));
        assert_eq!(
            svg.matches("<a href=").count(),
            2,
            "no link for an empty bar"
        );
        assert!(svg.contains("<a href=\"/archive/page/2/#d-2025-03\"><title>: n</title>"));
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
        assert!(
            svg.contains("<path d=\"M287 14h48v108h-48z\" class=\"bar\"/>"),
            "{svg}"
        );
    }

    #[test]
    fn axis_labels_that_would_overlap_are_left_out() {
        let names: Vec<String> = (0..60).map(|i| format!("Label {i}")).collect();
        let bars: Vec<Bar> = names.iter().map(|name| bar(1, name, None)).collect();
        let labels = Labels {
            title: String::new(),
            max: "1".into(),
        };
        let svg = svg(&bars, &labels);
        let drawn = svg.matches("<text class=\"chart-label\" x=").count() - 1;
        assert!(drawn > 2 && drawn < 20, "{drawn} labels");
        assert!(svg.contains(">Label 0<") && svg.contains(">Label 59<"));
    }
}
