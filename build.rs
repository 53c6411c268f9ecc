//! Tells `k2d3-audit --version` which commit the binary was built from.
//!
//! Sets `K2D3_BUILD_COMMIT` for the crate: `commit <12 hex digits>, <commit date>` in a git checkout
//! of this repository, the commit recorded by `cargo package` in `.cargo_vcs_info.json` when built
//! from a published package (`cargo install k2d3-audit`), or `built outside a git checkout` when
//! neither says. It never fails the build: no git, no repository and a detached HEAD all work.
//!
//! Cargo reruns this script only when the checked-out commit can have changed (HEAD, the branch's
//! ref, packed-refs), not on every build: a new commit rebuilds the crate once, and nothing else
//! does. Uncommitted changes are not detected (that would mean watching every file).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rustc-env=K2D3_BUILD_COMMIT={}", describe(&manifest_dir));
}

/// What `--version` says after the version number, for the crate in `dir`.
pub fn describe(dir: &Path) -> String {
    from_git(dir).or_else(|| from_vcs_info(dir)).unwrap_or_else(|| "built outside a git checkout: commit unknown".to_string())
}

/// Runs git in `dir`; its trimmed stdout when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The commit checked out in the repository whose top level is this crate's folder (a crate
/// unpacked inside some other repository must not take that repository's commit).
pub fn from_git(dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    watch_head(dir);
    let hash = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
    let date = git(dir, &["log", "-1", "--format=%cs", "HEAD"]);
    Some(match date {
        Some(d) => format!("commit {hash}, {d}"),
        None => format!("commit {hash}"),
    })
}

/// Reruns this script when HEAD moves: HEAD itself (a checkout), the branch's ref (a commit) and
/// packed-refs. Only files that exist are named: cargo reruns on every build for a missing one.
fn watch_head(dir: &Path) {
    let abs = |p: String| -> PathBuf {
        let p = PathBuf::from(p);
        if p.is_absolute() { p } else { dir.join(p) }
    };
    let Some(git_dir) = git(dir, &["rev-parse", "--git-dir"]).map(abs) else { return };
    let common = git(dir, &["rev-parse", "--git-common-dir"]).map(abs).unwrap_or_else(|| git_dir.clone());
    let mut watched = vec![git_dir.join("HEAD"), common.join("packed-refs")];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        let loose = common.join(&branch);
        // A packed branch has no file of its own yet: its folder shows when the first commit adds one.
        watched.push(if loose.is_file() { loose } else { loose.parent().map(Path::to_path_buf).unwrap_or(loose) });
    }
    for p in watched.iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", p.display());
    }
}

/// The commit `cargo package` recorded when the crate was packaged from a git checkout.
pub fn from_vcs_info(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let text = std::fs::read_to_string(path).ok()?;
    // {"git": {"sha1": "<40 hex>", ...}, "path_in_vcs": ""}: a plain scan keeps this script free
    // of build dependencies.
    let rest = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let start = rest.find('"')? + 1;
    let hash: String = rest[start..].chars().take_while(char::is_ascii_hexdigit).collect();
    (hash.len() >= 12).then(|| format!("commit {} (from the published package)", &hash[..12]))
}
