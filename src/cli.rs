//! The command line (SPEC §2), parsed by clap. Options are resolved once in `app`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use k2d3_audit::MarketId;

#[derive(Debug, Parser)]
#[command(
    name = "k2d3-audit",
    // `--version`: the package version and the commit it was built from (build.rs).
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("K2D3_BUILD_COMMIT"), ")"),
    about = "Audit retailers' CSV catalogues of vitamin D3 + K2 supplements against a compliance policy",
    long_about = "Reads retailers' catalogues (CSV, .xlsx, .xls, .ods) of vitamin D3 + K2 supplements, extracts each product's label facts \
(vitamin D and K forms and doses, dosage form and carrier oil, certifications, warnings), checks them against a \
compliance policy and writes audit.csv, findings.csv, rejected.csv, summary.json, report.pdf and audit.xlsx \
per catalogue (`audit --help` lists the formats).\n\n\
Exit codes: 0 = audited, nothing reached --fail-on; 1 = audited, something did; 2 = usage error, unreadable \
catalogue, invalid policy or mapping, unwritable output."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit one or more catalogues and write the reports.
    Audit(AuditArgs),
    /// Show or check a policy.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Show what the tool detects in a catalogue: encoding, delimiter, column mapping, sample extractions.
    Inspect(InspectArgs),
    /// Explain a rule: what it checks, its thresholds, how to fix it; or how grades are given.
    Explain {
        /// A rule id, e.g. FORM-K2-MK7 (case-insensitive), or `grades`. Omit to list every rule.
        rule: Option<String>,
        /// A policy file whose thresholds to show (default: the built-in policy).
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Market profile whose vitamin D limits apply (wins over the policy file's `market`).
        #[arg(long, value_enum)]
        market: Option<Market>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the built-in default policy (TOML); with --market, that market's profile and sources.
    Show {
        /// Market profile whose vitamin D limits apply (wins over the policy file's `market`).
        #[arg(long, value_enum)]
        market: Option<Market>,
    },
    /// Validate a policy file (`-` reads stdin); exit 0 when valid, 2 with every problem listed.
    Check {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// `--market`: a market profile (SPEC §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Market {
    Us,
    Eu,
    De,
    Uk,
    Ca,
    Au,
}

impl Market {
    pub fn id(self) -> MarketId {
        match self {
            Market::Us => MarketId::Us,
            Market::Eu => MarketId::Eu,
            Market::De => MarketId::De,
            Market::Uk => MarketId::Uk,
            Market::Ca => MarketId::Ca,
            Market::Au => MarketId::Au,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Pdf,
    Xlsx,
    Html,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Fail,
    Review,
    Warn,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitBy {
    Supplier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// CSV or TSV files or workbooks (.xlsx, .xls, .ods); a directory means every *.csv, *.tsv,
    /// *.xlsx, *.xls and *.ods in it, sorted by name; `-` reads stdin.
    #[arg(required = true, value_name = "CATALOGUE")]
    pub catalogues: Vec<PathBuf>,
    /// Output root: each catalogue gets DIR/<file stem>/.
    #[arg(long, short = 'o', value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,
    /// Policy TOML (see `policy show`); unknown keys are errors.
    #[arg(long, short = 'p', value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Market profile whose vitamin D limits apply (wins over the policy file's `market`).
    #[arg(long, value_enum)]
    pub market: Option<Market>,
    /// Outputs to write, comma separated; html writes report.html (open it in a browser), junit
    /// writes audit.junit.xml for CI.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "csv,json,pdf,xlsx,html")]
    pub format: Vec<Format>,
    /// Start every CSV with a UTF-8 byte-order mark, so Excel and LibreOffice read µ, ®, é right; `no` for scripts.
    #[arg(long, value_enum, default_value = "yes", value_name = "yes|no")]
    pub csv_bom: YesNo,
    /// A previous run's DIR/<file stem>/ (or its audit.csv) to diff against.
    #[arg(long, value_name = "DIR")]
    pub baseline: Option<PathBuf>,
    /// Also write one PDF per supplier under by-supplier/.
    #[arg(long, value_enum, value_name = "supplier")]
    pub split_by: Option<SplitBy>,
    /// Who sends the supplier review pack (shown on its cover).
    #[arg(long, value_name = "NAME")]
    pub retailer: Option<String>,
    /// Whom the supplier should answer (shown on the supplier review's cover).
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    /// The date, YYYY-MM-DD, by which the supplier should respond (default: today + 30 days).
    #[arg(long, value_name = "DATE")]
    pub respond_by: Option<String>,
    /// The lowest verdict that makes the exit code 1.
    #[arg(long, value_enum, default_value = "fail")]
    pub fail_on: FailOn,
    /// Exit 1 only for products whose verdict got worse than in --baseline.
    #[arg(long, requires = "baseline")]
    pub fail_on_new: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Progress bar on stderr.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub progress: When,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub reader: ReaderArgs,
}

/// How a catalogue is read: the same options for `audit` and `inspect`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Reading the catalogue")]
pub struct ReaderArgs {
    /// Column mapping TOML for a retailer's headers ([columns] sku = "Item #").
    #[arg(long, short = 'm', value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Override encoding detection: utf-8, utf-16, windows-1252, windows-1251, windows-1250.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Override delimiter detection: , ; \t (or tab) |
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    /// The sheet to read from a workbook catalogue (default: the first with recognisable columns).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The 1-based line (sheet row) that holds the column names (default: detected among the first 20 rows).
    #[arg(long, value_name = "N")]
    pub header_row: Option<u64>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The catalogue to inspect.
    #[arg(value_name = "CATALOGUE")]
    pub catalogue: PathBuf,
    #[command(flatten)]
    pub reader: ReaderArgs,
    /// How many sample extractions to show.
    #[arg(long, default_value_t = 5)]
    pub samples: usize,
}
