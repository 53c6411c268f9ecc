//! What a catalogue file is, from its first bytes (and, for ZIP containers, its name): text to
//! read as CSV, a workbook to read with calamine, or another binary file to refuse with a short
//! message instead of quoting its bytes as a "header".

use std::path::Path;

/// The workbook formats calamine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    Xlsx,
    Xls,
    Ods,
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Text: read as CSV.
    Text,
    Workbook(WorkbookKind),
    /// Any other binary file, named for the user ("a ZIP archive", "a PDF document").
    Binary(&'static str),
}

/// Signatures of binary formats people save or download by mistake under a `.csv` name.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1F\x8B", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xFD7zXZ\x00", "an xz-compressed file"),
    (b"\x28\xB5\x2F\xFD", "a zstd-compressed file"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"\x7FELF", "an executable program"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
];

/// Classifies a file by its first bytes (`head`, up to 64 KiB) and its name. `utf16` is true
/// when the encoding sniffer found UTF-16 text (whose NUL bytes are not a sign of binary data).
pub fn sniff_file_kind(head: &[u8], name: &Path, utf16: bool) -> FileKind {
    let ext = name.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return zip_kind(head, &ext);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // OLE2 compound file: Excel 97-2003, but also old Word documents.
        return if ext == "doc" || ext == "msg" {
            FileKind::Binary("an old Office document")
        } else {
            FileKind::Workbook(WorkbookKind::Xls)
        };
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return FileKind::Binary("a WebP image");
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        // `MZ` and `BZh` are also how a text file can start: require a NUL nearby to be sure.
        let weak = head.starts_with(b"MZ") || head.starts_with(b"BZh");
        if !weak || head.iter().take(512).any(|&b| b == 0) {
            return FileKind::Binary(what);
        }
    }
    // More than 1 % NUL bytes: binary data (a stray NUL inside a text field stays a text problem).
    let sample = &head[..head.len().min(8192)];
    if !utf16 && sample.iter().filter(|&&b| b == 0).count() * 100 > sample.len() {
        return FileKind::Binary("a binary file (it holds NUL bytes, which text never does)");
    }
    if !utf16 && mostly_control_bytes(sample) {
        return FileKind::Binary("a binary file (it is full of control characters)");
    }
    FileKind::Text
}

/// More than 1 in 20 bytes are control characters other than tab, CR, LF and form feed: no
/// text export looks like that, but compressed or encrypted data does.
fn mostly_control_bytes(head: &[u8]) -> bool {
    let n = head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F).count();
    head.len() >= 16 && n * 20 > head.len()
}

/// A ZIP container: an Office Open XML workbook, an OpenDocument spreadsheet, another Office
/// document, or a plain archive. The first entry names tell (`[Content_Types].xml` with `xl/`;
/// ODF's `mimetype` entry comes first, stored, with its type as content); the name breaks ties.
fn zip_kind(head: &[u8], ext: &str) -> FileKind {
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if has(b"application/vnd.oasis.opendocument.spreadsheet") || ext == "ods" {
        return FileKind::Workbook(WorkbookKind::Ods);
    }
    if has(b"application/vnd.oasis.opendocument") {
        return FileKind::Binary("an OpenDocument file that is not a spreadsheet");
    }
    if has(b"xl/") || matches!(ext, "xlsx" | "xlsm" | "xlsb") {
        return FileKind::Workbook(WorkbookKind::Xlsx);
    }
    if has(b"word/") || has(b"ppt/") {
        return FileKind::Binary("a Word or PowerPoint document");
    }
    FileKind::Binary("a ZIP archive")
}

/// The message for a binary file that is not a workbook.
pub fn binary_message(what: &str) -> String {
    format!("this is {what}, not a CSV file: export it as CSV (UTF-8), or as a workbook (.xlsx, .xls, .ods)")
}

/// Quotes at most `max` characters of untrusted text (a header, a value) for a message, with
/// control characters shown as `?` and an ellipsis when it was cut.
pub fn quote_capped(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(max.min(s.len()) + 5);
    out.push('"');
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { '?' } else { c });
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_files_by_their_first_bytes() {
        let zip_xlsx = b"PK\x03\x04\x14\x00\x00\x00\x08\x00[Content_Types].xml....xl/workbook.xml".to_vec();
        let zip_ods = b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK".to_vec();
        let zip_odt = b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.textPK".to_vec();
        let zip_docx = b"PK\x03\x04\x14\x00[Content_Types].xml..word/document.xml".to_vec();
        let zip_plain = b"PK\x03\x04\x14\x00\x00\x00\x08\x00catalogue.csv\x00\x00".to_vec();
        let cases: &[(&str, &[u8], &str, FileKind)] = &[
            ("csv text", b"sku,product\nA,D3\n", "a.csv", FileKind::Text),
            ("csv with BOM", b"\xEF\xBB\xBFsku;product\n", "a.csv", FileKind::Text),
            ("xlsx by content", &zip_xlsx, "export.csv", FileKind::Workbook(WorkbookKind::Xlsx)),
            ("xlsx by name", &zip_plain, "export.xlsx", FileKind::Workbook(WorkbookKind::Xlsx)),
            ("ods by content", &zip_ods, "export.csv", FileKind::Workbook(WorkbookKind::Ods)),
            ("odt is not a sheet", &zip_odt, "export.csv", FileKind::Binary("an OpenDocument file that is not a spreadsheet")),
            ("docx", &zip_docx, "export.csv", FileKind::Binary("a Word or PowerPoint document")),
            ("zip of a csv", &zip_plain, "export.csv", FileKind::Binary("a ZIP archive")),
            ("xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "old.xls", FileKind::Workbook(WorkbookKind::Xls)),
            ("gzip", b"\x1F\x8B\x08\x00\x00\x00", "export.csv", FileKind::Binary("a gzip-compressed file")),
            ("pdf", b"%PDF-1.7\n%\xE2\xE3", "export.csv", FileKind::Binary("a PDF document")),
            ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "export.csv", FileKind::Binary("a PNG image")),
            ("jpeg", b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "export.csv", FileKind::Binary("a JPEG image")),
            ("webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "export.csv", FileKind::Binary("a WebP image")),
            (
                "control bytes",
                b"\x93\x02\x11k\x05\x7f\xe2\x1b\x8a\x10\x03zq\x14\x18\x06\x91",
                "a.csv",
                FileKind::Binary("a binary file (it is full of control characters)"),
            ),
            ("text with tabs and CRLF", b"sku\tproduct\r\nA\tD3 1000 IU\r\nB\tK2\r\n", "a.tsv", FileKind::Text),
            (
                "a stray NUL in a text field",
                b"sku,product\nA,Vitamin D3\x00 + K2 MK-7 1000 IU 50 mcg softgels in olive oil, 60 count, by Acme Nutrition Ltd\n",
                "a.csv",
                FileKind::Text,
            ),
            ("text starting MZ", b"MZ-100,Vitamin D3\n", "a.csv", FileKind::Text),
            (
                "unknown binary",
                b"sku\x00\x01\x02\x03",
                "a.csv",
                FileKind::Binary("a binary file (it holds NUL bytes, which text never does)"),
            ),
        ];
        for (name, head, file, want) in cases {
            assert_eq!(sniff_file_kind(head, Path::new(file), false), *want, "{name}");
        }
        assert_eq!(sniff_file_kind(b"s\x00k\x00u\x00", Path::new("a.csv"), true), FileKind::Text, "UTF-16 text has NULs");
    }

    #[test]
    fn quotes_are_capped_and_printable() {
        let cases: &[(&str, &str, usize, &str)] = &[
            ("short", "SKU", 80, "\"SKU\""),
            ("cut", "abcdef", 3, "\"abc…\""),
            ("controls", "a\u{1}b\nc", 80, "\"a?b?c\""),
            ("exact length", "abc", 3, "\"abc\""),
        ];
        for (name, s, max, want) in cases {
            assert_eq!(quote_capped(s, *max), *want, "{name}");
        }
    }
}
