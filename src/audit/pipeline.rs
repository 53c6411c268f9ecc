//! The streaming pipeline: a reader thread sends batches of records through a bounded channel;
//! each batch is assessed and serialised in parallel (rayon, input order kept); a writer thread
//! appends the bytes and keeps the running tallies. Memory stays bounded: only the PDF's capped
//! lists and the duplicate-SKU set outlive a batch.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use super::assess::assess;
use super::baseline::Baseline;
use crate::date::Date;
use crate::error::Error;
use crate::extract::Scratch;
use crate::ingest::{CatalogueReader, ColumnMap, Field, Item, ReaderOptions, sniff::delimiter_name};
use crate::policy::Policy;
use crate::report::atomic::{AtomicFile, write_file};
use crate::report::{self, CatalogueInfo, ReportData, csv as rcsv};
use crate::results::{
    Assessed, Change, Changes, FindingEntry, NO_SUPPLIER, ProductEntry, RejectedEntry, SupplierPart, SupplierRow, Tally, Verdict,
    WorseProduct, WorstProducts, sort_suppliers,
};
use crate::rules::{Status, data};

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub csv: bool,
    pub json: bool,
    pub pdf: bool,
}

/// Progress reports for a front end (the library never draws anything itself).
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    Start { path: &'a str, total_bytes: u64 },
    Advance { records: u64, bytes: u64 },
    Finish,
}

/// Everything one audit run needs, resolved once.
pub struct AuditConfig<'a> {
    pub policy: &'a Policy,
    pub pool: &'a rayon::ThreadPool,
    pub formats: Formats,
    /// Lowest severity (0 pass .. 3 fail) that counts toward exit code 1; `None` for never.
    pub fail_on: Option<u8>,
    pub baseline: Option<PathBuf>,
    pub split_by_supplier: bool,
    pub date: Date,
    pub timestamp: i64,
    /// SOURCE_DATE_EPOCH is set: outputs must be byte-identical (elapsed_ms is 0).
    pub reproducible: bool,
    pub progress: Option<&'a (dyn Fn(Progress<'_>) + Sync)>,
}

/// The result of one catalogue's audit.
#[derive(Debug)]
pub struct Outcome {
    pub info: CatalogueInfo,
    pub tally: Tally,
    pub out_dir: PathBuf,
    pub elapsed: Duration,
    /// Products whose verdict reached `--fail-on` (invalid counts as fail).
    pub reached_fail_on: u64,
    /// With a baseline: products that got worse, or are new and reach `--fail-on`.
    pub worse: Option<u64>,
    /// Waivers that matched nothing, and expired ones (for the run's notes).
    pub notes: Vec<String>,
}

const BATCH: usize = 512;

/// SKU key for duplicate detection: a fixed-key hash of the trimmed SKU (same in every run).
fn sku_hash(sku: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(sku.trim().as_bytes());
    h.finish()
}

/// How many records a catalogue of `total_bytes` holds, judged from the first batch (`records`
/// records in `read` bytes), so the SKU set is sized once instead of doubling (a doubling holds
/// the old and the new table at once: 53 MB at 1M rows). Capped, so a file whose first records
/// are short cannot make it reserve more than a 2M-row catalogue needs (~35 MB).
fn expected_records(total_bytes: u64, read: u64, records: usize) -> usize {
    const CAP: u64 = 1_800_000;
    if read == 0 || records == 0 {
        return 0;
    }
    let estimate = total_bytes.saturating_mul(records as u64) / read;
    estimate.saturating_add(estimate / 16).min(CAP) as usize
}

/// Every SKU seen: its first row and how many records use it.
type SkuMap = HashMap<u64, (u32, u32)>;

/// What the writer keeps from one record.
struct Delta {
    /// A non-pass product whose entry was not built: it only counts toward the list's total.
    counted_only: bool,
    verdict: Verdict,
    statuses: Option<[crate::rules::CriterionStatus; 6]>,
    supplier: String,
    rules: Vec<(crate::rules::RuleId, bool)>,
    product: Option<ProductEntry>,
    rejected: Option<RejectedEntry>,
    change: Option<(Change, Option<Verdict>)>,
}

#[derive(Default)]
struct ChunkOut {
    /// `row,gtin` lines for the keys file (GTIN matching in a later run's --baseline).
    keys: Vec<u8>,
    audit: Vec<u8>,
    findings: Vec<u8>,
    rejected: Vec<u8>,
    deltas: Vec<Delta>,
}

/// Output buffers handed back by the writer for reuse, so the hot loop does not fault in fresh
/// pages for every chunk.
struct BufPool(std::sync::Mutex<Vec<Vec<u8>>>);

impl BufPool {
    fn take(&self) -> Vec<u8> {
        self.0.lock().ok().and_then(|mut v| v.pop()).unwrap_or_default()
    }
    fn give(&self, mut b: Vec<u8>) {
        b.clear();
        if let Ok(mut v) = self.0.lock()
            && v.len() < 256
        {
            v.push(b);
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

fn finding_entries(a: &Assessed) -> Vec<FindingEntry> {
    a.findings
        .iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| FindingEntry {
            rule: f.rule,
            criterion: f.criterion(),
            status: f.status,
            message: f.message.clone(),
            evidence: f.evidence.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            waived: f.waived.is_some(),
        })
        .collect()
}

/// `entry_rank`: products must rank above it to make the PDF's capped list (kept current by the
/// writer), so workers skip building entries that would be dropped.
fn process_chunk(
    items: &[Item],
    dup_of: &[Option<u64>],
    cols: &ColumnMap,
    cfg: &AuditConfig,
    baseline: Option<&Baseline>,
    entry_rank: &AtomicU8,
    pool: &BufPool,
) -> Result<ChunkOut, Error> {
    let mut out = ChunkOut {
        keys: Vec::new(),
        audit: pool.take(),
        findings: pool.take(),
        rejected: pool.take(),
        deltas: Vec::with_capacity(items.len()),
    };
    let with_change = baseline.is_some();
    SCRATCH.with(|s| {
        let mut scratch = s.borrow_mut();
        let mut issues = String::new();
        for (item, dup) in items.iter().zip(dup_of) {
            let a = assess(item, cols, cfg.policy, *dup, &mut scratch);
            let change = baseline.map(|b| b.compare(&a.sku, &a.gtin, &a.product, a.verdict));
            if !a.gtin.is_empty() {
                rcsv::write_key(&mut out.keys, a.row, &a.gtin);
            }
            rcsv::write_audit_row(&mut out.audit, &a, change.map(|c| c.0), with_change, &mut issues);
            rcsv::write_findings(&mut out.findings, &a);
            rcsv::write_rejected(&mut out.rejected, &a);
            let non_pass = !matches!(a.verdict, Verdict::Pass | Verdict::Skipped | Verdict::Invalid)
                && a.verdict.rank() > entry_rank.load(Ordering::Relaxed);
            let product = non_pass.then(|| ProductEntry {
                row: a.row,
                line: a.line,
                sku: a.sku.clone(),
                product: a.product.clone(),
                supplier: a.supplier.clone(),
                verdict: a.verdict,
                findings: finding_entries(&a),
            });
            let rejected = a.invalid.as_ref().map(|i| RejectedEntry { row: i.row, line: i.line, reason: i.reason.clone() });
            let counted_only = !non_pass && matches!(a.verdict, Verdict::Warn | Verdict::Review | Verdict::Fail);
            out.deltas.push(Delta {
                counted_only,
                verdict: a.verdict,
                statuses: a.statuses,
                supplier: a.supplier,
                rules: a.findings.iter().filter(|f| f.status != Status::Pass).map(|f| (f.rule, f.waived.is_some())).collect(),
                product,
                rejected,
                change,
            });
        }
    });
    Ok(out)
}

/// Running state of the writer.
struct Acc {
    tally: Tally,
    suppliers: BTreeMap<String, SupplierPart>,
    worst: WorstProducts,
    rejected: Vec<RejectedEntry>,
    rejected_total: u64,
    reached_fail_on: u64,
    changes: Option<Changes>,
    split: bool,
    cap: usize,
    fail_on: Option<u8>,
}

const REJECTED_CAP: usize = 1000;

impl Acc {
    fn add(&mut self, d: Delta) {
        self.tally.add_record(d.verdict, d.statuses.as_ref(), &d.rules);
        let reaches = d.verdict.reaches(self.fail_on);
        if reaches {
            self.reached_fail_on += 1;
        }
        let supplier = if d.supplier.is_empty() { NO_SUPPLIER } else { d.supplier.as_str() };
        if !self.suppliers.contains_key(supplier) {
            let part = SupplierPart {
                tally: Tally::default(),
                worst: WorstProducts::new(if self.split { self.cap } else { 0 }),
                rejected: Vec::new(),
            };
            self.suppliers.insert(supplier.to_string(), part);
        }
        let Some(part) = self.suppliers.get_mut(supplier) else { return };
        part.tally.add_record(d.verdict, d.statuses.as_ref(), &d.rules);
        if let Some(rj) = d.rejected {
            self.rejected_total += 1;
            if self.split && part.rejected.len() < REJECTED_CAP {
                part.rejected.push(rj.clone());
            }
            if self.rejected.len() < REJECTED_CAP {
                self.rejected.push(rj);
            }
        }
        if let (Some(ch), Some((change, before))) = (self.changes.as_mut(), d.change) {
            match change {
                Change::New => ch.new += 1,
                Change::Worse => ch.worse += 1,
                Change::Better => ch.better += 1,
                Change::Same => ch.same += 1,
            }
            let counts = match change {
                Change::Worse => true,
                Change::New => reaches,
                _ => false,
            };
            if counts {
                ch.worse_reaching_fail_on += 1;
            }
            if change == Change::Worse
                && let (Some(p), Some(before)) = (&d.product, before)
            {
                ch.worse_products.push(WorseProduct {
                    row: p.row,
                    sku: p.sku.clone(),
                    product: p.product.clone(),
                    supplier: p.supplier.clone(),
                    before,
                    after: p.verdict,
                    findings: p.findings.clone(),
                });
                // Bounded: keep the worst `cap` (the list is sorted and cut again at the end).
                if ch.worse_products.len() > self.cap.max(1) * 2 {
                    ch.worse_products.sort_by_key(|w| (std::cmp::Reverse(w.after.rank()), w.row));
                    ch.worse_products.truncate(self.cap.max(1));
                }
            }
        }
        if d.counted_only {
            self.worst.total += 1;
        }
        if let Some(p) = d.product {
            if self.split {
                if part.worst.wants(p.verdict, p.row) {
                    part.worst.push(p.clone());
                } else {
                    part.worst.total += 1;
                }
            }
            if self.worst.wants(p.verdict, p.row) {
                self.worst.push(p);
            } else {
                self.worst.total += 1;
            }
        }
    }
}

type Batch = (Vec<Item>, Vec<Option<u64>>, u64);
type BatchResult = Result<Batch, Error>;

/// Audits one catalogue and writes its reports into `out_dir`.
pub fn audit_catalogue(path: &Path, shown: &str, out_dir: &Path, reader_opts: &ReaderOptions, cfg: &AuditConfig) -> Result<Outcome, Error> {
    let started = Instant::now();
    let mut reader = CatalogueReader::open(path, reader_opts)?;
    let cols = reader.columns().clone();
    let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if let Some(p) = cfg.progress {
        p(Progress::Start { path: shown, total_bytes });
    }
    let baseline = match &cfg.baseline {
        Some(b) => Some(Baseline::load(b, &file_stem(shown))?),
        None => None,
    };
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::Io { path: out_dir.display().to_string(), message: format!("cannot create the output folder: {e}") })?;
    let with_change = baseline.is_some();
    // The CSVs are always written to temporary files (the duplicate patch reads them back) and
    // renamed into place only when asked for.
    let mut files = {
        let mut a = AtomicFile::create(&out_dir.join("audit.csv"))?;
        let mut f = AtomicFile::create(&out_dir.join("findings.csv"))?;
        let mut r = AtomicFile::create(&out_dir.join("rejected.csv"))?;
        let herr = |e: csv::Error| Error::Io { path: out_dir.display().to_string(), message: e.to_string() };
        for (w, h, ch) in [
            (&mut a, &rcsv::AUDIT_HEADER[..], with_change),
            (&mut f, &rcsv::FINDINGS_HEADER[..], false),
            (&mut r, &rcsv::REJECTED_HEADER[..], false),
        ] {
            let mut cw = rcsv::csv_writer(&mut *w);
            rcsv::write_header(&mut cw, h, ch).map_err(herr)?;
            cw.flush().map_err(|e| Error::Io { path: out_dir.display().to_string(), message: e.to_string() })?;
        }
        Some((a, f, r))
    };
    let mut keys_file = AtomicFile::create(&out_dir.join(super::baseline::KEYS_FILE))?;
    keys_file.write_all(b"row,gtin\n").map_err(|e| Error::Io { path: out_dir.display().to_string(), message: e.to_string() })?;

    let mut acc = Acc {
        tally: Tally::default(),
        suppliers: BTreeMap::new(),
        worst: WorstProducts::new(cfg.policy.max_products),
        rejected: Vec::new(),
        rejected_total: 0,
        reached_fail_on: 0,
        changes: baseline.as_ref().map(|b| Changes { baseline: b.path.clone(), ..Changes::default() }),
        split: cfg.split_by_supplier,
        cap: cfg.policy.max_products,
        fail_on: cfg.fail_on,
    };

    let mut skus: SkuMap = HashMap::new();
    // By-supplier and baseline reports need every non-pass product's entry.
    let may_skip_entries = !cfg.split_by_supplier && baseline.is_none();
    let entry_rank = AtomicU8::new(0);
    let bufs = BufPool(std::sync::Mutex::new(Vec::new()));
    let result: Result<(), Error> = std::thread::scope(|scope| {
        let (batch_tx, batch_rx): (SyncSender<BatchResult>, Receiver<BatchResult>) = sync_channel(4);
        type Done = (usize, Result<ChunkOut, Error>, u64);
        let (out_tx, out_rx): (SyncSender<Done>, Receiver<Done>) = sync_channel(64);
        // Reader thread: reads in order, so it also knows which SKUs came before.
        let reader_ref = &mut reader;
        let track_skus = cols.has(Field::Sku);
        let skus_ref = &mut skus;
        let reader_thread = std::thread::Builder::new().name("k2d3-reader".into()).spawn_scoped(scope, move || {
            loop {
                let mut items = Vec::with_capacity(BATCH);
                match reader_ref.next_batch(&mut items, BATCH) {
                    Ok(more) => {
                        let mut dup_of = vec![None; items.len()];
                        if track_skus {
                            if skus_ref.capacity() == 0 {
                                skus_ref.reserve(expected_records(total_bytes, reader_ref.position(), items.len()));
                            }
                            for (it, d) in items.iter().zip(dup_of.iter_mut()) {
                                if let Item::Record(r) = it {
                                    let sku = r.get(Field::Sku);
                                    if sku.is_empty() {
                                        continue;
                                    }
                                    let e = skus_ref.entry(sku_hash(sku)).or_insert((r.row as u32, 0));
                                    e.1 = e.1.saturating_add(1);
                                    if e.1 > 1 {
                                        *d = Some(e.0 as u64);
                                    }
                                }
                            }
                        }
                        let pos = reader_ref.position();
                        if !items.is_empty() && batch_tx.send(Ok((items, dup_of, pos))).is_err() {
                            return;
                        }
                        if !more {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = batch_tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        if let Err(e) = reader_thread {
            return Err(Error::Io { path: out_dir.display().to_string(), message: format!("cannot start the reader thread: {e}") });
        }
        // Writer thread.
        let files_ref = &mut files;
        let keys_ref = &mut keys_file;
        let entry_rank_ref = &entry_rank;
        let bufs_ref = &bufs;
        let acc_ref = &mut acc;
        let progress = cfg.progress;
        let writer = std::thread::Builder::new().name("k2d3-writer".into()).spawn_scoped(scope, move || -> Result<(), Error> {
            let mut records = 0u64;
            // Batches finish out of order: hold the early ones until their turn.
            let mut pending: BTreeMap<usize, (ChunkOut, u64)> = BTreeMap::new();
            let mut next = 0usize;
            for (idx, res, bytes) in out_rx {
                pending.insert(idx, (res?, bytes));
                while let Some((c, bytes)) = pending.remove(&next) {
                    next += 1;
                    if let Some((a, f, r)) = files_ref.as_mut() {
                        let werr = |e: std::io::Error| Error::Io { path: "report".into(), message: format!("cannot write: {e}") };
                        a.write_all(&c.audit).map_err(werr)?;
                        f.write_all(&c.findings).map_err(werr)?;
                        r.write_all(&c.rejected).map_err(werr)?;
                        keys_ref.write_all(&c.keys).map_err(werr)?;
                    }
                    bufs_ref.give(c.audit);
                    bufs_ref.give(c.findings);
                    bufs_ref.give(c.rejected);
                    records += c.deltas.len() as u64;
                    for d in c.deltas {
                        acc_ref.add(d);
                    }
                    if may_skip_entries {
                        entry_rank_ref.store(acc_ref.worst.entry_rank(), Ordering::Relaxed);
                    }
                    if let Some(p) = progress {
                        p(Progress::Advance { records, bytes });
                    }
                }
            }
            Ok(())
        });
        let writer = match writer {
            Ok(w) => w,
            Err(e) => {
                return Err(Error::Io { path: out_dir.display().to_string(), message: format!("cannot start the writer thread: {e}") });
            }
        };
        // Assess batches in parallel: each batch is one task, several are in flight at once (no
        // barrier between batches); the writer puts them back in input order.
        let mut first_err = None;
        let in_flight = cfg.pool.current_num_threads() * 2 + 2;
        let (token_tx, token_rx) = sync_channel::<()>(in_flight);
        let token_rx = std::sync::Mutex::new(token_rx);
        cfg.pool.in_place_scope(|s| {
            for (idx, batch) in batch_rx.into_iter().enumerate() {
                let (items, dup_of, pos) = match batch {
                    Ok(b) => b,
                    Err(e) => {
                        first_err = Some(e);
                        break;
                    }
                };
                if token_tx.send(()).is_err() {
                    break;
                }
                let (out_tx, token_rx, cols, bufs, entry_rank, baseline) =
                    (out_tx.clone(), &token_rx, &cols, &bufs, &entry_rank, baseline.as_ref());
                s.spawn(move |_| {
                    let res = process_chunk(&items, &dup_of, cols, cfg, baseline, entry_rank, bufs);
                    let _ = out_tx.send((idx, res, pos));
                    if let Ok(t) = token_rx.lock() {
                        let _ = t.recv();
                    }
                });
            }
        });
        drop(out_tx);
        let w = writer.join().unwrap_or_else(|_| {
            Err(Error::Io { path: out_dir.display().to_string(), message: "the report writer stopped unexpectedly".into() })
        });
        match first_err {
            Some(e) => Err(e),
            None => w,
        }
    });
    result?;
    // The first record of each duplicated SKU learns about its duplicates only now.
    let mut firsts: Vec<(u64, u32)> = skus.values().filter(|(_, n)| *n > 1).map(|&(row, n)| (row as u64, n)).collect();
    drop(skus);
    firsts.sort_unstable();
    if !firsts.is_empty() && cfg.policy.enabled.on(crate::rules::RuleId::DataDuplicateSku) {
        files = patch_first_duplicates(files, &firsts, &mut acc, cfg, baseline.as_ref())?;
    }
    if let Some(p) = cfg.progress {
        p(Progress::Finish);
    }

    let info = CatalogueInfo {
        path: shown.to_string(),
        name: Path::new(shown).file_name().map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned()),
        sha256: reader.sha256(),
        records: acc.tally.records(),
        encoding: reader.encoding().name().to_string(),
        delimiter: delimiter_name(reader.delimiter()),
    };
    let mut changes = acc.changes.take();
    if let (Some(ch), Some(b)) = (changes.as_mut(), baseline.as_ref()) {
        ch.gone = b.gone();
        ch.worse_products.sort_by_key(|w| (std::cmp::Reverse(w.after.rank()), w.row));
        ch.worse_products.truncate(cfg.policy.max_products);
    }
    let mut supplier_rows: Vec<SupplierRow> = acc.suppliers.iter().map(|(n, p)| SupplierRow::from_tally(n, &p.tally)).collect();
    sort_suppliers(&mut supplier_rows);
    let products = std::mem::replace(&mut acc.worst, WorstProducts::new(0));
    let products_total = products.total;
    let products = products.into_sorted();
    let elapsed = started.elapsed();
    let elapsed_ms = if cfg.reproducible { 0 } else { elapsed.as_millis() as u64 };
    let data = ReportData {
        catalogue: &info,
        supplier: None,
        date: cfg.date,
        timestamp: cfg.timestamp,
        tool_version: env!("CARGO_PKG_VERSION"),
        policy: cfg.policy,
        tally: &acc.tally,
        suppliers: &supplier_rows,
        products: &products,
        products_total,
        rejected: &acc.rejected,
        rejected_total: acc.rejected_total,
        changes: changes.as_ref(),
    };
    if cfg.formats.json {
        write_file(&out_dir.join("summary.json"), &report::json::render(&data, elapsed_ms))?;
    }
    if cfg.formats.pdf {
        write_file(&out_dir.join("report.pdf"), &report::pdf::render(&data))?;
    }
    if cfg.split_by_supplier {
        let dir = out_dir.join("by-supplier");
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Io { path: dir.display().to_string(), message: format!("cannot create the folder: {e}") })?;
        let names: Vec<String> = acc.suppliers.keys().cloned().collect();
        let files = report::pdf::safe_file_names(&names);
        for ((name, part), file) in std::mem::take(&mut acc.suppliers).into_iter().zip(files) {
            let rows = vec![SupplierRow::from_tally(&name, &part.tally)];
            let total = part.worst.total;
            let list = part.worst.into_sorted();
            let d = ReportData {
                catalogue: &info,
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
    }
    if let Some((a, f, r)) = files.filter(|_| cfg.formats.csv) {
        a.commit()?;
        f.commit()?;
        r.commit()?;
        keys_file.commit()?;
    }
    let mut notes = Vec::new();
    for w in &cfg.policy.waivers {
        if w.expired {
            notes.push(format!(
                "waiver for {} on {} expired on {}: it no longer applies",
                w.target_text(),
                w.rule,
                w.expires.map(|d| d.to_string()).unwrap_or_default()
            ));
        } else if w.match_count() == 0 {
            notes.push(format!("waiver for {} on {} matched nothing in {shown}", w.target_text(), w.rule));
        }
    }
    if let Some(b) = baseline.as_ref().filter(|b| b.missing) {
        notes.push(format!("{shown}: no earlier audit in {}: every product counts as new", b.path));
    }
    if reader.fallback_records > 0 {
        notes.push(format!("{shown}: {} record(s) were not valid UTF-8 and were read as Windows-1252", reader.fallback_records));
    }
    let worse = changes.as_ref().map(|c| c.worse_reaching_fail_on);
    Ok(Outcome { info, tally: acc.tally, out_dir: out_dir.to_path_buf(), elapsed, reached_fail_on: acc.reached_fail_on, worse, notes })
}

/// The stem of a catalogue's file name (`fixtures/retailer-a.csv` -> `retailer-a`).
pub fn file_stem(shown: &str) -> String {
    if shown == "-" {
        return "stdin".into();
    }
    Path::new(shown).file_stem().map_or_else(|| "catalogue".to_string(), |s| s.to_string_lossy().into_owned())
}

type CsvFiles = (AtomicFile, AtomicFile, AtomicFile);

fn io_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io { path: path.display().to_string(), message: e.to_string() }
}

/// Flags the first record of every duplicated SKU: rewrites its audit.csv row (verdict,
/// issues, change), inserts its finding into findings.csv and corrects the tallies. Runs only
/// when the file has duplicates, on the temporary files, before they are renamed into place.
fn patch_first_duplicates(
    files: Option<CsvFiles>,
    firsts: &[(u64, u32)],
    acc: &mut Acc,
    cfg: &AuditConfig,
    baseline: Option<&Baseline>,
) -> Result<Option<CsvFiles>, Error> {
    let Some((mut a, mut f, r)) = files else { return Ok(None) };
    let rule = crate::rules::RuleId::DataDuplicateSku;
    let a_path = a.written_path()?;
    let a_dest = a.dest().to_path_buf();
    let mut new_a = AtomicFile::create(&a_dest)?;
    // (row, sku as written, finding) for findings.csv.
    let mut inserts: Vec<(u64, String, crate::rules::Finding)> = Vec::with_capacity(firsts.len());
    {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&a_path).map_err(|e| io_err(&a_path, e))?;
        let mut w = rcsv::csv_writer(&mut new_a);
        let mut rec = csv::StringRecord::new();
        let mut next = 0usize;
        let mut header = true;
        while rdr.read_record(&mut rec).map_err(|e| io_err(&a_path, e))? {
            let row: u64 = if header { 0 } else { rec.get(0).and_then(|x| x.parse().ok()).unwrap_or(0) };
            header = false;
            while next < firsts.len() && firsts[next].0 < row {
                next += 1;
            }
            if next >= firsts.len() || firsts[next].0 != row {
                w.write_record(&rec).map_err(|e| io_err(&a_dest, e))?;
                continue;
            }
            let count = firsts[next].1;
            let mut cells: Vec<String> = rec.iter().map(String::from).collect();
            let old = Verdict::parse(&cells[6]).unwrap_or(Verdict::Skipped);
            if !matches!(old, Verdict::Pass | Verdict::Warn | Verdict::Review | Verdict::Fail) {
                w.write_record(&cells).map_err(|e| io_err(&a_dest, e))?;
                continue;
            }
            let sku = rcsv::unescape(&cells[2]).to_string();
            let product = rcsv::unescape(&cells[3]).to_string();
            let supplier_raw = rcsv::unescape(&cells[5]).to_string();
            let mut finding = data::duplicate_first(&sku, count as u64);
            if let Some(wv) = cfg.policy.waiver_for(rule, &sku, &supplier_raw) {
                wv.record_match();
                finding.waived = Some(wv.reason.clone());
            }
            let waived = finding.waived.is_some();
            let new = if waived { old } else { old.max(Verdict::Warn) };
            cells[6] = new.as_str().to_string();
            if !waived {
                let issues = &mut cells[21];
                let msg = rcsv::escape(&finding.message).into_owned();
                *issues = if issues.is_empty() { msg } else { format!("{issues}; {}", finding.message) };
            }
            // Tallies: the data criterion goes from pass to warn, the verdict may too.
            let supplier = if supplier_raw.is_empty() { NO_SUPPLIER.to_string() } else { supplier_raw.clone() };
            let line: u64 = cells[1].parse().unwrap_or(0);
            let entry = FindingEntry {
                rule,
                criterion: rule.criterion(),
                status: Status::Warn,
                message: finding.message.clone(),
                evidence: String::new(),
                waived,
            };
            let adjust = |t: &mut Tally, worst: &mut WorstProducts| {
                if waived {
                    *t.waived.entry(rule).or_insert(0) += 1;
                    return;
                }
                *t.rules.entry(rule).or_insert(0) += 1;
                let d = &mut t.criteria[crate::rules::Criterion::Data.index()];
                d.pass = d.pass.saturating_sub(1);
                d.warn += 1;
                if new != old {
                    t.verdicts[old as usize] -= 1;
                    t.verdicts[new as usize] += 1;
                    worst.push(ProductEntry {
                        row,
                        line,
                        sku: sku.clone(),
                        product: product.clone(),
                        supplier: supplier_raw.clone(),
                        verdict: new,
                        findings: vec![entry.clone()],
                    });
                } else {
                    worst.amend(row, |e| e.findings.push(entry.clone()));
                }
            };
            adjust(&mut acc.tally, &mut acc.worst);
            if let Some(part) = acc.suppliers.get_mut(&supplier) {
                adjust(&mut part.tally, &mut part.worst);
            }
            if new.reaches(acc.fail_on) && !old.reaches(acc.fail_on) {
                acc.reached_fail_on += 1;
            }
            if let (Some(b), Some(ch)) = (baseline, acc.changes.as_mut())
                && new != old
                && cells.len() > 22
            {
                let before = Change::parse(&cells[22]);
                let (after, prev) = b.compare(&sku, "", &product, new);
                cells[22] = after.as_str().to_string();
                if let Some(before) = before {
                    ch.count(before, -1);
                }
                ch.count(after, 1);
                if after == Change::Worse && before != Some(Change::Worse) {
                    ch.worse_reaching_fail_on += 1;
                    if let Some(prev) = prev {
                        ch.worse_products.push(WorseProduct {
                            row,
                            sku: sku.clone(),
                            product: product.clone(),
                            supplier: supplier_raw.clone(),
                            before: prev,
                            after: new,
                            findings: vec![entry.clone()],
                        });
                    }
                }
            }
            w.write_record(&cells).map_err(|e| io_err(&a_dest, e))?;
            inserts.push((row, cells[2].clone(), finding));
        }
        w.flush().map_err(|e| io_err(&a_dest, e))?;
    }
    drop(a);

    // findings.csv: the new finding goes after the record's other findings.
    let f_path = f.written_path()?;
    let f_dest = f.dest().to_path_buf();
    let mut new_f = AtomicFile::create(&f_dest)?;
    {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&f_path).map_err(|e| io_err(&f_path, e))?;
        let mut w = rcsv::csv_writer(&mut new_f);
        let mut rec = csv::StringRecord::new();
        let mut next = 0usize;
        let mut header = true;
        let write_insert = |w: &mut csv::Writer<&mut AtomicFile>, (row, sku, fd): &(u64, String, crate::rules::Finding)| {
            w.write_record([
                row.to_string().as_str(),
                sku,
                fd.criterion().as_str(),
                fd.rule.as_str(),
                fd.status.as_str(),
                &rcsv::escape(&fd.message),
                "",
                "",
                if fd.waived.is_some() { "yes" } else { "no" },
            ])
        };
        while rdr.read_record(&mut rec).map_err(|e| io_err(&f_path, e))? {
            if !header {
                let row: u64 = rec.get(0).and_then(|x| x.parse().ok()).unwrap_or(0);
                while next < inserts.len() && inserts[next].0 < row {
                    write_insert(&mut w, &inserts[next]).map_err(|e| io_err(&f_dest, e))?;
                    next += 1;
                }
            }
            header = false;
            w.write_record(&rec).map_err(|e| io_err(&f_dest, e))?;
        }
        for ins in &inserts[next..] {
            write_insert(&mut w, ins).map_err(|e| io_err(&f_dest, e))?;
        }
        w.flush().map_err(|e| io_err(&f_dest, e))?;
    }
    drop(f);
    Ok(Some((new_a, new_f, r)))
}

#[cfg(test)]
mod tests {
    use super::expected_records;

    #[test]
    fn the_sku_set_is_sized_from_the_first_batch_and_capped() {
        for (total, read, records, want) in [
            (0, 0, 0, 0),                            // empty file
            (1_000, 0, 512, 0),                      // nothing read yet
            (600_000, 300_000, 512, 1_088),          // 1,024 records, 1/16 headroom
            (600_000_000, 300_000, 512, 1_088_000),  // 1M records of 600 bytes
            (10_000_000_000, 5_120, 512, 1_800_000), // short first records: capped
            (u64::MAX, 1, 512, 1_800_000),           // no overflow
        ] {
            assert_eq!(expected_records(total, read, records), want, "{total} bytes, {records} records in {read}");
        }
    }
}
