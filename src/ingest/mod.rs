//! Ingest: any retailer file to [`Record`]s (decoded text of the canonical fields, `row`,
//! `line`) or [`Invalid`] records. A broken record is data, never an `Err`.

pub mod columns;
pub mod decode;
pub mod filekind;
pub mod header;
pub mod html;
pub mod reader;
pub mod sniff;
pub(crate) mod split;
pub mod suppliers;
pub mod workbook;

pub use columns::{ColumnMap, FIELD_COUNT, Field, Mapping, UnitHint};
pub use reader::{CatalogueReader, Item, ReaderNotes, ReaderOptions};
pub use suppliers::{SupplierAliases, name_words, same_supplier, supplier_key};

/// One readable data record: the decoded text of each mapped canonical field.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// 1-based position among data records (header excluded).
    pub row: u64,
    /// Physical line where the record starts (1-based, header included).
    pub line: u64,
    /// A product-variant export's row that is not a product (no title, no SKU of its own, e.g.
    /// only an image): the handle of the product it continues.
    pub continuation_of: Option<Box<str>>,
    buf: String,
    spans: [(u32, u32); FIELD_COUNT],
}

impl Record {
    /// The text of a field, or "" when it is absent or empty.
    pub fn get(&self, f: Field) -> &str {
        let (s, e) = self.spans[f.index()];
        &self.buf[s as usize..e as usize]
    }

    /// Builds a record from field values (used by the reader and by tests).
    pub fn new<'a>(row: u64, line: u64, fields: impl IntoIterator<Item = (Field, &'a str)>) -> Record {
        let mut r = Record { row, line, ..Record::default() };
        for (f, v) in fields {
            r.set(f, v);
        }
        r
    }

    /// Resets the record for reuse.
    pub fn clear(&mut self, row: u64, line: u64) {
        self.row = row;
        self.line = line;
        self.continuation_of = None;
        self.buf.clear();
        self.spans = [(0, 0); FIELD_COUNT];
    }

    /// Fills every empty field from `parent` except the variant's own identity (`sku`, `gtin`,
    /// `price`, `url`): a Shopify variant row inherits its product's fields.
    pub fn inherit(&mut self, parent: &Record) {
        for f in Field::ALL {
            if matches!(f, Field::Sku | Field::Gtin | Field::Price | Field::Url) || !self.get(f).is_empty() {
                continue;
            }
            let v = parent.get(f);
            if !v.is_empty() {
                let s = self.buf.len();
                self.buf.push_str(v);
                self.spans[f.index()] = (s as u32, self.buf.len() as u32);
            }
        }
    }

    pub fn set(&mut self, f: Field, v: &str) {
        let s = self.buf.len();
        self.buf.push_str(v.trim());
        self.spans[f.index()] = (s as u32, self.buf.len() as u32);
    }
}

/// A record that could not be read: ragged, undecodable, cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub row: u64,
    pub line: u64,
    pub reason: String,
    /// The raw text, as read (decoded lossily for display).
    pub raw: String,
    /// Best-effort identity for audit.csv.
    pub sku: String,
    pub product: String,
}
