//! The streaming pipeline: a reader thread sends batches of records through a bounded channel;
//! each batch is assessed and serialised in parallel (rayon, input order kept); a writer thread
//! appends the bytes and keeps the running tallies. Memory stays bounded: only the PDF's capped
//! lists and the duplicate-SKU set outlive a batch.
//!
//! [`audit_catalogue`] runs the stages in order, each in its own file below: open the catalogue;
//! count its SKUs in a first pass (`duplicates`), so every record is final when it is assessed;
//! create the sinks (`sinks`: the CSVs, the suppliers' lists, the workbook, the JUnit report);
//! stream the batches: read them (reader thread), assess them (`chunk`, on the rayon pool), hand
//! them to every sink in input order (`writer`, writer thread); summarise and write the
//! whole-catalogue reports (`finish`); finish the sinks; all of it in a staged folder put in
//! place at the end (`report::folder`); collect the notes. Nothing reads back a file the run
//! wrote.

mod chunk;
mod duplicates;
mod finish;
mod outputs;
mod sinks;
mod supplier_spool;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU8;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use self::chunk::{BufPool, ChunkContext, ChunkOut, process_chunk};
use self::duplicates::DuplicateSkus;
use self::finish::{Summarised, summarise};
use self::writer::{Acc, InOrder};
use super::assess::Dup;
use super::baseline::Baseline;
use crate::date::Date;
use crate::error::Error;
use crate::ingest::{CatalogueReader, Field, Item, ReaderOptions, SupplierAliases};
use crate::policy::Policy;
use crate::report::folder::StagedFolder;
use crate::report::sink::{End, Sink};
use crate::report::{CatalogueInfo, PackInfo};
use crate::results::{Changes, Coverage, SupplierNames};
use crate::results::{Severity, Tally};
use crate::rules::RuleId;

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub csv: bool,
    pub json: bool,
    pub pdf: bool,
    /// audit.xlsx (SPEC §9).
    pub xlsx: bool,
    /// audit.junit.xml (SPEC §11).
    pub junit: bool,
    /// report.html (SPEC §12).
    pub html: bool,
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
    /// Start every report CSV with a UTF-8 byte-order mark (`--csv-bom`, SPEC §9).
    pub csv_bom: bool,
    /// Lowest severity that counts toward exit code 1 (`--fail-on`); `None` for never.
    pub fail_on: Option<Severity>,
    pub baseline: Option<PathBuf>,
    pub split_by_supplier: bool,
    /// Who sends the supplier review pack, and by when it is due.
    pub pack: PackInfo,
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

/// Records per batch: one rayon task, one channel message.
const BATCH: usize = 512;

/// A batch as read: its items, where each stands among the records sharing its SKU, and the
/// bytes read so far.
type Batch = (Vec<Item>, Vec<Dup>, u64);
type BatchResult = Result<Batch, Error>;

/// Audits one catalogue and writes its reports into `out_dir`.
pub fn audit_catalogue(path: &Path, shown: &str, out_dir: &Path, reader_opts: &ReaderOptions, cfg: &AuditConfig) -> Result<Outcome, Error> {
    let started = Instant::now();
    // One policy serves every catalogue of a run, one catalogue at a time: waiver hits are
    // counted per catalogue.
    for w in &cfg.policy.waivers {
        w.reset_matches();
    }
    let (mut reader, total_bytes) = open_catalogue(path, shown, reader_opts, cfg)?;
    let baseline = match &cfg.baseline {
        Some(b) => Some(Baseline::load(b, &file_stem(shown))?),
        None => None,
    };
    // Every file goes into a staged folder that takes the old folder's place only at the end.
    let staged = StagedFolder::begin(out_dir)?;
    let stage = staged.path().to_path_buf();
    let input = Input { path, reader_opts, shown, total_bytes };
    let built = build_reports(&stage, &input, &mut reader, baseline.as_ref(), cfg, started);
    let (summary, elapsed) = match built {
        Ok(b) => b,
        Err(e) => return Err(report_error(staged.explain(e), shown)),
    };
    staged.commit().map_err(|e| report_error(e, shown))?;
    let mut notes = notes(cfg.policy, shown, baseline.as_ref(), reader.fallback_records);
    if summary.info.records == 0 {
        notes.push(format!("{shown} holds a header but no records: nothing was audited"));
    }
    notes.extend(summary.coverage.note(shown));
    notes.extend(summary.unprintable.note(shown));
    let worse = summary.changes.as_ref().map(|c| c.worse_reaching_fail_on);
    let (info, tally, reached_fail_on) = (summary.info, summary.tally, summary.reached_fail_on);
    Ok(Outcome { info, tally, out_dir: out_dir.to_path_buf(), elapsed, reached_fail_on, worse, notes })
}

/// A failure to write a report names the catalogue whose report it is.
fn report_error(e: Error, shown: &str) -> Error {
    match e {
        Error::Io { path, action, source } => Error::Io { path, action: format!("{action} (reports of {shown})"), source },
        other => other,
    }
}

/// The catalogue being audited.
struct Input<'i> {
    path: &'i Path,
    reader_opts: &'i ReaderOptions,
    /// As given on the command line (`-` for stdin).
    shown: &'i str,
    total_bytes: u64,
}

/// Streams the catalogue into the sinks in `out_dir` (the staged folder) and writes the other
/// reports there; returns the summary and the time taken.
fn build_reports(
    out_dir: &Path,
    input: &Input,
    reader: &mut CatalogueReader,
    baseline: Option<&Baseline>,
    cfg: &AuditConfig,
    started: Instant,
) -> Result<(Summarised, Duration), Error> {
    let skus = count_skus(input, reader, cfg.policy)?;
    let mut sinks = sinks::create(out_dir, &finish::catalogue_name(input.shown), baseline.is_some(), cfg)?;
    let changes = baseline.as_ref().map(|b| Changes { baseline: b.path.clone(), ..Changes::default() });
    let mut acc = Acc::new(cfg.policy.max_products, cfg.split_by_supplier, cfg.fail_on, changes);
    acc.coverage = Coverage::new(reader.columns());
    // Suppliers are grouped by spelling and by the mapping file's `[suppliers]` (SPEC §10).
    let aliases = input.reader_opts.mapping.as_ref().map(|m| m.suppliers.clone()).unwrap_or_default();
    acc.names = SupplierNames::new(aliases.clone());
    let streams = Streams { reader, skus: skus.as_ref(), sinks: &mut sinks, acc: &mut acc, aliases: &aliases };
    streams.run(out_dir, cfg, baseline)?;
    if let Some(p) = cfg.progress {
        p(Progress::Finish);
    }
    let mut summary = summarise(input.shown, reader, acc, baseline, cfg.policy.max_products, &cfg.policy.grades);
    let elapsed = started.elapsed();
    let elapsed_ms = if cfg.reproducible { 0 } else { elapsed.as_millis() as u64 };
    let supplier_lists = summary.write_reports(out_dir, cfg, elapsed_ms)?;
    let data = summary.report_data(cfg);
    let end = End { data: &data, secs: elapsed_ms as f64 / 1000.0, supplier_lists: &supplier_lists };
    for sink in sinks {
        sink.finish(&end)?;
    }
    Ok((summary, elapsed))
}

/// The first pass: every SKU of the catalogue counted, so each record knows its duplicates when
/// it is assessed. `None` (no pass) when the catalogue has no SKU column or the rule is off.
/// Standard input was spooled to a file, so it is read twice like any file.
fn count_skus(input: &Input, reader: &CatalogueReader, policy: &Policy) -> Result<Option<DuplicateSkus>, Error> {
    if !reader.columns().has(Field::Sku) || !policy.enabled.on(RuleId::DataDuplicateSku) {
        return Ok(None);
    }
    // The first pass leaves no notes (the pass that writes the reports leaves them once).
    let quiet = ReaderOptions { notes: Default::default(), ..input.reader_opts.clone() };
    let mut first = CatalogueReader::open(input.path, &quiet)?;
    first.sku_pass();
    let mut skus = DuplicateSkus::new(input.total_bytes);
    let mut items = Vec::with_capacity(BATCH);
    loop {
        items.clear();
        let more = first.next_batch(&mut items, BATCH)?;
        skus.count(&items, first.position());
        if !more {
            return Ok(Some(skus));
        }
    }
}

/// Opens the catalogue and announces it; returns the reader and the file's size.
fn open_catalogue(path: &Path, shown: &str, reader_opts: &ReaderOptions, cfg: &AuditConfig) -> Result<(CatalogueReader, u64), Error> {
    let reader = CatalogueReader::open(path, reader_opts)?;
    let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if let Some(p) = cfg.progress {
        p(Progress::Start { path: shown, total_bytes });
    }
    Ok((reader, total_bytes))
}

/// What the three threads of the streaming part work on.
struct Streams<'r> {
    reader: &'r mut CatalogueReader,
    /// The first pass's SKU counts (`None`: no duplicates are looked for).
    skus: Option<&'r DuplicateSkus>,
    sinks: &'r mut [Box<dyn Sink>],
    acc: &'r mut Acc,
    /// How records' suppliers are grouped.
    aliases: &'r SupplierAliases,
}

impl Streams<'_> {
    /// Reads batches (reader thread), assesses them (rayon pool, this thread waits in it) and
    /// writes them in order (writer thread), until the file ends or something fails.
    fn run(self, out_dir: &Path, cfg: &AuditConfig, baseline: Option<&Baseline>) -> Result<(), Error> {
        let cols = self.reader.columns().clone();
        let skus = self.skus;
        let (csv, rows) = (cfg.formats.csv, self.sinks.iter().any(|s| s.wants_rows()));
        // By-supplier and baseline reports need every non-pass product's entry.
        let may_skip_entries = !cfg.split_by_supplier && baseline.is_none();
        let entry_rank = AtomicU8::new(0);
        let bufs = BufPool::default();
        let split = cfg.split_by_supplier;
        let html = cfg.formats.html;
        let suppliers = self.aliases;
        let ctx = ChunkContext {
            cols: &cols,
            policy: cfg.policy,
            baseline,
            entry_rank: &entry_rank,
            bufs: &bufs,
            split,
            csv,
            rows,
            html,
            suppliers,
        };
        let writer = InOrder::new(self.sinks, self.acc, &bufs, may_skip_entries.then_some(&entry_rank), cfg.progress);
        let reader = self.reader;
        let thread_err = |what: &str, e: std::io::Error| Error::io(out_dir, format!("cannot start the {what} thread"), e);
        std::thread::scope(|scope| {
            let (batch_tx, batch_rx): (SyncSender<BatchResult>, Receiver<BatchResult>) = sync_channel(4);
            // Assessed batches waiting for the writer: enough to ride out a write that blocks for a moment
            // (about 8,000 records), few enough that a slow disk does not fill memory (each is ~0.5 MB).
            // Typed rows (the workbook) and report.html's rows make a batch several times larger, and
            // the writer is then the slower side, so the queue stays full: 4 of them (1M rows, the
            // default formats: 16 raised the peak memory past 150 MB).
            let (out_tx, out_rx): (SyncSender<Done>, Receiver<Done>) = sync_channel(if rows || html { 4 } else { 16 });
            std::thread::Builder::new()
                .name("k2d3-reader".into())
                .spawn_scoped(scope, move || read_batches(reader, skus, &batch_tx))
                .map_err(|e| thread_err("reader", e))?;
            let writer = std::thread::Builder::new()
                .name("k2d3-writer".into())
                .spawn_scoped(scope, move || write_in_order(writer, out_rx))
                .map_err(|e| thread_err("writer", e))?;
            let first_err = assess_batches(batch_rx, out_tx, &ctx, cfg.pool);
            let w = writer
                .join()
                .unwrap_or_else(|_| Err(Error::Internal(format!("{}: the report writer stopped unexpectedly", out_dir.display()))));
            match first_err {
                Some(e) => Err(e),
                None => w,
            }
        })
    }
}

/// The reader thread: reads batches and says of each record which records share its SKU
/// (`skus`: the first pass's counts; `None` when none are looked for).
fn read_batches(reader: &mut CatalogueReader, skus: Option<&DuplicateSkus>, batch_tx: &SyncSender<BatchResult>) {
    loop {
        let mut items = Vec::with_capacity(BATCH);
        match reader.next_batch(&mut items, BATCH) {
            Ok(more) => {
                let pos = reader.position();
                let dups = match skus {
                    Some(s) => items.iter().map(|it| s.of(it)).collect(),
                    None => vec![Dup::Unique; items.len()],
                };
                if !items.is_empty() && batch_tx.send(Ok((items, dups, pos))).is_err() {
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
}

/// An assessed batch: its index in input order, its result, the bytes read when it was read.
type Done = (usize, Result<ChunkOut, Error>, u64);

/// Assesses batches in parallel: each batch is one task, several are in flight at once (no
/// barrier between batches; a token channel bounds them); the writer puts them back in input
/// order. Returns the reader's error, if it stopped on one.
fn assess_batches(
    batch_rx: Receiver<BatchResult>,
    out_tx: SyncSender<Done>,
    ctx: &ChunkContext<'_>,
    pool: &rayon::ThreadPool,
) -> Option<Error> {
    let in_flight = pool.current_num_threads() * 2 + 2;
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    let token_rx = std::sync::Mutex::new(token_rx);
    pool.in_place_scope(|s| {
        for (idx, batch) in batch_rx.into_iter().enumerate() {
            let (items, dups, pos) = match batch {
                Ok(b) => b,
                Err(e) => return Some(e),
            };
            if token_tx.send(()).is_err() {
                break;
            }
            let (out_tx, token_rx) = (out_tx.clone(), &token_rx);
            s.spawn(move |_| {
                let res = process_chunk(&items, &dups, ctx);
                let _ = out_tx.send((idx, res, pos));
                if let Ok(t) = token_rx.lock() {
                    let _ = t.recv();
                }
            });
        }
        None
    })
}

/// The writer thread: stops at the first batch that failed.
fn write_in_order(mut writer: InOrder<'_>, out_rx: Receiver<Done>) -> Result<(), Error> {
    for (idx, res, bytes) in out_rx {
        writer.take(idx, res?, bytes)?;
    }
    Ok(())
}

/// Notes for the run: waivers that expired or matched nothing, a missing baseline, records read
/// as Windows-1252.
fn notes(policy: &Policy, shown: &str, baseline: Option<&Baseline>, fallback_records: u64) -> Vec<String> {
    let mut notes = Vec::new();
    for w in &policy.waivers {
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
    if let Some(b) = baseline.filter(|b| b.missing) {
        notes.push(format!("{shown}: no earlier audit in {}: every product counts as new", b.path));
    }
    if fallback_records > 0 {
        notes.push(format!("{shown}: {fallback_records} record(s) were not valid UTF-8 and were read as Windows-1252"));
    }
    notes
}

/// The stem of a catalogue's file name (`fixtures/retailer-a.csv` -> `retailer-a`), made a safe
/// folder name inside `--out`: leading dots are dropped (`...csv` has the stem `..`, `..csv` the
/// stem `.`, and a name like `.k2d3-…` is the tool's own temporaries'), and what is left empty is
/// `catalogue`.
pub fn file_stem(shown: &str) -> String {
    if shown == "-" {
        return "stdin".into();
    }
    let stem = Path::new(shown).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let safe = stem.trim_start_matches('.');
    if safe.is_empty() { "catalogue".to_string() } else { safe.to_string() }
}

#[cfg(test)]
mod stem_tests {
    use super::file_stem;

    #[test]
    fn stems_are_safe_folder_names() {
        let cases = [
            ("plain", "fixtures/retailer-a.csv", "retailer-a"),
            ("stdin", "-", "stdin"),
            ("three dots", "in/...csv", "catalogue"),
            ("two dots", "..csv", "catalogue"),
            ("dot csv only: a hidden file named csv", ".csv", "csv"),
            ("hidden file", "in/.hidden.csv", "hidden"),
            ("looks like a temporary", ".k2d3-1-x.csv", "k2d3-1-x"),
            ("inner dots kept", "shop.v2.csv", "shop.v2"),
        ];
        for (name, input, want) in cases {
            assert_eq!(file_stem(input), want, "{name}");
        }
    }
}
