//! Children's products (SPEC §13): words in the title or a target-group column that say a product
//! is for children, in the languages of European retail, and the youngest age the product names.
//!
//! The words are a data table ([`CHILD_WORDS`]); a word matches a whole token, or the start of a
//! token where compounds are the rule (German `Kindervitamine`, `Babytropfen`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::Evidence;
use crate::ingest::{ColumnMap, Field, Record};

/// What a children's word says about age, when no age is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implied {
    /// Infants: the first months of life.
    Infant,
    /// Toddlers: from 1 year.
    Toddler,
    /// Children of no stated age.
    Child,
}

impl Implied {
    /// The youngest age in months the word implies, if any.
    fn months(self) -> Option<u32> {
        match self {
            Implied::Infant => Some(0),
            Implied::Toddler => Some(12),
            Implied::Child => None,
        }
    }
}

/// How a word matches a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The whole token.
    Token,
    /// The start of a token (compounds).
    Prefix,
}

/// The children's words, lowercase: (word, how it matches, what it implies).
pub const CHILD_WORDS: &[(&str, Match, Implied)] = &[
    // English
    ("kids", Match::Prefix, Implied::Child),
    ("kid", Match::Token, Implied::Child),
    ("children", Match::Token, Implied::Child),
    ("childrens", Match::Token, Implied::Child),
    ("child", Match::Token, Implied::Child),
    ("junior", Match::Token, Implied::Child),
    ("toddler", Match::Token, Implied::Toddler),
    ("toddlers", Match::Token, Implied::Toddler),
    ("infant", Match::Token, Implied::Infant),
    ("infants", Match::Token, Implied::Infant),
    ("baby", Match::Prefix, Implied::Infant),
    ("babies", Match::Token, Implied::Infant),
    ("newborn", Match::Prefix, Implied::Infant),
    // German
    ("kinder", Match::Prefix, Implied::Child),
    ("kleinkind", Match::Prefix, Implied::Toddler),
    ("säugling", Match::Prefix, Implied::Infant),
    // French
    ("enfant", Match::Token, Implied::Child),
    ("enfants", Match::Token, Implied::Child),
    ("bébé", Match::Prefix, Implied::Infant),
    ("nourrisson", Match::Prefix, Implied::Infant),
    // Spanish, Italian
    ("niños", Match::Token, Implied::Child),
    ("niño", Match::Token, Implied::Child),
    ("infantil", Match::Token, Implied::Child),
    ("bambini", Match::Token, Implied::Child),
    ("bambino", Match::Token, Implied::Child),
    ("neonati", Match::Token, Implied::Infant),
    ("bebé", Match::Token, Implied::Infant),
    ("bebés", Match::Token, Implied::Infant),
    ("infantiles", Match::Token, Implied::Child),
    ("bambina", Match::Token, Implied::Child),
    ("bimbi", Match::Token, Implied::Child),
    ("lattanti", Match::Token, Implied::Infant),
    ("neonato", Match::Token, Implied::Infant),
    ("juniors", Match::Token, Implied::Child),
    // Dutch
    ("kinderen", Match::Token, Implied::Child),
    ("peuters", Match::Token, Implied::Toddler),
    ("peuter", Match::Token, Implied::Toddler),
    ("zuigelingen", Match::Token, Implied::Infant),
    ("zuigeling", Match::Token, Implied::Infant),
    // Polish
    ("dzieci", Match::Token, Implied::Child),
    ("dziecka", Match::Token, Implied::Child),
    ("dzieciom", Match::Token, Implied::Child),
    ("dziecięcy", Match::Token, Implied::Child),
    ("dziecięce", Match::Token, Implied::Child),
    ("niemowląt", Match::Token, Implied::Infant),
    ("niemowlęta", Match::Token, Implied::Infant),
    ("niemowlę", Match::Token, Implied::Infant),
    ("noworodków", Match::Token, Implied::Infant),
    // Czech
    ("děti", Match::Token, Implied::Child),
    ("dětí", Match::Token, Implied::Child),
    ("dětský", Match::Token, Implied::Child),
    ("dětské", Match::Token, Implied::Child),
    ("dětská", Match::Token, Implied::Child),
    ("kojence", Match::Token, Implied::Infant),
    ("kojenců", Match::Token, Implied::Infant),
    // Russian
    ("детский", Match::Token, Implied::Child),
    ("детская", Match::Token, Implied::Child),
    ("детские", Match::Token, Implied::Child),
    ("детское", Match::Token, Implied::Child),
    ("детей", Match::Token, Implied::Child),
    ("детям", Match::Token, Implied::Child),
    ("малышей", Match::Token, Implied::Toddler),
    ("младенцев", Match::Token, Implied::Infant),
    ("новорожденных", Match::Token, Implied::Infant),
    ("новорождённых", Match::Token, Implied::Infant),
];

/// Tokens that start like a children's word but are not one (`Kinderwunsch`: trying to conceive,
/// an adults' product).
const NOT_CHILD: &[&str] = &["kinderwunsch", "babyface"];

/// Words of a target group for adults: with no children's word beside them, not a children's
/// product.
const ADULT_WORDS: &[&str] = &[
    "adult",
    "adults",
    "erwachsene",
    "adultes",
    "adultos",
    "adulti",
    "dorośli",
    "dorosłych",
    "dospělé",
    "dospělí",
    "volwassenen",
    "взрослых",
    "взрослым",
];

/// Units of age: (word, months per unit).
const AGE_UNITS: &[(&str, u32)] = &[
    ("years", 12),
    ("year", 12),
    ("yrs", 12),
    ("yr", 12),
    ("y", 12),
    ("jahre", 12),
    ("jahren", 12),
    ("j", 12),
    ("ans", 12),
    ("an", 12),
    ("años", 12),
    ("anni", 12),
    ("anno", 12),
    ("lat", 12),
    ("jaar", 12),
    ("лет", 12),
    ("года", 12),
    ("год", 12),
    ("roku", 12),
    ("rok", 12),
    ("lata", 12),
    ("let", 12),
    ("roky", 12),
    ("months", 1),
    ("month", 1),
    ("mos", 1),
    ("mo", 1),
    ("monate", 1),
    ("monaten", 1),
    ("monat", 1),
    ("mois", 1),
    ("meses", 1),
    ("mesi", 1),
    ("miesięcy", 1),
    ("miesiąca", 1),
    ("miesiące", 1),
    ("měsíců", 1),
    ("měsíce", 1),
    ("месяца", 1),
    ("maanden", 1),
    ("месяцев", 1),
];

/// A children's product: the word that says so, and the youngest age it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Children {
    /// The youngest age in months the title or target group names ("ages 4+": 48; "infant": 0);
    /// `None` when it names none.
    pub youngest_months: Option<u32>,
    pub evidence: Evidence,
}

/// Reads the title and the target-group column: a children's product, or `None`.
pub fn children(rec: &Record, cols: &ColumnMap) -> Option<Children> {
    let mut found: Option<Children> = None;
    for f in [Field::Product, Field::TargetGroup] {
        let text = rec.get(f);
        if text.is_empty() {
            continue;
        }
        // A target-group column's bare numbers are years ("4-8", "3+").
        let target = f == Field::TargetGroup;
        // Most titles name no child: the word is looked for without allocating, ages only after.
        let word = child_word(text);
        if word.is_none() && !target {
            continue;
        }
        let lower = text.to_lowercase();
        let tokens = tokens(&lower);
        let stated = youngest_age(&tokens, target);
        let (word, implied) = match word {
            Some(w) => w,
            // A target group of an age under 18 is children, with or without a word for it.
            None if target && stated.is_some_and(|m| m < 216) => (text, Implied::Child),
            None => continue,
        };
        // An age the text states wins over what the word implies ("baby, from 6 months": 6).
        let months = stated.or(implied.months());
        let youngest = match (found.as_ref().and_then(|c| c.youngest_months), months) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let evidence = found.take().map_or_else(|| Evidence::new(cols.name(f), word), |c| c.evidence);
        found = Some(Children { youngest_months: youngest, evidence });
    }
    found
}

/// Lowercase words and numbers, split at anything else (`ages 4+` -> `ages`, `4`).
fn tokens(lower: &str) -> Vec<&str> {
    lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect()
}

/// The word tables as the scan uses them, built once: every whole word (a children's word with
/// what it implies, an adults' word with `None`) in one map, the prefix words apart.
struct Words {
    whole: FxHashMap<&'static str, Option<Implied>>,
    prefixes: Vec<(&'static str, Implied)>,
}

impl Words {
    fn get() -> &'static Words {
        static W: OnceLock<Words> = OnceLock::new();
        W.get_or_init(|| {
            let mut whole: FxHashMap<&'static str, Option<Implied>> = ADULT_WORDS.iter().map(|w| (*w, None)).collect();
            let mut prefixes = Vec::new();
            for (w, m, implied) in CHILD_WORDS {
                match m {
                    // A children's word that is also an adults' word (none today) counts as a child's.
                    Match::Token => {
                        whole.insert(w, Some(*implied));
                    }
                    Match::Prefix => prefixes.push((*w, *implied)),
                }
            }
            Words { whole, prefixes }
        })
    }
}

/// The first children's word of `text`, as written, and what it implies. A text with an adults'
/// word ("Adults & teens") and no whole children's word is not a children's product.
fn child_word(text: &str) -> Option<(&str, Implied)> {
    let (mut first, mut adult, mut whole) = (None, false, false);
    // Each word is lowercased once into one buffer and compared as bytes: comparing it char by
    // char with every word of the tables was a quarter of a whole audit's instructions.
    let words = Words::get();
    let mut lower = String::new();
    for t in text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        lower.clear();
        if t.is_ascii() {
            lower.push_str(t);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(t.chars().flat_map(char::to_lowercase));
        }
        let l = lower.as_str();
        // Whole words by one lookup; only the few prefix words are compared one by one.
        let hit = match words.whole.get(l) {
            Some(None) => {
                adult = true;
                continue;
            }
            Some(Some(implied)) => Some((true, *implied)),
            None if NOT_CHILD.iter().any(|n| l.starts_with(n)) => continue,
            None => words.prefixes.iter().find(|(w, _)| l.starts_with(w)).map(|(w, implied)| (l == *w, *implied)),
        };
        if let Some((is_whole, implied)) = hit {
            whole |= is_whole;
            first = first.or(Some((t, implied)));
        }
    }
    if adult && !whole { None } else { first }
}

/// The youngest age stated as a number followed by a unit (`4 years`, `ab 3 Jahren`, `6 mois`),
/// or after `age`/`ages`/`alter` (`ages 2-12`), in months. A number of months followed by
/// "supply" is a pack size, not an age.
fn youngest_age(tokens: &[&str], bare_years: bool) -> Option<u32> {
    let mut best: Option<u32> = None;
    for (i, t) in tokens.iter().enumerate() {
        let Ok(n) = t.parse::<u32>() else { continue };
        if n > 216 {
            continue;
        }
        let next = tokens.get(i + 1).copied();
        let unit = next.and_then(|u| AGE_UNITS.iter().find(|(w, _)| *w == u)).map(|(_, m)| *m);
        let after_age = i > 0 && matches!(tokens[i - 1], "age" | "ages" | "aged" | "alter" | "âge" | "edad" | "età");
        // "ages 2-12 years": the unit follows the second number.
        let range_unit = || {
            tokens
                .get(i + 2)
                .and_then(|u| AGE_UNITS.iter().find(|(w, _)| *w == *u))
                .map(|(_, m)| *m)
                .filter(|_| next.is_some_and(|x| x.parse::<u32>().is_ok()))
        };
        let per = match unit.or_else(range_unit) {
            Some(m) => m,
            None if after_age || bare_years => 12,
            None => continue,
        };
        if tokens.get(i + 2).is_some_and(|s| matches!(*s, "supply" | "vorrat")) {
            continue;
        }
        let months = n * per;
        best = Some(best.map_or(months, |b| b.min(months)));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::ColumnMap;

    fn facts(title: &str, target: &str) -> Option<(Option<u32>, String)> {
        let cols = ColumnMap::resolve(vec!["title".into(), "target group".into()], None).unwrap();
        let rec = Record::new(1, 2, [(Field::Product, title), (Field::TargetGroup, target)]);
        children(&rec, &cols).map(|c| (c.youngest_months, c.evidence.matched))
    }

    /// One row per wording: the youngest age found (months) and the word quoted, or not a
    /// children's product.
    #[test]
    fn children_words_and_ages() {
        type Want = Option<(Option<u32>, &'static str)>;
        let cases: &[(&str, &str, &str, Want)] = &[
            ("adult product", "Vitamin D3 + K2 5000 IU Softgels", "", None),
            ("kids, ages 4+", "Kids Vitamin D3 + K2 Gummies, Ages 4+", "", Some((Some(48), "Kids"))),
            ("kids, no age", "Vitamin D3 K2 for Kids", "", Some((None, "Kids"))),
            ("children's", "Children's D3 + K2 Liquid Drops", "", Some((None, "Children"))),
            ("toddler implies 1 y", "Toddler Vitamin D3 Drops", "", Some((Some(12), "Toddler"))),
            ("baby implies 0", "Baby D3 + K2 Drops", "", Some((Some(0), "Baby"))),
            ("infant with months", "Infant Vitamin D Drops 400 IU, from 6 months", "", Some((Some(6), "Infant"))),
            ("German compound", "Kindervitamine D3 + K2 Tropfen ab 3 Jahren", "", Some((Some(36), "Kindervitamine"))),
            ("German Kinderwunsch is adult", "Kinderwunsch Vitamin D3 + K2", "", None),
            ("French", "Vitamine D3 + K2 pour enfants dès 3 ans", "", Some((Some(36), "enfants"))),
            ("Spanish", "Vitamina D3 + K2 para niños 4 años", "", Some((Some(48), "niños"))),
            ("Italian", "Vitamina D3 + K2 gocce per bambini", "", Some((None, "bambini"))),
            ("Polish", "Witamina D3 + K2 dla dzieci od 4 lat", "", Some((Some(48), "dzieci"))),
            ("Russian", "Витамин D3 + K2 для детей с 3 лет", "", Some((Some(36), "детей"))),
            ("junior", "Junior D3 + K2 chewables", "", Some((None, "Junior"))),
            ("target group column", "Vitamin D3 + K2 Gummies", "Kinder 4-8 Jahre", Some((Some(48), "Kinder"))),
            ("ages range", "Kids D3 gummies ages 2-12", "", Some((Some(24), "Kids"))),
            ("supply is not an age", "Kids D3 gummies, 12 month supply", "", Some((None, "Kids"))),
            ("years with range unit", "Kids D3 2-12 years", "", Some((Some(24), "Kids"))),
            ("target group bare ages", "Vitamin D3 + K2 Gummies", "4-8", Some((Some(48), "4-8"))),
            ("target group adults", "Vitamin D3 + K2 Softgels", "Adults 18+", None),
            ("target group adults and children", "Vitamin D3 + K2 Drops", "Adults & children 4+", Some((Some(48), "children"))),
            // Issue 23: the trial exports' titles and target groups.
            ("Polish PL-019 title", "Medicaline Witamina D3 + K2 dla dzieci, krople 10 ml", "", Some((None, "dzieci"))),
            ("Polish from the first year", "Witamina D3 krople", "Dzieci od 1. roku \u{17c}ycia", Some((Some(12), "Dzieci"))),
            ("Polish from 6 months", "Witamina D3 dla niemowl\u{105}t od 6. miesi\u{105}ca", "", Some((Some(6), "niemowl\u{105}t"))),
            ("Polish a child", "Witamina D3 dla dziecka 3+", "", Some((None, "dziecka"))),
            ("Polish infants nominative", "Niemowl\u{119}ta: witamina D3 400 j.m.", "", Some((Some(0), "Niemowl\u{119}ta"))),
            ("Czech children", "Vitam\u{ed}n D3 pro d\u{11b}ti od 3 let", "", Some((Some(36), "d\u{11b}ti"))),
            ("Czech children's", "D\u{11b}tsk\u{fd} vitam\u{ed}n D3 kapky", "", Some((None, "D\u{11b}tsk\u{fd}"))),
            ("Russian to children", "Витамин D3 детям с 1 года", "", Some((Some(12), "детям"))),
            ("Russian infants", "Витамин D3 для младенцев", "", Some((Some(0), "младенцев"))),
            ("Russian newborns", "Витамин D3 для новорожденных", "", Some((Some(0), "новорожденных"))),
            ("Dutch toddlers", "Vitamine D3 voor peuters", "", Some((Some(12), "peuters"))),
            ("Dutch infants", "Vitamine D3 druppels voor zuigelingen", "", Some((Some(0), "zuigelingen"))),
            ("Spanish babies", "Vitamina D3 gotas para beb\u{e9}s", "", Some((Some(0), "beb\u{e9}s"))),
            ("Italian infants", "Vitamina D3 gocce per lattanti", "", Some((Some(0), "lattanti"))),
            ("French juniors", "Vitamine D3 juniors 3 ans", "", Some((Some(36), "juniors"))),
            ("Polish adults", "Witamina D3 dla doros\u{142}ych", "", None),
        ];
        for (name, title, target, want) in cases {
            let got = facts(title, target);
            let got = got.as_ref().map(|(m, w)| (*m, w.as_str()));
            assert_eq!(got, *want, "{name}");
        }
    }
}
