//! The suppliers' action lists (`by-supplier/<supplier>.csv`), streamed: the rows of each
//! supplier are kept in memory per supplier and, once all of them together pass a bound, spilled
//! to one anonymous temporary file per supplier, so a large catalogue's lists are complete
//! without holding them all (a spill file is this sink's own scratch, copied, never parsed). At
//! the end each list is copied behind its header. A [`Sink`] of the rows encoded on the pool.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::report::atomic::AtomicFile;
use crate::report::csv::{self as rcsv, SUPPLIER_HEADER};
use crate::report::sink::{Batch, End, Sink};
use crate::results::AuditRow;

/// Bytes held in memory, all suppliers together, before they are spilled to files.
const MEMORY_BOUND: usize = 8 << 20;

/// One supplier's rows: what is still in memory, and its spill file once it has one.
#[derive(Default)]
struct List {
    buf: Vec<u8>,
    file: Option<File>,
    rows: u64,
}

/// The action lists of one catalogue's suppliers.
pub(super) struct SupplierSpool {
    /// Where spill files are created (the catalogue's output folder).
    dir: PathBuf,
    lists: BTreeMap<String, List>,
    buffered: usize,
    bound: usize,
    /// Start each list with a UTF-8 byte-order mark (`--csv-bom`).
    bom: bool,
}

impl SupplierSpool {
    pub(super) fn new(dir: &Path, bom: bool) -> SupplierSpool {
        SupplierSpool { dir: dir.to_path_buf(), lists: BTreeMap::new(), buffered: 0, bound: MEMORY_BOUND, bom }
    }

    /// Appends `rows` (`n` CSV rows) to `supplier`'s list.
    pub(super) fn append(&mut self, supplier: &str, rows: &[u8], n: u64) -> Result<(), Error> {
        if !self.lists.contains_key(supplier) {
            self.lists.insert(supplier.to_string(), List::default());
        }
        if let Some(list) = self.lists.get_mut(supplier) {
            list.buf.extend_from_slice(rows);
            list.rows += n;
        }
        self.buffered += rows.len();
        if self.buffered > self.bound { self.spill() } else { Ok(()) }
    }

    /// Writes every list held in memory to its supplier's file.
    fn spill(&mut self) -> Result<(), Error> {
        for list in self.lists.values_mut().filter(|l| !l.buf.is_empty()) {
            if list.file.is_none() {
                let f = tempfile::tempfile_in(&self.dir).map_err(|e| Error::io(&self.dir, "cannot create a temporary file", e))?;
                list.file = Some(f);
            }
            if let Some(f) = list.file.as_mut() {
                f.write_all(&list.buf).map_err(|e| Error::io(&self.dir, "cannot write a temporary file", e))?;
            }
            list.buf.clear();
        }
        self.buffered = 0;
        Ok(())
    }

    /// How many rows `supplier`'s list holds.
    #[cfg(test)]
    fn rows(&self, supplier: &str) -> u64 {
        self.lists.get(supplier).map_or(0, |l| l.rows)
    }

    /// Writes `supplier`'s list, header first (a header only when it has no row), to `dest`.
    fn write_list(&mut self, supplier: &str, dest: &Path) -> Result<(), Error> {
        let bom = self.bom;
        let mut out = AtomicFile::create(dest)?;
        let werr = |e: std::io::Error| Error::io(dest, "cannot write", e);
        if bom {
            out.write_all(rcsv::BOM).map_err(werr)?;
        }
        {
            let mut w = rcsv::csv_writer(&mut out);
            rcsv::write_header(&mut w, &SUPPLIER_HEADER, false).map_err(|e| werr(e.into()))?;
            w.flush().map_err(werr)?;
        }
        if let Some(list) = self.lists.remove(supplier) {
            if let Some(mut f) = list.file {
                f.seek(SeekFrom::Start(0)).map_err(|e| Error::io(&self.dir, "cannot read back a temporary file", e))?;
                std::io::copy(&mut f, &mut out).map_err(werr)?;
            }
            out.write_all(&list.buf).map_err(werr)?;
        }
        out.commit()
    }
}

impl Sink for SupplierSpool {
    /// Its rows come encoded with the batch ([`Sink::batch`]).
    fn row(&mut self, _: &AuditRow) -> Result<(), Error> {
        Ok(())
    }

    fn batch(&mut self, batch: &Batch<'_>) -> Result<(), Error> {
        for (supplier, rows, n) in &batch.csv.supplier_rows {
            self.append(supplier, rows, *n)?;
        }
        Ok(())
    }

    /// Writes the list of every supplier with audited products ([`End::supplier_lists`]).
    fn finish(mut self: Box<Self>, end: &End<'_>) -> Result<(), Error> {
        for (supplier, dest) in end.supplier_lists {
            self.write_list(supplier, dest)?;
        }
        Ok(())
    }

    fn wants_rows(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_complete_and_in_order_across_spills() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", "cannot create", e))?;
        let mut spool = SupplierSpool::new(dir.path(), false);
        spool.bound = 10; // spill almost every time
        for i in 0..50 {
            let supplier = if i % 3 == 0 { "Acme" } else { "Beta" };
            spool.append(supplier, format!("{i},x\n").as_bytes(), 1)?;
        }
        assert_eq!((spool.rows("Acme"), spool.rows("Beta"), spool.rows("Gamma")), (17, 33, 0));
        for name in ["Acme", "Beta", "Gamma"] {
            spool.write_list(name, &dir.path().join(format!("{name}.csv")))?;
        }
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap_or_default();
        let acme: Vec<String> = read("Acme.csv").lines().map(str::to_string).collect();
        assert_eq!(acme[0], SUPPLIER_HEADER.join(","));
        let want: Vec<String> = (0..50).filter(|i| i % 3 == 0).map(|i| format!("{i},x")).collect();
        assert_eq!(acme[1..], want[..]);
        assert_eq!(read("Beta.csv").lines().count(), 34);
        assert_eq!(read("Gamma.csv").lines().count(), 1, "a supplier with nothing to change gets the header");
        Ok(())
    }
}
