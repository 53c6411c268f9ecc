//! Data coverage of one catalogue (SPEC §8): which facts it carries, and over the audited
//! products how many state each fact and where from. Counted by the writer in the same pass as
//! every other tally.

use std::collections::BTreeMap;

use crate::extract::{Carried, Fact, Source, Sources, coverage};
use crate::ingest::ColumnMap;
use crate::rules::RuleId;

/// How many audited products state one fact, and where from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactCount {
    pub stated: u64,
    /// From the fact's own column.
    pub from_column: u64,
    /// From other columns' free text (title, description...).
    pub from_text: u64,
}

/// The catalogue's coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub carried: Carried,
    /// Per fact ([`Fact::ALL`] order): the headers that carry it, `, `-joined.
    pub columns: [Option<String>; 9],
    /// Per fact ([`Fact::ALL`] order).
    pub counts: [FactCount; 9],
    /// Audited products.
    pub products: u64,
    /// Data-gap findings per rule (products the missing columns turned to review).
    pub gaps: BTreeMap<RuleId, u64>,
    /// Products with at least one data-gap finding.
    pub gap_products: u64,
}

/// A catalogue that carries every fact and has no products yet (the writer's starting state
/// before the catalogue's columns are known).
impl Default for Coverage {
    fn default() -> Coverage {
        Coverage {
            carried: Carried::all(),
            columns: Default::default(),
            counts: [FactCount::default(); 9],
            products: 0,
            gaps: BTreeMap::new(),
            gap_products: 0,
        }
    }
}

impl Coverage {
    pub fn new(cols: &ColumnMap) -> Coverage {
        Coverage {
            carried: Carried::of(cols),
            columns: Fact::ALL.map(|f| coverage::column_names(f, cols)),
            counts: [FactCount::default(); 9],
            products: 0,
            gaps: BTreeMap::new(),
            gap_products: 0,
        }
    }

    /// Counts one audited product: where its facts came from, and its data-gap findings' rules.
    pub fn add(&mut self, sources: Sources, gap_rules: &[RuleId]) {
        self.products += 1;
        for (i, f) in Fact::ALL.into_iter().enumerate() {
            let c = &mut self.counts[i];
            match sources.get(f) {
                Some(Source::Column) => {
                    c.stated += 1;
                    c.from_column += 1;
                }
                Some(Source::Text) => {
                    c.stated += 1;
                    c.from_text += 1;
                }
                None => {}
            }
        }
        for r in gap_rules {
            *self.gaps.entry(*r).or_insert(0) += 1;
        }
        if !gap_rules.is_empty() {
            self.gap_products += 1;
        }
    }

    pub fn count(&self, f: Fact) -> FactCount {
        self.counts[f as usize]
    }

    pub fn column(&self, f: Fact) -> Option<&str> {
        self.columns[f as usize].as_deref()
    }

    /// The facts the catalogue has no column for.
    pub fn not_carried(&self) -> Vec<Fact> {
        Fact::ALL.into_iter().filter(|f| !self.carried.has(*f)).collect()
    }

    /// The stderr note (SPEC §8), when some fact is not carried or some products' cells for a
    /// fact a rule needs are empty.
    pub fn note(&self, shown: &str) -> Option<String> {
        let missing = self.not_carried();
        // A rule's gaps are all of one kind: its fact has no column, or the column's cells are empty.
        let (cells, columns): (Vec<GapCount>, Vec<GapCount>) =
            self.gaps.iter().partition(|(r, _)| gap_fact(**r).is_some_and(|f| self.carried.has(f)));
        let list = |g: &[GapCount]| g.iter().map(|(r, n)| format!("{r} for {n}")).collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        if !missing.is_empty() {
            let keys = missing.iter().map(|f| f.key()).collect::<Vec<_>>().join(", ");
            let turned = if columns.is_empty() {
                "no rule was turned to review".to_string()
            } else {
                let n = self.gap_products;
                let s = if n == 1 { "" } else { "s" };
                if !cells.is_empty() {
                    format!("turned to review as the export's data gap: {}", list(&columns))
                } else if columns.len() > 1 {
                    format!("turned to review as the export's data gap: {} ({n} product{s} in all)", list(&columns))
                } else {
                    format!("turned to review as the export's data gap: {} product{s}", list(&columns))
                }
            };
            parts.push(format!("the export carries no column for {keys}; {turned}"));
        }
        if !cells.is_empty() {
            parts.push(format!("empty cells turned to review as the export's data gap: {}", list(&cells)));
        }
        if parts.is_empty() {
            return None;
        }
        Some(format!("{shown}: {} (see \"coverage\" in summary.json)", parts.join("; ")))
    }
}

/// A rule and how many products it turned to a data-gap review.
type GapCount<'a> = (&'a RuleId, &'a u64);

/// The fact whose absence turns `rule` to a data-gap review.
fn gap_fact(rule: RuleId) -> Option<Fact> {
    match rule {
        RuleId::SafetyWarfarin => Some(Fact::WarfarinWarning),
        RuleId::CertThirdParty => Some(Fact::Certifications),
        RuleId::CarrierOil => Some(Fact::CarrierOil),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Field;

    fn cols(headers: &[&str]) -> ColumnMap {
        ColumnMap::resolve(headers.iter().map(|h| h.to_string()).collect(), None).unwrap_or_else(|e| panic!("{e}"))
    }

    fn sources(list: &[(Fact, Source)]) -> Sources {
        let mut s = Sources::default();
        for (f, src) in list {
            s.set(*f, Some(*src));
        }
        s
    }

    #[test]
    fn counts_where_each_fact_came_from() {
        let mut c = Coverage::new(&cols(&["SKU", "Title", "Warnings", "Ingredients", "Other Ingredients"]));
        c.add(sources(&[(Fact::WarfarinWarning, Source::Column), (Fact::DosageForm, Source::Text)]), &[]);
        c.add(sources(&[(Fact::WarfarinWarning, Source::Text)]), &[RuleId::CertThirdParty]);
        c.add(Sources::default(), &[RuleId::CertThirdParty, RuleId::CarrierOil]);
        assert_eq!(c.products, 3);
        assert_eq!(c.count(Fact::WarfarinWarning), FactCount { stated: 2, from_column: 1, from_text: 1 });
        assert_eq!(c.count(Fact::DosageForm), FactCount { stated: 1, from_column: 0, from_text: 1 });
        assert_eq!(c.count(Fact::Certifications), FactCount::default());
        assert_eq!(c.column(Fact::WarfarinWarning), Some("Warnings"));
        assert_eq!(c.column(Fact::CarrierOil), Some("Ingredients, Other Ingredients"));
        assert_eq!(c.column(Fact::Certifications), None);
        assert_eq!(c.gaps, BTreeMap::from([(RuleId::CarrierOil, 1), (RuleId::CertThirdParty, 2)]));
        assert_eq!(c.gap_products, 2);
    }

    #[test]
    fn the_note_names_missing_facts_and_rules() {
        // Every canonical column but the warnings.
        let names: Vec<&str> = Field::ALL.iter().filter(|f| **f != Field::Warnings).map(|f| f.name()).collect();
        let mut c = Coverage::new(&cols(&names));
        c.add(Sources::default(), &[RuleId::SafetyWarfarin]);
        let note = c.note("x.csv").unwrap_or_default();
        assert_eq!(
            note,
            "x.csv: the export carries no column for warfarin_warning; turned to review as the export's data gap: SAFETY-WARFARIN for 1 product (see \"coverage\" in summary.json)"
        );
        let all: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(Coverage::new(&cols(&all)).note("x.csv"), None);
        // Every column, but some products' cells empty.
        let mut c = Coverage::new(&cols(&all));
        c.add(Sources::default(), &[RuleId::SafetyWarfarin, RuleId::CertThirdParty]);
        c.add(Sources::default(), &[RuleId::SafetyWarfarin]);
        assert_eq!(
            c.note("x.csv").unwrap_or_default(),
            "x.csv: empty cells turned to review as the export's data gap: CERT-THIRD-PARTY for 1, SAFETY-WARFARIN for 2 (see \"coverage\" in summary.json)"
        );
        // No warnings column, and empty certifications cells.
        let mut c = Coverage::new(&cols(&names));
        c.add(Sources::default(), &[RuleId::SafetyWarfarin, RuleId::CertThirdParty]);
        assert_eq!(
            c.note("x.csv").unwrap_or_default(),
            "x.csv: the export carries no column for warfarin_warning; turned to review as the export's data gap: SAFETY-WARFARIN for 1; empty cells turned to review as the export's data gap: CERT-THIRD-PARTY for 1 (see \"coverage\" in summary.json)"
        );
    }
}
