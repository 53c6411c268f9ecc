//! Waivers: one rule silenced for one SKU or supplier until a date. They track whether they
//! matched anything, so unused and expired waivers can be reported.

use std::collections::HashMap;
use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::rules::RuleId;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverFile {
    sku: Option<Spanned<String>>,
    supplier: Option<Spanned<String>>,
    rule: Spanned<String>,
    reason: Spanned<String>,
    expires: Option<Spanned<DateText>>,
}

/// A waiver's `expires` as written: a string (`"2027-03-31"`) or a TOML date (`2027-03-31`).
#[derive(Debug)]
pub struct DateText(String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DateText, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date, e.g. 2027-03-31")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DateText, E> {
                Ok(DateText(s.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<DateText, A::Error> {
                let dt = toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(DateText(dt.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaiverTarget {
    Sku(String),
    Supplier(String),
}

/// A validated waiver. `matched` counts the findings it silenced (shared across threads).
#[derive(Debug)]
pub struct Waiver {
    pub target: WaiverTarget,
    pub rule: RuleId,
    pub reason: String,
    pub expires: Option<Date>,
    /// True when `expires` is before today: the waiver no longer applies.
    pub expired: bool,
    pub matched: AtomicU64,
}

impl Waiver {
    pub fn matches(&self, sku: &str, supplier: &str) -> bool {
        match &self.target {
            WaiverTarget::Sku(s) => !sku.is_empty() && s.trim().eq_ignore_ascii_case(sku.trim()),
            // Spellings of one supplier are one (SPEC §10): case, spaces and punctuation aside.
            WaiverTarget::Supplier(s) => !supplier.is_empty() && crate::ingest::same_supplier(s, supplier),
        }
    }

    pub fn record_match(&self) {
        self.matched.fetch_add(1, Ordering::Relaxed);
    }

    /// Starts counting afresh: hits are counted per catalogue.
    pub fn reset_matches(&self) {
        self.matched.store(0, Ordering::Relaxed);
    }

    pub fn match_count(&self) -> u64 {
        self.matched.load(Ordering::Relaxed)
    }

    pub fn target_text(&self) -> String {
        match &self.target {
            WaiverTarget::Sku(s) => format!("sku {s}"),
            WaiverTarget::Supplier(s) => format!("supplier {s}"),
        }
    }
}

/// The policy's waivers, in file order, with an index by rule and target: a lookup is two map
/// probes however many waivers there are (a scan of 93,697 waivers per finding made a
/// 5,000-row audit take 8.8 s).
#[derive(Debug, Default)]
pub struct Waivers {
    list: Vec<Waiver>,
    /// (rule, names a SKU, [`target_key`]) -> positions in `list`, in order.
    index: HashMap<(RuleId, bool, String), Vec<usize>>,
}

impl Waivers {
    pub fn new(list: Vec<Waiver>) -> Waivers {
        let mut index: HashMap<(RuleId, bool, String), Vec<usize>> = HashMap::new();
        for (i, w) in list.iter().enumerate() {
            let (is_sku, target) = match &w.target {
                WaiverTarget::Sku(s) => (true, s),
                WaiverTarget::Supplier(s) => (false, s),
            };
            index.entry((w.rule, is_sku, target_key(is_sku, target))).or_default().push(i);
        }
        Waivers { list, index }
    }

    /// The first waiver in file order, not expired, that silences `rule` for this SKU or
    /// supplier ([`Waiver::matches`]).
    pub fn find(&self, rule: RuleId, sku: &str, supplier: &str) -> Option<&Waiver> {
        self.find_joined(rule, sku, supplier, std::iter::empty())
    }

    /// [`Waivers::find`], where a supplier waiver also matches when it names one of `joined`:
    /// the keys of the other spellings a mapping file's `[suppliers]` joins to this supplier.
    pub fn find_joined<'k>(&self, rule: RuleId, sku: &str, supplier: &str, joined: impl Iterator<Item = &'k str>) -> Option<&Waiver> {
        if self.list.is_empty() {
            return None;
        }
        let first = |is_sku: bool, key: String| {
            let key = (rule, is_sku, key);
            self.index.get(&key)?.iter().copied().find(|&i| !self.list[i].expired)
        };
        let by_sku = (!sku.is_empty()).then(|| first(true, target_key(true, sku))).flatten();
        let by_supplier = (!supplier.is_empty())
            .then(|| first(false, target_key(false, supplier)))
            .flatten()
            .into_iter()
            .chain(joined.filter_map(|k| first(false, k.to_string())))
            .min();
        let at = by_sku.into_iter().chain(by_supplier).min()?;
        self.list.get(at)
    }
}

/// A SKU trimmed and ASCII-lowercased; a supplier by its letters and digits
/// ([`crate::ingest::supplier_key`]), as [`Waiver::matches`] compares them.
fn target_key(is_sku: bool, name: &str) -> String {
    let key = if is_sku { String::new() } else { crate::ingest::supplier_key(name) };
    if key.is_empty() { name.trim().to_ascii_lowercase() } else { key }
}

impl Deref for Waivers {
    type Target = [Waiver];
    fn deref(&self) -> &[Waiver] {
        &self.list
    }
}

impl<'w> IntoIterator for &'w Waivers {
    type Item = &'w Waiver;
    type IntoIter = std::slice::Iter<'w, Waiver>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

pub fn validate(w: &WaiverFile, today: Date, report: &mut dyn FnMut(Range<usize>, String)) -> Option<Waiver> {
    let target = match (&w.sku, &w.supplier) {
        (Some(s), None) => WaiverTarget::Sku(s.get_ref().clone()),
        (None, Some(s)) => WaiverTarget::Supplier(s.get_ref().clone()),
        (Some(s), Some(_)) => {
            report(s.span(), "a waiver names either a sku or a supplier, not both".into());
            return None;
        }
        (None, None) => {
            report(w.rule.span(), "a waiver needs a sku or a supplier".into());
            return None;
        }
    };
    let Some(rule) = RuleId::parse(w.rule.get_ref()) else {
        report(w.rule.span(), format!("unknown rule id \"{}\" in a waiver", w.rule.get_ref()));
        return None;
    };
    if w.reason.get_ref().trim().is_empty() {
        report(w.reason.span(), "a waiver needs a reason".into());
    }
    let expires = match &w.expires {
        Some(e) => match Date::parse(&e.get_ref().0) {
            Some(d) => Some(d),
            None => {
                report(e.span(), format!("expires \"{}\" is not a date (YYYY-MM-DD)", e.get_ref().0));
                return None;
            }
        },
        None => None,
    };
    Some(Waiver {
        target,
        rule,
        reason: w.reason.get_ref().clone(),
        expires,
        expired: expires.is_some_and(|d| d < today),
        matched: AtomicU64::new(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver(target: WaiverTarget, rule: RuleId, reason: &str, expired: bool) -> Waiver {
        Waiver { target, rule, reason: reason.into(), expires: None, expired, matched: AtomicU64::new(0) }
    }

    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let sku = |s: &str| WaiverTarget::Sku(s.into());
        let sup = |s: &str| WaiverTarget::Supplier(s.into());
        let list = vec![
            waiver(sku("A-1"), RuleId::FormK2Mk7, "old", true),
            waiver(sup(" Acme "), RuleId::FormK2Mk7, "supplier", false),
            waiver(sku("a-1"), RuleId::FormK2Mk7, "sku", false),
            waiver(sku("B"), RuleId::CarrierOil, "other rule", false),
        ];
        let scan: Vec<(RuleId, &str, &str)> = vec![
            (RuleId::FormK2Mk7, "A-1", "acme"),
            (RuleId::FormK2Mk7, " a-1 ", "Beta"),
            (RuleId::FormK2Mk7, "", "ACME"),
            (RuleId::FormK2Mk7, "", "A.C.M.E."),
            (RuleId::FormK2Mk7, "B", ""),
            (RuleId::CarrierOil, "b", "Acme"),
            (RuleId::CarrierOil, "", ""),
        ];
        let want = ["supplier", "sku", "supplier", "supplier", "", "other rule", ""];
        let waivers = Waivers::new(list);
        for ((rule, s, p), want) in scan.into_iter().zip(want) {
            let by_scan = waivers.iter().find(|w| !w.expired && w.rule == rule && w.matches(s, p)).map_or("", |w| w.reason.as_str());
            let by_index = waivers.find(rule, s, p).map_or("", |w| w.reason.as_str());
            assert_eq!((by_index, by_scan), (want, want), "{rule:?} {s:?} {p:?}");
        }
    }
}
