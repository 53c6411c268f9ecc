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
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::ReportData;
use super::atomic::AtomicFile;
use super::csv::{self, Cells};
use super::pdf::status_rgb;
use super::sink::{End, Sink};
use crate::error::Error;
use crate::extract::Fact;
use crate::results::{AuditRow, Coverage, Verdict};
use crate::rules::{Criterion, Status};

/// Rows per sheet in Excel (and LibreOffice), header included.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// The zip deflate level of the workbook's parts (see [`Book::new`]).
const ZIP_LEVEL: u8 = 1;

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
    /// The table sheets being filled, by sheet index.
    tables: [Option<Table>; 5],
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
        // Deflating the sheets is much of the workbook's cost, and it runs on one core after the
        // audit while the other waits (docs/performance.md). 100k generated rows (gencat, 306 MB
        // of sheet XML): level 3 (until issue 21) 32 MB, level 2 36 MB in 2/3 of the time, level
        // 1 48 MB in under half of it: the speed of the default run comes first.
        wb.set_zip_compression_level(ZIP_LEVEL);
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
            tables: Default::default(),
            dest: dest.to_path_buf(),
        })
    }

    fn err(&self, e: XlsxError) -> Error {
        xlsx_err(&self.dest, e)
    }

    /// Starts a table sheet (Products, Findings, Rejected) with its header row; its rows follow
    /// one by one ([`Book::row`]), in order, while the audit runs.
    pub fn start_table(&mut self, sheet: Sheet, header: &[&str]) -> Result<(), Error> {
        let dest = self.dest.clone();
        let ws = self.wb.worksheet_from_index(sheet.index()).map_err(|e| xlsx_err(&dest, e))?;
        write_header_cells(ws, header, &self.header).map_err(|e| xlsx_err(&dest, e))?;
        let kinds = header.iter().map(|h| kind(h)).collect();
        let widths = header.iter().map(|h| width(h)).collect();
        self.tables[sheet.index()] = Some(Table { kinds, widths, r: 0, left_out: 0, pending: None });
        Ok(())
    }

    /// The next row of a table sheet started with [`Book::start_table`]: give its cells through
    /// [`Cells`] (the column functions that write the CSVs), then check [`TableRow::done`].
    /// Above the row limit the sheet keeps the first rows and says, at the end, how many are
    /// left out.
    pub fn row(&mut self, sheet: Sheet) -> TableRow<'_> {
        let max_rows = self.max_rows;
        let Some(table) = self.tables[sheet.index()].as_mut() else {
            return TableRow { ws: None, table: None, status: &self.status, target: Target::Skip, c: 0, err: None, buf: String::new() };
        };
        let target = if table.left_out > 0 {
            table.left_out += 1;
            Target::Skip
        } else if table.r + 1 >= max_rows - 1 {
            // The last row holds data only when nothing follows it; else it holds the note.
            if table.pending.take().is_some() {
                table.left_out = 2;
                Target::Skip
            } else {
                table.pending = Some(Vec::new());
                Target::Hold
            }
        } else {
            table.r += 1;
            Target::Write(table.r)
        };
        let ws = match target {
            Target::Write(_) => self.wb.worksheet_from_index(sheet.index()).ok(),
            _ => None,
        };
        TableRow { ws, table: Some(table), status: &self.status, target, c: 0, err: None, buf: String::new() }
    }

    /// Ends the table sheets: the held last row or the left-out note, the frozen header and the
    /// autofilter.
    fn finish_tables(&mut self) -> Result<(), Error> {
        let dest = self.dest.clone();
        for sheet in [Sheet::Products, Sheet::Findings, Sheet::Rejected] {
            let Some(mut t) = self.tables[sheet.index()].take() else { continue };
            let ws = self.wb.worksheet_from_index(sheet.index()).map_err(|e| xlsx_err(&dest, e))?;
            if let Some(held) = t.pending.take() {
                t.r += 1;
                for (c, cell) in held.into_iter().enumerate() {
                    put(ws, &self.status, t.r, c as u16, cell).map_err(|e| xlsx_err(&dest, e))?;
                }
            }
            if t.left_out > 0 {
                let note = format!("{} more rows are left out: a sheet holds {} rows; the CSV has them all", t.left_out, self.max_rows);
                ws.write_string_with_format(t.r + 1, 0, note, &self.bold).map_err(|e| xlsx_err(&dest, e))?;
                self.left_out.push((sheet, t.left_out));
            }
            // Sized only now: a sheet with sized columns looks each cell's column up in a hash
            // map as the cell is stored and again as it is written (the `<cols>` element is
            // written at save either way, so the workbook is the same).
            for (c, w) in t.widths.iter().enumerate() {
                ws.set_column_width(c as u16, *w).map_err(|e| xlsx_err(&dest, e))?;
            }
            finish_table(ws, t.widths.len(), t.r.max(1)).map_err(|e| xlsx_err(&dest, e))?;
        }
        Ok(())
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
        finish_table(ws, header.len(), r.max(1)).map_err(|e| xlsx_err(&dest, e))
    }

    /// Writes the Summary sheet and places the workbook at its destination.
    pub fn finish(mut self, d: &ReportData) -> Result<(), Error> {
        self.finish_tables()?;
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

/// audit.xlsx as a [`Sink`]: the table sheets are filled row by row while the audit runs (each
/// sheet streams to its temporary file: constant memory), from the typed row through the same
/// column functions as the CSVs; Summary and Coverage are written at the end.
pub struct XlsxSink {
    book: Book,
    /// The workbook's path, for errors (kept apart from `book`, which a row being written
    /// borrows: no copy of the path per row).
    dest: PathBuf,
    /// audit.csv's `change` column is there (with a baseline).
    with_change: bool,
    issues: String,
}

impl XlsxSink {
    /// Starts `dest` (see [`Book::new`]) with the table sheets' header rows.
    pub fn create(dest: &Path, tempdir: &Path, timestamp: i64, with_change: bool) -> Result<XlsxSink, Error> {
        let mut book = Book::new(dest, tempdir, timestamp, EXCEL_MAX_ROWS)?;
        let mut products: Vec<&str> = csv::AUDIT_HEADER.to_vec();
        if with_change {
            products.push("change");
        }
        book.start_table(Sheet::Products, &products)?;
        book.start_table(Sheet::Findings, &csv::FINDINGS_HEADER)?;
        book.start_table(Sheet::Rejected, &csv::REJECTED_HEADER)?;
        Ok(XlsxSink { book, dest: dest.to_path_buf(), with_change, issues: String::new() })
    }
}

impl Sink for XlsxSink {
    fn row(&mut self, r: &AuditRow) -> Result<(), Error> {
        // rust_xlsxwriter's constant-memory sheets panic when a row cannot be written to their
        // temporary file (a full disk): the panic becomes the catalogue's error, with the
        // system's reason, like any other failed write.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.write_row(r))) {
            Ok(done) => done,
            Err(payload) => Err(Error::io(&self.dest, "cannot write", std::io::Error::other(write_failure(payload.as_ref())))),
        }
    }

    fn finish(self: Box<Self>, end: &End<'_>) -> Result<(), Error> {
        let mut book = self.book;
        book.coverage(&end.data.coverage.map(coverage_table).unwrap_or_default())?;
        book.finish(end.data)
    }
}

/// The panic message rust_xlsxwriter gives for a failed write (`Couldn't write to xml file: Os {
/// .., message: "No space left on device" }`), cut to the system's reason.
pub const XLSX_WRITE_PANIC: &str = "Couldn't write to xml file";

fn write_failure(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("the workbook's temporary file could not be written");
    match text.split_once("message: \"") {
        Some((_, rest)) => rest.split('"').next().unwrap_or(rest).to_string(),
        None => text.to_string(),
    }
}

impl XlsxSink {
    fn write_row(&mut self, r: &AuditRow) -> Result<(), Error> {
        let a = &r.assessed;
        let dest = &self.dest;
        r.issues(&mut self.issues);
        let mut row = self.book.row(Sheet::Products);
        csv::audit_cells(&mut row, a, r.change, self.with_change, &self.issues);
        row.done(dest)?;
        for f in a.findings.iter().filter(|f| f.status != Status::Pass) {
            let mut row = self.book.row(Sheet::Findings);
            csv::finding_cells(&mut row, a, f);
            row.done(dest)?;
        }
        if let Some(inv) = &a.invalid {
            let mut row = self.book.row(Sheet::Rejected);
            csv::rejected_cells(&mut row, inv);
            row.done(dest)?;
        }
        Ok(())
    }
}

/// The Coverage sheet's table: the catalogue's data coverage (SPEC §8), as summary.json's
/// `coverage` has it.
pub fn coverage_table(c: &Coverage) -> Vec<CoverageRow> {
    Fact::ALL
        .iter()
        .map(|&f| {
            let n = c.count(f);
            CoverageRow {
                fact: f.key().to_string(),
                column: c.column(f).map(str::to_string),
                stated: Some(n.stated),
                from_column: Some(n.from_column),
                from_text: Some(n.from_text),
            }
        })
        .collect()
}

/// A table sheet being filled.
struct Table {
    /// How each column's cells are written.
    kinds: Vec<Kind>,
    /// Each column's width, set when the sheet is finished.
    widths: Vec<f64>,
    /// The last row written (0: the header).
    r: u32,
    /// Rows past the limit (0 while the sheet has room).
    left_out: u64,
    /// The row in the sheet's last slot, held until it is known whether another follows.
    pending: Option<Vec<Cell>>,
}

/// Where a row's cells go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Write(u32),
    /// The sheet's last slot: kept in [`Table::pending`].
    Hold,
    /// Past the limit (or the sheet is not written): counted only.
    Skip,
}

/// One cell, typed.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Number(f64),
    Text(String),
    /// A verdict, a status or a change: coloured as in the PDF.
    Status(String),
}

/// One row of a table sheet, cell by cell ([`Book::row`]).
pub struct TableRow<'b> {
    ws: Option<&'b mut Worksheet>,
    table: Option<&'b mut Table>,
    status: &'b [Format; 6],
    target: Target,
    c: u16,
    err: Option<XlsxError>,
    buf: String,
}

impl TableRow<'_> {
    /// The row's outcome: the first cell that could not be written.
    pub fn done(self, dest: &Path) -> Result<(), Error> {
        match self.err {
            Some(e) => Err(xlsx_err(dest, e)),
            None => Ok(()),
        }
    }

    fn kind(&self) -> Kind {
        self.table.as_ref().and_then(|t| t.kinds.get(usize::from(self.c)).copied()).unwrap_or(Kind::Text)
    }

    fn cell(&mut self, cell: Cell) -> &mut Self {
        let c = self.c;
        self.c = self.c.saturating_add(1);
        match self.target {
            Target::Skip => {}
            Target::Hold => {
                if let Some(held) = self.table.as_mut().and_then(|t| t.pending.as_mut()) {
                    held.push(cell);
                }
            }
            Target::Write(r) => {
                if let Some(ws) = self.ws.as_mut()
                    && let Err(e) = put(ws, self.status, r, c, cell)
                {
                    self.err.get_or_insert(e);
                }
            }
        }
        self
    }

    /// A cell given as the CSV writes it: a number column's text becomes a number.
    fn csv_text(&mut self, s: &str, kind: Kind) -> Cell {
        match kind {
            _ if s.is_empty() => Cell::Empty,
            Kind::Number => match s.parse::<f64>() {
                Ok(x) if x.is_finite() => Cell::Number(x),
                _ => Cell::Text(fit(s).to_string()),
            },
            Kind::Status => Cell::Status(s.to_string()),
            Kind::Text => Cell::Text(fit(s).to_string()),
        }
    }

    fn formatted(&mut self, x: Option<f64>, f: fn(&mut Vec<u8>, f64)) -> &mut Self {
        let Some(x) = x else { return self.cell(Cell::Empty) };
        let mut text = Vec::with_capacity(24);
        f(&mut text, x);
        let cell = self.csv_text(&String::from_utf8_lossy(&text), self.kind());
        self.cell(cell)
    }
}

impl Cells for TableRow<'_> {
    fn raw(&mut self, s: &str) -> &mut Self {
        let cell = self.csv_text(s, self.kind());
        self.cell(cell)
    }

    /// Catalogue text goes in as it is: a text cell is never a formula, so it needs no escape.
    fn text(&mut self, s: &str) -> &mut Self {
        let cell = match self.kind() {
            _ if s.is_empty() => Cell::Empty,
            Kind::Status => Cell::Status(s.to_string()),
            _ => Cell::Text(fit(s).to_string()),
        };
        self.cell(cell)
    }

    fn int(&mut self, n: u64) -> &mut Self {
        let cell = match self.kind() {
            Kind::Number => Cell::Number(n as f64),
            k => self.csv_text(&n.to_string(), k),
        };
        self.cell(cell)
    }

    fn num(&mut self, x: Option<f64>) -> &mut Self {
        self.formatted(x, csv::num_text)
    }

    fn fixed2(&mut self, x: Option<f64>) -> &mut Self {
        self.formatted(x, csv::fixed2_text)
    }

    fn joined<'n>(&mut self, names: impl IntoIterator<Item = &'n str>, empty: &str) -> &mut Self {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        for (i, n) in names.into_iter().enumerate() {
            if i > 0 {
                buf.push('+');
            }
            buf.push_str(n);
        }
        if buf.is_empty() {
            buf.push_str(empty);
        }
        self.raw(&buf);
        self.buf = buf;
        self
    }

    fn end(&mut self) {}
}

/// Writes one typed cell (its text moves into the sheet: no second copy).
fn put(ws: &mut Worksheet, status: &[Format; 6], r: u32, c: u16, cell: Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => Ok(()),
        Cell::Number(x) => ws.write_number(r, c, x).map(drop),
        Cell::Text(s) => ws.write_string(r, c, s).map(drop),
        Cell::Status(s) => {
            let f = status_of(status, &s);
            ws.write_string_with_format(r, c, s, f).map(drop)
        }
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
    write_header_cells(ws, header, f)?;
    for (c, h) in header.iter().enumerate() {
        ws.set_column_width(c as u16, width(h))?;
    }
    Ok(())
}

fn write_header_cells(ws: &mut Worksheet, header: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, f)?;
    }
    Ok(())
}

/// Freezes the header row and puts an autofilter over the table (`last_row` 0-based).
fn finish_table(ws: &mut Worksheet, columns: usize, last_row: u32) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, columns.saturating_sub(1) as u16)?;
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

    /// A Products sheet of `rows` rows `i, <sku(i)>, fail`, in a book of `max_rows` rows a sheet.
    fn sheet_of(rows: u32, max_rows: u32, sku: impl Fn(u32) -> String) -> Vec<Vec<Data>> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dest = dir.path().join("t.xlsx");
        let mut book = Book::new(&dest, dir.path(), 0, max_rows).unwrap_or_else(|e| panic!("{e}"));
        book.start_table(Sheet::Products, &["row", "sku", "verdict"]).unwrap_or_else(|e| panic!("{e}"));
        for i in 1..=rows {
            let mut row = book.row(Sheet::Products);
            row.int(u64::from(i)).text(&sku(i)).raw("fail").end();
            row.done(&dest).unwrap_or_else(|e| panic!("{e}"));
        }
        book.finish_tables().unwrap_or_else(|e| panic!("{e}"));
        book.save().unwrap_or_else(|e| panic!("{e}"));
        let mut wb: Xlsx<_> = open_workbook(&dest).unwrap_or_else(|e| panic!("{e}"));
        let range = wb.worksheet_range("Products").unwrap_or_else(|e| panic!("{e}"));
        range.rows().map(<[Data]>::to_vec).collect()
    }

    fn products(rows: u32, max_rows: u32) -> Vec<Vec<Data>> {
        sheet_of(rows, max_rows, |i| format!("=SKU{i}"))
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
    fn cells_are_typed_and_text_is_never_escaped() {
        let sheet = products(2, EXCEL_MAX_ROWS);
        assert_eq!(sheet[1], vec![Data::Float(1.0), Data::String("=SKU1".into()), Data::String("fail".into())]);
    }

    #[test]
    fn text_keeps_the_apostrophe_the_catalogue_wrote() {
        // A title starting with `'=` is written to the CSV as it is (it is not a formula); read
        // back from the CSV, its apostrophe was taken for the formula escape and lost.
        for (name, text) in [("apostrophe formula", "'=HYPERLINK(x)"), ("apostrophe plus", "'+1"), ("apostrophe only", "'quoted'")] {
            let sheet = sheet_of(1, EXCEL_MAX_ROWS, |_| text.to_string());
            assert_eq!(sheet[1][1], Data::String(text.into()), "{name}");
        }
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
