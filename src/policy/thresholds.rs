//! The policy values a rule uses, in words: `explain` and the PDF's Method page read them here.

use super::Policy;
use crate::extract::Cert;
use crate::numfmt::human_amount as h;
use crate::rules::{NoColumn, RuleId};

/// The policy values a rule uses, in words (for `explain` and the PDF's Method page).
pub fn thresholds(rule: RuleId, p: &Policy) -> Vec<String> {
    let forms = p.form.accepted_k2_forms.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ");
    let certs = |list: &[Cert]| list.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
    let mut v = match rule {
        RuleId::FormD3 => vec!["D2 (ergocalciferol): fail; form not stated or calcifediol: review".to_string()],
        RuleId::FormK2Present => vec!["vitamin D with no vitamin K: fail".to_string()],
        RuleId::FormD3Present => vec!["vitamin K with no vitamin D: warn".to_string()],
        RuleId::FormK2Mk7 => vec![
            format!("accepted K2 forms: {forms}"),
            format!("MK-4 only below {} µg a day: fail; at or above: warn", h(p.form.mk4_high_dose_mcg)),
            "K1 only: fail; form not stated: review".to_string(),
        ],
        RuleId::RatioK2PerD3 => vec![
            format!("below {} µg K2 per 1,000 IU D3 a day: fail", h(p.ratio.fail_below)),
            format!("below {} µg K2 per 1,000 IU D3 a day: warn", h(p.ratio.warn_below)),
            "an amount missing, unreadable or with disagreeing units (more than 2 % apart): review".to_string(),
        ],
        RuleId::RatioK2Dose => vec![format!("K2 below {} µg a day: warn", h(p.ratio.min_k2_mcg))],
        RuleId::CarrierOil => vec![
            format!("dry form (capsule, tablet, chewable, gummy, lozenge, powder) without a carrier oil: {}", p.carrier.dry_form_status),
            format!("liquid, softgel or spray naming no oil, or a dry form naming one: {}", p.carrier.no_oil_named_status),
            "dosage form unknown: review".to_string(),
        ],
        RuleId::CertThirdParty => vec![
            format!("third-party certifications: {}", certs(&p.certification.third_party)),
            format!("self-claims only ({}): {}", certs(&p.certification.self_claims), p.certification.self_claims_only_status),
            format!("no certification at all: {}", p.certification.none_status),
        ],
        RuleId::CertAllergen => vec![format!("none of {}: warn", certs(&p.certification.allergen_claims))],
        RuleId::SafetyWarfarin => vec!["vitamin K without a warfarin / blood-thinner / anticoagulant warning: fail".to_string()],
        RuleId::SafetyD3Ul => vec![format!("vitamin D above {} IU a day: warn", h(p.safety.ul_iu))],
        RuleId::SafetyD3Max => vec![format!("vitamin D above {} IU a day: fail", h(p.safety.max_iu))],
        RuleId::DataImplausible => vec![format!(
            "vitamin D above {} IU a day, or vitamin K above {} µg a day: review",
            h(p.safety.implausible_d_iu),
            h(p.safety.implausible_k_mcg)
        )],
        RuleId::DataDuplicateSku => vec!["a SKU on more than one record: warn".to_string()],
    };
    if let Some(gap) = data_gap_line(rule, p) {
        v.push(gap);
    }
    if !p.enabled.on(rule) {
        v.insert(0, "disabled in this policy".to_string());
    }
    v
}
/// How a rule treats a fact the catalogue has no column for (`[data] no_column`, SPEC §8).
fn data_gap_line(rule: RuleId, p: &Policy) -> Option<String> {
    let (what, column) = match rule {
        RuleId::SafetyWarfarin => ("a vitamin K product stating no warning", "warnings"),
        RuleId::CertThirdParty => ("a product stating no certification or quality claim", "certifications"),
        RuleId::CarrierOil => ("a dry form naming no oil", "ingredients or other_ingredients"),
        _ => return None,
    };
    Some(match p.data.no_column {
        NoColumn::Review => {
            format!("{what} in a catalogue with no {column} column: review, as the retailer's data gap ([data] no_column = \"review\")")
        }
        NoColumn::Rule => {
            format!("{what} in a catalogue with no {column} column: the rule's own status ([data] no_column = \"rule\")")
        }
    })
}
