//! Ratio: enough K2 for the D3 dose, and a useful K2 dose per day.

use super::{Finding, RuleId, Status, human_amount};
use crate::extract::{Facts, KForm};
use crate::policy::RatioSection;

pub fn check(facts: &Facts, p: &RatioSection, out: &mut Vec<Finding>) {
    let (Some(d), Some(k)) = (&facts.d, &facts.k) else { return };
    let ratio_on = p.enabled.on(RuleId::RatioK2PerD3);
    let dose_on = p.enabled.on(RuleId::RatioK2Dose);
    let ev = k.amount_evidence.clone().or(d.amount_evidence.clone());
    // K1 only: the product holds no K2 at all.
    let k1_only = k.forms.only(KForm::K1);
    let problem = d.amount_problem.as_ref().or(if k1_only { None } else { k.amount_problem.as_ref() });
    if let Some(problem) = problem {
        if ratio_on {
            let ev = if d.amount_problem.is_some() { d.amount_evidence.clone() } else { k.amount_evidence.clone() };
            out.push(Finding::new(RuleId::RatioK2PerD3, Status::Review, format!("cannot compute K2 per 1,000 IU D3: {problem}"), ev));
        }
        return;
    }
    let Some(d_iu) = facts.d3_iu_per_day() else { return };
    let k2 = if k1_only { Some(0.0) } else { facts.k2_mcg_per_day() };
    let Some(k2) = k2 else {
        if ratio_on {
            out.push(Finding::new(RuleId::RatioK2PerD3, Status::Review, "cannot compute K2 per 1,000 IU D3: the K2 amount is unknown", ev));
        }
        return;
    };
    if d_iu > p.implausible_d_iu || facts.k_total_mcg_per_day().is_some_and(|k| k > p.implausible_k_mcg) {
        if ratio_on {
            out.push(Finding::new(
                RuleId::RatioK2PerD3,
                Status::Review,
                "cannot judge K2 per 1,000 IU D3: an amount is implausible (see DATA-IMPLAUSIBLE)",
                ev,
            ));
        }
        return;
    }
    if ratio_on {
        if d_iu <= 0.0 {
            out.push(Finding::new(
                RuleId::RatioK2PerD3,
                Status::Review,
                "cannot compute K2 per 1,000 IU D3: the vitamin D amount is zero",
                d.amount_evidence.clone(),
            ));
        } else {
            let ratio = k2 / d_iu * 1000.0;
            let detail = format!("({} µg K2 : {} IU D3 a day)", human_amount(k2), human_amount(d_iu));
            if ratio < p.fail_below {
                out.push(Finding::new(
                    RuleId::RatioK2PerD3,
                    Status::Fail,
                    format!("K2 {:.1} µg per 1,000 IU D3 is below the {:.1} µg minimum {detail}", ratio, p.fail_below),
                    ev.clone(),
                ));
            } else if ratio < p.warn_below {
                out.push(Finding::new(
                    RuleId::RatioK2PerD3,
                    Status::Warn,
                    format!("K2 {:.1} µg per 1,000 IU D3 is below the {:.1} µg target {detail}", ratio, p.warn_below),
                    ev.clone(),
                ));
            }
        }
    }
    if dose_on && !k1_only && k2 < p.min_k2_mcg {
        out.push(Finding::new(
            RuleId::RatioK2Dose,
            Status::Warn,
            format!("K2 {} µg a day is below the {} µg minimum dose", human_amount(k2), human_amount(p.min_k2_mcg)),
            ev,
        ));
    }
}
