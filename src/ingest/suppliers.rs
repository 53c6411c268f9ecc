//! Supplier names as the reports group them (SPEC §10 "One supplier, one pack"): spellings that
//! differ only in case, spaces and punctuation (`NOW Foods`, `Now-Foods`, `NOW  FOODS`) are one
//! supplier, and a mapping file's `[suppliers]` table joins other spellings:
//! ```toml
//! [suppliers]
//! "Carlson Labs" = ["Carlson", "J.R. Carlson Laboratories"]
//! ```

use std::collections::{BTreeMap, HashMap};

use toml::Spanned;

use crate::error::{ConfigProblem, line_col};

/// The letters and digits of `name`, lowercased: what two spellings of one supplier share.
/// Empty for a name with none (then [`SupplierAliases::key`] falls back to the name itself).
pub fn supplier_key(name: &str) -> String {
    letters(name).collect()
}

/// True when `a` and `b` are one supplier by spelling alone ([`supplier_key`]), without
/// building either key.
pub fn same_supplier(a: &str, b: &str) -> bool {
    match (letters(a).next(), letters(b).next()) {
        (Some(_), Some(_)) => letters(a).eq(letters(b)),
        (None, None) => a.trim() == b.trim(),
        _ => false,
    }
}

fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// The words of a supplier name, lowercased (split at anything that is not a letter or digit):
/// `J.R. Carlson Labs` -> `j r carlson labs`.
pub fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The mapping file's `[suppliers]` table, resolved: every spelling's key to the name it joins.
#[derive(Debug, Clone, Default)]
pub struct SupplierAliases {
    /// [`supplier_key`] of a supplier name or one of its aliases -> index into `names`.
    by_key: HashMap<String, usize>,
    /// The supplier names as the mapping file writes them, and their keys.
    names: Vec<(String, String)>,
}

/// `[suppliers]` as written: a supplier name and the other spellings it stands for.
pub(crate) type SuppliersTable = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

impl SupplierAliases {
    /// Resolves the `[suppliers]` table of the mapping file `source`. Every problem is reported
    /// at its line and column: an empty name, and a spelling claimed by two suppliers (naming
    /// both lines).
    pub(crate) fn resolve(source: &str, table: SuppliersTable) -> Result<SupplierAliases, Vec<ConfigProblem>> {
        let mut out = SupplierAliases::default();
        let mut problems = Vec::new();
        // Where each key was claimed first: (line, the supplier that claimed it).
        let mut claimed: HashMap<String, (usize, usize)> = HashMap::new();
        let mut entries: Vec<(Spanned<String>, Vec<Spanned<String>>)> = table.into_iter().collect();
        // In the file's order, so that "claimed first" means the line above.
        entries.sort_by_key(|(k, _)| k.span().start);
        for (name, aliases) in entries {
            let idx = out.names.len();
            out.names.push((name.get_ref().trim().to_string(), supplier_key(name.get_ref())));
            for spelling in std::iter::once(&name).chain(aliases.iter()) {
                let (line, column) = line_col(source, spelling.span().start);
                let at = |message: String| ConfigProblem { line: Some(line), column: Some(column), message };
                let key = supplier_key(spelling.get_ref());
                if key.is_empty() {
                    problems.push(at(format!("[suppliers]: `{}` has no letter or digit to match a supplier by", spelling.get_ref())));
                    continue;
                }
                match claimed.get(&key) {
                    Some(&(_, owner)) if owner == idx => {}
                    Some(&(first_line, owner)) => problems.push(at(format!(
                        "[suppliers]: `{}` is claimed by both `{}` (line {first_line}) and `{}` (line {line}); a spelling joins one supplier",
                        spelling.get_ref(),
                        out.names[owner].0,
                        out.names[idx].0
                    ))),
                    None => {
                        claimed.insert(key.clone(), (line, idx));
                        out.by_key.insert(key, idx);
                    }
                }
            }
        }
        if problems.is_empty() { Ok(out) } else { Err(problems) }
    }

    /// The key a record's supplier is grouped under: the key of the supplier name its spelling
    /// joins, else its own [`supplier_key`] (the trimmed name when that is empty). `""` for a
    /// record that names no supplier.
    pub fn key(&self, name: &str) -> String {
        let key = supplier_key(name);
        if key.is_empty() {
            return name.trim().to_string();
        }
        match self.by_key.get(&key) {
            Some(&i) => self.names[i].1.clone(),
            None => key,
        }
    }

    /// Every spelling's key the mapping file joins under the group key `key` (the supplier name's
    /// own key first), or nothing when the mapping file does not name it. A waiver written for
    /// any of these spellings is a waiver for the whole supplier.
    pub fn joined_keys<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let idx = self.names.iter().position(|(_, k)| k == key);
        idx.into_iter().flat_map(move |i| {
            std::iter::once(self.names[i].1.as_str())
                .chain(self.by_key.iter().filter(move |(k, j)| **j == i && *k != &self.names[i].1).map(|(k, _)| k.as_str()))
        })
    }

    /// The name the mapping file gives the supplier grouped under `key`, if it names it.
    pub fn name_of(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(|&i| self.names[i].0.as_str())
    }

    /// True when the mapping file has no `[suppliers]` entry.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_supplier_share_a_key() {
        // (case, a, b, one supplier)
        let cases: &[(&str, &str, &str, bool)] = &[
            ("case", "NOW Foods", "Now Foods", true),
            ("double space", "NOW Foods", "NOW  FOODS", true),
            ("hyphen", "Now-Foods", "NOW Foods", true),
            ("no space", "NowFoods", "NOW Foods", true),
            ("dots", "Dr. Mercola", "Dr Mercola", true),
            ("apostrophe", "Nature's Way", "Natures Way", true),
            ("trailing space", "Thorne ", "thorne", true),
            ("accents kept", "Dr. Böhm", "dr bohm", false),
            ("cyrillic case", "Эвалар", "ЭВАЛАР", true),
            ("another word", "Carlson", "Carlson Labs", false),
            ("digits count", "Pure 1", "Pure 2", false),
        ];
        for (case, a, b, want) in cases {
            assert_eq!(supplier_key(a) == supplier_key(b), *want, "{case}: key");
            assert_eq!(same_supplier(a, b), *want, "{case}: same_supplier");
        }
    }

    #[test]
    fn names_without_letters_fall_back_to_the_text() {
        let a = SupplierAliases::default();
        // (case, name, key)
        let cases: &[(&str, &str, &str)] =
            &[("no supplier", "", ""), ("blank", "   ", ""), ("punctuation only", " -- ", "--"), ("ordinary", "NOW Foods", "nowfoods")];
        for (case, name, want) in cases {
            assert_eq!(a.key(name), *want, "{case}");
        }
        assert!(same_supplier("--", " -- ") && !same_supplier("--", "-"));
    }

    #[test]
    fn words_split_at_punctuation() {
        // (case, name, words)
        let cases: &[(&str, &str, &[&str])] = &[
            ("plain", "Carlson Labs", &["carlson", "labs"]),
            ("initials", "J.R. Carlson", &["j", "r", "carlson"]),
            ("hyphen", "Now-Foods", &["now", "foods"]),
            ("empty", " - ", &[]),
        ];
        for (case, name, want) in cases {
            assert_eq!(name_words(name), *want, "{case}");
        }
    }

    fn parse(src: &str) -> Result<SupplierAliases, Vec<ConfigProblem>> {
        #[derive(serde::Deserialize)]
        struct F {
            suppliers: SuppliersTable,
        }
        let f: F = toml::from_str(src).map_err(|e| vec![crate::error::toml_problem(src, &e)])?;
        SupplierAliases::resolve(src, f.suppliers)
    }

    #[test]
    fn aliases_join_spellings_to_the_named_supplier() {
        let a = parse("[suppliers]\n\"Carlson Labs\" = [\"Carlson\", \"J.R. Carlson Laboratories\"]\n\"NOW Foods\" = [\"NOW\"]\n").unwrap();
        // (case, spelling, key)
        let cases: &[(&str, &str, &str)] = &[
            ("the name itself", "Carlson Labs", "carlsonlabs"),
            ("its spelling", "CARLSON-LABS", "carlsonlabs"),
            ("an alias", "Carlson", "carlsonlabs"),
            ("an alias spelt otherwise", "J R Carlson Laboratories", "carlsonlabs"),
            ("a short alias", "now", "nowfoods"),
            ("not named", "Carlson Bros", "carlsonbros"),
        ];
        for (case, name, want) in cases {
            assert_eq!(a.key(name), *want, "{case}");
        }
        assert_eq!(a.name_of("carlsonlabs"), Some("Carlson Labs"));
        assert_eq!(a.name_of("carlsonbros"), None);
        // The keys a supplier waiver may be written for: the name's, then each alias's.
        let mut joined: Vec<&str> = a.joined_keys("carlsonlabs").collect();
        joined[1..].sort_unstable();
        assert_eq!(joined, ["carlsonlabs", "carlson", "jrcarlsonlaboratories"]);
        assert_eq!(a.joined_keys("carlsonbros").count(), 0, "a supplier the file does not name joins nothing");
    }

    #[test]
    fn a_spelling_claimed_twice_names_both_lines() {
        // (case, source, expected problems: line, column, text)
        type Want = &'static [(usize, usize, &'static str)];
        let cases: &[(&str, &str, Want)] = &[
            (
                "one alias, two suppliers",
                "[suppliers]\n\"Carlson Labs\" = [\"Carlson\"]\n\"Carlson Bros\" = [\"carlson\"]\n",
                &[(3, 19, "`carlson` is claimed by both `Carlson Labs` (line 2) and `Carlson Bros` (line 3)")],
            ),
            (
                "a name that is another's alias",
                "[suppliers]\n\"NOW Foods\" = [\"Now\"]\n\"now\" = [\"NOW Sports\"]\n",
                &[(3, 1, "`now` is claimed by both `NOW Foods` (line 2) and `now` (line 3)")],
            ),
            ("no letters", "[suppliers]\n\"Acme\" = [\"--\"]\n", &[(2, 11, "`--` has no letter or digit")]),
            ("own name again is fine", "[suppliers]\n\"Acme\" = [\"ACME\", \"acme inc\"]\n", &[]),
        ];
        for (case, src, want) in cases {
            let got = parse(src).err().unwrap_or_default();
            assert_eq!(got.len(), want.len(), "{case}: {got:?}");
            for (p, (line, col, text)) in got.iter().zip(want.iter()) {
                assert_eq!((p.line, p.column), (Some(*line), Some(*col)), "{case}: {p:?}");
                assert!(p.message.contains(text), "{case}: {}", p.message);
            }
        }
    }
}
