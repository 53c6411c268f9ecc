//! Market profiles (SPEC §13) from the real binary: the same catalogue under `--market us` and
//! `--market de` gets the verdicts each profile's numbers imply; summary.json and the PDF name the
//! market; `market = "…"` in a policy file; `policy show --market` and `explain` with the sources;
//! children's products, GTINs and certificate dates in the German, Canadian and children's
//! fixtures.


use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// Audits one fixture with `extra` arguments into `out`; returns audit.csv by SKU and the
/// findings as (sku, rule, status, message).
/// audit.csv rows by SKU.
type Rows = BTreeMap<String, BTreeMap<String, String>>;
/// Findings as (sku, rule, status, message).
type Findings = Vec<[String; 4]>;

fn audit(out: &Path, fixture: &str, extra: &[&str]) -> (Rows, Findings) {
    let cat = fixtures().join(fixture);
    let mut args = vec!["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json,pdf", "--quiet"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let stem = fixture.trim_end_matches(".csv");
    let rows = read_csv(&out.join(stem).join("audit.csv")).rows.into_iter().map(|r| (r["sku"].clone(), r)).collect();
    let findings = read_csv(&out.join(stem).join("findings.csv"))
        .rows
        .into_iter()
        .map(|r| [r["sku"].clone(), r["rule"].clone(), r["status"].clone(), r["message"].clone()])
        .collect();
    (rows, findings)
}

fn has(findings: &[[String; 4]], sku: &str, rule: &str, status: &str) -> bool {
    findings.iter().any(|f| f[0] == sku && f[1] == rule && f[2] == status)
}

fn message<'a>(findings: &'a [[String; 4]], sku: &str, rule: &str) -> &'a str {
    findings.iter().find(|f| f[0] == sku && f[1] == rule).map_or("", |f| f[3].as_str())
}

#[test]
fn the_same_catalogue_under_us_and_de() {
    let d = tempfile::tempdir().unwrap();
    let (us, us_f) = audit(&d.path().join("us"), "de-drogerie.csv", &["--market", "us"]);
    let (de, de_f) = audit(&d.path().join("de"), "de-drogerie.csv", &["--market", "de"]);
    // (sku, D3 IU a day, safety under us, safety under de, why)
    let cases = [
        ("DE-NL-0101", "1000", "pass", "warn", "1,000 IU: within the US UL, above the BfR's 800 IU"),
        ("DE-SN-0102", "800", "pass", "pass", "800 IU: exactly the BfR maximum"),
        ("DE-DH-0103", "2000", "pass", "warn", "2,000 IU"),
        ("DE-GF-0105", "5000", "warn", "warn", "5,000 IU: above both adults' limits, below the 10,000 IU maximum"),
        ("DE-SN-0106", "2400", "pass", "fail", "children from 4 y: US 4-8 y UL 3,000 IU; EFSA 1-10 y UL 2,000 IU"),
        ("DE-NE-0107", "4000", "fail", "fail", "children from 3 y: US 1-3 y 2,500 IU; EFSA 2,000 IU"),
        ("DE-KW-0110", "800", "pass", "pass", "Kinderwunsch is not a children's product"),
    ];
    for (sku, iu, s_us, s_de, why) in cases {
        assert_eq!(us[sku]["d3_iu"], iu, "{sku}");
        assert_eq!(us[sku]["safety"], s_us, "{sku} under us: {why}");
        assert_eq!(de[sku]["safety"], s_de, "{sku} under de: {why}");
    }
    assert!(has(&de_f, "DE-NL-0101", "SAFETY-D3-UL", "warn"));
    assert!(message(&de_f, "DE-NL-0101", "SAFETY-D3-UL").contains("800 IU limit for adults in market de"));
    assert!(!us_f.iter().any(|f| f[0] == "DE-NL-0101" && f[1].starts_with("SAFETY")));
    assert!(has(&de_f, "DE-SN-0106", "SAFETY-D3-CHILD", "fail"));
    assert!(message(&de_f, "DE-SN-0106", "SAFETY-D3-CHILD").contains("above the 2,000 IU limit for 1–10 y"), "{de_f:?}");
    assert!(!has(&us_f, "DE-SN-0106", "SAFETY-D3-CHILD", "fail"));
    assert!(message(&us_f, "DE-NE-0107", "SAFETY-D3-CHILD").contains("2,500 IU limit for 1–3 y"));
    assert_eq!((us["DE-SN-0106"]["verdict"].as_str(), de["DE-SN-0106"]["verdict"].as_str()), ("warn", "fail"));
    for (m, dir) in [("us", "us"), ("de", "de")] {
        let s = read_json(&d.path().join(dir).join("de-drogerie").join("summary.json"));
        assert_eq!(s["market"], m);
    }
}

#[test]
fn the_policy_file_names_the_market_and_the_flag_wins() {
    let d = tempfile::tempdir().unwrap();
    let show = run(&["policy", "show"]);
    let text = stdout(&show).replacen("market = \"us\"", "market = \"de\"", 1);
    let policy = d.path().join("de.toml");
    std::fs::write(&policy, &text).unwrap();
    let (from_file, _) = audit(&d.path().join("file"), "de-drogerie.csv", &["--policy", policy.to_str().unwrap()]);
    let (from_flag, _) = audit(&d.path().join("flag"), "de-drogerie.csv", &["--market", "de"]);
    let (flag_wins, _) = audit(&d.path().join("wins"), "de-drogerie.csv", &["--policy", policy.to_str().unwrap(), "--market", "us"]);
    for sku in ["DE-NL-0101", "DE-SN-0106"] {
        assert_eq!(from_file[sku]["safety"], from_flag[sku]["safety"], "{sku}");
    }
    assert_eq!(flag_wins["DE-NL-0101"]["safety"], "pass");
    assert_eq!(read_json(&d.path().join("file/de-drogerie/summary.json"))["market"], "de");
    assert_eq!(read_json(&d.path().join("wins/de-drogerie/summary.json"))["market"], "us");
}

#[test]
fn unknown_markets_are_refused() {
    let o = run(&["audit", fixtures().join("de-drogerie.csv").to_str().unwrap(), "--market", "fr", "--out", "/nonexistent"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'fr' for '--market <MARKET>'"), "{}", stderr(&o));
    assert!(stderr(&o).contains("[possible values: us, eu, de, uk, ca, au]"), "{}", stderr(&o));
    let d = tempfile::tempdir().unwrap();
    let text = stdout(&run(&["policy", "show"])).replacen("market = \"us\"", "market = \"fr\"", 1);
    let line = text.lines().position(|l| l.starts_with("market = ")).unwrap() + 1;
    let p = d.path().join("fr.toml");
    std::fs::write(&p, text).unwrap();
    let o = run(&["policy", "check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("fr.toml:{line}:10: unknown market \"fr\"; known: us, eu, de, uk, ca, au")), "{}", stderr(&o));
}

#[test]
fn policy_show_market_prints_a_valid_policy_with_every_source() {
    for m in ["us", "eu", "de", "uk", "ca", "au"] {
        let o = run(&["policy", "show", "--market", m]);
        assert_eq!(o.status.code(), Some(0));
        let text = stdout(&o);
        assert!(text.contains(&format!("market = \"{m}\"")), "{m}");
        // Every limit line names its source: an authority and a date in parentheses.
        for l in text.lines().filter(|l| l.starts_with("# children ") || (l.starts_with("# adults: above ") && !l.contains("[safety]"))) {
            assert!(l.contains(';') && l.trim_end().ends_with(')'), "{m}: {l}");
        }
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("p.toml");
        std::fs::write(&p, &text).unwrap();
        let c = run(&["policy", "check", p.to_str().unwrap()]);
        assert_eq!(c.status.code(), Some(0), "{m}: {}", stderr(&c));
    }
    insta::assert_snapshot!("policy_show_market_de", stdout(&run(&["policy", "show", "--market", "de"])));
}

#[test]
fn explain_the_new_rules() {
    insta::assert_snapshot!("explain_child_us", stdout(&run(&["explain", "SAFETY-D3-CHILD"])));
    insta::assert_snapshot!("explain_child_de", stdout(&run(&["explain", "SAFETY-D3-CHILD", "--market", "de"])));
    insta::assert_snapshot!("explain_ul_ca", stdout(&run(&["explain", "SAFETY-D3-UL", "--market", "ca"])));
    insta::assert_snapshot!("explain_gtin", stdout(&run(&["explain", "IDENT-GTIN"])));
    insta::assert_snapshot!("explain_coa", stdout(&run(&["explain", "CERT-COA-AGE"])));
}

#[test]
fn childrens_products_by_age_band() {
    let d = tempfile::tempdir().unwrap();
    let (us, us_f) = audit(&d.path().join("us"), "kids-shop.csv", &[]);
    let (_, ca_f) = audit(&d.path().join("ca"), "kids-shop.csv", &["--market", "ca"]);
    // 5,000 IU "Kids" gummies, no age stated: the US 1-3 y band.
    assert!(has(&us_f, "KID-005", "SAFETY-D3-CHILD", "fail"));
    assert!(message(&us_f, "KID-005", "SAFETY-D3-CHILD").contains("no age stated"));
    assert!(message(&us_f, "KID-005", "SAFETY-D3-CHILD").contains("2,500 IU limit for 1–3 y"));
    // Ages 4+ at exactly 3,000 IU a day: at the US 4-8 y limit, not above it.
    assert_eq!(us["KID-006"]["d3_iu"], "3000");
    assert!(!has(&us_f, "KID-006", "SAFETY-D3-CHILD", "fail"));
    // Toddler, 2,400 IU a day: within the US 1-3 y 2,500 IU; above Canada's 1,000 IU for children.
    assert!(!has(&us_f, "KID-007", "SAFETY-D3-CHILD", "fail"));
    assert!(message(&ca_f, "KID-007", "SAFETY-D3-CHILD").contains("1,000 IU limit for 0–13 y"));
    // An adults' product in the same shop is not held to children's limits.
    assert!(!us_f.iter().chain(&ca_f).any(|f| f[0] == "KID-008" && f[1] == "SAFETY-D3-CHILD"));
}

#[test]
fn gtins_and_certificate_dates() {
    let d = tempfile::tempdir().unwrap();
    let (_, f) = audit(d.path(), "de-drogerie.csv", &[]);
    assert!(message(&f, "DE-PE-0104", "IDENT-GTIN").contains("the GS1 check digit of the other digits is 4"));
    assert!(message(&f, "DE-HS-0109", "IDENT-GTIN").contains("restricted-circulation prefix 200"));
    assert!(!f.iter().any(|x| x[0] == "DE-NL-0101" && x[1] == "IDENT-GTIN"));
    // COA dated 02.09.2025, audit date 2026-11-30 (SOURCE_DATE_EPOCH): 454 days.
    assert!(message(&f, "DE-SN-0102", "CERT-COA-AGE").contains("dated 2025-09-02 is 454 days old on 2026-11-30"));
    // NSF Certified for Sport, certified until 31.05.2026: expired, does not count.
    assert!(has(&f, "DE-SN-0102", "CERT-THIRD-PARTY", "fail"));
    assert!(message(&f, "DE-SN-0102", "CERT-THIRD-PARTY").contains("expired on 2026-05-31"));
    assert!(has(&f, "DE-PE-0104", "CERT-COA-AGE", "review"));
    let (_, ca) = audit(&d.path().join("ca"), "ca-pharmacy.csv", &["--market", "ca"]);
    assert!(message(&ca, "CA-NF-208", "IDENT-GTIN").contains("is 2"));
    assert!(has(&ca, "CA-SR-204", "SAFETY-D3-MAX", "fail"));
    assert!(message(&ca, "CA-SR-204", "SAFETY-D3-MAX").contains("2,500 IU limit for adults in market ca"));
    // 13/05/2026 can only be day-first: read, 201 days old, no finding.
    assert!(!ca.iter().any(|x| x[0] == "CA-WN-205" && x[1] == "CERT-COA-AGE"));
}

#[test]
fn the_pdf_names_the_market_and_its_sources() {
    let d = tempfile::tempdir().unwrap();
    audit(d.path(), "de-drogerie.csv", &["--market", "de"]);
    let bytes = std::fs::read(d.path().join("de-drogerie/report.pdf")).unwrap();
    let mut w = Vec::new();
    let doc = printpdf::PdfDocument::parse(&bytes, &printpdf::PdfParseOptions::default(), &mut w).unwrap();
    let pages: Vec<String> = doc.extract_text().iter().map(|p| p.join(" ")).collect();
    assert!(pages[0].contains("Market") && pages[0].contains("de (Germany)"), "{}", pages[0]);
    let all = pages.join("\n");
    assert!(all.contains("Bundesinstitut"), "the Method page names the BfR");
    assert!(all.contains("EFSA Journal 2023"), "the Method page names the EFSA opinion");
}
