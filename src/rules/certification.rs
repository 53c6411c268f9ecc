//! Certification: independent third-party certification, not only self-claims.

use serde::Deserialize;
use toml::Spanned;

use super::cfg::{Enabled, Validator};
use super::data::{DataSection, gap_message};
use super::{Finding, RuleId, Status, coa};
use crate::date::Date;
use crate::extract::{Cert, Fact, Facts};

/// `[certification]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationFile {
    third_party: Vec<Spanned<String>>,
    self_claims: Vec<Spanned<String>>,
    self_claims_only_status: Spanned<String>,
    none_status: Spanned<String>,
    allergen_claims: Vec<Spanned<String>>,
    /// CERT-COA-AGE (optional: older policy files get 365).
    #[serde(default)]
    coa_max_age_days: Option<Spanned<i64>>,
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
    /// `[data]`: a product stating no claim whose record carries no certifications.
    pub data: DataSection,
    /// Days a certificate of analysis stays current (CERT-COA-AGE; default 365).
    pub coa_max_age_days: i64,
    /// The audit date (SOURCE_DATE_EPOCH or today): certificates' ages and expiry.
    pub today: Date,
}

impl CertificationFile {
    pub fn validate(&self, v: &mut Validator, enabled: Enabled, today: Date) -> CertificationSection {
        let coa_max_age_days = match &self.coa_max_age_days {
            Some(d) if !(1..=36_500).contains(d.get_ref()) => {
                v.at(d.span(), format!("coa_max_age_days must be from 1 to 36500, not {}", d.get_ref()));
                365
            }
            Some(d) => *d.get_ref(),
            None => 365,
        };
        CertificationSection {
            third_party: v.certs(&self.third_party),
            self_claims: v.certs(&self.self_claims),
            self_claims_only_status: v.status(&self.self_claims_only_status),
            none_status: v.status(&self.none_status),
            allergen_claims: v.certs(&self.allergen_claims),
            enabled,
            data: DataSection::default(),
            coa_max_age_days,
            today,
        }
    }
}

pub fn check(facts: &Facts, p: &CertificationSection, out: &mut Vec<Finding>) {
    let expired = coa::expired_on(facts, p.today);
    // A certification past its expiry does not count (SPEC §13).
    let certs = if expired.is_some() { without(facts.certs, &p.third_party) } else { facts.certs };
    if p.enabled.on(RuleId::CertThirdParty) && !certs.any_of(&p.third_party) {
        let selfc: Vec<&str> = p.self_claims.iter().filter(|c| certs.contains(**c)).map(|c| c.label()).collect();
        let status = if selfc.is_empty() { p.none_status } else { p.self_claims_only_status };
        let msg = || {
            let base = if selfc.is_empty() {
                "no third-party certification and no quality claim".to_string()
            } else {
                format!("only self-claims ({}), no independent third-party certification", selfc.join(", "))
            };
            match expired.filter(|_| facts.certs.any_of(&p.third_party)) {
                Some(d) => format!("{base}: the certification expired on {d} (certified_until) and does not count"),
                None => base,
            }
        };
        let gap = if selfc.is_empty() && p.none_status != Status::Pass { p.data.gap(facts, Fact::Certifications) } else { None };
        if let Some(gap) = gap {
            out.push(Finding::gap(
                RuleId::CertThirdParty,
                Fact::Certifications,
                gap_message(gap, "certifications", "cannot tell whether the product is certified"),
            ));
        } else if status != Status::Pass {
            out.push(Finding::new(RuleId::CertThirdParty, status, msg(), facts.cert_evidence.clone()));
        }
    }
    check_allergen(facts, p, out);
    coa::check(facts, p, out);
}

/// `certs` without the third-party certifications (expired ones do not count).
fn without(certs: crate::extract::Certs, third_party: &[Cert]) -> crate::extract::Certs {
    let mut kept = crate::extract::Certs::default();
    for c in certs.iter().filter(|c| !third_party.contains(c)) {
        kept.insert(c);
    }
    kept
}

/// CERT-ALLERGEN (off by default).
fn check_allergen(facts: &Facts, p: &CertificationSection, out: &mut Vec<Finding>) {
    let certs = facts.certs;
    if p.enabled.on(RuleId::CertAllergen) && !certs.any_of(&p.allergen_claims) {
        out.push(Finding::new(
            RuleId::CertAllergen,
            Status::Warn,
            format!("no allergen-free claim ({})", p.allergen_claims.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")),
            None,
        ));
    }
}
