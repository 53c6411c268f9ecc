//! The facts and statuses of the hand-checked fixtures: every sound record of
//! fixtures/expected/<stem>.truth.csv (written by a person reading the rows, see
//! fixtures/expected.md) must come out exactly so.


use crate::common::*;

const FACTS: [&str; 8] = ["d_form", "d3_iu", "k_forms", "k2_mcg", "dosage_form", "carrier_oil", "certifications", "warfarin_warning"];
const STATUSES: [&str; 6] = ["verdict", "form", "ratio", "carrier", "certification", "safety"];

fn same(a: &str, b: &str) -> bool {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => (x - y).abs() < 0.01,
        _ => a == b,
    }
}

#[test]
fn hand_checked_fixtures_come_out_as_expected() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["audit", fixtures().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--format", "csv"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut checked = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("expected")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_name().unwrap().to_str().unwrap().trim_end_matches(".truth.csv").to_string();
        let truth = read_csv(&path);
        let audit = read_csv(&out.path().join(&stem).join("audit.csv"));
        for t in truth.rows.iter().filter(|t| t.get("sound").is_none_or(|s| s == "yes")) {
            let a = audit.rows.iter().find(|a| a["row"] == t["row"]).unwrap_or_else(|| panic!("{stem}: row {} missing", t["row"]));
            for k in FACTS.iter().chain(STATUSES.iter()) {
                if let Some(want) = t.get(*k).filter(|w| !(STATUSES.contains(k) && w.is_empty()))
                    && !same(want, &a[*k])
                {
                    wrong.push(format!("{stem} row {} ({}): {k} = {:?}, expected {want:?}", t["row"], a["sku"], a[*k]));
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 150, "only {checked} records checked");
    assert!(wrong.is_empty(), "{} mismatches:\n{}", wrong.len(), wrong.join("\n"));
}
