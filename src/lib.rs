//! k2d3-audit: audits retailers' CSV catalogues of vitamin D3 + K2 supplements.
//!
//! The flow goes one way (ARCHITECTURE.md): `ingest` (decode, sniff, map headers) → `extract`
//! (label text to typed facts with evidence) → `rules` (pure checks, each owning its policy
//! section) → `policy` (the sections assembled, waivers) → `results` (what the pipeline hands the
//! writers) → `report` (csv, json, pdf) → `audit` (batches, rayon, input order, running summary).
//!
//! The modules are private; what the binary, the tests, the benches and the examples may use is
//! the list of re-exports below, and nothing else.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod audit;
mod date;
mod error;
mod extract;
mod ingest;
mod numfmt;
mod policy;
mod report;
mod results;
mod rules;

pub use audit::{AuditConfig, Formats, Outcome, Progress, audit_catalogue, pipeline_stem};
pub use date::Date;
pub use error::{ConfigProblem, Error};
pub use extract::{Evidence, Fact, Facts, Gap, Scratch, extract};
pub use ingest::decode::Encoding;
pub use ingest::reader::spool_stdin;
pub use ingest::sniff::{delimiter_name, parse_delimiter};
pub use ingest::{CatalogueReader, ColumnMap, Field, Invalid, Item, Mapping, ReaderNotes, ReaderOptions, Record, SupplierAliases};
pub use numfmt::{human_amount, num};
pub use policy::{DEFAULT_TOML, NOT_GRADED, Policy, market_lines, thresholds};
pub use report::PackInfo;
pub use report::atomic::check_writable;
pub use report::folder::{remove_leftovers, temp_prefix};
pub use report::xlsx::XLSX_WRITE_PANIC;
pub use results::{Coverage, Severity, Verdict};
pub use rules::{Criterion, MarketId, RuleId};

/// Single stages of the pipeline, for `examples/stages.rs` and `benches/stages.rs`, which time
/// them one by one, and `examples/allocs.rs`, which counts their allocations. Not part of the
/// tool's interface.
#[doc(hidden)]
pub mod stages {
    pub use crate::audit::assess::{Dup, assess};
    pub use crate::extract::text::Norm;
    pub use crate::extract::vocab::{Hit, scan};
    pub use crate::report::csv::{write_audit_row, write_findings};
}
