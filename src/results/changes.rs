//! What changed since a baseline audit: each product's move, the gone products, the worse ones.

use super::summary::{FindingEntry, Verdict};

/// How a product's verdict moved since the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    New,
    Worse,
    Better,
    Same,
}

impl Change {
    pub fn parse(s: &str) -> Option<Change> {
        [Change::New, Change::Worse, Change::Better, Change::Same].into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Worse => "worse",
            Change::Better => "better",
            Change::Same => "same",
        }
    }
}

/// A baseline product no longer in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoneProduct {
    pub sku: String,
    pub product: String,
    pub supplier: String,
    pub verdict: Verdict,
}

/// A product whose verdict got worse, with its new findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorseProduct {
    pub row: u64,
    pub sku: String,
    pub product: String,
    pub supplier: String,
    pub before: Verdict,
    pub after: Verdict,
    pub findings: Vec<FindingEntry>,
}

/// What changed since the baseline.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub baseline: String,
    pub new: u64,
    pub worse: u64,
    pub better: u64,
    pub same: u64,
    pub gone: Vec<GoneProduct>,
    /// Worst first, capped like the product list.
    pub worse_products: Vec<WorseProduct>,
    /// Products that got worse (or new ones reaching --fail-on): drives --fail-on-new.
    pub worse_reaching_fail_on: u64,
}
