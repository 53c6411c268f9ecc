//! `explain`: every rule by criterion, or one rule's check, thresholds (from the policy in use)
//! and fix, all generated from the rule enum.

use std::path::Path;

use k2d3_audit::{Criterion, Error, MarketId, Policy, RuleId, thresholds};

use super::{load_policy, today};

pub fn run(rule: Option<&str>, policy: Option<&Path>, market: Option<MarketId>) -> Result<(), Error> {
    // A bad --policy is an error even when only the list is asked for.
    let policy = load_policy(policy, today().date, market)?;
    match rule {
        None => list(),
        Some(g) if g.trim().eq_ignore_ascii_case("grades") => grades(&policy),
        Some(rule) => describe(parse(rule)?, &policy),
    }
    Ok(())
}

fn parse(rule: &str) -> Result<RuleId, Error> {
    RuleId::parse(rule).ok_or_else(|| {
        let known = RuleId::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
        Error::Usage(format!("unknown rule \"{rule}\"; known rules: {known}, or `grades`"))
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
    out!("");
    if RuleId::DataImplausible.criterion() == Criterion::Safety {
        out!("DATA-IMPLAUSIBLE is a safety rule: its review is the product's safety status (findings.csv: criterion safety).");
    }
    out!("One rule's thresholds and fix: k2d3-audit explain RULE-ID. How suppliers are graded: k2d3-audit explain grades.");
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

/// How suppliers are graded in the supplier review pack, with the policy's cut-offs.
fn grades(policy: &Policy) {
    let g = &policy.grades;
    out!("grades (policy \"{}\" {})", policy.name, policy.version);
    out!("");
    out!("Each supplier in the supplier review pack (--split-by supplier) gets a grade from the share of");
    out!("its graded products that pass or only warn. Its graded products are its audited products");
    out!("(pass, warn, review, fail) except those whose every open finding is review only because the");
    out!("retailer's export does not carry the fact (a data gap): nothing is known against them, nor for");
    out!("them. With data gaps set aside, a graded product counts as good when it passes or only warns;");
    out!("a review for anything else (an unstated vitamin K form, say) is not good.");
    out!("");
    for (grade, text) in g.definitions() {
        out!("  {grade}  {text}");
    }
    out!("");
    out!("Cap: {}.", g.cap_text());
    out!("No graded product: no grade (\"grade\": null in summary.json, \"{}\" in the PDFs).", k2d3_audit::NOT_GRADED);
    out!("The supplier's cover says \"graded on N of M products\"; summary.json gives N as \"graded\".");
    out!("Policy values: [grades] a, b, c, d (shares from 0 to 1) and safety_fail_cap.");
}

fn first_sentence(s: &str) -> &str {
    s.split_inclusive(". ").next().unwrap_or(s).trim_end()
}
