//! Charts drawn at build time as inline SVG: an entity's neighbourhood and
//! the site-wide network of the most named entities ([`graph`]), and the
//! articles per day, week, month or year of an entity or of the whole site
//! ([`timeline`]).
//!
//! The functions here take plain values (names, final URLs, counts, kinds)
//! and return an SVG string: they know nothing of the site model, so the
//! page builders in `pages` decide what a chart shows and these decide how
//! it looks. Every chart is deterministic (no randomness, coordinates
//! rounded to a tenth of a pixel), needs no JavaScript, and takes its
//! colours from the theme's stylesheet through CSS classes
//! (`node-person`, `bar`, …), so that dark mode and print follow the theme.
//! Every node and bar is a link with a `<title>` that names it.
//!
//! ```
//! use briefing::render::charts::timeline::{self, Bar, Labels};
//! let bars = [Bar { count: 2, period: "January 2025", count_label: "2 articles", axis: "January 2025", url: Some("/archive/#d-2025-01") }];
//! let labels = Labels { title: "Articles per month".into(), max: "2".into() };
//! let svg = timeline::svg(&bars, &labels);
//! assert!(svg.starts_with("<svg") && svg.contains("href=\"/archive/#d-2025-01\""));
//! ```

pub mod graph;
pub mod timeline;

/// An SVG drawing being written: text, escaped text and numbers pushed
/// straight into one string (a page has hundreds of numbers; going through
/// `format!` for each would cost more than the rest of the chart).
struct Svg(String);

impl Svg {
    fn with_capacity(bytes: usize) -> Svg {
        Svg(String::with_capacity(bytes))
    }

    /// Markup as written.
    fn raw(&mut self, markup: &str) -> &mut Svg {
        self.0.push_str(markup);
        self
    }

    /// Text for an element or an attribute, escaped as in HTML.
    fn text(&mut self, text: &str) -> &mut Svg {
        crate::markdown::escape_html_into(&mut self.0, text);
        self
    }

    /// A coordinate or length, rounded to a tenth and written without a
    /// trailing `.0`, so that output is short and the same from build to
    /// build.
    fn num(&mut self, value: f64) -> &mut Svg {
        let tenths = (value * 10.0).round() as i64;
        if tenths < 0 {
            self.0.push('-');
        }
        let tenths = tenths.unsigned_abs();
        self.int(tenths / 10);
        let tenth = (tenths % 10) as u8;
        if tenth != 0 {
            self.0.push('.');
            self.0.push(char::from(b'0' + tenth));
        }
        self
    }

    /// A whole number.
    fn int(&mut self, mut n: u64) -> &mut Svg {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0
            .push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
        self
    }

    fn finish(self) -> String {
        self.0
    }
}

/// A label shortened to `max` characters with an ellipsis, for names drawn
/// beside a node (the full name is in the node's `<title>`).
fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().nth(max).is_none() {
        return text.into();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out.into()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A number as the charts write it.
    pub(in crate::render::charts) fn num(value: f64) -> String {
        let mut svg = Svg::with_capacity(8);
        svg.num(value);
        svg.finish()
    }

    #[test]
    fn numbers_are_written_to_a_tenth_without_a_trailing_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.26), "-0.3");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(num(0.04), "0");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(1000.06), "1000.1");
    }

    #[test]
    fn text_is_escaped_as_in_html() {
        let mut svg = Svg::with_capacity(8);
        svg.text("A & \"B\" <C>'s");
        assert_eq!(svg.finish(), "A &amp; &quot;B&quot; &lt;C&gt;&#39;s");
    }

    #[test]
    fn a_long_label_is_cut_with_an_ellipsis() {
        assert_eq!(shorten("Vereinte Nationen", 30), "Vereinte Nationen");
        assert_eq!(
            shorten("Internationale Atomenergiebehörde", 12),
            "Internation…"
        );
        assert_eq!(shorten("Kim Jong Un ist hier", 12), "Kim Jong Un…");
    }
}
