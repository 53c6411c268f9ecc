//! `policy show` prints the built-in policy; `policy check` validates a policy file and lists
//! every problem at its line and column.

use std::io::Write;
use std::path::Path;

use k2d3_audit::{DEFAULT_TOML, Policy};

use super::{Code, fail, shown, today};
use crate::cli::PolicyCommand;

pub fn run(command: PolicyCommand) -> Code {
    match command {
        PolicyCommand::Show => show(),
        PolicyCommand::Check { file } => check(&file),
    }
}

/// The embedded default.toml, byte for byte.
fn show() -> Code {
    let _ = std::io::stdout().lock().write_all(DEFAULT_TOML.as_bytes());
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
