//! Embeds the default theme (`themes/default/`) into the binary, so that a site
//! made by `briefing init` builds without a theme folder. Generates a list of
//! `(relative path, bytes)` for every file under the theme's `templates/` and
//! `static/` folders.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !entry.file_name().to_string_lossy().starts_with('.') {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let theme = manifest.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut code = String::new();
    for (name, sub) in [("TEMPLATES", "templates"), ("STATIC", "static")] {
        let base = theme.join(sub);
        println!("cargo:rerun-if-changed={}", base.display());
        writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
        for file in files(&base) {
            println!("cargo:rerun-if-changed={}", file.display());
            let rel = file
                .strip_prefix(&base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                code,
                "    ({rel:?}, include_bytes!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    std::fs::write(out, code).unwrap();
}
