//! One record, final: the typed row every per-row output is made from (audit.csv, findings.csv,
//! rejected.csv, the suppliers' action lists, audit.xlsx, audit.junit.xml, report.html). Built
//! once per record on the pool, handed to the outputs in input order by the writer thread
//! (`report::sink`), so no output ever reads another's text back.

use std::borrow::Cow;

use super::assessed::Assessed;
use super::changes::Change;
use crate::rules::Status;

/// One record with everything an output shows of it.
#[derive(Debug)]
pub struct AuditRow {
    /// The assessment: record fields, facts, findings (waivers applied), statuses, verdict, and
    /// the duplicate-SKU finding already in place (duplicates are known before assessment).
    pub assessed: Assessed<'static>,
    /// With `--baseline`: how the product moved since then.
    pub change: Option<Change>,
}

impl AuditRow {
    /// audit.csv's `issues` text, into `out` (cleared first).
    pub fn issues(&self, out: &mut String) {
        issues(&self.assessed, out);
    }
}

/// What a record's `issues` cell says: an invalid record's reason, a continuation row's handle,
/// else the messages of its findings that count (not pass, not waived), `; `-joined.
pub fn issues(a: &Assessed, out: &mut String) {
    out.clear();
    match &a.invalid {
        Some(inv) => out.push_str(&inv.reason),
        None if a.continuation_of.is_some() => {
            out.push_str("continuation row of ");
            out.push_str(a.continuation_of.as_deref().unwrap_or(""));
        }
        None => {
            for f in a.findings.iter().filter(|f| f.effective_status() != Status::Pass) {
                if !out.is_empty() {
                    out.push_str("; ");
                }
                out.push_str(&f.message);
            }
        }
    }
}

impl Assessed<'_> {
    /// The same assessment owning its texts (to outlive the batch it was read in).
    pub fn into_owned(self) -> Assessed<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        Assessed {
            row: self.row,
            line: self.line,
            sku: own(self.sku),
            gtin: own(self.gtin),
            product: own(self.product),
            brand: own(self.brand),
            supplier: own(self.supplier),
            verdict: self.verdict,
            statuses: self.statuses,
            facts: self.facts,
            findings: self.findings,
            invalid: self.invalid,
            continuation_of: self.continuation_of,
        }
    }
}
