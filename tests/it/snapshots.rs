//! What users read, snapshotted from the real binary: the help texts, `explain`, and the
//! diagnostics of `policy check`. Each snapshot holds the exit code, stdout and stderr.
//!
//! The snapshots live in tests/it/snapshots/. After a deliberate change, regenerate them with
//! `INSTA_UPDATE=always cargo test --test it snapshots::` and review the diff. CI sets CI=true, so a
//! missing or changed snapshot fails there instead of being written.


use std::path::Path;
use std::process::Stdio;

use crate::common::bin;

/// A valid policy, short enough to read in a snapshot; the broken ones below are edits of it.
const POLICY: &str = r#"name = "snapshot"
version = "1"
disabled_rules = ["CERT-ALLERGEN"]

[form]
accepted_k2_forms = ["MK-7"]
mk4_high_dose_mcg = 1500.0

[ratio]
fail_below = 10.0
warn_below = 20.0
min_k2_mcg = 45.0

[carrier]
dry_form_status = "fail"
no_oil_named_status = "warn"

[certification]
third_party = ["nsf_sport", "usp_verified"]
self_claims = ["gmp"]
self_claims_only_status = "warn"
none_status = "fail"
allergen_claims = ["gluten_free"]

[safety]
ul_iu = 4000.0
max_iu = 10000.0
implausible_d_iu = 100000.0
implausible_k_mcg = 50000.0
"#;

/// Runs the binary in `dir` and renders its exit code, stdout and stderr.
///
/// The help text is wrapped to the terminal's width: clap asks stdout, stderr and stdin whether
/// they are a terminal (here none is: two pipes and /dev/null), then falls back to COLUMNS, which
/// is set so that a developer's exported COLUMNS cannot change the snapshot. Colours are off.
fn transcript(dir: &Path, args: &[&str]) -> String {
    let o = bin()
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let code = o.status.code().map_or_else(|| "killed by a signal".to_string(), |c| c.to_string());
    format!("exit code: {code}\n--- stdout\n{}--- stderr\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn run(args: &[&str]) -> String {
    transcript(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// `policy check policy.toml` on `text`, written to a fresh folder so that messages name
/// `policy.toml` and not a temporary path.
fn policy_check(text: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("policy.toml"), text).expect("the policy is written");
    transcript(dir.path(), &["policy", "check", "policy.toml"])
}

/// `POLICY` with each `(from, to)` replaced once; panics if `from` is missing, so an edit that no
/// longer applies cannot pass silently.
fn edited(edits: &[(&str, &str)]) -> String {
    edits.iter().fold(POLICY.to_string(), |text, (from, to)| {
        assert!(text.contains(from), "the test policy has no {from:?}");
        text.replacen(from, to, 1)
    })
}

#[test]
fn help() {
    insta::assert_snapshot!(run(&["--help"]));
}

#[test]
fn audit_help() {
    insta::assert_snapshot!(run(&["audit", "--help"]));
}

#[test]
fn explain_lists_every_rule() {
    insta::assert_snapshot!(run(&["explain"]));
}

#[test]
fn explain_one_rule() {
    insta::assert_snapshot!(run(&["explain", "RATIO-K2-PER-D3"]));
}

#[test]
fn explain_grades() {
    insta::assert_snapshot!(run(&["explain", "grades"]));
}

#[test]
fn explain_an_unknown_rule() {
    insta::assert_snapshot!(run(&["explain", "NOPE"]));
}

#[test]
fn policy_check_valid() {
    insta::assert_snapshot!(policy_check(POLICY));
}

/// Problems found after parsing are all listed at once, each at its line and column.
#[test]
fn policy_check_lists_every_problem() {
    let text = edited(&[
        (r#"disabled_rules = ["CERT-ALLERGEN"]"#, r#"disabled_rules = ["CERT-ALERGEN"]"#),
        (r#"accepted_k2_forms = ["MK-7"]"#, r#"accepted_k2_forms = ["K1", "MK-8"]"#),
        ("fail_below = 10.0", "fail_below = 30.0"),
        ("min_k2_mcg = 45.0", "min_k2_mcg = -5.0"),
        (r#"dry_form_status = "fail""#, r#"dry_form_status = "maybe""#),
        (r#"none_status = "fail""#, r#"none_status = "bad""#),
        (r#"third_party = ["nsf_sport", "usp_verified"]"#, r#"third_party = ["nsf_sport", "iso9001"]"#),
        ("ul_iu = 4000.0", "ul_iu = 40000.0"),
    ]);
    insta::assert_snapshot!(policy_check(&text));
}

/// A value of the wrong type names its key and the type in words; the other problems are listed too.
#[test]
fn policy_check_wrong_type() {
    let text = edited(&[("max_iu = 10000.0", r#"max_iu = "10000""#), (r#"none_status = "fail""#, r#"none_status = "bad""#)]);
    insta::assert_snapshot!(policy_check(&text));
}

/// An unknown key (a typo) names the keys that were expected; the other problems are listed too.
#[test]
fn policy_check_unknown_key() {
    let text =
        edited(&[("warn_below = 20.0", "warn_below = 20.0\nwarn_bellow = 5.0"), (r#"none_status = "fail""#, r#"none_status = "bad""#)]);
    insta::assert_snapshot!(policy_check(&text));
}
