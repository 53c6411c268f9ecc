//! Generates large retailer catalogues of vitamin D3 + K2 supplements with a known truth, for
//! throughput runs and extraction-accuracy measurements (see `examples/accuracy.rs`).
//!
//! ```text
//! cargo run --release --example gen_catalogue -- --rows 100000 [--seed 42] [--out catalogue.csv]
//!     [--truth truth.csv] [--style messy|clean] [--dirty-rate 0.02]
//! ```
//!
//! The catalogue is comma-delimited UTF-8 (RFC 4180 quoting, LF line ends). It goes to stdout
//! when `--out` is missing.
//! - `messy` (default, ~600 bytes a row): `SKU,Title,Brand,Description,Ingredients,Other Ingredients,
//!   Form,Certifications,Warnings,Price,Directions`. The facts are spread over the title, the
//!   ingredients, the description and the directions, in many wordings.
//! - `clean`: one column per fact, `SKU,Product Name,Brand,Supplier,Vitamin D (IU),Vitamin D Form,
//!   Vitamin K (mcg),Vitamin K Form,Dosage Form,Serving Size,Servings Per Day,Other Ingredients,
//!   Certifications,Warnings,Price`.
//!
//! About `--dirty-rate` of the records are broken on purpose: ragged rows, amounts written as
//! "see label", or amounts with no unit. Their truth row says `sound=no`. The truth file has one line
//! per record, in order, with the header
//! `row,sound,d_form,d3_iu,k_forms,k2_mcg,dosage_form,carrier_oil,certifications,warfarin_warning`.
//! Its values follow the conventions of SPEC.md §5 audit.csv. Amounts are per day: the amount per
//! serving × servings per day. Servings per day = units a day from the directions ÷ units in a
//! serving, where a range such as "1–2 times daily" counts at its maximum. About 3 % of the products
//! contain no vitamin D or K (fish oil, magnesium, zinc). Their truth has empty vitamin columns.
//!
//! The generator itself is `examples/common/generator.rs` (only the standard library; the RNG is
//! splitmix64-seeded xorshift64*).

use std::io::{self, BufWriter, Write};

/// The generator itself, shared with `benches/stages.rs` and `examples/allocs.rs`.
#[path = "common/generator.rs"]
mod generator;

struct Args {
    opts: generator::Options,
    out: Option<String>,
    truth: Option<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: gen_catalogue --rows N [--seed 42] [--out catalogue.csv] [--truth truth.csv] [--style messy|clean] [--dirty-rate 0.02]"
    );
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut a = Args { opts: generator::Options::default(), out: None, truth: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut val = || inline.clone().or_else(|| it.next()).unwrap_or_else(|| usage());
        match key.as_str() {
            "--rows" => a.opts.rows = val().replace('_', "").parse().unwrap_or_else(|_| usage()),
            "--seed" => a.opts.seed = val().parse().unwrap_or_else(|_| usage()),
            "--out" => a.out = Some(val()),
            "--truth" => a.truth = Some(val()),
            "--style" => {
                a.opts.clean = match val().as_str() {
                    "clean" => true,
                    "messy" => false,
                    _ => usage(),
                }
            }
            "--dirty-rate" => {
                a.opts.dirty_rate = val().parse().unwrap_or_else(|_| usage());
                if !(0.0..=1.0).contains(&a.opts.dirty_rate) {
                    usage();
                }
            }
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    a
}

fn main() {
    let args = parse_args();
    if let Err(e) = run(&args) {
        eprintln!("gen_catalogue: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> io::Result<()> {
    let out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::fs::File::create(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let mut truth = match &args.truth {
        Some(p) => Some(BufWriter::with_capacity(1 << 20, std::fs::File::create(p)?)),
        None => None,
    };
    let dirty_count = generator::generate(&args.opts, &mut out, truth.as_mut().map(|t| t as &mut dyn Write))?;
    out.flush()?;
    if let Some(mut t) = truth {
        t.flush()?;
    }
    if args.out.is_some() {
        eprintln!("gen_catalogue: {} rows ({} deliberately broken), seed {}", args.opts.rows, dirty_count, args.opts.seed);
    }
    Ok(())
}
