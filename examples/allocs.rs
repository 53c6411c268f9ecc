//! Allocations per record in each stage of the audit (issue 17), counted by a global allocator
//! that wraps mimalloc as the binary does: over every record, and over the records whose fields
//! are all ASCII and that have no finding, where issue 17 aims at none in extract, rules and encode.
//!
//! Usage: cargo run --release --example allocs -- [catalogue.csv]
//!
//! Without a file it counts the 2,000 records that `benches/stages.rs` times (those of
//! `gen_catalogue --rows 2000 --seed 42`). The stages are the bench's, run on one thread:
//!
//! - `decode`: each `CatalogueReader::next_item` (opening the file is not counted);
//! - `extract`: `extract` on each readable record;
//! - `rules`: `Policy::check` on its facts, into a fresh list (in scope only, as the audit does);
//! - `assess`: what the pipeline does per record, `extract` + `rules` + the assessed record's own
//!   copies of its text (SKU, product, brand...), with the built-in policy and no baseline;
//! - `encode`: its audit.csv row and findings.csv rows, into buffers reused batch after batch.
//!
//! `extract` and `encode` run once over every record before they are counted, so that their
//! reused buffers (the scratch, the batch buffers) have grown as they have after a pipeline's first
//! batches. An allocation is a call to `alloc`, `alloc_zeroed` or `realloc`; its bytes are the size
//! asked for. "allocating" is how many records allocated at least once in the stage.

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use k2d3_audit::stages::{Dup, assess, write_audit_row, write_findings};
use k2d3_audit::{CatalogueReader, Date, Field, Item, Policy, ReaderOptions, Record, Scratch, extract};

#[path = "common/generator.rs"]
mod generator;

/// Counts allocations and the bytes asked for, and leaves the work to mimalloc.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

fn count(size: usize) {
    ALLOCS.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(size as u64, Ordering::Relaxed);
}

// SAFETY: every call goes to mimalloc with the caller's arguments unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes of one record in one stage.
#[derive(Clone, Copy, Default)]
struct Count {
    allocs: u64,
    bytes: u64,
}

/// Runs `f`, counting what it allocates.
fn counted<T>(f: impl FnOnce() -> T) -> (T, Count) {
    let (a, b) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    let out = f();
    (out, Count { allocs: ALLOCS.load(Ordering::Relaxed) - a, bytes: BYTES.load(Ordering::Relaxed) - b })
}

const STAGES: [&str; 5] = ["decode", "extract", "rules", "assess", "encode"];
const DECODE: usize = 0;
const EXTRACT: usize = 1;
const RULES: usize = 2;
const ASSESS: usize = 3;
const ENCODE: usize = 4;

/// A batch, as the pipeline reads and encodes them.
const BATCH: usize = 512;

/// One stage's totals over a set of records.
#[derive(Clone, Copy, Default)]
struct Sum {
    records: u64,
    allocs: u64,
    bytes: u64,
    allocating: u64,
}

impl Sum {
    fn add(&mut self, c: Count) {
        self.records += 1;
        self.allocs += c.allocs;
        self.bytes += c.bytes;
        self.allocating += u64::from(c.allocs > 0);
    }
    fn cells(&self) -> String {
        let per = |x: u64| if self.records == 0 { 0.0 } else { x as f64 / self.records as f64 };
        format!("{:>7} {:>11.2} {:>9.1} {:>10}", self.records, per(self.allocs), per(self.bytes), self.allocating)
    }
}

fn fail(msg: impl std::fmt::Display) -> ! {
    let _ = writeln!(std::io::stderr(), "allocs: {msg}");
    std::process::exit(2);
}

/// The catalogue to read: the argument, or the generated records in a temporary file.
fn catalogue() -> (PathBuf, Option<tempfile::NamedTempFile>) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            let opts = generator::Options { rows: 2000, ..generator::Options::default() };
            let mut file = tempfile::NamedTempFile::new().unwrap_or_else(|e| fail(e));
            let mut out = std::io::BufWriter::new(file.as_file_mut());
            generator::generate(&opts, &mut out, None).and_then(|_| out.flush()).unwrap_or_else(|e| fail(e));
            drop(out);
            (file.path().to_path_buf(), Some(file))
        }
        [path] if !path.starts_with('-') => (PathBuf::from(path), None),
        _ => fail("usage: cargo run --release --example allocs -- [catalogue.csv]"),
    }
}

/// Every item of the catalogue, with what decoding each allocated.
fn decode(path: &Path) -> (CatalogueReader, Vec<(Item, Count)>) {
    let mut reader = CatalogueReader::open(path, &ReaderOptions::default()).unwrap_or_else(|e| fail(e));
    let mut items = Vec::new();
    loop {
        match counted(|| reader.next_item()) {
            (Ok(Some(item)), c) => items.push((item, c)),
            (Ok(None), _) => return (reader, items),
            (Err(e), _) => fail(e),
        }
    }
}

/// A record that extract and the rules see (not invalid, not a variant export's continuation row).
fn readable(item: &Item) -> Option<&Record> {
    match item {
        Item::Record(r) if r.continuation_of.is_none() => Some(r),
        _ => None,
    }
}

fn main() {
    let (path, generated) = catalogue();
    let (reader, items) = decode(&path);
    let cols = reader.columns().clone();
    let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
    let mut scratch = Scratch::new();
    // Per item, each stage's count (`None` where the stage does not see the item).
    let mut counts: Vec<[Option<Count>; 5]> = items.iter().map(|(_, c)| [Some(*c), None, None, None, None]).collect();
    for (item, _) in &items {
        if let Some(r) = readable(item) {
            extract(r, &cols, &mut scratch);
        }
    }
    for ((item, _), c) in items.iter().zip(&mut counts) {
        let Some(r) = readable(item) else { continue };
        let (facts, n) = counted(|| extract(r, &cols, &mut scratch));
        c[EXTRACT] = Some(n);
        let (_, n) = counted(|| {
            let mut findings = Vec::new();
            if facts.in_scope() {
                policy.check(&facts, &mut findings);
            }
            findings
        });
        c[RULES] = Some(n);
    }
    let mut assessed = Vec::with_capacity(items.len());
    for ((item, _), c) in items.iter().zip(&mut counts) {
        let (a, n) = counted(|| assess(item, &cols, &policy, &k2d3_audit::SupplierAliases::default(), Dup::Unique, &mut scratch));
        c[ASSESS] = Some(n);
        assessed.push(a);
    }
    let (mut audit, mut found, mut issues) = (Vec::new(), Vec::new(), String::new());
    for pass in 0..2 {
        for (chunk, cs) in assessed.chunks(BATCH).zip(counts.chunks_mut(BATCH)) {
            audit.clear();
            found.clear();
            for (a, c) in chunk.iter().zip(cs) {
                let (_, n) = counted(|| {
                    write_audit_row(&mut audit, a, None, false, &mut issues);
                    write_findings(&mut found, a);
                });
                if pass == 1 {
                    c[ENCODE] = Some(n);
                }
            }
        }
    }

    let quiet = |item: &Item, i: usize| {
        readable(item).is_some_and(|r| Field::ALL.iter().all(|f| r.get(*f).is_ascii())) && assessed[i].findings.is_empty()
    };
    let mut sums = [[Sum::default(); 2]; 5];
    for (i, ((item, _), c)) in items.iter().zip(&counts).enumerate() {
        for (s, n) in c.iter().enumerate() {
            if let Some(n) = n {
                sums[s][0].add(*n);
                if quiet(item, i) {
                    sums[s][1].add(*n);
                }
            }
        }
    }
    let shown = if generated.is_some() {
        "2,000 generated records (gen_catalogue --rows 2000 --seed 42)".to_string()
    } else {
        path.display().to_string()
    };
    let invalid = items.iter().filter(|(i, _)| matches!(i, Item::Invalid(_))).count();
    println!("{shown}: {} items, {invalid} invalid; {} all ASCII without a finding", items.len(), sums[DECODE][1].records);
    println!();
    println!("{}", format!("{:<8} {:^40} | {:^40}", "", "every record", "all ASCII, no finding").trim_end());
    let head = format!("{:>7} {:>11} {:>9} {:>10}", "records", "allocs/rec", "bytes/rec", "allocating");
    println!("{:<8} {head} | {head}", "stage");
    for (s, name) in STAGES.iter().enumerate() {
        println!("{name:<8} {} | {}", sums[s][0].cells(), sums[s][1].cells());
    }
}
