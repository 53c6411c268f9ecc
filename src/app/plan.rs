//! `audit`'s options resolved once into an [`AuditPlan`]: the policy, reader options, formats,
//! exit rule, worker pool, progress mode and one [`Job`] per catalogue. What stops the whole run
//! (a bad policy or mapping, an unwritable output root) stops it here, before any work; what
//! stops one catalogue (an unreadable folder, a bad sidecar mapping, an output that would
//! overwrite an input) is kept in its job and reported in input order when the run gets there.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use tempfile::TempPath;

use k2d3_audit::{
    AuditConfig, Date, Error, Formats, Mapping, Outcome, PackInfo, Policy, Progress, ReaderNotes, ReaderOptions, Severity, check_writable,
    pipeline_stem, remove_leftovers, spool_stdin, temp_prefix,
};

use super::{Today, load_policy, reader_options, today};
use crate::cli::{AuditArgs, FailOn, Format, When, YesNo};

/// The files a catalogue's folder receives; none of them may be an input.
const OUTPUTS: [&str; 7] = ["audit.csv", "findings.csv", "rejected.csv", "summary.json", "report.pdf", "audit.xlsx", "audit.junit.xml"];

/// Everything `audit` needs, checked and resolved.
pub struct AuditPlan {
    pub policy: Policy,
    pub pool: rayon::ThreadPool,
    pub formats: Formats,
    /// `--csv-bom yes` (the default).
    pub csv_bom: bool,
    /// Lowest severity (0 pass .. 3 fail) that counts toward exit code 1; `None` for never.
    pub fail_on: Option<Severity>,
    pub exit_on: ExitOn,
    pub baseline: Option<PathBuf>,
    pub split_by_supplier: bool,
    /// `--retailer`, `--contact`, `--respond-by` (checked).
    pub pack: PackInfo,
    pub today: Today,
    pub progress: ProgressMode,
    /// Print nothing but errors.
    pub quiet: bool,
    /// One per catalogue, in input order; an `Err` is reported when its turn comes.
    pub jobs: Vec<Result<Job, Error>>,
    /// Notes about the options, printed before the first catalogue (a clamped --jobs, a file
    /// named twice).
    pub notes: Vec<String>,
    /// Standard input spooled to a file, removed when the plan drops.
    _stdin: Option<TempPath>,
}

/// One catalogue to audit.
pub struct Job {
    /// The path as given (`-` for standard input): messages and the summary line use it.
    pub shown: String,
    /// The file to read (standard input's spool file for `-`).
    pub path: PathBuf,
    /// `OUT/<stem>/`, made unique with `-2`, `-3`... when two catalogues share a stem.
    pub out_dir: PathBuf,
    /// The run's reader options, with this catalogue's mapping (`--mapping`, else the sidecar
    /// `<stem>.mapping.toml` beside it, else none).
    pub reader: ReaderOptions,
}

/// What makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitOn {
    /// A product reached `--fail-on`.
    Reached,
    /// `--fail-on-new`: a product got worse than in `--baseline` (or is new and reaches `--fail-on`).
    Worse,
}

impl ExitOn {
    /// The products of one catalogue that make the exit code 1.
    pub fn count(self, o: &Outcome) -> u64 {
        match self {
            ExitOn::Reached => o.reached_fail_on,
            ExitOn::Worse => o.worse.unwrap_or(0),
        }
    }
}

/// Where the progress bar draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// No bar (`--progress never`, `--quiet`, or stderr is not a terminal).
    Hidden,
    /// indicatif's stderr target, which also hides itself when TERM is unset or dumb.
    Terminal,
    /// `--progress always`: drawn on stderr whatever it is.
    Forced,
}

impl AuditPlan {
    /// Resolves the options in the order their errors are reported: policy, reader options,
    /// output root, worker pool; then the catalogues.
    pub fn resolve(a: AuditArgs) -> Result<AuditPlan, Error> {
        let today = today();
        let pack = pack_info(&a, &today)?;
        let policy = load_policy(a.policy.as_deref(), today.date, a.market.map(|m| m.id()))?;
        let reader = reader_options(&a.reader)?;
        check_writable(&a.out)?;
        // What killed runs left in --out (staged folders, standard input's copy) goes first.
        remove_leftovers(&a.out);
        let mut notes = Vec::new();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(clamp_jobs(a.jobs, cores(), &mut notes))
            .build()
            .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?;
        let mut resolver = Resolver::new(&a.out, &reader, &a.catalogues);
        let jobs = resolver.jobs();
        notes.append(&mut resolver.notes);
        Ok(AuditPlan {
            policy,
            pool,
            formats: formats(&a.format),
            csv_bom: a.csv_bom == YesNo::Yes,
            fail_on: fail_on(a.fail_on),
            exit_on: if a.fail_on_new { ExitOn::Worse } else { ExitOn::Reached },
            baseline: a.baseline,
            split_by_supplier: a.split_by.is_some(),
            pack,
            today,
            progress: progress_mode(a.progress, a.quiet),
            quiet: a.quiet,
            jobs,
            notes,
            _stdin: resolver.stdin.map(|(guard, _)| guard),
        })
    }

    /// The library's view of the plan, reporting progress to `progress`.
    pub fn config<'a>(&'a self, progress: Option<&'a (dyn Fn(Progress<'_>) + Sync)>) -> AuditConfig<'a> {
        AuditConfig {
            policy: &self.policy,
            pool: &self.pool,
            formats: self.formats,
            csv_bom: self.csv_bom,
            fail_on: self.fail_on,
            baseline: self.baseline.clone(),
            split_by_supplier: self.split_by_supplier,
            pack: self.pack.clone(),
            date: self.today.date,
            timestamp: self.today.timestamp,
            reproducible: self.today.reproducible,
            progress,
        }
    }
}

/// The machine's cores (1 when unknown).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `--jobs` as the pool gets it (0: one per core): more than 4× the cores is clamped, with a note.
fn clamp_jobs(jobs: Option<usize>, cores: usize, notes: &mut Vec<String>) -> usize {
    let max = cores.saturating_mul(4).max(1);
    match jobs {
        Some(n) if n > max => {
            notes.push(format!("--jobs {n} is more than 4 × the {cores} cores: using {max} worker threads"));
            max
        }
        Some(n) => n,
        None => 0,
    }
}

/// Days a supplier has to respond when `--respond-by` is not given.
const RESPOND_WITHIN_DAYS: i64 = 30;

/// `--retailer`, `--contact` and `--respond-by` (a `YYYY-MM-DD` date; today + 30 days without it).
fn pack_info(a: &AuditArgs, today: &Today) -> Result<PackInfo, Error> {
    let respond_by = match a.respond_by.as_deref() {
        Some(s) => Date::parse(s)
            .filter(|_| s.trim().len() == 10)
            .ok_or_else(|| Error::Usage(format!("--respond-by \"{s}\" is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31")))?,
        None => Date::from_unix(today.timestamp + RESPOND_WITHIN_DAYS * 86_400),
    };
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Ok(PackInfo { retailer: text(&a.retailer), contact: text(&a.contact), respond_by })
}

fn formats(f: &[Format]) -> Formats {
    Formats {
        csv: f.contains(&Format::Csv),
        json: f.contains(&Format::Json),
        pdf: f.contains(&Format::Pdf),
        xlsx: f.contains(&Format::Xlsx),
        junit: f.contains(&Format::Junit),
        html: f.contains(&Format::Html),
    }
}

fn fail_on(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Fail => Some(Severity::Fail),
        FailOn::Review => Some(Severity::Review),
        FailOn::Warn => Some(Severity::Warn),
        FailOn::Never => None,
    }
}

fn progress_mode(when: When, quiet: bool) -> ProgressMode {
    match when {
        When::Never => ProgressMode::Hidden,
        When::Always => ProgressMode::Forced,
        When::Auto if std::io::stderr().is_terminal() && !quiet => ProgressMode::Terminal,
        When::Auto => ProgressMode::Hidden,
    }
}

/// Turns the catalogue arguments into jobs, keeping what must be shared between them: the
/// output folders already taken and standard input's spool.
struct Resolver<'a> {
    out: &'a Path,
    reader: &'a ReaderOptions,
    /// The arguments with folders expanded; an `Err` for a folder that cannot be listed or is empty.
    inputs: Vec<Result<PathBuf, Error>>,
    /// Every input, canonical, so that no report is written over one.
    canonical: Vec<PathBuf>,
    used_dirs: HashSet<PathBuf>,
    stdin: Option<(TempPath, PathBuf)>,
    /// Catalogues already taken, canonical, so that a file named twice is audited once.
    seen: HashSet<PathBuf>,
    notes: Vec<String>,
}

impl<'a> Resolver<'a> {
    fn new(out: &'a Path, reader: &'a ReaderOptions, catalogues: &[PathBuf]) -> Resolver<'a> {
        let mut notes = Vec::new();
        let inputs = expand(catalogues, &mut notes);
        let canonical = inputs.iter().filter_map(|r| r.as_ref().ok()).filter_map(|p| p.canonicalize().ok()).collect();
        Resolver { out, reader, inputs, canonical, used_dirs: HashSet::new(), stdin: None, seen: HashSet::new(), notes }
    }

    fn jobs(&mut self) -> Vec<Result<Job, Error>> {
        let inputs = std::mem::take(&mut self.inputs);
        let inputs: Vec<_> = inputs.into_iter().filter(|input| self.first_time(input)).collect();
        inputs.into_iter().map(|input| input.and_then(|path| self.job(path))).collect()
    }

    /// False for a file named again (the same file, however its path is written), with a note.
    /// Standard input and paths that cannot be resolved pass (they fail in their turn).
    fn first_time(&mut self, input: &Result<PathBuf, Error>) -> bool {
        let Ok(path) = input else { return true };
        if path.as_os_str() == "-" {
            return true;
        }
        let Ok(canonical) = path.canonicalize() else { return true };
        if self.seen.insert(canonical) {
            return true;
        }
        self.notes.push(format!("{} is named more than once: audited once", path.display()));
        false
    }

    fn job(&mut self, path: PathBuf) -> Result<Job, Error> {
        let stdin = path.as_os_str() == "-";
        let shown = path.display().to_string();
        let real = if stdin { self.stdin_path()? } else { path.clone() };
        // Each catalogue gets its own folder, even when two share a stem.
        let stem = pipeline_stem(&shown);
        let out_dir = self.unique_dir(&stem);
        if self.clobbers(&out_dir) {
            let message = format!("refusing to write reports over an input file in {}", out_dir.display());
            return Err(Error::Catalogue { path: shown, message });
        }
        let mut reader = self.reader.clone();
        // Each catalogue's reader notes are its own.
        reader.notes = ReaderNotes::default();
        // A retailer's mapping may live beside its export: <stem>.mapping.toml.
        if reader.mapping.is_none() && !stdin {
            let side = path.with_file_name(format!("{stem}.mapping.toml"));
            if side.is_file() {
                reader.mapping = Some(Mapping::load(&side)?);
            }
        }
        Ok(Job { shown, path: real, out_dir, reader })
    }

    /// Standard input's spool file, made the first time `-` comes (and tried again at the next
    /// `-` if that failed).
    fn stdin_path(&mut self) -> Result<PathBuf, Error> {
        if let Some((_, p)) = &self.stdin {
            return Ok(p.clone());
        }
        let (guard, p) = spool_stdin(self.out, &temp_prefix())?;
        self.stdin = Some((guard, p.clone()));
        Ok(p)
    }

    fn unique_dir(&mut self, stem: &str) -> PathBuf {
        let mut dir = self.out.join(stem);
        let mut i = 2;
        while !self.used_dirs.insert(dir.clone()) {
            dir = self.out.join(format!("{stem}-{i}"));
            i += 1;
        }
        dir
    }

    /// Whether one of the reports `dir` would receive is an input.
    fn clobbers(&self, dir: &Path) -> bool {
        OUTPUTS.iter().filter_map(|f| dir.join(f).canonicalize().ok()).any(|o| self.canonical.contains(&o))
    }
}

/// Expands folders to their catalogues (*.csv, *.tsv, *.xlsx, *.xls, *.ods, sorted by name), leaving
/// out office lock files with a note; `-` and files pass through.
fn expand(inputs: &[PathBuf], notes: &mut Vec<String>) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() != "-" && p.is_dir() {
            match csv_files(p, notes) {
                Ok(files) if files.is_empty() => {
                    out.push(Err(folder_error(p, "the folder holds no catalogue (*.csv, *.tsv, *.xlsx, *.xls, *.ods)".into())))
                }
                Ok(files) => out.extend(files.into_iter().map(Ok)),
                Err(e) => out.push(Err(folder_error(p, format!("cannot list the folder: {e}")))),
            }
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn csv_files(dir: &Path, notes: &mut Vec<String>) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|f| f.is_file()).collect();
    files.sort();
    let mut locks = Vec::new();
    files.retain(|f| {
        let name = f.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if is_lock_file(&name) {
            locks.push(f.display().to_string());
            return false;
        }
        f.extension().and_then(|x| x.to_str()).is_some_and(is_catalogue_extension)
    });
    for lock in locks {
        notes.push(format!("{lock} is an office lock file (kept while a file is open in Excel or LibreOffice): skipped"));
    }
    Ok(files)
}

/// Excel's owner files (`~$export.xlsx`) and LibreOffice's lock files (`.~lock.export.csv#`),
/// which sit beside a file while it is open.
fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#'))
}

/// The file name endings a folder argument takes (SPEC §2): `.tsv` is how Merchant Center feeds
/// and tab-separated exports are saved.
fn is_catalogue_extension(ext: &str) -> bool {
    ["csv", "tsv", "xlsx", "xls", "ods"].iter().any(|e| ext.eq_ignore_ascii_case(e))
}

fn folder_error(dir: &Path, message: String) -> Error {
    Error::Catalogue { path: dir.display().to_string(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_lock_files_are_recognised() {
        let cases: &[(&str, &str, bool)] = &[
            ("Excel owner file", "~$export.xlsx", true),
            ("Excel owner file of a CSV", "~$export.csv", true),
            ("LibreOffice lock", ".~lock.x.csv#", true),
            ("LibreOffice lock of a workbook", ".~lock.export.xlsx#", true),
            ("a workbook", "export.xlsx", false),
            ("a tilde inside", "a~$b.csv", false),
            ("a hidden csv", ".~lock.x.csv", false),
        ];
        for (name, file, want) in cases {
            assert_eq!(is_lock_file(file), *want, "{name}");
        }
    }

    #[test]
    fn a_folder_takes_csv_tsv_and_workbooks() {
        let cases: &[(&str, &str, bool)] = &[
            ("csv", "csv", true),
            ("upper-case CSV", "CSV", true),
            ("a Merchant Center feed", "tsv", true),
            ("a workbook", "xlsx", true),
            ("an old workbook", "xls", true),
            ("LibreOffice", "ods", true),
            ("a readme", "txt", false),
            ("a mapping file", "toml", false),
            ("a PDF", "pdf", false),
        ];
        for (name, ext, want) in cases {
            assert_eq!(is_catalogue_extension(ext), *want, "{name}");
        }
    }
}
