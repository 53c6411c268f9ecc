//! Decoding: UTF-8 (with or without BOM), UTF-16 (BOM), Windows-1252, Windows-1250 (Central
//! European) or Windows-1251 (Cyrillic) for the whole file, Windows-1252 for one record inside a UTF-8 file, and repair of
//! double-encoded UTF-8 (`125 Âµg`, `MenaQ7Â®`).

use std::borrow::Cow;

use encoding_rs::{WINDOWS_1250, WINDOWS_1251, WINDOWS_1252};

/// The single-byte code page a whole file is written in; `None` for a Unicode file.
pub type CodePage = Option<&'static encoding_rs::Encoding>;

/// A catalogue's text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    /// Cyrillic Windows, as Excel saves a CSV on a Russian, Ukrainian or Bulgarian system.
    Windows1251,
    /// Central European Windows, as Excel saves a CSV on a Polish, Czech or Hungarian system.
    Windows1250,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8 (BOM)",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Windows1251 => "windows-1251",
            Encoding::Windows1250 => "windows-1250",
        }
    }

    /// The code page of a single-byte file, whose every field is decoded with it.
    pub fn code_page(self) -> CodePage {
        match self {
            Encoding::Windows1252 => Some(WINDOWS_1252),
            Encoding::Windows1251 => Some(WINDOWS_1251),
            Encoding::Windows1250 => Some(WINDOWS_1250),
            _ => None,
        }
    }

    /// Parses an `--encoding` value.
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16" | "utf16" | "utf-16le" | "utf16le" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" | "windows1252" => Some(Encoding::Windows1252),
            "windows-1251" | "cp1251" | "windows1251" => Some(Encoding::Windows1251),
            "windows-1250" | "cp1250" | "windows1250" => Some(Encoding::Windows1250),
            _ => None,
        }
    }
}

/// Detects the encoding from the first bytes of a file.
pub fn sniff_encoding(head: &[u8], at_eof: bool) -> Encoding {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8Bom;
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    // UTF-16 without BOM: every other byte of ASCII text is NUL.
    if head.len() >= 8 {
        let n = head.len().min(512) / 2 * 2;
        let (even, odd) = head[..n].chunks(2).fold((0, 0), |(e, o), c| (e + (c[0] == 0) as usize, o + (c[1] == 0) as usize));
        if odd * 10 >= n / 2 * 9 && even == 0 {
            return Encoding::Utf16Le;
        }
        if even * 10 >= n / 2 * 9 && odd == 0 {
            return Encoding::Utf16Be;
        }
    }
    // Windows-1252 only when most non-ASCII characters are not UTF-8: a UTF-8 export with a few
    // Windows-1252 records stays UTF-8, and those records fall back one by one (SPEC §4).
    let (utf8, not_utf8) = utf8_votes(head, at_eof);
    if not_utf8 <= utf8 {
        Encoding::Utf8
    } else if looks_cyrillic(head) {
        Encoding::Windows1251
    } else if looks_central_european(head) {
        Encoding::Windows1250
    } else {
        Encoding::Windows1252
    }
}

/// Single-byte text whose non-ASCII bytes are mostly whole words of letters (0xC0-0xFF, three
/// or more in a row): Cyrillic in Windows-1251 ("Артикул"). In Windows-1252 those bytes are
/// accented letters inside Latin words ("Öl", "µg", "Crème"), rarely three in a row.
fn looks_cyrillic(head: &[u8]) -> bool {
    let (mut high, mut in_words, mut run) = (0usize, 0usize, 0usize);
    for &b in head.iter().chain(std::iter::once(&b' ')) {
        if b >= 0xC0 || b == 0xA8 || b == 0xB8 {
            run += 1;
        } else {
            if run >= 3 {
                in_words += run;
            }
            run = 0;
        }
        high += usize::from(b >= 0x80);
    }
    in_words > 0 && in_words * 2 > high
}

/// In `bytes`: how many non-ASCII characters are valid UTF-8, and how many bytes are not. A
/// multi-byte character cut at the end of the block (`at_eof` false) counts as neither.
fn utf8_votes(mut bytes: &[u8], at_eof: bool) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(_) => (bytes, None),
            Err(e) => (&bytes[..e.valid_up_to()], Some(e)),
        };
        // Lead bytes of multi-byte characters: one per non-ASCII character.
        good += valid.iter().filter(|&&b| b >= 0xC0).count();
        match rest {
            None => return (good, bad),
            Some(e) => match e.error_len() {
                Some(n) => {
                    bad += 1;
                    bytes = &bytes[e.valid_up_to() + n..];
                }
                None => return (good, bad + usize::from(at_eof)),
            },
        }
    }
}

/// How a field was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldDecoding {
    Clean,
    /// Not valid UTF-8 in a UTF-8 file: read as Windows-1252.
    Fallback1252,
    /// Double-encoded UTF-8 repaired.
    Repaired,
}

/// Bytes that are common letters in Windows-1250 (ł ą ś ź ť ľ Ł Ś) but symbols in
/// Windows-1252 (³ ¹ œ Ÿ  ¾ £ Œ), or undefined there (Ť Ź ť: 0x8D 0x8F 0x9D).
const CENTRAL_EUROPEAN: &[u8] = &[0xB3, 0xB9, 0x9C, 0x9F, 0x9D, 0xBE, 0xA3, 0x8C, 0x8D, 0x8F];

/// Single-byte text where those letters sit inside words, between letters ("Sk\xb3ad",
/// "warto\x9c\xe6"): Polish or Czech in Windows-1250. In Windows-1252 they are symbols (`m³`,
/// `£5`), rarely between two letters.
fn looks_central_european(head: &[u8]) -> bool {
    let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0xC0;
    let (mut marks, mut high) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        high += usize::from(b >= 0x80);
        if CENTRAL_EUROPEAN.contains(&b) {
            let before = i > 0 && letter(head[i - 1]);
            let after = head.get(i + 1).is_some_and(|&n| letter(n));
            marks += usize::from(before && after);
        }
    }
    marks >= 2 && marks * 5 >= high
}

/// Decodes one field's bytes. `page` is the whole file's code page (`None`: a UTF-8 file).
pub fn decode_field(bytes: &[u8], page: CodePage) -> (Cow<'_, str>, FieldDecoding) {
    if is_plain_ascii(bytes)
        && let Ok(s) = std::str::from_utf8(bytes)
    {
        // The same in every encoding, nothing to repair or clean.
        return (Cow::Borrowed(s), FieldDecoding::Clean);
    }
    if let Some(page) = page {
        if bytes.is_ascii() {
            // ASCII is the same in both; avoid the copy.
            return (Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default()), FieldDecoding::Clean);
        }
        let (s, _) = page.decode_without_bom_handling(bytes);
        return (Cow::Owned(clean_controls(&s).into_owned()), FieldDecoding::Clean);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(fixed) = repair_double_encoding(s) {
                return (Cow::Owned(clean_controls(&fixed).into_owned()), FieldDecoding::Repaired);
            }
            (clean_controls(s), FieldDecoding::Clean)
        }
        Err(_) => {
            let (s, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (Cow::Owned(clean_controls(&s).into_owned()), FieldDecoding::Fallback1252)
        }
    }
}

/// The record's text when every field cut from it (at ASCII delimiters and quotes) decodes to
/// itself, unchanged and `Clean`, with [`decode_field`]: printable ASCII in any file, or in a
/// UTF-8 file valid UTF-8 without controls and without `Ã`/`Â`-style lead bytes (0xC3), which
/// [`repair_double_encoding`] would look at. `None`: decode field by field.
///
/// A fast path: one pass over the record instead of two or three per field.
pub fn decodes_to_itself(bytes: &[u8], page: CodePage) -> Option<&str> {
    let (mut high, mut odd) = (0u8, 0u8);
    for &b in bytes {
        high |= b & 0x80;
        odd |= u8::from(b == 0xC3 || b == 0x7f || (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'));
    }
    if odd != 0 || (high != 0 && page.is_some()) {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// True when every byte is printable ASCII, tab or a line break. One pass without early exit,
/// so the compiler can use vector instructions.
fn is_plain_ascii(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |bad, &b| bad | u8::from(b >= 0x7f) | u8::from(b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')) == 0
}

/// Replaces NUL and other C0 controls (but tab and line breaks) with spaces.
fn clean_controls(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') || b == 0x7f) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if c.is_control() && !matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect())
}

/// Repairs UTF-8 that was decoded as Windows-1252 and encoded again (`Âµg` -> `µg`).
/// Returns `None` when the text does not look double-encoded.
pub fn repair_double_encoding(s: &str) -> Option<String> {
    // Double-encoded text holds a UTF-8 lead byte read as Windows-1252 (Â U+00C2, Ã U+00C3,
    // â U+00E2, written C3 82 / C3 83 / C3 A2) followed by a non-ASCII character.
    let bytes = s.as_bytes();
    if !bytes.contains(&0xC3) {
        return None;
    }
    let suspicious = bytes.windows(3).any(|w| w[0] == 0xC3 && matches!(w[1], 0x82 | 0x83 | 0xA2) && w[2] >= 0x80);
    if !suspicious {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Try to re-read a run of Windows-1252 characters as UTF-8 bytes.
        if let Some(lead) = to_1252(c).filter(|b| (0xC2..=0xF4).contains(b)) {
            let need = if lead >= 0xF0 {
                3
            } else if lead >= 0xE0 {
                2
            } else {
                1
            };
            let mut buf = vec![lead];
            let mut ok = true;
            for k in 1..=need {
                match chars.get(i + k).and_then(|&c| to_1252(c)) {
                    Some(b) if (0x80..=0xBF).contains(&b) => buf.push(b),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && let Ok(t) = std::str::from_utf8(&buf) {
                out.push_str(t);
                i += need + 1;
                changed = true;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    changed.then_some(out)
}

/// The Windows-1252 byte of a character, if it has one.
fn to_1252(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0xA0..=0xFF).contains(&cp) || cp < 0x80 {
        return Some(cp as u8);
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        // Undefined in 1252; some decoders keep them as C1 controls.
        '\u{81}' => 0x81,
        '\u{8d}' => 0x8D,
        '\u{8f}' => 0x8F,
        '\u{90}' => 0x90,
        '\u{9d}' => 0x9D,
        _ => return None,
    };
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_windows_1252_only_when_most_non_ascii_is_not_utf8() {
        let mixed_head = "sku,name\n1,125 µg\n2,MenaQ7® μg\n3,Öl\n".as_bytes().iter().chain(b"4,5 \xb5g\n").copied().collect::<Vec<u8>>();
        let cases: &[(&str, &[u8], bool, Encoding)] = &[
            ("plain ASCII", b"sku,name\n1,D3\n", true, Encoding::Utf8),
            ("UTF-8", "sku,µg\n".as_bytes(), true, Encoding::Utf8),
            ("one 1252 byte in an all-1252 file", b"sku,\xb5g", true, Encoding::Windows1252),
            ("1252 throughout", b"sku,\xb5g,\xae\n1,\xd6l\n", true, Encoding::Windows1252),
            ("UTF-8 with one 1252 record", &mixed_head, true, Encoding::Utf8),
            ("UTF-8 cut inside a character", &"sku,µ".as_bytes()[..5], false, Encoding::Utf8),
            ("a cut lead byte at the end of the file", b"sku,\xc2", true, Encoding::Windows1252),
            // "Артикул;Наименование\nRU-1;Витамин D3 25 мкг" saved by a Russian Excel.
            (
                "Cyrillic Windows-1251",
                b"\xc0\xf0\xf2\xe8\xea\xf3\xeb;\xcd\xe0\xe8\xec\xe5\xed\xee\xe2\xe0\xed\xe8\xe5\nRU-1;\xc2\xe8\xf2\xe0\xec\xe8\xed D3 25 \xec\xea\xe3\n",
                true,
                Encoding::Windows1251,
            ),
            ("German Windows-1252: umlauts inside words", b"Bezeichnung;Hersteller\nD3 \xd6l 25 \xb5g;Gr\xf6\xdfe\n", true, Encoding::Windows1252),
            ("French Windows-1252", b"nom;prix\nCr\xe8me br\xfbl\xe9e;5\n", true, Encoding::Windows1252),
            // "Skład;Przeciwwskazania\nPL-1;witamina D3 50 µg (2000 j.m.), olej słonecznikowy;Nadwrażliwość" in Windows-1250.
            (
                "Polish Windows-1250",
                b"Sk\xb3ad;Przeciwwskazania\nPL-1;witamina D3 50 \xb5g (2000 j.m.), olej s\xb3onecznikowy;Nadwra\xbfliwo\x9c\xe6\n",
                true,
                Encoding::Windows1250,
            ),
            ("a cubic metre and a pound sign in Windows-1252", b"name;size;price\nTank;2 m\xb3;\xa35\nL\xe9a;1 m\xb3;\xa37\n", true, Encoding::Windows1252),
            ("one Cyrillic word among Latin ones", b"sku;name\n1;Solgar D3 \xea\xe0\xef\xf1\xf3\xeb\xfb\n", true, Encoding::Windows1251),
        ];
        for (name, input, at_eof, want) in cases {
            assert_eq!(sniff_encoding(input, *at_eof), *want, "{name}");
        }
    }

    #[test]
    fn repairs_double_encoding() {
        let cases = [("125 Âµg", "125 µg"), ("MenaQ7Â®", "MenaQ7®"), ("MCT-Ã–l", "MCT-Öl"), ("Vitamin D3 â€“ K2", "Vitamin D3 – K2")];
        for (bad, good) in cases {
            assert_eq!(repair_double_encoding(bad).as_deref(), Some(good), "{bad}");
        }
        assert_eq!(repair_double_encoding("125 µg"), None);
        assert_eq!(repair_double_encoding("Crème Brûlée"), None);
    }

    #[test]
    fn decodes_1252_fields_in_utf8_files() {
        let (s, how) = decode_field(b"125 \xb5g", None);
        assert_eq!(s, "125 µg");
        assert_eq!(how, FieldDecoding::Fallback1252);
        let (s, _) = decode_field("125 µg".as_bytes(), None);
        assert_eq!(s, "125 µg");
        let (s, _) = decode_field(b"a\0b", None);
        assert_eq!(s, "a b");
    }

    #[test]
    fn a_record_that_decodes_to_itself_agrees_with_decode_field_on_every_field() {
        let records: &[&[u8]] = &[
            b"A-1,\"Vitamin D3, 50 mcg\",19.99\r\n",
            "B,125 µg,MenaQ7® – K2\n".as_bytes(),
            "C,\"say \"\"hi\"\"\",Öl\n".as_bytes(),
            "D,125 Âµg,x\n".as_bytes(),
            b"E,125 \xb5g,x\n",
            b"F,a\0b,\x7f\n",
            b"G,tab\there,\"two\nlines\"\n",
            b"H,\xc3",
            "I,\u{feff}bom,\u{85}next line\n".as_bytes(),
            b"",
        ];
        // The records that take the fast path in a UTF-8 file, and in a Windows-1252 file.
        let fast_utf8 = [0, 1, 6, 8, 9];
        let fast_1252 = [0, 6, 9];
        for (n, raw) in records.iter().enumerate() {
            for page in [None, Some(WINDOWS_1252), Some(WINDOWS_1251)] {
                let file_1252 = page.is_some();
                let fast = decodes_to_itself(raw, page);
                assert_eq!(fast.is_some(), if file_1252 { fast_1252.contains(&n) } else { fast_utf8.contains(&n) }, "record {n}");
                // Any cut before or after an ASCII byte: every field is such a piece.
                let cuts: Vec<usize> =
                    (0..=raw.len()).filter(|&i| i == 0 || i == raw.len() || raw[i].is_ascii() || raw[i - 1].is_ascii()).collect();
                for (a, &i) in cuts.iter().enumerate() {
                    for &j in &cuts[a..] {
                        let piece = &raw[i..j];
                        let (text, how) = decode_field(piece, page);
                        let same = how == FieldDecoding::Clean && text.as_bytes() == piece;
                        if let Some(s) = fast {
                            assert!(same, "{:?} [{i}..{j}] (1252: {file_1252})", String::from_utf8_lossy(raw));
                            assert_eq!(s.get(i..j).map(str::as_bytes), Some(piece));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn sniffs_encodings() {
        assert_eq!(sniff_encoding(b"\xEF\xBB\xBFsku,a", true), Encoding::Utf8Bom);
        assert_eq!(sniff_encoding(b"\xFF\xFEs\0k\0", true), Encoding::Utf16Le);
        assert_eq!(sniff_encoding(b"\xFE\xFF\0s\0k", true), Encoding::Utf16Be);
        assert_eq!(sniff_encoding("sku,µg".as_bytes(), true), Encoding::Utf8);
        assert_eq!(sniff_encoding(b"sku,\xb5g", true), Encoding::Windows1252);
        assert_eq!(sniff_encoding(b"sku,\xc2", false), Encoding::Utf8);
    }
}
