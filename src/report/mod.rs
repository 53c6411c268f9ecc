//! Report writers: pure functions from the audit's results to bytes. Placing files atomically
//! and escaping spreadsheet formulas each live in one place ([`atomic`], [`csv::escape`]).

pub mod atomic;
pub mod csv;
pub mod json;
pub mod junit;
pub mod pdf;
pub mod xlsx;

use crate::date::Date;
use crate::policy::Policy;
use crate::results::Changes;
use crate::results::{ProductEntry, RejectedEntry, SupplierRow, Tally};

/// What the catalogue was.
#[derive(Debug, Clone)]
pub struct CatalogueInfo {
    /// The path as given on the command line (`-` for stdin).
    pub path: String,
    /// The file name shown in headers (`retailer-a.csv`).
    pub name: String,
    pub sha256: String,
    pub records: u64,
    pub encoding: String,
    pub delimiter: String,
}

/// Everything a report shows, for a whole catalogue or for one supplier.
#[derive(Debug)]
pub struct ReportData<'a> {
    pub catalogue: &'a CatalogueInfo,
    /// Set for a by-supplier report: the supplier it is restricted to.
    pub supplier: Option<&'a str>,
    /// The report's date (SOURCE_DATE_EPOCH when set, else today), UTC.
    pub date: Date,
    /// Seconds since the Unix epoch for document metadata.
    pub timestamp: i64,
    pub tool_version: &'static str,
    pub policy: &'a Policy,
    pub tally: &'a Tally,
    /// Supplier rows, worst first (one row for a by-supplier report).
    pub suppliers: &'a [SupplierRow],
    /// Non-pass products, worst first, capped at `policy.max_products`.
    pub products: &'a [ProductEntry],
    /// Every non-pass product, listed or not.
    pub products_total: u64,
    /// Rejected (invalid) records, capped; `rejected_total` counts all.
    pub rejected: &'a [RejectedEntry],
    pub rejected_total: u64,
    /// With `--baseline`: what changed.
    pub changes: Option<&'a Changes>,
}
