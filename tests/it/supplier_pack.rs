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
    // What each supplier must be asked: findings.csv's non-waived rows, by supplier; a data gap
    // of the export is a request for label data (`data_needed`).
    let mut want: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for f in findings.rows.iter().filter(|f| f["waived"] == "no") {
        let supplier = supplier_of[&f["row"]].clone();
        let status = if f["data_gap"] == "yes" { "data_needed".to_string() } else { f["status"].clone() };
        want.entry(supplier).or_default().push((sku_of[&f["row"]].clone(), f["rule"].clone(), status));
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
    assert!(
        text.contains("Grade") && text.contains("fewer than 50 % of the graded products pass or only warn"),
        "the grade and its definition"
    );
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

/// An export without warnings and certifications columns: Gappy's products state neither, so
/// every open point of theirs is the export's data gap; Mixed has one product whose description
/// states both (pass), one with the same gaps, and one in D2 (a real fail).
const GAPS: &str = "sku,gtin,title,description,supplier
G1,4006040000013,Vitamin D3 1000 IU + K2 MK-7 100 mcg drops,Vitamin D3 (cholecalciferol) 1000 IU and vitamin K2 (menaquinone-7) 100 mcg per drop in MCT oil.,Gappy
G2,4006040000020,Vitamin D3 2000 IU + K2 MK-7 100 mcg softgels,Vitamin D3 (cholecalciferol) 2000 IU and vitamin K2 (menaquinone-7) 100 mcg per softgel in olive oil.,Gappy
M1,4006040000037,Vitamin D3 2000 IU + K2 MK-7 100 mcg softgels,Vitamin D3 (cholecalciferol) 2000 IU and vitamin K2 (menaquinone-7) 100 mcg per softgel in MCT oil. NSF Certified for Sport. Consult your doctor before use if you take warfarin or other blood thinners.,Mixed
M2,4006040000044,Vitamin D3 1000 IU + K2 MK-7 50 mcg drops,Vitamin D3 (cholecalciferol) 1000 IU and vitamin K2 (menaquinone-7) 50 mcg per drop in MCT oil.,Mixed
M3,4006040000051,Vitamin D2 1000 IU + K2 MK-7 100 mcg softgels,Vitamin D2 (ergocalciferol) 1000 IU and vitamin K2 (menaquinone-7) 100 mcg per softgel in MCT oil. NSF Certified for Sport. Consult your doctor before use if you take warfarin or other blood thinners.,Mixed
";

#[test]
fn a_supplier_whose_products_rest_on_data_gaps_is_not_graded_and_asked_for_label_data() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = write_catalogue(tmp.path(), "gaps.csv", GAPS.as_bytes());
    let out = tmp.path().join("out");
    let o = audit(&cat, &out, &["--retailer", "Shop GmbH"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let dir = out.join("gaps");
    let summary = read_json(&dir.join("summary.json"));
    let suppliers: BTreeMap<String, (serde_json::Value, serde_json::Value)> = summary["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), (s["grade"].clone(), s["graded"].clone())))
        .collect();
    // Gappy: nothing known against its products, nor for them: no grade, never A.
    assert_eq!(suppliers["Gappy"], (serde_json::Value::Null, serde_json::json!(0)), "{suppliers:?}");
    // Mixed: graded on M1 (pass) and M3 (D2 fails); M2's data gaps set aside: 1 of 2 good, D.
    assert_eq!(suppliers["Mixed"], (serde_json::json!("D"), serde_json::json!(2)), "{suppliers:?}");

    let by = dir.join("by-supplier");
    let (_, gappy) = pdf_text(&by.join("Gappy.pdf"));
    for needle in [
        "not graded: the label data needed is missing",
        "graded on 0 of 2 products",
        "Label data we need",
        "Please send the label's warnings text (SAFETY-WARFARIN)",
        "Please send the certificate or seal on the label (CERT-THIRD-PARTY)",
        "SKU G2 · GTIN 4006040000020",
        "No changes required",
    ] {
        assert!(gappy.contains(needle), "{needle:?} not in Gappy's review:\n{gappy}");
    }
    for wrong in ["Required changes", "Add the anticoagulant warning", "Obtain an independent certification"] {
        assert!(!gappy.contains(wrong), "{wrong:?}: a data gap is asked as a change:\n{gappy}");
    }
    // The criteria page lists every way a rule fails, in plain words, without policy settings.
    let criteria = gappy.split_once("The criteria").map_or("", |(_, c)| c);
    for needle in ["K1 only: fail", "no certification at all: fail", "D2 (ergocalciferol): fail", "vitamin K without a warfarin"] {
        assert!(criteria.contains(needle), "{needle:?} not on the criteria page:\n{criteria}");
    }
    for jargon in ["[data]", "no_column", "empty_cell", "other_ingredients"] {
        assert!(!criteria.contains(jargon), "{jargon:?} on the criteria page:\n{criteria}");
    }
    let (_, mixed) = pdf_text(&by.join("Mixed.pdf"));
    for needle in ["graded on 2 of 3 products", "Required changes", "Replace vitamin D2", "Label data we need", "SKU M2"] {
        assert!(mixed.contains(needle), "{needle:?} not in Mixed's review:\n{mixed}");
    }

    let rows = read_csv(&by.join("Gappy.csv")).rows;
    let got: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r["sku"].as_str(), r["rule"].as_str(), r["status"].as_str())).collect();
    assert_eq!(
        got,
        [
            ("G1", "CERT-THIRD-PARTY", "data_needed"),
            ("G1", "SAFETY-WARFARIN", "data_needed"),
            ("G2", "CERT-THIRD-PARTY", "data_needed"),
            ("G2", "SAFETY-WARFARIN", "data_needed"),
        ]
    );
    for r in &rows {
        let ask = &r["required_change"];
        assert!(ask.starts_with("Please send ") && ask.ends_with("No change to the label is asked."), "{r:?}");
    }
    let mixed_rows = read_csv(&by.join("Mixed.csv")).rows;
    let fail = mixed_rows.iter().find(|r| r["sku"] == "M3").unwrap();
    assert_eq!((fail["rule"].as_str(), fail["status"].as_str()), ("FORM-D3", "fail"));

    // A later review against this one: not graded then, not graded now.
    let again = tmp.path().join("again");
    let o = audit(&cat, &again, &["--baseline", out.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let (_, later) = pdf_text(&again.join("gaps/by-supplier/Gappy.pdf"));
    let since = later.split("Since the last review").nth(1).unwrap_or_default();
    let table = since.split("What we ask").next().unwrap_or_default();
    assert_eq!(table.matches("not graded").count(), 2, "previous grade and grade now: {table}");

    // The catalogue PDF's supplier table and `explain grades` say it too.
    let (_, report) = pdf_text(&dir.join("report.pdf"));
    assert!(report.contains("not graded"), "the catalogue report's supplier table");
    let explain = stdout(&run(&["explain", "grades"]));
    assert!(explain.contains("graded products") && explain.contains("not graded: the label data needed is missing"), "{explain}");
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
