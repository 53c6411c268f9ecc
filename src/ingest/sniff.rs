//! Delimiter detection: the candidate that splits the most of the first records into the same,
//! largest number of fields, counted outside quotes. The count most records share decides, not
//! the first record's: a title or an export date may sit above the header (SPEC §4).

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter of a decoded sample (the first kilobytes of the file).
pub fn sniff_delimiter(sample: &str) -> u8 {
    let records = split_records(sample, 20);
    let mut best = (b',', 0usize, 0usize);
    for &d in &CANDIDATES {
        let counts: Vec<usize> = records.iter().map(|r| count_outside_quotes(r, d)).collect();
        // The most frequent count other than 0 (the larger on a tie), and how many share it.
        let shared = |h: &usize| counts.iter().filter(|&c| c == h).count();
        let Some(h) = counts.iter().filter(|&&c| c > 0).max_by_key(|&h| (shared(h), *h)).copied() else { continue };
        let consistent = shared(&h);
        if (consistent, h) > (best.1, best.2) {
            best = (d, consistent, h);
        }
    }
    // A first record that the winner does not split, but another candidate splits into three or
    // more fields, is the header itself (a title row rarely holds two delimiters): its delimiter
    // wins, however the records below split (free text full of `|` or `;`).
    if let Some(first) = records.first()
        && count_outside_quotes(first, best.0) == 0
        && let Some(&d) =
            CANDIDATES.iter().filter(|&&d| count_outside_quotes(first, d) >= 2).max_by_key(|&&d| count_outside_quotes(first, d))
    {
        return d;
    }
    best.0
}

/// Parses a `--delimiter` value: one character, or `tab`, `\t`, `comma`, `semicolon`, `pipe`.
pub fn parse_delimiter(s: &str) -> Option<u8> {
    match s {
        "\\t" | "tab" | "\t" | "TAB" => Some(b'\t'),
        "comma" => Some(b','),
        "semicolon" => Some(b';'),
        "pipe" => Some(b'|'),
        _ if s.len() == 1 && CANDIDATES.contains(&s.as_bytes()[0]) => Some(s.as_bytes()[0]),
        _ => None,
    }
}

pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "\\t".into(),
        d => (d as char).to_string(),
    }
}

fn split_records(sample: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_q = false;
    let mut start = 0;
    let b = sample.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' => in_q = !in_q,
            b'\n' if !in_q => {
                let rec = sample[start..i].trim_end_matches('\r');
                if !rec.trim().is_empty() {
                    out.push(rec);
                }
                start = i + 1;
                if out.len() >= max {
                    return out;
                }
            }
            _ => {}
        }
    }
    // The last, possibly cut, record counts only when it is the only one.
    if out.is_empty() && start < sample.len() {
        out.push(&sample[start..]);
    }
    out
}

fn count_outside_quotes(rec: &str, d: u8) -> usize {
    let mut in_q = false;
    let mut n = 0;
    for &c in rec.as_bytes() {
        if c == b'"' {
            in_q = !in_q;
        } else if c == d && !in_q {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        let cases: &[(&str, u8)] = &[
            ("sku,product,price\nA,\"D3, K2\",1\n", b','),
            ("Artikelnummer;Bezeichnung;Preis\r\nA;D3 5.000 IE, K2;9,99\r\n", b';'),
            ("item_id\ttitle\tbrand\nA\tD3\tX\n", b'\t'),
            ("item_id|title|brand\nA|\"D3 | K2\nsoftgels\"|X\nB|K2|Y\n", b'|'),
            ("sku\nA\n", b','),
        ];
        // (case, sample, delimiter): rows above the header.
        let titled: &[(&str, &str, u8)] = &[
            (
                "title row, then semicolons",
                "Vitamin D3, K2 catalogue\nExported;2026-12-01\n\nSKU;Title;Price\nA;D3, K2;9,99\nB;D3;1\n",
                b';',
            ),
            ("title row, then tabs", "Catalogue export\nid\ttitle\tproduct_type\nA\tD3\tVitamins, Supplements\n", b'\t'),
            ("a header first, pipes in the text below", "SKU,Product Name,Description,Vitamin D\n|\n,,,|,\n", b','),
        ];
        for (sample, want) in cases {
            assert_eq!(sniff_delimiter(sample), *want, "{sample:?}");
        }
        for (name, sample, want) in titled {
            assert_eq!(sniff_delimiter(sample), *want, "{name}");
        }
    }

    #[test]
    fn parses_delimiter_options() {
        assert_eq!(parse_delimiter("\\t"), Some(b'\t'));
        assert_eq!(parse_delimiter("tab"), Some(b'\t'));
        assert_eq!(parse_delimiter(";"), Some(b';'));
        assert_eq!(parse_delimiter("x"), None);
    }
}
