//! On the catalogue report's supplier page (SPEC §10): the spellings joined into one supplier,
//! and the names that may be the same supplier, with the `[suppliers]` line that would join them.

use super::layout::{BLACK, GREY, Pages};
use crate::report::ReportData;

/// Lines shown per list; the rest are in summary.json's `supplier_names`.
const SHOWN: usize = 25;

pub fn supplier_names(p: &mut Pages, d: &ReportData) {
    let joined: Vec<String> = d
        .supplier_names
        .iter()
        .filter(|e| e.spellings.len() > 1)
        .map(|e| {
            format!("{}: {}", e.name, e.spellings.iter().map(|s| format!("\"{}\" ({})", s.name, s.records)).collect::<Vec<_>>().join(", "))
        })
        .collect();
    // Each pair once, from the shorter name's side.
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for e in d.supplier_names {
        for other in &e.may_be_same {
            let (a, b) = if e.name.len() <= other.len() { (e.name.as_str(), other.as_str()) } else { (other.as_str(), e.name.as_str()) };
            if !pairs.contains(&(a, b)) {
                pairs.push((a, b));
            }
        }
    }
    pairs.sort();
    if !joined.is_empty() {
        p.heading("Supplier names joined", 16.0);
        p.para("Spellings that differ only in case, spaces or punctuation, or that the mapping file's [suppliers] joins, are one supplier, shown by its most frequent spelling or by the name [suppliers] gives it (records per spelling in brackets):", 8.0, GREY);
        list(p, &joined);
    }
    if !pairs.is_empty() {
        p.heading("Maybe the same supplier", 16.0);
        p.para(
            "One name's words start the other's. If they are one supplier, join them in the mapping file (--mapping) and run again, e.g. [suppliers] \"Carlson Labs\" = [\"Carlson\"]; else nothing is needed:",
            8.0,
            GREY,
        );
        let lines: Vec<String> = pairs.iter().map(|(a, b)| format!("{a} / {b}: [suppliers] \"{b}\" = [\"{a}\"]")).collect();
        list(p, &lines);
    }
}

fn list(p: &mut Pages, lines: &[String]) {
    for l in lines.iter().take(SHOWN) {
        p.dash_item(l, 2.0, 8.0, 3.6, BLACK, 3);
    }
    if lines.len() > SHOWN {
        p.para(&format!("and {} more in summary.json (supplier_names).", lines.len() - SHOWN), 8.0, BLACK);
    }
}
