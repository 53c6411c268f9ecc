//! One record's assessment, as the pipeline hands it to the writers.

use super::summary::Verdict;
use crate::extract::Facts;
use crate::ingest::Invalid;
use crate::rules::{CriterionStatus, Finding};

/// The outcome for one record.
#[derive(Debug)]
pub struct Assessed {
    pub row: u64,
    pub line: u64,
    pub sku: String,
    pub gtin: String,
    pub product: String,
    pub brand: String,
    /// The supplier column, or the brand when it is empty.
    pub supplier: String,
    pub verdict: Verdict,
    /// Per criterion (`Criterion::index` order); `None` for invalid records.
    pub statuses: Option<[CriterionStatus; 6]>,
    pub facts: Option<Facts>,
    pub findings: Vec<Finding>,
    pub invalid: Option<Invalid>,
    /// A continuation row of a product-variant export: the handle it continues (skipped).
    pub continuation_of: Option<Box<str>>,
}
