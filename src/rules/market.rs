//! Market profiles (SPEC §13): the vitamin D limits per day of one market, for adults and for
//! children by age band, each number with the authority, document and date it comes from.
//!
//! Only numbers read in a source are here. What could not be verified is listed in the profile's
//! `omitted` notes (shown by `policy show --market` and in docs/markets.md), never guessed.

use std::fmt;

/// Where a number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub authority: &'static str,
    pub document: &'static str,
    pub date: &'static str,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {} ({})", self.authority, self.document, self.date)
    }
}

/// A children's age band, `from_months` inclusive to `to_months` exclusive, and its limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChildBand {
    /// How the band is named in findings, e.g. `1–3 y`.
    pub label: &'static str,
    pub from_months: u32,
    pub to_months: u32,
    /// IU of vitamin D a day above which SAFETY-D3-CHILD fails.
    pub max_iu: f64,
    pub source: Source,
}

/// The adults' limit of a market: above `iu` a day the rule `status` applies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdultLimit {
    pub iu: f64,
    /// What the number is, in words ("tolerable upper intake level", "maximum per daily dose").
    pub what: &'static str,
    pub source: Source,
}

/// The markets of SPEC §13.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarketId {
    #[default]
    Us,
    Eu,
    De,
    Uk,
    Ca,
    Au,
}

impl MarketId {
    pub const ALL: [MarketId; 6] = [MarketId::Us, MarketId::Eu, MarketId::De, MarketId::Uk, MarketId::Ca, MarketId::Au];

    pub fn as_str(self) -> &'static str {
        match self {
            MarketId::Us => "us",
            MarketId::Eu => "eu",
            MarketId::De => "de",
            MarketId::Uk => "uk",
            MarketId::Ca => "ca",
            MarketId::Au => "au",
        }
    }

    /// Parses a market id case-insensitively.
    pub fn parse(s: &str) -> Option<MarketId> {
        MarketId::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn list() -> String {
        MarketId::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
    }

    pub fn profile(self) -> &'static Market {
        match self {
            MarketId::Us => &US,
            MarketId::Eu => &EU,
            MarketId::De => &DE,
            MarketId::Uk => &UK,
            MarketId::Ca => &CA,
            MarketId::Au => &AU,
        }
    }
}

impl fmt::Display for MarketId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One market's limits for vitamin D per day.
#[derive(Debug, PartialEq)]
pub struct Market {
    pub id: MarketId,
    pub name: &'static str,
    /// Above it SAFETY-D3-UL warns; `None`: the policy file's `[safety] ul_iu`.
    pub adult_warn: Option<AdultLimit>,
    /// Above it SAFETY-D3-MAX fails; `None`: the policy file's `[safety] max_iu`.
    pub adult_fail: Option<AdultLimit>,
    /// Children's bands, youngest first; an age in no band is held to the adults' limits only.
    pub children: &'static [ChildBand],
    /// Numbers looked for and left out because they could not be verified, and other caveats.
    pub notes: &'static [&'static str],
}

impl Market {
    /// The band a child of `months` falls in.
    pub fn band(&self, months: u32) -> Option<&ChildBand> {
        self.children.iter().find(|b| (b.from_months..b.to_months).contains(&months))
    }
}

const IOM_2011: Source = Source {
    authority: "Institute of Medicine (IOM)",
    document: "Dietary Reference Intakes for Calcium and Vitamin D, ch. 6, tolerable upper intake levels",
    date: "2011",
};
const EFSA_2023: Source = Source {
    authority: "EFSA NDA Panel",
    document: "Scientific opinion on the tolerable upper intake level for vitamin D, EFSA Journal 2023;21(8):8145",
    date: "2023",
};
const EFSA_2018: Source = Source {
    authority: "EFSA NDA Panel",
    document: "Update of the tolerable upper intake level for vitamin D for infants, EFSA Journal 2018;16(8):5365",
    date: "2018",
};
const BFR_2021: Source = Source {
    authority: "Bundesinstitut für Risikobewertung (BfR)",
    document: "Höchstmengenvorschläge für Vitamine in Nahrungsergänzungsmitteln (as reported by Deutsche Apotheker Zeitung, 29.03.2021)",
    date: "2021",
};
const NHS: Source = Source {
    authority: "NHS (UK)",
    document: "Vitamins and minerals: vitamin D, \"how much vitamin D do I need\" (nhs.uk, as quoted in UK press)",
    date: "read 2026",
};
const HC_PDL: Source = Source {
    authority: "Health Canada",
    document: "Natural Health Products Ingredients Database, Vitamin D: Prescription Drug List limit (up to 2,500 IU / 62.5 µg per daily dose)",
    date: "2021",
};
const HC_HIGH_DOSE: Source = Source {
    authority: "Health Canada",
    document: "NHP monograph \"Vitamin D (>1,000 - 2,500 IU)\": adults 18 years and older, single-ingredient products only",
    date: "2021-07-23",
};
const HC_2007: Source = Source {
    authority: "Health Canada",
    document: "NHP monograph \"Vitamin D\": children 0-13 years up to 25 µg a day",
    date: "2007-08-16",
};
const TGA: Source = Source {
    authority: "Therapeutic Goods Administration (TGA)",
    document: "25 µg maximum recommended daily dose of vitamin D (Gazette GN 49, 2005; the Permissible Ingredients Determination's entry as summarised by RegSolutions)",
    date: "2005",
};

const IOM_BANDS: [ChildBand; 4] = [
    ChildBand { label: "0–12 months", from_months: 0, to_months: 12, max_iu: 1000.0, source: IOM_2011 },
    ChildBand { label: "1–3 y", from_months: 12, to_months: 48, max_iu: 2500.0, source: IOM_2011 },
    ChildBand { label: "4–8 y", from_months: 48, to_months: 108, max_iu: 3000.0, source: IOM_2011 },
    ChildBand { label: "9–18 y", from_months: 108, to_months: 228, max_iu: 4000.0, source: IOM_2011 },
];

const EFSA_BANDS: [ChildBand; 4] = [
    ChildBand { label: "0–6 months", from_months: 0, to_months: 6, max_iu: 1000.0, source: EFSA_2018 },
    ChildBand { label: "6–12 months", from_months: 6, to_months: 12, max_iu: 1400.0, source: EFSA_2018 },
    ChildBand { label: "1–10 y", from_months: 12, to_months: 132, max_iu: 2000.0, source: EFSA_2023 },
    ChildBand { label: "11–17 y", from_months: 132, to_months: 216, max_iu: 4000.0, source: EFSA_2023 },
];

const NHS_BANDS: [ChildBand; 3] = [
    ChildBand { label: "under 12 months", from_months: 0, to_months: 12, max_iu: 1000.0, source: NHS },
    ChildBand { label: "1–10 y", from_months: 12, to_months: 132, max_iu: 2000.0, source: NHS },
    ChildBand { label: "11–17 y", from_months: 132, to_months: 216, max_iu: 4000.0, source: NHS },
];

const CA_BANDS: [ChildBand; 2] = [
    ChildBand { label: "0–13 y", from_months: 0, to_months: 168, max_iu: 1000.0, source: HC_2007 },
    ChildBand { label: "14–17 y", from_months: 168, to_months: 216, max_iu: 1000.0, source: HC_HIGH_DOSE },
];

pub static US: Market = Market {
    id: MarketId::Us,
    name: "United States",
    adult_warn: None,
    adult_fail: None,
    children: &IOM_BANDS,
    notes: &[
        "Adults: the policy file's [safety] ul_iu (4,000 IU, the IOM 2011 UL) and max_iu (10,000 IU, a policy choice).",
        "IOM's UL for infants 6–12 months could not be read in IOM's own text (the page was cut off): the 0–6 months UL (1,000 IU) is applied to the whole first year.",
    ],
};

pub static EU: Market = Market {
    id: MarketId::Eu,
    name: "European Union",
    adult_warn: Some(AdultLimit { iu: 4000.0, what: "EFSA tolerable upper intake level, 100 µg", source: EFSA_2023 }),
    adult_fail: None,
    children: &EFSA_BANDS,
    notes: &[
        "EFSA sets no maximum per supplement: above the UL warns; SAFETY-D3-MAX keeps the policy file's max_iu.",
        "EU law sets no binding maximum for vitamin D in food supplements yet.",
    ],
};

pub static DE: Market = Market {
    id: MarketId::De,
    name: "Germany",
    adult_warn: Some(AdultLimit { iu: 800.0, what: "BfR maximum per daily dose of a supplement, 20 µg", source: BFR_2021 }),
    adult_fail: None,
    children: &EFSA_BANDS,
    notes: &[
        "The BfR's 20 µg is a proposal for adolescents and adults, not a binding limit: above it warns.",
        "The BfR's own document was not in the search index; its numbers were read in the Deutsche Apotheker Zeitung's report (29.03.2021).",
        "The BfR proposes no vitamin D amount for children's supplements in that report: children's products are held to the EFSA ULs.",
        "The BfR's vitamin K proposals (K1 80 µg, K2 25 µg per daily dose, same report) are documented but not checked: no per-market vitamin K rule yet.",
    ],
};

pub static UK: Market = Market {
    id: MarketId::Uk,
    name: "United Kingdom",
    adult_warn: Some(AdultLimit { iu: 4000.0, what: "NHS: do not take more than 100 µg a day", source: NHS }),
    adult_fail: None,
    children: &NHS_BANDS,
    notes: &[
        "nhs.uk itself was not in the search index; the NHS's wording was read as quoted in UK press reports.",
        "SACN's 2016 report was not read: only the NHS numbers are used.",
    ],
};

pub static CA: Market = Market {
    id: MarketId::Ca,
    name: "Canada",
    adult_warn: Some(AdultLimit {
        iu: 1000.0,
        what: "Health Canada: above 1,000 IU the NHP monograph covers single-ingredient adult products only",
        source: HC_HIGH_DOSE,
    }),
    adult_fail: Some(AdultLimit { iu: 2500.0, what: "Health Canada Prescription Drug List limit per daily dose", source: HC_PDL }),
    children: &CA_BANDS,
    notes: &["A D3 + K2 combination above 1,000 IU a day falls outside the high-dose vitamin D monograph (single ingredient only): warn."],
};

pub static AU: Market = Market {
    id: MarketId::Au,
    name: "Australia",
    adult_warn: Some(AdultLimit { iu: 1000.0, what: "TGA maximum recommended daily dose in a listed medicine, 25 µg", source: TGA }),
    adult_fail: Some(AdultLimit { iu: 1000.0, what: "TGA maximum recommended daily dose in a listed medicine, 25 µg", source: TGA }),
    children: &[],
    notes: &[
        "The Permissible Ingredients Determination's own entry for colecalciferol was not in the search index: the 25 µg was read in a TGA Gazette notice (2005) and a regulatory consultancy's summary of the Determination.",
        "Vitamin K (MK-7) limits by age (45 µg under 10 y, 90 µg at 10–18 y) could not be verified and are left out.",
        "No children's bands: children's products are held to the 1,000 IU adults' limit.",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for m in MarketId::ALL {
            assert_eq!(MarketId::parse(m.as_str()), Some(m));
            assert_eq!(MarketId::parse(&m.as_str().to_uppercase()), Some(m));
            assert_eq!(m.profile().id, m);
        }
        assert_eq!(MarketId::parse("fr"), None);
    }

    #[test]
    fn bands_are_contiguous_and_youngest_first() {
        for m in MarketId::ALL {
            let p = m.profile();
            for w in p.children.windows(2) {
                assert_eq!(w[0].to_months, w[1].from_months, "{m}: {} then {}", w[0].label, w[1].label);
            }
            if let Some(first) = p.children.first() {
                assert_eq!(first.from_months, 0, "{m}");
            }
            if let (Some(w), Some(f)) = (p.adult_warn, p.adult_fail) {
                assert!(w.iu <= f.iu, "{m}");
            }
        }
    }

    /// One row per market and age: the band found and its limit.
    #[test]
    fn band_per_market_and_age() {
        type Band = Option<(&'static str, f64)>;
        let cases: &[(MarketId, u32, Band)] = &[
            (MarketId::Us, 0, Some(("0–12 months", 1000.0))),
            (MarketId::Us, 11, Some(("0–12 months", 1000.0))),
            (MarketId::Us, 12, Some(("1–3 y", 2500.0))),
            (MarketId::Us, 47, Some(("1–3 y", 2500.0))),
            (MarketId::Us, 48, Some(("4–8 y", 3000.0))),
            (MarketId::Us, 107, Some(("4–8 y", 3000.0))),
            (MarketId::Us, 108, Some(("9–18 y", 4000.0))),
            (MarketId::Us, 228, None),
            (MarketId::Eu, 5, Some(("0–6 months", 1000.0))),
            (MarketId::Eu, 6, Some(("6–12 months", 1400.0))),
            (MarketId::Eu, 12, Some(("1–10 y", 2000.0))),
            (MarketId::Eu, 131, Some(("1–10 y", 2000.0))),
            (MarketId::Eu, 132, Some(("11–17 y", 4000.0))),
            (MarketId::De, 48, Some(("1–10 y", 2000.0))),
            (MarketId::Uk, 0, Some(("under 12 months", 1000.0))),
            (MarketId::Uk, 60, Some(("1–10 y", 2000.0))),
            (MarketId::Ca, 24, Some(("0–13 y", 1000.0))),
            (MarketId::Ca, 170, Some(("14–17 y", 1000.0))),
            (MarketId::Au, 24, None),
        ];
        for (m, months, want) in cases {
            let got = m.profile().band(*months).map(|b| (b.label, b.max_iu));
            assert_eq!(got, *want, "{m} at {months} months");
        }
    }
}
