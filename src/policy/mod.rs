//! Policy: the file as written ([`PolicyFile`], unknown keys rejected) validated once into a
//! [`Policy`], with every problem reported at its line and column.

mod waiver;

use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::error::{ConfigProblem, Error, line_col, toml_problem};
use crate::extract::{Cert, KForm};
use crate::rules::{RuleId, Status};

pub use waiver::{Date, Waiver, WaiverTarget};

/// The built-in policy, exactly as `policy show` prints it.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    name: Spanned<String>,
    version: Spanned<String>,
    #[serde(default)]
    disabled_rules: Vec<Spanned<String>>,
    form: FormFile,
    ratio: RatioFile,
    carrier: CarrierFile,
    certification: CertificationFile,
    safety: SafetyFile,
    #[serde(default)]
    report: Option<ReportFile>,
    #[serde(default)]
    waivers: Vec<waiver::WaiverFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFile {
    accepted_k2_forms: Spanned<Vec<Spanned<String>>>,
    mk4_high_dose_mcg: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatioFile {
    fail_below: Spanned<f64>,
    warn_below: Spanned<f64>,
    min_k2_mcg: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CarrierFile {
    dry_form_status: Spanned<String>,
    no_oil_named_status: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificationFile {
    third_party: Vec<Spanned<String>>,
    self_claims: Vec<Spanned<String>>,
    self_claims_only_status: Spanned<String>,
    none_status: Spanned<String>,
    allergen_claims: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SafetyFile {
    ul_iu: Spanned<f64>,
    max_iu: Spanned<f64>,
    implausible_d_iu: Spanned<f64>,
    implausible_k_mcg: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportFile {
    max_products: Spanned<i64>,
}

/// `[form]`: which K2 forms are accepted, and the therapeutic MK-4 dose.
#[derive(Debug, Clone)]
pub struct FormSection {
    pub accepted_k2_forms: Vec<KForm>,
    /// µg MK-4 a day at or above which MK-4-only products warn instead of fail (default 1,500).
    pub mk4_high_dose_mcg: f64,
    pub enabled: Enabled,
}

/// `[ratio]`: µg K2 per 1,000 IU D3 a day, and the minimum K2 dose.
#[derive(Debug, Clone)]
pub struct RatioSection {
    /// Below this the ratio fails (default 10).
    pub fail_below: f64,
    /// Below this the ratio warns (default 20: 100 µg K2 : 5,000 IU D3).
    pub warn_below: f64,
    /// K2 per day below this warns (default 45 µg).
    pub min_k2_mcg: f64,
    /// Copied from `[safety]`: amounts above these are data errors, so no ratio is judged.
    pub implausible_d_iu: f64,
    pub implausible_k_mcg: f64,
    pub enabled: Enabled,
}

/// `[carrier]`: statuses for dry forms and for forms that name no oil.
#[derive(Debug, Clone)]
pub struct CarrierSection {
    pub dry_form_status: Status,
    pub no_oil_named_status: Status,
    pub enabled: Enabled,
}

/// `[certification]`: which claims are third-party, which are self-claims.
#[derive(Debug, Clone)]
pub struct CertificationSection {
    pub third_party: Vec<Cert>,
    pub self_claims: Vec<Cert>,
    pub self_claims_only_status: Status,
    pub none_status: Status,
    pub allergen_claims: Vec<Cert>,
    pub enabled: Enabled,
}

/// `[safety]`: vitamin D limits per day and the plausibility ceilings.
#[derive(Debug, Clone)]
pub struct SafetySection {
    /// IU a day above which SAFETY-D3-UL warns (default 4,000).
    pub ul_iu: f64,
    /// IU a day above which SAFETY-D3-MAX fails (default 10,000).
    pub max_iu: f64,
    /// IU of vitamin D a day above which the amount is taken for a data error (default 100,000).
    pub implausible_d_iu: f64,
    /// µg of vitamin K a day above which the amount is taken for a data error (default 50,000).
    pub implausible_k_mcg: f64,
    pub enabled: Enabled,
}

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
    fn off(&mut self, r: RuleId) {
        self.0 &= !(1 << (r as u32));
    }
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
    pub form: FormSection,
    pub ratio: RatioSection,
    pub carrier: CarrierSection,
    pub certification: CertificationSection,
    pub safety: SafetySection,
    /// PDF: how many non-pass products to list.
    pub max_products: usize,
    pub waivers: Vec<Waiver>,
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
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                .map_err(|e| Error::Io { path: "<stdin>".into(), message: format!("cannot read the policy: {e}") })?;
            ("<stdin>".to_string(), s)
        } else {
            let bytes = std::fs::read(path)
                .map_err(|e| Error::Io { path: path.display().to_string(), message: format!("cannot read the policy file: {e}") })?;
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
        let file: PolicyFile =
            toml::from_str(text).map_err(|e| Error::Policy { path: path.to_string(), problems: vec![toml_problem(text, &e)] })?;
        let mut v = Validator { text, problems: Vec::new() };

        let mut enabled = Enabled::all();
        for r in &file.disabled_rules {
            match RuleId::parse(r.get_ref()) {
                Some(id) => enabled.off(id),
                None => v.at(r.span(), format!("unknown rule id \"{}\" in disabled_rules; known: {}", r.get_ref(), rule_list())),
            }
        }
        let accepted: Vec<KForm> = file
            .form
            .accepted_k2_forms
            .get_ref()
            .iter()
            .filter_map(|s| {
                let f = KForm::parse(s.get_ref());
                match f {
                    Some(KForm::K1) => {
                        v.at(s.span(), "K1 (phylloquinone) is not a K2 form".into());
                        None
                    }
                    None => {
                        v.at(s.span(), format!("unknown K2 form \"{}\"; expected MK-4, MK-7 or MK-9", s.get_ref()));
                        None
                    }
                    f => f,
                }
            })
            .collect();
        if file.form.accepted_k2_forms.get_ref().is_empty() {
            v.at(file.form.accepted_k2_forms.span(), "accepted_k2_forms must name at least one form".into());
        }
        let mk4 = v.non_negative(&file.form.mk4_high_dose_mcg, "mk4_high_dose_mcg");
        let fail_below = v.non_negative(&file.ratio.fail_below, "fail_below");
        let warn_below = v.non_negative(&file.ratio.warn_below, "warn_below");
        if fail_below > warn_below {
            v.at(file.ratio.fail_below.span(), format!("fail_below ({fail_below}) must not exceed warn_below ({warn_below})"));
        }
        let min_k2 = v.non_negative(&file.ratio.min_k2_mcg, "min_k2_mcg");
        let dry = v.status(&file.carrier.dry_form_status);
        let no_oil = v.status(&file.carrier.no_oil_named_status);
        let third = v.certs(&file.certification.third_party);
        let selfc = v.certs(&file.certification.self_claims);
        let self_only = v.status(&file.certification.self_claims_only_status);
        let none = v.status(&file.certification.none_status);
        let allergen = v.certs(&file.certification.allergen_claims);
        let ul = v.non_negative(&file.safety.ul_iu, "ul_iu");
        let max = v.non_negative(&file.safety.max_iu, "max_iu");
        if ul > max {
            v.at(file.safety.ul_iu.span(), format!("ul_iu ({ul}) must not exceed max_iu ({max})"));
        }
        let imp_d = v.non_negative(&file.safety.implausible_d_iu, "implausible_d_iu");
        if imp_d <= max {
            v.at(file.safety.implausible_d_iu.span(), format!("implausible_d_iu ({imp_d}) must be above max_iu ({max})"));
        }
        let imp_k = v.non_negative(&file.safety.implausible_k_mcg, "implausible_k_mcg");
        let max_products = match &file.report {
            Some(r) => {
                let n = *r.max_products.get_ref();
                if n < 0 {
                    v.at(r.max_products.span(), format!("max_products must be 0 or more, not {n}"));
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
        if !v.problems.is_empty() {
            return Err(Error::Policy { path: path.to_string(), problems: v.problems });
        }
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        Ok(Policy {
            name: file.name.into_inner(),
            version: file.version.into_inner(),
            sha256,
            source: path.to_string(),
            enabled,
            form: FormSection { accepted_k2_forms: accepted, mk4_high_dose_mcg: mk4, enabled },
            ratio: RatioSection { fail_below, warn_below, min_k2_mcg: min_k2, implausible_d_iu: imp_d, implausible_k_mcg: imp_k, enabled },
            carrier: CarrierSection { dry_form_status: dry, no_oil_named_status: no_oil, enabled },
            certification: CertificationSection {
                third_party: third,
                self_claims: selfc,
                self_claims_only_status: self_only,
                none_status: none,
                allergen_claims: allergen,
                enabled,
            },
            safety: SafetySection { ul_iu: ul, max_iu: max, implausible_d_iu: imp_d, implausible_k_mcg: imp_k, enabled },
            max_products,
            waivers,
        })
    }

    /// The first 12 hex digits of the hash, for page headers.
    pub fn short_hash(&self) -> &str {
        &self.sha256[..12.min(self.sha256.len())]
    }

    /// The waiver that silences `rule` for this SKU or supplier, if any is in force.
    pub fn waiver_for(&self, rule: RuleId, sku: &str, supplier: &str) -> Option<&Waiver> {
        self.waivers.iter().find(|w| !w.expired && w.rule == rule && w.matches(sku, supplier))
    }
}

struct Validator<'a> {
    text: &'a str,
    problems: Vec<ConfigProblem>,
}

impl Validator<'_> {
    fn at(&mut self, span: std::ops::Range<usize>, message: String) {
        let (line, column) = line_col(self.text, span.start);
        self.problems.push(ConfigProblem { line: Some(line), column: Some(column), message });
    }

    fn non_negative(&mut self, v: &Spanned<f64>, key: &str) -> f64 {
        let x = *v.get_ref();
        if !x.is_finite() || x < 0.0 {
            self.at(v.span(), format!("{key} must be a number 0 or more, not {x}"));
            return 0.0;
        }
        x
    }

    fn status(&mut self, v: &Spanned<String>) -> Status {
        match Status::parse(v.get_ref()) {
            Some(s) => s,
            None => {
                self.at(v.span(), format!("unknown status \"{}\"; expected pass, warn, review or fail", v.get_ref()));
                Status::Fail
            }
        }
    }

    fn certs(&mut self, list: &[Spanned<String>]) -> Vec<Cert> {
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

fn rule_list() -> String {
    RuleId::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
