//! The streaming catalogue reader: sniffs encoding and delimiter, maps the header, then yields
//! [`Item`]s in file order with their `row` and `line`, keeping the raw text of broken records.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs_io::DecodeReaderBytesBuilder;

use super::decode::{Encoding, FieldDecoding, decode_field, sniff_encoding};
use super::filekind::{FileKind, binary_message, quote_capped, sniff_file_kind};
use super::html::{html_to_text, may_hold_html};
use super::sniff::sniff_delimiter;
use super::workbook::{SheetRows, open_sheet};
use super::{ColumnMap, Field, Invalid, Mapping, Record};
use crate::error::Error;
use crate::ingest::filekind::WorkbookKind;

/// Options that override detection.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    pub encoding: Option<Encoding>,
    pub delimiter: Option<u8>,
    pub mapping: Option<Mapping>,
    /// The sheet to read from a workbook (`--sheet`); the first when `None`. Ignored for CSV.
    pub sheet: Option<String>,
}

/// One data record: readable, or not.
#[derive(Debug, Clone)]
pub enum Item {
    Record(Record),
    Invalid(Invalid),
}

impl Item {
    pub fn row(&self) -> u64 {
        match self {
            Item::Record(r) => r.row,
            Item::Invalid(i) => i.row,
        }
    }
}

/// Keeps the bytes read through it (since `base`), so a record's raw text can be quoted and
/// line numbers counted from byte offsets (csv's own line numbers are wrong on CRLF files).
struct Tee<R> {
    inner: R,
    buf: Vec<u8>,
    /// Absolute offset of `buf[0]`.
    base: u64,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.buf.extend_from_slice(&out[..n]);
        Ok(n)
    }
}

impl<R> Tee<R> {
    fn slice(&self, start: u64, end: u64) -> &[u8] {
        let s = start.saturating_sub(self.base) as usize;
        let e = (end.saturating_sub(self.base) as usize).min(self.buf.len());
        &self.buf[s.min(e)..e]
    }

    /// Forgets bytes before `upto` once enough have piled up (amortised).
    fn release(&mut self, upto: u64) {
        let n = upto.saturating_sub(self.base) as usize;
        if n > 1 << 18 && n <= self.buf.len() {
            self.buf.drain(..n);
            self.base = upto;
        }
    }
}

type Source = Box<dyn Read + Send>;

pub struct CatalogueReader {
    path: String,
    csv: csv::Reader<Tee<Source>>,
    cols: Arc<ColumnMap>,
    encoding: Encoding,
    delimiter: u8,
    n_fields: usize,
    row: u64,
    /// Newlines counted up to `counted_to`.
    newlines: u64,
    counted_to: u64,
    rec: csv::ByteRecord,
    /// Records with a field read as Windows-1252 inside a UTF-8 file.
    pub fallback_records: u64,
    /// Fields repaired from double-encoded UTF-8.
    pub repaired_fields: u64,
    hash: Arc<std::sync::Mutex<Option<sha2::Sha256>>>,
    done: bool,
    sku_only: bool,
    /// A workbook's rows (then `csv` reads nothing).
    sheet: Option<Box<SheetRows>>,
    /// In a product-variant export: the last product row, which its variant rows inherit from.
    parent: Option<Record>,
}

/// Wraps the hashing reader so the hasher can be taken out at the end.
struct SharedHashing {
    inner: BufReader<File>,
    hasher: Arc<std::sync::Mutex<Option<sha2::Sha256>>>,
}

impl Read for SharedHashing {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        if let Ok(mut g) = self.hasher.lock()
            && let Some(h) = g.as_mut()
        {
            sha2::Digest::update(h, &out[..n]);
        }
        Ok(n)
    }
}

impl CatalogueReader {
    /// Opens a catalogue, detects its encoding and delimiter and maps its header. A workbook
    /// (by its first bytes) is read through calamine; any other binary file is refused.
    pub fn open(path: &Path, opts: &ReaderOptions) -> Result<CatalogueReader, Error> {
        let shown = path.display().to_string();
        let io_err = |e: io::Error| Error::io(&shown, "cannot read", e);
        let mut file = File::open(path).map_err(|e| Error::io(&shown, "cannot open", e))?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(Error::Catalogue { path: shown, message: "is a directory".into() });
        }
        let mut head = vec![0u8; 64 * 1024];
        let mut filled = 0;
        while filled < head.len() {
            let n = file.read(&mut head[filled..]).map_err(io_err)?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        head.truncate(filled);
        let at_eof = filled < 64 * 1024;
        if head.iter().all(|b| b.is_ascii_whitespace()) && at_eof {
            return Err(Error::Catalogue { path: shown, message: "the file is empty: no header row, no records".into() });
        }
        let detected = sniff_encoding(&head, at_eof);
        match sniff_file_kind(&head, path, matches!(detected, Encoding::Utf16Le | Encoding::Utf16Be) || opts.encoding.is_some()) {
            FileKind::Text => {}
            FileKind::Binary(what) => return Err(Error::Catalogue { path: shown, message: binary_message(what) }),
            FileKind::Workbook(kind) => return CatalogueReader::open_workbook(shown, head, file, kind, opts),
        }
        let encoding = match (opts.encoding, detected) {
            (Some(Encoding::Utf8), Encoding::Utf8Bom) => Encoding::Utf8Bom,
            (Some(e), _) => e,
            (None, d) => d,
        };
        let sample: String = match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let enc = if encoding == Encoding::Utf16Le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
                let body = if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) { &head[2..] } else { &head[..] };
                enc.decode_without_bom_handling(body).0.into_owned()
            }
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252.decode_without_bom_handling(&head).0.into_owned(),
            _ => String::from_utf8_lossy(head.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(&head)).into_owned(),
        };
        let delimiter = opts.delimiter.unwrap_or_else(|| sniff_delimiter(&sample));

        let hash = Arc::new(std::sync::Mutex::new(Some(<sha2::Sha256 as sha2::Digest>::new())));
        if let Ok(mut g) = hash.lock()
            && let Some(h) = g.as_mut()
        {
            sha2::Digest::update(h, &head);
        }
        let rest = SharedHashing { inner: BufReader::with_capacity(256 * 1024, file), hasher: hash.clone() };
        let raw: Source = Box::new(io::Cursor::new(head).chain(rest));
        let source: Source = match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let enc = if encoding == Encoding::Utf16Le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
                Box::new(DecodeReaderBytesBuilder::new().encoding(Some(enc)).bom_override(true).build(raw))
            }
            _ => raw,
        };
        let tee = Tee { inner: source, buf: Vec::with_capacity(1 << 20), base: 0 };
        let mut csv =
            csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).buffer_capacity(256 * 1024).from_reader(tee);
        let mut header = csv::ByteRecord::new();
        let got = csv.read_byte_record(&mut header).map_err(|e| Error::io(&shown, "cannot read the header", e.into()))?;
        if !got {
            return Err(Error::Catalogue { path: shown, message: "the file is empty: no header row, no records".into() });
        }
        let file_1252 = encoding == Encoding::Windows1252;
        let headers: Vec<String> =
            header.iter().map(|h| decode_field(h, file_1252).0.trim().trim_start_matches('\u{feff}').to_string()).collect();
        let cols = resolve_columns(&shown, headers, opts)?;
        let header_end = csv.position().byte();
        let mut r = CatalogueReader::with(shown, csv, cols, encoding, delimiter, hash, None);
        r.count_newlines_to(header_end);
        Ok(r)
    }

    /// A workbook: the rest of the file is read (and hashed) whole, calamine opens the sheet, and
    /// its rows are handed out by [`CatalogueReader::next_item`] like CSV records.
    fn open_workbook(
        shown: String,
        head: Vec<u8>,
        mut file: File,
        kind: WorkbookKind,
        opts: &ReaderOptions,
    ) -> Result<CatalogueReader, Error> {
        let mut bytes = head;
        file.read_to_end(&mut bytes).map_err(|e| Error::io(&shown, "cannot read", e))?;
        let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
        sha2::Digest::update(&mut hasher, &bytes);
        let (rows, headers) = open_sheet(bytes, kind, opts.sheet.as_deref(), &shown)?;
        let cols = resolve_columns(&shown, headers, opts)?;
        let empty: Source = Box::new(io::empty());
        let csv = csv::ReaderBuilder::new().has_headers(false).from_reader(Tee { inner: empty, buf: Vec::new(), base: 0 });
        let hash = Arc::new(std::sync::Mutex::new(Some(hasher)));
        Ok(CatalogueReader::with(shown, csv, cols, Encoding::Utf8, b',', hash, Some(Box::new(rows))))
    }

    /// A reader at its first record: nothing counted, read or repaired yet.
    fn with(
        path: String,
        csv: csv::Reader<Tee<Source>>,
        cols: ColumnMap,
        encoding: Encoding,
        delimiter: u8,
        hash: Arc<std::sync::Mutex<Option<sha2::Sha256>>>,
        sheet: Option<Box<SheetRows>>,
    ) -> CatalogueReader {
        CatalogueReader {
            path,
            csv,
            n_fields: cols.headers.len(),
            cols: Arc::new(cols),
            encoding,
            delimiter,
            row: 0,
            newlines: 0,
            counted_to: 0,
            rec: csv::ByteRecord::new(),
            fallback_records: 0,
            repaired_fields: 0,
            hash,
            done: false,
            sku_only: false,
            sheet,
            parent: None,
        }
    }

    /// How the file was read, for the summary and `inspect`: the encoding, or the workbook
    /// format and sheet.
    pub fn encoding_label(&self) -> String {
        match &self.sheet {
            Some(s) => format!("{} workbook, sheet \"{}\"", s.kind.name(), s.sheet),
            None => self.encoding.name().to_string(),
        }
    }

    /// The delimiter as shown in the summary; empty for a workbook.
    pub fn delimiter_label(&self) -> String {
        match &self.sheet {
            Some(_) => String::new(),
            None => super::sniff::delimiter_name(self.delimiter),
        }
    }

    /// Reads only what duplicate-SKU detection needs (faster first pass).
    pub fn sku_only(mut self) -> CatalogueReader {
        self.sku_only = true;
        self
    }

    pub fn columns(&self) -> &Arc<ColumnMap> {
        &self.cols
    }
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }
    /// Bytes consumed so far (of the decoded stream), for progress.
    pub fn position(&self) -> u64 {
        match &self.sheet {
            Some(s) => s.position(),
            None => self.csv.position().byte(),
        }
    }
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The sha256 of every byte read so far (the whole file once reading is done).
    pub fn sha256(&self) -> String {
        let h = self.hash.lock().ok().and_then(|mut g| g.take());
        match h {
            Some(h) => crate::numfmt::hex(&sha2::Digest::finalize(h)),
            None => String::new(),
        }
    }

    /// Counts line breaks up to `to`: `\n`, and `\r` not followed by `\n` (old Mac files).
    fn count_newlines_to(&mut self, to: u64) {
        if to > self.counted_to {
            let tee = self.csv.get_ref();
            let bytes = tee.slice(self.counted_to, to + 1);
            let upto = (to - self.counted_to) as usize;
            let part = &bytes[..upto.min(bytes.len())];
            let mut n = memchr::memchr_iter(b'\n', part).count() as u64;
            // A lone CR (not part of CRLF) is a line break too.
            for i in memchr::memchr_iter(b'\r', part) {
                if bytes.get(i + 1).is_some_and(|&c| c != b'\n') {
                    n += 1;
                }
            }
            self.newlines += n;
            self.counted_to = to;
        }
    }

    /// Appends up to `max` items to `out`. Returns false once the file is exhausted.
    pub fn next_batch(&mut self, out: &mut Vec<Item>, max: usize) -> Result<bool, Error> {
        for _ in 0..max {
            match self.next_item()? {
                Some(item) => out.push(item),
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// The next item, or `None` at the end of the file.
    pub fn next_item(&mut self) -> Result<Option<Item>, Error> {
        if self.done {
            return Ok(None);
        }
        if self.sheet.is_some() {
            return Ok(self.next_sheet_item());
        }
        let mut rec = std::mem::take(&mut self.rec);
        let res = self.csv.read_byte_record(&mut rec);
        let got = match res {
            Ok(g) => g,
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(_) => {
                    self.rec = rec;
                    return Err(Error::io(&self.path, format!("read error after row {}", self.row), e.into()));
                }
                // With `flexible` and byte records, other errors do not happen; treat one as an
                // unreadable record rather than stop.
                _ => true,
            },
        };
        if !got {
            self.done = true;
            self.rec = rec;
            return Ok(None);
        }
        let start = rec.position().map_or(self.counted_to, |p| p.byte());
        let end = self.csv.position().byte();
        // The record starts after any line breaks the reader skipped.
        let raw_full = self.csv.get_ref().slice(start, end);
        let lead = raw_full.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count() as u64;
        self.count_newlines_to(start + lead);
        let line = self.newlines + 1;
        self.row += 1;
        let row = self.row;
        let mut item = if end - start > MAX_RECORD_BYTES {
            self.oversized(row, line, (start + lead, end))
        } else {
            self.build(&rec, row, line, (start + lead, end))
        };
        self.variant_row(&mut item);
        self.count_newlines_to(end);
        self.csv.get_mut().release(start);
        self.rec = rec;
        Ok(Some(item))
    }

    /// A record larger than [`MAX_RECORD_BYTES`]: `invalid`, with the start of its raw text only
    /// (decoding and extracting it would take several times its size in memory).
    fn oversized(&self, row: u64, line: u64, span: (u64, u64)) -> Item {
        let raw = self.csv.get_ref().slice(span.0, span.1);
        let mut shown = String::from_utf8_lossy(&raw[..raw.len().min(200)]).into_owned();
        shown.push('…');
        Item::Invalid(Invalid {
            row,
            line,
            reason: format!(
                "the record holds {:.1} MiB, more than the {} MiB a record may hold (a quote that never closes?)",
                (span.1 - span.0) as f64 / (1024.0 * 1024.0),
                MAX_RECORD_BYTES >> 20
            ),
            raw: shown,
            sku: String::new(),
            product: String::new(),
        })
    }

    fn build(&mut self, rec: &csv::ByteRecord, row: u64, line: u64, span: (u64, u64)) -> Item {
        let file_1252 = self.encoding == Encoding::Windows1252;
        let raw = self.csv.get_ref().slice(span.0, span.1);
        let invalid = |reason: String, rec: &csv::ByteRecord, cols: &ColumnMap| {
            let get = |f: Field| {
                cols.index[f.index()].and_then(|i| rec.get(i)).map(|b| decode_field(b, file_1252).0.trim().to_string()).unwrap_or_default()
            };
            let raw_text = decode_field(raw, file_1252).0;
            Item::Invalid(Invalid {
                row,
                line,
                reason,
                raw: raw_text.trim_end_matches(['\r', '\n']).to_string(),
                sku: get(Field::Sku),
                product: get(Field::Product),
            })
        };
        let n = rec.len();
        // Only the last record can open a quote that never closes: it swallows the rest of the file.
        if ends_in_open_quote(raw, self.delimiter) {
            return invalid("the file ends inside a quoted field: a closing quote is missing".into(), rec, &self.cols);
        }
        if n != self.n_fields {
            let extra_empty = n > self.n_fields && rec.iter().skip(self.n_fields).all(|f| f.iter().all(u8::is_ascii_whitespace));
            if !extra_empty {
                let how = if n < self.n_fields { "too few" } else { "too many" };
                return invalid(format!("{how} fields: {n} where the header has {}", self.n_fields), rec, &self.cols);
            }
        }
        if self.sku_only {
            let mut r = Record::default();
            r.clear(row, line);
            if let Some(b) = self.cols.index[Field::Sku.index()].and_then(|i| rec.get(i)) {
                r.set(Field::Sku, &decode_field(b, file_1252).0);
            }
            return Item::Record(r);
        }
        let mut r = Record::default();
        r.clear(row, line);
        // The fields fit in the raw record's length (decoding only repairs, trims or keeps).
        r.buf.reserve(raw.len());
        let mut fell_back = false;
        for f in Field::ALL {
            if let Some(b) = self.cols.index[f.index()].and_then(|i| rec.get(i)) {
                if b.is_empty() {
                    continue;
                }
                let (text, how) = decode_field(b, file_1252);
                match how {
                    FieldDecoding::Fallback1252 => fell_back = true,
                    FieldDecoding::Repaired => self.repaired_fields += 1,
                    FieldDecoding::Clean => {}
                }
                if may_hold_html(&text) {
                    r.set(f, &html_to_text(&text));
                } else {
                    r.set(f, &text);
                }
            }
        }
        if fell_back {
            self.fallback_records += 1;
        }
        Item::Record(r)
    }
}

/// The largest record read (16 MiB): a bigger one is `invalid` with a reason. No catalogue row
/// comes near it; a quote that never closes can.
pub const MAX_RECORD_BYTES: u64 = 16 << 20;
impl CatalogueReader {
    /// Product-variant exports (a `Handle` column, SPEC §4): a row with a title, or with a new
    /// handle, is a product and becomes the parent; a later row of the same handle without a
    /// title is a variant when it has its own SKU (it inherits the parent's fields), else a
    /// continuation row (an image) that is not a product. The parent is carried across batches.
    fn variant_row(&mut self, item: &mut Item) {
        if self.sku_only || !self.cols.has(Field::Handle) {
            return;
        }
        let Item::Record(r) = item else { return };
        let handle = r.get(Field::Handle);
        if handle.is_empty() {
            return;
        }
        let parent = self.parent.as_ref().filter(|p| p.get(Field::Handle) == handle);
        match parent {
            Some(p) if r.get(Field::Product).is_empty() => {
                // Both inherit, so a continuation row names its product and supplier too.
                if r.get(Field::Sku).is_empty() {
                    r.continuation_of = Some(handle.into());
                }
                r.inherit(p);
            }
            _ => self.parent = Some(r.clone()),
        }
    }

    /// The next row of a workbook's sheet as a record (`line` = its sheet row number). Cells
    /// past the header's last named column are ignored.
    fn next_sheet_item(&mut self) -> Option<Item> {
        let (line, cells) = self.sheet.as_mut()?.next_row()?;
        self.row += 1;
        let mut r = Record::default();
        r.clear(self.row, line);
        for f in Field::ALL {
            if self.sku_only && f != Field::Sku {
                continue;
            }
            if let Some(text) = self.cols.index[f.index()].and_then(|i| cells.get(i)) {
                if may_hold_html(text) {
                    r.set(f, &html_to_text(text));
                } else {
                    r.set(f, text);
                }
            }
        }
        let mut item = Item::Record(r);
        self.variant_row(&mut item);
        Some(item)
    }
}

/// Maps the header row; a header with neither `sku` nor `product` is exit 2, quoting at most
/// 20 names of at most 80 characters each (a binary file's "header" can be a megabyte).
fn resolve_columns(shown: &str, headers: Vec<String>, opts: &ReaderOptions) -> Result<ColumnMap, Error> {
    let cols = ColumnMap::resolve(headers, opts.mapping.as_ref())?;
    if cols.is_usable() {
        return Ok(cols);
    }
    let mut names: Vec<String> = cols.headers.iter().take(20).map(|h| quote_capped(h, 80)).collect();
    if cols.headers.len() > 20 {
        names.push(format!("and {} more", cols.headers.len() - 20));
    }
    let seen = if names.is_empty() { "no names".to_string() } else { names.join(", ") };
    Err(Error::Catalogue {
        path: shown.to_string(),
        message: format!(
            "no recognisable columns: the header has {seen}; a catalogue needs at least a `sku` column (SKU, Item #, item_id...) or a `product` column (Title, Product Name...). Map them with --mapping FILE ([columns] sku = \"...\")"
        ),
    })
}

/// True when the record's last field opens a quote that never closes (a file cut short). Only
/// quotes change the state, so it jumps from quote to quote: a quote opens a field when it starts
/// one (after a delimiter or a line break), and inside a field `""` is an escaped quote.
fn ends_in_open_quote(raw: &[u8], delimiter: u8) -> bool {
    let mut in_q = false;
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'"', &raw[from..]) {
        let i = from + off;
        from = i + 1;
        if in_q {
            if raw.get(i + 1) == Some(&b'"') {
                from = i + 2;
            } else {
                in_q = false;
            }
        } else if i == 0 || matches!(raw[i - 1], b'\n' | b'\r') || raw[i - 1] == delimiter {
            in_q = true;
        }
        if from >= raw.len() {
            break;
        }
    }
    in_q
}

/// Copies standard input to a temporary file in `dir` named `<prefix>….stdin` so it can be read
/// twice (duplicate SKUs are found in a first pass). The file is removed when the guard drops; a
/// killed run's copy is removed by the next run (the prefix carries the process id).
pub fn spool_stdin(dir: &Path, prefix: &str) -> Result<(tempfile::TempPath, PathBuf), Error> {
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".stdin")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, "cannot create a temporary file for standard input", e))?;
    io::copy(&mut io::stdin().lock(), tmp.as_file_mut()).map_err(|e| Error::io("<stdin>", "cannot read standard input", e))?;
    let path = tmp.into_temp_path();
    let p = path.to_path_buf();
    Ok((path, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(bytes: &[u8]) -> (Vec<Item>, CatalogueReader) {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        let mut r = CatalogueReader::open(f.path(), &ReaderOptions::default()).unwrap();
        let mut items = Vec::new();
        while r.next_batch(&mut items, 100).unwrap() {}
        (items, r)
    }

    fn lines(items: &[Item]) -> Vec<(u64, u64)> {
        items
            .iter()
            .map(|i| match i {
                Item::Record(r) => (r.row, r.line),
                Item::Invalid(v) => (v.row, v.line),
            })
            .collect()
    }

    #[test]
    fn rows_and_lines_on_lf_crlf_blank_lines_and_embedded_newlines() {
        let (items, _) = read_all(b"sku,product\nA,x\nB,\"two\nlines\"\n\nC,y\n");
        assert_eq!(lines(&items), vec![(1, 2), (2, 3), (3, 6)]);
        let (items, _) = read_all(b"sku,product\r\nA,x\r\nB,\"two\r\nlines\"\r\n\r\nC,y\r\n");
        assert_eq!(lines(&items), vec![(1, 2), (2, 3), (3, 6)]);
        let (items, _) = read_all(b"sku,product\rA,x\rB,\"two\rlines\"\r\rC,y\r");
        assert_eq!(lines(&items), vec![(1, 2), (2, 3), (3, 6)]);
    }

    #[test]
    fn ragged_rows_are_invalid_with_raw_text() {
        let (items, _) = read_all(b"sku,product,price\nA,x,1\nB,y\nC,z,3,4\nD,w,5,\n");
        let Item::Invalid(v) = &items[1] else { panic!() };
        assert_eq!(v.reason, "too few fields: 2 where the header has 3");
        assert_eq!(v.raw, "B,y");
        assert_eq!(v.line, 3);
        let Item::Invalid(v) = &items[2] else { panic!() };
        assert!(v.reason.starts_with("too many fields"));
        assert!(matches!(items[3], Item::Record(_)), "trailing empty fields are tolerated");
    }

    #[test]
    fn open_quote_detection() {
        for (raw, open) in [
            (&b"a,b,c\n"[..], false),
            (b"a,\"b,c\"\n", false),
            (b"a,\"b,c\n", true),
            (b"\"a", true),
            (b"a,\"say \"\"hi\"\"\",c\n", false),
            (b"a,\"say \"\"hi\"\",c\n", true),
            (b"a,b\"c,d\n", false),
            (b"a,\"x\" \",d\n", false),
            (b"a,\"\"", false),
            (b"a,\"\"\"", true),
            (b"a;\"b\n", true),
        ] {
            let delim = if raw.contains(&b';') { b';' } else { b',' };
            assert_eq!(ends_in_open_quote(raw, delim), open, "{}", String::from_utf8_lossy(raw));
        }
    }

    #[test]
    fn cut_final_quote_is_invalid() {
        let (items, _) = read_all(b"sku,product\nA,x\nB,\"never closed\n");
        let Item::Invalid(v) = &items[1] else { panic!("{:?}", items[1]) };
        assert!(v.reason.contains("closing quote"), "{}", v.reason);
    }

    #[test]
    fn utf16_and_1252_and_semicolons() {
        let text = "sku;product\nA;D3 125 µg\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (items, r) = read_all(&bytes);
        assert_eq!(r.encoding(), Encoding::Utf16Le);
        assert_eq!(r.delimiter(), b';');
        let Item::Record(rec) = &items[0] else { panic!() };
        assert_eq!(rec.get(Field::Product), "D3 125 µg");

        let (items, r) = read_all(b"sku,product\nA,D3 125 \xb5g\n");
        assert_eq!(r.encoding(), Encoding::Windows1252);
        let Item::Record(rec) = &items[0] else { panic!() };
        assert_eq!(rec.get(Field::Product), "D3 125 µg");
    }

    #[test]
    fn unrecognisable_header_names_what_it_saw() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"colour,size\nred,L\n").unwrap();
        let err = CatalogueReader::open(f.path(), &ReaderOptions::default()).err().unwrap().to_string();
        assert!(err.contains("\"colour\", \"size\"") && err.contains("sku"), "{err}");
    }

    #[test]
    fn hashes_the_file() {
        let bytes = b"sku\nA\n";
        let (_, r) = read_all(bytes);
        let want = crate::numfmt::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
        assert_eq!(r.sha256(), want);
    }
}
