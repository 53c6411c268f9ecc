//! What a run of several catalogues tells: waiver hits per catalogue, a file named twice, a
//! catalogue with no records, a clamped --jobs.

mod common;

use common::*;

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
