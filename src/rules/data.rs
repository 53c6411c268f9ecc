//! Data: record-level problems, and the `[data]` section. A SKU on more than one record is found
//! across the whole file by the audit driver, which knows every SKU; this module words the
//! finding. `[data] no_column` says what the rules give for a fact the catalogue has no column for
//! (SPEC §8); the rules needing such a fact ask [`is_gap`].

use serde::Deserialize;
use toml::Spanned;

use super::cfg::Validator;
use super::{Finding, RuleId, Status};
use crate::extract::{Fact, Facts};

/// The finding for a record whose SKU an earlier record already used.
pub fn duplicate_of(sku: &str, first_row: u64) -> Finding {
    Finding::new(RuleId::DataDuplicateSku, Status::Warn, format!("SKU \"{sku}\" is already used by row {first_row}"), None)
}

/// The finding for the first record of a SKU that `count` records use.
pub fn duplicate_first(sku: &str, count: u64) -> Finding {
    Finding::new(RuleId::DataDuplicateSku, Status::Warn, format!("SKU \"{sku}\" is used by {count} records; this is the first"), None)
}

/// What a rule gives when a product does not state a fact its catalogue has no column for
/// (`[data] no_column`, SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoColumn {
    /// `review`, flagged as the retailer's data gap (the default).
    #[default]
    Review,
    /// The rule's own status, as if the column were there and empty.
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

/// `[data]` as written (optional: a policy without it gets the defaults).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    no_column: Spanned<String>,
}

/// `[data]`: how the rules treat facts a catalogue does not carry.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataSection {
    pub no_column: NoColumn,
}

impl DataFile {
    pub fn validate(&self, v: &mut Validator) -> DataSection {
        let no_column = match self.no_column.get_ref().as_str() {
            "review" => NoColumn::Review,
            "rule" => NoColumn::Rule,
            other => {
                v.at(self.no_column.span(), format!("no_column must be \"review\" or \"rule\", not \"{other}\""));
                NoColumn::Review
            }
        };
        DataSection { no_column }
    }
}

/// True when a rule needing `fact` should give the data-gap `review`: the product does not state
/// it (the caller knows) and the catalogue has no column for it, and the policy asks for review.
pub fn is_gap(facts: &Facts, fact: Fact, no_column: NoColumn) -> bool {
    no_column == NoColumn::Review && !facts.carried.has(fact)
}
