//! Catalogue text in every European script goes through the PDFs as written (SPEC §7): product
//! and supplier names in Cyrillic, Greek, Polish, Czech, Turkish, German and Hungarian read back
//! with `pdftotext` exactly, `pdffonts` shows every font embedded and subset, `qpdf --check`
//! passes, and a character no embedded font has is drawn as □ and counted in a `note:`.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

/// (script, SKU, product, supplier): names short enough that no column cuts them.
const ROWS: [(&str, &str, &str, &str); 7] = [
    ("Cyrillic", "RU-1", "Витамин D3 + К2 МК-7, мягкие капсулы", "ООО «Здоровье» Москва"),
    ("Greek", "EL-1", "Βιταμίνη D3 + K2 σε ελαιόλαδο", "Φαρμακείο Αθηνών"),
    ("Polish", "PL-1", "Witamina D3 + K2, łatwe połykanie, żelki", "Zdrowie Łódź Świebodzin"),
    ("Czech", "CS-1", "Vitamín D3 + K2, příchuť řepa", "Lékárna Příbram"),
    ("Turkish", "TR-1", "D3 + K2 yumuşak kapsül, ışık, doğal", "Şifa İlaç Sağlık Iğdır"),
    ("German", "DE-1", "Vitamin D3 + K2 Tropfen, Größe für Erwachsene", "Müller & Söhne Weißach"),
    ("Hungarian", "HU-1", "D3 + K2 lágy kapszula, erős", "Győri Gyógyszertár"),
];

const HEADER: &str = "SKU,Product Name,Brand,Supplier,Vitamin D (IU),Vitamin D Form,Vitamin K2 (mcg),K2 Form,Dosage Form,Serving Size,Servings Per Day,Other Ingredients,Certifications,Warnings";

/// The catalogue: every row fails (no warfarin warning) so that every name is listed in both
/// the report and its supplier's review; one more row carries characters no font here has.
fn catalogue(dir: &Path) -> PathBuf {
    let mut csv = format!("{HEADER}\n");
    for (_, sku, product, supplier) in ROWS {
        csv.push_str(&format!("{sku},\"{product}\",Brand,\"{supplier}\",2000,D3,100,MK-7,Softgel,1 softgel,1,olive oil,,\n"));
    }
    csv.push_str("EM-1,Sunny D3 😀 drops,Brand,Emoji Labs 🍊,1000,D3,50,MK-7,Softgel,1 softgel,1,olive oil,,\n");
    let path = dir.join("scripts.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// Runs a poppler or qpdf tool; None (the test is skipped) where it is not installed, except
/// on CI, which installs them (.ci/run).
fn tool(name: &str, args: &[&str]) -> Option<Output> {
    match std::process::Command::new(name).args(args).output() {
        Ok(o) => Some(o),
        Err(_) => {
            assert!(std::env::var("CI").is_err(), "{name} is not installed on CI (.ci/run installs it)");
            eprintln!("{name} is not installed: skipped");
            None
        }
    }
}

fn text(pdf: &Path) -> Option<String> {
    let o = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])?;
    assert!(o.status.success(), "pdftotext {}: {}", pdf.display(), stderr(&o));
    Some(stdout(&o))
}

/// Every font line of `pdffonts`: (name, embedded, subset, unicode map).
fn fonts(pdf: &Path) -> Option<Vec<(String, String, String, String)>> {
    let o = tool("pdffonts", &[pdf.to_str().unwrap()])?;
    assert!(o.status.success(), "pdffonts {}: {}", pdf.display(), stderr(&o));
    let lines = stdout(&o)
        .lines()
        .skip(2)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let n = f.len();
            assert!(n >= 7, "pdffonts line {l:?}");
            (f[0].to_string(), f[n - 5].to_string(), f[n - 4].to_string(), f[n - 3].to_string())
        })
        .collect();
    Some(lines)
}

fn audit(dir: &Path, out: &str) -> (PathBuf, Output) {
    let cat = catalogue(dir);
    let out = dir.join(out);
    let o = run(&["audit", cat.to_str().unwrap(), "--split-by", "supplier", "--format", "csv,pdf", "--out", out.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    (out.join("scripts"), o)
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut v = vec![dir.join("report.pdf")];
    let mut by: Vec<PathBuf> = std::fs::read_dir(dir.join("by-supplier")).unwrap().map(|e| e.unwrap().path()).collect();
    by.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    by.sort();
    v.extend(by);
    v
}

#[test]
fn names_in_every_script_read_back_exactly() {
    let d = tempfile::tempdir().unwrap();
    let (dir, _) = audit(d.path(), "out");
    let Some(report) = text(&dir.join("report.pdf")) else { return };
    for (script, sku, product, supplier) in ROWS {
        assert!(report.contains(&format!("{sku} · {product}")), "{script}: product {product:?} not in report.pdf:\n{report}");
        assert!(report.contains(supplier), "{script}: supplier {supplier:?} not in report.pdf");
    }
    assert!(!report.contains('?'), "no character became '?':\n{report}");
    // Each supplier's review names it and its product.
    for pdf in pdfs(&dir).into_iter().skip(1) {
        let Some(t) = text(&pdf) else { return };
        let Some((script, _, product, supplier)) = ROWS.iter().find(|r| t.contains(&format!("Supplier review – {}", r.3))) else {
            assert!(t.contains("Emoji Labs □"), "{}: no supplier of the catalogue:\n{t}", pdf.display());
            continue;
        };
        assert!(t.contains(product), "{script}: {product:?} not in {}", pdf.display());
        assert!(t.matches(supplier).count() >= 3, "{script}: the cover and every page's header name {supplier:?}");
    }
}

#[test]
fn every_font_is_embedded_and_subset_and_the_files_check() {
    let d = tempfile::tempdir().unwrap();
    let (dir, _) = audit(d.path(), "out");
    let files = pdfs(&dir);
    assert_eq!(files.len(), 1 + ROWS.len() + 1, "the report and one review per supplier");
    for pdf in files {
        let Some(fonts) = fonts(&pdf) else { return };
        assert!(!fonts.is_empty(), "{}: no font", pdf.display());
        for (name, emb, sub, uni) in fonts {
            let (tag, face) = name.split_once('+').unwrap_or(("", &name));
            assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{}: {name} has no subset tag", pdf.display());
            assert!(face.starts_with("DejaVuSans"), "{}: {name}", pdf.display());
            assert_eq!((emb.as_str(), sub.as_str(), uni.as_str()), ("yes", "yes", "yes"), "{}: {name}", pdf.display());
        }
        let Some(o) = tool("qpdf", &["--check", pdf.to_str().unwrap()]) else { return };
        assert!(o.status.success(), "qpdf --check {}: {}", pdf.display(), stdout(&o));
    }
}

#[test]
fn a_character_no_font_has_is_a_box_counted_in_a_note() {
    let d = tempfile::tempdir().unwrap();
    let (dir, o) = audit(d.path(), "out");
    let err = stderr(&o);
    // The product name is drawn in the report and the review, the supplier's in both and in
    // the review's running header: the note counts every box drawn.
    assert!(err.contains("note: ") && err.contains("have no glyph in the embedded fonts and are drawn as □"), "{err}");
    assert!(err.contains("U+1F34A 🍊, U+1F600 😀"), "{err}");
    let Some(report) = text(&dir.join("report.pdf")) else { return };
    assert!(report.contains("Sunny D3 □ drops"), "{report}");
}

#[test]
fn the_pdfs_are_byte_identical_across_runs_and_jobs() {
    let d = tempfile::tempdir().unwrap();
    let (a, _) = audit(d.path(), "a");
    let cat = d.path().join("scripts.csv");
    let out = d.path().join("b");
    let o = run(&[
        "audit",
        cat.to_str().unwrap(),
        "--split-by",
        "supplier",
        "--format",
        "csv,pdf",
        "--jobs",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    for pa in pdfs(&a) {
        let pb = out.join("scripts").join(pa.strip_prefix(&a).unwrap());
        assert!(std::fs::read(&pa).unwrap() == std::fs::read(&pb).unwrap(), "{} differs between runs", pa.display());
    }
}
