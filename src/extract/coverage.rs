//! Data coverage (SPEC §8): which facts a catalogue carries (a column is mapped for them), and
//! where each product's facts came from (that column, or other columns' free text). A retailer's
//! export often lacks whole kinds of data; the rules and the reports need to tell "the product
//! does not state it" from "the export cannot state it".

use std::sync::Arc;

use super::label::{CERT_FIELDS, OIL_FIELDS, WARNING_FIELDS};
use super::{Cert, DForm, DosageForm, Evidence, Facts};
use crate::ingest::{ColumnMap, Field, Record};

/// A fact a catalogue may carry, by its coverage key in summary.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    VitaminDAmount,
    VitaminDForm,
    VitaminKAmount,
    VitaminKForm,
    ServingsPerDay,
    DosageForm,
    CarrierOil,
    Certifications,
    WarfarinWarning,
}

impl Fact {
    pub const ALL: [Fact; 9] = [
        Fact::VitaminDAmount,
        Fact::VitaminDForm,
        Fact::VitaminKAmount,
        Fact::VitaminKForm,
        Fact::ServingsPerDay,
        Fact::DosageForm,
        Fact::CarrierOil,
        Fact::Certifications,
        Fact::WarfarinWarning,
    ];

    /// The coverage key (summary.json, the stderr note).
    pub fn key(self) -> &'static str {
        match self {
            Fact::VitaminDAmount => "vitamin_d_amount",
            Fact::VitaminDForm => "vitamin_d_form",
            Fact::VitaminKAmount => "vitamin_k_amount",
            Fact::VitaminKForm => "vitamin_k_form",
            Fact::ServingsPerDay => "servings_per_day",
            Fact::DosageForm => "dosage_form",
            Fact::CarrierOil => "carrier_oil",
            Fact::Certifications => "certifications",
            Fact::WarfarinWarning => "warfarin_warning",
        }
    }

    /// In words, for the PDF.
    pub fn label(self) -> &'static str {
        match self {
            Fact::VitaminDAmount => "vitamin D amount",
            Fact::VitaminDForm => "vitamin D form",
            Fact::VitaminKAmount => "vitamin K amount",
            Fact::VitaminKForm => "vitamin K form",
            Fact::ServingsPerDay => "servings per day",
            Fact::DosageForm => "dosage form",
            Fact::CarrierOil => "carrier oil",
            Fact::Certifications => "certifications",
            Fact::WarfarinWarning => "warfarin warning",
        }
    }

    /// The columns that carry the fact (for carrier oil, the ingredient lists).
    pub fn columns(self) -> &'static [Field] {
        match self {
            Fact::VitaminDAmount => &[Field::VitaminD],
            Fact::VitaminDForm => &[Field::VitaminDForm],
            Fact::VitaminKAmount => &[Field::VitaminK],
            Fact::VitaminKForm => &[Field::VitaminKForm],
            Fact::ServingsPerDay => &[Field::ServingsPerDay],
            Fact::DosageForm => &[Field::DosageForm],
            Fact::CarrierOil => &[Field::Ingredients, Field::OtherIngredients],
            Fact::Certifications => &[Field::Certifications],
            Fact::WarfarinWarning => &[Field::Warnings],
        }
    }

    /// The fields whose text is searched for the fact, for the facts whose absence a rule
    /// reports as a data gap (SPEC §8); empty for the others.
    pub fn searched(self) -> &'static [Field] {
        match self {
            Fact::CarrierOil => &OIL_FIELDS,
            Fact::Certifications => &CERT_FIELDS,
            Fact::WarfarinWarning => &WARNING_FIELDS,
            _ => &[],
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Why a record does not carry a fact (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// The catalogue has no column for it.
    NoColumn,
    /// The catalogue has the column, but this record's cell is empty (and its free text holds no
    /// section for it).
    EmptyCell,
}

/// The facts a catalogue carries (a column is mapped for them) and, for one record, the facts it
/// carries: its cell is filled, or its free text holds a labelled section for the fact
/// ("Warnings:", "Other ingredients:").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    /// A column is mapped for the fact.
    mapped: u16,
    /// The record's cells for the fact are all empty.
    empty: u16,
    /// The record's free text holds a section for the fact.
    section: u16,
}

impl Carried {
    /// Every fact carried (a catalogue with every column; the rules' own statuses apply).
    pub fn all() -> Carried {
        Carried { mapped: Fact::ALL.iter().fold(0, |a, f| a | f.bit()), empty: 0, section: 0 }
    }

    /// The facts a catalogue carries by its columns (every cell taken as filled).
    pub fn of(cols: &ColumnMap) -> Carried {
        let mapped = Fact::ALL.iter().filter(|f| f.columns().iter().any(|c| cols.has(*c))).fold(0, |a, f| a | f.bit());
        Carried { mapped, empty: 0, section: 0 }
    }

    /// The facts one record carries: those of its catalogue whose cells are not all empty, and
    /// those its free text holds a section for (`sections` lists them). Only the facts a rule
    /// may report as a data gap ([`Fact::searched`]) are looked at cell by cell.
    pub(super) fn of_record(cols: &ColumnMap, rec: &Record, sections: impl IntoIterator<Item = Fact>) -> Carried {
        let mut c = Carried::of(cols);
        for f in [Fact::CarrierOil, Fact::Certifications, Fact::WarfarinWarning] {
            if c.mapped & f.bit() != 0 && f.columns().iter().filter(|x| cols.has(**x)).all(|x| is_empty_cell(rec.get(*x))) {
                c.empty |= f.bit();
            }
        }
        for f in sections {
            c.section |= f.bit();
        }
        c
    }

    /// True when the fact is carried: by a filled column, or for a record by a section of its text.
    pub fn has(self, f: Fact) -> bool {
        (self.mapped & !self.empty | self.section) & f.bit() != 0
    }

    /// Why the fact is not carried, or `None` when it is.
    pub fn gap(self, f: Fact) -> Option<Gap> {
        if self.has(f) {
            None
        } else if self.mapped & f.bit() != 0 {
            Some(Gap::EmptyCell)
        } else {
            Some(Gap::NoColumn)
        }
    }

    /// True when a section of the record's free text carries the fact.
    pub fn by_section(self, f: Fact) -> bool {
        self.section & f.bit() != 0
    }

    /// The same, with no column for `f` (and no section).
    pub fn without(self, f: Fact) -> Carried {
        Carried { mapped: self.mapped & !f.bit(), empty: self.empty & !f.bit(), section: self.section & !f.bit() }
    }

    /// The same, with `f`'s column there but the record's cell empty (and no section).
    pub fn emptied(self, f: Fact) -> Carried {
        Carried { mapped: self.mapped | f.bit(), empty: self.empty | f.bit(), section: self.section & !f.bit() }
    }

    /// The same, with a section of the record's text carrying `f`.
    pub fn with_section(self, f: Fact) -> Carried {
        Carried { section: self.section | f.bit(), ..self }
    }
}

impl Default for Carried {
    fn default() -> Carried {
        Carried::all()
    }
}

/// A cell that holds nothing: empty, or a placeholder such as `-`, `n/a`, `null` (SPEC §8: the
/// retailer's missing data). Words that state something ("none", "keine") are not empty.
pub fn is_empty_cell(v: &str) -> bool {
    const PLACEHOLDERS: [&str; 15] = ["n/a", "na", "n.a.", "#n/a", "-", "--", "---", "—", "–", "null", "nil", "nan", "/", "?", "0"];
    let t = v.trim().trim_matches(|c: char| c == '"' || c == '\'').trim();
    t.is_empty() || (t.len() <= 4 && PLACEHOLDERS.iter().any(|p| t.eq_ignore_ascii_case(p)))
}

/// Where a stated fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The fact's own column ([`Fact::columns`]).
    Column,
    /// Free text of other columns (title, description...).
    Text,
}

/// Where each of a product's facts came from; a fact not stated has no source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sources {
    column: u16,
    text: u16,
}

impl Sources {
    pub fn get(self, f: Fact) -> Option<Source> {
        if self.column & f.bit() != 0 {
            Some(Source::Column)
        } else if self.text & f.bit() != 0 {
            Some(Source::Text)
        } else {
            None
        }
    }

    pub fn set(&mut self, f: Fact, s: Option<Source>) {
        self.column &= !f.bit();
        self.text &= !f.bit();
        match s {
            Some(Source::Column) => self.column |= f.bit(),
            Some(Source::Text) => self.text |= f.bit(),
            None => {}
        }
    }
}

/// Certifications and quality claims (third-party or self-claims); lifestyle claims (vegan,
/// non-GMO, gluten-free...) alone do not state a certification.
pub fn is_quality_claim(c: Cert) -> bool {
    matches!(
        c,
        Cert::NsfSport
            | Cert::NsfContents
            | Cert::UspVerified
            | Cert::InformedSport
            | Cert::InformedChoice
            | Cert::Bscg
            | Cert::Gmp
            | Cert::ThirdPartyTested
    )
}

/// Whether the product states `f`, and the evidence it rests on.
fn stated(facts: &Facts, f: Fact) -> Option<&Evidence> {
    let d = facts.d.as_ref();
    let k = facts.k.as_ref();
    match f {
        Fact::VitaminDAmount => d.filter(|d| d.iu_per_serving.is_some()).and_then(|d| d.amount_evidence.as_ref()),
        Fact::VitaminDForm => d.filter(|d| d.form != DForm::Unknown).and_then(|d| d.form_evidence.as_ref()),
        Fact::VitaminKAmount => {
            k.filter(|k| k.k2_mcg_per_serving.is_some() || k.k1_mcg_per_serving.is_some()).and_then(|k| k.amount_evidence.as_ref())
        }
        Fact::VitaminKForm => k.filter(|k| !k.forms.is_empty()).and_then(|k| k.form_evidence.as_ref()),
        Fact::ServingsPerDay => facts.servings_evidence.as_ref(),
        Fact::DosageForm => facts.dosage_evidence.as_ref().filter(|_| facts.dosage_form != DosageForm::Unknown),
        Fact::CarrierOil => facts.oil_evidence.as_ref().filter(|_| !facts.oils.is_empty()),
        Fact::Certifications => facts.cert_evidence.as_ref().filter(|_| facts.certs.iter().any(is_quality_claim)),
        Fact::WarfarinWarning => facts.warfarin.as_ref(),
    }
}

/// Where each fact of `facts` came from. Evidence names its column with the column map's own
/// header (`ColumnMap::name` hands out the same `Arc` for a mapped field), so the source field is
/// recognised by identity, even when two headers read alike.
pub fn sources(facts: &Facts, cols: &ColumnMap) -> Sources {
    let mut s = Sources::default();
    for f in Fact::ALL {
        let src = stated(facts, f).map(|ev| {
            let own = f.columns().iter().any(|c| cols.names[c.index()].as_ref().is_some_and(|n| Arc::ptr_eq(n, &ev.column)));
            if own { Source::Column } else { Source::Text }
        });
        s.set(f, src);
    }
    s
}

/// The headers searched for `f` in this catalogue, `, `-joined (for a data-gap finding's
/// evidence); "no text column" when none is mapped.
pub fn searched(f: Fact, cols: &ColumnMap) -> String {
    let names: Vec<&str> = f.searched().iter().filter_map(|c| cols.names[c.index()].as_deref()).collect();
    if names.is_empty() { "no text column".to_string() } else { names.join(", ") }
}

/// The headers that carry `f` in this catalogue, `, `-joined; `None` when it is not carried.
pub fn column_names(f: Fact, cols: &ColumnMap) -> Option<String> {
    let names: Vec<&str> = f.columns().iter().filter_map(|c| cols.names[c.index()].as_deref()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Scratch, extract};
    use crate::ingest::Record;

    fn run(headers: &[&str], row: &[&str]) -> (Facts, ColumnMap) {
        let cols = ColumnMap::resolve(headers.iter().map(|h| h.to_string()).collect(), None).unwrap_or_else(|e| panic!("{e}"));
        let fields: Vec<(Field, &str)> = headers
            .iter()
            .zip(row)
            .filter_map(|(h, v)| cols.headers.iter().position(|x| x == h).map(|i| (i, *v)))
            .filter_map(|(i, v)| Field::ALL.into_iter().find(|f| cols.index[f.index()] == Some(i)).map(|f| (f, v)))
            .collect();
        let rec = Record::new(1, 2, fields);
        let facts = extract(&rec, &cols, &mut Scratch::new());
        (facts, cols)
    }

    #[test]
    fn carried_follows_the_mapped_columns() {
        let cases: &[(&str, &[&str], &[Fact])] = &[
            ("titles only", &["SKU", "Title"], &[]),
            ("warnings column", &["SKU", "Title", "Warnings"], &[Fact::WarfarinWarning]),
            ("other ingredients carry the oil", &["SKU", "Title", "Other Ingredients"], &[Fact::CarrierOil]),
            ("certifications", &["SKU", "Title", "Certifications"], &[Fact::Certifications]),
            ("amounts and forms", &["SKU", "Title", "Vitamin D3 (IU)", "Vitamin K2 (mcg)"], &[Fact::VitaminDAmount, Fact::VitaminKAmount]),
        ];
        for (name, headers, want) in cases {
            let cols = ColumnMap::resolve(headers.iter().map(|h| h.to_string()).collect(), None).unwrap_or_else(|e| panic!("{e}"));
            let c = Carried::of(&cols);
            let got: Vec<Fact> = Fact::ALL.into_iter().filter(|f| c.has(*f)).collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    /// Name, headers, the row's cells, the fact, where it should come from.
    type Case = (&'static str, &'static [&'static str], &'static [&'static str], Fact, Option<Source>);

    #[test]
    fn sources_tell_the_own_column_from_free_text() {
        use Source::{Column, Text};
        let cases: &[Case] = &[
            (
                "warning in its column",
                &["Title", "Warnings"],
                &["D3 K2 5000 IU", "Consult your doctor if you take warfarin."],
                Fact::WarfarinWarning,
                Some(Column),
            ),
            (
                "warning in the description",
                &["Title", "Description"],
                &["D3 K2 5000 IU", "Not for people on blood thinners."],
                Fact::WarfarinWarning,
                Some(Text),
            ),
            ("no warning at all", &["Title", "Warnings"], &["D3 K2 5000 IU", ""], Fact::WarfarinWarning, None),
            ("NSF in the title", &["Title"], &["NSF Certified for Sport D3 + K2"], Fact::Certifications, Some(Text)),
            (
                "vegan alone is no certification",
                &["Title", "Certifications"],
                &["D3 + K2 5000 IU", "Vegan, Non-GMO"],
                Fact::Certifications,
                None,
            ),
            ("GMP in its column", &["Title", "Certifications"], &["D3 + K2 5000 IU", "GMP"], Fact::Certifications, Some(Column)),
            (
                "oil in the ingredients",
                &["Title", "Ingredients"],
                &["D3 + K2 drops", "MCT oil, cholecalciferol, menaquinone-7"],
                Fact::CarrierOil,
                Some(Column),
            ),
            ("oil in the title", &["Title"], &["D3 + K2 drops in olive oil"], Fact::CarrierOil, Some(Text)),
            ("D amount from the title", &["Title", "Vitamin D3 (IU)"], &["D3 5000 IU + K2 100 mcg", ""], Fact::VitaminDAmount, Some(Text)),
            ("D amount from its column", &["Title", "Vitamin D3 (IU)"], &["D3 + K2", "5000"], Fact::VitaminDAmount, Some(Column)),
            ("dosage form from the title", &["Title"], &["D3 + K2 softgels"], Fact::DosageForm, Some(Text)),
            ("dosage form not stated", &["Title"], &["D3 + K2 5000 IU"], Fact::DosageForm, None),
        ];
        for (name, headers, row, fact, want) in cases {
            let (facts, cols) = run(headers, row);
            assert_eq!(facts.sources.get(*fact), *want, "{name}: {facts:?}");
            assert_eq!(sources(&facts, &cols), facts.sources, "{name}");
        }
    }

    #[test]
    fn searched_names_the_mapped_text_columns() {
        let cols = ColumnMap::resolve(vec!["SKU".into(), "Title".into(), "Body (HTML)".into()], None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(searched(Fact::WarfarinWarning, &cols), "Body (HTML), Title");
        assert_eq!(column_names(Fact::WarfarinWarning, &cols), None);
        let cols = ColumnMap::resolve(vec!["Ingredients".into(), "Other ingredients".into()], None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(column_names(Fact::CarrierOil, &cols).as_deref(), Some("Ingredients, Other ingredients"));
    }

    #[test]
    fn evidence_without_a_column_shows_only_its_text() {
        for (column, matched, want) in [
            ("Warnings", "warfarin", "Warnings: \"warfarin\""),
            ("", "no warnings column; searched: Title", "no warnings column; searched: Title"),
        ] {
            assert_eq!(Evidence::new(Arc::from(column), matched).to_string(), want, "{column:?}");
        }
    }
}
