//! Verdicts and the running tallies every report is built from (so stdout, audit.csv,
//! summary.json and the PDF always agree: they all count from here).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde::Serialize;

use crate::policy::{Grade, GradeCounts, GradesSection};
use crate::rules::{Criterion, CriterionStatus, RuleId, Status};

/// How bad a verdict is, least first: the one scale `--fail-on` and "worse than the baseline"
/// compare on ([`Verdict::severity`]; invalid counts as fail, skipped has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Pass,
    Warn,
    Review,
    Fail,
}

/// A product's overall verdict: the worst criterion status, or one of the two values outside the
/// order (`skipped`: not in scope; `invalid`: the record could not be read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Review,
    Fail,
    Invalid,
    Skipped,
}

impl Verdict {
    pub const ALL: [Verdict; 6] = [Verdict::Pass, Verdict::Warn, Verdict::Review, Verdict::Fail, Verdict::Invalid, Verdict::Skipped];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Review => "review",
            Verdict::Fail => "fail",
            Verdict::Invalid => "invalid",
            Verdict::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn from_status(s: Status) -> Verdict {
        match s {
            Status::Pass => Verdict::Pass,
            Status::Warn => Verdict::Warn,
            Status::Review => Verdict::Review,
            Status::Fail => Verdict::Fail,
        }
    }

    /// Severity for `--fail-on` and for "worse than": invalid counts as fail; skipped has none.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Verdict::Pass => Some(Severity::Pass),
            Verdict::Warn => Some(Severity::Warn),
            Verdict::Review => Some(Severity::Review),
            Verdict::Fail | Verdict::Invalid => Some(Severity::Fail),
            Verdict::Skipped => None,
        }
    }

    /// True when this verdict counts toward `--fail-on` at `fail_on` (`None`: never).
    pub fn reaches(self, fail_on: Option<Severity>) -> bool {
        matches!((fail_on, self.severity()), (Some(f), Some(s)) if s >= f)
    }

    /// Sort key for "worst first" lists.
    pub fn rank(self) -> u8 {
        match self {
            Verdict::Invalid => 5,
            Verdict::Fail => 4,
            Verdict::Review => 3,
            Verdict::Warn => 2,
            Verdict::Pass => 1,
            Verdict::Skipped => 0,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counts of one criterion's statuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CriterionCounts {
    pub pass: u64,
    pub warn: u64,
    pub review: u64,
    pub fail: u64,
    #[serde(rename = "n/a")]
    pub na: u64,
}

impl CriterionCounts {
    pub fn add(&mut self, s: CriterionStatus) {
        match s {
            CriterionStatus::NotApplicable => self.na += 1,
            CriterionStatus::Is(Status::Pass) => self.pass += 1,
            CriterionStatus::Is(Status::Warn) => self.warn += 1,
            CriterionStatus::Is(Status::Review) => self.review += 1,
            CriterionStatus::Is(Status::Fail) => self.fail += 1,
        }
    }
    pub fn total(&self) -> u64 {
        self.pass + self.warn + self.review + self.fail + self.na
    }
}

/// Counts of everything a report shows, for a whole catalogue or one supplier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub verdicts: [u64; 6],
    /// Per criterion (all six, `Criterion::index` order), over in-scope products.
    pub criteria: [CriterionCounts; 6],
    /// Non-pass, non-waived findings per rule.
    pub rules: BTreeMap<RuleId, u64>,
    /// Waived findings per rule.
    pub waived: BTreeMap<RuleId, u64>,
    /// Of `rules`: the findings that are the export's data gap (SPEC §8), per rule.
    pub gaps: BTreeMap<RuleId, u64>,
    /// How the in-scope products count toward a grade (SPEC §10).
    pub grading: GradeCounts,
    /// Skipped records that are continuation rows of a product-variant export (SPEC §4): a
    /// part of the `skipped` count, shown apart.
    pub continuation: u64,
}

impl Tally {
    pub fn records(&self) -> u64 {
        self.verdicts.iter().sum()
    }
    pub fn count(&self, v: Verdict) -> u64 {
        self.verdicts[v.index()]
    }
    pub fn add_verdict(&mut self, v: Verdict) {
        self.verdicts[v.index()] += 1;
    }
    /// Counts one record: its verdict, its criterion statuses (in-scope records only) and its
    /// non-pass findings by rule (`(rule, waived)`).
    pub fn add_record(&mut self, verdict: Verdict, statuses: Option<&[CriterionStatus; 6]>, rules: &[(RuleId, bool)]) {
        self.add_verdict(verdict);
        if !matches!(verdict, Verdict::Skipped | Verdict::Invalid)
            && let Some(st) = statuses
        {
            for (i, s) in st.iter().enumerate() {
                self.criteria[i].add(*s);
            }
        }
        for (r, waived) in rules {
            *(if *waived { self.waived.entry(*r) } else { self.rules.entry(*r) }).or_insert(0) += 1;
        }
    }

    /// Counts one record's data-gap findings (not waived), by rule.
    pub fn add_gaps(&mut self, rules: &[RuleId]) {
        for r in rules {
            *self.gaps.entry(*r).or_insert(0) += 1;
        }
    }

    /// In-scope products (pass, warn, review, fail).
    pub fn products(&self) -> u64 {
        self.count(Verdict::Pass) + self.count(Verdict::Warn) + self.count(Verdict::Review) + self.count(Verdict::Fail)
    }
}

/// One finding as reports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingEntry {
    pub rule: RuleId,
    pub criterion: Criterion,
    pub status: Status,
    pub message: String,
    /// `column: "matched text"`, or empty.
    pub evidence: String,
    pub waived: bool,
    /// `review` only because the export carries no column for the fact (SPEC §8).
    pub data_gap: bool,
    /// The remedy (`rules::remedy`): the change asked for, or for a data gap the label data to send; empty for a pass.
    pub required_change: String,
}

impl FindingEntry {
    /// A change the supplier is asked for: not a pass, not waived, not a data gap of the export.
    pub fn is_required(&self) -> bool {
        self.status != Status::Pass && !self.waived && !self.data_gap
    }

    /// Label data the supplier is asked for (SPEC §10): a data gap of the export, not waived.
    pub fn is_data_needed(&self) -> bool {
        self.status != Status::Pass && !self.waived && self.data_gap
    }
}

/// A product that passes, as the supplier review lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassEntry {
    pub row: u64,
    pub sku: String,
    pub gtin: String,
    pub product: String,
}

/// A product that is not pass, as the PDF lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductEntry {
    pub row: u64,
    pub line: u64,
    pub sku: String,
    pub gtin: String,
    pub product: String,
    pub supplier: String,
    pub verdict: Verdict,
    pub findings: Vec<FindingEntry>,
}

impl PartialOrd for ProductEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ProductEntry {
    /// "Better" entries compare greater: a max-heap of them pops the one to drop first.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (Reverse(self.verdict.rank()), self.row).cmp(&(Reverse(other.verdict.rank()), other.row))
    }
}

/// The `cap` worst products (verdict, then input order), in bounded memory.
#[derive(Debug, Clone)]
pub struct WorstProducts {
    cap: usize,
    heap: BinaryHeap<ProductEntry>,
    /// Every non-pass product seen, listed or not.
    pub total: u64,
}

impl WorstProducts {
    pub fn new(cap: usize) -> WorstProducts {
        WorstProducts { cap, heap: BinaryHeap::new(), total: 0 }
    }

    pub fn push(&mut self, p: ProductEntry) {
        self.total += 1;
        if self.cap == 0 {
            return;
        }
        if self.heap.len() < self.cap {
            self.heap.push(p);
        } else if let Some(top) = self.heap.peek()
            && p < *top
        {
            self.heap.pop();
            self.heap.push(p);
        }
    }

    /// Would a product with this verdict and row make the list? (Avoids building entries.)
    pub fn wants(&self, verdict: Verdict, row: u64) -> bool {
        if self.cap == 0 {
            return false;
        }
        if self.heap.len() < self.cap {
            return true;
        }
        self.heap.peek().is_some_and(|top| (Reverse(verdict.rank()), row) < (Reverse(top.verdict.rank()), top.row))
    }

    /// Once the list is full: the rank a later product (a higher row) must exceed to enter it.
    pub fn entry_rank(&self) -> u8 {
        if self.cap == 0 {
            return u8::MAX;
        }
        if self.heap.len() < self.cap {
            return 0;
        }
        self.heap.peek().map_or(0, |top| top.verdict.rank())
    }

    /// Worst first.
    pub fn into_sorted(self) -> Vec<ProductEntry> {
        self.heap.into_sorted_vec()
    }
}

/// A rejected record as reports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedEntry {
    pub row: u64,
    pub line: u64,
    pub reason: String,
}

/// Per-supplier tallies and lists.
#[derive(Debug, Clone)]
pub struct SupplierPart {
    pub tally: Tally,
    pub worst: WorstProducts,
    pub rejected: Vec<RejectedEntry>,
    /// Products that pass (kept with `--split-by supplier`, capped like `worst`), in input order.
    pub passing: Vec<PassEntry>,
    /// Every passing product, listed or not.
    pub passing_total: u64,
    /// With a baseline: how this supplier's products moved.
    pub changes: SupplierChanges,
}

/// How one supplier's products moved since the baseline (counts; `gone` and the previous
/// grade come from the baseline itself).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SupplierChanges {
    /// Better than in the baseline.
    pub fixed: u64,
    pub worse: u64,
    pub new: u64,
    pub same: u64,
}

/// One row of the suppliers table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupplierRow {
    pub name: String,
    pub products: u64,
    pub pass: u64,
    pub warn: u64,
    pub review: u64,
    pub fail: u64,
    pub invalid: u64,
    /// `A`..`E` (SPEC §10); `null` when the supplier has no graded product.
    pub grade: Option<&'static str>,
    /// The products the grade is over (SPEC §10): audited, not resting on data gaps alone.
    pub graded: u64,
}

impl SupplierRow {
    pub fn from_tally(name: &str, t: &Tally, grades: &GradesSection) -> SupplierRow {
        SupplierRow {
            grade: t.grading.grade(grades).map(Grade::as_str),
            graded: t.grading.graded,
            name: name.to_string(),
            products: t.products(),
            pass: t.count(Verdict::Pass),
            warn: t.count(Verdict::Warn),
            review: t.count(Verdict::Review),
            fail: t.count(Verdict::Fail),
            invalid: t.count(Verdict::Invalid),
        }
    }
}

/// Sorts supplier rows worst first: most failing, then review, then warn, then name.
pub fn sort_suppliers(rows: &mut [SupplierRow]) {
    rows.sort_by(|a, b| {
        (Reverse(a.fail + a.invalid), Reverse(a.review), Reverse(a.warn), &a.name).cmp(&(
            Reverse(b.fail + b.invalid),
            Reverse(b.review),
            Reverse(b.warn),
            &b.name,
        ))
    });
}

/// The supplier name used when a record names none.
pub const NO_SUPPLIER: &str = "(no supplier)";
