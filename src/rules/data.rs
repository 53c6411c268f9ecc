//! Data: record-level problems. A SKU on more than one record is found across the whole file by
//! the audit driver, which knows every SKU; this module words the finding.

use super::{Finding, RuleId, Status};

/// The finding for a record whose SKU is used `count` times in the file.
pub fn duplicate_sku(sku: &str, count: u64, first_row: u64) -> Finding {
    Finding::new(
        RuleId::DataDuplicateSku,
        Status::Warn,
        format!("SKU \"{sku}\" appears on {count} records (first on row {first_row})"),
        None,
    )
}
