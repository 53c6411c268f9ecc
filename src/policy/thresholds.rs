//! The policy values a rule uses, in words: `explain` and the PDF's Method page read them here.

use super::Policy;
use crate::extract::Cert;
use crate::numfmt::human_amount as h;
use crate::rules::{MarketId, NoColumn, RuleId};

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
        RuleId::SafetyD3Ul => vec![format!("vitamin D above {} IU a day: warn{}", h(p.safety.ul_iu), market_source(p, true))],
        RuleId::SafetyD3Max => vec![format!("vitamin D above {} IU a day: fail{}", h(p.safety.max_iu), market_source(p, false))],
        RuleId::DataImplausible => vec![format!(
            "vitamin D above {} IU a day, or vitamin K above {} µg a day: review",
            h(p.safety.implausible_d_iu),
            h(p.safety.implausible_k_mcg)
        )],
        RuleId::DataDuplicateSku => vec!["a SKU on more than one record: warn".to_string()],
        RuleId::SafetyD3Child => child_bands(p),
        RuleId::IdentGtin => vec![
            "not digits, a length other than 8, 12, 13 or 14 digits, or a wrong GS1 check digit: warn".to_string(),
            "a restricted-circulation prefix (020-029, 040-049, 200-299 on the GTIN-13): warn".to_string(),
            "an empty GTIN: no finding".to_string(),
        ],
        RuleId::CertCoaAge => vec![
            format!("a certificate of analysis more than {} days old on the audit date: warn", p.certification.coa_max_age_days),
            "a certificate of analysis or certification expiry date that cannot be read, or a certificate dated after the audit date: review"
                .to_string(),
            "a certification past its expiry date (certified until) does not count as a certification".to_string(),
        ],
    };
    v.extend(data_gap_lines(rule, p));
    if !p.enabled.on(rule) {
        v.insert(0, "disabled in this policy".to_string());
    }
    v
}

/// How a rule treats a fact a record does not carry (`[data] no_column` and `empty_cell`,
/// SPEC §8): no column, an empty cell, and what a section of the description counts for.
fn data_gap_lines(rule: RuleId, p: &Policy) -> Vec<String> {
    let (what, column, section) = match rule {
        RuleId::SafetyWarfarin => ("a vitamin K product stating no warning", "warnings", "\"Warnings:\", \"Caution:\""),
        RuleId::CertThirdParty => ("a product stating no certification or quality claim", "certifications", ""),
        RuleId::CarrierOil => ("a dry form naming no oil", "ingredients or other_ingredients", "\"Other ingredients:\", \"Ingredients:\""),
        _ => return Vec::new(),
    };
    let status = |s: NoColumn, key: &str| match s {
        NoColumn::Review => format!("review, as the retailer's data gap ([data] {key} = \"review\")"),
        NoColumn::Rule => format!("the rule's own status ([data] {key} = \"rule\")"),
    };
    let mut v = vec![
        format!("{what} in a catalogue with no {column} column: {}", status(p.data.no_column, "no_column")),
        format!("{what} whose {column} cell is empty: {}", status(p.data.empty_cell, "empty_cell")),
    ];
    if !section.is_empty() {
        let plain = if rule == RuleId::CarrierOil { "ingredients list" } else { column };
        v.push(format!("a section of the product's text headed {section} (in any language of the vocabulary) counts as its {plain}"));
    }
    v
}

/// ` (market de: ..., source)` when the market sets the adults' limit, else nothing.
fn market_source(p: &Policy, warn: bool) -> String {
    let m = p.market.profile();
    match if warn { m.adult_warn } else { m.adult_fail } {
        Some(l) => format!(" (market {}: {}; {})", p.market, l.what, l.source),
        None => String::new(),
    }
}

/// SAFETY-D3-CHILD's limits: one line per age band of the market, with its source.
fn child_bands(p: &Policy) -> Vec<String> {
    let m = p.market.profile();
    if m.children.is_empty() {
        return vec![format!(
            "market {} sets no children's bands that could be verified: children's products are held to the adults' limits",
            p.market
        )];
    }
    let mut v: Vec<String> = m
        .children
        .iter()
        .map(|b| format!("{}: above {} IU a day: fail (market {}: {})", b.label, h(b.max_iu), p.market, b.source))
        .collect();
    v.push("no age stated: the youngest band the product's words imply (infant, toddler), else 1-3 y".to_string());
    v
}

/// A market profile in words, one line each: its limits with their sources, then what was left
/// out (`policy show --market`, the PDF's Method page).
pub fn market_lines(market: MarketId) -> Vec<String> {
    let m = market.profile();
    let mut v = vec![format!("market {} ({})", m.id, m.name)];
    let adult = |l: Option<crate::rules::market::AdultLimit>, status: &str, key: &str| match l {
        Some(l) => format!("adults: above {} IU a day: {status} ({}; {})", h(l.iu), l.what, l.source),
        None => format!("adults: above the policy's [safety] {key} a day: {status}"),
    };
    v.push(adult(m.adult_warn, "warn (SAFETY-D3-UL)", "ul_iu"));
    v.push(adult(m.adult_fail, "fail (SAFETY-D3-MAX)", "max_iu"));
    for b in m.children {
        v.push(format!("children {}: above {} IU a day: fail (SAFETY-D3-CHILD; {})", b.label, h(b.max_iu), b.source));
    }
    for n in m.notes {
        v.push(format!("note: {n}"));
    }
    v
}
