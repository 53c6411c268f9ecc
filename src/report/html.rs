//! report.html (SPEC §12): the merchandiser's working view of a catalogue, one self-contained
//! file that opens from disk with no network access.
//!
//! A streaming writer with a narrow API: [`HtmlReport::new`], then [`HtmlReport::push`] once per
//! record in input order (only audited products are kept), then [`HtmlReport::finish`] with the
//! summary. Rows are encoded as one JSON array per line into a temporary spool file beside the
//! report, so memory stays bounded however long the catalogue; repeated texts (suppliers, rules,
//! facts, messages, required changes) go into one string table referred to by index. At the end
//! the page is written from `html/page.html`, with the CSS and JavaScript of `html/` inlined and
//! allowed by their hashes in a Content-Security-Policy that allows no network source.
//!
//! Catalogue text is never markup: it only ever appears inside the JSON block, where `<`, `>`,
//! `&`, U+2028 and U+2029 are escaped, and the script inserts every value with `textContent`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use super::ReportData;
use super::atomic::AtomicFile;
use super::sink::{Batch, End, Sink};
use crate::error::Error;
use crate::extract::{Fact, Facts};
use crate::results::{Assessed, AuditRow, FindingEntry, NO_SUPPLIER, Verdict};
use crate::rules::{Criterion, CriterionStatus, RuleId, Status};

const PAGE: &str = include_str!("html/page.html");
const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Products the page holds at most; the rest are counted and named as left out (SPEC §12).
pub const MAX_ROWS: u64 = 1_000_000;

/// Distinct texts kept in the string table; texts seen after it is full are written inline.
const MAX_STRINGS: usize = 200_000;

/// Texts at most this long are looked up in the string table (long ones rarely repeat).
const MAX_INTERNED_LEN: usize = 400;

/// One audited product as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlRow {
    pub row: u64,
    pub sku: String,
    pub gtin: String,
    pub product: String,
    /// As the reports group it ([`NO_SUPPLIER`] when the record names none).
    pub supplier: String,
    pub verdict: Verdict,
    /// The five criteria of audit.csv, in column order.
    pub statuses: [Option<Status>; 5],
    pub d3_iu: Option<f64>,
    pub k2_mcg: Option<f64>,
    pub k2_per_1000_iu: Option<f64>,
    /// The other key facts in words (forms, dosage form, oil, certifications, warfarin warning).
    pub facts: String,
    /// The product's `url` cell, kept only when it is an `http(s)://` address.
    pub url: String,
    /// Every finding that is not a pass, each with its required change.
    pub findings: Vec<FindingEntry>,
}

impl HtmlRow {
    /// The page's row for an assessed record; `None` unless it is an audited product.
    /// `changes[i]` is the required change of `a.findings[i]` (missing ones are empty).
    pub fn of(a: &Assessed, url: &str, changes: &[String]) -> Option<HtmlRow> {
        if !matches!(a.verdict, Verdict::Pass | Verdict::Warn | Verdict::Review | Verdict::Fail) {
            return None;
        }
        let statuses = a.statuses.as_ref()?;
        let facts = a.facts.as_ref()?;
        let findings = a
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.status != Status::Pass)
            .map(|(i, f)| FindingEntry {
                rule: f.rule,
                criterion: f.criterion(),
                status: f.status,
                message: f.message.clone(),
                evidence: f.evidence.as_ref().map(|e| e.to_string()).unwrap_or_default(),
                waived: f.waived.is_some(),
                data_gap: f.data_gap.is_some(),
                required_change: changes.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        Some(HtmlRow {
            row: a.row,
            sku: a.sku.to_string(),
            gtin: a.gtin.to_string(),
            product: a.product.to_string(),
            supplier: if a.supplier.is_empty() { NO_SUPPLIER.to_string() } else { a.supplier.to_string() },
            verdict: a.verdict,
            statuses: Criterion::COLUMNS.map(|c| match statuses[c.index()] {
                CriterionStatus::Is(s) => Some(s),
                CriterionStatus::NotApplicable => None,
            }),
            d3_iu: facts.d3_iu_per_day(),
            k2_mcg: facts.k2_mcg_per_day(),
            k2_per_1000_iu: facts.k2_per_1000_iu(),
            facts: key_facts(facts),
            url: if is_web_url(url) { url.trim().to_string() } else { String::new() },
            findings,
        })
    }
}

/// True for an `http://` or `https://` address (any case), the only links the page makes.
pub fn is_web_url(s: &str) -> bool {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") && s.len() > 7) || (lower.starts_with("https://") && s.len() > 8)
}

/// The key facts besides the amounts, as one short text: `D3 · MK-7 · softgel · MCT · nsf ·
/// warfarin warning: yes`.
fn key_facts(f: &Facts) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = &f.d {
        parts.push(d.form.as_str().to_string());
    }
    if let Some(k) = &f.k {
        let forms: Vec<&str> = k.forms.iter().map(|k| k.as_str()).collect();
        parts.push(if forms.is_empty() { "K form unknown".to_string() } else { forms.join("+") });
    }
    parts.push(f.dosage_form.as_str().to_string());
    let oils: Vec<&str> = f.oils.iter().map(|o| o.as_str()).collect();
    if !oils.is_empty() {
        parts.push(oils.join("+"));
    }
    let mut certs: Vec<&str> = f.certs.iter().map(|c| c.id()).collect();
    certs.sort_unstable();
    if !certs.is_empty() {
        parts.push(certs.join("+"));
    }
    let warning = if f.warfarin.is_some() {
        "yes"
    } else if f.carried.has(Fact::WarfarinWarning) {
        "no"
    } else {
        "unknown"
    };
    parts.push(format!("warfarin warning: {warning}"));
    parts.join(" · ")
}

/// report.html as a sink of the pipeline's rows (`report::sink`): each batch's page rows, built
/// on the pool with the batch, are spooled in input order; the page is written at the end.
pub struct HtmlSink(HtmlReport);

impl HtmlSink {
    pub fn create(dest: &Path) -> Result<HtmlSink, Error> {
        HtmlReport::new(dest).map(HtmlSink)
    }
}

impl Sink for HtmlSink {
    fn row(&mut self, _: &AuditRow) -> Result<(), Error> {
        Ok(())
    }

    fn batch(&mut self, batch: &Batch<'_>) -> Result<(), Error> {
        batch.html.iter().try_for_each(|r| self.0.push(r))
    }

    fn finish(self: Box<Self>, end: &End<'_>) -> Result<(), Error> {
        self.0.finish(end.data)
    }

    fn wants_rows(&self) -> bool {
        false
    }
}

/// The streaming writer of report.html.
pub struct HtmlReport {
    dest: PathBuf,
    spool: BufWriter<File>,
    rows: u64,
    /// Products held at most ([`MAX_ROWS`]).
    cap: u64,
    omitted: u64,
    /// The string table: each text and its index (in order of first use). Looked up for several
    /// texts of every row on the writer thread: hashed with FxHash, not SipHash (no untrusted
    /// side can aim at it here: the table is capped and only costs time, never memory).
    strings: FxHashMap<String, u32>,
    line: Vec<u8>,
}

impl HtmlReport {
    /// Starts the report that [`finish`](Self::finish) writes to `dest`; the spool is a nameless
    /// temporary file in the same folder.
    pub fn new(dest: &Path) -> Result<HtmlReport, Error> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        let file = tempfile::tempfile_in(dir).map_err(|e| Error::io(dest, "cannot create a temporary file for", e))?;
        Ok(HtmlReport {
            dest: dest.to_path_buf(),
            spool: BufWriter::with_capacity(256 * 1024, file),
            rows: 0,
            cap: MAX_ROWS,
            omitted: 0,
            strings: FxHashMap::default(),
            line: Vec::with_capacity(1024),
        })
    }

    /// Holds at most `cap` products instead of [`MAX_ROWS`].
    #[cfg(test)]
    fn with_cap(self, cap: u64) -> HtmlReport {
        HtmlReport { cap, ..self }
    }

    /// Adds one audited product (in input order); past [`MAX_ROWS`] it is only counted.
    pub fn push(&mut self, r: &HtmlRow) -> Result<(), Error> {
        if self.rows >= self.cap {
            self.omitted += 1;
            return Ok(());
        }
        self.rows += 1;
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        self.encode(&mut line, r);
        let res = self.spool.write_all(&line);
        self.line = line;
        res.map_err(|e| Error::io(&self.dest, "cannot write", e))
    }

    /// One row as a JSON array on one line: `[row, sku, gtin, product, supplier, verdict,
    /// statuses, d3_iu, k2_mcg, k2_per_1000_iu, facts, url, findings]`; each finding is `[rule,
    /// status, message, evidence, required change, flags]` (flags: 1 data gap, 2 waived).
    fn encode(&mut self, out: &mut Vec<u8>, r: &HtmlRow) {
        let _ = write!(out, "[{},", r.row);
        for s in [&r.sku, &r.gtin, &r.product] {
            json_str(out, s);
            out.push(b',');
        }
        self.text(out, &r.supplier);
        let _ = write!(out, ",{},\"", r.verdict as u8);
        out.extend(r.statuses.iter().map(|s| status_char(*s)));
        out.extend_from_slice(b"\",");
        for x in [r.d3_iu, r.k2_mcg, r.k2_per_1000_iu] {
            json_num(out, x);
            out.push(b',');
        }
        self.text(out, &r.facts);
        out.push(b',');
        json_str(out, &r.url);
        out.extend_from_slice(b",[");
        for (i, f) in r.findings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            self.finding(out, f);
        }
        out.extend_from_slice(b"]]\n");
    }

    fn finding(&mut self, out: &mut Vec<u8>, f: &FindingEntry) {
        out.push(b'[');
        self.text(out, f.rule.as_str());
        let _ = write!(out, ",\"{}\",", status_char(Some(f.status)) as char);
        self.text(out, &f.message);
        out.push(b',');
        json_str(out, &f.evidence);
        out.push(b',');
        self.text(out, &f.required_change);
        let _ = write!(out, ",{}]", u8::from(f.data_gap) | (u8::from(f.waived) << 1));
    }

    /// A text that often repeats: its index in the string table, or the text itself once the
    /// table is full (or the text is long).
    fn text(&mut self, out: &mut Vec<u8>, s: &str) {
        if s.len() <= MAX_INTERNED_LEN {
            if let Some(&i) = self.strings.get(s) {
                push_index(out, i);
                return;
            }
            if self.strings.len() < MAX_STRINGS {
                let i = self.strings.len() as u32;
                self.strings.insert(s.to_string(), i);
                push_index(out, i);
                return;
            }
        }
        json_str(out, s);
    }

    /// The string table's texts in index order; the table is emptied.
    fn take_strings(&mut self) -> Vec<String> {
        let mut v: Vec<(u32, String)> = std::mem::take(&mut self.strings).into_iter().map(|(s, i)| (i, s)).collect();
        v.sort_unstable_by_key(|(i, _)| *i);
        v.into_iter().map(|(_, s)| s).collect()
    }

    /// Writes report.html: the page with the summary (`data`), the spooled rows (with `patches`
    /// applied, in row order) and the string table.
    pub fn finish(mut self, data: &ReportData) -> Result<(), Error> {
        let dest = self.dest.clone();
        let werr = |e: std::io::Error| Error::io(&dest, "cannot write", e);
        let strings = self.take_strings();
        self.spool.flush().map_err(werr)?;
        let mut spool = self.spool.into_inner().map_err(|e| werr(e.into_error()))?;
        spool.seek(SeekFrom::Start(0)).map_err(werr)?;
        let mut out = AtomicFile::create(&dest)?;
        let (head, rest) = split_marker(PAGE, "{{DATA}}");
        let head = head.replace("{{CSP}}", &csp()).replace("{{CSS}}", CSS);
        out.write_all(head.as_bytes()).map_err(werr)?;
        out.write_all(b"{\"summary\":").map_err(werr)?;
        let summary = super::json::render(data, 0);
        out.write_all(&escape_json(summary.trim_ascii_end())).map_err(werr)?;
        let _ = write!(out, ",\"omitted\":{},\"rules\":", self.omitted);
        out.write_all(&escape_json(&rules_json())).map_err(werr)?;
        out.write_all(b",\"rows\":[").map_err(werr)?;
        copy_rows(BufReader::new(spool), &mut out).map_err(werr)?;
        out.write_all(b"],\"strings\":").map_err(werr)?;
        write_strings(&mut out, &strings).map_err(werr)?;
        out.write_all(b"}").map_err(werr)?;
        out.write_all(rest.replace("{{JS}}", JS).as_bytes()).map_err(werr)?;
        out.commit()
    }
}

/// `page` split at `marker` (the whole page and nothing when it has none).
fn split_marker<'p>(page: &'p str, marker: &str) -> (&'p str, &'p str) {
    page.split_once(marker).unwrap_or((page, ""))
}

/// Copies the spooled rows, comma-separated.
fn copy_rows(spool: impl BufRead, out: &mut impl Write) -> std::io::Result<()> {
    for (i, line) in spool.split(b'\n').enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(&line?)?;
    }
    Ok(())
}

/// The string table as one JSON array, safe inside a `<script>` element, written text by text:
/// with up to [`MAX_STRINGS`] texts, a serialised copy and an escaped copy of the whole table
/// would raise the run's peak memory by tens of megabytes.
fn write_strings(out: &mut impl Write, strings: &[String]) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(1024);
    out.write_all(b"[")?;
    for (i, s) in strings.iter().enumerate() {
        buf.clear();
        if i > 0 {
            buf.push(b',');
        }
        json_str(&mut buf, s);
        out.write_all(&buf)?;
    }
    out.write_all(b"]")
}

/// Every rule's id, criterion and description, for the rule filter.
fn rules_json() -> Vec<u8> {
    let rules: Vec<serde_json::Value> = RuleId::ALL
        .iter()
        .map(|r| serde_json::json!({"rule": r.as_str(), "criterion": r.criterion().as_str(), "description": r.description()}))
        .collect();
    serde_json::to_vec(&rules).unwrap_or_default()
}

/// A string-table index in decimal.
fn push_index(out: &mut Vec<u8>, i: u32) {
    let mut buf = [0u8; 10];
    let mut n = i;
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

/// `p`, `w`, `r`, `f`, or `n` for not applicable.
fn status_char(s: Option<Status>) -> u8 {
    match s {
        Some(Status::Pass) => b'p',
        Some(Status::Warn) => b'w',
        Some(Status::Review) => b'r',
        Some(Status::Fail) => b'f',
        None => b'n',
    }
}

/// A JSON string, safe inside a `<script>` element.
fn json_str(out: &mut Vec<u8>, s: &str) {
    let start = out.len();
    let _ = serde_json::to_writer(&mut *out, s);
    if !s.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) {
        return;
    }
    let escaped = escape_json(&out[start..]);
    out.truncate(start);
    out.extend_from_slice(&escaped);
}

/// A number rounded to 2 decimals, or `null`.
fn json_num(out: &mut Vec<u8>, x: Option<f64>) {
    match x.filter(|x| x.is_finite()) {
        Some(x) => {
            let r = (x * 100.0).round() / 100.0;
            if r.fract() == 0.0 && r.abs() < 1e15 {
                let _ = write!(out, "{}", r as i64);
            } else {
                let _ = write!(out, "{r}");
            }
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// JSON text made safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 (which
/// can only occur inside strings) become `\u` escapes.
pub fn escape_json(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        match b {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            0xE2 if json.get(i + 1) == Some(&0x80) && matches!(json.get(i + 2), Some(0xA8 | 0xA9)) => {
                out.extend_from_slice(if json[i + 2] == 0xA8 { b"\\u2028" } else { b"\\u2029" });
                i += 2;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

/// The page's Content-Security-Policy: nothing from the network, only the page's own style and
/// script (by their hashes), no forms, no base URL, no frames.
fn csp() -> String {
    format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        hash_source(JS),
        hash_source(CSS)
    )
}

/// `sha256-<base64>` of an inline element's text.
fn hash_source(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                s.push(ABC[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_json_leaves_no_markup_and_no_line_separators() {
        let cases = [
            ("plain", "\"abc\"", "\"abc\""),
            (
                "script end",
                "\"</script><img src=x onerror=alert(1)>\"",
                "\"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\"",
            ),
            ("ampersand", "\"a&b\"", "\"a\\u0026b\""),
            ("line separator", "\"a\u{2028}b\u{2029}c\"", "\"a\\u2028b\\u2029c\""),
            ("other non-ascii kept", "\"µg – é\"", "\"µg – é\""),
        ];
        for (name, input, want) in cases {
            assert_eq!(String::from_utf8_lossy(&escape_json(input.as_bytes())), want, "{name}");
        }
    }

    #[test]
    fn base64_matches_rfc_4648() {
        let cases =
            [("empty", "", ""), ("one", "f", "Zg=="), ("two", "fo", "Zm8="), ("three", "foo", "Zm9v"), ("six", "foobar", "Zm9vYmFy")];
        for (name, input, want) in cases {
            assert_eq!(base64(input.as_bytes()), want, "{name}");
        }
    }

    #[test]
    fn only_web_addresses_become_links() {
        let cases = [
            ("https", "https://example.com/p/1", true),
            ("http upper case", "HTTP://example.com", true),
            ("javascript", "javascript:alert(1)", false),
            ("javascript disguised", " JaVaScRiPt:alert(1)", false),
            ("data", "data:text/html,<script>", false),
            ("scheme only", "https://", false),
            ("relative", "/products/1", false),
            ("empty", "", false),
        ];
        for (name, input, want) in cases {
            assert_eq!(is_web_url(input), want, "{name}");
        }
    }

    #[test]
    fn the_string_table_is_written_as_the_whole_array_escaped_at_once() {
        let cases: [(&str, &[&str]); 4] = [
            ("empty", &[]),
            ("one", &["Acme"]),
            ("markup and quotes", &["</script>", "say \"hi\"", "a&b", "", "µg"]),
            ("line separators", &["a\u{2028}b", "c\u{2029}", "back\\slash\ttab"]),
        ];
        for (name, texts) in cases {
            let strings: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
            let mut out = Vec::new();
            write_strings(&mut out, &strings).unwrap_or_else(|e| panic!("{e}"));
            let whole = escape_json(&serde_json::to_vec(texts).unwrap_or_default());
            assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&whole), "{name}");
        }
    }

    #[test]
    fn string_table_indices_are_written_in_decimal() {
        for (name, i, want) in
            [("zero", 0, "0"), ("one digit", 7, "7"), ("several", 199_999, "199999"), ("largest", u32::MAX, "4294967295")]
        {
            let mut out = Vec::new();
            push_index(&mut out, i);
            assert_eq!(String::from_utf8_lossy(&out), want, "{name}");
        }
    }

    #[test]
    fn numbers_are_rounded_to_two_decimals() {
        let cases = [
            ("none", None, "null"),
            ("whole", Some(5000.0), "5000"),
            ("fraction", Some(2.0 / 3.0), "0.67"),
            ("nan", Some(f64::NAN), "null"),
        ];
        for (name, input, want) in cases {
            let mut out = Vec::new();
            json_num(&mut out, input);
            assert_eq!(String::from_utf8_lossy(&out), want, "{name}");
        }
    }

    fn row(n: u64, sku: &str, supplier: &str) -> HtmlRow {
        HtmlRow {
            row: n,
            sku: sku.into(),
            product: format!("</script>{sku}"),
            supplier: supplier.into(),
            verdict: Verdict::Warn,
            findings: vec![FindingEntry {
                rule: RuleId::CarrierOil,
                criterion: Criterion::Carrier,
                status: Status::Warn,
                message: "dry form".into(),
                evidence: "title: \"tablet\"".into(),
                waived: false,
                data_gap: true,
                required_change: String::new(),
            }],
            gtin: String::new(),
            statuses: [Some(Status::Pass); 5],
            d3_iu: None,
            k2_mcg: None,
            k2_per_1000_iu: None,
            facts: String::new(),
            url: String::new(),
        }
    }

    #[test]
    fn rows_stream_into_one_json_block_with_a_string_table() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", "cannot create", e))?;
        let mut spool = Vec::new();
        let mut rep = HtmlReport::new(&dir.path().join("report.html"))?;
        for r in [row(1, "A", "Acme"), row(2, "B", "Acme"), row(4, "C", "Beta")] {
            rep.encode(&mut spool, &r);
        }
        let text = String::from_utf8_lossy(&spool).into_owned();
        assert!(!text.contains('<'), "{text}");
        assert_eq!(
            text.lines().next(),
            Some(r#"[1,"A","","\u003c/script\u003eA",0,1,"ppppp",null,null,null,1,"",[[2,"w",3,"title: \"tablet\"",1,1]]]"#)
        );
        assert_eq!(rep.take_strings(), ["Acme", "", "CARRIER-OIL", "dry form", "Beta"]);
        let mut out = Vec::new();
        copy_rows(&spool[..], &mut out).map_err(|e| Error::io("buffer", "cannot write", e))?;
        let all: serde_json::Value = serde_json::from_slice(&[b"[", &out[..], b"]"].concat()).unwrap_or_default();
        assert_eq!(all[1][5], 1, "verdict as encoded");
        assert_eq!(all[2][0], 4);
        Ok(())
    }

    #[test]
    fn past_the_cap_products_are_counted_as_left_out() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", "cannot create", e))?;
        let mut rep = HtmlReport::new(&dir.path().join("report.html"))?.with_cap(2);
        for n in 1..=5 {
            rep.push(&row(n, "S", "Acme"))?;
        }
        assert_eq!((rep.rows, rep.omitted), (2, 3));
        Ok(())
    }
}
