//! Verdicts that do not depend on the export's shape (SPEC §8): the same label text audited as a
//! title + description export (the label's "Warnings:" and "Other ingredients:" in the
//! description), as a column export whose warnings, ingredients and certifications cells are
//! empty, and as a Shopify export (the label in `Body (HTML)`, no warnings column). Per label the
//! verdicts agree, or the one that differs is a data-gap review: never a fail in one shape and a
//! pass in another.

use std::collections::BTreeMap;

use crate::common::*;

/// One label, as a person reads it off the pack.
struct Label {
    sku: &'static str,
    title: &'static str,
    /// `Softgel` or `Tablet`.
    form: &'static str,
    /// The supplement facts line.
    facts: &'static str,
    other_ingredients: &'static str,
    warnings: &'static str,
    /// The seal, or "" for none.
    seal: &'static str,
    /// The expected verdicts: title + description, empty cells, Shopify.
    want: [&'static str; 3],
}

const FACTS_SOFTGEL: &str = "Vitamin D3 (as cholecalciferol) 50 mcg (2,000 IU), Vitamin K2 (as MK-7) 100 mcg per softgel";
const FACTS_TABLET: &str = "Vitamin D3 (as cholecalciferol) 50 mcg (2,000 IU), Vitamin K2 (as MK-7) 100 mcg per tablet";
const WARFARIN: &str = "Consult your doctor before use if you take warfarin or other anticoagulants. Keep out of reach of children.";
const NO_WARFARIN: &str = "Keep out of reach of children. Do not exceed the recommended dose.";
const NSF: &str = "NSF Certified for Sport";

const LABELS: [Label; 5] = [
    Label {
        sku: "WARN-YES",
        title: "Vitamin D3 + K2 (MK-7) 2000 IU / 100 mcg, 60 Softgels",
        form: "Softgel",
        facts: FACTS_SOFTGEL,
        other_ingredients: "MCT oil, gelatin, glycerin",
        warnings: WARFARIN,
        seal: NSF,
        want: ["pass", "review", "pass"],
    },
    Label {
        sku: "WARN-NO",
        title: "Vitamin D3 + K2 (MK-7) 2000 IU / 100 mcg, 60 Softgels",
        form: "Softgel",
        facts: FACTS_SOFTGEL,
        other_ingredients: "MCT oil, gelatin, glycerin",
        warnings: NO_WARFARIN,
        seal: NSF,
        want: ["fail", "review", "fail"],
    },
    Label {
        sku: "TAB-NO-OIL",
        title: "Vitamin D3 + K2 (MK-7) 2000 IU / 100 mcg, 90 Tablets",
        form: "Tablet",
        facts: FACTS_TABLET,
        other_ingredients: "microcrystalline cellulose, dicalcium phosphate, magnesium stearate",
        warnings: WARFARIN,
        seal: NSF,
        want: ["fail", "review", "fail"],
    },
    Label {
        sku: "TAB-OIL",
        title: "Vitamin D3 + K2 (MK-7) 2000 IU / 100 mcg, 90 Tablets",
        form: "Tablet",
        facts: FACTS_TABLET,
        other_ingredients: "sunflower oil, microcrystalline cellulose, acacia gum",
        warnings: WARFARIN,
        seal: NSF,
        want: ["warn", "review", "warn"],
    },
    Label {
        sku: "NO-SEAL",
        title: "Vitamin D3 + K2 (MK-7) 2000 IU / 100 mcg, 60 Softgels",
        form: "Softgel",
        facts: FACTS_SOFTGEL,
        other_ingredients: "MCT oil, gelatin, glycerin",
        warnings: WARFARIN,
        seal: "",
        want: ["review", "review", "review"],
    },
];

const SHAPES: [&str; 3] = ["description", "empty-cells", "shopify"];

/// A CSV field, quoted.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The title + description export: the label as text, its sections labelled.
fn description_export() -> String {
    let mut csv = String::from("SKU,Title,Brand,Description\n");
    for l in &LABELS {
        let seal = if l.seal.is_empty() { String::new() } else { format!("\n{}.", l.seal) };
        let desc = format!(
            "{}. Take 1 {} daily with a meal.\nOther ingredients: {}.\nWarnings: {}{seal}",
            l.facts,
            l.form.to_lowercase(),
            l.other_ingredients,
            l.warnings
        );
        csv.push_str(&format!("{},{},Acme,{}\n", l.sku, q(l.title), q(&desc)));
    }
    csv
}

/// The column export: amounts and forms in their columns, the warnings, ingredients and
/// certifications cells empty.
fn empty_cells_export() -> String {
    let mut csv = String::from(
        "SKU,Product Name,Brand,Vitamin D3 (IU),Vitamin K2 (mcg),K2 Form,Dosage Form,Ingredients,Other Ingredients,Certifications,Warnings\n",
    );
    for l in &LABELS {
        csv.push_str(&format!("{},{},Acme,2000,100,MK-7,{},,,,\n", l.sku, q(l.title), l.form));
    }
    csv
}

/// The Shopify export: the label in `Body (HTML)`, headings as HTML, no warnings column.
fn shopify_export() -> String {
    let mut csv = String::from("Handle,Title,Body (HTML),Vendor,Variant SKU\n");
    for l in &LABELS {
        let seal = if l.seal.is_empty() { String::new() } else { format!("<p><strong>{}</strong></p>", l.seal) };
        let body = format!(
            "<p>{}.</p><p>Take 1 {} daily with a meal.</p><h3>Other Ingredients</h3><p>{}</p><h3>Warnings</h3><p>{}</p>{seal}",
            l.facts,
            l.form.to_lowercase(),
            l.other_ingredients,
            l.warnings
        );
        csv.push_str(&format!("{},{},{},Acme,{}\n", l.sku.to_lowercase(), q(l.title), q(&body), l.sku));
    }
    csv
}

/// What one shape says about each label: audit.csv's row and the findings, by SKU.
struct Audited {
    rows: BTreeMap<String, BTreeMap<String, String>>,
    findings: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

/// Audits the three shapes in one run.
fn audit_shapes() -> Vec<Audited> {
    let dir = tempfile::tempdir().unwrap();
    let files = [description_export(), empty_cells_export(), shopify_export()];
    let paths: Vec<String> = SHAPES
        .iter()
        .zip(&files)
        .map(|(s, csv)| write_catalogue(dir.path(), &format!("{s}.csv"), csv.as_bytes()).to_str().unwrap().to_string())
        .collect();
    let out = dir.path().join("out");
    let mut args = vec!["audit", "--out", out.to_str().unwrap(), "--format", "csv", "--progress", "never", "--fail-on", "never"];
    args.extend(paths.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    SHAPES
        .iter()
        .map(|s| {
            let rows = read_csv(&out.join(s).join("audit.csv")).rows.into_iter().map(|r| (r["sku"].clone(), r)).collect();
            let mut findings: BTreeMap<String, Vec<_>> = BTreeMap::new();
            for f in read_csv(&out.join(s).join("findings.csv")).rows {
                findings.entry(f["sku"].clone()).or_default().push(f);
            }
            Audited { rows, findings }
        })
        .collect()
}

/// The criteria the export's shape can touch (SPEC §8).
const GAP_CRITERIA: [&str; 3] = ["safety", "carrier", "certification"];

#[test]
fn the_same_label_gets_the_same_verdict_or_a_data_gap_review_in_every_shape() {
    let shapes = audit_shapes();
    let mut wrong = Vec::new();
    for l in &LABELS {
        let verdicts: Vec<&str> = shapes.iter().map(|a| a.rows[l.sku]["verdict"].as_str()).collect();
        if verdicts != l.want {
            wrong.push(format!("{}: verdicts {verdicts:?}, expected {:?}", l.sku, l.want));
        }
        if verdicts.contains(&"fail") && verdicts.contains(&"pass") {
            wrong.push(format!("{}: fail in one shape and pass in another: {verdicts:?}", l.sku));
        }
        // Per criterion: the same status, or a review resting on a data gap. (A softgel naming no
        // oil warns in the empty-cells export: SPEC §8 sends only a dry form's carrier to review.)
        for c in GAP_CRITERIA {
            let statuses: Vec<&str> = shapes.iter().map(|a| a.rows[l.sku][c].as_str()).collect();
            let judged: Vec<&str> = shapes
                .iter()
                .filter(|a| {
                    let gap = a.findings.get(l.sku).into_iter().flatten().any(|f| f["criterion"] == c && f["data_gap"] == "yes");
                    !(a.rows[l.sku][c] == "review" && gap)
                })
                .map(|a| a.rows[l.sku][c].as_str())
                .collect();
            let softgel_carrier = c == "carrier" && l.form == "Softgel" && judged.iter().all(|s| matches!(*s, "pass" | "warn"));
            if judged.windows(2).any(|w| w[0] != w[1]) && !softgel_carrier {
                wrong.push(format!("{} {c}: {statuses:?} differ beyond data-gap reviews", l.sku));
            }
            if statuses.contains(&"fail") && statuses.contains(&"pass") {
                wrong.push(format!("{} {c}: fail in one shape and pass in another: {statuses:?}", l.sku));
            }
        }
        // Every review of the empty-cells export rests on a data gap of the export.
        let empty = &shapes[1];
        for f in empty.findings.get(l.sku).into_iter().flatten().filter(|f| GAP_CRITERIA.contains(&f["criterion"].as_str())) {
            if f["status"] == "review" && f["data_gap"] != "yes" {
                wrong.push(format!("{} empty-cells: {} review without a data gap", l.sku, f["rule"]));
            }
            if f["status"] == "fail" {
                wrong.push(format!("{} empty-cells: {} fails on an empty cell: {}", l.sku, f["rule"], f["message"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_warnings_section_without_the_warning_fails_and_is_quoted() {
    let shapes = audit_shapes();
    for (shape, a) in SHAPES.iter().zip(&shapes) {
        let w: Vec<_> = a.findings["WARN-NO"].iter().filter(|f| f["rule"] == "SAFETY-WARFARIN").collect();
        assert_eq!(w.len(), 1, "{shape}");
        let f = w[0];
        match *shape {
            "empty-cells" => {
                assert_eq!((f["status"].as_str(), f["data_gap"].as_str()), ("review", "yes"), "{shape}");
                assert_eq!(f["message"], "the warnings cell is empty: cannot tell whether the label warns about warfarin");
                assert_eq!(a.rows["WARN-NO"]["warfarin_warning"], "unknown", "{shape}");
            }
            _ => {
                assert_eq!((f["status"].as_str(), f["data_gap"].as_str()), ("fail", "no"), "{shape}");
                assert!(f["evidence"].starts_with("Warnings") && f["evidence"].contains("Keep out of reach of children"), "{shape}: {f:?}");
                assert_eq!(a.rows["WARN-NO"]["warfarin_warning"], "no", "{shape}");
            }
        }
        // The label with the warning states it in every shape that carries the label's text.
        let yes = a.rows["WARN-YES"]["warfarin_warning"].as_str();
        assert_eq!(yes, if *shape == "empty-cells" { "unknown" } else { "yes" }, "{shape}");
    }
}

#[test]
fn an_other_ingredients_section_carries_the_dry_forms_oil() {
    let shapes = audit_shapes();
    for (shape, a) in SHAPES.iter().zip(&shapes) {
        let carrier = |sku: &str| a.rows[sku]["carrier"].clone();
        let oil = a.rows["TAB-OIL"]["carrier_oil"].as_str();
        match *shape {
            "empty-cells" => {
                assert_eq!((carrier("TAB-NO-OIL"), carrier("TAB-OIL")), ("review".to_string(), "review".to_string()), "{shape}");
                assert_eq!(oil, "", "{shape}");
            }
            _ => {
                assert_eq!((carrier("TAB-NO-OIL"), carrier("TAB-OIL")), ("fail".to_string(), "warn".to_string()), "{shape}");
                assert_eq!(oil, "sunflower", "{shape}");
            }
        }
    }
}
