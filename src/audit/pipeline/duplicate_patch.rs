//! Flagging first duplicates: the first record of a duplicated SKU learns about its duplicates
//! only after the whole file is read. Its audit.csv row is rewritten (verdict, issues, change),
//! its finding is inserted into findings.csv and the tallies are corrected. Runs only when the
//! file has duplicates, on the temporary files, before they are renamed into place.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;

use super::duplicates::FirstDuplicate;
use super::outputs::CsvOutputs;
use super::writer::Acc;
use crate::audit::baseline::{Baseline, Change, WorseProduct};
use crate::audit::summary::{FindingEntry, NO_SUPPLIER, ProductEntry, Tally, Verdict, WorstProducts};
use crate::error::Error;
use crate::policy::Policy;
use crate::report::atomic::AtomicFile;
use crate::report::csv::{self as rcsv, FINDINGS_HEADER, audit_col, findings_col};
use crate::rules::{Criterion, Finding, RuleId, Status, data};

const RULE: RuleId = RuleId::DataDuplicateSku;

/// Flags the first record of every duplicated SKU in `outputs` (`firsts` in row order).
pub(super) fn flag_first_duplicates(
    outputs: &mut CsvOutputs,
    firsts: &[FirstDuplicate],
    acc: &mut Acc,
    policy: &Policy,
    baseline: Option<&Baseline>,
) -> Result<(), Error> {
    let mut patch = Patch { acc, policy, baseline };
    let inserts = rewrite(&mut outputs.audit, |rdr, w, at| patch.audit_rows(rdr, w, at, firsts))?;
    rewrite(&mut outputs.findings, |rdr, w, at| insert_findings(rdr, w, at, &inserts))
}

/// Where a rewrite reads and writes, for error messages.
#[derive(Clone, Copy)]
struct At<'p> {
    read: &'p Path,
    write: &'p Path,
}

impl At<'_> {
    fn read_err(self, e: impl std::fmt::Display) -> Error {
        Error::Io { path: self.read.display().to_string(), message: e.to_string() }
    }
    fn write_err(self, e: impl std::fmt::Display) -> Error {
        Error::Io { path: self.write.display().to_string(), message: e.to_string() }
    }
}

/// Reads the tool's own CSVs back: every row, header included, of any length.
fn own_csv() -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(false).flexible(true);
    b
}

/// Rewrites one temporary CSV file: `edit` copies its rows, read back, into a fresh temporary
/// file, which takes its place.
fn rewrite<T>(
    file: &mut AtomicFile,
    edit: impl FnOnce(&mut csv::Reader<std::fs::File>, &mut csv::Writer<&mut AtomicFile>, At) -> Result<T, Error>,
) -> Result<T, Error> {
    let read = file.written_path()?;
    let dest = file.dest().to_path_buf();
    let at = At { read: &read, write: &dest };
    let mut fresh = AtomicFile::create(&dest)?;
    let value = {
        let mut rdr = own_csv().from_path(&read).map_err(|e| at.read_err(e))?;
        let mut w = rcsv::csv_writer(&mut fresh);
        let value = edit(&mut rdr, &mut w, at)?;
        w.flush().map_err(|e| at.write_err(e))?;
        value
    };
    *file = fresh;
    Ok(value)
}

/// A finding for findings.csv: the record's row, its SKU as audit.csv wrote it, the finding.
struct Insert {
    row: u64,
    sku: String,
    finding: Finding,
}

/// A flagged first record, as its audit.csv row tells it.
struct Flagged {
    row: u64,
    line: u64,
    sku: String,
    product: String,
    /// As written in the catalogue (empty when it names none).
    supplier: String,
    old: Verdict,
    new: Verdict,
    entry: FindingEntry,
}

impl Flagged {
    fn product_entry(&self) -> ProductEntry {
        ProductEntry {
            row: self.row,
            line: self.line,
            sku: self.sku.clone(),
            product: self.product.clone(),
            supplier: self.supplier.clone(),
            verdict: self.new,
            findings: vec![self.entry.clone()],
        }
    }
}

struct Patch<'a> {
    acc: &'a mut Acc,
    policy: &'a Policy,
    baseline: Option<&'a Baseline>,
}

impl Patch<'_> {
    /// Copies audit.csv, rewriting the rows of `firsts`; returns their findings.
    fn audit_rows<R: Read, W: Write>(
        &mut self,
        rdr: &mut csv::Reader<R>,
        w: &mut csv::Writer<W>,
        at: At,
        firsts: &[FirstDuplicate],
    ) -> Result<Vec<Insert>, Error> {
        let mut inserts = Vec::with_capacity(firsts.len());
        let mut rec = csv::StringRecord::new();
        let mut next = 0usize;
        let mut header = true;
        while rdr.read_record(&mut rec).map_err(|e| at.read_err(e))? {
            let row: u64 = if header { 0 } else { rec.get(audit_col::ROW).and_then(|x| x.parse().ok()).unwrap_or(0) };
            header = false;
            while next < firsts.len() && firsts[next].0 < row {
                next += 1;
            }
            let Some(&(_, count)) = firsts.get(next).filter(|f| f.0 == row) else {
                w.write_record(&rec).map_err(|e| at.write_err(e))?;
                continue;
            };
            let mut cells: Vec<String> = rec.iter().map(String::from).collect();
            let finding = self.flag(&mut cells, row, count);
            w.write_record(&cells).map_err(|e| at.write_err(e))?;
            if let Some(finding) = finding {
                inserts.push(Insert { row, sku: cells.get(audit_col::SKU).cloned().unwrap_or_default(), finding });
            }
        }
        Ok(inserts)
    }

    /// Flags one first record's row (`count`: records using its SKU) and corrects the tallies;
    /// `None` when it is not an in-scope product.
    fn flag(&mut self, cells: &mut [String], row: u64, count: u32) -> Option<Finding> {
        let old = Verdict::parse(cells.get(audit_col::VERDICT)?).unwrap_or(Verdict::Skipped);
        if !matches!(old, Verdict::Pass | Verdict::Warn | Verdict::Review | Verdict::Fail) {
            return None;
        }
        let text = |c: usize| cells.get(c).map_or("", |s| rcsv::unescape(s)).to_string();
        let (sku, product, supplier) = (text(audit_col::SKU), text(audit_col::PRODUCT), text(audit_col::SUPPLIER));
        let line: u64 = cells.get(audit_col::LINE).and_then(|x| x.parse().ok()).unwrap_or(0);
        let mut finding = data::duplicate_first(&sku, count as u64);
        if let Some(wv) = self.policy.waiver_for(RULE, &sku, &supplier) {
            wv.record_match();
            finding.waived = Some(wv.reason.clone());
        }
        let waived = finding.waived.is_some();
        let new = if waived { old } else { old.max(Verdict::Warn) };
        cells[audit_col::VERDICT] = new.as_str().to_string();
        if !waived && let Some(issues) = cells.get_mut(audit_col::ISSUES) {
            let msg = rcsv::escape(&finding.message).into_owned();
            *issues = if issues.is_empty() { msg } else { format!("{issues}; {}", finding.message) };
        }
        let entry = FindingEntry {
            rule: RULE,
            criterion: RULE.criterion(),
            status: Status::Warn,
            message: finding.message.clone(),
            evidence: String::new(),
            waived,
        };
        let flagged = Flagged { row, line, sku, product, supplier, old, new, entry };
        self.recount(&flagged);
        if flagged.new != flagged.old
            && let Some(cell) = cells.get_mut(audit_col::CHANGE)
        {
            self.rebaseline(cell, &flagged);
        }
        Some(finding)
    }

    /// Corrects the tallies and lists of the catalogue and of the record's supplier.
    fn recount(&mut self, f: &Flagged) {
        let acc = &mut *self.acc;
        recount(&mut acc.tally, &mut acc.worst, f);
        let supplier = if f.supplier.is_empty() { NO_SUPPLIER } else { f.supplier.as_str() };
        if let Some(part) = acc.suppliers.get_mut(supplier) {
            recount(&mut part.tally, &mut part.worst, f);
        }
        if f.new.reaches(acc.fail_on) && !f.old.reaches(acc.fail_on) {
            acc.reached_fail_on += 1;
        }
    }

    /// With a baseline: compares the record again under its new verdict and moves it between the
    /// change counts (`cell`: its `change` cell).
    fn rebaseline(&mut self, cell: &mut String, f: &Flagged) {
        let (Some(b), Some(ch)) = (self.baseline, self.acc.changes.as_mut()) else { return };
        let before = Change::parse(cell);
        let (after, prev) = b.compare(&f.sku, "", &f.product, f.new);
        *cell = after.as_str().to_string();
        if let Some(before) = before {
            ch.count(before, -1);
        }
        ch.count(after, 1);
        if after == Change::Worse && before != Some(Change::Worse) {
            ch.worse_reaching_fail_on += 1;
            if let Some(prev) = prev {
                ch.worse_products.push(WorseProduct {
                    row: f.row,
                    sku: f.sku.clone(),
                    product: f.product.clone(),
                    supplier: f.supplier.clone(),
                    before: prev,
                    after: f.new,
                    findings: vec![f.entry.clone()],
                });
            }
        }
    }
}

/// One tally's correction: the data criterion goes from pass to warn, the verdict may too (a
/// waived finding only counts as waived).
fn recount(t: &mut Tally, worst: &mut WorstProducts, f: &Flagged) {
    if f.entry.waived {
        *t.waived.entry(RULE).or_insert(0) += 1;
        return;
    }
    *t.rules.entry(RULE).or_insert(0) += 1;
    let d = &mut t.criteria[Criterion::Data.index()];
    d.pass = d.pass.saturating_sub(1);
    d.warn += 1;
    if f.new != f.old {
        t.verdicts[f.old as usize] -= 1;
        t.verdicts[f.new as usize] += 1;
        worst.push(f.product_entry());
    } else {
        worst.amend(f.row, |e| e.findings.push(f.entry.clone()));
    }
}

/// Copies findings.csv, putting each new finding after its record's other findings.
fn insert_findings<R: Read, W: Write>(rdr: &mut csv::Reader<R>, w: &mut csv::Writer<W>, at: At, inserts: &[Insert]) -> Result<(), Error> {
    let mut rec = csv::StringRecord::new();
    let mut next = 0usize;
    let mut header = true;
    while rdr.read_record(&mut rec).map_err(|e| at.read_err(e))? {
        if !header {
            let row: u64 = rec.get(findings_col::ROW).and_then(|x| x.parse().ok()).unwrap_or(0);
            while next < inserts.len() && inserts[next].row < row {
                write_insert(w, &inserts[next]).map_err(|e| at.write_err(e))?;
                next += 1;
            }
        }
        header = false;
        w.write_record(&rec).map_err(|e| at.write_err(e))?;
    }
    for ins in &inserts[next..] {
        write_insert(w, ins).map_err(|e| at.write_err(e))?;
    }
    Ok(())
}

/// The findings.csv row of an inserted finding (no evidence, no column).
fn write_insert<W: Write>(w: &mut csv::Writer<W>, ins: &Insert) -> csv::Result<()> {
    let f = &ins.finding;
    let mut cells: [Cow<str>; FINDINGS_HEADER.len()] = Default::default();
    cells[findings_col::ROW] = ins.row.to_string().into();
    cells[findings_col::SKU] = ins.sku.as_str().into();
    cells[findings_col::CRITERION] = f.criterion().as_str().into();
    cells[findings_col::RULE] = f.rule.as_str().into();
    cells[findings_col::STATUS] = f.status.as_str().into();
    cells[findings_col::MESSAGE] = rcsv::escape(&f.message);
    cells[findings_col::WAIVED] = if f.waived.is_some() { "yes" } else { "no" }.into();
    w.write_record(cells.iter().map(|c| c.as_bytes()))
}
