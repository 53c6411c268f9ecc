//! Tables with a shaded header row that repeats on every page; cells are cut with an ellipsis.

use super::layout::{BLACK, MARGIN, Pages, RULE, Rgb3, SHADE, fill_rect, rule, sanitize};

/// One column: title, width in mm, right-aligned.
pub struct Col<'a> {
    pub title: &'a str,
    pub width: f32,
    pub right: bool,
}

const ROW_H: f32 = 5.2;
const SIZE: f32 = 8.0;

fn header(p: &mut Pages, cols: &[Col]) {
    let y = p.y;
    fill_rect(&mut p.ops, SHADE, MARGIN, y, cols.iter().map(|c| c.width).sum(), ROW_H);
    let mut x = MARGIN;
    for c in cols {
        cell(p, x, y, c, c.title, true, BLACK);
        x += c.width;
    }
    p.y += ROW_H;
}

fn cell(p: &mut Pages, x: f32, y: f32, c: &Col, s: &str, bold: bool, col: Rgb3) {
    let pad = 1.2;
    let s = p.m.fit(&sanitize(s), c.width - 2.0 * pad, SIZE, bold);
    let w = p.m.width(&s, SIZE, bold);
    let tx = if c.right { x + c.width - pad - w } else { x + pad };
    p.text_at(tx, y + ROW_H - 1.5, SIZE, bold, col, &s);
}

/// Draws a table; `colour` may colour a row's cells (e.g. by verdict).
pub fn table(p: &mut Pages, cols: &[Col], rows: &[Vec<String>], bold_first: bool) {
    p.ensure(ROW_H * 2.0);
    header(p, cols);
    let total: f32 = cols.iter().map(|c| c.width).sum();
    for r in rows {
        if p.ensure(ROW_H) {
            header(p, cols);
        }
        let y = p.y;
        let mut x = MARGIN;
        for (i, c) in cols.iter().enumerate() {
            let s = r.get(i).map(String::as_str).unwrap_or("");
            cell(p, x, y, c, s, bold_first && i == 0, BLACK);
            x += c.width;
        }
        p.y += ROW_H;
        let y = p.y;
        rule(&mut p.ops, MARGIN, MARGIN + total, y, 0.3, RULE);
    }
    p.y += 2.0;
}
