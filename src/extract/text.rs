//! Text normalisation for matching: lowercase, one micro sign, plain spaces and hyphens, no
//! trademark signs. Keeps a map back to the original bytes so evidence quotes the label as written.

/// A normalised copy of one field, with offsets back into the original.
#[derive(Debug, Default, Clone)]
pub struct Norm {
    pub text: String,
    /// `map[i]` is the original byte offset of normalised byte `i`, plus one entry for the end.
    /// Empty while every byte maps to itself (the common, ASCII case), so it is built only once
    /// a replacement changes the length.
    map: Vec<u32>,
    src_len: u32,
    /// Some Cyrillic letter was seen (only then can a word mix scripts).
    cyrillic: bool,
}

impl Norm {
    pub fn new() -> Norm {
        Norm::default()
    }

    /// Normalises `src` into `self`, reusing the buffers.
    pub fn set(&mut self, src: &str) {
        self.text.clear();
        self.map.clear();
        self.src_len = src.len() as u32;
        self.cyrillic = false;
        let bytes = src.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            // A run of ASCII goes in at once, lowercased (a byte each way; offsets stay the
            // identity while no earlier character changed the length).
            let run_end = pos + ascii_run(&bytes[pos..]);
            if run_end > pos {
                let start = self.text.len();
                self.text.push_str(&src[pos..run_end]);
                self.text[start..].make_ascii_lowercase();
                if !self.map.is_empty() {
                    self.map.extend(pos as u32..run_end as u32);
                }
                pos = run_end;
                continue;
            }
            // `pos` follows ASCII or a whole character, so it is a char boundary.
            let Some(c) = src[pos..].chars().next() else { break };
            self.push_char(c, pos as u32);
            pos += c.len_utf8();
        }
        if !self.map.is_empty() {
            self.map.push(self.src_len);
        }
        self.fold_mixed_scripts();
    }

    /// Folds look-alike letters in words that mix Latin and Cyrillic ("МK-7" with a Latin K,
    /// "Bитамин" with a Latin B) into the script most of the word is written in, so that the
    /// vocabulary meets one script. Texts without Cyrillic are left as they are at once.
    fn fold_mixed_scripts(&mut self) {
        if !self.cyrillic || !mixed_word(&self.text) {
            return;
        }
        let old = std::mem::take(&mut self.text);
        let old_map = std::mem::take(&mut self.map);
        let orig = |j: usize| if old_map.is_empty() { j as u32 } else { old_map[j] };
        let mut word_start = 0;
        let chars: Vec<(usize, char)> = old.char_indices().collect();
        while word_start < chars.len() {
            let mut end = word_start;
            while end < chars.len() && chars[end].1.is_alphanumeric() {
                end += 1;
            }
            let word = &chars[word_start..end.max(word_start + 1)];
            let latin = word.iter().filter(|c| c.1.is_ascii_alphabetic()).count();
            let cyrillic = word.iter().filter(|c| is_cyrillic(c.1)).count();
            for &(j, c) in word {
                let folded = match (latin > 0 && cyrillic > 0, latin >= cyrillic) {
                    (true, true) => cyrillic_to_latin(c),
                    (true, false) => latin_to_cyrillic(c),
                    _ => c,
                };
                self.text.push(folded);
                self.map.extend(std::iter::repeat_n(orig(j), folded.len_utf8()));
            }
            word_start = end.max(word_start + 1);
        }
        self.map.push(self.src_len);
    }

    /// Appends the normalised form of `c`, found at original offset `off`.
    fn push_char(&mut self, c: char, off: u32) {
        self.cyrillic |= is_cyrillic(c);
        let mapped: Option<char> = match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            '\0'..='\x7f' => Some(c),
            '\u{3bc}' | '\u{39c}' | '\u{b5}' => Some('µ'),
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\u{2002}'..='\u{2005}' => Some(' '),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => Some('-'),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => Some('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => Some('"'),
            // Trademark signs and invisible characters vanish ("MenaQ7®" reads "menaq7").
            '®' | '™' | '©' | '\u{2120}' | '\u{feff}' | '\u{200b}' | '\u{ad}' => {
                self.start_map();
                return;
            }
            _ => None,
        };
        match mapped {
            Some(m) => self.push(m, off, c.len_utf8()),
            None => {
                let mut lower = c.to_lowercase();
                if lower.len() == 1 {
                    let l = lower.next().unwrap_or(c);
                    self.push(l, off, c.len_utf8());
                } else {
                    self.start_map();
                    for l in lower {
                        self.push(l, off, 0);
                    }
                }
            }
        }
    }

    /// Switches from identity offsets to an explicit map.
    fn start_map(&mut self) {
        if self.map.is_empty() {
            self.map.extend(0..self.text.len() as u32);
        }
    }

    /// Appends `c`, which stands for the `src_len` original bytes at `off`.
    fn push(&mut self, c: char, off: u32, src_len: usize) {
        let before = self.text.len();
        self.text.push(c);
        let added = self.text.len() - before;
        if self.map.is_empty() && added != src_len {
            self.start_map();
            self.map.truncate(before);
        }
        if !self.map.is_empty() {
            for _ in 0..added {
                self.map.push(off);
            }
        }
    }

    /// The original byte range of normalised range `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.map.is_empty() {
            let n = self.src_len as usize;
            return (start.min(n), end.min(n).max(start.min(n)));
        }
        let s = self.map.get(start).copied().unwrap_or(0) as usize;
        let e = if end >= self.map.len() { self.map.last().copied().unwrap_or(0) as usize } else { self.map[end] as usize };
        (s, e.max(s))
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// True when some word of `text` has both Latin and Cyrillic letters.
fn mixed_word(text: &str) -> bool {
    let (mut latin, mut cyrillic) = (false, false);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            latin = true;
        } else if is_cyrillic(c) {
            cyrillic = true;
        } else if !c.is_alphanumeric() {
            (latin, cyrillic) = (false, false);
        }
        if latin && cyrillic {
            return true;
        }
    }
    false
}

/// Lowercase Cyrillic letters that look like Latin ones, and back.
const LOOK_ALIKES: [(char, char); 12] = [
    ('а', 'a'),
    ('в', 'b'),
    ('с', 'c'),
    ('е', 'e'),
    ('н', 'h'),
    ('к', 'k'),
    ('м', 'm'),
    ('о', 'o'),
    ('р', 'p'),
    ('т', 't'),
    ('х', 'x'),
    ('у', 'y'),
];

fn cyrillic_to_latin(c: char) -> char {
    LOOK_ALIKES.iter().find(|p| p.0 == c).map_or(c, |p| p.1)
}

fn latin_to_cyrillic(c: char) -> char {
    LOOK_ALIKES.iter().find(|p| p.1 == c).map_or(c, |p| p.0)
}

/// The length of the run of ASCII bytes at the start of `b`, found eight bytes at a time (a
/// byte at a time it was most of `Norm::set`'s cost); agrees with
/// `b.iter().position(|c| !c.is_ascii()).unwrap_or(b.len())`, which a test checks.
fn ascii_run(b: &[u8]) -> usize {
    let mut i = 0;
    while let Some(w) = b[i..].first_chunk::<8>() {
        let high = u64::from_le_bytes(*w) & 0x8080_8080_8080_8080;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..].iter().take_while(|c| c.is_ascii()).count()
}

/// Cuts a quote to at most `max` characters, on a char boundary, with an ellipsis.
///
/// Builds every evidence string, so it avoids a second pass: a quote of at most `max` bytes
/// (most of them) has at most `max` characters and is copied as it is; a longer one is walked
/// only up to its `max`-th character. Must agree with `clip_reference` in the tests (what it
/// did before: count the characters, then copy).
pub fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        return s.to_string();
    }
    // Where the first `max - 1` characters end, and whether more than one character follows.
    let keep = max.saturating_sub(1);
    let cut = match s.char_indices().nth(keep) {
        Some((cut, c)) if max == 0 || cut + c.len_utf8() < s.len() => cut,
        // `max` characters or fewer.
        _ => return s.to_string(),
    };
    let mut out = String::with_capacity(cut + '…'.len_utf8());
    out.push_str(&s[..cut]);
    out.push('…');
    out
}

/// Quotes the original text behind a normalised range, widened to whole words.
pub fn quote(original: &str, norm: &Norm, start: usize, end: usize) -> String {
    let (s, e) = norm.original_range(start, end);
    let (s, e) = (s.min(original.len()), e.min(original.len()));
    let (mut s, mut e) = (floor_char(original, s), ceil_char(original, e));
    let bytes = original.as_bytes();
    while s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    while e < bytes.len() && bytes[e].is_ascii_alphanumeric() {
        e += 1;
    }
    // Keep a trailing closing parenthesis when the quote opened one (the byte after the quote
    // is tested first: it is rarely a ')', and then the quote need not be searched).
    let q = &bytes[s..e];
    if bytes.get(e) == Some(&b')') && q.contains(&b'(') && !q.contains(&b')') {
        return clip(&original[s..e + 1], 120);
    }
    clip(&original[s..e], 120)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// True when the byte at `i` (if any) is a letter or digit of a word.
pub fn is_word_byte(b: Option<u8>) -> bool {
    match b {
        Some(b) => b.is_ascii_alphanumeric() || b >= 0x80,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Norm::set` a character at a time (what it did before ASCII runs went in at once).
    fn set_reference(n: &mut Norm, src: &str) {
        n.text.clear();
        n.map.clear();
        n.src_len = src.len() as u32;
        n.cyrillic = false;
        for (off, c) in src.char_indices() {
            n.push_char(c, off as u32);
        }
        if !n.map.is_empty() {
            n.map.push(n.src_len);
        }
        n.fold_mixed_scripts();
    }

    proptest::proptest! {
        #[test]
        fn set_agrees_with_the_char_walk(src in "([A-Za-z0-9 ,.()-]|µ|μ|Μ|®|™|\u{a0}|–|’|“|İ|ß|Ö|\u{ad}|\u{200b}){0,60}") {
            let (mut a, mut b) = (Norm::new(), Norm::new());
            a.set(&src);
            set_reference(&mut b, &src);
            proptest::prop_assert_eq!(&a.text, &b.text);
            proptest::prop_assert_eq!(&a.map, &b.map);
            for i in 0..=a.text.len() {
                proptest::prop_assert_eq!(a.original_range(i, a.text.len()), b.original_range(i, b.text.len()));
            }
        }
    }

    #[test]
    fn mixed_script_words_fold_to_their_main_script() {
        let cases = [
            ("Витамин K2 МK-7", "витамин k2 mk-7"),
            ("Bитамин Д3", "витамин д3"),
            ("Витамин К2", "витамин к2"),
            ("Vitamin D3 1000 IU", "vitamin d3 1000 iu"),
            ("мягкие капсулы, D3", "мягкие капсулы, d3"),
        ];
        for (src, want) in cases {
            let mut n = Norm::new();
            n.set(src);
            assert_eq!(n.text, want, "{src}");
            // Every folded letter maps back to its own original character.
            let (a, b) = n.original_range(0, n.text.len());
            assert_eq!(&src[a..b], src, "{src}");
        }
        let mut n = Norm::new();
        n.set("Витамин МK-7");
        let start = n.text.find("mk").unwrap_or(0);
        let (a, b) = n.original_range(start, start + 4);
        assert_eq!(&"Витамин МK-7"[a..b], "МK-7");
    }

    #[test]
    fn normalises_and_maps_back() {
        let src = "125 μg (5,000\u{a0}IU) MenaQ7® – K2";
        let mut n = Norm::new();
        n.set(src);
        assert_eq!(n.text, "125 µg (5,000 iu) menaq7 - k2");
        let i = n.text.find("menaq7").unwrap();
        assert_eq!(quote(src, &n, i, i + 6), "MenaQ7®");
        let j = n.text.find("µg").unwrap();
        let (a, b) = n.original_range(j, j + "µg".len());
        assert_eq!(&src[a..b], "μg");
    }

    #[test]
    fn ascii_is_identity_and_odd_characters_map_back() {
        let mut n = Norm::new();
        n.set("Vitamin D3 5,000 IU");
        assert_eq!(n.text, "vitamin d3 5,000 iu");
        assert_eq!(n.original_range(8, 10), (8, 10));
        let src = "K2 – İstanbul ™ MK-7";
        n.set(src);
        let i = n.text.find("mk-7").unwrap();
        let (a, b) = n.original_range(i, i + 4);
        assert_eq!(&src[a..b], "MK-7");
    }

    #[test]
    fn ascii_run_stops_at_the_first_non_ascii_byte_wherever_it_is() {
        for len in 0..20 {
            for at in 0..=len {
                for high in [0x80u8, 0xc3, 0xd0, 0xff] {
                    let mut b: Vec<u8> = (0..len).map(|k| b"Vitamin D3, 5000 iu/"[k % 20]).collect();
                    if at < len {
                        b[at] = high;
                    }
                    let want = b.iter().position(|c| !c.is_ascii()).unwrap_or(b.len());
                    assert_eq!(ascii_run(&b), want, "{b:?}");
                }
            }
        }
    }

    /// `clip` as it was: count the characters, then copy.
    fn clip_reference(s: &str, max: usize) -> String {
        let s = s.trim();
        if s.chars().count() <= max {
            return s.to_string();
        }
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }

    /// `quote` as it was, with `clip_reference`.
    fn quote_reference(original: &str, norm: &Norm, start: usize, end: usize) -> String {
        let (s, e) = norm.original_range(start, end);
        let (s, e) = (s.min(original.len()), e.min(original.len()));
        let (mut s, mut e) = (floor_char(original, s), ceil_char(original, e));
        let bytes = original.as_bytes();
        while s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
            s -= 1;
        }
        while e < bytes.len() && bytes[e].is_ascii_alphanumeric() {
            e += 1;
        }
        let q = &original[s..e];
        if q.contains('(') && !q.contains(')') && original[e..].starts_with(')') {
            return clip_reference(&original[s..e + 1], 120);
        }
        clip_reference(q, 120)
    }

    #[test]
    fn clip_agrees_with_the_char_count_on_a_table() {
        let texts = [
            "",
            " ",
            "a",
            "  abc  ",
            "abcdef",
            "µ",
            "µµµµ",
            "aµ",
            "µa",
            "ab…",
            "\u{a0}x\u{a0}",
            "витамин д3",
            "Vitamin D3 (cholecalciferol) 125 µg",
            "日本語のテキスト",
            "🙂🙂🙂🙂🙂",
            "a🙂b🙂c🙂d",
        ];
        for t in texts {
            for max in 0..14 {
                assert_eq!(clip(t, max), clip_reference(t, max), "{t:?} {max}");
            }
            assert_eq!(clip(t, 120), clip_reference(t, 120), "{t:?}");
        }
        let long = "Vitamin D3 5000 IU, ".repeat(10);
        let long_ru = "витамин д3 2000 ме, ".repeat(10);
        for t in [long.as_str(), long_ru.as_str()] {
            for max in [0, 1, 59, 60, 61, 119, 120, 121, 199, 200, 201, 300] {
                assert_eq!(clip(t, max), clip_reference(t, max), "{t:?} {max}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn clip_agrees_with_the_char_count(s in "([a-z0-9 ()]|µ|д|\u{a0}|\t|日|🙂){0,40}", max in 0usize..45) {
            proptest::prop_assert_eq!(clip(&s, max), clip_reference(&s, max));
        }

        #[test]
        fn quote_agrees_with_the_reference(src in "([A-Za-z0-9 ,.()-]|µ|μ|®|™|\u{a0}|–|İ|ß|д|\u{ad}){0,160}", a in 0usize..200, b in 0usize..200) {
            let mut n = Norm::new();
            n.set(&src);
            let len = n.text.len();
            let (start, end) = (a.min(b).min(len), a.max(b).min(len));
            proptest::prop_assert_eq!(quote(&src, &n, start, end), quote_reference(&src, &n, start, end));
        }
    }

    #[test]
    fn clip_adds_ellipsis() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
