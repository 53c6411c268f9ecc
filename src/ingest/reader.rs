//! The streaming catalogue reader: sniffs encoding and delimiter, maps the header, then yields
//! [`Item`]s in file order with their `row` and `line`, keeping the raw text of broken records.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs_io::DecodeReaderBytesBuilder;

use super::decode::{CodePage, Encoding, FieldDecoding, decode_field, decodes_to_itself, sniff_encoding};
use super::filekind::{FileKind, binary_message, sniff_file_kind};
use super::header::{self, Candidate};
use super::html::{html_to_text, may_hold_html, may_hold_html_bytes};
use super::sniff::sniff_delimiter;
use super::split::{RawField, Split, split_record};
use super::workbook::{SheetRows, Workbook, quoted};
use super::{ColumnMap, Field, Invalid, Mapping, Record};
use crate::error::Error;
use crate::ingest::filekind::WorkbookKind;

/// Options that override detection.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    pub encoding: Option<Encoding>,
    pub delimiter: Option<u8>,
    pub mapping: Option<Mapping>,
    /// The sheet to read from a workbook (`--sheet`); the first with recognisable columns when
    /// `None`. Ignored for CSV.
    pub sheet: Option<String>,
    /// The 1-based line (sheet row) that holds the column names (`--header-row`); detected when
    /// `None` (SPEC §4).
    pub header_row: Option<u64>,
    /// Where the reader leaves its notes for the run (rows skipped above the header, the sheet
    /// read instead of the first): the library never prints, the binary takes them.
    pub notes: ReaderNotes,
}

/// Notes left by the readers opened with one [`ReaderOptions`] (clones share them), each
/// naming its catalogue; taken by the front end after each catalogue.
#[derive(Debug, Clone, Default)]
pub struct ReaderNotes(Arc<std::sync::Mutex<Vec<String>>>);

impl ReaderNotes {
    pub fn push(&self, note: String) {
        if let Ok(mut v) = self.0.lock() {
            v.push(note);
        }
    }

    /// The notes left so far, removed.
    pub fn take(&self) -> Vec<String> {
        self.0.lock().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default()
    }
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

/// The bytes being split into records, read from the source in large blocks. It keeps every
/// byte from the oldest one still needed on (the current record's raw text is quoted for a broken
/// record, and line breaks are counted from byte offsets: csv's own line numbers were wrong on
/// CRLF files).
struct Window {
    src: Source,
    /// The bytes read: `buf[..len]` (the rest is room to read into, zeroed once).
    buf: Vec<u8>,
    len: usize,
    /// Absolute offset of `buf[0]` in the stream (decoded, for UTF-16).
    base: u64,
    /// `buf` holds the rest of the stream.
    eof: bool,
}

/// How much the window reads at a time.
const READ_BLOCK: usize = 256 * 1024;

impl Window {
    fn new(src: Source, eof: bool) -> Window {
        Window { src, buf: Vec::new(), len: 0, base: 0, eof }
    }

    /// The index in `buf` of the absolute offset `at` (which the window still holds).
    fn index(&self, at: u64) -> usize {
        (at - self.base) as usize
    }

    /// Forgets the bytes before `buf[keep]`, then reads a block, or as many bytes as it keeps if
    /// that is more, so a record far larger than a block is split again only a few times.
    fn fill(&mut self, keep: usize) -> io::Result<()> {
        self.buf.copy_within(keep..self.len, 0);
        self.len -= keep;
        self.base += keep as u64;
        let want = self.len + READ_BLOCK.max(self.len);
        if self.buf.len() < want {
            self.buf.resize(want, 0);
        }
        while self.len < want {
            match self.src.read(&mut self.buf[self.len..want]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The bytes read and kept.
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

type Source = Box<dyn Read + Send>;

pub struct CatalogueReader {
    path: String,
    win: Window,
    /// The fields of the record being read (spans of `win`).
    fields: Vec<RawField>,
    /// Where the next record's read starts (absolute): where the last one ended.
    next: u64,
    cols: Arc<ColumnMap>,
    encoding: Encoding,
    delimiter: u8,
    n_fields: usize,
    row: u64,
    /// Newlines counted up to `counted_to` (absolute).
    newlines: u64,
    counted_to: u64,
    /// Records with a field read as Windows-1252 inside a UTF-8 file.
    pub fallback_records: u64,
    /// Fields repaired from double-encoded UTF-8.
    pub repaired_fields: u64,
    hash: Arc<std::sync::Mutex<Option<sha2::Sha256>>>,
    done: bool,
    /// A workbook's rows (then `csv` reads nothing).
    sheet: Option<Box<SheetRows>>,
    /// In a product-variant export: the last product row, which its variant rows inherit from.
    parent: Option<Record>,
    /// A data record so far ran over several lines (a quoted field with line breaks): a long
    /// one is then not taken for a stray quote.
    multi_line_seen: bool,
    /// A first pass that only needs each record's SKU ([`CatalogueReader::sku_pass`]).
    sku_only: bool,
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
    /// Reads on as a first pass that only looks at SKUs: records hold only the fields that say
    /// which product a row is (SKU, handle, title: variant rows still inherit right), and the
    /// file's sha256 is not computed (the pass that writes the reports does both).
    pub fn sku_pass(&mut self) {
        if let Ok(mut g) = self.hash.lock() {
            *g = None;
        }
        self.sku_only = true;
    }

    /// Opens a catalogue, detects its encoding and delimiter and maps its header. A workbook
    /// (by its first bytes) is read through calamine; any other binary file is refused.
    pub fn open(path: &Path, opts: &ReaderOptions) -> Result<CatalogueReader, Error> {
        let shown = path.display().to_string();
        let io_err = |e: io::Error| Error::io(&shown, "cannot read", e);
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if name.starts_with("~$") {
            let message = "is an office lock file (Excel keeps it beside a workbook while the workbook is open), not a catalogue: audit the workbook itself".into();
            return Err(Error::Catalogue { path: shown, message });
        }
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
            Encoding::Windows1252 | Encoding::Windows1251 | Encoding::Windows1250 => {
                encoding.code_page().unwrap_or(encoding_rs::WINDOWS_1252).decode_without_bom_handling(&head).0.into_owned()
            }
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
        let mut win = Window::new(source, false);
        let (cols, header_end) = csv_header(&mut win, delimiter, encoding.code_page(), opts, &shown)?;
        let mut r = CatalogueReader::with(shown, win, cols, encoding, delimiter, hash, None);
        r.next = header_end;
        Ok(r)
    }

    /// A workbook: the rest of the file is read (and hashed) whole, calamine opens the sheet
    /// (`--sheet`, else the first whose header is found), and its rows are handed out by
    /// [`CatalogueReader::next_item`] like CSV records.
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
        let (rows, cols) = open_sheet(Workbook::open(bytes, kind, &shown)?, opts, &shown)?;
        let empty = Window::new(Box::new(io::empty()), true);
        let hash = Arc::new(std::sync::Mutex::new(Some(hasher)));
        Ok(CatalogueReader::with(shown, empty, cols, Encoding::Utf8, b',', hash, Some(Box::new(rows))))
    }

    /// A reader at its first record: nothing counted, read or repaired yet.
    fn with(
        path: String,
        win: Window,
        cols: ColumnMap,
        encoding: Encoding,
        delimiter: u8,
        hash: Arc<std::sync::Mutex<Option<sha2::Sha256>>>,
        sheet: Option<Box<SheetRows>>,
    ) -> CatalogueReader {
        CatalogueReader {
            path,
            win,
            fields: Vec::new(),
            next: 0,
            n_fields: cols.headers.len(),
            cols: Arc::new(cols),
            encoding,
            delimiter,
            row: 0,
            newlines: 0,
            counted_to: 0,
            fallback_records: 0,
            repaired_fields: 0,
            hash,
            done: false,
            sheet,
            parent: None,
            multi_line_seen: false,
            sku_only: false,
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
            None => self.next,
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

    /// Counts line breaks up to `to`, a record's first byte (so the byte after a `\r` before it
    /// is always in the window): `\n`, and `\r` not followed by `\n` (old Mac files).
    fn count_newlines_to(&mut self, to: u64) {
        if to > self.counted_to {
            let (from, upto) = (self.win.index(self.counted_to), self.win.index(to));
            self.newlines += count_breaks(self.win.bytes(), from, upto);
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
        let (start, end, open_quote) = loop {
            let from = self.win.index(self.next);
            match split_record(self.win.bytes(), from, self.win.eof, self.delimiter, &mut self.fields) {
                Split::Record { start, end, open_quote } => break (start, end, open_quote),
                Split::End => {
                    self.done = true;
                    return Ok(None);
                }
                Split::NeedMore => {
                    // A quote that runs on and on need not be read to its end to be cut.
                    if let Some(start) = self.stray_pending(from) {
                        return Ok(Some(self.stray_quote(start)));
                    }
                    let keep = self.win.index(self.counted_to.min(self.next));
                    let row = self.row;
                    self.win.fill(keep).map_err(|e| Error::io(&self.path, format!("read error after row {row}"), e))?;
                }
            }
        };
        let (start_at, end_at) = (self.win.base + start as u64, self.win.base + end as u64);
        // The record starts after any line breaks skipped before it.
        self.count_newlines_to(start_at);
        let line = self.newlines + 1;
        // Its own line breaks (inside quotes), its terminator left for the next count.
        let ends_in_break = !open_quote && matches!(self.win.bytes()[end - 1], b'\r' | b'\n');
        self.count_newlines_to(end_at - u64::from(ends_in_break));
        let breaks = self.newlines + 1 - line;
        if breaks > 0 {
            if !self.multi_line_seen && (breaks >= STRAY_LINES || (end - start) as u64 > STRAY_BYTES) {
                (self.newlines, self.counted_to) = (line - 1, start_at);
                return Ok(Some(self.stray_quote(start)));
            }
            self.multi_line_seen = true;
        }
        self.row += 1;
        let row = self.row;
        // Measured from where the read started, skipped line breaks included (as csv did).
        let mut item = if end_at - self.next > MAX_RECORD_BYTES {
            self.oversized(row, line, (start, end))
        } else {
            self.build(row, line, (start, end), open_quote)
        };
        self.variant_row(&mut item);
        self.next = end_at;
        Ok(Some(item))
    }

    /// Where the record being read starts, when it is already longer than [`STRAY_BYTES`] and
    /// runs over a line break (inside a quote: it has not ended) in a file whose records were
    /// single-line so far: a stray quote, cut without reading on.
    fn stray_pending(&self, from: usize) -> Option<usize> {
        if self.multi_line_seen {
            return None;
        }
        let buf = self.win.bytes();
        let start = from + buf[from..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        let long = (buf.len() - start) as u64 > STRAY_BYTES;
        (long && memchr::memchr2(b'\r', b'\n', &buf[start..]).is_some()).then_some(start)
    }

    /// A stray quote (SPEC §4): a quoted field that starts at `buf[start]`'s record and runs
    /// over more than [`STRAY_LINES`] lines or [`STRAY_BYTES`] where the records before it were
    /// single-line. Only the line where the quote opened is read, as `invalid`; reading resumes
    /// on the next line, so the records after it are audited. Lines are counted up to `start`.
    fn stray_quote(&mut self, start: usize) -> Item {
        let start_at = self.win.base + start as u64;
        self.count_newlines_to(start_at);
        let line = self.newlines + 1;
        self.row += 1;
        let buf = self.win.bytes();
        let eol = memchr::memchr2(b'\r', b'\n', &buf[start..]).map_or(buf.len(), |k| start + k);
        let first = &buf[start..eol];
        let page = self.encoding.code_page();
        // The line's own fields: the quoted one that runs on is the last.
        let mut fields = Vec::new();
        split_record(first, 0, true, self.delimiter, &mut fields);
        let text = |f: Field| {
            let i = self.cols.index[f.index()].filter(|&i| i + 1 < fields.len());
            i.map(|i| decode_field(&fields[i].bytes(first), page).0.trim().to_string()).unwrap_or_default()
        };
        let column = fields.len();
        let name = self.cols.headers.get(column.wrapping_sub(1)).map_or(String::new(), |h| format!(" \"{h}\""));
        let item = Item::Invalid(Invalid {
            row: self.row,
            line,
            reason: format!(
                "a quote opens field{name} (column {column}) on this line and does not close within {STRAY_LINES} lines or {} KiB (a stray quote?): only this line is rejected, reading resumes on the next line",
                STRAY_BYTES >> 10
            ),
            raw: decode_field(first, page).0.into_owned(),
            sku: text(Field::Sku),
            product: text(Field::Product),
        });
        self.next = self.win.base + (eol + 1).min(buf.len()) as u64;
        item
    }

    /// A record larger than [`MAX_RECORD_BYTES`]: `invalid`, with the start of its raw text only
    /// (decoding and extracting it would take several times its size in memory).
    fn oversized(&self, row: u64, line: u64, span: (usize, usize)) -> Item {
        let raw = &self.win.bytes()[span.0..span.1];
        let mut shown = String::from_utf8_lossy(&raw[..raw.len().min(200)]).into_owned();
        shown.push('…');
        Item::Invalid(Invalid {
            row,
            line,
            reason: format!(
                "the record holds {:.1} MiB, more than the {} MiB a record may hold (a quote that never closes?)",
                raw.len() as f64 / (1024.0 * 1024.0),
                MAX_RECORD_BYTES >> 20
            ),
            raw: shown,
            sku: String::new(),
            product: String::new(),
        })
    }

    /// The record `self.fields` split from `buf[span]`: `invalid` when it is cut or ragged.
    fn build(&mut self, row: u64, line: u64, span: (usize, usize), open_quote: bool) -> Item {
        let page = self.encoding.code_page();
        let (buf, fields, cols) = (self.win.bytes(), &self.fields[..], &*self.cols);
        let raw = &buf[span.0..span.1];
        let field = |f: Field| cols.index[f.index()].and_then(|i| fields.get(i));
        let invalid = |reason: String| {
            let get = |f: Field| field(f).map(|b| decode_field(&b.bytes(buf), page).0.trim().to_string()).unwrap_or_default();
            let raw_text = decode_field(raw, page).0;
            Item::Invalid(Invalid {
                row,
                line,
                reason,
                raw: raw_text.trim_end_matches(['\r', '\n']).to_string(),
                sku: get(Field::Sku),
                product: get(Field::Product),
            })
        };
        let n = fields.len();
        // Only the last record can open a quote that never closes: it swallows the rest of the file.
        if open_quote {
            return invalid("the file ends inside a quoted field: a closing quote is missing".into());
        }
        if n != self.n_fields {
            let extra_empty = n > self.n_fields && fields[self.n_fields..].iter().all(|f| f.bytes(buf).iter().all(u8::is_ascii_whitespace));
            if !extra_empty {
                let how = if n < self.n_fields { "too few" } else { "too many" };
                return invalid(format!("{how} fields: {n} where the header has {}", self.n_fields));
            }
        }
        let mut r = Record::default();
        r.clear(row, line);
        // The fields fit in the raw record's length (decoding only repairs, trims or keeps).
        r.buf.reserve(raw.len());
        // Most records decode to themselves: then each field is a slice of the record's text.
        let text = decodes_to_itself(raw, page);
        // A field holds `<` or `&` only if the record does (decoding adds neither).
        let html = may_hold_html_bytes(raw);
        let (mut fell_back, mut repaired) = (false, 0);
        let sku_only = self.sku_only;
        for f in Field::ALL {
            if sku_only && !matches!(f, Field::Sku | Field::Handle | Field::Product) {
                continue;
            }
            let Some(b) = field(f) else { continue };
            if let Some(s) = text.and_then(|t| b.str_in(t, span.0)) {
                if !s.is_empty() {
                    set_text(&mut r, f, s, html);
                }
                continue;
            }
            let b = b.bytes(buf);
            if b.is_empty() {
                continue;
            }
            let (text, how) = decode_field(&b, page);
            match how {
                FieldDecoding::Fallback1252 => fell_back = true,
                FieldDecoding::Repaired => repaired += 1,
                FieldDecoding::Clean => {}
            }
            set_text(&mut r, f, &text, html);
        }
        self.repaired_fields += repaired;
        if fell_back {
            self.fallback_records += 1;
        }
        Item::Record(r)
    }
}

/// Sets a field, read as text when it may hold HTML (`html`: the record may).
fn set_text(r: &mut Record, f: Field, s: &str, html: bool) {
    if html && may_hold_html(s) {
        r.set(f, &html_to_text(s));
    } else {
        r.set(f, s);
    }
}

/// A quoted field running over this many line breaks (more than 64 lines) where the records
/// before it were single-line is a stray quote (SPEC §4).
const STRAY_LINES: u64 = 64;
/// Or over this many bytes (64 KiB), line breaks included.
const STRAY_BYTES: u64 = 64 << 10;

/// The largest record read (16 MiB): a bigger one is `invalid` with a reason. No catalogue row
/// comes near it; a quote that never closes can.
pub const MAX_RECORD_BYTES: u64 = 16 << 20;
impl CatalogueReader {
    /// Product-variant exports (a `Handle` column, SPEC §4): a row with a title, or with a new
    /// handle, is a product and becomes the parent; a later row of the same handle without a
    /// title is a variant when it has its own SKU, barcode or price (it inherits the parent's
    /// fields; stores often leave variant SKUs empty), else a continuation row (an image) that is
    /// not a product. The parent is carried across batches.
    fn variant_row(&mut self, item: &mut Item) {
        if !self.cols.has(Field::Handle) {
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
                if [Field::Sku, Field::Gtin, Field::Price].iter().all(|f| r.get(*f).is_empty()) {
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
            if let Some(text) = self.cols.index[f.index()].and_then(|i| cells.get(i)) {
                set_text(&mut r, f, text, true);
            }
        }
        let mut item = Item::Record(r);
        self.variant_row(&mut item);
        Some(item)
    }
}

/// Finds the header of a CSV among its first records (SPEC §4) and maps it; notes the rows
/// skipped above it. Returns the mapping and where the header record ends. The window keeps
/// every byte from the start, so line numbers count the skipped rows.
fn csv_header(win: &mut Window, delimiter: u8, page: CodePage, opts: &ReaderOptions, shown: &str) -> Result<(ColumnMap, u64), Error> {
    let mut fields = Vec::new();
    let mut rows: Vec<Candidate> = Vec::new();
    let mut ends = Vec::new();
    let (mut next, mut breaks, mut counted) = (None, 0, 0);
    let mapping = opts.mapping.as_ref();
    loop {
        // A UTF-8 BOM before the header is skipped, as csv_core did (it counts in positions).
        let from = next.unwrap_or_else(|| if win.bytes().starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 });
        match split_record(win.bytes(), from, win.eof, delimiter, &mut fields) {
            Split::Record { start, end, .. } => {
                breaks += count_breaks(win.bytes(), counted, start);
                counted = start;
                let cells =
                    fields.iter().map(|h| decode_field(&h.bytes(win.bytes()), page).0.trim().trim_start_matches('\u{feff}').to_string());
                rows.push(Candidate { line: breaks + 1, cells: cells.collect() });
                ends.push(end);
                next = Some(end);
                if header::enough(&rows, opts.header_row, mapping) {
                    break;
                }
            }
            Split::End => break,
            Split::NeedMore => win.fill(0).map_err(|e| Error::io(shown, "cannot read the header", e))?,
        }
    }
    if rows.is_empty() {
        return Err(Error::Catalogue { path: shown.to_string(), message: "the file is empty: no header row, no records".into() });
    }
    let (at, mut cols) = header::choose(&rows, opts.header_row, mapping, shown, "line")?;
    if let Some(note) = header::skipped_note(&rows, at, shown, "line") {
        opts.notes.push(note);
    }
    cols.set_aside_notes(shown).into_iter().for_each(|n| opts.notes.push(n));
    if let Some(candidates) = cols.dosage_form_candidates(mapping) {
        let sample = sample_rows(win, ends[at], delimiter, page, &candidates);
        cols.dosage_form_from_values(&candidates, &sample);
    }
    Ok((cols, ends[at] as u64))
}

/// Records the dosage form is sampled from, at most this many.
const SAMPLE_ROWS: usize = 200;

/// The cells in `columns` (the others left empty) of the records after the header that the
/// window already holds (no more is read), at most [`SAMPLE_ROWS`].
fn sample_rows(win: &Window, from: usize, delimiter: u8, page: CodePage, columns: &[usize]) -> Vec<Vec<String>> {
    let mut fields = Vec::new();
    let mut out = Vec::new();
    let mut at = from;
    while out.len() < SAMPLE_ROWS {
        let Split::Record { end, .. } = split_record(win.bytes(), at, win.eof, delimiter, &mut fields) else { break };
        let cell = |(i, f): (usize, &RawField)| {
            if columns.contains(&i) { decode_field(&f.bytes(win.bytes()), page).0.trim().to_string() } else { String::new() }
        };
        out.push(fields.iter().enumerate().map(cell).collect());
        at = end;
    }
    out
}

/// A workbook's sheet to read, with its rows positioned after the header and the header's
/// mapping: `--sheet`, else the first sheet whose header is found (noted when it is not the
/// first); none is exit 2 listing the sheets and naming `--sheet`.
fn open_sheet(mut wb: Workbook, opts: &ReaderOptions, shown: &str) -> Result<(SheetRows, ColumnMap), Error> {
    let names = match &opts.sheet {
        Some(want) => vec![wb.find(want)?],
        None => wb.names.clone(),
    };
    let mut passed = Vec::new();
    for name in &names {
        let mut rows = wb.rows(name)?;
        let what = if wb.names.len() > 1 { format!("{shown} (sheet \"{name}\")") } else { shown.to_string() };
        match sheet_header(&mut rows, opts, &what) {
            Ok(cols) => {
                if !passed.is_empty() {
                    let (sheets, have) = if passed.len() == 1 { ("sheet", "has") } else { ("sheets", "have") };
                    opts.notes.push(format!(
                        "{shown}: {sheets} {} {have} no recognisable columns: read sheet \"{name}\" (choose another with --sheet NAME)",
                        quoted(&passed)
                    ));
                }
                return Ok((rows, cols));
            }
            Err(e) if opts.sheet.is_some() || wb.names.len() == 1 => return Err(e),
            Err(_) => passed.push(name.clone()),
        }
    }
    Err(Error::Catalogue {
        path: shown.to_string(),
        message: format!(
            "no sheet has recognisable columns in its first {} rows (sheets: {}); a catalogue needs at least a `sku` column (SKU, Item #, item_id...) or a `product` column (Title, Product Name...). Name the sheet to read with --sheet NAME (and its header row with --header-row N), or map the columns with --mapping FILE",
            header::SEARCH_ROWS,
            quoted(&wb.names)
        ),
    })
}

/// Finds a sheet's header among its first non-empty rows and maps it, leaving `rows` after it.
fn sheet_header(rows: &mut SheetRows, opts: &ReaderOptions, what: &str) -> Result<ColumnMap, Error> {
    let mapping = opts.mapping.as_ref();
    let mut found = Vec::new();
    let mut marks = Vec::new();
    while !header::enough(&found, opts.header_row, mapping) {
        let Some((line, cells)) = rows.next_header() else { break };
        found.push(Candidate { line, cells });
        marks.push(rows.mark());
    }
    if found.is_empty() {
        return Err(Error::Catalogue { path: what.to_string(), message: "the sheet is empty: no header row, no records".into() });
    }
    let (at, mut cols) = header::choose(&found, opts.header_row, mapping, what, "row")?;
    if let Some(note) = header::skipped_note(&found, at, what, "row") {
        opts.notes.push(note);
    }
    cols.set_aside_notes(what).into_iter().for_each(|n| opts.notes.push(n));
    rows.rewind(marks[at]);
    if let Some(candidates) = cols.dosage_form_candidates(mapping) {
        let mut sample = Vec::new();
        while sample.len() < SAMPLE_ROWS
            && let Some((_, cells)) = rows.next_row()
        {
            sample.push(cells);
        }
        rows.rewind(marks[at]);
        cols.dosage_form_from_values(&candidates, &sample);
    }
    Ok(cols)
}

/// Line breaks in `buf[from..to]`: `\n`, and `\r` not followed by `\n` (old Mac files). The byte
/// after a `\r` at `to - 1` must be in `buf` when the `\r` may be followed by `\n`.
fn count_breaks(buf: &[u8], from: usize, to: usize) -> u64 {
    let part = &buf[from..to];
    let mut n = memchr::memchr_iter(b'\n', part).count() as u64;
    for i in memchr::memchr_iter(b'\r', part) {
        if buf.get(from + i + 1).is_some_and(|&c| c != b'\n') {
            n += 1;
        }
    }
    n
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

    #[test]
    fn shopify_rows_are_variants_when_they_have_a_sku_barcode_or_price() {
        let file = "Handle,Title,Body (HTML),Variant SKU,Variant Barcode,Variant Price,Image Src\n\
                    d3k2,D3 + K2,<p>5000 IU</p>,A-60,883196000379,19.95,a.jpg\n\
                    d3k2,,,A-180,,39.95,\n\
                    d3k2,,,,883196000740,49.95,\n\
                    d3k2,,,,,29.95,\n\
                    d3k2,,,,,,b.jpg\n";
        let (items, _) = read_all(file.as_bytes());
        // (case, row, continuation of)
        let cases: &[(&str, usize, Option<&str>)] = &[
            ("the product", 0, None),
            ("a variant with its SKU", 1, None),
            ("a variant with only its barcode", 2, None),
            ("a variant with only its price", 3, None),
            ("an image row", 4, Some("d3k2")),
        ];
        for (case, i, want) in cases {
            let Item::Record(r) = &items[*i] else { panic!("{case}: not a record") };
            assert_eq!(r.continuation_of.as_deref(), *want, "{case}");
            assert_eq!(r.get(Field::Product), "D3 + K2", "{case}: inherits the title");
        }
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
    fn a_bom_before_the_header_is_skipped() {
        let (items, r) = read_all(b"\xEF\xBB\xBFsku,product\nA,x\n");
        assert_eq!(r.columns().headers, ["sku", "product"]);
        assert_eq!(lines(&items), vec![(1, 2)]);
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"\xEF\xBB\xBF\r\n").unwrap();
        let err = CatalogueReader::open(f.path(), &ReaderOptions::default()).err().unwrap().to_string();
        assert!(err.contains("the file is empty"), "{err}");
    }

    #[test]
    fn lone_cr_line_breaks_are_counted_across_read_blocks() {
        // Records of 52 bytes ending in a lone CR after a header of 12: record 5,041 ends right
        // at the end of the first block read (12 + 5,041 * 52 = 256 KiB).
        let mut bytes = b"sku,product\r".to_vec();
        let mut want = Vec::new();
        for row in 1..=6000u64 {
            want.push((row, row + 1));
            bytes.extend_from_slice(format!("S{row:05},{}\r", "x".repeat(44)).as_bytes());
        }
        assert_eq!(bytes[READ_BLOCK - 1], b'\r');
        let (items, _) = read_all(&bytes);
        assert_eq!(lines(&items), want);
    }

    #[test]
    fn unrecognisable_header_names_what_it_saw() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"colour,size\nred,L\n").unwrap();
        let err = CatalogueReader::open(f.path(), &ReaderOptions::default()).err().unwrap().to_string();
        assert!(err.contains("\"colour\", \"size\"") && err.contains("sku"), "{err}");
    }

    fn read_with(bytes: &[u8], opts: &ReaderOptions) -> Result<(Vec<Item>, CatalogueReader), String> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        let mut r = CatalogueReader::open(f.path(), opts).map_err(|e| e.to_string())?;
        let mut items = Vec::new();
        while r.next_batch(&mut items, 100).unwrap() {}
        Ok((items, r))
    }

    #[test]
    fn rows_above_the_header_are_skipped_and_lines_stay_right() {
        // (case, file, --header-row, the header read, (row, line) of the records, a note names)
        type Case<'a> = (&'a str, &'a [u8], Option<u64>, &'a [&'a str], &'a [(u64, u64)], Option<&'a str>);
        let cases: &[Case] = &[
            ("header first", b"sku,product\nA,x\n", None, &["sku", "product"], &[(1, 2)], None),
            (
                "title, date, blank row",
                b"Vitamin catalogue,,\nExported on,2026-12-01,\n,,\nSKU,Title,Price\nA,x,1\nB,y,2\n",
                None,
                &["SKU", "Title", "Price"],
                &[(1, 5), (2, 6)],
                Some(
                    "the header is on line 4; the 3 rows above it were skipped: line 1 \"Vitamin catalogue\", line 2 \"Exported on | 2026-12-01\", line 3 (empty)",
                ),
            ),
            (
                "blank lines are not rows",
                b"Catalogue\r\n\r\nSKU;Title\r\nA;x\r\n",
                None,
                &["SKU", "Title"],
                &[(1, 4)],
                Some("the header is on line 3; the row above it was skipped: line 1 \"Catalogue\""),
            ),
            ("--header-row", b"SKU,Title\nItem #,Name\nA,x\n", Some(2), &["Item #", "Name"], &[(1, 3)], Some("header is on line 2")),
            ("a BOM, then a title", b"\xEF\xBB\xBFList\nsku,title\nA,x\n", None, &["sku", "title"], &[(1, 3)], Some("line 1 \"List\"")),
        ];
        for (name, bytes, header_row, headers, want, note) in cases {
            let opts = ReaderOptions { header_row: *header_row, ..ReaderOptions::default() };
            let (items, r) = read_with(bytes, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(r.columns().headers, *headers, "{name}");
            assert_eq!(lines(&items), *want, "{name}");
            let notes = opts.notes.take();
            match note {
                Some(n) => assert!(notes.len() == 1 && notes[0].contains(n), "{name}: {notes:?}"),
                None => assert!(notes.is_empty(), "{name}: {notes:?}"),
            }
        }
    }

    #[test]
    fn a_header_row_that_is_not_there_is_an_error() {
        let opts = ReaderOptions { header_row: Some(3), ..ReaderOptions::default() };
        let err = read_with(b"SKU,Title\n\nA,x\n", &opts).err().unwrap_or_default();
        assert!(err.contains("no recognisable columns: line 3 (--header-row 3) has \"A\", \"x\""), "{err}");
        let opts = ReaderOptions { header_row: Some(2), ..ReaderOptions::default() };
        let err = read_with(b"SKU,Title\n\nA,x\n", &opts).err().unwrap_or_default();
        assert!(err.contains("--header-row 2: line 2 is empty"), "{err}");
    }

    /// A file of `rows` single-line records with a stray quote in row `stray`'s title.
    fn stray_file(rows: usize, stray: usize, quotes_elsewhere: bool) -> Vec<u8> {
        let mut s = String::from("sku,title,price\n");
        for i in 1..=rows {
            let title = if i == stray {
                "\"Vitamin D3 5000 IU".to_string()
            } else if quotes_elsewhere && i % 100 == 0 {
                format!("\"D3, K2 #{i}\"")
            } else {
                format!("D3 K2 #{i}")
            };
            s.push_str(&format!("S{i},{title},9.99\n"));
        }
        s.into_bytes()
    }

    #[test]
    fn a_stray_quote_is_cut_at_its_line() {
        // (case, file, rows read, invalid (row, line), the reason says)
        type Case<'a> = (&'a str, Vec<u8>, usize, Option<(u64, u64)>, &'a str);
        let cases: Vec<Case> = vec![
            ("to the end of a long file", stray_file(5000, 3, false), 5000, Some((3, 4)), "does not close within 64 lines"),
            ("closed by a quote 97 lines on", stray_file(500, 3, true), 500, Some((3, 4)), "(column 2)"),
            ("short of 64 lines at the end", stray_file(40, 38, false), 38, Some((38, 39)), "closing quote is missing"),
            ("a long stray quote at the end", stray_file(200, 100, false), 200, Some((100, 101)), "field \"title\""),
            ("a file of 100 KiB records", stray_file(2000, 2, false), 2000, Some((2, 3)), "64 KiB"),
        ];
        for (name, bytes, n, invalid, reason) in cases {
            let (items, _) = read_with(&bytes, &ReaderOptions::default()).unwrap();
            assert_eq!(items.len(), n, "{name}");
            let bad: Vec<&Invalid> = items.iter().filter_map(|i| if let Item::Invalid(v) = i { Some(v) } else { None }).collect();
            assert_eq!(bad.iter().map(|v| (v.row, v.line)).collect::<Vec<_>>(), invalid.into_iter().collect::<Vec<_>>(), "{name}");
            assert!(bad[0].reason.contains(reason), "{name}: {}", bad[0].reason);
            // The records after it keep their rows and lines.
            assert!(lines(&items).iter().all(|&(row, line)| line == row + 1), "{name}");
        }
        let (items, _) = read_with(&stray_file(5000, 3, false), &ReaderOptions::default()).unwrap();
        let Item::Invalid(v) = &items[2] else { panic!() };
        assert_eq!((v.sku.as_str(), v.raw.as_str()), ("S3", "S3,\"Vitamin D3 5000 IU,9.99"));
    }

    #[test]
    fn long_multi_line_fields_stay_whole_where_records_span_lines() {
        // An earlier record spans lines: a later 70-line field is read whole.
        let long = "line\n".repeat(70);
        let bytes = format!("sku,title\nA,\"two\nlines\"\nB,\"{long}\"\nC,x\n");
        let (items, _) = read_with(bytes.as_bytes(), &ReaderOptions::default()).unwrap();
        assert_eq!(lines(&items), vec![(1, 2), (2, 4), (3, 75)]);
        assert!(items.iter().all(|i| matches!(i, Item::Record(_))));
    }

    #[test]
    fn dosage_form_is_taken_from_a_column_of_forms() {
        let (_, r) = read_with(b"id\ttitle\tproduct_type\nA\tD3\tHealth > Vitamins\nB\tK2\tVitamins\n", &ReaderOptions::default()).unwrap();
        assert!(!r.columns().has(Field::DosageForm));
        let (items, r) = read_with(b"sku,title,type\nA,D3,Softgels\nB,K2,60 Capsules\n", &ReaderOptions::default()).unwrap();
        assert_eq!(r.columns().index[Field::DosageForm.index()], Some(2));
        let Item::Record(rec) = &items[1] else { panic!() };
        assert_eq!(rec.get(Field::DosageForm), "60 Capsules");
    }

    #[test]
    fn hashes_the_file() {
        let bytes = b"sku\nA\n";
        let (_, r) = read_all(bytes);
        let want = crate::numfmt::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
        assert_eq!(r.sha256(), want);
    }
}
