//! Labelled sections in free text (SPEC §8): a description holding the label's "Warnings:" or
//! "Other ingredients:" carries that fact for its product, whatever columns the export has. The
//! headings are vocabulary words ([`Tok::Heading`], `vocab.txt`), found by the record's one scan;
//! this reads which of them open a section and where the section ends.

use super::vocab::{Heading, Hit, Tok};

/// A section of one normalised text: its heading's kind and the span from the heading's start to
/// the end of its body (for the evidence's quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub heading: Heading,
    pub start: usize,
    pub end: usize,
}

/// The first section under a `want` heading in `text`, given the text's vocabulary hits: a
/// heading followed by a colon, or standing alone on its line, with some words in its body. The
/// body runs to the end of its line or the next heading, whichever comes first.
pub fn first(text: &str, hits: &[Hit], want: Heading) -> Option<Section> {
    let mut i = 0;
    while i < hits.len() {
        let h = hits[i];
        i += 1;
        if h.tok != Tok::Heading(want) {
            continue;
        }
        let Some(body_start) = opens_at(text, h) else { continue };
        // The next heading that opens a section ends this one.
        let next = hits[i..]
            .iter()
            .filter(|n| matches!(n.tok, Tok::Heading(_)) && n.start >= body_start && opens_at(text, **n).is_some())
            .map(|n| n.start)
            .next()
            .unwrap_or(text.len());
        let line_end = text[body_start..].find('\n').map_or(text.len(), |e| body_start + e);
        let end = next.min(line_end);
        let body = text[body_start..end].trim_end();
        if body.chars().any(char::is_alphabetic) {
            return Some(Section { heading: want, start: h.start, end: body_start + body.len() });
        }
    }
    None
}

/// Where the body of the section opened by heading `h` starts, when `h` is a heading there: a
/// colon follows it (on its line), or it stands alone on its line and the next line holds the body.
fn opens_at(text: &str, h: Hit) -> Option<usize> {
    let after = &text[h.end..];
    let rest = after.trim_start_matches([' ', '\t']);
    let skipped = h.end + (after.len() - rest.len());
    if let Some(r) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
        let body = r.trim_start();
        return Some(text.len() - body.len());
    }
    let line_start = text[..h.start].trim_end_matches([' ', '\t']);
    let alone_before = line_start.is_empty() || line_start.ends_with('\n');
    let own_line = rest.trim_start_matches(['.', '-']).trim_start_matches([' ', '\t', '\r']);
    if alone_before && own_line.starts_with('\n') {
        let body = own_line.trim_start();
        return Some(text.len() - body.len()).filter(|b| *b > skipped);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::Norm;
    use crate::extract::vocab::scan;

    /// The section of `want` in `raw`, as the normalised text it spans.
    fn section(raw: &str, want: Heading) -> Option<String> {
        let mut n = Norm::new();
        n.set(raw);
        let mut hits = Vec::new();
        scan(&n.text, &mut hits);
        first(&n.text, &hits, want).map(|s| n.text[s.start..s.end].to_string())
    }

    #[test]
    fn headings_open_sections_only_as_headings() {
        use Heading::{Ingredients as I, Warnings as W};
        let cases: &[(&str, &str, Heading, Option<&str>)] = &[
            ("colon", "D3 + K2. Warnings: keep out of reach of children.", W, Some("warnings: keep out of reach of children.")),
            ("upper case", "WARNINGS: Consult your doctor.", W, Some("warnings: consult your doctor.")),
            ("space before colon", "Caution : not for children", W, Some("caution : not for children")),
            ("own line", "D3 + K2 drops\nWarnings\nKeep cool.", W, Some("warnings\nkeep cool.")),
            ("ends at the next heading", "Warning: for adults. Directions: 1 a day.", W, Some("warning: for adults.")),
            ("ends at the line", "Caution: adults only.\nMade in USA", W, Some("caution: adults only.")),
            ("a word in a sentence is no heading", "Read the warnings on the label.", W, None),
            ("empty body", "Warnings:   \nIngredients: MCT oil", W, None),
            ("heading at the end", "D3 + K2\nWarnings", W, None),
            ("other ingredients", "Other ingredients: MCT oil, gelatin.", I, Some("other ingredients: mct oil, gelatin.")),
            ("ingredients after warnings", "Warnings: none known. Ingredients: cellulose", I, Some("ingredients: cellulose")),
            ("ingredients in a sentence", "made with natural ingredients you can trust", I, None),
            ("wrong kind", "Warnings: adults only", I, None),
        ];
        for (name, raw, want, expected) in cases {
            assert_eq!(section(raw, *want).as_deref(), *expected, "{name}");
        }
    }

    /// One case per language of the vocabulary: the warnings heading and the ingredients heading.
    #[test]
    fn headings_in_every_language() {
        use Heading::{Ingredients as I, Warnings as W};
        let cases: &[(&str, &str, Heading)] = &[
            ("en warnings", "Warnings: Keep out of reach of children.", W),
            ("en warning", "Warning: if pregnant, ask a doctor.", W),
            ("en caution", "CAUTION: Do not exceed the dose.", W),
            ("en other ingredients", "Other Ingredients: microcrystalline cellulose", I),
            ("en ingredients", "Ingredients: cellulose, vitamin D3", I),
            ("de warnhinweise", "Warnhinweise: Außerhalb der Reichweite von Kindern lagern.", W),
            ("de hinweise", "Hinweise: Nicht für Kinder.", W),
            ("de zutaten", "Zutaten: Maltodextrin, Cholecalciferol", I),
            ("de sonstige bestandteile", "Sonstige Bestandteile: Cellulose", I),
            ("fr avertissement", "Avertissement : ne pas dépasser la dose.", W),
            ("fr avertissements", "Avertissements: tenir hors de portée des enfants.", W),
            ("fr ingrédients", "Ingrédients : huile de tournesol", I),
            ("es advertencias", "Advertencias: mantener fuera del alcance de los niños.", W),
            ("es ingredientes", "Ingredientes: celulosa", I),
            ("it avvertenze", "Avvertenze: tenere fuori dalla portata dei bambini.", W),
            ("it ingredienti", "Ingredienti: cellulosa", I),
            ("nl waarschuwing", "Waarschuwing: buiten bereik van kinderen.", W),
            ("nl waarschuwingen", "Waarschuwingen: niet voor kinderen.", W),
            ("nl ingrediënten", "Ingrediënten: cellulose", I),
            ("pl ostrzeżenia", "Ostrzeżenia: przechowywać poza zasięgiem dzieci.", W),
            ("pl składniki", "Składniki: celuloza", I),
            ("cs upozornění", "Upozornění: uchovávejte mimo dosah dětí.", W),
            ("cs složení", "Složení: celulóza", I),
            ("ru предупреждения", "Предупреждения: хранить в недоступном для детей месте.", W),
            ("ru меры предосторожности", "Меры предосторожности: не превышать дозу.", W),
            ("ru состав", "Состав: целлюлоза", I),
            ("ru другие ингредиенты", "Другие ингредиенты: целлюлоза", I),
            ("el προειδοποιήσεις", "Προειδοποιήσεις: να φυλάσσεται μακριά από παιδιά.", W),
            ("el upper case", "ΠΡΟΕΙΔΟΠΟΙΗΣΕΙΣ: να φυλάσσεται μακριά από παιδιά.", W),
            ("el συστατικά", "Συστατικά: κυτταρίνη", I),
        ];
        for (name, raw, want) in cases {
            assert!(section(raw, *want).is_some(), "{name}: no section");
            let other = if *want == W { I } else { W };
            assert_eq!(section(raw, other), None, "{name}: the other kind");
        }
    }
}
