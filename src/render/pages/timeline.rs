//! The timeline of a paginated list of articles (an entity's, the
//! archive's): its bars, labels and links, drawn by
//! [`crate::render::charts::timeline`].
//!
//! The chart is on the first page of the list. A bar links to the month
//! group of its period's newest article, on the page of the list that
//! shows that article: `#d-2025-03` on the first page, else
//! `/entities/x/page/3/#d-2025-01`. The
//! timeline reads only where the articles stand (their dates and places in
//! the list), which the site's layout key covers, not what they say.

use super::{lists, Reader};
use crate::content::PartialDate;
use crate::render::charts::timeline::{self, Bar, Labels, Unit};
use crate::render::context::{Timeline, TimelineBar};
use crate::site::urls::page_route;

/// The timeline of `list` (article indexes, newest first), a list paginated
/// at `route`; `None` when no article is dated.
pub(super) fn timeline(r: &Reader, list: &[usize], route: &str) -> Option<Timeline> {
    let pages = r.pages();
    let strings = pages.strings;
    let base = &pages.site.base;
    let per_page = pages.site.config.paginate.lists;
    let dates: Vec<Option<&PartialDate>> = list.iter().map(|&i| r.place(i).date).collect();
    let bins = timeline::bins(&dates)?;
    let unit = bins.unit;
    let last = bins.bins.len() - 1;
    // Per period: its row of the table, if it has articles, and its label
    // on the axis.
    let mut rows = Vec::new();
    let mut periods: Vec<(Option<usize>, String)> = Vec::with_capacity(bins.bins.len());
    for (i, bin) in bins.bins.iter().enumerate() {
        let end = i == 0 || i == last;
        let axis =
            if end || unit == Unit::Year || (unit == Unit::Month && bin.start.month == Some(1)) {
                axis_label(pages, &bin.start, unit, end)
            } else {
                String::new()
            };
        let Some(position) = bin.newest else {
            periods.push((None, axis));
            continue;
        };
        let date = strings.date(&bin.start);
        let period = match unit {
            Unit::Week => strings.text("week_of", &[("date", &date)]),
            _ => date,
        };
        let group = lists::group_id(dates[position].map(PartialDate::to_month).as_ref());
        let url = match position / per_page + 1 {
            // The chart is on the first page: a group there is a fragment
            // of it.
            1 => format!("#{group}"),
            page => format!("{}#{group}", base.href(&page_route(route, page))),
        };
        periods.push((Some(rows.len()), axis));
        rows.push(TimelineBar {
            period,
            count: bin.count,
            count_label: strings.count("article_count", bin.count),
            url,
        });
    }
    let bars: Vec<Bar> = periods
        .iter()
        .map(|(row, axis)| match row.map(|r| &rows[r]) {
            Some(row) => Bar {
                count: row.count,
                period: &row.period,
                count_label: &row.count_label,
                axis,
                url: Some(&row.url),
            },
            None => Bar {
                count: 0,
                period: "",
                count_label: "",
                axis,
                url: None,
            },
        })
        .collect();
    let title = strings
        .get(&format!("timeline_per_{}", unit.as_str()))
        .to_string();
    let max = bins.bins.iter().map(|b| b.count).max().unwrap_or(0);
    let labels = Labels {
        title: title.clone(),
        max: max.to_string(),
    };
    let svg = timeline::svg(&bars, &labels);
    Some(Timeline {
        svg,
        unit: unit.as_str(),
        title,
        bars: rows,
        left_out: (bins.left_out > 0).then(|| strings.count("timeline_left_out", bins.left_out)),
    })
}

/// The label under a period's bar: the whole date at the ends of the axis,
/// else the year (a January among months, or a year).
fn axis_label(pages: &super::Pages, start: &PartialDate, unit: Unit, end: bool) -> String {
    if end || matches!(unit, Unit::Day | Unit::Week) {
        pages.strings.date(start)
    } else {
        start.year.to_string()
    }
}
