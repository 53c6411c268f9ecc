//! Waivers: a waived finding keeps its message, counts as pass and is listed as waived; expired
//! waivers no longer apply; unmatched and expired ones are reported.


use crate::common::*;

const CATALOGUE: &str = "SKU,Product Name,Brand,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Dosage Form,Other Ingredients,Certifications,Warnings
TH-D3K2-1OZ,Thorne Vitamin D3 + K2 Liquid,Thorne,1000,200,MK-4,Liquid,MCT oil,NSF Certified for Sport,Consult your doctor if you take warfarin.
SR-1,Sports Research D3 + K2,Sports Research,2000,100,MK-7,Softgel,Coconut oil,Informed Sport,Consult your doctor if you take warfarin.
";

fn policy_with(waivers: &str) -> String {
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    format!("{base}\n{waivers}")
}

#[test]
fn waivers_silence_one_rule_and_are_reported() {
    let d = tempfile::tempdir().unwrap();
    let cat = write_catalogue(d.path(), "w.csv", CATALOGUE.as_bytes());
    let pol = d.path().join("p.toml");
    std::fs::write(
        &pol,
        policy_with(
            r#"
[[waivers]]
sku = "TH-D3K2-1OZ"
rule = "FORM-K2-MK7"
reason = "reformulation to MK-7 agreed, ships Q1"
expires = "2099-03-31"

[[waivers]]
supplier = "Nobody Inc"
rule = "CARRIER-OIL"
reason = "never matches"

[[waivers]]
supplier = "Sports Research"
rule = "SAFETY-WARFARIN"
reason = "old agreement"
expires = "2020-01-01"
"#,
        ),
    )
    .unwrap();
    let out = d.path().join("out");
    let o = run(&["audit", cat.to_str().unwrap(), "--policy", pol.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let a = read_csv(&out.join("w/audit.csv"));
    // The MK-4 product passes form now: its only form finding is waived.
    assert_eq!(a.rows[0]["form"], "pass");
    assert_eq!(a.rows[0]["verdict"], "pass");
    let f = read_csv(&out.join("w/findings.csv"));
    let waived: Vec<_> = f.rows.iter().filter(|r| r["waived"] == "yes").collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["rule"], "FORM-K2-MK7");
    assert!(waived[0]["message"].contains("MK-4"), "the waived finding keeps its message");
    let s = read_json(&out.join("w/summary.json"));
    let ws = s["waivers"].as_array().unwrap();
    assert_eq!(ws.len(), 3);
    assert_eq!(ws[0]["matched"], 1);
    assert_eq!(ws[1]["matched"], 0);
    assert_eq!(ws[2]["expired"], true);
    let err = stderr(&o);
    assert!(err.contains("matched nothing"), "{err}");
    assert!(err.contains("expired on 2020-01-01"), "{err}");
}

#[test]
fn a_bad_waiver_is_a_policy_error_at_its_line() {
    let d = tempfile::tempdir().unwrap();
    let text = policy_with("\n[[waivers]]\nsku = \"X\"\nrule = \"NOT-A-RULE\"\nreason = \"r\"\nexpires = \"someday\"\n");
    let pol = d.path().join("p.toml");
    std::fs::write(&pol, &text).unwrap();
    let o = run(&["policy", "check", pol.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let line = text.lines().position(|l| l.contains("NOT-A-RULE")).unwrap() + 1;
    assert!(stderr(&o).contains(&format!("p.toml:{line}:")), "{}", stderr(&o));
}
