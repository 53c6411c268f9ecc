//! Where a record's time goes: reads a catalogue into memory, then times each stage of the audit
//! on one thread (read, normalise, vocabulary scan, extraction, rules, output rows).
//!
//! Usage: cargo run --release --example stages -- <catalogue.csv> [max-records]

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use k2d3_audit::stages::{Dup, Hit, Norm, assess, scan, write_audit_row, write_findings};
use k2d3_audit::{CatalogueReader, Date, Field, Item, Policy, ReaderOptions, Scratch, extract};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        let _ = writeln!(std::io::stderr(), "usage: stages <catalogue.csv> [max-records]");
        std::process::exit(2);
    };
    let max: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
    let mut err = std::io::stderr();
    let t = Instant::now();
    let mut reader = match CatalogueReader::open(Path::new(path), &ReaderOptions::default()) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            std::process::exit(2);
        }
    };
    let mut items = Vec::new();
    while items.len() < max {
        match reader.next_item() {
            Ok(Some(i)) => items.push(i),
            Ok(None) => break,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                std::process::exit(2);
            }
        }
    }
    let n = items.len() as f64;
    let per = |t: Instant| t.elapsed().as_secs_f64() * 1e6 / n;
    let _ = writeln!(err, "{} records", items.len());
    let _ = writeln!(err, "read+decode   {:6.2} µs/record", per(t));
    let cols = reader.columns().clone();
    let recs: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some(r),
            _ => None,
        })
        .collect();

    let mut norm = Norm::new();
    let t = Instant::now();
    let mut bytes = 0usize;
    for r in &recs {
        for f in Field::ALL {
            norm.set(r.get(f));
            bytes += norm.text.len();
        }
    }
    let _ = writeln!(err, "normalise     {:6.2} µs/record ({:.0} bytes/record)", per(t), bytes as f64 / n);

    let mut hits: Vec<Hit> = Vec::new();
    let norms: Vec<Vec<String>> = recs
        .iter()
        .map(|r| {
            Field::ALL
                .iter()
                .map(|f| {
                    norm.set(r.get(*f));
                    norm.text.clone()
                })
                .collect()
        })
        .collect();
    let t = Instant::now();
    let mut nh = 0usize;
    for r in &norms {
        for s in r {
            hits.clear();
            scan(s, &mut hits);
            nh += hits.len();
        }
    }
    let _ = writeln!(err, "scan          {:6.2} µs/record ({:.1} hits/record)", per(t), nh as f64 / n);
    let t = Instant::now();
    for r in &recs {
        for f in Field::ALL {
            norm.set(r.get(f));
            hits.clear();
            scan(&norm.text, &mut hits);
        }
    }
    let _ = writeln!(err, "norm+scan     {:6.2} µs/record", per(t));
    let mut scratch = Scratch::new();
    let t = Instant::now();
    for r in &recs {
        std::hint::black_box(extract(r, &cols, &mut scratch));
    }
    let _ = writeln!(err, "extract       {:6.2} µs/record", per(t));

    let policy = Policy::builtin(Date::from_ymd(2026, 1, 1));
    let aliases = k2d3_audit::SupplierAliases::default();
    let t = Instant::now();
    for i in &items {
        std::hint::black_box(assess(i, &cols, &policy, &aliases, Dup::Unique, &mut scratch));
    }
    let _ = writeln!(err, "assess, drop  {:6.2} µs/record (extract + rules)", per(t));
    let t = Instant::now();
    let mut assessed = Vec::with_capacity(items.len());
    for i in &items {
        assessed.push(assess(i, &cols, &policy, &aliases, Dup::Unique, &mut scratch));
    }
    let _ = writeln!(err, "assess        {:6.2} µs/record (extract + rules)", per(t));

    let t = Instant::now();
    let mut audit = Vec::new();
    let mut findings = Vec::new();
    let mut issues = String::new();
    let (mut audit_bytes, mut findings_bytes) = (0, 0);
    // Into buffers reused batch after batch, as the pipeline does.
    for batch in assessed.chunks(512) {
        audit_bytes += audit.len();
        findings_bytes += findings.len();
        audit.clear();
        findings.clear();
        for a in batch {
            write_audit_row(&mut audit, a, None, false, &mut issues);
            write_findings(&mut findings, a);
        }
    }
    let _ =
        writeln!(err, "write rows    {:6.2} µs/record ({} + {} bytes)", per(t), audit_bytes + audit.len(), findings_bytes + findings.len());
    let t = Instant::now();
    drop(assessed);
    let _ = writeln!(err, "drop          {:6.2} µs/record", per(t));
}
