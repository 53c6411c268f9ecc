//! Data: record-level problems. A SKU on more than one record is found across the whole file by
//! the audit driver, which knows every SKU; this module words the finding.

use super::{Finding, RuleId, Status};

/// The finding for a record whose SKU an earlier record already used.
pub fn duplicate_of(sku: &str, first_row: u64) -> Finding {
    Finding::new(RuleId::DataDuplicateSku, Status::Warn, format!("SKU \"{sku}\" is already used by row {first_row}"), None)
}

/// The finding for the first record of a SKU that `count` records use.
pub fn duplicate_first(sku: &str, count: u64) -> Finding {
    Finding::new(RuleId::DataDuplicateSku, Status::Warn, format!("SKU \"{sku}\" is used by {count} records; this is the first"), None)
}
