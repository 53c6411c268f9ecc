//! report.pdf (SPEC §7). Placeholder until the PDF writer lands.

use super::ReportData;

pub fn render(_d: &ReportData) -> Vec<u8> {
    Vec::new()
}

/// Safe, unique file names for by-supplier PDFs.
pub fn safe_file_names(names: &[String]) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    names
        .iter()
        .map(|n| {
            let mut base: String = n.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
            base = base.trim_matches('-').to_string();
            if base.is_empty() {
                base = "supplier".into();
            }
            let mut name = format!("{base}.pdf");
            let mut i = 2;
            while !used.insert(name.to_lowercase()) {
                name = format!("{base}-{i}.pdf");
                i += 1;
            }
            name
        })
        .collect()
}
