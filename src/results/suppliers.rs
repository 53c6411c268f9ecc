//! One supplier, one pack (SPEC §10): the spellings of each supplier as the catalogue writes
//! them, counted under the key the reports group them by ([`SupplierAliases::key`]), the name
//! each supplier is shown by, and the names that may be the same supplier.
//!
//! A supplier is shown by the name the mapping file's `[suppliers]` gives it, else by its most
//! frequent spelling (a tie goes to the spelling seen first in the catalogue), so the name is the
//! same for any `--jobs`: the writer counts records in input order.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::summary::NO_SUPPLIER;
use crate::ingest::{SupplierAliases, name_words};

/// The spellings seen per supplier key, each with its records, in the order first seen.
#[derive(Debug, Clone, Default)]
pub struct SupplierNames {
    aliases: SupplierAliases,
    groups: BTreeMap<String, Vec<(String, u64)>>,
}

/// One supplier in summary.json's `supplier_names`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupplierNameEntry {
    /// The name the reports show.
    pub name: String,
    /// Every spelling joined under it, most records first.
    pub spellings: Vec<Spelling>,
    /// Other suppliers' names whose words start this one's, or that this one's words start
    /// (`Carlson` / `Carlson Labs`): maybe the same supplier, for the merchandiser to confirm.
    pub may_be_same: Vec<String>,
}

/// A spelling of a supplier and how many records write it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spelling {
    pub name: String,
    pub records: u64,
}

impl SupplierNames {
    pub fn new(aliases: SupplierAliases) -> SupplierNames {
        SupplierNames { aliases, groups: BTreeMap::new() }
    }

    /// The key a record naming `supplier` is grouped under (`""`: it names none).
    pub fn key(&self, supplier: &str) -> String {
        self.aliases.key(supplier)
    }

    /// Counts one record of the supplier grouped under `key`, spelt `spelling`.
    pub fn add(&mut self, key: &str, spelling: &str) {
        let spelling = spelling.trim();
        let list = match self.groups.get_mut(key) {
            Some(l) => l,
            None => self.groups.entry(key.to_string()).or_default(),
        };
        match list.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += 1,
            None => list.push((spelling.to_string(), 1)),
        }
    }

    /// The name the supplier grouped under `key` is shown by.
    pub fn display(&self, key: &str) -> String {
        if key.is_empty() {
            return NO_SUPPLIER.to_string();
        }
        if let Some(name) = self.aliases.name_of(key) {
            return name.to_string();
        }
        // Most records; on a tie the first seen (max_by_key keeps the last maximum).
        let list = self.groups.get(key).map(Vec::as_slice).unwrap_or_default();
        list.iter().rev().max_by_key(|(_, n)| *n).map_or_else(|| key.to_string(), |(s, _)| s.clone())
    }

    /// Every supplier that names itself (not [`NO_SUPPLIER`]), by the name shown, with its
    /// spellings and the names that may be the same supplier.
    pub fn entries(&self) -> Vec<SupplierNameEntry> {
        let keys: Vec<&String> = self.groups.keys().filter(|k| !k.is_empty()).collect();
        let names: Vec<String> = keys.iter().map(|k| self.display(k)).collect();
        let maybe = self.may_be_same(&keys);
        let mut out: Vec<SupplierNameEntry> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let mut spellings: Vec<Spelling> = self.groups[*k].iter().map(|(s, n)| Spelling { name: s.clone(), records: *n }).collect();
                spellings.sort_by_key(|s| std::cmp::Reverse(s.records)); // stable: ties stay first seen
                let mut may_be_same: Vec<String> = maybe.get(&i).map(|v| v.iter().map(|&j| names[j].clone()).collect()).unwrap_or_default();
                may_be_same.sort();
                SupplierNameEntry { name: names[i].clone(), spellings, may_be_same }
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Per supplier (index into `keys`), the others whose name's words start its name's words or
    /// the other way round, over every spelling (and the mapping file's name). Word lists are
    /// sorted, so the names a word list starts follow it: no pair of suppliers is compared twice.
    fn may_be_same(&self, keys: &[&String]) -> BTreeMap<usize, BTreeSet<usize>> {
        let mut words: Vec<(Vec<String>, usize)> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let named = self.aliases.name_of(k).map(str::to_string);
            for s in self.groups[*k].iter().map(|(s, _)| s.clone()).chain(named) {
                let w = name_words(&s);
                if !w.is_empty() {
                    words.push((w, i));
                }
            }
        }
        words.sort();
        words.dedup();
        let mut pairs: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (a, (wa, ia)) in words.iter().enumerate() {
            for (wb, ib) in words[a + 1..].iter().take_while(|(wb, _)| wb.starts_with(wa)) {
                if ia != ib && wb.len() > wa.len() {
                    pairs.entry(*ia).or_default().insert(*ib);
                    pairs.entry(*ib).or_default().insert(*ia);
                }
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(records: &[&str], aliases: SupplierAliases) -> SupplierNames {
        let mut n = SupplierNames::new(aliases);
        for r in records {
            let k = n.key(r);
            n.add(&k, r);
        }
        n
    }

    #[test]
    fn a_supplier_is_shown_by_its_most_frequent_spelling() {
        // (case, records in input order, the name shown for the key of the first)
        let cases: &[(&str, &[&str], &str)] = &[
            ("most records", &["Now Foods", "NOW Foods", "NOW Foods", "NOW  FOODS"], "NOW Foods"),
            ("tie: first seen", &["Now-Foods", "NOW Foods", "NOW Foods", "Now-Foods"], "Now-Foods"),
            ("tie the other way", &["NOW Foods", "Now-Foods", "Now-Foods", "NOW Foods"], "NOW Foods"),
            ("one spelling", &["Thorne"], "Thorne"),
            ("trimmed", &[" Thorne ", "Thorne"], "Thorne"),
            ("no supplier", &[""], NO_SUPPLIER),
        ];
        for (case, records, want) in cases {
            let n = names(records, SupplierAliases::default());
            assert_eq!(n.display(&n.key(records[0])), *want, "{case}");
        }
    }

    #[test]
    fn names_whose_words_start_another_may_be_the_same_supplier() {
        // (case, records, (name, may be the same as) for every supplier that has any)
        type Want = &'static [(&'static str, &'static [&'static str])];
        let cases: &[(&str, &[&str], Want)] = &[
            (
                "one word starts two",
                &["Carlson", "Carlson Labs", "Carlson Bros"],
                &[("Carlson", &["Carlson Bros", "Carlson Labs"]), ("Carlson Bros", &["Carlson"]), ("Carlson Labs", &["Carlson"])],
            ),
            ("spelt otherwise", &["NOW", "now-foods"], &[("NOW", &["now-foods"]), ("now-foods", &["NOW"])]),
            ("a word's start is not a word", &["Carl", "Carlson Labs"], &[]),
            ("words in the middle do not count", &["Labs", "Carlson Labs"], &[]),
            ("one supplier's spellings are not pairs", &["NOW Foods", "Now Foods"], &[]),
            ("no supplier takes no part", &["", "Acme"], &[]),
        ];
        for (case, records, want) in cases {
            let got: Vec<(String, Vec<String>)> = names(records, SupplierAliases::default())
                .entries()
                .into_iter()
                .filter(|e| !e.may_be_same.is_empty())
                .map(|e| (e.name, e.may_be_same))
                .collect();
            let want: Vec<(String, Vec<String>)> =
                want.iter().map(|(n, m)| (n.to_string(), m.iter().map(|s| s.to_string()).collect())).collect();
            assert_eq!(got, want, "{case}");
        }
    }

    #[test]
    fn entries_list_every_spelling_most_records_first() {
        let n = names(&["Now Foods", "NOW Foods", "NOW Foods", "", "Thorne"], SupplierAliases::default());
        let e = n.entries();
        assert_eq!(e.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["NOW Foods", "Thorne"]);
        let sp: Vec<(&str, u64)> = e[0].spellings.iter().map(|s| (s.name.as_str(), s.records)).collect();
        assert_eq!(sp, [("NOW Foods", 2), ("Now Foods", 1)]);
    }
}
