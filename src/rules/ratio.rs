//! Ratio: enough K2 for the D3 dose, and a useful K2 dose per day.

use serde::Deserialize;
use toml::Spanned;

use super::cfg::{Enabled, Validator};
use super::safety::SafetySection;
use super::{Finding, RuleId, Status};
use crate::extract::{Facts, KForm};
use crate::numfmt::human_amount;

/// `[ratio]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioFile {
    fail_below: Spanned<f64>,
    warn_below: Spanned<f64>,
    min_k2_mcg: Spanned<f64>,
}

/// `[ratio]`: µg K2 per 1,000 IU D3 a day, and the minimum K2 dose.
#[derive(Debug, Clone)]
pub struct RatioSection {
    /// Below this the ratio fails (default 10).
    pub fail_below: f64,
    /// Below this the ratio warns (default 20: 100 µg K2 : 5,000 IU D3).
    pub warn_below: f64,
    /// K2 per day below this warns (default 45 µg).
    pub min_k2_mcg: f64,
    /// Copied from `[safety]`: amounts above these are data errors, so no ratio is judged.
    pub implausible_d_iu: f64,
    pub implausible_k_mcg: f64,
    pub enabled: Enabled,
}

impl RatioFile {
    /// The plausibility ceilings are `[safety]`'s: set them with [`RatioSection::with_ceilings`].
    pub fn validate(&self, v: &mut Validator, enabled: Enabled) -> RatioSection {
        let fail_below = v.non_negative(&self.fail_below, "fail_below");
        let warn_below = v.non_negative(&self.warn_below, "warn_below");
        if fail_below > warn_below {
            v.at(self.fail_below.span(), format!("fail_below ({fail_below}) must not exceed warn_below ({warn_below})"));
        }
        let min_k2_mcg = v.non_negative(&self.min_k2_mcg, "min_k2_mcg");
        RatioSection { fail_below, warn_below, min_k2_mcg, implausible_d_iu: f64::INFINITY, implausible_k_mcg: f64::INFINITY, enabled }
    }
}

impl RatioSection {
    /// Takes `[safety]`'s plausibility ceilings: above them no ratio is judged.
    pub fn with_ceilings(self, safety: &SafetySection) -> RatioSection {
        RatioSection { implausible_d_iu: safety.implausible_d_iu, implausible_k_mcg: safety.implausible_k_mcg, ..self }
    }
}

pub fn check(facts: &Facts, p: &RatioSection, out: &mut Vec<Finding>) {
    let (Some(d), Some(k)) = (&facts.d, &facts.k) else { return };
    let ratio_on = p.enabled.on(RuleId::RatioK2PerD3);
    let dose_on = p.enabled.on(RuleId::RatioK2Dose);
    // Evidence is cloned only into a finding: a product within the band allocates nothing.
    let ev = || k.amount_evidence.clone().or_else(|| d.amount_evidence.clone());
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
            out.push(Finding::new(
                RuleId::RatioK2PerD3,
                Status::Review,
                "cannot compute K2 per 1,000 IU D3: the K2 amount is unknown",
                ev(),
            ));
        }
        return;
    };
    if d_iu > p.implausible_d_iu || facts.k_total_mcg_per_day().is_some_and(|k| k > p.implausible_k_mcg) {
        if ratio_on {
            out.push(Finding::new(
                RuleId::RatioK2PerD3,
                Status::Review,
                "cannot judge K2 per 1,000 IU D3: an amount is implausible (see DATA-IMPLAUSIBLE)",
                ev(),
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
            let detail = || format!("({} µg K2 : {} IU D3 a day)", human_amount(k2), human_amount(d_iu));
            if ratio < p.fail_below {
                out.push(Finding::new(
                    RuleId::RatioK2PerD3,
                    Status::Fail,
                    format!("K2 {:.1} µg per 1,000 IU D3 is below the {:.1} µg minimum {}", ratio, p.fail_below, detail()),
                    ev(),
                ));
            } else if ratio < p.warn_below {
                out.push(Finding::new(
                    RuleId::RatioK2PerD3,
                    Status::Warn,
                    format!("K2 {:.1} µg per 1,000 IU D3 is below the {:.1} µg target {}", ratio, p.warn_below, detail()),
                    ev(),
                ));
            }
        }
    }
    // The minimum is the usual adults' retail dose: a children's product is not held to it.
    if dose_on && !k1_only && k2 < p.min_k2_mcg && facts.listing.children.is_none() {
        out.push(Finding::new(
            RuleId::RatioK2Dose,
            Status::Warn,
            format!("K2 {} µg a day is below the {} µg minimum dose", human_amount(k2), human_amount(p.min_k2_mcg)),
            ev(),
        ));
    }
}
