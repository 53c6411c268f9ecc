//! The merchandiser's trial exports (issue 23, fixtures/trial/): a Shopify products export, a
//! Merchant Center feed, a German Windows-1252 shop export with a title row and a Russian
//! storefront export are read whole, with the right encoding, delimiter, header row and columns,
//! every record accounted for, and supplier packs for every supplier. Verdicts are not asserted
//! here: they follow the policy and the data-gap rules, which change on their own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{fixtures, read_csv, read_json, run, stderr, stdout};

fn trial(name: &str) -> PathBuf {
    fixtures().join("trial").join(name)
}

/// Audits one trial export with supplier packs into a fresh folder: (folder kept alive, report
/// folder, stderr).
fn audit(name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let out = tempfile::tempdir().unwrap();
    let file = trial(name);
    let o = run(&[
        "audit",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--split-by",
        "supplier",
        "--retailer",
        "Trial Retailer GmbH",
        "--respond-by",
        "2027-01-15",
        "--format",
        "csv,json,pdf",
        "--progress",
        "never",
    ]);
    let err = stderr(&o);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{name}: exit {:?}\n{err}", o.status.code());
    assert!(!err.contains("panicked"), "{name}: {err}");
    let stem = Path::new(name).file_stem().unwrap().to_str().unwrap().to_string();
    let dir = out.path().join(stem);
    (out, dir, err)
}

/// What a trial export must read as.
struct Shape {
    file: &'static str,
    encoding: &'static str,
    delimiter: &'static str,
    /// Data records (header and rows above it excluded).
    records: u64,
    /// Rows that are not products (Shopify image rows).
    skipped: u64,
    /// The physical line of the first record.
    first_line: &'static str,
    /// `inspect` lines "field <- header" that must be there.
    columns: &'static [(&'static str, &'static str)],
}

const SHAPES: &[Shape] = &[
    Shape {
        file: "shopify-products.csv",
        encoding: "utf-8",
        delimiter: ",",
        records: 57,
        skipped: 26,
        first_line: "2",
        columns: &[
            ("sku", "Variant SKU"),
            ("gtin", "Variant Barcode"),
            ("product", "Title"),
            ("description", "Body (HTML)"),
            ("price", "Variant Price"),
            ("handle", "Handle"),
        ],
    },
    Shape {
        file: "merchant-center.tsv",
        encoding: "utf-8",
        // summary.json writes the tab as `\t`.
        delimiter: "\\t",
        records: 31,
        skipped: 0,
        first_line: "2",
        columns: &[
            ("sku", "id"),
            ("gtin", "gtin"),
            ("product", "title"),
            ("brand", "brand"),
            ("description", "description"),
            ("price", "price"),
            ("url", "link"),
            ("handle", "item_group_id"),
        ],
    },
    Shape {
        file: "de-shop-export.csv",
        encoding: "windows-1252",
        delimiter: ";",
        records: 25,
        skipped: 0,
        // A title row and an empty line above the header.
        first_line: "4",
        columns: &[
            ("sku", "Artikelnummer"),
            ("gtin", "EAN"),
            ("product", "Bezeichnung"),
            ("brand", "Hersteller"),
            ("supplier", "Lieferant"),
            ("dosage_form", "Darreichungsform"),
            ("ingredients", "Inhaltsstoffe"),
            ("other_ingredients", "Sonstige Zutaten"),
            ("certifications", "Siegel"),
            ("warnings", "Warnhinweise"),
            ("price", "Preis (EUR)"),
            ("directions", "Verzehrempfehlung"),
        ],
    },
    Shape {
        file: "ru-storefront.csv",
        encoding: "utf-8 (BOM)",
        delimiter: ",",
        records: 25,
        skipped: 0,
        first_line: "2",
        columns: &[
            ("sku", "Артикул"),
            ("product", "Наименование"),
            ("brand", "Бренд"),
            ("supplier", "Поставщик"),
            ("ingredients", "Состав"),
            ("warnings", "Противопоказания"),
            ("directions", "Способ применения"),
            ("price", "Цена, руб."),
        ],
    },
    Shape {
        file: "pl-storefront.csv",
        encoding: "utf-8",
        delimiter: ";",
        records: 25,
        skipped: 0,
        first_line: "2",
        columns: &[
            ("sku", "Indeks"),
            ("product", "Nazwa produktu"),
            ("brand", "Producent"),
            ("supplier", "Dostawca"),
            ("dosage_form", "Postać"),
            ("ingredients", "Skład"),
            ("warnings", "Przeciwwskazania"),
            ("directions", "Sposób użycia"),
            ("price", "Cena brutto (zł)"),
        ],
    },
];

#[test]
fn every_trial_export_is_read_whole_with_its_encoding_delimiter_and_header() {
    for s in SHAPES {
        let (_keep, dir, _) = audit(s.file);
        let summary = read_json(&dir.join("summary.json"));
        let cat = &summary["catalogue"];
        assert_eq!(cat["encoding"], s.encoding, "{}", s.file);
        assert_eq!(cat["delimiter"], s.delimiter, "{}", s.file);
        assert_eq!(cat["records"], s.records, "{}", s.file);
        // Every record is accounted for: audited, invalid or skipped; none is invalid.
        let v = &summary["verdicts"];
        let counted: u64 = ["pass", "warn", "review", "fail", "invalid", "skipped"].iter().map(|k| v[*k].as_u64().unwrap_or(0)).sum();
        assert_eq!(counted, s.records, "{}: {v}", s.file);
        assert_eq!(v["invalid"].as_u64().unwrap_or(0), 0, "{}: {v}", s.file);
        assert_eq!(v["skipped"].as_u64().unwrap_or(0), s.skipped, "{}: {v}", s.file);
        let audit = read_csv(&dir.join("audit.csv"));
        assert_eq!(audit.rows.len() as u64, s.records, "{}", s.file);
        assert_eq!(audit.rows[0]["row"], "1", "{}", s.file);
        assert_eq!(audit.rows[0]["line"], s.first_line, "{}", s.file);
        assert_eq!(read_csv(&dir.join("rejected.csv")).rows.len(), 0, "{}", s.file);
    }
}

#[test]
fn the_columns_of_every_trial_export_are_found() {
    for s in SHAPES {
        let o = run(&["inspect", trial(s.file).to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", s.file, stderr(&o));
        let text = stdout(&o);
        let mapped: BTreeSet<(String, String)> = text
            .lines()
            .filter_map(|l| l.trim().split_once(" <- "))
            .filter_map(|(f, h)| Some((f.trim().to_string(), h.trim().split('"').nth(1)?.to_string())))
            .collect();
        for (field, header) in s.columns {
            assert!(mapped.contains(&(field.to_string(), header.to_string())), "{}: {field} <- {header:?} missing in\n{text}", s.file);
        }
    }
}

#[test]
fn the_german_export_skips_its_title_row_and_decodes_windows_1252() {
    let (_keep, dir, err) = audit("de-shop-export.csv");
    assert!(err.contains("the header is on line 3"), "{err}");
    let audit = read_csv(&dir.join("audit.csv"));
    let row = |sku: &str| audit.rows.iter().find(|r| r["sku"] == sku).unwrap_or_else(|| panic!("{sku} in audit.csv"));
    // An en dash (0x96) and a micro sign (0xB5) in Windows-1252.
    assert_eq!(row("DE-NT-2001")["product"], "Naturtreu Sonnenfreund Vitamin D3 + K2 Tropfen – 1000 I.E. + 20 µg K2");
    // µg and mcg (DE-NT-2002 writes mcg) both give the amounts; DE-NT-2002's 100 mcg a capsule
    // is taken "Alle 2 Tage": 50 µg a day (issue 23).
    assert_eq!(row("DE-NT-2001")["k2_mcg"], "20");
    assert_eq!(row("DE-NT-2002")["k2_mcg"], "50");
    assert_eq!(row("DE-NT-2002")["d3_iu"], "1000");
    // "Alle 7 Tage 1 Tablette" of 10.000 I.E.: a day's average, no upper-level warning.
    assert_eq!(row("DE-NL-9202")["d3_iu"], "1428.57");
    assert!(!row("DE-NL-9202")["issues"].contains("upper intake level"), "{:?}", row("DE-NL-9202")["issues"]);
    assert_eq!(row("DE-SN-1001")["dosage_form"], "liquid");
}

/// Issue 23: the facts of the Polish and Russian exports are read as the English ones are.
#[test]
fn polish_and_russian_intervals_oils_forms_and_children() {
    let (_keep, dir, _) = audit("pl-storefront.csv");
    let pl = read_csv(&dir.join("audit.csv"));
    let row = |sku: &str| pl.rows.iter().find(|r| r["sku"] == sku).unwrap_or_else(|| panic!("{sku} in audit.csv"));
    // "1 tabletka co 7 dni" of 10 000 j.m.
    assert_eq!(row("PL-021")["d3_iu"], "1428.57");
    assert!(!row("PL-021")["issues"].contains("upper intake level"), "{:?}", row("PL-021")["issues"]);
    // "1 kapsułka 1-2 razy dziennie", as "1 capsule 1-2 times daily" in the English exports.
    assert_eq!(row("PL-007")["d3_iu"], "2000");
    assert_eq!(row("PL-013")["carrier_oil"], "safflower");
    assert_eq!(row("PL-016")["carrier_oil"], "other");
    assert_eq!(row("PL-019")["dosage_form"], "liquid");
    // A children's drop ("dla dzieci") is not told to reach the adults' K2 dose.
    assert!(!row("PL-019")["issues"].contains("minimum dose"), "{:?}", row("PL-019")["issues"]);

    let (_keep, dir, _) = audit("ru-storefront.csv");
    let ru = read_csv(&dir.join("audit.csv"));
    let row = |sku: &str| ru.rows.iter().find(|r| r["sku"] == sku).unwrap_or_else(|| panic!("{sku} in audit.csv"));
    // "По 1 капсуле через день" of 5000 МЕ.
    assert_eq!(row("RU-NOW-02")["d3_iu"], "2500");
    assert!(!row("RU-NOW-02")["issues"].contains("upper intake level"), "{:?}", row("RU-NOW-02")["issues"]);
    assert_eq!(row("RU-CAR-01")["dosage_form"], "liquid");
    assert_eq!(row("RU-SOL-02")["carrier_oil"], "sunflower");
}

#[test]
fn shopify_variants_are_products_and_image_rows_are_not() {
    let (_keep, dir, err) = audit("shopify-products.csv");
    // The claims sit in Tags, which is not read as certifications: the run says how to read it.
    assert!(err.contains("column \"Tags\" is not read as certifications") && err.contains("[columns] certifications = \"Tags\""), "{err}");
    let mut file = csv::Reader::from_path(trial("shopify-products.csv")).unwrap();
    let headers = file.headers().unwrap().clone();
    let sku_col = headers.iter().position(|h| h == "Variant SKU").unwrap();
    let skus: BTreeSet<String> = file.records().map(|r| r.unwrap()[sku_col].to_string()).filter(|s| !s.is_empty()).collect();
    let audit = read_csv(&dir.join("audit.csv"));
    let audited: Vec<&str> = audit.rows.iter().map(|r| r["sku"].as_str()).filter(|s| !s.is_empty()).collect();
    assert_eq!(audited.len(), skus.len(), "each variant once");
    assert_eq!(audited.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(), skus);
    // A variant row (no title of its own) inherits its product's name and label text.
    let v = audit.rows.iter().find(|r| r["sku"] == "SR-D3K2-180").unwrap();
    assert_eq!(v["product"], "Sports Research Vitamin D3 + K2 with Organic Coconut Oil");
    assert_eq!(v["d3_iu"], "5000");
    assert_eq!(v["k2_mcg"], "100");
}

#[test]
fn every_supplier_of_every_trial_export_gets_a_pack() {
    for s in SHAPES {
        let (_keep, dir, _) = audit(s.file);
        let summary = read_json(&dir.join("summary.json"));
        let suppliers = summary["suppliers"].as_array().unwrap().len();
        assert!(suppliers > 1, "{}", s.file);
        let packs: Vec<PathBuf> = std::fs::read_dir(dir.join("by-supplier"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        assert_eq!(packs.len(), suppliers, "{}: one pack per supplier", s.file);
        for p in packs {
            assert!(std::fs::read(&p).unwrap().starts_with(b"%PDF-"), "{}", p.display());
        }
    }
}

#[test]
fn a_folder_of_trial_exports_takes_the_tsv_feed_too() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["audit", fixtures().join("trial").to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--format", "json"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    for s in SHAPES {
        let stem = Path::new(s.file).file_stem().unwrap();
        assert!(out.path().join(stem).join("summary.json").is_file(), "{} was not audited: {}", s.file, stderr(&o));
    }
}

#[test]
fn the_storefront_exports_saved_by_a_local_excel_read_like_the_utf8_ones() {
    // (export, the code page a Russian or Polish Excel saves it in, its name in summary.json)
    let cases: &[(&str, &'static encoding_rs::Encoding, &str)] = &[
        ("ru-storefront.csv", encoding_rs::WINDOWS_1251, "windows-1251"),
        ("pl-storefront.csv", encoding_rs::WINDOWS_1250, "windows-1250"),
    ];
    for (name, page, label) in cases {
        let text = std::fs::read_to_string(trial(name)).unwrap();
        let (bytes, _, unmappable) = page.encode(text.trim_start_matches('\u{feff}'));
        assert!(!unmappable, "{name}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("excel.csv");
        std::fs::write(&file, &bytes).unwrap();
        let out = dir.path().join("out");
        let o = run(&["audit", file.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json"]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{name}: {}", stderr(&o));
        assert_eq!(read_json(&out.join("excel/summary.json"))["catalogue"]["encoding"], *label, "{name}");
        let got = read_csv(&out.join("excel/audit.csv"));
        let (_keep, utf8_dir, _) = audit(name);
        let want = read_csv(&utf8_dir.join("audit.csv"));
        assert_eq!(got.rows.len(), want.rows.len(), "{name}");
        for (g, w) in got.rows.iter().zip(&want.rows) {
            for col in ["sku", "product", "supplier", "verdict", "d3_iu", "k2_mcg", "carrier_oil", "warfarin_warning"] {
                assert_eq!(g[col], w[col], "{name}: {col} of {}", w["sku"]);
            }
        }
    }
}

#[test]
fn the_trial_script_summarises_every_export() {
    let jq = std::process::Command::new("jq").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(jq, "scripts/trial.sh needs jq");
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new("bash")
        .arg(crate::common::root().join("scripts/trial.sh"))
        .arg(out.path())
        .env("K2D3", env!("CARGO_BIN_EXE_k2d3-audit"))
        .env("NO_RENDER", "1")
        .output()
        .unwrap();
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}\n{}", stderr(&o));
    for s in SHAPES {
        assert!(text.contains(&format!("== {}", s.file)), "{text}");
    }
    assert_eq!(text.matches("  verdicts: ").count(), SHAPES.len(), "{text}");
    assert_eq!(text.matches("  packs written: ").count(), SHAPES.len(), "{text}");
}

/// The German export as the merchandiser's Excel saves it: the title row and the empty row above
/// the header, EANs and prices as numbers.
#[test]
fn the_german_export_as_a_workbook_reads_like_the_csv() {
    use rust_xlsxwriter::Workbook;
    let bytes = std::fs::read(trial("de-shop-export.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut rd = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).flexible(true).from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = rd.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Artikel").unwrap();
    // csv skips the empty line, so the header is rows[1]; the sheet keeps the empty row.
    let mut at = 0u32;
    for (i, row) in rows.iter().enumerate() {
        if i == 1 {
            at += 1;
        }
        for (c, cell) in row.iter().enumerate() {
            let number = (c == 1 || c == 12) && i > 1;
            match cell.replace(',', ".").parse::<f64>() {
                Ok(n) if number => ws.write_number(at, c as u16, n).map(|_| ()).unwrap(),
                _ => ws.write_string(at, c as u16, cell).map(|_| ()).unwrap(),
            }
        }
        at += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("de-shop-export.xlsx");
    wb.save(&book).unwrap();
    let out = dir.path().join("out");
    let o = run(&["audit", book.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json"]);
    let err = stderr(&o);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{err}");
    assert!(err.contains("the header is on row 3"), "{err}");
    let got = read_csv(&out.join("de-shop-export/audit.csv"));
    let (_keep, csv_dir, _) = audit("de-shop-export.csv");
    let want = read_csv(&csv_dir.join("audit.csv"));
    assert_eq!(got.rows.len(), want.rows.len());
    for (g, w) in got.rows.iter().zip(&want.rows) {
        for col in ["line", "sku", "product", "supplier", "d3_iu", "k2_mcg", "dosage_form", "carrier_oil", "warfarin_warning"] {
            assert_eq!(g[col], w[col], "{col} of {}", w["sku"]);
        }
    }
}
