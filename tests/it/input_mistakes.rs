//! Input mistakes with a way out (issue 23, SPEC §4): rows above the header, `--header-row`,
//! office lock files in a folder, a workbook whose first sheet is not the catalogue, a shop's
//! `product_type` that is not a dosage form, one stray quote in a long file.

use std::path::{Path, PathBuf};

use crate::common::{parse_line, read_csv, read_json, run, stderr, stdout, write_catalogue};
use rust_xlsxwriter::Workbook;

/// Audits `file` into `DIR/out` (csv and json only) with `extra` options.
fn audit_file(dir: &Path, file: &Path, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let out = dir.join("out");
    let mut args = vec!["audit", file.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json"];
    args.extend_from_slice(extra);
    (run(&args), out)
}

/// The catalogue's summary line on stdout, as numbers.
fn counts(o: &std::process::Output) -> std::collections::BTreeMap<String, u64> {
    let text = stdout(o);
    let line = text.lines().find(|l| l.contains(" products - ")).unwrap_or_else(|| panic!("no summary line: {text}{}", stderr(o)));
    parse_line(line)
}

/// A product row with the full label, so that every criterion can be judged.
fn product(sku: &str, sep: char) -> String {
    [sku, "Vitamin D3 5000 IU + K2 MK-7 100 mcg softgels in olive oil", "Acme"].join(&sep.to_string())
}

#[test]
fn rows_above_the_header_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    // (case, file, options, line of the first record, the note)
    type Case<'a> = (&'a str, String, &'a [&'a str], &'a str, Option<&'a str>);
    let cases: Vec<Case> = vec![
        (
            "title and export date above, semicolons",
            format!(
                "Acme Vitamins – Katalog;;\nExport vom;2026-12-01;\n;;\nSKU;Title;Brand\n{}\n{}\n",
                product("A1", ';'),
                product("A2", ';')
            ),
            &[],
            "5",
            Some(
                "note: cat.csv: the header is on line 4; the 3 rows above it were skipped: line 1 \"Acme Vitamins – Katalog\", line 2 \"Export vom | 2026-12-01\", line 3 (empty) (name another with --header-row N)",
            ),
        ),
        ("a header in the first line: no note", format!("SKU,Title,Brand\n{}\n", product("A1", ',')), &[], "2", None),
        (
            "--header-row names a lower line",
            format!("SKU,Title\nItem #,Product Name,Brand\n{}\n", product("A1", ',')),
            &["--header-row", "2"],
            "3",
            Some(
                "note: cat.csv: the header is on line 2; the row above it was skipped: line 1 \"SKU | Title\" (name another with --header-row N)",
            ),
        ),
    ];
    for (name, text, extra, line, note) in cases {
        let file = write_catalogue(dir.path(), "cat.csv", text.as_bytes());
        let (o, out) = audit_file(dir.path(), &file, extra);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let audit = read_csv(&out.join("cat/audit.csv"));
        assert_eq!(audit.rows[0]["row"], "1", "{name}");
        assert_eq!(audit.rows[0]["line"], line, "{name}");
        assert_eq!(audit.rows[0]["sku"], "A1", "{name}");
        assert_eq!(counts(&o)["products"], audit.rows.len() as u64, "{name}");
        let err = stderr(&o).replace(&format!("{}/", dir.path().display()), "");
        match note {
            Some(n) => assert!(err.lines().any(|l| l == n), "{name}: {err}"),
            None => assert!(!err.contains("header is on"), "{name}: {err}"),
        }
    }
}

#[test]
fn a_header_row_that_holds_no_columns_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_catalogue(dir.path(), "cat.csv", format!("SKU,Title,Brand\n{}\n", product("A1", ',')).as_bytes());
    let (o, _) = audit_file(dir.path(), &file, &["--header-row", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no recognisable columns: line 2 (--header-row 2) has \"A1\""), "{}", stderr(&o));
    let (o, _) = audit_file(dir.path(), &file, &["--header-row", "7"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--header-row 7: line 7 is past the end (the last line with data is 2)"), "{}", stderr(&o));
    // Nothing recognisable in the first 20 lines names --header-row.
    let file = write_catalogue(dir.path(), "cols.csv", b"Report\ncolour,size\nred,L\n");
    let (o, _) = audit_file(dir.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("no recognisable columns in the first 3 lines (the first has \"Report\")") && e.contains("--header-row N"), "{e}");
}

/// A workbook: an instructions sheet, then `Products` with a title row and a blank row above
/// its header.
fn workbook(dir: &Path, name: &str, catalogue: bool) -> PathBuf {
    let mut wb = Workbook::new();
    let help = wb.add_worksheet().set_name("Instructions").unwrap();
    help.write_string(0, 0, "How to fill in this price list").unwrap();
    help.write_string(1, 0, "One product per row; amounts per serving.").unwrap();
    let ws = wb.add_worksheet().set_name("Products").unwrap();
    if catalogue {
        ws.write_string(0, 0, "Acme price list 2026").unwrap();
        for (c, h) in ["Item #", "Product Name", "Brand"].iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        for (r, sku) in ["00123", "00456"].iter().enumerate() {
            let cells = product(sku, '|');
            for (c, v) in cells.split('|').enumerate() {
                ws.write_string(3 + r as u32, c as u16, v).unwrap();
            }
        }
    } else {
        ws.write_string(0, 0, "colour").unwrap();
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

#[test]
fn a_workbook_is_read_from_its_first_sheet_with_recognisable_columns() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(dir.path(), "supplier.xlsx", true);
    let (o, out) = audit_file(dir.path(), &book, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o).replace(&format!("{}/", dir.path().display()), "");
    assert!(
        err.contains(
            "note: supplier.xlsx: sheet \"Instructions\" has no recognisable columns: read sheet \"Products\" (choose another with --sheet NAME)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "note: supplier.xlsx (sheet \"Products\"): the header is on row 3; the row above it was skipped: row 1 \"Acme price list 2026\""
        ),
        "{err}"
    );
    let audit = read_csv(&out.join("supplier/audit.csv"));
    let got: Vec<(&str, &str, &str)> = audit.rows.iter().map(|r| (r["row"].as_str(), r["line"].as_str(), r["sku"].as_str())).collect();
    assert_eq!(got, vec![("1", "4", "00123"), ("2", "5", "00456")]);
    assert_eq!(read_json(&out.join("supplier/summary.json"))["catalogue"]["encoding"], "xlsx workbook, sheet \"Products\"");
    // --header-row counts sheet rows.
    let (o, out) = audit_file(dir.path(), &book, &["--sheet", "Products", "--header-row", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("supplier/audit.csv")).rows.len(), 2);
    // No sheet with columns: exit 2 listing the sheets and naming --sheet.
    let none = workbook(dir.path(), "notes.xlsx", false);
    let (o, _) = audit_file(dir.path(), &none, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no sheet has recognisable columns") && err.contains("\"Instructions\", \"Products\"") && err.contains("--sheet NAME"),
        "{err}"
    );
}

#[test]
fn office_lock_files_in_a_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let cats = dir.path().join("exports");
    std::fs::create_dir(&cats).unwrap();
    workbook(&cats, "export.xlsx", true);
    // Excel's owner file: the user's name in a few binary bytes.
    write_catalogue(&cats, "~$export.xlsx", b"\x05alice\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    write_catalogue(&cats, "x.csv", format!("SKU,Title,Brand\n{}\n", product("X1", ',')).as_bytes());
    write_catalogue(&cats, ".~lock.x.csv#", b",alice,host,07.12.2026 20:00,file:///home/alice/.config/libreoffice/4;");
    let out = dir.path().join("out");
    let o = run(&["audit", cats.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o).replace(&format!("{}/", dir.path().display()), "");
    for lock in ["~$export.xlsx", ".~lock.x.csv#"] {
        let note = format!("note: exports/{lock} is an office lock file (kept while a file is open in Excel or LibreOffice): skipped");
        assert!(err.lines().any(|l| l == note), "{err}");
    }
    assert!(!err.contains("error"), "{err}");
    let printed = stdout(&o);
    assert_eq!(printed.lines().filter(|l| l.contains(" products - ") && l.contains(" -> ")).count(), 2, "{printed}");
    assert!(printed.contains("total: 2 catalogues, 3 products"), "{printed}");
    // Named on its own, a lock file is exit 2 saying what it is.
    let o = run(&["audit", cats.join("~$export.xlsx").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is an office lock file"), "{}", stderr(&o));
}

#[test]
fn merchant_center_product_type_is_not_a_dosage_form() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = "id\ttitle\tbrand\tproduct_type\tgoogle_product_category\tdescription\n\
        G1\tVitamin D3 5000 IU + K2 MK-7 100 mcg\tAcme\tHealth & Beauty > Vitamins & Supplements\t525\tTwo capsules a day.\n\
        G2\tVitamin D3 2000 IU + K2 MK-7 200 mcg Drops\tAcme\tHealth & Beauty > Vitamins & Supplements\t525\tIn MCT oil.\n";
    let file = write_catalogue(dir.path(), "gmc.tsv", tsv.as_bytes());
    let (o, out) = audit_file(dir.path(), &file, &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let audit = read_csv(&out.join("gmc/audit.csv"));
    let forms: Vec<&str> = audit.rows.iter().map(|r| r["dosage_form"].as_str()).collect();
    // The forms come from the text, never from "Health & Beauty > Vitamins & Supplements".
    assert_eq!(forms, ["capsule", "liquid"]);
    let summary = read_json(&out.join("gmc/summary.json"));
    assert_eq!(summary["coverage"]["dosage_form"]["column"], serde_json::Value::Null);
    // inspect shows the column left unmapped; a column of forms is mapped by its values.
    let o = run(&["inspect", file.to_str().unwrap()]);
    assert!(stdout(&o).contains("unmapped headers: \"product_type\""), "{}", stdout(&o));
    let forms = write_catalogue(dir.path(), "shop.csv", b"SKU,Title,Type\nA,Vitamin D3 + K2,Softgels\nB,Vitamin D3,60 Capsules\n");
    let o = run(&["inspect", forms.to_str().unwrap()]);
    assert!(stdout(&o).contains("dosage_form        <- \"Type\"  [by its values: 2 of 2 sampled are dosage forms]"), "{}", stdout(&o));
}

#[test]
fn one_stray_quote_does_not_swallow_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("SKU,Title,Brand\n");
    for i in 1..=5000 {
        if i == 3 {
            text.push_str("S3,\"Vitamin D3 5000 IU + K2 MK-7 100 mcg softgels,Acme\n");
        } else {
            text.push_str(&product(&format!("S{i}"), ','));
            text.push('\n');
        }
    }
    let file = write_catalogue(dir.path(), "big.csv", text.as_bytes());
    let (o, out) = audit_file(dir.path(), &file, &[]);
    // The one invalid record counts as fail: exit 1; the other 4,999 are audited.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let c = counts(&o);
    assert_eq!((c["invalid"], c["pass"] + c["warn"] + c["review"] + c["fail"]), (1, 4999), "{}", stdout(&o));
    let rejected = read_csv(&out.join("big/rejected.csv"));
    assert_eq!(rejected.rows.len(), 1);
    let r = &rejected.rows[0];
    assert_eq!((r["row"].as_str(), r["line"].as_str()), ("3", "4"));
    assert_eq!(
        r["reason"],
        "a quote opens field \"Title\" (column 2) on this line and does not close within 64 lines or 64 KiB (a stray quote?): only this line is rejected, reading resumes on the next line"
    );
    assert_eq!(r["raw"], "S3,\"Vitamin D3 5000 IU + K2 MK-7 100 mcg softgels,Acme");
    let audit = read_csv(&out.join("big/audit.csv"));
    assert_eq!(audit.rows.len(), 5000);
    let last = &audit.rows[4999];
    assert_eq!((last["row"].as_str(), last["line"].as_str(), last["sku"].as_str()), ("5000", "5001", "S5000"));
    assert_eq!(audit.rows[2]["sku"], "S3");
}
