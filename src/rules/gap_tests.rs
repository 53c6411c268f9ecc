//! Facts a record does not carry (SPEC §8): each of the three rules with the column filled, with
//! no column, with the record's cell empty, with a section of its text carrying the fact, and
//! with `[data] no_column = "rule"` / `empty_cell = "rule"`. One named case per row.

use super::*;
use crate::date::Date;
use crate::extract::{
    Carried, Cert, Certs, DForm, DosageForm, Evidence, Fact, Facts, KForm, KForms, Oil, Oils, Sources, VitaminD, VitaminK,
};
use crate::policy::{DEFAULT_TOML, Policy};

/// 5,000 IU D3 + 100 µg MK-7 softgel in MCT oil, NSF, with a warning, from a full catalogue.
fn good() -> Facts {
    let mut oils = Oils::default();
    oils.insert(Oil::Mct);
    let mut certs = Certs::default();
    certs.insert(Cert::NsfSport);
    let ev = |c: &str, m: &str| Some(Evidence::new(std::sync::Arc::from(c), m));
    Facts {
        d: Some(VitaminD {
            form: DForm::D3,
            form_evidence: None,
            iu_per_serving: Some(5000.0),
            amount_evidence: None,
            amount_problem: None,
            form_problem: None,
        }),
        k: Some(VitaminK {
            forms: KForms::from_forms([KForm::Mk7]),
            form_evidence: None,
            k2_mcg_per_serving: Some(100.0),
            mk4_mcg_per_serving: None,
            k1_mcg_per_serving: None,
            amount_evidence: None,
            amount_problem: None,
            form_problem: None,
        }),
        servings_per_day: 1.0,
        servings_evidence: None,
        dosage_form: DosageForm::Softgel,
        dosage_evidence: None,
        oils,
        oil_evidence: ev("Other Ingredients", "MCT oil"),
        certs,
        cert_evidence: ev("Certifications", "NSF Certified for Sport"),
        warfarin: ev("Warnings", "warfarin"),
        carried: Carried::all(),
        sections: Default::default(),
        sources: Sources::default(),
        listing: Default::default(),
    }
}

/// The default policy with `[data] no_column` and `empty_cell` set.
fn policy((no_column, empty_cell): (&str, &str)) -> Policy {
    let text = DEFAULT_TOML
        .replace("no_column = \"review\"", &format!("no_column = \"{no_column}\""))
        .replace("empty_cell = \"review\"", &format!("empty_cell = \"{empty_cell}\""));
    match Policy::parse("p.toml", &text, Date::from_ymd(2026, 11, 25)) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

/// The default `[data]`: both gaps give review.
const REVIEW: (&str, &str) = ("review", "review");
/// `no_column = "rule"`.
const NO_COLUMN_RULE: (&str, &str) = ("rule", "review");
/// `empty_cell = "rule"`.
const EMPTY_CELL_RULE: (&str, &str) = ("review", "rule");

/// The finding of `rule` (status, data gap) under `data`'s `[data]` settings.
fn outcome(f: &Facts, rule: RuleId, data: (&str, &str)) -> (Status, bool) {
    let mut out = Vec::new();
    policy(data).check(f, &mut out);
    out.iter().find(|x| x.rule == rule).map_or((Status::Pass, false), |x| (x.status, x.data_gap.is_some()))
}

fn no_warning(f: &mut Facts) {
    f.warfarin = None;
}
fn no_certs(f: &mut Facts) {
    f.certs = Certs::default();
    f.cert_evidence = None;
}
fn only(f: &mut Facts, c: Cert) {
    no_certs(f);
    f.certs.insert(c);
}
fn dry_no_oil(f: &mut Facts) {
    f.dosage_form = DosageForm::Tablet;
    f.oils = Oils::default();
    f.oil_evidence = None;
}
fn without(f: &mut Facts, fact: Fact) {
    f.carried = f.carried.without(fact);
}
fn emptied(f: &mut Facts, fact: Fact) {
    f.carried = f.carried.emptied(fact);
}
fn section(f: &mut Facts, fact: Fact, quote: &str) {
    f.carried = f.carried.with_section(fact);
    let ev = Some(Evidence::new(std::sync::Arc::from("Description"), quote));
    match fact {
        Fact::WarfarinWarning => f.sections.warnings = ev,
        _ => f.sections.ingredients = ev,
    }
}

macro_rules! gaps {
    ($($name:ident: $rule:expr, $policy:expr, ($want:expr, $gap:expr), |$f:ident| $edit:block;)*) => {
        $(
            #[test]
            fn $name() {
                let mut $f = good();
                $edit
                assert_eq!(outcome(&$f, $rule, $policy), ($want, $gap), "{}", stringify!($name));
            }
        )*
    };
}

gaps! {
    warfarin_no_column_reviews: RuleId::SafetyWarfarin, REVIEW, (Status::Review, true), |f| { no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    warfarin_filled_cell_without_it_fails: RuleId::SafetyWarfarin, REVIEW, (Status::Fail, false), |f| { no_warning(&mut f); };
    warfarin_empty_cell_reviews: RuleId::SafetyWarfarin, REVIEW, (Status::Review, true), |f| { no_warning(&mut f); emptied(&mut f, Fact::WarfarinWarning); };
    warfarin_empty_cell_rule_fails: RuleId::SafetyWarfarin, EMPTY_CELL_RULE, (Status::Fail, false), |f| { no_warning(&mut f); emptied(&mut f, Fact::WarfarinWarning); };
    warfarin_empty_cell_under_no_column_rule_reviews: RuleId::SafetyWarfarin, NO_COLUMN_RULE, (Status::Review, true), |f| { no_warning(&mut f); emptied(&mut f, Fact::WarfarinWarning); };
    warfarin_no_column_under_empty_cell_rule_reviews: RuleId::SafetyWarfarin, EMPTY_CELL_RULE, (Status::Review, true), |f| { no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    warfarin_empty_cell_with_section_fails: RuleId::SafetyWarfarin, REVIEW, (Status::Fail, false), |f| { no_warning(&mut f); emptied(&mut f, Fact::WarfarinWarning); section(&mut f, Fact::WarfarinWarning, "Warnings: keep out of reach of children"); };
    warfarin_no_column_with_section_fails: RuleId::SafetyWarfarin, REVIEW, (Status::Fail, false), |f| { no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); section(&mut f, Fact::WarfarinWarning, "Caution: adults only"); };
    warfarin_no_column_rule_fails: RuleId::SafetyWarfarin, NO_COLUMN_RULE, (Status::Fail, false), |f| { no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    warfarin_stated_in_text_passes: RuleId::SafetyWarfarin, REVIEW, (Status::Pass, false), |f| { without(&mut f, Fact::WarfarinWarning); };
    warfarin_stated_with_empty_cell_passes: RuleId::SafetyWarfarin, REVIEW, (Status::Pass, false), |f| { emptied(&mut f, Fact::WarfarinWarning); };
    warfarin_needs_no_k: RuleId::SafetyWarfarin, REVIEW, (Status::Pass, false), |f| { f.k = None; no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    cert_no_column_reviews: RuleId::CertThirdParty, REVIEW, (Status::Review, true), |f| { no_certs(&mut f); without(&mut f, Fact::Certifications); };
    cert_lifestyle_only_no_column_reviews: RuleId::CertThirdParty, REVIEW, (Status::Review, true), |f| { only(&mut f, Cert::Vegan); f.certs.insert(Cert::NonGmo); f.certs.insert(Cert::GlutenFree); without(&mut f, Fact::Certifications); };
    cert_self_claim_no_column_warns: RuleId::CertThirdParty, REVIEW, (Status::Warn, false), |f| { only(&mut f, Cert::Gmp); without(&mut f, Fact::Certifications); };
    cert_third_party_in_text_passes: RuleId::CertThirdParty, REVIEW, (Status::Pass, false), |f| { without(&mut f, Fact::Certifications); };
    cert_filled_cell_without_one_fails: RuleId::CertThirdParty, REVIEW, (Status::Fail, false), |f| { no_certs(&mut f); };
    cert_empty_cell_reviews: RuleId::CertThirdParty, REVIEW, (Status::Review, true), |f| { no_certs(&mut f); emptied(&mut f, Fact::Certifications); };
    cert_empty_cell_rule_fails: RuleId::CertThirdParty, EMPTY_CELL_RULE, (Status::Fail, false), |f| { no_certs(&mut f); emptied(&mut f, Fact::Certifications); };
    cert_self_claim_empty_cell_warns: RuleId::CertThirdParty, REVIEW, (Status::Warn, false), |f| { only(&mut f, Cert::Gmp); emptied(&mut f, Fact::Certifications); };
    cert_no_column_rule_fails: RuleId::CertThirdParty, NO_COLUMN_RULE, (Status::Fail, false), |f| { no_certs(&mut f); without(&mut f, Fact::Certifications); };
    carrier_dry_no_column_reviews: RuleId::CarrierOil, REVIEW, (Status::Review, true), |f| { dry_no_oil(&mut f); without(&mut f, Fact::CarrierOil); };
    carrier_dry_filled_cell_without_oil_fails: RuleId::CarrierOil, REVIEW, (Status::Fail, false), |f| { dry_no_oil(&mut f); };
    carrier_dry_empty_cell_reviews: RuleId::CarrierOil, REVIEW, (Status::Review, true), |f| { dry_no_oil(&mut f); emptied(&mut f, Fact::CarrierOil); };
    carrier_dry_empty_cell_rule_fails: RuleId::CarrierOil, EMPTY_CELL_RULE, (Status::Fail, false), |f| { dry_no_oil(&mut f); emptied(&mut f, Fact::CarrierOil); };
    carrier_dry_ingredients_section_fails: RuleId::CarrierOil, REVIEW, (Status::Fail, false), |f| { dry_no_oil(&mut f); without(&mut f, Fact::CarrierOil); section(&mut f, Fact::CarrierOil, "Other ingredients: cellulose"); };
    carrier_dry_no_column_rule_fails: RuleId::CarrierOil, NO_COLUMN_RULE, (Status::Fail, false), |f| { dry_no_oil(&mut f); without(&mut f, Fact::CarrierOil); };
    carrier_softgel_no_oil_no_column_warns: RuleId::CarrierOil, REVIEW, (Status::Warn, false), |f| { f.oils = Oils::default(); without(&mut f, Fact::CarrierOil); };
    carrier_softgel_no_oil_empty_cell_warns: RuleId::CarrierOil, REVIEW, (Status::Warn, false), |f| { f.oils = Oils::default(); emptied(&mut f, Fact::CarrierOil); };
    carrier_dry_with_oil_no_column_warns: RuleId::CarrierOil, REVIEW, (Status::Warn, false), |f| { f.dosage_form = DosageForm::Capsule; without(&mut f, Fact::CarrierOil); };
}

#[test]
fn the_gap_message_says_what_the_export_lacks() {
    type Edit = fn(&mut Facts);
    let cases: &[(&str, RuleId, Edit, &str)] = &[
        (
            "warfarin, no column",
            RuleId::SafetyWarfarin,
            |f| {
                no_warning(f);
                without(f, Fact::WarfarinWarning);
            },
            "the export carries no warnings: cannot tell whether the label warns about warfarin",
        ),
        (
            "warfarin, empty cell",
            RuleId::SafetyWarfarin,
            |f| {
                no_warning(f);
                emptied(f, Fact::WarfarinWarning);
            },
            "the warnings cell is empty: cannot tell whether the label warns about warfarin",
        ),
        (
            "certification, empty cell",
            RuleId::CertThirdParty,
            |f| {
                no_certs(f);
                emptied(f, Fact::Certifications);
            },
            "the certifications cell is empty: cannot tell whether the product is certified",
        ),
        (
            "carrier, empty cell",
            RuleId::CarrierOil,
            |f| {
                dry_no_oil(f);
                emptied(f, Fact::CarrierOil);
            },
            "the ingredients cell is empty: cannot tell whether the tablet holds its vitamins in an oil",
        ),
    ];
    for (name, rule, edit, want) in cases {
        let mut f = good();
        edit(&mut f);
        let mut out = Vec::new();
        policy(REVIEW).check(&f, &mut out);
        let got = out.iter().find(|x| x.rule == *rule).map(|x| x.message.as_str()).unwrap_or_default();
        assert_eq!(got, *want, "{name}");
    }
}

#[test]
fn a_warnings_section_without_the_warning_is_quoted() {
    let mut f = good();
    no_warning(&mut f);
    without(&mut f, Fact::WarfarinWarning);
    section(&mut f, Fact::WarfarinWarning, "Warnings: keep out of reach of children");
    let mut out = Vec::new();
    policy(REVIEW).check(&f, &mut out);
    let ev = out.iter().find(|x| x.rule == RuleId::SafetyWarfarin).and_then(|x| x.evidence.as_ref()).map(|e| e.to_string());
    assert_eq!(ev.as_deref(), Some("Description: \"Warnings: keep out of reach of children\""));
}

#[test]
fn data_keys_accept_review_or_rule_only() {
    for key in ["no_column", "empty_cell"] {
        let text = DEFAULT_TOML.replace(&format!("{key} = \"review\""), &format!("{key} = \"fail\""));
        let err = Policy::parse("p.toml", &text, Date::from_ymd(2026, 11, 25)).map(|_| ()).unwrap_err().to_string();
        let line = text.lines().position(|l| l.starts_with(key)).unwrap_or(0) + 1;
        assert!(err.contains(&format!("p.toml:{line}:")) && err.contains(&format!("{key} must be \"review\" or \"rule\"")), "{key}: {err}");
    }
    // A policy written before [data] existed still loads, with the defaults; one written before
    // empty_cell existed too.
    let old = DEFAULT_TOML.replace("[data]", "").replace("no_column = \"review\"", "").replace("empty_cell = \"review\"", "");
    let p = Policy::parse("old.toml", &old, Date::from_ymd(2026, 11, 25)).map_err(|e| e.to_string());
    assert_eq!(p.map(|p| (p.data.no_column, p.data.empty_cell)), Ok((NoColumn::Review, NoColumn::Review)));
    let older = DEFAULT_TOML.replace("empty_cell = \"rule\"", "").replace("empty_cell = \"review\"", "");
    let p = Policy::parse("older.toml", &older, Date::from_ymd(2026, 11, 25)).map_err(|e| e.to_string());
    assert_eq!(p.map(|p| p.data.empty_cell), Ok(NoColumn::Review));
}
