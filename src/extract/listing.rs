//! What a listing says besides the label (SPEC §13): its GTIN as written, whether it is a
//! children's product, the date of its certificate of analysis and its certification's expiry.
//! The rules judge them; this module only reads them.

use super::Evidence;
use super::audience::{self, Children};
use crate::date::Date;
use crate::ingest::{ColumnMap, Field, Record};

/// A date cell: read, or not readable (with the text, for the message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateCell {
    Date(Date),
    /// Not a date in a format this tool reads, or `03/04/2026` (March 4 or 3 April?).
    Unreadable(String),
}

/// The listing's own facts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    /// The GTIN cell as written (trimmed); `None` when empty.
    pub gtin: Option<Box<str>>,
    /// A children's product (title or target group).
    pub children: Option<Children>,
    pub coa_date: Option<(DateCell, Evidence)>,
    pub certified_until: Option<(DateCell, Evidence)>,
}

/// Reads the listing facts of one record.
pub fn read(rec: &Record, cols: &ColumnMap) -> Listing {
    let gtin = Some(rec.get(Field::Gtin)).filter(|s| !s.is_empty()).map(Box::from);
    let date = |f: Field| {
        let s = rec.get(f);
        (!s.is_empty()).then(|| (parse_date(s), Evidence::new(cols.name(f), s)))
    };
    Listing { gtin, children: audience::children(rec, cols), coa_date: date(Field::CoaDate), certified_until: date(Field::CertifiedUntil) }
}

/// Reads `YYYY-MM-DD` (a time after it is ignored), `DD.MM.YYYY`, and `MM/DD/YYYY` where it cannot
/// be `DD/MM/YYYY` (or `DD/MM/YYYY` where it cannot be `MM/DD`): `03/04/2026` is unreadable.
pub fn parse_date(s: &str) -> DateCell {
    let t = s.trim();
    let bad = || DateCell::Unreadable(t.to_string());
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    if let Some(d) = Date::parse(head).filter(|_| head.len() == 10) {
        return DateCell::Date(d);
    }
    let ymd = |y: &str, m: &str, d: &str| -> Option<Date> {
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return None;
        }
        Date::parse(&format!("{y}-{m:0>2}-{d:0>2}"))
    };
    let parts: Vec<&str> = head.split(['.', '/']).collect();
    let [a, b, y] = parts.as_slice() else { return bad() };
    if head.contains('.') && !head.contains('/') {
        return ymd(y, b, a).map_or_else(bad, DateCell::Date);
    }
    if !head.contains('/') || head.contains('.') {
        return bad();
    }
    let (Ok(x), Ok(z)) = (a.parse::<u32>(), b.parse::<u32>()) else { return bad() };
    let date = match (x <= 12, z <= 12) {
        // Both could be the month: unambiguous only when they are the same.
        (true, true) if x != z => None,
        (true, _) => ymd(y, a, b),
        (false, true) => ymd(y, b, a),
        (false, false) => None,
    };
    date.map_or_else(bad, DateCell::Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per date format.
    #[test]
    fn date_formats() {
        let d = |y, m, day| DateCell::Date(Date::from_ymd(y, m, day));
        let u = |s: &str| DateCell::Unreadable(s.to_string());
        let cases: &[(&str, &str, DateCell)] = &[
            ("ISO", "2026-03-04", d(2026, 3, 4)),
            ("ISO with time", "2026-03-04T10:00:00", d(2026, 3, 4)),
            ("ISO with spreadsheet time", "2026-03-04 00:00:00", d(2026, 3, 4)),
            ("German", "04.03.2026", d(2026, 3, 4)),
            ("German one digit", "4.3.2026", d(2026, 3, 4)),
            ("US, day above 12", "03/14/2026", d(2026, 3, 14)),
            ("day first, day above 12", "14/03/2026", d(2026, 3, 14)),
            ("same day and month", "05/05/2026", d(2026, 5, 5)),
            ("ambiguous slash", "03/04/2026", u("03/04/2026")),
            ("impossible date", "31.02.2026", u("31.02.2026")),
            ("two-digit year", "04.03.26", u("04.03.26")),
            ("words", "on file", u("on file")),
            ("month 13 both ways", "13/13/2026", u("13/13/2026")),
        ];
        for (name, s, want) in cases {
            assert_eq!(&parse_date(s), want, "{name}");
        }
    }
}
