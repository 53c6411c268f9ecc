//! The repository's documentation cannot drift from the binary, and stands alone.
//!
//! - A block between `<!-- generated: k2d3-audit ARGS -->` and `<!-- end generated -->`, each at
//!   the start of a line, in any Markdown file of the repository holds, in a fenced block, exactly
//!   what `k2d3-audit ARGS` prints (docs/POLICY.md: `explain` and `policy show`).
//! - docs/rules.md is generated whole: every rule's `explain RULE-ID`, and `explain grades`.
//! - docs/POLICY.md's rule table names every rule `explain` lists, and no other.
//! - No document or comment points outside the repository, and relative Markdown links resolve.
//!
//! After a change to the rules, the policy or their texts, regenerate with one command and commit:
//!     UPDATE_DOCS=1 cargo test --test it docs::


use std::path::{Path, PathBuf};

use crate::common::*;

const BEGIN: &str = "<!-- generated: k2d3-audit ";
const END: &str = "<!-- end generated -->";

fn updating() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1")
}

/// What the binary prints for these arguments (it must succeed).
fn output_of(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "k2d3-audit {args:?}: {}", stderr(&o));
    stdout(&o)
}

/// Every tracked-looking text file of the repository with one of these extensions, sorted.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            // Build output, run output, committed sample reports and VCS data are not documentation.
            if !["target", "reports", "samples", ".git", "bench-data"].contains(&name.as_str()) {
                files(&p, exts, out);
            }
        } else if exts.iter().any(|x| name.ends_with(x)) {
            out.push(p);
        }
    }
}

fn markdown_files() -> Vec<PathBuf> {
    let mut v = Vec::new();
    files(&root(), &[".md"], &mut v);
    v
}

/// `text` with every generated block refreshed from the binary's output.
fn regenerate(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    // A marker counts at the start of a line only (a mention in running text is not one).
    let line_begin = format!("\n{BEGIN}");
    while let Some(at) = rest.find(&line_begin).map(|i| i + 1) {
        let head_end = at + rest[at..].find("-->").expect("an unterminated generated marker") + 3;
        let args: Vec<&str> = rest[at + BEGIN.len()..head_end - 3].split_whitespace().collect();
        let end = head_end + rest[head_end..].find(END).unwrap_or_else(|| panic!("no {END} after {BEGIN}{}", args.join(" ")));
        let block = &rest[head_end..end];
        // Keep the fence's language: ```toml, ```text.
        let fence = block.trim_start().lines().next().filter(|l| l.starts_with("```")).unwrap_or("```text");
        out.push_str(&rest[..head_end]);
        let mut printed = output_of(&args);
        if !printed.ends_with('\n') {
            printed.push('\n');
        }
        out.push_str(&format!("\n{fence}\n{printed}```\n"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Checks a generated file, or rewrites it under UPDATE_DOCS=1.
fn check_or_update(path: &Path, fresh: &str) {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    if old == fresh {
        return;
    }
    if updating() {
        std::fs::write(path, fresh).unwrap();
    } else {
        let rel = path.strip_prefix(root()).unwrap_or(path).display();
        let line = old.lines().zip(fresh.lines()).position(|(a, b)| a != b).unwrap_or(old.lines().count().min(fresh.lines().count()));
        panic!(
            "{rel} differs from what k2d3-audit prints (first at line {}): regenerate with `UPDATE_DOCS=1 cargo test --test it docs::` and commit",
            line + 1
        );
    }
}

#[test]
fn generated_blocks_match_the_binary() {
    let mut seen = 0;
    for path in markdown_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains(&format!("\n{BEGIN}")) {
            seen += 1;
            check_or_update(&path, &regenerate(&text));
        }
    }
    assert!(seen > 0, "no generated block found: docs/POLICY.md should hold `explain` and `policy show`");
}

/// `FORM-K2-MK7`: upper-case words joined by `-`.
fn is_rule_id(s: &str) -> bool {
    s.contains('-')
        && s.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        && s.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The rule ids `explain` lists, in its order.
fn rule_ids() -> Vec<String> {
    output_of(&["explain"])
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|id| is_rule_id(id))
        .map(String::from)
        .collect()
}

#[test]
fn rules_md_is_every_rule_explained() {
    let ids = rule_ids();
    assert!(ids.len() >= 10, "explain lists too few rules: {ids:?}");
    let mut md = String::from(
        "# The rules, as `k2d3-audit explain` gives them\n\n\
         Generated from the binary by `UPDATE_DOCS=1 cargo test --test it docs::`: do not edit by hand. The\n\
         thresholds are those of the built-in policy ([POLICY.md](POLICY.md)); `k2d3-audit explain RULE-ID\n\
         --policy FILE` shows them for another policy.\n\n## Every rule, by criterion\n\n```text\n",
    );
    md.push_str(&output_of(&["explain"]));
    md.push_str("```\n");
    for id in ids.iter().map(String::as_str).chain(["grades"]) {
        md.push_str(&format!("\n## {id}\n\n```text\n{}```\n", output_of(&["explain", id])));
    }
    check_or_update(&root().join("docs/rules.md"), &md);
}

#[test]
fn policy_md_rule_table_names_every_rule() {
    let text = std::fs::read_to_string(root().join("docs/POLICY.md")).unwrap();
    let start = text.find("\n## Rules").expect("docs/POLICY.md has a \"## Rules\" section");
    let section = &text[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut in_table: Vec<String> = section
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(2))
        .map(|cell| cell.trim().trim_matches('`').to_string())
        .filter(|id| is_rule_id(id))
        .collect();
    in_table.sort();
    in_table.dedup();
    let mut ids = rule_ids();
    ids.sort();
    assert_eq!(in_table, ids, "docs/POLICY.md's rule table and `k2d3-audit explain` name different rules");
}

#[test]
fn documents_point_only_inside_the_repository() {
    // Split so that this file does not match itself.
    let outside =
        [["..", "/shared"].concat(), ["/work", "/shared"].concat(), ["shared", "/POLICY.md"].concat(), ["shared", "/SPEC.md"].concat()];
    let mut all = Vec::new();
    files(&root(), &[".md", ".rs", ".toml", ".sh", ".py", ".yml", ".yaml", "run"], &mut all);
    for path in &all {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for o in &outside {
            assert!(!text.contains(o.as_str()), "{} refers to {o}, which is not in the repository", path.display());
        }
    }
    // Relative links in Markdown resolve to a file or folder of the repository.
    for path in markdown_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("](") {
            let target = &text[i + 2..];
            let Some(end) = target.find(')') else { continue };
            let target = target[..end].split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = path.parent().unwrap().join(target);
            assert!(resolved.exists(), "{}: the link ({target}) leads nowhere", path.display());
        }
    }
}

#[test]
fn install_links_point_at_the_packages_repository() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let repo = manifest
        .lines()
        .find_map(|l| l.strip_prefix("repository = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("Cargo.toml names its repository (dist publishes the releases there)");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut links = 0;
    for (i, _) in readme.match_indices("https://github.com/") {
        let url: String = readme[i..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '`' | '"')).collect();
        let base: String = url.split('/').take(5).collect::<Vec<_>>().join("/");
        assert_eq!(base, repo, "README.md links to {url}, but Cargo.toml's repository is {repo}");
        links += 1;
    }
    assert!(links >= 5, "README.md's Install section links to the releases ({links} links found)");
}
