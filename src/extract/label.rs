//! Builds a record's [`Facts`] from its fields: own columns first, free text where they are
//! empty, evidence for every fact, and a problem note wherever the label is unreadable or
//! contradicts itself.

use std::sync::Arc;

use super::amount::{AmountGroup, Unit, agree_within, scan_quantities};
use super::servings::{may_name_frequency, parse_directions_adult, per_units_in_text, serving_units_range};
use super::text::{Norm, quote};
use super::vitamins::{Family, Mention, VitaminScratch, analyse};
use super::vocab::{DAnchor, Heading, Hit, Tok, scan};
use super::*;
use crate::ingest::{ColumnMap, FIELD_COUNT, Field, Record, UnitHint};
use crate::numfmt::human_amount;

/// Units of one label must agree within this (POLICY.md: 2 %).
pub const DUAL_UNIT_TOLERANCE: f64 = 0.02;

/// Reusable per-thread buffers.
pub struct Scratch {
    norms: Vec<Norm>,
    hits: Vec<Vec<Hit>>,
    vit: VitaminScratch,
    /// Each field's vitamin mentions with their amounts, analysed at most once per record.
    mentions: Vec<Vec<Mention>>,
    analysed: [bool; FIELD_COUNT],
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            norms: (0..FIELD_COUNT).map(|_| Norm::new()).collect(),
            hits: vec![Vec::new(); FIELD_COUNT],
            vit: VitaminScratch::default(),
            mentions: vec![Vec::new(); FIELD_COUNT],
            analysed: [false; FIELD_COUNT],
        }
    }
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

/// Fields that are normalised and scanned.
const SCANNED: [Field; 14] = [
    Field::Product,
    Field::Description,
    Field::VitaminD,
    Field::VitaminDForm,
    Field::VitaminK,
    Field::VitaminKForm,
    Field::DosageForm,
    Field::ServingSize,
    Field::ServingsPerDay,
    Field::Ingredients,
    Field::OtherIngredients,
    Field::Certifications,
    Field::Warnings,
    Field::Directions,
];

/// A value that means "nothing here".
pub fn is_blank(v: &str) -> bool {
    let t = v.trim().trim_matches(|c: char| c == '"' || c == '\'').trim();
    t.is_empty()
        || matches!(
            t.to_ascii_lowercase().as_str(),
            "n/a"
                | "na"
                | "n.a."
                | "none"
                | "-"
                | "--"
                | "---"
                | "—"
                | "–"
                | "0"
                | "null"
                | "nil"
                | "nan"
                | "not applicable"
                | "keine"
                | "ohne"
                | "/"
                | "?"
                | "0 iu"
                | "0 mcg"
                | "0 µg"
        )
}

struct Ctx<'a> {
    rec: &'a Record,
    cols: &'a ColumnMap,
}

impl Ctx<'_> {
    fn col(&self, f: Field) -> Arc<str> {
        self.cols.name(f)
    }
    /// The evidence of `start..end` in the field's normalised text, quoted later (see [`Evidence`]).
    fn evidence(&self, f: Field, start: usize, end: usize) -> Evidence {
        Evidence::pending(self.col(f), Pending::Quote { field: f, start, end })
    }
    fn whole(&self, f: Field) -> Evidence {
        Evidence::pending(self.col(f), Pending::Whole(f))
    }
    /// The quoted text of an evidence, for a problem message written during extraction.
    fn quoted(&self, s: &Scratch, ev: &mut Evidence) -> String {
        quote_pending(ev, self.rec, s);
        ev.matched.clone()
    }
}

/// Writes a pending evidence's quote from the record and the normalised texts of its extraction.
pub(super) fn quote_pending(ev: &mut Evidence, rec: &Record, s: &Scratch) {
    if let Some(p) = ev.pending.take() {
        ev.matched = match p {
            Pending::Quote { field, start, end } => quote(rec.get(field), &s.norms[field.index()], start, end),
            Pending::Whole(field) => text::clip(rec.get(field), 120),
        };
    }
}

pub fn extract(rec: &Record, cols: &ColumnMap, s: &mut Scratch) -> Facts {
    s.analysed = [false; FIELD_COUNT];
    for f in SCANNED {
        let i = f.index();
        s.hits[i].clear();
        let v = rec.get(f);
        if v.is_empty() {
            s.norms[i].set("");
            continue;
        }
        s.norms[i].set(v);
        scan(&s.norms[i].text, &mut s.hits[i]);
    }
    let cx = Ctx { rec, cols };
    let (servings_per_day, servings_evidence) = servings(&cx, s);
    let d = vitamin_d(&cx, s);
    let k = vitamin_k(&cx, s);
    let (dosage_form, dosage_evidence) = dosage(&cx, s);
    let (oils, oil_evidence) = oils(&cx, s);
    let (certs, cert_evidence) = certs(&cx, s);
    let warfarin = warfarin(&cx, s);
    let sections = sections(&cx, s);
    let mut facts = Facts {
        d,
        k,
        servings_per_day,
        servings_evidence,
        dosage_form,
        dosage_evidence,
        oils,
        oil_evidence,
        certs,
        cert_evidence,
        warfarin,
        carried: Carried::of_record(cols, rec, sections.carried()),
        sections,
        sources: Sources::default(),
        listing: super::listing::read(rec, cols),
    };
    facts.sources = coverage::sources(&facts, cols);
    facts
}

// ---------------------------------------------------------------- vitamins

/// What one field says about one vitamin.
#[derive(Default)]
struct Seen {
    present: bool,
    /// Specific D forms (bit 0 D3, 1 D2, 2 calcifediol) or K forms, with the first span.
    d_forms: u8,
    k_forms: KForms,
    k2_generic: bool,
    /// A mention says K2 and names no form ("K2 | K1": not "K2 (as phylloquinone)").
    k2_alone: bool,
    form_span: Option<(usize, usize)>,
    /// Amounts with the mention they belong to.
    amounts: Vec<(MentionKind, AmountGroup, usize, usize)>,
    /// An amount written for this vitamin and the other together (see `Mention::shared`), with
    /// the span from the first mention to the amount's end.
    shared: Option<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MentionKind {
    D,
    K1,
    K2 {
        mk4_only: bool,
    },
    /// K1 and K2 stated together with one amount.
    KMixed,
    /// "Vitamin K" with nothing more.
    KGeneric,
}

fn d_bits(m: &Mention) -> u8 {
    (m.d3 as u8) | ((m.d2 as u8) << 1) | ((m.calcifediol as u8) << 2)
}

fn k_kind(m: &Mention) -> MentionKind {
    if m.k_forms.contains(KForm::K1) && (m.k_forms.has_k2() || m.k2_generic) {
        MentionKind::KMixed
    } else if m.k_forms.only(KForm::K1) {
        MentionKind::K1
    } else if m.k_forms.has_k2() || m.k2_generic {
        MentionKind::K2 { mk4_only: m.k_forms.only(KForm::Mk4) }
    } else {
        MentionKind::KGeneric
    }
}

/// Analyses one free-text field for one vitamin family.
fn seen_in(s: &mut Scratch, f: Field, fam: Family) -> Seen {
    let i = f.index();
    let mut seen = Seen::default();
    if s.hits[i].iter().all(|h| {
        !matches!((h.tok, fam), (Tok::D(a), Family::D) if a != DAnchor::BloodTest) && !matches!((h.tok, fam), (Tok::K(_), Family::K))
    }) {
        return seen;
    }
    if !s.analysed[i] {
        analyse(&s.norms[i].text, &s.hits[i], DUAL_UNIT_TOLERANCE, &mut s.vit);
        s.mentions[i].clear();
        s.mentions[i].extend_from_slice(&s.vit.mentions);
        s.analysed[i] = true;
    }
    for m in s.mentions[i].iter().filter(|m| m.family == fam) {
        seen.present = true;
        if let Some(g) = m.shared
            && seen.shared.is_none()
        {
            seen.shared = Some((m.start.min(g.start), m.end.max(g.end)));
        }
        match fam {
            Family::D => {
                let b = d_bits(m);
                if b != 0 && seen.d_forms == 0 {
                    seen.form_span = Some((m.start, m.end));
                }
                seen.d_forms |= b;
                if let Some(g) = m.amount {
                    seen.amounts.push((MentionKind::D, g, m.start, m.end));
                }
            }
            Family::K => {
                if !m.k_forms.is_empty() && seen.k_forms.is_empty() {
                    seen.form_span = Some((m.start, m.end));
                }
                for kf in m.k_forms.iter() {
                    seen.k_forms.insert(kf);
                }
                seen.k2_generic |= m.k2_generic;
                seen.k2_alone |= m.k2_generic && m.k_forms.is_empty();
                if let Some(g) = m.amount {
                    seen.amounts.push((k_kind(m), g, m.start, m.end));
                }
            }
            Family::Other => {}
        }
    }
    seen
}

/// Vitamin D in IU from an amount group; `Err` explains a disagreement between its two units.
fn d_iu(g: &AmountGroup) -> Result<f64, String> {
    let from_mass = g.mass.and_then(|q| q.d_mcg()).map(|mcg| mcg * 40.0);
    match (g.iu.map(|q| q.value), from_mass) {
        (Some(iu), Some(m)) if !agree_within(iu, m, DUAL_UNIT_TOLERANCE) => {
            Err(format!("the label's two units disagree: {} is {} IU, not {} IU", mass_text(g), human_amount(m), human_amount(iu)))
        }
        (Some(iu), _) => Ok(iu),
        (None, Some(m)) => Ok(m),
        (None, None) => Err("no amount".into()),
    }
}

fn mass_text(g: &AmountGroup) -> String {
    match g.mass {
        Some(q) => format!("{} {}", human_amount(q.value), if q.unit == Unit::Mg { "mg" } else { "µg" }),
        None => String::new(),
    }
}

/// Amount of an own amount column: its quantities, or a bare number with the header's unit.
enum ColumnAmount {
    Absent,
    Amounts(Vec<(MentionKind, AmountGroup, usize, usize)>),
    Unreadable(String),
}

fn column_amount(cx: &Ctx, s: &mut Scratch, f: Field, default_kind: MentionKind) -> ColumnAmount {
    let raw = cx.rec.get(f);
    if is_blank(raw) {
        return ColumnAmount::Absent;
    }
    let i = f.index();
    // A column may hold several forms ("MK-4 1000 mcg, MK-7 100 mcg"): read it like free text.
    let fam = if matches!(default_kind, MentionKind::D) { Family::D } else { Family::K };
    let seen = seen_in(s, f, fam);
    if !seen.amounts.is_empty() {
        let amounts =
            seen.amounts.into_iter().map(|(k, g, a, b)| (if k == MentionKind::KGeneric { default_kind } else { k }, g, a, b)).collect();
        return ColumnAmount::Amounts(amounts);
    }
    let text = s.norms[i].text.as_str();
    let mut qs = Vec::new();
    scan_quantities(text, &mut qs);
    if !qs.is_empty() {
        let mut groups = Vec::new();
        super::amount::group(text, &qs, DUAL_UNIT_TOLERANCE, &mut groups);
        let g = groups[0];
        return ColumnAmount::Amounts(vec![(default_kind, g, g.start, g.end)]);
    }
    // A bare number: the unit comes from the header or the mapping file.
    let bare = text.trim().trim_end_matches(['.', '*']).trim_end();
    let hint = cx.cols.unit_hints[i].map(|h| match h {
        UnitHint::Iu => Unit::Iu,
        UnitHint::Mcg => Unit::Mcg,
        UnitHint::Mg => Unit::Mg,
    });
    if let Some(bq) = amount::parse_bare_quantity(bare, hint.unwrap_or(Unit::Iu))
        && bq.value.is_finite()
    {
        return match hint {
            Some(unit) => {
                let q = amount::Quantity { unit, end: text.len(), ..bq };
                let g = if unit == Unit::Iu {
                    AmountGroup { iu: Some(q), mass: None, start: 0, end: text.len() }
                } else {
                    AmountGroup { iu: None, mass: Some(q), start: 0, end: text.len() }
                };
                ColumnAmount::Amounts(vec![(default_kind, g, 0, text.len())])
            }
            None => ColumnAmount::Unreadable(format!("\"{}\" has no unit (IU, µg or mg)", text::clip(raw, 60))),
        };
    }
    ColumnAmount::Unreadable(format!("\"{}\" could not be read as an amount", text::clip(raw, 60)))
}

fn d_form_of(bits: u8) -> Option<DForm> {
    match bits {
        0 => None,
        b if b & 4 != 0 => Some(DForm::Calcifediol),
        1 => Some(DForm::D3),
        2 => Some(DForm::D2),
        _ => Some(DForm::D3), // "D3 (not D2)": the D3 named wins; a conflict is noted by the caller
    }
}

/// A vitamin D amount as found (or why not), with its evidence and source field.
type DAmount = (Result<f64, String>, Evidence, Field);

/// What a record's fields say about vitamin D, gathered in order of trust before it is checked.
#[derive(Default)]
struct DFound {
    present: bool,
    form: Option<(DForm, Evidence)>,
    form_problem: Option<String>,
    amount: Option<DAmount>,
    /// The title's own form and amount: the chosen ones must agree with them.
    title_form: Option<(DForm, Evidence)>,
    title_amount: Option<(f64, Evidence)>,
    /// An amount the text gives to vitamin D and K together: used when no field states one.
    shared: Option<DAmount>,
}

fn vitamin_d(cx: &Ctx, s: &mut Scratch) -> Option<VitaminD> {
    let mut d = DFound::default();
    d_form_column(cx, s, &mut d);
    d_amount_column(cx, s, &mut d);
    d_free_text(cx, s, &mut d);
    if !d.present {
        return None;
    }
    if d.amount.is_none() {
        d.amount = d.shared.take();
    }
    let (iu, amount_evidence, amount_problem) = d_amount_checked(cx, s, d.amount, d.title_amount.as_ref());
    let form_problem = d.form_problem.or_else(|| d_forms_disagree(cx, s, d.form.as_ref(), d.title_form.as_ref()));
    let (form, form_evidence) = match d.form {
        Some((f, ev)) => (f, Some(ev)),
        None => (DForm::Unknown, None),
    };
    Some(VitaminD { form, form_evidence, iu_per_serving: iu, amount_evidence, amount_problem, form_problem })
}

/// The own form column: a known form (a D3 source counts as D3), or a problem quoting it.
fn d_form_column(cx: &Ctx, s: &mut Scratch, d: &mut DFound) {
    let fcol = cx.rec.get(Field::VitaminDForm);
    if is_blank(fcol) {
        return;
    }
    d.present = true;
    let seen = seen_in(s, Field::VitaminDForm, Family::D);
    let n = &s.norms[Field::VitaminDForm.index()].text;
    let f = d_form_of(seen.d_forms)
        .or_else(|| (n.contains("lanolin") || n.contains("lichen") || n.contains("fish liver") || n.contains("wool")).then_some(DForm::D3));
    match f {
        Some(f) => d.form = Some((f, cx.whole(Field::VitaminDForm))),
        None => d.form_problem = Some(format!("vitamin D form \"{}\" is not a known form", text::clip(fcol, 60))),
    }
}

/// The own amount column, and the form it names when the form column named none.
fn d_amount_column(cx: &Ctx, s: &mut Scratch, d: &mut DFound) {
    match column_amount(cx, s, Field::VitaminD, MentionKind::D) {
        ColumnAmount::Absent => {}
        ColumnAmount::Amounts(a) => {
            d.present = true;
            if let Some((_, g, st, en)) = a.first() {
                d.amount = Some((d_iu(g), cx.evidence(Field::VitaminD, *st, *en.max(&g.end)), Field::VitaminD));
            }
        }
        ColumnAmount::Unreadable(msg) => {
            d.present = true;
            d.amount = Some((Err(format!("vitamin D amount {msg}")), cx.whole(Field::VitaminD), Field::VitaminD));
        }
    }
    if d.form.is_none() {
        let seen = seen_in(s, Field::VitaminD, Family::D);
        if let (Some(f), Some((a, b))) = (d_form_of(seen.d_forms), seen.form_span) {
            d.form = Some((f, cx.evidence(Field::VitaminD, a, b)));
        }
    }
}

/// Why an amount written after "D3 and K2" (or "K2 and D3") is neither vitamin's.
const SHARED: &str = "one amount is written for vitamin D and vitamin K together; the label must say which vitamin it is";

/// Free text, in order of trust: fills the form and the amount the columns left open, and notes
/// what the title says.
fn d_free_text(cx: &Ctx, s: &mut Scratch, d: &mut DFound) {
    let mut title_read = false;
    for f in VITAMIN_TEXT_FIELDS {
        // Once the form and the amount are known and the title has been read, later fields
        // change nothing.
        if title_read && d.form.is_some() && d.amount.is_some() {
            break;
        }
        title_read |= f == Field::Product;
        let seen = seen_in(s, f, Family::D);
        if !seen.present {
            continue;
        }
        d.present = true;
        let this_form = d_form_of(seen.d_forms).and_then(|df| seen.form_span.map(|(a, b)| (df, cx.evidence(f, a, b))));
        if f == Field::Product {
            d.title_form = this_form.clone();
        }
        if d.form.is_none() {
            d.form = this_form;
        }
        if let Some((a, b)) = seen.shared
            && d.shared.is_none()
        {
            d.shared = Some((Err(format!("vitamin D: {SHARED}")), cx.evidence(f, a, b), f));
        }
        if let Some((_, g, st, _)) = seen.amounts.first() {
            let ev = cx.evidence(f, *st, g.end);
            let v = d_iu(g);
            if f == Field::Product
                && let Ok(x) = v
            {
                d.title_amount = Some((x, ev.clone()));
            }
            if d.amount.is_none() {
                d.amount = Some((v, ev, f));
            }
        }
    }
}

/// The amount in IU with its evidence, or the problem with it: unreadable, missing, or not what
/// the title says.
fn d_amount_checked(
    cx: &Ctx,
    s: &Scratch,
    amount: Option<DAmount>,
    title: Option<&(f64, Evidence)>,
) -> (Option<f64>, Option<Evidence>, Option<String>) {
    match amount {
        Some((Ok(v), mut ev, src)) => {
            let problem = title.filter(|(t, _)| src != Field::Product && !agree_within(v, *t, DUAL_UNIT_TOLERANCE)).map(|(t, tev)| {
                let quoted = cx.quoted(s, &mut ev);
                format!(
                    "vitamin D amounts disagree: {} \"{}\" is {} IU but {} \"{}\" is {} IU",
                    ev.column,
                    quoted,
                    human_amount(v),
                    tev.column,
                    cx.quoted(s, &mut tev.clone()),
                    human_amount(*t)
                )
            });
            (problem.is_none().then_some(v), Some(ev), problem)
        }
        Some((Err(msg), mut ev, _)) => {
            let problem = if msg.starts_with("vitamin D") { msg } else { format!("vitamin D {}: {msg}", cx.quoted(s, &mut ev)) };
            (None, Some(ev), Some(problem))
        }
        None => (None, None, Some("no vitamin D amount found".into())),
    }
}

/// A problem when the chosen form is not the one the title names.
fn d_forms_disagree(cx: &Ctx, s: &Scratch, form: Option<&(DForm, Evidence)>, title: Option<&(DForm, Evidence)>) -> Option<String> {
    let ((f, ev), (tf, tev)) = (form?, title?);
    (f != tf).then(|| {
        format!(
            "vitamin D forms disagree: {} \"{}\" says {} but {} \"{}\" says {}",
            ev.column,
            cx.quoted(s, &mut ev.clone()),
            f.as_str(),
            tev.column,
            cx.quoted(s, &mut tev.clone()),
            tf.as_str()
        )
    })
}

/// Vitamin K amounts as found (or why not), with their evidence and source field.
type KAmounts = (Result<Vec<(MentionKind, AmountGroup)>, String>, Evidence, Field);

/// What a record's fields say about vitamin K, gathered in order of trust before it is checked.
#[derive(Default)]
struct KFound {
    present: bool,
    forms: Option<(KForms, Evidence)>,
    form_problem: Option<String>,
    /// Some field (or the amount column's header) says K2 without naming a form: an amount of
    /// "vitamin K" with no form named is then K2.
    any_k2_word: bool,
    amounts: Option<KAmounts>,
    /// An amount the text gives to vitamin D and K together: used when no field states one.
    shared: Option<KAmounts>,
}

/// Vitamin K per serving by form (µg), with the amounts' evidence and the problem with them.
#[derive(Default)]
struct KTotals {
    k2: Option<f64>,
    mk4: Option<f64>,
    k1: Option<f64>,
    evidence: Option<Evidence>,
    problem: Option<String>,
}

fn vitamin_k(cx: &Ctx, s: &mut Scratch) -> Option<VitaminK> {
    let mut k = KFound { any_k2_word: fold_has_k2(cx.cols, Field::VitaminK), ..KFound::default() };
    k_form_column(cx, s, &mut k);
    k_amount_column(cx, s, &mut k);
    k_free_text(cx, s, &mut k);
    if !k.present {
        return None;
    }
    if k.amounts.is_none() {
        k.amounts = k.shared.take();
    }
    let (forms, form_evidence) = match k.forms {
        Some((f, ev)) => (f, Some(ev)),
        None => (KForms::default(), None),
    };
    let mut t = match k.amounts {
        Some((Ok(list), ev, _)) => k_totals(cx, s, &list, ev, forms, k.any_k2_word),
        Some((Err(msg), ev, _)) => KTotals { evidence: Some(ev), problem: Some(msg), ..KTotals::default() },
        None => KTotals { problem: Some("no vitamin K amount found".into()), ..KTotals::default() },
    };
    // K1 only: the product has no K2 at all, so K2 is zero rather than unknown.
    if forms.only(KForm::K1) && t.k2.is_none() {
        t.problem = t.problem.filter(|_| t.k1.is_none());
    }
    Some(VitaminK {
        forms,
        form_evidence,
        k2_mcg_per_serving: t.k2,
        mk4_mcg_per_serving: t.mk4,
        k1_mcg_per_serving: t.k1,
        amount_evidence: t.evidence,
        amount_problem: t.problem,
        form_problem: k.form_problem,
    })
}

/// The own form column: the forms it names, or a problem quoting it (a bare "K2" is no problem).
fn k_form_column(cx: &Ctx, s: &mut Scratch, k: &mut KFound) {
    let fcol = cx.rec.get(Field::VitaminKForm);
    if is_blank(fcol) {
        return;
    }
    k.present = true;
    let seen = seen_in(s, Field::VitaminKForm, Family::K);
    k.any_k2_word |= seen.k2_generic;
    if !seen.k_forms.is_empty() {
        k.forms = Some((seen.k_forms, cx.whole(Field::VitaminKForm)));
    } else if !seen.k2_generic {
        k.form_problem = Some(format!("vitamin K form \"{}\" is not a known form", text::clip(fcol, 60)));
    }
}

/// The own amount column, and the forms it names when the form column named none.
fn k_amount_column(cx: &Ctx, s: &mut Scratch, k: &mut KFound) {
    let default_kind = if k.any_k2_word { MentionKind::K2 { mk4_only: false } } else { MentionKind::KGeneric };
    match column_amount(cx, s, Field::VitaminK, default_kind) {
        ColumnAmount::Absent => {}
        ColumnAmount::Amounts(a) => {
            k.present = true;
            let (st, en) = (a.first().map_or(0, |x| x.2), a.last().map_or(0, |x| x.1.end.max(x.3)));
            k.amounts =
                Some((Ok(a.into_iter().map(|(kind, g, _, _)| (kind, g)).collect()), cx.evidence(Field::VitaminK, st, en), Field::VitaminK));
        }
        ColumnAmount::Unreadable(msg) => {
            k.present = true;
            k.amounts = Some((Err(format!("vitamin K amount {msg}")), cx.whole(Field::VitaminK), Field::VitaminK));
        }
    }
    let seen = seen_in(s, Field::VitaminK, Family::K);
    k.any_k2_word |= seen.k2_generic;
    if k.forms.is_none()
        && !seen.k_forms.is_empty()
        && let Some((a, b)) = seen.form_span
    {
        k.forms = Some((seen.k_forms, cx.evidence(Field::VitaminK, a, b)));
    }
}

/// Free text, in order of trust: fills the forms and the amounts the columns left open.
fn k_free_text(cx: &Ctx, s: &mut Scratch, k: &mut KFound) {
    for f in VITAMIN_TEXT_FIELDS {
        // Forms and amounts known: later fields change nothing (`any_k2_word` only matters
        // without forms).
        if k.forms.is_some() && k.amounts.is_some() {
            break;
        }
        let seen = seen_in(s, f, Family::K);
        if !seen.present || k_in_passing(f, &seen) {
            continue;
        }
        k.present = true;
        k.any_k2_word |= seen.k2_generic;
        if k.forms.is_none() && !seen.k_forms.is_empty() {
            k.forms = seen.form_span.map(|(a, b)| (seen.k_forms, cx.evidence(f, a, b)));
            // "K2 | K1": a K2 with no form beside K1 is not K1 only.
            if seen.k2_alone && !seen.k_forms.has_k2() && k.form_problem.is_none() {
                k.form_problem = Some("vitamin K2 is named beside K1 but its form (MK-7, MK-4...) is not stated".into());
                if let Some((forms, _)) = k.forms.as_mut() {
                    forms.insert_k2_unstated();
                }
            }
        }
        if let Some((a, b)) = seen.shared
            && k.shared.is_none()
        {
            k.shared = Some((Err(format!("vitamin K: {SHARED}")), cx.evidence(f, a, b), f));
        }
        if k.amounts.is_none() && !seen.amounts.is_empty() {
            let st = seen.amounts[0].2;
            let en = seen.amounts.iter().map(|a| a.1.end).max().unwrap_or(st);
            k.amounts = Some((Ok(seen.amounts.iter().map(|(kind, g, _, _)| (*kind, *g)).collect()), cx.evidence(f, st, en), f));
        }
    }
}

/// "Pair it with our K2 drops", "works well with vitamin K2": prose that names vitamin K with
/// neither an amount nor a form is no ingredient. The title and the ingredients list name
/// ingredients; other free text must give an amount or a form.
fn k_in_passing(f: Field, seen: &Seen) -> bool {
    !matches!(f, Field::Product | Field::Ingredients) && seen.amounts.is_empty() && seen.k_forms.is_empty()
}

/// Adds up the amounts in µg by form; an amount in IU, or one whose K2 share is unknown, is a
/// problem.
fn k_totals(cx: &Ctx, s: &Scratch, list: &[(MentionKind, AmountGroup)], mut ev: Evidence, forms: KForms, any_k2_word: bool) -> KTotals {
    let mut t = KTotals::default();
    let mut iu_seen = false;
    for (kind, g) in list {
        iu_seen |= g.iu.is_some();
        let Some(mcg) = g.mass.and_then(|q| q.k_mcg()) else { continue };
        match k_kind_given(*kind, forms, any_k2_word) {
            MentionKind::K1 => *t.k1.get_or_insert(0.0) += mcg,
            MentionKind::K2 { mk4_only } => {
                *t.k2.get_or_insert(0.0) += mcg;
                if mk4_only || forms.only(KForm::Mk4) {
                    *t.mk4.get_or_insert(0.0) += mcg;
                }
            }
            MentionKind::KMixed => {
                t.problem.get_or_insert_with(|| {
                    format!("one amount ({}) is given for K1 and K2 together; the K2 share is unknown", cx.quoted(s, &mut ev))
                });
            }
            MentionKind::KGeneric => {
                t.problem.get_or_insert_with(|| {
                    format!("vitamin K amount ({}) has no stated form; the K2 share is unknown", cx.quoted(s, &mut ev))
                });
            }
            MentionKind::D => {}
        }
    }
    if iu_seen {
        t.problem = Some(format!("vitamin K is given in IU (\"{}\"); vitamin K has no IU", cx.quoted(s, &mut ev)));
    }
    if t.k2.is_none() && t.k1.is_none() && t.problem.is_none() {
        t.problem = Some(format!("no vitamin K amount in µg (\"{}\")", cx.quoted(s, &mut ev)));
    }
    t.evidence = Some(ev);
    t
}

/// The kind an amount counts as, given the forms the record names: a generic "vitamin K" amount
/// is K2 when every form named is K2, K1 when K1 only; a K2 amount on a K1-only label is K1.
fn k_kind_given(kind: MentionKind, forms: KForms, any_k2_word: bool) -> MentionKind {
    match kind {
        MentionKind::KGeneric if !forms.is_empty() && !forms.contains(KForm::K1) => MentionKind::K2 { mk4_only: forms.only(KForm::Mk4) },
        MentionKind::KGeneric if forms.only(KForm::K1) => MentionKind::K1,
        MentionKind::KGeneric if forms.is_empty() && any_k2_word => MentionKind::K2 { mk4_only: false },
        MentionKind::K2 { .. } if forms.contains(KForm::K1) && !forms.has_k2() => MentionKind::K1,
        k => k,
    }
}

/// True when a column's header says K2 ("Vitamin K2 (mcg)").
fn fold_has_k2(cols: &ColumnMap, f: Field) -> bool {
    cols.names[f.index()].as_deref().is_some_and(|h| {
        let folded = crate::ingest::columns::fold_header(h);
        folded.contains("k2") || folded.contains("menaquinon") || folded.contains("mk7")
    })
}

// ---------------------------------------------------------------- servings

fn servings(cx: &Ctx, s: &Scratch) -> (f64, Option<Evidence>) {
    let col = cx.rec.get(Field::ServingsPerDay);
    if !is_blank(col) {
        let n = &s.norms[Field::ServingsPerDay.index()].text;
        let lead = |t: &str| -> (Option<f64>, usize) {
            let len = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len());
            (t[..len].replace(',', ".").parse::<f64>().ok().filter(|v| *v > 0.0 && v.is_finite()), len)
        };
        let t = n.trim();
        if let (Some(v), len) = lead(t) {
            // "1-2", "1 - 2", "1 to 2": the maximum, as for directions.
            let rest = t[len..].trim_start();
            let upper = rest.strip_prefix('-').or_else(|| rest.strip_prefix("to ")).and_then(|r| lead(r.trim_start()).0);
            return (upper.map_or(v, |u| u.max(v)), Some(cx.whole(Field::ServingsPerDay)));
        }
        if let Some(d) = parse_directions_adult(n) {
            return (
                d.units.map_or(d.times_per_day, |u| u * d.times_per_day).max(f64::MIN_POSITIVE),
                Some(cx.whole(Field::ServingsPerDay)),
            );
        }
    }
    // Units in one serving, for directions given in units (worked out only for directions that
    // state units): a range when the serving size is one ("1-2 gummies").
    let mut per_serving_known = None;
    let mut per_serving = || {
        *per_serving_known.get_or_insert_with(|| {
            serving_units_range(&s.norms[Field::ServingSize.index()].text).or_else(|| {
                [Field::Product, Field::Ingredients, Field::Description, Field::Directions]
                    .into_iter()
                    .find_map(|f| per_units_in_text(&s.norms[f.index()].text))
                    .map(|v| (v, v))
            })
        })
    };
    for f in [Field::Directions, Field::Description, Field::ServingSize, Field::OtherIngredients, Field::Product] {
        let n = &s.norms[f.index()];
        // Directions always name a frequency; skip fields that cannot hold one.
        if !may_name_frequency(&n.text) {
            continue;
        }
        if let Some(d) = parse_directions_adult(&n.text) {
            // Label amounts are per serving. When the serving size is not stated, the dose the
            // directions take at once is the serving ("Take 2 drops twice daily": 2 servings);
            // a dose within a serving-size range ("1-2 gummies") is one serving.
            let per_day = match d.units.map(|u| (u, per_serving())) {
                Some((u, Some((lo, hi)))) if lo <= u && u <= hi => d.times_per_day,
                Some((u, Some((_, hi)))) if hi > 0.0 => u * d.times_per_day / hi,
                _ => d.times_per_day,
            };
            if per_day > 0.0 && per_day.is_finite() {
                return (per_day, Some(cx.evidence(f, d.start, d.end)));
            }
        }
    }
    (1.0, None)
}

// ---------------------------------------------------------------- dosage form

const DOSAGE_FIELDS: [Field; 7] = [
    Field::DosageForm,
    Field::ServingSize,
    Field::Product,
    Field::Directions,
    Field::Description,
    Field::Ingredients,
    Field::OtherIngredients,
];

fn dosage(cx: &Ctx, s: &Scratch) -> (DosageForm, Option<Evidence>) {
    for f in DOSAGE_FIELDS {
        if let Some((d, h)) = dosage_in(s, f) {
            // "Liquid Calcium + D3 ... 120 Softgels": a product whose label says softgel is one,
            // whatever "liquid" describes.
            if d == DosageForm::Liquid
                && let Some((sf, sh)) = SOFTGEL_FIELDS.into_iter().find_map(|g| softgel_in(s, g).map(|h| (g, h)))
            {
                return (DosageForm::Softgel, Some(cx.evidence(sf, sh.start, sh.end)));
            }
            return (d, Some(cx.evidence(f, h.start, h.end)));
        }
    }
    (DosageForm::Unknown, None)
}

/// Fields whose "softgel" names the product's own form (a description may compare with softgels).
const SOFTGEL_FIELDS: [Field; 4] = [Field::DosageForm, Field::ServingSize, Field::Product, Field::Directions];

/// The most specific dosage form one field names, with its hit.
fn dosage_in(s: &Scratch, f: Field) -> Option<(DosageForm, &Hit)> {
    s.hits[f.index()]
        .iter()
        .filter_map(|h| match h.tok {
            Tok::Dosage(d) => Some((d, h)),
            _ => None,
        })
        .min_by_key(|(d, h)| (d.priority(), h.start))
}

fn softgel_in(s: &Scratch, f: Field) -> Option<&Hit> {
    s.hits[f.index()].iter().find(|h| h.tok == Tok::Dosage(DosageForm::Softgel))
}

// ---------------------------------------------------------------- carrier oils

pub(super) const OIL_FIELDS: [Field; 6] =
    [Field::OtherIngredients, Field::Ingredients, Field::DosageForm, Field::Product, Field::Description, Field::Directions];

fn oils(cx: &Ctx, s: &Scratch) -> (Oils, Option<Evidence>) {
    let mut oils = Oils::default();
    let mut ev = None;
    let mut coconut_source = None;
    for f in OIL_FIELDS {
        // Where the ingredients columns name the oils, free text adds none ("a statement on cod
        // liver oil" is not a second oil).
        if !matches!(f, Field::OtherIngredients | Field::Ingredients) && (!oils.is_empty() || coconut_source.is_some()) {
            break;
        }
        let hits = &s.hits[f.index()];
        let text = &s.norms[f.index()].text;
        for (i, h) in hits.iter().enumerate() {
            match h.tok {
                Tok::Oil(_) if oil_not_carrier(text, hits, i) => {}
                Tok::Oil(o) => {
                    oils.insert(o);
                    ev.get_or_insert_with(|| cx.evidence(f, h.start, h.end));
                }
                Tok::OilSource => {
                    coconut_source.get_or_insert_with(|| cx.evidence(f, h.start, h.end));
                }
                _ => {}
            }
        }
    }
    // "from coconut oil" names the MCT's source; on its own it is coconut oil.
    if !oils.contains(Oil::Mct)
        && let Some(e) = coconut_source
    {
        oils.insert(Oil::Coconut);
        ev.get_or_insert(e);
    }
    (oils, ev)
}

/// An oil named only as the source of another nutrient ("vitamin E (as d-alpha-tocopherol from
/// sunflower oil)", "vitamin E derived from soybean oil") or as a processing aid is no carrier.
fn oil_not_carrier(text: &str, hits: &[Hit], i: usize) -> bool {
    let h = hits[i];
    let clause_stop = |c: char| matches!(c, ',' | '.' | ';' | '|' | '\n');
    // The source of the nutrient named just before: "<nutrient> (as ...) from|derived from <oil>".
    let source_of_nutrient = i > 0 && hits[i - 1].tok == Tok::OtherNutrient && {
        let gap = &text[hits[i - 1].end.min(h.start)..h.start];
        let gap = gap.trim_end_matches([' ', '(']);
        // A decimal point ("Vitamin E 2.4 mg (from soybean oil)") ends no clause.
        let stop = gap.contains([',', ';', '|', '\n']) || gap.contains(". ");
        gap.len() <= 48 && !stop && (ends_with_word(gap, "from") || ends_with_word(gap, "of"))
    };
    let rest = &text[h.end..];
    let rest = &rest[..rest.find(clause_stop).unwrap_or(rest.len())];
    source_of_nutrient || rest.contains("processing aid")
}

// ---------------------------------------------------------------- certifications

pub(super) const CERT_FIELDS: [Field; 8] = [
    Field::Certifications,
    Field::Product,
    Field::Description,
    Field::Ingredients,
    Field::OtherIngredients,
    Field::Warnings,
    Field::Directions,
    Field::DosageForm,
];

fn certs(cx: &Ctx, s: &Scratch) -> (Certs, Option<Evidence>) {
    let mut certs = Certs::default();
    let mut ev: Option<Evidence> = None;
    let mut ev_rank = u8::MAX;
    for f in CERT_FIELDS {
        let hits = &s.hits[f.index()];
        let text = &s.norms[f.index()].text;
        let mut free_of_until: Option<usize> = None;
        for (i, h) in hits.iter().enumerate() {
            let found = match h.tok {
                Tok::Cert(c) => {
                    // "Gluten, soy & dairy free": the allergens listed before count too.
                    if matches!(c, Cert::GlutenFree | Cert::SoyFree | Cert::DairyFree) {
                        let mut j = i;
                        let mut end = h.start;
                        while j > 0 {
                            let p = hits[j - 1];
                            let gap = text.get(p.end..end).unwrap_or("").trim();
                            if let Tok::Allergen(a) = p.tok
                                && matches!(gap, "," | "&" | "and" | ", and" | "/" | "+" | "")
                            {
                                certs.insert(a);
                                end = p.start;
                                j -= 1;
                                continue;
                            }
                            break;
                        }
                    }
                    Some(c)
                }
                Tok::FreeOf => {
                    // The list ends with the sentence, or where the label turns to what it does
                    // contain ("free of gluten, but contains soy").
                    let rest = &text[h.end..];
                    let mut end = rest.find(['.', ';', '|', '\n']).unwrap_or(rest.len());
                    for stop in [" but ", "contain"] {
                        if let Some(e) = rest[..end].find(stop) {
                            end = e;
                        }
                    }
                    free_of_until = Some(h.end + end.min(160));
                    None
                }
                Tok::Allergen(a) if free_of_until.is_some_and(|e| h.start < e) => Some(a),
                _ => None,
            };
            // "Not certified by NSF", "formulated to NSF/ANSI 173 standards", "made in an
            // NSF-certified facility": no product certification (a facility's is GMP).
            let found = match found {
                Some(c) if is_third_party(c) => match third_party_claim(text, h.start, h.end) {
                    Claim::Product => Some(c),
                    Claim::Facility => Some(Cert::Gmp),
                    Claim::Qualified => None,
                },
                other => other,
            };
            if let Some(c) = found {
                certs.insert(c);
                let rank = if is_third_party(c) {
                    0
                } else if matches!(c, Cert::Gmp | Cert::ThirdPartyTested) {
                    1
                } else {
                    2
                };
                if rank < ev_rank {
                    ev_rank = rank;
                    ev = Some(cx.evidence(f, h.start, h.end));
                }
            }
        }
    }
    (certs, ev)
}

fn is_third_party(c: Cert) -> bool {
    matches!(c, Cert::NsfSport | Cert::NsfContents | Cert::UspVerified | Cert::InformedSport | Cert::InformedChoice | Cert::Bscg)
}

/// What a third-party certifier's name stands for where it is written.
#[derive(Debug, PartialEq, Eq)]
enum Claim {
    /// The product is certified.
    Product,
    /// A facility is ("NSF-certified, cGMP facility").
    Facility,
    /// Negated or qualified: "not certified by NSF", "formulated to NSF/ANSI 173 ingredient
    /// standards (not certified)", "meets NSF standards".
    Qualified,
}

/// Words before a certifier's name that negate or qualify it (text ends with one of them).
const QUALIFIED_BEFORE: [&str; 22] = [
    "not",
    "non",
    "never",
    "no",
    "nor",
    "without",
    "pending",
    "awaiting",
    "formulated to",
    "formulated according to",
    "made to",
    "manufactured to",
    "produced to",
    "designed to",
    "tested to",
    "meets",
    "meet",
    "meeting",
    "according to",
    "complies with",
    "compliant with",
    "in accordance with",
];

/// Reads the clause around a certification hit at `start..end` of a normalised text.
fn third_party_claim(text: &str, start: usize, end: usize) -> Claim {
    let stop = |c: char| matches!(c, '.' | ';' | '|' | '\n' | '!' | '?');
    let before = &text[..start];
    let before = before[before.rfind(stop).map_or(0, |i| i + 1)..].trim_end_matches([' ', '(', '"', '\'', '-']);
    let after_all = &text[end..];
    let after = &after_all[..after_all.find(stop).unwrap_or(after_all.len())];
    let after_short = &after[..floor_boundary(after, 48)];
    if QUALIFIED_BEFORE.iter().any(|w| ends_with_word(before, w))
        || after_short.contains("not certified")
        || after_short.contains("(not ")
        || after_short.contains("pending")
        || starts_with_words(after, &["ingredient", "quality", "purity", "testing"], &["standard", "standards", "guidelines", "compliant"])
    {
        return Claim::Qualified;
    }
    if starts_with_words(
        after,
        &["gmp", "cgmp", "c-gmp", "manufacturing", "production", "and", "&", "registered", "audited"],
        &["facility", "facilities", "plant", "plants", "site", "sites", "manufacturer", "laboratory", "lab"],
    ) {
        return Claim::Facility;
    }
    Claim::Product
}

/// True when `s` ends with `w` as whole words.
fn ends_with_word(s: &str, w: &str) -> bool {
    s.strip_suffix(w).is_some_and(|head| !text::is_word_byte(head.as_bytes().last().copied()))
}

/// True when `s`, after any of the `skip` words, starts with one of the `then` words.
fn starts_with_words(s: &str, skip: &[&str], then: &[&str]) -> bool {
    for w in s.split([' ', '-', '/']) {
        let w = w.trim_matches([',', '(', ')']);
        if w.is_empty() || skip.contains(&w) {
            continue;
        }
        return then.contains(&w);
    }
    false
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------- warfarin warning

pub(super) const WARNING_FIELDS: [Field; 8] = [
    Field::Warnings,
    Field::Description,
    Field::Product,
    Field::Ingredients,
    Field::OtherIngredients,
    Field::Directions,
    Field::Certifications,
    Field::ServingSize,
];

fn warfarin(cx: &Ctx, s: &Scratch) -> Option<Evidence> {
    for f in WARNING_FIELDS {
        if let Some(h) = s.hits[f.index()].iter().find(|h| h.tok == Tok::Warfarin) {
            return Some(cx.evidence(f, h.start, h.end));
        }
    }
    None
}

// ---------------------------------------------------------------- labelled sections

/// Free text that may hold a label's sections ("Warnings:", "Other ingredients:"), in the order
/// their evidence is preferred.
const SECTION_FIELDS: [Field; 6] =
    [Field::Description, Field::Product, Field::Ingredients, Field::OtherIngredients, Field::Directions, Field::Certifications];

/// The first warnings section and the first ingredients section of the record's free text.
fn sections(cx: &Ctx, s: &Scratch) -> LabelSections {
    let find = |want: Heading| {
        SECTION_FIELDS.into_iter().find_map(|f| {
            let hits = &s.hits[f.index()];
            if !hits.iter().any(|h| h.tok == Tok::Heading(want)) {
                return None;
            }
            super::sections::first(&s.norms[f.index()].text, hits, want).map(|sec| cx.evidence(f, sec.start, sec.end))
        })
    };
    LabelSections { warnings: find(Heading::Warnings), ingredients: find(Heading::Ingredients) }
}
