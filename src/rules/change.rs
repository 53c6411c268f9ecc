//! Required changes: for one finding, what the supplier must change, in words, computed from the
//! product's own numbers and the policy's thresholds (the K2 needed for its D3 dose, the D3 dose
//! that gets under the limit, the oil or form to change, the certifications accepted, the
//! warning to add). The one text feeds the supplier PDF and the supplier action list.

use super::{CertificationSection, Finding, FormSection, RatioSection, RuleId, SafetySection, Status};
use crate::extract::{DForm, Facts, KForm};
use crate::numfmt::human_amount as h;

/// The policy sections a required change is computed from.
#[derive(Debug, Clone, Copy)]
pub struct ChangeContext<'a> {
    pub form: &'a FormSection,
    pub ratio: &'a RatioSection,
    pub certification: &'a CertificationSection,
    pub safety: &'a SafetySection,
}

/// The warning text suppliers are asked to add (SAFETY-WARFARIN).
pub const WARFARIN_WARNING: &str =
    "Consult a health care professional prior to use if you are taking blood thinners such as warfarin (vitamin K antagonists).";

/// The change for DATA-DUPLICATE-SKU, which needs no facts (the first record of a duplicated SKU
/// is flagged after the run, from its audit.csv row).
pub const DUPLICATE_SKU_CHANGE: &str = "Give this product its own SKU: another record of the catalogue uses the same one.";

/// What the supplier must change to clear `f`, from this product's `facts`.
pub fn required_change(f: &Finding, facts: &Facts, p: ChangeContext<'_>) -> String {
    if f.data_gap.is_some() {
        return "nothing to change on the label: the retailer's export carries no column for this fact".into();
    }
    if f.status == Status::Pass {
        return String::new();
    }
    match f.rule {
        RuleId::FormD3 => form_d3(facts),
        RuleId::FormK2Present => k2_missing(facts, p),
        RuleId::FormD3Present => "Pair the K2 with vitamin D3 (cholecalciferol), or list the product outside the D3 + K2 range.".into(),
        RuleId::FormK2Mk7 => k2_form(facts, p),
        RuleId::RatioK2PerD3 => ratio(f, facts, p),
        RuleId::RatioK2Dose => k2_dose(facts, p),
        RuleId::CarrierOil => carrier(facts),
        RuleId::CertThirdParty => certification(p),
        RuleId::CertAllergen => {
            let list: Vec<&str> = p.certification.allergen_claims.iter().map(|c| c.label()).collect();
            format!("State the allergen status on the label: one of {}.", list.join(", "))
        }
        RuleId::SafetyWarfarin => format!("Add the anticoagulant warning to the label: \"{WARFARIN_WARNING}\""),
        RuleId::SafetyD3Ul => lower_d3(facts, p.safety.ul_iu, "the adult upper intake level", true),
        RuleId::SafetyD3Max => lower_d3(facts, p.safety.max_iu, "the policy's maximum", false),
        RuleId::DataImplausible => {
            "Check the vitamin D and K amounts and their units against the label and send the corrected figures.".into()
        }
        RuleId::DataDuplicateSku => DUPLICATE_SKU_CHANGE.into(),
        RuleId::SafetyD3Child => match p.safety.child_band(facts.listing.children.as_ref().and_then(|c| c.youngest_months)) {
            Some(b) => lower_d3(facts, b.max_iu, &format!("the children's limit for {}", b.label), false),
            None => RuleId::SafetyD3Child.fix_hint().into(),
        },
        RuleId::IdentGtin => RuleId::IdentGtin.fix_hint().into(),
        RuleId::CertCoaAge => RuleId::CertCoaAge.fix_hint().into(),
    }
}

/// "K2 (MK-7)", or the accepted forms when the policy accepts others.
fn k2_name(p: ChangeContext<'_>) -> String {
    let forms: Vec<&str> = p.form.accepted_k2_forms.iter().map(|f| f.as_str()).collect();
    if forms.is_empty() { "K2".into() } else { format!("K2 ({})", forms.join(" or ")) }
}

/// µg K2 a day the target ratio asks for `d_iu` IU D3 a day (and at least the minimum dose).
fn k2_needed(d_iu: f64, p: ChangeContext<'_>) -> f64 {
    (d_iu * p.ratio.warn_below / 1000.0).max(p.ratio.min_k2_mcg).ceil()
}

/// " (2 servings a day)" when the day's amount is more than one serving.
/// " (one serving every 7 days)" for an interval product, so a day's average is not mistaken for
/// a serving.
fn servings(facts: &Facts) -> String {
    let spd = facts.servings_per_day;
    let every = (spd > 0.0 && spd < 1.0).then(|| 1.0 / spd).filter(|n| (n - n.round()).abs() < 1e-6);
    match every {
        _ if spd == 1.0 => String::new(),
        Some(n) => format!(" (one serving every {} days)", h(n.round())),
        None => format!(" ({} servings a day)", h(spd)),
    }
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

fn k2_missing(facts: &Facts, p: ChangeContext<'_>) -> String {
    match facts.d3_iu_per_day() {
        Some(d) if d > 0.0 => format!(
            "Add vitamin {}: at least {} µg a day for its {} IU D3{}, or list the product outside the D3 + K2 range.",
            k2_name(p),
            h(k2_needed(d, p)),
            h(d),
            servings(facts)
        ),
        _ => format!(
            "Add vitamin {} (at least {} µg a day), or list the product outside the D3 + K2 range.",
            k2_name(p),
            h(p.ratio.min_k2_mcg)
        ),
    }
}

fn k2_form(facts: &Facts, p: ChangeContext<'_>) -> String {
    let Some(k) = &facts.k else { return format!("Use vitamin {} and name the form on the label.", k2_name(p)) };
    if k.forms.is_empty() || k.form_problem.is_some() {
        return format!("State the vitamin K form on the label: {} (menaquinone-7).", k2_name(p));
    }
    let now = if k.forms.only(KForm::K1) { "K1 (phylloquinone)".to_string() } else { k.forms.join() };
    let amount = match facts.d3_iu_per_day() {
        Some(d) if d > 0.0 => format!(", at least {} µg a day for its {} IU D3", h(k2_needed(d, p)), h(d)),
        _ => format!(", at least {} µg a day", h(p.ratio.min_k2_mcg)),
    };
    format!("Replace {now} with {}{amount}, and name the form on the label.", k2_name(p))
}

fn ratio(f: &Finding, facts: &Facts, p: ChangeContext<'_>) -> String {
    let (Some(d), Some(k2)) = (facts.d3_iu_per_day(), facts.k2_mcg_per_day()) else {
        return "State both amounts per serving on the label, with units: vitamin D3 in IU or µg, vitamin K2 in µg.".into();
    };
    if f.status == Status::Review || d <= 0.0 {
        return "Check the vitamin D3 and K2 amounts and units on the label (both units must agree) and send the corrected figures.".into();
    }
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

fn k2_dose(facts: &Facts, p: ChangeContext<'_>) -> String {
    let now = facts.k2_mcg_per_day().map(|k| format!(" from {} µg", h(k))).unwrap_or_default();
    format!("Raise {}{now} to at least {} µg a day{}.", k2_name(p), h(p.ratio.min_k2_mcg), servings(facts))
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

fn certification(p: ChangeContext<'_>) -> String {
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
    fn changes_use_the_products_own_numbers() {
        let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
        let ctx = policy.change_context();
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
                "Raise K2 (MK-7) from 28.57 µg to at least 45 µg a day (one serving every 7 days).",
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
            assert_eq!(required_change(&finding(rule, status), &facts, ctx), want, "{name}");
        }
    }

    #[test]
    fn every_rule_has_a_change_and_data_gaps_ask_for_none() {
        let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
        let ctx = policy.change_context();
        let f = facts(Some(1000.0), Some(10.0), &[KForm::Mk7], 1.0);
        for rule in RuleId::ALL {
            let text = required_change(&finding(rule, Status::Fail), &f, ctx);
            assert!(text.ends_with('.') || text.ends_with('"'), "{rule}: {text}");
        }
        let cert = required_change(&finding(RuleId::CertThirdParty, Status::Fail), &f, ctx);
        assert!(cert.contains("USP Verified") && cert.contains("Informed Sport"), "{cert}");
        let warn = required_change(&finding(RuleId::SafetyWarfarin, Status::Fail), &f, ctx);
        assert!(warn.contains("warfarin"), "{warn}");
        let gap = Finding { data_gap: Some(crate::extract::Fact::WarfarinWarning), ..finding(RuleId::SafetyWarfarin, Status::Review) };
        assert!(required_change(&gap, &f, ctx).starts_with("nothing to change"));
    }
}
