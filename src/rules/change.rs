//! Remedies: for one finding, what the supplier is asked to do, in words. This is the one place
//! the fix texts live: each rule's general fix hint ([`fix_hint`], which `explain`, the PDF's Method
//! page and docs/rules.md show through `RuleId::fix_hint`), and each finding's [`remedy`], computed
//! from the product's own numbers and the policy's thresholds (the K2 needed for its D3 dose, the
//! D3 dose that gets under the limit, the oil or form to change, the certifications accepted, the
//! warning to add), falling back to the fix hint where the product adds nothing. A `review` asks
//! for the label's facts, never for a change resting on a doubtful number; a data gap of the
//! retailer's export (SPEC §8) asks for the label data ([`data_needed`]), never for a change.

use super::{CertificationSection, Finding, FormSection, RatioSection, RuleId, SafetySection, Status};
use crate::extract::{DForm, Fact, Facts, KForm};
use crate::numfmt::human_amount as h;

/// The policy sections a remedy is computed from.
#[derive(Debug, Clone, Copy)]
pub struct RemedyContext<'a> {
    pub form: &'a FormSection,
    pub ratio: &'a RatioSection,
    pub certification: &'a CertificationSection,
    pub safety: &'a SafetySection,
}

/// The warning suppliers are asked to add (SAFETY-WARFARIN), as a literal for `concat!`.
macro_rules! warfarin_warning {
    () => {
        "Consult a health care professional prior to use if you are taking blood thinners such as warfarin (vitamin K antagonists)."
    };
}

/// SAFETY-WARFARIN's remedy: the same words as a fix hint and as a required change.
const ADD_WARFARIN_WARNING: &str = concat!("Add the anticoagulant warning to the label: \"", warfarin_warning!(), "\"");

/// What the supplier should do about a rule, in general (the product's own numbers are in its
/// [`remedy`]).
pub const fn fix_hint(rule: RuleId) -> &'static str {
    match rule {
        RuleId::FormD3 => "Use cholecalciferol (D3) and state the form on the label.",
        RuleId::FormK2Present => "Add vitamin K2 as MK-7 (menaquinone-7), or list the product outside the D3 + K2 range.",
        RuleId::FormD3Present => "Pair the K2 with vitamin D3 (cholecalciferol), or list the product outside the D3 + K2 range.",
        RuleId::FormK2Mk7 => "Reformulate with MK-7 (menaquinone-7) and state the form on the label.",
        RuleId::RatioK2PerD3 => {
            "Raise the K2 (MK-7) dose or lower the D3 dose to reach the target ratio, and state both amounts with units."
        }
        RuleId::RatioK2Dose => "Raise the K2 (MK-7) dose to at least the policy's minimum per day.",
        RuleId::CarrierOil => {
            "Deliver the vitamins in an oil carrier (MCT, olive or coconut oil drops or softgels) and name the oil on the label."
        }
        RuleId::CertThirdParty => {
            "Obtain an independent product certification (NSF, USP Verified, Informed Sport/Choice, BSCG) and show the mark."
        }
        RuleId::CertAllergen => "State the allergen status on the label (gluten-free, soy-free, hypoallergenic).",
        RuleId::SafetyWarfarin => ADD_WARFARIN_WARNING,
        RuleId::SafetyD3Ul => "Lower the daily D3 dose to the upper intake level, or label the product for use under medical supervision.",
        RuleId::SafetyD3Max => "Lower the daily D3 dose below the policy's maximum.",
        RuleId::DataImplausible => "Check the vitamin D and K amounts and their units against the label and send the corrected figures.",
        RuleId::DataDuplicateSku => "Give this product its own SKU: another record of the catalogue uses the same one.",
        RuleId::SafetyD3Child => "Lower the daily D3 dose to the children's limit of the youngest age band the product is sold for.",
        RuleId::IdentGtin => {
            "Correct the GTIN from the GS1 registration of the product (check digit, length), not a store-internal number."
        }
        RuleId::CertCoaAge => "Send a current certificate of analysis (and renew the certification) and update the dates in the catalogue.",
    }
}

/// What the supplier is asked to send for a fact the retailer's export lacks (SPEC §10 "Label
/// data we need"): a request for data, never a change to the label.
pub const fn data_needed(fact: Fact) -> &'static str {
    match fact {
        Fact::WarfarinWarning => "the label's warnings text",
        Fact::Certifications => "the certificate or seal on the label",
        Fact::CarrierOil => "the other ingredients (the label's full ingredient list)",
        Fact::VitaminDAmount => "the vitamin D amount per serving on the label",
        Fact::VitaminDForm => "the vitamin D form named on the label",
        Fact::VitaminKAmount => "the vitamin K amount per serving on the label",
        Fact::VitaminKForm => "the vitamin K form named on the label",
        Fact::ServingsPerDay => "the label's directions (servings a day)",
        Fact::DosageForm => "the dosage form (drops, softgels, capsules, tablets...)",
    }
}

/// Why a data gap's remedy asks for label data, after the request itself ("Please send the
/// label's warnings text: " + this); the PDF lists the request without it.
pub const DATA_GAP_REASON: &str =
    "our product data does not include it, so this point could not be checked. No change to the label is asked.";

/// The remedy of `f` for this product's `facts`: the required change, the label facts to send
/// for a `review`, or the label data to send for a data gap. Empty for a pass.
pub fn remedy(f: &Finding, facts: &Facts, p: RemedyContext<'_>) -> String {
    if let Some(fact) = f.data_gap {
        return format!("Please send {}: {DATA_GAP_REASON}", data_needed(fact));
    }
    if f.status == Status::Pass {
        return String::new();
    }
    match f.rule {
        RuleId::FormD3 => form_d3(facts),
        RuleId::FormK2Present => k2_missing(facts, p),
        RuleId::FormK2Mk7 => k2_form(f, facts, p),
        RuleId::RatioK2PerD3 => ratio(f, facts, p),
        RuleId::RatioK2Dose => k2_dose(facts, p),
        RuleId::CarrierOil => carrier(facts),
        RuleId::CertThirdParty => certification(p),
        RuleId::CertAllergen => {
            let list: Vec<&str> = p.certification.allergen_claims.iter().map(|c| c.label()).collect();
            format!("State the allergen status on the label: one of {}.", list.join(", "))
        }
        RuleId::SafetyD3Ul => lower_d3(facts, p.safety.ul_iu, "the adult upper intake level", true),
        RuleId::SafetyD3Max => lower_d3(facts, p.safety.max_iu, "the policy's maximum", false),
        RuleId::SafetyD3Child => match p.safety.child_band(facts.listing.children.as_ref().and_then(|c| c.youngest_months)) {
            Some(b) => lower_d3(facts, b.max_iu, &format!("the children's limit for {}", b.label), false),
            None => fix_hint(RuleId::SafetyD3Child).into(),
        },
        RuleId::CertCoaAge if f.status == Status::Review => {
            "Send the certificate of analysis and the certification's dates as written on them (YYYY-MM-DD): the dates we hold cannot be read or lie after the audit date.".into()
        }
        RuleId::FormD3Present
        | RuleId::SafetyWarfarin
        | RuleId::DataImplausible
        | RuleId::DataDuplicateSku
        | RuleId::IdentGtin
        | RuleId::CertCoaAge => fix_hint(f.rule).into(),
    }
}

/// "K2 (MK-7)", or the accepted forms when the policy accepts others.
fn k2_name(p: RemedyContext<'_>) -> String {
    let forms: Vec<&str> = p.form.accepted_k2_forms.iter().map(|f| f.as_str()).collect();
    if forms.is_empty() { "K2".into() } else { format!("K2 ({})", forms.join(" or ")) }
}

/// "vitamin K2 as MK-7", or the accepted forms when the policy accepts others.
fn k2_as(p: RemedyContext<'_>) -> String {
    let forms: Vec<&str> = p.form.accepted_k2_forms.iter().map(|f| f.as_str()).collect();
    if forms.is_empty() { "vitamin K2".into() } else { format!("vitamin K2 as {}", forms.join(" or ")) }
}

/// µg K2 a day the target ratio asks for `d_iu` IU D3 a day (and at least the minimum dose).
fn k2_needed(d_iu: f64, p: RemedyContext<'_>) -> f64 {
    (d_iu * p.ratio.warn_below / 1000.0).max(p.ratio.min_k2_mcg).ceil()
}

/// " (2 servings a day)" when the day's amount is more than one serving.
/// " (one serving every 7 days)" for an interval product, so a day's average is not mistaken for
/// a serving.
fn servings(facts: &Facts) -> String {
    let spd = facts.servings_per_day;
    match every_days(spd) {
        _ if spd == 1.0 => String::new(),
        Some(n) => format!(" (one serving every {} days)", h(n)),
        None => format!(" ({} servings a day)", h(spd)),
    }
}

/// The whole number of days between two servings of an interval product (under one serving a
/// day: 1/7 is 7), or `None` when `spd` is not one such interval.
fn every_days(spd: f64) -> Option<f64> {
    (spd > 0.0 && spd < 1.0).then(|| 1.0 / spd).filter(|n| (n - n.round()).abs() < 1e-6).map(f64::round)
}

fn form_d3(facts: &Facts) -> String {
    match facts.d.as_ref().map(|d| d.form) {
        Some(DForm::D2) => "Replace vitamin D2 (ergocalciferol) with vitamin D3 (cholecalciferol) and name it on the label.".into(),
        Some(DForm::Calcifediol) => {
            "Use vitamin D3 (cholecalciferol) instead of calcifediol, or list the product outside the D3 + K2 range.".into()
        }
        _ => "State the vitamin D form on the label: vitamin D3 (cholecalciferol).".into(),
    }
}

fn k2_missing(facts: &Facts, p: RemedyContext<'_>) -> String {
    match facts.d3_iu_per_day() {
        Some(d) if d > 0.0 => format!(
            "Add vitamin {}: at least {} µg a day for its {} IU D3{}, or list the product outside the D3 + K2 range.",
            k2_name(p),
            h(k2_needed(d, p)),
            h(d),
            servings(facts)
        ),
        _ => format!(
            "Add vitamin {}: at least {} µg a day, or list the product outside the D3 + K2 range.",
            k2_name(p),
            h(p.ratio.min_k2_mcg)
        ),
    }
}

fn k2_form(f: &Finding, facts: &Facts, p: RemedyContext<'_>) -> String {
    let Some(k) = &facts.k else { return format!("Use {} and name the form on the label.", k2_as(p)) };
    if k.forms.is_empty() || k.form_problem.is_some() {
        return format!("State the vitamin K form on the label: {}.", k2_as(p));
    }
    if f.status == Status::Review {
        // MK-4 whose dose is unknown: the dose decides, so it is asked for, not a reformulation.
        return format!(
            "State the {} amount per serving on the label (below {} µg a day it is not accepted), or use {}.",
            k.forms.join(),
            h(p.form.mk4_high_dose_mcg),
            k2_as(p)
        );
    }
    let now = if k.forms.only(KForm::K1) { "K1 (phylloquinone)".to_string() } else { k.forms.join() };
    let amount = match facts.d3_iu_per_day() {
        Some(d) if d > 0.0 => format!(", at least {} µg a day for its {} IU D3", h(k2_needed(d, p)), h(d)),
        _ => format!(", at least {} µg a day", h(p.ratio.min_k2_mcg)),
    };
    format!("Replace {now} with {}{amount}, and name the form on the label.", k2_name(p))
}

fn ratio(f: &Finding, facts: &Facts, p: RemedyContext<'_>) -> String {
    let k = facts.k.as_ref();
    let k1_only = k.is_some_and(|k| k.forms.only(KForm::K1));
    let d_problem = facts.d.as_ref().is_some_and(|d| d.amount_problem.is_some());
    let k_problem = !k1_only && k.is_some_and(|k| k.amount_problem.is_some());
    let (d, k2) = (facts.d3_iu_per_day(), facts.k2_mcg_per_day());
    match (d, k2) {
        // Vitamin K with an amount but no form: the form is what is missing, not the amounts.
        (_, None) if k.is_some_and(|k| k.forms.is_empty()) => {
            format!("State the vitamin K form beside its amount on the label ({}): without it, the K2 per serving is not known.", k2_as(p))
        }
        (Some(d), None) if k1_only && d > 0.0 => {
            format!("Add {}: at least {} µg a day for {} IU D3{} (K1 is not K2).", k2_name(p), h(k2_needed(d, p)), h(d), servings(facts))
        }
        (Some(d), Some(k2)) if f.status != Status::Review && !d_problem && !k_problem && d > 0.0 => raise_k2(d, k2, facts, p),
        (Some(_), Some(_)) => {
            "Check the vitamin D3 and K2 amounts and units on the label (both units must agree) and send the corrected figures.".into()
        }
        _ if d_problem || k_problem => {
            let which = match (d.is_none(), k2.is_none()) {
                (true, true) => "vitamin D3 and K2 amounts",
                (true, false) => "vitamin D3 amount",
                _ => "vitamin K2 amount",
            };
            format!(
                "Check the {which} and units on the label and send the figures as printed: ours cannot be read or their units disagree."
            )
        }
        (None, None) => "State both amounts per serving on the label, with units: vitamin D3 in IU or µg, vitamin K2 in µg.".into(),
        (None, Some(_)) => "State the vitamin D3 amount per serving on the label, in IU or µg.".into(),
        (Some(_), None) => "State the vitamin K2 amount per serving on the label, in µg.".into(),
    }
}

fn raise_k2(d: f64, k2: f64, facts: &Facts, p: RemedyContext<'_>) -> String {
    let need = k2_needed(d, p);
    let max_d = (k2 / p.ratio.warn_below * 1000.0).floor();
    // Lowering D3 is offered only where it leaves a dose the policy accepts as it is.
    let lower = if max_d > 0.0 && k2 >= p.ratio.min_k2_mcg && max_d <= p.safety.ul_iu {
        format!(", or lower D3 to {} IU", h(max_d))
    } else {
        String::new()
    };
    format!("Raise {} from {} µg to at least {} µg a day for {} IU D3{lower}{}.", k2_name(p), h(k2), h(need), h(d), servings(facts))
}

fn k2_dose(facts: &Facts, p: RemedyContext<'_>) -> String {
    let spd = facts.servings_per_day;
    let min = p.ratio.min_k2_mcg;
    // An interval product (a weekly tablet): the supplier knows the amount per serving, so the
    // change is asked per serving, with the day's average it rests on.
    if spd > 0.0
        && spd < 1.0
        && let Some(day) = facts.k2_mcg_per_day()
    {
        let tenth = |x: f64| h((x * 10.0).round() / 10.0);
        return format!(
            "Raise {} from {} µg to at least {} µg per serving: one serving{} gives {} µg a day, below the {} µg a day minimum.",
            k2_name(p),
            h(day / spd),
            h((min / spd).ceil()),
            match every_days(spd) {
                Some(n) => format!(" every {} days", h(n)),
                None => format!(" at {} servings a day", h(spd)),
            },
            tenth(day),
            h(min)
        );
    }
    let now = facts.k2_mcg_per_day().map(|k| format!(" from {} µg", h(k))).unwrap_or_default();
    format!("Raise {}{now} to at least {} µg a day{}.", k2_name(p), h(min), servings(facts))
}

fn carrier(facts: &Facts) -> String {
    let form = facts.dosage_form;
    let oils = facts.oils.join();
    if form == crate::extract::DosageForm::Unknown {
        "State the dosage form on the label (drops, softgels, capsules, tablets...) and, for drops or softgels, the carrier oil.".into()
    } else if form.is_dry() && facts.oils.is_empty() {
        format!(
            "Change the {} to an oil form: drops or softgels in MCT, olive or coconut oil, with the oil named on the label.",
            form.as_str()
        )
    } else if form.is_dry() {
        format!("The {oils} oil in a dry {} is not a carrier: deliver the vitamins as drops or softgels in the oil.", form.as_str())
    } else {
        format!("Name the carrier oil of the {} on the label (for example MCT, olive or coconut oil).", form.as_str())
    }
}

fn certification(p: RemedyContext<'_>) -> String {
    let list: Vec<&str> = p.certification.third_party.iter().map(|c| c.label()).collect();
    format!(
        "Obtain an independent certification of the finished product, one of: {}; show the mark on the label. GMP or \"third-party tested\" alone are self-claims.",
        list.join(", ")
    )
}

fn lower_d3(facts: &Facts, limit: f64, what: &str, or_supervision: bool) -> String {
    let Some(d) = facts.d3_iu_per_day() else { return format!("Lower the daily D3 dose to at most {} IU.", h(limit)) };
    let per_serving = if facts.servings_per_day > 1.0 {
        format!(" ({} IU a serving at {} servings a day)", h((limit / facts.servings_per_day).floor()), h(facts.servings_per_day))
    } else {
        String::new()
    };
    let alt = if or_supervision { ", or label the product for use under medical supervision" } else { "" };
    format!("Lower D3 from {} IU to at most {} IU a day{per_serving}, {what}{alt}.", h(d), h(limit))
}

#[cfg(test)]
#[path = "remedy_tests.rs"]
mod remedy_tests;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::date::Date;
    use crate::extract::{Certs, DosageForm, Evidence, KForms, Oil, Oils, VitaminD, VitaminK};
    use crate::policy::Policy;

    fn facts(d_iu: Option<f64>, k2: Option<f64>, forms: &[KForm], servings: f64) -> Facts {
        let d = d_iu.map(|iu| VitaminD {
            form: DForm::D3,
            form_evidence: None,
            iu_per_serving: Some(iu),
            amount_evidence: None,
            amount_problem: None,
            form_problem: None,
        });
        let k = (!forms.is_empty()).then(|| VitaminK {
            forms: KForms::from_forms(forms.iter().copied()),
            form_evidence: None,
            k2_mcg_per_serving: k2,
            mk4_mcg_per_serving: None,
            k1_mcg_per_serving: None,
            amount_evidence: None,
            amount_problem: None,
            form_problem: None,
        });
        Facts {
            d,
            k,
            servings_per_day: servings,
            servings_evidence: None,
            dosage_form: DosageForm::Softgel,
            dosage_evidence: None,
            oils: Oils::default(),
            oil_evidence: None,
            certs: Certs::default(),
            cert_evidence: None,
            warfarin: None,
            carried: crate::extract::Carried::all(),
            sections: Default::default(),
            sources: crate::extract::Sources::default(),
            listing: Default::default(),
        }
    }

    fn finding(rule: RuleId, status: Status) -> Finding {
        Finding::new(rule, status, "", Some(Evidence::new(Arc::from("product"), "x")))
    }

    #[test]
    fn remedies_use_the_products_own_numbers() {
        let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
        let ctx = policy.remedy_context();
        let mk7 = [KForm::Mk7];
        let dry = |form, oils: Oils| Facts { dosage_form: form, oils, ..facts(Some(1000.0), Some(100.0), &mk7, 1.0) };
        let olive = {
            let mut o = Oils::default();
            o.insert(Oil::Olive);
            o
        };
        let cases: Vec<(&str, RuleId, Status, Facts, &str)> = vec![
            (
                "ratio fail: the K2 for the D3, or the D3 for the K2",
                RuleId::RatioK2PerD3,
                Status::Fail,
                facts(Some(5000.0), Some(45.0), &mk7, 1.0),
                "Raise K2 (MK-7) from 45 µg to at least 100 µg a day for 5,000 IU D3, or lower D3 to 2,250 IU.",
            ),
            (
                "ratio warn, two servings a day",
                RuleId::RatioK2PerD3,
                Status::Warn,
                facts(Some(2500.0), Some(40.0), &mk7, 2.0),
                "Raise K2 (MK-7) from 80 µg to at least 100 µg a day for 5,000 IU D3, or lower D3 to 4,000 IU (2 servings a day).",
            ),
            (
                "ratio where lowering D3 would still be above the upper level",
                RuleId::RatioK2PerD3,
                Status::Warn,
                facts(Some(10000.0), Some(100.0), &mk7, 2.0),
                "Raise K2 (MK-7) from 200 µg to at least 400 µg a day for 20,000 IU D3 (2 servings a day).",
            ),
            (
                "ratio with too little K2 to lower D3 for",
                RuleId::RatioK2PerD3,
                Status::Fail,
                facts(Some(10000.0), Some(25.0), &mk7, 1.0),
                "Raise K2 (MK-7) from 25 µg to at least 200 µg a day for 10,000 IU D3.",
            ),
            (
                "K2 dose",
                RuleId::RatioK2Dose,
                Status::Warn,
                facts(Some(1000.0), Some(25.0), &mk7, 1.0),
                "Raise K2 (MK-7) from 25 µg to at least 45 µg a day.",
            ),
            (
                "K2 dose of a weekly tablet: the day's average, and the interval",
                RuleId::RatioK2Dose,
                Status::Warn,
                facts(Some(10000.0), Some(200.0), &mk7, 1.0 / 7.0),
                "Raise K2 (MK-7) from 200 µg to at least 315 µg per serving: one serving every 7 days gives 28.6 µg a day, below the 45 µg a day minimum.",
            ),
            (
                "D3 alone, every other day",
                RuleId::FormK2Present,
                Status::Fail,
                facts(Some(5000.0), None, &[], 0.5),
                "Add vitamin K2 (MK-7): at least 50 µg a day for its 2,500 IU D3 (one serving every 2 days), or list the product outside the D3 + K2 range.",
            ),
            (
                "D3 above the upper level",
                RuleId::SafetyD3Ul,
                Status::Warn,
                facts(Some(5000.0), Some(100.0), &mk7, 1.0),
                "Lower D3 from 5,000 IU to at most 4,000 IU a day, the adult upper intake level, or label the product for use under medical supervision.",
            ),
            (
                "D3 above the maximum, per serving",
                RuleId::SafetyD3Max,
                Status::Fail,
                facts(Some(10000.0), Some(200.0), &mk7, 2.0),
                "Lower D3 from 20,000 IU to at most 10,000 IU a day (5,000 IU a serving at 2 servings a day), the policy's maximum.",
            ),
            (
                "D3 alone",
                RuleId::FormK2Present,
                Status::Fail,
                facts(Some(5000.0), None, &[], 1.0),
                "Add vitamin K2 (MK-7): at least 100 µg a day for its 5,000 IU D3, or list the product outside the D3 + K2 range.",
            ),
            (
                "MK-4 only",
                RuleId::FormK2Mk7,
                Status::Fail,
                facts(Some(1000.0), Some(100.0), &[KForm::Mk4], 1.0),
                "Replace MK-4 with K2 (MK-7), at least 45 µg a day for its 1,000 IU D3, and name the form on the label.",
            ),
            (
                "K1 only",
                RuleId::FormK2Mk7,
                Status::Fail,
                facts(Some(5000.0), None, &[KForm::K1], 1.0),
                "Replace K1 (phylloquinone) with K2 (MK-7), at least 100 µg a day for its 5,000 IU D3, and name the form on the label.",
            ),
            (
                "dry tablet",
                RuleId::CarrierOil,
                Status::Fail,
                dry(DosageForm::Tablet, Oils::default()),
                "Change the tablet to an oil form: drops or softgels in MCT, olive or coconut oil, with the oil named on the label.",
            ),
            (
                "dry capsule naming an oil",
                RuleId::CarrierOil,
                Status::Warn,
                dry(DosageForm::Capsule, olive),
                "The olive oil in a dry capsule is not a carrier: deliver the vitamins as drops or softgels in the oil.",
            ),
            (
                "softgel naming no oil",
                RuleId::CarrierOil,
                Status::Warn,
                dry(DosageForm::Softgel, Oils::default()),
                "Name the carrier oil of the softgel on the label (for example MCT, olive or coconut oil).",
            ),
        ];
        for (name, rule, status, facts, want) in cases {
            assert_eq!(remedy(&finding(rule, status), &facts, ctx), want, "{name}");
        }
    }

    #[test]
    fn every_rule_has_a_remedy_and_data_gaps_ask_for_data() {
        let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
        let ctx = policy.remedy_context();
        let f = facts(Some(1000.0), Some(10.0), &[KForm::Mk7], 1.0);
        for rule in RuleId::ALL {
            let text = remedy(&finding(rule, Status::Fail), &f, ctx);
            assert!(text.ends_with('.') || text.ends_with('"'), "{rule}: {text}");
        }
        let cert = remedy(&finding(RuleId::CertThirdParty, Status::Fail), &f, ctx);
        assert!(cert.contains("USP Verified") && cert.contains("Informed Sport"), "{cert}");
        let warn = remedy(&finding(RuleId::SafetyWarfarin, Status::Fail), &f, ctx);
        assert!(warn.contains("warfarin"), "{warn}");
        let gap = Finding { data_gap: Some(crate::extract::Fact::WarfarinWarning), ..finding(RuleId::SafetyWarfarin, Status::Review) };
        let ask = remedy(&gap, &f, ctx);
        assert!(ask.starts_with("Please send the label's warnings text") && ask.contains("No change to the label"), "{ask}");
    }
}
