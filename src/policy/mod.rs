//! Policy: the file as written ([`PolicyFile`], unknown keys rejected) validated once into a
//! [`Policy`], with every problem reported at its line and column.

mod diagnose;
pub mod grades;
mod thresholds;
mod waiver;

use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::date::Date;
use crate::error::{ConfigProblem, Error};
use crate::extract::Facts;
use crate::numfmt::hex;
use crate::rules::carrier::CarrierFile;
use crate::rules::certification::CertificationFile;
use crate::rules::data::DataFile;
use crate::rules::form::FormFile;
use crate::rules::ratio::RatioFile;
use crate::rules::safety::SafetyFile;
use crate::rules::{
    CarrierSection, CertificationSection, DataSection, Enabled, Finding, FormSection, MarketId, RatioSection, RemedyContext, RuleId,
    SafetySection, Validator, carrier, certification, form, ident, ratio, safety,
};

use grades::GradesFile;
pub use grades::{GRADED_PRODUCTS, Grade, GradeCounts, GradeInput, GradesSection, NOT_GRADED, OpenFinding};
pub use thresholds::{market_lines, thresholds};
pub use waiver::{Waiver, Waivers};

/// The built-in policy, exactly as `policy show` prints it.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// The most products `[report] max_products` may ask the PDF to list (10,000: a few hundred
/// pages). Each listed product is kept in memory until the end, so a larger value, e.g.
/// i64::MAX, would let memory grow with the catalogue (2.3 GB on 200,000 rows).
pub const MAX_PRODUCTS_LIMIT: usize = 10_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    name: Spanned<String>,
    version: Spanned<String>,
    /// The market profile (SPEC §13); `us` when absent.
    #[serde(default)]
    market: Option<Spanned<String>>,
    #[serde(default)]
    disabled_rules: Vec<Spanned<String>>,
    form: FormFile,
    ratio: RatioFile,
    carrier: CarrierFile,
    certification: CertificationFile,
    safety: SafetyFile,
    #[serde(default)]
    data: Option<DataFile>,
    grades: Option<GradesFile>,
    #[serde(default)]
    report: Option<ReportFile>,
    #[serde(default)]
    waivers: Vec<waiver::WaiverFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportFile {
    max_products: Spanned<i64>,
}

/// A validated policy: every value checked, ready for the rules.
#[derive(Debug)]
pub struct Policy {
    pub name: String,
    pub version: String,
    /// SHA-256 of the policy text as read.
    pub sha256: String,
    /// Where it came from: a path, or "built-in".
    pub source: String,
    pub enabled: Enabled,
    /// The market whose vitamin D limits apply (SPEC §13).
    pub market: MarketId,
    pub form: FormSection,
    pub ratio: RatioSection,
    pub carrier: CarrierSection,
    pub certification: CertificationSection,
    pub safety: SafetySection,
    /// `[data]`: facts a catalogue does not carry (SPEC §8).
    pub data: DataSection,
    /// Supplier grades (`[grades]`; the defaults when the file has no such section).
    pub grades: GradesSection,
    /// PDF: how many non-pass products to list.
    pub max_products: usize,
    pub waivers: Waivers,
}

impl Policy {
    /// The built-in default policy.
    pub fn builtin(today: Date) -> Policy {
        match Policy::parse("built-in", DEFAULT_TOML, today) {
            Ok(p) => p,
            // The embedded file is checked by a unit test; this arm cannot be reached in a
            // released build.
            Err(e) => panic!("the built-in policy is invalid: {e}"),
        }
    }

    pub fn load(path: &Path, today: Date) -> Result<Policy, Error> {
        let (name, text) = if path.as_os_str() == "-" {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| Error::io("<stdin>", "cannot read the policy", e))?;
            ("<stdin>".to_string(), s)
        } else {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read the policy file", e))?;
            let text = String::from_utf8(bytes).map_err(|e| Error::Policy {
                path: path.display().to_string(),
                problems: vec![ConfigProblem { line: None, column: None, message: format!("not UTF-8 text: {e}") }],
            })?;
            (path.display().to_string(), text)
        };
        Policy::parse(&name, &text, today)
    }

    /// Parses and validates a policy text, collecting every problem with its position.
    pub fn parse(path: &str, text: &str, today: Date) -> Result<Policy, Error> {
        let (read, type_problems) = diagnose::read_all::<PolicyFile>(text, DEFAULT_TOML);
        let Some((file, src)) = read else {
            return Err(Error::Policy { path: path.to_string(), problems: type_problems });
        };
        let mut v = Validator::new(&src);
        let mut enabled = Enabled::all();
        for r in &file.disabled_rules {
            match RuleId::parse(r.get_ref()) {
                Some(id) => enabled.off(id),
                None => v.at(r.span(), format!("unknown rule id \"{}\" in disabled_rules; known: {}", r.get_ref(), rule_list())),
            }
        }
        // In file order, so the problems are listed top to bottom.
        let form = file.form.validate(&mut v, enabled);
        let ratio = file.ratio.validate(&mut v, enabled);
        let mut carrier = file.carrier.validate(&mut v, enabled);
        let mut certification = file.certification.validate(&mut v, enabled, today);
        let mut safety = file.safety.validate(&mut v, enabled);
        let market = match &file.market {
            Some(m) => MarketId::parse(m.get_ref()).unwrap_or_else(|| {
                v.at(m.span(), format!("unknown market \"{}\"; known: {}", m.get_ref(), MarketId::list()));
                MarketId::Us
            }),
            None => MarketId::Us,
        };
        safety.set_market(market);
        let ratio = ratio.with_ceilings(&safety);
        let data = file.data.as_ref().map_or_else(DataSection::default, |d| d.validate(&mut v));
        carrier.data = data;
        certification.data = data;
        safety.data = data;
        let grades = file.grades.as_ref().map_or_else(GradesSection::default, |g| g.validate(&mut v));
        let max_products = match &file.report {
            Some(r) => {
                let n = *r.max_products.get_ref();
                if !(0..=MAX_PRODUCTS_LIMIT as i64).contains(&n) {
                    v.at(r.max_products.span(), format!("max_products must be from 0 to {MAX_PRODUCTS_LIMIT}, not {n}"));
                    0
                } else {
                    n as usize
                }
            }
            None => 500,
        };
        let mut waivers = Vec::new();
        for w in &file.waivers {
            if let Some(w) = waiver::validate(w, today, &mut |span, msg| v.at(span, msg)) {
                waivers.push(w);
            }
        }
        if file.name.get_ref().trim().is_empty() {
            v.at(file.name.span(), "name must not be empty".into());
        }
        if !v.problems.is_empty() || !type_problems.is_empty() {
            let mut problems = type_problems;
            problems.append(&mut v.problems);
            problems.sort_by_key(|p| (p.line, p.column));
            return Err(Error::Policy { path: path.to_string(), problems });
        }
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        Ok(Policy {
            name: file.name.into_inner(),
            version: file.version.into_inner(),
            sha256,
            source: path.to_string(),
            enabled,
            market,
            form,
            ratio,
            carrier,
            certification,
            safety,
            data,
            grades,
            max_products,
            waivers: Waivers::new(waivers),
        })
    }

    /// Runs every enabled rule on one product's facts.
    pub fn check(&self, facts: &Facts, out: &mut Vec<Finding>) {
        form::check(facts, &self.form, out);
        ratio::check(facts, &self.ratio, out);
        carrier::check(facts, &self.carrier, out);
        certification::check(facts, &self.certification, out);
        safety::check(facts, &self.safety, out);
        ident::check(facts, self.enabled, out);
    }

    /// Holds the products to `market`'s limits (`--market`, which wins over the file's `market`).
    pub fn set_market(&mut self, market: MarketId) {
        self.market = market;
        self.safety.set_market(market);
    }

    /// The sections a finding's required change is computed from.
    pub fn remedy_context(&self) -> RemedyContext<'_> {
        RemedyContext { form: &self.form, ratio: &self.ratio, certification: &self.certification, safety: &self.safety }
    }

    /// The first 12 hex digits of the hash, for page headers.
    pub fn short_hash(&self) -> &str {
        &self.sha256[..12.min(self.sha256.len())]
    }

    /// The waiver that silences `rule` for this SKU or supplier, if any is in force.
    pub fn waiver_for<'k>(&self, rule: RuleId, sku: &str, supplier: &str, joined: impl Iterator<Item = &'k str>) -> Option<&Waiver> {
        self.waivers.find_joined(rule, sku, supplier, joined)
    }
}

fn rule_list() -> String {
    RuleId::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::KForm;
    use crate::rules::Status;

    fn today() -> Date {
        Date::from_ymd(2026, 11, 25)
    }

    #[test]
    fn builtin_policy_parses_with_defaults() {
        let p = Policy::parse("built-in", DEFAULT_TOML, today()).unwrap();
        assert_eq!(p.ratio.fail_below, 10.0);
        assert_eq!(p.ratio.warn_below, 20.0);
        assert_eq!(p.ratio.min_k2_mcg, 45.0);
        assert_eq!(p.form.mk4_high_dose_mcg, 1500.0);
        assert_eq!(p.safety.ul_iu, 4000.0);
        assert_eq!(p.safety.max_iu, 10000.0);
        assert_eq!(p.form.accepted_k2_forms, vec![KForm::Mk7]);
        assert!(!p.enabled.on(RuleId::CertAllergen));
        assert!(p.enabled.on(RuleId::SafetyWarfarin));
        assert_eq!(p.carrier.dry_form_status, Status::Fail);
        assert_eq!(p.sha256.len(), 64);
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let text = DEFAULT_TOML.replace("min_k2_mcg = 45.0", "min_k2_mcg = 45.0\nmax_k2 = 3");
        let err = Policy::parse("p.toml", &text, today()).unwrap_err().to_string();
        assert!(err.contains("unknown field `max_k2`"), "{err}");
        let line = text.lines().position(|l| l.starts_with("max_k2")).unwrap() + 1;
        assert!(err.contains(&format!("p.toml:{line}:1")), "{err}");
    }

    #[test]
    fn every_bad_value_is_reported_at_once() {
        let text = DEFAULT_TOML
            .replace("fail_below = 10.0", "fail_below = 30.0")
            .replace("dry_form_status = \"fail\"", "dry_form_status = \"bad\"")
            .replace("\"nsf_sport\", \"nsf_contents\"", "\"nsf_sport\", \"nsf_cool\"");
        let err = Policy::parse("p.toml", &text, today()).unwrap_err();
        let Error::Policy { problems, .. } = &err else { panic!("{err}") };
        assert_eq!(problems.len(), 3, "{err}");
        assert!(problems.iter().all(|p| p.line.is_some() && p.column.is_some()));
    }
}
