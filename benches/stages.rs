//! Time per record of each stage of the audit, one at a time on one thread (issue 17), on 2,000
//! records generated as `cargo run --example gen_catalogue -- --rows 2000 --seed 42` writes them:
//!
//! - `decode`: `CatalogueReader` from the file's bytes to records, in batches of 512 as the
//!   pipeline reads them (CSV parsing, field decoding, SHA-256; opening the file included);
//! - `extract`: `extract` on each readable record;
//! - `rules`: `Policy::check` on each record's facts (in scope only, as the audit does);
//! - `encode`: each record's audit.csv row and findings.csv rows into buffers reused batch after
//!   batch.
//!
//! ```text
//! cargo bench --bench stages
//! cargo bench --bench stages -- --warm-up-time 1 --measurement-time 3    # about half a minute
//! ```
//!
//! Criterion reports each stage's throughput in records (elements) per second; its time is for
//! all the records the stage sees. `examples/allocs.rs` counts the same stages' allocations.

use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use k2d3_audit::stages::{Dup, assess, write_audit_row, write_findings};
use k2d3_audit::{CatalogueReader, ColumnMap, Date, Item, Policy, ReaderOptions, Scratch, SupplierAliases, extract};

#[path = "../examples/common/generator.rs"]
mod generator;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The records of every stage, as in `examples/gen_catalogue.rs` with `--rows 2000 --seed 42`.
const ROWS: u64 = 2000;

/// A batch, as the pipeline reads and encodes them.
const BATCH: usize = 512;

/// Reads every item of the catalogue at `path`, in batches of [`BATCH`] reused as the pipeline
/// does; returns how many.
fn read_all(path: &std::path::Path, batch: &mut Vec<Item>) -> usize {
    let mut reader = CatalogueReader::open(path, &ReaderOptions::default()).expect("the generated catalogue opens");
    let mut n = 0;
    loop {
        batch.clear();
        let more = reader.next_batch(batch, BATCH).expect("the generated catalogue reads");
        n += batch.len();
        black_box(&batch);
        if !more {
            return n;
        }
    }
}

/// The generated catalogue in a temporary file, its column map and its items.
fn catalogue() -> (tempfile::NamedTempFile, Arc<ColumnMap>, Vec<Item>) {
    let mut bytes = Vec::new();
    let opts = generator::Options { rows: ROWS, ..generator::Options::default() };
    generator::generate(&opts, &mut bytes, None).expect("writing to memory");
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(&bytes).expect("writing the temporary catalogue");
    let mut reader = CatalogueReader::open(file.path(), &ReaderOptions::default()).expect("the generated catalogue opens");
    let mut items = Vec::new();
    while reader.next_batch(&mut items, BATCH).expect("the generated catalogue reads") {}
    let cols = reader.columns().clone();
    (file, cols, items)
}

fn stages(c: &mut Criterion) {
    let (file, cols, items) = catalogue();
    let records: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some(r),
            Item::Invalid(_) => None,
        })
        .collect();
    let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
    let mut scratch = Scratch::new();
    let facts: Vec<_> = records.iter().map(|r| extract(r, &cols, &mut scratch)).collect();
    let assessed: Vec<_> =
        items.iter().map(|i| assess(i, &cols, &policy, &SupplierAliases::default(), Dup::Unique, &mut scratch)).collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Elements(items.len() as u64));
    let mut batch = Vec::with_capacity(BATCH);
    g.bench_function("decode", |b| b.iter(|| read_all(file.path(), &mut batch)));

    g.throughput(Throughput::Elements(records.len() as u64));
    g.bench_function("extract", |b| {
        b.iter(|| {
            for r in &records {
                black_box(extract(black_box(r), &cols, &mut scratch));
            }
        })
    });
    g.bench_function("rules", |b| {
        b.iter(|| {
            for f in &facts {
                // A fresh list per record, as `assess` keeps it in the assessed record.
                let mut findings = Vec::new();
                if f.in_scope() {
                    policy.check(black_box(f), &mut findings);
                }
                black_box(findings);
            }
        })
    });

    g.throughput(Throughput::Elements(assessed.len() as u64));
    let (mut audit, mut found, mut issues) = (Vec::new(), Vec::new(), String::new());
    g.bench_function("encode", |b| {
        b.iter(|| {
            for chunk in assessed.chunks(BATCH) {
                audit.clear();
                found.clear();
                for a in chunk {
                    write_audit_row(&mut audit, black_box(a), None, false, &mut issues);
                    write_findings(&mut found, a);
                }
                black_box((&audit, &found));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
