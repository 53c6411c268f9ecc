//! Audit: drives one catalogue through ingest, extract and rules, in parallel, in input order,
//! feeding the writers and a running summary.

pub mod assess;
pub mod baseline;
mod pipeline;

pub use pipeline::{AuditConfig, Formats, Outcome, Progress, audit_catalogue, file_stem as pipeline_stem};
