//! Page layout for the PDF: A4 pages in millimetres from the top, text measured with the
//! embedded fonts' metrics, wrapped or cut with an ellipsis so nothing leaves its column.

use printpdf::*;

use super::fonts::{FONTS, Fonts};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const MARGIN: f32 = 15.0;
/// Content starts below the running header and ends above the footer.
pub const TOP: f32 = 24.0;
pub const BOTTOM: f32 = PAGE_H - 18.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

/// Text measured with the real advance widths of the embedded faces (DejaVu Sans, regular and
/// bold); a character a face lacks measures as the box drawn for it.
pub struct Metrics {
    fonts: &'static Fonts,
}

/// mm per pt.
const MM_PER_PT: f32 = 25.4 / 72.0;

impl Metrics {
    pub fn new() -> Metrics {
        Metrics { fonts: &FONTS }
    }

    /// Width in mm of one character at `size` pt.
    fn char_width(&self, c: char, size: f32, bold: bool) -> f32 {
        self.fonts.face(bold).em(c) * size * MM_PER_PT
    }

    /// Width in mm of `s` (already sanitised) at `size` pt.
    pub fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        let face = self.fonts.face(bold);
        let em: f32 = s.chars().map(|c| face.em(c)).sum();
        em * size * MM_PER_PT
    }

    /// `s` cut to fit `max_w` mm, with an ellipsis when cut.
    pub fn fit(&self, s: &str, max_w: f32, size: f32, bold: bool) -> String {
        if self.width(s, size, bold) <= max_w {
            return s.to_string();
        }
        let ell = self.width("…", size, bold);
        let mut out = String::new();
        let mut w = 0.0;
        for c in s.chars() {
            let cw = self.char_width(c, size, bold);
            if w + cw + ell > max_w {
                break;
            }
            w += cw;
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }

    /// Wraps `s` into lines no wider than `max_w` mm (long words are cut), at most `max_lines`.
    pub fn wrap(&self, s: &str, max_w: f32, size: f32, bold: bool, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        for word in s.split_whitespace() {
            let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
            if self.width(&candidate, size, bold) <= max_w {
                cur = candidate;
                continue;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            cur = if self.width(word, size, bold) > max_w { self.fit(word, max_w, size, bold) } else { word.to_string() };
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                let cut = format!("{last} …");
                *last = self.fit(&cut, max_w, size, bold);
                if !last.ends_with('…') {
                    last.push('…');
                }
            }
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }
}

/// Makes catalogue text drawable: control characters (tabs, line breaks) become spaces, and
/// invisible format characters (soft hyphen, zero-width spaces and joiners, direction marks,
/// byte order mark) are dropped rather than drawn as boxes. Everything else is drawn as
/// written; a character no embedded face has becomes a box when the document is assembled
/// (`fonts::embed`), and is counted there.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// An RGB colour, also distinct in greyscale print (chosen by lightness).
#[derive(Clone, Copy)]
pub struct Rgb3(pub f32, pub f32, pub f32);

impl Rgb3 {
    pub fn color(self) -> Color {
        Color::Rgb(Rgb::new(self.0, self.1, self.2, None))
    }
}

pub const BLACK: Rgb3 = Rgb3(0.0, 0.0, 0.0);
pub const GREY: Rgb3 = Rgb3(0.4, 0.4, 0.4);
pub const RULE: Rgb3 = Rgb3(0.75, 0.75, 0.75);
pub const SHADE: Rgb3 = Rgb3(0.93, 0.93, 0.93);

/// A page being laid out, top-down.
pub struct Pages<'m> {
    pub m: &'m Metrics,
    pub pages: Vec<Vec<Op>>,
    pub ops: Vec<Op>,
    /// Cursor, mm from the top of the page.
    pub y: f32,
    /// Titles of sections starting on each page, for bookmarks.
    pub bookmarks: Vec<(String, usize)>,
}

impl<'m> Pages<'m> {
    pub fn new(m: &'m Metrics) -> Pages<'m> {
        Pages { m, pages: Vec::new(), ops: Vec::new(), y: TOP, bookmarks: Vec::new() }
    }

    pub fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(ops);
        self.y = TOP;
    }

    /// Starts a new page unless `h` mm still fit on this one. Returns true on a new page.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Finishes the last page and returns all pages.
    pub fn finish(mut self) -> (Vec<Vec<Op>>, Vec<(String, usize)>) {
        if !self.ops.is_empty() || self.pages.is_empty() {
            let ops = std::mem::take(&mut self.ops);
            self.pages.push(ops);
        }
        (self.pages, self.bookmarks)
    }

    /// The 1-based number of the page being laid out.
    pub fn page_no(&self) -> usize {
        self.pages.len() + 1
    }

    /// Draws text with its baseline `y` mm from the top.
    pub fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, col: Rgb3, s: &str) {
        text_ops(&mut self.ops, x, y, size, bold, col, s);
    }

    /// A section title; starts a new page when less than `keep` mm remain.
    pub fn heading(&mut self, title: &str, keep: f32) {
        if self.y > TOP {
            self.y += 4.0;
        }
        self.ensure(12.0 + keep);
        self.bookmarks.push((title.to_string(), self.page_no()));
        self.y += 6.0;
        let y = self.y;
        self.text_at(MARGIN, y, 13.0, true, BLACK, title);
        self.y += 2.0;
        let y = self.y;
        rule(&mut self.ops, MARGIN, PAGE_W - MARGIN, y, 0.8, RULE);
        self.y += 5.0;
    }

    /// A paragraph wrapped to the content width.
    pub fn para(&mut self, s: &str, size: f32, col: Rgb3) {
        let lines = self.m.wrap(&sanitize(s), CONTENT_W, size, false, 40);
        let lh = size * 0.45;
        for l in lines {
            self.ensure(lh);
            self.y += lh;
            let y = self.y;
            self.text_at(MARGIN, y, size, false, col, &l);
        }
        self.y += 1.5;
    }

    /// One "– " item of a list, `indent` mm in from the margin, wrapped to at most `max_lines`
    /// lines of `lh` mm.
    pub fn dash_item(&mut self, s: &str, indent: f32, size: f32, lh: f32, col: Rgb3, max_lines: usize) {
        for l in self.m.wrap(&sanitize(&format!("– {s}")), CONTENT_W - indent - 2.0, size, false, max_lines) {
            self.ensure(lh);
            self.y += lh;
            let y = self.y;
            self.text_at(MARGIN + indent, y, size, false, col, &l);
        }
    }
}

pub fn text_ops(ops: &mut Vec<Op>, x: f32, y: f32, size: f32, bold: bool, col: Rgb3, s: &str) {
    let font = FONTS.face(bold).handle();
    let x_pt: Pt = Mm(x).into();
    let y_pt: Pt = Mm(PAGE_H - y).into();
    ops.extend([
        Op::StartTextSection,
        Op::SetFillColor { col: col.color() },
        Op::SetFont { font, size: Pt(size) },
        Op::SetTextMatrix { matrix: TextMatrix::Translate(x_pt, y_pt) },
        Op::ShowText { items: vec![TextItem::Text(sanitize(s))] },
        Op::EndTextSection,
    ]);
}

/// A filled rectangle, `y` its top edge in mm from the page top.
pub fn fill_rect(ops: &mut Vec<Op>, col: Rgb3, x: f32, y: f32, w: f32, h: f32) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let mut r = Rect::from_xywh(Mm(x).into(), Mm(PAGE_H - y - h).into(), Mm(w).into(), Mm(h).into());
    r.mode = Some(PaintMode::Fill);
    ops.push(Op::SetFillColor { col: col.color() });
    ops.push(Op::DrawRectangle { rectangle: r });
}

/// A horizontal line.
pub fn rule(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32, pt: f32, col: Rgb3) {
    let yy = Mm(PAGE_H - y);
    let points = vec![LinePoint { p: Point::new(Mm(x1), yy), bezier: false }, LinePoint { p: Point::new(Mm(x2), yy), bezier: false }];
    ops.extend([
        Op::SetOutlineColor { col: col.color() },
        Op::SetOutlineThickness { pt: Pt(pt) },
        Op::DrawLine { line: Line { points, is_closed: false } },
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_and_wrap_stay_inside() {
        let m = Metrics::new();
        let long = "Vitamin D3 + K2 (MK-7) 5,000 IU / 100 mcg with organic coconut oil, 120 softgels, extra long name ".repeat(4);
        let f = m.fit(&long, 50.0, 8.0, false);
        assert!(m.width(&f, 8.0, false) <= 50.0 && f.ends_with('…'));
        for l in m.wrap(&long, 60.0, 8.0, false, 3) {
            assert!(m.width(&l, 8.0, false) <= 60.0 + 0.01, "{l}");
        }
        assert_eq!(m.wrap(&long, 60.0, 8.0, false, 3).len(), 3);
        assert!(m.width("W", 10.0, false) > m.width("i", 10.0, false));
    }

    #[test]
    fn sanitize_keeps_the_text_as_written() {
        let cases = [
            ("signs and Greek mu", "125 μg ≥ 4000 IU – MenaQ7® 😀", "125 μg ≥ 4000 IU – MenaQ7® 😀"),
            ("scripts", "Łódź Příbram Şişli Βιταμίνη Витамин", "Łódź Příbram Şişli Βιταμίνη Витамин"),
            ("controls", "a\tb\nc\u{7}", "a b c "),
            ("invisible format characters", "\u{feff}Vita\u{ad}min\u{200b} D3\u{200e}", "Vitamin D3"),
        ];
        for (name, input, want) in cases {
            assert_eq!(sanitize(input), want, "{name}");
        }
    }

    #[test]
    fn widths_follow_the_script() {
        let m = Metrics::new();
        let cases = [("Cyrillic is measured, not a fallback width", "Щ", "i"), ("Greek", "Ω", "ι"), ("Polish", "Ł", "ł")];
        for (name, wide, narrow) in cases {
            assert!(m.width(wide, 10.0, false) > m.width(narrow, 10.0, false), "{name}");
        }
        let long = "Витамин D3 + K2 (МК-7) ελαιόλαδο Zażółć gęślą jaźń ".repeat(6);
        let f = m.fit(&long, 50.0, 8.0, true);
        assert!(m.width(&f, 8.0, true) <= 50.0 && f.ends_with('…'), "{f}");
    }
}
