//! Every finding code the Rust code writes (`Finding::coded("code", [("param", …), …])`) is worded
//! in each of the UI's message catalogues as `finding.<code>`, with exactly the params as its
//! `{placeholders}`; and every `finding.*` message names a code the code still writes. The
//! desktop app words coded findings from those catalogues (ui/src/lib/finding-text.ts), so a
//! missing or misspelt one would show the English text, or a raw `{placeholder}`, to a Chinese
//! reader.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal starting at `text[0]` (a `"`), without escapes (codes and param names have none).
fn literal(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('"')?;
    rest.find('"').map(|end| &rest[..end])
}

/// The text of a call's arguments: from just after its `(` to its matching `)`, skipping strings.
fn arguments(text: &str) -> &str {
    let (mut depth, mut in_str, mut escaped) = (1, false, false);
    for (i, c) in text.char_indices() {
        match (in_str, c) {
            (true, '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (true, '"') if !escaped => in_str = false,
            (false, '"') => in_str = true,
            (false, '(' | '[') => depth += 1,
            (false, ')' | ']') => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
        escaped = false;
    }
    text
}

/// `[("file", …), ("section", …)]` → `{file, section}`: the first element of each pair.
fn param_names(args: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, _) in args.match_indices("(\"") {
        let before = args[..i].chars().next_back();
        if before.is_some_and(|c| c == '!' || c.is_alphanumeric()) {
            continue; // `format!("…")`, `Some("…")`: not a pair
        }
        let Some(name) = literal(&args[i + 1..]) else { continue };
        let after = &args[i + 1 + name.len() + 2..];
        if after.trim_start().starts_with(',') && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            names.insert(name.to_owned());
        }
    }
    names
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_alphanumeric() || c == '_') && close > 0 => {
                out.insert(after[..close].to_owned());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

#[test]
fn every_finding_code_is_worded_in_every_language_with_its_params() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    rust_files(&root().join("src-tauri/src"), &mut files);
    let mut coded: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sources = String::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        if file.ends_with("finding_codes.rs") {
            continue;
        }
        for (i, _) in text.match_indices(".coded(") {
            let args = arguments(&text[i + ".coded(".len()..]);
            let Some(code) = literal(args.trim_start()) else { continue }; // a variable: checked below by name
            let params = param_names(&args[args.find(code).unwrap() + code.len()..]);
            if let Some(earlier) = coded.insert(code.to_owned(), params.clone()) {
                assert_eq!(earlier, params, "{}: code {code} is written with different params elsewhere", file.display());
            }
        }
        sources.push_str(&text);
    }
    assert!(coded.len() > 20, "the scan found the coded findings ({} codes)", coded.len());

    for lang in ["en", "zh-Hans", "zh-Hant"] {
        let path = root().join(format!("ui/src/lib/i18n/{lang}.json"));
        let messages: BTreeMap<String, String> = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        for (code, params) in &coded {
            let key = format!("finding.{code}");
            let text = messages.get(&key).unwrap_or_else(|| panic!("{lang}.json has no {key}"));
            assert_eq!(&placeholders(text), params, "{lang}.json {key}: placeholders differ from the params the code writes");
        }
        for key in messages.keys().filter_map(|k| k.strip_prefix("finding.")) {
            assert!(sources.contains(&format!("\"{key}\"")), "{lang}.json has finding.{key}, which no code writes any more");
        }
    }
}

#[test]
fn the_scanner_reads_pairs_not_format_strings() {
    let args = arguments(r#""x", [("file", &a), ("max", &format!("{n}", n = 1)), ("sent", Some("y").unwrap())]).more()"#);
    assert_eq!(param_names(args), ["file", "max", "sent"].map(str::to_owned).into());
    assert_eq!(placeholders("{file} {a-b} {} {max}"), ["file", "max"].map(str::to_owned).into());
}
