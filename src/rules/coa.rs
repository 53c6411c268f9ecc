//! Certificates that expire (SPEC §13): CERT-COA-AGE for the certificate of analysis' date, and
//! the certification's `certified_until` date, past which a certification does not count.

use super::{CertificationSection, Finding, RuleId, Status};
use crate::date::Date;
use crate::extract::{DateCell, Facts};

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
pub fn days(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date the product's certification expired, when it is before the audit date.
pub fn expired_on(facts: &Facts, today: Date) -> Option<Date> {
    match facts.listing.certified_until.as_ref() {
        Some((DateCell::Date(d), _)) if *d < today => Some(*d),
        _ => None,
    }
}

/// CERT-COA-AGE: the certificate of analysis' age on the audit date; an unreadable
/// `certified_until` asks for review too (its expiry cannot be told).
pub fn check(facts: &Facts, p: &CertificationSection, out: &mut Vec<Finding>) {
    if !p.enabled.on(RuleId::CertCoaAge) {
        return;
    }
    if let Some((cell, ev)) = facts.listing.coa_date.as_ref() {
        let finding = match cell {
            DateCell::Unreadable(s) => {
                Some((Status::Review, format!("cannot read the certificate of analysis date \"{s}\" (write YYYY-MM-DD or DD.MM.YYYY)")))
            }
            DateCell::Date(d) if *d > p.today => {
                Some((Status::Review, format!("certificate of analysis dated {d} is after the audit date {}", p.today)))
            }
            DateCell::Date(d) => {
                let age = days(p.today) - days(*d);
                (age > p.coa_max_age_days).then(|| {
                    (
                        Status::Warn,
                        format!(
                            "certificate of analysis dated {d} is {age} days old on {} (more than {} days)",
                            p.today, p.coa_max_age_days
                        ),
                    )
                })
            }
        };
        if let Some((status, message)) = finding {
            out.push(Finding::new(RuleId::CertCoaAge, status, message, Some(ev.clone())));
        }
    }
    if let Some((DateCell::Unreadable(s), ev)) = facts.listing.certified_until.as_ref() {
        out.push(Finding::new(
            RuleId::CertCoaAge,
            Status::Review,
            format!("cannot read the certification's expiry date \"{s}\" (write YYYY-MM-DD or DD.MM.YYYY)"),
            Some(ev.clone()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_dates() {
        assert_eq!(days(Date::from_ymd(1970, 1, 1)), 0);
        assert_eq!(days(Date::from_unix(1_795_996_800)), 1_795_996_800 / 86_400);
        assert_eq!(days(Date::from_ymd(2026, 3, 1)) - days(Date::from_ymd(2026, 2, 28)), 1);
        assert_eq!(days(Date::from_ymd(2024, 3, 1)) - days(Date::from_ymd(2024, 2, 28)), 2);
        assert_eq!(days(Date::from_ymd(2026, 11, 30)) - days(Date::from_ymd(2025, 11, 30)), 365);
    }
}
