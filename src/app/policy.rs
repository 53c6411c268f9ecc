//! `policy show` prints the built-in policy; `policy check` validates a policy file and lists
//! every problem at its line and column.

use std::io::Write;
use std::path::Path;

use k2d3_audit::{DEFAULT_TOML, MarketId, Policy, market_lines};

use super::{Code, fail, shown, today};
use crate::cli::PolicyCommand;

pub fn run(command: PolicyCommand) -> Code {
    match command {
        PolicyCommand::Show { market: None } => show(),
        PolicyCommand::Show { market: Some(m) } => show_market(m.id()),
        PolicyCommand::Check { file } => check(&file),
    }
}

/// The embedded default.toml, byte for byte.
fn show() -> Code {
    let _ = std::io::stdout().lock().write_all(DEFAULT_TOML.as_bytes());
    Code::Ok
}

/// The default policy set to `market`, followed by the profile's limits and sources as TOML
/// comments: the output is still a policy file.
fn show_market(market: MarketId) -> Code {
    let text = DEFAULT_TOML.replacen("market = \"us\"", &format!("market = \"{market}\""), 1);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = writeln!(out, "\n# Market profile (SPEC §13): the limits above are replaced by these where the market sets them.");
    for line in market_lines(market) {
        let _ = writeln!(out, "# {line}");
    }
    Code::Ok
}

fn check(file: &Path) -> Code {
    match Policy::load(file, today().date) {
        Ok(p) => {
            out!("{}: ok: policy \"{}\" version {} (sha256 {})", shown(file), p.name, p.version, p.short_hash());
            for w in p.waivers.iter().filter(|w| w.expired) {
                let on = w.expires.map(|d| d.to_string()).unwrap_or_default();
                err!("note: waiver for {} on {} expired on {on}: it no longer applies", w.target_text(), w.rule);
            }
            Code::Ok
        }
        Err(e) => fail(&e),
    }
}
