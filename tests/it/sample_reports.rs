//! The sample reports committed under reports/ are what the fixtures produce today.
//! Regenerate them with: SOURCE_DATE_EPOCH=1795996800 cargo run --release -- audit fixtures/ --split-by supplier
//! --retailer VitalAisle --contact category.team@vitalaisle.example


use crate::common::*;

/// summary.json without the fields that depend on when and how fast it ran.
fn summary_without_time(path: &std::path::Path) -> serde_json::Value {
    let mut v = read_json(path);
    if let Some(o) = v.as_object_mut() {
        o.remove("generated");
        o.remove("elapsed_ms");
    }
    v
}

/// The PDF's text, without the date and the tool version lines.
fn pdf_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut w = Vec::new();
    let doc = printpdf::PdfDocument::parse(&bytes, &printpdf::PdfParseOptions::default(), &mut w).unwrap();
    doc.extract_text()
        .iter()
        .flatten()
        .filter(|l| !(l.len() == 10 && l.chars().filter(|c| *c == '-').count() == 2))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every sheet of a workbook as (name, cells as text with their type).
fn workbook_cells(path: &std::path::Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.iter().map(|c| format!("{c:?}")).collect()).collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn committed_sample_reports_are_current() {
    let out = tempfile::tempdir().unwrap();
    // Run as the README does, from the repository root, so the paths in the reports match.
    let o = bin()
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1795996800")
        .args(["audit", "fixtures/", "--out", out.path().to_str().unwrap(), "--quiet"])
        .args(["--split-by", "supplier", "--retailer", "VitalAisle", "--contact", "category.team@vitalaisle.example"])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let how = "reports/ is stale: regenerate it with `SOURCE_DATE_EPOCH=1795996800 cargo run --release -- audit fixtures/ --split-by supplier --retailer VitalAisle --contact category.team@vitalaisle.example` and commit it";
    for f in fixture_files() {
        let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
        let (fresh, committed) = (out.path().join(&stem), root().join("reports").join(&stem));
        assert!(committed.is_dir(), "{how} (no reports/{stem})");
        for csv in ["audit.csv", "findings.csv", "rejected.csv"] {
            assert!(std::fs::read(fresh.join(csv)).unwrap() == std::fs::read(committed.join(csv)).unwrap(), "{how}: {stem}/{csv} differs");
        }
        assert_eq!(
            summary_without_time(&fresh.join("summary.json")),
            summary_without_time(&committed.join("summary.json")),
            "{how}: {stem}/summary.json"
        );
        assert_eq!(pdf_text(&fresh.join("report.pdf")), pdf_text(&committed.join("report.pdf")), "{how}: {stem}/report.pdf");
        // The supplier review pack: the same files, the same action lists, the same PDF text.
        let list = |d: &std::path::Path| {
            let mut v: Vec<String> = std::fs::read_dir(d.join("by-supplier"))
                .map(|r| r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
                .unwrap_or_default();
            v.sort();
            v
        };
        let files = list(&fresh);
        assert_eq!(files, list(&committed), "{how}: {stem}/by-supplier/ holds other files");
        for name in files {
            let (a, b) = (fresh.join("by-supplier").join(&name), committed.join("by-supplier").join(&name));
            if name.ends_with(".csv") {
                assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "{how}: {stem}/by-supplier/{name} differs");
            } else {
                assert_eq!(pdf_text(&a), pdf_text(&b), "{how}: {stem}/by-supplier/{name}");
            }
        }
        assert_eq!(workbook_cells(&fresh.join("audit.xlsx")), workbook_cells(&committed.join("audit.xlsx")), "{how}: {stem}/audit.xlsx");
    }
}
