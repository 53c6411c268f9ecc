//! Report folders that never lie (SPEC §5): a catalogue's folder is wholly the previous run's or
//! wholly the new run's, whatever happens to the run; names stay inside --out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;

/// A catalogue of `n` products in the shape of a retailer's export, each with its own SKU.
fn catalogue(n: usize, tag: &str) -> Vec<u8> {
    let mut s =
        String::from("SKU,Product Name,Brand,Supplier,Vitamin D (IU),Vitamin D Form,Vitamin K2 (mcg),K2 Form,Dosage Form,Warnings\n");
    for i in 0..n {
        let k2 = [45, 100, 200][i % 3];
        s.push_str(&format!(
            "{tag}-{i},\"Vitamin D3 5000 IU + K2 {k2} mcg, 60 softgels\",Brand{},Supplier {},5000,D3,{k2},MK-7,Softgel,Consult your doctor if you take anticoagulants\n",
            i % 7,
            i % 5
        ));
    }
    s.into_bytes()
}

/// Every file under `dir` (relative path -> bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

/// Puts `dir` back as `files` ([`snapshot`]) has it.
fn restore(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    let _ = std::fs::remove_dir_all(dir);
    for (rel, bytes) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn temporaries(out: &Path) -> Vec<String> {
    names(out).into_iter().filter(|n| n.starts_with(".k2d3-")).collect()
}

/// Products in the catalogue of the killed runs: a run of about a second in debug, long enough
/// for the test to see each stage of it (the kills wait for what the run has written, not for a
/// guessed time, so the size only has to make the stages last a few milliseconds).
const NEW_ROWS: usize = 1_000;

/// The moments a run is killed at, each seen in `--out` as the run gets there.
const KILL_MOMENTS: [(&str, Moment); 5] = [
    ("at once", |_| true),
    // Rows are streaming into the staged folder's files.
    ("while rows stream", |s| s.stage_bytes > 32 * 1024),
    // The whole-catalogue reports are written; the per-row outputs are being finished.
    ("while the reports are finished", |s| s.stage_files.iter().any(|f| f == "report.pdf")),
    // The last output is in place in the staged folder: syncing, then the exchange.
    ("just before the exchange", |s| s.stage_files.iter().any(|f| f == "report.html")),
    // The exchange happened (the old folder had no PDF): the old folder is being removed.
    ("just after the exchange", |s| s.placed),
];

/// What the test sees of a running run.
struct Seen {
    /// Bytes in the run's staged folder (its top level).
    stage_bytes: u64,
    /// File names in the run's staged folder.
    stage_files: Vec<String>,
    /// The catalogue's folder is the new one.
    placed: bool,
}

type Moment = fn(&Seen) -> bool;

/// The state of the run with process id `pid` writing into `out`.
fn seen(out: &Path, pid: u32) -> Seen {
    let prefix = format!(".k2d3-{pid}-");
    let stage = std::fs::read_dir(out).into_iter().flatten().filter_map(|e| e.ok()).find(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        n.starts_with(&prefix) && n.ends_with(".stage")
    });
    let (mut stage_bytes, mut stage_files) = (0, Vec::new());
    if let Some(stage) = stage {
        for e in std::fs::read_dir(stage.path()).into_iter().flatten().filter_map(|e| e.ok()) {
            stage_bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            stage_files.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    Seen { stage_bytes, stage_files, placed: out.join("shop/report.pdf").exists() }
}

#[test]
fn a_killed_run_leaves_the_whole_old_folder_or_the_whole_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let cat = dir.path().join("shop.csv");
    std::fs::write(&cat, catalogue(300, "OLD")).unwrap();
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let old = snapshot(&out.join("shop"));
    std::fs::write(&cat, catalogue(NEW_ROWS, "NEW")).unwrap();
    let args = ["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--fail-on", "never", "--split-by", "supplier"];
    let (mut seen_old, mut seen_new) = (0, 0);
    // Each run is killed (SIGKILL) as soon as the test sees it reach its moment; the test polls
    // `--out` every fraction of a millisecond, so the kill lands at that stage or a little after.
    for (moment, reached) in KILL_MOMENTS {
        // Every run starts from the old folder, whatever the run before it left.
        restore(&out.join("shop"), &old);
        let mut child = bin().args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
        let started = std::time::Instant::now();
        while !reached(&seen(&out, child.id())) && child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out.join("shop"));
        if now == old {
            eprintln!("killed {moment}: the old folder");
            seen_old += 1;
            continue;
        }
        eprintln!("killed {moment}: the new folder");
        // Not the old folder: then the whole new one, every report present and consistent.
        let files: Vec<String> = now.keys().map(|p| p.display().to_string()).collect();
        for f in ["audit.csv", "findings.csv", "rejected.csv", "summary.json", "report.pdf", "audit.xlsx", "report.html", ".k2d3-keys.csv"]
        {
            assert!(files.contains(&f.to_string()), "killed {moment}: {f} missing from {files:?}");
        }
        assert!(files.iter().any(|f| f.starts_with("by-supplier/")), "killed {moment}: {files:?}");
        let audit = String::from_utf8_lossy(&now[Path::new("audit.csv")]).into_owned();
        assert_eq!(audit.lines().count(), NEW_ROWS + 1, "killed {moment}: a cut audit.csv");
        assert!(!audit.contains("OLD-"), "killed {moment}: rows of the old run");
        seen_new += 1;
    }
    eprintln!("killed runs: {seen_old} left the old folder, {seen_new} the new one");
    assert!(seen_old > 0, "no kill came early enough to test the old folder");
    assert!(seen_new > 0, "no kill came after the exchange");
    // A complete run removes what the killed runs left, and ends with the new folder.
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(temporaries(&out), Vec::<String>::new());
    assert_eq!(read_csv(&out.join("shop/audit.csv")).rows.len(), NEW_ROWS);
}

#[test]
fn a_rerun_with_fewer_outputs_leaves_no_older_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let cat = write_catalogue(dir.path(), "shop.csv", &catalogue(20, "A"));
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--split-by", "supplier"]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert!(out.join("shop/by-supplier").is_dir() && out.join("shop/report.pdf").is_file());
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(names(&out.join("shop")), [".k2d3-keys.csv", "audit.csv", "findings.csv", "rejected.csv"]);
    assert_eq!(names(&out), ["shop"]);
}

#[test]
fn leftovers_of_dead_runs_go_and_those_of_running_ones_stay() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A process that is surely dead: a child that has exited and been waited for.
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    // A process that is surely alive: a child still sleeping.
    let mut alive = std::process::Command::new("sleep").arg("30").spawn().unwrap();
    let alive_pid = alive.id();
    let stale = out.join(format!(".k2d3-{dead_pid}-abc.stage"));
    std::fs::create_dir_all(stale.join("by-supplier")).unwrap();
    std::fs::write(stale.join("audit.csv"), vec![b'x'; 1 << 20]).unwrap();
    std::fs::write(out.join(format!(".k2d3-{dead_pid}-def.stdin")), "SKU\nA\n").unwrap();
    let busy = out.join(format!(".k2d3-{alive_pid}-ghi.stage"));
    std::fs::create_dir(&busy).unwrap();
    let cat = write_catalogue(dir.path(), "shop.csv", &catalogue(5, "A"));
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let _ = alive.kill();
    let _ = alive.wait();
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(temporaries(&out), [format!(".k2d3-{alive_pid}-ghi.stage")]);
}

#[test]
fn two_runs_into_the_same_out_both_finish_with_whole_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let a = write_catalogue(dir.path(), "shop.csv", &catalogue(3000, "A"));
    let args = ["audit", a.to_str().unwrap(), "--out", out.to_str().unwrap(), "--fail-on", "never"];
    for _ in 0..3 {
        let children: Vec<_> = (0..2).map(|_| bin().args(args).output_async()).collect();
        for c in children {
            let o = c.join().unwrap();
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        assert_eq!(read_csv(&out.join("shop/audit.csv")).rows.len(), 3000);
        assert!(out.join("shop/report.pdf").is_file() && out.join("shop/summary.json").is_file());
        assert_eq!(temporaries(&out), Vec::<String>::new());
    }
}

/// Runs a command on its own thread.
trait OutputAsync {
    fn output_async(self) -> std::thread::JoinHandle<std::process::Output>;
}

impl OutputAsync for &mut std::process::Command {
    fn output_async(self) -> std::thread::JoinHandle<std::process::Output> {
        let mut child = self.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        std::thread::spawn(move || {
            let _ = &mut child;
            child.wait_with_output().unwrap()
        })
    }
}

#[test]
fn a_file_where_the_folder_goes_is_exit_2_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("shop"), "my notes").unwrap();
    let cat = write_catalogue(dir.path(), "shop.csv", &catalogue(5, "A"));
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a file, not a folder"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("shop")).unwrap(), "my notes");
    assert_eq!(names(&out), ["shop"]);
}

#[test]
fn stdin_copy_lives_in_out_and_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = bin()
        .args(["audit", "-", "--out", out.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&catalogue(10, "S")).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(names(&out), ["stdin"]);
}

#[test]
fn catalogue_names_made_of_dots_stay_inside_out() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let out = dir.path().join("root/out");
    let three = write_catalogue(&inputs, "...csv", &catalogue(3, "A"));
    let two = write_catalogue(&inputs, "..csv", &catalogue(3, "B"));
    let o = run(&["audit", three.to_str().unwrap(), two.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(names(&dir.path().join("root")), ["out"], "nothing written beside --out");
    assert_eq!(names(&out), ["catalogue", "catalogue-2"]);
    for d in ["catalogue", "catalogue-2"] {
        assert_eq!(read_csv(&out.join(d).join("audit.csv")).rows.len(), 3);
    }
}

#[test]
fn long_supplier_names_keep_the_csv_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // 80 four-byte letters, then the same with a different 81st letter, and the same in upper case.
    let long = "𝒜".repeat(80);
    let mut s = String::from("SKU,Product Name,Supplier,Vitamin D (IU),Vitamin D Form\n");
    for (i, sup) in [format!("{long}b"), format!("{long}c"), "Shop".into(), "SHOP".into(), ".hidden".into()].iter().enumerate() {
        s.push_str(&format!("S{i},Vitamin D3 1000 IU,{sup},1000,D3\n"));
    }
    let cat = write_catalogue(dir.path(), "shop.csv", s.as_bytes());
    let o = run(&["audit", cat.to_str().unwrap(), "--out", out.to_str().unwrap(), "--split-by", "supplier"]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("shop/audit.csv")).rows.len(), 5);
    // A review PDF and its action-list CSV for each of the four suppliers (`Shop` and `SHOP` are
    // one supplier, SPEC §10).
    let files = names(&out.join("shop/by-supplier"));
    assert_eq!(files.len(), 8, "{files:?}");
    let lower: std::collections::HashSet<String> = files.iter().map(|f| f.to_lowercase()).collect();
    assert_eq!(lower.len(), 8, "unique ignoring case: {files:?}");
    for f in &files {
        assert!(f.len() <= 200 && !f.starts_with('.'), "{f}");
    }
}

#[test]
fn a_full_disk_names_the_catalogue_and_the_report_and_keeps_the_old_folder() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    std::fs::create_dir(&first).unwrap();
    let small = write_catalogue(&first, "shop.csv", &catalogue(2, "B"));
    let big = write_catalogue(dir.path(), "shop.csv", &catalogue(3000, "A"));
    let disk = SmallDisk::new(dir.path());
    // A first, small run fits; a second run of a bigger catalogue into the same folder does not.
    let o = disk.run(&["audit", small.to_str().unwrap(), "--out", disk.out.to_str().unwrap(), "--format", "csv", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = snapshot(&disk.out.join("shop"));
    let o = disk.run(&["audit", big.to_str().unwrap(), "--out", disk.out.to_str().unwrap(), "--fail-on", "never"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("(reports of {})", big.display())), "names the catalogue: {err}");
    assert!(err.contains(&format!("{}", disk.out.join("shop").display())), "names the report folder: {err}");
    assert!(!err.contains(".k2d3-"), "no temporary path: {err}");
    assert!(err.contains(disk.reason), "keeps the system's reason: {err}");
    assert_eq!(snapshot(&disk.out.join("shop")), before, "the old folder is untouched");
    assert_eq!(temporaries(&disk.out), Vec::<String>::new(), "the failed run removed its temporaries");
}

/// Where writes fail once about 200 KiB are written: a 200 KiB tmpfs when running as root;
/// otherwise a file-size limit (RLIMIT_FSIZE, set in the child, SIGXFSZ ignored) so that the
/// write fails the same way, with "File too large".
struct SmallDisk {
    out: PathBuf,
    mount: Option<PathBuf>,
    reason: &'static str,
}

impl SmallDisk {
    fn new(base: &Path) -> SmallDisk {
        let mnt = base.join("small");
        std::fs::create_dir(&mnt).unwrap();
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            let ok = std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=200k", "tmpfs", mnt.to_str().unwrap()])
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "running as root, but mounting a tmpfs failed");
            return SmallDisk { out: mnt.join("out"), mount: Some(mnt), reason: "No space left on device" };
        }
        SmallDisk { out: mnt.join("out"), mount: None, reason: "File too large" }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut c = bin();
        c.args(args);
        if self.mount.is_none() {
            use std::os::unix::process::CommandExt;
            // SAFETY: only async-signal-safe calls between fork and exec.
            unsafe {
                c.pre_exec(|| {
                    let lim = libc::rlimit { rlim_cur: 200 * 1024, rlim_max: 200 * 1024 };
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        c.output().unwrap()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if let Some(m) = &self.mount {
            let _ = std::process::Command::new("umount").arg(m).status();
        }
    }
}
