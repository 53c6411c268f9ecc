//! Rules: pure checks of one product's [`Facts`] against one policy section.
//!
//! Every rule id lives in [`RuleId`] with its criterion, a description and a fix hint, so
//! `explain`, the PDF's Method page and the findings all speak with one voice.

pub mod carrier;
pub mod certification;
pub mod cfg;
pub mod change;
pub mod coa;
pub mod data;
pub mod form;
pub mod ident;
pub mod market;
pub mod ratio;
pub mod safety;

use std::fmt;

use serde::Serialize;

use crate::extract::{Evidence, Fact, Facts};

pub use carrier::CarrierSection;
pub use certification::CertificationSection;
pub use cfg::{Enabled, Validator};
pub use change::{RemedyContext, remedy};
pub use data::{DataSection, NoColumn};
pub use form::FormSection;
pub use market::MarketId;
pub use ratio::RatioSection;
pub use safety::SafetySection;

/// The status of one criterion or one finding, in increasing order of severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Review,
    Fail,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Pass, Status::Warn, Status::Review, Status::Fail];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Review => "review",
            Status::Fail => "fail",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A criterion's status for one product: a [`Status`], or `n/a` when the criterion does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CriterionStatus {
    NotApplicable,
    Is(Status),
}

impl CriterionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionStatus::NotApplicable => "n/a",
            CriterionStatus::Is(s) => s.as_str(),
        }
    }

    pub fn parse(s: &str) -> Option<CriterionStatus> {
        if s == "n/a" { Some(CriterionStatus::NotApplicable) } else { Status::parse(s).map(CriterionStatus::Is) }
    }
}

/// The six criteria. `Data` has no column in audit.csv but counts toward the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    Form,
    Ratio,
    Carrier,
    Certification,
    Safety,
    Data,
}

impl Criterion {
    pub const ALL: [Criterion; 6] =
        [Criterion::Form, Criterion::Ratio, Criterion::Carrier, Criterion::Certification, Criterion::Safety, Criterion::Data];
    /// The five criteria with a column in audit.csv, in column order.
    pub const COLUMNS: [Criterion; 5] =
        [Criterion::Form, Criterion::Ratio, Criterion::Carrier, Criterion::Certification, Criterion::Safety];

    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Form => "form",
            Criterion::Ratio => "ratio",
            Criterion::Carrier => "carrier",
            Criterion::Certification => "certification",
            Criterion::Safety => "safety",
            Criterion::Data => "data",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// What the criterion is about, in a sentence, for the PDF and `explain`.
    pub fn description(self) -> &'static str {
        match self {
            Criterion::Form => "Vitamin D as D3 (cholecalciferol), not D2; vitamin K2 as MK-7, not only MK-4, and not K1 passed off as K2.",
            Criterion::Ratio => "Enough vitamin K2 for the vitamin D3 dose, and a useful K2 dose per day.",
            Criterion::Carrier => {
                "Fat-soluble vitamins delivered in an oil carrier (drops or softgels in MCT, olive, coconut oil...), not dry forms."
            }
            Criterion::Certification => {
                "Independent third-party certification of the finished product (NSF, USP Verified, Informed Sport...), not only self-claims."
            }
            Criterion::Safety => {
                "A warfarin / blood-thinner warning on every vitamin K product, and a vitamin D dose within the policy's limits."
            }
            Criterion::Data => "Record-level problems such as a SKU used by more than one record.",
        }
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every rule of the policy. The ids are the contract (POLICY.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum RuleId {
    FormD3,
    FormK2Present,
    FormD3Present,
    FormK2Mk7,
    RatioK2PerD3,
    RatioK2Dose,
    CarrierOil,
    CertThirdParty,
    CertAllergen,
    SafetyWarfarin,
    SafetyD3Ul,
    SafetyD3Max,
    DataImplausible,
    DataDuplicateSku,
    SafetyD3Child,
    IdentGtin,
    CertCoaAge,
}

impl RuleId {
    pub const ALL: [RuleId; 17] = [
        RuleId::FormD3,
        RuleId::FormK2Present,
        RuleId::FormD3Present,
        RuleId::FormK2Mk7,
        RuleId::RatioK2PerD3,
        RuleId::RatioK2Dose,
        RuleId::CarrierOil,
        RuleId::CertThirdParty,
        RuleId::CertAllergen,
        RuleId::SafetyWarfarin,
        RuleId::SafetyD3Ul,
        RuleId::SafetyD3Max,
        RuleId::DataImplausible,
        RuleId::DataDuplicateSku,
        RuleId::SafetyD3Child,
        RuleId::IdentGtin,
        RuleId::CertCoaAge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::FormD3 => "FORM-D3",
            RuleId::FormK2Present => "FORM-K2-PRESENT",
            RuleId::FormD3Present => "FORM-D3-PRESENT",
            RuleId::FormK2Mk7 => "FORM-K2-MK7",
            RuleId::RatioK2PerD3 => "RATIO-K2-PER-D3",
            RuleId::RatioK2Dose => "RATIO-K2-DOSE",
            RuleId::CarrierOil => "CARRIER-OIL",
            RuleId::CertThirdParty => "CERT-THIRD-PARTY",
            RuleId::CertAllergen => "CERT-ALLERGEN",
            RuleId::SafetyWarfarin => "SAFETY-WARFARIN",
            RuleId::SafetyD3Ul => "SAFETY-D3-UL",
            RuleId::SafetyD3Max => "SAFETY-D3-MAX",
            RuleId::DataImplausible => "DATA-IMPLAUSIBLE",
            RuleId::DataDuplicateSku => "DATA-DUPLICATE-SKU",
            RuleId::SafetyD3Child => "SAFETY-D3-CHILD",
            RuleId::IdentGtin => "IDENT-GTIN",
            RuleId::CertCoaAge => "CERT-COA-AGE",
        }
    }

    /// Parses a rule id case-insensitively (`form-d3` works too).
    pub fn parse(s: &str) -> Option<RuleId> {
        let s = s.trim();
        RuleId::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(s))
    }

    pub fn criterion(self) -> Criterion {
        match self {
            RuleId::FormD3 | RuleId::FormK2Present | RuleId::FormD3Present | RuleId::FormK2Mk7 => Criterion::Form,
            RuleId::RatioK2PerD3 | RuleId::RatioK2Dose => Criterion::Ratio,
            RuleId::CarrierOil => Criterion::Carrier,
            RuleId::CertThirdParty | RuleId::CertAllergen => Criterion::Certification,
            RuleId::SafetyWarfarin | RuleId::SafetyD3Ul | RuleId::SafetyD3Max | RuleId::DataImplausible => Criterion::Safety,
            RuleId::DataDuplicateSku => Criterion::Data,
            RuleId::SafetyD3Child => Criterion::Safety,
            RuleId::IdentGtin => Criterion::Data,
            RuleId::CertCoaAge => Criterion::Certification,
        }
    }

    /// What the rule checks, in words (thresholds are given by the policy, see `explain`).
    pub fn description(self) -> &'static str {
        match self {
            RuleId::FormD3 => {
                "Vitamin D must be D3 (cholecalciferol, including lanolin- or lichen-derived vegan D3). D2 (ergocalciferol) fails; a vitamin D whose form is not stated, or calcifediol (a different ingredient), needs review."
            }
            RuleId::FormK2Present => "A product with vitamin D must also contain vitamin K: D3 alone is the incomplete product.",
            RuleId::FormD3Present => "A product with vitamin K but no vitamin D is outside the D3 + K2 range (warn).",
            RuleId::FormK2Mk7 => {
                "Vitamin K must include an accepted K2 form (MK-7 by default). MK-4 only fails below the high-dose threshold and warns at or above it (therapeutic MK-4 dosing); K1 only fails (K1 is not K2); vitamin K with no stated form needs review."
            }
            RuleId::RatioK2PerD3 => {
                "Micrograms of vitamin K2 per 1,000 IU of vitamin D3 per day must reach the policy's band. No authority publishes a ratio: the band is this policy's choice (a common target is 100 µg K2 : 5,000 IU D3). Missing, unparseable or self-contradictory amounts need review."
            }
            RuleId::RatioK2Dose => "Vitamin K2 per day should reach a useful dose (the usual retail dose is 45 µg).",
            RuleId::CarrierOil => {
                "Vitamins D and K are fat-soluble: a liquid, softgel or spray should name its carrier oil (MCT, olive, coconut...). Dry forms (capsule, tablet, chewable, gummy, lozenge, powder) without an oil fail; a dry form naming an oil, or an oil form naming none, warns; an unknown dosage form needs review."
            }
            RuleId::CertThirdParty => {
                "The finished product should carry an independent third-party certification (NSF Certified for Sport, NSF/ANSI 173, USP Verified, Informed Sport, Informed Choice, BSCG). Only self-claims (GMP, 'third-party tested') warn; nothing at all fails."
            }
            RuleId::CertAllergen => {
                "The label should carry an allergen-free claim (gluten-free, soy-free or hypoallergenic). Disabled by default."
            }
            RuleId::SafetyWarfarin => {
                "Every product with vitamin K must warn people taking warfarin or other blood thinners (vitamin K antagonists)."
            }
            RuleId::SafetyD3Ul => {
                "Vitamin D per day above the adult tolerable upper intake level (4,000 IU, NIH ODS; EFSA 100 µg) warns. A market profile (--market) sets its own adults' limit, with its source."
            }
            RuleId::SafetyD3Max => {
                "Vitamin D per day above the policy's maximum (10,000 IU: hypercalcemia risk with prolonged use) fails. A market with a binding maximum per daily dose (ca, au) sets its own."
            }
            RuleId::DataImplausible => {
                "A vitamin D or K amount per day so large it is almost certainly a data error needs review before anything else is concluded."
            }
            RuleId::DataDuplicateSku => "Each SKU should identify one record; a SKU on more than one record warns.",
            RuleId::SafetyD3Child => {
                "A children's product must stay within the market's children's vitamin D limit per day for its age band; above it fails. A children's product names children in its title or a target-group column (kids, children, toddler, infant, baby, junior, Kinder, enfants, niños, bambini, dzieci, детский and more), or that column states an age under 18. The band is the youngest age the product names, else the youngest its words imply (infant, toddler), else 1-3 years."
            }
            RuleId::IdentGtin => {
                "A GTIN must be 8, 12, 13 or 14 digits with a valid GS1 check digit, and not a restricted-circulation number (GS1 prefixes 020-029, 040-049 and 200-299 on the GTIN-13: store-internal numbers). Otherwise it warns; an empty GTIN gives no finding."
            }
            RuleId::CertCoaAge => {
                "The certificate of analysis (coa_date) should be no older than the policy's maximum age on the audit date (SOURCE_DATE_EPOCH or today); older warns, an unreadable or future date needs review. A certification past its certified_until date does not count as a certification."
            }
        }
    }

    /// What the supplier should do about it, in general (`change::fix_hint`: the one place the
    /// fix texts live, beside each finding's remedy).
    pub fn fix_hint(self) -> &'static str {
        change::fix_hint(self)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule's outcome for one product. Only non-pass findings are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: RuleId,
    pub status: Status,
    pub message: String,
    /// The evidence the finding rests on (column and matched text), if any.
    pub evidence: Option<Evidence>,
    /// Set when a waiver silenced this finding: it then counts as pass.
    pub waived: Option<String>,
    /// `review` only because the catalogue carries no column for the fact (SPEC §8): the
    /// retailer's data gap, not the supplier's.
    pub data_gap: Option<Fact>,
}

impl Finding {
    pub fn new(rule: RuleId, status: Status, message: impl Into<String>, evidence: Option<Evidence>) -> Self {
        Finding { rule, status, message: message.into(), evidence, waived: None, data_gap: None }
    }

    /// A `review` finding for a fact the catalogue does not carry (SPEC §8). Its evidence (which
    /// columns were searched) is filled in by the audit, which knows the catalogue's headers.
    pub fn gap(rule: RuleId, fact: Fact, message: impl Into<String>) -> Self {
        Finding { data_gap: Some(fact), ..Finding::new(rule, Status::Review, message, None) }
    }

    pub fn criterion(&self) -> Criterion {
        self.rule.criterion()
    }

    /// The status this finding counts as: a waived finding counts as pass.
    pub fn effective_status(&self) -> Status {
        if self.waived.is_some() { Status::Pass } else { self.status }
    }
}

/// Whether each criterion applies to a product (the rest are `n/a`).
pub fn applicability(facts: &Facts) -> [bool; 6] {
    let d = facts.has_d();
    let k = facts.has_k();
    [
        true,   // form: always (in-scope products have D or K)
        d && k, // ratio needs both
        true,   // carrier
        true,   // certification
        true,   // safety: warfarin applies with K, D limits with D
        true,   // data
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for r in RuleId::ALL {
            assert_eq!(RuleId::parse(r.as_str()), Some(r));
            assert_eq!(RuleId::parse(&r.as_str().to_lowercase()), Some(r));
        }
        assert_eq!(RuleId::parse("NOPE"), None);
    }

    #[test]
    fn status_order() {
        assert!(Status::Pass < Status::Warn && Status::Warn < Status::Review && Status::Review < Status::Fail);
    }
}

#[cfg(test)]
mod threshold_tests;

#[cfg(test)]
mod gap_tests;

#[cfg(test)]
mod market_tests;
