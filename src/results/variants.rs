//! Variants are one product to a supplier (SPEC §10): in a supplier's pack, records with the same
//! normalised product name and the same findings (Shopify variant rows, size variants such as
//! "60 softgels" / "120 softgels") are one entry listing all their SKUs and GTINs.
//!
//! The name is normalised by dropping count and size words only: a number followed by a count or
//! pack-size unit (`60 softgels`, `120 veggie caps`, `90ct`, `2 fl oz`, `30 ml`, `500 g`,
//! `60 Kapseln`), and `pack of N`; then case, spaces and punctuation are ignored. Doses
//! (`5000 IU`, `100 mcg`) and every other word stay, so products that differ in anything but
//! their size stay apart.

use std::collections::HashMap;

use super::summary::{FindingEntry, PassEntry, ProductEntry};
use crate::rules::Criterion;

/// Units that say how many pieces, or how much, a package holds.
const SIZE_UNITS: &[&str] = &[
    "softgel",
    "softgels",
    "softgelcaps",
    "gel",
    "gels",
    "capsule",
    "capsules",
    "caps",
    "cap",
    "vcaps",
    "vegcaps",
    "vcap",
    "tablet",
    "tablets",
    "tabs",
    "tab",
    "gummies",
    "gummy",
    "lozenge",
    "lozenges",
    "chewables",
    "chews",
    "count",
    "ct",
    "cnt",
    "pcs",
    "pieces",
    "pc",
    "pack",
    "pk",
    "packs",
    "servings",
    "serving",
    "ml",
    "l",
    "g",
    "kg",
    "oz",
    "floz",
    "lb",
    "lbs",
    "drops",
    "sprays",
    "kapseln",
    "kapsel",
    "weichkapseln",
    "tabletten",
    "stück",
    "stk",
    "st",
    "portionen",
    "gélules",
    "gelules",
    "comprimés",
    "comprimes",
    "perles",
    "cápsulas",
    "capsulas",
    "perlas",
    "comprimidos",
    "compresse",
    "perle",
    "kapsułek",
    "kapsułki",
    "kapsulek",
    "tabletek",
    "kapslí",
    "капсул",
    "капсулы",
    "капсулах",
    "таблеток",
    "таблетки",
    "шт",
];

/// Words that may stand between a count and its unit (`120 veggie caps`, `90 liquid softgels`).
const SIZE_ADJECTIVES: &[&str] =
    &["veggie", "vegetarian", "vegan", "vege", "veg", "liquid", "soft", "mini", "chewable", "fl", "vegetable", "plant"];

/// The product name as variants share it: lowercased words, count and size words left out.
pub fn variant_name(product: &str) -> String {
    let words = tokens(product);
    let mut keep: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        if is_number(w)
            && let Some(n) = size_after(&words[i + 1..])
        {
            i += 1 + n;
            continue;
        }
        // "pack of 3", "x 2"
        if matches!(w, "pack" | "set" | "packung")
            && words.get(i + 1).is_some_and(|o| o == "of")
            && words.get(i + 2).is_some_and(|n| is_number(n))
        {
            i += 3;
            continue;
        }
        keep.push(w);
        i += 1;
    }
    keep.join(" ")
}

/// How many words after a number make a size: an optional adjective, then a unit.
fn size_after(rest: &[String]) -> Option<usize> {
    let unit = |w: &String| SIZE_UNITS.contains(&w.as_str());
    match rest {
        [u, ..] if unit(u) => Some(1),
        [a, u, ..] if SIZE_ADJECTIVES.contains(&a.as_str()) && unit(u) => Some(2),
        _ => None,
    }
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Lowercased words; a number keeps its decimal point or comma, and a number glued to a word
/// (`60softgels`, `2x`) is split from it.
fn tokens(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let in_number = |j: usize| chars.get(j).is_some_and(|d| d.is_ascii_digit());
        if c.is_alphanumeric() {
            // A digit run followed by a letter starts a new word: `60softgels` -> `60 softgels`.
            if c.is_alphabetic() && !cur.is_empty() && is_number(&cur) {
                out.push(std::mem::take(&mut cur));
            }
            cur.extend(c.to_lowercase());
        } else if (c == '.' || c == ',') && is_number(&cur) && in_number(i + 1) {
            cur.push('.');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What two variants' findings must share: every finding as the supplier reads it (evidence
/// quotes each record's own text, so it may differ), but for the message of a `data` finding,
/// which names the record's own identifier (a GTIN's check digit): variants keep their own
/// GTINs, and the pack shows each one's message.
fn findings_key(f: &[FindingEntry]) -> Vec<(&str, &str, &str, &str, bool, bool)> {
    f.iter()
        .map(|f| {
            let message = if f.criterion == Criterion::Data { "" } else { f.message.as_str() };
            (f.rule.as_str(), f.status.as_str(), message, f.required_change.as_str(), f.waived, f.data_gap)
        })
        .collect()
}

/// Groups non-pass products into variants, each group in the order of its first member, the
/// members in their order.
pub fn group_products<'e>(entries: impl IntoIterator<Item = &'e ProductEntry>) -> Vec<Vec<&'e ProductEntry>> {
    group(entries, |e| (variant_name(&e.product), e.verdict.as_str(), findings_key(&e.findings)))
}

/// Groups passing products into variants likewise.
pub fn group_passing(entries: &[PassEntry]) -> Vec<Vec<&PassEntry>> {
    group(entries, |e| variant_name(&e.product))
}

fn group<'e, T: 'e, K: std::hash::Hash + Eq>(items: impl IntoIterator<Item = &'e T>, key: impl Fn(&'e T) -> K) -> Vec<Vec<&'e T>> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<Vec<&T>> = Vec::new();
    for it in items {
        let k = key(it);
        match index.get(&k) {
            Some(&i) => out[i].push(it),
            None => {
                index.insert(k, out.len());
                out.push(vec![it]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Verdict;
    use crate::rules::{RuleId, Status};

    #[test]
    fn variant_names_drop_count_and_size_words_only() {
        // (case, product, normalised name)
        let cases: &[(&str, &str, &str)] = &[
            ("softgels", "Vitamin D3 + K2, 60 Softgels", "vitamin d3 k2"),
            ("in brackets", "Vitamin D3 + K2 (120 softgels)", "vitamin d3 k2"),
            ("glued", "D3K2 5000 IU 90ct", "d3k2 5000 iu"),
            ("adjective", "D3 + K2 MK-7 - 120 Veggie Caps", "d3 k2 mk 7"),
            ("liquid softgels", "D3 + K2 90 liquid softgels", "d3 k2"),
            ("fluid ounces", "D3 K2 Drops 1 fl oz", "d3 k2 drops"),
            ("decimal size", "D3 K2 Drops 1.5 fl. oz", "d3 k2 drops"),
            ("millilitres", "D3 K2 Tropfen 30 ml", "d3 k2 tropfen"),
            ("german", "Vitamin D3 K2 60 Kapseln", "vitamin d3 k2"),
            ("pack of", "D3 K2 Gummies, Pack of 2", "d3 k2 gummies"),
            ("dose stays", "D3 5000 IU + K2 100 mcg", "d3 5000 iu k2 100 mcg"),
            ("milligrams stay", "K2 MK-7 1 mg", "k2 mk 7 1 mg"),
            ("count word alone stays", "Softgels of D3", "softgels of d3"),
            ("case and punctuation", "VITAMIN D3/K2", "vitamin d3 k2"),
        ];
        for (case, product, want) in cases {
            assert_eq!(variant_name(product), *want, "{case}");
        }
    }

    fn entry(row: u64, product: &str, findings: &[(RuleId, &str)]) -> ProductEntry {
        ProductEntry {
            row,
            line: row + 1,
            sku: format!("S{row}"),
            gtin: String::new(),
            product: product.into(),
            supplier: "Acme".into(),
            verdict: Verdict::Warn,
            findings: findings
                .iter()
                .map(|(rule, message)| FindingEntry {
                    rule: *rule,
                    criterion: rule.criterion(),
                    status: Status::Warn,
                    message: message.to_string(),
                    evidence: format!("row {row}"),
                    waived: false,
                    data_gap: false,
                    required_change: format!("fix {}", rule.as_str()),
                })
                .collect(),
        }
    }

    #[test]
    fn variants_group_by_name_and_findings() {
        let dose = (RuleId::RatioK2Dose, "K2 20 µg a day is below the 45 µg minimum dose");
        let low = (RuleId::RatioK2Dose, "K2 10 µg a day is below the 45 µg minimum dose");
        let gtin = |d: &'static str| (RuleId::IdentGtin, d);
        // (case, products, the rows of each group)
        type Case = (&'static str, Vec<ProductEntry>, &'static [&'static [u64]]);
        let cases: Vec<Case> = vec![
            ("two sizes, same findings", vec![entry(1, "D3 K2 60 softgels", &[dose]), entry(2, "D3 K2 120 softgels", &[dose])], &[&[1, 2]]),
            ("another message", vec![entry(1, "D3 K2 60 softgels", &[dose]), entry(2, "D3 K2 120 softgels", &[low])], &[&[1], &[2]]),
            ("another finding", vec![entry(1, "D3 K2", &[dose]), entry(2, "D3 K2", &[dose, gtin("bad")])], &[&[1], &[2]]),
            (
                "own GTIN messages",
                vec![entry(1, "D3 K2", &[dose, gtin("GTIN 1 bad")]), entry(2, "D3 K2", &[dose, gtin("GTIN 2 bad")])],
                &[&[1, 2]],
            ),
            (
                "interleaved keep first order",
                vec![entry(1, "A 60 caps", &[dose]), entry(2, "B", &[dose]), entry(3, "A 90 caps", &[dose])],
                &[&[1, 3], &[2]],
            ),
        ];
        for (case, entries, want) in cases {
            let got: Vec<Vec<u64>> = group_products(&entries).into_iter().map(|g| g.iter().map(|e| e.row).collect()).collect();
            let want: Vec<Vec<u64>> = want.iter().map(|g| g.to_vec()).collect();
            assert_eq!(got, want, "{case}");
        }
    }

    #[test]
    fn sizes_are_one_product_doses_are_not() {
        // (case, a, b, same product)
        let cases: &[(&str, &str, &str, bool)] = &[
            ("two sizes", "D3 + K2 5000 IU, 60 softgels", "D3 + K2 5000 IU, 120 softgels", true),
            ("count and ct", "D3 K2 60 capsules", "D3 K2 120ct", true),
            ("two doses", "D3 + K2 5000 IU", "D3 + K2 1000 IU", false),
            ("two forms", "D3 + K2 softgels", "D3 + K2 gummies", false),
            ("another word", "D3 + K2 Kids 60 softgels", "D3 + K2 60 softgels", false),
        ];
        for (case, a, b, want) in cases {
            assert_eq!(variant_name(a) == variant_name(b), *want, "{case}");
        }
    }
}
