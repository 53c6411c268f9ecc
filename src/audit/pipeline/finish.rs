//! Summarising and finishing: the writer's running state becomes the data every report is built
//! from, and summary.json, report.pdf and the by-supplier PDFs are written from it.

use std::collections::BTreeMap;
use std::path::Path;

use super::AuditConfig;
use super::writer::Acc;
use crate::audit::baseline::Baseline;
use crate::error::Error;
use crate::ingest::CatalogueReader;
use crate::ingest::sniff::delimiter_name;
use crate::report::atomic::write_file;
use crate::report::{self, CatalogueInfo, ReportData};
use crate::results::Changes;
use crate::results::{ProductEntry, RejectedEntry, SupplierPart, SupplierRow, Tally, Verdict, sort_suppliers};

/// What the reports of one catalogue show.
pub(super) struct Summarised {
    pub(super) info: CatalogueInfo,
    pub(super) tally: Tally,
    /// Worst first.
    suppliers: Vec<SupplierRow>,
    /// Per supplier, by name (for `--split-by-supplier`).
    parts: BTreeMap<String, SupplierPart>,
    /// The PDF's capped list, worst first, and how many products it stands for.
    products: Vec<ProductEntry>,
    products_total: u64,
    rejected: Vec<RejectedEntry>,
    rejected_total: u64,
    pub(super) reached_fail_on: u64,
    pub(super) changes: Option<Changes>,
}

/// Builds the reports' data from the writer's state (after the duplicate patch).
pub(super) fn summarise(shown: &str, reader: &CatalogueReader, acc: Acc, baseline: Option<&Baseline>, max_products: usize) -> Summarised {
    let info = CatalogueInfo {
        path: shown.to_string(),
        name: Path::new(shown).file_name().map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned()),
        sha256: reader.sha256(),
        records: acc.tally.records(),
        encoding: reader.encoding().name().to_string(),
        delimiter: delimiter_name(reader.delimiter()),
    };
    let mut changes = acc.changes;
    if let (Some(ch), Some(b)) = (changes.as_mut(), baseline) {
        ch.gone = b.gone();
        ch.worse_products.sort_by_key(|w| (std::cmp::Reverse(w.after.rank()), w.row));
        ch.worse_products.truncate(max_products);
    }
    let mut suppliers: Vec<SupplierRow> = acc.suppliers.iter().map(|(n, p)| SupplierRow::from_tally(n, &p.tally)).collect();
    sort_suppliers(&mut suppliers);
    let products_total = acc.worst.total;
    Summarised {
        info,
        tally: acc.tally,
        suppliers,
        parts: acc.suppliers,
        products: acc.worst.into_sorted(),
        products_total,
        rejected: acc.rejected,
        rejected_total: acc.rejected_total,
        reached_fail_on: acc.reached_fail_on,
        changes,
    }
}

impl Summarised {
    /// The catalogue report's data (the same that summary.json and report.pdf show).
    pub(super) fn report_data<'s>(&'s self, cfg: &'s AuditConfig) -> ReportData<'s> {
        ReportData {
            catalogue: &self.info,
            supplier: None,
            date: cfg.date,
            timestamp: cfg.timestamp,
            tool_version: env!("CARGO_PKG_VERSION"),
            policy: cfg.policy,
            tally: &self.tally,
            suppliers: &self.suppliers,
            products: &self.products,
            products_total: self.products_total,
            rejected: &self.rejected,
            rejected_total: self.rejected_total,
            changes: self.changes.as_ref(),
        }
    }

    /// Writes summary.json, report.pdf and the by-supplier PDFs, as `cfg` asks.
    pub(super) fn write_reports(&mut self, out_dir: &Path, cfg: &AuditConfig, elapsed_ms: u64) -> Result<(), Error> {
        let data = ReportData {
            catalogue: &self.info,
            supplier: None,
            date: cfg.date,
            timestamp: cfg.timestamp,
            tool_version: env!("CARGO_PKG_VERSION"),
            policy: cfg.policy,
            tally: &self.tally,
            suppliers: &self.suppliers,
            products: &self.products,
            products_total: self.products_total,
            rejected: &self.rejected,
            rejected_total: self.rejected_total,
            changes: self.changes.as_ref(),
        };
        if cfg.formats.json {
            write_file(&out_dir.join("summary.json"), &report::json::render(&data, elapsed_ms))?;
        }
        if cfg.formats.pdf {
            write_file(&out_dir.join("report.pdf"), &report::pdf::render(&data))?;
        }
        if cfg.split_by_supplier {
            self.write_supplier_reports(&out_dir.join("by-supplier"), cfg)?;
        }
        Ok(())
    }

    /// One PDF per supplier in `dir`.
    fn write_supplier_reports(&mut self, dir: &Path, cfg: &AuditConfig) -> Result<(), Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create the folder", e))?;
        let names: Vec<String> = self.parts.keys().cloned().collect();
        let files = report::pdf::safe_file_names(&names);
        for ((name, part), file) in std::mem::take(&mut self.parts).into_iter().zip(files) {
            let rows = vec![SupplierRow::from_tally(&name, &part.tally)];
            let total = part.worst.total;
            let list = part.worst.into_sorted();
            let d = ReportData {
                catalogue: &self.info,
                supplier: Some(&name),
                date: cfg.date,
                timestamp: cfg.timestamp,
                tool_version: env!("CARGO_PKG_VERSION"),
                policy: cfg.policy,
                tally: &part.tally,
                suppliers: &rows,
                products: &list,
                products_total: total,
                rejected: &part.rejected,
                rejected_total: part.tally.count(Verdict::Invalid),
                changes: None,
            };
            write_file(&dir.join(file), &report::pdf::render(&d))?;
        }
        Ok(())
    }
}
