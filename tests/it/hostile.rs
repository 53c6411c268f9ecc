//! Hostile catalogues: nothing crashes, nothing is lost, nothing dangerous comes out.


use crate::common::*;

fn audit_one(dir: &std::path::Path, name: &str, bytes: &[u8], extra: &[&str]) -> (std::process::Output, std::path::PathBuf) {
    let cat = write_catalogue(dir, name, bytes);
    let out = dir.join("out");
    let mut args = vec!["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json"];
    args.extend_from_slice(extra);
    let o = run(&args);
    let stem = std::path::Path::new(name).file_stem().unwrap().to_str().unwrap().to_string();
    (o, out.join(stem))
}

fn verdicts(dir: &std::path::Path) -> Vec<String> {
    read_csv(&dir.join("audit.csv")).rows.iter().map(|r| r["verdict"].clone()).collect()
}

#[test]
fn the_hostile_fixture_loses_nothing_and_escapes_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = run(&["audit", fixtures().join("hostile.csv").to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let audit = read_csv(&out.join("hostile/audit.csv"));
    // 16 records in the file (empty lines are not records).
    assert_eq!(audit.rows.len(), 16);
    let by_sku = |sku: &str| audit.rows.iter().find(|r| r["sku"] == sku).unwrap_or_else(|| panic!("{sku}"));
    assert_eq!(by_sku("HX-003")["verdict"], "invalid");
    assert!(by_sku("HX-003")["issues"].starts_with("too few fields"));
    assert_eq!(by_sku("HX-004")["verdict"], "invalid");
    assert_eq!(by_sku("HX-017")["verdict"], "invalid");
    // Words, "see label", absurd values and disagreements go to review, quoting the text.
    assert_eq!(by_sku("HX-007")["ratio"], "review");
    assert!(by_sku("HX-007")["issues"].contains("\"five thousand IU\""));
    assert!(by_sku("HX-008")["issues"].contains("\"see label\""));
    assert_eq!(by_sku("HX-010")["safety"], "review");
    assert_eq!(by_sku("HX-010")["ratio"], "review");
    assert_eq!(by_sku("HX-011")["ratio"], "review");
    assert!(by_sku("HX-011")["issues"].contains("disagree"));
    // Mojibake and a Windows-1252 record inside a UTF-8 file still give the facts.
    assert_eq!(by_sku("HX-015")["d3_iu"], "5000");
    assert_eq!(by_sku("HX-015")["k_forms"], "MK-7");
    assert_eq!(by_sku("HX-016")["d3_iu"], "1000");
    assert_eq!(by_sku("HX-016")["product"], "Vitamin D3 25 µg + K2 MenaQ7® 75 µg Drops");
    // Formula cells are prefixed in every CSV.
    assert!(audit.rows.iter().any(|r| r["sku"].starts_with("'=HYPERLINK")));
    for file in ["audit.csv", "findings.csv", "rejected.csv"] {
        for r in read_csv(&out.join("hostile").join(file)).rows {
            for (k, v) in r {
                if ["row", "line", "d3_iu", "k2_mcg", "k2_per_1000_iu"].contains(&k.as_str()) {
                    continue;
                }
                assert!(!v.starts_with(['=', '+', '-', '@', '\t', '\r']), "{file}: {k} = {v:?}");
            }
        }
    }
    // rejected.csv keeps the raw text.
    let rej = read_csv(&out.join("hostile/rejected.csv"));
    assert_eq!(rej.rows.len(), 3);
    assert_eq!(rej.rows[0]["raw"], "HX-003,Ragged Vitamin D3 K2,Acme");
}

#[test]
fn encodings_utf16_le_be_and_windows_1252() {
    let text = "SKU;Product Name;Other Ingredients\nA;Vitamin D3 125 µg + K2 MK-7 100 µg Softgels;MCT oil\n";
    for (name, bytes) in [
        ("le.csv", {
            let mut b = vec![0xFF, 0xFE];
            text.encode_utf16().for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
            b
        }),
        ("be.csv", {
            let mut b = vec![0xFE, 0xFF];
            text.encode_utf16().for_each(|u| b.extend_from_slice(&u.to_be_bytes()));
            b
        }),
        ("w1252.csv", text.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()),
        ("bom.csv", [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (o, out) = audit_one(dir.path(), name, &bytes, &[]);
        assert_ne!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        let a = read_csv(&out.join("audit.csv"));
        assert_eq!(a.rows[0]["sku"], "A", "{name}");
        assert_eq!(a.rows[0]["d3_iu"], "5000", "{name}");
        assert_eq!(a.rows[0]["k2_mcg"], "100", "{name}");
    }
    // --encoding overrides detection.
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = "SKU,Product Name\nA,Vitamin D3 125 µg K2\n".chars().map(|c| c as u32 as u8).collect();
    let (_, out) = audit_one(dir.path(), "forced.csv", &bytes, &["--encoding", "windows-1252"]);
    assert_eq!(read_csv(&out.join("audit.csv")).rows[0]["d3_iu"], "5000");
}

#[test]
fn structure_defects() {
    let dir = tempfile::tempdir().unwrap();
    // CR-only line ends.
    let (o, out) = audit_one(dir.path(), "cr.csv", b"SKU,Product Name\rA,Vitamin D3 1000 IU\rB,Vitamin K2 MK-7 100 mcg\r", &[]);
    assert_ne!(o.status.code(), Some(2));
    let a = read_csv(&out.join("audit.csv"));
    assert_eq!(a.rows.iter().map(|r| r["line"].as_str()).collect::<Vec<_>>(), ["2", "3"]);
    // Duplicate and empty header names.
    let (o, out) = audit_one(dir.path(), "dup.csv", b"SKU,SKU,,Product Name\nA,B,x,Vitamin D3 1000 IU\n", &[]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("audit.csv")).rows[0]["sku"], "A");
    // A header-only file: audited, nothing in it.
    let (o, out) = audit_one(dir.path(), "header.csv", b"SKU,Product Name\n", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("audit.csv")).rows.len(), 0);
    assert_eq!(read_json(&out.join("summary.json"))["catalogue"]["records"], 0);
    // An empty file: exit 2, named.
    let (o, _) = audit_one(dir.path(), "empty.csv", b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty.csv") && stderr(&o).contains("empty"), "{}", stderr(&o));
    // No recognisable columns: exit 2 naming the headers seen and the fields needed.
    let (o, _) = audit_one(dir.path(), "cols.csv", b"colour,size\nred,L\n", &[]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("\"colour\", \"size\"") && e.contains("sku") && e.contains("product"), "{e}");
}

#[test]
fn one_unreadable_catalogue_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = write_catalogue(dir.path(), "good.csv", b"SKU,Product Name\nA,Vitamin D3 1000 IU + K2 MK-7 100 mcg Softgels\n");
    let bad = write_catalogue(dir.path(), "bad.csv", b"");
    let out = dir.path().join("out");
    let o = run(&["audit", good.to_str().unwrap(), bad.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.csv"), "{}", stderr(&o));
    assert!(out.join("good/audit.csv").is_file());
    assert!(stdout(&o).contains("good.csv: 1 products"));
}

#[test]
fn refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    // The report folder of `audit.csv` is `<out>/audit/`: put the catalogue right there.
    let sub = dir.path().join("audit");
    std::fs::create_dir_all(&sub).unwrap();
    let cat = write_catalogue(&sub, "audit.csv", b"SKU,Product Name\nA,Vitamin D3 1000 IU\n");
    let o = run(&["audit", cat.to_str().unwrap(), "--out", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&cat).unwrap(), b"SKU,Product Name\nA,Vitamin D3 1000 IU\n");
}

#[test]
fn a_previous_report_survives_a_failed_run() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = audit_one(dir.path(), "keep.csv", b"SKU,Product Name\nA,Vitamin D3 1000 IU\n", &[]);
    let before = std::fs::read(out.join("audit.csv")).unwrap();
    // Now the catalogue is unreadable: the old report stays as it was, and no temp file is left.
    let (o, out) = audit_one(dir.path(), "keep.csv", b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(out.join("audit.csv")).unwrap(), before);
    let leftovers: Vec<_> =
        std::fs::read_dir(&out).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty());
    let _ = verdicts;
}
