//! One record's assessment, as the pipeline hands it to the writers.

use std::borrow::Cow;

use super::summary::Verdict;
use crate::extract::Facts;
use crate::ingest::Invalid;
use crate::rules::{CriterionStatus, Finding};

/// The outcome for one record. Its texts borrow from the record it was assessed from (no copy
/// per record); a writer that keeps one beyond the batch owns it then.
#[derive(Debug)]
pub struct Assessed<'a> {
    pub row: u64,
    pub line: u64,
    pub sku: Cow<'a, str>,
    pub gtin: Cow<'a, str>,
    pub product: Cow<'a, str>,
    pub brand: Cow<'a, str>,
    /// The supplier column, or the brand when it is empty.
    pub supplier: Cow<'a, str>,
    pub verdict: Verdict,
    /// Per criterion (`Criterion::index` order); `None` for invalid records.
    pub statuses: Option<[CriterionStatus; 6]>,
    pub facts: Option<Facts>,
    pub findings: Vec<Finding>,
    pub invalid: Option<Invalid>,
    /// A continuation row of a product-variant export: the handle it continues (skipped).
    pub continuation_of: Option<Box<str>>,
}
