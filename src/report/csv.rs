//! audit.csv, findings.csv and rejected.csv rows (SPEC §5), with spreadsheet-formula escaping.

use std::io::Write;

use crate::extract::{Cert, Fact, Facts, KForm, Oil};
use crate::ingest::Invalid;
use crate::numfmt::num;
use crate::results::Assessed;
use crate::results::Change;
use crate::rules::{Criterion, Finding, Status};

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
pub const FINDINGS_HEADER: [&str; 10] =
    ["row", "sku", "criterion", "rule", "status", "message", "evidence", "column", "waived", "data_gap"];
pub const REJECTED_HEADER: [&str; 4] = ["row", "line", "reason", "raw"];
/// `by-supplier/<supplier>.csv`, the supplier's action list (SPEC §10).
pub const SUPPLIER_HEADER: [&str; 9] = ["sku", "gtin", "product", "verdict", "criterion", "rule", "status", "required_change", "evidence"];

/// The UTF-8 byte-order mark every report CSV starts with by default (SPEC §9): without it,
/// Excel and LibreOffice read a double-clicked CSV as Windows-1252 (`Âµg` for `µg`).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One batch's CSV rows, encoded on the rayon pool with the batch, appended in input order by
/// the CSV sinks (`report::sink::Batch::csv`).
#[derive(Debug, Default)]
pub struct Encoded {
    /// `row,gtin` lines for the keys file (GTIN matching in a later run's --baseline).
    pub keys: Vec<u8>,
    pub audit: Vec<u8>,
    pub findings: Vec<u8>,
    pub rejected: Vec<u8>,
    /// With `--split-by supplier`: per record with changes to ask for, its supplier, its action
    /// list rows and how many.
    pub supplier_rows: Vec<(String, Vec<u8>, u64)>,
}

/// Undoes the formula escape: the text a cell stood for (to read a baseline, an earlier run's
/// audit.csv).
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

/// One CSV row being encoded into a byte buffer, exactly as the csv crate writes it (a cell is
/// quoted only when it holds a comma, a quote or a line break; quotes are doubled), without an
/// allocation per cell.
pub struct Row<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Row<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> Row<'a> {
        Row { out, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A cell of the tool's own vocabulary (no formula escaping).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.sep();
        put(self.out, None, s.as_bytes());
        self
    }

    /// A cell of catalogue text: formula-escaped ([`escape`]).
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.sep();
        let prefix = matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')).then_some(b'\'');
        put(self.out, prefix, s.as_bytes());
        self
    }

    pub fn int(&mut self, n: u64) -> &mut Self {
        self.sep();
        push_u64(self.out, n);
        self
    }

    /// A number as [`num`] writes it; empty for `None`.
    pub fn num(&mut self, x: Option<f64>) -> &mut Self {
        self.sep();
        if let Some(x) = x {
            push_num(self.out, x);
        }
        self
    }

    /// A number with exactly two decimals, as `format!("{x:.2}")`; empty for `None`.
    pub fn fixed2(&mut self, x: Option<f64>) -> &mut Self {
        self.sep();
        if let Some(x) = x {
            push_fixed2(self.out, x);
        }
        self
    }

    /// `+`-joined names (the tool's own, never quoted).
    pub fn joined<'n>(&mut self, names: impl IntoIterator<Item = &'n str>, empty: &str) -> &mut Self {
        self.sep();
        let start = self.out.len();
        for (i, n) in names.into_iter().enumerate() {
            if i > 0 {
                self.out.push(b'+');
            }
            self.out.extend_from_slice(n.as_bytes());
        }
        if self.out.len() == start {
            self.out.extend_from_slice(empty.as_bytes());
        }
        self
    }

    pub fn end(&mut self) {
        self.out.push(b'\n');
    }
}

/// Where a report row's cells go: a CSV line ([`Row`]) or a workbook row (`report::xlsx`). The
/// column functions ([`audit_cells`], [`finding_cells`], [`rejected_cells`]) are the one place
/// that says what each column holds, so the workbook's sheets have the CSVs' cells, but as typed
/// values: catalogue text as it was (never formula-escaped), numbers as numbers.
pub trait Cells {
    /// A cell of the tool's own vocabulary (a verdict, a rule id): never formula-escaped.
    fn raw(&mut self, s: &str) -> &mut Self;
    /// A cell of catalogue text (formula-escaped in a CSV, [`escape`]).
    fn text(&mut self, s: &str) -> &mut Self;
    fn int(&mut self, n: u64) -> &mut Self;
    /// A number as [`num`] writes it; empty for `None`.
    fn num(&mut self, x: Option<f64>) -> &mut Self;
    /// A number with exactly two decimals; empty for `None`.
    fn fixed2(&mut self, x: Option<f64>) -> &mut Self;
    /// `+`-joined names of the tool's own, `empty` when there are none.
    fn joined<'n>(&mut self, names: impl IntoIterator<Item = &'n str>, empty: &str) -> &mut Self;
    /// Ends the row.
    fn end(&mut self);
}

impl Cells for Row<'_> {
    fn raw(&mut self, s: &str) -> &mut Self {
        Row::raw(self, s)
    }
    fn text(&mut self, s: &str) -> &mut Self {
        Row::text(self, s)
    }
    fn int(&mut self, n: u64) -> &mut Self {
        Row::int(self, n)
    }
    fn num(&mut self, x: Option<f64>) -> &mut Self {
        Row::num(self, x)
    }
    fn fixed2(&mut self, x: Option<f64>) -> &mut Self {
        Row::fixed2(self, x)
    }
    fn joined<'n>(&mut self, names: impl IntoIterator<Item = &'n str>, empty: &str) -> &mut Self {
        Row::joined(self, names, empty)
    }
    fn end(&mut self) {
        Row::end(self)
    }
}

/// A number's text as the CSV cell has it ([`Cells::num`]), appended to `out`.
pub fn num_text(out: &mut Vec<u8>, x: f64) {
    push_num(out, x);
}

/// A two-decimal number's text as the CSV cell has it ([`Cells::fixed2`]), appended to `out`.
pub fn fixed2_text(out: &mut Vec<u8>, x: f64) {
    push_fixed2(out, x);
}

/// Bytes that make the csv crate quote a cell: comma, quote, line feed, carriage return.
const QUOTE_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

/// True when a cell must be quoted. Most cells are short (SKUs, names, statuses), where eight
/// bytes at a time beat memchr's setup; long ones (messages, evidence) use two vectorised searches.
fn needs_quotes(s: &[u8]) -> bool {
    if s.len() >= 48 {
        return memchr::memchr3(b',', b'"', b'\n', s).is_some() || memchr::memchr(b'\r', s).is_some();
    }
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `x` is zero (a borrow can mark bytes above a zero byte too, but
    // never without one).
    let has_zero = |x: u64| x.wrapping_sub(LO) & !x & HI != 0;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        let w = u64::from_le_bytes(b);
        if has_zero(w ^ (LO * b',' as u64))
            || has_zero(w ^ (LO * b'"' as u64))
            || has_zero(w ^ (LO * b'\n' as u64))
            || has_zero(w ^ (LO * b'\r' as u64))
        {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| QUOTE_BYTES[b as usize])
}

/// Appends one cell, quoted when it must be.
fn put(out: &mut Vec<u8>, prefix: Option<u8>, s: &[u8]) {
    if !needs_quotes(s) {
        out.extend(prefix);
        out.extend_from_slice(s);
        return;
    }
    out.push(b'"');
    out.extend(prefix);
    // Each quote is doubled: copy up to and including it, then write it again.
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Hundredths of `x`, rounded half away from zero, when `x` is finite and not too large for
/// exact integer arithmetic.
fn hundredths(x: f64) -> Option<i64> {
    let h = (x * 100.0).round();
    (x.is_finite() && h.abs() < 1e15).then_some(h as i64)
}

fn push_hundredths(out: &mut Vec<u8>, h: i64, trim: bool) {
    if h < 0 {
        out.push(b'-');
    }
    let h = h.unsigned_abs();
    push_u64(out, h / 100);
    let frac = h % 100;
    if trim && frac == 0 {
        return;
    }
    out.push(b'.');
    out.push(b'0' + (frac / 10) as u8);
    if !(trim && frac.is_multiple_of(10)) {
        out.push(b'0' + (frac % 10) as u8);
    }
}

fn push_num(out: &mut Vec<u8>, x: f64) {
    if !x.is_finite() {
        return;
    }
    match hundredths(x) {
        Some(h) => push_hundredths(out, h, true),
        None => out.extend_from_slice(num(x).as_bytes()),
    }
}

fn push_fixed2(out: &mut Vec<u8>, x: f64) {
    // Rounding the product agrees with the formatter's exact rounding except within a hair of
    // a half hundredth, where the formatter rounds the exact binary value: leave those to it.
    let y = x * 100.0;
    match hundredths(x) {
        Some(h) if ((y - y.floor()) - 0.5).abs() > 1e-6 && h != 0 => push_hundredths(out, h, false),
        _ => {
            let _ = write!(out, "{x:.2}");
        }
    }
}

/// Writes the audit.csv row of one record. `scratch` is a reusable buffer.
pub fn write_audit_row(out: &mut Vec<u8>, a: &Assessed, change: Option<Change>, with_change: bool, scratch: &mut String) {
    crate::results::issues(a, scratch);
    audit_cells(&mut Row::new(out), a, change, with_change, scratch);
}

/// The cells of one record's audit.csv row ([`AUDIT_HEADER`], then `change` when `with_change`);
/// `issues` is its issues text ([`crate::results::issues`]).
pub fn audit_cells<C: Cells>(row: &mut C, a: &Assessed, change: Option<Change>, with_change: bool, issues: &str) {
    row.int(a.row).int(a.line).text(&a.sku).text(&a.product).text(&a.brand).text(&a.supplier).raw(a.verdict.as_str());
    for c in Criterion::COLUMNS {
        row.raw(criterion(a, c));
    }
    match a.facts.as_ref().filter(|_| a.invalid.is_none()) {
        Some(f) => {
            let mut certs = [""; Cert::ALL.len()];
            let mut n = 0;
            for c in f.certs.iter() {
                certs[n] = c.id();
                n += 1;
            }
            certs[..n].sort_unstable();
            row.raw(f.d.as_ref().map_or("", |d| d.form.as_str()))
                .num(f.d3_iu_per_day())
                .joined(
                    f.k.as_ref().map(|k| k.forms.iter().map(KForm::as_str)).into_iter().flatten(),
                    if f.k.is_some() { "unknown" } else { "" },
                )
                .num(f.k2_mcg_per_day())
                .fixed2(f.k2_per_1000_iu())
                .raw(f.dosage_form.as_str())
                .joined(f.oils.iter().map(Oil::as_str), "")
                .joined(certs[..n].iter().copied(), "")
                .raw(warfarin_warning(f));
        }
        None => {
            for _ in 0..9 {
                row.raw("");
            }
        }
    }
    row.text(issues);
    if with_change {
        row.raw(change.map_or("", Change::as_str));
    }
    row.end();
}

/// Writes the findings.csv rows of one record (every non-pass finding, waived ones marked).
pub fn write_findings(out: &mut Vec<u8>, a: &Assessed) {
    for f in a.findings.iter().filter(|f| f.status != Status::Pass) {
        finding_cells(&mut Row::new(out), a, f);
    }
}

/// The cells of one finding's findings.csv row ([`FINDINGS_HEADER`]).
pub fn finding_cells<C: Cells>(row: &mut C, a: &Assessed, f: &Finding) {
    let (evidence, column) = match &f.evidence {
        Some(e) => (e.matched.as_str(), &*e.column),
        None => ("", ""),
    };
    row.int(a.row)
        .text(&a.sku)
        .raw(f.criterion().as_str())
        .raw(f.rule.as_str())
        .raw(f.status.as_str())
        .text(&f.message)
        .text(evidence)
        .text(column)
        .raw(if f.waived.is_some() { "yes" } else { "no" })
        .raw(if f.data_gap.is_some() { "yes" } else { "no" })
        .end();
}

/// audit.csv's `warfarin_warning`: `yes`, `no`, or `unknown` when the catalogue carries no
/// warnings and the product's text says nothing about them (SPEC §5, §8).
fn warfarin_warning(f: &Facts) -> &'static str {
    if f.warfarin.is_some() {
        "yes"
    } else if f.carried.has(Fact::WarfarinWarning) {
        "no"
    } else {
        "unknown"
    }
}

/// The action list's `status` of a data gap of the retailer's export (SPEC §10): the supplier is
/// asked for label data, not for a change.
pub const DATA_NEEDED: &str = "data_needed";

/// Writes a record's rows of its supplier's action list: one per finding the supplier must act
/// on (not a pass, not waived); a data gap of the export is a `data_needed` row whose
/// `required_change` asks for the label data. `changes[i]` is the remedy of `a.findings[i]`.
pub fn write_supplier_actions(out: &mut Vec<u8>, a: &Assessed, changes: &[String]) {
    for (f, change) in a.findings.iter().zip(changes) {
        if f.status == Status::Pass || f.waived.is_some() {
            continue;
        }
        let status = if f.data_gap.is_some() { DATA_NEEDED } else { f.status.as_str() };
        let mut row = Row::new(out);
        row.text(&a.sku).text(&a.gtin).text(&a.product).raw(a.verdict.as_str());
        row.raw(f.criterion().as_str()).raw(f.rule.as_str()).raw(status).text(change);
        match &f.evidence {
            Some(e) => row.text(&e.to_string()),
            None => row.text(""),
        };
        row.end();
    }
}

/// Writes the rejected.csv row of an invalid record.
pub fn write_rejected(out: &mut Vec<u8>, a: &Assessed) {
    if let Some(inv) = &a.invalid {
        rejected_cells(&mut Row::new(out), inv);
    }
}

/// The cells of an invalid record's rejected.csv row ([`REJECTED_HEADER`]).
pub fn rejected_cells<C: Cells>(row: &mut C, inv: &Invalid) {
    row.int(inv.row).int(inv.line).text(&inv.reason).text(&inv.raw).end();
}

/// Writes one line of the keys file: a record's row and GTIN.
pub fn write_key(out: &mut Vec<u8>, row: u64, gtin: &str) {
    Row::new(out).int(row).text(gtin).end();
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    /// Prefixes a text cell with `'` when a spreadsheet would read it as a formula ([`Row::text`]
    /// does the same without an allocation).
    fn escape(s: &str) -> Cow<'_, str> {
        match s.as_bytes().first() {
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{s}")),
            _ => Cow::Borrowed(s),
        }
    }

    #[test]
    fn quoting_needs_agree_between_the_short_and_long_paths() {
        // The same cells padded past the table walk's length reach the memchr path.
        for (cell, quoted) in
            [("plain", false), ("a,b", true), ("say \"hi\"", true), ("two\nlines", true), ("cr\r", true), ("", false), ("µg ®", false)]
        {
            assert_eq!(needs_quotes(cell.as_bytes()), quoted, "{cell:?}");
            let long = format!("{}{cell}", "x".repeat(60));
            assert_eq!(needs_quotes(long.as_bytes()), quoted, "{long:?}");
        }
    }

    proptest::proptest! {
        /// The word-at-a-time test agrees with a byte walk on any bytes, at every length.
        #[test]
        fn quoting_needs_match_a_byte_walk(s in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80)) {
            proptest::prop_assert_eq!(needs_quotes(&s), s.iter().any(|&b| QUOTE_BYTES[b as usize]));
        }
    }

    #[test]
    fn quoting_needs_find_each_byte_at_every_position() {
        for len in 1..48 {
            for pos in 0..len {
                for b in [b',', b'"', b'\n', b'\r'] {
                    let mut s = vec![b'a'; len];
                    s[pos] = b;
                    assert!(needs_quotes(&s), "{len} {pos} {b}");
                }
                // Neighbours of the four bytes do not count.
                let mut s = vec![b'a'; len];
                s[pos] = [b'+', b'#', b'\t', b'\x0c', 0x8c, 0xac][pos % 6];
                assert!(!needs_quotes(&s), "{len} {pos}");
            }
        }
    }

    #[test]
    fn cells_encode_as_the_csv_crate_writes_them() {
        let cells = [
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"x\"",
            "two\nlines",
            "cr\r",
            "",
            "=SUM(A1)",
            &"long, with a comma ".repeat(5),
            &"a \"quoted\", long cell ".repeat(4),
        ];
        let mut ours = Vec::new();
        let mut row = Row::new(&mut ours);
        for c in cells {
            row.raw(c);
        }
        row.end();
        let mut theirs = csv_writer(Vec::new());
        theirs.write_record(cells).expect("in memory");
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs.into_inner().expect("in memory")));
    }

    #[test]
    fn supplier_action_rows_leave_out_passes_and_waived_findings_and_ask_for_data_gaps() {
        use crate::results::Verdict;
        use crate::rules::{Finding, RuleId};
        let f = |rule, status| Finding::new(rule, status, "m", None);
        let findings = vec![
            f(RuleId::RatioK2PerD3, Status::Fail),
            Finding { waived: Some("agreed".into()), ..f(RuleId::FormK2Mk7, Status::Fail) },
            Finding { data_gap: Some(crate::extract::Fact::WarfarinWarning), ..f(RuleId::SafetyWarfarin, Status::Review) },
            f(RuleId::CarrierOil, Status::Pass),
            f(RuleId::CertThirdParty, Status::Warn),
        ];
        let a = Assessed {
            row: 7,
            line: 8,
            sku: "=SKU-1".into(),
            gtin: "00123".into(),
            product: "Vitamin D3 + K2, 60 caps".into(),
            brand: "B".into(),
            supplier: "S".into(),
            verdict: Verdict::Fail,
            statuses: None,
            facts: None,
            findings,
            invalid: None,
            continuation_of: None,
        };
        let changes: Vec<String> = (0..5).map(|i| format!("change {i}")).collect();
        let mut out = Vec::new();
        write_supplier_actions(&mut out, &a, &changes);
        let text = String::from_utf8(out).unwrap_or_default();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(
            rows,
            [
                "'=SKU-1,00123,\"Vitamin D3 + K2, 60 caps\",fail,ratio,RATIO-K2-PER-D3,fail,change 0,",
                "'=SKU-1,00123,\"Vitamin D3 + K2, 60 caps\",fail,safety,SAFETY-WARFARIN,data_needed,change 2,",
                "'=SKU-1,00123,\"Vitamin D3 + K2, 60 caps\",fail,certification,CERT-THIRD-PARTY,warn,change 4,",
            ]
        );
    }

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

    /// The row encoder writes what the csv crate writes.
    fn via_csv_crate(cells: &[String]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut out);
        let escaped: Vec<String> = cells.iter().map(|c| escape(c).into_owned()).collect();
        w.write_record(&escaped).unwrap_or_default();
        drop(w);
        out
    }

    proptest::proptest! {
        #[test]
        fn rows_match_the_csv_crate(cells in proptest::collection::vec("[a-z ,\"\r\n=+@\t-]{0,12}", 2..6)) {
            let mut out = Vec::new();
            let mut row = Row::new(&mut out);
            for c in &cells {
                row.text(c);
            }
            row.end();
            let want = via_csv_crate(&cells);
            proptest::prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&want));
        }

        #[test]
        fn numbers_match_the_formatter(x in proptest::prop_oneof![-1e6f64..1e9, 0.0f64..2.0, proptest::strategy::Strategy::prop_map(0u32..100_000, |k| f64::from(k) / 1000.0)]) {
            let mut out = Vec::new();
            Row::new(&mut out).num(Some(x)).fixed2(Some(x));
            proptest::prop_assert_eq!(String::from_utf8_lossy(&out), format!("{},{x:.2}", num(x)));
        }
    }

    #[test]
    fn two_decimals_at_ties_follow_the_formatter() {
        for x in [0.125, 0.375, 2.675, 1.005, -0.125, 0.0, -0.001, 1e20, 62.5] {
            let mut out = Vec::new();
            Row::new(&mut out).fixed2(Some(x));
            assert_eq!(String::from_utf8_lossy(&out), format!("{x:.2}"), "{x}");
        }
    }

    #[test]
    fn numbers() {
        for (x, want) in [(5000.0, "5000"), (62.5, "62.5"), (0.125, "0.13"), (33.333, "33.33"), (2.0 / 3.0, "0.67"), (10.0, "10")] {
            assert_eq!(num(x), want);
        }
    }
}
