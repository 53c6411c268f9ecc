//! The market rules at and around every threshold, from a catalogue row to its finding: one named
//! case per row (SPEC §13).

use super::*;
use crate::date::Date;
use crate::extract::{Scratch, extract};
use crate::ingest::{ColumnMap, Field, Record};
use crate::policy::Policy;

const HEADERS: [&str; 9] =
    ["title", "vitamin d (iu)", "vitamin k2 (mcg)", "k2 form", "dosage form", "certifications", "warnings", "target group", "coa date"];

/// The findings of one product: title, IU of D3 a day, target group and COA date, under
/// `market`, on the audit date 2026-11-30.
fn findings(market: MarketId, title: &str, iu: f64, target: &str, coa: &str, gtin: &str) -> Vec<Finding> {
    let mut headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    headers.push("gtin".into());
    let cols = ColumnMap::resolve(headers, None).unwrap();
    let iu = iu.to_string();
    let rec = Record::new(
        1,
        2,
        [
            (Field::Product, title),
            (Field::VitaminD, iu.as_str()),
            (Field::VitaminK, "200"),
            (Field::VitaminKForm, "MK-7"),
            (Field::DosageForm, "softgel in MCT oil"),
            (Field::Certifications, "NSF Certified for Sport"),
            (Field::Warnings, "Consult your doctor if you take warfarin."),
            (Field::TargetGroup, target),
            (Field::CoaDate, coa),
            (Field::Gtin, gtin),
        ],
    );
    let facts = extract(&rec, &cols, &mut Scratch::default());
    let mut p = Policy::builtin(Date::from_ymd(2026, 11, 30));
    p.set_market(market);
    let mut out = Vec::new();
    p.check(&facts, &mut out);
    out
}

fn status(out: &[Finding], rule: RuleId) -> Status {
    out.iter().filter(|f| f.rule == rule).map(|f| f.status).max().unwrap_or(Status::Pass)
}

/// Children's products per market and age band, at and just above each limit.
#[test]
fn childrens_limits_per_market_and_band() {
    use MarketId::*;
    use Status::{Fail, Pass};
    let cases: &[(&str, MarketId, &str, &str, f64, Status)] = &[
        ("us infant at 1,000", Us, "Baby D3 + K2 Drops", "", 1000.0, Pass),
        ("us infant above 1,000", Us, "Baby D3 + K2 Drops", "", 1040.0, Fail),
        ("us no age at 2,500 (1-3 y)", Us, "Kids D3 + K2 Drops", "", 2500.0, Pass),
        ("us no age above 2,500", Us, "Kids D3 + K2 Drops", "", 2520.0, Fail),
        ("us toddler above 2,500", Us, "Toddler D3 + K2 Drops", "", 2520.0, Fail),
        ("us ages 4+ at 3,000", Us, "Kids D3 + K2 Gummies, Ages 4+", "", 3000.0, Pass),
        ("us ages 4+ above 3,000", Us, "Kids D3 + K2 Gummies, Ages 4+", "", 3040.0, Fail),
        ("us 9-18 at 4,000", Us, "Junior D3 + K2", "ages 9-18", 4000.0, Pass),
        ("us 9-18 above 4,000", Us, "Junior D3 + K2", "ages 9-18", 4040.0, Fail),
        ("eu 0-6 months above 1,000", Eu, "Baby D3 + K2 Tropfen", "", 1040.0, Fail),
        ("eu 6 months at 1,400", Eu, "Baby D3 + K2 Tropfen ab 6 Monaten", "", 1400.0, Pass),
        ("eu 6 months above 1,400", Eu, "Baby D3 + K2 Tropfen ab 6 Monaten", "", 1440.0, Fail),
        ("eu 1-10 y at 2,000", Eu, "Kinder D3 + K2 Tropfen", "", 2000.0, Pass),
        ("eu 1-10 y above 2,000", Eu, "Kinder D3 + K2 Tropfen", "", 2040.0, Fail),
        ("eu 11-17 y above 2,000 passes", Eu, "Junior D3 + K2", "ab 11 Jahren", 2400.0, Pass),
        ("de like eu: 1-10 y above 2,000", De, "Vitamin D3 + K2 für Kinder", "Kinder 4-10 Jahre", 2040.0, Fail),
        ("uk 1-10 y at 2,000", Uk, "Kids D3 + K2", "", 2000.0, Pass),
        ("uk under 12 months above 1,000", Uk, "Baby D3 + K2", "", 1040.0, Fail),
        ("ca children at 1,000", Ca, "Kids D3 + K2", "", 1000.0, Pass),
        ("ca children above 1,000", Ca, "Kids D3 + K2", "", 1040.0, Fail),
        ("ca 14-17 above 1,000", Ca, "Junior D3 + K2", "14-17", 1040.0, Fail),
        ("au: no children's bands", Au, "Kids D3 + K2", "", 1040.0, Pass),
        ("adults' product is never a child's", Us, "Vitamin D3 + K2 5000 IU", "Adults", 5000.0, Pass),
    ];
    for (name, m, title, target, iu, want) in cases {
        let out = findings(*m, title, *iu, target, "", "");
        assert_eq!(status(&out, RuleId::SafetyD3Child), *want, "{name}: {out:?}");
    }
}

/// Adults' limits per market, at and just above each.
#[test]
fn adult_limits_per_market() {
    use MarketId::*;
    use Status::{Fail, Pass, Warn};
    let cases: &[(&str, MarketId, f64, Status)] = &[
        ("us at the UL", Us, 4000.0, Pass),
        ("us above the UL", Us, 4040.0, Warn),
        ("us at the max", Us, 10000.0, Warn),
        ("us above the max", Us, 10040.0, Fail),
        ("eu at 100 µg", Eu, 4000.0, Pass),
        ("eu above 100 µg", Eu, 4040.0, Warn),
        ("de at 20 µg", De, 800.0, Pass),
        ("de above 20 µg", De, 840.0, Warn),
        ("de keeps the policy's max", De, 10040.0, Fail),
        ("uk above 100 µg", Uk, 4040.0, Warn),
        ("ca at 1,000", Ca, 1000.0, Pass),
        ("ca above 1,000", Ca, 1040.0, Warn),
        ("ca at 2,500", Ca, 2500.0, Warn),
        ("ca above 2,500", Ca, 2520.0, Fail),
        ("au at 25 µg", Au, 1000.0, Pass),
        ("au above 25 µg", Au, 1040.0, Fail),
    ];
    for (name, m, iu, want) in cases {
        let out = findings(*m, "Vitamin D3 + K2 Softgels", *iu, "", "", "");
        let got = status(&out, RuleId::SafetyD3Ul).max(status(&out, RuleId::SafetyD3Max));
        assert_eq!(got, *want, "{name}: {out:?}");
    }
}

/// The certificate of analysis' age on 2026-11-30, per date format, at and around 365 days.
#[test]
fn coa_age_per_format() {
    use Status::{Pass, Review, Warn};
    let cases: &[(&str, &str, Status)] = &[
        ("ISO, 365 days", "2025-11-30", Pass),
        ("ISO, 366 days", "2025-11-29", Warn),
        ("German, 365 days", "30.11.2025", Pass),
        ("German, 366 days", "29.11.2025", Warn),
        ("US month first, 366 days", "11/29/2025", Warn),
        ("day first above 12, 366 days", "29/11/2025", Warn),
        ("ambiguous slash date", "03/04/2026", Review),
        ("after the audit date", "2026-12-01", Review),
        ("today", "2026-11-30", Pass),
        ("no COA date", "", Pass),
    ];
    for (name, coa, want) in cases {
        let out = findings(MarketId::Us, "Vitamin D3 + K2 Softgels", 1000.0, "", coa, "");
        assert_eq!(status(&out, RuleId::CertCoaAge), *want, "{name}: {out:?}");
    }
}

#[test]
fn gtin_findings_name_the_expected_digit() {
    let out = findings(MarketId::Us, "Vitamin D3 + K2 Softgels", 1000.0, "", "", "4006381333932");
    let f = out.iter().find(|f| f.rule == RuleId::IdentGtin).expect("a GTIN finding");
    assert_eq!(f.status, Status::Warn);
    assert!(f.message.contains("the GS1 check digit of the other digits is 1"), "{}", f.message);
    let none = findings(MarketId::Us, "Vitamin D3 + K2 Softgels", 1000.0, "", "", "");
    assert!(!none.iter().any(|f| f.rule == RuleId::IdentGtin), "an empty GTIN gives no finding");
}
