//! Reading a policy file's TOML so that every problem is reported, each in words: serde stops at
//! the first error, so the line it names is blanked (spans keep their offsets) and the file is
//! read again, until it reads or a problem repeats; a wrong type names the key and what is
//! expected ("`ul_iu` must be a number, e.g. 4000").

use serde::de::DeserializeOwned;

use crate::error::{ConfigProblem, line_col, toml_problem};

/// At most this many problems are listed from one file.
const MAX_PROBLEMS: usize = 50;

/// Deserializes `text`, listing every problem found, top to bottom. A value of the wrong type
/// is replaced by the default policy's value for that key (`defaults`), or its line blanked, so
/// that reading goes on; the file read in the end is returned with the value, so that the
/// caller's own checks find their problems too (line numbers are unchanged).
pub fn read_all<T: DeserializeOwned>(text: &str, defaults: &str) -> (Option<(T, String)>, Vec<ConfigProblem>) {
    let defaults: toml::Table = toml::from_str(defaults).unwrap_or_default();
    let mut src = text.to_string();
    let mut problems: Vec<ConfigProblem> = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    loop {
        let err = match toml::from_str::<T>(&src) {
            Ok(v) => {
                problems.sort_by_key(|p| (p.line, p.column));
                return (Some((v, src)), problems);
            }
            Err(e) => e,
        };
        // Removing a required key makes its own "missing field" error: not the user's problem.
        let msg = err.message();
        if !problems.is_empty() && blanked.iter().any(|k| msg.contains(&format!("missing field `{k}`"))) {
            break;
        }
        let p = in_words(&src, &err);
        if problems.contains(&p) || problems.len() >= MAX_PROBLEMS {
            break;
        }
        problems.push(p);
        let Some(span) = err.span() else { break };
        let Some(key) = replace_value(&mut src, span.start, &defaults) else { break };
        blanked.push(key);
    }
    problems.sort_by_key(|p| (p.line, p.column));
    (None, problems)
}

/// On the line holding byte `at`: puts the default's value for its key (`[section] key`) in
/// place of the value, or blanks the line when there is none. Returns the key; `None` when the
/// line is already blank.
fn replace_value(src: &mut String, at: usize, defaults: &toml::Table) -> Option<String> {
    let at = at.min(src.len());
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let line = src[start..end].to_string();
    if line.trim().is_empty() {
        return None;
    }
    let key = line.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string()).unwrap_or_default();
    let section = src[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .filter(|l| !l.starts_with("[["))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    let default = match &section {
        Some(sec) => defaults.get(sec.as_str()).and_then(|t| t.get(key.as_str())),
        None => defaults.get(key.as_str()),
    };
    let new_line = match (default, line.split_once('=')) {
        (Some(v), Some((k, _))) if !v.is_table() => format!("{k}= {v}"),
        _ => " ".repeat(line.len()),
    };
    src.replace_range(start..end, &new_line);
    Some(key)
}

/// A TOML or serde error as the user should read it.
fn in_words(text: &str, e: &toml::de::Error) -> ConfigProblem {
    let mut p = toml_problem(text, e);
    if let Some(rest) = p.message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let key = e.span().map(|s| key_of_line(text, s.start)).unwrap_or_default();
        let (what, example) = expected_in_words(expected);
        let found = found.trim();
        p.message = if key.is_empty() {
            format!("expected {what}, e.g. {example}, not {found}")
        } else {
            format!("`{key}` must be {what}, e.g. {example}, not {found}")
        };
        if let Some(span) = e.span() {
            let (l, c) = line_col(text, span.start);
            (p.line, p.column) = (Some(l), Some(c));
        }
    }
    p
}

/// The key assigned on the line holding byte `at` (`ul_iu = "4000"` -> `ul_iu`).
fn key_of_line(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string()).unwrap_or_default()
}

/// serde's name for a type, in words with an example.
fn expected_in_words(expected: &str) -> (&'static str, &'static str) {
    match expected.trim() {
        "f64" | "f32" | "a float" => ("a number", "4000"),
        "i64" | "u64" | "i32" | "u32" | "usize" | "u8" | "u16" | "an integer" => ("a whole number", "500"),
        "a string" | "a borrowed string" => ("text in quotes", "\"MK-7\""),
        "a boolean" | "bool" => ("true or false", "true"),
        "a sequence" => ("a list", "[\"MK-7\", \"MK-4\"]"),
        _ => ("a table", "[form]"),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        #[serde(default)]
        ul_iu: Option<f64>,
        #[serde(default)]
        max_products: Option<i64>,
        #[serde(default)]
        strict: Option<bool>,
        #[serde(default)]
        oils: Option<Vec<String>>,
    }

    #[test]
    fn every_problem_in_words() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("text for a number", "name = \"p\"\nul_iu = \"4000\"\n", &["2:9: `ul_iu` must be a number, e.g. 4000, not string \"4000\""]),
            (
                "a number for a whole number",
                "name = \"p\"\nmax_products = 1.5\n",
                &["2:16: `max_products` must be a whole number, e.g. 500, not floating point `1.5`"],
            ),
            (
                "two problems, both listed",
                "name = \"p\"\nul_iu = \"4000\"\nstrict = \"yes\"\n",
                &[
                    "2:9: `ul_iu` must be a number, e.g. 4000, not string \"4000\"",
                    "3:10: `strict` must be true or false, e.g. true, not string \"yes\"",
                ],
            ),
            (
                "a list expected",
                "name = \"p\"\noils = \"MCT\"\n",
                &["2:8: `oils` must be a list, e.g. [\"MK-7\", \"MK-4\"], not string \"MCT\""],
            ),
        ];
        for (name, input, want) in cases {
            let (read, got) = read_all::<Doc>(input, "name = \"d\"\nul_iu = 4000.0\n");
            assert!(read.is_some() == got.is_empty() || read.is_some(), "{name}");
            let got: Vec<String> =
                got.iter().map(|p| format!("{}:{}: {}", p.line.unwrap_or(0), p.column.unwrap_or(0), p.message)).collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn a_wrong_value_takes_the_default_so_reading_goes_on() {
        let (read, problems) = read_all::<Doc>("name = \"p\"\nul_iu = \"x\"\n", "name = \"d\"\nul_iu = 4000.0\n");
        assert_eq!(problems.len(), 1);
        let (d, src) = read.unwrap();
        assert_eq!(d.ul_iu, Some(4000.0));
        assert_eq!(src.lines().count(), 2);
    }

    #[test]
    fn a_good_file_reads() {
        let (d, problems) = read_all::<Doc>("name = \"p\"\nul_iu = 4000\n", "");
        assert!(problems.is_empty());
        assert_eq!(d.map(|(d, _)| d.ul_iu), Some(Some(4000.0)));
    }
}
