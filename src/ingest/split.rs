//! Splits CSV records in place, in the reader's window of raw bytes: each field is a span of the
//! window, copied nowhere until the record is built.
//!
//! It exists because csv's reader stepped a DFA byte by byte and copied every field into a
//! `ByteRecord` (6 % of the run); this one jumps from delimiter to delimiter and from quote to
//! quote with `memchr`. It must split exactly as csv_core does with the settings the catalogue
//! reader used (quoting on, `""` as an escaped quote, no escape character, no comments, `\r`,
//! `\n` or `\r\n` as terminator, flexible field counts): line breaks before a record are skipped;
//! a field that starts with a quote is quoted until a quote that is not doubled, and any text
//! after that closing quote belongs to the field, read as unquoted text; a quote inside an
//! unquoted field is literal; a record ends at a line break outside quotes or at the end of the
//! input, and after a `\r` its `\n` is left to be skipped before the next record. The tests check
//! it against csv on varied input.

use std::borrow::Cow;

/// One field: a span of the window and how to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawField {
    pub start: usize,
    pub end: usize,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// Unquoted: the span is the text.
    Plain,
    /// `"text"`: the text is the span without its two quotes.
    Quoted,
    /// Starts with a quote but holds `""` or text after the closing quote: read with
    /// [`unescape`].
    Escaped,
    /// Starts with a quote that never closes: runs to the end of the input, read as `Escaped`.
    Open,
}

impl RawField {
    /// The field's text (bytes as in the file, quotes resolved).
    pub fn bytes<'a>(&self, buf: &'a [u8]) -> Cow<'a, [u8]> {
        match self.kind {
            FieldKind::Plain => Cow::Borrowed(&buf[self.start..self.end]),
            FieldKind::Quoted => Cow::Borrowed(&buf[self.start + 1..self.end - 1]),
            FieldKind::Escaped | FieldKind::Open => {
                let mut out = Vec::with_capacity(self.end - self.start);
                unescape(&buf[self.start..self.end], &mut out);
                Cow::Owned(out)
            }
        }
    }

    /// The field's text as a slice of `text` (the window's bytes from `offset` on, known to be
    /// UTF-8), or `None` for an escaped field, whose text is not one slice.
    pub fn str_in<'a>(&self, text: &'a str, offset: usize) -> Option<&'a str> {
        let (s, e) = match self.kind {
            FieldKind::Plain => (self.start, self.end),
            FieldKind::Quoted => (self.start + 1, self.end - 1),
            FieldKind::Escaped | FieldKind::Open => return None,
        };
        // Spans are cut at ASCII bytes, so they are character boundaries.
        text.get(s - offset..e - offset)
    }
}

/// What [`split_record`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    /// A record whose text starts at `start` (after skipped line breaks) and which ends at `end`
    /// (after its `\n` or `\r`, or at the end of the input). `open_quote`: its last field opens a
    /// quote that never closes (the record runs to the end of the input).
    Record { start: usize, end: usize, open_quote: bool },
    /// Nothing but line breaks is left, and the input is at its end.
    End,
    /// The record does not end inside `buf` and more input may follow: read more, then split
    /// again from the same place.
    NeedMore,
}

/// Splits the record that starts at `buf[from..]` into `fields` (cleared first). `eof`: `buf`
/// holds the rest of the input.
pub(crate) fn split_record(buf: &[u8], from: usize, eof: bool, delimiter: u8, fields: &mut Vec<RawField>) -> Split {
    let n = buf.len();
    let start = from + buf[from..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
    if start == n {
        return if eof { Split::End } else { Split::NeedMore };
    }
    fields.clear();
    let mut i = start;
    loop {
        // `i` starts a field. `stop` is where it ends: at a delimiter, at a line break, or at
        // the end of the input (`None`).
        let (field, stop) = if buf.get(i) == Some(&b'"') {
            quoted_field(buf, i, delimiter)
        } else {
            let stop = field_stop(buf, i, delimiter);
            (RawField { start: i, end: stop.unwrap_or(n), kind: FieldKind::Plain }, stop)
        };
        fields.push(field);
        match stop {
            None if !eof => return Split::NeedMore,
            None => return Split::Record { start, end: n, open_quote: field.kind == FieldKind::Open },
            // The delimiter wins over a line break when they are the same byte, as in csv_core.
            Some(s) if buf[s] == delimiter => i = s + 1,
            Some(s) => return Split::Record { start, end: s + 1, open_quote: false },
        }
    }
}

/// A field that starts with a quote at `buf[i]`: the field and where it stops (`None`: at the
/// end of `buf`).
fn quoted_field(buf: &[u8], i: usize, delimiter: u8) -> (RawField, Option<usize>) {
    let n = buf.len();
    let mut kind = FieldKind::Quoted;
    let mut j = i + 1;
    loop {
        let Some(k) = memchr::memchr(b'"', &buf[j..]) else {
            // No closing quote (yet): the field runs to the end of the input.
            return (RawField { start: i, end: n, kind: FieldKind::Open }, None);
        };
        let q = j + k;
        let Some(&next) = buf.get(q + 1) else {
            // The quote may close the field or start a doubled quote: it depends on the next
            // byte, and at the end of the input it closes the field.
            return (RawField { start: i, end: n, kind }, None);
        };
        if next == b'"' {
            kind = FieldKind::Escaped;
            j = q + 2;
        } else if next == delimiter || next == b'\r' || next == b'\n' {
            return (RawField { start: i, end: q + 1, kind }, Some(q + 1));
        } else {
            // Text after the closing quote is read as an unquoted field's.
            let stop = field_stop(buf, q + 1, delimiter);
            return (RawField { start: i, end: stop.unwrap_or(n), kind: FieldKind::Escaped }, stop);
        }
    }
}

/// Where an unquoted field that starts at `buf[i]` stops: at a delimiter or a line break, or
/// `None` at the end of `buf`.
fn field_stop(buf: &[u8], i: usize, delimiter: u8) -> Option<usize> {
    memchr::memchr3(delimiter, b'\r', b'\n', &buf[i..]).map(|k| i + k)
}

/// The text of a field that starts with a quote (`raw[0]`): up to the closing quote with `""`
/// read as `"`, then any text after the closing quote as it is.
pub(crate) fn unescape(raw: &[u8], out: &mut Vec<u8>) {
    let mut j = 1;
    loop {
        let Some(k) = raw.get(j..).and_then(|r| memchr::memchr(b'"', r)) else {
            out.extend_from_slice(raw.get(j..).unwrap_or_default());
            return;
        };
        let q = j + k;
        out.extend_from_slice(&raw[j..q]);
        if raw.get(q + 1) == Some(&b'"') {
            out.push(b'"');
            j = q + 2;
        } else {
            out.extend_from_slice(&raw[q + 1..]);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `input` as csv 1.4 reads it (the reader's settings before this splitter):
    /// fields, and the byte offsets where each read started and ended.
    fn with_csv(input: &[u8], delimiter: u8) -> Vec<(Vec<Vec<u8>>, u64, u64)> {
        let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(input);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).unwrap() {
            let start = rec.position().unwrap().byte();
            out.push((rec.iter().map(<[u8]>::to_vec).collect(), start, rdr.position().byte()));
        }
        out
    }

    /// The same with [`split_record`], given the input in pieces of `step` bytes (as a reader
    /// that reads more on `NeedMore`), with positions as csv counts them (a read starts where the
    /// last record ended).
    fn with_split(input: &[u8], delimiter: u8, step: usize) -> Vec<(Vec<Vec<u8>>, u64, u64)> {
        let mut fields = Vec::new();
        let mut out = Vec::new();
        let (mut from, mut avail) = (0, step.min(input.len()));
        loop {
            let eof = avail == input.len();
            match split_record(&input[..avail], from, eof, delimiter, &mut fields) {
                Split::NeedMore => avail = (avail + step).min(input.len()),
                Split::End => return out,
                Split::Record { start, end, open_quote } => {
                    assert_eq!(open_quote, ends_in_open_quote(&input[start..end], delimiter), "{:?}", String::from_utf8_lossy(input));
                    assert!(start >= from && end > start && end <= avail);
                    assert!(input[from..start].iter().all(|b| matches!(b, b'\r' | b'\n')));
                    let texts = fields.iter().map(|f| f.bytes(input).into_owned()).collect();
                    out.push((texts, from as u64, end as u64));
                    from = end;
                }
            }
        }
    }

    /// The reader's former check for a cut record, which the splitter's `open_quote` replaces:
    /// true when the record's last field opens a quote that never closes. Only quotes change the
    /// state: a quote opens a field when it starts one (after a delimiter or a line break), and
    /// inside a field `""` is an escaped quote.
    fn ends_in_open_quote(raw: &[u8], delimiter: u8) -> bool {
        let mut in_q = false;
        let mut from = 0;
        while let Some(off) = memchr::memchr(b'"', &raw[from..]) {
            let i = from + off;
            from = i + 1;
            if in_q {
                if raw.get(i + 1) == Some(&b'"') {
                    from = i + 2;
                } else {
                    in_q = false;
                }
            } else if i == 0 || matches!(raw[i - 1], b'\n' | b'\r') || raw[i - 1] == delimiter {
                in_q = true;
            }
            if from >= raw.len() {
                break;
            }
        }
        in_q
    }

    #[test]
    fn open_quote_detection() {
        for (raw, open) in [
            (&b"a,b,c\n"[..], false),
            (b"a,\"b,c\"\n", false),
            (b"a,\"b,c\n", true),
            (b"\"a", true),
            (b"a,\"say \"\"hi\"\"\",c\n", false),
            (b"a,\"say \"\"hi\"\",c\n", true),
            (b"a,b\"c,d\n", false),
            (b"a,\"x\" \",d\n", false),
            (b"a,\"\"", false),
            (b"a,\"\"\"", true),
            (b"a;\"b\n", true),
        ] {
            let delim = if raw.contains(&b';') { b';' } else { b',' };
            assert_eq!(ends_in_open_quote(raw, delim), open, "{}", String::from_utf8_lossy(raw));
            let mut fields = Vec::new();
            let Split::Record { open_quote, .. } = split_record(raw, 0, true, delim, &mut fields) else { panic!() };
            assert_eq!(open_quote, open, "{}", String::from_utf8_lossy(raw));
        }
    }

    fn check(input: &[u8], delimiter: u8) {
        let want = with_csv(input, delimiter);
        for step in [1, 2, 3, 7, input.len().max(1)] {
            assert_eq!(
                with_split(input, delimiter, step),
                want,
                "{:?} split on {:?}, step {step}",
                String::from_utf8_lossy(input),
                delimiter as char
            );
        }
    }

    #[test]
    fn splits_as_csv_does() {
        let cases: &[&[u8]] = &[
            b"",
            b"\n\r\n",
            b"a",
            b"a,b\nc,d\n",
            b"a,b\r\nc,d\r\n",
            b"a,b\rc,d\r",
            b"\r\n\r\na,b\n\n\nc\n",
            b"a,,\n,\n,",
            b"a,\"b,c\",d\n",
            b"a,\"b\nc\",d\r\ne\n",
            b"a,\"say \"\"hi\"\"\",c\n",
            b"\"\"\"\",\"\"\n",
            b"a,\"x\" y,z\n",
            b"a,\"x\"y\"z\",w\n",
            b"a,b\"c\"d,e\n",
            b"a,\"never closed\nb,c\n",
            b"a,\"ends in a quote\"",
            b"a,\"ends in a doubled quote\"\"",
            b"a,\"",
            b"\"",
            b"\"\"",
            b"a,\"x\"\r\nb,\"y\"\rc",
            b"\"a\"\"\"b,c",
            "µg,\"Vitamin D3 – K2\",Öl\n".as_bytes(),
            b"a;b,c;\"d;e\"\n",
            b"a\tb\t\"c\td\"\n",
        ];
        for input in cases {
            for delimiter in [b',', b';', b'\t', b'|'] {
                check(input, delimiter);
            }
        }
    }

    #[test]
    fn splits_as_csv_does_on_random_input() {
        // Inputs drawn from the bytes that matter, including odd delimiters a library caller
        // could pass (a quote, a line break).
        let alphabet = b"ab,;\"\r\n \t|";
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let input: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            for delimiter in [b',', b';', b'\t', b'|', b'"', b'\n', b'\r', b' '] {
                check(&input, delimiter);
            }
        }
    }

    #[test]
    fn field_kinds_and_str_slices() {
        let buf = b"x,\"q\",\"e\"\"\",\"t\"u\n";
        let mut fields = Vec::new();
        assert_eq!(split_record(buf, 0, true, b',', &mut fields), Split::Record { start: 0, end: buf.len(), open_quote: false });
        let kinds: Vec<FieldKind> = fields.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [FieldKind::Plain, FieldKind::Quoted, FieldKind::Escaped, FieldKind::Escaped]);
        let text = std::str::from_utf8(&buf[2..]).unwrap();
        let strs: Vec<Option<&str>> = fields.iter().map(|f| if f.start >= 2 { f.str_in(text, 2) } else { None }).collect();
        assert_eq!(strs, [None, Some("q"), None, None]);
        let texts: Vec<Vec<u8>> = fields.iter().map(|f| f.bytes(buf).into_owned()).collect();
        assert_eq!(texts, [b"x".to_vec(), b"q".to_vec(), b"e\"".to_vec(), b"tu".to_vec()]);
    }
}
