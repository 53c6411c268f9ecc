//! Bar charts: one bar per verdict, one stacked bar per criterion. Colours differ in lightness so
//! the charts also read in greyscale print, and every bar carries its number.

use printpdf::Op;

use super::layout::{BLACK, GREY, Metrics, Rgb3, fill_rect, text_ops};

/// Colours for pass, warn, review, fail, invalid, skipped / n/a (light to dark, then light grey).
pub const PASS: Rgb3 = Rgb3(0.70, 0.87, 0.70);
pub const WARN: Rgb3 = Rgb3(0.93, 0.66, 0.18);
pub const REVIEW: Rgb3 = Rgb3(0.36, 0.52, 0.82);
pub const FAIL: Rgb3 = Rgb3(0.68, 0.10, 0.10);
pub const INVALID: Rgb3 = Rgb3(0.18, 0.18, 0.18);
pub const NEUTRAL: Rgb3 = Rgb3(0.88, 0.88, 0.88);

/// A horizontal bar of `value / max` of `w` mm, with a label after it.
#[allow(clippy::too_many_arguments)] // a drawing primitive: position, size, value and style
pub fn bar(ops: &mut Vec<Op>, x: f32, y: f32, w: f32, h: f32, value: u64, max: u64, col: Rgb3, label: &str) {
    let frac = if max == 0 { 0.0 } else { value as f32 / max as f32 };
    let bw = (w * frac).max(if value > 0 { 0.4 } else { 0.0 });
    fill_rect(ops, col, x, y, bw, h);
    text_ops(ops, x + bw + 1.5, y + h - 0.8, 7.5, false, GREY, label);
}

/// A stacked bar of `parts` (count, colour) over `w` mm; segments wide enough show their count.
pub fn stacked(ops: &mut Vec<Op>, m: &Metrics, x: f32, y: f32, w: f32, h: f32, parts: &[(u64, Rgb3, bool)]) {
    let total: u64 = parts.iter().map(|p| p.0).sum();
    if total == 0 {
        fill_rect(ops, NEUTRAL, x, y, w, h);
        return;
    }
    let mut cx = x;
    for &(n, col, dark) in parts {
        if n == 0 {
            continue;
        }
        let sw = w * n as f32 / total as f32;
        fill_rect(ops, col, cx, y, sw, h);
        let label = n.to_string();
        let lw = m.width(&label, 6.5, false);
        if lw + 1.0 < sw {
            let col = if dark { Rgb3(1.0, 1.0, 1.0) } else { BLACK };
            text_ops(ops, cx + (sw - lw) / 2.0, y + h - 1.0, 6.5, false, col, &label);
        }
        cx += sw;
    }
}

/// A legend: swatch and name for each entry, on one line.
pub fn legend(ops: &mut Vec<Op>, m: &Metrics, x: f32, y: f32, entries: &[(&str, Rgb3)]) {
    let mut cx = x;
    for (name, col) in entries {
        fill_rect(ops, *col, cx, y - 2.6, 3.0, 3.0);
        text_ops(ops, cx + 4.0, y, 7.5, false, BLACK, name);
        cx += 4.0 + m.width(name, 7.5, false) + 5.0;
    }
}
