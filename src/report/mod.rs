//! Report writers: pure functions from the audit's results to bytes. Placing files atomically
//! and escaping spreadsheet formulas each live in one place ([`atomic`], [`csv::Row::text`]).

pub mod atomic;
pub mod csv;
pub mod folder;
pub mod html;
pub mod json;
pub mod junit;
pub mod pdf;
pub mod sink;
pub mod xlsx;

use crate::date::Date;
use crate::policy::Grade;
use crate::policy::Policy;
use crate::results::{Changes, Coverage};
use crate::results::{PassEntry, ProductEntry, RejectedEntry, SupplierChanges, SupplierNameEntry, SupplierRow, Tally};

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
    /// Per supplier (by the name shown), the spellings joined and the names that may be the
    /// same supplier (SPEC §10); empty in a by-supplier report.
    pub supplier_names: &'a [SupplierNameEntry],
    /// Non-pass products, worst first, capped at `policy.max_products`.
    pub products: &'a [ProductEntry],
    /// Every non-pass product, listed or not.
    pub products_total: u64,
    /// Rejected (invalid) records, capped; `rejected_total` counts all.
    pub rejected: &'a [RejectedEntry],
    pub rejected_total: u64,
    /// With `--baseline`: what changed.
    pub changes: Option<&'a Changes>,
    /// The catalogue's data coverage (SPEC §8); `None` in a by-supplier report, whose reader
    /// cannot add columns to the retailer's export.
    pub coverage: Option<&'a Coverage>,
}

/// Who sends the supplier review pack, whom to answer and by when (SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackInfo {
    /// `--retailer`.
    pub retailer: Option<String>,
    /// `--contact`.
    pub contact: Option<String>,
    /// `--respond-by`, else the report date + 30 days.
    pub respond_by: Date,
}

/// What one supplier's review (`by-supplier/<supplier>.pdf`) shows. No catalogue-internal
/// details: no file name, no hash, no row numbers, no whole-catalogue counts.
#[derive(Debug)]
pub struct SupplierReview<'a> {
    pub supplier: &'a str,
    pub pack: &'a PackInfo,
    pub date: Date,
    pub timestamp: i64,
    pub tool_version: &'static str,
    pub policy: &'a Policy,
    /// This supplier's counts only.
    pub tally: &'a Tally,
    pub grade: Option<Grade>,
    /// Products that are not pass, worst first, capped at `policy.max_products`.
    pub products: &'a [ProductEntry],
    pub products_total: u64,
    /// Products that pass, in catalogue order, capped likewise.
    pub passing: &'a [PassEntry],
    pub passing_total: u64,
    /// Rows of the action list (`csv_name`), which is never capped.
    pub actions_total: u64,
    pub csv_name: &'a str,
    /// With `--baseline`: what changed since the last review.
    pub changes: Option<ReviewChanges>,
}

/// One supplier's changes since the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewChanges {
    pub moved: SupplierChanges,
    /// Its products in the baseline that are no longer in the catalogue.
    pub gone: u64,
    /// Its grade in the baseline: `None` when it had no audited product there, `Some(None)`
    /// when it had some but none graded (SPEC §10).
    pub previous_grade: Option<Option<Grade>>,
}
