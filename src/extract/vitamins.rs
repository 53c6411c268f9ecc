//! Vitamin mentions in free text and the amounts that belong to them.
//!
//! Labels write "Vitamin D3 125 mcg (5,000 IU)", "5000 IU D3 + 100 mcg K2", "D3 + K2 5000 IU /
//! 100 mcg" and "Vitamin A & D-3 25,000/1,000 IU". Mentions of one vitamin that follow each other
//! ("Vitamin K2 (as MK-7, MenaQ7)") are one mention; amounts are then paired with mentions by
//! list position, by adjacency, and by the direction the clause is written in.

use super::amount::{AmountGroup, D_MCG_MOST, K_MCG_MOST, Quantity, group, scan_quantities};
use super::vocab::{DAnchor, Hit, KAnchor, Tok};
use super::{DForm, KForms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    D,
    K,
    Other,
}

#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub family: Family,
    pub d3: bool,
    pub d2: bool,
    pub calcifediol: bool,
    pub k_forms: KForms,
    /// "vitamin k2" / "menaquinone" without a number.
    pub k2_generic: bool,
    /// A carrier oil ("coconut oil"): it may take a mass, never an IU amount.
    pub oil: bool,
    pub start: usize,
    pub end: usize,
    pub amount: Option<AmountGroup>,
    /// One amount the text gives to this vitamin and another together ("K2 and D3, 100 mcg"):
    /// whose it is cannot be told, so it is nobody's.
    pub shared: Option<AmountGroup>,
}

impl Mention {
    fn new(family: Family, start: usize, end: usize) -> Mention {
        Mention {
            family,
            d3: false,
            d2: false,
            calcifediol: false,
            k_forms: KForms::default(),
            k2_generic: false,
            oil: false,
            start,
            end,
            amount: None,
            shared: None,
        }
    }

    fn absorb(&mut self, tok: Tok, end: usize) {
        match tok {
            Tok::D(DAnchor::Form(DForm::D3)) => self.d3 = true,
            Tok::D(DAnchor::Form(DForm::D2)) => self.d2 = true,
            Tok::D(DAnchor::Form(DForm::Calcifediol)) => self.calcifediol = true,
            Tok::K(KAnchor::Form(f)) => self.k_forms.insert(f),
            Tok::K(KAnchor::K2Generic) => self.k2_generic = true,
            _ => {}
        }
        self.end = self.end.max(end);
    }
}

fn family(tok: Tok) -> Option<Family> {
    match tok {
        Tok::D(DAnchor::BloodTest) => None,
        Tok::D(_) => Some(Family::D),
        Tok::K(_) => Some(Family::K),
        Tok::OtherNutrient | Tok::Oil(_) => Some(Family::Other),
        _ => None,
    }
}

/// Reusable buffers for one field's analysis.
#[derive(Default)]
pub struct VitaminScratch {
    pub mentions: Vec<Mention>,
    quantities: Vec<Quantity>,
    groups: Vec<AmountGroup>,
    clause_ends: Vec<usize>,
    assign: AssignScratch,
}

/// [`assign`]'s working lists, kept between calls so that a field costs no allocation.
#[derive(Default)]
struct AssignScratch {
    clause_of_mention: Vec<usize>,
    clause_of_group: Vec<usize>,
    has_mention: Vec<bool>,
    merged_into: Vec<usize>,
    events: Vec<(usize, bool, usize)>,
    used: Vec<bool>,
}

/// Finds the vitamin mentions of one normalised text and gives them their amounts.
/// With `want_amounts` false only the mentions are built (cheaper: for fields that cannot carry
/// amounts that matter).
pub fn analyse(text: &str, hits: &[Hit], tolerance: f64, s: &mut VitaminScratch) {
    s.mentions.clear();
    s.quantities.clear();
    s.groups.clear();
    s.clause_ends.clear();
    for h in hits {
        let Some(fam) = family(h.tok) else { continue };
        if let Some(last) = s.mentions.last_mut() {
            let gap = &text[last.end.min(h.start)..h.start];
            if last.family == fam
                && fam != Family::Other
                && gap.len() <= 24
                && !gap.contains(['.', ';', '|', '\n'])
                && !gap_has_digit(gap)
                && !new_row(text, gap, h.start)
            {
                last.absorb(h.tok, h.end);
                continue;
            }
        }
        let mut m = Mention::new(fam, h.start, h.end);
        m.oil = matches!(h.tok, Tok::Oil(_));
        m.absorb(h.tok, h.end);
        s.mentions.push(m);
    }
    if s.mentions.iter().all(|m| m.family == Family::Other) {
        return;
    }
    scan_quantities(text, &mut s.quantities);
    if s.quantities.is_empty() {
        return;
    }
    group(text, &s.quantities, tolerance, &mut s.groups);
    // Clause ends after the last mention or amount starts change no clause number `assign` reads.
    let last_start = s.mentions.iter().map(|m| m.start).chain(s.groups.iter().map(|g| g.start)).max().unwrap_or(0);
    clause_ends(text, last_start, &mut s.clause_ends);
    assign(text, s);
}

/// "(as phytonadione) Vitamin K2": a vitamin's name after a closed parenthesis starts the next
/// row of a one-line nutrient list, not more about the last one ("(as MK-7) (MenaQ7)" is more).
fn new_row(text: &str, gap: &str, start: usize) -> bool {
    gap.contains(')')
        && !gap.trim_end().ends_with('(')
        && ["vit", "wit", "вит", "βιτ"].iter().any(|p| text.get(start..).is_some_and(|t| t.starts_with(p)))
}

fn gap_has_digit(gap: &str) -> bool {
    gap.bytes().any(|b| b.is_ascii_digit())
}

/// Byte offsets where clauses end: sentence ends, `;`, `|`, line breaks, spaced dashes.
/// A period that ends an abbreviation ("1,000 I.U. of", "vit. D3", "approx. 5") ends no clause.
fn abbreviation_before(b: &[u8], dot: usize) -> bool {
    let start = b[..dot].iter().rposition(|c| !c.is_ascii_alphabetic()).map_or(0, |p| p + 1);
    let word = &b[start..dot];
    word.len() == 1
        || matches!(word, b"vit" | b"approx" | b"ca" | b"incl" | b"mcg" | b"mg" | b"no" | b"nr" | b"ggf" | b"bzw" | b"fl" | b"oz")
}

/// Bytes that may end a clause (see [`clause_ends`]).
static CLAUSE_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    t[b';' as usize] = true;
    t[b'|' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'.' as usize] = true;
    t[b'-' as usize] = true;
    t
};

/// The clause ends before `until`, then the end of the text. (Clause numbers of positions up to
/// `until` are the same as with every end listed.)
fn clause_ends(text: &str, until: usize, out: &mut Vec<usize>) {
    let b = text.as_bytes();
    for i in 0..b.len().min(until) {
        if !CLAUSE_BYTE[b[i] as usize] {
            continue;
        }
        let end = match b[i] {
            b';' | b'|' | b'\n' | b'\r' => true,
            b'.' => b.get(i + 1).is_none_or(|c| *c == b' ') && !abbreviation_before(b, i),
            b'-' => i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' '),
            _ => false,
        };
        if end {
            out.push(i);
        }
    }
    out.push(text.len());
}

fn clause_of(ends: &[usize], pos: usize) -> usize {
    ends.partition_point(|&e| e < pos)
}

fn assign(text: &str, s: &mut VitaminScratch) {
    let AssignScratch { clause_of_mention, clause_of_group, has_mention, merged_into, events, used } = &mut s.assign;
    // Clauses holding amounts but no mention join the clause before them ("D3 + K2 - 5000 IU").
    clause_of_mention.clear();
    clause_of_mention.extend(s.mentions.iter().map(|m| clause_of(&s.clause_ends, m.start)));
    clause_of_group.clear();
    clause_of_group.extend(s.groups.iter().map(|g| clause_of(&s.clause_ends, g.start)));
    let n_clauses = s.clause_ends.len();
    has_mention.clear();
    has_mention.resize(n_clauses + 1, false);
    for &c in clause_of_mention.iter() {
        has_mention[c] = true;
    }
    merged_into.clear();
    merged_into.extend(0..=n_clauses);
    for c in 1..=n_clauses {
        if !has_mention[c] {
            merged_into[c] = merged_into[c - 1];
        }
    }
    for c in clause_of_mention.iter_mut().chain(clause_of_group.iter_mut()) {
        *c = merged_into[*c];
    }

    // Events of each clause in text order: (start, is_mention, index).
    events.clear();
    events.extend(s.mentions.iter().enumerate().map(|(i, m)| (m.start, true, i)));
    events.extend(s.groups.iter().enumerate().map(|(i, g)| (g.start, false, i)));
    events.sort_unstable_by_key(|e| e.0);
    let (clause_of_mention, clause_of_group, events) = (&*clause_of_mention, &*clause_of_group, &*events);
    let clause = |e: &(usize, bool, usize)| if e.1 { clause_of_mention[e.2] } else { clause_of_group[e.2] };

    used.clear();
    used.resize(s.groups.len(), false);
    // 1. Lists: n mentions in a row followed by n amounts in a row pair up in order.
    pair_lists(events, &clause, &mut s.mentions, &s.groups, used);

    // 2. Each remaining amount goes to an adjacent mention, else in the clause's direction.
    for ei in 0..events.len() {
        let (_, is_m, gi) = events[ei];
        if is_m || used[gi] {
            continue;
        }
        let c = clause(&events[ei]);
        let g = s.groups[gi];
        let free = |m: &Mention| m.amount.is_none() && !(m.oil && g.iu.is_some());
        let prev = events[..ei].iter().rev().take_while(|e| clause(e) == c).find(|e| e.1).map(|e| e.2);
        let next = events[ei + 1..].iter().take_while(|e| clause(e) == c).find(|e| e.1).map(|e| e.2);
        let prev_adj = prev.filter(|&mi| free(&s.mentions[mi]) && adjacent_before(text, s.mentions[mi].end, g.start));
        let next_adj = next.filter(|&mi| free(&s.mentions[mi]) && adjacent_after(text, g.end, s.mentions[mi].start));
        let first_is_amount = events.iter().find(|e| clause(e) == c).is_some_and(|e| !e.1);
        let mut target = match (prev_adj, next_adj) {
            (Some(p), None) => Some(p),
            (None, Some(n)) => Some(n),
            (Some(p), Some(n)) => Some(if first_is_amount { n } else { p }),
            (None, None) => {
                let back = events[..ei].iter().rev().filter(|e| e.1 && clause(e) == c).map(|e| e.2).find(|&mi| free(&s.mentions[mi]));
                let fwd = events[ei + 1..].iter().filter(|e| e.1 && clause(e) == c).map(|e| e.2).find(|&mi| free(&s.mentions[mi]));
                if first_is_amount { fwd.or(back) } else { back.or(fwd) }
            }
        };
        // A %DV between a mention and an amount closes the mention's row: the amount is the next
        // row's ("Vitamin D3 125% DiosVein 900 mg"), unless the text puts them side by side.
        if let Some(t) = target
            && prev_adj != Some(t)
            && next_adj != Some(t)
            && percent_between(text, &s.mentions[t], &g)
        {
            target = None;
        }
        // One amount right after "D3 and K2" (or before it) belongs to both or either: nobody's.
        // With an IU it is vitamin D's (vitamin K has no IU).
        if target.is_some()
            && g.iu.is_none()
            && let Some((a, b)) = shared_run(text, events, ei, &g, &|e| clause(e) == c, &s.mentions)
        {
            for e in &events[a..b] {
                if e.1 && s.mentions[e.2].family != Family::Other && s.mentions[e.2].amount.is_none() {
                    s.mentions[e.2].shared = Some(g);
                }
            }
            used[gi] = true;
            continue;
        }
        // An amount that would be implausible for the vitamin is not its amount when the clause
        // names another nutrient or the text does not put them side by side ("Calcium Plus
        // Vitamin D3, 600 mg": the 600 mg is calcium's).
        if let Some(t) = target
            && implausible_for(s.mentions[t].family, &g)
            && (prev_adj != Some(t) && next_adj != Some(t)
                || events.iter().any(|e| e.1 && clause(e) == c && s.mentions[e.2].family == Family::Other))
        {
            target = None;
        }
        // An amount with an IU is vitamin D's (or another vitamin's), never K's, when the clause
        // names vitamin D.
        if let Some(t) = target
            && s.mentions[t].family == Family::K
            && g.iu.is_some()
        {
            let d = events
                .iter()
                .filter(|e| e.1 && clause(e) == c && s.mentions[e.2].family == Family::D)
                .map(|e| e.2)
                .find(|&mi| free(&s.mentions[mi]));
            if d.is_some() {
                target = d;
            }
        }
        if let Some(t) = target
            && s.mentions[t].amount.is_none()
        {
            s.mentions[t].amount = Some(g);
            used[gi] = true;
        }
    }
}

/// Pass 1 of [`assign`]: n mentions in a row followed by n amounts in a row pair up in order.
fn pair_lists(
    events: &[(usize, bool, usize)],
    clause: &dyn Fn(&(usize, bool, usize)) -> usize,
    mentions: &mut [Mention],
    groups: &[AmountGroup],
    used: &mut [bool],
) {
    let mut i = 0;
    while i < events.len() {
        let c = clause(&events[i]);
        let mut j = i;
        while j < events.len() && events[j].1 && clause(&events[j]) == c {
            j += 1;
        }
        let mut k = j;
        while k < events.len() && !events[k].1 && clause(&events[k]) == c {
            k += 1;
        }
        let m = k - j;
        // "Cod liver oil, Vitamin A & D-3 25,000/1,000 IU": the last m mentions take the m amounts.
        // Carrier oils are not list items ("D3 K2 with Coconut Oil 5000 IU 100mcg").
        let listed = events[i..j].iter().filter(|e| !mentions[e.2].oil).count();
        if m >= 2 && listed >= m {
            let (mut t, mut e) = (m, j);
            while t > 0 && e > i {
                e -= 1;
                let mi = events[e].2;
                if mentions[mi].oil {
                    continue;
                }
                t -= 1;
                let gi = events[j + t].2;
                mentions[mi].amount = Some(groups[gi]);
                used[gi] = true;
            }
        }
        i = if j > i { j.max(i + 1) } else { i + 1 };
    }
}

/// True when a `%` stands between a mention and an amount (either order).
fn percent_between(text: &str, m: &Mention, g: &AmountGroup) -> bool {
    let (a, b) = if m.end <= g.start { (m.end, g.start) } else { (g.end, m.start) };
    a < b && text[a..b].contains('%')
}

/// A mass of vitamin D above 100,000 IU (2.5 mg) or of vitamin K above 50 mg per serving: no
/// product holds that much; labels that seem to are read wrong (the bounds of a `d.ddd` mass's
/// thousands reading, the same as DATA-IMPLAUSIBLE's defaults).
fn implausible_for(f: Family, g: &AmountGroup) -> bool {
    if g.iu.is_some() {
        return false;
    }
    let Some(mcg) = g.mass.and_then(|q| if f == Family::D { q.d_mcg() } else { q.k_mcg() }) else { return false };
    match f {
        Family::D => mcg > D_MCG_MOST,
        Family::K => mcg > K_MCG_MOST,
        Family::Other => false,
    }
}

/// Words that join the names of a list: "D3 and K2", "K2 + D3", "D3, K2", "D3 und K2".
fn joins_names(gap: &str) -> bool {
    let g = gap.trim_matches(|c: char| c == ' ' || c == '(' || c == ')');
    matches!(g, "" | "&" | "+" | "," | "/" | "and" | "und" | "et" | "y" | "e" | "i" | "a" | "en" | "и" | "&amp;" | "plus" | "with")
}

/// The events `a..b` of a run of vitamin mentions that an amount (event `ei`) stands right
/// after or right before, when the run names both vitamin D and vitamin K and is joined as one
/// list: the amount is then the run's, not one vitamin's.
fn shared_run(
    text: &str,
    events: &[(usize, bool, usize)],
    ei: usize,
    g: &AmountGroup,
    same_clause: &dyn Fn(&(usize, bool, usize)) -> bool,
    mentions: &[Mention],
) -> Option<(usize, usize)> {
    let is_vit = |e: &(usize, bool, usize)| e.1 && same_clause(e) && mentions[e.2].family != Family::Other;
    // Mentions before the amount.
    let mut a = ei;
    while a > 0 && is_vit(&events[a - 1]) {
        a -= 1;
    }
    let before = (a < ei).then_some((a, ei));
    let mut b = ei + 1;
    while b < events.len() && is_vit(&events[b]) {
        b += 1;
    }
    let after = (b > ei + 1).then_some((ei + 1, b));
    let before = before.filter(|&(_, b)| adjacent_before(text, mentions[events[b - 1].2].end, g.start));
    let after = after.filter(|&(a, _)| adjacent_after(text, g.end, mentions[events[a].2].start));
    [before, after].into_iter().flatten().find(|&(a, b)| {
        let run = &events[a..b];
        let has = |f: Family| run.iter().any(|e| mentions[e.2].family == f);
        // A vitamin whose amount the clause already gave ("D3 5,000 IU as cholecalciferol and
        // K2 90 mcg") does not compete for this one.
        let open = |f: Family| !events.iter().any(|e| e.1 && same_clause(e) && mentions[e.2].family == f && mentions[e.2].amount.is_some());
        has(Family::D)
            && has(Family::K)
            && open(Family::D)
            && open(Family::K)
            && run.windows(2).all(|w| {
                let (x, y) = (&mentions[w[0].2], &mentions[w[1].2]);
                x.end <= y.start && joins_names(&text[x.end..y.start])
            })
    })
}

/// Only spaces, colons, parentheses, commas or a dash between the end of a mention and an amount.
fn adjacent_before(text: &str, mention_end: usize, amount_start: usize) -> bool {
    if mention_end > amount_start {
        return false;
    }
    let gap = &text[mention_end..amount_start];
    gap.len() <= 8 && gap.bytes().all(|b| matches!(b, b' ' | b':' | b'(' | b')' | b',' | b'-' | b'=' | b'\t'))
}

/// "5000 IU D3", "100 mcg of K2", "100 mcg as MK-7".
fn adjacent_after(text: &str, amount_end: usize, mention_start: usize) -> bool {
    if amount_end > mention_start {
        return false;
    }
    let gap = text[amount_end..mention_start].trim_matches(|c: char| c == ' ' || c == ')' || c == '(');
    matches!(gap, "" | "of" | "as" | "of the" | "of natural" | "of vegan")
}

#[cfg(test)]
mod tests {
    use super::super::vocab::scan;
    use super::*;

    /// (text, D amount in IU or mass, K amounts) — a compact view of the pairing.
    fn pairs(text: &str) -> (Option<f64>, Vec<f64>) {
        let mut hits = Vec::new();
        scan(text, &mut hits);
        let mut s = VitaminScratch::default();
        analyse(text, &hits, 0.02, &mut s);
        let d = s
            .mentions
            .iter()
            .filter(|m| m.family == Family::D)
            .find_map(|m| m.amount)
            .map(|g| g.iu.map(|q| q.value).or_else(|| g.mass.and_then(|q| q.mcg()).map(|m| m * 40.0)).unwrap_or(-1.0));
        let k = s
            .mentions
            .iter()
            .filter(|m| m.family == Family::K)
            .filter_map(|m| m.amount)
            .filter_map(|g| g.mass.and_then(|q| q.mcg()))
            .collect();
        (d, k)
    }

    /// `clause_ends` as first written: every byte through the match, to the end of the text.
    fn clause_ends_reference(text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        for i in 0..b.len() {
            let end = match b[i] {
                b';' | b'|' | b'\n' | b'\r' => true,
                b'.' => b.get(i + 1).is_none_or(|c| *c == b' ') && !abbreviation_before(b, i),
                b'-' => i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' '),
                _ => false,
            };
            if end {
                out.push(i);
            }
        }
        out.push(text.len());
        out
    }

    proptest::proptest! {
        #[test]
        fn clause_numbers_agree_up_to_the_last_event(text in "([a-z0-9 ;|.-]|\n|\r|vit\\. |i\\.u\\. |µ){0,30}", until in 0usize..80) {
            let full = clause_ends_reference(&text);
            let mut cut = Vec::new();
            clause_ends(&text, until, &mut cut);
            if until >= text.len() {
                proptest::prop_assert_eq!(&cut, &full);
            }
            for pos in 0..=until.min(text.len()) {
                proptest::prop_assert_eq!(clause_of(&cut, pos), clause_of(&full, pos));
            }
        }
    }

    #[test]
    fn scratch_reuse_changes_nothing() {
        // One scratch through many texts gives what a fresh scratch gives for each.
        let texts = [
            "vitamin d3 5000 iu + k2 100 mcg",
            "vitamin a & d-3 25,000/1,000 iu",
            "d3 k2 drops - 1000 iu d3 + 100 mcg k2 per 2 drops",
            "vitamin k1 100 mcg, vitamin k2 mk-7 200 mcg",
            "each softgel provides 5,000 iu of vitamin d3 and 100 mcg of vitamin k2 as mk-7",
        ];
        let mut shared = VitaminScratch::default();
        for _ in 0..2 {
            for text in texts {
                let mut hits = Vec::new();
                scan(text, &mut hits);
                let mut fresh = VitaminScratch::default();
                analyse(text, &hits, 0.02, &mut fresh);
                analyse(text, &hits, 0.02, &mut shared);
                assert_eq!(format!("{:?}", shared.mentions), format!("{:?}", fresh.mentions), "{text}");
            }
        }
    }

    #[test]
    fn pairing_cases() {
        let cases: &[(&str, Option<f64>, &[f64])] = &[
            ("vitamin d3 (as cholecalciferol) 125 mcg (5,000 iu), vitamin k2 (as mk-7, menaq7) 100 mcg", Some(5000.0), &[100.0]),
            ("vitamin d3 5000 iu + k2 100 mcg", Some(5000.0), &[100.0]),
            ("5000 iu vitamin d3 with 100 mcg k2 mk-7", Some(5000.0), &[100.0]),
            ("vitamin d3 + k2 5000 iu / 100 mcg", Some(5000.0), &[100.0]),
            ("vitamin a & d-3 25,000/1,000 iu", Some(1000.0), &[]),
            ("each softgel provides 5,000 iu of vitamin d3 and 100 mcg of vitamin k2 as mk-7", Some(5000.0), &[100.0]),
            ("d3 k2 drops - 1000 iu d3 + 100 mcg k2 per 2 drops", Some(1000.0), &[100.0]),
            ("d3 5000 iu k2 100 mcg", Some(5000.0), &[100.0]),
            ("nature's way d3 + k2 - 5000 iu", Some(5000.0), &[]),
            ("vitamin k1 100 mcg, vitamin k2 mk-7 200 mcg", None, &[100.0, 200.0]),
            ("vitamin d3 125 µg, vitamin k2 (menachinon-7, menaq7) 100 µg, mct-öl", Some(5000.0), &[100.0]),
            ("mct oil 500 mg, vitamin d3 25 mcg", Some(1000.0), &[]),
            ("k2 + d3 100mcg/5000iu", Some(5000.0), &[100.0]),
            ("cod liver oil vitamin a & d-3 25,000/1,000 iu, 100 softgels", Some(1000.0), &[]),
            ("each capsule provides 1,000 i.u. of vitamin d3. a convenient daily supplement.", Some(1000.0), &[]),
            ("vitamin d 3,000 iu + k2 mk-7 100 mcg", Some(3000.0), &[100.0]),
        ];
        for (text, d, k) in cases {
            let (gd, gk) = pairs(text);
            assert_eq!(gd, *d, "D of {text}");
            assert_eq!(gk, k.to_vec(), "K of {text}");
        }
    }
}
