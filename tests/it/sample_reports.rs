//! The sample reports committed under samples/ are what the fixtures produce today. The test audits
//! the fixtures into a temporary folder, as the README's first command does, and compares.
//!
//! Refresh them after a change that alters the reports, then review and commit the diff:
//!     UPDATE_SAMPLES=1 cargo test --test it sample_reports::
//! (the same as `SOURCE_DATE_EPOCH=1795996800 k2d3-audit audit fixtures/ --out samples --split-by
//! supplier --retailer VitalAisle --contact category.team@vitalaisle.example`, old folders removed).


use std::path::Path;

use crate::common::*;

/// summary.json without the fields that depend on when and how fast it ran.
fn summary_without_time(path: &Path) -> serde_json::Value {
    let mut v = read_json(path);
    if let Some(o) = v.as_object_mut() {
        o.remove("generated");
        o.remove("elapsed_ms");
    }
    v
}

/// The PDF's text, without the date and the tool version lines.
fn pdf_text(path: &Path) -> String {
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
fn workbook_cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
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

/// The names in a folder, sorted (hidden files included).
fn names(d: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(d).map(|r| r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    v.sort();
    v
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in names(from) {
        let (a, b) = (from.join(&name), to.join(&name));
        if a.is_dir() { copy_tree(&a, &b) } else { std::fs::copy(&a, &b).map(|_| ()).unwrap() }
    }
}

/// UPDATE_SAMPLES=1: samples/ becomes the fresh run's output, nothing else.
fn update_samples(fresh: &Path) {
    let samples = root().join("samples");
    if samples.exists() {
        std::fs::remove_dir_all(&samples).unwrap();
    }
    copy_tree(fresh, &samples);
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
    if std::env::var_os("UPDATE_SAMPLES").is_some_and(|v| v == "1") {
        update_samples(out.path());
        return;
    }
    let how = "samples/ is stale: refresh it with `UPDATE_SAMPLES=1 cargo test --test it sample_reports::`, review the diff and commit it";
    let samples = root().join("samples");
    assert_eq!(names(out.path()), names(&samples), "{how}: samples/ holds other catalogues");
    for stem in names(out.path()) {
        let (fresh, committed) = (out.path().join(&stem), samples.join(&stem));
        assert_eq!(names(&fresh), names(&committed), "{how}: samples/{stem}/ holds other files");
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
        let files = names(&fresh.join("by-supplier"));
        assert_eq!(files, names(&committed.join("by-supplier")), "{how}: {stem}/by-supplier/ holds other files");
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
