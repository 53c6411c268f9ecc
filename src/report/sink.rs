//! The per-row outputs as sinks of one typed row, the way ripgrep's searcher feeds any `Sink`
//! and cargo-deny's diagnostics `Pack` feeds its human, JSON and SARIF writers:
//!
//! ```text
//! assessed batch ─▶ in input order ─▶ AuditRow (typed: record, facts, findings, verdict, change, required changes)
//!                                       ├─▶ CSV sink (audit.csv, findings.csv, rejected.csv)
//!                                       ├─▶ supplier lists (by-supplier/<supplier>.csv)
//!                                       ├─▶ audit.xlsx            ├─▶ audit.junit.xml
//!                                       └─▶ (report.html, ...)
//! ```
//!
//! The pipeline's writer thread hands every sink each batch, in input order, while the audit
//! runs; each row is final when a sink sees it (duplicate SKUs are known before assessment), so
//! no output is re-read, re-parsed or patched afterwards, and no sink undoes another's escaping.
//! After the last batch each sink is finished with the catalogue's summary ([`End`]) and puts
//! its file in place (in the staged folder, `report::folder`).
//!
//! # Adding an output
//! Implement [`Sink`]: keep what the output needs per row (stream it to a file, as the workbook
//! does, or keep capped lists and counts: memory must not grow with the catalogue), and write
//! the file in [`Sink::finish`]. Then create it in `audit::pipeline::sinks`, when its format is
//! asked for. A few lines:
//!
//! ```ignore
//! struct Html { dest: PathBuf, worst: Vec<String> }
//! impl Sink for Html {
//!     fn row(&mut self, row: &AuditRow) -> Result<(), Error> {
//!         if row.assessed.verdict == Verdict::Fail && self.worst.len() < 100 {
//!             self.worst.push(row.assessed.product.to_string());
//!         }
//!         Ok(())
//!     }
//!     fn finish(self: Box<Self>, end: &End<'_>) -> Result<(), Error> {
//!         atomic::write_file(&self.dest, html::render(end.data, &self.worst).as_bytes())
//!     }
//! }
//! ```

use std::path::PathBuf;

use super::ReportData;
use super::csv::Encoded;
use super::html::HtmlRow;
use crate::error::Error;
use crate::results::AuditRow;

/// One batch of records, in input order, as the sinks get it.
pub struct Batch<'b> {
    /// The typed rows (empty when no sink asked for them: [`Sink::wants_rows`]).
    pub rows: &'b [AuditRow],
    /// The batch's CSV rows, encoded on the rayon pool with the batch (CSV encoding is the one
    /// output cost that grows with every cell, so it runs in parallel); only the CSV sinks read
    /// them.
    pub csv: &'b Encoded,
    /// The batch's audited products as report.html shows them (built on the pool with the batch,
    /// like the CSV rows; empty when report.html is not written).
    pub html: &'b [HtmlRow],
}

/// What a sink is finished with, after the last batch.
pub struct End<'e> {
    /// The catalogue's summary: what summary.json and report.pdf show (tallies, coverage, capped
    /// lists, changes since the baseline).
    pub data: &'e ReportData<'e>,
    /// Seconds the audit took (0 with SOURCE_DATE_EPOCH, for identical bytes).
    pub secs: f64,
    /// With `--split-by supplier`: each supplier's action list, by supplier name (as the pipeline
    /// keys suppliers), and the file it goes to.
    pub supplier_lists: &'e [(String, PathBuf)],
}

/// A per-row output. Called from the pipeline's writer thread only: `batch` (or `row`) for every
/// batch in input order, then `finish` once. An error stops the catalogue's audit; the staged
/// folder is then thrown away, so a sink never leaves a half-written file behind.
pub trait Sink: Send {
    /// One record, final, in input order.
    fn row(&mut self, row: &AuditRow) -> Result<(), Error>;

    /// One batch, in input order. The default hands each row to [`Sink::row`]; the CSV sinks
    /// take the batch's encoded bytes ([`Batch::csv`]) instead.
    fn batch(&mut self, batch: &Batch<'_>) -> Result<(), Error> {
        batch.rows.iter().try_for_each(|r| self.row(r))
    }

    /// After the last batch: write what is left and put the output in place.
    fn finish(self: Box<Self>, end: &End<'_>) -> Result<(), Error>;

    /// `false` for a sink that reads only [`Batch::csv`]: typed rows are built (their texts
    /// copied out of the batch) only when some sink wants them.
    fn wants_rows(&self) -> bool {
        true
    }
}
