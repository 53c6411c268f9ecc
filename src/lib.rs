//! k2d3-audit: audits retailers' CSV catalogues of vitamin D3 + K2 supplements.
//!
//! The flow goes one way: [`ingest`] (decode, sniff, map headers) → [`extract`] (label text to
//! typed facts with evidence) → [`rules`] (pure checks against one [`policy`] section) →
//! [`audit`] (batches, rayon, input order, running summary) → [`report`] (csv, json, pdf).
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod date;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod numfmt;
pub mod policy;
pub mod report;
pub mod results;
pub mod rules;

pub use error::Error;
