//! audit.csv, findings.csv and rejected.csv rows (SPEC §5), with spreadsheet-formula escaping.

use std::borrow::Cow;
use std::io::Write;

use crate::audit::assess::Assessed;
use crate::audit::baseline::Change;
use crate::extract::Facts;
use crate::rules::{Criterion, Status};

pub const AUDIT_HEADER: [&str; 22] = [
    "row",
    "line",
    "sku",
    "product",
    "brand",
    "supplier",
    "verdict",
    "form",
    "ratio",
    "carrier",
    "certification",
    "safety",
    "d_form",
    "d3_iu",
    "k_forms",
    "k2_mcg",
    "k2_per_1000_iu",
    "dosage_form",
    "carrier_oil",
    "certifications",
    "warfarin_warning",
    "issues",
];
pub const FINDINGS_HEADER: [&str; 9] = ["row", "sku", "criterion", "rule", "status", "message", "evidence", "column", "waived"];
pub const REJECTED_HEADER: [&str; 4] = ["row", "line", "reason", "raw"];

/// Prefixes a text cell with `'` when a spreadsheet would read it as a formula.
pub fn escape(s: &str) -> Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// A number for a CSV cell: whole numbers without decimals, otherwise up to two.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let r = (x * 100.0).round() / 100.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// Undoes [`escape`]: the text a cell stood for (to read the tool's own CSVs back).
pub fn unescape(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(r) if r.starts_with(['=', '+', '-', '@', '\t', '\r']) => r,
        _ => s,
    }
}

pub fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().has_headers(false).from_writer(w)
}

/// Writes a header row.
pub fn write_header<W: Write>(w: &mut csv::Writer<W>, header: &[&str], change: bool) -> csv::Result<()> {
    if change {
        let mut h: Vec<&str> = header.to_vec();
        h.push("change");
        w.write_record(&h)
    } else {
        w.write_record(header)
    }
}

fn criterion(a: &Assessed, c: Criterion) -> &'static str {
    match &a.statuses {
        Some(s) => s[c.index()].as_str(),
        None => "",
    }
}

/// The fact columns of one record (d_form ... warfarin_warning).
fn fact_cells(f: &Facts) -> [String; 9] {
    let d_form = f.d.as_ref().map_or(String::new(), |d| d.form.as_str().to_string());
    let d3 = f.d3_iu_per_day().map_or(String::new(), num);
    let k_forms = f.k.as_ref().map_or(String::new(), |k| k.forms.join());
    let k2 = f.k2_mcg_per_day().map_or(String::new(), num);
    let ratio = f.k2_per_1000_iu().map_or(String::new(), |r| format!("{r:.2}"));
    [
        d_form,
        d3,
        k_forms,
        k2,
        ratio,
        f.dosage_form.as_str().to_string(),
        f.oils.join(),
        f.certs.join(),
        if f.warfarin.is_some() { "yes".into() } else { "no".into() },
    ]
}

/// The `issues` cell: every non-pass, non-waived finding's message.
pub fn issues(a: &Assessed) -> String {
    if let Some(inv) = &a.invalid {
        return inv.reason.clone();
    }
    a.findings.iter().filter(|f| f.effective_status() != Status::Pass).map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")
}

/// Writes the audit.csv row of one record.
pub fn write_audit_row<W: Write>(w: &mut csv::Writer<W>, a: &Assessed, change: Option<Change>, with_change: bool) -> csv::Result<()> {
    let row = a.row.to_string();
    let line = a.line.to_string();
    let facts = a.facts.as_ref().filter(|_| a.invalid.is_none()).map(fact_cells);
    let issues = issues(a);
    let mut cells: Vec<Cow<'_, str>> = Vec::with_capacity(23);
    cells.push(Cow::Borrowed(&row));
    cells.push(Cow::Borrowed(&line));
    cells.push(escape(&a.sku));
    cells.push(escape(&a.product));
    cells.push(escape(&a.brand));
    cells.push(escape(&a.supplier));
    cells.push(Cow::Borrowed(a.verdict.as_str()));
    for c in Criterion::COLUMNS {
        cells.push(Cow::Borrowed(criterion(a, c)));
    }
    match &facts {
        Some(f) => cells.extend(f.iter().map(|s| Cow::Borrowed(s.as_str()))),
        None => cells.extend(std::iter::repeat_n(Cow::Borrowed(""), 9)),
    }
    cells.push(escape(&issues));
    if with_change {
        cells.push(Cow::Borrowed(change.map_or("", Change::as_str)));
    }
    w.write_record(cells.iter().map(|c| c.as_bytes()))
}

/// Writes the findings.csv rows of one record (every non-pass finding, waived ones marked).
pub fn write_findings<W: Write>(w: &mut csv::Writer<W>, a: &Assessed) -> csv::Result<()> {
    let row = a.row.to_string();
    for f in a.findings.iter().filter(|f| f.status != Status::Pass) {
        let (evidence, column) = match &f.evidence {
            Some(e) => (e.matched.as_str(), &*e.column),
            None => ("", ""),
        };
        w.write_record([
            row.as_str(),
            &escape(&a.sku),
            f.criterion().as_str(),
            f.rule.as_str(),
            f.status.as_str(),
            &escape(&f.message),
            &escape(evidence),
            &escape(column),
            if f.waived.is_some() { "yes" } else { "no" },
        ])?;
    }
    Ok(())
}

/// Writes the rejected.csv row of an invalid record.
pub fn write_rejected<W: Write>(w: &mut csv::Writer<W>, a: &Assessed) -> csv::Result<()> {
    if let Some(inv) = &a.invalid {
        w.write_record([inv.row.to_string().as_str(), inv.line.to_string().as_str(), &escape(&inv.reason), &escape(&inv.raw)])?;
    }
    Ok(())
}

/// Writes one line of the keys file: a record's row and GTIN.
pub fn write_key<W: Write>(w: &mut csv::Writer<W>, row: u64, gtin: &str) -> csv::Result<()> {
    w.write_record([row.to_string().as_str(), &escape(gtin)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_formula_cells() {
        for (s, want) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@a", "'@a"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("ok", "ok"),
            ("", ""),
        ] {
            assert_eq!(escape(s), want);
        }
    }

    #[test]
    fn numbers() {
        for (x, want) in [(5000.0, "5000"), (62.5, "62.5"), (0.125, "0.13"), (33.333, "33.33"), (2.0 / 3.0, "0.67"), (10.0, "10")] {
            assert_eq!(num(x), want);
        }
    }
}
