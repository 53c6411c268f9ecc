//! Table-driven extraction tests: one named `#[test]` per row, "label text -> expected fact".
//! Records are built from `(header, value)` pairs, so headers go through the real synonym
//! matching of [`ColumnMap::resolve`]. Each section has a second table of inputs that must be
//! rejected or give no fact.

use super::*;
use crate::ingest::{ColumnMap, Field, Record};

const TITLE: &str = "Product Name";
const ING: &str = "Ingredients";
const OTHER: &str = "Other Ingredients";
const DESC: &str = "Description";
const FORM: &str = "Dosage Form";
const SERVING: &str = "Serving Size";
const PER_DAY: &str = "Servings Per Day";
const DIRECTIONS: &str = "Suggested Use";
const CERTS: &str = "Certifications";
const WARN: &str = "Warnings";
const D_COL: &str = "Vitamin D3";
const K_COL: &str = "Vitamin K2";
const D_FORM: &str = "Vitamin D Form";
const K_FORM: &str = "K2 Form";

/// One `#[test]` per row: `name: [(header, value), ...] => expected,` calls
/// `check(name, fields, expected)`; a row without `=> expected` calls `check(name, fields)`.
macro_rules! table {
    ($check:ident { $($name:ident : [$(($h:expr, $v:expr)),* $(,)?] $(=> $want:expr)?,)* }) => {
        $(
            #[test]
            fn $name() {
                $check(stringify!($name), &[$(($h, $v)),*] $(, $want)?);
            }
        )*
    };
}

/// Extracts the facts of one record whose columns are `(header, value)` pairs.
fn facts(name: &str, fields: &[(&str, &str)]) -> Facts {
    let headers: Vec<String> = fields.iter().map(|(h, _)| h.to_string()).collect();
    let cols = ColumnMap::resolve(headers, None).expect("headers resolve");
    assert!(
        cols.unmapped.is_empty() && cols.duplicates.is_empty(),
        "{name}: headers not mapped: {:?} {:?}",
        cols.unmapped,
        cols.duplicates
    );
    let mapped = fields.iter().enumerate().map(|(i, (_, v))| {
        let f = Field::ALL.into_iter().find(|f| cols.index[f.index()] == Some(i)).expect("every header maps to a field");
        (f, *v)
    });
    let rec = Record::new(1, 2, mapped);
    extract(&rec, &cols, &mut Scratch::new())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn assert_amount(name: &str, what: &str, got: Option<f64>, want: Option<f64>) {
    let ok = match (got, want) {
        (Some(g), Some(w)) => close(g, w),
        (None, None) => true,
        _ => false,
    };
    assert!(ok, "{name}: {what} is {got:?}, want {want:?}");
}

// ------------------------------------------------------------------ checkers

fn d_of(name: &str, fields: &[(&str, &str)]) -> VitaminD {
    let f = facts(name, fields);
    f.d.unwrap_or_else(|| panic!("{name}: no vitamin D found"))
}

/// Vitamin D per serving in IU, read without any problem.
fn check_d_iu(name: &str, fields: &[(&str, &str)], want: f64) {
    let d = d_of(name, fields);
    assert_eq!(d.amount_problem, None, "{name}: unexpected amount problem");
    assert_amount(name, "D IU per serving", d.iu_per_serving, Some(want));
    assert!(d.amount_evidence.is_some(), "{name}: an amount needs evidence");
}

/// Vitamin D is present, its amount unknown, and the problem says why (no guess).
fn check_d_amount_problem(name: &str, fields: &[(&str, &str)]) {
    let d = d_of(name, fields);
    assert_eq!(d.iu_per_serving, None, "{name}: the amount must stay unknown");
    assert!(d.amount_problem.is_some(), "{name}: an amount problem must be set");
}

/// The vitamin D form, or `None` when the record has no vitamin D at all.
fn check_d_form(name: &str, fields: &[(&str, &str)], want: Option<DForm>) {
    let f = facts(name, fields);
    assert_eq!(f.d.as_ref().map(|d| d.form), want, "{name}: vitamin D form");
    if let Some(d) = &f.d
        && d.form != DForm::Unknown
    {
        assert!(d.form_evidence.is_some(), "{name}: a form needs evidence");
    }
}

/// The vitamin K forms joined (`K1+MK-7`, `unknown` when none is stated), or `-` for no vitamin K.
fn check_k_forms(name: &str, fields: &[(&str, &str)], want: &str) {
    let f = facts(name, fields);
    let got = f.k.as_ref().map_or("-".to_string(), |k| k.forms.join());
    assert_eq!(got, want, "{name}: vitamin K forms");
}

/// K amounts per serving in µg: (K2 total, MK-4 alone, K1), read without any problem.
fn check_k_amounts(name: &str, fields: &[(&str, &str)], want: (Option<f64>, Option<f64>, Option<f64>)) {
    let f = facts(name, fields);
    let k = f.k.unwrap_or_else(|| panic!("{name}: no vitamin K found"));
    assert_eq!(k.amount_problem, None, "{name}: unexpected amount problem");
    assert_amount(name, "K2 µg", k.k2_mcg_per_serving, want.0);
    assert_amount(name, "MK-4 µg", k.mk4_mcg_per_serving, want.1);
    assert_amount(name, "K1 µg", k.k1_mcg_per_serving, want.2);
}

/// Vitamin K is present, its K2 amount unknown, and the problem says why.
fn check_k_amount_problem(name: &str, fields: &[(&str, &str)]) {
    let f = facts(name, fields);
    let k = f.k.unwrap_or_else(|| panic!("{name}: no vitamin K found"));
    assert_eq!(k.k2_mcg_per_serving, None, "{name}: the K2 amount must stay unknown");
    assert!(k.amount_problem.is_some(), "{name}: an amount problem must be set");
}

/// An IU amount on vitamin K is a data error: the problem names it.
fn check_k_iu_problem(name: &str, fields: &[(&str, &str)]) {
    let f = facts(name, fields);
    let k = f.k.unwrap_or_else(|| panic!("{name}: no vitamin K found"));
    let problem = k.amount_problem.unwrap_or_default();
    assert!(problem.contains("IU"), "{name}: the amount problem must name the IU: {problem:?}");
}

fn check_servings(name: &str, fields: &[(&str, &str)], want: f64) {
    let f = facts(name, fields);
    assert!(close(f.servings_per_day, want), "{name}: servings per day {} want {want}", f.servings_per_day);
}

/// (D3 IU per day, K2 µg per day).
fn check_per_day(name: &str, fields: &[(&str, &str)], want: (Option<f64>, Option<f64>)) {
    let f = facts(name, fields);
    assert_amount(name, "D3 IU per day", f.d3_iu_per_day(), want.0);
    assert_amount(name, "K2 µg per day", f.k2_mcg_per_day(), want.1);
}

fn check_dosage(name: &str, fields: &[(&str, &str)], want: DosageForm) {
    let f = facts(name, fields);
    assert_eq!(f.dosage_form, want, "{name}: dosage form");
    assert_eq!(f.dosage_evidence.is_some(), want != DosageForm::Unknown, "{name}: dosage evidence");
}

/// Carrier oils joined in SPEC order (`MCT+olive`), "" for none.
fn check_oils(name: &str, fields: &[(&str, &str)], want: &str) {
    let f = facts(name, fields);
    assert_eq!(f.oils.join(), want, "{name}: carrier oils");
    assert_eq!(f.oil_evidence.is_some(), !want.is_empty(), "{name}: oil evidence");
}

/// Certification ids joined in sorted order, "" for none.
fn check_certs(name: &str, fields: &[(&str, &str)], want: &str) {
    let f = facts(name, fields);
    assert_eq!(f.certs.join(), want, "{name}: certifications");
    assert_eq!(f.cert_evidence.is_some(), !want.is_empty(), "{name}: certification evidence");
}

fn check_warfarin(name: &str, fields: &[(&str, &str)], want: bool) {
    let f = facts(name, fields);
    assert_eq!(f.warfarin.is_some(), want, "{name}: warfarin warning {:?}", f.warfarin);
}

// ------------------------------------------------------------------ vitamin D amounts

mod d_amount {
    use super::*;
    table!(check_d_iu {
        iu_comma_thousands: [(ING, "Vitamin D3 5,000 IU")] => 5000.0,
        iu_glued: [(ING, "Vitamin D3 5000IU")] => 5000.0,
        iu_space_thousands: [(ING, "Vitamin D3 5 000 IU")] => 5000.0,
        iu_nbsp_thousands: [(ING, "Vitamin D3 5\u{a0}000 IU")] => 5000.0,
        iu_narrow_nbsp_thousands: [(ING, "Vitamin D3 5\u{202f}000 IU")] => 5000.0,
        ie_dot_thousands: [(ING, "Vitamin D3 5.000 IE")] => 5000.0,
        ie_with_dots: [(ING, "Vitamin D3 1.000 I.E.")] => 1000.0,
        iu_with_dots: [(ING, "Vitamin D3 1,000 I.U.")] => 1000.0,
        ui_french: [(ING, "Vitamin D3 2000 UI")] => 2000.0,
        ui_french_name: [(ING, "Cholécalciférol 2000 UI")] => 2000.0,
        international_units: [(ING, "Vitamin D3 1000 International Units")] => 1000.0,
        mcg_then_iu: [(ING, "Vitamin D3 125 mcg (5,000 IU)")] => 5000.0,
        iu_then_mcg: [(ING, "Vitamin D3 5,000 IU (125 mcg)")] => 5000.0,
        micro_sign: [(ING, "Vitamin D3 125 \u{b5}g")] => 5000.0,
        greek_mu: [(ING, "Vitamin D3 125 \u{3bc}g")] => 5000.0,
        ug_glued: [(ING, "Vitamin D3 125ug")] => 5000.0,
        mcg_alone: [(ING, "Vitamin D3 25 mcg")] => 1000.0,
        microgram_word: [(ING, "Vitamin D3 50 micrograms")] => 2000.0,
        mg_decimal_dot: [(ING, "Vitamin D3 0.125 mg")] => 5000.0,
        mg_decimal_comma: [(ING, "Vitamin D3 0,125 mg")] => 5000.0,
        mcg_decimal_with_iu: [(ING, "Vitamin D3 62.5 mcg (2,500 IU)")] => 2500.0,
        mcg_decimal_comma_alone: [(ING, "Vitamin D3 62,5 \u{b5}g")] => 2500.0,
        slash_mass_iu: [(ING, "Vitamin D3 25\u{b5}g/1000iu")] => 1000.0,
        iu_then_mass_glued: [(ING, "Vitamin D3 1000iu (25\u{b5}g)")] => 1000.0,
        slash_spaced_in_parens: [(ING, "Vitamin D3 (125 mcg / 5000 IU)")] => 5000.0,
        rounded_mass_within_2pct: [(ING, "Vitamin D3 63 \u{b5}g (2,500 IU)")] => 2500.0,
        ten_mcg_400_iu: [(ING, "Vitamin D3 10 \u{b5}g (400 IU)")] => 400.0,
        fifty_mcg_2000_iu: [(ING, "Vitamin D3 50 mcg (2,000 IU)")] => 2000.0,
        thirty_seven_half_mcg: [(ING, "Vitamin D3 37.5 mcg (1,500 IU)")] => 1500.0,
        ten_thousand_iu: [(ING, "Vitamin D3 250 mcg (10,000 IU)")] => 10000.0,
        twenty_mcg_eu: [(ING, "Vitamin D3 20 \u{b5}g")] => 800.0,
        as_cholecalciferol: [(ING, "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU)")] => 5000.0,
        german_cholecalciferol: [("Zutaten", "Vitamin D3 (Cholecalciferol) 125 \u{b5}g")] => 5000.0,
        german_ie_range_first: [(ING, "Vitamin D3 2.000 IE")] => 2000.0,
        header_d3_iu_bare: [("D3 (IU)", "5000")] => 5000.0,
        header_d3_iu_bare_comma: [("D3 (IU)", "5,000")] => 5000.0,
        header_vitamin_d_mcg_bare: [("Vitamin D (mcg)", "125")] => 5000.0,
        header_vitamin_d_mcg_decimal: [("Vitamin D (mcg)", "62.5")] => 2500.0,
        header_d3_mcg_bare: [("D3 mcg", "25")] => 1000.0,
        header_per_serving_mcg: [("Vitamin D3 per serving (mcg)", "50")] => 2000.0,
        column_with_units: [(D_COL, "125 mcg (5,000 IU)")] => 5000.0,
        column_iu: [(D_COL, "5000 IU")] => 5000.0,
        column_micro_sign: [("Vitamin D", "25 \u{b5}g")] => 1000.0,
        column_unit_beats_header: [("D3 (IU)", "125 mcg")] => 5000.0,
        vitamin_a_and_d_shared_unit: [(ING, "Vitamin A & D-3 25,000/1,000 IU")] => 1000.0,
        cod_liver_oil_a_and_d: [(ING, "Cod Liver Oil, Vitamin A & D-3 25,000/1,000 IU, 100 Softgels")] => 1000.0,
        amount_before_name: [(TITLE, "5000 IU Vitamin D3")] => 5000.0,
        amount_before_name_with_k: [(TITLE, "5000 IU Vitamin D3 with 100 mcg K2 MK-7")] => 5000.0,
        description_sentence: [(DESC, "Each softgel provides 5,000 IU of vitamin D3 and 100 mcg of vitamin K2 as MK-7")] => 5000.0,
        description_iu_abbreviation: [(DESC, "Each capsule provides 1,000 I.U. of vitamin D3. A convenient daily supplement.")] => 1000.0,
        title_shared_slash: [(TITLE, "Vitamin D3 + K2 5000 IU / 100 mcg")] => 5000.0,
        title_drops_per_two: [(TITLE, "D3 K2 Drops - 1000 IU D3 + 100 mcg K2 per 2 drops")] => 1000.0,
        title_dash_amount: [(TITLE, "Nature's Way D3 + K2 - 5000 IU")] => 5000.0,
        title_k_first_slash: [(TITLE, "K2 + D3 100mcg/5000iu")] => 5000.0,
        ingredients_list_both: [(ING, "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K2 (as MK-7, MenaQ7) 100 mcg")] => 5000.0,
        ingredients_after_oil: [(ING, "MCT oil 500 mg, Vitamin D3 25 mcg")] => 1000.0,
        lichen_source: [(ING, "Vitamin D3 (as cholecalciferol from lichen) 50 mcg (2,000 IU)")] => 2000.0,
        ingredients_win_over_description: [(ING, "Vitamin D3 25 mcg (1,000 IU)"), (DESC, "Vitamin D3 supports bones")] => 1000.0,
        title_and_column_agree: [(TITLE, "Vitamin D3 5000 IU"), (D_COL, "125 mcg")] => 5000.0,
        swiss_apostrophe: [(ING, "Vitamin D3 5'000 IE")] => 5000.0,
        german_decimal_mass: [(ING, "Vitamin D3 12,5 \u{b5}g (500 I.E.)")] => 500.0,
        glued_parenthesis: [(ING, "Vitamin D3 125mcg(5000IU)")] => 5000.0,
        square_brackets: [(ING, "Vitamin D3 125 mcg [5,000 IU]")] => 5000.0,
        equals_sign: [(ING, "Vitamin D3 125 mcg = 5000 IU")] => 5000.0,
        small_mg: [(ING, "Vitamin D3 0.025 mg")] => 1000.0,
        daily_value_percent: [(ING, "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU) 625%, Vitamin K2 (as menaquinone-7) 100 mcg *")] => 5000.0,
        each_drop_contains: [(DESC, "Each drop contains 1000 IU vitamin D3.")] => 1000.0,
        header_ie_dot_thousands: [("D3 (IE)", "5.000")] => 5000.0,
        header_mcg_comma_decimal: [("Vitamin D (mcg)", "62,5")] => 2500.0,
        header_mg_comma_decimal: [("Vitamin D (mg)", "0,125")] => 5000.0,
        header_iu_space_thousands: [("D3 (IU)", "5 000")] => 5000.0,
        coconut_oil_between: [(TITLE, "Vitamin D3 + K2 with Coconut Oil 125mcg (5000IU) D3 + 100mcg K2")] => 5000.0,
        iu_dots_then_slash: [(TITLE, "Vitamin D3 + K2 5000 I.U./100 mcg")] => 5000.0,
        k2_form_between: [(TITLE, "Vitamin D3 K2 MK7 5000 IU 100mcg 120 Capsules")] => 5000.0,
        german_title: [(TITLE, "Vitamin D3 1.000 I.E. + K2 20 \u{b5}g Tropfen")] => 1000.0,
        comma_between_vitamins_amounts: [(TITLE, "Vitamin D3 + K2 5000 IU, 100 mcg")] => 5000.0,
        coconut_oil_first: [(TITLE, "Vitamin D3 K2 with Coconut Oil 5000 IU 100mcg")] => 5000.0,
        header_micro_sign: [("Vitamin D3 (\u{b5}g)", "25")] => 1000.0,
        header_greek_mu: [("Vitamin D3 (\u{3bc}g)", "25")] => 1000.0,
        header_german_ie: [("Vitamin D3 (I.E.)", "1.000")] => 1000.0,
        german_amount_before_name: [(DESC, "1000 I.E. Vitamin D3 und 20 \u{b5}g Vitamin K2 pro Tropfen")] => 1000.0,
        // Issue 14: German thousands on a mass, settled by plausibility or by the IU beside it.
        german_dot_thousands_mass_with_ie: [(ING, "Vitamin D3 1.250 \u{b5}g (50.000 I.E.)")] => 50000.0,
        german_dot_thousands_mass_alone: [(ING, "Vitamin D3 1.250 \u{b5}g")] => 50000.0,
        german_decimal_mass_stays: [(ING, "Vitamin D3 12.500 \u{b5}g")] => 500.0,
        small_mg_stays: [(ING, "Vitamin D3 0.075 mg")] => 3000.0,
        english_pair_slash: [(TITLE, "NOW Vitamin D-3 & K-2, 1,000 IU / 45 mcg, 120 Veg Capsules")] => 1000.0,
        russian_me: [(TITLE, "Витамин D3 5000 МЕ")] => 5000.0,
        russian_cyrillic_d: [(ING, "Витамин Д3 (холекальциферол) 50 мкг")] => 2000.0,
        russian_mg: [(ING, "Витамин D3 0,025 мг")] => 1000.0,
        french_vitamine: [(ING, "Vitamine D3 25 \u{b5}g (1000 UI)")] => 1000.0,
    });

    mod rejected {
        use super::*;
        table!(check_d_amount_problem {
            units_disagree_4000: [(ING, "Vitamin D3 125 mcg (4,000 IU)")],
            units_disagree_2000: [(ING, "Vitamin D3 25 mcg (2,000 IU)")],
            units_disagree_in_column: [(D_COL, "125 mcg (4,000 IU)")],
            words_in_column: [(D_COL, "five thousand IU")],
            see_label_in_column: [(D_COL, "see label")],
            na_column_with_title: [(TITLE, "Vitamin D3 + K2 Softgels"), (D_COL, "N/A")],
            bare_number_without_unit: [("Vitamin D", "5000")],
            title_disagrees_with_column: [(TITLE, "Vitamin D3 5000 IU"), (D_COL, "1000 IU")],
            no_amount_anywhere: [(TITLE, "Vitamin D3 + K2 Liquid")],
        });
    }

    mod absent {
        use super::*;
        table!(check_d_form {
            na_column_alone: [(D_COL, "N/A"), (TITLE, "Vitamin K2 MK-7 100 mcg")] => None,
            empty_column: [(D_COL, ""), (TITLE, "Magnesium Glycinate 200 mg")] => None,
        });
    }
}

// ------------------------------------------------------------------ vitamin D forms

mod d_form {
    use super::*;
    table!(check_d_form {
        d3: [(ING, "Vitamin D3 5000 IU")] => Some(DForm::D3),
        d3_code_alone: [(TITLE, "D3 5000 IU Softgels")] => Some(DForm::D3),
        cholecalciferol: [(ING, "Cholecalciferol 125 mcg")] => Some(DForm::D3),
        d_dash_3: [(ING, "Vitamin D-3 1000 IU")] => Some(DForm::D3),
        vit_abbreviation: [(ING, "Vit. D3 1000 IU")] => Some(DForm::D3),
        lichen: [(ING, "Vitamin D3 (as cholecalciferol from lichen)")] => Some(DForm::D3),
        lichen_generic_name: [(ING, "Vitamin D (as cholecalciferol from lichen) (D3) 25 mcg")] => Some(DForm::D3),
        lanolin: [(ING, "Vitamin D3 (from lanolin) 1,000 IU")] => Some(DForm::D3),
        vitashine: [(ING, "Vitamin D (Vitashine) 1000 IU")] => Some(DForm::D3),
        vitashine_trademark: [(ING, "Vitashine\u{ae} vegan vitamin D3 25 \u{b5}g")] => Some(DForm::D3),
        german: [("Zutaten", "Vitamin D3 (Cholecalciferol) 125 \u{b5}g")] => Some(DForm::D3),
        french: [(ING, "Cholécalciférol 25 \u{b5}g")] => Some(DForm::D3),
        form_column_d3: [(D_FORM, "D3")] => Some(DForm::D3),
        form_column_cholecalciferol: [(D_FORM, "Cholecalciferol")] => Some(DForm::D3),
        form_column_lanolin: [(D_FORM, "Lanolin")] => Some(DForm::D3),
        form_column_lichen: [(D_FORM, "Lichen")] => Some(DForm::D3),
        form_column_d2: [(D_FORM, "D2")] => Some(DForm::D2),
        form_column_ergocalciferol: [(D_FORM, "Ergocalciferol")] => Some(DForm::D2),
        form_column_calcifediol: [(D_FORM, "Calcifediol")] => Some(DForm::Calcifediol),
        form_column_sheeps_wool: [(D_FORM, "Sheep's wool (lanolin)")] => Some(DForm::D3),
        d2: [(ING, "Vitamin D2 (as ergocalciferol) 1,000 IU")] => Some(DForm::D2),
        ergocalciferol: [(ING, "Ergocalciferol 50,000 IU")] => Some(DForm::D2),
        generic_as_ergocalciferol: [(ING, "Vitamin D (as ergocalciferol) 25 mcg")] => Some(DForm::D2),
        calcifediol: [(ING, "Calcifediol 10 \u{b5}g")] => Some(DForm::Calcifediol),
        calcifediol_monohydrate: [(ING, "Vitamin D (as calcifediol monohydrate) 10 \u{b5}g")] => Some(DForm::Calcifediol),
        generic_is_unknown: [(ING, "Vitamin D 1000 IU")] => Some(DForm::Unknown),
        generic_with_mass_is_unknown: [(ING, "Vitamin D 25 mcg (1,000 IU)")] => Some(DForm::Unknown),
        generic_in_title_is_unknown: [(TITLE, "Vitamin D + K Complex")] => Some(DForm::Unknown),
        form_from_ingredients_not_title: [(TITLE, "Vitamin D 1000 IU"), (ING, "Cholecalciferol 25 mcg")] => Some(DForm::D3),
        d3_with_blood_test_mention: [(ING, "Vitamin D3 1000 IU"), (DESC, "Helps maintain 25-hydroxy vitamin D levels")] => Some(DForm::D3),
    });

    mod no_vitamin_d {
        use super::*;
        table!(check_d_form {
            blood_test_in_description: [(TITLE, "Vitamin K2 MK-7 100 mcg"), (DESC, "Ask your doctor to test your 25-hydroxy vitamin D level")] => None,
            blood_test_short: [(TITLE, "Vitamin K2 MK-7 100 mcg"), (DESC, "Optimal 25(OH)D blood levels vary")] => None,
            blood_test_hyphenated: [(DESC, "Track your 25-hydroxyvitamin D with a home test kit")] => None,
            calcitriol_is_a_hormone: [(DESC, "MK-7 works with calcitriol, the active hormone")] => None,
            k2_only: [(ING, "Vitamin K2 (as MK-7) 100 mcg")] => None,
            word_glued_d3: [(TITLE, "AD3X Omega Blend")] => None,
        });
    }
}

// ------------------------------------------------------------------ vitamin K forms

mod k_form {
    use super::*;
    table!(check_k_forms {
        mk7_dash: [(ING, "Vitamin K2 (as MK-7) 100 mcg")] => "MK-7",
        mk7_glued: [(ING, "Vitamin K2 MK7 100 mcg")] => "MK-7",
        menaquinone_7: [(ING, "Menaquinone-7 100 mcg")] => "MK-7",
        menaq7_trademark: [(ING, "Vitamin K2 (as MenaQ7\u{ae}) 100 mcg")] => "MK-7",
        k2vital: [(ING, "Vitamin K2 (K2VITAL\u{ae}) 100 mcg")] => "MK-7",
        vitamk7: [(ING, "Vitamin K2 (as VitaMK7\u{ae}) 100 mcg")] => "MK-7",
        all_trans: [(ING, "Vitamin K2 (as all-trans MK-7) 100 mcg")] => "MK-7",
        german_menachinon: [("Zutaten", "Vitamin K2 (Menachinon-7) 100 \u{b5}g")] => "MK-7",
        generic_k_as_mk7: [(ING, "Vitamin K (as menaquinone-7) 120 mcg")] => "MK-7",
        mk4: [(ING, "Vitamin K2 (as MK-4) 1,000 mcg")] => "MK-4",
        menatetrenone: [(ING, "Menatetrenone 45 mg")] => "MK-4",
        menaquinone_4: [(ING, "Vitamin K2 (as menaquinone-4) 1,000 mcg")] => "MK-4",
        mk9: [(ING, "Vitamin K2 (as MK-9) 50 mcg")] => "MK-9",
        phytonadione: [(ING, "Vitamin K1 (as phytonadione) 100 mcg")] => "K1",
        phylloquinone: [(ING, "Phylloquinone 90 mcg")] => "K1",
        phytomenadione: [(ING, "Phytomenadione 100 \u{b5}g")] => "K1",
        k2_without_form: [(ING, "Vitamin K2 100 mcg")] => "unknown",
        menaquinone_without_number: [(ING, "Menaquinone 100 mcg")] => "unknown",
        generic_vitamin_k: [(ING, "Vitamin K 100 mcg")] => "unknown",
        k1_trap_generic_k: [(TITLE, "Vitamin D3 + K2"), (ING, "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K (as phytonadione) 100 mcg")] => "K1",
        k1_trap_k2_word: [(TITLE, "Vitamin D3 + K2 Softgels"), (ING, "Vitamin K2 (as phylloquinone) 100 mcg")] => "K1",
        two_k2_forms: [(ING, "Vitamin K2 (as MK-4, MK-7) 500 mcg")] => "MK-4+MK-7",
        life_extension_mix: [(ING, "Vitamin K1 (as phytonadione) 1,500 mcg, Vitamin K2 (as menaquinone-4) 1,000 mcg, Vitamin K2 (as trans menaquinone-7) 200 mcg")] => "K1+MK-4+MK-7",
        k1_and_mk7: [(ING, "Vitamin K1 100 mcg, Vitamin K2 MK-7 200 mcg")] => "K1+MK-7",
        form_column_mk7: [(K_FORM, "MK-7")] => "MK-7",
        form_column_menaquinone_7: [(K_FORM, "Menaquinone-7")] => "MK-7",
        form_column_mk4: [(K_FORM, "MK-4")] => "MK-4",
        form_column_k2_only: [(K_FORM, "K2")] => "unknown",
        form_column_beats_text: [(K_FORM, "MK-7"), (ING, "Vitamin K2 100 mcg")] => "MK-7",
        title_only: [(TITLE, "Vitamin D3 + K2 (MK-7) 5000 IU / 100 mcg")] => "MK-7",
        k1_trap_form_column: [(TITLE, "Vitamin D3 + K2"), (K_FORM, "Phylloquinone")] => "K1",
        // Issue 14: shorthand and other languages.
        k2_7: [(ING, "Vitamin K2-7 100 mcg")] => "MK-7",
        k2_7_bare: [(TITLE, "D3 5000 IU + K2-7 100 mcg")] => "MK-7",
        vitamin_k_7: [(ING, "Vitamin K-7 90 mcg")] => "MK-7",
        russian_cyrillic_k_latin_mk7: [(TITLE, "Витамин D3 5000 МЕ + К2 (MK-7) 100 мкг")] => "MK-7",
        russian_cyrillic_mk7: [(ING, "Витамин К2 (МК-7) 100 мкг")] => "MK-7",
        russian_k2_no_form: [(ING, "Витамин К2 100 мкг")] => "unknown",
        french_vitamine_k2: [(ING, "Vitamine K2 (ménaquinone-7) 75 \u{b5}g")] => "MK-7",
        // A description counts when it gives an amount or a form.
        description_with_amount: [(TITLE, "Vitamin D3 Softgels"), (DESC, "Each softgel: 5000 IU D3 and 100 mcg vitamin K2")] => "unknown",
        description_with_form: [(TITLE, "Vitamin D3 Softgels"), (DESC, "With vitamin K2 as MK-7 for calcium routing")] => "MK-7",
        ingredients_without_amount: [(ING, "Cholecalciferol, menaquinone-7, MCT oil")] => "MK-7",
        title_k2_no_amount: [(TITLE, "Vitamin D3 + K2 Drops")] => "unknown",
    });

    mod no_vitamin_k {
        use super::*;
        table!(check_k_forms {
            d3_only: [(ING, "Vitamin D3 5000 IU")] => "-",
            negated: [(TITLE, "Vitamin D3 5000 IU"), (DESC, "Contains no vitamin K")] => "-",
            negated_free_of: [(TITLE, "Vitamin D3 1000 IU"), (DESC, "Vitamin K free formula")] => "-",
            code_followed_by_digit: [(TITLE, "Model K22 Pill Organizer")] => "-",
            // Issue 14: a D3-only product that mentions K2 in passing has no vitamin K.
            pair_with_our_k2: [(TITLE, "Vitamin D3 5000 IU Softgels"), (DESC, "Pair it with our K2 drops for complete support.")] => "-",
            works_well_with_k2: [(TITLE, "Vitamin D3 2000 IU"), (DESC, "Works well with vitamin K2.")] => "-",
            directions_mention: [(TITLE, "Vitamin D3 1000 IU"), (DIRECTIONS, "Take 1 softgel daily; may be taken with vitamin K.")] => "-",
            other_ingredients_mention: [(TITLE, "Vitamin D3 1000 IU"), (OTHER, "Olive oil. Also try our D3 + K2.")] => "-",
        });
    }
}

// ------------------------------------------------------------------ vitamin K amounts

mod k_amount {
    use super::*;
    table!(check_k_amounts {
        mk7_mcg: [(ING, "Vitamin K2 (as MK-7) 100 mcg")] => (Some(100.0), None, None),
        mk7_micro_sign: [(ING, "Vitamin K2 (as MK-7) 100 \u{b5}g")] => (Some(100.0), None, None),
        mk7_mg: [(ING, "Vitamin K2 (as MK-7) 0.1 mg")] => (Some(100.0), None, None),
        menaq7: [(ING, "Vitamin K2 (as MK-7, MenaQ7) 180 mcg")] => (Some(180.0), None, None),
        mk4_high_dose_mg: [(ING, "Vitamin K2 (as MK-4) 45 mg")] => (Some(45000.0), Some(45000.0), None),
        menatetrenone_mg: [(ING, "Menatetrenone 45 mg")] => (Some(45000.0), Some(45000.0), None),
        mk4_mcg: [(ING, "MK-4 1,000 mcg")] => (Some(1000.0), Some(1000.0), None),
        k2_generic: [(ING, "Vitamin K2 100 mcg")] => (Some(100.0), None, None),
        generic_k_as_mk7: [(ING, "Vitamin K (as menaquinone-7) 120 mcg")] => (Some(120.0), None, None),
        k1_only: [(ING, "Vitamin K (as phytonadione) 100 mcg")] => (None, None, Some(100.0)),
        k1_trap: [(TITLE, "Vitamin D3 + K2"), (ING, "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K (as phytonadione) 100 mcg")] => (None, None, Some(100.0)),
        k1_and_mk7: [(ING, "Vitamin K1 100 mcg, Vitamin K2 MK-7 200 mcg")] => (Some(200.0), None, Some(100.0)),
        life_extension_mix: [(ING, "Vitamin K1 (as phytonadione) 1,500 mcg, Vitamin K2 (as menaquinone-4) 1,000 mcg, Vitamin K2 (as trans menaquinone-7) 200 mcg")] => (Some(1200.0), Some(1000.0), Some(1500.0)),
        with_d3_list: [(ING, "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K2 (as MK-7, MenaQ7) 100 mcg")] => (Some(100.0), None, None),
        description_sentence: [(DESC, "Each softgel provides 5,000 IU of vitamin D3 and 100 mcg of vitamin K2 as MK-7")] => (Some(100.0), None, None),
        title_shared_slash: [(TITLE, "Vitamin D3 + K2 5000 IU / 100 mcg")] => (Some(100.0), None, None),
        title_drops: [(TITLE, "D3 K2 Drops - 1000 IU D3 + 100 mcg K2 per 2 drops")] => (Some(100.0), None, None),
        title_k_first_slash: [(TITLE, "K2 + D3 100mcg/5000iu")] => (Some(100.0), None, None),
        german: [("Zutaten", "Vitamin D3 125 \u{b5}g, Vitamin K2 (Menachinon-7, MenaQ7) 100 \u{b5}g, MCT-\u{d6}l")] => (Some(100.0), None, None),
        header_k2_mcg_bare: [("Vitamin K2 (mcg)", "100")] => (Some(100.0), None, None),
        header_k2_mcg_short: [("K2 mcg", "200")] => (Some(200.0), None, None),
        column_with_unit: [(K_COL, "100 mcg")] => (Some(100.0), None, None),
        column_two_forms: [("Vitamin K", "MK-4 1000 mcg, MK-7 100 mcg")] => (Some(1100.0), Some(1000.0), None),
        column_with_mk4_form_column: [(K_COL, "1.5 mg"), (K_FORM, "MK-4")] => (Some(1500.0), Some(1500.0), None),
        header_k_mcg_with_form_column: [("Vitamin K (mcg)", "100"), (K_FORM, "MK-7")] => (Some(100.0), None, None),
        header_k2_mcg_comma_decimal: [("Vitamin K2 (mcg)", "112,5")] => (Some(112.5), None, None),
        k_first_then_d: [(ING, "Vitamin K2 (MK-7) 100 mcg, Vitamin D3 125 mcg (5000 IU)")] => (Some(100.0), None, None),
        column_three_forms: [("Vitamin K", "K1 1000 mcg / MK-4 500 mcg / MK-7 100 mcg")] => (Some(600.0), Some(500.0), Some(1000.0)),
        coconut_oil_between: [(TITLE, "Vitamin D3 + K2 with Coconut Oil 125mcg (5000IU) D3 + 100mcg K2")] => (Some(100.0), None, None),
        k2_dash_mk7: [(ING, "K2-MK7 100 mcg")] => (Some(100.0), None, None),
        column_form_in_parentheses: [(K_COL, "100 \u{b5}g (MK-7)")] => (Some(100.0), None, None),
        header_greek_mu: [("Vitamin K2 (\u{3bc}g)", "100")] => (Some(100.0), None, None),
        generic_column_form_from_title: [("Vitamin K (mcg)", "100"), (TITLE, "Vitamin D3 + K2 (MK-7) Softgels")] => (Some(100.0), None, None),
        german_amount_before_name: [(DESC, "1000 I.E. Vitamin D3 und 20 \u{b5}g Vitamin K2 pro Tropfen")] => (Some(20.0), None, None),
        // Issue 14: "2.200 µg" of K2 in German is what "2,200 mcg" is in English.
        german_dot_thousands: [(ING, "Vitamin K2 (MK-7) 2.200 \u{b5}g")] => (Some(2200.0), None, None),
        english_comma_thousands: [(ING, "Vitamin K2 (MK-7) 2,200 mcg")] => (Some(2200.0), None, None),
        german_title_dot_thousands: [(TITLE, "Vitamin D3 5.000 IE + K2 2.200 \u{b5}g")] => (Some(2200.0), None, None),
        german_decimal_stays: [(ING, "Vitamin K2 (MK-7) 22.500 \u{b5}g")] => (Some(22.5), None, None),
        header_k2_dot_thousands: [("Vitamin K2 (\u{b5}g)", "2.200")] => (Some(2200.0), None, None),
        mg_decimal_stays: [(ING, "Vitamin K2 (MK-4) 1.500 mg")] => (Some(1500.0), Some(1500.0), None),
        small_mg_stays: [(ING, "Vitamin K2 (MK-7) 0.075 mg")] => (Some(75.0), None, None),
        k2_7_shorthand: [(ING, "K2-7 100 mcg")] => (Some(100.0), None, None),
        vitamin_k_7: [(ING, "Vitamin K-7 (menaquinone) 120 mcg")] => (Some(120.0), None, None),
        english_pair_slash: [(TITLE, "NOW Vitamin D-3 & K-2, 1,000 IU / 45 mcg, 120 Veg Capsules")] => (Some(45.0), None, None),
        russian_cyrillic_k: [(TITLE, "Витамин D3 5000 МЕ + К2 (MK-7) 100 мкг")] => (Some(100.0), None, None),
        russian_menaquinone: [(ING, "Витамин К2 (менахинон-7) 200 мкг")] => (Some(200.0), None, None),
    });

    /// Vitamin K has no IU: an IU amount on K is flagged, whatever the mass beside it says.
    mod iu_on_k {
        use super::*;
        table!(check_k_iu_problem {
            mk7_with_iu: [(ING, "Vitamin K2 (as MK-7) 25 \u{b5}g (1000 IU)")],
            spray_iu_copied_from_d3: [(
                ING,
                "Vitamin D3 (as cholecalciferol) 25 \u{b5}g (1000 IU), Vitamin K2 (as menaquinone-7) 25 \u{b5}g (1000 IU)"
            )],
            iu_only_in_k_column: [(K_COL, "1000 IU")],
            iu_in_title: [(TITLE, "Vitamin K2 MK-7 5000 IU")],
        });
    }

    mod rejected {
        use super::*;
        table!(check_k_amount_problem {
            iu_only_in_k_column: [(K_COL, "1000 IU")],
            words_in_column: [(K_COL, "one hundred mcg")],
            see_label_in_column: [(K_COL, "see label")],
            generic_k_without_form: [(ING, "Vitamin K 100 mcg")],
            k1_and_k2_one_amount: [(ING, "Vitamin K1 and K2 100 mcg")],
            no_amount: [(ING, "Vitamin K2 (as MK-7)")],
            bare_number_without_unit: [("Vitamin K", "100")],
        });
    }
}

// ------------------------------------------------------------------ servings per day

mod servings {
    use super::*;
    table!(check_servings {
        column_two: [(PER_DAY, "2")] => 2.0,
        column_one: [(PER_DAY, "1")] => 1.0,
        column_with_words: [(PER_DAY, "2 times daily")] => 2.0,
        column_twice_daily: [(PER_DAY, "twice daily")] => 2.0,
        column_beats_directions: [(PER_DAY, "1"), (DIRECTIONS, "Take 1 capsule 3 times daily")] => 1.0,
        two_softgels_serving_one: [(SERVING, "1 softgel"), (DIRECTIONS, "Take 2 softgels daily")] => 2.0,
        two_drops_twice_serving_two: [(SERVING, "2 drops"), (DIRECTIONS, "Take 2 drops twice daily")] => 2.0,
        en_dash_range: [(DIRECTIONS, "1 capsule 1\u{2013}2 times daily")] => 2.0,
        en_dash_range_with_serving: [(SERVING, "1 capsule"), (DIRECTIONS, "1 capsule 1\u{2013}2 times daily with food")] => 2.0,
        hyphen_range: [(DIRECTIONS, "Take 1 capsule 1-2 times daily")] => 2.0,
        word_range: [(DIRECTIONS, "Take 2 drops one to three times daily")] => 3.0,
        two_times_a_day: [(DIRECTIONS, "Adults: take one capsule two times a day")] => 2.0,
        three_times_daily: [(SERVING, "1 softgel"), (DIRECTIONS, "Take 1 softgel three times daily")] => 3.0,
        once_daily: [(DIRECTIONS, "Take 1 capsule once daily")] => 1.0,
        one_softgel_daily: [(SERVING, "1 softgel"), (DIRECTIONS, "Take 1 softgel daily with a meal")] => 1.0,
        weekly: [(DIRECTIONS, "Take 1 capsule weekly")] => 1.0 / 7.0,
        once_a_week: [(DIRECTIONS, "Take 1 capsule once a week")] => 1.0 / 7.0,
        per_drop_in_title: [(TITLE, "Vitamin D3 1000 IU per drop"), (DIRECTIONS, "Take 5 drops daily")] => 5.0,
        per_two_drops_in_title: [(TITLE, "D3 K2 Drops - 1000 IU D3 + 100 mcg K2 per 2 drops"), (DIRECTIONS, "Take 2 drops twice daily")] => 2.0,
        directions_in_description: [(SERVING, "1 capsule"), (DESC, "Vitamin D3 + K2. Take 2 capsules daily with food.")] => 2.0,
        german_directions: [("Verzehrmenge", "1 Kapsel"), ("Verzehrempfehlung", "2 Kapseln t\u{e4}glich")] => 2.0,
        nothing_stated: [(TITLE, "Vitamin D3 + K2 Softgels")] => 1.0,
        no_frequency: [(DIRECTIONS, "Keep out of reach of children")] => 1.0,
        two_x_daily: [(SERVING, "1 softgel"), (DIRECTIONS, "Take 1 softgel 2x daily")] => 2.0,
        two_x_spaced_daily: [(SERVING, "1 softgel"), (DIRECTIONS, "Take 1 softgel 2 x daily")] => 2.0,
        german_two_x: [("Verzehrmenge", "1 Kapsel"), ("Verzehrempfehlung", "2x t\u{e4}glich 1 Kapsel")] => 2.0,
        one_to_two_words: [(SERVING, "1 capsule"), (DIRECTIONS, "Take 1 to 2 capsules daily")] => 2.0,
        parenthesised_count: [(SERVING, "1 softgel"), (DIRECTIONS, "Take two (2) softgels daily")] => 2.0,
        every_day: [(SERVING, "1 capsule"), (DIRECTIONS, "Take 1 capsule every day")] => 1.0,
        german_pro_tag: [("Verzehrmenge", "1 Kapsel"), ("Verzehrempfehlung", "1 Kapsel pro Tag")] => 1.0,
        column_range: [(PER_DAY, "1-2")] => 2.0,
        column_range_words: [(PER_DAY, "1 to 2")] => 2.0,
        column_range_spaced: [(PER_DAY, "2 - 3")] => 3.0,
        each_drop_contains: [(DESC, "Each drop contains 1000 IU vitamin D3"), (DIRECTIONS, "Take 2 drops daily")] => 2.0,
        every_other_day: [(SERVING, "1 capsule"), (DIRECTIONS, "Take 1 capsule every other day")] => 0.5,
        every_seven_days: [(DIRECTIONS, "Take 1 capsule every 7 days")] => 1.0 / 7.0,
        // Issue 23: interval directions in every language are read as the interval, not daily.
        de_alle_2_tage: [("Verzehrempfehlung", "Alle 2 Tage 1 Kapsel.")] => 0.5,
        de_alle_7_tage: [("Verzehrempfehlung", "Alle 7 Tage 1 Tablette.")] => 1.0 / 7.0,
        de_jeden_10_tag: [("Verzehrempfehlung", "Jeden 10. Tag 1 Tablette.")] => 0.1,
        de_einmal_woechentlich: [("Verzehrempfehlung", "Einmal w\u{f6}chentlich 1 Tablette.")] => 1.0 / 7.0,
        de_1x_pro_woche: [("Verzehrempfehlung", "1x pro Woche 1 Tablette")] => 1.0 / 7.0,
        ru_cherez_den: [("Способ применения", "По 1 капсуле через день.")] => 0.5,
        ru_raz_v_nedelyu: [("Способ применения", "По 1 таблетке раз в неделю.")] => 1.0 / 7.0,
        ru_1_raz_v_7_dney: [("Способ применения", "1 таблетка 1 раз в 7 дней.")] => 1.0 / 7.0,
        pl_co_7_dni: [("Sposób użycia", "1 tabletka co 7 dni.")] => 1.0 / 7.0,
        pl_co_drugi_dzien: [("Sposób użycia", "1 kapsułka co drugi dzień.")] => 0.5,
        pl_raz_w_tygodniu: [("Sposób użycia", "1 tabletka raz w tygodniu.")] => 1.0 / 7.0,
        pl_two_daily_serving_one: [(SERVING, "1 kapsułka"), ("Sposób użycia", "2 kapsułki dziennie.")] => 2.0,
        fr_tous_les_7_jours: [(DIRECTIONS, "1 comprimé tous les 7 jours")] => 1.0 / 7.0,
        es_cada_7_dias: [(DIRECTIONS, "1 cápsula cada 7 días")] => 1.0 / 7.0,
        it_ogni_7_giorni: [(DIRECTIONS, "1 capsula ogni 7 giorni")] => 1.0 / 7.0,
        nl_om_de_dag: [(DIRECTIONS, "1 capsule om de dag")] => 0.5,
        nl_eenmaal_per_week: [(DIRECTIONS, "Eenmaal per week 1 tablet")] => 1.0 / 7.0,
        cs_obden: [(DIRECTIONS, "1 tobolka obden")] => 0.5,
        // Issue 14: "each" in the directions does not make one gummy the serving.
        chew_each_gummy: [(TITLE, "Vitamin D3 + K2 Gummies"), (DIRECTIONS, "Adults: chew 4 gummies daily. Chew each gummy thoroughly before swallowing.")] => 1.0,
        chew_each_gummy_with_serving: [(SERVING, "4 Gummies"), (DIRECTIONS, "Chew 4 gummies daily. Chew each gummy thoroughly.")] => 1.0,
        take_each_capsule_with_water: [(DIRECTIONS, "Take 2 capsules daily, each capsule with a glass of water.")] => 1.0,
        each_softgel_contains_still_counts: [(DESC, "Each softgel contains 1000 IU of vitamin D3."), (DIRECTIONS, "Take 2 softgels daily.")] => 2.0,
        amount_per_softgel_counts: [(DESC, "Amount per softgel: Vitamin D3 1000 IU"), (DIRECTIONS, "Take 3 softgels daily")] => 3.0,
        // A serving-size range: a dose within it is one serving.
        serving_range_one_gummy: [(SERVING, "1-2 Gummies"), (DIRECTIONS, "Chew 1 gummy daily")] => 1.0,
        serving_range_three_to_six: [(SERVING, "3-6 Gummies"), (DIRECTIONS, "Adults: chew 3 gummies daily")] => 1.0,
        serving_range_same_range: [(SERVING, "1-2 Gummies"), (DIRECTIONS, "Chew 1 to 2 gummies daily")] => 1.0,
        serving_range_twice_daily: [(SERVING, "1-2 Gummies"), (DIRECTIONS, "Chew 2 gummies twice daily")] => 2.0,
        serving_range_above: [(SERVING, "1-2 Capsules"), (DIRECTIONS, "Take 4 capsules daily")] => 2.0,
        // Age-split directions: the largest adult dose.
        children_then_adults: [(SERVING, "1 Gummy"), (DIRECTIONS, "Children 2\u{2013}3 years: chew one gummy daily. Children 4 years and older and adults: chew two gummies daily.")] => 2.0,
        adults_then_children: [(SERVING, "1 softgel"), (DIRECTIONS, "Adults: take 2 softgels daily. Children 4-12: take 1 softgel daily.")] => 2.0,
        adult_semicolon_split: [(SERVING, "1 gummy"), (DIRECTIONS, "Children (2-3 years): 1 gummy per day; adults and children 4+: 2 gummies per day")] => 2.0,
        children_dose_larger_ignored: [(SERVING, "1 drop"), (DIRECTIONS, "Adults: 1 drop daily. Children under 12: 2 drops daily under supervision.")] => 1.0,
        children_only_largest: [(SERVING, "1 gummy"), (DIRECTIONS, "Children 2-3: chew 1 gummy daily. Children 4-12: chew 2 gummies daily.")] => 2.0,
        adults_twice_daily: [(SERVING, "1 capsule"), (DIRECTIONS, "Children 6-12: 1 capsule daily. Adults: 1 capsule twice daily.")] => 2.0,
        no_ages_first_phrase: [(SERVING, "1 capsule"), (DIRECTIONS, "Take 1 capsule daily. Do not exceed 2 capsules daily.")] => 1.0,
    });
}

// ------------------------------------------------------------------ per-day amounts

mod per_day {
    use super::*;
    table!(check_per_day {
        two_softgels: [(ING, "Vitamin D3 125 mcg (5,000 IU), Vitamin K2 (as MK-7) 100 mcg"), (SERVING, "1 softgel"), (DIRECTIONS, "Take 2 softgels daily")] => (Some(10000.0), Some(200.0)),
        drops_twice: [(TITLE, "D3 K2 Drops - 1000 IU D3 + 100 mcg K2 per 2 drops"), (DIRECTIONS, "Take 2 drops twice daily")] => (Some(2000.0), Some(200.0)),
        column_three: [(ING, "Vitamin D3 1000 IU, Vitamin K2 MK-7 50 mcg"), (PER_DAY, "3")] => (Some(3000.0), Some(150.0)),
        default_one: [(ING, "Vitamin D3 5000 IU, Vitamin K2 MK-7 100 mcg")] => (Some(5000.0), Some(100.0)),
        weekly_bolus: [(ING, "Vitamin D3 50,000 IU"), (DIRECTIONS, "Take 1 capsule weekly")] => (Some(50000.0 / 7.0), None),
        // Issue 23: a weekly 10,000 IU tablet is 1,428.6 IU a day in every language.
        de_weekly_tablet: [("Inhaltsstoffe", "Vitamin D3 250 \u{b5}g (10.000 I.E.), Vitamin K2 MK-7 200 \u{b5}g je Tablette"), ("Verzehrempfehlung", "Alle 7 Tage 1 Tablette.")] => (Some(10000.0 / 7.0), Some(200.0 / 7.0)),
        pl_weekly_tablet: [("Skład", "witamina D3 (cholekalcyferol) 250 \u{b5}g (10 000 j.m.); witamina K2 (MK-7) 200 \u{b5}g"), ("Sposób użycia", "1 tabletka co 7 dni.")] => (Some(10000.0 / 7.0), Some(200.0 / 7.0)),
        ru_every_other_day: [("Состав", "Витамин D3 (холекальциферол) 125 мкг (5000 МЕ)"), ("Способ применения", "По 1 капсуле через день.")] => (Some(2500.0), None),
        range_max: [(ING, "Vitamin D3 1000 IU, Vitamin K2 (MK-7) 45 mcg"), (DIRECTIONS, "1 capsule 1\u{2013}2 times daily")] => (Some(2000.0), Some(90.0)),
        mk4_high_dose_three: [(ING, "Vitamin K2 (as MK-4) 15 mg"), (PER_DAY, "3")] => (None, Some(45000.0)),
        header_columns: [("D3 (IU)", "2000"), ("Vitamin K2 (mcg)", "90"), (PER_DAY, "2")] => (Some(4000.0), Some(180.0)),
    });
}

// ------------------------------------------------------------------ dosage forms

mod dosage {
    use super::*;
    table!(check_dosage {
        softgel: [(FORM, "Softgel")] => DosageForm::Softgel,
        liquid_softgels: [(TITLE, "Vitamin D3 + K2, 60 Liquid Softgels")] => DosageForm::Softgel,
        veg_softgels: [(FORM, "Veg Softgels")] => DosageForm::Softgel,
        gelcaps: [(FORM, "Gelcaps")] => DosageForm::Softgel,
        german_softgel: [(FORM, "Weichkapseln")] => DosageForm::Softgel,
        softgel_from_serving: [(SERVING, "1 softgel")] => DosageForm::Softgel,
        drops_from_serving: [(SERVING, "2 drops")] => DosageForm::Liquid,
        drops: [(FORM, "Drops")] => DosageForm::Liquid,
        liquid: [(FORM, "Liquid")] => DosageForm::Liquid,
        fl_oz: [(TITLE, "Vitamin D3 + K2 1 fl oz")] => DosageForm::Liquid,
        ml: [(TITLE, "Vitamin D3 + K2 30 ml")] => DosageForm::Liquid,
        title_drops: [(TITLE, "Vitamin D3 + K2 Drops")] => DosageForm::Liquid,
        german_drops: [(FORM, "Tropfen")] => DosageForm::Liquid,
        chewable_tablets: [(FORM, "Chewable Tablets")] => DosageForm::Chewable,
        german_chewable: [(FORM, "Kautabletten")] => DosageForm::Chewable,
        gummies: [(FORM, "Gummies")] => DosageForm::Gummy,
        title_gummies: [(TITLE, "D3+K2 Gummies, 60 Count")] => DosageForm::Gummy,
        spray: [(FORM, "Oral Spray")] => DosageForm::Spray,
        spray_plain: [(TITLE, "Vitamin D3 + K2 Spray")] => DosageForm::Spray,
        veg_capsules: [(FORM, "Veg Capsules")] => DosageForm::Capsule,
        vegetarian_capsules: [(FORM, "Vegetarian Capsules")] => DosageForm::Capsule,
        vcaps: [(TITLE, "Vitamin D3 + K2, 120 VCaps")] => DosageForm::Capsule,
        tablets: [(FORM, "Tablets")] => DosageForm::Tablet,
        caplets: [(FORM, "Caplets")] => DosageForm::Tablet,
        powder: [(FORM, "Powder")] => DosageForm::Powder,
        sachet: [(FORM, "Sachet")] => DosageForm::Powder,
        stick_packs: [(TITLE, "Vitamin D3 + K2 30 Stick Packs")] => DosageForm::Powder,
        column_beats_title: [(FORM, "Capsule"), (TITLE, "Vitamin D3 Drops")] => DosageForm::Capsule,
        softgel_capsules: [(TITLE, "Vitamin D3 + K2 Softgel Capsules")] => DosageForm::Softgel,
        liquid_capsules: [(FORM, "Liquid Capsules")] => DosageForm::Softgel,
        soft_chews: [(FORM, "Soft Chews")] => DosageForm::Chewable,
        tincture: [(FORM, "Tincture")] => DosageForm::Liquid,
        sublingual_spray: [(FORM, "Sublingual Spray")] => DosageForm::Spray,
        german_powder: [(FORM, "Pulver")] => DosageForm::Powder,
        tabs: [(TITLE, "Vitamin D3 + K2, 90 Tabs")] => DosageForm::Tablet,
        // Issue 14: a lozenge is a form of its own; liquid-filled and liquid softgels are softgels.
        lozenge: [(FORM, "Lozenge")] => DosageForm::Lozenge,
        lozenges_title: [(TITLE, "Vitamin D3 + K2 Lozenges, Cherry, 60 Count")] => DosageForm::Lozenge,
        lozenge_serving: [(SERVING, "1 Lozenge")] => DosageForm::Lozenge,
        chewable_lozenge: [(TITLE, "D3 + K2 Chewable Lozenges")] => DosageForm::Lozenge,
        german_lozenge: [(FORM, "Lutschtabletten")] => DosageForm::Lozenge,
        troche: [(FORM, "Troche")] => DosageForm::Lozenge,
        liquid_filled_capsule_form: [(FORM, "Liquid Filled Capsule")] => DosageForm::Softgel,
        liquid_filled_hyphen: [(TITLE, "Vitamin D3 5000 IU, 100 Liquid-Filled Capsules")] => DosageForm::Softgel,
        liquid_softgel_form: [(FORM, "Liquid Softgel")] => DosageForm::Softgel,
        liquid_calcium_softgels: [(TITLE, "Liquid Calcium 1200 mg with Vitamin D3 & K2"), (SERVING, "2 Softgels")] => DosageForm::Softgel,
        liquid_calcium_form_liquid: [(FORM, "Liquid"), (TITLE, "Liquid Calcium + D3 + K2, 120 Softgels")] => DosageForm::Softgel,
        liquid_calcium_directions: [(TITLE, "Liquid Calcium with D3 and K2"), (DIRECTIONS, "Take 2 softgels daily with food")] => DosageForm::Softgel,
        french_gelules: [(FORM, "Gélules")] => DosageForm::Capsule,
        french_drops: [(FORM, "Gouttes")] => DosageForm::Liquid,
        russian_capsules: [(TITLE, "Витамин D3 5000 МЕ, 60 капсул")] => DosageForm::Capsule,
        russian_drops: [(FORM, "Капли")] => DosageForm::Liquid,
        russian_softgels: [(FORM, "Мягкие капсулы")] => DosageForm::Softgel,
    });

    mod unknown {
        use super::*;
        table!(check_dosage {
            no_form_named: [(TITLE, "Vitamin D3 + K2 5000 IU")] => DosageForm::Unknown,
            count_only: [(TITLE, "Vitamin D3 + K2 - 60 count")] => DosageForm::Unknown,
            empty: [(FORM, "")] => DosageForm::Unknown,
        });
    }

    mod liquid {
        use super::*;
        table!(check_dosage {
            liquid_drops_compared_in_description: [(TITLE, "Vitamin D3 Liquid Drops"), (DESC, "Easier to take than softgels")] => DosageForm::Liquid,
            liquid_title_drops_serving: [(TITLE, "Liquid Vitamin D3 + K2"), (SERVING, "5 drops")] => DosageForm::Liquid,
        });
    }
}

// ------------------------------------------------------------------ carrier oils

mod oils {
    use super::*;
    table!(check_oils {
        mct: [(OTHER, "MCT oil, gelatin, glycerin")] => "MCT",
        mct_from_coconut: [(OTHER, "MCT oil (from coconut)")] => "MCT",
        mct_from_coconut_oil: [(OTHER, "Medium chain triglycerides (from coconut oil)")] => "MCT",
        fractionated_coconut: [(OTHER, "Fractionated coconut oil, gelatin")] => "MCT",
        caprylic_capric: [(OTHER, "Caprylic/capric triglycerides")] => "MCT",
        mct_german: [("Zutaten", "MCT-\u{d6}l, Vitamin D3")] => "MCT",
        olive: [(OTHER, "Organic extra virgin olive oil, yellow beeswax, sunflower lecithin")] => "olive",
        olive_german: [("Zutaten", "Oliven\u{f6}l, Cholecalciferol")] => "olive",
        coconut: [(OTHER, "Organic coconut oil, organic beeswax, sunflower lecithin")] => "coconut",
        sunflower_seed: [(OTHER, "Sunflower seed oil")] => "sunflower",
        sunflower_latin: [(OTHER, "Helianthus annuus (sunflower) seed oil")] => "sunflower",
        safflower: [(OTHER, "High oleic safflower oil, gelatin")] => "safflower",
        flaxseed: [(OTHER, "Organic flaxseed oil")] => "flaxseed",
        hemp: [(OTHER, "Hemp seed oil")] => "hemp",
        fish: [(OTHER, "Fish oil, gelatin, glycerin")] => "fish",
        cod_liver: [(ING, "Cod liver oil, Vitamin A & D-3")] => "fish",
        avocado: [(OTHER, "Avocado oil")] => "avocado",
        other_oil: [(OTHER, "Rice bran oil")] => "other",
        oil_in_ingredients: [(ING, "Vitamin D3 (as cholecalciferol) in olive oil")] => "olive",
        mct_and_flaxseed: [(OTHER, "MCT oil, organic flaxseed oil")] => "MCT+flaxseed",
        spec_order_olive_mct: [(OTHER, "Olive oil, MCT oil")] => "MCT+olive",
        spec_order_three: [(OTHER, "Sunflower oil, coconut oil, MCT")] => "MCT+coconut+sunflower",
        lecithin_beside_oil: [(OTHER, "Sunflower lecithin, sunflower oil")] => "sunflower",
        mct_parenthesised: [(OTHER, "Medium-chain triglycerides (MCT) from coconut")] => "MCT",
        virgin_coconut: [(OTHER, "Organic virgin coconut oil")] => "coconut",
        k2_in_sunflower_oil: [(ING, "Vitamin K2 (as menaquinone-7 in sunflower oil) 100 mcg")] => "sunflower",
        coconut_oil_derived_mct: [(OTHER, "Coconut oil-derived MCT")] => "MCT",
        mct_derived_from_coconut_oil: [(OTHER, "MCT oil (derived from coconut oil)")] => "MCT",
        linseed: [(OTHER, "Linseed oil")] => "flaxseed",
        krill: [(OTHER, "Krill oil")] => "fish",
        // Issue 14: an oil that is the source of another nutrient or a processing aid is no
        // carrier; the carrier beside it still counts.
        vitamin_e_from_sunflower_beside_olive: [(OTHER, "Olive oil, vitamin E (as d-alpha-tocopherol from sunflower oil), gelatin")] => "olive",
        vitamin_e_derived_beside_mct: [(OTHER, "MCT oil; contains vitamin E derived from soybean oil")] => "MCT",
        processing_aid_beside_coconut: [(OTHER, "Coconut oil, gelatin, soybean oil (used as a processing aid)")] => "coconut",
        cod_liver_oil_column_wins: [(ING, "Cod liver oil, Vitamin A & D-3 25,000/1,000 IU"), (DESC, "Our cod liver oil is molecularly distilled; unlike olive oil or soybean oil blends, it is pure.")] => "fish",
        description_when_columns_name_none: [(OTHER, "Gelatin, glycerin"), (DESC, "Vitamin D3 in extra virgin olive oil")] => "olive",
        carrier_in_sunflower_oil_stays: [(ING, "Vitamin K2 (as menaquinone-7 in sunflower oil) 100 mcg")] => "sunflower",
        // Issue 23: oil names in the languages of the trial exports.
        pl_safflower: [("Skład", "witamina K2 (menachinon-7 z natto) 50 \u{b5}g; olej szafranowy")] => "safflower",
        pl_soybean: [("Skład", "witamina D3 (cholekalcyferol) 125 \u{b5}g (5 000 j.m.); olej sojowy")] => "other",
        pl_rapeseed: [("Skład", "olej rzepakowy, witamina D3")] => "other",
        pl_mct: [("Skład", "olej MCT, witamina D3")] => "MCT",
        pl_olive_olej: [("Skład", "olej z oliwek, witamina D3")] => "olive",
        pl_olive_oliwa: [("Skład", "oliwa z oliwek extra virgin")] => "olive",
        pl_coconut: [("Skład", "olej kokosowy, witamina K2")] => "coconut",
        pl_sunflower: [("Skład", "olej słonecznikowy, żelatyna")] => "sunflower",
        pl_sunflower_locative: [("Skład", "witamina D3 w oleju słonecznikowym")] => "sunflower",
        ru_olive: [("Состав", "оливковое масло, желатин")] => "olive",
        ru_olive_inverted: [("Состав", "масло оливковое, желатин")] => "olive",
        ru_mct: [("Состав", "масло MCT")] => "MCT",
        ru_sunflower_inverted: [("Состав", "масло подсолнечное, желатин")] => "sunflower",
        ru_safflower: [("Состав", "сафлоровое масло, желатин")] => "safflower",
        ru_soybean: [("Состав", "соевое масло, желатин")] => "other",
        cs_sunflower: [("Složení", "slunečnicový olej, želatina")] => "sunflower",
        cs_safflower: [("Složení", "saflorový olej")] => "safflower",
        cs_soybean: [("Složení", "sojový olej")] => "other",
        de_soybean: [("Zutaten", "Soja\u{f6}l, Gelatine")] => "other",
        fr_safflower: [(OTHER, "huile de carthame")] => "safflower",
        es_safflower: [(OTHER, "aceite de c\u{e1}rtamo")] => "safflower",
        it_hemp: [(OTHER, "olio di canapa")] => "hemp",
    });

    mod none {
        use super::*;
        table!(check_oils {
            sunflower_lecithin_alone: [(OTHER, "Sunflower lecithin")] => "",
            soy_lecithin: [(OTHER, "Soy lecithin, gelatin")] => "",
            mct_powder: [(OTHER, "MCT powder, microcrystalline cellulose")] => "",
            mct_oil_powder_from_coconut: [(OTHER, "MCT oil powder (from coconut)")] => "",
            coconut_oil_powder: [(OTHER, "Coconut oil powder")] => "",
            peppermint_oil: [(OTHER, "Peppermint oil, citric acid, water")] => "",
            orange_oil: [(OTHER, "Natural orange oil, xylitol")] => "",
            fillers_only: [(OTHER, "Microcrystalline cellulose, magnesium stearate")] => "",
            beeswax_gelatin: [(OTHER, "Beeswax, gelatin, glycerin")] => "",
            nothing: [(TITLE, "Vitamin D3 + K2 Capsules")] => "",
            fish_gelatin: [(OTHER, "Fish gelatin, glycerin")] => "",
            sunflower_oil_powder: [(OTHER, "Sunflower oil powder, tapioca starch")] => "",
            // Issue 14.
            vitamin_e_from_sunflower_oil: [(OTHER, "Vitamin E (as d-alpha-tocopherol from sunflower oil), cellulose")] => "",
            mixed_tocopherols_from_soybean_oil: [(OTHER, "Microcrystalline cellulose, mixed tocopherols (from soybean oil)")] => "",
            contains_vitamin_e_derived_from_soybean: [(DESC, "Contains vitamin E derived from soybean oil.")] => "",
            soybean_oil_processing_aid: [(OTHER, "Tapioca starch, soybean oil used as a processing aid")] => "",
        });
    }
}

// ------------------------------------------------------------------ certifications

mod certs {
    use super::*;
    table!(check_certs {
        nsf_sport: [(CERTS, "NSF Certified for Sport")] => "nsf_sport",
        nsf_sport_trademark: [(CERTS, "NSF Certified for Sport\u{ae}")] => "nsf_sport",
        nsf_contents_ansi: [(CERTS, "NSF/ANSI 173")] => "nsf_contents",
        nsf_certified: [(CERTS, "NSF Certified")] => "nsf_contents",
        contents_certified: [(CERTS, "NSF Contents Certified")] => "nsf_contents",
        usp_verified: [(CERTS, "USP Verified")] => "usp_verified",
        usp_verified_hyphen: [(CERTS, "USP-Verified")] => "usp_verified",
        informed_sport: [(CERTS, "Informed Sport")] => "informed_sport",
        informed_choice: [(CERTS, "Informed Choice")] => "informed_choice",
        bscg: [(CERTS, "BSCG Certified Drug Free")] => "bscg",
        gmp: [(CERTS, "GMP")] => "gmp",
        cgmp: [(CERTS, "cGMP")] => "gmp",
        cgmp_facility: [(DESC, "Made in a cGMP facility")] => "gmp",
        nsf_gmp_registered: [(CERTS, "NSF GMP registered facility")] => "gmp",
        nsf_registered_gmp: [(DESC, "Manufactured in an NSF registered GMP facility")] => "gmp",
        gmp_quality_assured: [(CERTS, "GMP Quality Assured")] => "gmp",
        good_manufacturing_practice: [(DESC, "Made following Good Manufacturing Practices")] => "gmp",
        third_party_tested: [(CERTS, "Third-party tested")] => "third_party_tested",
        independently_lab_verified: [(DESC, "Independently lab verified for purity")] => "third_party_tested",
        purity_tested: [(CERTS, "Purity tested")] => "third_party_tested",
        non_gmo: [(CERTS, "Non-GMO")] => "non_gmo",
        non_gmo_project: [(CERTS, "Non-GMO Project Verified")] => "non_gmo",
        gluten_free: [(CERTS, "Gluten-free")] => "gluten_free",
        gluten_free_german: [(CERTS, "Glutenfrei")] => "gluten_free",
        soy_free: [(CERTS, "Soy-free")] => "soy_free",
        dairy_free: [(CERTS, "Dairy free")] => "dairy_free",
        vegan: [(CERTS, "Vegan")] => "vegan",
        certified_vegan: [(CERTS, "Certified Vegan")] => "vegan",
        hypoallergenic: [(CERTS, "Hypoallergenic")] => "hypoallergenic",
        kosher: [(CERTS, "Kosher")] => "kosher",
        halal: [(CERTS, "Halal")] => "halal",
        free_of_list: [(DESC, "Free of gluten, soy and dairy")] => "dairy_free+gluten_free+soy_free",
        contains_no_list: [(DESC, "Contains no gluten, soy, or dairy.")] => "dairy_free+gluten_free+soy_free",
        allergens_then_free: [(CERTS, "Gluten, Soy & Dairy Free")] => "dairy_free+gluten_free+soy_free",
        comma_list: [(CERTS, "Vegan, Non-GMO, Gluten-Free")] => "gluten_free+non_gmo+vegan",
        pipe_list: [(CERTS, "NSF Certified for Sport | Non-GMO | Kosher")] => "kosher+non_gmo+nsf_sport",
        semicolon_list: [("Badges", "USP Verified; Gluten Free; Halal")] => "gluten_free+halal+usp_verified",
        in_title: [(TITLE, "Vitamin D3 + K2, Vegan, Non-GMO")] => "non_gmo+vegan",
        usp_verified_with_grade: [(CERTS, "USP Verified, USP-grade ingredients")] => "usp_verified",
        free_from_colon: [(DESC, "Free from: gluten, soy, dairy")] => "dairy_free+gluten_free+soy_free",
        no_each: [(CERTS, "No gluten, no soy, no dairy")] => "dairy_free+gluten_free+soy_free",
        gluten_and_dairy_free: [(CERTS, "Gluten and dairy free")] => "dairy_free+gluten_free",
        made_without: [(DESC, "Made without gluten or soy")] => "gluten_free+soy_free",
        suitable_for_vegans: [(DESC, "Suitable for vegetarians and vegans")] => "vegan",
        gmp_certified_facility: [(DESC, "Manufactured in a GMP-certified facility")] => "gmp",
        third_party_for_purity: [(DESC, "Third party tested for purity and potency")] => "third_party_tested",
        free_of_ends_at_semicolon: [(DESC, "Free of gluten and soy; contains milk")] => "gluten_free+soy_free",
        free_of_ends_at_but: [(DESC, "Free of wheat, gluten and dairy, but contains soy (natto)")] => "dairy_free+gluten_free",
        contains_then_gluten_free: [(DESC, "Contains soy and milk. Gluten free.")] => "gluten_free",
        slash_allergens: [(CERTS, "Gluten/Dairy-Free")] => "dairy_free+gluten_free",
        vegan_society: [(CERTS, "Vegan Society approved")] => "vegan",
        // Issue 14: a facility's NSF certificate is GMP; a product's stays a certification.
        nsf_certified_facility: [(DESC, "Made in an NSF-certified facility in the USA.")] => "gmp",
        nsf_certified_cgmp_facility: [(DESC, "Manufactured in an NSF certified, cGMP facility")] => "gmp",
        nsf_certified_manufacturing_plant: [(DESC, "Produced in an NSF certified manufacturing plant")] => "gmp",
        nsf_certified_then_facility_sentence: [(CERTS, "NSF Certified. Made in a cGMP facility")] => "gmp+nsf_contents",
        nsf_certified_comma_made_in: [(DESC, "NSF Certified, made in a cGMP facility")] => "gmp+nsf_contents",
        certified_to_ansi_173: [(CERTS, "Certified to NSF/ANSI 173")] => "nsf_contents",
        not_certified_with_gluten_free: [(DESC, "Not certified by NSF. Gluten free.")] => "gluten_free",
    });

    mod none {
        use super::*;
        table!(check_certs {
            usp_grade: [(DESC, "Made with USP-grade ingredients")] => "",
            usp_standards: [(DESC, "Meets USP standards for purity")] => "",
            pharmaceutical_grade: [(DESC, "Pharmaceutical grade vitamin D3")] => "",
            contains_soy: [(DESC, "Contains soy (from natto)")] => "",
            made_with_milk: [(OTHER, "Made with milk")] => "",
            vegetarian_is_not_vegan: [(CERTS, "Vegetarian")] => "",
            marketing: [(DESC, "Premium quality, trusted brand")] => "",
            empty: [(CERTS, "")] => "",
            free_of_ends_at_sentence: [(DESC, "Free of artificial colours. Contains milk and soy.")] => "",
            usp_alone: [(DESC, "Meets USP <2750>")] => "",
            not_suitable_for_vegans: [(DESC, "Not suitable for vegans")] => "",
            may_contain: [(DESC, "Produced in a facility that also processes soy, milk and gluten.")] => "",
            sugar_free_only: [(DESC, "Sugar free. Contains soy.")] => "",
            // Issue 14: negated or qualified claims are no certification.
            formulated_to_ansi_173: [(DESC, "Formulated to NSF/ANSI 173 ingredient standards (not certified).")] => "",
            meets_usp_standards: [(DESC, "Meets USP standards for dissolution.")] => "",
            not_certified_by_nsf: [(DESC, "This product is not certified by NSF.")] => "",
            not_nsf_certified: [(CERTS, "Not NSF Certified for Sport")] => "",
            not_usp_verified: [(DESC, "Not USP Verified; tested in house.")] => "",
            nsf_pending: [(CERTS, "NSF certification pending")] => "",
            meets_nsf_standards: [(DESC, "Meets NSF/ANSI 173 standards")] => "",
            informed_sport_pending: [(CERTS, "Informed Sport (pending)")] => "",
        });
    }
}

// ------------------------------------------------------------------ warfarin warning

mod warfarin {
    use super::*;
    table!(check_warfarin {
        warfarin: [(WARN, "If you are taking warfarin, consult your doctor before use.")] => true,
        coumadin: [(WARN, "Do not take if you are on Coumadin.")] => true,
        anticoagulant: [(WARN, "If you are taking anticoagulant medicines (e.g. warfarin), consult your doctor.")] => true,
        anticoagulants: [(WARN, "Consult your physician if you take anticoagulants.")] => true,
        anticoagulant_therapy: [(DESC, "Patients on anticoagulant therapy should not take MK-7 without supervision.")] => true,
        blood_thinner: [(WARN, "Not for use with a blood thinner.")] => true,
        blood_thinners: [(WARN, "Consult a health care professional prior to use if you are taking blood thinners.")] => true,
        blood_thinning: [(WARN, "Consult healthcare practitioner if taking blood-thinning medications.")] => true,
        vitamin_k_antagonist: [(WARN, "Not suitable for people taking a vitamin K antagonist.")] => true,
        vitamin_k_antagonists: [(WARN, "Interacts with vitamin K antagonists.")] => true,
        german_gerinnungshemmer: [("Warnhinweise", "Nicht geeignet bei Einnahme von Gerinnungshemmern.")] => true,
        german_gerinnungshemmer_singular: [(WARN, "Vor Einnahme mit Gerinnungshemmer den Arzt fragen.")] => true,
        german_blutverduenner: [(WARN, "Bei Einnahme von Blutverd\u{fc}nnern \u{e4}rztlichen Rat einholen.")] => true,
        german_blutverduenner_singular: [(WARN, "Nicht mit Blutverd\u{fc}nner einnehmen.")] => true,
        german_antikoagulanzien: [(WARN, "Antikoagulanzien vom Cumarin-Typ")] => true,
        marcumar: [(WARN, "Nicht bei Einnahme von Marcumar.")] => true,
        in_description: [(DESC, "Vitamin D3 + K2 softgels. Not for people taking warfarin.")] => true,
        upper_case: [(WARN, "CAUTION: CONSULT YOUR DOCTOR IF TAKING WARFARIN")] => true,
        blood_thinning_medications: [(WARN, "Talk to your doctor if you take blood thinning medications.")] => true,
        anti_coagulant_hyphen: [(WARN, "Not for use with anti-coagulant drugs.")] => true,
        french_anticoagulants: [(WARN, "Ne pas utiliser avec des anticoagulants.")] => true,
        german_blutgerinnungshemmend: [(WARN, "Personen, die blutgerinnungshemmende Medikamente einnehmen, sollten vorher einen Arzt fragen.")] => true,
        german_gerinnungshemmend: [(WARN, "Nicht bei Einnahme gerinnungshemmender Medikamente.")] => true,
        german_vitamin_k_antagonisten: [(WARN, "Nicht bei Einnahme von Vitamin K-Antagonisten.")] => true,
        german_vitamin_k_antagonisten_hyphens: [(WARN, "Nicht bei Einnahme von Vitamin-K-Antagonisten.")] => true,
        german_vitamin_k_antagonisten_spaced: [(WARN, "Nicht bei Einnahme von Vitamin K Antagonisten.")] => true,
        coumarin_anticoagulants: [(WARN, "Not for use with coumarin anticoagulants.")] => true,
        russian_warfarin: [(WARN, "Проконсультируйтесь с врачом при приеме варфарина.")] => true,
        russian_anticoagulants: [(WARN, "Не принимать с антикоагулянтами.")] => true,
    });

    mod absent {
        use super::*;
        table!(check_warfarin {
            keep_out_of_reach: [(WARN, "Keep out of reach of children.")] => false,
            pregnant: [(WARN, "Consult your doctor if pregnant or nursing.")] => false,
            dose: [(WARN, "Do not exceed the recommended dose.")] => false,
            coagulation_benefit: [(DESC, "Supports healthy blood coagulation.")] => false,
            // Coumarin is a flavour compound (tonka, cassia), not Coumadin.
            coumarin_flavour: [(DESC, "Natural vanilla flavour; contains coumarin from tonka bean.")] => false,
            coumarin_free: [(OTHER, "Cinnamon flavour (coumarin-free)")] => false,
            empty: [(WARN, "")] => false,
        });
    }
}

// ------------------------------------------------------------------ evidence

/// Picks one fact's evidence from the facts.
type Pick = fn(&Facts) -> Option<Evidence>;

/// The evidence names the column as headed and quotes the label as written (µ, ®, dashes intact).
fn check_evidence(name: &str, fields: &[(&str, &str)], want: (Pick, &str, &str)) {
    let f = facts(name, fields);
    let ev = (want.0)(&f).unwrap_or_else(|| panic!("{name}: no evidence"));
    assert_eq!((ev.column.as_ref(), ev.matched.as_str()), (want.1, want.2), "{name}: evidence");
}

mod evidence {
    use super::*;
    table!(check_evidence {
        d_amount_greek_mu: [(ING, "Vitamin D3 125 \u{3bc}g, gelatin")] => (|f| f.d.as_ref()?.amount_evidence.clone(), ING, "Vitamin D3 125 \u{3bc}g"),
        d_amount_dual_units: [(ING, "Vitamin D3 125 mcg (5,000 IU), Vitamin K2 100 mcg")] => (|f| f.d.as_ref()?.amount_evidence.clone(), ING, "Vitamin D3 125 mcg (5,000 IU)"),
        d_amount_column: [("D3 (IU)", "5000")] => (|f| f.d.as_ref()?.amount_evidence.clone(), "D3 (IU)", "5000"),
        d_form_as: [(ING, "Vitamin D3 (as cholecalciferol) 125 mcg")] => (|f| f.d.as_ref()?.form_evidence.clone(), ING, "Vitamin D3 (as cholecalciferol)"),
        k_form_trademark: [(ING, "Vitamin K2 (as MenaQ7\u{ae}) 100 mcg")] => (|f| f.k.as_ref()?.form_evidence.clone(), ING, "Vitamin K2 (as MenaQ7\u{ae})"),
        servings_en_dash: [(DIRECTIONS, "1 capsule 1\u{2013}2 times daily")] => (|f| f.servings_evidence.clone(), DIRECTIONS, "1 capsule 1\u{2013}2 times daily"),
        dosage_liquid_softgels: [(TITLE, "D3 + K2, 60 Liquid Softgels")] => (|f| f.dosage_evidence.clone(), TITLE, "Liquid Softgels"),
        oil_mct: [(OTHER, "Gelatin, MCT oil (from coconut)")] => (|f| f.oil_evidence.clone(), OTHER, "MCT oil"),
        cert_third_party_first: [(CERTS, "Gluten-free, NSF Certified for Sport")] => (|f| f.cert_evidence.clone(), CERTS, "NSF Certified for Sport"),
        warfarin_german: [("Warnhinweise", "Nicht mit Gerinnungshemmern einnehmen.")] => (|f| f.warfarin.clone(), "Warnhinweise", "Gerinnungshemmern"),
    });
}

// ------------------------------------------------------------------ real-world label text (issue 22)
// One table per class of scraped text that went wrong; the rule behind them: a fact that can make
// a product fail must be tied to its nutrient by the text, else the amount stays unknown and says why.

/// An amount glued to its %DV or a footnote mark is still the amount; a %DV alone is no amount.
mod glued_amounts {
    use super::*;
    table!(check_d_iu {
        iu_glued_to_dv: [(ING, "Vitamin D3 (as cholecalciferol) 1000 IU250%")] => 1000.0,
        mcg_glued_to_dv_cyrillic: [(ING, "Витамин D3 30 мкг150 %")] => 1200.0,
        after_a_footnote_mark: [(ING, "Витамин D3 ♦40 мкг200")] => 1600.0,
        after_a_closing_paren: [(ING, "колекальциферол (витамин D3)25 мкг (1000 МЕ)")] => 1000.0,
    });
    table!(check_k_amounts {
        after_a_bracketed_trade_name: [(ING, "Витамин К2 [MenaQ7®]100 мкг83%")] => (Some(100.0), None, None),
    });
    table!(check_d_amount_problem {
        dv_only_then_another_nutrient: [(ING, "Vitamin D3 125%; Vitamin E 2.4 mg")],
        dv_only_then_unknown_nutrient: [(ING, "Vitamin D3 125% DiosVein 900 mg")],
        dv_only: [(ING, "Vitamin D3 125%")],
    });
}

/// One line holding many nutrients: each amount is its own row's.
mod nutrient_lists {
    use super::*;
    table!(check_per_day {
        osteo_tech_panel: [(ING, "Calcium 400 mg 40% Phosphorous 164 mg 16% Magnesium 200 mg 50% Vitamin D 5,000 IU 1,250% (as cholecalciferol) Zinc 10 mg 67% Vitamin K1 100 microgram 181% (as phytonadione) Vitamin K2 45 microgram (MK-7 form) Copper 1 mg 50%")] => (Some(5000.0), Some(45.0)),
        bulgarian_panel_units_disagree: [(ING, "Витамин D3 (Холекалциферол) 35 mcg (2400 IU) 700%; Витамин E (D-алфа токоферил ацетат) 270 mg 2250%")] => (None, None),
        calcium_title: [(TITLE, "Calcium Plus Vitamin D3, 600 mg")] => (None, None),
        calcium_first_title: [(TITLE, "Calcium 600 mg with Vitamin D3")] => (None, None),
        fish_oil_title: [(TITLE, "Omega-3 Fish Oil 1000 mg with Vitamin D3 1000 IU")] => (Some(1000.0), None),
        glucosamine_title: [(TITLE, "Glucosamine 1500 mg + Vitamin D3")] => (None, None),
        implausible_mass_far_from_d: [(ING, "Vitamin D3 softgel, DiosVein 900 mg")] => (None, None),
    });
}

/// One amount after two vitamins: with an IU it is D's; a mass alone is nobody's (review).
mod shared_amounts {
    use super::*;
    table!(check_d_iu {
        iu_pair_is_d3s: [(TITLE, "D3 and K2, 125 mcg (5000 IU)")] => 5000.0,
    });
    table!(check_d_amount_problem {
        mass_after_k2_and_d3: [(TITLE, "K2 and D3, 100 mcg")],
        mass_after_d3_plus_k2: [(TITLE, "Vitamin D3 + K2 125 mcg")],
        mass_before_d3_and_k2: [(TITLE, "100 mcg D3 & K2")],
    });
    table!(check_k_amount_problem {
        k_side_of_a_shared_mass: [(TITLE, "K2 and D3, 100 mcg")],
        k_side_of_d3_plus_k2_mass: [(TITLE, "Vitamin D3 + K2 125 mcg")],
    });
    table!(check_per_day {
        two_amounts_still_pair: [(TITLE, "Vitamin D3 + K2 5000 IU / 100 mcg")] => (Some(5000.0), Some(100.0)),
        amounts_after_each: [(TITLE, "D3 5000 IU and K2 100 mcg")] => (Some(5000.0), Some(100.0)),
        d_amount_given_before_its_form: [(DESC, "Vitamin D3 5,000 IU (125 mcg) as cholecalciferol and Vitamin K2 90 mcg as MK-7 (menaquinone-7) in each veggie capsule.")] => (Some(5000.0), Some(90.0)),
    });
}

#[test]
fn shared_amount_says_what_is_unclear() {
    let f = facts("shared", &[(TITLE, "K2 and D3, 100 mcg")]);
    let d = f.d.expect("vitamin D found");
    let msg = d.amount_problem.unwrap_or_default();
    assert!(msg.contains("vitamin D and vitamin K together"), "{msg}");
}

/// Vitamin K named in scripts, cases and lists as storefronts write it.
mod k_names {
    use super::*;
    table!(check_k_forms {
        cyrillic_k2: [(ING, "Витамин К2 (менахинон-7) 100 мкг")] => "MK-7",
        cyrillic_k_generic_genitive: [(TITLE, "Комплекс витамина К")] => "unknown",
        menakhinon_capital: [(ING, "Менахинон 100 мкг")] => "unknown",
        k2_k1_k2_list: [(ING, "K2 | K1 | K2")] => "K1+K2",
        mk_list_with_mk6: [(ING, "K2 (as MK-4, MK-6, MK-7, MK-9) 100 mcg")] => "MK-4+MK-7+MK-9",
        vitamins_d3_and_k2_hyphens: [(TITLE, "Vitamins D-3 and K-2")] => "unknown",
        polish: [(ING, "Witamina K2 MK-7 75 µg")] => "MK-7",
        czech: [(ING, "vitamín K2 (menachinon-7) 100 µg")] => "MK-7",
        spanish: [(ING, "vitamina K2 (menaquinona-7) 75 µg")] => "MK-7",
        subscript: [(TITLE, "Vitamina D₃ + Vitamina K₂")] => "unknown",
        greek: [(ING, "Βιταμίνη K2 (MK-7) 100 µg")] => "MK-7",
    });
    table!(check_k_amounts {
        mk_list_amount_is_not_mk4_only: [(ING, "K2 (as MK-4, MK-6, MK-7, MK-9) 100 mcg")] => (Some(100.0), None, None),
    });
}

/// Units of the languages of European retail.
mod european_units {
    use super::*;
    table!(check_d_iu {
        polish_jm: [(ING, "Witamina D3 2000 j.m.")] => 2000.0,
        czech_mj: [(ING, "Vitamín D3 50 µg (2000 m.j.)")] => 2000.0,
        italian_ui_dots: [(ING, "Vitamina D3 1000 U.I.")] => 1000.0,
        russian_me: [(ING, "Витамин Д3 2000 МЕ")] => 2000.0,
        russian_me_latin: [(ING, "Витамин Д3 2000 ME")] => 2000.0,
        german_ie: [(ING, "Vitamin D3 1000 I.E.")] => 1000.0,
        french_ui: [(ING, "Vitamine D3 (cholécalciférol) 25 µg (1000 UI)")] => 1000.0,
    });
}

/// Dosage forms in other words and languages.
mod dosage_words {
    use super::*;
    table!(check_dosage {
        chewable_softgel: [(TITLE, "Vitamin D3, 60 chewable softgels")] => DosageForm::Softgel,
        teaspoon: [(DIRECTIONS, "Take 1 tsp daily")] => DosageForm::Liquid,
        mulsion: [(TITLE, "Vitamin D Mulsion 1000 IU")] => DosageForm::Liquid,
        emulsion: [(TITLE, "Vitamin D3 emulsion")] => DosageForm::Liquid,
        ru_soft_gelatin: [(TITLE, "Витамин Д3 60 мягких желатиновых капсул")] => DosageForm::Softgel,
        ru_soft_tablets: [(TITLE, "Витамин Д3, 60 мягких таблеток")] => DosageForm::Softgel,
        ru_caplets: [(TITLE, "Витамин Д3, 60 капсуловидных таблеток")] => DosageForm::Tablet,
        pl_capsules: [(TITLE, "Witamina D3, 60 kapsułek")] => DosageForm::Capsule,
        cs_capsules: [(TITLE, "Vitamín D3, 60 tobolek")] => DosageForm::Capsule,
        it_drops: [(TITLE, "Vitamina D3 gocce")] => DosageForm::Liquid,
        nl_drops: [(TITLE, "Vitamine D3 druppels")] => DosageForm::Liquid,
        // Issue 23: every form's value in each language the column synonyms cover.
        ru_drops: [(FORM, "капли")] => DosageForm::Liquid,
        ru_capsules: [(FORM, "капсулы")] => DosageForm::Capsule,
        ru_softgels: [(FORM, "мягкие капсулы")] => DosageForm::Softgel,
        ru_tablets: [(FORM, "таблетки")] => DosageForm::Tablet,
        ru_chewable: [(FORM, "жевательные таблетки")] => DosageForm::Chewable,
        ru_spray: [(FORM, "спрей")] => DosageForm::Spray,
        ru_lozenges: [(FORM, "пастилки")] => DosageForm::Lozenge,
        ru_gummies: [(FORM, "жевательные мармеладки")] => DosageForm::Gummy,
        ru_powder: [(FORM, "порошок")] => DosageForm::Powder,
        pl_capsules_value: [(FORM, "kapsułki")] => DosageForm::Capsule,
        pl_softgels: [(FORM, "kapsułki miękkie")] => DosageForm::Softgel,
        pl_drops: [(FORM, "krople")] => DosageForm::Liquid,
        pl_tablets: [(FORM, "tabletki")] => DosageForm::Tablet,
        pl_chewable: [(FORM, "tabletki do żucia")] => DosageForm::Chewable,
        pl_lozenges: [(FORM, "tabletki do ssania")] => DosageForm::Lozenge,
        pl_gummies: [(FORM, "żelki")] => DosageForm::Gummy,
        pl_spray: [(FORM, "aerozol")] => DosageForm::Spray,
        pl_powder: [(FORM, "proszek")] => DosageForm::Powder,
        cs_capsules_value: [(FORM, "tobolky")] => DosageForm::Capsule,
        cs_softgels: [(FORM, "měkké tobolky")] => DosageForm::Softgel,
        cs_drops: [(FORM, "kapky")] => DosageForm::Liquid,
        cs_tablets: [(FORM, "tablety")] => DosageForm::Tablet,
        cs_chewable: [(FORM, "žvýkací tablety")] => DosageForm::Chewable,
        cs_spray: [(FORM, "sprej")] => DosageForm::Spray,
        fr_capsules: [(FORM, "gélules")] => DosageForm::Capsule,
        fr_softgels: [(FORM, "capsules molles")] => DosageForm::Softgel,
        fr_drops: [(FORM, "gouttes")] => DosageForm::Liquid,
        fr_tablets: [(FORM, "comprimés")] => DosageForm::Tablet,
        fr_chewable: [(FORM, "comprimés à croquer")] => DosageForm::Chewable,
        fr_spray: [(FORM, "spray buccal")] => DosageForm::Spray,
        es_capsules: [(FORM, "cápsulas")] => DosageForm::Capsule,
        es_softgels: [(FORM, "cápsulas blandas")] => DosageForm::Softgel,
        es_drops: [(FORM, "gotas")] => DosageForm::Liquid,
        es_tablets: [(FORM, "comprimidos")] => DosageForm::Tablet,
        es_chewable: [(FORM, "comprimidos masticables")] => DosageForm::Chewable,
        es_gummies: [(FORM, "gominolas")] => DosageForm::Gummy,
        it_capsules: [(FORM, "capsule")] => DosageForm::Capsule,
        it_softgels: [(FORM, "capsule molli")] => DosageForm::Softgel,
        it_drops_value: [(FORM, "gocce")] => DosageForm::Liquid,
        it_tablets: [(FORM, "compresse")] => DosageForm::Tablet,
        it_chewable: [(FORM, "compresse masticabili")] => DosageForm::Chewable,
        nl_capsules: [(FORM, "capsules")] => DosageForm::Capsule,
        nl_softgels: [(FORM, "zachte capsules")] => DosageForm::Softgel,
        nl_drops_value: [(FORM, "druppels")] => DosageForm::Liquid,
        nl_tablets: [(FORM, "tabletten")] => DosageForm::Tablet,
        nl_chewable: [(FORM, "kauwtabletten")] => DosageForm::Chewable,
        nl_spray: [(FORM, "mondspray")] => DosageForm::Spray,
        de_capsules: [(FORM, "Kapseln")] => DosageForm::Capsule,
        de_softgels: [(FORM, "Weichkapseln")] => DosageForm::Softgel,
        de_drops: [(FORM, "Tropfen")] => DosageForm::Liquid,
        de_tablets: [(FORM, "Tabletten")] => DosageForm::Tablet,
        de_chewable: [(FORM, "Kautabletten")] => DosageForm::Chewable,
        de_lozenges: [(FORM, "Lutschtabletten")] => DosageForm::Lozenge,
        de_spray: [(FORM, "Mundspray")] => DosageForm::Spray,
        de_powder: [(FORM, "Pulver")] => DosageForm::Powder,
    });
}

/// Carrier oils in other languages; an oil a nutrient comes from is no carrier.
mod carrier_words {
    use super::*;
    table!(check_oils {
        ru_coconut: [(TITLE, "Витамин Д3 с кокосовым маслом")] => "coconut",
        ru_fish_oil: [(ING, "рыбий жир, витамин D3")] => "fish",
        de_mct: [(ING, "mittelkettige Triglyceride, Cholecalciferol")] => "MCT",
        pl_olive: [(ING, "olej z oliwek, cholekalcyferol")] => "olive",
        el_olive: [(ING, "ελαιόλαδο, βιταμίνη D3")] => "olive",
        fr_olive: [(ING, "huile d'olive, cholécalciférol")] => "olive",
        es_olive: [(ING, "aceite de oliva, colecalciferol")] => "olive",
        vitamin_e_from_soybean_oil: [(OTHER, "Vitamin E 2.4 mg (from soybean oil), gelatin")] => "",
    });
}

/// Certification words: what a phrase certifies, and claims in other languages.
mod cert_words {
    use super::*;
    table!(check_certs {
        nsf_certified_gluten_free: [(CERTS, "NSF Certified Gluten-Free")] => "gluten_free",
        fr_sans_gluten: [(CERTS, "sans gluten, végan")] => "gluten_free+vegan",
        pl_bez_glutenu: [(CERTS, "bez glutenu")] => "gluten_free",
        ru_bez_glutena: [(CERTS, "без глютена")] => "gluten_free",
    });
    table!(check_warfarin {
        pl_anticoagulant: [(WARN, "Nie stosować z lekami przeciwzakrzepowymi")] => true,
        nl_anticoagulant: [(WARN, "Niet gebruiken bij antistollingsmiddelen")] => true,
        ru_blood_thinners: [(WARN, "Не принимать с препаратами, разжижающими кровь (варфарин)")] => true,
        it_anticoagulant: [(WARN, "Non usare con farmaci anticoagulanti")] => true,
    });
}

/// Whether a record carries the warning and the ingredients (SPEC §8): a filled cell, an empty
/// cell, no column, or a labelled section of its free text; and whether the warning is stated.
/// Expected: (the warnings' gap, the ingredients' gap, warfarin stated).
mod carried {
    use super::*;
    use crate::extract::Gap::{EmptyCell, NoColumn};

    type Want = (Option<Gap>, Option<Gap>, bool);

    fn check(name: &str, fields: &[(&str, &str)], want: Want) {
        let f = facts(name, fields);
        let got = (f.carried.gap(Fact::WarfarinWarning), f.carried.gap(Fact::CarrierOil), f.warfarin.is_some());
        assert_eq!(got, want, "{name}: {f:?}");
        // A section that carries a fact is quoted, heading first.
        if let Some(ev) = &f.sections.warnings {
            assert!(!ev.matched.is_empty() && ev.column.as_ref() != WARN, "{name}: {ev:?}");
        }
    }

    const K: &str = "Vitamin D3 + K2 (MK-7) tablets";

    table!(check {
        filled_cells: [(TITLE, K), (WARN, "Keep out of reach of children."), (OTHER, "cellulose")] => (None, None, false),
        empty_cells: [(TITLE, K), (WARN, ""), (OTHER, "")] => (Some(EmptyCell), Some(EmptyCell), false),
        placeholder_cells: [(TITLE, K), (WARN, "n/a"), (OTHER, " - ")] => (Some(EmptyCell), Some(EmptyCell), false),
        none_is_a_statement: [(TITLE, K), (WARN, "None")] => (None, Some(NoColumn), false),
        no_columns: [(TITLE, K)] => (Some(NoColumn), Some(NoColumn), false),
        one_ingredients_cell_filled: [(TITLE, K), (ING, "Vitamin D3, vitamin K2"), (OTHER, "")] => (Some(NoColumn), None, false),
        empty_cell_warning_in_title: [(TITLE, "D3 + K2 - not with warfarin"), (WARN, "")] => (Some(EmptyCell), Some(NoColumn), true),
        en_sections: [(TITLE, K), (DESC, "Great product.\nWarnings: Keep out of reach of children.\nOther ingredients: cellulose.")] => (None, None, false),
        en_section_with_the_warning: [(TITLE, K), (DESC, "Caution: do not take with blood thinners.")] => (None, Some(NoColumn), true),
        en_sections_beside_empty_cells: [(TITLE, K), (DESC, "Warning: adults only. Ingredients: cellulose"), (WARN, ""), (OTHER, "")] => (None, None, false),
        en_word_is_no_section: [(TITLE, K), (DESC, "See the warnings on the label; natural ingredients.")] => (Some(NoColumn), Some(NoColumn), false),
        // HTML's block tags are line breaks by now (ingest::html): headings on their own lines.
        en_headings_on_their_lines: [(TITLE, K), (DESC, "Warnings\nKeep cool.\nOther Ingredients\nCellulose")] => (None, None, false),
        de_sections: [(TITLE, K), (DESC, "Warnhinweise: Für Kinder unzugänglich aufbewahren. Zutaten: Cellulose")] => (None, None, false),
        de_hinweise_mit_warnung: [(TITLE, K), (DESC, "Hinweise: Nicht bei Einnahme von Blutverdünnern verwenden.")] => (None, Some(NoColumn), true),
        de_sonstige_bestandteile: [(TITLE, K), (DESC, "Sonstige Bestandteile: Cellulose")] => (Some(NoColumn), None, false),
        fr_sections: [(TITLE, K), (DESC, "Avertissement : tenir hors de portée des enfants. Ingrédients : cellulose")] => (None, None, false),
        es_sections: [(TITLE, K), (DESC, "Advertencias: mantener fuera del alcance de los niños. Ingredientes: celulosa")] => (None, None, false),
        it_sections: [(TITLE, K), (DESC, "Avvertenze: tenere fuori dalla portata dei bambini. Ingredienti: cellulosa")] => (None, None, false),
        nl_sections: [(TITLE, K), (DESC, "Waarschuwing: buiten bereik van kinderen. Ingrediënten: cellulose")] => (None, None, false),
        pl_sections: [(TITLE, K), (DESC, "Ostrzeżenia: przechowywać poza zasięgiem dzieci. Składniki: celuloza")] => (None, None, false),
        cs_sections: [(TITLE, K), (DESC, "Upozornění: uchovávejte mimo dosah dětí. Složení: celulóza")] => (None, None, false),
        ru_sections: [(TITLE, K), (DESC, "Предупреждения: хранить в недоступном для детей месте. Другие ингредиенты: целлюлоза")] => (None, None, false),
        ru_precautions_with_the_warning: [(TITLE, K), (DESC, "Меры предосторожности: не принимать с варфарином.")] => (None, Some(NoColumn), true),
        el_sections: [(TITLE, K), (DESC, "Προειδοποιήσεις: να φυλάσσεται μακριά από παιδιά. Συστατικά: κυτταρίνη")] => (None, None, false),
        el_empty_warnings_cell: [(TITLE, "Βιταμίνη D3 + K2 (MK-7)"), (WARN, "")] => (Some(EmptyCell), Some(NoColumn), false),
    });
}

/// Greek dosage forms (SPEC §8's Greek product: its form decides whether the carrier is judged).
mod greek_forms {
    use super::*;

    fn check(name: &str, fields: &[(&str, &str)], want: DosageForm) {
        assert_eq!(facts(name, fields).dosage_form, want, "{name}");
    }

    table!(check {
        el_softgels: [(TITLE, "Βιταμίνη D3 + K2, 60 μαλακές κάψουλες, ελαιόλαδο")] => DosageForm::Softgel,
        el_capsules: [(TITLE, "Βιταμίνη D3 + K2, 60 κάψουλες")] => DosageForm::Capsule,
        el_tablets: [(TITLE, "Βιταμίνη D3 + K2, 90 δισκία")] => DosageForm::Tablet,
        el_drops: [(TITLE, "Βιταμίνη D3 + K2 σταγόνες 30 ml")] => DosageForm::Liquid,
    });
}
