//! Writing in order: batches finish out of order on the pool; the writer puts them back in input
//! order, hands them to every sink (`report::sink`) and folds their deltas into the running
//! [`Acc`].

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU8, Ordering};

use super::Progress;
use super::chunk::{BufPool, ChunkOut, Delta};
use crate::error::Error;
use crate::report::html::HtmlRow;
use crate::report::sink::{Batch, Sink};
use crate::results::{Change, Changes, Coverage, Severity, SupplierNames, WorseProduct};
use crate::results::{ProductEntry, RejectedEntry, SupplierChanges, SupplierPart, Tally, Verdict, WorstProducts};

/// Rejected records kept for the reports (the rest are only counted).
const REJECTED_CAP: usize = 1000;

/// Running state of the writer: the tallies and the capped lists the reports are built from.
pub(super) struct Acc {
    pub(super) tally: Tally,
    /// Per supplier, by the key it is grouped under (`""`: records that name none).
    pub(super) suppliers: BTreeMap<String, SupplierPart>,
    /// Each supplier's spellings, counted in input order (SPEC §10).
    pub(super) names: SupplierNames,
    pub(super) worst: WorstProducts,
    pub(super) rejected: Vec<RejectedEntry>,
    pub(super) rejected_total: u64,
    pub(super) reached_fail_on: u64,
    pub(super) changes: Option<Changes>,
    /// Data coverage (set up with the catalogue's columns by the pipeline).
    pub(super) coverage: Coverage,
    /// With `--split-by supplier`: rows of each supplier's action list.
    pub(super) actions: BTreeMap<String, u64>,
    /// Per-supplier lists are kept (`--split-by-supplier`).
    split: bool,
    /// The PDF's product list length (`max_products`).
    cap: usize,
    pub(super) fail_on: Option<Severity>,
}

impl Acc {
    /// `changes`: `Some` (empty) with a baseline.
    pub(super) fn new(cap: usize, split: bool, fail_on: Option<Severity>, changes: Option<Changes>) -> Acc {
        Acc {
            tally: Tally::default(),
            suppliers: BTreeMap::new(),
            names: SupplierNames::default(),
            worst: WorstProducts::new(cap),
            rejected: Vec::new(),
            rejected_total: 0,
            reached_fail_on: 0,
            changes,
            coverage: Coverage::default(),
            actions: BTreeMap::new(),
            split,
            cap,
            fail_on,
        }
    }

    /// Counts `n` rows of `supplier`'s action list.
    fn count_actions(&mut self, supplier: &str, n: u64) {
        match self.actions.get_mut(supplier) {
            Some(c) => *c += n,
            None => {
                self.actions.insert(supplier.to_string(), n);
            }
        }
    }

    /// Counts one record.
    pub(super) fn add(&mut self, d: Delta) {
        self.tally.add_record(d.verdict, d.statuses.as_ref(), &d.rules);
        if let Some(s) = d.sources {
            self.coverage.add(s, &d.gap_rules);
        }
        self.tally.add_gaps(&d.gap_rules);
        self.tally.continuation += u64::from(d.continuation);
        let reaches = d.verdict.reaches(self.fail_on);
        if reaches {
            self.reached_fail_on += 1;
        }
        self.names.add(&d.supplier_key, &d.supplier);
        let supplier = d.supplier_key.as_str();
        if !self.suppliers.contains_key(supplier) {
            let part = SupplierPart {
                tally: Tally::default(),
                worst: WorstProducts::new(if self.split { self.cap } else { 0 }),
                rejected: Vec::new(),
                passing: Vec::new(),
                passing_total: 0,
                changes: SupplierChanges::default(),
            };
            self.suppliers.insert(supplier.to_string(), part);
        }
        let Some(part) = self.suppliers.get_mut(supplier) else { return };
        part.tally.add_record(d.verdict, d.statuses.as_ref(), &d.rules);
        part.tally.add_gaps(&d.gap_rules);
        if let Some(g) = d.grade {
            self.tally.grading.add(g);
            part.tally.grading.add(g);
        }
        if let Some(p) = d.pass_entry {
            part.passing_total += 1;
            if part.passing.len() < self.cap {
                part.passing.push(p);
            }
        }
        if let Some((change, _)) = d.change {
            count_supplier_change(&mut part.changes, change);
        }
        if let Some(rj) = d.rejected {
            self.rejected_total += 1;
            if self.split && part.rejected.len() < REJECTED_CAP {
                part.rejected.push(rj.clone());
            }
            if self.rejected.len() < REJECTED_CAP {
                self.rejected.push(rj);
            }
        }
        if let (Some(ch), Some((change, before))) = (self.changes.as_mut(), d.change) {
            count_change(ch, change, reaches, d.product.as_ref().zip(before), self.cap);
        }
        if d.counted_only {
            self.worst.total += 1;
        }
        if let Some(p) = d.product {
            if self.split {
                list_or_count(&mut part.worst, p.verdict, p.row, || p.clone());
            }
            list_or_count(&mut self.worst, p.verdict, p.row, || p);
        }
    }
}

/// Counts one product's change since the baseline; `worse` is its entry and earlier verdict, to
/// list it when it got worse.
fn count_change(ch: &mut Changes, change: Change, reaches: bool, worse: Option<(&ProductEntry, Verdict)>, cap: usize) {
    match change {
        Change::New => ch.new += 1,
        Change::Worse => ch.worse += 1,
        Change::Better => ch.better += 1,
        Change::Same => ch.same += 1,
    }
    let counts = match change {
        Change::Worse => true,
        Change::New => reaches,
        _ => false,
    };
    if counts {
        ch.worse_reaching_fail_on += 1;
    }
    if change == Change::Worse
        && let Some((p, before)) = worse
    {
        ch.worse_products.push(WorseProduct {
            row: p.row,
            sku: p.sku.clone(),
            product: p.product.clone(),
            supplier: p.supplier.clone(),
            before,
            after: p.verdict,
            findings: p.findings.clone(),
        });
        // Bounded: keep the worst `cap` (the list is sorted and cut again at the end).
        if ch.worse_products.len() > cap.max(1) * 2 {
            ch.worse_products.sort_by_key(|w| (std::cmp::Reverse(w.after.rank()), w.row));
            ch.worse_products.truncate(cap.max(1));
        }
    }
}

/// Counts one product's move under its supplier.
fn count_supplier_change(c: &mut SupplierChanges, change: Change) {
    match change {
        Change::New => c.new += 1,
        Change::Worse => c.worse += 1,
        Change::Better => c.fixed += 1,
        Change::Same => c.same += 1,
    }
}

/// Lists a product when it ranks among the worst (building its entry only then), else only
/// counts it.
fn list_or_count(worst: &mut WorstProducts, verdict: Verdict, row: u64, entry: impl FnOnce() -> ProductEntry) {
    if worst.wants(verdict, row) {
        worst.push(entry());
    } else {
        worst.total += 1;
    }
}

/// The writer's side of the pipeline: takes batches as they finish and writes them in turn.
pub(super) struct InOrder<'a> {
    sinks: &'a mut [Box<dyn Sink>],
    acc: &'a mut Acc,
    bufs: &'a BufPool,
    /// Kept at the PDF list's entry rank when workers may skip entries that cannot make it.
    entry_rank: Option<&'a AtomicU8>,
    progress: Option<&'a (dyn Fn(Progress<'_>) + Sync)>,
    records: u64,
    /// Batches that finished before their turn, with the bytes read when each was read.
    pending: BTreeMap<usize, (ChunkOut, u64)>,
    next: usize,
}

impl<'a> InOrder<'a> {
    pub(super) fn new(
        sinks: &'a mut [Box<dyn Sink>],
        acc: &'a mut Acc,
        bufs: &'a BufPool,
        entry_rank: Option<&'a AtomicU8>,
        progress: Option<&'a (dyn Fn(Progress<'_>) + Sync)>,
    ) -> InOrder<'a> {
        InOrder { sinks, acc, bufs, entry_rank, progress, records: 0, pending: BTreeMap::new(), next: 0 }
    }

    /// Takes batch `idx` (read when `bytes` of the file were read) and writes every batch whose
    /// turn has come.
    pub(super) fn take(&mut self, idx: usize, chunk: ChunkOut, bytes: u64) -> Result<(), Error> {
        self.pending.insert(idx, (chunk, bytes));
        while let Some((c, bytes)) = self.pending.remove(&self.next) {
            self.next += 1;
            self.write(c, bytes)?;
        }
        Ok(())
    }

    fn write(&mut self, mut c: ChunkOut, bytes: u64) -> Result<(), Error> {
        let html: Vec<HtmlRow> = c.deltas.iter_mut().filter_map(|d| d.html.take()).collect();
        let batch = Batch { rows: &c.rows, csv: &c.csv, html: &html };
        for sink in self.sinks.iter_mut() {
            sink.batch(&batch)?;
        }
        for (supplier, _, n) in &c.csv.supplier_rows {
            self.acc.count_actions(supplier, *n);
        }
        self.bufs.give(c.csv.audit);
        self.bufs.give(c.csv.findings);
        self.bufs.give(c.csv.rejected);
        self.records += c.deltas.len() as u64;
        for d in c.deltas {
            self.acc.add(d);
        }
        if let Some(rank) = self.entry_rank {
            rank.store(self.acc.worst.entry_rank(), Ordering::Relaxed);
        }
        if let Some(p) = self.progress {
            p(Progress::Advance { records: self.records, bytes });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::rules::{CriterionStatus, RuleId, Status};

    fn delta(verdict: Verdict, supplier: &str, rules: &[(RuleId, bool)]) -> Delta {
        Delta {
            counted_only: false,
            verdict,
            statuses: Some([CriterionStatus::Is(Status::Pass); 6]),
            supplier: supplier.into(),
            supplier_key: crate::ingest::supplier_key(supplier),
            rules: rules.to_vec(),
            product: None,
            rejected: None,
            change: None,
            sources: None,
            gap_rules: Vec::new(),
            grade: None,
            pass_entry: None,
            continuation: false,
            html: None,
        }
    }

    fn product(row: u64, verdict: Verdict, supplier: &str) -> ProductEntry {
        ProductEntry {
            row,
            line: row + 1,
            sku: format!("S{row}"),
            gtin: String::new(),
            product: format!("P{row}"),
            supplier: supplier.into(),
            verdict,
            findings: vec![],
        }
    }

    fn with_product(verdict: Verdict, row: u64, supplier: &str) -> Delta {
        Delta { product: Some(product(row, verdict, supplier)), ..delta(verdict, supplier, &[(RuleId::FormK2Mk7, false)]) }
    }

    fn invalid(row: u64, supplier: &str) -> Delta {
        Delta {
            statuses: None,
            rules: vec![],
            rejected: Some(RejectedEntry { row, line: row + 1, reason: "ragged".into() }),
            ..delta(Verdict::Invalid, supplier, &[])
        }
    }

    #[test]
    fn add_counts_verdicts_rules_and_what_reaches_fail_on() {
        let mut acc = Acc::new(10, false, Some(Severity::Review), None);
        acc.add(delta(Verdict::Pass, "Acme", &[]));
        acc.add(delta(Verdict::Warn, "Acme", &[(RuleId::CarrierOil, false)]));
        acc.add(delta(Verdict::Review, "", &[(RuleId::CarrierOil, false), (RuleId::FormK2Mk7, true)]));
        acc.add(delta(Verdict::Skipped, "BETA", &[]));
        acc.add(invalid(5, "Beta"));
        let t = &acc.tally;
        assert_eq!(t.verdicts, [1, 1, 1, 0, 1, 1]);
        assert_eq!(t.rules, BTreeMap::from([(RuleId::CarrierOil, 2)]));
        assert_eq!(t.waived, BTreeMap::from([(RuleId::FormK2Mk7, 1)]));
        // Criteria count in-scope products only (not skipped, not invalid).
        assert_eq!(t.criteria[0].pass, 3);
        // --fail-on review: the review and the invalid record.
        assert_eq!(acc.reached_fail_on, 2);
        // Suppliers are keyed by spelling (`BETA` and `Beta` are one), `""` naming none.
        assert_eq!(acc.suppliers.keys().collect::<Vec<_>>(), ["", "acme", "beta"]);
        assert_eq!(acc.names.display("beta"), "BETA", "a tie goes to the spelling seen first");
        assert_eq!(acc.suppliers["beta"].tally.records(), 2);
        assert_eq!(acc.suppliers["acme"].tally.records(), 2);
        assert_eq!(acc.suppliers["beta"].tally.count(Verdict::Invalid), 1);
        assert_eq!((acc.rejected_total, acc.rejected.len()), (1, 1));
        // Not split: supplier parts keep no lists.
        assert!(acc.suppliers["beta"].rejected.is_empty());
    }

    #[test]
    fn add_lists_the_worst_products_and_counts_the_rest() {
        let mut acc = Acc::new(2, true, None, None);
        acc.add(with_product(Verdict::Warn, 1, "Acme"));
        acc.add(with_product(Verdict::Fail, 2, "Acme"));
        acc.add(with_product(Verdict::Review, 3, "Beta"));
        acc.add(Delta { counted_only: true, ..delta(Verdict::Warn, "Beta", &[]) });
        acc.add(invalid(5, "Beta"));
        assert_eq!(acc.reached_fail_on, 0, "--fail-on never");
        assert_eq!(acc.worst.total, 4);
        let rows: Vec<u64> = acc.worst.clone().into_sorted().iter().map(|p| p.row).collect();
        assert_eq!(rows, [2, 3]);
        // Split: each supplier keeps its own list and rejected records.
        let acme = &acc.suppliers["acme"];
        assert_eq!(acme.worst.clone().into_sorted().iter().map(|p| p.row).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(acc.suppliers["beta"].worst.total, 1);
        assert_eq!(acc.suppliers["beta"].rejected.len(), 1);
    }

    #[test]
    fn add_counts_changes_since_the_baseline() {
        let mut acc = Acc::new(10, false, Some(Severity::Fail), Some(Changes::default()));
        let changed = |d: Delta, change: Change, before: Option<Verdict>| Delta { change: Some((change, before)), ..d };
        acc.add(changed(with_product(Verdict::Fail, 1, "A"), Change::Worse, Some(Verdict::Warn)));
        acc.add(changed(with_product(Verdict::Fail, 2, "A"), Change::New, None));
        acc.add(changed(with_product(Verdict::Warn, 3, "A"), Change::New, None));
        acc.add(changed(delta(Verdict::Pass, "A", &[]), Change::Better, Some(Verdict::Warn)));
        acc.add(changed(delta(Verdict::Pass, "A", &[]), Change::Same, Some(Verdict::Pass)));
        let Some(ch) = &acc.changes else { panic!("changes are kept with a baseline") };
        assert_eq!((ch.new, ch.worse, ch.better, ch.same), (2, 1, 1, 1));
        // The worse product, and the new one that reaches --fail-on fail.
        assert_eq!(ch.worse_reaching_fail_on, 2);
        assert_eq!(ch.worse_products.len(), 1);
        assert_eq!((ch.worse_products[0].row, ch.worse_products[0].before, ch.worse_products[0].after), (1, Verdict::Warn, Verdict::Fail));
    }

    #[test]
    fn add_counts_grades_passing_products_and_each_suppliers_changes() {
        use crate::policy::{GradeCounts, GradeInput};
        use crate::results::PassEntry;
        let mut acc = Acc::new(1, true, None, Some(Changes::default()));
        let g = |ok, safety_fail| Some(GradeInput { graded: true, ok, safety_fail });
        let pass = |row: u64| Some(PassEntry { row, sku: format!("S{row}"), gtin: "0123".into(), product: "P".into() });
        acc.add(Delta {
            grade: g(true, false),
            pass_entry: pass(1),
            change: Some((Change::Better, Some(Verdict::Warn))),
            ..delta(Verdict::Pass, "Acme", &[])
        });
        acc.add(Delta {
            grade: g(true, false),
            pass_entry: pass(2),
            change: Some((Change::New, None)),
            ..delta(Verdict::Pass, "Acme", &[])
        });
        let fail = delta(Verdict::Fail, "Acme", &[(RuleId::SafetyWarfarin, false)]);
        acc.add(Delta { grade: g(false, true), change: Some((Change::Worse, Some(Verdict::Pass))), ..fail });
        acc.add(Delta { grade: None, ..delta(Verdict::Skipped, "Acme", &[]) });
        let acme = &acc.suppliers["acme"];
        assert_eq!(acme.tally.grading, GradeCounts { audited: 3, graded: 3, ok: 2, safety_fail: 1 });
        assert_eq!(acc.tally.grading, acme.tally.grading);
        assert_eq!((acme.passing.len(), acme.passing_total), (1, 2), "listed up to the cap, every one counted");
        assert_eq!(acme.changes, SupplierChanges { fixed: 1, worse: 1, new: 1, same: 0 });
    }

    fn chunk(audit: &str, deltas: Vec<Delta>) -> ChunkOut {
        let csv =
            crate::report::csv::Encoded { audit: audit.as_bytes().to_vec(), findings: audit.as_bytes().to_vec(), ..Default::default() };
        ChunkOut { csv, deltas, ..ChunkOut::default() }
    }

    /// A sink that keeps the audit.csv bytes it is given.
    struct Kept(std::sync::Arc<Mutex<Vec<u8>>>);

    impl Sink for Kept {
        fn row(&mut self, _: &crate::results::AuditRow) -> Result<(), Error> {
            Ok(())
        }
        fn batch(&mut self, batch: &Batch<'_>) -> Result<(), Error> {
            if let Ok(mut k) = self.0.lock() {
                k.extend_from_slice(&batch.csv.audit);
            }
            Ok(())
        }
        fn finish(self: Box<Self>, _: &crate::report::sink::End<'_>) -> Result<(), Error> {
            Ok(())
        }
    }

    #[test]
    fn batches_are_written_in_input_order_whatever_order_they_finish_in() -> Result<(), Error> {
        let kept = std::sync::Arc::new(Mutex::new(Vec::new()));
        let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(Kept(kept.clone())), Box::new(Kept(kept.clone()))];
        let mut acc = Acc::new(10, false, None, None);
        let bufs = BufPool::default();
        let rank = AtomicU8::new(0);
        let seen = Mutex::new(Vec::new());
        let progress = |p: Progress<'_>| {
            if let (Progress::Advance { records, bytes }, Ok(mut s)) = (p, seen.lock()) {
                s.push((records, bytes));
            }
        };
        let mut w = InOrder::new(&mut sinks, &mut acc, &bufs, Some(&rank), Some(&progress));
        w.take(2, chunk("3,c\n", vec![delta(Verdict::Fail, "", &[])]), 300)?;
        w.take(1, chunk("2,b\n", vec![delta(Verdict::Pass, "", &[])]), 200)?;
        assert_eq!(w.acc.tally.records(), 0, "nothing is written before batch 0");
        w.take(0, chunk("1,a\n", vec![delta(Verdict::Pass, "", &[])]), 100)?;
        assert_eq!(w.acc.tally.records(), 3);
        w.take(3, chunk("4,d\n", vec![]), 400)?;
        assert_eq!(seen.lock().map(|s| s.clone()).unwrap_or_default(), [(1, 100), (2, 200), (3, 300), (3, 400)]);
        let text = kept.lock().map(|k| String::from_utf8_lossy(&k).into_owned()).unwrap_or_default();
        assert_eq!(text, "1,a\n1,a\n2,b\n2,b\n3,c\n3,c\n4,d\n4,d\n", "each batch goes to every sink in turn");
        Ok(())
    }
}
