//! A catalogue's whole report folder, staged then put in place (SPEC §5): every file of a run is
//! written into a temporary folder beside the old one (`OUT/.k2d3-<pid>-<random>.stage`), and the
//! finished folder takes the old one's place in one step (Linux `renameat2(RENAME_EXCHANGE)`), so
//! a crash, a full disk or one unwritable file leaves the complete previous folder or the complete
//! new one, never a mix of two runs nor files of an older run that this run did not write.
//!
//! Every temporary this tool leaves in `--out` is named `.k2d3-<pid>-…`: a later run removes the
//! ones whose process is no longer running ([`remove_leftovers`]), and leaves alone those of a run
//! still at work, so that two runs into the same `--out` both finish.

use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::error::Error;

/// What every temporary name of this tool in `--out` starts with.
const PREFIX: &str = ".k2d3-";
/// The old folder moved aside when the platform cannot exchange two folders in one step.
const OLD_SUFFIX: &str = ".old";
/// Beside an `.old` folder: the name of the folder it came from, to put it back.
const TARGET_SUFFIX: &str = ".target";

/// The prefix of this process's temporaries: `.k2d3-<pid>-`.
pub fn temp_prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// A catalogue's folder being built. Dropped without [`StagedFolder::commit`] (a failed run), it
/// removes everything it holds and the previous folder stays as it was.
#[derive(Debug)]
pub struct StagedFolder {
    dest: PathBuf,
    stage: TempDir,
}

impl StagedFolder {
    /// Starts the folder that will become `dest`. A file (not a folder) at `dest` is an error
    /// and is left untouched.
    pub fn begin(dest: &Path) -> Result<StagedFolder, Error> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create the output folder", e))?;
        if let Ok(m) = std::fs::symlink_metadata(dest)
            && !m.is_dir()
        {
            return Err(not_a_folder(dest));
        }
        let stage = tempfile::Builder::new()
            .prefix(&temp_prefix())
            .suffix(".stage")
            .tempdir_in(parent)
            .map_err(|e| Error::io(dest, "cannot create the report folder", e))?;
        Ok(StagedFolder { dest: dest.to_path_buf(), stage })
    }

    /// Where the files are written until [`StagedFolder::commit`].
    pub fn path(&self) -> &Path {
        self.stage.path()
    }

    /// An error about a file in the stage, told with the file's final path (`OUT/<stem>/audit.csv`,
    /// not the temporary folder's name); the system's reason is kept.
    pub fn explain(&self, e: Error) -> Error {
        match e {
            Error::Io { path, action, source } => {
                let path = match path.strip_prefix(self.stage.path()) {
                    // A temporary file inside the stage (`.k2d3-…tmp`) is the folder's business.
                    Ok(rel) if rel.to_string_lossy().starts_with(PREFIX) => self.dest.clone(),
                    Ok(rel) => self.dest.join(rel),
                    Err(_) => path,
                };
                Error::Io { path, action, source: without_path(source) }
            }
            other => other,
        }
    }

    /// Puts the finished folder in place of the old one (if any) and removes the old one.
    pub fn commit(self) -> Result<(), Error> {
        let StagedFolder { dest, stage } = self;
        // A file put where the folder goes while the reports were written is not swapped away.
        if std::fs::symlink_metadata(&dest).is_ok_and(|m| !m.is_dir()) {
            return Err(not_a_folder(&dest));
        }
        if let Ok(d) = std::fs::File::open(stage.path()) {
            d.sync_all().ok();
        }
        place(stage.path(), &dest).map_err(|e| {
            if e.kind() == io::ErrorKind::NotADirectory {
                not_a_folder(&dest)
            } else {
                Error::io(&dest, "cannot put the report folder in place", e)
            }
        })?;
        // After the exchange the stage's name holds the previous folder (or nothing).
        let _ = stage.close();
        Ok(())
    }
}

/// The system's reason alone: tempfile's errors append the temporary file's path ("No space left
/// on device (os error 28) at path \"…/.k2d3-…tmp\""), which means nothing to the user.
fn without_path(e: io::Error) -> io::Error {
    if e.raw_os_error().is_some() || e.get_ref().is_none() {
        return e;
    }
    let text = e.to_string();
    match text.split_once(" at path \"") {
        Some((reason, _)) => io::Error::new(e.kind(), reason.to_string()),
        None => e,
    }
}

fn not_a_folder(dest: &Path) -> Error {
    Error::Catalogue {
        path: dest.display().to_string(),
        message: "is a file, not a folder: the catalogue's reports go here; move the file away or choose another --out".into(),
    }
}

/// Moves `stage` to `dest`: exchanged with the old folder when there is one, renamed when not.
/// Another run may create `dest` meanwhile, so it tries again a few times.
fn place(stage: &Path, dest: &Path) -> io::Result<()> {
    let mut last = io::Error::other("the folder kept changing");
    for _ in 0..8 {
        match exchange(stage, dest) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => match std::fs::rename(stage, dest) {
                Ok(()) => return Ok(()),
                Err(e) if matches!(e.kind(), io::ErrorKind::AlreadyExists | io::ErrorKind::DirectoryNotEmpty) => last = e,
                Err(e) => return Err(e),
            },
            Err(e) if e.kind() == io::ErrorKind::Unsupported || e.raw_os_error() == Some(EINVAL) => return two_renames(stage, dest),
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

#[cfg(target_os = "linux")]
const EINVAL: i32 = libc::EINVAL;
#[cfg(not(target_os = "linux"))]
const EINVAL: i32 = 22;

/// Swaps two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are NUL-terminated strings that live across the call.
    let rc = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    if rc == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::ENOSYS) { Err(io::Error::from(io::ErrorKind::Unsupported)) } else { Err(e) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, b: &Path) -> io::Result<()> {
    if b.exists() { Err(io::Error::from(io::ErrorKind::Unsupported)) } else { Err(io::Error::from(io::ErrorKind::NotFound)) }
}

/// Where there is no exchange: the old folder is renamed aside (its name noted beside it), the
/// new one put in place, the old one removed. A crash between the two renames leaves the old
/// folder under its temporary name, and [`remove_leftovers`] puts it back.
fn two_renames(stage: &Path, dest: &Path) -> io::Result<()> {
    let parent = stage.parent().unwrap_or(Path::new("."));
    let name = dest.file_name().ok_or_else(|| io::Error::other("the report folder has no name"))?;
    let old = tempfile::Builder::new().prefix(&temp_prefix()).suffix(OLD_SUFFIX).tempdir_in(parent)?.keep();
    let target = with_suffix(&old, TARGET_SUFFIX);
    std::fs::write(&target, name.as_encoded_bytes())?;
    std::fs::rename(dest, &old)?;
    std::fs::rename(stage, dest)?;
    let _ = std::fs::remove_dir_all(&old);
    let _ = std::fs::remove_file(&target);
    Ok(())
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Removes the temporaries that runs no longer running left in `out` (staged folders, spooled
/// standard input, a folder moved aside); a folder moved aside whose place is empty is put back.
/// Returns how many entries it cleared. Entries of running processes are left alone.
pub fn remove_leftovers(out: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(out) else { return 0 };
    let mut names: Vec<String> = entries.filter_map(|e| e.ok()).filter_map(|e| e.file_name().into_string().ok()).collect();
    // `.old` folders before their `.target` notes.
    names.sort();
    let mut cleared = 0;
    for name in names {
        let Some(pid) = leftover_pid(&name) else { continue };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        let path = out.join(&name);
        if std::fs::symlink_metadata(&path).is_err() {
            // A `.target` note already cleared with its folder.
            continue;
        }
        if name.ends_with(OLD_SUFFIX) {
            restore_or_remove(out, &path);
        } else if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
        cleared += 1;
    }
    cleared
}

/// A folder moved aside by a run that died between its two renames.
fn restore_or_remove(out: &Path, old: &Path) {
    let target = with_suffix(old, TARGET_SUFFIX);
    let dest = std::fs::read(&target).ok().and_then(|b| String::from_utf8(b).ok()).map(|n| out.join(n));
    match dest {
        Some(d) if dest_is_child(out, &d) && !d.exists() => {
            let _ = std::fs::rename(old, &d);
        }
        _ => {
            let _ = std::fs::remove_dir_all(old);
        }
    }
    let _ = std::fs::remove_file(&target);
}

/// The target named a folder directly inside `out` (not `..`, not a path).
fn dest_is_child(out: &Path, d: &Path) -> bool {
    d.parent() == Some(out) && d.file_name().is_some_and(|n| n != ".." && n != ".")
}

/// The pid in a temporary's name `.k2d3-<pid>-…`, if it is one.
fn leftover_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    let (pid, tail) = rest.split_once('-')?;
    if tail.is_empty() {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id exists (a process of another user counts as alive).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_lose_temporary_paths() {
        let tmp = tempfile::tempdir().unwrap();
        // tempfile wraps the system's error with the temporary path.
        let e = tempfile::NamedTempFile::new_in(tmp.path().join("missing")).unwrap_err();
        assert!(e.to_string().contains(" at path "), "{e}");
        let kind = e.kind();
        let clean = without_path(e);
        assert_eq!(clean.kind(), kind);
        assert!(clean.to_string().starts_with("No such file or directory") && !clean.to_string().contains("at path"), "{clean}");
        let raw = without_path(io::Error::from_raw_os_error(28));
        assert_eq!(raw.to_string(), "No space left on device (os error 28)");
    }

    #[test]
    fn leftover_names() {
        let cases: &[(&str, &str, Option<u32>)] = &[
            ("staged folder", ".k2d3-4242-Ab12cd.stage", Some(4242)),
            ("spooled stdin", ".k2d3-7-xyZ.stdin", Some(7)),
            ("old folder", ".k2d3-99-q1.old", Some(99)),
            ("the keys file", ".k2d3-keys.csv", None),
            ("a catalogue folder", "retailer-a", None),
            ("no tail", ".k2d3-12-", None),
            ("older temp file without pid", ".k2d3-a1b2c3.tmp", None),
        ];
        for (name, input, want) in cases {
            assert_eq!(leftover_pid(input), *want, "{name}");
        }
    }

    #[test]
    fn a_failed_stage_leaves_the_old_folder_and_no_temporaries() {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("cat");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("audit.csv"), "old").unwrap();
        let staged = StagedFolder::begin(&dest).unwrap();
        std::fs::write(staged.path().join("audit.csv"), "new").unwrap();
        drop(staged);
        assert_eq!(std::fs::read_to_string(dest.join("audit.csv")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }

    #[test]
    fn commit_replaces_the_whole_folder() {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("cat");
        std::fs::create_dir_all(dest.join("by-supplier")).unwrap();
        std::fs::write(dest.join("report.pdf"), "old").unwrap();
        let staged = StagedFolder::begin(&dest).unwrap();
        std::fs::write(staged.path().join("audit.csv"), "new").unwrap();
        staged.commit().unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&dest).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["audit.csv"]);
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }

    #[test]
    fn two_renames_put_the_folder_in_place() {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("cat");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("old.csv"), "old").unwrap();
        let stage = out.path().join(".k2d3-1-x.stage");
        std::fs::create_dir(&stage).unwrap();
        std::fs::write(stage.join("audit.csv"), "new").unwrap();
        two_renames(&stage, &dest).unwrap();
        assert!(dest.join("audit.csv").is_file() && !dest.join("old.csv").exists());
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_left_aside_by_a_dead_run_is_put_back() {
        let out = tempfile::tempdir().unwrap();
        // pid 0x7fff_fff0 is above pid_max: no such process.
        let old = out.path().join(".k2d3-2147483632-ab.old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("audit.csv"), "old").unwrap();
        std::fs::write(with_suffix(&old, TARGET_SUFFIX), "cat").unwrap();
        let stale = out.path().join(".k2d3-2147483632-cd.stage");
        std::fs::create_dir(&stale).unwrap();
        let mine = out.path().join(format!("{}live.stage", temp_prefix()));
        std::fs::create_dir(&mine).unwrap();
        assert_eq!(remove_leftovers(out.path()), 2);
        assert_eq!(std::fs::read_to_string(out.path().join("cat/audit.csv")).unwrap(), "old");
        assert!(!stale.exists() && !old.exists());
        assert!(mine.exists(), "a running process's stage stays");
    }

    #[test]
    fn a_file_where_the_folder_goes_is_refused_and_kept() {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("cat");
        std::fs::write(&dest, "mine").unwrap();
        let e = StagedFolder::begin(&dest).unwrap_err();
        assert!(e.to_string().contains("is a file, not a folder"), "{e}");
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "mine");
    }
}
