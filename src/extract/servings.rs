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
);

/// A unit of a vitamin amount as a word ("iu", "mcg", "µg"...).
fn is_amount_unit(w: &str) -> bool {
    matches!(w, "iu" | "u" | "ie" | "ui" | "mcg" | "µg" | "ug" | "mg" | "mkg" | "мкг" | "мг" | "ме")
}

fn word_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" | "a" | "an" | "ein" | "eine" | "einen" => 1.0,
        "two" | "zwei" => 2.0,
        "three" | "drei" => 3.0,
        "four" | "vier" => 4.0,
        "five" | "fünf" => 5.0,
        "six" => 6.0,
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

/// [`parse_directions`] on the text's words.
fn directions_in(w: &[(usize, &str)]) -> Option<Directions> {
    let n = w.len();
    let get = |i: usize| w.get(i).map(|x| x.1).unwrap_or("");
    for i in 0..n {
        // Frequency words end a phrase; look back for the units taken.
        let (times, span_end): (f64, usize) = match get(i) {
            // "every other day", "every 7 days": one serving in N days.
            "day" if i >= 2 && get(i - 1) == "other" && get(i - 2) == "every" => (0.5, w[i].0 + 3),
            "days" if i >= 2 && get(i - 2) == "every" && word_number(get(i - 1)).is_some_and(|n| n >= 1.0) => {
                (1.0 / word_number(get(i - 1)).unwrap_or(1.0), w[i].0 + 4)
            }
            "daily" | "day" | "täglich" | "tag" | "tgl" | "jour" | "день" | "ежедневно" | "сутки" => {
                // "N times daily", "N-M times a day", "twice daily", "once daily", or just "daily".
                let mut j = i;
                while j > 0
                    && matches!(
                        get(j - 1),
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
                            | "par"
                            | "fois"
                            | "в"
                            | "раз"
                            | "раза"
                    )
                {
                    j -= 1;
                }
                let said_times = (j..i).any(|k| matches!(get(k), "times" | "time" | "x" | "mal" | "fois" | "раз" | "раза"));
                let t = if said_times && j > 0 {
                    range_max_before(w, j)
                } else if j > 0 && matches!(get(j - 1), "twice") {
                    Some(2.0)
                } else if j > 0 && matches!(get(j - 1), "once") {
                    Some(1.0)
                } else if j > 0 && matches!(get(j - 1), "thrice") {
                    Some(3.0)
                } else {
                    None
                };
                (t.unwrap_or(1.0), w[i].0 + get(i).len())
            }
            "weekly" | "wöchentlich" => (1.0 / 7.0, w[i].0 + get(i).len()),
            "week" if i > 0 && matches!(get(i - 1), "a" | "per" | "each" | "every") => (1.0 / 7.0, w[i].0 + 4),
            _ => continue,
        };
        // Units: "<number> <unit word>" within the 8 words before the frequency.
        let from = i.saturating_sub(10);
        let mut units = None;
        let mut start = w[i].0;
        for k in (from..i).rev() {
            if is_unit_word(get(k)) && k > 0 {
                let num = if get(k - 1) == "full" || get(k - 1) == "dropperful" { None } else { word_number(get(k - 1)) };
                if let Some(u) = num {
                    // "1-2 capsules": the maximum.
                    let u = if k >= 3 && get(k - 2) == "-" {
                        word_number(get(k - 1)).map_or(u, |x| x.max(word_number(get(k - 3)).unwrap_or(x)))
                    } else {
                        u
                    };
                    units = Some(u);
                    start = w[k - 1].0;
                    break;
                }
            }
        }
        // A frequency with neither units nor a count ("take daily") says nothing new.
        if units.is_none() && times == 1.0 {
            continue;
        }
        return Some(Directions { units, times_per_day: times, start, end: span_end });
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
    ["child", "kid", "adult", "toddler", "infant", "ages ", "years", "kinder", "erwachsene"].iter().any(|w| text.contains(w))
}

/// True when the words leading to a phrase address children only ("Children 2-3 years:"), not
/// adults ("Adults and children 12 years and older:", "Children 4 and older and adults:").
fn for_children_only(lead: &str) -> bool {
    with_words(lead, |w| {
        let has = |ws: &[&str]| w.iter().any(|(_, w)| ws.contains(w));
        let adult = has(&["adult", "adults", "older", "over", "erwachsene", "grown"]);
        !adult
            && has(&[
                "child", "children", "kid", "kids", "toddler", "toddlers", "infant", "infants", "baby", "babies", "kinder", "ages", "age",
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

/// True when `text` (normalised) has a word that directions use for a frequency.
pub fn may_name_frequency(text: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    automaton(&WORDS, &["dai", "day", "week", "tägl", "tgl", "tag", "jour", "ден", "ежедн", "сутк"]).is_match(text)
}

/// Parts of every unit word but "serving(s)" (each unit word holds one), and "size": text
/// without any of them cannot hold a phrase [`per_units_in`] reads (a unit word other than
/// "serving" after "per"/"each"/"every", or "serving size" before a unit word).
const UNIT_WORD_PARTS: [&str; 23] = [
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
    "comprimés",
    "капсул",
    "капли",
    "капель",
    "таблетк",
    "size",
];

/// A cheap test before splitting words: false when [`per_units_in`] must find nothing.
fn may_name_units(text: &str) -> bool {
    static PARTS: OnceLock<AhoCorasick> = OnceLock::new();
    automaton(&PARTS, &UNIT_WORD_PARTS).is_match(text)
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
        ];
        for (text, units, times) in cases {
            let d = parse_directions(text).unwrap_or_else(|| panic!("no directions in {text}"));
            assert_eq!(d.units, *units, "units of {text}");
            assert!((d.times_per_day - times).abs() < 1e-9, "times of {text}: {}", d.times_per_day);
        }
        for text in ["keep out of reach of children", "store in a cool dry place", "take daily"] {
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
        ];
        for (text, units, times) in cases {
            let d = parse_directions_adult(text).unwrap_or_else(|| panic!("no directions in {text}"));
            assert_eq!(d.units, *units, "units of {text}");
            assert!((d.times_per_day - times).abs() < 1e-9, "times of {text}: {}", d.times_per_day);
        }
    }
}
