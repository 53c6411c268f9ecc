//! Catalogues shaped like real exports (issue 14, part A): workbooks, binary files saved as .csv,
//! HTML in text fields, a mapping that removes an automatic match.


use std::path::{Path, PathBuf};

use crate::common::{read_csv, read_json, run, stderr, write_catalogue};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A supplier's workbook: a cover sheet first, then `Products` with a text SKU with leading
/// zeros, amounts stored as numbers, a date cell, an empty row and an HTML description.
fn supplier_workbook(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet().set_name("Cover").unwrap();
    cover.write_string(0, 0, "Price list 2026 - see sheet Products").unwrap();
    let ws = wb.add_worksheet().set_name("Products").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let header = ["Item #", "Product Name", "D3 (IU)", "K2 (mcg)", "Description", "Listed"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "00123").unwrap();
    ws.write_string(1, 1, "Vitamin D3 + K2 (MK-7) softgels").unwrap();
    ws.write_number(1, 2, 5000.0).unwrap();
    ws.write_number(1, 3, 100.0).unwrap();
    ws.write_string(
        1,
        4,
        "<p>In <strong>olive oil</strong>.</p><p>Warning: consult your doctor if you take warfarin&nbsp;or other anticoagulants.</p>",
    )
    .unwrap();
    ws.write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2026, 3, 1).unwrap(), &date).unwrap();
    // Row 3 (index 2) stays empty.
    ws.write_string(3, 0, "00456").unwrap();
    ws.write_string(3, 1, "Sunflower lecithin").unwrap();
    let path = dir.join("supplier.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn xlsx_workbooks_are_read_through_the_same_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let book = supplier_workbook(dir.path());
    let out = dir.path().join("out");
    let o = run(&["audit", book.to_str().unwrap(), "--sheet", "Products", "--out", out.to_str().unwrap(), "--format", "csv,json"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let audit = read_csv(&out.join("supplier/audit.csv"));
    let got: Vec<(&str, &str, &str, &str, &str)> = audit
        .rows
        .iter()
        .map(|r| (r["row"].as_str(), r["line"].as_str(), r["sku"].as_str(), r["d3_iu"].as_str(), r["warfarin_warning"].as_str()))
        .collect();
    // line = the sheet row number (row 3 is empty); the text SKU keeps its zeros; 5000.0 is 5000;
    // the sheet has no warnings column, so a product whose text says nothing is `unknown`.
    assert_eq!(got, vec![("1", "2", "00123", "5000", "yes"), ("2", "4", "00456", "", "unknown")]);
    assert_eq!(audit.rows[0]["carrier_oil"], "olive");
    let summary = read_json(&out.join("supplier/summary.json"));
    let bytes = std::fs::read(&book).unwrap();
    let want = <sha2::Sha256 as sha2::Digest>::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    assert_eq!(summary["catalogue"]["sha256"], want.as_str(), "the hash is of the file's bytes");
    assert_eq!(summary["catalogue"]["encoding"], "xlsx workbook, sheet \"Products\"");
    assert_eq!(summary["catalogue"]["records"], 2);
}

#[test]
fn the_first_sheet_is_the_default_and_a_missing_sheet_names_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let book = supplier_workbook(dir.path());
    let out = dir.path().join("out");
    // The cover sheet has no sku or product column: exit 2, naming what it found.
    let o = run(&["audit", book.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no recognisable columns: the header has \"Price list 2026"), "{}", stderr(&o));
    let o = run(&["audit", book.to_str().unwrap(), "--sheet", "Prices", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no sheet named \"Prices\"") && err.contains("\"Cover\", \"Products\""), "{err}");
}

#[test]
fn ods_workbooks_are_read_with_dates_and_numbers_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let ods = crate::common::root().join("tests/it/data/catalogue.ods");
    let out = dir.path().join("out");
    let o = run(&["audit", ods.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let audit = read_csv(&out.join("catalogue/audit.csv"));
    let got: Vec<(&str, &str, &str, &str)> =
        audit.rows.iter().map(|r| (r["line"].as_str(), r["sku"].as_str(), r["d3_iu"].as_str(), r["k2_mcg"].as_str())).collect();
    assert_eq!(got, vec![("3", "00042", "2000", "100"), ("4", "00043", "", "")]);
}

#[test]
fn a_folder_takes_csv_and_workbooks_sorted_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let cats = dir.path().join("in");
    std::fs::create_dir(&cats).unwrap();
    supplier_workbook(&cats);
    std::fs::copy(crate::common::root().join("tests/it/data/catalogue.ods"), cats.join("c.ods")).unwrap();
    write_catalogue(&cats, "a.csv", b"sku,product\nA1,Vitamin D3 1000 IU\n");
    write_catalogue(&cats, "notes.txt", b"not a catalogue\n");
    let out = dir.path().join("out");
    // Every sheet named Products would fail on c.ods, so the first sheet is read everywhere.
    let o = run(&["audit", cats.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    let err = stderr(&o);
    let printed = crate::common::stdout(&o);
    let order: Vec<&str> =
        printed.lines().filter(|l| l.contains(" products - ") && l.contains(" -> ")).filter_map(|l| l.split(':').next()).collect();
    assert!(order.len() == 2 && order[0].ends_with("a.csv") && order[1].ends_with("c.ods"), "{printed}");
    // supplier.xlsx's first sheet is its cover: reported, not silently dropped.
    assert!(err.contains("supplier.xlsx") && err.contains("no recognisable columns"), "{err}");
    assert!(!err.contains("notes.txt"), "{err}");
}

#[test]
fn binary_files_named_csv_are_refused_in_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("gzip", b"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03\xCB\x48\xCD\xC9\xC9\x07\x00", "gzip-compressed"),
        ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00!\x00catalogue.csv\x00\x00\x00\x00", "ZIP archive"),
        ("pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
        ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG image"),
    ];
    for (name, bytes, what) in cases {
        let p = write_catalogue(dir.path(), &format!("{name}.csv"), bytes);
        let o = run(&["audit", p.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(what) && err.contains("export it as CSV (UTF-8)"), "{name}: {err}");
    }
}

#[test]
fn a_megabyte_header_is_quoted_in_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"colour,".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 1 << 20));
    bytes.extend_from_slice(b"\nred,L\n");
    let p = write_catalogue(dir.path(), "wide.csv", &bytes);
    let o = run(&["audit", p.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.len() < 1000 && err.contains("\"colour\"") && err.contains("xxx…\""),
        "{} bytes: {}",
        err.len(),
        &err[..err.len().min(400)]
    );
}

#[test]
fn html_descriptions_are_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Handle,Title,Body (HTML),Vendor,Variant SKU\n\
d3k2-drops,Vitamin D3 + K2 drops,\"<p><strong>Vitamin D3</strong> 1000 IU</p>\n<p><strong>Vitamin K2</strong> (MK-7) 100&nbsp;&micro;g</p>\n<p>Form: liquid in MCT oil<br>\nContents: 30 ml</p>\",Acme,D3K2-30\n";
    let p = write_catalogue(dir.path(), "shopify.csv", csv.as_bytes());
    let out = dir.path().join("out");
    let o = run(&["audit", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let audit = read_csv(&out.join("shopify/audit.csv"));
    let r = &audit.rows[0];
    assert_eq!((r["k2_mcg"].as_str(), r["d3_iu"].as_str(), r["carrier_oil"].as_str()), ("100", "1000", "MCT"));
    let findings = std::fs::read_to_string(out.join("shopify/findings.csv")).unwrap();
    assert!(!findings.contains("<p>") && !findings.contains("</strong>") && !findings.contains("&nbsp;"), "{findings}");
}

#[test]
fn a_mapping_can_remove_an_automatic_match() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "SKU,Title,Tags\nA1,Vitamin D3 1000 IU + K2 MK-7 100 mcg softgel,\"bestseller, immune, winter\"\n";
    let p = write_catalogue(dir.path(), "tags.csv", csv.as_bytes());
    let mapping = write_catalogue(dir.path(), "map.toml", b"[columns]\ncertifications = \"\"\n");
    let o = run(&["inspect", p.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = crate::common::stdout(&o);
    let cert_line = text.lines().find(|l| l.contains("certifications")).unwrap_or("");
    assert!(!cert_line.contains("Tags"), "Tags is no longer read as certifications: {text}");
    let plain = run(&["inspect", p.to_str().unwrap()]);
    let plain_line = crate::common::stdout(&plain).lines().find(|l| l.contains("certifications")).unwrap_or("").to_string();
    assert!(plain_line.contains("Tags"), "without the mapping, Tags is detected: {plain_line}");
}

/// A Shopify product export: the first row of a handle has the title and body, variant rows
/// only their own SKU, barcode and price, image rows only an image.
fn shopify_product(handle: &str, title: &str, sku: &str) -> String {
    format!(
        "{handle},{title},\"<p>Vitamin D3 2000 IU &amp; Vitamin K2 (MK-7) 100&nbsp;&micro;g per softgel, in olive oil.</p><p>Warning: consult your doctor if you take warfarin.</p>\",Acme,Vitamins,\"immune, bestseller\",{sku}-60,4006040000001,60 softgels,https://cdn.example/{handle}-1.jpg\n\
{handle},,,,,,{sku}-120,4006040000002,120 softgels,https://cdn.example/{handle}-2.jpg\n\
{handle},,,,,,,,,https://cdn.example/{handle}-3.jpg\n"
    )
}

const SHOPIFY_HEADER: &str = "Handle,Title,Body (HTML),Vendor,Type,Tags,Variant SKU,Variant Barcode,Option1 Value,Image Src\n";

#[test]
fn shopify_variant_rows_inherit_their_product_and_image_rows_are_continuations() {
    let dir = tempfile::tempdir().unwrap();
    // 200 products x 3 rows: handles cross the reader's batches (512 records).
    let mut csv = SHOPIFY_HEADER.to_string();
    for i in 0..200 {
        csv.push_str(&shopify_product(&format!("d3-k2-{i}"), &format!("Vitamin D3 + K2 softgels {i}"), &format!("DK{i}")));
    }
    let p = write_catalogue(dir.path(), "products_export.csv", csv.as_bytes());
    let out = dir.path().join("out");
    let o = run(&["audit", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let audit = read_csv(&out.join("products_export/audit.csv"));
    assert_eq!(audit.rows.len(), 600);
    for (i, chunk) in audit.rows.chunks(3).enumerate() {
        let (first, variant, image) = (&chunk[0], &chunk[1], &chunk[2]);
        assert_eq!(variant["sku"], format!("DK{i}-120"));
        assert_eq!(variant["product"], first["product"], "the variant inherits the title");
        assert_eq!(variant["brand"], "Acme", "Vendor is the brand");
        for col in ["verdict", "d3_iu", "k2_mcg", "carrier_oil", "warfarin_warning", "certifications"] {
            assert_eq!(variant[col], first[col], "row {}: {col}", variant["row"]);
        }
        assert_eq!(first["certifications"], "", "Tags are not certifications");
        assert_ne!(first["verdict"], "skipped");
        assert_eq!(image["verdict"], "skipped");
        assert_eq!(image["issues"], format!("continuation row of d3-k2-{i}"));
        assert_eq!((image["sku"].as_str(), image["product"].as_str(), image["supplier"].as_str()), ("", first["product"].as_str(), "Acme"));
        assert_eq!(image["d3_iu"], "", "a continuation row is not assessed");
    }
    let s = read_json(&out.join("products_export/summary.json"));
    assert_eq!(s["verdicts"]["continuation"], 200);
    assert_eq!(s["verdicts"]["skipped"], 200, "continuation rows keep the skipped verdict");
}

#[test]
fn shopify_workbooks_and_csv_give_the_same_products() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("{SHOPIFY_HEADER}{}", shopify_product("d3k2", "Vitamin D3 + K2", "DK"));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    for (i, rec) in r.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(i as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save(dir.path().join("shop.xlsx")).unwrap();
    write_catalogue(dir.path(), "shop.csv", csv.as_bytes());
    let out = dir.path().join("out");
    let o = run(&[
        "audit",
        dir.path().join("shop.csv").to_str().unwrap(),
        dir.path().join("shop.xlsx").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let a = std::fs::read_to_string(out.join("shop/audit.csv")).unwrap();
    let b = std::fs::read_to_string(out.join("shop-2/audit.csv")).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("continuation row of d3k2"), "{a}");
}

#[test]
fn inspect_shows_continuation_rows_as_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("{SHOPIFY_HEADER}{}", shopify_product("d3k2", "Vitamin D3 + K2", "DK"));
    let p = write_catalogue(dir.path(), "shop.csv", csv.as_bytes());
    let o = run(&["inspect", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = crate::common::stdout(&o);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("row ")).collect();
    assert_eq!(
        rows,
        vec![
            "row 1 (line 2): DK-60 Vitamin D3 + K2",
            "row 2 (line 3): DK-120 Vitamin D3 + K2",
            "row 3 (line 4): skipped: continuation row of d3k2"
        ]
    );
    assert!(text.contains("handle             <- \"Handle\""), "{text}");
}
