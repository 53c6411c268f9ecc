//! audit.junit.xml (SPEC §11): the audit as a JUnit test report, for CI servers (GitLab's
//! `artifacts:reports:junit`, Jenkins, GitHub test reporters). One `<testsuite>` per catalogue
//! inside `<testsuites>`, one `<testcase>` per record; a record at or above `--fail-on` (an
//! invalid record too) is a `<failure>`, a skipped one `<skipped/>`. Written as a stream: the
//! suite's counts come first, from the run's tallies, then the cases in input order.

use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use super::atomic::AtomicFile;
use super::sink::{End, Sink};
use crate::error::Error;
use crate::results::{AuditRow, Severity, Verdict};
use crate::rules::{Finding, Status};

/// The suite's header: its name and counts (the `<testsuites>` element repeats them).
#[derive(Debug, Clone, PartialEq)]
pub struct Suite<'a> {
    pub name: &'a str,
    pub tests: u64,
    pub failures: u64,
    pub skipped: u64,
    /// Seconds the audit took (0 with SOURCE_DATE_EPOCH, for identical bytes).
    pub time: f64,
}

/// What became of one test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseResult<'a> {
    /// Below `--fail-on`; `out` lists findings that did not reach it (for `<system-out>`).
    Passed {
        out: &'a str,
    },
    Failed {
        message: &'a str,
        body: &'a str,
    },
    Skipped {
        message: &'a str,
    },
}

/// One test case: a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case<'a> {
    pub name: &'a str,
    pub classname: &'a str,
    pub result: CaseResult<'a>,
}

/// Writes the XML declaration and opens `<testsuites>` and `<testsuite>`.
pub fn open(w: &mut impl Write, s: &Suite) -> io::Result<()> {
    let counts = format!(r#"tests="{}" failures="{}" errors="0" skipped="{}" time="{:.3}""#, s.tests, s.failures, s.skipped, s.time);
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    writeln!(w, r#"<testsuites name="k2d3-audit" {counts}>"#)?;
    writeln!(w, r#"  <testsuite name="{}" {counts}>"#, escape(s.name))
}

/// Writes one `<testcase>`.
pub fn case(w: &mut impl Write, c: &Case) -> io::Result<()> {
    write!(w, r#"    <testcase name="{}" classname="{}" time="0""#, escape(c.name), escape(c.classname))?;
    match &c.result {
        CaseResult::Passed { out: "" } => w.write_all(b"/>\n"),
        CaseResult::Passed { out } => writeln!(w, ">\n      <system-out>{}</system-out>\n    </testcase>", escape_text(out)),
        CaseResult::Failed { message, body } => writeln!(
            w,
            ">\n      <failure message=\"{}\" type=\"k2d3-audit\">{}</failure>\n    </testcase>",
            escape(message),
            escape_text(body)
        ),
        CaseResult::Skipped { message } => writeln!(w, ">\n      <skipped message=\"{}\"/>\n    </testcase>", escape(message)),
    }
}

/// Closes the suite and `<testsuites>`.
pub fn close(w: &mut impl Write) -> io::Result<()> {
    w.write_all(b"  </testsuite>\n</testsuites>\n")
}

/// Text for an XML attribute or element: markup characters escaped, and the characters XML 1.0
/// forbids (control characters but tab, LF and CR; U+FFFE, U+FFFF) dropped. Line breaks in
/// attributes are kept as character references so they survive attribute normalisation.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for an element's content: as [`escape`], but line breaks and tabs stay as they are.
pub fn escape_text(s: &str) -> String {
    escape(s).replace("&#10;", "\n").replace("&#13;", "\r").replace("&#9;", "\t")
}

/// audit.junit.xml as a [`Sink`]: a case per row, spooled to an anonymous temporary file while
/// the audit runs (the suite's counts, which open the file, are known only at the end), then
/// copied behind the counts. The spool is this sink's own scratch, never parsed.
pub struct JunitSink {
    dest: PathBuf,
    spool: io::BufWriter<std::fs::File>,
    /// The catalogue's file name: a case's class when its record names no supplier.
    catalogue: String,
    fail_on: Option<Severity>,
    name: String,
    body: String,
    issues: String,
}

impl JunitSink {
    /// Starts `dest`; `tempdir` holds the spool; `catalogue` is the catalogue's file name.
    pub fn create(dest: &Path, tempdir: &Path, catalogue: &str, fail_on: Option<Severity>) -> Result<JunitSink, Error> {
        let spool = tempfile::tempfile_in(tempdir).map_err(|e| Error::io(tempdir, "cannot create a temporary file", e))?;
        Ok(JunitSink {
            dest: dest.to_path_buf(),
            spool: io::BufWriter::with_capacity(1 << 16, spool),
            catalogue: catalogue.to_string(),
            fail_on,
            name: String::new(),
            body: String::new(),
            issues: String::new(),
        })
    }
}

impl Sink for JunitSink {
    fn row(&mut self, r: &AuditRow) -> Result<(), Error> {
        let a = &r.assessed;
        self.body.clear();
        for f in a.findings.iter().filter(|f| f.status != Status::Pass) {
            describe(f, &mut self.body);
        }
        r.issues(&mut self.issues);
        let (sku, product) = (a.sku.as_ref(), a.product.as_ref());
        self.name.clear();
        match (sku.is_empty(), product.is_empty()) {
            (false, false) => {
                self.name.push_str(sku);
                self.name.push_str(" – ");
                self.name.push_str(product);
            }
            (false, true) => self.name.push_str(sku),
            (true, false) => self.name.push_str(product),
            (true, true) => self.name.push_str("(no SKU, no name)"),
        }
        let classname = if a.supplier.is_empty() { self.catalogue.as_str() } else { &a.supplier };
        let issues = self.issues.as_str();
        let reaching = |v: Verdict| v.reaches(self.fail_on);
        let message;
        let result = match a.verdict {
            Verdict::Skipped => CaseResult::Skipped { message: if issues.is_empty() { "no vitamin D or K found" } else { issues } },
            Verdict::Invalid if reaching(Verdict::Invalid) => {
                message = format!("row {}: the record could not be read: {issues}", a.row);
                CaseResult::Failed { message: &message, body: &message }
            }
            v if reaching(v) => {
                message = format!("{}: {issues}", v.as_str());
                CaseResult::Failed { message: &message, body: &self.body }
            }
            _ => CaseResult::Passed { out: &self.body },
        };
        case(&mut self.spool, &Case { name: &self.name, classname, result }).map_err(|e| Error::io(&self.dest, "cannot write", e))
    }

    fn finish(self: Box<Self>, end: &End<'_>) -> Result<(), Error> {
        let JunitSink { dest, spool, fail_on, .. } = *self;
        let werr = |e: io::Error| Error::io(&dest, "cannot write", e);
        let tally = end.data.tally;
        let failures: u64 = Verdict::ALL.iter().filter(|v| v.reaches(fail_on)).map(|v| tally.count(*v)).sum();
        let suite = Suite {
            name: &end.data.catalogue.name,
            tests: tally.records(),
            failures,
            skipped: tally.count(Verdict::Skipped),
            time: end.secs,
        };
        let mut cases = spool.into_inner().map_err(|e| werr(e.into_error()))?;
        cases.seek(io::SeekFrom::Start(0)).map_err(werr)?;
        let mut file = AtomicFile::create(&dest)?;
        open(&mut file, &suite).map_err(werr)?;
        io::copy(&mut cases, &mut file).map_err(werr)?;
        close(&mut file).map_err(werr)?;
        file.flush().map_err(werr)?;
        file.commit()
    }
}

/// One line per finding: `FORM-K2-MK7 (fail): message [column: "evidence"]`.
fn describe(f: &Finding, out: &mut String) {
    out.push_str(f.rule.as_str());
    out.push_str(" (");
    out.push_str(f.status.as_str());
    if f.waived.is_some() {
        out.push_str(", waived");
    }
    out.push_str("): ");
    out.push_str(&f.message);
    if let Some(e) = f.evidence.as_ref().filter(|e| !e.matched.is_empty()) {
        out.push_str(" [");
        if !e.column.is_empty() {
            out.push_str(&e.column);
            out.push_str(": ");
        }
        out.push('"');
        out.push_str(&e.matched);
        out.push_str("\"]");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        for (name, input, want) in [
            ("plain", "Vitamin D3 1000 IU", "Vitamin D3 1000 IU"),
            ("ampersand", "D3 & K2", "D3 &amp; K2"),
            ("tags", "<b>K2</b>", "&lt;b&gt;K2&lt;/b&gt;"),
            ("quotes", r#"5" 'drops'"#, "5&quot; &apos;drops&apos;"),
            ("control characters", "a\u{0}b\u{1b}c\u{8}", "abc"),
            ("non-characters", "a\u{FFFE}\u{FFFF}b", "ab"),
            ("line breaks kept", "a\nb\r\tc", "a&#10;b&#13;&#9;c"),
            ("unicode kept", "125 µg Crème ® – ✓ 𝔻", "125 µg Crème ® – ✓ 𝔻"),
            ("formula stays text", "=HYPERLINK(\"x\")", "=HYPERLINK(&quot;x&quot;)"),
        ] {
            assert_eq!(escape(input), want, "{name}");
        }
    }

    #[test]
    fn a_suite_has_its_counts_and_cases() {
        let mut out = Vec::new();
        let suite = Suite { name: "shop.csv", tests: 3, failures: 1, skipped: 1, time: 0.0 };
        open(&mut out, &suite).unwrap_or_default();
        for (name, result) in [
            ("A – ok", CaseResult::Passed { out: "" }),
            ("B – bad", CaseResult::Failed { message: "fail", body: "FORM-K2-MK7 fail: no MK-7" }),
            ("C – other", CaseResult::Skipped { message: "no vitamin D or K" }),
        ] {
            case(&mut out, &Case { name, classname: "Acme", result }).unwrap_or_default();
        }
        close(&mut out).unwrap_or_default();
        let xml = String::from_utf8_lossy(&out);
        assert!(xml.contains(r#"<testsuite name="shop.csv" tests="3" failures="1" errors="0" skipped="1" time="0.000">"#), "{xml}");
        assert!(xml.contains(r#"<testcase name="A – ok" classname="Acme" time="0"/>"#), "{xml}");
        assert!(xml.contains(r#"<failure message="fail" type="k2d3-audit">FORM-K2-MK7 fail: no MK-7</failure>"#), "{xml}");
        assert!(xml.contains(r#"<skipped message="no vitamin D or K"/>"#), "{xml}");
        assert!(xml.ends_with("</testsuites>\n"));
    }
}
