//! One record's assessment: facts, findings (waivers applied), criterion statuses and verdict.

use std::borrow::Cow;
use std::sync::Arc;

use crate::extract::{self, Evidence, Fact, Facts, Gap, Scratch, coverage};
use crate::ingest::{ColumnMap, Field, Item, Record, SupplierAliases};
use crate::policy::Policy;
use crate::rules::{self, Criterion, CriterionStatus, Finding, Status, data};

use crate::results::{Assessed, Verdict};

/// Where a record stands among the records sharing its SKU, known before it is assessed (the
/// pipeline reads the SKUs of the whole catalogue first), so its verdict is final at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dup {
    /// Its SKU is empty or used by no other record.
    #[default]
    Unique,
    /// The first of `count` records using its SKU.
    First { count: u32 },
    /// A later record: `first` is the row of the SKU's first record.
    Later { first: u64 },
}

/// Assesses one record; `dup` says whether other records share its SKU.
pub fn assess<'a>(
    item: &'a Item,
    cols: &ColumnMap,
    policy: &Policy,
    aliases: &SupplierAliases,
    dup: Dup,
    scratch: &mut Scratch,
) -> Assessed<'a> {
    let rec = match item {
        Item::Invalid(inv) => {
            return Assessed {
                row: inv.row,
                line: inv.line,
                sku: Cow::Borrowed(&inv.sku),
                gtin: Cow::Borrowed(""),
                product: Cow::Borrowed(&inv.product),
                brand: Cow::Borrowed(""),
                supplier: Cow::Borrowed(""),
                verdict: Verdict::Invalid,
                statuses: None,
                facts: None,
                findings: Vec::new(),
                invalid: Some(inv.clone()),
                continuation_of: None,
            };
        }
        Item::Record(r) if r.continuation_of.is_some() => return continuation(r),
        Item::Record(r) => r,
    };
    let facts = extract::extract_unquoted(rec, cols, scratch);
    let sku = rec.get(Field::Sku);
    let brand = rec.get(Field::Brand);
    let supplier = match rec.get(Field::Supplier) {
        "" => brand,
        s => s,
    };
    let mut findings = Vec::new();
    let in_scope = facts.in_scope();
    if in_scope {
        policy.check(&facts, &mut findings);
        for f in &mut findings {
            if let Some(fact) = f.data_gap {
                f.evidence = Some(gap_evidence(fact, facts.carried.gap(fact), cols));
            } else if let Some(ev) = &mut f.evidence {
                // Only now, and only for what a finding shows, is the label quoted.
                extract::quote_evidence(ev, rec, scratch);
            }
        }
        if policy.enabled.on(rules::RuleId::DataDuplicateSku) {
            match dup {
                Dup::Unique => {}
                Dup::First { count } => findings.push(data::duplicate_first(sku, u64::from(count))),
                Dup::Later { first } => findings.push(data::duplicate_of(sku, first)),
            }
        }
        // A supplier waiver covers every spelling the mapping file joins to the supplier (SPEC §10).
        // (Its key is worked out only when the policy has waivers: most runs have none.)
        let group = if policy.waivers.is_empty() { String::new() } else { aliases.key(supplier) };
        for f in &mut findings {
            if let Some(w) = policy.waiver_for(f.rule, sku, supplier, aliases.joined_keys(&group)) {
                w.record_match();
                f.waived = Some(w.reason.clone());
            }
        }
    }
    let statuses = statuses_of(&facts, &findings);
    let verdict = if !in_scope {
        Verdict::Skipped
    } else {
        findings.iter().map(Finding::effective_status).max().map_or(Verdict::Pass, Verdict::from_status)
    };
    Assessed {
        row: rec.row,
        line: rec.line,
        sku: Cow::Borrowed(sku),
        gtin: Cow::Borrowed(rec.get(Field::Gtin)),
        product: Cow::Borrowed(rec.get(Field::Product)),
        brand: Cow::Borrowed(brand),
        supplier: Cow::Borrowed(supplier),
        verdict,
        statuses: Some(statuses),
        facts: Some(facts),
        findings,
        invalid: None,
        continuation_of: None,
    }
}

/// A continuation row of a product-variant export (only an image): not a product, `skipped`
/// with every criterion `n/a`; its issue names the handle (see the audit.csv writer).
fn continuation(r: &Record) -> Assessed<'_> {
    Assessed {
        row: r.row,
        line: r.line,
        sku: Cow::Borrowed(r.get(Field::Sku)),
        gtin: Cow::Borrowed(r.get(Field::Gtin)),
        product: Cow::Borrowed(r.get(Field::Product)),
        brand: Cow::Borrowed(r.get(Field::Brand)),
        supplier: Cow::Borrowed([Field::Supplier, Field::Brand].map(|f| r.get(f)).into_iter().find(|s| !s.is_empty()).unwrap_or("")),
        verdict: Verdict::Skipped,
        statuses: Some([CriterionStatus::NotApplicable; 6]),
        facts: None,
        findings: Vec::new(),
        invalid: None,
        continuation_of: r.continuation_of.clone(),
    }
}

/// Each criterion's status: the worst effective status of its findings, `pass` without any, and
/// `n/a` where it does not apply (out of scope; ratio without both vitamins).
fn statuses_of(facts: &Facts, findings: &[Finding]) -> [CriterionStatus; 6] {
    let applies = rules::applicability(facts);
    let mut out = [CriterionStatus::NotApplicable; 6];
    if !facts.in_scope() {
        return out;
    }
    for c in Criterion::ALL {
        if !applies[c.index()] {
            continue;
        }
        let worst = findings.iter().filter(|f| f.criterion() == c).map(Finding::effective_status).max().unwrap_or(Status::Pass);
        out[c.index()] = CriterionStatus::Is(worst);
    }
    out
}

/// A data-gap finding's evidence: no column (the catalogue has none for the fact), or the
/// record's empty cell, and the headers whose text was searched instead.
fn gap_evidence(fact: Fact, gap: Option<Gap>, cols: &ColumnMap) -> Evidence {
    let searched = coverage::searched(fact, cols);
    let text = match (gap, coverage::column_names(fact, cols)) {
        (Some(Gap::EmptyCell), Some(names)) => {
            let (s, are) = if names.contains(", ") { ("s", "are") } else { ("", "is") };
            // The other columns whose text was searched (the empty ones hold nothing).
            let others: Vec<&str> =
                fact.searched().iter().filter(|f| !fact.columns().contains(f)).filter_map(|f| cols.names[f.index()].as_deref()).collect();
            let others = if others.is_empty() { "no text column".to_string() } else { others.join(", ") };
            format!("the {names} cell{s} {are} empty; searched: {others}")
        }
        _ => {
            let wanted = fact.columns().iter().map(|f| f.name()).collect::<Vec<_>>().join(" or ");
            format!("no {wanted} column; searched: {searched}")
        }
    };
    Evidence::new(Arc::from(""), text)
}
