//! What a run tells: waiver hits per catalogue, a file named twice, a catalogue with no records,
//! a clamped --jobs; encoding per record; the ceilings (a record over 16 MiB, max_products).


use crate::common::*;

const WITH_SKU: &str =
    "SKU,Product Name,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Dosage Form\nTH-1,Vitamin D3 + K2 Liquid,1000,200,MK-4,Liquid\n";
const WITHOUT_SKU: &str =
    "SKU,Product Name,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Dosage Form\nOTHER-1,Vitamin D3 + K2 Drops,1000,200,MK-4,Liquid\n";

#[test]
fn waiver_hits_are_counted_per_catalogue() {
    let d = tempfile::tempdir().unwrap();
    let a = write_catalogue(d.path(), "a.csv", WITH_SKU.as_bytes());
    let b = write_catalogue(d.path(), "b.csv", WITHOUT_SKU.as_bytes());
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    let pol = d.path().join("p.toml");
    std::fs::write(&pol, format!("{base}\n[[waivers]]\nsku = \"TH-1\"\nrule = \"FORM-K2-MK7\"\nreason = \"agreed\"\n")).unwrap();
    let out = d.path().join("out");
    let o = run(&["audit", a.to_str().unwrap(), b.to_str().unwrap(), "--policy", pol.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let matched = |stem: &str| read_json(&out.join(stem).join("summary.json"))["waivers"][0]["matched"].as_u64().unwrap();
    assert_eq!(matched("a"), 1);
    assert_eq!(matched("b"), 0, "TH-1 is not in b.csv");
    let err = stderr(&o);
    assert!(err.contains(&format!("matched nothing in {}", b.display())), "{err}");
    assert!(!err.contains(&format!("matched nothing in {}", a.display())), "{err}");
}

#[test]
fn a_file_named_twice_is_audited_once_with_a_note() {
    let d = tempfile::tempdir().unwrap();
    let a = write_catalogue(d.path(), "a.csv", WITH_SKU.as_bytes());
    let other_spelling = d.path().join(".").join("a.csv");
    let out = d.path().join("out");
    let o = run(&["audit", a.to_str().unwrap(), other_spelling.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "one summary line: {}", stdout(&o));
    assert!(stderr(&o).contains("is named more than once: audited once"), "{}", stderr(&o));
    let mut dirs: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    dirs.sort();
    assert_eq!(dirs, ["a"]);
}

#[test]
fn a_header_only_catalogue_exits_0_with_a_note() {
    let d = tempfile::tempdir().unwrap();
    let a = write_catalogue(d.path(), "empty.csv", b"SKU,Product Name\n");
    let out = d.path().join("out");
    let o = run(&["audit", a.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("holds a header but no records"), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("empty/audit.csv")).rows.len(), 0);
}

#[test]
fn kept_behaviour_empty_and_bom_only_files_are_exit_2() {
    let d = tempfile::tempdir().unwrap();
    for (name, bytes) in [("empty.csv", &b""[..]), ("bom.csv", &b"\xEF\xBB\xBF"[..])] {
        let a = write_catalogue(d.path(), name, bytes);
        let o = run(&["audit", a.to_str().unwrap(), "--out", d.path().join("out").to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("empty"), "{name}: {}", stderr(&o));
    }
}

#[test]
fn too_many_jobs_are_clamped_with_a_note() {
    let d = tempfile::tempdir().unwrap();
    let a = write_catalogue(d.path(), "a.csv", WITH_SKU.as_bytes());
    let out = d.path().join("out");
    let o = run(&["audit", a.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "100000"]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let want = format!("--jobs 100000 is more than 4 × the {cores} cores: using {} worker threads", cores * 4);
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
    let o = run(&["audit", a.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "1"]);
    assert!(!stderr(&o).contains("--jobs"), "{}", stderr(&o));
}

#[test]
fn a_utf8_export_with_one_windows_1252_record_stays_utf8() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = b"SKU,Product Name,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Certifications\n".to_vec();
    // The odd record comes first, inside the block the encoding is sniffed from.
    bytes.extend_from_slice(b"W-1,Vitamin D3 + K2 100 \xb5g,1000,100,MK-7,MenaQ7\xae\n");
    for i in 0..20 {
        bytes.extend_from_slice(format!("U-{i},Vitamin D3 + K2 100 µg (MenaQ7®),1000,100 μg,MK-7,MenaQ7®\n").as_bytes());
    }
    let a = write_catalogue(d.path(), "mixed.csv", &bytes);
    let out = d.path().join("out");
    let o = run(&["audit", a.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 record(s) were not valid UTF-8 and were read as Windows-1252"), "{}", stderr(&o));
    let t = read_csv(&out.join("mixed/audit.csv"));
    assert_eq!(t.rows[0]["product"], "Vitamin D3 + K2 100 µg");
    for r in &t.rows[1..] {
        assert_eq!(r["product"], "Vitamin D3 + K2 100 µg (MenaQ7®)", "no mojibake");
        assert_eq!(r["k2_mcg"], "100", "the amount is kept");
    }
    assert_eq!(read_json(&out.join("mixed/summary.json"))["catalogue"]["encoding"], "utf-8");
}

#[test]
fn a_record_over_16_mib_is_invalid_with_a_reason() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = b"SKU,Product Name\nA,Vitamin D3 1000 IU\nB,\"".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 17 << 20));
    bytes.extend_from_slice(b"\"\nC,Vitamin D3 2000 IU\n");
    let a = write_catalogue(d.path(), "big.csv", &bytes);
    let out = d.path().join("out");
    let o = run(&["audit", a.to_str().unwrap(), "--out", out.to_str().unwrap(), "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = read_csv(&out.join("big/audit.csv"));
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[1]["verdict"], "invalid");
    let r = read_csv(&out.join("big/rejected.csv"));
    assert!(r.rows[0]["reason"].contains("more than the 16 MiB a record may hold"), "{:?}", r.rows[0]["reason"]);
    assert!(r.rows[0]["raw"].len() < 1000);
}

#[test]
fn max_products_is_bounded() {
    let d = tempfile::tempdir().unwrap();
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    let pol = d.path().join("p.toml");
    std::fs::write(&pol, base.replace("max_products = 500", "max_products = 9223372036854775807")).unwrap();
    let o = run(&["policy", "check", pol.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("max_products must be from 0 to 10000, not 9223372036854775807"), "{}", stderr(&o));
    std::fs::write(&pol, base.replace("max_products = 500", "max_products = 10000")).unwrap();
    assert_eq!(run(&["policy", "check", pol.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn policy_check_takes_toml_dates_and_notes_expired_waivers() {
    let d = tempfile::tempdir().unwrap();
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    let pol = d.path().join("p.toml");
    let waivers = "\n[[waivers]]\nsku = \"A\"\nrule = \"FORM-K2-MK7\"\nreason = \"agreed\"\nexpires = 2099-03-31\n\n[[waivers]]\nsku = \"B\"\nrule = \"FORM-K2-MK7\"\nreason = \"old\"\nexpires = 2020-01-01\n";
    std::fs::write(&pol, format!("{base}{waivers}")).unwrap();
    let o = run(&["policy", "check", pol.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("note: waiver for sku B on FORM-K2-MK7 expired on 2020-01-01"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("sku A"), "{}", stderr(&o));
}

#[test]
fn policy_check_lists_every_type_problem_in_words() {
    let d = tempfile::tempdir().unwrap();
    let base = String::from_utf8(run(&["policy", "show"]).stdout).unwrap();
    let pol = d.path().join("p.toml");
    std::fs::write(&pol, base.replace("max_products = 500", "max_products = \"lots\"").replace("max_iu = 10000.0", "max_iu = \"10000\""))
        .unwrap();
    let o = run(&["policy", "check", pol.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("2 problems"), "{err}");
    assert!(err.contains("`max_iu` must be a number, e.g. 4000, not string \"10000\""), "{err}");
    assert!(err.contains("`max_products` must be a whole number, e.g. 500, not string \"lots\""), "{err}");
}
