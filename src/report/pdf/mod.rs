//! report.pdf (SPEC §7): the document a category manager attaches to a supplier review. A4,
//! searchable text in DejaVu Sans embedded as a subset (any European script prints as written),
//! the catalogue name and "Page N of M" on every page, the same numbers as summary.json. Pure:
//! data in, bytes out.

mod chart;
mod coverage;
mod fonts;
mod layout;
mod names;
mod sections;
pub mod supplier;
mod table;

use printpdf::*;

pub use self::fonts::Unprintable;
use self::layout::{GREY, MARGIN, Metrics, PAGE_H, PAGE_W, Pages, RULE, rule, sanitize, text_ops};
use super::ReportData;

/// A rendered PDF and the characters it could not print.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    /// Characters no embedded font has, drawn as a box: the run says so in a `note:`.
    pub unprintable: Unprintable,
}

/// The colour the charts give a verdict or status (`pass`, `warn`, `review`, `fail`,
/// `invalid`; anything else the neutral grey) as 8-bit RGB, and whether it is dark enough to
/// need white text. audit.xlsx colours its cells with it, so both read alike.
pub fn status_rgb(status: &str) -> ([u8; 3], bool) {
    let (c, dark) = match status {
        "pass" => (chart::PASS, false),
        "warn" => (chart::WARN, false),
        "review" => (chart::REVIEW, true),
        "fail" => (chart::FAIL, true),
        "invalid" => (chart::INVALID, true),
        _ => (chart::NEUTRAL, false),
    };
    let byte = |x: f32| (x * 255.0).round().clamp(0.0, 255.0) as u8;
    ([byte(c.0), byte(c.1), byte(c.2)], dark)
}

/// Renders the report. Identical data gives identical bytes (dates come from `d.timestamp`).
pub fn render(d: &ReportData) -> Pdf {
    let m = Metrics::new();
    let mut p = Pages::new(&m);
    sections::summary(&mut p, d);
    coverage::coverage(&mut p, d);
    sections::suppliers(&mut p, d);
    names::supplier_names(&mut p, d);
    sections::top_findings(&mut p, d);
    sections::changes(&mut p, d);
    sections::products(&mut p, d);
    sections::rejected(&mut p, d);
    sections::method(&mut p, d);
    let (pages, bookmarks) = p.finish();

    let title = match d.supplier {
        Some(s) => format!("K2/D3 compliance report – {s} – {}", d.catalogue.name),
        None => format!("K2/D3 compliance report – {}", d.catalogue.name),
    };
    let footer = format!("policy {} {} ({}) · k2d3-audit {}", d.policy.name, d.policy.version, d.policy.short_hash(), d.tool_version);
    let frame = Frame { title: &title, footer: &footer, date: &d.date.to_string(), timestamp: d.timestamp };
    // The summary's bookmark shares page 1 with the next section's and is kept.
    assemble(
        &m,
        pages,
        bookmarks,
        &frame,
        |name| name == "Summary",
        |info| {
            info.author = "k2d3-audit".into();
            info.creator = format!("k2d3-audit {}", d.tool_version);
            info.producer = format!("k2d3-audit {} (printpdf)", d.tool_version);
            info.subject = match d.supplier {
                Some(s) => sanitize(&format!("Vitamin D3 + K2 compliance of {s}'s products in {}", d.catalogue.name)),
                None => sanitize(&format!("Vitamin D3 + K2 compliance of catalogue {}", d.catalogue.name)),
            };
            info.keywords = vec!["vitamin D3".into(), "vitamin K2".into(), "compliance".into(), d.policy.name.clone()];
            info.identifier = d.catalogue.sha256.clone();
        },
    )
}

/// What frames every page of a document, and when it was made.
pub(super) struct Frame<'a> {
    pub title: &'a str,
    pub footer: &'a str,
    pub date: &'a str,
    /// Seconds since the epoch: the document's creation, modification and metadata dates.
    pub timestamp: i64,
}

/// Frames the pages, sets the metadata (`fill` sets what differs between documents), adds one
/// bookmark per page (the first section on it, and any name `always` keeps), embeds the fonts'
/// glyphs the pages use and saves.
pub(super) fn assemble(
    m: &Metrics,
    mut pages: Vec<Vec<Op>>,
    bookmarks: Vec<(String, usize)>,
    frame: &Frame,
    always: impl Fn(&str) -> bool,
    fill: impl FnOnce(&mut PdfDocumentInfo),
) -> Pdf {
    page_frames(m, &mut pages, frame.title, frame.footer, frame.date);
    let mut doc = PdfDocument::new(&sanitize(frame.title));
    let when = OffsetDateTime::from_unix_timestamp(frame.timestamp).unwrap_or_else(|_| OffsetDateTime::epoch());
    let info = &mut doc.metadata.info;
    fill(info);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    let unprintable = fonts::embed(&mut doc, &mut pages);
    let pages: Vec<PdfPage> = pages.into_iter().map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)).collect();
    doc.with_pages(pages);
    let mut last = 0;
    for (name, page) in bookmarks {
        if page != last || always(&name) {
            doc.add_bookmark(&name, page);
            last = page;
        }
    }
    let mut warnings = Vec::new();
    // Subsetting is ours (fonts::embed): printpdf's needs its `text_layout` feature.
    let opts = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    Pdf { bytes: doc.save(&opts, &mut warnings), unprintable }
}

/// The longest by-supplier file name, in bytes (most file systems allow 255; the rest is room
/// for a `-2` suffix and a safety margin).
pub const MAX_FILE_NAME_BYTES: usize = 200;

/// Safe, unique file names for by-supplier PDFs: letters, digits, `-` and `_` only (no path
/// separators, no `..`, never a leading `.`), at most [`MAX_FILE_NAME_BYTES`] bytes cut on a
/// character boundary, unique even ignoring case and when two names slugify alike.
pub fn safe_file_names(names: &[String]) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    names
        .iter()
        .map(|n| {
            let mut base: String = n.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
            while base.contains("--") {
                base = base.replace("--", "-");
            }
            base = base.trim_matches('-').to_string();
            if base.is_empty() {
                base = "supplier".into();
            }
            let mut name = capped(&base, "", ".pdf");
            let mut i = 2;
            while !used.insert(name.to_lowercase()) {
                name = capped(&base, &format!("-{i}"), ".pdf");
                i += 1;
            }
            name
        })
        .collect()
}

/// `base` + `suffix` + `ext`, with `base` cut on a character boundary so that the whole fits in
/// [`MAX_FILE_NAME_BYTES`].
fn capped(base: &str, suffix: &str, ext: &str) -> String {
    let room = MAX_FILE_NAME_BYTES.saturating_sub(suffix.len() + ext.len());
    let mut end = base.len().min(room);
    while !base.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{suffix}{ext}", &base[..end])
}

/// Draws every page's header (title, date) and footer (`footer`, "Page N of M") with their rules.
fn page_frames(m: &Metrics, pages: &mut [Vec<Op>], title: &str, footer: &str, date: &str) {
    let total = pages.len();
    let head_left = m.fit(&sanitize(title), 140.0, 8.0, false);
    let foot_left = m.fit(&sanitize(footer), 140.0, 7.5, false);
    let dw = m.width(date, 8.0, false);
    for (i, ops) in pages.iter_mut().enumerate() {
        text_ops(ops, MARGIN, 11.0, 8.0, false, GREY, &head_left);
        text_ops(ops, PAGE_W - MARGIN - dw, 11.0, 8.0, false, GREY, date);
        rule(ops, MARGIN, PAGE_W - MARGIN, 13.0, 0.5, RULE);
        rule(ops, MARGIN, PAGE_W - MARGIN, PAGE_H - 12.5, 0.5, RULE);
        let label = format!("Page {} of {}", i + 1, total);
        let lw = m.width(&label, 8.0, false);
        text_ops(ops, MARGIN, PAGE_H - 8.0, 7.5, false, GREY, &foot_left);
        text_ops(ops, PAGE_W - MARGIN - lw, PAGE_H - 8.0, 8.0, false, GREY, &label);
    }
}

#[cfg(test)]
mod tests;
