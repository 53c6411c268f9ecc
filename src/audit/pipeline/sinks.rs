//! The sinks of one catalogue's run, as its formats ask: each gets every batch in input order
//! from the writer thread and is finished after the summary (`report::sink`). A new per-row
//! output is one more `push` here.

use std::path::Path;

use super::AuditConfig;
use super::outputs::CsvOutputs;
use super::supplier_spool::SupplierSpool;
use crate::error::Error;
use crate::report::html::HtmlSink;
use crate::report::junit::JunitSink;
use crate::report::sink::Sink;
use crate::report::xlsx::XlsxSink;

/// Creates the sinks in `out_dir` (the staged folder); `catalogue` is the catalogue's file name,
/// `with_change` says a baseline is compared.
pub(super) fn create(out_dir: &Path, catalogue: &str, with_change: bool, cfg: &AuditConfig) -> Result<Vec<Box<dyn Sink>>, Error> {
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if cfg.formats.csv {
        sinks.push(Box::new(CsvOutputs::create(out_dir, with_change, cfg.csv_bom)?));
    }
    if cfg.split_by_supplier {
        sinks.push(Box::new(SupplierSpool::new(out_dir, cfg.csv_bom)));
    }
    if cfg.formats.xlsx {
        sinks.push(Box::new(XlsxSink::create(&out_dir.join("audit.xlsx"), out_dir, cfg.timestamp, with_change)?));
    }
    if cfg.formats.junit {
        sinks.push(Box::new(JunitSink::create(&out_dir.join("audit.junit.xml"), out_dir, catalogue, cfg.fail_on)?));
    }
    if cfg.formats.html {
        sinks.push(Box::new(HtmlSink::create(&out_dir.join("report.html"))?));
    }
    Ok(sinks)
}
