//! Every remedy checked against the finding it answers: label text -> the real extraction -> the
//! built-in policy's rules -> each finding (rule, status, data gap) with its remedy, exactly. One
//! named case per row, so a wrong pairing ("state both amounts per serving" for an unstated K
//! form) names its label. The fix hints (`explain`, the PDF's Method page, docs/rules.md) are in
//! the second table, beside the remedies they generalise.

use super::*;
use crate::date::Date;
use crate::extract::{Scratch, extract};
use crate::ingest::{ColumnMap, Field, Record};
use crate::policy::Policy;

const TITLE: &str = "Product Name";
const D: &str = "Vitamin D";
const K: &str = "Vitamin K2";
const FORM: &str = "Dosage Form";
const OTHER: &str = "Other Ingredients";
const CERTS: &str = "Certifications";
const WARN: &str = "Warnings";
const GTIN: &str = "GTIN";
const COA: &str = "COA Date";

/// A label that meets every criterion: 2,000 IU D3 + 100 µg MK-7 softgel in MCT oil, NSF, warned.
const GOOD: [(&str, &str); 7] = [
    (TITLE, "Daily Softgels"),
    (D, "Vitamin D3 (cholecalciferol) 2000 IU"),
    (K, "Vitamin K2 (as MK-7, menaquinone-7) 100 mcg"),
    (FORM, "Softgel"),
    (OTHER, "MCT oil, gelatin, glycerin"),
    (CERTS, "NSF Certified for Sport"),
    (WARN, "Consult your doctor before use if you take warfarin or other blood thinners."),
];

/// The good label with `changes` applied: `(header, Some(value))` sets a cell (adding the column
/// if needed), `(header, None)` removes the column from the catalogue.
fn label(changes: &[(&str, Option<&str>)]) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = GOOD.iter().map(|(h, v)| (*h, v.to_string())).collect();
    for (h, v) in changes {
        let at = fields.iter().position(|(x, _)| x == h);
        match (at, v) {
            (Some(i), Some(v)) => fields[i].1 = v.to_string(),
            (Some(i), None) => {
                fields.remove(i);
            }
            (None, Some(v)) => {
                let h: &'static str = [TITLE, D, K, FORM, OTHER, CERTS, WARN, GTIN, COA].into_iter().find(|x| x == h).unwrap_or(TITLE);
                fields.push((h, v.to_string()));
            }
            (None, None) => {}
        }
    }
    fields
}

/// Each finding of the label under the built-in policy, with its remedy.
fn remedies(name: &str, fields: &[(&'static str, String)]) -> Vec<(RuleId, Status, bool, String)> {
    let headers: Vec<String> = fields.iter().map(|(h, _)| h.to_string()).collect();
    let cols = match ColumnMap::resolve(headers, None) {
        Ok(c) => c,
        Err(e) => panic!("{name}: headers do not resolve: {e}"),
    };
    assert!(cols.unmapped.is_empty(), "{name}: headers not mapped: {:?}", cols.unmapped);
    let mapped: Vec<(Field, &str)> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, (_, v))| Field::ALL.into_iter().find(|f| cols.index[f.index()] == Some(i)).map(|f| (f, v.as_str())))
        .collect();
    let rec = Record::new(1, 2, mapped);
    let facts = extract(&rec, &cols, &mut Scratch::new());
    let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
    let mut findings = Vec::new();
    policy.check(&facts, &mut findings);
    findings
        .iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| (f.rule, f.status, f.data_gap.is_some(), remedy(f, &facts, policy.remedy_context())))
        .collect()
}

/// One `#[test]` per row: `name: [changes] => [(rule, status, data gap, remedy), ...],`.
macro_rules! table {
    ($($name:ident : [$(($h:expr, $v:expr)),* $(,)?] => [$(($rule:ident, $status:ident, $gap:expr, $text:expr)),* $(,)?],)*) => {
        $(
            #[test]
            fn $name() {
                let got = remedies(stringify!($name), &label(&[$(($h, $v)),*]));
                let want: Vec<(RuleId, Status, bool, String)> = vec![$((RuleId::$rule, Status::$status, $gap, $text.to_string())),*];
                assert_eq!(got, want, "{}", stringify!($name));
            }
        )*
    };
}

const SEND_WARNINGS: &str = "Please send the label's warnings text: our product data does not include it, so this point could not be checked. No change to the label is asked.";
const SEND_SEAL: &str = "Please send the certificate or seal on the label: our product data does not include it, so this point could not be checked. No change to the label is asked.";
const SEND_INGREDIENTS: &str = "Please send the other ingredients (the label's full ingredient list): our product data does not include it, so this point could not be checked. No change to the label is asked.";
const ADD_WARNING: &str = "Add the anticoagulant warning to the label: \"Consult a health care professional prior to use if you are taking blood thinners such as warfarin (vitamin K antagonists).\"";

table! {
    good_label_needs_nothing: [] => [],
    d2_is_replaced_by_d3: [(D, Some("Vitamin D2 (ergocalciferol) 2000 IU"))] => [
        (FormD3, Fail, false, "Replace vitamin D2 (ergocalciferol) with vitamin D3 (cholecalciferol) and name it on the label."),
    ],
    unstated_d_form_is_asked_for: [(D, Some("Vitamin D 2000 IU"))] => [
        (FormD3, Review, false, "State the vitamin D form on the label: vitamin D3 (cholecalciferol)."),
    ],
    calcifediol_is_replaced_or_delisted: [(D, Some("Calcifediol 10 mcg"))] => [
        (FormD3, Review, false, "Use vitamin D3 (cholecalciferol) instead of calcifediol, or list the product outside the D3 + K2 range."),
    ],
    d3_alone_adds_k2_for_its_dose: [(K, None), (WARN, Some("Keep out of reach of children."))] => [
        (FormK2Present, Fail, false, "Add vitamin K2 (MK-7): at least 45 µg a day for its 2,000 IU D3, or list the product outside the D3 + K2 range."),
    ],
    d3_alone_without_an_amount: [(K, None), (D, Some("Vitamin D3 (cholecalciferol)"))] => [
        (FormK2Present, Fail, false, "Add vitamin K2 (MK-7): at least 45 µg a day, or list the product outside the D3 + K2 range."),
    ],
    k2_alone_pairs_with_d3: [(D, None)] => [
        (FormD3Present, Warn, false, "Pair the K2 with vitamin D3 (cholecalciferol), or list the product outside the D3 + K2 range."),
    ],
    unstated_k_form_asks_for_the_form_not_both_amounts: [(K, Some("Vitamin K 100 mcg"))] => [
        (FormK2Mk7, Review, false, "State the vitamin K form on the label: vitamin K2 as MK-7."),
    ],
    unstated_k_form_in_the_title_asks_for_the_form: [(K, None), (TITLE, Some("Vitamin D3 2000 IU + Vitamin K 100 mcg Softgels"))] => [
        (FormK2Mk7, Review, false, "State the vitamin K form on the label: vitamin K2 as MK-7."),
        (RatioK2PerD3, Review, false, "State the vitamin K form beside its amount on the label (vitamin K2 as MK-7): without it, the K2 per serving is not known."),
    ],
    k1_only_replaced_by_k2: [(K, Some("Vitamin K1 (phylloquinone) 100 mcg"))] => [
        (FormK2Mk7, Fail, false, "Replace K1 (phylloquinone) with K2 (MK-7), at least 45 µg a day for its 2,000 IU D3, and name the form on the label."),
        (RatioK2PerD3, Fail, false, "Add K2 (MK-7): at least 45 µg a day for 2,000 IU D3 (K1 is not K2)."),
    ],
    low_mk4_replaced_by_mk7: [(K, Some("Vitamin K2 (as MK-4) 100 mcg"))] => [
        (FormK2Mk7, Fail, false, "Replace MK-4 with K2 (MK-7), at least 45 µg a day for its 2,000 IU D3, and name the form on the label."),
    ],
    high_dose_mk4_warns: [(K, Some("Vitamin K2 (as MK-4) 45 mg"))] => [
        (FormK2Mk7, Warn, false, "Replace MK-4 with K2 (MK-7), at least 45 µg a day for its 2,000 IU D3, and name the form on the label."),
    ],
    mk4_without_a_dose_asks_for_it: [(K, Some("Vitamin K2 (as MK-4)"))] => [
        (FormK2Mk7, Review, false, "State the MK-4 amount per serving on the label (below 1,500 µg a day it is not accepted), or use vitamin K2 as MK-7."),
        (RatioK2PerD3, Review, false, "Check the vitamin K2 amount and units on the label and send the figures as printed: ours cannot be read or their units disagree."),
    ],
    k2_amount_unknown_asks_for_it: [(K, Some("Vitamin K2 (as MK-7)"))] => [
        (RatioK2PerD3, Review, false, "Check the vitamin K2 amount and units on the label and send the figures as printed: ours cannot be read or their units disagree."),
    ],
    ratio_fail_raises_k2_or_lowers_d3: [(D, Some("Vitamin D3 (cholecalciferol) 4000 IU")), (K, Some("Vitamin K2 (as MK-7) 30 mcg"))] => [
        (RatioK2PerD3, Fail, false, "Raise K2 (MK-7) from 30 µg to at least 80 µg a day for 4,000 IU D3."),
        (RatioK2Dose, Warn, false, "Raise K2 (MK-7) from 30 µg to at least 45 µg a day."),
    ],
    ratio_warn_raises_k2: [(D, Some("Vitamin D3 (cholecalciferol) 4000 IU")), (K, Some("Vitamin K2 (as MK-7) 60 mcg"))] => [
        (RatioK2PerD3, Warn, false, "Raise K2 (MK-7) from 60 µg to at least 80 µg a day for 4,000 IU D3, or lower D3 to 3,000 IU."),
    ],
    low_k2_dose_is_raised: [(D, Some("Vitamin D3 (cholecalciferol) 1000 IU")), (K, Some("Vitamin K2 (as MK-7) 25 mcg"))] => [
        (RatioK2Dose, Warn, false, "Raise K2 (MK-7) from 25 µg to at least 45 µg a day."),
    ],
    disagreeing_units_ask_for_corrected_figures: [(D, Some("Vitamin D3 (cholecalciferol) 5000 IU (100 mcg)"))] => [
        (RatioK2PerD3, Review, false, "Check the vitamin D3 amount and units on the label and send the figures as printed: ours cannot be read or their units disagree."),
    ],
    d3_above_the_upper_level: [(D, Some("Vitamin D3 (cholecalciferol) 5000 IU")), (K, Some("Vitamin K2 (as MK-7) 100 mcg"))] => [
        (SafetyD3Ul, Warn, false, "Lower D3 from 5,000 IU to at most 4,000 IU a day, the adult upper intake level, or label the product for use under medical supervision."),
    ],
    d3_above_the_maximum: [(D, Some("Vitamin D3 (cholecalciferol) 20000 IU")), (K, Some("Vitamin K2 (as MK-7) 400 mcg"))] => [
        (SafetyD3Max, Fail, false, "Lower D3 from 20,000 IU to at most 10,000 IU a day, the policy's maximum."),
    ],
    implausible_d3_asks_to_check: [(D, Some("Vitamin D3 (cholecalciferol) 5000000 IU"))] => [
        (RatioK2PerD3, Review, false, "Check the vitamin D3 and K2 amounts and units on the label (both units must agree) and send the corrected figures."),
        (DataImplausible, Review, false, "Check the vitamin D and K amounts and their units against the label and send the corrected figures."),
    ],
    childrens_product_above_its_band: [(TITLE, Some("Kids Vitamin D3 + K2 Softgels")), (D, Some("Vitamin D3 (cholecalciferol) 3000 IU"))] => [
        (SafetyD3Child, Fail, false, "Lower D3 from 3,000 IU to at most 2,500 IU a day, the children's limit for 1–3 y."),
    ],
    dry_tablet_moves_to_an_oil_form: [(FORM, Some("Tablet")), (OTHER, Some("microcrystalline cellulose"))] => [
        (CarrierOil, Fail, false, "Change the tablet to an oil form: drops or softgels in MCT, olive or coconut oil, with the oil named on the label."),
    ],
    dry_capsule_naming_an_oil: [(FORM, Some("Capsule")), (OTHER, Some("olive oil, hypromellose"))] => [
        (CarrierOil, Warn, false, "The olive oil in a dry capsule is not a carrier: deliver the vitamins as drops or softgels in the oil."),
    ],
    softgel_naming_no_oil: [(OTHER, Some("gelatin, glycerin"))] => [
        (CarrierOil, Warn, false, "Name the carrier oil of the softgel on the label (for example MCT, olive or coconut oil)."),
    ],
    unknown_dosage_form_is_asked_for: [(TITLE, Some("Daily Vitamins")), (FORM, None)] => [
        (CarrierOil, Review, false, "State the dosage form on the label (drops, softgels, capsules, tablets...) and, for drops or softgels, the carrier oil."),
    ],
    no_certification_at_all: [(CERTS, Some("Vegan"))] => [
        (CertThirdParty, Fail, false, "Obtain an independent certification of the finished product, one of: NSF Certified for Sport, NSF/ANSI 173 (NSF Certified), USP Verified, Informed Sport, Informed Choice, BSCG Certified Drug Free; show the mark on the label. GMP or \"third-party tested\" alone are self-claims."),
    ],
    self_claim_only: [(CERTS, Some("GMP certified"))] => [
        (CertThirdParty, Warn, false, "Obtain an independent certification of the finished product, one of: NSF Certified for Sport, NSF/ANSI 173 (NSF Certified), USP Verified, Informed Sport, Informed Choice, BSCG Certified Drug Free; show the mark on the label. GMP or \"third-party tested\" alone are self-claims."),
    ],
    missing_warfarin_warning: [(WARN, Some("Keep out of reach of children."))] => [
        (SafetyWarfarin, Fail, false, "Add the anticoagulant warning to the label: \"Consult a health care professional prior to use if you are taking blood thinners such as warfarin (vitamin K antagonists).\""),
    ],
    no_warnings_column_asks_for_the_warnings_text: [(WARN, None)] => [(SafetyWarfarin, Review, true, SEND_WARNINGS)],
    no_certifications_column_asks_for_the_seal: [(CERTS, None)] => [(CertThirdParty, Review, true, SEND_SEAL)],
    no_ingredients_column_asks_for_them: [(FORM, Some("Capsule")), (OTHER, None)] => [(CarrierOil, Review, true, SEND_INGREDIENTS)],
    bad_gtin_is_corrected: [(GTIN, Some("12345"))] => [
        (IdentGtin, Warn, false, "Correct the GTIN from the GS1 registration of the product (check digit, length), not a store-internal number."),
    ],
    old_certificate_of_analysis: [(COA, Some("2020-01-01"))] => [
        (CertCoaAge, Warn, false, "Send a current certificate of analysis (and renew the certification) and update the dates in the catalogue."),
    ],
    unreadable_certificate_date: [(COA, Some("soon"))] => [
        (CertCoaAge, Review, false, "Send the certificate of analysis and the certification's dates as written on them (YYYY-MM-DD): the dates we hold cannot be read or lie after the audit date."),
    ],
}

/// Each rule's fix hint, as `explain`, the PDF's Method page and docs/rules.md show it. Where a
/// finding's remedy adds nothing of the product's own, it is this text (the rows above).
#[test]
fn fix_hints() {
    let cases: [(RuleId, &str); 17] = [
        (RuleId::FormD3, "Use cholecalciferol (D3) and state the form on the label."),
        (RuleId::FormK2Present, "Add vitamin K2 as MK-7 (menaquinone-7), or list the product outside the D3 + K2 range."),
        (RuleId::FormD3Present, "Pair the K2 with vitamin D3 (cholecalciferol), or list the product outside the D3 + K2 range."),
        (RuleId::FormK2Mk7, "Reformulate with MK-7 (menaquinone-7) and state the form on the label."),
        (
            RuleId::RatioK2PerD3,
            "Raise the K2 (MK-7) dose or lower the D3 dose to reach the target ratio, and state both amounts with units.",
        ),
        (RuleId::RatioK2Dose, "Raise the K2 (MK-7) dose to at least the policy's minimum per day."),
        (
            RuleId::CarrierOil,
            "Deliver the vitamins in an oil carrier (MCT, olive or coconut oil drops or softgels) and name the oil on the label.",
        ),
        (
            RuleId::CertThirdParty,
            "Obtain an independent product certification (NSF, USP Verified, Informed Sport/Choice, BSCG) and show the mark.",
        ),
        (RuleId::CertAllergen, "State the allergen status on the label (gluten-free, soy-free, hypoallergenic)."),
        (RuleId::SafetyWarfarin, ADD_WARNING),
        (RuleId::SafetyD3Ul, "Lower the daily D3 dose to the upper intake level, or label the product for use under medical supervision."),
        (RuleId::SafetyD3Max, "Lower the daily D3 dose below the policy's maximum."),
        (RuleId::DataImplausible, "Check the vitamin D and K amounts and their units against the label and send the corrected figures."),
        (RuleId::DataDuplicateSku, "Give this product its own SKU: another record of the catalogue uses the same one."),
        (RuleId::SafetyD3Child, "Lower the daily D3 dose to the children's limit of the youngest age band the product is sold for."),
        (
            RuleId::IdentGtin,
            "Correct the GTIN from the GS1 registration of the product (check digit, length), not a store-internal number.",
        ),
        (RuleId::CertCoaAge, "Send a current certificate of analysis (and renew the certification) and update the dates in the catalogue."),
    ];
    for (rule, want) in cases {
        assert_eq!(rule.fix_hint(), want, "{rule}");
    }
    assert_eq!(cases.len(), RuleId::ALL.len(), "every rule has its row");
}

/// Findings no label gives under the built-in policy: the duplicate SKU (found across records)
/// and the allergen claim (disabled by default).
#[test]
fn findings_from_outside_the_label() {
    let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
    let fields = label(&[]);
    let headers: Vec<String> = fields.iter().map(|(h, _)| h.to_string()).collect();
    let cols = ColumnMap::resolve(headers, None).unwrap_or_else(|e| panic!("{e}"));
    let rec = Record::new(1, 2, Vec::<(Field, &str)>::new());
    let facts = extract(&rec, &cols, &mut Scratch::new());
    let cases = [
        (
            "duplicate SKU",
            RuleId::DataDuplicateSku,
            Status::Warn,
            "Give this product its own SKU: another record of the catalogue uses the same one.",
        ),
        (
            "allergen claim",
            RuleId::CertAllergen,
            Status::Warn,
            "State the allergen status on the label: one of gluten-free, soy-free, hypoallergenic.",
        ),
    ];
    for (name, rule, status, want) in cases {
        assert_eq!(remedy(&Finding::new(rule, status, "", None), &facts, policy.remedy_context()), want, "{name}");
    }
}
