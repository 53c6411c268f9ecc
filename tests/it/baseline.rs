//! Scheduled audits: baseline diff, --fail-on-new, reproducible output.


use crate::common::*;

const CATALOGUE: &str = "SKU,Product Name,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Dosage Form,Other Ingredients,Certifications,Warnings
A-1,Sports Research D3 + K2 Softgels,2000,100,MK-7,Softgel,Organic coconut oil,NSF Certified for Sport,Consult your doctor if you take warfarin.
A-2,Thorne D3 + K2 Liquid,1000,50,MK-7,Liquid,MCT oil,NSF Certified for Sport,Ask your doctor if you take blood thinners.
A-3,NOW D-3 & K-2 Capsules,1000,45,MK-7,Capsule,Rice flour,GMP,Consult physician if taking anticoagulants.
";

fn audit(dir: &std::path::Path, csv: &str, extra: &[&str]) -> (std::process::Output, std::path::PathBuf) {
    let cat = write_catalogue(dir, "shop.csv", csv.as_bytes());
    let out = dir.join(format!("out{}", extra.len()));
    let mut args = vec!["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    (run(&args), out.join("shop"))
}

fn changes(dir: &std::path::Path) -> Vec<(String, String)> {
    read_csv(&dir.join("audit.csv")).rows.iter().map(|r| (r["sku"].clone(), r["change"].clone())).collect()
}

#[test]
fn unchanged_catalogue_is_all_same_and_exit_0() {
    let d = tempfile::tempdir().unwrap();
    let base = d.path().join("base");
    let cat = write_catalogue(d.path(), "shop.csv", CATALOGUE.as_bytes());
    run(&["audit", cat.to_str().unwrap(), "--out", base.to_str().unwrap()]);
    let base_dir = base.join("shop");
    let (o, out) = audit(d.path(), CATALOGUE, &["--baseline", base_dir.to_str().unwrap(), "--fail-on-new"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a = read_csv(&out.join("audit.csv"));
    assert_eq!(a.header.last().map(String::as_str), Some("change"));
    assert!(changes(&out).iter().all(|(_, c)| c == "same"), "{:?}", changes(&out));
    // Without --fail-on-new the failing product (a dry capsule) still sets exit 1.
    let (o, _) = audit(d.path(), CATALOGUE, &["--baseline", base_dir.join("audit.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_product_made_worse_is_marked_and_fails_the_run() {
    let d = tempfile::tempdir().unwrap();
    let cat = write_catalogue(d.path(), "shop.csv", CATALOGUE.as_bytes());
    let base = d.path().join("base");
    run(&["audit", cat.to_str().unwrap(), "--out", base.to_str().unwrap()]);
    // A-2 loses its warfarin warning (fail) and A-3 gets NSF (better); A-1 is gone; A-4 is new.
    let worse = CATALOGUE
        .replace("Ask your doctor if you take blood thinners.", "Keep out of reach of children.")
        .replace("Capsule,Rice flour,GMP", "Softgel,Olive oil,USP Verified")
        .lines()
        .filter(|l| !l.starts_with("A-1"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\nA-4,New D3 Gummies,1000,,,Gummy,,,\n";
    let (o, out) = audit(d.path(), &worse, &["--baseline", base.join("shop").to_str().unwrap(), "--fail-on-new"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let ch = changes(&out);
    assert!(ch.contains(&("A-2".into(), "worse".into())), "{ch:?}");
    assert!(ch.contains(&("A-3".into(), "better".into())), "{ch:?}");
    assert!(ch.contains(&("A-4".into(), "new".into())), "{ch:?}");
    let s = read_json(&out.join("summary.json"));
    assert_eq!(s["changes"]["worse"], 1);
    assert_eq!(s["changes"]["new"], 1);
    let gone = s["changes"]["gone"].as_array().unwrap();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0]["sku"], "A-1");
    // The PDF has the changes section.
    let pdf = std::fs::read(out.join("report.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn only_products_that_got_worse_fail_with_fail_on_new() {
    let d = tempfile::tempdir().unwrap();
    let cat = write_catalogue(d.path(), "shop.csv", CATALOGUE.as_bytes());
    let base = d.path().join("base");
    run(&["audit", cat.to_str().unwrap(), "--out", base.to_str().unwrap()]);
    // A-3 gets better and nothing gets worse, so --fail-on-new exits 0.
    let better = CATALOGUE.replace("Capsule,Rice flour,GMP", "Softgel,Olive oil,USP Verified");
    let (o, out) = audit(d.path(), &better, &["--baseline", base.join("shop").to_str().unwrap(), "--fail-on-new"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(changes(&out).iter().any(|(s, c)| s == "A-3" && c == "better"), "{:?}", changes(&out));
}

#[test]
fn outputs_are_byte_identical_across_runs_and_jobs() {
    let d = tempfile::tempdir().unwrap();
    let fx = fixtures();
    let run_with = |jobs: &str, name: &str| {
        let out = d.path().join(name);
        let o = run(&[
            "audit",
            fx.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--jobs",
            jobs,
            "--split-by",
            "supplier",
            "--format",
            "csv,json,pdf,xlsx,junit",
        ]);
        assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
        out
    };
    let a = run_with("1", "a");
    let b = run_with("2", "b");
    let c = run_with("2", "c");
    let mut compared = 0;
    for entry in walk(&a) {
        let rel = entry.strip_prefix(&a).unwrap();
        let x = std::fs::read(&entry).unwrap();
        assert_eq!(x, std::fs::read(b.join(rel)).unwrap(), "{} differs between --jobs 1 and 2", rel.display());
        assert_eq!(x, std::fs::read(c.join(rel)).unwrap(), "{} differs between two runs", rel.display());
        compared += 1;
    }
    assert!(compared >= 20, "compared {compared} files");
    assert!(walk(&a).iter().any(|p| p.ends_with("audit.junit.xml")) && walk(&a).iter().any(|p| p.ends_with("audit.xlsx")));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn products_without_sku_match_by_gtin_then_by_name() {
    let d = tempfile::tempdir().unwrap();
    let v1 = "Product Name,GTIN,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,Dosage Form,Other Ingredients,Certifications,Warnings
Vitamin D3 + K2 Drops,00812345000017,1000,50,MK-7,Liquid,MCT oil,NSF Certified for Sport,Ask your doctor if you take warfarin.
Vitamin D3 Softgels,,2000,,,Softgel,Olive oil,USP Verified,
";
    let cat = write_catalogue(d.path(), "nosku.csv", v1.as_bytes());
    let base = d.path().join("base");
    run(&["audit", cat.to_str().unwrap(), "--out", base.to_str().unwrap(), "--format", "csv"]);
    assert!(base.join("nosku/.k2d3-keys.csv").is_file(), "the GTINs are kept for the next run");
    // The drops are renamed (same GTIN) and lose their warning; the softgels keep their name.
    let v2 = v1
        .replace("Vitamin D3 + K2 Drops,", "Vitamin D3 + K2 Liquid Drops (new label),")
        .replace("Ask your doctor if you take warfarin.", "");
    let cat = write_catalogue(d.path(), "nosku.csv", v2.as_bytes());
    let out = d.path().join("out");
    let o = run(&[
        "audit",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--baseline",
        base.to_str().unwrap(),
        "--fail-on-new",
        "--format",
        "csv,json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let a = read_csv(&out.join("nosku/audit.csv"));
    assert_eq!(a.rows[0]["change"], "worse", "matched by GTIN");
    assert_eq!(a.rows[1]["change"], "same", "matched by name");
    assert_eq!(read_json(&out.join("nosku/summary.json"))["changes"]["gone"].as_array().unwrap().len(), 0);
}

#[test]
fn a_catalogue_new_since_the_last_run_is_all_new_and_a_missing_baseline_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let cat = write_catalogue(d.path(), "fresh.csv", CATALOGUE.as_bytes());
    let base = d.path().join("base");
    std::fs::create_dir_all(&base).unwrap();
    let out = d.path().join("out");
    let o = run(&[
        "audit",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--baseline",
        base.to_str().unwrap(),
        "--fail-on-new",
        "--fail-on",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("every product counts as new"), "{}", stderr(&o));
    assert!(read_csv(&out.join("fresh/audit.csv")).rows.iter().all(|r| r["change"] == "new"));
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--baseline", d.path().join("nope").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}
