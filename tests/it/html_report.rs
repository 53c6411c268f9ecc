//! report.html (SPEC §12) opened in a real browser: headless Chromium loads the page from disk
//! with a view in the URL fragment, and the page's `#shown[data-count]` must agree with the
//! counts read from audit.csv and findings.csv. Catalogue text that looks like markup must stay
//! text. `.ci/run` installs Debian's `chromium` when it is missing; these tests fail loudly
//! without it.


use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{read_csv, run};

const AUDITED: [&str; 4] = ["pass", "warn", "review", "fail"];

/// The Chromium binary (`CHROMIUM` overrides the name).
fn chromium() -> String {
    let name = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_string());
    let found = Command::new(&name).arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(found, "the report.html tests need headless Chromium: `apt-get install chromium` (or set CHROMIUM); .ci/run installs it");
    name
}

/// The page's DOM after its script has run, loaded from disk with `fragment`.
fn dom(page: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().expect("a temporary profile");
    let url = format!("file://{}{fragment}", page.display());
    let out = Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        .args(["--disable-sync", "--no-first-run", "--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(html.contains("id=\"shown\""), "chromium showed no page for {url}: {}", String::from_utf8_lossy(&out.stderr));
    html
}

/// `#shown`'s `data-count`, and its text.
fn shown(dom: &str) -> (u64, String) {
    let at = dom.find("id=\"shown\"").expect("#shown");
    let tag_end = at + dom[at..].find('>').expect("end of the tag");
    let tag = &dom[at..tag_end];
    let count = tag.split("data-count=\"").nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse().ok()).expect("data-count");
    let text = dom[tag_end + 1..].split('<').next().unwrap_or("").to_string();
    (count, text)
}

/// Audits `catalogue` into a fresh folder; returns the folder (kept alive) and the report's folder.
fn audit(catalogue: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("a temporary folder");
    let mut args = vec!["audit", catalogue.to_str().expect("a UTF-8 path"), "--out", out.path().to_str().expect("a UTF-8 path")];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", crate::common::stderr(&o));
    let stem = catalogue.file_stem().expect("a file name").to_string_lossy().into_owned();
    let dir = out.path().join(stem);
    (out, dir)
}

/// One audited product as audit.csv and findings.csv tell it.
struct Product {
    verdict: String,
    supplier: String,
    statuses: BTreeMap<String, String>,
    rules: BTreeSet<String>,
    /// SKU, product and evidence, lower case (what the search looks in, GTIN aside).
    text: String,
}

fn products(dir: &Path) -> Vec<Product> {
    let audit = read_csv(&dir.join("audit.csv"));
    let findings = read_csv(&dir.join("findings.csv"));
    let mut by_row: BTreeMap<String, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
    for f in &findings.rows {
        by_row.entry(f["row"].clone()).or_default().push(f);
    }
    let unquote = |s: &str| s.strip_prefix('\'').filter(|r| r.starts_with(['=', '+', '-', '@', '\t', '\r'])).unwrap_or(s).to_string();
    audit
        .rows
        .iter()
        .filter(|r| AUDITED.contains(&r["verdict"].as_str()))
        .map(|r| {
            let fs = by_row.get(&r["row"]).cloned().unwrap_or_default();
            let mut text = vec![unquote(&r["sku"]), unquote(&r["product"])];
            text.extend(fs.iter().map(|f| unquote(&f["evidence"])));
            Product {
                verdict: r["verdict"].clone(),
                supplier: if r["supplier"].is_empty() { "(no supplier)".into() } else { unquote(&r["supplier"]) },
                statuses: ["form", "ratio", "carrier", "certification", "safety"].iter().map(|c| (c.to_string(), r[*c].clone())).collect(),
                rules: fs.iter().map(|f| f["rule"].clone()).collect(),
                text: text.join("\n").to_lowercase(),
            }
        })
        .collect()
}

/// The most frequent value of `key` over `items`.
fn most_frequent<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for s in items {
        *n.entry(s).or_default() += 1;
    }
    n.into_iter().max_by_key(|(s, c)| (*c, std::cmp::Reverse(*s))).map(|(s, _)| s.to_string()).unwrap_or_default()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Which products a view should show.
type Wanted<'a> = Box<dyn Fn(&Product) -> bool + 'a>;

#[test]
fn fragments_show_the_products_audit_csv_counts() {
    for fixture in ["retailer-a.csv", "retailer-c.csv"] {
        let (_keep, dir) = audit(&crate::common::fixtures().join(fixture), &["--format", "csv,html"]);
        let page = dir.join("report.html");
        let all = products(&dir);
        let supplier = most_frequent(all.iter().map(|p| p.supplier.as_str()));
        let of_supplier = all.iter().filter(|p| p.supplier == supplier);
        let rule = most_frequent(of_supplier.flat_map(|p| p.rules.iter().map(String::as_str)));
        let query = "mk-4";
        let cases: Vec<(&str, String, Wanted)> = vec![
            ("everything", String::new(), Box::new(|_| true)),
            ("fail", "#verdict=fail".into(), Box::new(|p| p.verdict == "fail")),
            ("review or warn", "#verdict=review,warn".into(), Box::new(|p| p.verdict == "review" || p.verdict == "warn")),
            ("form fails", "#criterion=form%3Afail".into(), Box::new(|p| p.statuses["form"] == "fail")),
            (
                "a supplier's products failing a rule",
                format!("#supplier={}&rule={}", enc(&supplier), enc(&rule)),
                Box::new(|p| p.supplier == supplier && p.rules.contains(&rule)),
            ),
            ("search", format!("#q={query}"), Box::new(move |p| p.text.contains(query))),
            // The first record of a duplicated SKU learns of it only at the end (patched in).
            ("duplicate SKUs", "#rule=DATA-DUPLICATE-SKU".into(), Box::new(|p| p.rules.contains("DATA-DUPLICATE-SKU"))),
        ];
        for (name, fragment, want) in cases {
            let expected = all.iter().filter(|p| want(p)).count() as u64;
            let (count, text) = shown(&dom(&page, &fragment));
            assert_eq!(count, expected, "{fixture}: {name} ({fragment})");
            assert_eq!(text, format!("{expected} of {} products", all.len()), "{fixture}: {name}");
        }
    }
}

/// Catalogue text that would be markup or script if it were ever parsed as HTML.
const HOSTILE: &str = concat!(
    "SKU,Product Name,Brand,Supplier,Vitamin D (IU),Vitamin K2 (mcg),K2 Form,URL,Warnings\n",
    "H-1,\"</script><img src=x onerror=\"\"document.body.setAttribute('data-pwned','img')\"\">Vitamin D3 K2\",Acme,<b id=bold>Bold</b>,1000,100,MK-7,\"javascript:document.body.setAttribute('data-pwned','link')\",\n",
    "H-2,\"<script>document.body.setAttribute('data-pwned','script')</script> D3 K2 MK-7\",Acme,Acme,1000,100,MK-7,https://shop.example/p/2,\n",
    "H-3,\"<svg onload=\"\"document.body.setAttribute('data-pwned','svg')\"\"> D3 K2 MK-7\",Acme,Acme,2000,100,MK-7, JAVASCRIPT:alert(1),\n",
    "H-4,Vitamin D3 \u{2028} K2 \u{2029} &amp; <!-- comment --> MK-7,Acme,<i onmouseover=alert(1)>x</i>,1000,100,MK-7,\"data:text/html;base64,PHNjcmlwdD4=\",\n",
    // Tags are removed from text fields (SPEC §4), but entities are decoded: this title reaches
    // the report as `</script><img src=x onerror=alert(1)>` D3 K2 MK-7.
    "H-5,&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; D3 K2 MK-7,Acme,Acme,1000,100,MK-7,,\n",
);

#[test]
fn catalogue_text_never_becomes_markup_or_script() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let own = crate::common::write_catalogue(tmp.path(), "titles.csv", HOSTILE.as_bytes());
    let mut pages = Vec::new();
    for catalogue in [own, crate::common::fixtures().join("hostile.csv")] {
        let (keep, dir) = audit(&catalogue, &["--format", "csv,html"]);
        let page = dir.join("report.html");
        let bytes = std::fs::read_to_string(&page).expect("report.html");
        assert_eq!(bytes.matches("<script").count(), 2, "only the data block and the page's own script");
        assert!(!bytes.contains('\u{2028}') && !bytes.contains('\u{2029}'), "line separators are escaped");
        let csp = bytes.split("Content-Security-Policy\" content=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
        assert!(csp.starts_with("default-src 'none';") && !csp.contains("http") && !csp.contains('*'), "{csp}");
        let n = products(&dir).len();
        for fragment in ["", "#open=1", "#open=2"] {
            let dom = dom(&page, fragment);
            assert!(!dom.contains("data-pwned=\""), "{}{fragment}: a script ran", catalogue.display());
            for tag in ["<img", "<svg", "<b ", "<b>", "<i ", "<iframe"] {
                assert!(!dom.contains(tag), "{}{fragment}: an injected {tag} element", catalogue.display());
            }
            assert!(!dom.to_lowercase().contains("href=\"javascript") && !dom.contains("href=\"data:"), "{fragment}: a script link");
            assert_eq!(dom.matches("<script").count(), 2, "{fragment}: an injected script element");
            assert_eq!(shown(&dom).1, format!("{n} of {n} products"));
        }
        pages.push((keep, page));
    }
    // The decoded title shows as those characters; only the http(s) address is a link; search
    // finds the raw characters.
    let page = &pages[0].1;
    let fifth = dom(page, "#open=5");
    assert!(fifth.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; D3 K2 MK-7"), "the title is shown as text");
    assert!(!dom(page, "#open=1").contains("<a "), "no link for a javascript: address");
    assert!(dom(page, "#open=2").contains("<a href=\"https://shop.example/p/2\""), "an http(s) address is a link");
    assert_eq!(shown(&dom(page, "#q=%3C%2Fscript%3E%3Cimg")).0, 1, "search finds the raw characters");
}

#[test]
fn report_html_is_a_default_format_and_byte_identical_across_runs_and_jobs() {
    let fixture = crate::common::fixtures().join("retailer-c.csv");
    let (_a, one) = audit(&fixture, &["--jobs", "1"]);
    let (_b, four) = audit(&fixture, &["--jobs", "4"]);
    let read = |d: &Path| std::fs::read(d.join("report.html")).expect("report.html in the default formats");
    assert!(read(&one) == read(&four), "report.html differs between --jobs 1 and --jobs 4");
    let (_c, again) = audit(&fixture, &["--jobs", "4"]);
    assert!(read(&four) == read(&again), "report.html differs between two runs");
    let (_d, csv_only) = audit(&fixture, &["--format", "csv"]);
    assert!(!csv_only.join("report.html").exists(), "--format csv writes no report.html");
    let out = tempfile::tempdir().expect("a temporary folder");
    let o = run(&["audit", fixture.to_str().unwrap_or(""), "--out", out.path().to_str().unwrap_or(""), "--quiet"]);
    assert!(o.stdout.is_empty(), "--quiet prints nothing");
    assert!(out.path().join("retailer-c/report.html").exists());
}
