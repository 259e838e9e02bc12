//! Build step: the widget's stylesheet without its comments and runs of whitespace, for the wasm.
//! `src/ui/style.css` keeps its comments (they document the theme's custom properties); the copy in
//! the wasm does not need them, and they were a fifth of its bytes. Only comments and whitespace
//! next to `{`, `}` and `;` go, and runs of whitespace become one space, so selectors (`a :hover` is
//! not `a:hover`) and quoted strings keep their meaning.

use std::path::Path;

fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut minified = String::with_capacity(out.len());
    for word in words {
        let glued = minified.ends_with(['{', '}', ';']) || word.starts_with(['{', '}', ';']);
        if !minified.is_empty() && !glued {
            minified.push(' ');
        }
        minified.push_str(word);
    }
    minified
}

fn main() {
    println!("cargo:rerun-if-changed=src/ui/style.css");
    let css = std::fs::read_to_string("src/ui/style.css").expect("src/ui/style.css is readable");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("style.css");
    std::fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}
