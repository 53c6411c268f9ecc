//! Compares the fact columns of an `audit.csv` written by k2d3-audit against a truth file, for
//! instance one written by `examples/gen_catalogue.rs` or one of `fixtures/expected/*.truth.csv`.
//!
//! ```text
//! cargo run --release --example accuracy -- truth.csv audit.csv
//! ```
//!
//! Records are matched by `row`. Only the truth's sound records (`sound=yes`) are scored. For each
//! field the tool prints correct / total, the percentage and the first 5 mismatches. Fact fields:
//! `d_form, d3_iu, k_forms, k2_mcg, dosage_form, carrier_oil, certifications, warfarin_warning`.
//! When the truth also has `verdict`, `form`, `ratio`, `carrier`, `certification` or `safety`
//! columns, as the fixtures' truth does, those are scored too. `d3_iu` and `k2_mcg` compare as
//! numbers with a 0.01 tolerance. Columns are found by header name, and cells may be quoted per
//! RFC 4180, including embedded line breaks. The tool exits 0 unless a file cannot be read or lacks
//! the columns it needs (exit 2).

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};

const FACTS: [&str; 8] = ["d_form", "d3_iu", "k_forms", "k2_mcg", "dosage_form", "carrier_oil", "certifications", "warfarin_warning"];
const STATUSES: [&str; 6] = ["verdict", "form", "ratio", "carrier", "certification", "safety"];
const NUMERIC: [&str; 2] = ["d3_iu", "k2_mcg"];

/// A streaming RFC 4180 reader: quoted fields, `""` escapes, embedded delimiters and line breaks,
/// CRLF or LF, an optional UTF-8 BOM. Stray quotes inside unquoted fields are kept literally.
struct CsvReader<R: Read> {
    r: BufReader<R>,
    started: bool,
    field: Vec<u8>,
}

impl<R: Read> CsvReader<R> {
    fn new(r: R) -> Self {
        CsvReader { r: BufReader::with_capacity(1 << 20, r), started: false, field: Vec::new() }
    }

    /// Reads the next record into `out`. Returns false at end of input. Blank lines are skipped.
    fn next_record(&mut self, out: &mut Vec<String>) -> io::Result<bool> {
        #[derive(PartialEq)]
        enum S {
            Start,
            Unquoted,
            Quoted,
            QuoteInQuoted,
        }
        loop {
            out.clear();
            self.field.clear();
            let mut state = S::Start;
            let mut any = false;
            let mut last_cr = false;
            loop {
                let buf = self.r.fill_buf()?;
                if buf.is_empty() {
                    if !any {
                        return Ok(false);
                    }
                    out.push(String::from_utf8_lossy(&self.field).into_owned());
                    return Ok(true);
                }
                let mut buf = buf;
                if !self.started {
                    self.started = true;
                    if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        self.r.consume(3);
                        continue;
                    }
                }
                let mut used = 0;
                let mut done = false;
                while !buf.is_empty() {
                    let b = buf[0];
                    buf = &buf[1..];
                    used += 1;
                    any = true;
                    match state {
                        S::Quoted => {
                            if b == b'"' {
                                state = S::QuoteInQuoted;
                            } else {
                                self.field.push(b);
                            }
                        }
                        S::QuoteInQuoted if b == b'"' => {
                            self.field.push(b'"');
                            state = S::Quoted;
                        }
                        _ => {
                            // Start, Unquoted, or just after a closing quote.
                            match b {
                                b',' => {
                                    out.push(String::from_utf8_lossy(&self.field).into_owned());
                                    self.field.clear();
                                    state = S::Start;
                                }
                                b'\n' => {
                                    if last_cr && self.field.last() == Some(&b'\r') {
                                        self.field.pop();
                                    }
                                    out.push(String::from_utf8_lossy(&self.field).into_owned());
                                    done = true;
                                    break;
                                }
                                b'"' if state == S::Start => state = S::Quoted,
                                _ => {
                                    self.field.push(b);
                                    if state == S::Start {
                                        state = S::Unquoted;
                                    }
                                }
                            }
                        }
                    }
                    last_cr = b == b'\r';
                }
                self.r.consume(used);
                if done {
                    break;
                }
            }
            if out.len() == 1 && out[0].is_empty() {
                continue; // blank line
            }
            return Ok(true);
        }
    }
}

fn open(path: &str) -> Result<CsvReader<std::fs::File>, String> {
    std::fs::File::open(path).map(CsvReader::new).map_err(|e| format!("cannot read {path}: {e}"))
}

fn col(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// Undoes the spreadsheet-injection prefix SPEC §5 puts on text cells.
fn unprefix(s: &str) -> &str {
    let t = s.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => t,
    }
}

fn same(field: &str, expected: &str, got: &str) -> bool {
    if NUMERIC.contains(&field) {
        let (e, g) = (expected.trim(), got.trim().replace(',', ""));
        if e.is_empty() || g.is_empty() {
            return e.is_empty() && g.is_empty();
        }
        match (e.parse::<f64>(), g.parse::<f64>()) {
            (Ok(a), Ok(b)) => (a - b).abs() <= 0.01 + 1e-9,
            _ => e == g,
        }
    } else {
        expected.trim() == got.trim()
    }
}

struct Score {
    correct: u64,
    total: u64,
    examples: Vec<(u64, String, String)>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: accuracy <truth.csv> <audit.csv>");
        std::process::exit(2);
    }
    if let Err(e) = run(&args[1], &args[2]) {
        eprintln!("accuracy: {e}");
        std::process::exit(2);
    }
}

fn io_err(path: &str) -> impl Fn(io::Error) -> String + '_ {
    move |e| format!("cannot read {path}: {e}")
}

fn run(truth_path: &str, audit_path: &str) -> Result<(), String> {
    // Truth: kept in memory, indexed by row.
    let mut tr = open(truth_path)?;
    let mut rec = Vec::new();
    if !tr.next_record(&mut rec).map_err(io_err(truth_path))? {
        return Err(format!("{truth_path} is empty"));
    }
    let theader = rec.clone();
    let t_row = col(&theader, "row").ok_or_else(|| format!("{truth_path} has no `row` column"))?;
    let t_sound = col(&theader, "sound");
    let fields: Vec<(&str, usize)> = FACTS.iter().chain(STATUSES.iter()).filter_map(|f| col(&theader, f).map(|i| (*f, i))).collect();
    if fields.is_empty() {
        return Err(format!("{truth_path} has none of the columns {}", FACTS.join(", ")));
    }
    let mut truth: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let (mut t_records, mut unsound) = (0u64, Vec::new());
    while tr.next_record(&mut rec).map_err(io_err(truth_path))? {
        t_records += 1;
        let Some(row) = rec.get(t_row).and_then(|r| r.trim().parse::<u64>().ok()) else {
            eprintln!("accuracy: {truth_path}: record {t_records} has no row number; skipped");
            continue;
        };
        let sound = t_sound.is_none_or(|i| rec.get(i).is_some_and(|s| s.trim().eq_ignore_ascii_case("yes")));
        if sound {
            truth.insert(row, fields.iter().map(|(_, i)| rec.get(*i).cloned().unwrap_or_default()).collect());
        } else {
            unsound.push(row);
        }
    }

    // Audit: streamed.
    let mut ar = open(audit_path)?;
    if !ar.next_record(&mut rec).map_err(io_err(audit_path))? {
        return Err(format!("{audit_path} is empty"));
    }
    let aheader = rec.clone();
    let a_row = col(&aheader, "row").ok_or_else(|| format!("{audit_path} has no `row` column"))?;
    let a_verdict = col(&aheader, "verdict");
    let a_cols: Vec<Option<usize>> = fields.iter().map(|(f, _)| col(&aheader, f)).collect();
    let mut scores: Vec<Score> = fields.iter().map(|_| Score { correct: 0, total: 0, examples: Vec::new() }).collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut unsound_verdicts: BTreeMap<String, u64> = BTreeMap::new();
    let unsound_set: std::collections::BTreeSet<u64> = unsound.iter().copied().collect();
    let (mut a_records, mut all_right, mut duplicates) = (0u64, 0u64, 0u64);
    while ar.next_record(&mut rec).map_err(io_err(audit_path))? {
        a_records += 1;
        let Some(row) = rec.get(a_row).and_then(|r| unprefix(r).parse::<u64>().ok()) else { continue };
        if unsound_set.contains(&row) {
            let v = a_verdict.and_then(|i| rec.get(i)).map(|s| unprefix(s).to_string()).unwrap_or_else(|| "?".into());
            *unsound_verdicts.entry(v).or_default() += 1;
            continue;
        }
        let Some(expected) = truth.get(&row) else { continue };
        if !seen.insert(row) {
            duplicates += 1;
            continue;
        }
        let mut every = true;
        for (k, ((field, _), a_col)) in fields.iter().zip(&a_cols).enumerate() {
            let Some(ai) = a_col else { continue };
            let got = rec.get(*ai).map(|s| unprefix(s)).unwrap_or("");
            let s = &mut scores[k];
            s.total += 1;
            if same(field, &expected[k], got) {
                s.correct += 1;
            } else {
                every = false;
                if s.examples.len() < 5 {
                    s.examples.push((row, expected[k].clone(), got.to_string()));
                }
            }
        }
        if every {
            all_right += 1;
        }
    }
    let missing: Vec<u64> = truth.keys().filter(|r| !seen.contains(r)).copied().collect();

    println!("truth: {truth_path} ({t_records} records, {} sound, {} unsound)", truth.len(), unsound.len());
    println!("audit: {audit_path} ({a_records} records)");
    print!("sound rows missing from audit.csv: {}", missing.len());
    if !missing.is_empty() {
        let first: Vec<String> = missing.iter().take(10).map(|r| r.to_string()).collect();
        print!(" (first: {})", first.join(", "));
    }
    println!();
    if duplicates > 0 {
        println!("rows listed more than once in audit.csv (later copies ignored): {duplicates}");
    }
    println!();
    println!("{:<20} {:>9}   {:>9}   {:>8}", "field", "correct", "total", "%");
    let pct = |c: u64, t: u64| if t == 0 { "-".to_string() } else { format!("{:.2}%", c as f64 * 100.0 / t as f64) };
    for ((field, _), (s, a_col)) in fields.iter().zip(scores.iter().zip(&a_cols)) {
        if a_col.is_none() {
            println!("{field:<20} {:>9}   {:>9}   {:>8}", "-", "-", "(not in audit.csv)");
            continue;
        }
        println!("{field:<20} {:>9} / {:>9}   {:>8}", s.correct, s.total, pct(s.correct, s.total));
    }
    println!("{:<20} {:>9} / {:>9}   {:>8}", "all fields right", all_right, seen.len(), pct(all_right, seen.len() as u64));
    if !unsound.is_empty() {
        let listed: u64 = unsound_verdicts.values().sum();
        let parts: Vec<String> = unsound_verdicts.iter().map(|(v, n)| format!("{v} {n}")).collect();
        println!();
        println!(
            "unsound rows (not scored): {} in truth, {listed} in audit.csv{}",
            unsound.len(),
            if parts.is_empty() { String::new() } else { format!(", verdicts: {}", parts.join(", ")) }
        );
    }
    let any_mismatch = scores.iter().any(|s| !s.examples.is_empty());
    if any_mismatch {
        println!();
        println!("first mismatches (row: expected -> got):");
        for ((field, _), s) in fields.iter().zip(&scores) {
            if s.examples.is_empty() {
                continue;
            }
            println!("  {field}:");
            for (row, e, g) in &s.examples {
                println!("    row {row}: {e:?} -> {g:?}");
            }
        }
    }
    Ok(())
}
