//! The PDF read back: page count, metadata, the numbers and names in the text.

use printpdf::{PdfDocument, PdfParseOptions};

use super::*;
use crate::date::Date;
use crate::policy::Policy;
use crate::report::CatalogueInfo;
use crate::results::{Changes, GoneProduct, WorseProduct};
use crate::results::{CriterionCounts, FindingEntry, ProductEntry, RejectedEntry, SupplierRow, Tally, Verdict};
use crate::rules::{Criterion, RuleId, Status};

fn info() -> CatalogueInfo {
    CatalogueInfo {
        path: "fixtures/retailer-x.csv".into(),
        name: "retailer-x.csv".into(),
        sha256: "ab".repeat(32),
        records: 1234,
        encoding: "utf-8".into(),
        delimiter: ",".into(),
    }
}

fn tally() -> Tally {
    let mut t = Tally { verdicts: [611, 190, 88, 315, 7, 23], ..Tally::default() };
    for c in Criterion::ALL {
        t.criteria[c.index()] = CriterionCounts { pass: 900, warn: 100, review: 50, fail: 154, na: 0 };
    }
    t.rules.insert(RuleId::SafetyWarfarin, 120);
    t.rules.insert(RuleId::FormK2Mk7, 80);
    t.waived.insert(RuleId::FormK2Mk7, 2);
    t
}

fn product(i: u64) -> ProductEntry {
    ProductEntry {
        row: i,
        line: i + 1,
        sku: format!("SKU-{i}"),
        gtin: String::new(),
        product: format!(
            "Very long product name number {i} with Vitamin D3 5,000 IU + K2 (MK-7) 100 μg ≥ the target 😀 in organic coconut oil, 120 softgels, value size"
        ),
        supplier: "Thorne".into(),
        verdict: Verdict::Fail,
        findings: vec![
            FindingEntry {
                rule: RuleId::SafetyWarfarin,
                criterion: Criterion::Safety,
                status: Status::Fail,
                message: "vitamin K product with no warfarin / blood-thinner (anticoagulant) warning".into(),
                evidence: String::new(),
                waived: false,
                data_gap: false,
                required_change: String::new(),
            },
            FindingEntry {
                rule: RuleId::FormK2Mk7,
                criterion: Criterion::Form,
                status: Status::Fail,
                message: "K2 is MK-4 with no MK-7; MK-4 at 200 µg a day is below the 1,500 µg therapeutic dose".into(),
                evidence: "K2 Form: \"MK-4 (menatetrenone) from a very long ingredient list that goes on and on and on and on and on\""
                    .into(),
                waived: i.is_multiple_of(2),
                data_gap: false,
                required_change: String::new(),
            },
        ],
    }
}

fn render_with(products: &[ProductEntry], changes: Option<&Changes>, supplier: Option<&str>) -> Vec<u8> {
    let info = info();
    let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
    let t = tally();
    let suppliers = vec![
        SupplierRow {
            name: "Thorne".into(),
            products: 600,
            pass: 300,
            warn: 100,
            review: 50,
            fail: 150,
            invalid: 0,
            grade: Some("C"),
            graded: 600,
        },
        SupplierRow {
            name: "Now Foods with an extremely long supplier name that must be cut".into(),
            products: 604,
            pass: 311,
            warn: 90,
            review: 38,
            fail: 165,
            invalid: 7,
            grade: Some("D"),
            graded: 604,
        },
    ];
    let rejected = vec![RejectedEntry { row: 3, line: 4, reason: "too few fields: 3 where the header has 10".into() }];
    let d = ReportData {
        catalogue: &info,
        supplier,
        date: Date::from_ymd(2026, 11, 30),
        timestamp: 1_795_996_800,
        tool_version: "0.1.0",
        policy: &policy,
        tally: &t,
        suppliers: &suppliers,
        supplier_names: &[],
        products,
        products_total: products.len() as u64 + 40,
        rejected: &rejected,
        rejected_total: 1,
        changes,
        coverage: None,
    };
    render(&d).bytes
}

fn text_of(bytes: &[u8]) -> (usize, String, String) {
    let mut w = Vec::new();
    let doc = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut w).expect("the PDF parses");
    let pages = doc.extract_text();
    (pages.len(), pages.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n"), doc.metadata.info.document_title.clone())
}

#[test]
fn renders_every_section_with_the_numbers() {
    let products: Vec<ProductEntry> = (1..=30).map(product).collect();
    let changes = Changes {
        baseline: "reports/retailer-x/audit.csv".into(),
        new: 3,
        worse: 1,
        better: 2,
        same: 1000,
        gone: vec![GoneProduct {
            sku: "OLD-1".into(),
            product: "Discontinued D3".into(),
            supplier: "Thorne".into(),
            verdict: Verdict::Pass,
        }],
        worse_products: vec![WorseProduct {
            row: 5,
            sku: "SKU-5".into(),
            product: "x".into(),
            supplier: "Thorne".into(),
            before: Verdict::Pass,
            after: Verdict::Fail,
            findings: vec![],
        }],
        worse_reaching_fail_on: 1,
    };
    let bytes = render_with(&products, Some(&changes), None);
    assert!(bytes.starts_with(b"%PDF"));
    let (pages, text, title) = text_of(&bytes);
    assert!(pages > 2, "{pages} pages");
    assert!(title.contains("retailer-x.csv"), "{title}");
    for needle in [
        "Page 1 of",
        &format!("Page {pages} of {pages}"),
        "611",
        "190",
        "315",
        "Thorne",
        "SAFETY-WARFARIN",
        "Changes since last audit",
        "OLD-1",
        "Method",
        "RATIO-K2-PER-D3",
        "too few fields",
        "40 more products",
        "retailer-x.csv",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn a_supplier_report_names_the_supplier() {
    let bytes = render_with(&[product(1)], None, Some("Thorne"));
    let (_, text, title) = text_of(&bytes);
    assert!(title.contains("Thorne"), "{title}");
    assert!(text.contains("Supplier compliance report: Thorne"));
}

#[test]
fn a_long_list_stays_under_300_pages() {
    let products: Vec<ProductEntry> = (1..=3000).map(product).collect();
    let bytes = render_with(&products, None, None);
    let (pages, _, _) = text_of(&bytes);
    assert!(pages < 300, "{pages} pages for 3,000 products");
}

#[test]
fn safe_unique_file_names() {
    let names: Vec<String> = ["A/B", "a-b", "..", "", "Thorne", "THORNE", "Nature's Way"].iter().map(|s| s.to_string()).collect();
    let files = safe_file_names(&names);
    assert_eq!(files, ["A-B.pdf", "a-b-2.pdf", "supplier.pdf", "supplier-2.pdf", "Thorne.pdf", "THORNE-2.pdf", "Nature-s-Way.pdf"]);
    for f in &files {
        assert!(!f.contains('/') && !f.contains("..") && !f.contains('\\'));
    }
}

#[test]
fn supplier_file_names_are_capped_in_bytes_on_a_character_boundary() {
    let four = "𝒜".repeat(80); // 320 bytes
    let cases: Vec<(&str, Vec<String>, Vec<usize>)> = vec![
        ("80 four-byte letters", vec![four.clone()], vec![200]),
        ("two names alike in their first 200 bytes", vec![format!("{four}b"), format!("{four}c")], vec![200, 198]),
        ("a two-byte letter across the cut", vec![format!("a{}", "é".repeat(150))], vec![199]),
        ("short names untouched", vec!["Thorne".into()], vec![10]),
    ];
    for (name, input, lens) in cases {
        let files = safe_file_names(&input);
        assert_eq!(files.iter().map(String::len).collect::<Vec<_>>(), lens, "{name}: {files:?}");
        let unique: std::collections::HashSet<String> = files.iter().map(|f| f.to_lowercase()).collect();
        assert_eq!(unique.len(), files.len(), "{name}");
        assert!(files.iter().all(|f| !f.starts_with('.') && f.ends_with(".pdf")), "{name}");
    }
}
