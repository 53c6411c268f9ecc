//! Servings per day from directions ("Take 2 softgels daily", "1 capsule 1-2 times daily",
//! "2 drops one to three times daily": the maximum the directions allow) and units per serving
//! ("Serving size: 2 drops").

use std::cell::Cell;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Units per day stated by directions, and where the phrase is (normalised byte range).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Directions {
    /// Units taken each time (drops, softgels...), when stated.
    pub units: Option<f64>,
    /// Times per day (maximum of a range; 1/7 for weekly).
    pub times_per_day: f64,
    pub start: usize,
    pub end: usize,
}

/// Defines [`is_unit_word`] and, for tests, the list of the words it takes.
macro_rules! unit_words {
    ($($w:literal)|+) => {
        /// A word for the unit a dose is taken in ("softgels", "drops", "Kapseln"...); words never
        /// hold a space, so two-word units ("soft gel") are not listed.
        fn is_unit_word(w: &str) -> bool {
            matches!(w, $($w)|+)
        }

        #[cfg(test)]
        const UNIT_WORDS: &[&str] = &[$($w),+];
    };
}

unit_words!(
    "softgels"
        | "softgel"
        | "capsules"
        | "capsule"
        | "caps"
        | "vegcaps"
        | "tablets"
        | "tablet"
        | "tabs"
        | "caplets"
        | "caplet"
        | "drops"
        | "drop"
        | "gummies"
        | "gummy"
        | "sprays"
        | "spray"
        | "pumps"
        | "pump"
        | "chewables"
        | "chewable"
        | "servings"
        | "serving"
        | "ml"
        | "dropperful"
        | "dropperfuls"
        | "scoops"
        | "scoop"
        | "lozenges"
        | "lozenge"
        | "kapseln"
        | "kapsel"
        | "tropfen"
        | "tabletten"
        | "lutschtabletten"
        | "lutschtablette"
        | "troches"
        | "troche"
        | "gélules"
        | "gélule"
        | "gouttes"
        | "comprimés"
        | "капсулы"
        | "капсулу"
        | "капсула"
        | "капсуле"
        | "капсул"
        | "капли"
        | "капель"
        | "таблетки"
        | "таблетку"
        | "таблетка"
        | "таблеток"
        | "капля"
        | "каплю"
        | "капле"
        | "таблетке"
        | "tablette"
        | "weichkapsel"
        | "weichkapseln"
        | "kautablette"
        | "kautabletten"
        | "tabletka"
        | "tabletkę"
        | "tabletki"
        | "tabletek"
        | "kapsułka"
        | "kapsułkę"
        | "kapsułki"
        | "kapsułek"
        | "kropla"
        | "kroplę"
        | "krople"
        | "kropli"
        | "tableta"
        | "tablety"
        | "tobolka"
        | "tobolky"
        | "kapky"
        | "kapka"
        | "comprimé"
        | "cápsula"
        | "cápsulas"
        | "comprimido"
        | "comprimidos"
        | "gotas"
        | "capsula"
        | "compressa"
        | "compresse"
        | "gocce"
        | "druppels"
        | "druppel"
);

/// A unit of a vitamin amount as a word ("iu", "mcg", "µg"...).
fn is_amount_unit(w: &str) -> bool {
    matches!(w, "iu" | "u" | "ie" | "ui" | "mcg" | "µg" | "ug" | "mg" | "mkg" | "мкг" | "мг" | "ме")
}

fn word_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" | "a" | "an" | "ein" | "eine" | "einen" | "un" | "une" | "una" | "uno" | "een" => 1.0,
        "two" | "zwei" | "deux" | "dos" | "due" | "twee" | "dwa" | "два" | "dva" => 2.0,
        "three" | "drei" | "trois" | "tres" | "tre" | "drie" | "trzy" | "три" | "tři" => 3.0,
        "four" | "vier" => 4.0,
        "five" | "fünf" => 5.0,
        "six" => 6.0,
        "seven" | "sieben" | "sept" | "siete" | "sette" | "zeven" | "siedem" | "семь" | "sedm" => 7.0,
        "half" => 0.5,
        _ => {
            if !w.as_bytes().first().is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
                return None;
            }
            let v: f64 = if w.contains(',') { w.replace(',', ".").parse().ok()? } else { w.parse().ok()? };
            if v > 0.0 && v <= 100.0 { v } else { return None }
        }
    })
}

/// Bytes that make up words: ASCII letters and digits, and every byte of a non-ASCII char.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c >= 0x80;
        c += 1;
    }
    t
};

/// A `.` between two digits ("2.5") belongs to the word.
fn decimal_dot(b: &[u8], i: usize) -> bool {
    b[i] == b'.' && i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// Splits into words keeping byte offsets (into `out`, cleared first); `1-2` and `1–2` become
/// `1`, `-`, `2`.
fn split_words<'t>(text: &'t str, out: &mut Vec<(usize, &'t str)>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if WORD_BYTE[c as usize] || decimal_dot(b, i) {
            let s = i;
            i += 1;
            while i < b.len() && (WORD_BYTE[b[i] as usize] || decimal_dot(b, i)) {
                i += 1;
            }
            // "2x daily", "2x täglich": the count and the "x" are two words.
            let w = &text[s..i];
            match w.strip_suffix('x') {
                Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                    out.push((s, n));
                    out.push((i - 1, "x"));
                }
                _ => out.push((s, w)),
            }
        } else {
            if c == b'-' || c == b'/' {
                out.push((i, &text[i..i + 1]));
            }
            i += 1;
        }
    }
}

thread_local! {
    /// The buffer [`with_words`] lends out: one allocation per thread instead of one per call.
    static WORD_BUF: Cell<Vec<(usize, &'static str)>> = const { Cell::new(Vec::new()) };
}

/// An empty vector that keeps `v`'s allocation for words of another lifetime. The in-place
/// `collect` of an empty `IntoIter` into a type of the same layout reuses the buffer (a standard
/// library optimisation; without it this merely allocates again).
fn recycle<'b>(mut v: Vec<(usize, &str)>) -> Vec<(usize, &'b str)> {
    v.clear();
    v.into_iter().map(|_| unreachable!("the vector is empty")).collect()
}

/// Runs `f` on the words of `text` (as [`split_words`] splits them) in a per-thread reusable buffer.
/// A nested call finds the buffer taken and simply works in a fresh one.
fn with_words<R>(text: &str, f: impl FnOnce(&[(usize, &str)]) -> R) -> R {
    let mut buf = recycle(WORD_BUF.take());
    split_words(text, &mut buf);
    let r = f(&buf);
    WORD_BUF.set(recycle(buf));
    r
}

/// Parses directions in a normalised text. Returns the first phrase that states a frequency.
pub fn parse_directions(text: &str) -> Option<Directions> {
    with_words(text, directions_in)
}

/// Interval directions, in the languages of European retail: the words of a phrase (`#` a
/// number) and the days between two servings (times the number where the phrase has one). A
/// phrase is matched from its first word, before the frequency words below read its last.
const INTERVALS: &[(&[&str], f64)] = &[
    // English
    (&["every", "other", "day"], 2.0),
    (&["every", "second", "day"], 2.0),
    (&["every", "#", "days"], 1.0),
    (&["every", "#", "weeks"], 7.0),
    (&["on", "alternate", "days"], 2.0),
    // German
    (&["alle", "#", "tage"], 1.0),
    (&["alle", "#", "wochen"], 7.0),
    (&["jeden", "#", "tag"], 1.0),
    (&["jeden", "zweiten", "tag"], 2.0),
    (&["jedem", "zweiten", "tag"], 2.0),
    // Russian
    (&["через", "день"], 2.0),
    (&["каждые", "#", "дня"], 1.0),
    (&["каждые", "#", "дней"], 1.0),
    (&["каждый", "второй", "день"], 2.0),
    (&["раз", "в", "#", "дня"], 1.0),
    (&["раз", "в", "#", "дней"], 1.0),
    (&["раз", "в", "две", "недели"], 14.0),
    // Polish
    (&["co", "#", "dni"], 1.0),
    (&["co", "drugi", "dzień"], 2.0),
    (&["co", "drugi", "dzien"], 2.0),
    (&["co", "#", "tygodnie"], 7.0),
    (&["raz", "na", "#", "dni"], 1.0),
    // Czech
    (&["obden"], 2.0),
    (&["každý", "druhý", "den"], 2.0),
    (&["každých", "#", "dní"], 1.0),
    (&["jednou", "za", "#", "dny"], 1.0),
    (&["jednou", "za", "#", "dní"], 1.0),
    // French
    (&["tous", "les", "#", "jours"], 1.0),
    (&["un", "jour", "sur", "deux"], 2.0),
    // Spanish
    (&["cada", "#", "días"], 1.0),
    (&["cada", "#", "dias"], 1.0),
    (&["días", "alternos"], 2.0),
    (&["dias", "alternos"], 2.0),
    // Italian
    (&["ogni", "#", "giorni"], 1.0),
    (&["giorni", "alterni"], 2.0),
    // Dutch
    (&["om", "de", "dag"], 2.0),
    (&["om", "de", "#", "dagen"], 1.0),
    (&["elke", "#", "dagen"], 1.0),
    (&["iedere", "#", "dagen"], 1.0),
];

/// True when `w` can start a phrase of [`INTERVALS`] (a cheap test before trying the table).
fn starts_interval(w: &str) -> bool {
    matches!(
        w,
        "every"
            | "on"
            | "alle"
            | "jeden"
            | "jedem"
            | "через"
            | "каждые"
            | "каждый"
            | "раз"
            | "co"
            | "raz"
            | "obden"
            | "každý"
            | "každých"
            | "jednou"
            | "tous"
            | "un"
            | "cada"
            | "días"
            | "dias"
            | "ogni"
            | "giorni"
            | "om"
            | "elke"
            | "iedere"
    )
}

/// The interval phrase starting at word `i`: (times per day, index of its last word).
fn interval_at(w: &[(usize, &str)], i: usize) -> Option<(f64, usize)> {
    if !starts_interval(w[i].1) {
        return None;
    }
    INTERVALS.iter().find_map(|(words, days)| {
        let mut count = 1.0;
        for (k, p) in words.iter().enumerate() {
            let x = w.get(i + k)?.1;
            if *p == "#" {
                count = word_number(x).filter(|n| *n >= 1.0 && n.fract() == 0.0)?;
            } else if *p != x {
                return None;
            }
        }
        Some((1.0 / (days * count), i + words.len() - 1))
    })
}

/// Words for a day, as a frequency ("daily", "per day", "2 razy dziennie").
fn is_day_word(w: &str) -> bool {
    matches!(
        w,
        "daily"
            | "day"
            | "täglich"
            | "tag"
            | "tgl"
            | "jour"
            | "день"
            | "ежедневно"
            | "сутки"
            | "dziennie"
            | "codziennie"
            | "dzień"
            | "dzien"
            | "denně"
            | "dagelijks"
            | "dag"
            | "giorno"
            | "día"
            | "dia"
            | "diario"
            | "diariamente"
            | "quotidien"
            | "quotidienne"
    )
}

/// Words for a week that say "weekly" alone; nouns ("week", "Woche") need a word before them
/// ("a week", "pro Woche", "в неделю").
fn week_word(w: &str) -> Option<bool> {
    match w {
        "weekly"
        | "wöchentlich"
        | "еженедельно"
        | "týdně"
        | "tygodniowo"
        | "wekelijks"
        | "hebdomadaire"
        | "semanal"
        | "semanalmente"
        | "settimanale"
        | "settimanalmente" => Some(false),
        "week" | "woche" | "неделю" | "неделя" | "tygodniu" | "tydzień" | "tydzien" | "týden" | "semaine" | "semana" | "settimana" => {
            Some(true)
        }
        _ => None,
    }
}

/// Words between a count and its frequency word ("2 times a", "1x pro", "2 раза в").
fn is_frequency_link(w: &str) -> bool {
    matches!(
        w,
        "a" | "per"
            | "each"
            | "every"
            | "times"
            | "time"
            | "x"
            | "mal"
            | "pro"
            | "im"
            | "am"
            | "in"
            | "der"
            | "jede"
            | "jeden"
            | "par"
            | "fois"
            | "в"
            | "раз"
            | "раза"
            | "w"
            | "na"
            | "co"
            | "raz"
            | "razy"
            | "la"
            | "al"
            | "alla"
            | "por"
            | "vez"
            | "veces"
            | "volta"
            | "volte"
            | "keer"
            | "krát"
            | "za"
    )
}

/// True for the words of [`is_frequency_link`] that count times ("2 times", "2x", "2 razy").
fn is_times_word(w: &str) -> bool {
    matches!(
        w,
        "times" | "time" | "x" | "mal" | "fois" | "раз" | "раза" | "raz" | "razy" | "vez" | "veces" | "volta" | "volte" | "keer" | "krát"
    )
}

/// "twice daily", "einmal wöchentlich": a count said as one word.
fn times_word_count(w: &str) -> Option<f64> {
    match w {
        "once" | "einmal" | "eenmaal" | "jednou" | "jednokrotnie" => Some(1.0),
        "twice" | "zweimal" | "tweemaal" | "dvakrát" | "dwukrotnie" => Some(2.0),
        "thrice" | "dreimal" | "driemaal" | "třikrát" | "trzykrotnie" => Some(3.0),
        _ => None,
    }
}

/// A frequency phrase whose last word is `w[i]` ("2 times daily", "once a week"): (times per
/// day, end byte), or `None`.
fn frequency_at(w: &[(usize, &str)], i: usize) -> Option<(f64, usize)> {
    let word = w[i].1;
    let period = if is_day_word(word) {
        1.0
    } else {
        match week_word(word) {
            Some(_) => 7.0,
            None => return None,
        }
    };
    // "N times daily", "N-M times a day", "twice daily", "once daily", or just "daily".
    let mut j = i;
    while j > 0 && is_frequency_link(w[j - 1].1) {
        j -= 1;
    }
    // A week noun with nothing before it ("in the first week") is no frequency.
    if week_word(word) == Some(true) && j == i {
        return None;
    }
    let said_times = (j..i).any(|k| is_times_word(w[k].1));
    let t = if said_times && j > 0 { range_max_before(w, j) } else { j.checked_sub(1).and_then(|p| times_word_count(w[p].1)) };
    Some((t.unwrap_or(1.0) / period, w[i].0 + word.len()))
}

/// Units taken at once: "<number> <unit word>" within the 10 words before word `i`, or the 3
/// after word `after` ("Alle 7 Tage 1 Tablette", "täglich 2 Kapseln"); with the byte where the
/// phrase starts and ends.
fn units_near(w: &[(usize, &str)], i: usize, after: usize) -> Option<(f64, usize, usize)> {
    let get = |i: usize| w.get(i).map(|x| x.1).unwrap_or("");
    for k in (i.saturating_sub(10)..i).rev() {
        if is_unit_word(get(k)) && k > 0 {
            let num = if get(k - 1) == "full" || get(k - 1) == "dropperful" { None } else { word_number(get(k - 1)) };
            if let Some(u) = num {
                // "1-2 capsules": the maximum.
                let u = if k >= 3 && get(k - 2) == "-" {
                    word_number(get(k - 1)).map_or(u, |x| x.max(word_number(get(k - 3)).unwrap_or(x)))
                } else {
                    u
                };
                return Some((u, w[k - 1].0, w[after].0 + get(after).len()));
            }
        }
    }
    for k in after + 2..(after + 4).min(w.len()) {
        if is_unit_word(get(k))
            && let Some(u) = word_number(get(k - 1))
        {
            return Some((u, w[i].0, w[k].0 + get(k).len()));
        }
    }
    None
}

/// [`parse_directions`] on the text's words.
fn directions_in(w: &[(usize, &str)]) -> Option<Directions> {
    for i in 0..w.len() {
        // An interval phrase starts at its first word; other frequency words end a phrase.
        let (times, last, end) = match interval_at(w, i) {
            Some((t, last)) => (t, last, w[last].0 + w[last].1.len()),
            None => match frequency_at(w, i) {
                Some((t, end)) => (t, i, end),
                None => continue,
            },
        };
        let near = units_near(w, i, last);
        // A frequency with neither units nor a count ("take daily") says nothing new.
        if near.is_none() && times == 1.0 {
            continue;
        }
        let (units, start, end) = match near {
            Some((u, s, e)) => (Some(u), s, e.max(end)),
            None => (None, w[i].0, end),
        };
        return Some(Directions { units, times_per_day: times, start, end });
    }
    None
}

/// Directions for several ages ("Children 2-3: chew one gummy daily. Adults: chew two gummies
/// daily"): the largest adult dose (POLICY.md), or the largest of all when no phrase is for
/// adults. Without age words, the first phrase as [`parse_directions`] reads it.
pub fn parse_directions_adult(text: &str) -> Option<Directions> {
    let first = parse_directions(text)?;
    if !names_ages(text) {
        return Some(first);
    }
    // (for adults, units a day, the phrase): the best phrase so far.
    let mut best: Option<(bool, f64, Directions)> = None;
    let (mut from, mut next) = (0, Some(first));
    while let Some(d) = next {
        let adult = !for_children_only(&text[from..d.start]);
        let per_day = d.units.unwrap_or(1.0) * d.times_per_day;
        if best.as_ref().is_none_or(|(a, v, _)| (adult, per_day) > (*a, *v)) {
            best = Some((adult, per_day, d));
        }
        if d.end <= from || d.end >= text.len() || !text.is_char_boundary(d.end) {
            break;
        }
        from = d.end;
        next = parse_directions(&text[from..]).map(|x| Directions { start: x.start + from, end: x.end + from, ..x });
    }
    best.map(|b| b.2)
}

/// True when directions name an age group.
fn names_ages(text: &str) -> bool {
    [
        "child",
        "kid",
        "adult",
        "toddler",
        "infant",
        "ages ",
        "years",
        "kinder",
        "erwachsene",
        "enfant",
        "niño",
        "bambin",
        "dzieci",
        "dzieck",
        "dorosł",
        "děti",
        "dospěl",
        "volwassen",
        "дет",
        "взросл",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// True when the words leading to a phrase address children only ("Children 2-3 years:"), not
/// adults ("Adults and children 12 years and older:", "Children 4 and older and adults:").
fn for_children_only(lead: &str) -> bool {
    with_words(lead, |w| {
        let has = |ws: &[&str]| w.iter().any(|(_, w)| ws.contains(w));
        let adult = has(&[
            "adult",
            "adults",
            "older",
            "over",
            "erwachsene",
            "grown",
            "adultes",
            "adultos",
            "adulti",
            "dorośli",
            "dorosłych",
            "dospělí",
            "dospělé",
            "volwassenen",
            "взрослые",
            "взрослым",
            "взрослых",
        ]);
        !adult
            && has(&[
                "child",
                "children",
                "kid",
                "kids",
                "toddler",
                "toddlers",
                "infant",
                "infants",
                "baby",
                "babies",
                "kinder",
                "ages",
                "age",
                "enfants",
                "niños",
                "bambini",
                "kinderen",
                "dzieci",
                "dziecka",
                "děti",
                "детей",
                "детям",
                "дети",
            ])
    })
}

/// The maximum of "N", "N-M" or "N to M" ending just before word index `j`.
fn range_max_before(w: &[(usize, &str)], j: usize) -> Option<f64> {
    let last = word_number(w.get(j - 1)?.1)?;
    if j >= 3
        && matches!(w[j - 2].1, "-" | "to" | "or" | "bis" | "/")
        && let Some(first) = word_number(w[j - 3].1)
    {
        return Some(first.max(last));
    }
    Some(last)
}

/// Units in one serving as a range: "2 drops" is (2, 2), "1-2 gummies" and "3 to 6 gummies" are
/// (1, 2) and (3, 6).
pub fn serving_units_range(text: &str) -> Option<(f64, f64)> {
    with_words(text, serving_units_in)
}

/// [`serving_units_range`] on the text's words.
fn serving_units_in(w: &[(usize, &str)]) -> Option<(f64, f64)> {
    for k in 1..w.len() {
        if is_unit_word(w[k].1)
            && !matches!(w[k].1, "servings" | "serving")
            && let Some(hi) = word_number(w[k - 1].1)
        {
            let lo = (k >= 3 && matches!(w[k - 2].1, "-" | "to" | "or" | "bis")).then(|| word_number(w[k - 3].1)).flatten();
            return Some(match lo {
                Some(lo) if lo < hi => (lo, hi),
                _ => (hi, hi),
            });
        }
    }
    None
}

/// A small automaton, built once (the patterns are constants: a failure is a programming error).
fn automaton(cell: &'static OnceLock<AhoCorasick>, patterns: &[&str]) -> &'static AhoCorasick {
    cell.get_or_init(|| AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(patterns).expect("constant patterns compile"))
}

/// Parts of every word that ends a frequency or interval phrase (a day or a week, in every
/// language the tables above read): text without any of them holds no directions.
const FREQUENCY_PARTS: &[&str] = &[
    "dai",
    "day",
    "week",
    "tägl",
    "tgl",
    "tag",
    "jour",
    "ден",
    "ежедн",
    "сутк",
    "дн",
    "недел",
    "woche",
    "wöch",
    "dni",
    "dzie",
    "dzien",
    "tyg",
    "tydz",
    "týd",
    "denn",
    "obden",
    "druh",
    "dní",
    "dny",
    "dag",
    "giorn",
    "día",
    "dia",
    "quotid",
    "sema",
    "settiman",
    "wekelijk",
    "hebdo",
];

/// True when `text` (normalised) has a word that directions use for a frequency.
pub fn may_name_frequency(text: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    automaton(&WORDS, FREQUENCY_PARTS).is_match(text)
}

/// Parts of every unit word but "serving(s)" (each unit word holds one), and "size": text
/// without any of them cannot hold a phrase [`per_units_in`] reads (a unit word other than
/// "serving" after "per"/"each"/"every", or "serving size" before a unit word).
const UNIT_WORD_PARTS: &[&str] = &[
    "softgel",
    "caps",
    "tab",
    "caplet",
    "drop",
    "gumm",
    "spray",
    "pump",
    "chewable",
    "ml",
    "scoop",
    "lozenge",
    "kapsel",
    "tropfen",
    "troche",
    "gélule",
    "gouttes",
    "comprim",
    "капсул",
    "капл",
    "капель",
    "таблет",
    "kapsuł",
    "kropl",
    "tobolk",
    "kapk",
    "cápsul",
    "gota",
    "compress",
    "gocce",
    "druppel",
    "size",
];

/// A cheap test before splitting words: false when [`per_units_in`] must find nothing.
fn may_name_units(text: &str) -> bool {
    static PARTS: OnceLock<AhoCorasick> = OnceLock::new();
    automaton(&PARTS, UNIT_WORD_PARTS).is_match(text)
}

/// "per 2 drops", "(2 drops)" after an amount in a title or description: the units of one serving.
pub fn per_units_in_text(text: &str) -> Option<f64> {
    let window = per_units_window(text)?;
    if !may_name_units(window) {
        return None;
    }
    with_words(window, per_units_in)
}

/// The part of `text` whose words [`per_units_in`] reads.
fn per_units_window(text: &str) -> Option<&str> {
    // Every phrase starts with its trigger word: words long before the first one take no part.
    static TRIGGERS: OnceLock<AhoCorasick> = OnceLock::new();
    let first = automaton(&TRIGGERS, &["per ", "each ", "every ", "serving size"]).find(text)?.start();
    // Back far enough to see the amount before the trigger ("1,000 IU per drop"), to a byte
    // that `split_words` never puts in a word, so the words from there are the same.
    let back = first.saturating_sub(40);
    let from = text.as_bytes()[..back].iter().rposition(|&b| !(b.is_ascii_alphanumeric() || b >= 0x80 || b == b'.')).map_or(0, |i| i + 1);
    Some(&text[from..])
}

/// [`per_units_in_text`] on the words from shortly before the first trigger.
fn per_units_in(w: &[(usize, &str)]) -> Option<f64> {
    // "5000 IU per softgel", "100 mcg K2 per 2 drops", "each drop contains", "amount per
    // softgel": the units an amount is stated for. "Chew each gummy thoroughly" says nothing of
    // the serving.
    let states_amount = |per: usize, unit: usize| {
        w[per.saturating_sub(4)..per].iter().any(|(_, x)| is_amount_unit(x))
            || per.checked_sub(1).is_some_and(|p| w[p].1 == "amount")
            || w[unit + 1..]
                .iter()
                .find(|(_, x)| !is_unit_word(x))
                .is_some_and(|(_, x)| matches!(*x, "contains" | "contain" | "provides" | "provide" | "delivers" | "supplies"))
    };
    for k in 1..w.len() {
        if matches!(w[k - 1].1, "per" | "each" | "every")
            && is_unit_word(w[k].1)
            && !matches!(w[k].1, "servings" | "serving")
            && states_amount(k - 1, k)
        {
            return Some(1.0);
        }
        if k < 2 {
            continue;
        }
        if matches!(w[k - 2].1, "per" | "each" | "every")
            && is_unit_word(w[k].1)
            && !matches!(w[k].1, "servings" | "serving")
            && states_amount(k - 2, k)
            && let Some(v) = word_number(w[k - 1].1)
        {
            return Some(v);
        }
        if w[k - 1].1 == "size"
            && k >= 2
            && w[k - 2].1 == "serving"
            && let (Some(num), Some(unit)) = (w.get(k), w.get(k + 1))
            && is_unit_word(unit.1)
        {
            return word_number(num.1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word splitter as first written (a `Vec` per call, a char-class test per byte).
    fn words_reference(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_alphanumeric()
                || c >= 0x80
                || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit() && i > 0 && b[i - 1].is_ascii_digit())
            {
                let s = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] >= 0x80
                        || (b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit() && b[i - 1].is_ascii_digit()))
                {
                    i += 1;
                }
                let w = &text[s..i];
                match w.strip_suffix('x') {
                    Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                        out.push((s, n));
                        out.push((i - 1, "x"));
                    }
                    _ => out.push((s, w)),
                }
            } else {
                if c == b'-' || c == b'/' {
                    out.push((i, &text[i..i + 1]));
                }
                i += 1;
            }
        }
        out
    }

    #[test]
    fn split_words_table() {
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            ("take 1-2 caps", &[(0, "take"), (5, "1"), (6, "-"), (7, "2"), (9, "caps")]),
            ("2.5 ml 2x daily", &[(0, "2.5"), (4, "ml"), (7, "2"), (8, "x"), (10, "daily")]),
            (".5 a.b 1. 3x", &[(1, "5"), (3, "a"), (5, "b"), (7, "1"), (10, "3"), (11, "x")]),
            ("1/2 täglich", &[(0, "1"), (1, "/"), (2, "2"), (4, "täglich")]),
            ("x 1.2.3 ab2x", &[(0, "x"), (2, "1.2.3"), (8, "ab2x")]),
        ];
        for (text, want) in cases {
            let mut got = Vec::new();
            split_words(text, &mut got);
            assert_eq!(got, *want, "{text}");
            assert_eq!(got, words_reference(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn split_words_agrees_with_the_reference(text in "([a-z0-9 .,x/-]|ä|µ|–|капли){0,40}") {
            let mut got = Vec::new();
            split_words(&text, &mut got);
            proptest::prop_assert_eq!(&got, &words_reference(&text));
            let owned = |w: &[(usize, &str)]| w.iter().map(|(i, x)| (*i, x.to_string())).collect::<Vec<_>>();
            proptest::prop_assert_eq!(with_words(&text, owned), owned(&words_reference(&text)));
        }

        #[test]
        fn per_units_prefilter_changes_nothing(
            text in "(per |each |every |serving size|size |softgels? |drops? |servings? |caps |contains |amount |iu |2 |one |[a-z]{1,6} |, ){0,12}"
        ) {
            let unfiltered = per_units_window(&text).and_then(|w| with_words(w, per_units_in));
            proptest::prop_assert_eq!(per_units_in_text(&text), unfiltered);
        }
    }

    #[test]
    fn every_unit_word_but_serving_holds_a_part() {
        for w in UNIT_WORDS {
            assert!(is_unit_word(w));
            if !matches!(*w, "serving" | "servings") {
                assert!(UNIT_WORD_PARTS.iter().any(|p| w.contains(p)), "{w}");
            }
        }
    }

    /// The prefilter lets every phrase the tables read through.
    #[test]
    fn every_frequency_word_holds_a_part() {
        let has_part = |w: &str| FREQUENCY_PARTS.iter().any(|p| w.contains(p));
        for (words, _) in INTERVALS {
            assert!(words.iter().any(|w| has_part(w)), "{words:?}");
            assert!(starts_interval(words[0]), "{words:?} starts with a word `starts_interval` lacks");
        }
        for w in ["daily", "täglich", "dziennie", "codziennie", "denně", "dagelijks", "giorno", "día", "diario", "quotidien", "сутки"]
        {
            assert!(is_day_word(w) && has_part(w), "{w}");
        }
        for w in ["weekly", "wöchentlich", "еженедельно", "týdně", "tygodniowo", "wekelijks", "hebdomadaire", "semanal", "settimanale"]
        {
            assert!(week_word(w) == Some(false) && has_part(w), "{w}");
        }
        for w in ["week", "woche", "неделю", "tygodniu", "tydzień", "týden", "semaine", "semana", "settimana"] {
            assert!(week_word(w) == Some(true) && has_part(w), "{w}");
        }
    }

    #[test]
    fn word_buffer_is_reused() {
        let v: Vec<(usize, &str)> = Vec::with_capacity(64);
        let ptr = v.as_ptr() as usize;
        let r: Vec<(usize, &str)> = recycle(v);
        assert!(r.is_empty() && r.capacity() >= 64 && r.as_ptr() as usize == ptr);
        // Nested use works (in a fresh buffer).
        let n = with_words("a b", |outer| with_words("c d e", |inner| outer.len() * 10 + inner.len()));
        assert_eq!(n, 23);
    }

    #[test]
    fn directions_table() {
        let cases: &[(&str, Option<f64>, f64)] = &[
            ("take 2 softgels daily", Some(2.0), 1.0),
            ("take 1 softgel daily with a meal", Some(1.0), 1.0),
            ("1 capsule 1-2 times daily", Some(1.0), 2.0),
            ("take 2 drops one to three times daily", Some(2.0), 3.0),
            ("take 2 drops twice daily", Some(2.0), 2.0),
            ("adults: take one capsule two times a day", Some(1.0), 2.0),
            ("take 1 capsule once daily", Some(1.0), 1.0),
            ("take 3 tablets per day", Some(3.0), 1.0),
            ("take 1 capsule weekly", Some(1.0), 1.0 / 7.0),
            ("take 1 softgel 2x daily", Some(1.0), 2.0),
            ("take 1 capsule every other day", Some(1.0), 0.5),
            ("take 1 capsule every 7 days", Some(1.0), 1.0 / 7.0),
            ("take 1-2 capsules daily", Some(2.0), 1.0),
            ("1 kapsel täglich", Some(1.0), 1.0),
            ("по 1 капсуле 2 раза в день", Some(1.0), 2.0),
            ("по 2 капли в день", Some(2.0), 1.0),
            ("1 gélule 2 fois par jour", Some(1.0), 2.0),
            ("take twice daily", None, 2.0),
            ("take 1 capsule every second day", Some(1.0), 0.5),
            ("take 1 capsule 2 times a week", Some(1.0), 2.0 / 7.0),
            ("take 1 capsule every 2 weeks", Some(1.0), 1.0 / 14.0),
            // German
            ("alle 2 tage 1 kapsel.", Some(1.0), 0.5),
            ("alle 7 tage 1 tablette.", Some(1.0), 1.0 / 7.0),
            ("jeden 10. tag 1 tablette.", Some(1.0), 0.1),
            ("jeden zweiten tag 1 kapsel", Some(1.0), 0.5),
            ("1 kapsel alle zwei tage", Some(1.0), 0.5),
            ("einmal wöchentlich 1 tablette", Some(1.0), 1.0 / 7.0),
            ("1x pro woche 1 tablette", Some(1.0), 1.0 / 7.0),
            ("2 kapseln einmal in der woche", Some(2.0), 1.0 / 7.0),
            ("täglich 2 kapseln", Some(2.0), 1.0),
            // Russian
            ("по 1 капсуле через день.", Some(1.0), 0.5),
            ("1 таблетка раз в неделю", Some(1.0), 1.0 / 7.0),
            ("1 таблетка 1 раз в 7 дней", Some(1.0), 1.0 / 7.0),
            ("по 1 капле каждые 2 дня", Some(1.0), 0.5),
            ("2 раза в неделю по 1 таблетке", Some(1.0), 2.0 / 7.0),
            // Polish
            ("1 tabletka co 7 dni.", Some(1.0), 1.0 / 7.0),
            ("1 kapsułka co drugi dzień", Some(1.0), 0.5),
            ("1 tabletka raz w tygodniu", Some(1.0), 1.0 / 7.0),
            ("2 kapsułki dziennie", Some(2.0), 1.0),
            ("1 kapsułka 2 razy dziennie", Some(1.0), 2.0),
            // Czech
            ("1 tobolka obden", Some(1.0), 0.5),
            ("1 tableta jednou týdně", Some(1.0), 1.0 / 7.0),
            ("1 tableta každý druhý den", Some(1.0), 0.5),
            // French, Spanish, Italian, Dutch
            ("1 comprimé tous les 7 jours", Some(1.0), 1.0 / 7.0),
            ("1 gélule un jour sur deux", Some(1.0), 0.5),
            ("1 comprimé une fois par semaine", Some(1.0), 1.0 / 7.0),
            ("1 cápsula cada 7 días", Some(1.0), 1.0 / 7.0),
            ("1 comprimido una vez a la semana", Some(1.0), 1.0 / 7.0),
            ("1 capsula ogni 7 giorni", Some(1.0), 1.0 / 7.0),
            ("1 compressa una volta alla settimana", Some(1.0), 1.0 / 7.0),
            ("1 capsule om de dag", Some(1.0), 0.5),
            ("eenmaal per week 1 tablet", Some(1.0), 1.0 / 7.0),
            ("1 tablet elke 7 dagen", Some(1.0), 1.0 / 7.0),
        ];
        for (text, units, times) in cases {
            let d = parse_directions(text).unwrap_or_else(|| panic!("no directions in {text}"));
            assert_eq!(d.units, *units, "units of {text}");
            assert!((d.times_per_day - times).abs() < 1e-9, "times of {text}: {}", d.times_per_day);
        }
        for text in [
            "keep out of reach of children",
            "store in a cool dry place",
            "take daily",
            "in the first week of use",
            "nicht überschreiten, jeden tag",
        ] {
            assert_eq!(parse_directions(text), None, "{text}");
        }
    }

    #[test]
    fn serving_units() {
        assert_eq!(serving_units_range("2 drops"), Some((2.0, 2.0)));
        assert_eq!(serving_units_range("1 softgel"), Some((1.0, 1.0)));
        assert_eq!(serving_units_range("two capsules"), Some((2.0, 2.0)));
        assert_eq!(per_units_in_text("1,000 iu per 2 drops"), Some(2.0));
        assert_eq!(per_units_in_text("serving size: 2 softgels"), Some(2.0));
        assert_eq!(per_units_in_text("chew each gummy thoroughly"), None);
        assert_eq!(per_units_in_text("each drop contains 400 iu"), Some(1.0));
        assert_eq!(per_units_in_text("each chewable tablet contains: vitamin d3 1000 iu"), Some(1.0));
    }

    #[test]
    fn serving_ranges() {
        let cases: &[(&str, Option<(f64, f64)>)] = &[
            ("2 drops", Some((2.0, 2.0))),
            ("1-2 gummies", Some((1.0, 2.0))),
            ("3 to 6 gummies", Some((3.0, 6.0))),
            ("serving size: 1 softgel", Some((1.0, 1.0))),
            ("1 tablespoon", None),
        ];
        for (text, want) in cases {
            assert_eq!(serving_units_range(text), *want, "{text}");
        }
    }

    #[test]
    fn adult_directions() {
        let cases: &[(&str, Option<f64>, f64)] = &[
            ("children 2-3 years: chew one gummy daily. adults: chew two gummies daily.", Some(2.0), 1.0),
            ("adults: take 1 capsule twice daily. children 6-12: 1 capsule daily.", Some(1.0), 2.0),
            ("adults: 1 drop daily. children: 2 drops daily.", Some(1.0), 1.0),
            ("take 1 capsule daily. do not exceed 2 capsules daily.", Some(1.0), 1.0),
            ("dzieci od 1. roku życia: 1 kropla dziennie. dorośli: 2 krople dziennie.", Some(2.0), 1.0),
            ("взрослым: по 1 капсуле 2 раза в день. детям: по 1 капсуле в день.", Some(1.0), 2.0),
            ("kinder: 1 tropfen täglich. erwachsene: 1 tropfen alle 2 tage.", Some(1.0), 0.5),
        ];
        for (text, units, times) in cases {
            let d = parse_directions_adult(text).unwrap_or_else(|| panic!("no directions in {text}"));
            assert_eq!(d.units, *units, "units of {text}");
            assert!((d.times_per_day - times).abs() < 1e-9, "times of {text}: {}", d.times_per_day);
        }
    }
}
