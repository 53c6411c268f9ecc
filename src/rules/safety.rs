//! Safety: a warfarin / blood-thinner warning on every vitamin K product; vitamin D per day within
//! the policy's limits; amounts too large to be true sent to review.

use serde::Deserialize;
use toml::Spanned;

use super::cfg::{Enabled, Validator};
use super::data::{DataSection, gap_message};
use super::market::{ChildBand, MarketId};
use super::{Finding, RuleId, Status};
use crate::extract::{Fact, Facts};
use crate::numfmt::human_amount;

/// `[safety]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFile {
    ul_iu: Spanned<f64>,
    max_iu: Spanned<f64>,
    implausible_d_iu: Spanned<f64>,
    implausible_k_mcg: Spanned<f64>,
}

/// `[safety]`: vitamin D limits per day and the plausibility ceilings.
#[derive(Debug, Clone)]
pub struct SafetySection {
    /// IU a day above which SAFETY-D3-UL warns (default 4,000).
    pub ul_iu: f64,
    /// IU a day above which SAFETY-D3-MAX fails (default 10,000).
    pub max_iu: f64,
    /// IU of vitamin D a day above which the amount is taken for a data error (default 100,000).
    pub implausible_d_iu: f64,
    /// µg of vitamin K a day above which the amount is taken for a data error (default 50,000).
    pub implausible_k_mcg: f64,
    pub enabled: Enabled,
    /// `[data]`: a K product whose record carries no warnings.
    pub data: DataSection,
    /// The market whose limits apply (SPEC §13); its adults' limits replace `ul_iu` and
    /// `max_iu` where it sets them ([`SafetySection::set_market`]).
    pub market: MarketId,
    /// `ul_iu` and `max_iu` as the policy file states them (the `us` market's).
    pub file_limits: (f64, f64),
}

impl SafetyFile {
    pub fn validate(&self, v: &mut Validator, enabled: Enabled) -> SafetySection {
        let ul = v.non_negative(&self.ul_iu, "ul_iu");
        let max = v.non_negative(&self.max_iu, "max_iu");
        if ul > max {
            v.at(self.ul_iu.span(), format!("ul_iu ({ul}) must not exceed max_iu ({max})"));
        }
        let imp_d = v.non_negative(&self.implausible_d_iu, "implausible_d_iu");
        if imp_d <= max {
            v.at(self.implausible_d_iu.span(), format!("implausible_d_iu ({imp_d}) must be above max_iu ({max})"));
        }
        let imp_k = v.non_negative(&self.implausible_k_mcg, "implausible_k_mcg");
        SafetySection {
            ul_iu: ul,
            max_iu: max,
            implausible_d_iu: imp_d,
            implausible_k_mcg: imp_k,
            enabled,
            data: DataSection::default(),
            market: MarketId::Us,
            file_limits: (ul, max),
        }
    }
}

impl SafetySection {
    /// The section under `market`: its adults' limits where it sets them, the file's elsewhere.
    pub fn set_market(&mut self, market: MarketId) {
        let m = market.profile();
        self.ul_iu = m.adult_warn.map_or(self.file_limits.0, |w| w.iu);
        self.max_iu = m.adult_fail.map_or(self.file_limits.1, |f| f.iu);
        self.market = market;
    }

    /// What the adults' warn (`warn`) or fail limit is, in a finding: the market's words where
    /// it sets the limit.
    pub fn limit_words(&self, warn: bool) -> String {
        let m = self.market.profile();
        match (if warn { m.adult_warn } else { m.adult_fail }, warn) {
            (Some(l), _) => format!("limit for adults in market {} ({})", self.market, l.what),
            (None, true) => "adult upper intake level".to_string(),
            (None, false) => "maximum".to_string(),
        }
    }

    /// The children's band a product of `youngest_months` is held to: that age's band, or 1-3 y
    /// (12 months) when the product names no age.
    pub fn child_band(&self, youngest_months: Option<u32>) -> Option<&'static ChildBand> {
        self.market.profile().band(youngest_months.unwrap_or(12))
    }
}

pub fn check(facts: &Facts, p: &SafetySection, out: &mut Vec<Finding>) {
    let on = |r| p.enabled.on(r);
    if facts.k.is_some() && facts.warfarin.is_none() && on(RuleId::SafetyWarfarin) {
        out.push(match p.data.gap(facts, Fact::WarfarinWarning) {
            Some(gap) => Finding::gap(
                RuleId::SafetyWarfarin,
                Fact::WarfarinWarning,
                gap_message(gap, "warnings", "cannot tell whether the label warns about warfarin"),
            ),
            // A warnings section of the description without the warning: it is quoted.
            None => Finding::new(
                RuleId::SafetyWarfarin,
                Status::Fail,
                "vitamin K product with no warfarin / blood-thinner (anticoagulant) warning",
                facts.sections.warnings.clone(),
            ),
        });
    }
    let d_ev = || facts.d.as_ref().and_then(|d| d.amount_evidence.clone());
    let k_implausible = facts.k_total_mcg_per_day().filter(|k| *k > p.implausible_k_mcg);
    if let Some(k) = k_implausible
        && on(RuleId::DataImplausible)
    {
        out.push(Finding::new(
            RuleId::DataImplausible,
            Status::Review,
            format!(
                "vitamin K {} µg a day is implausible (above {} µg): check the amount and unit",
                human_amount(k),
                human_amount(p.implausible_k_mcg)
            ),
            facts.k.as_ref().and_then(|k| k.amount_evidence.clone()),
        ));
    }
    let Some(d) = facts.d3_iu_per_day() else { return };
    // Written only into a finding: a dose within the limits allocates nothing.
    let per_day = || {
        if facts.servings_per_day == 1.0 { String::new() } else { format!(" ({} servings a day)", human_amount(facts.servings_per_day)) }
    };
    if d > p.implausible_d_iu {
        if on(RuleId::DataImplausible) {
            out.push(Finding::new(
                RuleId::DataImplausible,
                Status::Review,
                format!(
                    "vitamin D {} IU a day{} is implausible (above {} IU): check the amount and unit",
                    human_amount(d),
                    per_day(),
                    human_amount(p.implausible_d_iu)
                ),
                d_ev(),
            ));
        }
        return;
    }
    check_child(facts, d, p, out);
    if d > p.max_iu {
        if on(RuleId::SafetyD3Max) {
            out.push(Finding::new(
                RuleId::SafetyD3Max,
                Status::Fail,
                format!(
                    "vitamin D {} IU a day{} is above the {} IU {}",
                    human_amount(d),
                    per_day(),
                    human_amount(p.max_iu),
                    p.limit_words(false)
                ),
                d_ev(),
            ));
        }
    } else if d > p.ul_iu && on(RuleId::SafetyD3Ul) {
        out.push(Finding::new(
            RuleId::SafetyD3Ul,
            Status::Warn,
            format!(
                "vitamin D {} IU a day{} is above the {} IU {}",
                human_amount(d),
                per_day(),
                human_amount(p.ul_iu),
                p.limit_words(true)
            ),
            d_ev(),
        ));
    }
}

/// SAFETY-D3-CHILD: a children's product above its age band's limit in the market.
fn check_child(facts: &Facts, d: f64, p: &SafetySection, out: &mut Vec<Finding>) {
    let Some(child) = facts.listing.children.as_ref() else { return };
    if !p.enabled.on(RuleId::SafetyD3Child) {
        return;
    }
    let Some(band) = p.child_band(child.youngest_months) else { return };
    if d <= band.max_iu {
        return;
    }
    let stated = if child.youngest_months.is_some() { "" } else { ", no age stated" };
    out.push(Finding::new(
        RuleId::SafetyD3Child,
        Status::Fail,
        format!(
            "children's product (\"{}\"{stated}): vitamin D {} IU a day is above the {} IU limit for {} ({}: {})",
            child.evidence.matched,
            human_amount(d),
            human_amount(band.max_iu),
            band.label,
            p.market,
            band.source.authority
        ),
        Some(child.evidence.clone()),
    ));
}
