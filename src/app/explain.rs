//! `explain`: every rule by criterion, or one rule's check, thresholds (from the policy in use)
//! and fix, all generated from the rule enum.

use std::path::Path;

use k2d3_audit::{Criterion, Error, Policy, RuleId, thresholds};

use super::{load_policy, today};

pub fn run(rule: Option<&str>, policy: Option<&Path>) -> Result<(), Error> {
    // A bad --policy is an error even when only the list is asked for.
    let policy = load_policy(policy, today().date)?;
    match rule {
        None => list(),
        Some(rule) => describe(parse(rule)?, &policy),
    }
    Ok(())
}

fn parse(rule: &str) -> Result<RuleId, Error> {
    RuleId::parse(rule).ok_or_else(|| {
        let known = RuleId::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
        Error::Usage(format!("unknown rule \"{rule}\"; known rules: {known}"))
    })
}

/// Every rule under its criterion, with the first sentence of its description.
fn list() {
    for c in Criterion::ALL {
        out!("{}", c.as_str());
        for r in RuleId::ALL.iter().filter(|r| r.criterion() == c) {
            out!("  {:<20} {}", r.as_str(), first_sentence(r.description()));
        }
    }
}

fn describe(r: RuleId, policy: &Policy) {
    out!("{} ({})", r.as_str(), r.criterion().as_str());
    out!("");
    out!("What it checks:\n  {}", r.description());
    out!("");
    out!("Thresholds (policy \"{}\" {}):", policy.name, policy.version);
    for t in thresholds(r, policy) {
        out!("  - {t}");
    }
    out!("");
    out!("How to fix:\n  {}", r.fix_hint());
}

fn first_sentence(s: &str) -> &str {
    s.split_inclusive(". ").next().unwrap_or(s).trim_end()
}
