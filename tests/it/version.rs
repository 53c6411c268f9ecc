//! `k2d3-audit --version` names the version and the commit it was built from (SPEC §14), and says
//! so when it was built outside a git checkout. build.rs is compiled in here as a module so that
//! the cases a test binary cannot be built in (no repository, someone else's repository, a
//! published package) are checked too.


use std::path::Path;
use std::process::Command;

use crate::common::*;

#[allow(dead_code)]
#[path = "../../build.rs"]
mod build_script;

/// git, run in `dir`, which must succeed: these tests need git (CI checks the repository out with it).
fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_DATE", "2026-12-01T12:00:00Z")
        .output()
        .unwrap_or_else(|e| panic!("git {args:?}: {e} (these tests need git on PATH)"));
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// Whether this test runs from a git checkout of the crate itself (not from a published package).
fn in_checkout() -> bool {
    let top = Command::new("git").arg("-C").arg(root()).args(["rev-parse", "--show-toplevel"]).output();
    match top {
        Ok(o) if o.status.success() => {
            let top = std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
            top.canonicalize().ok() == root().canonicalize().ok()
        }
        _ => false,
    }
}

#[test]
fn version_names_the_package_version_and_the_commit() {
    for flag in ["--version", "-V"] {
        let o = run(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let line = stdout(&o);
        let prefix = format!("k2d3-audit {} (", env!("CARGO_PKG_VERSION"));
        assert!(line.starts_with(&prefix) && line.trim_end().ends_with(')'), "{flag}: {line}");
        if in_checkout() {
            let head = git(&root(), &["rev-parse", "--short=12", "HEAD"]);
            let date = git(&root(), &["log", "-1", "--format=%cs", "HEAD"]);
            assert_eq!(line.trim_end(), format!("{prefix}commit {head}, {date})"), "{flag}: built from another commit?");
        } else {
            assert!(line.contains("commit"), "{flag}: {line}");
        }
    }
}

#[test]
fn outside_a_checkout_the_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(build_script::from_git(dir.path()), None, "no repository: no commit");
    assert_eq!(build_script::from_vcs_info(dir.path()), None, "no .cargo_vcs_info.json: no commit");
    assert_eq!(build_script::describe(dir.path()), "built outside a git checkout: commit unknown");
}

#[test]
fn a_crate_inside_another_repository_does_not_take_its_commit() {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    std::fs::create_dir(repo.path().join("vendor")).unwrap();
    std::fs::write(repo.path().join("vendor/Cargo.toml"), "[package]\n").unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "outer"]);
    assert_eq!(build_script::from_git(&repo.path().join("vendor")), None);
    let hash = git(repo.path(), &["rev-parse", "--short=12", "HEAD"]);
    assert_eq!(build_script::from_git(repo.path()), Some(format!("commit {hash}, 2026-12-01")), "the repository's own top level");
}

#[test]
fn a_published_package_names_the_commit_cargo_package_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{
  "git": {
    "sha1": "0123456789abcdef0123456789abcdef01234567"
  },
  "path_in_vcs": ""
}"#;
    std::fs::write(dir.path().join(".cargo_vcs_info.json"), json).unwrap();
    assert_eq!(build_script::from_vcs_info(dir.path()), Some("commit 0123456789ab (from the published package)".to_string()));
    std::fs::write(dir.path().join(".cargo_vcs_info.json"), r#"{"path_in_vcs": ""}"#).unwrap();
    assert_eq!(build_script::from_vcs_info(dir.path()), None, "no sha1: commit unknown");
}
