//! One supplier, one pack (SPEC §10) as a merchandiser meets it: a Shopify export whose vendor is
//! spelt four ways, `Carlson` beside `Carlson Labs`, `Dr. Mercola` beside `Dr Mercola`, and
//! products sold in several sizes. Read back: the pack's files, summary.json's `supplier_names`,
//! the PDFs' text (pdftotext), the action lists, and the same bytes for `--jobs 1` and `--jobs 2`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

const EPOCH: &str = "1795996800"; // 2026-11-30

/// A GTIN-13 with its GS1 check digit, from 12 digits.
fn gtin(d12: &str) -> String {
    let sum: u32 = d12.chars().rev().enumerate().map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 3 } else { 1 }).sum();
    format!("{d12}{}", (10 - sum % 10) % 10)
}

fn body(d3: u32, k2: u32, oil: &str) -> String {
    format!(
        "<p>Vitamin D3 (cholecalciferol) {d3} IU and vitamin K2 as MK-7 (menaquinone-7) {k2} mcg per softgel. Take 1 softgel daily.</p><p>Other ingredients: {oil}, softgel (bovine gelatin, glycerin).</p><p>Warnings: if you take anticoagulant medication such as warfarin, consult your physician.</p>"
    )
}

const HEADER: &str =
    "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Barcode,Variant Price,Image Src\n";

/// The Shopify export: (handle, title, body, vendor, option, sku, gtin) per row; a row with an
/// empty title is a variant of the row above.
fn shopify(rows: &[(&str, &str, String, &str, &str, &str, String)]) -> String {
    let mut csv = HEADER.to_string();
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for (handle, title, body, vendor, option, sku, gtin) in rows {
        csv.push_str(&format!("{handle},{},{},{},Supplements,,Size,{option},{sku},{gtin},9.99,\n", q(title), q(body), q(vendor)));
    }
    csv
}

/// NOW Foods spelt four ways (one product in three Shopify variants, one in two sizes, one that
/// passes), Carlson and Carlson Labs, Dr. Mercola and Dr Mercola.
fn catalogue(dir: &Path) -> PathBuf {
    let low = body(1000, 10, "extra virgin olive oil");
    let high = body(5000, 20, "olive oil");
    let good = body(2000, 200, "MCT oil").replace("Warnings:", "Certifications: NSF Certified. Warnings:");
    let rows = vec![
        ("now-d3k2", "NOW Foods Vitamin D3 + K2 1000 IU", low.clone(), "NOW Foods", "60 softgels", "NOW-60", gtin("073373900060")),
        ("now-d3k2", "", String::new(), "", "120 softgels", "NOW-120", gtin("073373900061")),
        ("now-d3k2", "", String::new(), "", "240 softgels", "NOW-240", gtin("073373900062")),
        ("now-5k-60", "NOW Foods D3 + K2 5000 IU, 60 Softgels", high.clone(), "Now Foods", "60", "NOW-5K-60", gtin("073373900070")),
        ("now-5k-120", "NOW Foods D3 + K2 5000 IU, 120 Softgels", high, "NOW  FOODS", "120", "NOW-5K-120", gtin("073373900071")),
        ("now-good", "Now-Foods D3 + K2 2000 IU", good, "NOW Foods", "60", "NOW-GOOD", gtin("073373900080")),
        ("carlson-1", "Carlson D3 + K2 2000 IU", body(2000, 20, "olive oil"), "Carlson", "", "CAR-1", gtin("008839500001")),
        ("carlson-2", "Carlson Labs Kid's D3 + K2 400 IU", body(400, 10, "MCT oil"), "Carlson Labs", "", "CAR-2", gtin("008839500002")),
        ("merc-1", "Dr. Mercola Vitamin D3 + K2 5000 IU", body(5000, 180, "MCT oil"), "Dr. Mercola", "", "MERC-1", gtin("085160000001")),
        ("merc-2", "Dr Mercola D3 1000 IU + K2 45 mcg", body(1000, 45, "MCT oil"), "Dr Mercola", "", "MERC-2", gtin("085160000002")),
    ];
    let p = dir.join("shop.csv");
    std::fs::write(&p, shopify(&rows)).unwrap();
    p
}

fn audit(catalogue: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["audit", catalogue.to_str().unwrap(), "--out", out.to_str().unwrap(), "--split-by", "supplier", "--quiet"];
    args.extend_from_slice(extra);
    let o = bin().env("SOURCE_DATE_EPOCH", EPOCH).args(&args).output().unwrap();
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    o
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// pdftotext's text of a PDF; None (the check is skipped) where poppler is not installed, except
/// on CI, which installs it.
fn pdftotext(pdf: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext").args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]).output() {
        Ok(o) => {
            assert!(o.status.success(), "pdftotext {}: {}", pdf.display(), stderr(&o));
            Some(stdout(&o))
        }
        Err(_) => {
            assert!(std::env::var("CI").is_err(), "pdftotext is not installed on CI");
            None
        }
    }
}

/// One supplier in `supplier_names`: its spellings with their records, and the names that may be
/// the same supplier.
type Names = (Vec<(String, u64)>, Vec<String>);

/// summary.json's `supplier_names`, by name.
fn supplier_names(summary: &serde_json::Value) -> BTreeMap<String, Names> {
    let list = summary["supplier_names"].as_array().expect("supplier_names is a list");
    list.iter()
        .map(|e| {
            let spellings = e["spellings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["name"].as_str().unwrap().to_string(), s["records"].as_u64().unwrap()))
                .collect();
            let maybe = e["may_be_same"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
            (e["name"].as_str().unwrap().to_string(), (spellings, maybe))
        })
        .collect()
}

#[test]
fn spellings_of_one_supplier_are_one_pack_under_the_most_frequent_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalogue(dir.path());
    audit(&cat, &dir.path().join("out"), &[]);
    let out = dir.path().join("out/shop");
    // One file per supplier: no `Dr-Mercola-2.pdf`, no `Now-Foods.pdf` beside `NOW-Foods.pdf`.
    assert_eq!(
        files(&out.join("by-supplier")),
        [
            "Carlson-Labs.csv",
            "Carlson-Labs.pdf",
            "Carlson.csv",
            "Carlson.pdf",
            "Dr-Mercola.csv",
            "Dr-Mercola.pdf",
            "NOW-Foods.csv",
            "NOW-Foods.pdf"
        ]
    );
    let summary = read_json(&out.join("summary.json"));
    let suppliers: BTreeMap<String, u64> = summary["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s["products"].as_u64().unwrap()))
        .collect();
    let want: BTreeMap<String, u64> =
        [("NOW Foods", 6), ("Carlson", 1), ("Carlson Labs", 1), ("Dr. Mercola", 2)].into_iter().map(|(n, k)| (n.to_string(), k)).collect();
    assert_eq!(suppliers, want, "NOW Foods is shown as spelt most often; Dr. Mercola by the first of a tie");
    let names = supplier_names(&summary);
    // The variant rows inherit the vendor `NOW Foods`: 4 of its 6 products.
    let now: Vec<(&str, u64)> = names["NOW Foods"].0.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    assert_eq!(now, [("NOW Foods", 4), ("Now Foods", 1), ("NOW  FOODS", 1)], "every spelling, most records first");
    assert_eq!(names["Dr. Mercola"].0.len(), 2);
    assert_eq!(names["Carlson"].1, ["Carlson Labs"], "maybe the same supplier");
    assert_eq!(names["Carlson Labs"].1, ["Carlson"]);
    assert!(names["NOW Foods"].1.is_empty());
    // audit.csv keeps each record's supplier as written.
    let audit = read_csv(&out.join("audit.csv"));
    assert!(audit.rows.iter().any(|r| r["supplier"] == "NOW  FOODS"));
    // The action list holds every spelling's products, one row per SKU and finding.
    let list = read_csv(&out.join("by-supplier/NOW-Foods.csv"));
    let skus: Vec<&str> = list.rows.iter().map(|r| r["sku"].as_str()).collect();
    for sku in ["NOW-60", "NOW-120", "NOW-240", "NOW-5K-60", "NOW-5K-120"] {
        assert!(skus.contains(&sku), "{sku} in {skus:?}");
    }
    let findings = read_csv(&out.join("findings.csv"));
    let rows_of = |sku: &str| list.rows.iter().filter(|r| r["sku"] == sku).count();
    assert_eq!(rows_of("NOW-60"), rows_of("NOW-240"), "each variant keeps its own rows");
    assert!(rows_of("NOW-60") >= 2 && findings.rows.len() >= list.rows.len());
    // The catalogue report's supplier page names the possible same supplier, with the hint.
    if let Some(text) = pdftotext(&out.join("report.pdf")) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Maybe the same supplier"), "{flat}");
        assert!(flat.contains(r#"Carlson / Carlson Labs: [suppliers] "Carlson Labs" = ["Carlson"]"#), "{flat}");
        assert!(flat.contains(r#"NOW Foods: "NOW Foods" (4), "Now Foods" (1), "NOW FOODS" (1)"#), "{flat}");
    }
}

#[test]
fn a_suppliers_alias_joins_carlson_and_carlson_labs() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalogue(dir.path());
    let mapping = dir.path().join("map.toml");
    std::fs::write(&mapping, "[suppliers]\n\"Carlson Labs\" = [\"Carlson\", \"J.R. Carlson Laboratories\"]\n").unwrap();
    audit(&cat, &dir.path().join("out"), &["--mapping", mapping.to_str().unwrap()]);
    let out = dir.path().join("out/shop");
    let by = files(&out.join("by-supplier"));
    assert!(by.contains(&"Carlson-Labs.pdf".to_string()) && !by.contains(&"Carlson.pdf".to_string()), "{by:?}");
    let list = read_csv(&out.join("by-supplier/Carlson-Labs.csv"));
    let skus: std::collections::BTreeSet<&str> = list.rows.iter().map(|r| r["sku"].as_str()).collect();
    assert_eq!(skus.into_iter().collect::<Vec<_>>(), ["CAR-1", "CAR-2"]);
    let summary = read_json(&out.join("summary.json"));
    let names = supplier_names(&summary);
    let carlson: Vec<&str> = names["Carlson Labs"].0.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(carlson, ["Carlson", "Carlson Labs"], "the spellings joined (a tie: first seen first)");
    assert!(names["Carlson Labs"].1.is_empty(), "joined names are no longer 'maybe the same'");
    assert!(!names.contains_key("Carlson"));
    let row = summary["suppliers"].as_array().unwrap().iter().find(|s| s["name"] == "Carlson Labs").cloned().unwrap_or_default();
    assert_eq!(row["products"], 2);
}

#[test]
fn a_spelling_claimed_by_two_suppliers_is_exit_2_naming_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalogue(dir.path());
    let mapping = dir.path().join("map.toml");
    std::fs::write(&mapping, "[suppliers]\n\"Carlson Labs\" = [\"Carlson\"]\n\"Carlson Bros\" = [\"CARLSON\"]\n").unwrap();
    let o = bin()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["audit", cat.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap(), "--mapping", mapping.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("map.toml:3:19"), "{err}");
    assert!(err.contains("`CARLSON` is claimed by both `Carlson Labs` (line 2) and `Carlson Bros` (line 3)"), "{err}");
}

#[test]
fn variants_are_one_entry_listing_every_sku_and_gtin() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalogue(dir.path());
    audit(&cat, &dir.path().join("out"), &[]);
    let by = dir.path().join("out/shop/by-supplier");
    let Some(text) = pdftotext(&by.join("NOW-Foods.pdf")) else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Each section of the pack lists a product once: the export has no certifications column, so
    // the same entries are asked for label data under "Label data we need" too.
    let (changes, requests) = flat.split_once("Label data we need Our product data").unwrap_or((&flat, ""));
    // The Shopify product (three variant rows) is listed once, with its three SKUs and GTINs.
    for section in [changes, requests] {
        assert_eq!(section.matches("NOW Foods Vitamin D3 + K2 1000 IU").count(), 1, "{section}");
        assert_eq!(section.matches("NOW-5K-120").count(), 1, "{section}");
    }
    let ids = format!(
        "3 variants: SKU NOW-60 · GTIN {}; SKU NOW-120 · GTIN {}; SKU NOW-240 · GTIN {}",
        gtin("073373900060"),
        gtin("073373900061"),
        gtin("073373900062")
    );
    assert!(flat.contains(&ids), "{ids} in {flat}");
    // The two sizes are one entry too, each variant named by its size.
    assert!(flat.contains("2 variants: SKU NOW-5K-60"), "{flat}");
    // The action list keeps one row per SKU.
    let list = read_csv(&by.join("NOW-Foods.csv"));
    let per_sku = |sku: &str| list.rows.iter().filter(|r| r["sku"] == sku && r["rule"] == "RATIO-K2-DOSE").count();
    assert_eq!([per_sku("NOW-60"), per_sku("NOW-120"), per_sku("NOW-240"), per_sku("NOW-5K-60"), per_sku("NOW-5K-120")], [1; 5]);
}

#[test]
fn genuinely_different_names_that_make_one_file_name_keep_apart() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Laboratoires ".repeat(16);
    let (a, b) = (format!("{long}Alpha"), format!("{long}Beta"));
    let rows = vec![
        ("a", "Alpha D3 + K2 1000 IU", body(1000, 10, "olive oil"), a.as_str(), "", "A-1", gtin("400000000001")),
        ("b", "Beta D3 + K2 1000 IU", body(1000, 10, "olive oil"), b.as_str(), "", "B-1", gtin("400000000002")),
    ];
    let cat = dir.path().join("long.csv");
    std::fs::write(&cat, shopify(&rows)).unwrap();
    audit(&cat, &dir.path().join("out"), &[]);
    let by = files(&dir.path().join("out/long/by-supplier"));
    assert_eq!(by.len(), 4, "{by:?}");
    assert!(by.iter().any(|f| f.ends_with("-2.pdf")), "two suppliers whose names cut alike: {by:?}");
}

#[test]
fn jobs_1_and_2_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Over 2,000 records (several batches) whose spellings tie until the end.
    let spellings = ["Now Foods", "NOW Foods", "NOW  FOODS", "now-foods", "Carlson", "Carlson Labs", "Dr. Mercola", "Dr Mercola"];
    let mut csv = String::from("SKU,Title,Vendor,Description\n");
    for i in 0..2100 {
        let vendor = spellings[i % spellings.len()];
        let size = [60, 120][i % 2];
        csv.push_str(&format!(
            "S{i},\"{vendor} D3 + K2 {} IU, {size} softgels\",{vendor},\"{}\"\n",
            1000 + (i / 16) % 3 * 1000,
            "Vitamin D3 1000 IU, vitamin K2 MK-7 45 mcg. Take 1 softgel daily."
        ));
    }
    let cat = dir.path().join("many.csv");
    std::fs::write(&cat, csv).unwrap();
    let (one, two) = (dir.path().join("j1"), dir.path().join("j2"));
    audit(&cat, &one, &["--jobs", "1"]);
    audit(&cat, &two, &["--jobs", "2"]);
    let mut compared = 0;
    for sub in ["many", "many/by-supplier"] {
        for f in files(&one.join(sub)) {
            let (p1, p2) = (one.join(sub).join(&f), two.join(sub).join(&f));
            if p1.is_dir() {
                continue;
            }
            assert!(std::fs::read(&p1).unwrap() == std::fs::read(&p2).unwrap_or_default(), "{sub}/{f} differs between --jobs 1 and 2");
            compared += 1;
        }
    }
    assert_eq!(files(&one.join("many/by-supplier")), files(&two.join("many/by-supplier")));
    assert!(compared >= 12, "{compared}");
    let names = supplier_names(&read_json(&one.join("many/summary.json")));
    assert_eq!(names.keys().collect::<Vec<_>>(), ["Carlson", "Carlson Labs", "Dr. Mercola", "Now Foods"], "a tie goes to the first seen");
}

#[test]
fn a_baseline_spelt_otherwise_is_the_same_suppliers_last_review() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    let cat = catalogue(&first);
    // The next export spells the vendor otherwise: `Now Foods` -> `NOW-FOODS`, `NOW Foods` -> `now foods`.
    let text = std::fs::read_to_string(&cat).unwrap().replace("\"Now Foods\"", "\"NOW-FOODS\"").replace("\"NOW Foods\"", "\"now foods\"");
    std::fs::write(second.join("shop.csv"), text).unwrap();
    audit(&cat, &dir.path().join("out1"), &[]);
    let base = dir.path().join("out1/shop");
    audit(&second.join("shop.csv"), &dir.path().join("out2"), &["--baseline", base.to_str().unwrap()]);
    let by = dir.path().join("out2/shop/by-supplier");
    assert!(by.join("now-foods.pdf").exists(), "shown as now spelt most often: {:?}", files(&by));
    let Some(text) = pdftotext_layout(&by.join("now-foods.pdf")) else { return };
    let mut lines = text.lines().skip_while(|l| !l.contains("previous grade"));
    let _ = lines.next();
    let row: Vec<&str> = lines.next().unwrap_or_default().split_whitespace().collect();
    // fixed, worse, new, gone, previous grade, grade now: nothing new or gone, a previous grade.
    assert_eq!(row.len(), 6, "{row:?}");
    assert_eq!((row[2], row[3]), ("0", "0"), "{row:?}");
    assert_ne!(row[4], "-", "the baseline's spellings are the same supplier: {row:?}");
}

#[test]
fn a_supplier_waiver_matches_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalogue(dir.path());
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    let policy = dir.path().join("p.toml");
    std::fs::write(&policy, format!("{base}\n[[waivers]]\nsupplier = \"now foods\"\nrule = \"RATIO-K2-DOSE\"\nreason = \"agreed\"\n"))
        .unwrap();
    audit(&cat, &dir.path().join("out"), &["--policy", policy.to_str().unwrap()]);
    let findings = read_csv(&dir.path().join("out/shop/findings.csv"));
    let waived: Vec<&str> = findings.rows.iter().filter(|f| f["rule"] == "RATIO-K2-DOSE").map(|f| f["waived"].as_str()).collect();
    // Five NOW products (three spellings) waived; the two other suppliers' products not.
    assert_eq!(waived.iter().filter(|w| **w == "yes").count(), 5, "{waived:?}");
    assert!(waived.contains(&"no"), "{waived:?}");
}

fn pdftotext_layout(pdf: &Path) -> Option<String> {
    let o = std::process::Command::new("pdftotext").args(["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]).output().ok()?;
    Some(stdout(&o))
}

/// A supplier waiver follows the mapping file's `[suppliers]`: written for the supplier's name or
/// for any spelling joined to it, it covers every record of that supplier.
#[test]
fn a_supplier_waiver_follows_the_suppliers_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalogue(dir.path());
    let mapping = dir.path().join("map.toml");
    std::fs::write(&mapping, "[suppliers]\n\"Carlson Labs\" = [\"Carlson\"]\n").unwrap();
    // The rules both Carlson records break, from a run without waivers.
    let plain = dir.path().join("plain");
    audit(&cat, &plain, &["--mapping", mapping.to_str().unwrap()]);
    let findings = read_csv(&plain.join("shop/findings.csv"));
    let rules_of = |sku: &str| -> std::collections::BTreeSet<String> {
        findings.rows.iter().filter(|f| f["sku"] == sku && f["status"] != "pass").map(|f| f["rule"].clone()).collect()
    };
    let shared: Vec<String> = rules_of("CAR-1").intersection(&rules_of("CAR-2")).cloned().collect();
    let rule = shared.first().expect("the two Carlson records share a finding").clone();
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    for (case, named) in [("the supplier's name", "Carlson Labs"), ("a joined spelling", "carlson")] {
        let policy = dir.path().join(format!("{named}.toml"));
        std::fs::write(&policy, format!("{base}\n[[waivers]]\nsupplier = \"{named}\"\nrule = \"{rule}\"\nreason = \"agreed\"\n")).unwrap();
        let out = dir.path().join(format!("out-{named}"));
        audit(&cat, &out, &["--mapping", mapping.to_str().unwrap(), "--policy", policy.to_str().unwrap()]);
        let findings = read_csv(&out.join("shop/findings.csv"));
        let waived: Vec<(String, String)> = findings
            .rows
            .iter()
            .filter(|f| f["rule"] == rule && f["sku"].starts_with("CAR-"))
            .map(|f| (f["sku"].clone(), f["waived"].clone()))
            .collect();
        assert_eq!(waived.len(), 2, "{case}: {waived:?}");
        assert!(waived.iter().all(|(_, w)| w == "yes"), "{case}: every Carlson record waived: {waived:?}");
    }
}
