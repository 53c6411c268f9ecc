//! Assessing one batch: every record assessed (final: its duplicates are known), made a typed
//! [`AuditRow`] when a sink wants rows, its CSV rows encoded into the batch's own buffers, and
//! reduced to the [`Delta`] the writer keeps. Runs as one task on the rayon pool per batch.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::audit::assess::{Dup, assess};
use crate::audit::baseline::Baseline;
use crate::error::Error;
use crate::extract::{Scratch, Sources};
use crate::ingest::{ColumnMap, Field, Item, SupplierAliases};
use crate::policy::GradeInput;
use crate::policy::Policy;
use crate::report::csv as rcsv;
use crate::report::html::HtmlRow;
use crate::results::{Assessed, AuditRow, Change};
use crate::results::{FindingEntry, PassEntry, ProductEntry, RejectedEntry, Verdict};
use crate::rules::{CriterionStatus, RuleId, Status, remedy};

/// What the writer keeps from one record.
pub(super) struct Delta {
    /// A non-pass product whose entry was not built: it only counts toward the list's total.
    pub(super) counted_only: bool,
    pub(super) verdict: Verdict,
    pub(super) statuses: Option<[CriterionStatus; 6]>,
    pub(super) supplier: String,
    /// The key its supplier is grouped under (SPEC §10; `""`: it names none).
    pub(super) supplier_key: String,
    pub(super) rules: Vec<(RuleId, bool)>,
    pub(super) product: Option<ProductEntry>,
    pub(super) rejected: Option<RejectedEntry>,
    pub(super) change: Option<(Change, Option<Verdict>)>,
    /// Where an audited product's facts came from (`None` for skipped and invalid records).
    pub(super) sources: Option<Sources>,
    /// The rules of its data-gap findings that count (not waived).
    pub(super) gap_rules: Vec<RuleId>,
    /// How an in-scope product counts toward its supplier's grade.
    pub(super) grade: Option<GradeInput>,
    /// A passing product, kept for its supplier's review (`--split-by supplier`).
    pub(super) pass_entry: Option<PassEntry>,
    /// A continuation row of a variant export (skipped, and counted apart).
    pub(super) continuation: bool,
    /// The audited product's row of report.html (when it is written).
    pub(super) html: Option<HtmlRow>,
}

/// One batch, assessed, in input order: its typed rows (when a sink wants them), its CSV rows
/// encoded, and its records' deltas.
#[derive(Default)]
pub(super) struct ChunkOut {
    pub(super) rows: Vec<AuditRow>,
    pub(super) csv: rcsv::Encoded,
    pub(super) deltas: Vec<Delta>,
}

/// Output buffers handed back by the writer for reuse, so the hot loop does not fault in fresh
/// pages for every chunk.
#[derive(Default)]
pub(super) struct BufPool(Mutex<Vec<Vec<u8>>>);

impl BufPool {
    fn take(&self) -> Vec<u8> {
        self.0.lock().ok().and_then(|mut v| v.pop()).unwrap_or_default()
    }
    pub(super) fn give(&self, mut b: Vec<u8>) {
        b.clear();
        if let Ok(mut v) = self.0.lock()
            && v.len() < 256
        {
            v.push(b);
        }
    }
}

/// What every batch is assessed with, shared by the tasks.
pub(super) struct ChunkContext<'a> {
    pub(super) cols: &'a ColumnMap,
    pub(super) policy: &'a Policy,
    pub(super) baseline: Option<&'a Baseline>,
    /// Products must rank above it to make the PDF's capped list (kept current by the writer),
    /// so workers skip building entries that would be dropped.
    pub(super) entry_rank: &'a AtomicU8,
    pub(super) bufs: &'a BufPool,
    /// `--split-by supplier`: build the action lists and keep passing products.
    pub(super) split: bool,
    /// Encode audit.csv, findings.csv, rejected.csv and the keys file (CSV output is asked for).
    pub(super) csv: bool,
    /// Build the typed rows (a sink wants them).
    pub(super) rows: bool,
    /// report.html is written: every audited product's row of the page is built.
    pub(super) html: bool,
    /// How suppliers are grouped: spellings, and the mapping file's `[suppliers]`.
    pub(super) suppliers: &'a SupplierAliases,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

/// Each finding's remedy (empty for passes; for a data gap, the label data to send), when needed.
fn required_changes(a: &Assessed, ctx: &ChunkContext<'_>) -> Vec<String> {
    let Some(facts) = &a.facts else { return Vec::new() };
    let changes = ctx.policy.remedy_context();
    a.findings.iter().map(|f| if f.status == Status::Pass { String::new() } else { remedy(f, facts, changes) }).collect()
}

fn finding_entries(a: &Assessed, changes: &[String]) -> Vec<FindingEntry> {
    a.findings
        .iter()
        .zip(changes.iter().map(String::as_str).chain(std::iter::repeat("")))
        .filter(|(f, _)| f.status != Status::Pass)
        .map(|(f, change)| FindingEntry {
            rule: f.rule,
            criterion: f.criterion(),
            status: f.status,
            message: f.message.clone(),
            evidence: f.evidence.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            waived: f.waived.is_some(),
            data_gap: f.data_gap.is_some(),
            required_change: change.to_string(),
        })
        .collect()
}

/// Adds a record's action list rows, under its supplier's key, when it has any.
fn supplier_rows(out: &mut Vec<(String, Vec<u8>, u64)>, a: &Assessed, key: &str, changes: &[String]) {
    let n = a.findings.iter().filter(|f| f.status != Status::Pass && f.waived.is_none()).count() as u64;
    if n == 0 {
        return;
    }
    let mut rows = Vec::new();
    rcsv::write_supplier_actions(&mut rows, a, changes);
    out.push((key.to_string(), rows, n));
}

/// A record's `url` cell (empty for an invalid record).
fn url_of(item: &Item) -> &str {
    match item {
        Item::Record(r) => r.get(Field::Url),
        Item::Invalid(_) => "",
    }
}

/// Assesses one batch; `dups[i]` says which records share item `i`'s SKU.
pub(super) fn process_chunk(items: &[Item], dups: &[Dup], ctx: &ChunkContext<'_>) -> Result<ChunkOut, Error> {
    let mut out = ChunkOut {
        rows: Vec::with_capacity(if ctx.rows { items.len() } else { 0 }),
        csv: rcsv::Encoded {
            keys: Vec::new(),
            audit: ctx.bufs.take(),
            findings: ctx.bufs.take(),
            rejected: ctx.bufs.take(),
            supplier_rows: Vec::new(),
        },
        deltas: Vec::with_capacity(items.len()),
    };
    let baseline = ctx.baseline;
    let with_change = baseline.is_some();
    SCRATCH.with(|s| {
        let mut scratch = s.borrow_mut();
        let mut issues = String::new();
        for (item, dup) in items.iter().zip(dups) {
            let mut a = assess(item, ctx.cols, ctx.policy, ctx.suppliers, *dup, &mut scratch);
            let change = baseline.map(|b| b.compare(&a.sku, &a.gtin, &a.product, a.verdict));
            if ctx.csv {
                let csv = &mut out.csv;
                if !a.gtin.is_empty() {
                    rcsv::write_key(&mut csv.keys, a.row, &a.gtin);
                }
                rcsv::write_audit_row(&mut csv.audit, &a, change.map(|c| c.0), with_change, &mut issues);
                rcsv::write_findings(&mut csv.findings, &a);
                rcsv::write_rejected(&mut csv.rejected, &a);
            }
            let non_pass = !matches!(a.verdict, Verdict::Pass | Verdict::Skipped | Verdict::Invalid)
                && a.verdict.rank() > ctx.entry_rank.load(Ordering::Relaxed);
            let in_scope = !matches!(a.verdict, Verdict::Skipped | Verdict::Invalid);
            let changes = if (non_pass || ctx.split || ctx.html) && in_scope { required_changes(&a, ctx) } else { Vec::new() };
            let html = ctx.html.then(|| HtmlRow::of(&a, url_of(item), &changes)).flatten();
            let supplier_key = ctx.suppliers.key(&a.supplier);
            if ctx.split && in_scope {
                supplier_rows(&mut out.csv.supplier_rows, &a, &supplier_key, &changes);
            }
            let product = non_pass.then(|| ProductEntry {
                row: a.row,
                line: a.line,
                sku: a.sku.to_string(),
                gtin: a.gtin.to_string(),
                product: a.product.to_string(),
                supplier: a.supplier.to_string(),
                verdict: a.verdict,
                findings: finding_entries(&a, &changes),
            });
            let pass_entry = (ctx.split && a.verdict == Verdict::Pass).then(|| PassEntry {
                row: a.row,
                sku: a.sku.to_string(),
                gtin: a.gtin.to_string(),
                product: a.product.to_string(),
            });
            let grade = in_scope.then(|| GradeInput::of(&a.findings));
            let rejected = a.invalid.as_ref().map(|i| RejectedEntry { row: i.row, line: i.line, reason: i.reason.clone() });
            let audited = matches!(a.verdict, Verdict::Pass | Verdict::Warn | Verdict::Review | Verdict::Fail);
            let sources = a.facts.as_ref().filter(|_| audited).map(|f| f.sources);
            let gap_rules = a.findings.iter().filter(|f| f.data_gap.is_some() && f.waived.is_none()).map(|f| f.rule).collect();
            let counted_only = !non_pass && matches!(a.verdict, Verdict::Warn | Verdict::Review | Verdict::Fail);
            let supplier = if ctx.rows { a.supplier.to_string() } else { std::mem::take(&mut a.supplier).into_owned() };
            out.deltas.push(Delta {
                continuation: a.continuation_of.is_some(),
                counted_only,
                verdict: a.verdict,
                statuses: a.statuses,
                supplier,
                supplier_key,
                rules: a.findings.iter().filter(|f| f.status != Status::Pass).map(|f| (f.rule, f.waived.is_some())).collect(),
                product,
                rejected,
                change,
                sources,
                gap_rules,
                grade,
                pass_entry,
                html,
            });
            if ctx.rows {
                out.rows.push(AuditRow { change: change.map(|c| c.0), assessed: a.into_owned() });
            }
        }
    });
    Ok(out)
}
