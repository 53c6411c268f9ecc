//! Helpers shared by the integration tests: run the real binary, read its outputs back.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

pub const AUDIT_HEADER: &str = "row,line,sku,product,brand,supplier,verdict,form,ratio,carrier,certification,safety,d_form,d3_iu,k_forms,k2_mcg,k2_per_1000_iu,dosage_form,carrier_oil,certifications,warfarin_warning,issues";
pub const FINDINGS_HEADER: &str = "row,sku,criterion,rule,status,message,evidence,column,waived,data_gap";
pub const REJECTED_HEADER: &str = "row,line,reason,raw";

pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_k2d3-audit"));
    c.env("SOURCE_DATE_EPOCH", "1795996800").env_remove("CI_PROGRESS");
    c
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    root().join("fixtures")
}

/// The *.csv fixtures, sorted.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(fixtures()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "csv")).collect();
    v.sort();
    v
}

/// A CSV output read back: header and rows as maps.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<BTreeMap<String, String>>,
}

pub fn read_csv(path: &Path) -> Table {
    let mut r = csv::ReaderBuilder::new().from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header.iter().cloned().zip(rec.iter().map(String::from)).collect()
        })
        .collect();
    Table { header, rows }
}

pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Writes a catalogue into a temp dir and returns its path.
pub fn write_catalogue(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Parses the summary line printed for a catalogue into its numbers.
pub fn parse_line(line: &str) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    let after = line.split(": ").nth(1).unwrap_or("");
    let mut words = after.split_whitespace().peekable();
    let mut last: Option<u64> = None;
    for w in words.by_ref() {
        let w = w.trim_end_matches(',');
        if let Ok(n) = w.replace(',', "").parse::<u64>() {
            last = Some(n);
        } else if let Some(n) = last.take() {
            m.insert(w.to_string(), n);
        }
        if w == "->" {
            break;
        }
    }
    m
}
