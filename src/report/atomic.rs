//! Atomic placement: every report file is written under a temporary name in its folder and
//! renamed into place, so a crash or Ctrl-C never leaves a half-written report under its final
//! name, and a killed run leaves the previous report intact.

use std::fs::Permissions;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Error;

fn builder() -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(".k2d3-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = Permissions::clone;
    b
}

/// A report file being written.
pub struct AtomicFile {
    dest: PathBuf,
    w: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile, Error> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        let tmp = builder().tempfile_in(dir).map_err(|e| Error::io(dest, "cannot create a report file", e))?;
        Ok(AtomicFile { dest: dest.to_path_buf(), w: BufWriter::with_capacity(256 * 1024, tmp) })
    }

    /// Flushes and returns the temporary file's path, to read back what was written.
    pub fn written_path(&mut self) -> Result<PathBuf, Error> {
        self.w.flush().map_err(|e| Error::io(&self.dest, "cannot write", e))?;
        Ok(self.w.get_ref().path().to_path_buf())
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flushes and renames into place.
    pub fn commit(self) -> Result<(), Error> {
        let dest = self.dest.clone();
        let action = "cannot write the report file";
        let tmp = self.w.into_inner().map_err(|e| Error::io(&dest, action, e.into_error()))?;
        tmp.as_file().sync_data().ok();
        tmp.persist(&dest).map_err(|e| Error::io(&dest, action, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Writes a whole file atomically.
pub fn write_file(dest: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut f = AtomicFile::create(dest)?;
    f.write_all(bytes).map_err(|e| Error::io(dest, "cannot write", e))?;
    f.commit()
}

/// Checks that a folder can be created and written to, before any work is done.
pub fn check_writable(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create the output folder", e))?;
    builder().tempfile_in(dir).map(drop).map_err(|e| Error::io(dir, "the output folder is not writable", e))
}
