//! The outputs made by reading back the run's own CSVs: audit.xlsx and audit.junit.xml. When
//! they are written, audit.csv, findings.csv and rejected.csv are complete in their temporary
//! files (the duplicate patch included), in input order: streaming them back gives each sheet
//! its rows in order, as constant-memory mode needs, at the cost of parsing the CSVs once more.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::AuditConfig;
use super::finish::Summarised;
use super::outputs::CsvOutputs;
use crate::error::Error;
use crate::extract::Fact;
use crate::report::atomic::AtomicFile;
use crate::report::csv::unescape;
use crate::report::junit::{self, Case, CaseResult, Suite};
use crate::report::xlsx::{Book, CoverageRow, EXCEL_MAX_ROWS, Sheet};
use crate::results::{Coverage, Verdict};

/// A temporary CSV read back: its header and its records.
struct Own {
    path: PathBuf,
    header: Vec<String>,
    rdr: csv::Reader<std::fs::File>,
}

impl Own {
    fn open(path: PathBuf) -> Result<Own, Error> {
        let mut rdr =
            csv::ReaderBuilder::new().flexible(true).from_path(&path).map_err(|e| Error::io(&path, "cannot read back", e.into()))?;
        let header = rdr.headers().map_err(|e| Error::io(&path, "cannot read back", e.into()))?.iter().map(String::from).collect();
        Ok(Own { path, header, rdr })
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    fn records(self) -> impl Iterator<Item = Result<csv::StringRecord, Error>> {
        let path = self.path;
        self.rdr.into_records().map(move |r| r.map_err(|e| Error::io(&path, "cannot read back", e.into())))
    }
}

/// Writes audit.xlsx into `out_dir` from the temporary CSVs.
pub(super) fn write_xlsx(outputs: &mut CsvOutputs, s: &Summarised, out_dir: &Path, cfg: &AuditConfig) -> Result<(), Error> {
    let mut book = Book::new(&out_dir.join("audit.xlsx"), out_dir, cfg.timestamp, EXCEL_MAX_ROWS)?;
    for (sheet, file) in
        [(Sheet::Products, &mut outputs.audit), (Sheet::Findings, &mut outputs.findings), (Sheet::Rejected, &mut outputs.rejected)]
    {
        let own = Own::open(file.written_path()?)?;
        let header: Vec<String> = own.header.clone();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        book.table(sheet, &header, own.records())?;
    }
    book.coverage(&coverage_table(&s.coverage))?;
    book.finish(&s.report_data(cfg))
}

/// The Coverage sheet's table: the catalogue's data coverage (SPEC §8), as summary.json's
/// `coverage` has it.
pub(super) fn coverage_table(c: &Coverage) -> Vec<CoverageRow> {
    Fact::ALL
        .iter()
        .map(|&f| {
            let n = c.count(f);
            CoverageRow {
                fact: f.key().to_string(),
                column: c.column(f).map(str::to_string),
                stated: Some(n.stated),
                from_column: Some(n.from_column),
                from_text: Some(n.from_text),
            }
        })
        .collect()
}

/// Writes audit.junit.xml into `out_dir`: one test case per audit.csv row, with its findings
/// from findings.csv (both in row order, read side by side).
pub(super) fn write_junit(outputs: &mut CsvOutputs, s: &Summarised, out_dir: &Path, cfg: &AuditConfig, secs: f64) -> Result<(), Error> {
    let dest = out_dir.join("audit.junit.xml");
    let audit = Own::open(outputs.audit.written_path()?)?;
    let findings = Own::open(outputs.findings.written_path()?)?;
    let a = AuditCols::find(&audit)?;
    let f = FindingCols::find(&findings)?;
    let reaching = |v: Verdict| v.reaches(cfg.fail_on);
    let failures: u64 = Verdict::ALL.iter().filter(|v| reaching(**v)).map(|v| s.tally.count(*v)).sum();
    let suite = Suite { name: &s.info.name, tests: s.tally.records(), failures, skipped: s.tally.count(Verdict::Skipped), time: secs };
    let mut file = AtomicFile::create(&dest)?;
    let werr = |e: std::io::Error| Error::io(&dest, "cannot write", e);
    junit::open(&mut file, &suite).map_err(werr)?;
    let mut found = findings.records().peekable();
    let (mut name, mut body) = (String::new(), String::new());
    for rec in audit.records() {
        let rec = rec?;
        let get = |i: usize| unescape(rec.get(i).unwrap_or(""));
        let row: u64 = get(a.row).parse().unwrap_or(0);
        body.clear();
        while let Some(Ok(fr)) = found.next_if(|r| r.as_ref().is_ok_and(|r| r.get(f.row).and_then(|x| x.parse::<u64>().ok()) <= Some(row)))
        {
            f.describe(&fr, &mut body);
        }
        if let Some(Err(_)) = found.peek()
            && let Some(Err(e)) = found.next()
        {
            return Err(e);
        }
        let verdict = Verdict::parse(get(a.verdict));
        let (sku, product, supplier, issues) = (get(a.sku), get(a.product), get(a.supplier), get(a.issues));
        name.clear();
        name.push_str(match (sku.is_empty(), product.is_empty()) {
            (false, false) => "",
            (false, true) => sku,
            (true, false) => product,
            (true, true) => "(no SKU, no name)",
        });
        if name.is_empty() {
            name.push_str(sku);
            name.push_str(" – ");
            name.push_str(product);
        }
        let classname = if supplier.is_empty() { s.info.name.as_str() } else { supplier };
        let message;
        let result = match verdict {
            Some(Verdict::Skipped) => CaseResult::Skipped { message: if issues.is_empty() { "no vitamin D or K found" } else { issues } },
            Some(Verdict::Invalid) if reaching(Verdict::Invalid) => {
                message = format!("row {row}: the record could not be read: {issues}");
                CaseResult::Failed { message: &message, body: &message }
            }
            Some(v) if reaching(v) => {
                message = format!("{}: {issues}", v.as_str());
                CaseResult::Failed { message: &message, body: &body }
            }
            _ => CaseResult::Passed { out: &body },
        };
        junit::case(&mut file, &Case { name: &name, classname, result }).map_err(werr)?;
    }
    junit::close(&mut file).map_err(werr)?;
    file.flush().map_err(werr)?;
    file.commit()
}

/// audit.csv's columns the JUnit report uses, by name.
struct AuditCols {
    row: usize,
    sku: usize,
    product: usize,
    supplier: usize,
    verdict: usize,
    issues: usize,
}

impl AuditCols {
    fn find(own: &Own) -> Result<AuditCols, Error> {
        let col = |n: &str| own.col(n).ok_or_else(|| Error::Internal(format!("{}: no {n} column", own.path.display())));
        Ok(AuditCols {
            row: col("row")?,
            sku: col("sku")?,
            product: col("product")?,
            supplier: col("supplier")?,
            verdict: col("verdict")?,
            issues: col("issues")?,
        })
    }
}

/// findings.csv's columns the JUnit report uses, by name.
struct FindingCols {
    row: usize,
    rule: usize,
    status: usize,
    message: usize,
    evidence: usize,
    column: usize,
    waived: usize,
}

impl FindingCols {
    fn find(own: &Own) -> Result<FindingCols, Error> {
        let col = |n: &str| own.col(n).ok_or_else(|| Error::Internal(format!("{}: no {n} column", own.path.display())));
        Ok(FindingCols {
            row: col("row")?,
            rule: col("rule")?,
            status: col("status")?,
            message: col("message")?,
            evidence: col("evidence")?,
            column: col("column")?,
            waived: col("waived")?,
        })
    }

    /// One line per finding: `FORM-K2-MK7 (fail): message [column: "evidence"]`.
    fn describe(&self, r: &csv::StringRecord, out: &mut String) {
        let get = |i: usize| unescape(r.get(i).unwrap_or(""));
        out.push_str(get(self.rule));
        out.push_str(" (");
        out.push_str(get(self.status));
        if get(self.waived) == "yes" {
            out.push_str(", waived");
        }
        out.push_str("): ");
        out.push_str(get(self.message));
        let (evidence, column) = (get(self.evidence), get(self.column));
        if !evidence.is_empty() {
            out.push_str(" [");
            if !column.is_empty() {
                out.push_str(column);
                out.push_str(": ");
            }
            out.push('"');
            out.push_str(evidence);
            out.push_str("\"]");
        }
        out.push('\n');
    }
}
