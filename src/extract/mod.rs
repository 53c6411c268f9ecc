//! Extract: one [`Record`]'s label text to typed [`Facts`], each with its [`Evidence`].
//!
//! It states what the label says and knows no threshold. Facts are taken from their own column
//! first and from the free text (title, ingredients, description, other ingredients,
//! certifications, warnings, directions) where that column is empty or absent.

pub mod amount;
pub mod audience;
pub mod coverage;
mod label;
pub mod listing;
mod sections;
pub mod servings;
#[cfg(test)]
mod tests;
pub mod text;
mod vitamins;
pub mod vocab;

use std::fmt;
use std::sync::Arc;

use crate::ingest::{ColumnMap, Field, Record};

pub use coverage::{Carried, Fact, Gap, Source, Sources};
pub use label::Scratch;
pub use listing::{DateCell, Listing};

/// Where a fact came from: the column (header as written) and the text that matched.
///
/// During an audit the quote is written only for the evidence of a finding: extraction records
/// where the text is ([`Pending`]) and [`quote_evidence`] writes `matched` from the record
/// (most facts of most products are never quoted, and quoting each one cost an allocation).
/// [`extract`] returns facts with every quote written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub column: Arc<str>,
    pub matched: String,
    pending: Option<Pending>,
}

/// The text an unquoted [`Evidence`] stands for, in the record it was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    /// The raw text under `start..end` of the field's normalised text.
    Quote { field: Field, start: usize, end: usize },
    /// The whole field, clipped.
    Whole(Field),
}

impl Evidence {
    pub fn new(column: Arc<str>, matched: impl Into<String>) -> Evidence {
        Evidence { column, matched: matched.into(), pending: None }
    }

    fn pending(column: Arc<str>, p: Pending) -> Evidence {
        Evidence { column, matched: String::new(), pending: Some(p) }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A data-gap finding's evidence has no column: it says which columns were searched.
        if self.column.is_empty() { write!(f, "{}", self.matched) } else { write!(f, "{}: \"{}\"", self.column, self.matched) }
    }
}

/// The form of vitamin D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DForm {
    D3,
    D2,
    /// 25-hydroxy-D3 as an ingredient: a different form, not D3.
    Calcifediol,
    Unknown,
}

impl DForm {
    /// The audit.csv spelling (`calcifediol` has no column value of its own: `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            DForm::D3 => "D3",
            DForm::D2 => "D2",
            DForm::Calcifediol | DForm::Unknown => "unknown",
        }
    }
}

/// A form of vitamin K.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KForm {
    K1,
    Mk4,
    Mk7,
    Mk9,
}

impl KForm {
    pub const ALL: [KForm; 4] = [KForm::K1, KForm::Mk4, KForm::Mk7, KForm::Mk9];

    pub fn as_str(self) -> &'static str {
        match self {
            KForm::K1 => "K1",
            KForm::Mk4 => "MK-4",
            KForm::Mk7 => "MK-7",
            KForm::Mk9 => "MK-9",
        }
    }

    pub fn parse(s: &str) -> Option<KForm> {
        let f: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
        match f.as_str() {
            "K1" => Some(KForm::K1),
            "MK4" => Some(KForm::Mk4),
            "MK7" => Some(KForm::Mk7),
            "MK9" => Some(KForm::Mk9),
            _ => None,
        }
    }

    pub fn is_k2(self) -> bool {
        self != KForm::K1
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of vitamin K forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KForms(u8);

impl KForms {
    pub fn insert(&mut self, f: KForm) {
        self.0 |= f.bit();
    }
    pub fn contains(self, f: KForm) -> bool {
        self.0 & f.bit() != 0
    }
    /// K2 named without a form beside K1 ("K2 | K1"): the set is then not K1 only, and
    /// [`KForms::join`] says `K2`; [`KForms::iter`] yields the named forms alone.
    pub fn insert_k2_unstated(&mut self) {
        self.0 |= K2_UNSTATED;
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = KForm> {
        KForm::ALL.into_iter().filter(move |f| self.contains(*f))
    }
    pub fn only(self, f: KForm) -> bool {
        self.0 == f.bit()
    }
    pub fn has_k2(self) -> bool {
        self.0 & K2_UNSTATED != 0 || self.iter().any(KForm::is_k2)
    }
    pub fn from_forms(forms: impl IntoIterator<Item = KForm>) -> KForms {
        let mut s = KForms::default();
        for f in forms {
            s.insert(f);
        }
        s
    }
    /// `K1+MK-7`, or `unknown` when empty.
    pub fn join(self) -> String {
        if self.is_empty() {
            return "unknown".into();
        }
        let unstated = (self.0 & K2_UNSTATED != 0).then_some("K2");
        self.iter().map(KForm::as_str).chain(unstated).collect::<Vec<_>>().join("+")
    }
}

/// The bit of [`KForms`] for a K2 whose form is not stated (above every [`KForm`]'s bit).
const K2_UNSTATED: u8 = 1 << 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DosageForm {
    Liquid,
    Softgel,
    Capsule,
    Tablet,
    Chewable,
    Gummy,
    Lozenge,
    Powder,
    Spray,
    Unknown,
}

impl DosageForm {
    pub const ALL: [DosageForm; 10] = [
        DosageForm::Liquid,
        DosageForm::Softgel,
        DosageForm::Capsule,
        DosageForm::Tablet,
        DosageForm::Chewable,
        DosageForm::Gummy,
        DosageForm::Lozenge,
        DosageForm::Powder,
        DosageForm::Spray,
        DosageForm::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DosageForm::Liquid => "liquid",
            DosageForm::Softgel => "softgel",
            DosageForm::Capsule => "capsule",
            DosageForm::Tablet => "tablet",
            DosageForm::Chewable => "chewable",
            DosageForm::Gummy => "gummy",
            DosageForm::Lozenge => "lozenge",
            DosageForm::Powder => "powder",
            DosageForm::Spray => "spray",
            DosageForm::Unknown => "unknown",
        }
    }

    /// Dry forms hold the vitamins in a solid matrix rather than an oil.
    pub fn is_dry(self) -> bool {
        matches!(
            self,
            DosageForm::Capsule | DosageForm::Tablet | DosageForm::Chewable | DosageForm::Gummy | DosageForm::Lozenge | DosageForm::Powder
        )
    }

    /// When one text names several forms, the more specific wins ("chewable tablets" is chewable,
    /// "liquid softgels" is softgel, "lozenge tablets" is lozenge).
    fn priority(self) -> u8 {
        match self {
            DosageForm::Lozenge => 0,
            DosageForm::Chewable => 1,
            DosageForm::Gummy => 2,
            DosageForm::Spray => 3,
            DosageForm::Softgel => 4,
            DosageForm::Capsule => 5,
            DosageForm::Tablet => 6,
            DosageForm::Powder => 7,
            DosageForm::Liquid => 8,
            DosageForm::Unknown => 9,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oil {
    Mct,
    Olive,
    Coconut,
    Sunflower,
    Safflower,
    Flaxseed,
    Hemp,
    Fish,
    Avocado,
    Other,
}

impl Oil {
    pub const ALL: [Oil; 10] =
        [Oil::Mct, Oil::Olive, Oil::Coconut, Oil::Sunflower, Oil::Safflower, Oil::Flaxseed, Oil::Hemp, Oil::Fish, Oil::Avocado, Oil::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Oil::Mct => "MCT",
            Oil::Olive => "olive",
            Oil::Coconut => "coconut",
            Oil::Sunflower => "sunflower",
            Oil::Safflower => "safflower",
            Oil::Flaxseed => "flaxseed",
            Oil::Hemp => "hemp",
            Oil::Fish => "fish",
            Oil::Avocado => "avocado",
            Oil::Other => "other",
        }
    }
}

/// A set of carrier oils.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Oils(u16);

impl Oils {
    pub fn insert(&mut self, o: Oil) {
        self.0 |= 1 << (o as u16);
    }
    pub fn remove(&mut self, o: Oil) {
        self.0 &= !(1 << (o as u16));
    }
    pub fn contains(self, o: Oil) -> bool {
        self.0 & (1 << (o as u16)) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Oil> {
        Oil::ALL.into_iter().filter(move |o| self.contains(*o))
    }
    pub fn join(self) -> String {
        self.iter().map(Oil::as_str).collect::<Vec<_>>().join("+")
    }
}

/// A certification or claim, by its canonical id (POLICY.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cert {
    NsfSport,
    NsfContents,
    UspVerified,
    InformedSport,
    InformedChoice,
    Bscg,
    Gmp,
    ThirdPartyTested,
    NonGmo,
    GlutenFree,
    SoyFree,
    DairyFree,
    Vegan,
    Hypoallergenic,
    Kosher,
    Halal,
}

impl Cert {
    pub const ALL: [Cert; 16] = [
        Cert::NsfSport,
        Cert::NsfContents,
        Cert::UspVerified,
        Cert::InformedSport,
        Cert::InformedChoice,
        Cert::Bscg,
        Cert::Gmp,
        Cert::ThirdPartyTested,
        Cert::NonGmo,
        Cert::GlutenFree,
        Cert::SoyFree,
        Cert::DairyFree,
        Cert::Vegan,
        Cert::Hypoallergenic,
        Cert::Kosher,
        Cert::Halal,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Cert::NsfSport => "nsf_sport",
            Cert::NsfContents => "nsf_contents",
            Cert::UspVerified => "usp_verified",
            Cert::InformedSport => "informed_sport",
            Cert::InformedChoice => "informed_choice",
            Cert::Bscg => "bscg",
            Cert::Gmp => "gmp",
            Cert::ThirdPartyTested => "third_party_tested",
            Cert::NonGmo => "non_gmo",
            Cert::GlutenFree => "gluten_free",
            Cert::SoyFree => "soy_free",
            Cert::DairyFree => "dairy_free",
            Cert::Vegan => "vegan",
            Cert::Hypoallergenic => "hypoallergenic",
            Cert::Kosher => "kosher",
            Cert::Halal => "halal",
        }
    }

    pub fn from_id(s: &str) -> Option<Cert> {
        Cert::ALL.into_iter().find(|c| c.id() == s)
    }

    /// Human name for reports.
    pub fn label(self) -> &'static str {
        match self {
            Cert::NsfSport => "NSF Certified for Sport",
            Cert::NsfContents => "NSF/ANSI 173 (NSF Certified)",
            Cert::UspVerified => "USP Verified",
            Cert::InformedSport => "Informed Sport",
            Cert::InformedChoice => "Informed Choice",
            Cert::Bscg => "BSCG Certified Drug Free",
            Cert::Gmp => "GMP / cGMP",
            Cert::ThirdPartyTested => "third-party tested (self-claim)",
            Cert::NonGmo => "non-GMO",
            Cert::GlutenFree => "gluten-free",
            Cert::SoyFree => "soy-free",
            Cert::DairyFree => "dairy-free",
            Cert::Vegan => "vegan",
            Cert::Hypoallergenic => "hypoallergenic",
            Cert::Kosher => "kosher",
            Cert::Halal => "halal",
        }
    }
}

/// A set of certifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Certs(u32);

impl Certs {
    pub fn insert(&mut self, c: Cert) {
        self.0 |= 1 << (c as u32);
    }
    pub fn contains(self, c: Cert) -> bool {
        self.0 & (1 << (c as u32)) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Cert> {
        Cert::ALL.into_iter().filter(move |c| self.contains(*c))
    }
    pub fn any_of(self, list: &[Cert]) -> bool {
        list.iter().any(|c| self.contains(*c))
    }
    /// Ids `+`-joined in sorted order (SPEC §5).
    pub fn join(self) -> String {
        let mut ids: Vec<&str> = self.iter().map(Cert::id).collect();
        ids.sort_unstable();
        ids.join("+")
    }
}

/// What the label says about vitamin D.
#[derive(Debug, Clone, PartialEq)]
pub struct VitaminD {
    pub form: DForm,
    pub form_evidence: Option<Evidence>,
    /// Per serving, in IU (1 µg = 40 IU).
    pub iu_per_serving: Option<f64>,
    pub amount_evidence: Option<Evidence>,
    /// Why the amount is unknown or doubtful (missing, unreadable, units disagree, sources disagree).
    pub amount_problem: Option<String>,
    /// Why the form is doubtful (e.g. the title and the form column disagree).
    pub form_problem: Option<String>,
}

/// What the label says about vitamin K.
#[derive(Debug, Clone, PartialEq)]
pub struct VitaminK {
    /// Empty when vitamin K is present but no form is stated (`unknown`).
    pub forms: KForms,
    pub form_evidence: Option<Evidence>,
    /// Menaquinones (all K2 forms) per serving, in µg.
    pub k2_mcg_per_serving: Option<f64>,
    /// MK-4 alone per serving, in µg (for the therapeutic MK-4 rule).
    pub mk4_mcg_per_serving: Option<f64>,
    /// Phylloquinone per serving, in µg.
    pub k1_mcg_per_serving: Option<f64>,
    pub amount_evidence: Option<Evidence>,
    pub amount_problem: Option<String>,
    pub form_problem: Option<String>,
}

/// The labelled sections of a record's free text ("Warnings:", "Other ingredients:"), each
/// quoting its heading and body: they carry the warning and the ingredients for the product
/// (SPEC §8).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelSections {
    pub warnings: Option<Evidence>,
    pub ingredients: Option<Evidence>,
}

impl LabelSections {
    /// The facts the sections carry.
    pub fn carried(&self) -> impl Iterator<Item = Fact> {
        let w = self.warnings.as_ref().map(|_| Fact::WarfarinWarning);
        let i = self.ingredients.as_ref().map(|_| Fact::CarrierOil);
        w.into_iter().chain(i)
    }
}

/// Every fact extracted from one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub d: Option<VitaminD>,
    pub k: Option<VitaminK>,
    /// Servings per day (directions' maximum; 1 when nothing says otherwise).
    pub servings_per_day: f64,
    pub servings_evidence: Option<Evidence>,
    pub dosage_form: DosageForm,
    pub dosage_evidence: Option<Evidence>,
    pub oils: Oils,
    pub oil_evidence: Option<Evidence>,
    pub certs: Certs,
    pub cert_evidence: Option<Evidence>,
    pub warfarin: Option<Evidence>,
    /// The facts the record carries (SPEC §8): its catalogue has a column for them and its cell
    /// is filled, or its free text holds a labelled section for them.
    pub carried: Carried,
    /// The labelled sections of the record's free text that carry a fact.
    pub sections: LabelSections,
    /// Where each fact came from (its own column or free text), for the coverage counts.
    pub sources: Sources,
    /// The listing's GTIN, children's words and dates (SPEC §13).
    pub listing: Listing,
}

impl Facts {
    /// Every evidence the facts hold.
    fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        let d = self.d.as_mut().map(|d| [&mut d.form_evidence, &mut d.amount_evidence]);
        let k = self.k.as_mut().map(|k| [&mut k.form_evidence, &mut k.amount_evidence]);
        let rest = [
            &mut self.servings_evidence,
            &mut self.dosage_evidence,
            &mut self.oil_evidence,
            &mut self.cert_evidence,
            &mut self.warfarin,
            &mut self.sections.warnings,
            &mut self.sections.ingredients,
        ];
        d.into_iter().flatten().chain(k.into_iter().flatten()).chain(rest).filter_map(Option::as_mut)
    }

    pub fn has_d(&self) -> bool {
        self.d.is_some()
    }
    pub fn has_k(&self) -> bool {
        self.k.is_some()
    }
    /// In scope: some vitamin D or K was found.
    pub fn in_scope(&self) -> bool {
        self.has_d() || self.has_k()
    }
    /// Vitamin D per day in IU, when known.
    pub fn d3_iu_per_day(&self) -> Option<f64> {
        self.d.as_ref().and_then(|d| d.iu_per_serving).map(|v| v * self.servings_per_day)
    }
    /// Vitamin K2 (all menaquinones) per day in µg, when known.
    pub fn k2_mcg_per_day(&self) -> Option<f64> {
        self.k.as_ref().and_then(|k| k.k2_mcg_per_serving).map(|v| v * self.servings_per_day)
    }
    pub fn mk4_mcg_per_day(&self) -> Option<f64> {
        self.k.as_ref().and_then(|k| k.mk4_mcg_per_serving).map(|v| v * self.servings_per_day)
    }
    /// All vitamin K per day in µg (K1 + K2), when known.
    pub fn k_total_mcg_per_day(&self) -> Option<f64> {
        let k = self.k.as_ref()?;
        match (k.k2_mcg_per_serving, k.k1_mcg_per_serving) {
            (None, None) => None,
            (a, b) => Some((a.unwrap_or(0.0) + b.unwrap_or(0.0)) * self.servings_per_day),
        }
    }
    /// µg K2 per 1,000 IU D3 per day.
    pub fn k2_per_1000_iu(&self) -> Option<f64> {
        let d = self.d3_iu_per_day()?;
        let k = self.k2_mcg_per_day()?;
        if d > 0.0 { Some(k / d * 1000.0) } else { None }
    }
}

/// Extracts the facts of one record, each with its evidence quoted. `scratch` holds reusable
/// buffers (one per worker thread).
pub fn extract(rec: &Record, cols: &ColumnMap, scratch: &mut Scratch) -> Facts {
    let mut facts = label::extract(rec, cols, scratch);
    for ev in facts.evidence_mut() {
        label::quote_pending(ev, rec, scratch);
    }
    facts
}

/// Extracts the facts of one record without quoting their evidence: the audit quotes only the
/// evidence its findings carry, with [`quote_evidence`], before the next record is extracted.
pub(crate) fn extract_unquoted(rec: &Record, cols: &ColumnMap, scratch: &mut Scratch) -> Facts {
    label::extract(rec, cols, scratch)
}

/// Writes the quote of evidence taken from `rec` by the last extraction with `scratch` (nothing
/// for evidence already quoted).
pub(crate) fn quote_evidence(ev: &mut Evidence, rec: &Record, scratch: &Scratch) {
    label::quote_pending(ev, rec, scratch);
}

/// Fields whose free text may state vitamins, in the order they are trusted.
pub(crate) const VITAMIN_TEXT_FIELDS: [Field; 5] =
    [Field::Ingredients, Field::Product, Field::Description, Field::OtherIngredients, Field::Directions];
