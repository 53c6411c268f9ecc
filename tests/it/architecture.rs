//! The module map of ARCHITECTURE.md, enforced: imports between the library's top-level modules
//! run one way (down the layers below), and no function outside tests grows past 120 lines.
//! Reads `crate::<module>` paths in the source as text.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The library's top-level modules, from the top of the flow to the bottom. A module may import
/// only modules below it; the leaves at the bottom import nothing from the crate.
const LAYERS: &[&[&str]] =
    &[&["audit"], &["report"], &["results"], &["policy"], &["rules"], &["extract"], &["ingest"], &["error", "date", "numfmt"]];

const MAX_FN_LINES: usize = 120;

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The library's source files without test code: files named `*tests.rs` and every item marked
/// `#[cfg(test)]` ([`without_tests`]) are left out. The binary (main.rs, cli.rs, app/) uses the library by its
/// public paths and is checked by the compiler: nothing in the library may name it.
fn library_sources() -> Vec<(String, Vec<String>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut out = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if ["main", "cli", "app"].contains(&top.as_str()) || name.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<String> = without_tests(&text).iter().map(|l| l.split("//").next().unwrap_or("").to_string()).collect();
        out.push((format!("{}:{top}", rel.display()), lines));
    }
    out
}

/// A file's lines without its `#[cfg(test)]` items: the attribute, any attributes after it, and
/// the item (one line ending in `;`, or up to the `}` at the item's indent, as rustfmt writes it).
/// Code after a test module is kept (reading stopped at the first `#[cfg(test)]` once, and missed
/// whole files' worth of code below a test helper).
fn without_tests(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "#[cfg(test)]" {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        i += 1;
        while i < lines.len() && lines[i].trim_start().starts_with("#[") {
            i += 1;
        }
        let Some(item) = lines.get(i) else { break };
        let indent = &item[..item.len() - item.trim_start().len()];
        let opens = item.matches('{').count() > item.matches('}').count();
        if opens {
            let close = format!("{indent}}}");
            i = (i + 1..lines.len())
                .find(|&k| lines[k].starts_with(&close) && lines[k].trim_end().len() <= close.len() + 1)
                .unwrap_or(lines.len());
        } else {
            // A one-line item, or a signature that opens its body on a later line.
            while i < lines.len() && !lines[i].trim_end().ends_with(';') && !lines[i].contains('{') {
                i += 1;
            }
            if lines.get(i).is_some_and(|l| l.matches('{').count() > l.matches('}').count()) {
                let close = format!("{indent}}}");
                i = (i + 1..lines.len())
                    .find(|&k| lines[k].starts_with(&close) && lines[k].trim_end().len() <= close.len() + 1)
                    .unwrap_or(lines.len());
            }
        }
        i += 1;
    }
    out
}

/// The top-level modules a line names as `crate::<module>`, also inside `crate::{a::x, b::y}`.
fn imported(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    for (i, _) in line.match_indices("crate::") {
        let rest = &line[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            for part in group.split('}').next().unwrap_or("").split(',') {
                out.push(ident(part.trim()));
            }
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

#[test]
fn imports_run_one_way_down_the_layers() {
    let mut wrong = BTreeSet::new();
    for (file_and_top, lines) in library_sources() {
        let (file, top) = file_and_top.rsplit_once(':').unwrap();
        if top == "lib" {
            continue;
        }
        let Some(me) = rank(top) else {
            wrong.insert(format!("{file}: module `{top}` has no layer in tests/it/architecture.rs (and ARCHITECTURE.md)"));
            continue;
        };
        for (n, line) in lines.iter().enumerate() {
            for m in imported(line) {
                if m == top {
                    continue;
                }
                if rank(&m).is_none_or(|r| r <= me) {
                    wrong.insert(format!("{file}:{}: `{top}` imports `{m}`, which is not below it", n + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the module map (ARCHITECTURE.md):\n{}", wrong.into_iter().collect::<Vec<_>>().join("\n"));
}

/// Where a function starting at `lines[i]` ends: the first later line that is its indentation
/// followed by `}`. `None` for declarations without a body and one-line functions.
fn function_end(lines: &[String], i: usize) -> Option<usize> {
    let line = &lines[i];
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let mut words = trimmed.split_whitespace().peekable();
    while let Some(w) = words.peek() {
        if w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(w) {
            words.next();
        } else {
            break;
        }
    }
    if words.next() != Some("fn") {
        return None;
    }
    let mut sig = String::new();
    let mut j = i;
    while j < lines.len() {
        sig.push_str(&lines[j]);
        if sig.contains('{') || sig.contains(';') {
            break;
        }
        j += 1;
    }
    let (brace, semi) = (sig.find('{'), sig.find(';'));
    if brace.is_none() || semi.is_some_and(|s| Some(s) < brace) || sig.matches('{').count() == sig.matches('}').count() {
        return None;
    }
    let close = format!("{indent}}}");
    (i + 1..lines.len()).find(|&k| lines[k] == close)
}

#[test]
fn no_function_outside_tests_is_over_120_lines() {
    let mut long = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in files {
        if f.file_name().is_some_and(|n| n.to_string_lossy().ends_with("tests.rs")) {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let lines = without_tests(&text);
        for i in 0..lines.len() {
            if let Some(end) = function_end(&lines, i)
                && end - i + 1 > MAX_FN_LINES
            {
                long.push(format!("{}:{}: {} lines", f.strip_prefix(&src).unwrap().display(), i + 1, end - i + 1));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MAX_FN_LINES} lines (split them into named steps):\n{}", long.join("\n"));
}

#[test]
fn the_checks_see_what_they_should() {
    assert_eq!(imported("use crate::rules::{Finding, RuleId};"), ["rules"]);
    assert_eq!(imported("use crate::{date::Date, numfmt::num};"), ["date", "numfmt"]);
    assert_eq!(imported("let h = crate::numfmt::hex(&d);"), ["numfmt"]);
    let lines: Vec<String> = ["pub fn f(", "    x: u8,", ") -> u8 {", "    x", "}", "fn g() {}", "fn h();"].map(String::from).to_vec();
    assert_eq!(function_end(&lines, 0), Some(4));
    assert_eq!(function_end(&lines, 5), None);
    assert_eq!(function_end(&lines, 6), None);
    let text = "use a;\n#[cfg(test)]\nuse b;\n#[cfg(test)]\n#[derive(Debug)]\nmod t {\n    fn x() {}\n}\nfn after() {}\n#[cfg(test)]\nfn f(\n    x: u8,\n) {\n    g();\n}\nfn last() {}";
    assert_eq!(without_tests(text), ["use a;", "fn after() {}", "fn last() {}"]);
    assert!(rank("audit") < rank("report") && rank("report") < rank("results") && rank("rules") < rank("extract"));
}
