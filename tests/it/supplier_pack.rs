//! The supplier review pack (SPEC §10) as a user gets it: `--split-by supplier` on a catalogue of
//! several suppliers, read back: the action lists against findings.csv, the review PDFs' text,
//! the grades, `--respond-by`, and the changes since a baseline.


use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::*;

const EPOCH: &str = "1795996800"; // 2026-11-30

fn audit(catalogue: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["audit", catalogue.to_str().unwrap(), "--out", out.to_str().unwrap(), "--split-by", "supplier", "--quiet"];
    args.extend_from_slice(extra);
    bin().env("SOURCE_DATE_EPOCH", EPOCH).args(&args).output().unwrap()
}

fn pdf_text(path: &Path) -> (usize, String) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut w = Vec::new();
    let doc = printpdf::PdfDocument::parse(&bytes, &printpdf::PdfParseOptions::default(), &mut w).unwrap();
    let pages = doc.extract_text();
    (pages.len(), pages.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n"))
}

fn fixture() -> PathBuf {
    fixtures().join("supplier-review.csv")
}

#[test]
fn action_lists_hold_one_row_per_finding_the_supplier_must_act_on() {
    let out = tempfile::tempdir().unwrap();
    // --format json only: the pack is written whatever --format says.
    let o = audit(&fixture(), out.path(), &["--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let dir = out.path().join("supplier-review");
    let (_keep, plain) = fixture_run_audit(&fixture());
    let audit = read_csv(&plain.join("audit.csv"));
    let findings = read_csv(&plain.join("findings.csv"));
    let supplier_of: BTreeMap<String, String> = audit.rows.iter().map(|r| (r["row"].clone(), r["supplier"].clone())).collect();
    let sku_of: BTreeMap<String, String> = audit.rows.iter().map(|r| (r["row"].clone(), r["sku"].clone())).collect();
    // What each supplier must be asked: findings.csv's non-waived rows, by supplier.
    let mut want: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for f in findings.rows.iter().filter(|f| f["waived"] == "no" && f.get("data_gap").is_none_or(|g| g == "no")) {
        let supplier = supplier_of[&f["row"]].clone();
        want.entry(supplier).or_default().push((sku_of[&f["row"]].clone(), f["rule"].clone(), f["status"].clone()));
    }
    let by = dir.join("by-supplier");
    let summary_suppliers = ["Emerson Ecologics", "NOW Foods", "Nordic Naturals Inc.", "Sports Research"];
    for name in summary_suppliers {
        let file = by.join(format!("{}.csv", name.replace([' ', '.'], "-").trim_end_matches('-')));
        let t = read_csv(&file);
        assert_eq!(
            t.header,
            ["sku", "gtin", "product", "verdict", "criterion", "rule", "status", "required_change", "evidence"],
            "{}",
            file.display()
        );
        let got: Vec<(String, String, String)> =
            t.rows.iter().map(|r| (r["sku"].clone(), r["rule"].clone(), r["status"].clone())).collect();
        assert_eq!(got, want.get(name).cloned().unwrap_or_default(), "{name}: the action list is findings.csv's rows of its products");
        for r in &t.rows {
            assert!(!r["required_change"].is_empty(), "{name}: {r:?} has no required change");
            assert!(r["gtin"].len() >= 12, "{name}: {r:?} has no GTIN");
            assert_ne!(r["verdict"], "pass");
        }
    }
    assert_eq!(want.get("Sports Research"), None, "the fixture's all-pass supplier");
    let emerson = read_csv(&by.join("Emerson-Ecologics.csv"));
    let ratio = emerson.rows.iter().find(|r| r["sku"] == "TH-D3K2-5K-60" && r["rule"] == "RATIO-K2-PER-D3").unwrap();
    assert_eq!(ratio["required_change"], "Raise K2 (MK-7) from 45 µg to at least 100 µg a day for 5,000 IU D3, or lower D3 to 2,250 IU.");
    assert_eq!(ratio["evidence"], "Vitamin K2 (mcg): \"45\"");
    // No catalogue CSVs and no report.pdf were asked for, but the pack is there.
    assert!(!dir.join("report.pdf").exists() && by.join("Emerson-Ecologics.pdf").is_file());
}

/// A plain run of `catalogue` (default formats) in a fresh folder, for its audit.csv and
/// findings.csv.
fn fixture_run_audit(catalogue: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    let o = bin()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["audit", catalogue.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let dir = out.join(catalogue.file_stem().unwrap());
    (tmp, dir)
}

#[test]
fn review_pdfs_carry_the_cover_and_nothing_catalogue_internal() {
    let out = tempfile::tempdir().unwrap();
    let contact = "Dana Whitfield, dana.whitfield@vitalaisle.example";
    let o = audit(&fixture(), out.path(), &["--retailer", "VitalAisle Pharmacy", "--contact", contact, "--respond-by", "2027-01-15"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let dir = out.path().join("supplier-review");
    let summary = read_json(&dir.join("summary.json"));
    let sha = summary["catalogue"]["sha256"].as_str().unwrap().to_string();
    let grades: BTreeMap<String, String> = summary["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s["grade"].as_str().unwrap().to_string()))
        .collect();
    // Nordic: 6 of 7 pass or warn (86 %, a B), one fails the warfarin rule: capped at C.
    let want: BTreeMap<String, String> =
        [("Emerson Ecologics", "E"), ("NOW Foods", "E"), ("Nordic Naturals Inc.", "C"), ("Sports Research", "A")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
    assert_eq!(grades, want);

    let (pages, text) = pdf_text(&dir.join("by-supplier/Emerson-Ecologics.pdf"));
    for needle in ["Supplier review", "Emerson Ecologics", "VitalAisle Pharmacy", "2026-11-30", contact, "Please respond by", "2027-01-15"]
    {
        assert!(text.contains(needle), "{needle:?} not in the review");
    }
    assert!(text.contains("Grade") && text.contains("fewer than 50 % of the products pass or only warn"), "the grade and its definition");
    assert!(text.contains("Required changes") && text.contains("The criteria"));
    assert!(text.contains("SKU TH-D3K2-5K-60 · GTIN 0693749005217"), "products by SKU and GTIN");
    assert!(text.contains("lower D3 to 2,250 IU"), "a change computed from the product's own numbers");
    assert!(text.contains("Products that pass") && text.contains("PE-D3K2-LIQ"));
    for leak in [sha.as_str(), &sha[..12], "supplier-review.csv", "row 1", "records"] {
        assert!(!text.contains(leak), "catalogue-internal {leak:?} in the supplier review");
    }
    assert!(pages >= 3, "{pages} pages");

    let (nordic_pages, nordic) = pdf_text(&dir.join("by-supplier/Nordic-Naturals-Inc.pdf"));
    assert!(nordic.contains("the grade cannot be better than C"), "the safety cap is explained");
    assert!(nordic.contains("Add the anticoagulant warning to the label"), "{nordic_pages}");
}

#[test]
fn a_supplier_with_every_product_passing_gets_a_short_no_changes_document() {
    let out = tempfile::tempdir().unwrap();
    let o = audit(&fixture(), out.path(), &[]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let by = out.path().join("supplier-review/by-supplier");
    let (pages, text) = pdf_text(&by.join("Sports-Research.pdf"));
    assert!(pages <= 2, "{pages} pages");
    assert!(text.contains("No changes required"));
    assert!(!text.contains("Required changes"));
    for sku in ["SR-D3K2-2K-60", "SR-D3K2-1K-DROP", "SR-D3K2-4K-120"] {
        assert!(text.contains(sku), "{sku} listed among the products that pass");
    }
    // Without --respond-by: the date + 30 days; without --retailer/--contact: said so.
    assert!(text.contains("2026-12-30") && text.contains("(not given)"));
    let t = read_csv(&by.join("Sports-Research.csv"));
    assert!(t.rows.is_empty(), "the action list is a header only");
}

#[test]
fn respond_by_must_be_a_date() {
    let out = tempfile::tempdir().unwrap();
    for bad in ["next friday", "2027-02-30", "15.01.2027", "2027-1-5"] {
        let o = audit(&fixture(), out.path(), &["--respond-by", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = stderr(&o);
        assert!(err.contains("--respond-by") && err.contains("YYYY-MM-DD") && err.contains(bad), "{err}");
    }
    assert!(!out.path().join("supplier-review").exists(), "nothing is written on a usage error");
}

#[test]
fn the_cover_says_what_changed_since_the_last_review() {
    let tmp = tempfile::tempdir().unwrap();
    let before = tmp.path().join("before");
    let o = audit(&fixture(), &before, &[]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    // Nordic adds the warning it lacked (fixed); NOW drops its D2 product (gone).
    let text = std::fs::read_to_string(fixture()).unwrap();
    let text = text.replace(
        "NSF Certified for Sport,Keep out of reach of children. Store in a cool dry place.",
        "NSF Certified for Sport,Consult your physician before use if taking blood thinners such as warfarin.",
    );
    let text: String = text.lines().filter(|l| !l.starts_with("NOW-D2-1K-120")).map(|l| format!("{l}\n")).collect();
    let catalogue = write_catalogue(tmp.path(), "supplier-review.csv", text.as_bytes());
    let after = tmp.path().join("after");
    let o = audit(&catalogue, &after, &["--baseline", before.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let (_, nordic) = pdf_text(&after.join("supplier-review/by-supplier/Nordic-Naturals-Inc.pdf"));
    assert!(nordic.contains("Since the last review"), "{nordic}");
    // The table row: fixed, worse, new, gone, previous grade, grade now.
    assert!(nordic.contains("1 0 0 0 C A"), "{nordic}");
    let (_, now) = pdf_text(&after.join("supplier-review/by-supplier/NOW-Foods.pdf"));
    assert!(now.contains("0 0 0 1 E E"), "{now}");
}
