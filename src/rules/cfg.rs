//! What every rule's policy section shares: which rules are on, and the validator that turns a
//! section as written (TOML, with spans) into checked values, collecting every problem at its line
//! and column. Each rule module owns its own section and its validation (cargo-deny's
//! `<check>/cfg.rs`); `policy` only assembles them.

use std::ops::Range;

use toml::Spanned;

use super::{RuleId, Status};
use crate::error::{ConfigProblem, line_col};
use crate::extract::Cert;

/// Which rules are switched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enabled(u32);

impl Enabled {
    pub fn all() -> Enabled {
        Enabled(u32::MAX)
    }
    pub fn on(self, r: RuleId) -> bool {
        self.0 & (1 << (r as u32)) != 0
    }
    pub fn off(&mut self, r: RuleId) {
        self.0 &= !(1 << (r as u32));
    }
}

/// Collects the problems of one policy text, each at its line and column.
pub struct Validator<'a> {
    text: &'a str,
    pub problems: Vec<ConfigProblem>,
}

impl<'a> Validator<'a> {
    pub fn new(text: &'a str) -> Validator<'a> {
        Validator { text, problems: Vec::new() }
    }

    /// Records a problem at the start of `span` (a byte range of the text).
    pub fn at(&mut self, span: Range<usize>, message: String) {
        let (line, column) = line_col(self.text, span.start);
        self.problems.push(ConfigProblem { line: Some(line), column: Some(column), message });
    }

    pub fn non_negative(&mut self, v: &Spanned<f64>, key: &str) -> f64 {
        let x = *v.get_ref();
        if !x.is_finite() || x < 0.0 {
            self.at(v.span(), format!("{key} must be a number 0 or more, not {x}"));
            return 0.0;
        }
        x
    }

    pub fn status(&mut self, v: &Spanned<String>) -> Status {
        match Status::parse(v.get_ref()) {
            Some(s) => s,
            None => {
                self.at(v.span(), format!("unknown status \"{}\"; expected pass, warn, review or fail", v.get_ref()));
                Status::Fail
            }
        }
    }

    pub fn certs(&mut self, list: &[Spanned<String>]) -> Vec<Cert> {
        let mut out = Vec::new();
        for s in list {
            match Cert::from_id(s.get_ref()) {
                Some(c) => out.push(c),
                None => self.at(
                    s.span(),
                    format!(
                        "unknown certification id \"{}\"; known: {}",
                        s.get_ref(),
                        Cert::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
                    ),
                ),
            }
        }
        out
    }
}
