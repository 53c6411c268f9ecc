//! IDENT-GTIN (SPEC §13): a GTIN must be 8, 12, 13 or 14 digits with a valid GS1 check digit and
//! not a restricted-circulation (store-internal) number. An empty GTIN gives no finding.

use super::cfg::Enabled;
use super::{Finding, RuleId, Status};
use crate::extract::Facts;

/// What is wrong with a GTIN, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GtinProblem {
    /// Something other than digits (letters, a spreadsheet's `4.00638E+12`).
    NotDigits,
    /// Digits, but not 8, 12, 13 or 14 of them.
    Length(usize),
    /// The last digit is not the GS1 check digit of the others.
    CheckDigit { found: u8, expected: u8 },
    /// A restricted-circulation prefix (020-029, 040-049, 200-299 on the GTIN-13).
    Restricted(String),
}

/// The GS1 check digit of `body` (all digits but the check digit): weights 3, 1, 3... from the
/// right.
pub fn check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 3 } else { 1 }).sum();
    ((10 - sum % 10) % 10) as u8
}

/// Checks one GTIN as written; spaces and hyphens between digit groups are allowed.
pub fn problem(gtin: &str) -> Option<GtinProblem> {
    let s: String = gtin.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(GtinProblem::NotDigits);
    }
    let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    if !matches!(digits.len(), 8 | 12 | 13 | 14) {
        return Some(GtinProblem::Length(digits.len()));
    }
    let (body, last) = digits.split_at(digits.len() - 1);
    let expected = check_digit(body);
    if last[0] != expected {
        return Some(GtinProblem::CheckDigit { found: last[0], expected });
    }
    // The GTIN-13 form: a GTIN-12 with a leading 0, a GTIN-14 without its indicator digit.
    let gtin13 = match digits.len() {
        12 => format!("0{s}"),
        13 => s.clone(),
        14 => s[1..].to_string(),
        _ => return None,
    };
    let prefix: u32 = gtin13[..3].parse().unwrap_or(0);
    if (20..=29).contains(&prefix) || (40..=49).contains(&prefix) || (200..=299).contains(&prefix) {
        return Some(GtinProblem::Restricted(gtin13[..3].to_string()));
    }
    None
}

pub fn check(facts: &Facts, enabled: Enabled, out: &mut Vec<Finding>) {
    if !enabled.on(RuleId::IdentGtin) {
        return;
    }
    let Some(gtin) = facts.listing.gtin.as_deref() else { return };
    let Some(p) = problem(gtin) else { return };
    let message = match p {
        GtinProblem::NotDigits => format!("GTIN \"{gtin}\" is not a number of 8, 12, 13 or 14 digits"),
        GtinProblem::Length(n) => format!("GTIN \"{gtin}\" has {n} digits; a GTIN has 8, 12, 13 or 14"),
        GtinProblem::CheckDigit { found, expected } => {
            format!("GTIN \"{gtin}\" has check digit {found}; the GS1 check digit of the other digits is {expected}")
        }
        GtinProblem::Restricted(prefix) => {
            format!("GTIN \"{gtin}\" has the restricted-circulation prefix {prefix}: a store-internal number, not a trade item's GTIN")
        }
    };
    out.push(Finding::new(RuleId::IdentGtin, Status::Warn, message, None));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per GTIN case.
    #[test]
    fn gtin_cases() {
        let cases: &[(&str, &str, Option<GtinProblem>)] = &[
            ("valid GTIN-8", "96385074", None),
            ("valid GTIN-12 (UPC-A)", "036000291452", None),
            ("valid GTIN-13 (EAN, Germany)", "4006381333931", None),
            ("valid GTIN-14", "10036000291459", None),
            ("valid with spaces", "4 006381 333931", None),
            ("GTIN-13 wrong digit", "4006381333932", Some(GtinProblem::CheckDigit { found: 2, expected: 1 })),
            ("GTIN-12 wrong digit", "036000291453", Some(GtinProblem::CheckDigit { found: 3, expected: 2 })),
            ("GTIN-8 wrong digit", "96385075", Some(GtinProblem::CheckDigit { found: 5, expected: 4 })),
            ("letters", "40063813339A1", Some(GtinProblem::NotDigits)),
            ("spreadsheet exponent", "4.00638E+12", Some(GtinProblem::NotDigits)),
            ("11 digits (lost leading zero)", "36000291452", Some(GtinProblem::Length(11))),
            ("restricted 2xx GTIN-13", "2001234567893", Some(GtinProblem::Restricted("200".into()))),
            ("restricted 299", "2991234567897", Some(GtinProblem::Restricted("299".into()))),
            ("restricted 02x via UPC-A number system 2", "212345678916", Some(GtinProblem::Restricted("021".into()))),
            ("restricted 04x via UPC-A number system 4", "412345678903", Some(GtinProblem::Restricted("041".into()))),
            ("restricted 020 GTIN-13", "0201234567899", Some(GtinProblem::Restricted("020".into()))),
            ("restricted 049 GTIN-13", "0491234567894", Some(GtinProblem::Restricted("049".into()))),
            ("not restricted 030", "0301234567896", None),
            ("not restricted 300", "3001234567892", None),
        ];
        for (name, g, want) in cases {
            assert_eq!(&problem(g), want, "{name}");
        }
    }

    #[test]
    fn check_digits() {
        assert_eq!(check_digit(&[4, 0, 0, 6, 3, 8, 1, 3, 3, 3, 9, 3]), 1);
    }
}
