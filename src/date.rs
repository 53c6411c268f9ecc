//! Calendar dates (UTC, proleptic Gregorian): report dates, waiver expiry. A leaf: imports nothing
//! from the crate.

/// A calendar date (proleptic Gregorian), comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y: i32 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        let dim = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=dim).contains(&d).then_some(Date { year: y, month: m, day: d })
    }

    /// The UTC date of a Unix timestamp (seconds).
    pub fn from_unix(secs: i64) -> Date {
        let days = secs.div_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date { year: (if m <= 2 { y + 1 } else { y }) as i32, month: m, day: d }
    }

    /// Days since 1970-01-01, the inverse of [`Date::from_unix`]'s day (Howard Hinnant's
    /// days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::from_unix(0), Date::from_ymd(1970, 1, 1));
        assert_eq!(Date::from_unix(1_795_996_800), Date::from_ymd(2026, 11, 30));
        assert_eq!(Date::parse("2027-03-31"), Some(Date::from_ymd(2027, 3, 31)));
        assert_eq!(Date::parse("2027-02-30"), None);
        assert_eq!(Date::parse("tomorrow"), None);
    }

    #[test]
    fn days_between_dates() {
        assert_eq!(Date::from_ymd(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(Date::from_unix(1_795_996_800).days_since_epoch(), 1_795_996_800 / 86_400);
        assert_eq!(Date::from_ymd(2026, 3, 1).days_since_epoch() - Date::from_ymd(2026, 2, 28).days_since_epoch(), 1);
        assert_eq!(Date::from_ymd(2024, 3, 1).days_since_epoch() - Date::from_ymd(2024, 2, 28).days_since_epoch(), 2);
        assert_eq!(Date::from_ymd(2026, 11, 30).days_since_epoch() - Date::from_ymd(2025, 11, 30).days_since_epoch(), 365);
    }
}
