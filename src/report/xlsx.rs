//! audit.xlsx (SPEC §9): the catalogue's results for spreadsheet users. Sheets `Summary`,
//! `Products` (audit.csv's columns), `Findings` (findings.csv's), `Rejected` and `Coverage`.
//!
//! Every sheet is written in rust_xlsxwriter's constant-memory mode: a row goes to the sheet's
//! temporary file as soon as it is written, so a million-row catalogue is never held in memory;
//! the price is that rows must come in order, sheet by sheet. The table sheets are fed the rows
//! of the run's own CSVs as they were written (text cells still formula-escaped with `'`, which
//! is undone here: an xlsx text cell is never a formula). Amounts are number cells; SKU, GTIN and
//! all catalogue text are string cells (`00123` stays `00123`).

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::ReportData;
use super::atomic::AtomicFile;
use super::csv::unescape;
use super::pdf::status_rgb;
use crate::error::Error;
use crate::results::Verdict;
use crate::rules::Criterion;

/// Rows per sheet in Excel (and LibreOffice), header included.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Excel's longest cell text; longer text (a huge rejected record) is cut, with a mark.
const MAX_CELL_CHARS: usize = 32_767;

/// The sheets, in workbook order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Summary,
    Products,
    Findings,
    Rejected,
    Coverage,
}

impl Sheet {
    pub const ALL: [Sheet; 5] = [Sheet::Summary, Sheet::Products, Sheet::Findings, Sheet::Rejected, Sheet::Coverage];

    pub fn name(self) -> &'static str {
        match self {
            Sheet::Summary => "Summary",
            Sheet::Products => "Products",
            Sheet::Findings => "Findings",
            Sheet::Rejected => "Rejected",
            Sheet::Coverage => "Coverage",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One row of the Coverage sheet: how many audited products state a fact, and from where
/// (summary.json's `coverage`, SPEC §8). `None` counts are left blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// The coverage key (`vitamin_d_amount`, `warfarin_warning`, ...).
    pub fact: String,
    /// The header(s) the fact is read from, `None` when the export has no column for it.
    pub column: Option<String>,
    pub stated: Option<u64>,
    pub from_column: Option<u64>,
    pub from_text: Option<u64>,
}

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    /// A verdict or criterion status: text, coloured as in the PDF.
    Status,
    Text,
}

fn kind(column: &str) -> Kind {
    match column {
        "row" | "line" | "d3_iu" | "k2_mcg" | "k2_per_1000_iu" => Kind::Number,
        "verdict" | "form" | "ratio" | "carrier" | "certification" | "safety" | "status" | "change" => Kind::Status,
        _ => Kind::Text,
    }
}

/// Column width in characters, by column name.
fn width(column: &str) -> f64 {
    match column {
        "row" | "line" => 7.0,
        "product" | "message" | "raw" => 48.0,
        "issues" | "evidence" | "reason" => 60.0,
        "sku" | "brand" | "supplier" | "rule" | "fact" | "column" => 18.0,
        "k2_per_1000_iu" | "warfarin_warning" | "certification" => 14.0,
        _ => 10.0,
    }
}

/// A workbook being written.
pub struct Book {
    wb: Workbook,
    header: Format,
    bold: Format,
    percent: Format,
    /// pass, warn, review, fail, invalid, other (n/a, skipped, change values).
    status: [Format; 6],
    /// Rows per sheet (Excel's limit; smaller in tests).
    max_rows: u32,
    /// Sheets that hit the limit: (sheet, rows left out).
    left_out: Vec<(Sheet, u64)>,
    dest: std::path::PathBuf,
}

impl Book {
    /// Starts `dest` with its five sheets; `tempdir` holds the sheets' row files until
    /// [`Book::finish`]; `timestamp` (seconds since the epoch) is the workbook's creation date,
    /// so SOURCE_DATE_EPOCH gives the same bytes every run.
    pub fn new(dest: &Path, tempdir: &Path, timestamp: i64, max_rows: u32) -> Result<Book, Error> {
        let err = |e: XlsxError| xlsx_err(dest, e);
        let mut wb = Workbook::new();
        wb.set_tempdir(tempdir).map_err(err)?;
        // Deflating the sheets is much of the workbook's cost. 100k rows: level 6 (the crate's
        // default) 7.3 s and 24 MB, level 3 5.4 s and 28 MB, level 1 4.4 s and 42 MB.
        wb.set_zip_compression_level(3);
        let created = ExcelDateTime::from_timestamp(timestamp.max(0)).map_err(err)?;
        wb.set_properties(&DocProperties::new().set_title("k2d3-audit").set_creation_datetime(&created));
        for s in Sheet::ALL {
            wb.add_worksheet_with_constant_memory().map_err(err)?.set_name(s.name()).map_err(err)?;
        }
        let fill = |name: &str| {
            let ([r, g, b], dark) = status_rgb(name);
            let f = Format::new().set_background_color(Color::RGB(u32::from_be_bytes([0, r, g, b]))).set_align(FormatAlign::Center);
            if dark { f.set_font_color(Color::White) } else { f }
        };
        Ok(Book {
            wb,
            header: Format::new().set_bold().set_background_color(Color::RGB(0xE0E0E0)),
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            status: [fill("pass"), fill("warn"), fill("review"), fill("fail"), fill("invalid"), fill("n/a")],
            max_rows: max_rows.max(3),
            left_out: Vec::new(),
            dest: dest.to_path_buf(),
        })
    }

    fn err(&self, e: XlsxError) -> Error {
        xlsx_err(&self.dest, e)
    }

    /// Writes a table sheet: `header`, then `rows` (CSV records as the tool wrote them, in
    /// order). Above the row limit the sheet keeps the first rows and says how many are left out.
    pub fn table<I>(&mut self, sheet: Sheet, header: &[&str], rows: I) -> Result<u64, Error>
    where
        I: IntoIterator<Item = Result<csv::StringRecord, Error>>,
    {
        let kinds: Vec<Kind> = header.iter().map(|h| kind(h)).collect();
        let (max_rows, dest) = (self.max_rows, self.dest.clone());
        let ws = self.wb.worksheet_from_index(sheet.index()).map_err(|e| xlsx_err(&dest, e))?;
        let mut r: u32 = 0;
        let mut written = 0u64;
        let mut left_out = 0u64;
        let mut rows = rows.into_iter().peekable();
        write_header(ws, header, &self.header).map_err(|e| xlsx_err(&dest, e))?;
        while let Some(rec) = rows.next() {
            let rec = rec?;
            let next = r + 1;
            // The last row holds data only when nothing follows it; else it holds the note.
            if next >= max_rows - 1 && (next > max_rows - 1 || rows.peek().is_some()) {
                left_out = 1 + rows.try_fold(0u64, |n, rec| rec.map(|_| n + 1))?;
                break;
            }
            r = next;
            written += 1;
            for (c, (cell, k)) in rec.iter().zip(&kinds).enumerate() {
                let c = c as u16;
                match k {
                    Kind::Number => match cell.parse::<f64>() {
                        Ok(x) if x.is_finite() => ws.write_number(r, c, x).map(drop),
                        _ if cell.is_empty() => Ok(()),
                        _ => ws.write_string(r, c, fit(unescape(cell))).map(drop),
                    },
                    Kind::Status if !cell.is_empty() => ws.write_string_with_format(r, c, cell, status_of(&self.status, cell)).map(drop),
                    _ if cell.is_empty() => Ok(()),
                    _ => ws.write_string(r, c, fit(unescape(cell))).map(drop),
                }
                .map_err(|e| xlsx_err(&dest, e))?;
            }
        }
        if left_out > 0 {
            let note = format!("{left_out} more rows are left out: a sheet holds {max_rows} rows; the CSV has them all");
            ws.write_string_with_format(r + 1, 0, note, &self.bold).map_err(|e| xlsx_err(&dest, e))?;
            self.left_out.push((sheet, left_out));
        }
        finish_table(ws, header, r.max(1)).map_err(|e| xlsx_err(&dest, e))?;
        Ok(written)
    }

    /// Writes the Coverage sheet from the coverage table (summary.json's `coverage`).
    pub fn coverage(&mut self, rows: &[CoverageRow]) -> Result<(), Error> {
        let header = ["fact", "column", "stated", "from_column", "from_text"];
        let dest = self.dest.clone();
        let ws = self.wb.worksheet_from_index(Sheet::Coverage.index()).map_err(|e| xlsx_err(&dest, e))?;
        write_header(ws, &header, &self.header).map_err(|e| xlsx_err(&dest, e))?;
        let mut r = 0u32;
        for row in rows {
            r += 1;
            ws.write_string(r, 0, &row.fact).map_err(|e| xlsx_err(&dest, e))?;
            if let Some(col) = &row.column {
                ws.write_string(r, 1, fit(col)).map_err(|e| xlsx_err(&dest, e))?;
            }
            for (c, n) in [(2u16, row.stated), (3, row.from_column), (4, row.from_text)] {
                if let Some(n) = n {
                    ws.write_number(r, c, n as f64).map_err(|e| xlsx_err(&dest, e))?;
                }
            }
        }
        finish_table(ws, &header, r.max(1)).map_err(|e| xlsx_err(&dest, e))
    }

    /// Writes the Summary sheet and places the workbook at its destination.
    pub fn finish(mut self, d: &ReportData) -> Result<(), Error> {
        self.summary(d)?;
        self.save()
    }

    fn save(mut self) -> Result<(), Error> {
        let mut file = AtomicFile::create(&self.dest)?;
        self.wb.save_to_writer(&mut file).map_err(|e| self.err(e))?;
        file.flush().map_err(|e| Error::io(&self.dest, "cannot write", e))?;
        file.commit()
    }

    /// The Summary sheet: what was audited, the verdict counts and the criterion counts.
    fn summary(&mut self, d: &ReportData) -> Result<(), Error> {
        let dest = self.dest.clone();
        let e = |x: XlsxError| xlsx_err(&dest, x);
        let ws = self.wb.worksheet_from_index(Sheet::Summary.index()).map_err(e)?;
        ws.set_column_width(0, 22).map_err(e)?;
        ws.set_column_width(1, 14).map_err(e)?;
        ws.write_string_with_format(0, 0, "k2d3-audit report", &self.bold).map_err(e)?;
        let about = [
            ("catalogue", d.catalogue.name.clone()),
            ("path", d.catalogue.path.clone()),
            ("sha256", d.catalogue.sha256.clone()),
            ("date", d.date.to_string()),
            ("policy", format!("{} {}", d.policy.name, d.policy.version)),
            ("policy sha256", d.policy.sha256.clone()),
            ("tool version", d.tool_version.to_string()),
        ];
        let mut r = 1u32;
        for (k, v) in about {
            ws.write_string(r, 0, k).map_err(e)?;
            ws.write_string(r, 1, fit(&v)).map_err(e)?;
            r += 1;
        }
        r += 1;
        for (c, h) in ["verdict", "records", "share"].iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *h, &self.header).map_err(e)?;
        }
        let records = d.tally.records();
        for v in Verdict::ALL {
            r += 1;
            let n = d.tally.count(v);
            ws.write_string_with_format(r, 0, v.as_str(), status_of(&self.status, v.as_str())).map_err(e)?;
            ws.write_number(r, 1, n as f64).map_err(e)?;
            let share = if records == 0 { 0.0 } else { n as f64 / records as f64 };
            ws.write_number_with_format(r, 2, share, &self.percent).map_err(e)?;
        }
        r += 2;
        let cols = ["criterion", "pass", "warn", "review", "fail", "n/a"];
        for (c, h) in cols.iter().enumerate() {
            let f = if c == 0 { &self.header } else { status_of(&self.status, h) };
            ws.write_string_with_format(r, c as u16, *h, f).map_err(e)?;
        }
        for c in Criterion::ALL {
            r += 1;
            let k = d.tally.criteria[c.index()];
            ws.write_string(r, 0, c.as_str()).map_err(e)?;
            for (i, n) in [k.pass, k.warn, k.review, k.fail, k.na].into_iter().enumerate() {
                ws.write_number(r, 1 + i as u16, n as f64).map_err(e)?;
            }
        }
        for (sheet, n) in &self.left_out {
            r += 2;
            let note = format!("{}: {n} rows left out (a sheet holds {} rows); the CSV has them all", sheet.name(), self.max_rows);
            ws.write_string_with_format(r, 0, note, &self.bold).map_err(e)?;
        }
        Ok(())
    }
}

fn status_of<'f>(formats: &'f [Format; 6], value: &str) -> &'f Format {
    let i = match value {
        "pass" | "better" => 0,
        "warn" => 1,
        "review" | "new" => 2,
        "fail" | "worse" => 3,
        "invalid" => 4,
        _ => 5,
    };
    &formats[i]
}

fn write_header(ws: &mut Worksheet, header: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, f)?;
        ws.set_column_width(c as u16, width(h))?;
    }
    Ok(())
}

/// Freezes the header row and puts an autofilter over the table (`last_row` 0-based).
fn finish_table(ws: &mut Worksheet, header: &[&str], last_row: u32) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, header.len().saturating_sub(1) as u16)?;
    Ok(())
}

/// Text cut to Excel's cell limit (32,767 UTF-16 units; the CSV keeps it whole).
fn fit(s: &str) -> &str {
    if s.len() <= MAX_CELL_CHARS {
        return s;
    }
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_CHARS {
            return &s[..i];
        }
    }
    s
}

fn xlsx_err(dest: &Path, e: XlsxError) -> Error {
    Error::io(dest, "cannot write the workbook", std::io::Error::other(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook};

    fn records(n: u32) -> impl Iterator<Item = Result<csv::StringRecord, Error>> {
        (1..=n).map(|i| Ok(csv::StringRecord::from(vec![i.to_string(), format!("'=SKU{i}"), "fail".to_string()])))
    }

    fn products(rows: u32, max_rows: u32) -> Vec<Vec<Data>> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dest = dir.path().join("t.xlsx");
        let mut book = Book::new(&dest, dir.path(), 0, max_rows).unwrap_or_else(|e| panic!("{e}"));
        book.table(Sheet::Products, &["row", "sku", "verdict"], records(rows)).unwrap_or_else(|e| panic!("{e}"));
        book.save().unwrap_or_else(|e| panic!("{e}"));
        let mut wb: Xlsx<_> = open_workbook(&dest).unwrap_or_else(|e| panic!("{e}"));
        let range = wb.worksheet_range("Products").unwrap_or_else(|e| panic!("{e}"));
        range.rows().map(<[Data]>::to_vec).collect()
    }

    #[test]
    fn a_sheet_past_the_row_limit_keeps_the_first_rows_and_says_how_many_are_left_out() {
        for (name, rows, max_rows, data_rows, note) in [
            ("well below", 3, 10, 3, None),
            ("exactly full", 9, 10, 9, None),
            ("one over", 10, 10, 8, Some("2 more rows are left out")),
            ("far over", 100, 10, 8, Some("92 more rows are left out")),
        ] {
            let sheet = products(rows, max_rows);
            let body: Vec<&Vec<Data>> = sheet[1..].iter().filter(|r| matches!(r[0], Data::Float(_))).collect();
            assert_eq!(body.len(), data_rows, "{name}");
            assert!(sheet.len() as u32 <= max_rows, "{name}");
            let last = sheet.last().map(|r| r[0].to_string()).unwrap_or_default();
            match note {
                Some(n) => assert!(last.starts_with(n), "{name}: {last}"),
                None => assert_eq!(last, rows.to_string(), "{name}"),
            }
        }
    }

    #[test]
    fn cells_are_typed_and_unescaped() {
        let sheet = products(2, EXCEL_MAX_ROWS);
        assert_eq!(sheet[1], vec![Data::Float(1.0), Data::String("=SKU1".into()), Data::String("fail".into())]);
    }

    #[test]
    fn long_text_is_cut_to_the_cell_limit() {
        for (name, s, want) in [
            ("short", "abc".to_string(), 3),
            ("ascii over", "a".repeat(40_000), MAX_CELL_CHARS),
            ("astral over", "𝔻".repeat(20_000), MAX_CELL_CHARS / 2),
        ] {
            assert_eq!(fit(&s).chars().count(), want, "{name}");
        }
    }

    #[test]
    fn status_colours_follow_the_pdf() {
        let ([r, g, b], dark) = crate::report::pdf::status_rgb("fail");
        assert!(dark && r > 150 && g < 50 && b < 50, "fail is dark red");
        assert!(!crate::report::pdf::status_rgb("pass").1);
        assert_eq!(crate::report::pdf::status_rgb("n/a"), crate::report::pdf::status_rgb("skipped"));
    }
}
