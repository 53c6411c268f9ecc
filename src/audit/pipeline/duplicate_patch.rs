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
use crate::audit::baseline::Baseline;
use crate::error::Error;
use crate::policy::Policy;
use crate::report::atomic::AtomicFile;
use crate::report::csv::{self as rcsv, FINDINGS_HEADER, audit_col, findings_col};
use crate::report::html::HtmlPatch;
use crate::results::{Change, WorseProduct};
use crate::results::{FindingEntry, NO_SUPPLIER, ProductEntry, Tally, Verdict, WorstProducts};
use crate::rules::{Criterion, DUPLICATE_SKU_CHANGE, Finding, RuleId, Status, data};

const RULE: RuleId = RuleId::DataDuplicateSku;

/// Flags the first record of every duplicated SKU in `outputs` (`firsts` in row order); returns
/// the flagged products for report.html.
pub(super) fn flag_first_duplicates(
    outputs: &mut CsvOutputs,
    firsts: &[FirstDuplicate],
    acc: &mut Acc,
    policy: &Policy,
    baseline: Option<&Baseline>,
) -> Result<Vec<HtmlPatch>, Error> {
    let mut patch = Patch { acc, policy, baseline, actions: Vec::new(), html: Vec::new() };
    let inserts = rewrite(&mut outputs.audit, |rdr, w, at| patch.audit_rows(rdr, w, at, firsts))?;
    if let Some(spool) = outputs.suppliers.as_mut() {
        for (supplier, row) in &patch.actions {
            spool.append(supplier, row, 1)?;
        }
    }
    rewrite(&mut outputs.findings, |rdr, w, at| insert_findings(rdr, w, at, &inserts))?;
    Ok(patch.html)
}

/// Where a rewrite reads and writes, for error messages.
#[derive(Clone, Copy)]
struct At<'p> {
    read: &'p Path,
    write: &'p Path,
}

impl At<'_> {
    fn read_err(self, e: impl Into<std::io::Error>) -> Error {
        Error::io(self.read, "cannot read back", e.into())
    }
    fn write_err(self, e: impl Into<std::io::Error>) -> Error {
        Error::io(self.write, "cannot write", e.into())
    }
}

/// True when the file at `path` starts with a UTF-8 byte-order mark.
fn starts_with_bom(path: &Path) -> std::io::Result<bool> {
    let mut head = [0u8; 3];
    let mut f = std::fs::File::open(path)?;
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(head[..n] == *rcsv::BOM)
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
    // The csv reader drops a byte-order mark: keep the one the file started with.
    if starts_with_bom(&read).map_err(|e| at.read_err(e))? {
        fresh.write_all(rcsv::BOM).map_err(|e| at.write_err(e))?;
    }
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
    /// From the record's entry in its supplier's lists (kept with `--split-by supplier`).
    gtin: String,
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
            gtin: self.gtin.clone(),
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
    /// Action list rows for the suppliers' files: (supplier, row).
    actions: Vec<(String, Vec<u8>)>,
    /// The flagged products, for report.html.
    html: Vec<HtmlPatch>,
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
            data_gap: false,
            required_change: DUPLICATE_SKU_CHANGE.to_string(),
        };
        self.html.push(HtmlPatch { row, verdict: new, finding: entry.clone() });
        let mut flagged = Flagged { row, line, sku, product, supplier, gtin: String::new(), old, new, entry };
        self.recount(&mut flagged);
        if flagged.new != flagged.old
            && let Some(cell) = cells.get_mut(audit_col::CHANGE)
        {
            self.rebaseline(cell, &flagged);
        }
        Some(finding)
    }

    /// Corrects the tallies and lists of the catalogue and of the record's supplier.
    fn recount(&mut self, f: &mut Flagged) {
        let acc = &mut *self.acc;
        let supplier = if f.supplier.is_empty() { NO_SUPPLIER } else { f.supplier.as_str() };
        if let Some(part) = acc.suppliers.get_mut(supplier) {
            // The record's GTIN, from whichever of its supplier's lists holds it.
            if let Some(i) = part.passing.iter().position(|p| p.row == f.row) {
                f.gtin = part.passing[i].gtin.clone();
                if !f.entry.waived {
                    part.passing.remove(i);
                    part.passing_total = part.passing_total.saturating_sub(1);
                }
            } else {
                part.worst.amend(f.row, |e| f.gtin = e.gtin.clone());
            }
            recount(&mut part.tally, &mut part.worst, f);
            if acc.split() && !f.entry.waived {
                let mut row = Vec::new();
                rcsv::Row::new(&mut row)
                    .text(&f.sku)
                    .text(&f.gtin)
                    .text(&f.product)
                    .raw(f.new.as_str())
                    .raw(RULE.criterion().as_str())
                    .raw(RULE.as_str())
                    .raw(Status::Warn.as_str())
                    .text(DUPLICATE_SKU_CHANGE)
                    .text("")
                    .end();
                self.actions.push((supplier.to_string(), row));
            }
        }
        recount(&mut acc.tally, &mut acc.worst, f);
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
    cells[findings_col::DATA_GAP] = "no".into();
    w.write_record(cells.iter().map(|c| c.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::pipeline::chunk::Delta;
    use crate::date::Date;
    use crate::policy::DEFAULT_TOML;
    use crate::results::Changes;
    use crate::rules::CriterionStatus;

    const AUDIT: &str = "\
row,line,sku,product,brand,supplier,verdict,form,ratio,carrier,certification,safety,d_form,d3_iu,k_forms,k2_mcg,k2_per_1000_iu,dosage_form,carrier_oil,certifications,warfarin_warning,issues
1,2,A,Prod A,B,Acme,pass,pass,pass,pass,pass,pass,D3,1000,MK-7,100,100.00,softgel,olive,nsf,yes,
2,3,A,Prod A2,B,Acme,warn,pass,pass,pass,pass,pass,D3,1000,MK-7,100,100.00,softgel,olive,nsf,yes,\"SKU \"\"A\"\" is also used by row 1\"
3,4,'=B,\"Prod, B\",B,,fail,fail,pass,pass,pass,pass,D3,1000,MK-4,100,100.00,softgel,olive,nsf,yes,K2 is MK-4
4,5,C,Prod C,B,Acme,skipped,,,,,,,,,,,,,,,
5,6,'=B,Prod B2,B,,fail,fail,pass,pass,pass,pass,D3,1000,MK-4,100,100.00,softgel,olive,nsf,yes,K2 is MK-4
6,7,C,Prod C2,B,Acme,skipped,,,,,,,,,,,,,,,
";

    const FIRSTS: [FirstDuplicate; 3] = [(1, 2), (3, 2), (4, 2)];

    fn today() -> Date {
        Date::from_ymd(2025, 1, 1)
    }

    /// The writer's state after rows 1 to 6 of [`AUDIT`].
    fn acc(fail_on: Option<u8>, changes: Option<Changes>) -> Acc {
        let mut acc = Acc::new(10, true, fail_on, changes);
        for (verdict, supplier) in [
            (Verdict::Pass, "Acme"),
            (Verdict::Warn, "Acme"),
            (Verdict::Fail, ""),
            (Verdict::Skipped, "Acme"),
            (Verdict::Fail, ""),
            (Verdict::Skipped, "Acme"),
        ] {
            acc.add(Delta {
                counted_only: false,
                verdict,
                statuses: Some([CriterionStatus::Is(Status::Pass); 6]),
                supplier: supplier.into(),
                rules: vec![],
                product: None,
                rejected: None,
                change: None,
                sources: None,
                gap_rules: vec![],
                grade: None,
                pass_entry: None,
                continuation: false,
                html: None,
            });
        }
        acc
    }

    fn lines(bytes: &[u8]) -> Vec<String> {
        String::from_utf8_lossy(bytes).lines().map(String::from).collect()
    }

    /// Runs the audit.csv half of the patch on `audit`, in memory.
    fn patch_audit(audit: &str, acc: &mut Acc, policy: &Policy, baseline: Option<&Baseline>) -> Result<(Vec<String>, Vec<Insert>), Error> {
        let at = At { read: Path::new("in.csv"), write: Path::new("out.csv") };
        let mut out = Vec::new();
        let inserts = {
            let mut w = rcsv::csv_writer(&mut out);
            let inserts = Patch { acc, policy, baseline, actions: Vec::new(), html: Vec::new() }.audit_rows(
                &mut own_csv().from_reader(audit.as_bytes()),
                &mut w,
                at,
                &FIRSTS,
            )?;
            w.flush().map_err(|e| at.write_err(e))?;
            inserts
        };
        Ok((lines(&out), inserts))
    }

    #[test]
    fn first_records_are_flagged_and_the_tallies_follow() -> Result<(), Error> {
        let policy = Policy::builtin(today());
        let mut acc = acc(Some(1), None);
        let (out, inserts) = patch_audit(AUDIT, &mut acc, &policy, None)?;
        let want = lines(AUDIT.as_bytes());
        assert_eq!(out.len(), want.len());
        // Row 1 (pass) becomes warn, its issues name the duplicates.
        assert_eq!(
            out[1],
            "1,2,A,Prod A,B,Acme,warn,pass,pass,pass,pass,pass,D3,1000,MK-7,100,100.00,softgel,olive,nsf,yes,\
             \"SKU \"\"A\"\" is used by 2 records; this is the first\""
        );
        // Row 3 stays fail; the message joins its issues; the SKU keeps its formula escape.
        assert!(out[3].starts_with("3,4,'=B,\"Prod, B\",B,,fail,"), "{}", out[3]);
        assert!(out[3].ends_with(",\"K2 is MK-4; SKU \"\"=B\"\" is used by 2 records; this is the first\""), "{}", out[3]);
        // Row 4 is not in scope; rows that are not first duplicates are copied as they were.
        for i in [0, 2, 4, 5, 6] {
            assert_eq!(out[i], want[i], "line {i}");
        }
        assert_eq!(inserts.iter().map(|i| (i.row, i.sku.as_str())).collect::<Vec<_>>(), [(1, "A"), (3, "'=B")]);

        let t = &acc.tally;
        assert_eq!(t.verdicts, [0, 2, 0, 2, 0, 2]);
        assert_eq!(t.rules.get(&RULE), Some(&2));
        let data = t.criteria[Criterion::Data.index()];
        assert_eq!((data.pass, data.warn), (2, 2));
        // --fail-on warn: row 1 now reaches it (row 2's warn and the two fails already did).
        assert_eq!(acc.reached_fail_on, 4);
        assert_eq!(acc.suppliers["Acme"].tally.verdicts, [0, 2, 0, 0, 0, 2]);
        assert_eq!(acc.suppliers[NO_SUPPLIER].tally.rules.get(&RULE), Some(&1));
        // Row 1 is now a listed product, with the duplicate finding.
        let listed = acc.worst.clone().into_sorted();
        assert_eq!(listed.iter().map(|p| (p.row, p.verdict)).collect::<Vec<_>>(), [(1, Verdict::Warn)]);
        assert_eq!(listed[0].findings[0].rule, RULE);
        assert_eq!(acc.suppliers["Acme"].worst.total, 1);
        Ok(())
    }

    #[test]
    fn a_waived_duplicate_changes_no_verdict_and_counts_as_waived() -> Result<(), Error> {
        let text = format!("{DEFAULT_TOML}\n[[waivers]]\nsku = \"A\"\nrule = \"DATA-DUPLICATE-SKU\"\nreason = \"relisted\"\n");
        let policy = Policy::parse("test", &text, today())?;
        let mut acc = acc(Some(1), None);
        let (out, inserts) = patch_audit(AUDIT, &mut acc, &policy, None)?;
        assert_eq!(out[1], lines(AUDIT.as_bytes())[1]);
        assert_eq!(inserts[0].finding.waived.as_deref(), Some("relisted"));
        assert_eq!(policy.waivers[0].match_count(), 1);
        assert_eq!(acc.tally.waived.get(&RULE), Some(&1));
        assert_eq!(acc.tally.rules.get(&RULE), Some(&1), "row 3 only");
        assert_eq!(acc.tally.verdicts[Verdict::Pass as usize], 1);
        assert_eq!(acc.reached_fail_on, 3, "unchanged: rows 2, 3 and 5");
        Ok(())
    }

    #[test]
    fn with_a_baseline_the_change_column_is_compared_again() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", "cannot create", e))?;
        let base = dir.path().join("audit.csv");
        std::fs::write(&base, "row,line,sku,product,brand,supplier,verdict\n1,2,A,Prod A,B,Acme,pass\n")
            .map_err(|e| Error::io(&base, "cannot write", e))?;
        let baseline = Baseline::load(&base, "x")?;
        // This run's rows carry the change column; row 1 was `same`.
        let audit: String = AUDIT
            .lines()
            .enumerate()
            .map(|(i, l)| match i {
                0 => format!("{l},change\n"),
                1 => format!("{l},same\n"),
                _ => format!("{l},new\n"),
            })
            .collect();
        let mut acc = acc(Some(3), Some(Changes { same: 1, new: 5, ..Changes::default() }));
        let (out, _) = patch_audit(&audit, &mut acc, &Policy::builtin(today()), Some(&baseline))?;
        assert!(out[1].ends_with(",warn,pass,pass,pass,pass,pass,D3,1000,MK-7,100,100.00,softgel,olive,nsf,yes,\"SKU \"\"A\"\" is used by 2 records; this is the first\",worse"), "{}", out[1]);
        // Row 3's verdict did not move: its change stays.
        assert!(out[3].ends_with(",new"), "{}", out[3]);
        let Some(ch) = &acc.changes else { panic!("changes are kept with a baseline") };
        assert_eq!((ch.same, ch.worse, ch.new), (0, 1, 5));
        assert_eq!(ch.worse_reaching_fail_on, 1);
        assert_eq!(ch.worse_products.iter().map(|w| (w.row, w.before, w.after)).collect::<Vec<_>>(), [(1, Verdict::Pass, Verdict::Warn)]);
        Ok(())
    }

    #[test]
    fn findings_go_after_their_records_other_findings() -> Result<(), Error> {
        let findings = "\
row,sku,criterion,rule,status,message,evidence,column,waived,data_gap
2,A,data,DATA-DUPLICATE-SKU,warn,dup,,,no,no
3,'=B,form,FORM-K2-MK7,fail,K2 is MK-4,MK-4,ingredients,no,no
5,'=B,form,FORM-K2-MK7,fail,K2 is MK-4,MK-4,ingredients,no,no
";
        let insert = |row: u64, sku: &str, message: &str, waived: bool| Insert {
            row,
            sku: sku.into(),
            finding: Finding { waived: waived.then(|| "why".to_string()), ..data::duplicate_first(message, 2) },
        };
        let inserts = [insert(1, "A", "A", false), insert(3, "'=B", "=B", true), insert(9, "Z", "Z", false)];
        let at = At { read: Path::new("in.csv"), write: Path::new("out.csv") };
        let mut out = Vec::new();
        {
            let mut w = rcsv::csv_writer(&mut out);
            insert_findings(&mut own_csv().from_reader(findings.as_bytes()), &mut w, at, &inserts)?;
            w.flush().map_err(|e| at.write_err(e))?;
        }
        let want = lines(findings.as_bytes());
        assert_eq!(
            lines(&out),
            [
                want[0].clone(),
                "1,A,data,DATA-DUPLICATE-SKU,warn,\"SKU \"\"A\"\" is used by 2 records; this is the first\",,,no,no".to_string(),
                want[1].clone(),
                want[2].clone(),
                "3,'=B,data,DATA-DUPLICATE-SKU,warn,\"SKU \"\"=B\"\" is used by 2 records; this is the first\",,,yes,no".to_string(),
                want[3].clone(),
                "9,Z,data,DATA-DUPLICATE-SKU,warn,\"SKU \"\"Z\"\" is used by 2 records; this is the first\",,,no,no".to_string(),
            ]
        );
        assert_eq!(FINDINGS_HEADER.join(","), want[0]);
        Ok(())
    }

    #[test]
    fn the_temporary_files_are_patched_in_place() -> Result<(), Error> {
        patched_in_place(false)
    }

    #[test]
    fn a_patched_file_keeps_its_byte_order_mark() -> Result<(), Error> {
        patched_in_place(true)
    }

    fn patched_in_place(bom: bool) -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", "cannot create", e))?;
        let mut outputs = CsvOutputs::create(dir.path(), false, false, bom)?;
        let body: String = AUDIT.lines().skip(1).map(|l| format!("{l}\n")).collect();
        outputs.audit.write_all(body.as_bytes()).map_err(|e| Error::io("audit", "cannot write", e))?;
        outputs.findings.write_all(b"2,A,data,DATA-DUPLICATE-SKU,warn,dup,,,no,no\n").map_err(|e| Error::io("f", "cannot write", e))?;
        let mut acc = acc(None, None);
        flag_first_duplicates(&mut outputs, &FIRSTS, &mut acc, &Policy::builtin(today()), None)?;
        outputs.commit()?;
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap_or_default();
        let (audit, findings) = (read("audit.csv"), read("findings.csv"));
        for text in [&audit, &findings] {
            assert_eq!(text.starts_with('\u{feff}'), bom, "{text}");
        }
        let audit = audit.trim_start_matches('\u{feff}');
        assert_eq!(audit.lines().next(), Some(rcsv::AUDIT_HEADER.join(",").as_str()));
        assert_eq!(audit.lines().nth(1).map(|l| l.contains(",warn,")), Some(true));
        let findings: Vec<&str> = findings.trim_start_matches('\u{feff}').lines().map(|l| l.split(',').next().unwrap_or("")).collect();
        assert_eq!(findings, ["row", "1", "2", "3"]);
        // Only the two files are left: the replaced temporaries are gone.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 4, "{names:?}");
        Ok(())
    }
}
