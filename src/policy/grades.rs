//! Grades: one letter per supplier (SPEC §10), and how its products count toward it, beside the
//! `[grades]` policy section that sets the cut-offs. A supplier is graded over its **graded**
//! products: its audited products except those whose every open finding is a data gap of the
//! retailer's export (nothing is known against them, nor for them). Of those, the share that is
//! `pass` or `warn` once data-gap findings are set aside gives the letter; a product failing a
//! `safety` rule caps it. No graded product, no grade.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::rules::{Criterion, Finding, Status, Validator};

/// A supplier's grade, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    A,
    B,
    C,
    D,
    E,
}

impl Grade {
    pub const ALL: [Grade; 5] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::E];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
        }
    }

    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `[grades]` as written. Every key is optional; a policy without the section gets the defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradesFile {
    a: Option<Spanned<f64>>,
    b: Option<Spanned<f64>>,
    c: Option<Spanned<f64>>,
    d: Option<Spanned<f64>>,
    safety_fail_cap: Option<Spanned<String>>,
}

/// `[grades]`: the share (0..1) of pass-or-warn products at or above which a supplier gets A, B,
/// C, D (else E), and the best grade while a product fails a safety rule.
#[derive(Debug, Clone, PartialEq)]
pub struct GradesSection {
    /// Cut-offs for A, B, C, D, in that order (non-increasing).
    pub cutoffs: [f64; 4],
    pub safety_fail_cap: Grade,
}

impl Default for GradesSection {
    fn default() -> GradesSection {
        GradesSection { cutoffs: [0.95, 0.85, 0.70, 0.50], safety_fail_cap: Grade::C }
    }
}

impl GradesFile {
    pub fn validate(&self, v: &mut Validator) -> GradesSection {
        let mut s = GradesSection::default();
        let keys = [("a", &self.a), ("b", &self.b), ("c", &self.c), ("d", &self.d)];
        for (i, (key, value)) in keys.iter().enumerate() {
            let Some(value) = value else { continue };
            let x = *value.get_ref();
            if !(0.0..=1.0).contains(&x) {
                v.at(value.span(), format!("{key} must be a share between 0 and 1 (0.95 is 95 %), not {x}"));
            } else {
                s.cutoffs[i] = x;
            }
        }
        for i in 1..4 {
            if s.cutoffs[i] > s.cutoffs[i - 1] {
                let (key, value) = keys[i];
                let span = value.as_ref().or(keys[i - 1].1.as_ref()).map_or(0..0, |x| x.span());
                let higher = keys[i - 1].0;
                v.at(span, format!("{key} ({}) must not exceed {higher} ({})", s.cutoffs[i], s.cutoffs[i - 1]));
            }
        }
        if let Some(cap) = &self.safety_fail_cap {
            match Grade::parse(cap.get_ref()) {
                Some(g) => s.safety_fail_cap = g,
                None => v.at(cap.span(), format!("safety_fail_cap must be one of A, B, C, D, E, not \"{}\"", cap.get_ref())),
            }
        }
        s
    }
}

impl GradesSection {
    /// The grade of a supplier with `graded` graded products, `ok` of them pass or warn (data
    /// gaps set aside), `safety_fail` of them failing a safety rule. `None` when none is graded.
    pub fn grade(&self, graded: u64, ok: u64, safety_fail: u64) -> Option<Grade> {
        if graded == 0 {
            return None;
        }
        let share = ok as f64 / graded as f64;
        let by_share = [Grade::A, Grade::B, Grade::C, Grade::D]
            .into_iter()
            .zip(self.cutoffs)
            // A tiny tolerance so 19 of 20 reaches 0.95 whatever the float rounding.
            .find(|(_, cut)| share + 1e-9 >= *cut)
            .map_or(Grade::E, |(g, _)| g);
        Some(if safety_fail > 0 { by_share.max(self.safety_fail_cap) } else { by_share })
    }

    /// What each grade means, one line each, for `explain grades` and the PDFs.
    pub fn definitions(&self) -> Vec<(Grade, String)> {
        let pct = |x: f64| format!("{} %", crate::numfmt::human_amount(x * 100.0));
        let c = self.cutoffs;
        vec![
            (Grade::A, format!("at least {} of the graded products pass or only warn", pct(c[0]))),
            (Grade::B, format!("at least {} of the graded products pass or only warn", pct(c[1]))),
            (Grade::C, format!("at least {} of the graded products pass or only warn", pct(c[2]))),
            (Grade::D, format!("at least {} of the graded products pass or only warn", pct(c[3]))),
            (Grade::E, format!("fewer than {} of the graded products pass or only warn", pct(c[3]))),
        ]
    }

    /// The one-line definition of `g`, with the safety cap when it applies.
    pub fn definition(&self, g: Grade) -> String {
        self.definitions().into_iter().find(|(x, _)| *x == g).map(|(_, s)| s).unwrap_or_default()
    }

    /// The cap, in words.
    pub fn cap_text(&self) -> String {
        format!("a product failing a safety rule caps the grade at {}", self.safety_fail_cap)
    }
}

/// What a supplier without a grade is told, wherever the grade would be shown (SPEC §10).
pub const NOT_GRADED: &str = "not graded: the label data needed is missing";

/// Which products a grade counts, in words (`explain grades`, the PDFs).
pub const GRADED_PRODUCTS: &str = "A product whose only open points are data missing from the retailer's export is not graded: nothing is known against it, nor for it. A graded product counts as good when it passes or only warns once those data gaps are set aside; a review for anything else (an unstated vitamin K form, say) is not good.";

/// How one audited product counts toward its supplier's grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GradeInput {
    /// It has an open finding that is not a data gap, or none at all (a pass).
    pub graded: bool,
    /// Graded, and pass or warn once data-gap findings are set aside (waived findings count as pass).
    pub ok: bool,
    /// A finding of a safety rule fails (not waived).
    pub safety_fail: bool,
}

impl GradeInput {
    /// From an audited product's findings.
    pub fn of(findings: &[Finding]) -> GradeInput {
        GradeInput::from_open(findings.iter().filter(|f| f.effective_status() != Status::Pass).map(|f| OpenFinding {
            status: f.status,
            safety: f.criterion() == Criterion::Safety,
            data_gap: f.data_gap.is_some(),
        }))
    }

    /// From a product's open findings (not pass, not waived): the one rule of what a grade
    /// counts, for this run's findings and for a baseline's findings.csv alike.
    pub fn from_open(open: impl Iterator<Item = OpenFinding>) -> GradeInput {
        let (mut any, mut worst, mut safety_fail) = (false, None, false);
        for f in open {
            any = true;
            if !f.data_gap {
                worst = worst.max(Some(f.status));
                safety_fail |= f.safety && f.status == Status::Fail;
            }
        }
        // No open finding: a pass. Open findings that are all data gaps: not graded.
        let graded = !any || worst.is_some();
        GradeInput { graded, ok: graded && worst.is_none_or(|w| w <= Status::Warn), safety_fail }
    }
}

/// An open finding (not pass, not waived) as a grade sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenFinding {
    pub status: Status,
    /// Of a `safety` rule.
    pub safety: bool,
    /// The export's data gap (SPEC §8).
    pub data_gap: bool,
}

/// A supplier's audited products as its grade counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GradeCounts {
    pub audited: u64,
    /// Of `audited`: not resting on data gaps alone.
    pub graded: u64,
    /// Of `graded`: pass or warn once data gaps are set aside.
    pub ok: u64,
    pub safety_fail: u64,
}

impl GradeCounts {
    pub fn add(&mut self, g: GradeInput) {
        self.audited += 1;
        self.graded += u64::from(g.graded);
        self.ok += u64::from(g.ok);
        self.safety_fail += u64::from(g.safety_fail);
    }

    pub fn grade(&self, grades: &GradesSection) -> Option<Grade> {
        grades.grade(self.graded, self.ok, self.safety_fail)
    }

    /// The grade without the safety cap (to say when the cap lowered it).
    pub fn uncapped(&self, grades: &GradesSection) -> Option<Grade> {
        grades.grade(self.graded, self.ok, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    fn cfg(text: &str) -> (GradesSection, Vec<String>) {
        let file: GradesFile = toml::from_str(text).unwrap_or_default();
        let mut v = Validator::new(text);
        let s = file.validate(&mut v);
        (s, v.problems.iter().map(|p| p.message.clone()).collect())
    }

    #[test]
    fn grades_at_each_cut_off() {
        let g = GradesSection::default();
        let cases: [(&str, u64, u64, u64, Option<Grade>); 12] = [
            ("all ok", 20, 20, 0, Some(Grade::A)),
            ("exactly 95 %", 20, 19, 0, Some(Grade::A)),
            ("just under 95 %", 1000, 949, 0, Some(Grade::B)),
            ("exactly 85 %", 20, 17, 0, Some(Grade::B)),
            ("just under 85 %", 1000, 849, 0, Some(Grade::C)),
            ("exactly 70 %", 10, 7, 0, Some(Grade::C)),
            ("just under 70 %", 1000, 699, 0, Some(Grade::D)),
            ("exactly 50 %", 2, 1, 0, Some(Grade::D)),
            ("just under 50 %", 1000, 499, 0, Some(Grade::E)),
            ("none ok", 3, 0, 0, Some(Grade::E)),
            ("no graded product", 0, 0, 0, None),
            ("safety fail caps an A at C", 100, 99, 1, Some(Grade::C)),
        ];
        for (name, graded, ok, safety, want) in cases {
            assert_eq!(g.grade(graded, ok, safety), want, "{name}");
        }
    }

    #[test]
    fn the_cap_does_not_raise_a_worse_grade() {
        let g = GradesSection::default();
        assert_eq!(g.grade(10, 4, 1), Some(Grade::E), "E stays E under a C cap");
        assert_eq!(g.grade(10, 8, 1), Some(Grade::C), "B is capped at C");
        let strict = GradesSection { safety_fail_cap: Grade::E, ..GradesSection::default() };
        assert_eq!(strict.grade(10, 10, 1), Some(Grade::E));
    }

    #[test]
    fn section_validation() {
        let cases: [(&str, &str, GradesSection, usize); 5] = [
            ("absent keys keep the defaults", "", GradesSection::default(), 0),
            ("one cut-off changed", "a = 0.9", GradesSection { cutoffs: [0.9, 0.85, 0.7, 0.5], ..GradesSection::default() }, 0),
            ("cap changed", "safety_fail_cap = \"d\"", GradesSection { safety_fail_cap: Grade::D, ..GradesSection::default() }, 0),
            ("share above 1", "a = 95.0", GradesSection::default(), 1),
            ("unknown cap", "safety_fail_cap = \"F\"", GradesSection::default(), 1),
        ];
        for (name, text, want, problems) in cases {
            let (s, p) = cfg(text);
            assert_eq!(p.len(), problems, "{name}: {p:?}");
            if problems == 0 {
                assert_eq!(s, want, "{name}");
            }
        }
        let (_, p) = cfg("b = 0.96");
        assert_eq!(p.len(), 1, "b above a: {p:?}");
        assert!(p[0].contains("must not exceed a"), "{p:?}");
    }

    #[test]
    fn data_gap_findings_are_set_aside() {
        let gap = |rule, status| Finding {
            data_gap: Some(crate::extract::Fact::WarfarinWarning),
            ..Finding::new(rule, status, "the export carries no column", None)
        };
        let real = |rule, status| Finding::new(rule, status, "broken", None);
        let waived = |rule, status| Finding { waived: Some("agreed".into()), ..Finding::new(rule, status, "broken", None) };
        let input = |graded, ok, safety_fail| GradeInput { graded, ok, safety_fail };
        let cases: Vec<(&str, Vec<Finding>, GradeInput)> = vec![
            ("no finding: graded and good", vec![], input(true, true, false)),
            ("only a data gap: not graded", vec![gap(RuleId::SafetyWarfarin, Status::Review)], input(false, false, false)),
            (
                "two data gaps: not graded",
                vec![gap(RuleId::SafetyWarfarin, Status::Review), gap(RuleId::CertThirdParty, Status::Review)],
                input(false, false, false),
            ),
            (
                "a data gap and a warn: graded as warn",
                vec![gap(RuleId::CertThirdParty, Status::Review), real(RuleId::SafetyD3Ul, Status::Warn)],
                input(true, true, false),
            ),
            (
                "a data gap and a real review: graded, not good",
                vec![gap(RuleId::CarrierOil, Status::Review), real(RuleId::FormD3, Status::Review)],
                input(true, false, false),
            ),
            ("an unstated K form alone: graded, not good", vec![real(RuleId::FormK2Mk7, Status::Review)], input(true, false, false)),
            (
                "a data gap beside a waived fail: not graded",
                vec![gap(RuleId::SafetyWarfarin, Status::Review), waived(RuleId::FormD3, Status::Fail)],
                input(false, false, false),
            ),
            ("a safety fail", vec![real(RuleId::SafetyD3Max, Status::Fail)], input(true, false, true)),
            ("a waived safety fail", vec![waived(RuleId::SafetyWarfarin, Status::Fail)], input(true, true, false)),
            ("a form fail is no safety fail", vec![real(RuleId::FormD3, Status::Fail)], input(true, false, false)),
        ];
        for (name, findings, want) in cases {
            assert_eq!(GradeInput::of(&findings), want, "{name}");
        }
    }

    #[test]
    fn a_supplier_is_graded_over_its_graded_products_only() {
        let g = GradesSection::default();
        let counts = |inputs: &[(bool, bool, bool)]| {
            let mut c = GradeCounts::default();
            for &(graded, ok, safety_fail) in inputs {
                c.add(GradeInput { graded, ok, safety_fail });
            }
            c
        };
        let cases: [(&str, GradeCounts, Option<Grade>); 4] = [
            ("only data gaps: no grade, never A", counts(&[(false, false, false), (false, false, false)]), None),
            ("one good graded product among data gaps", counts(&[(true, true, false), (false, false, false)]), Some(Grade::A)),
            (
                "review only (no pass) is not good",
                counts(&[(true, false, false), (true, false, false), (false, false, false)]),
                Some(Grade::E),
            ),
            ("no audited product", GradeCounts::default(), None),
        ];
        for (name, c, want) in cases {
            assert_eq!(c.grade(&g), want, "{name}");
        }
        assert_eq!(counts(&[(true, true, false), (false, false, false)]), GradeCounts { audited: 2, graded: 1, ok: 1, safety_fail: 0 });
    }
}
