//! Amounts: numbers with a vitamin unit, in every spelling labels use (`5,000 IU`, `125 µg`,
//! `0,125 mg`, `5.000 IE`, `25,000/1,000 IU`), grouped when one label states both units
//! (`125 mcg (5,000 IU)`).

/// A unit of a vitamin amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Iu,
    Mcg,
    Mg,
}

/// One number with its unit, at a normalised byte range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: Unit,
    pub start: usize,
    pub end: usize,
    /// A mass written `d.ddd` ("2.200 µg"), read as a decimal: in German it may be a thousands
    /// separator, which the reader of a vitamin's amount settles by plausibility
    /// ([`Quantity::k_mcg`], [`Quantity::d_mcg`]) or by the label's other unit ([`group`]).
    pub dot_thousands: bool,
}

impl Quantity {
    /// Micrograms, for mass units.
    pub fn mcg(&self) -> Option<f64> {
        match self.unit {
            Unit::Mcg => Some(self.value),
            Unit::Mg => Some(self.value * 1000.0),
            Unit::Iu => None,
        }
    }

    /// The thousands reading of a `d.ddd` mass ("2.200" → 2,200).
    fn thousands(&self) -> Option<f64> {
        self.dot_thousands.then_some(self.value * 1000.0)
    }

    /// Micrograms of vitamin K: "K2 2.200 µg" is 2,200 µg, since no product holds 2.2 µg of K
    /// (real doses run from about 10 µg to 45 mg); "K2 22.500 µg" stays 22.5 µg.
    pub fn k_mcg(&self) -> Option<f64> {
        match self.thousands() {
            Some(t) if self.unit == Unit::Mcg && self.value < K_MCG_LEAST && t <= K_MCG_MOST => Some(t),
            _ => self.mcg(),
        }
    }

    /// Micrograms of vitamin D: "D3 1.250 µg" is 1,250 µg (50,000 IU), since no product holds
    /// 1.25 µg (50 IU); "D3 12.500 µg" stays 12.5 µg (500 IU).
    pub fn d_mcg(&self) -> Option<f64> {
        match self.thousands() {
            Some(t) if self.unit == Unit::Mcg && self.value < D_MCG_LEAST && t <= D_MCG_MOST => Some(t),
            _ => self.mcg(),
        }
    }
}

/// Below these a `d.ddd` µg amount is not a plausible dose, and up to the second its thousands
/// reading is (K: 10 µg to 50 mg; D: 2.5 µg = 100 IU to 2.5 mg = 100,000 IU). Readings, not policy.
const K_MCG_LEAST: f64 = 10.0;
pub(super) const K_MCG_MOST: f64 = 50_000.0;
const D_MCG_LEAST: f64 = 2.5;
pub(super) const D_MCG_MOST: f64 = 2_500.0;

/// One stated amount: a single quantity, or the two units of one label (`125 mcg (5,000 IU)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AmountGroup {
    pub iu: Option<Quantity>,
    pub mass: Option<Quantity>,
    pub start: usize,
    pub end: usize,
}

impl AmountGroup {
    fn single(q: Quantity) -> AmountGroup {
        let (iu, mass) = if q.unit == Unit::Iu { (Some(q), None) } else { (None, Some(q)) };
        AmountGroup { iu, mass, start: q.start, end: q.end }
    }
}

/// Unit spellings (from `vocab.txt`, in its order: a longer spelling before its prefix) and the
/// bytes they start with (a number followed by anything else has no unit).
struct Units {
    words: Vec<(&'static str, Unit)>,
    first_byte: [bool; 256],
}

fn units() -> &'static Units {
    static U: std::sync::OnceLock<Units> = std::sync::OnceLock::new();
    U.get_or_init(|| {
        let words = super::vocab::unit_words();
        let mut first_byte = [false; 256];
        for (w, _) in &words {
            if let Some(&b) = w.as_bytes().first() {
                first_byte[b as usize] = true;
            }
        }
        Units { words, first_byte }
    })
}

/// Parses the unit that starts `s` (after spaces). Returns the unit and the bytes consumed.
fn unit_at(s: &str) -> Option<(Unit, usize)> {
    let trimmed = s.trim_start_matches([' ', '\t']);
    let skip = s.len() - trimmed.len();
    let u = units();
    if skip > 2 || !trimmed.as_bytes().first().is_some_and(|&c| u.first_byte[c as usize]) {
        return None;
    }
    for (word, unit) in &u.words {
        if let Some(rest) = trimmed.strip_prefix(word) {
            // The unit must end the word: "mg" not "mgo", "iu" not "iud"; "5000iu/25µg" is fine.
            let next = rest.as_bytes().first().copied();
            // A digit may follow: "1000 IU250%", "30 мкг150 %" glue the %DV to the unit.
            let ends = match next {
                None => true,
                Some(b) => !(b.is_ascii_alphabetic() || b >= 0x80) || word.ends_with('.'),
            };
            if ends {
                return Some((*unit, skip + word.len()));
            }
        }
    }
    None
}

/// Parses a number at the start of `s`: `5,000`, `5 000`, `5.000` (IU only: thousands),
/// `0.125`, `0,125`, `62,5`. Returns the value and the bytes consumed. `iu_next` tells whether
/// the unit that follows is IU (so `5.000 IE` reads as five thousand).
fn number_at(s: &str) -> Option<(f64, usize, bool)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    let int_len = i;
    let mut dot_thousands = false; // a "." group that might be a thousands separator
    let mut end = i;
    // Thousands groups: ",ddd" / " ddd" / ".ddd" repeated, not followed by another digit.
    while let Some(&sep) = b.get(end) {
        if !matches!(sep, b',' | b' ' | b'.' | b'\'') {
            break;
        }
        let g = end + 1;
        let group_ok = g + 3 <= b.len() && b[g..g + 3].iter().all(u8::is_ascii_digit) && !b.get(g + 3).is_some_and(u8::is_ascii_digit);
        if !group_ok || int_len > 3 || b[0] == b'0' {
            break;
        }
        if sep == b'.' {
            dot_thousands = true;
        }
        end = g + 3;
        if sep == b' ' && !b.get(end).is_some_and(|c| matches!(c, b' ' | b',' | b'.')) {
            break;
        }
    }
    // Decimal part: ".d+" or ",d+" that was not a thousands group.
    let int_end = end;
    if let Some(&sep) = b.get(end)
        && (sep == b'.' || sep == b',')
        && b.get(end + 1).is_some_and(u8::is_ascii_digit)
    {
        let mut j = end + 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        end = j;
    }
    let frac = if end > int_end { &b[int_end + 1..end] } else { &[][..] };
    let value = decimal_value(&b[..int_end], frac)?;
    Some((value, end, dot_thousands))
}

/// Exact powers of ten (every one up to 1e22 is a double).
const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The value `str::parse::<f64>` gives "I.F", where I is the digits of `int` (its separators
/// skipped) and F the digits `frac` (".F" left out when empty), without building that string.
/// Fast path: with at most 15 digits the digits as an integer m < 2^53 and 10^|F| are exact
/// doubles, so m / 10^|F| is one correctly rounded division — the correctly rounded value that
/// `parse` returns. Longer numbers take the string path.
fn decimal_value(int: &[u8], frac: &[u8]) -> Option<f64> {
    let mut m: u64 = 0;
    let mut n = 0;
    for &d in int.iter().chain(frac).filter(|d| d.is_ascii_digit()) {
        n += 1;
        if n > 15 {
            return decimal_value_slow(int, frac);
        }
        m = m * 10 + u64::from(d - b'0');
    }
    Some(if frac.is_empty() { m as f64 } else { m as f64 / POW10[frac.len()] })
}

/// [`decimal_value`] through the string and `parse`.
fn decimal_value_slow(int: &[u8], frac: &[u8]) -> Option<f64> {
    let mut text: String = int.iter().filter(|d| d.is_ascii_digit()).map(|&d| char::from(d)).collect();
    if !frac.is_empty() {
        text.push('.');
        text.extend(frac.iter().map(|&d| char::from(d)));
    }
    text.parse().ok()
}

/// Finds every quantity with a vitamin unit in a normalised text. A bare number directly followed
/// by `/` and a quantity takes that quantity's unit (`25,000/1,000 IU`); so does the first number
/// of a range (`2.000-5.000 IE`).
pub fn scan_quantities(text: &str, out: &mut Vec<Quantity>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut pending: Vec<(f64, usize, usize, bool)> = Vec::new(); // bare numbers waiting for a unit
    while i < b.len() {
        // Jump to the next digit; a gap with anything but "/", " " or "-" ends a pending list.
        if pending.is_empty() {
            match find_digit(b, i) {
                Some(k) => i = k,
                None => break,
            }
        }
        let c = b[i];
        if !c.is_ascii_digit() || !number_may_start(b, i) {
            if !c.is_ascii_digit() && !matches!(c, b'/' | b' ' | b'-') {
                pending.clear();
            }
            i += 1;
            continue;
        }
        let Some((mut value, len, dot_thousands)) = number_at(&text[i..]) else {
            i += 1;
            continue;
        };
        let end_num = i + len;
        match unit_at(&text[end_num..]) {
            Some((unit, ulen)) => {
                // "5.000 IE" and "1.000 µg" are a thousand; "1.500 mg" stays one and a half.
                let mut ambiguous = false;
                if dot_thousands
                    && unit != Unit::Iu
                    && !dot_groups_all_zero(&text[i..end_num])
                    && let Some((v, _, _)) = number_at_plain(&text[i..])
                {
                    value = v;
                    ambiguous = one_dot_group(&text[i..end_num]);
                }
                for (v, s, e, dt) in pending.drain(..) {
                    let plain = dt && unit != Unit::Iu && !dot_groups_all_zero(&text[s..e]);
                    let v = if plain { number_at_plain(&text[s..]).map_or(v, |x| x.0) } else { v };
                    out.push(Quantity { value: v, unit, start: s, end: e, dot_thousands: plain && one_dot_group(&text[s..e]) });
                }
                out.push(Quantity { value, unit, start: i, end: end_num + ulen, dot_thousands: ambiguous });
                i = end_num + ulen;
            }
            None => {
                let rest = &text[end_num..];
                let joined = rest.starts_with('/')
                    || rest.starts_with(" / ")
                    || rest.starts_with('-')
                    || rest.starts_with(" - ")
                    || rest.starts_with(" to ");
                if joined {
                    pending.push((value, i, end_num, dot_thousands));
                } else {
                    pending.clear();
                }
                i = end_num;
            }
        }
    }
}

/// The first ASCII digit in `b` at or after `from`: what `position(u8::is_ascii_digit)` finds,
/// eight bytes at a time (most of a label's text is letters, and this runs on every vitamin text).
fn find_digit(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(word);
        // Per byte, on its low 7 bits (no carry crosses bytes): the high bit says ">= 0x30" in
        // the first sum, ">= 0x3a" in the second; ASCII bytes only (the high bit of x clear).
        let low = x & !HIGH;
        let digits = (low + (0x80 - 0x30) * ONES) & !(low + (0x80 - 0x3a) * ONES) & !x & HIGH;
        if digits != 0 {
            return Some(i + (digits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i..].iter().position(u8::is_ascii_digit).map(|k| i + k)
}

/// True when the character that ends at byte `i` of `b` (UTF-8) is a letter or a digit.
fn letter_before(b: &[u8], i: usize) -> bool {
    let start = (i.saturating_sub(4)..i).find(|&k| b[k] & 0xc0 != 0x80).unwrap_or(i);
    std::str::from_utf8(&b[start..i]).ok().and_then(|s| s.chars().next_back()).is_none_or(char::is_alphanumeric)
}

/// True for `d.ddd`, `dd.ddd` or `ddd.ddd`: one dot and three digits after it.
fn one_dot_group(num: &str) -> bool {
    let num = num.trim_end();
    matches!(num.split_once('.'), Some((a, b)) if (1..=3).contains(&a.len()) && !a.starts_with('0') && b.len() == 3 && !b.contains('.'))
}

/// True when every dot-separated group after the first is "000" ("1.000", "10.000.000").
fn dot_groups_all_zero(num: &str) -> bool {
    num.contains('.') && num.split('.').skip(1).all(|g| g == "000")
}

/// `number_at` without thousands groups on dots: "1.500 mg" is 1.5 mg.
fn number_at_plain(s: &str) -> Option<(f64, usize, bool)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut text = String::new();
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',') {
        if b[i] != b',' {
            text.push(b[i] as char);
        }
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        text.push('.');
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            text.push(b[i] as char);
            i += 1;
        }
    }
    text.parse().ok().map(|v| (v, i, false))
}

/// A number may start here unless it is glued to a word ("mk-7", "b12", "d3", "k2", "25(oh)d").
fn number_may_start(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = b[i - 1];
    if p.is_ascii_digit() || p.is_ascii_alphabetic() {
        return false;
    }
    // After a non-ASCII character: a letter ("к2", "д3") joins the number to a word; a sign
    // ("♦40 мкг", "®100 µg") does not.
    if p >= 0x80 {
        return !letter_before(b, i);
    }
    if (p == b'-' || p == b'.') && i >= 2 && b[i - 2].is_ascii_alphabetic() {
        return false;
    }
    // "K2-7 100 mcg": the 7 of a form code is no number (nor "7 100" a thousands group).
    if p == b'-'
        && i >= 3
        && b[i - 2].is_ascii_digit()
        && (b[i - 3].is_ascii_alphabetic() || b[i - 3] >= 0x80)
        && !b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        return false;
    }
    true
}

/// Groups quantities into amounts: the two units of one statement (`125 mcg (5,000 IU)`,
/// `1000iu (25µg)`, `25µg/1000iu` when they agree) become one group.
pub fn group(text: &str, qs: &[Quantity], tolerance: f64, out: &mut Vec<AmountGroup>) {
    let mut i = 0;
    while i < qs.len() {
        let a = qs[i];
        if let Some(&b) = qs.get(i + 1) {
            let between = text.get(a.end..b.start).unwrap_or("");
            let between = between.trim();
            let kinds_differ = (a.unit == Unit::Iu) != (b.unit == Unit::Iu);
            // A bracket or "=" joins the two units of one statement even when they disagree (a
            // label error to report); a slash, comma or bare space joins them only when they agree,
            // as "5000 IU / 100 mcg", "5000 IU, 100 mcg" and "5000 IU 100mcg" are two amounts.
            let paren = matches!(between, "(" | "[" | "=" | "/ (" | "- (");
            let slash = matches!(between, "/" | "|" | "," | "");
            let (iu, mut mass) = if a.unit == Unit::Iu { (a, b) } else { (b, a) };
            // "1.250 µg (50.000 IE)": the IU settles a German thousands separator.
            if kinds_differ
                && let Some(t) = mass.thousands()
                && !mass.mcg().is_some_and(|mcg| agree_within(iu.value, mcg * 40.0, tolerance))
                && (Quantity { value: t, ..mass }).mcg().is_some_and(|mcg| agree_within(iu.value, mcg * 40.0, tolerance))
            {
                mass = Quantity { value: t, dot_thousands: false, ..mass };
            }
            let agree = || mass.mcg().is_some_and(|mcg| agree_within(iu.value, mcg * 40.0, tolerance));
            if kinds_differ && (paren || (slash && agree())) {
                let mut end = b.end;
                if text.as_bytes().get(end) == Some(&b')') || text.as_bytes().get(end) == Some(&b']') {
                    end += 1;
                }
                out.push(AmountGroup { iu: Some(iu), mass: Some(mass), start: a.start, end });
                i += 2;
                continue;
            }
        }
        out.push(AmountGroup::single(a));
        i += 1;
    }
}

/// Reads a number standing alone (an amount column whose unit is in the header) the way
/// [`scan_quantities`] reads one before `unit`: `5,000`, `5 000`, `5.000` (thousands before IU),
/// `62,5` and `0,125` (decimal comma). `None` unless the whole text is one number.
/// The quantity spans `s` and is flagged when a `d.ddd` mass may be thousands.
pub fn parse_bare_quantity(s: &str, unit: Unit) -> Option<Quantity> {
    let (mut value, len, dot_thousands) = number_at(s)?;
    if len != s.len() {
        return None;
    }
    let plain = dot_thousands && unit != Unit::Iu && !dot_groups_all_zero(s);
    if plain {
        value = number_at_plain(s)?.0;
    }
    Some(Quantity { value, unit, start: 0, end: s.len(), dot_thousands: plain && one_dot_group(s) })
}

/// True when two amounts agree within a relative tolerance (0.02 = 2 %).
pub fn agree_within(a: f64, b: f64, tolerance: f64) -> bool {
    let m = a.abs().max(b.abs());
    m == 0.0 || (a - b).abs() / m <= tolerance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(f64, Unit)> {
        let mut out = Vec::new();
        scan_quantities(s, &mut out);
        out.into_iter().map(|q| (q.value, q.unit)).collect()
    }

    /// `number_at` as first written: the digits gathered in strings, then parsed.
    fn number_at_reference(s: &str) -> Option<(f64, usize, bool)> {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == 0 {
            return None;
        }
        let int_part = &s[..i];
        let mut digits = String::from(int_part);
        let mut frac = String::new();
        let mut dot_thousands = false;
        let mut end = i;
        while let Some(&sep) = b.get(end) {
            if !matches!(sep, b',' | b' ' | b'.' | b'\'') {
                break;
            }
            let g = end + 1;
            let group_ok = g + 3 <= b.len() && b[g..g + 3].iter().all(u8::is_ascii_digit) && !b.get(g + 3).is_some_and(u8::is_ascii_digit);
            if !group_ok || int_part.len() > 3 || int_part.starts_with('0') {
                break;
            }
            if sep == b'.' {
                dot_thousands = true;
            }
            digits.push_str(&s[g..g + 3]);
            end = g + 3;
            if sep == b' ' && !b.get(end).is_some_and(|c| matches!(c, b' ' | b',' | b'.')) {
                break;
            }
        }
        if let Some(&sep) = b.get(end)
            && (sep == b'.' || sep == b',')
            && b.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            let mut j = end + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            frac.push_str(&s[end + 1..j]);
            end = j;
        }
        let text = if frac.is_empty() { digits } else { format!("{digits}.{frac}") };
        let value: f64 = text.parse().ok()?;
        Some((value, end, dot_thousands))
    }

    #[test]
    fn number_at_table() {
        for s in [
            "5,000 iu",
            "5 000 iu",
            "5.000",
            "0,125",
            "62,5",
            "10,000,000",
            "1'000",
            "0.1",
            "123456789012345678901234.5",
            "9.99999999999999999",
            "7",
        ] {
            assert_eq!(number_at(s).map(|x| (x.0.to_bits(), x.1, x.2)), number_at_reference(s).map(|x| (x.0.to_bits(), x.1, x.2)), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn number_at_agrees_with_the_reference(s in "[0-9]{1,4}([,. '][0-9]{1,4}){0,4}( iu)?") {
            let bits = |x: Option<(f64, usize, bool)>| x.map(|x| (x.0.to_bits(), x.1, x.2));
            proptest::prop_assert_eq!(bits(number_at(&s)), bits(number_at_reference(&s)));
        }

        #[test]
        fn decimal_value_fast_path_is_exact(int in "[0-9]{1,16}", frac in "[0-9]{0,16}") {
            let fast = decimal_value(int.as_bytes(), frac.as_bytes()).map(f64::to_bits);
            proptest::prop_assert_eq!(fast, decimal_value_slow(int.as_bytes(), frac.as_bytes()).map(f64::to_bits));
        }
    }

    #[test]
    fn find_digit_table() {
        let cases: &[(&str, usize, Option<usize>)] = &[
            ("", 0, None),
            ("abc", 0, None),
            ("vitamin d3 5000 iu", 0, Some(9)),
            ("vitamin d3 5000 iu", 10, Some(11)),
            ("no digits here at all, only µ/:;@[`{ and ÿ", 0, None),
            ("abcdefghijklmnop9", 0, Some(16)),
            ("abcdefgh9", 0, Some(8)),
            ("/:0", 0, Some(2)),
        ];
        for (text, from, want) in cases {
            assert_eq!(find_digit(text.as_bytes(), *from), *want, "{text} from {from}");
        }
    }

    proptest::proptest! {
        #[test]
        fn find_digit_agrees_with_position(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40), from in 0usize..40) {
            let from = from.min(bytes.len());
            let want = bytes[from..].iter().position(u8::is_ascii_digit).map(|k| from + k);
            proptest::prop_assert_eq!(find_digit(&bytes, from), want);
        }
    }

    #[test]
    fn unit_first_bytes() {
        assert!(unit_at("mg").is_some() && unit_at(" µg").is_some() && unit_at("мкг").is_some());
        assert_eq!(unit_at(" softgels"), None);
        assert_eq!(unit_at("x iu"), None);
    }

    #[test]
    fn numbers_and_units() {
        let cases: &[(&str, &[(f64, Unit)])] = &[
            ("5000 iu", &[(5000.0, Unit::Iu)]),
            ("5,000 iu", &[(5000.0, Unit::Iu)]),
            ("5 000 iu", &[(5000.0, Unit::Iu)]),
            ("5.000 ie", &[(5000.0, Unit::Iu)]),
            ("1.000 i.e.", &[(1000.0, Unit::Iu)]),
            ("200.000ui", &[(200000.0, Unit::Iu)]),
            ("125 mcg", &[(125.0, Unit::Mcg)]),
            ("125mcg", &[(125.0, Unit::Mcg)]),
            ("125µg", &[(125.0, Unit::Mcg)]),
            ("125 ug", &[(125.0, Unit::Mcg)]),
            ("0.125 mg", &[(0.125, Unit::Mg)]),
            ("0,125 mg", &[(0.125, Unit::Mg)]),
            ("62,5 µg", &[(62.5, Unit::Mcg)]),
            ("62.5 mcg", &[(62.5, Unit::Mcg)]),
            ("1.500 mg", &[(1.5, Unit::Mg)]),
            ("1.000 µg", &[(1000.0, Unit::Mcg)]),
            ("45 mg", &[(45.0, Unit::Mg)]),
            ("100 micrograms", &[(100.0, Unit::Mcg)]),
            ("100mkg", &[(100.0, Unit::Mcg)]),
            ("1000 international units", &[(1000.0, Unit::Iu)]),
            ("10,000,000 iu", &[(10_000_000.0, Unit::Iu)]),
            ("25,000/1,000 iu", &[(25000.0, Unit::Iu), (1000.0, Unit::Iu)]),
            ("125 mcg (5,000 iu)", &[(125.0, Unit::Mcg), (5000.0, Unit::Iu)]),
            ("1000iu (25µg)", &[(1000.0, Unit::Iu), (25.0, Unit::Mcg)]),
            ("mk-7 100 mcg", &[(100.0, Unit::Mcg)]),
            ("d3 5000iu", &[(5000.0, Unit::Iu)]),
            ("60 softgels", &[]),
            ("b12 1000 mcg", &[(1000.0, Unit::Mcg)]),
            ("5000 iud", &[]),
            ("1 mgo", &[]),
            ("5,000 i.u.", &[(5000.0, Unit::Iu)]),
        ];
        for (text, want) in cases {
            assert_eq!(q(text), *want, "{text}");
        }
    }

    #[test]
    fn groups_dual_units() {
        let text = "125 mcg (5,000 iu) and 100 mcg";
        let mut qs = Vec::new();
        scan_quantities(text, &mut qs);
        let mut gs = Vec::new();
        group(text, &qs, 0.02, &mut gs);
        assert_eq!(gs.len(), 2);
        assert_eq!(gs[0].iu.map(|q| q.value), Some(5000.0));
        assert_eq!(gs[0].mass.map(|q| q.value), Some(125.0));
        assert!(gs[1].iu.is_none());
    }

    #[test]
    fn slash_groups_only_when_units_agree() {
        for (text, n) in [("25µg/1000iu", 1), ("5000 iu / 100 mcg", 2)] {
            let mut qs = Vec::new();
            scan_quantities(text, &mut qs);
            let mut gs = Vec::new();
            group(text, &qs, 0.02, &mut gs);
            assert_eq!(gs.len(), n, "{text}");
        }
    }
}
