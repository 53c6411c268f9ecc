//! The label vocabulary: every word and phrase the extractor recognises, compiled once into one
//! compact trie, walked for the longest word at each start (so "nsf certified for sport" beats
//! "nsf certified" and "sunflower lecithin" beats "sunflower oil").

use std::sync::OnceLock;

use super::amount::Unit;
use super::text::is_word_byte;
use super::{Cert, DForm, DosageForm, KForm, Oil};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DAnchor {
    Form(DForm),
    /// "vitamin d" with no number.
    Generic,
    /// "25-hydroxy vitamin D", "25(OH)D": a blood test, not a form; swallows the words.
    BloodTest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KAnchor {
    Form(KForm),
    /// "vitamin k2", "menaquinone": K2 with no number.
    K2Generic,
    /// "vitamin k": could be K1 or K2.
    Generic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    D(DAnchor),
    K(KAnchor),
    /// Another nutrient: takes amounts so they are not pinned on D or K.
    OtherNutrient,
    Dosage(DosageForm),
    Oil(Oil),
    /// "from coconut oil" after MCT: the MCT's source, not a second oil.
    OilSource,
    /// Looks like an oil but is not a carrier (lecithin, flavour oils, MCT powder).
    NotOil,
    Cert(Cert),
    /// Looks like a certification but is not one ("USP-grade").
    NotCert,
    /// "No vitamin K": a negation that swallows the vitamin's name.
    NotVitamin,
    /// "free of", "contains no": opens a list of allergens.
    FreeOf,
    Allergen(Cert),
    Warfarin,
    /// A section heading of the label ("Warnings", "Other ingredients"): a section only where a
    /// colon follows or it stands alone on its line (`extract::sections`).
    Heading(Heading),
}

/// What a label section's heading announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// "Warnings", "Caution", "Warnhinweise"...: the label's warnings.
    Warnings,
    /// "Ingredients", "Other ingredients", "Zutaten"...: the ingredient list.
    Ingredients,
    /// "Directions", "Storage"...: a section that only ends the one before it.
    Other,
}

/// Whether a pattern must stand as a word on its left and right.
#[derive(Clone, Copy)]
struct Bounds {
    left: bool,
    right: bool,
}

const WORD: Bounds = Bounds { left: true, right: true };
const PREFIX: Bounds = Bounds { left: true, right: false };
/// Short codes like `d3`, `k2`: no letter before, no digit after ("d3k2" reads as two).
const CODE: Bounds = Bounds { left: true, right: true };

/// The vocabulary as data: `vocab.txt` (its header says the format).
const VOCAB_TXT: &str = include_str!("vocab.txt");

/// The meaning of a group header's first part, `d3` or `dosage softgel`.
fn meaning(name: &str) -> Option<Tok> {
    use Tok::*;
    let (head, arg) = name.split_once(' ').map_or((name, ""), |(h, a)| (h, a.trim()));
    Some(match (head, arg) {
        ("d3", "") => D(DAnchor::Form(DForm::D3)),
        ("d2", "") => D(DAnchor::Form(DForm::D2)),
        ("calcifediol", "") => D(DAnchor::Form(DForm::Calcifediol)),
        ("vitamin-d", "") => D(DAnchor::Generic),
        ("blood-test", "") => D(DAnchor::BloodTest),
        ("k1", "") => K(KAnchor::Form(KForm::K1)),
        ("mk-4", "") => K(KAnchor::Form(KForm::Mk4)),
        ("mk-7", "") => K(KAnchor::Form(KForm::Mk7)),
        ("mk-9", "") => K(KAnchor::Form(KForm::Mk9)),
        ("k2", "") => K(KAnchor::K2Generic),
        ("vitamin-k", "") => K(KAnchor::Generic),
        ("other-nutrient", "") => OtherNutrient,
        ("dosage", f) => Dosage(DosageForm::ALL.into_iter().find(|d| d.as_str() == f)?),
        ("oil", o) => Oil(super::Oil::ALL.into_iter().find(|x| x.as_str() == o)?),
        ("oil-source", "") => OilSource,
        ("not-oil", "") => NotOil,
        ("cert", c) => Cert(super::Cert::from_id(c)?),
        ("not-cert", "") => NotCert,
        ("free-of", "") => FreeOf,
        ("allergen", c) => Allergen(super::Cert::from_id(c)?),
        ("warfarin", "") => Warfarin,
        ("not-vitamin", "") => NotVitamin,
        ("section", "warnings") => Heading(self::Heading::Warnings),
        ("section", "ingredients") => Heading(self::Heading::Ingredients),
        ("section", "other") => Heading(self::Heading::Other),
        _ => return None,
    })
}

/// One group of `vocab.txt`: words of the trie, or spellings of an amount's unit.
#[derive(Clone, Copy)]
enum Group {
    Word(Tok, Bounds),
    Unit(Unit),
}

/// What `vocab.txt` holds: the trie's words with their tokens and bounds, and the unit spellings.
type Parsed = (Vec<(&'static str, Tok, Bounds)>, Vec<(&'static str, Unit)>);

/// Parses `vocab.txt` in file order, or names the first line that is not understood (1-based
/// line number and why).
fn parse_vocab(src: &'static str) -> Result<Parsed, String> {
    let mut out = Vec::new();
    let mut units = Vec::new();
    let mut group: Option<Group> = None;
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let (name, bounds) = rest.split_once(']').ok_or_else(|| format!("vocab.txt line {}: no `]`", n + 1))?;
            let name = name.trim();
            let unit = match name {
                "unit iu" => Some(Unit::Iu),
                "unit mcg" => Some(Unit::Mcg),
                "unit mg" => Some(Unit::Mg),
                _ => None,
            };
            let b = match bounds.trim() {
                "word" => WORD,
                "prefix" => PREFIX,
                "code" => CODE,
                "unit" => WORD,
                other => return Err(format!("vocab.txt line {}: unknown bounds {other:?}", n + 1)),
            };
            group = Some(match (unit, bounds.trim() == "unit") {
                (Some(u), true) => Group::Unit(u),
                (None, false) => {
                    Group::Word(meaning(name).ok_or_else(|| format!("vocab.txt line {}: unknown meaning {name:?}", n + 1))?, b)
                }
                _ => return Err(format!("vocab.txt line {}: a unit group needs `[unit iu|mcg|mg] unit`", n + 1)),
            });
            continue;
        }
        match group {
            Some(Group::Word(tok, b)) => out.push((line, tok, b)),
            Some(Group::Unit(u)) => units.push((line, u)),
            None => return Err(format!("vocab.txt line {}: a word before any `[meaning] bounds`", n + 1)),
        }
    }
    Ok((out, units))
}

/// The whole of `vocab.txt`, parsed once.
fn parsed() -> &'static Parsed {
    static P: OnceLock<Parsed> = OnceLock::new();
    // `vocab.txt` is part of the program, not input: a test parses it, so this cannot fail.
    P.get_or_init(|| parse_vocab(VOCAB_TXT).unwrap_or_else(|e| unreachable!("{e}")))
}

/// The spellings of amounts' units, in the order they are tried.
pub(super) fn unit_words() -> Vec<(&'static str, Unit)> {
    parsed().1.clone()
}

/// Every word of the vocabulary with its token and bounds, in the order of `Vocab::toks`.
fn entries() -> impl Iterator<Item = (&'static str, Tok, Bounds)> {
    parsed().0.iter().copied()
}

struct Vocab {
    /// The vocabulary as an anchored trie: see `Trie`.
    trie: Trie,
    toks: Vec<(Tok, Bounds)>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let patterns: Vec<&str> = entries().map(|(p, _, _)| p).collect();
        Vocab { trie: Trie::new(&patterns), toks: entries().map(|(_, tok, b)| (tok, b)).collect() }
    })
}

/// The vocabulary as a compact anchored trie, walked from each position where a word can start.
/// It replaced an anchored Aho-Corasick DFA of 2.2 MB, whose every step was a cache miss; this
/// takes about 40 KB. A walk from `p` can only find patterns that start at `p`.
struct Trie {
    /// Each byte's class: 0 for a byte no pattern has, else 1 + its rank among those that do
    /// (below 128: the vocabulary has 77 distinct bytes).
    class: [u8; 256],
    /// Node id (0: none) of the first two bytes of some pattern, at `class[a] << 7 | class[b]`
    /// (a fixed size, so the look-up needs no bounds check; only the rows of used classes are
    /// ever read). Every pattern has two bytes or more, so this is also the test of a start.
    first2: Box<[u16; 1 << 14]>,
    /// Nodes numbered breadth first, so that the children of a node are consecutive.
    nodes: Vec<Node>,
}

#[derive(Clone, Copy, Default)]
struct Node {
    /// Ids `first..first + kids` are the children, in increasing order of `byte`.
    first: u16,
    kids: u16,
    /// The byte that leads here from the parent.
    byte: u8,
    /// The pattern that ends here (index into `toks`) plus one, or 0; where two patterns are the
    /// same text, the first one.
    end: u16,
}

impl Trie {
    fn new(patterns: &[&str]) -> Trie {
        // A plain trie first, children by byte.
        let mut kids: Vec<std::collections::BTreeMap<u8, usize>> = vec![Default::default()];
        let mut ends: Vec<Option<usize>> = vec![None];
        for (id, p) in patterns.iter().enumerate() {
            let mut n = 0;
            for &b in p.as_bytes() {
                n = match kids[n].get(&b) {
                    Some(&c) => c,
                    None => {
                        let c = kids.len();
                        kids.push(Default::default());
                        ends.push(None);
                        kids[n].insert(b, c);
                        c
                    }
                };
            }
            ends[n].get_or_insert(id);
        }
        // Renumbered breadth first: `order[new] = old`.
        let mut order = vec![0usize];
        let mut nodes = vec![Node::default()];
        let mut i = 0;
        while i < order.len() {
            let old = order[i];
            nodes[i].first = to_u16(order.len());
            nodes[i].kids = to_u16(kids[old].len());
            nodes[i].end = ends[old].map_or(0, |id| to_u16(id + 1));
            for (&b, &c) in &kids[old] {
                order.push(c);
                nodes.push(Node { byte: b, ..Node::default() });
            }
            i += 1;
        }
        let mut used = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                used[b as usize] = true;
            }
        }
        let mut class = [0u8; 256];
        let mut classes = 1;
        for b in 0..256 {
            if used[b] {
                class[b] = classes as u8;
                classes += 1;
            }
        }
        assert!(classes <= 128, "the vocabulary has fewer than 128 distinct bytes");
        let mut first2 = Box::new([0u16; 1 << 14]);
        let root = nodes[0];
        for a in root.first..root.first + root.kids {
            let na = nodes[a as usize];
            for b in na.first..na.first + na.kids {
                first2[class2(&class, na.byte, nodes[b as usize].byte)] = b;
            }
        }
        Trie { class, first2, nodes }
    }

    /// The node of the two bytes at the start of a pattern, if some pattern starts with them.
    #[inline(always)]
    fn first2(&self, a: u8, b: u8) -> Option<u16> {
        let n = self.first2[class2(&self.class, a, b)];
        (n != 0).then_some(n)
    }

    /// The child of `n` by byte `c` (children are sorted by byte, and most nodes have one).
    #[inline(always)]
    fn child(&self, n: Node, c: u8) -> Option<u16> {
        let (mut k, end) = (n.first as usize, (n.first + n.kids) as usize);
        while k < end && self.nodes[k].byte < c {
            k += 1;
        }
        (k < end && self.nodes[k].byte == c).then_some(k as u16)
    }
}

/// The index in `Trie::first2` of the classes of `a` and `b`.
#[inline(always)]
fn class2(class: &[u8; 256], a: u8, b: u8) -> usize {
    (class[a as usize] as usize & 127) << 7 | class[b as usize] as usize & 127
}

/// A trie size as a node id; the vocabulary is a static table far below 65,536 nodes.
fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or_else(|_| unreachable!("the vocabulary trie has fewer than 65,536 nodes"))
}

/// One vocabulary hit in a normalised field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

/// Finds every vocabulary word in `text` (normalised), appending to `out`: at each position,
/// the longest pattern that stands as a word there, left to right, without overlaps.
///
/// Every pattern needs a non-letter on its left, so only positions after a non-letter are tried
/// (found eight bytes at a time), and of those only where the first two bytes begin some pattern
/// (one table look-up, which also gives the trie node to go on from); from each the trie follows
/// the text only as long as some pattern does (a byte or two for most words). A shorter pattern on the way counts when the longest one
/// does not end a word ("blood-thinning" in "blood-thinning medications").
pub fn scan(text: &str, out: &mut Vec<Hit>) {
    let v = vocab();
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Candidates come from a mask with bit 7 of lane `l` set when position `base + l` may start
    // a pattern; the first mask stands for the start of the text (as if a non-letter were
    // before it), each next one for the eight positions after the bytes at `next..next + 8`.
    let mut base = 0;
    let mut m: u64 = 0x80;
    let mut next = 0;
    loop {
        while m != 0 {
            let p = base + (m.trailing_zeros() / 8) as usize;
            m &= m - 1;
            if p + 1 >= n {
                return;
            }
            let Some(node) = v.trie.first2(bytes[p], bytes[p + 1]) else { continue };
            if let Some((tok, end)) = longest_at(v, bytes, p, node) {
                out.push(Hit { tok, start: p, end });
                // Go on from the end of the hit: the positions after bytes `end - 1..`.
                m = 0;
                next = end - 1;
            }
        }
        if next >= n {
            return;
        }
        m = non_letters(load8(&bytes[next..]));
        base = next + 1;
        next += 8;
    }
}

/// The eight bytes at the start of `b` as a little-endian word, zero-padded past its end (a zero
/// byte is a non-letter, and the positions after the end are never tried).
fn load8(b: &[u8]) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(w)
}

/// Bit 7 of each byte lane is set where that byte of `w` is not a letter, as the scan reads
/// letters: an ASCII letter of either case, or any byte >= 0x80 (part of a non-ASCII character).
/// Must agree with `is_letter` byte by byte (a test checks all 256 bytes in every lane).
fn non_letters(w: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn lanes(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // Case folded and bit 7 cleared, so that each sum below stays within its lane (<= 0x9e).
    let y = (w | lanes(0x20)) & LOW7;
    let ge_a = y + lanes(0x80 - b'a'); // bit 7 set where y >= 'a'
    let gt_z = y + lanes(0x80 - b'z' - 1); // bit 7 set where y > 'z'
    !(w | (ge_a & !gt_z)) & HI
}

/// A letter as the scan reads it: no pattern starts right after one.
fn is_letter(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// The longest pattern starting at `p` that stands as a word, following the trie from `node`
/// (that of the two bytes at `p`) only as long as some pattern does. A pattern ends at a node only
/// when it starts at `p`, so no length check is needed.
fn longest_at(v: &Vocab, bytes: &[u8], p: usize, mut node: u16) -> Option<(Tok, usize)> {
    let mut best = None;
    let mut j = p + 2;
    loop {
        let Some(&n) = v.trie.nodes.get(node as usize) else { return best };
        if n.end != 0 {
            let (tok, bounds) = v.toks[n.end as usize - 1];
            if stands_alone(bytes, p, j, tok, bounds) {
                best = Some((tok, j));
            }
        }
        let Some(next) = bytes.get(j).and_then(|&c| v.trie.child(n, c)) else { return best };
        node = next;
        j += 1;
    }
}

/// True when a match has the word boundaries its pattern needs.
fn stands_alone(bytes: &[u8], start: usize, end: usize, tok: Tok, b: Bounds) -> bool {
    let before = if start == 0 { None } else { Some(bytes[start - 1]) };
    let after = bytes.get(end).copied();
    let code = matches!(tok, Tok::D(_) | Tok::K(_)) && end - start <= 4;
    let left_ok = if code {
        // "k2d3", "5000iu/d3": a digit or punctuation before a short code is fine.
        !matches!(before, Some(c) if is_letter(c))
    } else {
        !b.left || !is_word_byte(before)
    };
    let right_ok = if code { !matches!(after, Some(c) if c.is_ascii_digit()) } else { !b.right || !is_word_byte(after) };
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle for `scan`: the vocabulary as a plain trie, whose walk from a position can only
    /// find patterns that start there. (As the scanner it measured 8 % slower than the DFA.)
    struct Trie {
        /// Each node's children by byte; node 0 is the root.
        kids: Vec<std::collections::BTreeMap<u8, usize>>,
        /// The pattern that ends at each node (index into `toks`); where two patterns are the
        /// same text, the first one.
        ends: Vec<Option<usize>>,
    }

    impl Trie {
        fn new(patterns: &[&str]) -> Trie {
            let mut t = Trie { kids: vec![Default::default()], ends: vec![None] };
            for (id, p) in patterns.iter().enumerate() {
                let mut n = 0;
                for &b in p.as_bytes() {
                    n = match t.kids[n].get(&b) {
                        Some(&c) => c,
                        None => {
                            t.kids.push(Default::default());
                            t.ends.push(None);
                            let c = t.kids.len() - 1;
                            t.kids[n].insert(b, c);
                            c
                        }
                    };
                }
                t.ends[n].get_or_insert(id);
            }
            t
        }
    }

    /// `scan` with the trie's walk: every pattern found starts where the walk starts.
    fn scan_with_trie(text: &str, out: &mut Vec<Hit>) {
        static T: OnceLock<Trie> = OnceLock::new();
        let trie = T.get_or_init(|| Trie::new(&entries().map(|(p, _, _)| p).collect::<Vec<_>>()));
        let v = vocab();
        let bytes = text.as_bytes();
        let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
        let mut i = 0;
        while i + 1 < bytes.len() {
            if i > 0 && letter(bytes[i - 1]) {
                i += 1;
                continue;
            }
            let mut best = None;
            let mut node = trie.kids[0].get(&bytes[i]).copied();
            let mut j = i;
            while let Some(n) = node {
                j += 1;
                if let Some(id) = trie.ends[n] {
                    let (tok, bounds) = v.toks[id];
                    if stands_alone(bytes, i, j, tok, bounds) {
                        best = Some((tok, j));
                    }
                }
                node = bytes.get(j).and_then(|b| trie.kids[n].get(b).copied());
            }
            match best {
                Some((tok, end)) => {
                    out.push(Hit { tok, start: i, end });
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    #[test]
    fn scan_finds_what_the_trie_finds_on_every_fixture_line() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut lines = 0;
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(bytes) = std::fs::read(e.path()) else { continue };
            for line in String::from_utf8_lossy(&bytes).lines() {
                let mut norm = crate::extract::text::Norm::default();
                norm.set(line);
                let (mut a, mut b) = (Vec::new(), Vec::new());
                scan(&norm.text, &mut a);
                scan_with_trie(&norm.text, &mut b);
                assert_eq!(a, b, "{line}");
                lines += 1;
            }
        }
        assert!(lines > 300, "fixtures not found ({lines} lines)");
    }

    #[test]
    fn scan_finds_every_pattern_alone_as_the_trie_does() {
        for (p, _, _) in entries() {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(p, &mut a);
            scan_with_trie(p, &mut b);
            assert_eq!(a, b, "{p}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_finds_what_the_trie_finds(text in "([a-z0-9 ,.()+/;-]|µ|ä|ö|vitamin |d3|d2|k2|k1|mk-4|mk-7|mk7|menaq7|mct|olive oil|coconut|nsf|usp|certified|verified|for sport|informed|warfarin|blood|thinn|iu |mcg |µg |softgel|capsule|tablet|tablette|kau|drops|liquid|cholecalciferol|ergocalciferol|menaquinone|phylloquinone|no vitamin k|gmp){0,60}") {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(&text, &mut a);
            scan_with_trie(&text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_finds_what_the_trie_finds_in_mixed_scripts(text in "([A-Za-z0-9 ,.;:!?()\\[\\]/+&%*'\"\n\t-]|µ|ä|ö|ü|ß|é|è|à|ç|ñ|д|к|м|и|ё|Д|К|\u{a0}|–|’|витамин |д3|к2|мк-7|капсулы|варфарин|vitamin |vitamine |vit. |d3|d-3|k2|k-2|k2d3|d3k2|5000iu/d3|iu/d3|25(oh)d|25-hydroxy|mk 7|mk7|menaq7|mct öl|mct-öl|weichkapseln|kautabletten|blutverdünn|tropfen|flüssig|gélules|comprimés|ménaquinone|cholécalciférol|soft gel|fl. oz|ml|no vitamin k|vitamin k antagonist|free of|gluten|soy|milk){0,50}") {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(&text, &mut a);
            scan_with_trie(&text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }

        #[test]
        fn scan_finds_what_the_trie_finds_in_any_normalised_text(text in "\\PC{0,80}") {
            let mut norm = crate::extract::text::Norm::default();
            norm.set(&text);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(&norm.text, &mut a);
            scan_with_trie(&norm.text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn scan_finds_what_the_trie_finds_on_a_table_of_texts() {
        let texts = [
            "",
            "d",
            "d3",
            "k2d3",
            "5000iu/d3",
            "5000 iu/d3 + 100µg/k2 (mk-7)",
            "d35 ad3 d3x d3-k2 (d3)",
            "vitamin d3 (cholecalciferol) 125 µg (5,000 iu), vitamin k2 (as menaquinone-7) 100 µg",
            "витамин д3 2000 ме, витамин к2 мк-7 100 мкг; мягкие капсулы",
            "vitamin d3 1000 i.e. + k2 mk-7 (menachinon-7), 60 weichkapseln, mct-öl, frei von gluten",
            "cholécalciférol, ménaquinone-7, gélules végétales, comprimés à croquer",
            "1 kautablette; brausetablette; lutschtabletten",
            "nsf certified for sport, usp-grade, blood-thinning medications, anticoagulants",
            "...d3...k2...mk7...",
            "ad3 ed3 éd3 дd3 1d3 -d3 _d3",
            "25(oh)d3 25-hydroxyvitamin d3 calcitriol",
            "liquid-filled softgels liquid filled capsule liquid",
            "abcdefgh d3 abcdefg d3 abcdefghi d3",
            "12345678d3",
            "1234567 d3",
            "a\u{a0}d3\tk2\nmk-7",
        ];
        for t in texts {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(t, &mut a);
            scan_with_trie(t, &mut b);
            assert_eq!(a, b, "{t}");
        }
    }

    #[test]
    fn scan_finds_what_the_trie_finds_around_every_pattern() {
        // Each pattern cut short, run on, glued to letters, digits and itself: the trie walk's
        // stops and terminal nodes against the oracle's.
        for (p, _, _) in entries() {
            let short = &p[..p.char_indices().last().map_or(0, |(i, _)| i)];
            let texts = [
                short.to_string(),
                format!("{p}s"),
                format!("{p}1"),
                format!("x{p}"),
                format!("1{p} "),
                format!("({p})"),
                format!("{p} {p},{p}"),
                format!("{p}{p}"),
                format!("{short} {p}-"),
            ];
            for t in &texts {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                scan(t, &mut a);
                scan_with_trie(t, &mut b);
                assert_eq!(a, b, "{t}");
            }
        }
    }

    #[test]
    fn first2_is_exactly_the_two_byte_starts() {
        let t = &vocab().trie;
        let starts: std::collections::BTreeSet<(u8, u8)> = entries()
            .filter_map(|(p, _, _)| match p.as_bytes() {
                [a, b, ..] => Some((*a, *b)),
                _ => None,
            })
            .collect();
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(t.first2(a, b).is_some(), starts.contains(&(a, b)), "{a:#x} {b:#x}");
            }
        }
    }

    #[test]
    fn non_letters_agrees_with_is_letter_in_every_lane() {
        for lane in 0..8 {
            for b in 0..=255u8 {
                for fill in [0u8, b' ', b'a', b'Z', b'0', 0x80, 0xff, b'z' + 1, b'a' - 1] {
                    let mut w = [fill; 8];
                    w[lane] = b;
                    let m = non_letters(u64::from_le_bytes(w));
                    for (k, &x) in w.iter().enumerate() {
                        assert_eq!(m >> (8 * k + 7) & 1 == 1, !is_letter(x), "byte {x:#x} in lane {k}");
                    }
                    assert_eq!(m & !0x8080_8080_8080_8080, 0);
                }
            }
        }
    }

    #[test]
    fn vocab_txt_parses_and_names_every_meaning() {
        let (words, units) = parse_vocab(VOCAB_TXT).unwrap_or_else(|e| panic!("{e}"));
        assert!(words.len() > 1000 && units.len() > 30, "{} words, {} units", words.len(), units.len());
        for (w, _) in &units {
            assert!(*w == w.to_lowercase() && !w.contains(' ') || w.starts_with("international"), "{w:?}");
        }
        for bad in ["[nonsense] word\nx", "x", "[d3] sideways\nx", "[unit iu] word\nx", "[d3 code\nx"] {
            assert!(parse_vocab(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_word_is_lowercase_and_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for (w, _, _) in entries() {
            assert!(w.len() >= 2 && w == w.to_lowercase(), "{w:?}");
            assert!(seen.insert(w), "{w:?} is listed twice");
        }
    }

    #[test]
    fn a_pattern_inside_a_longer_word_is_no_hit() {
        // The DFA walk took "tablette" ending "kautablette" for a tablet starting at "kau".
        assert_eq!(toks("1 kautablette;"), vec![Tok::Dosage(DosageForm::Chewable)]);
        assert!(toks("1 brausetablette;").is_empty());
        assert_eq!(toks("1 lutschtablette;"), vec![Tok::Dosage(DosageForm::Lozenge)]);
        assert_eq!(toks("1 tablette;"), vec![Tok::Dosage(DosageForm::Tablet)]);
    }

    fn toks(s: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        scan(s, &mut out);
        out.into_iter().map(|h| h.tok).collect()
    }

    #[test]
    fn longest_phrase_wins() {
        assert_eq!(toks("nsf certified for sport"), vec![Tok::Cert(Cert::NsfSport)]);
        assert_eq!(toks("sunflower lecithin"), vec![Tok::NotOil]);
        assert_eq!(toks("nsf gmp registered"), vec![Tok::Cert(Cert::Gmp)]);
        assert_eq!(toks("usp-grade"), vec![Tok::NotCert]);
        assert_eq!(toks("vitamin k antagonist"), vec![Tok::Warfarin]);
    }

    #[test]
    fn codes_need_boundaries() {
        assert_eq!(toks("d3k2"), vec![Tok::D(DAnchor::Form(DForm::D3)), Tok::K(KAnchor::K2Generic)]);
        assert!(toks("ad3x").is_empty());
        assert_eq!(toks("veg capsule"), vec![Tok::Dosage(DosageForm::Capsule)]);
        assert!(toks("d35").is_empty());
        assert_eq!(toks("vitamin d3+k2"), vec![Tok::D(DAnchor::Form(DForm::D3)), Tok::K(KAnchor::K2Generic)]);
    }
}
