//! Spreadsheet-ready outputs (SPEC §9, §11): CSVs with a byte-order mark, audit.xlsx read back
//! with calamine, audit.junit.xml parsed back and counted against audit.csv.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{Data, Reader, Xlsx, open_workbook};

/// A small export in a real shop's shape: a zero-padded SKU, a SKU Excel reads as a number, a
/// formula title, µ ® è, a record without vitamins, a ragged record.
const CATALOGUE: &str = "\
SKU,GTIN,Product Name,Brand,Vitamin D,Vitamin K2,Dosage Form,Ingredients,Certifications,Warnings
00123,04012345678901,Sports Research® Vitamin D3 + K2 Crème,Sports Research®,125 µg (5000 IU),100 µg MK-7,Softgel,MCT oil,NSF Certified,Consult your doctor if you take warfarin.
\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,Vitamin D3 1000 IU K2 MK-7 50 mcg,Acme,,,,,,
1E5,,Vitamin D3 1000 IU,Acme,,,Tablet,,,
X-4,,Fish oil capsules 1000 mg,Acme,,,Softgel,Fish oil,,
X-5,,Ragged Vitamin D3
X-6,,Vitamin D3 2000 IU + K2 MK-4 45 mcg,Acme,,,Capsule,,GMP,
";

/// Audits CATALOGUE into `dir/out` (or the `--out` in `extra`); returns the catalogue's folder.
fn audit(dir: &Path, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let cat = write_catalogue(dir, "shop.csv", CATALOGUE.as_bytes());
    let out = match extra.iter().position(|a| *a == "--out") {
        Some(i) => PathBuf::from(extra[i + 1]),
        None => dir.join("out"),
    };
    let mut args = vec!["audit", cat.to_str().unwrap()];
    if !extra.contains(&"--out") {
        args.extend(["--out", out.to_str().unwrap()]);
    }
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    (o, out.join("shop"))
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap().rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not a text cell: {other:?}"),
    }
}

/// The Products sheet as maps by header, like `read_csv`'s rows.
fn products(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, Data>>) {
    let rows = sheet(path, "Products");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    let body = rows[1..].iter().map(|r| header.iter().cloned().zip(r.iter().cloned()).collect()).collect();
    (header, body)
}

#[test]
fn every_csv_starts_with_a_bom_unless_asked_not_to() {
    let d = tempfile::tempdir().unwrap();
    let (_, dir) = audit(d.path(), &[]);
    for f in ["audit.csv", "findings.csv", "rejected.csv"] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBFrow,"), "{f}: {:?}", &bytes[..8]);
    }
    // The duplicate patch rewrites audit.csv and findings.csv: the BOM stays.
    let dup = write_catalogue(d.path(), "dup.csv", b"SKU,Product Name\nA,Vitamin D3 1000 IU\nA,Vitamin D3 2000 IU\n");
    let out = d.path().join("dup-out");
    run(&["audit", dup.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(std::fs::read(out.join("dup/audit.csv")).unwrap().starts_with(b"\xEF\xBB\xBFrow,"));
    assert!(read_csv(&out.join("dup/findings.csv")).rows.iter().any(|r| r["rule"] == "DATA-DUPLICATE-SKU"));

    let d2 = tempfile::tempdir().unwrap();
    let (_, plain) = audit(d2.path(), &["--csv-bom", "no"]);
    for f in ["audit.csv", "findings.csv", "rejected.csv"] {
        assert!(std::fs::read(plain.join(f)).unwrap().starts_with(b"row,"), "{f}");
    }
    // Apart from the mark, the files are the same.
    let with = std::fs::read(dir.join("audit.csv")).unwrap();
    assert_eq!(with[3..], std::fs::read(plain.join("audit.csv")).unwrap()[..]);
}

#[test]
fn a_baseline_is_read_with_or_without_a_bom() {
    for bom in ["yes", "no"] {
        let d = tempfile::tempdir().unwrap();
        let (_, first) = audit(d.path(), &["--csv-bom", bom]);
        let base = first.join("audit.csv");
        let (_, again) = audit(d.path(), &["--baseline", base.to_str().unwrap(), "--out", d.path().join("second").to_str().unwrap()]);
        let a = read_csv(&again.join("audit.csv"));
        assert_eq!(a.header.last().map(String::as_str), Some("change"), "bom={bom}");
        // Every product that was there before is matched: none is new.
        assert!(a.rows.iter().filter(|r| r["verdict"] != "invalid").all(|r| r["change"] == "same"), "bom={bom}: {:?}", a.rows);
    }
}

#[test]
fn the_workbook_holds_the_csvs_typed() {
    let d = tempfile::tempdir().unwrap();
    let (_, dir) = audit(d.path(), &[]);
    let xlsx = dir.join("audit.xlsx");
    assert!(xlsx.is_file(), "audit.xlsx is in the default formats");
    let wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), ["Summary", "Products", "Findings", "Rejected", "Coverage"]);

    let csv = read_csv(&dir.join("audit.csv"));
    let (header, rows) = products(&xlsx);
    assert_eq!(header, csv.header, "Products header = audit.csv's");
    assert_eq!(rows.len(), csv.rows.len(), "one Products row per audit.csv row");
    let by_sku =
        |sku: &str| rows.iter().find(|r| r.get("sku").is_some_and(|c| text(c) == sku)).unwrap_or_else(|| panic!("{sku}: {rows:?}"));
    // Zero-padded and number-like SKUs stay text; the formula title stays inert text, no `'`.
    assert_eq!(by_sku("00123")["sku"], Data::String("00123".into()));
    assert_eq!(by_sku("1E5")["sku"], Data::String("1E5".into()));
    let evil = rows.iter().find(|r| text(&r["sku"]).contains("HYPERLINK")).unwrap();
    assert_eq!(evil["sku"], Data::String("=HYPERLINK(\"http://evil.example\",\"click\")".into()));
    // µ, ® and è arrive as written; amounts are numbers.
    let sr = by_sku("00123");
    assert_eq!(text(&sr["product"]), "Sports Research® Vitamin D3 + K2 Crème");
    assert_eq!(sr["d3_iu"], Data::Float(5000.0));
    assert_eq!(sr["k2_mcg"], Data::Float(100.0));
    assert_eq!(sr["k2_per_1000_iu"], Data::Float(20.0));
    assert!(matches!(sr["row"], Data::Float(r) if r == 1.0));
    // Every cell agrees with audit.csv (numbers by value, text verbatim but for the CSV's `'`).
    for (x, c) in rows.iter().zip(&csv.rows) {
        for (k, v) in c {
            let cell = &x[k];
            match cell {
                Data::Float(f) => assert_eq!(f.to_string().parse::<f64>().ok(), v.parse::<f64>().ok(), "{k}"),
                _ => assert_eq!(text(cell), v.strip_prefix('\'').unwrap_or(v), "{k}"),
            }
        }
    }
    // No formula anywhere in the workbook.
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    for name in wb.sheet_names() {
        let f = wb.worksheet_formula(&name).unwrap();
        assert!(f.rows().flatten().all(String::is_empty), "{name} holds a formula");
    }

    let findings = sheet(&xlsx, "Findings");
    let fcsv = read_csv(&dir.join("findings.csv"));
    assert_eq!(findings[0].iter().map(text).collect::<Vec<_>>(), fcsv.header);
    assert_eq!(findings.len() - 1, fcsv.rows.len());
    let rejected = sheet(&xlsx, "Rejected");
    assert_eq!(rejected.len() - 1, read_csv(&dir.join("rejected.csv")).rows.len());
    assert!(rejected.len() > 1, "the ragged record is rejected");
}

#[test]
fn the_summary_and_coverage_sheets_agree_with_summary_json() {
    let d = tempfile::tempdir().unwrap();
    let (_, dir) = audit(d.path(), &[]);
    let json = read_json(&dir.join("summary.json"));
    let summary = sheet(&dir.join("audit.xlsx"), "Summary");
    let count =
        |label: &str| summary.iter().find(|r| r.first().is_some_and(|c| matches!(c, Data::String(s) if s == label))).map(|r| r[1].clone());
    for v in ["pass", "warn", "review", "fail", "invalid", "skipped"] {
        let want = json["verdicts"][v].as_u64().unwrap() as f64;
        assert_eq!(count(v), Some(Data::Float(want)), "{v}");
    }
    assert_eq!(count("catalogue"), Some(Data::String("shop.csv".into())));

    let coverage = sheet(&dir.join("audit.xlsx"), "Coverage");
    let col = |fact: &str| coverage.iter().find(|r| text(&r[0]) == fact).map(|r| text(&r[1])).unwrap_or_else(|| panic!("{fact}"));
    assert_eq!(col("vitamin_d_amount"), "Vitamin D");
    assert_eq!(col("carrier_oil"), "Ingredients");
    assert_eq!(col("warfarin_warning"), "Warnings");
    assert_eq!(col("servings_per_day"), "", "no column for it");
    assert_eq!(coverage.len(), 10, "a header and the nine facts");
}

#[test]
fn with_a_baseline_the_products_sheet_has_the_change_column() {
    let d = tempfile::tempdir().unwrap();
    let (_, first) = audit(d.path(), &[]);
    let out = d.path().join("again");
    audit(d.path(), &["--baseline", first.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let (header, rows) = products(&out.join("shop/audit.xlsx"));
    assert_eq!(header.last().map(String::as_str), Some("change"));
    assert_eq!(header, read_csv(&out.join("shop/audit.csv")).header);
    assert!(rows.iter().all(|r| !text(&r["change"]).is_empty()));
}

/// Issue 21: the workbook's text cells come from the typed row, not from the CSV's escaped text,
/// so a title the catalogue starts with `'=` keeps its apostrophe (the read-back could not tell
/// it from the formula escape), while audit.csv still escapes what it must.
#[test]
fn text_cells_keep_an_apostrophe_the_catalogue_wrote() {
    let d = tempfile::tempdir().unwrap();
    let titles = ["'=1+1 Vitamin D3 1000 IU", "'Quoted' Vitamin D3 2000 IU + K2 MK-7 50 mcg", "=SUM(A1) Vitamin D3 1000 IU"];
    let body: String = titles.iter().enumerate().map(|(i, t)| format!("S{i},\"{t}\",Acme\n")).collect();
    let cat = write_catalogue(d.path(), "apos.csv", format!("SKU,Title,Brand\n{body}").as_bytes());
    let out = d.path().join("out");
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,xlsx"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let (_, rows) = products(&out.join("apos/audit.xlsx"));
    let shown: Vec<String> = rows.iter().map(|r| text(&r["product"])).collect();
    assert_eq!(shown, titles);
    let csv = read_csv(&out.join("apos/audit.csv"));
    assert_eq!(csv.rows[2]["product"], "'=SUM(A1) Vitamin D3 1000 IU", "audit.csv escapes a formula title");
}

#[test]
fn only_the_formats_asked_for_are_written() {
    let d = tempfile::tempdir().unwrap();
    let (_, dir) = audit(d.path(), &["--format", "csv,json"]);
    assert!(!dir.join("audit.xlsx").exists());
    assert!(!dir.join("audit.junit.xml").exists());
    assert!(dir.join("audit.csv").is_file());
}

/// The JUnit file's suite attributes and its cases: (name, classname, failure, skipped).
struct Junit {
    suite: BTreeMap<String, String>,
    cases: Vec<(String, String, Option<String>, bool)>,
}

fn parse_junit(path: &Path) -> Junit {
    use quick_xml::events::Event;
    let xml = std::fs::read_to_string(path).unwrap();
    let mut r = quick_xml::Reader::from_str(&xml);
    let attrs = |e: &quick_xml::events::BytesStart| -> BTreeMap<String, String> {
        e.attributes()
            .map(|a| {
                let a = a.unwrap();
                (a.key.as_ref().to_string(), a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
            })
            .collect()
    };
    let (mut suite, mut cases) = (BTreeMap::new(), Vec::new());
    let mut depth = Vec::new();
    loop {
        match r.read_event().unwrap_or_else(|e| panic!("{}: not well-formed: {e}", path.display())) {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "testsuite" => suite = attrs(&e),
            Event::Start(e) if e.name().as_ref() == "testcase" => {
                let a = attrs(&e);
                cases.push((a["name"].clone(), a["classname"].clone(), None, false));
                depth.push(());
            }
            Event::Empty(e) if e.name().as_ref() == "testcase" => {
                let a = attrs(&e);
                cases.push((a["name"].clone(), a["classname"].clone(), None, false));
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "failure" => {
                cases.last_mut().unwrap().2 = Some(attrs(&e)["message"].clone());
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "skipped" => cases.last_mut().unwrap().3 = true,
            Event::Eof => break,
            _ => {}
        }
    }
    Junit { suite, cases }
}

#[test]
fn junit_has_one_case_per_record_and_fails_what_reaches_fail_on() {
    let d = tempfile::tempdir().unwrap();
    let (_, dir) = audit(d.path(), &["--format", "csv,junit"]);
    let j = parse_junit(&dir.join("audit.junit.xml"));
    let csv = read_csv(&dir.join("audit.csv"));
    assert_eq!(j.cases.len(), csv.rows.len());
    let fails = csv.rows.iter().filter(|r| r["verdict"] == "fail" || r["verdict"] == "invalid").count();
    let skipped = csv.rows.iter().filter(|r| r["verdict"] == "skipped").count();
    assert_eq!(j.cases.iter().filter(|c| c.2.is_some()).count(), fails);
    assert_eq!(j.cases.iter().filter(|c| c.3).count(), skipped);
    assert!(skipped > 0 && fails > 0);
    for (k, n) in [("tests", csv.rows.len()), ("failures", fails), ("skipped", skipped), ("errors", 0)] {
        assert_eq!(j.suite[k], n.to_string(), "{k}");
    }
    assert_eq!(j.suite["name"], "shop.csv");
    for (case, row) in j.cases.iter().zip(&csv.rows) {
        assert_eq!(case.0, format!("{} – {}", row["sku"].trim_start_matches('\''), row["product"]));
    }
    let sr = j.cases.iter().find(|c| c.0.starts_with("00123")).unwrap();
    assert_eq!(sr.1, "Sports Research®");
    let ragged = j.cases.iter().find(|c| c.0.starts_with("X-5")).unwrap();
    assert!(ragged.2.as_deref().unwrap_or("").contains("could not be read"), "{ragged:?}");

    // --fail-on review turns review products into failures too; never fails nothing.
    let (_, review) = audit(d.path(), &["--format", "junit", "--fail-on", "review", "--out", d.path().join("r").to_str().unwrap()]);
    let jr = parse_junit(&review.join("audit.junit.xml"));
    let want = csv.rows.iter().filter(|r| ["review", "fail", "invalid"].contains(&r["verdict"].as_str())).count();
    assert_eq!(jr.cases.iter().filter(|c| c.2.is_some()).count(), want);
    let (_, never) = audit(d.path(), &["--format", "junit", "--fail-on", "never", "--out", d.path().join("n").to_str().unwrap()]);
    assert_eq!(parse_junit(&never.join("audit.junit.xml")).suite["failures"], "0");
}
