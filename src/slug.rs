//! URL slugs: lowercase ASCII words joined by hyphens.
//!
//! German umlauts are transliterated the German way (ä → ae, ß → ss) before
//! everything else goes through `deunicode`, so "Südkorea" becomes `suedkorea`
//! and "Kyjiw" stays `kyjiw`.
//!
//! ```
//! assert_eq!(briefing::slug::slugify("Südkorea: Präsident Yoon"), "suedkorea-praesident-yoon");
//! ```

/// Longest slug produced from a title; longer titles are cut at a word boundary,
/// because file systems and URLs stay readable below this length.
pub const MAX_SLUG_LEN: usize = 80;

pub fn slugify(text: &str) -> String {
    let mut german = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ä' => german.push_str("ae"),
            'ö' => german.push_str("oe"),
            'ü' => german.push_str("ue"),
            'Ä' => german.push_str("Ae"),
            'Ö' => german.push_str("Oe"),
            'Ü' => german.push_str("Ue"),
            'ß' => german.push_str("ss"),
            _ => german.push(c),
        }
    }
    let ascii = deunicode::deunicode(&german).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    slug
}

/// Whether `s` is already a valid slug (what `slug:` in front matter must be).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_german_letters() {
        assert_eq!(slugify("Weißes Haus"), "weisses-haus");
        assert_eq!(slugify("Außenministerium"), "aussenministerium");
        assert_eq!(slugify("Über Öl"), "ueber-oel");
    }

    #[test]
    fn collapses_punctuation_and_keeps_digits() {
        assert_eq!(
            slugify("  G7-Treffen: \"Blinken\" (AP) "),
            "g7-treffen-blinken-ap"
        );
        assert_eq!(slugify("Kim Jong-un"), "kim-jong-un");
    }

    #[test]
    fn cuts_long_titles_at_a_word_boundary() {
        let slug = slugify(&"wort ".repeat(40));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(slug.ends_with("wort"));
    }

    #[test]
    fn validates_front_matter_slugs() {
        assert!(is_slug("blinken-seoul_2"));
        assert!(!is_slug("Blinken"));
        assert!(!is_slug("a/b"));
        assert!(!is_slug(""));
    }
}
