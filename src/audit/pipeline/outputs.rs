//! The CSV sink: audit.csv, findings.csv, rejected.csv and the keys file, appended batch by batch
//! from the rows encoded on the pool, in temporary files renamed into place when the run ends.

use std::io::Write;
use std::path::Path;

use crate::audit::baseline::KEYS_FILE;
use crate::error::Error;
use crate::report::atomic::AtomicFile;
use crate::report::csv as rcsv;
use crate::report::sink::{Batch, End, Sink};
use crate::results::AuditRow;

/// The four temporary CSV files of one catalogue.
pub(super) struct CsvOutputs {
    pub(super) audit: AtomicFile,
    pub(super) findings: AtomicFile,
    pub(super) rejected: AtomicFile,
    keys: AtomicFile,
}

impl CsvOutputs {
    /// Creates `out_dir` and the files with their header rows; `with_change` adds audit.csv's
    /// `change` column (with a baseline); `bom` starts
    /// the three report CSVs with a UTF-8 byte-order mark (`--csv-bom`, SPEC §9). The hidden keys
    /// file is only read by the tool itself and never gets one.
    pub(super) fn create(out_dir: &Path, with_change: bool, bom: bool) -> Result<CsvOutputs, Error> {
        std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, "cannot create the output folder", e))?;
        let mut audit = AtomicFile::create(&out_dir.join("audit.csv"))?;
        let mut findings = AtomicFile::create(&out_dir.join("findings.csv"))?;
        let mut rejected = AtomicFile::create(&out_dir.join("rejected.csv"))?;
        for (w, h, ch) in [
            (&mut audit, &rcsv::AUDIT_HEADER[..], with_change),
            (&mut findings, &rcsv::FINDINGS_HEADER[..], false),
            (&mut rejected, &rcsv::REJECTED_HEADER[..], false),
        ] {
            let dest = w.dest().to_path_buf();
            if bom {
                w.write_all(rcsv::BOM).map_err(|e| Error::io(&dest, "cannot write", e))?;
            }
            let mut cw = rcsv::csv_writer(&mut *w);
            rcsv::write_header(&mut cw, h, ch).map_err(|e| Error::io(&dest, "cannot write", e.into()))?;
            cw.flush().map_err(|e| Error::io(&dest, "cannot write", e))?;
        }
        let mut keys = AtomicFile::create(&out_dir.join(KEYS_FILE))?;
        keys.write_all(b"row,gtin\n").map_err(|e| Error::io(keys.dest(), "cannot write", e))?;
        Ok(CsvOutputs { audit, findings, rejected, keys })
    }

    /// Appends one assessed batch's rows.
    pub(super) fn append(&mut self, c: &rcsv::Encoded) -> Result<(), Error> {
        for (file, bytes) in
            [(&mut self.audit, &c.audit), (&mut self.findings, &c.findings), (&mut self.rejected, &c.rejected), (&mut self.keys, &c.keys)]
        {
            file.write_all(bytes).map_err(|e| Error::io(file.dest(), "cannot write", e))?;
        }
        Ok(())
    }

    /// Renames every file into place.
    pub(super) fn commit(self) -> Result<(), Error> {
        self.audit.commit()?;
        self.findings.commit()?;
        self.rejected.commit()?;
        self.keys.commit()
    }
}

impl Sink for CsvOutputs {
    /// Its rows come encoded with the batch ([`Sink::batch`]).
    fn row(&mut self, _: &AuditRow) -> Result<(), Error> {
        Ok(())
    }

    fn batch(&mut self, batch: &Batch<'_>) -> Result<(), Error> {
        self.append(batch.csv)
    }

    fn finish(self: Box<Self>, _: &End<'_>) -> Result<(), Error> {
        self.commit()
    }

    fn wants_rows(&self) -> bool {
        false
    }
}
