//! Carrier: fat-soluble vitamins in an oil carrier, not dry forms.

use serde::Deserialize;
use toml::Spanned;

use super::cfg::{Enabled, Validator};
use super::data::{DataSection, gap_message};
use super::{Finding, RuleId, Status};
use crate::extract::{DosageForm, Fact, Facts};

/// `[carrier]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierFile {
    dry_form_status: Spanned<String>,
    no_oil_named_status: Spanned<String>,
}

/// `[carrier]`: statuses for dry forms and for forms that name no oil.
#[derive(Debug, Clone)]
pub struct CarrierSection {
    pub dry_form_status: Status,
    pub no_oil_named_status: Status,
    pub enabled: Enabled,
    /// `[data]`: a dry form naming no oil whose record carries no ingredients.
    pub data: DataSection,
}

impl CarrierFile {
    pub fn validate(&self, v: &mut Validator, enabled: Enabled) -> CarrierSection {
        CarrierSection {
            dry_form_status: v.status(&self.dry_form_status),
            no_oil_named_status: v.status(&self.no_oil_named_status),
            enabled,
            data: DataSection::default(),
        }
    }
}

pub fn check(facts: &Facts, p: &CarrierSection, out: &mut Vec<Finding>) {
    if !p.enabled.on(RuleId::CarrierOil) {
        return;
    }
    let form = facts.dosage_form;
    if form == DosageForm::Unknown {
        out.push(Finding::new(
            RuleId::CarrierOil,
            Status::Review,
            "the dosage form (drops, softgel, capsule, tablet...) is not stated",
            None,
        ));
        return;
    }
    if form.is_dry()
        && facts.oils.is_empty()
        && p.dry_form_status != Status::Pass
        && let Some(gap) = p.data.gap(facts, Fact::CarrierOil)
    {
        out.push(Finding::gap(
            RuleId::CarrierOil,
            Fact::CarrierOil,
            gap_message(gap, "ingredients", &format!("cannot tell whether the {} holds its vitamins in an oil", form.as_str())),
        ));
        return;
    }
    // The message is written only when the status is not a pass: a softgel in oil allocates
    // nothing.
    let status = if form.is_dry() {
        Some(if facts.oils.is_empty() { p.dry_form_status } else { p.no_oil_named_status })
    } else if facts.oils.is_empty() {
        Some(p.no_oil_named_status)
    } else {
        None
    };
    if let Some(status) = status
        && status != Status::Pass
    {
        let message = if !form.is_dry() {
            format!("{} names no carrier oil", form.as_str())
        } else if facts.oils.is_empty() {
            format!("dry {} with no carrier oil: vitamins D and K are fat-soluble", form.as_str())
        } else {
            format!("dry {} names an oil ({}) but holds it in a solid matrix, not an oil carrier", form.as_str(), facts.oils.join())
        };
        let ev = facts.oil_evidence.clone().or_else(|| facts.dosage_evidence.clone());
        out.push(Finding::new(RuleId::CarrierOil, status, message, ev));
    }
}
