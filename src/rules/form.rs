//! Form: D3 not D2; K2 as an accepted form (MK-7), not only MK-4, not K1 passed off as K2.

use serde::Deserialize;
use toml::Spanned;

use super::cfg::{Enabled, Validator};
use super::{Finding, RuleId, Status};
use crate::extract::{DForm, Facts, KForm};
use crate::numfmt::human_amount;

/// `[form]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFile {
    accepted_k2_forms: Spanned<Vec<Spanned<String>>>,
    mk4_high_dose_mcg: Spanned<f64>,
}

/// `[form]`: which K2 forms are accepted, and the therapeutic MK-4 dose.
#[derive(Debug, Clone)]
pub struct FormSection {
    pub accepted_k2_forms: Vec<KForm>,
    /// µg MK-4 a day at or above which MK-4-only products warn instead of fail (default 1,500).
    pub mk4_high_dose_mcg: f64,
    pub enabled: Enabled,
}

impl FormFile {
    pub fn validate(&self, v: &mut Validator, enabled: Enabled) -> FormSection {
        let accepted: Vec<KForm> = self
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
        if self.accepted_k2_forms.get_ref().is_empty() {
            v.at(self.accepted_k2_forms.span(), "accepted_k2_forms must name at least one form".into());
        }
        let mk4 = v.non_negative(&self.mk4_high_dose_mcg, "mk4_high_dose_mcg");
        FormSection { accepted_k2_forms: accepted, mk4_high_dose_mcg: mk4, enabled }
    }
}

pub fn check(facts: &Facts, p: &FormSection, out: &mut Vec<Finding>) {
    let on = |r| p.enabled.on(r);
    if let Some(d) = &facts.d {
        if on(RuleId::FormD3) {
            // Cloned only into a finding: a passing product allocates nothing here.
            let ev = || d.form_evidence.clone();
            match d.form {
                DForm::D2 => {
                    out.push(Finding::new(RuleId::FormD3, Status::Fail, "vitamin D is D2 (ergocalciferol), not D3 (cholecalciferol)", ev()))
                }
                DForm::Calcifediol => out.push(Finding::new(
                    RuleId::FormD3,
                    Status::Review,
                    "vitamin D is given as calcifediol (25-hydroxy-D3), a different ingredient from D3",
                    ev(),
                )),
                DForm::Unknown => out.push(Finding::new(
                    RuleId::FormD3,
                    Status::Review,
                    "vitamin D is present but its form (D3 or D2) is not stated",
                    None,
                )),
                DForm::D3 => {
                    if let Some(problem) = &d.form_problem {
                        out.push(Finding::new(RuleId::FormD3, Status::Review, problem.clone(), ev()));
                    }
                }
            }
        }
        if facts.k.is_none() && on(RuleId::FormK2Present) {
            out.push(Finding::new(
                RuleId::FormK2Present,
                Status::Fail,
                "vitamin D with no vitamin K: D3 alone is the incomplete product",
                d.amount_evidence.clone().or(d.form_evidence.clone()),
            ));
        }
    }
    let Some(k) = &facts.k else { return };
    if facts.d.is_none() && on(RuleId::FormD3Present) {
        out.push(Finding::new(
            RuleId::FormD3Present,
            Status::Warn,
            "vitamin K with no vitamin D",
            k.form_evidence.clone().or(k.amount_evidence.clone()),
        ));
    }
    if !on(RuleId::FormK2Mk7) {
        return;
    }
    // The evidence and the accepted names are built only for a finding: an accepted form
    // allocates nothing.
    let ev = || k.form_evidence.clone();
    let accepted = |f: KForm| p.accepted_k2_forms.contains(&f);
    if let Some(problem) = &k.form_problem {
        out.push(Finding::new(RuleId::FormK2Mk7, Status::Review, problem.clone(), ev()));
        return;
    }
    if !k.forms.is_empty() && k.forms.iter().any(accepted) {
        return;
    }
    let accepted_names = p.accepted_k2_forms.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ");
    let ev = ev();
    if k.forms.is_empty() {
        out.push(Finding::new(
            RuleId::FormK2Mk7,
            Status::Review,
            format!("vitamin K is present but its form is not stated (accepted: {accepted_names})"),
            k.amount_evidence.clone(),
        ));
        return;
    }
    if k.forms.only(KForm::K1) {
        out.push(Finding::new(
            RuleId::FormK2Mk7,
            Status::Fail,
            format!("vitamin K is K1 (phylloquinone) only: K1 is not K2 (accepted: {accepted_names})"),
            ev,
        ));
        return;
    }
    let forms = k.forms.join();
    if k.forms.contains(KForm::Mk4) && !k.forms.contains(KForm::Mk9) {
        match facts.mk4_mcg_per_day() {
            Some(mk4) if mk4 >= p.mk4_high_dose_mcg => out.push(Finding::new(
                RuleId::FormK2Mk7,
                Status::Warn,
                format!(
                    "K2 is {forms} with no {accepted_names}; MK-4 at {} µg a day is at or above the {} µg therapeutic dose",
                    human_amount(mk4),
                    human_amount(p.mk4_high_dose_mcg)
                ),
                ev,
            )),
            Some(mk4) => out.push(Finding::new(
                RuleId::FormK2Mk7,
                Status::Fail,
                format!(
                    "K2 is {forms} with no {accepted_names}; MK-4 at {} µg a day is below the {} µg therapeutic dose",
                    human_amount(mk4),
                    human_amount(p.mk4_high_dose_mcg)
                ),
                ev,
            )),
            None => out.push(Finding::new(
                RuleId::FormK2Mk7,
                Status::Review,
                format!("K2 is {forms} with no {accepted_names}, and the MK-4 dose needed to judge it is unknown"),
                ev,
            )),
        }
        return;
    }
    out.push(Finding::new(RuleId::FormK2Mk7, Status::Fail, format!("K2 is {forms}, not an accepted form ({accepted_names})"), ev));
}
