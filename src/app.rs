//! Resolves the command line once and runs one subcommand. Only the binary prints, owns the
//! progress bar and picks exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use k2d3_audit::audit::{AuditConfig, Formats, Progress, audit_catalogue};
use k2d3_audit::date::Date;
use k2d3_audit::error::Error;
use k2d3_audit::extract::{self, Scratch};
use k2d3_audit::ingest::decode::Encoding;
use k2d3_audit::ingest::sniff::{delimiter_name, parse_delimiter};
use k2d3_audit::ingest::{CatalogueReader, Field, Item, Mapping, ReaderOptions, reader::spool_stdin};
use k2d3_audit::numfmt::{human_amount, num};
use k2d3_audit::policy::{DEFAULT_TOML, Policy, thresholds};
use k2d3_audit::rules::{Criterion, RuleId};

use crate::cli::{AuditArgs, Cli, Command, FailOn, Format, InspectArgs, PolicyCommand, When};

/// Exit codes (SPEC §2), merged across catalogues by taking the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Ok = 0,
    Findings = 1,
    Error = 2,
}

impl From<Code> for ExitCode {
    fn from(c: Code) -> ExitCode {
        ExitCode::from(c as u8)
    }
}

/// Writes to stdout, ignoring a closed pipe (`k2d3-audit ... | head`).
macro_rules! out {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

macro_rules! err {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

pub fn run(cli: Cli) -> Code {
    match cli.command {
        Command::Audit(a) => audit(a),
        Command::Policy { command: PolicyCommand::Show } => {
            let _ = std::io::stdout().lock().write_all(DEFAULT_TOML.as_bytes());
            Code::Ok
        }
        Command::Policy { command: PolicyCommand::Check { file } } => match Policy::load(&file, today().0) {
            Ok(p) => {
                out!("{}: ok: policy \"{}\" version {} (sha256 {})", shown(&file), p.name, p.version, p.short_hash());
                Code::Ok
            }
            Err(e) => {
                err!("error: {e}");
                Code::Error
            }
        },
        Command::Explain { rule, policy } => explain(rule.as_deref(), policy.as_deref()),
        Command::Inspect(a) => inspect(a),
    }
}

fn shown(p: &Path) -> String {
    if p.as_os_str() == "-" { "<stdin>".into() } else { p.display().to_string() }
}

/// Today's date and timestamp: SOURCE_DATE_EPOCH when set (reproducible), else the clock.
fn today() -> (Date, i64, bool) {
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH")
        && let Ok(secs) = s.trim().parse::<i64>()
    {
        return (Date::from_unix(secs), secs, true);
    }
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    (Date::from_unix(secs), secs, false)
}

fn reader_options(mapping: Option<&Path>, encoding: Option<&str>, delimiter: Option<&str>) -> Result<ReaderOptions, Error> {
    let mapping = match mapping {
        Some(m) => Some(Mapping::load(m)?),
        None => None,
    };
    let encoding = match encoding {
        Some(e) => {
            Some(Encoding::parse(e).ok_or_else(|| Error::Usage(format!("unknown --encoding \"{e}\": use utf-8, utf-16 or windows-1252")))?)
        }
        None => None,
    };
    let delimiter = match delimiter {
        Some(d) => Some(parse_delimiter(d).ok_or_else(|| Error::Usage(format!("unknown --delimiter \"{d}\": use , ; \\t (or tab) or |")))?),
        None => None,
    };
    Ok(ReaderOptions { encoding, delimiter, mapping })
}

/// Expands directories to their *.csv files (sorted by name).
fn expand(inputs: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut files: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                        .collect();
                    files.sort();
                    if files.is_empty() {
                        out.push(Err(Error::Catalogue { path: p.display().to_string(), message: "the folder holds no *.csv file".into() }));
                    }
                    out.extend(files.into_iter().map(Ok));
                }
                Err(e) => {
                    out.push(Err(Error::Catalogue { path: p.display().to_string(), message: format!("cannot list the folder: {e}") }))
                }
            }
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn grouped(n: u64) -> String {
    human_amount(n as f64)
}

fn audit(a: AuditArgs) -> Code {
    let (date, timestamp, reproducible) = today();
    let policy = match &a.policy {
        Some(p) => Policy::load(p, date),
        None => Ok(Policy::builtin(date)),
    };
    let policy = match policy {
        Ok(p) => p,
        Err(e) => {
            err!("error: {e}");
            return Code::Error;
        }
    };
    let reader = match reader_options(a.mapping.as_deref(), a.encoding.as_deref(), a.delimiter.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            err!("error: {e}");
            return Code::Error;
        }
    };
    if let Err(e) = k2d3_audit::report::atomic::check_writable(&a.out) {
        err!("error: {e}");
        return Code::Error;
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(a.jobs.unwrap_or(0)).build() {
        Ok(p) => p,
        Err(e) => {
            err!("error: cannot start worker threads: {e}");
            return Code::Error;
        }
    };
    let formats =
        Formats { csv: a.format.contains(&Format::Csv), json: a.format.contains(&Format::Json), pdf: a.format.contains(&Format::Pdf) };
    let fail_on = match a.fail_on {
        FailOn::Fail => Some(3),
        FailOn::Review => Some(2),
        FailOn::Warn => Some(1),
        FailOn::Never => None,
    };
    let show_progress = match a.progress {
        When::Never => false,
        When::Always => true,
        When::Auto => std::io::stderr().is_terminal() && !a.quiet,
    };
    let bar = if show_progress {
        let target = if a.progress == When::Always {
            ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::stderr()), 10)
        } else {
            ProgressDrawTarget::stderr_with_hz(10)
        };
        let pb = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {bytes}/{total_bytes} · {msg} · {bytes_per_sec} · ETA {eta}")
        {
            pb.set_style(style.progress_chars("=> "));
        }
        Some(pb)
    } else {
        None
    };
    let progress_fn = |p: Progress<'_>| {
        if let Some(pb) = &bar {
            match p {
                Progress::Start { path, total_bytes } => {
                    pb.reset();
                    pb.set_length(total_bytes);
                    pb.set_position(0);
                    pb.set_prefix(path.to_string());
                    pb.set_message("0 records");
                }
                Progress::Advance { records, bytes } => {
                    pb.set_position(bytes);
                    pb.set_message(format!("{} records", grouped(records)));
                }
                Progress::Finish => pb.finish_and_clear(),
            }
        }
    };
    let cfg = AuditConfig {
        policy: &policy,
        pool: &pool,
        formats,
        fail_on,
        baseline: a.baseline.clone(),
        split_by_supplier: a.split_by.is_some(),
        date,
        timestamp,
        reproducible,
        progress: if bar.is_some() { Some(&progress_fn) } else { None },
    };

    let mut code = Code::Ok;
    let mut used_dirs = std::collections::HashSet::new();
    let mut totals = (0u64, [0u64; 6], 0usize, Duration::ZERO);
    let mut stdin_spool = None;
    let inputs = expand(&a.catalogues);
    let input_paths: Vec<PathBuf> = inputs.iter().filter_map(|r| r.as_ref().ok()).filter_map(|p| p.canonicalize().ok()).collect();
    for input in inputs {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                err!("error: {e}");
                code = code.max(Code::Error);
                continue;
            }
        };
        let shown_path = if path.as_os_str() == "-" { "-".to_string() } else { path.display().to_string() };
        let real_path = if path.as_os_str() == "-" {
            if stdin_spool.is_none() {
                match spool_stdin() {
                    Ok(s) => stdin_spool = Some(s),
                    Err(e) => {
                        err!("error: {e}");
                        code = code.max(Code::Error);
                        continue;
                    }
                }
            }
            match &stdin_spool {
                Some((_, p)) => p.clone(),
                None => continue,
            }
        } else {
            path.clone()
        };
        // Each catalogue gets its own folder, even when two share a stem.
        let stem = k2d3_audit::audit::pipeline_stem(&shown_path);
        let mut dir = a.out.join(&stem);
        let mut i = 2;
        while !used_dirs.insert(dir.clone()) {
            dir = a.out.join(format!("{stem}-{i}"));
            i += 1;
        }
        // Never write over an input.
        let clobbers = ["audit.csv", "findings.csv", "rejected.csv", "summary.json", "report.pdf"]
            .iter()
            .filter_map(|f| dir.join(f).canonicalize().ok())
            .any(|o| input_paths.contains(&o));
        if clobbers {
            err!("error: {shown_path}: refusing to write reports over an input file in {}", dir.display());
            code = code.max(Code::Error);
            continue;
        }
        // A retailer's mapping may live beside its export: <stem>.mapping.toml.
        let mut opts = reader.clone();
        if a.mapping.is_none() && path.as_os_str() != "-" {
            let side = path.with_file_name(format!("{stem}.mapping.toml"));
            if side.is_file() {
                match Mapping::load(&side) {
                    Ok(m) => opts.mapping = Some(m),
                    Err(e) => {
                        err!("error: {e}");
                        code = code.max(Code::Error);
                        continue;
                    }
                }
            }
        }
        match audit_catalogue(&real_path, &shown_path, &dir, &opts, &cfg) {
            Ok(o) => {
                let t = &o.tally;
                use k2d3_audit::results::Verdict as V;
                if !a.quiet {
                    out!(
                        "{}: {} products - {} pass, {} warn, {} review, {} fail, {} invalid -> {}/ ({:.2} s)",
                        shown_path,
                        grouped(t.products()),
                        grouped(t.count(V::Pass)),
                        grouped(t.count(V::Warn)),
                        grouped(t.count(V::Review)),
                        grouped(t.count(V::Fail)),
                        grouped(t.count(V::Invalid)),
                        o.out_dir.display(),
                        o.elapsed.as_secs_f64()
                    );
                    for n in &o.notes {
                        err!("note: {n}");
                    }
                }
                totals.0 += t.products();
                for v in V::ALL {
                    totals.1[v as usize] += t.count(v);
                }
                totals.2 += 1;
                totals.3 += o.elapsed;
                let reached = if a.fail_on_new { o.worse.unwrap_or(0) } else { o.reached_fail_on };
                if reached > 0 {
                    code = code.max(Code::Findings);
                }
            }
            Err(e) => {
                err!("error: {e}");
                code = code.max(Code::Error);
            }
        }
    }
    if totals.2 > 1 && !a.quiet {
        let v = totals.1;
        out!(
            "total: {} catalogues, {} products - {} pass, {} warn, {} review, {} fail, {} invalid ({:.2} s)",
            totals.2,
            grouped(totals.0),
            grouped(v[0]),
            grouped(v[1]),
            grouped(v[2]),
            grouped(v[3]),
            grouped(v[4]),
            totals.3.as_secs_f64()
        );
    }
    code
}

fn explain(rule: Option<&str>, policy: Option<&Path>) -> Code {
    let (date, _, _) = today();
    let policy = match policy {
        Some(p) => match Policy::load(p, date) {
            Ok(p) => p,
            Err(e) => {
                err!("error: {e}");
                return Code::Error;
            }
        },
        None => Policy::builtin(date),
    };
    let Some(rule) = rule else {
        for c in Criterion::ALL {
            out!("{}", c.as_str());
            for r in RuleId::ALL.iter().filter(|r| r.criterion() == c) {
                out!("  {:<20} {}", r.as_str(), first_sentence(r.description()));
            }
        }
        return Code::Ok;
    };
    let Some(r) = RuleId::parse(rule) else {
        err!("error: unknown rule \"{rule}\"; known rules: {}", RuleId::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "));
        return Code::Error;
    };
    out!("{} ({})", r.as_str(), r.criterion().as_str());
    out!("");
    out!("What it checks:\n  {}", r.description());
    out!("");
    out!("Thresholds (policy \"{}\" {}):", policy.name, policy.version);
    for t in thresholds(r, &policy) {
        out!("  - {t}");
    }
    out!("");
    out!("How to fix:\n  {}", r.fix_hint());
    Code::Ok
}

fn first_sentence(s: &str) -> &str {
    s.split_inclusive(". ").next().unwrap_or(s).trim_end()
}

fn inspect(a: InspectArgs) -> Code {
    let opts = match reader_options(a.mapping.as_deref(), a.encoding.as_deref(), a.delimiter.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            err!("error: {e}");
            return Code::Error;
        }
    };
    let (_guard, path) = if a.catalogue.as_os_str() == "-" {
        match spool_stdin() {
            Ok((g, p)) => (Some(g), p),
            Err(e) => {
                err!("error: {e}");
                return Code::Error;
            }
        }
    } else {
        (None, a.catalogue.clone())
    };
    let mut r = match CatalogueReader::open(&path, &opts) {
        Ok(r) => r,
        Err(e) => {
            err!("error: {e}");
            return Code::Error;
        }
    };
    let cols = r.columns().clone();
    out!("catalogue:  {}", shown(&a.catalogue));
    out!("encoding:   {}", r.encoding().name());
    out!("delimiter:  {}", delimiter_name(r.delimiter()));
    out!("columns:    {} in the header", cols.headers.len());
    out!("");
    out!("mapping (canonical field <- header):");
    for f in Field::ALL {
        if let Some(i) = cols.index[f.index()] {
            let hint = match cols.unit_hints[f.index()] {
                Some(u) => format!("  [bare numbers in {u:?}]"),
                None => String::new(),
            };
            out!("  {:<18} <- \"{}\"{}", f.name(), cols.headers[i], hint);
        }
    }
    let missing: Vec<&str> = Field::ALL.iter().filter(|f| !cols.has(**f)).map(|f| f.name()).collect();
    out!("  not found: {}", if missing.is_empty() { "-".to_string() } else { missing.join(", ") });
    if !cols.unmapped.is_empty() {
        out!("unmapped headers: {}", cols.unmapped.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", "));
    }
    if !cols.duplicates.is_empty() {
        out!("ignored (field already taken): {}", cols.duplicates.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", "));
    }
    out!("");
    let mut scratch = Scratch::new();
    let mut shown_n = 0;
    while shown_n < a.samples {
        let item = match r.next_item() {
            Ok(Some(i)) => i,
            Ok(None) => break,
            Err(e) => {
                err!("error: {e}");
                return Code::Error;
            }
        };
        match item {
            Item::Invalid(inv) => {
                out!("row {} (line {}): invalid: {}", inv.row, inv.line, inv.reason);
            }
            Item::Record(rec) => {
                shown_n += 1;
                let f = extract::extract(&rec, &cols, &mut scratch);
                out!("row {} (line {}): {} {}", rec.row, rec.line, rec.get(Field::Sku), rec.get(Field::Product));
                match &f.d {
                    Some(d) => out!(
                        "  vitamin D:   {} {}{}",
                        d.form.as_str(),
                        f.d3_iu_per_day().map_or("amount unknown".to_string(), |v| format!("{} IU/day", num(v))),
                        d.amount_evidence.as_ref().map_or(String::new(), |e| format!("   <- {e}"))
                    ),
                    None => out!("  vitamin D:   none"),
                }
                match &f.k {
                    Some(k) => out!(
                        "  vitamin K:   {} {}{}",
                        k.forms.join(),
                        f.k2_mcg_per_day().map_or("K2 amount unknown".to_string(), |v| format!("{} µg K2/day", num(v))),
                        k.amount_evidence.as_ref().map_or(String::new(), |e| format!("   <- {e}"))
                    ),
                    None => out!("  vitamin K:   none"),
                }
                out!(
                    "  servings:    {}/day{}",
                    num(f.servings_per_day),
                    f.servings_evidence.as_ref().map_or(String::new(), |e| format!("   <- {e}"))
                );
                out!(
                    "  dosage form: {}{}",
                    f.dosage_form.as_str(),
                    f.dosage_evidence.as_ref().map_or(String::new(), |e| format!("   <- {e}"))
                );
                out!(
                    "  carrier oil: {}{}",
                    if f.oils.is_empty() { "none".into() } else { f.oils.join() },
                    f.oil_evidence.as_ref().map_or(String::new(), |e| format!("   <- {e}"))
                );
                out!(
                    "  certs:       {}{}",
                    if f.certs.is_empty() { "none".into() } else { f.certs.join() },
                    f.cert_evidence.as_ref().map_or(String::new(), |e| format!("   <- {e}"))
                );
                out!("  warfarin:    {}", f.warfarin.as_ref().map_or("no".to_string(), |e| format!("yes   <- {e}")));
            }
        }
    }
    Code::Ok
}
