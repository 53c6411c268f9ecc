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
    w: BufWriter<Flushing>,
}

/// The temporary file, which starts writing its data to disk as it grows: the `fdatasync` at
/// [`AtomicFile::commit`] then waits only for the last few megabytes instead of the whole file
/// (half a second for a 300 MB audit.csv, at the end of the run when nothing else is left to do).
struct Flushing {
    tmp: NamedTempFile,
    /// Bytes handed to the kernel, and how many of them were sent on to the disk.
    written: u64,
    started: u64,
}

/// How much written data starts on its way to disk at once.
const FLUSH_EVERY: u64 = 8 << 20;

impl Write for Flushing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.tmp.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= FLUSH_EVERY {
            start_writeback(&self.tmp, self.started, self.written - self.started);
            self.started = self.written;
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Asks the kernel to start writing a range of the file to disk, without waiting for it. Only a
/// head start for the final `fdatasync`, so a failure is of no consequence.
#[cfg(target_os = "linux")]
fn start_writeback(tmp: &NamedTempFile, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else { return };
    // SAFETY: the descriptor is the open temporary file's; sync_file_range reads no memory.
    unsafe {
        libc::sync_file_range(tmp.as_file().as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_: &NamedTempFile, _: u64, _: u64) {}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile, Error> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        let tmp = builder().tempfile_in(dir).map_err(|e| Error::io(dest, "cannot create a report file", e))?;
        Ok(AtomicFile { dest: dest.to_path_buf(), w: BufWriter::with_capacity(256 * 1024, Flushing { tmp, written: 0, started: 0 }) })
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flushes and renames into place.
    pub fn commit(self) -> Result<(), Error> {
        let dest = self.dest.clone();
        let action = "cannot write the report file";
        let tmp = self.w.into_inner().map_err(|e| Error::io(&dest, action, e.into_error()))?.tmp;
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
    // The probe's name carries this process's id, so that the probe of a run killed right here
    // is a leftover the next run removes (`folder::remove_leftovers`).
    tempfile::Builder::new()
        .prefix(&super::folder::temp_prefix())
        .suffix(".tmp")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| Error::io(dir, "the output folder is not writable", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_bigger_than_the_writeback_step_is_committed_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dest = dir.path().join("big.csv");
        let mut f = AtomicFile::create(&dest).expect("create");
        // Rows of changing content, past two writeback steps and not a multiple of the buffer.
        let mut want = Vec::new();
        let mut i = 0u64;
        while want.len() < 2 * FLUSH_EVERY as usize + 12_345 {
            want.extend_from_slice(format!("{i},row {i},µg\n").as_bytes());
            i += 1;
        }
        for part in want.chunks(70_001) {
            f.write_all(part).expect("write");
        }
        f.commit().expect("commit");
        assert!(std::fs::read(&dest).expect("read") == want, "the committed file differs from what was written");
    }
}
