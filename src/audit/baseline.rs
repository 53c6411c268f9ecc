//! Baseline: a previous run's audit.csv, to mark each product `new`, `worse`, `better` or `same`
//! and to list the products that are gone.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;
use crate::policy::{GradeCounts, GradeInput, OpenFinding};
use crate::results::{Change, GoneProduct, Severity, Verdict};
use crate::rules::Status;

#[derive(Debug)]
struct BaseEntry {
    sku: String,
    product: String,
    supplier: String,
    verdict: Verdict,
    /// How it counted toward its supplier's grade (SPEC §10).
    grade: GradeInput,
    seen: AtomicBool,
}

/// The baseline, indexed by product key.
#[derive(Debug, Default)]
pub struct Baseline {
    pub path: String,
    /// True when the baseline folder holds no earlier audit of this catalogue.
    pub missing: bool,
    entries: Vec<BaseEntry>,
    by_key: HashMap<String, usize>,
}

/// The keys a product is matched by, in order: SKU, GTIN, normalised product name.
pub fn product_keys(sku: &str, gtin: &str, product: &str) -> [Option<String>; 3] {
    let sku = sku.trim();
    let gtin: String = gtin.chars().filter(char::is_ascii_digit).collect::<String>().trim_start_matches('0').to_string();
    let name: String = product.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    [
        (!sku.is_empty()).then(|| format!("sku:{}", sku.to_lowercase())),
        (!gtin.is_empty()).then(|| format!("gtin:{gtin}")),
        (!name.is_empty()).then(|| format!("name:{name}")),
    ]
}

/// Per row of a baseline's findings.csv, how the product counted toward its supplier's grade,
/// by the rule `GradeInput::of` uses (rows without a finding are not in it: they passed). An
/// unreadable file gives what it could read; the grades are then approximate, nothing fails.
fn grade_inputs(findings: &Path) -> HashMap<String, GradeInput> {
    let Ok(mut r) = csv::ReaderBuilder::new().flexible(true).from_path(findings) else { return HashMap::new() };
    let Ok(headers) = r.headers().cloned() else { return HashMap::new() };
    let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
    let (Some(row_i), Some(status_i)) = (col("row"), col("status")) else { return HashMap::new() };
    let (criterion_i, waived_i, gap_i) = (col("criterion"), col("waived"), col("data_gap"));
    let mut open: HashMap<String, Vec<OpenFinding>> = HashMap::new();
    for rec in r.records().flatten() {
        let yes = |i: Option<usize>| i.and_then(|i| rec.get(i)) == Some("yes");
        let Some(status) = rec.get(status_i).and_then(Status::parse) else { continue };
        if status == Status::Pass || yes(waived_i) {
            continue;
        }
        let safety = criterion_i.and_then(|i| rec.get(i)) == Some("safety");
        open.entry(rec.get(row_i).unwrap_or("").to_string()).or_default().push(OpenFinding { status, safety, data_gap: yes(gap_i) });
    }
    open.into_iter().map(|(row, findings)| (row, GradeInput::from_open(findings.into_iter()))).collect()
}

/// The file beside audit.csv that keeps each record's GTIN (audit.csv has no GTIN column), so a
/// later run can match products by GTIN.
pub const KEYS_FILE: &str = ".k2d3-keys.csv";

impl Baseline {
    /// Loads `DIR/audit.csv`, `DIR/<stem>/audit.csv` or the audit.csv given.
    pub fn load(dir_or_file: &Path, stem: &str) -> Result<Baseline, Error> {
        let candidates: Vec<PathBuf> = if dir_or_file.is_file() {
            vec![dir_or_file.to_path_buf()]
        } else {
            vec![dir_or_file.join("audit.csv"), dir_or_file.join(stem).join("audit.csv")]
        };
        let Some(path) = candidates.iter().find(|p| p.is_file()) else {
            // A catalogue new since the last run has no folder in it: every product is new.
            if dir_or_file.is_dir() {
                return Ok(Baseline {
                    path: format!("{} (no earlier audit of {stem})", dir_or_file.display()),
                    missing: true,
                    ..Baseline::default()
                });
            }
            return Err(Error::Catalogue {
                path: dir_or_file.display().to_string(),
                message: format!(
                    "no baseline audit.csv here (looked for {})",
                    candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                ),
            });
        };
        let shown = path.display().to_string();
        let err = |m: String| Error::Catalogue { path: shown.clone(), message: m };
        let mut rdr =
            csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| Error::io(path, "cannot read the baseline", e.into()))?;
        let headers = rdr.headers().map_err(|e| Error::io(path, "cannot read the baseline header", e.into()))?.clone();
        let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
        let (Some(sku_i), Some(product_i), Some(verdict_i)) = (col("sku"), col("product"), col("verdict")) else {
            return Err(err("not an audit.csv: the sku, product and verdict columns are missing".into()));
        };
        let supplier_i = col("supplier");
        let safety_i = col("safety");
        let row_i = col("row");
        // GTINs by row, when the previous run kept them.
        let mut gtins: HashMap<String, String> = HashMap::new();
        if let Some(keys) = path.parent().map(|d| d.join(KEYS_FILE)).filter(|k| k.is_file())
            && let Ok(mut r) = csv::ReaderBuilder::new().flexible(true).from_path(&keys)
        {
            for rec in r.records().flatten() {
                if let (Some(row), Some(g)) = (rec.get(0), rec.get(1)) {
                    gtins.insert(row.to_string(), g.to_string());
                }
            }
        }
        let grading = path.parent().map(|d| d.join("findings.csv")).filter(|f| f.is_file()).map(|f| grade_inputs(&f));
        let mut b = Baseline { path: shown.clone(), ..Baseline::default() };
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| err(format!("record {}: {e}", i + 1)))?;
            let unescape = |s: &str| crate::report::csv::unescape(s).to_string();
            let sku = unescape(rec.get(sku_i).unwrap_or(""));
            let product = unescape(rec.get(product_i).unwrap_or(""));
            let supplier = supplier_i.and_then(|s| rec.get(s)).map(unescape).unwrap_or_default();
            let Some(verdict) = Verdict::parse(rec.get(verdict_i).unwrap_or("")) else { continue };
            let safety_fail = safety_i.and_then(|s| rec.get(s)) == Some("fail");
            let row = row_i.and_then(|r| rec.get(r)).unwrap_or("");
            let grade = match &grading {
                // A row without an open finding there passed.
                Some(g) => g.get(row).copied().unwrap_or(GradeInput { graded: true, ok: true, safety_fail: false }),
                // Without its findings.csv, a product counts as graded, as its verdict says.
                None => GradeInput { graded: true, ok: matches!(verdict, Verdict::Pass | Verdict::Warn), safety_fail },
            };
            let gtin = row_i.and_then(|r| rec.get(r)).and_then(|r| gtins.get(r)).map_or("", String::as_str);
            let idx = b.entries.len();
            let mut fresh = false;
            for key in product_keys(&sku, gtin, &product).into_iter().flatten() {
                if let std::collections::hash_map::Entry::Vacant(e) = b.by_key.entry(key) {
                    e.insert(idx);
                    fresh = true;
                }
            }
            if fresh {
                b.entries.push(BaseEntry { sku, product, supplier, verdict, grade, seen: AtomicBool::new(false) });
            }
        }
        Ok(b)
    }

    /// Compares a product with its baseline entry (marking the entry seen).
    /// Products are matched by SKU, falling back to GTIN, then to the normalised name (the name
    /// only links records where one side has no SKU, so two sizes with their own SKUs stay apart).
    pub fn compare(&self, sku: &str, gtin: &str, product: &str, verdict: Verdict) -> (Change, Option<Verdict>) {
        let [by_sku, by_gtin, by_name] = product_keys(sku, gtin, product);
        let found = by_sku.and_then(|k| self.by_key.get(&k)).or_else(|| by_gtin.and_then(|k| self.by_key.get(&k))).or_else(|| {
            by_name.and_then(|k| self.by_key.get(&k)).filter(|&&i| sku.trim().is_empty() || self.entries[i].sku.trim().is_empty())
        });
        let Some(&i) = found else { return (Change::New, None) };
        let e = &self.entries[i];
        e.seen.store(true, Ordering::Relaxed);
        let before = e.verdict;
        let change = match (before.severity(), verdict.severity()) {
            (Some(a), Some(b)) if b > a => Change::Worse,
            (Some(a), Some(b)) if b < a => Change::Better,
            (None, Some(b)) if b > Severity::Pass => Change::Worse,
            _ => Change::Same,
        };
        (change, Some(before))
    }

    /// Per supplier, its audited products as a grade counts them: from the baseline's
    /// findings.csv (which says which findings were data gaps), else from its verdicts and
    /// safety column; by the key `key` groups its supplier under (SPEC §10: spellings of one
    /// supplier are one).
    pub fn supplier_grades(&self, key: impl Fn(&str) -> String) -> BTreeMap<String, GradeCounts> {
        let mut out: BTreeMap<String, GradeCounts> = BTreeMap::new();
        for e in self.entries.iter().filter(|e| matches!(e.verdict, Verdict::Pass | Verdict::Warn | Verdict::Review | Verdict::Fail)) {
            out.entry(key(&e.supplier)).or_default().add(e.grade);
        }
        out
    }

    /// Baseline products never compared: gone from the catalogue.
    pub fn gone(&self) -> Vec<GoneProduct> {
        self.entries
            .iter()
            .filter(|e| !e.seen.load(Ordering::Relaxed))
            .map(|e| GoneProduct { sku: e.sku.clone(), product: e.product.clone(), supplier: e.supplier.clone(), verdict: e.verdict })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::GradesSection;

    /// A previous run's audit.csv and findings.csv: its grades set data gaps aside, as this
    /// run's do (SPEC §10).
    #[test]
    fn previous_grades_set_data_gaps_aside() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", "cannot create", e))?;
        let audit = "row,line,sku,product,brand,supplier,verdict,form,ratio,carrier,certification,safety\n\
                     1,2,G1,P1,,Gappy,review,pass,pass,pass,review,review\n\
                     2,3,G2,P2,,Gappy,review,pass,pass,pass,review,review\n\
                     3,4,M1,P3,,Mixed,pass,pass,pass,pass,pass,pass\n\
                     4,5,M2,P4,,Mixed,review,review,pass,pass,review,pass\n\
                     5,6,M3,P5,,Mixed,fail,pass,pass,pass,pass,fail\n\
                     6,7,M4,P6,,Mixed,fail,fail,pass,pass,pass,pass\n";
        let findings = "row,sku,criterion,rule,status,message,evidence,column,waived,data_gap\n\
                        1,G1,safety,SAFETY-WARFARIN,review,m,,,no,yes\n\
                        2,G2,certification,CERT-THIRD-PARTY,review,m,,,no,yes\n\
                        4,M2,form,FORM-K2-MK7,review,m,,,no,no\n\
                        4,M2,certification,CERT-THIRD-PARTY,review,m,,,no,yes\n\
                        5,M3,safety,SAFETY-WARFARIN,fail,m,,,no,no\n\
                        6,M4,form,FORM-D3,fail,m,,,yes,no\n";
        for (name, text) in [("audit.csv", audit), ("findings.csv", findings)] {
            std::fs::write(dir.path().join(name), text).map_err(|e| Error::io(name, "cannot write", e))?;
        }
        let b = Baseline::load(dir.path(), "x")?;
        let grades = b.supplier_grades(str::to_string);
        let input = |graded, ok, safety_fail| GradeCounts { audited: 0, graded, ok, safety_fail };
        let cases = [
            ("only data gaps: none graded", "Gappy", GradeCounts { audited: 2, ..input(0, 0, 0) }),
            (
                "a pass, a real review beside a gap, a safety fail, a waived fail (a pass)",
                "Mixed",
                GradeCounts { audited: 4, ..input(4, 2, 1) },
            ),
        ];
        for (name, supplier, want) in cases {
            assert_eq!(grades.get(supplier), Some(&want), "{name}");
        }
        assert_eq!(grades["Gappy"].grade(&GradesSection::default()), None, "no grade, never A");
        Ok(())
    }
}
