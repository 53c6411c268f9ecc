//! Summarising and finishing: the writer's running state becomes the data every report is built
//! from, and summary.json, report.pdf and the by-supplier PDFs are written from it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::AuditConfig;
use super::writer::Acc;
use crate::audit::baseline::Baseline;
use crate::error::Error;
use crate::ingest::CatalogueReader;
use crate::policy::{GradeCounts, GradesSection};
use crate::report::atomic::write_file;
use crate::report::{self, CatalogueInfo, ReportData, ReviewChanges, SupplierReview};
use crate::results::{Changes, Coverage};
use crate::results::{ProductEntry, RejectedEntry, SupplierPart, SupplierRow, Tally, sort_suppliers};
use crate::results::{SupplierNameEntry, SupplierNames};

/// What the reports of one catalogue show.
pub(super) struct Summarised {
    pub(super) info: CatalogueInfo,
    pub(super) tally: Tally,
    /// Worst first.
    suppliers: Vec<SupplierRow>,
    /// Per supplier, by the key it is grouped under (for `--split-by-supplier`).
    parts: BTreeMap<String, SupplierPart>,
    /// Each supplier's spellings and the name it is shown by (SPEC §10).
    names: SupplierNames,
    /// summary.json's `supplier_names`.
    supplier_names: Vec<SupplierNameEntry>,
    /// The PDF's capped list, worst first, and how many products it stands for.
    products: Vec<ProductEntry>,
    products_total: u64,
    rejected: Vec<RejectedEntry>,
    rejected_total: u64,
    pub(super) reached_fail_on: u64,
    pub(super) changes: Option<Changes>,
    pub(super) coverage: Coverage,
    /// With a baseline: each supplier's products there, as a grade counts them, by key.
    previous: BTreeMap<String, GradeCounts>,
    /// Characters the PDFs could not print (drawn as a box), for the run's notes.
    pub(super) unprintable: report::pdf::Unprintable,
    /// With `--split-by supplier`: rows of each supplier's action list.
    actions: BTreeMap<String, u64>,
}

/// The catalogue's file name as the reports show it (`retailer-a.csv`; `-` for stdin).
pub(super) fn catalogue_name(shown: &str) -> String {
    Path::new(shown).file_name().map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Builds the reports' data from the writer's state (after the duplicate patch).
pub(super) fn summarise(
    shown: &str,
    reader: &CatalogueReader,
    acc: Acc,
    baseline: Option<&Baseline>,
    max_products: usize,
    grades: &GradesSection,
) -> Summarised {
    let info = CatalogueInfo {
        path: shown.to_string(),
        name: catalogue_name(shown),
        sha256: reader.sha256(),
        records: acc.tally.records(),
        encoding: reader.encoding_label(),
        delimiter: reader.delimiter_label(),
    };
    let mut changes = acc.changes;
    if let (Some(ch), Some(b)) = (changes.as_mut(), baseline) {
        ch.gone = b.gone();
        ch.worse_products.sort_by_key(|w| (std::cmp::Reverse(w.after.rank()), w.row));
        ch.worse_products.truncate(max_products);
    }
    let names = acc.names;
    let mut suppliers: Vec<SupplierRow> =
        acc.suppliers.iter().map(|(k, p)| SupplierRow::from_tally(&names.display(k), &p.tally, grades)).collect();
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
        coverage: acc.coverage,
        previous: baseline.map(|b| b.supplier_grades(|s| names.key(s))).unwrap_or_default(),
        supplier_names: names.entries(),
        names,
        unprintable: report::pdf::Unprintable::default(),
        actions: acc.actions,
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
            supplier_names: &self.supplier_names,
            products: &self.products,
            products_total: self.products_total,
            rejected: &self.rejected,
            rejected_total: self.rejected_total,
            changes: self.changes.as_ref(),
            coverage: Some(&self.coverage),
        }
    }

    /// Writes summary.json, report.pdf and the by-supplier PDFs, as `cfg` asks; returns where
    /// each supplier's action list goes (with `--split-by supplier`), for its sink.
    pub(super) fn write_reports(&mut self, out_dir: &Path, cfg: &AuditConfig, elapsed_ms: u64) -> Result<Vec<(String, PathBuf)>, Error> {
        let data = self.report_data(cfg);
        if cfg.formats.json {
            write_file(&out_dir.join("summary.json"), &report::json::render(&data, elapsed_ms))?;
        }
        if cfg.formats.pdf {
            let pdf = report::pdf::render(&data);
            write_file(&out_dir.join("report.pdf"), &pdf.bytes)?;
            self.unprintable.add(&pdf.unprintable);
        }
        if cfg.split_by_supplier {
            return self.write_supplier_reports(&out_dir.join("by-supplier"), cfg);
        }
        Ok(Vec::new())
    }

    /// The supplier review pack in `dir`: per supplier with audited products, its review PDF;
    /// returns where its action list goes (written by its sink, complete however long).
    fn write_supplier_reports(&mut self, dir: &Path, cfg: &AuditConfig) -> Result<Vec<(String, PathBuf)>, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create the folder", e))?;
        let parts: Vec<(String, SupplierPart)> =
            std::mem::take(&mut self.parts).into_iter().filter(|(_, p)| p.tally.products() > 0).collect();
        // One file per supplier, named as it is shown; spellings of one supplier are one key.
        let names: Vec<String> = parts.iter().map(|(k, _)| self.names.display(k)).collect();
        let files = report::pdf::safe_file_names(&names);
        // Gone products per supplier key, each product's key worked out once (not once per supplier).
        let mut gone: BTreeMap<String, u64> = BTreeMap::new();
        for g in self.changes.iter().flat_map(|c| &c.gone) {
            *gone.entry(self.names.key(&g.supplier)).or_default() += 1;
        }
        let mut lists = Vec::with_capacity(parts.len());
        for (((key, part), name), file) in parts.into_iter().zip(names).zip(files) {
            let csv_name = format!("{}.csv", file.trim_end_matches(".pdf"));
            let actions_total = self.actions.get(&key).copied().unwrap_or(0);
            lists.push((key.clone(), dir.join(&csv_name)));
            let changes = self.changes.is_some().then(|| ReviewChanges {
                moved: part.changes,
                gone: gone.get(&key).copied().unwrap_or(0),
                previous_grade: self.previous.get(&key).map(|g| g.grade(&cfg.policy.grades)),
            });
            let total = part.worst.total;
            let list = part.worst.into_sorted();
            let review = SupplierReview {
                supplier: &name,
                pack: &cfg.pack,
                date: cfg.date,
                timestamp: cfg.timestamp,
                tool_version: env!("CARGO_PKG_VERSION"),
                policy: cfg.policy,
                tally: &part.tally,
                grade: part.tally.grading.grade(&cfg.policy.grades),
                products: &list,
                products_total: total,
                passing: &part.passing,
                passing_total: part.passing_total,
                actions_total,
                csv_name: &csv_name,
                changes,
            };
            let pdf = report::pdf::supplier::render(&review);
            write_file(&dir.join(file), &pdf.bytes)?;
            self.unprintable.add(&pdf.unprintable);
        }
        Ok(lists)
    }
}
