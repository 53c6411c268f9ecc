//! The fonts every PDF embeds: DejaVu Sans and DejaVu Sans Bold (assets/fonts, Bitstream Vera
//! licence beside them), so the catalogue's text prints as written in Latin with its extensions,
//! Greek and Cyrillic, and extracts back (Identity-H with a ToUnicode map). Each document embeds
//! only the glyphs it draws: a subset made with allsorts (already built for printpdf), named
//! `XXXXXX+DejaVuSans` with a tag derived from the glyphs kept, so the bytes are reproducible.
//! A character neither face has is drawn as [`BOX`] and counted ([`Unprintable`]).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, TextItem};

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// What is drawn for a character the font has no glyph for: a visible box, never `?`.
pub const BOX: char = '\u{25a1}';

/// Advance widths of one face, for every character of the Basic Multilingual Plane it has.
pub struct Face {
    /// The PostScript name, e.g. `DejaVuSans-Bold`.
    name: &'static str,
    /// The resource name pages use for this face (fixed, so the bytes do not depend on
    /// printpdf's process-wide id counter).
    id: &'static str,
    ttf: &'static [u8],
    full: Option<ParsedFont>,
    /// Advance in font units by code point below U+10000; [`NONE`] where the face has no glyph.
    advance: Vec<u16>,
    units_per_em: f32,
}

const NONE: u16 = u16::MAX;

impl Face {
    fn load(name: &'static str, id: &'static str, ttf: &'static [u8]) -> Face {
        let mut warnings = Vec::new();
        let full = ParsedFont::from_bytes(ttf, 0, &mut warnings);
        let mut advance = vec![NONE; 0x1_0000];
        let mut units_per_em = 2048.0;
        if let Some(f) = &full {
            units_per_em = f32::from(f.units_per_em.max(1));
            for (&cp, &gid) in f.codepoint_to_glyph.range(..0x1_0000) {
                if gid != 0 {
                    advance[cp as usize] = f.get_glyph_width(gid).unwrap_or(0).min(NONE - 1);
                }
            }
        }
        Face { name, id, ttf, full, advance, units_per_em }
    }

    /// Whether the face draws `c` (characters beyond the BMP never: the report has no use for
    /// them, and DejaVu Sans covers almost none).
    pub fn has(&self, c: char) -> bool {
        self.advance.get(c as usize).is_some_and(|&a| a != NONE)
    }

    /// Width of `c` in em, [`BOX`]'s for a character the face does not have.
    pub fn em(&self, c: char) -> f32 {
        let a = match self.advance.get(c as usize) {
            Some(&a) if a != NONE => a,
            _ => self.advance[BOX as usize],
        };
        f32::from(a) / self.units_per_em
    }

    pub fn handle(&self) -> PdfFontHandle {
        PdfFontHandle::External(FontId(self.id.to_string()))
    }

    /// This face reduced to the glyphs of `chars` (plus `.notdef`), ready for printpdf; the
    /// whole face if subsetting fails (bigger, still correct), None if it cannot be parsed.
    fn subset_for(&self, chars: &BTreeSet<char>) -> Option<ParsedFont> {
        let full = self.full.as_ref()?;
        let gids: BTreeSet<u16> = std::iter::once(0).chain(chars.iter().filter_map(|c| full.lookup_glyph_index(*c as u32))).collect();
        let gids: Vec<u16> = gids.into_iter().collect();
        let bytes = ReadScope::new(self.ttf)
            .read::<FontData<'_>>()
            .ok()
            .and_then(|data| data.table_provider(0).ok())
            .and_then(|provider| subset(&provider, &gids, &pdf_tables(), CmapTarget::Unicode).ok());
        let mut warnings = Vec::new();
        let Some(mut font) = bytes.and_then(|b| ParsedFont::from_bytes(&b, 0, &mut warnings)) else {
            let mut whole = full.clone();
            whole.font_name = Some(self.name.to_string());
            return Some(whole);
        };
        font.font_name = Some(format!("{}+{}", subset_tag(self.name, &gids), self.name));
        Some(font)
    }
}

/// The tables a TrueType font program in a PDF needs (ISO 32000-1, 9.9), and cmap, from which
/// printpdf reads the subset's character map: allsorts' PDF profile without `name` (16 KB of
/// DejaVu's, in every document, for nothing a reader uses).
fn pdf_tables() -> SubsetProfile {
    SubsetProfile::Custom(vec![tag::CMAP, tag::HEAD, tag::CVT, tag::FPGM, tag::HHEA, tag::HMTX, tag::MAXP, tag::POST, tag::PREP])
}

/// Six capital letters that name a subset (ISO 32000-1, 9.6.4), from the face and its glyphs.
fn subset_tag(name: &str, gids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    for b in name.bytes().chain(gids.iter().flat_map(|g| g.to_be_bytes())) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| {
            let letter = (h >> (i * 10)) % 26;
            char::from(b'A' + letter as u8)
        })
        .collect()
}

/// The two faces, parsed once per process.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

pub static FONTS: LazyLock<Fonts> =
    LazyLock::new(|| Fonts { regular: Face::load("DejaVuSans", "F1", REGULAR_TTF), bold: Face::load("DejaVuSans-Bold", "F2", BOLD_TTF) });

impl Fonts {
    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    fn by_id(&self, id: &FontId) -> Option<&Face> {
        [&self.regular, &self.bold].into_iter().find(|f| f.id == id.0)
    }
}

/// Characters of a document that no embedded face has, drawn as [`BOX`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unprintable {
    /// How many were drawn.
    pub count: u64,
    /// Which ones, in code point order.
    pub chars: BTreeSet<char>,
}

impl Unprintable {
    pub fn add(&mut self, other: &Unprintable) {
        self.count += other.count;
        self.chars.extend(other.chars.iter().copied());
    }

    /// The run's `note:` for the PDFs of `shown`, if any character was replaced.
    pub fn note(&self, shown: &str) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let listed: Vec<String> = self.chars.iter().take(6).map(|c| format!("U+{:04X} {c}", *c as u32)).collect();
        let more = if self.chars.len() > 6 { format!(" and {} more", self.chars.len() - 6) } else { String::new() };
        Some(format!(
            "{shown}: {} character(s) in the PDFs have no glyph in the embedded fonts and are drawn as {BOX} ({}{more})",
            self.count,
            listed.join(", ")
        ))
    }
}

/// Puts each face's glyphs into the document: replaces every character the face lacks by
/// [`BOX`] (counted), then embeds a subset of each face that the pages use.
pub fn embed(doc: &mut PdfDocument, pages: &mut [Vec<Op>]) -> Unprintable {
    let fonts = &*FONTS;
    let mut used: [BTreeSet<char>; 2] = [BTreeSet::new(), BTreeSet::new()];
    let mut missing = Unprintable::default();
    for ops in pages.iter_mut() {
        let mut face: Option<(usize, &Face)> = None;
        for op in ops.iter_mut() {
            match op {
                Op::SetFont { font: PdfFontHandle::External(id), .. } => {
                    face = fonts.by_id(id).map(|f| (usize::from(f.id == fonts.bold.id), f));
                }
                Op::ShowText { items } => {
                    let Some((i, f)) = face else { continue };
                    for item in items.iter_mut() {
                        if let TextItem::Text(t) = item {
                            if t.chars().any(|c| !f.has(c)) {
                                *t = t
                                    .chars()
                                    .map(|c| {
                                        if f.has(c) {
                                            return c;
                                        }
                                        missing.count += 1;
                                        missing.chars.insert(c);
                                        BOX
                                    })
                                    .collect();
                            }
                            used[i].extend(t.chars());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (face, chars) in [&fonts.regular, &fonts.bold].into_iter().zip(&used) {
        if chars.is_empty() {
            continue;
        }
        if let Some(font) = face.subset_for(chars) {
            doc.resources.fonts.map.insert(FontId(face.id.to_string()), PdfFont::new(font));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_parse_and_cover_the_european_scripts() {
        let scripts = [
            ("German", "Größe Übergröße ẞ"),
            ("Polish", "Zażółć gęślą jaźń Łódź"),
            ("Czech", "Příliš žluťoučký kůň úpěl ďábelské ódy"),
            ("Turkish", "Şişli Ğ ğ ı İ çöü"),
            ("Hungarian", "Árvíztűrő tükörfúrógép ő ű"),
            ("Greek", "Βιταμίνη Δ3 ελαιόλαδο μg"),
            ("Cyrillic", "Витамин К2 мягких желатиновых капсул Ёё Її Ґґ Ђђ"),
            ("signs", "≥ ≤ → µ ® ™ – — … • · € ° ± ×"),
            ("box", "\u{25a1}"),
        ];
        for bold in [false, true] {
            let f = FONTS.face(bold);
            assert!(f.full.is_some(), "{} parses", f.name);
            for (name, text) in scripts {
                let lacking: String = text.chars().filter(|c| !c.is_whitespace() && !f.has(*c)).collect();
                assert!(lacking.is_empty(), "{} lacks {name}: {lacking}", f.name);
            }
        }
    }

    #[test]
    fn each_character_has_its_own_glyph_so_text_extracts_as_written() {
        // ToUnicode maps a glyph back to one character: two characters sharing a glyph (Latin
        // A and Cyrillic А, micro sign and Greek mu, space and no-break space) would extract as
        // the same one. DejaVu Sans gives every mapped character a glyph of its own.
        for bold in [false, true] {
            let Some(full) = FONTS.face(bold).full.as_ref() else { panic!("the face parses") };
            let mut seen = std::collections::BTreeMap::new();
            for (&cp, &g) in &full.codepoint_to_glyph {
                if let Some(prev) = seen.insert(g, cp) {
                    panic!("U+{prev:04X} and U+{cp:04X} share glyph {g} (bold {bold})");
                }
            }
            assert!(seen.len() > 3000, "{} characters", seen.len());
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = FONTS.face(false);
        let cases = [("W wider than i", 'W', 'i'), ("Cyrillic Ж wider than і", 'Ж', 'і'), ("m wider than l", 'm', 'l')];
        for (name, wide, narrow) in cases {
            assert!(f.em(wide) > f.em(narrow), "{name}");
        }
        assert_eq!(f.em('😀'), f.em(BOX), "a missing character is as wide as the box drawn for it");
        assert!(FONTS.face(true).em('a') > f.em('a'), "bold is wider");
    }

    #[test]
    fn subset_tags_are_six_capitals_and_depend_on_the_glyphs() {
        let cases = [("one glyph", vec![0u16, 36]), ("two glyphs", vec![0, 36, 37])];
        let tags: Vec<String> = cases.iter().map(|(_, g)| subset_tag("DejaVuSans", g)).collect();
        for ((name, _), t) in cases.iter().zip(&tags) {
            assert!(t.len() == 6 && t.chars().all(|c| c.is_ascii_uppercase()), "{name}: {t}");
        }
        assert_ne!(tags[0], tags[1]);
        assert_eq!(subset_tag("DejaVuSans", &[0, 36]), tags[0], "deterministic");
    }

    #[test]
    fn the_note_counts_and_names_the_characters() {
        let cases: Vec<(&str, Unprintable, Option<&str>)> = vec![
            ("nothing replaced", Unprintable::default(), None),
            (
                "two emoji",
                Unprintable { count: 3, chars: ['😀', '🍊'].into_iter().collect() },
                Some("a.csv: 3 character(s) in the PDFs have no glyph in the embedded fonts and are drawn as □ (U+1F34A 🍊, U+1F600 😀)"),
            ),
        ];
        for (name, u, want) in cases {
            assert_eq!(u.note("a.csv").as_deref(), want, "{name}");
        }
    }
}
