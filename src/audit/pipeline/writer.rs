//! Writing in order: batches finish out of order on the pool; the writer puts them back in input
//! order, appends their bytes to the outputs and folds their deltas into the running [`Acc`].

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU8, Ordering};

use super::Progress;
use super::chunk::{BufPool, ChunkOut, Delta};
use super::outputs::CsvOutputs;
use crate::audit::baseline::{Change, Changes, WorseProduct};
use crate::audit::summary::{NO_SUPPLIER, ProductEntry, RejectedEntry, SupplierPart, Tally, Verdict, WorstProducts};
use crate::error::Error;

/// Rejected records kept for the reports (the rest are only counted).
const REJECTED_CAP: usize = 1000;

/// Running state of the writer: the tallies and the capped lists the reports are built from.
pub(super) struct Acc {
    pub(super) tally: Tally,
    pub(super) suppliers: BTreeMap<String, SupplierPart>,
    pub(super) worst: WorstProducts,
    pub(super) rejected: Vec<RejectedEntry>,
    pub(super) rejected_total: u64,
    pub(super) reached_fail_on: u64,
    pub(super) changes: Option<Changes>,
    /// Per-supplier lists are kept (`--split-by-supplier`).
    split: bool,
    /// The PDF's product list length (`max_products`).
    cap: usize,
    pub(super) fail_on: Option<u8>,
}

impl Acc {
    /// `changes`: `Some` (empty) with a baseline.
    pub(super) fn new(cap: usize, split: bool, fail_on: Option<u8>, changes: Option<Changes>) -> Acc {
        Acc {
            tally: Tally::default(),
            suppliers: BTreeMap::new(),
            worst: WorstProducts::new(cap),
            rejected: Vec::new(),
            rejected_total: 0,
            reached_fail_on: 0,
            changes,
            split,
            cap,
            fail_on,
        }
    }

    /// Counts one record.
    pub(super) fn add(&mut self, d: Delta) {
        self.tally.add_record(d.verdict, d.statuses.as_ref(), &d.rules);
        let reaches = d.verdict.reaches(self.fail_on);
        if reaches {
            self.reached_fail_on += 1;
        }
        let supplier = if d.supplier.is_empty() { NO_SUPPLIER } else { d.supplier.as_str() };
        if !self.suppliers.contains_key(supplier) {
            let part = SupplierPart {
                tally: Tally::default(),
                worst: WorstProducts::new(if self.split { self.cap } else { 0 }),
                rejected: Vec::new(),
            };
            self.suppliers.insert(supplier.to_string(), part);
        }
        let Some(part) = self.suppliers.get_mut(supplier) else { return };
        part.tally.add_record(d.verdict, d.statuses.as_ref(), &d.rules);
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
    outputs: &'a mut CsvOutputs,
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
        outputs: &'a mut CsvOutputs,
        acc: &'a mut Acc,
        bufs: &'a BufPool,
        entry_rank: Option<&'a AtomicU8>,
        progress: Option<&'a (dyn Fn(Progress<'_>) + Sync)>,
    ) -> InOrder<'a> {
        InOrder { outputs, acc, bufs, entry_rank, progress, records: 0, pending: BTreeMap::new(), next: 0 }
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

    fn write(&mut self, c: ChunkOut, bytes: u64) -> Result<(), Error> {
        self.outputs.append(&c)?;
        self.bufs.give(c.audit);
        self.bufs.give(c.findings);
        self.bufs.give(c.rejected);
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
