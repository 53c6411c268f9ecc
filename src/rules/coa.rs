//! Certificates that expire (SPEC §13): CERT-COA-AGE for the certificate of analysis' date, and
//! the certification's `certified_until` date, past which a certification does not count.

use super::{CertificationSection, Finding, RuleId, Status};
use crate::date::Date;
use crate::extract::{DateCell, Facts};

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
                let age = p.today.days_since_epoch() - d.days_since_epoch();
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
