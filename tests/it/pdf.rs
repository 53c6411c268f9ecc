//! The PDF reports of the fixtures, read back: pages, metadata, the numbers of summary.json and
//! the supplier names in the text, `qpdf --check`, and the by-supplier reports.


use crate::common::*;

fn parse(path: &std::path::Path) -> (usize, String, String) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "{}", path.display());
    let mut w = Vec::new();
    let doc = printpdf::PdfDocument::parse(&bytes, &printpdf::PdfParseOptions::default(), &mut w).unwrap();
    let pages = doc.extract_text();
    (pages.len(), pages.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n"), doc.metadata.info.document_title.clone())
}

/// `qpdf --check` where qpdf is installed; CI installs it, so there it must be present.
fn qpdf_check(path: &std::path::Path) {
    match std::process::Command::new("qpdf").arg("--check").arg(path).output() {
        Ok(o) => assert!(o.status.success(), "qpdf --check {}: {}", path.display(), String::from_utf8_lossy(&o.stdout)),
        Err(_) => assert!(std::env::var("CI").is_err(), "qpdf is not installed on CI (.ci/run installs it)"),
    }
}

#[test]
fn fixture_reports_hold_the_summary_numbers() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["audit", fixtures().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--split-by", "supplier"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    for f in fixture_files() {
        let stem = f.file_stem().unwrap().to_str().unwrap();
        let dir = out.path().join(stem);
        let pdf = dir.join("report.pdf");
        let (pages, text, title) = parse(&pdf);
        assert!(pages >= 2, "{stem}: {pages} pages");
        assert!(title.contains(&format!("{stem}.csv")), "{stem}: title {title}");
        assert!(text.contains(&format!("Page {pages} of {pages}")), "{stem}: page numbers");
        let summary = read_json(&dir.join("summary.json"));
        // The verdict table reads "pass 7 10.9 %": name, count, share, in summary.json's numbers.
        let records = summary["catalogue"]["records"].as_u64().unwrap();
        for v in ["pass", "warn", "review", "fail", "invalid", "skipped"] {
            let n = summary["verdicts"][v].as_u64().unwrap();
            let share = if records == 0 { 0.0 } else { n as f64 * 100.0 / records as f64 };
            let cell = format!("{v} {n} {share:.1} %");
            assert!(text.contains(&cell), "{stem}: {cell:?} not in the PDF");
        }
        let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let line = format!(
            "{} in scope, {} in all.",
            plural(summary["products"].as_u64().unwrap(), "product", "products"),
            plural(records, "record", "records")
        );
        assert!(text.contains(&line), "{stem}: {line:?} not in the PDF");
        for s in summary["suppliers"].as_array().unwrap().iter().take(5) {
            let name = s["name"].as_str().unwrap();
            let probe: String = name.chars().take(12).collect();
            assert!(text.contains(&probe), "{stem}: supplier {name} not in the PDF");
        }
        qpdf_check(&pdf);
        // One review PDF and one action list per supplier with audited products.
        let by = dir.join("by-supplier");
        let n_suppliers = summary["suppliers"].as_array().unwrap().iter().filter(|s| s["products"].as_u64().unwrap() > 0).count();
        let files: Vec<_> = std::fs::read_dir(&by).unwrap().map(|e| e.unwrap().path()).collect();
        let pdfs: Vec<_> = files.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
        let csvs = files.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")).count();
        assert_eq!((pdfs.len(), csvs), (n_suppliers, n_suppliers), "{stem}: one PDF and one CSV per supplier");
        for p in pdfs.iter().take(3) {
            let (_, text, title) = parse(p);
            assert!(title.starts_with("Supplier review – "), "{title}");
            assert!(text.contains("Supplier review"), "{}", p.display());
            qpdf_check(p);
        }
    }
}
