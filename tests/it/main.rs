//! Every integration test in one binary: one link instead of sixteen, and one harness
//! (`common`: run the real binary, read its outputs back), as ripgrep's tests/ do.
//! Run one area with `cargo test --test it <module>::`, e.g. `cargo test --test it supplier_pack::`.

mod common;

mod architecture;
mod baseline;
mod cli;
mod coverage;
mod docs;
mod expected;
mod export_shapes;
mod folders;
mod hostile;
mod html_report;
mod input_mistakes;
mod markets;
mod pdf;
mod pdf_scripts;
mod properties;
mod real_exports;
mod runs;
mod sample_reports;
mod snapshots;
mod spreadsheets;
mod supplier_pack;
mod suppliers;
mod trial_exports;
mod version;
mod waivers;
