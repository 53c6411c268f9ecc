//! Facts a catalogue does not carry (SPEC §8): each of the three rules with and without the
//! column, and with `[data] no_column = "rule"`. One named case per row.

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
        sources: Sources::default(),
        listing: Default::default(),
    }
}

fn policy(no_column: &str) -> Policy {
    let text = DEFAULT_TOML.replace("no_column = \"review\"", &format!("no_column = \"{no_column}\""));
    match Policy::parse("p.toml", &text, Date::from_ymd(2026, 11, 25)) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

/// The finding of `rule` (status, data gap) under `[data] no_column = <no_column>`.
fn outcome(f: &Facts, rule: RuleId, no_column: &str) -> (Status, bool) {
    let mut out = Vec::new();
    policy(no_column).check(f, &mut out);
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
    warfarin_no_column_reviews: RuleId::SafetyWarfarin, "review", (Status::Review, true), |f| { no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    warfarin_empty_cell_fails: RuleId::SafetyWarfarin, "review", (Status::Fail, false), |f| { no_warning(&mut f); };
    warfarin_no_column_rule_fails: RuleId::SafetyWarfarin, "rule", (Status::Fail, false), |f| { no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    warfarin_stated_in_text_passes: RuleId::SafetyWarfarin, "review", (Status::Pass, false), |f| { without(&mut f, Fact::WarfarinWarning); };
    warfarin_needs_no_k: RuleId::SafetyWarfarin, "review", (Status::Pass, false), |f| { f.k = None; no_warning(&mut f); without(&mut f, Fact::WarfarinWarning); };
    cert_no_column_reviews: RuleId::CertThirdParty, "review", (Status::Review, true), |f| { no_certs(&mut f); without(&mut f, Fact::Certifications); };
    cert_lifestyle_only_no_column_reviews: RuleId::CertThirdParty, "review", (Status::Review, true), |f| { only(&mut f, Cert::Vegan); f.certs.insert(Cert::NonGmo); f.certs.insert(Cert::GlutenFree); without(&mut f, Fact::Certifications); };
    cert_self_claim_no_column_warns: RuleId::CertThirdParty, "review", (Status::Warn, false), |f| { only(&mut f, Cert::Gmp); without(&mut f, Fact::Certifications); };
    cert_third_party_in_text_passes: RuleId::CertThirdParty, "review", (Status::Pass, false), |f| { without(&mut f, Fact::Certifications); };
    cert_empty_cell_fails: RuleId::CertThirdParty, "review", (Status::Fail, false), |f| { no_certs(&mut f); };
    cert_no_column_rule_fails: RuleId::CertThirdParty, "rule", (Status::Fail, false), |f| { no_certs(&mut f); without(&mut f, Fact::Certifications); };
    carrier_dry_no_column_reviews: RuleId::CarrierOil, "review", (Status::Review, true), |f| { dry_no_oil(&mut f); without(&mut f, Fact::CarrierOil); };
    carrier_dry_empty_cell_fails: RuleId::CarrierOil, "review", (Status::Fail, false), |f| { dry_no_oil(&mut f); };
    carrier_dry_no_column_rule_fails: RuleId::CarrierOil, "rule", (Status::Fail, false), |f| { dry_no_oil(&mut f); without(&mut f, Fact::CarrierOil); };
    carrier_softgel_no_oil_no_column_warns: RuleId::CarrierOil, "review", (Status::Warn, false), |f| { f.oils = Oils::default(); without(&mut f, Fact::CarrierOil); };
    carrier_dry_with_oil_no_column_warns: RuleId::CarrierOil, "review", (Status::Warn, false), |f| { f.dosage_form = DosageForm::Capsule; without(&mut f, Fact::CarrierOil); };
}

#[test]
fn the_gap_message_says_what_the_export_lacks() {
    let mut f = good();
    no_warning(&mut f);
    without(&mut f, Fact::WarfarinWarning);
    let mut out = Vec::new();
    policy("review").check(&f, &mut out);
    let w = out.iter().find(|x| x.rule == RuleId::SafetyWarfarin).map(|x| x.message.as_str()).unwrap_or_default();
    assert_eq!(w, "the export carries no warnings: cannot tell whether the label warns about warfarin");
}

#[test]
fn no_column_accepts_review_or_rule_only() {
    let text = DEFAULT_TOML.replace("no_column = \"review\"", "no_column = \"fail\"");
    let err = Policy::parse("p.toml", &text, Date::from_ymd(2026, 11, 25)).map(|_| ()).unwrap_err().to_string();
    let line = text.lines().position(|l| l.starts_with("no_column")).unwrap_or(0) + 1;
    assert!(err.contains(&format!("p.toml:{line}:")) && err.contains("no_column must be \"review\" or \"rule\""), "{err}");
    // A policy written before [data] existed still loads, with the default.
    let old = DEFAULT_TOML.replace("[data]", "").replace("no_column = \"review\"", "");
    let p = Policy::parse("old.toml", &old, Date::from_ymd(2026, 11, 25)).map_err(|e| e.to_string());
    assert_eq!(p.map(|p| p.data.no_column), Ok(NoColumn::Review));
}
