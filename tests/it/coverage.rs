//! Data coverage (SPEC §8) as users meet it: an export without a column is the retailer's data
//! gap, not a failing product; summary.json counts which facts each catalogue states.

use std::collections::BTreeMap;

use crate::common::*;

/// One CSV row by column name.
type Row = BTreeMap<String, String>;

const K_PRODUCT: &str = "Sports Research Vitamin D3 + K2 with Coconut Oil, 5000 IU + 100 mcg MK-7, 60 Softgels";

/// Audits `csv` (with `extra` arguments) and returns the exit code, the SAFETY-WARFARIN findings
/// and the audit.csv rows.
fn audit(csv: &str, extra: &[&str]) -> (Option<i32>, Vec<Row>, Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    let cat = write_catalogue(dir.path(), "c.csv", csv.as_bytes());
    let out = dir.path().join("out");
    let mut args = vec!["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--progress", "never", "--format", "csv,json"];
    args.extend_from_slice(extra);
    let o = run(&args);
    let findings = read_csv(&out.join("c/findings.csv"));
    let warfarin = findings.rows.into_iter().filter(|r| r["rule"] == "SAFETY-WARFARIN").collect();
    (o.status.code(), warfarin, read_csv(&out.join("c/audit.csv")).rows)
}

#[test]
fn no_warnings_column_is_a_data_gap_review() {
    let (code, w, a) = audit(&format!("SKU,Title,Certifications\nA,\"{K_PRODUCT}\",NSF Certified for Sport\n"), &[]);
    assert_eq!(code, Some(0), "review does not reach --fail-on fail");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0]["status"], "review");
    assert_eq!(w[0]["message"], "the export carries no warnings: cannot tell whether the label warns about warfarin");
    assert_eq!(w[0]["data_gap"], "yes");
    assert_eq!(w[0]["column"], "", "no column holds the fact");
    assert_eq!(w[0]["evidence"], "no warnings column; searched: Title, Certifications");
    assert_eq!(a[0]["warfarin_warning"], "unknown");
    assert_eq!(a[0]["safety"], "review");
}

#[test]
fn an_empty_warnings_cell_is_a_data_gap_review() {
    let (code, w, a) = audit(&format!("SKU,Title,Certifications,Warnings\nA,\"{K_PRODUCT}\",NSF Certified for Sport,\n"), &[]);
    assert_eq!(code, Some(0), "review does not reach --fail-on fail");
    assert_eq!((w[0]["status"].as_str(), w[0]["data_gap"].as_str()), ("review", "yes"));
    assert_eq!(w[0]["message"], "the warnings cell is empty: cannot tell whether the label warns about warfarin");
    assert_eq!(w[0]["evidence"], "the Warnings cell is empty; searched: Title, Certifications");
    assert_eq!(a[0]["warfarin_warning"], "unknown");
}

#[test]
fn empty_cell_rule_gives_the_rules_own_status() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("p.toml");
    std::fs::write(&policy, k2d3_audit::DEFAULT_TOML.replace("empty_cell = \"review\"", "empty_cell = \"rule\"")).unwrap();
    let csv = format!("SKU,Title,Certifications,Warnings\nA,\"{K_PRODUCT}\",NSF Certified for Sport,\n");
    let (code, w, a) = audit(&csv, &["--policy", policy.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!((w[0]["status"].as_str(), w[0]["data_gap"].as_str()), ("fail", "no"));
    assert_eq!(a[0]["warfarin_warning"], "unknown", "audit.csv states the fact, whatever the policy does with it");
}

#[test]
fn no_column_rule_gives_the_rules_own_status() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("p.toml");
    std::fs::write(&policy, k2d3_audit::DEFAULT_TOML.replace("no_column = \"review\"", "no_column = \"rule\"")).unwrap();
    let (code, w, a) = audit(&format!("SKU,Title\nA,\"{K_PRODUCT}\"\n"), &["--policy", policy.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!((w[0]["status"].as_str(), w[0]["data_gap"].as_str()), ("fail", "no"));
    // audit.csv states the fact, whatever the policy does with it.
    assert_eq!(a[0]["warfarin_warning"], "unknown");
}

#[test]
fn a_warning_in_the_title_counts_without_the_column() {
    let (_, w, a) = audit("SKU,Title\nA,\"D3 + K2 MK-7 drops 5000 IU / 100 mcg - not for use with warfarin\"\n", &[]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(a[0]["warfarin_warning"], "yes");
}

/// The titles-only fixture, counted by hand: 28 records, 2 out of scope; which titles state each fact.
#[test]
fn coverage_of_the_titles_only_fixture_equals_a_hand_count() {
    let out = tempfile::tempdir().unwrap();
    let o =
        run(&["audit", fixtures().join("titles-only.csv").to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let s = read_json(&out.path().join("titles-only/summary.json"));
    assert_eq!(s["products_in_scope"], 26);
    // key: stated (all from the title: the export has no column for any of them)
    for (key, stated) in [
        ("vitamin_d_amount", 16),
        ("vitamin_d_form", 19),
        ("vitamin_k_amount", 13),
        ("vitamin_k_form", 9),
        ("servings_per_day", 0),
        ("dosage_form", 26),
        ("carrier_oil", 2),
        ("certifications", 1),
        ("warfarin_warning", 0),
    ] {
        let c = &s["coverage"][key];
        assert_eq!(
            (c["column"].is_null(), c["stated"].as_u64(), c["from_column"].as_u64(), c["from_text"].as_u64()),
            (true, Some(stated), Some(0), Some(stated)),
            "{key}"
        );
    }
    let err = stderr(&o);
    assert!(err.contains("note: ") && err.contains("no column for vitamin_d_amount") && err.contains("SAFETY-WARFARIN for 21"), "{err}");
}

#[test]
fn coverage_names_the_columns_and_counts_where_facts_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "SKU,Title,Ingredients,Other Ingredients,Warnings\n\
A,D3 + K2 softgels,\"Vitamin D3 5000 IU, MK-7 100 mcg\",olive oil,Ask your doctor if you take warfarin.\n\
B,D3 + K2 drops in MCT oil,,,\n\
C,Magnesium powder,,,\n";
    let cat = write_catalogue(dir.path(), "c.csv", csv.as_bytes());
    let out = dir.path().join("out");
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let s = read_json(&out.join("c/summary.json"));
    assert_eq!(s["products_in_scope"], 2, "C is skipped");
    let c = &s["coverage"];
    assert_eq!(
        c["carrier_oil"],
        serde_json::json!({"column": "Ingredients, Other Ingredients", "stated": 2, "from_column": 1, "from_text": 1})
    );
    assert_eq!(c["warfarin_warning"], serde_json::json!({"column": "Warnings", "stated": 1, "from_column": 1, "from_text": 0}));
    assert_eq!(c["vitamin_d_amount"], serde_json::json!({"column": null, "stated": 1, "from_column": 0, "from_text": 1}));
    assert_eq!(c["certifications"]["column"], serde_json::Value::Null);
}
