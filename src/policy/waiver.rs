//! Waivers: one rule silenced for one SKU or supplier until a date. They track whether they
//! matched anything, so unused and expired waivers can be reported.

use std::ops::Range;
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
            WaiverTarget::Supplier(s) => !supplier.is_empty() && s.trim().eq_ignore_ascii_case(supplier.trim()),
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
