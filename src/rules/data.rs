//! Data: record-level problems, and the `[data]` section. A SKU on more than one record is found
//! across the whole file by the audit driver, which knows every SKU; this module words the
//! finding. `[data] no_column` and `[data] empty_cell` say what the rules give for a fact a
//! record does not carry, for want of a column or with its cell empty (SPEC §8); the rules needing
//! such a fact ask [`DataSection::gap`].

use serde::Deserialize;
use toml::Spanned;

use super::cfg::Validator;
use super::{Finding, RuleId, Status};
use crate::extract::{Fact, Facts, Gap};

/// The finding for a record whose SKU an earlier record already used.
pub fn duplicate_of(sku: &str, first_row: u64) -> Finding {
    Finding::new(RuleId::DataDuplicateSku, Status::Warn, format!("SKU \"{sku}\" is already used by row {first_row}"), None)
}

/// The finding for the first record of a SKU that `count` records use.
pub fn duplicate_first(sku: &str, count: u64) -> Finding {
    Finding::new(RuleId::DataDuplicateSku, Status::Warn, format!("SKU \"{sku}\" is used by {count} records; this is the first"), None)
}

/// What a rule gives when a product does not state a fact its record does not carry (SPEC §8):
/// `[data] no_column` for a catalogue with no column for the fact, `[data] empty_cell` for a
/// record whose cell is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoColumn {
    /// `review`, flagged as the retailer's data gap (the default).
    #[default]
    Review,
    /// The rule's own status, as if the label had been read and stated nothing.
    Rule,
}

impl NoColumn {
    pub fn as_str(self) -> &'static str {
        match self {
            NoColumn::Review => "review",
            NoColumn::Rule => "rule",
        }
    }
}

/// `[data]` as written (optional: a policy without it gets the defaults; `empty_cell` is
/// optional too, for policies written before it existed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    no_column: Spanned<String>,
    #[serde(default)]
    empty_cell: Option<Spanned<String>>,
}

/// `[data]`: how the rules treat facts a record does not carry.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataSection {
    /// No column for the fact in the catalogue.
    pub no_column: NoColumn,
    /// The column is there, the record's cell is empty and its text holds no section for it.
    pub empty_cell: NoColumn,
}

impl DataFile {
    pub fn validate(&self, v: &mut Validator) -> DataSection {
        let mut read = |value: &Spanned<String>, key: &str| match value.get_ref().as_str() {
            "review" => NoColumn::Review,
            "rule" => NoColumn::Rule,
            other => {
                v.at(value.span(), format!("{key} must be \"review\" or \"rule\", not \"{other}\""));
                NoColumn::Review
            }
        };
        let no_column = read(&self.no_column, "no_column");
        let empty_cell = self.empty_cell.as_ref().map_or(NoColumn::Review, |e| read(e, "empty_cell"));
        DataSection { no_column, empty_cell }
    }
}

impl DataSection {
    /// Why a rule needing `fact` should give the data-gap `review` (the product does not state
    /// it, the caller knows): the record does not carry the fact and the policy asks for review
    /// for that kind of gap; `None` when the rule's own status applies.
    pub fn gap(&self, facts: &Facts, fact: Fact) -> Option<Gap> {
        let gap = facts.carried.gap(fact)?;
        let on = match gap {
            Gap::NoColumn => self.no_column,
            Gap::EmptyCell => self.empty_cell,
        };
        (on == NoColumn::Review).then_some(gap)
    }
}

/// A data-gap finding's message: what the export lacks (`what`: "warnings", "certifications",
/// "ingredients"), then what cannot be told.
pub fn gap_message(gap: Gap, what: &str, cannot_tell: &str) -> String {
    match gap {
        Gap::NoColumn => format!("the export carries no {what}: {cannot_tell}"),
        Gap::EmptyCell => format!("the {what} cell is empty: {cannot_tell}"),
    }
}
