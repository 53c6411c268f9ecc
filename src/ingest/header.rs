//! Which row holds the column names (SPEC §4). Exports often put a title, an export date or a
//! blank row above the header: the header is the first of the first [`SEARCH_ROWS`] rows that
//! maps `sku` or `product` and at least one more canonical field, unless `--header-row N` names
//! the line (CSV) or sheet row (workbook). The rows above it are skipped and named in a note.

use super::filekind::quote_capped;
use super::{ColumnMap, Mapping};
use crate::error::Error;

/// How many rows (records, or non-empty sheet rows) may sit above the header.
pub const SEARCH_ROWS: usize = 20;

/// A row that may hold the column names: the line (sheet row) where it starts, and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub line: u64,
    pub cells: Vec<String>,
}

/// True when `cells` map `sku` or `product` and at least one more field (with the mapping file
/// applied; a row the mapping file's columns are not in does not qualify).
fn qualifies(cells: &[String], mapping: Option<&Mapping>) -> bool {
    ColumnMap::resolve(cells.to_vec(), mapping).is_ok_and(|c| c.is_usable() && c.index.iter().flatten().count() >= 2)
}

/// True once `rows` (read in order) are enough to choose: the wanted line is reached, or
/// [`SEARCH_ROWS`] rows are read, or the last one qualifies.
pub fn enough(rows: &[Candidate], want: Option<u64>, mapping: Option<&Mapping>) -> bool {
    let Some(last) = rows.last() else { return false };
    match want {
        Some(n) => last.line >= n,
        None => rows.len() >= SEARCH_ROWS || qualifies(&last.cells, mapping),
    }
}

/// Chooses the header among `rows` (the first rows of the file, in order, blank lines left out):
/// its index and its mapping. Without `want`, the first that qualifies, else the first that
/// maps `sku` or `product`; with `want` (`--header-row N`), the row that starts on line N.
/// `what` names the file (and sheet) in messages; `unit` is "line" or "row".
pub fn choose(
    rows: &[Candidate],
    want: Option<u64>,
    mapping: Option<&Mapping>,
    what: &str,
    unit: &str,
) -> Result<(usize, ColumnMap), Error> {
    let fail = |message: String| Error::Catalogue { path: what.to_string(), message };
    let at = match want {
        Some(n) => find_line(rows, n, unit).map_err(|m| fail(format!("--header-row {n}: {unit} {n} {m}")))?,
        None => match rows.iter().position(|r| qualifies(&r.cells, mapping)) {
            Some(i) => i,
            None => rows.iter().position(|r| ColumnMap::resolve(r.cells.clone(), mapping).is_ok_and(|c| c.is_usable())).unwrap_or(0),
        },
    };
    let Some(row) = rows.get(at) else {
        return Err(fail("the file is empty: no header row, no records".into()));
    };
    let cols = ColumnMap::resolve(row.cells.clone(), mapping)?;
    if cols.is_usable() {
        return Ok((at, cols));
    }
    let searched = if let Some(n) = want {
        format!(": {unit} {n} (--header-row {n}) has {}", names(&cols.headers))
    } else if rows.len() < 2 {
        format!(": the header ({unit} {}) has {}", row.line, names(&cols.headers))
    } else {
        format!(" in the first {} {unit}s (the first has {})", rows.len(), names(&cols.headers))
    };
    Err(fail(format!(
        "no recognisable columns{searched}; a catalogue needs at least a `sku` column (SKU, Item #, item_id...) or a `product` column (Title, Product Name...). Name the header's {unit} with --header-row N, or map the columns with --mapping FILE ([columns] sku = \"...\")"
    )))
}

/// The index of the row that starts on line `n`, or why there is none.
fn find_line(rows: &[Candidate], n: u64, unit: &str) -> Result<usize, String> {
    if n == 0 {
        return Err(format!("does not exist: {unit}s count from 1"));
    }
    if let Some(i) = rows.iter().position(|r| r.line == n) {
        return Ok(i);
    }
    match rows.iter().rposition(|r| r.line < n) {
        Some(i) if is_multi_line(rows, i, n) => Err(format!("is inside the record that starts on {unit} {}", rows[i].line)),
        Some(i) if i + 1 == rows.len() => Err(format!("is past the end (the last {unit} with data is {})", rows[i].line)),
        _ => Err("is empty".into()),
    }
}

/// Whether row `i` (which starts before line `n`) may still run on line `n`: only when one of
/// its cells spans lines.
fn is_multi_line(rows: &[Candidate], i: usize, n: u64) -> bool {
    let breaks: u64 = rows[i].cells.iter().map(|c| c.matches('\n').count() as u64).sum();
    rows[i].line + breaks >= n
}

/// At most 20 header names of at most 80 characters each (a binary file's "header" can be a
/// megabyte).
pub fn names(headers: &[String]) -> String {
    let mut names: Vec<String> = headers.iter().take(20).map(|h| quote_capped(h, 80)).collect();
    if headers.len() > 20 {
        names.push(format!("and {} more", headers.len() - 20));
    }
    if names.is_empty() { "no names".to_string() } else { names.join(", ") }
}

/// The note naming the rows skipped above the header (`rows[..at]`), or none when the header is
/// the first row. `what`: the file (and sheet).
pub fn skipped_note(rows: &[Candidate], at: usize, what: &str, unit: &str) -> Option<String> {
    let skipped = rows.get(..at).filter(|s| !s.is_empty())?;
    let header = rows.get(at)?;
    let shown: Vec<String> = skipped.iter().take(5).map(|r| format!("{unit} {} {}", r.line, row_text(&r.cells))).collect();
    let more = if skipped.len() > 5 { format!(" and {} more", skipped.len() - 5) } else { String::new() };
    let rows = if skipped.len() == 1 { "the row above it was".to_string() } else { format!("the {} rows above it were", skipped.len()) };
    Some(format!(
        "{what}: the header is on {unit} {}; {rows} skipped: {}{more} (name another with --header-row N)",
        header.line,
        shown.join(", ")
    ))
}

/// A skipped row as a note shows it: its non-empty cells, quoted and capped, or "(empty)".
fn row_text(cells: &[String]) -> String {
    let text: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    if text.is_empty() { "(empty)".to_string() } else { quote_capped(&text.join(" | "), 60) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[(u64, &str)]) -> Vec<Candidate> {
        lines.iter().map(|(l, s)| Candidate { line: *l, cells: s.split(',').map(str::to_string).collect() }).collect()
    }

    #[test]
    fn chooses_the_header_row() {
        // (case, rows as (line, cells), --header-row, the header's line or the error)
        type Case<'a> = (&'a str, &'a [(u64, &'a str)], Option<u64>, Result<u64, &'a str>);
        let cases: &[Case] = &[
            ("first row", &[(1, "SKU,Title,Price"), (2, "A,D3,1")], None, Ok(1)),
            ("title and date above", &[(1, "Vitamin catalogue,,"), (2, "Exported,2026-12-01,"), (4, "SKU,Title,Price")], None, Ok(4)),
            ("a title that maps one field", &[(1, "Product"), (2, "Item #,Product Name")], None, Ok(2)),
            ("only sku: the first usable row", &[(1, "sku"), (2, "A")], None, Ok(1)),
            ("--header-row names it", &[(1, "SKU,Title"), (2, "Item,Name")], Some(2), Ok(2)),
            ("--header-row on an empty line", &[(1, "x"), (3, "SKU,Title")], Some(2), Err("line 2 is empty")),
            ("--header-row past the end", &[(1, "SKU,Title")], Some(9), Err("line 9 is past the end (the last line with data is 1)")),
            ("--header-row 0", &[(1, "SKU,Title")], Some(0), Err("line 0 does not exist: lines count from 1")),
            (
                "nothing recognisable",
                &[(1, "colour,size"), (2, "red,L")],
                None,
                Err("no recognisable columns in the first 2 lines (the first has \"colour\", \"size\")"),
            ),
            ("--header-row on a data row", &[(1, "SKU,Title"), (2, "A,B")], Some(2), Err("line 2 (--header-row 2) has \"A\", \"B\"")),
        ];
        for (name, lines, want, expect) in cases {
            let got = choose(&rows(lines), *want, None, "x.csv", "line");
            match (got, expect) {
                (Ok((i, _)), Ok(line)) => assert_eq!(rows(lines)[i].line, *line, "{name}"),
                (Err(e), Err(msg)) => assert!(e.to_string().contains(msg), "{name}: {e}"),
                (got, _) => panic!("{name}: {:?}", got.map(|(i, _)| i)),
            }
        }
    }

    #[test]
    fn inside_a_multi_line_record() {
        let r = vec![
            Candidate { line: 1, cells: vec!["SKU".into(), "Title".into()] },
            Candidate { line: 2, cells: vec!["A".into(), "two\nlines".into()] },
            Candidate { line: 4, cells: vec!["B".into(), "x".into()] },
        ];
        let e = choose(&r, Some(3), None, "x.csv", "line").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("line 3 is inside the record that starts on line 2"), "{e}");
    }

    #[test]
    fn enough_stops_at_the_first_header() {
        let r = rows(&[(1, "Catalogue"), (2, "SKU,Title")]);
        assert!(!enough(&r[..1], None, None));
        assert!(enough(&r, None, None));
        assert!(!enough(&r[..1], Some(2), None));
        assert!(enough(&r, Some(2), None));
    }

    #[test]
    fn notes_name_the_skipped_rows() {
        let r = rows(&[(1, "Vitamin catalogue,,"), (2, ",,"), (3, "SKU,Title,Price")]);
        assert_eq!(skipped_note(&r, 0, "x.csv", "line"), None);
        assert_eq!(
            skipped_note(&r, 2, "x.csv", "line").as_deref(),
            Some(
                "x.csv: the header is on line 3; the 2 rows above it were skipped: line 1 \"Vitamin catalogue\", line 2 (empty) (name another with --header-row N)"
            )
        );
    }
}
