//! The results both the pipeline (`audit`) and the writers (`report`) work with: the assessed
//! record, verdicts and running tallies, the capped product lists, changes since a baseline. They
//! sit below both, so the pipeline can call the writers without the writers knowing the pipeline.

mod assessed;
mod changes;
mod coverage;
mod row;
mod summary;
mod suppliers;
mod variants;

pub use assessed::Assessed;
pub use changes::{Change, Changes, GoneProduct, WorseProduct};
pub use coverage::Coverage;
pub use row::{AuditRow, issues};
#[cfg(test)]
pub use summary::CriterionCounts;
pub use summary::{
    FindingEntry, NO_SUPPLIER, PassEntry, ProductEntry, RejectedEntry, Severity, SupplierChanges, SupplierPart, SupplierRow, Tally,
    Verdict, WorstProducts, sort_suppliers,
};
pub use suppliers::{SupplierNameEntry, SupplierNames};
pub use variants::{group_passing, group_products};
