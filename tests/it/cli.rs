//! The product as users run it: the real binary on the fixtures and on small catalogues made
//! here, checking files, columns, counts and exit codes.


use crate::common::*;

#[test]
fn audit_fixtures_writes_every_file_and_counts_agree() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["audit", fixtures().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--progress", "never"]);
    assert_eq!(o.status.code(), Some(1), "the fixtures hold failing products: {}", stderr(&o));
    let text = stdout(&o);
    let files = fixture_files();
    assert!(files.len() >= 3, "at least three fixture catalogues");
    let mut total_records = 0;
    for f in &files {
        let stem = f.file_stem().unwrap().to_str().unwrap();
        let dir = out.path().join(stem);
        for name in ["audit.csv", "findings.csv", "rejected.csv", "summary.json", "report.pdf"] {
            assert!(dir.join(name).is_file(), "{stem}/{name} missing");
        }
        let audit = read_csv(&dir.join("audit.csv"));
        assert_eq!(audit.header.join(","), AUDIT_HEADER);
        assert_eq!(read_csv(&dir.join("findings.csv")).header.join(","), FINDINGS_HEADER);
        let rejected = read_csv(&dir.join("rejected.csv"));
        assert_eq!(rejected.header.join(","), REJECTED_HEADER);
        // Every record present, in input order.
        for (i, r) in audit.rows.iter().enumerate() {
            assert_eq!(r["row"], (i + 1).to_string(), "{stem}: rows in order");
        }
        let summary = read_json(&dir.join("summary.json"));
        assert_eq!(summary["catalogue"]["records"].as_u64(), Some(audit.rows.len() as u64), "{stem}: records");
        total_records += audit.rows.len();
        // Counts agree between audit.csv, summary.json and the stdout line.
        let line = text.lines().find(|l| l.contains(&format!("{stem}.csv:"))).unwrap_or_else(|| panic!("no line for {stem}: {text}"));
        let nums = parse_line(line);
        for v in ["pass", "warn", "review", "fail", "invalid", "skipped"] {
            let in_csv = audit.rows.iter().filter(|r| r["verdict"] == v).count() as u64;
            assert_eq!(summary["verdicts"][v].as_u64(), Some(in_csv), "{stem}: {v} in summary.json");
            assert_eq!(nums.get(v).copied(), Some(in_csv), "{stem}: {v} on stdout: {line}");
        }
        let products = audit.rows.iter().filter(|r| ["pass", "warn", "review", "fail"].contains(&r["verdict"].as_str())).count() as u64;
        assert_eq!(nums.get("products").copied(), Some(products), "{line}");
        // rejected.csv holds exactly the invalid records.
        let invalid: Vec<&String> = audit.rows.iter().filter(|r| r["verdict"] == "invalid").map(|r| &r["row"]).collect();
        let rej: Vec<&String> = rejected.rows.iter().map(|r| &r["row"]).collect();
        assert_eq!(invalid, rej, "{stem}: rejected rows");
        // Findings refer to real rows and every non-pass verdict has a finding.
        let findings = read_csv(&dir.join("findings.csv"));
        for r in audit.rows.iter().filter(|r| ["warn", "review", "fail"].contains(&r["verdict"].as_str())) {
            assert!(findings.rows.iter().any(|f| f["row"] == r["row"]), "{stem}: row {} has no finding", r["row"]);
        }
    }
    assert!(total_records >= 150, "150+ products in the fixtures, got {total_records}");
}

#[test]
fn every_rule_is_broken_somewhere_and_kept_somewhere() {
    let out = tempfile::tempdir().unwrap();
    run(&["audit", fixtures().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--format", "csv"]);
    let mut seen = std::collections::BTreeSet::new();
    let mut criteria_pass = std::collections::BTreeSet::new();
    for f in fixture_files() {
        let dir = out.path().join(f.file_stem().unwrap());
        for r in read_csv(&dir.join("findings.csv")).rows {
            seen.insert((r["rule"].clone(), r["status"].clone()));
        }
        for r in read_csv(&dir.join("audit.csv")).rows {
            for c in ["form", "ratio", "carrier", "certification", "safety"] {
                if r[c] == "pass" {
                    criteria_pass.insert(c.to_string());
                }
            }
        }
    }
    let expected = [
        ("FORM-D3", "fail"),
        ("FORM-D3", "review"),
        ("FORM-K2-PRESENT", "fail"),
        ("FORM-D3-PRESENT", "warn"),
        ("FORM-K2-MK7", "fail"),
        ("FORM-K2-MK7", "warn"),
        ("FORM-K2-MK7", "review"),
        ("RATIO-K2-PER-D3", "fail"),
        ("RATIO-K2-PER-D3", "warn"),
        ("RATIO-K2-PER-D3", "review"),
        ("RATIO-K2-DOSE", "warn"),
        ("CARRIER-OIL", "fail"),
        ("CARRIER-OIL", "warn"),
        ("CARRIER-OIL", "review"),
        ("CERT-THIRD-PARTY", "fail"),
        ("CERT-THIRD-PARTY", "warn"),
        ("SAFETY-WARFARIN", "fail"),
        ("SAFETY-D3-UL", "warn"),
        ("SAFETY-D3-MAX", "fail"),
        ("DATA-IMPLAUSIBLE", "review"),
        ("DATA-DUPLICATE-SKU", "warn"),
    ];
    for (rule, status) in expected {
        assert!(seen.contains(&(rule.to_string(), status.to_string())), "no fixture breaks {rule} with {status}");
    }
    for c in ["form", "ratio", "carrier", "certification", "safety"] {
        assert!(criteria_pass.contains(c), "no fixture passes {c}");
    }
}

#[test]
fn fail_on_levels_set_the_exit_code() {
    let out = tempfile::tempdir().unwrap();
    let cat = write_catalogue(
        out.path(),
        "one.csv",
        b"SKU,Product Name,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Dosage Form,Other Ingredients,Certifications,Warnings\n\
          A,Vitamin D3 5000 IU + K2,5000,100,MK-7,Softgel,MCT oil,NSF Certified for Sport,Consult your doctor if you take warfarin.\n",
    );
    let o = out.path().join("out");
    let args = |level: &str| {
        vec![
            "audit".to_string(),
            cat.display().to_string(),
            "--out".into(),
            o.display().to_string(),
            "--fail-on".into(),
            level.into(),
            "--format".into(),
            "csv".into(),
        ]
    };
    // 5,000 IU is above the 4,000 IU UL: the product warns.
    let code = |level: &str| bin().args(args(level)).output().unwrap().status.code();
    assert_eq!(code("fail"), Some(0));
    assert_eq!(code("review"), Some(0));
    assert_eq!(code("warn"), Some(1));
    assert_eq!(code("never"), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["audit"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["audit", "/no/such/file.csv", "--out", tempfile::tempdir().unwrap().path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/file.csv"), "{}", stderr(&o));
    let o = run(&["audit", "x.csv", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["explain", "NOPE-1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn policy_show_round_trips_through_policy_check() {
    let shown = run(&["policy", "show"]);
    assert_eq!(shown.status.code(), Some(0));
    let mut child =
        bin().args(["policy", "check", "-"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&shown.stdout).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("ok"));
}

#[test]
fn a_bad_policy_names_file_line_and_column_and_stops_before_work() {
    let dir = tempfile::tempdir().unwrap();
    let text = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    let bad =
        text.replace("warn_below = 20.0", "warn_below = 20.0\nwarn_bellow = 5").replace("none_status = \"fail\"", "none_status = \"bad\"");
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, &bad).unwrap();
    let o = run(&["policy", "check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let line = bad.lines().position(|l| l.starts_with("warn_bellow")).unwrap() + 1;
    assert!(err.contains(&format!("bad.toml:{line}:1")), "{err}");
    assert!(err.contains("warn_bellow"), "{err}");
    // An audit with it writes nothing.
    let out = dir.path().join("out");
    let o = run(&["audit", fixtures().to_str().unwrap(), "--policy", p.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.join("us-pharmacy").exists());
    // Every problem is listed at once when the syntax is fine.
    let bad2 = text.replace("none_status = \"fail\"", "none_status = \"bad\"").replace("fail_below = 10.0", "fail_below = 30.0");
    std::fs::write(&p, &bad2).unwrap();
    let err = stderr(&run(&["policy", "check", p.to_str().unwrap()]));
    assert!(err.contains("2 problems"), "{err}");
}

#[test]
fn explain_states_thresholds_and_fix() {
    let o = run(&["explain", "ratio-k2-per-d3"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert!(t.contains("RATIO-K2-PER-D3") && t.contains("below 10 µg") && t.contains("below 20 µg") && t.contains("How to fix"), "{t}");
    let o = run(&["explain"]);
    assert!(stdout(&o).contains("SAFETY-WARFARIN"));
}

#[test]
fn inspect_shows_encoding_delimiter_mapping_and_samples() {
    let dir = tempfile::tempdir().unwrap();
    let cat = write_catalogue(dir.path(), "c.csv", "Item #;Title;Colour\nA1;Vitamin D3 125 µg + K2 MK-7 100 µg Softgels;red\n".as_bytes());
    let o = run(&["inspect", cat.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.contains("encoding:   utf-8"), "{t}");
    assert!(t.contains("delimiter:  ;"), "{t}");
    assert!(t.contains("sku                <- \"Item #\""), "{t}");
    assert!(t.contains("unmapped headers: \"Colour\""), "{t}");
    assert!(t.contains("D3 5000 IU/day"), "{t}");
}

#[test]
fn a_mapping_file_maps_odd_headers() {
    let dir = tempfile::tempdir().unwrap();
    let cat = write_catalogue(dir.path(), "m.csv", b"Code X,Name,Dee\nA,Vitamin D3 + K2 (MK-7) 100 mcg softgel,5000\n");
    let map = dir.path().join("map.toml");
    std::fs::write(&map, "[columns]\nsku = \"Code X\"\nproduct = \"Name\"\nvitamin_d = \"Dee\"\n[units]\nvitamin_d = \"IU\"\n").unwrap();
    let out = dir.path().join("out");
    let o = run(&["audit", cat.to_str().unwrap(), "--mapping", map.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    // The export has no warnings or certifications column: review, not fail (SPEC §8), exit 0.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("m/audit.csv")).rows[0]["verdict"], "review");
    let a = read_csv(&out.join("m/audit.csv"));
    assert_eq!(a.rows[0]["sku"], "A");
    assert_eq!(a.rows[0]["d3_iu"], "5000");
    // A mapping naming a missing column is exit 2, naming the column.
    std::fs::write(&map, "[columns]\nsku = \"Nope\"\n").unwrap();
    let o = run(&["audit", cat.to_str().unwrap(), "--mapping", map.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Nope"), "{}", stderr(&o));
}

#[test]
fn formats_select_outputs_and_stdin_works() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = bin()
        .args(["audit", "-", "--out", out.to_str().unwrap(), "--format", "json", "--fail-on", "never"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"sku,title\nA,Vitamin D3 1000 IU K2 MK-7 50 mcg drops in MCT oil\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(out.join("stdin/summary.json").is_file());
    assert!(!out.join("stdin/audit.csv").exists());
    assert!(!out.join("stdin/report.pdf").exists());
    assert!(stdout(&o).starts_with("-: 1 products"), "{}", stdout(&o));
}

#[test]
fn unwritable_output_is_exit_2_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let o = run(&["audit", fixtures().join("us-pharmacy.csv").to_str().unwrap(), "--out", file.join("sub").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("output folder"), "{}", stderr(&o));
}

#[test]
fn quiet_prints_nothing_and_several_catalogues_get_a_total() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = run(&["audit", fixtures().to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--format", "csv"]);
    assert!(o.stdout.is_empty());
    let o = run(&["audit", fixtures().to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert!(stdout(&o).lines().last().unwrap().starts_with("total: "), "{}", stdout(&o));
}
