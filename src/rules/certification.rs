//! Certification: independent third-party certification, not only self-claims.

use super::{Finding, RuleId, Status};
use crate::extract::Facts;
use crate::policy::CertificationSection;

pub fn check(facts: &Facts, p: &CertificationSection, out: &mut Vec<Finding>) {
    let certs = facts.certs;
    if p.enabled.on(RuleId::CertThirdParty) && !certs.any_of(&p.third_party) {
        let selfc: Vec<&str> = p.self_claims.iter().filter(|c| certs.contains(**c)).map(|c| c.label()).collect();
        let (status, msg) = if selfc.is_empty() {
            (p.none_status, "no third-party certification and no quality claim".to_string())
        } else {
            (p.self_claims_only_status, format!("only self-claims ({}), no independent third-party certification", selfc.join(", ")))
        };
        if status != Status::Pass {
            out.push(Finding::new(RuleId::CertThirdParty, status, msg, facts.cert_evidence.clone()));
        }
    }
    if p.enabled.on(RuleId::CertAllergen) && !certs.any_of(&p.allergen_claims) {
        out.push(Finding::new(
            RuleId::CertAllergen,
            Status::Warn,
            format!("no allergen-free claim ({})", p.allergen_claims.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")),
            None,
        ));
    }
}
