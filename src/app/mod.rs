//! The binary's side of the flow: runs one subcommand of the parsed command line. Only the binary
//! prints, owns the progress bar and picks exit codes; the library reports through return values
//! and a progress callback.
//!
//! `audit` first resolves its options into a [`plan::AuditPlan`] (every check that can stop the run
//! happens there), then [`audit::run`] carries it out. The other subcommands are one file each.

use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use k2d3_audit::{Date, Encoding, Error, Mapping, MarketId, Policy, ReaderOptions, parse_delimiter};

use crate::cli::{Cli, Command, ReaderArgs};

/// Writes a line to stdout, ignoring a closed pipe (`k2d3-audit ... | head`).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// Writes a line to stderr, ignoring a closed pipe.
macro_rules! err {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

// Declared after the macros so that they are in scope in every subcommand's file.
mod audit;
mod explain;
mod inspect;
mod plan;
mod policy;

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

pub fn run(cli: Cli) -> Code {
    match cli.command {
        Command::Audit(a) => match plan::AuditPlan::resolve(a) {
            Ok(plan) => audit::run(plan),
            Err(e) => fail(&e),
        },
        Command::Policy { command } => policy::run(command),
        Command::Explain { rule, policy, market } => finish(explain::run(rule.as_deref(), policy.as_deref(), market.map(|m| m.id()))),
        Command::Inspect(a) => finish(inspect::run(&a)),
    }
}

/// Prints an error that stops the run; the run exits 2.
fn fail(e: &Error) -> Code {
    err!("error: {e}");
    Code::Error
}

/// The exit code of a subcommand that either completes or stops at its first error.
fn finish(r: Result<(), Error>) -> Code {
    match r {
        Ok(()) => Code::Ok,
        Err(e) => fail(&e),
    }
}

/// A path as messages show it: `-` is standard input.
fn shown(p: &Path) -> String {
    if p.as_os_str() == "-" { "<stdin>".into() } else { p.display().to_string() }
}

/// The run's date and timestamp.
#[derive(Debug, Clone, Copy)]
struct Today {
    date: Date,
    /// Seconds since the Unix epoch.
    timestamp: i64,
    /// SOURCE_DATE_EPOCH set the clock: outputs must be byte-identical between runs.
    reproducible: bool,
}

/// Today's date and timestamp: SOURCE_DATE_EPOCH when set (reproducible), else the clock.
fn today() -> Today {
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH")
        && let Ok(secs) = s.trim().parse::<i64>()
    {
        return Today { date: Date::from_unix(secs), timestamp: secs, reproducible: true };
    }
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    Today { date: Date::from_unix(secs), timestamp: secs, reproducible: false }
}

/// The policy file given with `--policy`, or the built-in policy; waivers expire against `date`.
/// `--market` wins over the file's `market`.
fn load_policy(file: Option<&Path>, date: Date, market: Option<MarketId>) -> Result<Policy, Error> {
    let mut policy = match file {
        Some(p) => Policy::load(p, date)?,
        None => Policy::builtin(date),
    };
    if let Some(m) = market {
        policy.set_market(m);
    }
    Ok(policy)
}

/// The reader overrides shared by `audit` and `inspect`: `--mapping`, `--encoding`, `--delimiter`,
/// `--sheet`.
fn reader_options(a: &ReaderArgs) -> Result<ReaderOptions, Error> {
    let mapping = a.mapping.as_deref().map(Mapping::load).transpose()?;
    let encoding = a
        .encoding
        .as_deref()
        .map(|e| {
            Encoding::parse(e).ok_or_else(|| {
                Error::Usage(format!("unknown --encoding \"{e}\": use utf-8, utf-16, windows-1252, windows-1251 or windows-1250"))
            })
        })
        .transpose()?;
    let delimiter = a
        .delimiter
        .as_deref()
        .map(|d| parse_delimiter(d).ok_or_else(|| Error::Usage(format!("unknown --delimiter \"{d}\": use , ; \\t (or tab) or |"))))
        .transpose()?;
    Ok(ReaderOptions { encoding, delimiter, mapping, sheet: a.sheet.clone(), header_row: a.header_row, ..ReaderOptions::default() })
}
