//! A fuzzing loop on stable Rust: seed texts (real pastes, saved pages,
//! articles and entity files of the test fixtures) mutated at random and fed
//! to one stage at a time, counting panics and the slowest input.
//!
//! Targets: `front-matter` (article and entity files), `markdown` (Markdown
//! rendering with entity detection and people discovery), `paste` and `html`
//! (ingest). Mutations: byte and character flips, deletions, duplications,
//! splices of two seeds, and insertions of tokens that stress the parsers
//! (`---`, `[[`, `]]`, `|`, `{{`, YAML indicators, HTML tags, entities,
//! invalid UTF-8 repaired lossily, long runs, combining marks, right-to-left
//! marks). Inputs come from [`Rng::for_item`], so a run is the same for the
//! same seed; a panicking input is written out to replay it.
//!
//! `cargo run --release --example fuzz -- --inputs 1000000` runs every
//! target; `tests/fuzz.rs` runs a short version in `cargo test`.

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::rng::Rng;
use crate::config::{Language, LinkPolicy};
use crate::entities::{discover, Registry, RegistryOptions};

/// One stage under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    FrontMatter,
    Markdown,
    Paste,
    Html,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::FrontMatter,
        Target::Markdown,
        Target::Paste,
        Target::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::FrontMatter => "front-matter",
            Target::Markdown => "markdown",
            Target::Paste => "paste",
            Target::Html => "html",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What a run found.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub target: Target,
    pub inputs: usize,
    pub bytes: usize,
    pub elapsed: Duration,
    /// Inputs that panicked, with the panic message.
    pub panics: Vec<(String, String)>,
    /// The slowest input's time, and its name (`<target>-<index>`).
    pub slowest: Duration,
    pub slowest_input: String,
}

/// One input tried: its length, time, panic (name and message), index.
type Tried = (usize, Duration, Option<(String, String)>, u64);

/// Tokens inserted by the mutator.
const TOKENS: &[&str] = &[
    "---\n",
    "---",
    "\n---\n",
    "[[",
    "]]",
    "|",
    "[[Nordkorea|",
    "{{",
    "}}",
    ": ",
    "- ",
    "? ",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "\"",
    "'",
    "\n\n",
    "\r\n",
    "\t",
    "#",
    "## ",
    "> ",
    "```\n",
    "<script>",
    "</script>",
    "<iframe src=x>",
    "<a href=\"javascript:x\">",
    "<img src=x onerror=y>",
    "&amp;",
    "&#x0;",
    "&#9999999;",
    "\u{0}",
    "\u{feff}",
    "\u{200f}",
    "\u{301}\u{301}\u{301}",
    "İ",
    "ß",
    "ǅ",
    "ﬃ",
    "😀",
    "title: ",
    "date: ",
    "tags: ",
    "aliases: [",
    "kind: person\n",
    "name: ",
    "Foto: ",
    "Von ",
    "Stand: 12.05.2025 01:51 Uhr",
    "(dpa) - ",
    "WASHINGTON (AP) —",
    "[^1]",
    "[^1]: ",
    "| a | b |\n|---|---|\n",
    "- [x] ",
    "~~",
    "\\",
    "<!--",
    "-->",
    "<![CDATA[",
    "Präsident ",
    "Außenminister ",
    "Herr ",
    "Sen. ",
    "in ",
    "der ",
    "von ",
    "Gaza-Krieg",
];

/// The seed texts: every text fixture under `tests/fixtures` and the demo's
/// content, read from `root` (the repository).
pub fn seeds(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "content"] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    let mut texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .filter(|t| !t.is_empty() && t.len() < 200_000)
        .collect();
    texts.dedup();
    texts
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|x| ["md", "txt", "html", "yaml"].iter().any(|k| x == *k))
        {
            out.push(path);
        }
    }
}

/// Input `index` of a run: a seed (or a piece of one) with 1 to 8 mutations.
pub fn input(seeds: &[String], seed: u64, index: u64) -> String {
    let mut rng = Rng::for_item(seed, 0xF022, index);
    let base = rng.pick(seeds);
    // Mostly a window of the seed, so that inputs stay small and many.
    let mut bytes: Vec<u8> = if base.len() > 600 && rng.percent(80) {
        let len = rng.between(50, 600);
        let start = rng.below(base.len() - len);
        base.as_bytes()[start..start + len].to_vec()
    } else {
        base.as_bytes().to_vec()
    };
    for _ in 0..rng.between(1, 8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if !bytes.is_empty() => {
                let end = (at + rng.between(1, 40)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 if !bytes.is_empty() => {
                let end = (at + rng.between(1, 80)).min(bytes.len());
                let piece = bytes[at.min(end)..end].to_vec();
                let times = rng.between(1, 50);
                for _ in 0..times {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            3 => {
                let other = rng.pick(seeds).as_bytes();
                let from = rng.below(other.len());
                let end = (from + rng.between(1, 300)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            4 => {
                let run = [b' ', b'\n', b'-', b'.', b'[', b'a'][rng.below(6)];
                let n = rng.between(1, 3000);
                bytes.splice(at..at, std::iter::repeat_n(run, n));
            }
            _ => {
                let token = rng.pick(TOKENS).as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs `inputs` inputs through `target`, in parallel; a panicking input is
/// written to `failures` (when given) as `<target>-<index>.txt`.
pub fn run(
    target: Target,
    seeds: &[String],
    seed: u64,
    inputs: usize,
    failures: Option<&Path>,
) -> Outcome {
    let registry = Registry::new(
        &[],
        &RegistryOptions {
            gazetteer: true,
            language: Language::De,
        },
    )
    .0;
    let urls: Vec<String> = (0..registry.len()).map(|i| format!("/e/{i}/")).collect();
    // Panics are counted, not printed.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    let results: Vec<Tried> = (0..inputs as u64)
        .into_par_iter()
        .map(|index| {
            let text = input(seeds, seed, index);
            let began = Instant::now();
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                exercise(target, &text, &registry, &urls);
            }));
            let took = began.elapsed();
            let failure = result.err().map(|e| {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panic".into());
                if let Some(dir) = failures {
                    let _ = std::fs::create_dir_all(dir);
                    let _ =
                        std::fs::write(dir.join(format!("{}-{index}.txt", target.name())), &text);
                }
                (format!("{}-{index}", target.name()), message)
            });
            // An input slower than a second is kept to replay, as a panic is.
            if took > Duration::from_secs(1) {
                if let Some(dir) = failures {
                    let _ = std::fs::create_dir_all(dir);
                    let _ = std::fs::write(
                        dir.join(format!("{}-{index}-slow.txt", target.name())),
                        &text,
                    );
                }
            }
            (text.len(), took, failure, index)
        })
        .collect();
    let elapsed = start.elapsed();
    panic::set_hook(hook);
    Outcome {
        target,
        inputs,
        bytes: results.iter().map(|r| r.0).sum(),
        elapsed,
        slowest: results.iter().map(|r| r.1).max().unwrap_or_default(),
        slowest_input: results
            .iter()
            .max_by_key(|r| r.1)
            .map(|r| format!("{}-{}", target.name(), r.3))
            .unwrap_or_default(),
        panics: results.into_iter().filter_map(|r| r.2).collect(),
    }
}

/// One input through one stage.
fn exercise(target: Target, text: &str, registry: &Registry, urls: &[String]) {
    match target {
        Target::FrontMatter => {
            let _ = crate::content::parse_article(Path::new("content/articles/fuzz.md"), text);
            let _ = crate::content::parse_entity(Path::new("content/entities/fuzz.md"), text);
        }
        Target::Markdown => {
            let html = crate::markdown::Html::default();
            let blocks: Vec<&str> = text.split("\n\n").collect();
            let found = discover::find(&blocks, "de");
            let mut people = discover::People::default();
            people.add(&found);
            let linker = crate::markdown::Linker {
                registry,
                urls,
                policy: LinkPolicy::First,
                no_link: HashSet::new(),
                language: "de",
                metonyms_to_country: false,
                has_page: None,
                html: &html,
            };
            let input = crate::markdown::Input {
                path: Path::new("content/articles/fuzz.md"),
                body: text,
                body_line: 1,
                body_offset: 0,
            };
            let _ = crate::markdown::render(&input, &linker);
            let _ = crate::sentences::split(text);
        }
        Target::Paste => {
            let _ = crate::ingest::convert_text("fuzz.txt", text, crate::ingest::Kind::Text, None);
        }
        Target::Html => {
            let _ = crate::ingest::convert_text("fuzz.html", text, crate::ingest::Kind::Html, None);
        }
    }
}
