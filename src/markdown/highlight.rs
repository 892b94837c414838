//! Code highlighting with syntect, as CSS classes (`hl-…`) so that the theme's
//! light and dark styles (`static/highlight.css`) both apply. syntect runs on
//! its pure-Rust regex engine (fancy-regex), so nothing needs a C compiler.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The light and dark syntect themes the default theme's CSS is made from.
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    escape_html_into(&mut out, text);
    out
}

/// [`escape_html`], appended to `out`.
pub fn escape_html_into(out: &mut String, text: &str) {
    let mut copied = 0;
    // Byte by byte: the five special characters are ASCII, so every cut is
    // on a character boundary, and plain runs are copied in one piece.
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

/// Renders a fenced code block; `lang` is the info string's first word.
pub fn code_block(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape_html(lang))
    };
    let body = match syntax {
        Some(syntax) => {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
            let highlighted = LinesWithEndings::from(code)
                .try_for_each(|line| generator.parse_html_for_line_which_includes_newline(line));
            match highlighted {
                Ok(()) => generator.finalize(),
                Err(_) => escape_html(code),
            }
        }
        None => escape_html(code),
    };
    format!("<pre class=\"code\"{lang_attr}><code>{body}</code></pre>\n")
}

/// The stylesheet for highlighted code: the light theme, and the dark theme
/// under `prefers-color-scheme: dark`. The default theme ships its output as
/// `static/highlight.css`.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes[LIGHT_THEME], CLASS_STYLE)
        .expect("the built-in light theme has CSS");
    let dark = css_for_theme_with_class_style(&themes.themes[DARK_THEME], CLASS_STYLE)
        .expect("the built-in dark theme has CSS");
    let dark_indented: String = dark
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("  {l}\n")
            }
        })
        .collect();
    format!(
        "/* Code highlighting: generated from syntect's {LIGHT_THEME} and {DARK_THEME} themes. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark_indented}}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = code_block("fn main() {}\n", "rust");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"));
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn escapes_unknown_languages() {
        let html = code_block("<script>x</script>\n", "nosuchlang");
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("hl-"));
    }

    #[test]
    fn escapes_the_five_special_characters_and_keeps_everything_else() {
        assert_eq!(
            escape_html(r#"Süd & "Nord" <b>'x'</b>"#),
            "Süd &amp; &quot;Nord&quot; &lt;b&gt;&#39;x&#39;&lt;/b&gt;"
        );
        assert_eq!(escape_html("plain – ümlaut"), "plain – ümlaut");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn shipped_stylesheet_matches_syntect() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/highlight.css"
        );
        let generated = stylesheet();
        if std::env::var_os("BRIEFING_UPDATE_HIGHLIGHT_CSS").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap();
        assert!(
            shipped == generated,
            "themes/default/static/highlight.css is stale; regenerate it with BRIEFING_UPDATE_HIGHLIGHT_CSS=1 cargo test shipped_stylesheet"
        );
    }
}
