//! Workbooks (`.xlsx`, `.xls`, `.ods`) as catalogues: calamine reads the chosen sheet whole, and
//! its rows are handed out one at a time as the text a user sees in each cell, so records flow
//! through the same batches as a CSV's. A row's `line` is its sheet row number.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsx, open_workbook_from_rs};

use super::filekind::WorkbookKind;
use crate::error::Error;

/// The rows of one sheet, from the header on.
pub struct SheetRows {
    range: calamine::Range<Data>,
    /// 1-based sheet row number of the range's first row.
    first_line: u64,
    /// The next range row to hand out.
    next: usize,
    /// The sheet's name, for messages and the summary.
    pub sheet: String,
    pub kind: WorkbookKind,
    /// Size of the file, for progress.
    pub bytes: u64,
}

impl WorkbookKind {
    pub fn name(self) -> &'static str {
        match self {
            WorkbookKind::Xlsx => "xlsx",
            WorkbookKind::Xls => "xls",
            WorkbookKind::Ods => "ods",
        }
    }
}

/// An opened workbook: its sheets, read one at a time.
pub struct Workbook {
    sheets: Sheets<Cursor<Vec<u8>>>,
    /// The sheets' names, in workbook order.
    pub names: Vec<String>,
    kind: WorkbookKind,
    size: u64,
    shown: String,
}

impl Workbook {
    /// Opens a workbook held in `bytes`; `shown` names it in messages.
    pub fn open(bytes: Vec<u8>, kind: WorkbookKind, shown: &str) -> Result<Workbook, Error> {
        let size = bytes.len() as u64;
        let cursor = Cursor::new(bytes);
        let opened: Result<Sheets<Cursor<Vec<u8>>>, String> = match kind {
            WorkbookKind::Xlsx => open_workbook_from_rs::<Xlsx<_>, _>(cursor).map(Sheets::Xlsx).map_err(|e| e.to_string()),
            WorkbookKind::Xls => open_workbook_from_rs::<Xls<_>, _>(cursor).map(Sheets::Xls).map_err(|e| e.to_string()),
            WorkbookKind::Ods => open_workbook_from_rs::<Ods<_>, _>(cursor).map(Sheets::Ods).map_err(|e| e.to_string()),
        };
        let fail = |what: String| Error::Catalogue { path: shown.to_string(), message: what };
        let sheets = opened.map_err(|e| fail(format!("cannot read this {} workbook: {e}; export it as CSV (UTF-8)", kind.name())))?;
        let names = sheets.sheet_names();
        if names.is_empty() {
            return Err(fail("the workbook has no sheets".into()));
        }
        Ok(Workbook { sheets, names, kind, size, shown: shown.to_string() })
    }

    /// The sheet named `want` (`--sheet`), matched exactly, else ignoring ASCII case.
    pub fn find(&self, want: &str) -> Result<String, Error> {
        let names = &self.names;
        names.iter().find(|n| n.as_str() == want).or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(want))).cloned().ok_or_else(
            || Error::Catalogue {
                path: self.shown.clone(),
                message: format!("no sheet named \"{want}\" (--sheet); the workbook's sheets are: {}", quoted(names)),
            },
        )
    }

    /// The rows of sheet `name`, from its first row on.
    pub fn rows(&mut self, name: &str) -> Result<SheetRows, Error> {
        let range = self
            .sheets
            .worksheet_range(name)
            .map_err(|e| Error::Catalogue { path: self.shown.clone(), message: format!("cannot read sheet \"{name}\": {e}") })?;
        let first_line = range.start().map_or(1, |(r, _)| u64::from(r) + 1);
        Ok(SheetRows { range, first_line, next: 0, sheet: name.to_string(), kind: self.kind, bytes: self.size })
    }
}

/// The sheets' names, quoted and comma-separated.
pub fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

impl SheetRows {
    /// The next row that has any non-empty cell: its sheet row number and its cells as text.
    /// Empty rows are skipped, as blank lines are in a CSV.
    pub fn next_row(&mut self) -> Option<(u64, Vec<String>)> {
        let width = self.range.width();
        while self.next < self.range.height() {
            let i = self.next;
            self.next += 1;
            let cells: Vec<String> = (0..width).map(|c| self.range.get((i, c)).map(cell_text).unwrap_or_default()).collect();
            if cells.iter().any(|c| !c.trim().is_empty()) {
                return Some((self.first_line + i as u64, cells));
            }
        }
        None
    }

    /// Where the next row to hand out is, to come back to with [`SheetRows::rewind`].
    pub fn mark(&self) -> usize {
        self.next
    }

    /// Hands out rows again from `mark` on (rows read to find the header are read again).
    pub fn rewind(&mut self, mark: usize) {
        self.next = mark;
    }

    /// The next row that has any non-empty cell, with trailing empty cells dropped: a header.
    pub fn next_header(&mut self) -> Option<(u64, Vec<String>)> {
        let (line, mut cells) = self.next_row()?;
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        Some((line, cells))
    }

    /// How far through the file the rows handed out so far are, in bytes (for progress).
    pub fn position(&self) -> u64 {
        let h = self.range.height().max(1) as u64;
        self.bytes * (self.next as u64).min(h) / h
    }
}

/// A cell as the user sees it: text verbatim (a SKU `00123` stays `00123`), whole numbers
/// without `.0` (5000.0 shows as 5000), other numbers in their shortest form, dates as
/// YYYY-MM-DD (with the time when there is one), errors as Excel shows them (`#N/A`).
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) { format!("{y:04}-{mo:02}-{d:02}") } else { format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}") }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// 5000.0 -> "5000", 12.5 -> "12.5", 0.1 -> "0.1" (Rust's shortest round-trip form).
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_the_user_sees_them() {
        let date = |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        let cases: &[(&str, Data, &str)] = &[
            ("text SKU keeps its zeros", Data::String("00123".into()), "00123"),
            ("whole float", Data::Float(5000.0), "5000"),
            ("fraction", Data::Float(12.5), "12.5"),
            ("small fraction", Data::Float(0.1), "0.1"),
            ("negative whole", Data::Float(-3.0), "-3"),
            ("gtin as number", Data::Float(4_006_040_000_000.0), "4006040000000"),
            ("int", Data::Int(120), "120"),
            ("bool", Data::Bool(true), "TRUE"),
            ("date", date(46_358.0), "2026-12-02"),
            ("date and time", date(46_358.5), "2026-12-02 12:00:00"),
            ("iso date (ods)", Data::DateTimeIso("2026-12-02T00:00:00".into()), "2026-12-02"),
            ("iso date only", Data::DateTimeIso("2026-12-02".into()), "2026-12-02"),
            ("error", Data::Error(CellErrorType::NA), "#N/A"),
            ("empty", Data::Empty, ""),
        ];
        for (name, d, want) in cases {
            assert_eq!(cell_text(d), *want, "{name}");
        }
    }
}
